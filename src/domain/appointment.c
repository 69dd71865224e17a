/*
** Appointment proposals: the procedure steps, the meeting validity and the
** vote (APPT-VOTE), creation with its eligibility findings, reading and
** listing (see appointment.h). Decisions, direct records and the due list
** are in appointment_decision.c.
*/
#include "domain/appointment.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/appt_internal.h"
#include "domain/cadre.h"
#include "domain/eligibility.h"
#include "domain/relative.h"
#include "domain/title.h"
#include "domain/unit.h"

const char *appt_kind_label(const char *kind) {
  static const char *const K[][2] = {{"appointment", "bổ nhiệm"},     {"reappointment", "bổ nhiệm lại"},
                                     {"promotion", "đề bạt"},         {"nomination", "giới thiệu ứng cử"},
                                     {"extension", "kéo dài thời gian giữ chức vụ"}, {"dismissal", "miễn nhiệm"}};
  for (size_t i = 0; kind && i < sizeof K / sizeof K[0]; i++)
    if (strcmp(kind, K[i][0]) == 0) return K[i][1];
  return "";
}

const char *appt_status_label(const char *status) {
  static const char *const S[][2] = {{"open", "đang thực hiện quy trình"}, {"failed", "không đạt"},
                                     {"decided", "đã quyết định"},         {"withdrawn", "đã rút"}};
  for (size_t i = 0; status && i < sizeof S / sizeof S[0]; i++)
    if (strcmp(status, S[i][0]) == 0) return S[i][1];
  return "";
}

const char *appt_pct(Arena *a, long long part, long long whole) {
  if (whole <= 0) return "0%";
  long long tenths = (part * 1000 + whole / 2) / whole;
  if (tenths % 10 == 0) return arena_printf(a, "%lld%%", tenths / 10);
  return arena_printf(a, "%lld,%lld%%", tenths / 10, tenths % 10);
}

const char *appt_term_end(Arena *a, const char *from, int years) {
  Date d;
  if (!from || date_parse(from, &d, DATE_FULL) != 0) return NULL;
  Date e = {d.y + years, d.m, d.d};
  if (e.m == 2 && e.d == 29 && !date_is_leap(e.y)) e.m = 3, e.d = 1;
  e = date_add_days(e, -1);
  char buf[16];
  return arena_strdup(a, date_iso(e, buf));
}

bool appt_kind_valid(const char *kind, bool allow_dismissal) {
  static const char *const K[] = {"appointment", "reappointment", "promotion", "nomination", "extension"};
  for (size_t i = 0; kind && i < sizeof K / sizeof K[0]; i++)
    if (strcmp(kind, K[i]) == 0) return true;
  return allow_dismissal && kind && strcmp(kind, "dismissal") == 0;
}

int appt_resolve(Db *db, Arena *a, Scope scope, const char *cadre_code, const char *unit_code, const char *title_code, ApptRefs *out) {
  int rc = cadre_find(db, a, scope, cadre_code ? cadre_code : "", &out->cadre);
  if (!rc) rc = unit_find(db, a, scope, unit_code ? unit_code : "", &out->unit);
  if (!rc) rc = title_find(db, a, title_code ? title_code : "", &out->title);
  return rc;
}

char *appt_json_text(json_t *j) {
  char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(j);
  return s;
}

/* Insert the participants (codes resolved within scope). */
static int add_participants(Db *db, Arena *a, long long pid, const ProposalReq *req, const char *scope) {
  for (int i = 0; i < req->nparticipants; i++) {
    Cadre c;
    int rc = cadre_find(db, a, scope_from_legacy(scope), req->participants[i], &c);
    if (rc) return rc;
    const char *role = req->participant_roles && req->participant_roles[i] ? req->participant_roles[i] : "voter";
    if (strcmp(role, "proposer") != 0 && strcmp(role, "voter") != 0) return CB_EINVAL;
    DbStmt *st = db_prepare(db, "INSERT INTO proposal_participants(proposal_id, cadre_id, role) "
                                "VALUES(?, ?, ?) ON CONFLICT DO NOTHING");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, pid);
    db_bind_int(st, 2, c.id);
    db_bind_text(st, 3, role);
    if ((rc = db_run(st))) return rc;
  }
  return 0;
}

int appt_check(Db *db, Arena *a, Scope scope, const ApptRefs *refs, const char *kind, const char *source, const char *date, long long proposal_id, Findings *out) {
  EligReq er = {.purpose = PURPOSE_APPOINTMENT, .cadre_code = refs->cadre.code, .title_code = refs->title.code,
                .unit_code = refs->unit.code, .date = date, .kind = kind, .source = source, .scope = scope_legacy(scope)};
  int rc = eligibility_check(db, a, &er, out);
  if (!rc && proposal_id > 0) rc = relative_check_participants(db, out, proposal_id, refs->cadre.id, date);
  return rc;
}

int appt_other_holders(Db *db, Arena *a, Scope scope, const Proposal *p, const char *date, const char ***out, int *n,
                       int *hidden) {
  *out = NULL, *n = 0, *hidden = 0;
  DbStmt *st = db_prepare(db, "SELECT c.full_name, c.code, ps.start_date, cu.path FROM positions ps "
                              "JOIN units u ON u.id = ps.unit_id JOIN titles t ON t.id = ps.title_id "
                              "JOIN cadres c ON c.id = ps.cadre_id JOIN units cu ON cu.id = c.unit_id "
                              "WHERE u.code = ?1 AND t.code = ?2 AND c.code <> ?3 AND ps.start_date <= ?4 "
                              "AND (ps.end_date IS NULL OR ps.end_date >= ?4) ORDER BY ps.start_date, ps.id LIMIT 20");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, p->unit_code);
  db_bind_text(st, 2, p->title_code);
  db_bind_text(st, 3, p->cadre_code);
  db_bind_text(st, 4, date);
  const char **v = arena_alloc(a, sizeof *v * 20);
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    if (!scope_contains(scope, db_text(st, 3))) {
      (*hidden)++;
      continue;
    }
    char d[16];
    v[(*n)++] = arena_printf(a, "%s (%s), từ %s", db_text(st, 0), db_text(st, 1), date_iso_to_vn(db_text(st, 2), d));
  }
  db_finalize(st);
  *out = v;
  return rc < 0 ? CB_EDB : 0;
}

/* Does the cadre hold the title in the unit on ISO `date` (a post, main or concurrent)? 1, 0 or CB_EDB. */
static int holds_post(Db *db, const ApptRefs *r, const char *date) {
  DbStmt *st = db_prepare(db, "SELECT 1 FROM positions WHERE cadre_id = ? AND unit_id = ? AND title_id = ? AND "
                              "start_date <= ?4 AND (end_date IS NULL OR end_date >= ?4) LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, r->cadre.id);
  db_bind_int(st, 2, r->unit.id);
  db_bind_int(st, 3, r->title.id);
  db_bind_text(st, 4, date);
  int rc = db_step(st);
  db_finalize(st);
  return rc < 0 ? CB_EDB : rc == DB_ROW;
}

int appt_proposal_create(Db *db, Arena *a, Scope scope, const ProposalReq *req, const char *actor, long long *id, Findings *out) {
  findings_init(out, a);
  if (!appt_kind_valid(req->kind, false) || !appt_steps_required(req->source)) return CB_EINVAL;
  Date d;
  char today[16];
  const char *date = req->date && *req->date ? req->date : date_iso(date_today(), today);
  if (date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
  ApptRefs refs;
  int rc = appt_resolve(db, a, scope, req->cadre_code, req->unit_code, req->title_code, &refs);
  if (rc) return rc;
  char iso[16];
  date_iso(d, iso);
  if ((strcmp(req->kind, "appointment") == 0 || strcmp(req->kind, "promotion") == 0) &&
      (rc = holds_post(db, &refs, iso)) != 0)
    return rc < 0 ? rc : CB_EEXIST;
  if (db_begin(db) != 0) return CB_EDB;
  DbStmt *st = db_prepare(db, "INSERT INTO proposals(cadre_id, kind, unit_id, title_id, source, status, created_at, "
                              "created_by) VALUES(?, ?, ?, ?, ?, 'open', ?, ?)");
  if (!st) rc = CB_EDB;
  else {
    db_bind_int(st, 1, refs.cadre.id);
    db_bind_text(st, 2, req->kind);
    db_bind_int(st, 3, refs.unit.id);
    db_bind_int(st, 4, refs.title.id);
    db_bind_text(st, 5, req->source);
    db_bind_text(st, 6, iso); /* stored as ISO however typed ("1/2/2024") */
    db_bind_text(st, 7, actor);
    rc = db_run(st);
  }
  if (!rc) *id = db_last_id(db);
  if (!rc) rc = add_participants(db, a, *id, req, scope_legacy(scope));
  if (!rc) rc = appt_check(db, a, scope, &refs, req->kind, req->source, iso, *id, out);
  if (!rc) rc = findings_store(db, "proposal", *id, refs.cadre.id, iso, out);
  if (!rc) {
    char *after = appt_json_text(json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "cadre", refs.cadre.code, "kind",
                                           req->kind, "unit", refs.unit.code, "title", refs.title.code, "source",
                                           req->source, "date", iso, "verdict",
                                           result_name(findings_verdict(out))));
    rc = audit_log(db, actor, "create", "proposal", arena_printf(a, "%lld", *id), NULL, after);
    free(after);
  }
  if (!rc && db_commit(db) == 0) return 0;
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

#define PROPOSAL_COLS                                                                                          \
  "p.id, c.code, c.full_name, p.kind, u.code, u.name, t.code, t.name, p.source, p.status, p.created_at, "     \
  "p.created_by, u.path, (SELECT count(*) FROM proposal_steps s WHERE s.proposal_id = p.id), "                 \
  "(SELECT max(CASE f.result WHEN 'fail' THEN 3 WHEN 'warn' THEN 2 ELSE 1 END) FROM findings f "               \
  " WHERE f.subject = 'proposal' AND f.subject_id = p.id) " PROPOSAL_FROM
#define PROPOSAL_FROM                                                                                          \
  "FROM proposals p JOIN cadres c ON c.id = p.cadre_id JOIN units u ON u.id = p.unit_id "                      \
  "JOIN titles t ON t.id = p.title_id JOIN units cu ON cu.id = c.unit_id "

static const char *verdict_of(long long worst) { return worst >= 3 ? "fail" : worst == 2 ? "warn" : "pass"; }

static void read_row(DbStmt *st, Arena *a, ProposalRow *r) {
  r->id = db_int(st, 0);
  const char **s[] = {&r->cadre_code, &r->cadre_name, &r->kind,   &r->unit_code, &r->unit_name,
                      &r->title_code, &r->title_name, &r->source, &r->status,    &r->created_at};
  for (int i = 0; i < 10; i++) *s[i] = arena_strdup(a, db_text(st, 1 + i));
  r->nsteps = (int)db_int(st, 13);
  r->steps_required = appt_procedure_steps(r->kind, r->source);
  r->verdict = verdict_of(db_int(st, 14));
}

static int load_steps(Db *db, Arena *a, Proposal *p) {
  DbStmt *st = db_prepare(db, "SELECT step, date, summoned, present, votes_for, note FROM proposal_steps "
                              "WHERE proposal_id = ? ORDER BY step");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, p->id);
  p->steps = arena_alloc(a, sizeof(ProposalStep) * 8);
  int rc;
  while ((rc = db_step(st)) == DB_ROW && p->nsteps < 8) {
    ProposalStep *s = &p->steps[p->nsteps++];
    memset(s, 0, sizeof *s);
    s->step = (int)db_int(st, 0);
    s->date = arena_strdup(a, db_text(st, 1));
    s->summoned = (int)db_int(st, 2);
    s->present = (int)db_int(st, 3);
    s->votes_for = db_isnull(st, 4) ? -1 : (int)db_int(st, 4);
    s->note = arena_strdup(a, db_text(st, 5));
  }
  db_finalize(st);
  if (rc < 0) return rc;
  for (int i = 0; i < p->nsteps; i++)
    if ((rc = appt_step_eval(db, a, p->kind, p->source, &p->steps[i]))) return rc;
  return 0;
}

/* The proposal's participants as "Name (CODE, role)"; one whose unit is outside `scope` is only counted, as
   "Người ngoài phạm vi của bạn (role)" (docs/SECURITY.md: a scoped reader never sees a person outside it). */
static int load_participants(Db *db, Arena *a, Scope scope, Proposal *p) {
  DbStmt *st = db_prepare(db, "SELECT c.full_name, c.code, pp.role, u.path FROM proposal_participants pp "
                              "JOIN cadres c ON c.id = pp.cadre_id JOIN units u ON u.id = c.unit_id "
                              "WHERE pp.proposal_id = ? ORDER BY pp.role, c.code");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, p->id);
  int rc, cap = 8;
  p->participants = arena_alloc(a, sizeof(char *) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (p->nparticipants == cap) {
      const char **w = arena_alloc(a, sizeof(char *) * (size_t)cap * 2);
      memcpy(w, p->participants, sizeof(char *) * (size_t)cap);
      p->participants = w, cap *= 2;
    }
    const char *role = strcmp(db_text(st, 2), "proposer") == 0 ? "đề xuất" : "biểu quyết";
    p->participants[p->nparticipants++] = scope_contains(scope, db_text(st, 3))
                                              ? arena_printf(a, "%s (%s, %s)", db_text(st, 0), db_text(st, 1), role)
                                              : arena_printf(a, "Người ngoài phạm vi của bạn (%s)", role);
  }
  db_finalize(st);
  return rc < 0 ? rc : 0;
}

static int load_decision(Db *db, Arena *a, Proposal *p) {
  DbStmt *st = db_prepare(db, "SELECT id, decision_date, decision_no, term_end FROM appointments WHERE proposal_id = ? "
                              "ORDER BY id DESC LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, p->id);
  int rc = db_step(st);
  if (rc == DB_ROW) {
    p->appointment_id = db_int(st, 0);
    p->decision_date = arena_strdup(a, db_text(st, 1));
    p->decision_no = arena_strdup(a, db_text(st, 2));
    p->term_end = arena_strdup(a, db_text(st, 3));
  }
  db_finalize(st);
  return rc < 0 ? rc : 0;
}

int appt_proposal_get(Db *db, Arena *a, Scope scope, long long id, Proposal *out) {
  memset(out, 0, sizeof *out);
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT " PROPOSAL_COLS "WHERE p.id = ?1 AND (?2 IS NULL OR "
                                                      "(cu.path >= ?2 AND cu.path < substr(?2, 1, length(?2) - 1) || '0'))");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  scope_bind(st, 2, scope);
  int rc = db_step(st);
  const char *path = NULL;
  if (rc == DB_ROW) {
    ProposalRow r;
    read_row(st, a, &r);
    path = arena_strdup(a, db_text(st, 12));
    out->created_by = arena_strdup(a, db_text(st, 11));
    out->id = r.id, out->cadre_code = r.cadre_code, out->cadre_name = r.cadre_name, out->kind = r.kind;
    out->unit_code = r.unit_code, out->unit_name = r.unit_name, out->title_code = r.title_code;
    out->title_name = r.title_name, out->source = r.source, out->status = r.status, out->created_at = r.created_at;
    out->steps_required = r.steps_required;
  }
  db_finalize(st);
  if (rc < 0) return rc;
  if (rc != DB_ROW || !scope_contains(scope, path)) return CB_ENOTFOUND;
  if ((rc = load_steps(db, a, out)) || (rc = load_participants(db, a, scope, out)) || (rc = load_decision(db, a, out)))
    return rc;
  findings_init(&out->findings, a);
  rc = findings_load(db, a, "proposal", id, &out->findings);
  if (!rc && out->appointment_id) {
    Findings more;
    rc = findings_load(db, a, "appointment", out->appointment_id, &more);
    for (int i = 0; !rc && i < more.n; i++)
      findings_add_raw(&out->findings, more.v[i].rule, more.v[i].basis, more.v[i].result, "Khi quyết định: %s",
                       more.v[i].message);
  }
  return rc;
}

/* The proposals of the subtree ?1, of status ?2 (NULL: any), whose cadre lies in the scope ?3. */
#define PROPOSALS_LISTED                                                                                       \
  "WHERE" SCOPE_SQL("u.path", 1) "AND (?2 IS NULL OR p.status = ?2) "                                            \
  "AND (?3 IS NULL OR (cu.path >= ?3 AND cu.path < substr(?3, 1, length(?3) - 1) || '0')) "
#define PROPOSALS_NEWEST "ORDER BY p.created_at DESC, p.id DESC"

/* appt_proposal_list's subtree: the scope, or unit_code's within it. 0 or CB_ENOTFOUND / CB_EDB. */
static int proposals_subtree(Db *db, Arena *a, Scope scope, const char *unit_code, Scope *sub) {
  *sub = scope;
  if (!unit_code || !*unit_code) return 0;
  Unit u;
  int rc = unit_find(db, a, scope, unit_code, &u);
  if (!rc) *sub = scope_unit(u.path);
  return rc;
}

int appt_proposal_count(Db *db, Arena *a, Scope scope, const char *unit_code, const char *status, long long *n) {
  *n = 0;
  Scope sub;
  int rc = proposals_subtree(db, a, scope, unit_code, &sub);
  if (rc) return rc;
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT count(*) " PROPOSAL_FROM PROPOSALS_LISTED);
  if (!st) return CB_EDB;
  scope_bind(st, 1, sub);
  db_bind_text(st, 2, status && *status ? status : NULL);
  scope_bind(st, 3, scope);
  rc = db_step(st);
  if (rc == DB_ROW) *n = db_int(st, 0);
  db_finalize(st);
  return rc == DB_ROW ? 0 : CB_EDB;
}

int appt_proposal_list(Db *db, Arena *a, Scope scope, const char *unit_code, const char *status, int offset, int limit,
                       ProposalRow **out, int *n, long long *total) {
  *out = NULL, *n = 0;
  if (total) *total = 0;
  Scope sub;
  int rc = proposals_subtree(db, a, scope, unit_code, &sub);
  if (rc) return rc;
  DbStmt *st = limit > 0 ? db_prepare(db, DB_ONE_PLAN "SELECT " PROPOSAL_COLS PROPOSALS_LISTED PROPOSALS_NEWEST
                                                      " LIMIT ?4 OFFSET ?5")
                         : db_prepare(db, DB_ONE_PLAN "SELECT " PROPOSAL_COLS PROPOSALS_LISTED PROPOSALS_NEWEST);
  if (!st) return CB_EDB;
  scope_bind(st, 1, sub);
  db_bind_text(st, 2, status && *status ? status : NULL);
  scope_bind(st, 3, scope);
  if (limit > 0) db_bind_int(st, 4, limit), db_bind_int(st, 5, offset > 0 ? offset : 0);
  int cap = 16, cnt = 0;
  ProposalRow *v = arena_alloc(a, sizeof(ProposalRow) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      ProposalRow *w = arena_alloc(a, sizeof(ProposalRow) * (size_t)cap * 2);
      memcpy(w, v, sizeof(ProposalRow) * (size_t)cnt);
      v = w, cap *= 2;
    }
    read_row(st, a, &v[cnt++]);
  }
  db_finalize(st);
  *out = v, *n = cnt;
  if (rc < 0 || !total) return rc < 0 ? rc : 0;
  return db_page_total(offset, limit, cnt, total) ? 0 : appt_proposal_count(db, a, scope, unit_code, status, total);
}

/* The checks of appt_step_record before anything is written; *why in `a`. */
static int step_checks(Arena *a, const Proposal *p, const StepReq *req, const char **why) {
  Date d;
  if (strcmp(p->status, "open") != 0)
    return *why = arena_printf(a, "Đề nghị đã kết thúc (%s): không ghi thêm bước.", appt_status_label(p->status)),
           CB_EINVAL;
  int next = 1;
  for (int i = 0; i < p->nsteps; i++)
    if (p->steps[i].passed) next = p->steps[i].step + 1;
  if (next > p->steps_required)
    return *why = arena_strdup(a, "Đã đủ các bước của quy trình: chỉ còn ghi quyết định."), CB_EINVAL;
  if (req->step != next)
    return *why = arena_printf(a, "Bước tiếp theo là bước %d, không phải bước %d: các bước phải theo thứ tự.", next,
                               req->step),
           CB_EINVAL;
  ApptStepKind k = appt_procedure_step_kind(p->kind, p->source, req->step);
  const char *day = k == APPT_STEP_REPORT ? "Ngày báo cáo" : "Ngày họp"; /* as the form labels it */
  if (!req->date || date_parse(req->date, &d, DATE_FULL) != 0)
    return *why = arena_printf(a, "%s không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY).", day), CB_EINVAL;
  const char *prev = next > 1 ? p->steps[next - 2].date : p->created_at;
  char iso[16], vn[16], vn2[16];
  date_iso(d, iso);
  if (prev && strcmp(iso, prev) < 0)
    return *why = arena_printf(a, "%s %s trước ngày %s của %s: ngày không được lùi lại.", day, date_iso_to_vn(iso, vn),
                               date_iso_to_vn(prev, vn2), next > 1 ? "bước trước" : "đề nghị"),
           CB_EINVAL;
  Date today = date_today();
  if (date_cmp(d, today) > 0) /* a step is recorded once held, as a rotation is once it takes effect */
    return *why = arena_printf(a, "%s %s là ngày trong tương lai (hôm nay là %02d/%02d/%04d): ghi bước khi đã diễn ra.",
                               day, date_iso_to_vn(iso, vn), today.d, today.m, today.y),
           CB_EINVAL;
  if (k == APPT_STEP_REPORT) return 0; /* the cadre's report: no meeting, no counts */
  if (req->summoned < 1) return *why = arena_strdup(a, "Số người được triệu tập phải từ 1 trở lên."), CB_EINVAL;
  if (req->present < 0 || req->present > req->summoned)
    return *why = arena_printf(a, "Số người có mặt (%d) phải từ 0 đến số được triệu tập (%d).", req->present,
                               req->summoned),
           CB_EINVAL;
  if (appt_step_kind_has_vote(k) && (req->votes_for < 0 || req->votes_for > req->present))
    return *why = arena_printf(a, "Số phiếu đồng ý (%d) phải từ 0 đến số người có mặt (%d).", req->votes_for,
                               req->present),
           CB_EINVAL;
  return 0;
}

int appt_step_record(Db *db, Arena *a, Scope scope, long long proposal_id, const StepReq *req, const char *actor, ProposalStep *out, const char **why) {
  *why = NULL;
  if (db_begin(db) != 0) return CB_EDB;
  Proposal p;
  int rc = appt_proposal_get(db, a, scope, proposal_id, &p);
  if (!rc) rc = step_checks(a, &p, req, why);
  char iso[16];
  Date d;
  if (!rc) date_parse(req->date, &d, DATE_FULL), date_iso(d, iso);
  ApptStepKind k = appt_procedure_step_kind(p.kind, p.source, req->step);
  int votes = !rc && appt_step_kind_has_vote(k) ? req->votes_for : -1;
  bool report = k == APPT_STEP_REPORT;
  if (!rc) {
    memset(out, 0, sizeof *out);
    out->step = req->step, out->date = arena_strdup(a, iso);
    out->summoned = report ? 0 : req->summoned, out->present = report ? 0 : req->present, out->votes_for = votes;
    out->note = req->note;
    rc = appt_step_eval(db, a, p.kind, p.source, out);
  }
  if (!rc) {
    DbStmt *st = db_prepare(db, "DELETE FROM proposal_steps WHERE proposal_id = ? AND step = ?"); /* an invalid meeting held again */
    if (!st) rc = CB_EDB;
    else db_bind_int(st, 1, proposal_id), db_bind_int(st, 2, req->step), rc = db_run(st);
  }
  if (!rc) {
    DbStmt *st = db_prepare(db, "INSERT INTO proposal_steps(proposal_id, step, date, summoned, present, votes_for, note) "
                                "VALUES(?, ?, ?, ?, ?, ?, ?)");
    if (!st) rc = CB_EDB;
    else {
      db_bind_int(st, 1, proposal_id), db_bind_int(st, 2, req->step), db_bind_text(st, 3, iso);
      db_bind_int(st, 4, out->summoned), db_bind_int(st, 5, out->present);
      if (votes >= 0) db_bind_int(st, 6, votes);
      else db_bind_null(st, 6);
      db_bind_text(st, 7, req->note && *req->note ? req->note : NULL);
      rc = db_run(st);
    }
  }
  if (!rc && out->valid && !out->passed) {
    DbStmt *st = db_prepare(db, "UPDATE proposals SET status = 'failed' WHERE id = ?");
    if (!st) rc = CB_EDB;
    else db_bind_int(st, 1, proposal_id), rc = db_run(st);
  }
  if (!rc) {
    json_t *j = json_pack("{s:i, s:s, s:i, s:i, s:b, s:b}", "step", req->step, "date", iso, "summoned", out->summoned,
                          "present", out->present, "valid", out->valid, "passed", out->passed);
    if (votes >= 0) json_object_set_new(j, "votes_for", json_integer(votes));
    char *after = appt_json_text(j);
    rc = audit_log(db, actor, "create", "proposal_step", arena_printf(a, "%lld/%d", proposal_id, req->step), NULL,
                   after);
    free(after);
  }
  if (!rc && db_commit(db) == 0) return 0;
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

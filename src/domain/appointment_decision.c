/*
** Appointment decisions (see appointment.h): deciding a proposal, recording
** a decision made outside canbo's procedure, the list of decisions and the
** due list (APPT-8, APPT-9). Proposals and steps are in appointment.c.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/vi.h"
#include "domain/appointment.h"
#include "domain/appt_internal.h"
#include "domain/position.h"
#include "domain/position_edit.h"
#include "domain/retirement.h"
#include "domain/term.h"
#include "domain/planning.h"

/* Kinds that start a term of APPT-7 and a new position. */
static bool has_term(const char *kind) {
  return strcmp(kind, "appointment") == 0 || strcmp(kind, "reappointment") == 0 || strcmp(kind, "promotion") == 0;
}

/* Days from 1970-01-01 (proleptic Gregorian), for differences of dates. */
static long days_of(Date d) {
  int y = d.y - (d.m <= 2), m = d.m ? d.m : 1, dd = d.d ? d.d : 1;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static char *day_before(const char *iso, char *buf) {
  Date d;
  date_parse(iso, &d, DATE_FULL);
  return date_iso(date_add_days(d, -1), buf);
}

/* End the cadre's current main posts in the unit (all titles; dismissal: that title) the day before `date`. */
static int end_posts(Db *db, const ApptRefs *r, const char *date, bool only_title) {
  char prev[16];
  day_before(date, prev);
  DbStmt *st = db_prepare(db, "UPDATE position_records SET end_date = ?1 WHERE cadre_id = ?2 AND unit_id = ?3 AND "
                              "concurrent = 0 AND start_date <= ?1 AND (end_date IS NULL OR end_date > ?1) "
                              "AND (?4 = 0 OR title_id = ?4)");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, prev);
  db_bind_int(st, 2, r->cadre.id);
  db_bind_int(st, 3, r->unit.id);
  db_bind_int(st, 4, only_title ? r->title.id : 0);
  return db_run(st);
}

/*
** End the first post `st` (prepared and bound: id, cadre_id, end_date) finds, the day before the decision (`prev`),
** with its history row; *done when none is left. One at a time: an ended post no longer matches, so a loop over
** this reaches every one. 0 or CB_EDB.
*/
static int end_first_match(Db *db, Arena *a, const Editor *ed, DbStmt *st, const char *prev, const char *why,
                           bool *done) {
  int rc = db_step(st);
  long long id = rc == DB_ROW ? db_int(st, 0) : 0, who = rc == DB_ROW ? db_int(st, 1) : 0;
  const char *end = rc == DB_ROW ? arena_strdup(a, db_text(st, 2)) : NULL;
  db_finalize(st);
  *done = !id;
  if (rc < 0) return CB_EDB;
  return id ? position_end_in_tx(db, ed, who, id, end, prev, why) : 0;
}

/*
** The deputy post of the same body ends when its holder becomes the head: appointed Bí thư, the cadre's (often
** concurrent) Phó Bí thư post in that unit ends the day before; likewise Phó Chủ tịch UBND for Chủ tịch UBND and
** cấp phó for cấp trưởng (by the titles' function; a board-user trial's commune kept both posts). History rows with
** `why`. 0 or CB_EDB.
*/
static int end_deputy_posts(Db *db, Arena *a, const Editor *ed, const ApptRefs *r, const char *date, const char *why) {
  static const char *const DEPUTY[][2] = {{"party_secretary", "party_deputy_secretary"},
                                          {"pc_chairman", "pc_vice_chairman"},
                                          {"head", "deputy_head"}};
  const char *deputy = NULL;
  for (size_t i = 0; r->title.function && i < sizeof DEPUTY / sizeof DEPUTY[0]; i++)
    if (strcmp(r->title.function, DEPUTY[i][0]) == 0) deputy = DEPUTY[i][1];
  if (!deputy) return 0;
  char prev[16];
  day_before(date, prev);
  for (bool done = false;;) {
    DbStmt *st = db_prepare(db, "SELECT p.id, p.cadre_id, p.end_date FROM positions p JOIN titles t ON t.id = p.title_id "
                                "WHERE p.cadre_id = ?1 AND p.unit_id = ?2 AND t.function = ?3 AND p.start_date <= ?4 AND "
                                "(p.end_date IS NULL OR p.end_date > ?4) ORDER BY p.id LIMIT 1");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, r->cadre.id);
    db_bind_int(st, 2, r->unit.id);
    db_bind_text(st, 3, deputy);
    db_bind_text(st, 4, prev);
    int rc = end_first_match(db, a, ed, st, prev, why, &done);
    if (rc || done) return rc;
  }
}

/*
** The others holding the appointed title in the unit (DecisionReq.end_holders): their posts end the day before the
** decision, each with a history row "Thôi giữ chức vụ: bổ nhiệm đồng chí X theo quyết định …". 0 or CB_EDB.
*/
static int end_other_holders(Db *db, Arena *a, const Editor *ed, const ApptRefs *r, const char *date, const char *why) {
  char prev[16];
  day_before(date, prev);
  for (bool done = false;;) {
    DbStmt *st = db_prepare(db, "SELECT id, cadre_id, end_date FROM positions WHERE unit_id = ?1 AND title_id = ?2 AND "
                                "cadre_id <> ?3 AND start_date <= ?4 AND (end_date IS NULL OR end_date > ?4) "
                                "ORDER BY id LIMIT 1");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, r->unit.id);
    db_bind_int(st, 2, r->title.id);
    db_bind_int(st, 3, r->cadre.id);
    db_bind_text(st, 4, prev);
    int rc = end_first_match(db, a, ed, st, prev, why, &done);
    if (rc || done) return rc;
  }
}

/*
** Appointed to the title a pool planned them for, the cadre leaves that pool on the decision date (a remove act with
** the decision's number): the plan is fulfilled, and the pool shows who is still a source. 0 or CB_EDB.
*/
static int leave_fulfilled_pool(Db *db, Arena *a, const ApptRefs *r, const char *date, const char *decision_no,
                                const char *actor) {
  const char *term = term_of(a, date);
  if (!term) return 0;
  int in = planning_is_member(db, a, term, r->unit.id, r->title.id, r->cadre.id, date, NULL);
  if (in <= 0) return in < 0 ? CB_EDB : 0;
  long long id;
  return planning_insert_act(db, term, r->unit.id, r->title.id, r->cadre.id, "remove", date, decision_no,
                             "Đã được bổ nhiệm vào chức danh quy hoạch", NULL, actor, &id);
}

/* The term: years and end for kinds with a term; retirement point for extension; none otherwise. */
static void decision_term(Db *db, Arena *a, const ApptRefs *r, const char *kind, const char *date, int years_in,
                    int *years, const char **end) {
  *years = 0, *end = NULL;
  if (has_term(kind)) {
    RuleVersion rv;
    *years = years_in > 0 ? years_in
                          : rules_in_force(db, a, "APPT-7", date, &rv) == 0 ? (int)rule_param_int(&rv, "term_years", 5)
                                                                             : 5;
    *end = appt_term_end(a, date, *years);
  } else if (strcmp(kind, "extension") == 0) {
    Date birth;
    char buf[16];
    if (date_parse(r->cadre.birth_date, &birth, DATE_PARTIAL) == 0) {
      Date p = retirement_point(r->cadre.gender[0], birth);
      if (p.y) *end = arena_strdup(a, date_iso(p, buf));
    }
  }
}

/* The cadre's current main post of the decision's unit and title (its id; its decision number in *no, arena), 0
   when none. */
static long long post_held(Db *db, Arena *a, const ApptRefs *r, const char **no) {
  DbStmt *st = db_prepare(db, "SELECT id, decision_no FROM positions WHERE cadre_id = ? AND unit_id = ? AND title_id = ? "
                              "AND concurrent = 0 AND end_date IS NULL ORDER BY start_date DESC LIMIT 1");
  *no = NULL;
  if (!st) return 0;
  db_bind_int(st, 1, r->cadre.id);
  db_bind_int(st, 2, r->unit.id);
  db_bind_int(st, 3, r->title.id);
  long long id = 0;
  if (db_step(st) == DB_ROW) {
    id = db_int(st, 0);
    *no = db_isnull(st, 1) ? NULL : arena_strdup(a, db_text(st, 1));
  }
  db_finalize(st);
  return id;
}

/*
** Write the appointments row (and the post when asked). Caller's transaction.
** A decision with a term starts the main post: the cadre's current main posts
** end the day before and the cadre's unit follows (position_move_main_in_tx,
** history source "act:appointment"); a reappointment to the post the cadre
** holds keeps that post going; a dismissal ends the post of that title.
*/
static int write_decision(Db *db, Arena *a, const ApptRefs *r, const char *kind, const char *date,
                          const char *decision_no, const char *source, int term_years, long long proposal_id,
                          bool with_position, const char *actor, const char *scope, long long *id) {
  int years;
  const char *end;
  decision_term(db, a, r, kind, date, term_years, &years, &end);
  long long pos_id = 0;
  int rc = 0;
  if (with_position && strcmp(kind, "dismissal") == 0) rc = end_posts(db, r, date, true);
  const char *held_no = NULL;
  long long held = strcmp(kind, "reappointment") == 0 ? post_held(db, a, r, &held_no) : 0;
  if (held > 0) { /* a reappointment renews the post the cadre holds: the post goes on, on the new decision */
    pos_id = held;
    if (with_position) {
      Editor ed = {.actor = actor, .scope = scope, .source = "act:appointment"};
      char vn[16], vend[16];
      const char *why = arena_printf(a, "Bổ nhiệm lại theo quyết định %s ngày %s%s%s", decision_no ? decision_no : "",
                                     date_iso_to_vn(date, vn), end ? "; thời hạn đến hết ngày " : "",
                                     end ? date_iso_to_vn(end, vend) : "");
      rc = position_set_decision_in_tx(db, &ed, r->cadre.id, held, held_no, decision_no, why);
    }
  } else if (!rc && with_position && has_term(kind)) {
    char prev[16];
    Editor ed = {.actor = actor, .scope = scope, .source = "act:appointment"};
    const char *why = arena_printf(a, "%s%s%s", vi_capitalize(a, appt_kind_label(kind)),
                                   decision_no && *decision_no ? " theo quyết định " : "",
                                   decision_no && *decision_no ? decision_no : "");
    rc = position_move_main_in_tx(db, a, &ed, r->cadre.id, r->unit.id, r->title.id, date, day_before(date, prev),
                                  decision_no, why, &pos_id);
    if (!rc) rc = end_deputy_posts(db, a, &ed, r, date, why);
    if (!rc && strcmp(kind, "reappointment") != 0) rc = leave_fulfilled_pool(db, a, r, date, decision_no, actor);
  }
  if (rc) return rc;
  DbStmt *st = db_prepare(db, "INSERT INTO appointments(cadre_id, kind, unit_id, title_id, decision_date, decision_no, "
                              "source, term_years, term_end, position_id, proposal_id) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, r->cadre.id);
  db_bind_text(st, 2, kind);
  db_bind_int(st, 3, r->unit.id);
  db_bind_int(st, 4, r->title.id);
  db_bind_text(st, 5, date);
  db_bind_text(st, 6, decision_no && *decision_no ? decision_no : NULL);
  db_bind_text(st, 7, source && *source ? source : NULL);
  if (years > 0) db_bind_int(st, 8, years);
  else db_bind_null(st, 8);
  db_bind_text(st, 9, end);
  if (pos_id > 0) db_bind_int(st, 10, pos_id);
  else db_bind_null(st, 10);
  if (proposal_id > 0) db_bind_int(st, 11, proposal_id);
  else db_bind_null(st, 11);
  rc = db_run(st);
  if (!rc) *id = db_last_id(db);
  return rc;
}

static int audit_decision(Db *db, Arena *a, const char *actor, long long id, const ApptRefs *r, const char *kind,
                          const char *date, const char *decision_no, const char *override, const Findings *f) {
  json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "cadre", r->cadre.code, "kind", kind, "unit", r->unit.code,
                        "title", r->title.code, "decision_date", date, "verdict", result_name(findings_verdict(f)));
  if (decision_no && *decision_no) json_object_set_new(j, "decision_no", json_string(decision_no));
  if (override) json_object_set_new(j, "override", json_string(override));
  char *after = appt_json_text(j);
  int rc = audit_log(db, actor, "create", "appointment", arena_printf(a, "%lld", id), NULL, after);
  free(after);
  return rc;
}

/* Whether the proposal is ready for a decision on `iso`; *why in `a`. */
static int decide_checks(Arena *a, const Proposal *p, const char *iso, const char **why) {
  if (strcmp(p->status, "open") != 0)
    return *why = arena_printf(a, "Đề nghị đã kết thúc (%s).", appt_status_label(p->status)), CB_EINVAL;
  int passed = 0;
  for (int i = 0; i < p->nsteps; i++) passed += p->steps[i].passed;
  if (passed < p->steps_required)
    return *why = arena_printf(a, "Mới đạt %d/%d bước của quy trình: chưa thể quyết định.", passed, p->steps_required),
           CB_EINVAL;
  const char *last = p->steps[p->nsteps - 1].date;
  char v1[16], v2[16];
  if (strcmp(iso, last) < 0)
    return *why = arena_printf(a, "Ngày quyết định %s trước ngày họp bước cuối %s.", date_iso_to_vn(iso, v1),
                               date_iso_to_vn(last, v2)),
           CB_EINVAL;
  return 0;
}

int appt_decide(Db *db, Arena *a, Scope scope, long long proposal_id, const DecisionReq *req, const char *actor, long long *appointment_id, Findings *out, const char **why) {
  findings_init(out, a);
  *why = NULL;
  Date d;
  char iso[16];
  if (!req->date || date_parse(req->date, &d, DATE_FULL) != 0) {
    *why = "Ngày quyết định không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY).";
    return CB_EINVAL;
  }
  date_iso(d, iso);
  if (db_begin(db) != 0) return CB_EDB;
  Proposal p;
  ApptRefs r;
  int rc = appt_proposal_get(db, a, scope, proposal_id, &p);
  if (!rc) rc = decide_checks(a, &p, iso, why);
  if (!rc) rc = appt_resolve(db, a, scope, p.cadre_code, p.unit_code, p.title_code, &r);
  if (!rc) rc = appt_check(db, a, scope, &r, p.kind, p.source, iso, proposal_id, out);
  bool override = req->override && *req->override;
  if (!rc && findings_verdict(out) == RESULT_FAIL && !override) {
    const char *failed = "";
    for (int i = 0; i < out->n; i++)
      if (out->v[i].result == RESULT_FAIL &&
          !strstr(arena_printf(a, ", %s,", failed), arena_printf(a, ", %s,", out->v[i].rule)))
        failed = arena_printf(a, "%s%s%s", failed, *failed ? ", " : "", out->v[i].rule);
    *why = arena_printf(a, "Không đủ điều kiện vào ngày quyết định: %s «Không đạt» (xem kết quả kiểm tra); muốn vẫn "
                           "quyết định, ghi lý do.", failed);
    rc = CB_ERULE;
  }
  if (!rc)
    rc = write_decision(db, a, &r, p.kind, iso, req->decision_no, p.source, 0, proposal_id, true, actor, scope_legacy(scope),
                        appointment_id);
  if (!rc && req->end_holders) {
    Editor ed = {.actor = actor, .scope = scope_legacy(scope), .source = "act:appointment"};
    rc = end_other_holders(db, a, &ed, &r, iso,
                           arena_printf(a, "Thôi giữ chức vụ: %s đồng chí %s%s%s", appt_kind_label(p.kind),
                                        r.cadre.full_name, req->decision_no && *req->decision_no ? " theo quyết định " : "",
                                        req->decision_no && *req->decision_no ? req->decision_no : ""));
  }
  if (!rc) rc = findings_store(db, "appointment", *appointment_id, r.cadre.id, iso, out);
  if (!rc && override && findings_verdict(out) == RESULT_FAIL) {
    DbStmt *st = db_prepare(db, "UPDATE appointments SET override = ? WHERE id = ?");
    if (!st) rc = CB_EDB;
    else db_bind_text(st, 1, req->override), db_bind_int(st, 2, *appointment_id), rc = db_run(st);
  }
  if (!rc) {
    DbStmt *st = db_prepare(db, "UPDATE proposals SET status = 'decided' WHERE id = ?");
    if (!st) rc = CB_EDB;
    else db_bind_int(st, 1, proposal_id), rc = db_run(st);
  }
  if (!rc) rc = audit_decision(db, a, actor, *appointment_id, &r, p.kind, iso, req->decision_no,
                               override ? req->override : NULL, out);
  if (!rc && db_commit(db) == 0) return 0;
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

int appt_record(Db *db, Arena *a, Scope scope, const ApptReq *req, const char *actor, bool with_position, bool in_tx, long long *id, Findings *out) {
  findings_init(out, a);
  Date d;
  char iso[16];
  if (!appt_kind_valid(req->kind, true) || !req->decision_date || date_parse(req->decision_date, &d, DATE_FULL) != 0)
    return CB_EINVAL;
  if (req->source && *req->source && !appt_steps_required(req->source)) return CB_EINVAL;
  date_iso(d, iso);
  ApptRefs r;
  int rc = appt_resolve(db, a, scope, req->cadre_code, req->unit_code, req->title_code, &r);
  if (rc) return rc;
  if (!in_tx && db_begin(db) != 0) return CB_EDB;
  if (strcmp(req->kind, "dismissal") != 0) rc = appt_check(db, a, scope, &r, req->kind, req->source, iso, 0, out);
  if (!rc)
    rc = write_decision(db, a, &r, req->kind, iso, req->decision_no, req->source, req->term_years, 0, with_position,
                        actor, scope_legacy(scope), id);
  if (!rc) rc = findings_store(db, "appointment", *id, r.cadre.id, iso, out);
  if (in_tx) return rc;
  if (!rc) rc = audit_decision(db, a, actor, *id, &r, req->kind, iso, req->decision_no, NULL, out);
  if (!rc && db_commit(db) == 0) return 0;
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

#define APPT_COLS                                                                                              \
  "a.id, c.code, c.full_name, a.kind, u.code, u.name, t.code, t.name, a.decision_date, a.decision_no, "       \
  "a.source, a.term_end, a.proposal_id, c.gender, c.birth_date, "                                              \
  "(SELECT max(CASE f.result WHEN 'fail' THEN 3 WHEN 'warn' THEN 2 ELSE 1 END) FROM findings f "               \
  " WHERE f.subject = 'appointment' AND f.subject_id = a.id) " APPT_FROM
#define APPT_FROM                                                                                              \
  "FROM appointments a JOIN cadres c ON c.id = a.cadre_id JOIN units u ON u.id = a.unit_id "                   \
  "JOIN titles t ON t.id = a.title_id JOIN units cu ON cu.id = c.unit_id "

static void read_appt(DbStmt *st, Arena *a, ApptRow *r) {
  r->id = db_int(st, 0);
  const char **s[] = {&r->cadre_code,    &r->cadre_name,  &r->kind,   &r->unit_code, &r->unit_name, &r->title_code,
                      &r->title_name,    &r->decision_date, &r->decision_no, &r->source, &r->term_end};
  for (int i = 0; i < 11; i++) *s[i] = arena_strdup(a, db_text(st, 1 + i));
  r->proposal_id = db_isnull(st, 12) ? 0 : db_int(st, 12);
  long long w = db_int(st, 15);
  r->verdict = w >= 3 ? "fail" : w == 2 ? "warn" : "pass";
}

/* The subtree path of unit_code within scope (scope itself when none). */
static int subtree(Db *db, Arena *a, const char *unit_code, const char *scope, const char **path) {
  *path = scope;
  if (!unit_code || !*unit_code) return 0;
  Unit u;
  int rc = unit_find(db, a, scope_from_legacy(scope), unit_code, &u);
  if (!rc) *path = u.path;
  return rc;
}

/* The decisions in ?1's subtree (NULL: any) of year ?2 (0: any) whose cadre lies in the scope ?3. */
#define APPT_LISTED                                                                                            \
  "WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "                     \
  "AND (?2 = 0 OR substr(a.decision_date, 1, 4) = substr(CAST(10000 + ?2 AS TEXT), 2)) "                       \
  "AND (?3 IS NULL OR (cu.path >= ?3 AND cu.path < substr(?3, 1, length(?3) - 1) || '0')) "
#define APPT_NEWEST "ORDER BY a.decision_date DESC, a.id DESC"

/* How many decisions appt_list's whole list holds (its binds). 0 or CB_EDB. */
static int appt_count(Db *db, const char *sub, int year, Scope scope, long long *total) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT count(*) " APPT_FROM APPT_LISTED);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, sub);
  db_bind_int(st, 2, year);
  scope_bind(st, 3, scope);
  int rc = db_step(st);
  if (rc == DB_ROW) *total = db_int(st, 0);
  db_finalize(st);
  return rc == DB_ROW ? 0 : CB_EDB;
}

int appt_list(Db *db, Arena *a, Scope scope, const char *unit_code, int year, int offset, int limit, ApptRow **out,
              int *n, long long *total) {
  *out = NULL, *n = 0;
  if (total) *total = 0;
  const char *sub;
  int rc = subtree(db, a, unit_code, scope_legacy(scope), &sub);
  if (rc) return rc;
  DbStmt *st = limit > 0 ? db_prepare(db, DB_ONE_PLAN "SELECT " APPT_COLS APPT_LISTED APPT_NEWEST " LIMIT ?4 OFFSET ?5")
                         : db_prepare(db, DB_ONE_PLAN "SELECT " APPT_COLS APPT_LISTED APPT_NEWEST);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, sub);
  db_bind_int(st, 2, year);
  scope_bind(st, 3, scope);
  if (limit > 0) db_bind_int(st, 4, limit), db_bind_int(st, 5, offset > 0 ? offset : 0);
  int cap = 16, cnt = 0;
  ApptRow *v = arena_alloc(a, sizeof(ApptRow) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      ApptRow *w = arena_alloc(a, sizeof(ApptRow) * (size_t)cap * 2);
      memcpy(w, v, sizeof(ApptRow) * (size_t)cnt);
      v = w, cap *= 2;
    }
    read_appt(st, a, &v[cnt++]);
  }
  db_finalize(st);
  *out = v, *n = cnt;
  if (rc < 0 || !total) return rc < 0 ? rc : 0;
  return db_page_total(offset, limit, cnt, total) ? 0 : appt_count(db, sub, year, scope, total);
}

/* Mark one due item: months left the day after the term ends (RET-1) against APPT-9. */
static void mark_due(Arena *a, DueItem *it, const char *gender, const char *birth, Date today, long months9) {
  Date end, b;
  date_parse(it->appt.term_end, &end, DATE_FULL);
  it->days_left = (int)(days_of(end) - days_of(today));
  char vn[16];
  date_iso_to_vn(it->appt.term_end, vn);
  bool known = birth && date_parse(birth, &b, DATE_PARTIAL) == 0 && gender && (gender[0] == 'M' || gender[0] == 'F');
  int left = known ? retirement_months_left(gender[0], b, date_add_days(end, 1)) : 0;
  it->months_left_at_end = left;
  bool ext = known && left < months9;
  it->action = ext ? "extension" : "reappointment";
  it->action_label = ext ? "kéo dài thời gian giữ chức vụ đến khi nghỉ hưu" : "bổ nhiệm lại";
  if (!known)
    it->explain = arena_printf(a, "Hết thời hạn ngày %s (còn %d ngày); chưa rõ ngày sinh: xem xét bổ nhiệm lại.", vn,
                               it->days_left);
  else
    it->explain = arena_printf(a, "Hết thời hạn ngày %s (còn %d ngày); khi đó còn %d tháng công tác (%s %ld tháng): %s.",
                               vn, it->days_left, left, ext ? "<" : "≥", months9, it->action_label);
}

int appt_due(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, DueItem **out, int *n, int *notice_days) {
  *out = NULL, *n = 0;
  Date today;
  if (!date || date_parse(date, &today, DATE_FULL) != 0) return CB_EINVAL;
  char iso[16], until[16];
  date_iso(today, iso);
  RuleVersion rv8, rv9;
  long notice = rules_in_force(db, a, "APPT-8", iso, &rv8) == 0 ? rule_param_int(&rv8, "notice_days", 90) : 90;
  long months9 = rules_in_force(db, a, "APPT-9", iso, &rv9) == 0 ? rule_param_int(&rv9, "months", 24) : 24;
  if (notice_days) *notice_days = (int)notice;
  date_iso(date_add_days(today, (int)notice), until);
  const char *sub;
  int rc = subtree(db, a, unit_code, scope_legacy(scope), &sub);
  if (rc) return rc;
  DbStmt *st = db_prepare(
      db, DB_ONE_PLAN "SELECT " APPT_COLS "WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "
          "AND a.kind IN ('appointment','reappointment','promotion') AND a.term_end >= ?2 AND a.term_end <= ?3 "
          "AND (?4 IS NULL OR (cu.path >= ?4 AND cu.path < substr(?4, 1, length(?4) - 1) || '0')) "
          "AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.cadre_id = a.cadre_id AND b.unit_id = a.unit_id "
          "AND b.title_id = a.title_id AND (b.decision_date > a.decision_date OR "
          "(b.decision_date = a.decision_date AND b.id > a.id))) "
          /* not a post the file says was left (ended before today, none held now: a transfer, a new post): nobody's
             term to renew; a decision without posts in the file (an import of decisions alone) stays */
          "AND NOT (EXISTS (SELECT 1 FROM positions p WHERE p.cadre_id = a.cadre_id AND p.unit_id = a.unit_id "
          "AND p.title_id = a.title_id AND p.end_date < ?2) AND NOT EXISTS (SELECT 1 FROM positions p "
          "WHERE p.cadre_id = a.cadre_id AND p.unit_id = a.unit_id AND p.title_id = a.title_id "
          "AND (p.end_date IS NULL OR p.end_date >= ?2))) "
          "ORDER BY a.term_end, c.sort_key, a.id");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, sub);
  db_bind_text(st, 2, iso);
  db_bind_text(st, 3, until);
  scope_bind(st, 4, scope);
  int cap = 16, cnt = 0;
  DueItem *v = arena_alloc(a, sizeof(DueItem) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      DueItem *w = arena_alloc(a, sizeof(DueItem) * (size_t)cap * 2);
      memcpy(w, v, sizeof(DueItem) * (size_t)cnt);
      v = w, cap *= 2;
    }
    DueItem *it = &v[cnt++];
    memset(it, 0, sizeof *it);
    read_appt(st, a, &it->appt);
    mark_due(a, it, db_text(st, 13), db_text(st, 14), today, months9);
  }
  db_finalize(st);
  *out = v, *n = cnt;
  return rc < 0 ? rc : 0;
}

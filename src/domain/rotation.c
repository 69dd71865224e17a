/* Rotation and transfer records, ROT-2, the long-tenure report (ROT-4) and rotations ending soon (see rotation.h). */
#include "domain/rotation.h"
#include "domain/cadre_dated.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "domain/cadre.h"
#include "domain/eligibility.h"
#include "domain/position_edit.h"
#include "domain/title.h"
#include "domain/unit.h"

static const char *const KINDS[][2] = {
    {"rotation", "luân chuyển"}, {"transfer", "điều động"}, {"secondment", "biệt phái"}, {"reinforcement", "tăng cường"}};

bool rotation_kind_valid(const char *kind) { return *rotation_kind_label(kind) != 0; }

const char *rotation_kind_label(const char *kind) {
  for (size_t i = 0; kind && i < sizeof KINDS / sizeof KINDS[0]; i++)
    if (strcmp(kind, KINDS[i][0]) == 0) return KINDS[i][1];
  return "";
}

int rotation_request_problems(Arena *a, const RotationReq *req, FieldErrors *e) {
  if (!rotation_kind_valid(req->kind))
    field_errors_add(e, "kind", "Hình thức: chọn luân chuyển, điều động, biệt phái hoặc tăng cường.");
  if (!req->to_unit_code || !*req->to_unit_code) field_errors_add(e, "to_unit", "Đơn vị đến: bắt buộc chọn.");
  char why[128];
  Date d;
  const char *p = date_problem(req->date, DATE_FULL, &d, why, sizeof why);
  if (p) field_errors_add(e, "date", "Ngày quyết định: %s.", p);
  else if (rotation_kind_valid(req->kind) && (strcmp(req->kind, "rotation") == 0 || strcmp(req->kind, "transfer") == 0) &&
           date_cmp(d, date_today()) > 0)
    field_errors_add(e, "date", "Ngày quyết định: ngày trong tương lai; ghi luân chuyển, điều động khi quyết định có "
                                "hiệu lực (hồ sơ cán bộ thay đổi từ ngày này).");
  if (req->planned_months < 0 || req->planned_months > 240)
    field_errors_add(e, "planned_months", "Thời gian dự kiến: số tháng từ 1 đến 240.");
  if (req->from_unit_code && req->to_unit_code && strcmp(req->from_unit_code, req->to_unit_code) == 0 &&
      (!req->from_title_code || !req->to_title_code || strcmp(req->from_title_code, req->to_title_code) == 0))
    field_errors_add(e, "to_unit", "Đơn vị đến: trùng đơn vị đi mà không đổi chức danh.");
  (void)a;
  return e->n;
}

void rotation_check_duration(Db *db, Findings *f, int planned_months, const char *date) {
  RuleVersion rv;
  if (!rules_get(db, f, "ROT-2", date, &rv)) return;
  long min = rule_param_int(&rv, "min_months", 36);
  if (planned_months <= 0)
    findings_add(f, &rv, RESULT_NA, "Không ghi thời gian luân chuyển dự kiến (tối thiểu %ld tháng).", min);
  else if (planned_months < min)
    findings_add(f, &rv, RESULT_WARN, "Thời gian dự kiến %d tháng < %ld tháng tối thiểu.", planned_months, min);
  else
    findings_add(f, &rv, RESULT_PASS, "Thời gian dự kiến %d tháng ≥ %ld tháng tối thiểu.", planned_months, min);
}

static long long opt_id(const char *sql_table_is_units, Db *db, Arena *a, const char *code, int *rc, const char **path) {
  if (!code || !*code) return 0;
  if (strcmp(sql_table_is_units, "units") == 0) {
    Unit u;
    *rc = unit_find(db, a, scope_all(), code, &u);
    if (path) *path = u.path;
    return *rc ? 0 : u.id;
  }
  Title t;
  *rc = title_find(db, a, code, &t);
  return *rc ? 0 : t.id;
}

static int insert_row(Db *db, long long cadre_id, const RotationReq *req, long long from_u, long long to_u,
                      long long from_t, long long to_t, const char *iso, long long *id) {
  DbStmt *st = db_prepare(db, "INSERT INTO rotations(cadre_id, kind, from_unit_id, to_unit_id, from_title_id, "
                              "to_title_id, date, decision_no, planned_months, override) VALUES(?,?,?,?,?,?,?,?,?,?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, req->kind);
  if (from_u) db_bind_int(st, 3, from_u);
  else db_bind_null(st, 3);
  db_bind_int(st, 4, to_u);
  if (from_t) db_bind_int(st, 5, from_t);
  else db_bind_null(st, 5);
  if (to_t) db_bind_int(st, 6, to_t);
  else db_bind_null(st, 6);
  db_bind_text(st, 7, iso);
  db_bind_text(st, 8, req->decision_no && *req->decision_no ? req->decision_no : NULL);
  if (req->planned_months > 0) db_bind_int(st, 9, req->planned_months);
  else db_bind_null(st, 9);
  db_bind_text(st, 10, req->override && *req->override ? req->override : NULL);
  int rc = db_run(st);
  if (!rc) *id = db_last_id(db);
  return rc;
}

/* The cadre's main post on `date` (unit and title ids), left 0 when none. */
static void current_main_post(Db *db, long long cadre_id, const char *date, long long *unit, long long *title) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT unit_id, title_id FROM positions WHERE cadre_id = ?1 AND concurrent = 0 AND "
                              "start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2) "
                              "ORDER BY start_date DESC, id DESC LIMIT 1");
  if (!st) return;
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, date);
  if (db_step(st) == DB_ROW) {
    *unit = db_int(st, 0);
    if (title) *title = db_int(st, 1);
  }
  db_finalize(st);
}

static int checks(Db *db, Arena *a, const RotationReq *req, const char *iso, Findings *out) {
  int rc = 0;
  if (req->to_title_code && *req->to_title_code) {
    EligReq er = {.purpose = PURPOSE_ROTATION, .cadre_code = req->cadre_code, .title_code = req->to_title_code,
                  .unit_code = req->to_unit_code, .date = iso, .scope = NULL, .kind = req->kind};
    rc = eligibility_check(db, a, &er, out);
  } else if (req->kind && (strcmp(req->kind, "rotation") == 0 || strcmp(req->kind, "transfer") == 0)) {
    /* the move ends the main post and starts none: said, not silent (the API keeps the title optional) */
    findings_add_raw(out, "ROT-1", "", RESULT_WARN,
                     "Không ghi chức danh nơi đến: chức vụ chính cũ kết thúc, hồ sơ không có chức vụ chính hiện tại "
                     "cho đến khi thêm chức vụ ở đơn vị mới; chưa kiểm tra các điều kiện theo chức danh.");
  } else {
    findings_add_raw(out, "ROT-1", "", RESULT_NA,
                     "Không ghi chức danh nơi đến: chưa kiểm tra các điều kiện theo chức danh.");
  }
  if (!rc && (!req->kind || strcmp(req->kind, "rotation") == 0)) rotation_check_duration(db, out, req->planned_months, iso);
  return rc;
}

int rotation_record(Db *db, Arena *a, Scope scope, const RotationReq *req, const char *actor, bool in_tx, long long *id, Findings *out) {
  findings_init(out, a);
  Date d;
  char iso[16];
  if (!rotation_kind_valid(req->kind) || !req->date || date_parse(req->date, &d, DATE_FULL) != 0 ||
      req->planned_months < 0 || req->planned_months > 240 || !req->to_unit_code || !*req->to_unit_code)
    return CB_EINVAL;
  /* Same unit and no change of title is no rotation (the import says so too, import_appt.c). */
  if (req->from_unit_code && strcmp(req->from_unit_code, req->to_unit_code) == 0 &&
      (!req->from_title_code || !req->to_title_code || strcmp(req->from_title_code, req->to_title_code) == 0))
    return CB_EINVAL;
  date_iso(d, iso);
  bool moves = strcmp(req->kind, "rotation") == 0 || strcmp(req->kind, "transfer") == 0;
  if (moves && date_cmp(d, date_today()) > 0) return CB_EINVAL; /* recorded when it takes effect (docs/DECISIONS.md) */
  Cadre c;
  int rc = cadre_find(db, a, scope, req->cadre_code ? req->cadre_code : "", &c);
  if (rc) return rc;
  const char *to_path = NULL, *from_path = NULL;
  long long to_u = opt_id("units", db, a, req->to_unit_code, &rc, &to_path);
  long long from_u = rc ? 0 : opt_id("units", db, a, req->from_unit_code, &rc, &from_path);
  long long from_t = rc ? 0 : opt_id("titles", db, a, req->from_title_code, &rc, NULL);
  long long to_t = rc ? 0 : opt_id("titles", db, a, req->to_title_code, &rc, NULL);
  if (rc) return rc;
  if (!scope_contains(scope, to_path)) return CB_ENOTFOUND; /* the new unit of a move, too */
  if (!from_u) current_main_post(db, c.id, iso, &from_u, from_t ? NULL : &from_t);
  if (!from_u) { /* no main post on that day: the unit the cadre was in */
    const char *held = NULL;
    if (cadre_dated_get(db, a, c.id, "unit_id", iso, &held) == 0 && held) from_u = atoll(held);
  }
  if (!in_tx && db_begin(db) != 0) return CB_EDB;
  rc = checks(db, a, req, iso, out);
  if (!rc && req->enforce && findings_verdict(out) == RESULT_FAIL && !(req->override && *req->override))
    rc = CB_ERULE;
  if (!rc) rc = insert_row(db, c.id, req, from_u, to_u, from_t, to_t, iso, id);
  if (!rc) rc = findings_store(db, "rotation", *id, c.id, iso, out);
  if (!rc && moves) {
    Editor ed = {.actor = actor, .scope = scope_legacy(scope), .source = arena_printf(a, "act:rotation:%lld", *id)};
    const char *why = arena_printf(a, "%s%s%s", strcmp(req->kind, "rotation") == 0 ? "Luân chuyển" : "Điều động",
                                   req->decision_no && *req->decision_no ? " theo quyết định " : "",
                                   req->decision_no && *req->decision_no ? req->decision_no : "");
    long long post;
    char prev[16]; /* the old post ends the day before the new one begins, as an appointment's does */
    date_iso(date_add_days(d, -1), prev);
    rc = position_move_main_in_tx(db, a, &ed, c.id, to_u, to_t, iso, prev, req->decision_no, why, &post);
  }
  if (in_tx) return rc;
  if (!rc) {
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s}", "cadre", c.code, "kind", req->kind, "to_unit",
                          req->to_unit_code, "date", iso, "verdict", result_name(findings_verdict(out)));
    if (req->planned_months > 0) json_object_set_new(j, "planned_months", json_integer(req->planned_months));
    char *after = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    rc = audit_log(db, actor, "create", "rotation", arena_printf(a, "%lld", *id), NULL, after);
    free(after);
  }
  if (!rc && db_commit(db) == 0) return 0;
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

/* A record's columns (read_rot); the tables are ROT_JOINS'. */
#define ROT_SELECT                                                                                            \
  "r.id, c.code, c.full_name, r.kind, fu.code, fu.name, tu.code, tu.name, ft.name, tt.name, r.date, "         \
  "r.decision_no, r.planned_months, "                                                                         \
  "(SELECT max(CASE f.result WHEN 'fail' THEN 3 WHEN 'warn' THEN 2 ELSE 1 END) FROM findings f "              \
  " WHERE f.subject = 'rotation' AND f.subject_id = r.id) "
#define ROT_JOINS                                                                                             \
  "FROM rotations r JOIN cadres c ON c.id = r.cadre_id JOIN units tu ON tu.id = r.to_unit_id "                \
  "LEFT JOIN units fu ON fu.id = r.from_unit_id LEFT JOIN titles ft ON ft.id = r.from_title_id "              \
  "LEFT JOIN titles tt ON tt.id = r.to_title_id "
#define ROT_COLS ROT_SELECT ROT_FROM
/* The rotations whose from or to unit lies in ?1's subtree (NULL: any) and whose cadre lies in the scope ?3. */
#define ROT_FROM                                                                                              \
  ROT_JOINS "JOIN units cu ON cu.id = c.unit_id "                                                             \
  "WHERE r.voided_at IS NULL AND (?1 IS NULL OR (tu.path >= ?1 AND tu.path < substr(?1, 1, length(?1) - 1) || '0') OR (fu.path >= ?1 AND fu.path < substr(?1, 1, length(?1) - 1) || '0')) "          \
  "AND (?3 IS NULL OR (cu.path >= ?3 AND cu.path < substr(?3, 1, length(?3) - 1) || '0')) "

static void read_rot(DbStmt *st, Arena *a, RotationRow *r) {
  r->id = db_int(st, 0);
  const char **s[] = {&r->cadre_code,    &r->cadre_name,    &r->kind,          &r->from_unit_code,
                      &r->from_unit_name, &r->to_unit_code,  &r->to_unit_name,  &r->from_title_name,
                      &r->to_title_name, &r->date,          &r->decision_no};
  for (int i = 0; i < 11; i++) *s[i] = arena_strdup(a, db_text(st, 1 + i));
  r->planned_months = db_isnull(st, 12) ? 0 : (int)db_int(st, 12);
  long long w = db_int(st, 13);
  r->verdict = w >= 3 ? "fail" : w == 2 ? "warn" : "pass";
  r->end_date = NULL;
  Date d;
  char buf[16];
  if (r->planned_months > 0 && date_parse(r->date, &d, DATE_FULL) == 0)
    r->end_date = arena_strdup(a, date_iso(date_add_months(d, r->planned_months), buf));
}

static int subtree(Db *db, Arena *a, const char *unit_code, const char *scope, const char **path) {
  *path = scope;
  if (!unit_code || !*unit_code) return 0;
  Unit u;
  int rc = unit_find(db, a, scope_from_legacy(scope), unit_code, &u);
  if (!rc) *path = u.path;
  return rc;
}

/* Collect rows of st (bound by the caller); keep(row) filters. */
static int collect(DbStmt *st, Arena *a, RotationRow **out, int *n, const char *lo, const char *hi) {
  int cap = 16, cnt = 0, rc;
  RotationRow *v = arena_alloc(a, sizeof(RotationRow) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      RotationRow *w = arena_alloc(a, sizeof(RotationRow) * (size_t)cap * 2);
      memcpy(w, v, sizeof(RotationRow) * (size_t)cnt);
      v = w, cap *= 2;
    }
    read_rot(st, a, &v[cnt]);
    if (lo && (!v[cnt].end_date || strcmp(v[cnt].end_date, lo) < 0 || strcmp(v[cnt].end_date, hi) > 0)) continue;
    cnt++;
  }
  db_finalize(st);
  *out = v, *n = cnt;
  return rc < 0 ? rc : 0;
}

DbStmt *rotation_stmt_for_cadre(Db *db, long long cadre_id) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT " ROT_SELECT ROT_JOINS
                                          "WHERE r.cadre_id = ? AND r.voided_at IS NULL ORDER BY r.date DESC, r.id DESC");
  if (st) db_bind_int(st, 1, cadre_id);
  return st;
}

int rotation_read(DbStmt *st, Arena *a, RotationRow **out, int *n) {
  *out = NULL, *n = 0;
  return st ? collect(st, a, out, n, NULL, NULL) : CB_EDB;
}

#define ROT_OF_YEAR "AND (?2 = 0 OR substr(r.date, 1, 4) = substr(CAST(10000 + ?2 AS TEXT), 2)) "
#define ROT_NEWEST "ORDER BY r.date DESC, r.id DESC"

int rotation_list(Db *db, Arena *a, Scope scope, const char *unit_code, int year, int offset, int limit,
                  RotationRow **out, int *n, long long *total) {
  *out = NULL, *n = 0;
  if (total) *total = 0;
  const char *sub;
  int rc = subtree(db, a, unit_code, scope_legacy(scope), &sub);
  if (rc) return rc;
  DbStmt *st = limit > 0 ? db_prepare(db, DB_ONE_PLAN "SELECT " ROT_COLS ROT_OF_YEAR ROT_NEWEST " LIMIT ?4 OFFSET ?5")
                         : db_prepare(db, DB_ONE_PLAN "SELECT " ROT_COLS ROT_OF_YEAR ROT_NEWEST);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, sub);
  db_bind_int(st, 2, year);
  if (limit > 0) db_bind_int(st, 4, limit), db_bind_int(st, 5, offset > 0 ? offset : 0);
  scope_bind(st, 3, scope);
  if ((rc = collect(st, a, out, n, NULL, NULL)) != 0 || !total) return rc;
  if (db_page_total(offset, limit, *n, total)) return 0;
  st = db_prepare(db, DB_ONE_PLAN "SELECT count(*) " ROT_FROM ROT_OF_YEAR);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, sub);
  db_bind_int(st, 2, year);
  scope_bind(st, 3, scope);
  rc = db_step(st);
  if (rc == DB_ROW) *total = db_int(st, 0);
  db_finalize(st);
  return rc == DB_ROW ? 0 : CB_EDB;
}

static int cmp_end(const void *x, const void *y) {
  const RotationRow *a = x, *b = y;
  int c = strcmp(a->end_date, b->end_date);
  return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

int rotation_ending(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, int months, RotationRow **out, int *n) {
  *out = NULL, *n = 0;
  Date d;
  if (!date || date_parse(date, &d, DATE_FULL) != 0 || months < 0) return CB_EINVAL;
  const char *sub;
  int rc = subtree(db, a, unit_code, scope_legacy(scope), &sub);
  if (rc) return rc;
  char lo[16], hi[16];
  date_iso(d, lo);
  date_iso(date_add_months(d, months), hi);
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT " ROT_COLS "AND r.planned_months > 0 AND r.date <= ?2 ORDER BY r.id");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, sub);
  db_bind_text(st, 2, hi);
  scope_bind(st, 3, scope);
  rc = collect(st, a, out, n, lo, hi);
  if (!rc) cb_qsort(*out, (size_t)*n, sizeof **out, cmp_end);
  return rc;
}

/* A past post of a head title, or an appointment decision to one (end = NULL): what ROT-4 counts per holder. */
typedef struct {
  long long c, u, t; /* cadre, unit, title */
  const char *start, *end;
} HeadFact;

static int cmp_fact(const void *x, const void *y) {
  const HeadFact *p = x, *q = y;
  if (p->c != q->c) return p->c < q->c ? -1 : 1;
  if (p->u != q->u) return p->u < q->u ? -1 : 1;
  return p->t < q->t ? -1 : p->t > q->t;
}

/*
** The rows of a statement (cadre, unit, title, date, date or NULL), sorted by (cadre, unit, title), in `a`.
** 0 or CB_EDB (the statement is finalized).
*/
static int load_facts(DbStmt *st, Arena *a, HeadFact **out, int *n) {
  int cap = 64, k = 0, rc;
  HeadFact *v = arena_alloc(a, sizeof(HeadFact) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (k == cap) {
      HeadFact *w = arena_alloc(a, sizeof(HeadFact) * (size_t)cap * 2);
      memcpy(w, v, sizeof(HeadFact) * (size_t)k);
      v = w, cap *= 2;
    }
    v[k++] = (HeadFact){db_int(st, 0), db_int(st, 1), db_int(st, 2), arena_strdup(a, db_text(st, 3)),
                        db_isnull(st, 4) ? NULL : arena_strdup(a, db_text(st, 4))};
  }
  db_finalize(st);
  if (rc != DB_DONE) return CB_EDB;
  cb_qsort(v, (size_t)k, sizeof *v, cmp_fact);
  *out = v, *n = k;
  return 0;
}

/* The facts of (cadre, unit, title) in a sorted list: [*from, *to). */
static void facts_of(const HeadFact *v, int n, long long c, long long u, long long t, int *from, int *to) {
  HeadFact key = {c, u, t, NULL, NULL};
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (cmp_fact(&v[mid], &key) < 0) lo = mid + 1;
    else hi = mid;
  }
  *from = lo;
  while (lo < n && cmp_fact(&v[lo], &key) == 0) lo++;
  *to = lo;
}

/*
** Start of the uninterrupted tenure ending with the post that started `start`: earlier ended posts of the same
** cadre, unit and title ([from, to) of `past`) that reach within 31 days of it, followed back.
*/
static const char *tenure_start(Arena *a, const HeadFact *past, int from, int to, const char *start) {
  const char *cur = start;
  for (int guard = 0; guard < 50; guard++) {
    Date d;
    char lim[16];
    if (date_parse(cur, &d, DATE_FULL) != 0) break;
    date_iso(date_add_days(d, -31), lim);
    const char *prev = NULL;
    for (int i = from; i < to; i++)
      if (strcmp(past[i].start, cur) < 0 && strcmp(past[i].end, lim) >= 0 && (!prev || strcmp(past[i].start, prev) < 0))
        prev = past[i].start;
    if (!prev) break;
    cur = prev;
  }
  return arena_strdup(a, cur);
}

/* Appointment decisions ([from, to) of `dec`) dated in [since, date]. */
static int decisions_since(const HeadFact *dec, int from, int to, const char *since, const char *date) {
  int n = 0;
  for (int i = from; i < to; i++) n += strcmp(dec[i].start, since) >= 0 && strcmp(dec[i].start, date) <= 0;
  return n;
}

static int cmp_months(const void *x, const void *y) {
  const LongTenure *a = x, *b = y;
  return b->months - a->months;
}

int rotation_long_tenure(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, LongTenure **out, int *n) {
  *out = NULL, *n = 0;
  Date at;
  if (!date || date_parse(date, &at, DATE_FULL) != 0) return CB_EINVAL;
  char iso[16];
  date_iso(at, iso);
  const char *sub;
  int rc = subtree(db, a, unit_code, scope_legacy(scope), &sub);
  if (rc) return rc;
  RuleVersion rv4, rv7;
  long max_terms = rules_in_force(db, a, "ROT-4", iso, &rv4) == 0 ? rule_param_int(&rv4, "max_terms", 2) : 2;
  long years = rules_in_force(db, a, "APPT-7", iso, &rv7) == 0 ? rule_param_int(&rv7, "term_years", 5) : 5;
  if (years <= 0) years = 5;
  long long *heads; /* the head, party secretary and PC chair titles, by id (title_ids says why) */
  int nheads;
  if ((rc = title_ids(db, a, TITLES_HEADS, &heads, &nheads))) return rc;
  DbStmt *st = db_prepare_in(
      db, a, "SELECT p.cadre_id, p.unit_id, p.title_id, p.start_date, c.code, c.full_name, u.code, "
             "u.name, t.code, t.name FROM positions p JOIN titles t ON t.id = p.title_id "
             "JOIN cadres c ON c.id = p.cadre_id JOIN units u ON u.id = p.unit_id "
             "JOIN units cu ON cu.id = c.unit_id WHERE " SCOPE_SQL("cu.path", 3) " AND p.title_id IN (%s) "
             "AND p.start_date <= ?2 AND (p.end_date IS NULL OR p.end_date >= ?2) "
             "AND (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "
             "ORDER BY p.id",
      4, heads, nheads);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, sub);
  db_bind_text(st, 2, iso);
  scope_bind(st, 3, scope);
  typedef struct { long long c, u, t; const char *start, *s[6]; } Cur;
  int cap = 16, cnt = 0;
  Cur *cur = arena_alloc(a, sizeof(Cur) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      Cur *w = arena_alloc(a, sizeof(Cur) * (size_t)cap * 2);
      memcpy(w, cur, sizeof(Cur) * (size_t)cnt);
      cur = w, cap *= 2;
    }
    Cur *x = &cur[cnt++];
    x->c = db_int(st, 0), x->u = db_int(st, 1), x->t = db_int(st, 2), x->start = arena_strdup(a, db_text(st, 3));
    for (int i = 0; i < 6; i++) x->s[i] = arena_strdup(a, db_text(st, 4 + i));
  }
  db_finalize(st);
  if (rc < 0) return rc;
  /* the ended posts of head titles and the decisions to them, in two statements rather than two per holder */
  HeadFact *past, *dec;
  int npast, ndec;
  st = db_prepare_in(db, a, "SELECT cadre_id, unit_id, title_id, start_date, end_date FROM positions "
                            "WHERE title_id IN (%s) AND end_date IS NOT NULL AND start_date < ?1",
                     2, heads, nheads);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, iso);
  if ((rc = load_facts(st, a, &past, &npast))) return rc;
  st = db_prepare_in(db, a, "SELECT cadre_id, unit_id, title_id, decision_date, NULL FROM appointments "
                            "WHERE title_id IN (%s) AND kind IN ('appointment','reappointment','promotion') "
                            "AND decision_date <= ?1",
                     2, heads, nheads);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, iso);
  if ((rc = load_facts(st, a, &dec, &ndec))) return rc;
  LongTenure *v = arena_alloc(a, sizeof(LongTenure) * (size_t)(cnt ? cnt : 1));
  int k = 0;
  for (int i = 0; i < cnt; i++) {
    int pf, pt, df, dt;
    facts_of(past, npast, cur[i].c, cur[i].u, cur[i].t, &pf, &pt);
    facts_of(dec, ndec, cur[i].c, cur[i].u, cur[i].t, &df, &dt);
    const char *since = tenure_start(a, past, pf, pt, cur[i].start);
    Date s;
    if (date_parse(since, &s, DATE_FULL) != 0) continue;
    int months = date_month_diff(s, at) - (at.d < s.d ? 1 : 0);
    long term_months = years * 12;
    int terms = (int)((months + term_months - 1) / term_months);
    int decided = decisions_since(dec, df, dt, since, iso);
    if (decided > terms) terms = decided;
    if (terms <= max_terms) continue;
    LongTenure *t = &v[k++];
    t->cadre_code = cur[i].s[0], t->cadre_name = cur[i].s[1], t->unit_code = cur[i].s[2];
    t->unit_name = cur[i].s[3], t->title_code = cur[i].s[4], t->title_name = cur[i].s[5];
    t->since = since, t->months = months, t->terms = terms, t->max_terms = (int)max_terms;
    char vn[16];
    t->message = arena_printf(a,
                              "Giữ chức vụ «%s» tại %s liên tục từ %s: %d tháng, %d nhiệm kỳ (nhiệm kỳ %ld năm) > %ld "
                              "nhiệm kỳ (ROT-4): diện xem xét luân chuyển.",
                              t->title_name, t->unit_name, date_iso_to_vn(since, vn), months, terms, years, max_terms);
  }
  cb_qsort(v, (size_t)k, sizeof *v, cmp_months);
  *out = v, *n = k;
  return 0;
}

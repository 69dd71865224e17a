/*
** Planning pools (see planning.h): terms, acts, add/remove with their checks
** and audit rows, the pools of a subtree on a date, and the histories.
** The review (rà soát) lives in planning_review.c.
*/
#include "domain/planning.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "domain/cadre.h"
#include "domain/eligibility.h"
#include "domain/position.h"
#include "domain/title.h"
#include "domain/unit.h"

/* ---- acts ---- */

int planning_insert_act(Db *db, const char *term, long long unit_id, long long title_id, long long cadre_id,
                        const char *action, const char *date, const char *decision_no, const char *reason,
                        const char *override, const char *created_by, long long *id) {
  DbStmt *st = db_prepare(db, "INSERT INTO planning(term, unit_id, title_id, cadre_id, action, date, decision_no, "
                              "reason, override, created_by) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, term);
  db_bind_int(st, 2, unit_id);
  db_bind_int(st, 3, title_id);
  db_bind_int(st, 4, cadre_id);
  db_bind_text(st, 5, action);
  db_bind_text(st, 6, date);
  db_bind_text(st, 7, decision_no && *decision_no ? decision_no : NULL);
  db_bind_text(st, 8, reason && *reason ? reason : NULL);
  db_bind_text(st, 9, override && *override ? override : NULL);
  db_bind_text(st, 10, created_by);
  int rc = db_run(st);
  if (rc == 0 && id) *id = db_last_id(db);
  return rc ? CB_EDB : 0;
}

int planning_is_member(Db *db, Arena *a, const char *term, long long unit_id, long long title_id, long long cadre_id,
                       const char *date, const char **since) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT action, date FROM planning WHERE term = ? AND unit_id = ? AND title_id = ? AND "
                              "cadre_id = ? AND date <= ? ORDER BY date DESC, id DESC LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, term);
  db_bind_int(st, 2, unit_id);
  db_bind_int(st, 3, title_id);
  db_bind_int(st, 4, cadre_id);
  db_bind_text(st, 5, date);
  int rc = db_step(st), member = 0;
  if (rc == DB_ROW) {
    member = strcmp(db_text(st, 0), "add") == 0;
    if (member && since) *since = arena_strdup(a, db_text(st, 1));
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : member;
}

/* The request resolved: ISO date, term, unit, title, cadre. */
typedef struct {
  char date[11];
  const char *term;
  Unit unit;
  Title title;
  Cadre cadre;
} Resolved;

static int fail_with(PlanResult *res, int rc, const char *msg) {
  res->error = msg;
  return rc;
}

static int resolve(Db *db, Arena *a, const PlanReq *req, Resolved *x, PlanResult *res) {
  memset(res, 0, sizeof *res);
  Date d;
  if (!req->date || date_parse(req->date, &d, DATE_FULL) != 0)
    return fail_with(res, CB_EINVAL, "Ngày không hợp lệ (dạng YYYY-MM-DD hoặc dd/mm/yyyy).");
  date_iso(d, x->date);
  x->term = req->term && *req->term ? req->term : term_of(a, x->date);
  if (!term_valid(x->term))
    return fail_with(res, CB_EINVAL, "Nhiệm kỳ không hợp lệ (dạng 2020-2025: năm đầu và năm đầu + 5).");
  if (!req->unit_code || !*req->unit_code || !req->title_code || !*req->title_code || !req->cadre_code ||
      !*req->cadre_code)
    return fail_with(res, CB_EINVAL, "Thiếu đơn vị, chức danh hoặc cán bộ.");
  int rc = unit_find(db, a, scope_from_legacy(req->scope), req->unit_code, &x->unit);
  if (rc) return fail_with(res, rc, arena_printf(a, "Không tìm thấy đơn vị %s.", req->unit_code));
  rc = title_find(db, a, req->title_code, &x->title);
  if (rc) return fail_with(res, rc, arena_printf(a, "Không tìm thấy chức danh %s.", req->title_code));
  rc = cadre_find(db, a, scope_from_legacy(req->scope), req->cadre_code, &x->cadre);
  if (rc) return fail_with(res, rc, arena_printf(a, "Không tìm thấy cán bộ %s.", req->cadre_code));
  return 0;
}

/* The audit JSON of an act (malloc'd). */
static char *act_json(const Resolved *x, const char *action, const PlanReq *req, const Findings *f) {
  json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "term", x->term, "unit", x->unit.code,
                        "title", x->title.code, "cadre", x->cadre.code, "action", action, "date", x->date,
                        "decision_no", req->decision_no && *req->decision_no ? req->decision_no : NULL, "reason",
                        req->reason && *req->reason ? req->reason : NULL, "override",
                        req->override && *req->override ? req->override : NULL);
  if (f) json_object_set_new(j, "verdict", json_string(result_name(findings_verdict(f))));
  char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(j);
  return s;
}

static int write_act(Db *db, const Resolved *x, const char *action, const PlanReq *req, const Findings *f,
                     long long *id) {
  int rc = planning_insert_act(db, x->term, x->unit.id, x->title.id, x->cadre.id, action, x->date, req->decision_no,
                               req->reason, strcmp(action, "add") == 0 ? req->override : NULL, req->actor, id);
  if (rc == 0 && f) rc = findings_store(db, "planning", *id, x->cadre.id, x->date, f);
  if (rc == 0) {
    char *js = act_json(x, action, req, f), key[32];
    snprintf(key, sizeof key, "%lld", *id);
    rc = audit_log(db, req->actor ? req->actor : "?", strcmp(action, "add") == 0 ? "planning_add" : "planning_remove",
                   "planning", key, NULL, js);
    free(js);
  }
  return rc;
}

int planning_add(Db *db, Arena *a, const PlanReq *req, Findings *out, PlanResult *res) {
  findings_init(out, a);
  Resolved x;
  int rc = resolve(db, a, req, &x, res);
  if (rc) return rc;
  if ((rc = db_begin(db)) != 0) return CB_EDB;
  const char *since = NULL;
  rc = planning_is_member(db, a, x.term, x.unit.id, x.title.id, x.cadre.id, x.date, &since);
  if (rc == 1) {
    char vn[16];
    rc = fail_with(res, CB_EEXIST,
                   arena_printf(a, "%s đã trong nguồn quy hoạch %s, %s nhiệm kỳ %s từ ngày %s.", x.cadre.full_name,
                                x.title.name, x.unit.name, x.term, date_iso_to_vn(since, vn)));
  }
  if (rc == 0) {
    EligReq er = {.purpose = PURPOSE_PLANNING, .cadre_code = x.cadre.code, .title_code = x.title.code,
                  .unit_code = x.unit.code, .date = x.date, .term = x.term, .scope = req->scope};
    rc = eligibility_check(db, a, &er, out);
    if (rc == CB_EINVAL) fail_with(res, rc, "Dữ liệu kiểm tra không hợp lệ (ngày hoặc nhiệm kỳ).");
  }
  bool override = req->override && *req->override;
  if (rc == 0 && findings_verdict(out) == RESULT_FAIL && !override)
    rc = fail_with(res, CB_ERULE, "Không đủ điều kiện quy hoạch: xem các tiêu chí không đạt.");
  if (rc == 0) rc = write_act(db, &x, "add", req, out, &res->id);
  if (rc == 0 && db_commit(db) == 0) return 0;
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

int planning_remove(Db *db, Arena *a, const PlanReq *req, PlanResult *res) {
  Resolved x;
  int rc = resolve(db, a, req, &x, res);
  if (rc) return rc;
  if ((rc = db_begin(db)) != 0) return CB_EDB;
  rc = planning_is_member(db, a, x.term, x.unit.id, x.title.id, x.cadre.id, x.date, NULL);
  if (rc == 0) {
    char vn[16];
    rc = fail_with(res, CB_EINVAL,
                   arena_printf(a, "%s không có trong nguồn quy hoạch %s, %s nhiệm kỳ %s vào ngày %s.",
                                x.cadre.full_name, x.title.name, x.unit.name, x.term, date_iso_to_vn(x.date, vn)));
  } else if (rc == 1) {
    rc = write_act(db, &x, "remove", req, NULL, &res->id);
  }
  if (rc == 0 && db_commit(db) == 0) return 0;
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

/* ---- pools ---- */

/* The subtree to list: the unit's path within the scope, or the scope itself. */
static int subtree(Db *db, Arena *a, const char *scope, const char *unit_code, const char **path) {
  *path = scope;
  if (!unit_code || !*unit_code) return 0;
  Unit u;
  int rc = unit_find(db, a, scope_from_legacy(scope), unit_code, &u);
  if (rc == 0) *path = u.path;
  return rc;
}

typedef struct {
  Pool *v;
  int n, cap;
  Unit *units; /* tree order, for sorting */
  int nunits;
} PoolSet;

static Pool *pool_push(PoolSet *s, Arena *a) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 32;
    Pool *v = arena_alloc(a, sizeof(Pool) * (size_t)s->cap);
    if (s->n) memcpy(v, s->v, sizeof(Pool) * (size_t)s->n);
    s->v = v;
  }
  return memset(&s->v[s->n++], 0, sizeof(Pool));
}

static Pool *pool_get(PoolSet *s, long long unit_id, long long title_id) {
  for (int i = 0; i < s->n; i++)
    if (s->v[i].unit_id == unit_id && s->v[i].title_id == title_id) return &s->v[i];
  return NULL;
}

#define POOL_KEY_COLS "u.id, t.id, u.code, u.name, u.level, u.path, t.code, t.name, t.category, t.rank"

/* Push each row of st (POOL_KEY_COLS) as a pool unless it is one already. DB_DONE or an error. */
static int push_pool_keys(DbStmt *st, Arena *a, PoolSet *s) {
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    if (pool_get(s, db_int(st, 0), db_int(st, 1))) continue;
    Pool *p = pool_push(s, a);
    p->unit_id = db_int(st, 0);
    p->title_id = db_int(st, 1);
    const char **f[] = {&p->unit_code, &p->unit_name, &p->unit_level, &p->unit_path, &p->title_code, &p->title_name,
                        &p->title_category};
    for (int i = 0; i < 7; i++) *f[i] = arena_strdup(a, db_text(st, 2 + i));
    p->title_rank = (int)db_int(st, 9);
  }
  return rc;
}

/*
** The pools of the term in the subtree `path` (NULL: all): those with a planning act, and with `held` those
** whose key title (category other than 'other') is held on `date`, asked by the titles' ids (title_ids says why).
*/
static int load_pool_keys(Db *db, Arena *a, const char *path, const char *term, const char *date, bool held,
                          PoolSet *s) {
  /* a unit that ended before the date (merged, dissolved) has no pool on it: its members moved with the act */
  DbStmt *st = db_prepare(
      db, "SELECT DISTINCT " POOL_KEY_COLS " FROM planning k JOIN units u ON u.id = k.unit_id "
          "JOIN titles t ON t.id = k.title_id WHERE k.term = ?1 AND (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) "
          "AND (?3 IS NULL OR u.valid_to IS NULL OR u.valid_to >= ?3)");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, term);
  db_bind_text(st, 2, path);
  db_bind_text(st, 3, date && *date ? date : NULL);
  int rc = push_pool_keys(st, a, s);
  db_finalize(st);
  if (rc < 0 || !held) return rc < 0 ? CB_EDB : 0;
  long long *ids;
  int nids;
  if ((rc = title_ids(db, a, TITLES_POOLED, &ids, &nids))) return rc;
  st = db_prepare_in(db, a, "SELECT DISTINCT " POOL_KEY_COLS " FROM positions ps JOIN units u ON u.id = ps.unit_id "
                            "JOIN titles t ON t.id = ps.title_id WHERE ps.title_id IN (%s) AND ps.start_date <= ?2 "
                            "AND " NOT_ENDED_BY("ps", "?2") " AND (?1 IS NULL OR (u.path >= ?1 AND "
                            "u.path < substr(?1, 1, length(?1) - 1) || '0'))",
                     3, ids, nids);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, path);
  db_bind_text(st, 2, date);
  rc = push_pool_keys(st, a, s);
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

static void member_push(Pool *p, Arena *a, const PoolMember *m) {
  /* Members arrive grouped by pool is not guaranteed: grow by copying (pools are small). */
  PoolMember *v = arena_alloc(a, sizeof(PoolMember) * (size_t)(p->n + 1));
  if (p->n) memcpy(v, p->m, sizeof(PoolMember) * (size_t)p->n);
  v[p->n++] = *m;
  p->m = v;
}

/*
** Each member's current title: the title of the position held on `date` that is not concurrent, else of highest
** rank (then the first recorded), for every cadre added to a pool of the term in the subtree `path` -- one
** statement for all (issue 13: a subquery per member cost PostgreSQL ~10 us a member, twice the rest of the
** members' statement).
*/
static int member_titles(Db *db, Arena *a, const char *path, const char *term, const char *date, PoolSet *s) {
  DbStmt *st = db_prepare(
      db, "SELECT ps.cadre_id, t.name FROM positions ps JOIN titles t ON t.id = ps.title_id WHERE ps.cadre_id IN "
          "(SELECT p.cadre_id FROM planning p JOIN units u ON u.id = p.unit_id WHERE p.term = ?1 AND p.action = 'add' "
          "AND p.date <= ?3 AND (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0'))) "
          "AND ps.start_date <= ?3 AND (ps.end_date IS NULL OR ps.end_date >= ?3) "
          "ORDER BY ps.cadre_id, ps.concurrent, t.rank DESC, ps.id");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, term);
  db_bind_text(st, 2, path);
  db_bind_text(st, 3, date);
  typedef struct {
    long long cadre_id; /* first: cb_cmp_id orders these */
    const char *title;
  } Held;
  int cap = 64, n = 0, rc;
  Held *v = arena_alloc(a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    long long id = db_int(st, 0);
    if (n && v[n - 1].cadre_id == id) continue; /* the cadre's first row is its title */
    if (n == cap) {
      Held *w = arena_alloc(a, sizeof *v * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)n);
      v = w, cap *= 2;
    }
    v[n++] = (Held){id, arena_strdup(a, db_text(st, 1))};
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  for (int i = 0; i < s->n; i++)
    for (int k = 0; k < s->v[i].n; k++) {
      PoolMember *m = &s->v[i].m[k];
      const Held *hit = cb_bsearch(&m->cadre_id, v, (size_t)n, sizeof *v, cb_cmp_id);
      m->current_title = hit ? hit->title : NULL;
    }
  return 0;
}

static int load_members(Db *db, Arena *a, Scope scope, const char *path, const char *term, const char *date, PoolSet *s) {
  DbStmt *st = db_prepare(
      db, "SELECT p.id, p.unit_id, p.title_id, p.cadre_id, p.date, p.decision_no, p.override, c.code, c.full_name, "
          "c.gender, c.birth_date, c.ethnicity, c.llct_level, c.qlnn_level, c.degree, cu.path "
          "FROM planning p JOIN units u ON u.id = p.unit_id JOIN cadres c ON c.id = p.cadre_id "
          "JOIN units cu ON cu.id = c.unit_id "
          "WHERE p.term = ?1 AND (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) AND p.date <= ?3 AND "
          /* the latest act of the seat up to ?3 is this addition: no later one (an anti-join, which PostgreSQL
             estimates; "p.id = (SELECT ... LIMIT 1)" it took for one row and read the units per member) */
          "p.action = 'add' AND NOT EXISTS (SELECT 1 FROM planning q WHERE q.term = p.term AND q.unit_id = p.unit_id "
          " AND q.title_id = p.title_id AND q.cadre_id = p.cadre_id AND q.date <= ?3 "
          " AND (q.date > p.date OR (q.date = p.date AND q.id > p.id))) "
          "ORDER BY c.sort_key, c.code");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, term);
  db_bind_text(st, 2, path);
  db_bind_text(st, 3, date);
  Date at;
  date_parse(date, &at, DATE_FULL);
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    Pool *p = pool_get(s, db_int(st, 1), db_int(st, 2));
    if (!p) continue; /* cannot happen: every act's pool was loaded */
    if (!scope_contains(scope, db_text(st, 15))) { /* a member from outside the scope: counted only */
      p->hidden++;
      continue;
    }
    PoolMember m = {.act_id = db_int(st, 0), .cadre_id = db_int(st, 3)};
    const char **f[] = {&m.since, &m.decision_no, &m.override, &m.code, &m.full_name, &m.gender, &m.birth_date,
                        &m.ethnicity, &m.llct_level, &m.qlnn_level, &m.degree};
    for (int i = 0; i < 11; i++) *f[i] = arena_strdup(a, db_text(st, 4 + i)); /* current_title: member_titles */
    Date b;
    m.age = date_parse(m.birth_date, &b, DATE_PARTIAL) == 0 ? date_age_years(b, at) : 0;
    member_push(p, a, &m);
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : member_titles(db, a, path, term, date, s);
}

static _Thread_local const PoolSet *sort_ctx; /* qsort has no context argument */

static int unit_index(const PoolSet *s, long long id) {
  for (int i = 0; i < s->nunits; i++)
    if (s->units[i].id == id) return i;
  return s->nunits;
}

static int cmp_pool(const void *x, const void *y) {
  const Pool *p = x, *q = y;
  int a = unit_index(sort_ctx, p->unit_id), b = unit_index(sort_ctx, q->unit_id);
  if (a != b) return a < b ? -1 : 1;
  if (p->title_rank != q->title_rank) return p->title_rank > q->title_rank ? -1 : 1;
  return strcmp(p->title_code, q->title_code);
}

int planning_pools(Db *db, Arena *a, Scope scope, const char *unit_code, const char *term, const char *date,
                   bool with_titles_held, Pool **out, int *n) {
  *out = NULL;
  *n = 0;
  if (!term_valid(term)) return CB_EINVAL;
  Date d;
  char iso[11] = "9999-12-31";
  if (date && *date) {
    if (date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
    date_iso(d, iso);
  }
  const char *path;
  int rc = subtree(db, a, scope_legacy(scope), unit_code, &path);
  PoolSet s = {0};
  if (rc == 0) rc = unit_list(db, a, scope_from_legacy(path), &s.units, &s.nunits);
  if (rc == 0) rc = load_pool_keys(db, a, path, term, date && *date ? iso : NULL, with_titles_held && date && *date, &s);
  if (rc == 0) rc = load_members(db, a, scope, path, term, iso, &s);
  if (rc) return rc;
  sort_ctx = &s;
  if (s.n > 1) cb_qsort(s.v, (size_t)s.n, sizeof(Pool), cmp_pool);
  sort_ctx = NULL;
  *out = s.v;
  *n = s.n;
  return 0;
}

/* ---- histories ---- */

#define ACT_COLS                                                                                               \
  "p.id, p.cadre_id, p.unit_id, p.title_id, p.term, u.code, u.name, t.code, t.name, c.code, c.full_name, "      \
  "p.action, p.date, p.decision_no, p.reason, p.override, p.created_by, "                                       \
  "(SELECT count(*) FROM findings f WHERE f.subject = 'planning' AND f.subject_id = p.id AND f.result = 'fail') "
#define ACT_FROM                                                                                               \
  "FROM planning p JOIN units u ON u.id = p.unit_id JOIN titles t ON t.id = p.title_id "                        \
  "JOIN cadres c ON c.id = p.cadre_id "

static int read_acts(DbStmt *st, Arena *a, PlanAct **out, int *n) {
  int cap = 16, cnt = 0, rc;
  PlanAct *v = arena_alloc(a, sizeof(PlanAct) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      PlanAct *w = arena_alloc(a, sizeof(PlanAct) * (size_t)cap * 2);
      memcpy(w, v, sizeof(PlanAct) * (size_t)cnt);
      v = w, cap *= 2;
    }
    PlanAct *x = &v[cnt++];
    x->id = db_int(st, 0);
    x->cadre_id = db_int(st, 1);
    x->unit_id = db_int(st, 2);
    x->title_id = db_int(st, 3);
    const char **f[] = {&x->term, &x->unit_code, &x->unit_name, &x->title_code, &x->title_name, &x->cadre_code,
                        &x->cadre_name, &x->action, &x->date, &x->decision_no, &x->reason, &x->override,
                        &x->created_by};
    for (int i = 0; i < 13; i++) *f[i] = arena_strdup(a, db_text(st, 4 + i));
    x->fails = (int)db_int(st, 17);
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? CB_EDB : 0;
}

int planning_history_pool(Db *db, Arena *a, Scope scope, const char *term, const char *unit_code,
                          const char *title_code, PlanAct **out, int *n) {
  *out = NULL;
  *n = 0;
  if (!term_valid(term)) return CB_EINVAL;
  Unit u;
  Title t;
  int rc = unit_find(db, a, scope, unit_code ? unit_code : "", &u);
  if (rc == 0) rc = title_find(db, a, title_code ? title_code : "", &t);
  if (rc) return rc;
  /* acts on people whose current unit is outside the scope are not listed (docs/SECURITY.md) */
  DbStmt *st = db_prepare(db, "SELECT " ACT_COLS ACT_FROM "WHERE p.term = ?1 AND p.unit_id = ?2 AND p.title_id = ?3 "
                              "AND c.unit_id IN (SELECT sx.id FROM units sx WHERE" SCOPE_SQL("sx.path", 4) ") "
                              "ORDER BY p.date, p.id");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, term);
  db_bind_int(st, 2, u.id);
  db_bind_int(st, 3, t.id);
  scope_bind(st, 4, scope);
  return read_acts(st, a, out, n);
}

int planning_history_pools(Db *db, Arena *a, Scope scope, const char *term, const Pool *pools, int npools,
                           PlanAct **out, int *n) {
  *out = NULL;
  *n = 0;
  if (!term_valid(term)) return CB_EINVAL;
  if (npools <= 0) return 0;
  long long *units = arena_alloc(a, sizeof *units * (size_t)npools);
  for (int i = 0; i < npools; i++) units[i] = pools[i].unit_id;
  /* the acts of the term in the pools' units (one statement for a page of pools, not one per pool), grouped by
     pool, people out of the scope left out as in planning_history_pool; those of other titles are dropped below */
  DbStmt *st = db_prepare_in(db, a, "SELECT " ACT_COLS ACT_FROM "WHERE p.term = ?1 AND p.unit_id IN (%s) AND c.unit_id IN "
                                    "(SELECT sx.id FROM units sx WHERE" SCOPE_SQL("sx.path", 2) ") "
                                    "ORDER BY p.unit_id, p.title_id, p.date, p.id",
                             3, units, npools);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, term);
  scope_bind(st, 2, scope);
  PlanAct *v;
  int k, rc = read_acts(st, a, &v, &k);
  if (rc) return rc;
  int m = 0;
  for (int i = 0; i < k; i++) {
    bool wanted = false;
    for (int j = 0; j < npools && !wanted; j++) wanted = pools[j].unit_id == v[i].unit_id && pools[j].title_id == v[i].title_id;
    if (wanted) v[m++] = v[i];
  }
  *out = v;
  *n = m;
  return 0;
}

int planning_history_cadre(Db *db, Arena *a, Scope scope, const char *cadre_code, PlanAct **out, int *n) {
  *out = NULL;
  *n = 0;
  Cadre c;
  int rc = cadre_find(db, a, scope, cadre_code ? cadre_code : "", &c);
  if (rc) return rc;
  DbStmt *st = db_prepare(db, "SELECT " ACT_COLS ACT_FROM "WHERE p.cadre_id = ? ORDER BY p.date, p.id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, c.id);
  return read_acts(st, a, out, n);
}

DbStmt *planning_term_acts_stmt(Db *db, const Cadre *c, const char *term) {
  /* the columns of ACT_COLS, the cadre's own code and name given by the caller, no findings counted (fails 0);
     ordered by planning_term_acts_read (a cadre's few acts: SQLite's sorter cost more than the rest of the read) */
  DbStmt *st = db_prepare(db, "SELECT p.id, p.cadre_id, p.unit_id, p.title_id, p.term, u.code, u.name, "
                              "t.code, t.name, NULL, NULL, p.action, p.date, p.decision_no, p.reason, "
                              "p.override, p.created_by, 0 FROM planning p JOIN units u ON u.id = p.unit_id "
                              "JOIN titles t ON t.id = p.title_id WHERE p.cadre_id = ?1 AND p.term = ?2");
  if (!st) return NULL;
  db_bind_int(st, 1, c->id);
  db_bind_text(st, 2, term);
  return st;
}

/* Acts in the order they were taken: date, then id. */
static int cmp_date_id(const void *x, const void *y) {
  const PlanAct *p = x, *q = y;
  int c = strcmp(p->date ? p->date : "", q->date ? q->date : "");
  return c ? c : (p->id > q->id) - (p->id < q->id);
}

int planning_term_acts_read(DbStmt *st, Arena *a, const Cadre *c, PlanAct **out, int *n) {
  *out = NULL;
  *n = 0;
  if (!st) return CB_EDB;
  int rc = read_acts(st, a, out, n);
  if (!rc) cb_qsort(*out, (size_t)*n, sizeof **out, cmp_date_id);
  for (int i = 0; !rc && i < *n; i++) (*out)[i].cadre_code = c->code, (*out)[i].cadre_name = c->full_name;
  return rc;
}

int planning_act_findings(Db *db, Arena *a, long long id, Findings *out) {
  return findings_load(db, a, "planning", id, out);
}

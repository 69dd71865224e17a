/*
** The yearly review of planning pools (rà soát quy hoạch, PLAN-12; see
** planning.h): for a unit subtree, a term and a date, each pool with its
** members and shares -- women (PLAN-6), young (PLAN-5, the age of PLAN-5a
** by the unit's level), ethnic minorities (PLAN-7) -- the titles with no or
** one candidate, and the members who must leave now because their PLAN-4
** (age) or DISC-1/DISC-2 (discipline) finding fails on the review date;
** and the political-standard removal of PLAN-8, which a body decides and
** the review records (planning_remove_political).
**
** Not for: rendering (web/pages_planning.c, web/api_planning.c).
*/
#include <string.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "domain/cadre.h"
#include "domain/eligibility.h"
#include "domain/planning.h"
#include "domain/unit.h"

/* Rules whose failure takes a member out of the pool (PLAN-8); EligReq.leave_only runs only these. */
static bool leave_rule(const char *rule) {
  return strcmp(rule, "PLAN-4") == 0 || strcmp(rule, "DISC-1") == 0 || strcmp(rule, "DISC-2") == 0 ||
         strcmp(rule, "DISC-3") == 0;
}

/* Check one member on the review date; the reason when they must leave, else NULL. */
static int leave_reason(Db *db, Arena *a, const char *scope, const char *term, const char *date,
                        const EligPrefetch *pre, const Pool *p, const PoolMember *m, const char **reason) {
  *reason = NULL;
  EligReq er = {.purpose = PURPOSE_PLANNING, .cadre_code = m->code, .title_code = p->title_code,
                .unit_code = p->unit_code, .date = date, .term = term, .scope = NULL,
                .exclude_planning_id = m->act_id, .leave_only = true, .prefetch = pre};
  (void)scope; /* the pool is in scope; its member may come from elsewhere and must still be checked */
  Findings f;
  int rc = eligibility_check(db, a, &er, &f);
  if (rc) return rc == CB_ENOTFOUND ? 0 : rc;
  const char *s = NULL;
  for (int i = 0; i < f.n; i++) {
    if (f.v[i].result != RESULT_FAIL || !leave_rule(f.v[i].rule)) continue;
    s = s ? arena_printf(a, "%s; %s: %s", s, f.v[i].rule, f.v[i].message)
          : arena_printf(a, "%s: %s", f.v[i].rule, f.v[i].message);
  }
  *reason = s;
  return 0;
}

typedef struct {
  int women_pct, young_pct;
  const char *majority;
  RuleVersion young_age; /* PLAN-5a */
  bool have_young_age;
} Params;

static void load_params(Db *db, Arena *a, const char *date, Params *pp, Review *out) {
  RuleVersion rv;
  pp->women_pct = 25, pp->young_pct = 15, pp->majority = "Kinh";
  out->basis_women = out->basis_young = out->basis_minority = "";
  if (rules_in_force(db, a, "PLAN-6", date, &rv) == 0) {
    pp->women_pct = (int)rule_param_int(&rv, "min_women_pct", 25);
    out->basis_women = rv.basis;
  }
  if (rules_in_force(db, a, "PLAN-5", date, &rv) == 0) {
    pp->young_pct = (int)rule_param_int(&rv, "min_young_pct", 15);
    out->basis_young = rv.basis;
  }
  if (rules_in_force(db, a, "PLAN-7", date, &rv) == 0) {
    pp->majority = rule_param_str(&rv, a, "majority", "Kinh");
    out->basis_minority = rv.basis;
  }
  pp->have_young_age = rules_in_force(db, a, "PLAN-5a", date, &pp->young_age) == 0;
  out->min_women_pct = pp->women_pct;
  out->min_young_pct = pp->young_pct;
}

static int review_pool(Db *db, Arena *a, const char *scope, const char *term, const char *date, const Params *pp,
                       const EligPrefetch *pre, ReviewPool *rp) {
  const Pool *p = &rp->pool;
  rp->young_age = pp->have_young_age ? (int)rule_param_int(&pp->young_age, p->unit_level, 40) : 40;
  rp->leave = arena_alloc(a, sizeof(MustLeave) * (size_t)(p->n ? p->n : 1));
  for (int i = 0; i < p->n; i++) {
    const PoolMember *m = &p->m[i];
    if (m->gender && strcmp(m->gender, "F") == 0) rp->women++;
    if (m->age < rp->young_age) rp->young++;
    if (m->ethnicity && *m->ethnicity && strcasecmp(m->ethnicity, pp->majority) != 0) rp->minority++;
    const char *why;
    int rc = leave_reason(db, a, scope, term, date, pre, p, m, &why);
    if (rc) return rc;
    if (why) rp->leave[rp->nleave++] = (MustLeave){m, why};
  }
  return 0;
}

/* The records and disciplines of every member of the pools (each cadre once), read at once (elig_prefetch). */
static int prefetch_members(Db *db, Arena *a, const char *iso, const Pool *pools, int n, EligPrefetch **pre) {
  int total = 0, k = 0;
  for (int i = 0; i < n; i++) total += pools[i].n;
  long long *ids = arena_alloc(a, sizeof(long long) * (size_t)(total ? total : 1));
  for (int i = 0; i < n; i++)
    for (int j = 0; j < pools[i].n; j++) ids[k++] = pools[i].m[j].cadre_id;
  return elig_prefetch(db, a, iso, ids, cb_sort_unique_ids(ids, k), pre);
}

/* One person's place in the pools, for the counts by person. */
typedef struct {
  long long id;
  bool woman, young, minority;
} Person;

static int cmp_person(const void *x, const void *y) {
  const Person *p = x, *q = y;
  return (p->id > q->id) - (p->id < q->id);
}

/* out's totals by person: each member once however many pools they are in, young when young in any of them. */
static void count_people(Arena *a, Review *out, const char *majority) {
  Person *v = arena_alloc(a, sizeof(Person) * (size_t)(out->members ? out->members : 1));
  int k = 0;
  for (int i = 0; i < out->n; i++)
    for (int j = 0; j < out->p[i].pool.n; j++) {
      const PoolMember *m = &out->p[i].pool.m[j];
      v[k++] = (Person){m->cadre_id, m->gender && strcmp(m->gender, "F") == 0, m->age < out->p[i].young_age,
                        m->ethnicity && *m->ethnicity && strcasecmp(m->ethnicity, majority) != 0};
    }
  cb_qsort(v, (size_t)k, sizeof *v, cmp_person);
  for (int i = 0; i < k;) {
    Person p = v[i];
    for (i++; i < k && v[i].id == p.id; i++) p.young |= v[i].young;
    out->people++;
    out->women += p.woman;
    out->young += p.young;
    out->minority += p.minority;
  }
}

int planning_review(Db *db, Arena *a, Scope scope, const char *unit_code, const char *term, const char *date,
                    Review *out) {
  memset(out, 0, sizeof *out);
  Date d = date_today();
  if (date && *date && date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
  char iso[11];
  date_iso(d, iso);
  if (!term || !*term) term = term_of(a, iso);
  if (!term_valid(term)) return CB_EINVAL;
  out->term = term;
  out->date = arena_strdup(a, iso);
  if (unit_code && *unit_code) {
    Unit u;
    int rc = unit_find(db, a, scope, unit_code, &u);
    if (rc) return rc;
    out->unit_code = u.code, out->unit_name = u.name;
  }
  Pool *pools;
  int n;
  int rc = planning_pools(db, a, scope, unit_code, term, iso, true, &pools, &n);
  if (rc) return rc;
  Params pp;
  load_params(db, a, iso, &pp, out);
  EligPrefetch *pre;
  if ((rc = prefetch_members(db, a, iso, pools, n, &pre))) return rc;
  out->p = arena_alloc(a, sizeof(ReviewPool) * (size_t)(n ? n : 1));
  out->n = n;
  for (int i = 0; i < n && rc == 0; i++) {
    ReviewPool *rp = &out->p[i];
    rp->pool = pools[i];
    rc = review_pool(db, a, scope_legacy(scope), term, iso, &pp, pre, rp);
    out->members += rp->pool.n;
    if (rp->pool.n == 0) out->empty_pools++;
    if (rp->pool.n == 1) out->single_pools++;
  }
  if (!rc) count_people(a, out, pp.majority);
  return rc;
}

/* ---- PLAN-8: the political standard ---- */

int planning_remove_political(Db *db, Arena *a, Scope scope, const char *cadre_code, const char *term, const char *date, const char *decision_no, const char *reason, const char *actor, int *removed, const char **error) {
  *removed = 0;
  *error = NULL;
  Date d;
  char iso[11];
  if (!date || date_parse(date, &d, DATE_FULL) != 0)
    return *error = "Ngày không hợp lệ (dạng DD/MM/YYYY).", CB_EINVAL;
  date_iso(d, iso);
  if (!reason || !*reason)
    return *error = "Cần nêu kết luận về tiêu chuẩn chính trị (biểu hiện «tự diễn biến», «tự chuyển hóa»).", CB_EINVAL;
  if (!term || !*term) term = term_of(a, iso);
  if (!term_valid(term)) return *error = "Nhiệm kỳ không hợp lệ.", CB_EINVAL;
  Cadre c;
  int rc = cadre_find(db, a, scope, cadre_code ? cadre_code : "", &c);
  if (rc) return *error = "Không tìm thấy cán bộ.", rc;
  if (db_begin(db) != 0) return CB_EDB;
  /* The pools the cadre is in on the date (latest act up to it is add), units within the scope. */
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT p.unit_id, p.title_id, u.code, t.code FROM planning p JOIN units u ON u.id = p.unit_id "
                              "JOIN titles t ON t.id = p.title_id WHERE p.cadre_id = ?1 AND p.term = ?2 AND p.date <= ?3 "
                              "AND (?4 IS NULL OR (u.path >= ?4 AND u.path < substr(?4, 1, length(?4) - 1) || '0')) AND p.action = 'add' AND p.id = "
                              "(SELECT q.id FROM planning q WHERE q.cadre_id = p.cadre_id AND q.term = p.term AND "
                              "q.unit_id = p.unit_id AND q.title_id = p.title_id AND q.date <= ?3 "
                              "ORDER BY q.date DESC, q.id DESC LIMIT 1) ORDER BY p.id");
  if (!st) rc = CB_EDB;
  long long units[64], titles[64];
  const char *ucodes[64], *tcodes[64];
  int n = 0;
  if (!rc) {
    db_bind_int(st, 1, c.id);
    db_bind_text(st, 2, term);
    db_bind_text(st, 3, iso);
    scope_bind(st, 4, scope);
    int s;
    while ((s = db_step(st)) == DB_ROW && n < 64) {
      units[n] = db_int(st, 0), titles[n] = db_int(st, 1);
      ucodes[n] = arena_strdup(a, db_text(st, 2)), tcodes[n] = arena_strdup(a, db_text(st, 3));
      n++;
    }
    db_finalize(st);
    if (s < 0) rc = CB_EDB;
  }
  if (!rc && n == 0) {
    char vn[16];
    *error = arena_printf(a, "%s không có trong nguồn quy hoạch nào của nhiệm kỳ %s vào ngày %s.", c.full_name, term,
                          date_iso_to_vn(iso, vn));
    rc = CB_EINVAL;
  }
  const char *why = arena_printf(a, "PLAN-8 — không bảo đảm tiêu chuẩn chính trị: %s", reason);
  for (int i = 0; !rc && i < n; i++) {
    long long id;
    rc = planning_insert_act(db, term, units[i], titles[i], c.id, "remove", iso, decision_no, why, NULL, actor, &id);
    if (!rc) {
      json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?}", "term", term, "unit", ucodes[i], "title",
                            tcodes[i], "cadre", c.code, "action", "remove", "date", iso, "reason", why, "decision_no",
                            decision_no && *decision_no ? decision_no : NULL);
      char *js = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER), key[32];
      json_decref(j);
      snprintf(key, sizeof key, "%lld", id);
      rc = audit_log(db, actor ? actor : "?", "planning_remove", "planning", key, NULL, js);
      free(js);
    }
  }
  if (!rc && db_commit(db) == 0) {
    *removed = n;
    return 0;
  }
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

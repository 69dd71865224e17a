/*
** The yearly review of planning pools (rà soát quy hoạch, PLAN-12; see
** planning.h): for a unit subtree, a term and a date, each pool with its
** members and shares -- women (PLAN-6), young (PLAN-5, the age of PLAN-5a
** by the unit's level), ethnic minorities (PLAN-7) -- the titles with no or
** one candidate, and the members who must leave now because their PLAN-4
** (age) or DISC-1/DISC-2 (discipline) finding fails on the review date.
**
** Not for: rendering (web/pages_planning.c, web/api_planning.c).
*/
#include <string.h>
#include <strings.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/eligibility.h"
#include "domain/planning.h"
#include "domain/unit.h"

/* Rules whose failure takes a member out of the pool (PLAN-8). */
static bool leave_rule(const char *rule) {
  return strcmp(rule, "PLAN-4") == 0 || strcmp(rule, "DISC-1") == 0 || strcmp(rule, "DISC-2") == 0 ||
         strcmp(rule, "DISC-3") == 0;
}

/* Check one member on the review date; the reason when they must leave, else NULL. */
static int leave_reason(Db *db, Arena *a, const char *scope, const char *term, const char *date, const Pool *p,
                        const PoolMember *m, const char **reason) {
  *reason = NULL;
  EligReq er = {.purpose = PURPOSE_PLANNING, .cadre_code = m->code, .title_code = p->title_code,
                .unit_code = p->unit_code, .date = date, .term = term, .scope = NULL,
                .exclude_planning_id = m->act_id};
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
                       ReviewPool *rp) {
  const Pool *p = &rp->pool;
  rp->young_age = pp->have_young_age ? (int)rule_param_int(&pp->young_age, p->unit_level, 40) : 40;
  rp->leave = arena_alloc(a, sizeof(MustLeave) * (size_t)(p->n ? p->n : 1));
  for (int i = 0; i < p->n; i++) {
    const PoolMember *m = &p->m[i];
    if (m->gender && strcmp(m->gender, "F") == 0) rp->women++;
    if (m->age < rp->young_age) rp->young++;
    if (m->ethnicity && *m->ethnicity && strcasecmp(m->ethnicity, pp->majority) != 0) rp->minority++;
    const char *why;
    int rc = leave_reason(db, a, scope, term, date, p, m, &why);
    if (rc) return rc;
    if (why) rp->leave[rp->nleave++] = (MustLeave){m, why};
  }
  return 0;
}

int planning_review(Db *db, Arena *a, const char *scope, const char *unit_code, const char *term, const char *date,
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
    int rc = unit_find(db, a, unit_code, scope, &u);
    if (rc) return rc;
    out->unit_code = u.code, out->unit_name = u.name;
  }
  Pool *pools;
  int n;
  int rc = planning_pools(db, a, scope, unit_code, term, iso, true, &pools, &n);
  if (rc) return rc;
  Params pp;
  load_params(db, a, iso, &pp, out);
  out->p = arena_alloc(a, sizeof(ReviewPool) * (size_t)(n ? n : 1));
  out->n = n;
  for (int i = 0; i < n && rc == 0; i++) {
    ReviewPool *rp = &out->p[i];
    rp->pool = pools[i];
    rc = review_pool(db, a, scope, term, iso, &pp, rp);
    out->members += rp->pool.n;
    out->women += rp->women;
    out->young += rp->young;
    out->minority += rp->minority;
    if (rp->pool.n == 0) out->empty_pools++;
    if (rp->pool.n == 1) out->single_pools++;
  }
  return rc;
}

/* The dashboard numbers (see dashboard.h): each one delegated to the domain module owning its list. */
#include "domain/dashboard.h"
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/appointment.h"
#include "domain/forecast.h"
#include "domain/planning.h"
#include "domain/stats.h"
#include "domain/structure.h"
#include "domain/unit.h"

/* Pools of key titles of the term: covered when someone is in the pool on the date. */
static int key_pools(Db *db, Arena *a, const char *scope, const char *date, Dashboard *out) {
  out->term = term_of(a, date);
  if (!out->term) return CB_EINVAL;
  Pool *p;
  int n;
  int rc = planning_pools(db, a, scope_from_legacy(scope), NULL, out->term, date, true, &p, &n);
  if (rc) return rc;
  for (int i = 0; i < n; i++) {
    if (!p[i].title_category || strcmp(p[i].title_category, "key") != 0) continue;
    out->key_pools++;
    if (p[i].n > 0) out->key_covered++;
    else out->key_empty++;
  }
  return 0;
}

static int young(Db *db, Arena *a, const char *scope, const char *date, Dashboard *out) {
  Structure s;
  int rc = structure_compute(db, a, scope_from_legacy(scope), NULL, date, &s);
  if (rc) return rc;
  out->members = s.total;
  out->young_known = s.young_known;
  out->young_basis = s.young_basis;
  memcpy(out->young_age, s.young_age, sizeof out->young_age);
  const Dimension *d = &s.dim[DIM_YOUNG];
  for (int i = 0; i < d->n; i++)
    if (strcmp(d->v[i].key, "young") == 0) out->young = d->v[i].n;
  return 0;
}

/* The annual report of last year for the scope's unit (else the first root of the tree). */
static int last_report(Db *db, Arena *a, const char *scope, const char *scope_unit, Date at, Dashboard *out) {
  out->report_unit = scope_unit;
  if (!out->report_unit) {
    Unit *u;
    int nu;
    int rc = unit_list(db, a, scope_from_legacy(scope), &u, &nu);
    if (rc) return rc;
    if (nu == 0) return 0;
    out->report_unit = u[0].code;
  }
  int rc = report_annual(db, a, scope_from_legacy(scope), out->report_unit, at.y - 1, false, &out->report);
  if (rc) return rc;
  out->has_report = true;
  for (int i = 0; i < REPORT_N_PROGRAMS; i++) out->report_trainings += out->report.training[i];
  return 0;
}

int dashboard_build(Db *db, Arena *a, Scope scope, const char *scope_unit, const char *date, Dashboard *out) {
  memset(out, 0, sizeof *out);
  Date at;
  if (!date || strlen(date) != 10 || date_parse(date, &at, DATE_FULL) != 0) return CB_EINVAL;
  date_iso(at, out->date);
  Stats st;
  int rc = stats_headline(db, a, scope, NULL, at, &st);
  if (rc) return rc;
  out->stats = st;
  out->cadres = st.total;
  out->women = st.women;
  if ((rc = young(db, a, scope_legacy(scope), out->date, out))) return rc;
  if ((rc = key_pools(db, a, scope_legacy(scope), out->date, out))) return rc;
  if ((rc = forecast_count_retiring(db, scope, out->date, DASHBOARD_RETIRE_MONTHS, &out->retiring))) return rc;
  DueItem *due;
  if ((rc = appt_due(db, a, scope, NULL, out->date, &due, &out->due, &out->notice_days))) return rc;
  long long open = 0;
  if ((rc = appt_proposal_count(db, a, scope, NULL, "open", &open))) return rc;
  out->open_proposals = (int)open;
  return last_report(db, a, scope_legacy(scope), scope_unit, at, out);
}

/*
** City-wide aggregates benchmark (issue 9): times, in-process on an existing
** database, each part of the dashboard (stats_headline, structure_compute,
** planning_pools, forecast_build, appointments due, open proposals, the
** annual report of last year) and dashboard_build itself, plus the three
** lists of /luan-chuyen, over the whole city as the admin, and prints the
** median and the maximum in milliseconds.
**   bench_aggregates DB [DATE [ROUNDS]]
*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "core/date.h"
#include "core/db.h"
#include "core/scope.h"
#include "core/sort.h"
#include "domain/appointment.h"
#include "domain/dashboard.h"
#include "domain/forecast.h"
#include "domain/planning.h"
#include "domain/report_annual.h"
#include "domain/rotation.h"
#include "domain/stats.h"
#include "domain/structure.h"
#include "domain/term.h"
#include "domain/unit.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

enum { STATS, STRUCTURE, POOLS, FORECAST, DUE, PROPOSALS, REPORT, DASHBOARD, ROT_LIST, ROT_LONG, NPARTS };
static const char *const NAMES[NPARTS] = {"stats_headline", "structure_compute", "planning_pools", "forecast_build",
                                          "appt_due",       "proposals",         "report_annual",  "dashboard_build",
                                          "rotation_list",  "rotation_long"};

static int run(Db *db, Arena *a, int part, const char *date, Date at, const char *root) {
  Stats st;
  Structure s;
  Pool *p;
  Forecast f;
  DueItem *due;
  ProposalRow *pr;
  AnnualReport r;
  Dashboard d;
  RotationRow *rr;
  LongTenure *lt;
  int n, m;
  switch (part) {
  case STATS: return stats_headline(db, a, scope_all(), NULL, at, &st);
  case STRUCTURE: return structure_compute(db, a, scope_all(), NULL, date, &s);
  case POOLS: return planning_pools(db, a, scope_all(), NULL, term_of(a, date), date, true, &p, &n);
  case FORECAST: return forecast_build(db, a, scope_all(), NULL, date, DASHBOARD_RETIRE_MONTHS, &f);
  case DUE: return appt_due(db, a, scope_all(), NULL, date, &due, &n, &m);
  case PROPOSALS: return appt_proposal_list(db, a, scope_all(), NULL, "open", 0, 50, &pr, &n, NULL);
  case REPORT: return root ? report_annual(db, a, scope_all(), root, at.y - 1, false, &r) : 0;
  case DASHBOARD: return dashboard_build(db, a, scope_all(), NULL, date, &d);
  case ROT_LIST: return rotation_list(db, a, scope_all(), NULL, 0, 0, 50, &rr, &n, NULL);
  default: return rotation_long_tenure(db, a, scope_all(), NULL, date, &lt, &n);
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_aggregates DB [DATE [ROUNDS]]\n");
    return 2;
  }
  Date at = date_today();
  if (argc > 2 && date_parse(argv[2], &at, DATE_FULL) != 0) {
    fprintf(stderr, "bad date %s\n", argv[2]);
    return 2;
  }
  char date[11];
  date_iso(at, date);
  int rounds = argc > 3 ? atoi(argv[3]) : 3;
  if (rounds < 1) rounds = 1;
  Db *db;
  if (db_open(argv[1], &db) != 0) return 1;
  Arena *ua = arena_new();
  Unit *u;
  int nu;
  const char *root = unit_list(db, ua, scope_all(), &u, &nu) == 0 && nu > 0 ? u[0].code : NULL;
  double *t = malloc(sizeof(double) * (size_t)rounds);
  printf("%-18s %10s %10s   (%s, %d rounds)\n", "part", "p50_ms", "max_ms", date, rounds);
  for (int part = 0; part < NPARTS; part++) {
    for (int k = 0; k < rounds; k++) {
      Arena *a = arena_new();
      double t0 = now_ms();
      int rc = run(db, a, part, date, at, root);
      t[k] = now_ms() - t0;
      arena_free(a);
      if (rc) {
        fprintf(stderr, "%s failed: %d\n", NAMES[part], rc);
        return 1;
      }
    }
    cb_qsort(t, (size_t)rounds, sizeof(double), cmp_double);
    printf("%-18s %10.1f %10.1f\n", NAMES[part], t[rounds / 2], t[rounds - 1]);
  }
  free(t);
  arena_free(ua);
  db_close(db);
  return 0;
}

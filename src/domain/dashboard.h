/*
** The dashboard (issue 4 item 2): the user's scope at a glance on a date,
** each number being the total of a list the home page links to, so that the
** card and the list never disagree:
**   cadres, women        cadres whose unit (cadres.unit_id) lies in the scope:
**                        GET /api/v1/cadres[?gender=F] totals (/can-bo);
**   young                PLAN-5a by the level of the unit (structure.h on the
**                        date): /api/v1/reports/structure's "young" bucket;
**   key pools            pools of titles of category 'key' of the term of the
**                        date (planning_pools with the titles held), covered
**                        (>= 1 member) or not (0 members): /quy-hoach?term=;
**   retiring             holders of current positions retiring within 12
**                        months (forecast.h): /du-bao?months=12;
**   due                  the reappointment due list (APPT-8 window,
**                        appointment.h): /bo-nhiem/den-han;
**   open proposals       appointment proposals still in the procedure
**                        (status open): /bo-nhiem?status=open;
**   last year's report   the annual report numbers (docs/API.md) of the scope's unit for the
**                        previous year: /bao-cao/nam?year=.
** Read-only; every number honours the scope (a unit path, NULL = all).
** Not for: HTML (web/pages_home.c).
*/
#ifndef CANBO_DASHBOARD_H
#define CANBO_DASHBOARD_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/report_annual.h"
#include "domain/stats.h"

#define DASHBOARD_RETIRE_MONTHS 12

typedef struct {
  char date[11];                    /* ISO: the day the numbers are for */
  long long cadres, women;          /* the cadre list of the scope */
  Stats stats;                      /* the headline statistics these come from (stats.h) */
  long long members, young;         /* structure on the date: cadres belonging there, of whom young */
  bool young_known;                 /* a PLAN-5a version is in force on the date */
  int young_age[5];                 /* its ages: central, province, district, commune, grassroots */
  const char *young_basis;          /* its legal basis, or NULL */
  const char *term;                 /* the term of the date, "2025-2030" */
  int key_pools, key_covered, key_empty;
  int retiring;                     /* forecast.nret over DASHBOARD_RETIRE_MONTHS months */
  int due, notice_days;             /* appt_due on the date; APPT-8's notice days */
  int open_proposals;               /* appt_proposal_count(status "open") */
  const char *report_unit;          /* the unit of the annual report (scope unit, else the root); NULL = none */
  bool has_report;
  AnnualReport report;              /* of year (date's year - 1) when has_report */
  long report_trainings;            /* sum of report.training[] */
} Dashboard;

/*
** Fill *out for the user's `scope` (NULL = all) and `scope_unit` (the code
** of the scope's unit, NULL = the whole organization: the first root is
** used for the annual report) on ISO `date`. Strings live in `a`.
** 0, CB_EINVAL (bad date), CB_ENOTFOUND (scope unit unknown), CB_EDB.
*/
int dashboard_build(Db *db, Arena *a, Scope scope, const char *scope_unit, const char *date, Dashboard *out);

#endif

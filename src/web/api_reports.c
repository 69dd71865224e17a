/*
** The annual report API (docs/API.md, annual report): GET /api/v1/reports/annual?unit=&year=
** answers the §6 object. The unit defaults to the user's scope unit (or the
** root of the tree for an unscoped user); a unit outside the scope is 404
** like an unknown one; the year defaults to last year, a bad one is 400.
**
** Not for: SQL (domain/report_annual.c).
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/report_annual.h"
#include "domain/unit.h"
#include "web/web.h"

const char *report_default_unit(Req *r) {
  if (r->user && r->user->unit_code) return r->user->unit_code;
  Unit *u;
  int n;
  if (unit_list(r->db, r->a, r->scope, &u, &n) != 0 || n == 0) return NULL;
  return u[0].code;
}

bool report_year_arg(Req *r, int *year) {
  const char *y = req_query(r, "year");
  *year = date_today().y - 1;
  if (!y || !*y) return true;
  bool ok = strlen(y) == 4;
  for (int i = 0; ok && i < 4; i++) ok = y[i] >= '0' && y[i] <= '9';
  if (ok) *year = atoi(y);
  if (ok && *year >= 1900 && *year <= 2200) return true;
  resp_error(r, 400, "bad_year", "Năm không hợp lệ: cần dạng YYYY (1900–2200).");
  return false;
}

void api_report_annual(Req *r) {
  const char *unit = req_query(r, "unit");
  if (!unit || !*unit) unit = report_default_unit(r);
  int year;
  if (!report_year_arg(r, &year)) return;
  AnnualReport rep;
  int rc = report_annual(r->db, r->a, r->scope, unit, year, false, &rep);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_json(r, 200, report_annual_json(&rep));
}

/*
** The structure statistics API:
**   GET /api/v1/reports/structure?unit=&date=             structure_json
**   GET /api/v1/reports/retirements?unit=&date=&months=&limit=&offset=   the retirement list, paged
** Defaults: the first unit of the user's scope, today. A unit outside the
** scope is 404; a bad date or months 400.
** Not for: SQL or counting (domain/structure.c); the page (pages_structure.c).
*/
#include <stdlib.h>
#include "core/err.h"
#include "domain/structure_export.h"
#include "web/api_json.h"
#include "web/pages_structure.h"
#include "web/web.h"

/* structure_args, with a bad date answered 400 (as JSON). */
static bool api_args(Req *r, StructArgs *a) {
  if (!structure_args(r, a)) return false;
  if (a->bad_date) resp_error(r, 400, "bad_request", arena_printf(r->a, "Ngày không hợp lệ: %s.", a->bad_date));
  return !a->bad_date;
}

void api_report_structure(Req *r) {
  StructArgs a;
  Structure s;
  if (api_args(r, &a) && structure_args_compute(r, &a, &s)) structure_send_json(r, structure_json(&s));
}

/* A page of the retirement list: `limit` 1..RETIRE_LIMIT_MAX (more is capped), default RETIRE_LIMIT_DEFAULT. */
#define RETIRE_LIMIT_DEFAULT 500
#define RETIRE_LIMIT_MAX 1000

void api_report_retirements(Req *r) {
  StructArgs a;
  if (!api_args(r, &a)) return;
  const char *ms = req_query(r, "months");
  long months = 12, limit, offset;
  if (ms && *ms) {
    char *end;
    months = strtol(ms, &end, 10);
    if (*end || months < 0 || months > 600) {
      resp_error(r, 400, "bad_request", "Tham số 'months' phải là số nguyên từ 0 đến 600.");
      return;
    }
  }
  if (!api_query_int(r, "limit", RETIRE_LIMIT_DEFAULT, 1, &limit) || !api_query_int(r, "offset", 0, 0, &offset))
    return;
  if (limit > RETIRE_LIMIT_MAX) limit = RETIRE_LIMIT_MAX;
  Unit root;
  RetireRow *v;
  int n, total;
  int rc = unit_find(r->db, r->a, r->scope, a.unit, &root);
  if (!rc)
    rc = structure_retirements_page(r->db, r->a, r->scope, a.unit, a.date, (int)months, (int)offset, (int)limit, &v, &n,
                                    &total);
  if (rc == CB_ENOTFOUND) {
    resp_error(r, 404, "not_found", "Không tìm thấy đơn vị.");
    return;
  } else if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  json_t *j = retirements_json(&root, a.date, (int)months, v, n);
  json_object_set_new(j, "total", json_integer(total));
  json_object_set_new(j, "offset", json_integer(offset));
  json_object_set_new(j, "limit", json_integer(limit));
  structure_send_json(r, j);
}

/*
** GET /api/v1/cadres/{code}/eligibility?for=&title=&unit=&date=
** [&kind=&source=&term=]: the eligibility object of docs/API.md. 400 for a missing or bad
** argument, 404 for a cadre, title or unit that does not exist or (cadre,
** unit) lies outside the user's scope.
**
** Not for: the checks (domain/eligibility.c) or HTML (pages_eligibility.c).
*/
#include "core/err.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/pages_eligibility.h"
#include "web/web.h"

void api_cadre_eligibility(Req *r) {
  EligReq q;
  const char *err;
  if (!elig_req_from_query(r, r->params[0], &q, &err)) {
    resp_error(r, 400, "bad_request", err);
    return;
  }
  Cadre c;
  Title t;
  Unit u;
  int rc = cadre_find(r->db, r->a, scope_from_legacy(q.scope), q.cadre_code, &c);
  const char *missing = "Không tìm thấy cán bộ.";
  if (rc == 0) rc = title_find(r->db, r->a, q.title_code, &t), missing = "Không tìm thấy chức danh.";
  if (rc == 0) rc = unit_find(r->db, r->a, scope_from_legacy(q.scope), q.unit_code, &u), missing = "Không tìm thấy đơn vị.";
  Findings f;
  if (rc == 0) rc = eligibility_check(r->db, r->a, &q, &f);
  if (rc == CB_ENOTFOUND) {
    resp_error(r, 404, "not_found", missing);
  } else if (rc == CB_EINVAL) {
    resp_error(r, 400, "bad_request", "Nhiệm kỳ không hợp lệ (cần dạng 2025-2030).");
  } else if (rc) {
    resp_cb_error(r, rc);
  } else {
    resp_json(r, 200, eligibility_json(&q, &f));
  }
}

/*
** The JSON API of family relations (docs/API.md): the relatives report of
** a unit subtree on a date, REL-1 and REL-2 for every recorded pair. Thin:
** domain/relative.h does the work within the user's scope.
*/
#include "core/date.h"
#include "core/err.h"
#include "domain/relative.h"
#include "web/api_json.h"
#include "web/web.h"

void api_relatives_report(Req *r) {
  char today[16];
  const char *date = req_query(r, "date");
  Date d;
  if (!date || !*date) date = date_iso(date_today(), today);
  else if (date_parse(date, &d, DATE_FULL) != 0) { resp_error(r, 400, "bad_request", "Tham số 'date' phải có dạng YYYY-MM-DD."); return; }
  long offset, limit;
  if (!api_query_page(r, &offset, &limit)) return;
  RelPair *v;
  int n;
  int rc = relative_report(r->db, r->a, r->scope, req_query(r, "unit"), date, &v, &n);
  if (rc) { api_not_found(r, rc, "Không tìm thấy đơn vị."); return; }
  json_t *arr = json_array();
  for (long i = offset; i < n && i < offset + limit; i++) /* a page of the report's order (issue 9) */
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s, s:s, s:s}",
                                         "a_code", v[i].a_code, "a_name", v[i].a_name, "b_code", v[i].b_code, "b_name",
                                         v[i].b_name, "relation", v[i].relation, "relation_label", v[i].relation_label,
                                         "a_posts", v[i].a_posts, "b_posts", v[i].b_posts, "unit_code", v[i].unit_code,
                                         "unit_name", v[i].unit_name, "rule", v[i].rule, "result",
                                         result_name(v[i].result), "message", v[i].message, "basis", v[i].basis));
  resp_json(r, 200, json_pack("{s:s, s:i, s:o, s:i, s:i}", "date", date, "total", n, "items", arr, "offset", (int)offset,
                               "limit", (int)limit));
}

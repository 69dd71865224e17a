/*
** The unit API: GET /api/v1/units answers the unit tree within the user's
** scope as nested objects, {"units":[{code, name, level, parent_code,
** locality, valid_from, valid_to, children:[...]}]}. The roots are the units
** whose parent lies outside the listing (for a scoped user: the scope unit).
** With ?date=YYYY-MM-DD: the tree as it stood on that date (units existing
** then, under their parents of that date; unit_list_at); 400 for a bad date.
**
** Not for: SQL (domain/unit.c).
*/
#include "core/err.h"
#include "domain/unit.h"
#include "web/web.h"

void api_units(Req *r) {
  Unit *u;
  int n;
  const char *date = req_query(r, "date");
  int rc = unit_list_at(r->db, r->a, r->scope, date, &u, &n);
  if (rc == CB_EINVAL) {
    resp_error(r, 400, "bad_date", "Ngày không hợp lệ (cần YYYY-MM-DD).");
    return;
  }
  if (rc != 0) {
    resp_cb_error(r, rc);
    return;
  }
  /* unit_list gives tree order (parents first), so each parent's node exists before its children. */
  json_t *roots = json_array(), *by_id = json_object();
  for (int i = 0; i < n; i++) {
    json_t *node = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:[]}", "code", u[i].code, "name", u[i].name,
                             "level", u[i].level, "parent_code", u[i].parent_code, "locality", u[i].locality,
                             "valid_from", u[i].valid_from, "valid_to", u[i].valid_to, "children");
    json_t *parent = json_object_get(by_id, arena_printf(r->a, "%lld", u[i].parent_id));
    json_array_append(parent ? json_object_get(parent, "children") : roots, node);
    json_object_set_new(by_id, arena_printf(r->a, "%lld", u[i].id), node);
  }
  json_decref(by_id);
  resp_json(r, 200, json_pack("{s:o}", "units", roots));
}

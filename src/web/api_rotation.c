/*
** The JSON API of rotations and transfers (docs/API.md): the records in
** scope (or those ending within N months) and recording one. Thin: parse,
** call domain/rotation.h within the user's scope, render. Bad input 400
** with what is wrong; records outside the scope 404.
*/
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/rotation.h"
#include "web/api_json.h"
#include "web/widgets.h"
#include "web/web.h"


/* Members of the body: planned_months a whole number; every other member a string (or null). */
static const char *const INTS[] = {"planned_months", NULL};
static const char *const ARRAYS[] = {NULL};

static json_t *rotation_json(const RotationRow *x) {
  json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s, s:s?, s:s?, s:s}", "id", (json_int_t)x->id,
                        "cadre_code", x->cadre_code, "cadre_name", x->cadre_name, "kind", x->kind, "from_unit_code",
                        x->from_unit_code, "to_unit_code", x->to_unit_code, "from_title", x->from_title_name,
                        "to_title", x->to_title_name, "date", x->date, "decision_no", x->decision_no, "end_date",
                        x->end_date, "verdict", x->verdict);
  json_object_set_new(o, "planned_months", x->planned_months ? json_integer(x->planned_months) : json_null());
  return o;
}

void api_rotations_list(Req *r) {
  RotationRow *v;
  int n, rc;
  long long total = 0;
  long limit = 0, offset = 0;
  long ending = req_query_long(r, "ending", -1, 0, 600);
  if (ending >= 0) {
    char today[16];
    const char *date = req_query(r, "date");
    if (!date || !*date) date = date_iso(date_today(), today);
    rc = rotation_ending(r->db, r->a, r->scope, req_query(r, "unit"), date, (int)ending, &v, &n);
    total = rc ? 0 : n;
  } else {
    if (!api_query_page(r, &offset, &limit)) return;
    rc = rotation_list(r->db, r->a, r->scope, req_query(r, "unit"), (int)req_query_long(r, "year", 0, 0, 3000),
                       (int)offset, (int)limit, &v, &n, &total);
  }
  if (rc == CB_EINVAL) { resp_error(r, 400, "bad_request", "Tham số 'date' phải có dạng YYYY-MM-DD."); return; }
  if (rc) { api_not_found(r, rc, "Không tìm thấy đơn vị."); return; }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(arr, rotation_json(&v[i]));
  json_t *j = json_pack("{s:I, s:o}", "total", (json_int_t)total, "items", arr);
  if (limit) json_object_set_new(j, "offset", json_integer(offset)), json_object_set_new(j, "limit", json_integer(limit));
  resp_json(r, 200, j);
}

void api_rotation_post(Req *r) {
  json_t *in = api_body(r, INTS, ARRAYS);
  if (!in) return;
  RotationReq q = {.cadre_code = api_str(r, in, "cadre"), .kind = api_str(r, in, "kind"), .to_unit_code = api_str(r, in, "to_unit"),
                   .date = api_str(r, in, "date"), .from_unit_code = api_str(r, in, "from_unit"),
                   .from_title_code = api_str(r, in, "from_title"), .to_title_code = api_str(r, in, "to_title"),
                   .decision_no = api_str(r, in, "decision_no"), .planned_months = (int)api_int(in, "planned_months", 0),
                   .enforce = true, .override = api_str(r, in, "override_reason")};
  json_decref(in);
  FieldErrors e;
  field_errors_init(&e, r->a);
  if (!q.cadre_code || !*q.cadre_code) field_errors_add(&e, "cadre", "Cán bộ: bắt buộc (mã cán bộ).");
  if (rotation_request_problems(r->a, &q, &e)) {
    api_fields_error(r, &e);
    return;
  }
  long long id;
  Findings f;
  int rc = rotation_record(r->db, r->a, r->scope, &q, (r->user ? r->user->username : "web"), false, &id, &f);
  if (rc == CB_ERULE) { /* a failing finding and no override: nothing written (docs/API.md) */
    json_t *out = api_findings(&f);
    json_object_set_new(out, "error", json_pack("{s:s, s:s}", "code", "rule", "message",
                                                "Không đủ điều kiện: xem các kết quả «Không đạt»; gửi override_reason "
                                                "để vẫn ghi."));
    resp_json(r, 422, out);
    return;
  }
  if (rc == CB_EINVAL) { resp_error(r, 400, "bad_request", "Dữ liệu luân chuyển không hợp lệ."); return; }
  if (rc) { api_not_found(r, rc, "Không tìm thấy cán bộ, đơn vị hoặc chức danh (trong phạm vi của bạn)."); return; }
  json_t *out = api_findings(&f);
  json_object_set_new(out, "id", json_integer(id));
  resp_json(r, 201, out);
}


/* POST /api/v1/rotations/{id}/void {"reason"}: the act recorded in error and what it did to the file undone. */
void api_rotation_void(Req *r) {
  long long id;
  if (!req_param_id(r, 0, &id)) return;
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *reason = api_str(r, in, "reason"), *why = NULL;
  json_decref(in);
  int rc = rotation_void(r->db, r->a, r->scope, r->user->username, id, reason, &why);
  if (rc == CB_EINVAL) resp_error(r, 400, "bad_request", "Lý do hủy (reason): bắt buộc nhập.");
  else if (rc == CB_ECONFLICT)
    resp_error(r, 409, "conflict",
               arena_printf(r->a, "Không hủy được: %s. Sửa trong hồ sơ cán bộ trước.", why ? why : "hồ sơ đã thay đổi"));
  else if (rc) api_not_found(r, rc, "Không tìm thấy bản ghi luân chuyển (trong phạm vi của bạn).");
  else resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "voided", 1));
}

/*
** Users managed from the API (docs/API.md "Users"): list, add, change role,
** unit scope and disabled flag, reset a password (an administrator of the
** whole organization: a unit-scoped admin gets 403), and the user's own
** password. Passwords follow auth_password_problem (12 characters, not the
** user name, not a common one). Thin: JSON -> core/auth -> JSON.
*/
#include <string.h>
#include "core/err.h"
#include "web/api_json.h"
#include "web/web.h"

/* Users are organisation-wide objects: only an admin without a unit scope manages them. */
static bool org_admin(Req *r) {
  if (r->user->role == ROLE_ADMIN && scope_is_all(r->scope)) return true;
  resp_error(r, 403, "forbidden", "Chỉ quản trị viên toàn hệ thống mới quản lý người dùng.");
  return false;
}

static json_t *user_json(const User *u) {
  return json_pack("{s:s, s:s, s:s?, s:b, s:s?}", "username", u->username, "role", auth_role_name(u->role), "unit",
                   u->unit_code, "disabled", u->disabled, "created_at", u->created_at);
}

void api_users_list(Req *r) {
  if (!org_admin(r)) return;
  User *v;
  int n;
  int rc = auth_user_list(r->db, r->a, &v, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(arr, user_json(&v[i]));
  resp_json(r, 200, json_pack("{s:i, s:o}", "total", n, "items", arr));
}

static void field_error(Req *r, const char *field, const char *message) {
  FieldErrors e;
  field_errors_init(&e, r->a);
  field_errors_add(&e, field, "%s", message);
  api_fields_error(r, &e);
}

void api_users_create(Req *r) {
  if (!org_admin(r)) return;
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *username = api_str(r, in, "username"), *role = api_str(r, in, "role");
  const char *unit = api_str(r, in, "unit"), *password = api_str(r, in, "password");
  json_decref(in);
  FieldErrors e;
  field_errors_init(&e, r->a);
  if (!username || !*username) field_errors_add(&e, "username", "Tên đăng nhập: bắt buộc nhập.");
  else {
    bool ok = strlen(username) <= 64;
    for (const char *p = username; ok && *p; p++)
      ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-';
    if (!ok)
      field_errors_add(&e, "username", "Tên đăng nhập: chỉ gồm chữ thường không dấu, chữ số và . _ - (tối đa 64).");
  }
  if (auth_role_parse(role) == ROLE_NONE) field_errors_add(&e, "role", "Vai trò: chọn admin, officer hoặc viewer.");
  const char *why = auth_password_problem(username, password);
  if (why) field_errors_add(&e, "password", "Mật khẩu: %s", why);
  if (e.n) {
    api_fields_error(r, &e);
    return;
  }
  int rc = auth_user_add(r->db, r->a, r->user->username, username, role, unit, password);
  if (rc == CB_EEXIST) resp_error(r, 409, "exists", "Tên đăng nhập đã có.");
  else if (rc == CB_ENOTFOUND) field_error(r, "unit", "Đơn vị: không có đơn vị mã này.");
  else if (rc) resp_cb_error(r, rc);
  else resp_json(r, 201, json_pack("{s:s}", "username", username));
}

void api_users_patch(Req *r) {
  if (!org_admin(r)) return;
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *role = api_str(r, in, "role");
  json_t *unit = json_object_get(in, "unit"), *dis = json_object_get(in, "disabled");
  const char *unit_code = json_is_null(unit) ? "" : api_str(r, in, "unit");
  int disabled = json_is_true(dis) ? 1 : 0;
  bool bad_dis = dis && !json_is_boolean(dis);
  json_decref(in);
  if (bad_dis) {
    field_error(r, "disabled", "Khóa tài khoản: true hoặc false.");
    return;
  }
  if (role && auth_role_parse(role) == ROLE_NONE) {
    field_error(r, "role", "Vai trò: chọn admin, officer hoặc viewer.");
    return;
  }
  int rc = auth_user_update(r->db, r->a, r->user->username, r->params[0], role, unit ? unit_code : NULL,
                            dis ? &disabled : NULL);
  User u;
  if (!rc) rc = auth_user_find(r->db, r->a, r->params[0], &u);
  if (rc == CB_EPERM)
    resp_error(r, 403, "forbidden", "Không thể tự khóa tài khoản của mình, bỏ quyền quản trị hay đổi đơn vị (phạm vi) của chính mình.");
  else if (rc == CB_ENOTFOUND && !unit_code) resp_error(r, 404, "not_found", "Không có người dùng này.");
  else if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không có người dùng hoặc đơn vị này.");
  else if (rc) resp_cb_error(r, rc);
  else resp_json(r, 200, user_json(&u));
}

static void set_password(Req *r, const char *username, const char *password, const char *keep) {
  const char *problem = NULL;
  int rc = auth_user_set_password(r->db, r->a, r->user->username, username, password, keep, &problem);
  if (rc == CB_EINVAL) field_error(r, "password", arena_printf(r->a, "Mật khẩu: %s", problem));
  else if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không có người dùng này.");
  else if (rc) resp_cb_error(r, rc);
  else resp_json(r, 200, json_pack("{s:s}", "username", username));
}

void api_users_password(Req *r) {
  if (!org_admin(r)) return;
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *password = api_str(r, in, "password");
  json_decref(in);
  set_password(r, r->params[0], password, NULL);
}

void api_session_password(Req *r) {
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *old = api_str(r, in, "old"), *new_pw = api_str(r, in, "new");
  json_decref(in);
  if (!auth_password_ok(r->db, r->user->username, old)) {
    field_error(r, "old", "Mật khẩu hiện tại không đúng.");
    return;
  }
  set_password(r, r->user->username, new_pw, req_cookie(r, "canbo_session"));
}

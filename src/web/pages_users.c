/*
** Users from the web: the administrator's list with the add form
** (/nguoi-dung), one user's page to change the role, the unit scope, lock
** the account (sessions end at once) and reset the password
** (/nguoi-dung/{username}), and everyone's own password (/doi-mat-khau).
** Managing users needs an administrator of the whole organization; a
** unit-scoped admin gets 403. Passwords follow auth_password_problem.
*/
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/unit.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

static const Choice ROLES[] = {{"viewer", "Xem (chỉ đọc)"}, {"officer", "Chuyên viên (nhập, sửa hồ sơ)"},
                               {"admin", "Quản trị"}};

static bool org_admin(Req *r) {
  if (r->user->role == ROLE_ADMIN && scope_is_all(r->scope)) return true;
  resp_error(r, 403, "forbidden", "Chỉ quản trị viên toàn hệ thống mới quản lý người dùng.");
  return false;
}

static const char *unit_name_of(Req *r, const char *code) {
  Unit u;
  return code && unit_find(r->db, r->a, scope_all(), code, &u) == 0 ? u.name : NULL;
}

static void add_form(Req *r, const FieldErrors *e) {
  Unit *u = NULL;
  int nu = 0;
  unit_list(r->db, r->a, scope_all(), &u, &nu);
  Buf *b = &r->out;
  html_lit(b, "<form method=\"post\" action=\"/nguoi-dung\" class=\"card stack record-form\" id=\"user-add\" novalidate>"
              "<h2>Thêm người dùng</h2>");
  page_csrf_field(r);
  if (e) widget_error_summary(r, e);
  html_lit(b, "<div class=\"form-grid\">");
  Field fu = {.name = "username", .label = "Tên đăng nhập", .required = true, .maxlen = 64,
              .value = e ? req_form(r, "username") : NULL, .error = field_errors_get(e, "username"),
              .hint = "Chữ thường không dấu, chữ số và . _ -"};
  widget_text(r, &fu);
  Field fr = {.name = "role", .label = "Vai trò", .required = true, .value = e ? req_form(r, "role") : NULL,
              .error = field_errors_get(e, "role")};
  widget_select(r, &fr, ROLES, 3, NULL);
  Field fs = {.name = "unit", .label = "Phạm vi (đơn vị)", .value = e ? req_form(r, "unit") : NULL,
              .error = field_errors_get(e, "unit"), .hint = "Để trống: toàn bộ tổ chức."};
  widget_unit_select_all(r, &fs, u, nu, "Toàn bộ tổ chức");
  html_lit(b, "<div class=\"field\"><label for=\"f-password\">Mật khẩu <span class=\"req\" aria-hidden=\"true\">*</span>"
              "</label><input type=\"password\" id=\"f-password\" name=\"password\" required autocomplete=\"new-password\" "
              "minlength=\"12\" aria-describedby=\"f-password-hint\">");
  const char *pe = field_errors_get(e, "password");
  if (pe) html_printf(b, "<p class=\"field-err\" id=\"f-password-err\">%s</p>", pe);
  html_lit(b, "<p class=\"help\" id=\"f-password-hint\">Ít nhất 12 ký tự, không chứa tên đăng nhập, không phải mật khẩu "
              "phổ biến.</p></div></div><div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">"
              "Thêm người dùng</button></div></form>");
}

static void list_page(Req *r, int status, const FieldErrors *e, const char *notice) {
  User *v;
  int n;
  int rc = auth_user_list(r->db, r->a, &v, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, "Người dùng", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Người dùng</h1><p class=\"muted\">Vai trò: Xem (chỉ đọc), Chuyên viên "
              "(nhập, sửa hồ sơ), Quản trị (thêm: quản lý người dùng và quy định). Phạm vi giới hạn người dùng trong một "
              "đơn vị và các đơn vị trực thuộc.</p></div>");
  if (notice) page_notice(r, "ok", notice);
  html_lit(b, "<div class=\"table-wrap card\" tabindex=\"0\"><table class=\"grid\"><thead><tr><th scope=\"col\">Tên đăng nhập</th>"
              "<th scope=\"col\">Vai trò</th><th scope=\"col\">Phạm vi</th><th scope=\"col\">Trạng thái</th>"
              "<th scope=\"col\"><span class=\"sr-only\">Sửa</span></th></tr></thead><tbody>");
  for (int i = 0; i < n; i++)
    html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><a href=\"/nguoi-dung/%U\">Sửa</a></td></tr>",
                v[i].username, auth_role_label(v[i].role),
                v[i].unit_code ? or_dash(unit_name_of(r, v[i].unit_code)) : "Toàn bộ tổ chức",
                v[i].disabled ? "Đã khóa" : "Đang dùng", v[i].username);
  html_lit(b, "</tbody></table></div>");
  add_form(r, e);
  page_end(r);
}

void page_users(Req *r) {
  if (!org_admin(r)) return;
  const char *ok = req_query(r, "da-luu");
  list_page(r, 200, NULL, ok ? "Đã lưu." : NULL);
}

void page_users_create(Req *r) {
  if (!org_admin(r)) return;
  const char *username = req_form(r, "username"), *role = req_form(r, "role"), *unit = req_form(r, "unit");
  const char *password = req_form(r, "password");
  FieldErrors e;
  field_errors_init(&e, r->a);
  bool ok = username && *username && strlen(username) <= 64;
  for (const char *p = username; ok && *p; p++)
    ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-';
  if (!ok) field_errors_add(&e, "username", "Tên đăng nhập: chỉ gồm chữ thường không dấu, chữ số và . _ - (tối đa 64).");
  if (auth_role_parse(role) == ROLE_NONE) field_errors_add(&e, "role", "Vai trò: chọn một vai trò.");
  const char *why = auth_password_problem(username, password);
  if (why) field_errors_add(&e, "password", "Mật khẩu: %s", why);
  int rc = e.n ? CB_EINVAL : auth_user_add(r->db, r->a, r->user->username, username, role, unit, password);
  if (rc == CB_EEXIST) field_errors_add(&e, "username", "Tên đăng nhập: \"%s\" đã có.", username);
  if (rc == CB_ENOTFOUND) field_errors_add(&e, "unit", "Phạm vi: chọn một đơn vị trong danh sách.");
  if (e.n) list_page(r, 400, &e, NULL);
  else if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, "/nguoi-dung?da-luu=1");
}

static void user_page(Req *r, const User *u, int status, const FieldErrors *e, const char *notice) {
  Unit *units = NULL;
  int nu = 0;
  unit_list(r->db, r->a, scope_all(), &units, &nu);
  page_begin(r, arena_printf(r->a, "Người dùng %s", u->username), NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/nguoi-dung\">‹ Người dùng</a></p><h1>Người dùng: %s</h1></div>",
              u->username);
  if (notice) page_notice(r, "ok", notice);
  if (e) widget_error_summary(r, e);
  html_printf(b, "<form method=\"post\" action=\"/nguoi-dung/%U\" class=\"card stack record-form\"><h2>Vai trò, phạm vi, "
                 "trạng thái</h2>",
              u->username);
  page_csrf_field(r);
  html_lit(b, "<div class=\"form-grid\">");
  Field fr = {.name = "role", .label = "Vai trò", .required = true, .value = auth_role_name(u->role),
              .error = field_errors_get(e, "role")};
  widget_select(r, &fr, ROLES, 3, NULL);
  Field fs = {.name = "unit", .label = "Phạm vi (đơn vị)", .value = u->unit_code, .error = field_errors_get(e, "unit")};
  widget_unit_select_all(r, &fs, units, nu, "Toàn bộ tổ chức");
  html_printf(b, "<div class=\"field field-check\"><label><input type=\"checkbox\" name=\"disabled\" value=\"1\"%s> "
                 "Khóa tài khoản (các phiên đăng nhập kết thúc ngay)</label></div></div>"
                 "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Lưu</button></div></form>",
              u->disabled ? " checked" : "");
  html_printf(b, "<form method=\"post\" action=\"/nguoi-dung/%U/mat-khau\" class=\"card stack record-form\">"
                 "<h2>Đặt lại mật khẩu</h2>",
              u->username);
  page_csrf_field(r);
  const char *pe = field_errors_get(e, "password");
  html_lit(b, "<div class=\"field\"><label for=\"f-password\">Mật khẩu mới</label><input type=\"password\" id=\"f-password\" "
              "name=\"password\" required minlength=\"12\" autocomplete=\"new-password\">");
  if (pe) html_printf(b, "<p class=\"field-err\">%s</p>", pe);
  html_lit(b, "<p class=\"help\">Ít nhất 12 ký tự. Người dùng được đăng xuất khỏi mọi phiên.</p></div>"
              "<div class=\"form-actions\"><button type=\"submit\" class=\"btn\">Đặt lại mật khẩu</button></div></form>");
  page_end(r);
}

static bool load_user(Req *r, User *u) {
  int rc = r->nparams ? auth_user_find(r->db, r->a, r->params[0], u) : CB_ENOTFOUND;
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_user(Req *r) {
  User u;
  if (org_admin(r) && load_user(r, &u)) user_page(r, &u, 200, NULL, req_query(r, "da-luu") ? "Đã lưu." : NULL);
}

void page_user_update(Req *r) {
  User u;
  if (!org_admin(r) || !load_user(r, &u)) return;
  const char *role = req_form(r, "role"), *unit = req_form(r, "unit");
  int disabled = req_form(r, "disabled") ? 1 : 0;
  FieldErrors e;
  field_errors_init(&e, r->a);
  if (auth_role_parse(role) == ROLE_NONE) field_errors_add(&e, "role", "Vai trò: chọn một vai trò.");
  int rc = e.n ? CB_EINVAL : auth_user_update(r->db, r->a, r->user->username, u.username, role, unit ? unit : "", &disabled);
  if (rc == CB_EPERM) field_errors_add(&e, "role", "Không thể tự khóa tài khoản của mình, bỏ quyền quản trị hay đổi đơn vị (phạm vi) của chính mình.");
  if (rc == CB_ENOTFOUND) field_errors_add(&e, "unit", "Phạm vi: chọn một đơn vị trong danh sách.");
  if (e.n) user_page(r, &u, 400, &e, NULL);
  else if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, html_url(r->a, "/nguoi-dung/%U?da-luu=1", u.username));
}

void page_user_password(Req *r) {
  User u;
  if (!org_admin(r) || !load_user(r, &u)) return;
  const char *problem = NULL;
  int rc = auth_user_set_password(r->db, r->a, r->user->username, u.username, req_form(r, "password"), NULL, &problem);
  FieldErrors e;
  field_errors_init(&e, r->a);
  if (rc == CB_EINVAL) {
    field_errors_add(&e, "password", "Mật khẩu: %s", problem);
    user_page(r, &u, 400, &e, NULL);
  } else if (rc) {
    resp_cb_error(r, rc);
  } else {
    resp_redirect(r, html_url(r->a, "/nguoi-dung/%U?da-luu=1", u.username));
  }
}

/* ---- one's own password ---------------------------------------------------- */

static void own_page(Req *r, int status, const FieldErrors *e, bool done) {
  page_begin(r, "Đổi mật khẩu", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Đổi mật khẩu</h1></div>");
  if (done) page_notice(r, "ok", "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.");
  if (e) widget_error_summary(r, e);
  html_lit(b, "<form method=\"post\" action=\"/doi-mat-khau\" class=\"card stack record-form\" id=\"own-password\">");
  page_csrf_field(r);
  static const char *const F[][3] = {{"old", "Mật khẩu hiện tại", "current-password"},
                                     {"new", "Mật khẩu mới", "new-password"},
                                     {"again", "Nhập lại mật khẩu mới", "new-password"}};
  for (int i = 0; i < 3; i++) {
    const char *err = field_errors_get(e, F[i][0]);
    html_printf(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label><input type=\"password\" id=\"f-%s\" name=\"%s\" "
                   "required autocomplete=\"%s\"%s>",
                err ? " field-invalid" : "", F[i][0], F[i][1], F[i][0], F[i][0], F[i][2],
                err ? " aria-invalid=\"true\"" : "");
    if (err) html_printf(b, "<p class=\"field-err\">%s</p>", err);
    html_lit(b, "</div>");
  }
  html_lit(b, "<p class=\"help\">Ít nhất 12 ký tự, không chứa tên đăng nhập, không phải mật khẩu phổ biến.</p>"
              "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Đổi mật khẩu</button></div></form>");
  page_end(r);
}

void page_own_password(Req *r) { own_page(r, 200, NULL, req_query(r, "da-doi") != NULL); }

void page_own_password_post(Req *r) {
  const char *old = req_form(r, "old"), *pw = req_form(r, "new"), *again = req_form(r, "again");
  FieldErrors e;
  field_errors_init(&e, r->a);
  if (!auth_password_ok(r->db, r->user->username, old)) field_errors_add(&e, "old", "Mật khẩu hiện tại không đúng.");
  else if (!again || !pw || strcmp(pw, again) != 0) field_errors_add(&e, "again", "Hai lần nhập mật khẩu mới không giống nhau.");
  const char *problem = NULL;
  int rc = e.n ? CB_EINVAL
               : auth_user_set_password(r->db, r->a, r->user->username, r->user->username, pw,
                                        req_cookie(r, "canbo_session"), &problem);
  if (problem) field_errors_add(&e, "new", "Mật khẩu mới: %s", problem);
  if (e.n) own_page(r, 400, &e, false);
  else if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, "/doi-mat-khau?da-doi=1");
}

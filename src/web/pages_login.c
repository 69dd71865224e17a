/*
** The login form (GET/POST /dang-nhap) and logout (POST /dang-xuat).
** Sessions themselves live in core/auth (auth_login, auth_logout); this file
** only reads the form, sets or clears the cookie and redirects.
*/
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "web/pages.h"
#include "web/web.h"

/* True for a local path: starts with one "/", no "//" or "/\" prefix, no control characters. */
static bool next_is_local(const char *next) {
  if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\') return false;
  for (const unsigned char *p = (const unsigned char *)next; *p; p++)
    if (*p < 0x20 || *p == 0x7f) return false;
  return true;
}

static void login_form(Req *r, int status, const char *error, const char *username, const char *next) {
  r->user = NULL; /* the login page shows no navigation, even over a live session */
  page_begin(r, "Đăng nhập", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_lit(b, "<section class=\"login card\" aria-labelledby=\"login-h\">"
              "<h1 id=\"login-h\">Đăng nhập</h1>"
              "<p class=\"muted\">Hệ thống quản lý công tác cán bộ</p>");
  if (error) page_notice(r, "error", error);
  html_lit(b, "<form method=\"post\" action=\"/dang-nhap\" class=\"stack\">");
  html_printf(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next_is_local(next) ? next : "/");
  html_printf(b,
              "<div class=\"field\"><label for=\"username\">Tên đăng nhập</label>"
              "<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus "
              "autocapitalize=\"none\" spellcheck=\"false\" value=\"%s\"></div>",
              username ? username : "");
  html_lit(b, "<div class=\"field\"><label for=\"password\">Mật khẩu</label>"
              "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
              "required></div>"
              "<button type=\"submit\" class=\"btn btn-primary btn-block\">Đăng nhập</button></form></section>");
  page_end(r);
}

void page_login(Req *r) {
  const char *next = req_query(r, "next");
  if (r->user) {
    resp_redirect(r, next_is_local(next) ? next : "/");
    return;
  }
  login_form(r, 200, NULL, NULL, next);
}

void page_login_post(Req *r) {
  const char *username = req_form(r, "username"), *password = req_form(r, "password");
  const char *next = req_form(r, "next");
  if (!username || !*username || !password || !*password) {
    login_form(r, 400, "Vui lòng nhập tên đăng nhập và mật khẩu.", username, next);
    return;
  }
  User user;
  Session s;
  int rc = auth_login(r->db, r->a, username, password, r->remote_addr, &user, &s);
  if (rc == CB_ELIMIT) {
    long long wait = auth_login_retry_after(r->db, r->a, username, r->remote_addr);
    if (wait > 0) resp_header(r, "Retry-After", arena_printf(r->a, "%lld", wait));
    login_form(r, 429, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.", username, next);
    return;
  }
  if (rc == CB_EPERM && user.disabled) { /* the password was right: its owner may know */
    login_form(r, 403, "Tài khoản này đã bị khóa. Liên hệ quản trị viên để mở lại.", username, next);
    return;
  }
  if (rc == CB_EPERM || rc == CB_ENOTFOUND) {
    login_form(r, 401, "Tên đăng nhập hoặc mật khẩu không đúng.", username, next);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_session_cookie(r, s.token, -1); /* Secure under TLS (core/http.h) */
  resp_redirect(r, next_is_local(next) ? next : "/");
}

void page_logout(Req *r) {
  const char *token = req_cookie(r, "canbo_session");
  if (token) auth_logout(r->db, token);
  resp_session_cookie(r, NULL, 0);
  resp_redirect(r, "/dang-nhap");
}

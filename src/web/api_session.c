/*
** The session API (docs/API.md): log in (POST /api/v1/session), the current
** session (GET) and log out (DELETE). The cookie canbo_session carries the
** session token; the CSRF token travels in the JSON answer.
**
** Not for: the login form (pages_*.c) or session storage (core/auth_session.c).
*/
#include <stdio.h>
#include <string.h>
#include "core/err.h"
#include "web/web.h"

/* {"user":{"username","role","unit"},"csrf":TOKEN} */
static json_t *session_json(const User *u, const char *csrf) {
  return json_pack("{s:{s:s, s:s, s:s?}, s:s}", "user", "username", u->username, "role", auth_role_name(u->role),
                   "unit", u->unit_code, "csrf", csrf ? csrf : "");
}

void api_session_login(Req *r) {
  json_error_t err;
  json_t *in = json_loadb(r->body, r->body_len, 0, &err);
  const char *username = NULL, *password = NULL;
  if (in && json_is_object(in)) {
    username = json_string_value(json_object_get(in, "username"));
    password = json_string_value(json_object_get(in, "password"));
  }
  if (!username || !password) {
    json_decref(in);
    resp_error(r, 400, "bad_request", "Cần JSON {\"username\": \"…\", \"password\": \"…\"}.");
    return;
  }
  User u;
  Session s;
  username = arena_strdup(r->a, username);
  password = arena_strdup(r->a, password);
  json_decref(in);
  int rc = auth_login(r->db, r->a, username, password, r->remote_addr, &u, &s);
  if (rc == CB_EPERM && u.disabled) {
    resp_error(r, 403, "account_disabled", "Tài khoản này đã bị khóa. Liên hệ quản trị viên để mở lại.");
  } else if (rc == CB_EPERM) {
    resp_error(r, 401, "invalid_credentials", "Sai tên đăng nhập hoặc mật khẩu.");
  } else if (rc == CB_ELIMIT) {
    long long wait = auth_login_retry_after(r->db, r->a, username, r->remote_addr);
    resp_header(r, "Retry-After", arena_printf(r->a, "%lld", wait > 0 ? wait : 60));
    resp_error(r, 429, "too_many_requests", "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.");
  } else if (rc != 0) {
    resp_cb_error(r, rc);
  } else {
    resp_session_cookie(r, s.token, AUTH_SESSION_SECONDS); /* Secure under TLS (core/http.h) */
    resp_json(r, 200, session_json(&u, s.csrf));
  }
}

void api_session_get(Req *r) { resp_json(r, 200, session_json(r->user, r->session_csrf)); }

void api_session_logout(Req *r) {
  int rc = auth_logout(r->db, req_cookie(r, "canbo_session"));
  if (rc != 0) {
    resp_cb_error(r, rc);
    return;
  }
  resp_session_cookie(r, NULL, 0);
  resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}

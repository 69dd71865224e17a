/*
** The router: matches a request against the route table and applies the
** central checks before any handler runs -- route (404/405), session (401 or
** redirect to the login page), permission by role (403), CSRF on every
** non-GET/HEAD route not marked R_NO_CSRF (403); the R_NO_CSRF routes (the
** logins) refuse a cross-site Origin or Sec-Fetch-Site instead (403). Denied
** requests are counted (core/audit.h, audit_denial: aggregated, never one row
** per request). A route is public only when its row says PERM_PUBLIC.
**
** Not for: the network side (http.c) or building responses (http_req.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "core/audit.h"
#include "core/err.h"
#include "core/html.h"
#include "core/http.h"

#define SESSION_COOKIE "canbo_session"

static int hexval(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

const char *http_unescape(Arena *a, const char *s, size_t n) {
  char *out = arena_alloc(a, n + 1), *o = out;
  for (size_t i = 0; i < n; i++) {
    int h, l;
    if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 && (l = hexval(s[i + 2])) >= 0) {
      if (h == 0 && l == 0) return NULL;
      *o++ = (char)(h * 16 + l);
      i += 2;
    } else {
      if (s[i] == 0) return NULL;
      *o++ = s[i];
    }
  }
  *o = 0;
  return out;
}

/* Match one pattern against a raw path; {name} takes one non-empty segment, decoded. Params are set on success only. */
static bool match_pattern(const char *pat, const char *path, Arena *a, const char **params, int *nparams) {
  const char *seg[4];
  size_t len[4];
  int n = 0;
  const char *p = pat, *s = path;
  while (*p && *s) {
    if (*p == '{') {
      const char *pe = strchr(p, '}');
      const char *se = strchr(s, '/');
      size_t l = se ? (size_t)(se - s) : strlen(s);
      if (!pe || l == 0) return false;
      if (n < 4) seg[n] = s, len[n] = l, n++;
      p = pe + 1;
      s += l;
    } else if (*p == *s) {
      p++, s++;
    } else {
      return false;
    }
  }
  if (*p || *s) return false;
  for (int i = 0; i < n; i++)
    if (!(params[i] = http_unescape(a, seg[i], len[i]))) return false;
  *nparams = n;
  return true;
}

const Route *http_match(const Route *table, const char *method, const char *path, Arena *a, const char **params,
                        int *nparams, int *status, const char **allow) {
  const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
  Buf methods = BUF_INIT;
  const Route *found = NULL;
  *nparams = 0;
  for (const Route *rt = table; rt->method; rt++) {
    const char *dummy[4];
    int nd = 0;
    if (!match_pattern(rt->pattern, path, a, dummy, &nd)) continue;
    if (strcmp(rt->method, want) == 0) {
      found = rt;
      memcpy(params, dummy, sizeof(dummy[0]) * (size_t)nd);
      *nparams = nd;
      break;
    }
    if (!strstr(methods.p ? methods.p : "", rt->method)) {
      buf_printf(&methods, "%s%s", methods.len ? ", " : "", rt->method);
      if (strcmp(rt->method, "GET") == 0) buf_puts(&methods, ", HEAD");
    }
  }
  *status = found ? 200 : methods.len ? 405 : 404;
  *allow = methods.len ? arena_strdup(a, methods.p) : NULL;
  buf_free(&methods);
  return found;
}

bool http_perm_allows(Role role, Perm perm) {
  if (perm == PERM_ORG_ADMIN) return role == ROLE_ADMIN;
  return perm == PERM_PUBLIC || (int)role >= (int)perm;
}

bool http_user_allows(const User *u, Perm perm) {
  return http_perm_allows(u->role, perm) && !(perm == PERM_ORG_ADMIN && u->scope);
}

/* Count a refused request (audit_denial: aggregated per minute, actor, address, route and reason). */
static void audit_denied(Req *r, const char *reason) {
  const char *route = r->route ? arena_printf(r->a, "%s %s", r->route->method, r->route->pattern) : "*";
  if (audit_denial(r->db, r->user ? r->user->username : "anonymous", r->remote_addr, route, reason) != 0)
    fprintf(stderr, "canbo: could not audit a denied request: %s\n", db_error(r->db));
}

/* 303 to the login page, remembering where the user wanted to go (path and query). */
static void redirect_to_login(Req *r) {
  Buf next = BUF_INIT, loc = BUF_INIT;
  buf_puts(&next, r->raw_path ? r->raw_path : r->path); /* as sent: a %2F inside a code stays one segment */
  for (int i = 0; i < r->nquery; i++) {
    buf_putc(&next, i ? '&' : '?');
    html_urlenc(&next, r->query[i].name);
    if (r->query[i].value) {
      buf_putc(&next, '=');
      html_urlenc(&next, r->query[i].value);
    }
  }
  buf_puts(&loc, "/dang-nhap?next=");
  html_urlenc(&loc, next.p);
  resp_redirect(r, loc.p);
  buf_free(&next);
  buf_free(&loc);
}

/* Load the session named by the cookie into r->user / r->session_csrf. */
static void load_session(Req *r) {
  const char *token = req_cookie(r, SESSION_COOKIE);
  if (!token || !*token) return;
  User *u = arena_alloc(r->a, sizeof *u);
  const char *csrf = NULL;
  int rc = auth_session_user(r->db, r->a, token, u, &csrf);
  if (rc == 0) {
    r->user = u;
    r->session_csrf = csrf;
  } else if (rc != CB_ENOTFOUND) {
    fprintf(stderr, "canbo: session lookup failed: %s\n", db_error(r->db));
  }
}

static bool is_safe_method(const char *m) { return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0; }

/* host[:port] of an authority with the default port of `scheme` dropped, lower case, in the arena. */
static const char *authority(Arena *a, const char *scheme, const char *auth, size_t n) {
  char *s = arena_strndup(a, auth, n);
  for (char *p = s; *p; p++)
    if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
  size_t len = strlen(s);
  const char *dflt = strcmp(scheme, "https") == 0 ? ":443" : strcmp(scheme, "http") == 0 ? ":80" : NULL;
  if (dflt && len > strlen(dflt) && strcmp(s + len - strlen(dflt), dflt) == 0) s[len - strlen(dflt)] = 0;
  return s;
}

/*
** Login CSRF (docs/SECURITY.md): a login (the R_NO_CSRF routes) refused when
** the browser says it comes from another site -- Sec-Fetch-Site: cross-site,
** or an Origin whose scheme://host:port is not this server's (Host header;
** "Origin: null" counts as another site). A login with neither header (a
** script, curl) is accepted.
*/
static bool cross_site_login(Req *r) {
  const char *site = req_header(r, "Sec-Fetch-Site");
  if (site && strcasecmp(site, "cross-site") == 0) return true;
  const char *origin = req_header(r, "Origin");
  if (!origin) return false;
  const char *sep = strstr(origin, "://");
  const char *host = req_header(r, "Host");
  if (!sep || !host || !*host) return true; /* "null", or nothing to compare with */
  const char *scheme = arena_strndup(r->a, origin, (size_t)(sep - origin));
  const char *o = sep + 3;
  size_t olen = strcspn(o, "/?#");
  if (o[olen]) return true; /* an Origin is scheme://host[:port] only */
  if (strcasecmp(scheme, r->tls ? "https" : "http") != 0) return true;
  return strcmp(authority(r->a, scheme, o, olen), authority(r->a, scheme, host, strlen(host))) != 0;
}

/* For errors before a route is known: API paths answer JSON. */
static const Route API_FALLBACK = {"GET", "/api/", NULL, PERM_PUBLIC, R_JSON, NULL};

void http_dispatch(Req *r) {
  int status = 0;
  const char *allow = NULL;
  r->route = http_match(web_routes, r->method, r->raw_path ? r->raw_path : r->path, r->a, r->params, &r->nparams,
                        &status, &allow);
  if (!r->route) {
    if (strncmp(r->path, "/api/", 5) == 0) r->route = &API_FALLBACK;
    if (status == 405) {
      resp_header(r, "Allow", allow);
      resp_error(r, 405, "method_not_allowed", "Phương thức này không được hỗ trợ cho địa chỉ này.");
    } else {
      resp_error(r, 404, "not_found", "Không tìm thấy trang hoặc dữ liệu yêu cầu.");
    }
    return;
  }
  const Route *rt = r->route;
  load_session(r);
  if (rt->perm != PERM_PUBLIC && !r->user) {
    if (rt->flags & R_JSON) resp_error(r, 401, "unauthorized", "Chưa đăng nhập hoặc phiên đã hết hạn.");
    else redirect_to_login(r);
    return;
  }
  if (r->user && !http_user_allows(r->user, rt->perm)) {
    audit_denied(r, "permission");
    resp_error(r, 403, "forbidden", "Bạn không có quyền thực hiện thao tác này.");
    return;
  }
  if (!is_safe_method(r->method) && (rt->flags & R_NO_CSRF) && cross_site_login(r)) {
    audit_denied(r, "cross-site login");
    resp_error(r, 403, "cross_site", "Không đăng nhập được từ trang của nơi khác. Hãy mở trang đăng nhập của hệ thống.");
    return;
  }
  if (!is_safe_method(r->method) && !(rt->flags & R_NO_CSRF)) {
    const char *tok = req_header(r, "X-CSRF-Token");
    if (!tok) tok = req_form(r, "csrf");
    if (!r->session_csrf || !auth_token_equal(tok, r->session_csrf)) {
      audit_denied(r, "csrf");
      resp_error(r, 403, "csrf", "Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang và thử lại.");
      return;
    }
  }
  r->status = 200;
  rt->handler(r);
  if (r->status == 0) r->status = 200;
}

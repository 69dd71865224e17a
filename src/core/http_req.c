/*
** The request accessors and response builders of core/http.h: query, form,
** header and cookie lookup; headers, redirects, JSON and error responses.
** Pure functions over Req -- no libmicrohttpd here, so handlers and tests can
** build a Req by hand.
**
** Not for: the server (http.c) or route checks (http_router.c).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/err.h"
#include "core/html.h"
#include "core/http.h"
#include "core/vi.h"

static const char *kv_find(const KV *kv, int n, const char *name, bool nocase) {
  for (int i = 0; i < n; i++)
    if (kv[i].name && (nocase ? strcasecmp(kv[i].name, name) : strcmp(kv[i].name, name)) == 0) return kv[i].value;
  return NULL;
}

const char *req_query(Req *r, const char *name) { return kv_find(r->query, r->nquery, name, false); }
const char *req_form(Req *r, const char *name) { return kv_find(r->form, r->nform, name, false); }

const char *req_form_bytes(Req *r, const char *name, size_t *len) {
  for (int i = 0; i < r->nform; i++)
    if (r->form[i].name && strcmp(r->form[i].name, name) == 0) {
      *len = r->form_len ? r->form_len[i] : strlen(r->form[i].value);
      return r->form[i].value;
    }
  *len = 0;
  return NULL;
}
const char *req_header(Req *r, const char *name) { return kv_find(r->headers_in, r->nheaders_in, name, true); }

const char *req_cookie(Req *r, const char *name) {
  const char *h = req_header(r, "Cookie");
  size_t n = strlen(name);
  while (h && *h) {
    while (*h == ' ' || *h == ';') h++;
    const char *end = strchr(h, ';');
    size_t len = end ? (size_t)(end - h) : strlen(h);
    if (len > n && strncmp(h, name, n) == 0 && h[n] == '=') {
      const char *v = h + n + 1;
      size_t vlen = len - n - 1;
      while (vlen && v[vlen - 1] == ' ') vlen--;
      return arena_strndup(r->a, v, vlen);
    }
    h = end;
  }
  return NULL;
}

long req_query_long(Req *r, const char *name, long def, long lo, long hi) {
  const char *s = req_query(r, name);
  if (!s || !*s) return def;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (*end || errno) return def;
  return v < lo ? lo : v > hi ? hi : v;
}

void resp_header(Req *r, const char *name, const char *value) {
  int cap = (int)(sizeof r->headers_out / sizeof r->headers_out[0]);
  if (r->nheaders_out >= cap) {
    fprintf(stderr, "canbo: too many response headers, dropped %s\n", name);
    return;
  }
  r->headers_out[r->nheaders_out].name = arena_strdup(r->a, name);
  r->headers_out[r->nheaders_out].value = arena_strdup(r->a, value);
  r->nheaders_out++;
}

/*
** The ASCII fallback of resp_attachment: a plain ASCII name keeps its case;
** any other is folded first (vi_fold: no marks, đ -> d, lower case). Then
** A-Z a-z 0-9 . _ - stay and every other character (a multi-byte one counts
** once) becomes _.
*/
static const char *ascii_filename(Req *r, const char *name) {
  bool ascii = true;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) ascii = ascii && *p < 0x80;
  const char *src = ascii ? name : vi_fold(r->a, name);
  Buf b = BUF_INIT;
  for (const unsigned char *p = (const unsigned char *)(src ? src : ""); *p; p++) {
    unsigned char c = *p;
    if ((c & 0xC0) == 0x80) continue; /* the rest of a multi-byte character */
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                c == '_';
    buf_putc(&b, keep ? (char)c : '_');
  }
  const char *s = arena_strdup(r->a, b.len ? b.p : "download");
  buf_free(&b);
  return s;
}

void resp_attachment(Req *r, const char *filename) {
  if (!filename || !*filename || !vi_utf8_valid(filename, strlen(filename))) filename = "download";
  Buf v = BUF_INIT;
  buf_printf(&v, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii_filename(r, filename));
  html_urlenc(&v, filename);
  resp_header(r, "Content-Disposition", v.p);
  buf_free(&v);
}

void resp_session_cookie(Req *r, const char *token, int max_age) {
  const char *age = max_age >= 0 ? arena_printf(r->a, "; Max-Age=%d", max_age) : "";
  resp_header(r, "Set-Cookie", arena_printf(r->a, "canbo_session=%s; HttpOnly; SameSite=Strict; Path=/%s%s",
                                            max_age == 0 || !token ? "" : token, age, r->tls ? "; Secure" : ""));
}

void resp_redirect(Req *r, const char *location) {
  buf_reset(&r->out);
  r->status = 303;
  r->content_type = "text/html; charset=utf-8";
  resp_header(r, "Location", location);
  html_lit(&r->out, "<!doctype html><meta charset=\"utf-8\"><title>Chuyển hướng</title><p><a href=\"");
  html_text(&r->out, location);
  html_lit(&r->out, "\">Tiếp tục</a></p>\n");
}

/* jansson's dump callback: append to the response buffer. */
static int dump_to_buf(const char *chunk, size_t size, void *data) {
  buf_append(data, chunk, size);
  return 0;
}

void resp_json(Req *r, int status, json_t *j) {
  buf_reset(&r->out);
  r->status = status;
  r->content_type = "application/json; charset=utf-8";
  /* straight into the response buffer (issue 9: no intermediate string to grow and copy) */
  if (!j || json_dump_callback(j, dump_to_buf, &r->out, JSON_COMPACT) != 0) {
    buf_reset(&r->out);
    buf_puts(&r->out, "null");
  }
  buf_putc(&r->out, '\n');
  json_decref(j);
}

JsonW resp_json_begin(Req *r, int status) {
  buf_reset(&r->out);
  r->status = status;
  r->content_type = "application/json; charset=utf-8";
  return jw_new(&r->out);
}

void resp_json_end(Req *r) { buf_putc(&r->out, '\n'); }

/* The Vietnamese title of an error status. */
static const char *status_title(int status) {
  switch (status) {
  case 400: return "Yêu cầu không hợp lệ";
  case 401: return "Chưa đăng nhập";
  case 403: return "Không có quyền";
  case 404: return "Không tìm thấy";
  case 405: return "Phương thức không được hỗ trợ";
  case 409: return "Dữ liệu đã tồn tại";
  case 413: return "Dữ liệu gửi lên quá lớn";
  case 422: return "Không đáp ứng quy định";
  case 429: return "Quá nhiều lần thử";
  default: return status >= 500 ? "Lỗi máy chủ" : "Lỗi";
  }
}

void resp_error(Req *r, int status, const char *code, const char *message) {
  if (r->route && (r->route->flags & R_JSON)) {
    resp_json(r, status, json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message ? message : ""));
    return;
  }
  buf_reset(&r->out);
  if (r->user && status < 500) {
    web_error_page(r, status, status_title(status), message ? message : "");
    return;
  }
  r->status = status;
  r->content_type = "text/html; charset=utf-8";
  html_printf(&r->out,
              "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
              "<title>%s — canbo</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head>\n"
              "<body><main class=\"error\"><h1>%s (%d)</h1><p>%s</p>"
              "<p><a href=\"/\">Về trang chủ</a></p></main></body></html>\n",
              status_title(status), status_title(status), status, message ? message : "");
}

void resp_cb_error(Req *r, int rc) {
  switch (rc) {
  case CB_EINVAL:
  case CB_EUSAGE: resp_error(r, 400, "bad_request", "Dữ liệu không hợp lệ."); break;
  case CB_ENOTFOUND: resp_error(r, 404, "not_found", "Không tìm thấy."); break;
  case CB_EEXIST: resp_error(r, 409, "exists", "Mã đã tồn tại."); break;
  case CB_ECONFLICT: resp_error(r, 409, "conflict", "Hồ sơ đã được người khác sửa. Tải lại để xem giá trị hiện tại."); break;
  case CB_EPERM: resp_error(r, 403, "forbidden", "Bạn không có quyền thực hiện thao tác này."); break;
  case CB_ERULE: resp_error(r, 422, "rule", "Không đáp ứng quy định."); break;
  case CB_ELIMIT: resp_error(r, 429, "too_many_requests", "Quá nhiều lần thử. Vui lòng thử lại sau."); break;
  default:
    fprintf(stderr, "canbo: %s %s: internal error %d%s%s\n", r->method ? r->method : "?", r->path ? r->path : "?", rc,
            r->db ? ": " : "", r->db ? db_error(r->db) : "");
    resp_error(r, 500, "internal", "Lỗi máy chủ. Vui lòng thử lại sau.");
  }
}

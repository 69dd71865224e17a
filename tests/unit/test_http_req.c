/*
** The request and response helpers of core/http_req.c that need no server:
** Content-Disposition for downloads (RFC 6266 filename* with a safe ASCII
** fallback; quotes, semicolons and line breaks in a name never add a
** parameter).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/http.h"

static const char *disposition(Arena *a, const char *name) {
  Req r;
  memset(&r, 0, sizeof r);
  r.a = a;
  resp_attachment(&r, name);
  assert_int_equal(r.nheaders_out, 1);
  assert_string_equal(r.headers_out[0].name, "Content-Disposition");
  return r.headers_out[0].value;
}

/* Exactly three parts: attachment, filename="...", filename*=UTF-8''...; no CR, LF, and the quoted part holds no quote. */
static void well_formed(const char *v) {
  assert_null(strpbrk(v, "\r\n"));
  assert_true(strncmp(v, "attachment; filename=\"", 22) == 0);
  const char *close = strchr(v + 22, '"');
  assert_non_null(close);
  assert_true(strncmp(close, "\"; filename*=UTF-8''", 20) == 0);
  for (const char *p = close + 20; *p; p++)
    assert_true(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%", *p) != NULL);
}

static void attachment_names(void **state) {
  Arena *a = arena_new();
  const char *v = disposition(a, "thong-ke-TP-2026-01-01.csv");
  assert_string_equal(v, "attachment; filename=\"thong-ke-TP-2026-01-01.csv\"; filename*=UTF-8''thong-ke-TP-2026-01-01.csv");
  /* a unit code made to add parameters */
  v = disposition(a, "bao-cao-Q\";filename=evil.exe;x=\"-2025.csv");
  well_formed(v);
  assert_string_equal(v, "attachment; filename=\"bao-cao-Q__filename_evil.exe_x__-2025.csv\"; "
                         "filename*=UTF-8''bao-cao-Q%22%3Bfilename%3Devil.exe%3Bx%3D%22-2025.csv");
  /* line breaks cannot start another header */
  v = disposition(a, "a\r\nSet-Cookie: canbo_session=x.csv");
  well_formed(v);
  assert_null(strstr(v, "Set-Cookie: "));
  /* Vietnamese: the fallback without marks, filename* the UTF-8 bytes */
  v = disposition(a, "Danh sách Hải Xuân.xlsx");
  well_formed(v);
  assert_string_equal(v, "attachment; filename=\"danh_sach_hai_xuan.xlsx\"; "
                         "filename*=UTF-8''Danh%20s%C3%A1ch%20H%E1%BA%A3i%20Xu%C3%A2n.xlsx");
  v = disposition(a, "Đảng ủy.pdf");
  assert_string_equal(v, "attachment; filename=\"dang_uy.pdf\"; filename*=UTF-8''%C4%90%E1%BA%A3ng%20%E1%BB%A7y.pdf");
  /* empty or invalid UTF-8 */
  assert_string_equal(disposition(a, ""), "attachment; filename=\"download\"; filename*=UTF-8''download");
  assert_string_equal(disposition(a, "\xff\xfe.csv"), "attachment; filename=\"download\"; filename*=UTF-8''download");
  assert_string_equal(disposition(a, NULL), "attachment; filename=\"download\"; filename*=UTF-8''download");
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(attachment_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

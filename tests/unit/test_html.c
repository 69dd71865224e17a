/* Safe HTML writer: escaping, inert markup in text, html_printf conversions, URL encoding. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "core/html.h"

static void text_escapes_all_five(void **state) {
  Buf b = BUF_INIT;
  html_text(&b, "a&b<c>d\"e'f");
  assert_string_equal(b.p, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  buf_reset(&b);
  html_text(&b, NULL);
  html_text(&b, "");
  assert_int_equal(b.len, 0);
  html_text(&b, "Nguyễn Thị Ánh");
  assert_string_equal(b.p, "Nguyễn Thị Ánh"); /* UTF-8 passes through untouched */
  buf_free(&b);
}

static void script_in_text_is_inert(void **state) {
  Buf b = BUF_INIT;
  html_printf(&b, "<td>%s</td>", "<script>alert('x')</script>");
  assert_string_equal(b.p, "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>");
  assert_null(strstr(b.p, "<script"));
  buf_reset(&b);
  /* breaking out of an attribute is impossible */
  html_printf(&b, "<input value=\"%s\">", "\" onfocus=\"alert(1)");
  assert_string_equal(b.p, "<input value=\"&quot; onfocus=&quot;alert(1)\">");
  buf_free(&b);
}

static void printf_conversions(void **state) {
  Buf b = BUF_INIT;
  html_printf(&b, "%d|%ld|%lld|%u|%zu|%%|%s|%U", -3, 40L, 1234567890123LL, 7u, (size_t)9, "x&y", "a b");
  assert_string_equal(b.p, "-3|40|1234567890123|7|9|%|x&amp;y|a%20b");
  buf_reset(&b);
  html_printf(&b, "<p>%s</p>", (const char *)NULL);
  assert_string_equal(b.p, "<p></p>");
  buf_reset(&b);
  html_lit(&b, "<br>");
  html_trusted(&b, "<svg></svg>");
  assert_string_equal(b.p, "<br><svg></svg>");
  buf_free(&b);
}

static void unknown_conversion_aborts(void **state) {
  fflush(NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    freopen("/dev/null", "w", stderr);
    Buf b = BUF_INIT;
    html_printf(&b, "%x", 1);
    _exit(0);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  assert_true(WIFSIGNALED(st));
  assert_int_equal(WTERMSIG(st), SIGABRT);
}

static void url_encoding(void **state) {
  Buf b = BUF_INIT;
  html_urlenc(&b, "hoàng hải long");
  assert_string_equal(b.p, "ho%C3%A0ng%20h%E1%BA%A3i%20long");
  buf_reset(&b);
  html_urlenc(&b, "Đ");
  assert_string_equal(b.p, "%C4%90");
  buf_reset(&b);
  html_urlenc(&b, "A-z_0.9~/?&=#+\"<");
  assert_string_equal(b.p, "A-z_0.9~%2F%3F%26%3D%23%2B%22%3C");
  buf_reset(&b);
  html_printf(&b, "<a href=\"/can-bo/%U\">%s</a>", "C 1/2", "C 1/2");
  assert_string_equal(b.p, "<a href=\"/can-bo/C%201%2F2\">C 1/2</a>");
  buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(text_escapes_all_five), cmocka_unit_test(script_in_text_is_inert),
      cmocka_unit_test(printf_conversions),    cmocka_unit_test(unknown_conversion_aborts),
      cmocka_unit_test(url_encoding),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

#!/usr/bin/env bash
# The format-checking build (scripts/format_check.py): wrong html_printf /
# html_url calls in a small file are refused with the line, right ones pass.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(dirname "$CANBO")
if ! command -v python3 >/dev/null || [ ! -f "$build/CMakeFiles/canbolib.dir/flags.make" ]; then
  bad format_check_available "python3 or $build/CMakeFiles/canbolib.dir/flags.make missing"
  done_tests; exit 1
fi
cat > "$T/good.c" <<'C'
#include <stddef.h>
#include "core/html.h"
void good(Buf *b, Arena *a, const char *code, long n, size_t z) {
  html_printf(b, "<a href=\"/can-bo/%U\">%s</a> %ld %zu %d%%", code, code, n, z, 3);
  (void)html_url(a, "/can-bo/%U?page=%d", code, 2);
}
C
cat > "$T/bad_type.c" <<'C'
#include "core/html.h"
void bad(Buf *b, const char *name) {
  html_printf(b, "<td>%d</td>", name);
}
C
cat > "$T/bad_count.c" <<'C'
#include "core/html.h"
void bad(Buf *b, const char *code) {
  html_printf(b, "<a href=\"/can-bo/%U\">%s</a>", code);
}
C
cat > "$T/bad_conv.c" <<'C'
#include "core/html.h"
void bad(Buf *b, Arena *a, const char *code) {
  html_printf(b, "<td>%x</td>", 10u);
  (void)html_url(a, "/can-bo/%s", code);
}
C
cat > "$T/bare_sort.c" <<'C'
#include <stdlib.h>
static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
void sort(int *v, size_t n) {
  qsort(v, n, sizeof *v, cmp); /* qsort( in a comment is fine */
}
C
fc() { python3 "$top/scripts/format_check.py" --build "$build" --out "$T/fmt" "$@"; }
expect_exit good_calls_pass 0 fc "$T/good.c"
expect_exit wrong_type_refused 1 fc "$T/bad_type.c"
expect_grep wrong_type_names_line 'bad_type.c:3' "$T/out"
expect_exit missing_argument_refused 1 fc "$T/bad_count.c"
expect_grep missing_argument_names_line 'bad_count.c:3' "$T/out"
expect_exit unknown_conversion_refused 1 fc "$T/bad_conv.c"
expect_grep unknown_conversion_named 'bad_conv.c:3: html_printf: unsupported conversion %x' "$T/out"
expect_grep url_s_refused 'bad_conv.c:4: html_url: %s is refused' "$T/out"
expect_exit bare_qsort_refused 1 fc "$T/bare_sort.c"
expect_grep bare_qsort_named 'bare_sort.c:4: bare qsort' "$T/out"
expect_eq bare_qsort_once 1 "$(grep -c 'bare qsort' "$T/out")"
done_tests
[ "$_fail" -eq 0 ]

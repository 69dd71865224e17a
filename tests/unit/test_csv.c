/* CSV parser: quoting, embedded newlines and their line numbers, CRLF, BOM, empty fields, errors with positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"

static CsvDoc parse(Arena *a, const char *s, int want_rc) {
  CsvDoc d;
  int rc = csv_parse(a, s, strlen(s), &d);
  assert_int_equal(rc != 0, want_rc != 0);
  return d;
}

static void quoting(void **state) {
  Arena *a = arena_new();
  CsvDoc d = parse(a, "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",plain\n", 0);
  assert_int_equal(d.n, 2);
  assert_int_equal(d.rec[1].n, 3);
  assert_string_equal(d.rec[1].f[0].s, "x, y");
  assert_string_equal(d.rec[1].f[1].s, "say \"hi\"");
  assert_int_equal(d.rec[1].f[1].len, 8);
  assert_string_equal(d.rec[1].f[2].s, "plain");
  assert_true(d.rec[1].f[0].quoted);
  assert_false(d.rec[1].f[2].quoted);
  /* a quoted empty field and "" alone */
  d = parse(a, "\"\",\"\"\"\"\n", 0);
  assert_string_equal(d.rec[0].f[0].s, "");
  assert_string_equal(d.rec[0].f[1].s, "\"");
  arena_free(a);
}

static void embedded_newlines_keep_line_numbers(void **state) {
  Arena *a = arena_new();
  CsvDoc d = parse(a, "h1,h2\n\"two\nlines\",x\n\"three\r\nline\nfield\",y\nlast,z\n", 0);
  assert_int_equal(d.n, 4);
  assert_string_equal(d.rec[1].f[0].s, "two\nlines");
  assert_int_equal(d.rec[1].line, 2);
  assert_int_equal(d.rec[1].f[1].line, 3); /* x sits on the field's closing line */
  assert_string_equal(d.rec[2].f[0].s, "three\r\nline\nfield");
  assert_int_equal(d.rec[2].line, 4);
  assert_int_equal(d.rec[3].line, 7);
  assert_string_equal(d.rec[3].f[0].s, "last");
  arena_free(a);
}

static void crlf_bom_and_trailing_line(void **state) {
  Arena *a = arena_new();
  CsvDoc d = parse(a, "\xEF\xBB\xBF" "code,name\r\nA,Một\r\nB,Hai\r\n", 0);
  assert_int_equal(d.n, 3);
  assert_string_equal(d.rec[0].f[0].s, "code"); /* BOM gone */
  assert_string_equal(d.rec[1].f[1].s, "Một");  /* no \r left */
  assert_string_equal(d.rec[2].f[1].s, "Hai");
  assert_int_equal(d.rec[2].line, 3);
  /* no final newline: the last record still counts */
  d = parse(a, "a,b\n1,2", 0);
  assert_int_equal(d.n, 2);
  assert_string_equal(d.rec[1].f[1].s, "2");
  /* empty lines make no records but count as lines */
  d = parse(a, "a\n\n\nb\n\n", 0);
  assert_int_equal(d.n, 2);
  assert_int_equal(d.rec[1].line, 4);
  /* empty input */
  d = parse(a, "", 0);
  assert_int_equal(d.n, 0);
  arena_free(a);
}

static void empty_fields(void **state) {
  Arena *a = arena_new();
  CsvDoc d = parse(a, "a,,c,\n,,,\n", 0);
  assert_int_equal(d.rec[0].n, 4);
  assert_string_equal(d.rec[0].f[1].s, "");
  assert_string_equal(d.rec[0].f[3].s, "");
  assert_int_equal(d.rec[1].n, 4);
  for (int i = 0; i < 4; i++) assert_int_equal(d.rec[1].f[i].len, 0);
  arena_free(a);
}

static void unterminated_quote_at_opening_line(void **state) {
  Arena *a = arena_new();
  CsvDoc d = parse(a, "a,b,c\n1,2,3\n4,\"open\n5,6,7\n8,9,10\n", -1);
  assert_int_equal(d.nerr, 1);
  assert_int_equal(d.err[0].line, 3);
  assert_int_equal(d.err[0].col, 2);
  assert_non_null(strstr(d.err[0].msg, "không được đóng"));
  arena_free(a);
}

static void stray_quote_and_text_after_quote(void **state) {
  Arena *a = arena_new();
  CsvDoc d = parse(a, "a,b\nx,ab\"c\n\"q\"z,y\n", -1);
  assert_int_equal(d.nerr, 2);
  assert_int_equal(d.err[0].line, 2);
  assert_int_equal(d.err[0].col, 2);
  assert_non_null(strstr(d.err[0].msg, "trong ô không đặt trong ngoặc kép"));
  assert_int_equal(d.err[1].line, 3);
  assert_int_equal(d.err[1].col, 1);
  assert_non_null(strstr(d.err[1].msg, "sau dấu ngoặc kép đóng"));
  /* parsing went on: three records */
  assert_int_equal(d.n, 3);
  arena_free(a);
}

static void bad_utf8_position(void **state) {
  Arena *a = arena_new();
  /* line 3, third field; and inside a multi-line quoted field: line of the byte itself */
  CsvDoc d = parse(a, "a,b,c\n1,2,3\n4,5,x\xff" "y\n\"ok\nstill ok\n\xc3\x28\",2,3\n", -1);
  assert_int_equal(d.nerr, 2);
  assert_int_equal(d.err[0].line, 3);
  assert_int_equal(d.err[0].col, 3);
  assert_non_null(strstr(d.err[0].msg, "0xFF"));
  assert_int_equal(d.err[1].line, 6);
  assert_int_equal(d.err[1].col, 1);
  /* overlong and surrogate encodings are invalid too */
  parse(a, "\xc0\xaf\n", -1);
  parse(a, "\xed\xa0\x80\n", -1);
  parse(a, "Nguyễn,Đạt\n", 0);
  arena_free(a);
}

static void writer_quotes_when_needed(void **state) {
  char *out = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&out, &n);
  csv_write_field(f, "plain");
  fputc('|', f);
  csv_write_field(f, "a,b");
  fputc('|', f);
  csv_write_field(f, "say \"hi\"");
  fputc('|', f);
  csv_write_field(f, "two\nlines");
  fputc('|', f);
  csv_write_field(f, NULL);
  fclose(f);
  assert_string_equal(out, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|");
  free(out);
}

static void round_trip_through_writer(void **state) {
  const char *vals[] = {"x, y", "q\"q", "line\nbreak", "", "Đạt"};
  char *out = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&out, &n);
  for (int i = 0; i < 5; i++) {
    if (i) fputc(',', f);
    csv_write_field(f, vals[i]);
  }
  fputc('\n', f);
  fclose(f);
  Arena *a = arena_new();
  CsvDoc d;
  assert_int_equal(csv_parse(a, out, n, &d), 0);
  assert_int_equal(d.n, 1);
  assert_int_equal(d.rec[0].n, 5);
  for (int i = 0; i < 5; i++) assert_string_equal(d.rec[0].f[i].s, vals[i]);
  arena_free(a);
  free(out);
}

/* The Buf writers quote like csv_write_field, and what they write parses back. */
static void buf_writer_matches_file_writer(void **state) {
  const char *vals[] = {"plain", "a,b", "say \"hi\"", "two\r\nlines", " lead", "trail ", "", "Đạt", NULL};
  Buf b = {0};
  csv_buf_row(&b, vals, 9);
  assert_string_equal(b.p, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\" lead\",\"trail \",,Đạt,\r\n");
  Arena *a = arena_new();
  CsvDoc d;
  assert_int_equal(csv_parse(a, b.p, b.len, &d), 0);
  assert_int_equal(d.n, 1);
  assert_int_equal(d.rec[0].n, 9);
  for (int i = 0; i < 8; i++) assert_string_equal(d.rec[0].f[i].s, vals[i]);
  assert_string_equal(d.rec[0].f[8].s, "");
  buf_reset(&b);
  csv_buf_quoted(&b, "x\"y");
  buf_putc(&b, ',');
  csv_buf_quoted(&b, NULL);
  assert_string_equal(b.p, "\"x\"\"y\",\"\"");
  buf_free(&b);
  arena_free(a);
}

/* Formula injection (OWASP): cells starting = + - @ tab CR get a quote in front, in every writer. */
static void writer_neutralises_formulas(void **state) {
  const char *vals[] = {"=HYPERLINK(\"http://x\",\"a\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR",
                        "'=already", "''-two", "a=b", "'plain", "", NULL};
  Buf b = {0};
  csv_buf_row(&b, vals, 12);
  assert_string_equal(b.p, "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\",'+1+1,'-2+3,'@SUM(A1),'\tTab,\"'\rCR\","
                           "''=already,'''-two,a=b,'plain,,\r\n");
  /* the file writers and the always-quoted one do the same */
  char *out = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&out, &n);
  csv_write_row(f, vals, 4, "\r\n");
  csv_write_field(f, "@x");
  fclose(f);
  assert_string_equal(out, "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\",'+1+1,'-2+3,'@SUM(A1)\r\n'@x");
  free(out);
  buf_reset(&b);
  csv_buf_quoted(&b, "=1");
  assert_string_equal(b.p, "\"'=1\"");
  /* no cell of the output starts a formula: the first character of every field is safe */
  buf_reset(&b);
  csv_buf_row(&b, vals, 12);
  Arena *a = arena_new();
  CsvDoc d;
  assert_int_equal(csv_parse(a, b.p, b.len, &d), 0);
  /* and csv_parse takes the added quote off: every value reads back as it was */
  assert_int_equal(d.rec[0].n, 12);
  for (int i = 0; i < 11; i++) assert_string_equal(d.rec[0].f[i].s, vals[i]);
  /* a hand-written '=x reads as =x; 'plain stays */
  d = (CsvDoc){0};
  assert_int_equal(csv_parse(a, "'=x,'plain,'',\"'-1\"\n", 19, &d), 0);
  assert_string_equal(d.rec[0].f[0].s, "=x");
  assert_string_equal(d.rec[0].f[1].s, "'plain");
  assert_string_equal(d.rec[0].f[2].s, "''");
  assert_string_equal(d.rec[0].f[3].s, "-1");
  assert_int_equal(d.rec[0].f[3].len, 2);
  buf_free(&b);
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(quoting),
      cmocka_unit_test(embedded_newlines_keep_line_numbers),
      cmocka_unit_test(crlf_bom_and_trailing_line),
      cmocka_unit_test(empty_fields),
      cmocka_unit_test(unterminated_quote_at_opening_line),
      cmocka_unit_test(stray_quote_and_text_after_quote),
      cmocka_unit_test(bad_utf8_position),
      cmocka_unit_test(writer_quotes_when_needed),
      cmocka_unit_test(round_trip_through_writer),
      cmocka_unit_test(buf_writer_matches_file_writer),
      cmocka_unit_test(writer_neutralises_formulas),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

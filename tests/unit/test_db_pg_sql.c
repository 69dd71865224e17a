/* PostgreSQL backend: `?` -> $n translation, quoted text and comments untouched (issue 13). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include "core/db.h"
#include "core/db_pg_sql.h"

static void check(const char *in, const char *want, int want_n) {
  int n = -1;
  char *got = db_pg_translate(in, &n);
  assert_non_null(got);
  assert_string_equal(got, want);
  assert_int_equal(n, want_n);
  free(got);
}

static void numbers_in_order(void **state) {
  check("SELECT 1", "SELECT 1", 0);
  check("INSERT INTO t(a,b,c) VALUES(?,?,?)", "INSERT INTO t(a,b,c) VALUES($1,$2,$3)", 3);
  check("SELECT * FROM t WHERE a=? AND b IN (?,?,?,?,?,?,?,?,?,?)",
        "SELECT * FROM t WHERE a=$1 AND b IN ($2,$3,$4,$5,$6,$7,$8,$9,$10,$11)", 11);
}

static void quoted_text_untouched(void **state) {
  check("SELECT '?', ? FROM t", "SELECT '?', $1 FROM t", 1);
  check("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1);
  check("SELECT \"odd?col\" FROM t WHERE x=?", "SELECT \"odd?col\" FROM t WHERE x=$1", 1);
  check("SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2);
  check("SELECT /* a ? b */ ?", "SELECT /* a ? b */ $1", 1);
  check("SELECT ''", "SELECT ''", 0);
}

/* SQLite's numbered parameters: ?1 reused, and a plain ? after the largest number. */
static void numbered_parameters(void **state) {
  check("SELECT ?1 IS NULL OR x = ?1", "SELECT $1 IS NULL OR x = $1", 1);
  check("SELECT ?2, ?1, ?", "SELECT $2, $1, $3", 3);
  check("SELECT ?10 FROM t", "SELECT $10 FROM t", 10);
  check("SELECT '?1', ?1", "SELECT '?1', $1", 1);
}

/* SQLite's join-order hint CROSS JOIN ... ON is an inner join on PostgreSQL; quoted text and other words untouched. */
static void cross_join_hint(void **state) {
  check("SELECT 1 FROM a CROSS JOIN b ON b.x = a.x WHERE y = ?", "SELECT 1 FROM a JOIN b ON b.x = a.x WHERE y = $1", 1);
  check("SELECT 'CROSS JOIN ', XCROSS JOIN_t", "SELECT 'CROSS JOIN ', XCROSS JOIN_t", 0);
}

/* SQLite's unary-plus hint goes; a binary plus and a signed number stay. */
static void unary_plus_hint(void **state) {
  check("SELECT 1 FROM c WHERE +c.id IN (1) AND +c.gender = ?", "SELECT 1 FROM c WHERE c.id IN (1) AND c.gender = $1", 1);
  check("SELECT a +b, a + b, f(+x), 1 AND +2 FROM t", "SELECT a +b, a + b, f(x), 1 AND +2 FROM t", 0);
  check("SELECT count(*) FROM t WHERE BAND +x", "SELECT count(*) FROM t WHERE BAND +x", 0);
  /* an order that keeps the index from driving (cadre.c's rare-filter plans) */
  check("SELECT a FROM c ORDER BY +c.sort_key, +c.code LIMIT ?4", "SELECT a FROM c ORDER BY c.sort_key, c.code LIMIT $4",
        4);
  check("SELECT a FROM t GROUP BY +a", "SELECT a FROM t GROUP BY a", 0);
  check("SELECT a FROM t WHERE NEARBY +x", "SELECT a FROM t WHERE NEARBY +x", 0);
}

/* Which statements get a generic plan: every parameter compared by equality, nothing else. */
static void generic_plans_for_equalities_only(void **state) {
  (void)state;
  int n;
  assert_true(db_pg_generic_safe("SELECT a FROM t WHERE code = $1"));
  assert_true(db_pg_generic_safe("SELECT a FROM t JOIN u ON u.id = t.u WHERE t.cadre_id=$1 AND u.kind =  $2"));
  assert_true(db_pg_generic_safe("UPDATE t SET a = $1, v = v + 1 WHERE id = $2 AND v = $3"));
  assert_false(db_pg_generic_safe("SELECT 1"));                                  /* no parameter: generic anyway */
  assert_false(db_pg_generic_safe("SELECT a FROM t WHERE d <= $1"));             /* ranges */
  assert_false(db_pg_generic_safe("SELECT a FROM t WHERE d >= $1 AND id = $2"));
  assert_false(db_pg_generic_safe("SELECT a FROM t WHERE d != $1"));
  assert_false(db_pg_generic_safe("SELECT a FROM t WHERE d > $1"));
  assert_false(db_pg_generic_safe("SELECT a FROM t WHERE ($1 IS NULL OR p = $1)")); /* an optional filter */
  assert_false(db_pg_generic_safe("SELECT a FROM t WHERE id IN ($1, $2)"));        /* IN lists */
  assert_false(db_pg_generic_safe("SELECT a FROM t WHERE k = $1 LIMIT $2"));       /* LIMIT */
  assert_false(db_pg_generic_safe("SELECT a FROM t WHERE k = substr($1, 1, 4)"));  /* function arguments */
  assert_false(db_pg_generic_safe("INSERT INTO t(a, b) VALUES($1, $2)"));          /* VALUES */
  assert_false(db_pg_generic_safe("$1"));
  /* the author's mark, as translated: generic with ranges; not when it is not the statement's beginning */
  char *marked = db_pg_translate(DB_ONE_PLAN "SELECT a FROM t WHERE c = ?1 AND d <= ?2", &n);
  assert_true(db_pg_generic_safe(marked));
  free(marked);
  assert_false(db_pg_generic_safe("SELECT a FROM t WHERE d <= $1 /* one plan */"));
}

static void unterminated_is_refused(void **state) {
  int n;
  assert_null(db_pg_translate("SELECT 'open ?", &n));
  assert_null(db_pg_translate("SELECT \"open", &n));
  assert_null(db_pg_translate("SELECT /* open ?", &n));
}

/* COPY text format: NULL, empty text, the four escaped characters, a bytea's bytes in hex, a whole row. */
static void copy_fields_escaped(void **state) {
  Buf b = BUF_INIT;
  db_pg_copy_field(&b, true, NULL, 0, 0);
  db_pg_copy_field(&b, false, "", 0, 't');
  db_pg_copy_field(&b, false, "a\\b\tc\nd\re", 0, 't');
  db_pg_copy_field(&b, false, "\\.", 0, 't'); /* not the end-of-data marker */
  const char bytes[] = {0, 1, (char)0xab, (char)0xff};
  db_pg_copy_field(&b, false, bytes, 4, 'b');
  db_pg_copy_field(&b, false, "Nguyễn Văn Đức", 0, 't');
  db_pg_copy_field(&b, false, "42", 0, 'i');
  db_pg_copy_field(&b, false, "", 0, 'b');
  buf_putc(&b, 0);
  assert_string_equal(b.p, "\\N\t\ta\\\\b\\tc\\nd\\re\t\\\\.\t\\\\x0001abff\tNguyễn Văn Đức\t42\t\\\\x");
  buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(numbers_in_order),
    cmocka_unit_test(quoted_text_untouched),
    cmocka_unit_test(numbered_parameters),
    cmocka_unit_test(cross_join_hint),
    cmocka_unit_test(unary_plus_hint),
    cmocka_unit_test(unterminated_is_refused),
    cmocka_unit_test(generic_plans_for_equalities_only),
    cmocka_unit_test(copy_fields_escaped),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit scope (core/scope.h): the value kinds, subtree boundaries ("/1/3/" is not "/1/30/"),
   the root, empty and malformed paths, and the one SQL fragment with its binding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/scope.h"

static void kinds(void **state) {
  (void)state;
  assert_true(scope_is_all(scope_all()));
  assert_false(scope_is_none(scope_all()));
  assert_true(scope_is_none(scope_none()));
  assert_false(scope_is_all(scope_none()));
  Scope u = scope_unit("/1/9/");
  assert_false(scope_is_all(u));
  assert_false(scope_is_none(u));
  assert_string_equal(scope_unit_path(u), "/1/9/");
  assert_null(scope_unit_path(scope_all()));
  assert_null(scope_unit_path(scope_none()));
  /* a user's stored scope: nothing stored = unscoped */
  assert_true(scope_is_all(scope_from_user(NULL)));
  assert_true(scope_is_all(scope_from_user("")));
  assert_string_equal(scope_unit_path(scope_from_user("/1/36/")), "/1/36/");
}

static void empty_and_malformed_paths_are_nothing(void **state) {
  (void)state;
  const char *bad[] = {NULL, "", "/", "//", "1/9/", "/1/9", "UBND"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    Scope s = scope_unit(bad[i]);
    assert_true(scope_is_none(s));
    assert_false(scope_contains(s, "/1/"));
    assert_false(scope_contains(s, "/1/9/"));
    assert_false(scope_contains(s, ""));
  }
  assert_false(scope_is_all(scope_from_user("/1/9")));
  Scope zero = {0}; /* a Req the router did not fill */
  assert_true(scope_is_none(zero));
  assert_false(scope_contains(zero, "/1/"));
}

static void subtree_boundaries(void **state) {
  (void)state;
  Scope ubnd = scope_unit("/1/9/");
  assert_true(scope_contains(ubnd, "/1/9/"));
  assert_true(scope_contains(ubnd, "/1/9/13/"));
  assert_false(scope_contains(ubnd, "/1/90/"));  /* "MC/UBND" does not hold "MC/UBND2" */
  assert_false(scope_contains(ubnd, "/1/"));     /* nor its parent */
  assert_false(scope_contains(ubnd, "/1/8/"));
  assert_false(scope_contains(ubnd, NULL));
  Scope root = scope_unit("/1/");
  assert_true(scope_contains(root, "/1/"));
  assert_true(scope_contains(root, "/1/9/13/"));
  assert_false(scope_contains(root, "/10/"));
  assert_true(scope_contains(scope_all(), "/10/"));
  assert_true(scope_contains(scope_all(), NULL));
}

/* The SQL fragment gives the same answers as scope_contains, on real SQLite. */
static void sql_fragment(void **state) {
  (void)state;
  Db *db;
  assert_int_equal(db_open(":memory:", &db), 0);
  assert_int_equal(db_exec(db, "CREATE TABLE u (path TEXT); INSERT INTO u VALUES ('/1/'), ('/1/9/'), ('/1/9/13/'), "
                               "('/1/90/'), ('/1/8/'), ('/10/')"),
                   0);
  struct {
    Scope s;
    const char *want;
  } cases[] = {
      {scope_all(), "/1/,/1/9/,/1/9/13/,/1/90/,/1/8/,/10/,"},
      {scope_unit("/1/"), "/1/,/1/9/,/1/9/13/,/1/90/,/1/8/,"},
      {scope_unit("/1/9/"), "/1/9/,/1/9/13/,"},
      {scope_unit("/1/90/"), "/1/90/,"},
      {scope_unit(""), ""},
      {scope_unit(NULL), ""},
      {scope_none(), ""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    DbStmt *st = db_prepare(db, "SELECT path FROM u WHERE" SCOPE_SQL("path", 1) "ORDER BY rowid");
    assert_non_null(st);
    scope_bind(st, 1, cases[i].s);
    char got[256] = "";
    while (db_step(st) == DB_ROW) {
      const char *p = db_text(st, 0);
      assert_true(scope_contains(cases[i].s, p));
      strcat(got, p);
      strcat(got, ",");
    }
    db_finalize(st);
    assert_string_equal(got, cases[i].want);
  }
  /* a later parameter number */
  DbStmt *st = db_prepare(db, "SELECT count(*) FROM u WHERE path <> ?1 AND" SCOPE_SQL("path", 2));
  db_bind_text(st, 1, "/1/9/");
  scope_bind(st, 2, scope_unit("/1/9/"));
  assert_int_equal(db_step(st), DB_ROW);
  assert_int_equal(db_int(st, 0), 1);
  db_finalize(st);
  db_close(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(kinds),
      cmocka_unit_test(empty_and_malformed_paths_are_nothing),
      cmocka_unit_test(subtree_boundaries),
      cmocka_unit_test(sql_fragment),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

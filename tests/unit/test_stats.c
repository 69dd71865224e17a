/* Headline statistics: scope and unit subtree, women, under-40 boundary, LLCT buckets, per-unit tree counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/counters.h"
#include "domain/stats.h"

static char path[64];

static void add_unit(Db *db, Arena *a, const char *code, const char *parent) {
  Unit u = {.code = code, .name = code, .level = parent ? "commune" : "district", .parent_code = parent};
  assert_int_equal(unit_insert(db, a, &u), 0);
}

static void add_cadre(Db *db, Arena *a, const char *code, const char *g, const char *birth, const char *unit,
                      const char *llct) {
  Cadre c = {.code = code, .full_name = "Nguyễn Văn A", .gender = g, .birth_date = birth, .unit_code = unit,
             .llct_level = llct};
  assert_int_equal(cadre_insert(db, a, &c), 0);
}

static int setup(void **state) {
  snprintf(path, sizeof path, "/tmp/canbo-test-stats-%d.db", (int)getpid());
  unlink(path);
  Db *db;
  if (db_open(path, &db) || db_migrate(db, NULL)) return -1;
  Arena *a = arena_new();
  add_unit(db, a, "TP", NULL);
  add_unit(db, a, "KL", "TP");
  add_unit(db, a, "KL1", "KL");
  add_unit(db, a, "HX", "TP");
  /* Today is fixed at 2026-03-15 in the tests: under 40 <=> born after 1986-03-15. */
  add_cadre(db, a, "A1", "F", "1986-03-15", "TP", NULL);        /* exactly 40: not under 40 */
  add_cadre(db, a, "A2", "F", "1986-03-16", "KL", "so_cap");    /* 39: under 40 */
  add_cadre(db, a, "A3", "M", "1986-04", "KL1", "trung_cap");   /* partial: 1986-04-01, under 40 */
  add_cadre(db, a, "A4", "M", "1986", "KL1", "cao_cap");        /* partial: 1986-01-01, 40 */
  add_cadre(db, a, "A5", "M", "1970-01-01", "HX", "cu_nhan");
  add_cadre(db, a, "A6", "F", "1999-12-31", "HX", "");
  add_cadre(db, a, "A7", "M", "1986-03", "HX", NULL);           /* partial, the cutoff's month: 1986-03-01, 40 */
  add_cadre(db, a, "A8", "F", "1986-02-28", "HX", NULL);        /* the month before: 40 */
  arena_free(a);
  *state = db;
  return 0;
}

static int teardown(void **state) {
  db_close(*state);
  unlink(path);
  char wal[80];
  snprintf(wal, sizeof wal, "%s.audit-head", path), unlink(wal); /* core/audit.h head file */
  snprintf(wal, sizeof wal, "%s-wal", path);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", path);
  unlink(wal);
  return 0;
}

static const Date TODAY = {2026, 3, 15};

static void whole_organization(void **state) {
  Arena *a = arena_new();
  Stats s;
  assert_int_equal(stats_headline(*state, a, scope_all(), NULL, TODAY, &s), 0);
  assert_int_equal(s.total, 8);
  assert_int_equal(s.women, 4);
  assert_int_equal(s.under40, 3); /* A2, A3, A6 */
  assert_int_equal(s.llct_none, 4);
  assert_int_equal(s.llct_so_cap, 1);
  assert_int_equal(s.llct_trung_cap, 1);
  assert_int_equal(s.llct_cao_cap, 2); /* cao cấp and cử nhân together */
  arena_free(a);
}

static void unit_subtree_and_scope(void **state) {
  Arena *a = arena_new();
  Stats s;
  assert_int_equal(stats_headline(*state, a, scope_all(), "KL", TODAY, &s), 0);
  assert_int_equal(s.total, 3);
  assert_int_equal(s.women, 1);
  Unit kl, hx;
  assert_int_equal(unit_find(*state, a, scope_all(), "KL", &kl), 0);
  assert_int_equal(unit_find(*state, a, scope_all(), "HX", &hx), 0);
  assert_int_equal(stats_headline(*state, a, scope_from_legacy(hx.path), NULL, TODAY, &s), 0);
  assert_int_equal(s.total, 4);
  assert_int_equal(s.under40, 1);
  /* a unit outside the scope behaves as unknown */
  assert_int_equal(stats_headline(*state, a, scope_from_legacy(hx.path), "KL", TODAY, &s), CB_ENOTFOUND);
  assert_int_equal(stats_headline(*state, a, scope_all(), "NOPE", TODAY, &s), CB_ENOTFOUND);
  assert_int_equal(stats_headline(*state, a, scope_from_legacy(kl.path), "KL1", TODAY, &s), 0);
  assert_int_equal(s.total, 2);
  arena_free(a);
}

static void unit_tree_counts(void **state) {
  Arena *a = arena_new();
  UnitCount *v;
  int n;
  assert_int_equal(stats_unit_counts(*state, a, scope_all(), &v, &n), 0);
  assert_int_equal(n, 4);
  long long want_sub[4] = {0}, want_dir[4] = {0};
  for (int i = 0; i < n; i++) {
    const char *c = v[i].unit.code;
    int k = strcmp(c, "TP") == 0 ? 0 : strcmp(c, "KL") == 0 ? 1 : strcmp(c, "KL1") == 0 ? 2 : 3;
    want_sub[k] = v[i].subtree;
    want_dir[k] = v[i].direct;
  }
  assert_int_equal(want_sub[0], 8);
  assert_int_equal(want_dir[0], 1);
  assert_int_equal(want_sub[1], 3);
  assert_int_equal(want_sub[2], 2);
  assert_int_equal(want_sub[3], 4);
  assert_string_equal(v[0].unit.code, "TP"); /* tree order: the root first */
  Unit kl;
  assert_int_equal(unit_find(*state, a, scope_all(), "KL", &kl), 0);
  assert_int_equal(stats_unit_counts(*state, a, scope_from_legacy(kl.path), &v, &n), 0);
  assert_int_equal(n, 2);
  assert_string_equal(v[0].unit.code, "KL");
  assert_int_equal(v[0].subtree, 3);
  arena_free(a);
}

/* The headline equal to stats_headline_recount for scope, unit and day. */
static void assert_same(Db *db, Arena *a, Scope scope, const char *unit, Date d) {
  Stats x, y;
  assert_int_equal(stats_headline(db, a, scope, unit, d, &x), 0);
  assert_int_equal(stats_headline_recount(db, a, scope, unit, d, &y), 0);
  if (memcmp(&x, &y, sizeof x) != 0)
    fail_msg("%04d-%02d-%02d %s: total %lld/%lld women %lld/%lld under40 %lld/%lld llct %lld/%lld %lld/%lld %lld/%lld %lld/%lld",
             d.y, d.m, d.d, unit ? unit : "-", x.total, y.total, x.women, y.women, x.under40, y.under40, x.llct_none,
             y.llct_none, x.llct_so_cap, y.llct_so_cap, x.llct_trung_cap, y.llct_trung_cap, x.llct_cao_cap, y.llct_cao_cap);
}

/* Every day of 2025-2027 (each cutoff month and its last day), after edits, a move, a void and a restore. */
static void counts_equal_recount(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  const char *units[] = {NULL, "TP", "KL", "KL1", "HX"};
  assert_int_equal(db_exec(db, "UPDATE cadre_records SET birth_date = '1986-04-01', llct_level = 'cu_nhan' WHERE code = 'A5';"
                               "UPDATE cadre_records SET unit_id = (SELECT id FROM units WHERE code = 'KL1') WHERE code = 'A6';"
                               "UPDATE cadre_records SET gender = 'M' WHERE code = 'A1';"
                               "UPDATE cadre_records SET voided_at = '2026-01-01' WHERE code = 'A2';"
                               "UPDATE cadre_records SET voided_at = '2026-01-01' WHERE code = 'A8';"
                               "UPDATE cadre_records SET voided_at = NULL WHERE code = 'A8'"),
                   0);
  for (int y = 2025; y <= 2027; y++)
    for (int m = 1; m <= 12; m++)
      for (int d = 1; d <= 31; d++)
        for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) assert_same(db, a, scope_all(), units[u], (Date){y, m, d});
  Stats s;
  assert_int_equal(stats_headline(db, a, scope_all(), NULL, TODAY, &s), 0);
  assert_int_equal(s.total, 7); /* A2 voided */
  assert_int_equal(s.women, 2); /* A1 now a man, A2 voided: A6, A8 */
  assert_int_equal(s.under40, 3); /* A3, A6, and A5 now born 1986-04-01 */
  assert_int_equal(s.llct_cao_cap, 2); /* A4 cao cap, A5 cu nhan */
  arena_free(a);
}

/* train_counts rebuilt (counters_rebuild_counts, the trainings' tally) at its edges: two programs and a repeat in one
   year (one '*' row per cadre and year), a year of four characters in more bytes than four (one '*', not one per
   training), a voided training, a voided cadre's training, a start date that is a bare year (not counted). */
static void train_counts_rebuilt(void **state) {
  Db *db = *state;
  assert_int_equal(db_exec(db, "INSERT INTO training_records(cadre_id, program, start_date, status) SELECT id, p, d, 'completed' "
                               "FROM cadre_records CROSS JOIN (SELECT 'degree' AS p, '2024-02-01' AS d UNION ALL "
                               "SELECT 'qlnn_cv', '2024-09-30' UNION ALL SELECT 'qlnn_cv', '2024-12-31' UNION ALL "
                               "SELECT 'degree', '2023-01-01' UNION ALL SELECT 'llct_so_cap', '2024') x WHERE code = 'A1';"
                               "INSERT INTO training_records(cadre_id, program, start_date, status) SELECT id, p, 'Năm1-05-01', "
                               "'completed' FROM cadre_records CROSS JOIN (SELECT 'degree' AS p UNION ALL SELECT 'qlnn_cv' "
                               "UNION ALL SELECT 'llct_so_cap') x WHERE code = 'A3';"
                               "INSERT INTO training_records(cadre_id, program, start_date, status, voided_at) SELECT id, "
                               "'degree', '2024-03-01', 'completed', '2026-01-01' FROM cadre_records WHERE code = 'A3';"
                               "INSERT INTO training_records(cadre_id, program, start_date, status) SELECT id, 'degree', "
                               "'2024-03-01', 'completed' FROM cadre_records WHERE code = 'A2'"), /* A2 is voided */
                   0);
  assert_int_equal(db_exec(db, "UPDATE train_counts SET n = n + 7"), 0); /* what the rebuild must replace */
  assert_int_equal(counters_rebuild_counts(db), 0);
  DbStmt *st = db_prepare(db, "SELECT u.code, tc.year, tc.program, tc.n FROM train_counts tc JOIN units u ON u.id = "
                              "tc.unit_id WHERE tc.n <> 0 ORDER BY u.code, tc.year, tc.program");
  assert_non_null(st);
  char got[512] = "";
  while (db_step(st) == DB_ROW)
    snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s %s %s %lld", *got ? ", " : "", db_text(st, 0),
             db_text(st, 1), db_text(st, 2), db_int(st, 3));
  db_finalize(st);
  assert_string_equal(got, "KL1 Năm1 * 1, KL1 Năm1 degree 1, KL1 Năm1 llct_so_cap 1, KL1 Năm1 qlnn_cv 1, "
                           "TP 2023 * 1, TP 2023 degree 1, TP 2024 * 1, TP 2024 degree 1, TP 2024 qlnn_cv 2");
  char why[256] = "";
  Arena *a = arena_new();
  assert_int_equal(counters_rebuild(db, "2026-03-15"), 0); /* the membership counters too, for counters_verify */
  int rc = counters_verify(db, a, why, sizeof why); /* ... which compares train_counts with TRAIN_RECOUNT */
  if (rc) fail_msg("%s", why);
  arena_free(a);
}

/*
** Statements that write several trainings at once keep train_counts right on both engines (PostgreSQL runs a
** statement's triggers after all its rows: schema/pg/0047): two of a cadre in one year counted once in '*',
** then moved to another year, voided and deleted together, the counts checked against a recount after each.
*/
static void train_counts_multi_row(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  assert_int_equal(counters_rebuild(db, "2026-03-15"), 0);
  const char *steps[] = {
      "INSERT INTO training_records(cadre_id, program, start_date, status) SELECT id, p, d, 'completed' FROM "
      "cadre_records CROSS JOIN (SELECT 'degree' AS p, '2021-02-01' AS d UNION ALL SELECT 'qlnn_cv', '2021-09-30' "
      "UNION ALL SELECT 'degree', '2021-10-01') x WHERE code IN ('A1', 'A3')",
      "UPDATE training_records SET start_date = '2020-05-05' WHERE start_date LIKE '2021-%' AND program = 'degree'",
      "UPDATE training_records SET voided_at = '2026-01-02' WHERE start_date IN ('2020-05-05', '2021-09-30') AND "
      "cadre_id = (SELECT id FROM cadre_records WHERE code = 'A1')",
      "DELETE FROM training_records WHERE start_date LIKE '2021-%' OR start_date = '2020-05-05'",
  };
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    assert_int_equal(db_exec_trusted(db, steps[i]), 0);
    char why[256] = "";
    if (counters_verify(db, a, why, sizeof why)) fail_msg("after \"%.60s...\": %s", steps[i], why);
  }
  arena_free(a);
}

/* An exact age wrong inside its bracket (A1's 40 counted as 41: both 40-49) is found by counters_verify, which the
   structure's comparison alone (brackets) did not see. */
static void wrong_age_in_bracket_found(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  char why[256] = "";
  assert_int_equal(counters_rebuild(db, "2026-03-15"), 0);
  assert_int_equal(counters_verify(db, a, why, sizeof why), 0);
  assert_int_equal(db_exec(db, "UPDATE unit_counts SET n = n - 1 WHERE dim = 'age' AND key = '40' AND unit_id = "
                               "(SELECT id FROM units WHERE code = 'TP');"
                               "INSERT INTO unit_counts(unit_id, dim, key, n, women) SELECT id, 'age', '41', 1, 0 FROM "
                               "units WHERE code = 'TP' ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = unit_counts.n + 1"),
                   0);
  assert_int_equal(counters_verify(db, a, why, sizeof why), CB_EINVAL);
  if (!strstr(why, "ages of unit")) fail_msg("%s", why);
  assert_int_equal(counters_rebuild(db, "2026-03-15"), 0); /* right again for what follows */
  assert_int_equal(counters_verify(db, a, why, sizeof why), 0);
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(whole_organization),
      cmocka_unit_test(unit_subtree_and_scope),
      cmocka_unit_test(unit_tree_counts),
      cmocka_unit_test(counts_equal_recount), /* it edits the records */
      cmocka_unit_test(train_counts_rebuilt),
      cmocka_unit_test(train_counts_multi_row),
      cmocka_unit_test(wrong_age_in_bracket_found),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

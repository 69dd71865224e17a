/*
** Evaluations and disciplines: EVAL-2 at exactly 20% and just above (pure
** and through the organizations of a unit tree), EVAL-3 two consecutive
** failed years vs not consecutive, EVAL-4 score boundaries 49/50, 69/70,
** 89/90 and the year before the rule, discipline periods (DISC-1/2/3) on
** their last day and the day after.
*/
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
#include "domain/discipline.h"
#include "domain/evaluation.h"
#include "domain/unit.h"

static char path[64];

static void add_unit(Db *db, Arena *a, const char *code, const char *level, const char *parent) {
  Unit u = {.code = code, .name = code, .level = level, .parent_code = parent};
  assert_int_equal(unit_insert(db, a, &u), 0);
}

static long long add_cadre(Db *db, Arena *a, const char *code, const char *unit) {
  Cadre c = {.code = code, .full_name = "Nguyễn Văn A", .gender = "M", .birth_date = "1980-01-01", .unit_code = unit};
  assert_int_equal(cadre_insert(db, a, &c), 0);
  return c.id;
}

static int setup(void **state) {
  snprintf(path, sizeof path, "/tmp/canbo-test-eval-%d.db", (int)getpid());
  unlink(path);
  Db *db;
  if (db_open(path, &db) || db_migrate(db, NULL)) return -1;
  Arena *a = arena_new();
  add_unit(db, a, "TP", "district", NULL);
  add_unit(db, a, "KL", "commune", "TP");
  add_unit(db, a, "KL1", "grassroots", "KL");
  add_unit(db, a, "KL1A", "grassroots", "KL1"); /* a cell inside a grassroots party committee */
  add_unit(db, a, "KL2", "grassroots", "KL");
  arena_free(a);
  *state = db;
  return 0;
}

static int teardown(void **state) {
  db_close(*state);
  const char *sfx[] = {"", "-wal", "-shm", ".audit-head"};
  for (int i = 0; i < 4; i++) {
    char p[80];
    snprintf(p, sizeof p, "%s%s", path, sfx[i]);
    unlink(p);
  }
  return 0;
}

static long long rate(Db *db, Arena *a, long long cadre, int year, const char *rating, int score) {
  Evaluation e = {.cadre_id = cadre, .year = year, .rating = rating, .score = score};
  assert_int_equal(evaluation_insert(db, a, &e), 0);
  return e.id;
}

static const Finding *find_rule(const Findings *f, const char *rule) {
  for (int i = 0; i < f->n; i++)
    if (strcmp(f->v[i].rule, rule) == 0) return &f->v[i];
  return NULL;
}

/* EVAL-2 pure: excellent * 100 <= 20 * good, no rounding. */
static void quota_boundaries(void **state) {
  Arena *a = arena_new();
  RuleVersion rv;
  assert_int_equal(rules_in_force(*state, a, "EVAL-2", "2024-12-31", &rv), 0);
  struct { int ex, good; Result want; } cases[] = {
      {2, 10, RESULT_PASS}, /* exactly 20% */
      {1, 5, RESULT_PASS},  /* exactly 20% */
      {2, 9, RESULT_FAIL},  /* 22.2% */
      {3, 14, RESULT_FAIL}, /* 21.4%: just above */
      {3, 15, RESULT_PASS}, /* 20% */
      {0, 0, RESULT_PASS},  {1, 0, RESULT_FAIL}, {0, 3, RESULT_PASS},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    Findings f;
    findings_init(&f, a);
    evaluation_quota_finding(&f, &rv, "Chi bộ 1", 2024, cases[i].ex, cases[i].good);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.v[0].rule, "EVAL-2");
    if (f.v[0].result != cases[i].want) fail_msg("case %zu (%d/%d): %s", i, cases[i].ex, cases[i].good, f.v[0].message);
    assert_non_null(strstr(f.v[0].basis, "124-QĐ/TW")); /* 2024: QĐ 124 of 04/10/2023 replaced QĐ 132 */
  }
  Findings f;
  findings_init(&f, a);
  evaluation_quota_finding(&f, &rv, "Chi bộ 1", 2024, 3, 14);
  assert_non_null(strstr(f.v[0].message, "3 hoàn thành xuất sắc / 14 hoàn thành tốt = 21,4%"));
  assert_non_null(strstr(f.v[0].message, "> 20%"));
  arena_free(a);
}

static const EvaluationOrg *org_named(const EvaluationOrg *o, int n, const char *code) {
  for (int i = 0; i < n; i++)
    if (strcmp(o[i].org_code, code) == 0) return &o[i];
  return NULL;
}

/* EVAL-2 through the database: organizations by outermost grassroots unit; exactly 20% then one more. */
static void quota_per_organization(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  char code[16];
  for (int i = 0; i < 12; i++) { /* KL1: 10 good + 2 excellent, half of them in the cell KL1A */
    snprintf(code, sizeof code, "Q%02d", i);
    long long id = add_cadre(db, a, code, i % 2 ? "KL1A" : "KL1");
    rate(db, a, id, 2023, i < 2 ? "excellent" : "good", -1);
  }
  long long k = add_cadre(db, a, "QK", "KL"); /* the commune itself: its own organization */
  rate(db, a, k, 2023, "excellent", -1);
  EvaluationOrg *o;
  int n;
  assert_int_equal(evaluation_quota(db, a, scope_all(), NULL, 2023, &o, &n), 0);
  assert_int_equal(n, 2);
  const EvaluationOrg *kl1 = org_named(o, n, "KL1"), *kl = org_named(o, n, "KL");
  assert_non_null(kl1);
  assert_non_null(kl);
  assert_int_equal(kl1->excellent, 2);
  assert_int_equal(kl1->good, 10);
  assert_int_equal(kl1->finding.result, RESULT_PASS);
  assert_int_equal(kl->finding.result, RESULT_FAIL); /* 1 excellent, 0 good */
  /* Filtering on the cell KL1A (itself grassroots) shows its whole organization, the outermost one: KL1. */
  Unit cell;
  assert_int_equal(unit_find(db, a, scope_all(), "KL1A", &cell), 0);
  assert_int_equal(evaluation_quota(db, a, scope_all(), cell.path, 2023, &o, &n), 0);
  assert_int_equal(n, 1);
  assert_string_equal(o[0].org_code, "KL1");
  /* One more excellent: 3 / 10 > 20%. Stored finding replaced, not duplicated. */
  long long extra = add_cadre(db, a, "Q99", "KL1A");
  rate(db, a, extra, 2023, "excellent", -1);
  long long org;
  assert_int_equal(evaluation_org_of(db, extra, &org), 0);
  assert_int_equal(org, kl1->org_id);
  assert_int_equal(evaluation_quota_refresh(db, a, org, 2023), 0);
  assert_int_equal(evaluation_quota_refresh(db, a, org, 2023), 0);
  Findings f;
  assert_int_equal(findings_load(db, a, "evaluation_org", org, &f), 0);
  assert_int_equal(f.n, 1);
  assert_int_equal(f.v[0].result, RESULT_FAIL);
  assert_non_null(strstr(f.v[0].message, "3 hoàn thành xuất sắc / 10 hoàn thành tốt = 30%"));
  arena_free(a);
}

/* EVAL-3: two consecutive failed years flag; failed, completed, failed does not. */
static void failed_consecutive(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  long long x = add_cadre(db, a, "F1", "KL2"), y = add_cadre(db, a, "F2", "KL2");
  rate(db, a, x, 2020, "failed", -1);
  long long ex = rate(db, a, x, 2021, "failed", -1);
  rate(db, a, y, 2019, "failed", -1);
  rate(db, a, y, 2020, "completed", -1);
  long long ey = rate(db, a, y, 2021, "failed", -1);
  Findings f;
  assert_int_equal(findings_load(db, a, "evaluation", ex, &f), 0);
  const Finding *e3 = find_rule(&f, "EVAL-3");
  assert_non_null(e3);
  assert_int_equal(e3->result, RESULT_WARN);
  assert_non_null(strstr(e3->message, "2 năm liên tiếp (2020–2021"));
  assert_int_equal(findings_load(db, a, "evaluation", ey, &f), 0);
  assert_int_equal(find_rule(&f, "EVAL-3")->result, RESULT_PASS);
  Evaluation *v;
  int n, years;
  assert_int_equal(evaluation_flagged(db, a, scope_all(), NULL, 2021, &v, &n, &years), 0);
  assert_int_equal(years, 2);
  assert_int_equal(n, 1);
  assert_string_equal(v[0].cadre_code, "F1");
  assert_int_equal(evaluation_flagged(db, a, scope_all(), NULL, 2020, &v, &n, &years), 0);
  assert_int_equal(n, 0); /* F1 failed 2019? no: only 2020 */
  arena_free(a);
}

/* EVAL-4 from 2025: score thresholds 50, 70, 90; n/a before 2025; discipline in the year. */
static void score_boundaries(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  long long c = add_cadre(db, a, "S1", "KL2");
  struct { int score; const char *rating; Result want; } cases[] = {
      {49, "failed", RESULT_PASS},   {49, "completed", RESULT_FAIL}, {50, "completed", RESULT_PASS},
      {50, "failed", RESULT_FAIL},   {69, "completed", RESULT_PASS}, {70, "good", RESULT_PASS},
      {70, "completed", RESULT_FAIL}, {89, "good", RESULT_PASS},     {89, "excellent", RESULT_FAIL},
      {90, "excellent", RESULT_PASS}, {100, "excellent", RESULT_PASS}, {0, "failed", RESULT_PASS},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    Evaluation e = {.cadre_id = c, .year = 2025, .rating = cases[i].rating, .score = cases[i].score};
    Findings f;
    assert_int_equal(evaluation_findings(db, a, &e, &f), 0);
    const Finding *e4 = find_rule(&f, "EVAL-4");
    assert_non_null(e4);
    if (e4->result != cases[i].want) fail_msg("case %zu: %d %s -> %s", i, cases[i].score, cases[i].rating, e4->message);
  }
  Evaluation old = {.cadre_id = c, .year = 2024, .rating = "excellent", .score = 10};
  Findings f;
  assert_int_equal(evaluation_findings(db, a, &old, &f), 0);
  assert_int_equal(find_rule(&f, "EVAL-4")->result, RESULT_NA); /* no EVAL-4 version on 31/12/2024 */
  Discipline d = {.cadre_id = c, .form = "reprimand", .authority = "party", .decision_date = "2025-06-01"};
  assert_int_equal(discipline_insert(db, a, &d), 0);
  Evaluation e = {.cadre_id = c, .year = 2025, .rating = "good", .score = 80};
  assert_int_equal(evaluation_findings(db, a, &e, &f), 0);
  assert_int_equal(find_rule(&f, "EVAL-4")->result, RESULT_FAIL);
  assert_non_null(strstr(find_rule(&f, "EVAL-4")->message, "01/06/2025"));
  arena_free(a);
}

static void insert_validation(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  long long c = add_cadre(db, a, "V1", "KL2");
  rate(db, a, c, 2022, "good", -1);
  Evaluation dup = {.cadre_id = c, .year = 2022, .rating = "completed", .score = -1};
  assert_int_equal(evaluation_insert(db, a, &dup), CB_EEXIST);
  Evaluation bad[] = {{.cadre_id = c, .year = 2022, .rating = "great", .score = -1},
                      {.cadre_id = c, .year = 1989, .rating = "good", .score = -1},
                      {.cadre_id = c, .year = 2023, .rating = "good", .score = 101}};
  for (int i = 0; i < 3; i++) assert_int_equal(evaluation_insert(db, a, &bad[i]), CB_EINVAL);
  Evaluation none = {.cadre_code = "NOPE", .year = 2022, .rating = "good", .score = -1};
  assert_int_equal(evaluation_insert(db, a, &none), CB_ENOTFOUND);
  Findings f;
  Evaluation out = {.cadre_code = "V1", .year = 2023, .rating = "good", .score = -1};
  Unit kl1;
  assert_int_equal(unit_find(db, a, scope_all(), "KL1", &kl1), 0);
  assert_int_equal(evaluation_record(db, a, scope_from_legacy(kl1.path), "tester", &out, &f), CB_ENOTFOUND); /* V1 is in KL2 */
  assert_int_equal(evaluation_record(db, a, scope_all(), "tester", &out, &f), 0);
  assert_non_null(find_rule(&f, "EVAL-2"));
  assert_non_null(find_rule(&f, "EVAL-3"));
  arena_free(a);
}

/* DISC-1/2: the last barred day and the day after; DISC-3 the longer; no state rule before 01/7/2020. */
static void discipline_periods(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  long long c = add_cadre(db, a, "D1", "KL2");
  Discipline w = {.cadre_id = c, .form = "warning", .authority = "party", .decision_date = "15/03/2023"};
  assert_int_equal(discipline_insert(db, a, &w), 0);
  assert_string_equal(w.decision_date, "2023-03-15");
  int months;
  const char *last, *rule, *basis, *until;
  assert_int_equal(discipline_period(db, a, &w, &months, &last, &rule, &basis), 0);
  assert_int_equal(months, 30);
  assert_string_equal(last, "2025-09-14");
  assert_string_equal(rule, "DISC-1");
  Discipline s = {.cadre_id = c, .form = "demotion", .authority = "state", .decision_date = "2024-01-10"};
  assert_int_equal(discipline_insert(db, a, &s), 0);
  assert_int_equal(discipline_period(db, a, &s, &months, &last, &rule, &basis), 0);
  assert_int_equal(months, 24);
  assert_string_equal(last, "2026-01-09");
  assert_int_equal(discipline_barred_until(db, a, c, "2025-09-14", &until), 0);
  assert_string_equal(until, "2026-01-09"); /* DISC-3: the longer of the two */
  assert_int_equal(discipline_barred_until(db, a, c, "2026-01-09", &until), 0);
  assert_string_equal(until, "2026-01-09");
  assert_int_equal(discipline_barred_until(db, a, c, "2026-01-10", &until), 0);
  assert_null(until);
  assert_int_equal(discipline_barred_until(db, a, c, "2023-03-14", &until), 0);
  assert_null(until); /* before the first decision */
  Discipline early = {.cadre_id = c, .form = "reprimand", .authority = "state", .decision_date = "2020-06-30"};
  assert_int_equal(discipline_period(db, a, &early, &months, &last, &rule, &basis), 0);
  assert_int_equal(months, 0);
  assert_null(last);
  Discipline bad = {.cadre_id = c, .form = "scolding", .authority = "party", .decision_date = "2023-01-01"};
  assert_int_equal(discipline_insert(db, a, &bad), CB_EINVAL);
  Findings f;
  assert_int_equal(findings_load(db, a, "discipline", w.id, &f), 0);
  assert_int_equal(f.n, 1);
  assert_non_null(strstr(f.v[0].message, "30 tháng, đến hết ngày 14/09/2025"));
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(quota_boundaries),   cmocka_unit_test(quota_per_organization),
      cmocka_unit_test(failed_consecutive), cmocka_unit_test(score_boundaries),
      cmocka_unit_test(insert_validation),  cmocka_unit_test(discipline_periods),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

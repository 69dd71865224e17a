/*
** Rule versions: the version in force the day before / of / after an
** effective date (a new rule and a replaced one), rules_update with its audit
** row (before/after), rules_add_version closing the previous version, bad
** JSON and bad dates refused with nothing changed, dates normalized to ISO.
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
#include "domain/rules.h"

static char path[64];

static int setup(void **state) {
  snprintf(path, sizeof path, "/tmp/canbo-test-rules-%d.db", (int)getpid());
  unlink(path);
  Db *db;
  if (db_open(path, &db) || db_migrate(db, NULL)) return -1;
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

/* Number of audit rows of entity rule_version; the newest row's action/before/after into the arena. */
static long long audit_rows(Db *db, Arena *a, const char **action, const char **before, const char **after) {
  DbStmt *st = db_prepare(db, "SELECT count(*) FROM audit WHERE entity = 'rule_version'");
  assert_non_null(st);
  assert_int_equal(db_step(st), DB_ROW);
  long long n = db_int(st, 0);
  db_finalize(st);
  st = db_prepare(db, "SELECT action, before, after FROM audit WHERE entity = 'rule_version' ORDER BY id DESC LIMIT 1");
  if (db_step(st) == DB_ROW) {
    *action = arena_strdup(a, db_text(st, 0));
    *before = arena_strdup(a, db_text(st, 1));
    *after = arena_strdup(a, db_text(st, 2));
  }
  db_finalize(st);
  return n;
}

static void in_force_around_dates(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  RuleVersion rv;
  /* EVAL-4 starts 2025-01-01. */
  assert_int_equal(rules_in_force(db, a, "EVAL-4", "2024-12-31", &rv), CB_ENOTFOUND);
  assert_int_equal(rules_in_force(db, a, "EVAL-4", "2025-01-01", &rv), 0);
  assert_int_equal(rules_in_force(db, a, "EVAL-4", "2025-01-02", &rv), 0);
  assert_string_equal(rv.effective_from, "2025-01-01");
  /* PLAN-1: HD 06 until 2021-12-26, QĐ 50 from 2021-12-27: the same act judged by different numbers. */
  assert_int_equal(rules_in_force(db, a, "PLAN-1", "2021-12-26", &rv), 0);
  assert_int_equal(rule_param_int(&rv, "max_per_title", 0), 4);
  assert_string_equal(rv.confidence, "U");
  assert_int_equal(rules_in_force(db, a, "PLAN-1", "2021-12-27", &rv), 0);
  assert_int_equal(rule_param_int(&rv, "max_per_title", 0), 3);
  assert_int_equal(rules_in_force(db, a, "PLAN-1", "2021-12-28", &rv), 0);
  assert_int_equal(rule_param_int(&rv, "max_per_title", 0), 3);
  /* rules_get adds an n/a finding when nothing is in force. */
  Findings f;
  findings_init(&f, a);
  assert_false(rules_get(db, &f, "EVAL-4", "2024-12-31", &rv));
  assert_int_equal(f.n, 1);
  assert_int_equal(f.v[0].result, RESULT_NA);
  assert_non_null(strstr(f.v[0].message, "31/12/2024"));
  arena_free(a);
}

static void update_is_audited(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  RuleVersion rv;
  assert_int_equal(rules_in_force(db, a, "EVAL-2", "2024-06-01", &rv), 0);
  const char *action = NULL, *before = NULL, *after = NULL;
  long long n0 = audit_rows(db, a, &action, &before, &after);
  assert_int_equal(rules_update(db, "admin1", rv.id, "{\"max_excellent_pct_of_good\":15}", NULL, -1, "thử"), 0);
  assert_int_equal(audit_rows(db, a, &action, &before, &after), n0 + 1);
  assert_string_equal(action, "update");
  assert_non_null(strstr(before, "\"max_excellent_pct_of_good\":20"));
  assert_non_null(strstr(after, "\"max_excellent_pct_of_good\":15"));
  assert_non_null(strstr(after, "thử"));
  RuleVersion now;
  assert_int_equal(rules_find(db, a, rv.id, &now), 0);
  assert_int_equal(rule_param_int(&now, "max_excellent_pct_of_good", 0), 15);
  assert_string_equal(now.note, "thử");
  /* Disabled: no version in force; the end date in DD/MM/YYYY is stored ISO. */
  assert_int_equal(rules_update(db, "admin1", rv.id, NULL, "31/12/2030", 0, NULL), 0);
  assert_int_equal(rules_find(db, a, rv.id, &now), 0);
  assert_string_equal(now.effective_to, "2030-12-31");
  assert_false(now.enabled);
  assert_int_equal(rules_in_force(db, a, "EVAL-2", "2024-06-01", &rv), CB_ENOTFOUND);
  assert_int_equal(rules_update(db, "admin1", now.id, "{\"max_excellent_pct_of_good\":20}", "", 1, ""), 0);
  assert_int_equal(rules_in_force(db, a, "EVAL-2", "2024-06-01", &rv), 0);
  assert_null(rv.effective_to);
  assert_int_equal(audit_rows(db, a, &action, &before, &after), n0 + 3);
  assert_int_equal(rules_update(db, "admin1", 999999, "{}", NULL, -1, NULL), CB_ENOTFOUND);
  arena_free(a);
}

static void bad_input_refused(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  RuleVersion rv;
  assert_int_equal(rules_in_force(db, a, "PLAN-2", "2026-06-01", &rv), 0); /* QĐ 377's open version */
  const char *action, *before, *after;
  long long n0 = audit_rows(db, a, &action, &before, &after);
  const char *bad[] = {"{bad", "[1,2]", "3", "\"text\"", "", "null"};
  for (int i = 0; i < 6; i++) assert_int_equal(rules_update(db, "admin1", rv.id, bad[i], NULL, -1, NULL), CB_EINVAL);
  assert_int_equal(rules_update(db, "admin1", rv.id, NULL, "2024-13-01", -1, NULL), CB_EINVAL);
  assert_int_equal(rules_update(db, "admin1", rv.id, NULL, "2020-01-01", -1, NULL), CB_EINVAL); /* before its start */
  RuleVersion nv = {.rule = "PLAN-2", .effective_from = "2031-01-01", .params = "[3]"};
  assert_int_equal(rules_add_version(db, "admin1", &nv, NULL, NULL), CB_EINVAL);
  nv.params = "{}", nv.confidence = "X";
  assert_int_equal(rules_add_version(db, "admin1", &nv, NULL, NULL), CB_EINVAL);
  nv.confidence = NULL, nv.effective_to = "2030-01-01"; /* ends before it starts */
  assert_int_equal(rules_add_version(db, "admin1", &nv, NULL, NULL), CB_EINVAL);
  nv.effective_to = NULL, nv.rule = "NOPE-1";
  assert_int_equal(rules_add_version(db, "admin1", &nv, NULL, NULL), CB_ENOTFOUND);
  RuleVersion same;
  assert_int_equal(rules_find(db, a, rv.id, &same), 0);
  assert_string_equal(same.params, rv.params);
  assert_null(same.effective_to);
  assert_int_equal(audit_rows(db, a, &action, &before, &after), n0);
  arena_free(a);
}

static void add_version_closes_previous(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  RuleVersion old;
  assert_int_equal(rules_in_force(db, a, "PLAN-1", "2029-12-31", &old), 0);
  RuleVersion nv = {.rule = "PLAN-1", .effective_from = "01/01/2030", .params = "{\"max_per_title\":5}",
                    .note = "thử nghiệm"};
  long long id = 0;
  assert_int_equal(rules_add_version(db, "admin1", &nv, &id, NULL), 0);
  assert_true(id > 0);
  RuleVersion closed, got;
  assert_int_equal(rules_find(db, a, old.id, &closed), 0);
  assert_string_equal(closed.effective_to, "2029-12-31");
  assert_int_equal(rules_in_force(db, a, "PLAN-1", "2029-12-31", &got), 0);
  assert_int_equal(got.id, old.id);
  assert_int_equal(rules_in_force(db, a, "PLAN-1", "2030-01-01", &got), 0);
  assert_int_equal(got.id, id);
  assert_string_equal(got.effective_from, "2030-01-01");
  assert_int_equal(rule_param_int(&got, "max_per_title", 0), 5);
  assert_string_equal(got.basis, old.basis); /* copied from the version before */
  assert_string_equal(got.confidence, old.confidence);
  const char *action, *before, *after;
  audit_rows(db, a, &action, &before, &after);
  assert_string_equal(action, "create");
  assert_non_null(strstr(after, "\"max_per_title\":5"));
  RuleVersion again = {.rule = "PLAN-1", .effective_from = "2030-01-01", .params = "{}"};
  assert_int_equal(rules_add_version(db, "admin1", &again, NULL, NULL), CB_EEXIST);
  assert_int_equal(rules_find(db, a, old.id, &closed), 0);
  assert_string_equal(closed.effective_to, "2029-12-31"); /* the refused add changed nothing */
  arena_free(a);
}

/* Params keep the keys and types of the version they change or follow, numbers within +-RULE_PARAM_MAX: a huge
   number would overflow the months arithmetic of the checks (years * 12), another key or type be ignored. */
static void params_must_fit(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  RuleVersion rv;
  assert_int_equal(rules_in_force(db, a, "PLAN-2", "2026-06-01", &rv), 0); /* {"max_titles":3} */
  const char *action, *before, *after;
  long long n0 = audit_rows(db, a, &action, &before, &after);
  char why[RULE_WHY_SIZE];
  struct {
    const char *params, *why;
  } bad[] = {
      {"{\"max_titles\":4611686018427387904}", "\"max_titles\" phải nằm trong khoảng -100000 đến 100000"},
      {"{\"max_titles\":100001}", "khoảng"},
      {"{\"max_titles\":-100001}", "khoảng"},
      {"{\"max_titles\":1e308}", "\"max_titles\" phải là một số nguyên"},
      {"{\"max_titles\":2.5}", "một số nguyên"},
      {"{\"max_titles\":\"3\"}", "một số nguyên"},
      {"{\"max_titles\":[3]}", "một số nguyên"},
      {"{\"max_title\":3}", "\"max_title\" không có trong quy định này (có: max_titles)"},
      {"[3]", "đối tượng JSON"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(rules_edit(db, "admin1", rv.id, &(RuleEdit){.params = bad[i].params, .enabled = -1}, why), CB_EINVAL);
    if (!strstr(why, bad[i].why)) fail_msg("%s: %s", bad[i].params, why);
    RuleVersion nv = {.rule = "PLAN-2", .effective_from = "2031-01-01", .params = bad[i].params};
    assert_int_equal(rules_add_version(db, "admin1", &nv, NULL, why), CB_EINVAL);
    if (!strstr(why, bad[i].why)) fail_msg("add %s: %s", bad[i].params, why);
  }
  assert_int_equal(audit_rows(db, a, &action, &before, &after), n0); /* nothing written */
  /* the bounds themselves, a key left out (the code's default), nested groups and lists */
  assert_int_equal(rules_edit(db, "admin1", rv.id, &(RuleEdit){.params = "{\"max_titles\":100000}", .enabled = -1}, why), 0);
  assert_int_equal(rules_edit(db, "admin1", rv.id, &(RuleEdit){.params = "{\"max_titles\":-100000}", .enabled = -1}, why), 0);
  assert_int_equal(rules_edit(db, "admin1", rv.id, &(RuleEdit){.params = "{}", .enabled = -1}, why), 0);
  assert_int_equal(rules_edit(db, "admin1", rv.id, &(RuleEdit){.params = "{\"max_titles\":3}", .enabled = -1}, why), 0);
  RuleVersion ret, rel, p10;
  assert_int_equal(rules_in_force(db, a, "RET-1", "2026-06-01", &ret), 0);
  assert_int_equal(rules_edit(db, "admin1", ret.id, &(RuleEdit){.params = "{\"men\":{\"base_months\":\"x\"}}", .enabled = -1},
                              why),
                   CB_EINVAL);
  assert_non_null(strstr(why, "\"men.base_months\" phải là một số nguyên"));
  assert_int_equal(rules_edit(db, "admin1", ret.id, &(RuleEdit){.params = "{\"men\":{\"base_month\":1}}", .enabled = -1}, why),
                   CB_EINVAL);
  assert_non_null(strstr(why, "\"men.base_month\" không có"));
  assert_int_equal(rules_in_force(db, a, "REL-1", "2026-06-01", &rel), 0);
  assert_int_equal(rules_edit(db, "admin1", rel.id, &(RuleEdit){.params = "{\"relations\":[\"spouse\",3]}", .enabled = -1}, why),
                   CB_EINVAL);
  assert_non_null(strstr(why, "\"relations[2]\" phải là một chuỗi"));
  assert_int_equal(rules_in_force(db, a, "PLAN-10", "2026-06-01", &p10), 0); /* {"max_ratio":1.5}: a real takes 2 */
  assert_int_equal(rules_edit(db, "admin1", p10.id, &(RuleEdit){.params = "{\"max_ratio\":2}", .enabled = -1}, why), 0);
  /* a number stored past the bounds (another writer) is read clamped, never overflowing */
  RuleVersion raw = {.params = "{\"years\":1e300,\"low\":-1e300,\"ok\":7}"};
  assert_int_equal(rule_param_int(&raw, "years", 2), RULE_PARAM_MAX);
  assert_int_equal(rule_param_int(&raw, "low", 2), -RULE_PARAM_MAX);
  assert_int_equal(rule_param_int(&raw, "ok", 2), 7);
  assert_int_equal(rule_param_int(&raw, "none", 2), 2);
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(in_force_around_dates),
      cmocka_unit_test(update_is_audited),
      cmocka_unit_test(bad_input_refused),
      cmocka_unit_test(add_version_closes_previous),
      cmocka_unit_test(params_must_fit),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/*
** Congress personnel plans: a CT 45 commune committee that misses the women
** target and holds a first-time member without a full term fails with the
** directive's basis, and passes once fixed; CT 35 vs CT 45 by term;
** re-election at 47/48 months (CT 45) and 29/30 months (CT 35, commune);
** the age-bracket boundaries; scope; the xlsx export.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/congress.h"
#include "domain/position.h"
#include "domain/retirement.h"
#include "domain/title.h"
#include "domain/unit.h"

static char path[64];
static int seq;

typedef struct {
  Db *db;
  Arena *a;
} T;

static void add_unit(Db *db, Arena *a, const char *code, const char *level, const char *parent, const char *loc) {
  Unit u = {.code = code, .name = code, .level = level, .parent_code = parent, .locality = loc};
  assert_int_equal(unit_insert(db, a, &u), 0);
}

/* A new cadre in unit HX, an official Party member since 2001 (PARTY-1); returns its code (arena). */
static const char *cadre(T *t, const char *g, const char *birth, const char *hometown) {
  const char *code = arena_printf(t->a, "K%03d", ++seq);
  Cadre c = {.code = code, .full_name = arena_printf(t->a, "Nguyễn Văn %s", code), .gender = g, .birth_date = birth,
             .unit_code = "HX", .hometown = hometown, .party_join_date = "2000-01-01",
             .party_official_date = "2001-01-01"};
  assert_int_equal(cadre_insert(t->db, t->a, &c), 0);
  return code;
}

static void hold(T *t, const char *code, const char *title, const char *from) {
  Position p = {.cadre_code = code, .unit_code = "HX", .title_code = title, .start_date = from};
  assert_int_equal(position_insert(t->db, t->a, &p), 0);
}

static int setup(void **state) {
  snprintf(path, sizeof path, "/tmp/canbo-test-congress-%d.db", (int)getpid());
  unlink(path);
  static T t;
  if (db_open(path, &t.db) || db_migrate(t.db, NULL)) return -1;
  t.a = arena_new();
  add_unit(t.db, t.a, "TP", "district", NULL, "Móng Cái");
  add_unit(t.db, t.a, "HX", "commune", "TP", "Hải Xuân");
  add_unit(t.db, t.a, "KL", "commune", "TP", "Ka Long");
  Title bt = {.code = "BT", .name = "Bí thư Đảng ủy", .level = "commune", .category = "key", .function = "party_secretary"};
  Title uv = {.code = "UV", .name = "Đảng ủy viên", .level = "commune", .category = "committee"};
  assert_int_equal(title_insert(t.db, t.a, &bt), 0);
  assert_int_equal(title_insert(t.db, t.a, &uv), 0);
  *state = &t;
  return 0;
}

static int teardown(void **state) {
  T *t = *state;
  arena_free(t->a);
  db_close(t->db);
  const char *sfx[] = {"", "-wal", "-shm", ".audit-head"};
  for (int i = 0; i < 4; i++) {
    char p[96];
    snprintf(p, sizeof p, "%s%s", path, sfx[i]);
    unlink(p);
  }
  return 0;
}

static long long new_plan(T *t, const char *unit, const char *term, const char *reck) {
  CongressNew req = {.unit_code = unit, .term = term, .reckoning_date = reck};
  long long id = 0;
  assert_int_equal(congress_create(t->db, t->a, scope_all(), "test", &req, &id), 0);
  return id;
}

static void load(T *t, long long id, CongressPlan *p, CongressVariant **v, int *n) {
  assert_int_equal(congress_get(t->db, t->a, scope_all(), id, p), 0);
  assert_int_equal(congress_variants(t->db, t->a, scope_all(), p, v, n), 0);
}

/* The first finding of `rule` (fails the test when there is none). */
static const Finding *finding(const CongressVariant *v, const char *rule) {
  for (int i = 0; i < v->findings.n; i++)
    if (strcmp(v->findings.v[i].rule, rule) == 0) return &v->findings.v[i];
  fail_msg("no finding %s", rule);
  return NULL;
}

static int fails_of(const CongressVariant *v, const char *rule) {
  int k = 0;
  for (int i = 0; i < v->findings.n; i++)
    if (strcmp(v->findings.v[i].rule, rule) == 0 && v->findings.v[i].result == RESULT_FAIL) k++;
  return k;
}

static void dump(const CongressVariant *v) {
  for (int i = 0; i < v->findings.n; i++)
    fprintf(stderr, "  %s %s %s\n", v->findings.v[i].rule, result_name(v->findings.v[i].result), v->findings.v[i].message);
}

/* The test: women short + a first-time member without a full term -> fail with basis; fixed -> pass. */
static void committee_fails_then_passes(void **state) {
  T *t = *state;
  long long id = new_plan(t, "HX", "2025-2030", NULL);
  CongressPlan p;
  CongressVariant *v;
  int nv;
  load(t, id, &p, &v, &nv);
  assert_string_equal(p.reckoning_date, "2025-07-01"); /* CT 45: communes and wards 07/2025 */
  assert_int_equal(nv, 1);
  long long vid = v[0].id;
  /* 26 members: secretary, 2 deputies, 6 standing, 17 committee; 4 women; 4 under 40, 12 of 40-50, 10 over 50. */
  const char *sec = cadre(t, "M", "1972-03-01", "Hà Nội");
  assert_int_equal(congress_member_set(t->db, t->a, scope_all(), "test", &p, vid, sec, "secretary", -1), 0);
  hold(t, sec, "BT", "2020-10-01"); /* outgoing secretary: re-elected */
  for (int i = 0; i < 25; i++) {
    const char *g = i < 4 ? "F" : "M";
    const char *birth = i < 4 ? "1990-01-01" : i < 15 ? "1980-01-01" : (i % 2 ? "1970-01-01" : "1973-01-01");
    const char *body = i < 2 ? "deputy_secretary" : i < 8 ? "standing" : "committee";
    const char *code = cadre(t, g, birth, "Hải Xuân, Móng Cái");
    if (i % 3 == 0) hold(t, code, "UV", "2020-10-01");
    assert_int_equal(congress_member_set(t->db, t->a, scope_all(), "test", &p, vid, code, body, -1), 0);
  }
  /* One outgoing member not proposed again. */
  hold(t, cadre(t, "M", "1966-01-01", "Hải Xuân"), "UV", "2020-10-01");
  /* The 27th: a first-time man born 06/1967, 48 months left at 01/07/2025 (< 60). */
  const char *old = cadre(t, "M", "1967-06-10", "Hải Xuân");
  assert_int_equal(congress_member_set(t->db, t->a, scope_all(), "test", &p, vid, old, "committee", -1), 0);

  load(t, id, &p, &v, &nv);
  const CongressVariant *bad = &v[0];
  assert_int_equal(bad->n, 27);
  assert_int_equal(bad->counts.standing, 9);
  assert_int_equal(bad->counts.women, 4);
  assert_int_equal(bad->counts.outgoing, 11); /* secretary + 9 of the 25 (i % 3 == 0) + the one not proposed */
  assert_int_equal(bad->counts.reelected, 10);
  assert_int_equal(bad->verdict, RESULT_FAIL);
  const Finding *w = finding(bad, "CONG-1");
  assert_int_equal(w->result, RESULT_FAIL);
  assert_non_null(strstr(w->message, "4/27"));
  assert_non_null(strstr(w->basis, "Chỉ thị 45-CT/TW"));
  assert_int_equal(fails_of(bad, "CONG-9"), 1);
  const Finding *f9 = finding(bad, "CONG-9");
  assert_non_null(strstr(f9->message, "còn 48 tháng"));
  assert_non_null(strstr(f9->message, "< 60"));
  assert_non_null(strstr(f9->basis, "Chỉ thị 45-CT/TW"));
  assert_int_equal(fails_of(bad, "CONG-10"), 0);
  assert_int_equal(finding(bad, "CONG-5")->result, RESULT_PASS);
  assert_int_equal(finding(bad, "CONG-6")->result, RESULT_PASS);
  assert_int_equal(finding(bad, "CONG-7")->result, RESULT_PASS);
  assert_int_equal(finding(bad, "CONG-8")->result, RESULT_PASS);
  assert_int_equal(finding(bad, "CONG-2")->result, RESULT_NA); /* young target: province/district only */

  /* Variant 2 = copy; fix it: the old first-timer out, a woman of 45 in. */
  long long v2;
  assert_int_equal(congress_variant_add(t->db, t->a, "test", &p, NULL, vid, &v2), 0);
  assert_int_equal(congress_member_remove(t->db, t->a, "test", &p, v2, old), 0);
  assert_int_equal(congress_member_remove(t->db, t->a, "test", &p, v2, old), CB_ENOTFOUND);
  const char *woman = cadre(t, "F", "1980-05-01", "Quảng Ninh");
  assert_int_equal(congress_member_set(t->db, t->a, scope_all(), "test", &p, v2, woman, "committee", -1), 0);
  assert_int_equal(congress_choose(t->db, "test", &p, v2), 0);
  load(t, id, &p, &v, &nv);
  assert_int_equal(nv, 2);
  assert_string_equal(v[1].name, "Phương án 2");
  assert_true(v[1].chosen && !v[0].chosen);
  if (v[1].verdict != RESULT_PASS) dump(&v[1]);
  assert_int_equal(v[1].verdict, RESULT_PASS);
  assert_int_equal(finding(&v[1], "CONG-1")->result, RESULT_PASS);
  assert_int_equal(v[0].verdict, RESULT_FAIL); /* the first variant is untouched */

  /* A local secretary at commune level is a warning (CT 45 encourages). */
  const char *local = cadre(t, "M", "1975-01-01", "xã Hải Xuân");
  assert_int_equal(congress_member_set(t->db, t->a, scope_all(), "test", &p, v2, sec, "standing", -1), 0);
  assert_int_equal(congress_member_set(t->db, t->a, scope_all(), "test", &p, v2, local, "secretary", -1), 0);
  assert_int_equal(congress_member_set(t->db, t->a, scope_all(), "test", &p, v2, sec, "secretary", -1), CB_EINVAL);
  load(t, id, &p, &v, &nv);
  assert_int_equal(finding(&v[1], "CONG-8")->result, RESULT_WARN);

  /* xlsx export: a zip file. */
  char x[80];
  snprintf(x, sizeof x, "/tmp/canbo-test-congress-%d.xlsx", (int)getpid());
  assert_int_equal(congress_export_xlsx(&p, &v[1], x), 0);
  FILE *fx = fopen(x, "rb");
  assert_non_null(fx);
  char magic[2] = {0};
  assert_int_equal(fread(magic, 1, 2, fx), 2);
  fclose(fx);
  unlink(x);
  assert_memory_equal(magic, "PK", 2);
}

/* CT 35 for 2020-2025, CT 45 for 2025-2030, whatever the date. */
static void directive_by_term(void **state) {
  T *t = *state;
  RuleVersion rv;
  assert_int_equal(congress_rule(t->db, t->a, "CONG-10", "2020-2025", "2025-07-01", &rv), 0);
  assert_int_equal(rule_param_int(&rv, "min_months", 0), 30);
  assert_non_null(strstr(rv.basis, "35-CT/TW"));
  /* A grassroots plan reckoned in 04/2025, before CT 45's date, still uses CT 45. */
  assert_int_equal(congress_rule(t->db, t->a, "CONG-10", "2025-2030", "2025-04-01", &rv), 0);
  assert_int_equal(rule_param_int(&rv, "min_months", 0), 48);
  assert_non_null(strstr(rv.basis, "45-CT/TW"));
  assert_int_equal(congress_rule(t->db, t->a, "CONG-5", "2020-2025", "2020-07-01", &rv), CB_ENOTFOUND);
  /* CT 35 has no reckoning month table: a 2020-2025 plan needs a date. */
  CongressNew req = {.unit_code = "KL", .term = "2020-2025"};
  long long id;
  assert_int_equal(congress_create(t->db, t->a, scope_all(), "test", &req, &id), CB_EINVAL);
  req.term = "2020-2026";
  req.reckoning_date = "2020-07-01";
  assert_int_equal(congress_create(t->db, t->a, scope_all(), "test", &req, &id), CB_EINVAL);
  req.term = "2020-2025";
  assert_int_equal(congress_create(t->db, t->a, scope_all(), "test", &req, &id), 0);
  assert_int_equal(congress_create(t->db, t->a, scope_all(), "test", &req, &id), CB_EEXIST);
  /* Scope: a user limited to HX does not see the KL plan. */
  Unit hx;
  assert_int_equal(unit_find(t->db, t->a, scope_all(), "HX", &hx), 0);
  CongressPlan p;
  assert_int_equal(congress_get(t->db, t->a, scope_from_legacy(hx.path), id, &p), CB_ENOTFOUND);
  req.unit_code = "KL";
  req.term = "2025-2030";
  req.reckoning_date = NULL;
  assert_int_equal(congress_create(t->db, t->a, scope_from_legacy(hx.path), "test", &req, &id), CB_ENOTFOUND);
}

/* A (sex, birth month) whose months left at `at` are exactly `want`; false when none in 1950..1975. */
static bool birth_with(int want, Date at, char sex, char out[16]) {
  for (int y = 1950; y <= 1975; y++)
    for (int m = 1; m <= 12; m++)
      if (retirement_months_left(sex, (Date){y, m, 1}, at) == want) {
        snprintf(out, 16, "%04d-%02d-01", y, m);
        return true;
      }
  return false;
}

/* One re-elected member (override) in a fresh plan; the number of CONG-10 fails. */
static int reelection_fails(T *t, const char *unit, const char *term, const char *reck, char sex, const char *birth) {
  long long id = new_plan(t, unit, term, reck);
  CongressPlan p;
  CongressVariant *v;
  int nv;
  load(t, id, &p, &v, &nv);
  const char *code = cadre(t, sex == 'F' ? "F" : "M", birth, "Hà Nội");
  assert_int_equal(congress_member_set(t->db, t->a, scope_all(), "test", &p, v[0].id, code, "committee", 1), 0);
  load(t, id, &p, &v, &nv);
  assert_true(v[0].m[0].reelected && v[0].m[0].override);
  /* Remove the plan's unit-term slot for the next call: plans are unique per unit and term. */
  DbStmt *st = db_prepare(t->db, "UPDATE congress_plans SET term = 'x' || id WHERE id = ?");
  db_bind_int(st, 1, id);
  assert_int_equal(db_run(st), 0);
  return fails_of(&v[0], "CONG-10");
}

static void reelection_months(void **state) {
  T *t = *state;
  /* CT 45: >= 48 months at 01/07/2025. Man born 06/1967 -> 48, 05/1967 -> 47. */
  assert_int_equal(retirement_months_left('M', (Date){1967, 6, 1}, (Date){2025, 7, 1}), 48);
  assert_int_equal(retirement_months_left('M', (Date){1967, 5, 1}, (Date){2025, 7, 1}), 47);
  assert_int_equal(reelection_fails(t, "KL", "2025-2030", "2025-07-01", 'M', "1967-06-15"), 0);
  assert_int_equal(reelection_fails(t, "KL", "2025-2030", "2025-07-01", 'M', "1967-05-15"), 1);
  /* CT 35, commune: >= 30 months at the congress date 01/07/2020. */
  Date at = {2020, 7, 1};
  char b30[16], b29[16];
  char s30 = birth_with(30, at, 'M', b30) ? 'M' : (assert_true(birth_with(30, at, 'F', b30)), 'F');
  char s29 = birth_with(29, at, 'M', b29) ? 'M' : (assert_true(birth_with(29, at, 'F', b29)), 'F');
  assert_int_equal(reelection_fails(t, "HX", "2020-2025", "2020-07-01", s30, b30), 0);
  assert_int_equal(reelection_fails(t, "HX", "2020-2025", "2020-07-01", s29, b29), 1);
}

static void age_brackets(void **state) {
  T *t = *state;
  long long id = new_plan(t, "TP", "2025-2030", "2025-07-01");
  CongressPlan p;
  CongressVariant *v;
  int nv;
  load(t, id, &p, &v, &nv);
  /* At 01/07/2025: 39 | 40 | 50 | 50 | 51. */
  const char *births[] = {"1985-07-02", "1985-07-01", "1975-07-01", "1974-07-02", "1974-07-01"};
  for (int i = 0; i < 5; i++)
    assert_int_equal(congress_member_set(t->db, t->a, scope_all(), "test", &p, v[0].id, cadre(t, "M", births[i], "Hà Nội"),
                                         "committee", -1),
                     0);
  load(t, id, &p, &v, &nv);
  assert_int_equal(v[0].counts.under40, 1);
  assert_int_equal(v[0].counts.mid, 3);
  assert_int_equal(v[0].counts.over50, 1);
  assert_int_equal(v[0].counts.young, 1);
  assert_int_equal(finding(&v[0], "CONG-3")->result, RESULT_WARN); /* 3/5 = 60% of 40-50: outside "about 40-50%" */
  assert_int_equal(finding(&v[0], "CONG-2")->result, RESULT_PASS); /* district: 1/5 = 20% young */
  assert_int_equal(finding(&v[0], "CONG-1")->result, RESULT_FAIL); /* no women */
  assert_int_equal(finding(&v[0], "CONG-4")->result, RESULT_NA);   /* no previous maximum given */
  assert_int_equal(finding(&v[0], "CONG-12")->result, RESULT_WARN); /* district: 06/2025 */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(committee_fails_then_passes),
      cmocka_unit_test(directive_by_term),
      cmocka_unit_test(reelection_months),
      cmocka_unit_test(age_brackets),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/*
** The rules as they stood on each date (schema 0020, docs/RULES.md): for
** each family an act dated 2019, 2023 and 2026 is judged and cited under the
** version of its date -- planning under HD 15/HD 06 (NQ 42), QĐ 50, QĐ 377;
** appointment under QĐ 105, QĐ 80, QĐ 377; rotation under QĐ 98, QĐ 65;
** discipline under QĐ 105 (12 months), QĐ 80 (30 for a warning), QĐ 377 (36);
** evaluation under QĐ 132, QĐ 124; congress plans under CT 35, CT 45; Party
** membership (PARTY-1) under the Party's Charter with the text of the date.
** No finding of a 2019 act cites a text of a later year. PARTY-1 fails a
** non-member, and a probationary member where an official one is needed
** (warns for planning); the congress check does the same for its members.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/congress.h"
#include "domain/eligibility.h"
#include "domain/evaluation.h"
#include "domain/position.h"
#include "domain/rules.h"
#include "domain/title.h"
#include "domain/unit.h"

static char path[64];
static Db *db;
static Arena *a;

static void add_unit(const char *code, const char *name, const char *level, const char *parent) {
  Unit u = {.code = code, .name = name, .level = level, .parent_code = parent, .locality = "Móng Cái"};
  assert_int_equal(unit_insert(db, a, &u), 0);
}

static void add_title(const char *code, const char *name, const char *level, const char *category, int rank,
                      const char *function) {
  Title t = {.code = code, .name = name, .level = level, .category = category, .rank = rank, .function = function};
  assert_int_equal(title_insert(db, a, &t), 0);
}

static void add_cadre(const char *code, const char *birth, const char *join, const char *official) {
  Cadre c = {.code = code, .full_name = arena_printf(a, "Nguyễn Văn %s", code), .gender = "M", .birth_date = birth,
             .unit_code = "HX", .hometown = "Hà Nam", .party_join_date = join, .party_official_date = official};
  assert_int_equal(cadre_insert(db, a, &c), 0);
}

static int setup(void **state) {
  (void)state;
  snprintf(path, sizeof path, "/tmp/canbo-test-versions-%d.db", (int)getpid());
  unlink(path);
  if (db_open(path, &db) || db_migrate(db, NULL)) return -1;
  a = arena_new();
  add_unit("MC", "Thành phố Móng Cái", "district", NULL);
  add_unit("HX", "Xã Hải Xuân", "commune", "MC");
  add_title("CT", "Chủ tịch UBND xã, phường", "commune", "key", 48, "pc_chairman");
  add_title("UV", "Ủy viên Ban Chấp hành Đảng bộ xã, phường", "commune", "committee", 35, "other");
  add_title("TP", "Trưởng phòng", "district", "leader", 70, "head");
  add_cadre("M1", "1985-04-10", "2008-05-01", "2009-05-01");  /* an official member */
  add_cadre("N1", "1986-04-10", NULL, NULL);                  /* not a member */
  add_cadre("P1", "1990-04-10", "2025-06-01", NULL);          /* probationary from 2025 */
  return 0;
}

static int teardown(void **state) {
  (void)state;
  arena_free(a);
  db_close(db);
  const char *sfx[] = {"", "-wal", "-shm", ".audit-head"};
  for (int i = 0; i < 4; i++) {
    char p[96];
    snprintf(p, sizeof p, "%s%s", path, sfx[i]);
    unlink(p);
  }
  return 0;
}

static Findings check(Purpose p, const char *cadre, const char *title, const char *unit, const char *date,
                      const char *kind) {
  EligReq q = {.purpose = p, .cadre_code = cadre, .title_code = title, .unit_code = unit, .date = date, .kind = kind};
  Findings f;
  assert_int_equal(eligibility_check(db, a, &q, &f), 0);
  return f;
}

static const Finding *nth(const Findings *f, const char *rule, int k) {
  for (int i = 0; i < f->n; i++)
    if (strcmp(f->v[i].rule, rule) == 0 && k-- == 0) return &f->v[i];
  fail_msg("no finding %s", rule);
  return NULL;
}
static const Finding *find(const Findings *f, const char *rule) { return nth(f, rule, 0); }

static void cites(const Findings *f, const char *rule, const char *text) {
  const Finding *x = find(f, rule);
  if (!strstr(x->basis, text)) fail_msg("%s: basis '%s' does not cite '%s'", rule, x->basis, text);
}

/* No finding of an act of `year` cites a text of a later year (every 20xx in its basis is <= year). */
static void nothing_later(const Findings *f, int year) {
  for (int i = 0; i < f->n; i++)
    for (const char *p = f->v[i].basis; p && *p; p++)
      if (p[0] == '2' && p[1] == '0' && isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
          !isdigit((unsigned char)p[4]) && (p == f->v[i].basis || !isdigit((unsigned char)p[-1])) && atoi(p) > year)
        fail_msg("%s of an act of %d cites a text of %d: %s", f->v[i].rule, year, atoi(p), f->v[i].basis);
}

static void planning_family(void **state) {
  (void)state;
  Findings f = check(PURPOSE_PLANNING, "M1", "CT", "HX", "2019-06-15", NULL);
  cites(&f, "PLAN-1", "Hướng dẫn 06-HD/BTCTW ngày 24/02/2017");
  cites(&f, "PLAN-4", "Nghị quyết 42-NQ/TW");
  cites(&f, "PARTY-1", "Quy định 105-QĐ/TW");
  nothing_later(&f, 2019);
  f = check(PURPOSE_PLANNING, "M1", "CT", "HX", "2023-06-15", NULL);
  cites(&f, "PLAN-1", "Quy định 50-QĐ/TW ngày 27/12/2021");
  cites(&f, "PLAN-11", "Quy định 50-QĐ/TW");
  nothing_later(&f, 2023);
  f = check(PURPOSE_PLANNING, "M1", "CT", "HX", "2026-03-01", NULL);
  cites(&f, "PLAN-1", "Quy định 377-QĐ/TW ngày 08/10/2025");
  cites(&f, "PLAN-3", "Quy định 377-QĐ/TW");
  /* The boundaries: 07/10/2025 still QĐ 50, 08/10/2025 QĐ 377; 26/12/2021 still HD 15/06, 27/12/2021 QĐ 50. */
  f = check(PURPOSE_PLANNING, "M1", "CT", "HX", "2025-10-07", NULL);
  cites(&f, "PLAN-1", "Quy định 50-QĐ/TW");
  f = check(PURPOSE_PLANNING, "M1", "CT", "HX", "2025-10-08", NULL);
  cites(&f, "PLAN-1", "Quy định 377-QĐ/TW");
  f = check(PURPOSE_PLANNING, "M1", "CT", "HX", "2021-12-26", NULL);
  cites(&f, "PLAN-1", "Hướng dẫn 15-HD/BTCTW");
  f = check(PURPOSE_PLANNING, "M1", "CT", "HX", "2021-12-27", NULL);
  cites(&f, "PLAN-1", "Quy định 50-QĐ/TW");
}

static void appointment_family(void **state) {
  (void)state;
  Findings f = check(PURPOSE_APPOINTMENT, "M1", "CT", "HX", "2019-06-15", "appointment");
  cites(&f, "APPT-3", "Quy định 105-QĐ/TW ngày 19/12/2017");
  cites(&f, "APPT-1", "Quy định 105-QĐ/TW");
  cites(&f, "APPT-4", "Quy định 105-QĐ/TW");
  nothing_later(&f, 2019);
  f = check(PURPOSE_APPOINTMENT, "M1", "CT", "HX", "2017-06-15", "appointment");
  cites(&f, "APPT-3", "Quy định 68-QĐ/TW ngày 04/7/2007");
  f = check(PURPOSE_APPOINTMENT, "M1", "CT", "HX", "2023-06-15", "appointment");
  cites(&f, "APPT-3", "Quy định 80-QĐ/TW ngày 18/8/2022, Điều 18 khoản 5");
  cites(&f, "APPT-2", "Điều 18 khoản 3");
  nothing_later(&f, 2023);
  f = check(PURPOSE_APPOINTMENT, "M1", "CT", "HX", "2026-03-01", "appointment");
  cites(&f, "APPT-3", "Quy định 377-QĐ/TW ngày 08/10/2025");
  cites(&f, "APPT-1", "Quy định 377-QĐ/TW");
  /* The day before QĐ 80 and its first day. */
  f = check(PURPOSE_APPOINTMENT, "M1", "CT", "HX", "2022-08-17", "appointment");
  cites(&f, "APPT-3", "Quy định 105-QĐ/TW");
  f = check(PURPOSE_APPOINTMENT, "M1", "CT", "HX", "2022-08-18", "appointment");
  cites(&f, "APPT-3", "Quy định 80-QĐ/TW");
}

static void rotation_family(void **state) {
  (void)state;
  Findings f = check(PURPOSE_ROTATION, "M1", "TP", "MC", "2019-06-15", NULL);
  cites(&f, "ROT-1", "Quy định 98-QĐ/TW ngày 07/10/2017");
  nothing_later(&f, 2019);
  f = check(PURPOSE_ROTATION, "M1", "TP", "MC", "2023-06-15", NULL);
  cites(&f, "ROT-1", "Quy định 65-QĐ/TW ngày 28/4/2022");
  nothing_later(&f, 2023);
  f = check(PURPOSE_ROTATION, "M1", "TP", "MC", "2026-03-01", NULL);
  cites(&f, "ROT-1", "Quy định 65-QĐ/TW");
}

/* A Party warning of 01/03/2019 bars 12 months under QĐ 105, 30 under QĐ 80, 36 under QĐ 377. */
static void discipline_family(void **state) {
  (void)state;
  Cadre d1 = {.code = "D1", .full_name = "Trần Văn Đức", .gender = "M", .birth_date = "1980-01-01", .unit_code = "HX"};
  assert_int_equal(cadre_insert(db, a, &d1), 0);
  DbStmt *st = db_prepare(db, "INSERT INTO discipline_records(cadre_id, form, authority, decision_date, decision_no) "
                              "SELECT id, 'warning', 'party', '2019-03-01', '1-QĐ/UBKTTU' FROM cadres WHERE code = 'D1'");
  assert_non_null(st);
  assert_int_equal(db_run(st), 0);
  Findings f = check(PURPOSE_PLANNING, "D1", "CT", "HX", "2019-06-15", NULL);
  cites(&f, "DISC-1", "Quy định 105-QĐ/TW");
  assert_non_null(strstr(find(&f, "DISC-1")->message, "12 tháng, đến hết ngày 29/02/2020"));
  assert_int_equal(find(&f, "DISC-1")->result, RESULT_FAIL);
  nothing_later(&f, 2019);
  f = check(PURPOSE_PLANNING, "D1", "CT", "HX", "2021-06-15", NULL); /* QĐ 50 is later; QĐ 105's 12 months are over */
  assert_int_equal(find(&f, "DISC-1")->result, RESULT_PASS);
  f = check(PURPOSE_PLANNING, "D1", "CT", "HX", "2023-06-15", NULL);
  cites(&f, "DISC-1", "Quy định 80-QĐ/TW");
  assert_non_null(strstr(find(&f, "DISC-1")->message, "30 tháng, đến hết ngày 31/08/2021"));
  assert_int_equal(find(&f, "DISC-1")->result, RESULT_PASS);
  f = check(PURPOSE_PLANNING, "D1", "CT", "HX", "2026-03-01", NULL);
  cites(&f, "DISC-1", "Quy định 377-QĐ/TW");
  assert_non_null(strstr(find(&f, "DISC-1")->message, "36 tháng"));
  /* DISC-3 cites the two texts; the "longer period" choice is a convention, not a basis. */
  cites(&f, "DISC-3", "Quy định 377-QĐ/TW");
  assert_null(strstr(find(&f, "DISC-3")->basis, "canbo"));
  assert_non_null(find(&f, "DISC-3")->convention);
}

static void evaluation_family(void **state) {
  (void)state;
  const char *dates[] = {"2019-12-31", "2023-12-31", "2026-12-31"};
  const char *want[] = {"Quy định 132-QĐ/TW ngày 08/3/2018", "Quy định 124-QĐ/TW ngày 04/10/2023",
                        "Quy định 124-QĐ/TW ngày 04/10/2023"};
  const int years[] = {2019, 2023, 2026};
  for (int i = 0; i < 3; i++) {
    RuleVersion rv;
    assert_int_equal(rules_in_force(db, a, "EVAL-2", dates[i], &rv), 0);
    Findings f;
    findings_init(&f, a);
    evaluation_quota_finding(&f, &rv, "Chi bộ 1", years[i], 1, 10);
    assert_int_equal(f.v[0].result, RESULT_PASS);
    if (!strstr(f.v[0].basis, want[i])) fail_msg("EVAL-2 on %s: %s", dates[i], f.v[0].basis);
  }
  RuleVersion rv;
  assert_int_equal(rules_in_force(db, a, "EVAL-1", "2019-12-31", &rv), 0);
  assert_non_null(strstr(rv.basis, "132-QĐ/TW"));
}

static void congress_family(void **state) {
  (void)state;
  RuleVersion rv;
  /* A plan reckoned in 2019 is for the term 2020-2025 (CT 35); in 2023 still that term; 2026 the next (CT 45). */
  assert_int_equal(congress_rule(db, a, "CONG-1", "2020-2025", "2019-10-01", &rv), 0);
  assert_non_null(strstr(rv.basis, "Chỉ thị 35-CT/TW"));
  assert_int_equal(congress_rule(db, a, "CONG-1", "2020-2025", "2023-06-15", &rv), 0);
  assert_non_null(strstr(rv.basis, "Chỉ thị 35-CT/TW"));
  assert_int_equal(congress_rule(db, a, "CONG-10", "2025-2030", "2026-03-01", &rv), 0);
  assert_non_null(strstr(rv.basis, "Chỉ thị 45-CT/TW"));
}

static void party_membership(void **state) {
  (void)state;
  /* The committee seat needs an official member: a non-member fails, in planning and appointment alike. */
  Findings f = check(PURPOSE_PLANNING, "N1", "UV", "HX", "2026-03-01", NULL);
  assert_int_equal(find(&f, "PARTY-1")->result, RESULT_FAIL);
  assert_non_null(strstr(find(&f, "PARTY-1")->message, "Chưa là đảng viên vào ngày 01/03/2026"));
  cites(&f, "PARTY-1", "Điều lệ Đảng");
  cites(&f, "PARTY-1", "Quy định 377-QĐ/TW");
  assert_int_equal(findings_verdict(&f), RESULT_FAIL);
  f = check(PURPOSE_APPOINTMENT, "N1", "UV", "HX", "2026-03-01", "nomination");
  assert_int_equal(find(&f, "PARTY-1")->result, RESULT_FAIL);
  /* A probationary member: planning warns (may be official by then), nomination fails. */
  f = check(PURPOSE_PLANNING, "P1", "UV", "HX", "2026-03-01", NULL);
  assert_int_equal(find(&f, "PARTY-1")->result, RESULT_WARN);
  assert_non_null(strstr(find(&f, "PARTY-1")->message, "Đảng viên dự bị (kết nạp 01/06/2025)"));
  assert_non_null(find(&f, "PARTY-1")->convention);
  f = check(PURPOSE_APPOINTMENT, "P1", "UV", "HX", "2026-03-01", "nomination");
  assert_int_equal(find(&f, "PARTY-1")->result, RESULT_FAIL);
  /* Before joining (the dates are read on the act's date): not yet a member. */
  f = check(PURPOSE_PLANNING, "P1", "UV", "HX", "2025-05-31", NULL);
  assert_int_equal(find(&f, "PARTY-1")->result, RESULT_FAIL);
  /* An official member passes; a post that is no Party post says so. */
  f = check(PURPOSE_PLANNING, "M1", "UV", "HX", "2019-06-15", NULL);
  assert_int_equal(find(&f, "PARTY-1")->result, RESULT_PASS);
  cites(&f, "PARTY-1", "Quy định 105-QĐ/TW");
  f = check(PURPOSE_PLANNING, "N1", "CT", "HX", "2026-03-01", NULL);
  assert_int_equal(find(&f, "PARTY-1")->result, RESULT_NA);
  /* An administrator may require membership of a post that is not a committee seat. */
  assert_int_equal(title_update(db, "admin", "CT", "member", NULL), 0);
  f = check(PURPOSE_PLANNING, "N1", "CT", "HX", "2026-03-01", NULL);
  assert_int_equal(find(&f, "PARTY-1")->result, RESULT_FAIL);
  f = check(PURPOSE_PLANNING, "P1", "CT", "HX", "2026-03-01", NULL);
  assert_int_equal(find(&f, "PARTY-1")->result, RESULT_PASS); /* a probationary member is a member */
  assert_int_equal(title_update(db, "admin", "CT", "", NULL), 0);
  assert_int_equal(title_update(db, "admin", "CT", "everyone", NULL), CB_EINVAL);
}

/* STD-1 cites the title's own standard text, else its level's, else says the minimums are the administrator's. */
static void standards_basis(void **state) {
  (void)state;
  Title t = {.code = "BT", .name = "Bí thư Đảng ủy xã, phường", .level = "commune", .category = "key", .rank = 50,
             .function = "party_secretary", .min_llct = "trung_cap"};
  assert_int_equal(title_insert(db, a, &t), 0);
  Title d = {.code = "CVP", .name = "Chánh Văn phòng", .level = "district", .category = "leader", .rank = 72,
             .function = "head", .min_llct = "trung_cap"};
  assert_int_equal(title_insert(db, a, &d), 0);
  Findings f = check(PURPOSE_PLANNING, "M1", "BT", "HX", "2019-06-15", NULL);
  cites(&f, "STD-1", "Quyết định 04/2004/QĐ-BNV");
  f = check(PURPOSE_PLANNING, "M1", "BT", "HX", "2024-06-15", NULL);
  cites(&f, "STD-1", "Nghị định 33/2023/NĐ-CP");
  f = check(PURPOSE_PLANNING, "M1", "CVP", "MC", "2024-06-15", NULL);
  assert_string_equal(find(&f, "STD-1")->basis, "");
  assert_non_null(strstr(find(&f, "STD-1")->convention, "do quản trị viên nhập"));
  assert_int_equal(title_update(db, "admin", "CVP", NULL, "Quy định 12-QĐ/TU ngày 05/3/2021 của Ban Thường vụ Thành ủy"), 0);
  f = check(PURPOSE_PLANNING, "M1", "CVP", "MC", "2024-06-15", NULL);
  assert_string_equal(find(&f, "STD-1")->basis, "Quy định 12-QĐ/TU ngày 05/3/2021 của Ban Thường vụ Thành ủy");
  assert_null(find(&f, "STD-1")->convention);
  /* Stored and loaded with its convention (findings.convention). */
  assert_int_equal(findings_store(db, "test", 1, 0, "2024-06-15", &f), 0);
  Findings back;
  assert_int_equal(findings_load(db, a, "test", 1, &back), 0);
  assert_int_equal(back.n, f.n);
  for (int i = 0; i < f.n; i++)
    assert_true((f.v[i].convention == NULL) == (back.v[i].convention == NULL));
}

/* The congress check: every member an official Party member on the congress date. */
static void congress_party(void **state) {
  (void)state;
  CongressNew req = {.unit_code = "HX", .term = "2025-2030", .reckoning_date = "2025-07-01"};
  long long id = 0;
  assert_int_equal(congress_create(db, a, scope_all(), "test", &req, &id), 0);
  CongressPlan p;
  assert_int_equal(congress_get(db, a, scope_all(), id, &p), 0);
  CongressVariant *v;
  int n;
  assert_int_equal(congress_variants(db, a, scope_all(), &p, &v, &n), 0);
  long long vid = v[0].id;
  assert_int_equal(congress_member_set(db, a, scope_all(), "test", &p, vid, "M1", "committee", -1), 0);
  assert_int_equal(congress_member_set(db, a, scope_all(), "test", &p, vid, "P1", "committee", -1), 0);
  assert_int_equal(congress_variants(db, a, scope_all(), &p, &v, &n), 0);
  const Finding *x = NULL;
  for (int i = 0; i < v[0].findings.n; i++)
    if (strcmp(v[0].findings.v[i].rule, "PARTY-1") == 0) x = &v[0].findings.v[i];
  assert_non_null(x);
  assert_int_equal(x->result, RESULT_FAIL);
  assert_non_null(strstr(x->message, "đảng viên dự bị (kết nạp 01/06/2025)"));
  assert_non_null(strstr(x->basis, "Điều lệ Đảng"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(planning_family),   cmocka_unit_test(appointment_family), cmocka_unit_test(rotation_family),
      cmocka_unit_test(discipline_family), cmocka_unit_test(evaluation_family),  cmocka_unit_test(congress_family),
      cmocka_unit_test(party_membership),  cmocka_unit_test(standards_basis),    cmocka_unit_test(congress_party),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/*
** Structure statistics and membership at a date on a hand-counted fixture:
** age brackets and the CONG brackets at their boundaries on the date, young
** by level (district 40 vs the commune parameter 35), party membership on the
** date, membership after a position change, unborn cadres, scope, the unit
** tiles, and the retirement list window.
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
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/membership.h"
#include "domain/position.h"
#include "domain/structure.h"
#include "domain/title.h"

static char path[64];

static void add_unit(Db *db, Arena *a, const char *code, const char *level, const char *parent) {
  Unit u = {.code = code, .name = code, .level = level, .parent_code = parent};
  assert_int_equal(unit_insert(db, a, &u), 0);
}

static void add_cadre(Db *db, Arena *a, const char *code, const char *name, const char *g, const char *birth,
                      const char *unit, const char *party) {
  Cadre c = {.code = code, .full_name = name, .gender = g, .birth_date = birth, .unit_code = unit,
             .party_join_date = party, .ethnicity = strcmp(code, "A1") == 0 ? "Tày" : "Kinh",
             .llct_level = strcmp(code, "A3") == 0 ? "cu_nhan" : NULL, .degree = "dai_hoc"};
  assert_int_equal(cadre_insert(db, a, &c), 0);
}

static void add_pos(Db *db, Arena *a, const char *cadre, const char *unit, const char *title, const char *from,
                    const char *to, int concurrent) {
  Position p = {.cadre_code = cadre, .unit_code = unit, .title_code = title, .start_date = from, .end_date = to,
                .concurrent = concurrent};
  assert_int_equal(position_insert(db, a, &p), 0);
}

static int setup(void **state) {
  snprintf(path, sizeof path, "/tmp/canbo-test-structure-%d.db", (int)getpid());
  unlink(path);
  Db *db;
  if (db_open(path, &db) || db_migrate(db, NULL)) return -1;
  Arena *a = arena_new();
  add_unit(db, a, "TP", "district", NULL);
  add_unit(db, a, "KL", "commune", "TP");
  add_unit(db, a, "KL1", "grassroots", "KL");
  add_unit(db, a, "HX", "commune", "TP");
  Title t1 = {.code = "PCT", .name = "Phó Chủ tịch", .level = "district", .category = "key", .rank = 10};
  Title t2 = {.code = "CV", .name = "Chuyên viên", .level = "commune", .category = "other", .rank = 1};
  assert_int_equal(title_insert(db, a, &t1), 0);
  assert_int_equal(title_insert(db, a, &t2), 0);
  /* The date of the tests is 2025-07-01. */
  add_cadre(db, a, "A1", "Lê Thị Một", "F", "1995-07-01", "KL1", NULL);          /* 30: 30_39, young (grassroots < 35) */
  add_cadre(db, a, "A2", "Phạm Văn Hai", "M", "1995-07-02", "HX", NULL);         /* 29: under_30; moves KL -> HX */
  add_cadre(db, a, "A3", "Vũ Văn Ba", "M", "1985-07-01", "TP", "2025-07-01");    /* 40: 40_49, 40_50; party on D */
  add_cadre(db, a, "A4", "Đỗ Thị Bốn", "F", "1985-07-02", "TP", NULL);           /* 39: 30_39, under_40, young (district < 40) */
  add_cadre(db, a, "A5", "Ngô Văn Năm", "M", "1974-07-01", "HX", "2025-07-02");  /* 51: 50_54, over_50; party after D */
  add_cadre(db, a, "A6", "Bùi Văn Sáu", "M", "1974-07-02", "HX", "2025-06");     /* 50: 50_54, 40_50; party 06/2025 */
  add_cadre(db, a, "A7", "Hà Thị Bảy", "F", "1970-07-01", "KL", NULL);           /* 55: 55_plus */
  add_cadre(db, a, "A8", "Hồ Thị Tám", "F", "1970-07-02", "KL", NULL);           /* 54: 50_54 */
  add_cadre(db, a, "A9", "Mai Văn Chín", "M", "2026-01-01", "KL", NULL);         /* not born on D */
  add_cadre(db, a, "A10", "Trịnh Văn Mười", "M", "1990", "KL", NULL);            /* 35 (1990-01-01): not young at commune */
  add_pos(db, a, "A2", "KL", "CV", "2020-01-01", "2025-06-30", 0);
  add_pos(db, a, "A2", "HX", "CV", "2025-07-01", NULL, 0);
  add_pos(db, a, "A2", "KL1", "CV", "2019-01-01", NULL, 1); /* concurrent: never decides the unit */
  add_pos(db, a, "A3", "TP", "PCT", "2024-01-01", NULL, 0);
  arena_free(a);
  *state = db;
  return 0;
}

static int teardown(void **state) {
  db_close(*state);
  const char *sfx[] = {"", "-wal", "-shm", ".audit-head"};
  for (int i = 0; i < 4; i++) {
    char p[96];
    snprintf(p, sizeof p, "%s%s", path, sfx[i]);
    unlink(p);
  }
  return 0;
}

static long long bucket(const Structure *s, DimId d, const char *key) {
  for (int i = 0; i < s->dim[d].n; i++)
    if (strcmp(s->dim[d].v[i].key, key) == 0) return s->dim[d].v[i].n;
  return -1;
}

static const UnitTile *tile(const Structure *s, const char *code) {
  for (int i = 0; i < s->ntiles; i++)
    if (strcmp(s->tiles[i].unit.code, code) == 0) return &s->tiles[i];
  return NULL;
}

static void brackets_at_boundaries(void **state) {
  Arena *a = arena_new();
  Structure s;
  assert_int_equal(structure_compute(*state, a, scope_all(), "TP", "2025-07-01", &s), 0);
  assert_int_equal(s.total, 9); /* A9 is not born yet */
  assert_int_equal(s.women, 4);
  assert_int_equal(bucket(&s, DIM_GENDER, "F"), 4);
  assert_int_equal(bucket(&s, DIM_GENDER, "M"), 5);
  assert_int_equal(bucket(&s, DIM_AGE, "under_30"), 1); /* A2 (29) */
  assert_int_equal(bucket(&s, DIM_AGE, "30_39"), 3);    /* A1 (30), A4 (39), A10 (35) */
  assert_int_equal(bucket(&s, DIM_AGE, "40_49"), 1);    /* A3 (40) */
  assert_int_equal(bucket(&s, DIM_AGE, "50_54"), 3);    /* A5 (51), A6 (50), A8 (54) */
  assert_int_equal(bucket(&s, DIM_AGE, "55_plus"), 1);  /* A7 (55) */
  assert_int_equal(bucket(&s, DIM_AGE_CONG, "under_40"), 4); /* A1 A2 A4 A10 */
  assert_int_equal(bucket(&s, DIM_AGE_CONG, "40_50"), 2);    /* A3 (40), A6 (50) */
  assert_int_equal(bucket(&s, DIM_AGE_CONG, "over_50"), 3);  /* A5 (51), A7, A8 */
  arena_free(a);
}

static void young_by_level(void **state) {
  Arena *a = arena_new();
  Structure s;
  assert_int_equal(structure_compute(*state, a, scope_all(), "TP", "2025-07-01", &s), 0);
  assert_true(s.young_known);
  assert_int_equal(s.young_age[2], 40); /* district */
  assert_int_equal(s.young_age[3], 35); /* commune (parameter) */
  /* young: A1 (30, grassroots < 35), A2 (29, commune), A4 (39, district < 40); not A10 (35, commune) */
  assert_int_equal(bucket(&s, DIM_YOUNG, "young"), 3);
  assert_int_equal(bucket(&s, DIM_YOUNG, "not_young"), 6);
  /* the day before A3 is still 39 (district < 40): A1, A2, A3, A4 */
  assert_int_equal(structure_compute(*state, a, scope_all(), "TP", "2025-06-30", &s), 0);
  assert_int_equal(bucket(&s, DIM_YOUNG, "young"), 4);
  arena_free(a);
}

static void party_and_category_on_the_date(void **state) {
  Arena *a = arena_new();
  Structure s;
  assert_int_equal(structure_compute(*state, a, scope_all(), NULL, "2025-07-01", &s), 0);
  assert_int_equal(bucket(&s, DIM_PARTY, "member"), 2); /* A3 (joined on D), A6 (06/2025); not A5 (the day after) */
  assert_int_equal(bucket(&s, DIM_PARTY, "non_member"), 7);
  assert_int_equal(bucket(&s, DIM_CATEGORY, "key"), 1);   /* A3 */
  assert_int_equal(bucket(&s, DIM_CATEGORY, "other"), 1); /* A2's main position, not the concurrent one */
  assert_int_equal(bucket(&s, DIM_CATEGORY, "none"), 7);
  assert_int_equal(bucket(&s, DIM_LLCT, "cao_cap"), 1); /* cử nhân counts with cao cấp */
  assert_int_equal(bucket(&s, DIM_DEGREE, "dai_hoc"), 9);
  assert_int_equal(bucket(&s, DIM_ETHNICITY, "Kinh"), 8);
  assert_int_equal(bucket(&s, DIM_ETHNICITY, "Tày"), 1);
  assert_string_equal(s.dim[DIM_ETHNICITY].v[0].key, "Kinh"); /* by count */
  assert_int_equal(structure_compute(*state, a, scope_all(), NULL, "2025-06-30", &s), 0);
  assert_int_equal(bucket(&s, DIM_PARTY, "member"), 1); /* only A6 */
  arena_free(a);
}

static void membership_after_a_position_change(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  Unit kl, hx, a2u;
  assert_int_equal(unit_find(db, a, scope_all(), "KL", &kl), 0);
  assert_int_equal(unit_find(db, a, scope_all(), "HX", &hx), 0);
  Cadre a2;
  assert_int_equal(cadre_find(db, a, scope_all(), "A2", &a2), 0);
  long long uid;
  assert_int_equal(membership_unit_of(db, a2.id, "2025-06-30", &uid), 0);
  assert_int_equal(uid, kl.id);
  assert_int_equal(membership_unit_of(db, a2.id, "2025-07-01", &uid), 0);
  assert_int_equal(uid, hx.id);
  assert_int_equal(membership_unit_of(db, a2.id, "2019-06-01", &uid), 0); /* only a concurrent post: cadres.unit_id */
  assert_int_equal(uid, hx.id);
  (void)a2u;
  Cadre a9;
  assert_int_equal(cadre_find(db, a, scope_all(), "A9", &a9), 0);
  assert_int_equal(membership_unit_of(db, a9.id, "2025-07-01", &uid), CB_ENOTFOUND);
  assert_int_equal(membership_unit_of(db, a9.id, "2026-01-01", &uid), 0);
  assert_int_equal(membership_unit_of(db, a9.id, "2025-13-01", &uid), CB_EINVAL);
  /* subtree lists: KL holds A2 on 06-30 and not on 07-01 */
  Member *m;
  int n;
  assert_int_equal(membership_list(db, a, scope_all(), kl.path, "2025-06-30", &m, &n), 0);
  assert_int_equal(n, 5); /* A1 (KL1), A2, A7, A8, A10 */
  assert_int_equal(membership_list(db, a, scope_all(), kl.path, "2025-07-01", &m, &n), 0);
  assert_int_equal(n, 4);
  for (int i = 0; i < n; i++) assert_true(m[i].cadre_id != a2.id);
  assert_int_equal(membership_list(db, a, scope_from_legacy(hx.path), NULL, "2025-07-01", &m, &n), 0);
  assert_int_equal(n, 3); /* A2, A5, A6 */
  assert_int_equal(membership_list(db, a, scope_all(), hx.path, "2025-06-30", &m, &n), 0);
  assert_int_equal(n, 2);
  for (int i = 0; i < n; i++) assert_true(m[i].unit_id == hx.id);
  /* the structure follows: tiles on each date */
  Structure s;
  assert_int_equal(structure_compute(db, a, scope_all(), "TP", "2025-06-30", &s), 0);
  assert_int_equal(tile(&s, "KL")->total, 5);
  assert_int_equal(tile(&s, "KL1")->total, 1);
  assert_int_equal(tile(&s, "HX")->total, 2);
  assert_int_equal(tile(&s, "TP")->total, 9); /* all but A9 (unborn); A2 counted once */
  assert_int_equal(structure_compute(db, a, scope_all(), "TP", "2025-07-01", &s), 0);
  assert_int_equal(tile(&s, "KL")->total, 4);
  assert_int_equal(tile(&s, "HX")->total, 3);
  assert_int_equal(tile(&s, "KL")->women, 3);
  arena_free(a);
}

static void scope_and_errors(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  Unit hx;
  assert_int_equal(unit_find(db, a, scope_all(), "HX", &hx), 0);
  Structure s;
  assert_int_equal(structure_compute(db, a, scope_from_legacy(hx.path), "KL", "2025-07-01", &s), CB_ENOTFOUND);
  assert_int_equal(structure_compute(db, a, scope_all(), "NOPE", "2025-07-01", &s), CB_ENOTFOUND);
  assert_int_equal(structure_compute(db, a, scope_all(), "TP", "2025-02-30", &s), CB_EINVAL);
  assert_int_equal(structure_compute(db, a, scope_all(), "TP", "2025-07", &s), CB_EINVAL);
  assert_int_equal(structure_compute(db, a, scope_from_legacy(hx.path), NULL, "2025-07-01", &s), 0);
  assert_int_equal(s.total, 3);
  assert_int_equal(s.ntiles, 1);
  assert_null(s.unit.code);
  json_t *j = structure_json(&s);
  assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
  assert_true(json_is_null(json_object_get(j, "unit")));
  json_t *age = json_object_get(json_object_get(json_object_get(j, "dimensions"), "age_cong"), "buckets");
  assert_int_equal(json_array_size(age), 3);
  json_decref(j);
  arena_free(a);
}

static void retirement_window(void **state) {
  Arena *a = arena_new();
  RetireRow *v;
  int n;
  /* A7 and A8 (women born 07/1970): 57y4m, retirement point 30/11/2027. */
  assert_int_equal(structure_retirements(*state, a, scope_all(), "TP", "2025-07-01", 28, &v, &n), 0);
  assert_int_equal(n, 0); /* until 01/11/2027 */
  assert_int_equal(structure_retirements(*state, a, scope_all(), "TP", "2025-07-01", 29, &v, &n), 0);
  assert_int_equal(n, 2); /* until 01/12/2027 */
  assert_string_equal(v[0].retirement_date, "2027-11-30");
  assert_string_equal(v[0].pension_from, "2027-12-01");
  assert_int_equal(v[0].age_years, 57);
  assert_int_equal(v[0].age_months, 4);
  assert_string_equal(v[0].code, "A7"); /* same date: name order (Bảy before Tám) */
  assert_int_equal(structure_retirements(*state, a, scope_all(), "TP", "2027-11-30", 0, &v, &n), 0);
  assert_int_equal(n, 2); /* the retirement day itself is inside */
  assert_int_equal(structure_retirements(*state, a, scope_all(), "TP", "2027-12-01", 12, &v, &n), 0);
  assert_int_equal(n, 0); /* already past */
  assert_int_equal(structure_retirements(*state, a, scope_all(), "HX", "2025-07-01", 29, &v, &n), 0);
  assert_int_equal(n, 0);
  assert_int_equal(structure_retirements(*state, a, scope_all(), "TP", "2025-07-01", -1, &v, &n), CB_EINVAL);
  arena_free(a);
}

/* The cadre-list filters behind the counts: age bounds at their boundaries relative to today, gender, llct. */
static void list_filters(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  Date t = date_today();
  char b40[48], b39[48];
  snprintf(b40, sizeof b40, "%04d-%02d-%02d", t.y - 40, t.m, t.m == 2 && t.d == 29 ? 28 : t.d); /* 40 today */
  Date next = date_add_days((Date){t.y - 40, t.m, t.m == 2 && t.d == 29 ? 28 : t.d}, 1);         /* 39 today */
  date_iso(next, b39);
  assert_int_equal(db_begin(db), 0);
  add_cadre(db, a, "F40", "Kiều Thị Bốn Mươi", "F", b40, "HX", NULL);
  add_cadre(db, a, "F39", "Kiều Văn Ba Chín", "M", b39, "HX", NULL);
  Cadre *v;
  int n;
  long long total;
  CadreQuery q = {.unit_code = "HX", .age_max = 39};
  assert_int_equal(cadre_search(db, a, &q, &v, &n, &total), 0);
  bool has39 = false, has40 = false;
  for (int i = 0; i < n; i++) has39 |= strcmp(v[i].code, "F39") == 0, has40 |= strcmp(v[i].code, "F40") == 0;
  assert_true(has39);
  assert_false(has40);
  q = (CadreQuery){.unit_code = "HX", .age_min = 40, .age_max = 40};
  assert_int_equal(cadre_search(db, a, &q, &v, &n, &total), 0);
  assert_int_equal(total, 1);
  assert_string_equal(v[0].code, "F40");
  q = (CadreQuery){.unit_code = "HX", .age_min = 40, .age_max = 40, .gender = "M"};
  assert_int_equal(cadre_search(db, a, &q, &v, &n, &total), 0);
  assert_int_equal(total, 0);
  q = (CadreQuery){.q = "kieu", .gender = "F"};
  assert_int_equal(cadre_search(db, a, &q, &v, &n, &total), 0);
  assert_int_equal(total, 1);
  q = (CadreQuery){.llct = "cao_cap"}; /* A3 is cử nhân */
  assert_int_equal(cadre_search(db, a, &q, &v, &n, &total), 0);
  assert_int_equal(total, 1);
  assert_string_equal(v[0].code, "A3");
  q = (CadreQuery){.llct = "none"};
  assert_int_equal(cadre_search(db, a, &q, &v, &n, &total), 0);
  assert_int_equal(total, 11); /* 10 + 2 new - A3 */
  assert_int_equal(db_rollback(db), 0);
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(brackets_at_boundaries),        cmocka_unit_test(young_by_level),
      cmocka_unit_test(party_and_category_on_the_date), cmocka_unit_test(membership_after_a_position_change),
      cmocka_unit_test(scope_and_errors),              cmocka_unit_test(retirement_window),
      cmocka_unit_test(list_filters),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

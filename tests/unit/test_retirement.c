/*
** RET-1 retirement age. The oracle is independent of retirement.c: the
** groups of Nghị định 135/2020/NĐ-CP, Phụ lục I, written out by hand (birth
** months, age, the year in which that group retires), not the step formula.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "core/err.h"
#include "domain/retirement.h"

typedef struct {
  int from_y, from_m, to_y, to_m; /* birth months, inclusive */
  int years, months;              /* retirement age of the group */
  int retire_year;                /* year the age is reached (0: any) */
} Group;

/* Phụ lục I, lao động nam. */
static const Group MEN[] = {
    {1800, 1, 1960, 12, 60, 0, 0},    /* before the roadmap */
    {1961, 1, 1961, 9, 60, 3, 2021},  {1961, 10, 1962, 6, 60, 6, 2022}, {1962, 7, 1963, 3, 60, 9, 2023},
    {1963, 4, 1963, 12, 61, 0, 2024}, {1964, 1, 1964, 9, 61, 3, 2025},  {1964, 10, 1965, 6, 61, 6, 2026},
    {1965, 7, 1966, 3, 61, 9, 2027},  {1966, 4, 2200, 12, 62, 0, 0}, /* 2028 onwards */
};

/* Phụ lục I, lao động nữ. */
static const Group WOMEN[] = {
    {1800, 1, 1965, 12, 55, 0, 0},    /* before the roadmap */
    {1966, 1, 1966, 8, 55, 4, 2021},  {1966, 9, 1967, 4, 55, 8, 2022},  {1967, 5, 1967, 12, 56, 0, 2023},
    {1968, 1, 1968, 8, 56, 4, 2024},  {1968, 9, 1969, 4, 56, 8, 2025},  {1969, 5, 1969, 12, 57, 0, 2026},
    {1970, 1, 1970, 8, 57, 4, 2027},  {1970, 9, 1971, 4, 57, 8, 2028},  {1971, 5, 1971, 12, 58, 0, 2029},
    {1972, 1, 1972, 8, 58, 4, 2030},  {1972, 9, 1973, 4, 58, 8, 2031},  {1973, 5, 1973, 12, 59, 0, 2032},
    {1974, 1, 1974, 8, 59, 4, 2033},  {1974, 9, 1975, 4, 59, 8, 2034},  {1975, 5, 2200, 12, 60, 0, 0}, /* 2035 on */
};
#define N_MEN (int)(sizeof MEN / sizeof MEN[0])
#define N_WOMEN (int)(sizeof WOMEN / sizeof WOMEN[0])

static const Group *find_group(char sex, int y, int m) {
  const Group *g = sex == 'M' ? MEN : WOMEN;
  int n = sex == 'M' ? N_MEN : N_WOMEN;
  for (int i = 0; i < n; i++) {
    int from = g[i].from_y * 12 + g[i].from_m, to = g[i].to_y * 12 + g[i].to_m, b = y * 12 + m;
    if (b >= from && b <= to) return &g[i];
  }
  return NULL;
}

/* Days per month written out, leap years by the Gregorian rule. */
static int month_days(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[m - 1];
}

/* Check one birth month against the hand table; reports the case on failure. */
static void check_month(char sex, int y, int m, int day) {
  const Group *g = find_group(sex, y, m);
  assert_non_null(g);
  Retirement r;
  Date birth = {y, m, day};
  int rc = retirement_compute(sex, birth, &r);
  if (rc != 0 || r.years != g->years || r.months != g->months) {
    print_error("%c born %04d-%02d: got rc %d age %dy%dm, want %dy%dm\n", sex, y, m, rc, r.years, r.months,
                g->years, g->months);
    fail();
  }
  /* reached = birth month + age, done by counting months one by one */
  int ry = y, rm = m;
  for (int k = 0; k < g->years * 12 + g->months; k++)
    if (++rm == 13) rm = 1, ry++;
  assert_int_equal(r.reached_y, ry);
  assert_int_equal(r.reached_m, rm);
  if (g->retire_year) assert_int_equal(r.reached_y, g->retire_year);
  assert_int_equal(r.retirement_date.y, ry);
  assert_int_equal(r.retirement_date.m, rm);
  assert_int_equal(r.retirement_date.d, month_days(ry, rm));
  assert_int_equal(r.pension_from.y, rm == 12 ? ry + 1 : ry);
  assert_int_equal(r.pension_from.m, rm == 12 ? 1 : rm + 1);
  assert_int_equal(r.pension_from.d, 1);
  Date p = retirement_point(sex, birth);
  assert_memory_equal(&p, &r.retirement_date, sizeof p);
}

static void contract_examples(void **state) {
  Retirement r;
  assert_int_equal(retirement_compute('M', (Date){1961, 1, 0}, &r), 0);
  assert_int_equal(r.years, 60);
  assert_int_equal(r.months, 3);
  assert_int_equal(r.reached_y, 2021);
  assert_int_equal(r.reached_m, 4);

  assert_int_equal(retirement_compute('M', (Date){1961, 10, 0}, &r), 0);
  assert_int_equal(r.years, 60);
  assert_int_equal(r.months, 6);
  assert_int_equal(r.reached_y, 2022);
  assert_int_equal(r.reached_m, 4);
  assert_int_equal(r.retirement_date.y, 2022);
  assert_int_equal(r.retirement_date.m, 4);
  assert_int_equal(r.retirement_date.d, 30);
  assert_int_equal(r.pension_from.y, 2022);
  assert_int_equal(r.pension_from.m, 5);
  assert_int_equal(r.pension_from.d, 1);

  assert_int_equal(retirement_compute('F', (Date){1966, 8, 0}, &r), 0);
  assert_int_equal(r.years, 55);
  assert_int_equal(r.months, 4);
  assert_int_equal(r.reached_y, 2021);
  assert_int_equal(r.reached_m, 12);
  assert_int_equal(r.retirement_date.d, 31);
  assert_int_equal(r.pension_from.y, 2022);
  assert_int_equal(r.pension_from.m, 1);
}

static void before_the_roadmap(void **state) {
  Retirement r;
  assert_int_equal(retirement_compute('M', (Date){1960, 12, 31}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 720);
  assert_int_equal(r.reached_y, 2020);
  assert_int_equal(r.reached_m, 12);
  assert_int_equal(retirement_compute('F', (Date){1965, 12, 0}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 660);
  assert_int_equal(r.reached_y, 2020);
  assert_int_equal(r.reached_m, 12);
  /* the roadmap starts with the very next month */
  assert_int_equal(retirement_compute('F', (Date){1966, 1, 1}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 664);
  assert_int_equal(r.reached_y, 2021);
  assert_int_equal(r.reached_m, 5);
}

static void caps(void **state) {
  Retirement r;
  /* men: 03/1966 is the last 61y9m month, 04/1966 the first at the cap */
  assert_int_equal(retirement_compute('M', (Date){1966, 3, 0}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 61 * 12 + 9);
  assert_int_equal(r.reached_y, 2027);
  assert_int_equal(r.reached_m, 12);
  assert_int_equal(retirement_compute('M', (Date){1966, 4, 0}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 62 * 12);
  assert_int_equal(r.reached_y, 2028);
  assert_int_equal(r.reached_m, 4);
  assert_int_equal(retirement_compute('M', (Date){1973, 1, 0}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 62 * 12);
  assert_int_equal(retirement_compute('M', (Date){2100, 6, 0}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 62 * 12);
  /* women: 04/1975 is the last 59y8m month, 05/1975 the first at 60y0m */
  assert_int_equal(retirement_compute('F', (Date){1975, 4, 0}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 59 * 12 + 8);
  assert_int_equal(r.reached_y, 2034);
  assert_int_equal(r.reached_m, 12);
  assert_int_equal(retirement_compute('F', (Date){1975, 5, 0}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 60 * 12);
  assert_int_equal(r.reached_y, 2035);
  assert_int_equal(r.reached_m, 5);
  assert_int_equal(retirement_compute('F', (Date){1990, 12, 0}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 60 * 12);
}

/* The last month of each group and the first of the next (men 8/9, women 7/8). */
static void group_boundaries(void **state) {
  for (int s = 0; s < 2; s++) {
    char sex = s ? 'F' : 'M';
    const Group *g = s ? WOMEN : MEN;
    int n = s ? N_WOMEN : N_MEN;
    for (int i = 0; i + 1 < n; i++) {
      Retirement a, b;
      assert_int_equal(retirement_compute(sex, (Date){g[i].to_y, g[i].to_m, 0}, &a), 0);
      assert_int_equal(retirement_compute(sex, (Date){g[i + 1].from_y, g[i + 1].from_m, 0}, &b), 0);
      assert_int_equal(a.years * 12 + a.months, g[i].years * 12 + g[i].months);
      assert_int_equal(b.years * 12 + b.months, g[i + 1].years * 12 + g[i + 1].months);
      /* within the roadmap the step is 3 (men) / 4 (women) months */
      if (i > 0) assert_int_equal(b.years * 12 + b.months - (a.years * 12 + a.months), s ? 4 : 3);
    }
  }
}

/* Every birth month 1955-01..1990-12, both sexes, various birth days. */
static void every_month_against_table(void **state) {
  int n = 0;
  for (int y = 1955; y <= 1990; y++)
    for (int m = 1; m <= 12; m++) {
      int day = (y + m) % 3 == 0 ? 0 : (y + m) % 3 == 1 ? 1 : month_days(y, m);
      check_month('M', y, m, day);
      check_month('F', y, m, day);
      n += 2;
    }
  assert_int_equal(n, 36 * 12 * 2);
}

/* Group lengths of the hand table: 9 birth months for men, 8 for women. */
static void table_group_lengths(void **state) {
  for (int i = 1; i + 1 < N_MEN; i++)
    assert_int_equal((MEN[i].to_y - MEN[i].from_y) * 12 + MEN[i].to_m - MEN[i].from_m + 1, 9);
  for (int i = 1; i + 1 < N_WOMEN; i++)
    assert_int_equal((WOMEN[i].to_y - WOMEN[i].from_y) * 12 + WOMEN[i].to_m - WOMEN[i].from_m + 1, 8);
}

static void february_and_leap_years(void **state) {
  struct {
    char sex;
    int by, bm, ry, rd;
  } cases[] = {
      {'M', 1960, 2, 2020, 29}, /* 60y0m, leap */
      {'M', 1959, 2, 2019, 28}, /* 60y0m */
      {'M', 1940, 2, 2000, 29}, /* 2000 is a leap year (÷400) */
      {'M', 1968, 2, 2030, 28}, /* 62y0m */
      {'M', 1970, 2, 2032, 29}, /* 62y0m, leap */
      {'M', 2038, 2, 2100, 28}, /* 2100 is not a leap year */
      {'F', 1965, 2, 2020, 29}, /* 55y0m, leap */
      {'F', 1980, 2, 2040, 29}, /* 60y0m, leap */
      {'F', 1981, 2, 2041, 28}, /* 60y0m */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    Retirement r;
    assert_int_equal(retirement_compute(cases[i].sex, (Date){cases[i].by, cases[i].bm, 0}, &r), 0);
    assert_int_equal(r.reached_y, cases[i].ry);
    assert_int_equal(r.reached_m, 2);
    assert_int_equal(r.retirement_date.d, cases[i].rd);
    assert_int_equal(r.pension_from.m, 3);
    assert_int_equal(r.pension_from.d, 1);
  }
}

static void year_only_birth_is_january(void **state) {
  Retirement r, j;
  assert_int_equal(retirement_compute('M', (Date){1961, 0, 0}, &r), 0);
  assert_int_equal(r.years, 60);
  assert_int_equal(r.months, 3);
  assert_int_equal(r.reached_y, 2021);
  assert_int_equal(r.reached_m, 4);
  assert_int_equal(retirement_compute('F', (Date){1966, 0, 0}, &r), 0);
  assert_int_equal(r.reached_y, 2021);
  assert_int_equal(r.reached_m, 5);
  assert_int_equal(retirement_compute('M', (Date){1960, 0, 0}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 720);
  assert_int_equal(r.reached_y, 2020);
  assert_int_equal(r.reached_m, 1);
  for (int y = 1955; y <= 1990; y++) {
    assert_int_equal(retirement_compute('F', (Date){y, 0, 0}, &r), 0);
    assert_int_equal(retirement_compute('F', (Date){y, 1, 1}, &j), 0);
    assert_memory_equal(&r, &j, sizeof r);
  }
}

/* Retirement point 30/04/2022 (man born 10/1961), pension from 01/05/2022. */
static void months_left_boundaries(void **state) {
  Date b = {1961, 10, 0};
  assert_int_equal(retirement_months_left('M', b, (Date){2017, 5, 1}), 60);
  assert_int_equal(retirement_months_left('M', b, (Date){2017, 5, 0}), 60);
  assert_int_equal(retirement_months_left('M', b, (Date){2017, 5, 2}), 59);
  assert_int_equal(retirement_months_left('M', b, (Date){2017, 6, 1}), 59);
  assert_int_equal(retirement_months_left('M', b, (Date){2017, 4, 30}), 60);
  assert_int_equal(retirement_months_left('M', b, (Date){2017, 4, 2}), 60);
  assert_int_equal(retirement_months_left('M', b, (Date){2017, 4, 1}), 61);
  assert_int_equal(retirement_months_left('M', b, (Date){2017, 3, 31}), 61);
  assert_int_equal(retirement_months_left('M', b, (Date){2022, 4, 1}), 1);
  assert_int_equal(retirement_months_left('M', b, (Date){2022, 4, 30}), 0);
  assert_int_equal(retirement_months_left('M', b, (Date){2022, 5, 1}), 0);
  assert_int_equal(retirement_months_left('M', b, (Date){2022, 5, 2}), -1);
  assert_int_equal(retirement_months_left('M', b, (Date){2023, 5, 1}), -12);
  /* a year-only `at` is 1 January */
  assert_int_equal(retirement_months_left('M', b, (Date){2022, 0, 0}), 4);
  /* a woman born 08/1966: pension from 01/01/2022 */
  assert_int_equal(retirement_months_left('F', (Date){1966, 8, 15}, (Date){2017, 1, 1}), 60);
  assert_int_equal(retirement_months_left('F', (Date){1966, 8, 15}, (Date){2016, 12, 31}), 60);
  assert_int_equal(retirement_months_left('F', (Date){1966, 8, 15}, (Date){2016, 12, 1}), 61);
  assert_int_equal(retirement_months_left('F', (Date){1966, 8, 15}, (Date){2017, 1, 2}), 59);
}

static void invalid_input(void **state) {
  Retirement r = {.years = 99};
  assert_int_equal(retirement_compute('X', (Date){1961, 1, 0}, &r), CB_EINVAL);
  assert_int_equal(retirement_compute('m', (Date){1961, 1, 0}, &r), CB_EINVAL);
  assert_int_equal(retirement_compute('M', (Date){1961, 13, 0}, &r), CB_EINVAL);
  assert_int_equal(retirement_compute('M', (Date){1961, 2, 29}, &r), CB_EINVAL);
  assert_int_equal(retirement_compute('F', (Date){1961, 4, 31}, &r), CB_EINVAL);
  assert_int_equal(retirement_compute('F', (Date){1961, 0, 5}, &r), CB_EINVAL);
  assert_int_equal(retirement_compute('F', (Date){1799, 12, 0}, &r), CB_EINVAL);
  assert_int_equal(retirement_compute('F', (Date){2201, 1, 0}, &r), CB_EINVAL);
  assert_int_equal(r.years, 99); /* untouched */
  Date p = retirement_point('X', (Date){1961, 1, 0});
  assert_int_equal(p.y + p.m + p.d, 0);
  assert_int_equal(retirement_months_left('X', (Date){1961, 1, 0}, (Date){2020, 1, 1}), INT_MIN);
  assert_int_equal(retirement_months_left('M', (Date){1961, 1, 0}, (Date){2020, 2, 30}), INT_MIN);
  /* 29/02 of a leap year is a valid birth */
  assert_int_equal(retirement_compute('M', (Date){1964, 2, 29}, &r), 0);
  assert_int_equal(r.years * 12 + r.months, 61 * 12 + 3);
}

static void basis_and_params(void **state) {
  assert_string_equal(retirement_basis(), "Bộ luật Lao động 2019, Điều 169; Nghị định 135/2020/NĐ-CP");
  assert_null(retirement_params('X'));
  assert_non_null(retirement_params('M'));
  assert_int_equal(retirement_params('F')->sex, 'F');
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(contract_examples),    cmocka_unit_test(before_the_roadmap),
      cmocka_unit_test(caps),                 cmocka_unit_test(group_boundaries),
      cmocka_unit_test(every_month_against_table), cmocka_unit_test(table_group_lengths),
      cmocka_unit_test(february_and_leap_years),   cmocka_unit_test(year_only_birth_is_january),
      cmocka_unit_test(months_left_boundaries),    cmocka_unit_test(invalid_input),
      cmocka_unit_test(basis_and_params),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Calendar dates: parsing (full and partial forms), printing, month arithmetic, ages. */
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"

/* Parse s with flags and expect success with {y, m, d}. */
static void ok(const char *s, int flags, int y, int m, int d) {
  Date x = {-1, -1, -1};
  int rc = date_parse(s, &x, flags);
  if (rc != 0 || x.y != y || x.m != m || x.d != d) {
    print_error("'%s': rc %d, got %d-%d-%d, want %d-%d-%d\n", s, rc, x.y, x.m, x.d, y, m, d);
    fail();
  }
}

/* Expect s to be refused with flags, and *out left alone. */
static void bad(const char *s, int flags) {
  Date x = {7, 7, 7};
  int rc = date_parse(s, &x, flags);
  if (rc != CB_EINVAL || x.y != 7 || x.m != 7 || x.d != 7) {
    print_error("'%s' (flags %d): rc %d, got %d-%d-%d, want CB_EINVAL\n", s, flags, rc, x.y, x.m, x.d);
    fail();
  }
}

static void parse_full_forms(void **state) {
  ok("2021-04-30", DATE_FULL, 2021, 4, 30);
  ok("30/04/2021", DATE_FULL, 2021, 4, 30);
  ok("1/2/1961", DATE_FULL, 1961, 2, 1);
  ok("1800-01-01", DATE_FULL, 1800, 1, 1);
  ok("2200-12-31", DATE_FULL, 2200, 12, 31);
  bad("1799-12-31", DATE_FULL);
  bad("2201-01-01", DATE_FULL);
  /* partial forms only with DATE_PARTIAL */
  bad("1961-10", DATE_FULL);
  bad("10/1961", DATE_FULL);
  bad("1961", DATE_FULL);
}

static void parse_partial_forms(void **state) {
  ok("1961-10", DATE_PARTIAL, 1961, 10, 0);
  ok("10/1961", DATE_PARTIAL, 1961, 10, 0);
  ok("1/1961", DATE_PARTIAL, 1961, 1, 0);
  ok("1961", DATE_PARTIAL, 1961, 0, 0);
  ok("1961-10-05", DATE_PARTIAL, 1961, 10, 5);
  ok("05/10/1961", DATE_PARTIAL, 1961, 10, 5);
  bad("1961-00", DATE_PARTIAL); /* used to parse as the year 1961 */
  bad("1961-13", DATE_PARTIAL);
  bad("00/1961", DATE_PARTIAL);
  bad("13/1961", DATE_PARTIAL);
  bad("1961-1", DATE_PARTIAL);
  bad("196", DATE_PARTIAL);
  bad("19610", DATE_PARTIAL);
}

static void parse_day_checks(void **state) {
  ok("2024-02-29", DATE_FULL, 2024, 2, 29);
  ok("29/02/2000", DATE_FULL, 2000, 2, 29);
  bad("2023-02-29", DATE_FULL);
  bad("29/02/1900", DATE_FULL); /* 1900 is not a leap year */
  bad("2021-02-30", DATE_PARTIAL);
  bad("2021-04-31", DATE_FULL);
  bad("31/04/2021", DATE_FULL);
  ok("31/05/2021", DATE_FULL, 2021, 5, 31);
  bad("2021-00-10", DATE_FULL);
  bad("2021-01-00", DATE_PARTIAL);
  bad("00/01/2021", DATE_PARTIAL);
  bad("01/00/2021", DATE_PARTIAL);
  bad("2021-01-32", DATE_FULL);
}

static void parse_garbage(void **state) {
  bad("", DATE_PARTIAL);
  bad(NULL, DATE_PARTIAL);
  bad("abcd", DATE_PARTIAL);
  bad("2021-04-30x", DATE_FULL);
  bad("2021-04-30 ", DATE_FULL);
  bad(" 2021-04-30", DATE_FULL);
  bad("2021-04x", DATE_PARTIAL);
  bad("1961x", DATE_PARTIAL);
  bad("30/04/2021/", DATE_FULL);
  bad("30/04/21", DATE_FULL);
  bad("30-04-2021", DATE_FULL);
  bad("2021/04/30", DATE_FULL);
  bad("2021-4-30", DATE_FULL);
  bad("+2021-04-30", DATE_FULL);
  bad("2021-04-", DATE_PARTIAL);
  bad("10/", DATE_PARTIAL);
  bad("/1961", DATE_PARTIAL);
  bad("123/04/2021", DATE_FULL);
}

static void valid_structs(void **state) {
  assert_true(date_valid((Date){2024, 2, 29}, DATE_FULL));
  assert_false(date_valid((Date){2023, 2, 29}, DATE_FULL));
  assert_false(date_valid((Date){2023, 2, 0}, DATE_FULL));
  assert_true(date_valid((Date){2023, 2, 0}, DATE_PARTIAL));
  assert_true(date_valid((Date){2023, 0, 0}, DATE_PARTIAL));
  assert_false(date_valid((Date){2023, 0, 3}, DATE_PARTIAL));
  assert_false(date_valid((Date){2023, -1, 3}, DATE_PARTIAL));
  assert_false(date_valid((Date){2023, 1, -3}, DATE_PARTIAL));
}

/* The digit writer prints what printf's "%04d-%02d-%02d" and "%02d/%02d/%04d" (cut to 10 bytes) print, at every width. */
static void printing_matches_printf(void **state) {
  (void)state;
  static const int ys[] = {-1, 0, 5, 999, 1800, 1961, 2026, 9999, 10000, 123456};
  static const int ms[] = {-1, 0, 1, 9, 10, 12, 99, 100};
  static const int ds[] = {-1, 0, 1, 9, 31, 99, 100};
  for (size_t i = 0; i < sizeof ys / sizeof *ys; i++)
    for (size_t j = 0; j < sizeof ms / sizeof *ms; j++)
      for (size_t k = 0; k < sizeof ds / sizeof *ds; k++) {
        Date d = {ys[i], ms[j], ds[k]};
        char got[11], want[11];
        if (d.m == 0) snprintf(want, 11, "%04d", d.y);
        else if (d.d == 0) snprintf(want, 11, "%04d-%02d", d.y, d.m);
        else snprintf(want, 11, "%04d-%02d-%02d", d.y, d.m, d.d);
        assert_string_equal(date_iso(d, got), want);
        if (d.m == 0) snprintf(want, 11, "%04d", d.y);
        else if (d.d == 0) snprintf(want, 11, "%02d/%04d", d.m, d.y);
        else snprintf(want, 11, "%02d/%02d/%04d", d.d, d.m, d.y);
        assert_string_equal(date_vn(d, got), want);
      }
}

static void printing(void **state) {
  char b[11];
  assert_string_equal(date_iso((Date){2021, 4, 30}, b), "2021-04-30");
  assert_string_equal(date_iso((Date){1961, 10, 0}, b), "1961-10");
  assert_string_equal(date_iso((Date){1961, 0, 0}, b), "1961");
  assert_string_equal(date_vn((Date){2021, 4, 3}, b), "03/04/2021");
  assert_string_equal(date_vn((Date){1961, 1, 0}, b), "01/1961");
  assert_string_equal(date_vn((Date){1961, 0, 0}, b), "1961");
  assert_string_equal(date_iso_to_vn("2021-04-30", b), "30/04/2021");
  assert_string_equal(date_iso_to_vn("1961-10", b), "10/1961");
  assert_string_equal(date_iso_to_vn("rubbish", b), "rubbish");
  assert_string_equal(date_iso_to_vn(NULL, b), "");
  /* round trips */
  Date d;
  assert_int_equal(date_parse(date_vn((Date){2000, 2, 29}, b), &d, DATE_FULL), 0);
  assert_string_equal(date_iso(d, b), "2000-02-29");
}

static void days_in_month(void **state) {
  assert_int_equal(date_days_in_month(2024, 2), 29);
  assert_int_equal(date_days_in_month(2023, 2), 28);
  assert_int_equal(date_days_in_month(1900, 2), 28);
  assert_int_equal(date_days_in_month(2000, 2), 29);
  assert_int_equal(date_days_in_month(2021, 4), 30);
  assert_int_equal(date_days_in_month(2021, 12), 31);
  assert_int_equal(date_days_in_month(2021, 13), 0);
  assert_int_equal(date_days_in_month(2021, 0), 0);
  Date e = date_month_end((Date){2024, 2, 10});
  assert_int_equal(e.d, 29);
  assert_int_equal(e.m, 2);
  e = date_month_end((Date){2023, 0, 0});
  assert_int_equal(e.m, 1);
  assert_int_equal(e.d, 31);
}

static void assert_date(Date d, int y, int m, int dd) {
  assert_int_equal(d.y, y);
  assert_int_equal(d.m, m);
  assert_int_equal(d.d, dd);
}

static void add_months_clamps(void **state) {
  assert_date(date_add_months((Date){2021, 1, 31}, 1), 2021, 2, 28);
  assert_date(date_add_months((Date){2024, 1, 31}, 1), 2024, 2, 29);
  assert_date(date_add_months((Date){2024, 3, 31}, -1), 2024, 2, 29);
  assert_date(date_add_months((Date){2021, 3, 31}, 1), 2021, 4, 30);
  assert_date(date_add_months((Date){2021, 12, 15}, 1), 2022, 1, 15);
  assert_date(date_add_months((Date){2021, 1, 15}, -1), 2020, 12, 15);
  assert_date(date_add_months((Date){2021, 1, 15}, -13), 2019, 12, 15);
  assert_date(date_add_months((Date){1961, 10, 0}, 726), 2022, 4, 0);
  assert_date(date_add_months((Date){2024, 2, 29}, 12), 2025, 2, 28);
  assert_date(date_add_months((Date){2021, 5, 5}, 0), 2021, 5, 5);
}

static void add_days(void **state) {
  assert_date(date_add_days((Date){2021, 4, 30}, 1), 2021, 5, 1);
  assert_date(date_add_days((Date){2024, 2, 28}, 1), 2024, 2, 29);
  assert_date(date_add_days((Date){2023, 2, 28}, 1), 2023, 3, 1);
  assert_date(date_add_days((Date){2021, 12, 31}, 1), 2022, 1, 1);
  assert_date(date_add_days((Date){2021, 1, 1}, -1), 2020, 12, 31);
  assert_date(date_add_days((Date){2021, 1, 1}, 365), 2022, 1, 1);
  assert_date(date_add_days((Date){2024, 1, 1}, 366), 2025, 1, 1);
}

static void month_diff_and_cmp(void **state) {
  assert_int_equal(date_month_diff((Date){1961, 1, 0}, (Date){2021, 4, 0}), 723);
  assert_int_equal(date_month_diff((Date){2021, 4, 30}, (Date){2021, 5, 1}), 1);
  assert_int_equal(date_month_diff((Date){2021, 5, 1}, (Date){2021, 4, 30}), -1);
  assert_int_equal(date_month_diff((Date){2021, 0, 0}, (Date){2021, 12, 31}), 11);
  assert_int_equal(date_month_diff((Date){2020, 12, 1}, (Date){2021, 1, 31}), 1);
  assert_true(date_cmp((Date){2021, 4, 30}, (Date){2021, 5, 1}) < 0);
  assert_true(date_cmp((Date){2021, 5, 1}, (Date){2021, 4, 30}) > 0);
  assert_int_equal(date_cmp((Date){1961, 0, 0}, (Date){1961, 1, 1}), 0);
  assert_true(date_cmp((Date){1961, 10, 0}, (Date){1961, 10, 2}) < 0);
}

static void age_years(void **state) {
  Date b = {1961, 10, 15};
  assert_int_equal(date_age_years(b, (Date){2021, 10, 14}), 59);
  assert_int_equal(date_age_years(b, (Date){2021, 10, 15}), 60);
  assert_int_equal(date_age_years(b, (Date){2021, 9, 30}), 59);
  assert_int_equal(date_age_years(b, (Date){2021, 11, 1}), 60);
  /* partial births: the 1st of the month, 1 January */
  assert_int_equal(date_age_years((Date){1961, 10, 0}, (Date){2021, 10, 1}), 60);
  assert_int_equal(date_age_years((Date){1961, 10, 0}, (Date){2021, 9, 30}), 59);
  assert_int_equal(date_age_years((Date){1961, 0, 0}, (Date){2021, 1, 1}), 60);
  assert_int_equal(date_age_years((Date){1961, 0, 0}, (Date){2020, 12, 31}), 59);
  /* born 29/02: a year older on 01/03 in common years */
  assert_int_equal(date_age_years((Date){2000, 2, 29}, (Date){2021, 2, 28}), 20);
  assert_int_equal(date_age_years((Date){2000, 2, 29}, (Date){2021, 3, 1}), 21);
  assert_int_equal(date_age_years((Date){2000, 2, 29}, (Date){2024, 2, 29}), 24);
}

static void problems_in_vietnamese(void **state) {
  char buf[128];
  Date d;
  assert_null(date_problem("29/02/2024", DATE_FULL, &d, buf, sizeof buf));
  assert_int_equal(d.d, 29);
  assert_null(date_problem("1/3/2021", DATE_FULL, NULL, buf, sizeof buf));
  assert_string_equal(date_problem("31/02/2026", DATE_FULL, NULL, buf, sizeof buf),
                      "không có ngày 31/02/2026 (tháng 2/2026 có 28 ngày)");
  assert_string_equal(date_problem("2026-02-31", DATE_FULL, NULL, buf, sizeof buf),
                      "không có ngày 31/02/2026 (tháng 2/2026 có 28 ngày)");
  assert_string_equal(date_problem("29/02/2025", DATE_FULL, NULL, buf, sizeof buf),
                      "không có ngày 29/02/2025 (tháng 2/2025 có 28 ngày)");
  assert_string_equal(date_problem("01/13/2025", DATE_FULL, NULL, buf, sizeof buf),
                      "không có tháng 13 (tháng từ 1 đến 12)");
  assert_string_equal(date_problem("12/04/1700", DATE_FULL, NULL, buf, sizeof buf), "năm 1700 nằm ngoài khoảng 1800–2200");
  assert_string_equal(date_problem("hôm qua", DATE_FULL, NULL, buf, sizeof buf), "không đúng dạng dd/mm/yyyy");
  /* a day that exists, in a form not read, is not said missing */
  assert_string_equal(date_problem("2024-1-5", DATE_FULL, NULL, buf, sizeof buf),
                      "không đúng dạng dd/mm/yyyy hoặc yyyy-mm-dd");
  /* numbers no date has are not read as one (no overflow of %d, no sign, no doubled separator) */
  const char *odd[] = {"1/1/99999999999", "99999999999/1/2024", "2024--02-10", "-1/1/2024", "1//2024"};
  for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
    assert_string_equal(date_problem(odd[i], DATE_FULL, NULL, buf, sizeof buf), "không đúng dạng dd/mm/yyyy");
  assert_string_equal(date_problem(NULL, DATE_FULL, NULL, buf, sizeof buf), "không đúng dạng dd/mm/yyyy");
  assert_null(date_problem("1961", DATE_PARTIAL, NULL, buf, sizeof buf));
  assert_non_null(date_problem("1961", DATE_FULL, NULL, buf, sizeof buf));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(parse_full_forms),   cmocka_unit_test(parse_partial_forms), cmocka_unit_test(parse_day_checks),
      cmocka_unit_test(parse_garbage),      cmocka_unit_test(valid_structs),       cmocka_unit_test(printing),
      cmocka_unit_test(days_in_month),      cmocka_unit_test(add_months_clamps),   cmocka_unit_test(add_days),
      cmocka_unit_test(month_diff_and_cmp), cmocka_unit_test(age_years),
      cmocka_unit_test(problems_in_vietnamese), cmocka_unit_test(printing_matches_printf),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

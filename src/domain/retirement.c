/*
** Retirement age, rule RET-1 (see retirement.h). Every number of the rule is
** in the table `params` below; the functions only walk it.
*/
#include "domain/retirement.h"
#include <limits.h>
#include <stddef.h>
#include "core/err.h"

static const char BASIS[] = "Bộ luật Lao động 2019, Điều 169; Nghị định 135/2020/NĐ-CP";

/* All ages in months. */
static const RetirementParams params[] = {
    /* sex before  start      base        step group cap        */
    {'M', 60 * 12, 1961, 1, 60 * 12 + 3, 3, 9, 62 * 12},
    {'F', 55 * 12, 1966, 1, 55 * 12 + 4, 4, 8, 60 * 12},
};

const char *retirement_basis(void) { return BASIS; }

const RetirementParams *retirement_params(char sex) {
  for (size_t i = 0; i < sizeof params / sizeof params[0]; i++)
    if (params[i].sex == sex) return &params[i];
  return NULL;
}

/* Month count of a (possibly partial) date: y * 12 + m - 1, January when m == 0. */
static int month_index(int y, int m) { return y * 12 + (m ? m : 1) - 1; }

/* Retirement age in months for a birth month index `b`. */
static int age_months(const RetirementParams *p, int b) {
  int since = b - month_index(p->start_y, p->start_m);
  if (since < 0) return p->before_age;
  int age = p->base_age + since / p->group_len * p->step;
  return age < p->cap_age ? age : p->cap_age;
}

int retirement_compute(char sex, Date birth, Retirement *out) {
  const RetirementParams *p = retirement_params(sex);
  if (!p || !date_valid(birth, DATE_PARTIAL)) return CB_EINVAL;
  int b = month_index(birth.y, birth.m);
  int age = age_months(p, b);
  int reached = b + age;
  Retirement r = {.years = age / 12, .months = age % 12, .reached_y = reached / 12, .reached_m = reached % 12 + 1};
  r.retirement_date = date_month_end((Date){r.reached_y, r.reached_m, 0});
  r.pension_from = date_add_days(r.retirement_date, 1);
  *out = r;
  return 0;
}

Date retirement_point(char sex, Date birth) {
  Retirement r;
  if (retirement_compute(sex, birth, &r) != 0) return (Date){0, 0, 0};
  return r.retirement_date;
}

int retirement_months_left(char sex, Date birth, Date at) {
  Retirement r;
  if (retirement_compute(sex, birth, &r) != 0 || !date_valid(at, DATE_PARTIAL)) return INT_MIN;
  int left = month_index(r.pension_from.y, r.pension_from.m) - month_index(at.y, at.m);
  return at.d > 1 ? left - 1 : left;
}

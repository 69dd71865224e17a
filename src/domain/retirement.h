/*
** Retirement age, rule RET-1 (REGULATIONS.md): Bộ luật Lao động 2019,
** Điều 169 and Nghị định 135/2020/NĐ-CP, normal working conditions only.
** Pure calendar arithmetic on month granularity: no database, no I/O, no
** allocation. Not for the special groups of Phụ lục II (lower or higher
** ages), which are out of scope unless a cadre is flagged.
**
** The rule, for a birth month B (a birth known only by year counts as
** January of that year):
**   men:   B before 01/1961 -> 60y0m; else 60y3m + 3 months per step,
**          step = floor(months from 01/1961 to B / 9), capped at 62y0m
**          (reached by everyone born 04/1966 or later);
**   women: B before 01/1966 -> 55y0m; else 55y4m + 4 months per step,
**          step = floor(months from 01/1966 to B / 8), capped at 60y0m
**          (reached by everyone born 05/1975 or later).
** The age is reached in month B + age; the retirement point is the end of
** the last day of that month; the pension is paid from the 1st of the next.
** The numbers live in one parameter table in retirement.c.
*/
#ifndef CANBO_RETIREMENT_H
#define CANBO_RETIREMENT_H
#include "core/date.h"

typedef struct {
  int years, months;       /* retirement age, e.g. 60 and 6 for 60y6m */
  int reached_y, reached_m; /* the calendar month in which that age is reached */
  Date retirement_date;    /* last day of the reached month (full date) */
  Date pension_from;       /* 1st day of the month after (full date) */
} Retirement;

/*
** One sex's parameters of RET-1, in months. Exposed read-only so that the
** rules engine can show them (and later offer edited copies); the values are
** those of the legal basis below.
*/
typedef struct {
  char sex;            /* 'M' or 'F' */
  int before_age;      /* age of those born before the start month (720 = 60y0m) */
  int start_y, start_m; /* first birth month of the roadmap (01/1961, 01/1966) */
  int base_age;        /* age of the first group (723 = 60y3m) */
  int step;            /* months added per group (3, 4) */
  int group_len;       /* birth months per group (9, 8) */
  int cap_age;         /* the final age (744 = 62y0m, 720 = 60y0m) */
} RetirementParams;

/* The legal basis of RET-1, a static Vietnamese string. */
const char *retirement_basis(void);
/* The parameters for sex 'M' or 'F' (static), or NULL for any other value. */
const RetirementParams *retirement_params(char sex);

/*
** Compute the retirement age and dates for `sex` ('M' or 'F') born `birth`.
** A partial birth is allowed: year and month (d == 0) or year only (m == 0,
** counted as January). The birth day never changes the result. Returns 0 and
** fills *out, or CB_EINVAL (out untouched) for another sex or a birth that
** is not a valid date or partial date of years 1800..2200.
*/
int retirement_compute(char sex, Date birth, Retirement *out);

/*
** The retirement point: the last day of the month in which the retirement
** age is reached (== retirement_date of retirement_compute). Returns
** {0, 0, 0} when retirement_compute would return CB_EINVAL.
*/
Date retirement_point(char sex, Date birth);

/*
** Whole months of service left on date `at`: how many whole months fit from
** the start of day `at` to the retirement point (the end of retirement_date,
** which is the start of pension_from), floored, where one month from day d
** runs to day d of the next month. With P = pension_from's month and A =
** `at`'s month (both counted as y * 12 + m):
**     at on the 1st of its month (or given as year-month): P - A
**     at on any later day:                                 P - A - 1
** So for a retirement point 30/04/2030 (pension from 01/05/2030):
** 01/05/2025 -> 60, 02/05/2025 -> 59, 01/04/2025 -> 61, 30/04/2030 -> 0,
** 01/05/2030 -> 0, 02/05/2030 -> -1 (negative once past). PLAN-4's "one full
** term of 60 months from the start of the term" is `>= 60` at that start.
** A partial `at` counts as the 1st of its month (year only: 1 January).
** Returns INT_MIN when retirement_compute would return CB_EINVAL or `at` is
** not a valid (partial) date.
*/
int retirement_months_left(char sex, Date birth, Date at);

#endif

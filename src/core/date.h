/*
** Calendar dates as canbo stores and shows them. Stored ISO 8601
** (YYYY-MM-DD, or YYYY-MM / YYYY for birth dates known only partly);
** shown dd/mm/yyyy. Month arithmetic is what the rules use (RET-1, DISC).
*/
#ifndef CANBO_DATE_H
#define CANBO_DATE_H
#include <stdbool.h>
#include <stddef.h>

typedef struct {
  int y, m, d; /* m == 0: year only; d == 0: year and month only */
} Date;

enum { DATE_FULL = 0, DATE_PARTIAL = 1 };

/*
** Parse YYYY-MM-DD or DD/MM/YYYY; with DATE_PARTIAL also YYYY-MM, MM/YYYY and
** YYYY. Checks the day against the month (29/02 only in leap years) and years
** 1800..2200. Returns 0 or CB_EINVAL.
*/
int date_parse(const char *s, Date *out, int flags);
/*
** True when d is a valid date of years 1800..2200 with the day checked
** against the month; DATE_PARTIAL also allows {y, m, 0} and {y, 0, 0}.
*/
bool date_valid(Date d, int flags);
bool date_is_leap(int y);
int date_days_in_month(int y, int m);
/* ISO form into buf (>= 11 bytes): "2021-04-30", "1961-10", "1961". */
char *date_iso(Date d, char *buf);
/* Vietnamese form into buf (>= 11 bytes): "30/04/2021", "10/1961", "1961". */
char *date_vn(Date d, char *buf);
/* ISO string -> "dd/mm/yyyy" into buf; copies s when it does not parse. */
char *date_iso_to_vn(const char *iso, char *buf);
/* Compare as full dates (missing month/day count as 1). */
int date_cmp(Date a, Date b);
/* Whole months from a to b (b later gives positive), ignoring days. */
int date_month_diff(Date a, Date b);
/* Add n months (day clamped to the month's length). */
Date date_add_months(Date d, int n);
Date date_add_days(Date d, int n);
/* Full years of age on `at` for someone born `birth` (partial: 1st of month / Jan 1st). */
int date_age_years(Date birth, Date at);
/* The last day of d's month as a full date (a year-only d counts as January). */
Date date_month_end(Date d);
/*
** Why `s` is not a date a user may type (DD/MM/YYYY, D/M/YYYY or
** YYYY-MM-DD; with DATE_PARTIAL also MM/YYYY and YYYY): a Vietnamese phrase
** such as "không có ngày 31/02/2026 (tháng 2/2026 có 28 ngày)" or "không
** đúng dạng dd/mm/yyyy", written into buf (size n, >= 96); NULL when `s` is
** a valid date (then *out holds it, if out is not NULL).
*/
const char *date_problem(const char *s, int flags, Date *out, char *buf, size_t n);
/* Today (local time), or $CANBO_TODAY (YYYY-MM-DD) when set: tests and rehearsals of a day boundary. */
Date date_today(void);

#endif

/* Calendar dates (see date.h). */
#include "core/date.h"
#include "core/err.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool date_is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

/* Read exactly `n` digits at *p; -1 when they are not all digits. */
static int digits(const char **p, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (!isdigit((unsigned char)(*p)[i])) return -1;
    v = v * 10 + ((*p)[i] - '0');
  }
  *p += n;
  return v;
}

/* Read 1 or 2 digits. */
static int digits12(const char **p) {
  if (!isdigit((unsigned char)**p)) return -1;
  int v = **p - '0';
  (*p)++;
  if (isdigit((unsigned char)**p)) v = v * 10 + (*(*p)++ - '0');
  return v;
}

bool date_valid(Date d, int flags) {
  if (d.y < 1800 || d.y > 2200) return false;
  if (d.m == 0 && d.d == 0) return (flags & DATE_PARTIAL) != 0;
  if (d.m < 1 || d.m > 12) return false;
  if (d.d == 0) return (flags & DATE_PARTIAL) != 0;
  return d.d >= 1 && d.d <= date_days_in_month(d.y, d.m);
}

static int check(Date d, int flags, Date *out) {
  if (!date_valid(d, flags)) return CB_EINVAL;
  *out = d;
  return 0;
}

int date_parse(const char *s, Date *out, int flags) {
  if (!s) return CB_EINVAL;
  const char *p = s;
  Date d = {0, 0, 0};
  size_t n = strlen(s);
  if (n >= 4 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
      isdigit((unsigned char)s[3])) {
    d.y = digits(&p, 4);
    if (*p == 0) return check(d, flags, out);
    if (*p++ != '-' || (d.m = digits(&p, 2)) < 0) return CB_EINVAL;
    if (d.m == 0) return CB_EINVAL; /* "1961-00" is not "1961" */
    if (*p == 0) return check(d, flags, out);
    if (*p++ != '-' || (d.d = digits(&p, 2)) < 0 || *p) return CB_EINVAL;
    if (d.d == 0) return CB_EINVAL;
    return check(d, flags, out);
  }
  int a = digits12(&p);
  if (a < 0 || *p++ != '/') return CB_EINVAL;
  if (strlen(p) == 4) { /* MM/YYYY */
    if ((d.y = digits(&p, 4)) < 0 || a == 0) return CB_EINVAL;
    d.m = a;
    return check(d, flags, out);
  }
  int b = digits12(&p);
  if (b < 0) return CB_EINVAL;
  if (*p == 0) return CB_EINVAL;
  if (*p == '/') { /* DD/MM/YYYY */
    p++;
    if ((d.y = digits(&p, 4)) < 0 || *p) return CB_EINVAL;
    if (a == 0 || b == 0) return CB_EINVAL;
    d.d = a, d.m = b;
    return check(d, flags, out);
  }
  return CB_EINVAL;
}

/* Digits of 0 <= v < 10^w, zero-padded to w, at p; returns the end. (Pages print many dates: no printf.) */
static char *put_digits(char *p, int v, int w) {
  for (int i = w - 1; i >= 0; i--, v /= 10) p[i] = (char)('0' + v % 10);
  return p + w;
}

/* Whether d's parts fit the fixed widths (year 4 digits, month and day 2); printf writes any other. */
static bool plain_parts(Date d) { return d.y >= 0 && d.y <= 9999 && d.m >= 0 && d.m <= 99 && d.d >= 0 && d.d <= 99; }

char *date_iso(Date d, char *buf) {
  if (!plain_parts(d)) {
    if (d.m == 0) snprintf(buf, 11, "%04d", d.y);
    else if (d.d == 0) snprintf(buf, 11, "%04d-%02d", d.y, d.m);
    else snprintf(buf, 11, "%04d-%02d-%02d", d.y, d.m, d.d);
    return buf;
  }
  char *p = put_digits(buf, d.y, 4);
  if (d.m) *p++ = '-', p = put_digits(p, d.m, 2);
  if (d.m && d.d) *p++ = '-', p = put_digits(p, d.d, 2);
  *p = 0;
  return buf;
}

char *date_vn(Date d, char *buf) {
  if (!plain_parts(d)) {
    if (d.m == 0) snprintf(buf, 11, "%04d", d.y);
    else if (d.d == 0) snprintf(buf, 11, "%02d/%04d", d.m, d.y);
    else snprintf(buf, 11, "%02d/%02d/%04d", d.d, d.m, d.y);
    return buf;
  }
  char *p = buf;
  if (d.m && d.d) p = put_digits(p, d.d, 2), *p++ = '/';
  if (d.m) p = put_digits(p, d.m, 2), *p++ = '/';
  p = put_digits(p, d.y, 4);
  *p = 0;
  return buf;
}

char *date_iso_to_vn(const char *iso, char *buf) {
  Date d;
  if (iso && date_parse(iso, &d, DATE_PARTIAL) == 0) return date_vn(d, buf);
  snprintf(buf, 11, "%s", iso ? iso : "");
  return buf;
}

int date_cmp(Date a, Date b) {
  int am = a.m ? a.m : 1, bm = b.m ? b.m : 1, ad = a.d ? a.d : 1, bd = b.d ? b.d : 1;
  if (a.y != b.y) return a.y < b.y ? -1 : 1;
  if (am != bm) return am < bm ? -1 : 1;
  if (ad != bd) return ad < bd ? -1 : 1;
  return 0;
}

int date_month_diff(Date a, Date b) {
  return (b.y - a.y) * 12 + ((b.m ? b.m : 1) - (a.m ? a.m : 1));
}

Date date_add_months(Date d, int n) {
  int m0 = d.y * 12 + ((d.m ? d.m : 1) - 1) + n;
  Date r = {m0 / 12, m0 % 12 + 1, d.d};
  if (r.m < 1) r.m += 12, r.y--;
  int dim = date_days_in_month(r.y, r.m);
  if (r.d > dim) r.d = dim;
  return r;
}

static long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long)doe - 719468;
}

static Date civil_from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = (int)yoe + (int)(era * 400);
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  int d = (int)(doy - (153 * mp + 2) / 5 + 1);
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  return (Date){y + (m <= 2), m, d};
}

Date date_add_days(Date d, int n) {
  return civil_from_days(days_from_civil(d.y, d.m ? d.m : 1, d.d ? d.d : 1) + n);
}

int date_age_years(Date birth, Date at) {
  int bm = birth.m ? birth.m : 1, bd = birth.d ? birth.d : 1;
  int am = at.m ? at.m : 1, ad = at.d ? at.d : 1;
  int age = at.y - birth.y;
  if (am < bm || (am == bm && ad < bd)) age--;
  return age;
}

Date date_month_end(Date d) {
  int m = d.m ? d.m : 1;
  return (Date){d.y, m, date_days_in_month(d.y, m)};
}

Date date_today(void) {
  /* a rehearsal or test of a day boundary (tests/http/counters): CANBO_TODAY=YYYY-MM-DD stands for the clock */
  const char *fake = getenv("CANBO_TODAY");
  Date f;
  if (fake && strlen(fake) == 10 && date_parse(fake, &f, DATE_FULL) == 0) return f;
  time_t t = time(NULL);
  struct tm tm;
  localtime_r(&t, &tm);
  return (Date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

const char *date_problem(const char *s, int flags, Date *out, char *buf, size_t n) {
  Date d;
  if (s && date_parse(s, &d, flags) == 0) {
    if (out) *out = d;
    return NULL;
  }
  /* A well-formed D/M/YYYY or YYYY-MM-DD whose day or month does not exist. */
  int a = 0, b = 0, y = 0;
  char tail;
  /* digits and separators only, each part of the width a date has: no sign, no overflow of %d ("99999999999/1/2024"
     is not a date, not day 1215752191) */
  bool plain = s && *s && strspn(s, "0123456789/-") == strlen(s) && s[0] != '-';
  if (plain &&
      (sscanf(s, "%2d/%2d/%4d%c", &a, &b, &y, &tail) == 3 || sscanf(s, "%4d-%2d-%2d%c", &y, &b, &a, &tail) == 3) &&
      !strstr(s, "--") && !strstr(s, "//")) {
    if (y < 1800 || y > 2200)
      snprintf(buf, n, "năm %d nằm ngoài khoảng 1800–2200", y);
    else if (b < 1 || b > 12)
      snprintf(buf, n, "không có tháng %d (tháng từ 1 đến 12)", b);
    else if (a < 1 || a > date_days_in_month(y, b))
      snprintf(buf, n, "không có ngày %02d/%02d/%04d (tháng %d/%04d có %d ngày)", a, b, y, b, y,
               date_days_in_month(y, b));
    else /* the day exists: written in a form not read ("2024-1-5") */
      snprintf(buf, n, "không đúng dạng dd/mm/yyyy hoặc yyyy-mm-dd");
    return buf;
  }
  snprintf(buf, n, "%s", (flags & DATE_PARTIAL) ? "không đúng dạng dd/mm/yyyy (hoặc mm/yyyy, yyyy)"
                                                 : "không đúng dạng dd/mm/yyyy");
  return buf;
}

/*
** Forecasts (issue 3 §9): who retires (RET-1, domain/retirement.h) within
** N months of a date among the holders of current positions of a unit
** subtree, and for each key title (titles.category 'key') of each unit the
** pool coverage after those retirements: the holder and whether they
** retire, the members of the pool of the term of the date who could step in
** (still meeting PLAN-4's working time at that point), "missing" when none.
**
** Not for: rendering (web/pages_forecast.c), the rule engine (rules.h).
*/
#ifndef CANBO_FORECAST_H
#define CANBO_FORECAST_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"

/* A cadre holding a title in a unit on the date, with their retirement point. */
typedef struct {
  const char *cadre_code, *full_name, *gender, *birth_date;
  const char *unit_code, *unit_name, *title_code, *title_name, *title_category;
  const char *retirement_date; /* ISO, RET-1's last day of work */
  const char *retired_from;    /* ISO, the first day of retirement (the day after retirement_date) */
  int months_left;             /* whole months of service left on the date (<= 0: already due) */
  bool concurrent;
} Holder;

/* A pool member who could take the post. */
typedef struct {
  const char *cadre_code, *full_name, *birth_date, *retirement_date;
  int months_left_at; /* months of service left when the post falls vacant (or at the horizon) */
} Candidate;

/* One key title of one unit. */
typedef struct {
  const char *unit_code, *unit_name, *title_code, *title_name;
  Holder *holders;      /* current holders (may be 0) */
  int nholders;
  bool retiring;        /* a holder retires within the horizon, or there is no holder */
  const char *vacant_on; /* ISO: the earliest retirement among the holders within the horizon, else NULL */
  Candidate *cand;
  int ncand;
  int excluded;         /* pool members left out: not enough working time then */
  bool missing;         /* retiring and no candidate */
} Coverage;

typedef struct {
  const char *unit_code, *unit_name; /* NULL: the whole scope */
  const char *date, *until, *term;   /* ISO date, ISO horizon end (date + months), the term of date */
  int months;
  int min_months;                    /* PLAN-4 in force on the date (60) */
  const char *basis_ret, *basis_plan4;
  Holder *ret;                       /* retiring within the horizon (retired_from > date), soonest first */
  int nret;
  Holder *past;                      /* already retired on the date (retired_from <= date) yet still in post */
  int npast;
  Coverage *cov;                     /* key titles, units in tree order */
  int ncov, nmissing;
} Forecast;

/*
** Build the forecast for the subtree of `unit_code` (NULL/"" = the scope)
** from `date` (ISO; NULL = today) over `months` (1..120). Everything in `a`.
** 0, CB_EINVAL (date or months), CB_ENOTFOUND (unit unknown or out of
** scope), CB_EDB.
*/
int forecast_build(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, int months,
                   Forecast *out);

/*
** forecast_build's nret alone (holders retiring within `months` of `date`, past retirements left out)
** without the pools' coverage: the dashboard's figure. 0, CB_EINVAL, CB_EDB.
*/
int forecast_count_retiring(Db *db, Scope scope, const char *date, int months, int *n);

/*
** The birth strings of the people of `sex` whose RET-1 retirement date
** (domain/retirement.h: fixed by the birth month alone, later for a later
** month) falls within [from, until]: ISO strings from lo (inclusive, "YYYY-MM")
** to hi (exclusive, the month after) except bare years, plus the bare years
** ("YYYY", which RET-1 reads as January) y1..y2 whose January is in the
** window (y1 > y2: none). False when no month qualifies.
*/
typedef struct {
  char lo[16], hi[16];
  int y1, y2;
} BirthWindow;
bool forecast_birth_window(char sex, const char *from, const char *until, BirthWindow *w);

#endif

/*
** Headline statistics for the home page: counts of cadres in a unit subtree
** within a user's scope (total, women, under 40, political-theory levels),
** and per-unit cadre counts for the unit tree. Read-only; no HTTP here.
*/
#ifndef CANBO_STATS_H
#define CANBO_STATS_H
#include "core/arena.h"
#include "core/date.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/unit.h"

typedef struct {
  long long total;
  long long women;
  long long under40;        /* age (date_age_years semantics) below 40 on `today` */
  long long llct_none;      /* no political-theory level recorded */
  long long llct_so_cap;
  long long llct_trung_cap;
  long long llct_cao_cap;   /* cao cấp and cử nhân together (equal rank) */
} Stats;

/*
** Headline counts of the cadres whose unit lies in `scope` (a unit path, NULL
** = all) and, when `unit_code` is non-empty, in that unit's subtree. A unit
** outside the scope behaves as unknown: CB_ENOTFOUND. Partial birth dates
** count as born on the 1st (of the month / of January). Read from the per-unit counts of schema 0039
** (home_counts), which triggers keep in every write. 0, CB_ENOTFOUND, CB_EDB.
*/
int stats_headline(Db *db, Arena *a, Scope scope, const char *unit_code, Date today, Stats *out);
/* The same figures counted from every cadre row instead of the counts of schema 0039 (tests compare the two). */
int stats_headline_recount(Db *db, Arena *a, Scope scope, const char *unit_code, Date today, Stats *out);

typedef struct {
  Unit unit;
  long long direct;  /* cadres whose unit is this one */
  long long subtree; /* cadres in this unit and every unit below it */
} UnitCount;

/*
** The units in `scope`, in unit_list() tree order (with depth), each with its
** direct and subtree cadre counts. *out is allocated in `a`. 0 or CB_EDB.
*/
int stats_unit_counts(Db *db, Arena *a, Scope scope, UnitCount **out, int *n);

#endif

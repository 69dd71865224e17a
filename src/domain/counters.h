/*
** Counters of the structure figures (issue 9; docs/ARCHITECTURE.md "Counts
** at scale"): per unit and dimension, the cadres belonging to the unit on
** one day (counters_state.as_of, the membership rule of membership.h), kept
** in the same transaction as every write, so the structure page, the
** dashboard and the unit page answer today's figures without reading every
** cadre.
**
** One mechanism for every write: triggers (schema 0030) note the cadres a
** transaction touches in counters_dirty; db_commit runs counters_flush
** (registered with db_before_commit) just before COMMIT, which moves each
** noted cadre's contribution (subtract what cadre_counted holds, add what
** the cadre counts for today). Facts that take effect on a later day (a
** position starting tomorrow, a dated correction, a party admission date)
** are caught up on the first write or request of that day: the cadres with
** such a fact between as_of and today are recounted, then as_of = today.
** Ages are counted in full years on as_of (dimension "age"); catching up a
** day moves the cadres whose birthday came up a year (schema 0042).
**
** Not for: past dates (structure.c recounts them), the pages.
*/
#ifndef CANBO_COUNTERS_H
#define CANBO_COUNTERS_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"

/* One row of unit_counts with its unit's path and level. */
typedef struct {
  long long unit_id;
  const char *path, *level;
  const char *dim, *key; /* "gender" "F"; "age" "46" (full years on the date); "llct" "cao_cap"; ... */
  long long n, women;
} CountRow;

/*
** The db_before_commit hook: build the counters when they are not built,
** catch up the day, move the noted cadres. 0 or CB_EDB (the write is then
** rolled back). Does nothing when the schema has no counters yet.
*/
int counters_flush(Db *db);

/*
** Rebuild every counter from a full recount on `date` (ISO), inside the
** caller's write transaction. 0 or CB_EDB.
*/
int counters_rebuild(Db *db, const char *date);

/*
** Rebuild eval_counts, train_counts and home_counts (schemas 0037-0039: the live ratings per unit, year and
** rating, the trainings per unit, year and program, the live cadres per current unit by gender, llct level and
** birth month, which triggers keep in every write) from a recount, inside the caller's write transaction: for
** `canbo reindex` and `canbo copy`. 0 or CB_EDB.
*/
int counters_rebuild_counts(Db *db);

/*
** Bulk loads (canbo demo, canbo copy, a big import), inside their one write transaction: on = the triggers
** keeping eval_counts, train_counts and home_counts stand still (counters_state.paused, schema 0037) while rows
** arrive by the hundred thousand, and on PostgreSQL those noting touched cadres in counters_dirty too (on SQLite
** the notes go on: they cost little there); off = they resume, and every counter (those three tables and the
** unit counters of counters_rebuild, on today) is rebuilt from the loaded rows. 0 or CB_EDB.
*/
int counters_pause(Db *db, bool on);

/*
** The rows of units under `subtree` (a path prefix, NULL = all) within
** `scope` for `date`, when the counters answer that date exactly: built,
** nothing pending, as_of == date. CB_ENOTFOUND when the counters cannot
** answer (the caller recounts), CB_EDB.
*/
int counters_read(Db *db, Arena *a, Scope scope, const char *subtree, const char *date, CountRow **out, int *n);

/* Cadres belonging directly to one unit. */
typedef struct {
  long long unit_id, n;
} UnitTotal;

/*
** The cadres of each unit of `scope` on `date` (units without any left out), when the counters answer
** that date (as counters_read). CB_ENOTFOUND otherwise, CB_EDB.
*/
int counters_unit_totals(Db *db, Arena *a, Scope scope, const char *date, UnitTotal **out, int *n);

/*
** For `canbo serve`: once per thread and day, before a request, catch the
** counters up to today in a short write transaction when they lag.
*/
void counters_keep_current(Db *db);

/*
** Compare the counters with a full recount on their as_of day for the whole
** database and every unit's subtree, and eval_counts, train_counts and home_counts with a recount of the ratings, trainings and cadres. 0 when equal; CB_EINVAL with the first
** difference in `why` (cap bytes); CB_ENOTFOUND when not built; CB_EDB.
*/
int counters_verify(Db *db, Arena *a, char *why, size_t cap);

#endif

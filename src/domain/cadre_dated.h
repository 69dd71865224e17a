/*
** Dated values of a cadre (docs/RECORDS.md): the degree, the political
** theory and state management levels, the unit and the two party dates
** change from a date, and reports for an earlier date must use the value
** that held then. cadre_values keeps each value with the day it holds from
** ('0001-01-01' = since always); the cadre's row keeps the value of today;
** cadre_records.dated = 1 once any dated row exists (most cadres have none,
** so CADRE_AT_SQL costs nothing for them).
**
** Changes may not be dated after today (the cadre's row holds today's value
** and nothing rewrites it when a future date comes).
*/
#ifndef CANBO_CADRE_DATED_H
#define CANBO_CADRE_DATED_H
#include "core/arena.h"
#include "core/db.h"

#define CADRE_SINCE_ALWAYS "0001-01-01"

/*
** SQL expression: the value of dated column FIELD ("degree", "llct_level",
** "qlnn_level", "unit_id", "party_join_date", "party_official_date") of the
** cadre row alias C on the date given by SQL expression D. The value is
** always text (cadre_values.value is text; the row's own column is cast so
** that both branches have one type, as PostgreSQL requires): for unit_id
** wrap in CAST(... AS INTEGER) where an id is needed.
** Expands to a string literal (db_prepare accepts it).
*/
#define CADRE_AT_SQL(C, FIELD, D)                                                                        \
  "(CASE WHEN " C ".dated = 0 THEN CAST(" C "." FIELD " AS TEXT) ELSE (SELECT cv_.value FROM cadre_values cv_ WHERE "   \
  "cv_.cadre_id = " C ".id AND cv_.field = '" FIELD "' AND cv_.valid_from <= " D                          \
  " ORDER BY cv_.valid_from DESC, cv_.id DESC LIMIT 1) END)"

/* True for the names of the dated columns above. */
int cadre_dated_column(const char *column);

/*
** Give dated column `column` of cadre `cadre_id` the value `value` (NULL =
** none; for unit_id the unit id in decimal) from date `from` (YYYY-MM-DD,
** not after today). On the cadre's first dated change the values it had so
** far are kept as holding since always. The cadre's row then gets the value
** of today. *old_at (may be NULL) receives the value that held on `from`
** before the change (arena). In the caller's transaction. 0, CB_EINVAL
** (column or date), CB_EDB.
*/
int cadre_dated_set(Db *db, Arena *a, long long cadre_id, const char *column, const char *value, const char *from,
                    const char **old_at);

/*
** The day the value of dated column `column` in force today holds from (arena, ISO): its row's valid_from, or
** CADRE_SINCE_ALWAYS for a cadre without dated rows. An entry error is corrected from that day (cadre_edit.h:
** CadrePatch.entry_error), so that it replaces the wrong value instead of starting a new period. 0, CB_EINVAL,
** CB_EDB.
*/
int cadre_dated_since(Db *db, Arena *a, long long cadre_id, const char *column, const char **from);

/* The value of dated column `column` of cadre `cadre_id` on `date` (arena; NULL = none). 0, CB_EINVAL, CB_EDB. */
int cadre_dated_get(Db *db, Arena *a, long long cadre_id, const char *column, const char *date, const char **out);

#endif

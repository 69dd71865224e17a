/*
** Units (đơn vị): the organization tree. Each unit stores its materialized
** path of ids ("/1/5/23/"), so a subtree -- and a user's unit scope -- is a
** prefix test. A scope is passed around as such a path; NULL means "all".
*/
#ifndef CANBO_UNIT_H
#define CANBO_UNIT_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"

typedef struct {
  long long id, parent_id; /* parent_id 0: a root */
  const char *code, *name, *level, *parent_code, *locality, *valid_from, *valid_to;
  const char *path;        /* "/1/5/23/" */
  int depth;               /* 0 for roots (filled by unit_list) */
} Unit;

/* The unit levels from the top down, NULL-terminated (UNIT_NLEVELS entries before it). */
enum { UNIT_NLEVELS = 5 };
extern const char *const UNIT_LEVELS[UNIT_NLEVELS + 1];
/* True for central|province|district|commune|grassroots. */
bool unit_level_valid(const char *level);
/* The Vietnamese label of a level ("cấp xã"...), never NULL. */
const char *unit_level_label(const char *level);
/*
** Insert u (code, name, level, parent_code, locality, valid_from, valid_to).
** Sets u->id and u->path. CB_EEXIST when the code exists, CB_ENOTFOUND when
** parent_code names no unit, CB_EDB otherwise. The caller owns the transaction.
*/
int unit_insert(Db *db, Arena *a, Unit *u);
/*
** The unit with `code`, if it lies in `scope`. 0 or CB_ENOTFOUND. Here and in unit_find_id and unit_list the
** strings may be the units memo's (core/db.h db_memo): shared, read-only, valid until db_memo_settle (the next
** HTTP request on the connection) or db_close -- copy them to keep them longer.
*/
int unit_find(Db *db, Arena *a, Scope scope, const char *code, Unit *out);
int unit_find_id(Db *db, Arena *a, long long id, Unit *out);
/*
** The nearest unit at or above the unit with path `path` ("/1/5/23/") whose level is one of `levels` (NULL-ended):
** the path's ids looked up from the unit upwards (unit_find_id, the memo when it answers). 0, CB_ENOTFOUND (none,
** or no path), CB_EDB.
*/
int unit_nearest(Db *db, Arena *a, const char *path, const char *const *levels, Unit *out);
/* All units in `scope`, in tree order (parent before children, siblings by id), in an array of a's. */
int unit_list(Db *db, Arena *a, Scope scope, Unit **out, int *n);
/*
** The units in `scope` that exist on `date` (ISO YYYY-MM-DD): valid_from
** empty or <= date and valid_to empty or >= date, in unit_list() tree order.
** A NULL/empty date lists every unit (as unit_list). 0, CB_EINVAL (a date
** that is not YYYY-MM-DD), CB_EDB.
*/
int unit_list_at(Db *db, Arena *a, Scope scope, const char *date, Unit **out, int *n);
/* True when unit u exists on `date` (ISO YYYY-MM-DD; NULL/empty: always). */
bool unit_exists_on(const Unit *u, const char *date);
/* True when `path` lies in `scope` (NULL scope: everything). */
bool unit_path_in_scope(const char *path, const char *scope);

#endif

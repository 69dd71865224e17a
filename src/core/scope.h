/*
** Unit scope as a value (docs/SECURITY.md, "Permissions and scope").
**
** A user may be limited to one unit's subtree; a Scope says which. It is a
** struct, never a pointer, so it cannot be NULL and cannot be passed where a
** unit code or a date string is expected (a swap of arguments does not
** compile). Three kinds:
**   scope_all()        everything: unscoped users and the CLI only;
**   scope_unit(path)   the subtree of the unit with that path ("/1/9/");
**   scope_none()       nothing: no session, or a malformed path; a
**                      zero-filled Scope is this one.
** The router fills Req.scope once from the session (http_router.c); domain
** functions that read or write people take it right after their Db and Arena
** arguments. In SQL the subtree test is written only through SCOPE_SQL and
** bound only through scope_bind.
*/
#ifndef CANBO_SCOPE_H
#define CANBO_SCOPE_H
#include <stdbool.h>
#include "core/db.h"
#include "core/scope.h"

typedef struct Scope {
  const char *prefix_; /* private: the unit path ("/1/9/"), or scope.c's all marker; NULL (zero-filled) = nothing */
} Scope;

/* Everything. Only for a user without a unit scope and for the CLI. */
Scope scope_all(void);
/* Nothing (a request without a session). */
Scope scope_none(void);
/* The subtree of the unit whose path is `unit_path` ("/1/9/": starts and ends with '/').
   NULL, "" or a path of another shape gives scope_none(), never everything. */
Scope scope_unit(const char *unit_path);
/* A user's stored scope string: NULL or "" = scope_all(), else scope_unit(s). */
Scope scope_from_user(const char *stored);

bool scope_is_all(Scope s);
bool scope_is_none(Scope s);
/* Is the unit with path `unit_path` inside the scope? (a NULL path is inside only scope_all) */
bool scope_contains(Scope s, const char *unit_path);
/* The unit path of a unit scope; NULL for scope_all and scope_none. */
const char *scope_unit_path(Scope s);

/* The subtree test in SQL: column `col` (a unit path) within the scope bound at
   parameter number `n` by scope_bind. Example:
     "SELECT ... FROM cadres c JOIN units u ON u.id = c.unit_id WHERE" SCOPE_SQL("u.path", 1)  */
#define SCOPE_SQL(col, n) " (?" #n " IS NULL OR (" col " >= ?" #n " AND " col " < substr(?" #n ", 1, length(?" #n ") - 1) || '0')) "
/* Bind the scope for SCOPE_SQL(_, idx). */
void scope_bind(DbStmt *st, int idx, Scope s);

/* TRANSITION ONLY: the old nullable string (NULL = everything) for domain functions
   not yet converted; scope_none() gives a prefix no path has. To be removed. */
const char *scope_legacy(Scope s);
/* TRANSITION ONLY: the Scope of an old nullable string (NULL or "" = everything; anything not a unit path = nothing). */
Scope scope_from_legacy(const char *s);

#endif

/*
** PostgreSQL backend, engine-independent helpers (issue 13): the one place where
** the `?` placeholders of the domain SQL become PostgreSQL's $1..$n.
** Pure string work, no libpq, so it is unit-tested without a server.
*/
#ifndef CANBO_DB_PG_SQL_H
#define CANBO_DB_PG_SQL_H
#include <stdbool.h>
#include "core/buf.h"

/*
** Translate every `?` outside quoted text to $1, $2, ... in order, and `?NNN` to $NNN
** (a plain `?` takes the number after the largest so far, as in SQLite); and SQLite's
** join-order hint `CROSS JOIN t ON ...` becomes `JOIN t ON ...` (PostgreSQL allows no ON
** after CROSS JOIN; the domain writes CROSS JOIN only with ON); and SQLite's other planner
** hint, a unary plus before a column ("WHERE +c.id IN", "AND +c.gender = ?"), is dropped. Left untouched:
** '...' strings (with '' inside), "..." identifiers, -- line comments and block
** comments. Returns a malloc'd string (caller frees) and the number of parameters
** (the largest number used) in *nparams, or NULL when out of memory or the text ends inside a quote/comment.
*/
char *db_pg_translate(const char *sql, int *nparams);

/*
** Whether one generic plan serves a translated statement whatever its values: it has parameters and compares
** each one by equality ("col = $n": which index and join order are right does not depend on the value).
** Ranges, optional filters ("$1 IS NULL OR ..."), IN lists, LIMIT, function arguments and VALUES are planned
** for their values: the generic plans of such statements fell off cliffs (docs/DECISIONS.md, issue 13).
** A statement that begins with DB_ONE_PLAN (core/db.h) is generic whatever its parameters.
*/
bool db_pg_generic_safe(const char *pgsql);

/*
** One field of a row of COPY ... FROM STDIN in text format, appended to b after a tab unless it is the row's
** first: kind 0 is NULL (\N); 'b' a bytea of len bytes (\\x and its hex: the backslash escaped); anything
** else text, with backslash, tab, newline and carriage return escaped (so no field can end its row or the
** data). The caller ends the row with a newline.
*/
void db_pg_copy_field(Buf *b, bool first, const char *v, int len, char kind);

#endif

/*
** The audit log: one row per change (import, edit, user change), export and
** denied request -- who, when, what, before/after -- written in the same
** transaction as the change. Rows are chained: each row's hash covers the
** previous row's hash and its own fields, so editing or deleting a row breaks
** the chain and `canbo audit verify` names the first broken row.
*/
#ifndef CANBO_AUDIT_H
#define CANBO_AUDIT_H
#include "core/db.h"

/*
** Append a row. `before` / `after` are JSON texts or NULL. Call inside the
** caller's transaction (db_begin ... db_commit) so the row commits with the
** change; outside one (no transaction, or only db_read_begin's) it takes the
** write lock and commits the row by itself, ending the read transaction.
** 0 or CB_EDB.
*/
int audit_log(Db *db, const char *actor, const char *action, const char *entity, const char *entity_key,
              const char *before, const char *after);
/*
** Walk the chain from the first row. 0 when intact; CB_EINVAL when a row's
** hash or link is wrong (*bad_id names it; a deleted row shows as the row
** after the gap); CB_EDB on failure.
*/
int audit_verify(Db *db, long long *bad_id, long long *rows);
/* Route buckets an actor and address get per minute in the denials table; further routes count under '*'. */
#define AUDIT_DENIAL_ROUTES 16
/*
** Count one refused request (403): in the denials table, per minute, actor
** (user name or "anonymous"), client address, route ("METHOD /pattern" of
** the route table, never the requested path) and reason. The first refusal
** of a bucket also appends one audit row ("denied", entity "route", key the
** route, after {"reason","addr","minute"}); the next ones only add to its
** count. An actor and address get at most AUDIT_DENIAL_ROUTES route buckets a
** minute, the rest counting under route '*': a flood of refusals grows the
** audit log by at most AUDIT_DENIAL_ROUTES + 1 rows a minute per actor and
** address, and the denials table by as many small rows. Takes the write lock
** (its own transaction). 0 or CB_EDB.
*/
int audit_denial(Db *db, const char *actor, const char *addr, const char *route, const char *reason);
/* The actor name for CLI commands: "cli:<login name>". Static storage. */
const char *audit_cli_actor(void);

#endif

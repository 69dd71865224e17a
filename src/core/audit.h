/*
** The audit log: one row per change (import, edit, user change), export and
** denied request -- who, when, what, before/after -- written in the same
** transaction as the change. Rows are chained: each row's hash covers the
** previous row's hash and its own fields, so editing or deleting a row breaks
** the chain and `canbo audit verify` names the first broken row.
*/
#ifndef CANBO_AUDIT_H
#define CANBO_AUDIT_H
#include <stdbool.h>
#include <stddef.h>
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

/*
** The head file (docs/SECURITY.md): "<database file>.audit-head", one line
** "ID HASH" naming the newest audit row and its hash. It is rewritten after
** every commit that appended audit rows (db_after_commit), atomically
** (a temporary file renamed over it) and never backwards (under flock, only
** a newer row replaces it). The chain alone cannot show that the newest rows
** were deleted, nor a chain recomputed from an edited row on: the head file,
** kept outside the database, does.
*/
typedef enum {
  AUDIT_HEAD_OK,       /* the head file names the newest row, with its hash */
  AUDIT_HEAD_BEHIND,   /* newer rows than the head file names (a crash between commit and head write); its row matches */
  AUDIT_HEAD_MISSING,  /* no head file, while the log has rows */
  AUDIT_HEAD_AHEAD,    /* the head file names a row the log no longer has: newest rows deleted */
  AUDIT_HEAD_MISMATCH, /* its row has another hash: the chain was rewritten (recomputed) */
  AUDIT_HEAD_BAD,      /* the head file cannot be read or parsed */
  AUDIT_HEAD_NONE,     /* a temporary database: no head file */
} AuditHeadState;

typedef struct {
  long long rows, bad_id;      /* rows walked; the first broken row (chain) */
  long long last_id;           /* the newest row (0: none) */
  char last_hash[65];
  AuditHeadState head;
  long long head_id;           /* what the head file says */
  char head_hash[65];
  char head_path[4096];
} AuditCheck;

/*
** The whole check of `canbo audit verify`: the chain (audit_verify), then
** the head file against the newest rows. 0 when the chain is intact and the
** head is OK or BEHIND; CB_EINVAL otherwise (c says what); CB_EDB.
*/
int audit_check(Db *db, AuditCheck *c);
/*
** Write the head file of db's database for its newest audit row now
** (nothing for a temporary database or an empty log). Never backwards unless
** `force` (`canbo audit verify --write-head`, after an operator checked a
** restored database). Called on the commit path by audit_log; also by
** `canbo backup`. 0 or CB_EIO (message on stderr).
*/
int audit_head_write(Db *db, bool force);
/* The head file path of a database file ("<file>.audit-head") into buf. */
void audit_head_path(const char *db_file, char *buf, size_t cap);
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

/*
** The store API. Domain code talks to the database only through these
** functions, never to SQLite directly, so that a PostgreSQL backend can be
** added behind the same API (placeholders are written `?` everywhere and
** translated in one place by the backend).
**
** Safety: statement text comes only from string literals (db_prepare and
** db_exec are macros that refuse anything else); values are always bound.
** SQL assembled from whitelisted fragments goes through the greppable
** db_prepare_trusted().
**
** One Db per thread: a connection is not shared between threads. Each Db
** owns an ICU collator used by COLLATE vi / vi_name.
*/
#ifndef CANBO_DB_H
#define CANBO_DB_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/vi.h"

typedef struct Db Db;
typedef struct DbStmt DbStmt;

enum { DB_DONE = 0, DB_ROW = 1 };

/*
** Open (creating if needed) the database at `path`: WAL, foreign keys on,
** busy timeout, collations `vi` and `vi_name`, function `vi_fold(text)`.
** Does not migrate. Returns 0 or CB_EDB (message on stderr).
*/
int db_open(const char *path, Db **out);
/* True when `target` names a PostgreSQL database (postgresql:// or postgres:// URL), not a file. */
bool db_is_url(const char *target);
/* The engine of the connection: "sqlite" or "postgresql". */
const char *db_engine_name(Db *db);
void db_close(Db *db);
/* Apply the embedded migrations the database lacks, each in a transaction. */
int db_migrate(Db *db, int *applied);
/* True when the schema is at the newest migration. */
bool db_is_current(Db *db);
/* The last error message of this connection. */
const char *db_error(Db *db);
ViCollator *db_collator(Db *db);

#define db_prepare(db, sql) db_prepare_trusted((db), "" sql "")
/*
** Prefix of a statement run once per item of a list whose plan cannot depend on its values: it is driven by an
** equality on a key (e.g. "p.cadre_id = ?1"), with dates or optional filters beside. PostgreSQL plans it once for
** all values (a generic plan; a custom plan costs ~0.5-1 ms per execution, more than running it); without the
** mark only statements whose every parameter is an equality are (db_pg_sql.h). A comment to SQLite.
**   db_prepare(db, DB_ONE_PLAN "SELECT ... WHERE p.cadre_id = ?1 AND p.start_date <= ?2")
** Also for a list that reads its whole table (the proposals, decisions, disciplines, rotations of a scope: a few
** thousand rows a year, not paged) or a window the code bounds (APPT-8's 90 days of term ends), joined to the
** rest by primary keys only: its plan is the same for every scope and year. And for the counters (train_counts,
** eval_counts, home_counts, unit_counts: a row per unit and key) read over a subtree's units, and the few titles
** or units a report starts from. Never for a statement over the cadres,
** positions, trainings or ratings by a range, a scope or a LIMIT: those are the generic plans that fell off cliffs
** (docs/DECISIONS.md).
*/
#define DB_ONE_PLAN "/* one plan */ "
#define db_exec(db, sql) db_exec_trusted((db), "" sql "")
/* Prepare SQL built only from literals and whitelisted names. NULL on error. */
DbStmt *db_prepare_trusted(Db *db, const char *sql);
/*
** "?F, ?F+1, ..., ?F+n-1" (F = first): the placeholders of an IN (...) list of n values bound from F, in `a`;
** "NULL" when n is 0 (an IN that matches nothing). Text a caller may splice into db_prepare_trusted SQL: made
** from a count, never from a value. A statement takes up to 1,024 parameters on PostgreSQL (db_pg.c).
*/
const char *db_in_params(Arena *a, int first, int n);
/*
** Prepare SQL with one IN list of ids: `sql` is a literal holding "%s" where the list's placeholders go (db_in_params
** from `first`; each "%s" gets the same ones, so the list can be asked in two places); the ids are bound here, the
** caller binds the other parameters (numbered before `first`). The list is padded to a power of two (up to 512
** places) with the last id repeated, so that a few statements serve every length; `%s` must be the inside of an
** IN (...), where repeats change nothing. NULL on error.
*/
#define db_prepare_in(db, a, sql, first, ids, n) db_prepare_in_trusted((db), (a), "" sql "", (first), (ids), (n))
DbStmt *db_prepare_in_trusted(Db *db, Arena *a, const char *sql, int first, const long long *ids, int n);
/* Run statements without parameters. 0 or CB_EDB. */
int db_exec_trusted(Db *db, const char *sql);

/* Bind by 1-based index. A NULL string binds SQL NULL. */
void db_bind_text(DbStmt *st, int i, const char *s);
void db_bind_int(DbStmt *st, int i, long long v);
void db_bind_null(DbStmt *st, int i);
void db_bind_blob(DbStmt *st, int i, const void *p, int n);
/* DB_ROW, DB_DONE, CB_EEXIST (unique/primary key violated) or CB_EDB. */
int db_step(DbStmt *st);
/* Columns by 0-based index; text is NULL for SQL NULL, valid until the next step. */
const char *db_text(DbStmt *st, int col);
long long db_int(DbStmt *st, int col);
bool db_isnull(DbStmt *st, int col);
int db_column_count(DbStmt *st);
const char *db_column_name(DbStmt *st, int col);
void db_reset(DbStmt *st);
void db_finalize(DbStmt *st);
/* Step once and finalize: returns DB_DONE/DB_ROW-free status (0) or the error. */
int db_run(DbStmt *st);

/*
** Bulk mode for loads of many rows (demo, big imports) on this connection:
** on = a large page cache and no per-row foreign-key checks (callers resolve
** every reference themselves); off = the normal settings. Call it outside a
** transaction (SQLite ignores the foreign-key switch inside one).
*/
int db_bulk_mode(Db *db, bool on);

/*
** Around creating the indexes of freshly loaded tables (table_index_resume): on = settings that build them
** fastest (SQLite: a small page cache, so that the sorter sorts in runs and merges; bulk mode's large cache
** made CREATE INDEX twice as slow), off = the settings before. Nothing to do on PostgreSQL.
*/
int db_index_build(Db *db, bool on);

/*
** Batched writes, inside a write transaction: until db_batch(db, false), an
** INSERT/UPDATE/DELETE whose answer the caller does not read may be sent
** without waiting for it (PostgreSQL: libpq's pipeline; SQLite: no change).
** A failed write then fails the next call that reads an answer, or
** db_batch(db, false), and the transaction with it: use it only where any
** error is fatal to the transaction anyway. Bulk mode batches too. 0 or CB_EDB.
*/
int db_batch(Db *db, bool on);

/*
** A statement that appends rows to one table, as fast as the engine takes them: `target` is trusted text
** "table(col1, col2, ...)" (canbo's literals or names from the catalog). Bind one value per column, 1-based as
** db_prepare's, db_step (DB_DONE) and db_reset for each row, db_finalize when done. SQLite: an INSERT INTO
** target VALUES(?, ...). PostgreSQL: the rows go by COPY target FROM STDIN, which stays open across rows (and
** across statements of the same target) until anything else runs on the connection: a row's error (a key
** twice, a value refused) is reported by that next call -- or by db_rows_end -- not by the row's own step, and
** fails the transaction. So: for loads that fail as a whole, whose references were checked beforehand. NULL on
** a target that is not "name(columns)".
*/
DbStmt *db_prepare_rows(Db *db, const char *target);
/* Finish the rows streamed by db_prepare_rows statements: 0, or CB_EEXIST / CB_EDB (db_error) for their error. */
int db_rows_end(Db *db);
/*
** The error of rows streamed in the current transaction, whichever call reported it (a later statement may have
** replaced db_error with "the transaction is aborted"), or NULL: the caller can tell a refused row it wrote long
** before from an error of its own statement. Forgotten when the transaction ends (ROLLBACK, a COMMIT sent) or a new
** one begins. NULL on SQLite, whose rows fail at their own steps.
*/
const char *db_rows_error(Db *db);

/*
** A page read with LIMIT `limit` OFFSET `offset` (limit <= 0: no LIMIT) that gave n rows: when those rows tell how
** many the whole list holds -- it was read whole, or this is its last page (fewer rows than the limit, and not an
** empty page past the end) -- that number into *total and true; false: the caller counts the list.
*/
bool db_page_total(int offset, int limit, int n, long long *total);

/*
** Run several reads at once: statements prepared and bound, none stepped yet, whose rows the caller then reads
** with db_step as usual, in any order (e.g. the lists of one cadre's file). PostgreSQL sends the SELECTs among
** them in one pipeline -- one round trip instead of one each -- and keeps their rows; SQLite does nothing (each
** runs at its first db_step). What is not sent here runs at its first db_step as always: a write, a statement
** already stepped or listed twice, those past the 32nd, all of them when the pipeline could not be sent. When one
** fails on the server, it and those sent after it fail at their first db_step (CB_EDB, the first error being the
** connection's, db_error) without running again. NULL entries are skipped. 0, or CB_EDB after a failure.
*/
int db_run_together(Db *db, DbStmt *const *sts, int n);

/*
** A read transaction around a whole request: one snapshot and one lock
** acquisition for all its statements instead of one per statement.
** db_begin() ends an open read transaction first (so a handler that writes
** still goes through the one writer path); db_read_end() is a no-op then.
*/
int db_read_begin(Db *db);
void db_read_end(Db *db);

/* Transactions: BEGIN IMMEDIATE (the one writer path) / COMMIT / ROLLBACK. */
int db_begin(Db *db);
/* True inside a transaction opened by db_begin (not db_read_begin's). */
bool db_in_write_tx(Db *db);
int db_commit(Db *db);
int db_rollback(Db *db);
long long db_last_id(Db *db);
int db_changes(Db *db);

/* --- hardening (issue 12): the audit head file --- */
/*
** Run fn(db) once after the current write transaction commits successfully
** (db_commit); a rollback forgets it. One hook at a time: the audit log uses
** it to write its head file (core/audit.h) on the commit path.
*/
void db_after_commit(Db *db, void (*fn)(Db *db));
/*
** The process-wide hook run inside every write transaction just before its
** COMMIT (db_commit), except during migrations: it completes the
** transaction's derived data (the counters, domain/counters.h). A non-zero
** return rolls the transaction back and db_commit returns it.
*/
void db_before_commit(int (*fn)(Db *db));
/*
** Give up everything a request left open on this connection when it was cut
** short (core/arena.h budget): finalize the statements it did not, roll back
** its transaction (write or read). The connection is then as new.
*/
void db_abandon(Db *db);
/* The database file's absolute path, or "" for a temporary/in-memory database. */
const char *db_file(Db *db);
/*
** Copy the whole database of `src` into the file `dest_path` (created or
** overwritten) as one consistent snapshot, with SQLite's online backup API:
** writers on other connections go on meanwhile (WAL), and the copy is what
** was committed when the copy began. The copy is a single file (rollback
** journal mode). 0 or CB_EDB (message on stderr).
*/
int db_backup_to(Db *src, const char *dest_path);
/* Replace the whole database of `dst` by the database file `src_path` (the backup API in reverse). 0 or CB_EDB. */
int db_restore_from(Db *dst, const char *src_path);
/* PRAGMA integrity_check: 0 when "ok", CB_EINVAL otherwise (its first message into msg), CB_EDB. */
int db_integrity_check(Db *db, char *msg, size_t cap);

/* --- issue 13: what `canbo copy` needs to move a whole database between engines --- */
/*
** The tables that hold canbo's data, in the order they were created: not the engine's own, not the
** search index's (SQLite FTS5), not schema_migrations. Names in `a`. 0 or CB_EDB.
*/
int db_tables(Db *db, Arena *a, const char ***names, int *n);
/* The bytes of a blob column (valid until the next step) and their number; NULL when the value is no blob. */
const void *db_blob(DbStmt *st, int col, int *len);
/* Check foreign keys only at COMMIT in the current write transaction (rows may come in any order). */
int db_defer_foreign_keys(Db *db);
/* After rows were written with their ids: the next id `table` generates follows the largest. 0 or CB_EDB. */
int db_sync_ids(Db *db, const char *table);

/* --- issue 9: memos of small reference lists, checked against the data version --- */
/* The memo slots (one per cached list). */
enum { DB_MEMO_TITLES, DB_MEMO_UNITS, DB_MEMO_RULES, DB_NMEMO };
/*
** The value of memo `slot` as of what the database holds now: kept from an
** earlier call when nothing was committed since, by any connection of any
** process (SQLite: PRAGMA data_version with this connection's own row
** changes), else built by load(db, arena, &value) into an arena the memo
** owns.
** *out is NULL when no memo may be used -- inside a write transaction, whose
** rows could be rolled back, or on an engine that cannot tell its data
** version: the caller reads the database itself then. On PostgreSQL the version is memo_version's count of the
** statements that changed units, titles or rule versions (schema/pg/0045_memo_version.sql), read in the request's
** snapshot: a memo serves later requests until such a change is committed by any server.
** A value handed out stays readable -- shared, never to be written -- until db_memo_settle or db_close, even when
** a later call replaces it: callers keep its strings without copying them (issue 9, the profile under load).
** 0, or load's error.
*/
int db_memo(Db *db, int slot, int (*load)(Db *db, Arena *a, void **value), void **out);
/* Nothing db_memo handed out before is in use any more (the server calls it as each request starts): free the
   values replaced since. A long command outside the server that reloads memos many times (other writers
   committing between its reads) holds every replaced one until db_close unless it calls this at a safe point. */
void db_memo_settle(Db *db);
/*
** The data version db_memo checks, for a cache kept elsewhere (the session cache): two equal readings
** mean nothing was committed in between by any connection of any process (PostgreSQL: only within one
** request's read transaction). False -- keep nothing -- inside a write transaction or outside a read
** transaction on PostgreSQL.
*/
bool db_data_version(Db *db, long long version[2]);

#endif

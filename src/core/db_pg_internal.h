/*
** Inside the PostgreSQL engine (core/db_pg.c, core/db_pg_batch.c; the API is core/db.h): the connection and
** statement structs and the calls the two files share. Nothing else includes this header.
*/
#ifndef CANBO_DB_PG_INTERNAL_H
#define CANBO_DB_PG_INTERNAL_H
#include <libpq-fe.h>
#include <stdbool.h>
#include "core/buf.h"
#include "core/db_engine.h"

#define PG_CACHE 512    /* prepared statements kept per connection */
#define PG_MAXPARAM 1024 /* the most parameters a statement may have (db_in_params lists of titles: a few hundred) */
#define PG_VALUE_PLANS 64 /* plans kept per set of values, per connection (db_pg_plans.c) */
#define PG_VALUE_SEEN 256 /* sets of values remembered from their first time */
#define OID_BOOL 16
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_TEXT 25
#define PIPE_MAX 256    /* queued bulk writes before their answers are read */
#define COPY_CHUNK (256 * 1024) /* bytes of db_prepare_rows rows sent to the server at a time */
/* PgDb.plan_now: unknown after anything that may have undone a SET (a rollback, a failed statement) */
enum { PLAN_UNKNOWN, PLAN_CUSTOM, PLAN_GENERIC };

/* One prepared statement of the connection. */
typedef struct {
  const char *key; /* the SQL text as first passed (NULL: free slot; only a mark: compared by `sql`) */
  char *sql;       /* copy of the text, to compare on a hit */
  char *pgsql;     /* the text with $n placeholders */
  int nparams;
  char name[16];   /* "cbN"; empty until prepared */
  bool generic;    /* db_pg_generic_safe: executed with a generic plan (when the session's plan mode is canbo's) */
  bool no_values;  /* its text could not be prepared with values written in (db_pg_plans.c): never tried again */
  Oid *ptypes;     /* the parameters' types as the server inferred them (db_pg_plans.c; malloc'd when asked) */
  unsigned char typed[PG_MAXPARAM]; /* parameter typed when the context gives none: 0, 'i', 't', 'b' */
} PgPrep;

/* A plan kept for one set of values (db_pg_plans.c). */
typedef struct {
  char *sql;          /* the statement with the values written in; NULL: free */
  unsigned long long h;
  unsigned long long used; /* PgDb.vclock when last used */
  char name[16];      /* "cvN" */
} PgValuePlan;

typedef struct {
  Db base;
  PGconn *c;
  PgPrep cache[PG_CACHE];
  unsigned next_victim;
  unsigned serial;      /* statement names */
  char err[1024];       /* the last error of this connection */
  int changes;          /* rows changed by the last statement */
  char last_table[64];  /* table of the last INSERT (db_last_id) */
  bool bulk;            /* db_bulk_mode: writes without savepoints, queued */
  char plan_mode[32];   /* the session's plan_cache_mode before bulk mode */
  bool plan_switch;     /* plan_cache_mode is canbo's (SESSION_DEFAULTS set it): statements switch it as they need */
  int plan_now;         /* the session's plan_cache_mode as far as canbo knows: PLAN_UNKNOWN, PLAN_CUSTOM, PLAN_GENERIC */
  long long memo_read;  /* the read transaction (Db.read_serial) whose memo_version count memo_n holds; 0: none */
  long long memo_n;
  bool memo_table;      /* memo_version was read on this connection: it exists, its count rides with each BEGIN */
  bool memo_named;      /* its read is prepared on the connection (pg_send_begin) */
  bool begin_named;     /* BEGIN_READ is prepared on the connection (pg_send_begin) */
  bool batch;           /* db_batch: the same, in a stretch of a transaction */
  int queued;           /* bulk writes sent whose answers are not read yet (pipeline mode) */
  long long pipe_value; /* the one-value answer of a query sent last in the pipeline (pg_last_id) */
  bool begin_pending;   /* a read transaction's BEGIN not sent yet: it goes with the first statement (pg_conn_ready) */
  bool commit_unread;   /* a read transaction's COMMIT sent, its answer not read yet (pg_end_read) */
  char *copy_sql;       /* the COPY ... FROM STDIN of db_prepare_rows rows in progress (pg_copy_end); NULL: none */
  Buf copy_buf;         /* its rows not sent yet */
  bool copy_lost;       /* some of its rows could not be sent: it ends as failed */
  char rows_err[1024];  /* db_rows_error: the error of rows streamed in this transaction; "" none */
  PgValuePlan vplan[PG_VALUE_PLANS]; /* plans kept per set of values */
  unsigned long long vclock;
  unsigned long long vseen[PG_VALUE_SEEN]; /* hashes of sets of values seen once (a ring) */
  unsigned vseen_next;
} PgDb;

typedef struct {
  DbStmt base;
  PgPrep *p;       /* its prepared statement (a cache slot, or `own`) */
  PgPrep own;      /* when the cache had no room */
  char *vals[PG_MAXPARAM];
  int lens[PG_MAXPARAM];
  int fmts[PG_MAXPARAM];
  char kind[PG_MAXPARAM]; /* what was bound: 'i' int, 't' text, 'b' blob, 0 null */
  PGresult *res;
  int row;    /* current row; -1 before the first step */
  int ntuples;
  int done;   /* executed and the last row passed */
  int failed; /* db_run_together: it failed there, or was sent after one that did: its step fails (CB_EDB) */
  unsigned char *blob; /* the last db_blob value (PQunescapeBytea) */
  PGresult *desc;      /* the statement's description, asked before its first step */
  bool rows;           /* db_prepare_rows: each step adds a row to the COPY of p->sql (pg_copy_row) */
  char bool_text[2][2];
} PgStmt;

#define PDB(db) ((PgDb *)(db))
#define PST(st) ((PgStmt *)(st))

#define BEGIN_READ "BEGIN ISOLATION LEVEL REPEATABLE READ" /* db_engine_pg.begin_read */
#define BEGIN_NAME "cb_begin" /* BEGIN_READ prepared once per connection (pg_open) */
#define MEMO_NAME "cb_memo"   /* the memos' version read, prepared once memo_version is known to exist */

/* --- db_pg.c: one statement at a time --- */
/* The connection's error: what, then msg (trailing newlines cut); printed with the SQL when sql is given. */
void pg_set_err(PgDb *d, const char *what, const char *msg, const char *sql);
/* Before anything talks to the server: a COPY in progress ended, a COMMIT's answer read, a BEGIN put off sent.
   0 or the error. */
int pg_conn_ready(PgDb *d);
void pg_drain_commit(PgDb *d); /* the answer of a read transaction's COMMIT sent without waiting, read */
int pg_prep_server(PgDb *d, PgPrep *p, PgStmt *st); /* p prepared on the server (typing untyped parameters) */
/* PQprepare, under a savepoint in a transaction (a refusal must not abort it); the caller has called pg_conn_ready
   and clears the result. */
PGresult *pg_prepare_guarded(PgDb *d, const char *name, const char *sql, int nparams, const Oid *types);
PGresult *pg_next_result(PGconn *c);                 /* the next query's result of a pipeline */
bool pg_send_plain(PgDb *d, const char *sql);         /* a statement without parameters into the pipeline */
bool pg_send_stmt(PgDb *d, PgStmt *st, const char *vname); /* st into the pipeline (as the plan vname when given) */
bool pg_send_begin(PgDb *d);   /* a read transaction's BEGIN into the pipeline (with the memos' version: pg_read_begin) */
int pg_read_begin(PgDb *d);    /* the answers to pg_send_begin read: 0 or CB_EDB (the error set) */
int pg_plan_of(const PgPrep *p);                      /* PLAN_GENERIC or PLAN_CUSTOM */
const char *pg_plan_set(PgDb *d, const PgPrep *p, int plan_now); /* the SET plan_cache_mode p needs, or NULL */
bool pg_is_write(const char *sql);                    /* INSERT/UPDATE/DELETE/REPLACE */
void pg_note_insert(PgDb *d, const char *sql);        /* the table of an INSERT, for db_last_id */
int pg_exec(Db *db, const char *sql);
bool pg_in_tx(Db *db);

/* --- db_pg_batch.c: several statements or rows in one go --- */
int pg_copy_end(PgDb *d);                  /* the COPY of db_prepare_rows rows in progress ended: 0 or its error */
void pg_copy_abort(PgDb *d);               /* the COPY in progress ended as failed, its rows not applied (a ROLLBACK) */
int pg_copy_row(PgStmt *st);               /* a row of a db_prepare_rows statement: DB_DONE or CB_EDB */
int pg_pipe_settle(PgDb *d);               /* the answers of queued writes read, pipeline mode left: 0 or the error */
int pg_execute_queued(PgDb *d, PgStmt *st); /* a bulk write sent without waiting: DB_DONE or CB_EDB */
int pg_run_together(Db *db, DbStmt *const *sts, int n);
int pg_bulk_mode(Db *db, bool on);
int pg_batch(Db *db, bool on);
DbStmt *pg_prepare_rows(Db *db, const char *target, int cols);
int pg_rows_end(Db *db);
const char *pg_rows_error(Db *db);

/* --- db_pg_plans.c: plans kept per set of values --- */
/* The name of a statement prepared with st's values written in, to run without parameters instead of st (its
   values seen before on this connection), or NULL: run st as it is. May talk to the server (pg_conn_ready). */
const char *pg_value_plan(PgDb *d, PgStmt *st);
void pg_value_plans_free(PgDb *d);

#endif

/*
** The PostgreSQL engine of the store (core/db_engine.h; the API is core/db.h),
** with libpq, chosen by a postgresql:// URL (docs/ARCHITECTURE.md "Two engines").
**
** - The domain's `?` placeholders become $n in one place (db_pg_translate).
** - Each statement text is prepared once per connection (PQprepare, named
**   "cbN"), on its first step, and run with PQexecPrepared; all values are
**   sent as text of unknown type (the server takes the type from the context,
**   as SQLite would), blobs in binary. Where the context gives no type (e.g.
**   `? IS NULL`), the server refuses to prepare (SQLSTATE 42P18 or 42P08) and the
**   parameter named in the error is typed from what the caller bound (bigint
**   or text), and the statement prepared again.
** - A result is read whole (the domain runs other statements while it steps
**   through one); db_step then walks its rows.
** - Booleans read as 1/0, as SQLite's comparisons give.
** - In a transaction, every INSERT/UPDATE/DELETE (and a first PREPARE) runs
**   under a savepoint, so that a refused row (CB_EEXIST, which callers handle
**   and go on) does not abort the transaction as PostgreSQL otherwise would;
**   SAVEPOINT, the write and RELEASE go as one pipeline (one round trip).
** - db_begin takes a transaction-wide advisory lock: writers are serialized
**   across every server on the database, as SQLite's BEGIN IMMEDIATE does,
**   and the audit chain stays one chain.
** - db_last_id reads the identity sequence of the table of the last INSERT.
** - In bulk mode (demo, big imports, canbo copy: all or nothing, no savepoints) the writes are queued
**   in libpq's pipeline mode instead of waiting for each answer; anything that needs an answer (a read,
**   db_changes, db_last_id, COMMIT, ...) first settles the queue (pg_pipe_settle), and so does every
**   PIPE_MAX-th write (so neither side's socket buffer fills). An error of a queued write is
**   reported by the call that settles the queue; the transaction is then failed as a whole.
** - A request's read transaction (REPEATABLE READ) adds no round trip: its BEGIN goes in the pipeline of its
**   first statement and its COMMIT is not waited for (pg_conn_ready).
** - db_run_together sends several reads in one pipeline and keeps their results for their steps.
** - db_prepare_rows statements stream their rows by COPY ... FROM STDIN, which stays open until anything else
**   talks to the server: pg_conn_ready, pg_pipe_settle and execute end it first (pg_copy_end).
*/
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/db_pg_internal.h"
#include "core/db_pg_sql.h"
#include "core/err.h"

void pg_set_err(PgDb *d, const char *what, const char *msg, const char *sql) {
  snprintf(d->err, sizeof d->err, "%s%s", what, msg ? msg : "");
  size_t n = strlen(d->err);
  while (n && (d->err[n - 1] == '\n' || d->err[n - 1] == ' ')) d->err[--n] = 0;
  if (sql) fprintf(stderr, "canbo: SQL error: %s\n  in: %.300s\n", d->err, sql);
}

static void pg_close(Db *db);

/*
** A request's read transaction costs no round trip of its own: its BEGIN is put off (pg_exec) and sent in the
** same pipeline as the first statement (execute), and its COMMIT is sent without waiting for the answer
** (pg_end_read): the server ends the transaction as soon as the message arrives, and the answer -- which a
** read-only transaction's COMMIT cannot make an error of -- is read before the connection is next used.
** Everything else that talks to the server calls pg_conn_ready first: the answer read, the BEGIN sent on its own.
*/
void pg_drain_commit(PgDb *d) {
  if (!d->commit_unread) return;
  d->commit_unread = false;
  PGresult *r;
  while ((r = PQgetResult(d->c)) != NULL) PQclear(r);
}

int pg_conn_ready(PgDb *d) {
  if (d->copy_sql) return pg_copy_end(d); /* started after pg_conn_ready: no COMMIT unread, no BEGIN put off */
  pg_drain_commit(d);
  if (!d->begin_pending) return 0;
  d->begin_pending = false;
  PGresult *r = PQexec(d->c, BEGIN_READ);
  int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : CB_EDB;
  if (rc) pg_set_err(d, "", PQresultErrorMessage(r), NULL);
  PQclear(r);
  return rc;
}

/*
** The planner settings canbo's sessions use where nobody chose otherwise (the setting's source is still
** PostgreSQL's built-in default: not postgresql.conf, ALTER DATABASE/ROLE or the URL's options). canbo's
** statements are short lookups over data that fits in memory: with the defaults made for spinning disks and
** big analytic queries, PostgreSQL read every cadre with parallel workers to count a year's 6,874 trainings
** (230 ms; 33 ms by the primary key). docs/DECISIONS.md, issue 13.
*/
#define SESSION_DEFAULTS                                                                                      \
  "SELECT set_config(d.name, d.value, false) FROM (VALUES ('random_page_cost', '1.1'), "                       \
  "('max_parallel_workers_per_gather', '0'), ('jit', 'off'), ('plan_cache_mode', 'force_custom_plan')) AS d(name, value) "                               \
  "JOIN pg_settings s ON s.name = d.name WHERE s.source = 'default'"

static int pg_open(const char *url, Db **out) {
  PgDb *d = calloc(1, sizeof *d);
  if (!d) return CB_EDB;
  d->c = PQconnectdb(url);
  if (!d->c || PQstatus(d->c) != CONNECTION_OK) {
    fprintf(stderr, "canbo: cannot connect to %s: %s\n", url, d->c ? PQerrorMessage(d->c) : "out of memory");
    pg_close(&d->base);
    return CB_EDB;
  }
  PQsetClientEncoding(d->c, "UTF8");
  PGresult *r = PQexec(d->c, "SET client_min_messages = warning; SET TIME ZONE 'UTC'; " SESSION_DEFAULTS);
  for (int i = 0; PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++) /* the settings it set */
    if (strcmp(PQgetvalue(r, i, 0), "force_custom_plan") == 0) d->plan_switch = true, d->plan_now = PLAN_CUSTOM;
  PQclear(r);
  r = PQprepare(d->c, BEGIN_NAME, BEGIN_READ, 0, NULL);
  d->begin_named = PQresultStatus(r) == PGRES_COMMAND_OK;
  PQclear(r);
  *out = &d->base;
  return 0;
}

static void prep_clear(PgPrep *p) {
  free(p->sql);
  free(p->pgsql);
  free(p->ptypes);
  memset(p, 0, sizeof *p);
}

static void pg_close(Db *db) {
  PgDb *d = PDB(db);
  if (d->c) pg_drain_commit(d);
  for (int i = 0; i < PG_CACHE; i++) prep_clear(&d->cache[i]);
  pg_value_plans_free(d);
  free(d->copy_sql); /* a COPY left open: the server rolls its transaction back */
  buf_free(&d->copy_buf);
  PQfinish(d->c);
  free(d);
}

static const char *pg_error(Db *db) { return PDB(db)->err; }

bool pg_in_tx(Db *db) {
  PgDb *d = PDB(db);
  if (d->begin_pending) return true;
  return !d->commit_unread && PQtransactionStatus(d->c) != PQTRANS_IDLE; /* a COMMIT sent ended it */
}

/* Run statements without parameters (several, separated by semicolons, in one call). */
int pg_exec(Db *db, const char *sql) {
  PgDb *d = PDB(db);
  if (strcmp(sql, BEGIN_READ) == 0 && !pg_in_tx(db) && !d->bulk && !d->batch) {
    d->begin_pending = true; /* sent with the first statement (pg_conn_ready) */
    return 0;
  }
  if (d->begin_pending && (strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0)) {
    d->begin_pending = false; /* a transaction that ran nothing: nothing to end */
    return 0;
  }
  bool rollback = strncmp(sql, "ROLLBACK", 8) == 0;
  if (rollback) pg_copy_abort(d), d->rows_err[0] = 0; /* rows streamed and not ended: not applied */
  if (pg_conn_ready(d)) return CB_EDB; /* (ends a COPY in progress: a COMMIT then fails with its error kept) */
  if (strncmp(sql, "BEGIN", 5) == 0) d->rows_err[0] = 0;
  int queued_rc = pg_pipe_settle(d);
  if (queued_rc && !rollback) return queued_rc;
  bool was_failed = PQtransactionStatus(d->c) == PQTRANS_INERROR;
  PGresult *r = PQexec(d->c, sql);
  ExecStatusType s = PQresultStatus(r);
  int rc = 0;
  if (strcmp(sql, "COMMIT") == 0) d->rows_err[0] = 0; /* the transaction is over, committed or not */
  if (strncmp(sql, "ROLLBACK", 8) == 0 || was_failed) d->plan_now = PLAN_UNKNOWN; /* a SET of it may be undone */
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY) {
    pg_set_err(d, "", PQresultErrorMessage(r), NULL);
    rc = CB_EDB;
  } else if (strcmp(sql, "COMMIT") == 0 && (was_failed || strcmp(PQcmdStatus(r), "ROLLBACK") == 0)) {
    pg_set_err(d, "the transaction failed earlier and was rolled back", NULL, NULL); /* COMMIT of an aborted transaction */
    rc = CB_EDB;
    d->plan_now = PLAN_UNKNOWN;
  }
  PQclear(r);
  return rc;
}

/* Forget a prepared statement on the server and in p. */
static void prep_drop(PgDb *d, PgPrep *p) {
  if (p->name[0]) pg_copy_end(d); /* an error of its rows has failed the transaction: the next call reports it */
  if (p->name[0]) pg_drain_commit(d); /* a DEALLOCATE is fine inside or outside a transaction */
  if (p->name[0] && d->queued) pg_pipe_settle(d);
  if (p->name[0] && PQtransactionStatus(d->c) != PQTRANS_INERROR) {
    char dealloc[40];
    snprintf(dealloc, sizeof dealloc, "DEALLOCATE %s", p->name);
    PQclear(PQexec(d->c, dealloc));
  }
  prep_clear(p);
}

/* Fill p for `sql` (translated, not yet prepared on the server). 0 or CB_EDB. */
static int prep_init(PgDb *d, PgPrep *p, const char *sql) {
  p->sql = strdup(sql);
  p->pgsql = db_pg_translate(sql, &p->nparams);
  if (!p->sql || !p->pgsql || p->nparams > PG_MAXPARAM) {
    pg_set_err(d, "cannot translate the statement", NULL, sql);
    prep_clear(p);
    return CB_EDB;
  }
  p->key = sql;
  p->generic = db_pg_generic_safe(p->pgsql);
  return 0;
}

/* True when a live statement of the connection uses p (it must not be replaced under it). */
static bool prep_busy(Db *db, PgPrep *p) {
  for (DbStmt *s = db->live; s; s = s->next)
    if (PST(s)->p == p) return true;
  return false;
}

/*
** A statement for `sql`: its cache slot when the same text (db_sql_hash) was prepared before -- a slot
** may serve several live statements at once, since results are read whole -- else a slot taken for it
** (an empty one, else an idle one in turn), else its own preparation.
*/
static DbStmt *pg_prepare(Db *db, const char *sql) {
  PgDb *d = PDB(db);
  PgStmt *st = calloc(1, sizeof *st);
  if (!st) return NULL;
  st->row = -1;
  unsigned h = db_sql_hash(sql) % PG_CACHE;
  for (unsigned i = 0; i < 4 && !st->p; i++) {
    PgPrep *c = &d->cache[(h + i) % PG_CACHE];
    if (c->key && strcmp(c->sql, sql) == 0) st->p = c;
  }
  if (st->p) return &st->base;
  PgPrep *pick = NULL;
  for (unsigned i = 0; i < 4 && !pick; i++)
    if (!d->cache[(h + i) % PG_CACHE].key) pick = &d->cache[(h + i) % PG_CACHE];
  for (unsigned i = 0; i < 4 && !pick; i++) {
    PgPrep *c = &d->cache[(h + (i + d->next_victim) % 4) % PG_CACHE];
    if (!prep_busy(db, c)) pick = c;
  }
  d->next_victim++;
  if (pick) prep_drop(d, pick);
  else pick = &st->own;
  if (prep_init(d, pick, sql)) {
    free(st);
    return NULL;
  }
  st->p = pick;
  return &st->base;
}

/* Forget the values bound (bind_value keeps them within the statement's parameters). */
static void clear_values(PgStmt *st) {
  for (int i = 0; i < st->p->nparams; i++) {
    free(st->vals[i]);
    st->vals[i] = NULL;
    st->kind[i] = 0;
    st->fmts[i] = 0;
    st->lens[i] = 0;
  }
}

static void bind_value(DbStmt *sst, int i, char *v, int len, char kind) {
  PgStmt *st = PST(sst);
  if (i < 1 || i > st->p->nparams) { /* no such parameter (SQLite ignores it too) */
    free(v);
    return;
  }
  free(st->vals[i - 1]);
  st->vals[i - 1] = v;
  st->lens[i - 1] = len;
  st->fmts[i - 1] = kind == 'b';
  st->kind[i - 1] = kind;
}

static void pg_bind_text(DbStmt *st, int i, const char *s) {
  if (s) bind_value(st, i, strdup(s), 0, 't');
  else bind_value(st, i, NULL, 0, 0);
}
static void pg_bind_int(DbStmt *st, int i, long long v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", v);
  bind_value(st, i, strdup(buf), 0, 'i');
}
static void pg_bind_null(DbStmt *st, int i) { bind_value(st, i, NULL, 0, 0); }
static void pg_bind_blob(DbStmt *st, int i, const void *p, int n) {
  char *v = malloc(n > 0 ? (size_t)n : 1);
  if (v && n > 0) memcpy(v, p, (size_t)n);
  bind_value(st, i, v, n, 'b');
}

/* The parameter number in "could not determine data type of parameter $N", or 0. */
static int untyped_param(const char *msg) {
  const char *p = msg ? strstr(msg, "parameter $") : NULL;
  return p ? atoi(p + 11) : 0;
}

PGresult *pg_prepare_guarded(PgDb *d, const char *name, const char *sql, int nparams, const Oid *types) {
  bool in_tx = pg_in_tx(&d->base); /* a failed PREPARE must not abort the transaction */
  if (in_tx) PQclear(PQexec(d->c, "SAVEPOINT canbo_prep"));
  PGresult *r = PQprepare(d->c, name, sql, nparams, types);
  if (in_tx) PQclear(PQexec(d->c, PQresultStatus(r) == PGRES_COMMAND_OK ? "RELEASE SAVEPOINT canbo_prep"
                                                                        : "ROLLBACK TO SAVEPOINT canbo_prep"));
  return r;
}

/* Prepare p on the server, typing the parameters the context leaves untyped from the values bound. */
int pg_prep_server(PgDb *d, PgPrep *p, PgStmt *st) {
  if (pg_conn_ready(d)) return CB_EDB;
  for (int attempt = 0; attempt <= p->nparams; attempt++) {
    Oid types[PG_MAXPARAM] = {0};
    for (int i = 0; i < p->nparams; i++)
      types[i] = p->typed[i] == 'i' ? OID_INT8 : p->typed[i] == 't' ? OID_TEXT : p->typed[i] == 'b' ? OID_BYTEA : 0;
    snprintf(p->name, sizeof p->name, "cb%u", ++d->serial);
    PGresult *r = pg_prepare_guarded(d, p->name, p->pgsql, p->nparams, types);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    int k = !ok && state && (strcmp(state, "42P18") == 0 || strcmp(state, "42P08") == 0) /* indeterminate, ambiguous */
                ? untyped_param(PQresultErrorMessage(r))
                : 0;
    if (ok) {
      PQclear(r);
      return 0;
    }
    p->name[0] = 0;
    if (k < 1 || k > p->nparams || p->typed[k - 1]) {
      pg_set_err(d, "", PQresultErrorMessage(r), p->sql);
      PQclear(r);
      return CB_EDB;
    }
    PQclear(r);
    p->typed[k - 1] = st->kind[k - 1] ? (unsigned char)st->kind[k - 1] : 't';
  }
  return CB_EDB;
}

/* INSERT/UPDATE/DELETE (maybe after WITH): the statements run under a savepoint in a write transaction. */
bool pg_is_write(const char *sql) {
  while (*sql == ' ' || *sql == '\n' || *sql == '\t') sql++;
  return strncasecmp(sql, "INSERT", 6) == 0 || strncasecmp(sql, "UPDATE", 6) == 0 ||
         strncasecmp(sql, "DELETE", 6) == 0 || strncasecmp(sql, "REPLACE", 7) == 0;
}

/* Remember the table of an INSERT for db_last_id. */
void pg_note_insert(PgDb *d, const char *sql) {
  while (*sql == ' ' || *sql == '\n') sql++;
  if (strncasecmp(sql, "INSERT", 6) != 0) return;
  const char *into = strcasestr(sql, "INTO ");
  if (!into) return;
  into += 5;
  while (*into == ' ') into++;
  size_t n = strcspn(into, " (\n");
  if (n == 0 || n >= sizeof d->last_table) return;
  memcpy(d->last_table, into, n);
  d->last_table[n] = 0;
}

static int savepoint(PgDb *d, const char *sql) {
  PGresult *r = PQexec(d->c, sql);
  int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) pg_set_err(d, "", PQresultErrorMessage(r), NULL);
  PQclear(r);
  return ok ? 0 : CB_EDB;
}

/* The result of the next query of a pipeline (the NULL that ends it consumed). */
PGresult *pg_next_result(PGconn *c) {
  PGresult *r = PQgetResult(c);
  if (r) {
    PGresult *end;
    while ((end = PQgetResult(c)) != NULL) PQclear(end);
  }
  return r;
}

/* Send a statement without parameters into the pipeline. */
bool pg_send_plain(PgDb *d, const char *sql) { return PQsendQueryParams(d->c, sql, 0, NULL, NULL, NULL, NULL, 0); }

/* Send st into the pipeline: by its prepared name with its values, or as the plan kept for them (vname). */
bool pg_send_stmt(PgDb *d, PgStmt *st, const char *vname) {
  PgPrep *p = st->p;
  return vname ? PQsendQueryPrepared(d->c, vname, 0, NULL, NULL, NULL, 0)
               : PQsendQueryPrepared(d->c, p->name, p->nparams, (const char *const *)st->vals, st->lens, st->fmts, 0);
}

#define MEMO_VERSION_SQL "SELECT n FROM memo_version WHERE id = 1"

/* A statement without parameters prepared as `name` (when `ready`: parsed and planned once per connection), or
   sent as its text. */
static bool send_named(PgDb *d, bool ready, const char *name, const char *sql) {
  return ready ? PQsendQueryPrepared(d->c, name, 0, NULL, NULL, NULL, 0) : pg_send_plain(d, sql);
}

/*
** A read transaction's BEGIN put off, into the pipeline of its first statement; once memo_version is known to
** exist on the connection (it is never dropped), the memos' version follows it, so that pg_memo_version needs
** no round trip of its own (most pages use a memo: units, titles, rules). Both run as statements the connection
** prepared: sent as text, each was parsed and planned again at every request (~0.2 ms of the server's time).
*/
bool pg_send_begin(PgDb *d) {
  return send_named(d, d->begin_named, BEGIN_NAME, BEGIN_READ) &&
         (!d->memo_table || send_named(d, d->memo_named, MEMO_NAME, MEMO_VERSION_SQL));
}

int pg_read_begin(PgDb *d) {
  PGresult *r = pg_next_result(d->c);
  int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : CB_EDB;
  if (rc) pg_set_err(d, "", PQresultErrorMessage(r), BEGIN_READ);
  PQclear(r);
  if (!d->memo_table) return rc;
  r = pg_next_result(d->c);
  if (!rc && PQresultStatus(r) == PGRES_TUPLES_OK) {
    if (PQntuples(r) == 1) d->memo_n = strtoll(PQgetvalue(r, 0, 0), NULL, 10), d->memo_read = d->base.read_serial;
  } else if (!rc) { /* gone (a database replaced under the server): this transaction fails, the next ones not */
    rc = CB_EDB;
    pg_set_err(d, "", PQresultErrorMessage(r), MEMO_VERSION_SQL);
    d->memo_table = false;
  }
  PQclear(r);
  return rc;
}

/*
** Run a prepared statement in one round trip, sent as a pipeline: under a savepoint when `guarded` (a write in
** a transaction: SAVEPOINT ... RELEASE; on failure the savepoint is rolled back to, a second round trip, so the
** transaction goes on as it would on SQLite); after `set` when given (the SET plan_cache_mode the statement
** needs: inside the savepoint, so rolling back to it undoes the SET too); after `begin` when given (the read
** transaction's BEGIN, put off until now: pg_conn_ready). The statement's result, or NULL when the pipeline failed.
*/
static PGresult *exec_pipelined(PgDb *d, PgStmt *st, bool guarded, const char *set, bool begin, const char *vname) {
  if (!PQenterPipelineMode(d->c)) return NULL;
  bool sent = (!begin || pg_send_begin(d)) && (!guarded || pg_send_plain(d, "SAVEPOINT canbo_stmt")) &&
              (!set || pg_send_plain(d, set)) && pg_send_stmt(d, st, vname) &&
              (!guarded || pg_send_plain(d, "RELEASE SAVEPOINT canbo_stmt")) && PQpipelineSync(d->c);
  PGresult *r = NULL;
  if (sent) {
    if (begin) pg_read_begin(d);                /* BEGIN (an error fails the statement too: aborted) */
    if (guarded) PQclear(pg_next_result(d->c)); /* SAVEPOINT */
    if (set) PQclear(pg_next_result(d->c));     /* SET */
    r = pg_next_result(d->c);                   /* the statement */
    if (guarded) PQclear(pg_next_result(d->c)); /* RELEASE, or "aborted" after a failed statement */
    PGresult *sync = PQgetResult(d->c);      /* PGRES_PIPELINE_SYNC */
    PQclear(sync);
  }
  PQexitPipelineMode(d->c);
  ExecStatusType s = PQresultStatus(r);
  if (guarded && r && s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) savepoint(d, "ROLLBACK TO SAVEPOINT canbo_stmt");
  return r;
}

/* The plan mode p runs with (db_pg_generic_safe chose it when it was prepared). */
int pg_plan_of(const PgPrep *p) { return p->generic ? PLAN_GENERIC : PLAN_CUSTOM; }

/*
** The SET plan_cache_mode statement p needs before it runs, or NULL (the session's mode is not canbo's, bulk mode,
** no values, or already the mode it needs: db_pg_generic_safe chose it).
*/
const char *pg_plan_set(PgDb *d, const PgPrep *p, int plan_now) {
  int want = pg_plan_of(p);
  if (!d->plan_switch || d->bulk || plan_now == want || p->nparams == 0) return NULL;
  return want == PLAN_GENERIC ? "SET plan_cache_mode = force_generic_plan" : "SET plan_cache_mode = force_custom_plan";
}

/* Run the statement: prepare if needed, execute, keep the whole result. DB_ROW, DB_DONE, CB_EEXIST or CB_EDB. */
static int execute(PgStmt *st) {
  PgDb *d = PDB(st->base.db);
  PgPrep *p = st->p;
  bool queue = (d->bulk || d->batch) && pg_in_tx(st->base.db) && pg_is_write(p->sql) && !strcasestr(p->sql, "RETURNING");
  int copied = pg_copy_end(d);
  if (copied) return copied;
  pg_drain_commit(d);
  if (!queue || !p->name[0]) {
    int rc = pg_pipe_settle(d);
    if (rc) return rc;
  }
  if (!p->name[0] && pg_prep_server(d, p, st)) return CB_EDB; /* sends a BEGIN put off (pg_conn_ready) */
  if (queue && pg_conn_ready(d)) return CB_EDB;
  if (queue) return pg_execute_queued(d, st);
  bool guarded = !d->bulk && pg_in_tx(st->base.db) && pg_is_write(p->sql); /* a BEGIN put off counts as in one */
  const char *vname = pg_value_plan(d, st); /* (may send a BEGIN put off: before `begin` is read) */
  bool begin = d->begin_pending; /* the read transaction's BEGIN rides along (pg_send_begin) */
  d->begin_pending = false;
  /* The plan the statement needs (db_pg_generic_safe): the session's mode is switched only when it differs, and
     stays for the next statements (a per-item loop of generic lookups sends no SET after the first). A plan kept
     for the values needs none. */
  int want = pg_plan_of(p);
  const char *set = vname ? NULL : pg_plan_set(d, p, d->plan_now);
  PGresult *r = guarded || set || begin ? exec_pipelined(d, st, guarded, set, begin, vname)
                : vname                 ? PQexecPrepared(d->c, vname, 0, NULL, NULL, NULL, 0)
                    : PQexecPrepared(d->c, p->name, p->nparams, (const char *const *)st->vals, st->lens, st->fmts, 0);
  ExecStatusType s = PQresultStatus(r);
  if (r && (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK)) {
    if (set) d->plan_now = want;
    d->changes = atoi(PQcmdTuples(r));
    if (s == PGRES_COMMAND_OK || pg_is_write(p->sql)) pg_note_insert(d, p->sql);
    st->res = r;
    st->ntuples = PQntuples(r);
    st->row = 0;
    return st->ntuples > 0 ? DB_ROW : DB_DONE;
  }
  /* plan_now stays: rolling back to the savepoint undid the SET; a failed transaction's ROLLBACK forgets it */
  const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
  int rc = state && strcmp(state, "23505") == 0 ? CB_EEXIST : CB_EDB;
  bool expected = state && (strncmp(state, "23", 2) == 0 || strcmp(state, "P0001") == 0); /* refused rows */
  const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(d->c);
  if (!msg || !*msg) msg = "the transaction failed earlier (a statement before this one was refused)"; /* aborted */
  pg_set_err(d, "", msg, expected ? NULL : p->sql);
  PQclear(r);
  return rc;
}

static int pg_step(DbStmt *sst) {
  PgStmt *st = PST(sst);
  if (st->rows) return pg_copy_row(st);
  if (st->failed) return CB_EDB; /* the error is the connection's since db_run_together */
  if (st->done) return DB_DONE;
  if (!st->res) {
    int rc = execute(st);
    if (rc != DB_ROW) st->done = 1;
    return rc;
  }
  if (++st->row < st->ntuples) return DB_ROW;
  st->done = 1;
  return DB_DONE;
}

static bool has_row(PgStmt *st, int col) {
  return st->res && st->row >= 0 && st->row < st->ntuples && col >= 0 && col < PQnfields(st->res);
}

static const char *pg_text(DbStmt *sst, int col) {
  PgStmt *st = PST(sst);
  if (!has_row(st, col) || PQgetisnull(st->res, st->row, col)) return NULL;
  const char *v = PQgetvalue(st->res, st->row, col);
  if (PQftype(st->res, col) == OID_BOOL) return v[0] == 't' ? "1" : "0";
  return v;
}

static long long pg_int(DbStmt *sst, int col) {
  const char *v = pg_text(sst, col);
  return v ? strtoll(v, NULL, 10) : 0;
}

static bool pg_isnull(DbStmt *sst, int col) {
  PgStmt *st = PST(sst);
  return !has_row(st, col) || PQgetisnull(st->res, st->row, col);
}

/* Before the first step: what the statement returns, asked of the server once (PQdescribePrepared). */
static PGresult *described(PgStmt *st) {
  if (st->res || st->rows) return st->res;
  if (!st->desc && !st->done) {
    PgDb *d = PDB(st->base.db);
    if (pg_conn_ready(d) || pg_pipe_settle(d) || (!st->p->name[0] && pg_prep_server(d, st->p, st))) return NULL;
    PGresult *r = PQdescribePrepared(d->c, st->p->name);
    if (PQresultStatus(r) == PGRES_COMMAND_OK) st->desc = r;
    else PQclear(r);
  }
  return st->desc;
}

static int pg_column_count(DbStmt *sst) {
  PGresult *r = described(PST(sst));
  return r ? PQnfields(r) : 0;
}

static const char *pg_column_name(DbStmt *sst, int col) {
  PGresult *r = described(PST(sst));
  return r && col >= 0 && col < PQnfields(r) ? PQfname(r, col) : NULL;
}

static void pg_reset(DbStmt *sst) {
  PgStmt *st = PST(sst);
  PQclear(st->res);
  st->res = NULL;
  st->row = -1;
  st->ntuples = 0;
  st->done = 0;
  st->failed = 0;
  clear_values(st);
}

static void pg_finalize(DbStmt *sst) {
  PgStmt *st = PST(sst);
  pg_reset(sst);
  PQfreemem(st->blob);
  PQclear(st->desc);
  if (st->p == &st->own) prep_drop(PDB(sst->db), &st->own);
  free(st);
}

#define LAST_ID_SQL                                                                 \
  "SELECT currval(pg_get_serial_sequence($1, a.attname)) FROM pg_attribute a " \
  "WHERE a.attrelid = $1::regclass AND a.attidentity <> '' AND a.attnum > 0"

/* The identity of the last INSERT's row; after queued writes, asked in the same round trip as their answers. */
static long long pg_last_id(Db *db) {
  PgDb *d = PDB(db);
  if (pg_conn_ready(d)) return 0;
  const char *vals[1] = {d->last_table};
  if (PQpipelineStatus(d->c) != PQ_PIPELINE_OFF && d->last_table[0]) {
    d->pipe_value = 0;
    if (PQsendQueryParams(d->c, LAST_ID_SQL, 1, NULL, vals, NULL, NULL, 0)) {
      d->queued++;
      return pg_pipe_settle(d) ? 0 : d->pipe_value;
    }
  }
  if (pg_pipe_settle(d) || !d->last_table[0]) return 0;
  PGresult *r = PQexecParams(d->c, LAST_ID_SQL, 1, NULL, vals, NULL, NULL, 0);
  long long id = 0;
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
  PQclear(r);
  return id;
}

static int pg_changes(Db *db) {
  pg_pipe_settle(PDB(db));
  return PDB(db)->changes;
}

static bool pg_has_table(Db *db, const char *name) {
  const char *vals[1] = {name};
  if (pg_conn_ready(PDB(db))) return false;
  pg_pipe_settle(PDB(db));
  PGresult *r = PQexecParams(PDB(db)->c, "SELECT to_regclass($1) IS NOT NULL", 1, NULL, vals, NULL, NULL, 0);
  bool has = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 && PQgetvalue(r, 0, 0)[0] == 't';
  PQclear(r);
  return has;
}

/*
** PostgreSQL has no data version a connection can read. Inside a request's read transaction (REPEATABLE READ:
** one snapshot for all its statements) nothing another connection commits is seen, so the transaction itself
** is the version: a memo (or the session cache) built in it serves the rest of that request and no other.
** Outside one, nothing is memoized.
*/
static bool pg_version(Db *db, long long *seen, long long *own) {
  if (!db->read_tx) return false;
  *seen = -db->read_serial, *own = 0;
  return true;
}

/*
** The memos' version: memo_version's count (schema/pg/0045_memo_version.sql: one more for each statement that
** changes units, titles or rule_versions), read once per read transaction, in its snapshot -- so a memo built in
** one request serves the next ones until a change is committed, by any server. Outside a read transaction:
** unknown (no memo).
*/
static bool pg_memo_version(Db *db, long long *seen, long long *own) {
  PgDb *d = PDB(db);
  if (!db->read_tx) return false;
  if (d->memo_read != db->read_serial) {
    DbStmt *st = db_prepare(db, MEMO_VERSION_SQL); /* only when no BEGIN brought it (pg_send_begin) */
    bool ok = st && db_step(st) == DB_ROW;
    if (ok) d->memo_n = db_int(st, 0);
    db_finalize(st);
    if (!ok) return false;
    d->memo_read = db->read_serial;
    d->memo_table = true;
    if (!d->memo_named) { /* it exists in this snapshot: the PREPARE cannot be refused (guarded all the same) */
      PGresult *r = pg_prepare_guarded(d, MEMO_NAME, MEMO_VERSION_SQL, 0, NULL);
      d->memo_named = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
    }
  }
  *seen = d->memo_n, *own = 0;
  return true;
}

static const char *pg_file(Db *db) { return ""; }

static int pg_not_here(Db *db, const char *what) {
  pg_set_err(PDB(db), what, " is for an SQLite file; on PostgreSQL use pg_dump/pg_restore or canbo copy "
                         "(docs/DEPLOY.md)", NULL);
  fprintf(stderr, "canbo: %s\n", PDB(db)->err);
  return CB_EDB;
}
static int pg_backup_to(Db *src, const char *dest_path) { return pg_not_here(src, "backup"); }
static int pg_restore_from(Db *dst, const char *src_path) { return pg_not_here(dst, "restore"); }
static int pg_integrity_check(Db *db, char *msg, size_t cap) { return pg_not_here(db, "integrity_check"); }

/* bytea columns: their bytes, unescaped from the text result into a buffer the statement keeps. */
static const void *pg_blob(DbStmt *sst, int col, int *len) {
  PgStmt *st = PST(sst);
  if (!has_row(st, col) || PQgetisnull(st->res, st->row, col) || PQftype(st->res, col) != OID_BYTEA) return NULL;
  size_t n = 0;
  unsigned char *b = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, col), &n);
  if (!b) return NULL;
  PQfreemem(st->blob);
  st->blob = b;
  *len = (int)n;
  return b;
}

static int pg_defer_foreign_keys(Db *db) { return pg_exec(db, "SET CONSTRAINTS ALL DEFERRED"); }

/* Every identity column of `table` restarts after its largest value. */
static int pg_sync_ids(Db *db, const char *table) {
  const char *vals[1] = {table};
  if (pg_conn_ready(PDB(db)) || pg_pipe_settle(PDB(db))) return CB_EDB;
  PGresult *r = PQexecParams(PDB(db)->c,
                             "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = $1::regclass "
                             "AND a.attidentity <> '' AND a.attnum > 0",
                             1, NULL, vals, NULL, NULL, 0);
  int rc = PQresultStatus(r) == PGRES_TUPLES_OK ? 0 : CB_EDB;
  for (int i = 0; rc == 0 && i < PQntuples(r); i++) {
    char *qt = PQescapeIdentifier(PDB(db)->c, table, strlen(table));
    char *qc = PQescapeIdentifier(PDB(db)->c, PQgetvalue(r, i, 0), strlen(PQgetvalue(r, i, 0)));
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('%s', '%s'), coalesce(max(%s), 0) + 1, false) FROM %s",
             table, PQgetvalue(r, i, 0), qc ? qc : "id", qt ? qt : table);
    rc = qt && qc ? pg_exec(db, sql) : CB_EDB;
    PQfreemem(qt);
    PQfreemem(qc);
  }
  PQclear(r);
  return rc;
}

/* End a read transaction without waiting for the answer (pg_conn_ready reads it). */
static void pg_end_read(Db *db) {
  PgDb *d = PDB(db);
  if (d->begin_pending) { /* nothing ran in it */
    d->begin_pending = false;
    return;
  }
  if (pg_pipe_settle(d)) d->plan_now = PLAN_UNKNOWN;
  pg_drain_commit(d);
  PGTransactionStatusType s = PQtransactionStatus(d->c);
  if (s == PQTRANS_IDLE) return;
  if (s == PQTRANS_INTRANS && PQsendQuery(d->c, "COMMIT")) {
    d->commit_unread = true;
    return;
  }
  pg_exec(db, s == PQTRANS_INTRANS ? "COMMIT" : "ROLLBACK"); /* a failed read transaction: undo its SETs too */
}


const DbEngine db_engine_pg = {
    .name = "postgresql",
    .migrations = "schema/pg/",
    .begin_write = "BEGIN; SELECT pg_advisory_xact_lock(7283412)",
    .begin_read = BEGIN_READ,
    .migration_stamp = "INSERT INTO schema_migrations(version, name, applied_at) "
                       "VALUES(?, ?, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
    .open = pg_open,
    .close = pg_close,
    .error = pg_error,
    .exec = pg_exec,
    .end_read = pg_end_read,
    .prepare = pg_prepare,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .bind_null = pg_bind_null,
    .bind_blob = pg_bind_blob,
    .step = pg_step,
    .text = pg_text,
    .int64 = pg_int,
    .isnull = pg_isnull,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    .reset = pg_reset,
    .finalize = pg_finalize,
    .in_tx = pg_in_tx,
    .bulk_mode = pg_bulk_mode,
    .batch = pg_batch,
    .run_together = pg_run_together,
    .prepare_rows = pg_prepare_rows,
    .rows_end = pg_rows_end,
    .rows_error = pg_rows_error,
    .last_id = pg_last_id,
    .changes = pg_changes,
    .has_table = pg_has_table,
    .version = pg_version,
    .memo_version = pg_memo_version,
    .file = pg_file,
    .backup_to = pg_backup_to,
    .restore_from = pg_restore_from,
    .integrity_check = pg_integrity_check,
    .tables_sql = "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
                  "AND c.relkind = 'r' AND c.relname NOT IN ('schema_migrations', 'memo_version') ORDER BY c.oid",
    .blob = pg_blob,
    .defer_foreign_keys = pg_defer_foreign_keys,
    .sync_ids = pg_sync_ids,
};

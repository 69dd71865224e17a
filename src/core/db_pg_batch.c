/*
** The PostgreSQL engine's ways of sending several statements or rows in one go (core/db_pg.c's header says
** when each is used): queued bulk writes in libpq's pipeline mode and reading their answers (pg_pipe_settle);
** bulk mode and db_batch; db_run_together's reads in one pipeline; and db_prepare_rows's rows streamed by
** COPY ... FROM STDIN.
*/
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/db_pg_internal.h"
#include "core/db_pg_sql.h"
#include "core/err.h"

/* Send the rows db_prepare_rows statements added. 0 or CB_EDB. */
static int copy_send(PgDb *d) {
  if (d->copy_buf.len && !d->copy_lost && PQputCopyData(d->c, d->copy_buf.p, (int)d->copy_buf.len) != 1) {
    pg_set_err(d, "the rows could not be sent: ", PQerrorMessage(d->c), d->copy_sql);
    d->copy_lost = true; /* the rows after these must not make a COPY that succeeds without them */
  }
  buf_reset(&d->copy_buf);
  return d->copy_lost ? CB_EDB : 0;
}

/* The end of a COPY: the server's answers read, the state cleared. rc: 0 so far, or the error it ends with. */
static int copy_finish(PgDb *d, int rc) {
  PGresult *r;
  while ((r = PQgetResult(d->c)) != NULL) {
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_COMMAND_OK) d->changes = atoi(PQcmdTuples(r));
    else if (!rc) {
      const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
      rc = state && strcmp(state, "23505") == 0 ? CB_EEXIST : CB_EDB;
      pg_set_err(d, "", PQresultErrorMessage(r), d->copy_sql);
    }
    PQclear(r);
    if (s == PGRES_COPY_IN) break; /* cannot happen after PQputCopyEnd; never loop on it */
  }
  free(d->copy_sql);
  d->copy_sql = NULL;
  d->copy_lost = false;
  buf_reset(&d->copy_buf);
  if (rc) d->plan_now = PLAN_UNKNOWN;
  return rc;
}

void pg_copy_abort(PgDb *d) {
  if (!d->copy_sql) return;
  PQputCopyEnd(d->c, "the transaction is rolled back");
  copy_finish(d, CB_EDB);
}

/*
** End the COPY of db_prepare_rows rows in progress, if any: the rest of its rows sent and the server's answer
** read. 0, or CB_EEXIST / CB_EDB for the error of one of its rows (the connection's error; the transaction has
** failed as a whole).
*/
int pg_copy_end(PgDb *d) {
  if (!d->copy_sql) return 0;
  int rc = copy_send(d);
  if (PQputCopyEnd(d->c, rc ? "canbo could not send the rows" : NULL) != 1 && !rc) {
    pg_set_err(d, "", PQerrorMessage(d->c), d->copy_sql);
    rc = CB_EDB;
  }
  rc = copy_finish(d, rc);
  if (rc && !d->rows_err[0]) snprintf(d->rows_err, sizeof d->rows_err, "%s", d->err); /* kept for db_rows_error */
  return rc;
}

/*
** Read the answers of the queued bulk writes and leave pipeline mode. 0, or CB_EEXIST / CB_EDB for the
** first that failed (the rest were skipped by the server; the transaction is failed): its error is the
** connection's. d->changes becomes the last write's count.
*/
int pg_pipe_settle(PgDb *d) {
  if (d->copy_sql) return pg_copy_end(d); /* a COPY in progress: not in pipeline mode (pg_copy_row settled it) */
  if (PQpipelineStatus(d->c) == PQ_PIPELINE_OFF) return 0;
  int rc = 0, nulls = 0;
  bool synced = PQpipelineSync(d->c);
  while (synced) {
    PGresult *r = PQgetResult(d->c);
    if (!r) { /* the end of one write's answers; more NULLs than writes: the connection is gone */
      if (++nulls > d->queued + 1 || PQstatus(d->c) != CONNECTION_OK) synced = false;
      continue;
    }
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    if (s == PGRES_TUPLES_OK && PQntuples(r) == 1) d->pipe_value = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    else if (s == PGRES_COMMAND_OK) d->changes = atoi(PQcmdTuples(r));
    else if (s != PGRES_PIPELINE_ABORTED && !rc) {
      const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
      rc = state && strcmp(state, "23505") == 0 ? CB_EEXIST : CB_EDB;
      pg_set_err(d, "", PQresultErrorMessage(r), NULL);
      fprintf(stderr, "canbo: SQL error (a queued bulk write): %s\n", d->err);
    }
    PQclear(r);
  }
  if (!synced) {
    pg_set_err(d, "the connection failed during a bulk write: ", PQerrorMessage(d->c), NULL);
    rc = CB_EDB;
  }
  d->queued = 0;
  PQexitPipelineMode(d->c);
  return rc;
}

/* A bulk write sent without waiting for its answer (pg_pipe_settle reads it). DB_DONE or CB_EDB. */
int pg_execute_queued(PgDb *d, PgStmt *st) {
  PgPrep *p = st->p;
  if (PQpipelineStatus(d->c) == PQ_PIPELINE_OFF && !PQenterPipelineMode(d->c)) {
    pg_set_err(d, "", PQerrorMessage(d->c), p->sql);
    return CB_EDB;
  }
  if (!PQsendQueryPrepared(d->c, p->name, p->nparams, (const char *const *)st->vals, st->lens, st->fmts, 0)) {
    pg_set_err(d, "", PQerrorMessage(d->c), p->sql);
    pg_pipe_settle(d);
    return CB_EDB;
  }
  pg_note_insert(d, p->sql);
  if (++d->queued >= PIPE_MAX) return pg_pipe_settle(d) ? CB_EDB : DB_DONE;
  return DB_DONE;
}

/*
** db_run_together: the SELECTs among sts that have not run, sent in one pipeline -- after the read transaction's
** BEGIN when it was put off, each after the SET plan_cache_mode it needs -- and their results kept for their steps
** (row -1: the first step gives row 0). A statement prepared for the first time on this connection is prepared
** before (a round trip, once). Writes, statements already run, one listed twice and bulk or batched mode are left
** to their steps. When one fails on the server, it and those sent after it (skipped by the server) fail at their
** steps with its error, without running again: the transaction has failed anyway.
*/
#define TOGETHER_MAX 32 /* statements in one db_run_together pipeline */

int pg_run_together(Db *db, DbStmt *const *sts, int n) {
  PgDb *d = PDB(db);
  if (d->bulk || d->batch) return 0;
  PgStmt *v[TOGETHER_MAX];
  int m = 0;
  for (int i = 0; i < n && m < TOGETHER_MAX; i++) {
    PgStmt *st = sts[i] ? PST(sts[i]) : NULL;
    bool twice = false;
    for (int k = 0; k < m && !twice; k++) twice = v[k] == st;
    if (st && !twice && !st->rows && !st->res && !st->done && !st->failed && !pg_is_write(st->p->sql)) v[m++] = st;
  }
  if (m < 2) return 0;
  if (pg_pipe_settle(d)) return CB_EDB;
  for (int k = 0; k < m; k++) /* pg_conn_ready (through pg_prep_server) reads a COMMIT's answer, sends a BEGIN put off */
    if (!v[k]->p->name[0] && pg_prep_server(d, v[k]->p, v[k])) return CB_EDB;
  /* plans kept for their values (db_pg_plans.c); the names copied: a later statement's plan may take a slot */
  _Static_assert(PG_VALUE_PLANS > TOGETHER_MAX, "a pipeline's kept plans must fit in the connection's slots at once");
  char vbuf[TOGETHER_MAX][sizeof d->vplan[0].name];
  const char *vname[TOGETHER_MAX];
  for (int k = 0; k < m; k++) {
    const char *name = pg_value_plan(d, v[k]);
    vname[k] = name ? memcpy(vbuf[k], name, sizeof vbuf[k]) : NULL;
  }
  pg_drain_commit(d);
  if (!PQenterPipelineMode(d->c)) {
    pg_set_err(d, "", PQerrorMessage(d->c), NULL);
    return CB_EDB;
  }
  bool begin = d->begin_pending;
  const char *set[TOGETHER_MAX];
  int plan = d->plan_now;
  bool sent = !begin || pg_send_begin(d);
  for (int k = 0; k < m && sent; k++) {
    set[k] = vname[k] ? NULL : pg_plan_set(d, v[k]->p, plan);
    if (set[k]) plan = pg_plan_of(v[k]->p);
    sent = (!set[k] || pg_send_plain(d, set[k])) && pg_send_stmt(d, v[k], vname[k]);
  }
  sent = sent && PQpipelineSync(d->c);
  if (!sent) { /* nothing was run: the statements run at their steps, a BEGIN put off stays so */
    pg_set_err(d, "", PQerrorMessage(d->c), NULL);
    PQexitPipelineMode(d->c);
    return CB_EDB;
  }
  d->begin_pending = false;
  int rc = 0;
  if (begin) rc = pg_read_begin(d);
  for (int k = 0; k < m; k++) {
    if (set[k]) PQclear(pg_next_result(d->c));
    PGresult *r = pg_next_result(d->c);
    if (PQresultStatus(r) == PGRES_TUPLES_OK && !rc) {
      if (set[k]) d->plan_now = pg_plan_of(v[k]->p);
      v[k]->res = r, v[k]->ntuples = PQntuples(r), v[k]->row = -1;
      continue;
    }
    if (!rc) pg_set_err(d, "", r ? PQresultErrorMessage(r) : PQerrorMessage(d->c), v[k]->p->sql);
    rc = CB_EDB; /* the first error stays the connection's: the ones after it were skipped (aborted) */
    v[k]->failed = 1;
    d->plan_now = PLAN_UNKNOWN;
    PQclear(r);
  }
  PQclear(PQgetResult(d->c)); /* PGRES_PIPELINE_SYNC */
  PQexitPipelineMode(d->c);
  return rc;
}

/*
** A row of a db_prepare_rows statement: the COPY of its target started unless it is the one in progress, the
** row added to what is sent next (every COPY_CHUNK bytes). DB_DONE, or CB_EDB (a COPY ended with an error).
*/
int pg_copy_row(PgStmt *st) {
  PgDb *d = PDB(st->base.db);
  int rc = d->copy_sql && strcmp(d->copy_sql, st->p->sql) != 0 ? pg_copy_end(d) : 0;
  if (rc) return rc;
  if (!d->copy_sql) {
    if ((rc = pg_pipe_settle(d)) != 0 || (rc = pg_conn_ready(d)) != 0) return rc;
    PGresult *r = PQexec(d->c, st->p->sql);
    bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    if (!ok) pg_set_err(d, "", PQresultErrorMessage(r), st->p->sql);
    PQclear(r);
    if (ok && !(d->copy_sql = strdup(st->p->sql))) { /* out of memory: the COPY is failed, and the transaction */
      PQputCopyEnd(d->c, "out of memory");
      while ((r = PQgetResult(d->c)) != NULL) PQclear(r);
      ok = false;
    }
    if (!ok) return CB_EDB;
  }
  for (int i = 0; i < st->p->nparams; i++)
    db_pg_copy_field(&d->copy_buf, i == 0, st->vals[i], st->lens[i], st->kind[i]);
  buf_putc(&d->copy_buf, '\n');
  d->changes = 1;
  return d->copy_buf.len >= COPY_CHUNK && copy_send(d) ? CB_EDB : DB_DONE;
}

/* Bulk loads (demo, big imports) resolve every reference first and fail as a whole: no savepoint per row. */
/* ANALYZE the tables of the connection's schema (not the whole database: other schemas may be large). */
static int analyze_schema(PgDb *d) {
  PGresult *r = PQexec(d->c, "SELECT 'ANALYZE ' || string_agg(format('%I', relname), ', ') FROM pg_class "
                             "WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'");
  int rc = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? 0 : CB_EDB;
  if (rc == 0 && !PQgetisnull(r, 0, 0)) rc = pg_exec(&d->base, PQgetvalue(r, 0, 0));
  PQclear(r);
  return rc;
}

/* At its end the statistics are refreshed (inside the transaction, which sees its own rows): the planner must
   not plan the next requests from the empty tables autovacuum saw a minute earlier. */
/* A plan for each execution (SESSION_DEFAULTS) would also re-plan the triggers' statements for every row of a
   bulk load (canbo copy of 100,000 cadres 50 s -> 111 s): bulk mode lets PostgreSQL keep its plans, and puts
   the session's setting back at its end. */
int pg_bulk_mode(Db *db, bool on) {
  PgDb *d = PDB(db);
  int rc = pg_conn_ready(d) ? CB_EDB : pg_pipe_settle(d);
  if (rc == 0 && !on && d->bulk) rc = analyze_schema(d);
  if (rc == 0 && on && !d->bulk) {
    PGresult *r = PQexec(d->c, "SELECT current_setting('plan_cache_mode'), set_config('plan_cache_mode', 'auto', false)");
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
      snprintf(d->plan_mode, sizeof d->plan_mode, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
  } else if (rc == 0 && !on && d->bulk && d->plan_mode[0]) {
    const char *v[1] = {d->plan_mode};
    PQclear(PQexecParams(d->c, "SELECT set_config('plan_cache_mode', $1, false)", 1, NULL, v, NULL, NULL, 0));
  }
  d->bulk = on;
  d->plan_now = PLAN_UNKNOWN; /* bulk mode set the mode and put it back */
  return rc;
}

int pg_batch(Db *db, bool on) {
  int rc = pg_pipe_settle(PDB(db));
  PDB(db)->batch = on;
  return rc;
}

/* db_prepare_rows: a statement of its own (no prepared statement on the server) whose text is the COPY. */
DbStmt *pg_prepare_rows(Db *db, const char *target, int cols) {
  PgStmt *st = cols <= PG_MAXPARAM ? calloc(1, sizeof *st) : NULL;
  size_t n = strlen(target) + sizeof "COPY  FROM STDIN";
  char *sql = st ? malloc(n) : NULL;
  if (!sql) {
    free(st);
    return NULL;
  }
  snprintf(sql, n, "COPY %s FROM STDIN", target);
  st->row = -1;
  st->rows = true;
  st->p = &st->own;
  st->own.sql = sql, st->own.key = sql, st->own.nparams = cols;
  return &st->base;
}

int pg_rows_end(Db *db) { return pg_copy_end(PDB(db)); }

const char *pg_rows_error(Db *db) { return PDB(db)->rows_err[0] ? PDB(db)->rows_err : NULL; }

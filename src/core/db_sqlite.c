/*
** The SQLite engine of the store (core/db_engine.h; the API is core/db.h).
** Everything SQLite-specific lives here: pragmas, collations, the fold
** function, error mapping, the statement cache, the data version, the
** online backup.
*/
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/db_engine.h"
#include "core/err.h"

/*
** Prepared-statement cache: most statements are string literals prepared on
** every request (session lookup, cadre_find...). A cached statement is found
** by its text (db_sql_hash, then compared whole), whether a literal or built
** in an arena. db_finalize()
** hands a cached statement back (reset, bindings cleared) instead of
** finalizing it. A statement already in use is prepared afresh.
*/
#define STMT_CACHE 256

typedef struct {
  char *sql;       /* copy of the text, to compare on a hit; NULL: free */
  sqlite3_stmt *s;
  int in_use;
} CacheSlot;

typedef struct {
  Db base; /* the shared head (core/db_engine.h) */
  sqlite3 *h;
  CacheSlot cache[STMT_CACHE];
  unsigned next_victim;
  long long cache_before_index; /* PRAGMA cache_size before sq_index_build(on); 0: none saved */
} SqliteDb;

typedef struct {
  DbStmt base;     /* the shared head */
  sqlite3_stmt *s;
  CacheSlot *slot; /* NULL: not cached, finalize for real */
} SqliteStmt;

#define SDB(db) ((SqliteDb *)(db))
#define SST(st) ((SqliteStmt *)(st))

static int collate_vi(void *arg, int al, const void *a, int bl, const void *b) {
  return vi_collate(((Db *)arg)->coll, a, al, b, bl);
}

static int collate_vi_name(void *arg, int al, const void *a, int bl, const void *b) {
  return vi_collate_name(((Db *)arg)->coll, a, al, b, bl);
}

static void fn_vi_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const char *s = (const char *)sqlite3_value_text(argv[0]);
  if (!s) {
    sqlite3_result_null(ctx);
    return;
  }
  char *f = vi_fold_malloc(s);
  if (!f) sqlite3_result_null(ctx);
  else sqlite3_result_text(ctx, f, -1, free);
}

/*
** now_utc(): the current UTC time as "YYYY-MM-DDTHH:MM:SSZ", the text every *_at column holds. The same
** function exists on PostgreSQL (schema/pg/0001_init.sql), so the domain writes it once for both.
*/
static void fn_now_utc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char buf[32];
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

/* Process-wide settings, before SQLite initializes: no memory statistics (they take a global mutex on every allocation). */
static void sqlite_setup(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* CANBO_SQL_PROFILE=MS (a developer's tool, docs/PERFORMANCE.md): each statement run slower than MS ms, on stderr;
   "all": every statement (SQLite's clock counts whole milliseconds: most statements take "0"). */
static int profile_statement(unsigned type, void *ctx, void *p, void *x) {
  (void)type;
  double ms = (double)*(sqlite3_int64 *)x / 1e6;
  if (ms >= *(double *)ctx || *(double *)ctx < 1e-6) fprintf(stderr, "canbo: sql %.1f ms: %.300s\n", ms, sqlite3_sql((sqlite3_stmt *)p));
  return 0;
}

static void sq_close(Db *db);

static int sq_open(const char *path, Db **out) {
  pthread_once(&sqlite_once, sqlite_setup);
  SqliteDb *d = calloc(1, sizeof *d);
  if (!d) return CB_EDB;
  Db *db = &d->base;
  if (sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    fprintf(stderr, "canbo: cannot open database %s: %s\n", path, d->h ? sqlite3_errmsg(d->h) : "out of memory");
    sq_close(db);
    return CB_EDB;
  }
  sqlite3_busy_timeout(d->h, 10000);
  static double profile_ms = -1;
  if (profile_ms < 0) {
    const char *v = getenv("CANBO_SQL_PROFILE");
    profile_ms = !v ? 0 : strcmp(v, "all") == 0 ? 1e-9 : atof(v);
  }
  if (profile_ms > 0) sqlite3_trace_v2(d->h, SQLITE_TRACE_PROFILE, profile_statement, &profile_ms);
  sqlite3_create_collation(d->h, "vi", SQLITE_UTF8, db, collate_vi);
  sqlite3_create_collation(d->h, "vi_name", SQLITE_UTF8, db, collate_vi_name);
  sqlite3_create_function(d->h, "vi_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_vi_fold, NULL, NULL);
  sqlite3_create_function(d->h, "now_utc", 0, SQLITE_UTF8, NULL, fn_now_utc, NULL, NULL);
  /* Each connection (one per server thread) maps up to mmap_size of the file and caches up to cache_size: both
     count in the server's RSS once per connection. 128 MB mapped read as fast as 256 MB at 1,000,000 cadres and
     kept two threads under the 512 MB of issue 9 (docs/PERFORMANCE.md, seventh round). */
  if (sqlite3_exec(d->h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
                         "PRAGMA mmap_size=134217728; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;",
                   NULL, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "canbo: cannot use database %s: %s\n", path, sqlite3_errmsg(d->h));
    sq_close(db);
    return CB_EDB;
  }
  *out = db;
  return 0;
}

static void sq_close(Db *db) {
  SqliteDb *d = SDB(db);
  for (int i = 0; i < STMT_CACHE; i++) {
    sqlite3_finalize(d->cache[i].s);
    free(d->cache[i].sql);
  }
  sqlite3_close(d->h);
  free(d);
}

static const char *sq_error(Db *db) { return sqlite3_errmsg(SDB(db)->h); }

static DbStmt *sq_prepare(Db *db, const char *sql);
static int sq_step(DbStmt *st);
static void sq_finalize(DbStmt *st);

/* A script of several statements, or one statement (BEGIN, COMMIT, SAVEPOINT ...: run per request, they cost
   ~5% of a profile page parsed each time; issue 9) from the statement cache. 0 or CB_EDB. */
static int sq_exec(Db *db, const char *sql) {
  const char *semi = strchr(sql, ';');
  if (semi && semi[1 + strspn(semi + 1, " \t\n")])
    return sqlite3_exec(SDB(db)->h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : CB_EDB;
  DbStmt *st = sq_prepare(db, sql);
  if (!st) return CB_EDB;
  st->db = db;
  int rc;
  while ((rc = sq_step(st)) == DB_ROW) continue;
  sq_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

static CacheSlot *cache_lookup(SqliteDb *db, const char *sql) {
  unsigned h = db_sql_hash(sql) % STMT_CACHE;
  for (int i = 0; i < 4; i++) { /* a short probe sequence */
    CacheSlot *c = &db->cache[(h + (unsigned)i) % STMT_CACHE];
    if (c->sql && !c->in_use && strcmp(c->sql, sql) == 0) return c;
  }
  return NULL;
}

/*
** A free slot for `sql`, or NULL when all probed slots are busy. Only among
** the slots cache_lookup probes (h .. h+3): an empty one first, else an idle
** one in turn. (Issue 9: the victim used to be picked anywhere in the table,
** where no lookup would find the statement again, so most prepares missed.)
*/
static CacheSlot *cache_slot_for(SqliteDb *db, const char *sql) {
  unsigned h = db_sql_hash(sql) % STMT_CACHE;
  CacheSlot *pick = NULL;
  for (unsigned i = 0; i < 4 && !pick; i++) {
    CacheSlot *c = &db->cache[(h + i) % STMT_CACHE];
    if (!c->sql && !c->in_use) pick = c;
  }
  for (unsigned i = 0; i < 4 && !pick; i++) {
    CacheSlot *c = &db->cache[(h + (i + db->next_victim) % 4) % STMT_CACHE];
    if (!c->in_use) pick = c;
  }
  if (!pick) return NULL;
  db->next_victim++;
  sqlite3_finalize(pick->s);
  free(pick->sql);
  pick->s = NULL;
  pick->sql = strdup(sql);
  return pick->sql ? pick : NULL;
}

static DbStmt *sq_prepare(Db *db, const char *sql) {
  SqliteDb *d = SDB(db);
  SqliteStmt *st = malloc(sizeof *st);
  if (!st) return NULL;
  CacheSlot *c = cache_lookup(d, sql);
  if (c) {
    c->in_use = 1;
    st->s = c->s;
    st->slot = c;
    return &st->base;
  }
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(d->h, sql, -1, &s, NULL) != SQLITE_OK) {
    fprintf(stderr, "canbo: SQL error: %s\n  in: %.200s\n", sqlite3_errmsg(d->h), sql);
    free(st);
    return NULL;
  }
  st->s = s;
  st->slot = NULL;
  if ((c = cache_slot_for(d, sql)) != NULL) {
    c->s = s;
    c->in_use = 1;
    st->slot = c;
  }
  return &st->base;
}

static void sq_bind_text(DbStmt *st, int i, const char *s) {
  if (s) sqlite3_bind_text(SST(st)->s, i, s, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(SST(st)->s, i);
}
static void sq_bind_int(DbStmt *st, int i, long long v) { sqlite3_bind_int64(SST(st)->s, i, v); }
static void sq_bind_null(DbStmt *st, int i) { sqlite3_bind_null(SST(st)->s, i); }
static void sq_bind_blob(DbStmt *st, int i, const void *p, int n) {
  sqlite3_bind_blob(SST(st)->s, i, p, n, SQLITE_TRANSIENT);
}

static int sq_step(DbStmt *st) {
  int rc = sqlite3_step(SST(st)->s);
  if (rc == SQLITE_ROW) return DB_ROW;
  if (rc == SQLITE_DONE) return DB_DONE;
  int ext = sqlite3_extended_errcode(SDB(st->db)->h);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) return CB_EEXIST;
  return CB_EDB;
}

static const char *sq_text(DbStmt *st, int col) { return (const char *)sqlite3_column_text(SST(st)->s, col); }
static long long sq_int(DbStmt *st, int col) { return sqlite3_column_int64(SST(st)->s, col); }
static bool sq_isnull(DbStmt *st, int col) { return sqlite3_column_type(SST(st)->s, col) == SQLITE_NULL; }
static int sq_column_count(DbStmt *st) { return sqlite3_column_count(SST(st)->s); }
static const char *sq_column_name(DbStmt *st, int col) { return sqlite3_column_name(SST(st)->s, col); }
static void sq_reset(DbStmt *st) {
  sqlite3_reset(SST(st)->s);
  sqlite3_clear_bindings(SST(st)->s);
}

static void sq_finalize(DbStmt *st) {
  SqliteStmt *s = SST(st);
  if (s->slot) {
    sqlite3_reset(s->s);
    sqlite3_clear_bindings(s->s);
    s->slot->in_use = 0;
  } else {
    sqlite3_finalize(s->s);
  }
  free(s);
}

static bool sq_in_tx(Db *db) { return !sqlite3_get_autocommit(SDB(db)->h); }

static int sq_bulk_mode(Db *db, bool on) {
  if (on) return sq_exec(db, "PRAGMA cache_size = -1048576; PRAGMA foreign_keys = OFF");
  return sq_exec(db, "PRAGMA cache_size = -65536; PRAGMA foreign_keys = ON");
}

/* See db_index_build: SQLite's sorter keeps an index's keys in memory up to the page cache's size (one long
   in-memory sort under bulk mode's 1 GB); in runs of 2 MB, merged, one index of the 3.3 million positions of
   the 1,000,000 demo took 3.7-4.4 s instead of 8.7-9.0 (sqlite3 alone), the demo's index re-creation ~48 s
   instead of 55-59 (docs/PERFORMANCE.md, tenth round). */
static int sq_index_build(Db *db, bool on) {
  SqliteDb *s = SDB(db);
  if (on) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->h, "PRAGMA cache_size", -1, &st, NULL) != SQLITE_OK) return CB_EDB;
    s->cache_before_index = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return sq_exec(db, "PRAGMA cache_size = -2048");
  }
  if (!s->cache_before_index) return 0;
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", s->cache_before_index);
  s->cache_before_index = 0;
  return sq_exec(db, sql);
}

/*
** What the database holds as far as this connection can tell: equal readings mean nothing was committed in
** between (PRAGMA data_version counts other connections' commits, total_changes this one's rows).
*/
static bool sq_version(Db *db, long long *seen, long long *own) {
  DbStmt *st = sq_prepare(db, "PRAGMA data_version"); /* from the statement cache */
  if (!st) return false;
  st->db = db;
  bool ok = sq_step(st) == DB_ROW;
  if (ok) {
    *seen = sqlite3_column_int64(SST(st)->s, 0);
    *own = (long long)sqlite3_total_changes64(SDB(db)->h);
  }
  sq_finalize(st);
  return ok;
}

/* One sqlite3_backup from `from` into `to`, all pages in one step (one read snapshot of `from`). */
static int backup_copy(sqlite3 *to, sqlite3 *from) {
  sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return CB_EDB;
  int rc;
  while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  int fin = sqlite3_backup_finish(b);
  return rc == SQLITE_DONE && fin == SQLITE_OK ? 0 : CB_EDB;
}

static int sq_backup_to(Db *src, const char *dest_path) {
  sqlite3 *to = NULL;
  int rc = CB_EDB;
  if (sqlite3_open_v2(dest_path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK) {
    sqlite3_busy_timeout(to, 10000);
    rc = backup_copy(to, SDB(src)->h);
    if (rc) fprintf(stderr, "canbo: backup to %s failed: %s\n", dest_path, sqlite3_errmsg(to));
    else if (sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) rc = CB_EDB;
  } else {
    fprintf(stderr, "canbo: cannot create %s: %s\n", dest_path, to ? sqlite3_errmsg(to) : "out of memory");
  }
  sqlite3_close(to);
  return rc;
}

static int sq_restore_from(Db *dst, const char *src_path) {
  sqlite3 *from = NULL;
  int rc = CB_EDB;
  if (sqlite3_open_v2(src_path, &from, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
    rc = backup_copy(SDB(dst)->h, from);
    if (rc) fprintf(stderr, "canbo: restore from %s failed: %s\n", src_path, sqlite3_errmsg(SDB(dst)->h));
  } else {
    fprintf(stderr, "canbo: cannot open %s: %s\n", src_path, from ? sqlite3_errmsg(from) : "out of memory");
  }
  sqlite3_close(from);
  return rc;
}

static int sq_integrity_check(Db *db, char *msg, size_t cap) {
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(SDB(db)->h, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) return CB_EDB;
  int rc = CB_EDB;
  if (sqlite3_step(s) == SQLITE_ROW) {
    const char *t = (const char *)sqlite3_column_text(s, 0);
    rc = t && strcmp(t, "ok") == 0 ? 0 : CB_EINVAL;
    if (msg && cap) snprintf(msg, cap, "%s", t ? t : "");
  }
  sqlite3_finalize(s);
  return rc;
}

static const char *sq_file(Db *db) {
  const char *f = sqlite3_db_filename(SDB(db)->h, "main");
  return f ? f : "";
}
static long long sq_last_id(Db *db) { return sqlite3_last_insert_rowid(SDB(db)->h); }
static int sq_changes(Db *db) { return sqlite3_changes(SDB(db)->h); }

static bool sq_has_table(Db *db, const char *name) {
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(SDB(db)->h, "SELECT 1 FROM sqlite_master WHERE name = ?", -1, &s, NULL) != SQLITE_OK)
    return false;
  sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
  bool has = sqlite3_step(s) == SQLITE_ROW;
  sqlite3_finalize(s);
  return has;
}

static const void *sq_blob(DbStmt *st, int col, int *len) {
  if (sqlite3_column_type(SST(st)->s, col) != SQLITE_BLOB) return NULL;
  const void *p = sqlite3_column_blob(SST(st)->s, col);
  *len = sqlite3_column_bytes(SST(st)->s, col);
  return p ? p : "";
}

static int sq_defer_foreign_keys(Db *db) { return sq_exec(db, "PRAGMA defer_foreign_keys = ON"); }
static int sq_sync_ids(Db *db, const char *table) { return 0; } /* INTEGER PRIMARY KEY takes max(id) + 1 */

const DbEngine db_engine_sqlite = {
    .name = "sqlite",
    .migrations = "schema/",
    .begin_write = "BEGIN IMMEDIATE",
    .begin_read = "BEGIN",
    .migration_stamp = "INSERT INTO schema_migrations(version, name, applied_at) "
                       "VALUES(?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
    .open = sq_open,
    .close = sq_close,
    .error = sq_error,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .bind_null = sq_bind_null,
    .bind_blob = sq_bind_blob,
    .step = sq_step,
    .text = sq_text,
    .int64 = sq_int,
    .isnull = sq_isnull,
    .column_count = sq_column_count,
    .column_name = sq_column_name,
    .reset = sq_reset,
    .finalize = sq_finalize,
    .in_tx = sq_in_tx,
    .bulk_mode = sq_bulk_mode,
    .index_build = sq_index_build,
    .last_id = sq_last_id,
    .changes = sq_changes,
    .has_table = sq_has_table,
    .version = sq_version,
    .file = sq_file,
    .backup_to = sq_backup_to,
    .restore_from = sq_restore_from,
    .integrity_check = sq_integrity_check,
    .tables_sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' "
                  "AND name NOT LIKE 'cadre!_fts%' ESCAPE '!' AND name NOT IN ('schema_migrations', 'memo_version') ORDER BY rowid",
    .blob = sq_blob,
    .defer_foreign_keys = sq_defer_foreign_keys,
    .sync_ids = sq_sync_ids,
};

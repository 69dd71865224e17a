/*
** The store API (core/db.h), engine-independent part: the engine is chosen
** from the target -- a postgresql:// (or postgres://) URL opens PostgreSQL
** (core/db_pg.c), anything else is an SQLite file (core/db_sqlite.c) -- and
** every call goes to it through its DbEngine (core/db_engine.h). Live
** statements, transactions and their hooks, memos and migrations are kept
** here, once for both engines.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "core/buf.h"
#include "core/db_engine.h"
#include "core/embed.h"
#include "core/err.h"

bool db_is_url(const char *target) {
  return target && (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0);
}

/*
** The test lane on PostgreSQL (docs/TESTING.md): with CANBO_TEST_PG=URL (a PostgreSQL database, e.g.
** the throwaway cluster of scripts/pg-tmp.sh), a file path given as the database names a schema of
** that database instead of an SQLite file. The file is a marker holding "canbo-pg-schema NAME"; a
** missing or empty file gets a new, empty schema (so a test that removes its database file starts
** afresh). The whole test suite, which creates and removes database files, then runs unchanged on
** PostgreSQL. Not for production: a real deployment gives a postgresql:// URL. Writes the URL of the
** schema into url (cap bytes); 0, or CB_EDB with the reason on stderr.
*/
static int test_lane_url(const char *base, const char *path, char *url, size_t cap) {
  char name[64] = "";
  FILE *f = fopen(path, "r");
  bool empty_file = f != NULL;
  if (f) {
    char line[128] = "";
    if (fgets(line, sizeof line, f) && sscanf(line, "canbo-pg-schema %63s", name) != 1) line[0] = 0;
    empty_file = ftell(f) == 0;
    fclose(f);
    if (line[0] && !name[0]) {
      fprintf(stderr, "canbo: CANBO_TEST_PG: %s is not a canbo-pg-schema marker\n", path);
      return CB_EDB;
    }
  }
  if (!name[0]) { /* a new schema, and the marker naming it (the first of two racing processes wins) */
    struct timeval tv;
    gettimeofday(&tv, NULL);
    snprintf(name, sizeof name, "t%ld_%ld_%ld", (long)getpid(), (long)tv.tv_sec, (long)tv.tv_usec);
    Db *admin = NULL;
    char sql[128];
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", name);
    if (db_engine_pg.open(base, &admin) != 0) return CB_EDB;
    int rc = db_engine_pg.exec(admin, sql);
    if (rc) fprintf(stderr, "canbo: CANBO_TEST_PG: %s\n", db_engine_pg.error(admin));
    db_engine_pg.close(admin);
    if (rc) return CB_EDB;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *w = fopen(tmp, "w");
    if (!w || fprintf(w, "canbo-pg-schema %s\n", name) < 0 || fclose(w) != 0) {
      fprintf(stderr, "canbo: cannot write %s: %s\n", tmp, strerror(errno));
      return CB_EDB;
    }
    if (empty_file ? rename(tmp, path) != 0 : link(tmp, path) != 0) {
      int err = errno;
      unlink(tmp);
      if (err == EEXIST) return test_lane_url(base, path, url, cap); /* another process made it first */
      fprintf(stderr, "canbo: cannot write %s: %s\n", path, strerror(err));
      return CB_EDB;
    }
    if (!empty_file) unlink(tmp);
  }
  snprintf(url, cap, "%s%coptions=-csearch_path%%3D%s%%2Cpublic", base, strchr(base, '?') ? '&' : '?', name);
  return 0;
}

int db_open(const char *target, Db **out) {
  const char *lane = getenv("CANBO_TEST_PG");
  char lane_url[4096];
  if (lane && *lane && target && !db_is_url(target) && strcmp(target, ":memory:") != 0) {
    if (test_lane_url(lane, target, lane_url, sizeof lane_url)) return CB_EDB;
    target = lane_url;
  }
  const DbEngine *eng = db_is_url(target) ? &db_engine_pg : &db_engine_sqlite;
  Db *db = NULL;
  int rc = eng->open(target, &db);
  if (rc) return rc;
  db->eng = eng;
  db->coll = vi_collator_new();
  if (!db->coll) {
    fprintf(stderr, "canbo: ICU has no Vietnamese collation\n");
    db_close(db);
    return CB_EDB;
  }
  *out = db;
  return 0;
}

void db_close(Db *db) {
  if (!db) return;
  while (db->live) db_finalize(db->live);
  for (int i = 0; i < DB_NMEMO; i++) arena_free(db->memo[i].a);
  db_memo_settle(db);
  free(db->retired);
  vi_collator_free(db->coll);
  db->eng->close(db);
}

const char *db_engine_name(Db *db) { return db->eng->name; }
const char *db_error(Db *db) { return db->eng->error(db); }
ViCollator *db_collator(Db *db) { return db->coll; }
int db_exec_trusted(Db *db, const char *sql) { return db->eng->exec(db, sql); }

/* A statement the engine made, added to db->live (NULL stays NULL). */
static DbStmt *live_add(Db *db, DbStmt *st) {
  if (!st) return NULL;
  st->db = db;
  st->prev = NULL;
  st->next = db->live;
  if (db->live) db->live->prev = st;
  db->live = st;
  return st;
}

DbStmt *db_prepare_trusted(Db *db, const char *sql) { return live_add(db, db->eng->prepare(db, sql)); }

void db_bind_text(DbStmt *st, int i, const char *s) { st->db->eng->bind_text(st, i, s); }
void db_bind_int(DbStmt *st, int i, long long v) { st->db->eng->bind_int(st, i, v); }
void db_bind_null(DbStmt *st, int i) { st->db->eng->bind_null(st, i); }
void db_bind_blob(DbStmt *st, int i, const void *p, int n) { st->db->eng->bind_blob(st, i, p, n); }
int db_step(DbStmt *st) { return st->db->eng->step(st); }
const char *db_text(DbStmt *st, int col) { return st->db->eng->text(st, col); }
long long db_int(DbStmt *st, int col) { return st->db->eng->int64(st, col); }
bool db_isnull(DbStmt *st, int col) { return st->db->eng->isnull(st, col); }
int db_column_count(DbStmt *st) { return st->db->eng->column_count(st); }
const char *db_column_name(DbStmt *st, int col) { return st->db->eng->column_name(st, col); }
void db_reset(DbStmt *st) { st->db->eng->reset(st); }

void db_finalize(DbStmt *st) {
  if (!st) return;
  Db *db = st->db;
  if (st->prev) st->prev->next = st->next;
  else db->live = st->next;
  if (st->next) st->next->prev = st->prev;
  db->eng->finalize(st);
}

int db_run(DbStmt *st) {
  if (!st) return CB_EDB;
  int rc = db_step(st);
  db_finalize(st);
  return rc < 0 ? rc : 0;
}

int db_bulk_mode(Db *db, bool on) { return db->eng->bulk_mode(db, on); }
int db_batch(Db *db, bool on) { return db->eng->batch ? db->eng->batch(db, on) : 0; }
int db_run_together(Db *db, DbStmt *const *sts, int n) {
  return db->eng->run_together && n > 1 ? db->eng->run_together(db, sts, n) : 0;
}
/* The number of columns of a db_prepare_rows target "name(a, b, ...)", or 0 when it is not of that form. */
static int rows_columns(const char *target) {
  const char *open = strchr(target, '(');
  size_t n = strlen(target);
  if (!open || open == target || n < 3 || target[n - 1] != ')' || open[1] == ')' || strchr(open + 1, '(')) return 0;
  int cols = 1;
  for (const char *p = open + 1; *p; p++) cols += *p == ',';
  return cols;
}

DbStmt *db_prepare_rows(Db *db, const char *target) {
  int cols = rows_columns(target);
  if (cols == 0) {
    fprintf(stderr, "canbo: db_prepare_rows: not a table and its columns: %s\n", target);
    return NULL;
  }
  if (db->eng->prepare_rows) return live_add(db, db->eng->prepare_rows(db, target, cols));
  Buf sql = BUF_INIT;
  buf_printf(&sql, "INSERT INTO %s VALUES(", target);
  for (int i = 0; i < cols; i++) buf_puts(&sql, i ? ", ?" : "?");
  buf_puts(&sql, ")");
  DbStmt *st = sql.p ? db_prepare_trusted(db, sql.p) : NULL;
  buf_free(&sql);
  return st;
}

bool db_page_total(int offset, int limit, int n, long long *total) {
  if (limit > 0 && (n >= limit || (n == 0 && offset > 0))) return false;
  *total = (limit > 0 && offset > 0 ? offset : 0) + n;
  return true;
}

int db_rows_end(Db *db) { return db->eng->rows_end ? db->eng->rows_end(db) : 0; }
const char *db_rows_error(Db *db) { return db->eng->rows_error ? db->eng->rows_error(db) : NULL; }

int db_index_build(Db *db, bool on) { return db->eng->index_build ? db->eng->index_build(db, on) : 0; }
long long db_last_id(Db *db) { return db->eng->last_id(db); }
int db_changes(Db *db) { return db->eng->changes(db); }
const char *db_file(Db *db) { return db->eng->file(db); }
int db_backup_to(Db *src, const char *dest_path) { return src->eng->backup_to(src, dest_path); }
int db_restore_from(Db *dst, const char *src_path) { return dst->eng->restore_from(dst, src_path); }
int db_integrity_check(Db *db, char *msg, size_t cap) { return db->eng->integrity_check(db, msg, cap); }

int db_tables(Db *db, Arena *a, const char ***names, int *n) {
  *names = NULL;
  *n = 0;
  DbStmt *st = db_prepare_trusted(db, db->eng->tables_sql);
  if (!st) return CB_EDB;
  int cap = 0, rc;
  while ((rc = db_step(st)) == DB_ROW) {
    if (*n == cap) {
      const char **w = arena_alloc(a, sizeof *w * (size_t)(cap = cap ? cap * 2 : 64));
      if (*n) memcpy(w, *names, sizeof *w * (size_t)*n);
      *names = w;
    }
    (*names)[(*n)++] = arena_strdup(a, db_text(st, 0));
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

const void *db_blob(DbStmt *st, int col, int *len) { return st->db->eng->blob(st, col, len); }
int db_defer_foreign_keys(Db *db) { return db->eng->defer_foreign_keys(db); }
int db_sync_ids(Db *db, const char *table) { return db->eng->sync_ids(db, table); }

/* --- transactions --- */

int db_read_begin(Db *db) {
  if (db->read_tx || db->eng->in_tx(db)) return 0;
  if (db_exec_trusted(db, db->eng->begin_read) != 0) return CB_EDB;
  db->read_tx = 1;
  db->read_serial++;
  return 0;
}

void db_read_end(Db *db) {
  if (!db->read_tx) return;
  db->read_tx = 0;
  if (db->eng->end_read) db->eng->end_read(db);
  else if (db->eng->in_tx(db)) db_exec(db, "COMMIT");
}

int db_begin(Db *db) {
  db_read_end(db);
  return db_exec_trusted(db, db->eng->begin_write);
}

bool db_in_write_tx(Db *db) { return db->eng->in_tx(db) && !db->read_tx; }

void db_abandon(Db *db) {
  while (db->live) db_finalize(db->live);
  db->after_commit = NULL;
  if (db->eng->in_tx(db)) db_exec(db, "ROLLBACK");
  db->read_tx = 0;
}

/* The process-wide before-commit hook (db_before_commit). */
static int (*g_before_commit)(Db *db);
void db_before_commit(int (*fn)(Db *db)) { g_before_commit = fn; }

int db_commit(Db *db) {
  if (g_before_commit && !db->migrating && db_in_write_tx(db)) {
    int hrc = g_before_commit(db);
    if (hrc) {
      db_rollback(db);
      return hrc;
    }
  }
  int rc = db_exec(db, "COMMIT");
  void (*fn)(Db *) = db->after_commit;
  if (rc == 0 && fn && !db->eng->in_tx(db)) {
    db->after_commit = NULL;
    fn(db);
  }
  return rc;
}

int db_rollback(Db *db) {
  db->after_commit = NULL;
  return db->eng->in_tx(db) ? db_exec(db, "ROLLBACK") : 0;
}
void db_after_commit(Db *db, void (*fn)(Db *db)) { db->after_commit = fn; }

const char *db_in_params(Arena *a, int first, int n) {
  if (n <= 0) return "NULL";
  char *out = arena_alloc(a, (size_t)n * 16), *w = out;
  for (int i = 0; i < n; i++) w += sprintf(w, i ? ", ?%d" : "?%d", first + i);
  return out;
}

/* An IN list's length rounded up to a power of two up to 512 (longer ones as they are): a few statement texts serve
   every length -- one prepared statement each per connection, not one per length. */
static int in_bucket(int n) {
  int b = 1;
  while (b < n && b < 512) b *= 2;
  return n > 512 ? n : b;
}

DbStmt *db_prepare_in_trusted(Db *db, Arena *a, const char *sql, int first, const long long *ids, int n) {
  if (!strstr(sql, "%s")) return NULL;
  int m = n > 0 ? in_bucket(n) : 0; /* the places past n repeat the last id: the same set */
  const char *list = db_in_params(a, first, m), *text = "";
  for (const char *at; (at = strstr(sql, "%s")) != NULL; sql = at + 2) /* every "%s" of the literal */
    text = arena_printf(a, "%s%.*s%s", text, (int)(at - sql), sql, list);
  DbStmt *st = db_prepare_trusted(db, arena_printf(a, "%s%s", text, sql));
  for (int i = 0; st && i < m; i++) db_bind_int(st, first + i, ids[i < n ? i : n - 1]);
  return st;
}

/* --- memos --- */

/*
** eng->version, asked once per read transaction: inside db_read_begin's snapshot nothing this connection sees can
** change (a handler that writes leaves it first: db_begin), so the session check and each memo of a request need
** not run PRAGMA data_version again (issue 9: the profile under load).
*/
static bool version_now(Db *db, long long *seen, long long *own) {
  if (db->read_tx && db->ver_serial == db->read_serial) {
    *seen = db->ver_seen, *own = db->ver_own;
    return true;
  }
  if (!db->eng->version(db, seen, own)) return false;
  if (db->read_tx) db->ver_serial = db->read_serial, db->ver_seen = *seen, db->ver_own = *own;
  return true;
}

bool db_data_version(Db *db, long long version[2]) {
  return !db_in_write_tx(db) && version_now(db, &version[0], &version[1]);
}

void db_memo_settle(Db *db) {
  for (int i = 0; i < db->nretired; i++) arena_free(db->retired[i]);
  db->nretired = 0;
}

int db_memo(Db *db, int slot, int (*load)(Db *db, Arena *a, void **value), void **out) {
  *out = NULL;
  long long seen, own;
  bool (*version)(Db *, long long *, long long *) = db->eng->memo_version ? db->eng->memo_version : version_now;
  if (slot < 0 || slot >= DB_NMEMO || db_in_write_tx(db) || !version(db, &seen, &own)) return 0;
  if (db->memo[slot].a && db->memo[slot].seen == seen && db->memo[slot].own == own) {
    *out = db->memo[slot].value;
    return 0;
  }
  Arena *a = arena_new();
  void *value = NULL;
  if (!a) return CB_EDB;
  int rc = load(db, a, &value);
  if (rc) {
    arena_free(a);
    return rc;
  }
  if (db->memo[slot].a && db->nretired == db->cap_retired) { /* the old value may still be in use: kept till settled */
    int cap = db->cap_retired ? db->cap_retired * 2 : 4;
    Arena **v = realloc(db->retired, sizeof *v * (size_t)cap);
    if (!v) {
      arena_free(a);
      return CB_EDB;
    }
    db->retired = v, db->cap_retired = cap;
  }
  if (db->memo[slot].a) db->retired[db->nretired++] = db->memo[slot].a;
  db->memo[slot].a = a;
  db->memo[slot].value = value;
  db->memo[slot].seen = seen;
  db->memo[slot].own = own;
  *out = value;
  return 0;
}

/* --- migrations: the embedded files under the engine's prefix, "NNNN_name.sql" --- */

/* Version number of an embedded migration of this engine ("schema/0001_init.sql" -> 1), or 0. */
static int migration_version(Db *db, const char *name) {
  size_t n = strlen(db->eng->migrations);
  if (strncmp(name, db->eng->migrations, n) != 0 || name[n] < '0' || name[n] > '9') return 0;
  return atoi(name + n);
}

static bool migration_applied(Db *db, int v) {
  DbStmt *st = db_prepare(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
  if (!st) return false;
  db_bind_int(st, 1, v);
  bool yes = db_step(st) == DB_ROW;
  db_finalize(st);
  return yes;
}

static int current_version(Db *db) {
  int v = 0;
  DbStmt *st = db_prepare(db, "SELECT max(version) FROM schema_migrations");
  if (st && db_step(st) == DB_ROW) v = (int)db_int(st, 0);
  db_finalize(st);
  return v;
}

bool db_is_current(Db *db) {
  if (!db->eng->has_table(db, "schema_migrations")) return false;
  for (const EmbeddedFile *f = embedded_files; f->name; f++) {
    int v = migration_version(db, f->name);
    if (v && !migration_applied(db, v)) return false;
  }
  return true;
}

/* Apply one migration file in its own transaction, stamped in schema_migrations. */
static int migrate_one(Db *db, const EmbeddedFile *f, int v) {
  db->migrating = 1;
  int rc = db_begin(db) != 0 || db_exec_trusted(db, (const char *)f->data) != 0;
  if (!rc) {
    DbStmt *st = db_prepare_trusted(db, db->eng->migration_stamp);
    if (st) {
      db_bind_int(st, 1, v);
      db_bind_text(st, 2, f->name + strlen(db->eng->migrations));
    }
    rc = db_run(st) != 0 || db_commit(db) != 0;
  }
  db->migrating = 0;
  if (rc) {
    fprintf(stderr, "canbo: migration %s failed: %s\n", f->name, db_error(db));
    db_rollback(db);
    return CB_EDB;
  }
  return 0;
}

int db_migrate(Db *db, int *applied) {
  int n = 0;
  if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations("
                  "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)") != 0) {
    fprintf(stderr, "canbo: cannot migrate: %s\n", db_error(db));
    return CB_EDB;
  }
  int have = current_version(db), newest = 0;
  for (const EmbeddedFile *f = embedded_files; f->name; f++)
    if (migration_version(db, f->name) > newest) newest = migration_version(db, f->name);
  if (have > newest)
    fprintf(stderr, "canbo: warning: the database schema (version %d) is newer than this canbo knows (%d); "
                    "upgrade canbo\n", have, newest);
  for (const EmbeddedFile *f = embedded_files; f->name; f++) { /* sorted by name */
    int v = migration_version(db, f->name);
    if (v == 0 || migration_applied(db, v)) continue; /* by set, not by maximum: a late-numbered file still applies */
    if (migrate_one(db, f, v)) return CB_EDB;
    n++;
  }
  if (applied) *applied = n;
  return 0;
}

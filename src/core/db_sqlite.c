/*
** The SQLite backend of the store API (see db.h). Everything SQLite-specific
** lives here: pragmas, collations, the fold function, error mapping.
*/
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/db.h"
#include "core/embed.h"
#include "core/err.h"

/*
** Prepared-statement cache: most statements are string literals prepared on
** every request (session lookup, cadre_find...). A cached statement is keyed
** by the address of its SQL text and checked by content, so SQL built in an
** arena at a reused address can never hit the wrong entry. db_finalize()
** hands a cached statement back (reset, bindings cleared) instead of
** finalizing it. A statement already in use is prepared afresh.
*/
#define STMT_CACHE 256

typedef struct {
  const char *key; /* address of the SQL text as passed */
  char *sql;       /* copy of the text, to compare on a hit */
  sqlite3_stmt *s;
  int in_use;
} CacheSlot;

struct Db {
  sqlite3 *h;
  ViCollator *coll;
  CacheSlot cache[STMT_CACHE];
  unsigned next_victim;
  int read_tx; /* inside db_read_begin's transaction */
  void (*after_commit)(Db *db); /* db_after_commit: run once after the next successful COMMIT */
  int migrating;                /* db_migrate runs: the before-commit hook is not called */
  struct DbStmt *live;          /* statements handed out and not finalized yet (db_abandon) */
  struct {
    long long seen, own; /* the data version it was built at (db_version) */
    Arena *a;            /* owns the value; NULL: none */
    void *value;
  } memo[DB_NMEMO]; /* db_memo */
};

struct DbStmt {
  sqlite3_stmt *s;
  Db *db;
  CacheSlot *slot; /* NULL: not cached, finalize for real */
  struct DbStmt *prev, *next; /* in db->live */
};

/* Hand st out: link it into db->live. */
static DbStmt *live_add(Db *db, DbStmt *st) {
  st->prev = NULL;
  st->next = db->live;
  if (db->live) db->live->prev = st;
  db->live = st;
  return st;
}

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

static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

/* Process-wide settings, before SQLite initializes: no memory statistics (they take a global mutex on every allocation). */
static void sqlite_setup(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* CANBO_SQL_PROFILE=MS (a developer's tool, docs/PERFORMANCE.md): each statement run slower than MS ms, on stderr. */
static int profile_statement(unsigned type, void *ctx, void *p, void *x) {
  (void)type;
  double ms = (double)*(sqlite3_int64 *)x / 1e6;
  if (ms >= *(double *)ctx) fprintf(stderr, "canbo: sql %.1f ms: %.300s\n", ms, sqlite3_sql((sqlite3_stmt *)p));
  return 0;
}

int db_open(const char *path, Db **out) {
  pthread_once(&sqlite_once, sqlite_setup);
  Db *db = calloc(1, sizeof *db);
  if (!db) return CB_EDB;
  if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    fprintf(stderr, "canbo: cannot open database %s: %s\n", path, db->h ? sqlite3_errmsg(db->h) : "out of memory");
    sqlite3_close(db->h);
    free(db);
    return CB_EDB;
  }
  db->coll = vi_collator_new();
  if (!db->coll) {
    fprintf(stderr, "canbo: ICU has no Vietnamese collation\n");
    db_close(db);
    return CB_EDB;
  }
  sqlite3_busy_timeout(db->h, 10000);
  static double profile_ms = -1;
  if (profile_ms < 0) profile_ms = getenv("CANBO_SQL_PROFILE") ? atof(getenv("CANBO_SQL_PROFILE")) : 0;
  if (profile_ms > 0) sqlite3_trace_v2(db->h, SQLITE_TRACE_PROFILE, profile_statement, &profile_ms);
  sqlite3_create_collation(db->h, "vi", SQLITE_UTF8, db, collate_vi);
  sqlite3_create_collation(db->h, "vi_name", SQLITE_UTF8, db, collate_vi_name);
  sqlite3_create_function(db->h, "vi_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_vi_fold, NULL, NULL);
  if (db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
                  "PRAGMA mmap_size=268435456; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;") != 0) {
    fprintf(stderr, "canbo: cannot use database %s: %s\n", path, sqlite3_errmsg(db->h));
    db_close(db);
    return CB_EDB;
  }
  *out = db;
  return 0;
}

void db_close(Db *db) {
  if (!db) return;
  for (int i = 0; i < STMT_CACHE; i++) {
    sqlite3_finalize(db->cache[i].s);
    free(db->cache[i].sql);
  }
  for (int i = 0; i < DB_NMEMO; i++) arena_free(db->memo[i].a);
  sqlite3_close(db->h);
  vi_collator_free(db->coll);
  free(db);
}

const char *db_error(Db *db) { return sqlite3_errmsg(db->h); }
ViCollator *db_collator(Db *db) { return db->coll; }

int db_exec_trusted(Db *db, const char *sql) {
  return sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : CB_EDB;
}

static CacheSlot *cache_lookup(Db *db, const char *sql) {
  unsigned h = (unsigned)(((uintptr_t)sql >> 3) % STMT_CACHE);
  for (int i = 0; i < 4; i++) { /* a short probe sequence */
    CacheSlot *c = &db->cache[(h + (unsigned)i) % STMT_CACHE];
    if (c->key == sql && !c->in_use && strcmp(c->sql, sql) == 0) return c;
  }
  return NULL;
}

/*
** A free slot for `sql`, or NULL when all probed slots are busy. Only among
** the slots cache_lookup probes (h .. h+3): an empty one first, else an idle
** one in turn. (Issue 9: the victim used to be picked anywhere in the table,
** where no lookup would find the statement again, so most prepares missed.)
*/
static CacheSlot *cache_slot_for(Db *db, const char *sql) {
  unsigned h = (unsigned)(((uintptr_t)sql >> 3) % STMT_CACHE);
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
  pick->key = pick->sql ? sql : NULL;
  return pick->sql ? pick : NULL;
}

DbStmt *db_prepare_trusted(Db *db, const char *sql) {
  DbStmt *st = malloc(sizeof *st);
  if (!st) return NULL;
  st->db = db;
  CacheSlot *c = cache_lookup(db, sql);
  if (c) {
    c->in_use = 1;
    st->s = c->s;
    st->slot = c;
    return live_add(db, st);
  }
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK) {
    fprintf(stderr, "canbo: SQL error: %s\n  in: %.200s\n", sqlite3_errmsg(db->h), sql);
    free(st);
    return NULL;
  }
  st->s = s;
  st->slot = NULL;
  if ((c = cache_slot_for(db, sql)) != NULL) {
    c->s = s;
    c->in_use = 1;
    st->slot = c;
  }
  return live_add(db, st);
}

void db_bind_text(DbStmt *st, int i, const char *s) {
  if (s) sqlite3_bind_text(st->s, i, s, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st->s, i);
}
void db_bind_int(DbStmt *st, int i, long long v) { sqlite3_bind_int64(st->s, i, v); }
void db_bind_null(DbStmt *st, int i) { sqlite3_bind_null(st->s, i); }
void db_bind_blob(DbStmt *st, int i, const void *p, int n) { sqlite3_bind_blob(st->s, i, p, n, SQLITE_TRANSIENT); }

int db_step(DbStmt *st) {
  int rc = sqlite3_step(st->s);
  if (rc == SQLITE_ROW) return DB_ROW;
  if (rc == SQLITE_DONE) return DB_DONE;
  int ext = sqlite3_extended_errcode(st->db->h);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) return CB_EEXIST;
  return CB_EDB;
}

const char *db_text(DbStmt *st, int col) { return (const char *)sqlite3_column_text(st->s, col); }
long long db_int(DbStmt *st, int col) { return sqlite3_column_int64(st->s, col); }
bool db_isnull(DbStmt *st, int col) { return sqlite3_column_type(st->s, col) == SQLITE_NULL; }
int db_column_count(DbStmt *st) { return sqlite3_column_count(st->s); }
const char *db_column_name(DbStmt *st, int col) { return sqlite3_column_name(st->s, col); }
void db_reset(DbStmt *st) {
  sqlite3_reset(st->s);
  sqlite3_clear_bindings(st->s);
}
void db_finalize(DbStmt *st) {
  if (!st) return;
  if (st->prev) st->prev->next = st->next;
  else st->db->live = st->next;
  if (st->next) st->next->prev = st->prev;
  if (st->slot) {
    sqlite3_reset(st->s);
    sqlite3_clear_bindings(st->s);
    st->slot->in_use = 0;
  } else {
    sqlite3_finalize(st->s);
  }
  free(st);
}

int db_run(DbStmt *st) {
  if (!st) return CB_EDB;
  int rc = db_step(st);
  db_finalize(st);
  return rc < 0 ? rc : 0;
}

int db_bulk_mode(Db *db, bool on) {
  if (on) return db_exec(db, "PRAGMA cache_size = -1048576; PRAGMA foreign_keys = OFF");
  return db_exec(db, "PRAGMA cache_size = -65536; PRAGMA foreign_keys = ON");
}

int db_read_begin(Db *db) {
  if (db->read_tx || !sqlite3_get_autocommit(db->h)) return 0;
  if (db_exec(db, "BEGIN") != 0) return CB_EDB;
  db->read_tx = 1;
  return 0;
}

void db_read_end(Db *db) {
  if (!db->read_tx) return;
  db->read_tx = 0;
  if (!sqlite3_get_autocommit(db->h)) db_exec(db, "COMMIT");
}

int db_begin(Db *db) {
  db_read_end(db);
  return db_exec(db, "BEGIN IMMEDIATE");
}
bool db_in_write_tx(Db *db) { return !sqlite3_get_autocommit(db->h) && !db->read_tx; }
void db_abandon(Db *db) {
  while (db->live) db_finalize(db->live);
  db->after_commit = NULL;
  if (!sqlite3_get_autocommit(db->h)) db_exec(db, "ROLLBACK");
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
  if (rc == 0 && fn && sqlite3_get_autocommit(db->h)) {
    db->after_commit = NULL;
    fn(db);
  }
  return rc;
}

/*
** What the database holds as far as this connection can tell: equal readings mean nothing was committed in
** between (PRAGMA data_version counts other connections' commits, total_changes this one's rows). False inside
** a write transaction or a raw BEGIN.
*/
static bool db_version(Db *db, long long *seen, long long *own) {
  if (!sqlite3_get_autocommit(db->h) && !db->read_tx) return false;
  DbStmt *st = db_prepare(db, "PRAGMA data_version");
  if (!st) return false;
  bool ok = db_step(st) == DB_ROW;
  if (ok) {
    *seen = db_int(st, 0);
    *own = (long long)sqlite3_total_changes64(db->h);
  }
  db_finalize(st);
  return ok;
}

int db_memo(Db *db, int slot, int (*load)(Db *db, Arena *a, void **value), void **out) {
  *out = NULL;
  long long seen, own;
  if (slot < 0 || slot >= DB_NMEMO || !db_version(db, &seen, &own)) return 0;
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
  arena_free(db->memo[slot].a);
  db->memo[slot].a = a;
  db->memo[slot].value = value;
  db->memo[slot].seen = seen;
  db->memo[slot].own = own;
  *out = value;
  return 0;
}

int db_rollback(Db *db) {
  db->after_commit = NULL;
  return sqlite3_get_autocommit(db->h) ? 0 : db_exec(db, "ROLLBACK");
}
void db_after_commit(Db *db, void (*fn)(Db *db)) { db->after_commit = fn; }

/* One sqlite3_backup from `from` into `to`, all pages in one step (one read snapshot of `from`). */
static int backup_copy(sqlite3 *to, sqlite3 *from) {
  sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return CB_EDB;
  int rc;
  while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  int fin = sqlite3_backup_finish(b);
  return rc == SQLITE_DONE && fin == SQLITE_OK ? 0 : CB_EDB;
}

int db_backup_to(Db *src, const char *dest_path) {
  sqlite3 *to = NULL;
  int rc = CB_EDB;
  if (sqlite3_open_v2(dest_path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK) {
    sqlite3_busy_timeout(to, 10000);
    rc = backup_copy(to, src->h);
    if (rc) fprintf(stderr, "canbo: backup to %s failed: %s\n", dest_path, sqlite3_errmsg(to));
    else if (sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) rc = CB_EDB;
  } else {
    fprintf(stderr, "canbo: cannot create %s: %s\n", dest_path, to ? sqlite3_errmsg(to) : "out of memory");
  }
  sqlite3_close(to);
  return rc;
}

int db_restore_from(Db *dst, const char *src_path) {
  sqlite3 *from = NULL;
  int rc = CB_EDB;
  if (sqlite3_open_v2(src_path, &from, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
    rc = backup_copy(dst->h, from);
    if (rc) fprintf(stderr, "canbo: restore from %s failed: %s\n", src_path, sqlite3_errmsg(dst->h));
  } else {
    fprintf(stderr, "canbo: cannot open %s: %s\n", src_path, from ? sqlite3_errmsg(from) : "out of memory");
  }
  sqlite3_close(from);
  return rc;
}

int db_integrity_check(Db *db, char *msg, size_t cap) {
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) return CB_EDB;
  int rc = CB_EDB;
  if (sqlite3_step(s) == SQLITE_ROW) {
    const char *t = (const char *)sqlite3_column_text(s, 0);
    rc = t && strcmp(t, "ok") == 0 ? 0 : CB_EINVAL;
    if (msg && cap) snprintf(msg, cap, "%s", t ? t : "");
  }
  sqlite3_finalize(s);
  return rc;
}
const char *db_file(Db *db) {
  const char *f = sqlite3_db_filename(db->h, "main");
  return f ? f : "";
}
long long db_last_id(Db *db) { return sqlite3_last_insert_rowid(db->h); }
int db_changes(Db *db) { return sqlite3_changes(db->h); }

/* Version number of an embedded migration "schema/0001_init.sql", or 0. */
static int migration_version(const char *name) {
  if (strncmp(name, "schema/", 7) != 0) return 0;
  return atoi(name + 7);
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
  int newest = 0;
  for (const EmbeddedFile *f = embedded_files; f->name; f++) {
    int v = migration_version(f->name);
    if (v > newest) newest = v;
  }
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_master WHERE name='schema_migrations'", -1, &s, NULL) != SQLITE_OK)
    return false;
  bool has = sqlite3_step(s) == SQLITE_ROW;
  sqlite3_finalize(s);
  if (!has) return false;
  for (const EmbeddedFile *f = embedded_files; f->name; f++) {
    int v = migration_version(f->name);
    if (v && !migration_applied(db, v)) return false;
  }
  (void)newest;
  return true;
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
    if (migration_version(f->name) > newest) newest = migration_version(f->name);
  if (have > newest)
    fprintf(stderr, "canbo: warning: the database schema (version %d) is newer than this canbo knows (%d); "
                    "upgrade canbo\n", have, newest);
  for (const EmbeddedFile *f = embedded_files; f->name; f++) { /* sorted by name */
    int v = migration_version(f->name);
    if (v == 0 || migration_applied(db, v)) continue; /* by set, not by maximum: a late-numbered file still applies */
    db->migrating = 1;
    if (db_begin(db) != 0 || db_exec_trusted(db, (const char *)f->data) != 0) {
      db->migrating = 0;
      fprintf(stderr, "canbo: migration %s failed: %s\n", f->name, db_error(db));
      db_rollback(db);
      return CB_EDB;
    }
    DbStmt *st = db_prepare(db, "INSERT INTO schema_migrations(version, name, applied_at) "
                                "VALUES(?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
    db_bind_int(st, 1, v);
    db_bind_text(st, 2, f->name + 7);
    int mrc = db_run(st) != 0 || db_commit(db) != 0;
    db->migrating = 0;
    if (mrc) {
      fprintf(stderr, "canbo: migration %s failed: %s\n", f->name, db_error(db));
      db_rollback(db);
      return CB_EDB;
    }
    n++;
  }
  if (applied) *applied = n;
  return 0;
}

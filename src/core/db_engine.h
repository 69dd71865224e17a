/*
** Inside the store (core/db.h): what one database engine provides, and the
** parts of a connection and a statement that every engine shares. Only
** core/db.c and the engines (db_sqlite.c, db_pg.c) include this header.
**
** core/db.c holds everything that does not depend on the engine: choosing
** the engine from the target (a file path or a postgresql:// URL), the list
** of live statements (db_abandon), transactions with their before/after
** commit hooks, the memos and the migrations. An engine only runs SQL.
*/
#ifndef CANBO_DB_ENGINE_H
#define CANBO_DB_ENGINE_H
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "core/db.h"

typedef struct DbEngine DbEngine;

/*
** Where the engines' statement caches look for an SQL text: a hash of its length and 32 bytes sampled along it.
** A hit is checked by content, so the same text finds its prepared statement from any address -- a literal's,
** or SQL built in an arena (db_in_params) on every request, which a hash of the address missed each time.
*/
static inline unsigned db_sql_hash(const char *sql) {
  size_t n = strlen(sql);
  unsigned h = 2166136261u ^ (unsigned)n;
  for (size_t i = 0; i < 32 && n; i++) {
    h ^= (unsigned char)sql[i * n / 32];
    h *= 16777619u;
  }
  return h;
}

/* The shared head of a connection; an engine's own struct starts with it. */
struct Db {
  const DbEngine *eng;
  ViCollator *coll;
  int read_tx;                  /* inside db_read_begin's transaction */
  long long read_serial;        /* how many read transactions db_read_begin opened (PostgreSQL's memo version) */
  long long ver_serial, ver_seen, ver_own; /* eng->version as read in read transaction ver_serial (version_now) */
  int write_tx;                 /* inside db_begin's transaction */
  void (*after_commit)(Db *db); /* db_after_commit: run once after the next successful COMMIT */
  int migrating;                /* db_migrate runs: the before-commit hook is not called */
  struct DbStmt *live;          /* statements handed out and not finalized yet (db_abandon) */
  struct {
    long long seen, own; /* the data version it was built at (eng->version) */
    Arena *a;            /* owns the value; NULL: none */
    void *value;
  } memo[DB_NMEMO]; /* db_memo */
  Arena **retired;  /* memo arenas replaced since db_memo_settle: their values may still be in use */
  int nretired, cap_retired;
};

/* The shared head of a statement; an engine's own struct starts with it. */
struct DbStmt {
  Db *db;
  struct DbStmt *prev, *next; /* in db->live */
};

struct DbEngine {
  const char *name;             /* "sqlite", "postgresql" */
  const char *migrations;       /* prefix of its embedded migrations: "schema/", "schema/pg/" */
  const char *begin_write;      /* the SQL that opens the one-writer transaction */
  const char *begin_read;       /* the SQL that opens a request's read snapshot */
  const char *migration_stamp;  /* INSERT INTO schema_migrations(version, name, applied_at) VALUES(?, ?, now) */
  /* A new connection to `target` (path or URL), engine struct allocated, head zeroed but eng/coll. */
  int (*open)(const char *target, Db **out);
  void (*close)(Db *db);
  const char *(*error)(Db *db);
  int (*exec)(Db *db, const char *sql);
  /* End a read transaction (begin_read): NULL = exec "COMMIT". An engine may not wait for the answer. */
  void (*end_read)(Db *db);
  DbStmt *(*prepare)(Db *db, const char *sql); /* NULL on error (message on stderr) */
  void (*bind_text)(DbStmt *st, int i, const char *s);
  void (*bind_int)(DbStmt *st, int i, long long v);
  void (*bind_null)(DbStmt *st, int i);
  void (*bind_blob)(DbStmt *st, int i, const void *p, int n);
  int (*step)(DbStmt *st);
  const char *(*text)(DbStmt *st, int col);
  long long (*int64)(DbStmt *st, int col);
  bool (*isnull)(DbStmt *st, int col);
  int (*column_count)(DbStmt *st);
  const char *(*column_name)(DbStmt *st, int col);
  void (*reset)(DbStmt *st);
  void (*finalize)(DbStmt *st); /* after db.c unlinked it from db->live */
  bool (*in_tx)(Db *db);        /* any transaction open on the connection */
  int (*bulk_mode)(Db *db, bool on);
  int (*index_build)(Db *db, bool on); /* db_index_build; NULL: nothing to do */
  int (*batch)(Db *db, bool on); /* db_batch; NULL: nothing to do */
  int (*run_together)(Db *db, DbStmt *const *sts, int n); /* db_run_together; NULL: nothing to do */
  /* db_prepare_rows of a checked target with `cols` columns; NULL: an INSERT prepared by db.c */
  DbStmt *(*prepare_rows)(Db *db, const char *target, int cols);
  int (*rows_end)(Db *db); /* db_rows_end; NULL: nothing to do */
  const char *(*rows_error)(Db *db); /* db_rows_error; NULL: none ever (the rows' errors come at their steps) */
  long long (*last_id)(Db *db);
  int (*changes)(Db *db);
  bool (*has_table)(Db *db, const char *name);
  /* What the database holds, as far as this connection can tell (see db_memo); false: unknown. */
  bool (*version)(Db *db, long long *seen, long long *own);
  /* The version db_memo checks, of the memoized lists only (units, titles, rule versions); NULL: `version`. */
  bool (*memo_version)(Db *db, long long *seen, long long *own);
  const char *(*file)(Db *db);
  int (*backup_to)(Db *src, const char *dest_path);
  int (*restore_from)(Db *dst, const char *src_path);
  int (*integrity_check)(Db *db, char *msg, size_t cap);
  /* --- whole-database copy (canbo copy) --- */
  /* The data tables, in creation order (SQL returning one name per row). */
  const char *tables_sql;
  const void *(*blob)(DbStmt *st, int col, int *len); /* NULL when the value is not a blob */
  int (*defer_foreign_keys)(Db *db);                   /* until COMMIT, in the current transaction */
  int (*sync_ids)(Db *db, const char *table);          /* the next generated id follows the largest copied */
};

extern const DbEngine db_engine_sqlite;
extern const DbEngine db_engine_pg;

#endif

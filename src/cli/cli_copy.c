/*
** canbo copy --from SOURCE --to TARGET (issue 13, docs/DEPLOY.md): move a
** board's whole database between the engines -- an SQLite file into a
** PostgreSQL database (postgresql:// URL) and back, or file to file.
**
** The target is created or migrated to the same schema and must hold no
** data yet (no unit, no audit row). In one transaction on the target, with
** foreign keys checked at COMMIT: every table's rows are replaced by the
** source's, ids included (the seeded reference rows too, so an
** administrator's edits come along); the counters are rebuilt from the
** copied records instead of copied; the identity sequences follow the ids.
** The copy is audited on the target ("copy", its source's engine). Then it
** is verified: every table's rows (as a multiset, compared by a digest of
** each row's text) equal on both sides, and the target's audit chain
** intact. Nothing is written to the source; a failure leaves the target
** without the copy.
*/
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/counters.h"

/* Derived tables: rebuilt on the target from the copied records (domain/counters.h), not copied. */
static bool derived(const char *table) {
  static const char *const names[] = {"unit_counts", "cadre_counted", "counters_state", "counters_dirty",
                                      "eval_counts", "train_counts", "home_counts"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(table, names[i]) == 0) return true;
  return false;
}

/* A table name as a quoted SQL identifier (names come from the database's own catalog). */
static const char *ident(Arena *a, const char *name) { return arena_printf(a, "\"%s\"", name); }

/*
** Copy one table's rows from src into dst (whose rows of it were deleted), streamed (db_prepare_rows: on
** PostgreSQL one COPY). *rows counts them. 0 or CB_EDB.
*/
static int copy_table(Db *src, Db *dst, Arena *a, const char *table, long long *rows) {
  DbStmt *in = db_prepare_trusted(src, arena_printf(a, "SELECT * FROM %s", ident(a, table)));
  if (!in) return CB_EDB;
  int ncol = db_column_count(in), rc;
  Buf target = BUF_INIT;
  buf_printf(&target, "%s(", ident(a, table));
  for (int i = 0; i < ncol; i++) buf_printf(&target, "%s%s", i ? ", " : "", ident(a, db_column_name(in, i)));
  buf_putc(&target, ')');
  DbStmt *out = target.p ? db_prepare_rows(dst, target.p) : NULL;
  buf_free(&target);
  bool write_failed = false;
  while (out && (rc = db_step(in)) == DB_ROW) {
    for (int i = 0; i < ncol; i++) {
      int len = 0;
      const void *b = db_blob(in, i, &len);
      if (b) db_bind_blob(out, i + 1, b, len);
      else db_bind_text(out, i + 1, db_text(in, i)); /* NULL stays NULL; numbers as their text */
    }
    if ((rc = db_step(out)) < 0) { /* SQLite: this row; PostgreSQL: one of the rows before (its number in the text) */
      fprintf(stderr, "canbo: copy: table %s, row %lld or before: %s\n", table, *rows + 1, db_error(dst));
      write_failed = true;
      break;
    }
    db_reset(out);
    (*rows)++;
  }
  if (!out) rc = CB_EDB;
  db_finalize(in);
  db_finalize(out);
  int end = rc < 0 ? 0 : db_rows_end(dst);
  if (!out || end) fprintf(stderr, "canbo: copy: table %s: %s\n", table, db_error(dst));
  else if (rc < 0 && !write_failed) fprintf(stderr, "canbo: copy: reading table %s: %s\n", table, db_error(src));
  return rc < 0 ? rc : end ? CB_EDB : 0;
}

/*
** A digest of a table's rows that does not depend on their order: the sum of a 64-bit hash of each row's
** text (columns as text, blobs in hex, NULL marked), with the row count. Equal on both sides = same rows.
*/
static int table_digest(Db *db, Arena *a, const char *table, unsigned long long *sum, long long *count) {
  *sum = 0;
  *count = 0;
  DbStmt *st = db_prepare_trusted(db, arena_printf(a, "SELECT * FROM %s", ident(a, table)));
  if (!st) return CB_EDB;
  int ncol = db_column_count(st), rc;
  while ((rc = db_step(st)) == DB_ROW) {
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 8);
    for (int i = 0; i < ncol; i++) {
      int len = 0;
      const void *b = db_blob(st, i, &len);
      const char *t = b ? NULL : db_text(st, i);
      unsigned char tag = b ? 'b' : t ? 't' : 'n';
      crypto_generichash_update(&h, &tag, 1);
      if (b) crypto_generichash_update(&h, b, (unsigned long long)len);
      else if (t) crypto_generichash_update(&h, (const unsigned char *)t, strlen(t) + 1);
    }
    unsigned char out[8];
    crypto_generichash_final(&h, out, sizeof out);
    unsigned long long v = 0;
    for (int i = 0; i < 8; i++) v = v << 8 | out[i];
    *sum += v;
    (*count)++;
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

/* True when dst holds no data of its own yet (no unit, no audit row). */
static bool target_empty(Db *dst) {
  DbStmt *st = db_prepare(dst, "SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM audit)");
  bool empty = st && db_step(st) == DB_ROW && db_int(st, 0) == 0;
  db_finalize(st);
  return empty;
}

/* The copy itself, in one transaction on dst. 0 or an error (message on stderr). */
static int copy_all(Db *src, Db *dst, Arena *a, const char *const *tables, int n, const char *from,
                    long long *total) {
  if (db_begin(dst) != 0 || db_defer_foreign_keys(dst) != 0) return CB_EDB;
  /* All or nothing, so bulk mode: on PostgreSQL the rows are queued instead of one round trip each (on
     SQLite, inside the transaction, it only enlarges the page cache; foreign keys stay checked). */
  int rc = db_bulk_mode(dst, true);
  if (rc == 0) rc = counters_pause(dst, true); /* the year counts: rebuilt from the copied rows below */
  for (int i = n - 1; rc == 0 && i >= 0; i--) /* the target's seeded rows go (newest tables first) */
    if (!derived(tables[i])) rc = db_exec_trusted(dst, arena_printf(a, "DELETE FROM %s", ident(a, tables[i])));
  for (int i = 0; rc == 0 && i < n; i++) {
    if (derived(tables[i])) continue;
    long long rows = 0;
    rc = copy_table(src, dst, a, tables[i], &rows);
    if (rc == 0) rc = db_sync_ids(dst, tables[i]);
    *total += rows;
  }
  if (rc == 0) rc = counters_pause(dst, false); /* and every counter rebuilt from the copied rows */
  if (rc == 0) {
    char after[160];
    snprintf(after, sizeof after, "{\"from\":\"%s\",\"rows\":%lld}", db_engine_name(src), *total);
    rc = audit_log(dst, audit_cli_actor(), "copy", "database", from, NULL, after);
  }
  if (db_bulk_mode(dst, false) != 0 && rc == 0) rc = CB_EDB;
  if (rc == 0) rc = db_commit(dst);
  if (rc) {
    fprintf(stderr, "canbo: copy failed, nothing written to the target: %s\n", db_error(dst));
    db_rollback(dst);
  }
  return rc;
}

/* Compare every copied table on both sides, then the target's audit chain. 0 or CB_EINVAL (why on stderr). */
static int verify(Db *src, Db *dst, Arena *a, const char *const *tables, int n) {
  for (int i = 0; i < n; i++) {
    if (derived(tables[i]) || strcmp(tables[i], "audit") == 0) continue; /* the audit has the copy's own row */
    unsigned long long s1, s2;
    long long c1, c2;
    if (table_digest(src, a, tables[i], &s1, &c1) || table_digest(dst, a, tables[i], &s2, &c2)) return CB_EDB;
    if (s1 != s2 || c1 != c2) {
      fprintf(stderr, "canbo: copy: table %s differs after the copy (%lld rows here, %lld there)\n", tables[i], c1, c2);
      return CB_EINVAL;
    }
  }
  long long bad = 0, rows = 0;
  if (audit_verify(dst, &bad, &rows) != 0) {
    fprintf(stderr, "canbo: copy: the target's audit chain breaks at row %lld\n", bad);
    return CB_EINVAL;
  }
  DbStmt *st = db_prepare(src, "SELECT count(*) FROM audit");
  long long src_rows = st && db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  if (rows != src_rows + 1) {
    fprintf(stderr, "canbo: copy: the target's audit has %lld rows, the source's %lld and the copy's\n", rows, src_rows);
    return CB_EINVAL;
  }
  return 0;
}

int cmd_copy(CliCtx *ctx) {
  static const char *const vals[] = {"--from", "--to", NULL};
  const char *pos[1];
  if (cli_parse(ctx, vals, NULL, pos, 0) != 0 || !cli_opt(ctx, "--from") || !cli_opt(ctx, "--to")) return cli_usage(ctx);
  const char *from = cli_opt(ctx, "--from"), *to = cli_opt(ctx, "--to");
  if (!*from || !*to) { /* an empty shell variable: SQLite would take "" for a temporary database */
    fprintf(stderr, "canbo: copy: --%s is empty: name a database file or a postgresql:// URL\n", *from ? "to" : "from");
    return EXIT_USAGE;
  }
  if (strcmp(from, to) == 0) {
    fprintf(stderr, "canbo: copy: --from and --to name the same database\n");
    return EXIT_USAGE;
  }
  Db *src = NULL, *dst = NULL;
  if (db_open(from, &src) != 0) return EXIT_FAIL;
  if (!db_is_current(src)) {
    fprintf(stderr, "canbo: copy: %s is not at this canbo's schema: run canbo --db %s init first\n", from, from);
    db_close(src);
    return EXIT_FAIL;
  }
  int migrated = 0;
  if (db_open(to, &dst) != 0 || db_migrate(dst, &migrated) != 0) {
    db_close(src);
    db_close(dst);
    return EXIT_FAIL;
  }
  if (!target_empty(dst)) {
    fprintf(stderr, "canbo: copy: %s already holds data (units or audit rows); copy only into a new database\n", to);
    db_close(src);
    db_close(dst);
    return EXIT_DATA;
  }
  Arena *a = arena_new();
  const char **tables = NULL, **dtables = NULL;
  int n = 0, dn = 0;
  long long total = 0;
  int rc = db_tables(src, a, &tables, &n) || db_tables(dst, a, &dtables, &dn) ? CB_EDB : 0;
  for (int i = 0; rc == 0 && i < n; i++) { /* the same tables on both sides */
    bool found = false;
    for (int j = 0; j < dn && !found; j++) found = strcmp(tables[i], dtables[j]) == 0;
    if (!found) {
      fprintf(stderr, "canbo: copy: the target has no table %s\n", tables[i]);
      rc = CB_EINVAL;
    }
  }
  db_read_begin(src); /* one snapshot of the source for the copy and its check */
  if (rc == 0) rc = copy_all(src, dst, a, tables, n, from, &total);
  if (rc == 0) rc = verify(src, dst, a, tables, n);
  db_read_end(src);
  if (rc == 0) {
    audit_head_write(dst, true);
    printf("copied %lld rows of %d tables from %s (%s) to %s (%s); every table equal, audit chain intact\n", total,
           n, from, db_engine_name(src), to, db_engine_name(dst));
  }
  arena_free(a);
  db_close(src);
  db_close(dst);
  return rc == 0 ? EXIT_OK : rc == CB_EINVAL ? EXIT_DATA : EXIT_FAIL;
}

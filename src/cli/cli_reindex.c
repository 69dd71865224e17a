/*
** canbo reindex [--check]: rebuild the structure counters (domain/counters.h)
** from a full recount of today, in one audited transaction, then compare
** them with the recount for the whole database and every unit's subtree;
** --check only compares. Exit 0 when equal, 1 with the first difference.
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/counters.h"

/* Rebuild inside one transaction with its audit row. 0 or CB_EDB. */
static int rebuild(Db *db, const char *today) {
  if (db_begin(db)) return CB_EDB;
  int rc = counters_rebuild(db, today);
  if (!rc) rc = counters_rebuild_counts(db);
  if (!rc) {
    char after[64];
    snprintf(after, sizeof after, "{\"as_of\":\"%s\"}", today);
    rc = audit_log(db, audit_cli_actor(), "reindex", "counters", today, NULL, after);
  }
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int cmd_reindex(CliCtx *ctx) {
  static const char *const flags[] = {"--check", NULL};
  const char *pos[1];
  if (cli_parse(ctx, NULL, flags, pos, 0) != 0) return cli_usage(ctx);
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  char today[11];
  date_iso(date_today(), today);
  bool check_only = cli_flag(ctx, "--check");
  if (!check_only && rebuild(db, today)) {
    fprintf(stderr, "canbo: cannot rebuild the counters: %s\n", db_error(db));
    db_close(db);
    return EXIT_FAIL;
  }
  Arena *a = arena_new();
  char why[512] = "";
  db_read_begin(db);
  int rc = counters_verify(db, a, why, sizeof why);
  db_read_end(db);
  arena_free(a);
  db_close(db);
  if (rc == CB_ENOTFOUND) {
    fprintf(stderr, "canbo: the counters are not built or not current (%s): run canbo reindex\n", why[0] ? why : "none");
    return EXIT_FAIL;
  }
  if (rc) {
    fprintf(stderr, "canbo: counters differ from a full recount: %s\n", rc == CB_EINVAL ? why : "database error");
    return EXIT_FAIL;
  }
  printf("counters %s: equal to a full recount on %s\n", check_only ? "checked" : "rebuilt", today);
  return EXIT_OK;
}

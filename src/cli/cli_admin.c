/*
** Administrative commands: init, user, audit verify, and backup/restore of
** the database (SQLite online backup API; each copy checked by PRAGMA
** integrity_check and the audit chain with its head file; docs/DEPLOY.md).
*/
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/err.h"

int cmd_init(CliCtx *ctx) {
  const char *pos[1];
  if (cli_parse(ctx, NULL, NULL, pos, 0) < 0) return EXIT_USAGE;
  Db *db;
  if (db_open(ctx->db_path, &db) != 0) return EXIT_FAIL;
  int applied = 0;
  int rc = db_migrate(db, &applied);
  db_close(db);
  if (rc) return EXIT_FAIL;
  if (applied) printf("initialized %s (%d migration%s applied)\n", ctx->db_path, applied, applied == 1 ? "" : "s");
  else printf("%s is up to date\n", ctx->db_path);
  return EXIT_OK;
}

/* Read one line (the password) from stdin, without its newline. */
static int read_password(char *buf, size_t n) {
  if (!fgets(buf, (int)n, stdin)) return -1;
  buf[strcspn(buf, "\r\n")] = 0;
  return 0;
}

int cmd_user(CliCtx *ctx) {
  static const char *const vals[] = {"--role", "--unit", NULL};
  static const char *const flags[] = {"--password-stdin", NULL};
  const char *pos[2];
  int np = cli_parse(ctx, vals, flags, pos, 2);
  if (np < 0) return EXIT_USAGE;
  if (np != 2 || strcmp(pos[0], "add") != 0 || !cli_opt(ctx, "--role") || !cli_flag(ctx, "--password-stdin"))
    return cli_usage(ctx);
  const char *role = cli_opt(ctx, "--role");
  if (auth_role_parse(role) == ROLE_NONE) {
    fprintf(stderr, "canbo: --role must be admin, officer or viewer (got '%s')\n", role);
    return EXIT_USAGE;
  }
  char pw[1024];
  if (read_password(pw, sizeof pw) != 0 || strlen(pw) < 8) {
    fprintf(stderr, "canbo: the password on standard input must have at least 8 characters\n");
    return EXIT_DATA;
  }
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  Arena *a = arena_new();
  int rc = auth_user_add(db, a, audit_cli_actor(), pos[1], role, cli_opt(ctx, "--unit"), pw);
  if (rc == CB_EEXIST) fprintf(stderr, "canbo: user '%s' already exists\n", pos[1]);
  else if (rc == CB_ENOTFOUND) fprintf(stderr, "canbo: no unit with code '%s'\n", cli_opt(ctx, "--unit"));
  else if (rc == CB_EINVAL) fprintf(stderr, "canbo: invalid user name\n");
  else if (rc) fprintf(stderr, "canbo: cannot add user: %s\n", db_error(db));
  else printf("added user %s (%s)\n", pos[1], role);
  arena_free(a);
  db_close(db);
  return cli_exit_code(rc);
}

int cmd_audit(CliCtx *ctx) {
  static const char *const flags[] = {"--write-head", NULL};
  const char *pos[1];
  int np = cli_parse(ctx, NULL, flags, pos, 1);
  if (np != 1 || strcmp(pos[0], "verify") != 0) return cli_usage(ctx);
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  AuditCheck c;
  int rc = audit_check(db, &c);
  if (rc == CB_EDB) {
    db_close(db);
    fprintf(stderr, "canbo: cannot read the audit log\n");
    return EXIT_FAIL;
  }
  if (c.bad_id) {
    db_close(db);
    fprintf(stderr, "canbo: audit chain broken at row %lld (edited, deleted or inserted rows)\n", c.bad_id);
    return EXIT_FAIL;
  }
  if (cli_flag(ctx, "--write-head")) { /* the operator vouches for this log: its newest row becomes the head */
    int w = audit_head_write(db, true);
    if (w == 0 && c.last_id) audit_check(db, &c);
    db_close(db);
    if (w) return EXIT_FAIL;
    printf("audit chain intact: %lld rows; head file written: %lld %s\n", c.rows, c.last_id, c.last_id ? c.last_hash : "-");
    return EXIT_OK;
  }
  db_close(db);
  switch (c.head) {
  case AUDIT_HEAD_MISSING:
    fprintf(stderr, "canbo: no audit head file %s: cannot tell whether the newest rows were deleted "
                    "(a database copied without it? check it, then run canbo audit verify --write-head)\n", c.head_path);
    return EXIT_FAIL;
  case AUDIT_HEAD_AHEAD:
    fprintf(stderr, "canbo: the audit log ends at row %lld but its head file %s names row %lld: "
                    "the newest rows were deleted\n", c.last_id, c.head_path, c.head_id);
    return EXIT_FAIL;
  case AUDIT_HEAD_MISMATCH:
    fprintf(stderr, "canbo: audit row %lld does not carry the hash its head file %s recorded (%s): "
                    "the chain was rewritten from an edited row on\n", c.head_id, c.head_path, c.head_hash);
    return EXIT_FAIL;
  case AUDIT_HEAD_BAD:
    fprintf(stderr, "canbo: the audit head file %s cannot be read\n", c.head_path);
    return EXIT_FAIL;
  default: break;
  }
  printf("audit chain intact: %lld rows\n", c.rows);
  if (c.last_id) printf("head: row %lld %s\n", c.last_id, c.last_hash);
  if (c.head == AUDIT_HEAD_BEHIND)
    printf("head file %s names row %lld (%lld newer rows, each checked by the chain)\n", c.head_path, c.head_id,
           c.last_id - c.head_id);
  else if (c.head == AUDIT_HEAD_OK && c.last_id)
    printf("head file %s agrees\n", c.head_path);
  return rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- backup and restore (docs/DEPLOY.md) ---- */

/* Copy the file `from` to `to` byte for byte (to is created, never overwritten). 0 or -1 with a message. */
static int copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb");
  if (!in) {
    fprintf(stderr, "canbo: cannot read %s: %s\n", from, strerror(errno));
    return -1;
  }
  FILE *out = fopen(to, "wbx");
  if (!out) {
    fprintf(stderr, "canbo: cannot create %s: %s\n", to, strerror(errno));
    fclose(in);
    return -1;
  }
  char buf[65536];
  size_t n;
  int rc = 0;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    if (fwrite(buf, 1, n, out) != n) rc = -1;
  if (ferror(in)) rc = -1;
  fclose(in);
  if (fclose(out) != 0) rc = -1;
  if (rc) fprintf(stderr, "canbo: cannot copy %s to %s\n", from, to);
  return rc;
}

/* Remove a database file and the files SQLite and the audit keep beside it. */
static void remove_db_files(const char *path) {
  const char *sfx[] = {"", "-wal", "-shm", "-journal", ".audit-head"};
  for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
    char p[4200];
    snprintf(p, sizeof p, "%s%s", path, sfx[i]);
    unlink(p);
  }
}

/*
** Open the database file at `path` and check it: PRAGMA integrity_check and
** the audit chain; the head file beside it must agree unless `head_optional`
** (then a missing one is written). Prints what it found. 0, or -1.
*/
static int check_copy(const char *path, bool head_optional, AuditCheck *c) {
  Db *db;
  if (db_open(path, &db) != 0) return -1;
  char msg[512];
  int rc = db_integrity_check(db, msg, sizeof msg);
  if (rc) {
    fprintf(stderr, "canbo: %s: integrity check failed: %s\n", path, rc == CB_EINVAL ? msg : db_error(db));
    db_close(db);
    return -1;
  }
  rc = audit_check(db, c);
  if (rc == 0 || (head_optional && c->bad_id == 0 && c->head == AUDIT_HEAD_MISSING)) {
    if (c->head == AUDIT_HEAD_MISSING && audit_head_write(db, true) == 0) audit_check(db, c);
    db_close(db);
    return 0;
  }
  if (c->bad_id) fprintf(stderr, "canbo: %s: audit chain broken at row %lld\n", path, c->bad_id);
  else if (c->head == AUDIT_HEAD_MISSING)
    fprintf(stderr, "canbo: %s: no audit head file beside it (%s); copy it too, or pass --without-head\n", path,
            c->head_path);
  else
    fprintf(stderr, "canbo: %s: the audit log does not match its head file %s (head row %lld, log ends at row %lld)\n",
            path, c->head_path, c->head_id, c->last_id);
  db_close(db);
  return -1;
}

/* The audit row of a backup or restore, in db. */
static int audit_file_action(Db *db, const char *action, const char *file, const AuditCheck *c, const char *saved) {
  json_t *j = json_pack("{s:s, s:I, s:s, s:s?}", "file", file, "head_id", (json_int_t)c->last_id, "head_hash",
                        c->last_id ? c->last_hash : "", "saved", saved);
  char *after = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  int rc = after ? audit_log(db, audit_cli_actor(), action, "database", file, NULL, after) : CB_EDB;
  free(after);
  json_decref(j);
  return rc;
}

int cmd_backup(CliCtx *ctx) {
  const char *pos[1];
  if (cli_parse(ctx, NULL, NULL, pos, 1) != 1) return cli_usage(ctx);
  const char *file = pos[0];
  if (access(file, F_OK) == 0) {
    fprintf(stderr, "canbo: %s already exists: choose a new name (a backup never overwrites a file)\n", file);
    return EXIT_FAIL;
  }
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  char part[4200];
  snprintf(part, sizeof part, "%s.partial", file);
  remove_db_files(part);
  /* One snapshot of what is committed now, while the server goes on writing. */
  int rc = db_backup_to(db, part);
  if (rc == 0 && rename(part, file) != 0) {
    fprintf(stderr, "canbo: cannot name the backup %s: %s\n", file, strerror(errno));
    rc = -1;
  }
  remove_db_files(part);
  AuditCheck c;
  if (rc == 0 && check_copy(file, true, &c) != 0) {
    fprintf(stderr, "canbo: the copy failed its checks and was removed\n");
    remove_db_files(file);
    rc = -1;
  }
  if (rc == 0 && audit_file_action(db, "backup", file, &c, NULL) != 0) {
    fprintf(stderr, "canbo: the backup is made, but its audit row could not be written: %s\n", db_error(db));
    rc = -1;
  }
  db_close(db);
  if (rc) return EXIT_FAIL;
  printf("backup %s: integrity ok; audit chain intact: %lld rows; head: row %lld %s (in %s.audit-head)\n", file, c.rows,
         c.last_id, c.last_id ? c.last_hash : "-", file);
  return EXIT_OK;
}

int cmd_restore(CliCtx *ctx) {
  static const char *const flags[] = {"--without-head", NULL};
  const char *pos[1];
  if (cli_parse(ctx, NULL, flags, pos, 1) != 1) return cli_usage(ctx);
  const char *file = pos[0];
  if (access(file, R_OK) != 0) {
    fprintf(stderr, "canbo: cannot read %s: %s\n", file, strerror(errno));
    return EXIT_FAIL;
  }
  /* Check a copy (the backup itself stays untouched), with its head file beside it. */
  char check[4200], head_from[4200], head_to[4200];
  snprintf(check, sizeof check, "%s.restore-check", ctx->db_path);
  remove_db_files(check);
  audit_head_path(file, head_from, sizeof head_from);
  audit_head_path(check, head_to, sizeof head_to);
  AuditCheck c;
  if (copy_file(file, check) != 0 || (access(head_from, F_OK) == 0 && copy_file(head_from, head_to) != 0) ||
      check_copy(check, cli_flag(ctx, "--without-head"), &c) != 0) {
    remove_db_files(check);
    fprintf(stderr, "canbo: %s was not restored; the database is unchanged\n", file);
    return EXIT_DATA;
  }
  Db *db;
  if (cli_open_db(ctx, &db) != 0) {
    remove_db_files(check);
    return EXIT_FAIL;
  }
  /* Keep what is replaced. */
  char saved[4200];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  char stamp[32];
  strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  snprintf(saved, sizeof saved, "%s.before-restore-%s", ctx->db_path, stamp);
  int rc = db_backup_to(db, saved);
  if (rc == 0) {
    audit_head_path(saved, head_to, sizeof head_to);
    char head_now[4200];
    audit_head_path(ctx->db_path, head_now, sizeof head_now);
    if (access(head_now, F_OK) == 0) (void)copy_file(head_now, head_to);
  }
  if (rc == 0) rc = db_restore_from(db, check);
  if (rc == 0) rc = audit_head_write(db, true); /* the restored log's newest row is the head now */
  AuditCheck after;
  if (rc == 0) rc = audit_file_action(db, "restore", file, &c, saved);
  if (rc == 0) rc = audit_check(db, &after);
  db_close(db);
  remove_db_files(check);
  if (rc) {
    fprintf(stderr, "canbo: restore failed; the database as it was is in %s\n", saved);
    return EXIT_FAIL;
  }
  printf("restored %s from %s: integrity ok; audit chain intact: %lld rows; head: row %lld %s\n"
         "the database as it was before is in %s\n",
         ctx->db_path, file, after.rows, after.last_id, after.last_hash, saved);
  return EXIT_OK;
}

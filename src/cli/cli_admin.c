/* Administrative commands: init, user, audit. */
#include <stdio.h>
#include <string.h>
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

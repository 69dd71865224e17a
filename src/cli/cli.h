/*
** The command-line layer: one function per command, listed in the table of
** main.c. Commands parse their arguments, call domain functions and print.
** Exit codes (docs/canbo.1, EXIT STATUS): 0 success, 1 runtime failure, 2 usage error,
** 3 invalid input data (nothing written).
*/
#ifndef CANBO_CLI_H
#define CANBO_CLI_H
#include <stdbool.h>
#include "core/db.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_DATA = 3 };

typedef struct {
  const char *db_path; /* --db, $CANBO_DB, or ./canbo.db */
  int argc;            /* arguments after the command name */
  char **argv;
} CliCtx;

typedef int (*CliFn)(CliCtx *ctx);

/* Open the database and apply pending migrations. Prints why on failure. */
int cli_open_db(CliCtx *ctx, Db **db);
/* Map a CB_* code to an exit code. */
int cli_exit_code(int rc);
/* The value after option `name` ("--unit") in ctx->argv, or NULL. */
const char *cli_opt(CliCtx *ctx, const char *name);
/* True when flag `name` is present. */
bool cli_flag(CliCtx *ctx, const char *name);
/*
** Check that every argument is a known option (each of `with_value` takes a
** value, each of `flags` takes none) or a positional; returns the number of
** positionals copied to pos[0..max), or -1 after printing a usage error.
*/
int cli_parse(CliCtx *ctx, const char *const *with_value, const char *const *flags, const char **pos, int max);
/* Print the usage line of the current command to stderr and return EXIT_USAGE. */
int cli_usage(CliCtx *ctx);

int cmd_init(CliCtx *ctx);
int cmd_demo(CliCtx *ctx);
int cmd_user(CliCtx *ctx);
int cmd_import(CliCtx *ctx);
int cmd_export(CliCtx *ctx);
int cmd_serve(CliCtx *ctx);
int cmd_rules(CliCtx *ctx);
int cmd_audit(CliCtx *ctx);
int cmd_reindex(CliCtx *ctx); /* counters (issue 9): cli_reindex.c */
int cmd_unit(CliCtx *ctx);
int cmd_check(CliCtx *ctx);
int cmd_report(CliCtx *ctx);
int cmd_backup(CliCtx *ctx);  /* hardening (issue 12): cli_admin.c */
int cmd_restore(CliCtx *ctx);
int cmd_copy(CliCtx *ctx);    /* PostgreSQL (issue 13): cli_copy.c */

#endif

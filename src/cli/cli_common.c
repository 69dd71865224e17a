/* Shared CLI plumbing (see cli.h): database opening, options, exit codes. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/err.h"

int cli_open_db(CliCtx *ctx, Db **db) {
  if (db_open(ctx->db_path, db) != 0) return CB_EDB;
  if (db_migrate(*db, NULL) != 0) {
    db_close(*db);
    *db = NULL;
    return CB_EDB;
  }
  return 0;
}

int cli_exit_code(int rc) {
  switch (rc) {
  case CB_OK: return EXIT_OK;
  case CB_EUSAGE: return EXIT_USAGE;
  case CB_EINVAL:
  case CB_EEXIST:
  case CB_ECONFLICT:
  case CB_ENOTFOUND:
  case CB_ERULE: return EXIT_DATA;
  default: return EXIT_FAIL;
  }
}

const char *cli_opt(CliCtx *ctx, const char *name) {
  size_t n = strlen(name);
  for (int i = 0; i < ctx->argc; i++) {
    if (strcmp(ctx->argv[i], name) == 0) return i + 1 < ctx->argc ? ctx->argv[i + 1] : NULL;
    if (strncmp(ctx->argv[i], name, n) == 0 && ctx->argv[i][n] == '=') return ctx->argv[i] + n + 1;
  }
  return NULL;
}

bool cli_flag(CliCtx *ctx, const char *name) {
  for (int i = 0; i < ctx->argc; i++)
    if (strcmp(ctx->argv[i], name) == 0) return true;
  return false;
}

static bool listed(const char *arg, const char *const *names, size_t *len) {
  for (; names && *names; names++) {
    size_t n = strlen(*names);
    if (strcmp(arg, *names) == 0 || (strncmp(arg, *names, n) == 0 && arg[n] == '=')) {
      *len = n;
      return true;
    }
  }
  return false;
}

int cli_parse(CliCtx *ctx, const char *const *with_value, const char *const *flags, const char **pos, int max) {
  int npos = 0;
  for (int i = 0; i < ctx->argc; i++) {
    const char *a = ctx->argv[i];
    size_t n;
    if (listed(a, with_value, &n)) {
      if (a[n] == 0) {
        if (i + 1 >= ctx->argc) {
          fprintf(stderr, "canbo: option %s needs a value\n", a);
          cli_usage(ctx);
          return -1;
        }
        i++;
      }
    } else if (listed(a, flags, &n) && a[n] == 0) {
      /* flag */
    } else if (a[0] == '-' && a[1] == '-') {
      fprintf(stderr, "canbo: unknown option %s\n", a);
      cli_usage(ctx);
      return -1;
    } else {
      if (npos >= max) {
        fprintf(stderr, "canbo: unexpected argument '%s'\n", a);
        cli_usage(ctx);
        return -1;
      }
      pos[npos++] = a;
    }
  }
  return npos;
}

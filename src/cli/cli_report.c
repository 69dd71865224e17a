/*
** `canbo report annual --unit U --year YYYY [--format json|csv|xlsx] [--out FILE]`
** (CONTRACT §1, §6): json (one line, the default), csv ("section,item,count")
** or xlsx (needs --out). Unknown unit: exit 3; bad year or usage: exit 2.
** Every export writes an audit row (action "export", entity "report").
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cli_report_more.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/err.h"
#include "domain/report_annual.h"

/* Year 1900..2200 written as exactly 4 digits; -1 otherwise. */
static int parse_year(const char *s) {
  if (!s || strlen(s) != 4) return -1;
  for (int i = 0; i < 4; i++)
    if (s[i] < '0' || s[i] > '9') return -1;
  int y = atoi(s);
  return y >= 1900 && y <= 2200 ? y : -1;
}

/* Write the text form to `out` ("-" or NULL = stdout). 0 or CB_EIO. */
static int write_text(const char *out, const char *text) {
  FILE *f = !out || strcmp(out, "-") == 0 ? stdout : fopen(out, "wb");
  if (!f) return CB_EIO;
  fputs(text, f);
  int bad = ferror(f) != 0;
  if (f != stdout) bad |= fclose(f) != 0;
  else fflush(f);
  return bad ? CB_EIO : 0;
}

static int render(const AnnualReport *rep, const char *format, const char *out) {
  if (strcmp(format, "xlsx") == 0) return report_annual_xlsx(rep, out);
  Buf b = BUF_INIT;
  if (strcmp(format, "csv") == 0) {
    report_annual_csv(rep, &b);
  } else {
    json_t *j = report_annual_json(rep);
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    buf_puts(&b, s ? s : "");
    buf_putc(&b, '\n');
    free(s);
    json_decref(j);
  }
  int rc = write_text(out, b.p ? b.p : "");
  buf_free(&b);
  return rc;
}

int cmd_report(CliCtx *ctx) {
  static const char *const vals[] = {"--unit", "--year", "--format", "--out", NULL};
  if (ctx->argc > 0 && ctx->argv[0][0] != '-' && strcmp(ctx->argv[0], "annual") != 0)
    return cli_report_other(ctx, ctx->argv[0]); /* structure, retirements: cli_report_more.c */
  const char *pos[1];
  int np = cli_parse(ctx, vals, NULL, pos, 1);
  if (np < 0) return EXIT_USAGE;
  if (np != 1 || strcmp(pos[0], "annual") != 0) {
    if (np == 1) fprintf(stderr, "canbo: unknown report '%s' (reports: annual)\n", pos[0]);
    return cli_usage(ctx);
  }
  const char *unit = cli_opt(ctx, "--unit"), *ys = cli_opt(ctx, "--year"), *format = cli_opt(ctx, "--format"),
             *out = cli_opt(ctx, "--out");
  if (!unit || !*unit || !ys) {
    fprintf(stderr, "canbo: report annual needs --unit and --year\n");
    return cli_usage(ctx);
  }
  int year = parse_year(ys);
  if (year < 0) {
    fprintf(stderr, "canbo: --year must be a year YYYY between 1900 and 2200 (got '%s')\n", ys);
    return cli_usage(ctx);
  }
  if (!format) format = "json";
  if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0) {
    fprintf(stderr, "canbo: --format must be json, csv or xlsx (got '%s')\n", format);
    return cli_usage(ctx);
  }
  if (strcmp(format, "xlsx") == 0 && (!out || strcmp(out, "-") == 0)) {
    fprintf(stderr, "canbo: xlsx needs --out FILE\n");
    return cli_usage(ctx);
  }
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  Arena *a = arena_new();
  AnnualReport rep;
  int rc = report_annual(db, a, unit, year, NULL, strcmp(format, "xlsx") == 0, &rep);
  if (rc == CB_ENOTFOUND) fprintf(stderr, "canbo: unknown unit '%s'\n", unit);
  else if (rc) fprintf(stderr, "canbo: report failed: %s\n", db_error(db));
  if (!rc) {
    rc = render(&rep, format, out);
    if (rc) fprintf(stderr, "canbo: cannot write %s\n", out ? out : "standard output");
  }
  if (!rc && report_annual_audit(db, audit_cli_actor(), &rep, format) != 0) {
    fprintf(stderr, "canbo: cannot write the audit row: %s\n", db_error(db));
    rc = CB_EDB;
  }
  arena_free(a);
  db_close(db);
  return rc == CB_ENOTFOUND ? EXIT_DATA : rc ? EXIT_FAIL : EXIT_OK;
}

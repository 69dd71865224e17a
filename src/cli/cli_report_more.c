/*
** `canbo report structure|retirements` (see cli_report_more.h): structure
** statistics of a unit subtree on a date and the retirement list, as json
** (one line, default), csv or xlsx (the official list layout; needs --out).
** --date defaults to today. Every run writes an audit row (export).
*/
#include "cli/cli_report_more.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/structure.h"
#include "domain/structure_export.h"

typedef struct {
  const char *unit, *date, *format, *out;
  int months;
  char today[11];
} Args;

static int parse_args(CliCtx *ctx, const char *what, Args *a) {
  static const char *const vals[] = {"--unit", "--date", "--format", "--out", "--months", NULL};
  const char *pos[1];
  int np = cli_parse(ctx, vals, NULL, pos, 1);
  if (np < 0) return EXIT_USAGE;
  memset(a, 0, sizeof *a);
  a->unit = cli_opt(ctx, "--unit"), a->date = cli_opt(ctx, "--date"), a->format = cli_opt(ctx, "--format");
  a->out = cli_opt(ctx, "--out");
  if (!a->unit || !*a->unit) {
    fprintf(stderr, "canbo: report %s needs --unit\n", what);
    return cli_usage(ctx);
  }
  Date d;
  if (!a->date) a->date = date_iso(date_today(), a->today);
  else if (strlen(a->date) != 10 || date_parse(a->date, &d, DATE_FULL) != 0) {
    fprintf(stderr, "canbo: --date must be a date YYYY-MM-DD (got '%s')\n", a->date);
    return cli_usage(ctx);
  }
  const char *m = cli_opt(ctx, "--months");
  a->months = 12;
  if (m) {
    char *end;
    long v = strtol(m, &end, 10);
    if (!*m || *end || v < 0 || v > 600 || strcmp(what, "retirements") != 0) {
      fprintf(stderr, "canbo: --months takes 0..600 and only for retirements (got '%s')\n", m);
      return cli_usage(ctx);
    }
    a->months = (int)v;
  }
  if (!a->format) a->format = "json";
  if (strcmp(a->format, "json") != 0 && strcmp(a->format, "csv") != 0 && strcmp(a->format, "xlsx") != 0) {
    fprintf(stderr, "canbo: --format must be json, csv or xlsx (got '%s')\n", a->format);
    return cli_usage(ctx);
  }
  if (strcmp(a->format, "xlsx") == 0 && (!a->out || strcmp(a->out, "-") == 0)) {
    fprintf(stderr, "canbo: xlsx needs --out FILE\n");
    return cli_usage(ctx);
  }
  return EXIT_OK;
}

static FILE *open_out(const char *out) { return !out || strcmp(out, "-") == 0 ? stdout : fopen(out, "wb"); }

static int close_out(FILE *f, int rc) {
  if (!f) return CB_EIO;
  if (ferror(f)) rc = CB_EIO;
  if (f != stdout) {
    if (fclose(f) != 0) rc = CB_EIO;
  } else {
    fflush(stdout);
  }
  return rc;
}

static int write_json(json_t *j, const char *out) {
  FILE *f = open_out(out);
  if (!f) {
    json_decref(j);
    return CB_EIO;
  }
  int rc = json_dumpf(j, f, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) == 0 ? 0 : CB_EIO;
  fputc('\n', f);
  json_decref(j);
  return close_out(f, rc);
}

static int run_structure(Db *db, Arena *ar, const Args *a) {
  Structure s;
  int rc = structure_compute(db, ar, NULL, a->unit, a->date, &s);
  if (rc) return rc;
  if (strcmp(a->format, "xlsx") == 0) return structure_write_xlsx(&s, a->out);
  if (strcmp(a->format, "json") == 0) return write_json(structure_json(&s), a->out);
  FILE *f = open_out(a->out);
  if (!f) return CB_EIO;
  return close_out(f, structure_write_csv(&s, f));
}

static int run_retirements(Db *db, Arena *ar, const Args *a) {
  RetireRow *v;
  int n;
  Unit root;
  int rc = unit_find(db, ar, a->unit, NULL, &root);
  if (!rc) rc = structure_retirements(db, ar, NULL, a->unit, a->date, a->months, &v, &n);
  if (rc) return rc;
  if (strcmp(a->format, "xlsx") == 0) return retirements_write_xlsx(&root, a->date, a->months, v, n, a->out);
  if (strcmp(a->format, "json") == 0) return write_json(retirements_json(&root, a->date, a->months, v, n), a->out);
  FILE *f = open_out(a->out);
  if (!f) return CB_EIO;
  return close_out(f, retirements_write_csv(v, n, f));
}

int cli_report_other(CliCtx *ctx, const char *what) {
  bool structure = strcmp(what, "structure") == 0, retire = strcmp(what, "retirements") == 0;
  if (!structure && !retire) {
    fprintf(stderr, "canbo: unknown report '%s' (reports: annual, structure, retirements)\n", what);
    return cli_usage(ctx);
  }
  Args a;
  int ex = parse_args(ctx, what, &a);
  if (ex != EXIT_OK) return ex;
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  Arena *ar = arena_new();
  int rc = structure ? run_structure(db, ar, &a) : run_retirements(db, ar, &a);
  if (rc == CB_ENOTFOUND) fprintf(stderr, "canbo: unknown unit '%s'\n", a.unit);
  else if (rc == CB_EIO) fprintf(stderr, "canbo: cannot write %s\n", a.out ? a.out : "standard output");
  else if (rc) fprintf(stderr, "canbo: report failed: %s\n", db_error(db));
  if (!rc && structure_export_audit(db, audit_cli_actor(), what, a.unit, a.date, a.format) != 0) {
    fprintf(stderr, "canbo: cannot write the audit row: %s\n", db_error(db));
    rc = CB_EDB;
  }
  arena_free(ar);
  db_close(db);
  return rc == CB_ENOTFOUND ? EXIT_DATA : rc ? EXIT_FAIL : EXIT_OK;
}

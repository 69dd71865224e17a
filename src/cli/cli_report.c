/*
** `canbo report`: the reports of the command line (docs/canbo.1):
**   canbo report annual        --unit U --year YYYY [--format json|csv|xlsx] [--out FILE]
**   canbo report structure     --unit U [--date D] [--format ...] [--out FILE]
**   canbo report retirements   --unit U [--date D] [--months 12] [--format ...] [--out FILE]
**   canbo report planning-list --unit U [--term T] [--title T] [--date D] [--format ...] [--out FILE]
**   canbo report due           --unit U [--date D] [--format ...] [--out FILE]
**   canbo report trainings     --unit U --year YYYY [--date D] [--format ...] [--out FILE]
** json is one line (the default), csv, or xlsx (needs --out). --date
** defaults to today. Every run writes an audit row (action "export").
** Exit codes: 0, 1 (runtime), 2 (usage: bad date, months, term or year),
** 3 (unknown unit or title).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/official_lists.h"
#include "domain/planning.h"
#include "domain/report_annual.h"
#include "domain/structure.h"
#include "domain/structure_export.h"

/* "2025" -> 2025 (1900..2200); -1 when absent or malformed. */
static int parse_year(const char *y) {
  if (!y || strlen(y) != 4) return -1;
  for (int i = 0; i < 4; i++)
    if (y[i] < '0' || y[i] > '9') return -1;
  int v = atoi(y);
  return v >= 1900 && v <= 2200 ? v : -1;
}

/* ---- structure, retirements and the official lists ---- */

typedef struct {
  const char *unit, *date, *format, *out;
  const char *term, *title; /* planning-list */
  int year;                 /* trainings */
  int months;
  char today[11];
} Args;

/* True (after a message) when option `opt` is given to a report other than `report`. */
static bool only_for(const char *what, const char *opt, const char *value, const char *report) {
  if (!value || strcmp(what, report) == 0) return false;
  fprintf(stderr, "canbo: %s is only for report %s\n", opt, report);
  return true;
}

static int parse_args(CliCtx *ctx, const char *what, Args *a) {
  static const char *const vals[] = {"--unit", "--date", "--format", "--out", "--months",
                                     "--term", "--title", "--year", NULL};
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
  if (only_for(what, "--term", a->term = cli_opt(ctx, "--term"), "planning-list") ||
      only_for(what, "--title", a->title = cli_opt(ctx, "--title"), "planning-list") ||
      only_for(what, "--year", cli_opt(ctx, "--year"), "trainings"))
    return cli_usage(ctx);
  if (a->term && !term_valid(a->term)) {
    fprintf(stderr, "canbo: --term must be YYYY-YYYY, five years apart (got '%s')\n", a->term);
    return cli_usage(ctx);
  }
  if (strcmp(what, "trainings") == 0 && (a->year = parse_year(cli_opt(ctx, "--year"))) < 0) {
    fprintf(stderr, "canbo: report trainings needs --year YYYY (1900..2200)\n");
    return cli_usage(ctx);
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
  int rc = structure_compute(db, ar, scope_all(), a->unit, a->date, &s);
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
  int rc = unit_find(db, ar, scope_all(), a->unit, &root);
  if (!rc) rc = structure_retirements(db, ar, scope_all(), a->unit, a->date, a->months, &v, &n);
  if (rc) return rc;
  if (strcmp(a->format, "xlsx") == 0) return retirements_write_xlsx(&root, a->date, a->months, v, n, a->out);
  if (strcmp(a->format, "json") == 0) return write_json(retirements_json(&root, a->date, a->months, v, n), a->out);
  FILE *f = open_out(a->out);
  if (!f) return CB_EIO;
  return close_out(f, retirements_write_csv(v, n, f));
}

/* planning-list, due, trainings: build the official list, write it, audit it. */
static int run_official(Db *db, Arena *ar, const char *what, const Args *a) {
  OfficialList l;
  db_read_begin(db); /* one snapshot: a streamed list's total and the rows written (official_lists.h) */
  int rc = strcmp(what, "planning-list") == 0 ? official_planning_list(db, ar, scope_all(), a->unit, a->term, a->title, a->date, &l)
           : strcmp(what, "due") == 0         ? official_due_list(db, ar, scope_all(), a->unit, a->date, &l)
                                              : official_training_stream(db, ar, scope_all(), a->unit, a->year, a->date, &l);
  if (rc) {
    db_read_end(db);
    return rc;
  }
  if (strcmp(a->format, "xlsx") == 0) rc = official_list_xlsx(&l, a->out);
  else {
    FILE *f = open_out(a->out);
    rc = !f ? CB_EIO : close_out(f, strcmp(a->format, "json") == 0 ? official_list_json(&l, f) : official_list_csv(&l, f));
  }
  db_read_end(db);
  if (!rc && official_list_audit(db, audit_cli_actor(), &l, a->format) != 0) rc = CB_EDB;
  return rc;
}

static bool is_official(const char *what) {
  return strcmp(what, "planning-list") == 0 || strcmp(what, "due") == 0 || strcmp(what, "trainings") == 0;
}

/* Every report but annual. */
static int report_other(CliCtx *ctx, const char *what) {
  bool structure = strcmp(what, "structure") == 0, retire = strcmp(what, "retirements") == 0;
  bool official = is_official(what);
  if (!structure && !retire && !official) {
    fprintf(stderr, "canbo: unknown report '%s' (reports: annual, structure, retirements, planning-list, due, "
                    "trainings)\n", what);
    return cli_usage(ctx);
  }
  Args a;
  int ex = parse_args(ctx, what, &a);
  if (ex != EXIT_OK) return ex;
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  Arena *ar = arena_new();
  int rc = official ? run_official(db, ar, what, &a) : structure ? run_structure(db, ar, &a) : run_retirements(db, ar, &a);
  if (rc == CB_ENOTFOUND && a.title) fprintf(stderr, "canbo: unknown unit '%s' or title '%s'\n", a.unit, a.title);
  else if (rc == CB_ENOTFOUND) fprintf(stderr, "canbo: unknown unit '%s'\n", a.unit);
  else if (rc == CB_EIO) fprintf(stderr, "canbo: cannot write %s\n", a.out ? a.out : "standard output");
  else if (rc) fprintf(stderr, "canbo: report failed: %s\n", db_error(db));
  if (!rc && !official && structure_export_audit(db, audit_cli_actor(), what, a.unit, a.date, a.format) != 0) {
    fprintf(stderr, "canbo: cannot write the audit row: %s\n", db_error(db));
    rc = CB_EDB;
  }
  arena_free(ar);
  db_close(db);
  return rc == CB_ENOTFOUND ? EXIT_DATA : rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- annual ---- */

static int render(Db *db, const AnnualReport *rep, const char *format, const char *out) {
  if (strcmp(format, "xlsx") == 0) return report_annual_xlsx(db, rep, out);
  if (strcmp(format, "json") == 0) return write_json(report_annual_json(rep), out);
  Buf b = BUF_INIT;
  report_annual_csv(rep, &b);
  FILE *f = open_out(out);
  if (f && b.len) fwrite(b.p, 1, b.len, f);
  buf_free(&b);
  return close_out(f, 0);
}

int cmd_report(CliCtx *ctx) {
  static const char *const vals[] = {"--unit", "--year", "--format", "--out", NULL};
  if (ctx->argc > 0 && ctx->argv[0][0] != '-' && strcmp(ctx->argv[0], "annual") != 0)
    return report_other(ctx, ctx->argv[0]);
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
  /* the xlsx lists the acts; it reads the trainings itself as it writes them */
  int rc = strcmp(format, "xlsx") == 0 ? report_annual_page(db, a, scope_all(), unit, year, 0, 0, &rep)
                                       : report_annual(db, a, scope_all(), unit, year, false, &rep);
  if (rc == CB_ENOTFOUND) fprintf(stderr, "canbo: unknown unit '%s'\n", unit);
  else if (rc) fprintf(stderr, "canbo: report failed: %s\n", db_error(db));
  if (!rc) {
    rc = render(db, &rep, format, out);
    if (rc && out && strcmp(out, "-") != 0) unlink(out); /* no half-written file left behind */
    if (rc == CB_EDB) fprintf(stderr, "canbo: report failed: %s\n", db_error(db));
    else if (rc) fprintf(stderr, "canbo: cannot write %s\n", out ? out : "standard output");
  }
  if (!rc && report_annual_audit(db, audit_cli_actor(), &rep, format) != 0) {
    fprintf(stderr, "canbo: cannot write the audit row: %s\n", db_error(db));
    rc = CB_EDB;
  }
  arena_free(a);
  db_close(db);
  return rc == CB_ENOTFOUND ? EXIT_DATA : rc ? EXIT_FAIL : EXIT_OK;
}

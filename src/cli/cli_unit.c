/*
** `canbo unit`: the unit tree at a date and reorganization acts.
**   canbo unit list [--date YYYY-MM-DD]          the tree on that date, with cadre counts (membership rule)
**   canbo unit acts                               the reorganization acts, newest first
**   canbo unit merge --into CODE [--name N --level L --parent CODE --locality T] --date D [--decision NO]
**                    [--note T] SRC1 [SRC2 ...]
**   canbo unit split SRC --date D --assign FILE.csv [--units FILE.csv] [--decision NO] [--note T]
** Split files (docs/IMPORT.md "Chia tách"): --units has the columns of the `units` import
** (code*, name*, level*, parent_code, locality); --assign has unit_code* and one of cadre_code or
** child_unit_code per row.
** Not for: the reorganization itself (domain/reorg.c).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/membership.h"
#include "domain/reorg.h"

/* Print a domain error: the reorg message when there is one. */
static int report_error(int rc, const ReorgResult *res) {
  if (res && res->message) fprintf(stderr, "canbo: %s\n", res->message);
  else fprintf(stderr, "canbo: error %d\n", rc);
  return cli_exit_code(rc);
}

static void print_result(const char *what, const ReorgResult *r, const char *date) {
  printf("%s on %s: act %lld; units ended %d, created %d, child units moved %d; positions moved %d; "
         "cadres moved %d; planning entries moved %d; users moved %d\n",
         what, date, r->act_id, r->units_ended, r->units_created, r->children_moved, r->positions_moved,
         r->cadres_moved, r->planning_moved, r->users_moved);
}

static int unit_merge(CliCtx *ctx, Db *db, Arena *a, const char **pos, int np) {
  const char *into = cli_opt(ctx, "--into"), *date = cli_opt(ctx, "--date");
  if (!into || !date || np < 2) return cli_usage(ctx);
  Unit nu = {.code = into, .name = cli_opt(ctx, "--name"), .level = cli_opt(ctx, "--level"),
             .parent_code = cli_opt(ctx, "--parent"), .locality = cli_opt(ctx, "--locality")};
  bool create = nu.name != NULL;
  if (!create && (nu.level || nu.parent_code || nu.locality)) {
    fprintf(stderr, "canbo: --level, --parent and --locality describe a new unit: give its --name too\n");
    return cli_usage(ctx);
  }
  ReorgMerge req = {.sources = pos + 1, .nsources = np - 1, .into = into, .new_unit = create ? &nu : NULL,
                    .date = date, .decision_no = cli_opt(ctx, "--decision"), .note = cli_opt(ctx, "--note"),
                    .actor = audit_cli_actor()};
  ReorgResult res;
  int rc = reorg_merge(db, a, &req, &res);
  if (rc) return report_error(rc, &res);
  print_result(arena_printf(a, "merged %d unit%s into %s", np - 1, np == 2 ? "" : "s", into), &res, date);
  return EXIT_OK;
}

/* Read and parse a CSV file; prints its errors. 0, CB_EIO or CB_EINVAL. */
static int load_csv(Arena *a, const char *path, CsvDoc *doc) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "canbo: cannot read %s: %s\n", path, strerror(errno));
    return CB_EIO;
  }
  Buf b = {0};
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
  fclose(f);
  int rc = csv_parse(a, b.p ? b.p : "", b.len, doc);
  buf_free(&b);
  for (int i = 0; i < doc->nerr; i++)
    fprintf(stderr, "%s:%d:%d: %s\n", path, doc->err[i].line, doc->err[i].col, doc->err[i].msg);
  if (rc == 0 && doc->n < 1) {
    fprintf(stderr, "%s:1:1: the file has no header row\n", path);
    return CB_EINVAL;
  }
  return rc ? CB_EINVAL : 0;
}

/* Column index of `name` in the header row, or -1. */
static int col(const CsvDoc *doc, const char *name) {
  for (int i = 0; i < doc->rec[0].n; i++)
    if (strcmp(doc->rec[0].f[i].s, name) == 0) return i;
  return -1;
}

static const char *field(const CsvRecord *r, int c) { return c >= 0 && c < r->n && r->f[c].s[0] ? r->f[c].s : NULL; }

/* Check that every header cell is one of `known`; prints FILE:1:COL for the first unknown one. */
static int check_header(const char *path, const CsvDoc *doc, const char *const *known) {
  for (int i = 0; i < doc->rec[0].n; i++) {
    const char *h = doc->rec[0].f[i].s;
    bool ok = false;
    for (const char *const *k = known; *k && !ok; k++) ok = strcmp(h, *k) == 0;
    if (!ok) {
      fprintf(stderr, "%s:1:%d: unknown column '%s'\n", path, i + 1, h);
      return CB_EINVAL;
    }
  }
  return 0;
}

static int read_new_units(Arena *a, const char *path, Unit **out, int *n) {
  CsvDoc doc;
  static const char *const known[] = {"code", "name", "level", "parent_code", "locality", NULL};
  int rc = load_csv(a, path, &doc);
  if (rc || (rc = check_header(path, &doc, known))) return rc;
  int cc = col(&doc, "code"), cn = col(&doc, "name"), cl = col(&doc, "level");
  int cp = col(&doc, "parent_code"), co = col(&doc, "locality");
  if (cc < 0 || cn < 0 || cl < 0) {
    fprintf(stderr, "%s:1:1: the columns code, name and level are required\n", path);
    return CB_EINVAL;
  }
  Unit *v = arena_alloc(a, sizeof *v * (size_t)doc.n);
  for (int i = 1; i < doc.n; i++) {
    const CsvRecord *r = &doc.rec[i];
    v[i - 1] = (Unit){.code = field(r, cc), .name = field(r, cn), .level = field(r, cl), .parent_code = field(r, cp),
                      .locality = field(r, co)};
    if (!v[i - 1].code || !v[i - 1].name || !v[i - 1].level) {
      fprintf(stderr, "%s:%d:1: code, name and level are required\n", path, r->line);
      return CB_EINVAL;
    }
  }
  *out = v;
  *n = doc.n - 1;
  return 0;
}

static int read_assign(Arena *a, const char *path, ReorgAssign **cadres, int *nc, ReorgAssign **kids, int *nk) {
  CsvDoc doc;
  static const char *const known[] = {"cadre_code", "child_unit_code", "unit_code", NULL};
  int rc = load_csv(a, path, &doc);
  if (rc || (rc = check_header(path, &doc, known))) return rc;
  int ccad = col(&doc, "cadre_code"), ckid = col(&doc, "child_unit_code"), cu = col(&doc, "unit_code");
  if (cu < 0 || (ccad < 0 && ckid < 0)) {
    fprintf(stderr, "%s:1:1: the columns unit_code and cadre_code (or child_unit_code) are required\n", path);
    return CB_EINVAL;
  }
  *cadres = arena_alloc(a, sizeof **cadres * (size_t)doc.n);
  *kids = arena_alloc(a, sizeof **kids * (size_t)doc.n);
  *nc = *nk = 0;
  for (int i = 1; i < doc.n; i++) {
    const CsvRecord *r = &doc.rec[i];
    const char *cad = field(r, ccad), *kid = field(r, ckid), *u = field(r, cu);
    if (!u || (!cad == !kid)) {
      fprintf(stderr, "%s:%d:1: each row needs unit_code and exactly one of cadre_code, child_unit_code\n", path,
              r->line);
      return CB_EINVAL;
    }
    if (cad) (*cadres)[(*nc)++] = (ReorgAssign){cad, u};
    else (*kids)[(*nk)++] = (ReorgAssign){kid, u};
  }
  return 0;
}

static int unit_split(CliCtx *ctx, Db *db, Arena *a, const char **pos, int np) {
  const char *date = cli_opt(ctx, "--date"), *assign = cli_opt(ctx, "--assign"), *units = cli_opt(ctx, "--units");
  if (!date || !assign || np != 2) return cli_usage(ctx);
  ReorgSplit req = {.source = pos[1], .date = date, .decision_no = cli_opt(ctx, "--decision"),
                    .note = cli_opt(ctx, "--note"), .actor = audit_cli_actor()};
  Unit *nu = NULL;
  ReorgAssign *cad, *kid;
  int rc = units ? read_new_units(a, units, &nu, &req.nnew) : 0;
  if (!rc) rc = read_assign(a, assign, &cad, &req.ncadres, &kid, &req.nchildren);
  if (rc) return cli_exit_code(rc);
  req.new_units = nu, req.cadres = cad, req.children = kid;
  ReorgResult res;
  if ((rc = reorg_split(db, a, &req, &res))) return report_error(rc, &res);
  print_result(arena_printf(a, "split %s", pos[1]), &res, date);
  return EXIT_OK;
}

/* The tree on a date: CODE, name, level, valid_from, valid_to, cadres of the unit itself on that date. */
static int unit_tree(CliCtx *ctx, Db *db, Arena *a) {
  const char *date = cli_opt(ctx, "--date");
  char today[16];
  if (!date) date = date_iso(date_today(), today);
  Unit *u;
  int n;
  Member *m;
  int nm;
  int rc = unit_list_at(db, a, scope_all(), date, &u, &n);
  if (!rc) rc = membership_list(db, a, scope_all(), NULL, date, &m, &nm);
  if (rc == CB_EINVAL) {
    fprintf(stderr, "canbo: invalid date '%s' (YYYY-MM-DD)\n", date);
    return EXIT_DATA;
  }
  if (rc) return cli_exit_code(rc);
  printf("code\tname\tlevel\tvalid_from\tvalid_to\tcadres\n");
  for (int i = 0; i < n; i++) {
    long long c = 0;
    for (int k = 0; k < nm; k++) c += m[k].unit_id == u[i].id;
    printf("%*s%s\t%s\t%s\t%s\t%s\t%lld\n", 2 * u[i].depth, "", u[i].code, u[i].name, u[i].level,
           u[i].valid_from ? u[i].valid_from : "", u[i].valid_to ? u[i].valid_to : "", c);
  }
  return EXIT_OK;
}

static int unit_acts(Db *db, Arena *a) {
  ReorgAct *v;
  int n, rc = reorg_list(db, a, scope_all(), &v, &n);
  if (rc) return cli_exit_code(rc);
  printf("date\tkind\tdecision\tsources\ttargets\n");
  for (int i = 0; i < n; i++) {
    printf("%s\t%s\t%s\t", v[i].date, v[i].kind, v[i].decision_no ? v[i].decision_no : "");
    for (int k = 0; k < v[i].nsources; k++) printf("%s%s", k ? "," : "", v[i].sources[k].code);
    printf("\t");
    for (int k = 0; k < v[i].ntargets; k++) printf("%s%s", k ? "," : "", v[i].targets[k].code);
    printf("\n");
  }
  return EXIT_OK;
}

int cmd_unit(CliCtx *ctx) {
  static const char *const vals[] = {"--into", "--name", "--level", "--parent", "--locality", "--date",
                                     "--decision", "--note", "--assign", "--units", NULL};
  const char *pos[256];
  int np = cli_parse(ctx, vals, NULL, pos, 256);
  if (np < 0) return EXIT_USAGE;
  if (np < 1) return cli_usage(ctx);
  bool merge = strcmp(pos[0], "merge") == 0, split = strcmp(pos[0], "split") == 0;
  bool list = strcmp(pos[0], "list") == 0, acts = strcmp(pos[0], "acts") == 0;
  if (!merge && !split && !list && !acts) return cli_usage(ctx);
  if ((list || acts) && np != 1) return cli_usage(ctx);
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  Arena *a = arena_new();
  int rc = merge ? unit_merge(ctx, db, a, pos, np)
           : split ? unit_split(ctx, db, a, pos, np)
           : list  ? unit_tree(ctx, db, a)
                   : unit_acts(db, a);
  arena_free(a);
  db_close(db);
  return rc;
}

/*
** `canbo export KIND [--format csv|xlsx|json] [--out FILE] [--sort name]`
** (docs/canbo.1, docs/IMPORT.md): the import columns of KIND, csv to stdout by default. xlsx
** needs --out (binary is not for a terminal). Usage errors exit 2.
** `canbo export template KIND --out FILE [--format xlsx]`: the ready-to-fill
** import workbook of KIND (domain/io/template.h).
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/err.h"
#include "domain/exporter.h"
#include "domain/importer.h"
#include "domain/io/template.h"

/* `canbo export template KIND --out FILE.xlsx`. */
static int export_template(CliCtx *ctx, const char *kind) {
  const char *format = cli_opt(ctx, "--format"), *out = cli_opt(ctx, "--out");
  if (format && strcmp(format, "xlsx") != 0) {
    fprintf(stderr, "canbo: a template is an xlsx workbook (got --format '%s')\n", format);
    return cli_usage(ctx);
  }
  if (!importer_kind_known(kind)) {
    int n;
    const ImportKind *k = importer_kinds(&n);
    fprintf(stderr, "canbo: unknown kind '%s'\nkinds:", kind);
    for (int i = 0; i < n; i++) fprintf(stderr, " %s", k[i].kind);
    fprintf(stderr, "\n");
    return cli_usage(ctx);
  }
  if (!out || strcmp(out, "-") == 0) {
    fprintf(stderr, "canbo: a template needs --out FILE.xlsx\n");
    return cli_usage(ctx);
  }
  if (import_template_xlsx(kind, out) != 0) {
    fprintf(stderr, "canbo: cannot write %s\n", out);
    return EXIT_FAIL;
  }
  fprintf(stderr, "template of %s written to %s\n", kind, out);
  return EXIT_OK;
}

int cmd_export(CliCtx *ctx) {
  static const char *const vals[] = {"--format", "--out", "--sort", NULL};
  const char *pos[2];
  int np = cli_parse(ctx, vals, NULL, pos, 2);
  if (np < 0) return EXIT_USAGE;
  if (np == 2 && strcmp(pos[0], "template") == 0) return export_template(ctx, pos[1]);
  if (np != 1) return cli_usage(ctx);
  if (!exporter_kind_known(pos[0])) {
    int n;
    const ImportKind *k = importer_kinds(&n);
    fprintf(stderr, "canbo: unknown kind '%s'\nkinds:", pos[0]);
    for (int i = 0; i < n; i++)
      if (exporter_kind_known(k[i].kind)) fprintf(stderr, " %s", k[i].kind);
    fprintf(stderr, "\n");
    return cli_usage(ctx);
  }
  const char *format = cli_opt(ctx, "--format"), *out = cli_opt(ctx, "--out"), *sort = cli_opt(ctx, "--sort");
  if (!format) format = "csv";
  if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 && strcmp(format, "xlsx") != 0) {
    fprintf(stderr, "canbo: --format must be csv, xlsx or json (got '%s')\n", format);
    return cli_usage(ctx);
  }
  if (sort && strcmp(sort, "name") != 0) {
    fprintf(stderr, "canbo: --sort takes only 'name' (got '%s')\n", sort);
    return cli_usage(ctx);
  }
  if (strcmp(format, "xlsx") == 0 && (!out || strcmp(out, "-") == 0)) {
    fprintf(stderr, "canbo: xlsx needs --out FILE\n");
    return cli_usage(ctx);
  }
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  Arena *a = arena_new();
  ExportReq req = {.kind = pos[0], .format = format, .sort = sort, .scope = NULL, .actor = audit_cli_actor()};
  long rows = 0;
  int rc = exporter_run(db, a, &req, out ? out : "-", &rows);
  if (rc == CB_EIO) fprintf(stderr, "canbo: cannot write %s\n", out ? out : "standard output");
  else if (rc) fprintf(stderr, "canbo: export failed: %s\n", db_error(db));
  else if (out) fprintf(stderr, "exported %ld %s to %s\n", rows, pos[0], out);
  arena_free(a);
  db_close(db);
  return rc ? EXIT_FAIL : EXIT_OK;
}

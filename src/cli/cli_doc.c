/*
** canbo doc mau-2c --cadre CODE --out FILE
** canbo doc to-trinh|quyet-dinh --proposal ID --out FILE
** canbo doc bien-ban --proposal ID --step N --out FILE
** canbo doc quyet-dinh --rotation ID --out FILE | --list planning --unit CODE [--term T] --out FILE
** canbo doc danh-sach --list planning|due|trainings|retirements --unit CODE [--term T] [--title T]
**                     [--year Y] [--months N] --out FILE
** canbo doc bao-cao --unit CODE --year Y --out FILE
** and for every kind: --number --date --signer --place (CONTRACT §9), and
** --signer-post --authority --body --body-parent --symbol --recipients
** --layout party|state --issuer CODE. The values used are remembered for
** the issuing unit and kind; every run writes an audit row (export).
*/
#include "cli/cli_doc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/arena.h"
#include "core/audit.h"
#include "core/err.h"
#include "domain/docs/doc_kinds.h"

/* A positive integer option in [lo, hi]; 0 when absent; -1 (after a message) when malformed. */
static long long int_opt(CliCtx *ctx, const char *name, long long lo, long long hi) {
  const char *v = cli_opt(ctx, name);
  if (!v) return 0;
  char *end;
  long long n = strtoll(v, &end, 10);
  if (!*v || *end || n < lo || n > hi) {
    fprintf(stderr, "canbo: %s takes a whole number from %lld to %lld (got '%s')\n", name, lo, hi, v);
    return -1;
  }
  return n;
}

/* "docx" or "pdf" from the file name's extension; NULL otherwise. */
static const char *format_of(const char *path) {
  const char *dot = path ? strrchr(path, '.') : NULL;
  if (!dot) return NULL;
  if (strcasecmp(dot, ".docx") == 0) return "docx";
  if (strcasecmp(dot, ".pdf") == 0) return "pdf";
  return NULL;
}

int cmd_doc(CliCtx *ctx) {
  static const char *const vals[] = {"--cadre", "--proposal", "--step", "--rotation", "--list", "--unit", "--term",
                                     "--title", "--year", "--months", "--number", "--date", "--signer", "--place",
                                     "--signer-post", "--authority", "--body", "--body-parent", "--symbol",
                                     "--recipients", "--layout", "--issuer", "--out", NULL};
  const char *pos[1];
  int np = cli_parse(ctx, vals, NULL, pos, 1);
  if (np < 0) return EXIT_USAGE;
  if (np != 1 || !doc_kind_valid(pos[0])) {
    fprintf(stderr, "canbo: doc needs a kind: mau-2c, to-trinh, bien-ban, quyet-dinh, danh-sach or bao-cao\n");
    return cli_usage(ctx);
  }
  const char *out = cli_opt(ctx, "--out");
  const char *format = format_of(out);
  if (!format) {
    fprintf(stderr, "canbo: doc needs --out FILE ending in .docx or .pdf\n");
    return cli_usage(ctx);
  }
  DocRequest rq = {.kind = pos[0]};
  long long proposal = int_opt(ctx, "--proposal", 1, 1LL << 53), rotation = int_opt(ctx, "--rotation", 1, 1LL << 53);
  long long step = int_opt(ctx, "--step", 1, 9), year = int_opt(ctx, "--year", 1900, 2200);
  long long months = int_opt(ctx, "--months", 1, 600);
  if (proposal < 0 || rotation < 0 || step < 0 || year < 0 || months < 0) return cli_usage(ctx);
  rq.proposal = proposal, rq.rotation = rotation, rq.step = (int)step, rq.year = (int)year, rq.months = (int)months;
  rq.cadre = cli_opt(ctx, "--cadre"), rq.list = cli_opt(ctx, "--list"), rq.unit = cli_opt(ctx, "--unit");
  rq.term = cli_opt(ctx, "--term"), rq.title = cli_opt(ctx, "--title");
  rq.number = cli_opt(ctx, "--number"), rq.date = cli_opt(ctx, "--date"), rq.signer = cli_opt(ctx, "--signer");
  rq.place = cli_opt(ctx, "--place"), rq.signer_post = cli_opt(ctx, "--signer-post");
  rq.authority = cli_opt(ctx, "--authority"), rq.body_name = cli_opt(ctx, "--body");
  rq.body_parent = cli_opt(ctx, "--body-parent"), rq.symbol = cli_opt(ctx, "--symbol");
  rq.recipients = cli_opt(ctx, "--recipients"), rq.layout = cli_opt(ctx, "--layout"), rq.issuer = cli_opt(ctx, "--issuer");

  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  Arena *a = arena_new();
  DocResult res;
  Buf file = BUF_INIT;
  int rc = doc_build(db, a, scope_all(), &rq, &res);
  if (rc == CB_EINVAL) fprintf(stderr, "canbo: %s\n", res.why);
  else if (rc == CB_ENOTFOUND) fprintf(stderr, "canbo: không tìm thấy hồ sơ, đề nghị, bản ghi hoặc đơn vị được nêu\n");
  else if (rc) fprintf(stderr, "canbo: doc failed: %s\n", db_error(db));
  if (!rc && (rc = doc_write(res.doc, format, &file)) != 0) fprintf(stderr, "canbo: cannot write the %s\n", format);
  if (!rc) {
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(file.p, 1, file.len, f) != file.len) rc = CB_EIO;
    if (f && fclose(f) != 0) rc = CB_EIO;
    if (rc) fprintf(stderr, "canbo: cannot write %s\n", out);
  }
  if (!rc && (rc = doc_commit(db, audit_cli_actor(), &rq, &res, format, true)) != 0)
    fprintf(stderr, "canbo: cannot write the audit row: %s\n", db_error(db));
  if (!rc) printf("%s\n", out);
  buf_free(&file);
  arena_free(a);
  db_close(db);
  return cli_exit_code(rc);
}

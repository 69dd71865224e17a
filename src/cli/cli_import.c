/*
** `canbo import KIND FILE [--dry-run] [--update] [--sheet NAME] [--encoding E]`
** (CONTRACT §1, §3, §8): reads the file (CSV in any encoding boards use,
** .xlsx, .xls), runs the importer, prints "imported N KIND" (a dry run:
** "checked N KIND, nothing written") and, on stderr, a line saying what was
** found (format, sheet, encoding, separator, rows), or every error "FILE:LINE:COLUMN:
** msg" on stderr. Exit 3 on invalid data (nothing written), 2 on usage (an
** unknown KIND lists the kinds), 1 when the file cannot be read.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/importer.h"
#include "domain/io/encoding.h"
#include "domain/io/table.h"

/* Read all of `path` into b. 0 or CB_EIO (errno set). */
static int read_file(const char *path, Buf *b) {
  FILE *f = fopen(path, "rb");
  if (!f) return CB_EIO;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(b, chunk, n);
  int bad = ferror(f);
  int saved = errno;
  fclose(f);
  errno = saved;
  return bad ? CB_EIO : 0;
}

/* Print the kinds this build imports on stderr. */
static void list_kinds(void) {
  int n;
  const ImportKind *k = importer_kinds(&n);
  fprintf(stderr, "kinds:");
  for (int i = 0; i < n; i++) fprintf(stderr, " %s", k[i].kind);
  fprintf(stderr, "\n");
}

static const char *sep_name(char c) { return c == ';' ? "';'" : c == '\t' ? "tab" : "','"; }

int cmd_import(CliCtx *ctx) {
  static const char *const vals[] = {"--sheet", "--encoding", NULL};
  static const char *const flags[] = {"--dry-run", "--update", NULL};
  const char *pos[2];
  int np = cli_parse(ctx, vals, flags, pos, 2);
  if (np < 0) return EXIT_USAGE;
  if (np != 2) return cli_usage(ctx);
  if (!importer_kind_known(pos[0])) {
    fprintf(stderr, "canbo: unknown kind '%s'\n", pos[0]);
    list_kinds();
    return cli_usage(ctx);
  }
  const char *enc = cli_opt(ctx, "--encoding");
  int forced = enc ? enc_parse_name(enc) : -1;
  if (enc && forced < 0) {
    fprintf(stderr, "canbo: --encoding must be utf8, cp1258, tcvn3 or vni (got '%s')\n", enc);
    return cli_usage(ctx);
  }
  struct stat st;
  if (stat(pos[1], &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > TABLE_MAX_FILE) {
    fprintf(stderr, "%s:1:1: tệp quá lớn (%llu MB; tối đa %u MB): chia tệp thành nhiều tệp nhỏ hơn\n", pos[1],
            (unsigned long long)st.st_size >> 20, TABLE_MAX_FILE >> 20);
    fprintf(stderr, "canbo: 1 lỗi, không có dữ liệu nào được ghi\n");
    return EXIT_DATA;
  }
  Buf b = BUF_INIT;
  if (read_file(pos[1], &b) != 0) {
    fprintf(stderr, "canbo: cannot read %s: %s\n", pos[1], strerror(errno));
    buf_free(&b);
    return EXIT_FAIL;
  }
  Db *db;
  if (cli_open_db(ctx, &db) != 0) {
    buf_free(&b);
    return EXIT_FAIL;
  }
  Arena *a = arena_new();
  bool dry = cli_flag(ctx, "--dry-run"), update = cli_flag(ctx, "--update");
  ImportOpts o = {.kind = pos[0], .filename = pos[1], .path = pos[1], .data = b.p ? b.p : "", .len = b.len,
                  .actor = audit_cli_actor(), .sheet = cli_opt(ctx, "--sheet"), .encoding = forced, .dry_run = dry,
                  .update = update};
  ImportResult res;
  ImportErrors errs;
  int rc = importer_import(db, a, &o, &res, &errs);
  if (rc == 0) {
    if (dry) printf("checked %d %s, nothing written (dry run)\n", res.count, pos[0]);
    else if (update)
      printf("imported %d %s: %d created, %d updated, %d unchanged\n", res.count, pos[0], res.created, res.updated,
             res.unchanged);
    else printf("imported %d %s\n", res.count, pos[0]);
    /* What was found goes to stderr, so that stdout stays "imported N KIND" (CONTRACT §1). */
    fprintf(stderr, "file: %s", res.format);
    if (res.sheet) fprintf(stderr, ", sheet \"%s\"", res.sheet);
    if (strcmp(res.format, "csv") == 0) fprintf(stderr, ", separator %s", sep_name(res.sep));
    fprintf(stderr, ", encoding %s (%s), header at line %d, %d rows", res.encoding, res.encoding_label,
            res.header_line, res.count);
    if (res.generated) fprintf(stderr, ", %d codes generated", res.generated);
    fprintf(stderr, "\n");
  } else if (rc == CB_EINVAL) {
    for (int i = 0; i < errs.n; i++) fprintf(stderr, "%s\n", errs.lines[i]);
    if (res.encoding && strcmp(res.encoding, "utf8") != 0)
      fprintf(stderr, "canbo: bảng mã nhận ra: %s\n", res.encoding_label);
    fprintf(stderr, "canbo: %d lỗi, không có dữ liệu nào được ghi\n", errs.n);
  } else {
    fprintf(stderr, "canbo: import failed: %s\n", db_error(db));
  }
  arena_free(a);
  db_close(db);
  buf_free(&b);
  return rc == CB_EINVAL ? EXIT_DATA : rc ? EXIT_FAIL : EXIT_OK;
}

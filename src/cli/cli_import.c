/*
** `canbo import KIND FILE` (CONTRACT §1, §3): reads the whole file, runs the
** importer, prints "imported N KIND" or every error "FILE:LINE:COLUMN: msg"
** on stderr. Exit 3 on invalid data (nothing written), 2 on usage (an
** unknown KIND lists the kinds), 1 when the file cannot be read.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/importer.h"

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

int cmd_import(CliCtx *ctx) {
  const char *pos[2];
  int np = cli_parse(ctx, NULL, NULL, pos, 2);
  if (np < 0) return EXIT_USAGE;
  if (np != 2) return cli_usage(ctx);
  if (!importer_kind_known(pos[0])) {
    fprintf(stderr, "canbo: unknown kind '%s'\n", pos[0]);
    list_kinds();
    return cli_usage(ctx);
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
  ImportErrors errs;
  int count = 0;
  int rc = importer_run(db, a, pos[0], pos[1], b.p ? b.p : "", b.len, audit_cli_actor(), NULL, &errs, &count);
  if (rc == 0) {
    printf("imported %d %s\n", count, pos[0]);
  } else if (rc == CB_EINVAL) {
    for (int i = 0; i < errs.n; i++) fprintf(stderr, "%s\n", errs.lines[i]);
    fprintf(stderr, "canbo: %d lỗi, không có dữ liệu nào được ghi\n", errs.n);
  } else {
    fprintf(stderr, "canbo: import failed: %s\n", db_error(db));
  }
  arena_free(a);
  db_close(db);
  buf_free(&b);
  return rc == CB_EINVAL ? EXIT_DATA : rc ? EXIT_FAIL : EXIT_OK;
}

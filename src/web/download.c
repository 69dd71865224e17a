/* Downloads built on disk (see download.h). */
#include "web/download.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/err.h"

int download_append_file(Req *r, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return CB_EIO;
  char chunk[65536];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&r->out, chunk, k);
  int bad = ferror(f);
  fclose(f);
  return bad ? CB_EIO : 0;
}

int download_build(Req *r, const char *format, const void *obj, DownloadXlsx xlsx, DownloadCsv csv) {
  char path[] = "/tmp/canbo-download-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return CB_EIO;
  int rc;
  if (strcmp(format, "xlsx") == 0) {
    close(fd);
    rc = xlsx(obj, path);
  } else {
    FILE *f = fdopen(fd, "wb");
    rc = f ? csv(obj, f) : CB_EIO;
    if (f && fclose(f) != 0) rc = CB_EIO;
    if (!f) close(fd);
  }
  if (!rc) rc = download_append_file(r, path);
  unlink(path);
  return rc;
}

void download_headers(Req *r, const char *format, const char *filename) {
  r->status = 200;
  r->content_type = strcmp(format, "xlsx") == 0 ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                                : "text/csv; charset=utf-8";
  resp_header(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s\"", filename));
}

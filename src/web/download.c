/* Downloads built on disk (see download.h). */
#include "web/download.h"
#include <stdio.h>
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

/* Lookup in the table of embedded files (see embed.h). */
#include "core/embed.h"
#include <string.h>

const EmbeddedFile *embed_find(const char *name) {
  for (const EmbeddedFile *f = embedded_files; f->name; f++)
    if (strcmp(f->name, name) == 0) return f;
  return NULL;
}

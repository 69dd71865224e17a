/*
** Files embedded in the binary at build time (cmake/embed.cmake):
** schema migrations (schema/NNNN_*.sql) and web assets (assets/...).
** Each array is NUL-terminated after `len` bytes, so text can be used as a C string.
*/
#ifndef CANBO_EMBED_H
#define CANBO_EMBED_H
#include <stddef.h>

typedef struct {
  const char *name;          /* path relative to src/, e.g. "assets/app.css" */
  const unsigned char *data; /* contents, NUL-terminated */
  size_t len;                /* length without the terminator */
} EmbeddedFile;

/* Sorted by name; ends with a {0,0,0} row. */
extern const EmbeddedFile embedded_files[];

/* The embedded file called `name`, or NULL. */
const EmbeddedFile *embed_find(const char *name);

#endif

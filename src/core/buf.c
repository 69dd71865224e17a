/* Growable byte string (see buf.h). */
#include "core/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_reserve(Buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) cap *= 2;
  char *p = realloc(b->p, cap);
  if (!p) {
    fputs("canbo: out of memory\n", stderr);
    abort();
  }
  b->p = p;
  b->cap = cap;
}

void buf_append_grow(Buf *b, const void *data, size_t n) {
  buf_reserve(b, n);
  if (n) memcpy(b->p + b->len, data, n);
  b->len += n;
  b->p[b->len] = 0;
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap) {
  /* format into the room left, and a second time only when it did not fit */
  size_t room = b->cap > b->len ? b->cap - b->len : 0;
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(room ? b->p + b->len : NULL, room, fmt, ap2);
  va_end(ap2);
  if (n < 0) {
    if (room) b->p[b->len] = 0;
    return;
  }
  if ((size_t)n >= room) {
    buf_reserve(b, (size_t)n);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  }
  b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

void buf_reset(Buf *b) {
  b->len = 0;
  if (b->p) b->p[0] = 0;
}

void buf_free(Buf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

char *buf_detach(Buf *b) {
  if (!b->p) buf_reserve(b, 0), b->p[0] = 0;
  char *p = b->p;
  b->p = NULL;
  b->len = b->cap = 0;
  return p;
}

const char *str_or_null(const char *s) { return s && *s ? s : NULL; }

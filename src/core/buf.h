/*
** Buf: a growable byte string (malloc-owned). Used to build response bodies,
** CSV lines and SQL-free text. The caller frees it with buf_free(); p is always
** NUL-terminated so it can be used as a C string. Also str_or_null, the one
** test for optional text.
*/
#ifndef CANBO_BUF_H
#define CANBO_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct {
  char *p;
  size_t len, cap;
} Buf;

#define BUF_INIT {0, 0, 0}

/* Room for `extra` more bytes and the NUL (grows by doubling; aborts when memory is out). */
void buf_reserve(Buf *b, size_t extra);
/* The grow-and-append path of buf_append (buf.c). */
void buf_append_grow(Buf *b, const void *data, size_t n);

/* Append n bytes (and keep the NUL). Inline: a page makes ~1,500 appends of ~20 bytes. */
static inline void buf_append(Buf *b, const void *data, size_t n) {
  if (b->len + n + 1 > b->cap) {
    buf_append_grow(b, data, n);
    return;
  }
  if (n) memcpy(b->p + b->len, data, n);
  b->len += n;
  b->p[b->len] = 0;
}
static inline void buf_puts(Buf *b, const char *s) { buf_append(b, s, strlen(s)); }
static inline void buf_putc(Buf *b, char c) { buf_append(b, &c, 1); }
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
void buf_reset(Buf *b);
void buf_free(Buf *b);
/* Take ownership of the bytes (malloc'd, NUL-terminated); b becomes empty. */
char *buf_detach(Buf *b);
/* s, or NULL when s is NULL or "": optional text is absent when empty (stored NULL, not ""). */
const char *str_or_null(const char *s);

#endif

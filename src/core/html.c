/*
** Safe HTML output (see html.h): escaping text, a printf whose only string
** conversion escapes, and percent-encoding for URLs. Not for: page layout
** (src/web/pages_layout.c) or JSON (jansson).
*/
#include "core/html.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_text(Buf *b, const char *s) {
  if (!s) return;
  for (;;) {
    size_t k = strcspn(s, "&<>\"'");
    buf_append(b, s, k);
    const char *rep;
    switch (s[k]) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    default: return; /* the end */
    }
    buf_puts(b, rep);
    s += k + 1;
  }
}

void html_trusted(Buf *b, const char *markup) {
  if (markup) buf_puts(b, markup);
}

void html_urlenc(Buf *b, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  if (!s) return;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned char c = *p;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      buf_putc(b, (char)c);
    } else {
      char e[3] = {'%', hex[c >> 4], hex[c & 15]};
      buf_append(b, e, 3);
    }
  }
}

/* Unsupported conversion: a programming error caught by the first test that renders the page. */
static void bad_conversion(const char *fmt) {
  fprintf(stderr, "canbo: html_printf: unsupported conversion in \"%s\"\n", fmt);
  abort();
}

/* Decimal digits of v, after a minus sign when `neg` (pages print many numbers: no printf). */
static void put_unsigned(Buf *b, unsigned long long v, bool neg) {
  char d[24], *p = d + sizeof d;
  do *--p = (char)('0' + v % 10);
  while (v /= 10);
  if (neg) *--p = '-';
  buf_append(b, p, (size_t)(d + sizeof d - p));
}
static void put_signed(Buf *b, long long v) {
  put_unsigned(b, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
}

/* The conversions of html_printf; in a URL (`url`) %s is refused: every value in a link goes through %U. */
static void vformat(Buf *b, const char *fmt, va_list ap, bool url) {
  const char *run = fmt;
  for (const char *p = fmt; (p = strchr(p, '%')) != NULL; p++) {
    buf_append(b, run, (size_t)(p - run));
    const char *c = p + 1;
    if (*c == '%') {
      buf_putc(b, '%');
    } else if (*c == 's' && !url) {
      html_text(b, va_arg(ap, const char *));
    } else if (*c == 'U') {
      html_urlenc(b, va_arg(ap, const char *));
    } else if (*c == 'd') {
      put_signed(b, va_arg(ap, int));
    } else if (*c == 'u') {
      put_unsigned(b, va_arg(ap, unsigned), false);
    } else if (c[0] == 'l' && c[1] == 'd') {
      put_signed(b, va_arg(ap, long));
      c++;
    } else if (c[0] == 'l' && c[1] == 'l' && c[2] == 'd') {
      put_signed(b, va_arg(ap, long long));
      c += 2;
    } else if (c[0] == 'z' && c[1] == 'u') {
      put_unsigned(b, va_arg(ap, size_t), false);
      c++;
    } else {
      bad_conversion(fmt);
    }
    p = c;
    run = c + 1;
  }
  buf_puts(b, run);
}

void html_printf_(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vformat(b, fmt, ap, false);
  va_end(ap);
}

char *html_url_(Arena *a, const char *fmt, ...) {
  Buf b = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  vformat(&b, fmt, ap, true);
  va_end(ap);
  char *s = arena_strdup(a, b.p ? b.p : "");
  buf_free(&b);
  return s;
}

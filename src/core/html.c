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
  const char *run = s;
  for (const char *p = s; *p; p++) {
    const char *rep = NULL;
    switch (*p) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    default: continue;
    }
    buf_append(b, run, (size_t)(p - run));
    buf_puts(b, rep);
    run = p + 1;
  }
  buf_puts(b, run);
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

/* The conversions of html_printf; in a URL (`url`) %s is refused: every value in a link goes through %U. */
static void vformat(Buf *b, const char *fmt, va_list ap, bool url) {
  const char *run = fmt;
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') continue;
    buf_append(b, run, (size_t)(p - run));
    const char *c = p + 1;
    if (*c == '%') {
      buf_putc(b, '%');
    } else if (*c == 's' && !url) {
      html_text(b, va_arg(ap, const char *));
    } else if (*c == 'U') {
      html_urlenc(b, va_arg(ap, const char *));
    } else if (*c == 'd') {
      buf_printf(b, "%d", va_arg(ap, int));
    } else if (*c == 'u') {
      buf_printf(b, "%u", va_arg(ap, unsigned));
    } else if (c[0] == 'l' && c[1] == 'd') {
      buf_printf(b, "%ld", va_arg(ap, long));
      c++;
    } else if (c[0] == 'l' && c[1] == 'l' && c[2] == 'd') {
      buf_printf(b, "%lld", va_arg(ap, long long));
      c += 2;
    } else if (c[0] == 'z' && c[1] == 'u') {
      buf_printf(b, "%zu", va_arg(ap, size_t));
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

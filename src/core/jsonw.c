/* The JSON writer (see jsonw.h). */
#include "core/jsonw.h"
#include <string.h>

JsonW jw_new(Buf *b) {
  JsonW w;
  memset(&w, 0, sizeof w);
  w.b = b;
  w.first[0] = true;
  return w;
}

/* Before a value: the comma that separates it from the previous one, unless a key precedes it. */
static void sep(JsonW *w) {
  if (w->after_key) {
    w->after_key = false;
    return;
  }
  if (!w->first[w->depth]) buf_putc(w->b, ',');
  w->first[w->depth] = false;
}

static void open_with(JsonW *w, char open, char close) {
  if (w->over || w->depth == JW_MAX_DEPTH) { /* too deep: null in its place, nothing inside written */
    if (!w->over) jw_null(w);
    w->over++;
    return;
  }
  sep(w);
  buf_putc(w->b, open);
  w->depth++;
  w->first[w->depth] = true;
  w->close[w->depth] = close;
}

void jw_obj(JsonW *w) { open_with(w, '{', '}'); }
void jw_arr(JsonW *w) { open_with(w, '[', ']'); }

void jw_end(JsonW *w) {
  if (w->over) {
    w->over--;
    return;
  }
  if (w->depth == 0) return;
  buf_putc(w->b, w->close[w->depth--]);
}

/* The bytes a JSON string escapes (below 0x20, '"', '\\'): 1; NUL too, which ends the string. */
static const unsigned char ESCAPED[256] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                           1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ['"'] = 1, ['\\'] = 1};

/*
** s as a JSON string, escaped as jansson does, in one pass: the runs without anything to escape found by a table
** (one lookup a byte: the profile's JSON spent ~15 % of its instructions in the three comparisons a byte and the
** strlen this replaces) and copied at once.
*/
static void quoted(Buf *b, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  const unsigned char *p = (const unsigned char *)s;
  buf_putc(b, '"');
  for (;;) {
    const unsigned char *run = p;
    while (!ESCAPED[*p]) p++;
    if (p > run) buf_append(b, run, (size_t)(p - run));
    unsigned char c = *p++;
    if (!c) break;
    char e[6] = {'\\', 0};
    size_t len = 2;
    switch (c) {
    case '"': e[1] = '"'; break;
    case '\\': e[1] = '\\'; break;
    case '\b': e[1] = 'b'; break;
    case '\f': e[1] = 'f'; break;
    case '\n': e[1] = 'n'; break;
    case '\r': e[1] = 'r'; break;
    case '\t': e[1] = 't'; break;
    default: e[1] = 'u', e[2] = '0', e[3] = '0', e[4] = hex[c >> 4], e[5] = hex[c & 15], len = 6;
    }
    buf_append(b, e, len);
  }
  buf_putc(b, '"');
}

void jw_key(JsonW *w, const char *key) {
  if (w->over) return;
  sep(w);
  quoted(w->b, key);
  buf_putc(w->b, ':');
  w->after_key = true;
}

void jw_str(JsonW *w, const char *s) {
  if (w->over) return;
  sep(w);
  if (s) quoted(w->b, s);
  else buf_append(w->b, "null", 4);
}

void jw_int(JsonW *w, long long v) {
  if (w->over) return;
  sep(w);
  char d[24], *p = d + sizeof d;
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do *--p = (char)('0' + u % 10); while (u /= 10);
  if (v < 0) *--p = '-';
  buf_append(w->b, p, (size_t)(d + sizeof d - p));
}

void jw_bool(JsonW *w, bool v) {
  if (w->over) return;
  sep(w);
  if (v) buf_append(w->b, "true", 4);
  else buf_append(w->b, "false", 5);
}

void jw_null(JsonW *w) {
  if (w->over) return;
  sep(w);
  buf_append(w->b, "null", 4);
}

void jw_kstr(JsonW *w, const char *key, const char *s) { jw_key(w, key), jw_str(w, s); }
void jw_kstr_or_null(JsonW *w, const char *key, const char *s) { jw_key(w, key), jw_str(w, s && *s ? s : NULL); }
void jw_kint(JsonW *w, const char *key, long long v) { jw_key(w, key), jw_int(w, v); }
void jw_kbool(JsonW *w, const char *key, bool v) { jw_key(w, key), jw_bool(w, v); }

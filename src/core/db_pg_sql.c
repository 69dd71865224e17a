/*
** `?` -> $n placeholder translation for the PostgreSQL backend (see db_pg_sql.h).
** The output is sized up front: each `?` becomes at most 7 bytes ("$" and up to 6 digits).
*/
#include "core/db_pg_sql.h"
#include "core/db.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int word_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

/*
** True when a '+' written after out[0..o) is SQLite's unary-plus index hint ("WHERE +c.id IN ..."): what comes
** before it (spaces skipped) is "(", "," or one of the words AND, OR, NOT, WHERE, ON, BY ("ORDER BY +c.code").
*/
static int unary_plus_hint(const char *out, size_t o) {
  while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\n')) o--;
  if (o > 0 && (out[o - 1] == '(' || out[o - 1] == ',')) return 1;
  static const char *const words[] = {"AND", "OR", "NOT", "WHERE", "ON", "BY"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    size_t n = strlen(words[i]);
    if (o >= n && memcmp(out + o - n, words[i], n) == 0 && (o == n || !word_char(out[o - n - 1]))) return 1;
  }
  return 0;
}

char *db_pg_translate(const char *sql, int *nparams) {
  size_t len = strlen(sql), marks = 0;
  for (size_t i = 0; i < len; i++) marks += sql[i] == '?';
  char *out = malloc(len + marks * 7 + 1);
  if (!out) return NULL;
  size_t o = 0;
  int n = 0;
  for (size_t i = 0; i < len;) {
    char c = sql[i];
    if (c == '\'' || c == '"') {            /* quoted text; a doubled quote stays inside */
      out[o++] = sql[i++];
      for (;;) {
        if (i >= len) { free(out); return NULL; }
        if (sql[i] == c) {
          out[o++] = sql[i++];
          if (i < len && sql[i] == c) { out[o++] = sql[i++]; continue; }
          break;
        }
        out[o++] = sql[i++];
      }
    } else if (c == '-' && i + 1 < len && sql[i + 1] == '-') {
      while (i < len && sql[i] != '\n') out[o++] = sql[i++];
    } else if (c == '/' && i + 1 < len && sql[i + 1] == '*') {
      const char *end = strstr(sql + i + 2, "*/");
      if (!end) { free(out); return NULL; }
      size_t stop = (size_t)(end - sql) + 2;
      while (i < stop) out[o++] = sql[i++];
    } else if (c == 'C' && strncmp(sql + i, "CROSS JOIN ", 11) == 0 && (i == 0 || !word_char(sql[i - 1]))) {
      memcpy(out + o, "JOIN ", 5); /* SQLite's join-order hint; PostgreSQL takes CROSS JOIN without ON */
      o += 5;
      i += 11;
    } else if (c == '+' && i + 1 < len && (word_char(sql[i + 1]) && !(sql[i + 1] >= '0' && sql[i + 1] <= '9')) &&
               unary_plus_hint(out, o)) {
      i++; /* SQLite's "+column" (use no index on it): PostgreSQL has no unary plus on text */
    } else if (c == '?' && i + 1 < len && sql[i + 1] >= '1' && sql[i + 1] <= '9') { /* ?NNN: parameter NNN */
      int k = 0;
      for (i++; i < len && sql[i] >= '0' && sql[i] <= '9' && k < 100000; i++) k = k * 10 + (sql[i] - '0');
      o += (size_t)snprintf(out + o, 8, "$%d", k);
      if (k > n) n = k;
    } else if (c == '?') { /* the next after the largest so far, as SQLite numbers them */
      o += (size_t)snprintf(out + o, 8, "$%d", ++n);
      i++;
    } else {
      out[o++] = sql[i++];
    }
  }
  out[o] = 0;
  if (nparams) *nparams = n;
  return out;
}

bool db_pg_generic_safe(const char *pgsql) {
  if (strncmp(pgsql, DB_ONE_PLAN, strlen(DB_ONE_PLAN)) == 0) return true; /* the author's word (core/db.h) */
  bool any = false;
  for (const char *p = strchr(pgsql, '$'); p; p = strchr(p + 1, '$')) {
    if (!isdigit((unsigned char)p[1])) continue;
    const char *q = p;
    while (q > pgsql && q[-1] == ' ') q--;
    if (q == pgsql || q[-1] != '=' || (q - 1 > pgsql && strchr("<>!", q[-2]))) return false;
    any = true;
  }
  return any;
}

void db_pg_copy_field(Buf *b, bool first, const char *v, int len, char kind) {
  if (!first) buf_putc(b, '\t');
  if (!kind || !v) {
    buf_puts(b, "\\N");
    return;
  }
  if (kind == 'b') {
    static const char hex[] = "0123456789abcdef";
    buf_puts(b, "\\\\x");
    for (int i = 0; i < len; i++) {
      buf_putc(b, hex[(unsigned char)v[i] >> 4]);
      buf_putc(b, hex[(unsigned char)v[i] & 15]);
    }
    return;
  }
  for (const char *p = v; *p; p++) {
    size_t n = strcspn(p, "\\\t\n\r");
    buf_append(b, p, n);
    p += n;
    if (!*p) break;
    buf_puts(b, *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : "\\r");
  }
}

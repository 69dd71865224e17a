/* RFC 4180 CSV parsing over a memory buffer, and the one CSV writer (see csv.h). */
#include "core/csv.h"
#include <stdbool.h>
#include <string.h>
#include "core/err.h"

/* Offset of the first byte of s[0..n) that breaks UTF-8 (or is NUL), or -1. */
static long utf8_bad_offset(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      if (c == 0) return (long)i;
      i++;
      continue;
    }
    size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return (long)i;
    if (n - i < len) return (long)i;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return (long)i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return (long)i;
    i += len;
  }
  return -1;
}

typedef struct {
  Arena *a;
  CsvDoc *doc;
  int cap;
} Errs;

static void add_error(Errs *e, int line, int col, const char *msg) {
  CsvDoc *d = e->doc;
  if (d->nerr == e->cap) {
    int cap = e->cap ? e->cap * 2 : 8;
    CsvError *v = arena_alloc(e->a, sizeof(CsvError) * (size_t)cap);
    if (d->nerr) memcpy(v, d->err, sizeof(CsvError) * (size_t)d->nerr);
    d->err = v;
    e->cap = cap;
  }
  d->err[d->nerr++] = (CsvError){line, col, msg};
}

/* Check the encoding of a finished field; report the first bad byte at its own line. */
static void check_utf8(Errs *e, const CsvField *f, int col) {
  const unsigned char *s = (const unsigned char *)f->s;
  int ascii = 1;
  for (int i = 0; i < f->len && ascii; i++) ascii = s[i] && s[i] < 0x80;
  if (ascii) return;
  long bad = utf8_bad_offset(s, (size_t)f->len);
  if (bad < 0) return;
  int line = f->line;
  for (long i = 0; i < bad; i++) line += s[i] == '\n';
  if (s[bad] == 0) {
    add_error(e, line, col, "có byte NUL (mã 0) trong văn bản; tệp CSV không được chứa ký tự này");
    return;
  }
  add_error(e, line, col,
            arena_printf(e->a, "tệp không phải UTF-8 hợp lệ (byte 0x%02X; lưu tệp dưới dạng \"CSV UTF-8\")", s[bad]));
}

/* The field separator of the parse in progress (',' ';' or '\t'); one parse per thread at a time. */
static _Thread_local char t_sep = ',';

static int is_end(char c) { return c == t_sep || c == '\n' || c == '\r'; }

/*
** Parse one quoted field starting at *pp (on the opening quote); unescapes in
** place. Returns 0, or -1 when the quote never closes (rest of buffer eaten).
*/
static int quoted_field(Errs *e, char **pp, char *end, int *line, CsvField *f, int col) {
  int open_line = *line;
  char *p = *pp + 1, *w = p;
  f->s = p;
  f->quoted = 1;
  for (;;) {
    if (p >= end) {
      add_error(e, open_line, col, "dấu ngoặc kép mở ở dòng này không được đóng");
      *w = 0;
      f->len = (int)(w - f->s);
      *pp = end;
      return -1;
    }
    if (*p == '"') {
      if (p + 1 < end && p[1] == '"') {
        *w++ = '"';
        p += 2;
        continue;
      }
      p++;
      break;
    }
    if (*p == '\n') (*line)++;
    *w++ = *p++;
  }
  if (p < end && !is_end(*p)) {
    add_error(e, *line, col, "có ký tự sau dấu ngoặc kép đóng ô (muốn ghi dấu \" trong ô thì viết hai lần: \"\")");
    while (p < end && !is_end(*p)) p++;
  }
  f->len = (int)(w - f->s);
  *pp = p;
  return 0; /* the caller writes the terminator after reading the delimiter */
}

int csv_parse(Arena *a, const char *data, size_t len, CsvDoc *doc) { return csv_parse_sep(a, data, len, ',', doc); }

char csv_guess_sep(const char *data, size_t len) {
  size_t n[3] = {0, 0, 0};
  bool quoted = false;
  for (size_t i = 0; i < len; i++) {
    char c = data[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted) n[0] += c == ',', n[1] += c == ';', n[2] += c == '\t';
  }
  return n[1] > n[0] && n[1] >= n[2] ? ';' : n[2] > n[0] && n[2] > n[1] ? '\t' : ',';
}

int csv_parse_sep(Arena *a, const char *data, size_t len, char sep, CsvDoc *doc) {
  t_sep = sep;
  memset(doc, 0, sizeof *doc);
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, len -= 3;
  /* Upper bounds: every field ends at a comma or a line break (or the end). */
  size_t breaks = 0, commas = 0;
  for (size_t i = 0; i < len; i++) {
    char c = data[i];
    breaks += c == '\n' || c == '\r';
    commas += c == sep;
  }
  char *buf = arena_alloc(a, len + 1);
  memcpy(buf, data, len);
  CsvField *fields = arena_alloc(a, sizeof(CsvField) * (commas + breaks + 1));
  doc->rec = arena_alloc(a, sizeof(CsvRecord) * (breaks + 1));
  Errs e = {a, doc, 0};
  char *p = buf, *end = buf + len;
  int line = 1;
  size_t nf = 0;
  while (p < end) {
    if (*p == '\n' || *p == '\r') { /* an empty line: no record */
      p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
      line++;
      continue;
    }
    CsvRecord *r = &doc->rec[doc->n++];
    r->f = &fields[nf];
    r->line = line;
    for (;;) {
      CsvField *f = &fields[nf++];
      int col = r->n + 1;
      f->line = line;
      char *w;
      if (p < end && *p == '"') {
        if (quoted_field(&e, &p, end, &line, f, col) < 0) {
          r->n++;
          return -1;
        }
        w = f->s + f->len;
      } else {
        f->s = p;
        int reported = 0;
        for (; p < end && !is_end(*p); p++) {
          if (*p == '"' && !reported) {
            add_error(&e, line, col,
                      "có dấu ngoặc kép trong ô không đặt trong ngoặc kép "
                      "(đặt cả ô trong ngoặc kép và viết dấu \" hai lần: \"\")");
            reported = 1;
          }
        }
        w = p;
        f->len = (int)(w - f->s);
      }
      char d = p < end ? *p : 0;
      *w = 0; /* may overwrite the delimiter, which is saved in d */
      check_utf8(&e, f, col);
      csv_unneutralise(f); /* a cell canbo wrote as '=... reads back as =... (csv.h) */
      r->n++;
      if (d == sep && d) {
        p++;
        continue;
      }
      if (d == '\r') p += (p + 1 < end && p[1] == '\n') ? 2 : 1, line++;
      else if (d == '\n') p++, line++;
      break;
    }
  }
  return doc->nerr ? CB_EINVAL : 0;
}

/* ---- the one CSV writer ---- */

/* The first characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
static bool formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

bool csv_neutralised(const char *s, size_t n) {
  size_t k = 0;
  while (k < n && s[k] == '\'') k++;
  return k < n && formula_start(s[k]);
}

void csv_unneutralise(CsvField *f) {
  if (f->len >= 2 && f->s[0] == '\'' && csv_neutralised(f->s, (size_t)f->len)) f->s++, f->len--;
}

/* Whether the written cell (the quote prefix included) needs quotes: a comma, quote or line break, or a leading/trailing space. */
static bool needs_quotes(const char *s, size_t n) {
  if (n && (s[0] == ' ' || s[n - 1] == ' ')) return true;
  for (size_t i = 0; i < n; i++)
    if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') return true;
  return false;
}

/*
** Every cell of every CSV goes through here: a cell that would start a
** formula (csv_neutralised) gets a single quote in front, then RFC 4180
** quoting when needed or when `quote` asks for it. Written to b, or to f
** when b is NULL.
*/
static void put_cell(Buf *b, FILE *f, const char *s, bool quote) {
  if (!s) s = "";
  size_t n = strlen(s);
  bool prefix = csv_neutralised(s, n);
  quote = quote || needs_quotes(s, n);
  Buf tmp = BUF_INIT, *o = b ? b : &tmp;
  if (quote) buf_putc(o, '"');
  if (prefix) buf_putc(o, '\'');
  if (!quote) {
    buf_append(o, s, n);
  } else {
    const char *run = s;
    for (const char *p = s; *p; p++)
      if (*p == '"') buf_append(o, run, (size_t)(p - run + 1)), run = p;
    buf_puts(o, run);
    buf_putc(o, '"');
  }
  if (!b) {
    if (tmp.len) fwrite(tmp.p, 1, tmp.len, f);
    buf_free(&tmp);
  }
}

void csv_write_field(FILE *f, const char *s) {
  if (s) put_cell(NULL, f, s, false);
}

void csv_write_row(FILE *f, const char *const *cells, int n, const char *eol) {
  Buf b = BUF_INIT; /* the row built whole, then one write: not a buffer and a locked write per cell */
  csv_buf_row_eol(&b, cells, n, eol);
  fwrite(b.p, 1, b.len, f);
  buf_free(&b);
}

void csv_buf_quoted(Buf *b, const char *s) { put_cell(b, NULL, s, true); }

void csv_buf_field(Buf *b, const char *s) {
  if (s) put_cell(b, NULL, s, false);
}

void csv_buf_row_eol(Buf *b, const char *const *cells, int n, const char *eol) {
  for (int i = 0; i < n; i++) {
    if (i) buf_putc(b, ',');
    put_cell(b, NULL, cells[i], false);
  }
  buf_puts(b, eol);
}

void csv_buf_row(Buf *b, const char *const *cells, int n) { csv_buf_row_eol(b, cells, n, "\r\n"); }

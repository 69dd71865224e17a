/* The document model (see document.h): measurements, text cleaning, builders. */
#include "domain/docs/document.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include "core/err.h"

#define MM (72.0 / 25.4)

/*
** Party: Hướng dẫn 36-HD/VPTW Phụ lục 3 for the sizes; margins 25/25/35/15 mm
** (inside the 20-25/20-25/30-35/15-20 ranges and equal to the Party handbook's
** values); State: Nghị định 30/2020/NĐ-CP Phụ lục I, margins at the low end of
** its ranges (20/20/30/15 mm). Every value and its source: docs/DOCUMENTS.md.
*/
static const DocStyle STYLES[2] = {
    [DOC_PARTY] = {.page_w = 210 * MM, .page_h = 297 * MM,
                   .top = 25 * MM, .bottom = 25 * MM, .left = 35 * MM, .right = 15 * MM,
                   .motto = 15, .motto2 = 0, .body_parent = 14, .body_name = 14, .number = 14, .place_date = 14,
                   .title = 16, .subtitle = 14, .body = 14, .indent = 12.7 * MM, .para_after = 6,
                   .sign = 14, .sign_space = 72, .recipients_head = 14, .recipients = 12,
                   .recipients_head_style = DOC_U, .table = 12, .page_number = 14,
                   .header_left = 0.46, .body_rule = 0},
    [DOC_STATE] = {.page_w = 210 * MM, .page_h = 297 * MM,
                   .top = 20 * MM, .bottom = 20 * MM, .left = 30 * MM, .right = 15 * MM,
                   .motto = 13, .motto2 = 14, .body_parent = 13, .body_name = 13, .number = 13, .place_date = 14,
                   .title = 14, .subtitle = 14, .body = 14, .indent = 12.7 * MM, .para_after = 6,
                   .sign = 14, .sign_space = 72, .recipients_head = 12, .recipients = 11,
                   .recipients_head_style = DOC_B | DOC_I, .table = 12, .page_number = 14,
                   .header_left = 0.38, .body_rule = 0.4},
};

const DocStyle *doc_style(DocLayout layout) { return &STYLES[layout == DOC_STATE ? DOC_STATE : DOC_PARTY]; }

/* Decode one UTF-8 sequence at s (n bytes left): the code point, or -1 for an invalid one; *len its length (>= 1). */
static long utf8_next(const unsigned char *s, size_t n, size_t *len) {
  unsigned c = s[0];
  *len = 1;
  if (c < 0x80) return c;
  int k;
  long cp, min;
  if ((c & 0xE0) == 0xC0) k = 1, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) k = 2, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) k = 3, cp = c & 0x07, min = 0x10000;
  else return -1;
  if ((size_t)k >= n) return -1;
  for (int i = 1; i <= k; i++) {
    if ((s[i] & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  *len = (size_t)k + 1;
  return cp;
}

/* Whether code point cp is kept: not a control (but '\n'), not U+FFFE/U+FFFF. */
static bool keep_cp(long cp) {
  if (cp == '\n') return true;
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return false;
  return cp != 0xFFFE && cp != 0xFFFF;
}

const char *doc_text(Arena *a, const char *s) {
  if (!s) return "";
  size_t n = strlen(s);
  Buf b = BUF_INIT;
  buf_reserve(&b, n + 1);
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    size_t len;
    long cp = utf8_next(p + i, n - i, &len);
    if (cp < 0) buf_puts(&b, "\xEF\xBF\xBD"); /* U+FFFD */
    else if (cp == '\t') buf_putc(&b, ' ');
    else if (keep_cp(cp)) buf_append(&b, p + i, len);
    i += len;
  }
  const char *out = arena_strndup(a, b.p ? b.p : "", b.len);
  buf_free(&b);
  return out;
}

const char *doc_upper(Arena *a, const char *s) {
  const char *t = doc_text(a, s);
  Buf b = BUF_INIT;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)t;
  utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(t);
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
    if (k <= 0) break; /* cannot happen: t is clean UTF-8 */
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
    buf_append(&b, enc, (size_t)m);
    p += k, left -= k;
  }
  const char *out = arena_strndup(a, b.p ? b.p : "", b.len);
  buf_free(&b);
  return out;
}

/* Does the word sequence `level` (upper case, words separated by one space) start at words w[i..n)? Its length. */
static int level_at(Arena *a, const char *const *w, int i, int n, const char *level) {
  int k = 0;
  for (const char *p = level; *p; k++) {
    size_t len = strcspn(p, " ");
    if (i + k >= n || strlen(w[i + k]) != len || strncmp(doc_upper(a, w[i + k]), p, len) != 0) return 0;
    p += len;
    while (*p == ' ') p++;
  }
  return k;
}

const char *doc_keep_names(Arena *a, const char *s) {
  static const char *const LEVELS[] = {"THÀNH PHỐ", "HUYỆN", "THỊ XÃ", "TỈNH", "QUẬN", "PHƯỜNG", "XÃ", "THỊ TRẤN",
                                       "THÀNH ỦY", "HUYỆN ỦY", "TỈNH ỦY", "QUẬN ỦY", "THỊ ỦY"};
  const char *t = doc_text(a, s);
  int n = 1;
  for (const char *p = t; *p; p++) n += *p == ' ';
  const char **w = arena_alloc(a, sizeof(char *) * (size_t)n);
  n = 0;
  for (const char *p = t; *p;) {
    size_t len = strcspn(p, " ");
    if (len) w[n++] = arena_strndup(a, p, len);
    p += len;
    while (*p == ' ') p++;
  }
  bool *glue = arena_alloc(a, sizeof(bool) * (size_t)(n + 1)); /* glue[i]: no break between words i - 1 and i */
  memset(glue, 0, sizeof(bool) * (size_t)(n + 1));
  int name = n; /* the first word of the place name */
  for (int i = 0; i < n; i++)
    for (size_t k = 0; k < sizeof LEVELS / sizeof LEVELS[0]; k++) {
      int len = level_at(a, w, i, n, LEVELS[k]);
      for (int j = i + 1; j < i + len; j++) glue[j] = true; /* "THÀNH PHỐ" is one word */
      if (len && i + len < n) name = i + len;
    }
  for (int j = name + 1; j < n; j++) glue[j] = true;
  Buf b = BUF_INIT;
  for (int i = 0; i < n; i++) {
    if (i) buf_puts(&b, glue[i] ? "\xC2\xA0" : " ");
    buf_puts(&b, w[i]);
  }
  const char *out = arena_strndup(a, b.p ? b.p : "", b.len);
  buf_free(&b);
  return out;
}

/* Grow an arena array of pointers to hold one more: returns the (possibly new) array. */
static void **grow(Arena *a, void **v, int n, int *cap) {
  if (n < *cap) return v;
  int nc = *cap ? *cap * 2 : 8;
  void **nv = arena_alloc(a, sizeof(void *) * (size_t)nc);
  if (n) memcpy(nv, v, sizeof(void *) * (size_t)n);
  *cap = nc;
  return nv;
}

Doc *doc_new(Arena *a, DocLayout layout) {
  Doc *d = arena_alloc(a, sizeof *d);
  d->a = a;
  d->layout = layout == DOC_STATE ? DOC_STATE : DOC_PARTY;
  d->st = doc_style(d->layout);
  d->title = "";
  return d;
}

static DocBlock *add_block(Doc *d, DocBlockKind kind) {
  d->b = (DocBlock **)grow(d->a, (void **)d->b, d->n, &d->cap);
  DocBlock *b = arena_alloc(d->a, sizeof *b);
  b->kind = kind;
  d->b[d->n++] = b;
  return b;
}

static DocPara *new_para(Doc *d, DocAlign align, double size) {
  DocPara *p = arena_alloc(d->a, sizeof *p);
  p->align = align;
  p->size = size > 0 ? size : d->st->body;
  return p;
}

DocPara *doc_para(Doc *d, DocAlign align, double size) {
  DocBlock *b = add_block(d, DOC_BLOCK_PARA);
  b->para = new_para(d, align, size);
  return b->para;
}

void doc_run(Doc *d, DocPara *p, unsigned style, const char *text) {
  const char *t = doc_text(d->a, text);
  if (!*t) return;
  if (p->nruns == p->cap) {
    int nc = p->cap ? p->cap * 2 : 4;
    DocRun *nr = arena_alloc(d->a, sizeof(DocRun) * (size_t)nc);
    if (p->nruns) memcpy(nr, p->runs, sizeof(DocRun) * (size_t)p->nruns);
    p->runs = nr, p->cap = nc;
  }
  p->runs[p->nruns++] = (DocRun){t, style};
}

void doc_runf(Doc *d, DocPara *p, unsigned style, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char *s = arena_vprintf(d->a, fmt, ap);
  va_end(ap);
  doc_run(d, p, style, s);
}

const char *doc_para_text(const Doc *d, const DocPara *p) {
  Buf b = BUF_INIT;
  for (int i = 0; i < p->nruns; i++) buf_puts(&b, p->runs[i].text);
  const char *out = arena_strndup(d->a, b.p ? b.p : "", b.len);
  buf_free(&b);
  return out;
}

void doc_page_break(Doc *d) { add_block(d, DOC_BLOCK_PAGEBREAK); }

DocTable *doc_table(Doc *d, int ncols, const double *widths, int header_rows, bool borders) {
  DocBlock *b = add_block(d, DOC_BLOCK_TABLE);
  DocTable *t = arena_alloc(d->a, sizeof *t);
  t->ncols = ncols;
  t->widths = arena_alloc(d->a, sizeof(double) * (size_t)ncols);
  double sum = 0;
  for (int i = 0; i < ncols; i++) sum += widths[i];
  for (int i = 0; i < ncols; i++) t->widths[i] = sum > 0 ? widths[i] / sum : 1.0 / ncols;
  t->header_rows = header_rows;
  t->borders = borders;
  b->table = t;
  return t;
}

DocRow *doc_row(Doc *d, DocTable *t) {
  t->rows = (DocRow **)grow(d->a, (void **)t->rows, t->nrows, &t->cap);
  DocRow *r = arena_alloc(d->a, sizeof *r);
  r->cells = arena_alloc(d->a, sizeof(DocCell) * (size_t)t->ncols);
  t->rows[t->nrows++] = r;
  return r;
}

DocPara *doc_cell_para(Doc *d, DocCell *c, DocAlign align, double size) {
  c->p = (DocPara **)grow(d->a, (void **)c->p, c->n, &c->cap);
  DocPara *p = new_para(d, align, size);
  c->p[c->n++] = p;
  return p;
}

DocRow *doc_row_heading(Doc *d, DocTable *t, const char *text) {
  DocRow *r = doc_row(d, t);
  r->merged = true;
  doc_run(d, doc_cell_para(d, &r->cells[0], DOC_LEFT, d->st->table), DOC_B, text);
  return r;
}

DocRow *doc_row_texts(Doc *d, DocTable *t, const char *const *texts, unsigned style, double size) {
  DocRow *r = doc_row(d, t);
  for (int i = 0; i < t->ncols; i++) {
    DocPara *p = doc_cell_para(d, &r->cells[i], DOC_LEFT, size > 0 ? size : d->st->table);
    if (texts[i]) doc_run(d, p, style, texts[i]);
  }
  return r;
}

int doc_write(const Doc *d, const char *format, Buf *out) {
  if (format && strcmp(format, "docx") == 0) return doc_write_docx(d, out);
  if (format && strcmp(format, "pdf") == 0) return doc_write_pdf(d, out);
  return CB_EINVAL;
}

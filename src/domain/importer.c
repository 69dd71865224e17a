/*
** Import, all or nothing (see importer.h). The steps:
**   1. read the rows of the file (io/table.c: CSV in any encoding, .xlsx,
**      .xls), convert legacy text of sheets (io/encoding.c), find the header
**      row (title rows above it are skipped) and map it to the kind's columns
**      (names, Vietnamese labels and aliases, the board's remembered
**      mapping, the web's explicit mapping; STT left out);
**   2. check every value of every row by its column type (Vietnamese values
**      through import_values.c), refuse text that still looks garbled;
**   3. codes (importer_codes.c): generated when there is no code column,
**      duplicates, references by code or by name;
**   4. only without errors: one transaction, rows inserted (units parent
**      first), one audit row, commit -- or, on a dry run, rollback.
** Errors are "FILE:LINE:COLUMN: message" in Vietnamese (what is wrong, what
** is expected, the offending value quoted), sorted by position; COLUMN is
** the 1-based field of a CSV file, the header name of a sheet.
**
** Not for: the column lists themselves (importer_kinds.c), writing files
** (exporter.c).
*/
#include "domain/importer.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "core/vi.h"
#include "domain/importer_internal.h"
#include "domain/io/encoding.h"
#include "domain/io/table.h"

/* Longest key code accepted (characters): codes go into URLs, unit paths and narrow table columns. */
#define IMPORT_CODE_MAX 64
/* Rows looked at for the header (title rows of a sheet sit above it). */
#define HEADER_SCAN 30
/* Cells scored to find the encoding of a sheet's text. */
#define SCORE_CELLS 20000

/* ---- a small string -> int hash map in an arena ---- */

static size_t hash_str(const char *s) {
  size_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

void imap_init(Map *m, Arena *a, size_t hint) {
  m->cap = 64;
  while (m->cap < hint * 2) m->cap *= 2;
  m->n = 0;
  m->a = a;
  m->keys = arena_alloc(a, sizeof(char *) * m->cap);
  m->vals = arena_alloc(a, sizeof(int) * m->cap);
}

static size_t map_slot(const Map *m, const char *key) {
  size_t i = hash_str(key) & (m->cap - 1);
  while (m->keys[i] && strcmp(m->keys[i], key) != 0) i = (i + 1) & (m->cap - 1);
  return i;
}

int imap_get(const Map *m, const char *key) {
  if (!key || !m->cap) return -1;
  size_t i = map_slot(m, key);
  return m->keys[i] ? m->vals[i] : -1;
}

void imap_put(Map *m, const char *key, int val) {
  if ((m->n + 1) * 2 > m->cap) {
    Map big;
    imap_init(&big, m->a, m->cap);
    for (size_t i = 0; i < m->cap; i++)
      if (m->keys[i]) imap_put(&big, m->keys[i], m->vals[i]);
    *m = big;
  }
  size_t i = map_slot(m, key);
  if (!m->keys[i]) m->n++;
  m->keys[i] = key;
  m->vals[i] = val;
}

/* ---- errors ---- */

void imp_err_at(Imp *im, int line, int col, char *msg) {
  if (im->nerr == im->cap) {
    im->cap = im->cap ? im->cap * 2 : 16;
    Err *v = arena_alloc(im->a, sizeof(Err) * (size_t)im->cap);
    if (im->nerr) memcpy(v, im->errs, sizeof(Err) * (size_t)im->nerr);
    im->errs = v;
  }
  im->errs[im->nerr++] = (Err){line, col, NULL, msg};
}

const CsvField *imp_field_of(const Imp *im, const Row *r, int c) {
  int p = im->colpos[c];
  return p >= 0 && p < r->rec->n ? &r->rec->f[p] : NULL;
}

void imp_err_field(Imp *im, const Row *r, int c, char *msg) {
  const CsvField *f = imp_field_of(im, r, c);
  imp_err_at(im, f ? f->line : r->rec->line, im->colpos[c] + 1, msg);
  if (im->colpos[c] < 0) im->errs[im->nerr - 1].colname = im->k->cols[c].label;
}

static int cmp_err(const void *x, const void *y) {
  const Err *a = x, *b = y;
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  if (a->col != b->col) return a->col < b->col ? -1 : 1;
  return 0;
}

/* COLUMN of an error: the field number (CSV), the header text or the column letters (sheet). */
static const char *err_col(Imp *im, const Err *e) {
  if (!im->sheet) return arena_printf(im->a, "%d", e->col);
  if (e->colname) return e->colname;
  int i = e->col - 1;
  if (im->header && i >= 0 && i < im->header->n && *im->header->f[i].s) return im->header->f[i].s;
  char l[8];
  return arena_strdup(im->a, table_col_letters(i < 0 ? 0 : i, l));
}

static int finish_errors(Imp *im, ImportErrors *errs) {
  cb_qsort(im->errs, (size_t)im->nerr, sizeof(Err), cmp_err);
  errs->n = im->nerr;
  errs->lines = arena_alloc(im->a, sizeof(char *) * (size_t)(im->nerr ? im->nerr : 1));
  for (int i = 0; i < im->nerr; i++)
    errs->lines[i] =
        arena_printf(im->a, "%s:%d:%s: %s", im->file, im->errs[i].line, err_col(im, &im->errs[i]), im->errs[i].msg);
  return CB_EINVAL;
}

/* ---- step 1: rows and header ---- */

typedef struct {
  Imp *im;
  CsvRecord *rec;
  char *bad;
  int n, cap;
} Rows;

static bool blank_cells(char *const *cells, int n) {
  for (int i = 0; i < n; i++) {
    const char *s = cells[i];
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    if (*s) return false;
  }
  return true;
}

static int take_row(void *ctx, const TableRow *t) {
  Rows *rs = ctx;
  if (!t->bad && blank_cells(t->cell, t->n)) return 0; /* empty lines, a spreadsheet's ",,,," */
  Arena *a = rs->im->a;
  if (rs->n == rs->cap) {
    rs->cap = rs->cap ? rs->cap * 2 : 256;
    CsvRecord *v = arena_alloc(a, sizeof(CsvRecord) * (size_t)rs->cap);
    char *b = arena_alloc(a, (size_t)rs->cap);
    if (rs->n) memcpy(v, rs->rec, sizeof(CsvRecord) * (size_t)rs->n), memcpy(b, rs->bad, (size_t)rs->n);
    rs->rec = v, rs->bad = b;
  }
  CsvField *f = (CsvField *)t->fields; /* CSV: the parser's own fields, no copy */
  if (!f) { /* a sheet's cells live only until we return: copy them */
    f = arena_alloc(a, sizeof(CsvField) * (size_t)(t->n ? t->n : 1));
    for (int i = 0; i < t->n; i++) {
      size_t len = strlen(t->cell[i]);
      f[i] = (CsvField){len ? arena_strndup(a, t->cell[i], len) : "", (int)len, t->cell_line ? t->cell_line[i] : t->line, 0};
    }
  }
  rs->bad[rs->n] = (char)t->bad;
  rs->rec[rs->n++] = (CsvRecord){f, t->n, t->line};
  return 0;
}

static void take_problem(void *ctx, int line, int col, const char *msg) {
  Rows *rs = ctx;
  imp_err_at(rs->im, line, col, (char *)msg);
}

/* Header text folded for comparison: trimmed, a trailing '*' dropped, no marks, case folded. */
static char *header_key(Arena *a, const char *s) {
  char *f = vi_fold(a, s);
  if (!f) return NULL;
  size_t n = strlen(f);
  while (n && (f[n - 1] == '*' || f[n - 1] == ' ' || f[n - 1] == ':')) f[--n] = 0;
  return f;
}

/* The kind column whose name, label or alias matches folded header h, or -1. */
static int match_header(Arena *a, const ImportKind *k, const char *h) {
  for (int c = 0; c < k->ncols; c++) {
    const ImportCol *col = &k->cols[c];
    if (strcmp(h, col->name) == 0 || strcmp(h, header_key(a, col->label)) == 0) return c;
    for (const char *p = col->aliases; p && *p;) {
      const char *bar = strchr(p, '|');
      size_t n = bar ? (size_t)(bar - p) : strlen(p);
      if (strcmp(h, header_key(a, arena_strndup(a, p, n))) == 0) return c;
      p += n + (bar ? 1 : 0);
    }
  }
  return -1;
}

int imp_col_by_name(const ImportKind *k, const char *name) {
  for (int c = 0; c < k->ncols; c++)
    if (strcmp(k->cols[c].name, name) == 0) return c;
  return -1;
}

static char *column_names(Arena *a, const ImportKind *k) {
  char *s = "";
  for (int c = 0; c < k->ncols; c++) s = arena_printf(a, "%s%s%s", s, c ? ", " : "", k->cols[c].name);
  return s;
}

/* The board's remembered mapping (import_header_map): folded header -> field ("" = leave out). */
static void load_remembered(Imp *im, Map *m, const char ***fields) {
  imap_init(m, im->a, 16);
  *fields = NULL;
  DbStmt *st = db_prepare(im->db, "SELECT header_key, field FROM import_header_map WHERE kind = ?");
  if (!st) return; /* an older database without the table: nothing remembered */
  db_bind_text(st, 1, im->k->kind);
  int n = 0, cap = 0;
  const char **v = NULL;
  while (db_step(st) == DB_ROW) {
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      const char **w = arena_alloc(im->a, sizeof(char *) * (size_t)cap);
      if (n) memcpy(w, v, sizeof(char *) * (size_t)n);
      v = w;
    }
    v[n] = arena_strdup(im->a, db_text(st, 1));
    imap_put(m, arena_strdup(im->a, db_text(st, 0)), n);
    n++;
  }
  db_finalize(st);
  *fields = v;
}

/* Does the kind have a cadre column an event file may give by name ("Họ và tên", "Ngày sinh")? */
static int cadre_col(const ImportKind *k) {
  if (k->key >= 0) return -1;
  int c = imp_col_by_name(k, "cadre_code");
  return c >= 0 && k->cols[c].type == COL_REF ? c : -1;
}

/* How many cells of record h are known headers (the header row is the best of the first rows). */
static int header_score(Imp *im, const CsvRecord *h, const Map *remembered) {
  int n = 0;
  for (int i = 0; i < h->n; i++) {
    char *key = header_key(im->a, h->f[i].s);
    if (!key || !*key) continue;
    if (match_header(im->a, im->k, key) >= 0 || imap_get(remembered, key) >= 0 || import_header_helper(key)) n++;
  }
  return n;
}

static void map_header(Imp *im, const CsvRecord *h, const Map *remembered, const char **rfields, ImportResult *res) {
  const ImportKind *k = im->k;
  const ImportOpts *o = im->o;
  im->colpos = arena_alloc(im->a, sizeof(int) * (size_t)k->ncols);
  for (int c = 0; c < k->ncols; c++) im->colpos[c] = -1;
  im->name_pos = im->birth_pos = -1;
  res->ncols = h->n;
  res->header = arena_alloc(im->a, sizeof(char *) * (size_t)(h->n ? h->n : 1));
  res->field = arena_alloc(im->a, sizeof(char *) * (size_t)(h->n ? h->n : 1));
  int ccol = cadre_col(k);
  for (int i = 0; i < h->n; i++) {
    res->header[i] = vi_utf8_valid(h->f[i].s, strlen(h->f[i].s)) ? h->f[i].s : "(không đọc được: không phải UTF-8)";
    char *key = header_key(im->a, h->f[i].s);
    if (!key) continue; /* bad UTF-8: reported by the parser */
    int c = -1, helper = HELPER_NONE;
    const char *forced = o->mapping && i < o->nmapping ? o->mapping[i] : NULL;
    if (forced) {
      if (!*forced) {
        res->field[i] = "";
        continue;
      }
      c = imp_col_by_name(k, forced);
      if (c < 0 && strcmp(forced, "_name") == 0) helper = HELPER_NAME;
      if (c < 0 && strcmp(forced, "_birth") == 0) helper = HELPER_BIRTH;
    } else {
      c = match_header(im->a, k, key);
      int r = c < 0 ? imap_get(remembered, key) : -1;
      if (r >= 0 && !*rfields[r]) {
        res->field[i] = "";
        continue;
      }
      if (r >= 0) c = imp_col_by_name(k, rfields[r]);
      if (c < 0) helper = r >= 0 && strcmp(rfields[r], "_name") == 0    ? HELPER_NAME
                          : r >= 0 && strcmp(rfields[r], "_birth") == 0 ? HELPER_BIRTH
                                                                         : import_header_helper(key);
    }
    if (c < 0 && helper == HELPER_STT) {
      res->field[i] = "";
      continue;
    }
    if (c < 0 && helper == HELPER_NAME && ccol >= 0 && im->name_pos < 0) {
      im->name_pos = i;
      res->field[i] = "_name";
      continue;
    }
    if (c < 0 && helper == HELPER_BIRTH && ccol >= 0 && im->birth_pos < 0) {
      im->birth_pos = i;
      res->field[i] = "_birth";
      continue;
    }
    if (c < 0 && !*key && im->sheet) { /* a sheet column without a header: values under it are reported */
      res->field[i] = "";
      continue;
    }
    if (c < 0 && !*key) {
      imp_err_at(im, h->f[i].line, i + 1, arena_strdup(im->a, "tên cột bị trống (đặt tên cho cột hoặc xóa cột)"));
      res->unknown++;
    } else if (c < 0) {
      imp_err_at(im, h->f[i].line, i + 1,
                 arena_printf(im->a, "cột không có trong mẫu \"%s\" (các cột của mẫu: %s)", h->f[i].s,
                              column_names(im->a, k)));
      res->unknown++;
    } else if (im->colpos[c] >= 0) {
      imp_err_at(im, h->f[i].line, i + 1,
                 arena_printf(im->a, "cột bị lặp \"%s\" (cột %s đã có ở vị trí %d)", h->f[i].s, k->cols[c].name,
                              im->colpos[c] + 1));
    } else {
      im->colpos[c] = i;
      res->field[i] = k->cols[c].name;
    }
  }
  /* An event file naming its cadres instead of giving their codes: the names are read as the cadre column (a
     reference may be written by name); the mapping still says "_name", as the board chose or would. */
  if (ccol >= 0 && im->colpos[ccol] < 0 && im->name_pos >= 0) {
    im->colpos[ccol] = im->name_pos;
    im->name_pos = -1;
  }
  im->partial_update = im->o->update && strcmp(k->kind, "cadres") == 0 && im->colpos[k->key] >= 0;
  for (int c = 0; c < k->ncols; c++) {
    if (!k->cols[c].required || im->colpos[c] >= 0) continue;
    if (c == k->key) { /* no code column: codes are generated */
      im->gen_codes = true;
      continue;
    }
    if (im->partial_update) continue; /* needed only by rows whose code is new (importer_codes.c) */
    imp_err_at(im, h->line, 1, arena_printf(im->a, "thiếu cột bắt buộc \"%s\" (%s)", k->cols[c].label, k->cols[c].name));
    im->errs[im->nerr - 1].colname = k->cols[c].label;
  }
}

/* ---- step 2: values ---- */

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) s[--n] = 0;
  return s;
}

static int is_ascii(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80) return 0;
  return 1;
}

/*
** s in NFC, in a (s itself when it already is). Vietnamese text is nearly
** always precomposed: when every character is below U+0300 or a precomposed
** letter of U+1E00..U+1EFF nothing can compose or decompose, and utf8proc is
** not called (it was a tenth of the time of a 200,000-row import).
*/
static char *nfc(Arena *a, char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    if (*p < 0x80) p++;
    else if (*p < 0xCC) p += 2;                                   /* U+0080..U+02FF */
    else if (*p == 0xE1 && (p[1] == 0xB8 || p[1] == 0xB9 || p[1] == 0xBA || p[1] == 0xBB)) p += 3; /* U+1E00..U+1EFF */
    else return vi_nfc(a, s);
  }
  return s;
}

static char *enum_list(Arena *a, const char *const *vals) {
  char *s = "";
  for (int i = 0; vals[i]; i++) s = arena_printf(a, "%s%s%s", s, i ? "|" : "", vals[i]);
  return s;
}

/* The Vietnamese words of every value of an enumerated column, "; " between them (labels may hold commas). */
static char *enum_labels(Arena *a, const ImportCol *col) {
  char *s = "";
  for (int i = 0; col->values[i]; i++)
    s = arena_printf(a, "%s%s«%s»", s, i ? "; " : "", import_enum_label(col, col->values[i]));
  return s;
}

/* Dates as boards type them: 15.03.1980, 15-03-1980, "1980-03-15 00:00:00" -> forms date_parse reads. */
static const char *date_text(Arena *a, const char *s) {
  size_t n = strlen(s);
  if (n > 10 && isdigit((unsigned char)s[0]) && s[4] == '-' && (s[10] == ' ' || s[10] == 'T'))
    return arena_strndup(a, s, 10);
  if (n >= 8 && n <= 10 && isdigit((unsigned char)s[0]) && (strchr(s, '.') || (s[1] == '-' || s[2] == '-'))) {
    char *t = arena_strdup(a, s);
    for (char *p = t; *p; p++)
      if (*p == '.' || *p == '-') *p = '/';
    return t;
  }
  return s;
}

/* Text that still looks garbled after conversion is refused, never stored (CONTRACT §8). */
static bool garbled(Imp *im, const Row *r, int c, const char *s) {
  const char *w = enc_garbled_word(im->a, s);
  if (!w) return false;
  imp_err_field(im, r, c,
                arena_printf(im->a, "chữ \"%s\" có vẻ bị lỗi phông hoặc mã hóa (\"%s\"): chuyển tệp sang Unicode "
                                    "(UTF-8) hoặc chọn đúng bảng mã (--encoding tcvn3|vni|cp1258) rồi nhập lại",
                             w, s));
  return true;
}

/*
** Check and normalize value s of column c. Returns the stored form (arena)
** or NULL after reporting the problem.
*/
static char *check_value(Imp *im, const Row *r, int c, char *s) {
  const ImportCol *col = &im->k->cols[c];
  Arena *a = im->a;
  char buf[16];
  Date d;
  switch (col->type) {
  case COL_TEXT: {
    char *t = is_ascii(s) ? s : nfc(a, s);
    if (!t || (!is_ascii(t) && garbled(im, r, c, t))) return NULL;
    const char *out = t, *why = im->k->text_check ? im->k->text_check(a, col->name, t, &out) : NULL;
    if (why) { /* what the forms and the API refuse (a name's letters, a length) is refused here too */
      imp_err_field(im, r, c, arena_strdup(a, why));
      return NULL;
    }
    return out && *out ? arena_strdup(a, out) : t;
  }
  case COL_CODE: {
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
      if (*p <= ' ' || *p == 0x7f) {
        imp_err_field(im, r, c,
                      arena_printf(a, "mã không hợp lệ \"%s\" (mã không được có dấu cách hoặc ký tự điều khiển)", s));
        return NULL;
      }
      chars += (*p & 0xC0) != 0x80;
    }
    if (chars > IMPORT_CODE_MAX) {
      imp_err_field(im, r, c, arena_printf(a, "mã quá dài: %zu ký tự (tối đa %d)", chars, IMPORT_CODE_MAX));
      return NULL;
    }
    return is_ascii(s) ? s : nfc(a, s);
  }
  case COL_DATE:
  case COL_PDATE:
    if (date_parse(date_text(a, s), &d, col->type == COL_PDATE ? DATE_PARTIAL : DATE_FULL) != 0) {
      char why[128]; /* a day, month or year that cannot be is said so, as the forms say it (date_problem) */
      const char *p = date_problem(date_text(a, s), col->type == COL_PDATE ? DATE_PARTIAL : DATE_FULL, NULL, why,
                                   sizeof why);
      if (p && strncmp(p, "không đúng dạng", strlen("không đúng dạng")) != 0)
        imp_err_field(im, r, c, arena_printf(a, "ngày không hợp lệ \"%s\": %s", s, p));
      else
        imp_err_field(im, r, c,
                      arena_printf(a, "ngày không hợp lệ \"%s\" (cần dạng %s)", s,
                                   col->type == COL_PDATE ? "YYYY-MM-DD, DD/MM/YYYY, YYYY-MM hoặc YYYY"
                                                          : "YYYY-MM-DD hoặc DD/MM/YYYY"));
      return NULL;
    }
    return arena_strdup(a, date_iso(d, buf));
  case COL_ENUM: {
    int hit = imap_get(&im->enum_cache[c], s);
    if (hit == -1) {
      const char *v = import_enum_value(a, col, s);
      hit = -2;
      for (int i = 0; v && col->values[i]; i++)
        if (col->values[i] == v) hit = i;
      imap_put(&im->enum_cache[c], s, hit);
    }
    if (hit >= 0) return (char *)col->values[hit];
    imp_err_field(im, r, c,
                  arena_printf(a, "giá trị không hợp lệ \"%s\" ở cột \"%s\" (%s), cần một trong: %s (hoặc mã: %s)", s,
                               col->label, col->name, enum_labels(a, col), enum_list(a, col->values)));
    return NULL;
  }
  case COL_INT: {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < col->min || v > col->max) {
      imp_err_field(im, r, c,
                    arena_printf(a, "giá trị không hợp lệ \"%s\" ở cột \"%s\" (%s), cần số nguyên từ %d đến %d", s,
                                 col->label, col->name, col->min, col->max));
      return NULL;
    }
    return arena_printf(a, "%ld", v);
  }
  case COL_BOOL01: {
    const char *b = import_bool01(a, s);
    if (b) return (char *)b;
    imp_err_field(im, r, c,
                  arena_printf(a, "giá trị không hợp lệ \"%s\" ở cột \"%s\" (%s), cần 1, x hoặc Có (có) / 0 hoặc "
                                  "Không (không)",
                               s, col->label, col->name));
    return NULL;
  }
  case COL_GENDER: {
    const char *g = import_gender(a, s);
    if (g) return (char *)g;
    imp_err_field(im, r, c, arena_printf(a, "giới tính không hợp lệ \"%s\" (cần M, F, Nam hoặc Nữ)", s));
    return NULL;
  }
  case COL_REF: {
    char *t = is_ascii(s) ? s : nfc(a, s);
    return t && !is_ascii(t) && garbled(im, r, c, t) ? NULL : t;
  }
  }
  return NULL;
}

static void check_row(Imp *im, Row *r, int ncsv, const char *empty_cols) {
  const ImportKind *k = im->k;
  const CsvRecord *rec = r->rec;
  if (!im->sheet && rec->n != ncsv) {
    if (rec->n > ncsv)
      imp_err_at(im, rec->f[ncsv].line, ncsv + 1,
                 arena_printf(im->a, "thừa ô: dòng này có %d ô, dòng tiêu đề có %d", rec->n, ncsv));
    else
      imp_err_at(im, rec->f[rec->n - 1].line, rec->n + 1,
                 arena_printf(im->a, "thiếu ô: dòng này có %d ô, dòng tiêu đề có %d", rec->n, ncsv));
    return;
  }
  if (im->sheet) /* a value under no header, or right of the header: it would be lost */
    for (int i = 0; i < rec->n; i++)
      if (*rec->f[i].s && (i >= ncsv || empty_cols[i]))
        imp_err_at(im, rec->line, i + 1,
                   arena_printf(im->a, "ô có dữ liệu \"%s\" nhưng cột không có tiêu đề: đặt tên cột hoặc xóa dữ liệu",
                                rec->f[i].s));
  r->v = arena_alloc(im->a, sizeof(char *) * (size_t)k->ncols);
  /* an event file with both a code and a name column: the name checks the code, or stands for a missing one */
  if (im->name_pos >= 0 && im->name_pos < rec->n && *trim(rec->f[im->name_pos].s)) r->name = trim(rec->f[im->name_pos].s);
  int ccol = cadre_col(k);
  for (int c = 0; c < k->ncols; c++) {
    const CsvField *f = imp_field_of(im, r, c);
    char *s = f ? trim(f->s) : NULL;
    if ((!s || !*s) && c == ccol && r->name) { /* no code: the cadre by the row's name */
      s = (char *)r->name;
      r->named_only = true;
    }
    if (!s || !*s) {
      if (k->cols[c].required && im->partial_update && c != k->key) {
        if (!r->lacks) r->lacks = c + 1; /* an error only if the row's code is new */
      } else if (k->cols[c].required && (f || (im->sheet && im->colpos[c] >= 0))) {
        imp_err_field(im, r, c, arena_printf(im->a, "thiếu giá trị bắt buộc của cột \"%s\" (%s)", k->cols[c].label,
                                             k->cols[c].name));
      }
      continue;
    }
    r->v[c] = check_value(im, r, c, s);
  }
  if (im->birth_pos >= 0 && im->birth_pos < rec->n && *rec->f[im->birth_pos].s) {
    Date d;
    char b[16];
    if (date_parse(date_text(im->a, trim(rec->f[im->birth_pos].s)), &d, DATE_PARTIAL) == 0)
      r->birth = arena_strdup(im->a, date_iso(d, b));
  }
  if (k->from_col >= 0 && r->v[k->from_col] && r->v[k->to_col] && strcmp(r->v[k->to_col], r->v[k->from_col]) < 0)
    imp_err_field(im, r, k->to_col,
                  arena_printf(im->a, "ngày %s ở cột \"%s\" (%s) sớm hơn ngày %s ở cột \"%s\" (%s)", r->v[k->to_col],
                               k->cols[k->to_col].label, k->cols[k->to_col].name, r->v[k->from_col],
                               k->cols[k->from_col].label, k->cols[k->from_col].name));
  int col = -1;
  const char *problem = k->row_check ? k->row_check(im->a, r->v, &col) : NULL;
  const CsvField *typed = problem && col >= 0 && col < k->ncols ? imp_field_of(im, r, col) : NULL;
  if (typed && *trim(typed->s) && !r->v[col]) problem = NULL; /* a value that failed its own check: said already */
  if (problem && col >= 0 && col < k->ncols)
    imp_err_field(im, r, col, arena_printf(im->a, "%s: cột \"%s\" (%s)", problem, k->cols[col].label, k->cols[col].name));
}

/*
** Legacy text kept as mojibake: sheets get their encoding by score over the
** cells (a CSV's was found on its bytes: k); each cell is converted when
** that makes it read better (enc_decode_cell).
*/
static EncKind convert_cells(Imp *im, CsvRecord *rec, int n, EncKind k) {
  if (im->sheet) {
    EncScore sc;
    memset(&sc, 0, sizeof sc);
    for (int i = 0; i < n && sc.cells < SCORE_CELLS; i++)
      for (int j = 0; j < rec[i].n; j++) enc_score_text(&sc, rec[i].f[j].s);
    k = enc_best_text(&sc, im->o->encoding);
  }
  if (k != ENC_TCVN3_MOJI && k != ENC_VNI_MOJI) return k;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < rec[i].n; j++) {
      CsvField *f = &rec[i].f[j];
      f->s = enc_decode_cell(im->a, k, f->s);
      f->len = (int)strlen(f->s);
    }
  return k;
}

static void keep_preview(Imp *im, ImportResult *res, const CsvRecord *rec, int n) {
  int want = im->o->preview;
  if (want <= 0 || res->ncols <= 0) return;
  res->preview = arena_alloc(im->a, sizeof(char **) * (size_t)want);
  res->preview_line = arena_alloc(im->a, sizeof(int) * (size_t)want);
  for (int i = 0; i < n && res->npreview < want; i++) {
    char **cells = arena_alloc(im->a, sizeof(char *) * (size_t)res->ncols);
    for (int j = 0; j < res->ncols; j++) {
      const char *s = j < rec[i].n ? rec[i].f[j].s : "";
      cells[j] = is_ascii(s) ? arena_strdup(im->a, s) : vi_nfc(im->a, s);
      if (!cells[j]) cells[j] = "(không đọc được: không phải UTF-8)"; /* never invalid bytes into a page */
    }
    res->preview_line[res->npreview] = rec[i].line;
    res->preview[res->npreview++] = cells;
  }
}

int importer_import(Db *db, Arena *a, const ImportOpts *o, ImportResult *res, ImportErrors *errs) {
  Imp im = {.db = db, .a = a, .k = importer_kind(o->kind), .o = o, .file = o->filename ? o->filename : "-",
            .scope = o->scope};
  memset(errs, 0, sizeof *errs);
  memset(res, 0, sizeof *res);
  /* hardening (issue 12): titles are shared by every unit, so only a user without a unit scope imports them */
  if (o->scope && o->kind && strcmp(o->kind, "titles") == 0) return CB_EPERM;
  for (int t = 0; t < 3; t++) imap_init(&im.refs[t], a, 16);
  imap_init(&im.keys, a, 16);
  if (!im.k) {
    int nk;
    const ImportKind *ks = importer_kinds(&nk);
    char *names = "";
    for (int i = 0; i < nk; i++) names = arena_printf(a, "%s%s%s", names, i ? "|" : "", ks[i].kind);
    imp_err_at(&im, 1, 1, arena_printf(a, "loại dữ liệu không hợp lệ \"%s\" (cần một trong: %s)", o->kind ? o->kind : "", names));
    return finish_errors(&im, errs);
  }
  /* 1. rows */
  Rows rs = {.im = &im};
  TableSrc src = {o->filename, o->path, o->data ? o->data : "", o->len, o->sheet, o->encoding};
  TableSink sink = {&rs, take_row, take_problem};
  TableInfo info;
  const char *fatal = NULL;
  int rc = table_read(a, &src, &sink, &info, &fatal);
  im.sheet = info.format != TABLE_CSV;
  res->format = table_format_name(info.format);
  res->sheet = info.sheet;
  res->sep = info.sep;
  if (rc) {
    im.sheet = false;
    imp_err_at(&im, 1, 1, (char *)(fatal ? fatal : "không đọc được tệp"));
    return rc == CB_EINVAL ? finish_errors(&im, errs) : rc;
  }
  EncKind enc = convert_cells(&im, rs.rec, rs.n, info.encoding);
  res->encoding = enc_name(enc);
  res->encoding_label = enc_label(enc);
  res->mojibake = enc == ENC_TCVN3_MOJI || enc == ENC_VNI_MOJI;
  if (rs.n == 0 || rs.bad[0]) {
    if (rs.n == 0 && info.sheet && info.nsheets > 1) /* the list may be on another sheet: say which there are */
      imp_err_at(&im, 1, 1, arena_printf(a, "trang tính \"%s\" không có dữ liệu; tệp có các trang tính %s: chọn trang có "
                                            "danh sách (--sheet TÊN, hoặc ô «Trang tính» khi nhập trên trang web)",
                                         info.sheet, info.sheets));
    else if (rs.n == 0)
      imp_err_at(&im, 1, 1, arena_printf(a, "tệp rỗng (cần dòng tiêu đề: %s)", column_names(a, im.k)));
    return finish_errors(&im, errs);
  }
  /* Steps 1-3 read in one transaction: one snapshot and one lock instead of one per lookup. */
  db_read_begin(db);
  Map remembered;
  const char **rfields;
  load_remembered(&im, &remembered, &rfields);
  int hdr = 0, best = 0;
  for (int i = 0; i < rs.n && i < HEADER_SCAN; i++) {
    int s = header_score(&im, &rs.rec[i], &remembered);
    if (s > best && s >= 2) best = s, hdr = i;
  }
  im.header = &rs.rec[hdr];
  res->header_line = im.header->line;
  im.enum_cache = arena_alloc(a, sizeof(Map) * (size_t)im.k->ncols);
  for (int c = 0; c < im.k->ncols; c++)
    if (im.k->cols[c].type == COL_ENUM) imap_init(&im.enum_cache[c], a, 16);
  im.names = import_names_new(db, a, scope_from_legacy(o->scope));
  map_header(&im, im.header, &remembered, rfields, res);
  keep_preview(&im, res, rs.rec + hdr + 1, rs.n - hdr - 1);
  /* 2. values */
  int ncsv = im.header->n;
  char *empty_cols = arena_alloc(a, (size_t)ncsv + 1);
  for (int i = 0; i < ncsv; i++) empty_cols[i] = !*trim(im.header->f[i].s);
  im.rows = arena_alloc(a, sizeof(Row) * (size_t)(rs.n ? rs.n : 1));
  for (int i = hdr + 1; i < rs.n; i++) {
    Row *r = &im.rows[im.nrows++];
    r->rec = &rs.rec[i];
    if (!rs.bad[i]) check_row(&im, r, ncsv, empty_cols);
  }
  /* 3. codes */
  rc = imp_check_codes(&im);
  db_read_end(db);
  if (rc) return rc;
  res->generated = im.generated;
  if (o->scope && strcmp(im.k->kind, "units") == 0)
    for (int i = 0; i < im.nrows; i++)
      if (im.rows[i].v && !im.rows[i].v[3])
        imp_err_at(&im, im.rows[i].rec->line, im.colpos[3] >= 0 ? im.colpos[3] + 1 : 1,
                   arena_strdup(a, "thiếu mã đơn vị cấp trên (parent_code): không thể tạo đơn vị nằm ngoài phạm vi "
                                   "quản lý của bạn"));
  int *order = NULL;
  if (strcmp(im.k->kind, "units") == 0) {
    order = arena_alloc(a, sizeof(int) * (size_t)(im.nrows ? im.nrows : 1));
    imp_unit_order(&im, order);
  }
  if (im.nerr) return finish_errors(&im, errs);
  /* 4. write (or, on a dry run, write and take back) */
  rc = imp_write_rows(&im, order, o->actor, o->data ? o->data : "", o->len);
  if (rc == CB_EINVAL) return finish_errors(&im, errs);
  if (rc == 0) res->count = im.nrows, res->created = im.created, res->updated = im.updated, res->unchanged = im.unchanged;
  return rc;
}

int importer_run(Db *db, Arena *a, const char *kind, const char *filename, const char *data, size_t len,
                 const char *actor, const char *scope, ImportErrors *errs, int *count) {
  ImportOpts o = {.kind = kind, .filename = filename, .data = data, .len = len, .actor = actor, .scope = scope,
                  .encoding = -1};
  ImportResult res;
  int rc = importer_import(db, a, &o, &res, errs);
  *count = res.count;
  return rc;
}

int importer_remember_mapping(Db *db, const char *actor, const char *kind, const char *const *header,
                              const char *const *field, int n) {
  if (db_begin(db) != 0) return CB_EDB;
  Arena *a = arena_new();
  int rc = 0;
  DbStmt *st = db_prepare(db, "INSERT INTO import_header_map(kind, header_key, field, updated_at, updated_by) "
                              "VALUES (?1, ?2, ?3, now_utc(), ?4) "
                              "ON CONFLICT(kind, header_key) DO UPDATE SET field = excluded.field, "
                              "updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  if (!st) rc = CB_EDB;
  char *after = "";
  for (int i = 0; rc == 0 && i < n; i++) {
    char *key = header ? header_key(a, header[i]) : NULL;
    if (!key || !*key || !field[i]) continue;
    db_bind_text(st, 1, kind);
    db_bind_text(st, 2, key);
    db_bind_text(st, 3, field[i]);
    db_bind_text(st, 4, actor);
    if (db_step(st) < 0) rc = CB_EDB;
    db_reset(st);
    after = arena_printf(a, "%s%s%s", after, *after ? ", " : "", key);
  }
  if (st) db_finalize(st);
  if (rc == 0) rc = audit_log(db, actor, "import_mapping", kind, kind, NULL, NULL);
  if (rc == 0 && db_commit(db) == 0) {
    arena_free(a);
    return 0;
  }
  db_rollback(db);
  arena_free(a);
  return CB_EDB;
}

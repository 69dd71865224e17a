/*
** table_read: which kind of file this is, and the CSV reader (see table.h).
** Workbooks are read by xlsx_read.c and xls_read.c.
*/
#include "domain/io/table.h"
#include <stdbool.h>
#include <stdlib.h>
#include <iconv.h>
#include <string.h>
#include "core/csv.h"
#include "core/err.h"

const char *table_format_name(TableFormat f) { return f == TABLE_XLSX ? "xlsx" : f == TABLE_XLS ? "xls" : "csv"; }

char *table_col_letters(int c, char *buf) {
  char t[8];
  int n = 0;
  c++;
  while (c > 0 && n < 7) {
    t[n++] = (char)('A' + (c - 1) % 26);
    c = (c - 1) / 26;
  }
  for (int i = 0; i < n; i++) buf[i] = t[n - 1 - i];
  buf[n] = 0;
  return buf;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = s ? strlen(s) : 0, m = strlen(suffix);
  return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* An OLE (Compound File) container holding an "EncryptedPackage" stream: an xlsx saved with a password. */
static bool ole_encrypted(const char *d, size_t n) {
  static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
  return memmem(d, n, name, sizeof name - 1) != NULL;
}

static char *trim_cell(char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) s[--n] = 0;
  return s;
}

/* The columns a CSV record uses: up to its last non-empty cell (Excel writes empty ones after it). */
static int used_cols(const CsvRecord *r) {
  int n = r->n;
  while (n > 0 && !r->f[n - 1].len) n--;
  return n;
}

/*
** A text file with a UTF-16 byte-order mark (Excel's «Unicode Text», tab-separated) as UTF-8 in `a`, without the
** mark; *out_len its length. NULL when s has no such mark or does not decode (then it is read as it is, and its NUL
** bytes are reported with their lines).
*/
static const char *utf16_to_utf8(Arena *a, const char *s, size_t n, size_t *out_len) {
  const char *from = n >= 2 && (unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE   ? "UTF-16LE"
                     : n >= 2 && (unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF ? "UTF-16BE"
                                                                                            : NULL;
  if (!from) return NULL;
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == (iconv_t)-1) return NULL;
  size_t in_left = n - 2, cap = (n - 2) / 2 * 3 + 4, out_left = cap;
  char *out = arena_alloc(a, cap + 1), *in = (char *)s + 2, *w = out;
  size_t rc = iconv(cd, &in, &in_left, &w, &out_left);
  iconv_close(cd);
  if (rc == (size_t)-1 || in_left) return NULL;
  *w = 0;
  *out_len = (size_t)(w - out);
  return out;
}

/* The CSV reader: decode to UTF-8 (detected or forced encoding), find the separator, parse, push rows. A record
   with a value past TABLE_MAX_COLS is refused, as in a sheet (empty cells further right are the importer's). */
static int read_csv(Arena *a, const TableSrc *src, const TableSink *sink, TableInfo *info, const char **fatal) {
  const char *data = src->data;
  size_t len = src->len, ulen;
  const char *u16 = utf16_to_utf8(a, data, len, &ulen);
  if (u16) data = u16, len = ulen;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, len -= 3;
  info->encoding = enc_detect_bytes(data, len, src->encoding, &info->enc_score);
  size_t dlen = len;
  /* Raw legacy bytes are decoded here; mojibake (valid UTF-8) is converted cell by cell by the caller. */
  bool whole = info->encoding == ENC_CP1258 || info->encoding == ENC_TCVN3 || info->encoding == ENC_VNI;
  const char *text = whole ? enc_decode_bytes(a, info->encoding, data, len, &dlen) : data;
  info->sep = csv_guess_sep(text, dlen);
  CsvDoc doc;
  csv_parse_sep(a, text, dlen, info->sep, &doc);
  for (int i = 0; i < doc.n; i++) {
    int used = used_cols(&doc.rec[i]);
    if (used > TABLE_MAX_COLS) {
      *fatal = arena_printf(a, "dòng %d có dữ liệu ở cột thứ %d: canbo chỉ đọc %d cột đầu; xóa các cột thừa bên phải bảng "
                               "rồi lưu lại", doc.rec[i].line, used, TABLE_MAX_COLS);
      return CB_EINVAL;
    }
  }
  /* Rows holding a CSV error are marked bad: their fields are not what the author meant. */
  char *bad = calloc((size_t)doc.n + 1, 1);
  if (!bad) abort();
  for (int e = 0; e < doc.nerr; e++) {
    int line = doc.err[e].line, lo = 0, hi = doc.n - 1;
    while (lo < hi) { /* last record starting at or before `line` */
      int mid = (lo + hi + 1) / 2;
      if (doc.rec[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    if (doc.n) bad[lo] = 1;
    if (sink->problem) sink->problem(sink->ctx, line, doc.err[e].col, doc.err[e].msg);
  }
  int maxn = 1;
  for (int i = 0; i < doc.n; i++)
    if (doc.rec[i].n > maxn) maxn = doc.rec[i].n;
  char **cells = malloc(sizeof(char *) * (size_t)maxn);
  int *lines = malloc(sizeof(int) * (size_t)maxn);
  if (!cells || !lines) abort();
  for (int i = 0; i < doc.n; i++) {
    const CsvRecord *r = &doc.rec[i];
    for (int j = 0; j < r->n; j++) cells[j] = r->f[j].s, lines[j] = r->f[j].line;
    TableRow row = {cells, r->n, r->line, lines, r->f, bad[i]};
    info->rows++;
    if (sink->row(sink->ctx, &row)) break;
  }
  free(cells);
  free(lines);
  free(bad);
  return 0;
}

int table_read(Arena *a, const TableSrc *src, const TableSink *sink, TableInfo *info, const char **fatal) {
  memset(info, 0, sizeof *info);
  *fatal = NULL;
  const char *d = src->data;
  size_t n = src->len;
  if (n > TABLE_MAX_FILE) {
    *fatal = arena_printf(a, "tệp quá lớn (%zu MB; tối đa %u MB): chia tệp thành nhiều tệp nhỏ hơn", n >> 20,
                          TABLE_MAX_FILE >> 20);
    return CB_EINVAL;
  }
  if (n >= 4 && memcmp(d, "PK\x03\x04", 4) == 0) {
    info->format = TABLE_XLSX;
    return table_read_xlsx(a, src, sink, info, fatal);
  }
  if (n >= 8 && memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
    if (ole_encrypted(d, n)) {
      *fatal = "tệp Excel được đặt mật khẩu (mã hóa): mở tệp trong Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ "
               "sổ làm việc) rồi lưu lại";
      return CB_EINVAL;
    }
    info->format = TABLE_XLS;
    return table_read_xls(a, src, sink, info, fatal);
  }
  if (ends_with(src->name, ".xlsx") || ends_with(src->name, ".xlsm") || ends_with(src->name, ".xls")) {
    *fatal = ends_with(src->name, ".xls")
                 ? "tệp có đuôi .xls nhưng không phải tệp Excel 97–2003 hợp lệ (tệp hỏng, hoặc là trang HTML đổi "
                   "tên): mở bằng Excel và lưu lại dưới dạng .xlsx"
                 : "tệp có đuôi .xlsx nhưng không phải tệp Excel hợp lệ (không phải tệp nén zip): tệp bị hỏng, mở "
                   "bằng Excel và lưu lại";
    return CB_EINVAL;
  }
  info->format = TABLE_CSV;
  return read_csv(a, src, sink, info, fatal);
}

/* Shared by the sheet readers: trim in place (defined here so both use the same rule). */
char *table_trim(char *s);
char *table_trim(char *s) { return trim_cell(s); }

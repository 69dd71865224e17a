/*
** The .xlsx reader behind table_read (see table.h): libzip opens the archive
** from memory, libxml2's xmlTextReader streams each part. Read in order:
** xl/workbook.xml (sheet names, the 1904 date base), its relationships (the
** sheet's part), xl/styles.xml (which cell styles are dates),
** xl/sharedStrings.xml (the only table held, bounded) and then the sheet,
** row by row, pushing each row to the sink and forgetting it.
**
** Limits against hostile files: each part's uncompressed size and its
** compression ratio are checked before it is opened, and the bytes actually
** inflated are counted while reading (a zip may lie about sizes).
*/
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>
#include "core/buf.h"
#include "core/err.h"
#include "domain/io/table.h"

char *table_trim(char *s);

/* Largest part inflated (bytes), largest ratio of a part over 1 MiB, shared-string table bounds. */
#define XLSX_MAX_PART (1024ull << 20)
#define XLSX_MAX_RATIO 200
#define XLSX_MAX_SST_BYTES (128u << 20)
#define XLSX_MAX_SST_COUNT 4000000
#define XLSX_MAX_SHEETS 1000

static const char TOO_LONG[] = "\x01too long";

typedef struct {
  Arena *a;   /* the caller's: messages, sheet names, the shared strings */
  Arena *ca;  /* where cell text goes: `a` for shared strings, a per-row arena for the sheet's cells */
  zip_t *z;
  const TableSink *sink;
  const char **fatal;
  const char *part;  /* the part being read, for messages */
  zip_file_t *f;
  uint64_t inflated;
  bool bomb, broken;
  char *xml_err;
  /* workbook */
  bool date1904;
  int nsheets;
  const char *sheet_name[XLSX_MAX_SHEETS], *sheet_rid[XLSX_MAX_SHEETS];
  bool sheet_hidden[XLSX_MAX_SHEETS];
  const char *want_rid, *target;
  /* styles */
  struct { int id; bool date; } fmt[512];
  int nfmt;
  unsigned char *xf_date; /* by style index */
  int nxf, capxf;
  bool in_cellxfs, in_numfmts;
  /* shared strings */
  char **sst;
  size_t nsst, capsst, sst_bytes;
  /* text capture */
  Buf text;
  bool capturing, in_rph, text_too_long;
  /* the sheet */
  char **cells;
  int ncells;
  int row_line, col, cell_type, cell_style;
  bool in_cell, in_v, in_is, stop;
  int fatal_rc;
} X;

static int fail(X *x, const char *msg) {
  if (!*x->fatal) *x->fatal = msg;
  x->stop = true;
  return CB_EINVAL;
}

/* ---- reading one part through libxml2 ---- */

static int io_read(void *ctx, char *buf, int len) {
  X *x = ctx;
  zip_int64_t n = zip_fread(x->f, buf, (zip_uint64_t)len);
  if (n < 0) {
    x->broken = true;
    return -1;
  }
  x->inflated += (uint64_t)n;
  if (x->inflated > XLSX_MAX_PART) {
    x->bomb = true;
    return -1;
  }
  return (int)n;
}

static int io_close(void *ctx) {
  (void)ctx;
  return 0;
}

static void on_xml_error(void *ctx, xmlErrorPtr e) {
  X *x = ctx;
  if (!x->xml_err && e)
    x->xml_err = arena_printf(x->a, "dòng %d của %s: %s", e->line, x->part, e->message ? e->message : "?");
  if (x->xml_err) {
    size_t n = strlen(x->xml_err);
    while (n && (x->xml_err[n - 1] == '\n' || x->xml_err[n - 1] == ' ')) x->xml_err[--n] = 0;
  }
}

typedef void (*NodeFn)(X *x, xmlTextReaderPtr r);

/* Parse part `name` calling fn on every node. 0, 1 when the part is absent and not required, or CB_EINVAL. */
static int parse_part(X *x, const char *name, bool required, NodeFn fn) {
  zip_stat_t st;
  zip_stat_init(&st);
  x->part = name;
  if (zip_stat(x->z, name, 0, &st) != 0) {
    if (!required) return 1;
    return fail(x, arena_printf(x->a, "tệp .xlsx thiếu phần \"%s\": tệp bị hỏng hoặc không phải sổ làm việc Excel", name));
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    return fail(x, "tệp Excel được đặt mật khẩu (mã hóa): bỏ mật khẩu trong Excel rồi lưu lại");
  if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_MAX_PART)
    return fail(x, arena_printf(x->a, "tệp .xlsx bất thường: phần \"%s\" giải nén ra %llu MB (tối đa %llu MB), có thể là "
                                      "\"bom zip\"; không đọc",
                                name, (unsigned long long)(st.size >> 20), XLSX_MAX_PART >> 20));
  if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
      st.size / (st.comp_size ? st.comp_size : 1) > XLSX_MAX_RATIO)
    return fail(x, arena_printf(x->a, "tệp .xlsx bất thường: phần \"%s\" nén %llu lần (tối đa %d), có thể là \"bom zip\"; "
                                      "không đọc",
                                name, (unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)), XLSX_MAX_RATIO));
  x->f = zip_fopen(x->z, name, 0);
  if (!x->f)
    return fail(x, arena_printf(x->a, "tệp .xlsx bị hỏng: không mở được phần \"%s\" (%s)", name, zip_strerror(x->z)));
  x->inflated = 0;
  x->bomb = x->broken = false;
  x->xml_err = NULL;
  xmlTextReaderPtr r = xmlReaderForIO(io_read, io_close, x, name, NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
  int ret = -1;
  if (r) {
    xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, x);
    while (!x->stop && (ret = xmlTextReaderRead(r)) == 1) fn(x, r);
    xmlFreeTextReader(r);
  }
  zip_fclose(x->f);
  x->f = NULL;
  if (x->stop) return *x->fatal ? CB_EINVAL : 0; /* a fatal problem, or the sink had enough */
  if (x->bomb)
    return fail(x, arena_printf(x->a, "tệp .xlsx bất thường: phần \"%s\" giải nén ra hơn %llu MB, có thể là \"bom zip\"; "
                                      "không đọc",
                                name, XLSX_MAX_PART >> 20));
  if (x->broken)
    return fail(x, arena_printf(x->a, "tệp .xlsx bị hỏng: không giải nén được phần \"%s\" (dữ liệu nén sai)", name));
  if (ret < 0)
    return fail(x, arena_printf(x->a, "tệp .xlsx bị hỏng: nội dung XML không hợp lệ (%s)",
                                x->xml_err ? x->xml_err : name));
  return 0;
}

static const char *local_name(xmlTextReaderPtr r) { return (const char *)xmlTextReaderConstLocalName(r); }
static bool is_start(xmlTextReaderPtr r, const char *n) {
  return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && strcmp(local_name(r), n) == 0;
}
static bool is_end(xmlTextReaderPtr r, const char *n) {
  return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT && strcmp(local_name(r), n) == 0;
}
static char *attr(X *x, xmlTextReaderPtr r, const char *name) {
  xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
  if (!v) return NULL;
  char *s = arena_strdup(x->a, (const char *)v);
  xmlFree(v);
  return s;
}
/* The attribute value into buf (size n), "" when absent; no allocation. */
static const char *attr_buf(xmlTextReaderPtr r, const char *name, char *buf, size_t n) {
  xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
  buf[0] = 0;
  if (v) {
    snprintf(buf, n, "%s", (const char *)v);
    xmlFree(v);
  }
  return buf;
}

static bool is_text_node(xmlTextReaderPtr r) {
  int t = xmlTextReaderNodeType(r);
  return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
         t == XML_READER_TYPE_WHITESPACE;
}

static void capture(X *x, xmlTextReaderPtr r) {
  if (x->text_too_long) return;
  const char *v = (const char *)xmlTextReaderConstValue(r);
  if (!v) return;
  size_t n = strlen(v);
  if (x->text.len + n > (size_t)TABLE_MAX_CELL * 4) {
    x->text_too_long = true;
    return;
  }
  buf_append(&x->text, v, n);
}

/* ---- workbook, relationships, styles ---- */

static void on_workbook(X *x, xmlTextReaderPtr r) {
  if (is_start(r, "workbookPr")) {
    char b[16];
    const char *v = attr_buf(r, "date1904", b, sizeof b);
    x->date1904 = strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0;
  } else if (is_start(r, "sheet") && x->nsheets < XLSX_MAX_SHEETS) {
    char *rid = NULL;
    xmlChar *v = xmlTextReaderGetAttributeNs(
        r, (const xmlChar *)"id", (const xmlChar *)"http://schemas.openxmlformats.org/officeDocument/2006/relationships");
    if (!v)
      v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)"id",
                                      (const xmlChar *)"http://purl.oclc.org/ooxml/officeDocument/relationships");
    if (v) rid = arena_strdup(x->a, (const char *)v), xmlFree(v);
    char *name = attr(x, r, "name"), *state = attr(x, r, "state");
    x->sheet_name[x->nsheets] = name ? name : arena_printf(x->a, "Sheet%d", x->nsheets + 1);
    x->sheet_rid[x->nsheets] = rid;
    x->sheet_hidden[x->nsheets] = state && strcmp(state, "visible") != 0;
    x->nsheets++;
  }
}

static void on_rels(X *x, xmlTextReaderPtr r) {
  if (!is_start(r, "Relationship") || x->target) return;
  char *id = attr(x, r, "Id");
  if (!id || strcmp(id, x->want_rid) != 0) return;
  char *t = attr(x, r, "Target");
  if (!t) return;
  x->target = t[0] == '/' ? t + 1 : arena_printf(x->a, "xl/%s", t);
}

/* Is this number format code a date? Quoted text, [colour] and \-escaped characters do not count. */
static bool date_code(const char *code) {
  bool q = false;
  for (const char *p = code; *p; p++) {
    if (*p == '"') q = !q;
    else if (q) continue;
    else if (*p == '\\' && p[1]) p++;
    else if (*p == '[') {
      while (*p && *p != ']') p++;
      if (!*p) break;
    } else if (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y') return true;
  }
  return false;
}

static bool builtin_date(int id) { return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58); }

static void on_styles(X *x, xmlTextReaderPtr r) {
  char b[32];
  if (is_start(r, "numFmts")) x->in_numfmts = !xmlTextReaderIsEmptyElement(r);
  else if (is_end(r, "numFmts")) x->in_numfmts = false;
  else if (is_start(r, "cellXfs")) x->in_cellxfs = !xmlTextReaderIsEmptyElement(r);
  else if (is_end(r, "cellXfs")) x->in_cellxfs = false;
  else if (x->in_numfmts && is_start(r, "numFmt") && x->nfmt < (int)(sizeof x->fmt / sizeof x->fmt[0])) {
    char *code = attr(x, r, "formatCode");
    x->fmt[x->nfmt].id = atoi(attr_buf(r, "numFmtId", b, sizeof b));
    x->fmt[x->nfmt].date = code && date_code(code);
    x->nfmt++;
  } else if (x->in_cellxfs && is_start(r, "xf") && x->nxf < 65536) {
    int id = atoi(attr_buf(r, "numFmtId", b, sizeof b));
    bool date = builtin_date(id);
    for (int i = 0; i < x->nfmt; i++)
      if (x->fmt[i].id == id) date = x->fmt[i].date;
    if (x->nxf == x->capxf) {
      x->capxf = x->capxf ? x->capxf * 2 : 64;
      unsigned char *v = arena_alloc(x->a, (size_t)x->capxf);
      if (x->nxf) memcpy(v, x->xf_date, (size_t)x->nxf);
      x->xf_date = v;
    }
    x->xf_date[x->nxf++] = date;
  }
}

/* ---- text of strings: _xHHHH_ escapes, trimming, length ---- */

static size_t utf8_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* The captured text as a cell string in the arena: escapes undone, trimmed; TOO_LONG over the limit; NULL on NUL. */
static const char *finish_text(X *x, bool *nul) {
  *nul = false;
  if (x->text_too_long) return TOO_LONG;
  buf_reserve(&x->text, 1);
  x->text.p[x->text.len] = 0;
  char *s = x->text.p;
  if (strstr(s, "_x")) { /* Excel writes control characters as _xHHHH_ */
    char *w = s;
    for (char *p = s; *p;) {
      unsigned v;
      int used = 0;
      if (p[0] == '_' && p[1] == 'x' && sscanf(p + 2, "%4x_%n", &v, &used) == 1 && used == 5) {
        if (v == 0) *nul = true;
        else if (v < 0x80) *w++ = (char)v;
        else if (v < 0x800) *w++ = (char)(0xC0 | (v >> 6)), *w++ = (char)(0x80 | (v & 0x3F));
        else *w++ = (char)(0xE0 | (v >> 12)), *w++ = (char)(0x80 | ((v >> 6) & 0x3F)), *w++ = (char)(0x80 | (v & 0x3F));
        p += 7;
      } else {
        *w++ = *p++;
      }
    }
    *w = 0;
  }
  char *t = table_trim(s);
  if (utf8_chars(t) > TABLE_MAX_CELL) return TOO_LONG;
  return *t ? arena_strdup(x->ca, t) : "";
}

static void on_sst(X *x, xmlTextReaderPtr r) {
  if (is_start(r, "si")) {
    buf_reset(&x->text);
    x->text_too_long = false;
    x->in_rph = false;
    x->capturing = true;
    if (!xmlTextReaderIsEmptyElement(r)) return;
  } else if (is_start(r, "rPh") && !xmlTextReaderIsEmptyElement(r)) {
    x->in_rph = true;
    return;
  } else if (is_end(r, "rPh")) {
    x->in_rph = false;
    return;
  } else if (x->capturing && !x->in_rph && is_text_node(r) && xmlTextReaderDepth(r) >= 2) {
    capture(x, r);
    return;
  } else if (!is_end(r, "si")) {
    return;
  }
  /* the end of an <si> */
  x->capturing = false;
  bool nul;
  const char *s = finish_text(x, &nul);
  if (nul) s = "\x01nul";
  x->sst_bytes += strlen(s) + sizeof(char *);
  if (x->nsst >= XLSX_MAX_SST_COUNT || x->sst_bytes > XLSX_MAX_SST_BYTES) {
    fail(x, arena_printf(x->a, "tệp .xlsx bất thường: bảng chuỗi dùng chung quá lớn (hơn %d chuỗi hoặc %u MB)",
                         XLSX_MAX_SST_COUNT, XLSX_MAX_SST_BYTES >> 20));
    return;
  }
  if (x->nsst == x->capsst) {
    x->capsst = x->capsst ? x->capsst * 2 : 1024;
    char **v = realloc(x->sst, sizeof(char *) * x->capsst);
    if (!v) abort();
    x->sst = v;
  }
  x->sst[x->nsst++] = (char *)s;
}

/* ---- the sheet ---- */

/* Days since 1970-01-01 -> y, m, d (civil calendar). */
static void civil(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}

/* An Excel date serial as YYYY-MM-DD (1900 base with its fictitious 29/02/1900, or 1904 base). */
static char *serial_date(X *x, double v) {
  long s = (long)floor(v);
  if (s < 1 || s > 2958465) return arena_printf(x->ca, "%.15g", v);
  if (!x->date1904 && s == 60) return arena_strdup(x->ca, "1900-02-29");
  /* 1900 base: serial 1 = 1900-01-01; after the fake 29/02 the count is one ahead. 1970-01-01 = 25569. */
  long days = x->date1904 ? s + 1462 - 25569 : (s < 60 ? s + 1 : s) - 25569;
  int y, m, d;
  civil(days, &y, &m, &d);
  return arena_printf(x->ca, "%04d-%02d-%02d", y, m, d);
}

static const char *number_text(X *x, const char *v, bool date) {
  char *end;
  double d = strtod(v, &end);
  if (end == v || *end) return arena_strdup(x->ca, v);
  if (date) return serial_date(x, d);
  if (d == floor(d) && fabs(d) < 1e15) return arena_printf(x->ca, "%.0f", d);
  return arena_printf(x->ca, "%.15g", d);
}

/* "BC12" -> 0-based column 54, or -1 when there are no letters. */
static int ref_col(const char *ref) {
  int c = 0, n = 0;
  for (; *ref >= 'A' && *ref <= 'Z' && n < 4; ref++, n++) c = c * 26 + (*ref - 'A' + 1);
  return n ? c - 1 : -1;
}

enum { CT_NUM, CT_SST, CT_STR, CT_INLINE, CT_BOOL, CT_ERR, CT_DATE };

static void begin_cell(X *x, xmlTextReaderPtr r) {
  char b[32];
  int c = ref_col(attr_buf(r, "r", b, sizeof b));
  x->col = c >= 0 ? c : x->col + 1;
  const char *t = attr_buf(r, "t", b, sizeof b);
  x->cell_type = strcmp(t, "s") == 0        ? CT_SST
                 : strcmp(t, "str") == 0    ? CT_STR
                 : strcmp(t, "inlineStr") == 0 ? CT_INLINE
                 : strcmp(t, "b") == 0      ? CT_BOOL
                 : strcmp(t, "e") == 0      ? CT_ERR
                 : strcmp(t, "d") == 0      ? CT_DATE
                                            : CT_NUM;
  x->cell_style = atoi(attr_buf(r, "s", b, sizeof b));
  x->in_cell = true;
  buf_reset(&x->text);
  x->text_too_long = false;
  x->capturing = false;
}

static void problem(X *x, int col, const char *msg) {
  if (x->sink->problem) x->sink->problem(x->sink->ctx, x->row_line, col + 1, msg);
}

static void end_cell(X *x) {
  x->in_cell = x->capturing = false;
  bool nul;
  const char *s = finish_text(x, &nul);
  if (s == TOO_LONG) {
    problem(x, x->col, "ô dài quá 32.767 ký tự (giới hạn của Excel)");
    s = "";
  } else if (nul) {
    problem(x, x->col, "có ký tự NUL (mã 0) trong ô; xóa ký tự này rồi lưu lại tệp");
    s = "";
  } else if (*s) {
    switch (x->cell_type) {
    case CT_SST: {
      char *end;
      long i = strtol(s, &end, 10);
      if (*end || i < 0 || (size_t)i >= x->nsst) {
        problem(x, x->col, arena_printf(x->a, "ô tham chiếu chuỗi dùng chung số %s không có trong tệp (tệp bị hỏng)", s));
        s = "";
      } else {
        s = x->sst[i];
        if (s == TOO_LONG) {
          problem(x, x->col, "ô dài quá 32.767 ký tự (giới hạn của Excel)");
          s = "";
        } else if (strcmp(s, "\x01nul") == 0) {
          problem(x, x->col, "có ký tự NUL (mã 0) trong ô; xóa ký tự này rồi lưu lại tệp");
          s = "";
        }
      }
      break;
    }
    case CT_NUM:
      s = number_text(x, s, x->cell_style >= 0 && x->cell_style < x->nxf && x->xf_date[x->cell_style]);
      break;
    case CT_DATE: s = arena_strndup(x->ca, s, strlen(s) >= 10 ? 10 : strlen(s)); break;
    default: break; /* str, inline, bool (0/1), error (#N/A) as written */
    }
  }
  if (!*s) return;
  if (x->col >= TABLE_MAX_COLS) {
    char l[8];
    fail(x, arena_printf(x->a, "trang tính có dữ liệu ở cột %s (cột thứ %d, dòng %d): canbo chỉ đọc %d cột đầu; xóa "
                               "các cột thừa bên phải bảng rồi lưu lại",
                         table_col_letters(x->col, l), x->col + 1, x->row_line, TABLE_MAX_COLS));
    return;
  }
  x->cells[x->col] = (char *)s;
  if (x->col + 1 > x->ncells) x->ncells = x->col + 1;
}

static void end_row(X *x) {
  if (x->ncells > 0) {
    TableRow row = {x->cells, x->ncells, x->row_line, NULL, NULL, 0};
    if (x->sink->row(x->sink->ctx, &row)) x->stop = true;
    for (int i = 0; i < x->ncells; i++) x->cells[i] = "";
  }
  x->ncells = 0;
  arena_free(x->ca); /* the sink copied what it keeps: memory stays that of one row */
  x->ca = arena_new();
}

static void on_sheet(X *x, xmlTextReaderPtr r) {
  int type = xmlTextReaderNodeType(r);
  if (type == XML_READER_TYPE_ELEMENT) {
    const char *n = local_name(r);
    bool empty = xmlTextReaderIsEmptyElement(r);
    if (strcmp(n, "row") == 0) {
      char b[16];
      int line = atoi(attr_buf(r, "r", b, sizeof b));
      x->row_line = line > 0 ? line : x->row_line + 1;
      x->col = -1;
      x->ncells = 0;
      if (empty) end_row(x);
    } else if (strcmp(n, "c") == 0) {
      begin_cell(x, r);
      if (empty) end_cell(x);
    } else if (x->in_cell && (strcmp(n, "v") == 0 || (strcmp(n, "t") == 0 && x->in_is))) {
      x->capturing = !empty;
    } else if (x->in_cell && strcmp(n, "is") == 0) {
      x->in_is = !empty;
    } else if (x->in_cell && strcmp(n, "rPh") == 0) {
      x->in_rph = !empty;
    }
  } else if (type == XML_READER_TYPE_END_ELEMENT) {
    const char *n = local_name(r);
    if (strcmp(n, "c") == 0) end_cell(x);
    else if (strcmp(n, "row") == 0) end_row(x);
    else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) x->capturing = false;
    else if (strcmp(n, "is") == 0) x->in_is = false;
    else if (strcmp(n, "rPh") == 0) x->in_rph = false;
  } else if (x->capturing && !x->in_rph && is_text_node(r)) {
    capture(x, r);
  }
}

/* ---- the whole file ---- */

static int read_all(X *x, const TableSrc *src, TableInfo *info) {
  int rc = parse_part(x, "xl/workbook.xml", true, on_workbook);
  if (rc) return rc;
  if (x->nsheets == 0) return fail(x, "sổ làm việc không có trang tính nào");
  int pick = -1;
  char *names = "";
  for (int i = 0; i < x->nsheets; i++)
    names = arena_printf(x->a, "%s%s\"%s\"", names, i ? ", " : "", x->sheet_name[i]);
  info->sheets = names;
  info->nsheets = x->nsheets;
  if (src->sheet) {
    for (int i = 0; i < x->nsheets && pick < 0; i++)
      if (strcmp(x->sheet_name[i], src->sheet) == 0) pick = i;
    for (int i = 0; i < x->nsheets && pick < 0; i++)
      if (strcasecmp(x->sheet_name[i], src->sheet) == 0) pick = i;
    if (pick < 0)
      return fail(x, arena_printf(x->a, "không có trang tính \"%s\" (các trang tính của tệp: %s)", src->sheet, names));
  } else {
    for (int i = 0; i < x->nsheets && pick < 0; i++)
      if (!x->sheet_hidden[i]) pick = i;
    if (pick < 0) pick = 0;
  }
  info->sheet = x->sheet_name[pick];
  x->want_rid = x->sheet_rid[pick];
  if (x->want_rid) {
    rc = parse_part(x, "xl/_rels/workbook.xml.rels", true, on_rels);
    if (rc) return rc;
  }
  if (!x->target) x->target = arena_printf(x->a, "xl/worksheets/sheet%d.xml", pick + 1);
  rc = parse_part(x, "xl/styles.xml", false, on_styles);
  if (rc < 0) return rc;
  rc = parse_part(x, "xl/sharedStrings.xml", false, on_sst);
  if (rc < 0) return rc;
  x->cells = malloc(sizeof(char *) * TABLE_MAX_COLS);
  if (!x->cells) abort();
  for (int i = 0; i < TABLE_MAX_COLS; i++) x->cells[i] = "";
  x->ca = arena_new();
  rc = parse_part(x, x->target, true, on_sheet);
  arena_free(x->ca);
  x->ca = x->a;
  return rc < 0 ? rc : 0;
}

int table_read_xlsx(Arena *a, const TableSrc *src, const TableSink *sink, TableInfo *info, const char **fatal) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *zs = zip_source_buffer_create(src->data, src->len, 0, &ze);
  zip_t *z = zs ? zip_open_from_source(zs, ZIP_RDONLY, &ze) : NULL;
  if (!z) {
    *fatal = arena_printf(a, "tệp .xlsx bị hỏng: không đọc được cấu trúc nén zip (%s); mở tệp bằng Excel và lưu lại",
                          zip_error_strerror(&ze));
    if (zs) zip_source_free(zs);
    zip_error_fini(&ze);
    return CB_EINVAL;
  }
  zip_error_fini(&ze);
  X *x = calloc(1, sizeof *x);
  if (!x) abort();
  x->a = a, x->ca = a, x->z = z, x->sink = sink, x->fatal = fatal, x->row_line = 0;
  int rc = read_all(x, src, info);
  if (rc == 0 && x->stop && *fatal) rc = CB_EINVAL;
  zip_discard(z);
  free(x->sst);
  free(x->cells);
  buf_free(&x->text);
  free(x);
  return rc;
}

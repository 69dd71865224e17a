/* The official-list xlsx layout (see xlsx_list.h), on libxlsxwriter. */
#include "domain/xlsx_list.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/docs/doc_settings.h"
#include "domain/docs/document.h"

enum { ROW_ORG = 0, ROW_TITLE = 2, ROW_SUB = 3, ROW_HEAD = 5 };
/* with the documents' header block (xlsx_list_doc): four header lines, a blank, title, subtitle, a blank, headings */
enum { DROW_TITLE = 5, DROW_SUB = 6, DROW_HEAD = 8 };

struct XlsxList {
  lxw_workbook *wb;
  lxw_worksheet *ws;
  const XlsxCol *cols;
  int ncols;
  long rows;
  lxw_format *bold, *right_bold, *title, *sub, *head, *cell, *center, *num;
  lxw_format *c_plain, *c_bold, *c_italic, *group, *group_first, *group_last, *l_bold_italic, *l_plain;
  int failed;
  const XlsxDocBlock *doc; /* the documents' header and signature block, or NULL */
  lxw_row_t head_row;      /* the headings' row of the current sheet */
  lxw_row_t next;          /* the next row to write (data, group headings) */
};

/* A format centred across the cells that follow it (blank, same format). */
static lxw_format *across_fmt(lxw_workbook *wb, int bold, int italic) {
  lxw_format *f = workbook_add_format(wb);
  format_set_align(f, LXW_ALIGN_CENTER_ACROSS);
  format_set_text_wrap(f);
  if (bold) format_set_bold(f);
  if (italic) format_set_italic(f);
  return f;
}

static void make_formats(XlsxList *l) {
  lxw_workbook *wb = l->wb;
  l->bold = workbook_add_format(wb);
  format_set_bold(l->bold);
  l->right_bold = workbook_add_format(wb);
  format_set_bold(l->right_bold);
  format_set_align(l->right_bold, LXW_ALIGN_RIGHT);
  l->title = workbook_add_format(wb);
  format_set_bold(l->title);
  format_set_font_size(l->title, 14);
  format_set_align(l->title, LXW_ALIGN_CENTER_ACROSS);
  l->sub = workbook_add_format(wb);
  format_set_italic(l->sub);
  format_set_align(l->sub, LXW_ALIGN_CENTER_ACROSS);
  l->head = workbook_add_format(wb);
  format_set_bold(l->head);
  format_set_text_wrap(l->head);
  format_set_align(l->head, LXW_ALIGN_CENTER);
  format_set_align(l->head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(l->head, 0xD9D9D9);
  format_set_border(l->head, LXW_BORDER_THIN);
  l->cell = workbook_add_format(wb);
  format_set_border(l->cell, LXW_BORDER_THIN);
  format_set_text_wrap(l->cell);
  format_set_align(l->cell, LXW_ALIGN_VERTICAL_TOP);
  l->center = workbook_add_format(wb);
  format_set_border(l->center, LXW_BORDER_THIN);
  format_set_align(l->center, LXW_ALIGN_CENTER);
  format_set_align(l->center, LXW_ALIGN_VERTICAL_TOP);
  l->num = workbook_add_format(wb);
  format_set_border(l->num, LXW_BORDER_THIN);
  format_set_align(l->num, LXW_ALIGN_VERTICAL_TOP);
  l->c_plain = across_fmt(wb, 0, 0);
  l->c_bold = across_fmt(wb, 1, 0);
  l->c_italic = across_fmt(wb, 0, 1);
  /* a group heading: one shaded band, borders only around it (no cell borders cutting the text) */
  lxw_format **g[3] = {&l->group, &l->group_first, &l->group_last};
  for (int i = 0; i < 3; i++) {
    *g[i] = workbook_add_format(wb);
    format_set_bold(*g[i]);
    format_set_top(*g[i], LXW_BORDER_THIN);
    format_set_bottom(*g[i], LXW_BORDER_THIN);
    format_set_bg_color(*g[i], 0xF2F2F2);
  }
  format_set_left(l->group_first, LXW_BORDER_THIN);
  format_set_right(l->group_last, LXW_BORDER_THIN);
  l->l_bold_italic = workbook_add_format(wb);
  format_set_bold(l->l_bold_italic);
  format_set_italic(l->l_bold_italic);
  l->l_plain = workbook_add_format(wb);
}

int xlsx_list_open(const char *path, XlsxList **out) {
  *out = NULL;
  XlsxList *l = calloc(1, sizeof *l);
  if (!l) return CB_EIO;
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
  l->wb = workbook_new_opt(path, &opt);
  if (!l->wb) {
    free(l);
    return CB_EIO;
  }
  make_formats(l);
  *out = l;
  return 0;
}

static void check(XlsxList *l, lxw_error e) {
  if (e != LXW_NO_ERROR) l->failed = 1;
}

static void print_setup(XlsxList *l) {
  lxw_worksheet *ws = l->ws;
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9); /* A4 */
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
  worksheet_fit_to_pages(ws, 1, 0);
  check(l, worksheet_repeat_rows(ws, l->head_row, l->head_row));
  check(l, worksheet_set_footer(ws, "&CTrang &P/&N"));
  worksheet_freeze_panes(ws, l->head_row + 1, 0);
}

/* A line centred across all columns: the text in the first cell, blanks with the same format after it. */
static void across(XlsxList *l, lxw_row_t row, const char *text, lxw_format *f) {
  check(l, worksheet_write_string(l->ws, row, 0, text, f));
  for (int c = 1; c < l->ncols; c++) check(l, worksheet_write_blank(l->ws, row, (lxw_col_t)c, f));
}

static bool has(const char *s) { return s && *s; }

/*
** Two texts on one row, as the documents' two columns: `left` centred
** across the first `split` columns, `right` across the rest (either NULL).
*/
static void two(XlsxList *l, lxw_row_t row, const char *left, lxw_format *lf, const char *right, lxw_format *rf) {
  int split = l->ncols > 1 ? (l->ncols + 1) / 2 : 1;
  if (l->ncols > 1 && split >= l->ncols) split = l->ncols - 1;
  /* an empty side gets no "centre across" format: a run of such blanks would carry the other side's text on */
  if (!left) lf = l->l_plain;
  if (!right) rf = l->l_plain;
  if (left) check(l, worksheet_write_string(l->ws, row, 0, left, lf));
  for (int c = left ? 1 : 0; c < split; c++) check(l, worksheet_write_blank(l->ws, row, (lxw_col_t)c, lf));
  if (split >= l->ncols) return;
  if (right) check(l, worksheet_write_string(l->ws, row, (lxw_col_t)split, right, rf));
  for (int c = right ? split + 1 : split; c < l->ncols; c++) check(l, worksheet_write_blank(l->ws, row, (lxw_col_t)c, rf));
}

/* The documents' header block on rows 0-3 (docs/DOCUMENTS.md "Lists in Excel"). */
static void doc_header(XlsxList *l) {
  const XlsxDocBlock *d = l->doc;
  if (d->state) {
    two(l, 0, d->body_parent, l->c_plain, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", l->c_bold);
    two(l, 1, d->body_name, l->c_bold, "Độc lập - Tự do - Hạnh phúc", l->c_bold);
    two(l, 2, NULL, l->c_plain, "---------------", l->c_plain);
  } else {
    two(l, 0, d->body_parent, l->c_plain, "ĐẢNG CỘNG SẢN VIỆT NAM", l->c_bold);
    two(l, 1, d->body_name, l->c_bold, NULL, l->c_plain);
    two(l, 2, "*", l->c_plain, NULL, l->c_plain);
  }
  two(l, 3, d->number, l->c_plain, d->place_date, l->c_italic);
}

/* After the last data row: "Nơi nhận:" and the recipients left, the signer's block right. */
static void doc_footer(XlsxList *l) {
  const XlsxDocBlock *d = l->doc;
  const char *right[8];
  int nr = 0;
  if (has(d->authority)) right[nr++] = d->authority;
  right[nr++] = has(d->signer_post) ? d->signer_post : "";
  right[nr++] = "", right[nr++] = "", right[nr++] = "";
  right[nr++] = has(d->signer_name) ? d->signer_name : "";
  const char *left[32];
  int nl = 0;
  char *copy = d->recipients ? strdup(d->recipients) : NULL;
  if (copy && *copy) {
    left[nl++] = "Nơi nhận:";
    for (char *save = NULL, *t = strtok_r(copy, "\n", &save); t && nl < 32; t = strtok_r(NULL, "\n", &save))
      if (*t) left[nl++] = t;
  }
  lxw_row_t row = l->next + 1;
  int n = nl > nr ? nl : nr;
  for (int i = 0; i < n; i++, row++) {
    char line[600];
    const char *lt = NULL;
    if (i < nl) {
      if (i == 0) lt = left[0];
      else {
        snprintf(line, sizeof line, "- %s%s", left[i], i + 1 < nl ? "," : ".");
        lt = line;
      }
    }
    int split = l->ncols > 1 ? (l->ncols + 1) / 2 : 1;
    if (l->ncols > 1 && split >= l->ncols) split = l->ncols - 1;
    if (lt) check(l, worksheet_write_string(l->ws, row, 0, lt, i == 0 ? l->l_bold_italic : l->l_plain));
    if (i < nr && *right[i] && split < l->ncols) {
      check(l, worksheet_write_string(l->ws, row, (lxw_col_t)split, right[i], l->c_bold));
      for (int c = split + 1; c < l->ncols; c++) check(l, worksheet_write_blank(l->ws, row, (lxw_col_t)c, l->c_bold));
    }
  }
  free(copy);
}

/* Close the current sheet: the signature block when the documents' block is on. */
static void end_sheet(XlsxList *l) {
  if (l->ws && l->doc) doc_footer(l);
}

void xlsx_list_doc(XlsxList *l, const XlsxDocBlock *doc) {
  if (l) l->doc = doc;
}

int xlsx_list_sheet(XlsxList *l, const char *name, const XlsxListMeta *meta, const XlsxCol *cols, int ncols) {
  if (!l || ncols <= 0) return CB_EINVAL;
  end_sheet(l);
  l->ws = workbook_add_worksheet(l->wb, name);
  if (!l->ws) return CB_EIO;
  l->cols = cols, l->ncols = ncols, l->rows = 0;
  l->head_row = l->doc ? DROW_HEAD : ROW_HEAD;
  l->next = l->head_row + 1;
  for (int c = 0; c < ncols; c++)
    check(l, worksheet_set_column(l->ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width > 0 ? cols[c].width : 12, NULL));
  print_setup(l);
  if (l->doc) {
    doc_header(l);
    if (meta && meta->title) across(l, DROW_TITLE, meta->title, l->title);
    if (meta && meta->subtitle) across(l, DROW_SUB, meta->subtitle, l->sub);
  } else {
    if (meta && meta->org) check(l, worksheet_write_string(l->ws, ROW_ORG, 0, meta->org, l->bold));
    if (ncols > 1)
      check(l, worksheet_write_string(l->ws, ROW_ORG, (lxw_col_t)(ncols - 1), "ĐẢNG CỘNG SẢN VIỆT NAM", l->right_bold));
    if (meta && meta->title) across(l, ROW_TITLE, meta->title, l->title);
    if (meta && meta->subtitle) across(l, ROW_SUB, meta->subtitle, l->sub);
  }
  check(l, worksheet_set_row(l->ws, l->head_row, 32, NULL));
  for (int c = 0; c < ncols; c++)
    check(l, worksheet_write_string(l->ws, l->head_row, (lxw_col_t)c, cols[c].header, l->head));
  return l->failed ? CB_EIO : 0;
}

int xlsx_list_group(XlsxList *l, const char *text) {
  if (!l || !l->ws) return CB_EIO;
  check(l, worksheet_write_string(l->ws, l->next, 0, text ? text : "", l->ncols > 1 ? l->group_first : l->group));
  for (int c = 1; c < l->ncols; c++)
    check(l, worksheet_write_blank(l->ws, l->next, (lxw_col_t)c, c + 1 == l->ncols ? l->group_last : l->group));
  l->next++;
  return l->failed ? CB_EIO : 0;
}

int xlsx_doc_issuer(Db *db, Arena *a, const char *path, const char *scope, Unit *out) {
  if (!path || path[0] != '/') return CB_ENOTFOUND;
  for (const char *p = path + 1, *slash; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
    char *prefix = arena_strndup(a, path, (size_t)(slash - path + 1));
    if (unit_path_in_scope(prefix, scope)) return unit_find_id(db, a, atoll(p), out);
  }
  return CB_ENOTFOUND;
}

int xlsx_doc_block(Db *db, Arena *a, const Unit *u, const char *date, XlsxDocBlock *out) {
  memset(out, 0, sizeof *out);
  DocSettings s;
  int rc = doc_settings_get(db, a, u, "danh-sach", NULL, &s);
  if (rc) return rc;
  Date d = date_today();
  if (date && *date) date_parse(date, &d, DATE_FULL);
  const char *place = has(s.place) ? s.place : "…";
  out->state = s.layout && strcmp(s.layout, "state") == 0;
  out->body_parent = s.body_parent ? doc_upper(a, s.body_parent) : NULL;
  out->body_name = s.body_name ? doc_upper(a, s.body_name) : NULL;
  const char *sym = has(s.symbol) ? s.symbol : "";
  out->number = out->state ? arena_printf(a, "Số:     /DS%s%s", *sym ? "-" : "", sym)
                           : arena_printf(a, "Số     -DS%s%s", *sym ? "/" : "", sym);
  out->place_date = arena_printf(a, "%s, ngày %02d tháng %02d năm %d", place, d.d, d.m, d.y);
  out->authority = s.authority ? doc_upper(a, s.authority) : NULL;
  out->signer_post = s.signer_post ? doc_upper(a, s.signer_post) : NULL;
  out->signer_name = s.signer_name;
  out->recipients = s.recipients;
  return 0;
}

/* A number cell's value when the text is a plain decimal number. */
static int as_number(const char *s, double *v) {
  if (!s || !*s) return 0;
  char *end;
  errno = 0;
  *v = strtod(s, &end);
  return *end == 0 && errno == 0;
}

int xlsx_list_row(XlsxList *l, const char *const *cells) {
  if (!l || !l->ws) return CB_EIO;
  lxw_row_t row = l->next++;
  for (int c = 0; c < l->ncols; c++) {
    const char *s = cells[c];
    double v;
    XlsxColKind k = l->cols[c].kind;
    if (k == XL_NUMBER && as_number(s, &v)) check(l, worksheet_write_number(l->ws, row, (lxw_col_t)c, v, l->num));
    else if (s && *s) check(l, worksheet_write_string(l->ws, row, (lxw_col_t)c, s, k == XL_CENTER ? l->center : l->cell));
    else check(l, worksheet_write_blank(l->ws, row, (lxw_col_t)c, k == XL_CENTER ? l->center : l->cell));
  }
  l->rows++;
  return l->failed ? CB_EIO : 0;
}

long xlsx_list_rows(const XlsxList *l) { return l ? l->rows : 0; }

int xlsx_list_close(XlsxList *l) {
  if (!l) return 0;
  end_sheet(l);
  lxw_error e = workbook_close(l->wb);
  int failed = l->failed;
  free(l);
  return e == LXW_NO_ERROR && !failed ? 0 : CB_EIO;
}

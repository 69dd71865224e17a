/* The official-list xlsx layout (see xlsx_list.h), on libxlsxwriter. */
#include "domain/xlsx_list.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "core/err.h"

enum { ROW_ORG = 0, ROW_TITLE = 2, ROW_SUB = 3, ROW_HEAD = 5 };

struct XlsxList {
  lxw_workbook *wb;
  lxw_worksheet *ws;
  const XlsxCol *cols;
  int ncols;
  long rows;
  lxw_format *bold, *right_bold, *title, *sub, *head, *cell, *center, *num;
  int failed;
};

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
  check(l, worksheet_repeat_rows(ws, ROW_HEAD, ROW_HEAD));
  check(l, worksheet_set_footer(ws, "&CTrang &P/&N"));
  worksheet_freeze_panes(ws, ROW_HEAD + 1, 0);
}

/* A line centred across all columns: the text in the first cell, blanks with the same format after it. */
static void across(XlsxList *l, lxw_row_t row, const char *text, lxw_format *f) {
  check(l, worksheet_write_string(l->ws, row, 0, text, f));
  for (int c = 1; c < l->ncols; c++) check(l, worksheet_write_blank(l->ws, row, (lxw_col_t)c, f));
}

int xlsx_list_sheet(XlsxList *l, const char *name, const XlsxListMeta *meta, const XlsxCol *cols, int ncols) {
  if (!l || ncols <= 0) return CB_EINVAL;
  l->ws = workbook_add_worksheet(l->wb, name);
  if (!l->ws) return CB_EIO;
  l->cols = cols, l->ncols = ncols, l->rows = 0;
  for (int c = 0; c < ncols; c++)
    check(l, worksheet_set_column(l->ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width > 0 ? cols[c].width : 12, NULL));
  print_setup(l);
  if (meta && meta->org) check(l, worksheet_write_string(l->ws, ROW_ORG, 0, meta->org, l->bold));
  if (ncols > 1) check(l, worksheet_write_string(l->ws, ROW_ORG, (lxw_col_t)(ncols - 1), "ĐẢNG CỘNG SẢN VIỆT NAM", l->right_bold));
  if (meta && meta->title) across(l, ROW_TITLE, meta->title, l->title);
  if (meta && meta->subtitle) across(l, ROW_SUB, meta->subtitle, l->sub);
  check(l, worksheet_set_row(l->ws, ROW_HEAD, 32, NULL));
  for (int c = 0; c < ncols; c++) check(l, worksheet_write_string(l->ws, ROW_HEAD, (lxw_col_t)c, cols[c].header, l->head));
  return l->failed ? CB_EIO : 0;
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
  lxw_row_t row = (lxw_row_t)(ROW_HEAD + 1 + l->rows);
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
  lxw_error e = workbook_close(l->wb);
  int failed = l->failed;
  free(l);
  return e == LXW_NO_ERROR && !failed ? 0 : CB_EIO;
}

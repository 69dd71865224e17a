/*
** The annual report as an Excel workbook (see report_annual.h): a summary
** sheet laid out like the organization board's yearly summary, then one
** sheet per list (planning, training, rotations, appointments).
** Not for: computing the numbers (report_annual.c).
*/
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/report_annual.h"
#include "domain/training.h"

typedef struct {
  lxw_format *title, *sub, *head, *cell, *num, *group, *group_num, *wrap;
} Fmts;

static Fmts formats(lxw_workbook *wb) {
  Fmts f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title), format_set_font_size(f.title, 14), format_set_align(f.title, LXW_ALIGN_CENTER);
  f.sub = workbook_add_format(wb);
  format_set_italic(f.sub), format_set_align(f.sub, LXW_ALIGN_CENTER), format_set_text_wrap(f.sub);
  f.head = workbook_add_format(wb);
  format_set_bold(f.head), format_set_border(f.head, LXW_BORDER_THIN), format_set_bg_color(f.head, 0xDDE6F0);
  format_set_align(f.head, LXW_ALIGN_CENTER), format_set_text_wrap(f.head);
  f.cell = workbook_add_format(wb);
  format_set_border(f.cell, LXW_BORDER_THIN), format_set_text_wrap(f.cell);
  f.num = workbook_add_format(wb);
  format_set_border(f.num, LXW_BORDER_THIN), format_set_align(f.num, LXW_ALIGN_CENTER);
  f.group = workbook_add_format(wb);
  format_set_bold(f.group), format_set_border(f.group, LXW_BORDER_THIN);
  f.group_num = workbook_add_format(wb);
  format_set_bold(f.group_num), format_set_border(f.group_num, LXW_BORDER_THIN), format_set_align(f.group_num, LXW_ALIGN_CENTER);
  f.wrap = f.cell;
  return f;
}

static void a4(lxw_worksheet *ws, int landscape) {
  worksheet_set_paper(ws, 9); /* A4 */
  if (landscape) worksheet_set_landscape(ws);
  else worksheet_set_portrait(ws);
  worksheet_set_margins(ws, 0.6, 0.5, 0.7, 0.7);
  worksheet_fit_to_pages(ws, 1, 0);
}

static void row3(lxw_worksheet *ws, int row, const char *no, const char *label, long n, lxw_format *t, lxw_format *num) {
  worksheet_write_string(ws, (lxw_row_t)row, 0, no, num);
  worksheet_write_string(ws, (lxw_row_t)row, 1, label, t);
  if (n >= 0) worksheet_write_number(ws, (lxw_row_t)row, 2, (double)n, num);
  else worksheet_write_blank(ws, (lxw_row_t)row, 2, num);
}

/* The trainings of the programs the summary lists (r->training_total also counts any other program). */
static long listed_programs_total(const AnnualReport *r) {
  long t = 0;
  for (int i = 0; i < REPORT_N_PROGRAMS; i++) t += r->training[i];
  return t;
}

static void summary(lxw_workbook *wb, const AnnualReport *r, const Fmts *f) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Tổng hợp");
  char buf[160];
  snprintf(buf, sizeof buf, "BÁO CÁO KẾT QUẢ CÔNG TÁC CÁN BỘ NĂM %d", r->year);
  worksheet_merge_range(ws, 0, 0, 0, 2, buf, f->title);
  worksheet_merge_range(ws, 1, 0, 1, 2, r->unit_name, f->sub);
  snprintf(buf, sizeof buf, "(Đơn vị và các đơn vị trực thuộc; các việc có ngày trong năm %d. Mã đơn vị: %s)",
           r->year, r->unit_code);
  worksheet_merge_range(ws, 2, 0, 2, 2, buf, f->sub);
  worksheet_set_row(ws, 2, 30, NULL);
  worksheet_set_column(ws, 0, 0, 7, NULL);
  worksheet_set_column(ws, 1, 1, 62, NULL);
  worksheet_set_column(ws, 2, 2, 14, NULL);
  int row = 4;
  worksheet_write_string(ws, (lxw_row_t)row, 0, "STT", f->head);
  worksheet_write_string(ws, (lxw_row_t)row, 1, "Nội dung", f->head);
  worksheet_write_string(ws, (lxw_row_t)row++, 2, "Số lượng", f->head);
  row3(ws, row++, "I", "Công tác quy hoạch cán bộ (số đồng chí)", -1, f->group, f->group_num);
  row3(ws, row++, "1", report_section_label(RS_COMMITTEE_ADDED), r->committee_added, f->cell, f->num);
  row3(ws, row++, "2", report_section_label(RS_COMMITTEE_REMOVED), r->committee_removed, f->cell, f->num);
  row3(ws, row++, "3", report_section_label(RS_KEY_ADDED), r->key_added, f->cell, f->num);
  row3(ws, row++, "4", report_section_label(RS_KEY_REMOVED), r->key_removed, f->cell, f->num);
  row3(ws, row++, "II", "Công tác đào tạo, bồi dưỡng (số lượt cử đi học)", listed_programs_total(r), f->group, f->group_num);
  for (int i = 0; i < REPORT_N_PROGRAMS; i++) {
    snprintf(buf, sizeof buf, "%d", i + 1);
    row3(ws, row++, buf, training_program_label(report_programs[i]), r->training[i], f->cell, f->num);
  }
  row3(ws, row++, "III", "Luân chuyển, điều động cán bộ (số đồng chí)", r->rotations, f->group, f->group_num);
  row3(ws, row++, "IV", "Bổ nhiệm, bổ nhiệm lại, đề bạt cán bộ (số đồng chí)", r->appointments, f->group, f->group_num);
  worksheet_repeat_rows(ws, 4, 4);
  a4(ws, 0);
}

static const char *vn(const char *iso, char *buf) { return iso ? date_iso_to_vn(iso, buf) : ""; }

static void put(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f) {
  if (s) worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f);
  else worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f);
}

/* A list sheet's header row and column widths; the rows follow from row 1. */
static lxw_worksheet *list_sheet_begin(lxw_workbook *wb, const Fmts *f, const char *name, const char *const *heads,
                                       const double *widths, int ncols) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, name);
  for (int c = 0; c < ncols; c++) {
    worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], f->head);
  }
  worksheet_freeze_panes(ws, 1, 0);
  return ws;
}

static void list_sheet_end(lxw_worksheet *ws) {
  a4(ws, 1);
  worksheet_repeat_rows(ws, 0, 0);
}

/* Row `row` (its number in column 0) of the sheet of sections from s0: item x. */
static void list_row(lxw_worksheet *ws, const Fmts *f, ReportSection s0, int row, const ReportItem *x) {
  char d[16];
  worksheet_write_number(ws, (lxw_row_t)row, 0, row, f->num);
  put(ws, row, 1, x->full_name, f->cell);
  put(ws, row, 2, x->cadre_code, f->cell);
  put(ws, row, 3, vn(x->date, d), f->num);
  if (s0 == RS_TRAINING) {
    put(ws, row, 4, training_program_label(x->kind), f->cell);
    put(ws, row, 5, x->title, f->cell);
    put(ws, row, 6, x->reason, f->cell);
    put(ws, row, 7, training_status_label(x->from_unit), f->cell);
    put(ws, row, 8, x->unit, f->cell);
  } else if (s0 == RS_ROTATION) {
    put(ws, row, 4, strcmp(x->kind, "rotation") == 0 ? "Luân chuyển" : "Điều động", f->cell);
    put(ws, row, 5, x->from_unit, f->cell);
    put(ws, row, 6, x->unit, f->cell);
    put(ws, row, 7, x->title, f->cell);
    put(ws, row, 8, x->decision_no, f->cell);
  } else if (s0 == RS_APPOINTMENT) {
    const char *k = strcmp(x->kind, "appointment") == 0 ? "Bổ nhiệm"
                    : strcmp(x->kind, "reappointment") == 0 ? "Bổ nhiệm lại" : "Đề bạt";
    put(ws, row, 4, k, f->cell);
    put(ws, row, 5, x->title, f->cell);
    put(ws, row, 6, x->unit, f->cell);
    put(ws, row, 7, x->decision_no, f->cell);
  } else {
    put(ws, row, 4, report_section_label(x->section), f->cell);
    put(ws, row, 5, x->title, f->cell);
    put(ws, row, 6, x->unit, f->cell);
    put(ws, row, 7, x->from_unit, f->cell);
    put(ws, row, 8, x->decision_no, f->cell);
    put(ws, row, 9, x->reason, f->cell);
  }
}

/* One list sheet: r's items of sections [s0, s1], with headers and widths. */
static void list_sheet(lxw_workbook *wb, const AnnualReport *r, const Fmts *f, const char *name, ReportSection s0,
                       ReportSection s1, const char *const *heads, const double *widths, int ncols) {
  lxw_worksheet *ws = list_sheet_begin(wb, f, name, heads, widths, ncols);
  int row = 1;
  for (int i = 0; i < r->n_items; i++)
    if (r->items[i].section >= s0 && r->items[i].section <= s1) list_row(ws, f, s0, row++, &r->items[i]);
  list_sheet_end(ws);
}

typedef struct {
  lxw_worksheet *ws;
  const Fmts *f;
  int row;
} TrainingRows;

static int training_row(const ReportItem *x, void *ctx) {
  TrainingRows *t = ctx;
  list_row(t->ws, t->f, RS_TRAINING, t->row++, x);
  return 0;
}

int report_annual_xlsx(Db *db, const AnnualReport *r, const char *path) {
  /* every sheet is written row after row: libxlsxwriter then keeps one row in memory, not the sheet, and the
     trainings come from their statement one row at a time (a province's year of trainings held 200 MB, issue 9) */
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
  lxw_workbook *wb = workbook_new_opt(path, &opt);
  if (!wb) return CB_EIO;
  Fmts f = formats(wb);
  summary(wb, r, &f);
  static const char *const PH[] = {"STT", "Họ và tên", "Mã", "Ngày", "Nội dung", "Chức danh quy hoạch", "Đơn vị",
                                   "Nhiệm kỳ", "Quyết định", "Lý do"};
  static const double PW[] = {6, 26, 10, 12, 34, 34, 28, 11, 14, 30};
  list_sheet(wb, r, &f, "Quy hoạch", RS_COMMITTEE_ADDED, RS_KEY_REMOVED, PH, PW, 10);
  static const char *const TH[] = {"STT", "Họ và tên", "Mã", "Ngày bắt đầu", "Chương trình", "Khóa học", "Cơ sở đào tạo",
                                   "Tình trạng", "Đơn vị"};
  static const double TW[] = {6, 26, 10, 12, 30, 36, 30, 14, 28};
  TrainingRows tr = {list_sheet_begin(wb, &f, "Đào tạo", TH, TW, 9), &f, 1};
  int rc = report_annual_trainings_each(db, r, training_row, &tr); /* row by row from the statement (issue 9) */
  list_sheet_end(tr.ws);
  static const char *const RH[] = {"STT", "Họ và tên", "Mã", "Ngày", "Hình thức", "Từ đơn vị", "Đến đơn vị",
                                   "Chức danh mới", "Quyết định"};
  static const double RW[] = {6, 26, 10, 12, 14, 30, 30, 30, 14};
  list_sheet(wb, r, &f, "Luân chuyển", RS_ROTATION, RS_ROTATION, RH, RW, 9);
  static const char *const AH[] = {"STT", "Họ và tên", "Mã", "Ngày quyết định", "Hình thức", "Chức danh", "Đơn vị",
                                   "Quyết định"};
  static const double AW[] = {6, 26, 10, 14, 14, 34, 30, 14};
  list_sheet(wb, r, &f, "Bổ nhiệm", RS_APPOINTMENT, RS_APPOINTMENT, AH, AW, 8);
  lxw_error closed = workbook_close(wb);
  return rc ? rc : closed == LXW_NO_ERROR ? 0 : CB_EIO;
}

/* ---- the people's CSV (issue 10): the counts with their Vietnamese labels ---- */

static void people_row(Buf *out, const char *what, const char *detail, long n) {
  char num[32];
  snprintf(num, sizeof num, "%ld", n);
  const char *cells[] = {what, detail, num};
  csv_buf_row_eol(out, cells, 3, "\r\n");
}

void report_annual_csv_people(const AnnualReport *r, Buf *out) {
  const char *head[] = {"Nội dung", "Chi tiết", "Số lượng"};
  csv_buf_row_eol(out, head, 3, "\r\n");
  people_row(out, report_section_label(RS_COMMITTEE_ADDED), "", r->committee_added);
  people_row(out, report_section_label(RS_COMMITTEE_REMOVED), "", r->committee_removed);
  people_row(out, report_section_label(RS_KEY_ADDED), "", r->key_added);
  people_row(out, report_section_label(RS_KEY_REMOVED), "", r->key_removed);
  for (int i = 0; i < REPORT_N_PROGRAMS; i++)
    people_row(out, report_section_label(RS_TRAINING), training_program_label(report_programs[i]), r->training[i]);
  people_row(out, report_section_label(RS_ROTATION), "", r->rotations);
  people_row(out, report_section_label(RS_APPOINTMENT), "", r->appointments);
}

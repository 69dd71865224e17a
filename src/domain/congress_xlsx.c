/*
** A congress plan variant as an official list in xlsx (libxlsxwriter): the
** title block (unit, term, reckoning date, directive), the proposed members
** grouped by body, the structure summary and the CONG checks; frozen header
** row, A4 landscape, repeated header rows when printed.
** Written here because no shared official-list writer existed when this was
** built (see congress.h). Not for: the checks (congress_check.c).
*/
#include <limits.h>
#include <string.h>
#include <xlsxwriter.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/congress.h"

enum { NCOLS = 11 };
static const char *const HEADERS[NCOLS] = {"STT",       "Họ và tên",  "Ngày sinh",     "Nam/Nữ",
                                           "Tuổi",      "Quê quán",   "Chức vụ hiện tại", "Dự kiến",
                                           "Tái cử / lần đầu", "Tháng công tác còn lại", "Người địa phương"};
static const double WIDTHS[NCOLS] = {6, 26, 12, 8, 7, 22, 30, 16, 14, 12, 12};

typedef struct {
  lxw_format *title, *sub, *head, *cell, *num, *bold;
} Fmts;

static Fmts formats(lxw_workbook *wb) {
  Fmts f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title), format_set_font_size(f.title, 14), format_set_align(f.title, LXW_ALIGN_CENTER);
  f.sub = workbook_add_format(wb);
  format_set_italic(f.sub), format_set_align(f.sub, LXW_ALIGN_CENTER);
  f.head = workbook_add_format(wb);
  format_set_bold(f.head), format_set_border(f.head, LXW_BORDER_THIN), format_set_bg_color(f.head, 0xDDE6F0);
  format_set_align(f.head, LXW_ALIGN_CENTER), format_set_align(f.head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f.head);
  f.cell = workbook_add_format(wb);
  format_set_border(f.cell, LXW_BORDER_THIN), format_set_text_wrap(f.cell);
  f.num = workbook_add_format(wb);
  format_set_border(f.num, LXW_BORDER_THIN), format_set_align(f.num, LXW_ALIGN_CENTER);
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);
  return f;
}

static void member_row(lxw_worksheet *ws, const Fmts *f, int row, int stt, const CongressMember *m) {
  char buf[16];
  lxw_row_t r = (lxw_row_t)row;
  worksheet_write_number(ws, r, 0, stt, f->num);
  worksheet_write_string(ws, r, 1, m->full_name, f->cell);
  worksheet_write_string(ws, r, 2, date_iso_to_vn(m->birth_date, buf), f->num);
  worksheet_write_string(ws, r, 3, m->gender && strcmp(m->gender, "F") == 0 ? "Nữ" : "Nam", f->num);
  if (m->age >= 0) worksheet_write_number(ws, r, 4, m->age, f->num);
  else worksheet_write_blank(ws, r, 4, f->num);
  worksheet_write_string(ws, r, 5, m->hometown ? m->hometown : "", f->cell);
  worksheet_write_string(ws, r, 6, m->current_title ? m->current_title : "", f->cell);
  worksheet_write_string(ws, r, 7, congress_body_label(m->body), f->cell);
  worksheet_write_string(ws, r, 8, m->reelected ? "Tái cử" : "Lần đầu", f->num);
  if (m->months_left != INT_MIN) worksheet_write_number(ws, r, 9, m->months_left, f->num);
  else worksheet_write_blank(ws, r, 9, f->num);
  worksheet_write_string(ws, r, 10, m->local > 0 ? "Có" : m->local == 0 ? "Không" : "Chưa rõ", f->num);
}

int congress_export_xlsx(const CongressPlan *p, const CongressVariant *v, const char *path) {
  lxw_workbook *wb = workbook_new(path);
  if (!wb) return CB_EIO;
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Phương án nhân sự");
  Fmts f = formats(wb);
  char reck[16], today[16];
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
  worksheet_fit_to_pages(ws, 1, 0);
  for (int c = 0; c < NCOLS; c++) worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, WIDTHS[c], NULL);
  worksheet_merge_range(ws, 0, 0, 0, NCOLS - 1, p->unit_name ? p->unit_name : "", f.bold);
  worksheet_merge_range(ws, 1, 0, 1, NCOLS - 1, "DANH SÁCH NHÂN SỰ DỰ KIẾN CẤP ỦY", f.title);
  const char *dir = congress_directive(p->term);
  char line[512];
  snprintf(line, sizeof line, "Nhiệm kỳ %s — %s — tuổi tính tại ngày %s%s%s", p->term, v->name,
           date_iso_to_vn(p->reckoning_date, reck), *dir ? " — theo " : "", dir);
  worksheet_merge_range(ws, 2, 0, 2, NCOLS - 1, line, f.sub);
  snprintf(line, sizeof line, "Ngày lập: %s", date_vn(date_today(), today));
  worksheet_merge_range(ws, 3, 0, 3, NCOLS - 1, line, f.sub);
  const int head = 5;
  for (int c = 0; c < NCOLS; c++) worksheet_write_string(ws, head, (lxw_col_t)c, HEADERS[c], f.head);
  worksheet_set_row(ws, head, 32, NULL);
  worksheet_freeze_panes(ws, head + 1, 0);
  worksheet_repeat_rows(ws, head, head);
  int row = head + 1;
  for (int i = 0; i < v->n; i++) member_row(ws, &f, row++, i + 1, &v->m[i]);
  row++;
  const CongressCounts *k = &v->counts;
  snprintf(line, sizeof line,
           "Cơ cấu: %d ủy viên BCH, %d ủy viên BTV (%d phó bí thư, %d bí thư); nữ %d; dưới 40 tuổi %d; 40–50 tuổi %d; "
           "trên 50 tuổi %d; tái cử %d; lần đầu %d.",
           k->committee, k->standing, k->deputies, k->secretaries, k->women, k->under40, k->mid, k->over50,
           k->reelected, k->first_time);
  worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, NCOLS - 1, line, NULL);
  row += 2;
  worksheet_write_string(ws, (lxw_row_t)row, 0, "Kết quả kiểm tra", f.bold);
  worksheet_write_string(ws, (lxw_row_t)row, 2, result_label(v->verdict), f.bold);
  row++;
  worksheet_write_string(ws, (lxw_row_t)row, 0, "Quy định", f.head);
  worksheet_write_string(ws, (lxw_row_t)row, 1, "Kết quả", f.head);
  worksheet_merge_range(ws, (lxw_row_t)row, 2, (lxw_row_t)row, 7, "Nội dung", f.head);
  worksheet_merge_range(ws, (lxw_row_t)row, 8, (lxw_row_t)row, NCOLS - 1, "Căn cứ", f.head);
  row++;
  for (int i = 0; i < v->findings.n; i++, row++) {
    const Finding *fd = &v->findings.v[i];
    lxw_row_t r = (lxw_row_t)row;
    worksheet_write_string(ws, r, 0, fd->rule, f.cell);
    worksheet_write_string(ws, r, 1, result_label(fd->result), f.cell);
    worksheet_merge_range(ws, r, 2, r, 7, fd->message, f.cell);
    worksheet_merge_range(ws, r, 8, r, NCOLS - 1, fd->basis, f.cell);
    worksheet_set_row(ws, r, 45, NULL);
  }
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : CB_EIO;
}

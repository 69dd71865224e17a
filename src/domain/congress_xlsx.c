/*
** A congress plan variant as an official list in xlsx, in the shared
** official-list layout (domain/xlsx_list.h: title block, frozen bordered
** header, A4 landscape): sheet 1 the proposed members by body, sheet 2 the
** CONG checks with their basis. The structure summary is the subtitle.
** Not for: the checks (congress_check.c).
*/
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/congress.h"
#include "domain/xlsx_list.h"

static const XlsxCol MEMBER_COLS[] = {
    {"STT", 6, XL_NUMBER},          {"Họ và tên", 26, XL_TEXT},          {"Ngày sinh", 12, XL_CENTER},
    {"Nam/Nữ", 8, XL_CENTER},       {"Tuổi", 7, XL_NUMBER},              {"Quê quán", 22, XL_TEXT},
    {"Chức vụ hiện tại", 30, XL_TEXT}, {"Dự kiến", 16, XL_TEXT},         {"Tái cử / lần đầu", 14, XL_CENTER},
    {"Tháng công tác còn lại", 12, XL_NUMBER}, {"Người địa phương", 12, XL_CENTER},
};
enum { NMEMBER = sizeof MEMBER_COLS / sizeof MEMBER_COLS[0] };

static const XlsxCol CHECK_COLS[] = {
    {"Quy định", 10, XL_CENTER}, {"Kết quả", 14, XL_CENTER}, {"Nội dung", 80, XL_TEXT}, {"Căn cứ", 40, XL_TEXT}};

static int members(XlsxList *l, const CongressPlan *p, const CongressVariant *v) {
  const char *dir = congress_directive(p->term);
  char reck[16], sub[640];
  const CongressCounts *k = &v->counts;
  snprintf(sub, sizeof sub,
           "Nhiệm kỳ %s — %s — tuổi tính tại ngày %s%s%s. Cơ cấu: %d ủy viên BCH, %d ủy viên BTV (%d phó bí thư, %d "
           "bí thư); nữ %d; dưới 40 tuổi %d; 40–50 tuổi %d; trên 50 tuổi %d; dân tộc thiểu số %d; tái cử %d; lần đầu %d.",
           p->term, v->name, date_iso_to_vn(p->reckoning_date, reck), *dir ? " — theo " : "", dir, k->committee,
           k->standing, k->deputies, k->secretaries, k->women, k->under40, k->mid, k->over50, k->minority, k->reelected,
           k->first_time);
  XlsxListMeta meta = {p->unit_name, "DANH SÁCH NHÂN SỰ DỰ KIẾN CẤP ỦY", sub};
  int rc = xlsx_list_sheet(l, "Phương án nhân sự", &meta, MEMBER_COLS, NMEMBER);
  for (int i = 0, shown = 0; i < v->n && !rc; i++) {
    const CongressMember *m = &v->m[i];
    if (m->outside) continue; /* issue 12: outside the reader's scope */
    char stt[16], birth[16], age[16], left[16];
    snprintf(stt, sizeof stt, "%d", ++shown);
    snprintf(age, sizeof age, "%d", m->age);
    snprintf(left, sizeof left, "%d", m->months_left);
    const char *cells[NMEMBER] = {stt,
                                  m->full_name,
                                  date_iso_to_vn(m->birth_date, birth),
                                  m->gender && strcmp(m->gender, "F") == 0 ? "Nữ" : "Nam",
                                  m->age >= 0 ? age : NULL,
                                  m->hometown,
                                  m->current_title,
                                  congress_body_label(m->body),
                                  m->reelected ? "Tái cử" : "Lần đầu",
                                  m->months_left != INT_MIN ? left : NULL,
                                  m->local > 0 ? "Có" : m->local == 0 ? "Không" : "Chưa rõ"};
    rc = xlsx_list_row(l, cells);
  }
  return rc;
}

static int checks(XlsxList *l, const CongressPlan *p, const CongressVariant *v) {
  char sub[256];
  snprintf(sub, sizeof sub, "%s — nhiệm kỳ %s — %s: %s", p->unit_name ? p->unit_name : "", p->term, v->name,
           result_label(v->verdict));
  XlsxListMeta meta = {p->unit_name, "KẾT QUẢ KIỂM TRA CƠ CẤU, TIÊU CHUẨN CẤP ỦY", sub};
  int rc = xlsx_list_sheet(l, "Kiểm tra", &meta, CHECK_COLS, 4);
  for (int i = 0; i < v->findings.n && !rc; i++) {
    const Finding *f = &v->findings.v[i];
    const char *cells[4] = {f->rule, result_label(f->result), f->message, f->basis};
    rc = xlsx_list_row(l, cells);
  }
  return rc;
}

int congress_export_xlsx(const CongressPlan *p, const CongressVariant *v, const char *path) {
  return congress_export_xlsx_doc(p, v, NULL, path);
}

int congress_export_xlsx_doc(const CongressPlan *p, const CongressVariant *v, const XlsxDocBlock *doc, const char *path) {
  XlsxList *l;
  if (xlsx_list_open(path, &l) != 0) return CB_EIO;
  xlsx_list_doc(l, doc); /* issue 10: the documents' header and signature block (NULL: none) */
  int rc = members(l, p, v);
  if (!rc) rc = checks(l, p, v);
  int rc2 = xlsx_list_close(l);
  return rc ? rc : rc2;
}

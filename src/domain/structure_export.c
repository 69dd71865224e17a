/* CSV, JSON and xlsx files of the structure report and the retirement list (see structure_export.h). */
#include "domain/structure_export.h"
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "core/audit.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/xlsx_list.h"

static double pct(long long part, long long whole) {
  return whole > 0 ? (double)((part * 1000 + whole / 2) / whole) / 10.0 : 0;
}

static void csv_row(FILE *f, const char *const *cells, int n) { csv_write_row(f, cells, n, "\n"); }

int structure_write_csv_people(const Structure *s, FILE *f) {
  const char *head[] = {"Tiêu chí", "Nhóm", "Số người", "Trong đó nữ", "Tỷ lệ (%)"};
  csv_write_row(f, head, 5, "\r\n");
  char n[32], w[32], p[32];
  for (int d = 0; d < DIM_COUNT; d++)
    for (int k = 0; k < s->dim[d].n; k++) {
      const Bucket *b = &s->dim[d].v[k];
      snprintf(n, sizeof n, "%lld", b->n);
      snprintf(w, sizeof w, "%lld", b->women);
      snprintf(p, sizeof p, "%.1f", pct(b->n, s->total));
      const char *row[] = {s->dim[d].label, b->label, n, w, p};
      csv_write_row(f, row, 5, "\r\n");
    }
  for (int i = 0; i < s->ntiles; i++) {
    const UnitTile *t = &s->tiles[i];
    snprintf(n, sizeof n, "%lld", t->total);
    snprintf(w, sizeof w, "%lld", t->women);
    snprintf(p, sizeof p, "%.1f", pct(t->total, s->total));
    const char *row[] = {"Đơn vị", t->unit.name, n, w, p};
    csv_write_row(f, row, 5, "\r\n");
  }
  return ferror(f) ? CB_EIO : 0;
}

int structure_write_csv(const Structure *s, FILE *f) {
  const char *head[] = {"dimension", "dimension_label", "key", "label", "count", "women", "percent"};
  csv_row(f, head, 7);
  char n[32], w[32], p[32];
  for (int d = 0; d < DIM_COUNT; d++)
    for (int k = 0; k < s->dim[d].n; k++) {
      const Bucket *b = &s->dim[d].v[k];
      snprintf(n, sizeof n, "%lld", b->n);
      snprintf(w, sizeof w, "%lld", b->women);
      snprintf(p, sizeof p, "%.1f", pct(b->n, s->total));
      const char *row[] = {s->dim[d].key, s->dim[d].label, b->key, b->label, n, w, p};
      csv_row(f, row, 7);
    }
  for (int i = 0; i < s->ntiles; i++) {
    const UnitTile *t = &s->tiles[i];
    snprintf(n, sizeof n, "%lld", t->total);
    snprintf(w, sizeof w, "%lld", t->women);
    snprintf(p, sizeof p, "%.1f", pct(t->total, s->total));
    const char *row[] = {"unit", "Đơn vị", t->unit.code, t->unit.name, n, w, p};
    csv_row(f, row, 7);
  }
  return ferror(f) ? CB_EIO : 0;
}

/* "Đơn vị: NAME; tính đến ngày dd/mm/yyyy" into buf. */
static const char *subtitle(char *buf, size_t cap, const Unit *u, const char *date, const char *extra) {
  char vn[16];
  date_iso_to_vn(date, vn);
  snprintf(buf, cap, "Đơn vị: %s — tính đến ngày %s%s", u->code ? u->name : "toàn bộ phạm vi", vn, extra ? extra : "");
  return buf;
}

int structure_write_xlsx(const Structure *s, const char *path) { return structure_write_xlsx_doc(s, NULL, path); }

int structure_write_xlsx_doc(const Structure *s, const XlsxDocBlock *doc, const char *path) {
  static const XlsxCol cols[] = {{"STT", 6, XL_CENTER},       {"Chỉ tiêu", 30, XL_TEXT},
                                 {"Nhóm", 30, XL_TEXT},       {"Số lượng", 12, XL_NUMBER},
                                 {"Tỷ lệ (%)", 12, XL_NUMBER}, {"Trong đó nữ", 12, XL_NUMBER}};
  static const XlsxCol ucols[] = {{"STT", 6, XL_CENTER},      {"Mã đơn vị", 14, XL_CENTER}, {"Tên đơn vị", 44, XL_TEXT},
                                  {"Cấp", 14, XL_CENTER},     {"Số cán bộ", 12, XL_NUMBER}, {"Nữ", 10, XL_NUMBER},
                                  {"Tỷ lệ nữ (%)", 12, XL_NUMBER}, {"Cán bộ trẻ", 12, XL_NUMBER}};
  XlsxList *l;
  if (xlsx_list_open(path, &l)) return CB_EIO;
  xlsx_list_doc(l, doc); /* issue 10 */
  char sub[512], stt[32], n[32], p[32], w[32], t[32];
  snprintf(t, sizeof t, "%lld", s->total);
  XlsxListMeta meta = {s->unit.code ? s->unit.name : NULL, "BÁO CÁO CƠ CẤU ĐỘI NGŨ CÁN BỘ",
                       subtitle(sub, sizeof sub, &s->unit, s->date, NULL)};
  int rc = xlsx_list_sheet(l, "Cơ cấu", &meta, cols, 6);
  long k = 0;
  const char *total_row[] = {"", "Tổng số cán bộ", "", t, "100", NULL};
  char tw[32];
  snprintf(tw, sizeof tw, "%lld", s->women);
  total_row[5] = tw;
  if (!rc) rc = xlsx_list_row(l, total_row);
  for (int d = 0; !rc && d < DIM_COUNT; d++)
    for (int i = 0; !rc && i < s->dim[d].n; i++) {
      const Bucket *b = &s->dim[d].v[i];
      snprintf(stt, sizeof stt, "%ld", ++k);
      snprintf(n, sizeof n, "%lld", b->n);
      snprintf(p, sizeof p, "%.1f", pct(b->n, s->total));
      snprintf(w, sizeof w, "%lld", b->women);
      const char *row[] = {stt, i == 0 ? s->dim[d].label : "", b->label, n, p, w};
      rc = xlsx_list_row(l, row);
    }
  meta.title = "SỐ LƯỢNG CÁN BỘ THEO ĐƠN VỊ";
  if (!rc) rc = xlsx_list_sheet(l, "Đơn vị", &meta, ucols, 8);
  for (int i = 0; !rc && i < s->ntiles; i++) {
    const UnitTile *u = &s->tiles[i];
    char y[32];
    snprintf(stt, sizeof stt, "%d", i + 1);
    snprintf(n, sizeof n, "%lld", u->total);
    snprintf(w, sizeof w, "%lld", u->women);
    snprintf(p, sizeof p, "%.1f", pct(u->women, u->total));
    snprintf(y, sizeof y, "%lld", u->young);
    const char *row[] = {stt, u->unit.code, u->unit.name, unit_level_label(u->unit.level), n, w, p, y};
    rc = xlsx_list_row(l, row);
  }
  int rc2 = xlsx_list_close(l);
  return rc ? rc : rc2;
}

json_t *retirements_json(const Unit *root, const char *date, int months, const RetireRow *v, int n) {
  json_t *items = json_array();
  for (int i = 0; i < n; i++) {
    const RetireRow *r = &v[i];
    json_array_append_new(
        items, json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:{s:i, s:i}, s:s, s:s}", "code",
                         r->code, "full_name", r->full_name, "gender", r->gender, "birth_date", r->birth_date,
                         "ethnicity", r->ethnicity, "title", r->title, "unit_name", r->unit_name, "degree", r->degree,
                         "llct_level", r->llct_level, "qlnn_level", r->qlnn_level, "retirement_age", "years",
                         r->age_years, "months", r->age_months, "retirement_date", r->retirement_date,
                         "pension_from", r->pension_from));
  }
  json_t *unit = root && root->code ? json_pack("{s:s, s:s}", "code", root->code, "name", root->name) : json_null();
  return json_pack("{s:o, s:s, s:i, s:i, s:o}", "unit", unit, "date", date, "months", months, "total", n, "items",
                   items);
}

int retirements_write_csv(const RetireRow *v, int n, FILE *f) {
  const char *head[] = {"code", "full_name", "gender", "birth_date", "ethnicity", "title", "unit_name", "degree",
                        "llct_level", "qlnn_level", "retirement_age", "retirement_date", "pension_from"};
  csv_row(f, head, 13);
  for (int i = 0; i < n; i++) {
    const RetireRow *r = &v[i];
    char age[32];
    snprintf(age, sizeof age, "%dy%dm", r->age_years, r->age_months);
    const char *row[] = {r->code,   r->full_name,  r->gender,     r->birth_date, r->ethnicity,       r->title,
                         r->unit_name, r->degree, r->llct_level, r->qlnn_level, age, r->retirement_date,
                         r->pension_from};
    csv_row(f, row, 13);
  }
  return ferror(f) ? CB_EIO : 0;
}

int retirements_write_xlsx(const Unit *root, const char *date, int months, const RetireRow *v, int n,
                           const char *path) {
  static const XlsxCol cols[] = {
      {"STT", 6, XL_CENTER},           {"Họ và tên", 24, XL_TEXT},        {"Ngày sinh", 12, XL_CENTER},
      {"Nam/Nữ", 8, XL_CENTER},        {"Dân tộc", 10, XL_CENTER},        {"Chức vụ hiện tại", 28, XL_TEXT},
      {"Đơn vị", 24, XL_TEXT},         {"Trình độ chuyên môn", 18, XL_TEXT}, {"LLCT", 12, XL_CENTER},
      {"QLNN", 16, XL_CENTER},         {"Tuổi nghỉ hưu", 12, XL_CENTER},  {"Thời điểm nghỉ hưu", 14, XL_CENTER},
      {"Hưởng lương hưu từ", 14, XL_CENTER}};
  XlsxList *l;
  if (xlsx_list_open(path, &l)) return CB_EIO;
  char sub[512], extra[96];
  snprintf(extra, sizeof extra, "; nghỉ hưu trong %d tháng", months);
  XlsxListMeta meta = {root && root->code ? root->name : NULL, "DANH SÁCH CÁN BỘ ĐẾN TUỔI NGHỈ HƯU",
                       subtitle(sub, sizeof sub, root, date, extra)};
  int rc = xlsx_list_sheet(l, "Nghỉ hưu", &meta, cols, 13);
  for (int i = 0; !rc && i < n; i++) {
    const RetireRow *r = &v[i];
    char stt[32], birth[16], age[32], rd[16], pf[16], deg[96];
    snprintf(stt, sizeof stt, "%d", i + 1);
    date_iso_to_vn(r->birth_date, birth);
    snprintf(age, sizeof age, "%d năm %d tháng", r->age_years, r->age_months);
    date_iso_to_vn(r->retirement_date, rd);
    date_iso_to_vn(r->pension_from, pf);
    const char *dl = cadre_degree_label(r->degree);
    if (r->major && *r->major) snprintf(deg, sizeof deg, "%s %s", dl, r->major);
    else snprintf(deg, sizeof deg, "%s", dl);
    const char *row[] = {stt, r->full_name, birth, strcmp(r->gender, "F") == 0 ? "Nữ" : "Nam", r->ethnicity,
                         r->title, r->unit_name, deg, cadre_llct_label(r->llct_level),
                         cadre_qlnn_label(r->qlnn_level), age, rd, pf};
    rc = xlsx_list_row(l, row);
  }
  int rc2 = xlsx_list_close(l);
  return rc ? rc : rc2;
}

int structure_export_audit(Db *db, const char *actor, const char *what, const char *unit, const char *date,
                           const char *format) {
  json_t *j = json_pack("{s:s, s:s?, s:s, s:s}", "report", what, "unit", unit, "date", date, "format", format);
  char *after = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  char key[160];
  snprintf(key, sizeof key, "%s/%s/%s", what, unit && *unit ? unit : "*", date);
  int rc = after ? audit_log(db, actor ? actor : "unknown", "export", "report", key, NULL, after) : CB_EDB;
  free(after);
  json_decref(j);
  return rc;
}

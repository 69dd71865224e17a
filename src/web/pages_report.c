/*
** The annual report page (GET /bao-cao/nam?unit=&year=, and .xlsx /
** ?format=xlsx|csv for the downloads): reads like the board's yearly
** summary -- Vietnamese sentences with the numbers -- then the table of
** numbers and one section per category listing the records behind them
** (names link to the profiles). A unit and year picker on top.
**
** Not for: counting (domain/report_annual.c).
*/
#include <stdio.h>
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/report_annual.h"
#include "domain/training.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

/* Who acted, as the report's sentences say it. */
static const char *actor_of(Req *r, const Unit *u) {
  if (strcmp(u->level, "commune") == 0) {
    const char *n = u->name;
    if (strncmp(n, "Xã ", 4) == 0) return arena_printf(r->a, "Ban Thường vụ Đảng ủy xã %s", n + 4);
    if (strncmp(n, "Phường ", 8) == 0) return arena_printf(r->a, "Ban Thường vụ Đảng ủy phường %s", n + 8);
    return arena_printf(r->a, "Ban Thường vụ Đảng ủy %s", n);
  }
  if (u->parent_id == 0) return "Ban Thường vụ Thành ủy";
  return u->name;
}

static const char *const PROGRAM_PHRASE[REPORT_N_PROGRAMS] = {
    "đi học cao cấp lý luận chính trị",
    "học trung cấp lý luận chính trị",
    "học sơ cấp lý luận chính trị",
    "bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên cao cấp",
    "bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên chính",
    "bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên",
    "bồi dưỡng kỹ năng lãnh đạo, quản lý",
    "đăng ký đào tạo ở nước ngoài theo Đề án 165",
    "đào tạo chuyên môn (văn bằng)",
    "tham gia các lớp bồi dưỡng khác",
};

/* The summary paragraph, as plain text (escaped when written). */
static void sentences(Req *r, const AnnualReport *rep, const char *actor) {
  Buf t = BUF_INIT;
  buf_printf(&t, "Năm %d, %s đã đưa ra khỏi quy hoạch %s đồng chí và bổ sung %s đồng chí vào nguồn quy hoạch "
                 "Ban Chấp hành; đưa ra khỏi quy hoạch %s đồng chí và bổ sung %s đồng chí vào quy hoạch các chức danh "
                 "chủ chốt.",
             rep->year, actor, fmt_count(r, rep->committee_removed), fmt_count(r, rep->committee_added),
             fmt_count(r, rep->key_removed), fmt_count(r, rep->key_added));
  html_lit(&r->out, "<div class=\"card report-summary\" id=\"report-summary\"><p>");
  html_text(&r->out, t.p);
  buf_reset(&t);
  int any = 0;
  for (int i = 0; i < REPORT_N_PROGRAMS; i++) {
    if (!rep->training[i]) continue;
    buf_printf(&t, "%s%s đồng chí %s", any ? ", " : "Cử ", fmt_count(r, rep->training[i]), PROGRAM_PHRASE[i]);
    any = 1;
  }
  buf_puts(&t, any ? "." : "Không cử cán bộ đi đào tạo, bồi dưỡng trong năm.");
  html_lit(&r->out, "</p><p>");
  html_text(&r->out, t.p);
  buf_reset(&t);
  buf_printf(&t, "Luân chuyển, điều động %s đồng chí; bổ nhiệm, bổ nhiệm lại, đề bạt %s đồng chí.",
             fmt_count(r, rep->rotations), fmt_count(r, rep->appointments));
  html_lit(&r->out, "</p><p>");
  html_text(&r->out, t.p);
  html_lit(&r->out, "</p></div>");
  buf_free(&t);
}

static void picker(Req *r, const AnnualReport *rep, const Unit *units, int nu) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/bao-cao/nam\" class=\"search card\" id=\"report-form\">");
  widget_unit_select(r, &(Field){.name = "unit", .label = "Đơn vị", .value = rep->unit_code, .required = true}, units, nu);
  widget_text(r, &(Field){.name = "year", .label = "Năm", .value = arena_printf(r->a, "%d", rep->year), .maxlen = 4});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem báo cáo</button></form>");
  html_printf(b, "<div class=\"toolbar\"><p class=\"count-line\">Số liệu của %s và các đơn vị trực thuộc.</p>"
                 "<div class=\"exports\"><a class=\"btn btn-ghost\" id=\"export-xlsx\" href=\"%s\">Xuất Excel</a>"
                 "<a class=\"btn btn-ghost\" id=\"export-csv\" href=\"%s\">Xuất CSV</a>",
              rep->unit_name, html_url(r->a, "/bao-cao/nam.xlsx?unit=%U&year=%d", rep->unit_code, rep->year),
              html_url(r->a, "/bao-cao/nam?unit=%U&year=%d&format=csv", rep->unit_code, rep->year));
  doc_button(r, "Báo cáo (văn bản)", "bao-cao",
             (const char *const[]){"unit", rep->unit_code, "year", arena_printf(r->a, "%d", rep->year), NULL});
  html_lit(b, "</div></div>");
}

static void number_row(Req *r, const char *label, long n, const char *anchor) {
  if (anchor && n > 0)
    html_printf(&r->out, "<tr><td><a href=\"#%s\">%s</a></td><td class=\"num\">%s</td></tr>", anchor, label,
                fmt_count(r, n));
  else
    html_printf(&r->out, "<tr><td>%s</td><td class=\"num\">%s</td></tr>", label, fmt_count(r, n));
}

static void numbers(Req *r, const AnnualReport *rep) {
  html_lit(&r->out, "<div class=\"table-wrap\"><table class=\"list report-numbers\" id=\"report-numbers\">"
                    "<caption>Số liệu tổng hợp</caption><thead><tr><th scope=\"col\">Nội dung</th>"
                    "<th scope=\"col\" class=\"num\">Số lượng</th></tr></thead><tbody>");
  number_row(r, report_section_label(RS_COMMITTEE_ADDED), rep->committee_added, "s0");
  number_row(r, report_section_label(RS_COMMITTEE_REMOVED), rep->committee_removed, "s1");
  number_row(r, report_section_label(RS_KEY_ADDED), rep->key_added, "s2");
  number_row(r, report_section_label(RS_KEY_REMOVED), rep->key_removed, "s3");
  for (int i = 0; i < REPORT_N_PROGRAMS; i++)
    number_row(r, training_program_label(report_programs[i]), rep->training[i], rep->training[i] ? "s4" : NULL);
  number_row(r, report_section_label(RS_ROTATION), rep->rotations, "s5");
  number_row(r, report_section_label(RS_APPOINTMENT), rep->appointments, "s6");
  html_lit(&r->out, "</tbody></table></div>");
}

static const char *kind_label(const ReportItem *x) {
  switch (x->section) {
  case RS_TRAINING: return training_program_label(x->kind);
  case RS_ROTATION: return strcmp(x->kind, "rotation") == 0 ? "Luân chuyển" : "Điều động";
  case RS_APPOINTMENT:
    return strcmp(x->kind, "appointment") == 0 ? "Bổ nhiệm" : strcmp(x->kind, "reappointment") == 0 ? "Bổ nhiệm lại" : "Đề bạt";
  default: return x->section == RS_COMMITTEE_ADDED || x->section == RS_KEY_ADDED ? "Bổ sung" : "Đưa ra";
  }
}

static void section(Req *r, const AnnualReport *rep, ReportSection s) {
  Buf *b = &r->out;
  int n = 0;
  for (int i = 0; i < rep->n_items; i++) n += rep->items[i].section == s;
  html_printf(b, "<section class=\"card report-section\" id=\"s%d\"><h2 class=\"section-h\">%s (%s)</h2>", (int)s,
              report_section_label(s), fmt_count(r, n));
  if (n == 0) {
    html_lit(b, "<p class=\"muted\">Không có.</p></section>");
    return;
  }
  const char *c3 = s == RS_TRAINING ? "Khóa học" : s == RS_ROTATION ? "Chức danh mới" : "Chức danh";
  const char *c4 = s == RS_ROTATION ? "Từ → đến đơn vị" : "Đơn vị";
  html_printf(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\" class=\"num\">STT</th>"
                 "<th scope=\"col\">Họ và tên</th><th scope=\"col\">Ngày</th><th scope=\"col\">Hình thức</th>"
                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">Quyết định / ghi chú</th>"
                 "</tr></thead><tbody>",
              c3, c4);
  int k = 0;
  for (int i = 0; i < rep->n_items; i++) {
    const ReportItem *x = &rep->items[i];
    if (x->section != s) continue;
    html_printf(b, "<tr><td class=\"num\">%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td class=\"nowrap\">%s</td>"
                   "<td>%s</td><td>%s</td>",
                fmt_count(r, ++k), x->cadre_code, x->full_name, fmt_date(r, x->date), kind_label(x), or_dash(x->title));
    if (s == RS_ROTATION)
      html_printf(b, "<td>%s → %s</td>", or_dash(x->from_unit), or_dash(x->unit));
    else
      html_printf(b, "<td>%s</td>", or_dash(x->unit));
    const char *note = s == RS_TRAINING ? x->reason
                       : x->reason && x->decision_no ? arena_printf(r->a, "%s — %s", x->decision_no, x->reason)
                                                     : x->decision_no;
    html_printf(b, "<td>%s</td></tr>", or_dash(note));
  }
  html_lit(b, "</tbody></table></div></section>");
}

static int report_xlsx(const void *rep, const char *path) { return report_annual_xlsx(rep, path); }

static int report_csv(const void *rep, FILE *f) {
  Buf b = BUF_INIT;
  report_annual_csv(rep, &b);
  size_t n = b.len ? fwrite(b.p, 1, b.len, f) : 0;
  int rc = n == b.len ? 0 : CB_EIO;
  buf_free(&b);
  return rc;
}

static int report_audit(Req *r, const void *rep, const char *format) {
  return report_annual_audit(r->db, r->user ? r->user->username : "web", rep, format);
}

void page_report_annual(Req *r) {
  const char *scope = r->user ? r->user->scope : NULL, *unit = req_query(r, "unit"), *format = req_query(r, "format");
  if (strcmp(r->path, "/bao-cao/nam.xlsx") == 0) format = "xlsx";
  if (format && *format && strcmp(format, "xlsx") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "html") != 0) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn xlsx hoặc csv.");
    return;
  }
  if (!unit || !*unit) unit = report_default_unit(r);
  int year;
  if (!report_year_arg(r, &year)) return;
  AnnualReport rep;
  int rc = report_annual(r->db, r->a, unit, year, scope, true, &rep);
  Unit u, *units = NULL;
  int nu = 0;
  if (!rc) rc = unit_find(r->db, r->a, rep.unit_code, scope, &u);
  if (!rc) rc = unit_list(r->db, r->a, scope, &units, &nu);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (format && (strcmp(format, "xlsx") == 0 || strcmp(format, "csv") == 0)) {
    Download d = {format, arena_printf(r->a, "bao-cao-%s-%d.%s", rep.unit_code, rep.year, format), &rep, report_xlsx,
                  report_csv, report_audit};
    download_send(r, &d);
    return;
  }
  const char *title = arena_printf(r->a, "Báo cáo công tác cán bộ năm %d", year);
  page_begin(r, title, NAV_NONE);
  html_printf(&r->out, "<div class=\"page-head\"><h1>%s</h1><p class=\"muted\">%s</p></div>", title, rep.unit_name);
  picker(r, &rep, units, nu);
  sentences(r, &rep, actor_of(r, &u));
  numbers(r, &rep);
  for (int s = 0; s < RS_N; s++) section(r, &rep, (ReportSection)s);
  page_end(r);
}

/*
** "Cán bộ cần cử đi đào tạo năm tới" (GET /dao-tao/nhu-cau?unit=&date=, and
** &format=csv|xlsx): the planned cadres of a unit subtree whose
** qualifications fall short of the standards of the titles they are planned
** for, grouped by the course that closes the gap.
** Not for: the comparison (domain/standards.c, domain/training_needs.c).
*/
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/training.h"
#include "domain/training_needs.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

static void picker(Req *r, const char *unit, const char *date, const char *bad, const Unit *units, int nu) {
  html_lit(&r->out, "<form method=\"get\" action=\"/dao-tao/nhu-cau\" class=\"search card\" id=\"needs-form\">");
  widget_unit_select(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit, .required = true}, units, nu);
  widget_date(r, &(Field){.name = "date", .label = "Tính đến ngày", .value = bad ? req_query(r, "date") : date, .error = bad});
  html_lit(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
}

static void send_table(Req *r, const TrainingNeed *v, int n, const char *format) {
  static const char *H[] = {"Khóa học cần cử đi", "Mã", "Họ và tên", "Đơn vị", "Chức danh quy hoạch", "Chưa đạt chuẩn"};
  Table t;
  table_init(r, &t, H, 6);
  for (int i = 0; i < n; i++) {
    const char **row = arena_alloc(r->a, sizeof *row * 6);
    row[0] = training_program_label(v[i].program), row[1] = v[i].cadre_code, row[2] = v[i].full_name;
    row[3] = v[i].unit_name, row[4] = v[i].titles, row[5] = v[i].message;
    table_add(r, &t, row);
  }
  table_send(r, &t, format, "training_needs");
}

static void groups(Req *r, const TrainingNeed *v, int n) {
  Buf *b = &r->out;
  if (n == 0) {
    page_notice(r, "info", "Không có cán bộ trong quy hoạch nào còn thiếu tiêu chuẩn về đào tạo.");
    return;
  }
  for (int i = 0; i < n;) {
    int j = i;
    while (j < n && strcmp(v[j].program, v[i].program) == 0) j++;
    html_printf(b, "<section class=\"card\" id=\"need-%s\"><h2 class=\"section-h\">%s (%s đồng chí)</h2>", v[i].program,
                training_program_label(v[i].program), fmt_count(r, j - i));
    html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th scope=\"col\" class=\"num\">STT</th>"
                "<th scope=\"col\">Họ và tên</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Chức danh quy hoạch</th>"
                "<th scope=\"col\">Chưa đạt chuẩn</th></tr></thead><tbody>");
    for (int k = i; k < j; k++)
      html_printf(b, "<tr><td class=\"num\">%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>"
                     "<td>%s</td></tr>",
                  fmt_count(r, k - i + 1), v[k].cadre_code, v[k].full_name, or_dash(v[k].unit_name), v[k].titles, v[k].message);
    html_lit(b, "</tbody></table></div></section>");
    i = j;
  }
}

/* Those left out because they are registered for or studying the course already, and since when. */
static void enrolled_table(Req *r, const char *scope, const char *unit, const char *date) {
  TrainingNeed *v = NULL;
  int n = 0;
  if (training_needs_enrolled(r->db, r->a, scope_from_legacy(scope), unit, date, &v, &n) != 0 || n == 0) return;
  Buf *b = &r->out;
  html_printf(b, "<h2 class=\"section-h\" id=\"da-dang-ky\">Không đề xuất vì đã đăng ký hoặc đang học (%s)</h2>"
                 "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"enrolled\"><thead><tr><th scope=\"col\">Cán bộ</th>"
                 "<th scope=\"col\">Đơn vị</th><th scope=\"col\">Khóa học</th><th scope=\"col\">Tình trạng</th>"
                 "<th scope=\"col\">Chức danh quy hoạch</th></tr></thead><tbody>",
              fmt_count(r, n));
  for (int i = 0; i < n; i++)
    html_printf(b, "<tr><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                v[i].cadre_code, v[i].full_name, or_dash(v[i].unit_name), training_program_label(v[i].program),
                v[i].enrolled, v[i].titles);
  html_lit(b, "</tbody></table></div>");
}

void page_training_needs(Req *r) {
  const char *scope = scope_legacy(r->scope), *unit = req_query(r, "unit"), *bad = NULL;
  const char *format = req_query(r, "format"), *date = widget_date_arg(r, "date", page_today(r), &bad);
  if (format && *format && !table_format_ok(format)) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn csv hoặc xlsx.");
    return;
  }
  if (!unit || !*unit) unit = report_default_unit(r);
  TrainingNeed *v = NULL;
  int n = 0;
  int rc = unit ? training_needs(r->db, r->a, scope_from_legacy(scope), unit, date, &v, &n) : CB_ENOTFOUND;
  Unit *units = NULL;
  int nu = 0;
  if (!rc) rc = unit_list(r->db, r->a, scope_from_legacy(scope), &units, &nu);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (format && *format && bad) {
    resp_error(r, 400, "bad_date", arena_printf(r->a, "Ngày không hợp lệ: %s.", bad));
    return;
  }
  if (format && *format) return send_table(r, v, n, format);
  page_begin(r, "Cán bộ cần cử đi đào tạo năm tới", NAV_NONE);
  if (bad) r->status = 400;
  html_lit(&r->out, "<div class=\"page-head\"><h1>Cán bộ cần cử đi đào tạo năm tới</h1>"
                    "<p class=\"muted\">Cán bộ trong quy hoạch chưa đạt tiêu chuẩn của chức danh được quy hoạch "
                    "(STD-1), xếp theo khóa học cần cử đi.</p></div>");
  picker(r, unit, date, bad, units, nu);
  html_printf(&r->out, "<div class=\"toolbar\"><p class=\"count-line\">%s lượt cần cử đi học</p><div class=\"exports\">"
                       "<a class=\"btn btn-ghost\" id=\"export-csv\" href=\"/dao-tao/nhu-cau?unit=%U&amp;date=%U&amp;format=csv\">"
                       "Xuất CSV</a><a class=\"btn btn-ghost\" id=\"export-xlsx\" "
                       "href=\"/dao-tao/nhu-cau?unit=%U&amp;date=%U&amp;format=xlsx\">Xuất Excel</a>"
                       "<a class=\"btn btn-ghost\" id=\"to-trainings\" href=\"/dao-tao\">Xem danh sách đã cử đi đào tạo "
                       "trong năm ›</a></div></div>",
              fmt_count(r, n), unit, date, unit, date);
  groups(r, v, n);
  enrolled_table(r, scope, unit, date);
  page_end(r);
}

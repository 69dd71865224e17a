/*
** /luan-chuyen: rotation and transfer records in scope (filter by unit and
** year, CSV export), the form recording one (its findings shown after the
** redirect), the heads who held one post too long (ROT-4) and the
** rotations ending in the next months. No SQL here (domain/rotation.h).
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/rotation.h"
#include "domain/title.h"
#include "web/pages.h"
#include "web/pages_appt.h"
#include "web/web.h"

static void rows_table(Req *r, const RotationRow *v, int n, const char *id, const char *caption) {
  Buf *b = &r->out;
  html_printf(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"%s\"><caption>%s</caption><thead><tr>"
                 "<th scope=\"col\">Ngày</th><th scope=\"col\">Cán bộ</th><th scope=\"col\">Hình thức</th>"
                 "<th scope=\"col\">Từ</th><th scope=\"col\">Đến</th><th scope=\"col\" class=\"num\">Số tháng</th>"
                 "<th scope=\"col\">Kết thúc dự kiến</th><th scope=\"col\">Điều kiện</th></tr></thead><tbody>",
              id, caption);
  for (int i = 0; i < n; i++) {
    const RotationRow *x = &v[i];
    html_printf(b, "<tr><td>%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s%s%s</td><td>%s%s%s</td>"
                   "<td class=\"num\">%s</td><td>%s</td><td>",
                fmt_date(r, x->date), x->cadre_code, x->cadre_name, rotation_kind_label(x->kind),
                or_dash(x->from_title_name), x->from_unit_name ? ", " : "", x->from_unit_name ? x->from_unit_name : "",
                or_dash(x->to_title_name), ", ", x->to_unit_name,
                x->planned_months ? arena_printf(r->a, "%d", x->planned_months) : "—", fmt_date(r, x->end_date));
    appt_badge(r, result_parse(x->verdict));
    html_lit(b, "</td></tr>");
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"8\" class=\"empty\">Không có.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

static void tenure_table(Req *r, const LongTenure *v, int n) {
  Buf *b = &r->out;
  html_lit(b, "<h2 class=\"section-h\">Người đứng đầu giữ một chức vụ ở một nơi quá hai nhiệm kỳ (ROT-4)</h2>"
              "<div class=\"table-wrap\"><table class=\"list\" id=\"long-tenure\"><thead><tr><th scope=\"col\">Cán bộ</th>"
              "<th scope=\"col\">Chức vụ</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Từ</th>"
              "<th scope=\"col\" class=\"num\">Số tháng</th><th scope=\"col\">Giải thích</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++)
    html_printf(b, "<tr><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%d</td>"
                   "<td>%s</td></tr>",
                v[i].cadre_code, v[i].cadre_name, v[i].title_name, v[i].unit_name, fmt_date(r, v[i].since), v[i].months,
                v[i].message);
  if (n == 0) html_lit(b, "<tr><td colspan=\"6\" class=\"empty\">Không có.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

static void rotation_form(Req *r) {
  Buf *b = &r->out;
  static const char *const K[] = {"rotation", "transfer", "secondment", "reinforcement"};
  html_lit(b, "<details class=\"card\" id=\"rotation-details\"><summary>Ghi luân chuyển, điều động</summary>"
              "<form method=\"post\" action=\"/luan-chuyen\" class=\"stack\" id=\"rotation-form\">");
  page_csrf_field(r);
  html_lit(b, "<div class=\"field\"><label for=\"r-cadre\">Mã cán bộ</label><input id=\"r-cadre\" name=\"cadre\" required>"
              "</div><div class=\"field\"><label for=\"r-kind\">Hình thức</label><select id=\"r-kind\" name=\"kind\">");
  for (int i = 0; i < 4; i++) html_printf(b, "<option value=\"%s\">%s</option>", K[i], rotation_kind_label(K[i]));
  html_lit(b, "</select></div>");
  appt_unit_select(r, "from_unit", "Đơn vị đi", NULL, "—");
  appt_unit_select(r, "to_unit", "Đơn vị đến", NULL, NULL);
  Title *t;
  int n = 0;
  if (title_list(r->db, r->a, &t, &n) != 0) n = 0;
  html_lit(b, "<div class=\"field\"><label for=\"to_title\">Chức danh nơi đến</label><select id=\"to_title\" "
              "name=\"to_title\"><option value=\"\">—</option>");
  for (int i = 0; i < n; i++) html_printf(b, "<option value=\"%s\">%s (%s)</option>", t[i].code, t[i].name, t[i].code);
  html_lit(b, "</select></div><div class=\"field\"><label for=\"r-date\">Ngày quyết định</label><input id=\"r-date\" "
              "name=\"date\" type=\"date\" required></div><div class=\"field\"><label for=\"r-no\">Số quyết định</label>"
              "<input id=\"r-no\" name=\"decision_no\"></div><div class=\"field\"><label for=\"r-months\">Thời gian dự "
              "kiến (tháng)</label><input id=\"r-months\" name=\"planned_months\" type=\"number\" min=\"1\" max=\"240\">"
              "</div><button type=\"submit\" class=\"btn btn-primary\">Ghi</button></form></details>");
}

void page_rotations(Req *r) {
  const char *scope = r->user ? r->user->scope : NULL, *unit = req_query(r, "unit");
  int year = (int)req_query_long(r, "year", 0, 0, 3000), months = (int)req_query_long(r, "months", 6, 1, 120);
  char today[16];
  date_iso(date_today(), today);
  RotationRow *v, *e;
  LongTenure *lt;
  int n, ne, nlt;
  int rc = rotation_list(r->db, r->a, unit, year, scope, &v, &n);
  if (!rc) rc = rotation_ending(r->db, r->a, unit, scope, today, months, &e, &ne);
  if (!rc) rc = rotation_long_tenure(r->db, r->a, unit, scope, today, &lt, &nlt);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *fmt = req_query(r, "format");
  if (fmt && strcmp(fmt, "csv") == 0) {
    static const char *const H[] = {"date", "cadre_code", "cadre_name", "kind", "from_unit_code", "to_unit_code",
                                    "planned_months", "end_date", "verdict"};
    appt_csv_begin(r, "luan-chuyen.csv", H, 9);
    for (int i = 0; i < n; i++) {
      const char *f[] = {v[i].date, v[i].cadre_code, v[i].cadre_name, v[i].kind, v[i].from_unit_code,
                         v[i].to_unit_code, v[i].planned_months ? arena_printf(r->a, "%d", v[i].planned_months) : "",
                         v[i].end_date, v[i].verdict};
      for (int k = 0; k < 9; k++) appt_csv_field(r, f[k], k == 8);
    }
    return;
  }
  page_begin(r, "Luân chuyển, điều động", NAV_NONE);
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Luân chuyển, điều động</h1></div>");
  const char *just = req_query(r, "ghi");
  Findings f;
  if (just && atoll(just) > 0 && findings_load(r->db, r->a, "rotation", atoll(just), &f) == 0) {
    page_notice(r, "ok", "Đã ghi. Kết quả kiểm tra được lưu cùng bản ghi:");
    appt_findings_table(r, &f, "Kết quả kiểm tra luân chuyển vừa ghi");
  }
  html_lit(b, "<form method=\"get\" action=\"/luan-chuyen\" class=\"search card\">");
  appt_unit_select(r, "unit", "Đơn vị", unit, "Tất cả đơn vị trong phạm vi");
  html_printf(b, "<div class=\"field\"><label for=\"year\">Năm</label><input id=\"year\" name=\"year\" type=\"number\" "
                 "min=\"0\" max=\"2100\" value=\"%d\"></div><div class=\"field\"><label for=\"months\">Sắp kết thúc trong "
                 "(tháng)</label><input id=\"months\" name=\"months\" type=\"number\" min=\"1\" max=\"120\" value=\"%d\">"
                 "</div><button type=\"submit\" class=\"btn btn-primary\">Lọc</button></form>",
              year, months);
  html_printf(b, "<div class=\"toolbar\"><p class=\"count-line\"><strong>%d</strong> bản ghi</p><div class=\"exports\">"
                 "<a class=\"btn btn-ghost\" id=\"export-csv\" href=\"/luan-chuyen?format=csv&amp;unit=%U&amp;year=%d\">"
                 "Xuất CSV</a><a class=\"btn btn-ghost\" href=\"/xuat/rotations?format=xlsx&amp;unit=%U\">Xuất Excel "
                 "(mẫu nhập)</a></div></div>",
              n, unit ? unit : "", year, unit ? unit : "");
  if (r->user && r->user->role >= ROLE_OFFICER) rotation_form(r);
  rows_table(r, v, n, "rotations", "Các quyết định luân chuyển, điều động");
  html_printf(b, "<h2 class=\"section-h\">Sắp hết thời gian luân chuyển trong %d tháng tới</h2>", months);
  rows_table(r, e, ne, "ending", "Sắp kết thúc");
  tenure_table(r, lt, nlt);
  page_end(r);
}

void page_rotation_post(Req *r) {
  const char *m = req_form(r, "planned_months");
  RotationReq q = {.cadre_code = req_form(r, "cadre"), .kind = req_form(r, "kind"), .to_unit_code = req_form(r, "to_unit"),
                   .date = req_form(r, "date"), .from_unit_code = req_form(r, "from_unit"),
                   .to_title_code = req_form(r, "to_title"), .decision_no = req_form(r, "decision_no"),
                   .planned_months = m && *m ? atoi(m) : 0};
  if (q.from_unit_code && !*q.from_unit_code) q.from_unit_code = NULL;
  if (q.to_title_code && !*q.to_title_code) q.to_title_code = NULL;
  long long id;
  Findings f;
  int rc = rotation_record(r->db, r->a, &q, r->user->username, r->user->scope, false, &id, &f);
  if (rc == CB_EINVAL) {
    resp_error(r, 400, "bad_request", "Hình thức, đơn vị đến, ngày hoặc số tháng không hợp lệ.");
    return;
  }
  if (rc == CB_ENOTFOUND) {
    resp_error(r, 404, "not_found", "Không tìm thấy cán bộ, đơn vị hoặc chức danh trong phạm vi của bạn.");
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/luan-chuyen?ghi=%lld", id));
}

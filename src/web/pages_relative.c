/*
** /quan-he-gia-dinh: the relatives report of a unit subtree -- every
** recorded pair with their posts on a date and the REL finding, the
** "nể nang do quan hệ gia đình" made visible -- with CSV export, and the
** form recording a relation (its findings shown after the redirect).
** No SQL here (domain/relative.h).
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/relative.h"
#include "web/pages.h"
#include "web/pages_appt.h"
#include "web/web.h"

static void relation_form(Req *r) {
  static const char *const R[] = {"spouse", "parent", "child", "sibling", "parent_in_law", "child_in_law",
                                  "sibling_in_law"};
  Buf *b = &r->out;
  html_lit(b, "<details class=\"card\"><summary>Ghi quan hệ gia đình</summary><form method=\"post\" "
              "action=\"/quan-he-gia-dinh\" class=\"stack\" id=\"relative-form\">");
  page_csrf_field(r);
  html_lit(b, "<div class=\"field\"><label for=\"q-cadre\">Mã cán bộ</label><input id=\"q-cadre\" name=\"cadre\" required>"
              "</div><div class=\"field\"><label for=\"q-relation\">Người thân là … của cán bộ</label>"
              "<select id=\"q-relation\" name=\"relation\">");
  for (int i = 0; i < 7; i++) html_printf(b, "<option value=\"%s\">%s</option>", R[i], relation_label(R[i], NULL));
  html_lit(b, "</select></div><div class=\"field\"><label for=\"q-relative\">Mã cán bộ là người thân</label>"
              "<input id=\"q-relative\" name=\"relative\" required></div>"
              "<button type=\"submit\" class=\"btn btn-primary\">Ghi</button></form></details>");
}

void page_relatives(Req *r) {
  char dbuf[16];
  const char *unit = req_query(r, "unit"), *date = appt_date_or_today(req_query(r, "date"), dbuf);
  RelPair *v;
  int n;
  int rc = relative_report(r->db, r->a, unit, r->user ? r->user->scope : NULL, date, &v, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *fmt = req_query(r, "format");
  if (fmt && strcmp(fmt, "csv") == 0) {
    static const char *const H[] = {"cadre_code", "cadre_name", "relative_code", "relative_name", "relation",
                                    "cadre_posts", "relative_posts", "unit_code", "rule", "result", "message"};
    appt_csv_begin(r, "quan-he-gia-dinh.csv", H, 11);
    for (int i = 0; i < n; i++) {
      const char *f[] = {v[i].a_code, v[i].a_name, v[i].b_code, v[i].b_name, v[i].relation, v[i].a_posts,
                         v[i].b_posts, v[i].unit_code, v[i].rule, result_name(v[i].result), v[i].message};
      for (int k = 0; k < 11; k++) appt_csv_field(r, f[k], k == 10);
    }
    return;
  }
  page_begin(r, "Quan hệ gia đình", NAV_NONE);
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>Quan hệ gia đình trong cán bộ</h1><p class=\"muted\">Các cặp người thân, "
                 "chức vụ của mỗi người ngày %s và kết luận theo REL-1 (người đứng đầu, cấp phó và người thân giữ chức vụ "
                 "nhân sự, kế toán, thủ quỹ, thủ kho) và REL-2 (người thân cùng trong lãnh đạo đơn vị).</p></div>",
              fmt_date(r, date));
  const char *just = req_query(r, "ghi");
  Findings f;
  if (just && atoll(just) > 0 && findings_load(r->db, r->a, "relative", atoll(just), &f) == 0) {
    page_notice(r, "ok", "Đã ghi quan hệ. Kết quả kiểm tra:");
    appt_findings_table(r, &f, "Kết quả kiểm tra quan hệ vừa ghi");
  }
  html_lit(b, "<form method=\"get\" action=\"/quan-he-gia-dinh\" class=\"search card\">");
  appt_unit_select(r, "unit", "Đơn vị", unit, "Tất cả đơn vị trong phạm vi");
  html_printf(b, "<div class=\"field\"><label for=\"date\">Ngày</label><input id=\"date\" name=\"date\" type=\"date\" "
                 "value=\"%s\"></div><button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>",
              date);
  html_printf(b, "<div class=\"toolbar\"><p class=\"count-line\"><strong>%d</strong> cặp người thân</p>"
                 "<div class=\"exports\"><a class=\"btn btn-ghost\" id=\"export-csv\" href=\"/quan-he-gia-dinh?format=csv"
                 "&amp;unit=%U&amp;date=%s\">Xuất CSV</a></div></div>",
              n, unit ? unit : "", date);
  if (r->user && r->user->role >= ROLE_OFFICER) relation_form(r);
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"pairs\"><thead><tr><th scope=\"col\">Cán bộ</th>"
              "<th scope=\"col\">Chức vụ</th><th scope=\"col\">Quan hệ</th><th scope=\"col\">Người thân</th>"
              "<th scope=\"col\">Chức vụ</th><th scope=\"col\">Cùng đơn vị</th><th scope=\"col\">Kết luận</th>"
              "</tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr class=\"finding-%s\"><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>"
                   "<td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td><td>",
                result_name(v[i].result), v[i].a_code, v[i].a_name, or_dash(v[i].a_posts), v[i].relation_label,
                v[i].b_code, v[i].b_name, or_dash(v[i].b_posts), or_dash(v[i].unit_name));
    appt_badge(r, v[i].result);
    html_printf(b, " %s %s<div class=\"basis\">%s</div></td></tr>", v[i].rule ? v[i].rule : "", v[i].message,
                or_dash(v[i].basis));
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"7\" class=\"empty\">Chưa ghi nhận quan hệ gia đình nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  page_end(r);
}

void page_relative_post(Req *r) {
  char dbuf[16];
  long long id;
  Findings f;
  int rc = relative_add(r->db, r->a, r->user->username, r->user->scope, req_form(r, "cadre"), req_form(r, "relative"),
                        req_form(r, "relation"), appt_date_or_today(NULL, dbuf), &f, &id);
  if (rc == CB_EINVAL || rc == CB_EEXIST) {
    resp_error(r, 400, "bad_request",
               rc == CB_EEXIST ? "Hai cán bộ này đã được ghi là người thân (quan hệ ngược lại được hiểu ngầm)."
                               : "Quan hệ không hợp lệ, hoặc hai mã là cùng một người.");
    return;
  }
  if (rc == CB_ENOTFOUND) {
    resp_error(r, 404, "not_found", "Không tìm thấy cán bộ trong phạm vi của bạn.");
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/quan-he-gia-dinh?ghi=%lld", id));
}

/*
** Discipline pages: the list of a unit's subtree for a year
** (GET /ky-luat?unit=&year=&format=csv: form, authority, decision, and the
** end of the barred period per DISC-1/DISC-2 in force on the decision date)
** and the officer's form to record one (GET/POST /can-bo/{code}/ky-luat).
**
** Not for: the periods themselves (domain/discipline.c).
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre.h"
#include "domain/discipline.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"



static void filter_form(Req *r, const char *unit, int year) {
  Buf *b = &r->out;
  Unit *units;
  int nu = 0;
  if (unit_list(r->db, r->a, r->scope, &units, &nu) != 0) nu = 0;
  html_lit(b, "<form method=\"get\" action=\"/ky-luat\" class=\"search card\" id=\"disc-filter\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit}, units, nu,
                         "Tất cả đơn vị trong phạm vi");
  widget_text(r, &(Field){.name = "year", .label = "Năm quyết định", .value = year ? arena_printf(r->a, "%d", year) : NULL, .maxlen = 4});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
  html_printf(b, "<div class=\"toolbar\"><span></span><div class=\"exports\"><a class=\"btn btn-ghost\" id=\"disc-csv\" "
                 "href=\"%s\">Xuất CSV</a></div></div>",
              year ? html_url(r->a, "/ky-luat?format=csv&unit=%U&year=%d", unit ? unit : "", year)
                   : html_url(r->a, "/ky-luat?format=csv&unit=%U", unit ? unit : ""));
}

typedef struct {
  int months;
  const char *last, *rule;
} Bar;

void page_disciplines(Req *r) {
  const char *unit = req_query(r, "unit"), *path = NULL;
  if (unit && *unit) {
    Unit u;
    int rc = unit_find(r->db, r->a, r->scope, unit, &u);
    if (rc) {
      resp_cb_error(r, rc);
      return;
    }
    path = u.path;
  } else {
    unit = NULL;
  }
  int year = (int)req_query_long(r, "year", 0, 1990, 2100);
  DisciplineQuery q = {0, path, scope_legacy(r->scope), year};
  Discipline *v;
  int n, rc = discipline_list(r->db, r->a, &q, &v, &n);
  Bar *bars = arena_alloc(r->a, sizeof *bars * (size_t)(n ? n : 1));
  for (int i = 0; !rc && i < n; i++) {
    const char *basis;
    rc = discipline_period(r->db, r->a, &v[i], &bars[i].months, &bars[i].last, &bars[i].rule, &basis);
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *format = req_query(r, "format");
  if (format && strcmp(format, "csv") == 0) {
    static const char *H[] = {"Mã cán bộ", "Họ và tên", "Mã đơn vị", "Đơn vị", "Hình thức kỷ luật",
                              "Thẩm quyền", "Ngày quyết định", "Số quyết định", "Lý do", "Ảnh hưởng đến ngày",
                              "Quy định áp dụng"};
    Table t;
    table_init(r, &t, H, 11);
    for (int i = 0; i < n; i++)
      table_add(r, &t, (const char *[11]){v[i].cadre_code, v[i].cadre_name, v[i].unit_code, v[i].unit_name,
                                          discipline_form_label(v[i].form), discipline_authority_label(v[i].authority),
                                          v[i].decision_date, v[i].decision_no, v[i].reason,
                                          bars[i].last, bars[i].rule});
    table_send(r, &t, "csv", "ky-luat");
    return;
  }
  page_begin(r, "Kỷ luật", NAV_NONE);
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Kỷ luật</h1><p>Thời hạn ảnh hưởng tính theo quy định có hiệu lực vào ngày "
              "quyết định: kỷ luật Đảng theo DISC-1, kỷ luật hành chính theo DISC-2; khi cả hai cùng áp dụng, tính "
              "thời hạn dài hơn (DISC-3).</p></div>");
  filter_form(r, unit, year);
  html_printf(b, "<p class=\"count-line\">%s quyết định kỷ luật</p>", fmt_count(r, n));
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"disc-list\"><thead><tr>"
              "<th scope=\"col\">Họ và tên</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Hình thức</th>"
              "<th scope=\"col\">Loại</th><th scope=\"col\">Ngày quyết định</th><th scope=\"col\">Số quyết định</th>"
              "<th scope=\"col\">Lý do</th><th scope=\"col\">Hết thời hạn ảnh hưởng</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                   "<td>%s</td><td>",
                v[i].cadre_code, v[i].cadre_name, or_dash(v[i].unit_name), discipline_form_label(v[i].form),
                discipline_authority_label(v[i].authority), fmt_date(r, v[i].decision_date), or_dash(v[i].decision_no),
                or_dash(v[i].reason));
    if (bars[i].last)
      html_printf(b, "%s <span class=\"muted nowrap\">(%s tháng, %s)</span>", fmt_date(r, bars[i].last),
                  fmt_count(r, bars[i].months), bars[i].rule);
    else
      html_lit(b, "—");
    html_lit(b, "</td></tr>");
  }
  if (!n) html_lit(b, "<tr><td colspan=\"8\" class=\"empty\">Không có quyết định kỷ luật nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  page_end(r);
}

/*
** The forecasts page (GET /du-bao?unit=&months=6|12|24, &format=csv|xlsx for
** the download): who retires within the horizon (RET-1) per unit and title,
** and the pool coverage of each key title after those retirements.
** Thin: forecast_build() does the work.
*/
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/forecast.h"
#include "domain/unit.h"
#include "web/pages.h"
#include "web/pages_planning.h"
#include "web/table_export.h"
#include "web/web.h"

static void send_forecast(Req *r, const Forecast *f, const char *format) {
  static const char *H[] = {"Đơn vị", "Chức danh", "Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh",
                            "Ngày nghỉ hưu", "Số tháng còn công tác", "Kiêm nhiệm"};
  Table t;
  table_init(r, &t, H, 9);
  for (int i = 0; i < f->nret; i++) {
    const Holder *h = &f->ret[i];
    const char *cells[9] = {h->unit_name, h->title_name, h->cadre_code, h->full_name, gender_label(h->gender),
                            fmt_date(r, h->birth_date), fmt_date(r, h->retirement_date),
                            arena_printf(r->a, "%d", h->months_left), h->concurrent ? "1" : "0"};
    table_add(r, &t, cells);
  }
  table_send(r, &t, format, arena_printf(r->a, "du-bao-nghi-huu-%d-thang", f->months));
}

static void months_chips(Req *r, const char *unit, int months) {
  Buf *b = &r->out;
  html_lit(b, "<div class=\"toolbar\"><div class=\"sorts\"><span class=\"muted\">Trong vòng:</span> ");
  const int opts[] = {6, 12, 24};
  for (int i = 0; i < 3; i++) {
    html_printf(b, "<a class=\"chip%s\" href=\"/du-bao?months=%d", opts[i] == months ? " chip-on" : "", opts[i]);
    if (unit && *unit) html_printf(b, "&amp;unit=%U", unit);
    if (opts[i] == months) html_printf(b, "\" aria-current=\"true\">%d tháng</a> ", opts[i]);
    else html_printf(b, "\">%d tháng</a> ", opts[i]);
  }
  html_lit(b, "</div><div class=\"exports\">");
  const char *fmts[][2] = {{"xlsx", "Xuất Excel"}, {"csv", "Xuất CSV"}};
  for (int i = 0; i < 2; i++) {
    html_printf(b, "<a class=\"btn btn-ghost\" id=\"forecast-%s\" href=\"/du-bao?format=%s&amp;months=%d", fmts[i][0],
                fmts[i][0], months);
    if (unit && *unit) html_printf(b, "&amp;unit=%U", unit);
    html_printf(b, "\">%s</a>", fmts[i][1]);
  }
  html_lit(b, "</div></div>");
}

static void retirements(Req *r, const Forecast *f) {
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" id=\"retirements\"><h2 class=\"section-h\">Nghỉ hưu từ %s đến %s (%d người)"
                 "</h2>",
              fmt_date(r, f->date), fmt_date(r, f->until), f->nret);
  if (!f->nret) {
    html_lit(b, "<p class=\"empty\">Không có cán bộ đang giữ chức vụ đến tuổi nghỉ hưu trong khoảng này.</p></section>");
    return;
  }
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th>Đơn vị</th><th>Chức danh</th>"
              "<th>Họ và tên</th><th>Ngày sinh</th><th>Ngày nghỉ hưu</th><th class=\"num\">Còn (tháng)</th></tr>"
              "</thead><tbody>");
  for (int i = 0; i < f->nret; i++) {
    const Holder *h = &f->ret[i];
    /* Still in post after the retirement date: say so rather than print a negative count. */
    const char *left = h->months_left < 0 ? arena_printf(r->a, "đã quá %d tháng", -h->months_left)
                                          : arena_printf(r->a, "%d", h->months_left);
    html_printf(b, "<tr><td>%s</td><td>%s%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>"
                   "<td class=\"num\">%s</td></tr>",
                h->unit_name, h->title_name, h->concurrent ? " (kiêm nhiệm)" : "", h->cadre_code, h->full_name,
                fmt_date(r, h->birth_date), fmt_date(r, h->retirement_date), left);
  }
  html_printf(b, "</tbody></table></div><p class=\"muted basis\">Căn cứ: %s.</p></section>", f->basis_ret);
}

static void coverage(Req *r, const Forecast *f) {
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" id=\"coverage\"><h2 class=\"section-h\">Nguồn thay thế các chức danh chủ "
                 "chốt (nhiệm kỳ %s)</h2><p>%d chức danh, <strong>%d thiếu nguồn</strong> khi người đang giữ nghỉ "
                 "hưu. Người trong nguồn được tính khi còn ít nhất %d tháng công tác lúc khuyết (PLAN-4).</p>",
              f->term, f->ncov, f->nmissing, f->min_months);
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th>Đơn vị</th><th>Chức danh</th>"
              "<th>Người đang giữ</th><th>Khuyết từ</th><th>Nguồn có thể thay</th><th>Tình trạng</th></tr></thead>"
              "<tbody>");
  for (int i = 0; i < f->ncov; i++) {
    const Coverage *c = &f->cov[i];
    html_printf(b, "<tr class=\"%s\"><td>%s</td><td>%s</td><td>", c->missing ? "missing" : "covered", c->unit_name,
                c->title_name);
    for (int k = 0; k < c->nholders; k++)
      html_printf(b, "%s<a href=\"/can-bo/%U\">%s</a> (nghỉ hưu %s)", k ? "; " : "", c->holders[k].cadre_code,
                  c->holders[k].full_name, fmt_date(r, c->holders[k].retirement_date));
    if (!c->nholders) html_lit(b, "—");
    html_printf(b, "</td><td>%s</td><td>", c->nholders ? fmt_date(r, c->vacant_on) : "Đang khuyết");
    for (int k = 0; k < c->ncand; k++)
      html_printf(b, "%s<a href=\"/can-bo/%U\">%s</a> (còn %d tháng)", k ? "; " : "", c->cand[k].cadre_code,
                  c->cand[k].full_name, c->cand[k].months_left_at);
    if (!c->ncand) html_lit(b, "—");
    if (c->excluded) html_printf(b, " <span class=\"muted\">(%d người không đủ thời gian công tác)</span>", c->excluded);
    if (c->missing) html_lit(b, "</td><td><span class=\"badge badge-fail\">Thiếu nguồn</span></td></tr>");
    else if (c->retiring) html_lit(b, "</td><td><span class=\"badge badge-pass\">Có nguồn</span></td></tr>");
    else html_lit(b, "</td><td>Chưa khuyết</td></tr>");
  }
  if (!f->ncov) html_lit(b, "<tr><td colspan=\"6\" class=\"empty\">Không có chức danh chủ chốt trong phạm vi.</td></tr>");
  html_lit(b, "</tbody></table></div></section>");
}

void page_forecast(Req *r) {
  const char *unit = req_query(r, "unit"), *format = req_query(r, "format");
  long months = req_query_long(r, "months", 12, 1, 120);
  if (format && *format && !table_format_ok(format)) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn csv hoặc xlsx.");
    return;
  }
  Forecast f;
  int rc = forecast_build(r->db, r->a, r->user ? r->user->scope : NULL, unit, req_query(r, "date"), (int)months, &f);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (format && *format) {
    send_forecast(r, &f, format);
    return;
  }
  Unit *units;
  int nu = 0;
  unit_list(r->db, r->a, r->user ? r->user->scope : NULL, &units, &nu);
  page_begin(r, "Dự báo nghỉ hưu và nguồn thay thế", NAV_NONE);
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>Dự báo nghỉ hưu và nguồn thay thế</h1><p class=\"muted\">%s · %d tháng "
                 "tính từ %s</p></div>",
              f.unit_name ? f.unit_name : "Toàn bộ phạm vi", f.months, fmt_date(r, f.date));
  html_lit(b, "<form method=\"get\" action=\"/du-bao\" class=\"search card\" role=\"search\">"
              "<div class=\"field field-grow\"><label for=\"unit\">Đơn vị</label>");
  plan_unit_select(r, "unit", "unit", units, nu, unit, "Tất cả đơn vị trong phạm vi");
  html_printf(b, "</div><input type=\"hidden\" name=\"months\" value=\"%d\"><button type=\"submit\" "
                 "class=\"btn btn-primary\">Xem</button></form>",
              f.months);
  months_chips(r, unit, f.months);
  retirements(r, &f);
  coverage(r, &f);
  page_end(r);
}

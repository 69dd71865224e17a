/*
** The forecasts page (GET /du-bao?unit=&months=6|12|24, &format=csv|xlsx for
** the download): who retires within the horizon (RET-1) per unit and title,
** those already retired yet still in post in a group of their own ("đã nghỉ
** hưu từ 01/11/2026"), and the pool coverage of each key title after those
** retirements.
** Thin: forecast_build() does the work.
*/
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/forecast.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/pages.h"
#include "web/download.h"
#include "web/web.h"
#include "web/widgets.h"

static void send_forecast(Req *r, const Forecast *f, const char *format) {
  static const char *H[] = {"Đơn vị", "Chức danh", "Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh",
                            "Ngày nghỉ hưu", "Số tháng còn công tác", "Kiêm nhiệm"};
  Table t;
  table_init(r, &t, H, 9);
  /* Those already retired first (0 months left), then those retiring within the horizon. */
  for (int g = 0; g < 2; g++)
    for (int i = 0; i < (g ? f->nret : f->npast); i++) {
      const Holder *h = g ? &f->ret[i] : &f->past[i];
      const char *cells[9] = {h->unit_name, h->title_name, h->cadre_code, h->full_name, gender_label(h->gender),
                              fmt_date(r, h->birth_date), fmt_date(r, h->retirement_date),
                              arena_printf(r->a, "%d", g ? h->months_left : 0), h->concurrent ? "Có" : "Không"};
      table_add(r, &t, cells);
    }
  table_send(r, &t, format, arena_printf(r->a, "du-bao-nghi-huu-%d-thang", f->months));
}

/* The horizon chips and the downloads, keeping the unit and (when one was asked) the date. */
static void months_chips(Req *r, const char *unit, const char *date, int months) {
  Buf *b = &r->out;
  const char *u = unit ? unit : "", *d = date ? date : "";
  html_lit(b, "<div class=\"toolbar\"><div class=\"sorts\"><span class=\"muted\">Trong vòng:</span> ");
  const int opts[] = {6, 12, 24};
  for (int i = 0; i < 3; i++) {
    const char *href = html_url(r->a, "/du-bao?months=%d&unit=%U&date=%U", opts[i], u, d);
    if (opts[i] == months)
      html_printf(b, "<a class=\"chip chip-on\" href=\"%s\" aria-current=\"true\">%d tháng</a> ", href, opts[i]);
    else html_printf(b, "<a class=\"chip\" href=\"%s\">%d tháng</a> ", href, opts[i]);
  }
  html_lit(b, "</div><div class=\"exports\">");
  const char *fmts[][2] = {{"xlsx", "Xuất Excel"}, {"csv", "Xuất CSV"}};
  for (int i = 0; i < 2; i++)
    html_printf(b, "<a class=\"btn btn-ghost\" id=\"forecast-%s\" href=\"%s\">%s</a>", fmts[i][0],
                html_url(r->a, "/du-bao?format=%U&months=%d&unit=%U&date=%U", fmts[i][0], months, u, d), fmts[i][1]);
  if (*u)
    doc_button(r, "Danh sách nghỉ hưu (văn bản)", "danh-sach",
               (const char *const[]){"list", "retirements", "unit", u, "months", arena_printf(r->a, "%d", months), NULL});
  html_lit(b, "</div></div>");
}

/* The holder's post as people read it, "(kiêm nhiệm)" added for a concurrent one. */
static const char *holder_post(Req *r, const Holder *h) {
  const char *post = title_display(r->a, h->title_name, h->unit_name, NULL);
  return h->concurrent ? arena_printf(r->a, "%s (kiêm nhiệm)", post) : post;
}

/* Those who reached retirement before the date yet still hold a post: their own group, with the day they retired. */
static void already_retired(Req *r, const Forecast *f) {
  if (!f->npast) return;
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" id=\"already-retired\"><h2 class=\"section-h\">Đã đến tuổi nghỉ hưu trước "
                 "ngày %s nhưng còn giữ chức vụ (%s người)</h2><div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead>"
                 "<tr><th>Chức vụ</th><th>Họ và tên</th><th>Ngày sinh</th><th>Tình trạng</th></tr></thead><tbody>",
              fmt_date(r, f->date), fmt_count(r, f->npast));
  for (int i = 0; i < f->npast; i++) {
    const Holder *h = &f->past[i];
    html_printf(b, "<tr><td>%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>đã nghỉ hưu từ %s</td></tr>",
                holder_post(r, h), h->cadre_code, h->full_name, fmt_date(r, h->birth_date),
                fmt_date(r, h->retired_from));
  }
  html_lit(b, "</tbody></table></div></section>");
}

static void retirements(Req *r, const Forecast *f) {
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" id=\"retirements\"><h2 class=\"section-h\">Nghỉ hưu từ %s đến %s (%s người)"
                 "</h2>",
              fmt_date(r, f->date), fmt_date(r, f->until), fmt_count(r, f->nret));
  if (!f->nret) {
    html_lit(b, "<p class=\"empty\">Không có cán bộ đang giữ chức vụ đến tuổi nghỉ hưu trong khoảng này.</p></section>");
    return;
  }
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th>Chức vụ</th>"
              "<th>Họ và tên</th><th>Ngày sinh</th><th>Nghỉ hưu từ</th><th class=\"num\">Còn (tháng)</th></tr>"
              "</thead><tbody>");
  for (int i = 0; i < f->nret; i++) {
    const Holder *h = &f->ret[i];
    html_printf(b, "<tr><td>%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>"
                   "<td class=\"num\">%s</td></tr>",
                holder_post(r, h), h->cadre_code, h->full_name, fmt_date(r, h->birth_date),
                fmt_date(r, h->retired_from), fmt_count(r, h->months_left));
  }
  html_printf(b, "</tbody></table></div><p class=\"muted basis\">Căn cứ: %s.</p></section>", f->basis_ret);
}

static void coverage(Req *r, const Forecast *f) {
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" id=\"coverage\"><h2 class=\"section-h\">Nguồn thay thế các chức danh chủ "
                 "chốt (nhiệm kỳ %s)</h2><p>%s chức danh, <strong>%s thiếu nguồn</strong> khi người đang giữ nghỉ "
                 "hưu. Người trong nguồn được tính khi còn ít nhất %d tháng công tác lúc khuyết (PLAN-4).</p>",
              f->term, fmt_count(r, f->ncov), fmt_count(r, f->nmissing), f->min_months);
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th>Chức vụ</th>"
              "<th>Người đang giữ</th><th>Khuyết từ</th><th>Nguồn có thể thay</th><th>Tình trạng</th></tr></thead>"
              "<tbody>");
  for (int i = 0; i < f->ncov; i++) {
    const Coverage *c = &f->cov[i];
    html_printf(b, "<tr class=\"%s\"><td>%s</td><td>", c->missing ? "missing" : "covered",
                title_display(r->a, c->title_name, c->unit_name, NULL));
    for (int k = 0; k < c->nholders; k++)
      html_printf(b, "%s<a href=\"/can-bo/%U\">%s</a> (nghỉ hưu từ %s)", k ? "; " : "", c->holders[k].cadre_code,
                  c->holders[k].full_name, fmt_date(r, c->holders[k].retired_from));
    if (!c->nholders) html_lit(b, "—");
    html_printf(b, "</td><td>%s</td><td>", !c->nholders ? "Đang khuyết" : c->vacant_on ? fmt_date(r, c->vacant_on) : "—");
    for (int k = 0; k < c->ncand; k++)
      html_printf(b, "%s<a href=\"/can-bo/%U\">%s</a> (còn %d tháng)", k ? "; " : "", c->cand[k].cadre_code,
                  c->cand[k].full_name, c->cand[k].months_left_at);
    if (!c->ncand) html_lit(b, "—");
    if (c->excluded)
      html_printf(b, " <span class=\"muted\">(%s người không đủ thời gian công tác)</span>", fmt_count(r, c->excluded));
    if (c->missing) html_lit(b, "</td><td><span class=\"badge badge-fail\">Thiếu nguồn</span></td></tr>");
    else if (c->retiring) html_lit(b, "</td><td><span class=\"badge badge-pass\">Có nguồn</span></td></tr>");
    else html_lit(b, "</td><td>Chưa khuyết</td></tr>");
  }
  if (!f->ncov) html_lit(b, "<tr><td colspan=\"5\" class=\"empty\">Không có chức danh chủ chốt trong phạm vi.</td></tr>");
  html_lit(b, "</tbody></table></div></section>");
}

void page_forecast(Req *r) {
  const char *unit = str_or_null(req_query(r, "unit")), *format = req_query(r, "format"), *bad = NULL;
  const char *date = widget_date_arg(r, "date", NULL, &bad);
  long months = req_query_long(r, "months", 12, 1, 120);
  if (format && *format && !table_format_ok(format)) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn csv hoặc xlsx.");
    return;
  }
  Forecast f;
  int rc = forecast_build(r->db, r->a, r->scope, unit, date, (int)months, &f);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (format && *format && !bad) {
    send_forecast(r, &f, format);
    return;
  }
  Unit *units;
  int nu = 0;
  unit_list(r->db, r->a, r->scope, &units, &nu);
  page_begin(r, "Dự báo nghỉ hưu và nguồn thay thế", NAV_NONE);
  if (bad) r->status = 400;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>Dự báo nghỉ hưu và nguồn thay thế</h1><p class=\"muted\">%s · %d tháng "
                 "tính từ %s</p></div>",
              f.unit_name ? f.unit_name : "Toàn bộ phạm vi", f.months, fmt_date(r, f.date));
  html_lit(b, "<form method=\"get\" action=\"/du-bao\" class=\"search card\" role=\"search\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit}, units, nu,
                         "Tất cả đơn vị trong phạm vi");
  widget_date(r, &(Field){.name = "date", .label = "Tính từ ngày", .value = bad ? req_query(r, "date") : f.date,
                          .error = bad});
  html_printf(b, "<input type=\"hidden\" name=\"months\" value=\"%d\"><button type=\"submit\" "
                 "class=\"btn btn-primary\">Xem</button></form>",
              f.months);
  months_chips(r, unit, str_or_null(req_query(r, "date")) && !bad ? f.date : NULL, f.months);
  already_retired(r, &f);
  retirements(r, &f);
  coverage(r, &f);
  page_end(r);
}

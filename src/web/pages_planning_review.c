/*
** The yearly planning review page (GET /quy-hoach/ra-soat?unit=&term=&date=,
** &format=csv|xlsx for the download): per pool the candidates, the women /
** young / ethnic-minority shares against PLAN-6 / PLAN-5 / PLAN-7, titles
** with no or one candidate, and who must leave the pool now and why.
** Thin: planning_review() does the work.
*/
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre.h"
#include "domain/planning.h"
#include "domain/title.h"
#include "web/pages.h"
#include "web/download.h"
#include "web/web.h"
#include "web/widgets.h"

static const char *leave_reason(const ReviewPool *rp, const PoolMember *m) {
  for (int k = 0; k < rp->nleave; k++)
    if (rp->leave[k].m == m) return rp->leave[k].reason;
  return NULL;
}

static void send_review(Req *r, const Review *rv, const char *format) {
  static const char *H[] = {"Đơn vị", "Chức danh", "Số người trong nguồn", "Mã cán bộ", "Họ và tên", "Ngày sinh",
                            "Tuổi", "Giới tính", "Dân tộc", "Chức vụ hiện tại", "LLCT", "QLNN", "Chuyên môn",
                            "Phải đưa ra khỏi quy hoạch vì"};
  Table t;
  table_init(r, &t, H, 14);
  for (int i = 0; i < rv->n; i++) {
    const ReviewPool *rp = &rv->p[i];
    const Pool *p = &rp->pool;
    const char *count = arena_printf(r->a, "%d", p->n);
    if (p->n == 0) table_add(r, &t, (const char *[14]){p->unit_name, p->title_name, count});
    for (int k = 0; k < p->n; k++) {
      const PoolMember *m = &p->m[k];
      const char *cells[14] = {p->unit_name, p->title_name, count, m->code, m->full_name, fmt_date(r, m->birth_date),
                               arena_printf(r->a, "%d", m->age), gender_label(m->gender), m->ethnicity,
                               m->current_title, cadre_llct_label(m->llct_level), cadre_qlnn_label(m->qlnn_level),
                               cadre_degree_label(m->degree), leave_reason(rp, m)};
      table_add(r, &t, cells);
    }
  }
  table_send(r, &t, format, "ra-soat-quy-hoach");
}

static void share(Req *r, const char *label, int part, int whole, int target, const char *id) {
  bool low = target > 0 && whole > 0 && part * 100 < target * whole;
  html_printf(&r->out, "<li class=\"stat%s\" id=\"%s\"><span class=\"stat-label\">%s</span>"
                       "<span class=\"stat-value\">%s</span><span class=\"stat-note\">%s / %s người",
              low ? " stat-low" : "", id, label, fmt_percent(r, part, whole), fmt_count(r, part), fmt_count(r, whole));
  if (target > 0) html_printf(&r->out, " · yêu cầu ≥ %d%%", target);
  html_lit(&r->out, "</span></li>");
}

static void pool_section(Req *r, const ReviewPool *rp) {
  Buf *b = &r->out;
  const Pool *p = &rp->pool;
  html_printf(b, "<section class=\"card pool\"><h2 class=\"section-h\">%s</h2>",
              title_display(r->a, p->title_name, p->unit_name, p->unit_level));
  html_printf(b, "<p class=\"pool-stats\"><strong>%s</strong> người · nữ %s · trẻ (dưới %d tuổi) %s · dân tộc "
                 "thiểu số %s",
              fmt_count(r, p->n), fmt_percent(r, rp->women, p->n), rp->young_age, fmt_percent(r, rp->young, p->n),
              fmt_percent(r, rp->minority, p->n));
  if (p->n == 0) html_lit(b, " · <span class=\"badge badge-fail\">chưa có nguồn</span>");
  if (p->n == 1) html_lit(b, " · <span class=\"badge badge-warn\">chỉ có 1 người</span>");
  html_lit(b, "</p>");
  if (p->n) {
    html_lit(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th>Họ và tên</th><th>Ngày sinh</th>"
                "<th class=\"num\">Tuổi</th><th>Giới tính</th><th>Dân tộc</th><th>Chức vụ hiện tại</th>"
                "<th>Trình độ</th><th>Rà soát</th></tr></thead><tbody>");
    for (int k = 0; k < p->n; k++) {
      const PoolMember *m = &p->m[k];
      const char *why = leave_reason(rp, m);
      html_printf(b, "<tr class=\"%s\"><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td class=\"num\">%d</td><td>%s</td>"
                     "<td>%s</td><td>%s</td><td>LLCT: %s; QLNN: %s; %s</td>",
                  why ? "must-leave" : "stays", m->code, m->full_name, fmt_date(r, m->birth_date), m->age,
                  gender_label(m->gender), or_dash(m->ethnicity), or_dash(m->current_title),
                  or_dash(cadre_llct_label(m->llct_level)), or_dash(cadre_qlnn_label(m->qlnn_level)),
                  or_dash(cadre_degree_label(m->degree)));
      if (why) html_printf(b, "<td><strong>Đưa ra khỏi quy hoạch:</strong> %s</td></tr>", why);
      else html_lit(b, "<td>Tiếp tục</td></tr>");
    }
    html_lit(b, "</tbody></table></div>");
  }
  html_lit(b, "</section>");
}

static void must_leave_list(Req *r, const Review *rv) {
  Buf *b = &r->out;
  int total = 0;
  for (int i = 0; i < rv->n; i++) total += rv->p[i].nleave;
  html_printf(b, "<section class=\"card\" id=\"must-leave\"><h2 class=\"section-h\">Cán bộ phải đưa ra khỏi quy "
                 "hoạch (%s)</h2>",
              fmt_count(r, total));
  if (!total) {
    html_lit(b, "<p>Không có cán bộ nào quá tuổi quy hoạch hoặc đang trong thời hạn kỷ luật.</p></section>");
    return;
  }
  html_lit(b, "<ul class=\"leave-list\">");
  for (int i = 0; i < rv->n; i++)
    for (int k = 0; k < rv->p[i].nleave; k++)
      html_printf(b, "<li><a href=\"/can-bo/%U\">%s</a> (%s): %s</li>", rv->p[i].leave[k].m->code,
                  rv->p[i].leave[k].m->full_name,
                  title_display(r->a, rv->p[i].pool.title_name, rv->p[i].pool.unit_name, rv->p[i].pool.unit_level),
                  rv->p[i].leave[k].reason);
  html_lit(b, "</ul></section>");
}

static void filter_form(Req *r, const Review *rv, const char *unit, const char *bad_date) {
  Unit *units;
  int nu = 0;
  unit_list(r->db, r->a, r->user ? r->user->scope : NULL, &units, &nu);
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/quy-hoach/ra-soat\" class=\"search card\" role=\"search\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit}, units, nu,
                         "Tất cả đơn vị trong phạm vi");
  widget_term_select(r, &(Field){.name = "term", .label = "Nhiệm kỳ", .value = rv->term});
  widget_date(r, &(Field){.name = "date", .label = "Ngày rà soát", .value = bad_date ? req_query(r, "date") : rv->date,
                          .error = bad_date});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Rà soát</button></form><div class=\"toolbar\">");
  const char *fmts[][2] = {{"xlsx", "Xuất Excel"}, {"csv", "Xuất CSV"}}, *u = unit ? unit : "";
  for (int i = 0; i < 2; i++)
    html_printf(b, "<a class=\"btn btn-ghost\" id=\"review-%s\" href=\"%s\">%s</a>", fmts[i][0],
                html_url(r->a, "/quy-hoach/ra-soat?format=%U&term=%U&date=%U&unit=%U", fmts[i][0], rv->term, rv->date, u),
                fmts[i][1]);
  html_printf(b, "<a class=\"btn btn-ghost\" href=\"%s\">Về trang quy hoạch</a></div>",
              html_url(r->a, "/quy-hoach?term=%U&unit=%U", rv->term, u));
}

void page_planning_review(Req *r) {
  const char *unit = str_or_null(req_query(r, "unit")), *format = req_query(r, "format"), *bad = NULL;
  const char *date = widget_date_arg(r, "date", NULL, &bad);
  if (format && *format && !table_format_ok(format)) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn csv hoặc xlsx.");
    return;
  }
  Review rv;
  int rc = planning_review(r->db, r->a, r->user ? r->user->scope : NULL, unit, req_query(r, "term"), date, &rv);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (format && *format && !bad) {
    send_review(r, &rv, format);
    return;
  }
  page_begin(r, "Rà soát quy hoạch", NAV_NONE);
  if (bad) r->status = 400;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>Rà soát quy hoạch cán bộ</h1><p class=\"muted\">%s · nhiệm kỳ %s · "
                 "ngày rà soát %s</p></div>",
              rv.unit_name ? rv.unit_name : "Toàn bộ phạm vi", rv.term, fmt_date(r, rv.date));
  filter_form(r, &rv, unit, bad);
  html_lit(b, "<ul class=\"stats\">");
  share(r, "Tỷ lệ nữ (PLAN-6)", rv.women, rv.members, rv.min_women_pct, "share-women");
  share(r, "Tỷ lệ cán bộ trẻ (PLAN-5)", rv.young, rv.members, rv.min_young_pct, "share-young");
  share(r, "Dân tộc thiểu số (PLAN-7)", rv.minority, rv.members, 0, "share-minority");
  html_printf(b, "<li class=\"stat stat-wide\"><span class=\"stat-label\">Chức danh</span><span class=\"stat-value\">"
                 "%s</span><span class=\"stat-note\">%s chưa có nguồn · %s chỉ có 1 người</span></li></ul>",
              fmt_count(r, rv.n), fmt_count(r, rv.empty_pools), fmt_count(r, rv.single_pools));
  html_printf(b, "<p class=\"muted basis\">Căn cứ: %s.</p>", rv.basis_women);
  must_leave_list(r, &rv);
  for (int i = 0; i < rv.n; i++) pool_section(r, &rv.p[i]);
  page_end(r);
}

/*
** The yearly planning review page (GET /quy-hoach/ra-soat?unit=&term=&date=,
** &format=csv|xlsx for the download): per pool the candidates, the women /
** young / ethnic-minority shares against PLAN-6 / PLAN-5 / PLAN-7, titles
** with no or one candidate, and who must leave the pool now and why; and
** the political standard of PLAN-8 (POST /quy-hoach/ra-soat/chinh-tri): an
** officer records the competent body's conclusion with its reason, which
** takes the cadre out of every pool of the term (planning_remove_political).
** Thin: planning_review() does the work.
*/
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre.h"
#include "domain/planning.h"
#include "domain/title.h"
#include "web/pages.h"
#include "web/pages_planning.h"
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
    html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th>Họ và tên</th><th>Ngày sinh</th>"
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

static bool same(const char *x, const char *y) { return x && y && strcmp(x, y) == 0; }

/* Who must leave which pool, each with its remove form; after_refusal: a removal POST was just refused (its form
   comes back with what was typed). */
static void must_leave_list(Req *r, const Review *rv, bool after_refusal) {
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
  /* each with the form that takes them out of that pool (officers), its reason filled with the review's */
  bool officer = page_can_write(r);
  html_lit(b, "<ul class=\"leave-list\">");
  int n = 0;
  for (int i = 0; i < rv->n; i++)
    for (int k = 0; k < rv->p[i].nleave; k++) {
      const ReviewPool *rp = &rv->p[i];
      html_printf(b, "<li><a href=\"/can-bo/%U\">%s</a> (%s): %s", rp->leave[k].m->code, rp->leave[k].m->full_name,
                  title_display(r->a, rp->pool.title_name, rp->pool.unit_name, rp->pool.unit_level),
                  rp->leave[k].reason);
      /* the form whose removal was just refused comes back open with what was typed */
      bool refused = after_refusal && same(req_form(r, "cadre"), rp->leave[k].m->code) &&
                     same(req_form(r, "unit"), rp->pool.unit_code) && same(req_form(r, "title"), rp->pool.title_code);
      if (officer)
        planning_remove_form(r, &rp->pool, rp->leave[k].m, rv->term, n++, rp->leave[k].reason, rv->date, refused);
      html_lit(b, "</li>");
    }
  html_lit(b, "</ul></section>");
}

/* PLAN-8: the form that records a political-standard conclusion (officers); `e`/`pick` bring back a refused one. */
static void political_form(Req *r, const Review *rv, const FieldErrors *e, const CadrePick *pick) {
  if (!page_can_write(r)) return;
  Buf *b = &r->out;
  FieldErrors none;
  field_errors_init(&none, r->a);
  bool mine = e != NULL; /* its own refused POST: what was typed comes back (not another form's fields) */
  if (!e) e = &none;
  if (e->n) html_lit(b, "<details class=\"card\" id=\"political\" open>");
  else html_lit(b, "<details class=\"card\" id=\"political\">");
  html_lit(b, "<summary>Đưa ra khỏi quy hoạch vì không bảo đảm tiêu chuẩn chính trị (PLAN-8)</summary>"
              "<form method=\"post\" action=\"/quy-hoach/ra-soat/chinh-tri\" class=\"stack\" id=\"political-form\">"
              "<p class=\"help\">Ghi kết luận của cấp có thẩm quyền (biểu hiện «tự diễn biến», «tự chuyển hóa»): cán bộ "
              "được đưa ra khỏi mọi nguồn quy hoạch của nhiệm kỳ, mỗi nguồn một quyết định kèm lý do.</p>");
  page_csrf_field(r);
  widget_error_summary(r, e);
  html_printf(b, "<input type=\"hidden\" name=\"term\" value=\"%s\">", rv->term);
  widget_cadre_field(r, &(Field){.name = "cadre", .label = "Cán bộ", .required = true,
                                 .error = field_errors_get(e, "cadre")},
                     pick);
  const char *d = mine ? req_form(r, "decision_date") : NULL; /* not "date": the filter above has that field */
  widget_date(r, &(Field){.name = "decision_date", .label = "Ngày quyết định", .value = d ? d : rv->date,
                          .error = field_errors_get(e, "decision_date"), .required = true});
  widget_text(r, &(Field){.name = "decision_no", .label = "Số quyết định", .value = mine ? req_form(r, "decision_no") : NULL,
                          .maxlen = 100});
  widget_textarea(r, &(Field){.name = "reason", .label = "Kết luận, lý do", .value = mine ? req_form(r, "reason") : NULL,
                              .error = field_errors_get(e, "reason"), .required = true},
                  3);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Đưa ra khỏi quy hoạch</button></form></details>");
}

static void filter_form(Req *r, const Review *rv, const char *unit, const char *bad_date) {
  Unit *units;
  int nu = 0;
  unit_list(r->db, r->a, r->scope, &units, &nu);
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

/*
** The review page; `e`/`pick` bring back a refused PLAN-8 form (status 400/404); `refused` (with the review's
** term and date) a refused removal from its must-leave list, said at the top.
*/
static void review_page_of(Req *r, int status, const FieldErrors *e, const CadrePick *pick, const char *term_in,
                           const char *date_in, const char *refused) {
  const char *unit = refused ? NULL : str_or_null(req_query(r, "unit")), *format = req_query(r, "format"), *bad = NULL;
  const char *date = refused ? date_in : widget_date_arg(r, "date", NULL, &bad);
  if (format && *format && !table_format_ok(format)) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn csv hoặc xlsx.");
    return;
  }
  Review rv;
  int rc = planning_review(r->db, r->a, r->scope, unit, refused ? term_in : req_query(r, "term"), date, &rv);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (format && *format && !bad) {
    send_review(r, &rv, format);
    return;
  }
  page_begin(r, "Rà soát quy hoạch", NAV_NONE);
  r->status = bad ? 400 : status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>Rà soát quy hoạch cán bộ</h1><p class=\"muted\">%s · nhiệm kỳ %s · "
                 "ngày rà soát %s</p></div>",
              rv.unit_name ? rv.unit_name : "Toàn bộ phạm vi", rv.term, fmt_date(r, rv.date));
  filter_form(r, &rv, unit, bad);
  if (refused) page_notice(r, "error", arena_printf(r->a, "Chưa đưa ra khỏi quy hoạch: %s", refused));
  const char *gone = str_or_null(req_query(r, "removed"));
  Cadre who;
  Unit pu;
  Title pt;
  if (gone && cadre_find(r->db, r->a, r->scope, gone, &who) == 0) { /* naming the pool when it is known */
    const char *puc = str_or_null(req_query(r, "pool_unit")), *ptc = str_or_null(req_query(r, "pool_title"));
    bool pool = puc && ptc && unit_find(r->db, r->a, r->scope, puc, &pu) == 0 && title_find(r->db, r->a, ptc, &pt) == 0;
    /* said only when true: out of that pool on the review's date (a link is not proof of a removal) */
    if (pool && planning_is_member(r->db, r->a, rv.term, pu.id, pt.id, who.id, rv.date, NULL) == 0)
      page_notice(r, "ok", arena_printf(r->a, "Đã đưa %s (%s) ra khỏi nguồn quy hoạch %s.", who.full_name, who.code,
                                        title_display(r->a, pt.name, pu.name, pu.level)));
  }
  long long removed = id_value(req_query(r, "political"));
  if (removed)
    page_notice(r, "ok", arena_printf(r->a, "Đã đưa cán bộ ra khỏi %lld nguồn quy hoạch vì không bảo đảm tiêu chuẩn "
                                            "chính trị (PLAN-8).", removed));
  political_form(r, &rv, e, pick);
  html_lit(b, "<ul class=\"stats\">");
  share(r, "Tỷ lệ nữ (PLAN-6)", rv.women, rv.people, rv.min_women_pct, "share-women");
  share(r, "Tỷ lệ cán bộ trẻ (PLAN-5)", rv.young, rv.people, rv.min_young_pct, "share-young");
  share(r, "Dân tộc thiểu số (PLAN-7)", rv.minority, rv.people, 0, "share-minority");
  /* pools, not titles: a title of every commune counts once per commune (the dashboard counts key titles) */
  html_printf(b, "<li class=\"stat stat-wide\"><span class=\"stat-label\">Chức danh cần quy hoạch ở các đơn vị"
                 "</span><span class=\"stat-value\">%s</span><span class=\"stat-note\">%s chưa có nguồn · %s chỉ có 1 "
                 "người (mỗi chức danh tính riêng ở từng đơn vị, mọi nhóm chức danh)</span></li></ul>",
              fmt_count(r, rv.n), fmt_count(r, rv.empty_pools), fmt_count(r, rv.single_pools));
  html_printf(b, "<p class=\"muted basis\">Tỷ lệ tính theo người: %s người giữ %s lượt quy hoạch (một người trong "
                 "nhiều nguồn được tính một lần). Căn cứ: %s.</p>",
              fmt_count(r, rv.people), fmt_count(r, rv.members), rv.basis_women);
  must_leave_list(r, &rv, refused != NULL);
  for (int i = 0; i < rv.n; i++) pool_section(r, &rv.p[i]);
  page_end(r);
}

static void review_page(Req *r, int status, const FieldErrors *e, const CadrePick *pick) {
  review_page_of(r, status, e, pick, NULL, NULL, NULL);
}

void page_planning_review(Req *r) { review_page(r, 200, NULL, NULL); }

void planning_review_refused(Req *r, int status, const char *term, const char *date, const char *why) {
  review_page_of(r, status, NULL, NULL, term, date, why);
}

void page_planning_political(Req *r) {
  FieldErrors e;
  field_errors_init(&e, r->a);
  CadrePick pick;
  const char *date;
  if (!widget_cadre_read(r, "cadre", &e, &pick)) return;
  widget_date_field(r, "decision_date", "Ngày quyết định", true, &e, &date);
  const char *reason = str_or_null(req_form(r, "reason"));
  if (!reason) field_errors_add(&e, "reason", "Kết luận, lý do: cần nêu kết luận của cấp có thẩm quyền");
  if (e.n) {
    review_page(r, 400, &e, &pick);
    return;
  }
  int removed = 0;
  const char *why = NULL;
  int rc = planning_remove_political(r->db, r->a, r->scope, pick.code, req_form(r, "term"), date,
                                     req_form(r, "decision_no"), reason, r->user->username, &removed, &why);
  if (rc == CB_EINVAL || rc == CB_ENOTFOUND) {
    field_errors_add(&e, "cadre", "Cán bộ: %s", why ? why : "không tìm thấy");
    review_page(r, rc == CB_EINVAL ? 400 : 404, &e, &pick);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, html_url(r->a, "/quy-hoach/ra-soat?term=%U&date=%U&political=%d#political", req_form(r, "term") ? req_form(r, "term") : "",
                            date, removed));
}

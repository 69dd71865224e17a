/*
** The planning pages: GET /quy-hoach?unit=&term=&page= (officers first get
** the add form, then the filter, then the pools of a unit subtree per
** title -- paged, 20 pools a page -- with members, shares and each pool's
** history, and the remove form of each member), POST /quy-hoach/them (add;
** a refusal shows every finding and the override field "Lý do vẫn đưa vào
** quy hoạch"; a bad field comes back with its message next to it) and
** POST /quy-hoach/dua-ra (remove). Successful POSTs redirect (303) back to
** the pools. Thin: planning.c does the work.
*/
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "core/vi.h"
#include "domain/cadre.h"
#include "domain/planning.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "domain/rules.h"
#include "web/pages.h"
#include "web/pages_planning.h"
#include "web/web.h"
#include "web/widgets.h"

enum { POOLS_PER_PAGE = 20 };


typedef struct {
  const char *unit, *term;
  int page;
  Unit *units;
  int nu;
} Ctx;

/* The add form at the top of the page; after a refusal (`refused`) it shows the override field; e and pick keep the input. */
static void add_form(Req *r, const Ctx *c, bool refused, const FieldErrors *e, const CadrePick *pick) {
  Buf *b = &r->out;
  const char *unit = req_form(r, "unit") ? req_form(r, "unit") : c->unit;
  html_lit(b, "<form method=\"post\" action=\"/quy-hoach/them\" class=\"card stack plan-add\" id=\"add-form\">"
              "<h2 class=\"section-h\">Bổ sung quy hoạch</h2>");
  page_csrf_field(r);
  widget_error_summary(r, e);
  html_lit(b, "<div class=\"plan-fields\">");
  widget_unit_select(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit, .required = true,
                                 .error = field_errors_get(e, "unit")},
                     c->units, c->nu);
  widget_title_select(r, &(Field){.name = "title", .label = "Chức danh quy hoạch", .value = req_form(r, "title"),
                                  .required = true, .error = field_errors_get(e, "title")},
                      NULL);
  widget_term_select(r, &(Field){.name = "term", .label = "Nhiệm kỳ", .value = req_form(r, "term") ? req_form(r, "term") : c->term});
  widget_cadre_field(r, &(Field){.name = "cadre", .label = "Cán bộ", .required = true, .error = field_errors_get(e, "cadre")},
                     pick);
  widget_date(r, &(Field){.name = "date", .label = "Ngày quyết định", .required = true,
                          .value = req_form(r, "date") ? req_form(r, "date") : page_today(r),
                          .error = field_errors_get(e, "date")});
  widget_text(r, &(Field){.name = "decision_no", .label = "Số quyết định", .value = req_form(r, "decision_no"), .maxlen = 100});
  widget_text(r, &(Field){.name = "reason", .label = "Lý do, ghi chú", .value = req_form(r, "reason"), .maxlen = 1000});
  html_lit(b, "</div>");
  if (refused) {
    widget_textarea(r, &(Field){.name = "override", .label = "Lý do vẫn đưa vào quy hoạch", .required = true,
                                .value = req_form(r, "override"),
                                .hint = "Ghi rõ căn cứ để vẫn quyết định bổ sung dù có tiêu chí không đạt; lý do và các "
                                        "kết quả kiểm tra được lưu cùng quyết định và ghi nhật ký."},
                    2);
    html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Vẫn bổ sung quy hoạch</button></form>");
  } else {
    html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Bổ sung quy hoạch</button></form>");
  }
}

void planning_remove_form(Req *r, const Pool *p, const PoolMember *m, const char *term, int k, const char *reason,
                          const char *review_date, bool refill) {
  Buf *b = &r->out;
  html_printf(b, "<details class=\"plan-remove\"%s><summary>Đưa ra khỏi quy hoạch</summary>"
                 "<form method=\"post\" action=\"/quy-hoach/dua-ra\" class=\"stack\">",
              refill ? " open" : "");
  page_csrf_field(r);
  html_printf(b, "<input type=\"hidden\" name=\"unit\" value=\"%s\"><input type=\"hidden\" name=\"title\" "
                 "value=\"%s\"><input type=\"hidden\" name=\"term\" value=\"%s\"><input type=\"hidden\" "
                 "name=\"cadre\" value=\"%s\">",
              p->unit_code, p->title_code, term, m->code);
  if (review_date) html_printf(b, "<input type=\"hidden\" name=\"review\" value=\"%s\">", review_date);
  widget_date(r, &(Field){.name = "date", .label = "Ngày", .value = refill ? req_form(r, "date") : page_today(r),
                          .required = true, .id = arena_printf(r->a, "rm-%d-date", k)});
  widget_text(r, &(Field){.name = "decision_no", .label = "Số quyết định", .id = arena_printf(r->a, "rm-%d-no", k),
                          .maxlen = 100, .value = refill ? req_form(r, "decision_no") : NULL});
  widget_text(r, &(Field){.name = "reason", .label = "Lý do", .required = true, .id = arena_printf(r->a, "rm-%d-reason", k),
                          .maxlen = 1000, .value = refill ? req_form(r, "reason") : reason});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-ghost\">Đưa ra</button></form></details>");
}

/* The acts of the page's pools (planning_history_pools: grouped by unit and title). */
typedef struct {
  PlanAct *v;
  int n;
} PageActs;

/* The history of pool p: its run of the page's acts. */
static void history(Req *r, const Pool *p, const PageActs *pa) {
  int from = 0;
  while (from < pa->n && (pa->v[from].unit_id != p->unit_id || pa->v[from].title_id != p->title_id)) from++;
  int n = 0;
  while (from + n < pa->n && pa->v[from + n].unit_id == p->unit_id && pa->v[from + n].title_id == p->title_id) n++;
  if (n == 0) return;
  const PlanAct *acts = pa->v + from;
  Buf *b = &r->out;
  html_printf(b, "<details class=\"plan-history\"><summary>Lịch sử (%s quyết định)</summary><table class=\"grid\">"
                 "<thead><tr><th>Ngày</th><th>Thao tác</th><th>Cán bộ</th><th>Số quyết định</th><th>Lý do</th>"
                 "<th>Vẫn đưa vào vì</th></tr></thead><tbody>",
              fmt_count(r, n));
  for (int i = 0; i < n; i++)
    html_printf(b, "<tr><td>%s</td><td>%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>"
                   "<td>%s</td></tr>",
                fmt_date(r, acts[i].date), strcmp(acts[i].action, "add") == 0 ? "Bổ sung" : "Đưa ra",
                acts[i].cadre_code, acts[i].cadre_name, or_dash(acts[i].decision_no), or_dash(acts[i].reason),
                or_dash(acts[i].override));
  html_lit(b, "</tbody></table></details>");
}

/* A pool holding more than PLAN-1 allows today (members added with an officer's override): say so, with the rule. */
static void over_limit(Req *r, const Pool *p) {
  RuleVersion rv;
  char today[16];
  if (rules_in_force(r->db, r->a, "PLAN-1", date_iso(date_today(), today), &rv) != 0) return;
  long max = rule_param_int(&rv, "max_per_title", 0), n = p->n + p->hidden;
  if (max <= 0 || n <= max) return;
  html_printf(&r->out, "<p class=\"notice notice-warn pool-over\">Nguồn có %ld người, vượt mức tối đa %ld người cho một chức "
                       "danh (PLAN-1, %s); người vượt mức được đưa vào với lý do của cán bộ thụ lý.</p>",
              n, max, rv.basis ? rv.basis : "");
}

static void pool_card(Req *r, const Pool *p, const char *term, const PageActs *pa, int *k) {
  Buf *b = &r->out;
  int women = 0;
  for (int i = 0; i < p->n; i++) women += p->m[i].gender && strcmp(p->m[i].gender, "F") == 0;
  html_printf(b, "<section class=\"card pool\" id=\"pool-%s-%s\"><h2 class=\"section-h\">%s</h2>", p->unit_code,
              p->title_code, title_display(r->a, p->title_name, p->unit_name, p->unit_level));
  html_printf(b, "<p class=\"pool-stats\"><strong>%s</strong> người trong nguồn · nữ %s</p>", fmt_count(r, p->n),
              fmt_percent(r, women, p->n));
  over_limit(r, p);
  if (p->hidden) /* issue 12: members from outside the reader's scope are counted, never named */
    html_printf(b, "<p class=\"muted\">Ngoài ra %s người trong nguồn thuộc đơn vị ngoài phạm vi của bạn (không hiển thị).</p>",
                fmt_count(r, p->hidden));
  if (p->n == 0) html_lit(b, "<p class=\"empty\">Chưa có cán bộ trong nguồn quy hoạch chức danh này.</p>");
  else {
    html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th class=\"num\">STT</th><th>Họ và tên"
                "</th><th>Giới tính</th><th>Ngày sinh</th><th>Chức vụ hiện tại</th><th>Từ ngày</th>"
                "<th>Số quyết định</th><th></th></tr></thead><tbody>");
    for (int i = 0; i < p->n; i++) {
      const PoolMember *m = &p->m[i];
      html_printf(b, "<tr><td class=\"num\">%s</td><td><a href=\"/can-bo/%U\">%s</a>", fmt_count(r, i + 1), m->code,
                  m->full_name);
      if (m->override) /* the reason in view, not only on hover (a touch screen has none) */
        html_printf(b, " <span class=\"badge badge-warn\">vẫn đưa vào</span><br><small class=\"muted\">Có điều kiện "
                       "«Không đạt»; lý do vẫn đưa vào: %s</small>",
                    m->override);
      html_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", gender_label(m->gender),
                  fmt_date(r, m->birth_date), or_dash(m->current_title), fmt_date(r, m->since),
                  or_dash(m->decision_no));
      if (page_can_write(r)) planning_remove_form(r, p, m, term, (*k)++, NULL, NULL, false);
      html_lit(b, "</td></tr>");
    }
    html_lit(b, "</tbody></table></div>");
  }
  history(r, p, pa);
  html_lit(b, "</section>");
}

static int load_ctx(Req *r, const char *unit, const char *term, Ctx *c) {
  c->unit = str_or_null(unit);
  c->term = str_or_null(term) ? term : term_of(r->a, page_today(r));
  c->page = (int)req_query_long(r, "page", 1, 1, 100000);
  if (!term_valid(c->term)) return CB_EINVAL;
  int rc = unit_list(r->db, r->a, r->scope, &c->units, &c->nu);
  if (rc == 0 && c->unit) {
    Unit u;
    rc = unit_find(r->db, r->a, r->scope, c->unit, &u);
  }
  return rc;
}

static void filter_form(Req *r, const Ctx *c) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/quy-hoach\" class=\"search card\" role=\"search\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = c->unit, .id = "unit"}, c->units, c->nu,
                         "Tất cả đơn vị trong phạm vi");
  widget_term_select(r, &(Field){.name = "term", .label = "Nhiệm kỳ", .value = c->term, .id = "term"});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
  const char *u = c->unit ? c->unit : "";
  html_printf(b, "<div class=\"toolbar\"><a class=\"btn btn-ghost\" id=\"to-review\" href=\"%s\">Rà soát quy hoạch</a>"
                 "<a class=\"btn btn-ghost\" href=\"%s\">Dự báo nghỉ hưu</a>"
                 "<a class=\"btn btn-ghost\" id=\"export-planning\" href=\"%s\">Xuất CSV</a>"
                 "<a class=\"btn btn-ghost\" href=\"%s\">Xuất Excel (mẫu nhập)</a>"
                 "<a class=\"btn btn-ghost\" id=\"export-planning-list\" href=\"%s\">Danh sách quy hoạch (mẫu Excel)</a>",
              html_url(r->a, "/quy-hoach/ra-soat?term=%U&unit=%U", c->term, u), html_url(r->a, "/du-bao?unit=%U", u),
              /* issue 10 exports: the CSV is the pools the page shows (term, unit), one row per person and title */
              html_url(r->a, "/quy-hoach/danh-sach?term=%U&unit=%U&format=csv", c->term, u),
              html_url(r->a, "/xuat/planning?format=xlsx&unit=%U", u),
              html_url(r->a, "/quy-hoach/danh-sach?term=%U&unit=%U", c->term, u));
  if (c->unit) { /* the documents of a unit's pools, ready to sign (docs/DOCUMENTS.md) */
    doc_button(r, "Danh sách (văn bản)", "danh-sach", (const char *const[]){"list", "planning", "unit", c->unit, "term", c->term, NULL});
    doc_button(r, "Quyết định phê duyệt", "quyet-dinh", (const char *const[]){"list", "planning", "unit", c->unit, "term", c->term, NULL});
  }
  html_lit(b, "</div>");
}

/*
** The whole page. `notice` on top; after a refused add: `refusal` (findings of
** a rule) or `e` (bad fields) and `pick`, with the officer's input kept.
*/
static void planning_page(Req *r, int status, const Ctx *c, const char *notice_kind, const char *notice,
                          const Findings *refusal, const FieldErrors *e, const CadrePick *pick) {
  Pool *pools = NULL;
  int n = 0;
  int rc = planning_pools(r->db, r->a, r->scope, c->unit, c->term, page_today(r), true, &pools, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, "Quy hoạch cán bộ", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>Quy hoạch cán bộ</h1><p class=\"muted\">Nhiệm kỳ %s · %s chức danh"
                 "</p></div>",
              c->term, fmt_count(r, n));
  if (notice) page_notice(r, notice_kind, notice);
  if (refusal && refusal->n) {
    html_lit(b, "<section class=\"card refusal\" id=\"refusal\"><h2 class=\"section-h\">Kết quả kiểm tra điều kiện "
                "quy hoạch</h2>");
    widget_findings_table(r, refusal);
    html_lit(b, "</section>");
  }
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (page_can_write(r)) add_form(r, c, refusal != NULL, e ? e : &none, pick);
  filter_form(r, c);
  int pages = n ? (n + POOLS_PER_PAGE - 1) / POOLS_PER_PAGE : 1, page = c->page > pages ? pages : c->page, k = 0;
  int first = (page - 1) * POOLS_PER_PAGE, shown = n - first < POOLS_PER_PAGE ? n - first : POOLS_PER_PAGE;
  PageActs pa = {NULL, 0};
  if (shown > 0 && planning_history_pools(r->db, r->a, r->scope, c->term, pools + first, shown, &pa.v, &pa.n) != 0)
    pa.n = 0; /* the histories are left out, the pools still shown */
  for (int i = first; i < first + shown; i++) pool_card(r, &pools[i], c->term, &pa, &k);
  if (n == 0) html_lit(b, "<p class=\"empty card\">Chưa có nguồn quy hoạch nào trong đơn vị và nhiệm kỳ này.</p>");
  widget_pager(r, html_url(r->a, "/quy-hoach?term=%U&unit=%U", c->term, c->unit ? c->unit : ""), page, POOLS_PER_PAGE,
               n, false);
  page_end(r);
}

void page_planning(Req *r) {
  Ctx c;
  int rc = load_ctx(r, req_query(r, "unit"), req_query(r, "term"), &c);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *ok = req_query(r, "ok");
  const char *msg = !ok ? NULL
                    : strcmp(ok, "add") == 0 ? "Đã ghi quyết định bổ sung quy hoạch."
                    : strcmp(ok, "remove") == 0 ? "Đã ghi quyết định đưa ra khỏi quy hoạch."
                                                : NULL;
  /* The warnings of the act just added, at the moment of adding (they are stored with it). */
  Findings all, warn;
  findings_init(&warn, r->a);
  long long act = id_value(req_query(r, "act"));
  if (msg && act > 0 && cadre_findings_in_scope(r->db, r->scope, "planning", act) &&
      planning_act_findings(r->db, r->a, act, &all) == 0)
    for (int i = 0; i < all.n; i++)
      if (all.v[i].result == RESULT_WARN)
        findings_add_raw(&warn, all.v[i].rule, all.v[i].basis, RESULT_WARN, "%s", all.v[i].message);
  if (warn.n) msg = "Đã ghi quyết định bổ sung quy hoạch, với các cảnh báo dưới đây (cần lưu ý khi rà soát):";
  planning_page(r, 200, &c, warn.n ? "info" : "ok", msg, warn.n ? &warn : NULL, NULL, NULL);
}

/* Back to the pools after an act; `act` (> 0) lets the page show the act's warnings. */
static void redirect_back(Req *r, const Ctx *c, const char *what, long long act) {
  resp_redirect(r, c->unit ? html_url(r->a, "/quy-hoach?term=%U&unit=%U&ok=%U&act=%d", c->term, c->unit, what, (int)act)
                           : html_url(r->a, "/quy-hoach?term=%U&ok=%U&act=%d", c->term, what, (int)act));
}

static int status_of(int rc) {
  return rc == CB_ERULE ? 422 : rc == CB_ENOTFOUND ? 404 : rc == CB_EEXIST ? 409 : 400;
}

void page_planning_add(Req *r) {
  Ctx c;
  int rc = load_ctx(r, req_form(r, "unit"), req_form(r, "term"), &c);
  if (rc == CB_EINVAL || rc == CB_ENOTFOUND) rc = load_ctx(r, NULL, NULL, &c);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  FieldErrors e;
  field_errors_init(&e, r->a);
  CadrePick pick;
  const char *date;
  /* in the order of the form's fields, so the summary reads top to bottom */
  if (!str_or_null(req_form(r, "unit"))) field_errors_add(&e, "unit", "Đơn vị: chọn đơn vị");
  if (!str_or_null(req_form(r, "title"))) field_errors_add(&e, "title", "Chức danh quy hoạch: chọn chức danh");
  if (!widget_cadre_read(r, "cadre", &e, &pick)) return;
  widget_date_field(r, "date", "Ngày quyết định", true, &e, &date);
  if (e.n) {
    planning_page(r, 400, &c, "error", NULL, NULL, &e, &pick);
    return;
  }
  PlanReq pr = {req_form(r, "term"), req_form(r, "unit"), req_form(r, "title"), pick.code, date,
                req_form(r, "decision_no"), req_form(r, "reason"), req_form(r, "override"), scope_legacy(r->scope),
                r->user->username};
  Findings f;
  PlanResult res;
  rc = planning_add(r->db, r->a, &pr, &f, &res);
  if (rc == 0) {
    redirect_back(r, &c, "add", res.id);
    return;
  }
  if (rc == CB_EDB) {
    resp_cb_error(r, rc);
    return;
  }
  const char *msg = rc == CB_ERULE ? "Không bổ sung được: cán bộ chưa đáp ứng các tiêu chí dưới đây. Nếu vẫn quyết "
                                     "định bổ sung, ghi lý do vào ô «Lý do vẫn đưa vào quy hoạch»."
                                   : res.error ? res.error : "Dữ liệu không hợp lệ.";
  planning_page(r, status_of(rc), &c, "error", msg, rc == CB_ERULE ? &f : NULL, &e, &pick);
}

void page_planning_remove(Req *r) {
  const char *unit = req_form(r, "unit"), *term = req_form(r, "term");
  Ctx c;
  int rc = load_ctx(r, unit, term, &c);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  FieldErrors e;
  field_errors_init(&e, r->a);
  const char *date;
  /* sent from the yearly review: back to it, on the later of its date and the removal's (where it shows);
     a refusal is said there too, not on the pool page (whose add form would take the values) */
  const char *review = str_or_null(req_form(r, "review"));
  Date rd;
  if (review && date_parse(review, &rd, DATE_FULL) != 0) { /* the review's own hidden field, altered */
    resp_error(r, 400, "bad_request", "Ngày rà soát không hợp lệ.");
    return;
  }
  const char *reason = req_form(r, "reason"); /* the form requires one: spaces are none */
  reason = reason ? str_or_null(vi_squeeze(r->a, reason)) : NULL;
  bool dated = widget_date_field(r, "date", "Ngày đưa ra khỏi quy hoạch", true, &e, &date);
  if (dated && !reason) field_errors_add(&e, "reason", "Lý do: bắt buộc nhập.");
  if (e.n) {
    if (review) planning_review_refused(r, 400, term, review, e.v[0].message);
    else planning_page(r, 400, &c, "error", e.v[0].message, NULL, NULL, NULL);
    return;
  }
  PlanReq pr = {term, unit, req_form(r, "title"), req_form(r, "cadre"), date, req_form(r, "decision_no"),
                reason, NULL, scope_legacy(r->scope), r->user->username};
  PlanResult res;
  rc = planning_remove(r->db, r->a, &pr, &res);
  if (rc && rc != CB_EDB && review) {
    planning_review_refused(r, status_of(rc), term, review, res.error ? res.error : "Dữ liệu không hợp lệ.");
    return;
  }
  if (rc == 0 && review)
    resp_redirect(r, html_url(r->a, "/quy-hoach/ra-soat?term=%U&date=%U&removed=%U&pool_unit=%U&pool_title=%U#must-leave",
                              term, strcmp(date, review) > 0 ? date : review, req_form(r, "cadre"), unit ? unit : "",
                              req_form(r, "title") ? req_form(r, "title") : ""));
  else if (rc == 0) redirect_back(r, &c, "remove", 0);
  else if (rc == CB_EDB) resp_cb_error(r, rc);
  else planning_page(r, status_of(rc), &c, "error", res.error ? res.error : "Dữ liệu không hợp lệ.", NULL, NULL, NULL);
}

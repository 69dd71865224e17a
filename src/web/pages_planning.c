/*
** The planning pages: GET /quy-hoach?unit=&term= (the pools of a unit
** subtree per title, with members, shares and each pool's history; officers
** get the add and remove forms), POST /quy-hoach/them (add; a refusal shows
** every finding and the override field "Lý do vẫn đưa vào quy hoạch") and
** POST /quy-hoach/dua-ra (remove). Successful POSTs redirect (303) back to
** the pools. Thin: planning.c does the work.
*/
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre.h"
#include "domain/planning.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/forms.h"
#include "web/pages.h"
#include "web/pages_planning.h"
#include "web/web.h"

static const char *scope_of(Req *r) { return r->user ? r->user->scope : NULL; }
static bool can_write(Req *r) { return r->user && r->user->role >= ROLE_OFFICER; }

const char *plan_today(Req *r) {
  char iso[11];
  return arena_strdup(r->a, date_iso(date_today(), iso));
}

void plan_unit_select(Req *r, const char *id, const char *name, const Unit *units, int nu, const char *cur,
                      const char *all_label) {
  Buf *b = &r->out;
  html_printf(b, "<select id=\"%s\" name=\"%s\">", id, name);
  if (all_label) html_printf(b, "<option value=\"\">%s</option>", all_label);
  form_unit_options(r, units, nu, cur);
  html_lit(b, "</select>");
}

void plan_term_select(Req *r, const char *cur) {
  const char **terms;
  int nt;
  planning_terms(r->a, plan_today(r), &terms, &nt);
  html_lit(&r->out, "<select id=\"term\" name=\"term\">");
  for (int i = 0; i < nt; i++) {
    if (cur && strcmp(cur, terms[i]) == 0) html_printf(&r->out, "<option selected>%s</option>", terms[i]);
    else html_printf(&r->out, "<option>%s</option>", terms[i]);
  }
  html_lit(&r->out, "</select>");
}

void plan_findings_table(Req *r, const Findings *f) {
  Buf *b = &r->out;
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list findings\"><caption class=\"sr-only\">Kết quả kiểm tra"
              "</caption><thead><tr><th scope=\"col\">Quy định</th><th scope=\"col\">Kết quả</th>"
              "<th scope=\"col\">Giải thích</th><th scope=\"col\">Căn cứ</th></tr></thead><tbody>");
  for (int i = 0; i < f->n; i++)
    html_printf(b, "<tr class=\"finding-%s\"><td>%s</td><td><span class=\"result result-%s\">%s</span></td>"
                   "<td>%s</td><td>%s</td></tr>",
                result_name(f->v[i].result), f->v[i].rule, result_name(f->v[i].result), result_label(f->v[i].result),
                f->v[i].message, f->v[i].basis);
  html_lit(b, "</tbody></table></div>");
}

/* The add form; with `f` (a refusal) it shows the override field and keeps the values. */
typedef struct {
  const char *unit, *title, *term, *cadre, *date, *decision_no, *reason, *override;
} AddForm;

static void cadre_datalist(Req *r, const char *unit) {
  CadreQuery q = {.unit_code = unit && *unit ? unit : NULL, .scope = scope_of(r), .sort = "name", .limit = 300};
  Cadre *items;
  int n;
  long long total;
  if (cadre_search(r->db, r->a, &q, &items, &n, &total) != 0) return;
  html_lit(&r->out, "<datalist id=\"cadre-options\">");
  for (int i = 0; i < n; i++)
    html_printf(&r->out, "<option value=\"%s\">%s — %s</option>", items[i].code, items[i].full_name,
                or_dash(items[i].unit_name));
  html_lit(&r->out, "</datalist>");
}

static void add_form(Req *r, const AddForm *v, const Unit *units, int nu, bool refused, const char *id) {
  Buf *b = &r->out;
  Title *titles;
  int nt = 0;
  title_list(r->db, r->a, &titles, &nt);
  html_printf(b, "<form method=\"post\" action=\"/quy-hoach/them\" class=\"card stack plan-add\" id=\"%s\">", id);
  page_csrf_field(r);
  html_lit(b, "<h2 class=\"section-h\">Bổ sung quy hoạch</h2><div class=\"plan-fields\">"
              "<div class=\"field\"><label for=\"add-unit\">Đơn vị</label>");
  plan_unit_select(r, "add-unit", "unit", units, nu, v->unit, NULL);
  html_lit(b, "</div><div class=\"field\"><label for=\"add-title\">Chức danh quy hoạch</label>"
              "<select id=\"add-title\" name=\"title\">");
  for (int i = 0; i < nt; i++) {
    if (v->title && strcmp(v->title, titles[i].code) == 0)
      html_printf(b, "<option value=\"%s\" selected>%s</option>", titles[i].code, titles[i].name);
    else html_printf(b, "<option value=\"%s\">%s</option>", titles[i].code, titles[i].name);
  }
  html_printf(b, "</select></div><div class=\"field\"><label for=\"add-term\">Nhiệm kỳ</label>"
                 "<input id=\"add-term\" name=\"term\" value=\"%s\" pattern=\"[0-9]{4}-[0-9]{4}\" required></div>",
              v->term ? v->term : "");
  html_printf(b, "<div class=\"field\"><label for=\"add-cadre\">Cán bộ (mã hoặc chọn trong danh sách)</label>"
                 "<input id=\"add-cadre\" name=\"cadre\" list=\"cadre-options\" value=\"%s\" required "
                 "autocomplete=\"off\"></div>",
              v->cadre ? v->cadre : "");
  cadre_datalist(r, v->unit);
  html_printf(b, "<div class=\"field\"><label for=\"add-date\">Ngày quyết định</label>"
                 "<input id=\"add-date\" name=\"date\" type=\"date\" value=\"%s\" required></div>",
              v->date ? v->date : plan_today(r));
  html_printf(b, "<div class=\"field\"><label for=\"add-decision\">Số quyết định</label>"
                 "<input id=\"add-decision\" name=\"decision_no\" value=\"%s\"></div>",
              v->decision_no ? v->decision_no : "");
  html_printf(b, "<div class=\"field field-grow\"><label for=\"add-reason\">Lý do, ghi chú</label>"
                 "<input id=\"add-reason\" name=\"reason\" value=\"%s\"></div></div>",
              v->reason ? v->reason : "");
  if (refused)
    html_printf(b, "<div class=\"field override\"><label for=\"override\">Lý do vẫn đưa vào quy hoạch</label>"
                   "<textarea id=\"override\" name=\"override\" rows=\"2\" required "
                   "aria-describedby=\"override-help\">%s</textarea><p id=\"override-help\" class=\"help\">"
                   "Ghi rõ căn cứ để vẫn quyết định bổ sung dù có tiêu chí không đạt; lý do và các kết quả kiểm tra "
                   "được lưu cùng quyết định và ghi nhật ký.</p></div>",
                v->override ? v->override : "");
  if (refused)
    html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Vẫn bổ sung quy hoạch</button></form>");
  else html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Bổ sung quy hoạch</button></form>");
}

static void remove_form(Req *r, const Pool *p, const PoolMember *m, const char *term) {
  Buf *b = &r->out;
  html_lit(b, "<details class=\"plan-remove\"><summary>Đưa ra khỏi quy hoạch</summary>"
              "<form method=\"post\" action=\"/quy-hoach/dua-ra\" class=\"stack\">");
  page_csrf_field(r);
  html_printf(b, "<input type=\"hidden\" name=\"unit\" value=\"%s\"><input type=\"hidden\" name=\"title\" "
                 "value=\"%s\"><input type=\"hidden\" name=\"term\" value=\"%s\"><input type=\"hidden\" "
                 "name=\"cadre\" value=\"%s\">",
              p->unit_code, p->title_code, term, m->code);
  html_printf(b, "<label>Ngày <input name=\"date\" type=\"date\" value=\"%s\" required></label>"
                 "<label>Số quyết định <input name=\"decision_no\"></label>"
                 "<label>Lý do <input name=\"reason\" required></label>"
                 "<button type=\"submit\" class=\"btn btn-ghost\">Đưa ra</button></form></details>",
              plan_today(r));
}

static void history(Req *r, const Pool *p, const char *term) {
  PlanAct *acts;
  int n;
  if (planning_history_pool(r->db, r->a, scope_of(r), term, p->unit_code, p->title_code, &acts, &n) != 0 || n == 0)
    return;
  Buf *b = &r->out;
  html_printf(b, "<details class=\"plan-history\"><summary>Lịch sử (%d quyết định)</summary><table class=\"grid\">"
                 "<thead><tr><th>Ngày</th><th>Thao tác</th><th>Cán bộ</th><th>Số quyết định</th><th>Lý do</th>"
                 "<th>Vẫn đưa vào vì</th></tr></thead><tbody>",
              n);
  for (int i = 0; i < n; i++)
    html_printf(b, "<tr><td>%s</td><td>%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>"
                   "<td>%s</td></tr>",
                fmt_date(r, acts[i].date), strcmp(acts[i].action, "add") == 0 ? "Bổ sung" : "Đưa ra",
                acts[i].cadre_code, acts[i].cadre_name, or_dash(acts[i].decision_no), or_dash(acts[i].reason),
                or_dash(acts[i].override));
  html_lit(b, "</tbody></table></details>");
}

static void pool_card(Req *r, const Pool *p, const char *term) {
  Buf *b = &r->out;
  int women = 0;
  for (int i = 0; i < p->n; i++) women += p->m[i].gender && strcmp(p->m[i].gender, "F") == 0;
  html_printf(b, "<section class=\"card pool\" id=\"pool-%s-%s\"><h2 class=\"section-h\">%s <span class=\"muted\">"
                 "— %s</span></h2>",
              p->unit_code, p->title_code, p->title_name, p->unit_name);
  html_printf(b, "<p class=\"pool-stats\"><strong>%d</strong> người trong nguồn · nữ %s</p>", p->n,
              fmt_percent(r, women, p->n));
  if (p->n == 0) html_lit(b, "<p class=\"empty\">Chưa có cán bộ trong nguồn quy hoạch chức danh này.</p>");
  else {
    html_lit(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th class=\"num\">STT</th><th>Họ và tên"
                "</th><th>Giới tính</th><th>Ngày sinh</th><th>Chức vụ hiện tại</th><th>Từ ngày</th>"
                "<th>Số quyết định</th><th></th></tr></thead><tbody>");
    for (int i = 0; i < p->n; i++) {
      const PoolMember *m = &p->m[i];
      html_printf(b, "<tr><td class=\"num\">%d</td><td><a href=\"/can-bo/%U\">%s</a>", i + 1, m->code, m->full_name);
      if (m->override) html_printf(b, " <span class=\"badge badge-warn\" title=\"%s\">vẫn đưa vào</span>", m->override);
      html_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", gender_label(m->gender),
                  fmt_date(r, m->birth_date), or_dash(m->current_title), fmt_date(r, m->since),
                  or_dash(m->decision_no));
      if (can_write(r)) remove_form(r, p, m, term);
      html_lit(b, "</td></tr>");
    }
    html_lit(b, "</tbody></table></div>");
  }
  history(r, p, term);
  html_lit(b, "</section>");
}

typedef struct {
  const char *unit, *term;
  Unit *units;
  int nu;
} Ctx;

static int load_ctx(Req *r, const char *unit, const char *term, Ctx *c) {
  c->unit = unit && *unit ? unit : NULL;
  c->term = term && *term ? term : planning_term_of(r->a, plan_today(r));
  if (!planning_term_valid(c->term)) return CB_EINVAL;
  int rc = unit_list(r->db, r->a, scope_of(r), &c->units, &c->nu);
  if (rc == 0 && c->unit) {
    Unit u;
    rc = unit_find(r->db, r->a, c->unit, scope_of(r), &u);
  }
  return rc;
}

static void filter_form(Req *r, const Ctx *c) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/quy-hoach\" class=\"search card\" role=\"search\">"
              "<div class=\"field field-grow\"><label for=\"unit\">Đơn vị</label>");
  plan_unit_select(r, "unit", "unit", c->units, c->nu, c->unit, "Tất cả đơn vị trong phạm vi");
  html_lit(b, "</div><div class=\"field\"><label for=\"term\">Nhiệm kỳ</label>");
  plan_term_select(r, c->term);
  html_lit(b, "</div><button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
  html_lit(b, "<div class=\"toolbar\"><a class=\"btn btn-ghost\" id=\"to-review\" href=\"/quy-hoach/ra-soat?term=");
  html_urlenc(b, c->term);
  if (c->unit) html_printf(b, "&amp;unit=%U", c->unit);
  html_lit(b, "\">Rà soát quy hoạch</a><a class=\"btn btn-ghost\" href=\"/du-bao");
  if (c->unit) html_printf(b, "?unit=%U", c->unit);
  html_lit(b, "\">Dự báo nghỉ hưu</a><a class=\"btn btn-ghost\" id=\"export-planning\" href=\"/xuat/planning?format=csv");
  if (c->unit) html_printf(b, "&amp;unit=%U", c->unit);
  html_lit(b, "\">Xuất CSV</a><a class=\"btn btn-ghost\" href=\"/xuat/planning?format=xlsx");
  if (c->unit) html_printf(b, "&amp;unit=%U", c->unit);
  html_lit(b, "\">Xuất Excel</a><a class=\"btn btn-ghost\" id=\"export-planning-list\" href=\"/quy-hoach/danh-sach?term=");
  html_urlenc(b, c->term);
  if (c->unit) html_printf(b, "&amp;unit=%U", c->unit);
  html_lit(b, "\">Danh sách quy hoạch (mẫu Excel)</a></div>");
}

/* The whole page; `refusal` (findings of a refused add) and `form` keep the officer's input. */
static void planning_page(Req *r, int status, const Ctx *c, const char *notice_kind, const char *notice,
                          const Findings *refusal, const AddForm *form) {
  Pool *pools = NULL;
  int n = 0;
  int rc = planning_pools(r->db, r->a, scope_of(r), c->unit, c->term, plan_today(r), true, &pools, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, "Quy hoạch cán bộ", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>Quy hoạch cán bộ</h1><p class=\"muted\">Nhiệm kỳ %s · %d chức danh"
                 "</p></div>",
              c->term, n);
  if (notice) page_notice(r, notice_kind, notice);
  if (refusal && refusal->n) {
    html_lit(b, "<section class=\"card refusal\" id=\"refusal\"><h2 class=\"section-h\">Kết quả kiểm tra điều kiện "
                "quy hoạch</h2>");
    plan_findings_table(r, refusal);
    html_lit(b, "</section>");
  }
  if (form && can_write(r)) add_form(r, form, c->units, c->nu, refusal != NULL, "add-form");
  filter_form(r, c);
  for (int i = 0; i < n; i++) pool_card(r, &pools[i], c->term);
  if (n == 0) html_lit(b, "<p class=\"empty card\">Chưa có nguồn quy hoạch nào trong đơn vị và nhiệm kỳ này.</p>");
  if (!form && can_write(r)) {
    AddForm empty = {.unit = c->unit, .term = c->term};
    add_form(r, &empty, c->units, c->nu, false, "add-form");
  }
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
  planning_page(r, 200, &c, "ok", msg, NULL, NULL);
}

static void redirect_back(Req *r, const Ctx *c, const char *what) {
  Buf b = BUF_INIT;
  buf_puts(&b, "/quy-hoach?term=");
  html_urlenc(&b, c->term);
  if (c->unit) {
    buf_puts(&b, "&unit=");
    html_urlenc(&b, c->unit);
  }
  buf_printf(&b, "&ok=%s", what);
  resp_redirect(r, arena_strdup(r->a, b.p));
  buf_free(&b);
}

static int status_of(int rc) {
  return rc == CB_ERULE ? 422 : rc == CB_ENOTFOUND ? 404 : rc == CB_EEXIST ? 409 : 400;
}

void page_planning_add(Req *r) {
  AddForm v = {req_form(r, "unit"), req_form(r, "title"), req_form(r, "term"), req_form(r, "cadre"),
               req_form(r, "date"), req_form(r, "decision_no"), req_form(r, "reason"), req_form(r, "override")};
  Ctx c;
  int rc = load_ctx(r, v.unit, v.term, &c);
  if (rc == CB_EINVAL) rc = load_ctx(r, v.unit, NULL, &c);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  PlanReq pr = {v.term, v.unit, v.title, v.cadre, v.date, v.decision_no, v.reason, v.override, scope_of(r),
                r->user->username};
  Findings f;
  PlanResult res;
  rc = planning_add(r->db, r->a, &pr, &f, &res);
  if (rc == 0) {
    redirect_back(r, &c, "add");
    return;
  }
  if (rc == CB_EDB) {
    resp_cb_error(r, rc);
    return;
  }
  const char *msg = rc == CB_ERULE ? "Không bổ sung được: cán bộ chưa đáp ứng các tiêu chí dưới đây. Nếu vẫn quyết "
                                     "định bổ sung, ghi lý do vào ô «Lý do vẫn đưa vào quy hoạch»."
                                   : res.error ? res.error : "Dữ liệu không hợp lệ.";
  planning_page(r, status_of(rc), &c, "error", msg, rc == CB_ERULE ? &f : NULL, &v);
}

void page_planning_remove(Req *r) {
  const char *unit = req_form(r, "unit"), *term = req_form(r, "term");
  Ctx c;
  int rc = load_ctx(r, unit, term, &c);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  PlanReq pr = {term, unit, req_form(r, "title"), req_form(r, "cadre"), req_form(r, "date"),
                req_form(r, "decision_no"), req_form(r, "reason"), NULL, scope_of(r), r->user->username};
  PlanResult res;
  rc = planning_remove(r->db, r->a, &pr, &res);
  if (rc == 0) redirect_back(r, &c, "remove");
  else if (rc == CB_EDB) resp_cb_error(r, rc);
  else planning_page(r, status_of(rc), &c, "error", res.error ? res.error : "Dữ liệu không hợp lệ.", NULL, NULL);
}

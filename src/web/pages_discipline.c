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

static const char *const FORMS[] = {"reprimand", "warning", "removal_from_post", "expulsion", "salary_demotion",
                                    "demotion", "dismissal_from_service"};
#define N_FORMS 7

static void filter_form(Req *r, const char *unit, int year) {
  Buf *b = &r->out;
  Unit *units;
  int nu = 0;
  if (unit_list(r->db, r->a, r->user->scope, &units, &nu) != 0) nu = 0;
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
    int rc = unit_find(r->db, r->a, unit, r->user->scope, &u);
    if (rc) {
      resp_cb_error(r, rc);
      return;
    }
    path = u.path;
  } else {
    unit = NULL;
  }
  int year = (int)req_query_long(r, "year", 0, 1990, 2100);
  DisciplineQuery q = {0, path, r->user->scope, year};
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
    static const char *H[] = {"cadre_code", "full_name", "unit_code", "unit_name", "form", "authority",
                              "decision_date", "decision_no", "reason", "barred_until", "rule"};
    Table t;
    table_init(r, &t, H, 11);
    for (int i = 0; i < n; i++)
      table_add(r, &t, (const char *[11]){v[i].cadre_code, v[i].cadre_name, v[i].unit_code, v[i].unit_name, v[i].form,
                                          v[i].authority, v[i].decision_date, v[i].decision_no, v[i].reason,
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
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"disc-list\"><thead><tr>"
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

/* ---- the officer's form ---- */

/* The form; `e` brings back a refused one with each message next to its field. */
static void disc_form(Req *r, const Cadre *c, int status, const FieldErrors *e) {
  page_begin(r, arena_printf(r->a, "Kỷ luật %s", c->full_name), NAV_CADRES);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/can-bo/%U\">‹ Hồ sơ %s</a></p><h1>Ghi quyết định kỷ luật</h1>"
                 "<p>%s — %s</p></div>",
              c->code, c->full_name, c->full_name, or_dash(c->unit_name));
  html_printf(b, "<form method=\"post\" action=\"/can-bo/%U/ky-luat\" class=\"card stack\" id=\"disc-form\">", c->code);
  page_csrf_field(r);
  widget_error_summary(r, e);
  Choice auth[2] = {{"party", discipline_authority_label("party")}, {"state", discipline_authority_label("state")}};
  Choice forms[N_FORMS];
  for (int i = 0; i < N_FORMS; i++) forms[i] = (Choice){FORMS[i], discipline_form_label(FORMS[i])};
  widget_select(r, &(Field){.name = "authority", .label = "Loại kỷ luật", .required = true,
                            .value = req_form(r, "authority") ? req_form(r, "authority") : "party",
                            .error = field_errors_get(e, "authority")},
                auth, 2, NULL);
  widget_select(r, &(Field){.name = "form", .label = "Hình thức", .required = true,
                            .value = req_form(r, "form") ? req_form(r, "form") : FORMS[0], .error = field_errors_get(e, "form")},
                forms, N_FORMS, NULL);
  widget_date(r, &(Field){.name = "decision_date", .label = "Ngày quyết định", .required = true,
                          .value = req_form(r, "decision_date"), .error = field_errors_get(e, "decision_date")});
  widget_text(r, &(Field){.name = "decision_no", .label = "Số quyết định", .value = req_form(r, "decision_no"), .maxlen = 100});
  widget_textarea(r, &(Field){.name = "reason", .label = "Lý do", .value = req_form(r, "reason"), .maxlen = 2000}, 3);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Ghi quyết định</button></form>");
  page_end(r);
}

static bool cadre_arg(Req *r, Cadre *c) {
  int rc = r->nparams ? cadre_find(r->db, r->a, r->params[0], r->user->scope, c) : CB_ENOTFOUND;
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_discipline_form(Req *r) {
  Cadre c;
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (cadre_arg(r, &c)) disc_form(r, &c, 200, &none);
}

void page_discipline_post(Req *r) {
  Cadre c;
  if (!cadre_arg(r, &c)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  Discipline d = {.cadre_code = c.code, .form = req_form(r, "form"), .authority = req_form(r, "authority"),
                  .decision_no = req_form(r, "decision_no"), .reason = req_form(r, "reason")};
  if (!widget_date_field(r, "decision_date", "Ngày quyết định", true, &e, &d.decision_date)) {
    disc_form(r, &c, 400, &e);
    return;
  }
  int rc = discipline_record(r->db, r->a, r->user->username, r->user->scope, &d);
  if (rc == CB_EINVAL) {
    field_errors_add(&e, "form", "Hình thức: chọn hình thức và loại kỷ luật trong danh sách");
    disc_form(r, &c, 400, &e);
  } else if (rc) {
    resp_cb_error(r, rc);
  } else {
    resp_redirect(r, html_url(r->a, "/can-bo/%U#danh-gia-ky-luat", c.code));
  }
}

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
#include "web/pages.h"
#include "web/pages_eval.h"
#include "web/web.h"

static const char *const FORMS[] = {"reprimand", "warning", "removal_from_post", "expulsion", "salary_demotion",
                                    "demotion", "dismissal_from_service"};
#define N_FORMS 7

static void filter_form(Req *r, const char *unit, int year) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/ky-luat\" class=\"search card\" id=\"disc-filter\">");
  unit_select(r, unit);
  if (year)
    html_printf(b, "<div class=\"field\"><label for=\"year\">Năm quyết định</label><input id=\"year\" name=\"year\" "
                   "type=\"number\" min=\"1990\" max=\"2100\" value=\"%d\"></div>",
                year);
  else
    html_lit(b, "<div class=\"field\"><label for=\"year\">Năm quyết định</label><input id=\"year\" name=\"year\" "
                "type=\"number\" min=\"1990\" max=\"2100\" placeholder=\"Tất cả\"></div>");
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
  html_printf(b, "<div class=\"toolbar\"><span></span><div class=\"exports\"><a class=\"btn btn-ghost\" id=\"disc-csv\" "
                 "href=\"/ky-luat?format=csv&amp;unit=%U&amp;year=%s\">Xuất CSV</a></div></div>",
              unit ? unit : "", year ? arena_printf(r->a, "%d", year) : "");
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
    Buf c = BUF_INIT;
    const char *head[] = {"cadre_code", "full_name", "unit_code", "unit_name", "form", "authority", "decision_date",
                          "decision_no", "reason", "barred_until", "rule"};
    for (int i = 0; i < 11; i++) csv_cell(&c, head[i], i == 10);
    for (int i = 0; i < n; i++) {
      const char *f[] = {v[i].cadre_code, v[i].cadre_name, v[i].unit_code, v[i].unit_name, v[i].form,
                         v[i].authority, v[i].decision_date, v[i].decision_no, v[i].reason, bars[i].last,
                         bars[i].rule};
      for (int k = 0; k < 11; k++) csv_cell(&c, f[k], k == 10);
    }
    send_csv(r, &c, "ky-luat.csv");
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
      html_printf(b, "%s <span class=\"muted nowrap\">(%d tháng, %s)</span>", fmt_date(r, bars[i].last),
                  bars[i].months, bars[i].rule);
    else
      html_lit(b, "—");
    html_lit(b, "</td></tr>");
  }
  if (!n) html_lit(b, "<tr><td colspan=\"8\" class=\"empty\">Không có quyết định kỷ luật nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  page_end(r);
}

/* ---- the officer's form ---- */

static void option(Req *r, const char *value, const char *label, const char *sel) {
  if (sel && strcmp(sel, value) == 0)
    html_printf(&r->out, "<option value=\"%s\" selected>%s</option>", value, label);
  else
    html_printf(&r->out, "<option value=\"%s\">%s</option>", value, label);
}

static void disc_form(Req *r, const Cadre *c, int status, const char *error) {
  page_begin(r, arena_printf(r->a, "Kỷ luật %s", c->full_name), NAV_CADRES);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/can-bo/%U\">‹ Hồ sơ %s</a></p><h1>Ghi quyết định kỷ luật</h1>"
                 "<p>%s — %s</p></div>",
              c->code, c->full_name, c->full_name, or_dash(c->unit_name));
  if (error) page_notice(r, "error", error);
  html_printf(b, "<form method=\"post\" action=\"/can-bo/%U/ky-luat\" class=\"card stack\" id=\"disc-form\">", c->code);
  page_csrf_field(r);
  const char *form = req_form(r, "form"), *auth = req_form(r, "authority"), *date = req_form(r, "decision_date");
  const char *no = req_form(r, "decision_no"), *reason = req_form(r, "reason");
  html_lit(b, "<div class=\"field\"><label for=\"authority\">Loại kỷ luật</label><select id=\"authority\" name=\"authority\">");
  option(r, "party", discipline_authority_label("party"), auth);
  option(r, "state", discipline_authority_label("state"), auth);
  html_lit(b, "</select></div><div class=\"field\"><label for=\"form\">Hình thức</label><select id=\"form\" name=\"form\">");
  for (int i = 0; i < N_FORMS; i++) option(r, FORMS[i], discipline_form_label(FORMS[i]), form);
  html_printf(b, "</select></div><div class=\"field\"><label for=\"decision_date\">Ngày quyết định</label>"
                 "<input id=\"decision_date\" name=\"decision_date\" type=\"date\" required value=\"%s\"></div>"
                 "<div class=\"field\"><label for=\"decision_no\">Số quyết định</label><input id=\"decision_no\" "
                 "name=\"decision_no\" value=\"%s\"></div><div class=\"field\"><label for=\"reason\">Lý do</label>"
                 "<textarea id=\"reason\" name=\"reason\" rows=\"3\">%s</textarea></div>"
                 "<button type=\"submit\" class=\"btn btn-primary\">Ghi quyết định</button></form>",
              date ? date : "", no ? no : "", reason ? reason : "");
  page_end(r);
}

static bool cadre_arg(Req *r, Cadre *c) {
  int rc = r->nparams ? cadre_find(r->db, r->a, r->params[0], r->user->scope, c) : CB_ENOTFOUND;
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_discipline_form(Req *r) {
  Cadre c;
  if (cadre_arg(r, &c)) disc_form(r, &c, 200, NULL);
}

void page_discipline_post(Req *r) {
  Cadre c;
  if (!cadre_arg(r, &c)) return;
  Discipline d = {.cadre_code = c.code, .form = req_form(r, "form"), .authority = req_form(r, "authority"),
                  .decision_date = req_form(r, "decision_date"), .decision_no = req_form(r, "decision_no"),
                  .reason = req_form(r, "reason")};
  int rc = discipline_record(r->db, r->a, r->user->username, r->user->scope, &d);
  if (rc == CB_EINVAL)
    disc_form(r, &c, 400, "Dữ liệu không hợp lệ: chọn hình thức, loại kỷ luật và nhập ngày quyết định (dd/mm/yyyy).");
  else if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, arena_printf(r->a, "/can-bo/%s#danh-gia-ky-luat", c.code));
}

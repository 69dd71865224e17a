/*
** The unit page (GET /don-vi?date=): the unit tree as it stood on a date
** (domain/unit.c unit_list_at) with each unit's cadres on that date
** (membership rule), the units already ended by then, the reorganization
** acts (date, sources -> targets, decision), and for admins a merge form
** (POST /don-vi/sap-nhap, domain/reorg.c).
** Not for: SQL (domain), the home page tree (pages_home.c).
*/
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/counters.h"
#include "domain/membership.h"
#include "domain/reorg.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

static void date_form(Req *r, const char *date, const char *bad) {
  html_lit(&r->out, "<form method=\"get\" action=\"/don-vi\" class=\"search card\" role=\"search\">");
  widget_date(r, &(Field){.name = "date", .label = "Xem cơ cấu tại ngày", .required = true, .id = "date", .error = bad,
                          .value = bad ? req_query(r, "date") : date});
  html_lit(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
}

static long long count_in(const UnitTotal *t, int nt, long long unit_id) {
  for (int k = 0; k < nt; k++)
    if (t[k].unit_id == unit_id) return t[k].n;
  return 0;
}

/*
** Cadres per unit on `date`: from the counters when they answer the date (today), else by reading who
** belongs where (membership.h). Pairs in `a`.
*/
static int unit_totals(Req *r, const char *date, UnitTotal **out, int *n) {
  int rc = counters_unit_totals(r->db, r->a, r->scope, date, out, n);
  if (rc != CB_ENOTFOUND) return rc;
  Member *m;
  int nm;
  if ((rc = membership_list(r->db, r->a, r->scope, NULL, date, &m, &nm))) return rc;
  UnitTotal *t = arena_alloc(r->a, sizeof(UnitTotal) * (size_t)(nm ? nm : 1));
  int k = 0;
  for (int i = 0; i < nm; i++) {
    int j = 0;
    while (j < k && t[j].unit_id != m[i].unit_id) j++;
    if (j == k) t[k++] = (UnitTotal){m[i].unit_id, 0};
    t[j].n++;
  }
  *out = t;
  *n = k;
  return 0;
}

/* The units existing on `date`, as an indented table with their cadres on that date. */
static void tree_table(Req *r, const Unit *u, int n, const UnitTotal *m, int nm, const char *date) {
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" aria-labelledby=\"units-h\"><h2 id=\"units-h\" class=\"section-h\">"
                 "Đơn vị tồn tại ngày %s</h2>",
              fmt_date(r, date));
  if (n == 0) {
    html_lit(b, "<p class=\"muted\">Không có đơn vị nào vào ngày này.</p></section>");
    return;
  }
  html_lit(b, "<p class=\"muted\" id=\"units-note\">Cột «Cán bộ trực thuộc trực tiếp» chỉ đếm cán bộ của chính đơn vị, "
              "không gồm các đơn vị cấp dưới (trang chủ đếm cả đơn vị cấp dưới).</p>"
              "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list units-at\"><thead><tr><th scope=\"col\">Đơn vị</th>"
              "<th scope=\"col\">Mã</th><th scope=\"col\">Cấp</th><th scope=\"col\">Hiệu lực</th>"
              "<th scope=\"col\" class=\"num\">Cán bộ trực thuộc trực tiếp</th></tr></thead><tbody>");
  int base = u[0].depth;
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr data-unit=\"%s\"><td>", u[i].code);
    for (int d = base; d < u[i].depth && d < base + 8; d++) html_lit(b, "<span class=\"indent\" aria-hidden=\"true\"></span>");
    html_printf(b, "<a href=\"/can-bo?unit=%U\">%s</a></td><td>%s</td><td>%s</td><td>", u[i].code, u[i].name,
                u[i].code, unit_level_label(u[i].level));
    if (u[i].valid_from && *u[i].valid_from) html_printf(b, "từ %s ", fmt_date(r, u[i].valid_from));
    if (u[i].valid_to && *u[i].valid_to)
      html_printf(b, "<span class=\"badge badge-warn\">kết thúc %s</span>", fmt_date(r, u[i].valid_to));
    html_printf(b, "</td><td class=\"num\">%s</td></tr>", fmt_count(r, count_in(m, nm, u[i].id)));
  }
  html_lit(b, "</tbody></table></div></section>");
}

/* Units of the scope that ended before `date` (kept with their history). */
static void ended_table(Req *r, const Unit *all, int n, const char *date) {
  Buf *b = &r->out;
  int shown = 0;
  for (int i = 0; i < n; i++) {
    if (!all[i].valid_to || !*all[i].valid_to || strcmp(all[i].valid_to, date) >= 0) continue;
    if (!shown++)
      html_lit(b, "<section class=\"card\" aria-labelledby=\"ended-h\"><h2 id=\"ended-h\" class=\"section-h\">"
                  "Đơn vị đã kết thúc trước ngày này</h2><div class=\"table-wrap\" tabindex=\"0\"><table class=\"list units-ended\">"
                  "<thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Mã</th><th scope=\"col\">Cấp</th>"
                  "<th scope=\"col\">Kết thúc</th></tr></thead><tbody>");
    html_printf(b, "<tr data-unit=\"%s\" class=\"ended\"><td>%s</td><td>%s</td><td>%s</td>"
                   "<td><span class=\"badge badge-muted\">Đã kết thúc %s</span></td></tr>",
                all[i].code, all[i].name, all[i].code, unit_level_label(all[i].level), fmt_date(r, all[i].valid_to));
  }
  if (shown) html_lit(b, "</tbody></table></div></section>");
}

static void unit_names(Req *r, const Unit *u, int n) {
  for (int i = 0; i < n; i++) {
    if (i) html_lit(&r->out, ", ");
    html_printf(&r->out, "%s (%s)", u[i].name, u[i].code);
  }
}

static void acts_table(Req *r, const ReorgAct *v, int n) {
  Buf *b = &r->out;
  html_lit(b, "<section class=\"card\" aria-labelledby=\"acts-h\"><h2 id=\"acts-h\" class=\"section-h\">"
              "Các lần sắp xếp đơn vị</h2>");
  if (n == 0) {
    html_lit(b, "<p class=\"muted\">Chưa có lần sáp nhập, chia tách nào.</p></section>");
    return;
  }
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list reorg-acts\"><thead><tr><th scope=\"col\">Ngày hiệu lực</th>"
              "<th scope=\"col\">Hình thức</th><th scope=\"col\">Đơn vị cũ</th><th scope=\"col\">Đơn vị mới</th>"
              "<th scope=\"col\">Quyết định</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td><a href=\"/don-vi?date=%U\">%s</a></td><td>%s</td><td>", v[i].date, fmt_date(r, v[i].date),
                strcmp(v[i].kind, "merge") == 0 ? "Sáp nhập" : "Chia tách");
    unit_names(r, v[i].sources, v[i].nsources);
    html_lit(b, "</td><td>");
    unit_names(r, v[i].targets, v[i].ntargets);
    html_printf(b, "</td><td>%s</td></tr>", or_dash(v[i].decision_no));
  }
  html_lit(b, "</tbody></table></div></section>");
}

/* The merge form (admins): sources, an existing target or a new unit, date, decision. */
static void merge_form(Req *r, const Unit *u, int n, const char *date, const FieldErrors *e) {
  Buf *b = &r->out;
  html_lit(b, "<section class=\"card\" aria-labelledby=\"merge-h\"><h2 id=\"merge-h\" class=\"section-h\">"
              "Sáp nhập đơn vị</h2><form method=\"post\" action=\"/don-vi/sap-nhap\" class=\"stack merge-form\">");
  page_csrf_field(r);
  html_lit(b, "<div class=\"field\"><label for=\"source\">Các đơn vị bị sáp nhập</label>"
              "<select id=\"source\" name=\"source\" multiple size=\"8\" required>");
  widget_unit_options(r, u, n, NULL);
  html_lit(b, "</select><p class=\"help\">Giữ Ctrl để chọn nhiều đơn vị.</p></div>");
  widget_unit_select_all(r, &(Field){.name = "into", .label = "Sáp nhập vào đơn vị có sẵn", .id = "into"}, u, n,
                         "— Tạo đơn vị mới (điền bên dưới) —");
  html_lit(b, "<fieldset><legend>Đơn vị mới</legend>");
  widget_text(r, &(Field){.name = "new_code", .label = "Mã", .id = "new_code", .maxlen = 50});
  widget_text(r, &(Field){.name = "new_name", .label = "Tên", .id = "new_name", .maxlen = 200});
  Choice levels[UNIT_NLEVELS];
  for (int i = 0; i < UNIT_NLEVELS; i++) levels[i] = (Choice){UNIT_LEVELS[i], unit_level_label(UNIT_LEVELS[i])};
  widget_select(r, &(Field){.name = "new_level", .label = "Cấp", .id = "new_level"}, levels, UNIT_NLEVELS,
                "— Như đơn vị bị sáp nhập đầu tiên —");
  widget_unit_select_all(r, &(Field){.name = "new_parent", .label = "Đơn vị cấp trên", .id = "new_parent"}, u, n,
                         "— Như đơn vị bị sáp nhập đầu tiên —");
  html_lit(b, "<div class=\"field\"><label for=\"new_locality\">Địa bàn</label>"
              "<input id=\"new_locality\" name=\"new_locality\"></div></fieldset>");
  widget_date(r, &(Field){.name = "date", .label = "Ngày hiệu lực", .required = true, .id = "merge_date",
                          .value = req_form(r, "date") ? req_form(r, "date") : date, .error = field_errors_get(e, "date")});
  html_lit(b, "<div class=\"field\"><label for=\"decision\">Số quyết định</label><input id=\"decision\" name=\"decision\"></div>"
              "<div class=\"field\"><label for=\"note\">Ghi chú</label><input id=\"note\" name=\"note\"></div>"
              "<button type=\"submit\" class=\"btn btn-primary\">Sáp nhập</button></form></section>");
}

/* The page on `date` (ISO); `bad` why the date asked is not one, `error`/`e` a refused merge. */
static void units_page(Req *r, int status, const char *date, const char *bad, const char *error, const FieldErrors *e,
                       const char *ok) {
  const char *scope = scope_legacy(r->scope);
  Unit *u, *all;
  int n, nall, nm, na;
  UnitTotal *m;
  ReorgAct *acts;
  int rc = unit_list_at(r->db, r->a, scope_from_legacy(scope), date, &u, &n);
  if (!rc) rc = unit_list(r->db, r->a, scope_from_legacy(scope), &all, &nall);
  if (!rc) rc = unit_totals(r, date, &m, &nm);
  if (!rc) rc = reorg_list(r->db, r->a, scope_from_legacy(scope), &acts, &na);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, "Cơ cấu đơn vị", NAV_HOME);
  r->status = bad && status == 200 ? 400 : status;
  html_printf(&r->out, "<div class=\"page-head\"><h1>Cơ cấu đơn vị ngày %s</h1>"
                       "<p class=\"muted\">Cây đơn vị và số cán bộ đúng như tại ngày đã chọn; đơn vị đã sáp nhập, "
                       "chia tách vẫn giữ lịch sử.</p></div>",
              fmt_date(r, date));
  if (error) page_notice(r, "error", error);
  if (ok) page_notice(r, "ok", ok);
  date_form(r, date, bad);
  tree_table(r, u, n, m, nm, date);
  ended_table(r, all, nall, date);
  acts_table(r, acts, na);
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (r->user->role >= ROLE_ADMIN) merge_form(r, u, n, date, e ? e : &none);
  page_end(r);
}

void page_units(Req *r) {
  const char *ok = req_query(r, "ok") ? "Đã ghi việc sáp nhập đơn vị." : NULL, *bad = NULL;
  const char *date = widget_date_arg(r, "date", page_today(r), &bad);
  units_page(r, 200, date, bad, NULL, NULL, ok);
}

static int http_status(int rc) {
  return rc == CB_ENOTFOUND ? 404 : rc == CB_EDB ? 500 : 400;
}

void page_units_merge(Req *r) {
  int ns = 0;
  const char **src = arena_alloc(r->a, sizeof *src * (size_t)(r->nform + 1));
  for (int i = 0; i < r->nform; i++)
    if (strcmp(r->form[i].name, "source") == 0 && *r->form[i].value) src[ns++] = r->form[i].value;
  const char *into = req_form(r, "into"), *date;
  FieldErrors e;
  field_errors_init(&e, r->a);
  if (!widget_date_field(r, "date", "Ngày hiệu lực", true, &e, &date)) {
    units_page(r, 400, page_today(r), NULL, e.v[0].message, &e, NULL);
    return;
  }
  Unit nu = {.code = req_form(r, "new_code"), .name = req_form(r, "new_name"), .level = req_form(r, "new_level"),
             .parent_code = req_form(r, "new_parent"), .locality = req_form(r, "new_locality")};
  bool create = !into || !*into;
  ReorgMerge req = {.sources = src, .nsources = ns, .into = create ? nu.code : into, .new_unit = create ? &nu : NULL,
                    .date = date, .decision_no = req_form(r, "decision"), .note = req_form(r, "note"),
                    .actor = r->user->username, .scope = scope_legacy(r->scope)};
  ReorgResult res;
  int rc = reorg_merge(r->db, r->a, &req, &res);
  if (rc) {
    units_page(r, http_status(rc), date, NULL, res.message ? res.message : "Không sáp nhập được.", &e, NULL);
    return;
  }
  resp_redirect(r, html_url(r->a, "/don-vi?ok=1&date=%U", date));
}

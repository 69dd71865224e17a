/*
** /quan-he-gia-dinh: the relatives report of a unit subtree -- every
** recorded pair with their posts on a date and the REL finding, the
** "nể nang do quan hệ gia đình" made visible -- with CSV export, and the
** form recording a relation (two cadre pickers; a refused form comes back
** with each message next to its field, the findings are shown after the
** redirect). No SQL here (domain/relative.h).
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/relative.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

/* Pairs on a page of the report (issue 9: every list is paged). */
enum { PAIRS_PER_PAGE = 100 };

static const char *const RELATIONS[] = {"spouse", "parent", "child", "sibling", "parent_in_law", "child_in_law",
                                        "sibling_in_law"};

static void relation_form(Req *r, const FieldErrors *e, const CadrePick *cadre, const CadrePick *relative) {
  Buf *b = &r->out;
  Choice c[7];
  for (int i = 0; i < 7; i++) c[i] = (Choice){RELATIONS[i], relation_label(RELATIONS[i], NULL)};
  if (e->n) html_lit(b, "<details class=\"card\" id=\"relative-details\" open>");
  else html_lit(b, "<details class=\"card\" id=\"relative-details\">");
  html_lit(b, "<summary>Ghi quan hệ gia đình</summary><form method=\"post\" action=\"/quan-he-gia-dinh\" class=\"stack\" "
              "id=\"relative-form\">");
  page_csrf_field(r);
  widget_error_summary(r, e);
  widget_cadre_field(r, &(Field){.name = "cadre", .label = "Cán bộ", .required = true, .error = field_errors_get(e, "cadre")},
                     cadre);
  widget_select(r, &(Field){.name = "relation", .label = "Người thân là … của cán bộ", .required = true,
                            .value = req_form(r, "relation"), .error = field_errors_get(e, "relation")},
                c, 7, NULL);
  widget_cadre_field(r, &(Field){.name = "relative", .label = "Người thân (cũng là cán bộ)", .required = true,
                                 .error = field_errors_get(e, "relative")},
                     relative);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Ghi</button></form></details>");
}

static void send_pairs_csv(Req *r, const RelPair *v, int n) {
  static const char *H[] = {"Mã cán bộ", "Họ và tên", "Mã người thân", "Họ và tên người thân", "Quan hệ",
                            "Chức vụ của cán bộ", "Chức vụ của người thân", "Cùng đơn vị", "Quy định", "Kết quả",
                            "Nhận xét"};
  Table t;
  table_init(r, &t, H, 11);
  for (int i = 0; i < n; i++)
    table_add(r, &t, (const char *[11]){v[i].a_code, v[i].a_name, v[i].b_code, v[i].b_name,
                                        v[i].relation_label, v[i].a_posts, v[i].b_posts,
                                        v[i].unit_name ? v[i].unit_name : v[i].unit_code, v[i].rule,
                                        result_label(v[i].result), v[i].message});
  table_send(r, &t, "csv", "quan-he-gia-dinh");
}

/* The report; `e`, `cadre`, `relative` bring back a refused form. */
static void relatives_page(Req *r, int status, const FieldErrors *e, const CadrePick *cadre, const CadrePick *relative) {
  char today[16];
  const char *unit = str_or_null(req_query(r, "unit")), *bad = NULL;
  const char *date = widget_date_arg(r, "date", date_iso(date_today(), today), &bad);
  const char *scope = scope_legacy(r->scope);
  RelPair *v;
  Unit *units;
  int n, nu;
  int rc = relative_report(r->db, r->a, scope_from_legacy(scope), unit, date, &v, &n);
  if (!rc) rc = unit_list(r->db, r->a, scope_from_legacy(scope), &units, &nu);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *fmt = req_query(r, "format");
  if (fmt && strcmp(fmt, "csv") == 0 && !bad) {
    send_pairs_csv(r, v, n);
    return;
  }
  /* a page of PAIRS_PER_PAGE pairs (the failures and warnings sort first); the CSV holds them all */
  int pages = n ? (n + PAIRS_PER_PAGE - 1) / PAIRS_PER_PAGE : 1, page = (int)req_query_long(r, "page", 1, 1, 100000);
  if (page > pages) page = pages;
  int from = (page - 1) * PAIRS_PER_PAGE, to = from + PAIRS_PER_PAGE < n ? from + PAIRS_PER_PAGE : n;
  page_begin(r, "Quan hệ gia đình", NAV_NONE);
  r->status = bad && status == 200 ? 400 : status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>Quan hệ gia đình trong cán bộ</h1><p class=\"muted\">Các cặp người thân, "
                 "chức vụ của mỗi người ngày %s và kết luận theo REL-1 (người đứng đầu, cấp phó và người thân giữ chức vụ "
                 "nhân sự, kế toán, thủ quỹ, thủ kho) và REL-2 (người thân cùng trong lãnh đạo đơn vị).</p></div>",
              fmt_date(r, date));
  widget_recorded_findings(r, "ghi", "relative", "Đã ghi quan hệ. Kết quả kiểm tra:");
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (page_can_write(r)) relation_form(r, e ? e : &none, cadre, relative);
  html_lit(b, "<form method=\"get\" action=\"/quan-he-gia-dinh\" class=\"search card\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit}, units, nu,
                         "Tất cả đơn vị trong phạm vi");
  widget_date(r, &(Field){.name = "date", .label = "Ngày", .value = bad ? req_query(r, "date") : date, .error = bad});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
  html_printf(b, "<div class=\"toolbar\"><p class=\"count-line\"><strong>%s</strong> cặp người thân</p>"
                 "<div class=\"exports\"><a class=\"btn btn-ghost\" id=\"export-csv\" href=\"%s\">Xuất CSV</a></div></div>",
              fmt_count(r, n), html_url(r->a, "/quan-he-gia-dinh?format=csv&unit=%U&date=%U", unit ? unit : "", date));
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"pairs\"><thead><tr><th scope=\"col\">Cán bộ</th>"
              "<th scope=\"col\">Chức vụ</th><th scope=\"col\">Quan hệ</th><th scope=\"col\">Người thân</th>"
              "<th scope=\"col\">Chức vụ</th><th scope=\"col\">Cùng đơn vị</th><th scope=\"col\">Kết luận</th>"
              "</tr></thead><tbody>");
  for (int i = from; i < to; i++) {
    html_printf(b, "<tr class=\"finding-%s\"><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>"
                   "<td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td><td>",
                result_name(v[i].result), v[i].a_code, v[i].a_name, or_dash(v[i].a_posts), v[i].relation_label,
                v[i].b_code, v[i].b_name, or_dash(v[i].b_posts), or_dash(v[i].unit_name));
    widget_result_badge(r, v[i].result);
    html_printf(b, " %s %s<div class=\"basis\">%s</div></td></tr>", v[i].rule ? v[i].rule : "", v[i].message,
                or_dash(v[i].basis));
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"7\" class=\"empty\">Chưa ghi nhận quan hệ gia đình nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  widget_pager(r, html_url(r->a, "/quan-he-gia-dinh?unit=%U&date=%U", unit ? unit : "", date), page, PAIRS_PER_PAGE, n,
               false);
  page_end(r);
}

void page_relatives(Req *r) { relatives_page(r, 200, NULL, NULL, NULL); }

void page_relative_post(Req *r) {
  FieldErrors e;
  field_errors_init(&e, r->a);
  CadrePick cadre, relative;
  if (!widget_cadre_read(r, "cadre", &e, &cadre) || !widget_cadre_read(r, "relative", &e, &relative)) return;
  const char *relation = req_form(r, "relation");
  bool known = false;
  for (int i = 0; relation && i < 7; i++) known = known || strcmp(relation, RELATIONS[i]) == 0;
  if (!known) field_errors_add(&e, "relation", "Quan hệ: chọn một quan hệ trong danh sách");
  if (!e.n && strcmp(cadre.code, relative.code) == 0)
    field_errors_add(&e, "relative", "Người thân: phải là một người khác với cán bộ");
  if (e.n) {
    relatives_page(r, 400, &e, &cadre, &relative);
    return;
  }
  char today[16];
  long long id;
  Findings f;
  int rc = relative_add(r->db, r->a, r->scope, r->user->username, cadre.code, relative.code, relation,
                    date_iso(date_today(), today), &f, &id);
  if (rc == CB_EINVAL || rc == CB_EEXIST || rc == CB_ENOTFOUND) {
    field_errors_add(&e, "relative", "%s",
                     rc == CB_EEXIST ? "Người thân: hai cán bộ này đã được ghi là người thân (quan hệ ngược lại được hiểu ngầm)"
                     : rc == CB_ENOTFOUND ? "Người thân: không tìm thấy cán bộ trong phạm vi của bạn"
                                          : "Quan hệ không hợp lệ");
    relatives_page(r, rc == CB_ENOTFOUND ? 404 : 400, &e, &cadre, &relative);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/quan-he-gia-dinh?ghi=%lld", id));
}

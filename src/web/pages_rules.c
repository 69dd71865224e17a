/*
** The rules page (GET /quy-dinh?group=&format=csv): every rule version with
** its parameters, legal basis, effective dates, confidence (V/U with the
** note visible) and state. Admins edit a version (GET/POST /quy-dinh/{id}:
** parameters as a JSON object, end date, enabled, note) and add a new
** version of its rule from a date (POST /quy-dinh/{id}/phien-ban-moi).
** Every change is audited by domain/rules.c.
**
** Not for: the JSON API (api_rules.c).
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/rules.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

static const char *const GROUPS[][2] = {
    {"RET", "Tuổi nghỉ hưu"}, {"PLAN", "Quy hoạch"},        {"APPT", "Bổ nhiệm"}, {"ROT", "Luân chuyển"},
    {"REL", "Quan hệ gia đình"}, {"EVAL", "Đánh giá"},      {"DISC", "Kỷ luật"},  {"STD", "Tiêu chuẩn chức danh"},
    {"CONG", "Đại hội"},
};
#define N_GROUPS (int)(sizeof GROUPS / sizeof GROUPS[0])

/* True when rule "PLAN-4" is of group "PLAN" (NULL/"" group: all). */
static bool in_group(const char *rule, const char *group) {
  if (!group || !*group) return true;
  size_t n = strlen(group);
  return strncmp(rule, group, n) == 0 && rule[n] == '-';
}

static void filter_form(Req *r, const char *group) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/quy-dinh\" class=\"search card\" id=\"rules-filter\">");
  Choice c[N_GROUPS];
  for (int i = 0; i < N_GROUPS; i++) c[i] = (Choice){GROUPS[i][0], arena_printf(r->a, "%s (%s)", GROUPS[i][1], GROUPS[i][0])};
  widget_select(r, &(Field){.name = "group", .label = "Nhóm quy định", .value = group, .id = "group"}, c, N_GROUPS, "Tất cả");
  html_printf(b, "<button type=\"submit\" class=\"btn btn-primary\">Lọc</button><a class=\"btn btn-ghost\" "
                 "id=\"rules-csv\" href=\"%s\">Xuất CSV</a>",
              html_url(r->a, "/quy-dinh?format=csv&group=%U", group ? group : ""));
  html_lit(b, "</form>");
}

static void confidence_cell(Req *r, const RuleVersion *v) {
  Buf *b = &r->out;
  if (strcmp(v->confidence, "U") == 0)
    html_lit(b, "<td><span class=\"badge badge-u\" title=\"Chưa chắc chắn: là tham số, xem ghi chú\">U</span>");
  else
    html_lit(b, "<td><span class=\"badge badge-v\" title=\"Có nguồn công bố\">V</span>");
  if (v->note && *v->note) html_printf(b, "<p class=\"rule-note\">%s</p>", v->note);
  html_lit(b, "</td>");
}

static void rules_table(Req *r, const RuleVersion *v, int n, const char *group) {
  Buf *b = &r->out;
  bool admin = r->user && http_user_allows(r->user, PERM_ORG_ADMIN); /* rule versions are organisation-wide (issue 12) */
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list rules\" id=\"rules\"><caption class=\"sr-only\">Các phiên bản "
              "quy định</caption><thead><tr><th scope=\"col\" class=\"num\">Mã</th><th scope=\"col\">Quy định</th>"
              "<th scope=\"col\">Nội dung</th><th scope=\"col\">Tham số</th><th scope=\"col\">Căn cứ</th>"
              "<th scope=\"col\">Hiệu lực</th><th scope=\"col\">Độ tin cậy, ghi chú</th><th scope=\"col\">Trạng thái</th>");
  if (admin) html_lit(b, "<th scope=\"col\"><span class=\"sr-only\">Thao tác</span></th>");
  html_lit(b, "</tr></thead><tbody>");
  int shown = 0;
  for (int i = 0; i < n; i++) {
    if (!in_group(v[i].rule, group)) continue;
    shown++;
    html_printf(b, "<tr id=\"rv-%lld\"><td class=\"num\">%lld</td><td class=\"nowrap\"><strong>%s</strong></td>"
                   "<td>%s</td><td><code class=\"params\">%s</code></td><td>%s</td><td class=\"nowrap\">%s – %s</td>",
                v[i].id, v[i].id, v[i].rule, v[i].title, v[i].params, v[i].basis, fmt_date(r, v[i].effective_from),
                v[i].effective_to ? fmt_date(r, v[i].effective_to) : "nay");
    confidence_cell(r, &v[i]);
    html_printf(b, "<td>%s</td>", v[i].enabled ? "Đang áp dụng" : "Đã tắt");
    if (admin) html_printf(b, "<td><a href=\"/quy-dinh/%lld\" class=\"btn btn-ghost\">Sửa</a></td>", v[i].id);
    html_lit(b, "</tr>");
  }
  if (!shown) html_lit(b, "<tr><td colspan=\"9\" class=\"empty\">Không có quy định nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

static void rules_csv(Req *r, const RuleVersion *v, int n, const char *group) {
  static const char *H[] = {"id", "rule", "title", "params", "basis", "effective_from", "effective_to", "confidence",
                            "note", "enabled"};
  Table t;
  table_init(r, &t, H, 10);
  for (int i = 0; i < n; i++)
    if (in_group(v[i].rule, group))
      table_add(r, &t, (const char *[10]){arena_printf(r->a, "%lld", v[i].id), v[i].rule, v[i].title, v[i].params,
                                          v[i].basis, v[i].effective_from, v[i].effective_to, v[i].confidence,
                                          v[i].note, v[i].enabled ? "1" : "0"});
  table_send(r, &t, "csv", "quy-dinh");
}

void page_rules(Req *r) {
  RuleVersion *v;
  int n;
  int rc = rules_list(r->db, r->a, &v, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *group = req_query(r, "group"), *format = req_query(r, "format");
  if (format && strcmp(format, "csv") == 0) {
    rules_csv(r, v, n, group);
    return;
  }
  page_begin(r, "Quy định", NAV_NONE);
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Quy định áp dụng</h1><p>Mỗi quy định có thể có nhiều phiên bản; một việc "
              "được kiểm tra theo phiên bản có hiệu lực vào ngày của việc đó. Độ tin cậy <strong>V</strong>: có nguồn "
              "công bố; <strong>U</strong>: chưa chắc chắn, được đặt thành tham số kèm ghi chú.</p></div>");
  if (req_query(r, "ok")) page_notice(r, "ok", "Đã lưu thay đổi quy định.");
  filter_form(r, group);
  rules_table(r, v, n, group);
  page_end(r);
}

/*
** The edit page of version rv; `error` (or NULL) shown on top, `e` the bad
** date fields, `new_params` refills the new-version form after an error.
*/
static void edit_page(Req *r, const RuleVersion *rv, int status, const char *error, const char *new_params,
                      const FieldErrors *e) {
  page_begin(r, arena_printf(r->a, "Sửa quy định %s", rv->rule), NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/quy-dinh#rv-%lld\">‹ Danh sách quy định</a></p>"
                 "<h1>%s — phiên bản từ %s</h1><p>%s</p><p class=\"muted\">Căn cứ: %s</p></div>",
              rv->id, rv->rule, fmt_date(r, rv->effective_from), rv->title, rv->basis);
  if (error) page_notice(r, "error", error);
  html_printf(b, "<form method=\"post\" action=\"/quy-dinh/%lld\" class=\"card stack\" id=\"rule-edit\">", rv->id);
  page_csrf_field(r);
  html_printf(b, "<h2 class=\"section-h\">Sửa phiên bản này</h2>"
                 "<div class=\"field\"><label for=\"params\">Tham số (đối tượng JSON)</label>"
                 "<textarea id=\"params\" name=\"params\" rows=\"4\" spellcheck=\"false\" class=\"mono\">%s</textarea></div>",
              rv->params);
  const char *to = req_form(r, "effective_to");
  widget_date(r, &(Field){.name = "effective_to", .label = "Hết hiệu lực sau ngày", .id = "effective_to",
                          .value = to ? to : rv->effective_to, .error = field_errors_get(e, "effective_to"),
                          .hint = "Để trống: còn hiệu lực."});
  if (rv->enabled)
    html_lit(b, "<div class=\"field\"><label><input type=\"checkbox\" name=\"enabled\" value=\"1\" checked> Đang áp dụng</label></div>");
  else
    html_lit(b, "<div class=\"field\"><label><input type=\"checkbox\" name=\"enabled\" value=\"1\"> Đang áp dụng</label></div>");
  widget_textarea(r, &(Field){.name = "note", .label = "Ghi chú", .id = "note", .value = rv->note}, 3);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Lưu thay đổi</button></form>");
  html_printf(b, "<form method=\"post\" action=\"/quy-dinh/%lld/phien-ban-moi\" class=\"card stack\" id=\"rule-new\">",
              rv->id);
  page_csrf_field(r);
  html_printf(b, "<h2 class=\"section-h\">Thêm phiên bản mới của %s</h2><p class=\"help\">Phiên bản đang mở sẽ hết "
                 "hiệu lực vào ngày trước ngày bắt đầu của phiên bản mới.</p>",
              rv->rule);
  widget_date(r, &(Field){.name = "effective_from", .label = "Có hiệu lực từ ngày", .id = "effective_from", .required = true,
                          .value = req_form(r, "effective_from"), .error = field_errors_get(e, "effective_from")});
  html_printf(b, "<div class=\"field\"><label for=\"new_params\">Tham số (đối tượng JSON)</label>"
                 "<textarea id=\"new_params\" name=\"params\" rows=\"4\" spellcheck=\"false\" class=\"mono\">%s</textarea></div>",
              new_params ? new_params : rv->params);
  widget_textarea(r, &(Field){.name = "note", .label = "Ghi chú", .id = "new_note"}, 2);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Thêm phiên bản</button></form>");
  page_end(r);
}

static bool find_or_404(Req *r, RuleVersion *rv) {
  long long id;
  if (!req_param_id(r, 0, &id)) return false;
  int rc = rules_find(r->db, r->a, id, rv);
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_rule_edit(Req *r) {
  RuleVersion rv;
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (find_or_404(r, &rv)) edit_page(r, &rv, 200, NULL, NULL, &none);
}

void page_rule_edit_post(Req *r) {
  RuleVersion rv;
  if (!find_or_404(r, &rv)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  const char *params = req_form(r, "params"), *note = req_form(r, "note"), *to;
  int enabled = req_form(r, "enabled") ? 1 : 0;
  if (!widget_date_field(r, "effective_to", "Hết hiệu lực sau ngày", false, &e, &to)) {
    edit_page(r, &rv, 400, e.v[0].message, NULL, &e);
    return;
  }
  int rc = rules_update(r->db, r->user->username, rv.id, params, to ? to : "", enabled, note ? note : "");
  if (rc == CB_EINVAL) {
    RuleVersion shown = rv;
    if (params) shown.params = params;
    edit_page(r, &shown, 400,
              "Không lưu được: tham số phải là một đối tượng JSON (ví dụ {\"max\": 3}), ngày hết hiệu lực không được "
              "trước ngày có hiệu lực.",
              NULL, &e);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/quy-dinh?ok=1#rv-%lld", rv.id));
}

void page_rule_new_version(Req *r) {
  RuleVersion rv;
  if (!find_or_404(r, &rv)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  const char *params = req_form(r, "params"), *note = req_form(r, "note"), *from;
  if (!widget_date_field(r, "effective_from", "Có hiệu lực từ ngày", true, &e, &from)) {
    edit_page(r, &rv, 400, e.v[0].message, params, &e);
    return;
  }
  RuleVersion nv = {.rule = rv.rule, .params = params, .effective_from = from, .note = str_or_null(note)};
  long long id = 0;
  int rc = rules_add_version(r->db, r->user->username, &nv, &id);
  if (rc == CB_EINVAL || rc == CB_EEXIST) {
    edit_page(r, &rv, 400,
              rc == CB_EEXIST ? "Không thêm được: quy định này đã có phiên bản có hiệu lực từ ngày đó."
                              : "Không thêm được: cần ngày có hiệu lực hợp lệ và tham số là một đối tượng JSON.",
              params, &e);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/quy-dinh?ok=1#rv-%lld", id));
}

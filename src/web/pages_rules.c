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
#include "web/pages.h"
#include "web/pages_eval.h"
#include "web/web.h"

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
  html_lit(b, "<form method=\"get\" action=\"/quy-dinh\" class=\"search card\" id=\"rules-filter\">"
              "<div class=\"field\"><label for=\"group\">Nhóm quy định</label><select id=\"group\" name=\"group\">"
              "<option value=\"\">Tất cả</option>");
  for (int i = 0; i < N_GROUPS; i++) {
    if (group && strcmp(group, GROUPS[i][0]) == 0)
      html_printf(b, "<option value=\"%s\" selected>%s (%s)</option>", GROUPS[i][0], GROUPS[i][1], GROUPS[i][0]);
    else
      html_printf(b, "<option value=\"%s\">%s (%s)</option>", GROUPS[i][0], GROUPS[i][1], GROUPS[i][0]);
  }
  html_lit(b, "</select></div><button type=\"submit\" class=\"btn btn-primary\">Lọc</button>");
  html_printf(b, "<a class=\"btn btn-ghost\" id=\"rules-csv\" href=\"/quy-dinh?format=csv&amp;group=%U\">Xuất CSV</a>",
              group ? group : "");
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
  bool admin = r->user && r->user->role >= ROLE_ADMIN;
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
  Buf c = BUF_INIT;
  const char *head[] = {"id", "rule", "title", "params", "basis", "effective_from", "effective_to", "confidence",
                        "note", "enabled"};
  for (int i = 0; i < 10; i++) csv_cell(&c, head[i], i == 9);
  for (int i = 0; i < n; i++) {
    if (!in_group(v[i].rule, group)) continue;
    csv_cell(&c, arena_printf(r->a, "%lld", v[i].id), false);
    const char *f[] = {v[i].rule, v[i].title, v[i].params, v[i].basis, v[i].effective_from, v[i].effective_to,
                       v[i].confidence, v[i].note};
    for (int k = 0; k < 8; k++) csv_cell(&c, f[k], false);
    csv_cell(&c, v[i].enabled ? "1" : "0", true);
  }
  send_csv(r, &c, "quy-dinh.csv");
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

/* The edit page of version rv; `error` (or NULL) shown on top, `params`/`note` refill the forms after an error. */
static void edit_page(Req *r, const RuleVersion *rv, int status, const char *error, const char *new_params) {
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
                 "<textarea id=\"params\" name=\"params\" rows=\"4\" spellcheck=\"false\" class=\"mono\">%s</textarea></div>"
                 "<div class=\"field\"><label for=\"effective_to\">Hết hiệu lực sau ngày (để trống: còn hiệu lực)</label>"
                 "<input id=\"effective_to\" name=\"effective_to\" type=\"date\" value=\"%s\"></div>",
              rv->params, rv->effective_to ? rv->effective_to : "");
  if (rv->enabled)
    html_lit(b, "<div class=\"field\"><label><input type=\"checkbox\" name=\"enabled\" value=\"1\" checked> Đang áp dụng</label></div>");
  else
    html_lit(b, "<div class=\"field\"><label><input type=\"checkbox\" name=\"enabled\" value=\"1\"> Đang áp dụng</label></div>");
  html_printf(b, "<div class=\"field\"><label for=\"note\">Ghi chú</label><textarea id=\"note\" name=\"note\" rows=\"3\">%s"
                 "</textarea></div><button type=\"submit\" class=\"btn btn-primary\">Lưu thay đổi</button></form>",
              rv->note ? rv->note : "");
  html_printf(b, "<form method=\"post\" action=\"/quy-dinh/%lld/phien-ban-moi\" class=\"card stack\" id=\"rule-new\">",
              rv->id);
  page_csrf_field(r);
  html_printf(b, "<h2 class=\"section-h\">Thêm phiên bản mới của %s</h2><p class=\"help\">Phiên bản đang mở sẽ hết "
                 "hiệu lực vào ngày trước ngày bắt đầu của phiên bản mới.</p>"
                 "<div class=\"field\"><label for=\"effective_from\">Có hiệu lực từ ngày</label>"
                 "<input id=\"effective_from\" name=\"effective_from\" type=\"date\" required></div>"
                 "<div class=\"field\"><label for=\"new_params\">Tham số (đối tượng JSON)</label>"
                 "<textarea id=\"new_params\" name=\"params\" rows=\"4\" spellcheck=\"false\" class=\"mono\">%s</textarea></div>"
                 "<div class=\"field\"><label for=\"new_note\">Ghi chú</label><textarea id=\"new_note\" name=\"note\" "
                 "rows=\"2\"></textarea></div><button type=\"submit\" class=\"btn btn-primary\">Thêm phiên bản</button></form>",
              rv->rule, new_params ? new_params : rv->params);
  page_end(r);
}

static bool find_or_404(Req *r, RuleVersion *rv) {
  long long id = rule_id_param(r);
  int rc = id ? rules_find(r->db, r->a, id, rv) : CB_ENOTFOUND;
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_rule_edit(Req *r) {
  RuleVersion rv;
  if (find_or_404(r, &rv)) edit_page(r, &rv, 200, NULL, NULL);
}

void page_rule_edit_post(Req *r) {
  RuleVersion rv;
  if (!find_or_404(r, &rv)) return;
  const char *params = req_form(r, "params"), *to = req_form(r, "effective_to"), *note = req_form(r, "note");
  int enabled = req_form(r, "enabled") ? 1 : 0;
  int rc = rules_update(r->db, r->user->username, rv.id, params, to ? to : "", enabled, note ? note : "");
  if (rc == CB_EINVAL) {
    RuleVersion shown = rv;
    if (params) shown.params = params;
    edit_page(r, &shown, 400,
              "Không lưu được: tham số phải là một đối tượng JSON (ví dụ {\"max\": 3}), ngày hết hiệu lực không được "
              "trước ngày có hiệu lực.",
              NULL);
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
  const char *params = req_form(r, "params"), *from = req_form(r, "effective_from"), *note = req_form(r, "note");
  RuleVersion nv = {.rule = rv.rule, .params = params, .effective_from = from, .note = note && *note ? note : NULL};
  long long id = 0;
  int rc = rules_add_version(r->db, r->user->username, &nv, &id);
  if (rc == CB_EINVAL || rc == CB_EEXIST) {
    edit_page(r, &rv, 400,
              rc == CB_EEXIST ? "Không thêm được: quy định này đã có phiên bản có hiệu lực từ ngày đó."
                              : "Không thêm được: cần ngày có hiệu lực hợp lệ và tham số là một đối tượng JSON.",
              params);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/quy-dinh?ok=1#rv-%lld", id));
}

/*
** The titles page (GET /chuc-danh): every title with its level, category,
** function, the Party membership it needs (PARTY-1: stored, or the default
** for Party posts) and the standard text that its STD-1 findings cite (the
** unit's own regulation entered here, else the text of its level). An
** administrator sets both (GET/POST /chuc-danh/{code}); audited by
** domain/title.c. No SQL here.
*/
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

static const Choice PARTY[] = {{"official", "Đảng viên chính thức"}, {"member", "Đảng viên (kể cả dự bị)"},
                               {"none", "Không yêu cầu"}};

/* "Đảng viên chính thức (mặc định)" when the stored value is the default. */
static const char *party_cell(Req *r, const Title *t) {
  const char *p = title_party(t);
  const char *label = strcmp(p, "official") == 0 ? "Đảng viên chính thức" : strcmp(p, "member") == 0 ? "Đảng viên" : "Không yêu cầu";
  return t->requires_party ? label : arena_printf(r->a, "%s (mặc định)", label);
}

static const char *standards_cell(Req *r, const Title *t) {
  Buf b = BUF_INIT;
  if (t->min_degree) buf_printf(&b, "Chuyên môn: %s; ", cadre_degree_label(t->min_degree));
  if (t->min_llct) buf_printf(&b, "LLCT: %s; ", cadre_llct_label(t->min_llct));
  if (t->min_qlnn) buf_printf(&b, "QLNN: %s; ", cadre_qlnn_label(t->min_qlnn));
  if (t->max_age_first > 0) buf_printf(&b, "tuổi bổ nhiệm lần đầu ≤ %d; ", t->max_age_first);
  const char *s = b.len > 2 ? arena_strndup(r->a, b.p, b.len - 2) : "—";
  buf_free(&b);
  return s;
}

void page_titles(Req *r) {
  Title *t;
  int n;
  int rc = title_list(r->db, r->a, &t, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  bool admin = r->user && r->user->role >= ROLE_ADMIN;
  page_begin(r, "Chức danh", NAV_NONE);
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Chức danh</h1><p>Yêu cầu là đảng viên (PARTY-1: mặc định là đảng viên "
              "chính thức với bí thư, phó bí thư, ủy viên ban chấp hành, ban thường vụ) và văn bản tiêu chuẩn mà kết quả "
              "kiểm tra tiêu chuẩn (STD-1) trích dẫn: văn bản của đơn vị nhập cho chức danh; nếu chưa nhập, chức danh cấp "
              "xã theo văn bản của cấp xã, chức danh khác ghi rõ là mức tối thiểu do quản trị viên nhập.</p></div>");
  if (req_query(r, "ok")) page_notice(r, "ok", "Đã lưu chức danh.");
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"titles\"><thead><tr><th scope=\"col\">Mã</th>"
              "<th scope=\"col\">Chức danh</th><th scope=\"col\">Cấp</th><th scope=\"col\">Yêu cầu đảng viên</th>"
              "<th scope=\"col\">Tiêu chuẩn tối thiểu</th><th scope=\"col\">Văn bản tiêu chuẩn</th>");
  if (admin) html_lit(b, "<th scope=\"col\"><span class=\"sr-only\">Thao tác</span></th>");
  html_lit(b, "</tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr id=\"t-%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", t[i].code,
                t[i].code, t[i].name, unit_level_label(t[i].level), party_cell(r, &t[i]), standards_cell(r, &t[i]),
                t[i].standard_basis && *t[i].standard_basis ? t[i].standard_basis : "—");
    if (admin)
      html_printf(b, "<td><a class=\"btn btn-ghost\" href=\"%s\">Sửa</a></td>", html_url(r->a, "/chuc-danh/%U", t[i].code));
    html_lit(b, "</tr>");
  }
  if (!n) html_lit(b, "<tr><td colspan=\"7\" class=\"empty\">Chưa có chức danh nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  page_end(r);
}

static bool load(Req *r, Title *t) {
  int rc = r->nparams ? title_find(r->db, r->a, r->params[0], t) : CB_ENOTFOUND;
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

static void edit_page(Req *r, const Title *t, int status, const FieldErrors *e) {
  page_begin(r, arena_printf(r->a, "Chức danh %s", t->name), NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/chuc-danh\">‹ Chức danh</a></p><h1>%s</h1><p class=\"muted\">"
                 "%s · %s · hiện yêu cầu: %s</p></div>",
              t->name, t->code, unit_level_label(t->level), party_cell(r, t));
  html_printf(b, "<form method=\"post\" action=\"%s\" class=\"card stack\" id=\"title-form\">",
              html_url(r->a, "/chuc-danh/%U", t->code));
  page_csrf_field(r);
  widget_error_summary(r, e);
  const char *p = req_form(r, "requires_party");
  widget_select(r, &(Field){.name = "requires_party", .label = "Yêu cầu là đảng viên (PARTY-1)",
                            .value = p ? p : t->requires_party, .error = field_errors_get(e, "requires_party"),
                            .hint = "Mặc định: đảng viên chính thức với chức danh của cơ quan lãnh đạo của Đảng."},
                PARTY, 3, "Mặc định theo chức danh");
  const char *sb = req_form(r, "standard_basis");
  widget_textarea(r, &(Field){.name = "standard_basis", .label = "Văn bản tiêu chuẩn của chức danh",
                              .value = sb ? sb : t->standard_basis, .error = field_errors_get(e, "standard_basis"),
                              .hint = "Số, ngày, cơ quan ban hành, ví dụ «Quy định 12-QĐ/TU ngày 05/3/2021 của Ban Thường "
                                      "vụ Thành ủy»; để trống: văn bản theo cấp (cấp xã)."},
                  3);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Lưu</button></form>");
  page_end(r);
}

void page_title_edit(Req *r) {
  Title t;
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (load(r, &t)) edit_page(r, &t, 200, &none);
}

void page_title_edit_post(Req *r) {
  Title t;
  if (!load(r, &t)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  const char *p = req_form(r, "requires_party"), *sb = req_form(r, "standard_basis");
  if (p && *p && !title_party_valid(p)) field_errors_add(&e, "requires_party", "Yêu cầu là đảng viên: chọn trong danh sách");
  if (sb && strlen(sb) > 2000) field_errors_add(&e, "standard_basis", "Văn bản tiêu chuẩn: tối đa 2.000 ký tự");
  int rc = e.n ? CB_EINVAL : title_update(r->db, r->user->username, t.code, p ? p : "", sb ? sb : "");
  if (e.n || rc == CB_EINVAL) {
    if (!e.n) field_errors_add(&e, "requires_party", "Dữ liệu không hợp lệ");
    edit_page(r, &t, 400, &e);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, html_url(r->a, "/chuc-danh?ok=1#t-%U", t.code));
}

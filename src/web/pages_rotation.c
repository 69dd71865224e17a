/*
** /luan-chuyen: rotation and transfer records in scope (filter by unit and
** year, paged, CSV export), the form recording one (a refused form comes
** back with each message next to its field; the findings are shown after
** the redirect), the heads who held one post too long (ROT-4) and the
** rotations ending in the next months. No SQL here (domain/rotation.h).
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/docs/doc_data.h"
#include "domain/rotation.h"
#include "domain/title.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

enum { PER_PAGE = 50 };


/* "Title, unit" of one end of a rotation, as a person reads the post. */
static const char *post(Req *r, const char *title, const char *unit) {
  if (!title || !*title) return or_dash(unit);
  return title_display(r->a, title, unit, NULL);
}

/* Rows [from, from + count) of v[0..n). */
static void rows_table(Req *r, const RotationRow *v, int n, int from, int count, const char *id, const char *caption) {
  Buf *b = &r->out;
  html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"%s\"><caption>%s</caption><thead><tr>"
                 "<th scope=\"col\">Ngày</th><th scope=\"col\">Cán bộ</th><th scope=\"col\">Hình thức</th>"
                 "<th scope=\"col\">Từ</th><th scope=\"col\">Đến</th><th scope=\"col\" class=\"num\">Số tháng</th>"
                 "<th scope=\"col\">Kết thúc dự kiến</th><th scope=\"col\">Điều kiện</th>"
                 "<th scope=\"col\">Văn bản</th></tr></thead><tbody>",
              id, caption);
  for (int i = from; i < n && i < from + count; i++) {
    const RotationRow *x = &v[i];
    html_printf(b, "<tr><td>%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
                   "<td class=\"num\">%s</td><td>%s</td><td>",
                fmt_date(r, x->date), x->cadre_code, x->cadre_name, vi_capitalize(r->a, rotation_kind_label(x->kind)),
                post(r, x->from_title_name, x->from_unit_name), post(r, x->to_title_name, x->to_unit_name),
                x->planned_months ? fmt_count(r, x->planned_months) : "—", fmt_date(r, x->end_date));
    widget_result_badge(r, result_parse(x->verdict));
    html_lit(b, "</td><td><a href=\"");
    doc_href(r, "quyet-dinh", (const char *const[]){"rotation", arena_printf(r->a, "%lld", x->id), NULL});
    html_lit(b, "\">Quyết định</a>");
    if (page_can_write(r)) html_printf(b, " · <a href=\"/luan-chuyen/%lld/huy\">Hủy</a>", x->id);
    html_lit(b, "</td></tr>");
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"9\" class=\"empty\">Không có.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

static void tenure_table(Req *r, const LongTenure *v, int n) {
  Buf *b = &r->out;
  html_lit(b, "<h2 class=\"section-h\">Người đứng đầu giữ một chức vụ ở một nơi quá hai nhiệm kỳ (ROT-4)</h2>"
              "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"long-tenure\"><thead><tr><th scope=\"col\">Cán bộ</th>"
              "<th scope=\"col\">Chức vụ</th><th scope=\"col\">Từ</th>"
              "<th scope=\"col\" class=\"num\">Số tháng</th><th scope=\"col\">Giải thích</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++)
    html_printf(b, "<tr><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                   "<td>%s</td></tr>",
                v[i].cadre_code, v[i].cadre_name, title_display(r->a, v[i].title_name, v[i].unit_name, NULL),
                fmt_date(r, v[i].since), fmt_count(r, v[i].months), v[i].message);
  if (n == 0) html_lit(b, "<tr><td colspan=\"5\" class=\"empty\">Không có.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

/*
** The form; open with the messages when it comes back refused (e, pick), empty otherwise. `refused`: the
** findings of an act refused for a rule, shown with the field for the officer's reason to record it anyway.
*/
static void rotation_form(Req *r, const Unit *u, int nu, const FieldErrors *e, const CadrePick *pick,
                          const Findings *refused) {
  Buf *b = &r->out;
  static const char *const K[] = {"rotation", "transfer", "secondment", "reinforcement"};
  Choice kinds[4];
  for (int i = 0; i < 4; i++) kinds[i] = (Choice){K[i], vi_capitalize(r->a, rotation_kind_label(K[i]))};
  if (e->n || refused) html_lit(b, "<details class=\"card\" id=\"rotation-details\" open>");
  else html_lit(b, "<details class=\"card\" id=\"rotation-details\">");
  html_lit(b, "<summary>Ghi luân chuyển, điều động</summary>"
              "<form method=\"post\" action=\"/luan-chuyen\" class=\"stack\" id=\"rotation-form\">");
  page_csrf_field(r);
  widget_error_summary(r, e);
  widget_cadre_field(r, &(Field){.name = "cadre", .label = "Cán bộ", .required = true, .error = field_errors_get(e, "cadre")},
                     pick);
  widget_select(r, &(Field){.name = "kind", .label = "Hình thức", .required = true,
                            .value = req_form(r, "kind") ? req_form(r, "kind") : "rotation",
                            .error = field_errors_get(e, "kind")},
                kinds, 4, NULL);
  widget_unit_select(r, &(Field){.name = "from_unit", .label = "Đơn vị đi", .value = req_form(r, "from_unit"),
                                 .hint = "Để trống: đơn vị hiện tại của cán bộ."},
                     u, nu);
  widget_unit_select(r, &(Field){.name = "to_unit", .label = "Đơn vị đến", .value = req_form(r, "to_unit"),
                                 .error = field_errors_get(e, "to_unit"), .required = true},
                     u, nu);
  widget_title_select(r, &(Field){.name = "to_title", .label = "Chức danh nơi đến", .value = req_form(r, "to_title")},
                      NULL);
  widget_date(r, &(Field){.name = "date", .label = "Ngày quyết định", .value = req_form(r, "date"),
                          .error = field_errors_get(e, "date"), .required = true});
  widget_text(r, &(Field){.name = "decision_no", .label = "Số quyết định", .value = req_form(r, "decision_no"),
                          .maxlen = 100});
  widget_text(r, &(Field){.name = "planned_months", .label = "Thời gian dự kiến (tháng)",
                          .value = req_form(r, "planned_months"), .error = field_errors_get(e, "planned_months"),
                          .hint = "Từ 1 đến 240 tháng; để trống nếu chưa định.", .maxlen = 3});
  if (refused) {
    page_notice(r, "error", "Không đủ điều kiện vào ngày quyết định: chưa ghi. Xem các kết quả «Không đạt» dưới đây; "
                            "nếu vẫn ghi theo quyết định của cấp có thẩm quyền, nhập lý do rồi bấm Ghi.");
    widget_findings_table(r, refused);
  }
  if (refused || req_form(r, "override_reason"))
    widget_text(r, &(Field){.name = "override_reason", .label = "Lý do vẫn ghi dù không đủ điều kiện",
                            .value = req_form(r, "override_reason"), .error = field_errors_get(e, "override_reason"),
                            .maxlen = 500, .required = refused != NULL});
  html_lit(b, "<p class=\"help\">Luân chuyển, điều động chuyển chức vụ chính và đơn vị của cán bộ từ ngày quyết định; "
              "biệt phái, tăng cường giữ nguyên chức vụ chính.</p>"
              "<button type=\"submit\" class=\"btn btn-primary\">Ghi</button></form></details>");
}

static void send_rotations_csv(Req *r, const RotationRow *v, int n) {
  static const char *H[] = {"Ngày", "Mã cán bộ", "Họ và tên", "Hình thức", "Mã đơn vị đi", "Từ đơn vị",
                            "Mã đơn vị đến", "Đến đơn vị", "Thời hạn (tháng)", "Ngày kết thúc", "Kết quả kiểm tra"};
  Table t;
  table_init(r, &t, H, 11);
  for (int i = 0; i < n; i++)
    table_add(r, &t, (const char *[11]){v[i].date, v[i].cadre_code, v[i].cadre_name, vi_capitalize(r->a, rotation_kind_label(v[i].kind)),
                                        v[i].from_unit_code, v[i].from_unit_name, v[i].to_unit_code, v[i].to_unit_name,
                                        v[i].planned_months ? arena_printf(r->a, "%d", v[i].planned_months) : "",
                                        v[i].end_date, v[i].verdict ? result_label(result_parse(v[i].verdict)) : ""});
  table_send(r, &t, "csv", "luan-chuyen");
}

/* The page; `e`, `pick` and `refused` bring back a refused form (status 400, 404 or 422). */
static void rotations_page(Req *r, int status, const FieldErrors *e, const CadrePick *pick, const Findings *refused) {
  const char *unit = str_or_null(req_query(r, "unit"));
  int year = (int)req_query_long(r, "year", 0, 0, 3000), months = (int)req_query_long(r, "months", 6, 1, 120);
  int page = (int)req_query_long(r, "page", 1, 1, 100000);
  char today[16];
  date_iso(date_today(), today);
  const char *fmt = req_query(r, "format");
  bool csv = fmt && strcmp(fmt, "csv") == 0;
  RotationRow *v, *end;
  LongTenure *lt;
  Unit *units;
  int n, ne, nlt, nu;
  long long total = 0;
  /* the page asked (the CSV: every row); past the last page, the last one */
  int rc = rotation_list(r->db, r->a, r->scope, unit, year, (page - 1) * PER_PAGE, csv ? 0 : PER_PAGE, &v, &n, &total);
  if (!rc && !csv && n == 0 && total > 0) {
    page = widget_last_page(total, PER_PAGE);
    rc = rotation_list(r->db, r->a, r->scope, unit, year, (page - 1) * PER_PAGE, PER_PAGE, &v, &n, &total);
  }
  if (csv && !rc) {
    send_rotations_csv(r, v, n);
    return;
  }
  if (!rc) rc = rotation_ending(r->db, r->a, r->scope, unit, today, months, &end, &ne);
  if (!rc) rc = rotation_long_tenure(r->db, r->a, r->scope, unit, today, &lt, &nlt);
  if (!rc) rc = unit_list(r->db, r->a, r->scope, &units, &nu);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, "Luân chuyển, điều động", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Luân chuyển, điều động</h1></div>");
  widget_recorded_findings(r, "ghi", "rotation", "Đã ghi. Kết quả kiểm tra được lưu cùng bản ghi:");
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (page_can_write(r)) rotation_form(r, units, nu, e ? e : &none, pick, refused);
  html_lit(b, "<form method=\"get\" action=\"/luan-chuyen\" class=\"search card\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit}, units, nu,
                         "Tất cả đơn vị trong phạm vi");
  widget_text(r, &(Field){.name = "year", .label = "Năm quyết định", .value = year ? arena_printf(r->a, "%d", year) : NULL, .maxlen = 4});
  widget_text(r, &(Field){.name = "months", .label = "Sắp kết thúc trong (tháng)", .value = arena_printf(r->a, "%d", months),
                          .maxlen = 3});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Lọc</button></form>");
  /* what the "months" filter asks, right under it (below the list of every decision it read as doing nothing) */
  html_printf(b, "<h2 class=\"section-h\" id=\"sap-ket-thuc\">Sắp hết thời gian luân chuyển trong %d tháng tới</h2>",
              months);
  rows_table(r, end, ne, 0, ne, "ending", "Sắp kết thúc");
  html_lit(b, "<h2 class=\"section-h\">Các quyết định luân chuyển, điều động</h2>");
  html_printf(b, "<div class=\"toolbar\"><p class=\"count-line\"><strong>%s</strong> bản ghi</p><div class=\"exports\">"
                 "<a class=\"btn btn-ghost\" id=\"export-csv\" href=\"%s\">Xuất CSV</a><a class=\"btn btn-ghost\" "
                 "href=\"%s\">Xuất Excel (mẫu nhập)</a></div></div>",
              fmt_count(r, total), html_url(r->a, "/luan-chuyen?format=csv&unit=%U&year=%d", unit ? unit : "", year),
              html_url(r->a, "/xuat/rotations?format=xlsx&unit=%U", unit ? unit : ""));
  rows_table(r, v, n, 0, n, "rotations", "Các quyết định luân chuyển, điều động");
  const char *base = year ? html_url(r->a, "/luan-chuyen?unit=%U&year=%d&months=%d", unit ? unit : "", year, months)
                          : html_url(r->a, "/luan-chuyen?unit=%U&months=%d", unit ? unit : "", months);
  widget_pager(r, base, page, PER_PAGE, total, false);
  tenure_table(r, lt, nlt);
  page_end(r);
}

void page_rotations(Req *r) { rotations_page(r, 200, NULL, NULL, NULL); }

void page_rotation_post(Req *r) {
  FieldErrors e;
  field_errors_init(&e, r->a);
  CadrePick pick;
  if (!widget_cadre_read(r, "cadre", &e, &pick)) return;
  RotationReq q = {.cadre_code = pick.code, .kind = req_form(r, "kind"), .to_unit_code = str_or_null(req_form(r, "to_unit")),
                   .from_unit_code = str_or_null(req_form(r, "from_unit")),
                   .to_title_code = str_or_null(req_form(r, "to_title")), .decision_no = req_form(r, "decision_no"),
                   .enforce = true, .override = str_or_null(req_form(r, "override_reason"))};
  if (!q.to_unit_code) field_errors_add(&e, "to_unit", "Đơn vị đến: chọn đơn vị");
  widget_date_field(r, "date", "Ngày quyết định", true, &e, &q.date);
  const char *m = str_or_null(req_form(r, "planned_months"));
  char *end = NULL;
  long months = m ? strtol(m, &end, 10) : 0;
  if (m && (*end || months < 1 || months > 240))
    field_errors_add(&e, "planned_months", "Thời gian dự kiến: số tháng từ 1 đến 240");
  q.planned_months = (int)months;
  if (!e.n && q.to_unit_code && q.date) rotation_request_problems(r->a, &q, &e);
  if (e.n) {
    rotations_page(r, 400, &e, &pick, NULL);
    return;
  }
  long long id;
  Findings f;
  int rc = rotation_record(r->db, r->a, r->scope, &q, r->user->username, false, &id, &f);
  if (rc == CB_ERULE) {
    rotations_page(r, 422, &e, &pick, &f);
    return;
  }
  if (rc == CB_EINVAL || rc == CB_ENOTFOUND) {
    field_errors_add(&e, "to_unit", rc == CB_EINVAL ? "Đơn vị đến: trùng nơi đi mà không đổi chức danh, hoặc hình thức không hợp lệ"
                                                    : "Đơn vị đến: không tìm thấy đơn vị hoặc chức danh trong phạm vi của bạn");
    rotations_page(r, rc == CB_EINVAL ? 400 : 404, &e, &pick, NULL);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/luan-chuyen?ghi=%lld", id));
}

/* The void page of rotation v: what voiding does, a reason to give; `why` (or NULL) a refusal shown on top. */
static void void_page(Req *r, const RotationRow *v, int status, const char *why, const FieldErrors *e) {
  page_begin(r, "Hủy bản ghi luân chuyển, điều động", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/luan-chuyen\">‹ Luân chuyển, điều động</a></p>"
                 "<h1>Hủy bản ghi %s nhập sai</h1><p>%s (%s), %s → %s, ngày %s%s%s</p></div>",
              rotation_kind_label(v->kind), v->cadre_name, v->cadre_code, post(r, v->from_title_name, v->from_unit_name),
              post(r, v->to_title_name, v->to_unit_name), fmt_date(r, v->date), v->decision_no ? ", quyết định " : "",
              v->decision_no ? v->decision_no : "");
  if (why) page_notice(r, "error", why);
  html_printf(b, "<form method=\"post\" action=\"/luan-chuyen/%lld/huy\" class=\"card stack\">", v->id);
  page_csrf_field(r);
  html_lit(b, "<p>Hủy bản ghi này sẽ hoàn lại hồ sơ cán bộ như trước khi ghi: chức vụ mới bị hủy, chức vụ cũ giữ "
              "tiếp, đơn vị của cán bộ trở lại đơn vị cũ từ ngày đó; bản ghi ra khỏi danh sách, báo cáo năm và văn bản, "
              "lịch sử hồ sơ ghi lại việc hủy. Để sửa ngày, đơn vị hay chức danh: hủy rồi ghi lại cho đúng.</p>");
  widget_textarea(r, &(Field){.name = "void_reason", .label = "Lý do hủy", .required = true,
                              .value = req_form(r, "void_reason"), .error = field_errors_get(e, "void_reason")},
                  2);
  html_lit(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-danger\">Hủy bản ghi</button>"
              "<a class=\"btn btn-ghost\" href=\"/luan-chuyen\">Quay lại</a></div></form>");
  page_end(r);
}

/* The rotation {id} in scope, live; false after the 404. */
static bool rotation_target(Req *r, RotationRow *v) {
  long long id;
  if (!req_param_id(r, 0, &id)) return false;
  const char *path;
  int rc = doc_rotation_get(r->db, r->a, r->scope, id, v, &path);
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_rotation_void_form(Req *r) {
  RotationRow v;
  if (rotation_target(r, &v)) void_page(r, &v, 200, NULL, NULL);
}

void page_rotation_void(Req *r) {
  RotationRow v;
  if (!rotation_target(r, &v)) return;
  const char *why = NULL, *reason = req_form(r, "void_reason");
  while (reason && (*reason == ' ' || *reason == '\n' || *reason == '\r' || *reason == '\t')) reason++;
  int rc = rotation_void(r->db, r->a, r->scope, r->user->username, v.id, reason, &why);
  if (rc == CB_EINVAL || rc == CB_ECONFLICT) {
    FieldErrors e;
    field_errors_init(&e, r->a);
    if (rc == CB_EINVAL) field_errors_add(&e, "void_reason", "Lý do hủy: bắt buộc nhập.");
    void_page(r, &v, rc == CB_EINVAL ? 400 : 409,
              rc == CB_ECONFLICT ? arena_printf(r->a, "Không hủy được: %s. Sửa trong hồ sơ cán bộ trước.", why) : NULL,
              &e);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, html_url(r->a, "/can-bo/%U?da-huy-luan-chuyen=1", v.cadre_code));
}

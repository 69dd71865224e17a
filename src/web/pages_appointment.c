/*
** Appointment pages: /bo-nhiem (proposals and decisions in scope, filters,
** the decisions paged, export, a form for decisions made outside canbo),
** /bo-nhiem/moi (a new proposal), /bo-nhiem/{id} (the proposal:
** eligibility findings, each step with its validity and vote explained
** with the numbers, the next-step and decision forms), /bo-nhiem/den-han
** (the due list). A refused form comes back with each message next to its
** field. No SQL here: domain/appointment.h does the work.
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "core/vi.h"
#include "domain/appointment.h"
#include "domain/docs/doc_kinds.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

enum { PER_PAGE = 50 };


/* The kinds of an act; the last one (dismissal) only for decisions recorded as such. */
static const char *const KINDS[] = {"appointment", "reappointment", "promotion", "nomination", "extension", "dismissal"};

static void kind_select(Req *r, const char *value, bool with_dismissal, const FieldErrors *e) {
  Choice c[6];
  int n = with_dismissal ? 6 : 5;
  for (int i = 0; i < n; i++) c[i] = (Choice){KINDS[i], vi_capitalize(r->a, appt_kind_label(KINDS[i]))};
  widget_select(r, &(Field){.name = "kind", .label = "Hình thức", .value = value ? value : "appointment",
                            .error = e ? field_errors_get(e, "kind") : NULL, .required = true},
                c, n, NULL);
}

/* Unit, title and kind of a submitted act: each missing one noted in e. */
static void check_act_fields(Req *r, FieldErrors *e, bool with_dismissal) {
  const char *kind = req_form(r, "kind");
  bool known = false;
  for (int i = 0; kind && i < (with_dismissal ? 6 : 5); i++) known = known || strcmp(kind, KINDS[i]) == 0;
  if (!known) field_errors_add(e, "kind", "Hình thức: chọn một hình thức trong danh sách");
  if (!str_or_null(req_form(r, "unit"))) field_errors_add(e, "unit", "Đơn vị: chọn đơn vị");
  if (!str_or_null(req_form(r, "title"))) field_errors_add(e, "title", "Chức danh: chọn chức danh");
}

/* The unit, title and kind fields of an act form, with their values and errors kept. */
static void act_fields(Req *r, const FieldErrors *e, bool with_dismissal) {
  Unit *u;
  int n = 0;
  if (unit_list(r->db, r->a, r->scope, &u, &n) != 0) n = 0;
  kind_select(r, req_form(r, "kind"), with_dismissal, e);
  widget_unit_select(r, &(Field){.name = "unit", .label = "Đơn vị", .value = req_form(r, "unit"),
                                 .error = field_errors_get(e, "unit"), .required = true},
                     u, n);
  widget_title_select(r, &(Field){.name = "title", .label = "Chức danh", .value = req_form(r, "title"),
                                  .error = field_errors_get(e, "title"), .required = true},
                      NULL);
}

/* ---- /bo-nhiem ---- */

/* One page of proposals (v[0..n)), headed by how many the whole list holds. */
static void proposals_table(Req *r, const ProposalRow *v, int n, long long total) {
  Buf *b = &r->out;
  html_printf(b, "<h2 class=\"section-h\">Đề nghị bổ nhiệm (%s)</h2><div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" "
                 "id=\"proposals\"><thead><tr><th scope=\"col\">Ngày</th><th scope=\"col\">Cán bộ</th>"
                 "<th scope=\"col\">Hình thức</th><th scope=\"col\">Chức vụ</th>"
                 "<th scope=\"col\">Nguồn</th><th scope=\"col\" class=\"num\">Bước</th><th scope=\"col\">Trạng thái</th>"
                 "<th scope=\"col\">Điều kiện</th></tr></thead><tbody>",
              fmt_count(r, total));
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td><a href=\"/bo-nhiem/%lld\">%s</a></td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td>"
                   "<td>%s</td><td>%s</td><td class=\"num\">%d/%d</td><td>%s</td><td>",
                v[i].id, fmt_date(r, v[i].created_at), v[i].cadre_code, v[i].cadre_name, vi_capitalize(r->a, appt_kind_label(v[i].kind)),
                title_display(r->a, v[i].title_name, v[i].unit_name, NULL),
                strcmp(v[i].source, "internal") == 0 ? "tại chỗ" : "nơi khác", v[i].nsteps, v[i].steps_required,
                appt_status_label(v[i].status));
    widget_result_badge(r, result_parse(v[i].verdict));
    html_lit(b, "</td></tr>");
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"8\" class=\"empty\">Chưa có đề nghị nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

/* One page of decisions (v[0..n)), headed by how many the whole list holds. */
static void decisions_table(Req *r, const ApptRow *v, int n, long long total) {
  Buf *b = &r->out;
  html_printf(b, "<h2 class=\"section-h\" id=\"decisions-h\">Quyết định (%s)</h2><div class=\"table-wrap\" tabindex=\"0\">"
                 "<table class=\"list\" id=\"decisions\" aria-labelledby=\"decisions-h\"><thead><tr>"
                 "<th scope=\"col\">Ngày quyết định</th><th scope=\"col\">Số</th><th scope=\"col\">Cán bộ</th>"
                 "<th scope=\"col\">Hình thức</th><th scope=\"col\">Chức vụ</th>"
                 "<th scope=\"col\">Hết thời hạn</th><th scope=\"col\">Điều kiện</th></tr></thead><tbody>",
              fmt_count(r, total));
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td>%s</td><td>%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>"
                   "<td>%s</td><td>",
                fmt_date(r, v[i].decision_date), or_dash(v[i].decision_no), v[i].cadre_code, v[i].cadre_name,
                vi_capitalize(r->a, appt_kind_label(v[i].kind)), title_display(r->a, v[i].title_name, v[i].unit_name, NULL),
                fmt_date(r, v[i].term_end));
    widget_result_badge(r, result_parse(v[i].verdict));
    html_lit(b, "</td></tr>");
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"7\" class=\"empty\">Chưa có quyết định nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

/* The form for a decision made outside canbo; open, with the messages, when it comes back refused. */
static void record_form(Req *r, const FieldErrors *e, const CadrePick *pick) {
  Buf *b = &r->out;
  if (e && e->n) html_lit(b, "<details class=\"card\" id=\"record\" open>");
  else html_lit(b, "<details class=\"card\" id=\"record\">");
  html_lit(b, "<summary>Ghi quyết định đã ban hành (không qua quy trình trong hệ thống)</summary>"
              "<form method=\"post\" action=\"/bo-nhiem/quyet-dinh\" class=\"stack\" id=\"record-form\">");
  page_csrf_field(r);
  widget_error_summary(r, e);
  widget_cadre_field(r, &(Field){.name = "cadre", .label = "Cán bộ", .required = true,
                                 .error = e ? field_errors_get(e, "cadre") : NULL},
                     pick);
  FieldErrors none;
  field_errors_init(&none, r->a);
  act_fields(r, e ? e : &none, true);
  widget_date(r, &(Field){.name = "date", .label = "Ngày quyết định", .value = req_form(r, "date"),
                          .error = e ? field_errors_get(e, "date") : NULL, .required = true});
  widget_text(r, &(Field){.name = "decision_no", .label = "Số quyết định", .value = req_form(r, "decision_no"),
                          .maxlen = 100});
  html_lit(b, "<div class=\"field\"><label><input type=\"checkbox\" name=\"position\" value=\"1\" checked> "
              "Cập nhật chức vụ (kết thúc chức vụ cũ trong đơn vị, tạo chức vụ mới)</label></div>"
              "<button type=\"submit\" class=\"btn btn-primary\">Ghi quyết định</button></form></details>");
}

static void send_decisions_csv(Req *r, const ApptRow *av, int na) {
  static const char *H[] = {"Ngày quyết định", "Số quyết định", "Mã cán bộ", "Họ và tên", "Hình thức",
                            "Mã đơn vị", "Đơn vị", "Mã chức danh", "Chức danh", "Hết nhiệm kỳ",
                            "Kết quả kiểm tra"};
  Table t;
  table_init(r, &t, H, 11);
  for (int i = 0; i < na; i++)
    table_add(r, &t, (const char *[11]){av[i].decision_date, av[i].decision_no, av[i].cadre_code, av[i].cadre_name,
                                        vi_capitalize(r->a, appt_kind_label(av[i].kind)), av[i].unit_code, av[i].unit_name,
                                        av[i].title_code, av[i].title_name, av[i].term_end,
                                        av[i].verdict ? result_label(result_parse(av[i].verdict)) : ""});
  table_send(r, &t, "csv", "bo-nhiem");
}

/* The list page; `e` and `pick` bring back a refused decision form (status 400). */
static void appointments_page(Req *r, int status, const FieldErrors *e, const CadrePick *pick) {
  const char *unit = str_or_null(req_query(r, "unit")), *status_q = str_or_null(req_query(r, "status"));
  int year = (int)req_query_long(r, "year", 0, 0, 3000), page = (int)req_query_long(r, "page", 1, 1, 100000);
  int ppage = (int)req_query_long(r, "proposals_page", 1, 1, 100000); /* the proposals' own page */
  if (status_q && !*appt_status_label(status_q)) status_q = NULL;
  ProposalRow *pv;
  ApptRow *av;
  Unit *units;
  int np, na, nu;
  long long total = 0, ptotal = 0;
  const char *format = req_query(r, "format");
  bool csv = format && strcmp(format, "csv") == 0;
  /* the page asked (the CSV: every decision); past the last page, the last one */
  int rc = appt_list(r->db, r->a, r->scope, unit, year, (page - 1) * PER_PAGE, csv ? 0 : PER_PAGE, &av, &na, &total);
  if (!rc && !csv && na == 0 && total > 0) {
    page = widget_last_page(total, PER_PAGE);
    rc = appt_list(r->db, r->a, r->scope, unit, year, (page - 1) * PER_PAGE, PER_PAGE, &av, &na, &total);
  }
  if (csv && !rc) {
    send_decisions_csv(r, av, na);
    return;
  }
  if (!rc) rc = appt_proposal_list(r->db, r->a, r->scope, unit, status_q, (ppage - 1) * PER_PAGE, PER_PAGE, &pv, &np, &ptotal);
  if (!rc && np == 0 && ptotal > 0) { /* past the last page: the last one */
    ppage = widget_last_page(ptotal, PER_PAGE);
    rc = appt_proposal_list(r->db, r->a, r->scope, unit, status_q, (ppage - 1) * PER_PAGE, PER_PAGE, &pv, &np, &ptotal);
  }
  if (!rc) rc = unit_list(r->db, r->a, r->scope, &units, &nu);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, "Bổ nhiệm", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Bổ nhiệm, bổ nhiệm lại</h1><p>");
  if (page_can_write(r))
    html_lit(b, "<a class=\"btn btn-primary\" href=\"/bo-nhiem/moi\" id=\"new-proposal\">Đề nghị bổ nhiệm mới</a> ");
  html_lit(b, "<a class=\"btn btn-ghost\" href=\"/bo-nhiem/den-han\">Danh sách đến hạn bổ nhiệm lại</a></p></div>");
  widget_recorded_findings(r, "quyet-dinh", "appointment",
                           "Đã ghi quyết định. Kết quả kiểm tra điều kiện được lưu cùng quyết định:");
  if (page_can_write(r)) record_form(r, e, pick);
  html_lit(b, "<form method=\"get\" action=\"/bo-nhiem\" class=\"search card\" id=\"filter\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit, .id = "filter-unit"}, units, nu,
                         "Tất cả đơn vị trong phạm vi"); /* f-unit is the record form's */
  static const Choice STATUS[] = {{"open", "Đang thực hiện quy trình"}, {"failed", "Không đạt"},
                                  {"decided", "Đã quyết định"}};
  widget_select(r, &(Field){.name = "status", .label = "Trạng thái đề nghị", .value = status_q}, STATUS, 3, "Tất cả");
  widget_text(r, &(Field){.name = "year", .label = "Năm quyết định",
                          .value = year ? arena_printf(r->a, "%d", year) : NULL, .maxlen = 4});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Lọc</button></form><div class=\"toolbar\"><div class=\"exports\">");
  html_printf(b, "<a class=\"btn btn-ghost\" id=\"export-csv\" href=\"%s\">Xuất CSV</a>",
              html_url(r->a, "/bo-nhiem?format=csv&unit=%U&year=%d", unit ? unit : "", year));
  html_printf(b, "<a class=\"btn btn-ghost\" href=\"%s\">Xuất Excel (mẫu nhập)</a>",
              html_url(r->a, "/xuat/appointments?format=xlsx&unit=%U", unit ? unit : ""));
  html_lit(b, "</div></div>");
  proposals_table(r, pv, np, ptotal);
  if (ptotal > PER_PAGE) /* each list keeps the other's page */
    widget_pager_param(r, html_url(r->a, "/bo-nhiem?unit=%U&status=%U&year=%d&page=%d", unit ? unit : "",
                                   status_q ? status_q : "", year, page),
                       "proposals_page", ppage, PER_PAGE, ptotal, false);
  decisions_table(r, av, na, total);
  const char *su = status_q ? status_q : "", *uu = unit ? unit : "";
  widget_pager(r, ppage > 1 ? html_url(r->a, "/bo-nhiem?unit=%U&status=%U&year=%d&proposals_page=%d", uu, su, year, ppage)
                            : html_url(r->a, "/bo-nhiem?unit=%U&status=%U&year=%d", uu, su, year),
               page, PER_PAGE, total, false);
  page_end(r);
}

void page_appointments(Req *r) { appointments_page(r, 200, NULL, NULL); }

void page_appointment_record(Req *r) {
  FieldErrors e;
  field_errors_init(&e, r->a);
  CadrePick pick;
  const char *date;
  if (!widget_cadre_read(r, "cadre", &e, &pick)) return;
  check_act_fields(r, &e, true);
  widget_date_field(r, "date", "Ngày quyết định", true, &e, &date);
  if (e.n) {
    appointments_page(r, 400, &e, &pick);
    return;
  }
  ApptReq q = {.cadre_code = pick.code, .kind = req_form(r, "kind"), .unit_code = req_form(r, "unit"),
               .title_code = req_form(r, "title"), .decision_date = date, .decision_no = req_form(r, "decision_no")};
  bool pos = req_form(r, "position") && strcmp(req_form(r, "position"), "1") == 0;
  long long id;
  Findings f;
  int rc = appt_record(r->db, r->a, r->scope, &q, r->user->username, pos, false, &id, &f);
  if (rc == CB_EINVAL || rc == CB_ENOTFOUND) {
    field_errors_add(&e, "unit", rc == CB_EINVAL ? "Hình thức hoặc ngày quyết định không hợp lệ"
                                                 : "Không tìm thấy đơn vị hoặc chức danh trong phạm vi của bạn");
    appointments_page(r, rc == CB_EINVAL ? 400 : 404, &e, &pick);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/bo-nhiem?quyet-dinh=%lld", id));
}

/* ---- /bo-nhiem/moi ---- */

/* The participants typed as names (or codes) separated by ';' (or ','): their codes, or the first problem in e. */
static const char **participant_codes(Req *r, const char *typed, int *n, FieldErrors *e) {
  *n = 0;
  if (!typed || !*typed) return NULL;
  char *copy = arena_strdup(r->a, typed), *save = NULL;
  const char **codes = arena_alloc(r->a, sizeof(char *) * (strlen(copy) + 1));
  const char *sep = strchr(copy, ';') ? ";\n" : ",;\n";
  for (char *t = strtok_r(copy, sep, &save); t; t = strtok_r(NULL, sep, &save)) {
    const char *code, *msg;
    CadreChoice *c;
    int nc, rc = widget_cadre_find(r, t, &code, &c, &nc, &msg);
    if (rc == 0) codes[(*n)++] = code;
    else if (*vi_squeeze(r->a, t) && nc > 0) { /* several: this text field has no choice list, so name them */
      Buf b = BUF_INIT;
      for (int i = 0; i < nc && i < 5; i++)
        buf_printf(&b, "%s%s (%s, sinh %s, %s)", i ? "; " : "", c[i].code, c[i].full_name, fmt_date(r, c[i].birth_date),
                   c[i].unit_name ? c[i].unit_name : "");
      /* nc is the first page of the search (widget_cadre_find): "nhiều" when it is full, not a count */
      field_errors_add(e, "participants", "Người đề xuất, biểu quyết: «%s» khớp với %s cán bộ: %s%s Ghi mã cán bộ thay "
                                          "cho tên để chọn đúng người.",
                       vi_squeeze(r->a, t), nc >= 20 ? "nhiều" : arena_printf(r->a, "%d", nc), b.p ? b.p : "",
                       nc > 5 ? "; …" : ".");
      buf_free(&b);
      return NULL;
    } else if (*vi_squeeze(r->a, t)) {
      field_errors_add(e, "participants", "Người đề xuất, biểu quyết: %s (người đề xuất, biểu quyết là cán bộ có hồ sơ "
                                          "trong phạm vi của bạn; ghi tên hoặc mã).", msg);
      return NULL;
    }
  }
  return codes;
}

static void proposal_form(Req *r, int status, const char *error, const FieldErrors *e, const CadrePick *pick) {
  page_begin(r, "Đề nghị bổ nhiệm mới", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><p><a href=\"/bo-nhiem\">‹ Bổ nhiệm</a></p><h1>Đề nghị bổ nhiệm mới</h1></div>");
  if (error) page_notice(r, "error", error);
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (!e) e = &none;
  html_lit(b, "<form method=\"post\" action=\"/bo-nhiem/moi\" class=\"card stack\" id=\"proposal-form\">");
  page_csrf_field(r);
  widget_error_summary(r, e);
  widget_cadre_field(r, &(Field){.name = "cadre", .label = "Cán bộ được đề nghị", .required = true,
                                 .error = field_errors_get(e, "cadre")},
                     pick);
  act_fields(r, e, false);
  static const Choice SOURCES[] = {{"internal", "Tại chỗ (5 bước)"}, {"external", "Nơi khác (3 bước)"}};
  widget_select(r, &(Field){.name = "source", .label = "Nguồn nhân sự", .required = true,
                            .value = req_form(r, "source") ? req_form(r, "source") : "internal",
                            .error = field_errors_get(e, "source"),
                            .hint = "Chỉ với bổ nhiệm, đề bạt, giới thiệu ứng cử; bổ nhiệm lại và kéo dài có quy trình riêng."},
                SOURCES, 2, NULL);
  widget_date(r, &(Field){.name = "date", .label = "Ngày đề nghị", .value = req_form(r, "date"),
                          .error = field_errors_get(e, "date"), .hint = "Để trống: hôm nay."});
  widget_text(r, &(Field){.name = "participants", .label = "Người đề xuất, biểu quyết",
                          .value = req_form(r, "participants"), .error = field_errors_get(e, "participants"),
                          .hint = "Họ và tên, cách nhau bởi dấu chấm phẩy (;); để kiểm tra quan hệ gia đình (REL-2)."});
  html_lit(b, "<div class=\"help\" id=\"procedures\"><p>Quy trình theo hình thức:</p><ul>"
              "<li>Bổ nhiệm, đề bạt, giới thiệu ứng cử: nguồn tại chỗ 5 bước, nguồn nơi khác 3 bước, rồi quyết định.</li>"
              "<li>Bổ nhiệm lại: báo cáo tự đánh giá; hội nghị cán bộ chủ chốt lấy phiếu tín nhiệm; tập thể lãnh đạo "
              "biểu quyết; quyết định.</li><li>Kéo dài thời gian giữ chức vụ đến khi nghỉ hưu: báo cáo tự đánh giá; "
              "tập thể lãnh đạo biểu quyết; quyết định.</li></ul></div>"
              "<p class=\"help\">Khi tạo đề nghị, hệ thống kiểm tra các điều kiện APPT-1…6, PARTY-1, REL-1, REL-2 tại ngày "
              "đề nghị và lưu kết quả; điều kiện được kiểm tra lại khi quyết định.</p>"
              "<button type=\"submit\" class=\"btn btn-primary\">Tạo đề nghị</button></form>");
  page_end(r);
}

void page_proposal_new(Req *r) { proposal_form(r, 200, NULL, NULL, NULL); }

void page_proposal_create(Req *r) {
  FieldErrors e;
  field_errors_init(&e, r->a);
  CadrePick pick;
  const char *date;
  int np = 0;
  if (!widget_cadre_read(r, "cadre", &e, &pick)) return;
  check_act_fields(r, &e, false);
  const char *source = req_form(r, "source");
  if (!source || (strcmp(source, "internal") != 0 && strcmp(source, "external") != 0))
    field_errors_add(&e, "source", "Nguồn nhân sự: chọn tại chỗ hoặc nơi khác");
  widget_date_field(r, "date", "Ngày đề nghị", false, &e, &date);
  const char **parts = participant_codes(r, req_form(r, "participants"), &np, &e);
  if (e.n) {
    proposal_form(r, 400, NULL, &e, &pick);
    return;
  }
  char today[16];
  ProposalReq pr = {.cadre_code = pick.code, .kind = req_form(r, "kind"), .unit_code = req_form(r, "unit"),
                    .title_code = req_form(r, "title"), .source = source,
                    .date = date ? date : date_iso(date_today(), today), .participants = parts,
                    .nparticipants = np};
  long long id;
  Findings f;
  int rc = appt_proposal_create(r->db, r->a, r->scope, &pr, r->user->username, &id, &f);
  if (rc == CB_EINVAL || rc == CB_ENOTFOUND || rc == CB_EEXIST) {
    proposal_form(r, rc == CB_EINVAL ? 400 : rc == CB_EEXIST ? 409 : 404,
                  rc == CB_EINVAL   ? "Hình thức, nguồn nhân sự hoặc ngày không hợp lệ."
                  : rc == CB_EEXIST ? HOLDS_ALREADY
                                    : "Không tìm thấy đơn vị hoặc chức danh trong phạm vi của bạn.",
                  &e, &pick);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/bo-nhiem/%lld", id));
}

/* ---- /bo-nhiem/{id} ---- */

static void steps_table(Req *r, const Proposal *p) {
  Buf *b = &r->out;
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"steps\"><caption>Các bước của quy trình</caption>"
              "<thead><tr><th scope=\"col\" class=\"num\">Bước</th><th scope=\"col\">Nội dung</th>"
              "<th scope=\"col\">Ngày</th><th scope=\"col\">Hợp lệ, biểu quyết</th><th scope=\"col\">Kết quả</th>"
              "<th scope=\"col\">Biên bản</th></tr></thead><tbody>");
  const char *pid = arena_printf(r->a, "%lld", p->id);
  for (int i = 0; i < p->nsteps; i++) {
    const ProposalStep *s = &p->steps[i];
    html_printf(b, "<tr><td class=\"num\">%d</td><td>%s</td><td>%s</td><td>%s</td><td>", s->step, s->name,
                fmt_date(r, s->date), s->explain);
    widget_result_badge(r, s->passed ? RESULT_PASS : RESULT_FAIL);
    html_lit(b, "</td><td>");
    doc_button(r, "Biên bản", "bien-ban",
               (const char *const[]){"proposal", pid, "step", arena_printf(r->a, "%d", s->step), NULL});
    html_lit(b, "</td></tr>");
  }
  for (int k = p->nsteps + 1; k <= p->steps_required; k++)
    html_printf(b, "<tr><td class=\"num\">%d</td><td>%s</td><td>—</td><td class=\"muted\">chưa thực hiện</td><td></td>"
                   "<td></td></tr>",
                k, appt_proposal_step_name(p, k));
  html_lit(b, "</tbody></table></div>");
}

static int next_step(const Proposal *p) {
  int next = 1;
  for (int i = 0; i < p->nsteps; i++)
    if (p->steps[i].passed) next = p->steps[i].step + 1;
  return next;
}

/* A whole-number field of the step form (ids s-NAME). */
static void number_field(Req *r, const char *name, const char *label, const FieldErrors *e) {
  Field f = {.name = name, .label = label, .value = req_form(r, name), .error = field_errors_get(e, name),
             .required = true, .maxlen = 7};
  widget_text(r, &f);
}

static void step_form(Req *r, const Proposal *p, int next, const FieldErrors *e) {
  Buf *b = &r->out;
  ApptStepKind k = appt_procedure_step_kind(p->kind, p->source, next);
  html_printf(b, "<form method=\"post\" action=\"/bo-nhiem/%lld/buoc\" class=\"card stack\" id=\"step-form\">"
                 "<h2 class=\"section-h\">Ghi bước %d: %s</h2>",
              p->id, next, appt_proposal_step_name(p, next));
  page_csrf_field(r);
  widget_error_summary(r, e);
  html_printf(b, "<input type=\"hidden\" name=\"step\" value=\"%d\">", next);
  widget_date(r, &(Field){.name = "date", .label = k == APPT_STEP_REPORT ? "Ngày báo cáo" : "Ngày họp",
                          .value = req_form(r, "date"), .error = field_errors_get(e, "date"), .required = true});
  if (k == APPT_STEP_COLLECTIVE) {
    number_field(r, "summoned", "Số thành viên tập thể lãnh đạo (được triệu tập)", e);
    number_field(r, "present", "Số có mặt", e);
    number_field(r, "votes_for", "Số phiếu đồng ý", e);
  } else if (k == APPT_STEP_CONFIDENCE) {
    number_field(r, "summoned", "Số cán bộ chủ chốt được triệu tập", e);
    number_field(r, "present", "Số có mặt", e);
    number_field(r, "votes_for", "Số phiếu tín nhiệm", e);
  } else if (k != APPT_STEP_REPORT) {
    number_field(r, "summoned", "Số được triệu tập", e);
    number_field(r, "present", "Số có mặt", e);
    if (k == APPT_STEP_VOTE) number_field(r, "votes_for", "Số phiếu đồng ý", e);
  }
  widget_text(r, &(Field){.name = "note", .label = "Ghi chú", .value = req_form(r, "note"), .maxlen = 500});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Ghi bước</button></form>");
}

static void decision_form(Req *r, const Proposal *p, const FieldErrors *e) {
  Buf *b = &r->out;
  html_printf(b, "<form method=\"post\" action=\"/bo-nhiem/%lld/quyet-dinh\" class=\"card stack\" id=\"decision-form\">"
                 "<h2 class=\"section-h\">Quyết định</h2>",
              p->id);
  page_csrf_field(r);
  widget_error_summary(r, e);
  widget_date(r, &(Field){.name = "date", .label = "Ngày quyết định", .value = req_form(r, "date"),
                          .error = field_errors_get(e, "date"), .required = true});
  widget_text(r, &(Field){.name = "decision_no", .label = "Số quyết định", .value = req_form(r, "decision_no"),
                          .maxlen = 100});
  widget_text(r, &(Field){.name = "override", .label = "Lý do vẫn quyết định khi có điều kiện «Không đạt»",
                          .value = req_form(r, "override"), .hint = "Để trống nếu không có.", .maxlen = 1000});
  /* the others holding the post: their posts end with this decision when asked (a trial's two Chủ tịch HĐND) */
  const char **who;
  int n = 0, hidden = 0;
  if (appt_other_holders(r->db, r->a, r->scope, p, page_today(r), &who, &n, &hidden) == 0 && (n || hidden)) {
    html_lit(b, "<div class=\"field field-check\"><label><input type=\"checkbox\" name=\"end_holders\" value=\"1\" checked> "
                "Kết thúc chức vụ của người đang giữ chức danh này (ngày trước ngày quyết định): ");
    for (int i = 0; i < n; i++) html_printf(b, "%s%s", i ? "; " : "", who[i]);
    if (hidden) html_printf(b, "%s%d người ngoài phạm vi của bạn", n ? "; " : "", hidden);
    html_lit(b, "</label></div>");
  }
  html_lit(b, "<p class=\"help\">Điều kiện được kiểm tra lại tại ngày quyết định; quyết định tạo chức vụ mới với thời "
              "hạn theo APPT-7.</p><button type=\"submit\" class=\"btn btn-primary\">Ghi quyết định</button></form>");
}

/* Before a decision to a post someone else holds: who, and that the decision does not end their post (a trial's
   commune with two Bí thư). */
static void other_holders(Req *r, const Proposal *p) {
  if (p->appointment_id || strcmp(p->status, "open") != 0 || strcmp(p->kind, "reappointment") == 0 ||
      strcmp(p->kind, "extension") == 0)
    return;
  const char **who;
  int n, hidden;
  if (appt_other_holders(r->db, r->a, r->scope, p, page_today(r), &who, &n, &hidden) != 0 || (!n && !hidden)) return;
  Buf *b = &r->out;
  html_lit(b, "<p class=\"notice notice-warn\" id=\"other-holders\">Chức danh này đang có người giữ: ");
  for (int i = 0; i < n; i++) html_printf(b, "%s%s", i ? "; " : "", who[i]);
  if (hidden) html_printf(b, "%s%d người ngoài phạm vi của bạn", n ? "; " : "", hidden);
  html_lit(b, ". Quyết định này không tự kết thúc chức vụ của người đang giữ: chọn «Kết thúc chức vụ của người đang "
              "giữ» khi ghi quyết định, hoặc ghi ngày kết thúc trên hồ sơ của họ (hoặc quyết định miễn nhiệm).</p>");
}

/* The proposal page; `error`/`e` bring back a refused step or decision, `refusal` the findings that refused it. */
static void proposal_page(Req *r, long long id, int status, const char *error, const FieldErrors *e,
                          const Findings *refusal) {
  Proposal p;
  int rc = appt_proposal_get(r->db, r->a, r->scope, id, &p);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, arena_printf(r->a, "Đề nghị %s %s", appt_kind_label(p.kind), p.cadre_name), NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/bo-nhiem\">‹ Bổ nhiệm</a></p><h1>Đề nghị %s: %s</h1></div>",
              appt_kind_label(p.kind), p.cadre_name);
  if (error) page_notice(r, "error", error);
  if (refusal) {
    html_lit(b, "<h2 class=\"section-h\">Kết quả kiểm tra tại ngày quyết định</h2>");
    widget_findings_table(r, refusal);
  }
  html_printf(b, "<div class=\"card\"><p>Cán bộ: <a href=\"/can-bo/%U\">%s</a> · Chức vụ đề nghị: <strong>%s</strong> · "
                 "Quy trình: <span id=\"procedure\">%s</span> · Ngày đề nghị: %s</p><p>Trạng thái: <strong "
                 "id=\"status\">%s</strong></p>",
              p.cadre_code, p.cadre_name, title_display(r->a, p.title_name, p.unit_name, NULL),
              appt_procedure_label(p.kind, p.source), fmt_date(r, p.created_at), appt_status_label(p.status));
  if (p.appointment_id)
    html_printf(b, "<p>Quyết định số %s ngày %s; thời hạn đến hết ngày %s.</p>", or_dash(p.decision_no),
                fmt_date(r, p.decision_date), fmt_date(r, p.term_end));
  other_holders(r, &p);
  if (p.nparticipants) {
    html_lit(b, "<p id=\"participants\">Người đề xuất, biểu quyết: ");
    for (int i = 0; i < p.nparticipants; i++) html_printf(b, "%s%s", i ? "; " : "", p.participants[i]);
    html_lit(b, "</p>");
  }
  /* the documents of the procedure, ready to sign (docs/DOCUMENTS.md) */
  const char *pid = arena_printf(r->a, "%lld", p.id);
  html_lit(b, "<p class=\"btn-row no-print\" id=\"documents\">");
  /* a proposal that failed a step makes no tờ trình (docs/DOCUMENTS.md): say so instead of a link to a refusal */
  const char *no_request = doc_proposal_refusal(r->a, &p, "tờ trình");
  if (no_request) html_printf(b, "<span class=\"muted\" id=\"no-request\">%s</span>", no_request);
  else doc_button(r, "Tờ trình (Word, PDF)", "to-trinh", (const char *const[]){"proposal", pid, NULL});
  if (p.appointment_id) doc_button(r, "Quyết định (Word, PDF)", "quyet-dinh", (const char *const[]){"proposal", pid, NULL});
  html_lit(b, "</p></div><h2 class=\"section-h\">Kết quả kiểm tra điều kiện</h2>");
  widget_findings_table(r, &p.findings);
  steps_table(r, &p);
  FieldErrors none;
  field_errors_init(&none, r->a);
  bool open = strcmp(p.status, "open") == 0;
  int next = next_step(&p);
  if (page_can_write(r) && open && next <= p.steps_required) step_form(r, &p, next, e ? e : &none);
  if (page_can_write(r) && open && next > p.steps_required) decision_form(r, &p, e ? e : &none);
  page_end(r);
}

void page_proposal(Req *r) {
  long long id;
  if (req_param_id(r, 0, &id)) proposal_page(r, id, 200, NULL, NULL, NULL);
}

/* A whole number typed in field `name` (0..1,000,000), `def` when empty; a bad one noted in e. */
static int form_int(Req *r, const char *name, const char *label, int def, FieldErrors *e) {
  const char *s = str_or_null(req_form(r, name));
  if (!s) return def;
  char *end;
  long v = strtol(s, &end, 10);
  if (*end || v < 0 || v > 1000000) {
    field_errors_add(e, name, "%s: cần một số nguyên không âm", label);
    return def;
  }
  return (int)v;
}

void page_proposal_step(Req *r) {
  long long id;
  if (!req_param_id(r, 0, &id)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  StepReq s = {.step = form_int(r, "step", "Bước", 0, &e), .summoned = form_int(r, "summoned", "Số được triệu tập", 0, &e),
               .present = form_int(r, "present", "Số có mặt", -1, &e),
               .votes_for = form_int(r, "votes_for", "Số phiếu đồng ý", -1, &e), .note = req_form(r, "note")};
  widget_date_field(r, "date", "Ngày họp", true, &e, &s.date);
  if (e.n) {
    proposal_page(r, id, 400, NULL, &e, NULL);
    return;
  }
  ProposalStep out;
  const char *why = NULL;
  int rc = appt_step_record(r->db, r->a, r->scope, id, &s, r->user->username, &out, &why);
  if (rc == CB_EINVAL) {
    proposal_page(r, id, 400, why ? why : "Dữ liệu không hợp lệ.", &e, NULL);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/bo-nhiem/%lld", id));
}

void page_proposal_decide(Req *r) {
  long long id;
  if (!req_param_id(r, 0, &id)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  DecisionReq d = {.decision_no = req_form(r, "decision_no"), .override = req_form(r, "override"),
                   .end_holders = req_form(r, "end_holders") != NULL};
  if (!widget_date_field(r, "date", "Ngày quyết định", true, &e, &d.date)) {
    proposal_page(r, id, 400, NULL, &e, NULL);
    return;
  }
  long long aid;
  Findings f;
  const char *why = NULL;
  int rc = appt_decide(r->db, r->a, r->scope, id, &d, r->user->username, &aid, &f, &why);
  if (rc == CB_ERULE) proposal_page(r, id, 422, why, &e, &f);
  else if (rc == CB_EINVAL) proposal_page(r, id, 400, why ? why : "Dữ liệu không hợp lệ.", &e, NULL);
  else if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, arena_printf(r->a, "/bo-nhiem/%lld", id));
}

/* ---- /bo-nhiem/den-han ---- */

static void send_due_csv(Req *r, const DueItem *v, int n) {
  static const char *H[] = {"Mã cán bộ", "Họ và tên", "Mã đơn vị", "Đơn vị", "Mã chức danh", "Chức danh",
                            "Ngày quyết định", "Hết nhiệm kỳ", "Số ngày còn lại",
                            "Số tháng công tác còn lại khi hết nhiệm kỳ", "Việc cần làm"};
  Table t;
  table_init(r, &t, H, 11);
  for (int i = 0; i < n; i++)
    table_add(r, &t, (const char *[11]){v[i].appt.cadre_code, v[i].appt.cadre_name, v[i].appt.unit_code,
                                        v[i].appt.unit_name, v[i].appt.title_code, v[i].appt.title_name,
                                        v[i].appt.decision_date, v[i].appt.term_end,
                                        arena_printf(r->a, "%d", v[i].days_left),
                                        arena_printf(r->a, "%d", v[i].months_left_at_end), v[i].action_label});
  table_send(r, &t, "csv", "den-han-bo-nhiem");
}

void page_appointments_due(Req *r) {
  char today[16];
  const char *unit = str_or_null(req_query(r, "unit")), *bad = NULL;
  const char *date = widget_date_arg(r, "date", date_iso(date_today(), today), &bad);
  DueItem *v;
  Unit *units;
  int n, nu, notice;
  int rc = appt_due(r->db, r->a, r->scope, unit, date, &v, &n, &notice);
  if (!rc) rc = unit_list(r->db, r->a, r->scope, &units, &nu);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *fmt = req_query(r, "format");
  if (fmt && strcmp(fmt, "csv") == 0 && !bad) {
    send_due_csv(r, v, n);
    return;
  }
  page_begin(r, "Đến hạn bổ nhiệm lại", NAV_NONE);
  if (bad) r->status = 400;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/bo-nhiem\">‹ Bổ nhiệm</a></p><h1>Đến hạn bổ nhiệm lại</h1>"
                 "<p class=\"muted\">Các quyết định hết thời hạn trong %d ngày kể từ %s (APPT-8); dưới 24 tháng công tác "
                 "khi hết thời hạn thì kéo dài thời gian giữ chức vụ đến khi nghỉ hưu (APPT-9).</p></div>",
              notice, fmt_date(r, date));
  html_lit(b, "<form method=\"get\" action=\"/bo-nhiem/den-han\" class=\"search card\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit}, units, nu,
                         "Tất cả đơn vị trong phạm vi");
  widget_date(r, &(Field){.name = "date", .label = "Tính từ ngày", .value = bad ? req_query(r, "date") : date,
                          .error = bad});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
  html_printf(b, "<div class=\"toolbar\"><p class=\"count-line\"><strong>%s</strong> người đến hạn</p><div class=\"exports\">"
                 "<a class=\"btn btn-ghost\" id=\"export-csv\" href=\"%s\">Xuất CSV</a><a class=\"btn btn-ghost\" "
                 "id=\"export-xlsx\" href=\"%s\">Xuất Excel (mẫu danh sách)</a>",
              fmt_count(r, n), html_url(r->a, "/bo-nhiem/den-han?format=csv&unit=%U&date=%U", unit ? unit : "", date),
              html_url(r->a, "/bo-nhiem/den-han/danh-sach?unit=%U&date=%U", unit ? unit : "", date));
  if (unit) doc_button(r, "Danh sách (văn bản)", "danh-sach", (const char *const[]){"list", "due", "unit", unit, NULL});
  html_lit(b, "</div></div>");
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"due\"><thead><tr><th scope=\"col\">Cán bộ</th>"
              "<th scope=\"col\">Chức vụ</th><th scope=\"col\">Quyết định</th>"
              "<th scope=\"col\">Hết thời hạn</th><th scope=\"col\">Đề xuất</th><th scope=\"col\">Giải thích</th>"
              "</tr></thead><tbody>");
  for (int i = 0; i < n; i++)
    html_printf(b, "<tr><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s %s</td><td>%s</td>"
                   "<td><strong>%s</strong></td><td>%s</td></tr>",
                v[i].appt.cadre_code, v[i].appt.cadre_name,
                title_display(r->a, v[i].appt.title_name, v[i].appt.unit_name, NULL),
                vi_capitalize(r->a, appt_kind_label(v[i].appt.kind)),
                fmt_date(r, v[i].appt.decision_date), fmt_date(r, v[i].appt.term_end), v[i].action_label,
                v[i].explain);
  if (n == 0) html_lit(b, "<tr><td colspan=\"6\" class=\"empty\">Không có ai đến hạn.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  page_end(r);
}

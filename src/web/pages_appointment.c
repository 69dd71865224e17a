/*
** Appointment pages: /bo-nhiem (proposals and decisions in scope, filters,
** export, a form for decisions made outside canbo), /bo-nhiem/moi (a new
** proposal), /bo-nhiem/{id} (the proposal: eligibility findings, each step
** with its validity and vote explained with the numbers, the next-step and
** decision forms), /bo-nhiem/den-han (the due list). Also the helpers of
** pages_appt.h. No SQL here: domain/appointment.h does the work.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/appointment.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/forms.h"
#include "web/pages.h"
#include "web/pages_appt.h"
#include "web/web.h"

/* ---- shared helpers (pages_appt.h) ---- */

void appt_unit_select(Req *r, const char *name, const char *label, const char *selected, const char *any_label) {
  Unit *u;
  int n = 0;
  if (unit_list(r->db, r->a, r->user ? r->user->scope : NULL, &u, &n) != 0) n = 0;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"field\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">", name, label, name,
              name);
  if (any_label) html_printf(b, "<option value=\"\">%s</option>", any_label);
  form_unit_options(r, u, n, selected);
  html_lit(b, "</select></div>");
}

void appt_badge(Req *r, Result res) {
  static const char *const cls[] = {"na", "pass", "warn", "fail"};
  html_printf(&r->out, "<span class=\"badge badge-%s\">%s</span>", cls[res >= RESULT_NA && res <= RESULT_FAIL ? res : 0],
              result_label(res));
}

void appt_findings_table(Req *r, const Findings *f, const char *caption) {
  Buf *b = &r->out;
  html_printf(b, "<div class=\"table-wrap\"><table class=\"list findings\"><caption>%s</caption><thead><tr>"
                 "<th scope=\"col\">Quy định</th><th scope=\"col\">Kết quả</th><th scope=\"col\">Giải thích</th>"
                 "<th scope=\"col\">Căn cứ</th></tr></thead><tbody>",
              caption);
  for (int i = 0; i < f->n; i++) {
    html_printf(b, "<tr class=\"finding-%s\"><td>%s</td><td>", result_name(f->v[i].result), f->v[i].rule);
    appt_badge(r, f->v[i].result);
    html_printf(b, "</td><td>%s</td><td class=\"basis\">%s</td></tr>", f->v[i].message, or_dash(f->v[i].basis));
  }
  if (f->n == 0) html_lit(b, "<tr><td colspan=\"4\" class=\"empty\">—</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

void appt_csv_begin(Req *r, const char *filename, const char *const *names, int n) {
  r->status = 200;
  r->content_type = "text/csv; charset=utf-8";
  resp_header(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s\"", filename));
  buf_puts(&r->out, "\xEF\xBB\xBF");
  for (int i = 0; i < n; i++) appt_csv_field(r, names[i], i == n - 1);
}

void appt_csv_field(Req *r, const char *s, bool last) {
  csv_buf_field(&r->out, s);
  buf_puts(&r->out, last ? "\r\n" : ",");
}

const char *appt_date_or_today(const char *s, char *buf) {
  Date d;
  if (s && *s && date_parse(s, &d, DATE_FULL) == 0) return date_iso(d, buf);
  return date_iso(date_today(), buf);
}

/* ---- /bo-nhiem ---- */


static void proposals_table(Req *r, const ProposalRow *v, int n) {
  Buf *b = &r->out;
  html_lit(b, "<h2 class=\"section-h\">Đề nghị bổ nhiệm</h2><div class=\"table-wrap\"><table class=\"list\" "
              "id=\"proposals\"><thead><tr><th scope=\"col\">Ngày</th><th scope=\"col\">Cán bộ</th>"
              "<th scope=\"col\">Hình thức</th><th scope=\"col\">Chức danh</th><th scope=\"col\">Đơn vị</th>"
              "<th scope=\"col\">Nguồn</th><th scope=\"col\" class=\"num\">Bước</th><th scope=\"col\">Trạng thái</th>"
              "<th scope=\"col\">Điều kiện</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td><a href=\"/bo-nhiem/%lld\">%s</a></td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td>"
                   "<td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%d/%d</td><td>%s</td><td>",
                v[i].id, fmt_date(r, v[i].created_at), v[i].cadre_code, v[i].cadre_name, appt_kind_label(v[i].kind),
                v[i].title_name, v[i].unit_name, strcmp(v[i].source, "internal") == 0 ? "tại chỗ" : "nơi khác",
                v[i].nsteps, v[i].steps_required, appt_status_label(v[i].status));
    appt_badge(r, result_parse(v[i].verdict));
    html_lit(b, "</td></tr>");
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"9\" class=\"empty\">Chưa có đề nghị nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

static void decisions_table(Req *r, const ApptRow *v, int n) {
  Buf *b = &r->out;
  html_lit(b, "<h2 class=\"section-h\">Quyết định</h2><div class=\"table-wrap\"><table class=\"list\" id=\"decisions\">"
              "<thead><tr><th scope=\"col\">Ngày quyết định</th><th scope=\"col\">Số</th><th scope=\"col\">Cán bộ</th>"
              "<th scope=\"col\">Hình thức</th><th scope=\"col\">Chức danh</th><th scope=\"col\">Đơn vị</th>"
              "<th scope=\"col\">Hết thời hạn</th><th scope=\"col\">Điều kiện</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td>%s</td><td>%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
                   "<td>%s</td><td>",
                fmt_date(r, v[i].decision_date), or_dash(v[i].decision_no), v[i].cadre_code, v[i].cadre_name,
                appt_kind_label(v[i].kind), v[i].title_name, v[i].unit_name, fmt_date(r, v[i].term_end));
    appt_badge(r, result_parse(v[i].verdict));
    html_lit(b, "</td></tr>");
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"8\" class=\"empty\">Chưa có quyết định nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

static void kind_select(Req *r, bool with_dismissal) {
  static const char *const K[] = {"appointment", "reappointment", "promotion", "nomination", "extension", "dismissal"};
  html_lit(&r->out, "<div class=\"field\"><label for=\"kind\">Hình thức</label><select id=\"kind\" name=\"kind\">");
  for (int i = 0; i < (with_dismissal ? 6 : 5); i++)
    html_printf(&r->out, "<option value=\"%s\">%s</option>", K[i], appt_kind_label(K[i]));
  html_lit(&r->out, "</select></div>");
}

static void title_select(Req *r) {
  Title *t;
  int n = 0;
  if (title_list(r->db, r->a, &t, &n) != 0) n = 0;
  html_lit(&r->out, "<div class=\"field\"><label for=\"title\">Chức danh</label><select id=\"title\" name=\"title\">");
  for (int i = 0; i < n; i++) html_printf(&r->out, "<option value=\"%s\">%s (%s)</option>", t[i].code, t[i].name, t[i].code);
  html_lit(&r->out, "</select></div>");
}

static void source_select(Req *r) {
  html_lit(&r->out, "<div class=\"field\"><label for=\"source\">Nguồn nhân sự</label><select id=\"source\" name=\"source\">"
                    "<option value=\"internal\">Tại chỗ (5 bước)</option><option value=\"external\">Nơi khác (3 bước)</option>"
                    "</select></div>");
}

static void record_form(Req *r) {
  Buf *b = &r->out;
  html_lit(b, "<details class=\"card\"><summary>Ghi quyết định đã ban hành (không qua quy trình trong hệ thống)</summary>"
              "<form method=\"post\" action=\"/bo-nhiem/quyet-dinh\" class=\"stack\" id=\"record-form\">");
  page_csrf_field(r);
  html_lit(b, "<div class=\"field\"><label for=\"rc-cadre\">Mã cán bộ</label><input id=\"rc-cadre\" name=\"cadre\" required></div>");
  kind_select(r, true);
  appt_unit_select(r, "unit", "Đơn vị", NULL, NULL);
  title_select(r);
  html_lit(b, "<div class=\"field\"><label for=\"rc-date\">Ngày quyết định</label><input id=\"rc-date\" name=\"date\" "
              "type=\"date\" required></div><div class=\"field\"><label for=\"rc-no\">Số quyết định</label>"
              "<input id=\"rc-no\" name=\"decision_no\"></div>"
              "<div class=\"field\"><label><input type=\"checkbox\" name=\"position\" value=\"1\" checked> "
              "Cập nhật chức vụ (kết thúc chức vụ cũ trong đơn vị, tạo chức vụ mới)</label></div>"
              "<button type=\"submit\" class=\"btn btn-primary\">Ghi quyết định</button></form></details>");
}

/* The stored findings of a decision just recorded (?quyet-dinh=ID). */
static void recorded_notice(Req *r) {
  const char *s = req_query(r, "quyet-dinh");
  long long id = s ? atoll(s) : 0;
  if (id <= 0) return;
  Findings f;
  if (findings_load(r->db, r->a, "appointment", id, &f) != 0) return;
  page_notice(r, "ok", "Đã ghi quyết định. Kết quả kiểm tra điều kiện được lưu cùng quyết định:");
  appt_findings_table(r, &f, "Kết quả kiểm tra quyết định vừa ghi");
}

void page_appointments(Req *r) {
  const char *scope = r->user ? r->user->scope : NULL, *unit = req_query(r, "unit"), *status = req_query(r, "status");
  int year = (int)req_query_long(r, "year", 0, 0, 3000);
  if (status && *status && !*appt_status_label(status)) status = NULL;
  ProposalRow *pv;
  ApptRow *av;
  int np, na;
  int rc = appt_proposal_list(r->db, r->a, unit, status, scope, &pv, &np);
  if (!rc) rc = appt_list(r->db, r->a, unit, year, scope, &av, &na);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (req_query(r, "format") && strcmp(req_query(r, "format"), "csv") == 0) {
    static const char *const H[] = {"decision_date", "decision_no", "cadre_code", "cadre_name", "kind",
                                    "unit_code", "title_code", "term_end", "verdict"};
    appt_csv_begin(r, "bo-nhiem.csv", H, 9);
    for (int i = 0; i < na; i++) {
      const char *f[] = {av[i].decision_date, av[i].decision_no, av[i].cadre_code, av[i].cadre_name, av[i].kind,
                         av[i].unit_code,     av[i].title_code,  av[i].term_end,   av[i].verdict};
      for (int k = 0; k < 9; k++) appt_csv_field(r, f[k], k == 8);
    }
    return;
  }
  page_begin(r, "Bổ nhiệm", NAV_NONE);
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Bổ nhiệm, bổ nhiệm lại</h1><p>");
  if (r->user && r->user->role >= ROLE_OFFICER)
    html_lit(b, "<a class=\"btn btn-primary\" href=\"/bo-nhiem/moi\" id=\"new-proposal\">Đề nghị bổ nhiệm mới</a> ");
  html_lit(b, "<a class=\"btn btn-ghost\" href=\"/bo-nhiem/den-han\">Danh sách đến hạn bổ nhiệm lại</a></p></div>");
  recorded_notice(r);
  html_lit(b, "<form method=\"get\" action=\"/bo-nhiem\" class=\"search card\" id=\"filter\">");
  appt_unit_select(r, "unit", "Đơn vị", unit, "Tất cả đơn vị trong phạm vi");
  html_lit(b, "<div class=\"field\"><label for=\"status\">Trạng thái đề nghị</label><select id=\"status\" name=\"status\">"
              "<option value=\"\">Tất cả</option><option value=\"open\">Đang thực hiện quy trình</option>"
              "<option value=\"failed\">Không đạt</option><option value=\"decided\">Đã quyết định</option></select></div>");
  if (year) html_printf(b, "<div class=\"field\"><label for=\"year\">Năm quyết định</label><input id=\"year\" name=\"year\" "
                           "type=\"number\" min=\"1990\" max=\"2100\" value=\"%d\"></div>", year);
  else html_lit(b, "<div class=\"field\"><label for=\"year\">Năm quyết định</label><input id=\"year\" name=\"year\" "
                   "type=\"number\" min=\"1990\" max=\"2100\"></div>");
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Lọc</button></form><div class=\"toolbar\"><div class=\"exports\">");
  html_printf(b, "<a class=\"btn btn-ghost\" id=\"export-csv\" href=\"/bo-nhiem?format=csv&amp;unit=%U&amp;year=%d\">Xuất CSV</a>",
              unit ? unit : "", year);
  html_printf(b, "<a class=\"btn btn-ghost\" href=\"/xuat/appointments?format=xlsx&amp;unit=%U\">Xuất Excel (mẫu nhập)</a>",
              unit ? unit : "");
  html_lit(b, "</div></div>");
  proposals_table(r, pv, np);
  decisions_table(r, av, na);
  if (r->user && r->user->role >= ROLE_OFFICER) record_form(r);
  page_end(r);
}

void page_appointment_record(Req *r) {
  ApptReq q = {.cadre_code = req_form(r, "cadre"), .kind = req_form(r, "kind"), .unit_code = req_form(r, "unit"),
               .title_code = req_form(r, "title"), .decision_date = req_form(r, "date"),
               .decision_no = req_form(r, "decision_no")};
  bool pos = req_form(r, "position") && strcmp(req_form(r, "position"), "1") == 0;
  long long id;
  Findings f;
  int rc = appt_record(r->db, r->a, &q, r->user->username, r->user->scope, pos, false, &id, &f);
  if (rc == CB_EINVAL || rc == CB_ENOTFOUND) {
    resp_error(r, rc == CB_EINVAL ? 400 : 404, rc == CB_EINVAL ? "bad_request" : "not_found",
               rc == CB_EINVAL ? "Hình thức hoặc ngày quyết định không hợp lệ." : "Không tìm thấy cán bộ, đơn vị hoặc chức danh trong phạm vi.");
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/bo-nhiem?quyet-dinh=%lld", id));
}

/* ---- /bo-nhiem/moi ---- */

static void proposal_form(Req *r, int status, const char *error) {
  page_begin(r, "Đề nghị bổ nhiệm mới", NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Đề nghị bổ nhiệm mới</h1></div>");
  if (error) page_notice(r, "error", error);
  html_lit(b, "<form method=\"post\" action=\"/bo-nhiem/moi\" class=\"card stack\" id=\"proposal-form\">");
  page_csrf_field(r);
  html_lit(b, "<div class=\"field\"><label for=\"cadre\">Mã cán bộ được đề nghị</label><input id=\"cadre\" name=\"cadre\" "
              "required></div>");
  kind_select(r, false);
  appt_unit_select(r, "unit", "Đơn vị", NULL, NULL);
  title_select(r);
  source_select(r);
  html_lit(b, "<div class=\"field\"><label for=\"date\">Ngày đề nghị</label><input id=\"date\" name=\"date\" type=\"date\">"
              "</div><div class=\"field\"><label for=\"participants\">Người đề xuất, biểu quyết (mã cán bộ, cách nhau "
              "bởi dấu phẩy; để kiểm tra REL-2)</label><input id=\"participants\" name=\"participants\"></div>"
              "<p class=\"help\">Khi tạo đề nghị, hệ thống kiểm tra các điều kiện APPT-1…6, REL-1, REL-2 tại ngày đề nghị "
              "và lưu kết quả; điều kiện được kiểm tra lại khi quyết định.</p>"
              "<button type=\"submit\" class=\"btn btn-primary\">Tạo đề nghị</button></form>");
  page_end(r);
}

void page_proposal_new(Req *r) { proposal_form(r, 200, NULL); }

void page_proposal_create(Req *r) {
  ProposalReq pr = {.cadre_code = req_form(r, "cadre"), .kind = req_form(r, "kind"), .unit_code = req_form(r, "unit"),
                    .title_code = req_form(r, "title"), .source = req_form(r, "source"), .date = req_form(r, "date")};
  const char *parts = req_form(r, "participants");
  if (parts && *parts) {
    char *copy = arena_strdup(r->a, parts), *save = NULL;
    const char **codes = arena_alloc(r->a, sizeof(char *) * (strlen(copy) + 1));
    int n = 0;
    for (char *t = strtok_r(copy, ", ;\t", &save); t; t = strtok_r(NULL, ", ;\t", &save)) codes[n++] = t;
    pr.participants = codes, pr.nparticipants = n;
  }
  long long id;
  Findings f;
  int rc = appt_proposal_create(r->db, r->a, &pr, r->user->username, r->user->scope, &id, &f);
  if (rc == CB_EINVAL) { proposal_form(r, 400, "Hình thức, nguồn nhân sự hoặc ngày không hợp lệ."); return; }
  if (rc == CB_ENOTFOUND)
    { proposal_form(r, 404, "Không tìm thấy cán bộ, đơn vị, chức danh hoặc người biểu quyết trong phạm vi của bạn."); return; }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/bo-nhiem/%lld", id));
}

/* ---- /bo-nhiem/{id} ---- */

static long long path_id(Req *r) {
  if (r->nparams < 1) return 0;
  char *end;
  errno = 0;
  long long v = strtoll(r->params[0], &end, 10);
  return *end || errno || v <= 0 ? 0 : v;
}

static void steps_table(Req *r, const Proposal *p) {
  Buf *b = &r->out;
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"steps\"><caption>Các bước của quy trình</caption>"
              "<thead><tr><th scope=\"col\" class=\"num\">Bước</th><th scope=\"col\">Nội dung</th>"
              "<th scope=\"col\">Ngày</th><th scope=\"col\">Hợp lệ, biểu quyết</th><th scope=\"col\">Kết quả</th>"
              "</tr></thead><tbody>");
  for (int i = 0; i < p->nsteps; i++) {
    const ProposalStep *s = &p->steps[i];
    html_printf(b, "<tr><td class=\"num\">%d</td><td>%s</td><td>%s</td><td>%s</td><td>", s->step, s->name,
                fmt_date(r, s->date), s->explain);
    appt_badge(r, s->passed ? RESULT_PASS : RESULT_FAIL);
    html_lit(b, "</td></tr>");
  }
  for (int k = p->nsteps + 1; k <= p->steps_required; k++)
    html_printf(b, "<tr><td class=\"num\">%d</td><td>%s</td><td>—</td><td class=\"muted\">chưa thực hiện</td><td></td></tr>",
                k, appt_step_name(p->source, k));
  html_lit(b, "</tbody></table></div>");
}

static int next_step(const Proposal *p) {
  int next = 1;
  for (int i = 0; i < p->nsteps; i++)
    if (p->steps[i].passed) next = p->steps[i].step + 1;
  return next;
}

static void step_form(Req *r, const Proposal *p, int next) {
  Buf *b = &r->out;
  html_printf(b, "<form method=\"post\" action=\"/bo-nhiem/%lld/buoc\" class=\"card stack\" id=\"step-form\">"
                 "<h2 class=\"section-h\">Ghi bước %d: %s</h2>",
              p->id, next, appt_step_name(p->source, next));
  page_csrf_field(r);
  html_printf(b, "<input type=\"hidden\" name=\"step\" value=\"%d\">", next);
  html_lit(b, "<div class=\"field\"><label for=\"s-date\">Ngày họp</label><input id=\"s-date\" name=\"date\" type=\"date\" "
              "required></div><div class=\"field\"><label for=\"s-summoned\">Số được triệu tập</label>"
              "<input id=\"s-summoned\" name=\"summoned\" type=\"number\" min=\"1\" required></div>"
              "<div class=\"field\"><label for=\"s-present\">Số có mặt</label><input id=\"s-present\" name=\"present\" "
              "type=\"number\" min=\"0\" required></div>");
  if (appt_step_has_vote(p->source, next))
    html_lit(b, "<div class=\"field\"><label for=\"s-votes\">Số phiếu đồng ý</label><input id=\"s-votes\" name=\"votes_for\" "
                "type=\"number\" min=\"0\" required></div>");
  html_lit(b, "<div class=\"field\"><label for=\"s-note\">Ghi chú</label><input id=\"s-note\" name=\"note\"></div>"
              "<button type=\"submit\" class=\"btn btn-primary\">Ghi bước</button></form>");
}

static void decision_form(Req *r, const Proposal *p) {
  Buf *b = &r->out;
  html_printf(b, "<form method=\"post\" action=\"/bo-nhiem/%lld/quyet-dinh\" class=\"card stack\" id=\"decision-form\">"
                 "<h2 class=\"section-h\">Quyết định</h2>",
              p->id);
  page_csrf_field(r);
  html_lit(b, "<div class=\"field\"><label for=\"d-date\">Ngày quyết định</label><input id=\"d-date\" name=\"date\" "
              "type=\"date\" required></div><div class=\"field\"><label for=\"d-no\">Số quyết định</label>"
              "<input id=\"d-no\" name=\"decision_no\"></div><div class=\"field\"><label for=\"d-override\">Lý do vẫn "
              "quyết định khi có điều kiện «Không đạt» (để trống nếu không)</label><input id=\"d-override\" "
              "name=\"override\"></div><p class=\"help\">Điều kiện được kiểm tra lại tại ngày quyết định; quyết định "
              "tạo chức vụ mới với thời hạn theo APPT-7.</p>"
              "<button type=\"submit\" class=\"btn btn-primary\">Ghi quyết định</button></form>");
}

static void proposal_page(Req *r, int status, const char *error, const Findings *refusal) {
  long long id = path_id(r);
  Proposal p;
  int rc = id ? appt_proposal_get(r->db, r->a, id, r->user ? r->user->scope : NULL, &p) : CB_ENOTFOUND;
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
  if (refusal) appt_findings_table(r, refusal, "Kết quả kiểm tra tại ngày quyết định");
  html_printf(b, "<div class=\"card\"><p>Cán bộ: <a href=\"/can-bo/%U\">%s (%s)</a> · Chức danh: <strong>%s</strong> · "
                 "Đơn vị: <strong>%s</strong> · Nguồn: %s · Ngày đề nghị: %s</p><p>Trạng thái: <strong id=\"status\">%s"
                 "</strong></p>",
              p.cadre_code, p.cadre_name, p.cadre_code, p.title_name, p.unit_name,
              strcmp(p.source, "internal") == 0 ? "tại chỗ (5 bước)" : "nơi khác (3 bước)", fmt_date(r, p.created_at),
              appt_status_label(p.status));
  if (p.appointment_id)
    html_printf(b, "<p>Quyết định số %s ngày %s; thời hạn đến hết ngày %s.</p>", or_dash(p.decision_no),
                fmt_date(r, p.decision_date), fmt_date(r, p.term_end));
  for (int i = 0; i < p.nparticipants; i++)
    html_printf(b, "%s%s", i ? "; " : "<p>Người đề xuất, biểu quyết: ", p.participants[i]);
  if (p.nparticipants) html_lit(b, "</p>");
  html_lit(b, "</div>");
  appt_findings_table(r, &p.findings, "Kết quả kiểm tra điều kiện");
  steps_table(r, &p);
  bool officer = r->user && r->user->role >= ROLE_OFFICER, open = strcmp(p.status, "open") == 0;
  int next = next_step(&p);
  if (officer && open && next <= p.steps_required) step_form(r, &p, next);
  if (officer && open && next > p.steps_required) decision_form(r, &p);
  page_end(r);
}

void page_proposal(Req *r) { proposal_page(r, 200, NULL, NULL); }

static int form_int(Req *r, const char *name, int def) {
  const char *s = req_form(r, name);
  if (!s || !*s) return def;
  char *end;
  long v = strtol(s, &end, 10);
  return *end || v < -1 || v > 1000000 ? -2 : (int)v;
}

void page_proposal_step(Req *r) {
  long long id = path_id(r);
  StepReq s = {.step = form_int(r, "step", 0), .date = req_form(r, "date"), .summoned = form_int(r, "summoned", 0),
               .present = form_int(r, "present", -1), .votes_for = form_int(r, "votes_for", -1),
               .note = req_form(r, "note")};
  ProposalStep out;
  const char *why = NULL;
  int rc = id ? appt_step_record(r->db, r->a, id, &s, r->user->username, r->user->scope, &out, &why) : CB_ENOTFOUND;
  if (rc == CB_EINVAL) { proposal_page(r, 400, why ? why : "Dữ liệu không hợp lệ.", NULL); return; }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/bo-nhiem/%lld", id));
}

void page_proposal_decide(Req *r) {
  long long id = path_id(r);
  DecisionReq d = {.date = req_form(r, "date"), .decision_no = req_form(r, "decision_no"),
                   .override = req_form(r, "override")};
  long long aid;
  Findings f;
  const char *why = NULL;
  int rc = id ? appt_decide(r->db, r->a, id, &d, r->user->username, r->user->scope, &aid, &f, &why) : CB_ENOTFOUND;
  if (rc == CB_ERULE) { proposal_page(r, 422, why, &f); return; }
  if (rc == CB_EINVAL) { proposal_page(r, 400, why ? why : "Dữ liệu không hợp lệ.", NULL); return; }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/bo-nhiem/%lld", id));
}

/* ---- /bo-nhiem/den-han ---- */

void page_appointments_due(Req *r) {
  char dbuf[16];
  const char *unit = req_query(r, "unit"), *date = appt_date_or_today(req_query(r, "date"), dbuf);
  DueItem *v;
  int n, notice;
  int rc = appt_due(r->db, r->a, unit, r->user ? r->user->scope : NULL, date, &v, &n, &notice);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *fmt = req_query(r, "format");
  if (fmt && strcmp(fmt, "csv") == 0) {
    static const char *const H[] = {"cadre_code", "cadre_name", "unit_code", "title_code", "decision_date",
                                    "term_end",   "days_left",  "months_left_at_end", "action"};
    appt_csv_begin(r, "den-han-bo-nhiem.csv", H, 9);
    for (int i = 0; i < n; i++) {
      const char *f[] = {v[i].appt.cadre_code, v[i].appt.cadre_name, v[i].appt.unit_code, v[i].appt.title_code,
                         v[i].appt.decision_date, v[i].appt.term_end, arena_printf(r->a, "%d", v[i].days_left),
                         arena_printf(r->a, "%d", v[i].months_left_at_end), v[i].action};
      for (int k = 0; k < 9; k++) appt_csv_field(r, f[k], k == 8);
    }
    return;
  }
  page_begin(r, "Đến hạn bổ nhiệm lại", NAV_NONE);
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/bo-nhiem\">‹ Bổ nhiệm</a></p><h1>Đến hạn bổ nhiệm lại</h1>"
                 "<p class=\"muted\">Các quyết định hết thời hạn trong %d ngày kể từ %s (APPT-8); dưới 24 tháng công tác "
                 "khi hết thời hạn thì kéo dài thời gian giữ chức vụ đến khi nghỉ hưu (APPT-9).</p></div>",
              notice, fmt_date(r, date));
  html_lit(b, "<form method=\"get\" action=\"/bo-nhiem/den-han\" class=\"search card\">");
  appt_unit_select(r, "unit", "Đơn vị", unit, "Tất cả đơn vị trong phạm vi");
  html_printf(b, "<div class=\"field\"><label for=\"date\">Tính từ ngày</label><input id=\"date\" name=\"date\" type=\"date\" "
                 "value=\"%s\"></div><button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>",
              date);
  html_printf(b, "<div class=\"toolbar\"><p class=\"count-line\"><strong>%d</strong> người đến hạn</p><div class=\"exports\">"
                 "<a class=\"btn btn-ghost\" id=\"export-csv\" href=\"/bo-nhiem/den-han?format=csv&amp;unit=%U&amp;date=%s\">"
                 "Xuất CSV</a><a class=\"btn btn-ghost\" id=\"export-xlsx\" href=\"/bo-nhiem/den-han/danh-sach?unit=%U&amp;"
                 "date=%s\">Xuất Excel (mẫu danh sách)</a></div></div>",
              n, unit ? unit : "", date, unit ? unit : "", date);
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"due\"><thead><tr><th scope=\"col\">Cán bộ</th>"
              "<th scope=\"col\">Chức danh</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Quyết định</th>"
              "<th scope=\"col\">Hết thời hạn</th><th scope=\"col\">Đề xuất</th><th scope=\"col\">Giải thích</th>"
              "</tr></thead><tbody>");
  for (int i = 0; i < n; i++)
    html_printf(b, "<tr><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td><td>%s %s</td><td>%s</td>"
                   "<td><strong>%s</strong></td><td>%s</td></tr>",
                v[i].appt.cadre_code, v[i].appt.cadre_name, v[i].appt.title_name, v[i].appt.unit_name,
                appt_kind_label(v[i].appt.kind), fmt_date(r, v[i].appt.decision_date), fmt_date(r, v[i].appt.term_end),
                v[i].action_label, v[i].explain);
  if (n == 0) html_lit(b, "<tr><td colspan=\"7\" class=\"empty\">Không có ai đến hạn.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  page_end(r);
}

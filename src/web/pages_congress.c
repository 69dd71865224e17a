/*
** Congress personnel plan pages: /dai-hoi?unit= (the plans in scope and,
** for officers, a form to start one), /dai-hoi/{id} (the variants side by
** side: members with age, gender, re-elected or first time, months of
** service left, local or not; the CONG checks of each variant with badges;
** forms to add a variant, add/remove members, choose a variant), the form
** POSTs (303 back to the plan), and /dai-hoi/{id}/xlsx (the chosen variant
** as an official list). Not for: SQL or checks (domain/congress*.c).
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/congress.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/forms.h"
#include "web/pages.h"
#include "web/web.h"

static const char *scope_of(Req *r) { return r->user ? r->user->scope : NULL; }
static const char *actor_of(Req *r) { return r->user ? r->user->username : "web"; }
static bool can_write(Req *r) { return r->user && r->user->role >= ROLE_OFFICER; }

static long long param_id(const char *s) {
  if (!s || !*s) return 0;
  char *end;
  long long v = strtoll(s, &end, 10);
  return *end || v <= 0 ? 0 : v;
}

static const char *badge_class(Result res) {
  switch (res) {
  case RESULT_PASS: return "badge badge-pass";
  case RESULT_WARN: return "badge badge-warn";
  case RESULT_FAIL: return "badge badge-fail";
  default: return "badge badge-na";
  }
}

static void badge(Req *r, Result res) {
  html_printf(&r->out, "<span class=\"%s\">%s</span>", badge_class(res), result_label(res));
}

static void create_form(Req *r, const Unit *u, int n, const char *unit) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"post\" action=\"/dai-hoi\" class=\"card stack congress-new\" id=\"congress-new\">"
              "<h2 class=\"section-h\">Lập phương án nhân sự mới</h2>");
  page_csrf_field(r);
  html_lit(b, "<div class=\"congress-fields\"><div class=\"field\"><label for=\"cg-unit\">Đơn vị</label>"
              "<select id=\"cg-unit\" name=\"unit\" required>");
  form_unit_options(r, u, n, unit);
  html_lit(b, "</select></div><div class=\"field\"><label for=\"cg-term\">Nhiệm kỳ</label>"
              "<select id=\"cg-term\" name=\"term\"><option value=\"2025-2030\">2025–2030 (Chỉ thị 45-CT/TW)</option>"
              "<option value=\"2020-2025\">2020–2025 (Chỉ thị 35-CT/TW)</option></select></div>"
              "<div class=\"field\"><label for=\"cg-reck\">Ngày tính tuổi</label>"
              "<input id=\"cg-reck\" name=\"reckoning_date\" type=\"date\" aria-describedby=\"cg-reck-help\">"
              "<span class=\"help\" id=\"cg-reck-help\">Để trống: theo tháng tính tuổi của Chỉ thị 45 cho cấp của đơn vị."
              "</span></div><div class=\"field\"><label for=\"cg-prev\">Số ủy viên tối đa nhiệm kỳ trước</label>"
              "<input id=\"cg-prev\" name=\"prev_max_size\" type=\"number\" min=\"1\" max=\"10000\"></div></div>"
              "<button type=\"submit\" class=\"btn btn-primary\">Lập phương án</button></form>");
}

void page_congress_list(Req *r) {
  const char *unit = req_query(r, "unit");
  Unit *u;
  int nu;
  CongressPlan *p = NULL;
  int n = 0;
  int rc = unit_list(r->db, r->a, scope_of(r), &u, &nu);
  if (!rc) rc = congress_list(r->db, r->a, scope_of(r), unit, &p, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  Buf *b = &r->out;
  page_begin(r, "Phương án nhân sự đại hội", NAV_NONE);
  html_lit(b, "<div class=\"page-head\"><h1>Phương án nhân sự đại hội</h1></div>"
              "<form method=\"get\" action=\"/dai-hoi\" class=\"search card\" role=\"search\">"
              "<div class=\"field field-grow\"><label for=\"unit\">Đơn vị</label><select id=\"unit\" name=\"unit\">"
              "<option value=\"\">Tất cả đơn vị trong phạm vi</option>");
  form_unit_options(r, u, nu, unit);
  html_lit(b, "</select></div><button type=\"submit\" class=\"btn btn-primary\">Lọc</button></form>"
              "<div class=\"table-wrap\"><table class=\"list\" id=\"congress-plans\"><caption class=\"sr-only\">"
              "Các phương án nhân sự</caption><thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Nhiệm kỳ</th>"
              "<th scope=\"col\">Chỉ thị</th><th scope=\"col\">Ngày tính tuổi</th>"
              "<th scope=\"col\" class=\"num\">Số phương án</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++)
    html_printf(b,
                "<tr><td><a href=\"/dai-hoi/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
                "<td class=\"num\">%d</td></tr>",
                p[i].id, p[i].unit_name, p[i].term, congress_directive(p[i].term), fmt_date(r, p[i].reckoning_date),
                p[i].nvariants);
  if (n == 0) html_lit(b, "<tr><td colspan=\"5\" class=\"empty\">Chưa có phương án nhân sự nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  if (can_write(r)) create_form(r, u, nu, unit);
  page_end(r);
}

void page_congress_create(Req *r) {
  const char *pm = req_form(r, "prev_max_size");
  CongressNew req = {req_form(r, "unit"), req_form(r, "term"), req_form(r, "reckoning_date"),
                     req_form(r, "congress_date"), pm && *pm ? atoi(pm) : 0, req_form(r, "note")};
  long long id;
  int rc = congress_create(r->db, r->a, actor_of(r), scope_of(r), &req, &id);
  if (rc == CB_EEXIST) resp_error(r, 409, "exists", "Đơn vị đã có phương án nhân sự cho nhiệm kỳ này.");
  else if (rc == CB_EINVAL) resp_error(r, 400, "bad_request", "Nhiệm kỳ hoặc ngày tính tuổi không hợp lệ.");
  else if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, arena_printf(r->a, "/dai-hoi/%lld", id));
}

static const char *local_label(int local) { return local > 0 ? "Có" : local == 0 ? "Không" : "Chưa rõ"; }

static void member_rows(Req *r, const CongressPlan *p, const CongressVariant *v) {
  Buf *b = &r->out;
  for (int i = 0; i < v->n; i++) {
    const CongressMember *m = &v->m[i];
    html_printf(b, "<tr><td class=\"num\">%d</td><td class=\"nowrap\"><a href=\"/can-bo/%U\" title=\"%s\">%s</a></td>"
                   "<td>%s</td><td class=\"num\">%s</td><td>%s</td><td>%s%s</td>",
                i + 1, m->code, or_dash(m->current_title), m->full_name, congress_body_label(m->body),
                m->age >= 0 ? arena_printf(r->a, "%d", m->age) : "—", gender_label(m->gender),
                m->reelected ? "Tái cử" : "Lần đầu", m->override ? " (chỉnh tay)" : "");
    html_printf(b, "<td class=\"num\">%s</td><td>%s</td>",
                m->months_left != INT_MIN ? arena_printf(r->a, "%d", m->months_left) : "—", local_label(m->local));
    if (can_write(r)) {
      html_printf(b, "<td><form method=\"post\" action=\"/dai-hoi/%lld/phuong-an/%lld/xoa/%U\">", p->id, v->id, m->code);
      page_csrf_field(r);
      html_printf(b, "<button type=\"submit\" class=\"btn btn-ghost\" aria-label=\"Bỏ %s khỏi %s\">Bỏ</button></form></td>",
                  m->full_name, v->name);
    }
    html_lit(b, "</tr>");
  }
  if (v->n == 0) html_lit(b, "<tr><td colspan=\"9\" class=\"empty\">Chưa có thành viên.</td></tr>");
}

static void member_form(Req *r, const CongressPlan *p, const CongressVariant *v) {
  Buf *b = &r->out;
  html_printf(b, "<form method=\"post\" action=\"/dai-hoi/%lld/phuong-an/%lld/thanh-vien\" class=\"congress-add\">",
              p->id, v->id);
  page_csrf_field(r);
  html_printf(b, "<div class=\"field\"><label for=\"cadre-%lld\">Thêm cán bộ (mã hoặc tên)</label>"
                 "<input id=\"cadre-%lld\" name=\"cadre\" list=\"congress-cadres\" required autocomplete=\"off\" "
                 "class=\"congress-cadre\" spellcheck=\"false\"></div>",
              v->id, v->id);
  html_printf(b, "<div class=\"field\"><label for=\"body-%lld\">Dự kiến</label><select id=\"body-%lld\" name=\"body\">"
                 "<option value=\"committee\">Ủy viên BCH</option><option value=\"standing\">Ủy viên BTV</option>"
                 "<option value=\"deputy_secretary\">Phó Bí thư</option><option value=\"secretary\">Bí thư</option>"
                 "</select></div>",
              v->id, v->id);
  html_printf(b, "<div class=\"field\"><label for=\"re-%lld\">Tái cử / lần đầu</label><select id=\"re-%lld\" name=\"reelected\">"
                 "<option value=\"\">Theo cấp ủy khóa trước</option><option value=\"1\">Tái cử</option>"
                 "<option value=\"0\">Lần đầu</option></select></div>",
              v->id, v->id);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Thêm</button></form>");
}

static void variant_card(Req *r, const CongressPlan *p, const CongressVariant *v) {
  Buf *b = &r->out;
  const CongressCounts *k = &v->counts;
  html_printf(b, "<section class=\"card congress-variant\" id=\"variant-%lld\" aria-labelledby=\"vh-%lld\">"
                 "<h2 class=\"section-h\" id=\"vh-%lld\">%s ",
              v->id, v->id, v->id, v->name);
  if (v->chosen) html_lit(b, "<span class=\"badge badge-v\">Đã chọn</span> ");
  badge(r, v->verdict);
  html_lit(b, "</h2>");
  html_printf(b, "<p class=\"congress-counts\">%d ủy viên BCH · %d BTV · %d phó bí thư · %d bí thư · nữ %s · "
                 "dưới 40 tuổi %s · 40–50 tuổi %s · trên 50 tuổi %s · lần đầu %d · tái cử %d</p>",
              k->committee, k->standing, k->deputies, k->secretaries, fmt_percent(r, k->women, k->committee),
              fmt_percent(r, k->under40, k->committee), fmt_percent(r, k->mid, k->committee),
              fmt_percent(r, k->over50, k->committee), k->first_time, k->reelected);
  html_printf(b, "<div class=\"table-wrap\"><table class=\"grid congress-members\"><caption class=\"sr-only\">Thành viên %s</caption>"
                 "<thead><tr><th scope=\"col\" class=\"num\">STT</th><th scope=\"col\">Họ và tên</th>"
                 "<th scope=\"col\">Dự kiến</th><th scope=\"col\" class=\"num\">Tuổi</th><th scope=\"col\">Giới tính</th>"
                 "<th scope=\"col\">Tái cử</th><th scope=\"col\" class=\"num\">Tháng công tác còn lại</th>"
                 "<th scope=\"col\">Địa phương</th>",
              v->name);
  if (can_write(r)) html_lit(b, "<th scope=\"col\"><span class=\"sr-only\">Thao tác</span></th>");
  html_lit(b, "</tr></thead><tbody>");
  member_rows(r, p, v);
  html_lit(b, "</tbody></table></div>");
  if (can_write(r)) {
    member_form(r, p, v);
    html_lit(b, "<div class=\"congress-actions\">");
    if (!v->chosen) {
      html_printf(b, "<form method=\"post\" action=\"/dai-hoi/%lld/phuong-an/%lld/chon\">", p->id, v->id);
      page_csrf_field(r);
      html_lit(b, "<button type=\"submit\" class=\"btn btn-ghost\">Chọn phương án này</button></form>");
    }
    html_lit(b, "</div>");
  }
  html_printf(b, "<p><a class=\"btn btn-ghost\" href=\"/dai-hoi/%lld/xlsx?variant=%lld\">Xuất Excel</a></p></section>",
              p->id, v->id);
}

/* The checks, one row per rule id, one column per variant. */
static void compare_table(Req *r, const CongressVariant *v, int nv) {
  Buf *b = &r->out;
  html_lit(b, "<section class=\"card\" aria-labelledby=\"cmp-h\"><h2 class=\"section-h\" id=\"cmp-h\">So sánh kết quả "
              "kiểm tra</h2><div class=\"table-wrap\"><table class=\"grid congress-compare\" id=\"congress-compare\">"
              "<thead><tr><th scope=\"col\">Quy định</th>");
  for (int i = 0; i < nv; i++) html_printf(b, "<th scope=\"col\">%s</th>", v[i].name);
  html_lit(b, "<th scope=\"col\">Căn cứ</th></tr></thead><tbody>");
  for (int k = 1; k <= 12; k++) {
    const char *rule = arena_printf(r->a, "CONG-%d", k);
    const char *basis = NULL;
    html_printf(b, "<tr><th scope=\"row\">%s</th>", rule);
    for (int i = 0; i < nv; i++) {
      html_lit(b, "<td><ul class=\"findings\">");
      for (int j = 0; j < v[i].findings.n; j++) {
        const Finding *f = &v[i].findings.v[j];
        if (strcmp(f->rule, rule) != 0) continue;
        basis = f->basis;
        html_lit(b, "<li>");
        badge(r, f->result);
        html_printf(b, " %s</li>", f->message);
      }
      html_lit(b, "</ul></td>");
    }
    html_printf(b, "<td class=\"basis\">%s</td></tr>", or_dash(basis));
  }
  html_lit(b, "</tbody></table></div></section>");
}

static void outgoing_section(Req *r, const CongressMember *m, int n) {
  Buf *b = &r->out;
  html_printf(b, "<details class=\"card\" id=\"outgoing\"><summary>Cấp ủy khóa trước tại ngày tính tuổi: %d người</summary>"
                 "<ul>",
              n);
  for (int i = 0; i < n; i++)
    html_printf(b, "<li><a href=\"/can-bo/%U\">%s</a> — %s, %s tuổi, còn %s tháng công tác</li>", m[i].code,
                m[i].full_name, congress_body_label(m[i].body), m[i].age >= 0 ? arena_printf(r->a, "%d", m[i].age) : "?",
                m[i].months_left != INT_MIN ? arena_printf(r->a, "%d", m[i].months_left) : "?");
  html_lit(b, "</ul></details>");
}

static void variant_form(Req *r, const CongressPlan *p, const CongressVariant *v, int nv) {
  Buf *b = &r->out;
  html_printf(b, "<form method=\"post\" action=\"/dai-hoi/%lld/phuong-an\" class=\"card congress-add\" id=\"variant-new\">"
                 "<h2 class=\"section-h\">Thêm phương án</h2>",
              p->id);
  page_csrf_field(r);
  html_lit(b, "<div class=\"field\"><label for=\"vn-name\">Tên phương án</label><input id=\"vn-name\" name=\"name\" "
              "maxlength=\"200\" placeholder=\"Để trống: Phương án N\"></div><div class=\"field\"><label for=\"vn-copy\">"
              "Sao chép từ</label><select id=\"vn-copy\" name=\"copy_from\"><option value=\"\">Phương án trống</option>");
  for (int i = 0; i < nv; i++) html_printf(b, "<option value=\"%lld\">%s</option>", v[i].id, v[i].name);
  html_lit(b, "</select></div><button type=\"submit\" class=\"btn btn-primary\">Thêm phương án</button></form>");
}

static bool load_plan(Req *r, CongressPlan *p) {
  long long id = param_id(r->nparams > 0 ? r->params[0] : NULL);
  int rc = id ? congress_get(r->db, r->a, scope_of(r), id, p) : CB_ENOTFOUND;
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_congress(Req *r) {
  CongressPlan p;
  if (!load_plan(r, &p)) return;
  CongressMember *og;
  int nog;
  CongressVariant *v;
  int nv;
  int rc = congress_outgoing(r->db, r->a, &p, &og, &nog);
  if (!rc) rc = congress_variants(r->db, r->a, &p, &v, &nv);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  Buf *b = &r->out;
  page_begin(r, arena_printf(r->a, "Phương án nhân sự %s, nhiệm kỳ %s", p.unit_name, p.term), NAV_NONE);
  html_printf(b, "<div class=\"page-head\"><h1>Phương án nhân sự đại hội: %s, nhiệm kỳ %s</h1></div>"
                 "<p class=\"congress-head\">Áp dụng %s · tuổi và thời gian công tác tính tại ngày <strong>%s</strong>",
              p.unit_name, p.term, or_dash(congress_directive(p.term)), fmt_date(r, p.reckoning_date));
  if (p.prev_max_size > 0) html_printf(b, " · tối đa nhiệm kỳ trước %d ủy viên", p.prev_max_size);
  html_printf(b, " · <a href=\"/dai-hoi?unit=%U\">các phương án của đơn vị</a></p>", p.unit_code);
  outgoing_section(r, og, nog);
  if (can_write(r)) html_lit(b, "<datalist id=\"congress-cadres\"></datalist>");
  html_lit(b, "<div class=\"congress-variants\">");
  for (int i = 0; i < nv; i++) variant_card(r, &p, &v[i]);
  html_lit(b, "</div>");
  compare_table(r, v, nv);
  if (can_write(r)) variant_form(r, &p, v, nv);
  page_end(r);
}

static void back_to_plan(Req *r, long long id, int rc) {
  if (rc == CB_EINVAL) resp_error(r, 400, "bad_request", "Dữ liệu không hợp lệ (mỗi phương án chỉ có một bí thư).");
  else if (rc == CB_EEXIST) resp_error(r, 409, "exists", "Tên phương án đã có.");
  else if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, arena_printf(r->a, "/dai-hoi/%lld", id));
}

void page_congress_variant_post(Req *r) {
  CongressPlan p;
  if (!load_plan(r, &p)) return;
  long long vid;
  back_to_plan(r, p.id,
               congress_variant_add(r->db, r->a, actor_of(r), &p, req_form(r, "name"), param_id(req_form(r, "copy_from")),
                                    &vid));
}

/* The cadre code typed in the form: "CODE" or "CODE — Name" (the datalist's label). */
static const char *typed_code(Req *r, const char *s) {
  if (!s) return NULL;
  while (*s == ' ') s++;
  size_t n = strcspn(s, " ");
  return arena_strndup(r->a, s, n);
}

void page_congress_member_post(Req *r) {
  CongressPlan p;
  if (!load_plan(r, &p)) return;
  const char *re = req_form(r, "reelected"), *body = req_form(r, "body");
  int reelected = re && strcmp(re, "1") == 0 ? 1 : re && strcmp(re, "0") == 0 ? 0 : -1;
  back_to_plan(r, p.id,
               congress_member_set(r->db, r->a, actor_of(r), scope_of(r), &p, param_id(r->params[1]),
                                   typed_code(r, req_form(r, "cadre")), body ? body : "committee", reelected));
}

void page_congress_member_delete(Req *r) {
  CongressPlan p;
  if (!load_plan(r, &p)) return;
  back_to_plan(r, p.id, congress_member_remove(r->db, r->a, actor_of(r), &p, param_id(r->params[1]), r->params[2]));
}

void page_congress_choose_post(Req *r) {
  CongressPlan p;
  if (!load_plan(r, &p)) return;
  back_to_plan(r, p.id, congress_choose(r->db, actor_of(r), &p, param_id(r->params[1])));
}

void page_congress_xlsx(Req *r) {
  CongressPlan p;
  if (!load_plan(r, &p)) return;
  CongressVariant *v;
  int nv, rc = congress_variants(r->db, r->a, &p, &v, &nv);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  /* ?variant= names one; else the chosen one; else 404 (nothing chosen yet). */
  long long want = param_id(req_query(r, "variant"));
  const CongressVariant *pick = NULL;
  for (int i = 0; i < nv; i++)
    if (want ? v[i].id == want : v[i].chosen) pick = &v[i];
  if (!pick) {
    resp_error(r, 404, "not_found", "Chưa chọn phương án nào để xuất.");
    return;
  }
  char path[] = "/tmp/canbo-congress-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) {
    resp_cb_error(r, CB_EIO);
    return;
  }
  close(fd);
  rc = congress_export_xlsx(&p, pick, path);
  if (!rc) rc = download_append_file(r, path);
  unlink(path);
  if (rc) {
    buf_reset(&r->out);
    resp_cb_error(r, rc);
    return;
  }
  r->status = 200;
  r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  resp_header(r, "Content-Disposition",
              arena_printf(r->a, "attachment; filename=\"phuong-an-nhan-su-%s-%s.xlsx\"", p.unit_code, p.term));
}

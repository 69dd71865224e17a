/*
** Congress personnel plan pages: /dai-hoi?unit= (the plans in scope and,
** for officers, a form to start one), /dai-hoi/{id} (the variants side by
** side: members with age, gender, re-elected or first time, months of
** service left, local or not; the CONG checks of each variant with badges,
** "Chưa có thành viên" for an empty one; forms to add a variant, add (the
** cadre picker: a name or a code) and remove members, choose a variant), the
** form POSTs (303 back to the plan; a refused one shows the plan again with
** the message next to its field), and /dai-hoi/{id}/xlsx (the chosen
** variant as an official list). Not for: SQL or checks (domain/congress*.c).
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/congress.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/pages_congress.h"
#include "web/web.h"
#include "web/widgets.h"

static const char *actor_of(Req *r) { return r->user ? r->user->username : "web"; }

static void create_form(Req *r, const Unit *u, int n, const char *unit, const FieldErrors *e) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"post\" action=\"/dai-hoi\" class=\"card stack congress-new\" id=\"congress-new\">"
              "<h2 class=\"section-h\">Lập phương án nhân sự mới</h2>");
  page_csrf_field(r);
  widget_error_summary(r, e);
  html_lit(b, "<div class=\"congress-fields\">");
  widget_unit_select(r, &(Field){.name = "unit", .label = "Đơn vị", .value = req_form(r, "unit") ? req_form(r, "unit") : unit,
                                 .required = true, .error = field_errors_get(e, "unit"), .id = "cg-unit"},
                     u, n);
  static const Choice TERMS[] = {{"2025-2030", "2025–2030 (Chỉ thị 45-CT/TW)"}, {"2020-2025", "2020–2025 (Chỉ thị 35-CT/TW)"}};
  widget_select(r, &(Field){.name = "term", .label = "Nhiệm kỳ", .required = true, .id = "cg-term",
                            .value = req_form(r, "term") ? req_form(r, "term") : "2025-2030"},
                TERMS, 2, NULL);
  widget_date(r, &(Field){.name = "reckoning_date", .label = "Ngày tính tuổi", .value = req_form(r, "reckoning_date"),
                          .error = field_errors_get(e, "reckoning_date"), .id = "cg-reck",
                          .hint = "Để trống: theo tháng tính tuổi của Chỉ thị 45 cho cấp của đơn vị."});
  widget_text(r, &(Field){.name = "prev_max_size", .label = "Số ủy viên tối đa nhiệm kỳ trước", .id = "cg-prev",
                          .value = req_form(r, "prev_max_size"), .error = field_errors_get(e, "prev_max_size"),
                          .maxlen = 5});
  html_lit(b, "</div><button type=\"submit\" class=\"btn btn-primary\">Lập phương án</button></form>");
}

/* The list of plans; `e` brings back a refused create form. */
static void congress_list_page(Req *r, int status, const FieldErrors *e) {
  const char *unit = str_or_null(req_query(r, "unit"));
  Unit *u;
  int nu;
  CongressPlan *p = NULL;
  int n = 0;
  int rc = unit_list(r->db, r->a, r->scope, &u, &nu);
  if (!rc) rc = congress_list(r->db, r->a, r->scope, unit, &p, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  Buf *b = &r->out;
  page_begin(r, "Phương án nhân sự đại hội", NAV_NONE);
  r->status = status;
  html_lit(b, "<div class=\"page-head\"><h1>Phương án nhân sự đại hội</h1></div>"
              "<form method=\"get\" action=\"/dai-hoi\" class=\"search card\" role=\"search\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit, .id = "unit"}, u, nu,
                         "Tất cả đơn vị trong phạm vi");
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Lọc</button></form>"
              "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"congress-plans\"><caption class=\"sr-only\">"
              "Các phương án nhân sự</caption><thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Nhiệm kỳ</th>"
              "<th scope=\"col\">Chỉ thị</th><th scope=\"col\">Ngày tính tuổi</th>"
              "<th scope=\"col\" class=\"num\">Số phương án</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++)
    html_printf(b,
                "<tr><td><a href=\"/dai-hoi/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
                "<td class=\"num\">%s</td></tr>",
                p[i].id, p[i].unit_name, p[i].term, congress_directive(p[i].term), fmt_date(r, p[i].reckoning_date),
                fmt_count(r, p[i].nvariants));
  if (n == 0) html_lit(b, "<tr><td colspan=\"5\" class=\"empty\">Chưa có phương án nhân sự nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (page_can_write(r)) create_form(r, u, nu, unit, e ? e : &none);
  page_end(r);
}

void page_congress_list(Req *r) { congress_list_page(r, 200, NULL); }

void page_congress_create(Req *r) {
  FieldErrors e;
  field_errors_init(&e, r->a);
  const char *reck, *pm = str_or_null(req_form(r, "prev_max_size"));
  widget_date_field(r, "reckoning_date", "Ngày tính tuổi", false, &e, &reck);
  char *end = NULL;
  long prev = pm ? strtol(pm, &end, 10) : 0;
  if (pm && (*end || prev < 1 || prev > 10000)) field_errors_add(&e, "prev_max_size", "Số ủy viên tối đa: từ 1 đến 10.000");
  if (!str_or_null(req_form(r, "unit"))) field_errors_add(&e, "unit", "Đơn vị: chọn đơn vị");
  if (e.n) {
    congress_list_page(r, 400, &e);
    return;
  }
  CongressNew req = {req_form(r, "unit"), req_form(r, "term"), reck, req_form(r, "congress_date"), (int)prev,
                     req_form(r, "note")};
  long long id;
  int rc = congress_create(r->db, r->a, r->scope, actor_of(r), &req, &id);
  if (rc == CB_EEXIST || rc == CB_EINVAL || rc == CB_ENOTFOUND) {
    field_errors_add(&e, "unit", "%s", rc == CB_EEXIST ? "Đơn vị đã có phương án nhân sự cho nhiệm kỳ này"
                                       : rc == CB_ENOTFOUND ? "Không tìm thấy đơn vị trong phạm vi của bạn"
                                                            : "Nhiệm kỳ hoặc ngày tính tuổi không hợp lệ");
    congress_list_page(r, rc == CB_EEXIST ? 409 : rc == CB_ENOTFOUND ? 404 : 400, &e);
  } else if (rc) {
    resp_cb_error(r, rc);
  } else {
    resp_redirect(r, arena_printf(r->a, "/dai-hoi/%lld", id));
  }
}

static const char *local_label(int local) { return local > 0 ? "Có" : local == 0 ? "Không" : "Chưa rõ"; }

/* issue 12: a member outside the reader's scope is counted in the checks but never shown. */
static int outside_count(const CongressMember *m, int n) {
  int k = 0;
  for (int i = 0; i < n; i++) k += m[i].outside;
  return k;
}

static void member_rows(Req *r, const CongressPlan *p, const CongressVariant *v) {
  Buf *b = &r->out;
  int hidden = outside_count(v->m, v->n);
  if (hidden)
    html_printf(b, "<tr><td colspan=\"8\" class=\"muted\">%s người thuộc đơn vị ngoài phạm vi của bạn (không hiển thị).</td></tr>",
                fmt_count(r, hidden));
  for (int i = 0; i < v->n; i++) {
    const CongressMember *m = &v->m[i];
    if (m->outside) continue;
    html_printf(b, "<tr><td class=\"num\">%d</td><td class=\"nowrap\"><a href=\"/can-bo/%U\" title=\"%s\">%s</a></td>"
                   "<td>%s</td><td class=\"num\">%s</td><td>%s</td><td>%s%s</td>",
                i + 1, m->code, or_dash(m->current_title), m->full_name, congress_body_label(m->body),
                m->age >= 0 ? fmt_count(r, m->age) : "—", gender_label(m->gender),
                m->reelected ? "Tái cử" : "Lần đầu", m->override ? " (chỉnh tay)" : "");
    html_printf(b, "<td class=\"num\">%s</td><td>%s</td>",
                m->months_left != INT_MIN ? fmt_count(r, m->months_left) : "—", local_label(m->local));
    if (page_can_write(r)) {
      html_printf(b, "<td><form method=\"post\" action=\"/dai-hoi/%lld/phuong-an/%lld/xoa/%U\">", p->id, v->id, m->code);
      page_csrf_field(r);
      html_printf(b, "<button type=\"submit\" class=\"btn btn-ghost\" aria-label=\"Bỏ %s khỏi %s\">Bỏ</button></form></td>",
                  m->full_name, v->name);
    }
    html_lit(b, "</tr>");
  }
  /* 8 columns, 9 with the remove button of a writer (the W3C checker counts them, issue 12) */
  if (v->n == 0) html_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">Chưa có thành viên.</td></tr>", page_can_write(r) ? 9 : 8);
}

/* A member form refused (cadre not found, several matches...): which variant, its messages and the picker's state. */
typedef struct {
  long long vid;
  const FieldErrors *e;
  const CadrePick *pick;
} Refused;

static void member_form(Req *r, const CongressPlan *p, const CongressVariant *v, const Refused *back) {
  Buf *b = &r->out;
  bool mine = back && back->vid == v->id;
  html_printf(b, "<form method=\"post\" action=\"/dai-hoi/%lld/phuong-an/%lld/thanh-vien\" class=\"congress-add\" "
                 "id=\"add-%lld\">",
              p->id, v->id, v->id);
  page_csrf_field(r);
  widget_cadre_field(r, &(Field){.name = "cadre", .label = "Thêm cán bộ", .required = true,
                                 .id = arena_printf(r->a, "cadre-%lld", v->id),
                                 .error = mine ? field_errors_get(back->e, "cadre") : NULL},
                     mine ? back->pick : NULL);
  static const Choice BODIES[] = {{"committee", "Ủy viên BCH"}, {"standing", "Ủy viên BTV"},
                                  {"deputy_secretary", "Phó Bí thư"}, {"secretary", "Bí thư"}};
  widget_select(r, &(Field){.name = "body", .label = "Dự kiến", .required = true, .id = arena_printf(r->a, "body-%lld", v->id),
                            .value = mine && req_form(r, "body") ? req_form(r, "body") : "committee",
                            .error = mine ? field_errors_get(back->e, "body") : NULL},
                BODIES, 4, NULL);
  static const Choice RE[] = {{"1", "Tái cử"}, {"0", "Lần đầu"}};
  widget_select(r, &(Field){.name = "reelected", .label = "Tái cử / lần đầu", .id = arena_printf(r->a, "re-%lld", v->id),
                            .value = mine ? req_form(r, "reelected") : NULL},
                RE, 2, "Theo cấp ủy khóa trước");
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Thêm</button></form>");
}

/* The variant's verdict; an empty variant has nothing to pass. */
static void verdict_badge(Req *r, const CongressVariant *v) {
  if (v->n == 0) html_lit(&r->out, "<span class=\"badge badge-na\">Chưa có thành viên</span>");
  else widget_result_badge(r, v->verdict);
}

static void variant_card(Req *r, const CongressPlan *p, const CongressVariant *v, const Refused *back) {
  Buf *b = &r->out;
  const CongressCounts *k = &v->counts;
  html_printf(b, "<section class=\"card congress-variant\" id=\"variant-%lld\" aria-labelledby=\"vh-%lld\">"
                 "<h2 class=\"section-h\" id=\"vh-%lld\">%s ",
              v->id, v->id, v->id, v->name);
  if (v->chosen) html_lit(b, "<span class=\"badge badge-v\">Đã chọn</span> ");
  verdict_badge(r, v);
  html_lit(b, "</h2>");
  html_printf(b, "<p class=\"congress-counts\">%s ủy viên BCH · %s BTV · %s phó bí thư · %s bí thư · nữ %s · "
                 "dưới 40 tuổi %s · 40–50 tuổi %s · trên 50 tuổi %s · dân tộc thiểu số %s · lần đầu %s · tái cử %s</p>",
              fmt_count(r, k->committee), fmt_count(r, k->standing), fmt_count(r, k->deputies),
              fmt_count(r, k->secretaries), fmt_percent(r, k->women, k->committee),
              fmt_percent(r, k->under40, k->committee), fmt_percent(r, k->mid, k->committee),
              fmt_percent(r, k->over50, k->committee), fmt_percent(r, k->minority, k->committee),
              fmt_count(r, k->first_time), fmt_count(r, k->reelected));
  html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid congress-members\"><caption class=\"sr-only\">Thành viên %s</caption>"
                 "<thead><tr><th scope=\"col\" class=\"num\">STT</th><th scope=\"col\">Họ và tên</th>"
                 "<th scope=\"col\">Dự kiến</th><th scope=\"col\" class=\"num\">Tuổi</th><th scope=\"col\">Giới tính</th>"
                 "<th scope=\"col\">Tái cử</th><th scope=\"col\" class=\"num\">Tháng công tác còn lại</th>"
                 "<th scope=\"col\">Địa phương</th>",
              v->name);
  if (page_can_write(r)) html_lit(b, "<th scope=\"col\"><span class=\"sr-only\">Thao tác</span></th>");
  html_lit(b, "</tr></thead><tbody>");
  member_rows(r, p, v);
  html_lit(b, "</tbody></table></div>");
  if (page_can_write(r)) {
    member_form(r, p, v, back);
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

/* The checks, one row per rule id, one column per variant (an empty variant: nothing checked). */
static void compare_table(Req *r, const CongressVariant *v, int nv) {
  Buf *b = &r->out;
  html_lit(b, "<section class=\"card\" aria-labelledby=\"cmp-h\"><h2 class=\"section-h\" id=\"cmp-h\">So sánh kết quả "
              "kiểm tra</h2><div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid congress-compare\" id=\"congress-compare\">"
              "<thead><tr><th scope=\"col\">Quy định</th>");
  for (int i = 0; i < nv; i++) html_printf(b, "<th scope=\"col\">%s</th>", v[i].name);
  html_lit(b, "<th scope=\"col\">Căn cứ</th></tr></thead><tbody>");
  /* CONG-1..12 in order, then every other rule a variant was checked against (PARTY-1: a member not an official
     Party member must show here, not only in the Excel file) */
  int cap = 12, nr = 0;
  for (int i = 0; i < nv; i++) cap += v[i].findings.n;
  const char **rules = arena_alloc(r->a, sizeof *rules * (size_t)cap);
  for (int k = 1; k <= 12; k++) rules[nr++] = arena_printf(r->a, "CONG-%d", k);
  for (int i = 0; i < nv; i++)
    for (int j = 0; j < v[i].findings.n; j++) {
      bool seen = false;
      for (int k = 0; k < nr && !seen; k++) seen = strcmp(rules[k], v[i].findings.v[j].rule) == 0;
      if (!seen) rules[nr++] = v[i].findings.v[j].rule;
    }
  for (int k = 0; k < nr; k++) {
    const char *rule = rules[k];
    const char *basis = NULL;
    html_printf(b, "<tr><th scope=\"row\">%s</th>", rule);
    for (int i = 0; i < nv; i++) {
      html_lit(b, "<td><ul class=\"findings\">");
      for (int j = 0; j < v[i].findings.n && v[i].n > 0; j++) {
        const Finding *f = &v[i].findings.v[j];
        if (strcmp(f->rule, rule) != 0) continue;
        basis = f->basis;
        html_lit(b, "<li>");
        widget_result_badge(r, f->result);
        html_printf(b, " %s</li>", f->message);
      }
      if (v[i].n == 0) html_lit(b, "<li class=\"muted\">—</li>");
      html_lit(b, "</ul></td>");
    }
    html_printf(b, "<td class=\"basis\">%s</td></tr>", or_dash(basis));
  }
  html_lit(b, "</tbody></table></div></section>");
}

static void outgoing_section(Req *r, const CongressMember *m, int n) {
  Buf *b = &r->out;
  html_printf(b, "<details class=\"card\" id=\"outgoing\"><summary>Cấp ủy khóa trước tại ngày tính tuổi: %s người</summary>"
                 "<ul>",
              fmt_count(r, n));
  if (outside_count(m, n))
    html_printf(b, "<li class=\"muted\">%s người thuộc đơn vị ngoài phạm vi của bạn (không hiển thị).</li>",
                fmt_count(r, outside_count(m, n)));
  for (int i = 0; i < n; i++)
    if (!m[i].outside)
    html_printf(b, "<li><a href=\"/can-bo/%U\">%s</a> — %s, %s tuổi, còn %s tháng công tác</li>", m[i].code,
                m[i].full_name, congress_body_label(m[i].body), m[i].age >= 0 ? fmt_count(r, m[i].age) : "?",
                m[i].months_left != INT_MIN ? fmt_count(r, m[i].months_left) : "?");
  html_lit(b, "</ul></details>");
}

static void variant_form(Req *r, const CongressPlan *p, const CongressVariant *v, int nv) {
  Buf *b = &r->out;
  html_printf(b, "<form method=\"post\" action=\"/dai-hoi/%lld/phuong-an\" class=\"card congress-add\" id=\"variant-new\">"
                 "<h2 class=\"section-h\">Thêm phương án</h2>",
              p->id);
  page_csrf_field(r);
  widget_text(r, &(Field){.name = "name", .label = "Tên phương án", .id = "vn-name", .maxlen = 200,
                          .hint = "Để trống: Phương án N."});
  Choice *c = arena_alloc(r->a, sizeof *c * (size_t)(nv ? nv : 1));
  for (int i = 0; i < nv; i++) c[i] = (Choice){arena_printf(r->a, "%lld", v[i].id), v[i].name};
  widget_select(r, &(Field){.name = "copy_from", .label = "Sao chép từ", .id = "vn-copy"}, c, nv, "Phương án trống");
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Thêm phương án</button></form>");
}

/* The plan page; `back` brings back a refused member form, `error` a refused act (status 400, 404 or 409). */
static void plan_page(Req *r, const CongressPlan *p, int status, const char *error, const Refused *back) {
  CongressMember *og;
  int nog;
  CongressVariant *v;
  int nv;
  int rc = congress_outgoing(r->db, r->a, r->scope, p, &og, &nog);
  if (!rc) rc = congress_variants(r->db, r->a, r->scope, p, &v, &nv);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  Buf *b = &r->out;
  page_begin(r, arena_printf(r->a, "Phương án nhân sự %s, nhiệm kỳ %s", p->unit_name, p->term), NAV_NONE);
  r->status = status;
  html_printf(b, "<div class=\"page-head\"><h1>Phương án nhân sự đại hội: %s, nhiệm kỳ %s</h1></div>"
                 "<p class=\"congress-head\">Áp dụng %s · tuổi và thời gian công tác tính tại ngày <strong>%s</strong>",
              p->unit_name, p->term, or_dash(congress_directive(p->term)), fmt_date(r, p->reckoning_date));
  if (p->prev_max_size > 0) html_printf(b, " · tối đa nhiệm kỳ trước %s ủy viên", fmt_count(r, p->prev_max_size));
  html_printf(b, " · <a href=\"/dai-hoi?unit=%U\">các phương án của đơn vị</a></p>", p->unit_code);
  if (error) page_notice(r, "error", error);
  if (back) widget_error_summary(r, back->e);
  outgoing_section(r, og, nog);
  html_lit(b, "<div class=\"congress-variants\">");
  for (int i = 0; i < nv; i++) variant_card(r, p, &v[i], back);
  html_lit(b, "</div>");
  compare_table(r, v, nv);
  if (page_can_write(r)) variant_form(r, p, v, nv);
  page_end(r);
}

void page_congress(Req *r) {
  CongressPlan p;
  if (congress_plan_arg(r, &p)) plan_page(r, &p, 200, NULL, NULL);
}

/* After a form POST: back to the plan (303), or the plan again with what went wrong. */
static void back_to_plan(Req *r, const CongressPlan *p, int rc) {
  if (rc == CB_EINVAL) plan_page(r, p, 400, "Dữ liệu không hợp lệ (mỗi phương án chỉ có một bí thư).", NULL);
  else if (rc == CB_EEXIST) plan_page(r, p, 409, "Tên phương án đã có.", NULL);
  else if (rc == CB_ENOTFOUND) plan_page(r, p, 404, "Không tìm thấy phương án hoặc thành viên này.", NULL);
  else if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, arena_printf(r->a, "/dai-hoi/%lld", p->id));
}

void page_congress_variant_post(Req *r) {
  CongressPlan p;
  if (!congress_plan_arg(r, &p)) return;
  long long vid;
  back_to_plan(r, &p, congress_variant_add(r->db, r->a, actor_of(r), &p, req_form(r, "name"),
                                           id_value(req_form(r, "copy_from")), &vid));
}

void page_congress_member_post(Req *r) {
  CongressPlan p;
  long long vid;
  if (!congress_plan_arg(r, &p) || !req_param_id(r, 1, &vid)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  CadrePick pick;
  if (!widget_cadre_read(r, "cadre", &e, &pick)) return;
  const char *re = req_form(r, "reelected"), *body = req_form(r, "body");
  if (!body || !congress_body_valid(body)) field_errors_add(&e, "body", "Dự kiến: chọn ủy viên BCH, BTV, phó bí thư hoặc bí thư");
  if (e.n) {
    Refused back = {vid, &e, &pick};
    plan_page(r, &p, 400, NULL, &back);
    return;
  }
  int reelected = re && strcmp(re, "1") == 0 ? 1 : re && strcmp(re, "0") == 0 ? 0 : -1;
  back_to_plan(r, &p, congress_member_set(r->db, r->a, r->scope, actor_of(r), &p, vid, pick.code, body, reelected));
}

void page_congress_member_delete(Req *r) {
  CongressPlan p;
  long long vid;
  if (!congress_plan_arg(r, &p) || !req_param_id(r, 1, &vid)) return;
  back_to_plan(r, &p, congress_member_remove(r->db, r->a, actor_of(r), &p, vid, r->params[2]));
}

void page_congress_choose_post(Req *r) {
  CongressPlan p;
  long long vid;
  if (!congress_plan_arg(r, &p) || !req_param_id(r, 1, &vid)) return;
  back_to_plan(r, &p, congress_choose(r->db, actor_of(r), &p, vid));
}

typedef struct {
  const CongressPlan *p;
  const CongressVariant *v;
  const XlsxDocBlock *doc; /* issue 10: the plan unit's header and signature block, or NULL */
} Chosen;

static int chosen_xlsx(const void *obj, const char *path) {
  const Chosen *c = obj;
  return congress_export_xlsx_doc(c->p, c->v, c->doc, path);
}

void page_congress_xlsx(Req *r) {
  CongressPlan p;
  if (!congress_plan_arg(r, &p)) return;
  CongressVariant *v;
  int nv, rc = congress_variants(r->db, r->a, r->scope, &p, &v, &nv);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  /* ?variant= names one; else the chosen one; else 404 (nothing chosen yet). */
  long long want = id_value(req_query(r, "variant"));
  const CongressVariant *pick = NULL;
  for (int i = 0; i < nv; i++)
    if (want ? v[i].id == want : v[i].chosen) pick = &v[i];
  if (!pick) {
    resp_error(r, 404, "not_found", "Chưa chọn phương án nào để xuất.");
    return;
  }
  /* issue 10: the header and signature block the unit's documents carry */
  Unit u;
  XlsxDocBlock doc;
  bool with_doc = xlsx_doc_issuer(r->db, r->a, p.unit_path, r->user ? r->user->scope : NULL, &u) == 0 &&
                  xlsx_doc_block(r->db, r->a, &u, NULL, &doc) == 0;
  Chosen c = {&p, pick, with_doc ? &doc : NULL};
  Download d = {"xlsx", arena_printf(r->a, "phuong-an-nhan-su-%s-%s.xlsx", p.unit_code, p.term), &c, chosen_xlsx, NULL,
                NULL};
  download_send(r, &d);
}

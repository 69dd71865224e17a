/*
** The cadre profile (GET /can-bo/{code}), laid out like the personal-history
** form Mẫu 2C (see shared domain PROFILE-2C.md): header block, numbered
** sections with the fields canbo keeps, the training and work-history
** tables, then what paper cannot show (months of service left, RET-1).
** The print stylesheet (app.css @media print) turns it into a clean A4 page.
*/
#include <string.h>
#include <utf8proc.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre.h"
#include "domain/position.h"
#include "domain/retirement.h"
#include "domain/training.h"
#include "web/pages_eval.h"
#include "web/pages.h"
#include "web/pages_eligibility.h"
#include "web/web.h"

/* s in capitals (Unicode-aware: "Hoàng Hải Long" -> "HOÀNG HẢI LONG"), in r->a. */
static const char *upper(Req *r, const char *s) {
  Buf b = BUF_INIT;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
    if (k <= 0) break;
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
    buf_append(&b, enc, (size_t)m);
    p += k, left -= k;
  }
  const char *out = arena_strdup(r->a, b.p ? b.p : "");
  buf_free(&b);
  return out;
}

/* One "label: value" pair of a form line; value "—" when empty. */
static void field(Req *r, const char *label, const char *value) {
  html_printf(&r->out, "<span class=\"f\"><span class=\"k\">%s:</span> <span class=\"v\">%s</span></span>", label,
              or_dash(value));
}

static void form_head(Req *r, const Cadre *c) {
  Buf *b = &r->out;
  html_lit(b, "<header class=\"form-head\"><div><p>Tỉnh: <strong>Quảng Ninh</strong></p>");
  html_printf(b, "<p>Đơn vị: <strong>%s</strong></p></div>", or_dash(c->unit_name));
  html_printf(b, "<div class=\"form-id\"><p>Số hiệu cán bộ: <strong>%s</strong></p>"
                 "<div class=\"photo\" aria-hidden=\"true\">Ảnh<br>4 × 6</div></div></header>",
              c->code);
  html_lit(b, "<h1 class=\"form-title\">SƠ YẾU LÝ LỊCH CÁN BỘ</h1>");
}

/* Current positions (no end date), "; "-separated, "kiêm nhiệm" marked. */
static const char *current_positions(Req *r, const Position *p, int n) {
  Buf b = BUF_INIT;
  for (int i = 0; i < n; i++) {
    if (p[i].end_date && *p[i].end_date) continue;
    if (b.len) buf_puts(&b, "; ");
    buf_printf(&b, "%s, %s%s", or_dash(p[i].title_name), or_dash(p[i].unit_name),
               p[i].concurrent ? " (kiêm nhiệm)" : "");
  }
  const char *out = b.len ? arena_strdup(r->a, b.p) : NULL;
  buf_free(&b);
  return out;
}

static void line_begin(Req *r, int n) { html_printf(&r->out, "<li value=\"%d\">", n); }
static void line_end(Req *r) { html_lit(&r->out, "</li>"); }

static void form_lines(Req *r, const Cadre *c, const Position *pos, int npos) {
  Buf *b = &r->out;
  html_lit(b, "<ol class=\"form-lines\">");
  line_begin(r, 1);
  html_printf(b, "<span class=\"f\"><span class=\"k\">Họ và tên khai sinh:</span> "
                 "<strong class=\"v name-caps\">%s</strong></span>",
              upper(r, c->full_name));
  field(r, "Giới tính", gender_label(c->gender));
  field(r, "Sinh ngày", fmt_date(r, c->birth_date));
  line_end(r);
  line_begin(r, 2);
  field(r, "Nơi sinh", c->birthplace);
  field(r, "Quê quán", c->hometown);
  line_end(r);
  line_begin(r, 3);
  field(r, "Dân tộc", c->ethnicity);
  field(r, "Tôn giáo", c->religion);
  line_end(r);
  line_begin(r, 6);
  field(r, "Chức vụ hiện tại", current_positions(r, pos, npos));
  line_end(r);
  line_begin(r, 8);
  html_lit(b, "<span class=\"k\">Trình độ:</span><ul class=\"sub\"><li>");
  field(r, "Giáo dục phổ thông", c->education);
  html_lit(b, "</li><li>");
  const char *deg = cadre_degree_label(c->degree);
  field(r, "Chuyên môn cao nhất",
        *deg && c->major && *c->major ? arena_printf(r->a, "%s, chuyên ngành %s", deg, c->major) : deg);
  html_lit(b, "</li><li>");
  field(r, "Lý luận chính trị", cadre_llct_label(c->llct_level));
  html_lit(b, "</li><li>");
  field(r, "Quản lý nhà nước", cadre_qlnn_label(c->qlnn_level));
  html_lit(b, "</li></ul>");
  line_end(r);
  line_begin(r, 9);
  field(r, "Ngày vào Đảng", fmt_date(r, c->party_join_date));
  field(r, "Ngày chính thức", fmt_date(r, c->party_official_date));
  line_end(r);
  html_lit(b, "</ol>");
  if (c->notes && *c->notes) html_printf(b, "<p class=\"notes\"><span class=\"k\">Ghi chú:</span> %s</p>", c->notes);
}

static void trainings_table(Req *r, const Training *t, int n) {
  Buf *b = &r->out;
  html_lit(b, "<section class=\"form-sec\" aria-labelledby=\"dt-h\"><h2 id=\"dt-h\">Đào tạo, bồi dưỡng</h2>"
              "<div class=\"table-wrap\"><table class=\"grid\"><thead><tr><th scope=\"col\">Tên khóa học, chương trình</th>"
              "<th scope=\"col\">Cơ sở đào tạo</th><th scope=\"col\">Từ tháng/năm – đến tháng/năm</th>"
              "<th scope=\"col\">Tình trạng</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    const char *label = training_program_label(t[i].program);
    const char *name = t[i].name && *t[i].name ? t[i].name : label;
    html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s – %s</td><td>%s</td></tr>", or_dash(name),
                or_dash(t[i].institution), fmt_month(r, t[i].start_date),
                t[i].end_date && *t[i].end_date ? fmt_month(r, t[i].end_date) : "nay",
                or_dash(training_status_label(t[i].status)));
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"4\" class=\"empty\">—</td></tr>");
  html_lit(b, "</tbody></table></div></section>");
}

/* Work history, oldest first as on the paper form (position_list_for_cadre gives newest first). */
static void positions_table(Req *r, const Position *p, int n) {
  Buf *b = &r->out;
  html_lit(b, "<section class=\"form-sec\" aria-labelledby=\"ct-h\"><h2 id=\"ct-h\">Tóm tắt quá trình công tác</h2>"
              "<div class=\"table-wrap\"><table class=\"grid\"><thead><tr>"
              "<th scope=\"col\">Từ tháng/năm – đến tháng/năm</th><th scope=\"col\">Chức danh, chức vụ</th>"
              "<th scope=\"col\">Đơn vị công tác</th><th scope=\"col\">Số quyết định</th></tr></thead><tbody>");
  for (int i = n - 1; i >= 0; i--) {
    const char *title = p[i].concurrent ? arena_printf(r->a, "%s (kiêm nhiệm)", or_dash(p[i].title_name))
                                        : or_dash(p[i].title_name);
    html_printf(b, "<tr><td>%s – %s</td><td>%s</td><td>%s</td><td>%s</td></tr>", fmt_month(r, p[i].start_date),
                p[i].end_date && *p[i].end_date ? fmt_month(r, p[i].end_date) : "nay", title,
                or_dash(p[i].unit_name), or_dash(p[i].decision_no));
  }
  if (n == 0) html_lit(b, "<tr><td colspan=\"4\" class=\"empty\">—</td></tr>");
  html_lit(b, "</tbody></table></div></section>");
}

/* What paper cannot: months of service left (RET-1) and the retirement date. */
static void beyond_paper(Req *r, const Cadre *c) {
  Buf *b = &r->out;
  html_lit(b, "<section class=\"form-sec extra\" aria-labelledby=\"bs-h\"><h2 id=\"bs-h\">Thông tin bổ sung</h2>");
  Date birth;
  Retirement ret;
  char sex = c->gender && c->gender[0] == 'F' ? 'F' : 'M';
  if (c->birth_date && date_parse(c->birth_date, &birth, DATE_PARTIAL) == 0 &&
      retirement_compute(sex, birth, &ret) == 0) {
    int left = retirement_months_left(sex, birth, date_today());
    char from[16];
    date_vn(ret.pension_from, from);
    if (left > 0)
      html_printf(b, "<p class=\"ret\">Thời gian công tác còn lại: <strong>%d tháng</strong>; nghỉ hưu từ "
                     "<strong>%s</strong> <span class=\"muted nowrap\">(tuổi nghỉ hưu %d năm %d tháng, RET-1)</span></p>",
                  left, from, ret.years, ret.months);
    else
      html_printf(b, "<p class=\"ret\">Đã đến tuổi nghỉ hưu; nghỉ hưu từ <strong>%s</strong> "
                     "<span class=\"muted nowrap\">(tuổi nghỉ hưu %d năm %d tháng, RET-1)</span></p>",
                  from, ret.years, ret.months);
  } else {
    html_lit(b, "<p class=\"ret\">Thời gian công tác còn lại: —</p>");
  }
  html_lit(b, "</section>");
}

void page_profile(Req *r) {
  const char *code = r->nparams > 0 ? r->params[0] : NULL;
  Cadre c;
  int rc = code ? cadre_find(r->db, r->a, code, r->user ? r->user->scope : NULL, &c) : CB_ENOTFOUND;
  Position *pos = NULL;
  Training *tr = NULL;
  int npos = 0, ntr = 0;
  if (!rc) rc = position_list_for_cadre(r->db, r->a, c.id, &pos, &npos);
  if (!rc) rc = training_list_for_cadre(r->db, r->a, c.id, &tr, &ntr);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, arena_printf(r->a, "Hồ sơ %s", c.full_name), NAV_CADRES);
  Buf *b = &r->out;
  html_lit(b, "<div class=\"profile-actions no-print\"><a href=\"/can-bo\" class=\"btn btn-ghost\">‹ Danh sách cán bộ</a>"
              "<button type=\"button\" id=\"print-btn\" class=\"btn btn-primary\">In hồ sơ</button></div>"
              "<article class=\"profile card\">");
  form_head(r, &c);
  form_lines(r, &c, pos, npos);
  trainings_table(r, tr, ntr);
  positions_table(r, pos, npos);
  beyond_paper(r, &c);
  profile_eval_section(r, c.id, c.code); /* "Đánh giá, kỷ luật" (pages_evaluation.c) */
  html_lit(b, "</article>");
  eligibility_panel(r, &c);
  page_end(r);
}

/*
** The cadre profile (GET /can-bo/{code}): the complete personal-history
** form Mẫu 2C (docs/PROFILE.md) -- the header block (province from the unit
** tree or the "province" setting, unit, number, photo box), lines 1–14 with
** every field of the record in the form's order, the training and work
** history tables, the personal history, the family table (own side, then
** the spouse's side), ratings and disciplines, the managing body's
** assessment and the signature blocks -- then what paper cannot show: this
** term's planning pools, months of service left (RET-1), the latest
** changes of the record, and the eligibility panel. Officers get a way to
** change every part of it; the print stylesheet (app.css @media print) makes
** it a clean A4 form. A voided record is shown to admins only, marked, with
** its restore button.
*/
#include <string.h>
#include <utf8proc.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre_fields.h"
#include "domain/cadre_profile.h"
#include "domain/discipline.h"
#include "domain/evaluation.h"
#include "domain/relative.h"
#include "domain/retirement.h"
#include "domain/settings.h"
#include "domain/training.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/pages.h"
#include "web/pages_eligibility.h"
#include "web/web.h"
#include "web/widgets.h"

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
static void pair(Req *r, const char *label, const char *value) {
  html_printf(&r->out, "<span class=\"f\"><span class=\"k\">%s:</span> <span class=\"v\">%s</span></span>", label,
              or_dash(value));
}

/* Field `name` of the record as a pair, shown as people read it. */
static void field(Req *r, const Cadre *c, const char *name) {
  const CadreField *f = cadre_field(name);
  if (f) pair(r, f->label, cadre_field_display(r->a, f, cadre_field_get(c, f)));
}


/* The unit directly under the top of the tree that holds the cadre's unit ("đơn vị trực thuộc"). */
static const char *parent_unit_of(Req *r, const Cadre *c) {
  Unit u;
  if (unit_find(r->db, r->a, scope_all(), c->unit_code, &u) != 0 || !u.parent_id) return NULL;
  Unit p;
  return unit_find_id(r->db, r->a, u.parent_id, &p) == 0 ? p.name : NULL;
}

static void form_head(Req *r, const Cadre *c) {
  Buf *b = &r->out;
  html_printf(b, "<header class=\"form-head\"><div><p>Tỉnh: <strong>%s</strong></p>",
              or_dash(settings_province_of(r->db, r->a, c->unit_path)));
  html_printf(b, "<p>Đơn vị trực thuộc: <strong>%s</strong></p>", or_dash(parent_unit_of(r, c)));
  html_printf(b, "<p>Đơn vị cơ sở: <strong>%s</strong></p></div>", or_dash(c->unit_name));
  html_printf(b, "<div class=\"form-id\"><p>Số hiệu cán bộ: <strong>%s</strong></p>"
                 "<div class=\"photo\" aria-hidden=\"true\">Ảnh<br>4 × 6</div></div></header>",
              c->code);
  html_lit(b, "<h1 class=\"form-title\">SƠ YẾU LÝ LỊCH CÁN BỘ</h1>");
}

/* Current posts (no end date), "; "-separated, "kiêm nhiệm" marked. */
static const char *current_posts(Req *r, const Position *p, int n) {
  Buf b = BUF_INIT;
  for (int i = 0; i < n; i++) {
    if (p[i].end_date && *p[i].end_date) continue;
    if (b.len) buf_puts(&b, "; ");
    buf_printf(&b, "%s%s", or_dash(title_display(r->a, p[i].title_name, p[i].unit_name, NULL)),
               p[i].concurrent ? " (kiêm nhiệm)" : "");
  }
  const char *out = b.len ? arena_strdup(r->a, b.p) : NULL;
  buf_free(&b);
  return out;
}

static void line(Req *r, int n) { html_printf(&r->out, "<li value=\"%d\">", n); }

static void form_lines(Req *r, const Profile *p) {
  const Cadre *c = &p->c;
  Buf *b = &r->out;
  html_lit(b, "<ol class=\"form-lines\">");
  line(r, 1);
  html_printf(b, "<span class=\"f\"><span class=\"k\">Họ và tên khai sinh:</span> <strong class=\"v name-caps\">%s</strong>"
                 "</span>",
              upper(r, c->full_name));
  field(r, c, "other_names"), field(r, c, "birth_date"), field(r, c, "gender");
  html_lit(b, "</li>");
  line(r, 2), field(r, c, "birthplace"), field(r, c, "hometown"), html_lit(b, "</li>");
  line(r, 3), field(r, c, "ethnicity"), field(r, c, "religion"), html_lit(b, "</li>");
  line(r, 4), field(r, c, "permanent_address"), field(r, c, "residence"), field(r, c, "phone"), html_lit(b, "</li>");
  line(r, 5), field(r, c, "recruitment_occupation"), field(r, c, "recruitment_date"), field(r, c, "recruitment_agency");
  html_lit(b, "</li>");
  line(r, 6), pair(r, "Chức vụ hiện tại", current_posts(r, p->pos, p->npos)), field(r, c, "main_duties");
  html_lit(b, "</li>");
  line(r, 7), field(r, c, "civil_service_rank"), field(r, c, "rank_code"), field(r, c, "salary_step");
  field(r, c, "salary_coefficient"), field(r, c, "salary_since"), field(r, c, "position_allowance");
  field(r, c, "other_allowance"), html_lit(b, "</li>");
  line(r, 8);
  html_lit(b, "<span class=\"k\">Trình độ:</span><ul class=\"sub\"><li>");
  field(r, c, "education");
  html_lit(b, "</li><li>");
  const char *deg = cadre_degree_label(c->degree);
  pair(r, "Chuyên môn cao nhất",
       *deg && c->major && *c->major ? arena_printf(r->a, "%s, chuyên ngành %s", deg, c->major) : deg);
  html_lit(b, "</li><li>");
  field(r, c, "llct_level");
  html_lit(b, "</li><li>");
  field(r, c, "qlnn_level");
  html_lit(b, "</li><li>");
  field(r, c, "foreign_language"), field(r, c, "it_level");
  html_lit(b, "</li></ul></li>");
  line(r, 9), field(r, c, "party_join_date"), field(r, c, "party_official_date"), field(r, c, "mass_org_join_date");
  html_lit(b, "</li>");
  line(r, 10), field(r, c, "enlistment_date"), field(r, c, "discharge_date"), field(r, c, "military_rank");
  html_lit(b, "</li>");
  line(r, 11), field(r, c, "honors"), field(r, c, "forte"), html_lit(b, "</li>");
  line(r, 12), field(r, c, "awards");
  const char *disc = p->ndisc ? arena_printf(r->a, "%s (%.4s)%s", discipline_form_label(p->disc[0].form),
                                             p->disc[0].decision_date, p->ndisc > 1 ? ", …" : "")
                              : "Không";
  pair(r, "Kỷ luật", disc);
  html_lit(b, "</li>");
  line(r, 13), field(r, c, "health"), field(r, c, "height_cm"), field(r, c, "weight_kg"), field(r, c, "blood_type");
  field(r, c, "war_invalid_grade"), field(r, c, "policy_family"), html_lit(b, "</li>");
  line(r, 14), field(r, c, "id_number"), field(r, c, "id_issue_date"), field(r, c, "social_insurance_no");
  html_lit(b, "</li></ol>");
}

/* A section heading with, for officers, the link that adds a row to it. */
static void section_head(Req *r, const Cadre *c, const char *id, const char *title, const char *kind, const char *add) {
  Buf *b = &r->out;
  html_printf(b, "<section class=\"form-sec\" id=\"%s\" aria-labelledby=\"%s-h\"><div class=\"sec-head\"><h2 id=\"%s-h\">%s</h2>",
              id, id, id, title);
  if (kind && page_can_write(r) && !c->voided_at)
    html_printf(b, "<a class=\"btn btn-small no-print\" href=\"/can-bo/%U/them/%U\">+ %s</a>", c->code, kind, add);
  html_lit(b, "</div>");
}

/* The cell that links to a row's correction form (officers only; not printed). */
static void edit_cell(Req *r, const Cadre *c, const char *kind, long long id) {
  if (page_can_write(r) && !c->voided_at && id > 0)
    html_printf(&r->out, "<td class=\"no-print\"><a href=\"/ban-ghi/%U/%lld\">Sửa</a></td>", kind, id);
  else if (page_can_write(r))
    html_lit(&r->out, "<td class=\"no-print\"></td>");
}

static void edit_head(Req *r) {
  if (page_can_write(r)) html_lit(&r->out, "<th scope=\"col\" class=\"no-print\"><span class=\"sr-only\">Sửa</span></th>");
}

static void trainings_table(Req *r, const Profile *p) {
  Buf *b = &r->out;
  section_head(r, &p->c, "dao-tao", "Đào tạo, bồi dưỡng", "dao-tao", "Thêm khóa học");
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid\"><thead><tr><th scope=\"col\">Tên trường, khóa học</th>"
              "<th scope=\"col\">Chuyên ngành</th><th scope=\"col\">Từ tháng/năm – đến tháng/năm</th>"
              "<th scope=\"col\">Hình thức</th><th scope=\"col\">Văn bằng, chứng chỉ; tình trạng</th>");
  edit_head(r);
  html_lit(b, "</tr></thead><tbody>");
  for (int i = 0; i < p->ntr; i++) {
    const Training *t = &p->tr[i];
    const char *label = training_program_label(t->program);
    const char *name = t->name && *t->name ? t->name : label;
    const char *inst = t->institution && *t->institution ? arena_printf(r->a, "%s — %s", name, t->institution) : name;
    const char *cert = t->level && *t->level ? arena_printf(r->a, "%s; %s", cadre_degree_label(t->level),
                                                            training_status_label(t->status))
                                             : training_status_label(t->status);
    html_printf(b, "<tr><td>%s</td><td>%s</td><td class=\"nowrap\">%s – %s</td><td>%s</td><td>%s</td>", inst,
                or_dash(t->major), fmt_month(r, t->start_date),
                t->end_date && *t->end_date ? fmt_month(r, t->end_date) : "nay", or_dash(t->mode), or_dash(cert));
    edit_cell(r, &p->c, "dao-tao", t->id);
    html_lit(b, "</tr>");
  }
  if (!p->ntr) html_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">—</td></tr>", page_can_write(r) ? 6 : 5);
  html_lit(b, "</tbody></table></div></section>");
}

/* Work history, oldest first as on the paper form (the profile holds newest first). */
static void positions_table(Req *r, const Profile *p) {
  Buf *b = &r->out;
  section_head(r, &p->c, "qua-trinh-cong-tac", "Tóm tắt quá trình công tác", "chuc-vu", "Thêm chức vụ");
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid\"><thead><tr>"
              "<th scope=\"col\">Từ tháng/năm – đến tháng/năm</th><th scope=\"col\">Chức danh, chức vụ</th>"
              "<th scope=\"col\">Đơn vị công tác</th><th scope=\"col\">Số quyết định</th>");
  edit_head(r);
  html_lit(b, "</tr></thead><tbody>");
  bool main_now = false;
  const char *today = page_today(r);
  for (int i = p->npos - 1; i >= 0; i--) {
    const Position *x = &p->pos[i];
    main_now |= !x->concurrent && !(x->end_date && *x->end_date && strcmp(x->end_date, today) < 0);
    const char *name = x->title_name ? title_beside_unit(r->a, x->title_name, x->unit_name, NULL) : NULL;
    const char *title = x->concurrent ? arena_printf(r->a, "%s (kiêm nhiệm)", or_dash(name)) : or_dash(name);
    html_printf(b, "<tr><td class=\"nowrap\">%s – %s</td><td>%s</td><td>%s</td><td>%s</td>", fmt_month(r, x->start_date),
                x->end_date && *x->end_date ? fmt_month(r, x->end_date) : "nay", title, or_dash(x->unit_name),
                or_dash(x->decision_no));
    edit_cell(r, &p->c, "chuc-vu", x->id);
    html_lit(b, "</tr>");
  }
  if (!p->npos) html_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">—</td></tr>", page_can_write(r) ? 5 : 4);
  html_lit(b, "</tbody></table></div>");
  /* moved to a unit without an act (a dated correction ends the old post), or never given one: say what is missing */
  if (!main_now && page_can_write(r) && !p->c.voided_at)
    html_printf(b, "<p class=\"notice notice-warn no-print\" id=\"no-main-post\">Chưa có chức vụ chính hiện tại ở %s. "
                   "<a href=\"/can-bo/%U/them/chuc-vu\">Thêm chức vụ</a></p>",
                or_dash(p->c.unit_name), p->c.code);
  html_lit(b, "</section>");
}

static void long_text(Req *r, const Cadre *c, const char *id, const char *name) {
  const CadreField *f = cadre_field(name);
  const char *v = cadre_field_get(c, f);
  html_printf(&r->out, "<section class=\"form-sec\" id=\"%s\"><h2>%s</h2><p class=\"long-text\">%s</p></section>", id,
              f->label, or_dash(v));
}

/*
** The stored REL-1/REL-2 findings of the file's own relatives who are cadres (its family rows, read in the reader's
** scope; a reverse link has no record here): fs[i] of family record ids[i].
*/
typedef struct {
  const long long *ids;
  const Findings *fs;
  int n;
} RelMarks;

/* The findings of family record `id` among the marks, or NULL when it is not one of this file's. */
static const Findings *rel_findings(const RelMarks *m, long long id) {
  for (int k = 0; k < m->n; k++)
    if (m->ids[k] == id) return &m->fs[k];
  return NULL;
}

/*
** After a family member who is a cadre was added (?quan-he=ID): what REL-1/REL-2 found about the pair, if not a pass.
** Only for a record of this file: an id from the query naming another cadre's relative shows nothing.
*/
static void relative_notice(Req *r, const RelMarks *marks, long long id) {
  const Findings *f = id > 0 ? rel_findings(marks, id) : NULL;
  Result verdict = f ? findings_verdict(f) : RESULT_NA;
  if (verdict < RESULT_WARN) return;
  Buf msg = BUF_INIT;
  buf_puts(&msg, verdict == RESULT_FAIL ? "Cặp quan hệ vừa ghi không bảo đảm quy định." : "Cặp quan hệ vừa ghi cần lưu ý.");
  for (int i = 0; i < f->n; i++)
    if (f->v[i].result >= RESULT_WARN)
      buf_printf(&msg, " %s (%s) — %s%s%s%s.", f->v[i].rule, result_label(f->v[i].result), f->v[i].message,
                 *f->v[i].basis ? " (" : "", f->v[i].basis, *f->v[i].basis ? ")" : "");
  buf_puts(&msg, " Danh sách đầy đủ ở trang Quan hệ gia đình.");
  page_notice(r, verdict == RESULT_FAIL ? "error" : "info", arena_strdup(r->a, msg.p));
  buf_free(&msg);
}

static void family_rows(Req *r, const Profile *p, bool in_laws, const RelMarks *marks) {
  Buf *b = &r->out;
  int shown = 0;
  for (int i = 0; i < p->nfam; i++) {
    const FamilyMember *m = &p->fam[i];
    if (family_spouse_side(m->relation) != in_laws) continue;
    const char *who = m->relative_code ? arena_printf(r->a, "%s (cán bộ %s)", m->full_name, m->relative_code) : m->full_name;
    const char *work = m->occupation && m->workplace ? arena_printf(r->a, "%s, %s", m->occupation, m->workplace)
                                                     : m->occupation ? m->occupation : m->workplace;
    html_printf(b, "<tr><td>%s</td><td>%s", m->relation_label, who);
    /* a pair the rules question: marked, with the rules page a click away */
    const Findings *f = m->id > 0 ? rel_findings(marks, m->id) : NULL;
    Result v = f ? findings_verdict(f) : RESULT_NA;
    if (v >= RESULT_WARN)
      html_printf(b, " <a class=\"badge badge-%s\" href=\"/quan-he-gia-dinh\" title=\"Xem kết quả kiểm tra REL-1, REL-2\">"
                     "%s</a>", v == RESULT_FAIL ? "fail" : "warn", v == RESULT_FAIL ? "Không đạt REL" : "Lưu ý REL");
    html_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", or_dash(m->birth_year), or_dash(m->hometown),
                or_dash(work), or_dash(m->residence));
    if (m->implied && page_can_write(r)) html_lit(b, "<td class=\"no-print muted\">ghi ở hồ sơ người kia</td>");
    else edit_cell(r, &p->c, "gia-dinh", m->id);
    html_lit(b, "</tr>");
    shown++;
  }
  if (!shown) html_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">—</td></tr>", page_can_write(r) ? 7 : 6);
}

static void family_table(Req *r, const Profile *p) {
  Buf *b = &r->out;
  section_head(r, &p->c, "gia-dinh", "Quan hệ gia đình", "gia-dinh", "Thêm người thân");
  /* the stored REL-1/REL-2 verdict of each relative who is a cadre, recorded on this file (a statement only then) */
  long long *ids = arena_alloc(r->a, sizeof *ids * (size_t)(p->nfam + 1));
  int nrel = 0;
  for (int i = 0; i < p->nfam; i++)
    if (p->fam[i].relative_code && p->fam[i].id > 0) ids[nrel++] = p->fam[i].id;
  Findings *fs = arena_alloc(r->a, sizeof *fs * (size_t)(nrel + 1));
  if (nrel && findings_load_many(r->db, r->a, "relative", ids, nrel, fs) != 0) nrel = 0;
  RelMarks marks = {ids, fs, nrel};
  relative_notice(r, &marks, id_value(req_query(r, "quan-he"))); /* where the form comes back to (#gia-dinh) */
#define FAMILY_HEAD                                                                                              \
  "<tr><th scope=\"col\">Quan hệ</th><th scope=\"col\">Họ và tên</th><th scope=\"col\">Năm sinh</th>"                 \
  "<th scope=\"col\">Quê quán</th><th scope=\"col\">Nghề nghiệp, chức vụ, đơn vị công tác</th><th scope=\"col\">Nơi ở</th>"
  html_lit(b, "<h3>Về bản thân</h3><div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid\"><thead>");
  html_lit(b, FAMILY_HEAD);
  edit_head(r);
  html_lit(b, "</tr></thead><tbody>");
  family_rows(r, p, false, &marks);
  html_lit(b, "</tbody></table></div><h3>Về bên vợ (chồng)</h3><div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid\"><thead>");
  html_lit(b, FAMILY_HEAD);
  edit_head(r);
  html_lit(b, "</tr></thead><tbody>");
  family_rows(r, p, true, &marks);
  html_lit(b, "</tbody></table></div></section>");
}

static void ratings_table(Req *r, const Profile *p) {
  Buf *b = &r->out;
  section_head(r, &p->c, "danh-gia-ky-luat", "Đánh giá, xếp loại và kỷ luật", "danh-gia", "Thêm kết quả đánh giá");
  if (page_can_write(r) && !p->c.voided_at)
    html_printf(b, "<p class=\"no-print\"><a class=\"btn btn-small\" href=\"/can-bo/%U/them/ky-luat\">+ Thêm quyết định kỷ "
                   "luật</a></p>",
                p->c.code);
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid\"><thead><tr><th scope=\"col\">Năm</th><th scope=\"col\">"
              "Xếp loại chất lượng</th><th scope=\"col\">Điểm</th><th scope=\"col\">Lưu ý (EVAL)</th>");
  edit_head(r);
  html_lit(b, "</tr></thead><tbody>");
  /* the findings stored with the ratings, one statement for all: what a reviewer should notice */
  long long *ids = arena_alloc(r->a, sizeof *ids * (size_t)(p->nev + 1));
  Findings *fs = arena_alloc(r->a, sizeof *fs * (size_t)(p->nev + 1));
  for (int i = 0; i < p->nev; i++) ids[i] = p->ev[i].id;
  bool have = findings_load_many(r->db, r->a, "evaluation", ids, p->nev, fs) == 0;
  for (int i = 0; i < p->nev; i++) {
    html_printf(b, "<tr><td>%d</td><td>%s</td><td>%s</td><td>", p->ev[i].year, evaluation_rating_label(p->ev[i].rating),
                p->ev[i].score >= 0 ? arena_printf(r->a, "%d", p->ev[i].score) : "—");
    const Findings *f = &fs[i];
    int shown = 0;
    for (int k = 0; have && k < f->n; k++)
      if (f->v[k].result == RESULT_WARN || f->v[k].result == RESULT_FAIL)
        html_printf(b, "%s<span class=\"nowrap\">%s</span>: %s", shown++ ? "<br>" : "", f->v[k].rule, f->v[k].message);
    if (!shown) html_lit(b, "—");
    html_lit(b, "</td>");
    edit_cell(r, &p->c, "danh-gia", p->ev[i].id);
    html_lit(b, "</tr>");
  }
  if (!p->nev) html_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">Chưa có kết quả đánh giá.</td></tr>", page_can_write(r) ? 5 : 4);
  html_lit(b, "</tbody></table></div><div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid\"><thead><tr><th scope=\"col\">"
              "Hình thức kỷ luật</th><th scope=\"col\">Loại</th><th scope=\"col\">Ngày, số quyết định</th>"
              "<th scope=\"col\">Lý do</th><th scope=\"col\">Hết thời hạn ảnh hưởng</th>");
  edit_head(r);
  html_lit(b, "</tr></thead><tbody>");
  for (int i = 0; i < p->ndisc; i++) {
    const Discipline *d = &p->disc[i];
    int months = 0;
    const char *last = NULL, *rule = NULL, *basis = NULL;
    discipline_period(r->db, r->a, d, &months, &last, &rule, &basis);
    html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s%s%s</td><td>%s</td><td>%s%s</td>", discipline_form_label(d->form),
                discipline_authority_label(d->authority), fmt_date(r, d->decision_date),
                d->decision_no && *d->decision_no ? ", số " : "", d->decision_no ? d->decision_no : "", or_dash(d->reason),
                last ? fmt_date(r, last) : "—",
                last ? arena_printf(r->a, " (%d tháng, %s)", months, rule ? rule : "") : "");
    edit_cell(r, &p->c, "ky-luat", d->id);
    html_lit(b, "</tr>");
  }
  if (!p->ndisc) html_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">Không có quyết định kỷ luật.</td></tr>", page_can_write(r) ? 6 : 5);
  html_lit(b, "</tbody></table></div></section>");
}

/* The signature blocks of the paper form (printed; the date and names are filled by hand). */
static void signatures(Req *r) {
  html_lit(&r->out, "<section class=\"form-sec signatures\"><div><p><strong>XÁC NHẬN CỦA CƠ QUAN, ĐƠN VỊ QUẢN LÝ</strong></p>"
                    "<p class=\"muted\">(Ký tên, đóng dấu)</p></div><div><p>……, ngày … tháng … năm ……</p>"
                    "<p><strong>NGƯỜI KHAI</strong></p><p class=\"muted\">(Ký, ghi rõ họ tên)</p></div></section>");
}

/* What paper cannot: this term's pools, months of service left, the latest changes. */
/* The cadre's rotations and transfers (none: nothing said), each with its planned end, its decision's document and,
   for officers, the way to void one entered in error (/luan-chuyen/{id}/huy). */
static void rotations_list(Req *r, const Profile *p) {
  if (!p->nrot) return;
  Buf *b = &r->out;
  html_lit(b, "<h3 id=\"luan-chuyen\">Luân chuyển, điều động</h3><ul class=\"rotations\">");
  for (int i = 0; i < p->nrot; i++) {
    const RotationRow *x = &p->rot[i];
    html_printf(b, "<li>%s từ %s: %s → %s", vi_capitalize(r->a, rotation_kind_label(x->kind)), fmt_date(r, x->date),
                or_dash(x->from_unit_name), x->to_title_name && *x->to_title_name
                                                ? title_display(r->a, x->to_title_name, x->to_unit_name, NULL)
                                                : or_dash(x->to_unit_name));
    if (x->decision_no && *x->decision_no) html_printf(b, " (quyết định %s)", x->decision_no);
    if (x->end_date) html_printf(b, "; %d tháng, dự kiến kết thúc %s", x->planned_months, fmt_date(r, x->end_date));
    html_lit(b, " <span class=\"no-print\">· <a href=\"");
    doc_href(r, "quyet-dinh", (const char *const[]){"rotation", arena_printf(r->a, "%lld", x->id), NULL});
    html_lit(b, "\">Quyết định</a>");
    if (page_can_write(r)) html_printf(b, " · <a href=\"/luan-chuyen/%lld/huy\">Hủy (nhập sai)</a>", x->id);
    html_lit(b, "</span></li>");
  }
  html_lit(b, "</ul>");
}

static void beyond_paper(Req *r, const Profile *p) {
  const Cadre *c = &p->c;
  Buf *b = &r->out;
  html_lit(b, "<section class=\"form-sec extra\" id=\"bo-sung\" aria-labelledby=\"bs-h\"><h2 id=\"bs-h\">Thông tin bổ sung</h2>");
  Date birth;
  Retirement ret;
  char sex = c->gender && c->gender[0] == 'F' ? 'F' : 'M';
  if (c->birth_date && date_parse(c->birth_date, &birth, DATE_PARTIAL) == 0 && retirement_compute(sex, birth, &ret) == 0) {
    int left = retirement_months_left(sex, birth, date_today());
    char from[16];
    date_vn(ret.pension_from, from);
    if (left > 0)
      html_printf(b, "<p class=\"ret\">Thời gian công tác còn lại: <strong>%d tháng</strong>; nghỉ hưu từ <strong>%s</strong> "
                     "<span class=\"muted nowrap\">(tuổi nghỉ hưu %d năm %d tháng, RET-1)</span></p>",
                  left, from, ret.years, ret.months);
    else
      html_printf(b, "<p class=\"ret\">Đã đến tuổi nghỉ hưu; nghỉ hưu từ <strong>%s</strong> <span class=\"muted nowrap\">"
                     "(tuổi nghỉ hưu %d năm %d tháng, RET-1)</span></p>",
                  from, ret.years, ret.months);
  } else {
    html_lit(b, "<p class=\"ret\">Thời gian công tác còn lại: —</p>");
  }
  html_printf(b, "<h3>Quy hoạch nhiệm kỳ %s</h3>", p->term);
  if (!p->npools) html_lit(b, "<p class=\"muted\">Không ở trong nguồn quy hoạch nào của nhiệm kỳ này.</p>");
  else {
    html_lit(b, "<ul class=\"pools\">");
    for (int i = 0; i < p->npools; i++)
      html_printf(b, "<li>%s — %s <span class=\"muted\">(từ %s%s%s)</span></li>", p->pools[i].title_name,
                  p->pools[i].unit_name, fmt_date(r, p->pools[i].date), p->pools[i].decision_no ? ", " : "",
                  p->pools[i].decision_no ? p->pools[i].decision_no : "");
    html_lit(b, "</ul>");
  }
  rotations_list(r, p);
  html_lit(b, "<h3 class=\"no-print\">Thay đổi gần đây</h3><div class=\"no-print\">");
  page_cadre_history_table(r, p->hist, p->nhist);
  html_printf(b, "<p><a href=\"/can-bo/%U/lich-su\">Xem toàn bộ lịch sử hồ sơ ›</a></p></div></section>", c->code);
}

/* The buttons above the form: back, print, and for officers edit and void. */
static void actions(Req *r, const Cadre *c) {
  Buf *b = &r->out;
  html_lit(b, "<div class=\"profile-actions no-print\"><a href=\"/can-bo\" class=\"btn btn-ghost\">‹ Danh sách cán bộ</a>"
              "<div class=\"btn-row\">");
  if (page_can_write(r) && !c->voided_at)
    html_printf(b, "<a class=\"btn\" href=\"/can-bo/%U/sua\">Sửa hồ sơ</a><a class=\"btn btn-ghost\" "
                   "href=\"/can-bo/%U/huy\">Hủy hồ sơ nhập sai</a>",
                c->code, c->code);
  doc_button(r, "Mẫu 2C (Word, PDF)", "mau-2c", (const char *const[]){"cadre", c->code, NULL});
  html_lit(b, "<button type=\"button\" id=\"print-btn\" class=\"btn btn-primary\">In hồ sơ</button></div></div>");
}

static void voided_banner(Req *r, const Cadre *c) {
  Buf *b = &r->out;
  html_printf(b, "<div class=\"notice notice-error\" role=\"alert\"><p><strong>Hồ sơ đã hủy</strong> lúc %s bởi %s. Lý do: "
                 "%s. Hồ sơ không còn trong danh sách, thống kê, báo cáo.</p>",
              fmt_time(r, c->voided_at), or_dash(c->voided_by), or_dash(c->void_reason));
  html_printf(b, "<form method=\"post\" action=\"/can-bo/%U/khoi-phuc\" class=\"inline\">", c->code);
  page_csrf_field(r);
  html_lit(b, "<button type=\"submit\" class=\"btn\">Khôi phục hồ sơ</button></form></div>");
}

void page_profile(Req *r) {
  Profile p;
  bool admin = r->user && r->user->role == ROLE_ADMIN;
  int rc = r->nparams ? profile_load(r->db, r->a, r->scope, r->params[0], admin, 10, true, &p)
                      : CB_ENOTFOUND;
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const Cadre *c = &p.c;
  page_begin(r, arena_printf(r->a, "Hồ sơ %s", c->full_name), NAV_CADRES);
  Buf *b = &r->out;
  if (c->voided_at) voided_banner(r, c);
  const char *saved = req_query(r, "da-luu");
  if (saved && strcmp(saved, "0") == 0) page_notice(r, "info", "Không có thay đổi nào để lưu.");
  else if (saved) page_notice(r, "ok", "Đã lưu. Thay đổi được ghi vào lịch sử của hồ sơ.");
  if (req_query(r, "da-huy-ban-ghi"))
    page_notice(r, "ok", "Đã hủy bản ghi nhập sai (vẫn giữ trong lịch sử; quản trị viên khôi phục được ở trang lịch sử "
                         "hồ sơ).");
  if (req_query(r, "da-khoi-phuc")) page_notice(r, "ok", "Đã khôi phục hồ sơ.");
  if (req_query(r, "da-huy-luan-chuyen"))
    page_notice(r, "ok", "Đã hủy bản ghi luân chuyển, điều động nhập sai; chức vụ và đơn vị của cán bộ đã trở lại như "
                         "trước (xem lịch sử hồ sơ).");
  actions(r, c);
  html_lit(b, "<article class=\"profile card\">");
  form_head(r, c);
  form_lines(r, &p);
  trainings_table(r, &p);
  positions_table(r, &p);
  long_text(r, c, "lich-su-ban-than", "personal_history");
  family_table(r, &p);
  ratings_table(r, &p);
  long_text(r, c, "nhan-xet", "assessment");
  if (c->notes && *c->notes) long_text(r, c, "ghi-chu", "notes");
  signatures(r);
  beyond_paper(r, &p);
  html_lit(b, "</article>");
  if (!c->voided_at) eligibility_panel(r, c);
  page_end(r);
}

/*
** Mẫu 2C (sơ yếu lý lịch cán bộ, doc_kinds.h): the form's header (Tỉnh,
** đơn vị trực thuộc, đơn vị cơ sở, số hiệu cán bộ, the 4 × 6 photo box), the
** numbered sections that canbo holds, the training, work-history and family
** tables, and the confirmation block of the managing body beside the
** declarant's signature.
**
** The numbered lines are one table, M2C_FIELDS: section number, label,
** getter. A field the records gain later is one more line there (keep the
** form's numbering, see docs/DOCUMENTS.md); sections none of whose fields
** has a getter are left out, so the numbers stay those of the paper form.
*/
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/cadre_fields.h"
#include "domain/record_kinds.h"
#include "domain/discipline.h"
#include "domain/docs/doc_data.h"
#include "domain/docs/doc_kinds.h"
#include "domain/settings.h"
#include "domain/evaluation.h"
#include "domain/position.h"
#include "domain/title.h"
#include "domain/training.h"

/* Everything the form shows about one cadre. */
typedef struct {
  Arena *a;
  Cadre c;
  Unit unit, parent;        /* the cadre's unit and the one above it (parent.id 0: none) */
  const char *province;     /* the Tỉnh of the header (settings_province_of), NULL: unknown */
  Position *pos;
  int npos;
  Training *tr;
  int ntr;
  FamilyMember *rel;
  int nrel;
  Discipline *disc;
  int ndisc;
  Evaluation *ev;
  int nev;
} M2c;

typedef const char *(*M2cGet)(const M2c *m);

enum { M2C_CAPS = 1, M2C_BOLD = 2 };

typedef struct {
  int section;        /* the form's number */
  const char *label;
  M2cGet get;         /* NULL/"" value: the dotted blank of the paper form */
  unsigned flags;
  const char *field;  /* when get is NULL: the record's field of that name (cadre_fields.h), shown as people read it */
} M2cField;

static const char *nz(const char *s) { return s && *s ? s : NULL; }
static const char *g_name(const M2c *m) { return m->c.full_name; }
static const char *g_gender(const M2c *m) { return m->c.gender && m->c.gender[0] == 'F' ? "Nữ" : "Nam"; }
static const char *g_birth(const M2c *m) { return doc_date_vn(m->a, m->c.birth_date); }
static const char *g_birthplace(const M2c *m) { return m->c.birthplace; }
static const char *g_hometown(const M2c *m) { return m->c.hometown; }
static const char *g_ethnicity(const M2c *m) { return m->c.ethnicity; }
static const char *g_religion(const M2c *m) { return m->c.religion; }
static const char *g_education(const M2c *m) { return m->c.education; }
static const char *g_llct(const M2c *m) { return cadre_llct_label(m->c.llct_level); }
static const char *g_qlnn(const M2c *m) { return cadre_qlnn_label(m->c.qlnn_level); }
static const char *g_party_join(const M2c *m) { return doc_date_vn(m->a, m->c.party_join_date); }
static const char *g_party_official(const M2c *m) { return doc_date_vn(m->a, m->c.party_official_date); }

static const char *g_degree(const M2c *m) {
  const char *deg = cadre_degree_label(m->c.degree);
  if (nz(deg) && nz(m->c.major)) return arena_printf(m->a, "%s, chuyên ngành %s", deg, m->c.major);
  return deg;
}

/* Current posts (no end date), "; "-separated, concurrent ones marked. */
static const char *g_posts(const M2c *m) {
  Buf b = BUF_INIT;
  for (int i = 0; i < m->npos; i++) {
    const Position *p = &m->pos[i];
    if (nz(p->end_date)) continue;
    if (b.len) buf_puts(&b, "; ");
    const char *post = title_display(m->a, p->title_name, p->unit_name, NULL);
    buf_printf(&b, "%s%s", post ? post : "", p->concurrent ? " (kiêm nhiệm)" : "");
  }
  const char *s = b.len ? arena_strdup(m->a, b.p) : NULL;
  buf_free(&b);
  return s;
}

/* "Cảnh cáo (kỷ luật Đảng), 2023; ..." */
static const char *g_discipline(const M2c *m) {
  if (m->ndisc == 0) return "Không";
  Buf b = BUF_INIT;
  for (int i = 0; i < m->ndisc; i++) {
    const Discipline *d = &m->disc[i];
    if (b.len) buf_puts(&b, "; ");
    buf_printf(&b, "%s (%s), năm %.4s", discipline_form_label(d->form), discipline_authority_label(d->authority),
               d->decision_date ? d->decision_date : "");
    if (nz(d->decision_no)) buf_printf(&b, ", quyết định số %s", d->decision_no);
  }
  const char *s = arena_strdup(m->a, b.p);
  buf_free(&b);
  return s;
}

/*
** The numbered lines of the form, in its order (shared domain PROFILE-2C:
** sections 1-14): a getter, or the name of the record's field
** (domain/cadre_fields.h) whose display form is printed.
*/
static const M2cField M2C_FIELDS[] = {
    {1, "Họ và tên khai sinh", g_name, M2C_CAPS | M2C_BOLD, NULL},
    {1, "Tên gọi khác", NULL, 0, "other_names"},
    {1, "Giới tính", g_gender, 0, NULL},
    {1, "Sinh ngày", g_birth, 0, NULL},
    {2, "Nơi sinh", g_birthplace, 0, NULL},
    {2, "Quê quán", g_hometown, 0, NULL},
    {3, "Dân tộc", g_ethnicity, 0, NULL},
    {3, "Tôn giáo", g_religion, 0, NULL},
    {4, "Nơi đăng ký thường trú", NULL, 0, "permanent_address"},
    {4, "Nơi ở hiện nay", NULL, 0, "residence"},
    {4, "Điện thoại", NULL, 0, "phone"},
    {5, "Nghề nghiệp khi được tuyển dụng", NULL, 0, "recruitment_occupation"},
    {5, "Ngày tuyển dụng", NULL, 0, "recruitment_date"},
    {5, "Cơ quan tuyển dụng", NULL, 0, "recruitment_agency"},
    {6, "Chức vụ hiện tại (Đảng, chính quyền, đoàn thể, kiêm nhiệm)", g_posts, 0, NULL},
    {6, "Công việc chính được giao", NULL, 0, "main_duties"},
    {7, "Ngạch công chức", NULL, 0, "civil_service_rank"},
    {7, "Mã ngạch", NULL, 0, "rank_code"},
    {7, "Bậc lương", NULL, 0, "salary_step"},
    {7, "Hệ số", NULL, 0, "salary_coefficient"},
    {7, "Ngày hưởng", NULL, 0, "salary_since"},
    {7, "Phụ cấp chức vụ", NULL, 0, "position_allowance"},
    {7, "Phụ cấp khác", NULL, 0, "other_allowance"},
    {8, "Giáo dục phổ thông", g_education, 0, NULL},
    {8, "Trình độ chuyên môn cao nhất", g_degree, 0, NULL},
    {8, "Lý luận chính trị", g_llct, 0, NULL},
    {8, "Quản lý nhà nước", g_qlnn, 0, NULL},
    {8, "Ngoại ngữ", NULL, 0, "foreign_language"},
    {8, "Tin học", NULL, 0, "it_level"},
    {9, "Ngày vào Đảng", g_party_join, 0, NULL},
    {9, "Ngày chính thức", g_party_official, 0, NULL},
    {9, "Ngày tham gia tổ chức chính trị - xã hội", NULL, 0, "mass_org_join_date"},
    {10, "Ngày nhập ngũ", NULL, 0, "enlistment_date"},
    {10, "Ngày xuất ngũ", NULL, 0, "discharge_date"},
    {10, "Quân hàm cao nhất", NULL, 0, "military_rank"},
    {11, "Danh hiệu được phong tặng cao nhất", NULL, 0, "honors"},
    {11, "Sở trường công tác", NULL, 0, "forte"},
    {12, "Khen thưởng", NULL, 0, "awards"},
    {12, "Kỷ luật (hình thức, năm)", g_discipline, 0, NULL},
    {13, "Tình trạng sức khỏe", NULL, 0, "health"},
    {13, "Chiều cao (cm)", NULL, 0, "height_cm"},
    {13, "Cân nặng (kg)", NULL, 0, "weight_kg"},
    {13, "Nhóm máu", NULL, 0, "blood_type"},
    {13, "Là thương binh hạng", NULL, 0, "war_invalid_grade"},
    {13, "Là con gia đình chính sách", NULL, 0, "policy_family"},
    {14, "Số CCCD", NULL, 0, "id_number"},
    {14, "Ngày cấp", NULL, 0, "id_issue_date"},
    {14, "Số sổ BHXH", NULL, 0, "social_insurance_no"},
};

/* The value of line f for m: its getter, else the record's field by name (labels, dd/mm/yyyy). */
static const char *line_value(const M2c *m, const M2cField *f) {
  if (f->get) return f->get(m);
  const CadreField *cf = f->field ? cadre_field(f->field) : NULL;
  return cf ? cadre_field_display(m->a, cf, cadre_field_get(&m->c, cf)) : NULL;
}
#define N_FIELDS ((int)(sizeof M2C_FIELDS / sizeof M2C_FIELDS[0]))

static void header(Doc *d, const M2c *m, const DocHead *h) {
  const DocStyle *st = d->st;
  DocPara *p = doc_para(d, DOC_RIGHT, 11);
  doc_run(d, p, DOC_I, "Mẫu 2C-TCTW-98");
  double w[3] = {0.70, 0.04, 0.26}; /* "Đơn vị trực thuộc: Đảng bộ thành phố Móng Cái" on one line */
  DocTable *t = doc_table(d, 3, w, 0, false);
  t->keep = true;
  DocRow *r = doc_row(d, t);
  r->min_h = 6 * 72 / 2.54; /* the photo is 4 × 6 cm */
  DocCell *l = &r->cells[0];
  const char *lines[][2] = {{"Tỉnh", nz(m->province) ? m->province : h->body_parent},
                            {"Đơn vị trực thuộc", m->parent.id ? m->parent.name : NULL},
                            {"Đơn vị cơ sở", m->unit.name},
                            {"Số hiệu cán bộ", m->c.code}};
  for (int i = 0; i < 4; i++) {
    p = doc_cell_para(d, l, DOC_LEFT, st->body);
    p->after = 4;
    doc_runf(d, p, 0, "%s: ", lines[i][0]);
    doc_run(d, p, DOC_B, nz(lines[i][1]) ? doc_keep_names(d->a, lines[i][1]) : "…"); /* "Móng Cái" never split */
  }
  r->cells[2].box = true;
  p = doc_cell_para(d, &r->cells[2], DOC_CENTER, 11);
  doc_run(d, p, DOC_I, "Ảnh màu\n(4 × 6 cm)");
  p = doc_para(d, DOC_CENTER, st->title);
  p->before = 12, p->after = 12;
  doc_run(d, p, DOC_B, "SƠ YẾU LÝ LỊCH CÁN BỘ");
}

/* The numbered lines: fields of one section on one paragraph. */
static void fields(Doc *d, const M2c *m) {
  for (int i = 0; i < N_FIELDS;) {
    int sec = M2C_FIELDS[i].section;
    DocPara *p = doc_para(d, DOC_JUSTIFY, d->st->body);
    p->after = 4;
    p->left = 18, p->indent = -18;
    doc_runf(d, p, DOC_B, "%d) ", sec);
    for (bool first = true; i < N_FIELDS && M2C_FIELDS[i].section == sec; i++, first = false) {
      const M2cField *f = &M2C_FIELDS[i];
      const char *v = line_value(m, f);
      if (nz(v) && (f->flags & M2C_CAPS)) v = doc_upper(m->a, v);
      doc_runf(d, p, 0, "%s%s: ", first ? "" : "; ", f->label);
      doc_run(d, p, f->flags & M2C_BOLD ? DOC_B : 0, nz(v) ? v : "…");
    }
  }
  if (nz(m->c.notes)) {
    DocPara *p = doc_para(d, DOC_JUSTIFY, d->st->body);
    p->after = 4;
    doc_run(d, p, DOC_B, "Ghi chú: ");
    doc_run(d, p, 0, m->c.notes);
  }
}

static void section_title(Doc *d, const char *text);

/* A free text of the record under its section title ("…" when empty). */
static void free_text(Doc *d, const M2c *m, const char *title, const char *field) {
  section_title(d, title);
  const CadreField *cf = cadre_field(field);
  const char *v = cf ? cadre_field_get(&m->c, cf) : NULL;
  DocPara *p = doc_para(d, DOC_JUSTIFY, d->st->body);
  p->after = 4;
  doc_run(d, p, 0, nz(v) ? v : "…");
}

static void section_title(Doc *d, const char *text) {
  DocPara *p = doc_para(d, DOC_CENTER, d->st->body);
  p->before = 10, p->after = 6;
  p->keep_next = true;
  doc_run(d, p, DOC_B, text);
}

static DocTable *grid(Doc *d, int n, const double *w, const char *const *head) {
  DocTable *t = doc_table(d, n, w, 1, true);
  DocRow *r = doc_row_texts(d, t, head, DOC_B, 0);
  for (int i = 0; i < n; i++) r->cells[i].p[0]->align = DOC_CENTER;
  return t;
}

static void trainings(Doc *d, const M2c *m) {
  section_title(d, "ĐÀO TẠO, BỒI DƯỠNG VỀ CHUYÊN MÔN, NGHIỆP VỤ, LÝ LUẬN CHÍNH TRỊ, NGOẠI NGỮ, TIN HỌC");
  const double w[] = {0.25, 0.27, 0.18, 0.13, 0.17};
  const char *head[] = {"Tên trường, cơ sở đào tạo", "Chuyên ngành, tên khóa đào tạo, bồi dưỡng",
                        "Từ tháng, năm – đến tháng, năm", "Tình trạng", "Văn bằng, chứng chỉ"};
  DocTable *t = grid(d, 5, w, head);
  for (int i = 0; i < m->ntr; i++) {
    const Training *x = &m->tr[i];
    const char *label = training_program_label(x->program);
    const char *cells[] = {nz(x->institution) ? x->institution : "…", nz(x->name) ? x->name : label,
                           arena_printf(m->a, "%s – %s", doc_month_vn(m->a, x->start_date),
                                        nz(x->end_date) ? doc_month_vn(m->a, x->end_date) : "nay"),
                           training_status_label(x->status),
                           x->status && strcmp(x->status, "completed") == 0 ? label : ""};
    doc_row_texts(d, t, cells, 0, 0);
  }
  if (m->ntr == 0) {
    const char *cells[] = {"—", "", "", "", ""};
    doc_row_texts(d, t, cells, 0, 0);
  }
}

/* Work history, oldest first as on the paper form (position_list_for_cadre gives newest first). */
static void history(Doc *d, const M2c *m) {
  section_title(d, "TÓM TẮT QUÁ TRÌNH CÔNG TÁC");
  const double w[] = {0.26, 0.74};
  const char *head[] = {"Từ tháng, năm – đến tháng, năm",
                        "Chức danh, chức vụ, đơn vị công tác (Đảng, chính quyền, đoàn thể)"};
  DocTable *t = grid(d, 2, w, head);
  for (int i = m->npos - 1; i >= 0; i--) {
    const Position *p = &m->pos[i];
    const char *cells[] = {arena_printf(m->a, "%s – %s", doc_month_vn(m->a, p->start_date),
                                        nz(p->end_date) ? doc_month_vn(m->a, p->end_date) : "nay"),
                           arena_printf(m->a, "%s%s%s%s", title_display(m->a, p->title_name ? p->title_name : "",
                                                                       p->unit_name, NULL),
                                        p->concurrent ? " (kiêm nhiệm)" : "",
                                        nz(p->decision_no) ? "; quyết định số " : "",
                                        nz(p->decision_no) ? p->decision_no : "")};
    doc_row_texts(d, t, cells, 0, 0);
  }
  if (m->npos == 0) {
    const char *cells[] = {"—", ""};
    doc_row_texts(d, t, cells, 0, 0);
  }
}

static void family(Doc *d, const M2c *m) {
  section_title(d, "QUAN HỆ GIA ĐÌNH");
  const double w[] = {0.16, 0.24, 0.12, 0.48};
  const char *head[] = {"Mối quan hệ", "Họ và tên", "Năm sinh",
                        "Quê quán, nghề nghiệp, chức danh, chức vụ, đơn vị công tác, nơi ở"};
  for (int side = 0; side < 2; side++) {
    DocPara *p = doc_para(d, DOC_LEFT, d->st->body);
    p->after = 4, p->before = side ? 6 : 0, p->keep_next = true;
    doc_run(d, p, DOC_B | DOC_I,
            side ? "b) Về bên vợ (hoặc chồng): bố, mẹ, anh chị em ruột"
                 : "a) Về bản thân: bố, mẹ, vợ (hoặc chồng), các con, anh chị em ruột");
    DocTable *t = grid(d, 4, w, head);
    int rows = 0;
    for (int i = 0; i < m->nrel; i++) {
      const FamilyMember *r = &m->rel[i];
      if (family_spouse_side(r->relation) != (side == 1)) continue;
      Buf b = BUF_INIT;
      if (nz(r->hometown)) buf_printf(&b, "Quê quán: %s", r->hometown);
      if (nz(r->occupation)) buf_printf(&b, "%s%s", b.len ? "; " : "", r->occupation);
      if (nz(r->workplace)) buf_printf(&b, "%s%s", b.len ? ", " : "", r->workplace);
      if (nz(r->residence)) buf_printf(&b, "%snơi ở: %s", b.len ? "; " : "", r->residence);
      const char *about = b.len ? arena_strdup(m->a, b.p) : "";
      buf_free(&b);
      const char *cells[] = {r->relation_label, r->full_name, r->birth_year ? r->birth_year : "", about};
      doc_row_texts(d, t, cells, 0, 0);
      rows++;
    }
    if (rows == 0) {
      const char *cells[] = {"—", "", "", ""};
      doc_row_texts(d, t, cells, 0, 0);
    }
  }
}

/* The confirmation block of the managing body (left) beside the declarant (right). */
static void confirmation(Doc *d, const M2c *m, const DocHead *h) {
  const DocStyle *st = d->st;
  DocPara *p = doc_para(d, DOC_JUSTIFY, st->body);
  p->before = 10, p->indent = st->indent, p->keep_next = true;
  doc_run(d, p, DOC_I, "Tôi xin cam đoan những lời khai trên đây là đúng sự thật, nếu có điều gì không đúng tôi xin "
                       "chịu trách nhiệm trước pháp luật và tổ chức.");
  double w[2] = {0.5, 0.5};
  DocTable *t = doc_table(d, 2, w, 0, false);
  t->keep = true;
  DocRow *r = doc_row(d, t);
  DocCell *l = &r->cells[0], *rt = &r->cells[1];
  p = doc_cell_para(d, l, DOC_CENTER, st->sign);
  p->before = 22;
  doc_run(d, p, DOC_B, doc_upper(d->a, nz(h->authority) ? h->authority : "XÁC NHẬN CỦA CƠ QUAN, ĐƠN VỊ QUẢN LÝ CÁN BỘ"));
  if (m->nev > 0) {
    p = doc_cell_para(d, l, DOC_LEFT, st->table);
    p->before = 4;
    doc_run(d, p, DOC_I, "Xếp loại chất lượng: ");
    for (int i = 0; i < m->nev && i < 3; i++)
      doc_runf(d, p, DOC_I, "%s%d: %s", i ? "; " : "", m->ev[i].year, evaluation_rating_label(m->ev[i].rating));
  }
  p = doc_cell_para(d, l, DOC_CENTER, st->sign);
  p->before = 4;
  doc_run(d, p, DOC_B, doc_upper(d->a, h->signer_post));
  p = doc_cell_para(d, l, DOC_CENTER, st->sign);
  p->before = st->sign_space;
  doc_run(d, p, DOC_B, nz(h->signer_name) ? h->signer_name : " ");
  p = doc_cell_para(d, rt, DOC_CENTER, st->place_date);
  doc_run(d, p, DOC_I, h->place_date);
  p = doc_cell_para(d, rt, DOC_CENTER, st->sign);
  p->before = 4;
  doc_run(d, p, DOC_B, "NGƯỜI KHAI");
  p = doc_cell_para(d, rt, DOC_CENTER, 12);
  doc_run(d, p, DOC_I, "(Ký, ghi rõ họ tên)");
  p = doc_cell_para(d, rt, DOC_CENTER, st->sign);
  p->before = st->sign_space - 14;
  doc_run(d, p, DOC_B, m->c.full_name);
}

int doc_kind_mau2c(DocCtx *c) {
  if (!c->rq->cadre || !*c->rq->cadre) {
    c->res->why = "Cần mã cán bộ (cadre).";
    return CB_EINVAL;
  }
  M2c m = {.a = c->a};
  int rc = cadre_find(c->db, c->a, scope_from_legacy(c->scope), c->rq->cadre, &m.c);
  if (!rc) rc = unit_find_id(c->db, c->a, m.c.unit_id, &m.unit);
  if (!rc && m.unit.parent_id && unit_find_id(c->db, c->a, m.unit.parent_id, &m.parent) != 0) m.parent.id = 0;
  if (!rc) rc = position_list_for_cadre(c->db, c->a, m.c.id, &m.pos, &m.npos);
  if (!rc) rc = training_list_for_cadre(c->db, c->a, m.c.id, &m.tr, &m.ntr);
  if (!rc) rc = family_list(c->db, c->a, scope_from_legacy(c->scope), m.c.id, &m.rel, &m.nrel);
  if (!rc) rc = discipline_list(c->db, c->a, &(DisciplineQuery){.cadre_id = m.c.id}, &m.disc, &m.ndisc);
  if (!rc) rc = evaluation_list(c->db, c->a, &(EvaluationQuery){.cadre_id = m.c.id}, &m.ev, &m.nev);
  if (!rc) rc = doc_ctx_begin(c, m.unit.path, NULL);
  if (rc) return rc;
  m.province = settings_province_of(c->db, c->a, m.unit.path);
  Doc *d = c->res->doc;
  d->title = arena_printf(c->a, "Sơ yếu lý lịch %s", m.c.full_name);
  c->res->name = arena_printf(c->a, "mau-2c-%s", m.c.code);
  c->res->key = arena_printf(c->a, "mau-2c/%s", m.c.code);
  header(d, &m, &c->head);
  fields(d, &m);
  trainings(d, &m);
  history(d, &m);
  free_text(d, &m, "ĐẶC ĐIỂM LỊCH SỬ BẢN THÂN", "personal_history");
  family(d, &m);
  free_text(d, &m, "NHẬN XÉT, ĐÁNH GIÁ CỦA CƠ QUAN, ĐƠN VỊ QUẢN LÝ VÀ SỬ DỤNG CÁN BỘ", "assessment");
  confirmation(d, &m, &c->head);
  return 0;
}

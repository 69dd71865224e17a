/*
** The quyết định (doc_kinds.h): of an appointment proposal (appointment,
** reappointment, promotion, nomination, extension -- the decision's number
** and date when it was decided), of a rotation record (rotation, transfer,
** secondment, reinforcement), or the approval of a term's planning with the
** grouped list annexed. The bases ("Căn cứ ...") include the legal bases of
** the act's stored findings.
*/
#include <string.h>
#include <utf8proc.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/docs/doc_data.h"
#include "domain/docs/doc_kinds.h"
#include "domain/title.h"
#include "domain/rotation.h"
#include "domain/rules.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

/*
** The request with a default number and date (a recorded decision's) when none was entered (absent or
** empty: the web form sends its empty fields).
*/
static void default_number_date(DocCtx *c, const char *number, const char *date) {
  if ((nz(c->rq->number) || !nz(number)) && (nz(c->rq->date) || !nz(date))) return;
  DocRequest *rq = arena_alloc(c->a, sizeof *rq);
  *rq = *c->rq;
  if (!nz(rq->number) && nz(number)) rq->number = number, c->number_recorded = true;
  if (!nz(rq->date) && nz(date)) rq->date = date;
  c->rq = rq;
}

/* Is the basis `name` a text of the state (a law, decree, circular), which a Party decision does not cite? */
static bool state_text(const char *name) {
  static const char *const S[] = {"Luật", "Bộ luật", "Nghị định", "Thông tư"};
  for (size_t i = 0; i < sizeof S / sizeof S[0]; i++)
    if (strncmp(name, S[i], strlen(S[i])) == 0) return true;
  return false;
}

/* "giữ chức vụ Chủ tịch UBND xã Hải Tiến" for a leading post; "làm công chức Tài chính – Kế toán" for other posts:
   the title as title_display names it in `unit` (a commune's generic title takes its place), not followed by the
   unit's name (the sentence has said it). */
static const char *post_words(DocCtx *c, const char *title_name, const char *unit) {
  DbStmt *st = db_prepare(c->db, "SELECT category FROM titles WHERE name = ? ORDER BY id LIMIT 1");
  bool lead = true;
  if (st) {
    db_bind_text(st, 1, title_name);
    if (db_step(st) == DB_ROW) lead = !db_text(st, 0) || strcmp(db_text(st, 0), "other") != 0;
    db_finalize(st);
  }
  const char *post = title_display(c->a, title_name, unit, NULL);
  if (unit && strcmp(post, arena_printf(c->a, "%s, %s", title_name, unit)) == 0) post = title_name; /* unit said before */
  if (lead) return arena_printf(c->a, "giữ chức vụ %s", post);
  utf8proc_int32_t cp;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)post, -1, &cp);
  if (k <= 0) return arena_printf(c->a, "làm %s", post);
  utf8proc_uint8_t low[8];
  utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), low);
  return arena_printf(c->a, "làm %.*s%s", (int)m, (const char *)low, post + k);
}

/*
** The body that decides, above the bases: in the State's layout the authority the heading names ("ỦY BAN NHÂN DÂN
** THÀNH PHỐ MÓNG CÁI"); in the Party's the signature's authority without "T/M " / "TM. " ("BAN THƯỜNG VỤ"),
** completed by the committee when it does not name it ("BAN THƯỜNG VỤ THÀNH ỦY MÓNG CÁI").
*/
static const char *deciding_body(DocCtx *c) {
  if (c->res->doc->layout == DOC_STATE && nz(c->head.body_name)) return doc_upper(c->a, c->head.body_name);
  const char *s = c->head.authority ? c->head.authority : "";
  if (!strncmp(s, "T/M ", 4)) s += 4;
  else if (!strncmp(s, "TM. ", 4)) s += 4;
  if (!*s) return doc_upper(c->a, c->head.body_name);
  const char *C = doc_upper(c->a, c->committee);
  if (c->res->doc->layout == DOC_STATE || strstr(s, C)) return doc_upper(c->a, s);
  return doc_upper(c->a, arena_printf(c->a, "%s %s", s, C));
}

/* "Căn cứ ..." lines: the Party's or the State's, the findings' distinct bases, the proposal of the board. */
static void bases(DocCtx *c, const Findings *f) {
  Doc *d = c->res->doc;
  bool state = d->layout == DOC_STATE;
  DocPara *p = doc_para(d, DOC_CENTER, d->st->body);
  p->after = 8;
  doc_run(d, p, DOC_B, deciding_body(c));
  unsigned style = state ? DOC_I : 0;
  if (state) doc_body_text(d, style, "Căn cứ Luật Cán bộ, công chức và các văn bản hướng dẫn thi hành;");
  else {
    doc_body_text(d, style, "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;");
    doc_body_text(d, style, arena_printf(c->a, "- Căn cứ Quy chế làm việc của %s;", c->committee));
  }
  const char **docs;
  int n = f ? doc_legal_bases(c->a, f, &docs) : 0;
  for (int i = 0; i < n; i++)
    if (state || !state_text(docs[i])) /* a Party decision cites the Party's texts */
      doc_body_text(d, style, arena_printf(c->a, "%sCăn cứ %s;", state ? "" : "- ", docs[i]));
  if (c->proposer) doc_body_text(d, style, arena_printf(c->a, "%sXét đề nghị của %s,", state ? "" : "- ", c->proposer));
  p = doc_para(d, DOC_CENTER, d->st->body);
  p->before = 6, p->after = 8, p->keep_next = true;
  doc_run(d, p, DOC_B, state ? "QUYẾT ĐỊNH:" : "QUYẾT ĐỊNH");
}

/* "Điều N." in bold followed by the text (runs added by the caller). */
static DocPara *article(Doc *d, int n) {
  DocPara *p = doc_body(d);
  doc_runf(d, p, DOC_B, "Điều %d. ", n);
  return p;
}

/*
** "Điều 3. <the issuer's office>, <the proposer>, <the unit>, các cơ quan, đơn vị có liên quan [và đồng chí Y] căn
** cứ Quyết định thi hành./." -- the Party's "Văn phòng X, Ban Tổ chức X", the State's "Chánh Văn phòng HĐND và UBND
** thành phố, Trưởng phòng Nội vụ" (DocCtx), none for a board deciding in its own name: each body once -- the unit
** is left out when it is one already named ("Ban Tổ chức Thành ủy" is the Ban Tổ chức Thành ủy Móng Cái).
*/
static void close_article(DocCtx *c, int n, const char *unit_name, const char *person) {
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const char *v[3];
  int k = 0;
  if (c->office) v[k++] = c->office;
  if (c->proposer) v[k++] = c->proposer;
  v[k++] = nz(unit_name) ? unit_in_sentence(a, doc_unit_full(a, unit_name, c->committee)) : "các đơn vị";
  k = doc_dedupe(a, v, k);
  DocPara *p = article(d, n);
  for (int i = 0; i < k; i++) doc_runf(d, p, 0, "%s, ", v[i]);
  doc_runf(d, p, 0, "các cơ quan, đơn vị có liên quan%s%s căn cứ Quyết định thi hành./.", person ? " và đồng chí " : "",
           person ? person : "");
}

/* The day before ISO `date` (the post held before an act of that date), in `a`; NULL for NULL. */
static const char *day_before(Arena *a, const char *date) {
  Date d;
  char iso[16];
  if (!nz(date) || date_parse(date, &d, DATE_FULL) != 0) return NULL;
  return arena_strdup(a, date_iso(date_add_days(d, -1), iso));
}

/* "Hoàng Thị Ánh Tuyết, sinh ngày 12/04/1980, Phó Trưởng phòng, Phòng Kinh tế" (the post held on `on`, NULL = now) */
static void person_runs(DocCtx *c, DocPara *p, const Cadre *x, const char *on) {
  Doc *d = c->res->doc;
  doc_run(d, p, DOC_B, x->full_name);
  doc_runf(d, p, 0, ", %s", doc_born(c->a, x->birth_date));
  const char *post = doc_post_on(c->db, c->a, x->id, on);
  if (post) doc_runf(d, p, 0, ", %s", post);
}

static int from_proposal(DocCtx *c) {
  Proposal p;
  Cadre x;
  Unit u;
  int rc = doc_load_proposal(c, &p, &x, &u);
  if (rc) return rc;
  if ((c->res->why = doc_proposal_refusal(c->a, &p, "quyết định")) != NULL) {
    c->res->refused = true;
    return CB_EINVAL;
  }
  default_number_date(c, p.decision_no, p.decision_date);
  /* issued by the body its number names, else the committee above the post's unit (the same for every reader) */
  c->act_near = u.path, c->act_above = doc_path_parent(c->a, u.path), c->act_number = nz(p.decision_no);
  if ((rc = doc_ctx_begin(c, u.path, "QĐ"))) return rc;
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const char *kind = appt_kind_label(p.kind);
  d->title = arena_printf(a, "Quyết định %s %s", kind, x.full_name);
  c->res->name = arena_printf(a, "quyet-dinh-%lld", p.id);
  c->res->key = arena_printf(a, "quyet-dinh/proposal/%lld", p.id);
  doc_head(d, &c->head);
  doc_title(d, "Quyết định", arena_printf(a, "về việc %s cán bộ", kind));
  bases(c, &p.findings);
  const char *post = title_display(a, p.title_name ? p.title_name : "", p.unit_name, NULL);
  DocPara *q = article(d, 1);
  if (strcmp(p.kind, "extension") == 0) {
    doc_runf(d, q, 0, "Kéo dài thời gian giữ chức vụ %s đối với đồng chí ", post);
    person_runs(c, q, &x, day_before(a, p.decision_date));
    doc_run(d, q, 0, nz(p.term_end) ? arena_printf(a, ", đến ngày %s (đủ tuổi nghỉ hưu).", doc_date_vn(a, p.term_end))
                                    : ", đến khi đủ tuổi nghỉ hưu.");
  } else {
    const char *verb = strcmp(p.kind, "nomination") == 0 ? "Giới thiệu" : strcmp(p.kind, "reappointment") == 0 ? "Bổ nhiệm lại"
                       : strcmp(p.kind, "promotion") == 0 ? "Đề bạt" : "Bổ nhiệm";
    doc_runf(d, q, 0, "%s đồng chí ", verb);
    person_runs(c, q, &x, day_before(a, p.decision_date));
    doc_runf(d, q, 0, ", %s chức vụ %s", strcmp(p.kind, "nomination") == 0 ? "ứng cử" : "giữ", post);
    doc_run(d, q, 0, nz(p.decision_date) ? arena_printf(a, ", kể từ ngày %s.", doc_date_vn(a, p.decision_date))
                                         : ", kể từ ngày ký.");
    if (nz(p.term_end) && nz(p.decision_date))
      doc_body_text(d, 0, arena_printf(a, "Thời hạn giữ chức vụ từ ngày %s đến ngày %s.", doc_date_vn(a, p.decision_date),
                                       doc_date_vn(a, p.term_end)));
  }
  q = article(d, 2);
  doc_runf(d, q, 0, "Đồng chí %s được hưởng chế độ, chính sách theo quy định hiện hành.", x.full_name);
  close_article(c, 3, p.unit_name, x.full_name);
  doc_signature(d, &c->head);
  return 0;
}

static const char *capital_kind(const char *kind) {
  if (!kind) return "";
  if (strcmp(kind, "rotation") == 0) return "Luân chuyển";
  if (strcmp(kind, "transfer") == 0) return "Điều động";
  if (strcmp(kind, "secondment") == 0) return "Biệt phái";
  if (strcmp(kind, "reinforcement") == 0) return "Tăng cường";
  return "";
}

static int from_rotation(DocCtx *c) {
  RotationRow r;
  const char *path;
  int rc = doc_rotation_get(c->db, c->a, scope_from_legacy(c->scope), c->rq->rotation, &r, &path);
  Cadre x;
  if (!rc) rc = cadre_find(c->db, c->a, scope_from_legacy(c->scope), r.cadre_code, &x);
  if (rc) return rc;
  Findings f;
  if (findings_load(c->db, c->a, "rotation", r.id, &f) != 0) findings_init(&f, c->a);
  default_number_date(c, r.decision_no, r.date);
  /* issued by the body its number names, else the committee over both the unit left and the unit joined */
  Unit to, from;
  if ((rc = unit_find(c->db, c->a, scope_all(), r.to_unit_code, &to))) return rc;
  bool has_from = nz(r.from_unit_code) && unit_find(c->db, c->a, scope_all(), r.from_unit_code, &from) == 0;
  c->act_near = to.path;
  c->act_above = has_from ? doc_path_common(c->a, from.path, to.path) : doc_path_parent(c->a, to.path);
  c->act_number = nz(r.decision_no);
  if ((rc = doc_ctx_begin(c, path, "QĐ"))) return rc;
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const char *label = rotation_kind_label(r.kind);
  d->title = arena_printf(a, "Quyết định %s %s", label, r.cadre_name);
  c->res->name = arena_printf(a, "quyet-dinh-luan-chuyen-%lld", r.id);
  c->res->key = arena_printf(a, "quyet-dinh/rotation/%lld", r.id);
  doc_head(d, &c->head);
  doc_title(d, "Quyết định", arena_printf(a, "về việc %s cán bộ", label));
  bases(c, &f);
  DocPara *q = article(d, 1);
  doc_runf(d, q, 0, "%s đồng chí ", capital_kind(r.kind));
  doc_run(d, q, DOC_B, x.full_name);
  doc_runf(d, q, 0, ", %s", doc_born(a, x.birth_date));
  if (nz(r.from_title_name)) doc_runf(d, q, 0, ", %s", title_display(a, r.from_title_name, r.from_unit_name, NULL));
  else if (nz(r.from_unit_name)) doc_runf(d, q, 0, ", %s", unit_in_sentence(a, r.from_unit_name));
  doc_runf(d, q, 0, ", đến công tác tại %s", unit_in_sentence(a, r.to_unit_name));
  if (nz(r.to_title_name)) doc_runf(d, q, 0, ", %s", post_words(c, r.to_title_name, r.to_unit_name));
  doc_runf(d, q, 0, ", kể từ ngày %s.", doc_date_vn(a, r.date));
  if (r.planned_months > 0) {
    Date from, to;
    char iso[16];
    const char *until = "";
    if (date_parse(r.date, &from, DATE_FULL) == 0) {
      to = date_add_months(from, r.planned_months);
      until = arena_printf(a, " (đến ngày %s)", doc_date_vn(a, date_iso(to, iso)));
    }
    doc_body_text(d, 0, arena_printf(a, "Thời gian %s: %d tháng%s.", label, r.planned_months, until));
  }
  q = article(d, 2);
  doc_runf(d, q, 0, "Đồng chí %s có trách nhiệm bàn giao công việc, đến nhận nhiệm vụ theo đúng thời gian quy định và "
                    "được hưởng chế độ, chính sách theo quy định hiện hành.",
           x.full_name);
  close_article(c, 3, r.to_unit_name, x.full_name);
  doc_signature(d, &c->head);
  return 0;
}

static int planning_approval(DocCtx *c) {
  if (!nz(c->rq->unit)) {
    c->res->why = "Cần mã đơn vị (unit) của quy hoạch.";
    return CB_EINVAL;
  }
  Unit u;
  int rc = unit_find(c->db, c->a, scope_from_legacy(c->scope), c->rq->unit, &u);
  if (!rc) rc = doc_ctx_begin(c, u.path, "QĐ");
  if (rc) return rc;
  DocPlanning *g;
  int n;
  const char *term;
  if ((rc = doc_planning_load(c, &g, &n, &term))) return rc;
  Doc *d = c->res->doc;
  Arena *a = c->a;
  d->title = arena_printf(a, "Quyết định phê duyệt quy hoạch nhiệm kỳ %s, %s", term, u.name);
  c->res->name = arena_printf(a, "quyet-dinh-quy-hoach-%s-%s", u.code, term);
  c->res->key = arena_printf(a, "quyet-dinh/planning/%s/%s", u.code, term);
  doc_head(d, &c->head);
  doc_title(d, "Quyết định", arena_printf(a, "về việc phê duyệt quy hoạch cán bộ nhiệm kỳ %s", term));
  bases(c, NULL);
  DocPara *q = article(d, 1);
  doc_runf(d, q, 0, "Phê duyệt danh sách quy hoạch cán bộ lãnh đạo, quản lý của %s nhiệm kỳ %s gồm %d đồng chí (có "
                    "danh sách kèm theo).",
           u.name, term, n);
  q = article(d, 2);
  doc_runf(d, q, 0, "%s có trách nhiệm hướng dẫn, theo dõi, rà soát, bổ sung quy hoạch hằng năm theo quy định.",
           c->proposer ? c->proposer : c->committee);
  close_article(c, 3, u.name, NULL);
  doc_signature(d, &c->head);
  doc_page_break(d);
  DocPara *p = doc_para(d, DOC_CENTER, d->st->title);
  doc_run(d, p, DOC_B, "DANH SÁCH");
  p = doc_para(d, DOC_CENTER, d->st->subtitle);
  doc_runf(d, p, DOC_B, "cán bộ quy hoạch các chức danh lãnh đạo, quản lý nhiệm kỳ %s", term);
  p = doc_para(d, DOC_CENTER, d->st->body);
  p->after = 10;
  const char *num = c->head.number ? c->head.number : "";
  if (!strncmp(num, "Số: ", strlen("Số: "))) num += strlen("Số: ");
  else if (!strncmp(num, "Số ", strlen("Số "))) num += strlen("Số ");
  doc_runf(d, p, DOC_I, "(Kèm theo Quyết định số %s%s%s của %s)", num, c->date_iso ? ", ngày " : "",
           c->date_iso ? doc_date_vn(a, c->date_iso) : "",
           d->layout == DOC_STATE ? doc_text(a, c->head.body_name) : arena_printf(a, "Ban Thường vụ %s", c->committee));
  doc_planning_table(c, g);
  return 0;
}

int doc_kind_decision(DocCtx *c) {
  if (c->rq->proposal > 0) return from_proposal(c);
  if (c->rq->rotation > 0) return from_rotation(c);
  if (c->rq->list && strcmp(c->rq->list, "planning") == 0) return planning_approval(c);
  c->res->why = "Quyết định cần một đề nghị (proposal), một bản ghi luân chuyển (rotation) hoặc list=planning với đơn vị.";
  return CB_EINVAL;
}

/*
** The documents of an appointment proposal (doc_kinds.h): the tờ trình
** (the person, the post, the findings with their legal basis, the vote of
** every step, the proposal) and the biên bản of one step's vote count. The
** quyết định is in doc_decision.c. Values come from appt_proposal_get (its
** steps with appt_vote_eval's explanation, its stored findings) and the
** cadre's record.
*/
#include <string.h>
#include "core/err.h"
#include "domain/docs/doc_data.h"
#include "domain/docs/doc_kinds.h"
#include "domain/title.h"
#include "domain/rules.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

int doc_legal_bases(Arena *a, const Findings *f, const char ***out) {
  static const char *const KINDS[] = {"Quy định", "Luật", "Bộ luật", "Nghị định", "Thông tư", "Hướng dẫn",
                                      "Quyết định", "Kết luận", "Chỉ thị", "Nghị quyết", NULL};
  const char **v = arena_alloc(a, sizeof(char *) * (size_t)(f->n + 1));
  int n = 0;
  for (int i = 0; i < f->n; i++) {
    const char *basis = f->v[i].basis;
    if (!nz(basis) || f->v[i].result == RESULT_NA) continue;
    bool legal = false;
    for (int k = 0; KINDS[k] && !legal; k++) legal = strncmp(basis, KINDS[k], strlen(KINDS[k])) == 0;
    if (!legal) continue;
    /* the document's name: up to ", Điều" or ";" (several bases in one: each) */
    for (const char *p = basis; *p;) {
      size_t k = strcspn(p, ";");
      const char *e = p + k;
      const char *art = strstr(p, ", Điều");
      if (art && art < e) e = art;
      while (e > p && e[-1] == ' ') e--;
      const char *name = arena_strndup(a, p, (size_t)(e - p));
      bool is_legal = false;
      for (int j = 0; KINDS[j] && !is_legal; j++) is_legal = strncmp(name, KINDS[j], strlen(KINDS[j])) == 0;
      bool seen = !is_legal;
      for (int j = 0; j < n && !seen; j++) seen = strcmp(v[j], name) == 0;
      if (!seen) v[n++] = name;
      p += k;
      while (*p == ';' || *p == ' ') p++;
    }
  }
  *out = v;
  return n;
}

const char *doc_pct(Arena *a, long long part, long long whole) {
  if (whole <= 0) return "0%";
  long long tenths = (part * 1000 + whole / 2) / whole;
  if (tenths % 10 == 0) return arena_printf(a, "%lld%%", tenths / 10);
  return arena_printf(a, "%lld,%lld%%", tenths / 10, tenths % 10);
}

int doc_load_proposal(DocCtx *c, Proposal *p, Cadre *cadre, Unit *unit) {
  if (c->rq->proposal <= 0) {
    c->res->why = "Cần số của đề nghị (proposal).";
    return CB_EINVAL;
  }
  int rc = appt_proposal_get(c->db, c->a, scope_from_legacy(c->scope), c->rq->proposal, p);
  if (!rc) rc = cadre_find(c->db, c->a, scope_from_legacy(c->scope), p->cadre_code, cadre);
  if (!rc) rc = unit_find(c->db, c->a, scope_from_legacy(c->scope), p->unit_code, unit);
  return rc;
}

const char *doc_proposal_refusal(Arena *a, const Proposal *p, const char *what) {
  const char *kind = appt_kind_label(p->kind), *who = p->cadre_name ? p->cadre_name : "";
  if (p->status && strcmp(p->status, "withdrawn") == 0)
    return arena_printf(a, "Không lập %s: đề nghị %s đồng chí %s đã rút.", what, kind, who);
  for (int i = 0; i < p->nsteps; i++) {
    const ProposalStep *s = &p->steps[i];
    bool held_again = false; /* a meeting without a quorum is held again: its later record is the one that counts */
    for (int j = i + 1; j < p->nsteps && !held_again; j++) held_again = p->steps[j].step == s->step;
    if (held_again) continue;
    const char *name = nz(s->name) ? s->name : appt_proposal_step_name(p, s->step);
    if (!s->valid)
      return arena_printf(a, "Không lập %s: bước %d «%s» họp không hợp lệ (%s); cần tổ chức lại bước này trước.", what,
                          s->step, name, nz(s->explain) ? s->explain : "có mặt dưới 2/3 số được triệu tập");
    if (!s->passed)
      return arena_printf(a, "Không lập %s: bước %d «%s» không đạt (%s). Đề nghị %s đồng chí %s đã kết thúc ở bước "
                             "này; %s chỉ lập để đề nghị nhân sự đã đạt các bước của quy trình.",
                          what, s->step, name, nz(s->explain) ? s->explain : "không đủ số phiếu đồng ý", kind, who,
                          what);
  }
  return NULL;
}

/* A bordered table whose first row is the centred bold header. */
static DocTable *grid(Doc *d, int n, const double *w, const char *const *head) {
  DocTable *t = doc_table(d, n, w, 1, true);
  DocRow *r = doc_row_texts(d, t, head, DOC_B, 0);
  for (int i = 0; i < n; i++) r->cells[i].p[0]->align = DOC_CENTER;
  return t;
}

/* The person's short record as a two-column table (label, value). */
static void person_table(DocCtx *c, const Cadre *x, const char *on) {
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const double w[] = {0.36, 0.64};
  DocTable *t = doc_table(d, 2, w, 0, true);
  const char *deg = cadre_degree_label(x->degree);
  const char *rows[][2] = {
      {"Họ và tên", x->full_name},
      {"Ngày sinh", doc_date_vn(a, x->birth_date)},
      {"Giới tính", x->gender && x->gender[0] == 'F' ? "Nữ" : "Nam"},
      {"Quê quán", x->hometown},
      {"Dân tộc", x->ethnicity},
      {"Chức vụ hiện tại", doc_post_on(c->db, a, x->id, on)},
      {"Trình độ chuyên môn", nz(deg) && nz(x->major) ? arena_printf(a, "%s, chuyên ngành %s", deg, x->major) : deg},
      {"Lý luận chính trị", cadre_llct_label(x->llct_level)},
      {"Quản lý nhà nước", cadre_qlnn_label(x->qlnn_level)},
      {"Ngày vào Đảng / chính thức", nz(x->party_join_date) ? arena_printf(a, "%s / %s", doc_date_vn(a, x->party_join_date),
                                                                           nz(x->party_official_date) ? doc_date_vn(a, x->party_official_date) : "…")
                                                            : NULL},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const char *cells[] = {rows[i][0], nz(rows[i][1]) ? rows[i][1] : "—"};
    DocRow *r = doc_row_texts(d, t, cells, 0, 0);
    if (i == 0) r->cells[1].p[0]->runs[0].style = DOC_B;
  }
}

/* The findings with their legal basis. */
static void findings_table(DocCtx *c, const Findings *f) {
  Doc *d = c->res->doc;
  const double w[] = {0.06, 0.12, 0.13, 0.43, 0.26};
  const char *head[] = {"TT", "Quy định", "Kết quả", "Nội dung kiểm tra", "Căn cứ"};
  DocTable *t = grid(d, 5, w, head);
  int shown = 0, skipped = 0;
  for (int i = 0; i < f->n; i++) {
    const Finding *x = &f->v[i];
    if (x->result == RESULT_NA) { /* a rule that does not apply (or is switched off) is no content of a submission */
      skipped++;
      continue;
    }
    const char *cells[] = {arena_printf(c->a, "%d", ++shown), x->rule, result_label(x->result), x->message, x->basis};
    DocRow *r = doc_row_texts(d, t, cells, 0, 0);
    r->cells[0].p[0]->align = DOC_CENTER;
    if (x->result == RESULT_FAIL || x->result == RESULT_WARN) r->cells[2].p[0]->runs[0].style = DOC_B;
  }
  if (shown == 0) {
    const char *cells[] = {"", "", "", f->n ? "Không có quy định nào áp dụng." : "Chưa có kết quả kiểm tra được lưu.",
                           ""};
    doc_row_texts(d, t, cells, 0, 0);
  }
  if (skipped)
    doc_runf(d, doc_body(d), 0, "(%d quy định không áp dụng cho trường hợp này, không liệt kê.)", skipped);
}

/* The result of one recorded step, in words. */
static const char *step_result(const ProposalStep *s) {
  if (!s->valid) return "Hội nghị không hợp lệ";
  if (s->votes_for < 0) return "Đã thực hiện";
  return s->passed ? "Đạt" : "Không đạt";
}

/* Every step of the procedure: recorded ones with their counts, the others marked not done. */
static void steps_table(DocCtx *c, const Proposal *p) {
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const double w[] = {0.08, 0.27, 0.15, 0.10, 0.09, 0.12, 0.19}; /* "Bước" and a dd/mm/yyyy date unbroken */
  const char *head[] = {"Bước", "Nội dung", "Ngày", "Triệu tập", "Có mặt", "Đồng ý", "Kết quả"};
  DocTable *t = grid(d, 7, w, head);
  for (int k = 1; k <= p->steps_required; k++) {
    const ProposalStep *s = NULL;
    for (int i = 0; i < p->nsteps; i++)
      if (p->steps[i].step == k) s = &p->steps[i];
    const char *name = appt_proposal_step_name(p, k);
    if (!s) {
      const char *cells[] = {arena_printf(a, "%d", k), name, "", "", "", "", "Chưa thực hiện"};
      doc_row_texts(d, t, cells, 0, 0)->cells[0].p[0]->align = DOC_CENTER;
      continue;
    }
    const char *votes = s->votes_for < 0 ? "—"
                                          : arena_printf(a, "%d (%s)", s->votes_for, doc_pct(a, s->votes_for, s->summoned));
    const char *cells[] = {arena_printf(a, "%d", k),
                           name,
                           doc_date_vn(a, s->date),
                           arena_printf(a, "%d", s->summoned),
                           arena_printf(a, "%d", s->present),
                           votes,
                           arena_printf(a, "%s\n%s", step_result(s), s->explain ? s->explain : "")};
    DocRow *r = doc_row_texts(d, t, cells, 0, 0);
    for (int i = 0; i < 7; i++)
      if (i != 1 && i != 6) r->cells[i].p[0]->align = DOC_CENTER;
  }
}

/* The post of the proposal as title_display shows it: "Trưởng phòng Kinh tế", "Chủ tịch UBND xã Hải Tiến". */
static const char *post_of(Arena *a, const Proposal *p) {
  return title_display(a, p->title_name ? p->title_name : "", p->unit_name, NULL);
}

int doc_kind_to_trinh(DocCtx *c) {
  Proposal p;
  Cadre x;
  Unit u;
  int rc = doc_load_proposal(c, &p, &x, &u);
  if (rc) return rc;
  /* a tờ trình proposes a candidate who passed: never one whose vote failed (docs/DOCUMENTS.md) */
  if ((c->res->why = doc_proposal_refusal(c->a, &p, "tờ trình")) != NULL) {
    c->res->refused = true;
    return CB_EINVAL;
  }
  /* the board of the body that decides (the same for every reader): the one the decision's number names, else the
     committee above the post's unit */
  c->act_near = u.path, c->act_above = doc_path_parent(c->a, u.path), c->act_number = nz(p.decision_no);
  if ((rc = doc_ctx_begin(c, u.path, "TTr"))) return rc;
  /* what was checked when the proposal was made (the decision's own check is the quyết định's) */
  Findings f;
  if (findings_load(c->db, c->a, "proposal", p.id, &f) != 0) return CB_EDB;
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const char *kind = appt_kind_label(p.kind);
  d->title = arena_printf(a, "Tờ trình đề nghị %s %s", kind, x.full_name);
  c->res->name = arena_printf(a, "to-trinh-%lld", p.id);
  c->res->key = arena_printf(a, "to-trinh/%lld", p.id);
  doc_head(d, &c->head);
  doc_title(d, "Tờ trình", arena_printf(a, "về việc đề nghị %s cán bộ", kind));
  DocPara *to = doc_para(d, DOC_CENTER, d->st->body);
  to->after = 10;
  doc_runf(d, to, 0, "Kính gửi: Ban Thường vụ %s", c->committee);

  /* the bases: the legal documents named by the findings */
  DocPara *b = doc_body(d);
  doc_run(d, b, 0, "Căn cứ ");
  const char **docs;
  int nb = doc_legal_bases(a, &f, &docs);
  for (int i = 0; i < nb; i++) doc_runf(d, b, 0, "%s%s", i ? "; " : "", docs[i]);
  if (!nb) doc_run(d, b, 0, "các quy định hiện hành về công tác cán bộ");
  doc_runf(d, b, 0, "; kết quả thực hiện quy trình %s cán bộ, %s kính trình Ban Thường vụ %s như sau:", kind,
           doc_board(a, c->committee), c->committee);

  doc_heading(d, "I. SƠ LƯỢC LÝ LỊCH NHÂN SỰ ĐƯỢC ĐỀ NGHỊ");
  person_table(c, &x, p.created_at ? arena_strndup(a, p.created_at, 10) : NULL);
  doc_heading(d, "II. CHỨC VỤ ĐỀ NGHỊ");
  DocPara *q = doc_body(d);
  doc_runf(d, q, 0, "Đề nghị %s đồng chí ", kind);
  doc_run(d, q, DOC_B, x.full_name);
  doc_runf(d, q, 0, " giữ chức vụ %s; nguồn nhân sự: %s.", post_of(a, &p),
           p.source && strcmp(p.source, "external") == 0 ? "từ nơi khác" : "tại chỗ");
  doc_heading(d, "III. KẾT QUẢ KIỂM TRA TIÊU CHUẨN, ĐIỀU KIỆN");
  findings_table(c, &f);
  Result v = findings_verdict(&f);
  q = doc_body(d);
  doc_run(d, q, 0, "Kết luận chung: ");
  doc_run(d, q, DOC_B, result_label(v));
  doc_run(d, q, 0, v == RESULT_FAIL ? " — có tiêu chuẩn, điều kiện chưa đạt, đề nghị Ban Thường vụ xem xét." : ".");
  doc_heading(d, "IV. QUY TRÌNH VÀ KẾT QUẢ BIỂU QUYẾT");
  steps_table(c, &p);
  doc_heading(d, "V. ĐỀ XUẤT");
  q = doc_body(d);
  doc_runf(d, q, 0, "Trên cơ sở kết quả thực hiện quy trình, %s kính trình Ban Thường vụ %s xem xét, quyết định %s "
                    "đồng chí ",
           doc_board(a, c->committee), c->committee, kind);
  doc_run(d, q, DOC_B, x.full_name);
  doc_runf(d, q, 0, " giữ chức vụ %s.", post_of(a, &p));
  doc_body_text(d, 0, "Kính trình Ban Thường vụ xem xét, quyết định./.");
  doc_signature(d, &c->head);
  return 0;
}

/* The two signatures of a biên bản: the recorder (left) and the chair (right), then "Nơi nhận". */
static void minutes_signatures(Doc *d, const DocHead *h) {
  const DocStyle *st = d->st;
  double w[2] = {0.5, 0.5};
  DocTable *t = doc_table(d, 2, w, 0, false);
  t->keep = true;
  DocRow *r = doc_row(d, t);
  const char *left[] = {"NGƯỜI GHI BIÊN BẢN", "(Ký, ghi rõ họ tên)"};
  for (int side = 0; side < 2; side++) {
    DocCell *cell = &r->cells[side];
    DocPara *p = doc_cell_para(d, cell, DOC_CENTER, st->sign);
    p->before = 12;
    doc_run(d, p, DOC_B, side ? doc_upper(d->a, h->signer_post) : left[0]);
    p = doc_cell_para(d, cell, DOC_CENTER, 12);
    doc_run(d, p, DOC_I, left[1]);
    p = doc_cell_para(d, cell, DOC_CENTER, st->sign);
    p->before = st->sign_space - 14;
    doc_run(d, p, DOC_B, side && h->signer_name && *h->signer_name ? h->signer_name : " ");
  }
  if (h->nrecipients == 0) return;
  DocPara *p = doc_para(d, DOC_LEFT, st->recipients_head);
  p->before = 8, p->keep_next = true;
  doc_run(d, p, st->recipients_head_style, "Nơi nhận");
  doc_run(d, p, st->recipients_head_style & ~(unsigned)DOC_U, ":");
  for (int i = 0; i < h->nrecipients; i++) {
    p = doc_para(d, DOC_LEFT, st->recipients);
    doc_runf(d, p, 0, "- %s%s", h->recipients[i], i + 1 < h->nrecipients ? "," : ".");
  }
}

int doc_kind_bien_ban(DocCtx *c) {
  Proposal p;
  Cadre x;
  Unit u;
  int rc = doc_load_proposal(c, &p, &x, &u);
  if (rc) return rc;
  const ProposalStep *s = NULL;
  for (int i = 0; i < p.nsteps; i++)
    if (p.steps[i].step == c->rq->step) s = &p.steps[i];
  if (!s) {
    c->res->why = c->rq->step > 0 ? arena_printf(c->a, "Bước %d của đề nghị %lld chưa được ghi.", c->rq->step, p.id)
                                  : "Cần số thứ tự của bước (step).";
    return CB_EINVAL;
  }
  /* the minutes are the issuing body's of the meeting: an internal source's steps meet in the unit itself
     ("ĐẢNG ỦY XÃ HẢI XUÂN", Số -BB/ĐU, Hải Xuân), an external one's in the body above (the committee over the unit) */
  if (!c->rq->issuer && p.source && strcmp(p.source, "internal") == 0) {
    DocRequest *rq = arena_alloc(c->a, sizeof *rq);
    *rq = *c->rq;
    rq->issuer = u.code;
    c->rq = rq;
  } else { /* external: the body above that decides, the same for every reader (doc_act_issuer) */
    c->act_near = u.path, c->act_above = doc_path_parent(c->a, u.path), c->act_number = nz(p.decision_no);
  }
  if (!c->rq->date) { /* the minutes are dated the day of the meeting */
    DocRequest *rq = arena_alloc(c->a, sizeof *rq);
    *rq = *c->rq;
    rq->date = s->date;
    c->rq = rq;
  }
  if ((rc = doc_ctx_begin(c, u.path, "BB"))) return rc;
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const char *kind = appt_kind_label(p.kind);
  d->title = arena_printf(a, "Biên bản bước %d, đề nghị %s %s", s->step, kind, x.full_name);
  c->res->name = arena_printf(a, "bien-ban-%lld-buoc-%d", p.id, s->step);
  c->res->key = arena_printf(a, "bien-ban/%lld/%d", p.id, s->step);
  doc_head(d, &c->head);
  doc_title(d, "Biên bản", arena_printf(a, "kiểm phiếu bước %d: %s", s->step, appt_proposal_step_name(&p, s->step)));
  DocPara *q = doc_body(d);
  doc_runf(d, q, 0, "Hôm nay, ngày %s, tại %s, hội nghị bước %d của quy trình %s cán bộ được tiến hành về việc %s "
                    "đồng chí ",
           doc_date_vn(a, s->date), p.unit_name ? unit_in_sentence(a, p.unit_name) : "", s->step, kind, kind);
  doc_run(d, q, DOC_B, x.full_name);
  doc_runf(d, q, 0, ", %s, giữ chức vụ %s.", doc_born(a, x.birth_date), post_of(a, &p));
  doc_heading(d, "I. THÀNH PHẦN");
  doc_body_text(d, 0,
                arena_printf(a, "Số người được triệu tập: %d; có mặt: %d (%s); vắng mặt: %d.", s->summoned, s->present,
                             doc_pct(a, s->present, s->summoned), s->summoned - s->present));
  doc_body_text(d, 0, arena_printf(a, "Hội nghị %s.", s->valid ? "hợp lệ (có mặt từ 2/3 số được triệu tập trở lên)"
                                                                : "không hợp lệ (có mặt dưới 2/3 số được triệu tập)"));
  doc_heading(d, "II. KẾT QUẢ KIỂM PHIẾU");
  if (s->votes_for < 0) {
    doc_body_text(d, 0, "Bước này không bỏ phiếu: tập thể thảo luận và thống nhất.");
  } else {
    const double w[] = {0.62, 0.18, 0.20};
    const char *head[] = {"Nội dung", "Số phiếu", "Tỷ lệ so với số được triệu tập"};
    DocTable *t = grid(d, 3, w, head);
    const char *rows[][3] = {
        {"Số phiếu phát ra", arena_printf(a, "%d", s->present), doc_pct(a, s->present, s->summoned)},
        {"Số phiếu đồng ý", arena_printf(a, "%d", s->votes_for), doc_pct(a, s->votes_for, s->summoned)},
        {"Số phiếu không đồng ý hoặc không biểu quyết", arena_printf(a, "%d", s->present - s->votes_for),
         doc_pct(a, s->present - s->votes_for, s->summoned)},
    };
    for (int i = 0; i < 3; i++) {
      const char *cells[] = {rows[i][0], rows[i][1], rows[i][2]};
      DocRow *r = doc_row_texts(d, t, cells, i == 1 ? DOC_B : 0, 0);
      r->cells[1].p[0]->align = r->cells[2].p[0]->align = DOC_CENTER;
    }
  }
  doc_heading(d, "III. KẾT LUẬN");
  q = doc_body(d);
  doc_runf(d, q, 0, "%s. ", s->explain ? s->explain : "");
  doc_run(d, q, DOC_B, s->valid && s->passed ? (s->votes_for < 0 ? "Bước được thực hiện." : "Đạt: trên 50% tổng số người được triệu tập đồng ý.")
                                              : "Không đạt.");
  if (s->note && *s->note) doc_body_text(d, DOC_I, arena_printf(a, "Ghi chú: %s", s->note));
  doc_body_text(d, 0, "Biên bản kết thúc cùng ngày, đã thông qua hội nghị và nhất trí./.");
  minutes_signatures(d, &c->head);
  return 0;
}

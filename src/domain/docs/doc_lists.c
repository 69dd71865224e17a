/*
** The lists and the report as documents (doc_kinds.h):
**   danh-sach --list planning     the planning list of a term grouped by
**             title: one row per person under the heading of their most
**             senior planned title, every title they are planned for in the
**             last column (planning_pools);
**   danh-sach --list due          reappointment due list (official_due_list);
**   danh-sach --list trainings    trainings started in a year (official_training_list);
**   danh-sach --list retirements  reaching RET-1 within N months (structure_retirements);
**   bao-cao                       the annual report (report_annual) with its
**             narrative in words and numbers, the summary table and the
**             records behind each number annexed.
** The data are taken on the document's date (today when it is left blank).
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/vi.h"
#include "domain/term.h"
#include "domain/docs/doc_kinds.h"
#include "domain/title.h"
#include "domain/official_lists.h"
#include "domain/planning.h"
#include "domain/report_annual.h"
#include "domain/structure.h"
#include "domain/training.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

static const char *const ROMAN[] = {"I",    "II",  "III", "IV",  "V",    "VI",  "VII", "VIII", "IX",   "X",
                                    "XI",   "XII", "XIII", "XIV", "XV",  "XVI", "XVII", "XVIII", "XIX", "XX"};
static const char *roman(Arena *a, int i) { return i < 20 ? ROMAN[i] : arena_printf(a, "%d", i + 1); }

static DocTable *grid(Doc *d, int n, const double *w, const char *const *head) {
  DocTable *t = doc_table(d, n, w, 1, true);
  DocRow *r = doc_row_texts(d, t, head, DOC_B, 0);
  for (int i = 0; i < n; i++) r->cells[i].p[0]->align = DOC_CENTER;
  return t;
}

/* "Thạc sĩ; LLCT cao cấp; QLNN CVC": the three levels, short. */
static const char *levels(Arena *a, const char *degree, const char *llct, const char *qlnn) {
  static const char *const QLNN[][2] = {{"can_su", "cán sự"}, {"chuyen_vien", "CV"}, {"chuyen_vien_chinh", "CVC"},
                                        {"chuyen_vien_cao_cap", "CVCC"}};
  const char *dg = cadre_degree_label(degree), *ll = cadre_llct_label(llct), *ql = NULL;
  for (int i = 0; qlnn && i < 4; i++)
    if (strcmp(qlnn, QLNN[i][0]) == 0) ql = QLNN[i][1];
  Buf b = BUF_INIT;
  if (nz(dg)) buf_puts(&b, dg);
  if (nz(ll)) buf_printf(&b, "%sLLCT %s", b.len ? "; " : "", ll);
  if (ql) buf_printf(&b, "%sQLNN %s", b.len ? "; " : "", ql);
  const char *s = arena_strdup(a, b.len ? b.p : "—");
  buf_free(&b);
  return s;
}

static void subtitle_date(Doc *d, const char *text) {
  DocPara *p = doc_para(d, DOC_CENTER, d->st->body);
  p->after = 10;
  doc_run(d, p, DOC_I, text);
}

/* ---- the planning list grouped by title ---- */

typedef struct {
  const PoolMember *m;
  int primary;   /* index of the pool whose heading the person is under */
  const char *titles; /* every planned title, one per line */
} Person;

struct DocPlanning {
  Pool *pools;
  int npools;
  Person *people;
  int n;
};

/* Whether pool pl is of the list's own unit (its name is then left out). */
static bool own_unit(const DocRequest *rq, const Pool *pl) { return rq->unit && strcmp(pl->unit_code, rq->unit) == 0; }

int doc_planning_load(DocCtx *c, DocPlanning **out, int *people, const char **term) {
  DocPlanning *g = arena_alloc(c->a, sizeof *g);
  const DocRequest *rq = c->rq;
  const char *t = nz(rq->term) ? rq->term : term_of(c->a, c->as_of);
  if (!t || !planning_term_valid(t)) {
    c->res->why = "Nhiệm kỳ phải có dạng YYYY-YYYY, cách nhau 5 năm.";
    return CB_EINVAL;
  }
  int rc = planning_pools(c->db, c->a, scope_from_legacy(c->scope), rq->unit, t, c->as_of, false, &g->pools, &g->npools);
  if (rc) return rc;
  int cap = 0;
  for (int i = 0; i < g->npools; i++) {
    const Pool *pl = &g->pools[i];
    if (nz(rq->title) && strcmp(pl->title_code, rq->title) != 0) continue;
    for (int k = 0; k < pl->n; k++) {
      const PoolMember *m = &pl->m[k];
      int j = 0;
      while (j < g->n && g->people[j].m->cadre_id != m->cadre_id) j++;
      if (j == g->n) {
        if (g->n == cap) {
          cap = cap ? cap * 2 : 32;
          Person *v = arena_alloc(c->a, sizeof *v * (size_t)cap);
          if (g->n) memcpy(v, g->people, sizeof *v * (size_t)g->n);
          g->people = v;
        }
        g->people[g->n++] = (Person){m, i, NULL};
      } else if (pl->title_rank > g->pools[g->people[j].primary].title_rank) {
        g->people[j].primary = i;
      }
    }
  }
  /* every planned title of each person, in pool order */
  for (int j = 0; j < g->n; j++) {
    Buf b = BUF_INIT;
    for (int i = 0; i < g->npools; i++) {
      const Pool *pl = &g->pools[i];
      if (nz(rq->title) && strcmp(pl->title_code, rq->title) != 0) continue;
      for (int k = 0; k < pl->n; k++)
        if (pl->m[k].cadre_id == g->people[j].m->cadre_id) {
          if (b.len) buf_putc(&b, '\n');
          if (own_unit(rq, pl)) buf_puts(&b, pl->title_name);
          else buf_puts(&b, title_display(c->a, pl->title_name, pl->unit_name, NULL));
        }
    }
    g->people[j].titles = arena_strdup(c->a, b.p ? b.p : "");
    buf_free(&b);
  }
  *out = g;
  *people = g->n;
  *term = t;
  return 0;
}

void doc_planning_table(DocCtx *c, const DocPlanning *g) {
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const double w[] = {0.07, 0.25, 0.26, 0.18, 0.24};
  const char *head[] = {"STT", "Họ và tên, ngày sinh", "Chức vụ hiện tại", "Trình độ", "Chức danh quy hoạch"};
  DocTable *t = grid(d, 5, w, head);
  int heading = 0, stt = 0;
  for (int i = 0; i < g->npools; i++) {
    const Pool *pl = &g->pools[i];
    bool any = false;
    for (int j = 0; j < g->n && !any; j++) any = g->people[j].primary == i;
    if (!any) continue;
    bool own = own_unit(c->rq, pl);
    doc_row_heading(d, t, arena_printf(a, "%s. Quy hoạch chức danh %s%s%s", roman(a, heading++), pl->title_name,
                                       own ? "" : ", ", own ? "" : pl->unit_name));
    for (int j = 0; j < g->n; j++) {
      const Person *x = &g->people[j];
      if (x->primary != i) continue;
      const PoolMember *m = x->m;
      const char *cells[] = {arena_printf(a, "%d", ++stt),
                             arena_printf(a, "%s\n%s, %s", m->full_name, doc_date_vn(a, m->birth_date),
                                          m->gender && m->gender[0] == 'F' ? "nữ" : "nam"),
                             nz(m->current_title) ? m->current_title : "—", levels(a, m->degree, m->llct_level, m->qlnn_level),
                             x->titles};
      doc_row_texts(d, t, cells, 0, 0)->cells[0].p[0]->align = DOC_CENTER;
    }
  }
  if (stt == 0) doc_row_heading(d, t, "Không có cán bộ nào trong quy hoạch.");
}

/* ---- the lists ---- */

/* Index of the column `key` of an official list (-1 when absent). */
static int col(const OfficialList *l, const char *key) {
  for (int i = 0; i < l->ncols; i++)
    if (strcmp(l->cols[i].key, key) == 0) return i;
  return -1;
}
static const char *cell(const OfficialList *l, int row, const char *key) {
  int i = col(l, key);
  return i < 0 ? NULL : l->cells[row * l->ncols + i];
}

static void list_due(DocCtx *c, const OfficialList *l) {
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const double w[] = {0.06, 0.22, 0.24, 0.16, 0.12, 0.20};
  const char *head[] = {"STT", "Họ và tên, ngày sinh", "Chức vụ, đơn vị", "Quyết định bổ nhiệm", "Hết thời hạn",
                        "Đề xuất"};
  DocTable *t = grid(d, 6, w, head);
  for (int k = 0; k < l->nrows; k++) {
    const char *dec = nz(cell(l, k, "decision_no"))
                          ? arena_printf(a, "Số %s, ngày %s", cell(l, k, "decision_no"), doc_date_vn(a, cell(l, k, "decision_date")))
                          : arena_printf(a, "Ngày %s", doc_date_vn(a, cell(l, k, "decision_date")));
    const char *cells[] = {arena_printf(a, "%d", k + 1),
                           arena_printf(a, "%s\n%s", cell(l, k, "full_name"), doc_date_vn(a, cell(l, k, "birth_date"))),
                           arena_printf(a, "%s, %s", cell(l, k, "title"), cell(l, k, "unit")),
                           dec,
                           doc_date_vn(a, cell(l, k, "term_end")),
                           arena_printf(a, "%s\n%s", cell(l, k, "action_label"), nz(cell(l, k, "explain")) ? cell(l, k, "explain") : "")};
    doc_row_texts(d, t, cells, 0, 0)->cells[0].p[0]->align = DOC_CENTER;
  }
  if (l->nrows == 0) doc_row_heading(d, t, "Không có cán bộ nào đến hạn.");
}

static void list_trainings(DocCtx *c, const OfficialList *l) {
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const double w[] = {0.06, 0.20, 0.22, 0.22, 0.16, 0.14};
  const char *head[] = {"STT", "Họ và tên, ngày sinh", "Chức vụ, đơn vị", "Chương trình, khóa học", "Cơ sở đào tạo",
                        "Thời gian, tình trạng"};
  DocTable *t = grid(d, 6, w, head);
  for (int k = 0; k < l->nrows; k++) {
    const char *prog = training_program_label(cell(l, k, "program"));
    const char *name = cell(l, k, "name");
    const char *end = cell(l, k, "end_date");
    const char *cells[] = {arena_printf(a, "%d", k + 1),
                           arena_printf(a, "%s\n%s", cell(l, k, "full_name"), doc_date_vn(a, cell(l, k, "birth_date"))),
                           nz(cell(l, k, "current_title")) ? arena_printf(a, "%s, %s", cell(l, k, "current_title"), cell(l, k, "unit"))
                                                           : cell(l, k, "unit"),
                           nz(name) ? arena_printf(a, "%s\n%s", prog, name) : prog,
                           nz(cell(l, k, "institution")) ? cell(l, k, "institution") : "—",
                           arena_printf(a, "%s – %s\n%s", doc_date_vn(a, cell(l, k, "start_date")),
                                        nz(end) ? doc_date_vn(a, end) : "…", training_status_label(cell(l, k, "status")))};
    doc_row_texts(d, t, cells, 0, 0)->cells[0].p[0]->align = DOC_CENTER;
  }
  if (l->nrows == 0) doc_row_heading(d, t, "Không có lượt đào tạo, bồi dưỡng nào bắt đầu trong năm.");
}

static void list_retirements(DocCtx *c, const RetireRow *v, int n) {
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const double w[] = {0.06, 0.24, 0.28, 0.12, 0.15, 0.15};
  const char *head[] = {"STT", "Họ và tên, ngày sinh", "Chức vụ, đơn vị", "Tuổi nghỉ hưu", "Ngày đủ tuổi nghỉ hưu",
                        "Hưởng lương hưu từ"};
  DocTable *t = grid(d, 6, w, head);
  for (int k = 0; k < n; k++) {
    const RetireRow *r = &v[k];
    const char *cells[] = {arena_printf(a, "%d", k + 1),
                           arena_printf(a, "%s\n%s, %s", r->full_name, doc_date_vn(a, r->birth_date),
                                        r->gender && r->gender[0] == 'F' ? "nữ" : "nam"),
                           nz(r->title) ? arena_printf(a, "%s, %s", r->title, r->unit_name ? r->unit_name : "") : r->unit_name,
                           r->age_months ? arena_printf(a, "%d năm %d tháng", r->age_years, r->age_months)
                                         : arena_printf(a, "%d năm", r->age_years),
                           doc_date_vn(a, r->retirement_date), doc_date_vn(a, r->pension_from)};
    DocRow *row = doc_row_texts(d, t, cells, 0, 0);
    for (int i = 3; i < 6; i++) row->cells[i].p[0]->align = DOC_CENTER;
    row->cells[0].p[0]->align = DOC_CENTER;
  }
  if (n == 0) doc_row_heading(d, t, "Không có cán bộ nào đến tuổi nghỉ hưu trong thời gian này.");
}

static int year_of(DocCtx *c) {
  if (c->rq->year) return c->rq->year;
  return atoi(c->as_of);
}

/* CB_EINVAL with the reason when the year's training list of unit u would be longer than a document holds. */
static int trainings_fit(DocCtx *c, const Unit *u, int year) {
  OfficialList head;
  int offset = 0;
  long total = 0;
  int rc = official_training_page(c->db, c->a, scope_from_legacy(c->scope), u->code, year, c->as_of, &offset, 0,
                                  &head, &total); /* the length only, from the per-unit counts */
  if (rc == CB_EINVAL) c->res->why = "Năm phải từ 1900 đến 2200.";
  if (rc || total <= DOC_LIST_ROWS_MAX) return rc;
  char n[32], max[32];
  c->res->why = arena_printf(c->a, "Danh sách năm %d của %s có %s lượt, quá dài cho một văn bản để ký (tối đa %s dòng). "
                                   "Hãy chọn một đơn vị nhỏ hơn, hoặc tải danh sách đầy đủ dạng Excel ở trang Cán bộ "
                                   "được cử đi đào tạo.",
                             year, u->name, vi_count(n, sizeof n, total), vi_count(max, sizeof max, DOC_LIST_ROWS_MAX));
  return CB_EINVAL;
}

int doc_kind_list(DocCtx *c) {
  const DocRequest *rq = c->rq;
  const char *list = rq->list;
  if (!list || (strcmp(list, "planning") && strcmp(list, "due") && strcmp(list, "trainings") &&
                strcmp(list, "retirements"))) {
    c->res->why = "Danh sách phải là planning, due, trainings hoặc retirements.";
    return CB_EINVAL;
  }
  if (!nz(rq->unit)) {
    c->res->why = "Cần mã đơn vị (unit).";
    return CB_EINVAL;
  }
  Unit u;
  int rc = unit_find(c->db, c->a, scope_from_legacy(c->scope), rq->unit, &u);
  if (!rc) rc = doc_ctx_begin(c, u.path, "DS");
  if (rc) return rc;
  Doc *d = c->res->doc;
  Arena *a = c->a;
  const char *on = doc_date_vn(a, c->as_of);
  doc_head(d, &c->head);
  if (strcmp(list, "planning") == 0) {
    DocPlanning *g;
    int n;
    const char *term;
    if ((rc = doc_planning_load(c, &g, &n, &term))) return rc;
    d->title = arena_printf(a, "Danh sách quy hoạch nhiệm kỳ %s, %s", term, u.name);
    c->res->name = arena_printf(a, "danh-sach-quy-hoach-%s-%s", u.code, term);
    c->res->key = arena_printf(a, "danh-sach/planning/%s/%s", u.code, term);
    doc_title(d, "Danh sách", arena_printf(a, "cán bộ trong quy hoạch các chức danh lãnh đạo, quản lý nhiệm kỳ %s", term));
    subtitle_date(d, arena_printf(a, "(%s; %d đồng chí; tính đến ngày %s)", u.name, n, on));
    doc_planning_table(c, g);
  } else if (strcmp(list, "due") == 0) {
    OfficialList l;
    if ((rc = official_due_list(c->db, a, scope_from_legacy(c->scope), u.code, c->as_of, &l))) return rc;
    d->title = arena_printf(a, "Danh sách đến hạn bổ nhiệm lại, %s", u.name);
    c->res->name = arena_printf(a, "danh-sach-den-han-%s-%s", u.code, c->as_of);
    c->res->key = arena_printf(a, "danh-sach/due/%s/%s", u.code, c->as_of);
    doc_title(d, "Danh sách", "cán bộ đến hạn bổ nhiệm lại, kéo dài thời gian giữ chức vụ");
    subtitle_date(d, arena_printf(a, "(%s; tính đến ngày %s)", u.name, on));
    list_due(c, &l);
  } else if (strcmp(list, "trainings") == 0) {
    OfficialList l;
    int year = year_of(c);
    if ((rc = trainings_fit(c, &u, year))) return rc;
    if ((rc = official_training_list(c->db, a, scope_from_legacy(c->scope), u.code, year, c->as_of, &l))) {
      if (rc == CB_EINVAL) c->res->why = "Năm phải từ 1900 đến 2200.";
      return rc;
    }
    d->title = arena_printf(a, "Danh sách cán bộ được cử đi đào tạo năm %d, %s", year, u.name);
    c->res->name = arena_printf(a, "danh-sach-dao-tao-%s-%d", u.code, year);
    c->res->key = arena_printf(a, "danh-sach/trainings/%s/%d", u.code, year);
    doc_title(d, "Danh sách", arena_printf(a, "cán bộ được cử đi đào tạo, bồi dưỡng năm %d", year));
    subtitle_date(d, arena_printf(a, "(%s; %d lượt)", u.name, l.nrows));
    list_trainings(c, &l);
  } else {
    int months = rq->months > 0 ? rq->months : 12;
    RetireRow *v;
    int n;
    if ((rc = structure_retirements(c->db, a, scope_from_legacy(c->scope), u.code, c->as_of, months, &v, &n))) return rc;
    d->title = arena_printf(a, "Danh sách cán bộ đến tuổi nghỉ hưu, %s", u.name);
    c->res->name = arena_printf(a, "danh-sach-nghi-huu-%s-%s", u.code, c->as_of);
    c->res->key = arena_printf(a, "danh-sach/retirements/%s/%s/%d", u.code, c->as_of, months);
    doc_title(d, "Danh sách", arena_printf(a, "cán bộ đến tuổi nghỉ hưu trong %d tháng", months));
    subtitle_date(d, arena_printf(a, "(%s; từ ngày %s; căn cứ Điều 169 Bộ luật Lao động 2019, Nghị định 135/2020/NĐ-CP)",
                                  u.name, on));
    list_retirements(c, v, n);
  }
  doc_signature(d, &c->head);
  return 0;
}

/* ---- the annual report ---- */

/* "15 lượt cao cấp lý luận chính trị, 3 lượt ..." of the programs with trainings; NULL when none. */
static const char *training_words(Arena *a, const AnnualReport *r, long *total) {
  Buf b = BUF_INIT;
  *total = 0;
  for (int i = 0; i < REPORT_N_PROGRAMS; i++) {
    if (!r->training[i]) continue;
    *total += r->training[i];
    if (b.len) buf_puts(&b, "; ");
    buf_printf(&b, "%s: %ld lượt", training_program_label(report_programs[i]), r->training[i]);
  }
  const char *s = b.len ? arena_strdup(a, b.p) : NULL;
  buf_free(&b);
  return s;
}

/*
** The appendix lists the year's trainings one by one up to this many; above it (a province's year holds tens of
** thousands: 67,343 at 1,000,000 cadres, a 10 MB PDF built in 16 s) it says how many there are and where the whole
** list is -- the report's Excel workbook, which writes them row by row (docs/DECISIONS.md).
*/
enum { DOC_TRAININGS_LISTED = 1000 };

int doc_kind_report(DocCtx *c) {
  const DocRequest *rq = c->rq;
  if (!nz(rq->unit)) {
    c->res->why = "Cần mã đơn vị (unit).";
    return CB_EINVAL;
  }
  Unit u;
  int rc = unit_find(c->db, c->a, scope_from_legacy(c->scope), rq->unit, &u);
  if (!rc) rc = doc_ctx_begin(c, u.path, "BC");
  if (rc) return rc;
  int year = year_of(c);
  AnnualReport r;
  if ((rc = report_annual_page(c->db, c->a, scope_from_legacy(c->scope), u.code, year, 0, DOC_TRAININGS_LISTED, &r))) {
    if (rc == CB_EINVAL) c->res->why = "Năm phải từ 1900 đến 2200.";
    return rc;
  }
  Doc *d = c->res->doc;
  Arena *a = c->a;
  d->title = arena_printf(a, "Báo cáo công tác cán bộ năm %d, %s", year, u.name);
  c->res->name = arena_printf(a, "bao-cao-%s-%d", u.code, year);
  c->res->key = arena_printf(a, "bao-cao/%s/%d", u.code, year);
  doc_head(d, &c->head);
  doc_title(d, "Báo cáo", arena_printf(a, "kết quả công tác cán bộ năm %d", year));
  doc_body_text(d, 0, arena_printf(a, "Thực hiện chương trình công tác năm %d, %s báo cáo kết quả công tác cán bộ của "
                                      "%s và các đơn vị trực thuộc như sau:",
                                   year, c->committee, u.name));
  doc_heading(d, "I. KẾT QUẢ THỰC HIỆN");
  doc_heading(d, "1. Công tác quy hoạch cán bộ");
  doc_body_text(d, 0, arena_printf(a, "Trong năm, đã bổ sung %ld đồng chí vào quy hoạch Ban Chấp hành và %ld đồng chí "
                                      "vào quy hoạch các chức danh chủ chốt; đưa ra khỏi quy hoạch %ld đồng chí (Ban "
                                      "Chấp hành) và %ld đồng chí (chức danh chủ chốt).",
                                   r.committee_added, r.key_added, r.committee_removed, r.key_removed));
  doc_heading(d, "2. Công tác đào tạo, bồi dưỡng");
  long total;
  const char *tw = training_words(a, &r, &total);
  doc_body_text(d, 0, tw ? arena_printf(a, "Cử %ld lượt cán bộ đi đào tạo, bồi dưỡng, trong đó: %s.", total, tw)
                         : "Trong năm không có lượt cán bộ nào được cử đi đào tạo, bồi dưỡng.");
  doc_heading(d, "3. Công tác luân chuyển, điều động");
  doc_body_text(d, 0, arena_printf(a, "Thực hiện luân chuyển, điều động %ld lượt cán bộ.", r.rotations));
  doc_heading(d, "4. Công tác bổ nhiệm");
  doc_body_text(d, 0, arena_printf(a, "Bổ nhiệm, bổ nhiệm lại, đề bạt %ld lượt cán bộ.", r.appointments));
  doc_heading(d, "II. TỔNG HỢP SỐ LIỆU");
  const double w[] = {0.08, 0.72, 0.20};
  const char *head[] = {"TT", "Nội dung", "Số lượng"};
  DocTable *t = grid(d, 3, w, head);
  const char *rows[][2] = {
      {"Bổ sung quy hoạch Ban Chấp hành", arena_printf(a, "%ld", r.committee_added)},
      {"Đưa ra khỏi quy hoạch Ban Chấp hành", arena_printf(a, "%ld", r.committee_removed)},
      {"Bổ sung quy hoạch chức danh chủ chốt", arena_printf(a, "%ld", r.key_added)},
      {"Đưa ra khỏi quy hoạch chức danh chủ chốt", arena_printf(a, "%ld", r.key_removed)},
      {"Cử đi đào tạo, bồi dưỡng (lượt)", arena_printf(a, "%ld", total)},
      {"Luân chuyển, điều động (lượt)", arena_printf(a, "%ld", r.rotations)},
      {"Bổ nhiệm, bổ nhiệm lại, đề bạt (lượt)", arena_printf(a, "%ld", r.appointments)},
  };
  for (int i = 0; i < 7; i++) {
    const char *cells[] = {arena_printf(a, "%d", i + 1), rows[i][0], rows[i][1]};
    DocRow *row = doc_row_texts(d, t, cells, 0, 0);
    row->cells[0].p[0]->align = row->cells[2].p[0]->align = DOC_CENTER;
  }
  doc_heading(d, "III. PHƯƠNG HƯỚNG NĂM TIẾP THEO");
  doc_body_text(d, 0, "Tiếp tục rà soát, bổ sung quy hoạch; cử cán bộ trong quy hoạch đi đào tạo, bồi dưỡng theo "
                      "tiêu chuẩn chức danh; thực hiện luân chuyển, điều động và bổ nhiệm đúng quy trình, quy định.");
  doc_signature(d, &c->head);
  /* the records behind the numbers, by section (the trainings only when the appendix can hold them) */
  bool list_trainings = r.training_total <= DOC_TRAININGS_LISTED;
  if (r.n_items > 0 || !list_trainings) {
    doc_page_break(d);
    DocPara *p = doc_para(d, DOC_CENTER, d->st->title);
    doc_run(d, p, DOC_B, "PHỤ LỤC");
    p = doc_para(d, DOC_CENTER, d->st->subtitle);
    p->after = 10;
    doc_run(d, p, DOC_I, arena_printf(a, "Danh sách các trường hợp (kèm theo Báo cáo năm %d)", year));
    const double w2[] = {0.07, 0.25, 0.38, 0.14, 0.16};
    const char *head2[] = {"TT", "Họ và tên", "Nội dung", "Ngày", "Số quyết định"};
    t = grid(d, 5, w2, head2);
    int stt = 0;
    for (int s = 0; s < RS_N; s++) {
      bool heading = false;
      if (s == RS_TRAINING && !list_trainings) {
        char n[32];
        doc_row_heading(d, t, report_section_label(RS_TRAINING));
        doc_row_heading(d, t, arena_printf(a, "%s lượt: danh sách đầy đủ trong tệp Excel của báo cáo năm %d (trang "
                                              "Báo cáo công tác cán bộ năm, nút Xuất Excel; mục Đào tạo).",
                                           vi_count(n, sizeof n, r.training_total), year));
        continue;
      }
      for (int i = 0; i < r.n_items; i++) {
        const ReportItem *x = &r.items[i];
        if ((int)x->section != s) continue;
        if (!heading) doc_row_heading(d, t, report_section_label(x->section)), heading = true;
        const char *what = x->section == RS_TRAINING ? arena_printf(a, "%s%s%s", training_program_label(x->kind),
                                                                    nz(x->title) ? ": " : "", nz(x->title) ? x->title : "")
                                                     : arena_printf(a, "%s%s%s", nz(x->title) ? x->title : "",
                                                                    nz(x->unit) ? ", " : "", nz(x->unit) ? x->unit : "");
        const char *cells[] = {arena_printf(a, "%d", ++stt), x->full_name, what, doc_date_vn(a, x->date),
                               nz(x->decision_no) ? x->decision_no : ""};
        doc_row_texts(d, t, cells, 0, 0)->cells[0].p[0]->align = DOC_CENTER;
      }
    }
  }
  return 0;
}

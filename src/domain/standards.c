/* Title standards, STD-1 (see standards.h). */
#include "domain/standards.h"
#include <string.h>
#include "core/date.h"

static const char *const DIM_LABELS[] = {"Trình độ chuyên môn", "Lý luận chính trị", "Quản lý nhà nước",
                                         "Tuổi bổ nhiệm lần đầu"};

const char *standards_dim_label(StdDim d) { return d >= STD_DEGREE && d <= STD_AGE ? DIM_LABELS[d] : ""; }

static bool eq(const char *a, const char *b) { return a && strcmp(a, b) == 0; }

const char *standards_program_for(StdDim d, const char *required) {
  switch (d) {
  case STD_DEGREE: return cadre_degree_rank(required) ? "degree" : NULL;
  case STD_LLCT:
    if (eq(required, "so_cap")) return "llct_so_cap";
    if (eq(required, "trung_cap")) return "llct_trung_cap";
    if (eq(required, "cao_cap") || eq(required, "cu_nhan")) return "llct_cao_cap";
    return NULL;
  case STD_QLNN:
    if (eq(required, "can_su") || eq(required, "chuyen_vien")) return "qlnn_cv";
    if (eq(required, "chuyen_vien_chinh")) return "qlnn_cvc";
    if (eq(required, "chuyen_vien_cao_cap")) return "qlnn_cvcc";
    return NULL;
  default: return NULL;
  }
}

typedef int (*RankFn)(const char *);
typedef const char *(*LabelFn)(const char *);

/* One level dimension: met when the cadre's rank reaches the minimum's. */
static void level_item(Arena *a, StdItem *it, StdDim d, const char *actual, const char *required, RankFn rank,
                       LabelFn label) {
  memset(it, 0, sizeof *it);
  it->dim = d;
  it->required = required;
  it->actual = actual && *actual ? actual : NULL;
  it->met = rank(actual) >= rank(required);
  it->program = it->met ? NULL : standards_program_for(d, required);
  const char *have = it->actual && *label(it->actual) ? label(it->actual) : "chưa có";
  it->message = arena_printf(a, "%s: %s %s yêu cầu %s", DIM_LABELS[d], have, it->met ? "≥" : "<", label(required));
}

static void age_item(Arena *a, StdItem *it, const Cadre *c, int max_age, const char *age_at) {
  memset(it, 0, sizeof *it);
  it->dim = STD_AGE;
  it->required_age = max_age;
  Date birth, at;
  char vn[16];
  if (!c->birth_date || date_parse(c->birth_date, &birth, DATE_PARTIAL) != 0 ||
      date_parse(age_at, &at, DATE_FULL) != 0) {
    it->actual_age = -1;
    it->met = false;
    it->message = arena_printf(a, "%s: không xác định được tuổi (ngày sinh không rõ); tối đa %d tuổi",
                               DIM_LABELS[STD_AGE], max_age);
    return;
  }
  it->actual_age = date_age_years(birth, at);
  it->met = it->actual_age <= max_age;
  it->message = arena_printf(a, "%s: %d tuổi vào ngày %s %s tối đa %d tuổi", DIM_LABELS[STD_AGE], it->actual_age,
                             date_vn(at, vn), it->met ? "≤" : ">", max_age);
}

void standards_check(Arena *a, const Cadre *c, const Title *t, const char *age_at, StdItem **out, int *n) {
  StdItem *v = arena_alloc(a, sizeof(StdItem) * 4);
  int k = 0;
  if (t->min_degree && cadre_degree_rank(t->min_degree))
    level_item(a, &v[k++], STD_DEGREE, c->degree, t->min_degree, cadre_degree_rank, cadre_degree_label);
  if (t->min_llct && cadre_llct_rank(t->min_llct))
    level_item(a, &v[k++], STD_LLCT, c->llct_level, t->min_llct, cadre_llct_rank, cadre_llct_label);
  if (t->min_qlnn && cadre_qlnn_rank(t->min_qlnn))
    level_item(a, &v[k++], STD_QLNN, c->qlnn_level, t->min_qlnn, cadre_qlnn_rank, cadre_qlnn_label);
  if (age_at && t->max_age_first > 0) age_item(a, &v[k++], c, t->max_age_first, age_at);
  *out = k ? v : NULL;
  *n = k;
}

int standards_gap_count(const StdItem *items, int n) {
  int gaps = 0;
  for (int i = 0; i < n; i++) gaps += !items[i].met;
  return gaps;
}

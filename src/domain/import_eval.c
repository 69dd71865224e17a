/*
** Import of evaluations and disciplines (see import_eval.h). The state kept
** across rows remembers each (organization, year) touched so that EVAL-2 is
** computed once per pair when the importer frees the state, inside the
** import's transaction (before its audit row and commit).
*/
#include "domain/import_eval.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/discipline.h"
#include "domain/evaluation.h"

static const char *const RATINGS[] = {"excellent", "good", "completed", "failed", NULL};
static const char *const FORMS[] = {"reprimand", "warning", "removal_from_post", "expulsion", "salary_demotion",
                                    "demotion", "dismissal_from_service", NULL};
static const char *const AUTHORITIES[] = {"party", "state", NULL};

const ImportCol IMPORT_EVAL_COLS[EV_NCOLS] = {
    {"cadre_code", 1, COL_REF, NULL, "cadres", 0, 0, "Mã cán bộ", NULL, NULL},
    {"year", 1, COL_INT, NULL, NULL, 1990, 2100, "Năm", "Năm đánh giá", NULL},
    {"rating", 1, COL_ENUM, RATINGS, NULL, 0, 0, "Xếp loại", "Mức xếp loại|Xếp loại chất lượng", evaluation_rating_label},
    {"score", 0, COL_INT, NULL, NULL, 0, 100, "Điểm", "Điểm đánh giá", NULL},
};

const ImportCol IMPORT_DISC_COLS[DI_NCOLS] = {
    {"cadre_code", 1, COL_REF, NULL, "cadres", 0, 0, "Mã cán bộ", NULL, NULL},
    {"form", 1, COL_ENUM, FORMS, NULL, 0, 0, "Hình thức kỷ luật", "Hình thức", discipline_form_label},
    {"authority", 1, COL_ENUM, AUTHORITIES, NULL, 0, 0, "Loại kỷ luật", "Thẩm quyền", discipline_authority_label},
    {"decision_date", 1, COL_DATE, NULL, NULL, 0, 0, "Ngày quyết định", "Ngày ký", NULL},
    {"decision_no", 0, COL_TEXT, NULL, NULL, 0, 0, "Số quyết định", "Quyết định", NULL},
    {"reason", 0, COL_TEXT, NULL, NULL, 0, 0, "Lý do", "Nội dung vi phạm", NULL},
};

typedef struct {
  Db *db;
  Arena *a;
  long long *org;
  int *year;
  int n, cap;
} EvalState;

/* Refresh EVAL-2 for every (organization, year) touched, then free the state. */
static int eval_state_finish(void *p) {
  EvalState *s = p;
  int rc = 0;
  for (int i = 0; i < s->n && rc == 0; i++) {
    Arena *a = arena_new();
    rc = evaluation_quota_refresh(s->db, a, s->org[i], s->year[i]);
    arena_free(a);
  }
  free(s->org);
  free(s->year);
  arena_free(s->a);
  free(s);
  return rc;
}

static void remember(EvalState *s, long long org, int year) {
  for (int i = s->n - 1; i >= 0; i--)
    if (s->org[i] == org && s->year[i] == year) return;
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 64;
    s->org = realloc(s->org, sizeof *s->org * (size_t)s->cap);
    s->year = realloc(s->year, sizeof *s->year * (size_t)s->cap);
    if (!s->org || !s->year) abort();
  }
  s->org[s->n] = org, s->year[s->n] = year, s->n++;
}

int import_eval_insert(ImportCtx *ic, char **v) {
  if (!ic->state) {
    EvalState *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->db = ic->db, s->a = arena_new();
    ic->state = s, ic->end_state = eval_state_finish;
  }
  Evaluation e = {.cadre_code = v[EV_CADRE], .year = atoi(v[EV_YEAR]), .rating = v[EV_RATING],
                  .score = v[EV_SCORE] ? atoi(v[EV_SCORE]) : -1};
  int rc = evaluation_insert(ic->db, ic->a, &e);
  if (rc == CB_EEXIST) {
    ic->err = arena_printf(ic->a, "đánh giá bị trùng: cán bộ \"%s\" đã có xếp loại năm %d", e.cadre_code,
                           e.year);
    ic->err_col = EV_YEAR;
    return CB_EINVAL;
  }
  long long org = 0;
  if (rc == 0) rc = evaluation_org_of(ic->db, e.cadre_id, &org);
  if (rc == 0) remember(ic->state, org, e.year);
  return rc;
}

int import_disc_insert(ImportCtx *ic, char **v) {
  Discipline d = {.cadre_code = v[DI_CADRE], .form = v[DI_FORM], .authority = v[DI_AUTHORITY],
                  .decision_date = v[DI_DATE], .decision_no = v[DI_DECISION], .reason = v[DI_REASON]};
  return discipline_insert(ic->db, ic->a, &d);
}

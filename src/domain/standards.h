/*
** Title standards, rule STD-1 (REGULATIONS.md "STD"): a cadre's degree,
** political theory (LLCT) and state management (QLNN) levels, and the age at
** first appointment, compared with the minimums of a title (titles.min_degree,
** min_llct, min_qlnn, max_age_first). Each dimension the title sets a minimum
** for gives one StdItem; an unmet one names the training program that closes
** it (trainings.program values of docs/IMPORT.md).
**
** Used by the eligibility checks (STD-1 / APPT-6) and by the training-need
** lists ("who should be sent to cao cấp LLCT next year"). Pure: no database.
*/
#ifndef CANBO_STANDARDS_H
#define CANBO_STANDARDS_H
#include <stdbool.h>
#include "core/arena.h"
#include "domain/cadre.h"
#include "domain/title.h"

typedef enum { STD_DEGREE = 0, STD_LLCT = 1, STD_QLNN = 2, STD_AGE = 3 } StdDim;

typedef struct {
  StdDim dim;
  bool met;
  const char *required;  /* level code of the minimum ("trung_cap"); NULL for STD_AGE */
  const char *actual;    /* the cadre's level code; NULL when the profile has none (or STD_AGE) */
  int required_age;      /* STD_AGE: the title's max_age_first */
  int actual_age;        /* STD_AGE: full years on the date; -1 when the birth date is unknown */
  const char *program;   /* unmet: the training program that closes the gap ("llct_cao_cap", "qlnn_cvc",
                            "degree"...); NULL when met or when no training can (age) */
  const char *message;   /* Vietnamese, e.g. "Lý luận chính trị: Sơ cấp < yêu cầu Trung cấp" (in `a`) */
} StdItem;

/* "Trình độ chuyên môn" | "Lý luận chính trị" | "Quản lý nhà nước" | "Tuổi bổ nhiệm lần đầu" (static). */
const char *standards_dim_label(StdDim d);
/*
** The training program that brings dimension d up to level `required`
** (llct: so_cap -> llct_so_cap, trung_cap -> llct_trung_cap, cao_cap/cu_nhan
** -> llct_cao_cap; qlnn: can_su/chuyen_vien -> qlnn_cv, chuyen_vien_chinh ->
** qlnn_cvc, chuyen_vien_cao_cap -> qlnn_cvcc; degree -> "degree"); NULL for
** STD_AGE or an unknown level. Static strings.
*/
const char *standards_program_for(StdDim d, const char *required);
/*
** Compare cadre c with title t. One item per dimension t has a minimum for,
** in the order degree, llct, qlnn, age; the age at first appointment is
** checked only when `age_at` (ISO date) is not NULL. Items and messages are
** allocated in `a`; *out is NULL when *n is 0. Never fails.
*/
void standards_check(Arena *a, const Cadre *c, const Title *t, const char *age_at, StdItem **out, int *n);
/* The number of unmet items of standards_check (0 = meets every standard). */
int standards_gap_count(const StdItem *items, int n);

#endif

/*
** The profile section "Đánh giá, kỷ luật" (pages_evaluation.c), shown by
** the profile page (pages_profile.c).
*/
#ifndef CANBO_PAGES_EVAL_H
#define CANBO_PAGES_EVAL_H
#include "core/http.h"

/*
** The profile section "Đánh giá, kỷ luật" of cadre `cadre_id` (code `code`):
** ratings by year and disciplines with their barred periods, and for
** officers the links to the forms. Writes into r->out; 0 or a CB_* code.
*/
int profile_eval_section(Req *r, long long cadre_id, const char *code);

#endif

/*
** Terms (nhiệm kỳ): the five-year terms of Party committees and planning
** pools, "2015-2020", "2020-2025", "2025-2030"... counted from 2015 in
** both directions. One place for the arithmetic that planning, eligibility,
** reviews, forecasts and the official lists share.
*/
#ifndef CANBO_TERM_H
#define CANBO_TERM_H
#include <stdbool.h>
#include "core/arena.h"

/* True for "YYYY-YYYY" whose second year is the first plus 5 (1945..2195). */
bool term_valid(const char *term);
/* The term containing date `date` (ISO, possibly partial, or DD/MM/YYYY), in `a`; NULL on a bad date. */
const char *term_of(Arena *a, const char *date);
/* The first day of a valid term ("2020-2025" -> "2020-01-01"), in `a`; NULL when not valid. */
const char *term_start(Arena *a, const char *term);
/* The term before a valid one ("2025-2030" -> "2020-2025"), in `a`; NULL when not valid. */
const char *term_previous(Arena *a, const char *term);
/*
** The terms the pages offer: from 2015-2020 to the term after the one
** containing `today` (ISO; 2025 when NULL or bad), oldest first, in `a`.
*/
void term_list(Arena *a, const char *today, const char ***out, int *n);

#endif

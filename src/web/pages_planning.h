/*
** What the planning pages share (pages_planning.c): the form that takes a
** member out of a pool, shown under each member of /quy-hoach and under each
** cadre the yearly review (/quy-hoach/ra-soat) says must leave.
*/
#ifndef CANBO_PAGES_PLANNING_H
#define CANBO_PAGES_PLANNING_H
#include <stdbool.h>
#include "core/http.h"
#include "domain/planning.h"

/*
** The remove form (POST /quy-hoach/dua-ra) of member m of pool p in `term`;
** k numbers its field ids on the page, `reason` fills the reason (NULL:
** empty), and to_review sends the officer back to the review of `review_date`
** rather than to the pool's page; `refill`: a refused POST of this very form,
** open with what was typed. Only for officers (the caller checks).
*/
void planning_remove_form(Req *r, const Pool *p, const PoolMember *m, const char *term, int k, const char *reason,
                          const char *review_date, bool refill);

/* The review of `term` on `date` (ISO) again, status `status`, saying at the top why a removal sent from its
   must-leave list was refused (pages_planning_review.c). */
void planning_review_refused(Req *r, int status, const char *term, const char *date, const char *why);

#endif

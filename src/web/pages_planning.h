/*
** Pieces shared by the planning, review and forecast pages
** (pages_planning.c, pages_planning_review.c, pages_forecast.c).
*/
#ifndef CANBO_PAGES_PLANNING_H
#define CANBO_PAGES_PLANNING_H
#include "core/http.h"
#include "domain/rules.h"
#include "domain/unit.h"

/* Today as ISO, in r->a. */
const char *plan_today(Req *r);
/* A <select> of units (tree-indented) named `name`; `all_label` adds an empty first option. */
void plan_unit_select(Req *r, const char *id, const char *name, const Unit *units, int nu, const char *cur,
                      const char *all_label);
/* A <select id=term name=term> of the terms 2015-2020 .. the next one. */
void plan_term_select(Req *r, const char *cur);
/* The findings as a table: rule, result, message (with its numbers), legal basis. */
void plan_findings_table(Req *r, const Findings *f);

#endif

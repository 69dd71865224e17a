/*
** Pieces of HTML forms that several pages share.
** Not for: whole forms (they belong to their page's file).
*/
#ifndef CANBO_FORMS_H
#define CANBO_FORMS_H
#include "core/http.h"
#include "domain/unit.h"

/*
** The <option>s of units u[0..n) (as unit_list returns them, in tree order),
** each name indented by its depth, value = unit code; the one whose code
** equals `sel` (may be NULL) is selected. Writes to r->out.
*/
void form_unit_options(Req *r, const Unit *u, int n, const char *sel);

#endif

/*
** Family relations among cadres (the 2C form's family section) and the REL
** rules: REL-1 (a head or deputy head and a spouse/parent/child/sibling in a
** personnel, accounting, treasurer or storekeeper post of the same unit) and
** REL-2 (relatives in the same unit's leadership; a relative of a nominee
** among those who propose or vote). Owned by the "appt" helper; the
** eligibility checks call relative_check().
*/
#ifndef CANBO_RELATIVE_H
#define CANBO_RELATIVE_H
#include "core/arena.h"
#include "core/db.h"
#include "domain/rules.h"

/*
** Add the REL-1 and REL-2 findings for cadre `cadre_id` taking title
** `title_id` in unit `unit_id` on `date` (ISO): pass findings when no
** relative conflicts, fail (REL-1) / warn (REL-2) naming each relative, the
** relation and the post. 0 or CB_EDB.
*/
int relative_check(Db *db, Findings *f, long long cadre_id, long long unit_id, long long title_id, const char *date);

#endif

/*
** Import kind `planning` (CONTRACT §3): the column list and the insert
** function used by importer_kinds.c's KINDS table. Each imported add is
** checked by eligibility_check at its date (the act itself excluded from the
** pool counts) and its findings are stored -- never refused for a rule
** (CONTRACT §1). A remove of someone not in the pool on that date, an add of
** someone already in it, or a malformed term is a data error of that line.
*/
#ifndef CANBO_IMPORT_PLANNING_H
#define CANBO_IMPORT_PLANNING_H
#include "domain/importer.h"

#define IMPORT_PLANNING_NCOLS 8
extern const ImportCol import_planning_cols[IMPORT_PLANNING_NCOLS];
/* Insert one validated row (values by column index of import_planning_cols). */
int import_planning_insert(ImportCtx *ic, char **v);

#endif

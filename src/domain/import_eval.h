/*
** Import kinds `evaluations` and `disciplines` (CONTRACT §3): their column
** lists and insert functions, listed in importer_kinds.c's KINDS table.
** Imported rows are checked and their findings stored (EVAL-3, EVAL-4 per
** rating; EVAL-2 once per organization and year after the last row; the DISC
** period per discipline) -- never refused for a rule. A cadre rated twice for
** one year is refused as data (the file or the database already has it).
*/
#ifndef CANBO_IMPORT_EVAL_H
#define CANBO_IMPORT_EVAL_H
#include "domain/importer.h"

enum { EV_CADRE, EV_YEAR, EV_RATING, EV_SCORE, EV_NCOLS };
enum { DI_CADRE, DI_FORM, DI_AUTHORITY, DI_DATE, DI_DECISION, DI_REASON, DI_NCOLS };

extern const ImportCol IMPORT_EVAL_COLS[EV_NCOLS];
extern const ImportCol IMPORT_DISC_COLS[DI_NCOLS];

/* Insert one validated row (ImportKind.insert). */
int import_eval_insert(ImportCtx *ic, char **v);
int import_disc_insert(ImportCtx *ic, char **v);

#endif

/*
** Import kinds `rotations`, `appointments` and `relatives` (CONTRACT §3):
** their column lists and insert functions, listed in importer_kinds.c's
** KINDS table. Each imported act is checked and its findings stored
** (subjects "rotation", "appointment", "relative"), never refused for a
** rule. An imported appointment records the act only: it creates no
** position (positions come from the positions file). A relation of a cadre
** to themself, or a pair already recorded (either direction), is refused as
** data.
*/
#ifndef CANBO_IMPORT_APPT_H
#define CANBO_IMPORT_APPT_H
#include "domain/importer.h"

enum { RO_CADRE, RO_KIND, RO_TO_UNIT, RO_DATE, RO_FROM_UNIT, RO_FROM_TITLE, RO_TO_TITLE, RO_DECISION, RO_MONTHS,
       RO_NCOLS };
enum { AP_CADRE, AP_KIND, AP_UNIT, AP_TITLE, AP_DATE, AP_DECISION, AP_SOURCE, AP_TERM, AP_NCOLS };
enum { RE_CADRE, RE_RELATIVE, RE_RELATION, RE_NCOLS };

extern const ImportCol IMPORT_ROTATION_COLS[RO_NCOLS];
extern const ImportCol IMPORT_APPOINTMENT_COLS[AP_NCOLS];
extern const ImportCol IMPORT_RELATIVE_COLS[RE_NCOLS];

/* Insert one validated row (ImportKind.insert). */
int import_rotation_insert(ImportCtx *ic, char **v);
int import_appointment_insert(ImportCtx *ic, char **v);
int import_relative_insert(ImportCtx *ic, char **v);

#endif

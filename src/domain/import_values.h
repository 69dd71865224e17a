/*
** Values and headers as boards write them (CONTRACT §8): the Vietnamese
** aliases of every enumerated value ("Đại học" = dai_hoc, "Nữ" = F,
** "Khiển trách" = reprimand...), helper headers (STT, a cadre's name and
** birth date in event files), and units, titles and cadres found by name
** (exact after vi_fold; ambiguous or unknown answers name the candidates).
**
** Not for: checking types and codes (importer.c), the column lists
** (importer_kinds.c and the import_*.c of each kind).
*/
#ifndef CANBO_IMPORT_VALUES_H
#define CANBO_IMPORT_VALUES_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/importer.h"

/*
** The stored code for enumerated value s of column col: a code of
** col->values in any case, or a Vietnamese alias of one of them compared
** after folding ("dai hoc", "ĐẠI HỌC" and "Đại học" all give dai_hoc), or the
** words the system shows for it (col->label_of). NULL when s is none of them.
*/
const char *import_enum_value(Arena *a, const ImportCol *col, const char *s);
/* The Vietnamese label of an enumerated code: the words the system shows (col->label_of), else the first alias
   ("Đại học"), else the code itself. Exports and templates write it. */
const char *import_enum_label(const ImportCol *col, const char *code);
/* The shortest accepted words for code (its label or an alias of 8 bytes or more; in `a`): a
   template's drop-down list when the labels pass Excel's 255 characters. */
const char *import_enum_short(Arena *a, const ImportCol *col, const char *code);
/* "M" / "F" for M, F, Nam, Nữ, nu, male, female... in any case; NULL otherwise. */
const char *import_gender(Arena *a, const char *s);
/* "1" / "0" for 1, 0, x, có, không, kiêm nhiệm...; NULL otherwise. */
const char *import_bool01(Arena *a, const char *s);

/* Header roles beside the kind's columns. */
enum { HELPER_NONE = 0, HELPER_STT, HELPER_NAME, HELPER_BIRTH };
/* The role of a folded header (header_key): STT / TT / Số thứ tự, a cadre's name, a birth date. */
int import_header_helper(const char *folded);

/* ---- finding units, titles and cadres by name ---- */

enum { NAMES_UNITS = 0, NAMES_TITLES = 1, NAMES_CADRES = 2 };

typedef struct ImportNames ImportNames;

/* A lookup over `db` limited to `scope` (units and cadres), built lazily per table; owned by arena a. */
ImportNames *import_names_new(Db *db, Arena *a, Scope scope);

/*
** Find value `s` (a name as written) among the names of `table`. `birth`
** (ISO date or NULL) narrows cadres of the same name; `level` (or NULL)
** narrows titles of the same name to those of a unit level. Returns the
** number of matches (0, 1, or more; CB_EDB on failure) and sets *code to
** the code when there is exactly one, else *candidates to a Vietnamese list
** of the candidates ("HX (Xã Hải Xuân), HY (Phường Hải Yên)" or for cadres
** with birth date and unit), or to close names when there are none.
*/
int import_names_find(ImportNames *ix, int table, const char *s, const char *birth, const char *level,
                      const char **code, const char **candidates);
/* The level of unit `code` known to the lookup (for titles by name), or NULL. */
const char *import_names_unit_level(ImportNames *ix, const char *code);

#endif

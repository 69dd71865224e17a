/*
** CSV import (CONTRACT §3): all or nothing. The whole file is parsed and
** every row checked first; every problem is collected as
** "FILE:LINE:COLUMN: message"; only a file without problems is written, in
** one transaction, with one audit row for the import.
*/
#ifndef CANBO_IMPORTER_H
#define CANBO_IMPORTER_H
#include <stddef.h>
#include "core/arena.h"
#include "core/db.h"

typedef struct {
  char **lines; /* "FILE:LINE:COLUMN: message", in file order (arena) */
  int n;
} ImportErrors;

/* True for the kinds this build imports (units, titles, cadres, positions, ...). */
int importer_kind_known(const char *kind);

/*
** The column tables shared by import and export (docs/IMPORT.md lists them).
** Each kind is a row of ImportKind; adding a kind is adding its column list,
** a row and an insert function in importer_kinds.c, and its SELECT in
** exporter.c.
*/
typedef enum {
  COL_TEXT,   /* trimmed, NFC */
  COL_CODE,   /* a key code: text without spaces or control characters */
  COL_DATE,   /* YYYY-MM-DD or DD/MM/YYYY, stored ISO */
  COL_PDATE,  /* also YYYY-MM, MM/YYYY, YYYY */
  COL_ENUM,   /* one of `values` (case-insensitive; stored as listed) */
  COL_INT,    /* integer in [min, max] */
  COL_BOOL01, /* 0 | 1 */
  COL_GENDER, /* M | F | Nam | Nữ, stored M | F */
  COL_REF,    /* a code in table `ref` (units | titles | cadres) */
} ColType;

typedef struct {
  const char *name;           /* English header name (CONTRACT §3) */
  int required;
  ColType type;
  const char *const *values;  /* COL_ENUM: NULL-terminated list */
  const char *ref;            /* COL_REF: "units" | "titles" | "cadres" */
  int min, max;               /* COL_INT bounds */
  const char *label;          /* Vietnamese label (xlsx header, first alias) */
  const char *aliases;        /* more accepted headers, '|'-separated, or NULL */
} ImportCol;

/* What insert functions get: the connection and a scratch arena. */
typedef struct ImportCtx {
  Db *db;
  Arena *a;                    /* freed every few hundred rows: nothing may outlive one insert */
  void *state;                 /* kept across rows by the insert function (prepared statements) */
  void (*free_state)(void *);  /* called once after the last row when state is set */
  /*
  ** An insert that refuses a row as data (e.g. removing from a planning pool
  ** someone who is not in it) returns CB_EINVAL and sets err (English, any
  ** arena) and err_col (the kind column to point at, -1 = column 1); the
  ** import then fails with that line instead of a database error.
  */
  const char *err;
  int err_col;
} ImportCtx;

typedef struct {
  const char *kind;    /* "units" */
  const char *label;   /* "Đơn vị" */
  const ImportCol *cols;
  int ncols;
  int key;             /* index of the unique key column, or -1 */
  const char *key_table;
  int from_col, to_col; /* a date range that must not run backwards, or -1 */
  /* Insert one validated row (values by column index, NULL when empty). */
  int (*insert)(struct ImportCtx *ic, char **v);
} ImportKind;

/* The kind named `kind`, or NULL. */
const ImportKind *importer_kind(const char *kind);
/* All kinds, in the order their files should be imported. */
const ImportKind *importer_kinds(int *n);

/*
** Import `len` bytes of CSV `data` as `kind`. `filename` is used in error
** lines. `actor` goes into the audit row. `scope` (a unit path or NULL)
** limits the units rows may refer to: a unit outside it is reported exactly
** like an unknown code. Titles are organisation-wide: with a scope, kind
** "titles" is CB_EPERM (nothing read or written). On success returns 0 and
** sets *count; CB_EINVAL with errs filled when the data is invalid (nothing
** written); CB_EDB otherwise.
*/
int importer_run(Db *db, Arena *a, const char *kind, const char *filename, const char *data, size_t len,
                 const char *actor, const char *scope, ImportErrors *errs, int *count);

#endif

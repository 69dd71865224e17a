/*
** CSV import (CONTRACT §3): all or nothing. The whole file is parsed and
** every row checked first; every problem is collected as
** "FILE:LINE:COLUMN: message"; only a file without problems is written, in
** one transaction, with one audit row for the import.
*/
#ifndef CANBO_IMPORTER_H
#define CANBO_IMPORTER_H
#include <stdbool.h>
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
  /* COL_ENUM: the words the system shows for a code (forms, profile, reports), or NULL. Always accepted on import,
     and the words exports and templates write, so that a board types what it reads (import_values.c). */
  const char *(*label_of)(const char *code);
} ImportCol;

/* What insert functions get: the connection and a scratch arena. */
typedef struct ImportCtx {
  Db *db;
  Arena *a;                    /* freed every few hundred rows: nothing may outlive one insert */
  void *state;                 /* kept across rows by the insert function (prepared statements) */
  /* Called once after the last row when state is set: the writes the kind put off, then state freed. 0, or an
     error that fails the import (after a refused row the import fails anyway: its error is not reported). */
  int (*end_state)(void *state);
  /*
  ** An insert that refuses a row as data (e.g. removing from a planning pool
  ** someone who is not in it) returns CB_EINVAL and sets err (English, any
  ** arena) and err_col (the kind column to point at, -1 = column 1); the
  ** import then fails with that line instead of a database error.
  */
  const char *err;
  int err_col;
  const char *actor;           /* who imports: the history rows of the records created */
  const char *file;            /* the file's name as given: their reason, "nhập tệp FILE" */
  bool bulk;                   /* a big load that fails as a whole (imp_write_rows): writes may be streamed */
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
  /* The check the forms and the API make of a text column's value (its length, a name's letters...), or NULL:
     NULL when fine (*out its stored form) or the Vietnamese message; a column it does not know passes as it is. */
  const char *(*text_check)(Arena *a, const char *col, const char *in, const char **out);
  /* The check the forms make of a row as a whole (values by column index, NULL when empty), or NULL: NULL when
     fine, else the Vietnamese words and *col the column to point at. Reported with the row's other errors. */
  const char *(*row_check)(Arena *a, char *const *v, int *col);
  /* Columns that together name one record, so that a file holds it once (a cadre's rating of a year), -1-ended, or
     NULL: a second row with the same values is refused naming the first row's line, with the file's other errors. */
  const int *same;
} ImportKind;

/* The kind named `kind`, or NULL. */
const ImportKind *importer_kind(const char *kind);
/* All kinds, in the order their files should be imported. */
const ImportKind *importer_kinds(int *n);

/*
** Import `len` bytes of CSV `data` as `kind`. `filename` is used in error
** lines. `actor` goes into the audit row. `scope` (a unit path or NULL)
** limits the units rows may refer to: a unit outside it is reported exactly
** like an unknown code. On success returns 0 and sets *count; CB_EINVAL with
** errs filled when the data is invalid (nothing written); CB_EDB otherwise.
** (Kept for callers of CONTRACT §3 files; importer_import takes every file.)
*/
int importer_run(Db *db, Arena *a, const char *kind, const char *filename, const char *data, size_t len,
                 const char *actor, const char *scope, ImportErrors *errs, int *count);

/* What to import (CONTRACT §8): any file boards keep, with the options of `canbo import` and the web import. */
typedef struct {
  const char *kind;
  const char *filename;  /* shown in error lines (FILE:LINE:COLUMN) */
  const char *path;      /* the file on disk, or NULL (an .xls upload then goes through a temporary file) */
  const char *data;      /* its bytes */
  size_t len;
  const char *actor;     /* audit */
  const char *scope;     /* unit path or NULL */
  const char *sheet;     /* --sheet NAME, NULL = the first sheet */
  int encoding;          /* --encoding (enc_parse_name), -1 = detect */
  bool dry_run;          /* check everything (inserts included, rolled back), write nothing */
  bool update;           /* --update: a cadre row whose code exists corrects that record (its history, reason
                            "nhập tệp FILE"; empty cells change nothing) instead of being an error */
  /*
  ** The web's column mapping: for file column i (0-based) the kind column
  ** name it holds, "" to leave the column out, NULL (or i >= nmapping) to
  ** guess from the header as usual.
  */
  const char *const *mapping;
  int nmapping;
  int preview;           /* data rows (after conversion) to keep in the result for a preview */
} ImportOpts;

typedef struct {
  int count;              /* rows imported (dry run: rows that would be) */
  const char *format;     /* "csv" | "xlsx" | "xls" */
  const char *sheet;      /* the sheet read, or NULL */
  const char *encoding;   /* "utf8" | "cp1258" | "tcvn3" | "vni" */
  const char *encoding_label; /* Vietnamese description of the encoding found */
  bool mojibake;          /* legacy text that Excel had re-saved as UTF-8 */
  char sep;               /* CSV separator found */
  int header_line;        /* line (row) of the header; 0 when none */
  int ncols;              /* header columns */
  const char **header;    /* their text (converted) */
  const char **field;     /* the kind column each went to; "" left out (STT, helper); NULL not placed */
  int unknown;            /* header columns not placed (the web then asks for the mapping) */
  int generated;          /* codes generated (no code column) */
  int created, updated, unchanged; /* rows that made a record, corrected one, or were the same (--update) */
  int npreview;
  char ***preview;        /* npreview rows of ncols cells */
  int *preview_line;
} ImportResult;

/*
** Import one file of `o->kind` (CSV, .xlsx, .xls; any encoding of §8), all
** or nothing. Fills *res (also on errors, as far as the file was read: the
** web shows the preview and mapping with the errors). Returns 0; CB_EINVAL
** with errs filled (nothing written); CB_EPERM for kind "titles" with a
** scope (titles are organisation-wide: an unscoped user imports them);
** CB_EDB on a database failure.
** Every error line is "FILE:LINE:COLUMN: message"; for a sheet LINE is the
** row number Excel shows and COLUMN the header name.
*/
int importer_import(Db *db, Arena *a, const ImportOpts *o, ImportResult *res, ImportErrors *errs);

/*
** Remember for the next file of `kind` that header text `header[i]` holds
** kind column `field[i]` ("" = leave out) -- the board's own headers, kept
** in table import_header_map. One audit row. 0 or CB_EDB.
*/
int importer_remember_mapping(Db *db, const char *actor, const char *kind, const char *const *header,
                              const char *const *field, int n);

#endif

/*
** The state of one import, shared by importer.c (reading, header, values)
** and importer_codes.c (codes, names, writing). Private to those two files.
*/
#ifndef CANBO_IMPORTER_INTERNAL_H
#define CANBO_IMPORTER_INTERNAL_H
#include <stdbool.h>
#include "core/csv.h"
#include "domain/import_values.h"
#include "domain/importer.h"

/* A small string -> int hash map in an arena. */
typedef struct {
  const char **keys;
  int *vals;
  size_t cap, n;
  Arena *a;
} Map;

void imap_init(Map *m, Arena *a, size_t hint);
/* Value of key, or -1 when absent. */
int imap_get(const Map *m, const char *key);
void imap_put(Map *m, const char *key, int val);
/* The index of kind column `name` ("full_name"), or -1. */
int imp_col_by_name(const ImportKind *k, const char *name);

typedef struct {
  char **v;             /* values by kind column index (NULL = empty) */
  const CsvRecord *rec; /* the row as read (sheet rows as records whose fields all sit on the row's line) */
  const char *birth;    /* helper "Ngày sinh" of an event file (ISO), or NULL */
  const char *name;     /* helper "Họ và tên" of an event file beside its code column (trimmed), or NULL */
  bool named_only;      /* the code cell was empty: the cadre column holds that name */
  bool update;          /* --update: the key code exists; the row corrects that record */
  int lacks;            /* partial update file (Imp.partial_update): 1 + a required column this row leaves empty
                           or the file lacks (an error only when the row's code is new), else 0 */
} Row;

typedef struct {
  int line, col;
  const char *colname; /* sheets: the header text (or a kind column's label) shown as COLUMN */
  char *msg;
} Err;

typedef struct {
  Db *db;
  Arena *a;
  const ImportKind *k;
  const ImportOpts *o;
  const char *file, *scope;
  bool sheet;           /* a workbook: COLUMN is the header name */
  const CsvRecord *header;
  int *colpos;          /* kind column -> file column (0-based), -1 when absent */
  int name_pos, birth_pos; /* helper columns of event files, -1 when absent */
  bool gen_codes;       /* the key column is absent: codes are generated */
  bool partial_update;  /* --update of cadres with a code column: other required columns may be absent or empty
                           (a row correcting a record changes only its non-empty cells); checked per new row */
  Row *rows;
  int nrows;
  Err *errs;
  int nerr, cap;
  Map keys;             /* key code -> row index (codes defined by this file) */
  Map refs[3];          /* units, titles, cadres: code -> 1 found in scope / 0 not */
  Map *enum_cache;      /* per kind column: raw value -> index in values, -2 invalid */
  ImportNames *names;
  int generated;
  int created, updated, unchanged;
} Imp;

void imp_err_at(Imp *im, int line, int col, char *msg);
/* The record field of kind column c in row r (NULL when the header lacks it). */
const CsvField *imp_field_of(const Imp *im, const Row *r, int c);
void imp_err_field(Imp *im, const Row *r, int c, char *msg);

/* Step 3 (importer_codes.c): generated codes, duplicates, references (codes or names). 0 or CB_EDB. */
int imp_check_codes(Imp *im);
/* Units: parent-first order of the rows, cycles reported. */
void imp_unit_order(Imp *im, int *order);
/* Step 4: everything in one transaction with its audit row (rolled back on a dry run). 0, CB_EINVAL, CB_EDB. */
int imp_write_rows(Imp *im, const int *order, const char *actor, const char *data, size_t len);

#endif

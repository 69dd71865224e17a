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
** Import `len` bytes of CSV `data` as `kind`. `filename` is used in error
** lines. `actor` goes into the audit row. `scope` (a unit path or NULL)
** limits the units rows may refer to: a unit outside it is reported exactly
** like an unknown code. On success returns 0 and sets *count; CB_EINVAL with
** errs filled when the data is invalid (nothing written); CB_EDB otherwise.
*/
int importer_run(Db *db, Arena *a, const char *kind, const char *filename, const char *data, size_t len,
                 const char *actor, const char *scope, ImportErrors *errs, int *count);

#endif

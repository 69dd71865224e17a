/*
** Export (`canbo export`, docs/canbo.1 and docs/IMPORT.md): the same columns as the import of the
** same kind, as csv, json or xlsx (Vietnamese header labels in xlsx). Rows
** are limited to `scope` (a unit path or NULL). Each export writes an audit row.
*/
#ifndef CANBO_EXPORTER_H
#define CANBO_EXPORTER_H
#include <stdio.h>
#include "core/arena.h"
#include "core/db.h"

typedef struct {
  const char *kind;   /* units | titles | cadres | positions | ... */
  const char *format; /* csv (default) | json | xlsx */
  const char *sort;   /* NULL, or "name" for people in Vietnamese name order */
  const char *scope;  /* unit path or NULL */
  const char *actor;  /* for the audit row */
  int people;         /* 1: csv/xlsx as people open them (BOM, Vietnamese labels, dd/mm/yyyy, enum labels,
                         names beside unit/title/cadre codes); 0: the import format (docs/IMPORT.md) */
} ExportReq;

/* True for kinds this build exports. */
int exporter_kind_known(const char *kind);
/*
** Write the export to the file at `path` (xlsx needs a real file; csv/json
** may use "-" for stdout). 0, CB_EINVAL (unknown kind/format), CB_EIO, CB_EDB.
*/
int exporter_run(Db *db, Arena *a, const ExportReq *req, const char *path, long *rows);

#endif

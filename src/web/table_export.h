/*
** A downloadable table (the planning review, the forecasts): rows of text
** cells sent as CSV (UTF-8 with BOM, RFC 4180) or xlsx (libxlsxwriter, bold
** frozen header). Used by the web handlers of planning and forecasts.
** Not for: the import/export kinds of CONTRACT §3 (domain/exporter.c).
*/
#ifndef CANBO_TABLE_EXPORT_H
#define CANBO_TABLE_EXPORT_H
#include "core/http.h"

typedef struct {
  const char **header; /* ncols labels */
  int ncols;
  const char ***rows;  /* nrows arrays of ncols cells (NULL = empty) */
  int nrows, cap;
} Table;

/* Start a table in r->a with the given header. */
void table_init(Req *r, Table *t, const char **header, int ncols);
/* Append a row of ncols cells (copied pointers; cells must live in r->a). */
void table_add(Req *r, Table *t, const char **cells);
/* True for "csv" and "xlsx". */
bool table_format_ok(const char *format);
/* Send t as `format` ("csv" | "xlsx") named `name`.<format>; audited as an export. */
void table_send(Req *r, const Table *t, const char *format, const char *name);

#endif

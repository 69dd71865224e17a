/*
** Downloads: every file canbo sends (CSV, xlsx, JSON files of exports,
** reports, lists and tables) goes through download_send -- the file is
** written to a temporary file, audited, and streamed from it by the server
** (never held whole in memory) with its content type and attachment name; on any error the answer
** is that error, never part of a file. Every CSV starts with a BOM except
** the import format (download_send_import_format). A Table is the common case: rows of
** text cells sent as CSV (UTF-8 with BOM, RFC 4180) or xlsx (bold frozen
** header), audited as an export.
** Not for: what the files hold (the domain writers: exporter.c,
** structure_export.c, official_lists.c, report_annual_xlsx.c, congress_xlsx.c).
*/
#ifndef CANBO_DOWNLOAD_H
#define CANBO_DOWNLOAD_H
#include <stdbool.h>
#include <stdio.h>
#include "core/http.h"

/* Writes `obj` as the whole file at `path` (libxlsxwriter, the exporter). 0 or a CB_* error. */
typedef int (*DownloadFile)(const void *obj, const char *path);
/* Writes `obj` to an open file (CSV). 0 or a CB_* error. */
typedef int (*DownloadStream)(const void *obj, FILE *f);
/* The audit row of the export, once the file is built. 0 or a CB_* error. */
typedef int (*DownloadAudit)(Req *r, const void *obj, const char *format);

typedef struct {
  const char *format;       /* "csv" | "xlsx" | "json": the content type */
  const char *filename;     /* the attachment's name with its extension, any UTF-8 (resp_attachment encodes it) */
  const void *obj;          /* what the writers write */
  DownloadFile to_file;     /* used for xlsx, and for any format when to_stream is NULL */
  DownloadStream to_stream; /* used for the other formats */
  DownloadAudit audit;      /* NULL when the writer audits itself (the exporter) or the file is not an export */
} Download;

/*
** Build d's file (the body: streamed from a temporary file), audit it, and set status 200,
** the content type and Content-Disposition: attachment. 0; or the error,
** already answered (resp_cb_error, nothing of the file left in the body).
*/
int download_send(Req *r, const Download *d);
/*
** As download_send, but a CSV goes out byte for byte as the writer wrote it
** (no BOM added): the import format of docs/IMPORT.md (/xuat/{kind}?raw=1).
** download_send puts one BOM before every CSV (people open it in Excel).
*/
int download_send_import_format(Req *r, const Download *d);
/*
** As download_send, but the body is the answer itself, not a file to save (no Content-Disposition): the JSON of
** a list asked with format=json, written to the temporary file and streamed from it like the other formats.
*/
int download_send_answer(Req *r, const Download *d);

typedef struct {
  const char **header; /* ncols labels */
  int ncols;
  const char ***rows;  /* nrows arrays of ncols cells (NULL = empty) */
  int nrows, cap;
  const char *name;    /* set by table_send: the audit's entity key */
} Table;

/* Start a table in r->a with the given header. */
void table_init(Req *r, Table *t, const char **header, int ncols);
/* Append a row of ncols cells (copied pointers; cells must live as long as r->a). */
void table_add(Req *r, Table *t, const char **cells);
/* True for "csv" and "xlsx". */
bool table_format_ok(const char *format);
/* Send t as `format` ("csv" | "xlsx") named `name`.<format> through download_send, audited as an export. */
void table_send(Req *r, Table *t, const char *format, const char *name);

#endif

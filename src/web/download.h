/*
** Downloads built on disk: libxlsxwriter (and some CSV writers) write a file,
** whose bytes then become the response body. Used by the export, report,
** structure, congress and table handlers.
** Not for: building the file (the domain writers, table_export.c).
*/
#ifndef CANBO_DOWNLOAD_H
#define CANBO_DOWNLOAD_H
#include <stdio.h>
#include "core/http.h"

/* Append the whole file at `path` to r->out. 0 or CB_EIO (r->out may hold part of it). */
int download_append_file(Req *r, const char *path);

/* A writer of one download format: xlsx writes the file at `path`, csv writes to `f`. */
typedef int (*DownloadXlsx)(const void *obj, const char *path);
typedef int (*DownloadCsv)(const void *obj, FILE *f);
/*
** Write `obj` as "xlsx" (through `xlsx`) or anything else (through `csv`) into a
** temporary file, append its bytes to r->out and remove the file. 0, the
** writer's error, or CB_EIO.
*/
int download_build(Req *r, const char *format, const void *obj, DownloadXlsx xlsx, DownloadCsv csv);
/* Status 200, the content type of "xlsx" or CSV, and Content-Disposition attachment `filename`. */
void download_headers(Req *r, const char *format, const char *filename);

#endif

/*
** Downloads built on disk: libxlsxwriter (and some CSV writers) write a file,
** whose bytes then become the response body. Used by the export, report,
** structure, congress and table handlers.
** Not for: building the file (the domain writers, table_export.c).
*/
#ifndef CANBO_DOWNLOAD_H
#define CANBO_DOWNLOAD_H
#include "core/http.h"

/* Append the whole file at `path` to r->out. 0 or CB_EIO (r->out may hold part of it). */
int download_append_file(Req *r, const char *path);

#endif

/*
** Uploads waiting for their column mapping on the web import (table
** import_uploads, schema 0016): the file as uploaded is kept under a random
** token for its user, one day at most, until it is imported or replaced.
** Working data, not a record: not audited (the import itself is).
*/
#ifndef CANBO_IMPORT_UPLOADS_H
#define CANBO_IMPORT_UPLOADS_H
#include <stddef.h>
#include "core/arena.h"
#include "core/db.h"

/* Keep `data` for `username`; *token gets a new random token (arena). Older uploads (> 1 day) are dropped. 0 or CB_EDB. */
int import_upload_save(Db *db, Arena *a, const char *username, const char *kind, const char *filename,
                       const char *data, size_t len, const char **token);
/* The upload `token` of `username` (another user's is not found). 0, CB_ENOTFOUND or CB_EDB. */
int import_upload_load(Db *db, Arena *a, const char *token, const char *username, const char **kind,
                       const char **filename, const char **data, size_t *len);
/* Forget the upload (after its import). */
void import_upload_drop(Db *db, const char *token);

#endif

/* Uploads waiting for their mapping (see import_uploads.h). */
#include "domain/import_uploads.h"
#include <sodium.h>
#include <string.h>
#include <time.h>
#include "core/err.h"

int import_upload_save(Db *db, Arena *a, const char *username, const char *kind, const char *filename,
                       const char *data, size_t len, const char **token) {
  unsigned char raw[16];
  char hex[33];
  randombytes_buf(raw, sizeof raw);
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
  char *b64 = arena_alloc(a, b64len);
  sodium_bin2base64(b64, b64len, (const unsigned char *)data, len, sodium_base64_VARIANT_ORIGINAL);
  if (db_begin(db) != 0) return CB_EDB;
  int rc = 0;
  char cutoff[32]; /* a day ago, in the created_at format */
  time_t day_ago = time(NULL) - 86400;
  struct tm tm;
  gmtime_r(&day_ago, &tm);
  strftime(cutoff, sizeof cutoff, "%Y-%m-%dT%H:%M:%SZ", &tm);
  DbStmt *st = db_prepare(db, "DELETE FROM import_uploads WHERE created_at < ? OR username = ?");
  if (!st) rc = CB_EDB;
  else {
    db_bind_text(st, 1, cutoff);
    db_bind_text(st, 2, username);
    if (db_step(st) < 0) rc = CB_EDB;
    db_finalize(st);
  }
  st = rc ? NULL
          : db_prepare(db, "INSERT INTO import_uploads(token, username, kind, filename, data, created_at) "
                           "VALUES (?, ?, ?, ?, ?, now_utc())");
  if (!st) rc = CB_EDB;
  else {
    db_bind_text(st, 1, hex);
    db_bind_text(st, 2, username);
    db_bind_text(st, 3, kind);
    db_bind_text(st, 4, filename);
    db_bind_text(st, 5, b64);
    if (db_step(st) < 0) rc = CB_EDB;
    db_finalize(st);
  }
  if (rc == 0 && db_commit(db) == 0) {
    *token = arena_strdup(a, hex);
    return 0;
  }
  db_rollback(db);
  return CB_EDB;
}

int import_upload_load(Db *db, Arena *a, const char *token, const char *username, const char **kind,
                       const char **filename, const char **data, size_t *len) {
  DbStmt *st = db_prepare(db, "SELECT kind, filename, data FROM import_uploads WHERE token = ? AND username = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, token ? token : "");
  db_bind_text(st, 2, username ? username : "");
  int rc = db_step(st);
  if (rc != DB_ROW) {
    db_finalize(st);
    return rc < 0 ? CB_EDB : CB_ENOTFOUND;
  }
  *kind = arena_strdup(a, db_text(st, 0));
  *filename = arena_strdup(a, db_text(st, 1));
  const char *b64 = db_text(st, 2);
  size_t n = strlen(b64), out = 0;
  unsigned char *bin = arena_alloc(a, n + 1);
  int bad = sodium_base642bin(bin, n + 1, b64, n, NULL, &out, NULL, sodium_base64_VARIANT_ORIGINAL);
  db_finalize(st);
  if (bad) return CB_EDB;
  *data = (const char *)bin;
  *len = out;
  return 0;
}

void import_upload_drop(Db *db, const char *token) {
  if (db_begin(db) != 0) return;
  DbStmt *st = db_prepare(db, "DELETE FROM import_uploads WHERE token = ?");
  if (st) {
    db_bind_text(st, 1, token);
    db_step(st);
    db_finalize(st);
  }
  if (db_commit(db) != 0) db_rollback(db);
}

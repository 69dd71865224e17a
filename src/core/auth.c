/* Users and passwords (see auth.h). Sessions, CSRF and rate limits: auth_session.c. */
#include "core/auth.h"
#include <sodium.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "core/audit.h"
#include "core/err.h"

static const char *const ROLES[][2] = {{"", ""}, {"viewer", "Xem"}, {"officer", "Chuyên viên"}, {"admin", "Quản trị"}};

Role auth_role_parse(const char *s) {
  for (int r = ROLE_VIEWER; s && r <= ROLE_ADMIN; r++)
    if (strcmp(s, ROLES[r][0]) == 0) return (Role)r;
  return ROLE_NONE;
}
const char *auth_role_name(Role r) { return r >= ROLE_VIEWER && r <= ROLE_ADMIN ? ROLES[r][0] : ""; }
const char *auth_role_label(Role r) { return r >= ROLE_VIEWER && r <= ROLE_ADMIN ? ROLES[r][1] : ""; }

int auth_user_add(Db *db, Arena *a, const char *actor, const char *username, const char *role,
                  const char *unit_code, const char *password) {
  if (db_begin(db) != 0) return CB_EDB;
  int rc = auth_user_insert(db, a, actor, username, role, unit_code, password);
  if (rc == 0) rc = db_commit(db);
  if (rc != 0) db_rollback(db);
  return rc;
}

int auth_user_insert(Db *db, Arena *a, const char *actor, const char *username, const char *role,
                     const char *unit_code, const char *password) {
  if (!username || !*username || strlen(username) > 64 || auth_role_parse(role) == ROLE_NONE || !password ||
      strlen(password) < 8)
    return CB_EINVAL;
  for (const char *p = username; *p; p++) /* names that are safe in paths, links and the audit log */
    if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-') return CB_EINVAL;
  if (sodium_init() < 0) return CB_EDB;
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return CB_EDB;
  long long unit_id = 0;
  if (unit_code && *unit_code) {
    DbStmt *st = db_prepare(db, "SELECT id FROM units WHERE code = ?");
    db_bind_text(st, 1, unit_code);
    if (st && db_step(st) == DB_ROW) unit_id = db_int(st, 0);
    db_finalize(st);
    if (!unit_id) return CB_ENOTFOUND;
  }
  DbStmt *st = db_prepare(db, "INSERT INTO users(username, pw_hash, role, unit_id, created_at) "
                              "VALUES(?, ?, ?, ?, now_utc())");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, username);
  db_bind_text(st, 2, hash);
  db_bind_text(st, 3, role);
  if (unit_id) db_bind_int(st, 4, unit_id);
  else db_bind_null(st, 4);
  int rc = db_run(st);
  if (rc == 0) {
    json_t *j = json_pack("{s:s, s:s, s:s?}", "username", username, "role", role, "unit", unit_code && *unit_code ? unit_code : NULL);
    char *after = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    rc = audit_log(db, actor, "create", "user", username, NULL, after);
    free(after);
    json_decref(j);
  }
  (void)a;
  return rc;
}

int auth_user_find(Db *db, Arena *a, const char *username, User *out) {
  DbStmt *st = db_prepare(db, "SELECT us.id, us.username, us.role, un.code, un.path, us.disabled FROM users us "
                              "LEFT JOIN units un ON un.id = us.unit_id WHERE us.username = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, username);
  int rc = db_step(st);
  if (rc == DB_ROW) {
    memset(out, 0, sizeof *out);
    out->id = db_int(st, 0);
    out->username = arena_strdup(a, db_text(st, 1));
    out->role = auth_role_parse(db_text(st, 2));
    out->unit_code = arena_strdup(a, db_text(st, 3));
    out->scope = arena_strdup(a, db_text(st, 4));
    out->disabled = db_int(st, 5) != 0;
  }
  db_finalize(st);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : CB_ENOTFOUND;
}

bool auth_password_ok(Db *db, const char *username, const char *password) {
  /* A fixed hash to verify against when the user does not exist, so timing does not tell. */
  static char dummy[crypto_pwhash_STRBYTES];
  if (sodium_init() < 0) return false;
  if (!dummy[0] && crypto_pwhash_str(dummy, "x-canbo-dummy-x", 15, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                     crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return false;
  char hash[crypto_pwhash_STRBYTES] = "";
  DbStmt *st = db_prepare(db, "SELECT pw_hash FROM users WHERE username = ?");
  if (!st) return false;
  db_bind_text(st, 1, username);
  bool found = db_step(st) == DB_ROW;
  if (found) snprintf(hash, sizeof hash, "%s", db_text(st, 0));
  db_finalize(st);
  if (!password) password = "";
  int ok = crypto_pwhash_str_verify(found ? hash : dummy, password, strlen(password));
  return found && ok == 0;
}

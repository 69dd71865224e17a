/* Managing users: the password policy, the list, role/scope/disable changes, passwords (see auth.h). */
#include <ctype.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/auth.h"
#include "core/err.h"

/*
** Passwords too common to allow (compared lower-cased), from the usual
** leaked-password lists and the ones Vietnamese offices pick.
*/
static const char *const COMMON[] = {
    "123456789012", "1234567890123", "12345678910", "123456789123", "password1234", "password12345",
    "passw0rd1234", "qwertyuiop12", "qwertyuiop123", "qwerty123456", "1qaz2wsx3edc", "abc123456789",
    "abcd12345678", "iloveyou1234", "admin1234567", "administrator", "adminadmin12", "welcome12345",
    "matkhau12345", "matkhau123456", "matkhaumoi123", "canbo1234567", "canbo12345678", "quantri12345",
    "anhyeuem1234", "anhyeuem12345", "vietnam12345", "vietnam123456", "hanoi1234567", "saigon123456",
    "letmein12345", "trustno12345", "football1234", "princess1234", "sunshine1234", "monkey123456",
    "dragon123456", "baseball1234", "superman1234", "master123456", "changeme1234", "zaq12wsxcde3",
    "asdfghjkl123", "zxcvbnm12345", "0123456789ab", "987654321012", "147258369123", "abcdefghijkl",
    "12341234abcd", "motday2ba4", "bantochuc123", "bantochuc2024", "bantochuc2025", "bantochuc2026",
};

/* True when s is one character repeated, or a run of consecutive characters (1234..., abcd...). */
static bool trivial(const char *s) {
  size_t n = strlen(s);
  bool same = true, up = true, down = true;
  for (size_t i = 1; i < n; i++) {
    same = same && s[i] == s[0];
    up = up && s[i] == s[i - 1] + 1;
    down = down && s[i] == s[i - 1] - 1;
  }
  return same || up || down;
}

static char *lower(const char *s, char *buf, size_t n) {
  size_t i = 0;
  for (; s[i] && i + 1 < n; i++) buf[i] = (char)tolower((unsigned char)s[i]);
  buf[i] = 0;
  return buf;
}

const char *auth_password_problem(const char *username, const char *password) {
  if (!password) password = "";
  size_t chars = 0;
  for (const unsigned char *p = (const unsigned char *)password; *p; p++) chars += (*p & 0xC0) != 0x80;
  if (chars < 12) return "Mật khẩu cần ít nhất 12 ký tự.";
  if (strlen(password) > 256) return "Mật khẩu dài quá 256 byte.";
  char pw[300], un[300];
  lower(password, pw, sizeof pw);
  lower(username ? username : "", un, sizeof un);
  if (*un && strstr(pw, un)) return "Mật khẩu không được chứa tên đăng nhập.";
  for (size_t i = 0; i < sizeof COMMON / sizeof COMMON[0]; i++)
    if (strcmp(pw, COMMON[i]) == 0) return "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.";
  if (trivial(pw)) return "Mật khẩu không được là một ký tự lặp lại hay một dãy liên tiếp.";
  return NULL;
}

int auth_user_list(Db *db, Arena *a, User **out, int *n) {
  DbStmt *st = db_prepare(db, "SELECT us.id, us.username, us.role, un.code, un.path, us.disabled, us.created_at "
                              "FROM users us LEFT JOIN units un ON un.id = us.unit_id ORDER BY us.username");
  if (!st) return CB_EDB;
  int cap = 16, cnt = 0, rc;
  User *v = arena_alloc(a, sizeof(User) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      User *w = arena_alloc(a, sizeof(User) * (size_t)cap * 2);
      memcpy(w, v, sizeof(User) * (size_t)cnt);
      v = w, cap *= 2;
    }
    User *u = &v[cnt++];
    u->id = db_int(st, 0);
    u->username = arena_strdup(a, db_text(st, 1));
    u->role = auth_role_parse(db_text(st, 2));
    u->unit_code = arena_strdup(a, db_text(st, 3));
    u->scope = arena_strdup(a, db_text(st, 4));
    u->disabled = db_int(st, 5) != 0;
    u->created_at = arena_strdup(a, db_text(st, 6));
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? CB_EDB : 0;
}

static char *user_json(const User *u) {
  json_t *j = json_pack("{s:s, s:s, s:s?, s:b}", "username", u->username, "role", auth_role_name(u->role), "unit",
                        u->unit_code, "disabled", u->disabled);
  char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(j);
  return s;
}

int auth_user_update(Db *db, Arena *a, const char *actor, const char *username, const char *role,
                     const char *unit_code, const int *disabled) {
  if (role && auth_role_parse(role) == ROLE_NONE) return CB_EINVAL;
  if (db_begin(db) != 0) return CB_EDB;
  User old, now;
  int rc = auth_user_find(db, a, username ? username : "", &old);
  long long unit_id = 0;
  if (!rc && unit_code && *unit_code) {
    DbStmt *st = db_prepare(db, "SELECT id FROM units WHERE code = ?");
    if (!st) rc = CB_EDB;
    else {
      db_bind_text(st, 1, unit_code);
      if (db_step(st) == DB_ROW) unit_id = db_int(st, 0);
      db_finalize(st);
      if (!unit_id) rc = CB_ENOTFOUND;
    }
  }
  bool self = actor && username && strcmp(actor, username) == 0;
  /* an admin's own scope is the organization's users and rules (PERM_ORG_ADMIN needs no unit): giving oneself a
     unit would lock oneself out as surely as dropping the role */
  bool own_unit = unit_code && strcmp(unit_code, old.unit_code ? old.unit_code : "") != 0;
  if (!rc && self && ((disabled && *disabled) || (role && auth_role_parse(role) != ROLE_ADMIN && old.role == ROLE_ADMIN) ||
                      own_unit))
    rc = CB_EPERM;
  if (!rc) {
    DbStmt *st = db_prepare(db, "UPDATE users SET role = coalesce(?1, role), "
                                "unit_id = CASE WHEN ?2 = 0 THEN unit_id WHEN ?2 = 1 THEN NULL ELSE ?3 END, "
                                "disabled = coalesce(?4, disabled), updated_at = now_utc() "
                                "WHERE id = ?5");
    if (!st) rc = CB_EDB;
    else {
      db_bind_text(st, 1, role);
      db_bind_int(st, 2, !unit_code ? 0 : !*unit_code ? 1 : 2);
      db_bind_int(st, 3, unit_id);
      if (disabled) db_bind_int(st, 4, *disabled ? 1 : 0);
      else db_bind_null(st, 4);
      db_bind_int(st, 5, old.id);
      rc = db_run(st);
    }
  }
  if (!rc) rc = auth_user_find(db, a, username, &now);
  bool changed = !rc && (now.role != old.role || now.disabled != old.disabled ||
                         strcmp(now.unit_code ? now.unit_code : "", old.unit_code ? old.unit_code : "") != 0);
  if (changed) {
    char *before = user_json(&old), *after = user_json(&now);
    rc = audit_log(db, actor, "update", "user", username, before, after);
    free(before), free(after);
    if (!rc) rc = auth_sessions_end(db, now.id, NULL);
  }
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int auth_user_set_password(Db *db, Arena *a, const char *actor, const char *username, const char *password,
                           const char *keep_token, const char **problem) {
  *problem = auth_password_problem(username, password);
  if (*problem) return CB_EINVAL;
  if (sodium_init() < 0) return CB_EDB;
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return CB_EDB;
  if (db_begin(db) != 0) return CB_EDB;
  User u;
  int rc = auth_user_find(db, a, username ? username : "", &u);
  if (!rc) {
    DbStmt *st = db_prepare(db, "UPDATE users SET pw_hash = ?, updated_at = now_utc() "
                                "WHERE id = ?");
    if (!st) rc = CB_EDB;
    else db_bind_text(st, 1, hash), db_bind_int(st, 2, u.id), rc = db_run(st);
  }
  if (!rc)
    rc = audit_log(db, actor, "password", "user", username, NULL,
                   actor && strcmp(actor, username) == 0 ? "{\"by\":\"self\"}" : "{\"by\":\"admin\"}");
  if (!rc) rc = auth_sessions_end(db, u.id, keep_token);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

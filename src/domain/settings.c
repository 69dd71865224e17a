/* Settings of one board's installation (see settings.h). */
#include "domain/settings.h"
#include <jansson.h>
#include <stdlib.h>
#include "core/audit.h"
#include "core/err.h"
#include "domain/unit.h"

const char *settings_get(Db *db, Arena *a, const char *key) {
  DbStmt *st = db_prepare(db, "SELECT value FROM settings WHERE key = ?");
  if (!st) return NULL;
  db_bind_text(st, 1, key);
  const char *v = db_step(st) == DB_ROW ? arena_strdup(a, db_text(st, 0)) : NULL;
  db_finalize(st);
  return v;
}

const char *settings_province_of(Db *db, Arena *a, const char *unit_path) {
  static const char *const PROVINCE[] = {"province", NULL};
  Unit u;
  return unit_nearest(db, a, unit_path, PROVINCE, &u) == 0 ? arena_strdup(a, u.name) : settings_get(db, a, "province");
}

int settings_set(Db *db, const char *actor, const char *key, const char *value) {
  DbStmt *st = value ? db_prepare(db, "INSERT INTO settings(key, value) VALUES(?1, ?2) "
                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                     : db_prepare(db, "DELETE FROM settings WHERE key = ?1");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, key);
  if (value) db_bind_text(st, 2, value);
  int rc = db_run(st);
  if (rc) return rc;
  json_t *j = json_pack("{s:s?}", "value", value);
  char *after = json_dumps(j, JSON_COMPACT);
  json_decref(j);
  rc = audit_log(db, actor, "update", "setting", key, NULL, after);
  free(after);
  return rc;
}

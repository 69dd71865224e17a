/* The history of the records (see record_history.h). */
#include "domain/record_history.h"
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/title.h"

int history_add(Db *db, const Editor *ed, long long cadre_id, const char *entity, long long entity_id,
                const char *action, const char *field, const char *old_value, const char *new_value,
                const char *effective_date, const char *reason) {
  DbStmt *st = db_prepare(db, "INSERT INTO record_history(cadre_id, entity, entity_id, action, field, old, new, "
                              "effective_date, reason, source, at, actor) "
                              "VALUES(?,?,?,?,?,?,?,?,?,?, now_utc(), ?)");
  if (!st) return CB_EDB;
  if (cadre_id > 0) db_bind_int(st, 1, cadre_id);
  else db_bind_null(st, 1);
  db_bind_text(st, 2, entity);
  db_bind_int(st, 3, entity_id);
  db_bind_text(st, 4, action);
  db_bind_text(st, 5, field);
  db_bind_text(st, 6, old_value);
  db_bind_text(st, 7, new_value);
  db_bind_text(st, 8, effective_date);
  db_bind_text(st, 9, reason);
  db_bind_text(st, 10, ed->source ? ed->source : "api");
  db_bind_text(st, 11, ed->actor ? ed->actor : "?");
  return db_run(st);
}

DbStmt *history_stmt_for_cadre(Db *db, long long cadre_id, int limit) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT h.id, h.entity_id, h.at, h.actor, h.entity, h.action, h.field, h.old, "
                              "h.new, h.effective_date, h.reason, h.source, t.name, u.name, u.level, p.start_date "
                              "FROM record_history h LEFT JOIN position_records p ON h.entity = 'position' AND "
                              "h.action <> 'create' AND p.id = h.entity_id LEFT JOIN titles t ON t.id = p.title_id "
                              "LEFT JOIN units u ON u.id = p.unit_id WHERE h.cadre_id = ? ORDER BY h.id DESC LIMIT ?");
  if (!st) return NULL;
  db_bind_int(st, 1, cadre_id);
  db_bind_int(st, 2, limit > 0 ? limit : LLONG_MAX); /* no limit (PostgreSQL refuses -1) */
  return st;
}

int history_for_cadre(Db *db, Arena *a, long long cadre_id, int limit, HistoryItem **out, int *n) {
  return history_read(history_stmt_for_cadre(db, cadre_id, limit), a, out, n);
}

int history_read(DbStmt *st, Arena *a, HistoryItem **out, int *n) {
  *out = arena_alloc(a, sizeof(HistoryItem));
  *n = 0;
  if (!st) return CB_EDB;
  int cap = 16, cnt = 0, rc;
  HistoryItem *v = arena_alloc(a, sizeof(HistoryItem) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      HistoryItem *w = arena_alloc(a, sizeof(HistoryItem) * (size_t)cap * 2);
      memcpy(w, v, sizeof(HistoryItem) * (size_t)cnt);
      v = w, cap *= 2;
    }
    HistoryItem *h = &v[cnt++];
    h->id = db_int(st, 0);
    h->entity_id = db_int(st, 1);
    const char **f[] = {&h->at, &h->by, &h->entity, &h->action, &h->field, &h->old_value, &h->new_value,
                        &h->effective_date, &h->reason, &h->source};
    for (int i = 0; i < 10; i++) *f[i] = arena_strdup(a, db_text(st, 2 + i));
    h->subject = NULL;
    if (db_text(st, 12)) {
      char d[16];
      h->subject = arena_printf(a, "%s, từ %s", title_display(a, db_text(st, 12), db_text(st, 13), db_text(st, 14)),
                                date_iso_to_vn(db_text(st, 15), d));
    }
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  *out = v;
  *n = cnt;
  return 0;
}

const char *history_action_label(const char *action) {
  if (!action) return "";
  if (strcmp(action, "create") == 0) return "Tạo mới";
  if (strcmp(action, "update") == 0) return "Sửa";
  if (strcmp(action, "void") == 0) return "Hủy";
  if (strcmp(action, "restore") == 0) return "Khôi phục";
  return action;
}

const char *history_code_named(Db *db, Arena *a, bool unit, const char *code) {
  DbStmt *st = unit ? db_prepare(db, "SELECT name FROM units WHERE code = ?")
                    : db_prepare(db, "SELECT name FROM titles WHERE code = ?");
  const char *out = code;
  if (st) {
    db_bind_text(st, 1, code);
    if (db_step(st) == DB_ROW) out = arena_printf(a, "%s (%s)", db_text(st, 0), code);
    db_finalize(st);
  }
  return out;
}

int record_set_void(Db *db, const char *table, long long id, const char *actor, const char *reason) {
  static const char *const TABLES[] = {"cadre_records",     "position_records",   "training_records",
                                       "evaluation_records", "discipline_records", "family_records"};
  bool known = false;
  for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0] && !known; i++) known = strcmp(table, TABLES[i]) == 0;
  if (!known) return CB_EINVAL;
  char sql[192]; /* the table is one of the literals above */
  if (reason)
    snprintf(sql, sizeof sql, "UPDATE %s SET voided_at = now_utc(), voided_by = ?, void_reason = ?, "
                              "version = version + 1 WHERE id = ?", table);
  else
    snprintf(sql, sizeof sql, "UPDATE %s SET voided_at = NULL, voided_by = NULL, void_reason = NULL, "
                              "version = version + 1 WHERE id = ?", table);
  DbStmt *st = db_prepare_trusted(db, sql);
  if (!st) return CB_EDB;
  int at = 1;
  if (reason) db_bind_text(st, at++, actor), db_bind_text(st, at++, reason);
  db_bind_int(st, at, id);
  return db_run(st);
}

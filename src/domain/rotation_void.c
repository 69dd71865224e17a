/*
** Voiding a rotation or transfer recorded in error (rotation.h rotation_void): what the act did to the cadre's file
** is read back from its history rows (source "act:rotation:ID": the post it started, the posts it ended, the unit it
** moved the cadre to) and undone in the same transaction, each undo with its own history row (source
** "undo:rotation:ID"); the act keeps its row, marked voided, and leaves the lists, the report, the exports and the
** documents. Refused when the file moved on since the act, so that an undo never overwrites a later change.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/cadre_edit.h"
#include "domain/position_edit.h"
#include "domain/record_history.h"
#include "domain/rotation.h"

/* One change the act made (a history row). */
typedef struct {
  const char *entity, *action, *field, *old, *new, *day;
  long long entity_id;
} ActRow;

/* The history rows of rotation `id` on cadre `cadre_id`, in order, into *out. 0 or CB_EDB. */
static int act_rows(Db *db, Arena *a, long long cadre_id, long long id, ActRow **out, int *n) {
  DbStmt *st = db_prepare(db, "SELECT entity, action, field, old, new, effective_date, entity_id FROM record_history "
                              "WHERE cadre_id = ?1 AND source = ?2 ORDER BY id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, arena_printf(a, "act:rotation:%lld", id));
  int rc, cap = 8;
  *n = 0;
  *out = arena_alloc(a, sizeof **out * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (*n == cap) {
      ActRow *w = arena_alloc(a, sizeof *w * (size_t)cap * 2);
      memcpy(w, *out, sizeof *w * (size_t)cap);
      *out = w, cap *= 2;
    }
    ActRow *r = &(*out)[(*n)++];
    const char **s[] = {&r->entity, &r->action, &r->field, &r->old, &r->new, &r->day};
    for (int i = 0; i < 6; i++) *s[i] = db_isnull(st, i) ? NULL : arena_strdup(a, db_text(st, i));
    r->entity_id = db_int(st, 6);
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

static bool is(const char *x, const char *y) { return x && y && strcmp(x, y) == 0; }

/* Is position `id` live (not voided)? And its end date now (arena; NULL when open). */
static bool post_live(Db *db, Arena *a, long long id, const char **end) {
  DbStmt *st = db_prepare(db, "SELECT end_date FROM positions WHERE id = ?");
  *end = NULL;
  if (!st) return false;
  db_bind_int(st, 1, id);
  bool live = db_step(st) == DB_ROW;
  if (live && !db_isnull(st, 0)) *end = arena_strdup(a, db_text(st, 0));
  db_finalize(st);
  return live;
}

/*
** Has the file moved on since the act in a way an undo would overwrite? The post it started must not have been ended
** since (by a later act or by hand: that end is the later change), and the cadre must still be in the unit it moved
** them to. Other corrections of the new post (its decision number...) do not stand in the way: the post goes with
** the act; a post voided since is gone already. The reason in Vietnamese, or NULL when the act can be undone.
*/
static const char *moved_on(Db *db, Arena *a, const Cadre *c, const ActRow *v, int n) {
  for (int i = 0; i < n; i++) {
    const ActRow *r = &v[i];
    if (is(r->entity, "position") && is(r->action, "create")) {
      const char *end;
      char vn[16];
      if (post_live(db, a, r->entity_id, &end) && end)
        return arena_printf(a, "chức vụ mới của lần này đã kết thúc ngày %s (một quyết định sau, hoặc sửa tay): hủy "
                               "quyết định sau đó, hoặc xóa ngày kết thúc của chức vụ",
                            date_iso_to_vn(end, vn));
    } else if (is(r->entity, "cadre") && is(r->field, "unit_code") && !is(c->unit_code, r->new)) {
      return arena_printf(a, "cán bộ đã chuyển sang đơn vị khác (%s) sau lần này: hủy hoặc sửa việc chuyển đó trước",
                          c->unit_name ? c->unit_name : c->unit_code);
    }
  }
  return NULL;
}


/* Undo each change (newest first), history source "undo:rotation:ID". 0 or an error. */
static int undo_rows(Db *db, Arena *a, const Editor *ed, long long cadre_id, const ActRow *v, int n,
                     const char *reason) {
  int rc = 0;
  for (int i = n - 1; !rc && i >= 0; i--) {
    const ActRow *r = &v[i];
    const char *end;
    bool live = is(r->entity, "position") && post_live(db, a, r->entity_id, &end);
    if (is(r->entity, "position") && is(r->action, "create")) {
      if (!live) continue; /* voided since: gone already */
      rc = record_set_void(db, "position_records", r->entity_id, ed->actor, reason);
      if (!rc) rc = history_add(db, ed, cadre_id, "position", r->entity_id, "void", NULL, NULL, NULL, NULL, reason);
    } else if (is(r->entity, "position") && is(r->field, "end_date")) {
      /* the post it ended opens again, unless voided or given another end since (then that later change stands) */
      if (live && is(end, r->new)) rc = position_end_in_tx(db, ed, cadre_id, r->entity_id, r->new, r->old, reason);
    } else if (is(r->entity, "cadre") && is(r->field, "unit_code") && r->day) {
      rc = cadre_set_dated_in_tx(db, a, ed, cadre_id, "unit_code", r->old, r->day, reason);
    }
  }
  return rc;
}

int rotation_void(Db *db, Arena *a, Scope scope, const char *actor, long long id, const char *reason,
                  const char **why) {
  *why = NULL;
  if (!reason || !*reason) return CB_EINVAL;
  DbStmt *st = db_prepare(db, "SELECT c.code, r.kind, r.date FROM rotations r JOIN cadres c ON c.id = r.cadre_id "
                              "WHERE r.id = ? AND r.voided_at IS NULL");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  const char *code = rc == DB_ROW ? arena_strdup(a, db_text(st, 0)) : NULL;
  const char *kind = rc == DB_ROW ? arena_strdup(a, db_text(st, 1)) : NULL;
  const char *date = rc == DB_ROW ? arena_strdup(a, db_text(st, 2)) : NULL;
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  Cadre c;
  if (!code || cadre_find(db, a, scope, code, &c) != 0) return CB_ENOTFOUND; /* none, or its cadre is not the user's */
  if (db_begin(db) != 0) return CB_EDB;
  ActRow *v;
  int n;
  rc = act_rows(db, a, c.id, id, &v, &n);
  if (!rc && (*why = moved_on(db, a, &c, v, n)) != NULL) rc = CB_ECONFLICT;
  Editor ed = {.actor = actor, .scope = scope_legacy(scope), .source = arena_printf(a, "undo:rotation:%lld", id)};
  const char *because = arena_printf(a, "Hủy %s nhập sai: %s", rotation_kind_label(kind), reason);
  if (!rc) rc = undo_rows(db, a, &ed, c.id, v, n, because);
  if (!rc) {
    st = db_prepare(db, "UPDATE rotations SET voided_at = now_utc(), voided_by = ?, void_reason = ? WHERE id = ?");
    if (!st) rc = CB_EDB;
    else {
      db_bind_text(st, 1, actor);
      db_bind_text(st, 2, reason);
      db_bind_int(st, 3, id);
      rc = db_run(st);
    }
  }
  if (!rc) {
    json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "cadre", c.code, "kind", kind, "date", date, "reason", reason);
    char *after = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    rc = audit_log(db, actor, "void", "rotation", arena_printf(a, "%lld", id), NULL, after);
    free(after);
  }
  if (!rc && db_commit(db) == 0) return 0;
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

/*
** Listing reorganization acts (see reorg.h): each act with its source and
** target units, for the unit page and the API. Read-only.
*/
#include <string.h>
#include "core/err.h"
#include "domain/reorg.h"

/* The units of act `id` with `role`, as Units (read through unit_find_id). */
static int act_units(Db *db, Arena *a, long long id, const char *role, const Unit **out, int *n) {
  DbStmt *st = db_prepare(db, "SELECT unit_id FROM reorg_units WHERE act_id = ? AND role = ? ORDER BY unit_id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  db_bind_text(st, 2, role);
  long long ids[64];
  int k = 0, rc;
  Unit *v = NULL;
  while ((rc = db_step(st)) == DB_ROW)
    if (k < 64) ids[k++] = db_int(st, 0);
  db_finalize(st);
  if (rc < 0) return rc;
  v = arena_alloc(a, sizeof *v * (size_t)(k ? k : 1));
  for (int i = 0; i < k; i++)
    if ((rc = unit_find_id(db, a, ids[i], &v[i]))) return rc;
  *out = v;
  *n = k;
  return 0;
}

static bool any_in_scope(const Unit *u, int n, Scope scope) {
  for (int i = 0; i < n; i++)
    if (scope_contains(scope, u[i].path)) return true;
  return false;
}

int reorg_list(Db *db, Arena *a, Scope scope, ReorgAct **out, int *n) {
  DbStmt *st = db_prepare(db, "SELECT id, kind, effective_date, decision_no, note, created_by, created_at "
                              "FROM reorg_acts ORDER BY effective_date DESC, id DESC");
  if (!st) return CB_EDB;
  int cap = 8, k = 0, rc;
  ReorgAct *v = arena_alloc(a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (k == cap) {
      ReorgAct *w = arena_alloc(a, sizeof *v * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)k);
      v = w, cap *= 2;
    }
    ReorgAct *r = &v[k++];
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->kind = arena_strdup(a, db_text(st, 1));
    r->date = arena_strdup(a, db_text(st, 2));
    r->decision_no = arena_strdup(a, db_text(st, 3));
    r->note = arena_strdup(a, db_text(st, 4));
    r->created_by = arena_strdup(a, db_text(st, 5));
    r->created_at = arena_strdup(a, db_text(st, 6));
  }
  db_finalize(st);
  if (rc < 0) return rc;
  int kept = 0;
  for (int i = 0; i < k; i++) {
    ReorgAct *r = &v[i];
    if ((rc = act_units(db, a, r->id, "source", &r->sources, &r->nsources)) ||
        (rc = act_units(db, a, r->id, "target", &r->targets, &r->ntargets)))
      return rc;
    if (any_in_scope(r->sources, r->nsources, scope) || any_in_scope(r->targets, r->ntargets, scope)) v[kept++] = *r;
  }
  *out = v;
  *n = kept;
  return 0;
}

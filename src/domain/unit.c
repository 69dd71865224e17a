/* Units: the organization tree (see unit.h). */
#include "domain/unit.h"
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"

const char *const UNIT_LEVELS[UNIT_NLEVELS + 1] = {"central", "province", "district", "commune", "grassroots", NULL};

static const char *const LEVELS[UNIT_NLEVELS][2] = {
    {"central", "Trung ương"}, {"province", "Cấp tỉnh"},   {"district", "Cấp huyện"},
    {"commune", "Cấp xã"},     {"grassroots", "Cơ sở"},
};

bool unit_level_valid(const char *level) {
  for (size_t i = 0; level && i < sizeof LEVELS / sizeof LEVELS[0]; i++)
    if (strcmp(level, LEVELS[i][0]) == 0) return true;
  return false;
}

const char *unit_level_label(const char *level) {
  for (size_t i = 0; level && i < sizeof LEVELS / sizeof LEVELS[0]; i++)
    if (strcmp(level, LEVELS[i][0]) == 0) return LEVELS[i][1];
  return "";
}

bool unit_path_in_scope(const char *path, const char *scope) {
  return !scope || (path && strncmp(path, scope, strlen(scope)) == 0);
}

#define UNIT_COLS "u.id, u.code, u.name, u.level, u.parent_id, p.code, u.path, u.locality, u.valid_from, u.valid_to"

static void read_unit(DbStmt *st, Arena *a, Unit *u) {
  memset(u, 0, sizeof *u);
  u->id = db_int(st, 0);
  u->code = arena_strdup(a, db_text(st, 1));
  u->name = arena_strdup(a, db_text(st, 2));
  u->level = arena_strdup(a, db_text(st, 3));
  u->parent_id = db_int(st, 4);
  u->parent_code = arena_strdup(a, db_text(st, 5));
  u->path = arena_strdup(a, db_text(st, 6));
  u->locality = arena_strdup(a, db_text(st, 7));
  u->valid_from = arena_strdup(a, db_text(st, 8));
  u->valid_to = arena_strdup(a, db_text(st, 9));
  int depth = -2;
  for (const char *p = u->path; p && *p; p++) depth += *p == '/';
  u->depth = depth < 0 ? 0 : depth;
}

int unit_insert(Db *db, Arena *a, Unit *u) {
  const char *parent_path = "/";
  if (u->parent_code && *u->parent_code) {
    Unit parent;
    if (unit_find(db, a, scope_all(), u->parent_code, &parent) != 0) return CB_ENOTFOUND;
    u->parent_id = parent.id;
    parent_path = parent.path;
  } else {
    u->parent_id = 0;
  }
  DbStmt *st = db_prepare(db, "INSERT INTO units(code, name, level, parent_id, locality, valid_from, valid_to) "
                              "VALUES(?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, u->code);
  db_bind_text(st, 2, u->name);
  db_bind_text(st, 3, u->level);
  if (u->parent_id) db_bind_int(st, 4, u->parent_id);
  else db_bind_null(st, 4);
  db_bind_text(st, 5, u->locality && *u->locality ? u->locality : NULL);
  db_bind_text(st, 6, u->valid_from && *u->valid_from ? u->valid_from : NULL);
  db_bind_text(st, 7, u->valid_to && *u->valid_to ? u->valid_to : NULL);
  int rc = db_run(st);
  if (rc) return rc;
  u->id = db_last_id(db);
  u->path = arena_printf(a, "%s%lld/", parent_path, u->id);
  st = db_prepare(db, "UPDATE units SET path = ?, sort_order = ? WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, u->path);
  db_bind_int(st, 2, u->id);
  db_bind_int(st, 3, u->id);
  return db_run(st);
}

/* Every unit from the database, in (sort_order, id) order (unit_list's rows, without the memo). */
static int unit_rows_read(Db *db, Arena *a, Unit **out, int *n) {
  DbStmt *st = db_prepare(db, "SELECT " UNIT_COLS " FROM units u LEFT JOIN units p ON p.id = u.parent_id "
                              "ORDER BY u.sort_order, u.id");
  if (!st) return CB_EDB;
  int cap = 64, cnt = 0, rc;
  Unit *v = arena_alloc(a, sizeof(Unit) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      Unit *w = arena_alloc(a, sizeof(Unit) * (size_t)cap * 2);
      memcpy(w, v, sizeof(Unit) * (size_t)cnt);
      v = w, cap *= 2;
    }
    read_unit(st, a, &v[cnt++]);
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? rc : 0;
}

/* Every unit as memoized (db_memo), and the same units by code for unit_find and by id for unit_find_id. */
typedef struct {
  Unit *v;
  int n;
  const Unit **by_code, **by_id;
  Arena *a;   /* the memo's arena, where unit_list puts the tree */
  Unit *tree; /* the units in unit_list's order (tree_order), ntree of them; NULL until unit_list asks */
  int ntree;
} UnitRows;

static int cmp_unit_code(const void *x, const void *y) {
  return strcmp((*(const Unit *const *)x)->code, (*(const Unit *const *)y)->code);
}

static int cmp_unit_id(const void *x, const void *y) {
  long long a = (*(const Unit *const *)x)->id, b = (*(const Unit *const *)y)->id;
  return a < b ? -1 : a > b;
}

static int unit_rows_load(Db *db, Arena *a, void **value) {
  UnitRows *l = arena_alloc(a, sizeof *l);
  *value = l;
  int rc = unit_rows_read(db, a, &l->v, &l->n);
  if (rc) return rc;
  l->by_code = arena_alloc(a, sizeof *l->by_code * (size_t)(l->n ? l->n : 1));
  l->by_id = arena_alloc(a, sizeof *l->by_id * (size_t)(l->n ? l->n : 1));
  for (int i = 0; i < l->n; i++) l->by_code[i] = l->by_id[i] = &l->v[i];
  cb_qsort(l->by_code, (size_t)l->n, sizeof *l->by_code, cmp_unit_code);
  cb_qsort(l->by_id, (size_t)l->n, sizeof *l->by_id, cmp_unit_id);
  l->a = a, l->tree = NULL, l->ntree = 0;
  return 0;
}

/*
** The unit like `key` in the memo -- of its id when by_id, else of its code -- (NULL: none), with *memoized;
** *memoized false when the memo cannot answer (in a write transaction, or it failed to load): the caller asks the
** database.
*/
static const Unit *memo_find(Db *db, const Unit *key, bool by_id, bool *memoized) {
  UnitRows *m;
  *memoized = db_memo(db, DB_MEMO_UNITS, unit_rows_load, (void **)&m) == 0 && m;
  if (!*memoized || (!by_id && !key->code)) return NULL;
  const Unit *const *hit = cb_bsearch(&key, by_id ? m->by_id : m->by_code, (size_t)m->n, sizeof *m->by_code,
                                      by_id ? cmp_unit_id : cmp_unit_code);
  return hit ? *hit : NULL;
}

int unit_find(Db *db, Arena *a, Scope scope, const char *code, Unit *out) {
  bool memoized;
  const Unit *m = memo_find(db, &(Unit){.code = code}, false, &memoized);
  if (memoized) { /* from the memo (every unit once per data version): no statement */
    if (!m || !scope_contains(scope, m->path)) return CB_ENOTFOUND;
    *out = *m; /* its strings are the memo's (db_memo: readable for the request) */
    return 0;
  }
  DbStmt *st = db_prepare(db, "SELECT " UNIT_COLS " FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.code = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  if (rc == DB_ROW) read_unit(st, a, out);
  db_finalize(st);
  if (rc < 0) return rc;
  if (rc != DB_ROW || !scope_contains(scope, out->path)) return CB_ENOTFOUND;
  return 0;
}

int unit_find_id(Db *db, Arena *a, long long id, Unit *out) {
  bool memoized;
  const Unit *m = memo_find(db, &(Unit){.id = id}, true, &memoized);
  if (memoized) { /* from the memo: no statement */
    if (!m) return CB_ENOTFOUND;
    *out = *m;
    return 0;
  }
  DbStmt *st = db_prepare(db, "SELECT " UNIT_COLS " FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  if (rc == DB_ROW) read_unit(st, a, out);
  db_finalize(st);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : CB_ENOTFOUND;
}

int unit_nearest(Db *db, Arena *a, const char *path, const char *const *levels, Unit *out) {
  long long ids[64]; /* a path's ids, the root first (a tree is a few levels deep) */
  int n = 0;
  for (const char *p = path; p && *p && n < 64;) {
    char *end;
    long long id = strtoll(p + (*p == '/'), &end, 10);
    if (end == p + (*p == '/')) break;
    ids[n++] = id;
    p = end;
  }
  for (int i = n - 1; i >= 0; i--) {
    int rc = unit_find_id(db, a, ids[i], out);
    if (rc == CB_EDB) return rc;
    for (int k = 0; !rc && levels[k]; k++)
      if (out->level && strcmp(out->level, levels[k]) == 0) return 0;
  }
  return CB_ENOTFOUND;
}

/* Tree order: sort siblings by (sort_order, name) recursively using paths. */
typedef struct {
  Unit *u;
  int n;
} UnitSet;

static int cmp_by_order(const void *x, const void *y) {
  const Unit *a = x, *b = y;
  return a->id < b->id ? -1 : a->id > b->id;
}

static void emit_children(UnitSet *all, long long parent, Unit *out, int *k, bool *done) {
  for (int i = 0; i < all->n; i++) {
    if (done[i] || all->u[i].parent_id != parent) continue;
    done[i] = true;
    out[(*k)++] = all->u[i];
    emit_children(all, all->u[i].id, out, k, done);
  }
}

/*
** v's cnt units (reordered in place) in unit_list's order into *out (in a): by id (the order they were created
** in), each unit followed by its children's subtrees; the roots are the units whose parent is not among them.
*/
static void tree_order(Arena *a, Unit *v, int cnt, Unit **out, int *n) {
  cb_qsort(v, (size_t)cnt, sizeof *v, cmp_by_order);
  Unit *sorted = arena_alloc(a, sizeof(Unit) * (size_t)(cnt ? cnt : 1));
  bool *done = arena_alloc(a, (size_t)(cnt ? cnt : 1));
  UnitSet all = {v, cnt};
  int k = 0;
  for (int i = 0; i < cnt; i++) {
    if (done[i]) continue;
    bool parent_listed = false;
    for (int j = 0; j < cnt && !parent_listed; j++) parent_listed = v[j].id == v[i].parent_id;
    if (parent_listed) continue;
    done[i] = true;
    sorted[k++] = v[i];
    emit_children(&all, v[i].id, sorted, &k, done);
  }
  *out = sorted;
  *n = k;
}

/*
** Issue 9 (the profile under load): every unit is read and put in order once per data version (core/db.h
** db_memo; the order on the first unit_list after a reload), and the scope applied here with the same prefix test
** as SCOPE_SQL: a scope is a subtree, which the whole tree's order lists together and in its own order. The units'
** strings are the memo's.
*/
int unit_list(Db *db, Arena *a, Scope scope, Unit **out, int *n) {
  UnitRows *m;
  int rc = db_memo(db, DB_MEMO_UNITS, unit_rows_load, (void **)&m);
  if (rc) return rc;
  const Unit *all;
  int nall;
  if (m && !m->tree) { /* once per data version, by the memo's owner (this connection's thread) */
    Unit *v = arena_alloc(m->a, sizeof *v * (size_t)(m->n ? m->n : 1));
    memcpy(v, m->v, sizeof *v * (size_t)m->n);
    tree_order(m->a, v, m->n, &m->tree, &m->ntree);
  }
  Unit *read;
  if (m) all = m->tree, nall = m->ntree;
  else if ((rc = unit_rows_read(db, a, &read, &nall)) != 0) return rc;
  else all = read;
  Unit *v = arena_alloc(a, sizeof(Unit) * (size_t)(nall ? nall : 1));
  int cnt = 0;
  for (int i = 0; i < nall; i++)
    if (scope_contains(scope, all[i].path)) v[cnt++] = all[i];
  if (!m) tree_order(a, v, cnt, out, n); /* read from the database: put in order here */
  else *out = v, *n = cnt;
  return 0;
}

bool unit_exists_on(const Unit *u, const char *date) {
  if (!date || !*date) return true;
  if (u->valid_from && *u->valid_from && strcmp(u->valid_from, date) > 0) return false;
  if (u->valid_to && *u->valid_to && strcmp(u->valid_to, date) < 0) return false;
  return true;
}

/*
** Units moved under another parent by a reorganization act effective after
** `date` (schema 0010, reorg_moves kind 'unit') had their old parent on that
** date: put it back. Acts newest first, so the earliest later act wins.
*/
static int parents_at(Db *db, Arena *a, Unit *v, int n, const char *date) {
  DbStmt *st = db_prepare(db, "SELECT m.old_id, m.from_unit_id, (SELECT code FROM units WHERE id = m.from_unit_id) "
                              "FROM reorg_moves m JOIN reorg_acts r ON r.id = m.act_id "
                              "WHERE m.kind = 'unit' AND r.effective_date > ? ORDER BY r.effective_date DESC, r.id DESC");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, date);
  int rc;
  while ((rc = db_step(st)) == DB_ROW)
    for (int i = 0; i < n; i++)
      if (v[i].id == db_int(st, 0)) {
        v[i].parent_id = db_int(st, 1);
        v[i].parent_code = arena_strdup(a, db_text(st, 2));
      }
  db_finalize(st);
  return rc < 0 ? rc : 0;
}

static void emit_at(Unit *v, int n, long long parent, int depth, Unit *out, int *k, bool *done) {
  for (int i = 0; i < n; i++) {
    if (done[i] || v[i].parent_id != parent) continue;
    done[i] = true;
    out[*k] = v[i];
    out[(*k)++].depth = depth;
    emit_at(v, n, v[i].id, depth + 1, out, k, done);
  }
}

int unit_list_at(Db *db, Arena *a, Scope scope, const char *date, Unit **out, int *n) {
  if (date && *date) {
    Date d;
    if (strlen(date) != 10 || date[4] != '-' || date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
  }
  Unit *v;
  int nv, rc = unit_list(db, a, scope, &v, &nv);
  if (rc || !date || !*date) {
    *out = v, *n = rc ? 0 : nv;
    return rc;
  }
  int k = 0;
  for (int i = 0; i < nv; i++)
    if (unit_exists_on(&v[i], date)) v[k++] = v[i];
  if ((rc = parents_at(db, a, v, k, date))) return rc;
  /* Tree order again, with the parents of that date; roots keep their depth. */
  Unit *sorted = arena_alloc(a, sizeof(Unit) * (size_t)(k ? k : 1));
  bool *done = arena_alloc(a, (size_t)(k ? k : 1));
  int m = 0;
  for (int i = 0; i < k; i++) {
    if (done[i]) continue;
    bool parent_listed = false;
    for (int j = 0; j < k && !parent_listed; j++) parent_listed = v[j].id == v[i].parent_id;
    if (parent_listed) continue;
    done[i] = true;
    sorted[m++] = v[i];
    emit_at(v, k, v[i].id, v[i].depth + 1, sorted, &m, done);
  }
  *out = sorted;
  *n = m;
  return 0;
}

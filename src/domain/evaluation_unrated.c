/*
** Who has no rating of a year (domain/evaluation.h): the units with unrated
** cadres from the count tables, and one unit's unrated cadres by name. The
** yearly evaluation page (/danh-gia) lists them so that a board sees what is
** left to enter; ratings follow the cadre's current unit, as the counts do.
*/
#include <string.h>
#include "core/err.h"
#include "core/scope.h"
#include "core/sort.h"
#include "domain/cadre.h"
#include "domain/evaluation.h"
#include "domain/unit.h"

/* Rows with their place in the tree's order (unit_list), for sorting. */
typedef struct {
  UnratedUnit u;
  int at;
} Placed;

/* A unit's id and its place in the tree's order: an array sorted by id, searched for each row. */
typedef struct {
  long long id;
  int at;
} IdAt;

static int cmp_at(const void *x, const void *y) {
  int a = ((const Placed *)x)->at, b = ((const Placed *)y)->at;
  return (a > b) - (a < b);
}

int evaluation_unrated_units(Db *db, Arena *a, Scope scope, const char *unit_path, int year, int limit,
                             UnratedUnit **out, int *n, long long *units_total, long long *people_total) {
  *out = NULL, *n = 0, *units_total = 0, *people_total = 0;
  /* home_counts' gender rows count every live cadre of a unit once; eval_counts the year's ratings of live cadres
     by the same current unit (a cadre is rated once a year): their difference is who is left */
  DbStmt *st = db_prepare(
      db, "SELECT u.code, u.name, u.level, h.n, coalesce(e.n, 0), u.id FROM units u "
          "JOIN (SELECT unit_id, sum(n) AS n FROM home_counts WHERE dim = 'gender' GROUP BY unit_id) h ON h.unit_id = u.id "
          "LEFT JOIN (SELECT unit_id, sum(n) AS n FROM eval_counts WHERE year = ?1 GROUP BY unit_id) e ON e.unit_id = u.id "
          "WHERE h.n > coalesce(e.n, 0) AND" SCOPE_SQL("u.path", 2) "AND" SCOPE_SQL("u.path", 3));
  if (!st) return CB_EDB;
  db_bind_int(st, 1, year);
  scope_bind(st, 2, scope);
  db_bind_text(st, 3, unit_path);
  /* every such unit (at most the units of the scope), put in the tree's order of every unit list, then the first */
  Unit *tree;
  int ntree = 0, rc = unit_list(db, a, scope, &tree, &ntree), cap = 64;
  if (rc) ntree = 0;
  IdAt *order = arena_alloc(a, sizeof *order * (size_t)(ntree + 1));
  for (int i = 0; i < ntree; i++) order[i] = (IdAt){tree[i].id, i};
  cb_qsort(order, (size_t)ntree, sizeof *order, cb_cmp_id);
  Placed *v = arena_alloc(a, sizeof *v * (size_t)cap);
  int m = 0;
  while ((rc = db_step(st)) == DB_ROW) {
    if (m == cap) {
      Placed *w = arena_alloc(a, sizeof *w * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)m);
      v = w, cap *= 2;
    }
    IdAt key = {db_int(st, 5), 0};
    const IdAt *hit = cb_bsearch(&key, order, (size_t)ntree, sizeof *order, cb_cmp_id);
    int at = hit ? hit->at : ntree;
    v[m++] = (Placed){{arena_strdup(a, db_text(st, 0)), arena_strdup(a, db_text(st, 1)), arena_strdup(a, db_text(st, 2)),
                       db_int(st, 3), db_int(st, 4)},
                      at};
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  cb_qsort(v, (size_t)m, sizeof *v, cmp_at);
  UnratedUnit *u = arena_alloc(a, sizeof *u * (size_t)(limit > 0 ? limit : 1));
  for (int i = 0; i < m; i++) {
    (*units_total)++;
    *people_total += v[i].u.cadres - v[i].u.rated;
    if (*n < limit) u[(*n)++] = v[i].u;
  }
  *out = u;
  return 0;
}

int evaluation_unrated_cadres(Db *db, Arena *a, long long unit_id, int year, int limit, UnratedCadre **out, int *n) {
  *out = NULL, *n = 0;
  /* cadres_unit_sort (unit_id, sort_key, code): the unit's people in name order, each probed for the year's rating */
  DbStmt *st = db_prepare(db, "SELECT c.id, c.code, c.full_name, c.birth_date FROM cadres c WHERE c.unit_id = ?1 "
                              "AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.cadre_id = c.id AND e.year = ?2) "
                              "ORDER BY c.sort_key, c.code LIMIT ?3");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, unit_id);
  db_bind_int(st, 2, year);
  db_bind_int(st, 3, limit);
  int cap = limit > 0 ? limit : 1, rc;
  UnratedCadre *v = arena_alloc(a, sizeof *v * (size_t)cap);
  Cadre *c = arena_alloc(a, sizeof *c * (size_t)cap);
  while (*n < cap && (rc = db_step(st)) == DB_ROW) { /* arena_alloc zeroed the cadres: only their ids are read */
    c[*n].id = db_int(st, 0);
    v[*n] = (UnratedCadre){arena_strdup(a, db_text(st, 1)), arena_strdup(a, db_text(st, 2)), arena_strdup(a, db_text(st, 3)),
                           NULL};
    (*n)++;
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  /* their headline titles, as every list shows them */
  if ((rc = cadre_titles_fill(db, a, c, *n)) != 0) return rc;
  for (int i = 0; i < *n; i++) v[i].title = c[i].current_title;
  *out = v;
  return 0;
}

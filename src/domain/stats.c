/* Headline statistics and per-unit counts (see stats.h). */
#include "domain/stats.h"
#include <stdio.h>
#include <string.h>
#include "core/err.h"

/* Partial birth dates padded to full ISO dates so they compare as strings. */
#define FULL_BIRTH                                                                          \
  "(CASE length(c.birth_date) WHEN 4 THEN c.birth_date || '-01-01' WHEN 7 THEN c.birth_date " \
  "|| '-01' ELSE c.birth_date END)"

int stats_headline(Db *db, Arena *a, Scope scope, const char *unit_code, Date today, Stats *out) {
  memset(out, 0, sizeof *out);
  const char *unit_path = NULL;
  if (unit_code && *unit_code) {
    Unit u;
    int rc = unit_find(db, a, scope, unit_code, &u);
    if (rc) return rc;
    unit_path = u.path;
  }
  /* Under 40 on `today` <=> born strictly after the same day 40 years earlier. */
  char cutoff[48];
  snprintf(cutoff, sizeof cutoff, "%04d-%02d-%02d", today.y - 40, today.m ? today.m : 1, today.d ? today.d : 1);
  DbStmt *st = db_prepare(db,
                          "SELECT count(*), "
                          "count(CASE WHEN c.gender = 'F' THEN 1 END), "
                          "count(CASE WHEN " FULL_BIRTH " > ?3 THEN 1 END), "
                          "count(CASE WHEN c.llct_level IS NULL OR c.llct_level = '' THEN 1 END), "
                          "count(CASE WHEN c.llct_level = 'so_cap' THEN 1 END), "
                          "count(CASE WHEN c.llct_level = 'trung_cap' THEN 1 END), "
                          "count(CASE WHEN c.llct_level IN ('cao_cap', 'cu_nhan') THEN 1 END) "
                          "FROM cadres c JOIN units u ON u.id = c.unit_id "
                          "WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "
                          "AND (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0'))");
  if (!st) return CB_EDB;
  scope_bind(st, 1, scope);
  db_bind_text(st, 2, unit_path);
  db_bind_text(st, 3, cutoff);
  int rc = db_step(st);
  if (rc == DB_ROW) {
    out->total = db_int(st, 0);
    out->women = db_int(st, 1);
    out->under40 = db_int(st, 2);
    out->llct_none = db_int(st, 3);
    out->llct_so_cap = db_int(st, 4);
    out->llct_trung_cap = db_int(st, 5);
    out->llct_cao_cap = db_int(st, 6);
  }
  db_finalize(st);
  return rc == DB_ROW ? 0 : CB_EDB;
}

int stats_unit_counts(Db *db, Arena *a, Scope scope, UnitCount **out, int *n) {
  Unit *units;
  int nu;
  int rc = unit_list(db, a, scope, &units, &nu);
  if (rc) return rc;
  UnitCount *v = arena_alloc(a, sizeof(UnitCount) * (size_t)(nu ? nu : 1));
  for (int i = 0; i < nu; i++) v[i].unit = units[i];
  DbStmt *st = db_prepare(db, "SELECT unit_id, count(*) FROM cadres GROUP BY unit_id");
  if (!st) return CB_EDB;
  while ((rc = db_step(st)) == DB_ROW) {
    long long id = db_int(st, 0), cnt = db_int(st, 1);
    for (int i = 0; i < nu; i++)
      if (v[i].unit.id == id) {
        v[i].direct = cnt;
        break;
      }
  }
  db_finalize(st);
  if (rc < 0) return rc;
  /* Subtree sums: a unit's path is a prefix of every descendant's path. */
  for (int i = 0; i < nu; i++) {
    size_t len = strlen(v[i].unit.path);
    for (int j = 0; j < nu; j++)
      if (strncmp(v[j].unit.path, v[i].unit.path, len) == 0) v[i].subtree += v[j].direct;
  }
  *out = v;
  *n = nu;
  return 0;
}

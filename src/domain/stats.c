/* Headline statistics and per-unit counts (see stats.h). */
#include "domain/stats.h"
#include <stdio.h>
#include <string.h>
#include "core/err.h"

/* Partial birth dates padded to full ISO dates so they compare as strings. */
#define FULL_BIRTH                                                                          \
  "(CASE length(c.birth_date) WHEN 4 THEN c.birth_date || '-01-01' WHEN 7 THEN c.birth_date " \
  "|| '-01' ELSE c.birth_date END)"

/* A unit's path in scope and, when not NULL, under the subtree ?2 (u = units). */
#define IN_SCOPE_AND_SUBTREE SCOPE_SQL("u.path", 1) "AND" SCOPE_SQL("u.path", 2)

/* The subtree path of unit_code within scope (NULL when no unit is asked); CB_ENOTFOUND outside the scope. */
static int subtree_of(Db *db, Arena *a, Scope scope, const char *unit_code, const char **path) {
  *path = NULL;
  if (!unit_code || !*unit_code) return 0;
  Unit u;
  int rc = unit_find(db, a, scope, unit_code, &u);
  if (!rc) *path = u.path;
  return rc;
}

/* Born strictly after `cutoff` (ISO day) <=> under 40 on the day 40 years later. */
static void under40_cutoff(Date today, char cutoff[48]) {
  snprintf(cutoff, 48, "%04d-%02d-%02d", today.y - 40, today.m ? today.m : 1, today.d ? today.d : 1);
}

int stats_headline_recount(Db *db, Arena *a, Scope scope, const char *unit_code, Date today, Stats *out) {
  memset(out, 0, sizeof *out);
  const char *unit_path;
  int rc = subtree_of(db, a, scope, unit_code, &unit_path);
  if (rc) return rc;
  char cutoff[48];
  under40_cutoff(today, cutoff);
  DbStmt *st = db_prepare(db,
                          "SELECT count(*), "
                          "count(CASE WHEN c.gender = 'F' THEN 1 END), "
                          "count(CASE WHEN " FULL_BIRTH " > ?3 THEN 1 END), "
                          "count(CASE WHEN c.llct_level IS NULL OR c.llct_level = '' THEN 1 END), "
                          "count(CASE WHEN c.llct_level = 'so_cap' THEN 1 END), "
                          "count(CASE WHEN c.llct_level = 'trung_cap' THEN 1 END), "
                          "count(CASE WHEN c.llct_level IN ('cao_cap', 'cu_nhan') THEN 1 END) "
                          "FROM cadres c JOIN units u ON u.id = c.unit_id WHERE " IN_SCOPE_AND_SUBTREE);
  if (!st) return CB_EDB;
  scope_bind(st, 1, scope);
  db_bind_text(st, 2, unit_path);
  db_bind_text(st, 3, cutoff);
  rc = db_step(st);
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

/* Add one row of the headline's sums (dimension, key, n) to the headline: the 'under40' row holds the cadres born in
   the years after the cutoff's and in the months of its year after its month (a key greater than the cutoff's 'YYYY'
   or 'YYYY-MM' means a padded birth date after the cutoff). */
static void add_row(Stats *out, const char *dim, const char *key, long long n) {
  if (strcmp(dim, "gender") == 0) {
    out->total += n;
    if (strcmp(key, "F") == 0) out->women += n;
  } else if (strcmp(dim, "llct") == 0) {
    if (!*key) out->llct_none += n;
    else if (strcmp(key, "so_cap") == 0) out->llct_so_cap += n;
    else if (strcmp(key, "trung_cap") == 0) out->llct_trung_cap += n;
    else if (strcmp(key, "cao_cap") == 0 || strcmp(key, "cu_nhan") == 0) out->llct_cao_cap += n;
  } else if (strcmp(dim, "under40") == 0) {
    out->under40 += n;
  }
}

/*
** From home_counts (schemas 0039, 0049: the live cadres per current unit by gender, llct level, birth month and birth
** year, kept by triggers), the same figures as stats_headline_recount: the units' rows summed; for under 40, the years
** after the cutoff's year, the months of its year after its month, and the cadres of the cutoff's own month born after
** the cutoff day, read through the birth-date index (a month's births). Only full dates of that month can be after the
** cutoff: a partial 'YYYY-MM' or 'YYYY' of it pads to its 1st.
*/
int stats_headline(Db *db, Arena *a, Scope scope, const char *unit_code, Date today, Stats *out) {
  memset(out, 0, sizeof *out);
  const char *unit_path;
  int rc = subtree_of(db, a, scope, unit_code, &unit_path);
  if (rc) return rc;
  char cutoff[48], month[8], next[32], year[8], next_year[16];
  under40_cutoff(today, cutoff);
  snprintf(month, sizeof month, "%.7s", cutoff);
  snprintf(year, sizeof year, "%.4s", cutoff);
  int y = today.y - 40, m = today.m ? today.m : 1;
  snprintf(next, sizeof next, "%04d-%02d", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
  snprintf(next_year, sizeof next_year, "%04d", y + 1);
  /* Each part a range of home_counts' key (unit, dimension, key): every birth month after the cutoff's was ~480 rows a
     unit (4 ms at the root of the 100,000 demo on SQLite, 2.7 ms on PostgreSQL); by years, ~50. A plan per execution
     on PostgreSQL: its one plan for every scope was a nested loop over the units. */
#define HOME_ROWS " FROM units u CROSS JOIN home_counts hc ON hc.unit_id = u.id WHERE " IN_SCOPE_AND_SUBTREE
  DbStmt *st = db_prepare(db, "SELECT x.dim, x.key, sum(x.n) FROM (SELECT hc.dim AS dim, hc.key AS key, hc.n AS n" HOME_ROWS
                              "AND hc.dim IN ('gender', 'llct') UNION ALL SELECT 'under40', '', hc.n" HOME_ROWS
                              "AND hc.dim = 'birth_year' AND hc.key > ?3 UNION ALL SELECT 'under40', '', hc.n" HOME_ROWS
                              "AND hc.dim = 'birth_month' AND hc.key > ?4 AND hc.key < ?5) x GROUP BY 1, 2");
#undef HOME_ROWS
  if (!st) return CB_EDB;
  scope_bind(st, 1, scope);
  db_bind_text(st, 2, unit_path);
  db_bind_text(st, 3, year);
  db_bind_text(st, 4, month);
  db_bind_text(st, 5, next_year);
  while ((rc = db_step(st)) == DB_ROW) add_row(out, db_text(st, 0), db_text(st, 1), db_int(st, 2));
  db_finalize(st);
  if (rc != DB_DONE) return CB_EDB;
  st = db_prepare(db, "SELECT count(*) FROM cadres c JOIN units u ON u.id = c.unit_id "
                      "WHERE c.birth_date > ?3 AND c.birth_date < ?4 AND substr(c.birth_date, 1, 7) = ?5 AND " IN_SCOPE_AND_SUBTREE);
  if (!st) return CB_EDB;
  scope_bind(st, 1, scope);
  db_bind_text(st, 2, unit_path);
  db_bind_text(st, 3, cutoff);
  db_bind_text(st, 4, next);
  db_bind_text(st, 5, month);
  rc = db_step(st);
  if (rc == DB_ROW) out->under40 += db_int(st, 0);
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
  /* home_counts (schema 0039): every live cadre is in exactly one gender row of their unit */
  DbStmt *st = db_prepare(db, "SELECT unit_id, sum(n) FROM home_counts WHERE dim = 'gender' GROUP BY unit_id");
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

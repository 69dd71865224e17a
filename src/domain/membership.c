/* Membership at a date (see membership.h): one statement per call. */
#include "domain/membership.h"
#include <string.h>
#include "core/date.h"
#include "core/err.h"

static bool full_date(const char *s) {
  Date d;
  return s && strlen(s) == 10 && date_parse(s, &d, DATE_FULL) == 0;
}

/* ?1 date, ?2 scope path, ?3 subtree path; rows (cadre_id, unit_id) by cadre id. */
#define MEMBER_SELECT                                                                               \
  "SELECT m.cadre_id, m.unit_id FROM (SELECT c.id AS cadre_id, " MEMBER_UNIT_SQL("c", "?1")          \
  " AS unit_id FROM cadres c WHERE " MEMBER_BORN_SQL("c", "?1") ") m JOIN units u ON u.id = m.unit_id " \
  "WHERE (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) "                                        \
  "AND (?3 IS NULL OR (u.path >= ?3 AND u.path < substr(?3, 1, length(?3) - 1) || '0')) ORDER BY m.cadre_id"

static void bind3(DbStmt *st, const char *date, const char *scope, const char *subtree) {
  db_bind_text(st, 1, date);
  db_bind_text(st, 2, scope && *scope ? scope : NULL);
  db_bind_text(st, 3, subtree && *subtree ? subtree : NULL);
}

int membership_list(Db *db, Arena *a, Scope scope, const char *subtree, const char *date, Member **out, int *n) {
  *out = arena_alloc(a, sizeof(Member));
  *n = 0;
  if (!full_date(date)) return CB_EINVAL;
  DbStmt *st = db_prepare(db, MEMBER_SELECT);
  if (!st) return CB_EDB;
  bind3(st, date, scope_legacy(scope), subtree);
  int cap = 256, cnt = 0, rc;
  Member *v = arena_alloc(a, sizeof(Member) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      Member *w = arena_alloc(a, sizeof(Member) * (size_t)cap * 2);
      memcpy(w, v, sizeof(Member) * (size_t)cnt);
      v = w, cap *= 2;
    }
    v[cnt].cadre_id = db_int(st, 0);
    v[cnt].unit_id = db_int(st, 1);
    cnt++;
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  *out = v;
  *n = cnt;
  return 0;
}

int membership_unit_of(Db *db, long long cadre_id, const char *date, long long *unit_id) {
  if (!full_date(date)) return CB_EINVAL;
  DbStmt *st = db_prepare(db, "SELECT " MEMBER_UNIT_SQL("c", "?1") " FROM cadres c WHERE c.id = ?2 AND "
                              MEMBER_BORN_SQL("c", "?1"));
  if (!st) return CB_EDB;
  db_bind_text(st, 1, date);
  db_bind_int(st, 2, cadre_id);
  int rc = db_step(st);
  if (rc == DB_ROW) *unit_id = db_int(st, 0);
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  return rc == DB_ROW ? 0 : CB_ENOTFOUND;
}

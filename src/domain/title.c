/* Titles (see title.h). */
#include "domain/title.h"
#include <string.h>
#include "core/err.h"

static bool in_list(const char *v, const char *const *list) {
  for (; v && *list; list++)
    if (strcmp(v, *list) == 0) return true;
  return false;
}

bool title_category_valid(const char *c) {
  static const char *const L[] = {"committee", "standing", "key", "leader", "other", NULL};
  return in_list(c, L);
}

bool title_function_valid(const char *f) {
  static const char *const L[] = {"party_secretary", "party_deputy_secretary", "pc_chairman", "pc_vice_chairman",
                                  "council_chairman", "head", "deputy_head", "personnel", "accounting",
                                  "treasurer", "storekeeper", "other", NULL};
  return in_list(f, L);
}

static const char *nz(const char *s) { return s && *s ? s : NULL; }

int title_insert(Db *db, Arena *a, Title *t) {
  DbStmt *st = db_prepare(db, "INSERT INTO titles(code, name, level, category, rank, function, min_llct, min_qlnn, "
                              "min_degree, max_age_first) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, t->code);
  db_bind_text(st, 2, t->name);
  db_bind_text(st, 3, t->level);
  db_bind_text(st, 4, t->category);
  db_bind_int(st, 5, t->rank);
  db_bind_text(st, 6, nz(t->function) ? t->function : "other");
  db_bind_text(st, 7, nz(t->min_llct));
  db_bind_text(st, 8, nz(t->min_qlnn));
  db_bind_text(st, 9, nz(t->min_degree));
  if (t->max_age_first > 0) db_bind_int(st, 10, t->max_age_first);
  else db_bind_null(st, 10);
  int rc = db_run(st);
  if (rc == 0) t->id = db_last_id(db);
  return rc;
}

#define TITLE_COLS "id, code, name, level, category, rank, function, min_llct, min_qlnn, min_degree, max_age_first"

static void read_title(DbStmt *st, Arena *a, Title *t) {
  t->id = db_int(st, 0);
  t->code = arena_strdup(a, db_text(st, 1));
  t->name = arena_strdup(a, db_text(st, 2));
  t->level = arena_strdup(a, db_text(st, 3));
  t->category = arena_strdup(a, db_text(st, 4));
  t->rank = (int)db_int(st, 5);
  t->function = arena_strdup(a, db_text(st, 6));
  t->min_llct = arena_strdup(a, db_text(st, 7));
  t->min_qlnn = arena_strdup(a, db_text(st, 8));
  t->min_degree = arena_strdup(a, db_text(st, 9));
  t->max_age_first = (int)db_int(st, 10);
}

int title_find(Db *db, Arena *a, const char *code, Title *out) {
  DbStmt *st = db_prepare(db, "SELECT " TITLE_COLS " FROM titles WHERE code = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  if (rc == DB_ROW) read_title(st, a, out);
  db_finalize(st);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : CB_ENOTFOUND;
}

int title_list(Db *db, Arena *a, Title **out, int *n) {
  DbStmt *st = db_prepare(db, "SELECT " TITLE_COLS " FROM titles ORDER BY "
                              "CASE level WHEN 'central' THEN 0 WHEN 'province' THEN 1 WHEN 'district' THEN 2 "
                              "WHEN 'commune' THEN 3 ELSE 4 END, rank DESC, code");
  if (!st) return CB_EDB;
  int cap = 32, cnt = 0, rc;
  Title *v = arena_alloc(a, sizeof(Title) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      Title *w = arena_alloc(a, sizeof(Title) * (size_t)cap * 2);
      memcpy(w, v, sizeof(Title) * (size_t)cnt);
      v = w, cap *= 2;
    }
    read_title(st, a, &v[cnt++]);
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? rc : 0;
}

/* Reads for the documents that no domain file offers yet (see doc_data.h). */
#include "domain/docs/doc_data.h"
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/position.h"
#include "domain/relative.h"
#include "domain/unit.h"

/* Order of relations in the family table (the form's order: parents, spouse, children, siblings). */
static int relation_order(const char *r) {
  static const char *const ORDER[] = {"parent", "spouse", "child", "child_in_law", "sibling", "parent_in_law",
                                      "sibling_in_law", NULL};
  for (int i = 0; ORDER[i]; i++)
    if (strcmp(r, ORDER[i]) == 0) return i;
  return 99;
}

/* The first letter of s in capitals when it is ASCII or a Vietnamese letter of 2 bytes we know ("vợ" -> "Vợ"). */
static const char *capitalise(Arena *a, const char *s) {
  if (!s || !*s) return "";
  if ((unsigned char)s[0] < 0x80) return arena_printf(a, "%c%s", s[0] >= 'a' && s[0] <= 'z' ? s[0] - 32 : s[0], s + 1);
  return arena_strdup(a, s);
}

const char *doc_post_on(Db *db, Arena *a, long long cadre_id, const char *date) {
  Position *p;
  int n;
  if (position_list_for_cadre(db, a, cadre_id, &p, &n) != 0) return NULL;
  for (int i = 0; i < n; i++) {
    if (p[i].concurrent) continue;
    bool open = !p[i].end_date || !*p[i].end_date;
    bool held = date ? strcmp(p[i].start_date ? p[i].start_date : "", date) <= 0 && (open || strcmp(p[i].end_date, date) >= 0)
                     : open;
    if (held)
      return arena_printf(a, "%s, %s", p[i].title_name ? p[i].title_name : "", p[i].unit_name ? p[i].unit_name : "");
  }
  return NULL;
}

int doc_relatives(Db *db, Arena *a, long long cadre_id, DocRelative **out, int *n) {
  *out = NULL;
  *n = 0;
  DbStmt *st = db_prepare(db, "SELECT r.relation, c.full_name, c.birth_date, c.gender, c.hometown, c.code, c.id, 0 "
                              "FROM relatives r JOIN cadres c ON c.id = r.relative_id WHERE r.cadre_id = ?1 "
                              "UNION ALL "
                              "SELECT r.relation, c.full_name, c.birth_date, c.gender, c.hometown, c.code, c.id, 1 "
                              "FROM relatives r JOIN cadres c ON c.id = r.cadre_id WHERE r.relative_id = ?1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  int cap = 0, rc;
  long long *ids = NULL;
  while ((rc = db_step(st)) == DB_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 8;
      DocRelative *v = arena_alloc(a, sizeof *v * (size_t)cap);
      long long *w = arena_alloc(a, sizeof *w * (size_t)cap);
      if (*n) memcpy(v, *out, sizeof *v * (size_t)*n), memcpy(w, ids, sizeof *w * (size_t)*n);
      *out = v, ids = w;
    }
    DocRelative *r = &(*out)[*n];
    const char *rel = db_text(st, 0);
    if (db_int(st, 7)) rel = relation_reverse(rel);
    if (!rel) continue;
    r->relation = arena_strdup(a, rel); /* db_text is valid only until the next step */
    r->label = capitalise(a, relation_label(rel, db_text(st, 3)));
    r->spouse_side = strcmp(rel, "parent_in_law") == 0 || strcmp(rel, "sibling_in_law") == 0;
    r->full_name = arena_strdup(a, db_text(st, 1));
    r->birth_date = arena_strdup(a, db_text(st, 2));
    r->hometown = arena_strdup(a, db_text(st, 4));
    r->code = arena_strdup(a, db_text(st, 5));
    ids[(*n)++] = db_int(st, 6);
  }
  db_finalize(st);
  if (rc != DB_DONE) return CB_EDB;
  for (int i = 0; i < *n; i++) (*out)[i].post = doc_post_on(db, a, ids[i], NULL);
  /* own side first, then by relation in the form's order, then by birth date */
  for (int i = 1; i < *n; i++) {
    DocRelative x = (*out)[i];
    int j = i - 1;
    for (; j >= 0; j--) {
      DocRelative *y = &(*out)[j];
      int c = (int)y->spouse_side - (int)x.spouse_side;
      if (!c) c = relation_order(y->relation) - relation_order(x.relation);
      if (!c) c = strcmp(y->birth_date ? y->birth_date : "", x.birth_date ? x.birth_date : "");
      if (c <= 0) break;
      (*out)[j + 1] = *y;
    }
    (*out)[j + 1] = x;
  }
  return 0;
}

int doc_rotation_get(Db *db, Arena *a, long long id, const char *scope, RotationRow *out,
                     const char **cadre_unit_path) {
  memset(out, 0, sizeof *out);
  DbStmt *st = db_prepare(db, "SELECT r.id, c.code, c.full_name, r.kind, fu.code, fu.name, tu.code, tu.name, "
                              "ft.name, tt.name, r.date, r.decision_no, r.planned_months, cu.path "
                              "FROM rotations r JOIN cadres c ON c.id = r.cadre_id JOIN units cu ON cu.id = c.unit_id "
                              "JOIN units tu ON tu.id = r.to_unit_id LEFT JOIN units fu ON fu.id = r.from_unit_id "
                              "LEFT JOIN titles ft ON ft.id = r.from_title_id LEFT JOIN titles tt ON tt.id = r.to_title_id "
                              "WHERE r.id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  if (rc == DB_ROW && unit_path_in_scope(db_text(st, 13), scope)) {
    out->id = db_int(st, 0);
    out->cadre_code = arena_strdup(a, db_text(st, 1));
    out->cadre_name = arena_strdup(a, db_text(st, 2));
    out->kind = arena_strdup(a, db_text(st, 3));
    out->from_unit_code = arena_strdup(a, db_text(st, 4));
    out->from_unit_name = arena_strdup(a, db_text(st, 5));
    out->to_unit_code = arena_strdup(a, db_text(st, 6));
    out->to_unit_name = arena_strdup(a, db_text(st, 7));
    out->from_title_name = arena_strdup(a, db_text(st, 8));
    out->to_title_name = arena_strdup(a, db_text(st, 9));
    out->date = arena_strdup(a, db_text(st, 10));
    out->decision_no = arena_strdup(a, db_text(st, 11));
    out->planned_months = (int)db_int(st, 12);
    *cadre_unit_path = arena_strdup(a, db_text(st, 13));
    rc = 0;
  } else {
    rc = rc == DB_ROW || rc == DB_DONE ? CB_ENOTFOUND : CB_EDB;
  }
  db_finalize(st);
  return rc;
}

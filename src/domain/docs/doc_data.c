/* Reads for the documents that no domain file offers yet (see doc_data.h). */
#include "domain/docs/doc_data.h"
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/position.h"
#include "domain/relative.h"
#include "domain/title.h"
#include "domain/unit.h"

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
      return title_display(a, p[i].title_name ? p[i].title_name : "", p[i].unit_name, NULL);
  }
  return NULL;
}


int doc_rotation_get(Db *db, Arena *a, Scope scope, long long id, RotationRow *out, const char **cadre_unit_path) {
  memset(out, 0, sizeof *out);
  DbStmt *st = db_prepare(db, "SELECT r.id, c.code, c.full_name, r.kind, fu.code, fu.name, tu.code, tu.name, "
                              "ft.name, tt.name, r.date, r.decision_no, r.planned_months, cu.path "
                              "FROM rotations r JOIN cadres c ON c.id = r.cadre_id JOIN units cu ON cu.id = c.unit_id "
                              "JOIN units tu ON tu.id = r.to_unit_id LEFT JOIN units fu ON fu.id = r.from_unit_id "
                              "LEFT JOIN titles ft ON ft.id = r.from_title_id LEFT JOIN titles tt ON tt.id = r.to_title_id "
                              "WHERE r.id = ? AND r.voided_at IS NULL");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  if (rc == DB_ROW && scope_contains(scope, db_text(st, 13))) {
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

/* Import kind `planning` (see import_planning.h). */
#include "domain/import_planning.h"
#include <string.h>
#include "core/err.h"
#include "domain/eligibility.h"
#include "domain/planning.h"
#include "domain/rules.h"

static const char *const ACTIONS[] = {"add", "remove", NULL};

enum { PL_TERM, PL_UNIT, PL_TITLE, PL_CADRE, PL_ACTION, PL_DATE, PL_DECISION, PL_REASON };
const ImportCol import_planning_cols[IMPORT_PLANNING_NCOLS] = {
    {"term", 1, COL_TEXT, NULL, NULL, 0, 0, "Nhiệm kỳ", "Nhiệm kỳ quy hoạch", NULL},
    {"unit_code", 1, COL_REF, NULL, "units", 0, 0, "Mã đơn vị", "Đơn vị", NULL},
    {"title_code", 1, COL_REF, NULL, "titles", 0, 0, "Mã chức danh", "Chức danh", NULL},
    {"cadre_code", 1, COL_REF, NULL, "cadres", 0, 0, "Mã cán bộ", NULL, NULL},
    {"action", 1, COL_ENUM, ACTIONS, NULL, 0, 0, "Thao tác", "Bổ sung/Đưa ra", NULL},
    {"date", 1, COL_DATE, NULL, NULL, 0, 0, "Ngày", "Ngày quyết định", NULL},
    {"decision_no", 0, COL_TEXT, NULL, NULL, 0, 0, "Số quyết định", "Quyết định", NULL},
    {"reason", 0, COL_TEXT, NULL, NULL, 0, 0, "Lý do", NULL, NULL},
};

/* The id of `code` in units / titles / cadres (which = 0 / 1 / 2), or 0 when absent. */
static long long id_of(Db *db, int which, const char *code) {
  DbStmt *st = which == 0   ? db_prepare(db, "SELECT id FROM units WHERE code = ?")
               : which == 1 ? db_prepare(db, "SELECT id FROM titles WHERE code = ?")
                            : db_prepare(db, "SELECT id FROM cadres WHERE code = ?");
  if (!st) return 0;
  db_bind_text(st, 1, code);
  long long id = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
  db_finalize(st);
  return id;
}

static int refuse(ImportCtx *ic, int col, const char *msg) {
  ic->err = msg;
  ic->err_col = col;
  return CB_EINVAL;
}

/* Check a stored add as of its date (itself excluded) and keep the findings. */
static int check_add(ImportCtx *ic, char **v, long long id, long long cadre_id) {
  EligReq er = {.purpose = PURPOSE_PLANNING, .cadre_code = v[PL_CADRE], .title_code = v[PL_TITLE],
                .unit_code = v[PL_UNIT], .date = v[PL_DATE], .term = v[PL_TERM], .exclude_planning_id = id};
  Findings f;
  int rc = eligibility_check(ic->db, ic->a, &er, &f);
  if (rc) return rc == CB_EDB ? CB_EDB : refuse(ic, PL_CADRE, "không kiểm tra được điều kiện quy hoạch của dòng này");
  return findings_store(ic->db, "planning", id, cadre_id, v[PL_DATE], &f);
}

int import_planning_insert(ImportCtx *ic, char **v) {
  if (!planning_term_valid(v[PL_TERM]))
    return refuse(ic, PL_TERM, arena_printf(ic->a, "nhiệm kỳ không hợp lệ \"%s\" (cần dạng YYYY-YYYY, "
                                                   "cách nhau 5 năm, ví dụ 2020-2025)", v[PL_TERM]));
  long long unit = id_of(ic->db, 0, v[PL_UNIT]), title = id_of(ic->db, 1, v[PL_TITLE]),
            cadre = id_of(ic->db, 2, v[PL_CADRE]);
  if (!unit || !title || !cadre) return CB_EDB; /* references were checked before the write */
  bool add = strcmp(v[PL_ACTION], "add") == 0;
  const char *since = NULL;
  int member = planning_is_member(ic->db, ic->a, v[PL_TERM], unit, title, cadre, v[PL_DATE], &since);
  if (member < 0) return CB_EDB;
  if (add && member)
    return refuse(ic, PL_CADRE,
                  arena_printf(ic->a, "cán bộ \"%s\" đã có trong nguồn quy hoạch %s / %s / %s (bổ sung ngày %s)",
                               v[PL_CADRE],
                               v[PL_TERM], v[PL_UNIT], v[PL_TITLE], since));
  if (!add && !member)
    return refuse(ic, PL_CADRE,
                  arena_printf(ic->a, "cán bộ \"%s\" không có trong nguồn quy hoạch %s / %s / %s vào ngày %s: "
                                      "không có gì để đưa ra",
                               v[PL_CADRE], v[PL_TERM], v[PL_UNIT], v[PL_TITLE], v[PL_DATE]));
  long long id;
  int rc = planning_insert_act(ic->db, v[PL_TERM], unit, title, cadre, v[PL_ACTION], v[PL_DATE], v[PL_DECISION],
                               v[PL_REASON], NULL, "import", &id);
  if (rc == 0 && add) rc = check_add(ic, v, id, cadre);
  return rc;
}

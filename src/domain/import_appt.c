/* Import of rotations, appointments and relatives (see import_appt.h). */
#include "domain/import_appt.h"
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/appointment.h"
#include "domain/cadre.h"
#include "domain/relative.h"
#include "domain/rotation.h"

static const char *const ROT_KINDS[] = {"rotation", "transfer", "secondment", "reinforcement", NULL};
static const char *const APPT_KINDS[] = {"appointment", "reappointment", "promotion", "nomination", "extension",
                                         "dismissal", NULL};
static const char *const SOURCES[] = {"internal", "external", NULL};
static const char *const RELATIONS[] = {"spouse", "parent", "child", "sibling", "parent_in_law", "child_in_law",
                                        "sibling_in_law", NULL};

const ImportCol IMPORT_ROTATION_COLS[RO_NCOLS] = {
    {"cadre_code", 1, COL_REF, NULL, "cadres", 0, 0, "Mã cán bộ", NULL, NULL},
    {"kind", 1, COL_ENUM, ROT_KINDS, NULL, 0, 0, "Hình thức", "Loại", rotation_kind_label},
    {"to_unit_code", 1, COL_REF, NULL, "units", 0, 0, "Đơn vị đến", "Nơi đến", NULL},
    {"date", 1, COL_DATE, NULL, NULL, 0, 0, "Ngày quyết định", "Ngày", NULL},
    {"from_unit_code", 0, COL_REF, NULL, "units", 0, 0, "Đơn vị đi", "Nơi đi", NULL},
    {"from_title_code", 0, COL_REF, NULL, "titles", 0, 0, "Chức danh nơi đi", NULL, NULL},
    {"to_title_code", 0, COL_REF, NULL, "titles", 0, 0, "Chức danh nơi đến", NULL, NULL},
    {"decision_no", 0, COL_TEXT, NULL, NULL, 0, 0, "Số quyết định", "Quyết định", NULL},
    {"planned_months", 0, COL_INT, NULL, NULL, 1, 240, "Thời gian dự kiến (tháng)", "Số tháng", NULL},
};

const ImportCol IMPORT_APPOINTMENT_COLS[AP_NCOLS] = {
    {"cadre_code", 1, COL_REF, NULL, "cadres", 0, 0, "Mã cán bộ", NULL, NULL},
    {"kind", 1, COL_ENUM, APPT_KINDS, NULL, 0, 0, "Hình thức", "Loại quyết định", appt_kind_label},
    {"unit_code", 1, COL_REF, NULL, "units", 0, 0, "Mã đơn vị", "Đơn vị", NULL},
    {"title_code", 1, COL_REF, NULL, "titles", 0, 0, "Mã chức danh", "Chức danh", NULL},
    {"decision_date", 1, COL_DATE, NULL, NULL, 0, 0, "Ngày quyết định", "Ngày ký", NULL},
    {"decision_no", 0, COL_TEXT, NULL, NULL, 0, 0, "Số quyết định", "Quyết định", NULL},
    {"source", 0, COL_ENUM, SOURCES, NULL, 0, 0, "Nguồn nhân sự", "Nguồn", NULL},
    {"term_years", 0, COL_INT, NULL, NULL, 1, 10, "Thời hạn (năm)", "Nhiệm kỳ", NULL},
};

const ImportCol IMPORT_RELATIVE_COLS[RE_NCOLS] = {
    {"cadre_code", 1, COL_REF, NULL, "cadres", 0, 0, "Mã cán bộ", NULL, NULL},
    {"relative_code", 1, COL_REF, NULL, "cadres", 0, 0, "Mã cán bộ là người thân", "Mã người thân", NULL},
    {"relation", 1, COL_ENUM, RELATIONS, NULL, 0, 0, "Quan hệ", "Quan hệ gia đình", NULL},
};

/* A refusal of the row as data (the importer reports it at this line). */
static int refuse(ImportCtx *ic, int col, const char *msg) {
  ic->err = msg;
  ic->err_col = col;
  return CB_EINVAL;
}

/* Map a domain error of a validated row: codes were checked, so only the database can fail. */
static int mapped(ImportCtx *ic, int rc) {
  if (rc == CB_ENOTFOUND) return refuse(ic, -1, "một mã trong dòng này không tồn tại");
  if (rc == CB_EINVAL) return refuse(ic, -1, "dòng này có giá trị không hợp lệ");
  return rc;
}

int import_rotation_insert(ImportCtx *ic, char **v) {
  RotationReq r = {.cadre_code = v[RO_CADRE], .kind = v[RO_KIND], .to_unit_code = v[RO_TO_UNIT], .date = v[RO_DATE],
                   .from_unit_code = v[RO_FROM_UNIT], .from_title_code = v[RO_FROM_TITLE],
                   .to_title_code = v[RO_TO_TITLE], .decision_no = v[RO_DECISION],
                   .planned_months = v[RO_MONTHS] ? atoi(v[RO_MONTHS]) : 0};
  if (r.from_unit_code && strcmp(r.from_unit_code, r.to_unit_code) == 0 &&
      (!r.from_title_code || !r.to_title_code || strcmp(r.from_title_code, r.to_title_code) == 0))
    return refuse(ic, RO_TO_UNIT,
                  "đơn vị đến (to_unit_code) trùng đơn vị đi (from_unit_code) mà chức danh không đổi; "
                  "cần đơn vị khác hoặc chức danh khác");
  long long id;
  Findings f;
  return mapped(ic, rotation_record(ic->db, ic->a, scope_all(), &r, "import", true, &id, &f));
}

int import_appointment_insert(ImportCtx *ic, char **v) {
  ApptReq r = {.cadre_code = v[AP_CADRE], .kind = v[AP_KIND], .unit_code = v[AP_UNIT], .title_code = v[AP_TITLE],
               .decision_date = v[AP_DATE], .decision_no = v[AP_DECISION], .source = v[AP_SOURCE],
               .term_years = v[AP_TERM] ? atoi(v[AP_TERM]) : 0};
  long long id;
  Findings f;
  return mapped(ic, appt_record(ic->db, ic->a, scope_all(), &r, "import", false, true, &id, &f));
}

int import_relative_insert(ImportCtx *ic, char **v) {
  if (strcmp(v[RE_CADRE], v[RE_RELATIVE]) == 0)
    return refuse(ic, RE_RELATIVE, "mã người thân (relative_code) trùng mã cán bộ (cadre_code)");
  Cadre a, b;
  int rc = cadre_find_record(ic->db, ic->a, scope_all(), v[RE_CADRE], false, &a); /* ids only: no headline title */
  if (!rc) rc = cadre_find_record(ic->db, ic->a, scope_all(), v[RE_RELATIVE], false, &b);
  if (rc) return mapped(ic, rc);
  long long id;
  rc = relative_insert(ic->db, a.id, b.id, v[RE_RELATION], &id);
  if (rc == CB_EEXIST)
    return refuse(ic, RE_RELATIVE,
                  arena_printf(ic->a, "%s và %s đã được ghi là người thân (quan hệ chiều ngược lại được tự suy ra)",
                               v[RE_CADRE], v[RE_RELATIVE]));
  if (rc) return mapped(ic, rc);
  char today[16];
  date_iso(date_today(), today);
  Findings f;
  findings_init(&f, ic->a);
  rc = relative_pair_check(ic->db, scope_all() /* both codes were scope-checked by the importer */, &f, a.id, b.id, today);
  if (!rc) rc = relative_pair_check(ic->db, scope_all() /* both codes were scope-checked by the importer */, &f, b.id, a.id, today);
  if (!rc) rc = findings_store(ic->db, "relative", id, a.id, today, &f);
  return rc;
}

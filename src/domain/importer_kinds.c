/*
** The per-kind column tables of import and export (CONTRACT §3) and the
** insert function of each kind. A column row says its English name, whether
** it is required, its type, the Vietnamese label (also accepted as header and
** used in xlsx) and further accepted header aliases.
**
** Adding a kind (planning, rotations, ...): a column list, an insert function
** taking the validated values by column index, a row in KINDS, and the SELECT
** in exporter.c. Validation (types, codes, duplicates) is generic
** (importer.c); nothing here checks values again.
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/cadre_fields.h"
#include "domain/discipline.h"
#include "domain/importer.h"
#include "domain/import_eval.h"
#include "domain/import_appt.h"
#include "domain/position.h"
#include "domain/position_edit.h"
#include "domain/record_kinds.h"
#include "domain/subrecord.h"
#include "domain/title.h"
#include "domain/training.h"
#include "domain/unit.h"
#include "domain/import_planning.h"

static const char *const CATEGORIES[] = {"committee", "standing", "key", "leader", "other", NULL};
static const char *const FUNCTIONS[] = {"party_secretary", "party_deputy_secretary", "pc_chairman", "pc_vice_chairman",
                                        "council_chairman", "head", "deputy_head", "personnel", "accounting",
                                        "treasurer", "storekeeper", "other", NULL};
static const char *const LLCT[] = {"so_cap", "trung_cap", "cao_cap", "cu_nhan", NULL};
static const char *const QLNN[] = {"can_su", "chuyen_vien", "chuyen_vien_chinh", "chuyen_vien_cao_cap", NULL};
static const char *const DEGREES[] = {"so_cap", "trung_cap", "cao_dang", "dai_hoc", "thac_si", "tien_si",
                                      "tien_si_khoa_hoc", NULL};
static const char *const PROGRAMS[] = {"llct_cao_cap", "llct_trung_cap", "llct_so_cap", "qlnn_cvcc", "qlnn_cvc",
                                       "qlnn_cv", "leadership_skills", "overseas_165", "degree", "other", NULL};
static const char *const STATUSES[] = {"registered", "studying", "completed", "dropped", NULL};

/* Column-row shorthands: name, required, label, aliases. */
#define TEXT(n, r, l, al) {n, r, COL_TEXT, NULL, NULL, 0, 0, l, al, NULL}
#define CODE(n, l, al) {n, 1, COL_CODE, NULL, NULL, 0, 0, l, al, NULL}
#define DATE(n, r, l, al) {n, r, COL_DATE, NULL, NULL, 0, 0, l, al, NULL}
#define ENUM(n, r, vals, l, al) {n, r, COL_ENUM, vals, NULL, 0, 0, l, al, NULL}
#define ENUML(n, r, vals, l, al, fn) {n, r, COL_ENUM, vals, NULL, 0, 0, l, al, fn}
#define INT(n, lo, hi, l, al) {n, 0, COL_INT, NULL, NULL, lo, hi, l, al, NULL}
#define REF(n, r, table, l, al) {n, r, COL_REF, NULL, table, 0, 0, l, al, NULL}

/* ---- units ---- */
enum { U_CODE, U_NAME, U_LEVEL, U_PARENT, U_LOCALITY, U_FROM, U_TO };
static const ImportCol UNIT_COLS[] = {
    CODE("code", "Mã đơn vị", "Mã"),
    TEXT("name", 1, "Tên đơn vị", "Tên"),
    ENUML("level", 1, UNIT_LEVELS, "Cấp", "Cấp đơn vị", unit_level_label),
    REF("parent_code", 0, "units", "Mã đơn vị cấp trên", "Đơn vị cấp trên|Mã cấp trên"),
    TEXT("locality", 0, "Địa bàn", "Địa phương"),
    DATE("valid_from", 0, "Hiệu lực từ ngày", "Hiệu lực từ"),
    DATE("valid_to", 0, "Hiệu lực đến ngày", "Hiệu lực đến"),
};

static int insert_unit(ImportCtx *ic, char **v) {
  Unit u = {.code = v[U_CODE], .name = v[U_NAME], .level = v[U_LEVEL], .parent_code = v[U_PARENT],
            .locality = v[U_LOCALITY], .valid_from = v[U_FROM], .valid_to = v[U_TO]};
  return unit_insert(ic->db, ic->a, &u);
}

/* ---- titles ---- */
enum { T_CODE, T_NAME, T_LEVEL, T_CATEGORY, T_RANK, T_FUNCTION, T_LLCT, T_QLNN, T_DEGREE, T_MAXAGE };
static const ImportCol TITLE_COLS[] = {
    CODE("code", "Mã chức danh", "Mã"),
    TEXT("name", 1, "Tên chức danh", "Tên"),
    ENUML("level", 1, UNIT_LEVELS, "Cấp", NULL, unit_level_label),
    ENUM("category", 1, CATEGORIES, "Nhóm chức danh", "Nhóm|Loại"),
    INT("rank", -1000, 1000, "Thứ bậc", NULL),
    ENUM("function", 0, FUNCTIONS, "Chức năng", NULL),
    ENUML("min_llct", 0, LLCT, "LLCT tối thiểu", NULL, cadre_llct_label),
    ENUML("min_qlnn", 0, QLNN, "QLNN tối thiểu", NULL, cadre_qlnn_label),
    ENUML("min_degree", 0, DEGREES, "Chuyên môn tối thiểu", NULL, cadre_degree_label),
    INT("max_age_first", 18, 80, "Tuổi tối đa lần đầu", NULL),
};

static int insert_title(ImportCtx *ic, char **v) {
  Title t = {.code = v[T_CODE], .name = v[T_NAME], .level = v[T_LEVEL], .category = v[T_CATEGORY],
             .rank = v[T_RANK] ? atoi(v[T_RANK]) : 0, .function = v[T_FUNCTION], .min_llct = v[T_LLCT],
             .min_qlnn = v[T_QLNN], .min_degree = v[T_DEGREE],
             .max_age_first = v[T_MAXAGE] ? atoi(v[T_MAXAGE]) : 0};
  return title_insert(ic->db, ic->a, &t);
}

/* ---- cadres ---- */
enum { C_CODE, C_NAME, C_GENDER, C_BIRTH, C_UNIT, C_HOMETOWN, C_BIRTHPLACE, C_ETHNICITY, C_RELIGION, C_PJOIN,
       C_POFFICIAL, C_EDUCATION, C_DEGREE, C_MAJOR, C_LLCT, C_QLNN, C_NOTES };
static const ImportCol CADRE_COLS[] = {
    CODE("code", "Mã cán bộ", "Mã|Số hiệu"),
    TEXT("full_name", 1, "Họ và tên", "Họ tên|Họ và tên khai sinh"),
    {"gender", 1, COL_GENDER, NULL, NULL, 0, 0, "Giới tính", NULL, NULL},
    {"birth_date", 1, COL_PDATE, NULL, NULL, 0, 0, "Ngày sinh", "Ngày tháng năm sinh", NULL},
    REF("unit_code", 1, "units", "Mã đơn vị", "Đơn vị"),
    TEXT("hometown", 0, "Quê quán", NULL),
    TEXT("birthplace", 0, "Nơi sinh", NULL),
    TEXT("ethnicity", 0, "Dân tộc", NULL),
    TEXT("religion", 0, "Tôn giáo", NULL),
    DATE("party_join_date", 0, "Ngày vào Đảng", NULL),
    DATE("party_official_date", 0, "Ngày chính thức", "Ngày vào Đảng chính thức"),
    TEXT("education", 0, "Giáo dục phổ thông", "Trình độ phổ thông"),
    ENUML("degree", 0, DEGREES, "Trình độ chuyên môn", NULL, cadre_degree_label),
    TEXT("major", 0, "Chuyên ngành", NULL),
    ENUML("llct_level", 0, LLCT, "Lý luận chính trị", "LLCT", cadre_llct_label),
    ENUML("qlnn_level", 0, QLNN, "Quản lý nhà nước", "QLNN", cadre_qlnn_label),
    TEXT("notes", 0, "Ghi chú", NULL),
};

/* The end_state of the cadre writer: its rows and history rows put off (cadre_writer_stream), then freed. */
static int end_cadre_writer(void *w) { return cadre_writer_end(w); }

/* The end_state of the writers that put nothing off: freed. */
static int end_position_writer(void *w) {
  position_writer_free(w);
  return 0;
}
static int end_training_writer(void *w) {
  training_writer_free(w);
  return 0;
}

static int insert_cadre(ImportCtx *ic, char **v) {
  Cadre c = {.code = v[C_CODE], .full_name = v[C_NAME], .gender = v[C_GENDER], .birth_date = v[C_BIRTH],
             .unit_code = v[C_UNIT], .hometown = v[C_HOMETOWN], .birthplace = v[C_BIRTHPLACE],
             .ethnicity = v[C_ETHNICITY], .religion = v[C_RELIGION], .party_join_date = v[C_PJOIN],
             .party_official_date = v[C_POFFICIAL], .education = v[C_EDUCATION], .degree = v[C_DEGREE],
             .major = v[C_MAJOR], .llct_level = v[C_LLCT], .qlnn_level = v[C_QLNN], .notes = v[C_NOTES]};
  if (!ic->state) {
    if (!(ic->state = cadre_writer_new(ic->db))) return CB_EDB;
    ic->end_state = end_cadre_writer;
    cadre_writer_set_origin(ic->state, ic->actor ? ic->actor : "import", "import"); /* the records' first history rows */
    cadre_writer_without_ids(ic->state); /* nothing below needs them: no read per row */
    if (ic->bulk && cadre_writer_stream(ic->state)) return CB_EDB;
    if (ic->file) cadre_writer_set_reason(ic->state, arena_printf(ic->a, "nhập tệp %s", ic->file));
  }
  return cadre_writer_insert(ic->state, ic->db, ic->a, &c);
}

/* ---- positions ---- */
enum { P_CADRE, P_UNIT, P_TITLE, P_START, P_END, P_DECISION, P_CONCURRENT };
static const ImportCol POSITION_COLS[] = {
    REF("cadre_code", 1, "cadres", "Mã cán bộ", NULL),
    REF("unit_code", 1, "units", "Mã đơn vị", "Đơn vị"),
    REF("title_code", 1, "titles", "Mã chức danh", "Chức danh"),
    DATE("start_date", 1, "Từ ngày", "Ngày bắt đầu"),
    DATE("end_date", 0, "Đến ngày", "Ngày kết thúc"),
    TEXT("decision_no", 0, "Số quyết định", "Quyết định"),
    {"concurrent", 0, COL_BOOL01, NULL, NULL, 0, 1, "Kiêm nhiệm", NULL, NULL},
};

static int insert_position(ImportCtx *ic, char **v) {
  Position p = {.cadre_code = v[P_CADRE], .unit_code = v[P_UNIT], .title_code = v[P_TITLE],
                .start_date = v[P_START], .end_date = v[P_END], .decision_no = v[P_DECISION],
                .concurrent = v[P_CONCURRENT] && strcmp(v[P_CONCURRENT], "1") == 0};
  if (!ic->state) {
    if (!(ic->state = position_writer_new(ic->db))) return CB_EDB;
    ic->end_state = end_position_writer;
  }
  return position_writer_insert(ic->state, ic->db, ic->a, &p);
}

/* ---- trainings ---- */
enum { TR_CADRE, TR_PROGRAM, TR_START, TR_STATUS, TR_NAME, TR_INSTITUTION, TR_END };
static const ImportCol TRAINING_COLS[] = {
    REF("cadre_code", 1, "cadres", "Mã cán bộ", NULL),
    ENUML("program", 1, PROGRAMS, "Chương trình", "Loại hình", training_program_label),
    DATE("start_date", 1, "Ngày bắt đầu", "Từ ngày"),
    ENUML("status", 1, STATUSES, "Trạng thái", NULL, training_status_label),
    TEXT("name", 0, "Tên khóa học", "Tên khóa|Tên lớp"),
    TEXT("institution", 0, "Cơ sở đào tạo", "Nơi đào tạo"),
    DATE("end_date", 0, "Ngày kết thúc", "Đến ngày"),
};

static int insert_training(ImportCtx *ic, char **v) {
  Training t = {.cadre_code = v[TR_CADRE], .program = v[TR_PROGRAM], .start_date = v[TR_START],
                .status = v[TR_STATUS], .name = v[TR_NAME], .institution = v[TR_INSTITUTION], .end_date = v[TR_END]};
  if (!ic->state) {
    if (!(ic->state = training_writer_new(ic->db))) return CB_EDB;
    ic->end_state = end_training_writer;
  }
  return training_writer_insert(ic->state, ic->db, ic->a, &t);
}

/* ---- the forms' checks of text columns (ImportKind.text_check) ---- */

static const char *cadre_text_check(Arena *a, const char *col, const char *in, const char **out) {
  const CadreField *f = cadre_field(col);
  *out = in;
  return f ? cadre_field_check(a, f, in, out) : NULL;
}

/* A text column of a record kind (record_kinds.c) without choices: its field's check. */
static const char *sub_text_check(const char *entity, Arena *a, const char *col, const char *in, const char **out) {
  const SubKind *k = record_kind(entity);
  int i = k ? sub_field(k, col) : -1;
  *out = in;
  if (i < 0 || k->fields[i].choices || (k->fields[i].kind != CF_TEXT && k->fields[i].kind != CF_NAME &&
                                        k->fields[i].kind != CF_LONG))
    return NULL;
  const SubField *f = &k->fields[i];
  return field_value_check(a, f->label, f->kind, f->flags, f->maxlen, f->min, f->max, in, out);
}
static const char *training_text_check(Arena *a, const char *col, const char *in, const char **out) {
  return sub_text_check("training", a, col, in, out);
}
static const char *discipline_text_check(Arena *a, const char *col, const char *in, const char **out) {
  return sub_text_check("discipline", a, col, in, out);
}

/* A course marked completed needs its end date, as on the form (training_status_problem). */
static const char *training_row_check(Arena *a, char *const *v, int *col) {
  (void)a;
  *col = TR_END;
  return training_status_problem(v[TR_STATUS], v[TR_END]);
}

/* A rating of a year to come, refused as the form refuses it. */
static const char *eval_row_check(Arena *a, char *const *v, int *col) {
  *col = EV_YEAR;
  return v[EV_YEAR] && atoi(v[EV_YEAR]) > date_today().y ? arena_printf(a, "năm %s chưa đến", v[EV_YEAR]) : NULL;
}

/* A form's message without its leading "Label: " and final '.': the import names the column after the words
   itself ("…: cột "Hình thức kỷ luật" (form)"). */
static const char *bare_reason(Arena *a, const char *why, const char *label) {
  size_t l = strlen(label);
  if (strncmp(why, label, l) == 0 && strncmp(why + l, ": ", 2) == 0) why += l + 2;
  size_t n = strlen(why);
  return arena_strndup(a, why, n && why[n - 1] == '.' ? n - 1 : n);
}

/* A form the authority does not impose, refused as the form refuses it (discipline_form_problem). */
static const char *disc_row_check(Arena *a, char *const *v, int *col) {
  *col = DI_FORM;
  const char *why = discipline_form_problem(v[DI_FORM], v[DI_AUTHORITY]);
  return why ? bare_reason(a, why, "Hình thức kỷ luật") : NULL;
}

/*
** A cadre's dates as the form and the API check them (cadre_fields.c): none in the future, a birth from 1900
** (cadre_field_check), no Party date before the birth (cadre_fields_check_record). The first problem, with its column.
*/
static const char *cadre_row_check(Arena *a, char *const *v, int *col) {
  static const int DATES[] = {C_BIRTH, C_PJOIN, C_POFFICIAL};
  for (size_t i = 0; i < sizeof DATES / sizeof DATES[0]; i++) {
    const CadreField *f = cadre_field(CADRE_COLS[DATES[i]].name);
    const char *iso = v[DATES[i]], *out;
    char vn[16];
    if (!f || !iso || !*iso) continue;
    const char *why = cadre_field_check(a, f, strlen(iso) == 10 ? date_iso_to_vn(iso, vn) : iso, &out);
    if (why) {
      *col = DATES[i];
      return bare_reason(a, why, f->label);
    }
  }
  /* the official date before the join date is the importer's own from/to check: only one of them here */
  Cadre c = {.birth_date = v[C_BIRTH], .party_join_date = v[C_PJOIN],
             .party_official_date = v[C_PJOIN] && *v[C_PJOIN] ? NULL : v[C_POFFICIAL]};
  FieldErrors e;
  field_errors_init(&e, a);
  cadre_fields_check_record(&c, &e);
  for (size_t i = 0; e.n && i < sizeof DATES / sizeof DATES[0]; i++)
    if (strcmp(e.v[0].field, CADRE_COLS[DATES[i]].name) == 0) {
      *col = DATES[i];
      return bare_reason(a, e.v[0].message, cadre_field(e.v[0].field)->label);
    }
  return NULL;
}

/* A cadre is rated once a year (evaluation_insert refuses a second rating). */
static const int EVAL_SAME[] = {EV_CADRE, EV_YEAR, -1};

#define COLS(x) x, (int)(sizeof x / sizeof x[0])
static const ImportKind KINDS[] = {
    {"units", "Đơn vị", COLS(UNIT_COLS), U_CODE, "units", U_FROM, U_TO, insert_unit, NULL, NULL, NULL},
    {"titles", "Chức danh", COLS(TITLE_COLS), T_CODE, "titles", -1, -1, insert_title, NULL, NULL, NULL},
    {"cadres", "Cán bộ", COLS(CADRE_COLS), C_CODE, "cadres", C_PJOIN, C_POFFICIAL, insert_cadre, cadre_text_check,
     cadre_row_check, NULL},
    {"positions", "Chức vụ (quá trình công tác)", COLS(POSITION_COLS), -1, NULL, P_START, P_END, insert_position,
     position_field_text_check, NULL, NULL},
    {"trainings", "Đào tạo, bồi dưỡng", COLS(TRAINING_COLS), -1, NULL, TR_START, TR_END, insert_training,
     training_text_check, training_row_check, NULL},
    {"planning", "Quy hoạch", COLS(import_planning_cols), -1, NULL, -1, -1, import_planning_insert, NULL, NULL, NULL},
    {"evaluations", "Đánh giá, xếp loại", COLS(IMPORT_EVAL_COLS), -1, NULL, -1, -1, import_eval_insert, NULL,
     eval_row_check, EVAL_SAME},
    {"disciplines", "Kỷ luật", COLS(IMPORT_DISC_COLS), -1, NULL, -1, -1, import_disc_insert, discipline_text_check,
     disc_row_check, NULL},
    {"rotations", "Luân chuyển, điều động", COLS(IMPORT_ROTATION_COLS), -1, NULL, -1, -1, import_rotation_insert, NULL, NULL, NULL},
    {"appointments", "Bổ nhiệm", COLS(IMPORT_APPOINTMENT_COLS), -1, NULL, -1, -1, import_appointment_insert, NULL, NULL, NULL},
    {"relatives", "Quan hệ gia đình", COLS(IMPORT_RELATIVE_COLS), -1, NULL, -1, -1, import_relative_insert, NULL, NULL, NULL},
};
#define N_KINDS (int)(sizeof KINDS / sizeof KINDS[0])

const ImportKind *importer_kind(const char *kind) {
  for (int i = 0; kind && i < N_KINDS; i++)
    if (strcmp(kind, KINDS[i].kind) == 0) return &KINDS[i];
  return NULL;
}

const ImportKind *importer_kinds(int *n) {
  *n = N_KINDS;
  return KINDS;
}

int importer_kind_known(const char *kind) { return importer_kind(kind) != NULL; }

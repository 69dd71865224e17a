/* The kinds of records kept through subrecord.h (see record_kinds.h). */
#include "domain/record_kinds.h"
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/vi.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre_dated.h"
#include "domain/cadre_edit.h"
#include "domain/discipline.h"
#include "domain/evaluation.h"
#include "domain/relative.h"
#include "domain/training.h"

#define NC(x) (int)(sizeof x / sizeof x[0])

/* ---- trainings ------------------------------------------------------------ */

static const SubField TRAINING_FIELDS[] = {
    {"program", "Chương trình", CF_TEXT, CF_REQUIRED, 40, 0, 0, NULL, 0},
    {"name", "Tên khóa học", CF_TEXT, 0, 200, 0, 0, NULL, 0},
    {"institution", "Cơ sở đào tạo", CF_TEXT, 0, 200, 0, 0, NULL, 0},
    {"major", "Chuyên ngành", CF_TEXT, 0, 150, 0, 0, NULL, 0},
    {"mode", "Hình thức đào tạo", CF_TEXT, 0, 50, 0, 0, NULL, 0},
    {"start_date", "Từ ngày", CF_DAY, CF_REQUIRED, 0, 0, 0, NULL, 0},
    {"end_date", "Đến ngày", CF_DAY, 0, 0, 0, 0, NULL, 0},
    {"status", "Tình trạng", CF_TEXT, CF_REQUIRED, 40, 0, 0, NULL, 0},
    {"level", "Văn bằng đạt được", CF_DEGREE, 0, 0, 0, 0, NULL, 0},
};
enum { T_PROGRAM, T_NAME, T_INSTITUTION, T_MAJOR, T_MODE, T_START, T_END, T_STATUS, T_LEVEL, T_N };

/* The choice tables live in training.c; the descriptor points at them at first use. */
static SubField training_fields[T_N];
static SubKind training_kind;

static void training_check(Db *db, Arena *a, const SubKind *k, const SubRecord *r, FieldErrors *e) {
  (void)db, (void)a, (void)k;
  const char *start = r->v[T_START], *end = r->v[T_END], *status = r->v[T_STATUS];
  if (start && end && strcmp(end, start) < 0) field_errors_add(e, "end_date", "Đến ngày: trước ngày bắt đầu.");
  const char *problem = training_status_problem(status, end);
  if (problem) field_errors_add(e, "end_date", "Đến ngày: %s.", problem);
  if (r->v[T_LEVEL] && r->v[T_PROGRAM] && strcmp(r->v[T_PROGRAM], "degree") != 0)
    field_errors_add(e, "level", "Văn bằng đạt được: chỉ ghi cho chương trình đào tạo chuyên môn (văn bằng).");
}

/* The level a completed course of `program` gives: field and code; false when it gives none. */
static bool level_of(const char *program, const char *degree_level, const char **field, const char **code) {
  static const char *const MAP[][3] = {
      {"llct_cao_cap", "llct_level", "cao_cap"},  {"llct_trung_cap", "llct_level", "trung_cap"},
      {"llct_so_cap", "llct_level", "so_cap"},    {"qlnn_cvcc", "qlnn_level", "chuyen_vien_cao_cap"},
      {"qlnn_cvc", "qlnn_level", "chuyen_vien_chinh"}, {"qlnn_cv", "qlnn_level", "chuyen_vien"},
  };
  for (int i = 0; program && i < NC(MAP); i++)
    if (strcmp(program, MAP[i][0]) == 0) return *field = MAP[i][1], *code = MAP[i][2], true;
  if (program && strcmp(program, "degree") == 0 && degree_level) return *field = "degree", *code = degree_level, true;
  return false;
}

/* The raise of a completed course r (level_of): from its end date, history source "act:training:ID". */
static int training_raise(Db *db, Arena *a, const Editor *ed, long long id, long long cadre_id, const char *program,
                          const char *level, const char *status, const char *end) {
  const char *field, *code;
  if (!status || strcmp(status, "completed") != 0 || !end || !level_of(program, level, &field, &code)) return 0;
  Editor act = *ed;
  act.source = arena_printf(a, "act:training:%lld", id);
  const char *why = arena_printf(a, "Hoàn thành khóa học: %s", training_program_label(program));
  return cadre_raise_level_in_tx(db, a, &act, cadre_id, field, code, end, why);
}

/* Do the fields that decide a course's raise differ between x and y? */
static bool raise_differs(const SubRecord *x, const SubRecord *y) {
  static const int F[] = {T_PROGRAM, T_END, T_STATUS, T_LEVEL};
  for (int i = 0; i < NC(F); i++)
    if (strcmp(x->v[F[i]] ? x->v[F[i]] : "", y->v[F[i]] ? y->v[F[i]] : "") != 0) return true;
  return false;
}

/* One raise a course made (a history row of source "act:training:ID"). */
typedef struct {
  const char *field, *was, *raised, *day;
} Raise;

/* The raises of course `id` since it was last taken back (newest first) into *out. 0 or CB_EDB. */
static int course_raises(Db *db, Arena *a, long long cadre_id, long long id, Raise **out, int *n) {
  DbStmt *st = db_prepare(db, "SELECT source, field, old, new, effective_date FROM record_history WHERE cadre_id = ?1 "
                              "AND entity = 'cadre' AND source IN (?2, ?3) ORDER BY id DESC");
  if (!st) return CB_EDB;
  const char *act = arena_printf(a, "act:training:%lld", id);
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, act);
  db_bind_text(st, 3, arena_printf(a, "undo:training:%lld", id));
  int rc, cap = 4;
  *n = 0;
  *out = arena_alloc(a, sizeof **out * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW && strcmp(db_text(st, 0), act) == 0) {
    if (*n == cap) {
      Raise *w = arena_alloc(a, sizeof *w * (size_t)cap * 2);
      memcpy(w, *out, sizeof *w * (size_t)cap);
      *out = w, cap *= 2;
    }
    (*out)[(*n)++] = (Raise){arena_strdup(a, db_text(st, 1)), db_isnull(st, 2) ? NULL : arena_strdup(a, db_text(st, 2)),
                             arena_strdup(a, db_text(st, 3)), arena_strdup(a, db_text(st, 4))};
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

/*
** Take back what course `old` (voided, or corrected so that it raises otherwise) raised: each of its raises since it
** was last taken back, newest first -- the level on that day back to the one held before, history source
** "undo:training:ID" -- when that day still holds the raised value (a later correction by hand is left alone);
** then every other live completed course of the cadre raises again, so a second course of the level keeps it. In
** the caller's transaction. 0 or CB_EDB.
*/
static int training_unraise(Db *db, Arena *a, const Editor *ed, const SubRecord *old) {
  Raise *r;
  int nr, rc = course_raises(db, a, old->cadre_id, old->id, &r, &nr);
  if (rc || !nr) return rc;
  Editor act = *ed;
  act.source = arena_printf(a, "undo:training:%lld", old->id);
  const char *why = arena_printf(a, "Khóa học %s đã sửa hoặc hủy", training_program_label(old->v[T_PROGRAM]));
  for (int i = 0; i < nr; i++) {
    const char *held;
    if ((rc = cadre_dated_get(db, a, old->cadre_id, r[i].field, r[i].day, &held))) return rc;
    if (held && strcmp(held, r[i].raised) == 0 &&
        (rc = cadre_set_dated_in_tx(db, a, &act, old->cadre_id, r[i].field, r[i].was, r[i].day, why)))
      return rc;
  }
  DbStmt *st = db_prepare(db, "SELECT id, program, level, status, end_date FROM trainings WHERE cadre_id = ?1 AND id <> ?2 "
                              "AND status = 'completed' AND end_date IS NOT NULL ORDER BY end_date, id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, old->cadre_id);
  db_bind_int(st, 2, old->id);
  int n = 0, cap = 8;
  SubRecord *v = arena_alloc(a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (n == cap) {
      SubRecord *w = arena_alloc(a, sizeof *w * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)cap);
      v = w, cap *= 2;
    }
    v[n].id = db_int(st, 0);
    for (int c = 0; c < 4; c++) v[n].v[c] = db_isnull(st, c + 1) ? NULL : arena_strdup(a, db_text(st, c + 1));
    n++;
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  rc = 0;
  for (int i = 0; !rc && i < n; i++) /* v[i].v: program, level, status, end */
    rc = training_raise(db, a, ed, v[i].id, old->cadre_id, v[i].v[0], v[i].v[1], v[i].v[2], v[i].v[3]);
  return rc;
}

static int training_after(Db *db, Arena *a, const Editor *ed, const SubKind *k, const SubRecord *old,
                          const SubRecord *r) {
  (void)k;
  int rc = old && (!r || raise_differs(old, r)) ? training_unraise(db, a, ed, old) : 0;
  if (rc || !r) return rc;
  return training_raise(db, a, ed, r->id, r->cadre_id, r->v[T_PROGRAM], r->v[T_LEVEL], r->v[T_STATUS], r->v[T_END]);
}

/* ---- evaluations ------------------------------------------------------------ */

static const SubField EVALUATION_FIELDS[] = {
    {"year", "Năm đánh giá", CF_NUMBER, CF_REQUIRED, 0, 1990, 2100, NULL, 0},
    {"rating", "Xếp loại", CF_TEXT, CF_REQUIRED, 60, 0, 0, EVALUATION_RATINGS, 4},
    {"score", "Điểm", CF_NUMBER, 0, 0, 0, 100, NULL, 0},
};

static void evaluation_check(Db *db, Arena *a, const SubKind *k, const SubRecord *r, FieldErrors *e) {
  (void)db, (void)a, (void)k;
  if (r->v[0] && strchr(r->v[0], '.')) field_errors_add(e, "year", "Năm đánh giá: nhập một năm, ví dụ 2024.");
  else if (r->v[0] && atoi(r->v[0]) > date_today().y)
    field_errors_add(e, "year", "Năm đánh giá: năm %s chưa đến.", r->v[0]);
  if (r->v[2] && strchr(r->v[2], '.')) field_errors_add(e, "score", "Điểm: nhập số nguyên từ 0 đến 100.");
}

static int evaluation_after(Db *db, Arena *a, const Editor *ed, const SubKind *k, const SubRecord *old,
                            const SubRecord *r) {
  (void)ed, (void)k;
  int rc = evaluation_refresh(db, a, r ? r->id : old->id);
  if (rc || r) return rc;
  long long org; /* voided: its organization's quota of that year without it */
  rc = evaluation_org_of(db, old->cadre_id, &org);
  return rc ? rc : evaluation_quota_refresh(db, a, org, atoi(old->v[0]));
}

static const SubKind EVALUATION_KIND = {"evaluation", "kết quả đánh giá", "evaluation_records", "evaluations", EVALUATION_FIELDS,
                                 NC(EVALUATION_FIELDS), evaluation_check, evaluation_after};

/* ---- disciplines --------------------------------------------------------------- */

static const SubField DISCIPLINE_FIELDS[] = {
    {"form", "Hình thức kỷ luật", CF_TEXT, CF_REQUIRED, 60, 0, 0, DISCIPLINE_FORMS, 7},
    {"authority", "Loại kỷ luật", CF_TEXT, CF_REQUIRED, 60, 0, 0, DISCIPLINE_AUTHORITIES, 2},
    {"decision_date", "Ngày quyết định", CF_DATE, CF_REQUIRED, 0, 0, 0, NULL, 0},
    {"decision_no", "Số quyết định", CF_TEXT, 0, 100, 0, 0, NULL, 0},
    {"reason", "Lý do kỷ luật", CF_TEXT, 0, 500, 0, 0, NULL, 0},
};

/* A form the authority does not impose (discipline_form_problem). */
static void discipline_check(Db *db, Arena *a, const SubKind *k, const SubRecord *r, FieldErrors *e) {
  (void)db, (void)a, (void)k;
  const char *why = discipline_form_problem(r->v[0], r->v[1]);
  if (why) field_errors_add(e, "form", "%s", why);
}

static const SubKind DISCIPLINE_KIND = {"discipline", "quyết định kỷ luật", "discipline_records", "disciplines",
                                 DISCIPLINE_FIELDS, NC(DISCIPLINE_FIELDS), discipline_check, NULL};

/* ---- family ----------------------------------------------------------------- */

static const char *const RELATION_CHOICES[][2] = {
    {"spouse", "Vợ/chồng"},        {"parent", "Bố/mẹ"},  {"child", "Con"}, {"sibling", "Anh/chị/em ruột"},
    {"parent_in_law", "Bố/mẹ vợ (chồng)"}, {"child_in_law", "Con dâu/con rể"},
    {"sibling_in_law", "Anh/chị/em vợ (chồng)"},
};

static const SubField FAMILY_FIELDS[] = {
    {"relation", "Quan hệ", CF_TEXT, CF_REQUIRED, 40, 0, 0, RELATION_CHOICES, 7},
    {"full_name", "Họ và tên", CF_NAME, CF_REQUIRED, 100, 0, 0, NULL, 0},
    {"birth_year", "Năm sinh", CF_NUMBER, 0, 0, 1880, 2100, NULL, 0},
    {"hometown", "Quê quán", CF_TEXT, 0, 200, 0, 0, NULL, 0},
    {"occupation", "Nghề nghiệp, chức danh, chức vụ", CF_TEXT, 0, 200, 0, 0, NULL, 0},
    {"workplace", "Đơn vị công tác, học tập", CF_TEXT, 0, 200, 0, 0, NULL, 0},
    {"residence", "Nơi ở", CF_TEXT, 0, 200, 0, 0, NULL, 0},
    {"relative_cadre_id", "Là cán bộ", CF_DIGITS, 0, 0, 1, 18, NULL, 0},
};

/*
** A parent is born at least FAMILY_GENERATION_GAP years before the cadre and a child as many after (docs/DECISIONS.md:
** an adoptive parent must be 20 years older by law, so 12 leaves room for any real family): else the year is a typo.
*/
#define FAMILY_GENERATION_GAP 12

/* The cadre's birth year (of a date that may be partial), or 0 when unknown. */
static int cadre_birth_year(Db *db, long long cadre_id) {
  DbStmt *st = db_prepare(db, "SELECT birth_date FROM cadre_records WHERE id = ?");
  if (!st) return 0;
  db_bind_int(st, 1, cadre_id);
  const char *d = db_step(st) == DB_ROW ? db_text(st, 0) : NULL;
  int y = d && strlen(d) >= 4 ? atoi(d) : 0;
  db_finalize(st);
  return y;
}

static void family_check(Db *db, Arena *a, const SubKind *k, const SubRecord *r, FieldErrors *e) {
  (void)a, (void)k;
  if (r->v[2] && (strchr(r->v[2], '.') || atoi(r->v[2]) > date_today().y))
    field_errors_add(e, "birth_year", "Năm sinh: nhập một năm đã qua, ví dụ 1960.");
  else if (r->v[2] && r->v[0] && (strcmp(r->v[0], "parent") == 0 || strcmp(r->v[0], "child") == 0)) {
    int year = atoi(r->v[2]), own = cadre_birth_year(db, r->cadre_id);
    bool parent = strcmp(r->v[0], "parent") == 0;
    if (own && parent && year > own - FAMILY_GENERATION_GAP)
      field_errors_add(e, "birth_year", "Năm sinh: bố/mẹ sinh năm %d mà cán bộ sinh năm %d; bố, mẹ phải sinh trước "
                                        "cán bộ ít nhất %d năm, hãy kiểm tra lại.", year, own, FAMILY_GENERATION_GAP);
    if (own && !parent && year < own + FAMILY_GENERATION_GAP)
      field_errors_add(e, "birth_year", "Năm sinh: con sinh năm %d mà cán bộ sinh năm %d; con phải sinh sau cán bộ "
                                        "ít nhất %d năm, hãy kiểm tra lại.", year, own, FAMILY_GENERATION_GAP);
  }
  if (r->v[7] && atoll(r->v[7]) == r->cadre_id)
    field_errors_add(e, "relative_code", "Người thân: không thể là chính cán bộ này.");
}

static const SubKind FAMILY_KIND = {"family", "thành viên gia đình", "family_records", "family_members", FAMILY_FIELDS,
                             NC(FAMILY_FIELDS), family_check, NULL};

/* ---- the table of kinds ----------------------------------------------------------- */

static void training_init(void) {
  memcpy(training_fields, TRAINING_FIELDS, sizeof training_fields);
  training_fields[T_PROGRAM].choices = TRAINING_PROGRAMS, training_fields[T_PROGRAM].nchoices = TRAINING_NPROGRAMS;
  training_fields[T_STATUS].choices = TRAINING_STATUSES, training_fields[T_STATUS].nchoices = TRAINING_NSTATUSES;
  training_kind = (SubKind){"training", "khóa đào tạo", "training_records", "trainings", training_fields, T_N,
                            training_check, training_after};
}

const SubKind *record_kind(const char *entity) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, training_init);
  if (!entity) return NULL;
  if (strcmp(entity, "training") == 0) return &training_kind;
  if (strcmp(entity, "evaluation") == 0) return &EVALUATION_KIND;
  if (strcmp(entity, "discipline") == 0) return &DISCIPLINE_KIND;
  if (strcmp(entity, "family") == 0) return &FAMILY_KIND;
  return NULL;
}

int family_add(Db *db, Arena *a, const Editor *ed, const char *cadre_code, const FieldValue *v, int n, FieldErrors *e,
               long long *id, Findings *out) {
  if (out) findings_init(out, a);
  FieldValue *w = arena_alloc(a, sizeof(FieldValue) * (size_t)(n + 3));
  int m = 0;
  const char *rcode = NULL;
  bool has_name = false, has_year = false;
  for (int i = 0; i < n; i++) {
    if (v[i].field && strcmp(v[i].field, "relative_code") == 0) {
      rcode = v[i].value && *v[i].value ? v[i].value : NULL;
      continue;
    }
    if (v[i].field && strcmp(v[i].field, "relative_cadre_id") == 0) continue; /* only through relative_code */
    if (v[i].field && strcmp(v[i].field, "full_name") == 0 && v[i].value && *v[i].value) has_name = true;
    if (v[i].field && strcmp(v[i].field, "birth_year") == 0 && v[i].value && *v[i].value) has_year = true;
    w[m++] = v[i];
  }
  Cadre rel = {0};
  if (rcode) {
    int rc = cadre_find(db, a, scope_from_legacy(ed->scope), rcode, &rel);
    if (rc) return rc;
    Cadre self;
    if ((rc = cadre_find(db, a, scope_from_legacy(ed->scope), cadre_code ? cadre_code : "", &self)) != 0) return rc;
    DbStmt *st = db_prepare(db, "SELECT 1 FROM relatives WHERE (cadre_id = ?1 AND relative_id = ?2) OR "
                                "(cadre_id = ?2 AND relative_id = ?1)");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, self.id);
    db_bind_int(st, 2, rel.id);
    int dup = db_step(st);
    db_finalize(st);
    if (dup < 0) return CB_EDB;
    if (dup == DB_ROW) return CB_EEXIST; /* the pair is recorded (in either direction) */
    w[m++] = (FieldValue){"relative_cadre_id", arena_printf(a, "%lld", rel.id)};
    if (!has_name) w[m++] = (FieldValue){"full_name", rel.full_name};
    if (!has_year && rel.birth_date) w[m++] = (FieldValue){"birth_year", arena_strndup(a, rel.birth_date, 4)};
  }
  int rc = sub_add(db, a, ed, record_kind("family"), cadre_code, w, m, e, id);
  if (rc || !rcode) return rc;
  /* REL-1/REL-2 of the pair today, stored with the entry (as the relatives report reads them). */
  Findings f;
  findings_init(&f, a);
  Cadre c;
  char today[16];
  date_iso(date_today(), today);
  if ((rc = cadre_find(db, a, scope_from_legacy(ed->scope), cadre_code, &c)) != 0) return rc;
  if ((rc = db_begin(db)) != 0) return rc;
  rc = relative_pair_check(db, scope_from_legacy(ed->scope), &f, c.id, rel.id, today);
  if (!rc) rc = findings_store(db, "relative", *id, c.id, today, &f);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  if (out) *out = f;
  return rc;
}

/* Order of relations in the Mẫu 2C family table. */
static int relation_order(const char *r) {
  static const char *const ORDER[] = {"parent", "spouse", "child", "child_in_law", "sibling", "parent_in_law",
                                      "sibling_in_law", NULL};
  for (int i = 0; r && ORDER[i]; i++)
    if (strcmp(r, ORDER[i]) == 0) return i;
  return 99;
}

bool family_spouse_side(const char *relation) {
  return relation && (strcmp(relation, "parent_in_law") == 0 || strcmp(relation, "sibling_in_law") == 0);
}

/* The implied rows' occupation is the relative's headline title, in the order of cadre_post_heads (cadre.h). */
DbStmt *family_stmt(Db *db, long long cadre_id) {
  DbStmt *st = db_prepare(
      db, "SELECT f.id, f.version, f.relation, f.full_name, CAST(f.birth_year AS TEXT), f.hometown, f.occupation, "
          "f.workplace, f.residence, rc.code, rc.gender, 0, ru.path FROM family_members f "
          "LEFT JOIN cadres rc ON rc.id = f.relative_cadre_id LEFT JOIN units ru ON ru.id = rc.unit_id "
          "WHERE f.cadre_id = ?1 "
          "UNION ALL SELECT 0, 0, f.relation, c.full_name, substr(c.birth_date, 1, 4), c.hometown, "
          "(SELECT t.name FROM positions p JOIN titles t ON t.id = p.title_id WHERE p.cadre_id = c.id AND "
          "p.end_date IS NULL ORDER BY p.concurrent, t.rank DESC, p.id LIMIT 1), u.name, c.residence, c.code, c.gender, 1, u.path "
          "FROM family_members f JOIN cadres c ON c.id = f.cadre_id JOIN units u ON u.id = c.unit_id "
          "WHERE f.relative_cadre_id = ?1");
  if (st) db_bind_int(st, 1, cadre_id);
  return st;
}

int family_list(Db *db, Arena *a, Scope scope, long long cadre_id, FamilyMember **out, int *n) {
  return family_read(family_stmt(db, cadre_id), a, scope, out, n);
}

int family_read(DbStmt *st, Arena *a, Scope scope, FamilyMember **out, int *n) {
  if (!st) return CB_EDB;
  int cap = 8, cnt = 0, rc;
  FamilyMember *v = arena_alloc(a, sizeof(FamilyMember) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      FamilyMember *w = arena_alloc(a, sizeof(FamilyMember) * (size_t)cap * 2);
      memcpy(w, v, sizeof(FamilyMember) * (size_t)cnt);
      v = w, cap *= 2;
    }
    /* issue 12: a relative who is a cadre outside the reader's scope: a declared member keeps the
       declaration (name, year) without the link; a member known only from the other cadre's record is left out */
    bool outside = db_text(st, 9) && !scope_contains(scope, db_text(st, 12));
    if (outside && db_int(st, 11) != 0) continue;
    FamilyMember *m = &v[cnt++];
    memset(m, 0, sizeof *m);
    m->id = db_int(st, 0), m->version = db_int(st, 1);
    m->implied = db_int(st, 11) != 0;
    const char *rel = db_text(st, 2);
    m->relation = arena_strdup(a, m->implied ? relation_reverse(rel) : rel);
    m->relation_label = vi_capitalize(a, relation_label(m->relation, db_text(st, 10)));
    const char **s[] = {&m->full_name, &m->birth_year, &m->hometown, &m->occupation, &m->workplace, &m->residence,
                        &m->relative_code};
    for (int i = 0; i < 7; i++) *s[i] = arena_strdup(a, db_text(st, 3 + i));
    if (outside) m->relative_code = NULL;
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  /* the form's order: parents, spouse, children, children-in-law, siblings, then the spouse's side; then by birth year */
  for (int i = 1; i < cnt; i++)
    for (int j = i; j > 0; j--) {
      FamilyMember *x = &v[j - 1], *y = &v[j];
      int d = relation_order(x->relation) - relation_order(y->relation);
      if (d > 0 || (d == 0 && strcmp(x->birth_year ? x->birth_year : "", y->birth_year ? y->birth_year : "") > 0)) {
        FamilyMember t = *x;
        *x = *y, *y = t;
      } else {
        break;
      }
    }
  *out = v;
  *n = cnt;
  return 0;
}

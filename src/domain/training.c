/* Trainings (see training.h). */
#include "domain/training.h"
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"

const char *const TRAINING_PROGRAMS[][2] = {
    {"llct_cao_cap", "Cao cấp lý luận chính trị"},
    {"llct_trung_cap", "Trung cấp lý luận chính trị"},
    {"llct_so_cap", "Sơ cấp lý luận chính trị"},
    {"qlnn_cvcc", "Bồi dưỡng QLNN chuyên viên cao cấp"},
    {"qlnn_cvc", "Bồi dưỡng QLNN chuyên viên chính"},
    {"qlnn_cv", "Bồi dưỡng QLNN chuyên viên"},
    {"leadership_skills", "Bồi dưỡng kỹ năng lãnh đạo, quản lý"},
    {"overseas_165", "Đào tạo ở nước ngoài (Đề án 165)"},
    {"degree", "Đào tạo chuyên môn (văn bằng)"},
    {"other", "Khác"},
};
const char *const TRAINING_STATUSES[][2] = {
    {"registered", "Đã đăng ký"}, {"studying", "Đang học"}, {"completed", "Đã hoàn thành"}, {"dropped", "Bỏ dở"}};

#define LOOKUP(table, v, col)                                             \
  for (size_t i = 0; v && i < sizeof table / sizeof table[0]; i++)        \
    if (strcmp(v, table[i][0]) == 0) return col;

bool training_program_valid(const char *p) {
  LOOKUP(TRAINING_PROGRAMS, p, true);
  return false;
}
bool training_status_valid(const char *s) {
  LOOKUP(TRAINING_STATUSES, s, true);
  return false;
}
const char *training_program_label(const char *p) {
  LOOKUP(TRAINING_PROGRAMS, p, TRAINING_PROGRAMS[i][1]);
  return p ? p : "";
}
const char *training_status_label(const char *s) {
  LOOKUP(TRAINING_STATUSES, s, TRAINING_STATUSES[i][1]);
  return s ? s : "";
}

const char *training_status_problem(const char *status, const char *end_date) {
  if (!status || strcmp(status, "completed") != 0) return NULL;
  if (!end_date || !*end_date) return "khóa học đã hoàn thành cần ngày kết thúc";
  char today[16];
  if (strcmp(end_date, date_iso(date_today(), today)) > 0) return "khóa học chưa thể hoàn thành vào một ngày trong tương lai";
  return NULL;
}

const int TRAINING_NPROGRAMS = (int)(sizeof TRAINING_PROGRAMS / sizeof TRAINING_PROGRAMS[0]);
const int TRAINING_NSTATUSES = (int)(sizeof TRAINING_STATUSES / sizeof TRAINING_STATUSES[0]);

/* The insert statement, prepared once per writer (see training.h). */
struct TrainingWriter {
  DbStmt *insert;
};

TrainingWriter *training_writer_new(Db *db) {
  TrainingWriter *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->insert = db_prepare(db, "INSERT INTO training_records(cadre_id, program, name, institution, start_date, end_date, status) "
                             "SELECT id, ?, ?, ?, ?, ?, ? FROM cadres WHERE code = ?");
  if (!w->insert) {
    free(w);
    return NULL;
  }
  return w;
}

void training_writer_free(TrainingWriter *w) {
  if (!w) return;
  db_finalize(w->insert);
  free(w);
}

int training_writer_insert(TrainingWriter *w, Db *db, Arena *a, Training *t) {
  (void)a;
  DbStmt *st = w->insert;
  db_bind_text(st, 1, t->program);
  db_bind_text(st, 2, str_or_null(t->name));
  db_bind_text(st, 3, str_or_null(t->institution));
  db_bind_text(st, 4, t->start_date);
  db_bind_text(st, 5, str_or_null(t->end_date));
  db_bind_text(st, 6, t->status);
  db_bind_text(st, 7, t->cadre_code);
  int rc = db_step(st);
  db_reset(st);
  if (rc < 0) return rc;
  if (db_changes(db) == 0) return CB_ENOTFOUND;
  t->id = db_last_id(db);
  return 0;
}

int training_insert(Db *db, Arena *a, Training *t) {
  TrainingWriter *w = training_writer_new(db);
  if (!w) return CB_EDB;
  int rc = training_writer_insert(w, db, a, t);
  training_writer_free(w);
  return rc;
}

DbStmt *training_stmt_for_cadre(Db *db, long long cadre_id) {
  DbStmt *st = db_prepare(db, "SELECT t.id, NULL, t.program, t.name, t.institution, t.start_date, t.end_date, t.status, "
                              "t.level, t.major, t.mode, t.version FROM trainings t WHERE t.cadre_id = ?");
  if (st) db_bind_int(st, 1, cadre_id);
  return st;
}

int training_list_for_cadre(Db *db, Arena *a, long long cadre_id, Training **out, int *n) {
  return training_read(training_stmt_for_cadre(db, cadre_id), a, out, n);
}

/* By start date (bytes: ISO dates; none first), then id: the order the profile and Mẫu 2C list them. */
static int cmp_start_id(const void *x, const void *y) {
  const Training *a = x, *b = y;
  int c = strcmp(a->start_date ? a->start_date : "", b->start_date ? b->start_date : "");
  return c ? c : (a->id > b->id) - (a->id < b->id);
}

int training_read(DbStmt *st, Arena *a, Training **out, int *n) {
  if (!st) return CB_EDB;
  int cap = 8, cnt = 0, rc;
  Training *v = arena_alloc(a, sizeof(Training) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      Training *w = arena_alloc(a, sizeof(Training) * (size_t)cap * 2);
      memcpy(w, v, sizeof(Training) * (size_t)cnt);
      v = w, cap *= 2;
    }
    Training *t = &v[cnt++];
    t->id = db_int(st, 0);
    t->cadre_code = arena_strdup(a, db_text(st, 1));
    t->program = arena_strdup(a, db_text(st, 2));
    t->name = arena_strdup(a, db_text(st, 3));
    t->institution = arena_strdup(a, db_text(st, 4));
    t->start_date = arena_strdup(a, db_text(st, 5));
    t->end_date = arena_strdup(a, db_text(st, 6));
    t->status = arena_strdup(a, db_text(st, 7));
    t->level = arena_strdup(a, db_text(st, 8));
    t->major = arena_strdup(a, db_text(st, 9));
    t->mode = arena_strdup(a, db_text(st, 10));
    t->version = db_int(st, 11);
  }
  db_finalize(st);
  /* sorted here, not by the statement: a cadre has a few trainings, and SQLite's sorter cost more than the rest of
     the read (5.9 -> 3.7 us); an index in that order would add ~30 MB to the 1,000,000 demo, over its 2 GB */
  cb_qsort(v, (size_t)cnt, sizeof *v, cmp_start_id);
  *out = v;
  *n = cnt;
  return rc < 0 ? rc : 0;
}

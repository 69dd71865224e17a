/* Importer and exporter through their C API (as the web layer calls them): unit scope, all-or-nothing, error lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/err.h"
#include "core/vi.h"
#include "domain/exporter.h"
#include "domain/importer.h"
#include "domain/import_values.h"
#include "domain/unit.h"

static const char UNITS[] = "code,name,level,parent_code\n"
                            "QN,Tỉnh ủy Quảng Ninh,province,\n"
                            "MC,Thành ủy Móng Cái,district,QN\n"
                            "HX,Đảng bộ phường Hải Xuân,commune,MC\n"
                            "HH,Đảng bộ phường Hải Hòa,commune,MC\n";
static const char CADRES[] = "code,full_name,gender,birth_date,unit_code\n"
                             "A1,Nguyễn Văn An,M,1980,HX\n"
                             "A2,Trần Thị Bình,F,1981-02,HH\n";

typedef struct {
  char path[64];
  Db *db;
  Arena *a;
} Fx;

static int setup(void **state) {
  Fx *f = calloc(1, sizeof *f);
  snprintf(f->path, sizeof f->path, "/tmp/canbo-test-importer-%d.db", (int)getpid());
  unlink(f->path);
  if (db_open(f->path, &f->db) != 0 || db_migrate(f->db, NULL) != 0) return -1;
  f->a = arena_new();
  ImportErrors e;
  int n;
  if (importer_run(f->db, f->a, "units", "u.csv", UNITS, strlen(UNITS), "test", NULL, &e, &n) != 0) return -1;
  if (importer_run(f->db, f->a, "cadres", "c.csv", CADRES, strlen(CADRES), "test", NULL, &e, &n) != 0) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fx *f = *state;
  db_close(f->db);
  arena_free(f->a);
  char wal[80];
  unlink(f->path);
  snprintf(wal, sizeof wal, "%s.audit-head", f->path), unlink(wal); /* core/audit.h head file */
  snprintf(wal, sizeof wal, "%s-wal", f->path);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", f->path);
  unlink(wal);
  free(f);
  return 0;
}

static long count(Db *db, const char *table_is_cadres) {
  DbStmt *st = strcmp(table_is_cadres, "cadres") == 0 ? db_prepare(db, "SELECT count(*) FROM cadres")
                                                      : db_prepare(db, "SELECT count(*) FROM audit");
  db_step(st);
  long n = (long)db_int(st, 0);
  db_finalize(st);
  return n;
}

static const char *scope_of(Fx *f, const char *code) {
  Unit u;
  assert_int_equal(unit_find(f->db, f->a, scope_all(), code, &u), 0);
  return u.path;
}

static void scope_hides_outside_units(void **state) {
  Fx *f = *state;
  const char *hx = scope_of(f, "HX");
  const char csv[] = "code,full_name,gender,birth_date,unit_code\n"
                     "B1,Lê Văn Cường,M,1970,HX\n"
                     "B2,Lê Văn Dũng,M,1971,HH\n";
  ImportErrors e;
  int n = -1;
  long before = count(f->db, "cadres"), audits = count(f->db, "audit");
  assert_int_equal(importer_run(f->db, f->a, "cadres", "s.csv", csv, strlen(csv), "u", hx, &e, &n), CB_EINVAL);
  assert_int_equal(e.n, 1);
  /* exactly like a code that does not exist */
  assert_string_equal(e.lines[0], "s.csv:3:5: mã đơn vị \"HH\" không tồn tại trong phạm vi quản lý của bạn");
  assert_int_equal(n, 0);
  assert_int_equal(count(f->db, "cadres"), before);
  assert_int_equal(count(f->db, "audit"), audits);
  /* without the outside row it goes in */
  const char ok[] = "code,full_name,gender,birth_date,unit_code\nB1,Lê Văn Cường,M,1970,HX\n";
  assert_int_equal(importer_run(f->db, f->a, "cadres", "s.csv", ok, strlen(ok), "u", hx, &e, &n), 0);
  assert_int_equal(n, 1);
  assert_int_equal(count(f->db, "cadres"), before + 1);
  assert_int_equal(count(f->db, "audit"), audits + 1);
}

static void scope_needs_parent_and_hides_cadres(void **state) {
  Fx *f = *state;
  const char *hx = scope_of(f, "HX");
  const char units[] = "code,name,level,parent_code\nR1,Gốc mới,commune,\nR2,Chi bộ,grassroots,HX\nR3,Ngoài,grassroots,HH\n";
  ImportErrors e;
  int n;
  assert_int_equal(importer_run(f->db, f->a, "units", "u2.csv", units, strlen(units), "u", hx, &e, &n), CB_EINVAL);
  assert_int_equal(e.n, 2);
  assert_non_null(strstr(e.lines[0], "u2.csv:2:4: thiếu mã đơn vị cấp trên (parent_code)"));
  assert_string_equal(e.lines[1], "u2.csv:4:4: mã đơn vị \"HH\" không tồn tại trong phạm vi quản lý của bạn");
  /* a cadre of an outside unit is unknown too */
  const char tr[] = "cadre_code,program,start_date,status,end_date\nA1,other,2020-01-01,completed,2020-06-30\n"
                    "A2,other,2020-01-01,completed,2020-06-30\n";
  assert_int_equal(importer_run(f->db, f->a, "trainings", "t.csv", tr, strlen(tr), "u", hx, &e, &n), CB_EINVAL);
  assert_int_equal(e.n, 1);
  assert_string_equal(e.lines[0], "t.csv:3:1: mã cán bộ \"A2\" không tồn tại trong phạm vi quản lý của bạn");
}

static char *slurp(const char *path) {
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  static char buf[65536];
  size_t n = fread(buf, 1, sizeof buf - 1, fp);
  buf[n] = 0;
  fclose(fp);
  return buf;
}

static void export_scope_limits_rows(void **state) {
  Fx *f = *state;
  char out[80];
  snprintf(out, sizeof out, "/tmp/canbo-test-export-%d.csv", (int)getpid());
  ExportReq req = {.kind = "cadres", .format = "csv", .scope = scope_of(f, "HX"), .actor = "u"};
  long rows = -1, audits = count(f->db, "audit");
  assert_int_equal(exporter_run(f->db, f->a, &req, out, &rows), 0);
  char *s = slurp(out);
  assert_non_null(strstr(s, "A1,Nguyễn Văn An,M,1980,HX"));
  assert_null(strstr(s, "A2,"));
  assert_int_equal(rows, (long)(strstr(s, "B1,") ? 2 : 1));
  assert_int_equal(count(f->db, "audit"), audits + 1);
  req.scope = NULL;
  assert_int_equal(exporter_run(f->db, f->a, &req, out, &rows), 0);
  assert_non_null(strstr(slurp(out), "A2,Trần Thị Bình,F,1981-02,HH"));
  /* unknown kind or format */
  req.kind = "widgets";
  assert_int_equal(exporter_run(f->db, f->a, &req, out, &rows), CB_EINVAL);
  req.kind = "cadres", req.format = "pdf";
  assert_int_equal(exporter_run(f->db, f->a, &req, out, &rows), CB_EINVAL);
  unlink(out);
}

static void unknown_kind_is_an_error(void **state) {
  Fx *f = *state;
  ImportErrors e;
  int n;
  assert_false(importer_kind_known("widgets"));
  assert_true(importer_kind_known("trainings"));
  assert_int_equal(importer_run(f->db, f->a, "widgets", "w.csv", "a\n", 2, "u", NULL, &e, &n), CB_EINVAL);
  assert_int_equal(e.n, 1);
}

/* A board types what it reads: the words the system shows for every enumerated value (forms, profile, reports)
   are accepted on import and written by exports; the trial's "Bồi dưỡng QLNN chuyên viên chính" is qlnn_cvc. */
static void shown_words_are_accepted(void **state) {
  (void)state;
  Arena *a = arena_new();
  int nk, checked = 0;
  const ImportKind *kinds = importer_kinds(&nk);
  for (int k = 0; k < nk; k++)
    for (int c = 0; c < kinds[k].ncols; c++) {
      const ImportCol *col = &kinds[k].cols[c];
      if (col->type != COL_ENUM || !col->label_of) continue;
      for (int i = 0; col->values[i]; i++, checked++) {
        const char *shown = col->label_of(col->values[i]);
        const char *back = import_enum_value(a, col, shown);
        if (!back || strcmp(back, col->values[i]) != 0)
          fail_msg("%s.%s: \"%s\" (%s) read back as %s", kinds[k].kind, col->name, shown, col->values[i],
                   back ? back : "nothing");
        /* exports write those words (capitalized: "Luân chuyển"), which read back as the code */
        const char *written = import_enum_label(col, col->values[i]);
        assert_string_equal(vi_fold(a, written), vi_fold(a, shown));
        assert_string_equal(import_enum_value(a, col, written), col->values[i]);
      }
    }
  assert_true(checked > 40);
  const ImportKind *tr = importer_kind("trainings");
  const ImportCol *program = NULL;
  for (int c = 0; c < tr->ncols; c++)
    if (strcmp(tr->cols[c].name, "program") == 0) program = &tr->cols[c];
  assert_non_null(program);
  assert_string_equal(import_enum_value(a, program, "Bồi dưỡng QLNN chuyên viên chính"), "qlnn_cvc");
  assert_string_equal(import_enum_value(a, program, "bồi dưỡng chuyên viên chính"), "qlnn_cvc"); /* the old label */
  arena_free(a);
}

/* A file that rates a cadre twice for one year is refused at its second row, naming the first -- also when one row
   names the cadre by code and the other by name -- with the file's other errors, and nothing is written. */
static void same_record_twice_names_the_first_row(void **state) {
  Fx *f = *state;
  static const char EV[] = "cadre_code,year,rating\n"
                           "A1,2024,good\n"
                           "A2,2024,excellent\n"
                           "A1,2023,good\n"
                           "Nguyễn Văn An,2024,completed\n"
                           "A2,1800,good\n";
  ImportErrors e;
  int n;
  assert_int_equal(importer_run(f->db, f->a, "evaluations", "ev.csv", EV, strlen(EV), "u", NULL, &e, &n), CB_EINVAL);
  assert_int_equal(e.n, 2);
  assert_non_null(strstr(e.lines[0], "ev.csv:5:2: trùng với dòng 2 (cùng Mã cán bộ «A1», Năm «2024»)"));
  assert_non_null(strstr(e.lines[1], "ev.csv:6:2:"));
  static const char OK[] = "cadre_code,year,rating\nA1,2024,good\nA1,2023,good\nA2,2024,good\n";
  assert_int_equal(importer_run(f->db, f->a, "evaluations", "ok.csv", OK, strlen(OK), "u", NULL, &e, &n), 0);
  assert_int_equal(n, 3);
}

/* A file is checked row by row as the forms check: a rating of a year to come, and a discipline form its authority
   does not impose (a Party "hạ bậc lương", an administrative "khai trừ"), are refused with the other errors. */
static void rows_checked_as_the_forms_check(void **state) {
  Fx *f = *state;
  static const char EV[] = "cadre_code,year,rating\nA1,2099,good\nA2,2024,good\n";
  ImportErrors e;
  int n;
  assert_int_equal(importer_run(f->db, f->a, "evaluations", "ev.csv", EV, strlen(EV), "u", NULL, &e, &n), CB_EINVAL);
  assert_int_equal(e.n, 1);
  assert_non_null(strstr(e.lines[0], "ev.csv:2:2: năm 2099 chưa đến"));
  static const char DI[] = "cadre_code,form,authority,decision_date\n"
                           "A1,salary_demotion,party,01/03/2024\n"
                           "A2,Khai trừ,Kỷ luật hành chính,01/03/2024\n"
                           "A1,removal_from_post,state,01/03/2024\n"
                           "A2,warning,party,31/02/2024\n";
  assert_int_equal(importer_run(f->db, f->a, "disciplines", "di.csv", DI, strlen(DI), "u", NULL, &e, &n), CB_EINVAL);
  assert_int_equal(e.n, 3);
  assert_non_null(strstr(e.lines[0], "di.csv:2:2: đây là hình thức kỷ luật hành chính"));
  assert_non_null(strstr(e.lines[1], "di.csv:3:2: khai trừ là hình thức kỷ luật của Đảng"));
  assert_non_null(strstr(e.lines[2], "di.csv:5:"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(scope_hides_outside_units, setup, teardown),
      cmocka_unit_test_setup_teardown(scope_needs_parent_and_hides_cadres, setup, teardown),
      cmocka_unit_test_setup_teardown(export_scope_limits_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(unknown_kind_is_an_error, setup, teardown),
      cmocka_unit_test(shown_words_are_accepted),
      cmocka_unit_test_setup_teardown(same_record_twice_names_the_first_row, setup, teardown),
      cmocka_unit_test_setup_teardown(rows_checked_as_the_forms_check, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

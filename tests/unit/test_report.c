/*
** The annual report (CONTRACT §6) on hand-counted fixtures: distinct cadres
** in planning, rotations counted by from or to unit, kinds that do not
** count, the year's boundaries (31/12 and 01/01), trainings by the cadre's
** unit whatever the status, a commune's subtree, scope, the JSON key order,
** the CSV rows and the lists behind the numbers.
*/
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
#include "domain/cadre.h"
#include "domain/report_annual.h"
#include "domain/title.h"
#include "domain/unit.h"

static char path[64];

static void add_unit(Db *db, Arena *a, const char *code, const char *parent, const char *level) {
  Unit u = {.code = code, .name = code, .level = level, .parent_code = parent};
  assert_int_equal(unit_insert(db, a, &u), 0);
}

static void add_title(Db *db, Arena *a, const char *code, const char *category) {
  Title t = {.code = code, .name = code, .level = "commune", .category = category, .rank = 10, .function = "other"};
  assert_int_equal(title_insert(db, a, &t), 0);
}

static void add_cadre(Db *db, Arena *a, const char *code, const char *unit) {
  Cadre c = {.code = code, .full_name = "Nguyễn Văn A", .gender = "M", .birth_date = "1980-01-01", .unit_code = unit};
  assert_int_equal(cadre_insert(db, a, &c), 0);
}

static void plan(Db *db, const char *unit, const char *title, const char *cadre, const char *action, const char *date) {
  DbStmt *st = db_prepare(db, "INSERT INTO planning(term, unit_id, title_id, cadre_id, action, date) SELECT "
                              "'2020-2025', (SELECT id FROM units WHERE code = ?), (SELECT id FROM titles WHERE code = ?), "
                              "(SELECT id FROM cadres WHERE code = ?), ?, ?");
  db_bind_text(st, 1, unit), db_bind_text(st, 2, title), db_bind_text(st, 3, cadre);
  db_bind_text(st, 4, action), db_bind_text(st, 5, date);
  assert_int_equal(db_run(st), 0);
}

static void rotate(Db *db, const char *cadre, const char *kind, const char *from, const char *to, const char *date) {
  DbStmt *st = db_prepare(db, "INSERT INTO rotations(cadre_id, kind, from_unit_id, to_unit_id, date) SELECT "
                              "(SELECT id FROM cadres WHERE code = ?), ?, (SELECT id FROM units WHERE code = ?), "
                              "(SELECT id FROM units WHERE code = ?), ?");
  db_bind_text(st, 1, cadre), db_bind_text(st, 2, kind), db_bind_text(st, 3, from), db_bind_text(st, 4, to);
  db_bind_text(st, 5, date);
  assert_int_equal(db_run(st), 0);
}

static void appoint(Db *db, const char *cadre, const char *kind, const char *unit, const char *date) {
  DbStmt *st = db_prepare(db, "INSERT INTO appointments(cadre_id, kind, unit_id, title_id, decision_date) SELECT "
                              "(SELECT id FROM cadres WHERE code = ?), ?, (SELECT id FROM units WHERE code = ?), "
                              "(SELECT id FROM titles WHERE code = 'L1'), ?");
  db_bind_text(st, 1, cadre), db_bind_text(st, 2, kind), db_bind_text(st, 3, unit), db_bind_text(st, 4, date);
  assert_int_equal(db_run(st), 0);
}

/* A post of `title` held by `cadre` in `unit` from `start` to `end` (NULL: still held). */
static void hold(Db *db, const char *cadre, const char *unit, const char *title, const char *start, const char *end) {
  DbStmt *st = db_prepare(db, "INSERT INTO position_records(cadre_id, unit_id, title_id, start_date, end_date, concurrent) "
                              "SELECT (SELECT id FROM cadres WHERE code = ?), (SELECT id FROM units WHERE code = ?), "
                              "(SELECT id FROM titles WHERE code = ?), ?, ?, 0");
  db_bind_text(st, 1, cadre), db_bind_text(st, 2, unit), db_bind_text(st, 3, title), db_bind_text(st, 4, start);
  db_bind_text(st, 5, end);
  assert_int_equal(db_run(st), 0);
}

static void train(Db *db, const char *cadre, const char *program, const char *status, const char *date) {
  DbStmt *st = db_prepare(db, "INSERT INTO training_records(cadre_id, program, start_date, status) SELECT "
                              "(SELECT id FROM cadres WHERE code = ?), ?, ?, ?");
  db_bind_text(st, 1, cadre), db_bind_text(st, 2, program), db_bind_text(st, 3, date), db_bind_text(st, 4, status);
  assert_int_equal(db_run(st), 0);
}

static int setup(void **state) {
  snprintf(path, sizeof path, "/tmp/canbo-test-report-%d.db", (int)getpid());
  unlink(path);
  Db *db;
  if (db_open(path, &db) || db_migrate(db, NULL)) return -1;
  Arena *a = arena_new();
  add_unit(db, a, "R", NULL, "district");
  add_unit(db, a, "A", "R", "commune");
  add_unit(db, a, "B", "R", "commune");
  add_unit(db, a, "X", NULL, "district"); /* another tree: outside R */
  add_title(db, a, "K1", "key");
  add_title(db, a, "K2", "key");
  add_title(db, a, "C1", "committee");
  add_title(db, a, "S1", "standing");
  add_title(db, a, "L1", "leader");
  add_cadre(db, a, "c1", "A");
  add_cadre(db, a, "c2", "A");
  add_cadre(db, a, "c3", "B");
  add_cadre(db, a, "c4", "R");
  add_cadre(db, a, "c5", "X");
  /* Planning: c1 removed from two key titles of A (counts once); c2 added to C1 on the last day of 2019;
  ** c3 added to K1 of B on the first day of 2020 and removed on the last of 2018 (neither counts in 2019);
  ** a standing-committee act (not committee, not key); c5 removed in X (outside R). */
  plan(db, "A", "K1", "c1", "remove", "2019-03-01");
  plan(db, "A", "K2", "c1", "remove", "2019-03-01");
  plan(db, "A", "C1", "c2", "add", "2019-12-31");
  plan(db, "B", "K1", "c3", "add", "2020-01-01");
  plan(db, "B", "K1", "c3", "remove", "2018-12-31");
  plan(db, "R", "S1", "c4", "add", "2019-05-05");
  plan(db, "R", "K1", "c4", "add", "2019-01-01");
  plan(db, "X", "K1", "c5", "remove", "2019-06-01");
  /* Rotations: A -> X (from inside, to outside: counts for R and A), X -> B (for R and B), X -> X (not in R),
  ** a secondment A -> B (never counts), a transfer R -> A on 2020-01-01 (next year). */
  rotate(db, "c1", "rotation", "A", "X", "2019-06-01");
  rotate(db, "c5", "transfer", "X", "B", "2019-12-31");
  rotate(db, "c5", "rotation", "X", "X", "2019-07-01");
  rotate(db, "c2", "secondment", "A", "B", "2019-08-01");
  rotate(db, "c4", "transfer", "R", "A", "2020-01-01");
  /* Appointments: appointment (A, 01/01), promotion (B), reappointment (R, 31/12) count; dismissal, nomination,
  ** extension do not; an appointment of 2018-12-31 is last year. */
  appoint(db, "c1", "appointment", "A", "2019-01-01");
  appoint(db, "c3", "promotion", "B", "2019-04-04");
  appoint(db, "c4", "reappointment", "R", "2019-12-31");
  appoint(db, "c2", "dismissal", "A", "2019-05-05");
  appoint(db, "c2", "nomination", "A", "2019-05-06");
  appoint(db, "c2", "extension", "A", "2019-05-07");
  appoint(db, "c2", "appointment", "A", "2018-12-31");
  /* Trainings by the cadre's unit, any status: c3 (B) cao cấp dropped on 01/01; c1 (A) qlnn_cv registered on
  ** 31/12; c4 (R) leadership of 2020 (next year); c5 (X) outside. */
  train(db, "c3", "llct_cao_cap", "dropped", "2019-01-01");
  train(db, "c1", "qlnn_cv", "registered", "2019-12-31");
  train(db, "c1", "qlnn_cv", "completed", "2019-02-01");
  train(db, "c4", "leadership_skills", "completed", "2020-01-01");
  train(db, "c5", "llct_cao_cap", "completed", "2019-05-01");
  arena_free(a);
  *state = db;
  return 0;
}

static int teardown(void **state) {
  db_close(*state);
  char p[80];
  unlink(path);
  snprintf(p, sizeof p, "%s.audit-head", path), unlink(p); /* core/audit.h head file */
  snprintf(p, sizeof p, "%s-wal", path), unlink(p);
  snprintf(p, sizeof p, "%s-shm", path), unlink(p);
  return 0;
}

static long prog(const AnnualReport *r, const char *p) {
  for (int i = 0; i < REPORT_N_PROGRAMS; i++)
    if (strcmp(report_programs[i], p) == 0) return r->training[i];
  return -1;
}

static void whole_tree(void **state) {
  Arena *a = arena_new();
  AnnualReport r;
  assert_int_equal(report_annual(*state, a, scope_all(), "R", 2019, false, &r), 0);
  assert_int_equal(r.key_removed, 1);     /* c1 removed from K1 and K2: one cadre */
  assert_int_equal(r.key_added, 1);       /* c4 on 01/01; c3's act of 2020-01-01 is next year */
  assert_int_equal(r.committee_added, 1); /* c2 on 31/12 */
  assert_int_equal(r.committee_removed, 0);
  /* acts, not people: c1's two removals are two (the four counts come from one grouped statement) */
  assert_int_equal(r.key_removed_acts, 2);
  assert_int_equal(r.key_added_acts, 1);
  assert_int_equal(r.committee_added_acts, 1);
  assert_int_equal(r.committee_removed_acts, 0);
  assert_int_equal(r.rotations, 2);       /* A -> X and X -> B; not X -> X, not the secondment, not 2020 */
  assert_int_equal(r.appointments, 3);    /* appointment, promotion, reappointment */
  assert_int_equal(prog(&r, "llct_cao_cap"), 1); /* dropped still counts; X's is outside */
  assert_int_equal(prog(&r, "qlnn_cv"), 2);
  assert_int_equal(prog(&r, "leadership_skills"), 0);
  assert_string_equal(r.unit_code, "R");
  arena_free(a);
}

static void commune_subtree(void **state) {
  Arena *a = arena_new();
  AnnualReport r;
  assert_int_equal(report_annual(*state, a, scope_all(), "A", 2019, false, &r), 0);
  assert_int_equal(r.key_removed, 1);
  assert_int_equal(r.key_added, 0);
  assert_int_equal(r.committee_added, 1);
  assert_int_equal(r.rotations, 1); /* A -> X: its from unit is in A */
  assert_int_equal(r.appointments, 1);
  assert_int_equal(prog(&r, "llct_cao_cap"), 0);
  assert_int_equal(prog(&r, "qlnn_cv"), 2);
  assert_int_equal(report_annual(*state, a, scope_all(), "B", 2019, false, &r), 0);
  assert_int_equal(r.key_removed + r.key_added + r.committee_added, 0);
  assert_int_equal(r.rotations, 1); /* X -> B: its to unit is in B */
  assert_int_equal(r.appointments, 1);
  assert_int_equal(prog(&r, "llct_cao_cap"), 1);
  arena_free(a);
}

static void year_boundaries(void **state) {
  Arena *a = arena_new();
  AnnualReport r;
  assert_int_equal(report_annual(*state, a, scope_all(), "R", 2020, false, &r), 0);
  assert_int_equal(r.key_added, 1);  /* c3 on 2020-01-01 */
  assert_int_equal(r.rotations, 1);  /* R -> A on 2020-01-01 */
  assert_int_equal(r.appointments, 0);
  assert_int_equal(prog(&r, "leadership_skills"), 1);
  assert_int_equal(report_annual(*state, a, scope_all(), "R", 2018, false, &r), 0);
  assert_int_equal(r.key_removed, 1); /* c3 on 2018-12-31 */
  assert_int_equal(r.appointments, 1);
  arena_free(a);
}

static void errors_and_scope(void **state) {
  Arena *a = arena_new();
  AnnualReport r;
  assert_int_equal(report_annual(*state, a, scope_all(), "NOPE", 2019, false, &r), CB_ENOTFOUND);
  assert_int_equal(report_annual(*state, a, scope_all(), NULL, 2019, false, &r), CB_ENOTFOUND);
  assert_int_equal(report_annual(*state, a, scope_all(), "R", 1899, false, &r), CB_EINVAL);
  assert_int_equal(report_annual(*state, a, scope_all(), "R", 2201, false, &r), CB_EINVAL);
  Unit ua, ur;
  assert_int_equal(unit_find(*state, a, scope_all(), "A", &ua), 0);
  assert_int_equal(unit_find(*state, a, scope_all(), "R", &ur), 0);
  /* A user scoped to A sees A, not R nor B. */
  assert_int_equal(report_annual(*state, a, scope_unit(ua.path), "A", 2019, false, &r), 0);
  assert_int_equal(report_annual(*state, a, scope_unit(ua.path), "R", 2019, false, &r), CB_ENOTFOUND);
  assert_int_equal(report_annual(*state, a, scope_unit(ua.path), "B", 2019, false, &r), CB_ENOTFOUND);
  assert_int_equal(report_annual(*state, a, scope_unit(ur.path), "B", 2019, false, &r), 0);
  arena_free(a);
}

static void json_and_csv(void **state) {
  Arena *a = arena_new();
  AnnualReport r;
  assert_int_equal(report_annual(*state, a, scope_all(), "A", 2019, false, &r), 0);
  json_t *j = report_annual_json(&r);
  char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  assert_string_equal(s, "{\"unit\":\"A\",\"year\":2019,\"planning\":{\"committee\":{\"added\":1,\"removed\":0},"
                         "\"key\":{\"added\":0,\"removed\":1}},\"training\":{\"llct_cao_cap\":0,\"llct_trung_cap\":0,"
                         "\"llct_so_cap\":0,\"qlnn_cvcc\":0,\"qlnn_cvc\":0,\"qlnn_cv\":2,\"leadership_skills\":0,"
                         "\"overseas_165\":0,\"degree\":0,\"other\":0},\"rotations\":1,\"appointments\":1}");
  free(s);
  json_decref(j);
  Buf b = BUF_INIT;
  report_annual_csv(&r, &b);
  assert_non_null(strstr(b.p, "section,item,count\nplanning,committee_added,1\n"));
  assert_non_null(strstr(b.p, "\nplanning,key_removed,1\n"));
  assert_non_null(strstr(b.p, "\ntraining,qlnn_cv,2\n"));
  assert_non_null(strstr(b.p, "\nrotations,total,1\nappointments,total,1\n"));
  int lines = 0;
  for (const char *p = b.p; *p; p++) lines += *p == '\n';
  assert_int_equal(lines, 1 + 4 + REPORT_N_PROGRAMS + 2);
  buf_free(&b);
  arena_free(a);
}

/* report_annual_trainings_each's callback: each row equals the report's next training item. */
typedef struct {
  const AnnualReport *r;
  int at, seen, stop_after;
} Walk;

static int same_training(const ReportItem *x, void *ctx) {
  Walk *w = ctx;
  const ReportItem *y = &w->r->items[w->at++];
  assert_int_equal(y->section, RS_TRAINING);
  assert_int_equal(x->id, y->id);
  assert_string_equal(x->cadre_code, y->cadre_code);
  assert_string_equal(x->date, y->date);
  assert_string_equal(x->kind, y->kind);
  w->seen++;
  return w->stop_after && w->seen == w->stop_after ? 7 : 0;
}

static void lists_behind_numbers(void **state) {
  Arena *a = arena_new();
  AnnualReport r;
  assert_int_equal(report_annual(*state, a, scope_all(), "R", 2019, true, &r), 0);
  int per[RS_N] = {0};
  for (int i = 0; i < r.n_items; i++) per[r.items[i].section]++;
  assert_int_equal(per[RS_KEY_REMOVED], 2); /* both rows of c1, though the number is 1 */
  assert_int_equal(per[RS_KEY_ADDED], 1);
  assert_int_equal(per[RS_COMMITTEE_ADDED], 1);
  assert_int_equal(per[RS_ROTATION], 2);
  assert_int_equal(per[RS_APPOINTMENT], 3);
  assert_int_equal(per[RS_TRAINING], 3);
  for (int i = 0; i < r.n_items; i++) {
    assert_non_null(r.items[i].cadre_code);
    assert_non_null(r.items[i].date);
    assert_true(strncmp(r.items[i].date, "2019-", 5) == 0);
  }
  /* the trainings read row by row (the xlsx's sheet) are the items' trainings, in their order */
  Walk w = {&r, 0, 0, 0};
  for (int i = 0; i < r.n_items && r.items[i].section != RS_TRAINING; i++) w.at++;
  assert_int_equal(report_annual_trainings_each(*state, &r, same_training, &w), 0);
  assert_int_equal(w.seen, 3);
  w.at -= 3, w.seen = 0, w.stop_after = 2; /* fn's value stops the walk and is returned */
  assert_int_equal(report_annual_trainings_each(*state, &r, same_training, &w), 7);
  assert_int_equal(w.seen, 2);
  AnnualReport acts; /* the xlsx's input: the acts without the trainings */
  assert_int_equal(report_annual_page(*state, a, scope_all(), "R", 2019, 0, 0, &acts), 0);
  for (int i = 0; i < acts.n_items; i++) assert_int_not_equal(acts.items[i].section, RS_TRAINING);
  assert_int_equal(acts.n_items, r.n_items - 3);
  char xl[80];
  snprintf(xl, sizeof xl, "/tmp/canbo-test-report-%d.xlsx", (int)getpid());
  assert_int_equal(report_annual_xlsx(*state, &acts, xl), 0);
  FILE *f = fopen(xl, "rb");
  assert_non_null(f);
  char magic[2] = {0, 0};
  assert_int_equal(fread(magic, 1, 2, f), 2);
  fclose(f);
  unlink(xl);
  assert_memory_equal(magic, "PK", 2);
  arena_free(a);
}

/*
** The report speaks of the committee and key pools only where the subtree has such titles, planned (any term) or
** held during the year (report_annual.c SQL_HAS_CATEGORY, the titles named by id): a post that ended the day before
** the year does not count, one taken on its last day does; a tree of its own (Y) leaves R's figures alone.
*/
static void sections_follow_the_titles(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  add_unit(db, a, "Y", NULL, "district");
  add_unit(db, a, "Y1", "Y", "commune");
  add_unit(db, a, "Y2", "Y", "commune");
  add_cadre(db, a, "y1", "Y1");
  add_cadre(db, a, "y2", "Y2");
  hold(db, "y1", "Y1", "C1", "2018-01-01", "2018-12-31");
  hold(db, "y2", "Y2", "C1", "2019-12-31", NULL);
  hold(db, "y2", "Y2", "L1", "2010-01-01", NULL); /* a leader post: neither category */
  static const struct {
    const char *unit;
    int year;
    bool committee, key;
  } cases[] = {{"R", 2019, true, true},   {"A", 2019, true, true},   {"B", 2019, false, true},
               {"Y1", 2019, false, false}, {"Y1", 2018, true, false}, {"Y2", 2019, true, false},
               {"Y2", 2018, false, false}, {"Y", 2019, true, false}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    AnnualReport r;
    assert_int_equal(report_annual(db, a, scope_all(), cases[i].unit, cases[i].year, false, &r), 0);
    if (r.has_committee != cases[i].committee || r.has_key != cases[i].key)
      fail_msg("%s %d: committee %d key %d", cases[i].unit, cases[i].year, r.has_committee, r.has_key);
  }
  arena_free(a);
}

/* The body that decided an act, from its number: the Party's and the State's forms, and the Party's symbol typed
   with the State's separators ("215/QĐ-TU": the trial's city rotation credited to a commune). */
static void deciding_bodies(void **state) {
  (void)state;
  Arena *a = arena_new();
  const char *cases[][4] = {
      /* number, unit, level, body */
      {"12-QĐ/TU", "Xã Hải Đông", "commune", "Ban Thường vụ Thành ủy"},
      {"215/QĐ-TU", "Xã Hải Đông", "commune", "Ban Thường vụ Thành ủy"},
      {"30-QĐ/ĐU", "Xã Hải Đông", "commune", "Đảng ủy xã Hải Đông"},
      {"1919/QĐ-UBND", "Xã Hải Đông", "commune", "UBND xã Hải Đông"},
      {"1919/QĐ-UBND", "Phòng Nội vụ", "district", "UBND thành phố"},
      {"không số", "Xã Hải Đông", "commune", "cấp có thẩm quyền của xã Hải Đông"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    assert_string_equal(report_deciding_body(a, cases[i][0], cases[i][1], cases[i][2], "Thành ủy", false, NULL),
                        cases[i][3]);
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(whole_tree),      cmocka_unit_test(commune_subtree),
      cmocka_unit_test(year_boundaries), cmocka_unit_test(errors_and_scope),
      cmocka_unit_test(json_and_csv),    cmocka_unit_test(lists_behind_numbers),
      cmocka_unit_test(sections_follow_the_titles), cmocka_unit_test(deciding_bodies),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/*
** Eligibility checks at their boundaries (issue 3 acceptance): PLAN-4,
** APPT-3 at 59/60/61 months, ROT-1 at 119/120/121, the 3rd and 4th cadre in
** a pool (PLAN-1) and its two rule versions (HD 06 until 26/12/2021, QĐ 50
** from 27/12/2021), the 3rd and 4th title (PLAN-2), PLAN-3, PLAN-11, the
** last barred day and the day after for DISC-1 and DISC-2, DISC-3 (the longer
** bar wins), STD-1 gaps, ROT-3, APPT-1/2/5/10, errors and the §5 JSON.
** Fixtures go through the domain insert functions and plain SQL.
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
#include "domain/eligibility.h"
#include "domain/position.h"
#include "domain/standards.h"
#include "domain/term.h"
#include "domain/title.h"
#include "domain/unit.h"

typedef struct {
  char path[64];
  Db *db;
  Arena *a;
} Fx;

static Fx *fx;

static void unit(const char *code, const char *name, const char *level, const char *parent, const char *locality) {
  Unit u = {.code = code, .name = name, .level = level, .parent_code = parent, .locality = locality};
  assert_int_equal(unit_insert(fx->db, fx->a, &u), 0);
}

static void title(const char *code, const char *name, const char *level, int rank, const char *function,
                  const char *min_llct, int max_age) {
  Title t = {.code = code, .name = name, .level = level, .category = "key", .rank = rank, .function = function,
             .min_llct = min_llct, .max_age_first = max_age};
  assert_int_equal(title_insert(fx->db, fx->a, &t), 0);
}

static void cadre(const char *code, const char *gender, const char *birth, const char *unit_code, const char *hometown,
                  const char *llct) {
  Cadre c = {.code = code, .full_name = "Nguyễn Văn Thử", .gender = gender, .birth_date = birth, .unit_code = unit_code,
             .hometown = hometown, .llct_level = llct};
  assert_int_equal(cadre_insert(fx->db, fx->a, &c), 0);
}

static void position(const char *cadre_code, const char *unit_code, const char *title_code, const char *start,
                     const char *end) {
  Position p = {.cadre_code = cadre_code, .unit_code = unit_code, .title_code = title_code, .start_date = start,
                .end_date = end};
  assert_int_equal(position_insert(fx->db, fx->a, &p), 0);
}

static long long plan(const char *term, const char *unit_code, const char *title_code, const char *cadre_code,
                      const char *action, const char *date) {
  DbStmt *st = db_prepare(fx->db, "INSERT INTO planning(term, unit_id, title_id, cadre_id, action, date) VALUES(?, "
                                  "(SELECT id FROM units WHERE code = ?), (SELECT id FROM titles WHERE code = ?), "
                                  "(SELECT id FROM cadres WHERE code = ?), ?, ?)");
  db_bind_text(st, 1, term);
  db_bind_text(st, 2, unit_code);
  db_bind_text(st, 3, title_code);
  db_bind_text(st, 4, cadre_code);
  db_bind_text(st, 5, action);
  db_bind_text(st, 6, date);
  assert_int_equal(db_run(st), 0);
  return db_last_id(fx->db);
}

static void discipline(const char *cadre_code, const char *form, const char *authority, const char *date) {
  DbStmt *st = db_prepare(fx->db, "INSERT INTO discipline_records(cadre_id, form, authority, decision_date) VALUES("
                                  "(SELECT id FROM cadres WHERE code = ?), ?, ?, ?)");
  db_bind_text(st, 1, cadre_code);
  db_bind_text(st, 2, form);
  db_bind_text(st, 3, authority);
  db_bind_text(st, 4, date);
  assert_int_equal(db_run(st), 0);
}

static void evaluation(const char *cadre_code, int year, const char *rating) {
  DbStmt *st = db_prepare(fx->db, "INSERT INTO evaluation_records(cadre_id, year, rating) VALUES("
                                  "(SELECT id FROM cadres WHERE code = ?), ?, ?)");
  db_bind_text(st, 1, cadre_code);
  db_bind_int(st, 2, year);
  db_bind_text(st, 3, rating);
  assert_int_equal(db_run(st), 0);
}

static int setup(void **state) {
  fx = calloc(1, sizeof *fx);
  snprintf(fx->path, sizeof fx->path, "/tmp/canbo-test-elig-%d.db", (int)getpid());
  unlink(fx->path);
  if (db_open(fx->path, &fx->db) != 0 || db_migrate(fx->db, NULL) != 0) return -1;
  fx->a = arena_new();
  unit("QN", "Tỉnh Quảng Ninh", "province", NULL, "Quảng Ninh");
  unit("MC", "Thành phố Móng Cái", "district", "QN", "Móng Cái");
  unit("HX", "Xã Hải Xuân", "commune", "MC", "Hải Xuân");
  unit("HH", "Phường Hải Hòa", "commune", "MC", "Hải Hòa");
  title("PCT", "Phó Chủ tịch UBND xã", "commune", 40, "pc_vice_chairman", NULL, 0);
  title("CT", "Chủ tịch UBND xã", "commune", 50, "pc_chairman", "trung_cap", 45);
  title("BT", "Bí thư Thành ủy", "district", 90, "party_secretary", NULL, 0);
  title("T1", "Chức danh xã 1", "commune", 61, NULL, NULL, 0);
  title("T2", "Chức danh xã 2", "commune", 62, NULL, NULL, 0);
  title("T3", "Chức danh xã 3", "commune", 63, NULL, NULL, 0);
  title("T4", "Chức danh xã 4", "commune", 64, NULL, NULL, 0);
  title("H1", "Chức danh huyện", "district", 80, NULL, NULL, 0);
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  db_close(fx->db);
  arena_free(fx->a);
  char p[96];
  unlink(fx->path);
  snprintf(p, sizeof p, "%s.audit-head", fx->path), unlink(p); /* core/audit.h head file */
  snprintf(p, sizeof p, "%s-wal", fx->path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", fx->path);
  unlink(p);
  free(fx);
  return 0;
}

/* Run a check; asserts it succeeds. */
static Findings run_full(Purpose p, const char *cadre_code, const char *title_code, const char *unit_code,
                         const char *date, const char *kind, const char *source, long long exclude) {
  EligReq q = {.purpose = p, .cadre_code = cadre_code, .title_code = title_code, .unit_code = unit_code, .date = date,
               .kind = kind, .source = source, .exclude_planning_id = exclude};
  Findings f;
  int rc = eligibility_check(fx->db, fx->a, &q, &f);
  assert_int_equal(rc, 0);
  return f;
}
static Findings run(Purpose p, const char *c, const char *t, const char *u, const char *date) {
  return run_full(p, c, t, u, date, NULL, NULL, 0);
}

/* The k-th (0-based) finding of `rule`; fails the test when absent. */
static const Finding *nth(const Findings *f, const char *rule, int k) {
  for (int i = 0; i < f->n; i++)
    if (strcmp(f->v[i].rule, rule) == 0 && k-- == 0) return &f->v[i];
  fail_msg("no finding %s", rule);
  return NULL;
}
static const Finding *find(const Findings *f, const char *rule) { return nth(f, rule, 0); }

static void expect(const Findings *f, const char *rule, Result r, const char *needle) {
  const Finding *x = find(f, rule);
  if (x->result != r) fail_msg("%s: %s, wanted %s: %s", rule, result_name(x->result), result_name(r), x->message);
  if (needle && !strstr(x->message, needle)) fail_msg("%s: no '%s' in '%s'", rule, needle, x->message);
  /* every finding names a real text, or says that what it applies is canbo's convention */
  assert_true((x->basis && *x->basis) || (x->convention && *x->convention));
}

/* Men born 11/1967, 12/1967, 01/1968 retire at 62 (cap): pension from 01/12/2029, 01/01/2030, 01/02/2030. */
static void plan4_months_from_term_start(void **state) {
  cadre("M59", "M", "1967-11", "HX", NULL, NULL);
  cadre("M60", "M", "1967-12-20", "HX", NULL, NULL);
  cadre("M61", "M", "1968-01", "HX", NULL, NULL);
  Findings f = run(PURPOSE_PLANNING, "M59", "T1", "HX", "2025-06-01");
  expect(&f, "PLAN-4", RESULT_FAIL, "Còn 59 tháng công tác tính từ 01/01/2025 (< 60 tháng");
  f = run(PURPOSE_PLANNING, "M60", "T1", "HX", "2025-06-01");
  expect(&f, "PLAN-4", RESULT_PASS, "Còn 60 tháng công tác tính từ 01/01/2025 (≥ 60");
  f = run(PURPOSE_PLANNING, "M61", "T1", "HX", "2029-12-31"); /* still the 2025-2030 term */
  expect(&f, "PLAN-4", RESULT_PASS, "Còn 61 tháng");
  (void)state;
}

static void appt3_months_at_decision(void **state) {
  cadre("A60", "M", "1967-12", "HX", NULL, NULL);
  Findings f = run(PURPOSE_APPOINTMENT, "A60", "T1", "HX", "2025-01-01");
  expect(&f, "APPT-3", RESULT_PASS, "Còn 60 tháng");
  f = run(PURPOSE_APPOINTMENT, "A60", "T1", "HX", "2025-01-02");
  expect(&f, "APPT-3", RESULT_FAIL, "Còn 59 tháng công tác tính từ 02/01/2025 (< 60");
  f = run(PURPOSE_APPOINTMENT, "A60", "T1", "HX", "2024-12-01");
  expect(&f, "APPT-3", RESULT_PASS, "Còn 61 tháng");
  f = run_full(PURPOSE_APPOINTMENT, "A60", "T1", "HX", "2025-01-02", "reappointment", NULL, 0);
  expect(&f, "APPT-3", RESULT_NA, NULL);
  expect(&f, "APPT-1", RESULT_NA, NULL);
  (void)state;
}

static void rot1_years_left(void **state) {
  cadre("R120", "M", "1967-12", "HX", NULL, NULL);
  Findings f = run(PURPOSE_ROTATION, "R120", "T1", "HX", "2020-01-01");
  expect(&f, "ROT-1", RESULT_PASS, "10 năm (120 tháng)");
  f = run(PURPOSE_ROTATION, "R120", "T1", "HX", "2020-01-02");
  expect(&f, "ROT-1", RESULT_FAIL, "9 năm 11 tháng (119 tháng)");
  f = run(PURPOSE_ROTATION, "R120", "T1", "HX", "2019-12-01");
  expect(&f, "ROT-1", RESULT_PASS, "121 tháng");
  /* rotation: discipline reported, not barring */
  discipline("R120", "reprimand", "party", "2019-06-01");
  f = run(PURPOSE_ROTATION, "R120", "T1", "HX", "2020-01-01");
  expect(&f, "DISC-1", RESULT_NA, "còn trong thời hạn");
  (void)state;
}

static void plan1_third_and_fourth(void **state) {
  for (int i = 0; i < 4; i++) {
    char code[8];
    snprintf(code, sizeof code, "P%d", i);
    cadre(code, "F", "1985-05", "HX", NULL, NULL);
  }
  plan("2020-2025", "HX", "CT", "P0", "add", "2023-01-10");
  long long p1 = plan("2020-2025", "HX", "CT", "P1", "add", "2023-01-10");
  Findings f = run(PURPOSE_PLANNING, "P3", "CT", "HX", "2024-05-01");
  expect(&f, "PLAN-1", RESULT_PASS, "đã có 2 người; thêm người thứ 3, trong mức tối đa 3");
  plan("2020-2025", "HX", "CT", "P2", "add", "2023-02-01");
  f = run(PURPOSE_PLANNING, "P3", "CT", "HX", "2024-05-01");
  expect(&f, "PLAN-1", RESULT_FAIL, "đã có 3 người; thêm người thứ 4 vượt mức tối đa 3");
  /* the same check before P2 was added, or excluding P1's act, or after P1's removal */
  f = run(PURPOSE_PLANNING, "P3", "CT", "HX", "2023-01-31");
  expect(&f, "PLAN-1", RESULT_PASS, NULL);
  f = run_full(PURPOSE_PLANNING, "P3", "CT", "HX", "2024-05-01", NULL, NULL, p1);
  expect(&f, "PLAN-1", RESULT_PASS, "đã có 2 người");
  plan("2020-2025", "HX", "CT", "P1", "remove", "2024-03-01");
  f = run(PURPOSE_PLANNING, "P3", "CT", "HX", "2024-05-01");
  expect(&f, "PLAN-1", RESULT_PASS, "đã có 2 người");
  /* the cadre already in the pool is not counted against themself */
  f = run(PURPOSE_PLANNING, "P0", "CT", "HX", "2024-05-01");
  expect(&f, "PLAN-1", RESULT_PASS, "đã có 1 người");
  (void)state;
}

static void plan1_rule_versions(void **state) {
  for (int i = 0; i < 4; i++) {
    char code[8];
    snprintf(code, sizeof code, "V%d", i);
    cadre(code, "M", "1980-01", "HH", NULL, NULL);
    if (i < 3) plan("2020-2025", "HH", "CT", code, "add", "2021-06-01");
  }
  Findings f = run(PURPOSE_PLANNING, "V3", "CT", "HH", "2021-12-26");
  expect(&f, "PLAN-1", RESULT_WARN, "thêm người thứ 4 vượt mức thông thường 3 (tối đa 4)");
  assert_non_null(strstr(find(&f, "PLAN-1")->basis, "06-HD/BTCTW"));
  f = run(PURPOSE_PLANNING, "V3", "CT", "HH", "2021-12-27");
  expect(&f, "PLAN-1", RESULT_FAIL, "thêm người thứ 4 vượt mức tối đa 3");
  assert_non_null(strstr(find(&f, "PLAN-1")->basis, "50-QĐ/TW"));
  (void)state;
}

static void plan2_third_and_fourth_title(void **state) {
  cadre("Q1", "M", "1985-01", "HX", NULL, NULL);
  plan("2025-2030", "HX", "T1", "Q1", "add", "2025-02-01");
  plan("2025-2030", "HH", "T2", "Q1", "add", "2025-02-01");
  plan("2025-2030", "MC", "H1", "Q1", "add", "2025-02-01"); /* another level: not counted */
  Findings f = run(PURPOSE_PLANNING, "Q1", "T3", "HX", "2025-06-01");
  expect(&f, "PLAN-2", RESULT_PASS, "Đang được quy hoạch 2 chức danh cấp xã trong nhiệm kỳ 2025-2030; thêm chức danh này thành 3");
  plan("2025-2030", "HX", "T3", "Q1", "add", "2025-03-01");
  f = run(PURPOSE_PLANNING, "Q1", "T4", "HX", "2025-06-01");
  expect(&f, "PLAN-2", RESULT_FAIL, "thành 4, vượt mức tối đa 3");
  f = run(PURPOSE_PLANNING, "Q1", "T3", "HX", "2025-06-01"); /* already planned for it: still 3 */
  expect(&f, "PLAN-2", RESULT_PASS, "tổng 3 chức danh");
  (void)state;
}

static void plan3_and_plan11(void **state) {
  cadre("H1c", "M", "1980-01", "HX", NULL, NULL);
  position("H1c", "HX", "PCT", "2020-01-01", NULL);
  Findings f = run(PURPOSE_PLANNING, "H1c", "CT", "HX", "2024-01-01");
  expect(&f, "PLAN-3", RESULT_PASS, "(hạng 50) cao hơn chức vụ đang giữ Phó Chủ tịch UBND xã (hạng 40)");
  f = run(PURPOSE_PLANNING, "H1c", "PCT", "HX", "2024-01-01");
  expect(&f, "PLAN-3", RESULT_FAIL, "không cao hơn");
  f = run(PURPOSE_PLANNING, "H1c", "PCT", "HX", "2019-12-31"); /* before the position */
  expect(&f, "PLAN-3", RESULT_PASS, "Chưa giữ chức vụ nào");
  expect(&f, "PLAN-11", RESULT_PASS, NULL);
  DbStmt *st = db_prepare(fx->db, "INSERT INTO proposals(cadre_id, kind, unit_id, title_id, source, status, created_at) "
                                  "SELECT c.id, 'appointment', u.id, t.id, 'internal', 'open', '2023-12-01T08:00:00Z' "
                                  "FROM cadres c, units u, titles t WHERE c.code = 'H1c' AND u.code = 'HX' AND t.code = 'CT'");
  assert_int_equal(db_run(st), 0);
  f = run(PURPOSE_PLANNING, "H1c", "CT", "HX", "2024-01-01");
  expect(&f, "PLAN-11", RESULT_FAIL, "01/12/2023");
  (void)state;
}

static void disc1_last_barred_day(void **state) {
  cadre("D1", "M", "1980-01", "HX", NULL, NULL);
  discipline("D1", "reprimand", "party", "2023-03-15");
  Findings f = run(PURPOSE_PLANNING, "D1", "T1", "HX", "2024-03-14");
  expect(&f, "DISC-1", RESULT_FAIL, "12 tháng, đến hết ngày 14/03/2024");
  f = run(PURPOSE_PLANNING, "D1", "T1", "HX", "2024-03-15");
  expect(&f, "DISC-1", RESULT_PASS, "được xem xét từ 15/03/2024");
  expect(&f, "DISC-2", RESULT_PASS, "Không có kỷ luật hành chính");
  f = run(PURPOSE_APPOINTMENT, "D1", "T1", "HX", "2024-03-14");
  expect(&f, "APPT-4", RESULT_FAIL, "14/03/2024");
  f = run(PURPOSE_PLANNING, "D1", "T1", "HX", "2023-03-14"); /* decided later than the date: ignored */
  expect(&f, "DISC-1", RESULT_PASS, "Không có kỷ luật Đảng");
  (void)state;
}

static void disc2_last_barred_day(void **state) {
  cadre("D2", "F", "1980-01", "HX", NULL, NULL);
  discipline("D2", "reprimand", "state", "2023-03-15");
  Findings f = run(PURPOSE_APPOINTMENT, "D2", "T1", "HX", "2024-03-14");
  expect(&f, "DISC-2", RESULT_FAIL, "đến hết ngày 14/03/2024");
  f = run(PURPOSE_APPOINTMENT, "D2", "T1", "HX", "2024-03-15");
  expect(&f, "DISC-2", RESULT_PASS, NULL);
  expect(&f, "APPT-4", RESULT_PASS, NULL);
  f = run_full(PURPOSE_APPOINTMENT, "D2", "T1", "HX", "2024-03-14", "nomination", NULL, 0);
  expect(&f, "DISC-2", RESULT_NA, "giới thiệu ứng cử");
  (void)state;
}

static void disc3_longer_wins(void **state) {
  cadre("D3", "M", "1980-01", "HX", NULL, NULL);
  discipline("D3", "warning", "party", "2023-03-15");   /* 30 months: through 14/09/2025 */
  discipline("D3", "reprimand", "state", "2023-03-15"); /* 12 months: through 14/03/2024 */
  Findings f = run(PURPOSE_PLANNING, "D3", "T1", "HX", "2024-03-15");
  expect(&f, "DISC-2", RESULT_PASS, NULL);
  expect(&f, "DISC-1", RESULT_FAIL, "30 tháng, đến hết ngày 14/09/2025");
  expect(&f, "DISC-3", RESULT_FAIL, "thời hạn dài hơn (DISC-1), đến hết ngày 14/09/2025");
  f = run(PURPOSE_PLANNING, "D3", "T1", "HX", "2025-09-15");
  expect(&f, "DISC-3", RESULT_PASS, NULL);
  cadre("D4", "M", "1980-01", "HX", NULL, NULL);
  discipline("D4", "reprimand", "party", "2023-03-15"); /* 12 */
  discipline("D4", "demotion", "state", "2023-03-15");  /* 24: through 14/03/2025 */
  f = run(PURPOSE_APPOINTMENT, "D4", "T1", "HX", "2025-03-14");
  expect(&f, "DISC-3", RESULT_FAIL, "(DISC-2), đến hết ngày 14/03/2025");
  f = run(PURPOSE_APPOINTMENT, "D4", "T1", "HX", "2025-03-15");
  expect(&f, "DISC-3", RESULT_PASS, NULL);
  cadre("D5", "M", "1980-01", "HX", NULL, NULL);
  discipline("D5", "expulsion", "party", "2010-01-01");
  f = run(PURPOSE_PLANNING, "D5", "T1", "HX", "2030-01-01");
  expect(&f, "DISC-1", RESULT_FAIL, "không có thời hạn kết thúc");
  (void)state;
}

static void std1_gaps(void **state) {
  cadre("S1", "M", "1978-06-01", "HX", NULL, "so_cap");
  Findings f = run(PURPOSE_PLANNING, "S1", "CT", "HX", "2024-01-01");
  expect(&f, "STD-1", RESULT_WARN, "Lý luận chính trị: Sơ cấp < yêu cầu Trung cấp");
  assert_non_null(strstr(find(&f, "STD-1")->message, "Trung cấp lý luận chính trị"));
  f = run(PURPOSE_APPOINTMENT, "S1", "CT", "HX", "2024-01-01");
  expect(&f, "STD-1", RESULT_FAIL, "Sơ cấp < yêu cầu Trung cấp");
  const Finding *age = nth(&f, "STD-1", 1);
  assert_int_equal(age->result, RESULT_PASS);
  assert_non_null(strstr(age->message, "45 tuổi vào ngày 01/01/2024 ≤ tối đa 45"));
  expect(&f, "APPT-6", RESULT_FAIL, "Chưa đạt 1 tiêu chuẩn");
  f = run(PURPOSE_APPOINTMENT, "S1", "CT", "HX", "2024-06-01"); /* turned 46 */
  assert_int_equal(nth(&f, "STD-1", 1)->result, RESULT_FAIL);
  f = run_full(PURPOSE_APPOINTMENT, "S1", "CT", "HX", "2024-06-01", "reappointment", NULL, 0);
  for (int i = 0; i < f.n; i++) assert_null(strstr(f.v[i].message, "Tuổi bổ nhiệm lần đầu"));
  /* Someone who has held the title (in another commune) is not appointed to it for the first time:
     the age limit for a first appointment does not apply to them. */
  position("S1", "HH", "CT", "2015-01-01", "2020-12-31");
  f = run(PURPOSE_APPOINTMENT, "S1", "CT", "HX", "2024-06-01");
  for (int i = 0; i < f.n; i++) assert_null(strstr(f.v[i].message, "Tuổi bổ nhiệm lần đầu"));
  /* the pure comparison, as the training-need list uses it */
  Cadre c = {.llct_level = "cu_nhan", .qlnn_level = "can_su", .degree = NULL};
  Title t = {.min_llct = "cao_cap", .min_qlnn = "chuyen_vien_chinh", .min_degree = "dai_hoc"};
  StdItem *items;
  int n;
  standards_check(fx->a, &c, &t, NULL, &items, &n);
  assert_int_equal(n, 3);
  assert_int_equal(standards_gap_count(items, n), 2);
  assert_string_equal(items[0].program, "degree"); /* no degree at all */
  assert_true(items[1].met);                     /* cử nhân = cao cấp */
  assert_string_equal(items[2].program, "qlnn_cvc");
  assert_string_equal(items[2].message, "Quản lý nhà nước: Cán sự < yêu cầu Chuyên viên chính");
  (void)state;
}

static void rot3_local(void **state) {
  cadre("L1", "M", "1980-01", "MC", "Phường Ka Long, Móng Cái, Quảng Ninh", NULL);
  cadre("L2", "M", "1980-01", "MC", "Hải Phòng", NULL);
  cadre("L3", "M", "1980-01", "HX", "thon 2 xa hai xuan", NULL);
  Findings f = run(PURPOSE_ROTATION, "L1", "BT", "MC", "2024-01-01");
  expect(&f, "ROT-3", RESULT_FAIL, "người địa phương");
  f = run(PURPOSE_ROTATION, "L2", "BT", "MC", "2024-01-01");
  expect(&f, "ROT-3", RESULT_PASS, NULL);
  f = run(PURPOSE_ROTATION, "L3", "CT", "HX", "2024-01-01"); /* commune, folded match: warn */
  expect(&f, "ROT-3", RESULT_WARN, NULL);
  f = run(PURPOSE_ROTATION, "L1", "T1", "HX", "2024-01-01");
  expect(&f, "ROT-3", RESULT_NA, NULL);
  (void)state;
}

static void appt1_planned(void **state) {
  cadre("N1", "M", "1980-01", "HX", NULL, NULL);
  Findings f = run(PURPOSE_APPOINTMENT, "N1", "CT", "HX", "2025-03-01");
  expect(&f, "APPT-1", RESULT_FAIL, "không có trong quy hoạch");
  plan("2020-2025", "HX", "T1", "N1", "add", "2022-01-01"); /* a higher title, previous term */
  f = run(PURPOSE_APPOINTMENT, "N1", "CT", "HX", "2025-03-01");
  expect(&f, "APPT-1", RESULT_PASS, "nhiệm kỳ 2020-2025");
  f = run(PURPOSE_APPOINTMENT, "N1", "CT", "HH", "2025-03-01"); /* internal source of another unit */
  expect(&f, "APPT-1", RESULT_FAIL, NULL);
  f = run_full(PURPOSE_APPOINTMENT, "N1", "CT", "HH", "2025-03-01", NULL, "external", 0);
  expect(&f, "APPT-1", RESULT_PASS, "Nguồn bên ngoài");
  f = run(PURPOSE_APPOINTMENT, "N1", "CT", "HX", "2031-03-01"); /* two terms later: stale */
  expect(&f, "APPT-1", RESULT_FAIL, NULL);
  (void)state;
}

static void appt2_time_in_post(void **state) {
  cadre("W1", "M", "1980-01", "HX", NULL, NULL);
  position("W1", "HX", "PCT", "2023-01-01", NULL);
  Findings f = run(PURPOSE_APPOINTMENT, "W1", "CT", "HX", "2025-01-01");
  expect(&f, "APPT-2", RESULT_PASS, "2 năm (24 tháng)");
  f = run(PURPOSE_APPOINTMENT, "W1", "CT", "HX", "2024-12-31");
  expect(&f, "APPT-2", RESULT_FAIL, "(23 tháng)");
  f = run(PURPOSE_APPOINTMENT, "W1", "CT", "HX", "2023-08-15"); /* under a year: the months once, not "7 tháng (7 tháng)" */
  expect(&f, "APPT-2", RESULT_FAIL, " 7 tháng tính đến ngày 15/08/2023");
  (void)state;
}

static void appt10_head_terms(void **state) {
  cadre("K1", "M", "1975-01", "HX", NULL, "trung_cap");
  Findings f = run_full(PURPOSE_APPOINTMENT, "K1", "CT", "HX", "2020-01-01", "reappointment", NULL, 0);
  expect(&f, "APPT-10", RESULT_PASS, "nhiệm kỳ thứ 1");
  position("K1", "HX", "CT", "2015-01-01", "2019-12-31");
  f = run_full(PURPOSE_APPOINTMENT, "K1", "CT", "HX", "2020-01-01", "reappointment", NULL, 0);
  expect(&f, "APPT-10", RESULT_WARN, "1 nhiệm kỳ liên tiếp");
  position("K1", "HX", "CT", "2020-01-01", NULL);
  f = run_full(PURPOSE_APPOINTMENT, "K1", "CT", "HX", "2025-01-01", "reappointment", NULL, 0);
  expect(&f, "APPT-10", RESULT_FAIL, "nhiệm kỳ thứ 3, vượt mức tối đa 2");
  f = run(PURPOSE_APPOINTMENT, "K1", "T1", "HX", "2025-01-01");
  expect(&f, "APPT-10", RESULT_NA, NULL);
  (void)state;
}

static void appt5_off_then_on(void **state) {
  cadre("E1", "F", "1980-01", "HX", NULL, NULL);
  evaluation("E1", 2023, "good");
  evaluation("E1", 2024, "completed");
  Findings f = run(PURPOSE_APPOINTMENT, "E1", "T1", "HX", "2025-03-01");
  expect(&f, "APPT-5", RESULT_NA, "tắt");
  assert_string_equal(find(&f, "APPT-5")->basis, ""); /* no national text: a local rule */
  assert_non_null(find(&f, "APPT-5")->convention);
  RuleVersion rv;
  assert_int_equal(rules_in_force(fx->db, fx->a, "APPT-5", "2025-03-01", &rv), 0);
  /* Turned on with the local regulation entered as its basis: the finding cites it. */
  RuleEdit ed = {.params = "{\"enabled\":true,\"years\":2}", .enabled = -1,
                 .basis = "Quy định 15-QĐ/TU ngày 01/3/2024 của Ban Thường vụ Thành ủy"};
  assert_int_equal(rules_edit(fx->db, "test", rv.id, &ed, NULL), 0);
  f = run(PURPOSE_APPOINTMENT, "E1", "T1", "HX", "2025-03-01");
  expect(&f, "APPT-5", RESULT_FAIL, "Năm 2024");
  assert_string_equal(find(&f, "APPT-5")->basis, "Quy định 15-QĐ/TU ngày 01/3/2024 của Ban Thường vụ Thành ủy");
  assert_int_equal(rules_update(fx->db, "test", rv.id, "{\"enabled\":false,\"years\":2}", NULL, -1, NULL), 0);
  (void)state;
}

static void errors_scope_and_json(void **state) {
  cadre("J1", "M", "1980-01", "HX", NULL, NULL);
  Findings f;
  EligReq q = {.purpose = PURPOSE_PLANNING, .cadre_code = "NOPE", .title_code = "T1", .unit_code = "HX",
               .date = "2025-01-01"};
  assert_int_equal(eligibility_check(fx->db, fx->a, &q, &f), CB_ENOTFOUND);
  q.cadre_code = "J1", q.title_code = "NOPE";
  assert_int_equal(eligibility_check(fx->db, fx->a, &q, &f), CB_ENOTFOUND);
  q.title_code = "T1", q.unit_code = "NOPE";
  assert_int_equal(eligibility_check(fx->db, fx->a, &q, &f), CB_ENOTFOUND);
  q.unit_code = "HX", q.date = "2025-02-30";
  assert_int_equal(eligibility_check(fx->db, fx->a, &q, &f), CB_EINVAL);
  q.date = "2025-01-01", q.term = "2025";
  assert_int_equal(eligibility_check(fx->db, fx->a, &q, &f), CB_EINVAL);
  q.term = NULL;
  Unit hh;
  assert_int_equal(unit_find(fx->db, fx->a, scope_all(), "HH", &hh), 0);
  q.scope = hh.path; /* cadre of HX, scope HH */
  assert_int_equal(eligibility_check(fx->db, fx->a, &q, &f), CB_ENOTFOUND);
  q.scope = NULL, q.purpose = PURPOSE_APPOINTMENT, q.kind = "bogus";
  assert_int_equal(eligibility_check(fx->db, fx->a, &q, &f), CB_EINVAL);
  q.kind = NULL;
  assert_int_equal(eligibility_check(fx->db, fx->a, &q, &f), 0);
  json_t *j = eligibility_json(&q, &f);
  char *s = json_dumps(j, JSON_COMPACT);
  assert_non_null(strstr(s, "{\"cadre\":\"J1\",\"for\":\"appointment\",\"title\":\"T1\",\"unit\":\"HX\","
                            "\"date\":\"2025-01-01\",\"verdict\":\"fail\",\"findings\":[{\"rule\":\"APPT-1\""));
  free(s);
  json_decref(j);
  assert_string_equal(term_of(fx->a, "2025-01-01"), "2025-2030");
  assert_string_equal(term_of(fx->a, "2024-12-31"), "2020-2025");
  assert_string_equal(term_of(fx->a, "2014-06-01"), "2010-2015");
  assert_int_equal(purpose_parse("rotation"), PURPOSE_ROTATION);
  assert_int_equal(purpose_parse("x"), -1);
  (void)state;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(plan4_months_from_term_start, setup, teardown),
      cmocka_unit_test_setup_teardown(appt3_months_at_decision, setup, teardown),
      cmocka_unit_test_setup_teardown(rot1_years_left, setup, teardown),
      cmocka_unit_test_setup_teardown(plan1_third_and_fourth, setup, teardown),
      cmocka_unit_test_setup_teardown(plan1_rule_versions, setup, teardown),
      cmocka_unit_test_setup_teardown(plan2_third_and_fourth_title, setup, teardown),
      cmocka_unit_test_setup_teardown(plan3_and_plan11, setup, teardown),
      cmocka_unit_test_setup_teardown(disc1_last_barred_day, setup, teardown),
      cmocka_unit_test_setup_teardown(disc2_last_barred_day, setup, teardown),
      cmocka_unit_test_setup_teardown(disc3_longer_wins, setup, teardown),
      cmocka_unit_test_setup_teardown(std1_gaps, setup, teardown),
      cmocka_unit_test_setup_teardown(rot3_local, setup, teardown),
      cmocka_unit_test_setup_teardown(appt1_planned, setup, teardown),
      cmocka_unit_test_setup_teardown(appt2_time_in_post, setup, teardown),
      cmocka_unit_test_setup_teardown(appt10_head_terms, setup, teardown),
      cmocka_unit_test_setup_teardown(appt5_off_then_on, setup, teardown),
      cmocka_unit_test_setup_teardown(errors_scope_and_json, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

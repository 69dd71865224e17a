/*
** ROT-4, heads in one post too long (rotation_long_tenure): a tenure follows earlier posts of the same title and
** unit that end within 31 days of the next one's start, and counts the appointment decisions to the post when
** they make more terms than the months do.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/err.h"
#include "domain/appointment.h"
#include "domain/rotation.h"
#include "test_fixture_appt.h"

static const char CADRES[] = "code,full_name,gender,birth_date,unit_code\n"
                             "A,Nguyễn Văn An,M,1975-03-02,PTC\n"
                             "B,Trần Văn Bình,M,1976-04-03,PKT\n"
                             "C,Lê Thị Cúc,F,1980-05-04,HX\n"
                             "D,Phạm Văn Dũng,M,1970-06-05,PTC\n";
/* A: three posts of head of PTC, 15 days apart; B: head of PKT, a gap of 45 days; C: party secretary of HX
   since 2021; D: accountant since 2000 (not a head). */
static const char POSITIONS[] = "cadre_code,unit_code,title_code,start_date,end_date\n"
                                "A,PTC,TP,2008-01-01,2012-12-31\n"
                                "A,PTC,TP,2013-01-15,2017-12-31\n"
                                "A,PTC,TP,2018-01-10,\n"
                                "B,PKT,TP,2010-01-01,2019-01-15\n"
                                "B,PKT,TP,2019-03-01,\n"
                                "C,HX,BT,2021-07-01,\n"
                                "D,PTC,KT,2000-01-01,\n";

static int setup(void **state) { return fx_open(state, "rotation", CADRES, POSITIONS); }
static int teardown(void **state) { return fx_close(state); }

/* An appointment decision of `kind` for cadre to title in unit on date. */
static void decide(Fx *f, const char *cadre, const char *unit, const char *title, const char *kind, const char *date) {
  DbStmt *st = db_prepare(f->db, "INSERT INTO appointments(cadre_id, kind, unit_id, title_id, decision_date) VALUES "
                                 "((SELECT id FROM cadres WHERE code = ?1), ?4, (SELECT id FROM units WHERE code = ?2), "
                                 "(SELECT id FROM titles WHERE code = ?3), ?5)");
  db_bind_text(st, 1, cadre), db_bind_text(st, 2, unit), db_bind_text(st, 3, title);
  db_bind_text(st, 4, kind), db_bind_text(st, 5, date);
  assert_int_equal(db_run(st), 0);
}

static void long_tenures_follow_posts_and_count_decisions(void **state) {
  Fx *f = *state;
  /* C: appointed 2021, reappointed twice since (3 decisions in her 59 months), one nomination and one older
     decision that do not count */
  decide(f, "C", "HX", "BT", "appointment", "2021-07-01");
  decide(f, "C", "HX", "BT", "reappointment", "2023-01-01");
  decide(f, "C", "HX", "BT", "reappointment", "2025-01-01");
  decide(f, "C", "HX", "BT", "nomination", "2025-02-01");
  decide(f, "C", "HX", "BT", "appointment", "2015-01-01");
  LongTenure *v;
  int n;
  assert_int_equal(rotation_long_tenure(f->db, f->a, scope_all(), NULL, "2026-06-30", &v, &n), 0);
  assert_int_equal(n, 2); /* B: 87 months since the gap of 45 days, 2 terms; D is no head */
  assert_string_equal(v[0].cadre_code, "A");
  assert_string_equal(v[0].since, "2008-01-01"); /* followed back over the 15-day gaps */
  assert_int_equal(v[0].months, 221);
  assert_int_equal(v[0].terms, 4);
  assert_string_equal(v[1].cadre_code, "C");
  assert_string_equal(v[1].since, "2021-07-01");
  assert_int_equal(v[1].months, 59);
  assert_int_equal(v[1].terms, 3); /* the decisions, not the months (1 term) */
  /* before A's third post: two posts, 2008-2017 (on 2017-12-31: 119 months, 2 terms: not listed); a subtree */
  assert_int_equal(rotation_long_tenure(f->db, f->a, scope_all(), NULL, "2017-12-31", &v, &n), 0);
  assert_int_equal(n, 0);
  assert_int_equal(rotation_long_tenure(f->db, f->a, scope_all(), "HX", "2026-06-30", &v, &n), 0);
  assert_int_equal(n, 1);
  assert_string_equal(v[0].cadre_code, "C");
}

/* A rotation of cadre to unit on date (from the cadre's unit). */
static void rotate(Fx *f, const char *cadre, const char *unit, const char *date) {
  DbStmt *st = db_prepare(f->db, "INSERT INTO rotations(cadre_id, kind, from_unit_id, to_unit_id, date) VALUES "
                                 "((SELECT id FROM cadres WHERE code = ?1), 'rotation', (SELECT unit_id FROM cadres "
                                 "WHERE code = ?1), (SELECT id FROM units WHERE code = ?2), ?3)");
  db_bind_text(st, 1, cadre), db_bind_text(st, 2, unit), db_bind_text(st, 3, date);
  assert_int_equal(db_run(st), 0);
}

/*
** The lists of rotations and decisions read one page at a time: the same rows as the whole list's, newest first;
** the total of the whole list on every page (counted, or known on the last page); past the end no row, the total
** still; the CSV's whole list (limit 0).
*/
static void lists_are_read_a_page_at_a_time(void **state) {
  Fx *f = *state;
  const char *dates[] = {"2024-01-05", "2025-03-01", "2023-07-09", "2025-03-01", "2026-02-02"};
  for (int i = 0; i < 5; i++) {
    rotate(f, i % 2 ? "B" : "C", "PTC", dates[i]);
    decide(f, i % 2 ? "B" : "C", "PTC", "TP", "appointment", dates[i]);
  }
  RotationRow *all, *v;
  int nall, n;
  long long total = -1;
  assert_int_equal(rotation_list(f->db, f->a, scope_all(), NULL, 0, 0, 0, &all, &nall, &total), 0);
  assert_int_equal(nall, 5);
  assert_int_equal(total, 5);
  assert_string_equal(all[0].date, "2026-02-02");
  assert_string_equal(all[4].date, "2023-07-09");
  for (int off = 0; off <= 6; off += 2) {
    total = -1;
    assert_int_equal(rotation_list(f->db, f->a, scope_all(), NULL, 0, off, 2, &v, &n, &total), 0);
    assert_int_equal(n, off >= 5 ? 0 : off + 2 > 5 ? 1 : 2);
    assert_int_equal(total, 5);
    for (int i = 0; i < n; i++) assert_int_equal(v[i].id, all[off + i].id); /* ties on the date: by id */
  }
  total = -1;
  assert_int_equal(rotation_list(f->db, f->a, scope_all(), NULL, 2025, 0, 1, &v, &n, &total), 0);
  assert_int_equal(n, 1);
  assert_int_equal(total, 2);
  ApptRow *aall, *av;
  assert_int_equal(appt_list(f->db, f->a, scope_all(), NULL, 0, 0, 0, &aall, &nall, &total), 0);
  assert_int_equal(nall, 5);
  for (int off = 0; off <= 6; off += 2) {
    total = -1;
    assert_int_equal(appt_list(f->db, f->a, scope_all(), NULL, 0, off, 2, &av, &n, &total), 0);
    assert_int_equal(n, off >= 5 ? 0 : off + 2 > 5 ? 1 : 2);
    assert_int_equal(total, 5);
    for (int i = 0; i < n; i++) assert_int_equal(av[i].id, aall[off + i].id);
  }
  assert_int_equal(appt_list(f->db, f->a, scope_all(), "HX", 0, 0, 2, &av, &n, &total), 0);
  assert_int_equal(n, 0);
  assert_int_equal(total, 0);
}

/* A rotation recorded on D ends the old main post on D - 1 and starts the new one on D (as an appointment does): on
   no day does the cadre hold two main posts. */
static void a_rotation_ends_the_old_post_the_day_before(void **state) {
  Fx *f = *state;
  RotationReq rq = {.cadre_code = "D", .kind = "rotation", .to_unit_code = "PKT", .to_title_code = "KT",
                    .date = "2024-03-01"};
  Findings out;
  long long id;
  assert_int_equal(rotation_record(f->db, f->a, scope_all(), &rq, "t", false, &id, &out), 0);
  DbStmt *st = db_prepare(f->db, "SELECT u.code, p.start_date, coalesce(p.end_date, '-') FROM positions p JOIN units u "
                                 "ON u.id = p.unit_id WHERE p.cadre_id = (SELECT id FROM cadres WHERE code = 'D') "
                                 "ORDER BY p.start_date");
  const char *want[][3] = {{"PTC", "2000-01-01", "2024-02-29"}, {"PKT", "2024-03-01", "-"}};
  for (int i = 0; i < 2; i++) {
    assert_int_equal(db_step(st), DB_ROW);
    for (int k = 0; k < 3; k++) assert_string_equal(db_text(st, k), want[i][k]);
  }
  assert_int_equal(db_step(st), DB_DONE);
  db_finalize(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(a_rotation_ends_the_old_post_the_day_before, setup, teardown),
      cmocka_unit_test_setup_teardown(long_tenures_follow_posts_and_count_decisions, setup, teardown),
      cmocka_unit_test_setup_teardown(lists_are_read_a_page_at_a_time, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

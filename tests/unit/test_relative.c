/*
** Family relations and the REL rules: appointing the spouse of a unit's
** head as its accountant fails REL-1 with its basis; the reverse direction
** (a head whose spouse already keeps the books) fails too; an in-law in the
** leadership warns (REL-2); before REL-1's effective date it is n/a; a
** relative among a proposal's voters warns; the report lists the pair.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/err.h"
#include "domain/appointment.h"
#include "domain/relative.h"
#include "domain/unit.h"
#include "test_fixture_appt.h"

static const char CADRES[] = "code,full_name,gender,birth_date,unit_code\n"
                             "H,Nguyễn Văn Hùng,M,1975-04-02,PTC\n"   /* head of PTC */
                             "S,Trần Thị Sen,F,1980-06-01,PTC\n"      /* H's wife */
                             "K,Lê Thị Kim,F,1982-01-01,PKT\n"        /* accountant of PKT */
                             "L,Phạm Văn Long,M,1978-01-01,PKT\n"     /* K's husband */
                             "I,Đỗ Văn Ích,M,1979-01-01,PKT\n"        /* deputy of PKT, L's brother-in-law */
                             "X,Vũ Văn Xuân,M,1985-01-01,PTC\n";
static const char POSITIONS[] = "cadre_code,unit_code,title_code,start_date\n"
                                "H,PTC,TP,2018-01-01\n"
                                "K,PKT,KT,2016-01-01\n"
                                "I,PKT,PP,2017-01-01\n"
                                "X,PTC,CV,2015-01-01\n";

static int setup(void **state) {
  if (fx_open(state, "rel", CADRES, POSITIONS)) return -1;
  Fx *f = *state;
  const char rel[] = "cadre_code,relative_code,relation\n"
                     "H,S,spouse\n"
                     "K,L,spouse\n"
                     "I,L,sibling_in_law\n";
  return fx_import(f, "relatives", rel);
}
static int teardown(void **state) { return fx_close(state); }

static long long id_of(Fx *f, const char *table_cadres_or_units_or_titles, const char *code) {
  if (strcmp(table_cadres_or_units_or_titles, "cadres") == 0) return fx_int(f, "SELECT id FROM cadres WHERE code = ?", code);
  if (strcmp(table_cadres_or_units_or_titles, "units") == 0) return fx_int(f, "SELECT id FROM units WHERE code = ?", code);
  return fx_int(f, "SELECT id FROM titles WHERE code = ?", code);
}

static const Finding *find(const Findings *fs, const char *rule, Result r) {
  for (int i = 0; i < fs->n; i++)
    if (strcmp(fs->v[i].rule, rule) == 0 && fs->v[i].result == r) return &fs->v[i];
  return NULL;
}

static Findings check_in(Fx *f, Scope scope, const char *cadre, const char *unit, const char *title, const char *date) {
  Findings fs;
  findings_init(&fs, f->a);
  assert_int_equal(relative_check(f->db, scope, &fs, id_of(f, "cadres", cadre), id_of(f, "units", unit),
                                  id_of(f, "titles", title), date),
                   0);
  return fs;
}
static Findings check(Fx *f, const char *cadre, const char *unit, const char *title, const char *date) {
  return check_in(f, scope_all(), cadre, unit, title, date);
}

/* Issue 12: a relative whose unit is outside the reader's scope is never named: same verdict, no name, code or unit. */
static void relative_outside_the_scope_is_not_named(void **state) {
  Fx *f = *state;
  Unit pkt;
  assert_int_equal(unit_find(f->db, f->a, scope_all(), "PKT", &pkt), 0);
  Findings fs = check_in(f, scope_unit(pkt.path), "S", "PTC", "KT", "2024-01-01");
  const Finding *x = find(&fs, "REL-1", RESULT_FAIL);
  assert_non_null(x);
  assert_non_null(strstr(x->message, "Một người thân ngoài phạm vi đơn vị của bạn"));
  assert_null(strstr(x->message, "Hùng"));
  assert_null(strstr(x->message, "(H)"));
  assert_null(strstr(x->message, "Trưởng phòng"));
  assert_int_equal(findings_verdict(&fs), RESULT_FAIL);
  /* REL-2 (an in-law in the leadership) the same way, seen from a scope without PKT */
  Unit ptc;
  assert_int_equal(unit_find(f->db, f->a, scope_all(), "PTC", &ptc), 0);
  fs = check_in(f, scope_unit(ptc.path), "L", "PKT", "CV", "2024-01-01");
  x = find(&fs, "REL-2", RESULT_WARN);
  assert_non_null(x);
  assert_non_null(strstr(x->message, "Một người thân ngoài phạm vi đơn vị của bạn"));
  for (int i = 0; i < fs.n; i++) {
    assert_null(strstr(fs.v[i].message, "Đỗ Văn Ích"));
    assert_null(strstr(fs.v[i].message, "Lê Thị Kim"));
  }
}

static void spouse_of_head_as_accountant_fails(void **state) {
  Fx *f = *state;
  Findings fs = check(f, "S", "PTC", "KT", "2024-01-01");
  const Finding *x = find(&fs, "REL-1", RESULT_FAIL);
  assert_non_null(x);
  assert_non_null(strstr(x->basis, "Luật Phòng, chống tham nhũng 2018, Điều 20"));
  assert_non_null(strstr(x->message, "Nguyễn Văn Hùng (H), chồng của người được xem xét"));
  assert_non_null(strstr(x->message, "«Trưởng phòng»"));
  assert_int_equal(findings_verdict(&fs), RESULT_FAIL);
  /* The same post in another unit, or a post that is not listed, is fine. */
  fs = check(f, "S", "PKT", "KT", "2024-01-01");
  assert_null(find(&fs, "REL-1", RESULT_FAIL));
  assert_non_null(find(&fs, "REL-1", RESULT_PASS));
  fs = check(f, "S", "PTC", "CV", "2024-01-01");
  assert_non_null(find(&fs, "REL-1", RESULT_NA));
  /* Before the 2018 law's effective date (01/07/2019) the 2005 law (Điều 37) holds the same ban. */
  fs = check(f, "S", "PTC", "KT", "2019-06-30");
  assert_non_null(find(&fs, "REL-1", RESULT_FAIL));
  assert_non_null(strstr(find(&fs, "REL-1", RESULT_FAIL)->basis, "2005"));
  fs = check(f, "S", "PTC", "KT", "2019-07-01");
  assert_non_null(find(&fs, "REL-1", RESULT_FAIL));
}

static void head_whose_spouse_keeps_the_books_fails(void **state) {
  Fx *f = *state;
  Findings fs = check(f, "L", "PKT", "TP", "2024-01-01"); /* K, L's wife, is PKT's accountant */
  const Finding *x = find(&fs, "REL-1", RESULT_FAIL);
  assert_non_null(x);
  assert_non_null(strstr(x->message, "Lê Thị Kim (K), vợ của người được xem xét, đang giữ chức vụ «Kế toán»"));
  /* Once K's post has ended, nothing is left to report. */
  fs = check(f, "L", "PKT", "TP", "2015-06-01");
  assert_null(find(&fs, "REL-1", RESULT_FAIL));
}

static void in_law_in_leadership_warns(void **state) {
  Fx *f = *state;
  Findings fs = check(f, "L", "PKT", "CV", "2024-01-01"); /* I, brother-in-law, is deputy head of PKT */
  const Finding *x = find(&fs, "REL-2", RESULT_WARN);
  assert_non_null(x);
  assert_non_null(strstr(x->message, "Đỗ Văn Ích (I)"));
  assert_non_null(strstr(x->basis, "Quy định 114-QĐ/TW"));
  assert_null(find(&fs, "REL-1", RESULT_FAIL)); /* in-laws are not in REL-1's list */
  fs = check(f, "X", "PKT", "CV", "2024-01-01");
  assert_non_null(find(&fs, "REL-2", RESULT_PASS));
}

static void relations_both_ways_and_guards(void **state) {
  Fx *f = *state;
  assert_string_equal(relation_reverse("parent"), "child");
  assert_string_equal(relation_reverse("child_in_law"), "parent_in_law");
  assert_string_equal(relation_reverse("spouse"), "spouse");
  assert_null(relation_reverse("cousin"));
  assert_string_equal(relation_label("spouse", "F"), "vợ");
  assert_string_equal(relation_label("parent", "M"), "bố");
  long long id;
  long long h = id_of(f, "cadres", "H"), s = id_of(f, "cadres", "S"), x = id_of(f, "cadres", "X");
  assert_int_equal(relative_insert(f->db, s, h, "spouse", &id), CB_EEXIST); /* reverse of H,S */
  assert_int_equal(relative_insert(f->db, x, x, "sibling", &id), CB_EINVAL);
  assert_int_equal(relative_insert(f->db, x, h, "cousin", &id), CB_EINVAL);
  Findings fs;
  assert_int_equal(relative_add(f->db, f->a, scope_all(), "test", "X", "H", "parent", "2024-01-01", &fs, &id), 0);
  assert_int_equal(fx_int(f, "SELECT count(*) FROM audit WHERE entity = ?", "relative"), 1);
  assert_int_equal(fx_int(f, "SELECT count(*) FROM findings WHERE subject = ?", "relative") > 0, 1);
  /* Stored as "H is X's parent": seen from X, H heads PTC. */
  fs = check(f, "X", "PTC", "KT", "2024-01-01");
  assert_int_equal(fs.n > 0, 1);
  assert_non_null(find(&fs, "REL-1", RESULT_FAIL)); /* X would become accountant under his father */
}

static void relative_among_voters_warns(void **state) {
  Fx *f = *state;
  const char *const voters[] = {"H", "X"};
  ProposalReq pr = {.cadre_code = "S", .kind = "appointment", .unit_code = "PTC", .title_code = "PP",
                    .source = "internal", .date = "2024-01-01", .participants = voters, .nparticipants = 2};
  long long id;
  Findings fs;
  assert_int_equal(appt_proposal_create(f->db, f->a, scope_all(), &pr, "test", &id, &fs), 0);
  bool seen = false;
  for (int i = 0; i < fs.n; i++)
    if (strcmp(fs.v[i].rule, "REL-2") == 0 && fs.v[i].result == RESULT_WARN &&
        strstr(fs.v[i].message, "Nguyễn Văn Hùng (H, chồng, người biểu quyết)"))
      seen = true;
  assert_true(seen);
}

static void report_lists_the_pair(void **state) {
  Fx *f = *state;
  /* S becomes PTC's accountant anyway (an imported position): the report shows the pair. */
  const char pos[] = "cadre_code,unit_code,title_code,start_date\nS,PTC,KT,2023-01-01\nL,PKT,CV,2023-01-01\n";
  assert_int_equal(fx_import(f, "positions", pos), 0);
  RelPair *p;
  int n;
  assert_int_equal(relative_report(f->db, f->a, scope_all(), "MC", "2024-01-01", &p, &n), 0);
  assert_int_equal(n, 3);
  assert_string_equal(p[0].a_code, "H"); /* fails sort first */
  assert_string_equal(p[0].b_code, "S");
  assert_string_equal(p[0].rule, "REL-1");
  assert_int_equal(p[0].result, RESULT_FAIL);
  assert_string_equal(p[0].relation_label, "vợ");
  assert_string_equal(p[0].unit_code, "PTC");
  assert_non_null(strstr(p[0].a_posts, "Trưởng phòng"));
  assert_non_null(strstr(p[0].b_posts, "Kế toán"));
  assert_string_equal(p[1].a_code, "I"); /* then warnings: I (deputy head) and L, brother-in-law, both in PKT */
  assert_string_equal(p[1].rule, "REL-2");
  assert_int_equal(p[1].result, RESULT_WARN);
  assert_string_equal(p[2].a_code, "K"); /* K (accountant) and L (specialist): nothing to report */
  assert_int_equal(p[2].result, RESULT_PASS);
  assert_string_equal(p[2].unit_code, "PKT");
  /* In mid-2016 only K held a post (PKT's accountant): no pair has a unit in common, nothing to report. */
  assert_int_equal(relative_report(f->db, f->a, scope_all(), "MC", "2016-06-01", &p, &n), 0);
  assert_int_equal(n, 3);
  for (int i = 0; i < n; i++) {
    assert_int_equal(p[i].result, RESULT_PASS);
    assert_null(p[i].rule);
    assert_null(p[i].unit_code);
    assert_string_equal(p[i].message, "Không cùng đơn vị.");
    if (strcmp(p[i].a_code, "K") == 0) assert_non_null(strstr(p[i].a_posts, "Kế toán"));
    else assert_null(p[i].a_posts);
    assert_null(p[i].b_posts);
  }
  /* Only PTC's subtree: the PTC pair only. */
  assert_int_equal(relative_report(f->db, f->a, scope_all(), "PTC", "2024-01-01", &p, &n), 0);
  assert_int_equal(n, 1);
  assert_int_equal(relative_report(f->db, f->a, scope_all(), "NOPE", "2024-01-01", &p, &n), CB_ENOTFOUND);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(spouse_of_head_as_accountant_fails, setup, teardown),
      cmocka_unit_test_setup_teardown(head_whose_spouse_keeps_the_books_fails, setup, teardown),
      cmocka_unit_test_setup_teardown(in_law_in_leadership_warns, setup, teardown),
      cmocka_unit_test_setup_teardown(relations_both_ways_and_guards, setup, teardown),
      cmocka_unit_test_setup_teardown(relative_among_voters_warns, setup, teardown),
      cmocka_unit_test_setup_teardown(report_lists_the_pair, setup, teardown),
      cmocka_unit_test_setup_teardown(relative_outside_the_scope_is_not_named, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
** Appointments at their boundaries: a meeting with exactly 2/3 present is
** valid and one fewer is not; exactly 50% of those summoned fails and one
** vote more passes; 5 steps (internal) vs 3 (external), in order, dates not
** going backwards; a failed vote closes the proposal; the decision creates
** the appointment (term end 01/03/2020 -> 28/02/2025) and the position and
** ends the previous one; a failing finding refuses unless overridden; the
** due list at its 90-day boundary and the extension/reappointment split at
** 24 months. Reappointment and extension have their own procedures
** (APPT-RENEW): the report, the key-cadre confidence vote (> 50% of those
** present), the collective vote (> 50% of its members, exactly 50%: the head
** decides), the decision; APPT-2 then measures the post being renewed, not a
** higher concurrent seat.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/err.h"
#include "domain/appointment.h"
#include "domain/docs/doc_kinds.h"
#include "domain/planning.h"
#include "domain/unit.h"
#include "test_fixture_appt.h"

static const char CADRES[] = "code,full_name,gender,birth_date,unit_code\n"
                             "A1,Nguyễn Văn An,M,1980-05-10,PTC\n"
                             "A2,Trần Thị Bình,F,1970-01-15,PKT\n"
                             "A3,Lê Thị Cúc,F,1970-01-20,HX\n"
                             "A4,Phạm Văn Dũng,M,1975-03-01,PKT\n"
                             "OLD,Hoàng Văn Già,M,1962-01-01,PTC\n";
static const char POSITIONS[] = "cadre_code,unit_code,title_code,start_date\n"
                                "A1,PTC,CV,2015-01-01\n";

static int setup(void **state) { return fx_open(state, "appt", CADRES, POSITIONS); }
static int teardown(void **state) { return fx_close(state); }

static RuleVersion vote_rule(void) {
  RuleVersion rv = {.rule = "APPT-VOTE", .params = "{\"quorum_num\":2,\"quorum_den\":3,\"pass_pct\":50}", .basis = ""};
  return rv;
}

static void quorum_exactly_two_thirds(void **state) {
  Fx *f = *state;
  RuleVersion rv = vote_rule();
  bool valid, passed;
  const char *ex;
  appt_vote_eval(&rv, f->a, 21, 14, 14, &valid, &passed, &ex); /* 14/21 == 2/3 exactly */
  assert_true(valid);
  appt_vote_eval(&rv, f->a, 21, 13, 13, &valid, &passed, &ex);
  assert_false(valid);
  assert_false(passed);
  assert_non_null(strstr(ex, "Có mặt 13/21 (< 2/3: không hợp lệ"));
  appt_vote_eval(&rv, f->a, 20, 14, 11, &valid, &passed, &ex); /* 13.33 needed: 14 is the least */
  assert_true(valid);
  appt_vote_eval(&rv, f->a, 20, 13, 11, &valid, &passed, &ex);
  assert_false(valid);
}

static void votes_exactly_half_fail(void **state) {
  Fx *f = *state;
  RuleVersion rv = vote_rule();
  bool valid, passed;
  const char *ex;
  appt_vote_eval(&rv, f->a, 20, 14, 10, &valid, &passed, &ex);
  assert_true(valid);
  assert_false(passed);
  assert_string_equal(ex, "Có mặt 14/20 (≥ 2/3: hợp lệ); đồng ý 10/20 = 50% ≤ 50%: không đạt");
  appt_vote_eval(&rv, f->a, 20, 14, 11, &valid, &passed, &ex);
  assert_true(passed);
  assert_string_equal(ex, "Có mặt 14/20 (≥ 2/3: hợp lệ); đồng ý 11/20 = 55% > 50%: đạt");
  /* Of those summoned, not of those present: 10 of 14 present is still 50% of 20. */
  appt_vote_eval(&rv, f->a, 3, 2, 2, &valid, &passed, &ex);
  assert_true(passed);
  assert_non_null(strstr(ex, "66,7%"));
  appt_vote_eval(&rv, f->a, 20, 14, -1, &valid, &passed, &ex); /* step 1: no vote */
  assert_true(passed);
}

static void term_end_boundaries(void **state) {
  Fx *f = *state;
  assert_string_equal(appt_term_end(f->a, "2020-03-01", 5), "2025-02-28");
  assert_string_equal(appt_term_end(f->a, "2019-03-01", 5), "2024-02-29");
  assert_string_equal(appt_term_end(f->a, "2020-02-29", 5), "2025-02-28");
  assert_string_equal(appt_term_end(f->a, "2021-01-01", 5), "2025-12-31");
  assert_null(appt_term_end(f->a, "2021-02-30", 5));
}

static long long propose(Fx *f, const char *cadre, const char *title, const char *unit, const char *source,
                         const char *date) {
  ProposalReq pr = {.cadre_code = cadre, .kind = "appointment", .unit_code = unit, .title_code = title,
                    .source = source, .date = date};
  long long id = 0;
  Findings fs;
  assert_int_equal(appt_proposal_create(f->db, f->a, scope_all(), &pr, "test", &id, &fs), 0);
  assert_true(fs.n > 0); /* the eligibility findings were produced and stored */
  assert_int_equal(fx_int(f, "SELECT count(*) FROM findings WHERE subject = 'proposal'", NULL) > 0, 1);
  return id;
}

static int step(Fx *f, long long id, int n, const char *date, int summoned, int present, int votes, const char **why) {
  StepReq s = {.step = n, .date = date, .summoned = summoned, .present = present, .votes_for = votes};
  ProposalStep out;
  return appt_step_record(f->db, f->a, scope_all(), id, &s, "test", &out, why);
}

static void five_steps_internal_three_external(void **state) {
  Fx *f = *state;
  assert_int_equal(appt_steps_required("internal"), 5);
  assert_int_equal(appt_steps_required("external"), 3);
  assert_string_equal(appt_step_name("external", 3),
                      "Lấy ý kiến cán bộ chủ chốt nơi nhân sự đang công tác; tập thể lãnh đạo biểu quyết (bỏ phiếu kín)");
  long long in = propose(f, "A1", "PP", "PTC", "internal", "2020-01-10");
  const char *why;
  assert_int_equal(step(f, in, 2, "2020-01-15", 9, 9, 9, &why), CB_EINVAL); /* out of order */
  assert_non_null(strstr(why, "Bước tiếp theo là bước 1"));
  assert_int_equal(step(f, in, 1, "2020-01-09", 9, 9, -1, &why), CB_EINVAL); /* before the proposal */
  assert_non_null(strstr(why, "Ngày họp 09/01/2020 trước ngày"));
  assert_int_equal(step(f, in, 1, "2100-01-15", 9, 9, -1, &why), CB_EINVAL); /* not held yet */
  assert_non_null(strstr(why, "Ngày họp 15/01/2100 là ngày trong tương lai"));
  assert_int_equal(step(f, in, 1, "2020-01-15", 9, 9, -1, &why), 0);
  assert_int_equal(step(f, in, 2, "2020-01-14", 30, 25, 20, &why), CB_EINVAL); /* backwards */
  assert_non_null(strstr(why, "ngày không được lùi lại"));
  assert_int_equal(step(f, in, 2, "2020-01-20", 30, 25, 26, &why), CB_EINVAL); /* votes > present */
  assert_int_equal(step(f, in, 2, "2020-01-20", 30, 25, 20, &why), 0);
  assert_int_equal(step(f, in, 3, "2020-01-21", 9, 8, 7, &why), 0);
  assert_int_equal(step(f, in, 4, "2020-01-25", 60, 50, 45, &why), 0);
  DecisionReq dr = {.date = "2020-03-01", .decision_no = "15/QĐ-UBND", .override = "kiểm thử"};
  long long aid;
  Findings fs;
  assert_int_equal(appt_decide(f->db, f->a, scope_all(), in, &dr, "test", &aid, &fs, &why), CB_EINVAL); /* 4 of 5 */
  assert_non_null(strstr(why, "4/5"));
  assert_int_equal(step(f, in, 5, "2020-02-01", 9, 9, 8, &why), 0);
  assert_int_equal(step(f, in, 6, "2020-02-02", 9, 9, 8, &why), CB_EINVAL); /* there is no 6th step */
  long long ex = propose(f, "A4", "TP", "PKT", "external", "2020-01-10");
  assert_int_equal(step(f, ex, 1, "2020-01-11", 9, 9, -1, &why), 0);
  assert_int_equal(step(f, ex, 2, "2020-01-12", 9, 6, 0, &why), 0);
  assert_int_equal(step(f, ex, 3, "2020-01-13", 40, 30, 25, &why), 0);
  assert_int_equal(step(f, ex, 4, "2020-01-14", 9, 9, 9, &why), CB_EINVAL);
  dr.decision_no = "16/QĐ-UBND";
  assert_int_equal(appt_decide(f->db, f->a, scope_all(), ex, &dr, "test", &aid, &fs, &why), 0);
  Proposal p;
  assert_int_equal(appt_proposal_get(f->db, f->a, scope_all(), ex, &p), 0);
  assert_string_equal(p.status, "decided");
  assert_int_equal(p.nsteps, 3);
  assert_int_equal(p.steps_required, 3);
}

static void failed_vote_closes_invalid_meeting_repeats(void **state) {
  Fx *f = *state;
  long long id = propose(f, "A1", "TP", "PTC", "internal", "2021-01-04");
  const char *why;
  assert_int_equal(step(f, id, 1, "2021-01-05", 9, 9, -1, &why), 0);
  assert_int_equal(step(f, id, 2, "2021-01-06", 30, 19, 19, &why), 0); /* 19 < 20 present: invalid, open */
  Proposal p;
  assert_int_equal(appt_proposal_get(f->db, f->a, scope_all(), id, &p), 0);
  assert_string_equal(p.status, "open");
  assert_false(p.steps[1].valid);
  assert_int_equal(step(f, id, 2, "2021-01-07", 30, 20, 15, &why), 0); /* held again: 15/30 = 50% fails */
  assert_int_equal(appt_proposal_get(f->db, f->a, scope_all(), id, &p), 0);
  assert_int_equal(p.nsteps, 2);
  assert_true(p.steps[1].valid);
  assert_false(p.steps[1].passed);
  assert_string_equal(p.status, "failed");
  assert_int_equal(step(f, id, 3, "2021-01-08", 9, 9, 9, &why), CB_EINVAL);
  assert_non_null(strstr(why, "Đề nghị đã kết thúc"));
}

static long long full_internal(Fx *f, const char *cadre, const char *title, const char *unit, const char *date) {
  long long id = propose(f, cadre, title, unit, "internal", date);
  const char *why;
  assert_int_equal(step(f, id, 1, date, 9, 9, -1, &why), 0);
  for (int s = 2; s <= 5; s++) assert_int_equal(step(f, id, s, date, 10, 7, 6, &why), 0);
  return id;
}

static void decision_creates_appointment_and_position(void **state) {
  Fx *f = *state;
  long long id = full_internal(f, "A1", "PP", "PTC", "2020-02-10");
  DecisionReq dr = {.date = "2020-02-09", .decision_no = "15/QĐ-UBND", .override = "kiểm thử"};
  long long aid;
  Findings fs;
  const char *why;
  assert_int_equal(appt_decide(f->db, f->a, scope_all(), id, &dr, "test", &aid, &fs, &why), CB_EINVAL); /* before step 5 */
  dr.date = "2020-03-01";
  assert_int_equal(appt_decide(f->db, f->a, scope_all(), id, &dr, "test", &aid, &fs, &why), 0);
  assert_string_equal(fx_text(f, "SELECT term_end FROM appointments WHERE decision_no = ?", "15/QĐ-UBND"), "2025-02-28");
  assert_int_equal(fx_int(f, "SELECT term_years FROM appointments WHERE decision_no = ?", "15/QĐ-UBND"), 5);
  assert_string_equal(fx_text(f, "SELECT p.start_date FROM positions p JOIN appointments a ON a.position_id = p.id "
                                 "WHERE a.decision_no = ?", "15/QĐ-UBND"), "2020-03-01");
  assert_int_equal(fx_int(f, "SELECT count(*) FROM positions p JOIN titles t ON t.id = p.title_id "
                             "WHERE t.code = 'PP' AND p.decision_no = ? AND p.end_date IS NULL", "15/QĐ-UBND"), 1);
  assert_string_equal(fx_text(f, "SELECT p.end_date FROM positions p JOIN titles t ON t.id = p.title_id "
                                 "WHERE t.code = ?", "CV"), "2020-02-29");
  assert_int_equal(fx_int(f, "SELECT count(*) FROM findings WHERE subject = 'appointment'", NULL) > 0, 1);
  assert_int_equal(fx_int(f, "SELECT count(*) FROM audit WHERE entity = ?", "appointment"), 1);
  Proposal p;
  assert_int_equal(appt_proposal_get(f->db, f->a, scope_all(), id, &p), 0);
  assert_string_equal(p.status, "decided");
  assert_string_equal(p.term_end, "2025-02-28");
  assert_int_equal(appt_decide(f->db, f->a, scope_all(), id, &dr, "test", &aid, &fs, &why), CB_EINVAL); /* decided once */
}

/* Appointed head, the cadre's deputy post of that body ends too, concurrent or not (a trial's commune kept both). */
static void head_ends_own_deputy_post(void **state) {
  Fx *f = *state;
  assert_int_equal(fx_import(f, "positions", "cadre_code,unit_code,title_code,start_date,concurrent\n"
                                             "A4,PKT,CV,2015-01-01,0\nA4,PKT,PP,2018-01-01,1\n"),
                   0);
  /* A4 is in the pool of the title: appointed to it, A4 leaves that pool on the decision date */
  long long unit = fx_int(f, "SELECT id FROM units WHERE code = ?", "PKT"), title = fx_int(f, "SELECT id FROM titles WHERE code = ?", "TP");
  long long a4 = fx_int(f, "SELECT id FROM cadres WHERE code = ?", "A4"), act;
  assert_int_equal(planning_insert_act(f->db, "2020-2025", unit, title, a4, "add", "2020-06-01", NULL, NULL, NULL, "t", &act), 0);
  long long id = full_internal(f, "A4", "TP", "PKT", "2021-01-10");
  DecisionReq dr = {.date = "2021-02-01", .decision_no = "16/QĐ-UBND", .override = "kiểm thử"};
  long long aid;
  Findings fs;
  const char *why;
  assert_int_equal(appt_decide(f->db, f->a, scope_all(), id, &dr, "test", &aid, &fs, &why), 0);
  assert_string_equal(fx_text(f, "SELECT p.end_date FROM positions p JOIN titles t ON t.id = p.title_id JOIN cadres c "
                                 "ON c.id = p.cadre_id WHERE c.code = 'A4' AND t.code = ?", "PP"),
                      "2021-01-31");
  assert_int_equal(fx_int(f, "SELECT count(*) FROM record_history WHERE entity = 'position' AND field = 'end_date' AND "
                             "new = '2021-01-31' AND source = ?", "act:appointment"),
                   2); /* the main post (CV) and the deputy post (PP) */
  assert_int_equal(planning_is_member(f->db, f->a, "2020-2025", unit, title, a4, "2021-02-01", NULL), 0);
  assert_int_equal(fx_int(f, "SELECT count(*) FROM planning WHERE action = 'remove' AND date = '2021-02-01' AND "
                             "decision_no = ?", "16/QĐ-UBND"),
                   1);
}

static void failing_rule_refuses_without_override(void **state) {
  Fx *f = *state;
  long long id = full_internal(f, "OLD", "TP", "PTC", "2020-02-10"); /* 58 at the decision: no full term left */
  DecisionReq dr = {.date = "2020-03-01", .decision_no = "99/QĐ"};
  long long aid;
  Findings fs;
  const char *why;
  long long before = fx_int(f, "SELECT count(*) FROM appointments", NULL);
  assert_int_equal(appt_decide(f->db, f->a, scope_all(), id, &dr, "test", &aid, &fs, &why), CB_ERULE);
  assert_int_equal(findings_verdict(&fs), RESULT_FAIL);
  assert_int_equal(fx_int(f, "SELECT count(*) FROM appointments", NULL), before);
  assert_int_equal(fx_int(f, "SELECT count(*) FROM positions WHERE decision_no = ?", "99/QĐ"), 0);
  dr.override = "Ban Thường vụ đồng ý ngoại lệ";
  assert_int_equal(appt_decide(f->db, f->a, scope_all(), id, &dr, "test", &aid, &fs, &why), 0);
  assert_string_equal(fx_text(f, "SELECT override FROM appointments WHERE decision_no = ?", "99/QĐ"),
                      "Ban Thường vụ đồng ý ngoại lệ");
}

static void record(Fx *f, const char *cadre, const char *title, const char *unit, const char *date) {
  ApptReq r = {.cadre_code = cadre, .kind = "appointment", .unit_code = unit, .title_code = title,
               .decision_date = date, .decision_no = "x"};
  long long id;
  Findings fs;
  assert_int_equal(appt_record(f->db, f->a, scope_all(), &r, "test", false, false, &id, &fs), 0);
}

static int due(Fx *f, const char *date, DueItem **items) {
  int n, notice;
  assert_int_equal(appt_due(f->db, f->a, scope_all(), NULL, date, items, &n, &notice), 0);
  assert_int_equal(notice, 90);
  return n;
}

static void due_list_boundaries(void **state) {
  Fx *f = *state;
  record(f, "A1", "PP", "PTC", "2020-03-01"); /* ends 28/02/2025 */
  DueItem *it;
  assert_int_equal(due(f, "2024-11-29", &it), 0);  /* 91 days before */
  assert_int_equal(due(f, "2024-11-30", &it), 1);  /* exactly 90 days */
  assert_int_equal(it[0].days_left, 90);
  assert_string_equal(it[0].appt.term_end, "2025-02-28");
  assert_int_equal(due(f, "2025-02-28", &it), 1);  /* the last day */
  assert_int_equal(it[0].days_left, 0);
  assert_int_equal(due(f, "2025-03-01", &it), 0);
  /* A later decision for the same post takes it off the list. */
  ApptReq r = {.cadre_code = "A1", .kind = "reappointment", .unit_code = "PTC", .title_code = "PP",
               .decision_date = "2025-01-15"};
  long long id;
  Findings fs;
  assert_int_equal(appt_record(f->db, f->a, scope_all(), &r, "test", false, false, &id, &fs), 0);
  assert_int_equal(due(f, "2024-12-01", &it), 0);
}

/* A decision recorded with its post (as the form records it), decision number `no`. */
static void record_post(Fx *f, const char *kind, const char *cadre, const char *title, const char *unit,
                        const char *date, const char *no) {
  ApptReq r = {.cadre_code = cadre, .kind = kind, .unit_code = unit, .title_code = title, .decision_date = date,
               .decision_no = no};
  long long id;
  Findings fs;
  assert_int_equal(appt_record(f->db, f->a, scope_all(), &r, "test", true, false, &id, &fs), 0);
}

static void due_list_leaves_out_a_post_left(void **state) {
  Fx *f = *state;
  record_post(f, "appointment", "A1", "PP", "PTC", "2020-03-01", "1/QĐ"); /* term ends 28/02/2025 */
  DueItem *it;
  assert_int_equal(due(f, "2024-12-01", &it), 1);
  /* moved to another post on 01/09/2024: the old one ended the day before, nobody's term to renew */
  record_post(f, "appointment", "A1", "TP", "PKT", "2024-09-01", "2/QĐ");
  assert_int_equal(due(f, "2024-12-01", &it), 0);
}

static void reappointment_renews_the_post_on_its_decision(void **state) {
  Fx *f = *state;
  record_post(f, "appointment", "A2", "TP", "PKT", "2020-06-01", "10/QĐ");
  long long posts = fx_int(f, "SELECT count(*) FROM positions WHERE cadre_id = (SELECT id FROM cadres WHERE code = ?)",
                           "A2");
  record_post(f, "reappointment", "A2", "TP", "PKT", "2025-05-20", "150/QĐ");
  /* the same post goes on (no new row), now on the new decision, with the change in the file's history */
  assert_int_equal(fx_int(f, "SELECT count(*) FROM positions WHERE cadre_id = (SELECT id FROM cadres WHERE code = ?)",
                          "A2"),
                   posts);
  assert_int_equal(fx_int(f, "SELECT count(*) FROM positions WHERE decision_no = ? AND end_date IS NULL", "150/QĐ"), 1);
  assert_string_equal(fx_text(f, "SELECT reason FROM record_history WHERE field = 'decision_no' AND new = ?", "150/QĐ"),
                      "Bổ nhiệm lại theo quyết định 150/QĐ ngày 20/05/2025; thời hạn đến hết ngày 19/05/2030");
}

/* A meeting held again after one without a quorum: the later record counts, the tờ trình can be made. */
static void request_refused_only_by_the_record_that_counts(void **state) {
  Fx *f = *state;
  ProposalStep st[3] = {{.step = 1, .valid = true, .passed = true},
                        {.step = 2, .valid = false, .passed = false, .explain = "Có mặt 5/9"},
                        {.step = 2, .valid = true, .passed = true}};
  Proposal p = {.kind = "promotion", .status = "open", .cadre_name = "Lê Văn Một", .steps = st, .nsteps = 3};
  assert_null(doc_proposal_refusal(f->a, &p, "tờ trình"));
  p.nsteps = 2; /* not held again yet */
  assert_non_null(strstr(doc_proposal_refusal(f->a, &p, "tờ trình"), "bước 2"));
}

static void due_extension_or_reappointment_at_24_months(void **state) {
  Fx *f = *state;
  /* Women born 01/1970 retire at 57y4m: pension from 01/06/2027. */
  record(f, "A2", "TP", "PKT", "2020-06-01"); /* ends 31/05/2025: 24 months left on 01/06/2025 */
  record(f, "A3", "BT", "HX", "2020-07-01");  /* ends 30/06/2025: 23 months left on 01/07/2025 */
  DueItem *it;
  assert_int_equal(due(f, "2025-04-01", &it), 2);
  assert_string_equal(it[0].appt.cadre_code, "A2");
  assert_int_equal(it[0].months_left_at_end, 24);
  assert_string_equal(it[0].action, "reappointment");
  assert_string_equal(it[1].appt.cadre_code, "A3");
  assert_int_equal(it[1].months_left_at_end, 23);
  assert_string_equal(it[1].action, "extension");
  assert_non_null(strstr(it[1].explain, "còn 23 tháng công tác (< 24 tháng): kéo dài thời gian giữ chức vụ đến khi nghỉ hưu"));
}

static void scope_hides_other_units(void **state) {
  Fx *f = *state;
  long long id = propose(f, "A4", "TP", "PKT", "internal", "2022-01-10");
  Unit u;
  assert_int_equal(unit_find(f->db, f->a, scope_all(), "PTC", &u), 0);
  Proposal p;
  assert_int_equal(appt_proposal_get(f->db, f->a, scope_unit(u.path), id, &p), CB_ENOTFOUND);
  ProposalReq pr = {.cadre_code = "A4", .kind = "appointment", .unit_code = "PKT", .title_code = "TP",
                    .source = "internal", .date = "2022-01-10"};
  Findings fs;
  assert_int_equal(appt_proposal_create(f->db, f->a, scope_from_legacy(u.path), &pr, "test", &id, &fs), CB_ENOTFOUND);
  pr.source = "elsewhere";
  assert_int_equal(appt_proposal_create(f->db, f->a, scope_all(), &pr, "test", &id, &fs), CB_EINVAL);
}

static RuleVersion renew_rule(const char *tie) {
  RuleVersion rv = {.rule = "APPT-RENEW", .basis = "",
                    .params = strcmp(tie, "fail") == 0
                                  ? "{\"quorum_num\":2,\"quorum_den\":3,\"confidence_pct\":50,\"collective_pct\":50,\"tie\":\"fail\"}"
                                  : "{\"quorum_num\":2,\"quorum_den\":3,\"confidence_pct\":50,\"collective_pct\":50}"};
  return rv;
}

static void renewal_votes_at_their_boundaries(void **state) {
  Fx *f = *state;
  RuleVersion rv = renew_rule("head_decides");
  bool valid, passed;
  const char *ex;
  /* The key cadres' confidence: of those present. 15/30 present = 50% fails, 16 passes. */
  appt_renew_eval(&rv, f->a, APPT_STEP_CONFIDENCE, 40, 30, 15, &valid, &passed, &ex);
  assert_true(valid);
  assert_false(passed);
  assert_string_equal(ex, "Có mặt 30/40 (≥ 2/3: hợp lệ); tín nhiệm 15/30 người có mặt = 50% ≤ 50%: không đạt");
  appt_renew_eval(&rv, f->a, APPT_STEP_CONFIDENCE, 40, 30, 16, &valid, &passed, &ex);
  assert_true(passed);
  appt_renew_eval(&rv, f->a, APPT_STEP_CONFIDENCE, 40, 26, 26, &valid, &passed, &ex); /* 26 < 2/3 of 40 */
  assert_false(valid);
  assert_false(passed);
  /* The collective: of all its members; exactly half is the head's to decide. */
  appt_renew_eval(&rv, f->a, APPT_STEP_COLLECTIVE, 10, 9, 5, &valid, &passed, &ex);
  assert_true(passed);
  assert_non_null(strstr(ex, "đồng ý 5/10 thành viên tập thể lãnh đạo = 50% = 50%: bằng tỷ lệ: người đứng đầu quyết định"));
  appt_renew_eval(&rv, f->a, APPT_STEP_COLLECTIVE, 10, 9, 4, &valid, &passed, &ex);
  assert_false(passed);
  appt_renew_eval(&rv, f->a, APPT_STEP_COLLECTIVE, 10, 9, 6, &valid, &passed, &ex);
  assert_true(passed);
  rv = renew_rule("fail");
  appt_renew_eval(&rv, f->a, APPT_STEP_COLLECTIVE, 10, 9, 5, &valid, &passed, &ex);
  assert_false(passed);
  appt_renew_eval(&rv, f->a, APPT_STEP_REPORT, 0, 0, -1, &valid, &passed, &ex);
  assert_true(valid && passed);
}

static long long propose_kind(Fx *f, const char *cadre, const char *kind, const char *title, const char *unit,
                              const char *date, Findings *fs) {
  ProposalReq pr = {.cadre_code = cadre, .kind = kind, .unit_code = unit, .title_code = title, .source = "internal",
                    .date = date};
  long long id = 0;
  assert_int_equal(appt_proposal_create(f->db, f->a, scope_all(), &pr, "test", &id, fs), 0);
  return id;
}

static const Finding *finding_of(const Findings *fs, const char *rule) {
  for (int i = 0; i < fs->n; i++)
    if (strcmp(fs->v[i].rule, rule) == 0) return &fs->v[i];
  fail_msg("no finding %s", rule);
  return NULL;
}

static void reappointment_has_its_own_procedure(void **state) {
  Fx *f = *state;
  /* A1 became Phó Trưởng phòng on 01/03/2020 (term to 28/02/2025) and holds a higher concurrent seat. */
  ApptReq r = {.cadre_code = "A1", .kind = "appointment", .unit_code = "PTC", .title_code = "PP",
               .decision_date = "2020-03-01", .decision_no = "15/QĐ-UBND"};
  long long aid;
  Findings fs;
  assert_int_equal(appt_record(f->db, f->a, scope_all(), &r, "test", true, false, &aid, &fs), 0);
  assert_int_equal(fx_import(f, "positions", "cadre_code,unit_code,title_code,start_date,concurrent\n"
                                             "A1,HX,BT,2024-06-01,1\n"),
                   0);
  long long id = propose_kind(f, "A1", "reappointment", "PP", "PTC", "2024-12-01", &fs);
  /* APPT-2 measures the post being renewed, not the concurrent Bí thư seat. */
  const Finding *a2 = finding_of(&fs, "APPT-2");
  assert_int_equal(a2->result, RESULT_PASS);
  assert_non_null(strstr(a2->message, "Phó Trưởng phòng"));
  assert_null(strstr(a2->message, "Bí thư"));
  assert_non_null(strstr(a2->message, "4 năm 9 tháng"));
  assert_non_null(strstr(finding_of(&fs, "APPT-2")->basis, "80-QĐ/TW")); /* 2024: QĐ 80 */
  assert_int_equal(finding_of(&fs, "APPT-1")->result, RESULT_NA);
  assert_int_equal(finding_of(&fs, "APPT-9")->result, RESULT_PASS); /* many years left: reappoint */
  Proposal p;
  assert_int_equal(appt_proposal_get(f->db, f->a, scope_all(), id, &p), 0);
  assert_int_equal(p.steps_required, 3);
  assert_string_equal(appt_proposal_step_name(&p, 1),
                      "Cán bộ làm báo cáo tự đánh giá việc thực hiện chức trách, nhiệm vụ trong thời gian giữ chức vụ");
  assert_non_null(strstr(appt_proposal_step_name(&p, 2), "lấy phiếu tín nhiệm"));
  const char *why;
  assert_int_equal(step(f, id, 1, "2024-11-30", 0, -1, -1, &why), CB_EINVAL); /* a report: named as the form names it */
  assert_non_null(strstr(why, "Ngày báo cáo 30/11/2024 trước ngày 01/12/2024 của đề nghị"));
  assert_int_equal(step(f, id, 1, "2024-12-05", 0, -1, -1, &why), 0); /* a report: no meeting, no counts */
  assert_int_equal(step(f, id, 2, "2024-12-10", 40, 30, 31, &why), CB_EINVAL); /* more votes than present */
  assert_int_equal(step(f, id, 2, "2024-12-10", 40, 30, 16, &why), 0);
  assert_int_equal(step(f, id, 3, "2024-12-12", 9, 9, 5, &why), 0);
  assert_int_equal(appt_proposal_get(f->db, f->a, scope_all(), id, &p), 0);
  assert_string_equal(p.status, "open");
  assert_true(p.steps[0].passed && p.steps[1].passed && p.steps[2].passed);
  assert_string_equal(p.steps[2].rule, "APPT-RENEW");
  assert_non_null(strstr(p.steps[2].basis, "Nghị định 138/2020/NĐ-CP"));
  assert_int_equal(step(f, id, 4, "2024-12-13", 9, 9, 9, &why), CB_EINVAL); /* the decision comes next */
  DecisionReq dr = {.date = "2025-02-28", .decision_no = "40/QĐ-UBND"};
  assert_int_equal(appt_decide(f->db, f->a, scope_all(), id, &dr, "test", &aid, &fs, &why), 0);
  assert_string_equal(fx_text(f, "SELECT term_end FROM appointments WHERE decision_no = ?", "40/QĐ-UBND"), "2030-02-27");
}

static void extension_has_no_key_cadre_vote(void **state) {
  Fx *f = *state;
  /* A2 (woman born 01/1970, pension from 01/06/2027) is Trưởng phòng from 01/06/2020 to 31/05/2025. */
  ApptReq r = {.cadre_code = "A2", .kind = "appointment", .unit_code = "PKT", .title_code = "TP",
               .decision_date = "2020-06-01", .decision_no = "20/QĐ-UBND"};
  long long aid;
  Findings fs;
  assert_int_equal(appt_record(f->db, f->a, scope_all(), &r, "test", true, false, &aid, &fs), 0);
  long long id = propose_kind(f, "A2", "extension", "TP", "PKT", "2025-03-01", &fs);
  /* 24 months left when the term ends: not a case for an extension (APPT-9). */
  assert_int_equal(finding_of(&fs, "APPT-9")->result, RESULT_FAIL);
  Proposal p;
  assert_int_equal(appt_proposal_get(f->db, f->a, scope_all(), id, &p), 0);
  assert_int_equal(p.steps_required, 2);
  const char *why;
  assert_int_equal(step(f, id, 1, "2025-03-02", 0, 0, -1, &why), 0);
  assert_int_equal(step(f, id, 2, "2025-03-03", 9, 8, 4, &why), 0); /* 4/9 < 50% of the members */
  assert_int_equal(appt_proposal_get(f->db, f->a, scope_all(), id, &p), 0);
  assert_string_equal(p.status, "failed");
}

/* The proposals read a page at a time: the whole list's rows, newest first, the totals, the count of one status. */
static void proposals_read_a_page_at_a_time(void **state) {
  Fx *f = *state;
  const char *dates[] = {"2020-01-10", "2021-05-05", "2020-01-10", "2022-02-02", "2019-09-09"};
  for (int i = 0; i < 5; i++) propose(f, "A1", "PP", "PTC", "internal", dates[i]);
  ProposalRow *all, *v;
  int nall, n;
  long long total = -1;
  assert_int_equal(appt_proposal_list(f->db, f->a, scope_all(), NULL, NULL, 0, 0, &all, &nall, &total), 0);
  assert_int_equal(nall, 5);
  assert_int_equal(total, 5);
  for (int off = 0; off <= 6; off += 2) {
    total = -1;
    assert_int_equal(appt_proposal_list(f->db, f->a, scope_all(), NULL, NULL, off, 2, &v, &n, &total), 0);
    assert_int_equal(n, off >= 5 ? 0 : off + 2 > 5 ? 1 : 2);
    assert_int_equal(total, 5);
    for (int i = 0; i < n; i++) assert_int_equal(v[i].id, all[off + i].id);
  }
  long long open = -1;
  assert_int_equal(appt_proposal_count(f->db, f->a, scope_all(), NULL, "open", &open), 0);
  assert_int_equal(open, 5);
  assert_int_equal(appt_proposal_count(f->db, f->a, scope_all(), NULL, "failed", &open), 0);
  assert_int_equal(open, 0);
  assert_int_equal(appt_proposal_count(f->db, f->a, scope_all(), "NOPE", NULL, &open), CB_ENOTFOUND);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(quorum_exactly_two_thirds, setup, teardown),
      cmocka_unit_test_setup_teardown(votes_exactly_half_fail, setup, teardown),
      cmocka_unit_test_setup_teardown(term_end_boundaries, setup, teardown),
      cmocka_unit_test_setup_teardown(five_steps_internal_three_external, setup, teardown),
      cmocka_unit_test_setup_teardown(failed_vote_closes_invalid_meeting_repeats, setup, teardown),
      cmocka_unit_test_setup_teardown(decision_creates_appointment_and_position, setup, teardown),
      cmocka_unit_test_setup_teardown(head_ends_own_deputy_post, setup, teardown),
      cmocka_unit_test_setup_teardown(failing_rule_refuses_without_override, setup, teardown),
      cmocka_unit_test_setup_teardown(due_list_boundaries, setup, teardown),
      cmocka_unit_test_setup_teardown(due_extension_or_reappointment_at_24_months, setup, teardown),
      cmocka_unit_test_setup_teardown(due_list_leaves_out_a_post_left, setup, teardown),
      cmocka_unit_test_setup_teardown(request_refused_only_by_the_record_that_counts, setup, teardown),
      cmocka_unit_test_setup_teardown(reappointment_renews_the_post_on_its_decision, setup, teardown),
      cmocka_unit_test_setup_teardown(scope_hides_other_units, setup, teardown),
      cmocka_unit_test_setup_teardown(renewal_votes_at_their_boundaries, setup, teardown),
      cmocka_unit_test_setup_teardown(reappointment_has_its_own_procedure, setup, teardown),
      cmocka_unit_test_setup_teardown(extension_has_no_key_cadre_vote, setup, teardown),
      cmocka_unit_test_setup_teardown(proposals_read_a_page_at_a_time, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
** The procedures of appointment proposals (see appointment.h): which steps a
** kind of act goes through and how each recorded step is judged.
**
** - A new appointment, promotion or nomination: 5 steps from an internal
**   source, 3 from an external one, the votes judged by APPT-VOTE.
** - A reappointment: the cadre's self-assessment report, the key-cadre
**   conference's confidence vote, the leadership collective's vote, then the
**   decision (Nghị định 138/2020 Điều 52, Nghị định 115/2020 Điều 51; the
**   Party side the same shape) -- the votes judged by APPT-RENEW.
** - An extension to retirement: the report, the collective's vote, then the
**   decision (Nghị định 138/2020 Điều 53): no key-cadre vote.
**
** Not for: storing steps (appointment.c) or deciding (appointment_decision.c).
*/
#include <string.h>
#include "core/err.h"
#include "domain/appointment.h"
#include "domain/appt_internal.h"

static const char *const INTERNAL_STEPS[] = {
    "Tập thể lãnh đạo thảo luận, thống nhất về nhu cầu, cơ cấu, tiêu chuẩn, quy trình và nguồn nhân sự",
    "Hội nghị tập thể lãnh đạo mở rộng giới thiệu nhân sự (bỏ phiếu kín)",
    "Tập thể lãnh đạo thảo luận, biểu quyết trên cơ sở kết quả giới thiệu ở bước 2 (bỏ phiếu kín)",
    "Hội nghị cán bộ chủ chốt lấy ý kiến về nhân sự được đề nghị (bỏ phiếu kín)",
    "Tập thể lãnh đạo thảo luận, biểu quyết và quyết định bổ nhiệm (bỏ phiếu kín)",
};
static const char *const EXTERNAL_STEPS[] = {
    "Tập thể lãnh đạo thống nhất về chủ trương, nhu cầu, tiêu chuẩn và nguồn nhân sự từ nơi khác",
    "Gặp nhân sự và trao đổi với tập thể lãnh đạo nơi nhân sự đang công tác",
    "Lấy ý kiến cán bộ chủ chốt nơi nhân sự đang công tác; tập thể lãnh đạo biểu quyết (bỏ phiếu kín)",
};
#define REPORT_STEP "Cán bộ làm báo cáo tự đánh giá việc thực hiện chức trách, nhiệm vụ trong thời gian giữ chức vụ"
static const char *const REAPPOINT_STEPS[] = {
    REPORT_STEP,
    "Hội nghị cán bộ chủ chốt nhận xét, đánh giá và lấy phiếu tín nhiệm đối với cán bộ (bỏ phiếu kín)",
    "Tập thể lãnh đạo thảo luận, biểu quyết việc bổ nhiệm lại (bỏ phiếu kín)",
};
static const char *const EXTEND_STEPS[] = {
    REPORT_STEP,
    "Tập thể lãnh đạo xem xét, biểu quyết việc kéo dài thời gian giữ chức vụ đến khi nghỉ hưu (bỏ phiếu kín)",
};
static const ApptStepKind REAPPOINT_KINDS[] = {APPT_STEP_REPORT, APPT_STEP_CONFIDENCE, APPT_STEP_COLLECTIVE};
static const ApptStepKind EXTEND_KINDS[] = {APPT_STEP_REPORT, APPT_STEP_COLLECTIVE};

int appt_steps_required(const char *source) {
  if (source && strcmp(source, "internal") == 0) return 5;
  if (source && strcmp(source, "external") == 0) return 3;
  return 0;
}

const char *appt_step_name(const char *source, int step) {
  int n = appt_steps_required(source);
  if (step < 1 || step > n) return "";
  return n == 5 ? INTERNAL_STEPS[step - 1] : EXTERNAL_STEPS[step - 1];
}

bool appt_step_has_vote(const char *source, int step) {
  if (source && strcmp(source, "external") == 0) return step == 3;
  return step > 1;
}

static bool is(const char *kind, const char *what) { return kind && strcmp(kind, what) == 0; }

int appt_procedure_steps(const char *kind, const char *source) {
  if (is(kind, "reappointment")) return 3;
  if (is(kind, "extension")) return 2;
  return appt_steps_required(source);
}

const char *appt_procedure_step_name(const char *kind, const char *source, int step) {
  if (step < 1 || step > appt_procedure_steps(kind, source)) return "";
  if (is(kind, "reappointment")) return REAPPOINT_STEPS[step - 1];
  if (is(kind, "extension")) return EXTEND_STEPS[step - 1];
  return appt_step_name(source, step);
}

ApptStepKind appt_procedure_step_kind(const char *kind, const char *source, int step) {
  if (step < 1 || step > appt_procedure_steps(kind, source)) return APPT_STEP_MEETING;
  if (is(kind, "reappointment")) return REAPPOINT_KINDS[step - 1];
  if (is(kind, "extension")) return EXTEND_KINDS[step - 1];
  return appt_step_has_vote(source, step) ? APPT_STEP_VOTE : APPT_STEP_MEETING;
}

bool appt_step_kind_has_vote(ApptStepKind k) {
  return k == APPT_STEP_VOTE || k == APPT_STEP_CONFIDENCE || k == APPT_STEP_COLLECTIVE;
}

const char *appt_proposal_step_name(const Proposal *p, int step) {
  return appt_procedure_step_name(p->kind, p->source, step);
}

const char *appt_procedure_label(const char *kind, const char *source) {
  if (is(kind, "reappointment"))
    return "bổ nhiệm lại: báo cáo tự đánh giá, hội nghị cán bộ chủ chốt lấy phiếu tín nhiệm, tập thể lãnh đạo biểu "
           "quyết, quyết định";
  if (is(kind, "extension"))
    return "kéo dài thời gian giữ chức vụ: báo cáo tự đánh giá, tập thể lãnh đạo biểu quyết, quyết định";
  return is(source, "external") ? "nhân sự từ nơi khác (3 bước)" : "nhân sự tại chỗ (5 bước)";
}

/* "Có mặt 14/20 (≥ 2/3: hợp lệ)"; *valid set. */
static const char *quorum(const RuleVersion *rv, Arena *a, int summoned, int present, bool *valid) {
  long num = rule_param_int(rv, "quorum_num", 2), den = rule_param_int(rv, "quorum_den", 3);
  if (den <= 0) den = 1;
  *valid = summoned > 0 && (long long)present * den >= (long long)num * summoned;
  return arena_printf(a, "Có mặt %d/%d (%s %ld/%ld: %s)", present, summoned, *valid ? "≥" : "<", num, den,
                      *valid ? "hợp lệ" : "không hợp lệ, phải tổ chức lại");
}

void appt_vote_eval(const RuleVersion *rv, Arena *a, int summoned, int present, int votes_for, bool *valid,
                    bool *passed, const char **explain) {
  long pct = rule_param_int(rv, "pass_pct", 50);
  const char *q = quorum(rv, a, summoned, present, valid);
  if (!*valid) {
    *passed = false;
    *explain = q;
    return;
  }
  if (votes_for < 0) {
    *passed = true;
    *explain = arena_printf(a, "%s; bước này không biểu quyết", q);
    return;
  }
  *passed = (long long)votes_for * 100 > (long long)pct * summoned;
  *explain = arena_printf(a, "%s; đồng ý %d/%d = %s %s %ld%%: %s", q, votes_for, summoned,
                          appt_pct(a, votes_for, summoned), *passed ? ">" : "≤", pct, *passed ? "đạt" : "không đạt");
}

void appt_renew_eval(const RuleVersion *rv, Arena *a, ApptStepKind k, int summoned, int present, int votes_for,
                     bool *valid, bool *passed, const char **explain) {
  if (k == APPT_STEP_REPORT) {
    *valid = *passed = true;
    *explain = "Đã có báo cáo tự đánh giá của cán bộ";
    return;
  }
  const char *q = quorum(rv, a, summoned, present, valid);
  *passed = false;
  if (!*valid || votes_for < 0) {
    *explain = q;
    return;
  }
  if (k == APPT_STEP_CONFIDENCE) {
    long pct = rule_param_int(rv, "confidence_pct", 50);
    const char *of = rule_param_str(rv, a, "confidence_of", "present");
    bool of_present = strcmp(of, "summoned") != 0;
    int base = of_present ? present : summoned;
    *passed = base > 0 && (long long)votes_for * 100 > (long long)pct * base;
    *explain = arena_printf(a, "%s; tín nhiệm %d/%d người %s = %s %s %ld%%: %s", q, votes_for, base,
                            of_present ? "có mặt" : "được triệu tập", appt_pct(a, votes_for, base),
                            *passed ? ">" : "≤", pct, *passed ? "đạt" : "không đạt");
    return;
  }
  /* APPT_STEP_COLLECTIVE: of all the members of the collective (those summoned); a tie is the head's. */
  long pct = rule_param_int(rv, "collective_pct", 50);
  long long lhs = (long long)votes_for * 100, rhs = (long long)pct * summoned;
  const char *tie = rule_param_str(rv, a, "tie", "head_decides");
  bool head = lhs == rhs && strcmp(tie, "head_decides") == 0;
  *passed = lhs > rhs || head;
  *explain = arena_printf(a, "%s; đồng ý %d/%d thành viên tập thể lãnh đạo = %s %s %ld%%: %s", q, votes_for, summoned,
                          appt_pct(a, votes_for, summoned), lhs > rhs ? ">" : lhs == rhs ? "=" : "<", pct,
                          lhs > rhs ? "đạt"
                          : head    ? "bằng tỷ lệ: người đứng đầu quyết định, báo cáo đầy đủ các ý kiến khác nhau"
                                    : "không đạt");
}

int appt_step_eval(Db *db, Arena *a, const char *kind, const char *source, ProposalStep *s) {
  ApptStepKind k = appt_procedure_step_kind(kind, source, s->step);
  s->name = appt_procedure_step_name(kind, source, s->step);
  RuleVersion rv;
  const char *rule = k == APPT_STEP_MEETING || k == APPT_STEP_VOTE ? "APPT-VOTE" : "APPT-RENEW";
  int rc = rules_in_force(db, a, rule, s->date, &rv);
  if (rc == CB_ENOTFOUND) memset(&rv, 0, sizeof rv), rv.params = "{}", rv.rule = rule, rv.basis = "", rc = 0;
  if (rc) return rc;
  s->rule = rv.rule;
  s->basis = rv.basis;
  if (k == APPT_STEP_MEETING || k == APPT_STEP_VOTE)
    appt_vote_eval(&rv, a, s->summoned, s->present, k == APPT_STEP_VOTE ? s->votes_for : -1, &s->valid, &s->passed,
                   &s->explain);
  else
    appt_renew_eval(&rv, a, k, s->summoned, s->present, s->votes_for, &s->valid, &s->passed, &s->explain);
  return 0;
}

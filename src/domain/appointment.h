/*
** Appointment, reappointment, promotion, nomination and extension
** (QĐ 80-QĐ/TW, QĐ 377-QĐ/TW, Nghị định 138/2020): proposals moving
** through the procedure of their kind -- 5 steps for an internal source, 3
** for an external one (APPT-VOTE); a reappointment's report, key-cadre
** confidence vote and collective vote, an extension's report and collective
** vote (APPT-RENEW; appointment_procedure.c) -- with each meeting's validity
** and vote, the decision that creates the appointment and its
** position with the term of APPT-7, decisions recorded directly (a form,
** an import), and the due list of APPT-8/APPT-9.
**
** Term end: a term of N years from decision date D ends the day before the
** same calendar day N years later (01/03/2020 -> 28/02/2025; a 29/02 start
** ends on 28/02). Extension to retirement ends at the retirement point
** (RET-1). Nomination and dismissal carry no term.
**
** Not for: the eligibility rules themselves (eligibility.c; called here at
** proposal and at decision), HTTP (web/pages_appointment.c, api_appt.c).
*/
#ifndef CANBO_APPOINTMENT_H
#define CANBO_APPOINTMENT_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/rules.h"

/* The new-appointment procedure (appointment, promotion, nomination): 5 steps (internal), 3 (external); 0 for an unknown source. */
int appt_steps_required(const char *source);
/* Vietnamese name of step `step` (1-based) of the `source` procedure; "" when out of range. Static. */
const char *appt_step_name(const char *source, int step);
/*
** Whether step `step` of the `source` procedure has a secret-ballot vote:
** internal steps 2-5; external step 3 only (step 1 agrees, external step 2
** meets the candidate and their unit).
*/
bool appt_step_has_vote(const char *source, int step);

/* What one step of a procedure is. */
typedef enum {
  APPT_STEP_MEETING = 0, /* a meeting without a vote (validity only) */
  APPT_STEP_VOTE,        /* a secret-ballot vote on a nominee (APPT-VOTE) */
  APPT_STEP_REPORT,      /* the cadre's self-assessment report: no meeting */
  APPT_STEP_CONFIDENCE,  /* the key-cadre conference's confidence vote (APPT-RENEW confidence_pct) */
  APPT_STEP_COLLECTIVE   /* the leadership collective's vote (APPT-RENEW collective_pct; a tie: the head decides) */
} ApptStepKind;
/*
** The procedure of a kind: reappointment 3 steps (report, confidence vote,
** collective vote), extension 2 (report, collective vote), other kinds the
** new-appointment procedure of their source; the decision follows the last
** step. Names are static strings ("" out of range).
*/
int appt_procedure_steps(const char *kind, const char *source);
const char *appt_procedure_step_name(const char *kind, const char *source, int step);
ApptStepKind appt_procedure_step_kind(const char *kind, const char *source, int step);
bool appt_step_kind_has_vote(ApptStepKind k);
/* The procedure in words ("bổ nhiệm lại: báo cáo tự đánh giá, …"). Static. */
const char *appt_procedure_label(const char *kind, const char *source);
/* Vietnamese label of a kind ("bổ nhiệm", "bổ nhiệm lại"...), of a status ("đang xem xét"...). Static. */
const char *appt_kind_label(const char *kind);
const char *appt_status_label(const char *status);

/*
** APPT-VOTE on one meeting: valid when present * quorum_den >= quorum_num *
** summoned (exactly 2/3 is valid); passed when valid and votes_for * 100 >
** pass_pct * summoned (exactly 50% fails). votes_for < 0: a step without a
** vote (passes when valid). *explain (in `a`): "Có mặt 14/20 (≥ 2/3: hợp
** lệ); đồng ý 11/20 = 55% > 50%: đạt".
*/
void appt_vote_eval(const RuleVersion *rv, Arena *a, int summoned, int present, int votes_for, bool *valid,
                    bool *passed, const char **explain);
/*
** APPT-RENEW on one step of a reappointment or extension: the report step is
** valid and passed; a vote needs the quorum (quorum_num/quorum_den of those
** summoned); the confidence vote passes with votes_for * 100 > confidence_pct
** * (present, or summoned when confidence_of is "summoned"); the collective
** vote with votes_for * 100 > collective_pct * summoned, exactly equal
** passing when `tie` is "head_decides" (the head decides). *explain in `a`.
*/
void appt_renew_eval(const RuleVersion *rv, Arena *a, ApptStepKind k, int summoned, int present, int votes_for,
                     bool *valid, bool *passed, const char **explain);
/* The term end (ISO, in `a`) of a term of `years` from ISO date `from`; NULL for a bad date. */
const char *appt_term_end(Arena *a, const char *from, int years);

typedef struct {
  int step;
  const char *name;     /* Vietnamese step name */
  const char *date;
  int summoned, present;
  int votes_for;        /* -1: no vote */
  const char *note;
  bool valid, passed;
  const char *explain;  /* appt_vote_eval's / appt_renew_eval's text, with the numbers */
  const char *rule, *basis; /* the rule that judged it (APPT-VOTE | APPT-RENEW) and its basis on the step's date */
} ProposalStep;

typedef struct {
  long long id;
  const char *cadre_code, *cadre_name, *kind, *unit_code, *unit_name, *title_code, *title_name, *source, *status;
  const char *created_at, *created_by;
  int steps_required;   /* appt_procedure_steps of its kind and source */
  ProposalStep *steps;  /* recorded steps, in order */
  int nsteps;
  Findings findings;    /* stored: at creation ("proposal"), then at decision ("appointment") if decided */
  long long appointment_id;   /* the decision, 0 when none */
  const char *decision_date, *decision_no, *term_end;
  const char **participants;  /* "Name (CODE, role)" */
  int nparticipants;
} Proposal;

typedef struct {
  const char *cadre_code, *kind, *unit_code, *title_code, *source;
  const char *date;           /* the proposal's date (ISO); eligibility runs on it */
  const char *const *participants; /* cadre codes of proposers/voters (REL-2), may be NULL */
  int nparticipants;
  const char *const *participant_roles; /* "proposer"|"voter" per participant; NULL = all voters */
} ProposalReq;

/*
** Create a proposal (status open): codes resolved within `scope` (else
** CB_ENOTFOUND), kind appointment|reappointment|promotion|nomination|
** extension, source internal|external (else CB_EINVAL). Runs
** eligibility_check(PURPOSE_APPOINTMENT) on req->date plus REL-2 on the
** participants, stores those findings (subject "proposal") and the audit
** row, one transaction. A failing finding does not refuse the proposal: it
** is shown, and the decision re-checks. *out in `a`. Sets *id. An appointment or a promotion to the title the
** cadre already holds in that unit on the date is CB_EEXIST (nothing written): that is a reappointment or an
** extension.
*/
int appt_proposal_create(Db *db, Arena *a, Scope scope, const ProposalReq *req, const char *actor, long long *id, Findings *out);
/*
** Who else holds the proposal's post (its title in its unit) on ISO `date`: "Phạm Văn A (MC00012), từ 01/07/2021"
** for each holder in `scope` (*out in `a`, *n of them), *hidden the holders outside it (counted, never named). The
** decision does not end their posts: the page says so before it is made. 0 or CB_EDB.
*/
int appt_other_holders(Db *db, Arena *a, Scope scope, const Proposal *p, const char *date, const char ***out, int *n,
                       int *hidden);
/* What the forms and the API say of that CB_EEXIST. */
#define HOLDS_ALREADY                                                                                            \
  "Cán bộ đang giữ chức danh này tại đơn vị này vào ngày đề nghị: không bổ nhiệm, đề bạt lại vào chính chức danh " \
  "đó; chọn «Bổ nhiệm lại» hoặc «Kéo dài thời gian giữ chức vụ»."

/* The name of step `step` of the proposal's procedure (its kind and source). Static. */
const char *appt_proposal_step_name(const Proposal *p, int step);

/* The proposal `id` if its unit lies in `scope`, with its steps and findings. CB_ENOTFOUND, CB_EDB. */
int appt_proposal_get(Db *db, Arena *a, Scope scope, long long id, Proposal *out);

typedef struct {
  long long id;
  const char *cadre_code, *cadre_name, *kind, *unit_code, *unit_name, *title_code, *title_name, *source, *status;
  const char *created_at;
  int nsteps, steps_required;
  const char *verdict;        /* worst stored finding: pass|warn|fail */
} ProposalRow;

/*
** Proposals in the subtree of unit_code (NULL = whole scope), newest first; status NULL = any. limit > 0: one page,
** the rows from `offset` on, at most `limit`; limit 0: every row. *total (when not NULL): how many the whole list
** holds.
*/
int appt_proposal_list(Db *db, Arena *a, Scope scope, const char *unit_code, const char *status, int offset, int limit,
                       ProposalRow **out, int *n, long long *total);
/* How many proposals appt_proposal_list's whole list holds. */
int appt_proposal_count(Db *db, Arena *a, Scope scope, const char *unit_code, const char *status, long long *n);

typedef struct {
  int step;                   /* must be the next step */
  const char *date;           /* ISO, not before the previous step */
  int summoned, present;
  int votes_for;              /* required for steps > 1; ignored for step 1 */
  const char *note;
} StepReq;

/*
** Record the next step of an open proposal. Checks: the proposal is open,
** `step` is the next one (an invalid meeting may be held again: the same
** step number replaces it), dates do not go backwards, 1 <= summoned,
** 0 <= present <= summoned, 0 <= votes_for <= present (a report step has
** no meeting: its counts are ignored). A valid meeting whose vote fails
** closes the proposal as failed. Audited, one transaction.
** *out gets the evaluated step (in `a`). CB_EINVAL with *why (Vietnamese,
** in `a`) for any check; CB_ENOTFOUND; CB_EDB.
*/
int appt_step_record(Db *db, Arena *a, Scope scope, long long proposal_id, const StepReq *req, const char *actor, ProposalStep *out, const char **why);

typedef struct {
  const char *date;           /* decision date, ISO */
  const char *decision_no;
  const char *override;       /* an officer's reason to decide despite a failing finding; NULL/"" = none */
  bool end_holders;           /* end the posts of the others holding the title in the unit the day before (history) */
} DecisionReq;

/*
** Decide a proposal whose last step passed: eligibility_check again on
** the decision date (+ REL-2 on participants); a failing finding refuses
** (CB_ERULE, nothing written, *out says why) unless req->override gives a
** reason (stored with the appointment and audited). Otherwise, in one audited
** transaction: the appointments row (term_years of APPT-7, term_end), the
** cadre's current main posts in that unit end the day before, the new
** position (with the decision number) is created, findings stored (subject
** "appointment"), the proposal becomes decided. CB_EINVAL with *why for a
** proposal not ready or a date before its last step; CB_ENOTFOUND; CB_EDB.
*/
int appt_decide(Db *db, Arena *a, Scope scope, long long proposal_id, const DecisionReq *req, const char *actor, long long *appointment_id, Findings *out, const char **why);

typedef struct {
  const char *cadre_code, *kind, *unit_code, *title_code, *decision_date, *decision_no, *source;
  int term_years;             /* 0: APPT-7's */
} ApptReq;

/*
** Record a decision made outside canbo's procedure (a form, an import):
** the act is checked (eligibility on its date for appointment kinds) and
** its findings stored (subject "appointment"); never refused for a rule.
** with_position: also end the previous main posts in the unit and create
** the new position (the form does; an import does not: positions come from
** the positions file). In the caller's transaction when `in_tx`, else its
** own with an audit row. CB_ENOTFOUND / CB_EINVAL / CB_EDB. Sets *id.
*/
int appt_record(Db *db, Arena *a, Scope scope, const ApptReq *req, const char *actor, bool with_position, bool in_tx, long long *id, Findings *out);

typedef struct {
  long long id;
  const char *cadre_code, *cadre_name, *kind, *unit_code, *unit_name, *title_code, *title_name;
  const char *decision_date, *decision_no, *source, *term_end;
  long long proposal_id;
  const char *verdict;        /* worst stored finding */
} ApptRow;

/*
** Decisions in the subtree of unit_code (NULL = scope), newest first; year 0 = any. limit > 0: one page, the rows
** from `offset` on, at most `limit`, read as such; limit 0: every row. *total (when not NULL): how many the whole
** list holds.
*/
int appt_list(Db *db, Arena *a, Scope scope, const char *unit_code, int year, int offset, int limit, ApptRow **out,
              int *n, long long *total);

typedef struct {
  ApptRow appt;
  int days_left;              /* from the date to term_end */
  int months_left_at_end;     /* months of service left at the day after term_end (RET-1) */
  const char *action;         /* "reappointment" | "extension" */
  const char *action_label;   /* "bổ nhiệm lại" | "kéo dài thời gian giữ chức vụ đến khi nghỉ hưu" */
  const char *explain;        /* with the numbers */
} DueItem;

/*
** The due list on `date`: the latest term-carrying decision of each cadre
** for a unit and title (not followed by a later decision for it) whose
** term_end lies in [date, date + notice_days of APPT-8]. Each is marked
** extension when the months of service left at the end of the term are
** below APPT-9's months (24), else reappointment. Sorted by term_end.
** *notice_days gets the parameter used. CB_ENOTFOUND (unit), CB_EDB.
*/
int appt_due(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, DueItem **out, int *n, int *notice_days);

#endif

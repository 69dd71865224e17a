/*
** Rotation (luân chuyển), transfer (điều động), secondment (biệt phái) and
** reinforcement (tăng cường) records (QĐ 65-QĐ/TW, NĐ 138/2020 Điều 48):
** each record is checked (eligibility_check PURPOSE_ROTATION on its date
** when it names a target title, and ROT-2 on its planned duration here) and
** its findings stored (subject "rotation"). Also the ROT-4 / APPT-10 report
** of heads who held the same post in one unit for more than the allowed
** consecutive terms, and the list of rotations ending soon.
**
** Not for: HTTP (web/pages_rotation.c); posts themselves (position_edit.h).
*/
#ifndef CANBO_ROTATION_H
#define CANBO_ROTATION_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "core/field_errors.h"
#include "domain/rules.h"

/* True for rotation|transfer|secondment|reinforcement. */
bool rotation_kind_valid(const char *kind);
/* "luân chuyển", "điều động", "biệt phái", "tăng cường"; "" otherwise. Static. */
const char *rotation_kind_label(const char *kind);

typedef struct {
  const char *cadre_code, *kind, *to_unit_code, *date; /* required */
  const char *from_unit_code, *from_title_code, *to_title_code, *decision_no; /* optional */
  int planned_months;                                   /* 0: not given */
  bool enforce;          /* refuse (CB_ERULE) when a finding fails and no override is given (forms, API) */
  const char *override;  /* the officer's reason to record it despite a failed finding (stored, audited) */
} RotationReq;

/*
** What is wrong with a rotation request before it is recorded, each in
** Vietnamese on its field (kind, to_unit, date, planned_months): unknown
** kind, no target unit, a date that is not one or (for a rotation or
** transfer, which moves the cadre) lies after today, a duration outside
** 1..240 months, the same unit without a change of title. Returns e->n.
*/
int rotation_request_problems(Arena *a, const RotationReq *req, FieldErrors *e);

/*
** ROT-2 on its own: planned_months < min_months -> warn; otherwise pass;
** 0 (not given) -> n/a. Adds one finding.
*/
void rotation_check_duration(Db *db, Findings *f, int planned_months, const char *date);

/*
** Record a rotation: the cadre and the unit it goes to must lie in `scope`
** (CB_ENOTFOUND otherwise, also for unknown codes); kind and date valid, the
** date not after today (CB_EINVAL). When the from unit/title are not given
** they are the cadre's current main post. Runs the checks and stores the
** findings; with req->enforce a failing finding without req->override
** refuses the act (CB_ERULE, nothing written, *out says why); imports do not
** enforce. A rotation or transfer then moves the cadre (the act changes the
** record, in the same transaction): the current main posts end on the date,
** the post (to_unit, to_title) starts that day when to_title is given, and
** the cadre's unit is to_unit from the date -- with history rows of source
** "act:rotation:ID". A secondment or reinforcement moves nothing (the cadre
** keeps the home post). In the caller's transaction when in_tx, else its own
** with an audit row. *out in `a`; sets *id.
*/
int rotation_record(Db *db, Arena *a, Scope scope, const RotationReq *req, const char *actor, bool in_tx, long long *id, Findings *out);

/*
** Void rotation `id`, recorded in error, for a cadre in `scope` (rotation_void.c): a reason is required; what it did to
** the file is undone in the same transaction -- the post it started voided, the posts it ended open again as they
** were, the cadre's unit from its date back to the one before, each with a history row (source "undo:rotation:ID")
** -- and the act keeps its row marked voided (who, when, why; schema 53), out of the lists, the annual report, the
** exports and the documents, with an audit row. A correction is a void and a new record. The post it started goes
** with it even when corrected since (a post voided since is gone already); a post it ended and that was given
** another end since keeps it. CB_ECONFLICT with *why (Vietnamese, saying what to undo first) when an undo would
** overwrite a later change: the post it started was ended since, or the cadre is no longer in its unit; CB_EINVAL
** (no reason), CB_ENOTFOUND (no live rotation of a cadre in scope), CB_EDB.
*/
int rotation_void(Db *db, Arena *a, Scope scope, const char *actor, long long id, const char *reason, const char **why);

typedef struct {
  long long id;
  const char *cadre_code, *cadre_name, *kind, *from_unit_code, *from_unit_name, *to_unit_code, *to_unit_name;
  const char *from_title_name, *to_title_name, *date, *decision_no;
  int planned_months;        /* 0: not given */
  const char *end_date;      /* date + planned_months, or NULL */
  const char *verdict;       /* worst stored finding */
} RotationRow;

/* A cadre's live records, newest first, in two halves (to run with the file's other reads: db_run_together): the
   statement, prepared and bound (NULL on error); then its rows read and the statement finalized. 0 or CB_EDB. */
DbStmt *rotation_stmt_for_cadre(Db *db, long long cadre_id);
int rotation_read(DbStmt *st, Arena *a, RotationRow **out, int *n);

/*
** Records whose from or to unit lies in the subtree of unit_code (NULL =
** the scope), newest first; year 0 = any. limit > 0: one page, the rows
** from `offset` on, at most `limit`, read as such (the work does not grow
** with the table); limit 0: every row. *total (when not NULL): how many rows
** the whole list holds. CB_ENOTFOUND (unit), CB_EDB.
*/
int rotation_list(Db *db, Arena *a, Scope scope, const char *unit_code, int year, int offset, int limit,
                  RotationRow **out, int *n, long long *total);

/* Records of the subtree whose end (date + planned_months) lies in [date, date + months months], soonest first. */
int rotation_ending(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, int months, RotationRow **out, int *n);

typedef struct {
  const char *cadre_code, *cadre_name, *unit_code, *unit_name, *title_code, *title_name;
  const char *since;         /* start of the uninterrupted tenure */
  int months;                /* months held up to the date */
  int terms;                 /* terms begun: ceil(months / (term_years * 12)), at least the decisions counted */
  int max_terms;             /* ROT-4's */
  const char *message;       /* Vietnamese, with the numbers */
} LongTenure;

/*
** Heads (title function head, party_secretary or pc_chairman) holding on
** `date` a post in a unit of the subtree that they have held without a
** break (positions of the same title and unit following each other within
** 31 days) for more than ROT-4's max_terms terms of APPT-7's term_years:
** candidates for rotation. Also counts appointment/reappointment decisions
** for that post in the same period. Sorted by months, longest first.
*/
int rotation_long_tenure(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, LongTenure **out, int *n);

#endif

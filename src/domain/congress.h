/*
** Congress personnel plans (phương án nhân sự đại hội): for a unit and a
** term, variants of the proposed committee (BCH), standing committee (BTV),
** secretary and deputy secretaries, each checked against the CONG rules of
** the directive of that term (Chỉ thị 35-CT/TW for 2020-2025, Chỉ thị
** 45-CT/TW for 2025-2030; rule rows of schema 0009, ids in docs/RULES.md).
**
** Bodies nest: a member's `body` is the highest one proposed for them
** (committee < standing < deputy_secretary < secretary); every member is in
** the committee, deputies and the secretary are in the standing committee.
** Re-elected = in the outgoing committee (current holders, at the reckoning
** date, of titles of category committee/standing or function
** party_secretary/party_deputy_secretary in the plan's unit), unless the
** member's override says otherwise.
**
** Scope: every function takes the user's scope (a unit path, NULL = all);
** a plan whose unit lies outside it, or a cadre outside it, is CB_ENOTFOUND.
** Writes are audited in the same transaction. Strings live in the caller's
** arena. Not for: HTTP (web/pages_congress.c, web/api_congress.c).
*/
#ifndef CANBO_CONGRESS_H
#define CANBO_CONGRESS_H
#include "domain/xlsx_list.h"
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/rules.h"

typedef struct {
  long long id, unit_id;
  const char *unit_code, *unit_name, *unit_level, *unit_locality, *unit_path;
  const char *term;           /* "2025-2030" */
  const char *reckoning_date; /* ISO: ages and months of service are counted here */
  const char *congress_date;  /* ISO or NULL */
  int prev_max_size;          /* 0: not given */
  const char *status, *note, *created_at, *created_by;
  int nvariants;              /* filled by congress_list */
} CongressPlan;

typedef struct {
  long long cadre_id;
  const char *code, *full_name, *gender, *birth_date, *hometown, *current_title;
  const char *ethnicity; /* as recorded (NULL: not recorded) */
  const char *body;     /* committee | standing | deputy_secretary | secretary */
  int age;              /* full years at the reckoning date (-1 when the birth date is unusable) */
  int months_left;      /* months of service left at the reckoning date (RET-1); INT_MIN when unknown */
  bool reelected;       /* the effective value */
  bool override;        /* reelected was set by hand, not derived */
  bool in_outgoing;     /* holds a committee title of the unit at the reckoning date */
  int local;            /* 1 local, 0 not local, -1 unknown (no hometown or no unit locality) */
  bool outside;         /* the person's unit is outside the reader's scope: counted in checks, never shown */
} CongressMember;

typedef struct {
  int committee, standing, deputies, secretaries;
  int women, under40, mid, over50, unknown_age; /* the three CONG-3 brackets */
  int young;                                    /* under the CONG-2 age */
  int first_time, reelected;
  int minority;                                 /* an ethnicity recorded and not "Kinh" (reported, no floor) */
  int outgoing;                                 /* size of the outgoing committee */
} CongressCounts;

typedef struct {
  long long id;
  const char *name;
  bool chosen;
  CongressMember *m; /* secretary first, then deputies, standing, committee; by name within a body */
  int n;
  CongressCounts counts;
  Findings findings; /* the CONG checks, in rule order */
  Result verdict;
} CongressVariant;

typedef struct {
  const char *unit_code, *term;   /* required; term "YYYY-YYYY" spanning 5 years */
  const char *reckoning_date;     /* NULL/"": from CONG-12 of the term and the unit's level, else required */
  const char *congress_date;      /* optional */
  int prev_max_size;              /* 0: not given */
  const char *note;
} CongressNew;

/* True for committee | standing | deputy_secretary | secretary. */
bool congress_body_valid(const char *body);
/* Vietnamese label of a body ("Ủy viên BCH"...); "" for an unknown one. */
const char *congress_body_label(const char *body);
/* "Chỉ thị 35-CT/TW" / "Chỉ thị 45-CT/TW" / "" by term (display only; the rules carry the basis). */
const char *congress_directive(const char *term);

/*
** Create a plan for req->unit_code (in scope) and term, with a first empty
** variant "Phương án 1". Sets *id. CB_EINVAL (bad term or date, or no
** reckoning date and none derivable), CB_ENOTFOUND (unit), CB_EEXIST (a plan
** for that unit and term exists), CB_EDB.
*/
int congress_create(Db *db, Arena *a, Scope scope, const char *actor, const CongressNew *req, long long *id);
/* Plans in scope (and in unit_code's subtree when given), newest term first. 0, CB_ENOTFOUND (unit), CB_EDB. */
int congress_list(Db *db, Arena *a, Scope scope, const char *unit_code, CongressPlan **out, int *n);
/* One plan. 0, CB_ENOTFOUND (no such plan or outside scope), CB_EDB. */
int congress_get(Db *db, Arena *a, Scope scope, long long id, CongressPlan *out);
/* The outgoing committee of the plan's unit at its reckoning date (members with body and age filled). */
int congress_outgoing(Db *db, Arena *a, Scope scope, const CongressPlan *p, CongressMember **out, int *n);
/* Every variant of the plan with its members, counts, findings and verdict. 0 or CB_EDB. */
int congress_variants(Db *db, Arena *a, Scope scope, const CongressPlan *p, CongressVariant **out, int *n);

/*
** Add a variant named `name` (NULL/"": "Phương án N"), copying the members
** of variant `copy_from` of the same plan when non-zero. Sets *vid.
** CB_EINVAL (name too long), CB_ENOTFOUND (copy_from not in the plan),
** CB_EEXIST (name taken), CB_EDB.
*/
int congress_variant_add(Db *db, Arena *a, const char *actor, const CongressPlan *p, const char *name,
                         long long copy_from, long long *vid);
/*
** Put the cadre `cadre_code` (in scope) into variant `vid` of the plan with
** `body`, or change the body of a member already there. `reelected` -1
** derives it from the outgoing committee, 0/1 overrides it. CB_EINVAL (bad
** body, or a second secretary), CB_ENOTFOUND (variant, cadre), CB_EDB.
*/
int congress_member_set(Db *db, Arena *a, Scope scope, const char *actor, const CongressPlan *p, long long vid, const char *cadre_code, const char *body, int reelected);
/* Remove a member. CB_ENOTFOUND when the variant or the member is not there. */
int congress_member_remove(Db *db, Arena *a, const char *actor, const CongressPlan *p, long long vid,
                           const char *cadre_code);
/* Mark variant `vid` as the chosen one (the others are unchosen). CB_ENOTFOUND, CB_EDB. */
int congress_choose(Db *db, const char *actor, const CongressPlan *p, long long vid);

/*
** The version of CONG rule `rule` for the plan's term: the enabled version
** whose params.term equals `term` (the latest such); when no version of the
** rule names any term, the version in force on `date`. 0, CB_ENOTFOUND (the
** rule does not apply to that term: report n/a), CB_EDB.
*/
int congress_rule(Db *db, Arena *a, const char *rule, const char *term, const char *date, RuleVersion *out);

/*
** Run the CONG checks of the plan's term on variant v (members loaded):
** fills v->counts, v->findings (in v's arena `a`) and v->verdict.
** `outgoing` is the size of the outgoing committee (renewal ratio).
*/
int congress_check(Db *db, Arena *a, const CongressPlan *p, int outgoing, CongressVariant *v);

/*
** Write variant v (checked) as the official list in xlsx at `path`: title
** block with the unit, term and date, the members by body (stt, họ và tên,
** ngày sinh, nam/nữ, chức vụ hiện tại, BCH/BTV, tái cử/lần đầu, tuổi, tháng
** công tác còn lại), the structure summary and the checks; frozen header,
** A4 landscape. 0 or CB_EIO.
*/
int congress_export_xlsx(const CongressPlan *p, const CongressVariant *v, const char *path);
/* The same with the documents' header and signature block on each sheet (xlsx_list.h; NULL = none). */
int congress_export_xlsx_doc(const CongressPlan *p, const CongressVariant *v, const XlsxDocBlock *doc, const char *path);

#endif

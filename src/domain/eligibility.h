/*
** Eligibility (docs/API.md, eligibility): every rule that applies to putting a cadre in a
** planning pool, appointing them, or rotating them to a title in a unit on a
** date, each as a Finding (pass ones too) from the rule version in force on
** that date. The one place where the rule checks live: planning_add,
** proposals/appointments and rotations call it, and so do `canbo check`,
** GET /api/v1/cadres/{code}/eligibility and the profile's eligibility panel.
*/
#ifndef CANBO_ELIGIBILITY_H
#define CANBO_ELIGIBILITY_H
#include <jansson.h>
#include "core/arena.h"
#include "core/db.h"
#include "domain/rules.h"

typedef enum { PURPOSE_PLANNING = 0, PURPOSE_APPOINTMENT = 1, PURPOSE_ROTATION = 2 } Purpose;

/*
** What the checks of many cadres on one date read of each -- the record as it stood then and the disciplines up to
** it -- read for all of them in a few statements (elig_prefetch). The planning review checks every member of every
** pool: two statements each, 500 round trips at 100,000 cadres on PostgreSQL (issue 13).
*/
typedef struct EligPrefetch EligPrefetch;

typedef struct {
  Purpose purpose;
  const char *cadre_code, *title_code, *unit_code;
  const char *date;    /* ISO date of the act */
  const char *term;    /* planning: "2025-2030"; NULL = the term containing `date` (terms start 2015, 2020, 2025...) */
  const char *kind;    /* appointment: appointment|reappointment|promotion|nomination|extension; NULL = appointment;
                          rotation: rotation|transfer|secondment|reinforcement; NULL = rotation */
  const char *source;  /* appointment: internal|external; NULL = internal */
  const char *scope;   /* the user's unit scope: cadre and unit must lie in it (else CB_ENOTFOUND) */
  long long exclude_planning_id; /* ignore this planning row when counting pools (re-checking a stored act); 0 = none */
  bool leave_only; /* planning: only the rules whose failure takes a member out of a pool (PLAN-4, DISC-1/2/3: the
                      yearly review, planning_review); the rest are not run */
  const EligPrefetch *prefetch; /* read already (elig_prefetch on the same date), or NULL; a cadre it does not hold
                                   is read from the database */
} EligReq;

/* The records and disciplines of the live cadres `ids` on ISO `date`, into *out (in `a`). 0, CB_EINVAL, CB_EDB. */
int elig_prefetch(Db *db, Arena *a, const char *date, const long long *ids, int n, EligPrefetch **out);

/* "planning" | "appointment" | "rotation" and back; -1 when unknown. */
const char *purpose_name(Purpose p);
int purpose_parse(const char *s);

/*
** Run every rule of the purpose. Findings go to *out (initialized here, in
** `a`). 0; CB_ENOTFOUND when the cadre, title or unit does not exist or lies
** outside the scope (out->v[0] says which is missing? no: the caller reports
** which code); CB_EINVAL for a bad date or term; CB_EDB.
*/
int eligibility_check(Db *db, Arena *a, const EligReq *req, Findings *out);
/* The eligibility object of docs/API.md: cadre, for, title, unit, date, verdict, findings (new reference). */
json_t *eligibility_json(const EligReq *req, const Findings *f);

#endif

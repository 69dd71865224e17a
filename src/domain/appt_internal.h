/*
** Shared between appointment.c and appointment_decision.c only (not a
** public interface): resolved references of an act, the eligibility call,
** small formatting helpers.
*/
#ifndef CANBO_APPT_INTERNAL_H
#define CANBO_APPT_INTERNAL_H
#include <jansson.h>
#include <stdbool.h>
#include "domain/appointment.h"
#include "domain/cadre.h"
#include "domain/title.h"
#include "domain/unit.h"

typedef struct {
  Cadre cadre;
  Unit unit;
  Title title;
} ApptRefs;

/* Cadre and unit within scope, title anywhere. 0, CB_ENOTFOUND, CB_EDB. */
int appt_resolve(Db *db, Arena *a, Scope scope, const char *cadre_code, const char *unit_code, const char *title_code, ApptRefs *out);
/* eligibility_check(PURPOSE_APPOINTMENT) on `date`, plus REL-2 on the participants of proposal_id (> 0). */
int appt_check(Db *db, Arena *a, Scope scope, const ApptRefs *refs, const char *kind, const char *source, const char *date, long long proposal_id, Findings *out);
/* appointment kinds of proposals; with allow_dismissal also "dismissal" (decisions). */
bool appt_kind_valid(const char *kind, bool allow_dismissal);
/* Compact JSON text of j (takes the reference; caller frees the text with free()). */
char *appt_json_text(json_t *j);
/*
** Judge recorded step s (step, date, counts set) of a proposal of `kind` and
** `source`: its name, the rule in force on the step's date (APPT-VOTE for the
** new-appointment procedure, APPT-RENEW for reappointment and extension;
** defaults when none) with its basis, valid, passed, explain. 0 or CB_EDB.
*/
int appt_step_eval(Db *db, Arena *a, const char *kind, const char *source, ProposalStep *s);
/* "55%", "66,7%" of part/whole, in `a`. */
const char *appt_pct(Arena *a, long long part, long long whole);

#endif

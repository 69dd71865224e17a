/*
** Family relations among cadres (the 2C form's family section) and the REL
** rules: REL-1 (a head or deputy head and a spouse/parent/child/sibling in a
** personnel, accounting, treasurer or storekeeper post of the same unit) and
** REL-2 (relatives in the same unit's leadership; a relative of a nominee
** among those who propose or vote). Owned by the "appt" helper; the
** eligibility checks call relative_check().
**
** A relation is stored once, as given: the row (cadre A, relative B,
** relation R) reads "B is A's R" (R = parent: B is A's father or mother);
** the reverse ("A is B's child") is implied and every query sees both.
**
** Not for: HTTP (web/pages_relative.c) or the CSV columns (import_appt.c).
*/
#ifndef CANBO_RELATIVE_H
#define CANBO_RELATIVE_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/rules.h"

/*
** Add the REL-1 and REL-2 findings for cadre `cadre_id` taking title
** `title_id` in unit `unit_id` on `date` (ISO): pass findings when no
** relative conflicts, fail (REL-1) / warn (REL-2) naming each relative, the
** relation and the post. 0 or CB_EDB.
*/
int relative_check(Db *db, Scope scope, Findings *f, long long cadre_id, long long unit_id, long long title_id,
                   const char *date);

/* True for spouse|parent|child|sibling|parent_in_law|child_in_law|sibling_in_law. */
bool relation_valid(const char *rel);
/* The implied reverse ("parent" -> "child", "spouse" -> "spouse"); NULL when not valid. Static. */
const char *relation_reverse(const char *rel);
/*
** Vietnamese word for "the relative is the cadre's `rel`", by the
** relative's gender when known ("M"/"F": "vợ"/"chồng", "bố"/"mẹ"), else
** both ("vợ/chồng"). Static; "" for an unknown relation.
*/
const char *relation_label(const char *rel, const char *gender);

/* Whether a title function counts as head or deputy head (REL-1: head, deputy_head, secretaries, PC chairs). */
bool relative_function_is_lead(const char *function);

/*
** Store "relative_id is cadre_id's relation" in the caller's transaction.
** CB_EINVAL: same cadre twice or an unknown relation; CB_EEXIST: the pair
** is already recorded (in either direction); CB_EDB. Sets *id.
*/
int relative_insert(Db *db, long long cadre_id, long long relative_id, const char *relation, long long *id);

/*
** The REL findings of one recorded pair on `date`: for every current post
** of `a_id`, relative_check limited to relative `b_id` (so both directions
** of REL-1 and REL-2 are seen). Pairs in no common unit get one pass
** finding saying so. 0 or CB_EDB.
*/
int relative_pair_check(Db *db, Scope scope, Findings *f, long long a_id, long long b_id, const char *date);

/*
** Record a relation from codes (both cadres must lie in `scope`, else
** CB_ENOTFOUND), check the pair on `date` (relative_pair_check), store the
** findings (subject "relative"), audit, one transaction. *out gets the
** findings (in `a`), *id the new row. CB_EINVAL / CB_EEXIST as
** relative_insert; CB_ENOTFOUND; CB_EDB.
*/
int relative_add(Db *db, Arena *a, Scope scope, const char *actor, const char *cadre_code, const char *relative_code, const char *relation, const char *date, Findings *out, long long *id);

/*
** REL-2 for a proposal: the nominee's relatives among the proposal's
** participants (proposers and voters). One finding: warn naming each, or
** pass; none when the proposal lists no participants. 0 or CB_EDB.
*/
int relative_check_participants(Db *db, Findings *f, long long proposal_id, long long cadre_id, const char *date);

/* One pair of the relatives report. */
typedef struct {
  const char *a_code, *a_name, *b_code, *b_name;
  const char *relation;       /* what b is to a (stored form) */
  const char *relation_label; /* Vietnamese, by b's gender */
  const char *a_posts, *b_posts; /* current posts on the date as people read them (title_display), "; "-separated, or NULL */
  const char *unit_code, *unit_name; /* a unit where both hold a post, or NULL */
  const char *rule;           /* "REL-1", "REL-2" or NULL (nothing to report) */
  Result result;              /* the worst REL finding of the pair */
  const char *message;        /* that finding's message */
  const char *basis;
} RelPair;

/*
** Every recorded pair with at least one of the two cadres in the subtree of
** `unit_code` (NULL = the whole scope) and in `scope`: names, relation,
** current posts on `date`, and the worst REL finding (REL-1 fail first, then
** REL-2 warn, then pass). Sorted: fail, warn, pass, then by a's name.
** CB_ENOTFOUND for a unit outside the scope; CB_EDB.
*/
int relative_report(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, RelPair **out, int *n);

#endif

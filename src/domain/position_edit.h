/*
** Adding, correcting, ending and voiding a cadre's posts (chức vụ), and the
** move of a cadre's main post that acts make (rotation, transfer, a new
** current main post). Every change is checked field by field (Vietnamese
** messages in a FieldErrors), written with its history rows (entity
** "position", in the cadre's file) and its audit row in one transaction.
**
** A main post is one with concurrent = 0; the cadre's unit follows the
** current main post (a dated change of unit_code from the post's start).
*/
#ifndef CANBO_POSITION_EDIT_H
#define CANBO_POSITION_EDIT_H
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "core/field_errors.h"
#include "domain/cadre_edit.h"
#include "domain/position.h"

/*
** Add a post to cadre `cadre_code` from fields unit_code*, title_code*,
** start_date*, end_date, decision_no, concurrent ("1"/"0"). A current main
** post (no end date, concurrent 0) ends the cadre's other current main
** posts the day before it starts and moves the cadre's unit from its start.
** 0 with *id; CB_EINVAL (e); CB_ENOTFOUND (cadre or unit outside the scope);
** CB_EDB.
*/
int position_add(Db *db, Arena *a, const Editor *ed, const char *cadre_code, const FieldValue *v, int n,
                 FieldErrors *e, long long *id);

/*
** Correct or end post `id` (fields as for position_add; end_date ends it).
** reason required; version 0 = no check, a stale one -> CB_ECONFLICT.
** 0, CB_EINVAL (e), CB_ENOTFOUND, CB_ECONFLICT, CB_EDB.
*/
int position_patch(Db *db, Arena *a, const Editor *ed, long long id, const FieldValue *set, int n, const char *reason,
                   long long version, FieldErrors *e);

/* The form and API check of a post's text field `name` (decision_no ...): NULL when fine (*out its stored form)
   or the Vietnamese message; NULL with *out = in for a field it does not know. */
const char *position_field_text_check(Arena *a, const char *name, const char *in, const char **out);

/*
** An admin (else CB_EPERM) restores voided post `id` (its live cadre in ed's scope, else CB_ENOTFOUND): back in
** the file, lists and counts, history row "restore", an audit row. Like the void, it does not move the cadre.
** 0 or CB_EDB.
*/
int position_restore(Db *db, Arena *a, const Editor *ed, long long id);
/* A voided post of a cadre's file: its summary ("Chủ tịch UBND xã Hải Xuân, từ 01/01/2020"), who, when, why. */
typedef struct {
  long long id;
  const char *summary, *voided_at, *voided_by, *void_reason;
} VoidedPost;
/* The voided posts of cadre `cadre_id`, newest void first (*out in `a`). 0 or CB_EDB. */
int position_voided_of_cadre(Db *db, Arena *a, long long cadre_id, VoidedPost **out, int *n);

/* Void post `id` (a wrong entry) with a reason. 0, CB_EINVAL (e), CB_ENOTFOUND, CB_EDB. */
int position_void(Db *db, Arena *a, const Editor *ed, long long id, const char *reason, FieldErrors *e);

/* Post `id` if its cadre lies in `scope`: 0, CB_ENOTFOUND, CB_EDB. out->version is filled too. */
int position_get(Db *db, Arena *a, Scope scope, long long id, Position *out, long long *version);

/*
** For a rotation or transfer (in the caller's transaction): end every
** current main post of cadre `cadre_id` on `end_on` (YYYY-MM-DD), start the
** main post (unit_id, title_id) on `date` when title_id > 0, and move the
** cadre's unit to unit_id from `date`; history rows with ed->source and
** `reason`. *new_id gets the new post (0 when none). 0, CB_EINVAL, CB_EDB.
*/
int position_move_main_in_tx(Db *db, Arena *a, const Editor *ed, long long cadre_id, long long unit_id,
                             long long title_id, const char *date, const char *end_on, const char *decision_no,
                             const char *reason, long long *new_id);

/*
** End post `post_id` of cadre `cadre_id` on `end_on` (YYYY-MM-DD), its version bumped, with the history row "end_date:
** old_end -> end_on" and `reason` (the caller's transaction). 0 or CB_EDB.
*/
int position_end_in_tx(Db *db, const Editor *ed, long long cadre_id, long long post_id, const char *old_end,
                       const char *end_on, const char *reason);

/*
** Post `post_id` of cadre `cadre_id` now rests on decision `decision_no` (a reappointment renews the post it
** holds): its decision number replaced, its version bumped, the history row "decision_no: old_no -> decision_no"
** with `reason` (the caller's transaction). Nothing when decision_no is empty or the same. 0 or CB_EDB.
*/
int position_set_decision_in_tx(Db *db, const Editor *ed, long long cadre_id, long long post_id, const char *old_no,
                                const char *decision_no, const char *reason);

/*
** The cadre's own unit was corrected from old_unit to new_unit (cadre_patch, in its transaction): its current main
** posts in old_unit follow, so that the file, the counts and a later rotation's "from" agree with the unit.
** from == NULL (an entry error: the unit was typed wrong): the posts were entered in that wrong unit too and are
** corrected to new_unit in place. Otherwise the cadre moved on `from` (YYYY-MM-DD) without an act: the posts end the
** day before; a post starting on or after `from` cannot, and is a field error of effective_date (CB_EINVAL with e).
** History rows with `reason`. 0, CB_EINVAL, CB_EDB.
*/
int position_follow_unit_in_tx(Db *db, Arena *a, const Editor *ed, long long cadre_id, long long old_unit,
                               long long new_unit, const char *from, const char *reason, FieldErrors *e);

#endif

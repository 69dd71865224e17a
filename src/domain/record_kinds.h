/*
** The kinds of records kept through subrecord.h: courses (trainings),
** yearly ratings (evaluations), disciplines and family members, each with
** its fields and its consequences:
**   - a course of LLCT, QLNN or a degree that is completed with an end date
**     (and a level for a degree) raises the cadre's level from that date,
**     never lowering it (history source "act:training:ID");
**   - a corrected or voided rating refreshes its findings and its
**     organization's quota (EVAL-1..3);
**   - a family member may be another cadre (relative_code): REL-1/REL-2 then
**     apply, checked on the day of the entry and stored as findings.
*/
#ifndef CANBO_RECORD_KINDS_H
#define CANBO_RECORD_KINDS_H
#include "core/scope.h"
#include "domain/rules.h"
#include "domain/subrecord.h"

/* The kind called `entity` ("training", "evaluation", "discipline", "family"), or NULL. */
const SubKind *record_kind(const char *entity);

/*
** Add a family member to cadre `cadre_code` (fields relation*, full_name*,
** birth_year, hometown, occupation, workplace, residence, relative_code).
** With relative_code (a cadre in the scope, else CB_ENOTFOUND) the name and
** birth year default to that cadre's, the pair is checked (REL-1/REL-2) on
** today's date and the findings go to *out (may be NULL) and are stored.
** 0 with *id; CB_EINVAL (e); CB_EEXIST (the pair exists); CB_ENOTFOUND; CB_EDB.
*/
int family_add(Db *db, Arena *a, const Editor *ed, const char *cadre_code, const FieldValue *v, int n, FieldErrors *e,
               long long *id, Findings *out);

/* One family member as the profile shows it: own rows and, implied, the reverse of other cadres' links. */
typedef struct {
  long long id;             /* 0 for an implied reverse row */
  long long version;
  const char *relation;     /* what the member is to the cadre (stored code) */
  const char *relation_label;
  const char *full_name, *birth_year, *hometown, *occupation, *workplace, *residence;
  const char *relative_code; /* the member's cadre code when they are a cadre */
  bool implied;             /* the reverse of a link recorded on the other cadre's file */
} FamilyMember;

/* True for the relations on the spouse's side of the Mẫu 2C family table (parents and siblings in law). */
bool family_spouse_side(const char *relation);
/* The family of cadre `cadre_id` in the form's order (parents, spouse, children, siblings, then the spouse's side), oldest first. */
int family_list(Db *db, Arena *a, Scope scope, long long cadre_id, FamilyMember **out, int *n);
/* family_list in two halves (db_run_together): the statement (NULL on error), then its rows in `scope`. */
DbStmt *family_stmt(Db *db, long long cadre_id);
int family_read(DbStmt *st, Arena *a, Scope scope, FamilyMember **out, int *n);

#endif

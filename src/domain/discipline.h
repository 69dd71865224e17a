/*
** Disciplines (kỷ luật): the records (form, authority, decision) and the
** period during which a discipline bars planning, appointment and nomination
** (DISC-1 for the Party, DISC-2 for the State, DISC-3: the longer counts),
** read from the rule versions in force on the decision date.
**
** Not for: the eligibility checks themselves (eligibility.c applies the bar
** to an act); this module only says how long each record bars.
*/
#ifndef CANBO_DISCIPLINE_H
#define CANBO_DISCIPLINE_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/rules.h"

typedef struct {
  long long id, cadre_id;
  const char *cadre_code, *cadre_name, *unit_code, *unit_name; /* filled by lists; cadre_code also on insert */
  const char *form;          /* reprimand|warning|removal_from_post|expulsion|salary_demotion|demotion|dismissal_from_service */
  const char *authority;     /* party|state */
  const char *decision_date; /* ISO */
  const char *decision_no, *reason;
} Discipline;

/* Forms and authorities with their Vietnamese labels. */
extern const char *const DISCIPLINE_FORMS[][2];
extern const int DISCIPLINE_NFORMS;
extern const char *const DISCIPLINE_AUTHORITIES[][2];
bool discipline_form_valid(const char *form);
bool discipline_authority_valid(const char *authority);
/* Vietnamese labels ("Khiển trách", "Kỷ luật Đảng"...); "" when unknown. */
const char *discipline_form_label(const char *form);
const char *discipline_authority_label(const char *authority);
/*
** A form the authority does not impose (Quy định 69-QĐ/TW: khiển trách, cảnh cáo, cách chức, khai trừ for a Party
** member; Luật Cán bộ, công chức: khiển trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức, buộc thôi việc):
** the words saying so, or NULL when they go together (or either is unknown: checked elsewhere).
*/
const char *discipline_form_problem(const char *form, const char *authority);

/*
** The bar of one record: the rule (DISC-1 party / DISC-2 state) in force on
** its decision date gives the months for its form; the bar lasts from the
** decision date to the day before decision_date + months (*last_day, ISO, in
** `a`). 0 with *months > 0; 0 with *months = 0 and *last_day NULL when the
** rule has no period for the form or no version is in force then (expulsion,
** dismissal from service, a state discipline before 01/7/2020). *rule names
** the rule used ("DISC-1"/"DISC-2"), *basis its basis (both may be NULL).
** CB_EINVAL (bad date), CB_EDB.
*/
int discipline_period(Db *db, Arena *a, const Discipline *d, int *months, const char **last_day, const char **rule,
                      const char **basis);
/*
** The last barred day of cadre `cadre_id` on ISO date `date` over every
** record decided on or before `date` (DISC-3: the longest bar counts), in
** `a`; NULL when no bar holds on `date`. 0 or CB_EDB.
*/
int discipline_barred_until(Db *db, Arena *a, long long cadre_id, const char *date, const char **until);

/*
** Insert d for the cadre d->cadre_id (or d->cadre_code when the id is 0),
** validating form, authority and date; stores the DISC finding of the record
** (its barred period, or n/a). Sets d->id. The caller owns the transaction.
** CB_EINVAL, CB_ENOTFOUND (no such cadre), CB_EDB.
*/
int discipline_insert(Db *db, Arena *a, Discipline *d);
/*
** Record a discipline from the web: the cadre must lie in `scope`; insert,
** one audit row by `actor`, one transaction. Same errors as discipline_insert.
*/
int discipline_record(Db *db, Arena *a, Scope scope, const char *actor, Discipline *d);

typedef struct {
  long long cadre_id;      /* 0 = any */
  const char *unit_path;   /* the cadre's unit in this subtree; NULL = all */
  const char *scope;       /* the user's scope path; NULL = all */
  int year;                /* decision year; 0 = any */
} DisciplineQuery;

/* Records matching q, newest first, with cadre and unit names (arena). 0 or CB_EDB. */
int discipline_list(Db *db, Arena *a, const DisciplineQuery *q, Discipline **out, int *n);
/* discipline_list in two halves (db_run_together): the statement (NULL on error), then its rows. */
DbStmt *discipline_stmt(Db *db, const DisciplineQuery *q);
int discipline_read(DbStmt *st, Arena *a, Discipline **out, int *n);
/* One cadre's decisions for its file, newest first, when the caller already holds the (live, in-scope) cadre:
   no cadre or unit joined, so the rows' cadre and unit names are NULL for the caller to fill. NULL on error. */
DbStmt *discipline_stmt_for_cadre(Db *db, long long cadre_id);

#endif

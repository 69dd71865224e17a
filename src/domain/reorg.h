/*
** Unit reorganization (sáp nhập, chia tách): merge several units into one
** (a new unit or an existing one) or split one unit into several, on an
** effective date D, keeping every cadre's history:
**   - sources end: units.valid_to = D - 1; a new target starts: valid_from = D;
**   - every position (main or concurrent) in a source that is active on D - 1
**     and continues after it ends on D - 1, and a new position with the same
**     title (and the same planned end date, if any) starts on D in the
**     target, citing the act's decision number;
**   - cadres.unit_id of the sources' cadres moves to the target;
**   - current planning pool members of the sources (latest act 'add', terms
**     not ended before D's year) get a 'remove' act on D - 1 in the source and
**     an 'add' act on D in the target's pool of the same term and title (a
**     recorded act: no eligibility check, no findings);
**   - child units still existing on D move under the target, with the
**     materialized paths of their whole subtrees recomputed (children that
**     ended before D stay where they were, for history);
**   - merge only: users scoped to a source get the target as scope (see
**     docs/DECISIONS.md); a split leaves them on the ended source.
** One transaction and one audit row per act; no row is deleted, and the only
** rewritten history is the sources' valid_to and the moved positions'
** end_date. reorg_moves (schema 0010) records each ended/new row pair.
**
** Not for: the unit tree itself (unit.c), who belongs where on a date
** (membership.c), HTTP or CLI parsing.
*/
#ifndef CANBO_REORG_H
#define CANBO_REORG_H
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/unit.h"

typedef struct {
  const char *const *sources; /* unit codes, at least one, distinct */
  int nsources;
  const char *into;           /* the target's code: an existing unit, or the new unit's code */
  const Unit *new_unit;       /* non-NULL: create the target (name, level, parent_code, locality; code = into) */
  const char *date;           /* effective date, YYYY-MM-DD (or DD/MM/YYYY) */
  const char *decision_no;    /* may be NULL */
  const char *note;           /* may be NULL */
  const char *actor;          /* audit actor and planning.created_by */
  const char *scope;          /* the actor's unit scope (NULL = all): every unit named must lie in it */
} ReorgMerge;

typedef struct {
  const char *code;      /* a cadre code, or a child unit code of the source */
  const char *unit_code; /* the target it goes to */
} ReorgAssign;

typedef struct {
  const char *source;         /* the unit that is split */
  const Unit *new_units;      /* targets to create (valid_from = D; parent_code empty = the source's parent) */
  int nnew;
  const ReorgAssign *cadres;  /* every cadre with a position in the source continuing past D - 1, or whose unit is it */
  int ncadres;
  const ReorgAssign *children; /* every child unit of the source existing on D */
  int nchildren;
  const char *date, *decision_no, *note, *actor, *scope;
} ReorgSplit;

typedef struct {
  long long act_id;
  int units_ended, units_created, children_moved;
  int positions_moved, cadres_moved, planning_moved, users_moved;
  const char *message; /* on error: what is wrong, in Vietnamese (arena), else NULL */
} ReorgResult;

/*
** Merge req->sources into req->into on req->date (see the file comment).
** Everything or nothing: on error nothing is written and out->message says
** why. 0; CB_ENOTFOUND (a unit unknown or out of scope); CB_EEXIST (the new
** unit's code exists); CB_EINVAL (bad date, a source merged into itself or
** into its own subtree, a source not yet existing on D - 1 or already ended
** before D, a target not existing on D, positions starting on or after D in a
** source, bad new-unit fields); CB_EDB.
*/
int reorg_merge(Db *db, Arena *a, const ReorgMerge *req, ReorgResult *out);

/*
** Split req->source into the targets (new units and/or existing units named
** by the assignments) on req->date. Every affected cadre and every child
** unit existing on D must be assigned, else CB_EINVAL naming the first
** missing one; the same errors as reorg_merge otherwise.
*/
int reorg_split(Db *db, Arena *a, const ReorgSplit *req, ReorgResult *out);

typedef struct {
  long long id;
  const char *kind;           /* "merge" | "split" */
  const char *date;           /* effective date */
  const char *decision_no, *note, *created_by, *created_at;
  const Unit *sources, *targets;
  int nsources, ntargets;
} ReorgAct;

/*
** The reorganization acts touching a unit in `scope` (NULL = all), newest
** effective date first, each with its source and target units. *out in `a`.
** 0 or CB_EDB.
*/
int reorg_list(Db *db, Arena *a, Scope scope, ReorgAct **out, int *n);

#endif

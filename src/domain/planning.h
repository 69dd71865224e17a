/*
** Planning (quy hoạch, REGULATIONS.md PLAN-*): terms, the pools of each
** unit x title x term, adding (checked by eligibility_check first) and
** removing cadres, the history of a pool and of a cadre, the findings stored
** with each act, and the yearly review (rà soát) of a unit subtree.
**
** A pool is not stored as such: the table `planning` holds one row per act,
** and a cadre is a member of the pool (term, unit, title) on a date when
** their latest act for it up to that date (by date, then id) is 'add'.
**
** Every function takes the user's unit scope (a unit path, NULL = all):
** units and cadres outside it answer CB_ENOTFOUND. Strings live in the
** caller's arena. Not for: the rule checks themselves (eligibility.c), HTTP
** (web/pages_planning.c, web/api_planning.c), CSV (import_planning.c).
*/
#ifndef CANBO_PLANNING_H
#define CANBO_PLANNING_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/cadre.h"
#include "domain/rules.h"
#include "domain/term.h"

/* Terms: domain/term.h. planning_term_valid is kept for the planning importer (import_planning.c). */
static inline bool planning_term_valid(const char *term) { return term_valid(term); }

/* One act: an add or a remove. */
typedef struct {
  long long id, cadre_id, unit_id, title_id;
  const char *term, *unit_code, *unit_name, *title_code, *title_name, *cadre_code, *cadre_name;
  const char *action;   /* "add" | "remove" */
  const char *date, *decision_no, *reason;
  const char *override; /* the officer's reason to add despite a failed rule, or NULL */
  const char *created_by;
  int fails;            /* stored findings of the act with result fail */
} PlanAct;

/* A member of a pool on a date. */
typedef struct {
  long long cadre_id, act_id;
  const char *code, *full_name, *gender, *birth_date, *ethnicity;
  const char *current_title;                  /* current main position's title, or NULL */
  const char *llct_level, *qlnn_level, *degree; /* codes (cadre.h labels them) */
  const char *since, *decision_no, *override; /* the add act that put them in */
  int age;                                    /* full years on the pool's date */
} PoolMember;

/* A pool (unit x title for one term) and its members on a date. */
typedef struct {
  long long unit_id, title_id;
  const char *unit_code, *unit_name, *unit_level, *unit_path;
  const char *title_code, *title_name, *title_category;
  int title_rank;
  PoolMember *m;
  int n;
  int hidden; /* members whose current unit is outside the reader's scope: counted, never listed */
} Pool;

/* What planning_add / planning_remove get. */
typedef struct {
  const char *term;        /* "2025-2030"; NULL/"" = the term containing `date` */
  const char *unit_code, *title_code, *cadre_code;
  const char *date;        /* ISO or dd/mm/yyyy */
  const char *decision_no, *reason;
  const char *override;    /* add: reason to record the act despite a failed finding; NULL/"" = none */
  const char *scope;       /* user's unit scope */
  const char *actor;       /* for the audit row and created_by */
} PlanReq;

/* Outcome details: the new act's id, and a Vietnamese reason when refused as bad input. */
typedef struct {
  long long id;
  const char *error; /* set with CB_EINVAL / CB_EEXIST / CB_ENOTFOUND: what is wrong, in Vietnamese */
} PlanResult;

/*
** Put a cadre in a pool. Runs eligibility_check(PURPOSE_PLANNING, date of
** the act, term); the findings go to *out (in `a`) whatever happens after.
** On a failed finding nothing is written and CB_ERULE is returned, unless
** req->override gives a reason: then the act is written with it. The act, its
** findings (findings_store subject "planning") and an audit row commit in one
** transaction. 0 (res->id set); CB_ERULE; CB_EINVAL (bad term or date,
** missing field); CB_ENOTFOUND (unit, title or cadre unknown or out of
** scope); CB_EEXIST (already in that pool); CB_EDB.
*/
int planning_add(Db *db, Arena *a, const PlanReq *req, Findings *out, PlanResult *res);
/*
** Take a cadre out of a pool (date, decision_no, reason), audited in one
** transaction. 0; CB_EINVAL (bad term/date, or the cadre is not in that pool
** on that date: res->error says so); CB_ENOTFOUND; CB_EDB.
*/
int planning_remove(Db *db, Arena *a, const PlanReq *req, PlanResult *res);

/*
** PLAN-8, the political standard of the yearly review: the competent body
** concludes that a cadre does not meet it (signs of "tự diễn biến", "tự
** chuyển hóa"). Every pool of `term` (NULL/"" = the term of `date`) the
** cadre is in on `date` within `scope` gets a remove act on `date` with the
** reason "PLAN-8 — không bảo đảm tiêu chuẩn chính trị: <reason>" and the
** decision number; one transaction, one audit row per act. *removed gets
** the number of pools left. CB_EINVAL (no reason, bad date or term, or the
** cadre is in no pool then: *error says so, in Vietnamese), CB_ENOTFOUND
** (cadre unknown or out of scope), CB_EDB.
*/
int planning_remove_political(Db *db, Arena *a, Scope scope, const char *cadre_code, const char *term, const char *date, const char *decision_no, const char *reason, const char *actor, int *removed, const char **error);

/*
** Write one act as given, without checks or transaction (the import path and
** the add/remove above). The ids must exist. Sets *id. 0 or CB_EDB.
*/
int planning_insert_act(Db *db, const char *term, long long unit_id, long long title_id, long long cadre_id,
                        const char *action, const char *date, const char *decision_no, const char *reason,
                        const char *override, const char *created_by, long long *id);
/*
** Is the cadre in the pool on `date` (latest act up to that date is add)?
** 1, 0, or CB_EDB. With `since` non-NULL, the date of that add (in `a`).
*/
int planning_is_member(Db *db, Arena *a, const char *term, long long unit_id, long long title_id, long long cadre_id,
                       const char *date, const char **since);

/*
** The pools of the subtree of `unit_code` (NULL/"" = the whole scope) for
** `term` with their members on `date` (ISO; NULL = every act of the term).
** A pool appears when it has a member, or an act in the term, or -- with
** `with_titles_held` -- when its title (category other than 'other') is held
** by a current position in the unit on `date`, so that empty pools of a
** unit's titles show. Units in tree order, titles by rank descending.
** 0, CB_ENOTFOUND (unit unknown or out of scope), CB_EINVAL (term), CB_EDB.
*/
int planning_pools(Db *db, Arena *a, Scope scope, const char *unit_code, const char *term, const char *date,
                   bool with_titles_held, Pool **out, int *n);

/*
** The acts of several pools of `term` at once (a page of planning_pools' pools, all in the scope): grouped by
** (unit_id, title_id) ascending, each pool's oldest first (by date, then id), people whose current unit is
** outside the scope left out (as planning_history_pool). 0, CB_EINVAL (term), CB_EDB.
*/
int planning_history_pools(Db *db, Arena *a, Scope scope, const char *term, const Pool *pools, int npools,
                           PlanAct **out, int *n);
/* Every act of a pool, oldest first (by date, then id). CB_ENOTFOUND for unknown/out-of-scope codes. */
int planning_history_pool(Db *db, Arena *a, Scope scope, const char *term, const char *unit_code,
                          const char *title_code, PlanAct **out, int *n);
/* Every planning act of a cadre, oldest first. */
int planning_history_cadre(Db *db, Arena *a, Scope scope, const char *cadre_code, PlanAct **out, int *n);
/*
** The acts of `term` on cadre c, found (and scope-checked) by the caller, oldest first (by date, then id): what the
** profile computes the pools that hold from. Two halves, to run with other reads (db_run_together): the statement
** (NULL on error), then its rows, their cadre code and name c's, `fails` not counted (0).
*/
DbStmt *planning_term_acts_stmt(Db *db, const Cadre *c, const char *term);
int planning_term_acts_read(DbStmt *st, Arena *a, const Cadre *c, PlanAct **out, int *n);
/* The findings stored with act `id`. */
int planning_act_findings(Db *db, Arena *a, long long id, Findings *out);

/* ---- the yearly review (rà soát, PLAN-5/6/7/8/12) ---- */

/* A member who must leave the pool now, with the failed findings' messages. */
typedef struct {
  const PoolMember *m;
  const char *reason; /* "PLAN-4: ...; DISC-1: ..." */
} MustLeave;

typedef struct {
  Pool pool;
  int women, young, minority; /* counts among the members */
  int young_age;              /* PLAN-5a: "young" is under this age at the unit's level */
  MustLeave *leave;
  int nleave;
} ReviewPool;

typedef struct {
  const char *unit_code, *unit_name, *term, *date;
  ReviewPool *p;
  int n;
  int members;                         /* places in the pools: (pool, member) rows, one person in two pools twice */
  int people, women, young, minority;  /* distinct people in the pools and among them, as PLAN-5/6/7 count them and
                                          the annual report does ("young": in any pool they are in) */
  int min_women_pct, min_young_pct;    /* PLAN-6, PLAN-5 targets in force on the date */
  const char *basis_women, *basis_young, *basis_minority;
  int empty_pools, single_pools;       /* titles with no / one candidate */
} Review;

/*
** The review of the subtree of `unit_code` for `term` on `date` (ISO; NULL =
** today). For each pool: members, women / young / ethnic-minority counts
** (PLAN-6, PLAN-5 with PLAN-5a's age for the unit's level, PLAN-7 majority),
** and the members whose PLAN-4 or DISC-1/DISC-2 finding fails on `date`
** (eligibility_check for planning, the member's own act excluded).
** 0, CB_ENOTFOUND, CB_EINVAL (term or date), CB_EDB.
*/
int planning_review(Db *db, Arena *a, Scope scope, const char *unit_code, const char *term, const char *date,
                    Review *out);

#endif

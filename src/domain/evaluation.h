/*
** Evaluations (đánh giá, xếp loại chất lượng): one rating per cadre and year
** and the EVAL rules on them:
**   EVAL-2  within a grassroots organization and a year, the number rated
**           excellent <= max_excellent_pct_of_good % of the number rated
**           good (only "good", see docs/DECISIONS.md);
**   EVAL-3  failed in `years` consecutive years -> flagged (warn);
**   EVAL-4  from 2025 a score 0-100 gives the rating (>= excellent, >= good,
**           >= completed, else failed); a discipline in the year -> failed.
** The organization of a cadre is the outermost unit of level grassroots at
** or above the cadre's unit (a party cell under a grassroots party committee
** counts with that committee); a cadre with none belongs to their own unit
** (so a tree without grassroots units is checked unit by unit).
**
** Not for: eligibility (APPT-5 reads ratings itself) or pages.
*/
#ifndef CANBO_EVALUATION_H
#define CANBO_EVALUATION_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/rules.h"

typedef struct {
  long long id, cadre_id;
  const char *cadre_code, *cadre_name, *unit_code, *unit_name; /* filled by lists; cadre_code also on insert */
  int year;
  const char *rating; /* excellent|good|completed|failed */
  int score;          /* 0..100, or -1 when not scored */
} Evaluation;

/* The four ratings (excellent, good, completed, failed) with their Vietnamese labels. */
extern const char *const EVALUATION_RATINGS[4][2];
bool evaluation_rating_valid(const char *rating);
/* "Hoàn thành xuất sắc nhiệm vụ"...; "" when unknown. */
const char *evaluation_rating_label(const char *rating);
/* The rating a score gives under EVAL-4 version rv (thresholds excellent/good/completed). */
const char *evaluation_rating_for_score(const RuleVersion *rv, int score);

/*
** The EVAL-2 finding for one organization and year, from the counts: pass
** when excellent * 100 <= pct * good (no rounding), else fail; the message
** carries the counts, the percentage and the limit. Pure: no database.
*/
void evaluation_quota_finding(Findings *f, const RuleVersion *rv, const char *org_name, int year, int excellent,
                              int good);
/*
** The per-rating findings of an evaluation (EVAL-3 and EVAL-4) as if `e`
** were stored (the other years of the cadre come from the database): EVAL-3
** warns when `e` completes a run of `years` consecutive failed years; EVAL-4
** compares the score (and a discipline decided in the year) with the
** rating. Rules in force on 31/12 of e->year. 0 or CB_EDB.
*/
int evaluation_findings(Db *db, Arena *a, const Evaluation *e, Findings *out);

/*
** Insert e for the cadre e->cadre_id (or e->cadre_code when the id is 0),
** validating year (1990..2100), rating and score, and store its EVAL-3 /
** EVAL-4 findings. Does NOT refresh EVAL-2 (evaluation_quota_refresh does,
** once per organization and year). Caller owns the transaction. Sets e->id.
** CB_EINVAL, CB_ENOTFOUND (cadre), CB_EEXIST (the cadre already has a rating
** that year), CB_EDB.
*/
int evaluation_insert(Db *db, Arena *a, Evaluation *e);
/* The organization unit id of a cadre (see above). 0 or CB_ENOTFOUND / CB_EDB. */
int evaluation_org_of(Db *db, long long cadre_id, long long *org_id);
/*
** After a rating was corrected (or voided): its stored findings again
** (EVAL-1..3), the runs of failed years around it and its organization's
** quota (EVAL-2). In the caller's transaction. 0 or CB_EDB.
*/
int evaluation_refresh(Db *db, Arena *a, long long id);
/*
** Recompute and store the EVAL-2 finding of organization `org_id` for
** `year` (subject "evaluation_org", subject_id = org id, act date 31/12),
** replacing the one stored before. Caller owns the transaction. 0 or CB_EDB.
*/
int evaluation_quota_refresh(Db *db, Arena *a, long long org_id, int year);
/*
** Record an evaluation from the web: the cadre must lie in `scope`; insert,
** EVAL-2 refresh, audit row, one transaction. *out gets the findings of the
** record (EVAL-2 of its organization included). Errors as evaluation_insert.
*/
int evaluation_record(Db *db, Arena *a, Scope scope, const char *actor, Evaluation *e, Findings *out);

typedef struct {
  long long cadre_id;    /* 0 = any */
  const char *unit_path; /* cadre's unit in this subtree; NULL = all */
  const char *scope;     /* the user's scope path; NULL = all */
  int year;              /* 0 = any */
  int limit, offset;     /* a page of the list (issue 9); limit 0 = every row */
} EvaluationQuery;

/* Ratings per level of q (excellent, good, completed, failed) and their total, by one GROUP BY. 0 or CB_EDB. */
int evaluation_counts(Db *db, const EvaluationQuery *q, int counts[4], int *total);

/* Ratings matching q: by year (newest first), then unit (name, code) and name; a page of a year's ratings
   (q->year and q->limit) read unit by unit from eval_counts. 0 or CB_EDB. */
int evaluation_list(Db *db, Arena *a, const EvaluationQuery *q, Evaluation **out, int *n);
/* evaluation_list in two halves (db_run_together): the statement (NULL on error), then its rows. Not for a page
   of a year's ratings (no cadre, a year and a limit): its statement is the whole year's. */
DbStmt *evaluation_stmt(Db *db, const EvaluationQuery *q);
int evaluation_read(DbStmt *st, Arena *a, Evaluation **out, int *n);
/* One cadre's ratings for its file, newest year first, when the caller already holds the (live, in-scope) cadre:
   no cadre or unit joined, so the rows' cadre and unit names are NULL for the caller to fill. NULL on error. */
DbStmt *evaluation_stmt_for_cadre(Db *db, long long cadre_id);

typedef struct {
  long long org_id;
  const char *org_code, *org_name;
  int excellent, good, completed, failed;
  Finding finding; /* EVAL-2 for this organization and year */
} EvaluationOrg;

/*
** EVAL-2 for `year` in every organization concerned by the subtree
** `unit_path` (NULL = all) within `scope`: organizations inside it, and the
** one the subtree lies in. Counts cover the whole organization. Ordered by
** organization name. 0 or CB_EDB.
*/
int evaluation_quota(Db *db, Arena *a, Scope scope, const char *unit_path, int year, EvaluationOrg **out, int *n);
/*
** Cadres of the subtree flagged by EVAL-3 in `year`: failed in each of the
** `years` years ending with `year` (the version in force on 31/12 of year).
** *out holds their ratings of `year`; *years the parameter used (0 when no
** version is in force). 0 or CB_EDB.
*/
int evaluation_flagged(Db *db, Arena *a, Scope scope, const char *unit_path, int year, Evaluation **out, int *n, int *years);
/* The latest year having ratings in the subtree, or 0. */
int evaluation_latest_year(Db *db, Scope scope, const char *unit_path);

/* ---- who has no rating of a year (evaluation_unrated.c) ---- */

/* A unit with cadres of its own (cadre_records.unit_id) not rated for the year. */
typedef struct {
  const char *code, *name, *level;
  long long cadres, rated; /* live cadres of the unit itself, and how many of them have the year's rating */
} UnratedUnit;

/*
** The units of the subtree `unit_path` (NULL = all) within `scope` whose own cadres are not all rated for `year`,
** in tree order, at most `limit` of them; *units_total how many there are, *people_total how many such cadres in
** all. From the count tables (home_counts: live cadres by current unit; eval_counts: their ratings by year), so
** its cost does not grow with the cadres. 0 or CB_EDB.
*/
int evaluation_unrated_units(Db *db, Arena *a, Scope scope, const char *unit_path, int year, int limit,
                             UnratedUnit **out, int *n, long long *units_total, long long *people_total);

/* A cadre with no rating of the year. */
typedef struct {
  const char *code, *full_name, *birth_date, *title;
} UnratedCadre;

/* The live cadres of unit `unit_id` itself (not its subunits) with no rating for `year`, by name, at most `limit`
   (one unit's people: bounded by the unit, whatever the province). 0 or CB_EDB. */
int evaluation_unrated_cadres(Db *db, Arena *a, long long unit_id, int year, int limit, UnratedCadre **out, int *n);

#endif

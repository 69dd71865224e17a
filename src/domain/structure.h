/*
** Structure statistics (thống kê cơ cấu) of a unit subtree on a date: who
** belongs there on that day (membership.h) counted by gender, age brackets,
** the CONG age brackets, "young" per PLAN-5a, ethnicity, religion, party
** membership, degree, political theory, state management and the title
** category of the main position held that day; plus one tile per unit of the
** subtree existing that day. Also the retirement list of a subtree (cadres
** reaching the RET-1 retirement point within N months of a date).
**
** Brackets (full years of age on the date, date_age_years; a partial birth
** date counts as the 1st of its month / 1 January):
**   age:  under_30 (<= 29), 30_39, 40_49, 50_54, 55_plus (>= 55)
**   cong: under_40 (<= 39), 40_50 (40..50 inclusive), over_50 (>= 51)
**   young: age < PLAN-5a parameter for the level of the cadre's unit on the
**          date (the rule version in force on the date); "n/a" when no
**          version is in force.
** Qualifications (degree, llct, qlnn, ethnicity, religion) are the values
** recorded on the profile now (canbo keeps no dated history of them); party
** membership is dated: party_join_date on or before the date.
**
** Not for: HTML, JSON layout of pages or files (web/, cli/).
*/
#ifndef CANBO_STRUCTURE_H
#define CANBO_STRUCTURE_H
#include <stdbool.h>
#include <jansson.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/unit.h"

typedef struct {
  const char *key;   /* stable English key ("under_30", "F", "dai_hoc", an ethnicity as stored...) */
  const char *label; /* Vietnamese */
  long long n;       /* cadres in the bucket */
  long long women;   /* of whom women */
} Bucket;

typedef enum {
  DIM_GENDER = 0,
  DIM_AGE,
  DIM_AGE_CONG,
  DIM_YOUNG,
  DIM_ETHNICITY,
  DIM_RELIGION,
  DIM_PARTY,
  DIM_DEGREE,
  DIM_LLCT,
  DIM_QLNN,
  DIM_CATEGORY,
  DIM_COUNT
} DimId;

typedef struct {
  const char *key;   /* "gender", "age", "age_cong", "young", "ethnicity", ... */
  const char *label; /* Vietnamese heading */
  Bucket *v;         /* fixed order for ordered scales; by count (desc) for ethnicity and religion */
  int n;
} Dimension;

typedef struct {
  Unit unit;           /* a unit of the subtree existing on the date (depth from unit_list) */
  long long total;     /* cadres belonging on the date to this unit or a unit below it */
  long long women, young;
} UnitTile;

typedef struct {
  Unit unit;            /* the subtree root; unit.code NULL when the whole scope was asked */
  char date[11];        /* ISO */
  long long total, women;
  Dimension dim[DIM_COUNT];
  UnitTile *tiles;      /* tree order */
  int ntiles;
  bool young_known;     /* a PLAN-5a version is in force on the date */
  const char *young_basis;   /* its legal basis (Vietnamese), or NULL */
  int young_age[5];     /* its ages: central, province, district, commune, grassroots */
} Structure;

/* Key of dimension d ("gender"...), or NULL. */
const char *structure_dim_key(DimId d);

/*
** Compute the structure of the subtree of `unit_code` (NULL or "" = the
** whole `scope`) on `date` (ISO YYYY-MM-DD) for a user limited to `scope`
** (a unit path, NULL = all). Everything lives in `a`.
** 0, CB_EINVAL (bad date), CB_ENOTFOUND (unit unknown or outside scope), CB_EDB.
*/
int structure_compute(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, Structure *out);

/* structure_compute reading every member even when the counters answer `date`, by a reading written apart from the
   one the counters are built from (the reference they are checked against). */
int structure_recount(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, Structure *out);

/*
** The bucket keys of one member on `date`, shared by the recount and the counters (counters.h): k[0] gender
** F|M, k[1] ethnicity and k[2] religion ("" unrecorded), k[3] party member|non_member, k[4] degree, k[5]
** llct, k[6] qlnn, k[7] title category or "none". Keys may point into the arguments.
*/
void structure_member_keys(const char *gender, const char *ethnicity, const char *religion, const char *party_join,
                           const char *degree, const char *llct, const char *qlnn, const char *category,
                           const char *date, const char *k[8]);

/*
** {"unit":{code,name,level}|null,"date","total","women",
**  "dimensions":{KEY:{"label","buckets":[{"key","label","count","women","percent"}]}},
**  "young_rule":{"rule":"PLAN-5a","ages":{level:age},"basis"}|null,
**  "units":[{"code","name","level","depth","total","women","young"}]}
** percent: share of total with one decimal. New reference.
*/
json_t *structure_json(const Structure *s);

/* One row of the retirement list. Strings in the caller's arena. */
typedef struct {
  long long cadre_id;
  const char *code, *full_name, *gender, *birth_date, *ethnicity;
  const char *title, *unit_name;      /* main position held on the date (title may be NULL), unit on the date */
  const char *degree, *major, *llct_level, *qlnn_level;
  int age_years, age_months;          /* RET-1 retirement age */
  char retirement_date[11], pension_from[11]; /* ISO */
  int seq;                            /* position in name order (keeps the sort stable) */
} RetireRow;

/*
** Cadres belonging on `date` to the subtree of `unit_code` (as
** structure_compute) whose RET-1 retirement point falls within `months`
** months of `date`: date <= retirement_date <= date + months (inclusive;
** months 0..600). Ordered by retirement date, then name. *out in `a`.
** 0, CB_EINVAL, CB_ENOTFOUND, CB_EDB.
*/
int structure_retirements(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, int months, RetireRow **out, int *n);
/*
** The same list from row `offset` (0-based; past the end: no rows), at most `limit` rows (negative: all): *n rows,
** *total in the whole list. Only the page's rows are read in full (issue 9: a list of 50 years of a province is
** tens of MB). 0, CB_EINVAL (also a negative offset), CB_ENOTFOUND, CB_EDB.
*/
int structure_retirements_page(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, int months,
                               int offset, int limit, RetireRow **out, int *n, int *total);

#endif

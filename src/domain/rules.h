/*
** The rules as data (REGULATIONS.md): rule versions with parameters, legal
** basis, effective dates and confidence, and the findings that checks
** produce. A check asks for the version in force on the date of the act,
** reads its parameters, and adds a Finding that names the rule, the result,
** the numbers used (in Vietnamese) and the basis.
**
** Not for: the checks themselves (eligibility.c and the modules of each act).
*/
#ifndef CANBO_RULES_H
#define CANBO_RULES_H
#include <stdbool.h>
#include <jansson.h>
#include "core/arena.h"
#include "core/db.h"

typedef enum { RESULT_NA = 0, RESULT_PASS = 1, RESULT_WARN = 2, RESULT_FAIL = 3 } Result;

typedef struct {
  const char *rule;       /* "PLAN-4" */
  Result result;
  const char *message;    /* Vietnamese, with the numbers used */
  const char *basis;      /* legal basis: real texts only (number, date, article where known); "" when none */
  const char *convention; /* canbo's own convention behind the result ("Quy ước của hệ thống"), or NULL */
} Finding;

typedef struct {
  Arena *a;            /* owns the findings' strings */
  Finding *v;
  int n, cap;
} Findings;

typedef struct {
  long long id;
  const char *rule, *title, *params, *basis, *effective_from, *effective_to, *confidence, *note;
  const char *convention; /* canbo's own convention, shown apart from the basis; NULL when none */
  bool enabled;
} RuleVersion;

/* "pass" | "warn" | "fail" | "n/a". */
const char *result_name(Result r);
/* Vietnamese label: "Đạt" | "Cảnh báo" | "Không đạt" | "Không áp dụng". */
const char *result_label(Result r);
/* Parse "pass"... ; RESULT_NA for anything else. */
Result result_parse(const char *s);

void findings_init(Findings *f, Arena *a);
/* Add a finding for the rule version rv (its rule id, basis and convention), message printf-style. */
void findings_add(Findings *f, const RuleVersion *rv, Result r, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Add a finding naming rule and basis directly (for a rule with no version in force). */
void findings_add_raw(Findings *f, const char *rule, const char *basis, Result r, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/*
** Add a finding of rule version rv with another basis and convention than
** rv's (NULL basis: rv's; NULL convention: none), e.g. a title's own
** standard text for STD-1.
*/
void findings_add_cited(Findings *f, const RuleVersion *rv, const char *basis, const char *convention, Result r,
                        const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* fail if any fails, else warn if any warns, else pass (docs/API.md, eligibility); pass for none. */
Result findings_verdict(const Findings *f);
/* [{"rule","result","message","basis","convention"}...] (new reference); convention is null when none. */
json_t *findings_json(const Findings *f);
/* Store the findings of an act (subject: "planning", "rotation"...). Caller owns the transaction. */
int findings_store(Db *db, const char *subject, long long subject_id, long long cadre_id, const char *act_date,
                   const Findings *f);
/* Stored findings of an act, in the order stored. */
int findings_load(Db *db, Arena *a, const char *subject, long long subject_id, Findings *out);
/* findings_load for n subjects of one kind in one statement (a list of records each shown with its findings):
   out[i] (n of them, initialised here) holds those of ids[i]; the ids are distinct. 0 or CB_EDB. */
int findings_load_many(Db *db, Arena *a, const char *subject, const long long *ids, int n, Findings *out);

/*
** The enabled version of `rule` in force on `date` (ISO): effective_from <=
** date and (effective_to is NULL or date <= effective_to); the latest such.
** 0, CB_ENOTFOUND (no version then: the caller reports n/a), CB_EDB. Its
** strings may be the rules memo's: read-only, valid until db_memo_settle or
** db_close (core/db.h db_memo).
*/
int rules_in_force(Db *db, Arena *a, const char *rule, const char *date, RuleVersion *out);
/*
** rules_in_force, and when there is none, add an n/a finding saying so and
** return false. The usual first line of a check:
**   RuleVersion rv; if (!rules_get(db, f, "PLAN-4", date, &rv)) return;
*/
bool rules_get(Db *db, Findings *f, const char *rule, const char *date, RuleVersion *out);

/* Parameters (top-level keys of the params JSON object); `def` when absent or of another type. A number is
   clamped to +-RULE_PARAM_MAX (rule_params_fit keeps stored ones inside), so that months * 12 cannot overflow. */
long rule_param_int(const RuleVersion *rv, const char *key, long def);
double rule_param_num(const RuleVersion *rv, const char *key, double def);
bool rule_param_bool(const RuleVersion *rv, const char *key, bool def);
/* String parameter, copied into `a`; `def` when absent. */
const char *rule_param_str(const RuleVersion *rv, Arena *a, const char *key, const char *def);
/* True when params[key] is an array holding the string `value`. */
bool rule_param_list_has(const RuleVersion *rv, const char *key, const char *value);

enum { RULE_PARAM_MAX = 100000, RULE_WHY_SIZE = 256 };
/*
** Whether `params` (a JSON object's text) may stand for `shape` (the params of every version of the same rule,
** merged: rules_edit and rules_add_version pass those): keys of shape only (one left out is read at the code's
** default, as texts drop parameters over time), each value of the same JSON type as in shape (an integer where shape holds one; objects
** alike, recursively; an array's items of the type of shape's first item, strings or numbers when it is
** empty), numbers finite within +-RULE_PARAM_MAX, strings up to 2,000 bytes, arrays up to 100 items. The
** code reads the parameters it knows by these keys and types: another key would be ignored, another type
** read as absent, a huge number overflow its date arithmetic. When false and `why` is not NULL, why (of
** RULE_WHY_SIZE bytes) says in Vietnamese which key and what was expected.
*/
bool rule_params_fit(const char *params, const char *shape, char *why);
/*
** What a parameter's value cannot be, whatever its type allows (a share over 100 %, a quorum of 5/3, a value no
** rule reads): the words after the parameter's name ("phải từ 0 đến 100"), or NULL when it may be. `parent` is the
** object holding it (the quorum's numerator is checked against its denominator). rule_params_fit applies it.
*/
const char *rule_param_problem(const char *key, const json_t *v, const json_t *parent);
/* The codes a text parameter takes (NULL-terminated), or NULL when it is free text. */
const char *const *rule_param_values(const char *key);

/* Every version (rule, then effective_from), for the admin page and the API. */
int rules_list(Db *db, Arena *a, RuleVersion **out, int *n);
int rules_find(Db *db, Arena *a, long long id, RuleVersion *out);
/*
** Change a version: params (a JSON object text that fits the rule's: rule_params_fit;
** NULL = unchanged), effective_to ("" = open, NULL =
** unchanged), enabled (-1 = unchanged), note (NULL = unchanged). Audited with
** before/after in one transaction. CB_EINVAL (params that do not fit, bad
** date), CB_ENOTFOUND, CB_EDB.
*/
int rules_update(Db *db, const char *actor, long long id, const char *params, const char *effective_to, int enabled,
                 const char *note);

/* What rules_edit changes: NULL members (enabled -1) stay as they are. */
typedef struct {
  const char *params;       /* a JSON object's text */
  const char *effective_to; /* "" = open */
  int enabled;              /* -1 unchanged, 0, 1 */
  const char *note;
  const char *basis;        /* the legal basis text ("" allowed: no national text, e.g. a local rule turned off) */
  const char *convention;   /* "" = none */
  const char *confidence;   /* "V" | "U" */
} RuleEdit;
/*
** rules_update with every editable member: params, end date, enabled, note,
** basis, convention, confidence. Audited with before/after in one
** transaction. CB_EINVAL (params that do not fit the rule's, bad date,
** end before start, confidence other than V/U, a basis or convention over
** 2,000 bytes), CB_ENOTFOUND, CB_EDB. `why` (RULE_WHY_SIZE bytes, or NULL)
** says what in the params did not fit; "" for the other CB_EINVAL causes.
*/
int rules_edit(Db *db, const char *actor, long long id, const RuleEdit *e, char *why);
/*
** Add a version of an existing rule from `effective_from` (title, basis,
** convention and confidence copied from the version in force the day before
** unless given);
** the previous open version gets effective_to = the day before. Audited.
** Sets *new_id. CB_EINVAL (params that do not fit the rule's: `why` as
** rules_edit), CB_ENOTFOUND (unknown rule), CB_EEXIST (same
** date), CB_EDB.
*/
int rules_add_version(Db *db, const char *actor, const RuleVersion *rv, long long *new_id, char *why);

/* One audited change of a version of a rule (an audit row of entity "rule_version"). */
typedef struct {
  const char *at, *actor;     /* when (UTC, ISO 8601) and who */
  const char *action;         /* "create" (a new version) | "update" */
  long long version_id;       /* the version changed */
  const char *effective_from; /* that version's start, as it is now */
  const char *before, *after; /* the version's JSON before and after (before NULL on create) */
} RuleChange;
/*
** The changes of every version of `rule`, newest first, at most `limit`
** (read from the audit rows by schema 52's partial index). *out in `a`.
** 0 or CB_EDB.
*/
int rules_history(Db *db, Arena *a, const char *rule, int limit, RuleChange **out, int *n);

#endif

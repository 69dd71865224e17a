/*
** Shared pieces of helper pages for evaluations, disciplines and rules
** (pages_evaluation.c, pages_discipline.c, pages_rules.c, api_rules.c).
** Not for: the handlers themselves (declared in web.h).
*/
#ifndef CANBO_PAGES_EVAL_H
#define CANBO_PAGES_EVAL_H
#include <jansson.h>
#include <stdbool.h>
#include "core/http.h"
#include "domain/rules.h"

/* The JSON object of a rule version (new reference): id, rule, title, params (object), basis, dates, confidence, note, enabled. */
json_t *rule_version_json(const RuleVersion *rv);
/* The {id} path parameter as a positive number, or 0. */
long long rule_id_param(Req *r);
/*
** The profile section "Đánh giá, kỷ luật" of cadre `cadre_id` (code `code`):
** ratings by year and disciplines with their barred periods, and for
** officers the links to the forms. Writes into r->out; 0 or a CB_* code.
*/
int profile_eval_section(Req *r, long long cadre_id, const char *code);
/* <select> of units in scope (name=unit), `sel` selected, first option "all". */
void unit_select(Req *r, const char *sel);
/* Badge of a finding result (class by result, Vietnamese label). */
void result_badge(Req *r, Result res);
/* Append one CSV field (RFC 4180 quoting), then "," or CRLF when `last`. */
void csv_cell(Buf *b, const char *s, bool last);
/* Send `csv` (a finished buffer) as a download named `name`. */
void send_csv(Req *r, Buf *csv, const char *name);

#endif

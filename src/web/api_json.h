/*
** What the JSON API handlers (api_*.c) share to read a request and answer a
** domain error: the body as an object with the types of its members
** checked, its string and integer members, its members as submitted
** fields of a record and the 400 naming every bad field, the 404 of a
** missing record, and the {verdict, findings} of a check. Not for: building answers (each
** api_*.c packs its own objects with jansson).
*/
#ifndef CANBO_API_JSON_H
#define CANBO_API_JSON_H
#include <jansson.h>
#include "core/http.h"
#include "core/field_errors.h"
#include "domain/cadre_edit.h"
#include "domain/rules.h"

/*
** The request body as a JSON object (new reference: the caller decrefs),
** or NULL after a 400. When `ints` or `arrays` is given (NULL-terminated
** lists), members named in `ints` must be whole numbers within ±INT_MAX,
** those in `arrays` arrays, and every other member a string; null is always
** allowed. With both NULL only the object is checked.
*/
json_t *api_body(Req *r, const char *const *ints, const char *const *arrays);
/* api_body with the members listed in `bools` true or false (NULL: none). */
json_t *api_body_typed(Req *r, const char *const *ints, const char *const *arrays, const char *const *bools);
/* String member `key` copied into r->a; NULL when absent, null or not a string. */
const char *api_str(Req *r, json_t *o, const char *key);
/* Integer member `key`, `def` when absent or not an integer. */
long long api_int(json_t *o, const char *key, long long def);
/*
** Integer query argument `name` into *out: `def` when absent or empty; a whole number past INT_MAX reads as INT_MAX
** (a caller's cap applies); a value that is not a whole number of at least `min` is answered 400 naming the argument
** and gives false.
*/
bool api_query_int(Req *r, const char *name, long def, long min, long *out);
/*
** A list's page from `limit` (1.., default API_PAGE_DEFAULT, more capped at API_PAGE_MAX) and `offset` (0..,
** default 0), as the retirement list's (docs/API.md); a bad one is answered 400 and gives false.
*/
#define API_PAGE_DEFAULT 500
#define API_PAGE_MAX 1000
bool api_query_page(Req *r, long *offset, long *limit);
/* CB_ENOTFOUND as 404 with `what` (Vietnamese); any other code as resp_cb_error. */
void api_not_found(Req *r, int rc, const char *what);
/* {"verdict": "pass"|"warn"|"fail", "findings": [...]} of f (new reference). */
json_t *api_findings(const Findings *f);

/*
** The members of object o (all but those named in skip, a NULL-terminated
** list) as submitted fields: strings as they are, numbers as their decimal
** text, true/false as "1"/"0", null as empty. A member of another type (an
** object, an array) is a bad field in e. *v in r->a.
*/
void api_fields(Req *r, json_t *o, const char *const *skip, FieldValue **v, int *n, FieldErrors *e);
/* Answer 400 {"error":{"code":"bad_request","message","fields":{FIELD: message}}} naming every field of e. */
void api_fields_error(Req *r, const FieldErrors *e);

#endif

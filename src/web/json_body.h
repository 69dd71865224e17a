/*
** JSON request bodies of the API: the body as an object, its members as
** submitted fields, and the 400 answer that names every bad field
** (docs/API.md: {"error":{"code":"bad_request","message","fields":{…}}}).
** Not for: answers other than errors (resp_json), HTML forms.
*/
#ifndef CANBO_JSON_BODY_H
#define CANBO_JSON_BODY_H
#include <jansson.h>
#include "core/field_errors.h"
#include "core/http.h"
#include "domain/cadre_edit.h"

/* The body as a JSON object, or NULL after a 400 naming the problem. The caller decrefs. */
json_t *json_body_object(Req *r);
/* String member copied into r->a; NULL when absent, null or not a string. */
const char *json_body_str(Req *r, json_t *o, const char *key);
/*
** The members of object o (all but those named in skip, a NULL-terminated
** list) as submitted fields: strings as they are, numbers as their decimal
** text, true/false as "1"/"0", null as empty. A member of another type (an
** object, an array) is a bad field in e. *v in r->a.
*/
void json_body_fields(Req *r, json_t *o, const char *const *skip, FieldValue **v, int *n, FieldErrors *e);
/* Answer 400 naming every field of e (message: the first one). */
void json_fields_error(Req *r, const FieldErrors *e);

#endif

/*
** The bad fields of one submitted record: which field, and why, in
** Vietnamese. Filled by domain validation (cadre fields, positions,
** trainings, users...) and read by the web layer, which shows each message
** next to its field in a form, or as the "fields" object of a 400 JSON
** error (docs/API.md). Knows nothing of HTTP or HTML.
**
** Messages and field names are copied into the arena given to
** field_errors_new; the set lives as long as that arena.
*/
#ifndef CANBO_FIELD_ERRORS_H
#define CANBO_FIELD_ERRORS_H
#include <stdarg.h>
#include "core/arena.h"

typedef struct {
  const char *field;   /* the API/form field name, e.g. "birth_date" */
  const char *message; /* Vietnamese: what is wrong and what is expected */
} FieldError;

typedef struct {
  Arena *a;
  FieldError *v;
  int n, cap;
} FieldErrors;

/* An empty set whose storage comes from `a`. */
void field_errors_init(FieldErrors *e, Arena *a);
/* Record that `field` is bad. A second message for the same field is ignored (the first one is shown). */
void field_errors_add(FieldErrors *e, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The message for `field`, or NULL when it is fine (also when e is NULL: a form shown for the first time). */
const char *field_errors_get(const FieldErrors *e, const char *field);

#endif

/* The bad fields of one submitted record (see field_errors.h). */
#include "core/field_errors.h"
#include <string.h>

void field_errors_init(FieldErrors *e, Arena *a) {
  memset(e, 0, sizeof *e);
  e->a = a;
}

void field_errors_add(FieldErrors *e, const char *field, const char *fmt, ...) {
  if (field_errors_get(e, field)) return;
  if (e->n == e->cap) {
    int cap = e->cap ? e->cap * 2 : 8;
    FieldError *v = arena_alloc(e->a, sizeof(FieldError) * (size_t)cap);
    if (e->n) memcpy(v, e->v, sizeof(FieldError) * (size_t)e->n);
    e->v = v, e->cap = cap;
  }
  va_list ap;
  va_start(ap, fmt);
  e->v[e->n].message = arena_vprintf(e->a, fmt, ap);
  va_end(ap);
  e->v[e->n].field = arena_strdup(e->a, field);
  e->n++;
}

const char *field_errors_get(const FieldErrors *e, const char *field) {
  for (int i = 0; e && field && i < e->n; i++)
    if (strcmp(e->v[i].field, field) == 0) return e->v[i].message;
  return NULL;
}

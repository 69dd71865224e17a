/* JSON request bodies of the API (see json_body.h). */
#include "web/json_body.h"
#include <stdio.h>
#include <string.h>

json_t *json_body_object(Req *r) {
  json_error_t err;
  json_t *in = json_loadb(r->body, r->body_len, 0, &err);
  if (!json_is_object(in)) {
    json_decref(in);
    resp_error(r, 400, "bad_request",
               in ? "Nội dung yêu cầu phải là một đối tượng JSON."
                  : arena_printf(r->a, "JSON không hợp lệ (dòng %d, cột %d): %s.", err.line, err.column, err.text));
    return NULL;
  }
  return in;
}

const char *json_body_str(Req *r, json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
}

static bool skipped(const char *k, const char *const *skip) {
  for (int i = 0; skip && skip[i]; i++)
    if (strcmp(k, skip[i]) == 0) return true;
  return false;
}

void json_body_fields(Req *r, json_t *o, const char *const *skip, FieldValue **v, int *n, FieldErrors *e) {
  *v = arena_alloc(r->a, sizeof(FieldValue) * (json_object_size(o) + 1));
  *n = 0;
  const char *k;
  json_t *x;
  json_object_foreach(o, k, x) {
    if (skipped(k, skip)) continue;
    const char *s = NULL;
    if (json_is_string(x)) s = arena_strdup(r->a, json_string_value(x));
    else if (json_is_integer(x)) s = arena_printf(r->a, "%lld", (long long)json_integer_value(x));
    else if (json_is_real(x)) s = arena_printf(r->a, "%g", json_real_value(x));
    else if (json_is_boolean(x)) s = json_is_true(x) ? "1" : "0";
    else if (!json_is_null(x)) {
      field_errors_add(e, k, "Trường \"%s\" phải là một chuỗi hoặc một số.", k);
      continue;
    }
    (*v)[(*n)++] = (FieldValue){arena_strdup(r->a, k), s};
  }
}

void json_fields_error(Req *r, const FieldErrors *e) {
  json_t *fields = json_object();
  for (int i = 0; i < e->n; i++) json_object_set_new(fields, e->v[i].field, json_string(e->v[i].message));
  const char *msg = e->n ? e->v[0].message : "Dữ liệu không hợp lệ.";
  if (e->n > 1) msg = arena_printf(r->a, "%d trường chưa hợp lệ; %s", e->n, msg);
  resp_json(r, 400, json_pack("{s:{s:s, s:s, s:o}}", "error", "code", "bad_request", "message", msg, "fields", fields));
}

/* Reading JSON requests (see api_json.h). */
#include "web/api_json.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"

static bool listed(const char *const *list, const char *k) {
  for (int i = 0; list && list[i]; i++)
    if (strcmp(list[i], k) == 0) return true;
  return false;
}

/* NULL when each member has its type, else the 400 message (arena). */
static const char *member_types(Req *r, json_t *in, const char *const *ints, const char *const *arrays,
                                const char *const *bools) {
  const char *k;
  json_t *v;
  json_object_foreach(in, k, v) {
    if (json_is_null(v)) continue;
    bool is_int = listed(ints, k), is_array = listed(arrays, k), is_bool = listed(bools, k);
    bool ok = is_array ? json_is_array(v)
              : is_bool ? json_is_boolean(v)
              : is_int ? json_is_integer(v) && json_integer_value(v) <= INT_MAX && json_integer_value(v) >= -INT_MAX
                       : json_is_string(v);
    if (!ok)
      return arena_printf(r->a, "Trường \"%s\" phải là %s.", k,
                          is_array  ? "một mảng"
                          : is_bool ? "true hoặc false"
                          : is_int  ? "một số nguyên"
                                    : "một chuỗi");
  }
  return NULL;
}

json_t *api_body(Req *r, const char *const *ints, const char *const *arrays) {
  return api_body_typed(r, ints, arrays, NULL);
}

json_t *api_body_typed(Req *r, const char *const *ints, const char *const *arrays, const char *const *bools) {
  /* a key given twice is refused, not read as its last value (a hostile tester's "params" twice) */
  json_t *in = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, NULL);
  const char *bad = !json_is_object(in) ? "Nội dung yêu cầu phải là một đối tượng JSON (mỗi khóa một lần)."
                    : ints || arrays || bools        ? member_types(r, in, ints, arrays, bools)
                                                     : NULL;
  if (bad) {
    json_decref(in);
    resp_error(r, 400, "bad_request", bad);
    return NULL;
  }
  return in;
}

const char *api_str(Req *r, json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
}

long long api_int(json_t *o, const char *key, long long def) {
  json_t *v = json_object_get(o, key);
  return json_is_integer(v) ? json_integer_value(v) : def;
}

bool api_query_int(Req *r, const char *name, long def, long min, long *out) {
  const char *s = req_query(r, name);
  *out = def;
  if (!s || !*s) return true;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (!*end && v > 0 && (errno == ERANGE || v > INT_MAX)) errno = 0, v = INT_MAX; /* a huge count: the most there is */
  if (*end || errno || v < min) {
    resp_error(r, 400, "bad_request",
               arena_printf(r->a, "Tham số '%s' phải là số nguyên không nhỏ hơn %ld.", name, min));
    return false;
  }
  *out = v;
  return true;
}

bool api_query_page(Req *r, long *offset, long *limit) {
  if (!api_query_int(r, "limit", API_PAGE_DEFAULT, 1, limit) || !api_query_int(r, "offset", 0, 0, offset)) return false;
  if (*limit > API_PAGE_MAX) *limit = API_PAGE_MAX;
  return true;
}

void api_not_found(Req *r, int rc, const char *what) {
  if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", what);
  else resp_cb_error(r, rc);
}

json_t *api_findings(const Findings *f) {
  return json_pack("{s:s, s:o}", "verdict", result_name(findings_verdict(f)), "findings", findings_json(f));
}

static bool skipped(const char *k, const char *const *skip) {
  for (int i = 0; skip && skip[i]; i++)
    if (strcmp(k, skip[i]) == 0) return true;
  return false;
}

void api_fields(Req *r, json_t *o, const char *const *skip, FieldValue **v, int *n, FieldErrors *e) {
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

void api_fields_error(Req *r, const FieldErrors *e) {
  json_t *fields = json_object();
  for (int i = 0; i < e->n; i++) json_object_set_new(fields, e->v[i].field, json_string(e->v[i].message));
  const char *msg = e->n ? e->v[0].message : "Dữ liệu không hợp lệ.";
  if (e->n > 1) msg = arena_printf(r->a, "%d trường chưa hợp lệ; %s", e->n, msg);
  resp_json(r, 400, json_pack("{s:{s:s, s:s, s:o}}", "error", "code", "bad_request", "message", msg, "fields", fields));
}

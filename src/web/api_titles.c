/*
** The titles API: every title with the Party membership it needs and its
** standard text (GET /api/v1/titles), and an administrator's change of both
** (PATCH /api/v1/titles/{code}, body {"requires_party": "none"|"member"|
** "official"|null (null: the default), "standard_basis": "..."|null}; every
** key optional, unknown keys refused). Audited by domain/title.c.
*/
#include <string.h>
#include "core/err.h"
#include "domain/title.h"
#include "web/api_json.h"
#include "web/web.h"

static json_t *title_json(const Title *t) {
  json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s?, s:s?}", "code", t->code, "name", t->name, "level",
                        t->level, "category", t->category, "rank", t->rank, "function", t->function ? t->function : "other",
                        "requires_party", title_party(t), "requires_party_set", t->requires_party, "standard_basis",
                        t->standard_basis && *t->standard_basis ? t->standard_basis : NULL);
  json_object_set_new(j, "min_degree", t->min_degree ? json_string(t->min_degree) : json_null());
  json_object_set_new(j, "min_llct", t->min_llct ? json_string(t->min_llct) : json_null());
  json_object_set_new(j, "min_qlnn", t->min_qlnn ? json_string(t->min_qlnn) : json_null());
  json_object_set_new(j, "max_age_first", t->max_age_first > 0 ? json_integer(t->max_age_first) : json_null());
  return j;
}

void api_titles_list(Req *r) {
  Title *t;
  int n;
  int rc = title_list(r->db, r->a, &t, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  json_t *items = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(items, title_json(&t[i]));
  resp_json(r, 200, json_pack("{s:i, s:o}", "total", n, "items", items));
}

void api_title_patch(Req *r) {
  const char *code = r->nparams ? r->params[0] : "";
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *key;
  json_t *val;
  json_object_foreach(in, key, val) {
    bool known = strcmp(key, "requires_party") == 0 || strcmp(key, "standard_basis") == 0;
    if (!known || !(json_is_string(val) || json_is_null(val))) {
      resp_error(r, 400, "bad_request",
                 known ? arena_printf(r->a, "Trường \"%s\" phải là chuỗi hoặc null.", key)
                       : arena_printf(r->a, "Trường không được hỗ trợ: \"%s\".", key));
      json_decref(in);
      return;
    }
  }
  json_t *p = json_object_get(in, "requires_party"), *sb = json_object_get(in, "standard_basis");
  const char *party = !p ? NULL : json_is_null(p) ? "" : arena_strdup(r->a, json_string_value(p));
  const char *basis = !sb ? NULL : json_is_null(sb) ? "" : arena_strdup(r->a, json_string_value(sb));
  json_decref(in);
  if (party && *party && !title_party_valid(party)) {
    resp_error(r, 400, "bad_request", "requires_party phải là none, member, official hoặc null (mặc định).");
    return;
  }
  int rc = title_update(r->db, r->user->username, code, party, basis);
  if (rc == CB_EINVAL) {
    resp_error(r, 400, "bad_request", "standard_basis tối đa 2.000 byte.");
    return;
  }
  if (rc) {
    api_not_found(r, rc, "Không tìm thấy chức danh.");
    return;
  }
  Title t;
  if ((rc = title_find(r->db, r->a, code, &t))) resp_cb_error(r, rc);
  else resp_json(r, 200, title_json(&t));
}

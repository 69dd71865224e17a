/*
** The rules API: every rule version (GET /api/v1/rules), one version
** (GET /api/v1/rules/{id}), an admin's change of a version (PUT, body
** {"params":{...},"effective_to":"YYYY-MM-DD"|""|null,"enabled":bool,"note":"...",
** "basis":"...","convention":"..."|null,"confidence":"V"|"U"}, every key
** optional, unknown keys refused) and a new version of a rule from a date
** (POST, body {"rule","effective_from","params", and optionally
** "title","basis","convention","confidence","note","effective_to"}). Changes are audited
** by domain/rules.c in the same transaction.
**
** Not for: SQL (domain/rules.c) or the HTML page (pages_rules.c).
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/rules.h"
#include "web/api_json.h"
#include "web/web.h"
#include "web/widgets.h"

/* The JSON object of a rule version (new reference): id, rule, title, params (object), basis, dates, confidence, note, enabled. */
static json_t *rule_version_json(const RuleVersion *rv) {
  json_t *params = json_loads(rv->params ? rv->params : "{}", 0, NULL);
  return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s?, s:s, s:s?, s:s, s:s?, s:b}", "id", (json_int_t)rv->id, "rule",
                   rv->rule, "title", rv->title, "params", params ? params : json_object(), "basis",
                   rv->basis ? rv->basis : "", "convention", rv->convention, "effective_from", rv->effective_from,
                   "effective_to", rv->effective_to, "confidence", rv->confidence, "note", rv->note, "enabled",
                   rv->enabled);
}

void api_rules_list(Req *r) {
  RuleVersion *v;
  int n;
  int rc = rules_list(r->db, r->a, &v, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *only = req_query(r, "rule");
  json_t *items = json_array();
  for (int i = 0; i < n; i++)
    if (!only || !*only || strcmp(only, v[i].rule) == 0) json_array_append_new(items, rule_version_json(&v[i]));
  resp_json(r, 200, json_pack("{s:o}", "items", items));
}

void api_rule_get(Req *r) {
  RuleVersion rv;
  long long id;
  if (!req_param_id(r, 0, &id)) return;
  int rc = rules_find(r->db, r->a, id, &rv);
  if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không tìm thấy phiên bản quy định.");
  else if (rc) resp_cb_error(r, rc);
  else resp_json(r, 200, rule_version_json(&rv));
}

/* The body as a JSON object whose keys are all in `allowed` (NULL-terminated); NULL after a 400. */
static json_t *body_object(Req *r, const char *const *allowed) {
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return NULL;
  const char *key;
  json_t *val;
  json_object_foreach(in, key, val) {
    bool ok = false;
    for (int i = 0; allowed[i]; i++) ok |= strcmp(key, allowed[i]) == 0;
    if (!ok) {
      resp_error(r, 400, "bad_request", arena_printf(r->a, "Trường không được hỗ trợ: \"%s\".", key));
      json_decref(in);
      return NULL;
    }
  }
  return in;
}

/* A string member (arena copy), NULL when absent; false after a 400 when present but not a string. */
static bool str_member(Req *r, json_t *in, const char *key, bool null_ok, const char **out) {
  json_t *v = json_object_get(in, key);
  *out = NULL;
  if (!v || (null_ok && json_is_null(v))) return true;
  if (!json_is_string(v)) {
    resp_error(r, 400, "bad_request", arena_printf(r->a, "Trường \"%s\" phải là chuỗi.", key));
    return false;
  }
  *out = arena_strdup(r->a, json_string_value(v));
  return true;
}

/* params as JSON text (arena), NULL when absent; false after a 400 when not an object. */
static bool params_member(Req *r, json_t *in, const char **out) {
  json_t *v = json_object_get(in, "params");
  *out = NULL;
  if (!v) return true;
  if (!json_is_object(v)) {
    resp_error(r, 400, "bad_request", "Trường \"params\" phải là một đối tượng JSON (ví dụ {\"max\": 3}).");
    return false;
  }
  char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
  *out = arena_strdup(r->a, s);
  free(s);
  return true;
}

static void answer_version(Req *r, int status, long long id) {
  RuleVersion rv;
  int rc = rules_find(r->db, r->a, id, &rv);
  if (rc) resp_cb_error(r, rc);
  else resp_json(r, status, rule_version_json(&rv));
}

void api_rule_put(Req *r) {
  static const char *const keys[] = {"params", "effective_to", "enabled", "note", "basis", "convention", "confidence",
                                     NULL};
  long long id;
  if (!req_param_id(r, 0, &id)) return;
  json_t *in = body_object(r, keys);
  if (!in) return;
  const char *params, *to, *note, *basis, *conv, *conf;
  json_t *en = json_object_get(in, "enabled");
  bool ok = params_member(r, in, &params) && str_member(r, in, "effective_to", true, &to) &&
            str_member(r, in, "note", false, &note) && str_member(r, in, "basis", false, &basis) &&
            str_member(r, in, "convention", true, &conv) && str_member(r, in, "confidence", false, &conf);
  if (ok && json_is_null(json_object_get(in, "convention"))) conv = ""; /* null: no convention */
  if (ok && en && !json_is_boolean(en)) {
    resp_error(r, 400, "bad_request", "Trường \"enabled\" phải là true hoặc false.");
    ok = false;
  }
  int enabled = en ? json_is_true(en) : -1;
  /* effective_to: null means "open" like "" */
  if (ok && json_is_null(json_object_get(in, "effective_to"))) to = "";
  json_decref(in);
  if (!ok) return;
  RuleEdit ed = {.params = params, .effective_to = to, .enabled = enabled, .note = note, .basis = basis,
                 .convention = conv, .confidence = conf};
  char why[RULE_WHY_SIZE];
  int rc = rules_edit(r->db, r->user->username, id, &ed, why);
  if (rc == CB_EINVAL && *why) resp_error(r, 400, "bad_params", why);
  else if (rc == CB_EINVAL)
    resp_error(r, 400, "bad_request", "Dữ liệu không hợp lệ: ngày hết hiệu lực dạng YYYY-MM-DD và không trước ngày có "
                                      "hiệu lực, độ tin cậy V hoặc U, căn cứ và quy ước tối đa 2.000 byte.");
  else if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không tìm thấy phiên bản quy định.");
  else if (rc) resp_cb_error(r, rc);
  else answer_version(r, 200, id);
}

void api_rule_post(Req *r) {
  static const char *const keys[] = {"rule", "effective_from", "effective_to", "params", "title", "basis",
                                     "convention", "confidence", "note", NULL};
  json_t *in = body_object(r, keys);
  if (!in) return;
  RuleVersion rv = {0};
  bool ok = str_member(r, in, "rule", false, &rv.rule) && str_member(r, in, "effective_from", false, &rv.effective_from) &&
            str_member(r, in, "effective_to", true, &rv.effective_to) && params_member(r, in, &rv.params) &&
            str_member(r, in, "title", false, &rv.title) && str_member(r, in, "basis", false, &rv.basis) &&
            str_member(r, in, "confidence", false, &rv.confidence) && str_member(r, in, "note", false, &rv.note) &&
            str_member(r, in, "convention", true, &rv.convention);
  json_decref(in);
  if (!ok) return;
  if (!rv.rule || !rv.effective_from || !rv.params) {
    resp_error(r, 400, "bad_request", "Cần các trường \"rule\", \"effective_from\" và \"params\".");
    return;
  }
  long long id = 0;
  char why[RULE_WHY_SIZE];
  int rc = rules_add_version(r->db, r->user->username, &rv, &id, why);
  if (rc == CB_EINVAL && *why) resp_error(r, 400, "bad_params", why);
  else if (rc == CB_EINVAL)
    resp_error(r, 400, "bad_request", "Dữ liệu không hợp lệ: ngày dạng YYYY-MM-DD, độ tin cậy V hoặc U, căn cứ và quy "
                                      "ước tối đa 2.000 byte.");
  else if (rc == CB_ENOTFOUND) resp_error(r, 400, "unknown_rule", arena_printf(r->a, "Không có quy định %s.", rv.rule));
  else if (rc == CB_EEXIST)
    resp_error(r, 409, "exists", "Quy định này đã có một phiên bản có hiệu lực từ ngày đó.");
  else if (rc) resp_cb_error(r, rc);
  else answer_version(r, 201, id);
}

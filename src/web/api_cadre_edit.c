/*
** The API that keeps the records (docs/API.md "Keeping the records"):
** create, correct, void and restore a cadre; the history of the file; add,
** correct and void posts, courses, ratings, disciplines and family members.
** Thin: JSON in -> domain (cadre_edit.h, position_edit.h, subrecord.h,
** record_kinds.h) -> JSON out. Bad fields answer 400 naming each one in
** Vietnamese; out-of-scope records and units 404; a stale version 409 with
** the current values.
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/cadre_edit.h"
#include "domain/cadre_profile.h"
#include "domain/position_edit.h"
#include "domain/record_kinds.h"
#include "web/api_profile.h"
#include "web/api_json.h"
#include "web/web.h"

static Editor editor_of(Req *r) {
  return (Editor){.actor = r->user->username, .source = "api", .scope = scope_legacy(r->scope),
                  .admin = r->user->role == ROLE_ADMIN};
}

/* Map a domain result to an error answer (fields named when e has any). */
static void fail(Req *r, int rc, const FieldErrors *e, const char *not_found) {
  if (rc == CB_EINVAL && e && e->n) api_fields_error(r, e);
  else if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", not_found);
  else if (rc == CB_EEXIST) resp_error(r, 409, "exists", "Bản ghi đã có (mã, năm hoặc cặp người thân trùng).");
  else resp_cb_error(r, rc);
}

/* "version": a positive integer or absent (0); false after a 400. */
static bool version_of(Req *r, json_t *in, long long *version) {
  json_t *v = json_object_get(in, "version");
  *version = 0;
  if (!v || json_is_null(v)) return true;
  if (!json_is_integer(v) || json_integer_value(v) < 1) {
    resp_error(r, 400, "bad_request", "Trường \"version\" phải là số nguyên dương (lấy từ hồ sơ).");
    return false;
  }
  *version = json_integer_value(v);
  return true;
}

/* The "set" object of a correction, as fields; false after a 400. */
static bool set_of(Req *r, json_t *in, FieldValue **v, int *n, FieldErrors *e) {
  json_t *set = json_object_get(in, "set");
  if (!json_is_object(set) || json_object_size(set) == 0) {
    resp_error(r, 400, "bad_request", "Cần đối tượng \"set\" gồm các trường cần sửa.");
    return false;
  }
  api_fields(r, set, NULL, v, n, e);
  return true;
}

/* The body of a correction: {"set":{…}, "reason", "version", "effective_date", "entry_error"}. */
typedef struct {
  FieldValue *set;
  int nset;
  const char *reason, *effective_date;
  long long version;
  bool entry_error;
} Correction;

/* Read a correction's body into *c (e gets the bad members of "set"); false after a 400. */
static bool correction_of(Req *r, Correction *c, FieldErrors *e) {
  memset(c, 0, sizeof *c);
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return false;
  bool ok = set_of(r, in, &c->set, &c->nset, e) && version_of(r, in, &c->version);
  if (ok) c->reason = api_str(r, in, "reason"), c->effective_date = api_str(r, in, "effective_date");
  json_t *fix = json_object_get(in, "entry_error");
  if (ok && fix && !json_is_boolean(fix)) {
    resp_error(r, 400, "bad_request", "Trường \"entry_error\" phải là true hoặc false.");
    ok = false;
  }
  c->entry_error = json_is_true(fix);
  json_decref(in);
  return ok;
}

/* The body's members as submitted fields (e gets members of a wrong type); false after a 400. */
static bool fields_of(Req *r, FieldValue **v, int *n, FieldErrors *e) {
  field_errors_init(e, r->a);
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return false;
  api_fields(r, in, NULL, v, n, e);
  json_decref(in);
  return true;
}

void api_cadre_create(Req *r) {
  FieldErrors e;
  FieldValue *v;
  int n;
  if (!fields_of(r, &v, &n, &e)) return;
  Editor ed = editor_of(r);
  Cadre c;
  int rc = e.n ? CB_EINVAL : cadre_create(r->db, r->a, &ed, v, n, &e, &c);
  if (rc) {
    if (rc == CB_EEXIST) resp_error(r, 409, "exists", "Số hiệu cán bộ (code) đã có.");
    else fail(r, rc, &e, "Không tìm thấy đơn vị (hoặc đơn vị ngoài phạm vi của bạn).");
    return;
  }
  resp_json(r, 201, json_pack("{s:s, s:I}", "code", c.code, "version", (json_int_t)c.version));
}

void api_cadre_patch(Req *r) {
  FieldErrors e;
  field_errors_init(&e, r->a);
  Correction c;
  if (!correction_of(r, &c, &e)) return;
  CadrePatch p = {.set = c.set, .nset = c.nset, .reason = c.reason, .effective_date = c.effective_date,
                  .version = c.version, .entry_error = c.entry_error};
  Editor ed = editor_of(r);
  Cadre cur;
  int rc = e.n ? CB_EINVAL : cadre_patch(r->db, r->a, &ed, r->params[0], &p, &e, &cur);
  Profile prof;
  if (rc == CB_ECONFLICT || rc == 0) {
    int rc2 = profile_load(r->db, r->a, r->scope, r->params[0], false, 0, false, &prof);
    if (rc2) {
      resp_cb_error(r, rc2);
      return;
    }
  }
  if (rc == CB_ECONFLICT) {
    JsonW w = resp_json_begin(r, 409); /* {"error":{"code","message","current": the profile}} */
    jw_obj(&w);
    jw_key(&w, "error");
    jw_obj(&w);
    jw_kstr(&w, "code", "conflict");
    jw_kstr(&w, "message", "Hồ sơ đã được người khác sửa: đây là giá trị hiện tại, hãy xem lại rồi lưu lại.");
    jw_key(&w, "current");
    cadre_profile_write(&w, &prof);
    jw_end(&w);
    jw_end(&w);
    resp_json_end(r);
    return;
  }
  if (rc) {
    fail(r, rc, &e, "Không tìm thấy cán bộ (hoặc đơn vị mới ngoài phạm vi của bạn).");
    return;
  }
  JsonW w = resp_json_begin(r, 200);
  cadre_profile_write(&w, &prof);
  resp_json_end(r);
}

void api_cadre_history(Req *r) {
  Cadre c;
  int rc = cadre_find_any(r->db, r->a, r->scope, r->params[0], r->user->role == ROLE_ADMIN, &c);
  HistoryItem *h = NULL;
  int n = 0;
  if (!rc) rc = history_for_cadre(r->db, r->a, c.id, 0, &h, &n);
  if (rc) {
    fail(r, rc, NULL, "Không tìm thấy cán bộ.");
    return;
  }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++)
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:I, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s, s:s?}", "at",
                                         h[i].at, "by", h[i].by, "entity", h[i].entity, "entity_id",
                                         (json_int_t)h[i].entity_id, "action", h[i].action, "field", h[i].field, "old",
                                         h[i].old_value, "new", h[i].new_value, "effective_date", h[i].effective_date,
                                         "reason", h[i].reason, "source", h[i].source, "subject", h[i].subject));
  resp_json(r, 200, json_pack("{s:s, s:o}", "code", c.code, "items", arr));
}

static void void_or_restore(Req *r, bool voiding) {
  json_t *in = r->body_len ? api_body(r, NULL, NULL) : json_object();
  if (!in) return;
  const char *reason = api_str(r, in, "reason");
  json_decref(in);
  FieldErrors e;
  field_errors_init(&e, r->a);
  Editor ed = editor_of(r);
  int rc = voiding ? cadre_void(r->db, r->a, &ed, r->params[0], reason, &e)
                   : cadre_restore(r->db, r->a, &ed, r->params[0], reason, &e);
  if (rc) {
    fail(r, rc, &e, voiding ? "Không tìm thấy cán bộ." : "Không có hồ sơ đã hủy với mã này.");
    return;
  }
  resp_json(r, 200, json_pack("{s:s, s:b}", "code", r->params[0], "voided", voiding));
}

void api_cadre_void(Req *r) { void_or_restore(r, true); }
void api_cadre_restore(Req *r) { void_or_restore(r, false); }

/* ---- posts ---------------------------------------------------------------- */

void api_position_add(Req *r) {
  FieldErrors e;
  FieldValue *v;
  int n;
  if (!fields_of(r, &v, &n, &e)) return;
  Editor ed = editor_of(r);
  long long id = 0;
  int rc = e.n ? CB_EINVAL : position_add(r->db, r->a, &ed, r->params[0], v, n, &e, &id);
  if (rc) {
    fail(r, rc, &e, "Không tìm thấy cán bộ hoặc đơn vị (hoặc ngoài phạm vi của bạn).");
    return;
  }
  resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* The {id} of the path as a positive integer; false after a 404. */
static bool path_id(Req *r, long long *id) {
  char *end;
  *id = r->nparams ? strtoll(r->params[0], &end, 10) : 0;
  if (*id <= 0 || *end) {
    resp_error(r, 404, "not_found", "Không tìm thấy.");
    return false;
  }
  return true;
}

void api_position_patch(Req *r) {
  long long id;
  if (!path_id(r, &id)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  Correction c;
  if (!correction_of(r, &c, &e)) return;
  Editor ed = editor_of(r);
  int rc = e.n ? CB_EINVAL : position_patch(r->db, r->a, &ed, id, c.set, c.nset, c.reason, c.version, &e);
  Position p;
  long long ver = 0;
  if (!rc) rc = position_get(r->db, r->a, r->scope, id, &p, &ver);
  if (rc) {
    fail(r, rc, &e, "Không tìm thấy chức vụ (hoặc đơn vị ngoài phạm vi của bạn).");
    return;
  }
  resp_json(r, 200, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s?, s:s?, s:b}", "id", (json_int_t)id, "version",
                              (json_int_t)ver, "unit_code", p.unit_code, "title_code", p.title_code, "start_date",
                              p.start_date, "end_date", p.end_date, "decision_no", p.decision_no, "concurrent",
                              p.concurrent));
}

void api_position_void(Req *r) {
  long long id;
  if (!path_id(r, &id)) return;
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *reason = api_str(r, in, "reason");
  json_decref(in);
  FieldErrors e;
  field_errors_init(&e, r->a);
  Editor ed = editor_of(r);
  int rc = position_void(r->db, r->a, &ed, id, reason, &e);
  if (rc) {
    fail(r, rc, &e, "Không tìm thấy chức vụ.");
    return;
  }
  resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "voided", 1));
}

/* ---- courses, ratings, disciplines, family ------------------------------------ */

/* The kind named by the path: /api/v1/cadres/{code}/KIND or /api/v1/KIND/{id}[/void]. */
static const SubKind *kind_of(Req *r) {
  static const char *const NAMES[][2] = {
      {"trainings", "training"}, {"evaluations", "evaluation"}, {"disciplines", "discipline"}, {"relatives", "family"}};
  for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
    size_t k = strlen(NAMES[i][0]);
    const char *p = strstr(r->path, NAMES[i][0]);
    if (p && p[-1] == '/' && (p[k] == '/' || p[k] == 0)) return record_kind(NAMES[i][1]);
  }
  return NULL;
}

void api_record_add(Req *r) {
  const SubKind *k = kind_of(r);
  if (!k) {
    resp_error(r, 404, "not_found", "Không tìm thấy.");
    return;
  }
  FieldErrors e;
  FieldValue *v;
  int n;
  if (!fields_of(r, &v, &n, &e)) return;
  Editor ed = editor_of(r);
  long long id = 0;
  Findings f;
  findings_init(&f, r->a);
  int rc = e.n ? CB_EINVAL
           : strcmp(k->entity, "family") == 0 ? family_add(r->db, r->a, &ed, r->params[0], v, n, &e, &id, &f)
                                                : sub_add(r->db, r->a, &ed, k, r->params[0], v, n, &e, &id);
  if (rc) {
    fail(r, rc, &e, "Không tìm thấy cán bộ (hoặc ngoài phạm vi của bạn).");
    return;
  }
  json_t *out = json_pack("{s:I}", "id", (json_int_t)id);
  if (f.n) json_object_set_new(out, "findings", findings_json(&f));
  resp_json(r, 201, out);
}

void api_record_patch(Req *r) {
  const SubKind *k = kind_of(r);
  long long id;
  if (!k || !path_id(r, &id)) {
    if (!k) resp_error(r, 404, "not_found", "Không tìm thấy.");
    return;
  }
  FieldErrors e;
  field_errors_init(&e, r->a);
  Correction c;
  if (!correction_of(r, &c, &e)) return;
  FieldValue *v = c.set;
  int n = c.nset;
  for (int i = 0; i < n; i++)
    if (strcmp(v[i].field, "relative_cadre_id") == 0 || strcmp(v[i].field, "relative_code") == 0)
      field_errors_add(&e, v[i].field, "Người thân là cán bộ: không sửa được; hủy dòng này rồi thêm lại.");
  Editor ed = editor_of(r);
  int rc = e.n ? CB_EINVAL : sub_patch(r->db, r->a, &ed, k, id, v, n, c.reason, c.version, &e);
  SubRecord rec;
  if (!rc) rc = sub_get(r->db, r->a, r->scope, k, id, &rec);
  if (rc) {
    fail(r, rc, &e, "Không tìm thấy bản ghi.");
    return;
  }
  json_t *out = json_pack("{s:I, s:I}", "id", (json_int_t)id, "version", (json_int_t)rec.version);
  for (int i = 0; i < k->nfields; i++)
    json_object_set_new(out, k->fields[i].name, rec.v[i] ? json_string(rec.v[i]) : json_null());
  resp_json(r, 200, out);
}

void api_record_void(Req *r) {
  const SubKind *k = kind_of(r);
  long long id;
  if (!k || !path_id(r, &id)) {
    if (!k) resp_error(r, 404, "not_found", "Không tìm thấy.");
    return;
  }
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *reason = api_str(r, in, "reason");
  json_decref(in);
  FieldErrors e;
  field_errors_init(&e, r->a);
  Editor ed = editor_of(r);
  int rc = sub_void(r->db, r->a, &ed, k, id, reason, &e);
  if (rc) {
    fail(r, rc, &e, "Không tìm thấy bản ghi.");
    return;
  }
  resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "voided", 1));
}

void api_record_restore(Req *r) {
  const SubKind *k = kind_of(r);
  long long id;
  if (!k || !path_id(r, &id)) {
    if (!k) resp_error(r, 404, "not_found", "Không tìm thấy.");
    return;
  }
  Editor ed = editor_of(r);
  int rc = sub_restore(r->db, r->a, &ed, k, id);
  if (rc == CB_EEXIST)
    resp_error(r, 409, "exists", "Hồ sơ đã có một bản ghi khác cùng khóa (ví dụ kết quả đánh giá cùng năm): sửa bản ghi đó.");
  else if (rc) fail(r, rc, NULL, "Không tìm thấy bản ghi đã hủy.");
  else resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "voided", 0));
}

void api_position_restore(Req *r) {
  long long id;
  if (!path_id(r, &id)) return;
  Editor ed = editor_of(r);
  int rc = position_restore(r->db, r->a, &ed, id);
  if (rc == CB_EEXIST) resp_error(r, 409, "exists", "Hồ sơ đã có một bản ghi khác cùng khóa.");
  else if (rc) fail(r, rc, NULL, "Không tìm thấy chức vụ đã hủy.");
  else resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "voided", 0));
}

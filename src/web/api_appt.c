/*
** The JSON API of appointments (proposals, steps, decisions, the due list),
** rotations and the relatives report (docs/API.md). Thin: parse, call the
** domain (appointment.h, rotation.h, relative.h) within the user's scope,
** render. A refusal by a rule is 422 with the findings; bad input 400 with
** what is wrong; records outside the scope 404.
*/
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/appointment.h"
#include "domain/relative.h"
#include "domain/rotation.h"
#include "web/web.h"

static const char *scope_of(Req *r) { return r->user ? r->user->scope : NULL; }
static const char *actor_of(Req *r) { return r->user ? r->user->username : "web"; }

/* The {id} segment as a positive integer, or 0. */
static long long path_id(Req *r) {
  if (r->nparams < 1) return 0;
  char *end;
  errno = 0;
  long long v = strtoll(r->params[0], &end, 10);
  return *end || errno || v <= 0 ? 0 : v;
}

/* Members holding whole numbers; "participants" holds an array; every other member a string (or null). */
static bool int_member(const char *k) {
  return !strcmp(k, "step") || !strcmp(k, "summoned") || !strcmp(k, "present") || !strcmp(k, "votes_for") ||
         !strcmp(k, "planned_months");
}

/* NULL when each member has its type (integers within ±INT_MAX), else the 400 message (arena). */
static const char *member_types(Req *r, json_t *in) {
  const char *k;
  json_t *v;
  json_object_foreach(in, k, v) {
    if (json_is_null(v)) continue;
    if (!strcmp(k, "participants") ? !json_is_array(v)
        : int_member(k) ? !json_is_integer(v) || json_integer_value(v) > INT_MAX || json_integer_value(v) < -INT_MAX
                        : !json_is_string(v))
      return arena_printf(r->a, "Trường \"%s\" phải là %s.", k,
                          !strcmp(k, "participants") ? "một mảng" : int_member(k) ? "một số nguyên" : "một chuỗi");
  }
  return NULL;
}

/* The JSON object body, or NULL after a 400 (also for a member of the wrong type). The caller decrefs. */
static json_t *body_object(Req *r) {
  json_error_t err;
  json_t *in = json_loadb(r->body, r->body_len, 0, &err);
  const char *bad = json_is_object(in) ? member_types(r, in) : "Nội dung yêu cầu phải là một đối tượng JSON.";
  if (bad) {
    json_decref(in);
    resp_error(r, 400, "bad_request", bad);
    return NULL;
  }
  return in;
}

/* String member (copied into r->a), NULL when absent or not a string. */
static const char *jstr(Req *r, json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
}

static long long jint(json_t *o, const char *key, long long def) {
  json_t *v = json_object_get(o, key);
  return json_is_integer(v) ? json_integer_value(v) : def;
}

static void not_found(Req *r, int rc, const char *what) {
  if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", what);
  else resp_cb_error(r, rc);
}

static json_t *findings_obj(const Findings *f) {
  return json_pack("{s:s, s:o}", "verdict", result_name(findings_verdict(f)), "findings", findings_json(f));
}

void api_proposals_list(Req *r) {
  ProposalRow *v;
  int n;
  int rc = appt_proposal_list(r->db, r->a, req_query(r, "unit"), req_query(r, "status"), scope_of(r), &v, &n);
  if (rc) { not_found(r, rc, "Không tìm thấy đơn vị."); return; }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++)
    json_array_append_new(
        arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:s}", "id", (json_int_t)v[i].id,
                       "cadre_code", v[i].cadre_code, "cadre_name", v[i].cadre_name, "kind", v[i].kind, "unit_code",
                       v[i].unit_code, "title_code", v[i].title_code, "title_name", v[i].title_name, "source",
                       v[i].source, "status", v[i].status, "date", v[i].created_at, "steps", v[i].nsteps,
                       "steps_required", v[i].steps_required, "verdict", v[i].verdict));
  resp_json(r, 200, json_pack("{s:i, s:o}", "total", n, "items", arr));
}

void api_proposal_create(Req *r) {
  json_t *in = body_object(r);
  if (!in) return;
  ProposalReq pr = {.cadre_code = jstr(r, in, "cadre"), .kind = jstr(r, in, "kind"), .unit_code = jstr(r, in, "unit"),
                    .title_code = jstr(r, in, "title"), .source = jstr(r, in, "source"), .date = jstr(r, in, "date")};
  if (!pr.kind) pr.kind = "appointment";
  if (!pr.source) pr.source = "internal";
  json_t *parts = json_object_get(in, "participants");
  if (json_is_array(parts)) {
    size_t np = json_array_size(parts);
    const char **codes = arena_alloc(r->a, sizeof(char *) * (np + 1));
    const char **roles = arena_alloc(r->a, sizeof(char *) * (np + 1));
    for (size_t i = 0; i < np; i++) {
      json_t *x = json_array_get(parts, i);
      codes[i] = json_is_string(x) ? arena_strdup(r->a, json_string_value(x)) : jstr(r, x, "code");
      roles[i] = json_is_object(x) ? jstr(r, x, "role") : NULL;
      if (!codes[i]) codes[i] = "";
    }
    pr.participants = codes, pr.participant_roles = roles, pr.nparticipants = (int)np;
  }
  json_decref(in);
  if (!pr.cadre_code || !pr.unit_code || !pr.title_code) {
    resp_error(r, 400, "bad_request", "Cần có cadre, unit và title.");
    return;
  }
  long long id;
  Findings f;
  int rc = appt_proposal_create(r->db, r->a, &pr, actor_of(r), scope_of(r), &id, &f);
  if (rc == CB_EINVAL) {
    resp_error(r, 400, "bad_request",
               "kind phải là appointment|reappointment|promotion|nomination|extension; source là internal|external; "
               "date dạng YYYY-MM-DD; vai trò là proposer|voter.");
    return;
  }
  if (rc) { not_found(r, rc, "Không tìm thấy cán bộ, đơn vị hoặc chức danh (trong phạm vi của bạn)."); return; }
  json_t *out = findings_obj(&f);
  json_object_set_new(out, "id", json_integer(id));
  resp_json(r, 201, out);
}

static json_t *proposal_json(const Proposal *p) {
  json_t *steps = json_array();
  for (int i = 0; i < p->nsteps; i++) {
    const ProposalStep *s = &p->steps[i];
    json_t *o = json_pack("{s:i, s:s, s:s, s:i, s:i, s:b, s:b, s:s}", "step", s->step, "name", s->name, "date",
                          s->date, "summoned", s->summoned, "present", s->present, "valid", s->valid, "passed",
                          s->passed, "explain", s->explain);
    json_object_set_new(o, "votes_for", s->votes_for >= 0 ? json_integer(s->votes_for) : json_null());
    json_array_append_new(steps, o);
  }
  json_t *parts = json_array();
  for (int i = 0; i < p->nparticipants; i++) json_array_append_new(parts, json_string(p->participants[i]));
  json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:o, s:o, s:o}", "id",
                        (json_int_t)p->id, "cadre_code", p->cadre_code, "cadre_name", p->cadre_name, "kind", p->kind,
                        "unit_code", p->unit_code, "title_code", p->title_code, "title_name", p->title_name, "source",
                        p->source, "status", p->status, "date", p->created_at, "steps_required", p->steps_required,
                        "verdict", result_name(findings_verdict(&p->findings)), "steps", steps, "findings",
                        findings_json(&p->findings), "participants", parts);
  if (p->appointment_id)
    json_object_set_new(j, "decision",
                        json_pack("{s:I, s:s?, s:s?, s:s?}", "appointment_id", (json_int_t)p->appointment_id,
                                  "decision_date", p->decision_date, "decision_no", p->decision_no, "term_end",
                                  p->term_end));
  return j;
}

void api_proposal_get(Req *r) {
  Proposal p;
  long long id = path_id(r);
  int rc = id ? appt_proposal_get(r->db, r->a, id, scope_of(r), &p) : CB_ENOTFOUND;
  if (rc) { not_found(r, rc, "Không tìm thấy đề nghị."); return; }
  resp_json(r, 200, proposal_json(&p));
}

void api_proposal_step(Req *r) {
  long long id = path_id(r);
  if (!id) { not_found(r, CB_ENOTFOUND, "Không tìm thấy đề nghị."); return; }
  json_t *in = body_object(r);
  if (!in) return;
  StepReq s = {.step = (int)jint(in, "step", 0), .date = jstr(r, in, "date"), .summoned = (int)jint(in, "summoned", 0),
               .present = (int)jint(in, "present", -1), .votes_for = (int)jint(in, "votes_for", -1),
               .note = jstr(r, in, "note")};
  json_decref(in);
  ProposalStep out;
  const char *why;
  int rc = appt_step_record(r->db, r->a, id, &s, actor_of(r), scope_of(r), &out, &why);
  if (rc == CB_EINVAL) { resp_error(r, 400, "bad_request", why ? why : "Dữ liệu không hợp lệ."); return; }
  if (rc) { not_found(r, rc, "Không tìm thấy đề nghị."); return; }
  Proposal p;
  rc = appt_proposal_get(r->db, r->a, id, scope_of(r), &p);
  if (rc) { resp_cb_error(r, rc); return; }
  resp_json(r, 201,
            json_pack("{s:i, s:s, s:b, s:b, s:s, s:s}", "step", out.step, "name", out.name, "valid", out.valid,
                      "passed", out.passed, "explain", out.explain, "status", p.status));
}

void api_proposal_decide(Req *r) {
  long long id = path_id(r);
  if (!id) { not_found(r, CB_ENOTFOUND, "Không tìm thấy đề nghị."); return; }
  json_t *in = body_object(r);
  if (!in) return;
  DecisionReq d = {.date = jstr(r, in, "date"), .decision_no = jstr(r, in, "decision_no"),
                   .override = jstr(r, in, "override")};
  json_decref(in);
  long long aid;
  Findings f;
  const char *why;
  int rc = appt_decide(r->db, r->a, id, &d, actor_of(r), scope_of(r), &aid, &f, &why);
  if (rc == CB_ERULE) {
    json_t *out = findings_obj(&f);
    json_object_set_new(out, "error", json_pack("{s:s, s:s}", "code", "rule", "message", why));
    { resp_json(r, 422, out); return; }
  }
  if (rc == CB_EINVAL) { resp_error(r, 400, "bad_request", why ? why : "Dữ liệu không hợp lệ."); return; }
  if (rc) { not_found(r, rc, "Không tìm thấy đề nghị."); return; }
  Proposal p;
  if ((rc = appt_proposal_get(r->db, r->a, id, scope_of(r), &p))) { resp_cb_error(r, rc); return; }
  json_t *out = findings_obj(&f);
  json_object_set_new(out, "appointment_id", json_integer(aid));
  json_object_set_new(out, "term_end", p.term_end ? json_string(p.term_end) : json_null());
  resp_json(r, 201, out);
}

void api_appointments_due(Req *r) {
  char today[16];
  const char *date = req_query(r, "date");
  if (!date || !*date) date = date_iso(date_today(), today);
  DueItem *v;
  int n, notice;
  int rc = appt_due(r->db, r->a, req_query(r, "unit"), scope_of(r), date, &v, &n, &notice);
  if (rc == CB_EINVAL) { resp_error(r, 400, "bad_request", "Tham số 'date' phải có dạng YYYY-MM-DD."); return; }
  if (rc) { not_found(r, rc, "Không tìm thấy đơn vị."); return; }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++)
    json_array_append_new(
        arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:s, s:s, s:s}", "cadre_code",
                       v[i].appt.cadre_code, "cadre_name", v[i].appt.cadre_name, "kind", v[i].appt.kind, "unit_code",
                       v[i].appt.unit_code, "title_code", v[i].appt.title_code, "decision_date",
                       v[i].appt.decision_date, "term_end", v[i].appt.term_end, "days_left", v[i].days_left,
                       "months_left_at_end", v[i].months_left_at_end, "action", v[i].action, "action_label",
                       v[i].action_label, "explain", v[i].explain));
  resp_json(r, 200, json_pack("{s:s, s:i, s:o}", "date", date, "notice_days", notice, "items", arr));
}

static json_t *rotation_json(const RotationRow *x) {
  json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s, s:s?, s:s?, s:s}", "id", (json_int_t)x->id,
                        "cadre_code", x->cadre_code, "cadre_name", x->cadre_name, "kind", x->kind, "from_unit_code",
                        x->from_unit_code, "to_unit_code", x->to_unit_code, "from_title", x->from_title_name,
                        "to_title", x->to_title_name, "date", x->date, "decision_no", x->decision_no, "end_date",
                        x->end_date, "verdict", x->verdict);
  json_object_set_new(o, "planned_months", x->planned_months ? json_integer(x->planned_months) : json_null());
  return o;
}

void api_rotations_list(Req *r) {
  RotationRow *v;
  int n, rc;
  long ending = req_query_long(r, "ending", -1, 0, 600);
  if (ending >= 0) {
    char today[16];
    const char *date = req_query(r, "date");
    if (!date || !*date) date = date_iso(date_today(), today);
    rc = rotation_ending(r->db, r->a, req_query(r, "unit"), scope_of(r), date, (int)ending, &v, &n);
  } else {
    rc = rotation_list(r->db, r->a, req_query(r, "unit"), (int)req_query_long(r, "year", 0, 0, 3000), scope_of(r),
                       &v, &n);
  }
  if (rc == CB_EINVAL) { resp_error(r, 400, "bad_request", "Tham số 'date' phải có dạng YYYY-MM-DD."); return; }
  if (rc) { not_found(r, rc, "Không tìm thấy đơn vị."); return; }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(arr, rotation_json(&v[i]));
  resp_json(r, 200, json_pack("{s:i, s:o}", "total", n, "items", arr));
}

void api_rotation_post(Req *r) {
  json_t *in = body_object(r);
  if (!in) return;
  RotationReq q = {.cadre_code = jstr(r, in, "cadre"), .kind = jstr(r, in, "kind"), .to_unit_code = jstr(r, in, "to_unit"),
                   .date = jstr(r, in, "date"), .from_unit_code = jstr(r, in, "from_unit"),
                   .from_title_code = jstr(r, in, "from_title"), .to_title_code = jstr(r, in, "to_title"),
                   .decision_no = jstr(r, in, "decision_no"), .planned_months = (int)jint(in, "planned_months", 0)};
  json_decref(in);
  long long id;
  Findings f;
  int rc = rotation_record(r->db, r->a, &q, actor_of(r), scope_of(r), false, &id, &f);
  if (rc == CB_EINVAL)
    { resp_error(r, 400, "bad_request",
                      "Cần cadre, kind (rotation|transfer|secondment|reinforcement), to_unit, date (YYYY-MM-DD); "
                      "planned_months không âm."); return; }
  if (rc) { not_found(r, rc, "Không tìm thấy cán bộ, đơn vị hoặc chức danh (trong phạm vi của bạn)."); return; }
  json_t *out = findings_obj(&f);
  json_object_set_new(out, "id", json_integer(id));
  resp_json(r, 201, out);
}

void api_relatives_report(Req *r) {
  char today[16];
  const char *date = req_query(r, "date");
  Date d;
  if (!date || !*date) date = date_iso(date_today(), today);
  else if (date_parse(date, &d, DATE_FULL) != 0) { resp_error(r, 400, "bad_request", "Tham số 'date' phải có dạng YYYY-MM-DD."); return; }
  RelPair *v;
  int n;
  int rc = relative_report(r->db, r->a, req_query(r, "unit"), scope_of(r), date, &v, &n);
  if (rc) { not_found(r, rc, "Không tìm thấy đơn vị."); return; }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++)
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s, s:s, s:s}",
                                         "a_code", v[i].a_code, "a_name", v[i].a_name, "b_code", v[i].b_code, "b_name",
                                         v[i].b_name, "relation", v[i].relation, "relation_label", v[i].relation_label,
                                         "a_posts", v[i].a_posts, "b_posts", v[i].b_posts, "unit_code", v[i].unit_code,
                                         "unit_name", v[i].unit_name, "rule", v[i].rule, "result",
                                         result_name(v[i].result), "message", v[i].message, "basis", v[i].basis));
  resp_json(r, 200, json_pack("{s:s, s:i, s:o}", "date", date, "total", n, "items", arr));
}

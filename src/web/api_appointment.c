/*
** The JSON API of appointments (docs/API.md): proposals (list, create, one
** proposal, its steps, the decision) and the reappointment due list. Thin:
** parse, call domain/appointment.h within the user's scope, render. A
** refusal by a rule is 422 with the findings; bad input 400 with what is
** wrong; records outside the scope 404.
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/appointment.h"
#include "web/api_json.h"
#include "web/web.h"
#include "web/widgets.h"

static const char *actor_of(Req *r) { return r->user ? r->user->username : "web"; }

/* Members of the bodies: whole numbers, arrays; every other member a string (or null). */
static const char *const INTS[] = {"step", "summoned", "present", "votes_for", NULL};
static const char *const ARRAYS[] = {"participants", NULL};

void api_proposals_list(Req *r) {
  ProposalRow *v;
  int n;
  long offset, limit;
  long long total = 0;
  if (!api_query_page(r, &offset, &limit)) return;
  int rc = appt_proposal_list(r->db, r->a, r->scope, req_query(r, "unit"), req_query(r, "status"), (int)offset,
                              (int)limit, &v, &n, &total);
  if (rc) { api_not_found(r, rc, "Không tìm thấy đơn vị."); return; }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++)
    json_array_append_new(
        arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:s}", "id", (json_int_t)v[i].id,
                       "cadre_code", v[i].cadre_code, "cadre_name", v[i].cadre_name, "kind", v[i].kind, "unit_code",
                       v[i].unit_code, "title_code", v[i].title_code, "title_name", v[i].title_name, "source",
                       v[i].source, "status", v[i].status, "date", v[i].created_at, "steps", v[i].nsteps,
                       "steps_required", v[i].steps_required, "verdict", v[i].verdict));
  resp_json(r, 200, json_pack("{s:I, s:o, s:i, s:i}", "total", (json_int_t)total, "items", arr, "offset", (int)offset,
                               "limit", (int)limit));
}

void api_proposal_create(Req *r) {
  json_t *in = api_body(r, INTS, ARRAYS);
  if (!in) return;
  ProposalReq pr = {.cadre_code = api_str(r, in, "cadre"), .kind = api_str(r, in, "kind"), .unit_code = api_str(r, in, "unit"),
                    .title_code = api_str(r, in, "title"), .source = api_str(r, in, "source"), .date = api_str(r, in, "date")};
  if (!pr.kind) pr.kind = "appointment";
  if (!pr.source) pr.source = "internal";
  json_t *parts = json_object_get(in, "participants");
  if (json_is_array(parts)) {
    size_t np = json_array_size(parts);
    const char **codes = arena_alloc(r->a, sizeof(char *) * (np + 1));
    const char **roles = arena_alloc(r->a, sizeof(char *) * (np + 1));
    for (size_t i = 0; i < np; i++) {
      json_t *x = json_array_get(parts, i);
      codes[i] = json_is_string(x) ? arena_strdup(r->a, json_string_value(x)) : api_str(r, x, "code");
      roles[i] = json_is_object(x) ? api_str(r, x, "role") : NULL;
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
  int rc = appt_proposal_create(r->db, r->a, r->scope, &pr, actor_of(r), &id, &f);
  if (rc == CB_EINVAL) {
    resp_error(r, 400, "bad_request",
               "kind phải là appointment|reappointment|promotion|nomination|extension; source là internal|external; "
               "date dạng YYYY-MM-DD; vai trò là proposer|voter.");
    return;
  }
  if (rc == CB_EEXIST) {
    resp_error(r, 409, "already_holds", HOLDS_ALREADY);
    return;
  }
  if (rc) { api_not_found(r, rc, "Không tìm thấy cán bộ, đơn vị hoặc chức danh (trong phạm vi của bạn)."); return; }
  json_t *out = api_findings(&f);
  json_object_set_new(out, "id", json_integer(id));
  resp_json(r, 201, out);
}

static json_t *proposal_json(const Proposal *p) {
  json_t *steps = json_array();
  for (int i = 0; i < p->nsteps; i++) {
    const ProposalStep *s = &p->steps[i];
    json_t *o = json_pack("{s:i, s:s, s:s, s:i, s:i, s:b, s:b, s:s, s:s?, s:s?}", "step", s->step, "name", s->name,
                          "date", s->date, "summoned", s->summoned, "present", s->present, "valid", s->valid,
                          "passed", s->passed, "explain", s->explain, "rule", s->rule, "basis", s->basis);
    json_object_set_new(o, "votes_for", s->votes_for >= 0 ? json_integer(s->votes_for) : json_null());
    json_array_append_new(steps, o);
  }
  json_t *parts = json_array();
  for (int i = 0; i < p->nparticipants; i++) json_array_append_new(parts, json_string(p->participants[i]));
  json_t *proc = json_array(); /* the steps of the procedure of its kind, recorded or not */
  for (int k = 1; k <= p->steps_required; k++) json_array_append_new(proc, json_string(appt_proposal_step_name(p, k)));
  json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:o, s:o, s:o}", "id",
                        (json_int_t)p->id, "cadre_code", p->cadre_code, "cadre_name", p->cadre_name, "kind", p->kind,
                        "unit_code", p->unit_code, "title_code", p->title_code, "title_name", p->title_name, "source",
                        p->source, "status", p->status, "date", p->created_at, "steps_required", p->steps_required,
                        "verdict", result_name(findings_verdict(&p->findings)), "steps", steps, "findings",
                        findings_json(&p->findings), "participants", parts);
  json_object_set_new(j, "procedure", json_string(appt_procedure_label(p->kind, p->source)));
  json_object_set_new(j, "procedure_steps", proc);
  if (p->appointment_id)
    json_object_set_new(j, "decision",
                        json_pack("{s:I, s:s?, s:s?, s:s?}", "appointment_id", (json_int_t)p->appointment_id,
                                  "decision_date", p->decision_date, "decision_no", p->decision_no, "term_end",
                                  p->term_end));
  return j;
}

void api_proposal_get(Req *r) {
  Proposal p;
  long long id;
  if (!req_param_id(r, 0, &id)) return;
  int rc = appt_proposal_get(r->db, r->a, r->scope, id, &p);
  if (rc) { api_not_found(r, rc, "Không tìm thấy đề nghị."); return; }
  resp_json(r, 200, proposal_json(&p));
}

void api_proposal_step(Req *r) {
  long long id;
  if (!req_param_id(r, 0, &id)) return;
  json_t *in = api_body(r, INTS, ARRAYS);
  if (!in) return;
  StepReq s = {.step = (int)api_int(in, "step", 0), .date = api_str(r, in, "date"), .summoned = (int)api_int(in, "summoned", 0),
               .present = (int)api_int(in, "present", -1), .votes_for = (int)api_int(in, "votes_for", -1),
               .note = api_str(r, in, "note")};
  json_decref(in);
  ProposalStep out;
  const char *why;
  int rc = appt_step_record(r->db, r->a, r->scope, id, &s, actor_of(r), &out, &why);
  if (rc == CB_EINVAL) { resp_error(r, 400, "bad_request", why ? why : "Dữ liệu không hợp lệ."); return; }
  if (rc) { api_not_found(r, rc, "Không tìm thấy đề nghị."); return; }
  Proposal p;
  rc = appt_proposal_get(r->db, r->a, r->scope, id, &p);
  if (rc) { resp_cb_error(r, rc); return; }
  resp_json(r, 201,
            json_pack("{s:i, s:s, s:b, s:b, s:s, s:s}", "step", out.step, "name", out.name, "valid", out.valid,
                      "passed", out.passed, "explain", out.explain, "status", p.status));
}

void api_proposal_decide(Req *r) {
  long long id;
  if (!req_param_id(r, 0, &id)) return;
  static const char *const BOOLS[] = {"end_holders", NULL};
  json_t *in = api_body_typed(r, INTS, ARRAYS, BOOLS);
  if (!in) return;
  DecisionReq d = {.date = api_str(r, in, "date"), .decision_no = api_str(r, in, "decision_no"),
                   .override = api_str(r, in, "override"), .end_holders = json_is_true(json_object_get(in, "end_holders"))};
  json_decref(in);
  long long aid;
  Findings f;
  const char *why;
  int rc = appt_decide(r->db, r->a, r->scope, id, &d, actor_of(r), &aid, &f, &why);
  if (rc == CB_ERULE) {
    json_t *out = api_findings(&f);
    json_object_set_new(out, "error", json_pack("{s:s, s:s}", "code", "rule", "message", why));
    { resp_json(r, 422, out); return; }
  }
  if (rc == CB_EINVAL) { resp_error(r, 400, "bad_request", why ? why : "Dữ liệu không hợp lệ."); return; }
  if (rc) { api_not_found(r, rc, "Không tìm thấy đề nghị."); return; }
  Proposal p;
  if ((rc = appt_proposal_get(r->db, r->a, r->scope, id, &p))) { resp_cb_error(r, rc); return; }
  json_t *out = api_findings(&f);
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
  int rc = appt_due(r->db, r->a, r->scope, req_query(r, "unit"), date, &v, &n, &notice);
  if (rc == CB_EINVAL) { resp_error(r, 400, "bad_request", "Tham số 'date' phải có dạng YYYY-MM-DD."); return; }
  if (rc) { api_not_found(r, rc, "Không tìm thấy đơn vị."); return; }
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


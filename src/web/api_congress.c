/*
** The congress plan API (/api/v1/congress...): list and create plans, read a
** plan with its outgoing committee and every variant (members, counts,
** CONG findings, verdict), add variants, add/change/remove members, choose
** a variant. Scope: plans of units outside the user's scope are 404.
** Not for: SQL or the checks (domain/congress*.c); HTML (pages_congress.c).
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/congress.h"
#include "web/api_json.h"
#include "web/pages_congress.h"
#include "web/web.h"
#include "web/widgets.h"

static const char *actor_of(Req *r) { return r->user ? r->user->username : "web"; }

static json_t *member_json(const CongressMember *m) {
  json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:b, s:b, s:b}", "code", m->code, "full_name",
                        m->full_name, "gender", m->gender, "birth_date", m->birth_date, "hometown", m->hometown,
                        "current_title", m->current_title, "body", m->body, "reelected", m->reelected,
                        "reelected_override", m->override, "in_outgoing", m->in_outgoing);
  json_object_set_new(j, "age", m->age >= 0 ? json_integer(m->age) : json_null());
  json_object_set_new(j, "months_left", m->months_left != INT_MIN ? json_integer(m->months_left) : json_null());
  json_object_set_new(j, "local", m->local < 0 ? json_null() : json_boolean(m->local));
  return j;
}

/* issue 12: members outside the reader's scope are left out (the checks still count them). */
static json_t *members_json(const CongressMember *m, int n) {
  json_t *a = json_array();
  for (int i = 0; i < n; i++)
    if (!m[i].outside) json_array_append_new(a, member_json(&m[i]));
  return a;
}

static json_t *counts_json(const CongressCounts *k) {
  return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "committee", k->committee,
                   "standing", k->standing, "deputy_secretaries", k->deputies, "secretaries", k->secretaries, "women",
                   k->women, "under40", k->under40, "age40_50", k->mid, "over50", k->over50, "unknown_age",
                   k->unknown_age, "young", k->young, "first_time", k->first_time, "reelected", k->reelected,
                   "outgoing", k->outgoing, "minority", k->minority);
}

static json_t *plan_head_json(const CongressPlan *p) {
  json_t *j = json_pack("{s:I, s:{s:s, s:s, s:s}, s:s, s:s, s:s, s:s?, s:s, s:s?}", "id", (json_int_t)p->id, "unit",
                        "code", p->unit_code, "name", p->unit_name, "level", p->unit_level, "term", p->term,
                        "directive", congress_directive(p->term), "reckoning_date", p->reckoning_date, "congress_date",
                        p->congress_date, "status", p->status, "note", p->note);
  json_object_set_new(j, "prev_max_size", p->prev_max_size > 0 ? json_integer(p->prev_max_size) : json_null());
  return j;
}

void api_congress_list(Req *r) {
  CongressPlan *p;
  int n;
  int rc = congress_list(r->db, r->a, r->scope, req_query(r, "unit"), &p, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  json_t *items = json_array();
  for (int i = 0; i < n; i++) {
    json_t *j = plan_head_json(&p[i]);
    json_object_set_new(j, "variants", json_integer(p[i].nvariants));
    json_array_append_new(items, j);
  }
  resp_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The full plan JSON (head, outgoing committee, checked variants), or NULL with *rc. */
static json_t *plan_json(Req *r, const CongressPlan *p, int *rc) {
  CongressMember *og;
  int nog;
  CongressVariant *v;
  int nv;
  if ((*rc = congress_outgoing(r->db, r->a, r->scope, p, &og, &nog)) != 0) return NULL;
  if ((*rc = congress_variants(r->db, r->a, r->scope, p, &v, &nv)) != 0) return NULL;
  json_t *j = plan_head_json(p), *vs = json_array();
  json_object_set_new(j, "outgoing", members_json(og, nog));
  for (int i = 0; i < nv; i++)
    json_array_append_new(vs, json_pack("{s:I, s:s, s:b, s:s, s:o, s:o, s:o}", "id", (json_int_t)v[i].id, "name",
                                        v[i].name, "chosen", v[i].chosen, "verdict", result_name(v[i].verdict),
                                        "counts", counts_json(&v[i].counts), "members", members_json(v[i].m, v[i].n),
                                        "findings", findings_json(&v[i].findings)));
  json_object_set_new(j, "variants", vs);
  return j;
}

bool congress_plan_arg(Req *r, CongressPlan *p) {
  long long id;
  if (!req_param_id(r, 0, &id)) return false;
  int rc = congress_get(r->db, r->a, r->scope, id, p);
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

static void answer_plan(Req *r, int status, long long id) {
  CongressPlan p;
  int rc = congress_get(r->db, r->a, r->scope, id, &p);
  json_t *j = rc ? NULL : plan_json(r, &p, &rc);
  if (!j) resp_cb_error(r, rc);
  else resp_json(r, status, j);
}

void api_congress_create(Req *r) {
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  json_t *pm = json_object_get(in, "prev_max_size");
  CongressNew req = {api_str(r, in, "unit"), api_str(r, in, "term"), api_str(r, in, "reckoning_date"),
                     api_str(r, in, "congress_date"), json_is_integer(pm) ? (int)json_integer_value(pm) : 0,
                     api_str(r, in, "note")};
  bool bad_pm = pm && !json_is_null(pm) &&
                (!json_is_integer(pm) || json_integer_value(pm) < 0 || json_integer_value(pm) > INT_MAX);
  json_decref(in);
  long long id = 0;
  int rc = bad_pm ? CB_EINVAL : congress_create(r->db, r->a, r->scope, actor_of(r), &req, &id);
  if (rc == CB_EEXIST) resp_error(r, 409, "exists", "Đơn vị đã có phương án nhân sự cho nhiệm kỳ này.");
  else if (rc == CB_EINVAL)
    resp_error(r, 400, "bad_request",
               "Cần unit, term dạng \"2025-2030\" và ngày tính tuổi reckoning_date (YYYY-MM-DD) khi không suy ra được.");
  else if (rc) resp_cb_error(r, rc);
  else answer_plan(r, 201, id);
}

void api_congress_get(Req *r) {
  CongressPlan p;
  if (congress_plan_arg(r, &p)) answer_plan(r, 200, p.id);
}

void api_congress_variant_add(Req *r) {
  CongressPlan p;
  if (!congress_plan_arg(r, &p)) return;
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *name = api_str(r, in, "name");
  json_t *cf = json_object_get(in, "copy_from");
  long long copy = json_is_integer(cf) ? json_integer_value(cf) : 0;
  json_t *nm = json_object_get(in, "name");
  bool bad = (cf && !json_is_null(cf) && !json_is_integer(cf)) || (nm && !json_is_null(nm) && !json_is_string(nm));
  json_decref(in);
  long long vid;
  if (bad) {
    resp_error(r, 400, "bad_request", "Trường name phải là chuỗi, copy_from là mã số phương án.");
    return;
  }
  int rc = congress_variant_add(r->db, r->a, actor_of(r), &p, name, copy, &vid);
  if (rc == CB_EEXIST) resp_error(r, 409, "exists", "Tên phương án đã có.");
  else if (rc) resp_cb_error(r, rc);
  else answer_plan(r, 201, p.id);
}

void api_congress_member_add(Req *r) {
  CongressPlan p;
  long long vid;
  if (!congress_plan_arg(r, &p) || !req_param_id(r, 1, &vid)) return;
  json_t *in = api_body(r, NULL, NULL);
  if (!in) return;
  const char *cadre = api_str(r, in, "cadre"), *body = api_str(r, in, "body");
  json_t *re = json_object_get(in, "reelected");
  int reelected = json_is_boolean(re) ? json_is_true(re) : -1;
  bool bad = (re && !json_is_null(re) && !json_is_boolean(re)) || !cadre;
  json_decref(in);
  if (!body) body = "committee";
  int rc = bad ? CB_EINVAL : congress_member_set(r->db, r->a, r->scope, actor_of(r), &p, vid, cadre, body, reelected);
  if (rc == CB_EINVAL)
    resp_error(r, 400, "bad_request",
               "Cần cadre và body (committee, standing, deputy_secretary, secretary); mỗi phương án chỉ một bí thư.");
  else if (rc) resp_cb_error(r, rc);
  else answer_plan(r, 200, p.id);
}

void api_congress_member_remove(Req *r) {
  CongressPlan p;
  long long vid;
  if (!congress_plan_arg(r, &p) || !req_param_id(r, 1, &vid)) return;
  int rc = congress_member_remove(r->db, r->a, actor_of(r), &p, vid, r->params[2]);
  if (rc) resp_cb_error(r, rc);
  else answer_plan(r, 200, p.id);
}

void api_congress_choose(Req *r) {
  CongressPlan p;
  long long vid;
  if (!congress_plan_arg(r, &p) || !req_param_id(r, 1, &vid)) return;
  int rc = congress_choose(r->db, actor_of(r), &p, vid);
  if (rc) resp_cb_error(r, rc);
  else answer_plan(r, 200, p.id);
}

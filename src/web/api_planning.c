/*
** The planning and forecast API (JSON; see docs/API.md):
**   GET  /api/v1/planning?unit=&term=&date=        pools with members
**   POST /api/v1/planning                          add: 201 {id, verdict, findings}
**        (422 {error, verdict:"fail", findings} unless "override":"reason")
**   POST /api/v1/planning/remove                   remove: 201 {id}
**   GET  /api/v1/planning/history?cadre= | ?unit=&title=&term=
**   GET  /api/v1/planning/review?unit=&term=&date=
**   GET  /api/v1/forecast/retirements?unit=&months=&date=
** Thin: planning.c, planning_review.c and forecast.c do the work.
*/
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/forecast.h"
#include "domain/planning.h"
#include "web/api_json.h"
#include "web/web.h"


static const char *error_code(int rc) {
  return rc == CB_ENOTFOUND ? "not_found" : rc == CB_EEXIST ? "exists" : rc == CB_ERULE ? "rule" : "bad_request";
}
static int error_status(int rc) {
  return rc == CB_ENOTFOUND ? 404 : rc == CB_EEXIST ? 409 : rc == CB_ERULE ? 422 : 400;
}

static json_t *member_json(const PoolMember *m) {
  return json_pack("{s:s, s:s, s:s?, s:s?, s:i, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "code", m->code,
                   "full_name", m->full_name, "gender", m->gender, "birth_date", m->birth_date, "age", m->age,
                   "ethnicity", m->ethnicity, "current_title", m->current_title, "llct_level", m->llct_level,
                   "qlnn_level", m->qlnn_level, "degree", m->degree, "since", m->since, "override", m->override);
}

static json_t *pool_json(const Pool *p) {
  json_t *mem = json_array();
  for (int i = 0; i < p->n; i++) json_array_append_new(mem, member_json(&p->m[i]));
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:o}", "unit_code", p->unit_code, "unit_name", p->unit_name,
                   "title_code", p->title_code, "title_name", p->title_name, "title_category", p->title_category,
                   "count", p->n, "hidden_outside_scope", p->hidden, "members", mem);
}

void api_planning_pools(Req *r) {
  const char *term = req_query(r, "term"), *date = req_query(r, "date");
  char today[11];
  date_iso(date_today(), today);
  if (!term || !*term) term = term_of(r->a, date && *date ? date : today);
  Pool *p;
  int n;
  int rc = planning_pools(r->db, r->a, r->scope, req_query(r, "unit"), term ? term : "", date && *date ? date : today,
                          true, &p, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(arr, pool_json(&p[i]));
  resp_json(r, 200, json_pack("{s:s, s:o}", "term", term, "pools", arr));
}

static PlanReq plan_req(Req *r, json_t *o) {
  return (PlanReq){api_str(r, o, "term"), api_str(r, o, "unit"), api_str(r, o, "title"), api_str(r, o, "cadre"), api_str(r, o, "date"),
                   api_str(r, o, "decision_no"), api_str(r, o, "reason"), api_str(r, o, "override"), scope_legacy(r->scope),
                   r->user->username};
}

void api_planning_add(Req *r) {
  json_t *o = api_body(r, NULL, NULL);
  if (!o) return;
  PlanReq pr = plan_req(r, o);
  json_decref(o);
  Findings f;
  PlanResult res;
  int rc = planning_add(r->db, r->a, &pr, &f, &res);
  if (rc == CB_EDB) {
    resp_cb_error(r, rc);
    return;
  }
  json_t *j = json_object();
  if (rc == 0) json_object_set_new(j, "id", json_integer(res.id));
  else
    json_object_set_new(j, "error", json_pack("{s:s, s:s}", "code", error_code(rc), "message",
                                              res.error ? res.error : "Dữ liệu không hợp lệ."));
  if (f.n) {
    json_object_set_new(j, "verdict", json_string(result_name(findings_verdict(&f))));
    json_object_set_new(j, "findings", findings_json(&f));
  }
  if (rc == 0 && pr.override && *pr.override) json_object_set_new(j, "override", json_string(pr.override));
  if (rc == 0) { /* the warnings the officer must see at the moment of adding (docs/API.md) */
    json_t *w = json_array();
    for (int i = 0; i < f.n; i++)
      if (f.v[i].result == RESULT_WARN)
        json_array_append_new(w, json_pack("{s:s, s:s, s:s}", "rule", f.v[i].rule, "message", f.v[i].message, "basis",
                                           f.v[i].basis ? f.v[i].basis : ""));
    json_object_set_new(j, "warnings", w);
  }
  resp_json(r, rc == 0 ? 201 : error_status(rc), j);
}

void api_planning_remove(Req *r) {
  json_t *o = api_body(r, NULL, NULL);
  if (!o) return;
  PlanReq pr = plan_req(r, o);
  pr.override = NULL;
  json_decref(o);
  PlanResult res;
  int rc = planning_remove(r->db, r->a, &pr, &res);
  if (rc == 0) resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)res.id));
  else if (rc == CB_EDB) resp_cb_error(r, rc);
  else resp_error(r, error_status(rc), error_code(rc), res.error ? res.error : "Dữ liệu không hợp lệ.");
}

static json_t *act_json(Req *r, const PlanAct *x) {
  Findings f;
  json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?}", "id", (json_int_t)x->id,
                        "term", x->term, "unit_code", x->unit_code, "title_code", x->title_code, "cadre_code",
                        x->cadre_code, "action", x->action, "date", x->date, "decision_no", x->decision_no, "reason",
                        x->reason, "override", x->override, "created_by", x->created_by);
  if (planning_act_findings(r->db, r->a, x->id, &f) == 0 && f.n) json_object_set_new(j, "findings", findings_json(&f));
  return j;
}

void api_planning_history(Req *r) {
  const char *cadre = req_query(r, "cadre");
  PlanAct *acts;
  int n;
  int rc = cadre && *cadre ? planning_history_cadre(r->db, r->a, r->scope, cadre, &acts, &n)
                           : planning_history_pool(r->db, r->a, r->scope, req_query(r, "term"),
                                                   req_query(r, "unit"), req_query(r, "title"), &acts, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(arr, act_json(r, &acts[i]));
  resp_json(r, 200, json_pack("{s:o}", "acts", arr));
}

static json_t *share_json(int part, int whole, int target) {
  json_t *j = json_pack("{s:i, s:i, s:f}", "count", part, "of", whole, "pct", whole ? 100.0 * part / whole : 0.0);
  if (target >= 0) json_object_set_new(j, "target_pct", json_integer(target));
  return j;
}

static json_t *review_pool_json(const ReviewPool *rp) {
  json_t *j = pool_json(&rp->pool), *leave = json_array();
  for (int k = 0; k < rp->nleave; k++)
    json_array_append_new(leave, json_pack("{s:s, s:s, s:s}", "code", rp->leave[k].m->code, "full_name",
                                           rp->leave[k].m->full_name, "reason", rp->leave[k].reason));
  json_object_set_new(j, "women", share_json(rp->women, rp->pool.n, -1));
  json_object_set_new(j, "young", share_json(rp->young, rp->pool.n, -1));
  json_object_set_new(j, "young_under", json_integer(rp->young_age));
  json_object_set_new(j, "minority", share_json(rp->minority, rp->pool.n, -1));
  json_object_set_new(j, "must_leave", leave);
  return j;
}

void api_planning_review(Req *r) {
  Review rv;
  int rc = planning_review(r->db, r->a, r->scope, req_query(r, "unit"), req_query(r, "term"), req_query(r, "date"),
                           &rv);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  json_t *pools = json_array(), *leave = json_array(), *empty = json_array(), *single = json_array();
  for (int i = 0; i < rv.n; i++) {
    const ReviewPool *rp = &rv.p[i];
    json_array_append_new(pools, review_pool_json(rp));
    json_t *key = json_pack("{s:s, s:s}", "unit_code", rp->pool.unit_code, "title_code", rp->pool.title_code);
    if (rp->pool.n == 0) json_array_append(empty, key);
    if (rp->pool.n == 1) json_array_append(single, key);
    json_decref(key);
    for (int k = 0; k < rp->nleave; k++)
      json_array_append_new(leave, json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", rp->leave[k].m->code, "full_name",
                                             rp->leave[k].m->full_name, "unit_code", rp->pool.unit_code,
                                             "title_code", rp->pool.title_code, "reason", rp->leave[k].reason));
  }
  json_t *j = json_pack("{s:s?, s:s, s:s, s:i, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "unit", rv.unit_code, "term",
                        rv.term, "date", rv.date, "members", rv.members, "people", rv.people, "women",
                        share_json(rv.women, rv.people, rv.min_women_pct), "young",
                        share_json(rv.young, rv.people, rv.min_young_pct), "minority",
                        share_json(rv.minority, rv.people, -1), "titles_without_candidate", empty,
                        "titles_with_one_candidate", single, "must_leave", leave, "pools", pools);
  resp_json(r, 200, j);
}

static json_t *holder_json(const Holder *h) {
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:i, s:b}", "cadre_code", h->cadre_code, "full_name",
                   h->full_name, "unit_code", h->unit_code, "title_code", h->title_code, "title_name", h->title_name,
                   "birth_date", h->birth_date, "retirement_date", h->retirement_date, "retired_from",
                   h->retired_from, "months_left", h->months_left, "concurrent", h->concurrent);
}

void api_forecast_retirements(Req *r) {
  long months = req_query_long(r, "months", 12, 1, 120);
  Forecast f;
  int rc = forecast_build(r->db, r->a, r->scope, req_query(r, "unit"), req_query(r, "date"), (int)months, &f);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  json_t *ret = json_array(), *past = json_array(), *cov = json_array();
  for (int i = 0; i < f.nret; i++) json_array_append_new(ret, holder_json(&f.ret[i]));
  for (int i = 0; i < f.npast; i++) json_array_append_new(past, holder_json(&f.past[i]));
  for (int i = 0; i < f.ncov; i++) {
    const Coverage *c = &f.cov[i];
    json_t *holders = json_array(), *cand = json_array();
    for (int k = 0; k < c->nholders; k++) json_array_append_new(holders, holder_json(&c->holders[k]));
    for (int k = 0; k < c->ncand; k++)
      json_array_append_new(cand, json_pack("{s:s, s:s, s:s?, s:i}", "cadre_code", c->cand[k].cadre_code,
                                            "full_name", c->cand[k].full_name, "retirement_date",
                                            c->cand[k].retirement_date, "months_left", c->cand[k].months_left_at));
    json_array_append_new(cov, json_pack("{s:s, s:s, s:s, s:s, s:o, s:b, s:s?, s:o, s:i, s:b}", "unit_code",
                                         c->unit_code, "unit_name", c->unit_name, "title_code", c->title_code,
                                         "title_name", c->title_name, "holders", holders, "retiring", c->retiring,
                                         "vacant_on", c->vacant_on, "candidates", cand, "excluded", c->excluded,
                                         "missing", c->missing));
  }
  resp_json(r, 200, json_pack("{s:s?, s:s, s:s, s:i, s:s, s:i, s:o, s:o, s:o, s:i}", "unit", f.unit_code, "date", f.date,
                              "until", f.until, "months", f.months, "term", f.term, "min_months", f.min_months,
                              "already_retired", past, "retirements", ret, "coverage", cov, "missing", f.nmissing));
}

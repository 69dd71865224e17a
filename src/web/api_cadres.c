/*
** The cadre API (docs/API.md): search with paging and sorting
** (GET /api/v1/cadres) and the whole profile (GET /api/v1/cadres/{code}).
** Both are limited to the user's unit scope: a record outside it answers
** exactly like a missing one (404).
**
** Not for: SQL or the search itself (domain/cadre.c).
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/cadre_fields.h"
#include "domain/cadre_profile.h"
#include "web/api_json.h"
#include "web/api_profile.h"
#include "domain/position.h"
#include "domain/training.h"
#include "domain/unit.h"
#include "web/web.h"

#define LIST_LIMIT_DEFAULT 50
#define LIST_LIMIT_MAX 500

/* Parse an optional non-negative integer argument; false (after a 400) when it is not one. */
static json_t *list_item(const Cadre *c) {
  return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "code", c->code, "full_name", c->full_name, "gender",
                   c->gender, "birth_date", c->birth_date, "unit_code", c->unit_code, "unit_name", c->unit_name,
                   "title", c->current_title);
}

void api_cadres_list(Req *r) {
  long limit, offset;
  if (!api_query_int(r, "limit", LIST_LIMIT_DEFAULT, 1, &limit) || !api_query_int(r, "offset", 0, 0, &offset)) return;
  if (limit > LIST_LIMIT_MAX) limit = LIST_LIMIT_MAX;
  const char *sort = req_query(r, "sort");
  if (sort && *sort && strcmp(sort, "name") != 0 && strcmp(sort, "code") != 0 && strcmp(sort, "birth_date") != 0) {
    resp_error(r, 400, "bad_request", "Tham số 'sort' chỉ nhận name, code hoặc birth_date.");
    return;
  }
  const char *unit = req_query(r, "unit");
  if (unit && *unit) {
    Unit u;
    int rc = unit_find(r->db, r->a, r->scope, unit, &u);
    if (rc != 0) {
      if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không tìm thấy đơn vị.");
      else resp_cb_error(r, rc);
      return;
    }
  }
  /* Filters behind the statistics: gender=M|F, age_min/age_max (years today), llct=so_cap|trung_cap|cao_cap|none. */
  const char *gender = req_query(r, "gender"), *llct = req_query(r, "llct");
  long age_min, age_max;
  if (!api_query_int(r, "age_min", 0, 0, &age_min) || !api_query_int(r, "age_max", 0, 0, &age_max)) return;
  if (gender && *gender && strcmp(gender, "M") != 0 && strcmp(gender, "F") != 0) {
    resp_error(r, 400, "bad_request", "Tham số 'gender' chỉ nhận M hoặc F.");
    return;
  }
  if (llct && *llct && strcmp(llct, "none") != 0 && !cadre_llct_valid(llct)) {
    resp_error(r, 400, "bad_request", "Tham số 'llct' chỉ nhận so_cap, trung_cap, cao_cap hoặc none.");
    return;
  }
  CadreQuery q = {.gender = gender, .llct = llct, .age_min = (int)(age_min > 200 ? 200 : age_min),
                  .age_max = (int)(age_max > 200 ? 200 : age_max),
                  .q = req_query(r, "q"), .unit_code = unit && *unit ? unit : NULL, .scope = scope_legacy(r->scope),
                  .sort = sort && *sort ? sort : "name", .limit = (int)limit, .offset = (int)(offset > 1000000000 ? 1000000000 : offset)};
  Cadre *items;
  int n;
  long long total;
  int rc = cadre_search(r->db, r->a, &q, &items, &n, &total);
  if (rc != 0) {
    if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không tìm thấy đơn vị.");
    else resp_cb_error(r, rc);
    return;
  }
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(arr, list_item(&items[i]));
  /* above the cap the count stopped: "total" is the cap and "total_capped" says there are more */
  bool capped = total > CADRE_TOTAL_CAP;
  resp_json(r, 200, json_pack("{s:I, s:b, s:o}", "total", (json_int_t)(capped ? CADRE_TOTAL_CAP : total), "total_capped",
                              capped, "items", arr));
}

static json_t *json_str_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }

json_t *cadre_profile_json(Req *r, const Profile *p) {
  const Cadre *c = &p->c;
  json_t *j = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:s?, s:s?, s:s?}", "code", c->code, "full_name",
                        c->full_name, "family_name", c->family_name, "middle_name", c->middle_name, "given_name",
                        c->given_name, "gender", c->gender, "birth_date", c->birth_date, "unit_code", c->unit_code,
                        "unit_name", c->unit_name, "title", c->current_title);
  for (int i = 0; i < CADRE_NFIELDS; i++)
    if (!json_object_get(j, CADRE_FIELDS[i].name))
      json_object_set_new(j, CADRE_FIELDS[i].name, json_str_or_null(cadre_field_get(c, &CADRE_FIELDS[i])));
  json_object_set_new(j, "version", json_integer(c->version));
  json_object_set_new(j, "voided", c->voided_at ? json_pack("{s:s, s:s?, s:s?}", "at", c->voided_at, "by", c->voided_by,
                                                            "reason", c->void_reason)
                                                : json_null());
  json_t *arr = json_array();
  for (int i = 0; i < p->npos; i++) {
    const Position *x = &p->pos[i];
    json_array_append_new(arr, json_pack("{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:b}", "id",
                                         (json_int_t)x->id, "version", (json_int_t)x->version, "unit_code", x->unit_code,
                                         "unit_name", x->unit_name, "title_code", x->title_code, "title_name",
                                         x->title_name, "start_date", x->start_date, "end_date", x->end_date,
                                         "decision_no", x->decision_no, "concurrent", x->concurrent));
  }
  json_object_set_new(j, "positions", arr);
  arr = json_array();
  for (int i = 0; i < p->ntr; i++) {
    const Training *t = &p->tr[i];
    json_array_append_new(arr, json_pack("{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "id",
                                         (json_int_t)t->id, "version", (json_int_t)t->version, "program", t->program,
                                         "name", t->name, "institution", t->institution, "start_date", t->start_date,
                                         "end_date", t->end_date, "status", t->status, "level", t->level, "major",
                                         t->major, "mode", t->mode));
  }
  json_object_set_new(j, "trainings", arr);
  arr = json_array();
  for (int i = 0; i < p->nfam; i++) {
    const FamilyMember *f = &p->fam[i];
    json_t *x = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:b}", "relation", f->relation,
                          "relation_label", f->relation_label, "full_name", f->full_name, "birth_year", f->birth_year,
                          "hometown", f->hometown, "occupation", f->occupation, "workplace", f->workplace,
                          "residence", f->residence, "relative_code", f->relative_code, "implied", f->implied);
    if (f->id) json_object_set_new(x, "id", json_integer(f->id)), json_object_set_new(x, "version", json_integer(f->version));
    json_array_append_new(arr, x);
  }
  json_object_set_new(j, "relatives", arr);
  arr = json_array();
  for (int i = 0; i < p->npools; i++) {
    const PlanAct *x = &p->pools[i];
    json_array_append_new(arr, json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "term", x->term, "unit_code",
                                         x->unit_code, "unit_name", x->unit_name, "title_code", x->title_code,
                                         "title_name", x->title_name, "date", x->date, "decision_no", x->decision_no));
  }
  json_object_set_new(j, "pools", arr);
  arr = json_array();
  for (int i = 0; i < p->nev; i++)
    json_array_append_new(arr, json_pack("{s:I, s:i, s:s, s:o}", "id", (json_int_t)p->ev[i].id, "year", p->ev[i].year,
                                         "rating", p->ev[i].rating, "score",
                                         p->ev[i].score >= 0 ? json_integer(p->ev[i].score) : json_null()));
  json_object_set_new(j, "evaluations", arr);
  arr = json_array();
  for (int i = 0; i < p->ndisc; i++) {
    const Discipline *d = &p->disc[i];
    json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)d->id, "form", d->form,
                                         "authority", d->authority, "decision_date", d->decision_date, "decision_no",
                                         d->decision_no, "reason", d->reason));
  }
  json_object_set_new(j, "disciplines", arr);
  return j;
}

void api_cadre_get(Req *r) {
  Profile p;
  bool admin = r->user->role == ROLE_ADMIN;
  int rc = profile_load(r->db, r->a, r->scope, r->params[0], admin, 0, &p);
  if (rc != 0) {
    if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không tìm thấy cán bộ.");
    else resp_cb_error(r, rc);
    return;
  }
  resp_json(r, 200, cadre_profile_json(r, &p));
}

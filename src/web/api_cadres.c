/*
** The cadre API (docs/API.md): search with paging and sorting
** (GET /api/v1/cadres) and the whole profile (GET /api/v1/cadres/{code}).
** Both are limited to the user's unit scope: a record outside it answers
** exactly like a missing one (404).
**
** Not for: SQL or the search itself (domain/cadre.c).
*/
#include <pthread.h>
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
#include "domain/title.h"
#include "domain/unit.h"
#include "web/web.h"

#define LIST_LIMIT_DEFAULT 50
#define LIST_LIMIT_MAX 500

/* Parse an optional non-negative integer argument; false (after a 400) when it is not one. */
/* A row of the list: "title" the title's name, "title_display" the post as the list shows it beside the unit
   ("Chủ tịch UBND xã Hải Xuân" for "Chủ tịch UBND xã, phường", title_beside_unit). */
static json_t *list_item(Arena *a, const Cadre *c) {
  return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?}", "code", c->code, "full_name", c->full_name,
                   "gender", c->gender, "birth_date", c->birth_date, "unit_code", c->unit_code, "unit_name",
                   c->unit_name, "title", c->current_title, "title_display",
                   title_beside_unit(a, c->current_title, c->unit_name, NULL));
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
  for (int i = 0; i < n; i++) json_array_append_new(arr, list_item(r->a, &items[i]));
  /* above the cap the count stopped: "total" is the cap and "total_capped" says there are more */
  bool capped = total > CADRE_TOTAL_CAP;
  resp_json(r, 200, json_pack("{s:I, s:b, s:o}", "total", (json_int_t)(capped ? CADRE_TOTAL_CAP : total), "total_capped",
                              capped, "items", arr));
}

/* The record's keys written first, in this order (docs/API.md); then every other field of CADRE_FIELDS. */
static const char *const HEAD_KEYS[] = {"code",       "full_name", "family_name", "middle_name", "given_name",
                                        "gender",     "birth_date", "unit_code",  "unit_name",   "title"};
enum { NHEAD = sizeof HEAD_KEYS / sizeof HEAD_KEYS[0] };
/* which CADRE_FIELDS come after the head: not a head key, not a name met before (computed once) */
static bool *field_listed;
static pthread_once_t listed_once = PTHREAD_ONCE_INIT;

static void listed_compute(void) {
  static bool v[256];
  for (int i = 0; i < CADRE_NFIELDS && i < 256; i++) {
    v[i] = true;
    for (int k = 0; k < NHEAD && v[i]; k++) v[i] = strcmp(CADRE_FIELDS[i].name, HEAD_KEYS[k]) != 0;
    for (int k = 0; k < i && v[i]; k++) v[i] = strcmp(CADRE_FIELDS[i].name, CADRE_FIELDS[k].name) != 0;
  }
  field_listed = v;
}

void cadre_profile_write(JsonW *w, const Profile *p) {
  const Cadre *c = &p->c;
  pthread_once(&listed_once, listed_compute);
  jw_obj(w);
  const char *head[NHEAD] = {c->code,       c->full_name,  c->family_name, c->middle_name, c->given_name,
                             c->gender,     c->birth_date, c->unit_code,   c->unit_name,   c->current_title};
  for (int k = 0; k < NHEAD; k++) jw_kstr(w, HEAD_KEYS[k], head[k]);
  for (int i = 0; i < CADRE_NFIELDS && i < 256; i++)
    if (field_listed[i]) jw_kstr_or_null(w, CADRE_FIELDS[i].name, cadre_field_get(c, &CADRE_FIELDS[i]));
  jw_kint(w, "version", c->version);
  jw_key(w, "voided");
  if (c->voided_at) {
    jw_obj(w);
    jw_kstr(w, "at", c->voided_at), jw_kstr(w, "by", c->voided_by), jw_kstr(w, "reason", c->void_reason);
    jw_end(w);
  } else {
    jw_null(w);
  }
  jw_key(w, "positions");
  jw_arr(w);
  for (int i = 0; i < p->npos; i++) {
    const Position *x = &p->pos[i];
    jw_obj(w);
    jw_kint(w, "id", x->id), jw_kint(w, "version", x->version), jw_kstr(w, "unit_code", x->unit_code);
    jw_kstr(w, "unit_name", x->unit_name), jw_kstr(w, "title_code", x->title_code);
    jw_kstr(w, "title_name", x->title_name), jw_kstr(w, "start_date", x->start_date);
    jw_kstr(w, "end_date", x->end_date), jw_kstr(w, "decision_no", x->decision_no);
    jw_kbool(w, "concurrent", x->concurrent);
    jw_end(w);
  }
  jw_end(w);
  jw_key(w, "trainings");
  jw_arr(w);
  for (int i = 0; i < p->ntr; i++) {
    const Training *t = &p->tr[i];
    jw_obj(w);
    jw_kint(w, "id", t->id), jw_kint(w, "version", t->version), jw_kstr(w, "program", t->program);
    jw_kstr(w, "name", t->name), jw_kstr(w, "institution", t->institution), jw_kstr(w, "start_date", t->start_date);
    jw_kstr(w, "end_date", t->end_date), jw_kstr(w, "status", t->status), jw_kstr(w, "level", t->level);
    jw_kstr(w, "major", t->major), jw_kstr(w, "mode", t->mode);
    jw_end(w);
  }
  jw_end(w);
  jw_key(w, "relatives");
  jw_arr(w);
  for (int i = 0; i < p->nfam; i++) {
    const FamilyMember *f = &p->fam[i];
    jw_obj(w);
    jw_kstr(w, "relation", f->relation), jw_kstr(w, "relation_label", f->relation_label);
    jw_kstr(w, "full_name", f->full_name), jw_kstr(w, "birth_year", f->birth_year), jw_kstr(w, "hometown", f->hometown);
    jw_kstr(w, "occupation", f->occupation), jw_kstr(w, "workplace", f->workplace);
    jw_kstr(w, "residence", f->residence), jw_kstr(w, "relative_code", f->relative_code);
    jw_kbool(w, "implied", f->implied);
    if (f->id) jw_kint(w, "id", f->id), jw_kint(w, "version", f->version);
    jw_end(w);
  }
  jw_end(w);
  jw_key(w, "pools");
  jw_arr(w);
  for (int i = 0; i < p->npools; i++) {
    const PlanAct *x = &p->pools[i];
    jw_obj(w);
    jw_kstr(w, "term", x->term), jw_kstr(w, "unit_code", x->unit_code), jw_kstr(w, "unit_name", x->unit_name);
    jw_kstr(w, "title_code", x->title_code), jw_kstr(w, "title_name", x->title_name), jw_kstr(w, "date", x->date);
    jw_kstr(w, "decision_no", x->decision_no);
    jw_end(w);
  }
  jw_end(w);
  jw_key(w, "evaluations");
  jw_arr(w);
  for (int i = 0; i < p->nev; i++) {
    jw_obj(w);
    jw_kint(w, "id", p->ev[i].id), jw_kint(w, "year", p->ev[i].year), jw_kstr(w, "rating", p->ev[i].rating);
    jw_key(w, "score");
    if (p->ev[i].score >= 0) jw_int(w, p->ev[i].score);
    else jw_null(w);
    jw_end(w);
  }
  jw_end(w);
  jw_key(w, "disciplines");
  jw_arr(w);
  for (int i = 0; i < p->ndisc; i++) {
    const Discipline *d = &p->disc[i];
    jw_obj(w);
    jw_kint(w, "id", d->id), jw_kstr(w, "form", d->form), jw_kstr(w, "authority", d->authority);
    jw_kstr(w, "decision_date", d->decision_date), jw_kstr(w, "decision_no", d->decision_no);
    jw_kstr(w, "reason", d->reason);
    jw_end(w);
  }
  jw_end(w);
  jw_end(w);
}

void api_cadre_get(Req *r) {
  Profile p;
  bool admin = r->user->role == ROLE_ADMIN;
  int rc = profile_load(r->db, r->a, r->scope, r->params[0], admin, 0, false, &p);
  if (rc != 0) {
    if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không tìm thấy cán bộ.");
    else resp_cb_error(r, rc);
    return;
  }
  JsonW w = resp_json_begin(r, 200); /* written straight into the answer (issue 9: the profile under load) */
  cadre_profile_write(&w, &p);
  resp_json_end(r);
}

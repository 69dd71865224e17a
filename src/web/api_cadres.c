/*
** The cadre API (docs/API.md): search with paging and sorting
** (GET /api/v1/cadres) and the whole profile (GET /api/v1/cadres/{code}).
** Both are limited to the user's unit scope: a record outside it answers
** exactly like a missing one (404).
**
** Not for: SQL or the search itself (domain/cadre.c).
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/position.h"
#include "domain/training.h"
#include "domain/unit.h"
#include "web/web.h"

#define LIST_LIMIT_DEFAULT 50
#define LIST_LIMIT_MAX 500

/* Parse an optional non-negative integer argument; false (after a 400) when it is not one. */
static bool query_int(Req *r, const char *name, long def, long min, long *out) {
  const char *s = req_query(r, name);
  *out = def;
  if (!s || !*s) return true;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (*end || errno || v < min) {
    resp_error(r, 400, "bad_request",
               arena_printf(r->a, "Tham số '%s' phải là số nguyên không nhỏ hơn %ld.", name, min));
    return false;
  }
  *out = v;
  return true;
}

static json_t *list_item(const Cadre *c) {
  return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "code", c->code, "full_name", c->full_name, "gender",
                   c->gender, "birth_date", c->birth_date, "unit_code", c->unit_code, "unit_name", c->unit_name,
                   "title", c->current_title);
}

void api_cadres_list(Req *r) {
  long limit, offset;
  if (!query_int(r, "limit", LIST_LIMIT_DEFAULT, 1, &limit) || !query_int(r, "offset", 0, 0, &offset)) return;
  if (limit > LIST_LIMIT_MAX) limit = LIST_LIMIT_MAX;
  const char *sort = req_query(r, "sort");
  if (sort && *sort && strcmp(sort, "name") != 0 && strcmp(sort, "code") != 0 && strcmp(sort, "birth_date") != 0) {
    resp_error(r, 400, "bad_request", "Tham số 'sort' chỉ nhận name, code hoặc birth_date.");
    return;
  }
  const char *unit = req_query(r, "unit");
  if (unit && *unit) {
    Unit u;
    int rc = unit_find(r->db, r->a, unit, r->user->scope, &u);
    if (rc != 0) {
      if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không tìm thấy đơn vị.");
      else resp_cb_error(r, rc);
      return;
    }
  }
  /* Filters behind the statistics: gender=M|F, age_min/age_max (years today), llct=so_cap|trung_cap|cao_cap|none. */
  const char *gender = req_query(r, "gender"), *llct = req_query(r, "llct");
  long age_min, age_max;
  if (!query_int(r, "age_min", 0, 0, &age_min) || !query_int(r, "age_max", 0, 0, &age_max)) return;
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
                  .q = req_query(r, "q"), .unit_code = unit && *unit ? unit : NULL, .scope = r->user->scope,
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
  resp_json(r, 200, json_pack("{s:I, s:o}", "total", (json_int_t)total, "items", arr));
}

static json_t *positions_json(Req *r, long long cadre_id, int *rc) {
  Position *p;
  int n;
  json_t *arr = json_array();
  *rc = position_list_for_cadre(r->db, r->a, cadre_id, &p, &n);
  for (int i = 0; *rc == 0 && i < n; i++)
    json_array_append_new(arr, json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:b}", "unit_code",
                                         p[i].unit_code, "unit_name", p[i].unit_name, "title_code", p[i].title_code,
                                         "title_name", p[i].title_name, "start_date", p[i].start_date, "end_date",
                                         p[i].end_date, "decision_no", p[i].decision_no, "concurrent",
                                         p[i].concurrent));
  return arr;
}

static json_t *trainings_json(Req *r, long long cadre_id, int *rc) {
  Training *t;
  int n;
  json_t *arr = json_array();
  *rc = training_list_for_cadre(r->db, r->a, cadre_id, &t, &n);
  for (int i = 0; *rc == 0 && i < n; i++)
    json_array_append_new(arr, json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "program", t[i].program, "name",
                                         t[i].name, "institution", t[i].institution, "start_date", t[i].start_date,
                                         "end_date", t[i].end_date, "status", t[i].status));
  return arr;
}

void api_cadre_get(Req *r) {
  Cadre c;
  int rc = cadre_find(r->db, r->a, r->params[0], r->user->scope, &c);
  if (rc != 0) {
    if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không tìm thấy cán bộ.");
    else resp_cb_error(r, rc);
    return;
  }
  json_t *j = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:s?, s:s?, s:s?}", "code", c.code, "full_name",
                        c.full_name, "family_name", c.family_name, "middle_name", c.middle_name, "given_name",
                        c.given_name, "gender", c.gender, "birth_date", c.birth_date, "unit_code", c.unit_code,
                        "unit_name", c.unit_name, "title", c.current_title);
  const char *names[] = {"hometown", "birthplace", "ethnicity", "religion", "party_join_date", "party_official_date",
                         "education", "degree", "major", "llct_level", "qlnn_level", "notes"};
  const char *vals[] = {c.hometown, c.birthplace, c.ethnicity, c.religion, c.party_join_date, c.party_official_date,
                        c.education, c.degree, c.major, c.llct_level, c.qlnn_level, c.notes};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    json_object_set_new(j, names[i], vals[i] ? json_string(vals[i]) : json_null());
  int rc1 = 0, rc2 = 0;
  json_object_set_new(j, "positions", positions_json(r, c.id, &rc1));
  json_object_set_new(j, "trainings", trainings_json(r, c.id, &rc2));
  if (rc1 != 0 || rc2 != 0) {
    json_decref(j);
    resp_cb_error(r, rc1 ? rc1 : rc2);
    return;
  }
  resp_json(r, 200, j);
}

/*
** Congress personnel plans: plans, variants and members (storage, scope,
** audit) and the loading of a variant with its members' ages, months of
** service left, re-election and locality. The CONG checks themselves are in
** congress_check.c, the xlsx list in congress_xlsx.c. See congress.h.
*/
#include "domain/congress.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/vi.h"
#include "domain/cadre.h"
#include "domain/retirement.h"
#include "domain/unit.h"

static const char *const BODIES[][2] = {
    {"committee", "Ủy viên BCH"},
    {"standing", "Ủy viên BTV"},
    {"deputy_secretary", "Phó Bí thư"},
    {"secretary", "Bí thư"},
};

bool congress_body_valid(const char *body) {
  return *congress_body_label(body) != '\0';
}

const char *congress_body_label(const char *body) {
  for (size_t i = 0; body && i < sizeof BODIES / sizeof BODIES[0]; i++)
    if (strcmp(body, BODIES[i][0]) == 0) return BODIES[i][1];
  return "";
}

const char *congress_directive(const char *term) {
  if (term && strcmp(term, "2020-2025") == 0) return "Chỉ thị 35-CT/TW";
  if (term && strcmp(term, "2025-2030") == 0) return "Chỉ thị 45-CT/TW";
  return "";
}

/* "YYYY-YYYY" with the second year five after the first. */
static bool term_valid(const char *t) {
  int y1, y2, used = 0;
  if (!t || strlen(t) != 9 || sscanf(t, "%4d-%4d%n", &y1, &y2, &used) != 2 || used != 9) return false;
  return y1 >= 1900 && y2 == y1 + 5;
}

/* Audit one change; `after` is stolen. */
static int audit(Db *db, const char *actor, const char *action, long long plan_id, json_t *after) {
  char key[32];
  snprintf(key, sizeof key, "%lld", plan_id);
  char *s = after ? json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(after);
  int rc = audit_log(db, actor ? actor : "?", action, "congress", key, NULL, s);
  free(s);
  return rc;
}

/* Commit when rc is 0, else roll back; returns rc (or CB_EDB when the commit fails). */
static int finish(Db *db, int rc) {
  if (rc) {
    db_rollback(db);
    return rc;
  }
  return db_commit(db) ? CB_EDB : 0;
}

/* The default reckoning date from CONG-12 of the term for the unit's level: the 1st of that month. */
static const char *default_reckoning(Db *db, Arena *a, const char *term, const char *level) {
  RuleVersion rv;
  char ymd[16];
  snprintf(ymd, sizeof ymd, "%.4s-01-01", term);
  if (congress_rule(db, a, "CONG-12", term, ymd, &rv) != 0) return NULL;
  const char *ym = rule_param_str(&rv, a, level, NULL);
  Date d;
  if (!ym || date_parse(ym, &d, DATE_PARTIAL) != 0 || d.m == 0) return NULL;
  d.d = 1;
  return arena_strdup(a, date_iso(d, ymd));
}

static int insert_variant(Db *db, long long plan_id, const char *name, long long *vid) {
  char now[16];
  DbStmt *st = db_prepare(db, "INSERT INTO congress_variants(plan_id, name, chosen, created_at) VALUES(?, ?, 0, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, plan_id);
  db_bind_text(st, 2, name);
  db_bind_text(st, 3, date_iso(date_today(), now));
  int rc = db_run(st);
  if (!rc && vid) *vid = db_last_id(db);
  return rc;
}

int congress_create(Db *db, Arena *a, Scope scope, const char *actor, const CongressNew *req, long long *id) {
  if (!req->unit_code || !*req->unit_code || !term_valid(req->term)) return CB_EINVAL;
  if (req->prev_max_size < 0 || req->prev_max_size > 10000) return CB_EINVAL;
  Unit u;
  int rc = unit_find(db, a, scope, req->unit_code, &u);
  if (rc) return rc;
  const char *reck = req->reckoning_date && *req->reckoning_date ? req->reckoning_date
                                                                  : default_reckoning(db, a, req->term, u.level);
  Date d;
  if (!reck || date_parse(reck, &d, DATE_FULL) != 0) return CB_EINVAL;
  char rbuf[16], cbuf[16];
  reck = date_iso(d, rbuf);
  const char *cdate = NULL;
  if (req->congress_date && *req->congress_date) {
    if (date_parse(req->congress_date, &d, DATE_FULL) != 0) return CB_EINVAL;
    cdate = date_iso(d, cbuf);
  }
  if (db_begin(db) != 0) return CB_EDB;
  DbStmt *st = db_prepare(db, "INSERT INTO congress_plans(unit_id, term, reckoning_date, congress_date, prev_max_size, "
                              "status, note, created_at, created_by) VALUES(?, ?, ?, ?, ?, 'draft', ?, ?, ?)");
  char now[16];
  if (!st) rc = CB_EDB;
  else {
    db_bind_int(st, 1, u.id);
    db_bind_text(st, 2, req->term);
    db_bind_text(st, 3, reck);
    db_bind_text(st, 4, cdate);
    if (req->prev_max_size > 0) db_bind_int(st, 5, req->prev_max_size);
    else db_bind_null(st, 5);
    db_bind_text(st, 6, req->note && *req->note ? req->note : NULL);
    db_bind_text(st, 7, date_iso(date_today(), now));
    db_bind_text(st, 8, actor);
    rc = db_run(st);
  }
  if (!rc) *id = db_last_id(db);
  if (!rc) rc = insert_variant(db, *id, "Phương án 1", NULL);
  if (!rc)
    rc = audit(db, actor, "create", *id,
               json_pack("{s:s, s:s, s:s, s:s?}", "unit", u.code, "term", req->term, "reckoning_date", reck,
                         "congress_date", cdate));
  return finish(db, rc);
}

#define PLAN_COLS                                                                                             \
  "p.id, p.unit_id, u.code, u.name, u.level, u.locality, u.path, p.term, p.reckoning_date, p.congress_date, " \
  "p.prev_max_size, p.status, p.note, p.created_at, p.created_by, "                                         \
  "(SELECT count(*) FROM congress_variants v WHERE v.plan_id = p.id) "

static void read_plan(DbStmt *st, Arena *a, CongressPlan *p) {
  p->id = db_int(st, 0);
  p->unit_id = db_int(st, 1);
  const char **s[] = {&p->unit_code, &p->unit_name,     &p->unit_level,    &p->unit_locality, &p->unit_path,
                      &p->term,      &p->reckoning_date, &p->congress_date};
  for (int i = 0; i < 8; i++) *s[i] = arena_strdup(a, db_text(st, 2 + i));
  p->prev_max_size = (int)db_int(st, 10);
  p->status = arena_strdup(a, db_text(st, 11));
  p->note = arena_strdup(a, db_text(st, 12));
  p->created_at = arena_strdup(a, db_text(st, 13));
  p->created_by = arena_strdup(a, db_text(st, 14));
  p->nvariants = (int)db_int(st, 15);
}

int congress_list(Db *db, Arena *a, Scope scope, const char *unit_code, CongressPlan **out, int *n) {
  const char *under = NULL;
  *out = NULL, *n = 0;
  if (unit_code && *unit_code) {
    Unit u;
    int rc = unit_find(db, a, scope, unit_code, &u);
    if (rc) return rc;
    under = u.path;
  }
  DbStmt *st = db_prepare(db, "SELECT " PLAN_COLS "FROM congress_plans p JOIN units u ON u.id = p.unit_id "
                              "WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "
                              "AND (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) "
                              "ORDER BY p.term DESC, u.path, p.id");
  if (!st) return CB_EDB;
  scope_bind(st, 1, scope);
  db_bind_text(st, 2, under);
  int cap = 0, rc;
  while ((rc = db_step(st)) == DB_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 16;
      CongressPlan *v = arena_alloc(a, sizeof *v * (size_t)cap);
      if (*n) memcpy(v, *out, sizeof *v * (size_t)*n);
      *out = v;
    }
    read_plan(st, a, &(*out)[(*n)++]);
  }
  db_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

int congress_get(Db *db, Arena *a, Scope scope, long long id, CongressPlan *out) {
  DbStmt *st = db_prepare(db, "SELECT " PLAN_COLS "FROM congress_plans p JOIN units u ON u.id = p.unit_id "
                              "WHERE p.id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  if (rc == DB_ROW) read_plan(st, a, out);
  db_finalize(st);
  if (rc == DB_DONE) return CB_ENOTFOUND;
  if (rc != DB_ROW) return CB_EDB;
  return scope_contains(scope, out->unit_path) ? 0 : CB_ENOTFOUND;
}

/* Age, months left and locality of m at the plan's reckoning date. */
static void fill_member(Arena *a, const CongressPlan *p, CongressMember *m) {
  Date birth, at;
  m->age = -1;
  m->months_left = INT_MIN;
  if (date_parse(m->birth_date, &birth, DATE_PARTIAL) == 0 && date_parse(p->reckoning_date, &at, DATE_FULL) == 0) {
    m->age = date_age_years(birth, at);
    m->months_left = retirement_months_left(m->gender ? m->gender[0] : '?', birth, at);
  }
  m->local = -1;
  const char *loc = p->unit_locality ? vi_fold(a, p->unit_locality) : NULL;
  const char *home = m->hometown ? vi_fold(a, m->hometown) : NULL;
  if (loc && *loc && home && *home) m->local = strstr(home, loc) != NULL;
}

/* Positions active at ?2 in unit ?3 whose title belongs to the committee (shared SQL fragment). */
#define ACTIVE_AT "p.start_date <= ?2 AND (p.end_date IS NULL OR p.end_date >= ?2) "
#define COMMITTEE_TITLE \
  "(t.category IN ('committee', 'standing') OR t.function IN ('party_secretary', 'party_deputy_secretary')) "
#define CURRENT_TITLE                                                                            \
  "(SELECT t.name FROM positions p JOIN titles t ON t.id = p.title_id WHERE p.cadre_id = c.id " \
  "AND p.concurrent = 0 AND " ACTIVE_AT "ORDER BY p.start_date DESC, p.id DESC LIMIT 1) "

static CongressMember *grow(Arena *a, CongressMember *v, int n, int *cap) {
  if (n < *cap) return v;
  *cap = *cap ? *cap * 2 : 32;
  CongressMember *w = arena_alloc(a, sizeof *w * (size_t)*cap);
  if (n) memcpy(w, v, sizeof *w * (size_t)n);
  return w;
}

static void read_person(DbStmt *st, Arena *a, CongressMember *m) {
  m->cadre_id = db_int(st, 0);
  const char **s[] = {&m->code, &m->full_name, &m->gender, &m->birth_date, &m->hometown, &m->current_title};
  for (int i = 0; i < 6; i++) *s[i] = arena_strdup(a, db_text(st, 1 + i));
}

int congress_outgoing(Db *db, Arena *a, Scope scope, const CongressPlan *p, CongressMember **out, int *n) {
  DbStmt *st = db_prepare(
      db, "SELECT c.id, c.code, c.full_name, c.gender, c.birth_date, c.hometown, " CURRENT_TITLE ", "
          "max(CASE WHEN t.function = 'party_secretary' THEN 3 WHEN t.function = 'party_deputy_secretary' THEN 2 "
          "WHEN t.category = 'standing' THEN 1 ELSE 0 END) AS b, cu.path, c.ethnicity "
          "FROM positions p JOIN titles t ON t.id = p.title_id JOIN cadres c ON c.id = p.cadre_id "
          "JOIN units cu ON cu.id = c.unit_id "
          "WHERE p.unit_id = ?1 AND " ACTIVE_AT "AND " COMMITTEE_TITLE
          "GROUP BY c.id, c.code, c.full_name, c.gender, c.birth_date, c.hometown, c.sort_key, cu.path, c.ethnicity "
          "ORDER BY b DESC, c.sort_key, c.code"); /* every column named: PostgreSQL sees no key through a view */
  *out = NULL, *n = 0;
  if (!st) return CB_EDB;
  db_bind_int(st, 1, p->unit_id);
  db_bind_text(st, 2, p->reckoning_date);
  int cap = 0, rc;
  static const char *const body_of[] = {"committee", "standing", "deputy_secretary", "secretary"};
  while ((rc = db_step(st)) == DB_ROW) {
    *out = grow(a, *out, *n, &cap);
    CongressMember *m = &(*out)[(*n)++];
    memset(m, 0, sizeof *m);
    read_person(st, a, m);
    long long b = db_int(st, 7);
    m->body = body_of[b >= 0 && b <= 3 ? b : 0];
    m->in_outgoing = m->reelected = true;
    m->outside = !scope_contains(scope, db_text(st, 8));
    m->ethnicity = arena_strdup(a, db_text(st, 9));
    fill_member(a, p, m);
  }
  db_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

/* The members of variant vid, secretary first; derived fields filled. */
static int load_members(Db *db, Arena *a, Scope scope, const CongressPlan *p, long long vid, CongressMember **out, int *n) {
  DbStmt *st = db_prepare(
      db, "SELECT c.id, c.code, c.full_name, c.gender, c.birth_date, c.hometown, " CURRENT_TITLE ", m.body, m.reelected, "
          "EXISTS (SELECT 1 FROM positions p JOIN titles t ON t.id = p.title_id WHERE p.cadre_id = c.id "
          "AND p.unit_id = ?3 AND " ACTIVE_AT "AND " COMMITTEE_TITLE "), cu.path, c.ethnicity "
          "FROM congress_members m JOIN cadres c ON c.id = m.cadre_id JOIN units cu ON cu.id = c.unit_id "
          "WHERE m.variant_id = ?1 "
          "ORDER BY CASE m.body WHEN 'secretary' THEN 0 WHEN 'deputy_secretary' THEN 1 WHEN 'standing' THEN 2 "
          "ELSE 3 END, c.sort_key, c.code");
  *out = NULL, *n = 0;
  if (!st) return CB_EDB;
  db_bind_int(st, 1, vid);
  db_bind_text(st, 2, p->reckoning_date);
  db_bind_int(st, 3, p->unit_id);
  int cap = 0, rc;
  while ((rc = db_step(st)) == DB_ROW) {
    *out = grow(a, *out, *n, &cap);
    CongressMember *m = &(*out)[(*n)++];
    memset(m, 0, sizeof *m);
    read_person(st, a, m);
    m->body = arena_strdup(a, db_text(st, 7));
    m->in_outgoing = db_int(st, 9) != 0;
    m->override = !db_isnull(st, 8);
    m->reelected = m->override ? db_int(st, 8) != 0 : m->in_outgoing;
    m->outside = !scope_contains(scope, db_text(st, 10));
    m->ethnicity = arena_strdup(a, db_text(st, 11));
    fill_member(a, p, m);
  }
  db_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

int congress_variants(Db *db, Arena *a, Scope scope, const CongressPlan *p, CongressVariant **out, int *n) {
  *out = NULL, *n = 0;
  CongressMember *og;
  int nog, rc = congress_outgoing(db, a, scope, p, &og, &nog);
  if (rc) return rc;
  DbStmt *st = db_prepare(db, "SELECT id, name, chosen FROM congress_variants WHERE plan_id = ? ORDER BY id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, p->id);
  int cap = 0;
  while ((rc = db_step(st)) == DB_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 8;
      CongressVariant *v = arena_alloc(a, sizeof *v * (size_t)cap);
      if (*n) memcpy(v, *out, sizeof *v * (size_t)*n);
      *out = v;
    }
    CongressVariant *v = &(*out)[(*n)++];
    memset(v, 0, sizeof *v);
    v->id = db_int(st, 0);
    v->name = arena_strdup(a, db_text(st, 1));
    v->chosen = db_int(st, 2) != 0;
  }
  db_finalize(st);
  if (rc != DB_DONE) return CB_EDB;
  for (int i = 0; i < *n && !rc; i++) {
    rc = load_members(db, a, scope, p, (*out)[i].id, &(*out)[i].m, &(*out)[i].n);
    if (!rc) rc = congress_check(db, a, p, nog, &(*out)[i]);
  }
  return rc;
}

/* 0 when variant vid belongs to plan p, else CB_ENOTFOUND / CB_EDB. */
static int variant_of_plan(Db *db, const CongressPlan *p, long long vid) {
  DbStmt *st = db_prepare(db, "SELECT 1 FROM congress_variants WHERE id = ? AND plan_id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, vid);
  db_bind_int(st, 2, p->id);
  int rc = db_step(st);
  db_finalize(st);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? CB_ENOTFOUND : CB_EDB;
}

int congress_variant_add(Db *db, Arena *a, const char *actor, const CongressPlan *p, const char *name,
                         long long copy_from, long long *vid) {
  if (name && strlen(name) > 200) return CB_EINVAL;
  int rc = copy_from ? variant_of_plan(db, p, copy_from) : 0;
  if (rc) return rc;
  if (!name || !*name) {
    int nv;
    /* Count now (p->nvariants may be stale) for the default name. */
    DbStmt *st = db_prepare(db, "SELECT count(*) FROM congress_variants WHERE plan_id = ?");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, p->id);
    nv = db_step(st) == DB_ROW ? (int)db_int(st, 0) : 0;
    db_finalize(st);
    name = arena_printf(a, "Phương án %d", nv + 1);
  }
  if (db_begin(db) != 0) return CB_EDB;
  rc = insert_variant(db, p->id, name, vid);
  if (!rc && copy_from) {
    DbStmt *st = db_prepare(db, "INSERT INTO congress_members(variant_id, cadre_id, body, reelected) "
                                "SELECT ?, cadre_id, body, reelected FROM congress_members WHERE variant_id = ?");
    if (!st) rc = CB_EDB;
    else {
      db_bind_int(st, 1, *vid);
      db_bind_int(st, 2, copy_from);
      rc = db_run(st);
    }
  }
  if (!rc)
    rc = audit(db, actor, "congress_variant_add", p->id,
               json_pack("{s:I, s:s, s:I}", "variant", (json_int_t)*vid, "name", name, "copy_from",
                         (json_int_t)copy_from));
  return finish(db, rc);
}

int congress_member_set(Db *db, Arena *a, Scope scope, const char *actor, const CongressPlan *p, long long vid, const char *cadre_code, const char *body, int reelected) {
  if (!congress_body_valid(body) || reelected < -1 || reelected > 1 || !cadre_code) return CB_EINVAL;
  int rc = variant_of_plan(db, p, vid);
  if (rc) return rc;
  Cadre c;
  if ((rc = cadre_find(db, a, scope, cadre_code, &c)) != 0) return rc;
  if (db_begin(db) != 0) return CB_EDB;
  if (strcmp(body, "secretary") == 0) {
    /* One secretary per variant: another cadre already holding it is an input error. */
    DbStmt *st = db_prepare(db, "SELECT 1 FROM congress_members WHERE variant_id = ? AND body = 'secretary' "
                                "AND cadre_id <> ?");
    if (!st) rc = CB_EDB;
    else {
      db_bind_int(st, 1, vid);
      db_bind_int(st, 2, c.id);
      int s = db_step(st);
      rc = s == DB_ROW ? CB_EINVAL : s == DB_DONE ? 0 : CB_EDB;
      db_finalize(st);
    }
  }
  if (!rc) {
    DbStmt *st = db_prepare(db, "INSERT INTO congress_members(variant_id, cadre_id, body, reelected) VALUES(?, ?, ?, ?) "
                                "ON CONFLICT(variant_id, cadre_id) DO UPDATE SET body = excluded.body, "
                                "reelected = excluded.reelected");
    if (!st) rc = CB_EDB;
    else {
      db_bind_int(st, 1, vid);
      db_bind_int(st, 2, c.id);
      db_bind_text(st, 3, body);
      if (reelected < 0) db_bind_null(st, 4);
      else db_bind_int(st, 4, reelected);
      rc = db_run(st);
    }
  }
  if (!rc)
    rc = audit(db, actor, "congress_member_set", p->id,
               json_pack("{s:I, s:s, s:s, s:i}", "variant", (json_int_t)vid, "cadre", c.code, "body", body,
                         "reelected", reelected));
  return finish(db, rc);
}

int congress_member_remove(Db *db, Arena *a, const char *actor, const CongressPlan *p, long long vid,
                           const char *cadre_code) {
  int rc = variant_of_plan(db, p, vid);
  if (rc) return rc;
  if (db_begin(db) != 0) return CB_EDB;
  DbStmt *st = db_prepare(db, "DELETE FROM congress_members WHERE variant_id = ? "
                              "AND cadre_id = (SELECT id FROM cadres WHERE code = ?)");
  if (!st) rc = CB_EDB;
  else {
    db_bind_int(st, 1, vid);
    db_bind_text(st, 2, cadre_code);
    rc = db_run(st);
    if (!rc && db_changes(db) == 0) rc = CB_ENOTFOUND;
  }
  if (!rc)
    rc = audit(db, actor, "congress_member_remove", p->id,
               json_pack("{s:I, s:s}", "variant", (json_int_t)vid, "cadre", cadre_code));
  (void)a;
  return finish(db, rc);
}

int congress_choose(Db *db, const char *actor, const CongressPlan *p, long long vid) {
  int rc = variant_of_plan(db, p, vid);
  if (rc) return rc;
  if (db_begin(db) != 0) return CB_EDB;
  DbStmt *st = db_prepare(db, "UPDATE congress_variants SET chosen = CASE WHEN id = ? THEN 1 ELSE 0 END WHERE plan_id = ?");
  if (!st) rc = CB_EDB;
  else {
    db_bind_int(st, 1, vid);
    db_bind_int(st, 2, p->id);
    rc = db_run(st);
  }
  if (!rc) rc = audit(db, actor, "congress_choose", p->id, json_pack("{s:I}", "variant", (json_int_t)vid));
  return finish(db, rc);
}

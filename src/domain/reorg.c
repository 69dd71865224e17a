/*
** Unit reorganization: merge and split (see reorg.h for what an act does).
** Both reduce to one engine: a list of source units, a list of target units
** and a mapping (cadre -> target, child unit -> target); a merge maps
** everything to its only target. The engine validates everything first,
** then writes in one transaction with one audit row.
**
** Not for: listing acts (reorg_list.c), HTTP or CLI parsing.
*/
#include "domain/reorg.h"
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "domain/record_history.h"
#include "domain/title.h"

typedef struct {
  long long id;  /* cadre or child unit id */
  int target;    /* index into Plan.tgt */
  const char *code;
} Map;

typedef struct {
  Db *db;
  Arena *a;
  const char *kind; /* "merge" | "split" */
  Date d;
  char date[16], prev[16]; /* D and D - 1, ISO */
  const char *decision_no, *note, *actor, *scope;
  Unit *src;
  int nsrc;
  Unit *tgt; /* targets; tgt_new[i]: created by the act */
  bool *tgt_new;
  int ntgt;
  Map *cadre_map, *child_map; /* split only (NULL for a merge: everything goes to tgt[0]) */
  int ncadre_map, nchild_map;
  long long act_id;
  ReorgResult *res;
  json_t *before, *after;
} Plan;

static int fail(Plan *p, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(Plan *p, int rc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  p->res->message = arena_vprintf(p->a, fmt, ap);
  va_end(ap);
  return rc;
}

static const char *vn(Plan *p, const char *iso) {
  char buf[16];
  return arena_strdup(p->a, date_iso_to_vn(iso, buf));
}

static bool has(const char *s) { return s && *s; }

/* ---------- validation ---------- */

static int set_dates(Plan *p, const char *date) {
  if (!has(date) || date_parse(date, &p->d, DATE_FULL) != 0)
    return fail(p, CB_EINVAL, "Ngày hiệu lực không hợp lệ: \"%s\" (cần YYYY-MM-DD).", date ? date : "");
  date_iso(p->d, p->date);
  date_iso(date_add_days(p->d, -1), p->prev);
  return 0;
}

static int find_unit(Plan *p, const char *code, Unit *out) {
  int rc = unit_find(p->db, p->a, scope_from_legacy(p->scope), code, out);
  if (rc == CB_ENOTFOUND) return fail(p, rc, "Không tìm thấy đơn vị \"%s\" (hoặc ngoài phạm vi quản lý).", code);
  return rc;
}

/* A source must exist on D - 1 and not have ended before D. */
static int check_source(Plan *p, const Unit *u) {
  if (has(u->valid_from) && strcmp(u->valid_from, p->prev) > 0)
    return fail(p, CB_EINVAL,
                "Đơn vị %s (%s) chỉ bắt đầu từ %s: ngày hiệu lực %s phải sau ngày đó ít nhất một ngày.", u->code,
                u->name, vn(p, u->valid_from), vn(p, p->date));
  if (has(u->valid_to) && strcmp(u->valid_to, p->date) < 0)
    return fail(p, CB_EINVAL, "Đơn vị %s (%s) đã kết thúc ngày %s, trước ngày hiệu lực %s.", u->code, u->name,
                vn(p, u->valid_to), vn(p, p->date));
  return 0;
}

static bool in_sources(const Plan *p, const Unit *u) {
  for (int i = 0; i < p->nsrc; i++)
    if (unit_path_in_scope(u->path, p->src[i].path)) return true;
  return false;
}

/* An existing target: not a source nor below one, existing on D. */
static int check_existing_target(Plan *p, const Unit *u) {
  for (int i = 0; i < p->nsrc; i++)
    if (p->src[i].id == u->id)
      return fail(p, CB_EINVAL, "Không thể sáp nhập đơn vị %s vào chính nó.", u->code);
  if (in_sources(p, u))
    return fail(p, CB_EINVAL, "Đơn vị nhận %s nằm trong một đơn vị bị sáp nhập hoặc chia tách.", u->code);
  if ((has(u->valid_from) && strcmp(u->valid_from, p->date) > 0) || (has(u->valid_to) && strcmp(u->valid_to, p->date) < 0))
    return fail(p, CB_EINVAL, "Đơn vị nhận %s (%s) không tồn tại vào ngày hiệu lực %s.", u->code, u->name,
                vn(p, p->date));
  return 0;
}

/* A target to create: fields, a free code, a parent existing on D outside the sources. */
static int check_new_target(Plan *p, Unit *u) {
  if (!has(u->code) || !has(u->name))
    return fail(p, CB_EINVAL, "Đơn vị mới cần có mã và tên.");
  if (!unit_level_valid(u->level))
    return fail(p, CB_EINVAL, "Cấp của đơn vị mới %s không hợp lệ: \"%s\".", u->code, u->level ? u->level : "");
  Unit other;
  int rc = unit_find(p->db, p->a, scope_all(), u->code, &other);
  if (rc == 0) return fail(p, CB_EEXIST, "Mã đơn vị %s đã có (%s).", u->code, other.name);
  if (rc != CB_ENOTFOUND) return rc;
  if (!has(u->parent_code)) {
    if (p->scope) return fail(p, CB_EINVAL, "Đơn vị mới %s phải thuộc một đơn vị trong phạm vi quản lý.", u->code);
    return 0;
  }
  Unit parent;
  if ((rc = find_unit(p, u->parent_code, &parent))) return rc;
  if (in_sources(p, &parent))
    return fail(p, CB_EINVAL, "Đơn vị cấp trên %s nằm trong một đơn vị bị sáp nhập hoặc chia tách.", parent.code);
  if ((has(parent.valid_from) && strcmp(parent.valid_from, p->date) > 0) ||
      (has(parent.valid_to) && strcmp(parent.valid_to, p->date) < 0))
    return fail(p, CB_EINVAL, "Đơn vị cấp trên %s không tồn tại vào ngày hiệu lực %s.", parent.code, vn(p, p->date));
  return 0;
}

/* Positions in a source starting on or after D would be left in an ended unit: refuse. */
static int check_no_future_positions(Plan *p) {
  for (int i = 0; i < p->nsrc; i++) {
    DbStmt *st = db_prepare(p->db, "SELECT count(*) FROM positions WHERE unit_id = ? AND start_date >= ?");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, p->src[i].id);
    db_bind_text(st, 2, p->date);
    long long n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
    db_finalize(st);
    if (n < 0) return CB_EDB;
    if (n > 0)
      return fail(p, CB_EINVAL, "Đơn vị %s có %lld chức vụ bắt đầu từ ngày hiệu lực %s trở đi; hãy sửa trước khi %s.",
                  p->src[i].code, n, vn(p, p->date), strcmp(p->kind, "merge") == 0 ? "sáp nhập" : "chia tách");
  }
  return 0;
}

/* ---------- mapping ---------- */

static int cmp_map(const void *x, const void *y) {
  const Map *a = x, *b = y;
  return a->id < b->id ? -1 : a->id > b->id;
}

/* The target index for cadre/child `id` (merge: 0), or -1 when unassigned. */
static int target_of(const Map *m, int n, long long id) {
  if (!m) return 0;
  Map key = {id, 0, NULL};
  const Map *hit = cb_bsearch(&key, m, (size_t)n, sizeof *m, cmp_map);
  return hit ? hit->target : -1;
}

static int target_index(const Plan *p, const char *code) {
  for (int i = 0; i < p->ntgt; i++)
    if (strcmp(p->tgt[i].code, code) == 0) return i;
  return -1;
}

/* ---------- writes ---------- */

static int record_move(Plan *p, const char *kind, long long old_id, long long new_id, long long from, long long to) {
  DbStmt *st = db_prepare(p->db, "INSERT INTO reorg_moves(act_id, kind, old_id, new_id, from_unit_id, to_unit_id) "
                                 "VALUES(?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, p->act_id);
  db_bind_text(st, 2, kind);
  db_bind_int(st, 3, old_id);
  if (new_id) db_bind_int(st, 4, new_id);
  else db_bind_null(st, 4);
  db_bind_int(st, 5, from);
  db_bind_int(st, 6, to);
  return db_run(st);
}

/*
** The file's history of a move (every moved post and cadre gets its rows, as any other change does): who (the act's
** actor, source "act:reorg:ID"), the act's date, and why ("Sáp nhập Xã A, Xã B vào Xã C theo Nghị quyết ...").
*/
static const char *reorg_reason(Plan *p) {
  const char *from = "";
  for (int i = 0; i < p->nsrc; i++)
    from = arena_printf(p->a, "%s%s%s", from, i ? ", " : "", unit_in_sentence(p->a, p->src[i].name));
  const char *to = "";
  for (int i = 0; i < p->ntgt; i++)
    to = arena_printf(p->a, "%s%s%s", to, i ? ", " : "", unit_in_sentence(p->a, p->tgt[i].name));
  return arena_printf(p->a, "%s %s %s %s%s%s", strcmp(p->kind, "merge") == 0 ? "Sáp nhập" : "Chia tách", from,
                      strcmp(p->kind, "merge") == 0 ? "vào" : "thành", to, has(p->decision_no) ? " theo " : "",
                      has(p->decision_no) ? p->decision_no : "");
}

static Editor reorg_editor(Plan *p) {
  return (Editor){.actor = p->actor, .source = arena_printf(p->a, "act:reorg:%lld", p->act_id), .scope = p->scope};
}

/* "Chủ tịch UBND xã Vĩnh Thực, từ 01/07/2025" of a post (title id) in unit `unit_id`, for the history. */
static const char *post_words(Plan *p, long long title_id, long long unit_id, const char *start) {
  DbStmt *st = db_prepare(p->db, "SELECT t.name, u.name, u.level FROM titles t, units u WHERE t.id = ? AND u.id = ?");
  const char *w = "?";
  if (st) {
    db_bind_int(st, 1, title_id);
    db_bind_int(st, 2, unit_id);
    if (db_step(st) == DB_ROW) w = title_display(p->a, db_text(st, 0), db_text(st, 1), db_text(st, 2));
    db_finalize(st);
  }
  char d[16];
  return arena_printf(p->a, "%s, từ %s", w, date_iso_to_vn(start, d));
}

/* The unit code of unit id, for the history (which shows unit codes). */
static const char *unit_code_of(Plan *p, long long id) {
  for (int i = 0; i < p->nsrc; i++)
    if (p->src[i].id == id) return p->src[i].code;
  for (int i = 0; i < p->ntgt; i++)
    if (p->tgt[i].id == id) return p->tgt[i].code;
  return "?";
}

static int insert_act(Plan *p) {
  DbStmt *st = db_prepare(p->db, "INSERT INTO reorg_acts(kind, effective_date, decision_no, note, created_by, created_at) "
                                 "VALUES(?, ?, ?, ?, ?, now_utc())");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, p->kind);
  db_bind_text(st, 2, p->date);
  db_bind_text(st, 3, has(p->decision_no) ? p->decision_no : NULL);
  db_bind_text(st, 4, has(p->note) ? p->note : NULL);
  db_bind_text(st, 5, p->actor);
  int rc = db_run(st);
  if (!rc) p->act_id = db_last_id(p->db);
  return rc;
}

static int insert_act_unit(Plan *p, long long unit_id, const char *role, bool created) {
  DbStmt *st = db_prepare(p->db, "INSERT INTO reorg_units(act_id, unit_id, role, created) VALUES(?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, p->act_id);
  db_bind_int(st, 2, unit_id);
  db_bind_text(st, 3, role);
  db_bind_int(st, 4, created);
  return db_run(st);
}

static json_t *unit_json(const Unit *u) {
  return json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s?, s:s?}", "code", u->code, "name", u->name, "level", u->level,
                   "parent_code", u->parent_code, "path", u->path, "valid_from", u->valid_from, "valid_to",
                   u->valid_to);
}

/* Create the new targets and end the sources. */
static int write_units(Plan *p) {
  json_t *bs = json_array(), *as = json_array(), *at = json_array();
  json_object_set_new(p->before, "sources", bs);
  json_object_set_new(p->after, "sources", as);
  json_object_set_new(p->after, "targets", at);
  for (int i = 0; i < p->ntgt; i++) {
    int rc;
    if (p->tgt_new[i]) {
      p->tgt[i].valid_from = p->date;
      p->tgt[i].valid_to = NULL;
      if ((rc = unit_insert(p->db, p->a, &p->tgt[i]))) return rc;
      p->res->units_created++;
    }
    if ((rc = insert_act_unit(p, p->tgt[i].id, "target", p->tgt_new[i]))) return rc;
    json_t *j = unit_json(&p->tgt[i]);
    json_object_set_new(j, "created", json_boolean(p->tgt_new[i]));
    json_array_append_new(at, j);
  }
  for (int i = 0; i < p->nsrc; i++) {
    json_array_append_new(bs, unit_json(&p->src[i]));
    DbStmt *st = db_prepare(p->db, "UPDATE units SET valid_to = ? WHERE id = ?");
    if (!st) return CB_EDB;
    db_bind_text(st, 1, p->prev);
    db_bind_int(st, 2, p->src[i].id);
    int rc = db_run(st);
    if (!rc) rc = insert_act_unit(p, p->src[i].id, "source", false);
    if (rc) return rc;
    p->src[i].valid_to = p->prev;
    json_array_append_new(as, unit_json(&p->src[i]));
    p->res->units_ended++;
  }
  return 0;
}

typedef struct {
  long long id, cadre_id, title_id;
  const char *end_date;
  int concurrent;
} PosRow;

/* Positions of unit `src` active on D - 1 and continuing after it. */
static int load_positions(Plan *p, long long src, PosRow **out, int *n) {
  DbStmt *st = db_prepare(p->db, "SELECT id, cadre_id, title_id, end_date, concurrent FROM positions "
                                 "WHERE unit_id = ? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?) ORDER BY id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, src);
  db_bind_text(st, 2, p->prev);
  db_bind_text(st, 3, p->date);
  int cap = 16, k = 0, rc;
  PosRow *v = arena_alloc(p->a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (k == cap) {
      PosRow *w = arena_alloc(p->a, sizeof *v * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)k);
      v = w, cap *= 2;
    }
    v[k++] = (PosRow){db_int(st, 0), db_int(st, 1), db_int(st, 2), arena_strdup(p->a, db_text(st, 3)),
                      (int)db_int(st, 4)};
  }
  db_finalize(st);
  *out = v;
  *n = k;
  return rc < 0 ? rc : 0;
}

static int move_position(Plan *p, const PosRow *r, long long from, long long to, json_t *ended, json_t *created) {
  DbStmt *st = db_prepare(p->db, "INSERT INTO position_records(cadre_id, unit_id, title_id, start_date, end_date, decision_no, "
                                 "concurrent) VALUES(?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, r->cadre_id);
  db_bind_int(st, 2, to);
  db_bind_int(st, 3, r->title_id);
  db_bind_text(st, 4, p->date);
  db_bind_text(st, 5, r->end_date); /* a planned end after D carries over */
  db_bind_text(st, 6, has(p->decision_no) ? p->decision_no : NULL);
  db_bind_int(st, 7, r->concurrent);
  int rc = db_run(st);
  if (rc) return rc;
  long long new_id = db_last_id(p->db);
  st = db_prepare(p->db, "UPDATE position_records SET end_date = ? WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, p->prev);
  db_bind_int(st, 2, r->id);
  if ((rc = db_run(st)) || (rc = record_move(p, "position", r->id, new_id, from, to))) return rc;
  Editor ed = reorg_editor(p);
  const char *why = reorg_reason(p);
  if ((rc = history_add(p->db, &ed, r->cadre_id, "position", r->id, "update", "end_date", r->end_date, p->prev, NULL,
                        why)) ||
      (rc = history_add(p->db, &ed, r->cadre_id, "position", new_id, "create", NULL, NULL,
                        post_words(p, r->title_id, to, p->date), p->date, why)))
    return rc;
  json_array_append_new(ended, json_pack("{s:I, s:s?}", "id", (json_int_t)r->id, "end_date", r->end_date));
  json_array_append_new(created, json_integer(new_id));
  p->res->positions_moved++;
  return 0;
}

static int write_positions(Plan *p) {
  json_t *ended = json_array(), *created = json_array();
  json_object_set_new(p->before, "positions", ended);
  json_object_set_new(p->after, "positions", created);
  for (int i = 0; i < p->nsrc; i++) {
    PosRow *rows;
    int n, rc = load_positions(p, p->src[i].id, &rows, &n);
    if (rc) return rc;
    for (int k = 0; k < n; k++) {
      int t = target_of(p->cadre_map, p->ncadre_map, rows[k].cadre_id);
      if (t < 0) return CB_EINVAL; /* validated before: cannot happen */
      if ((rc = move_position(p, &rows[k], p->src[i].id, p->tgt[t].id, ended, created))) return rc;
    }
  }
  return 0;
}

/* Cadres whose own unit is a source follow to the target. */
static int write_cadres(Plan *p) {
  json_t *moved = json_array();
  json_object_set_new(p->after, "cadres", moved);
  for (int i = 0; i < p->nsrc; i++) {
    DbStmt *st = db_prepare(p->db, "SELECT id, code FROM cadres WHERE unit_id = ? ORDER BY id");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, p->src[i].id);
    int cap = 16, k = 0, rc;
    long long *ids = arena_alloc(p->a, sizeof *ids * (size_t)cap);
    while ((rc = db_step(st)) == DB_ROW) {
      if (k == cap) {
        long long *w = arena_alloc(p->a, sizeof *ids * (size_t)cap * 2);
        memcpy(w, ids, sizeof *ids * (size_t)k);
        ids = w, cap *= 2;
      }
      ids[k++] = db_int(st, 0);
      json_array_append_new(moved, json_string(db_text(st, 1)));
    }
    db_finalize(st);
    if (rc < 0) return rc;
    for (int c = 0; c < k; c++) {
      int t = target_of(p->cadre_map, p->ncadre_map, ids[c]);
      if (t < 0) return CB_EINVAL;
      st = db_prepare(p->db, "UPDATE cadre_records SET unit_id = ?, version = version + 1, updated_at = now_utc() "
                             "WHERE id = ?");
      if (!st) return CB_EDB;
      db_bind_int(st, 1, p->tgt[t].id);
      db_bind_int(st, 2, ids[c]);
      if ((rc = db_run(st)) || (rc = record_move(p, "cadre", ids[c], 0, p->src[i].id, p->tgt[t].id))) return rc;
      Editor ed = reorg_editor(p);
      if ((rc = history_add(p->db, &ed, ids[c], "cadre", ids[c], "update", "unit_code", unit_code_of(p, p->src[i].id),
                            unit_code_of(p, p->tgt[t].id), p->date, reorg_reason(p))))
        return rc;
      p->res->cadres_moved++;
    }
  }
  return 0;
}

/* Current pool members of a source (latest act 'add', term not ended before D's year). */
typedef struct {
  long long id, cadre_id, title_id;
  const char *term;
} PoolRow;

static int load_pool(Plan *p, long long src, PoolRow **out, int *n) {
  DbStmt *st = db_prepare(p->db,
                          "SELECT pl.id, pl.cadre_id, pl.title_id, pl.term FROM planning pl "
                          "WHERE pl.unit_id = ?1 AND pl.action = 'add' "
                          "AND (length(pl.term) < 9 OR CAST(substr(pl.term, 6, 4) AS INTEGER) >= ?2) "
                          "AND NOT EXISTS (SELECT 1 FROM planning q WHERE q.unit_id = pl.unit_id AND q.term = pl.term "
                          "AND q.title_id = pl.title_id AND q.cadre_id = pl.cadre_id "
                          "AND (q.date > pl.date OR (q.date = pl.date AND q.id > pl.id))) ORDER BY pl.id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, src);
  db_bind_int(st, 2, p->d.y);
  int cap = 16, k = 0, rc;
  PoolRow *v = arena_alloc(p->a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (k == cap) {
      PoolRow *w = arena_alloc(p->a, sizeof *v * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)k);
      v = w, cap *= 2;
    }
    v[k++] = (PoolRow){db_int(st, 0), db_int(st, 1), db_int(st, 2), arena_strdup(p->a, db_text(st, 3))};
  }
  db_finalize(st);
  *out = v;
  *n = k;
  return rc < 0 ? rc : 0;
}

/* True when the cadre's latest act in the pool (term, unit, title) is 'add'. */
static int in_pool(Plan *p, const PoolRow *r, long long unit_id, bool *yes) {
  DbStmt *st = db_prepare(p->db, DB_ONE_PLAN "SELECT action FROM planning WHERE term = ? AND unit_id = ? AND title_id = ? "
                                 "AND cadre_id = ? ORDER BY date DESC, id DESC LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, r->term);
  db_bind_int(st, 2, unit_id);
  db_bind_int(st, 3, r->title_id);
  db_bind_int(st, 4, r->cadre_id);
  int rc = db_step(st);
  *yes = rc == DB_ROW && strcmp(db_text(st, 0), "add") == 0;
  db_finalize(st);
  return rc < 0 ? rc : 0;
}

static int insert_pool_act(Plan *p, const PoolRow *r, long long unit_id, const char *action, const char *date,
                           const char *reason, long long *id) {
  DbStmt *st = db_prepare(p->db, "INSERT INTO planning(term, unit_id, title_id, cadre_id, action, date, decision_no, "
                                 "reason, created_by) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, r->term);
  db_bind_int(st, 2, unit_id);
  db_bind_int(st, 3, r->title_id);
  db_bind_int(st, 4, r->cadre_id);
  db_bind_text(st, 5, action);
  db_bind_text(st, 6, date);
  db_bind_text(st, 7, has(p->decision_no) ? p->decision_no : NULL);
  db_bind_text(st, 8, reason);
  db_bind_text(st, 9, p->actor);
  int rc = db_run(st);
  *id = rc ? 0 : db_last_id(p->db);
  return rc;
}

static const char *pool_reason(Plan *p) {
  const char *what = strcmp(p->kind, "merge") == 0 ? "Sáp nhập đơn vị" : "Chia tách đơn vị";
  if (has(p->decision_no)) return arena_printf(p->a, "%s theo quyết định %s", what, p->decision_no);
  return arena_printf(p->a, "%s (hiệu lực từ %s)", what, vn(p, p->date));
}

static int write_planning(Plan *p) {
  json_t *removed = json_array(), *added = json_array();
  json_object_set_new(p->after, "planning_removed", removed);
  json_object_set_new(p->after, "planning_added", added);
  const char *reason = pool_reason(p);
  for (int i = 0; i < p->nsrc; i++) {
    PoolRow *rows;
    int n, rc = load_pool(p, p->src[i].id, &rows, &n);
    if (rc) return rc;
    for (int k = 0; k < n; k++) {
      int t = target_of(p->cadre_map, p->ncadre_map, rows[k].cadre_id);
      if (t < 0) return CB_EINVAL;
      long long rm, add = 0;
      bool already;
      if ((rc = insert_pool_act(p, &rows[k], p->src[i].id, "remove", p->prev, reason, &rm))) return rc;
      if ((rc = in_pool(p, &rows[k], p->tgt[t].id, &already))) return rc;
      if (!already && (rc = insert_pool_act(p, &rows[k], p->tgt[t].id, "add", p->date, reason, &add))) return rc;
      if ((rc = record_move(p, "planning", rm, add, p->src[i].id, p->tgt[t].id))) return rc;
      json_array_append_new(removed, json_integer(rm));
      if (add) json_array_append_new(added, json_integer(add));
      p->res->planning_moved++;
    }
  }
  return 0;
}

/* Move one child subtree under `to`: parent_id and every path below it. */
static int move_child(Plan *p, const Unit *child, const Unit *to, json_t *before, json_t *after) {
  const char *new_path = arena_printf(p->a, "%s%lld/", to->path, child->id);
  DbStmt *st = db_prepare(p->db, "UPDATE units SET parent_id = ? WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, to->id);
  db_bind_int(st, 2, child->id);
  int rc = db_run(st);
  if (rc) return rc;
  st = db_prepare(p->db, "UPDATE units SET path = ?1 || substr(path, length(?2) + 1) WHERE substr(path, 1, length(?2)) = ?2");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, new_path);
  db_bind_text(st, 2, child->path);
  if ((rc = db_run(st)) || (rc = record_move(p, "unit", child->id, 0, child->parent_id, to->id))) return rc;
  json_array_append_new(before, json_pack("{s:s, s:s?, s:s}", "code", child->code, "parent_code", child->parent_code,
                                          "path", child->path));
  json_array_append_new(after, json_pack("{s:s, s:s, s:s}", "code", child->code, "parent_code", to->code, "path", new_path));
  p->res->children_moved++;
  return 0;
}

/* Children of source `src` existing on D (the ones that ended before stay, for history). */
static int load_children(Plan *p, const Unit *src, Unit **out, int *n) {
  DbStmt *st = db_prepare(p->db, "SELECT code FROM units WHERE parent_id = ? AND (valid_to IS NULL OR valid_to = '' "
                                 "OR valid_to >= ?) ORDER BY id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, src->id);
  db_bind_text(st, 2, p->date);
  int cap = 8, k = 0, rc;
  const char **codes = arena_alloc(p->a, sizeof *codes * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (k == cap) {
      const char **w = arena_alloc(p->a, sizeof *codes * (size_t)cap * 2);
      memcpy(w, codes, sizeof *codes * (size_t)k);
      codes = w, cap *= 2;
    }
    codes[k++] = arena_strdup(p->a, db_text(st, 0));
  }
  db_finalize(st);
  if (rc < 0) return rc;
  Unit *v = arena_alloc(p->a, sizeof *v * (size_t)(k ? k : 1));
  for (int i = 0; i < k; i++)
    if ((rc = unit_find(p->db, p->a, scope_all(), codes[i], &v[i]))) return rc;
  *out = v;
  *n = k;
  return 0;
}

static int write_children(Plan *p) {
  json_t *before = json_array(), *after = json_array();
  json_object_set_new(p->before, "children", before);
  json_object_set_new(p->after, "children", after);
  for (int i = 0; i < p->nsrc; i++) {
    Unit *kids;
    int n, rc = load_children(p, &p->src[i], &kids, &n);
    if (rc) return rc;
    for (int k = 0; k < n; k++) {
      int t = target_of(p->child_map, p->nchild_map, kids[k].id);
      if (t < 0) return CB_EINVAL;
      /* Targets lie outside the sources (checked), so their paths are still current here. */
      if ((rc = move_child(p, &kids[k], &p->tgt[t], before, after))) return rc;
    }
  }
  return 0;
}

/* Merge only: users scoped to a source now see the target (docs/DECISIONS.md). */
static int write_users(Plan *p) {
  json_t *moved = json_array();
  json_object_set_new(p->after, "users", moved);
  if (strcmp(p->kind, "merge") != 0) return 0;
  for (int i = 0; i < p->nsrc; i++) {
    DbStmt *st = db_prepare(p->db, "SELECT id, username FROM users WHERE unit_id = ? ORDER BY id");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, p->src[i].id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
      json_array_append_new(moved, json_string(db_text(st, 1)));
      p->res->users_moved++;
    }
    db_finalize(st);
    if (rc < 0) return rc;
    st = db_prepare(p->db, "UPDATE users SET unit_id = ? WHERE unit_id = ?");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, p->tgt[0].id);
    db_bind_int(st, 2, p->src[i].id);
    if ((rc = db_run(st))) return rc;
  }
  return 0;
}

static int write_audit(Plan *p) {
  json_object_set_new(p->after, "act", json_pack("{s:I, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)p->act_id, "kind",
                                                  p->kind, "effective_date", p->date, "decision_no",
                                                  has(p->decision_no) ? p->decision_no : NULL, "note",
                                                  has(p->note) ? p->note : NULL));
  char *b = json_dumps(p->before, JSON_COMPACT), *af = json_dumps(p->after, JSON_COMPACT);
  const char *key = strcmp(p->kind, "merge") == 0 ? p->tgt[0].code : p->src[0].code;
  int rc = b && af ? audit_log(p->db, p->actor, p->kind, "unit", key, b, af) : CB_EDB;
  free(b);
  free(af);
  return rc;
}

/* Validate the sources and the absence of future positions, then write everything in one transaction. */
static int run(Plan *p) {
  for (int i = 0; i < p->nsrc; i++) {
    int rc = check_source(p, &p->src[i]);
    if (rc) return rc;
  }
  int rc = check_no_future_positions(p);
  if (rc) return rc;
  if ((rc = db_begin(p->db))) return rc;
  p->before = json_object();
  p->after = json_object();
  if (!(rc = insert_act(p)) && !(rc = write_units(p)) && !(rc = write_positions(p)) && !(rc = write_cadres(p)) &&
      !(rc = write_planning(p)) && !(rc = write_children(p)) && !(rc = write_users(p)) && !(rc = write_audit(p)))
    rc = db_commit(p->db);
  json_decref(p->before);
  json_decref(p->after);
  if (rc) {
    db_rollback(p->db);
    memset(p->res, 0, sizeof *p->res);
    if (rc == CB_EEXIST) return fail(p, rc, "Mã đơn vị đã có.");
    return fail(p, rc == CB_EINVAL ? rc : CB_EDB, "Không ghi được việc sắp xếp đơn vị (lỗi cơ sở dữ liệu).");
  }
  p->res->act_id = p->act_id;
  return 0;
}

static void plan_init(Plan *p, Db *db, Arena *a, const char *kind, ReorgResult *out) {
  memset(p, 0, sizeof *p);
  memset(out, 0, sizeof *out);
  p->db = db, p->a = a, p->kind = kind, p->res = out;
}

int reorg_merge(Db *db, Arena *a, const ReorgMerge *req, ReorgResult *out) {
  Plan p;
  plan_init(&p, db, a, "merge", out);
  p.decision_no = req->decision_no, p.note = req->note, p.scope = req->scope;
  p.actor = has(req->actor) ? req->actor : audit_cli_actor();
  int rc = set_dates(&p, req->date);
  if (rc) return rc;
  if (req->nsources < 1) return fail(&p, CB_EINVAL, "Cần ít nhất một đơn vị bị sáp nhập.");
  if (!has(req->into)) return fail(&p, CB_EINVAL, "Thiếu mã đơn vị nhận (--into).");
  p.src = arena_alloc(a, sizeof(Unit) * (size_t)req->nsources);
  for (int i = 0; i < req->nsources; i++) {
    if ((rc = find_unit(&p, req->sources[i], &p.src[i]))) return rc;
    for (int j = 0; j < i; j++)
      if (p.src[j].id == p.src[i].id) return fail(&p, CB_EINVAL, "Đơn vị %s được nêu hai lần.", p.src[i].code);
    p.nsrc++;
  }
  p.tgt = arena_alloc(a, sizeof(Unit));
  p.tgt_new = arena_alloc(a, sizeof(bool));
  p.ntgt = 1;
  if (req->new_unit) {
    p.tgt[0] = *req->new_unit;
    p.tgt[0].code = req->into;
    if (!has(p.tgt[0].level)) p.tgt[0].level = p.src[0].level;
    if (!has(p.tgt[0].parent_code)) p.tgt[0].parent_code = p.src[0].parent_code;
    for (int i = 0; i < p.nsrc; i++)
      if (strcmp(p.src[i].code, req->into) == 0)
        return fail(&p, CB_EINVAL, "Không thể sáp nhập đơn vị %s vào chính nó.", req->into);
    if ((rc = check_new_target(&p, &p.tgt[0]))) return rc;
    p.tgt_new[0] = true;
  } else {
    if ((rc = find_unit(&p, req->into, &p.tgt[0])) || (rc = check_existing_target(&p, &p.tgt[0]))) return rc;
  }
  return run(&p);
}

/* ---------- split ---------- */

/* Resolve the targets named by the assignments: the new units first, then existing units. */
static int split_targets(Plan *p, const ReorgSplit *req) {
  int cap = req->nnew + req->ncadres + req->nchildren + 1;
  p->tgt = arena_alloc(p->a, sizeof(Unit) * (size_t)cap);
  p->tgt_new = arena_alloc(p->a, sizeof(bool) * (size_t)cap);
  int rc;
  for (int i = 0; i < req->nnew; i++) {
    Unit u = req->new_units[i];
    if (!has(u.parent_code)) u.parent_code = p->src[0].parent_code;
    if (has(u.code) && target_index(p, u.code) >= 0) return fail(p, CB_EINVAL, "Đơn vị mới %s được nêu hai lần.", u.code);
    if ((rc = check_new_target(p, &u))) return rc;
    p->tgt[p->ntgt] = u;
    p->tgt_new[p->ntgt++] = true;
  }
  const ReorgAssign *lists[2] = {req->cadres, req->children};
  int counts[2] = {req->ncadres, req->nchildren};
  for (int l = 0; l < 2; l++)
    for (int i = 0; i < counts[l]; i++) {
      const char *code = lists[l][i].unit_code;
      if (!has(code)) return fail(p, CB_EINVAL, "Dòng phân công cho %s thiếu mã đơn vị nhận.", lists[l][i].code);
      if (target_index(p, code) >= 0) continue;
      Unit u;
      if ((rc = find_unit(p, code, &u))) return rc;
      if (u.id == p->src[0].id) return fail(p, CB_EINVAL, "Không thể chia tách đơn vị %s vào chính nó.", code);
      if ((rc = check_existing_target(p, &u))) return rc;
      p->tgt[p->ntgt] = u;
      p->tgt_new[p->ntgt++] = false;
    }
  if (p->ntgt == 0) return fail(p, CB_EINVAL, "Chia tách cần ít nhất một đơn vị nhận.");
  return 0;
}

/* Cadre assignments -> Map by cadre id; every affected cadre must be assigned. */
static int split_cadres(Plan *p, const ReorgSplit *req) {
  p->cadre_map = arena_alloc(p->a, sizeof(Map) * (size_t)(req->ncadres + 1));
  for (int i = 0; i < req->ncadres; i++) {
    DbStmt *st = db_prepare(p->db, "SELECT id FROM cadres WHERE code = ?");
    if (!st) return CB_EDB;
    db_bind_text(st, 1, req->cadres[i].code);
    long long id = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
    db_finalize(st);
    if (!id) return fail(p, CB_ENOTFOUND, "Không tìm thấy cán bộ \"%s\".", req->cadres[i].code);
    p->cadre_map[p->ncadre_map++] = (Map){id, target_index(p, req->cadres[i].unit_code), req->cadres[i].code};
  }
  cb_qsort(p->cadre_map, (size_t)p->ncadre_map, sizeof(Map), cmp_map);
  for (int k = 1; k < p->ncadre_map; k++)
    if (p->cadre_map[k].id == p->cadre_map[k - 1].id)
      return fail(p, CB_EINVAL, "Cán bộ %s được phân công hai lần.", p->cadre_map[k].code);
  DbStmt *st = db_prepare(p->db, "SELECT c.id, c.code FROM cadres c WHERE c.unit_id = ?1 OR EXISTS (SELECT 1 FROM "
                                 "positions s WHERE s.cadre_id = c.id AND s.unit_id = ?1 AND s.start_date <= ?2 "
                                 "AND (s.end_date IS NULL OR s.end_date >= ?3)) ORDER BY c.id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, p->src[0].id);
  db_bind_text(st, 2, p->prev);
  db_bind_text(st, 3, p->date);
  int rc;
  const char *missing = NULL;
  while (!missing && (rc = db_step(st)) == DB_ROW)
    if (target_of(p->cadre_map, p->ncadre_map, db_int(st, 0)) < 0) missing = arena_strdup(p->a, db_text(st, 1));
  db_finalize(st);
  if (missing) return fail(p, CB_EINVAL, "Cán bộ %s của đơn vị %s chưa được phân công về đơn vị nào.", missing, p->src[0].code);
  return rc < 0 ? rc : 0;
}

static int split_children(Plan *p, const ReorgSplit *req) {
  p->child_map = arena_alloc(p->a, sizeof(Map) * (size_t)(req->nchildren + 1));
  for (int i = 0; i < req->nchildren; i++) {
    Unit u;
    int rc = find_unit(p, req->children[i].code, &u);
    if (rc) return rc;
    if (u.parent_id != p->src[0].id)
      return fail(p, CB_EINVAL, "Đơn vị %s không trực thuộc đơn vị %s.", u.code, p->src[0].code);
    p->child_map[p->nchild_map++] = (Map){u.id, target_index(p, req->children[i].unit_code), u.code};
  }
  cb_qsort(p->child_map, (size_t)p->nchild_map, sizeof(Map), cmp_map);
  Unit *kids;
  int n, rc = load_children(p, &p->src[0], &kids, &n);
  if (rc) return rc;
  for (int k = 0; k < n; k++)
    if (target_of(p->child_map, p->nchild_map, kids[k].id) < 0)
      return fail(p, CB_EINVAL, "Đơn vị trực thuộc %s chưa được phân công về đơn vị nào.", kids[k].code);
  return 0;
}

int reorg_split(Db *db, Arena *a, const ReorgSplit *req, ReorgResult *out) {
  Plan p;
  plan_init(&p, db, a, "split", out);
  p.decision_no = req->decision_no, p.note = req->note, p.scope = req->scope;
  p.actor = has(req->actor) ? req->actor : audit_cli_actor();
  int rc = set_dates(&p, req->date);
  if (rc) return rc;
  if (!has(req->source)) return fail(&p, CB_EINVAL, "Thiếu mã đơn vị bị chia tách.");
  p.src = arena_alloc(a, sizeof(Unit));
  if ((rc = find_unit(&p, req->source, &p.src[0]))) return rc;
  p.nsrc = 1;
  if ((rc = split_targets(&p, req)) || (rc = split_cadres(&p, req)) || (rc = split_children(&p, req))) return rc;
  return run(&p);
}

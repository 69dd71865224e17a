/* Adding, correcting, ending and voiding posts; the move of a main post (see position_edit.h). */
#include "domain/position_edit.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre_fields.h"
#include "domain/title.h"
#include "domain/unit.h"

typedef struct {
  const char *name, *label;
  CadreFieldKind kind;
  int flags, maxlen;
} Spec;

static const Spec SPECS[] = {
    {"unit_code", "Đơn vị", CF_UNIT, CF_REQUIRED, 64},  {"title_code", "Chức danh", CF_CODE, CF_REQUIRED, 64},
    {"start_date", "Từ ngày", CF_DATE, CF_REQUIRED, 0}, {"end_date", "Đến ngày", CF_DATE, 0, 0},
    {"decision_no", "Số quyết định", CF_TEXT, 0, 100},  {"concurrent", "Kiêm nhiệm", CF_TEXT, 0, 5},
};
enum { NSPECS = (int)(sizeof SPECS / sizeof SPECS[0]) };

static const Spec *spec(const char *name) {
  for (int i = 0; name && i < NSPECS; i++)
    if (strcmp(SPECS[i].name, name) == 0) return &SPECS[i];
  return NULL;
}

const char *position_field_text_check(Arena *a, const char *name, const char *in, const char **out) {
  const Spec *s = spec(name);
  *out = in;
  return s && s->kind == CF_TEXT ? field_value_check(a, s->label, s->kind, s->flags, s->maxlen, 0, 0, in, out) : NULL;
}

/* A post as stored (codes and ISO dates), plus its record keeping. */
typedef struct {
  long long id, cadre_id, unit_id, title_id, version;
  const char *v[NSPECS]; /* in SPECS order; concurrent "0"/"1" */
  const char *cadre_code;
} Post;

static int idx(const char *name) { return (int)(spec(name) - SPECS); }

/* Check v[0..n) into p->v; unknown fields and bad values into e. */
static void check_into(Arena *a, const FieldValue *v, int n, Post *p, FieldErrors *e, bool *given) {
  for (int i = 0; i < n; i++) {
    const Spec *s = spec(v[i].field);
    if (!s) {
      field_errors_add(e, v[i].field ? v[i].field : "?", "Không có trường \"%s\" của chức vụ.", v[i].field ? v[i].field : "");
      continue;
    }
    int k = (int)(s - SPECS);
    given[k] = true;
    if (strcmp(s->name, "concurrent") == 0) {
      const char *x = v[i].value ? v[i].value : "";
      if (!*x || !strcmp(x, "0") || !strcmp(x, "false") || !strcmp(x, "off")) p->v[k] = "0";
      else if (!strcmp(x, "1") || !strcmp(x, "true") || !strcmp(x, "on")) p->v[k] = "1";
      else field_errors_add(e, s->name, "Kiêm nhiệm: \"%s\" không hợp lệ (0 hoặc 1).", x);
      continue;
    }
    const char *out;
    const char *msg = field_value_check(a, s->label, s->kind, s->flags, s->maxlen, 0, 0, v[i].value, &out);
    if (msg) field_errors_add(e, s->name, "%s", msg);
    else p->v[k] = out;
  }
}

/* Resolve unit (scope: CB_ENOTFOUND) and title (e); the dates' order (e). */
static int resolve(Db *db, Arena *a, const Editor *ed, Post *p, FieldErrors *e) {
  const char *start = p->v[idx("start_date")], *end = p->v[idx("end_date")];
  for (int i = 0; i < NSPECS; i++)
    if ((SPECS[i].flags & CF_REQUIRED) && !p->v[i] && !field_errors_get(e, SPECS[i].name))
      field_errors_add(e, SPECS[i].name, "%s: bắt buộc nhập.", SPECS[i].label);
  if (start && end && strcmp(end, start) < 0) field_errors_add(e, "end_date", "Đến ngày: trước ngày bắt đầu.");
  const char *tcode = p->v[idx("title_code")];
  if (tcode && !field_errors_get(e, "title_code")) {
    Title t;
    int rc = title_find(db, a, tcode, &t);
    if (rc == CB_ENOTFOUND) field_errors_add(e, "title_code", "Chức danh: không có chức danh mã \"%s\".", tcode);
    else if (rc) return rc;
    else p->title_id = t.id;
  }
  if (e->n) return CB_EINVAL;
  Unit u;
  int rc = unit_find(db, a, scope_from_legacy(ed->scope), p->v[idx("unit_code")], &u);
  if (rc) return rc;
  p->unit_id = u.id;
  return 0;
}

/* "Phó Chủ tịch UBND phường Ka Long, từ 01/07/2025 (kiêm nhiệm)" -- a post as people read it, for the history. */
static const char *describe(Db *db, Arena *a, const Post *p) {
  char b1[16], b2[16];
  const char *title = p->v[idx("title_code")], *unit = p->v[idx("unit_code")], *level = NULL;
  DbStmt *st = db_prepare(db, "SELECT t.name, u.name, u.level FROM titles t, units u WHERE t.id = ? AND u.id = ?");
  if (st) {
    db_bind_int(st, 1, p->title_id);
    db_bind_int(st, 2, p->unit_id);
    if (db_step(st) == DB_ROW)
      title = arena_strdup(a, db_text(st, 0)), unit = arena_strdup(a, db_text(st, 1)), level = arena_strdup(a, db_text(st, 2));
    db_finalize(st);
  }
  const char *end = p->v[idx("end_date")];
  return arena_printf(a, "%s, từ %s%s%s%s", title_display(a, title, unit, level),
                      date_iso_to_vn(p->v[idx("start_date")], b1), end ? " đến " : "", end ? date_iso_to_vn(end, b2) : "",
                      strcmp(p->v[idx("concurrent")] ? p->v[idx("concurrent")] : "0", "1") == 0 ? " (kiêm nhiệm)" : "");
}

static const char *post_json(Arena *a, const Post *p) {
  json_t *j = json_object();
  for (int i = 0; i < NSPECS; i++) json_object_set_new(j, SPECS[i].name, p->v[i] ? json_string(p->v[i]) : json_null());
  char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(j);
  const char *out = arena_strdup(a, s);
  free(s);
  return out;
}

static int insert_post(Db *db, Post *p) {
  DbStmt *st = db_prepare(db, "INSERT INTO position_records(cadre_id, unit_id, title_id, start_date, end_date, "
                              "decision_no, concurrent) VALUES(?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, p->cadre_id);
  db_bind_int(st, 2, p->unit_id);
  db_bind_int(st, 3, p->title_id);
  db_bind_text(st, 4, p->v[idx("start_date")]);
  db_bind_text(st, 5, p->v[idx("end_date")]);
  db_bind_text(st, 6, p->v[idx("decision_no")]);
  db_bind_int(st, 7, p->v[idx("concurrent")] && strcmp(p->v[idx("concurrent")], "1") == 0);
  int rc = db_run(st);
  if (!rc) p->id = db_last_id(db);
  return rc;
}

int position_end_in_tx(Db *db, const Editor *ed, long long cadre_id, long long post_id, const char *old_end,
                       const char *end_on, const char *reason) {
  DbStmt *st = db_prepare(db, "UPDATE position_records SET end_date = ?, version = version + 1 WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, end_on);
  db_bind_int(st, 2, post_id);
  int rc = db_run(st);
  return rc ? rc : history_add(db, ed, cadre_id, "position", post_id, "update", "end_date", old_end, end_on, NULL, reason);
}

int position_set_decision_in_tx(Db *db, const Editor *ed, long long cadre_id, long long post_id, const char *old_no,
                                const char *decision_no, const char *reason) {
  if (!decision_no || !*decision_no || (old_no && strcmp(old_no, decision_no) == 0)) return 0;
  DbStmt *st = db_prepare(db, "UPDATE position_records SET decision_no = ?, version = version + 1 WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, decision_no);
  db_bind_int(st, 2, post_id);
  int rc = db_run(st);
  return rc ? rc
            : history_add(db, ed, cadre_id, "position", post_id, "update", "decision_no", old_no, decision_no, NULL,
                          reason);
}

/*
** End the current main posts of cadre_id (other than keep_id) on end_on, with history rows.
** A post starting after end_on cannot be ended then: CB_EINVAL.
*/
static int end_main_posts(Db *db, Arena *a, const Editor *ed, long long cadre_id, long long keep_id,
                          const char *end_on, const char *reason) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT p.id, p.start_date FROM positions p WHERE p.cadre_id = ? AND p.concurrent = 0 "
                              "AND p.end_date IS NULL AND p.id <> ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_int(st, 2, keep_id);
  long long ids[64];
  int n = 0, rc;
  bool later = false;
  while ((rc = db_step(st)) == DB_ROW && n < 64) {
    if (strcmp(db_text(st, 1), end_on) > 0) later = true;
    ids[n++] = db_int(st, 0);
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  if (later) return CB_EINVAL;
  for (int i = 0; i < n; i++)
    if ((rc = position_end_in_tx(db, ed, cadre_id, ids[i], NULL, end_on, reason)) != 0) return rc;
  (void)a;
  return 0;
}

static const char *unit_code_of(Db *db, Arena *a, long long unit_id) {
  Unit u;
  return unit_find_id(db, a, unit_id, &u) == 0 ? u.code : NULL;
}

static const char *title_code_of(Db *db, Arena *a, long long title_id) {
  DbStmt *st = db_prepare(db, "SELECT code FROM titles WHERE id = ?");
  if (!st) return "?";
  db_bind_int(st, 1, title_id);
  const char *code = db_step(st) == DB_ROW ? arena_strdup(a, db_text(st, 0)) : "?";
  db_finalize(st);
  return code;
}

static const char *day_before(Arena *a, const char *iso) {
  Date d;
  char buf[16];
  if (date_parse(iso, &d, DATE_FULL) != 0) return iso;
  return arena_strdup(a, date_iso(date_add_days(d, -1), buf));
}

int position_move_main_in_tx(Db *db, Arena *a, const Editor *ed, long long cadre_id, long long unit_id,
                             long long title_id, const char *date, const char *end_on, const char *decision_no,
                             const char *reason, long long *new_id) {
  *new_id = 0;
  int rc = end_main_posts(db, a, ed, cadre_id, 0, end_on, reason);
  if (rc) return rc;
  if (title_id > 0) {
    Post p = {.cadre_id = cadre_id, .unit_id = unit_id, .title_id = title_id};
    p.v[idx("start_date")] = date;
    p.v[idx("decision_no")] = decision_no && *decision_no ? decision_no : NULL;
    p.v[idx("concurrent")] = "0";
    if ((rc = insert_post(db, &p)) != 0) return rc;
    *new_id = p.id;
    p.v[idx("unit_code")] = unit_code_of(db, a, unit_id);
    p.v[idx("title_code")] = title_code_of(db, a, title_id);
    if ((rc = history_add(db, ed, cadre_id, "position", p.id, "create", NULL, NULL, describe(db, a, &p), date, reason)) != 0)
      return rc;
  }
  return cadre_set_dated_in_tx(db, a, ed, cadre_id, "unit_code", unit_code_of(db, a, unit_id), date, reason);
}


/* The open main posts of cadre_id in unit_id: ids, start dates and names as people read them, every one (*ids,
   *starts, *names in `a`). n or CB_EDB. */
static int open_main_posts_in(Db *db, Arena *a, long long cadre_id, long long unit_id, long long **ids_out,
                              const char ***starts_out, const char ***names_out) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT p.id, p.start_date, t.name, u.name, u.level FROM positions p "
                              "JOIN titles t ON t.id = p.title_id JOIN units u ON u.id = p.unit_id WHERE p.cadre_id = ? "
                              "AND p.unit_id = ? AND p.concurrent = 0 AND p.end_date IS NULL ORDER BY p.start_date, p.id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_int(st, 2, unit_id);
  int n = 0, cap = 8, rc;
  long long *ids = arena_alloc(a, sizeof *ids * (size_t)cap);
  const char **starts = arena_alloc(a, sizeof *starts * (size_t)cap), **names = arena_alloc(a, sizeof *names * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (n == cap) { /* an import may have left a cadre several open main posts: every one follows */
      long long *i2 = arena_alloc(a, sizeof *ids * (size_t)cap * 2);
      const char **s2 = arena_alloc(a, sizeof *starts * (size_t)cap * 2), **n2 = arena_alloc(a, sizeof *names * (size_t)cap * 2);
      memcpy(i2, ids, sizeof *ids * (size_t)n), memcpy(s2, starts, sizeof *starts * (size_t)n);
      memcpy(n2, names, sizeof *names * (size_t)n);
      ids = i2, starts = s2, names = n2, cap *= 2;
    }
    ids[n] = db_int(st, 0);
    starts[n] = arena_strdup(a, db_text(st, 1));
    names[n++] = title_display(a, db_text(st, 2), db_text(st, 3), db_text(st, 4));
  }
  db_finalize(st);
  *ids_out = ids, *starts_out = starts, *names_out = names;
  return rc < 0 ? CB_EDB : n;
}

int position_follow_unit_in_tx(Db *db, Arena *a, const Editor *ed, long long cadre_id, long long old_unit,
                               long long new_unit, const char *from, const char *reason, FieldErrors *e) {
  long long *ids;
  const char **starts, **names;
  int n = open_main_posts_in(db, a, cadre_id, old_unit, &ids, &starts, &names);
  if (n < 0) return n;
  const char *end_on = from ? day_before(a, from) : NULL;
  for (int i = 0; from && i < n; i++)
    if (strcmp(starts[i], end_on) > 0) {
      char b1[16], b2[16];
      field_errors_add(e, "effective_date",
                       "Ngày hiệu lực: %s trước ngày bắt đầu (%s) của chức vụ «%s» ở đơn vị cũ, nên chức vụ đó không "
                       "kết thúc được trước ngày hiệu lực. Nếu đơn vị đã nhập sai từ đầu, hãy đánh dấu «Sửa nhầm khi "
                       "nhập»; nếu không, hãy sửa ngày hiệu lực hoặc sửa chức vụ đó trước.",
                       date_iso_to_vn(from, b2), date_iso_to_vn(starts[i], b1), names[i]);
      return CB_EINVAL;
    }
  const char *old_code = unit_code_of(db, a, old_unit), *new_code = unit_code_of(db, a, new_unit);
  for (int i = 0; i < n; i++) {
    int rc;
    if (from) rc = position_end_in_tx(db, ed, cadre_id, ids[i], NULL, end_on, reason);
    else {
      DbStmt *st = db_prepare(db, "UPDATE position_records SET unit_id = ?, version = version + 1 WHERE id = ?");
      if (!st) return CB_EDB;
      db_bind_int(st, 1, new_unit);
      db_bind_int(st, 2, ids[i]);
      rc = db_run(st);
      if (!rc)
        rc = history_add(db, ed, cadre_id, "position", ids[i], "update", "unit_code", old_code, new_code, NULL, reason);
    }
    if (rc) return rc;
  }
  return 0;
}

int position_add(Db *db, Arena *a, const Editor *ed, const char *cadre_code, const FieldValue *v, int n,
                 FieldErrors *e, long long *id) {
  Cadre c;
  int rc = cadre_find(db, a, scope_from_legacy(ed->scope), cadre_code, &c);
  if (rc) return rc;
  Post p = {.cadre_id = c.id};
  bool given[NSPECS] = {0};
  check_into(a, v, n, &p, e, given);
  if (!p.v[idx("concurrent")]) p.v[idx("concurrent")] = "0";
  if ((rc = resolve(db, a, ed, &p, e)) != 0) return rc;
  bool current_main = !p.v[idx("end_date")] && strcmp(p.v[idx("concurrent")], "0") == 0;
  if ((rc = db_begin(db)) != 0) return rc;
  const char *start = p.v[idx("start_date")];
  const char *reason = "Ghi chức vụ mới";
  if (current_main) {
    rc = end_main_posts(db, a, ed, c.id, 0, day_before(a, start), reason);
    if (rc == CB_EINVAL)
      field_errors_add(e, "start_date", "Từ ngày: cán bộ đang giữ một chức vụ chính bắt đầu từ ngày này hoặc muộn "
                                        "hơn; hãy nhập ngày kết thúc cho chức vụ cũ trước.");
  }
  if (!rc) rc = insert_post(db, &p);
  if (!rc) rc = history_add(db, ed, c.id, "position", p.id, "create", NULL, NULL, describe(db, a, &p), NULL, NULL);
  if (!rc && current_main)
    rc = cadre_set_dated_in_tx(db, a, ed, c.id, "unit_code", p.v[idx("unit_code")], start, reason);
  if (!rc) rc = audit_log(db, ed->actor, "create", "position", arena_printf(a, "%lld", p.id), NULL, post_json(a, &p));
  if (!rc) rc = db_commit(db);
  if (rc) {
    db_rollback(db);
    return rc;
  }
  *id = p.id;
  return 0;
}

/* Load post id with its codes; the cadre must lie in scope. */
/* The post `id` (live; or, `voided`, a voided one) whose live cadre lies in `scope`. */
static int load_post_as(Db *db, Arena *a, long long id, const char *scope, bool voided, Post *p) {
  DbStmt *st = db_prepare(db, "SELECT p.id, p.cadre_id, p.unit_id, p.title_id, p.version, u.code, t.code, p.start_date, "
                              "p.end_date, p.decision_no, p.concurrent, cu.path, c.code FROM position_records p "
                              "JOIN cadres c ON c.id = p.cadre_id JOIN units cu ON cu.id = c.unit_id "
                              "JOIN units u ON u.id = p.unit_id JOIN titles t ON t.id = p.title_id "
                              "WHERE p.id = ?1 AND (CASE WHEN p.voided_at IS NULL THEN 0 ELSE 1 END) = ?2");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  db_bind_int(st, 2, voided);
  int rc = db_step(st);
  bool ok = rc == DB_ROW && unit_path_in_scope(db_text(st, 11), scope);
  if (ok) {
    memset(p, 0, sizeof *p);
    p->id = db_int(st, 0), p->cadre_id = db_int(st, 1), p->unit_id = db_int(st, 2), p->title_id = db_int(st, 3);
    p->version = db_int(st, 4);
    for (int i = 0; i < 5; i++) p->v[i] = arena_strdup(a, db_text(st, 5 + i));
    p->v[idx("concurrent")] = db_int(st, 10) ? "1" : "0";
    p->cadre_code = arena_strdup(a, db_text(st, 12));
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : ok ? 0 : CB_ENOTFOUND;
}

static int load_post(Db *db, Arena *a, long long id, const char *scope, Post *p) {
  return load_post_as(db, a, id, scope, false, p);
}

int position_get(Db *db, Arena *a, Scope scope, long long id, Position *out, long long *version) {
  Post p;
  int rc = load_post(db, a, id, scope_legacy(scope), &p);
  if (rc) return rc;
  memset(out, 0, sizeof *out);
  out->id = p.id;
  out->cadre_code = p.cadre_code;
  out->unit_code = p.v[idx("unit_code")], out->title_code = p.v[idx("title_code")];
  out->start_date = p.v[idx("start_date")], out->end_date = p.v[idx("end_date")];
  out->decision_no = p.v[idx("decision_no")];
  out->concurrent = strcmp(p.v[idx("concurrent")], "1") == 0;
  if (version) *version = p.version;
  return 0;
}

static bool same(const char *x, const char *y) { return strcmp(x ? x : "", y ? y : "") == 0; }

int position_patch(Db *db, Arena *a, const Editor *ed, long long id, const FieldValue *set, int n, const char *reason,
                   long long version, FieldErrors *e) {
  Post old, p;
  int rc = load_post(db, a, id, ed->scope, &old);
  if (rc) return rc;
  p = old;
  bool given[NSPECS] = {0};
  check_into(a, set, n, &p, e, given);
  if (!reason || !*reason) field_errors_add(e, "reason", "Lý do: bắt buộc nhập.");
  else if (strlen(reason) > 1500) field_errors_add(e, "reason", "Lý do: tối đa 500 ký tự.");
  if ((rc = resolve(db, a, ed, &p, e)) != 0) return rc;
  if (version > 0 && version != old.version) return CB_ECONFLICT;
  if ((rc = db_begin(db)) != 0) return rc;
  Post now;
  if ((rc = load_post(db, a, id, ed->scope, &now)) != 0 || (version > 0 && version != now.version)) {
    db_rollback(db);
    return rc ? rc : CB_ECONFLICT;
  }
  DbStmt *st = db_prepare(db, "UPDATE position_records SET unit_id = ?, title_id = ?, start_date = ?, end_date = ?, "
                              "decision_no = ?, concurrent = ?, version = version + 1 WHERE id = ?");
  if (!st) rc = CB_EDB;
  if (!rc) {
    db_bind_int(st, 1, p.unit_id);
    db_bind_int(st, 2, p.title_id);
    db_bind_text(st, 3, p.v[idx("start_date")]);
    db_bind_text(st, 4, p.v[idx("end_date")]);
    db_bind_text(st, 5, p.v[idx("decision_no")]);
    db_bind_int(st, 6, strcmp(p.v[idx("concurrent")], "1") == 0);
    db_bind_int(st, 7, id);
    rc = db_run(st);
  }
  int changes = 0;
  for (int i = 0; !rc && i < NSPECS; i++) {
    if (same(now.v[i], p.v[i])) continue;
    changes++;
    rc = history_add(db, ed, now.cadre_id, "position", id, "update", SPECS[i].name, now.v[i], p.v[i], NULL, reason);
  }
  /* The current main post moved to another unit: so does the cadre, from the post's start. */
  bool current_main = !p.v[idx("end_date")] && strcmp(p.v[idx("concurrent")], "0") == 0;
  if (!rc && current_main && p.unit_id != now.unit_id)
    rc = cadre_set_dated_in_tx(db, a, ed, now.cadre_id, "unit_code", p.v[idx("unit_code")], p.v[idx("start_date")],
                               reason);
  if (!rc && changes)
    rc = audit_log(db, ed->actor, "update", "position", arena_printf(a, "%lld", id), post_json(a, &now),
                   post_json(a, &p));
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int position_void(Db *db, Arena *a, const Editor *ed, long long id, const char *reason, FieldErrors *e) {
  Post p;
  int rc = load_post(db, a, id, ed->scope, &p);
  if (rc) return rc;
  if (!reason || !*reason) {
    field_errors_add(e, "reason", "Lý do: bắt buộc nhập.");
    return CB_EINVAL;
  }
  if ((rc = db_begin(db)) != 0) return rc;
  rc = record_set_void(db, "position_records", id, ed->actor, reason);
  if (!rc) rc = history_add(db, ed, p.cadre_id, "position", id, "void", NULL, describe(db, a, &p), NULL, NULL, reason);
  if (!rc) rc = audit_log(db, ed->actor, "void", "position", arena_printf(a, "%lld", id), post_json(a, &p), NULL);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int position_restore(Db *db, Arena *a, const Editor *ed, long long id) {
  if (!ed->admin) return CB_EPERM;
  Post p;
  int rc = load_post_as(db, a, id, ed->scope, true, &p);
  if (rc) return rc;
  if ((rc = db_begin(db)) != 0) return rc;
  rc = record_set_void(db, "position_records", id, NULL, NULL);
  if (!rc)
    rc = history_add(db, ed, p.cadre_id, "position", id, "restore", NULL, NULL, describe(db, a, &p), NULL,
                     "Khôi phục bản ghi đã hủy");
  if (!rc) rc = audit_log(db, ed->actor, "restore", "position", arena_printf(a, "%lld", id), NULL, post_json(a, &p));
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int position_voided_of_cadre(Db *db, Arena *a, long long cadre_id, VoidedPost **out, int *n) {
  *out = NULL, *n = 0;
  DbStmt *st = db_prepare(db, "SELECT p.id, p.cadre_id, p.unit_id, p.title_id, p.version, u.code, t.code, p.start_date, "
                              "p.end_date, p.decision_no, p.concurrent, p.voided_at, p.voided_by, p.void_reason "
                              "FROM position_records p JOIN units u ON u.id = p.unit_id JOIN titles t ON t.id = p.title_id "
                              "WHERE p.cadre_id = ? AND p.voided_at IS NOT NULL ORDER BY p.voided_at DESC, p.id DESC");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  int rc, cap = 0;
  Post *posts = NULL;
  while ((rc = db_step(st)) == DB_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 8;
      VoidedPost *w = arena_alloc(a, sizeof *w * (size_t)cap);
      Post *q = arena_alloc(a, sizeof *q * (size_t)cap);
      if (*n) memcpy(w, *out, sizeof *w * (size_t)*n), memcpy(q, posts, sizeof *q * (size_t)*n);
      *out = w, posts = q;
    }
    Post *p = &posts[*n];
    memset(p, 0, sizeof *p);
    p->id = db_int(st, 0), p->cadre_id = db_int(st, 1), p->unit_id = db_int(st, 2), p->title_id = db_int(st, 3);
    p->version = db_int(st, 4);
    for (int i = 0; i < 5; i++) p->v[i] = arena_strdup(a, db_text(st, 5 + i));
    p->v[idx("concurrent")] = db_int(st, 10) ? "1" : "0";
    (*out)[(*n)++] = (VoidedPost){p->id, NULL, arena_strdup(a, db_text(st, 11)), arena_strdup(a, db_text(st, 12)),
                                  arena_strdup(a, db_text(st, 13))};
  }
  db_finalize(st);
  /* described once the statement is done (describe asks the names) */
  for (int i = 0; rc == DB_DONE && i < *n; i++) (*out)[i].summary = describe(db, a, &posts[i]);
  return rc < 0 ? CB_EDB : 0;
}

/* Creating, correcting, voiding and restoring a cadre's record (see cadre_edit.h). */
#include "domain/cadre_edit.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/vi.h"
#include "domain/cadre_dated.h"
#include "domain/cadre_fields.h"
#include "domain/position_edit.h"
#include "domain/unit.h"

/* The reason of a change: trimmed, required, at most 500 characters. NULL when bad (e filled). */
static const char *check_reason(Arena *a, const char *reason, FieldErrors *e) {
  const char *r = reason ? vi_nfc(a, reason) : NULL;
  r = r ? vi_squeeze(a, r) : NULL;
  if (!r || !*r) {
    field_errors_add(e, "reason", "Lý do: bắt buộc nhập (ví dụ: theo Quyết định số …, sửa nhầm khi nhập).");
    return NULL;
  }
  if (strlen(r) > 1500) {
    field_errors_add(e, "reason", "Lý do: tối đa 500 ký tự.");
    return NULL;
  }
  return r;
}

const char *cadre_effective_date(Arena *a, const char *typed, char iso[11]) {
  Date d = date_today();
  if (typed && *typed) {
    char why[128];
    const char *p = date_problem(typed, DATE_FULL, &d, why, sizeof why);
    if (p) return arena_printf(a, "Ngày hiệu lực: %s.", p);
    Date t = date_today();
    if (date_cmp(d, t) > 0)
      return arena_printf(a, "Ngày hiệu lực: %s là ngày trong tương lai; chỉ ghi thay đổi đã có hiệu lực "
                             "(hôm nay là %02d/%02d/%04d).", typed, t.d, t.m, t.y);
  }
  date_iso(d, iso);
  return NULL;
}

/* A JSON text of the fields of c named in v[0..n) (arena). */
static const char *fields_json(Arena *a, const Cadre *c, const char *const *names, int n) {
  json_t *j = json_object();
  for (int i = 0; i < n; i++) {
    const CadreField *f = cadre_field(names[i]);
    const char *v = f ? cadre_field_get(c, f) : NULL;
    json_object_set_new(j, names[i], v ? json_string(v) : json_null());
  }
  char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(j);
  const char *out = arena_strdup(a, s);
  free(s);
  return out;
}

/* Check every submitted value into *c; unknown and fixed fields are errors. Sets *unit_code when given. */
static void check_values(Arena *a, const FieldValue *v, int n, bool creating, Cadre *c, FieldErrors *e,
                         const char **names, int *nnames) {
  *nnames = 0;
  for (int i = 0; i < n; i++) {
    const CadreField *f = cadre_field(v[i].field);
    if (!f) {
      field_errors_add(e, v[i].field ? v[i].field : "?", "Không có trường \"%s\" trong hồ sơ cán bộ.",
                       v[i].field ? v[i].field : "");
      continue;
    }
    if (!creating && (f->flags & CF_FIXED)) {
      field_errors_add(e, f->name, "%s: không sửa được (mã định danh của hồ sơ).", f->label);
      continue;
    }
    const char *stored;
    const char *msg = cadre_field_check(a, f, v[i].value, &stored);
    if (msg) {
      field_errors_add(e, f->name, "%s", msg);
      continue;
    }
    cadre_field_set(c, f, stored);
    names[(*nnames)++] = f->name;
  }
}

static int code_exists(Db *db, const char *code);
int cadre_code_taken(Db *db, const char *code) { return code_exists(db, code); }

static int code_exists(Db *db, const char *code) {
  DbStmt *st = db_prepare(db, "SELECT 1 FROM cadre_records WHERE code = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  db_finalize(st);
  return rc < 0 ? CB_EDB : rc == DB_ROW;
}

/* A new code "CB000123" not used by any record (voided ones included). */
static int new_code(Db *db, Arena *a, const char **code) {
  DbStmt *st = db_prepare(db, "SELECT coalesce(max(id), 0) FROM cadre_records");
  if (!st) return CB_EDB;
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
  db_finalize(st);
  for (long long k = n + 1;; k++) {
    const char *c = arena_printf(a, "CB%06lld", k);
    int rc = code_exists(db, c);
    if (rc < 0) return rc;
    if (!rc) {
      *code = c;
      return 0;
    }
  }
}

/* UPDATE one plain column (a registry name: a whitelist) of cadre id. */
static int set_column(Db *db, Arena *a, long long id, const char *column, const char *value) {
  if (!cadre_field(column) || strcmp(column, "unit_code") == 0 || strcmp(column, "code") == 0) return CB_EINVAL;
  DbStmt *st = db_prepare_trusted(db, arena_printf(a, "UPDATE cadre_records SET %s = ? WHERE id = ?", column));
  if (!st) return CB_EDB;
  db_bind_text(st, 1, value);
  db_bind_int(st, 2, id);
  return db_run(st);
}

static int bump_version(Db *db, long long id) {
  DbStmt *st = db_prepare(db, "UPDATE cadre_records SET version = version + 1, "
                              "updated_at = now_utc() WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  return db_run(st);
}

/* The unit `code` in ed's scope: 0 with *u, CB_ENOTFOUND, CB_EDB. */
static int unit_in_scope(Db *db, Arena *a, const Editor *ed, const char *code, Unit *u) {
  return unit_find(db, a, scope_from_legacy(ed->scope), code, u);
}

int cadre_create(Db *db, Arena *a, const Editor *ed, const FieldValue *v, int n, FieldErrors *e, Cadre *out) {
  Cadre c;
  memset(&c, 0, sizeof c);
  const char **names = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
  int nnames;
  check_values(a, v, n, true, &c, e, names, &nnames);
  for (int i = 0; i < CADRE_NFIELDS; i++) {
    const CadreField *f = &CADRE_FIELDS[i];
    if ((f->flags & CF_REQUIRED) && !cadre_field_get(&c, f) && !field_errors_get(e, f->name))
      field_errors_add(e, f->name, "%s: bắt buộc nhập.", f->label);
  }
  cadre_fields_check_record(&c, e);
  if (e->n) return CB_EINVAL;
  Unit u;
  int rc = unit_in_scope(db, a, ed, c.unit_code, &u);
  if (rc) return rc;
  if ((rc = db_begin(db)) != 0) return rc;
  if (c.code) {
    rc = code_exists(db, c.code);
    if (rc > 0) rc = CB_EEXIST;
  } else {
    rc = new_code(db, a, &c.code);
    names[nnames++] = "code";
  }
  if (!rc) rc = cadre_insert(db, a, &c);
  /* The fields cadre_insert does not write. */
  for (int i = 0; !rc && i < nnames; i++) {
    const CadreField *f = cadre_field(names[i]);
    if (f->section == 0 || strcmp(f->name, "unit_code") == 0 || strcmp(f->name, "full_name") == 0) continue;
    rc = set_column(db, a, c.id, f->name, cadre_field_get(&c, f));
  }
  if (!rc) rc = history_add(db, ed, c.id, "cadre", c.id, "create", NULL, NULL, c.code, NULL, NULL);
  if (!rc) rc = audit_log(db, ed->actor, "create", "cadre", c.code, NULL, fields_json(a, &c, names, nnames));
  if (!rc) rc = db_commit(db);
  if (rc) {
    db_rollback(db);
    return rc;
  }
  return cadre_find(db, a, scope_all(), c.code, out);
}

/* Apply one dated change (the caller's transaction): value on `from` (NULL: an entry error, from the day the value
   in force holds from), history row. *changed set when it did; *was and *is (may be NULL) get the value that held on
   that day and the one stored (for the unit, ids in decimal). */
static int apply_dated(Db *db, Arena *a, const Editor *ed, long long cadre_id, const CadreField *f,
                       const char *value, const char *from, const char *reason, bool *changed, const char **was,
                       const char **is) {
  const char *column = f->name, *stored = value;
  if (strcmp(f->name, "unit_code") == 0) {
    Unit u;
    int rc = unit_in_scope(db, a, ed, value, &u);
    if (rc) return rc;
    column = "unit_id";
    stored = arena_printf(a, "%lld", u.id);
  }
  int rc = from ? 0 : cadre_dated_since(db, a, cadre_id, column, &from);
  if (rc) return rc;
  const char *before;
  rc = cadre_dated_get(db, a, cadre_id, column, from, &before);
  if (rc) return rc;
  if (was) *was = before;
  if (is) *is = stored;
  *changed = !((before == NULL && stored == NULL) || (before && stored && strcmp(before, stored) == 0));
  if (!*changed) return 0;
  if ((rc = cadre_dated_set(db, a, cadre_id, column, stored, from, NULL)) != 0) return rc;
  const char *old_shown = before, *new_shown = value;
  if (strcmp(column, "unit_id") == 0 && before) { /* history shows unit codes */
    Unit ou;
    old_shown = unit_find_id(db, a, atoll(before), &ou) == 0 ? ou.code : before;
  }
  return history_add(db, ed, cadre_id, "cadre", cadre_id, "update", f->name, old_shown, new_shown, from, reason);
}

int cadre_set_dated_in_tx(Db *db, Arena *a, const Editor *ed, long long cadre_id, const char *field,
                          const char *value, const char *from, const char *reason) {
  const CadreField *f = cadre_field(field);
  if (!f || !(f->flags & CF_DATED)) return CB_EINVAL;
  bool changed = false;
  int rc = apply_dated(db, a, ed, cadre_id, f, value, from, reason, &changed, NULL, NULL);
  return !rc && changed ? bump_version(db, cadre_id) : rc;
}

int cadre_raise_level_in_tx(Db *db, Arena *a, const Editor *ed, long long cadre_id, const char *field,
                            const char *code, const char *from, const char *reason) {
  int (*rank)(const char *) = strcmp(field, "llct_level") == 0   ? cadre_llct_rank
                              : strcmp(field, "qlnn_level") == 0 ? cadre_qlnn_rank
                              : strcmp(field, "degree") == 0     ? cadre_degree_rank
                                                                 : NULL;
  if (!rank || rank(code) == 0) return CB_EINVAL;
  const char *held;
  int rc = cadre_dated_get(db, a, cadre_id, field, from, &held);
  if (rc) return rc;
  if (rank(held) < rank(code) && (rc = cadre_set_dated_in_tx(db, a, ed, cadre_id, field, code, from, reason))) return rc;
  /* a lower value dated later (a lesser course that ended after, recorded first) would hide the raise from its day:
     the level held is the highest earned so far, so those days are raised too */
  DbStmt *st = db_prepare(db, "SELECT DISTINCT valid_from FROM cadre_values WHERE cadre_id = ?1 AND field = ?2 "
                              "AND valid_from > ?3 ORDER BY valid_from");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, field);
  db_bind_text(st, 3, from);
  int n = 0, cap = 4;
  const char **later = arena_alloc(a, sizeof *later * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (n == cap) {
      const char **w = arena_alloc(a, sizeof *w * (size_t)cap * 2);
      memcpy(w, later, sizeof *w * (size_t)cap);
      later = w, cap *= 2;
    }
    later[n++] = arena_strdup(a, db_text(st, 0));
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  for (int i = 0; i < n; i++) {
    if ((rc = cadre_dated_get(db, a, cadre_id, field, later[i], &held))) return rc;
    if (rank(held) < rank(code) && (rc = cadre_set_dated_in_tx(db, a, ed, cadre_id, field, code, later[i], reason)))
      return rc;
  }
  return 0;
}

/* Strings equal, NULL and "" alike. */
static bool same(const char *x, const char *y) {
  return strcmp(x ? x : "", y ? y : "") == 0;
}

/*
** The change itself (a transaction is open): every changed field with its history row, the version and the audit
** row; dated fields from `from` (NULL: an entry error, apply_dated); a changed unit takes the current main posts in
** the old unit along (position_follow_unit_in_tx, its refusal into e). *changes gets the number of fields changed.
*/
static int apply_patch(Db *db, Arena *a, const Editor *ed, const Cadre *now, const Cadre *next, const char **names,
                       int nnames, const char *from, const char *reason, FieldErrors *e, int *changes) {
  int rc = 0;
  *changes = 0;
  const char **changed = arena_alloc(a, sizeof(char *) * (size_t)(nnames + 1));
  for (int i = 0; !rc && i < nnames; i++) {
    const CadreField *f = cadre_field(names[i]);
    const char *nv = cadre_field_get(next, f), *ov = cadre_field_get(now, f);
    if (f->flags & CF_DATED) {
      bool did = false;
      const char *was = NULL, *is = NULL;
      rc = apply_dated(db, a, ed, now->id, f, nv, from, reason, &did, &was, &is);
      if (did) changed[(*changes)++] = f->name;
      if (!rc && did && was && is && strcmp(f->name, "unit_code") == 0)
        rc = position_follow_unit_in_tx(db, a, ed, now->id, atoll(was), atoll(is), from, reason, e);
      continue;
    }
    if (same(nv, ov)) continue;
    rc = strcmp(f->name, "full_name") == 0 ? cadre_rename(db, a, now->id, now->code, nv)
                                             : set_column(db, a, now->id, f->name, nv);
    if (!rc) rc = history_add(db, ed, now->id, "cadre", now->id, "update", f->name, ov, nv, NULL, reason);
    changed[(*changes)++] = f->name;
  }
  if (!rc && *changes) {
    rc = bump_version(db, now->id);
    if (!rc) rc = audit_log(db, ed->actor, "update", "cadre", now->code, fields_json(a, now, changed, *changes),
                            fields_json(a, next, changed, *changes));
  }
  return rc;
}

/* The reason the history keeps: an entry error says so beside the officer's words (the history shows what kind of
   correction it was, not only its "từ đầu" date). */
static const char *history_reason(Arena *a, const CadrePatch *p, const char *reason) {
  if (!p->entry_error || !reason) return reason;
  const char *f = vi_fold(a, reason);
  return f && strstr(f, "nham") ? reason : arena_printf(a, "%s (sửa nhầm khi nhập)", reason);
}

/* The checks of a correction: reason, effective date, every field, the record as a whole. CB_EINVAL with e. */
static int check_patch(Arena *a, const Cadre *current, const CadrePatch *p, FieldErrors *e, Cadre *next,
                       const char ***names, int *nnames, char from[11], const char **reason) {
  *reason = check_reason(a, p->reason, e);
  const char *msg = cadre_effective_date(a, p->effective_date, from);
  if (msg) field_errors_add(e, "effective_date", "%s", msg);
  else if (p->entry_error && p->effective_date && *p->effective_date)
    field_errors_add(e, "effective_date", "Ngày hiệu lực: để trống khi sửa nhầm khi nhập (giá trị mới thay giá trị "
                                          "sai từ ngày giá trị đó có hiệu lực).");
  *next = *current;
  *names = arena_alloc(a, sizeof(char *) * (size_t)(p->nset + 1));
  check_values(a, p->set, p->nset, false, next, e, *names, nnames);
  cadre_fields_check_record(next, e);
  return e->n ? CB_EINVAL : 0;
}

int cadre_patch(Db *db, Arena *a, const Editor *ed, const char *code, const CadrePatch *p, FieldErrors *e,
                Cadre *current) {
  int rc = cadre_find(db, a, scope_from_legacy(ed->scope), code, current);
  if (rc) return rc;
  Cadre next;
  const char **names, *reason;
  int nnames, changes;
  char from[11];
  if ((rc = check_patch(a, current, p, e, &next, &names, &nnames, from, &reason)) != 0) return rc;
  if (p->version > 0 && p->version != current->version) return CB_ECONFLICT;
  if ((rc = db_begin(db)) != 0) return rc;
  /* Re-read inside the write transaction: the version check must see the last committed change. */
  Cadre now;
  if ((rc = cadre_find(db, a, scope_from_legacy(ed->scope), code, &now)) != 0 || (p->version > 0 && p->version != now.version)) {
    db_rollback(db);
    if (!rc) *current = now;
    return rc ? rc : CB_ECONFLICT;
  }
  rc = apply_patch(db, a, ed, &now, &next, names, nnames, p->entry_error ? NULL : from, history_reason(a, p, reason), e,
                   &changes);
  if (!rc) rc = db_commit(db);
  if (rc) {
    db_rollback(db);
    return rc;
  }
  return cadre_find(db, a, scope_from_legacy(ed->scope), code, current);
}

int cadre_patch_in_tx(Db *db, Arena *a, const Editor *ed, const char *code, const CadrePatch *p, FieldErrors *e,
                      int *changed) {
  *changed = 0;
  Cadre now, next;
  int rc = cadre_find(db, a, scope_from_legacy(ed->scope), code, &now);
  if (rc) return rc;
  const char **names, *reason;
  int nnames;
  char from[11];
  if ((rc = check_patch(a, &now, p, e, &next, &names, &nnames, from, &reason)) != 0) return rc;
  return apply_patch(db, a, ed, &now, &next, names, nnames, p->entry_error ? NULL : from, history_reason(a, p, reason),
                     e, changed);
}

static int void_or_restore(Db *db, Arena *a, const Editor *ed, const char *code, const char *reason_in,
                           FieldErrors *e, bool voiding) {
  Cadre c;
  int rc = cadre_find_any(db, a, scope_from_legacy(ed->scope), code, !voiding, &c);
  if (rc) return rc;
  if (!voiding && !c.voided_at) return CB_ENOTFOUND;
  if (!voiding && (!reason_in || !*reason_in)) reason_in = "Khôi phục hồ sơ";
  const char *reason = check_reason(a, reason_in, e);
  if (!reason) return CB_EINVAL;
  if ((rc = db_begin(db)) != 0) return rc;
  rc = record_set_void(db, "cadre_records", c.id, ed->actor, voiding ? reason : NULL);
  const char *action = voiding ? "void" : "restore";
  if (!rc) rc = history_add(db, ed, c.id, "cadre", c.id, action, NULL, NULL, NULL, NULL, reason);
  if (!rc) {
    json_t *j = json_pack("{s:s, s:s}", "reason", reason, "full_name", c.full_name);
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    rc = audit_log(db, ed->actor, action, "cadre", c.code, NULL, s);
    free(s);
  }
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int cadre_void(Db *db, Arena *a, const Editor *ed, const char *code, const char *reason, FieldErrors *e) {
  return void_or_restore(db, a, ed, code, reason, e, true);
}

int cadre_restore(Db *db, Arena *a, const Editor *ed, const char *code, const char *reason, FieldErrors *e) {
  if (!ed->admin) return CB_EPERM;
  return void_or_restore(db, a, ed, code, reason, e, false);
}

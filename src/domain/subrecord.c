/* One mechanism for the records that hang off a cadre (see subrecord.h). */
#include "domain/subrecord.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "core/vi.h"
#include "domain/unit.h"

int sub_field(const SubKind *k, const char *name) {
  for (int i = 0; name && i < k->nfields; i++)
    if (strcmp(k->fields[i].name, name) == 0) return i;
  return -1;
}

const char *sub_display(const SubKind *k, int i, const char *v) {
  const SubField *f = &k->fields[i];
  for (int j = 0; v && j < f->nchoices; j++)
    if (strcmp(f->choices[j][0], v) == 0) return f->choices[j][1];
  return v;
}

/* A value of a field with choices: the code, or the code whose label folds equal to v. */
static const char *choice_code(Arena *a, const SubField *f, const char *v) {
  for (int j = 0; j < f->nchoices; j++)
    if (strcmp(f->choices[j][0], v) == 0) return f->choices[j][0];
  const char *fv = vi_fold(a, v);
  for (int j = 0; fv && j < f->nchoices; j++) {
    const char *fl = vi_fold(a, f->choices[j][1]);
    if (fl && strcmp(fl, fv) == 0) return f->choices[j][0];
  }
  return NULL;
}

static const char *choices_text(Arena *a, const SubField *f) {
  Buf b = BUF_INIT;
  for (int j = 0; j < f->nchoices; j++) buf_printf(&b, "%s%s", j ? ", " : "", f->choices[j][1]);
  const char *s = arena_strdup(a, b.p ? b.p : "");
  buf_free(&b);
  return s;
}

/* Check the submitted values into r (unknown fields and bad values into e). */
static void check_values(Arena *a, const SubKind *k, const FieldValue *v, int n, SubRecord *r, FieldErrors *e) {
  for (int i = 0; i < n; i++) {
    int j = sub_field(k, v[i].field);
    if (j < 0) {
      field_errors_add(e, v[i].field ? v[i].field : "?", "Không có trường \"%s\" của %s.", v[i].field ? v[i].field : "",
                       k->label);
      continue;
    }
    const SubField *f = &k->fields[j];
    const char *out;
    const char *msg = field_value_check(a, f->label, f->kind, f->flags & ~CF_REQUIRED, f->maxlen, f->min, f->max,
                                        v[i].value, &out);
    if (!msg && out && f->nchoices) {
      const char *code = choice_code(a, f, out);
      if (!code) msg = arena_printf(a, "%s: \"%s\" không hợp lệ; chọn một trong: %s.", f->label, out, choices_text(a, f));
      out = code;
    }
    if (msg) field_errors_add(e, f->name, "%s", msg);
    else r->v[j] = out;
  }
}

static void check_required(const SubKind *k, const SubRecord *r, FieldErrors *e) {
  for (int j = 0; j < k->nfields; j++)
    if ((k->fields[j].flags & CF_REQUIRED) && !r->v[j] && !field_errors_get(e, k->fields[j].name))
      field_errors_add(e, k->fields[j].name, "%s: bắt buộc nhập.", k->fields[j].label);
}

static const char *record_json(Arena *a, const SubKind *k, const SubRecord *r) {
  json_t *j = json_object();
  for (int i = 0; i < k->nfields; i++) json_object_set_new(j, k->fields[i].name, r->v[i] ? json_string(r->v[i]) : json_null());
  char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(j);
  const char *out = arena_strdup(a, s);
  free(s);
  return out;
}

/* A family member who is a cadre, for the history: by name, as the profile declares them ("Ngô Minh Nghĩa"), not the
   internal id, and not the code (the history is read by whoever reads this file, that cadre perhaps outside their
   scope: docs/SECURITY.md). */
static const char *cadre_named(Db *db, Arena *a, const char *id) {
  DbStmt *st = db_prepare(db, "SELECT full_name FROM cadre_records WHERE id = ?");
  const char *s = "có";
  if (st) {
    db_bind_int(st, 1, atoll(id));
    if (db_step(st) == DB_ROW) s = arena_strdup(a, db_text(st, 0));
    db_finalize(st);
  }
  return s;
}

const char *sub_describe(Db *db, Arena *a, const SubKind *k, const SubRecord *r) {
  Buf b = BUF_INIT;
  for (int i = 0; i < k->nfields; i++) {
    char vn[16]; /* dates as a reader writes them, dd/mm/yyyy */
    const char *v = k->fields[i].kind == CF_DATE || k->fields[i].kind == CF_DAY ? date_iso_to_vn(r->v[i], vn)
                    : r->v[i] && strcmp(k->fields[i].name, "relative_cadre_id") == 0 ? cadre_named(db, a, r->v[i])
                                                                                   : sub_display(k, i, r->v[i]);
    if (r->v[i]) buf_printf(&b, "%s%s: %s", b.len ? "; " : "", k->fields[i].label, v);
  }
  const char *s = arena_strdup(a, b.p ? b.p : "");
  buf_free(&b);
  return s;
}

/* The record `id` of `from` (k's view, or its table with `extra` conditions) whose live cadre lies in `scope`. */
static int get_row(Db *db, Arena *a, Scope scope, const SubKind *k, const char *from, const char *extra, long long id,
                   SubRecord *out) {
  Buf sql = BUF_INIT;
  buf_puts(&sql, "SELECT x.id, x.cadre_id, x.version, u.path");
  for (int i = 0; i < k->nfields; i++) buf_printf(&sql, ", x.%s", k->fields[i].name);
  /* table, view and column names come from the descriptor's literals, `extra` from this file's */
  buf_printf(&sql, " FROM %s x JOIN cadres c ON c.id = x.cadre_id JOIN units u ON u.id = c.unit_id WHERE x.id = ?%s",
             from, extra);
  DbStmt *st = db_prepare_trusted(db, sql.p);
  buf_free(&sql);
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  bool ok = rc == DB_ROW && scope_contains(scope, db_text(st, 3));
  if (ok) {
    memset(out, 0, sizeof *out);
    out->id = db_int(st, 0), out->cadre_id = db_int(st, 1), out->version = db_int(st, 2);
    for (int i = 0; i < k->nfields; i++) out->v[i] = arena_strdup(a, db_text(st, 4 + i));
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : ok ? 0 : CB_ENOTFOUND;
}

int sub_get(Db *db, Arena *a, Scope scope, const SubKind *k, long long id, SubRecord *out) {
  return get_row(db, a, scope, k, k->view, "", id, out);
}

static int insert(Db *db, const SubKind *k, SubRecord *r) {
  Buf sql = BUF_INIT;
  buf_printf(&sql, "INSERT INTO %s(cadre_id", k->table);
  for (int i = 0; i < k->nfields; i++) buf_printf(&sql, ", %s", k->fields[i].name);
  buf_puts(&sql, ") VALUES(?");
  for (int i = 0; i < k->nfields; i++) buf_puts(&sql, ", ?");
  buf_puts(&sql, ")");
  DbStmt *st = db_prepare_trusted(db, sql.p); /* names from the descriptor's literals */
  buf_free(&sql);
  if (!st) return CB_EDB;
  db_bind_int(st, 1, r->cadre_id);
  for (int i = 0; i < k->nfields; i++) db_bind_text(st, 2 + i, r->v[i]);
  int rc = db_run(st);
  if (!rc) r->id = db_last_id(db);
  return rc;
}

static int update(Db *db, const SubKind *k, const SubRecord *r) {
  Buf sql = BUF_INIT;
  buf_printf(&sql, "UPDATE %s SET version = version + 1", k->table);
  for (int i = 0; i < k->nfields; i++) buf_printf(&sql, ", %s = ?", k->fields[i].name);
  buf_puts(&sql, " WHERE id = ?");
  DbStmt *st = db_prepare_trusted(db, sql.p); /* names from the descriptor's literals */
  buf_free(&sql);
  if (!st) return CB_EDB;
  for (int i = 0; i < k->nfields; i++) db_bind_text(st, 1 + i, r->v[i]);
  db_bind_int(st, 1 + k->nfields, r->id);
  return db_run(st);
}

const char *sub_reason_key(const SubKind *k) { return sub_field(k, "reason") >= 0 ? "edit_reason" : "reason"; }

/* The reason of a change or a void: trimmed, required, at most 500 characters; NULL when bad (e[key] says why). */
static const char *check_reason(Arena *a, const char *reason, const char *key, FieldErrors *e) {
  const char *r = reason ? vi_nfc(a, reason) : NULL;
  r = r ? vi_squeeze(a, r) : NULL;
  if (!r || !*r) field_errors_add(e, key, "Lý do: bắt buộc nhập.");
  else if (strlen(r) > 1500) field_errors_add(e, key, "Lý do: tối đa 500 ký tự.");
  else return r;
  return NULL;
}

int sub_add(Db *db, Arena *a, const Editor *ed, const SubKind *k, const char *cadre_code, const FieldValue *v, int n,
            FieldErrors *e, long long *id) {
  Cadre c;
  int rc = cadre_find(db, a, scope_from_legacy(ed->scope), cadre_code ? cadre_code : "", &c);
  if (rc) return rc;
  SubRecord r = {.cadre_id = c.id};
  check_values(a, k, v, n, &r, e);
  check_required(k, &r, e);
  if (!e->n && k->check) k->check(db, a, k, &r, e);
  if (e->n) return CB_EINVAL;
  if ((rc = db_begin(db)) != 0) return rc;
  rc = insert(db, k, &r);
  if (!rc) rc = history_add(db, ed, c.id, k->entity, r.id, "create", NULL, NULL, sub_describe(db, a, k, &r), NULL, NULL);
  if (!rc && k->after_write) rc = k->after_write(db, a, ed, k, NULL, &r);
  if (!rc) rc = audit_log(db, ed->actor, "create", k->entity, arena_printf(a, "%lld", r.id), NULL, record_json(a, k, &r));
  if (!rc) rc = db_commit(db);
  if (rc) {
    db_rollback(db);
    return rc;
  }
  *id = r.id;
  return 0;
}

static bool same(const char *x, const char *y) { return strcmp(x ? x : "", y ? y : "") == 0; }

int sub_patch(Db *db, Arena *a, const Editor *ed, const SubKind *k, long long id, const FieldValue *set, int n,
              const char *reason_in, long long version, FieldErrors *e) {
  SubRecord old, r;
  int rc = sub_get(db, a, scope_from_legacy(ed->scope), k, id, &old);
  if (rc) return rc;
  r = old;
  const char *reason = check_reason(a, reason_in, sub_reason_key(k), e);
  check_values(a, k, set, n, &r, e);
  check_required(k, &r, e);
  if (!e->n && k->check) k->check(db, a, k, &r, e);
  if (e->n) return CB_EINVAL;
  if (version > 0 && version != old.version) return CB_ECONFLICT;
  if ((rc = db_begin(db)) != 0) return rc;
  SubRecord now;
  if ((rc = sub_get(db, a, scope_from_legacy(ed->scope), k, id, &now)) != 0 || (version > 0 && version != now.version)) {
    db_rollback(db);
    return rc ? rc : CB_ECONFLICT;
  }
  int changes = 0;
  for (int i = 0; i < k->nfields; i++) changes += !same(now.v[i], r.v[i]);
  if (changes) rc = update(db, k, &r);
  for (int i = 0; !rc && i < k->nfields; i++)
    if (!same(now.v[i], r.v[i]))
      rc = history_add(db, ed, now.cadre_id, k->entity, id, "update", k->fields[i].name, now.v[i], r.v[i], NULL, reason);
  if (!rc && changes && k->after_write) rc = k->after_write(db, a, ed, k, &now, &r);
  if (!rc && changes)
    rc = audit_log(db, ed->actor, "update", k->entity, arena_printf(a, "%lld", id), record_json(a, k, &now),
                   record_json(a, k, &r));
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int sub_void(Db *db, Arena *a, const Editor *ed, const SubKind *k, long long id, const char *reason_in,
             FieldErrors *e) {
  SubRecord r;
  int rc = sub_get(db, a, scope_from_legacy(ed->scope), k, id, &r);
  if (rc) return rc;
  const char *reason = check_reason(a, reason_in, "reason", e);
  if (!reason) return CB_EINVAL;
  if ((rc = db_begin(db)) != 0) return rc;
  rc = record_set_void(db, k->table, id, ed->actor, reason);
  if (!rc) rc = history_add(db, ed, r.cadre_id, k->entity, id, "void", NULL, sub_describe(db, a, k, &r), NULL, NULL, reason);
  if (!rc && k->after_write) rc = k->after_write(db, a, ed, k, &r, NULL);
  if (!rc) rc = audit_log(db, ed->actor, "void", k->entity, arena_printf(a, "%lld", id), record_json(a, k, &r), NULL);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int sub_restore(Db *db, Arena *a, const Editor *ed, const SubKind *k, long long id) {
  if (!ed->admin) return CB_EPERM;
  SubRecord r;
  int rc = get_row(db, a, scope_from_legacy(ed->scope), k, k->table, " AND x.voided_at IS NOT NULL", id, &r);
  if (rc) return rc;
  if ((rc = db_begin(db)) != 0) return rc;
  rc = record_set_void(db, k->table, id, NULL, NULL); /* CB_EEXIST: a live record holds its unique key */
  const char *why = "Khôi phục bản ghi đã hủy";
  if (!rc) rc = history_add(db, ed, r.cadre_id, k->entity, id, "restore", NULL, NULL, sub_describe(db, a, k, &r), NULL, why);
  if (!rc && k->after_write) rc = k->after_write(db, a, ed, k, NULL, &r);
  if (!rc) rc = audit_log(db, ed->actor, "restore", k->entity, arena_printf(a, "%lld", id), NULL, record_json(a, k, &r));
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int sub_voided_of_cadre(Db *db, Arena *a, const SubKind *k, long long cadre_id, SubRecord **out, int *n) {
  *out = NULL, *n = 0;
  Buf sql = BUF_INIT;
  buf_puts(&sql, "SELECT id, cadre_id, version, voided_at, voided_by, void_reason");
  for (int i = 0; i < k->nfields; i++) buf_printf(&sql, ", %s", k->fields[i].name);
  buf_printf(&sql, " FROM %s WHERE cadre_id = ? AND voided_at IS NOT NULL ORDER BY voided_at DESC, id DESC", k->table);
  DbStmt *st = db_prepare_trusted(db, sql.p); /* the descriptor's literals */
  buf_free(&sql);
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  int rc, cap = 0;
  while ((rc = db_step(st)) == DB_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 8;
      SubRecord *w = arena_alloc(a, sizeof *w * (size_t)cap);
      if (*n) memcpy(w, *out, sizeof *w * (size_t)*n);
      *out = w;
    }
    SubRecord *x = &(*out)[(*n)++];
    memset(x, 0, sizeof *x);
    x->id = db_int(st, 0), x->cadre_id = db_int(st, 1), x->version = db_int(st, 2);
    x->voided_at = arena_strdup(a, db_text(st, 3)), x->voided_by = arena_strdup(a, db_text(st, 4));
    x->void_reason = arena_strdup(a, db_text(st, 5));
    for (int i = 0; i < k->nfields; i++) x->v[i] = arena_strdup(a, db_text(st, 6 + i));
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

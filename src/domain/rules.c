/* Rule versions and findings (see rules.h). */
#include "domain/rules.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"

static const char *const RESULT_NAMES[] = {"n/a", "pass", "warn", "fail"};
static const char *const RESULT_LABELS[] = {"Không áp dụng", "Đạt", "Cảnh báo", "Không đạt"};

const char *result_name(Result r) { return r >= RESULT_NA && r <= RESULT_FAIL ? RESULT_NAMES[r] : "n/a"; }
const char *result_label(Result r) { return r >= RESULT_NA && r <= RESULT_FAIL ? RESULT_LABELS[r] : ""; }
Result result_parse(const char *s) {
  for (int r = RESULT_PASS; s && r <= RESULT_FAIL; r++)
    if (strcmp(s, RESULT_NAMES[r]) == 0) return (Result)r;
  return RESULT_NA;
}

void findings_init(Findings *f, Arena *a) {
  memset(f, 0, sizeof *f);
  f->a = a;
}

static void push(Findings *f, const char *rule, const char *basis, const char *convention, Result r, const char *fmt,
                 va_list ap) {
  if (f->n == f->cap) {
    int cap = f->cap ? f->cap * 2 : 16;
    Finding *v = arena_alloc(f->a, sizeof(Finding) * (size_t)cap);
    if (f->n) memcpy(v, f->v, sizeof(Finding) * (size_t)f->n);
    f->v = v, f->cap = cap;
  }
  Finding *x = &f->v[f->n++];
  x->rule = arena_strdup(f->a, rule);
  x->basis = arena_strdup(f->a, basis ? basis : "");
  x->convention = convention && *convention ? arena_strdup(f->a, convention) : NULL;
  x->result = r;
  x->message = arena_vprintf(f->a, fmt, ap);
}

void findings_add(Findings *f, const RuleVersion *rv, Result r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  push(f, rv->rule, rv->basis, rv->convention, r, fmt, ap);
  va_end(ap);
}

void findings_add_cited(Findings *f, const RuleVersion *rv, const char *basis, const char *convention, Result r,
                        const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  push(f, rv->rule, basis ? basis : rv->basis, convention, r, fmt, ap);
  va_end(ap);
}

void findings_add_raw(Findings *f, const char *rule, const char *basis, Result r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  push(f, rule, basis, NULL, r, fmt, ap);
  va_end(ap);
}

Result findings_verdict(const Findings *f) {
  Result v = RESULT_PASS;
  for (int i = 0; i < f->n; i++) {
    if (f->v[i].result == RESULT_FAIL) return RESULT_FAIL;
    if (f->v[i].result == RESULT_WARN) v = RESULT_WARN;
  }
  return v;
}

json_t *findings_json(const Findings *f) {
  json_t *arr = json_array();
  for (int i = 0; i < f->n; i++)
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s?}", "rule", f->v[i].rule, "result",
                                         result_name(f->v[i].result), "message", f->v[i].message, "basis",
                                         f->v[i].basis, "convention", f->v[i].convention));
  return arr;
}

int findings_store(Db *db, const char *subject, long long subject_id, long long cadre_id, const char *act_date,
                   const Findings *f) {
  DbStmt *st = db_prepare(db, "INSERT INTO findings(subject, subject_id, cadre_id, act_date, rule, result, message, basis, "
                              "convention) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  int rc = 0;
  for (int i = 0; i < f->n && rc == 0; i++) {
    db_bind_text(st, 1, subject);
    db_bind_int(st, 2, subject_id);
    if (cadre_id > 0) db_bind_int(st, 3, cadre_id);
    else db_bind_null(st, 3);
    db_bind_text(st, 4, act_date);
    db_bind_text(st, 5, f->v[i].rule);
    db_bind_text(st, 6, result_name(f->v[i].result));
    db_bind_text(st, 7, f->v[i].message);
    db_bind_text(st, 8, f->v[i].basis);
    db_bind_text(st, 9, f->v[i].convention);
    rc = db_step(st) < 0 ? CB_EDB : 0;
    db_reset(st);
  }
  db_finalize(st);
  return rc;
}

/* findings_load_many for ids[0..n) (n <= FINDINGS_CHUNK), their findings into out[0..n). */
static int findings_chunk(Db *db, Arena *a, const char *subject, const long long *ids, int n, Findings *out) {
  DbStmt *st = db_prepare_in(db, a, DB_ONE_PLAN "SELECT subject_id, rule, result, message, basis, convention FROM findings WHERE "
                                    "subject = ?1 AND subject_id IN (%s) ORDER BY subject_id, id",
                             2, ids, n);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, subject);
  int rc, at = 0;
  while ((rc = db_step(st)) == DB_ROW) {
    long long id = db_int(st, 0);
    if (ids[at] != id) /* rows come by subject: find the next one's place */
      for (at = 0; at < n - 1 && ids[at] != id; at++) {
      }
    Findings *f = &out[at];
    findings_add_raw(f, db_text(st, 1), db_text(st, 4), result_parse(db_text(st, 2)), "%s", db_text(st, 3));
    const char *conv = db_text(st, 5);
    f->v[f->n - 1].convention = conv && *conv ? arena_strdup(a, conv) : NULL;
  }
  db_finalize(st);
  return rc < 0 ? rc : 0;
}

#define FINDINGS_CHUNK 500 /* ids per statement (PostgreSQL takes up to 1,024 parameters: core/db.h) */

int findings_load_many(Db *db, Arena *a, const char *subject, const long long *ids, int n, Findings *out) {
  for (int i = 0; i < n; i++) findings_init(&out[i], a);
  for (int i = 0; i < n; i += FINDINGS_CHUNK) {
    int rc = findings_chunk(db, a, subject, ids + i, n - i < FINDINGS_CHUNK ? n - i : FINDINGS_CHUNK, out + i);
    if (rc) return rc;
  }
  return 0;
}

int findings_load(Db *db, Arena *a, const char *subject, long long subject_id, Findings *out) {
  return findings_load_many(db, a, subject, &subject_id, 1, out);
}

#define RV_COLS "id, rule, title, params, basis, effective_from, effective_to, confidence, note, enabled, convention"

static void read_rv(DbStmt *st, Arena *a, RuleVersion *rv) {
  rv->id = db_int(st, 0);
  const char **f[] = {&rv->rule, &rv->title, &rv->params, &rv->basis, &rv->effective_from, &rv->effective_to,
                      &rv->confidence, &rv->note};
  for (int i = 0; i < 8; i++) *f[i] = arena_strdup(a, db_text(st, 1 + i));
  if (!rv->basis) rv->basis = "";
  rv->enabled = db_int(st, 9) != 0;
  const char *conv = db_text(st, 10);
  rv->convention = conv && *conv ? arena_strdup(a, conv) : NULL;
}

/* The enabled rule versions as memoized (db_memo): ~150 rows, asked ten times per pool member by the reviews. */
typedef struct {
  RuleVersion *v;
  int n;
} RuleMemo;

static int rule_memo_load(Db *db, Arena *a, void **value) {
  RuleMemo *m = arena_alloc(a, sizeof *m);
  *value = m;
  m->n = 0;
  int cap = 256, rc;
  m->v = arena_alloc(a, sizeof(RuleVersion) * (size_t)cap);
  DbStmt *st = db_prepare(db, "SELECT " RV_COLS " FROM rule_versions WHERE enabled = 1 ORDER BY id");
  if (!st) return CB_EDB;
  while ((rc = db_step(st)) == DB_ROW) {
    if (m->n == cap) {
      RuleVersion *w = arena_alloc(a, sizeof(RuleVersion) * (size_t)cap * 2);
      memcpy(w, m->v, sizeof(RuleVersion) * (size_t)m->n);
      m->v = w, cap *= 2;
    }
    read_rv(st, a, &m->v[m->n++]);
  }
  db_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

/* The version of `rule` in force on `date` among the memo's: the latest effective_from, ties to the lowest id. */
static int in_force_memo(const RuleMemo *m, const char *rule, const char *date, RuleVersion *out) {
  const RuleVersion *best = NULL;
  for (int i = 0; i < m->n; i++) {
    const RuleVersion *r = &m->v[i];
    if (!r->rule || !r->effective_from || strcmp(r->rule, rule) != 0 || strcmp(r->effective_from, date) > 0) continue;
    if (r->effective_to && strcmp(date, r->effective_to) > 0) continue;
    if (!best || strcmp(r->effective_from, best->effective_from) > 0) best = r;
  }
  if (!best) return CB_ENOTFOUND;
  *out = *best; /* its strings are the memo's (db_memo: readable for the request) */
  return 0;
}

int rules_in_force(Db *db, Arena *a, const char *rule, const char *date, RuleVersion *out) {
  RuleMemo *m;
  int mrc = db_memo(db, DB_MEMO_RULES, rule_memo_load, (void **)&m);
  if (mrc == 0 && m) return in_force_memo(m, rule ? rule : "", date ? date : "", out);
  DbStmt *st = db_prepare(db, "SELECT " RV_COLS " FROM rule_versions WHERE rule = ? AND enabled = 1 AND "
                              "effective_from <= ? AND (effective_to IS NULL OR ? <= effective_to) "
                              "ORDER BY effective_from DESC LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, rule);
  db_bind_text(st, 2, date);
  db_bind_text(st, 3, date);
  int rc = db_step(st);
  if (rc == DB_ROW) read_rv(st, a, out);
  db_finalize(st);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : CB_ENOTFOUND;
}

bool rules_get(Db *db, Findings *f, const char *rule, const char *date, RuleVersion *out) {
  if (rules_in_force(db, f->a, rule, date, out) == 0) return true;
  char vn[16];
  findings_add_raw(f, rule, "", RESULT_NA, "Không có phiên bản quy định %s có hiệu lực vào ngày %s.", rule,
                   date_iso_to_vn(date, vn));
  return false;
}

/* The params value at key (borrowed from a parsed object the caller frees), or NULL. */
static json_t *param(const RuleVersion *rv, const char *key, json_t **root) {
  *root = rv && rv->params ? json_loads(rv->params, 0, NULL) : NULL;
  return *root ? json_object_get(*root, key) : NULL;
}

long rule_param_int(const RuleVersion *rv, const char *key, long def) {
  json_t *root, *v = param(rv, key, &root);
  double d = json_is_number(v) ? json_number_value(v) : (double)def;
  json_decref(root);
  if (!(d >= -RULE_PARAM_MAX)) return -RULE_PARAM_MAX; /* NaN too */
  return d > RULE_PARAM_MAX ? RULE_PARAM_MAX : (long)d;
}

double rule_param_num(const RuleVersion *rv, const char *key, double def) {
  json_t *root, *v = param(rv, key, &root);
  double r = json_is_number(v) ? json_number_value(v) : def;
  json_decref(root);
  return r;
}

bool rule_param_bool(const RuleVersion *rv, const char *key, bool def) {
  json_t *root, *v = param(rv, key, &root);
  bool r = json_is_boolean(v) ? json_is_true(v) : def;
  json_decref(root);
  return r;
}

const char *rule_param_str(const RuleVersion *rv, Arena *a, const char *key, const char *def) {
  json_t *root, *v = param(rv, key, &root);
  const char *r = json_is_string(v) ? arena_strdup(a, json_string_value(v)) : def;
  json_decref(root);
  return r;
}

bool rule_param_list_has(const RuleVersion *rv, const char *key, const char *value) {
  json_t *root, *v = param(rv, key, &root);
  bool found = false;
  size_t i;
  json_t *x;
  if (json_is_array(v))
    json_array_foreach(v, i, x) if (json_is_string(x) && strcmp(json_string_value(x), value) == 0) found = true;
  json_decref(root);
  return found;
}

/*
** The order of the rule list: by family ("RET-", up to and with the first dash), then by the number after
** it (PLAN-4 before PLAN-10), then by id and by effective date. In C, the same on both engines.
*/
static int rv_order(const void *pa, const void *pb) {
  const RuleVersion *x = pa, *y = pb;
  const char *dx = strchr(x->rule, '-'), *dy = strchr(y->rule, '-');
  size_t px = dx ? (size_t)(dx - x->rule) + 1 : 0, py = dy ? (size_t)(dy - y->rule) + 1 : 0;
  int c = memcmp(x->rule, y->rule, px < py ? px : py);
  if (c == 0 && px != py) c = px < py ? -1 : 1;
  if (c) return c;
  long long nx = atoll(x->rule + px), ny = atoll(y->rule + py);
  if (nx != ny) return nx < ny ? -1 : 1;
  if ((c = strcmp(x->rule, y->rule)) != 0) return c;
  return strcmp(x->effective_from ? x->effective_from : "", y->effective_from ? y->effective_from : "");
}

int rules_list(Db *db, Arena *a, RuleVersion **out, int *n) {
  DbStmt *st = db_prepare(db, "SELECT " RV_COLS " FROM rule_versions");
  if (!st) return CB_EDB;
  int cap = 64, cnt = 0, rc;
  RuleVersion *v = arena_alloc(a, sizeof(RuleVersion) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      RuleVersion *w = arena_alloc(a, sizeof(RuleVersion) * (size_t)cap * 2);
      memcpy(w, v, sizeof(RuleVersion) * (size_t)cnt);
      v = w, cap *= 2;
    }
    read_rv(st, a, &v[cnt++]);
  }
  db_finalize(st);
  cb_qsort(v, (size_t)cnt, sizeof *v, rv_order);
  *out = v;
  *n = cnt;
  return rc < 0 ? rc : 0;
}

int rules_find(Db *db, Arena *a, long long id, RuleVersion *out) {
  DbStmt *st = db_prepare(db, "SELECT " RV_COLS " FROM rule_versions WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  if (rc == DB_ROW) read_rv(st, a, out);
  db_finalize(st);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : CB_ENOTFOUND;
}

int rules_history(Db *db, Arena *a, const char *rule, int limit, RuleChange **out, int *n) {
  /* 'rule_version' written out so that the planner may use the partial index audit_rule_versions */
  DbStmt *st = db_prepare(db, "SELECT a.at, a.actor, a.action, v.id, v.effective_from, a.before, a.after "
                              "FROM rule_versions v JOIN audit a ON a.entity = 'rule_version' "
                              "AND a.entity_key = CAST(v.id AS TEXT) WHERE v.rule = ?1 ORDER BY a.id DESC LIMIT ?2");
  *out = NULL;
  *n = 0;
  if (!st) return CB_EDB;
  db_bind_text(st, 1, rule);
  db_bind_int(st, 2, limit);
  int cap = 8, rc;
  RuleChange *v = arena_alloc(a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (*n == cap) {
      RuleChange *w = arena_alloc(a, sizeof *w * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)cap);
      v = w, cap *= 2;
    }
    RuleChange *c = &v[(*n)++];
    c->at = arena_strdup(a, db_text(st, 0));
    c->actor = arena_strdup(a, db_text(st, 1));
    c->action = arena_strdup(a, db_text(st, 2));
    c->version_id = db_int(st, 3);
    c->effective_from = arena_strdup(a, db_text(st, 4));
    c->before = db_isnull(st, 5) ? NULL : arena_strdup(a, db_text(st, 5));
    c->after = db_isnull(st, 6) ? NULL : arena_strdup(a, db_text(st, 6));
  }
  db_finalize(st);
  *out = v;
  return rc < 0 ? CB_EDB : 0;
}

/* JSON text of a version, for the audit row (malloc'd). */
static char *rv_json(const RuleVersion *rv) {
  json_t *params = json_loads(rv->params ? rv->params : "{}", 0, NULL);
  json_t *j = json_pack("{s:I, s:s, s:o, s:s, s:s?, s:b, s:s?, s:s?, s:s?, s:s?}", "id", (json_int_t)rv->id, "rule",
                        rv->rule, "params", params ? params : json_object(), "effective_from", rv->effective_from,
                        "effective_to", rv->effective_to, "enabled", rv->enabled, "note", rv->note, "basis", rv->basis,
                        "convention", rv->convention, "confidence", rv->confidence);
  char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
  json_decref(j);
  return s;
}

enum { PARAM_TEXT_MAX = 2000, PARAM_ITEMS_MAX = 100 };

/* The Vietnamese name of v's JSON type as rule_params_fit expects it (an integer where `integer`). */
static const char *type_name(const json_t *v, bool integer) {
  if (json_is_object(v)) return "một nhóm tham số";
  if (json_is_array(v)) return "một danh sách";
  if (json_is_string(v)) return "một chuỗi";
  if (json_is_boolean(v)) return "true hoặc false";
  return integer ? "một số nguyên" : "một số";
}

/* Whether value v may stand for shape s (rule_params_fit's rules); when not, why names `path`. */
static bool value_fits(const json_t *v, const json_t *s, const char *path, char *why);

const char *const *rule_param_values(const char *key) {
  static const char *const RESULT3[] = {"pass", "warn", "fail", NULL}, *const RESULT2[] = {"warn", "fail", NULL},
                           *const OF[] = {"present", "summoned", NULL}, *const TIE[] = {"head_decides", "fail", NULL};
  static const struct {
    const char *key;
    const char *const *v;
  } K[] = {{"commune_result", RESULT3}, {"probationary_planning", RESULT2}, {"confidence_of", OF}, {"tie", TIE}};
  for (size_t i = 0; key && i < sizeof K / sizeof K[0]; i++)
    if (strcmp(key, K[i].key) == 0) return K[i].v;
  return NULL;
}

const char *rule_param_problem(const char *key, const json_t *v, const json_t *parent) {
  const char *const *values = rule_param_values(key);
  if (values && json_is_string(v)) {
    for (int i = 0; values[i]; i++)
      if (strcmp(json_string_value(v), values[i]) == 0) return NULL;
    return "chọn một giá trị trong danh sách";
  }
  if (!json_is_number(v)) return NULL;
  double d = json_number_value(v);
  if (strstr(key, "_pct") && (d < 0 || d > 100)) return "phải từ 0 đến 100";
  if (strcmp(key, "quorum_den") == 0 && d < 1) return "phải từ 1 trở lên";
  if (strcmp(key, "quorum_den") == 0 && !json_object_get(parent, "quorum_num"))
    return "cần có cùng tử số (quorum_num): tỷ lệ có mặt gồm cả hai";
  if (strcmp(key, "quorum_num") == 0) {
    const json_t *den = json_object_get(parent, "quorum_den");
    if (!den) return "cần có cùng mẫu số (quorum_den): tỷ lệ có mặt gồm cả hai";
    if (d < 0) return "không được âm";
    if (json_is_number(den) && d > json_number_value(den)) return "không được lớn hơn mẫu số (tỷ lệ có mặt tối đa là 1)";
  }
  return NULL;
}

/* Whether each key of object v is one of object s and fits it; `path` prefixes the keys in why. A key of s that v
   leaves out is read at the code's default, as before this check. */
static bool object_fits(const json_t *v, const json_t *s, const char *path, char *why) {
  const char *key;
  json_t *x;
  json_object_foreach((json_t *)v, key, x) {
    char sub[96];
    snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", key);
    if (!json_object_get(s, key)) {
      Buf known = BUF_INIT;
      const char *k;
      json_t *y;
      json_object_foreach((json_t *)s, k, y) buf_printf(&known, "%s%s", known.len ? ", " : "", k);
      snprintf(why, RULE_WHY_SIZE, "Tham số \"%s\" không có trong quy định này (%s%s).", sub,
               known.len ? "có: " : "quy định này không có tham số", known.len ? known.p : "");
      buf_free(&known);
      return false;
    }
    if (!value_fits(x, json_object_get(s, key), sub, why)) return false;
    const char *bad = rule_param_problem(key, x, v);
    if (bad) {
      snprintf(why, RULE_WHY_SIZE, "Tham số \"%s\": %s.", sub, bad);
      return false;
    }
  }
  return true;
}

/* A number within +-RULE_PARAM_MAX, a string up to PARAM_TEXT_MAX bytes; anything else passes here. */
static bool bounded(const json_t *v, const char *path, char *why) {
  double d = json_is_number(v) ? json_number_value(v) : 0;
  if (!isfinite(d) || fabs(d) > RULE_PARAM_MAX) {
    snprintf(why, RULE_WHY_SIZE, "Tham số \"%s\" phải nằm trong khoảng -%d đến %d.", path, RULE_PARAM_MAX, RULE_PARAM_MAX);
    return false;
  }
  if (json_is_string(v) && strlen(json_string_value(v)) > PARAM_TEXT_MAX) {
    snprintf(why, RULE_WHY_SIZE, "Tham số \"%s\" dài quá %d byte.", path, PARAM_TEXT_MAX);
    return false;
  }
  return true;
}

/* Whether the items of array v fit `item` (NULL: strings or numbers). */
static bool items_fit(const json_t *v, const json_t *item, const char *path, char *why) {
  if (json_array_size(v) > PARAM_ITEMS_MAX) {
    snprintf(why, RULE_WHY_SIZE, "Tham số \"%s\" có quá %d mục.", path, PARAM_ITEMS_MAX);
    return false;
  }
  size_t i;
  json_t *x;
  json_array_foreach((json_t *)v, i, x) {
    char sub[112];
    snprintf(sub, sizeof sub, "%s[%zu]", path, i + 1);
    if (item && !value_fits(x, item, sub, why)) return false;
    if (!item && !json_is_string(x) && !json_is_number(x)) {
      snprintf(why, RULE_WHY_SIZE, "Tham số \"%s\" phải là một chuỗi hoặc một số.", sub);
      return false;
    }
    if (!item && !bounded(x, sub, why)) return false;
  }
  return true;
}

static bool value_fits(const json_t *v, const json_t *s, const char *path, char *why) {
  bool integer = json_is_integer(s);
  bool same = json_is_number(s) ? (integer ? json_is_integer(v) : json_is_number(v))
              : json_is_boolean(s) ? json_is_boolean(v)
                                   : json_typeof(v) == json_typeof(s);
  if (!same) {
    snprintf(why, RULE_WHY_SIZE, "Tham số \"%s\" phải là %s.", path, type_name(s, integer));
    return false;
  }
  if (json_is_object(v)) return object_fits(v, s, path, why);
  if (json_is_array(v)) return items_fit(v, json_array_get(s, 0), path, why);
  return bounded(v, path, why);
}

/* Merge the keys of object from into object into (nested objects key by key; a key's first value wins). */
static void shape_merge(json_t *into, const json_t *from) {
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)from, key, v) {
    json_t *have = json_object_get(into, key);
    if (!have) json_object_set(into, key, v);
    else if (json_is_object(have) && json_is_object(v)) shape_merge(have, v);
  }
}

/* The keys every version of `rule` holds, merged (its parameters as the code reads them), as JSON text (malloc);
   NULL on a database error. */
static char *rule_shape(Db *db, const char *rule) {
  DbStmt *st = db_prepare(db, "SELECT params FROM rule_versions WHERE rule = ? ORDER BY effective_from, id");
  if (!st) return NULL;
  db_bind_text(st, 1, rule);
  json_t *shape = json_object();
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    json_t *v = json_loads(db_text(st, 0) ? db_text(st, 0) : "{}", 0, NULL);
    if (json_is_object(v)) shape_merge(shape, v);
    json_decref(v);
  }
  db_finalize(st);
  char *s = rc == DB_DONE ? json_dumps(shape, JSON_COMPACT) : NULL;
  json_decref(shape);
  return s;
}

/* rule_params_fit against rule_shape(rule): 0, CB_EINVAL (why says what) or CB_EDB. */
static int params_fit_rule(Db *db, const char *rule, const char *params, char *why) {
  char *shape = rule_shape(db, rule);
  if (!shape) return CB_EDB;
  int rc = rule_params_fit(params, shape, why) ? 0 : CB_EINVAL;
  free(shape);
  return rc;
}

bool rule_params_fit(const char *params, const char *shape, char *why) {
  char scratch[RULE_WHY_SIZE];
  if (!why) why = scratch;
  *why = 0;
  json_t *v = params ? json_loads(params, 0, NULL) : NULL, *s = json_loads(shape ? shape : "{}", 0, NULL);
  if (!json_is_object(s)) { /* a stored shape that is not an object: none, every key is unknown */
    json_decref(s);
    s = json_object();
  }
  bool ok = json_is_object(v);
  if (!ok) snprintf(why, RULE_WHY_SIZE, "Các tham số phải là một đối tượng JSON, ví dụ {\"max\": 3}.");
  else ok = object_fits(v, s, "", why);
  json_decref(v);
  json_decref(s);
  return ok;
}


static bool date_ok(const char *s) {
  Date d;
  return s && date_parse(s, &d, DATE_FULL) == 0;
}

/* s (YYYY-MM-DD or DD/MM/YYYY, already checked by date_ok) in the stored ISO form, in `a`. */
static const char *date_norm(Arena *a, const char *s) {
  Date d;
  char buf[11];
  if (!s || date_parse(s, &d, DATE_FULL) != 0) return s;
  return arena_strdup(a, date_iso(d, buf));
}

enum { TEXT_MAX = 2000 }; /* bytes of a basis or a convention */

static bool confidence_ok(const char *c) { return !c || strcmp(c, "V") == 0 || strcmp(c, "U") == 0; }

int rules_edit(Db *db, const char *actor, long long id, const RuleEdit *e, char *why) {
  if (why) *why = 0;
  if (e->effective_to && *e->effective_to && !date_ok(e->effective_to)) return CB_EINVAL;
  if (!confidence_ok(e->confidence)) return CB_EINVAL;
  if ((e->basis && strlen(e->basis) > TEXT_MAX) || (e->convention && strlen(e->convention) > TEXT_MAX)) return CB_EINVAL;
  Arena *a = arena_new();
  const char *effective_to = e->effective_to;
  if (effective_to && *effective_to) effective_to = date_norm(a, effective_to);
  RuleVersion before, after;
  int rc = db_begin(db);
  if (rc == 0) rc = rules_find(db, a, id, &before);
  if (rc == 0 && e->params) rc = params_fit_rule(db, before.rule, e->params, why);
  if (rc == 0) {
    after = before;
    if (e->params) after.params = e->params;
    if (effective_to) after.effective_to = *effective_to ? effective_to : NULL;
    if (e->enabled >= 0) after.enabled = e->enabled != 0;
    if (e->note) after.note = e->note;
    if (e->basis) after.basis = e->basis;
    if (e->convention) after.convention = *e->convention ? e->convention : NULL;
    if (e->confidence) after.confidence = e->confidence;
    if (after.effective_to && strcmp(after.effective_to, after.effective_from) < 0) rc = CB_EINVAL;
  }
  if (rc == 0) {
    DbStmt *st = db_prepare(db, "UPDATE rule_versions SET params = ?, effective_to = ?, enabled = ?, note = ?, basis = ?, "
                                "convention = ?, confidence = ? WHERE id = ?");
    if (!st) rc = CB_EDB;
    else {
      db_bind_text(st, 1, after.params);
      db_bind_text(st, 2, after.effective_to);
      db_bind_int(st, 3, after.enabled);
      db_bind_text(st, 4, after.note);
      db_bind_text(st, 5, after.basis ? after.basis : "");
      db_bind_text(st, 6, after.convention);
      db_bind_text(st, 7, after.confidence);
      db_bind_int(st, 8, id);
      rc = db_run(st);
    }
  }
  if (rc == 0) {
    char *b = rv_json(&before), *x = rv_json(&after);
    char key[32];
    snprintf(key, sizeof key, "%lld", id);
    rc = audit_log(db, actor, "update", "rule_version", key, b, x);
    free(b);
    free(x);
  }
  if (rc == 0) rc = db_commit(db);
  if (rc != 0) db_rollback(db);
  arena_free(a);
  return rc;
}

int rules_update(Db *db, const char *actor, long long id, const char *params, const char *effective_to, int enabled,
                 const char *note) {
  RuleEdit e = {.params = params, .effective_to = effective_to, .enabled = enabled, .note = note};
  return rules_edit(db, actor, id, &e, NULL);
}

int rules_add_version(Db *db, const char *actor, const RuleVersion *rv, long long *new_id, char *why) {
  if (why) *why = 0;
  if (!rv->rule || !date_ok(rv->effective_from) || !rv->params) return CB_EINVAL;
  if (rv->effective_to && *rv->effective_to && !date_ok(rv->effective_to)) return CB_EINVAL;
  if (!confidence_ok(rv->confidence)) return CB_EINVAL;
  if ((rv->basis && strlen(rv->basis) > TEXT_MAX) || (rv->convention && strlen(rv->convention) > TEXT_MAX)) return CB_EINVAL;
  Arena *a = arena_new();
  Date from;
  date_parse(rv->effective_from, &from, DATE_FULL);
  char prev_day[11];
  date_iso(date_add_days(from, -1), prev_day);
  RuleVersion base, nv = *rv;
  nv.effective_from = date_norm(a, rv->effective_from);
  nv.effective_to = rv->effective_to && *rv->effective_to ? date_norm(a, rv->effective_to) : NULL;
  if (nv.effective_to && strcmp(nv.effective_to, nv.effective_from) < 0) {
    arena_free(a);
    return CB_EINVAL;
  }
  int rc = db_begin(db);
  if (rc == 0) {
    rc = rules_in_force(db, a, rv->rule, prev_day, &base);
    if (rc == CB_ENOTFOUND) { /* no version the day before: take the latest of that rule */
      DbStmt *st = db_prepare(db, "SELECT " RV_COLS " FROM rule_versions WHERE rule = ? ORDER BY effective_from DESC LIMIT 1");
      if (st) {
        db_bind_text(st, 1, rv->rule);
        rc = db_step(st) == DB_ROW ? (read_rv(st, a, &base), 0) : CB_ENOTFOUND;
        db_finalize(st);
      }
    }
  }
  if (rc == 0) rc = params_fit_rule(db, rv->rule, nv.params, why);
  if (rc == 0) {
    if (!nv.title) nv.title = base.title;
    if (!nv.basis) nv.basis = base.basis;
    if (!nv.confidence) nv.confidence = base.confidence;
    if (!nv.convention) nv.convention = base.convention;
    DbStmt *st = db_prepare(db, "UPDATE rule_versions SET effective_to = ? WHERE rule = ? AND effective_to IS NULL "
                                "AND effective_from < ?");
    if (!st) rc = CB_EDB;
    else {
      db_bind_text(st, 1, prev_day);
      db_bind_text(st, 2, rv->rule);
      db_bind_text(st, 3, nv.effective_from);
      rc = db_run(st);
    }
  }
  if (rc == 0) {
    DbStmt *st = db_prepare(db, "INSERT INTO rule_versions(rule, title, params, basis, effective_from, effective_to, "
                                "confidence, note, convention, enabled) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    if (!st) rc = CB_EDB;
    else {
      const char *v[] = {nv.rule,       nv.title,      nv.params, nv.basis ? nv.basis : "", nv.effective_from,
                         nv.effective_to, nv.confidence, nv.note,   nv.convention && *nv.convention ? nv.convention : NULL};
      for (int i = 0; i < 9; i++) db_bind_text(st, i + 1, v[i]);
      rc = db_run(st);
    }
  }
  if (rc == 0) {
    nv.id = db_last_id(db);
    nv.enabled = true;
    char *x = rv_json(&nv), key[32];
    snprintf(key, sizeof key, "%lld", nv.id);
    rc = audit_log(db, actor, "create", "rule_version", key, NULL, x);
    free(x);
    if (new_id) *new_id = nv.id;
  }
  if (rc == 0) rc = db_commit(db);
  if (rc != 0) db_rollback(db);
  arena_free(a);
  return rc;
}

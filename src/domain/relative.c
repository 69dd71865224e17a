/*
** Family relations and the REL rules (see relative.h). The checks read the
** posts held on the date of the act (positions whose [start, end] holds it)
** by the relatives of a cadre, in both directions of each stored relation.
*/
#include "domain/relative.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "domain/cadre.h"
#include "domain/title.h"
#include "domain/unit.h"

static const char *const RELATIONS[][4] = {
    /* relation, reverse, label for a man, label for a woman */
    {"spouse", "spouse", "chồng", "vợ"},
    {"parent", "child", "bố", "mẹ"},
    {"child", "parent", "con", "con"},
    {"sibling", "sibling", "anh/em trai ruột", "chị/em gái ruột"},
    {"parent_in_law", "child_in_law", "bố vợ/bố chồng", "mẹ vợ/mẹ chồng"},
    {"child_in_law", "parent_in_law", "con rể", "con dâu"},
    {"sibling_in_law", "sibling_in_law", "anh/em rể, anh/em vợ (chồng)", "chị/em dâu, chị/em vợ (chồng)"},
};
static const char *const RELATION_BOTH[] = {"vợ/chồng", "bố/mẹ", "con", "anh/chị/em ruột",
                                            "bố/mẹ vợ (chồng)", "con dâu/con rể", "anh/chị/em vợ (chồng)"};
#define N_REL (int)(sizeof RELATIONS / sizeof RELATIONS[0])

static const char *const FUNCTION_WORDS[][2] = {
    {"personnel", "tổ chức nhân sự"}, {"accounting", "kế toán"}, {"treasurer", "thủ quỹ"}, {"storekeeper", "thủ kho"},
    {"head", "người đứng đầu"},       {"deputy_head", "cấp phó"},
};

static int rel_index(const char *rel) {
  for (int i = 0; rel && i < N_REL; i++)
    if (strcmp(rel, RELATIONS[i][0]) == 0) return i;
  return -1;
}

bool relation_valid(const char *rel) { return rel_index(rel) >= 0; }

const char *relation_reverse(const char *rel) {
  int i = rel_index(rel);
  return i < 0 ? NULL : RELATIONS[i][1];
}

const char *relation_label(const char *rel, const char *gender) {
  int i = rel_index(rel);
  if (i < 0) return "";
  if (gender && strcmp(gender, "M") == 0) return RELATIONS[i][2];
  if (gender && strcmp(gender, "F") == 0) return RELATIONS[i][3];
  return RELATION_BOTH[i];
}

bool relative_function_is_lead(const char *f) {
  static const char *const L[] = {"head", "deputy_head", "party_secretary", "party_deputy_secretary",
                                  "pc_chairman", "pc_vice_chairman"};
  for (size_t i = 0; f && i < sizeof L / sizeof L[0]; i++)
    if (strcmp(f, L[i]) == 0) return true;
  return false;
}

/* Leadership of a unit for REL-2: a head/deputy function or a title of category key, leader or standing. */
static bool is_leadership(const char *function, const char *category) {
  if (relative_function_is_lead(function)) return true;
  return category && (strcmp(category, "key") == 0 || strcmp(category, "leader") == 0 ||
                      strcmp(category, "standing") == 0);
}

/* "vợ/chồng, bố/mẹ, con, anh/chị/em ruột" from the rule's list parameter `key`, in `a`. */
static const char *list_words(const RuleVersion *rv, Arena *a, const char *key) {
  Buf b = BUF_INIT;
  if (strcmp(key, "relations") == 0) {
    for (int i = 0; i < N_REL; i++)
      if (rule_param_list_has(rv, key, RELATIONS[i][0])) buf_printf(&b, "%s%s", b.len ? ", " : "", RELATION_BOTH[i]);
  } else {
    for (size_t i = 0; i < sizeof FUNCTION_WORDS / sizeof FUNCTION_WORDS[0]; i++)
      if (rule_param_list_has(rv, key, FUNCTION_WORDS[i][0]))
        buf_printf(&b, "%s%s", b.len ? ", " : "", FUNCTION_WORDS[i][1]);
  }
  const char *s = arena_strdup(a, b.p ? b.p : "");
  buf_free(&b);
  return s;
}

int relative_insert(Db *db, long long cadre_id, long long relative_id, const char *relation, long long *id) {
  if (!relation_valid(relation)) return CB_EINVAL;
  DbStmt *st = db_prepare(db, "SELECT 1 FROM relatives WHERE (cadre_id = ?1 AND relative_id = ?2) OR "
                              "(cadre_id = ?2 AND relative_id = ?1)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_int(st, 2, relative_id);
  int rc = db_step(st);
  db_finalize(st);
  if (rc < 0) return rc;
  bool dup = rc == DB_ROW;
  /*
  ** A family member who is a cadre (schema 0012): name and birth year copied from their record.
  ** Insert even when it must fail: the triggers leave a clear db_error() for the importer's line.
  */
  st = db_prepare(db, "INSERT INTO family_records(cadre_id, relation, full_name, birth_year, relative_cadre_id) "
                      "SELECT ?1, ?3, c.full_name, CAST(substr(c.birth_date, 1, 4) AS INTEGER), c.id "
                      "FROM cadre_records c WHERE c.id = ?2");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_int(st, 2, relative_id);
  db_bind_text(st, 3, relation);
  rc = db_run(st);
  if (!rc && db_changes(db) == 0) return CB_ENOTFOUND;
  if (rc) return cadre_id == relative_id ? CB_EINVAL : dup ? CB_EEXIST : rc;
  if (id) *id = db_last_id(db);
  return 0;
}

/* The title being taken: name, function, category (title_find_id: from the memo of titles). 0, CB_ENOTFOUND, CB_EDB. */
static int title_info(Db *db, Arena *a, long long title_id, const char **name, const char **function,
                      const char **category) {
  Title t;
  int rc = title_find_id(db, a, title_id, &t);
  if (rc == 0) *name = t.name, *function = t.function, *category = t.category;
  return rc;
}

static const char *unit_name_of(Db *db, Arena *a, long long unit_id) {
  Unit u;
  return unit_find_id(db, a, unit_id, &u) == 0 ? u.name : "?";
}

/* A relative's post in the unit on the date. */
typedef struct {
  long long id;
  const char *name, *code, *gender, *relation, *title, *function, *category;
  bool outside; /* the relative's own unit is outside the reader's scope: never named (docs/SECURITY.md) */
} RelPost;

/* How a message names a relative outside the reader's scope. */
#define OUTSIDE_RELATIVE "Một người thân ngoài phạm vi đơn vị của bạn"

/*
** Posts held on `date` in `unit_id` by the relatives of `cadre_id` (both
** directions; only `only` when > 0). *out in f->a.
*/
static int relative_posts(Db *db, Arena *a, Scope scope, long long cadre_id, long long unit_id, const char *date,
                          long long only, RelPost **out, int *n) {
  DbStmt *st = db_prepare(
      db, DB_ONE_PLAN "WITH rel(rid, relation) AS ("
          "  SELECT relative_id, relation FROM relatives WHERE cadre_id = ?1 UNION ALL "
          "  SELECT cadre_id, CASE relation WHEN 'parent' THEN 'child' WHEN 'child' THEN 'parent' "
          "    WHEN 'parent_in_law' THEN 'child_in_law' WHEN 'child_in_law' THEN 'parent_in_law' ELSE relation END "
          "  FROM relatives WHERE relative_id = ?1) "
          "SELECT c.id, c.full_name, c.code, c.gender, rel.relation, t.name, t.function, t.category, cu.path "
          "FROM rel JOIN cadres c ON c.id = rel.rid JOIN units cu ON cu.id = c.unit_id JOIN positions p ON p.cadre_id = c.id "
          "JOIN titles t ON t.id = p.title_id "
          "WHERE p.unit_id = ?2 AND p.start_date <= ?3 AND (p.end_date IS NULL OR p.end_date >= ?3) "
          "AND (?4 = 0 OR c.id = ?4) ORDER BY c.id, p.start_date");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_int(st, 2, unit_id);
  db_bind_text(st, 3, date);
  db_bind_int(st, 4, only);
  int cap = 8, cnt = 0, rc;
  RelPost *v = arena_alloc(a, sizeof(RelPost) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      RelPost *w = arena_alloc(a, sizeof(RelPost) * (size_t)cap * 2);
      memcpy(w, v, sizeof(RelPost) * (size_t)cnt);
      v = w, cap *= 2;
    }
    RelPost *p = &v[cnt++];
    p->id = db_int(st, 0);
    const char **s[] = {&p->name, &p->code, &p->gender, &p->relation, &p->title, &p->function, &p->category};
    for (int i = 0; i < 7; i++) *s[i] = arena_strdup(a, db_text(st, 1 + i));
    p->outside = !scope_contains(scope, db_text(st, 8));
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? rc : 0;
}

/* REL-1, both directions, for the posts found. */
static void rel1(Findings *f, const RuleVersion *rv, const char *title, const char *function, const char *unit,
                 const RelPost *p, int n) {
  bool lead = relative_function_is_lead(function), listed = rule_param_list_has(rv, "functions", function);
  const char *rels = list_words(rv, f->a, "relations"), *funcs = list_words(rv, f->a, "functions");
  if (!lead && !listed) {
    findings_add(f, rv, RESULT_NA,
                 "Chức danh «%s» không phải người đứng đầu, cấp phó, cũng không phải chức vụ %s: không áp dụng.",
                 title, funcs);
    return;
  }
  int fails = 0;
  for (int i = 0; i < n; i++) {
    if (!rule_param_list_has(rv, "relations", p[i].relation)) continue;
    const char *who = relation_label(p[i].relation, p[i].gender);
    if (p[i].outside && ((lead && rule_param_list_has(rv, "functions", p[i].function)) ||
                         (listed && relative_function_is_lead(p[i].function)))) {
      findings_add(f, rv, RESULT_FAIL,
                   OUTSIDE_RELATIVE " giữ chức vụ trong cùng đơn vị: người giữ chức danh «%s» không được bố trí %s "
                   "của mình giữ chức vụ %s, người đứng đầu, cấp phó trong cùng đơn vị.",
                   title, rels, funcs);
      fails++;
    } else if (lead && rule_param_list_has(rv, "functions", p[i].function)) {
      findings_add(f, rv, RESULT_FAIL,
                   "%s (%s), %s của người được xem xét, đang giữ chức vụ «%s» tại %s: người giữ chức danh «%s» "
                   "(người đứng đầu, cấp phó) không được bố trí %s của mình giữ chức vụ %s trong cùng đơn vị.",
                   p[i].name, p[i].code, who, p[i].title, unit, title, rels, funcs);
      fails++;
    } else if (listed && relative_function_is_lead(p[i].function)) {
      findings_add(f, rv, RESULT_FAIL,
                   "%s (%s), %s của người được xem xét, đang giữ chức vụ «%s» (người đứng đầu, cấp phó) tại %s: "
                   "không được bố trí %s của người đứng đầu, cấp phó giữ chức vụ «%s» trong cùng đơn vị.",
                   p[i].name, p[i].code, who, p[i].title, unit, rels, title);
      fails++;
    }
  }
  if (fails) return;
  if (lead)
    findings_add(f, rv, RESULT_PASS, "Không có %s giữ chức vụ %s tại %s.", rels, funcs, unit);
  else
    findings_add(f, rv, RESULT_PASS, "Không có %s là người đứng đầu, cấp phó tại %s.", rels, unit);
}

/* REL-2: relatives (any relation) in the unit's leadership, unless REL-1 already failed for them. */
static void rel2(Findings *f, const RuleVersion *rv1, const RuleVersion *rv, const char *function, const char *unit,
                 const RelPost *p, int n) {
  int warns = 0;
  for (int i = 0; i < n; i++) {
    if (!is_leadership(p[i].function, p[i].category)) continue;
    bool rel1_fail = rv1 && rule_param_list_has(rv1, "relations", p[i].relation) &&
                     rule_param_list_has(rv1, "functions", function) && relative_function_is_lead(p[i].function);
    if (rel1_fail) continue;
    if (p[i].outside)
      findings_add(f, rv, RESULT_WARN,
                   OUTSIDE_RELATIVE " ở trong lãnh đạo đơn vị: cần xem xét, tránh nể nang do quan hệ gia đình.");
    else
    findings_add(f, rv, RESULT_WARN,
                 "%s (%s), %s của người được xem xét, đang giữ chức vụ «%s» trong lãnh đạo %s: cần xem xét, "
                 "tránh nể nang do quan hệ gia đình.",
                 p[i].name, p[i].code, relation_label(p[i].relation, p[i].gender), p[i].title, unit);
    warns++;
  }
  if (!warns) findings_add(f, rv, RESULT_PASS, "Không có người thân trong lãnh đạo %s.", unit);
}

static int check_core(Db *db, Scope scope, Findings *f, long long cadre_id, long long unit_id, long long title_id,
                      const char *date, long long only) {
  const char *title, *function, *category;
  int rc = title_info(db, f->a, title_id, &title, &function, &category);
  if (rc) return rc == CB_ENOTFOUND ? 0 : rc;
  RelPost *p;
  int n;
  rc = relative_posts(db, f->a, scope, cadre_id, unit_id, date, only, &p, &n);
  if (rc) return rc;
  const char *unit = unit_name_of(db, f->a, unit_id);
  RuleVersion rv1, rv2;
  bool have1 = rules_get(db, f, "REL-1", date, &rv1);
  if (have1) rel1(f, &rv1, title, function, unit, p, n);
  if (rules_get(db, f, "REL-2", date, &rv2)) rel2(f, have1 ? &rv1 : NULL, &rv2, function, unit, p, n);
  return 0;
}

int relative_check(Db *db, Scope scope, Findings *f, long long cadre_id, long long unit_id, long long title_id,
                   const char *date) {
  return check_core(db, scope, f, cadre_id, unit_id, title_id, date, 0);
}

/* The worst finding of f from index `from` (fail, then warn), or -1. */
static int worst_from(const Findings *f, int from) {
  int best = -1;
  for (int i = from; i < f->n; i++)
    if (f->v[i].result >= RESULT_WARN && (best < 0 || f->v[i].result > f->v[best].result)) best = i;
  return best;
}

int relative_pair_check(Db *db, Scope scope, Findings *f, long long a_id, long long b_id, const char *date) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT p.unit_id, p.title_id, u.name FROM positions p JOIN units u ON "
                              "u.id = p.unit_id "
                              "WHERE p.cadre_id = ?1 AND p.start_date <= ?3 AND (p.end_date IS NULL OR p.end_date >= ?3) "
                              "AND EXISTS (SELECT 1 FROM positions q WHERE q.cadre_id = ?2 AND q.unit_id = p.unit_id "
                              "AND q.start_date <= ?3 AND (q.end_date IS NULL OR q.end_date >= ?3)) ORDER BY p.id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, a_id);
  db_bind_int(st, 2, b_id);
  db_bind_text(st, 3, date);
  long long ids[16][2];
  int n = 0, rc;
  while ((rc = db_step(st)) == DB_ROW && n < 16) ids[n][0] = db_int(st, 0), ids[n][1] = db_int(st, 1), n++;
  db_finalize(st);
  if (rc < 0) return rc;
  for (int i = 0; i < n; i++) {
    rc = check_core(db, scope, f, a_id, ids[i][0], ids[i][1], date, b_id);
    if (rc) return rc;
  }
  if (n == 0) {
    char vn[16];
    findings_add_raw(f, "REL-1", "", RESULT_PASS, "Hai người không cùng giữ chức vụ trong một đơn vị vào ngày %s.",
                     date_iso_to_vn(date, vn));
  }
  return 0;
}

int relative_add(Db *db, Arena *a, Scope scope, const char *actor, const char *cadre_code, const char *relative_code, const char *relation, const char *date, Findings *out, long long *id) {
  findings_init(out, a);
  Cadre c1, c2;
  int rc = cadre_find(db, a, scope, cadre_code ? cadre_code : "", &c1);
  if (!rc) rc = cadre_find(db, a, scope, relative_code ? relative_code : "", &c2);
  if (rc) return rc;
  if (!relation_valid(relation) || c1.id == c2.id) return CB_EINVAL;
  if (db_begin(db) != 0) return CB_EDB;
  rc = relative_insert(db, c1.id, c2.id, relation, id);
  if (!rc) rc = relative_pair_check(db, scope, out, c1.id, c2.id, date);
  if (!rc) rc = findings_store(db, "relative", *id, c1.id, date, out);
  if (!rc) {
    json_t *j = json_pack("{s:s, s:s, s:s}", "cadre", c1.code, "relative", c2.code, "relation", relation);
    char *after = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    rc = audit_log(db, actor, "create", "relative", arena_printf(a, "%s-%s", c1.code, c2.code), NULL, after);
    free(after);
    json_decref(j);
  }
  if (!rc && db_commit(db) == 0) return 0;
  db_rollback(db);
  return rc ? rc : CB_EDB;
}

int relative_check_participants(Db *db, Findings *f, long long proposal_id, long long cadre_id, const char *date) {
  DbStmt *st = db_prepare(
      db, DB_ONE_PLAN "WITH rel(rid, relation) AS ("
          "  SELECT relative_id, relation FROM relatives WHERE cadre_id = ?1 UNION ALL "
          "  SELECT cadre_id, CASE relation WHEN 'parent' THEN 'child' WHEN 'child' THEN 'parent' "
          "    WHEN 'parent_in_law' THEN 'child_in_law' WHEN 'child_in_law' THEN 'parent_in_law' ELSE relation END "
          "  FROM relatives WHERE relative_id = ?1) "
          "SELECT c.full_name, c.code, c.gender, rel.relation, pp.role, "
          "  (SELECT count(*) FROM proposal_participants WHERE proposal_id = ?2) "
          "FROM proposal_participants pp JOIN rel ON rel.rid = pp.cadre_id JOIN cadres c ON c.id = pp.cadre_id "
          "WHERE pp.proposal_id = ?2 ORDER BY c.id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_int(st, 2, proposal_id);
  Buf b = BUF_INIT;
  int rc, found = 0;
  while ((rc = db_step(st)) == DB_ROW) {
    buf_printf(&b, "%s%s (%s, %s, %s)", found ? "; " : "", db_text(st, 0), db_text(st, 1),
               relation_label(db_text(st, 3), db_text(st, 2)),
               strcmp(db_text(st, 4), "proposer") == 0 ? "người đề xuất" : "người biểu quyết");
    found++;
  }
  db_finalize(st);
  RuleVersion rv;
  if (rc >= 0 && found && rules_get(db, f, "REL-2", date, &rv))
    findings_add(f, &rv, RESULT_WARN,
                 "Người thân của người được đề nghị tham gia đề xuất, biểu quyết: %s. Cần xem xét, tránh nể nang "
                 "do quan hệ gia đình.",
                 b.p);
  if (rc >= 0 && !found) {
    st = db_prepare(db, "SELECT count(*) FROM proposal_participants WHERE proposal_id = ?");
    if (!st) rc = CB_EDB;
    else {
      db_bind_int(st, 1, proposal_id);
      long long cnt = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
      db_finalize(st);
      if (cnt > 0 && rules_get(db, f, "REL-2", date, &rv))
        findings_add(f, &rv, RESULT_PASS,
                     "Không có người thân của người được đề nghị trong %lld người đề xuất, biểu quyết đã ghi nhận.", cnt);
    }
  }
  buf_free(&b);
  return rc < 0 ? rc : 0;
}

/* The posts `cadre_id` holds on `date` as people read them (title_display), "; "-separated, or NULL; in `a`. */
/* One post held on the report's date by a cadre of some pair (relative_report reads them all at once). */
typedef struct {
  long long cadre_id, unit_id;
  const char *unit_code, *unit_name;
  const char *display; /* title_display of the post */
} Post;

/*
** The posts held on `date` by the cadres ids[0..n) (sorted, distinct), by cadre, then in the order people read
** them (main post first, then by start; the record's id last), into *out (a): a statement per 512 cadres instead
** of three per pair. A short chunk is padded to a power of two by repeating its last id, so few texts of the
** statement exist. 0 or CB_EDB.
*/
static int pair_posts(Db *db, Arena *a, const char *date, const long long *ids, int n, Post **out, int *nout) {
  int cap = 64, cnt = 0, rc = 0;
  Post *v = arena_alloc(a, sizeof *v * (size_t)cap);
  for (int from = 0; from < n && !rc; from += 512) {
    int k = n - from < 512 ? n - from : 512, padded = 8;
    while (padded < k) padded *= 2;
    long long *chunk = arena_alloc(a, sizeof *chunk * (size_t)padded);
    for (int i = 0; i < padded; i++) chunk[i] = ids[from + (i < k ? i : k - 1)];
    DbStmt *st = db_prepare_in(db, a, "SELECT p.cadre_id, p.unit_id, u.code, u.name, u.level, t.name FROM positions p "
                                      "JOIN titles t ON t.id = p.title_id JOIN units u ON u.id = p.unit_id "
                                      "WHERE p.cadre_id IN (%s) AND p.start_date <= ?1 AND (p.end_date IS NULL OR "
                                      "p.end_date >= ?1) ORDER BY p.cadre_id, p.concurrent, p.start_date, p.id",
                               2, chunk, padded);
    if (!st) return CB_EDB;
    db_bind_text(st, 1, date);
    while ((rc = db_step(st)) == DB_ROW) {
      if (cnt == cap) {
        Post *w = arena_alloc(a, sizeof *v * (size_t)cap * 2);
        memcpy(w, v, sizeof *v * (size_t)cnt);
        v = w, cap *= 2;
      }
      Post *x = &v[cnt++];
      x->cadre_id = db_int(st, 0), x->unit_id = db_int(st, 1);
      x->unit_code = arena_strdup(a, db_text(st, 2));
      x->unit_name = arena_strdup(a, db_text(st, 3));
      /* copied: title_display may return the row's own text, which the next step overwrites */
      x->display = arena_strdup(a, title_display(a, db_text(st, 5), db_text(st, 3), db_text(st, 4)));
    }
    db_finalize(st);
    rc = rc == DB_DONE ? 0 : CB_EDB;
  }
  *out = v, *nout = cnt;
  return rc;
}

/* The posts of cadre `id` in v[0..n) (sorted by cadre): *from and the count. */
static int posts_range(const Post *v, int n, long long id, int *from) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (v[mid].cadre_id < id) lo = mid + 1;
    else hi = mid;
  }
  int k = lo;
  while (k < n && v[k].cadre_id == id) k++;
  *from = lo;
  return k - lo;
}

/* "; "-joined displays of a cadre's posts, or NULL when none. */
static const char *posts_text(Arena *a, const Post *v, int n) {
  if (n == 0) return NULL;
  Buf b = BUF_INIT;
  for (int i = 0; i < n; i++) buf_printf(&b, "%s%s", i ? "; " : "", v[i].display);
  const char *s = arena_strdup(a, b.p);
  buf_free(&b);
  return s;
}

/* A unit where both hold a post (of several, the one with the lowest id); fills code and name, or leaves them
   NULL. */
static void common_unit(const Post *x, int nx, const Post *y, int ny, RelPair *p) {
  const Post *best = NULL;
  for (int i = 0; i < nx; i++)
    for (int j = 0; j < ny; j++)
      if (x[i].unit_id == y[j].unit_id && (!best || x[i].unit_id < best->unit_id)) best = &x[i];
  if (best) p->unit_code = best->unit_code, p->unit_name = best->unit_name;
}

static int pair_rank(const RelPair *p) { return p->result == RESULT_FAIL ? 0 : p->result == RESULT_WARN ? 1 : 2; }

static int cmp_pair(const void *x, const void *y) {
  const RelPair *a = x, *b = y;
  int d = pair_rank(a) - pair_rank(b);
  return d ? d : strcmp(a->a_code, b->a_code);
}

/* Fill the REL finding of pair p (ids x, y) on `date`. */
static int judge_pair(Db *db, Arena *a, Scope scope, long long x, long long y, const char *date, RelPair *p) {
  Findings f;
  findings_init(&f, a);
  int rc = relative_pair_check(db, scope, &f, x, y, date);
  if (!rc) rc = relative_pair_check(db, scope, &f, y, x, date); /* b's posts seen from b's side too */
  if (rc) return rc;
  int w = worst_from(&f, 0);
  if (w < 0) {
    p->result = RESULT_PASS;
    p->rule = NULL;
    p->message = p->unit_name ? "Cùng đơn vị, không thuộc trường hợp REL-1, REL-2." : "Không cùng đơn vị.";
    p->basis = "";
    return 0;
  }
  p->rule = f.v[w].rule, p->result = f.v[w].result, p->message = f.v[w].message, p->basis = f.v[w].basis;
  return 0;
}

int relative_report(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, RelPair **out, int *n) {
  *out = NULL, *n = 0;
  Scope sub = scope;
  if (unit_code && *unit_code) {
    Unit u;
    int rc = unit_find(db, a, scope, unit_code, &u);
    if (rc) return rc;
    sub = scope_unit(u.path);
  }
  /* every pair of the scope (the whole table, joined by keys: one plan, core/db.h DB_ONE_PLAN) */
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT c1.id, c1.code, c1.full_name, c2.id, c2.code, c2.full_name, c2.gender, "
                              "r.relation FROM relatives r JOIN cadres c1 ON c1.id = r.cadre_id "
                              "JOIN cadres c2 ON c2.id = r.relative_id JOIN units u1 ON u1.id = c1.unit_id "
                              "JOIN units u2 ON u2.id = c2.unit_id WHERE (" SCOPE_SQL("u1.path", 1) "OR" SCOPE_SQL("u2.path", 1) ") "
                              "AND" SCOPE_SQL("u1.path", 2) "AND" SCOPE_SQL("u2.path", 2)
                              "ORDER BY c1.code, c2.code");
  if (!st) return CB_EDB;
  scope_bind(st, 1, sub);
  scope_bind(st, 2, scope);
  int cap = 16, cnt = 0, rc;
  RelPair *v = arena_alloc(a, sizeof(RelPair) * (size_t)cap);
  long long(*ids)[2] = arena_alloc(a, sizeof(long long[2]) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      RelPair *w = arena_alloc(a, sizeof(RelPair) * (size_t)cap * 2);
      long long(*w2)[2] = arena_alloc(a, sizeof(long long[2]) * (size_t)cap * 2);
      memcpy(w, v, sizeof(RelPair) * (size_t)cnt);
      memcpy(w2, ids, sizeof(long long[2]) * (size_t)cnt);
      v = w, ids = w2, cap *= 2;
    }
    RelPair *p = &v[cnt];
    memset(p, 0, sizeof *p);
    ids[cnt][0] = db_int(st, 0), ids[cnt][1] = db_int(st, 3);
    p->a_code = arena_strdup(a, db_text(st, 1));
    p->a_name = arena_strdup(a, db_text(st, 2));
    p->b_code = arena_strdup(a, db_text(st, 4));
    p->b_name = arena_strdup(a, db_text(st, 5));
    p->relation = arena_strdup(a, db_text(st, 7));
    p->relation_label = relation_label(p->relation, db_text(st, 6));
    cnt++;
  }
  db_finalize(st);
  if (rc < 0) return rc;
  long long *people = arena_alloc(a, sizeof *people * (size_t)(2 * cnt + 1)); /* the pairs' cadres, once each */
  int npeople = 0;
  for (int i = 0; i < cnt; i++) people[npeople++] = ids[i][0], people[npeople++] = ids[i][1];
  int m = cb_sort_unique_ids(people, npeople);
  Post *posts;
  int nposts;
  if ((rc = pair_posts(db, a, date, people, m, &posts, &nposts))) return rc;
  for (int i = 0; i < cnt; i++) {
    int fa, fb, na = posts_range(posts, nposts, ids[i][0], &fa), nb = posts_range(posts, nposts, ids[i][1], &fb);
    v[i].a_posts = posts_text(a, posts + fa, na);
    v[i].b_posts = posts_text(a, posts + fb, nb);
    common_unit(posts + fa, na, posts + fb, nb, &v[i]);
    if (!v[i].unit_code) { /* no unit in common on the date: REL-1 and REL-2 cannot apply (relative_pair_check) */
      v[i].result = RESULT_PASS, v[i].rule = NULL, v[i].message = "Không cùng đơn vị.", v[i].basis = "";
      continue;
    }
    if ((rc = judge_pair(db, a, scope, ids[i][0], ids[i][1], date, &v[i]))) return rc;
  }
  cb_qsort(v, (size_t)cnt, sizeof *v, cmp_pair);
  *out = v, *n = cnt;
  return 0;
}

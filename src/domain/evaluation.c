/* Evaluations and the EVAL rules (see evaluation.h). */
#include "domain/evaluation.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/discipline.h"
#include "domain/unit.h"

const char *const EVALUATION_RATINGS[][2] = {
    {"excellent", "Hoàn thành xuất sắc nhiệm vụ"},
    {"good", "Hoàn thành tốt nhiệm vụ"},
    {"completed", "Hoàn thành nhiệm vụ"},
    {"failed", "Không hoàn thành nhiệm vụ"},
};

bool evaluation_rating_valid(const char *r) { return *evaluation_rating_label(r) != 0; }

const char *evaluation_rating_label(const char *r) {
  for (int i = 0; r && i < 4; i++)
    if (strcmp(r, EVALUATION_RATINGS[i][0]) == 0) return EVALUATION_RATINGS[i][1];
  return "";
}

const char *evaluation_rating_for_score(const RuleVersion *rv, int score) {
  if (score >= rule_param_int(rv, "excellent", 90)) return "excellent";
  if (score >= rule_param_int(rv, "good", 70)) return "good";
  if (score >= rule_param_int(rv, "completed", 50)) return "completed";
  return "failed";
}

/* "20" or "22,2": percentage part/whole with one decimal, Vietnamese comma. */
static const char *pct(Arena *a, long long part, long long whole) {
  if (whole <= 0) return "—";
  long long tenths = (part * 1000 + whole / 2) / whole;
  return tenths % 10 ? arena_printf(a, "%lld,%lld%%", tenths / 10, tenths % 10) : arena_printf(a, "%lld%%", tenths / 10);
}

void evaluation_quota_finding(Findings *f, const RuleVersion *rv, const char *org_name, int year, int excellent,
                              int good) {
  long limit = rule_param_int(rv, "max_excellent_pct_of_good", 20);
  bool ok = (long long)excellent * 100 <= (long long)limit * good;
  const char *share = pct(f->a, excellent, good);
  if (good == 0 && excellent == 0)
    findings_add(f, rv, RESULT_PASS, "%s, năm %d: không có ai được xếp loại hoàn thành xuất sắc hay hoàn thành tốt.",
                 org_name, year);
  else if (good == 0)
    findings_add(f, rv, RESULT_FAIL,
                 "%s, năm %d: %d hoàn thành xuất sắc nhưng không có ai hoàn thành tốt (tối đa %ld%% số hoàn thành "
                 "tốt, tức 0 người).",
                 org_name, year, excellent, limit);
  else
    findings_add(f, rv, ok ? RESULT_PASS : RESULT_FAIL,
                 "%s, năm %d: %d hoàn thành xuất sắc / %d hoàn thành tốt = %s (%s %ld%% số hoàn thành tốt).", org_name,
                 year, excellent, good, share, ok ? "≤" : ">", limit);
}

/* Ratings of the cadre by year (from the database), with e's own year replaced by e->rating. */
static int failed_run(Db *db, const Evaluation *e, int *before, int *after) {
  *before = *after = 0;
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT year, rating FROM evaluations WHERE cadre_id = ? AND year <> ? ORDER BY year");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre_id);
  db_bind_int(st, 2, e->year);
  int years[256], nf = 0, rc;
  while ((rc = db_step(st)) == DB_ROW)
    if (strcmp(db_text(st, 1), "failed") == 0 && nf < 256) years[nf++] = (int)db_int(st, 0);
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  for (int y = e->year - 1;; y--) { /* failed years just before, consecutive */
    bool hit = false;
    for (int i = 0; i < nf; i++) hit |= years[i] == y;
    if (!hit) break;
    (*before)++;
  }
  for (int y = e->year + 1;; y++) {
    bool hit = false;
    for (int i = 0; i < nf; i++) hit |= years[i] == y;
    if (!hit) break;
    (*after)++;
  }
  return 0;
}

static int eval3(Db *db, const Evaluation *e, const char *date, Findings *out) {
  RuleVersion rv;
  if (!rules_get(db, out, "EVAL-3", date, &rv)) return 0;
  long need = rule_param_int(&rv, "years", 2);
  if (strcmp(e->rating, "failed") != 0) {
    findings_add(out, &rv, RESULT_PASS, "Năm %d xếp loại %s: không thuộc diện %ld năm liên tiếp không hoàn thành nhiệm vụ.",
                 e->year, evaluation_rating_label(e->rating), need);
    return 0;
  }
  int before, after;
  if (failed_run(db, e, &before, &after)) return CB_EDB;
  int run = before + 1 + after;
  if (run >= need)
    findings_add(out, &rv, RESULT_WARN,
                 "Không hoàn thành nhiệm vụ %d năm liên tiếp (%d–%d, ≥ %ld năm): xem xét cho thôi việc, miễn nhiệm.",
                 run, e->year - before, e->year + after, need);
  else
    findings_add(out, &rv, RESULT_PASS, "Không hoàn thành nhiệm vụ năm %d; %d năm liên tiếp (< %ld năm).", e->year, run,
                 need);
  return 0;
}

/* Is there a discipline of the cadre decided in `year`? 1, 0 or CB_EDB. */
static int disciplined_in(Db *db, long long cadre_id, int year, const char **when, Arena *a) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT decision_date FROM disciplines WHERE cadre_id = ? AND "
                              "substr(decision_date, 1, 4) = substr(CAST(10000 + ? AS TEXT), 2) ORDER BY decision_date LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_int(st, 2, year);
  int rc = db_step(st);
  if (rc == DB_ROW) *when = arena_strdup(a, db_text(st, 0));
  db_finalize(st);
  return rc < 0 ? CB_EDB : rc == DB_ROW;
}

static int eval4(Db *db, Arena *a, const Evaluation *e, const char *date, Findings *out) {
  RuleVersion rv;
  if (!rules_get(db, out, "EVAL-4", date, &rv)) return 0;
  const char *when = NULL;
  int disc = disciplined_in(db, e->cadre_id, e->year, &when, a);
  if (disc < 0) return CB_EDB;
  const char *got = evaluation_rating_label(e->rating);
  if (disc && strcmp(e->rating, "failed") != 0) {
    char vn[16];
    findings_add(out, &rv, RESULT_FAIL, "Bị kỷ luật ngày %s trong năm %d nên phải xếp loại %s, nhưng được xếp %s.",
                 date_iso_to_vn(when, vn), e->year, evaluation_rating_label("failed"), got);
    return 0;
  }
  if (e->score < 0) {
    findings_add(out, &rv, RESULT_NA, "Năm %d: không có điểm đánh giá để đối chiếu với mức xếp loại.", e->year);
    return 0;
  }
  const char *want = evaluation_rating_for_score(&rv, e->score);
  long ex = rule_param_int(&rv, "excellent", 90), gd = rule_param_int(&rv, "good", 70),
       cp = rule_param_int(&rv, "completed", 50);
  if (strcmp(want, e->rating) == 0)
    findings_add(out, &rv, RESULT_PASS, "%d điểm ứng với mức %s (ngưỡng %ld/%ld/%ld điểm), khớp xếp loại.", e->score,
                 got, ex, gd, cp);
  else
    findings_add(out, &rv, RESULT_FAIL, "%d điểm ứng với mức %s (ngưỡng %ld/%ld/%ld điểm), nhưng được xếp %s.",
                 e->score, evaluation_rating_label(want), ex, gd, cp, got);
  return 0;
}

int evaluation_findings(Db *db, Arena *a, const Evaluation *e, Findings *out) {
  findings_init(out, a);
  char date[16];
  snprintf(date, sizeof date, "%04d-12-31", e->year);
  int rc = eval3(db, e, date, out);
  if (rc == 0) rc = eval4(db, a, e, date, out);
  return rc;
}

/*
** A failed year joins the runs of failed years around it: re-check and
** re-store EVAL-3 of the other years of the run (e is already stored), so
** the flags do not depend on the order in which years are recorded.
*/
static int refresh_run(Db *db, Arena *a, const Evaluation *e) {
  int before, after;
  if (strcmp(e->rating, "failed") != 0 || failed_run(db, e, &before, &after)) return 0;
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT id, year FROM evaluations WHERE cadre_id = ? AND year BETWEEN ? AND ? AND year <> ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre_id);
  db_bind_int(st, 2, e->year - before);
  db_bind_int(st, 3, e->year + after);
  db_bind_int(st, 4, e->year);
  int rc = 0;
  while (rc == 0 && db_step(st) == DB_ROW) {
    Evaluation o = *e;
    o.id = db_int(st, 0), o.year = (int)db_int(st, 1);
    char date[16];
    snprintf(date, sizeof date, "%04d-12-31", o.year);
    DbStmt *del = db_prepare(db, "DELETE FROM findings WHERE subject = 'evaluation' AND subject_id = ? AND rule = 'EVAL-3'");
    if (!del) rc = CB_EDB;
    else {
      db_bind_int(del, 1, o.id);
      rc = db_run(del) ? CB_EDB : 0;
    }
    Findings f;
    findings_init(&f, a);
    if (rc == 0) rc = eval3(db, &o, date, &f);
    if (rc == 0) rc = findings_store(db, "evaluation", o.id, o.cadre_id, date, &f);
  }
  db_finalize(st);
  return rc;
}

int evaluation_insert(Db *db, Arena *a, Evaluation *e) {
  if (e->year < 1990 || e->year > 2100 || !evaluation_rating_valid(e->rating) || e->score < -1 || e->score > 100)
    return CB_EINVAL;
  if (!e->cadre_id) {
    if (!e->cadre_code) return CB_EINVAL;
    int rc = cadre_id_in_scope(db, scope_all(), e->cadre_code, &e->cadre_id);
    if (rc) return rc;
  }
  DbStmt *st = db_prepare(db, "INSERT INTO evaluation_records(cadre_id, year, rating, score) VALUES(?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre_id);
  db_bind_int(st, 2, e->year);
  db_bind_text(st, 3, e->rating);
  if (e->score >= 0) db_bind_int(st, 4, e->score);
  else db_bind_null(st, 4);
  int rc = db_run(st);
  if (rc) return rc == CB_EEXIST ? CB_EEXIST : CB_EDB;
  e->id = db_last_id(db);
  Findings f;
  rc = evaluation_findings(db, a, e, &f);
  char date[16];
  snprintf(date, sizeof date, "%04d-12-31", e->year);
  if (rc == 0) rc = findings_store(db, "evaluation", e->id, e->cadre_id, date, &f);
  return rc ? rc : refresh_run(db, a, e);
}

int evaluation_org_of(Db *db, long long cadre_id, long long *org_id) {
  DbStmt *st = db_prepare(db, "SELECT COALESCE((SELECT g.id FROM units g WHERE g.level = 'grassroots' AND "
                              "substr(u.path, 1, length(g.path)) = g.path ORDER BY length(g.path) LIMIT 1), u.id) "
                              "FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  int rc = db_step(st);
  if (rc == DB_ROW) *org_id = db_int(st, 0);
  db_finalize(st);
  return rc < 0 ? CB_EDB : rc == DB_ROW ? 0 : CB_ENOTFOUND;
}

/*
** Rating counts per organization for a year. The organization of each
** evaluation is computed as in evaluation_org_of (outermost grassroots unit, else the cadre's unit). ?1 year, ?2 org id (0 = all).
*/
#define ORG_COUNTS                                                                                          \
  DB_ONE_PLAN "WITH pu AS (SELECT unit_id AS uid, sum(CASE WHEN rating = 'excellent' THEN n ELSE 0 END) AS ex, "          \
  "sum(CASE WHEN rating = 'good' THEN n ELSE 0 END) AS go, sum(CASE WHEN rating = 'completed' THEN n ELSE 0 END) AS co, " \
  "sum(CASE WHEN rating = 'failed' THEN n ELSE 0 END) AS fa FROM eval_counts WHERE year = ?1 GROUP BY unit_id "  \
  "HAVING sum(n) > 0), "                                                                                      \
  "ev AS (SELECT pu.*, COALESCE((SELECT g.id FROM units g WHERE g.level = 'grassroots' AND "                 \
  "substr(u.path, 1, length(g.path)) = g.path ORDER BY length(g.path) LIMIT 1), u.id) AS org "          \
  "FROM pu JOIN units u ON u.id = pu.uid) "                                                                   \
  "SELECT o.id, o.code, o.name, o.path, sum(ev.ex), sum(ev.go), "             \
  "sum(ev.co), sum(ev.fa), o.level FROM ev JOIN units o ON o.id = ev.org "           \
  "WHERE (?2 = 0 OR o.id = ?2) GROUP BY o.id ORDER BY o.name COLLATE vi, o.code"
/* (issue 9) The year's ratings per unit come from eval_counts (schema 0037, kept by triggers in every write), and
   the organization is looked up once per unit, not once per evaluation (17 s for /danh-gia at 1,000,000 cadres). */

int evaluation_quota_refresh(Db *db, Arena *a, long long org_id, int year) {
  char date[16];
  snprintf(date, sizeof date, "%04d-12-31", year);
  DbStmt *del = db_prepare(db, "DELETE FROM findings WHERE subject = 'evaluation_org' AND subject_id = ? AND act_date = ?");
  if (!del) return CB_EDB;
  db_bind_int(del, 1, org_id);
  db_bind_text(del, 2, date);
  if (db_run(del)) return CB_EDB;
  Findings f;
  findings_init(&f, a);
  RuleVersion rv;
  if (!rules_get(db, &f, "EVAL-2", date, &rv)) return findings_store(db, "evaluation_org", org_id, 0, date, &f);
  DbStmt *st = db_prepare(db, ORG_COUNTS);
  if (!st) return CB_EDB;
  db_bind_int(st, 1, year);
  db_bind_int(st, 2, org_id);
  int rc = db_step(st);
  if (rc == DB_ROW)
    evaluation_quota_finding(&f, &rv, arena_strdup(a, db_text(st, 2)), year, (int)db_int(st, 4), (int)db_int(st, 5));
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  return f.n ? findings_store(db, "evaluation_org", org_id, 0, date, &f) : 0;
}

int evaluation_record(Db *db, Arena *a, Scope scope, const char *actor, Evaluation *e, Findings *out) {
  findings_init(out, a);
  if (!e->cadre_code) return CB_EINVAL;
  if (db_begin(db)) return CB_EDB;
  long long org = 0;
  int rc = cadre_id_in_scope(db, scope, e->cadre_code, &e->cadre_id);
  if (rc == 0) rc = evaluation_insert(db, a, e);
  if (rc == 0) rc = evaluation_org_of(db, e->cadre_id, &org);
  if (rc == 0) rc = evaluation_quota_refresh(db, a, org, e->year);
  if (rc == 0) {
    json_t *j = json_pack("{s:s, s:i, s:s}", "cadre_code", e->cadre_code, "year", e->year, "rating", e->rating);
    if (e->score >= 0) json_object_set_new(j, "score", json_integer(e->score));
    char *js = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    rc = audit_log(db, actor, "create", "evaluation", arena_printf(a, "%lld", e->id), NULL, js);
    free(js);
    json_decref(j);
  }
  if (rc == 0) rc = findings_load(db, a, "evaluation", e->id, out);
  char date[16];
  snprintf(date, sizeof date, "%04d-12-31", e->year);
  if (rc == 0) {
    DbStmt *st = db_prepare(db, "SELECT rule, result, message, basis FROM findings WHERE subject = 'evaluation_org' "
                                "AND subject_id = ? AND act_date = ? ORDER BY id");
    if (!st) rc = CB_EDB;
    else {
      db_bind_int(st, 1, org);
      db_bind_text(st, 2, date);
      while (db_step(st) == DB_ROW)
        findings_add_raw(out, db_text(st, 0), db_text(st, 3), result_parse(db_text(st, 1)), "%s", db_text(st, 2));
      db_finalize(st);
    }
  }
  if (rc == 0) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

static Evaluation *grow(Arena *a, Evaluation *v, int cnt, int *cap) {
  if (cnt < *cap) return v;
  Evaluation *w = arena_alloc(a, sizeof *v * (size_t)*cap * 2);
  memcpy(w, v, sizeof *v * (size_t)cnt);
  *cap *= 2;
  return w;
}

static void read_eval(DbStmt *st, Arena *a, Evaluation *e) {
  e->id = db_int(st, 0);
  e->cadre_id = db_int(st, 1);
  e->cadre_code = arena_strdup(a, db_text(st, 2));
  e->cadre_name = arena_strdup(a, db_text(st, 3));
  e->unit_code = arena_strdup(a, db_text(st, 4));
  e->unit_name = arena_strdup(a, db_text(st, 5));
  e->year = (int)db_int(st, 6);
  e->rating = arena_strdup(a, db_text(st, 7));
  e->score = db_isnull(st, 8) ? -1 : (int)db_int(st, 8);
}

#define EVAL_SEL                                                                                          \
  "SELECT e.id, e.cadre_id, c.code, c.full_name, u.code, u.name, e.year, e.rating, e.score "              \
  "FROM evaluations e JOIN cadres c ON c.id = e.cadre_id JOIN units u ON u.id = c.unit_id "              \
  "WHERE (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) AND (?3 IS NULL OR (u.path >= ?3 AND u.path < substr(?3, 1, length(?3) - 1) || '0')) "

/*
** One page of a year's ratings (issue 9): the units of the subtree and scope in the list's order with their
** counted ratings (eval_counts), then only the units the page [offset, offset + limit) falls in, each read in
** name order from the cadres of the unit (cadres_unit_sort) and stopped at the page's end -- instead of
** sorting every rating of the year for each page (100,000 of them in a 100,000-cadre province).
*/
static int list_page(Db *db, Arena *a, const EvaluationQuery *q, Evaluation **out, int *n) {
  DbStmt *units = db_prepare(db, DB_ONE_PLAN "SELECT u.id, sum(ec.n) FROM units u CROSS JOIN eval_counts ec ON ec.unit_id = u.id "
                                 "WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "
                                 "AND (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) "
                                 "AND ec.year = ?3 GROUP BY u.id, u.name, u.code HAVING sum(ec.n) > 0 "
                                 "ORDER BY u.name COLLATE vi, u.code");
  DbStmt *rows = db_prepare(db, "SELECT e.id, e.cadre_id, c.code, c.full_name, u.code, u.name, e.year, e.rating, e.score "
                                "FROM cadres c CROSS JOIN evaluations e ON e.cadre_id = c.id JOIN units u ON u.id = c.unit_id "
                                "WHERE c.unit_id = ?1 AND e.year = ?2 ORDER BY c.sort_key, c.code LIMIT ?3 OFFSET ?4");
  if (!units || !rows) {
    db_finalize(units);
    db_finalize(rows);
    return CB_EDB;
  }
  db_bind_text(units, 1, q->unit_path);
  db_bind_text(units, 2, q->scope);
  db_bind_int(units, 3, q->year);
  int cap = 32, cnt = 0, rc = DB_DONE;
  Evaluation *v = arena_alloc(a, sizeof *v * (size_t)cap);
  long long skip = q->offset; /* rows of the page's first unit before the page */
  while (cnt < q->limit && (rc = db_step(units)) == DB_ROW) {
    long long in_unit = db_int(units, 1);
    if (skip >= in_unit) {
      skip -= in_unit;
      continue;
    }
    db_bind_int(rows, 1, db_int(units, 0));
    db_bind_int(rows, 2, q->year);
    db_bind_int(rows, 3, q->limit - cnt);
    db_bind_int(rows, 4, skip);
    while ((rc = db_step(rows)) == DB_ROW) {
      v = grow(a, v, cnt, &cap);
      read_eval(rows, a, &v[cnt++]);
    }
    db_reset(rows);
    if (rc != DB_DONE) break;
    skip = 0;
    rc = DB_ROW;
  }
  db_finalize(units);
  db_finalize(rows);
  *out = v;
  *n = cnt;
  return rc < 0 ? CB_EDB : 0;
}

int evaluation_list(Db *db, Arena *a, const EvaluationQuery *q, Evaluation **out, int *n) {
  if (!q->cadre_id && q->year && q->limit > 0) return list_page(db, a, q, out, n);
  return evaluation_read(evaluation_stmt(db, q), a, out, n);
}

DbStmt *evaluation_stmt(Db *db, const EvaluationQuery *q) {
  /* One literal per filter shape, so that SQLite can use the (cadre_id, year) index for one cadre: an
     "?1 = 0 OR e.cadre_id = ?1" test would make it scan every evaluation (550,000 rows in a 100,000 demo). A whole
     year (the CSV) reads every rating: no index on the year alone since schema 46 (it held every rating to serve
     the failed ones, now evaluations_failed). */
  DbStmt *st;
  if (q->cadre_id) /* one cadre's ratings: one plan for every cadre (DB_ONE_PLAN) */
    st = db_prepare(db, DB_ONE_PLAN EVAL_SEL "AND e.cadre_id = ?1 AND (?4 = 0 OR e.year = ?4) "
                                 "ORDER BY e.year DESC, u.name COLLATE vi, u.code, c.sort_key, c.code");
  else if (q->year)
    st = db_prepare(db, EVAL_SEL "AND ?1 = 0 AND e.year = ?4 ORDER BY e.year DESC, u.name COLLATE vi, u.code, c.sort_key, c.code");
  else
    st = db_prepare(db, EVAL_SEL "AND ?1 = 0 AND ?4 = 0 ORDER BY e.year DESC, u.name COLLATE vi, u.code, c.sort_key, c.code");
  if (!st) return NULL;
  db_bind_int(st, 1, q->cadre_id);
  db_bind_text(st, 2, q->unit_path);
  db_bind_text(st, 3, q->scope);
  db_bind_int(st, 4, q->year);
  return st;
}

DbStmt *evaluation_stmt_for_cadre(Db *db, long long cadre_id) {
  /* evaluation_stmt's columns and order for one cadre (one rating a year: evaluation_records_live) */
  DbStmt *st = db_prepare(db, "SELECT e.id, e.cadre_id, NULL, NULL, NULL, NULL, e.year, e.rating, e.score "
                              "FROM evaluations e WHERE e.cadre_id = ? ORDER BY e.year DESC");
  if (st) db_bind_int(st, 1, cadre_id);
  return st;
}

int evaluation_read(DbStmt *st, Arena *a, Evaluation **out, int *n) {
  if (!st) return CB_EDB;
  int cap = 32, cnt = 0, rc = DB_DONE;
  Evaluation *v = arena_alloc(a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    v = grow(a, v, cnt, &cap);
    read_eval(st, a, &v[cnt++]);
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? CB_EDB : 0;
}

int evaluation_counts(Db *db, const EvaluationQuery *q, int counts[4], int *total) {
  static const char *const L[4] = {"excellent", "good", "completed", "failed"};
  memset(counts, 0, sizeof(int) * 4);
  *total = 0;
  /* from eval_counts (schema 0037): the units of the subtree and scope, then their counted ratings of the year */
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT ec.rating, sum(ec.n) FROM units u CROSS JOIN eval_counts ec ON ec.unit_id = u.id "
                              "WHERE (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) "
                              "AND (?3 IS NULL OR (u.path >= ?3 AND u.path < substr(?3, 1, length(?3) - 1) || '0')) AND ec.year = ?4 "
                              "GROUP BY ec.rating");
  if (!st) return CB_EDB;
  db_bind_text(st, 2, q->unit_path);
  db_bind_text(st, 3, q->scope);
  db_bind_int(st, 4, q->year);
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    const char *r = db_text(st, 0);
    int n = (int)db_int(st, 1);
    *total += n;
    for (int k = 0; k < 4; k++)
      if (r && strcmp(r, L[k]) == 0) counts[k] += n;
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

int evaluation_quota(Db *db, Arena *a, Scope scope, const char *unit_path, int year, EvaluationOrg **out, int *n) {
  *out = NULL, *n = 0;
  char date[16];
  snprintf(date, sizeof date, "%04d-12-31", year);
  Findings f;
  findings_init(&f, a);
  RuleVersion rv;
  bool have = rules_get(db, &f, "EVAL-2", date, &rv);
  DbStmt *st = db_prepare(db, ORG_COUNTS);
  if (!st) return CB_EDB;
  db_bind_int(st, 1, year);
  db_bind_int(st, 2, 0);
  int cap = 16, cnt = 0, rc;
  EvaluationOrg *v = arena_alloc(a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    const char *path = db_text(st, 3);
    /* An organization above the subtree concerns it only when it is grassroots (it then contains the subtree's
       cadres); a non-grassroots unit is an organization of its own cadres only. */
    bool grassroots = strcmp(db_text(st, 8), "grassroots") == 0;
    bool inside = !unit_path || unit_path_in_scope(path, unit_path) || (grassroots && unit_path_in_scope(unit_path, path));
    const char *sp = scope_unit_path(scope); /* a grassroots organization above the scope concerns it too */
    bool visible = scope_contains(scope, path) || (grassroots && sp && unit_path_in_scope(sp, path));
    if (!inside || !visible) continue;
    if (cnt == cap) {
      EvaluationOrg *w = arena_alloc(a, sizeof *v * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)cnt);
      v = w, cap *= 2;
    }
    EvaluationOrg *o = &v[cnt++];
    o->org_id = db_int(st, 0);
    o->org_code = arena_strdup(a, db_text(st, 1));
    o->org_name = arena_strdup(a, db_text(st, 2));
    o->excellent = (int)db_int(st, 4), o->good = (int)db_int(st, 5);
    o->completed = (int)db_int(st, 6), o->failed = (int)db_int(st, 7);
    if (have) {
      f.n = 0;
      evaluation_quota_finding(&f, &rv, o->org_name, year, o->excellent, o->good);
    }
    o->finding = f.v[f.n - 1];
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? CB_EDB : 0;
}

int evaluation_flagged(Db *db, Arena *a, Scope scope, const char *unit_path, int year, Evaluation **out, int *n, int *years) {
  *out = NULL, *n = 0, *years = 0;
  char date[16];
  snprintf(date, sizeof date, "%04d-12-31", year);
  RuleVersion rv;
  int rc = rules_in_force(db, a, "EVAL-3", date, &rv);
  if (rc == CB_ENOTFOUND) return 0;
  if (rc) return rc;
  long need = rule_param_int(&rv, "years", 2);
  if (need < 1) need = 1;
  *years = (int)need;
  DbStmt *st = db_prepare(db, EVAL_SEL "AND e.year = ?1 AND e.rating = 'failed' AND (SELECT count(*) FROM evaluations x "
                                       "WHERE x.cadre_id = e.cadre_id AND x.rating = 'failed' AND x.year > ?1 - ?4 "
                                       "AND x.year <= ?1) = ?4 ORDER BY u.name COLLATE vi, c.sort_key, c.code");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, year);
  db_bind_text(st, 2, unit_path);
  scope_bind(st, 3, scope);
  db_bind_int(st, 4, need);
  int cap = 16, cnt = 0;
  Evaluation *v = arena_alloc(a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    v = grow(a, v, cnt, &cap);
    read_eval(st, a, &v[cnt++]);
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? CB_EDB : 0;
}

int evaluation_latest_year(Db *db, Scope scope, const char *unit_path) {
  /* the newest year counted in a unit of the subtree and scope (eval_counts, schema 0037) */
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT max(ec.year) FROM units u CROSS JOIN eval_counts ec ON ec.unit_id = u.id "
                              "WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "
                              "AND (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) AND ec.n > 0");
  if (!st) return 0;
  db_bind_text(st, 1, unit_path);
  scope_bind(st, 2, scope);
  int y = db_step(st) == DB_ROW && !db_isnull(st, 0) ? (int)db_int(st, 0) : 0;
  db_finalize(st);
  return y;
}

int evaluation_refresh(Db *db, Arena *a, long long id) {
  DbStmt *st = db_prepare(db, "SELECT e.cadre_id, e.year, e.rating, coalesce(e.score, -1), c.code FROM evaluations e "
                              "JOIN cadres c ON c.id = e.cadre_id WHERE e.id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  Evaluation e = {.id = id};
  int rc = db_step(st);
  if (rc == DB_ROW) {
    e.cadre_id = db_int(st, 0), e.year = (int)db_int(st, 1), e.rating = arena_strdup(a, db_text(st, 2));
    e.score = (int)db_int(st, 3), e.cadre_code = arena_strdup(a, db_text(st, 4));
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  DbStmt *del = db_prepare(db, "DELETE FROM findings WHERE subject = 'evaluation' AND subject_id = ?");
  if (!del) return CB_EDB;
  db_bind_int(del, 1, id);
  if (db_run(del)) return CB_EDB;
  long long org = 0;
  int year = e.year;
  if (rc == DB_ROW) { /* live: its own findings again, and the runs around it */
    Findings f;
    char date[16];
    snprintf(date, sizeof date, "%04d-12-31", e.year);
    rc = evaluation_findings(db, a, &e, &f);
    if (!rc) rc = findings_store(db, "evaluation", id, e.cadre_id, date, &f);
    if (!rc) rc = refresh_run(db, a, &e);
    if (!rc) rc = evaluation_org_of(db, e.cadre_id, &org);
    return rc ? rc : evaluation_quota_refresh(db, a, org, year);
  }
  return 0;
}

/*
** Eligibility for planning (quy hoạch): PLAN-1 pool size, PLAN-2 titles of
** the same level per person, PLAN-3 only a higher title, PLAN-4 a full term
** of service left from the start of the term, PARTY-1 Party membership for a
** Party post (a probationary member warns), PLAN-11 no open appointment
** proposal for the same title, then the discipline bars (DISC-1/2/3) and the
** title standards (STD-1, gaps as warnings: training can close them).
**
** A cadre is in the pool of (term, unit, title) on a date when their latest
** planning act for it dated on or before that date is 'add'.
*/
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/elig_internal.h"
#include "domain/term.h"

typedef struct {
  const char *term; /* "2025-2030" */
  Date start;       /* 01/01 of its first year */
} Term;

/* "YYYY-YYYY" with the second year after the first. */
static bool term_parse(const char *s, Term *t) {
  if (!s || strlen(s) != 9 || s[4] != '-') return false;
  for (int i = 0; i < 9; i++)
    if (i != 4 && !isdigit((unsigned char)s[i])) return false;
  int y1 = atoi(s), y2 = atoi(s + 5);
  if (y1 < 1900 || y2 <= y1 || y2 > y1 + 10) return false;
  t->term = s;
  t->start = (Date){y1, 1, 1};
  return true;
}

/* PLAN-1: others currently in the pool; adding this cadre makes n+1. */
static int plan_pool_size(Elig *e, const Term *t) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "PLAN-1", e->iso, &rv)) return 0;
  DbStmt *st = db_prepare(e->db, "SELECT count(*) FROM (SELECT action, row_number() OVER (PARTITION BY cadre_id "
                                 "ORDER BY date DESC, id DESC) AS rn FROM planning WHERE term = ? AND unit_id = ? AND "
                                 "title_id = ? AND date <= ? AND cadre_id <> ? AND id <> ?) AS x "
                                 "WHERE rn = 1 AND action = 'add'");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, t->term);
  db_bind_int(st, 2, e->unit.id);
  db_bind_int(st, 3, e->title.id);
  db_bind_text(st, 4, e->iso);
  db_bind_int(st, 5, e->cadre.id);
  db_bind_int(st, 6, e->req->exclude_planning_id);
  int rc = db_step(st);
  long n = rc == DB_ROW ? (long)db_int(st, 0) : 0;
  db_finalize(st);
  if (rc != DB_ROW) return CB_EDB;
  long max = rule_param_int(&rv, "max_per_title", 3), warn = rule_param_int(&rv, "warn_above", 0);
  const char *pool = arena_printf(e->a, "Nguồn quy hoạch chức danh %s (%s, nhiệm kỳ %s) đã có %ld người", e->title.name,
                                  e->unit.name, t->term, n);
  if (n + 1 > max)
    findings_add(e->f, &rv, RESULT_FAIL, "%s; thêm người thứ %ld vượt mức tối đa %ld.", pool, n + 1, max);
  else if (warn > 0 && n + 1 > warn)
    findings_add(e->f, &rv, RESULT_WARN, "%s; thêm người thứ %ld vượt mức thông thường %ld (tối đa %ld).", pool, n + 1,
                 warn, max);
  else
    findings_add(e->f, &rv, RESULT_PASS, "%s; thêm người thứ %ld, trong mức tối đa %ld.", pool, n + 1, max);
  return 0;
}

/* "cấp xã"... for a title level, lower case for the middle of a sentence. */
static const char *level_vi(const char *level) {
  static const char *const L[][2] = {{"central", "cấp trung ương"}, {"province", "cấp tỉnh"}, {"district", "cấp huyện"},
                                     {"commune", "cấp xã"},         {"grassroots", "cấp cơ sở"}};
  for (int i = 0; level && i < 5; i++)
    if (strcmp(level, L[i][0]) == 0) return L[i][1];
  return level ? level : "";
}

/* PLAN-2: distinct titles of the same level the cadre is planned for in the term (+1 if this one is new). */
static int plan_titles(Elig *e, const Term *t) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "PLAN-2", e->iso, &rv)) return 0;
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT DISTINCT title_id FROM (SELECT p.title_id, p.action, row_number() OVER "
                                 "(PARTITION BY p.unit_id, p.title_id ORDER BY p.date DESC, p.id DESC) AS rn "
                                 "FROM planning p JOIN titles t ON t.id = p.title_id WHERE p.cadre_id = ? AND "
                                 "p.term = ? AND t.level = ? AND p.date <= ? AND p.id <> ?) AS x "
                                 "WHERE rn = 1 AND action = 'add'");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_text(st, 2, t->term);
  db_bind_text(st, 3, e->title.level);
  db_bind_text(st, 4, e->iso);
  db_bind_int(st, 5, e->req->exclude_planning_id);
  int rc;
  long n = 0;
  bool has = false;
  while ((rc = db_step(st)) == DB_ROW) {
    n++;
    if (db_int(st, 0) == e->title.id) has = true;
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  long max = rule_param_int(&rv, "max_titles", 3), total = has ? n : n + 1;
  const char *lvl = level_vi(e->title.level);
  if (has)
    findings_add(e->f, &rv, total > max ? RESULT_FAIL : RESULT_PASS,
                 "Đã có trong quy hoạch chức danh này; tổng %ld chức danh %s trong nhiệm kỳ %s (tối đa %ld).", total,
                 lvl, t->term, max);
  else
    findings_add(e->f, &rv, total > max ? RESULT_FAIL : RESULT_PASS,
                 "Đang được quy hoạch %ld chức danh %s trong nhiệm kỳ %s; thêm chức danh này thành %ld, %s %ld.", n, lvl,
                 t->term, total, total > max ? "vượt mức tối đa" : "trong mức tối đa", max);
  return 0;
}

/* PLAN-3: the title must rank above every position the cadre holds on the date. */
static int plan_higher(Elig *e) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "PLAN-3", e->iso, &rv)) return 0;
  int rank = 0;
  const char *name = NULL, *since = NULL;
  bool found;
  int rc = elig_current_rank(e, &rank, &name, &since, &found);
  if (rc) return rc;
  if (!found)
    findings_add(e->f, &rv, RESULT_PASS, "Chưa giữ chức vụ nào vào ngày %s; chức danh %s (hạng %d) được xem là cao hơn.",
                 e->vn, e->title.name, e->title.rank);
  else if (e->title.rank > rank)
    findings_add(e->f, &rv, RESULT_PASS, "Chức danh %s (hạng %d) cao hơn chức vụ đang giữ %s (hạng %d).", e->title.name,
                 e->title.rank, name, rank);
  else
    findings_add(e->f, &rv, RESULT_FAIL, "Chức danh %s (hạng %d) không cao hơn chức vụ đang giữ %s (hạng %d).",
                 e->title.name, e->title.rank, name, rank);
  return 0;
}

/* PLAN-4: months of service left at the start of the term. */
static void plan_age(Elig *e, const Term *t) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "PLAN-4", e->iso, &rv)) return;
  long min = rule_param_int(&rv, "min_months", 60);
  int left = elig_months_left(e, t->start);
  const char *from = elig_vn(e, t->start);
  if (left == INT_MIN)
    findings_add(e->f, &rv, RESULT_NA, "Không xác định được thời gian công tác còn lại (ngày sinh '%s').",
                 e->cadre.birth_date ? e->cadre.birth_date : "");
  else if (left >= min)
    findings_add(e->f, &rv, RESULT_PASS,
                 "Còn %d tháng công tác tính từ %s (≥ %ld tháng cần cho một nhiệm kỳ); nghỉ hưu từ %s.", left,
                 from, min, elig_retirement_vn(e));
  else
    findings_add(e->f, &rv, RESULT_FAIL,
                 "Còn %d tháng công tác tính từ %s (< %ld tháng cần cho một nhiệm kỳ); nghỉ hưu từ %s.", left, from,
                 min, elig_retirement_vn(e));
}

/* The day part of a stored timestamp ("2025-03-01T08:00:00Z" -> "2025-03-01"), in e->a. */
static const char *created_day(Elig *e, const char *ts) {
  return ts ? arena_strndup(e->a, ts, strnlen(ts, 10)) : "";
}

/* PLAN-11: no open appointment proposal for the same cadre and title. */
static int plan_no_proposal(Elig *e) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "PLAN-11", e->iso, &rv)) return 0;
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT p.id, p.created_at, u.name FROM proposals p JOIN units u ON u.id = p.unit_id "
                                 "WHERE p.cadre_id = ? AND p.title_id = ? AND p.status = 'open' ORDER BY p.id LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_int(st, 2, e->title.id);
  int rc = db_step(st);
  if (rc == DB_ROW) {
    char vn[16];
    findings_add(e->f, &rv, RESULT_FAIL,
                 "Đang có đề nghị bổ nhiệm số %lld (lập ngày %s, %s) cho chức danh %s; không quy hoạch đồng thời.",
                 db_int(st, 0), date_iso_to_vn(created_day(e, db_text(st, 1)), vn),
                 db_text(st, 2),
                 e->title.name);
  } else if (rc == DB_DONE) {
    findings_add(e->f, &rv, RESULT_PASS, "Không có đề nghị bổ nhiệm nào đang xử lý cho chức danh %s.", e->title.name);
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

int elig_planning(Elig *e) {
  Term t;
  const char *term = e->req->term && *e->req->term ? e->req->term : term_of(e->a, e->iso);
  if (!term_parse(term, &t)) return CB_EINVAL;
  const char *until;
  if (e->req->leave_only) {
    plan_age(e, &t);
    return elig_discipline(e, true, true, "", &until);
  }
  int rc = plan_pool_size(e, &t);
  if (rc == 0) rc = plan_titles(e, &t);
  if (rc == 0) rc = plan_higher(e);
  if (rc == 0) plan_age(e, &t);
  if (rc == 0) elig_party(e, true);
  if (rc == 0) rc = plan_no_proposal(e);
  if (rc == 0) rc = elig_discipline(e, true, true, "", &until);
  if (rc == 0) elig_standards(e, RESULT_WARN, NULL);
  return rc;
}

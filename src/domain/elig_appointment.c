/*
** Eligibility for appointment, promotion, nomination, reappointment and
** extension (QĐ 80-QĐ/TW): APPT-1 in planning, APPT-2 time in the current
** or an equivalent post, APPT-3 a full term of service left, APPT-4 the
** discipline bars (with DISC-1/2/3), APPT-5 recent evaluations (off by
** default), APPT-6 the title's standards (STD-1, gaps fail), APPT-10 at most
** N consecutive terms as head of the same unit, PARTY-1 Party membership
** for a Party post, and the REL checks.
** Reappointment and extension skip APPT-1 and APPT-3 (n/a with a message);
** for them APPT-2 measures the post being renewed (this title in this unit,
** main or concurrent), which must be held on the date, and APPT-9 says
** whether the months left at the end of its term call for a reappointment
** or an extension.
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/elig_internal.h"
#include "domain/relative.h"
#include "domain/term.h"

static const char *kind_of(const Elig *e) { return e->req->kind && *e->req->kind ? e->req->kind : "appointment"; }
static const char *source_of(const Elig *e) { return e->req->source && *e->req->source ? e->req->source : "internal"; }
static bool is_renewal(const Elig *e) {
  return strcmp(kind_of(e), "reappointment") == 0 || strcmp(kind_of(e), "extension") == 0;
}

/* APPT-1: in a pool of this title or of an equal/higher one (same unit for internal source), this or the previous term. */
static int appt_planned(Elig *e) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "APPT-1", e->iso, &rv)) return 0;
  if (is_renewal(e)) {
    findings_add(e->f, &rv, RESULT_NA, "Bổ nhiệm lại, kéo dài thời gian giữ chức vụ: không xét điều kiện quy hoạch.");
    return 0;
  }
  bool internal = strcmp(source_of(e), "internal") == 0;
  const char *term = term_of(e->a, e->iso), *prev = term_previous(e->a, term);
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT t.name, x.term, x.date, u.name FROM (SELECT p.term, p.unit_id, p.title_id, "
                                 "p.action, p.date, row_number() OVER (PARTITION BY p.term, p.unit_id, p.title_id "
                                 "ORDER BY p.date DESC, p.id DESC) AS rn FROM planning p WHERE p.cadre_id = ? AND "
                                 "p.date <= ? AND p.term IN (?, ?)) AS x JOIN titles t ON t.id = x.title_id "
                                 "JOIN units u ON u.id = x.unit_id WHERE x.rn = 1 AND x.action = 'add' AND t.rank >= ? "
                                 "AND (? = 0 OR x.unit_id = ?) "
                                 "ORDER BY CASE WHEN x.title_id = ? THEN 0 ELSE 1 END, t.rank, x.term DESC LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_text(st, 2, e->iso);
  db_bind_text(st, 3, term);
  db_bind_text(st, 4, prev);
  db_bind_int(st, 5, e->title.rank);
  db_bind_int(st, 6, internal ? 1 : 0);
  db_bind_int(st, 7, e->unit.id);
  db_bind_int(st, 8, e->title.id);
  int rc = db_step(st);
  const char *where = internal ? arena_printf(e->a, "tại %s", e->unit.name) : "ở bất kỳ đơn vị nào";
  if (rc == DB_ROW) {
    char vn[16];
    findings_add(e->f, &rv, RESULT_PASS, "Nguồn %s: có trong quy hoạch chức danh %s (%s, nhiệm kỳ %s, từ ngày %s).",
                 internal ? "tại chỗ" : "bên ngoài", db_text(st, 0), db_text(st, 3), db_text(st, 1),
                 date_iso_to_vn(db_text(st, 2), vn));
  } else if (rc == DB_DONE) {
    findings_add(e->f, &rv, RESULT_FAIL,
                 "Nguồn %s: không có trong quy hoạch chức danh %s hoặc chức danh tương đương, cao hơn %s "
                 "(nhiệm kỳ %s hoặc %s) vào ngày %s.",
                 internal ? "tại chỗ" : "bên ngoài", e->title.name, where, term, prev, e->vn);
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

typedef struct {
  Date start, end;
} Span;

/* Merge spans sorted by start (a gap of up to 31 days joins them); returns the new count. */
static int merge_spans(Span *v, int n) {
  int k = 0;
  for (int i = 0; i < n; i++) {
    if (k > 0 && date_cmp(v[i].start, date_add_days(v[k - 1].end, 31)) <= 0) {
      if (date_cmp(v[i].end, v[k - 1].end) > 0) v[k - 1].end = v[i].end;
    } else {
      v[k++] = v[i];
    }
  }
  return k;
}

/* Append a span [start, end or `cap`] clipped to cap; false when the dates do not parse. */
static bool span_push(Span *v, int *n, int max, const char *start, const char *end, Date cap) {
  Span s;
  if (*n >= max || !start || date_parse(start, &s.start, DATE_FULL) != 0) return false;
  if (!end || !*end || date_parse(end, &s.end, DATE_FULL) != 0 || date_cmp(s.end, cap) > 0) s.end = cap;
  if (date_cmp(s.start, cap) > 0) return false;
  v[(*n)++] = s;
  return true;
}

/*
** APPT-2 for a reappointment or an extension: the post being renewed is this
** title in this unit; it must be held on the date, and its time is reported.
*/
static int appt_time_in_renewed_post(Elig *e, const RuleVersion *rv) {
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT start_date, end_date FROM positions WHERE cadre_id = ? AND title_id = ? AND "
                                 "unit_id = ? AND start_date <= ? ORDER BY start_date");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_int(st, 2, e->title.id);
  db_bind_int(st, 3, e->unit.id);
  db_bind_text(st, 4, e->iso);
  Span v[64];
  int n = 0, rc;
  bool current = false;
  while ((rc = db_step(st)) == DB_ROW) {
    const char *end = db_text(st, 1);
    if (!end || !*end || strcmp(end, e->iso) >= 0) current = true;
    span_push(v, &n, 64, db_text(st, 0), end, e->date);
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  const char *post = title_display(e->a, e->title.name, e->unit.name, e->unit.level);
  if (!current) {
    findings_add(e->f, rv, RESULT_FAIL, "Không giữ chức vụ %s vào ngày %s: không có chức vụ để %s.", post, e->vn,
                 strcmp(kind_of(e), "extension") == 0 ? "kéo dài thời gian giữ" : "bổ nhiệm lại");
    return 0;
  }
  n = merge_spans(v, n);
  int months = 0;
  for (int i = 0; i < n; i++) months += elig_full_months(v[i].start, v[i].end);
  findings_add(e->f, rv, RESULT_PASS, "Đang giữ chức vụ %s (chức vụ được %s), đã giữ %s tính đến ngày %s.",
               post, strcmp(kind_of(e), "extension") == 0 ? "kéo dài" : "bổ nhiệm lại", elig_duration(e, months), e->vn);
  return 0;
}

/* APPT-2: months in posts ranked at least as the current one, up to the date. */
static int appt_time_in_post(Elig *e) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "APPT-2", e->iso, &rv)) return 0;
  if (is_renewal(e)) return appt_time_in_renewed_post(e, &rv);
  long min_years = rule_param_int(&rv, "min_years", 2);
  int rank = 0;
  const char *name = NULL, *since = NULL;
  bool found;
  int rc = elig_current_rank(e, &rank, &name, &since, &found);
  if (rc) return rc;
  if (!found) {
    findings_add(e->f, &rv, RESULT_WARN,
                 "Không giữ chức vụ nào vào ngày %s: không tính được thời gian giữ chức vụ (cần %ld năm); cần xem xét.",
                 e->vn, min_years);
    return 0;
  }
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT p.start_date, p.end_date FROM positions p JOIN titles t ON t.id = p.title_id "
                                 "WHERE p.cadre_id = ? AND t.rank >= ? AND p.start_date <= ? ORDER BY p.start_date");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_int(st, 2, rank);
  db_bind_text(st, 3, e->iso);
  Span v[64];
  int n = 0;
  while ((rc = db_step(st)) == DB_ROW) span_push(v, &n, 64, db_text(st, 0), db_text(st, 1), e->date);
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  n = merge_spans(v, n);
  int months = 0;
  for (int i = 0; i < n; i++) months += elig_full_months(v[i].start, v[i].end);
  bool ok = months >= min_years * 12;
  findings_add(e->f, &rv, ok ? RESULT_PASS : RESULT_FAIL,
               "Đã giữ chức vụ %s (hoặc tương đương) %s tính đến ngày %s (%s %ld năm).", name, elig_duration(e, months),
               e->vn, ok ? "≥" : "<", min_years);
  return 0;
}

/* APPT-3: a full term of service left at the decision date (first appointments). */
static void appt_age(Elig *e) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "APPT-3", e->iso, &rv)) return;
  if (is_renewal(e)) {
    findings_add(e->f, &rv, RESULT_NA,
                 "Bổ nhiệm lại, kéo dài: không xét thời gian công tác cho một nhiệm kỳ (xem APPT-9).");
    return;
  }
  long min = rule_param_int(&rv, "min_months", 60);
  int left = elig_months_left(e, e->date);
  if (left == INT_MIN)
    findings_add(e->f, &rv, RESULT_NA, "Không xác định được thời gian công tác còn lại (ngày sinh '%s').",
                 e->cadre.birth_date ? e->cadre.birth_date : "");
  else
    findings_add(e->f, &rv, left >= min ? RESULT_PASS : RESULT_FAIL,
                 "Còn %d tháng công tác tính từ %s (%s %ld tháng cần cho một nhiệm kỳ); nghỉ hưu từ %s.", left,
                 e->vn, left >= min ? "≥" : "<", min, elig_retirement_vn(e));
}

/* APPT-4: a summary of the discipline findings above it. */
static void appt_discipline(Elig *e, const char *until) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "APPT-4", e->iso, &rv)) return;
  if (strcmp(until, "*") == 0) {
    findings_add(e->f, &rv, RESULT_FAIL, "Bị kỷ luật với hình thức không có thời hạn kết thúc (xem DISC-1, DISC-2).");
  } else if (*until) {
    Date d;
    date_parse(until, &d, DATE_FULL);
    findings_add(e->f, &rv, RESULT_FAIL, "Đang trong thời hạn kỷ luật đến hết ngày %s (xem DISC-1, DISC-2, DISC-3).",
                 elig_vn(e, d));
  } else {
    findings_add(e->f, &rv, RESULT_PASS, "Không trong thời hạn kỷ luật vào ngày %s.", e->vn);
  }
}

static int rating_rank(const char *r) {
  static const char *const R[] = {"failed", "completed", "good", "excellent"};
  for (int i = 0; r && i < 4; i++)
    if (strcmp(r, R[i]) == 0) return i + 1;
  return 0;
}

static const char *rating_label(const char *r) {
  static const char *const L[] = {"không hoàn thành nhiệm vụ", "hoàn thành nhiệm vụ", "hoàn thành tốt nhiệm vụ",
                                  "hoàn thành xuất sắc nhiệm vụ"};
  int k = rating_rank(r);
  return k ? L[k - 1] : "?";
}

/* APPT-5 (local rule, off by default): the last N yearly ratings at least `min_rating`. */
static int appt_evaluations(Elig *e) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "APPT-5", e->iso, &rv)) return 0;
  if (!rule_param_bool(&rv, "enabled", false)) {
    findings_add(e->f, &rv, RESULT_NA, "Không áp dụng (tắt): quy định địa phương chưa được bật.");
    return 0;
  }
  long years = rule_param_int(&rv, "years", 2);
  const char *min = rule_param_str(&rv, e->a, "min_rating", "good");
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT year, rating FROM evaluations WHERE cadre_id = ? AND year < ? "
                                 "ORDER BY year DESC LIMIT ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_int(st, 2, e->date.y);
  db_bind_int(st, 3, years);
  int rc, n = 0;
  const char *bad = NULL;
  long bad_year = 0;
  while ((rc = db_step(st)) == DB_ROW) {
    n++;
    if (!bad && rating_rank(db_text(st, 1)) < rating_rank(min))
      bad = arena_strdup(e->a, db_text(st, 1)), bad_year = (long)db_int(st, 0);
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  if (bad)
    findings_add(e->f, &rv, RESULT_FAIL, "Năm %ld xếp loại %s, thấp hơn yêu cầu %s (%ld năm gần nhất).", bad_year,
                 rating_label(bad), rating_label(min), years);
  else if (n < years)
    findings_add(e->f, &rv, RESULT_WARN, "Chỉ có %d năm được đánh giá trước năm %d (cần %ld năm từ mức %s).", n,
                 e->date.y, years, rating_label(min));
  else
    findings_add(e->f, &rv, RESULT_PASS, "%ld năm gần nhất đều xếp loại từ %s trở lên.", years, rating_label(min));
  return 0;
}

/* APPT-6: a summary of the STD-1 findings above it. */
static void appt_standards(Elig *e, int gaps) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "APPT-6", e->iso, &rv)) return;
  if (gaps)
    findings_add(e->f, &rv, RESULT_FAIL, "Chưa đạt %d tiêu chuẩn của chức danh %s (xem STD-1).", gaps, e->title.name);
  else
    findings_add(e->f, &rv, RESULT_PASS, "Đạt các tiêu chuẩn tối thiểu của chức danh %s.", e->title.name);
}

static bool is_head_function(const char *f) {
  return f && (strcmp(f, "head") == 0 || strcmp(f, "party_secretary") == 0 || strcmp(f, "pc_chairman") == 0);
}

/*
** The spans in which the cadre held this title in this unit, up to the date:
** positions, and appointment decisions with their term (term_end, else the
** 5 years of APPT-7, ending the day before the anniversary).
*/
static int head_spans(Elig *e, Span *v, int max, int *n) {
  *n = 0;
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT start_date, end_date, 0 FROM positions WHERE cadre_id = ? AND title_id = ? AND "
                                 "unit_id = ? AND start_date <= ? UNION ALL SELECT decision_date, term_end, 1 "
                                 "FROM appointments WHERE cadre_id = ? AND title_id = ? AND unit_id = ? AND "
                                 "decision_date <= ? AND kind IN ('appointment','reappointment','promotion','extension') "
                                 "ORDER BY 1");
  if (!st) return CB_EDB;
  for (int k = 0; k < 2; k++) {
    db_bind_int(st, 1 + 4 * k, e->cadre.id);
    db_bind_int(st, 2 + 4 * k, e->title.id);
    db_bind_int(st, 3 + 4 * k, e->unit.id);
    db_bind_text(st, 4 + 4 * k, e->iso);
  }
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    const char *start = db_text(st, 0), *end = db_text(st, 1);
    char buf[16];
    Date d;
    if (db_int(st, 2) == 1 && (!end || !*end) && start && date_parse(start, &d, DATE_FULL) == 0)
      end = date_iso(date_add_days(date_add_months(d, 60), -1), buf); /* the day before the anniversary */
    span_push(v, n, max, start, end, e->date);
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  *n = merge_spans(v, *n);
  return 0;
}

/* APPT-10: consecutive 5-year terms as head of this unit; the new one is held + 1. */
static int appt_head_terms(Elig *e) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "APPT-10", e->iso, &rv)) return 0;
  if (!is_head_function(e->title.function)) {
    findings_add(e->f, &rv, RESULT_NA, "Chức danh %s không phải người đứng đầu (bí thư, chủ tịch UBND, thủ trưởng).",
                 e->title.name);
    return 0;
  }
  long max = rule_param_int(&rv, "max_terms", 2);
  Span v[64];
  int n, rc = head_spans(e, v, 64, &n);
  if (rc) return rc;
  /* The last span counts when it reaches the date (within the 31-day join gap). */
  int months = 0;
  const char *from = NULL;
  if (n > 0 && date_cmp(date_add_days(v[n - 1].end, 31), e->date) >= 0) {
    months = elig_full_months(v[n - 1].start, v[n - 1].end);
    from = elig_vn(e, v[n - 1].start);
  }
  long held = months > 0 ? (months + 59) / 60 : 0, next = held + 1;
  Result r = next > max ? RESULT_FAIL : next == max ? RESULT_WARN : RESULT_PASS;
  if (held == 0)
    findings_add(e->f, &rv, r, "Chưa giữ chức danh %s tại %s liên tục đến ngày %s; nhiệm kỳ mới là nhiệm kỳ thứ 1 (tối đa %ld).",
                 e->title.name, e->unit.name, e->vn, max);
  else
    findings_add(e->f, &rv, r,
                 "Đã giữ chức danh %s tại %s %ld nhiệm kỳ liên tiếp (từ %s, %d tháng); nhiệm kỳ mới là nhiệm kỳ thứ %ld, "
                 "%s %ld.",
                 e->title.name, e->unit.name, held, from, months, next,
                 next > max ? "vượt mức tối đa" : next == max ? "bằng mức tối đa" : "trong mức tối đa", max);
  return 0;
}

/*
** STD-1's age limit is for the FIRST appointment to a title: it applies to a
** kind "appointment" only when the cadre has never held this title (in any
** unit) before the date.
*/
static const char *first_appointment_age_at(Elig *e) {
  if (strcmp(kind_of(e), "appointment") != 0) return NULL;
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT 1 FROM positions WHERE cadre_id = ? AND title_id = ? AND start_date < ? LIMIT 1");
  if (!st) return e->iso;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_int(st, 2, e->title.id);
  db_bind_text(st, 3, e->iso);
  bool held = db_step(st) == DB_ROW;
  db_finalize(st);
  return held ? NULL : e->iso;
}

/*
** APPT-9 for a reappointment or an extension: the months of service left the
** day after the current term of this post ends (its latest decision with a
** term). Under APPT-9's `months` the term is extended to retirement instead
** of renewed: an extension above it fails, a reappointment below it warns.
*/
static int appt_renewal_kind(Elig *e) {
  if (!is_renewal(e)) return 0;
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "APPT-9", e->iso, &rv)) return 0;
  long months9 = rule_param_int(&rv, "months", 24);
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT term_end, decision_date FROM appointments WHERE cadre_id = ? AND title_id = ? AND "
                                 "unit_id = ? AND decision_date <= ? AND term_end IS NOT NULL AND kind IN "
                                 "('appointment','reappointment','promotion') ORDER BY decision_date DESC, id DESC LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_int(st, 2, e->title.id);
  db_bind_int(st, 3, e->unit.id);
  db_bind_text(st, 4, e->iso);
  int rc = db_step(st);
  Date end;
  bool have = rc == DB_ROW && date_parse(db_text(st, 0), &end, DATE_FULL) == 0;
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  if (!have || !e->birth_ok) {
    findings_add(e->f, &rv, RESULT_NA, "%s: không tính được thời gian công tác còn lại khi hết thời hạn.",
                 !have ? "Không có quyết định bổ nhiệm có thời hạn cho chức vụ này" : "Không rõ ngày sinh");
    return 0;
  }
  int left = elig_months_left(e, date_add_days(end, 1));
  bool ext = strcmp(kind_of(e), "extension") == 0, short_left = left < months9;
  Result r = ext ? (short_left ? RESULT_PASS : RESULT_FAIL) : (short_left ? RESULT_WARN : RESULT_PASS);
  findings_add(e->f, &rv, r, "Thời hạn giữ chức vụ hết ngày %s; khi đó còn %d tháng công tác (%s %ld tháng): %s.",
               elig_vn(e, end), left, short_left ? "<" : "≥", months9,
               short_left ? "kéo dài thời gian giữ chức vụ đến khi nghỉ hưu" : "xem xét bổ nhiệm lại");
  return 0;
}

int elig_appointment(Elig *e) {
  static const char *const kinds[] = {"appointment", "reappointment", "promotion", "nomination", "extension"};
  bool kind_ok = false;
  for (int i = 0; i < 5; i++) kind_ok |= strcmp(kind_of(e), kinds[i]) == 0;
  if (!kind_ok || (strcmp(source_of(e), "internal") != 0 && strcmp(source_of(e), "external") != 0)) return CB_EINVAL;
  bool nomination = strcmp(kind_of(e), "nomination") == 0;
  int rc = appt_planned(e);
  if (rc == 0) rc = appt_time_in_post(e);
  if (rc == 0) appt_age(e);
  if (rc == 0) rc = appt_renewal_kind(e);
  if (rc == 0) elig_party(e, false);
  const char *until = "";
  if (rc == 0)
    rc = elig_discipline(e, true, !nomination, "Kỷ luật hành chính không là điều kiện giới thiệu ứng cử (DISC-2).",
                         &until);
  if (rc == 0) appt_discipline(e, until);
  if (rc == 0) rc = appt_evaluations(e);
  int gaps = 0;
  if (rc == 0) gaps = elig_standards(e, RESULT_FAIL, first_appointment_age_at(e));
  if (rc == 0) appt_standards(e, gaps);
  if (rc == 0) rc = appt_head_terms(e);
  if (rc == 0) rc = relative_check(e->db, scope_from_legacy(e->req->scope), e->f, e->cadre.id, e->unit.id, e->title.id, e->iso);
  return rc;
}

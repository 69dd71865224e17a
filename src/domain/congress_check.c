/*
** The CONG checks of a congress personnel plan variant (REGULATIONS.md CONG;
** rule rows in schema 0009, ids in docs/RULES.md): structure (size, women,
** young, the three age brackets), each member's months of service left
** against the first-time / re-election limits, a non-local secretary, the
** standing committee and deputies, the renewal ratio and the reckoning
** month, and PARTY-1: every member of a Party committee is an official
** Party member on the congress date (the reckoning date when the congress
** date is not known). Every finding carries its numbers and its basis.
** Not for: storage (congress.c) or output (congress_xlsx.c, web/).
*/
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre_dated.h"
#include "domain/congress.h"
#include "domain/unit.h"

int congress_rule(Db *db, Arena *a, const char *rule, const char *term, const char *date, RuleVersion *out) {
  DbStmt *st = db_prepare(db, "SELECT id FROM rule_versions WHERE rule = ? AND enabled = 1 "
                              "ORDER BY effective_from DESC, id DESC");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, rule);
  long long ids[64];
  int n = 0, rc;
  while ((rc = db_step(st)) == DB_ROW && n < 64) ids[n++] = db_int(st, 0);
  db_finalize(st);
  if (rc != DB_DONE && rc != DB_ROW) return CB_EDB;
  bool any_term = false;
  for (int i = 0; i < n; i++) {
    RuleVersion rv;
    if (rules_find(db, a, ids[i], &rv) != 0) return CB_EDB;
    const char *t = rule_param_str(&rv, a, "term", NULL);
    if (!t) continue;
    any_term = true;
    if (term && strcmp(t, term) == 0) {
      *out = rv;
      return 0;
    }
  }
  if (any_term) return CB_ENOTFOUND;
  return rules_in_force(db, a, rule, date, out);
}

typedef struct {
  Db *db;
  Arena *a;
  const CongressPlan *p;
  CongressVariant *v;
  Findings *f;
  char reck_vn[16]; /* the reckoning date, dd/mm/yyyy */
} Ctx;

/* The rule version for the plan's term, or an n/a finding and false. */
static bool get_rule(Ctx *c, const char *rule, RuleVersion *rv) {
  int rc = congress_rule(c->db, c->a, rule, c->p->term, c->p->reckoning_date, rv);
  if (rc == 0) return true;
  const char *dir = congress_directive(c->p->term);
  findings_add_raw(c->f, rule, *dir ? dir : "—", RESULT_NA, "Không có quy định này cho nhiệm kỳ %s.", c->p->term);
  return false;
}

/* "3/20 người (15,0%)" in the arena. */
static const char *share(Arena *a, int part, int whole) {
  long tenths = whole ? (part * 1000L + whole / 2) / whole : 0;
  return arena_printf(a, "%d/%d người (%ld,%ld%%)", part, whole, tenths / 10, tenths % 10);
}

/* part/whole >= pct/100, in integers. */
static bool at_least(int part, int whole, long pct) {
  return (long)part * 100 >= pct * (long)whole;
}

static bool level_applies(const RuleVersion *rv, const char *level) {
  return rule_param_list_has(rv, "levels", level);
}

static bool empty_variant(Ctx *c, const RuleVersion *rv) {
  if (c->v->n > 0) return false;
  findings_add(c->f, rv, RESULT_NA, "Phương án chưa có thành viên.");
  return true;
}

static void count(Ctx *c, int young_age) {
  CongressCounts *k = &c->v->counts;
  int outgoing = k->outgoing;
  memset(k, 0, sizeof *k);
  k->outgoing = outgoing;
  for (int i = 0; i < c->v->n; i++) {
    const CongressMember *m = &c->v->m[i];
    k->committee++;
    if (strcmp(m->body, "committee") != 0) k->standing++;
    if (strcmp(m->body, "deputy_secretary") == 0) k->deputies++;
    if (strcmp(m->body, "secretary") == 0) k->secretaries++;
    if (m->gender && strcmp(m->gender, "F") == 0) k->women++;
    if (m->age < 0) k->unknown_age++;
    else if (m->age < 40) k->under40++;
    else if (m->age <= 50) k->mid++;
    else k->over50++;
    if (m->age >= 0 && m->age < young_age) k->young++;
    if (m->reelected) k->reelected++;
    else k->first_time++;
    if (m->ethnicity && *m->ethnicity && strcasecmp(m->ethnicity, "Kinh") != 0) k->minority++;
  }
}

static void check_women(Ctx *c) {
  RuleVersion rv;
  if (!get_rule(c, "CONG-1", &rv) || empty_variant(c, &rv)) return;
  long min = rule_param_int(&rv, "min_pct", 15);
  const CongressCounts *k = &c->v->counts;
  bool ok = at_least(k->women, k->committee, min);
  findings_add(c->f, &rv, ok ? RESULT_PASS : RESULT_FAIL, "Nữ: %s %s %ld%% tối thiểu.",
               share(c->a, k->women, k->committee), ok ? "≥" : "<", min);
}

static void check_young(Ctx *c) {
  RuleVersion rv;
  if (!get_rule(c, "CONG-2", &rv) || empty_variant(c, &rv)) return;
  long min = rule_param_int(&rv, "min_pct", 10), age = rule_param_int(&rv, "age", 40);
  if (!level_applies(&rv, c->p->unit_level)) {
    findings_add(c->f, &rv, RESULT_NA, "Chỉ áp dụng cho cấp tỉnh, cấp huyện (đơn vị này: %s); xem cơ cấu độ tuổi.",
                 unit_level_label(c->p->unit_level));
    return;
  }
  const CongressCounts *k = &c->v->counts;
  bool ok = at_least(k->young, k->committee, min);
  findings_add(c->f, &rv, ok ? RESULT_PASS : RESULT_FAIL, "Cán bộ trẻ (dưới %ld tuổi tại %s): %s %s %ld%% tối thiểu.",
               age, c->reck_vn, share(c->a, k->young, k->committee), ok ? "≥" : "<", min);
}

static void check_brackets(Ctx *c) {
  RuleVersion rv;
  if (!get_rule(c, "CONG-3", &rv) || empty_variant(c, &rv)) return;
  long umin = rule_param_int(&rv, "under40_min_pct", 10);
  long mmin = rule_param_int(&rv, "mid_min_pct", 40), mmax = rule_param_int(&rv, "mid_max_pct", 50);
  const CongressCounts *k = &c->v->counts;
  int n = k->committee;
  bool under_ok = at_least(k->under40, n, umin);
  bool mid_ok = at_least(k->mid, n, mmin) && (long)k->mid * 100 <= mmax * (long)n;
  Result r = !under_ok ? RESULT_FAIL : !mid_ok ? RESULT_WARN : RESULT_PASS;
  const char *unknown = k->unknown_age ? arena_printf(c->a, " Không rõ tuổi: %d người.", k->unknown_age) : "";
  findings_add(c->f, &rv, r,
               "Tuổi tại %s — dưới 40 tuổi: %s (%s %ld%% tối thiểu); từ 40 đến 50 tuổi: %s (%s khoảng %ld–%ld%%); "
               "trên 50 tuổi: %s.%s",
               c->reck_vn, share(c->a, k->under40, n), under_ok ? "đạt" : "chưa đạt", umin, share(c->a, k->mid, n),
               mid_ok ? "trong" : "ngoài", mmin, mmax, share(c->a, k->over50, n), unknown);
}

static void check_size_prev(Ctx *c) {
  RuleVersion rv;
  if (!get_rule(c, "CONG-4", &rv) || empty_variant(c, &rv)) return;
  if (!level_applies(&rv, c->p->unit_level)) {
    findings_add(c->f, &rv, RESULT_NA, "Chỉ áp dụng cho cấp tỉnh, cấp huyện.");
    return;
  }
  int prev = c->p->prev_max_size, n = c->v->counts.committee;
  if (prev <= 0) {
    findings_add(c->f, &rv, RESULT_NA, "Chưa nhập số ủy viên tối đa của nhiệm kỳ trước; số ủy viên dự kiến: %d.", n);
    return;
  }
  long reduce = rule_param_int(&rv, "reduce_pct", 5);
  long target = ((long)prev * (100 - reduce) + 50) / 100;
  Result r = n > prev ? RESULT_FAIL : n > target ? RESULT_WARN : RESULT_PASS;
  findings_add(c->f, &rv, r, "Số ủy viên dự kiến %d; tối đa nhiệm kỳ trước %d, giảm khoảng %ld%% còn %ld.", n, prev,
               reduce, target);
}

/* CONG-5 / CONG-6: a count within [min, max] where the rule's levels apply. */
static void check_range(Ctx *c, const char *rule, const char *what, int value) {
  RuleVersion rv;
  if (!get_rule(c, rule, &rv) || empty_variant(c, &rv)) return;
  long lo = rule_param_int(&rv, "min", 0), hi = rule_param_int(&rv, "max", 0);
  if (!level_applies(&rv, c->p->unit_level)) {
    findings_add(c->f, &rv, RESULT_NA, "Chỉ áp dụng cho đảng bộ xã, phường; %s dự kiến: %d.", what, value);
    return;
  }
  bool ok = value >= lo && value <= hi;
  findings_add(c->f, &rv, ok ? RESULT_PASS : RESULT_FAIL, "%s dự kiến: %d (%s %ld–%ld).", what, value,
               ok ? "trong khoảng" : "ngoài khoảng", lo, hi);
}

static void check_officers(Ctx *c) {
  RuleVersion rv;
  if (!get_rule(c, "CONG-7", &rv) || empty_variant(c, &rv)) return;
  const CongressCounts *k = &c->v->counts;
  long secs = rule_param_int(&rv, "secretaries", 1), deps = rule_param_int(&rv, "deputies", -1);
  bool dep_checked = deps >= 0 && level_applies(&rv, c->p->unit_level);
  bool ok = k->secretaries == secs && (!dep_checked || k->deputies == deps);
  if (dep_checked)
    findings_add(c->f, &rv, ok ? RESULT_PASS : RESULT_FAIL, "Bí thư: %d (cần %ld); phó bí thư: %d (cần %ld).",
                 k->secretaries, secs, k->deputies, deps);
  else
    findings_add(c->f, &rv, ok ? RESULT_PASS : RESULT_FAIL, "Bí thư: %d (cần %ld); phó bí thư: %d.", k->secretaries,
                 secs, k->deputies);
}

static void check_local_secretary(Ctx *c) {
  RuleVersion rv;
  if (!get_rule(c, "CONG-8", &rv) || empty_variant(c, &rv)) return;
  const CongressMember *s = NULL;
  for (int i = 0; i < c->v->n && !s; i++)
    if (strcmp(c->v->m[i].body, "secretary") == 0) s = &c->v->m[i];
  if (!s) {
    findings_add(c->f, &rv, RESULT_NA, "Phương án chưa có bí thư.");
    return;
  }
  bool strict = level_applies(&rv, c->p->unit_level);
  bool commune = strcmp(c->p->unit_level, "commune") == 0;
  if (!strict && !commune) {
    findings_add(c->f, &rv, RESULT_NA, "Không áp dụng cho đơn vị %s.", unit_level_label(c->p->unit_level));
    return;
  }
  if (s->local < 0) {
    findings_add(c->f, &rv, RESULT_WARN, "Bí thư dự kiến %s: không xác định được (thiếu quê quán hoặc địa bàn đơn vị).",
                 s->full_name);
    return;
  }
  Result when_local = strict ? RESULT_FAIL : result_parse(rule_param_str(&rv, c->a, "commune_result", "warn"));
  if (s->local)
    findings_add(c->f, &rv, when_local, "Bí thư dự kiến %s là người địa phương: quê quán \"%s\" thuộc địa bàn \"%s\".",
                 s->full_name, s->hometown, c->p->unit_locality);
  else
    findings_add(c->f, &rv, RESULT_PASS, "Bí thư dự kiến %s không là người địa phương (quê quán \"%s\", địa bàn \"%s\").",
                 s->full_name, s->hometown, c->p->unit_locality);
}

/* The birth-month cut-off of the rule for the unit's level and the member's sex, or NULL. */
static const char *cutoff(Ctx *c, const RuleVersion *rv, const CongressMember *m) {
  const char *key = arena_printf(c->a, "born_from_%s_%s", c->p->unit_level, m->gender ? m->gender : "");
  return rule_param_str(rv, c->a, key, NULL);
}

/* True when the rule has birth-month cut-offs for the unit's level. */
static bool has_cutoffs(Ctx *c, const RuleVersion *rv) {
  return rule_param_str(rv, c->a, arena_printf(c->a, "born_from_%s_M", c->p->unit_level), NULL) != NULL;
}

/*
** One member against CONG-9 (first time) or CONG-10 (re-election): a fail
** finding when they miss; returns true when they pass.
*/
static bool member_ok(Ctx *c, const RuleVersion *rv, const CongressMember *m, long min, const char *kind) {
  const char *cut = cutoff(c, rv, m);
  Date b, cd;
  if (cut && date_parse(m->birth_date, &b, DATE_PARTIAL) == 0 && date_parse(cut, &cd, DATE_PARTIAL) == 0) {
    int bm = b.y * 12 + (b.m ? b.m : 1), cm = cd.y * 12 + (cd.m ? cd.m : 1);
    if (bm >= cm) return true;
    char b1[16], b2[16];
    findings_add(c->f, rv, RESULT_FAIL, "%s (%s): sinh %s, trước tháng mốc %s (phải sinh từ tháng %s trở về sau).",
                 m->full_name, kind, date_vn((Date){b.y, b.m ? b.m : 1, 0}, b1), date_vn((Date){cd.y, cd.m, 0}, b2),
                 date_vn((Date){cd.y, cd.m, 0}, b2));
    return false;
  }
  if (m->months_left == INT_MIN) {
    findings_add(c->f, rv, RESULT_WARN, "%s (%s): không tính được thời gian công tác còn lại (ngày sinh \"%s\").",
                 m->full_name, kind, m->birth_date ? m->birth_date : "");
    return false;
  }
  if (m->months_left >= min) return true;
  findings_add(c->f, rv, RESULT_FAIL, "%s (%s): còn %d tháng công tác tính từ %s (< %ld tháng cần thiết).",
               m->full_name, kind, m->months_left < 0 ? 0 : m->months_left, c->reck_vn, min);
  return false;
}

/* CONG-9 (reelected == false) or CONG-10 (reelected == true). */
static void check_service(Ctx *c, bool reelected) {
  RuleVersion rv;
  const char *rule = reelected ? "CONG-10" : "CONG-9", *kind = reelected ? "tái cử" : "lần đầu";
  if (!get_rule(c, rule, &rv)) return;
  long base = rule_param_int(&rv, "min_months", reelected ? 30 : 60);
  long dep_prov = rule_param_int(&rv, "min_months_deputy_province", -1);
  int checked = 0, failed = 0;
  for (int i = 0; i < c->v->n; i++) {
    const CongressMember *m = &c->v->m[i];
    if (m->reelected != reelected) continue;
    long min = base;
    if (reelected && dep_prov >= 0 && strcmp(c->p->unit_level, "province") == 0 &&
        strcmp(m->body, "deputy_secretary") == 0)
      min = dep_prov;
    checked++;
    if (!member_ok(c, &rv, m, min, kind)) failed++;
  }
  if (checked == 0)
    findings_add(c->f, &rv, RESULT_NA, "Phương án không có cấp ủy viên %s.", kind);
  else if (failed == 0)
    findings_add(c->f, &rv, RESULT_PASS, "%d cấp ủy viên %s đều đủ thời gian công tác tính từ %s (mức %ld tháng%s).",
                 checked, kind, c->reck_vn, base, has_cutoffs(c, &rv) ? "; cấp này xét theo tháng sinh mốc" : "");
}

static void check_renewal(Ctx *c) {
  RuleVersion rv;
  if (!get_rule(c, "CONG-11", &rv) || empty_variant(c, &rv)) return;
  const CongressCounts *k = &c->v->counts;
  findings_add(c->f, &rv, RESULT_PASS, "Cấp ủy viên lần đầu: %s; tái cử: %d; cấp ủy khóa trước (tại %s): %d người.",
               share(c->a, k->first_time, k->committee), k->reelected, c->reck_vn, k->outgoing);
}

static void check_reckoning(Ctx *c) {
  RuleVersion rv;
  if (!get_rule(c, "CONG-12", &rv)) return;
  const char *ym = rule_param_str(&rv, c->a, c->p->unit_level, NULL);
  Date want, have;
  if (!ym || date_parse(ym, &want, DATE_PARTIAL) != 0 || date_parse(c->p->reckoning_date, &have, DATE_FULL) != 0) {
    findings_add(c->f, &rv, RESULT_NA, "Không có tháng tính tuổi cho đơn vị %s.", unit_level_label(c->p->unit_level));
    return;
  }
  bool ok = want.y == have.y && want.m == have.m;
  findings_add(c->f, &rv, ok ? RESULT_PASS : RESULT_WARN, "Ngày tính tuổi %s; tháng tính tuổi theo quy định cho cấp này: %02d/%d.",
               c->reck_vn, want.m, want.y);
}

/*
** PARTY-1: each member must be an official Party member on the congress
** date (a probationary member may not stand for a leading body of the Party,
** Điều lệ Đảng Điều 3); the Party dates are read as they stood that day.
*/
static void check_party(Ctx *c) {
  const char *date = c->p->congress_date && *c->p->congress_date ? c->p->congress_date : c->p->reckoning_date;
  RuleVersion rv;
  if (rules_in_force(c->db, c->a, "PARTY-1", date, &rv) != 0) {
    findings_add_raw(c->f, "PARTY-1", "", RESULT_NA, "Không có phiên bản quy định PARTY-1 có hiệu lực vào ngày %s.",
                     date);
    return;
  }
  if (empty_variant(c, &rv)) return;
  DbStmt *st = db_prepare(c->db, "SELECT " CADRE_AT_SQL("c", "party_join_date", "?1") ", "
                                 CADRE_AT_SQL("c", "party_official_date", "?1") " FROM cadres c WHERE c.id = ?2");
  if (!st) return;
  char vn[16];
  date_iso_to_vn(date, vn);
  int bad = 0;
  for (int i = 0; i < c->v->n; i++) {
    const CongressMember *m = &c->v->m[i];
    db_reset(st);
    db_bind_text(st, 1, date);
    db_bind_int(st, 2, m->cadre_id);
    if (db_step(st) != DB_ROW) continue;
    const char *join = db_text(st, 0), *official = db_text(st, 1);
    bool member = join && *join && strncmp(join, date, 10) <= 0;
    bool is_official = member && official && *official && strncmp(official, date, 10) <= 0;
    if (is_official) continue;
    bad++;
    char jvn[16];
    if (!member)
      findings_add(c->f, &rv, RESULT_FAIL, "%s (%s) chưa là đảng viên vào ngày %s: không thể là cấp ủy viên.",
                   m->full_name, m->code, vn);
    else
      findings_add(c->f, &rv, RESULT_FAIL,
                   "%s (%s) là đảng viên dự bị (kết nạp %s) vào ngày %s: đảng viên dự bị không có quyền ứng cử vào cơ "
                   "quan lãnh đạo của Đảng.",
                   m->full_name, m->code, date_iso_to_vn(join, jvn), vn);
  }
  db_finalize(st);
  if (!bad)
    findings_add(c->f, &rv, RESULT_PASS, "%d thành viên đều là đảng viên chính thức vào ngày %s.", c->v->n, vn);
}

int congress_check(Db *db, Arena *a, const CongressPlan *p, int outgoing, CongressVariant *v) {
  Ctx c = {db, a, p, v, &v->findings, ""};
  date_iso_to_vn(p->reckoning_date, c.reck_vn);
  findings_init(&v->findings, a);
  RuleVersion young;
  long young_age = congress_rule(db, a, "CONG-2", p->term, p->reckoning_date, &young) == 0
                       ? rule_param_int(&young, "age", 40)
                       : 40;
  v->counts.outgoing = outgoing;
  count(&c, (int)young_age);
  check_women(&c);
  check_young(&c);
  check_brackets(&c);
  check_size_prev(&c);
  check_range(&c, "CONG-5", "Số ủy viên Ban Chấp hành", v->counts.committee);
  check_range(&c, "CONG-6", "Số ủy viên Ban Thường vụ", v->counts.standing);
  check_officers(&c);
  check_local_secretary(&c);
  check_service(&c, false);
  check_service(&c, true);
  check_renewal(&c);
  check_reckoning(&c);
  check_party(&c);
  v->verdict = findings_verdict(&v->findings);
  return 0;
}

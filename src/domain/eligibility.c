/*
** Eligibility (see eligibility.h): loading the cadre, title and unit of a
** check, the parts every purpose shares -- discipline bars (DISC-1/2/3),
** title standards (STD-1), months of service left (RET-1) -- and the
** eligibility JSON of docs/API.md. The purpose-specific rules live in elig_planning.c,
** elig_appointment.c and elig_rotation.c.
*/
#include "domain/eligibility.h"
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "core/err.h"
#include "core/sort.h"
#include "domain/elig_internal.h"
#include "domain/retirement.h"
#include "domain/standards.h"
#include "domain/training.h"

static const char *const PURPOSES[] = {"planning", "appointment", "rotation"};

const char *purpose_name(Purpose p) { return p >= PURPOSE_PLANNING && p <= PURPOSE_ROTATION ? PURPOSES[p] : ""; }

int purpose_parse(const char *s) {
  for (int i = 0; s && i < 3; i++)
    if (strcmp(s, PURPOSES[i]) == 0) return i;
  return -1;
}

/* --- small shared helpers ------------------------------------------------ */

int elig_months_left(const Elig *e, Date at) {
  return e->birth_ok ? retirement_months_left(e->sex, e->birth, at) : INT_MIN;
}

const char *elig_vn(const Elig *e, Date d) {
  char buf[16];
  return arena_strdup(e->a, date_vn(d, buf));
}

const char *elig_retirement_vn(const Elig *e) {
  if (!e->birth_ok) return "?";
  Date p = retirement_point(e->sex, e->birth);
  return p.y ? elig_vn(e, date_add_days(p, 1)) : "?";
}

int elig_full_months(Date a, Date b) {
  int m = date_month_diff(a, b);
  int ad = a.d ? a.d : 1, bd = b.d ? b.d : 1;
  if (m > 0 && bd < ad) m--;
  else if (m < 0 && bd > ad) m++;
  return m;
}

const char *elig_years_months(const Elig *e, int months) {
  int y = months / 12, m = months % 12;
  if (months < 0) return arena_printf(e->a, "%d tháng", months);
  if (y == 0) return arena_printf(e->a, "%d tháng", m);
  if (m == 0) return arena_printf(e->a, "%d năm", y);
  return arena_printf(e->a, "%d năm %d tháng", y, m);
}

const char *elig_duration(const Elig *e, int months) {
  const char *ym = elig_years_months(e, months);
  return months >= 12 ? arena_printf(e->a, "%s (%d tháng)", ym, months) : ym;
}

int elig_current_rank(Elig *e, int *rank, const char **title_name, const char **start_iso, bool *found) {
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT t.rank, t.name, p.start_date FROM positions p JOIN titles t ON t.id = p.title_id "
                                 "WHERE p.cadre_id = ? AND p.start_date <= ? AND (p.end_date IS NULL OR p.end_date = '' "
                                 "OR p.end_date >= ?) ORDER BY t.rank DESC, p.start_date LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_text(st, 2, e->iso);
  db_bind_text(st, 3, e->iso);
  int rc = db_step(st);
  *found = rc == DB_ROW;
  if (*found) {
    *rank = (int)db_int(st, 0);
    *title_name = arena_strdup(e->a, db_text(st, 1));
    *start_iso = arena_strdup(e->a, db_text(st, 2));
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

/* --- DISC-1, DISC-2, DISC-3 ---------------------------------------------- */

static const char *const FORMS[][2] = {
    {"reprimand", "khiển trách"}, {"warning", "cảnh cáo"},         {"removal_from_post", "cách chức"},
    {"expulsion", "khai trừ"},    {"salary_demotion", "hạ bậc lương"}, {"demotion", "giáng chức"},
    {"dismissal_from_service", "buộc thôi việc"}};

static const char *form_label(const char *form) {
  for (size_t i = 0; i < sizeof FORMS / sizeof FORMS[0]; i++)
    if (strcmp(form, FORMS[i][0]) == 0) return FORMS[i][1];
  return form;
}

/* A discipline of the cadre decided on or before the act's date. */
typedef struct {
  const char *authority, *form, *decided, *decision_no;
} DiscRow;

typedef struct {
  Elig *e;
  Date longest;     /* the first allowed day of the longest active bar ({0} none) */
  const char *longest_rule;
  bool forever;     /* a bar without end is active */
  int count[2];     /* disciplines seen: [0] party, [1] state */
  DiscRow *rows;    /* both authorities' disciplines, by date then id: one statement for DISC-1 and DISC-2 */
  int nrows;
  bool loaded;
} DiscState;

/* Append the discipline in columns col..col+3 of st (authority, form, decision date and number) to rows[*n], growing
   the array (*cap) in a. */
static void disc_push(Arena *a, DbStmt *st, int col, DiscRow **rows, int *n, int *cap) {
  if (*n == *cap) {
    *cap = *cap ? *cap * 2 : 4;
    DiscRow *w = arena_alloc(a, sizeof(DiscRow) * (size_t)*cap);
    if (*n) memcpy(w, *rows, sizeof(DiscRow) * (size_t)*n);
    *rows = w;
  }
  (*rows)[(*n)++] = (DiscRow){arena_strdup(a, db_text(st, col)), arena_strdup(a, db_text(st, col + 1)),
                              arena_strdup(a, db_text(st, col + 2)), arena_strdup(a, db_text(st, col + 3))};
}

/* ---- prefetch: what many checks on one date read, read at once ---- */

struct EligPrefetch {
  char date[11];           /* ISO */
  Cadre *c;                /* the records, by code (cmp_code) */
  int nc;
  struct PrefDisc {        /* the disciplines of each cadre held, by cadre id (cb_cmp_id; none: not listed) */
    long long cadre_id;    /* first: cb_cmp_id orders by it */
    DiscRow *rows;         /* by decision date, then id */
    int n;
  } *d;
  int nd;
};

static int cmp_code(const void *x, const void *y) {
  return strcmp(((const Cadre *)x)->code, ((const Cadre *)y)->code);
}

#define PREFETCH_CHUNK 500 /* ids per statement */

/* The disciplines of ids[0..n) up to p->date, appended to p->d (grouped by cadre, in date order). 0 or CB_EDB. */
static int prefetch_disciplines(Db *db, Arena *a, EligPrefetch *p, const long long *ids, int n, int *cap) {
  DbStmt *st = db_prepare_in(db, a, "SELECT cadre_id, authority, form, decision_date, decision_no FROM disciplines "
                                    "WHERE cadre_id IN (%s) AND decision_date <= ?1 ORDER BY cadre_id, decision_date, id",
                             2, ids, n);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, p->date);
  int rc, rcap = 0;
  while ((rc = db_step(st)) == DB_ROW) {
    long long id = db_int(st, 0);
    if (!p->nd || p->d[p->nd - 1].cadre_id != id) {
      if (p->nd == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        struct PrefDisc *w = arena_alloc(a, sizeof *w * (size_t)*cap);
        if (p->nd) memcpy(w, p->d, sizeof *w * (size_t)p->nd);
        p->d = w;
      }
      p->d[p->nd++] = (struct PrefDisc){id, NULL, 0};
      rcap = 0;
    }
    struct PrefDisc *g = &p->d[p->nd - 1];
    disc_push(a, st, 1, &g->rows, &g->n, &rcap);
  }
  db_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

int elig_prefetch(Db *db, Arena *a, const char *date, const long long *ids, int n, EligPrefetch **out) {
  EligPrefetch *p = arena_alloc(a, sizeof *p);
  *out = p;
  Date d;
  if (!date || date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
  date_iso(d, p->date);
  int rc = cadre_find_many_at(db, a, ids, n, p->date, &p->c, &p->nc);
  if (rc) return rc;
  cb_qsort(p->c, (size_t)p->nc, sizeof(Cadre), cmp_code);
  int cap = 0;
  for (int from = 0; from < n && rc == 0; from += PREFETCH_CHUNK)
    rc = prefetch_disciplines(db, a, p, ids + from, n - from < PREFETCH_CHUNK ? n - from : PREFETCH_CHUNK, &cap);
  if (rc == 0) cb_qsort(p->d, (size_t)p->nd, sizeof *p->d, cb_cmp_id); /* chunks may interleave the ids */
  return rc;
}

/* The prefetched record of `code` for the act's date, or NULL. */
static const Cadre *prefetched_cadre(const Elig *e, const char *code) {
  const EligPrefetch *p = e->req->prefetch;
  if (!p || !code || strcmp(p->date, e->iso) != 0) return NULL;
  Cadre key = {.code = code};
  return cb_bsearch(&key, p->c, (size_t)p->nc, sizeof(Cadre), cmp_code);
}

/* Read the cadre's disciplines up to the act's date once (in e->a), or take them from the prefetch. 0 or CB_EDB. */
static int disc_load(DiscState *s) {
  if (s->loaded) return 0;
  Elig *e = s->e;
  if (prefetched_cadre(e, e->cadre.code)) { /* every cadre it holds had its disciplines read */
    const EligPrefetch *p = e->req->prefetch;
    struct PrefDisc key = {.cadre_id = e->cadre.id}, *g = cb_bsearch(&key, p->d, (size_t)p->nd, sizeof *p->d, cb_cmp_id);
    if (g) s->rows = g->rows, s->nrows = g->n;
    s->loaded = true;
    return 0;
  }
  DbStmt *st = db_prepare(e->db, DB_ONE_PLAN "SELECT authority, form, decision_date, decision_no FROM disciplines WHERE "
                                 "cadre_id = ? AND decision_date <= ? ORDER BY decision_date, id");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, e->cadre.id);
  db_bind_text(st, 2, e->iso);
  int rc, cap = 0;
  while ((rc = db_step(st)) == DB_ROW) disc_push(e->a, st, 0, &s->rows, &s->nrows, &cap);
  db_finalize(st);
  s->loaded = true;
  return rc == DB_DONE ? 0 : CB_EDB;
}

/* One discipline under rule rv (DISC-1 for party, DISC-2 for state). */
static void disc_one(DiscState *s, const RuleVersion *rv, bool applies, const char *na_note, const char *form,
                     const char *decided, const char *decision_no) {
  Elig *e = s->e;
  Date d;
  const char *who = strcmp(rv->rule, "DISC-1") == 0 ? "Đảng" : "hành chính";
  const char *no = decision_no && *decision_no ? arena_printf(e->a, " số %s", decision_no) : "";
  if (date_parse(decided, &d, DATE_FULL) != 0) {
    findings_add(e->f, rv, RESULT_NA, "Kỷ luật %s (%s) có ngày quyết định không hợp lệ: '%s'.", form_label(form), who,
                 decided);
    return;
  }
  const char *head = arena_printf(e->a, "Kỷ luật %s %s theo quyết định%s ngày %s", who, form_label(form), no,
                                  elig_vn(e, d));
  bool permanent = strcmp(form, "expulsion") == 0 || strcmp(form, "dismissal_from_service") == 0;
  if (permanent) {
    s->forever = true;
    findings_add(e->f, rv, applies ? RESULT_FAIL : RESULT_NA, "%s: không có thời hạn kết thúc, không được xem xét.%s%s",
                 head, applies ? "" : " ", applies ? "" : na_note);
    return;
  }
  long months = rule_param_int(rv, form, -1);
  if (months < 0) {
    findings_add(e->f, rv, RESULT_NA, "%s: quy định không nêu thời hạn cho hình thức này.", head);
    return;
  }
  Date end = date_add_months(d, (int)months); /* first allowed day */
  const char *last = elig_vn(e, date_add_days(end, -1));
  bool active = date_cmp(e->date, end) < 0;
  if (active && (s->longest.y == 0 || date_cmp(end, s->longest) > 0)) s->longest = end, s->longest_rule = rv->rule;
  if (!applies)
    findings_add(e->f, rv, RESULT_NA, "%s: %ld tháng, đến hết ngày %s (%s). %s", head, months, last,
                 active ? "còn trong thời hạn" : "đã hết thời hạn", na_note);
  else if (active)
    findings_add(e->f, rv, RESULT_FAIL, "%s: %ld tháng, đến hết ngày %s; ngày %s còn trong thời hạn kỷ luật.", head,
                 months, last, e->vn);
  else
    findings_add(e->f, rv, RESULT_PASS, "%s: %ld tháng, đến hết ngày %s; đã hết thời hạn (được xem xét từ %s).", head,
                 months, last, elig_vn(e, end));
}

/* Every discipline of one authority decided on or before the date. */
static int disc_rule(DiscState *s, const char *rule, const char *authority, bool applies, const char *na_note) {
  Elig *e = s->e;
  RuleVersion rv;
  if (!rules_get(e->db, e->f, rule, e->iso, &rv)) return 0;
  if (disc_load(s)) return CB_EDB;
  int n = 0;
  for (int i = 0; i < s->nrows; i++) {
    const DiscRow *r = &s->rows[i];
    if (strcmp(r->authority, authority) != 0) continue;
    n++;
    disc_one(s, &rv, applies, na_note, r->form, r->decided, r->decision_no);
  }
  s->count[strcmp(authority, "party") == 0 ? 0 : 1] = n;
  if (n == 0)
    findings_add(e->f, &rv, applies ? RESULT_PASS : RESULT_NA, "Không có kỷ luật %s nào đến ngày %s.%s%s",
                 strcmp(authority, "party") == 0 ? "Đảng" : "hành chính", e->vn, applies ? "" : " ",
                 applies ? "" : na_note);
  return 0;
}

int elig_discipline(Elig *e, bool party_applies, bool state_applies, const char *na_note, const char **barred_until) {
  DiscState s = {.e = e};
  int rc = disc_rule(&s, "DISC-1", "party", party_applies, na_note);
  if (rc == 0) rc = disc_rule(&s, "DISC-2", "state", state_applies, na_note);
  if (rc) return rc;
  char buf[16];
  *barred_until = s.forever     ? "*"
                  : s.longest.y ? arena_strdup(e->a, date_iso(date_add_days(s.longest, -1), buf))
                                : "";
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "DISC-3", e->iso, &rv)) return 0;
  bool applies = party_applies || state_applies;
  if (!applies) {
    findings_add(e->f, &rv, RESULT_NA, "%s", na_note);
  } else if (s.count[0] == 0 || s.count[1] == 0) {
    findings_add(e->f, &rv, RESULT_PASS, "Không có trường hợp cùng bị kỷ luật Đảng và kỷ luật hành chính.");
  } else if (s.forever) {
    findings_add(e->f, &rv, RESULT_FAIL, "Có cả kỷ luật Đảng và hành chính; có hình thức không có thời hạn kết thúc.");
  } else if (s.longest.y) {
    findings_add(e->f, &rv, RESULT_FAIL,
                 "Có cả kỷ luật Đảng và hành chính: tính thời hạn dài hơn (%s), đến hết ngày %s; ngày %s còn trong "
                 "thời hạn.",
                 s.longest_rule, elig_vn(e, date_add_days(s.longest, -1)), e->vn);
  } else {
    findings_add(e->f, &rv, RESULT_PASS, "Có cả kỷ luật Đảng và hành chính; thời hạn dài hơn cũng đã hết vào ngày %s.",
                 e->vn);
  }
  return 0;
}

/* --- PARTY-1 -------------------------------------------------------------- */

/* True when the ISO date `d` is set and on or before the act's date. */
static bool on_or_before(const Elig *e, const char *d) { return d && *d && strncmp(d, e->iso, 10) <= 0; }

void elig_party(Elig *e, bool planning) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "PARTY-1", e->iso, &rv)) return;
  const char *need = title_party(&e->title);
  if (strcmp(need, "none") == 0) {
    findings_add(e->f, &rv, RESULT_NA, "Chức danh %s không yêu cầu là đảng viên.", e->title.name);
    return;
  }
  char vn[16];
  const char *join = e->cadre.party_join_date, *official = e->cadre.party_official_date;
  if (!on_or_before(e, join)) {
    findings_add(e->f, &rv, RESULT_FAIL, "Chưa là đảng viên vào ngày %s; chức danh %s yêu cầu %s.", e->vn,
                 e->title.name, title_party_label(need));
    return;
  }
  const char *joined = arena_strdup(e->a, date_iso_to_vn(join, vn));
  if (on_or_before(e, official)) {
    findings_add(e->f, &rv, RESULT_PASS, "Đảng viên chính thức từ %s (kết nạp %s); chức danh %s yêu cầu %s.",
                 date_iso_to_vn(official, vn), joined, e->title.name, title_party_label(need));
    return;
  }
  if (strcmp(need, "member") == 0) {
    findings_add(e->f, &rv, RESULT_PASS, "Đảng viên dự bị (kết nạp %s); chức danh %s yêu cầu là đảng viên.", joined,
                 e->title.name);
    return;
  }
  Result r = RESULT_FAIL;
  if (planning) {
    r = result_parse(rule_param_str(&rv, e->a, "probationary_planning", "warn"));
    if (r == RESULT_NA || r == RESULT_PASS) r = RESULT_WARN;
  }
  findings_add(e->f, &rv, r,
               "Đảng viên dự bị (kết nạp %s), chưa là đảng viên chính thức vào ngày %s; đảng viên dự bị không có quyền "
               "ứng cử, bầu cử cơ quan lãnh đạo của Đảng, chức danh %s yêu cầu đảng viên chính thức%s.",
               joined, e->vn, e->title.name, planning && r != RESULT_FAIL ? " khi bổ nhiệm, ứng cử" : "");
}

/* --- STD-1 ---------------------------------------------------------------- */

/*
** The basis of the title's standards: the unit's own text entered for the
** title, else the text of the title's level in the version's params
** ("commune"); else none, with a convention saying the minimums are the
** administrator's.
*/
static void standard_basis(Elig *e, const RuleVersion *rv, const char **basis, const char **convention) {
  *convention = NULL;
  if (e->title.standard_basis && *e->title.standard_basis) {
    *basis = e->title.standard_basis;
    return;
  }
  *basis = rule_param_str(rv, e->a, e->title.level ? e->title.level : "", NULL);
  if (*basis && **basis) return;
  *basis = "";
  *convention = arena_printf(e->a, "Chức danh %s chưa có văn bản tiêu chuẩn (quy định của cấp ủy quản lý chức danh): "
                                   "các mức tối thiểu là do quản trị viên nhập cho chức danh.",
                             e->title.name);
}

int elig_standards(Elig *e, Result gap, const char *age_at) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "STD-1", e->iso, &rv)) return 0;
  const char *basis, *conv;
  standard_basis(e, &rv, &basis, &conv);
  StdItem *items;
  int n;
  standards_check(e->a, &e->cadre, &e->title, age_at, &items, &n);
  if (n == 0) {
    findings_add_cited(e->f, &rv, basis, conv, RESULT_PASS,
                       "Chức danh %s không quy định tiêu chuẩn tối thiểu về trình độ, tuổi.", e->title.name);
    return 0;
  }
  for (int i = 0; i < n; i++) {
    if (items[i].met)
      findings_add_cited(e->f, &rv, basis, conv, RESULT_PASS, "%s.", items[i].message);
    else if (items[i].program)
      findings_add_cited(e->f, &rv, basis, conv, gap, "%s; cần đào tạo: %s.", items[i].message,
                         training_program_label(items[i].program));
    else
      findings_add_cited(e->f, &rv, basis, conv, gap, "%s.", items[i].message);
  }
  return standards_gap_count(items, n);
}

/* --- the entry point ------------------------------------------------------ */

static int load(Elig *e) {
  const EligReq *q = e->req;
  const Cadre *pre = prefetched_cadre(e, q->cadre_code);
  int rc = 0;
  if (pre && scope_contains(scope_from_legacy(q->scope), pre->unit_path)) e->cadre = *pre;
  else if (pre) rc = CB_ENOTFOUND; /* as cadre_find_at answers outside the scope */
  else rc = cadre_find_at(e->db, e->a, scope_from_legacy(q->scope), q->cadre_code, q->date, &e->cadre); /* levels as they stood then */
  if (rc == 0) rc = title_find(e->db, e->a, q->title_code, &e->title);
  if (rc == 0) rc = unit_find(e->db, e->a, scope_from_legacy(q->scope), q->unit_code, &e->unit);
  if (rc) return rc;
  e->sex = e->cadre.gender && e->cadre.gender[0] == 'F' ? 'F' : 'M';
  e->birth_ok = e->cadre.birth_date && date_parse(e->cadre.birth_date, &e->birth, DATE_PARTIAL) == 0 &&
                retirement_point(e->sex, e->birth).y != 0;
  return 0;
}

int eligibility_check(Db *db, Arena *a, const EligReq *req, Findings *out) {
  findings_init(out, a);
  if (!req || !req->cadre_code || !req->title_code || !req->unit_code || !req->date) return CB_EINVAL;
  if (req->purpose < PURPOSE_PLANNING || req->purpose > PURPOSE_ROTATION) return CB_EINVAL;
  Elig e = {.db = db, .a = a, .req = req, .f = out};
  char buf[16];
  if (date_parse(req->date, &e.date, DATE_FULL) != 0) return CB_EINVAL;
  e.iso = arena_strdup(a, date_iso(e.date, buf));
  e.vn = arena_strdup(a, date_vn(e.date, buf));
  int rc = load(&e);
  if (rc) return rc;
  switch (req->purpose) {
  case PURPOSE_PLANNING: return elig_planning(&e);
  case PURPOSE_APPOINTMENT: return elig_appointment(&e);
  default: return elig_rotation(&e);
  }
}

json_t *eligibility_json(const EligReq *req, const Findings *f) {
  json_t *o = json_object();
  json_object_set_new(o, "cadre", json_string(req->cadre_code ? req->cadre_code : ""));
  json_object_set_new(o, "for", json_string(purpose_name(req->purpose)));
  json_object_set_new(o, "title", json_string(req->title_code ? req->title_code : ""));
  json_object_set_new(o, "unit", json_string(req->unit_code ? req->unit_code : ""));
  json_object_set_new(o, "date", json_string(req->date ? req->date : ""));
  json_object_set_new(o, "verdict", json_string(result_name(findings_verdict(f))));
  json_object_set_new(o, "findings", findings_json(f));
  return o;
}

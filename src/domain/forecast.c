/* Retirement forecasts and key-title pool coverage (see forecast.h). */
#include "domain/forecast.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "domain/planning.h"
#include "domain/retirement.h"
#include "domain/rules.h"
#include "domain/title.h"
#include "domain/unit.h"

typedef struct {
  Holder *v;
  int n, cap;
} Holders;

static void holders_push(Holders *h, Arena *a, const Holder *x) {
  if (h->n == h->cap) {
    h->cap = h->cap ? h->cap * 2 : 64;
    Holder *v = arena_alloc(a, sizeof(Holder) * (size_t)h->cap);
    if (h->n) memcpy(v, h->v, sizeof(Holder) * (size_t)h->n);
    h->v = v;
  }
  h->v[h->n++] = *x;
}


bool forecast_birth_window(char sex, const char *from, const char *until, BirthWindow *w) {
  Date f, u;
  if (date_parse(from, &f, DATE_FULL) != 0 || date_parse(until, &u, DATE_FULL) != 0) return false;
  int first = -1, last = -1;
  char buf[11];
  for (int y = f.y - 80; y <= u.y - 40; y++)
    for (int m = 1; m <= 12; m++) {
      Date p = retirement_point(sex, (Date){y, m, 1});
      if (p.y == 0) continue;
      date_iso(p, buf);
      if (strcmp(buf, from) < 0 || strcmp(buf, until) > 0) continue;
      if (first < 0) first = y * 12 + m - 1;
      last = y * 12 + m - 1;
    }
  if (first < 0) return false;
  snprintf(w->lo, sizeof w->lo, "%04d-%02d", first / 12, first % 12 + 1);
  snprintf(w->hi, sizeof w->hi, "%04d-%02d", (last + 1) / 12, (last + 1) % 12 + 1);
  w->y1 = first % 12 == 0 ? first / 12 : first / 12 + 1;
  w->y2 = last / 12; /* January of last / 12 is <= last */
  return true;
}

/* One part of the holders' statement: the positions ps held on ?2 by the live cadres c, in the subtree ?1 and
   the scope ?3, with the columns load_holders reads (uid, trank, pid: the order and the duplicates). FROM_WHERE
   names ps and c and ends in a WHERE's first condition. */
#define HOLDERS_PART(FROM_WHERE)                                                                                 \
  "SELECT c.code AS ccode, c.full_name, c.gender, c.birth_date, u.code AS ucode, u.name AS uname, "           \
  "t.code AS tcode, t.name AS tname, t.category, ps.concurrent, u.id AS uid, t.rank AS trank, ps.id AS pid "  \
  "FROM " FROM_WHERE " AND ps.start_date <= ?2 AND (ps.end_date IS NULL OR ps.end_date >= ?2) "              \
  "AND (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "                    \
  "AND +c.unit_id IN (SELECT cu.id FROM units cu WHERE" SCOPE_SQL("cu.path", 3) ") "

/* The positions held by the cadres of one sex (SEX_SQL) born before BOUND: one range of cadres_gender_birth per
   sex (schema 0043; one range to the later of the two bounds read the other sex's younger years too, issue 9). */
#define HOLDERS_OF_SEX(SEX_SQL, BOUND)                                                                          \
  HOLDERS_PART("cadres c CROSS JOIN positions ps ON ps.cadre_id = c.id CROSS JOIN units u ON u.id = ps.unit_id " \
               "CROSS JOIN titles t ON t.id = ps.title_id WHERE " SEX_SQL " AND c.birth_date < " BOUND)

/*
** The positions held on `date` in the subtree `path`, with the holder's
** retirement point: those of key titles (the coverage lists every holder)
** and those whose holder retires by `until` or already has. RET-1 fixes the
** retirement date by sex and birth month, later for a later month, so those
** holders are born before the month after the last one retiring by `until`
** (forecast_birth_window's hi, per sex; bare years "1966" sort before "1966-01" and
** are kept too); the exact test follows in C (issue 9: most holders of a city
** are young, and loading them all cost the dashboard and /du-bao seconds and
** hundreds of MB; the per-sex bound halves what the year bound read).
** Each part reads its rows once (no second lookup of the position and the
** cadre by id); a key title held by an old cadre comes from two parts, the
** second copy is skipped here (same pid, next to each other in the order).
*/
static int load_holders(Db *db, Arena *a, Scope scope, const char *path, const char *date, const char *until,
                        Holders *h) {
  long long *keys; /* the key titles, by id (title_ids says why) */
  int nkeys;
  int rc = title_ids(db, a, TITLES_KEY, &keys, &nkeys);
  if (rc) return rc;
  DbStmt *st = db_prepare_in(
      /* the positions of key titles (positions_title) and of cadres old enough (cadres_gender_birth) */
      db, a,
      HOLDERS_PART("positions ps CROSS JOIN cadres c ON c.id = ps.cadre_id CROSS JOIN units u ON u.id = "
                   "ps.unit_id CROSS JOIN titles t ON t.id = ps.title_id WHERE ps.title_id IN (%s)")
      "UNION ALL " HOLDERS_OF_SEX("c.gender = 'F'", "?4") "UNION ALL " HOLDERS_OF_SEX("c.gender = 'M'", "?5")
      "ORDER BY uid, trank DESC, ccode, pid",
      6, keys, nkeys);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, path);
  db_bind_text(st, 2, date);
  scope_bind(st, 3, scope); /* a holder whose own unit is outside the scope is not shown */
  Date at, end;
  date_parse(date, &at, DATE_FULL);
  date_parse(until, &end, DATE_FULL);
  /* per sex: the month after the last birth month retiring by `until` (else the old year bound, which RET-1's
     minimum age of 55 makes safe) */
  char born_before[16], hi_f[16], hi_m[16];
  snprintf(born_before, sizeof born_before, "%04d", end.y - 53);
  char from[11];
  date_iso(date_add_months(at, -120), from);
  BirthWindow w;
  snprintf(hi_f, sizeof hi_f, "%s", forecast_birth_window('F', from, until, &w) ? w.hi : born_before);
  snprintf(hi_m, sizeof hi_m, "%s", forecast_birth_window('M', from, until, &w) ? w.hi : born_before);
  db_bind_text(st, 4, hi_f);
  db_bind_text(st, 5, hi_m);
  long long last_pid = -1;
  while ((rc = db_step(st)) == DB_ROW) {
    long long pid = db_int(st, 12);
    if (pid == last_pid) continue;
    last_pid = pid;
    Holder x = {0};
    const char **f[] = {&x.cadre_code, &x.full_name, &x.gender, &x.birth_date, &x.unit_code,
                        &x.unit_name,  &x.title_code, &x.title_name, &x.title_category};
    for (int i = 0; i < 9; i++) *f[i] = arena_strdup(a, db_text(st, i));
    x.concurrent = db_int(st, 9) != 0;
    Date b;
    if (date_parse(x.birth_date, &b, DATE_PARTIAL) != 0) continue;
    char sex = x.gender[0], buf[11];
    Date p = retirement_point(sex, b);
    if (p.y == 0) continue;
    x.retirement_date = arena_strdup(a, date_iso(p, buf));
    x.retired_from = arena_strdup(a, date_iso(date_add_days(p, 1), buf));
    x.months_left = retirement_months_left(sex, b, at);
    holders_push(h, a, &x);
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

static int cmp_retirement(const void *x, const void *y) {
  const Holder *p = x, *q = y;
  int c = strcmp(p->retirement_date, q->retirement_date);
  return c ? c : strcmp(p->cadre_code, q->cadre_code);
}

/* Months of service left on ISO date `at` for a pool member; INT_MIN-ish (-9999) when unknown. */
static int months_left_at(const PoolMember *m, const char *at, const char **ret_date, Arena *a) {
  Date b, d;
  if (date_parse(m->birth_date, &b, DATE_PARTIAL) != 0 || date_parse(at, &d, DATE_FULL) != 0 || !m->gender)
    return -9999;
  char buf[11];
  Date p = retirement_point(m->gender[0], b);
  if (p.y == 0) return -9999;
  *ret_date = arena_strdup(a, date_iso(p, buf));
  return retirement_months_left(m->gender[0], b, d);
}

/* Fill coverage c for pool p (may be NULL: no pool yet) given its holders. */
static void cover(Arena *a, Coverage *c, const Pool *p, const Forecast *f) {
  const char *ref = f->until;
  c->retiring = c->nholders == 0;
  for (int i = 0; i < c->nholders; i++)
    if (strcmp(c->holders[i].retirement_date, f->until) <= 0) {
      c->retiring = true;
      if (!c->vacant_on || strcmp(c->holders[i].retirement_date, c->vacant_on) < 0)
        c->vacant_on = c->holders[i].retirement_date;
    }
  if (c->vacant_on) ref = c->vacant_on;
  if (strcmp(ref, f->date) < 0) ref = f->date; /* already due: vacant now */
  int n = p ? p->n : 0;
  c->cand = arena_alloc(a, sizeof(Candidate) * (size_t)(n ? n : 1));
  for (int i = 0; i < n; i++) {
    const PoolMember *m = &p->m[i];
    bool holds = false;
    for (int k = 0; k < c->nholders; k++) holds = holds || strcmp(c->holders[k].cadre_code, m->code) == 0;
    if (holds) continue;
    const char *rd = NULL;
    int left = months_left_at(m, ref, &rd, a);
    if (left < f->min_months) {
      c->excluded++;
      continue;
    }
    c->cand[c->ncand++] = (Candidate){m->code, m->full_name, m->birth_date, rd, left};
  }
  c->missing = c->retiring && c->ncand == 0;
}

/* Holders by (unit code, title code), ties in load order, so that each key
   pool finds its holders by binary search instead of a pass over every
   holder of the scope (issue 9: that pass, with a holders array per pool,
   made /du-bao and the dashboard quadratic in time and memory). */
typedef struct {
  const Holder *h;
  int seq;
} HolderRef;

static int cmp_ref(const void *x, const void *y) {
  const HolderRef *p = x, *q = y;
  int c = strcmp(p->h->unit_code, q->h->unit_code);
  if (!c) c = strcmp(p->h->title_code, q->h->title_code);
  return c ? c : (p->seq > q->seq) - (p->seq < q->seq);
}

/* First index in refs[0..n) whose (unit, title) is >= (u, t). */
static int lower_bound(const HolderRef *refs, int n, const char *u, const char *t) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    int c = strcmp(refs[mid].h->unit_code, u);
    if (!c) c = strcmp(refs[mid].h->title_code, t);
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static int coverage(Db *db, Arena *a, Scope scope, const char *unit_code, const Holders *h, Forecast *f) {
  Pool *pools;
  int np;
  int rc = planning_pools(db, a, scope, unit_code, f->term, f->date, true, &pools, &np);
  if (rc) return rc;
  HolderRef *refs = arena_alloc(a, sizeof(HolderRef) * (size_t)(h->n ? h->n : 1));
  for (int k = 0; k < h->n; k++) refs[k] = (HolderRef){&h->v[k], k};
  cb_qsort(refs, (size_t)h->n, sizeof(HolderRef), cmp_ref);
  f->cov = arena_alloc(a, sizeof(Coverage) * (size_t)(np ? np : 1));
  for (int i = 0; i < np; i++) {
    const Pool *p = &pools[i];
    if (strcmp(p->title_category, "key") != 0) continue;
    Coverage *c = &f->cov[f->ncov++];
    *c = (Coverage){.unit_code = p->unit_code, .unit_name = p->unit_name, .title_code = p->title_code,
                    .title_name = p->title_name};
    int lo = lower_bound(refs, h->n, p->unit_code, p->title_code), hi = lo;
    while (hi < h->n && strcmp(refs[hi].h->unit_code, p->unit_code) == 0 &&
           strcmp(refs[hi].h->title_code, p->title_code) == 0)
      hi++;
    c->holders = arena_alloc(a, sizeof(Holder) * (size_t)(hi > lo ? hi - lo : 1));
    for (int k = lo; k < hi; k++) c->holders[c->nholders++] = *refs[k].h;
    cover(a, c, p, f);
    if (c->missing) f->nmissing++;
  }
  return 0;
}

int forecast_build(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, int months,
                   Forecast *out) {
  memset(out, 0, sizeof *out);
  if (months < 1 || months > 120) return CB_EINVAL;
  Date d = date_today();
  if (date && *date && date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
  char iso[11], until[11];
  out->date = arena_strdup(a, date_iso(d, iso));
  out->until = arena_strdup(a, date_iso(date_add_months(d, months), until));
  out->months = months;
  out->term = term_of(a, iso);
  const char *path = scope_legacy(scope);
  if (unit_code && *unit_code) {
    Unit u;
    int rc = unit_find(db, a, scope, unit_code, &u);
    if (rc) return rc;
    path = u.path, out->unit_code = u.code, out->unit_name = u.name;
  }
  RuleVersion rv;
  out->min_months = 60;
  out->basis_ret = retirement_basis();
  out->basis_plan4 = "";
  if (rules_in_force(db, a, "PLAN-4", iso, &rv) == 0) {
    out->min_months = (int)rule_param_int(&rv, "min_months", 60);
    out->basis_plan4 = rv.basis;
  }
  Holders h = {0};
  int rc = load_holders(db, a, scope, path, iso, out->until, &h);
  if (rc) return rc;
  out->ret = arena_alloc(a, sizeof(Holder) * (size_t)(h.n ? h.n : 1));
  out->past = arena_alloc(a, sizeof(Holder) * (size_t)(h.n ? h.n : 1));
  for (int i = 0; i < h.n; i++) {
    if (strcmp(h.v[i].retired_from, out->date) <= 0) out->past[out->npast++] = h.v[i];
    else if (strcmp(h.v[i].retirement_date, out->until) <= 0) out->ret[out->nret++] = h.v[i];
  }
  if (out->nret > 1) cb_qsort(out->ret, (size_t)out->nret, sizeof(Holder), cmp_retirement);
  if (out->npast > 1) cb_qsort(out->past, (size_t)out->npast, sizeof(Holder), cmp_retirement);
  return coverage(db, a, scope, unit_code, &h, out);
}

/*
** Issue 9 (the dashboard at a province's size): the holders are counted in
** SQL from the birth index, only over the birth months whose retirement
** falls in the window (a few percent of the cadres), instead of loading every
** holder old enough. The same count as forecast_build's nret: positions held
** on `date` in the scope whose holder's retirement date is in [date, until].
*/
int forecast_count_retiring(Db *db, Scope scope, const char *date, int months, int *n) {
  *n = 0;
  Date d;
  if (months < 1 || months > 120 || !date || date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
  char iso[11], until[11];
  date_iso(d, iso);
  date_iso(date_add_months(d, months), until);
  static const char SEXES[2] = {'M', 'F'};
  for (int k = 0; k < 2; k++) {
    BirthWindow w;
    if (!forecast_birth_window(SEXES[k], iso, until, &w)) continue;
    DbStmt *st = db_prepare(
        db, "SELECT count(*) FROM cadres c CROSS JOIN positions ps ON ps.cadre_id = c.id "
            "JOIN units u ON u.id = ps.unit_id JOIN titles t ON t.id = ps.title_id "
            "WHERE (c.birth_date >= ?4 AND c.birth_date < ?5 AND length(c.birth_date) > 4 "
            "OR length(c.birth_date) = 4 AND c.birth_date BETWEEN ?6 AND ?7) AND c.gender = ?8 "
            "AND ps.start_date <= ?2 AND (ps.end_date IS NULL OR ps.end_date >= ?2) "
            "AND (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "
            "AND +c.unit_id IN (SELECT cu.id FROM units cu WHERE" SCOPE_SQL("cu.path", 3) ")"); /* + : walk the birth index */
    if (!st) return CB_EDB;
    char y1[16], y2[16], sex[2] = {SEXES[k], 0};
    snprintf(y1, sizeof y1, "%04d", w.y1);
    snprintf(y2, sizeof y2, "%04d", w.y2);
    db_bind_text(st, 1, scope_legacy(scope));
    db_bind_text(st, 2, iso);
    scope_bind(st, 3, scope);
    db_bind_text(st, 4, w.lo);
    db_bind_text(st, 5, w.hi);
    db_bind_text(st, 6, y1); /* y1 > y2: BETWEEN matches nothing */
    db_bind_text(st, 7, y2);
    db_bind_text(st, 8, sex);
    int rc = db_step(st);
    if (rc == DB_ROW) *n += (int)db_int(st, 0);
    db_finalize(st);
    if (rc != DB_ROW) return CB_EDB;
  }
  return 0;
}

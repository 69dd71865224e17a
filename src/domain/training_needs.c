/*
** Training needs of planned cadres (see training_needs.h): one query for the
** current pool members with their profile levels and the planned titles'
** minimums, one for their current registrations, standards_check() per
** (cadre, title), then merged per cadre and course and sorted by course.
*/
#include "domain/training_needs.h"
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "domain/report_annual.h"
#include "domain/standards.h"
#include "domain/unit.h"

/* Pool members on ?2 in the subtree ?1: the latest act of each (term, unit, title, cadre) up to ?2 is an addition
   (no later act: an anti-join, see planning.c load_members). */
static const char SQL[] =
    "SELECT c.code, c.full_name, cu.name, c.birth_date, c.degree, c.llct_level, c.qlnn_level, "
    "t.code, t.name, t.level, t.category, t.min_degree, t.min_llct, t.min_qlnn, t.max_age_first, c.sort_key, c.id "
    "FROM planning p JOIN units u ON u.id = p.unit_id JOIN cadres c ON c.id = p.cadre_id "
    "JOIN units cu ON cu.id = c.unit_id JOIN titles t ON t.id = p.title_id "
    "WHERE (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0') AND p.action = 'add' AND p.date <= ?2 "
    "AND CAST(substr(p.term, 6, 4) AS INTEGER) >= CAST(substr(?2, 1, 4) AS INTEGER) "
    "AND NOT EXISTS (SELECT 1 FROM planning p2 WHERE p2.term = p.term AND p2.unit_id = p.unit_id "
    "AND p2.title_id = p.title_id AND p2.cadre_id = p.cadre_id AND p2.date <= ?2 "
    "AND (p2.date > p.date OR (p2.date = p.date AND p2.id > p.id))) ORDER BY c.sort_key, c.code, t.rank DESC";

/* One seat in a pool (SQL's row: the cadre and the planned title), kept until the enrollments are known. */
typedef struct {
  Cadre c;
  Title t;
  long long cadre_id;
} Seat;

static const char *dup(Arena *a, DbStmt *st, int col) { return arena_strdup(a, db_text(st, col)); }

/* A current registration or study: the earliest starting per (cadre, program) is the one named. */
typedef struct {
  long long cadre_id; /* first: cb_cmp_id orders the ids list the same way */
  long long id;
  const char *program, *start_date, *why;
} Enrollment;

typedef struct {
  TrainingNeed *v;
  int n, cap;
  Arena *a;
  const char *date;
  bool enrolled;   /* collect the needs already met by a registration (true) or the others (false) */
  Enrollment *en;  /* load_enrollments: one per (cadre, program), by cadre_id then program */
  int nen;
} Needs;

static int cmp_enrollment(const void *x, const void *y) {
  const Enrollment *p = x, *q = y;
  int c = cb_cmp_id(p, q);
  if (!c) c = strcmp(p->program, q->program);
  if (!c && p->start_date) c = strcmp(p->start_date, q->start_date); /* the key of a lookup has none */
  if (!c && p->start_date) c = (p->id > q->id) - (p->id < q->id);
  return c;
}

#define ENROLL_BATCH 500 /* cadres asked per statement by load_enrollments */

/*
** The registrations and studies on the date of the members' cadres (m, n), asked for them all at once (one
** statement per ENROLL_BATCH cadres instead of one per cadre and course), the earliest starting per (cadre,
** program) kept in ns->en. 0 or CB_EDB.
*/
static int load_enrollments(Db *db, Needs *ns, const Seat *m, int n) {
  Arena *a = ns->a;
  long long *ids = arena_alloc(a, sizeof *ids * (size_t)(n ? n : 1));
  for (int i = 0; i < n; i++) ids[i] = m[i].cadre_id;
  int nids = cb_sort_unique_ids(ids, n);
  int cap = 64, k = 0;
  Enrollment *v = arena_alloc(a, sizeof *v * (size_t)cap);
  for (int at = 0; at < nids; at += ENROLL_BATCH) {
    int b = nids - at < ENROLL_BATCH ? nids - at : ENROLL_BATCH;
    DbStmt *st = db_prepare_in(db, a, "SELECT cadre_id, id, program, status, start_date FROM trainings WHERE cadre_id "
                                      "IN (%s) AND status IN ('registered', 'studying') AND (end_date IS NULL OR "
                                      "end_date >= ?1)",
                               2, ids + at, b);
    if (!st) return CB_EDB;
    db_bind_text(st, 1, ns->date);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
      if (k == cap) {
        Enrollment *w = arena_alloc(a, sizeof *v * (size_t)(cap *= 2));
        memcpy(w, v, sizeof *v * (size_t)k);
        v = w;
      }
      char vn[16];
      v[k++] = (Enrollment){db_int(st, 0), db_int(st, 1), dup(a, st, 2), dup(a, st, 4),
                            arena_printf(a, "%s từ %s", strcmp(db_text(st, 3), "studying") == 0 ? "Đang học" : "Đã đăng ký",
                                         date_iso_to_vn(db_text(st, 4), vn))};
    }
    db_finalize(st);
    if (rc != DB_DONE) return CB_EDB;
  }
  cb_qsort(v, (size_t)k, sizeof *v, cmp_enrollment);
  int u = 0; /* the first of each (cadre, program) */
  for (int i = 0; i < k; i++)
    if (!u || v[u - 1].cadre_id != v[i].cadre_id || strcmp(v[u - 1].program, v[i].program) != 0) v[u++] = v[i];
  ns->en = v, ns->nen = u;
  return 0;
}

/* "Đã đăng ký từ dd/mm/yyyy" when cadre_id is registered for or studying `program` on the date, else NULL. */
static const char *enrollment(Needs *ns, long long cadre_id, const char *program) {
  Enrollment key = {.cadre_id = cadre_id, .program = program};
  const Enrollment *e = cb_bsearch(&key, ns->en, (size_t)ns->nen, sizeof key, cmp_enrollment);
  return e ? e->why : NULL;
}

static int program_order(const char *p) {
  for (int i = 0; i < REPORT_N_PROGRAMS; i++)
    if (p && strcmp(p, report_programs[i]) == 0) return i;
  return REPORT_N_PROGRAMS;
}

/* Add or merge (same cadre and course: the title joins the list). */
static void need_add(Needs *ns, const TrainingNeed *x) {
  for (int i = ns->n - 1; i >= 0 && strcmp(ns->v[i].cadre_code, x->cadre_code) == 0; i--)
    if (strcmp(ns->v[i].program, x->program) == 0) {
      if (!strstr(ns->v[i].titles, x->titles))
        ns->v[i].titles = arena_printf(ns->a, "%s; %s", ns->v[i].titles, x->titles);
      return;
    }
  if (ns->n == ns->cap) {
    int cap = ns->cap ? ns->cap * 2 : 64;
    TrainingNeed *v = arena_alloc(ns->a, sizeof *v * (size_t)cap);
    if (ns->n) memcpy(v, ns->v, sizeof *v * (size_t)ns->n);
    ns->v = v, ns->cap = cap;
  }
  ns->v[ns->n++] = *x;
}

/* The seat of SQL's current row. */
static Seat read_seat(Arena *a, DbStmt *st) {
  Seat m = {.c = {.code = dup(a, st, 0), .full_name = dup(a, st, 1), .unit_name = dup(a, st, 2),
                    .birth_date = dup(a, st, 3), .degree = dup(a, st, 4), .llct_level = dup(a, st, 5),
                    .qlnn_level = dup(a, st, 6)},
              .t = {.code = dup(a, st, 7), .name = dup(a, st, 8), .level = dup(a, st, 9), .category = dup(a, st, 10),
                    .min_degree = dup(a, st, 11), .min_llct = dup(a, st, 12), .min_qlnn = dup(a, st, 13),
                    .max_age_first = (int)db_int(st, 14)},
              .cadre_id = db_int(st, 16)};
  return m;
}

/* The needs of one seat: the standards it does not meet that a course gives, enrolled or not. */
static void seat_needs(Needs *ns, Seat *m) {
  StdItem *items;
  int n;
  standards_check(ns->a, &m->c, &m->t, NULL, &items, &n);
  for (int i = 0; i < n; i++) {
    if (items[i].met || !items[i].program) continue;
    const char *why = enrollment(ns, m->cadre_id, items[i].program);
    if ((why != NULL) != ns->enrolled) continue;
    TrainingNeed x = {items[i].program, m->c.code, m->c.full_name, m->c.unit_name, m->t.name, items[i].message, why};
    need_add(ns, &x);
  }
}

static int by_program(const void *pa, const void *pb) {
  const TrainingNeed *x = pa, *y = pb;
  int d = program_order(x->program) - program_order(y->program);
  return d ? d : 0;
}

static int collect(Db *db, Arena *a, const char *scope, const char *unit_code, const char *date, bool enrolled,
                   TrainingNeed **out, int *n) {
  *out = NULL, *n = 0;
  Date d;
  if (!date || date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
  char iso[16];
  date_iso(d, iso);
  Unit u;
  int rc = unit_find(db, a, scope_from_legacy(scope), unit_code, &u);
  if (rc) return rc;
  DbStmt *st = db_prepare_trusted(db, SQL);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, u.path);
  db_bind_text(st, 2, iso);
  Needs ns = {.a = a, .date = iso, .enrolled = enrolled};
  int nm = 0, cap = 64;
  Seat *m = arena_alloc(a, sizeof *m * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (nm == cap) {
      Seat *w = arena_alloc(a, sizeof *m * (size_t)(cap *= 2));
      memcpy(w, m, sizeof *m * (size_t)nm);
      m = w;
    }
    m[nm++] = read_seat(a, st);
  }
  db_finalize(st);
  if (rc != DB_DONE || load_enrollments(db, &ns, m, nm) != 0) return CB_EDB;
  for (int i = 0; i < nm; i++) seat_needs(&ns, &m[i]);
  /* Rows come in name order; a stable sort by course keeps it within each course. */
  for (int i = 1; i < ns.n; i++) {
    TrainingNeed x = ns.v[i];
    int j = i - 1;
    while (j >= 0 && by_program(&ns.v[j], &x) > 0) ns.v[j + 1] = ns.v[j], j--;
    ns.v[j + 1] = x;
  }
  *out = ns.v, *n = ns.n;
  return 0;
}

int training_needs(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, TrainingNeed **out, int *n) {
  return collect(db, a, scope_legacy(scope), unit_code, date, false, out, n);
}

int training_needs_enrolled(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, TrainingNeed **out, int *n) {
  return collect(db, a, scope_legacy(scope), unit_code, date, true, out, n);
}

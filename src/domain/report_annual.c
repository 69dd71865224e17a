/*
** The yearly cadre-work report (see report_annual.h): one counting query per
** number and one listing query per section, all bound to the subtree path
** (?1) and the year's first and last day (?2, ?3). The xlsx layout lives in
** report_annual_xlsx.c.
*/
#include "domain/report_annual.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "core/audit.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/vi.h"
#include "domain/docs/doc_settings.h"
#include "domain/title.h"
#include "domain/unit.h"

const char *const report_programs[REPORT_N_PROGRAMS] = {
    "llct_cao_cap", "llct_trung_cap", "llct_so_cap", "qlnn_cvcc", "qlnn_cvc",
    "qlnn_cv",      "leadership_skills", "overseas_165", "degree", "other"};

#define IN_TREE(path) " (" path " >= ?1 AND " path " < substr(?1, 1, length(?1) - 1) || '0') "
/* The lists name only people whose current unit is in the reader's scope (?6, scope_bind; docs/SECURITY.md).
** A correlated EXISTS by primary key, not "c.unit_id IN (...)": with IN, SQLite drove the lists from every unit's
** cadres (0.95 s at 100,000 cadres for a year without trainings) instead of the year's acts by date (issue 9). */
#define PERSON_IN_SCOPE " AND EXISTS (SELECT 1 FROM units sx WHERE sx.id = c.unit_id AND" SCOPE_SQL("sx.path", 6) ") "

/*
** The acts of the year (rotations, appointments: a few thousand a year, read by their date index or whole, joined
** by keys) have one plan whatever the subtree and year (DB_ONE_PLAN, core/db.h); the statements over planning,
** positions and trainings keep a plan per execution (SQL_PLAN_COUNTS says why for planning).
*/
/*
** Distinct cadres and acts of planning in the subtree and the year, per title category and action (the report's
** four: committee or key, add or remove), in one pass over the year's planning by its date index. A plan per set of
** values, not DB_ONE_PLAN: PostgreSQL's generic plan guessed one unit in any subtree and probed the year's
** planning once per unit (44 times at the root, 0.26 ms for each of the four counts it was); planned for the
** values it reads the year once (0.09 ms for all four, its plan kept per set of values: core/db_pg_plans.c).
*/
static const char SQL_PLAN_COUNTS[] =
    "SELECT t.category, p.action, count(DISTINCT p.cadre_id), count(*) FROM planning p "
    "JOIN titles t ON t.id = p.title_id JOIN units u ON u.id = p.unit_id WHERE" IN_TREE("u.path")
    "AND p.date BETWEEN ?2 AND ?3 AND t.category IN ('committee', 'key') AND p.action IN ('add', 'remove') "
    "GROUP BY t.category, p.action";
/* Trainings from train_counts (schema 0038: per unit, year and program, '*' = distinct cadres, kept by triggers;
   a cadre belongs to one unit, so the units' distinct cadres add up). ?2 is 'Y-01-01': its year is the key. The
   programs and '*' in one statement: one probe of the count table per unit, not two. */
static const char SQL_TRAIN_COUNT[] =
    DB_ONE_PLAN "SELECT tc.program, sum(tc.n) FROM units u CROSS JOIN train_counts tc ON tc.unit_id = u.id WHERE" IN_TREE("u.path")
    "AND tc.year = substr(?2, 1, 4) AND ?3 = ?3 GROUP BY tc.program";
static const char SQL_ROT_COUNT[] =
    DB_ONE_PLAN "SELECT count(*), count(DISTINCT r.cadre_id) FROM rotations r JOIN units tu ON tu.id = r.to_unit_id LEFT JOIN units fu ON fu.id = r.from_unit_id "
    "WHERE r.voided_at IS NULL AND r.kind IN ('rotation','transfer') AND r.date BETWEEN ?2 AND ?3 AND (" IN_TREE("tu.path")
    "OR (fu.id IS NOT NULL AND" IN_TREE("fu.path") "))";
static const char SQL_APPT_COUNT[] =
    DB_ONE_PLAN "SELECT count(*), count(DISTINCT ap.cadre_id) FROM appointments ap JOIN units u ON u.id = ap.unit_id WHERE" IN_TREE("u.path")
    "AND ap.kind IN ('appointment','reappointment','promotion') AND ap.decision_date BETWEEN ?2 AND ?3";

/*
** Does the subtree have titles of a category: planned (any term) or held during the year? The category's titles are
** named by id (?4...: title_ids, the same list in both places), as the other lists of a few titles' posts do: joined
** on titles.category, no planner can tell how few positions they have. PostgreSQL planned the join 0.6-0.9 ms and,
** with its default random_page_cost (the server's own, which canbo's session settings leave alone), read every
** position for a commune without committee titles (82 ms at 100,000 cadres); by ids, 0.4-0.5 ms and the title
** index. CROSS JOIN keeps SQLite on the title indexes (schema 0031).
*/
#define SQL_HAS_CATEGORY                                                                                       \
    "SELECT EXISTS (SELECT 1 FROM planning p CROSS JOIN units u ON u.id = p.unit_id WHERE p.title_id IN (%s) AND" \
    IN_TREE("u.path") ") OR EXISTS (SELECT 1 FROM positions ps CROSS JOIN units u ON u.id = ps.unit_id "        \
    "WHERE ps.title_id IN (%s) AND" IN_TREE("u.path") "AND ps.start_date <= ?3 AND (ps.end_date IS NULL OR "    \
    "ps.end_date >= ?2))"

/*
** The lists: id, code, name, date, decision, kind, title, unit, from/extra, reason, unit level. The planning list
** holds the four sections of planning (then category: committee, key; action: add, remove -- the sections' order),
** in one pass over the year's planning, planned for its values as SQL_PLAN_COUNTS is.
*/
static const char SQL_PLAN_LIST[] =
    "SELECT p.id, c.code, c.full_name, p.date, p.decision_no, p.action, t.name, u.name, p.term, p.reason, u.level, "
    "t.category FROM planning p JOIN titles t ON t.id = p.title_id JOIN units u ON u.id = p.unit_id "
    "JOIN cadres c ON c.id = p.cadre_id WHERE" IN_TREE("u.path")
    "AND p.date BETWEEN ?2 AND ?3 AND t.category IN ('committee', 'key') AND p.action IN ('add', 'remove')"
    PERSON_IN_SCOPE "ORDER BY t.category, p.action, p.date, c.sort_key, p.id";
#define TRAIN_LIST_SQL                                                                                              \
  "SELECT tr.id, c.code, c.full_name, tr.start_date, NULL, tr.program, tr.name, u.name, tr.status, tr.institution, " \
  "u.level FROM trainings tr JOIN cadres c ON c.id = tr.cadre_id JOIN units u ON u.id = c.unit_id WHERE" IN_TREE(   \
      "u.path") "AND tr.start_date BETWEEN ?2 AND ?3" PERSON_IN_SCOPE "ORDER BY tr.start_date, c.sort_key, tr.id"
static const char SQL_TRAIN_LIST[] = TRAIN_LIST_SQL;
/* A window of it (LIMIT ?7 OFFSET ?8): the walk of the year's trainings in date order (trainings_start) stops after
   it, instead of reading and sorting the whole year (1 s at 1,000,000 cadres, issue 9). */
static const char SQL_TRAIN_LIST_WINDOW[] = TRAIN_LIST_SQL " LIMIT ?7 OFFSET ?8";
static const char SQL_ROT_LIST[] =
    DB_ONE_PLAN "SELECT r.id, c.code, c.full_name, r.date, r.decision_no, r.kind, tt.name, tu.name, fu.name, NULL, tu.level "
    "FROM rotations r JOIN cadres c ON c.id = r.cadre_id JOIN units tu ON tu.id = r.to_unit_id "
    "LEFT JOIN units fu ON fu.id = r.from_unit_id LEFT JOIN titles tt ON tt.id = r.to_title_id "
    "WHERE r.voided_at IS NULL AND r.kind IN ('rotation','transfer') AND r.date BETWEEN ?2 AND ?3 AND (" IN_TREE("tu.path")
    "OR (fu.id IS NOT NULL AND" IN_TREE("fu.path") "))" PERSON_IN_SCOPE "ORDER BY r.date, c.sort_key, r.id";
static const char SQL_APPT_LIST[] =
    DB_ONE_PLAN "SELECT ap.id, c.code, c.full_name, ap.decision_date, ap.decision_no, ap.kind, t.name, u.name, NULL, NULL, u.level "
    "FROM appointments ap JOIN cadres c ON c.id = ap.cadre_id JOIN titles t ON t.id = ap.title_id "
    "JOIN units u ON u.id = ap.unit_id WHERE" IN_TREE("u.path")
    "AND ap.kind IN ('appointment','reappointment','promotion') AND ap.decision_date BETWEEN ?2 AND ?3" PERSON_IN_SCOPE
    "ORDER BY ap.decision_date, c.sort_key, ap.id";

static DbStmt *prep(Db *db, const char *sql, const char *path, const char *from, const char *to) {
  DbStmt *st = db_prepare_trusted(db, sql);
  if (!st) return NULL;
  db_bind_text(st, 1, path);
  db_bind_text(st, 2, from);
  db_bind_text(st, 3, to);
  return st;
}

/* A single count; *n = the value. */
static int count_one(DbStmt *st, long *n) {
  if (!st) return CB_EDB;
  int rc = db_step(st);
  if (rc == DB_ROW) *n = (long)db_int(st, 0);
  db_finalize(st);
  return rc == DB_ROW ? 0 : CB_EDB;
}

/* Two counts of one row; *n1, *n2 = the values. */
static int count_two(DbStmt *st, long *n1, long *n2) {
  if (!st) return CB_EDB;
  int rc = db_step(st);
  if (rc == DB_ROW) *n1 = (long)db_int(st, 0), *n2 = (long)db_int(st, 1);
  db_finalize(st);
  return rc == DB_ROW ? 0 : CB_EDB;
}

/* The planning section of a title category and an action as SQL_PLAN_COUNTS and SQL_PLAN_LIST name them. */
static ReportSection plan_section(const char *category, const char *action) {
  bool committee = category && strcmp(category, "committee") == 0, add = action && strcmp(action, "add") == 0;
  return committee ? (add ? RS_COMMITTEE_ADDED : RS_COMMITTEE_REMOVED) : (add ? RS_KEY_ADDED : RS_KEY_REMOVED);
}

/* The planning counts from SQL_PLAN_COUNTS's st: a category and action the query names but no row has stay 0. */
static int read_plan_counts(DbStmt *st, AnnualReport *out) {
  if (!st) return CB_EDB;
  long *const people[] = {[RS_COMMITTEE_ADDED] = &out->committee_added, [RS_COMMITTEE_REMOVED] = &out->committee_removed,
                          [RS_KEY_ADDED] = &out->key_added, [RS_KEY_REMOVED] = &out->key_removed};
  long *const acts[] = {[RS_COMMITTEE_ADDED] = &out->committee_added_acts,
                        [RS_COMMITTEE_REMOVED] = &out->committee_removed_acts,
                        [RS_KEY_ADDED] = &out->key_added_acts, [RS_KEY_REMOVED] = &out->key_removed_acts};
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    ReportSection s = plan_section(db_text(st, 0), db_text(st, 1));
    *people[s] = (long)db_int(st, 2), *acts[s] = (long)db_int(st, 3);
  }
  db_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

/* The statement of the has-category check for the titles of group `g` (NULL: none could be read). */
static DbStmt *has_category_stmt(Db *db, Arena *a, const char *p, const char *f, const char *t, TitleGroup g) {
  long long *ids;
  int n;
  DbStmt *st = title_ids(db, a, g, &ids, &n) == 0 ? db_prepare_in(db, a, SQL_HAS_CATEGORY, 4, ids, n) : NULL;
  if (st) db_bind_text(st, 1, p), db_bind_text(st, 2, f), db_bind_text(st, 3, t);
  return st;
}

/*
** The party committee's word ("Thành ủy"...) of the nearest district or province unit at or above the subtree's
** root (`path`): "Thành ủy" when there is none. 0 or CB_EDB.
*/
static int committee_word(Db *db, Arena *a, const char *path, const char **out) {
  static const char *const LEVELS[] = {"district", "province", NULL};
  *out = "Thành ủy";
  Unit u;
  int rc = unit_nearest(db, a, path, LEVELS, &u);
  if (rc) return rc == CB_ENOTFOUND ? 0 : rc;
  const char *folded = vi_fold(a, u.name ? u.name : "");
  if (strcmp(u.level, "province") == 0) *out = "Tỉnh ủy";
  else if (folded && strstr(folded, "huyen")) *out = "Huyện ủy";
  else if (folded && strstr(folded, "quan ")) *out = "Quận ủy";
  else if (folded && strstr(folded, "thi xa")) *out = "Thị ủy";
  return 0;
}

/* The year's trainings per known program into out[] (report_programs order), of every program into *total and
   the distinct people trained (program '*') into *people, from SQL_TRAIN_COUNT's st. */
static int read_trainings(DbStmt *st, long *out, long *total, long *people) {
  if (!st) return CB_EDB;
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    const char *prog = db_text(st, 0);
    if (prog && strcmp(prog, "*") == 0) {
      *people = (long)db_int(st, 1);
      continue;
    }
    *total += (long)db_int(st, 1);
    for (int i = 0; i < REPORT_N_PROGRAMS; i++)
      if (prog && strcmp(prog, report_programs[i]) == 0) out[i] = (long)db_int(st, 1);
  }
  db_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

/*
** Every number of the report (its counting statements asked together: one round trip on PostgreSQL,
** db_run_together). Each statement is read (and finalized) whatever became of the others. 0 or CB_EDB.
*/
static int count_all(Db *db, Arena *a, const char *p, const char *f, const char *t, AnnualReport *out) {
  enum { PLAN, TRAIN, ROT, APPT, HAS_C, HAS_K, N };
  DbStmt *st[N];
  st[PLAN] = prep(db, SQL_PLAN_COUNTS, p, f, t);
  st[TRAIN] = prep(db, SQL_TRAIN_COUNT, p, f, t);
  st[ROT] = prep(db, SQL_ROT_COUNT, p, f, t);
  st[APPT] = prep(db, SQL_APPT_COUNT, p, f, t);
  st[HAS_C] = has_category_stmt(db, a, p, f, t, TITLES_COMMITTEE);
  st[HAS_K] = has_category_stmt(db, a, p, f, t, TITLES_KEY);
  db_run_together(db, st, N); /* a statement not sent with the others runs at its first step */
  long has_c = 0, has_k = 0;
  int r[N];
  r[PLAN] = read_plan_counts(st[PLAN], out);
  r[TRAIN] = read_trainings(st[TRAIN], out->training, &out->training_total, &out->training_people);
  r[ROT] = count_two(st[ROT], &out->rotations, &out->rotation_people);
  r[APPT] = count_two(st[APPT], &out->appointments, &out->appointment_people);
  r[HAS_C] = count_one(st[HAS_C], &has_c);
  r[HAS_K] = count_one(st[HAS_K], &has_k);
  out->has_committee = has_c != 0, out->has_key = has_k != 0;
  for (int i = 0; i < N; i++)
    if (r[i]) return r[i];
  return committee_word(db, a, p, &out->party_committee);
}

/* Growable item list in the arena. */
typedef struct {
  Arena *a;
  ReportItem *v;
  int n, cap;
} Items;

static ReportItem *item_new(Items *it) {
  if (it->n == it->cap) {
    int cap = it->cap ? it->cap * 2 : 64;
    ReportItem *v = arena_alloc(it->a, sizeof *v * (size_t)cap);
    if (it->n) memcpy(v, it->v, sizeof *v * (size_t)it->n);
    it->v = v, it->cap = cap;
  }
  return &it->v[it->n++];
}

/* The list statement's current row as an item of section s; its strings are the statement's (valid until the next
   step) unless `a` is given, which copies them. */
static void item_of_row(DbStmt *st, ReportSection s, Arena *a, ReportItem *x) {
  x->section = s;
  x->id = db_int(st, 0);
  const char **f[] = {&x->cadre_code, &x->full_name, &x->date,      &x->decision_no, &x->kind,
                      &x->title,      &x->unit,      &x->from_unit, &x->reason,      &x->unit_level};
  for (int i = 0; i < 10; i++) *f[i] = a ? arena_strdup(a, db_text(st, i + 1)) : db_text(st, i + 1);
  x->body = x->body_group = NULL;
}

/* Not a section: list_rows reads SQL_PLAN_LIST's rows each into the section of its category and action. */
#define RS_PLANNING RS_N

/* The rows of st as items of section s; of SQL_PLAN_LIST (s = RS_PLANNING): each in its row's section. */
static int list_rows(DbStmt *st, ReportSection s, Items *it) {
  if (!st) return CB_EDB;
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    ReportSection in = s == RS_PLANNING ? plan_section(db_text(st, 11), db_text(st, 5)) : s;
    item_of_row(st, in, it->a, item_new(it));
  }
  db_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

int report_annual_trainings_each(Db *db, const AnnualReport *r, int (*fn)(const ReportItem *x, void *ctx), void *ctx) {
  char f[16], t[16];
  snprintf(f, sizeof f, "%04d-01-01", r->year), snprintf(t, sizeof t, "%04d-12-31", r->year);
  DbStmt *st = prep(db, SQL_TRAIN_LIST, r->unit_path, f, t);
  if (!st) return CB_EDB;
  scope_bind(st, 6, r->scope);
  int rc, out = 0;
  ReportItem x;
  while (!out && (rc = db_step(st)) == DB_ROW) {
    item_of_row(st, RS_TRAINING, NULL, &x);
    out = fn(&x, ctx);
  }
  db_finalize(st);
  return out ? out : rc == DB_DONE ? 0 : CB_EDB;
}

/* Every list, its statements asked together (db_run_together) and read in section order; the trainings only
   [w_from, w_from + w_len) when w_len >= 0 (none when w_len is 0). */
static int list_all(Db *db, Scope scope, const char *p, const char *f, const char *t, long w_from, int w_len,
                    Items *it) {
  const struct {
    const char *sql;
    ReportSection s;
  } LISTS[] = {{SQL_PLAN_LIST, RS_PLANNING},
               {SQL_TRAIN_LIST, RS_TRAINING},
               {SQL_ROT_LIST, RS_ROTATION},
               {SQL_APPT_LIST, RS_APPOINTMENT}};
  enum { N = 4 };
  DbStmt *st[N] = {NULL};
  ReportSection sec[N];
  bool asked[N] = {false};
  for (int i = 0; i < N; i++) {
    bool window = LISTS[i].s == RS_TRAINING && w_len >= 0;
    sec[i] = LISTS[i].s;
    if (window && w_len == 0) continue; /* no trainings asked (the xlsx reads its own) */
    DbStmt *x = prep(db, window ? SQL_TRAIN_LIST_WINDOW : LISTS[i].sql, p, f, t);
    if (x) scope_bind(x, 6, scope);
    if (x && window) db_bind_int(x, 7, w_len), db_bind_int(x, 8, w_from);
    st[i] = x, asked[i] = true;
  }
  db_run_together(db, st, N);
  int rc = 0;
  for (int i = 0; i < N; i++) {
    if (!asked[i]) continue;
    if (!rc) rc = list_rows(st[i], sec[i], it);
    else if (st[i]) db_finalize(st[i]); /* after a failure the rest are only finalized */
  }
  return rc;
}

/* The issuer part of a decision number: "TU" of "12-QĐ/TU", "UBND" of "1919/QĐ-UBND"; NULL when none. */
static const char *issuer(Arena *a, const char *no, bool *state) {
  *state = false;
  if (!no) return NULL;
  const char *p = strstr(no, "-QĐ/");
  if (p) return arena_strdup(a, p + strlen("-QĐ/"));
  p = strstr(no, "/QĐ-");
  if (p) {
    const char *who = arena_strdup(a, p + strlen("/QĐ-"));
    /* a Party symbol typed with the State's separators ("215/QĐ-TU") is still the Party's */
    static const char *const PARTY[] = {"TU", "HU", "QU", "ThU", "ĐU", "DU", "TW", "BTCTU", "UBKTTU"};
    bool party = strncmp(who, "UBKT", 4) == 0;
    for (size_t i = 0; !party && i < sizeof PARTY / sizeof PARTY[0]; i++) party = strcmp(who, PARTY[i]) == 0;
    *state = !party;
    return who;
  }
  return NULL;
}

static bool low_level(const char *level) {
  return level && (strcmp(level, "commune") == 0 || strcmp(level, "grassroots") == 0);
}

const char *report_deciding_body(Arena *a, const char *decision_no, const char *unit_name, const char *unit_level,
                                 const char *committee, bool planning, const char **group) {
  const char *grp = NULL, *name = NULL;
  bool state;
  const char *who = issuer(a, decision_no, &state);
  if (!committee || !*committee) committee = "Thành ủy";
  if (who && !state) {
    static const char *const C[][2] = {{"TU", NULL}, {"HU", "Huyện ủy"}, {"QU", "Quận ủy"}, {"ThU", "Thị ủy"}};
    for (size_t i = 0; !name && i < sizeof C / sizeof C[0]; i++)
      if (strcmp(who, C[i][0]) == 0) name = arena_printf(a, "Ban Thường vụ %s", C[i][1] ? C[i][1] : committee);
    if (!name && (strcmp(who, "ĐU") == 0 || strcmp(who, "DU") == 0)) {
      name = low_level(unit_level) ? arena_printf(a, "Đảng ủy %s", unit_in_sentence(a, unit_name ? unit_name : "")) : "Đảng ủy";
      grp = low_level(unit_level) ? "Đảng ủy các xã, phường" : "Đảng ủy";
    }
    if (!name && strncmp(who, "UBKT", 4) == 0) name = arena_printf(a, "Ủy ban Kiểm tra %s", committee);
  } else if (who && (strcmp(who, "UBND") == 0 || strcmp(who, "CT") == 0)) {
    const char *head = strcmp(who, "CT") == 0 ? "Chủ tịch UBND" : "UBND";
    if (low_level(unit_level)) {
      name = arena_printf(a, "%s %s", head, unit_in_sentence(a, unit_name ? unit_name : ""));
      grp = arena_printf(a, "%s các xã, phường", head);
    } else {
      name = arena_printf(a, "%s %s", head, strcmp(committee, "Tỉnh ủy") == 0 ? "tỉnh" : "thành phố");
    }
  }
  if (!name) { /* no number, or another issuer: the level of the act's unit */
    if (low_level(unit_level)) {
      name = planning ? arena_printf(a, "Đảng ủy %s", unit_in_sentence(a, unit_name ? unit_name : ""))
                      : arena_printf(a, "cấp có thẩm quyền của %s", unit_in_sentence(a, unit_name ? unit_name : ""));
      grp = planning ? "Đảng ủy các xã, phường" : "cấp có thẩm quyền của các xã, phường";
    } else {
      name = planning ? arena_printf(a, "Ban Thường vụ %s", committee)
                      : arena_printf(a, "cấp có thẩm quyền của %s", unit_name ? unit_name : "đơn vị");
    }
  }
  if (group) *group = grp ? grp : name;
  return name;
}

/*
** The set of (section, body group, cadre) already counted, by item index: an
** open-addressing hash table in the arena, so attributing n items costs O(n)
** and not the O(n^2) of comparing each item with all before it (issue 9:
** 38 s for the 1,000,000-cadre city's report).
*/
typedef struct {
  int *slot; /* item index + 1; 0 = empty */
  size_t mask;
} Seen;

static Seen seen_new(Arena *a, int n_items) {
  size_t cap = 16;
  while (cap < (size_t)n_items * 2 + 1) cap *= 2;
  Seen s = {arena_alloc(a, sizeof(int) * cap), cap - 1};
  memset(s.slot, 0, sizeof(int) * cap);
  return s;
}

static size_t hash_str(size_t h, const char *s) {
  for (; s && *s; s++) h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
  return (h ^ 0xff) * (size_t)1099511628211ULL;
}

/* Adds items[i]'s key; true when it was not there yet. */
static bool seen_add(Seen *s, const ReportItem *items, int i) {
  const ReportItem *x = &items[i];
  size_t h = hash_str(hash_str((size_t)14695981039346656037ULL ^ (size_t)x->section, x->body_group), x->cadre_code);
  for (size_t j = h & s->mask;; j = (j + 1) & s->mask) {
    if (!s->slot[j]) {
      s->slot[j] = i + 1;
      return true;
    }
    const ReportItem *y = &items[s->slot[j] - 1];
    if (y->section == x->section && strcmp(y->body_group, x->body_group) == 0 &&
        strcmp(y->cadre_code ? y->cadre_code : "", x->cadre_code ? x->cadre_code : "") == 0)
      return false;
  }
}

/* A body named for the report: "Ủy ban nhân dân thành phố" -> "UBND thành phố", as the report names the UBND. */
static const char *short_body(Arena *a, const char *name) {
  static const char PEOPLE[] = "Ủy ban nhân dân";
  size_t n = strlen(PEOPLE);
  return strncmp(name, PEOPLE, n) == 0 ? arena_printf(a, "UBND%s", name + n) : arena_strdup(a, name);
}

/*
** The items decided by a State number ("4045/QĐ-UBND") credited to the body the number names -- the unit coded
** like its symbol, as the act's document names it (doc_state_number_body) -- and not guessed from the act's unit
** (the commune a cadre was moved to); a symbol no unit carries is said to be so. Each symbol looked up once.
** The others are left to report_deciding_body (attribute). 0 or CB_EDB.
*/
static int state_bodies(Db *db, Arena *a, AnnualReport *r) {
  enum { CACHE = 16 };
  const char *sym[CACHE], *name[CACHE];
  int n = 0;
  for (int i = 0; i < r->n_items; i++) {
    ReportItem *x = &r->items[i];
    bool state;
    const char *who = x->section == RS_TRAINING ? NULL : issuer(a, x->decision_no, &state);
    if (!who || !state) continue;
    int k = 0;
    while (k < n && strcmp(sym[k], who) != 0) k++;
    const char *body = k < n ? name[k] : NULL;
    if (!body) {
      Unit u;
      int rc = doc_state_number_body(db, a, x->decision_no, &u);
      if (rc == CB_EDB) return rc;
      body = rc == 0 ? short_body(a, u.name) : arena_printf(a, "chưa xác định được (không đơn vị nào mang ký hiệu «%s»)", who);
      if (n < CACHE) sym[n] = who, name[n++] = body;
    }
    x->body = x->body_group = body;
  }
  return 0;
}

/* Attribute every planning, rotation and appointment item to its body; the bodies of the year, most acts first. */
static void attribute(Arena *a, AnnualReport *r) {
  ReportBody *v = arena_alloc(a, sizeof *v * (size_t)(r->n_items + 1));
  const char **first = arena_alloc(a, sizeof *first * (size_t)(r->n_items + 1)); /* a single body's name per group */
  int n = 0;
  Seen seen = seen_new(a, r->n_items);
  for (int i = 0; i < r->n_items; i++) {
    ReportItem *x = &r->items[i];
    if (x->section == RS_TRAINING) continue;
    bool planning = x->section <= RS_KEY_REMOVED;
    if (!x->body) /* not already credited by its State number (state_bodies) */
      x->body = report_deciding_body(a, x->decision_no, x->unit, x->unit_level, r->party_committee, planning,
                                     &x->body_group);
    int k = 0;
    while (k < n && strcmp(v[k].name, x->body_group) != 0) k++;
    if (k == n) {
      memset(&v[n], 0, sizeof v[n]);
      v[n].name = x->body_group, v[n].units = 1, first[n] = x->body;
      n++;
    } else if (first[k] && strcmp(first[k], x->body) != 0) {
      v[k].units++, first[k] = x->body; /* counts changes of body: distinct enough for "one or several" */
    }
    v[k].acts[x->section]++;
    if (seen_add(&seen, r->items, i)) v[k].people[x->section]++; /* a person counts once per body and section */
  }
  /* A group that stands for one body is named as that body ("Đảng ủy xã Hải Xuân"). */
  for (int k = 0; k < n; k++)
    if (v[k].units == 1) v[k].name = first[k];
  /* most acts first (insertion sort: a handful of bodies) */
  for (int i = 1; i < n; i++) {
    ReportBody x = v[i];
    long ax = 0, aj;
    for (int s = 0; s < RS_N; s++) ax += x.acts[s];
    int j = i - 1;
    for (; j >= 0; j--) {
      aj = 0;
      for (int s = 0; s < RS_N; s++) aj += v[j].acts[s];
      if (aj >= ax) break;
      v[j + 1] = v[j];
    }
    v[j + 1] = x;
  }
  r->bodies = v, r->n_bodies = n;
}

/* report_annual and report_annual_page: w_len < 0 = every training, else the window from w_from. */
static int build(Db *db, Arena *a, Scope scope, const char *unit_code, int year, bool with_items, long w_from,
                 int w_len, AnnualReport *out) {
  memset(out, 0, sizeof *out);
  if (year < 1900 || year > 2200) return CB_EINVAL;
  Unit u;
  int rc = unit_code && *unit_code ? unit_find(db, a, scope, unit_code, &u) : CB_ENOTFOUND;
  if (rc) return rc;
  out->unit_code = u.code, out->unit_name = u.name, out->unit_path = u.path, out->scope = scope, out->year = year;
  const char *p = u.path, *f = arena_printf(a, "%04d-01-01", year), *t = arena_printf(a, "%04d-12-31", year);
  if ((rc = count_all(db, a, p, f, t, out))) return rc;
  if (!with_items) return 0;
  if (w_len >= 0) {
    if (w_from >= out->training_total && w_len > 0) /* past the end: the last window */
      w_from = out->training_total > 0 ? (out->training_total - 1) / w_len * w_len : 0;
    out->train_window = true, out->train_first = w_from;
  }
  Items it = {.a = a};
  rc = list_all(db, scope, p, f, t, w_from, w_len, &it);
  out->items = it.v, out->n_items = it.n;
  if (!rc) rc = state_bodies(db, a, out);
  if (!rc) attribute(a, out);
  return rc;
}

int report_annual(Db *db, Arena *a, Scope scope, const char *unit_code, int year, bool with_items,
                  AnnualReport *out) {
  return build(db, a, scope, unit_code, year, with_items, 0, -1, out);
}

int report_annual_page(Db *db, Arena *a, Scope scope, const char *unit_code, int year, long train_offset,
                       int train_limit, AnnualReport *out) {
  return build(db, a, scope, unit_code, year, true, train_offset < 0 ? 0 : train_offset,
               train_limit < 0 ? 0 : train_limit, out);
}

json_t *report_annual_json(const AnnualReport *r) {
  json_t *tr = json_object();
  for (int i = 0; i < REPORT_N_PROGRAMS; i++) json_object_set_new(tr, report_programs[i], json_integer(r->training[i]));
  return json_pack("{s:s, s:i, s:{s:{s:I, s:I}, s:{s:I, s:I}}, s:o, s:I, s:I}", "unit", r->unit_code, "year", r->year,
                   "planning", "committee", "added", (json_int_t)r->committee_added, "removed",
                   (json_int_t)r->committee_removed, "key", "added", (json_int_t)r->key_added, "removed",
                   (json_int_t)r->key_removed, "training", tr, "rotations", (json_int_t)r->rotations,
                   "appointments", (json_int_t)r->appointments);
}

/* One row "section,item,count" through the one CSV writer (core/csv.h). */
static void csv_count(Buf *out, const char *section, const char *item, long n) {
  char num[32];
  snprintf(num, sizeof num, "%ld", n);
  const char *cells[] = {section, item, num};
  csv_buf_row_eol(out, cells, 3, "\n");
}

void report_annual_csv(const AnnualReport *r, Buf *out) {
  const char *head[] = {"section", "item", "count"};
  csv_buf_row_eol(out, head, 3, "\n");
  csv_count(out, "planning", "committee_added", r->committee_added);
  csv_count(out, "planning", "committee_removed", r->committee_removed);
  csv_count(out, "planning", "key_added", r->key_added);
  csv_count(out, "planning", "key_removed", r->key_removed);
  for (int i = 0; i < REPORT_N_PROGRAMS; i++) csv_count(out, "training", report_programs[i], r->training[i]);
  csv_count(out, "rotations", "total", r->rotations);
  csv_count(out, "appointments", "total", r->appointments);
}

const char *report_section_label(ReportSection s) {
  static const char *const L[RS_N] = {
      "Bổ sung vào quy hoạch Ban Chấp hành", "Đưa ra khỏi quy hoạch Ban Chấp hành",
      "Bổ sung vào quy hoạch chức danh chủ chốt", "Đưa ra khỏi quy hoạch chức danh chủ chốt",
      "Cử đi đào tạo, bồi dưỡng", "Luân chuyển, điều động", "Bổ nhiệm, bổ nhiệm lại, đề bạt"};
  return s >= 0 && s < RS_N ? L[s] : "";
}

int report_annual_audit(Db *db, const char *actor, const AnnualReport *r, const char *format) {
  json_t *j = json_pack("{s:s, s:s, s:i}", "format", format, "unit", r->unit_code, "year", r->year);
  char *after = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  char key[64];
  snprintf(key, sizeof key, "%s/%d", r->unit_code, r->year);
  int rc = after ? audit_log(db, actor ? actor : "unknown", "export", "report", key, NULL, after) : CB_EDB;
  free(after);
  json_decref(j);
  return rc;
}

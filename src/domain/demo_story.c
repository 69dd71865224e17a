/*
** The demo's cadre-work story (see demo_data.h): after every cadre exists,
** the planning pools of three terms with their yearly reviews, and the
** yearly evaluations. The 2019 numbers are those of the published Móng Cái
** report (REGULATIONS.md) when the demo has >= 1000 cadres; other years vary.
** Plain SQL with bound values, inside the demo's one transaction.
**
** Not for: rotations, appointments, trainings, disciplines, relatives
** (demo_story_acts.c); the people themselves (demo_people.c).
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/demo.h"
#include "domain/demo_data.h"

static const Date AS_OF = {2025, 6, 30};

int demo_story_count(const Story *s, int target) { return (int)(target * s->scale + 0.5); }

int demo_unit_index(const char *code) {
  for (int i = 0; i < demo_n_units; i++)
    if (strcmp(demo_units[i].code, code) == 0) return i;
  return -1;
}

static const char *iso(Arena *a, Date d) {
  char b[16];
  return arena_strdup(a, date_iso(d, b));
}

/* --- Loading --- */
static int load_ids(Story *s) {
  DbStmt *st = db_prepare(s->db, "SELECT id, code FROM units");
  if (!st) return CB_EDB;
  while (db_step(st) == DB_ROW) {
    int u = demo_unit_index(db_text(st, 1));
    if (u >= 0 && u < 64) s->unit_id[u] = db_int(st, 0);
  }
  db_finalize(st);
  st = db_prepare(s->db, "SELECT id, code FROM titles");
  if (!st) return CB_EDB;
  while (db_step(st) == DB_ROW) {
    int t = demo_title_index(db_text(st, 1));
    if (t < 64) s->title_id[t] = db_int(st, 0);
  }
  db_finalize(st);
  return 0;
}

static int load_cadres(Story *s, long long n) {
  DbStmt *st = db_prepare(s->db, "SELECT c.id, p.id, c.code, c.family_name, u.code, t.code, c.gender, c.birth_date, "
                                 "p.start_date, c.llct_level, c.qlnn_level, c.full_name FROM cadres c "
                                 "JOIN positions p ON p.cadre_id = c.id AND p.end_date IS NULL AND p.concurrent = 0 "
                                 "JOIN units u ON u.id = c.unit_id JOIN titles t ON t.id = p.title_id ORDER BY c.id");
  if (!st) return CB_EDB;
  s->c = arena_alloc(s->a, sizeof(StoryCadre) * (size_t)(n + 1));
  int rc;
  while ((rc = db_step(st)) == DB_ROW && s->n <= n) {
    StoryCadre *c = &s->c[s->n++];
    c->id = db_int(st, 0), c->position_id = db_int(st, 1);
    c->code = arena_strdup(s->a, db_text(st, 2)), c->family = arena_strdup(s->a, db_text(st, 3));
    c->unit = demo_unit_index(db_text(st, 4)), c->title = demo_title_index(db_text(st, 5));
    c->gender = db_text(st, 6)[0];
    c->birth_year = atoi(db_text(st, 7));
    date_parse(db_text(st, 8), &c->start, DATE_FULL);
    c->llct = arena_strdup(s->a, db_text(st, 9)), c->qlnn = arena_strdup(s->a, db_text(st, 10));
    c->fixed = demo_name_denied(db_text(st, 11)); /* generated names never are */
  }
  db_finalize(st);
  return rc == DB_DONE || rc == DB_ROW ? 0 : CB_EDB;
}

/* --- Planning --- */
enum { MAX_MEMBERS = 24 };
typedef struct {
  int unit, title, term; /* term index into TERMS */
  int committee;         /* category committee (else key) */
  int max;               /* pool size kept */
  int m[MAX_MEMBERS], nm; /* members: indices into s->c */
} Pool;

static const struct {
  const char *name;
  int start;       /* first year of the term */
  Date build;      /* the date the pools were approved */
} TERMS[] = {{"2015-2020", 2015, {2014, 11, 20}}, {"2020-2025", 2020, {2018, 5, 15}}, {"2025-2030", 2025, {2023, 9, 12}}};

typedef struct {
  Story *s;
  Pool *p;
  int np;
  DbStmt *ins;
} Planner;

static int is_commune(int unit) { return demo_units[unit].kind == UK_COMMUNE; }

/* May cadre i be planned for pool p at term t (place, rank, age, discipline)? */
static int fits(const Planner *pl, const Pool *p, int i, int term) {
  const StoryCadre *c = &pl->s->c[i];
  const DemoTitle *want = &demo_titles[p->title], *has = &demo_titles[c->title];
  int start = TERMS[term].start, build = TERMS[term].build.y;
  if (c->birth_year > build - 27 || start - c->birth_year > (c->gender == 'F' ? 50 : 54)) return 0;
  if (c->barred_from_year && c->barred_from_year <= build && build <= c->barred_until_year) return 0;
  if (has->rank >= want->rank || c->pools >= 3) return 0;
  if (is_commune(p->unit)) {
    if (c->unit != p->unit) return 0;
    return p->committee ? has->rank >= 20 && has->rank < 35 : has->rank >= 30 && has->cls != TC_STAFF;
  }
  if (is_commune(c->unit) || has->cls == TC_STAFF) return 0;
  return p->committee ? has->rank >= 54 && has->rank < 75 : has->rank >= 62;
}

static int in_pool(const Pool *p, int i) {
  for (int k = 0; k < p->nm; k++)
    if (p->m[k] == i) return 1;
  return 0;
}

static int write_act(Planner *pl, const Pool *p, int i, const char *action, Date d, const char *decision,
                     const char *reason) {
  Story *s = pl->s;
  DbStmt *st = pl->ins;
  db_reset(st);
  db_bind_text(st, 1, TERMS[p->term].name);
  db_bind_int(st, 2, s->unit_id[p->unit]);
  db_bind_int(st, 3, s->title_id[p->title]);
  db_bind_int(st, 4, s->c[i].id);
  db_bind_text(st, 5, action);
  db_bind_text(st, 6, iso(s->a, d));
  db_bind_text(st, 7, decision);
  db_bind_text(st, 8, reason);
  s->planning++;
  return db_step(st) == DB_DONE ? 0 : CB_EDB;
}

static const char *decision_for(Story *s, Rng *r, const Pool *p) {
  return is_commune(p->unit) ? arena_printf(s->a, "%d-QĐ/ĐU", rng_int(r, 10, 180))
                             : arena_printf(s->a, "%d-QĐ/TU", rng_int(r, 100, 2400));
}

static int add_member(Planner *pl, Pool *p, int i, Date d, const char *decision, const char *reason) {
  if (p->nm >= MAX_MEMBERS) return 0;
  p->m[p->nm++] = i;
  pl->s->c[i].pools++;
  return write_act(pl, p, i, "add", d, decision, reason);
}

static int remove_member(Planner *pl, Pool *p, int i, Date d, const char *decision, const char *reason) {
  for (int k = 0; k < p->nm; k++)
    if (p->m[k] == i) {
      p->m[k] = p->m[--p->nm];
      pl->s->c[i].pools--;
      return write_act(pl, p, i, "remove", d, decision, reason);
    }
  return 0;
}

/* The pools of a term: 4 key titles of the city and of each commune, and both committees. */
static void make_pools(Planner *pl, int term) {
  static const char *const CITY_KEY[][2] = {{"BT_TU", "MC"}, {"PBT_TU", "MC"}, {"CT_UBND_TP", "UBND"}, {"CT_HDND_TP", "HDND"}};
  static const char *const COMMUNE_KEY[] = {"BT_DU", "CT_UBND_XA", "PBT_DU", "CT_HDND_XA"};
  for (int k = 0; k < 4; k++)
    pl->p[pl->np++] = (Pool){demo_unit_index(CITY_KEY[k][1]), demo_title_index(CITY_KEY[k][0]), term, 0, 3, {0}, 0};
  pl->p[pl->np++] = (Pool){0, demo_title_index("UV_BCH_TU"), term, 1, 16, {0}, 0};
  for (int u = 0; u < demo_n_units; u++) {
    if (!is_commune(u)) continue;
    for (int k = 0; k < 4; k++) pl->p[pl->np++] = (Pool){u, demo_title_index(COMMUNE_KEY[k]), term, 0, 3, {0}, 0};
    pl->p[pl->np++] = (Pool){u, demo_title_index("UV_BCH_DU"), term, 1, 6, {0}, 0};
  }
}

/* A random cadre that fits pool p and is not in it; -1 when none. */
static int pick_candidate(Planner *pl, Rng *r, const Pool *p, const unsigned char *skip) {
  int n = pl->s->n, start = rng_int(r, 0, n - 1);
  for (int k = 0; k < n; k++) {
    int i = (start + k) % n;
    if ((!skip || !skip[i]) && !in_pool(p, i) && fits(pl, p, i, p->term)) return i;
  }
  return -1;
}

static int build_term(Planner *pl, int term, int first) {
  Story *s = pl->s;
  Rng r = rng_for(s->seed ^ 0x91a4ULL, (uint64_t)term);
  int rc = 0;
  for (int k = first; k < pl->np && !rc; k++) {
    Pool *p = &pl->p[k];
    int want = p->committee ? (is_commune(p->unit) ? rng_int(&r, 4, 6) : rng_int(&r, 10, 16)) : rng_int(&r, 2, 3);
    want = (int)(want * (s->scale < 0.3 ? 0.5 : 1.0) + 0.5);
    Date d = date_add_days(TERMS[term].build, is_commune(p->unit) ? -rng_int(&r, 10, 40) : 0);
    const char *dec = decision_for(s, &r, p);
    for (int j = 0; j < want && !rc; j++) {
      int i = pick_candidate(pl, &r, p, NULL);
      if (i < 0) break;
      rc = add_member(pl, p, i, d, dec, "Phê duyệt quy hoạch nhiệm kỳ");
    }
  }
  return rc;
}

static const char *const REMOVE_REASONS[] = {
    "Không còn đủ tuổi công tác cho một nhiệm kỳ", "Chuyển công tác khác",
    "Không còn đáp ứng tiêu chuẩn, điều kiện", "Đã được bầu, bổ nhiệm giữ chức danh",
    "Sức khỏe không bảo đảm", "Xin ra khỏi quy hoạch"};

/* How many `committee` pools of `term` hold cadre i. */
static int pools_of(const Planner *pl, int term, int committee, int i) {
  int n = 0;
  for (int k = 0; k < pl->np; k++)
    n += pl->p[k].term == term && pl->p[k].committee == committee && in_pool(&pl->p[k], i);
  return n;
}

/* Remove `want` distinct cadres from the `committee` pools of `term` (each from every such pool holding them). */
static int review_remove(Planner *pl, Rng *r, int term, int committee, int want, Date d, int forced, int prefer_multi) {
  int rc = 0;
  for (int done = 0; done < want && !rc; done++) {
    int who = -1;
    if (done == 0 && forced >= 0) who = forced;
    for (int tries = 0; who < 0 && tries < 400; tries++) {
      Pool *p = &pl->p[rng_int(r, 0, pl->np - 1)];
      if (p->term != term || p->committee != committee || p->nm == 0) continue;
      int i = p->m[rng_int(r, 0, p->nm - 1)];
      if (prefer_multi && done == 0 && tries < 300 && pools_of(pl, term, committee, i) < 2) continue;
      who = i;
    }
    if (who < 0) break;
    const char *reason = forced == who ? "Bị kỷ luật khiển trách (DISC-1), không đủ điều kiện quy hoạch"
                                       : REMOVE_REASONS[rng_int(r, 0, 5)];
    for (int k = 0; k < pl->np && !rc; k++) {
      Pool *p = &pl->p[k];
      if (p->term == term && p->committee == committee && in_pool(p, who))
        rc = remove_member(pl, p, who, d, decision_for(pl->s, r, p), reason);
    }
  }
  return rc;
}

/* Add `want` distinct cadres not yet in any `committee` pool of `term`, each to one pool with room. */
static int review_add(Planner *pl, Rng *r, int term, int committee, int want, Date d) {
  int rc = 0, done = 0;
  for (int tries = 0; done < want && tries < 2000 && !rc; tries++) {
    Pool *p = &pl->p[rng_int(r, 0, pl->np - 1)];
    if (p->term != term || p->committee != committee || p->nm >= p->max) continue;
    int i = pick_candidate(pl, r, p, NULL);
    if (i < 0) continue;
    if (pools_of(pl, term, committee, i) > 0) continue;
    rc = add_member(pl, p, i, d, decision_for(pl->s, r, p), "Bổ sung quy hoạch qua rà soát hằng năm");
    done++;
  }
  return rc;
}

/*
** The cadre reprimanded in 2024 (DISC-1: barred from planning for 12 months,
** so until 2025): a member of a key pool of the term, removed at the 2024
** review. Recorded in s->reprimanded; demo_story_people writes the discipline.
*/
static int reprimand_target(Planner *pl, Rng *r, int term) {
  for (int tries = 0; tries < 500; tries++) {
    Pool *p = &pl->p[rng_int(r, 0, pl->np - 1)];
    if (p->term != term || p->committee || p->nm == 0 || !is_commune(p->unit) || pl->s->c[p->m[0]].fixed) continue;
    int i = p->m[0];
    pl->s->reprimanded = i;
    pl->s->c[i].barred_from_year = 2024, pl->s->c[i].barred_until_year = 2025;
    return i;
  }
  return -1;
}

/* Yearly reviews: year, term reviewed, then committee added/removed and key added/removed (full size). */
static const struct {
  int year, term, c_add, c_rem, k_add, k_rem;
  Date date;
} REVIEWS[] = {
    {2015, 0, 3, 2, 4, 3, {2015, 10, 20}}, {2016, 0, 2, 3, 3, 5, {2016, 10, 18}},
    {2017, 0, 4, 3, 5, 6, {2017, 11, 8}},  {2019, 1, 2, 4, 4, 10, {2019, 10, 24}},
    {2020, 1, 3, 5, 6, 9, {2020, 11, 25}}, {2021, 1, 2, 3, 5, 7, {2021, 10, 28}},
    {2022, 1, 4, 2, 3, 6, {2022, 11, 3}},  {2024, 2, 3, 4, 5, 8, {2024, 10, 30}},
    {2025, 2, 1, 2, 2, 4, {2025, 4, 22}},
};

int demo_story_planning(Story *s) {
  Planner pl = {.s = s, .p = arena_alloc(s->a, sizeof(Pool) * 3 * 120)};
  pl.ins = db_prepare(s->db, "INSERT INTO planning(term, unit_id, title_id, cadre_id, action, date, decision_no, reason, "
                             "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'demo')");
  if (!pl.ins) return CB_EDB;
  int rc = 0, built[3] = {0, 0, 0};
  for (int term = 0; term < 3 && !rc; term++) {
    built[term] = pl.np;
    make_pools(&pl, term);
    rc = build_term(&pl, term, built[term]);
    for (size_t k = 0; k < sizeof REVIEWS / sizeof REVIEWS[0] && !rc; k++) {
      if (REVIEWS[k].term != term) continue;
      Rng r = rng_for(s->seed ^ 0x7e71e3ULL, (uint64_t)REVIEWS[k].year);
      Date d = REVIEWS[k].date;
      int forced = REVIEWS[k].year == 2024 ? reprimand_target(&pl, &r, term) : -1;
      int story = REVIEWS[k].year == DEMO_STORY_YEAR;
      rc = review_remove(&pl, &r, term, 1, demo_story_count(s, REVIEWS[k].c_rem), d, -1, 0);
      if (!rc) rc = review_remove(&pl, &r, term, 0, demo_story_count(s, REVIEWS[k].k_rem), d, forced, story);
      if (!rc) rc = review_add(&pl, &r, term, 1, demo_story_count(s, REVIEWS[k].c_add), date_add_days(d, 1));
      if (!rc) rc = review_add(&pl, &r, term, 0, demo_story_count(s, REVIEWS[k].k_add), date_add_days(d, 1));
    }
    /* The next term's pools start from scratch: nobody carries a count over. */
    for (int i = 0; i < s->n; i++) s->c[i].pools = 0;
  }
  db_finalize(pl.ins);
  (void)AS_OF;
  return rc;
}

/* --- Evaluations 2019-2024: mostly good, excellent within the EVAL-2 quota per unit, one EVAL-3 case --- */
enum { EVAL_FIRST = 2019, EVAL_LAST = 2024, EVAL_YEARS = EVAL_LAST - EVAL_FIRST + 1 };
static const char *const RATINGS[] = {"excellent", "good", "completed", "failed"};

int demo_story_evaluations(Story *s) {
  int n = s->n;
  unsigned char *rt = arena_alloc(s->a, (size_t)n * EVAL_YEARS); /* 0..3 = RATINGS, 9 = not rated */
  int failing = -1; /* the EVAL-3 case: a commune civil servant failing 2022 and 2023 */
  for (int i = 0; i < n && failing < 0; i++)
    if (is_commune(s->c[i].unit) && demo_titles[s->c[i].title].cls == TC_STAFF && s->c[i].start.y < 2020) failing = i;
  for (int i = 0; i < n; i++) {
    Rng r = rng_for(s->seed ^ 0xe7a1ULL, (uint64_t)i);
    int first = s->c[i].start.y - rng_int(&r, 0, 6); /* worked here or before since about then */
    if (first > 2023) first = 2023;                  /* every cadre began by mid-2023 (demo_people.c) */
    for (int y = 0; y < EVAL_YEARS; y++) {
      int x = rng_int(&r, 0, 999), v = x < 150 ? 0 : x < 935 ? 1 : x < 996 ? 2 : 3;
      if (v == 3 && rng_pct(&r, 60)) v = 2; /* very few failed */
      if (i == failing) v = EVAL_FIRST + y == 2022 || EVAL_FIRST + y == 2023 ? 3 : 2;
      else if (v == 3 && EVAL_FIRST + y > EVAL_FIRST && rt[(size_t)i * EVAL_YEARS + y - 1] == 3) v = 2;
      if (s->c[i].barred_from_year && EVAL_FIRST + y == s->c[i].barred_from_year) v = 2;
      rt[(size_t)i * EVAL_YEARS + y] = EVAL_FIRST + y < first ? 9 : (unsigned char)v;
    }
  }
  /* EVAL-2: per unit and year, excellent <= 20% of good; the extra ones become good. */
  for (int u = 0; u < demo_n_units; u++)
    for (int y = 0; y < EVAL_YEARS; y++) {
      int good = 0, exc = 0;
      for (int i = 0; i < n; i++)
        if (s->c[i].unit == u) good += rt[(size_t)i * EVAL_YEARS + y] == 1, exc += rt[(size_t)i * EVAL_YEARS + y] == 0;
      int allowed = good * 20 / 100;
      for (int i = n - 1; i >= 0 && exc > allowed; i--)
        if (s->c[i].unit == u && rt[(size_t)i * EVAL_YEARS + y] == 0) rt[(size_t)i * EVAL_YEARS + y] = 1, exc--;
    }
  DbStmt *st = db_prepare(s->db, "INSERT INTO evaluation_records(cadre_id, year, rating) VALUES (?, ?, ?)");
  if (!st) return CB_EDB;
  int rc = 0;
  for (int i = 0; i < n && !rc; i++)
    for (int y = 0; y < EVAL_YEARS && !rc; y++) {
      unsigned char v = rt[(size_t)i * EVAL_YEARS + y];
      if (v > 3) continue;
      db_reset(st);
      db_bind_int(st, 1, s->c[i].id), db_bind_int(st, 2, EVAL_FIRST + y), db_bind_text(st, 3, RATINGS[v]);
      rc = db_step(st) == DB_DONE ? 0 : CB_EDB;
      s->evaluations++;
    }
  db_finalize(st);
  return rc;
}

int demo_story_make(Db *db, Arena *a, uint64_t seed, long long n_cadres, Story *out) {
  memset(out, 0, sizeof *out);
  out->db = db, out->a = a, out->seed = seed;
  out->scale = n_cadres >= 1000 ? 1.0 : (double)n_cadres / 1000.0;
  out->warned = out->reprimanded = -1;
  int rc = load_ids(out);
  if (!rc) rc = load_cadres(out, n_cadres);
  /* The 2023 warning bars its cadre from the 2025-2030 pools (30 months, DISC-1). */
  for (int i = 0, seen = 0; i < out->n && out->warned < 0; i++)
    if (demo_titles[out->c[i].title].cls == TC_LEADER && !is_commune(out->c[i].unit) && ++seen == 9) out->warned = i;
  if (out->warned >= 0) out->c[out->warned].barred_from_year = 2023, out->c[out->warned].barred_until_year = 2025;
  if (!rc) rc = demo_story_planning(out);
  if (!rc) rc = demo_story_people(out); /* disciplines (the reprimand chosen by the planning) and relatives */
  if (!rc) rc = demo_story_trainings(out);
  if (!rc) rc = demo_story_rotations(out);
  if (!rc) rc = demo_story_appointments(out);
  if (!rc) rc = demo_story_evaluations(out);
  return rc;
}

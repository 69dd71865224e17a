/*
** The demo's cadre-work story (see demo_data.h): the shared helpers, the
** planning pools of three terms with their yearly reviews, the yearly
** evaluations, and the order of the whole story. The 2019 numbers are those
** of the published Móng Cái report (REGULATIONS.md) when the demo has >= 1000
** cadres; other years vary.
**
** Planning follows the rules planning_add applies (its own transaction
** cannot run inside the demo's): a candidate fits by the post held on the
** day of the act, eligibility_check(PURPOSE_PLANNING) runs on every add and
** its findings are stored with the act; a failed finding refuses the
** candidate, except PLAN-1 on a committee pool, which is recorded with an
** override naming PLAN-10 (committee pools are sized by the committee, not
** by one title). A removal gives the reason that fits the person on that day
** (age under PLAN-4, a move, a post reached, a discipline), and nobody
** removed comes back into a pool in the same term.
**
** Not for: the acts that move cadres, trainings, disciplines, relatives
** (demo_story_plan.c, demo_story_acts.c); the people themselves (demo_people.c).
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/demo.h"
#include "domain/demo_data.h"
#include "domain/eligibility.h"
#include "domain/evaluation.h"
#include "domain/planning.h"
#include "domain/retirement.h"

static const Date AS_OF = {2025, 6, 30};

int demo_story_count(const Story *s, int target) { return (int)(target * s->scale + 0.5); }

int demo_unit_index(const char *code) {
  for (int i = 0; i < demo_n_units; i++)
    if (strcmp(demo_units[i].code, code) == 0) return i;
  return -1;
}

int demo_post_at(const StoryCadre *c, Date d) {
  for (int k = c->nposts - 1; k >= 0; k--)
    if (date_cmp(c->post[k].start, d) <= 0) return k;
  return -1;
}

int demo_rank_at(const StoryCadre *c, Date d) {
  int k = demo_post_at(c, d), rank = k >= 0 ? demo_titles[c->post[k].title].rank : 0;
  if (c->conc_title >= 0 && date_cmp(c->conc_start, d) <= 0 && demo_titles[c->conc_title].rank > rank)
    rank = demo_titles[c->conc_title].rank;
  return rank;
}

Date demo_day_in(Rng *r, int year, int m0, int m1) {
  Date d = {year, rng_int(r, m0, m1), rng_int(r, 1, 28)};
  return date_cmp(d, AS_OF) > 0 ? (Date){AS_OF.y, rng_int(r, 1, 5), rng_int(r, 1, 28)} : d;
}

void demo_story_act(Story *s, const StoryAct *act) {
  if (s->nacts == s->capacts) {
    int cap = s->capacts ? s->capacts * 2 : 256;
    StoryAct *v = arena_alloc(s->a, sizeof *v * (size_t)cap);
    if (s->nacts) memcpy(v, s->acts, sizeof *v * (size_t)s->nacts);
    s->acts = v, s->capacts = cap;
  }
  s->acts[s->nacts] = *act;
  s->acts[s->nacts].seq = s->nacts;
  s->nacts++;
}

void demo_story_init(Story *s, Db *db, Arena *a, uint64_t seed, long long n, const char *actor) {
  memset(s, 0, sizeof *s);
  s->db = db, s->a = a, s->seed = seed, s->actor = actor;
  s->scale = n >= 1000 ? 1.0 : (double)n / 1000.0;
  s->warned = s->reprimanded = -1;
  s->c = arena_alloc(a, sizeof(StoryCadre) * (size_t)(n + 1));
}

static const char *iso(Arena *a, Date d) {
  char b[16];
  return arena_strdup(a, date_iso(d, b));
}

static int is_commune(int unit) { return demo_units[unit].kind == UK_COMMUNE; }

/* --- Loading the ids once the cadres are written --- */
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
  /* Cadres were written in the order of s->c; their codes say which is which. */
  st = db_prepare(s->db, "SELECT id, code FROM cadre_records ORDER BY id");
  if (!st) return CB_EDB;
  int rc, k = 0;
  while ((rc = db_step(st)) == DB_ROW && k < s->n) {
    if (strcmp(db_text(st, 1), s->c[k].code) != 0) break;
    s->c[k++].id = db_int(st, 0);
  }
  db_finalize(st);
  return k == s->n ? 0 : CB_EDB;
}

/* --- Planning --- */
enum { MAX_MEMBERS = 24 };
typedef struct {
  int unit, title, term; /* term index into TERMS */
  int committee;         /* category committee (else key) */
  int max;               /* pool size kept */
  int m[MAX_MEMBERS], nm; /* members: indices into s->c */
  Date since[MAX_MEMBERS]; /* the day each member was added */
} StoryPool;

static const struct {
  const char *name;
  int start;       /* first year of the term */
  Date build;      /* the date the pools were approved */
} TERMS[] = {{"2015-2020", 2015, {2014, 11, 20}}, {"2020-2025", 2020, {2018, 5, 15}}, {"2025-2030", 2025, {2023, 9, 12}}};

typedef struct {
  Story *s;
  StoryPool *p;
  int np;
  unsigned char *left;   /* per cadre: removed from a pool of the term being planned (not taken back in it) */
  unsigned char *plan4;  /* per cadre and term: 0 not known yet, 1 a full term of service left (PLAN-4), 2 not */
  Arena *scratch;        /* the rule checks' findings, renewed now and then */
  int checks;
} Planner;

/* Months of service left at the start of term t (PLAN-4); INT_MIN when unknown. */
static int months_left(const StoryCadre *c, int term) {
  return retirement_months_left(c->gender, c->birth, (Date){TERMS[term].start, 1, 1});
}

/* PLAN-4 for cadre i and term t: a full term (60 months) of service left at its start; computed once. */
static int young_enough(const Planner *pl, int i, int term) {
  unsigned char *v = &pl->plan4[(size_t)i * 3 + (size_t)term];
  if (!*v) {
    int left = months_left(&pl->s->c[i], term);
    *v = left != INT_MIN && left >= 60 ? 1 : 2;
  }
  return *v == 1;
}

/* May cadre i be planned for pool p on day d: the post held then (place, rank), age, discipline, not removed. */
static int fits(const Planner *pl, const StoryPool *p, int i, Date d) {
  const StoryCadre *c = &pl->s->c[i];
  if (pl->left[i] || c->pools >= 3) return 0;
  int k = demo_post_at(c, d);
  if (k < 0) return 0;
  const DemoTitle *has = &demo_titles[c->post[k].title];
  int unit = c->post[k].unit, place;
  if (is_commune(p->unit))
    place = unit == p->unit &&
            (p->committee ? has->rank >= 20 && has->rank < 35 : has->rank >= 30 && has->cls != TC_STAFF);
  else
    place = !is_commune(unit) && has->cls != TC_STAFF &&
            (p->committee ? has->rank >= 54 && has->rank < 75 : has->rank >= 62);
  if (!place || c->birth_year > d.y - 27) return 0;
  if (c->barred_from_year && c->barred_from_year <= d.y && d.y <= c->barred_until_year) return 0;
  return demo_rank_at(c, d) < demo_titles[p->title].rank && young_enough(pl, i, p->term);
}

static int in_pool(const StoryPool *p, int i) {
  for (int k = 0; k < p->nm; k++)
    if (p->m[k] == i) return 1;
  return 0;
}

static const char COMMITTEE_OVERRIDE[] =
    "Nguồn quy hoạch cấp ủy: số lượng theo PLAN-10 (không quá 1,5 lần số ủy viên), không theo mức của một chức danh";

/*
** The rules planning_add runs, for adding cadre i to pool p on `date`: 1 when
** no finding fails (or only PLAN-1 of a committee pool: *override set), 0
** when one does, a CB_* error. *f holds the findings (in pl->scratch).
*/
static int rules_allow(Planner *pl, const StoryPool *p, int i, const char *date, Findings *f, const char **override) {
  Story *s = pl->s;
  EligReq er = {.purpose = PURPOSE_PLANNING, .cadre_code = s->c[i].code, .title_code = demo_titles[p->title].code,
                .unit_code = demo_units[p->unit].code, .date = date, .term = TERMS[p->term].name};
  pl->checks++;
  int rc = eligibility_check(s->db, pl->scratch, &er, f);
  if (rc) return rc;
  *override = NULL;
  for (int k = 0; k < f->n; k++) {
    if (f->v[k].result != RESULT_FAIL) continue;
    if (!(p->committee && strcmp(f->v[k].rule, "PLAN-1") == 0)) return 0;
    *override = COMMITTEE_OVERRIDE;
  }
  return 1;
}

static int write_act(Planner *pl, const StoryPool *p, int i, const char *action, const char *date, const char *decision,
                     const char *reason, const char *override, const Findings *f) {
  Story *s = pl->s;
  long long id;
  int rc = planning_insert_act(s->db, TERMS[p->term].name, s->unit_id[p->unit], s->title_id[p->title], s->c[i].id,
                               action, date, decision, reason, override, s->actor, &id);
  if (!rc && f) rc = findings_store(s->db, "planning", id, s->c[i].id, date, f);
  s->planning++;
  return rc;
}

static const char *decision_for(Story *s, Rng *r, const StoryPool *p) {
  return is_commune(p->unit) ? arena_printf(s->a, "%d-QĐ/ĐU", rng_int(r, 10, 180))
                             : arena_printf(s->a, "%d-QĐ/TU", rng_int(r, 100, 2400));
}

/* How many `committee` pools of `term` hold cadre i. */
static int pools_of(const Planner *pl, int term, int committee, int i) {
  int n = 0;
  for (int k = 0; k < pl->np; k++)
    n += pl->p[k].term == term && pl->p[k].committee == committee && in_pool(&pl->p[k], i);
  return n;
}

/*
** A random cadre that fits pool p on d, passes the planning rules and, with
** `fresh`, is in no pool of p's category in the term; -1 when none. *f and
** *override: the rules' outcome for them.
*/
static int pick_candidate(Planner *pl, Rng *r, const StoryPool *p, Date d, const char *date, int fresh, Findings *f,
                          const char **override, int *rc) {
  int n = pl->s->n, start = rng_int(r, 0, n - 1), tried = 0;
  if (pl->checks > 64) { /* the findings of earlier picks are stored: their strings can go */
    arena_free(pl->scratch);
    pl->scratch = arena_new();
    pl->checks = 0;
  }
  for (int k = 0; k < n && tried < 40; k++) {
    int i = (start + k) % n;
    if (in_pool(p, i) || !fits(pl, p, i, d) || (fresh && pools_of(pl, p->term, p->committee, i) > 0)) continue;
    tried++;
    int ok = rules_allow(pl, p, i, date, f, override);
    if (ok < 0) return *rc = ok, -1;
    if (ok) return i;
  }
  return -1;
}

static int add_member(Planner *pl, StoryPool *p, int i, Date d, const char *date, const char *decision, const char *reason,
                      const char *override, const Findings *f) {
  if (p->nm >= MAX_MEMBERS) return 0;
  p->since[p->nm] = d;
  p->m[p->nm++] = i;
  pl->s->c[i].pools++;
  return write_act(pl, p, i, "add", date, decision, reason, override, f);
}

static int remove_member(Planner *pl, StoryPool *p, int i, const char *date, const char *decision, const char *reason) {
  for (int k = 0; k < p->nm; k++)
    if (p->m[k] == i) {
      p->m[k] = p->m[--p->nm], p->since[k] = p->since[p->nm];
      pl->s->c[i].pools--;
      pl->left[i] = 1;
      return write_act(pl, p, i, "remove", date, decision, reason, NULL, NULL);
    }
  return 0;
}

/* The pools of a term: 4 key titles of the city and of each commune, and both committees. */
static void make_pools(Planner *pl, int term) {
  static const char *const CITY_KEY[][2] = {{"BT_TU", "MC"}, {"PBT_TU", "MC"}, {"CT_UBND_TP", "UBND"}, {"CT_HDND_TP", "HDND"}};
  static const char *const COMMUNE_KEY[] = {"BT_DU", "CT_UBND_XA", "PBT_DU", "CT_HDND_XA"};
  for (int k = 0; k < 4; k++)
    pl->p[pl->np++] = (StoryPool){demo_unit_index(CITY_KEY[k][1]), demo_title_index(CITY_KEY[k][0]), term, 0, 3, {0}, 0, {{0}}};
  pl->p[pl->np++] = (StoryPool){0, demo_title_index("UV_BCH_TU"), term, 1, 16, {0}, 0, {{0}}};
  for (int u = 0; u < demo_n_units; u++) {
    if (!is_commune(u)) continue;
    for (int k = 0; k < 4; k++) pl->p[pl->np++] = (StoryPool){u, demo_title_index(COMMUNE_KEY[k]), term, 0, 3, {0}, 0, {{0}}};
    pl->p[pl->np++] = (StoryPool){u, demo_title_index("UV_BCH_DU"), term, 1, 6, {0}, 0, {{0}}};
  }
}

static int build_term(Planner *pl, int term, int first) {
  Story *s = pl->s;
  Rng r = rng_for(s->seed ^ 0x91a4ULL, (uint64_t)term);
  int rc = 0;
  for (int k = first; k < pl->np && !rc; k++) {
    StoryPool *p = &pl->p[k];
    int want = p->committee ? (is_commune(p->unit) ? rng_int(&r, 4, 6) : rng_int(&r, 10, 16)) : rng_int(&r, 2, 3);
    want = (int)(want * (s->scale < 0.3 ? 0.5 : 1.0) + 0.5);
    Date d = date_add_days(TERMS[term].build, is_commune(p->unit) ? -rng_int(&r, 10, 40) : 0);
    const char *dec = decision_for(s, &r, p), *date = iso(s->a, d);
    for (int j = 0; j < want && !rc; j++) {
      Findings f;
      const char *override;
      int i = pick_candidate(pl, &r, p, d, date, 0, &f, &override, &rc);
      if (i < 0) break;
      rc = add_member(pl, p, i, d, date, dec, "Phê duyệt quy hoạch nhiệm kỳ", override, &f);
    }
  }
  return rc;
}

/* Reasons of a removal: the person's situation on the day, else one of the general ones. */
static const char R_AGE[] = "Không còn đủ tuổi công tác cho một nhiệm kỳ", R_MOVED[] = "Chuyển công tác khác",
                  R_ELECTED[] = "Đã được bầu, bổ nhiệm giữ chức danh",
                  R_HIGHER[] = "Đã được bầu, bổ nhiệm giữ chức vụ tương đương hoặc cao hơn",
                  R_DISC[] = "Bị kỷ luật khiển trách (DISC-1), không đủ điều kiện quy hoạch";
static const char *const R_GENERAL[] = {"Không còn đáp ứng tiêu chuẩn, điều kiện", "Sức khỏe không bảo đảm",
                                        "Xin ra khỏi quy hoạch"};

/* Why member slot k of pool p leaves it on d: too old for the term, moved away, holds the post; NULL when none. */
static const char *situation(const Planner *pl, const StoryPool *p, int k, Date d) {
  const StoryCadre *c = &pl->s->c[p->m[k]];
  if (!young_enough(pl, p->m[k], p->term)) return R_AGE;
  int was = demo_post_at(c, p->since[k]), now = demo_post_at(c, d);
  if (was >= 0 && now >= 0 && c->post[was].unit != c->post[now].unit &&
      (is_commune(p->unit) ? c->post[now].unit != p->unit : is_commune(c->post[now].unit)))
    return R_MOVED;
  if (demo_rank_at(c, d) >= demo_titles[p->title].rank)
    return (now >= 0 && c->post[now].title == p->title) || c->conc_title == p->title ? R_ELECTED : R_HIGHER;
  return NULL;
}

/* The slot of cadre i in pool p (-1: not a member). */
static int slot_of(const StoryPool *p, int i) {
  for (int k = 0; k < p->nm; k++)
    if (p->m[k] == i) return k;
  return -1;
}

/* Which pools a review touches: those of unit `only` (>= 0), or all but those of unit `not` (>= 0), or all. */
typedef struct {
  int only, not;
} Where;
static const Where ANYWHERE = {-1, -1};

static int touches(const StoryPool *p, Where w) {
  return (w.only < 0 || p->unit == w.only) && (w.not < 0 || p->unit != w.not);
}

/* A random member of a `committee` pool of `term` with a situation on d (-1: none); multi: in >= 2 such pools. */
static int member_with(Planner *pl, Rng *r, int term, int committee, Date d, int situational, int multi, Where w) {
  int n = 0, pick = -1;
  for (int k = 0; k < pl->np; k++) {
    const StoryPool *p = &pl->p[k];
    if (p->term != term || p->committee != committee || !touches(p, w)) continue;
    for (int j = 0; j < p->nm; j++) {
      if (situational && !situation(pl, p, j, d)) continue;
      if (multi && pools_of(pl, term, committee, p->m[j]) < 2) continue;
      if (rng_int(r, 0, n++) == 0) pick = p->m[j]; /* reservoir sampling: each equally likely */
    }
  }
  return pick;
}

/*
** Remove `want` distinct cadres from the `committee` pools of `term` on d,
** each from every such pool holding them: `forced` first (the discipline),
** then with `prefer_multi` one who is in two pools, then those whose
** situation says they must leave, then any member for a general reason.
** Only pools `w` touches. *removed (may be NULL) counts the cadres removed.
*/
static int review_remove(Planner *pl, Rng *r, int term, int committee, int want, Date d, int forced, int prefer_multi,
                         Where w, int *removed) {
  int rc = 0, done = 0;
  const char *date = iso(pl->s->a, d);
  for (; done < want && !rc; done++) {
    int who = done == 0 && forced >= 0 ? forced : -1;
    if (who < 0 && done == 0 && prefer_multi) who = member_with(pl, r, term, committee, d, 0, 1, w);
    if (who < 0) who = member_with(pl, r, term, committee, d, 1, 0, w);
    if (who < 0) who = member_with(pl, r, term, committee, d, 0, 0, w);
    if (who < 0) break;
    const char *general = R_GENERAL[rng_int(r, 0, 2)];
    for (int k = 0; k < pl->np && !rc; k++) {
      StoryPool *p = &pl->p[k];
      int j = p->term == term && p->committee == committee ? slot_of(p, who) : -1;
      if (j < 0) continue;
      const char *why = who == forced ? R_DISC : situation(pl, p, j, d);
      rc = remove_member(pl, p, who, date, decision_for(pl->s, r, p), why ? why : general);
    }
  }
  if (removed) *removed = done;
  return rc;
}

/*
** Add `want` distinct cadres not yet in any `committee` pool of `term` (nor
** removed from one), each to one pool with room that `w` touches. *added
** (may be NULL) counts them.
*/
static int review_add(Planner *pl, Rng *r, int term, int committee, int want, Date d, Where w, int *added) {
  int rc = 0, done = 0;
  const char *date = iso(pl->s->a, d);
  for (int tries = 0; done < want && tries < 400 && !rc; tries++) {
    StoryPool *p = &pl->p[rng_int(r, 0, pl->np - 1)];
    if (p->term != term || p->committee != committee || p->nm >= p->max || !touches(p, w)) continue;
    Findings f;
    const char *override;
    int i = pick_candidate(pl, r, p, d, date, 1, &f, &override, &rc);
    if (i < 0) continue;
    rc = add_member(pl, p, i, d, date, decision_for(pl->s, r, p), "Bổ sung quy hoạch qua rà soát hằng năm", override, &f);
    done++;
  }
  if (added) *added = done;
  return rc;
}

/*
** The cadre reprimanded in 2024 (DISC-1: barred from planning for 12 months,
** so until 2025): a member of a key pool of the term, removed at the 2024
** review. Recorded in s->reprimanded; demo_story_people writes the discipline.
*/
static int reprimand_target(Planner *pl, Rng *r, int term) {
  for (int tries = 0; tries < 500; tries++) {
    StoryPool *p = &pl->p[rng_int(r, 0, pl->np - 1)];
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

/*
** The review of `year` (index k of REVIEWS) on day d. In the story year
** Hải Xuân, the viewer's commune, loses one cadre from its key pools and
** gains one (its own 2019 report shows both; its committee pool is not
** touched); the rest of the city makes up the published numbers.
*/
static int review(Planner *pl, size_t k, int term, Date d) {
  Story *s = pl->s;
  Rng r = rng_for(s->seed ^ 0x7e71e3ULL, (uint64_t)REVIEWS[k].year);
  int forced = REVIEWS[k].year == 2024 ? reprimand_target(pl, &r, term) : -1;
  int story = REVIEWS[k].year == DEMO_STORY_YEAR, hx = demo_unit_index("HX"), n = 0, rc;
  int c_rem = demo_story_count(s, REVIEWS[k].c_rem), k_rem = demo_story_count(s, REVIEWS[k].k_rem);
  int c_add = demo_story_count(s, REVIEWS[k].c_add), k_add = demo_story_count(s, REVIEWS[k].k_add);
  Where rest = story ? (Where){-1, hx} : ANYWHERE, here = {hx, -1};
  Date next = date_add_days(d, 1);
  rc = review_remove(pl, &r, term, 1, c_rem, d, -1, 0, rest, NULL);
  if (!rc && story && k_rem > 0) rc = review_remove(pl, &r, term, 0, 1, d, -1, 0, here, &n);
  if (!rc) rc = review_remove(pl, &r, term, 0, k_rem - n, d, forced, story, rest, NULL);
  if (!rc) rc = review_add(pl, &r, term, 1, c_add, next, rest, NULL);
  n = 0;
  if (!rc && story && k_add > 0) rc = review_add(pl, &r, term, 0, 1, next, here, &n);
  if (!rc) rc = review_add(pl, &r, term, 0, k_add - n, next, rest, NULL);
  return rc;
}

int demo_story_planning(Story *s) {
  Planner pl = {.s = s, .p = arena_alloc(s->a, sizeof(StoryPool) * 3 * 120), .left = arena_alloc(s->a, (size_t)s->n + 1),
                .plan4 = arena_alloc(s->a, (size_t)s->n * 3 + 1), .scratch = arena_new()};
  memset(pl.plan4, 0, (size_t)s->n * 3 + 1);
  int rc = 0, built[3] = {0, 0, 0};
  for (int term = 0; term < 3 && !rc; term++) {
    memset(pl.left, 0, (size_t)s->n + 1);
    built[term] = pl.np;
    make_pools(&pl, term);
    rc = build_term(&pl, term, built[term]);
    for (size_t k = 0; k < sizeof REVIEWS / sizeof REVIEWS[0] && !rc; k++) {
      if (REVIEWS[k].term != term) continue;
      rc = review(&pl, k, term, REVIEWS[k].date);
    }
    /* The next term's pools start from scratch: nobody carries a count over. */
    for (int i = 0; i < s->n; i++) s->c[i].pools = 0;
  }
  arena_free(pl.scratch);
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
  /* EVAL-2: per unit and year, excellent <= 20% of good; the extra ones become good, the last cadres first. One
  ** pass to count and one backwards to demote (each unit and year on its own, in the same order as a pass per unit
  ** and year would take; that was 264 million steps for a million cadres). */
  int (*good)[EVAL_YEARS] = arena_alloc(s->a, sizeof *good * (size_t)demo_n_units);
  int (*exc)[EVAL_YEARS] = arena_alloc(s->a, sizeof *exc * (size_t)demo_n_units);
  memset(good, 0, sizeof *good * (size_t)demo_n_units);
  memset(exc, 0, sizeof *exc * (size_t)demo_n_units);
  for (int i = 0; i < n; i++)
    for (int y = 0, u = s->c[i].unit; y < EVAL_YEARS; y++) {
      unsigned char v = rt[(size_t)i * EVAL_YEARS + y];
      good[u][y] += v == 1, exc[u][y] += v == 0;
    }
  for (int i = n - 1; i >= 0; i--)
    for (int y = 0, u = s->c[i].unit; y < EVAL_YEARS; y++) {
      unsigned char *v = &rt[(size_t)i * EVAL_YEARS + y];
      if (*v == 0 && exc[u][y] > good[u][y] * 20 / 100) *v = 1, exc[u][y]--;
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

/*
** The findings the form stores with a rating (evaluation_insert: EVAL-3 runs of failed years, EVAL-4), for the failed
** ratings the story wrote in bulk: the profile reads them ("Lưu ý (EVAL)") where /danh-gia computes them (a trial saw
** the EVAL-3 case flagged on the list and not on the file). A few per thousand ratings.
*/
static int demo_story_eval_findings(Story *s) {
  DbStmt *st = db_prepare(s->db, "SELECT id, cadre_id, year FROM evaluation_records WHERE rating = 'failed' ORDER BY id");
  if (!st) return CB_EDB;
  int n = 0, cap = 64, rc;
  Evaluation *v = arena_alloc(s->a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (n == cap) {
      Evaluation *w = arena_alloc(s->a, sizeof *w * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)cap);
      v = w, cap *= 2;
    }
    v[n++] = (Evaluation){.id = db_int(st, 0), .cadre_id = db_int(st, 1), .year = (int)db_int(st, 2),
                          .rating = "failed", .score = -1};
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  rc = 0;
  for (int i = 0; i < n && !rc; i++) {
    Findings f;
    char date[16];
    snprintf(date, sizeof date, "%04d-12-31", v[i].year);
    rc = evaluation_findings(s->db, s->a, &v[i], &f);
    if (!rc) rc = findings_store(s->db, "evaluation", v[i].id, v[i].cadre_id, date, &f);
  }
  return rc;
}

int demo_story_make(Story *s) {
  int rc = load_ids(s);
  /* The 2023 warning bars its cadre from the 2025-2030 pools (30 months, DISC-1). */
  for (int i = 0, seen = 0; i < s->n && s->warned < 0; i++)
    if (demo_titles[s->c[i].title].cls == TC_LEADER && !is_commune(s->c[i].unit) && ++seen == 9) s->warned = i;
  if (s->warned >= 0) s->c[s->warned].barred_from_year = 2023, s->c[s->warned].barred_until_year = 2025;
  if (!rc) rc = demo_story_trainings(s);  /* first: the levels the acts' checks read */
  if (!rc) rc = demo_story_play_acts(s);  /* rotations, transfers, decisions in date order */
  if (!rc) rc = demo_story_planning(s);   /* the posts of every date are written by now */
  if (!rc) rc = demo_story_people(s);     /* disciplines (the reprimand chosen by the planning) and relatives */
  const char *idx = NULL; /* the ratings are written last, and never read while they are */
  if (!rc) rc = table_index_suspend(s->db, s->a, " evaluation_records ", &idx);
  if (!rc) rc = demo_story_evaluations(s);
  if (!rc) rc = table_index_resume(s->db, idx);
  if (!rc) rc = demo_story_eval_findings(s);
  return rc;
}

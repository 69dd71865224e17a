/*
** The demo story's acts, chosen before any cadre is written (see
** demo_data.h): rotations and transfers (luân chuyển, điều động), one
** secondment or reinforcement a year, and appointment decisions, 2015 to
** mid-2025. The 2019 numbers are those of the published report when N >= 1000.
**
** A rotation, a transfer, an appointment or a promotion is the act that
** starts a cadre's current post: it is dated on the post's first day, and the
** post before it is made to fit the act (a rotation comes from the other side
** of the city/commune line, a transfer from another unit) -- demo_people.c
** then writes that post open, and the act played later ends it and starts
** the current one (rotation_record, appt_record with the position). A
** reappointment, a nomination, an extension or a dismissal concerns a post
** held (or, for a dismissal, left) that day and moves nobody.
**
** Not for: playing the acts (demo_story_acts.c), planning pools (demo_story.c).
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/demo.h"
#include "domain/demo_data.h"
#include "domain/retirement.h"

static const Date AS_OF = {2025, 6, 30};

static int is_commune(int unit) { return demo_units[unit].kind == UK_COMMUNE; }
static const DemoTitle *title_of(const StoryCadre *c) { return &demo_titles[c->title]; }

static const char *decision_no(Story *s, Rng *r, const DemoTitle *t) {
  return t->decision == DK_PARTY ? arena_printf(s->a, "%d-QĐ/TU", rng_int(r, 100, 2400))
                                 : arena_printf(s->a, "%d/QĐ-UBND", rng_int(r, 1000, 9800));
}

/* A random unit whose kind is in `kinds` (a UK_BIT mask), other than `not`; -1 when none. */
static int unit_of_kinds(Rng *r, unsigned kinds, int not) {
  int cand[64], n = 0;
  for (int u = 0; u < demo_n_units && n < 64; u++)
    if ((kinds & UK_BIT(demo_units[u].kind)) && u != not) cand[n++] = u;
  return n ? cand[rng_int(r, 0, n - 1)] : -1;
}

/* --- Rotations and transfers --- */

/*
** Make the post before c's current one the post a move of `kind` comes from:
** a rotation from the other side of the city/commune line (a specialist of a
** city organ; a commune's Phó Chủ tịch UBND or civil servant), a transfer
** from another unit (the same title where it exists, else a specialist). The
** title always exists in the unit's kind. 0 when no such post can be found.
*/
static int fit_prev(Rng *r, StoryCadre *c, MoveKind kind, int named) {
  static const char *const COMMUNE_STAFF[] = {"CC_VPTK", "CC_DC", "CC_TP", "CC_TCKT", "CC_VHXH"};
  StoryPost *prev = &c->post[c->nposts - 2];
  const DemoTitle *t = title_of(c);
  int here = is_commune(c->unit), accounting = strcmp(t->function, "accounting") == 0, title, unit;
  if (kind == MOVE_ROTATION) {
    if (is_commune(prev->unit) != here) return 1;
    if (here) {
      title = demo_title_index(accounting ? "KE_TOAN" : "CHUYEN_VIEN");
      unit = unit_of_kinds(r, demo_titles[title].homes, -1);
    } else {
      title = demo_title_index(t->cls != TC_STAFF ? "PCT_UBND_XA" : accounting ? "CC_TCKT" : COMMUNE_STAFF[rng_int(r, 0, 4)]);
      unit = unit_of_kinds(r, UK_BIT(UK_COMMUNE), -1);
    }
  } else {
    if (prev->unit != c->unit) return 1;
    title = prev->title;
    unsigned homes = demo_titles[title].homes & (here ? UK_BIT(UK_COMMUNE) : UK_CITY_STAFF);
    unit = unit_of_kinds(r, homes, c->unit);
    if (unit < 0) {
      title = demo_title_index(here ? "CC_VPTK" : "CHUYEN_VIEN");
      unit = unit_of_kinds(r, demo_titles[title].homes, c->unit);
    }
  }
  if (unit < 0 || named) return 0; /* a decision already names that post as it is */
  prev->unit = (short)unit, prev->title = (short)title;
  return 1;
}

/* The rotations and transfers of `year`, then one secondment or reinforcement of a city specialist to a commune. */
static void rotation_year(Story *s, const unsigned char *named, int year) {
  Rng r = rng_for(s->seed ^ 0x4077ULL, (uint64_t)year);
  int target = year == DEMO_STORY_YEAR ? 20 : year == AS_OF.y ? rng_int(&r, 6, 10) : rng_int(&r, 13, 26);
  int want = demo_story_count(s, target), done = 0;
  for (long long tries = 0; done < want && tries < 20LL * s->n; tries++) {
    StoryCadre *c = &s->c[rng_int(&r, 0, s->n - 1)];
    const DemoTitle *t = title_of(c);
    if (c->fixed || c->move != MOVE_NONE || c->nposts < 2 || c->start.y != year || date_cmp(c->start, AS_OF) > 0)
      continue;
    if (t->cls == TC_KEY || t->decision == DK_COUNCIL || c->birth_year > year - 25 || c->birth_year < year - 52) continue;
    int left = retirement_months_left(c->gender, c->birth, c->start);
    if (left == INT_MIN || left < 120) continue; /* ROT-1: ten years of service left */
    MoveKind kind = rng_pct(&r, 55) ? MOVE_ROTATION : MOVE_TRANSFER;
    if (!fit_prev(&r, c, kind, named[c - s->c])) continue;
    c->move = kind;
    StoryAct act = {.type = ACT_ROTATION, .cadre = (int)(c - s->c), .kind = kind == MOVE_ROTATION ? "rotation" : "transfer",
                    .unit = c->unit, .title = c->title, .date = c->start, .decision_no = c->decision_no,
                    .planned_months = kind == MOVE_ROTATION ? (rng_pct(&r, 70) ? 36 : 60) : 0};
    demo_story_act(s, &act);
    done++;
  }
  /* One act of a kind the report does not count: a city specialist lent to a commune, keeping the home post. */
  for (int tries = 0; tries < 200; tries++) {
    int i = rng_int(&r, 0, s->n - 1);
    const StoryCadre *c = &s->c[i];
    Date d = demo_day_in(&r, year, 1, 12);
    int k = demo_post_at(c, d);
    if (k < 0 || c->birth_year > year - 25 || is_commune(c->post[k].unit) || demo_titles[c->post[k].title].cls != TC_STAFF)
      continue;
    StoryAct act = {.type = ACT_ROTATION, .cadre = i, .kind = rng_pct(&r, 50) ? "secondment" : "reinforcement",
                    .unit = unit_of_kinds(&r, UK_BIT(UK_COMMUNE), -1), .title = -1, .date = d,
                    .decision_no = decision_no(s, &r, &demo_titles[c->post[k].title]), .planned_months = 24};
    demo_story_act(s, &act);
    break;
  }
}

/* --- Appointment decisions --- */

/*
** A main post a decision may name: appointable (a leader's title not filled
** by election). Posts in the cadre's own unit come first: a decision there
** lies in the scope of whoever sees the cadre; the others only make up a
** year that falls short.
*/
typedef struct {
  int cadre, k;            /* s->c[cadre].post[k] */
  unsigned char used[3];   /* by a decision at its start, 5 years later, 10 years later */
} ApptPost;

static int appointable(const DemoTitle *t) { return t->decision != DK_COUNCIL && strcmp(t->category, "leader") == 0; }

static ApptPost *appt_posts(const Story *s, int *n) {
  int cap = 256, k = 0;
  ApptPost *v = malloc(sizeof *v * (size_t)cap);
  for (int i = 0; v && i < s->n; i++) {
    const StoryCadre *c = &s->c[i];
    if (c->fixed) continue;
    for (int j = 0; j < c->nposts; j++) {
      if (!appointable(&demo_titles[c->post[j].title])) continue;
      if (k == cap) {
        ApptPost *w = realloc(v, sizeof *v * (size_t)(cap *= 2));
        if (!w) {
          free(v);
          return NULL;
        }
        v = w;
      }
      v[k++] = (ApptPost){i, j, {0, 0, 0}};
    }
  }
  *n = k;
  return v;
}

/* The last day of post k of c, or {0} when it is the current one. */
static Date post_end(const StoryCadre *c, int k) {
  return k + 1 < c->nposts ? date_add_days(c->post[k + 1].start, -1) : (Date){0, 0, 0};
}

/*
** Still a post a decision may name (a rotation planned since may have
** changed the post before the current one); with `own`, in the cadre's unit.
*/
static int nameable(const Story *s, const ApptPost *p, int own) {
  const StoryCadre *c = &s->c[p->cadre];
  return appointable(&demo_titles[c->post[p->k].title]) && (!own || c->post[p->k].unit == c->unit);
}

static void decision(Story *s, Rng *r, unsigned char *named, const ApptPost *p, const char *kind, Date d,
                     int with_position, const char *no) {
  const StoryCadre *c = &s->c[p->cadre];
  int cadre = p->cadre, unit = c->post[p->k].unit, title = c->post[p->k].title;
  if (p->k == c->nposts - 2) named[cadre] = 1;
  StoryAct act = {.type = ACT_DECISION, .cadre = cadre, .kind = kind, .unit = unit, .title = title, .date = d,
                  .decision_no = no ? no : decision_no(s, r, &demo_titles[title]), .with_position = with_position};
  demo_story_act(s, &act);
}

/* Whether a term begun on d (APPT-7: 5 years) ends within 90 days of the as-of date: the due list of the demo's date. */
static int due_soon(Date d) {
  Date end = date_add_days(date_add_months(d, 60), -1);
  return date_cmp(end, AS_OF) >= 0 && date_cmp(end, date_add_days(AS_OF, 90)) <= 0;
}

/*
** Decisions of `year`: posts begun that year (the current post: the act
** starts it; a past one: the decision of its first day), then
** reappointments of posts begun 5 or 10 years before and still held (or
** extensions to retirement when less than two years of service are left).
** Each kind takes first the decisions whose terms make the due list of the
** as-of date (2020's congress posts), then posts in the cadre's own unit,
** then any.
*/
static void appoint_year(Story *s, unsigned char *named, ApptPost *v, int n, int year, int want) {
  Rng r = rng_for(s->seed ^ 0xa990ULL, (uint64_t)year);
  int done = 0, off = n ? rng_int(&r, 0, n - 1) : 0;
  for (int round = 0; round < 9 && done < want; round++) /* due soon, own unit, any -- for each pass */
    for (int j = 0, pass = round % 3, due = round < 3, own = round < 6; j < n && done < want; j++) {
      ApptPost *p = &v[(off + j) % n];
      StoryCadre *c = &s->c[p->cadre];
      const StoryPost *post = &c->post[p->k];
      int current = p->k == c->nposts - 1, unit = post->unit, title = post->title;
      if (p->used[pass] || !nameable(s, p, own)) continue;
      if (pass == 0) {
        if (post->start.y != year || date_cmp(post->start, AS_OF) > 0 || (current && c->move != MOVE_NONE)) continue;
        if (due && !due_soon(post->start)) continue;
        const StoryPost *before = p->k > 0 ? &c->post[p->k - 1] : NULL;
        int promotion = before && before->unit == unit && demo_titles[before->title].rank < demo_titles[title].rank;
        if (current) c->move = promotion ? MOVE_PROMOTION : MOVE_APPOINTMENT;
        p->used[0] = 1;
        decision(s, &r, named, p, promotion ? "promotion" : "appointment", post->start, current,
                 current ? c->decision_no : NULL);
      } else {
        int years = pass == 1 ? 5 : 10;
        if (post->start.y != year - years) continue;
        Date d = date_add_months(post->start, 12 * years), end = post_end(c, p->k);
        if (date_cmp(d, AS_OF) > 0 || (end.y && date_cmp(end, d) < 0) || (due && !due_soon(d))) continue;
        /* APPT-9: under two years of service left, the post is extended to retirement instead (not counted). */
        int left = retirement_months_left(c->gender, c->birth, d), extend = left != INT_MIN && left < 24;
        if (extend && year == DEMO_STORY_YEAR) continue;
        p->used[pass] = 1;
        decision(s, &r, named, p, extend ? "extension" : "reappointment", d, 0, NULL);
      }
      done++;
    }
}

/*
** Decisions the report does not count: a nomination in 2019 (of a holder,
** to stand again) and a dismissal (from a leader's post left that day for
** another one; 2019 or the nearest year with one). Extensions come with the
** reappointments (appoint_year).
*/
static void other_decisions(Story *s, unsigned char *named, ApptPost *v, int n) {
  Rng r = rng_for(s->seed ^ 0x0dd5ULL, 1);
  for (int j = 0; j < n; j++) {
    ApptPost *p = &v[(j * 13) % n];
    StoryCadre *c = &s->c[p->cadre];
    const StoryPost *post = &c->post[p->k];
    Date end = post_end(c, p->k), d = demo_day_in(&r, DEMO_STORY_YEAR, 3, 11);
    if (!nameable(s, p, 1) || p->used[0] || post->start.y == DEMO_STORY_YEAR || date_cmp(post->start, d) >= 0 ||
        (end.y && date_cmp(end, d) < 0))
      continue;
    decision(s, &r, named, p, "nomination", d, 0, NULL);
    break;
  }
  /* Leaders rarely leave a post in a given year: the story year first, then the later years, then the earlier. */
  for (int y = 0; y <= AS_OF.y - 2015; y++) {
    int year = DEMO_STORY_YEAR + y <= AS_OF.y ? DEMO_STORY_YEAR + y : AS_OF.y - y;
    for (int j = 0; j < s->n; j++) {
      int i = (int)(((long long)j * 7919) % s->n);
      StoryCadre *c = &s->c[i];
      /* The post before the current one is left the very day of a rotation, not the day before: not one of those. */
      int last = c->move == MOVE_ROTATION || c->move == MOVE_TRANSFER ? c->nposts - 2 : c->nposts - 1;
      for (int k = 0; k < last && !c->fixed; k++) {
        Date end = post_end(c, k);
        if (end.y != year || date_cmp(end, AS_OF) >= 0 || !appointable(&demo_titles[c->post[k].title])) continue;
        ApptPost p = {i, k, {0, 0, 0}};
        decision(s, &r, named, &p, "dismissal", date_add_days(end, 1), 0, NULL);
        return;
      }
    }
  }
}

int demo_story_plan(Story *s) {
  if (s->n == 0) return 0;
  int n = 0;
  ApptPost *v = appt_posts(s, &n);
  unsigned char *named = calloc((size_t)s->n, 1); /* a decision names the post before the current one */
  if (!v || !named) {
    free(v), free(named);
    return CB_EDB;
  }
  /* The story year's decisions first, so its 17 never lack a post; 2020's congress posts make the 2025 due list. */
  appoint_year(s, named, v, n, DEMO_STORY_YEAR, demo_story_count(s, 17));
  for (int year = 2015; year <= AS_OF.y; year++) rotation_year(s, named, year);
  for (int year = 2015; year <= AS_OF.y; year++) {
    if (year == DEMO_STORY_YEAR) continue;
    Rng r = rng_for(s->seed ^ 0xa991ULL, (uint64_t)year);
    int target = year == AS_OF.y ? rng_int(&r, 6, 10) : rng_int(&r, 12, 24);
    appoint_year(s, named, v, n, year, demo_story_count(s, target));
  }
  other_decisions(s, named, v, n);
  free(v), free(named);
  return 0;
}

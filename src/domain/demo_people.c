/*
** The people of the demo city (see demo_data.h): one invented cadre per
** seat -- profile, current and past positions, trainings -- drawn from a PRNG
** stream of its own, plus the two fixed people the tests and docs use. Each
** cadre is drawn twice from the same stream: first for the story's summary
** (demo_cadre_plan), then written as the story planned it (demo_cadre_make:
** the post before the current one as the act needs it; when an act starts
** the current post, that post is left open and the current one unwritten).
**
** Not for: units, titles, users (demo.c); the lists themselves (demo_data.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/demo.h"
#include "domain/demo_data.h"
#include "domain/position.h"
#include "domain/training.h"

static const Date TODAY = {2025, 6, 30};
static const Date CITY_CONGRESS = {2020, 8, 20};
static const Date COMMUNE_CONGRESS = {2020, 6, 15};
static const Date COUNCIL_ELECTED = {2021, 6, 25};

/* Profile being built, with the dates the history needs. */
typedef struct {
  Cadre c;
  const DemoTitle *t;
  const DemoUnit *u;
  Date birth, first_job, start; /* start: of the current position */
  int cls, commune, member;
} Person;

static const char *iso(Arena *a, Date d) {
  char buf[16];
  return arena_strdup(a, date_iso(d, buf));
}

/* A random date in [lo, hi] (lo when hi < lo). */
static Date rand_between(Rng *r, Date lo, Date hi) {
  int months = date_month_diff(lo, hi);
  if (months <= 0 || date_cmp(hi, lo) <= 0) return lo;
  Date d = date_add_months(lo, rng_int(r, 0, months - 1));
  return date_add_days(d, rng_int(r, 0, 27));
}

static Date max_date(Date a, Date b) { return date_cmp(a, b) >= 0 ? a : b; }
static Date min_date(Date a, Date b) { return date_cmp(a, b) <= 0 ? a : b; }

const char *demo_cadre_code(DemoCtx *c, Arena *a, long long i) {
  return arena_printf(a, "MC%0*lld", c->code_width, i);
}

/* --- Levels by class (key / leader / staff) and place (city / commune) --- */
static const Weighted DEG[3][2][4] = {
    {{{"dai_hoc", 65}, {"thac_si", 35}, {"dai_hoc", 0}, {"dai_hoc", 0}},
     {{"dai_hoc", 80}, {"thac_si", 15}, {"cao_dang", 5}, {"dai_hoc", 0}}},
    {{{"dai_hoc", 73}, {"thac_si", 25}, {"cao_dang", 2}, {"dai_hoc", 0}},
     {{"dai_hoc", 80}, {"thac_si", 5}, {"cao_dang", 7}, {"trung_cap", 8}}},
    {{{"dai_hoc", 82}, {"thac_si", 8}, {"cao_dang", 6}, {"trung_cap", 4}},
     {{"dai_hoc", 68}, {"thac_si", 2}, {"cao_dang", 12}, {"trung_cap", 18}}},
};
static const Weighted LLCT[3][2][4] = {
    {{{"cao_cap", 85}, {"cu_nhan", 15}, {"", 0}, {"", 0}}, {{"trung_cap", 70}, {"cao_cap", 30}, {"", 0}, {"", 0}}},
    {{{"cao_cap", 45}, {"trung_cap", 55}, {"", 0}, {"", 0}}, {{"trung_cap", 85}, {"cao_cap", 5}, {"so_cap", 10}, {"", 0}}},
    {{{"trung_cap", 15}, {"so_cap", 45}, {"", 40}, {"", 0}}, {{"trung_cap", 10}, {"so_cap", 50}, {"", 40}, {"", 0}}},
};
static const Weighted QLNN[3][2][4] = {
    {{{"chuyen_vien_chinh", 75}, {"chuyen_vien_cao_cap", 10}, {"chuyen_vien", 15}, {"", 0}},
     {{"chuyen_vien", 85}, {"chuyen_vien_chinh", 15}, {"", 0}, {"", 0}}},
    {{{"chuyen_vien_chinh", 45}, {"chuyen_vien", 55}, {"", 0}, {"", 0}},
     {{"chuyen_vien", 85}, {"chuyen_vien_chinh", 5}, {"", 10}, {"", 0}}},
    {{{"chuyen_vien", 55}, {"can_su", 5}, {"", 40}, {"", 0}}, {{"chuyen_vien", 50}, {"can_su", 10}, {"", 40}, {"", 0}}},
};

typedef int (*RankFn)(const char *);
/* v, or the title's minimum `min` when v is below it (most holders meet the standard; a few do not). */
static const char *meet_min(Rng *r, const char *v, const char *min, RankFn rank) {
  if (!min || rank(v) >= rank(min)) return v;
  return rng_pct(r, 88) ? min : v;
}

/* --- Profile --- */
static char gender_for(Rng *r, const Seat *s, const DemoTitle *t, const DemoUnit *u) {
  int f = t->cls == TC_KEY ? 12 : t->cls == TC_LEADER ? 22 : 33;
  if (u->flags & UF_WOMEN) f = 100;
  if (strcmp(t->code, "CHT_QS") == 0 || strcmp(t->code, "TRUONG_CA") == 0) f = 3;
  if (strcmp(t->code, "CT_HOI_XA") == 0 && s->ordinal == 1) f = 100; /* Hội Phụ nữ */
  return rng_pct(r, f) ? 'F' : 'M';
}

static const char *make_name(Rng *r, Arena *a, char g, const char *ethnicity) {
  int minority = strcmp(ethnicity, "Kinh") != 0 && strcmp(ethnicity, "Hoa") != 0;
  for (int tries = 0;; tries++) {
    const char *fam = minority && rng_pct(r, 70) ? demo_pick(r, demo_family_minority, demo_n_family_minority)
                                                 : demo_pick(r, demo_family, demo_n_family);
    const char *mid = g == 'F' ? demo_pick(r, demo_mid_f, demo_n_mid_f) : demo_pick(r, demo_mid_m, demo_n_mid_m);
    const char *giv = g == 'F' ? demo_given_f[rng_int(r, 0, demo_n_given_f - 1)]
                               : demo_given_m[rng_int(r, 0, demo_n_given_m - 1)];
    if (strcmp(mid, giv) == 0) continue;
    const char *full = arena_printf(a, "%s %s %s", fam, mid, giv);
    if (!demo_name_denied(full) || tries > 20) return full;
  }
}

static const char *commune_place(Arena *a, int unit) {
  return arena_printf(a, "%s, Móng Cái, Quảng Ninh", demo_units[unit].locality);
}

/* A random commune/ward of the city (index into demo_units). */
static int any_commune(DemoCtx *c, Rng *r) {
  return c->by_kind[UK_COMMUNE][rng_int(r, 0, c->n_by_kind[UK_COMMUNE] - 1)];
}

static void make_places(DemoCtx *c, Rng *r, Arena *a, Person *p, int unit) {
  int x = rng_int(r, 0, 99), own = p->commune ? 60 : 0, city = p->commune ? 75 : 35, qn = p->commune ? 90 : 70;
  if (x < own) p->c.hometown = commune_place(a, unit);
  else if (x < city) p->c.hometown = commune_place(a, any_commune(c, r));
  else if (x < qn) p->c.hometown = demo_places_qn[rng_int(r, 0, demo_n_places_qn - 1)];
  else p->c.hometown = demo_places_other[rng_int(r, 0, demo_n_places_other - 1)];
  p->c.birthplace = rng_pct(r, 75) ? p->c.hometown : commune_place(a, any_commune(c, r));
}

static void make_profile(DemoCtx *c, Rng *r, Arena *a, Person *p, const Seat *s) {
  const DemoTitle *t = p->t;
  char g = gender_for(r, s, t, p->u);
  p->c.gender = g == 'F' ? "F" : "M";
  int lo = t->cls == TC_KEY ? 38 : t->cls == TC_LEADER ? 30 : 25, hi = g == 'F' ? 55 : 58;
  int age = (rng_int(r, lo, hi) + rng_int(r, lo, hi) + 1) / 2;
  p->birth = date_add_days((Date){TODAY.y - age, TODAY.m, TODAY.d}, -rng_int(r, 0, 364));
  p->c.birth_date = rng_pct(r, 2) ? arena_printf(a, "%04d", p->birth.y) : iso(a, p->birth);
  const Weighted *eth = p->u->flags & UF_HIGHLAND ? demo_ethnic_highland : demo_ethnic_lowland;
  p->c.ethnicity = demo_pick(r, eth, demo_n_ethnic);
  p->c.full_name = make_name(r, a, g, p->c.ethnicity);
  p->c.religion = demo_pick(r, demo_religion, demo_n_religion);
  make_places(c, r, a, p, s->unit);
  p->c.education = "12/12";
  int k = p->cls, m = p->commune;
  p->c.degree = meet_min(r, demo_pick(r, DEG[k][m], 4), t->min_degree, cadre_degree_rank);
  const char *llct = meet_min(r, demo_pick(r, LLCT[k][m], 4), t->min_llct, cadre_llct_rank);
  const char *qlnn = meet_min(r, demo_pick(r, QLNN[k][m], 4), t->min_qlnn, cadre_qlnn_rank);
  p->c.llct_level = *llct ? llct : NULL;
  p->c.qlnn_level = *qlnn ? qlnn : NULL;
  const char *const *majors = p->u->majors ? p->u->majors : demo_majors_general;
  int nm = 0;
  while (majors[nm]) nm++;
  p->c.major = t->major && rng_pct(r, 80) ? t->major : majors[rng_int(r, 0, nm - 1)];
  /* Party membership: every leader; most staff. Joined at 22-35, official a year later. */
  p->member = t->cls != TC_STAFF || rng_pct(r, m ? 65 : 75);
  Date join = date_add_days(date_add_months(p->birth, 12 * rng_int(r, 22, 35)), rng_int(r, 0, 300));
  if (t->cls != TC_STAFF && date_cmp(join, (Date){TODAY.y - 3, 1, 1}) > 0)
    join = date_add_days(date_add_months(p->birth, 12 * 22), rng_int(r, 0, 300));
  if (date_cmp(join, date_add_days(TODAY, -30)) > 0) p->member = 0;
  if (p->member) {
    p->c.party_join_date = iso(a, join);
    Date off = date_add_months(join, 12);
    if (date_cmp(off, TODAY) <= 0) p->c.party_official_date = iso(a, off);
  }
}

/* --- Positions --- */
static const char *decision_no(Rng *r, Arena *a, const DemoTitle *t) {
  switch (t->decision) {
  case DK_PARTY: return arena_printf(a, "%d-QĐ/TU", rng_int(r, 12, 998));
  case DK_COUNCIL: return arena_printf(a, "%d/NQ-HĐND", rng_int(r, 1, 98));
  default: return arena_printf(a, "%d/QĐ-UBND", rng_int(r, 100, 4999));
  }
}

/* A unit where title t exists: `prefer` most of the time when it fits, else any fitting unit. */
static int unit_for(DemoCtx *c, Rng *r, const DemoTitle *t, int prefer) {
  if ((t->homes & UK_BIT(demo_units[prefer].kind)) && rng_pct(r, 75)) return prefer;
  int n = 0;
  for (int k = 0; k < UK_N; k++)
    if (t->homes & UK_BIT(k)) n += c->n_by_kind[k];
  int x = rng_int(r, 0, n - 1);
  for (int k = 0; k < UK_N; k++) {
    if (!(t->homes & UK_BIT(k))) continue;
    if (x < c->n_by_kind[k]) return c->by_kind[k][x];
    x -= c->n_by_kind[k];
  }
  return prefer;
}

/* Positions of one cadre, collected before the cadre row exists (the notes depend on them). */
typedef struct {
  Position p[6];
  int unit[6], title[6]; /* indices of each post */
  int n;
  int past0, npast;      /* b->p[past0 .. past0 + npast): the past posts, latest first */
} PosBuf;

static void add_position(PosBuf *b, Arena *a, const char *code, int unit, const DemoTitle *t, Date from, const Date *to,
                         const char *decision, int concurrent) {
  b->unit[b->n] = unit, b->title[b->n] = (int)(t - demo_titles);
  b->p[b->n++] = (Position){.cadre_code = code, .unit_code = demo_units[unit].code, .title_code = t->code,
                            .start_date = iso(a, from), .end_date = to ? iso(a, *to) : NULL, .decision_no = decision,
                            .concurrent = concurrent};
}

/* The start of the current position: an election date for elected posts, else any time after a first job. */
static Date current_start(Rng *r, const Person *p) {
  const DemoTitle *t = p->t;
  Date lo = date_add_months(p->first_job, 12 * (p->cls == TC_STAFF ? 1 : 3)), d;
  if (date_cmp(lo, date_add_months(TODAY, -6)) > 0) lo = date_add_months(p->first_job, 12);
  Date term = t->decision == DK_COUNCIL ? COUNCIL_ELECTED : p->commune ? COMMUNE_CONGRESS : CITY_CONGRESS;
  if (p->cls != TC_STAFF && t->decision != DK_GOV)
    d = rng_pct(r, 70) ? date_add_days(term, rng_int(r, 0, 10)) : rand_between(r, term, date_add_months(TODAY, -2));
  else
    d = rand_between(r, (Date){2013, 1, 2}, date_add_months(TODAY, -1));
  d = max_date(d, lo);
  return min_date(d, date_add_days(TODAY, -20));
}

/* Concurrent membership that goes with a seat (title index, -1 for none), and where it is held. */
static int concurrent_for(const Seat *s, int *unit) {
  const char *t = demo_titles[s->title].code, *u = demo_units[s->unit].code;
  static const char *const BTV_TU[] = {"TRUONG_BAN", "CN_UBKT", "CT_MTTQ_TP", NULL};
  static const char *const BCH_TU[] = {"TRUONG_PHONG", "CHANH_TTRA", "GD_TTCT", "CT_HOI", "BT_TD", "PCT_HDND_TP",
                                       "BT_DU", "CHANH_VP", "PCT_UBND_TP", NULL};
  static const char *const BTV_DU[] = {"CT_HDND_XA", "CT_MTTQ_XA", NULL};
  static const char *const BCH_DU[] = {"PCT_UBND_XA", "PCT_HDND_XA", "CHT_QS", "TRUONG_CA", NULL};
  *unit = 0; /* MC */
  if (strcmp(t, "CT_UBND_TP") == 0) return demo_title_index("PBT_TU");
  for (int i = 0; BTV_TU[i]; i++)
    if (strcmp(t, BTV_TU[i]) == 0) return demo_title_index("UV_BTV_TU");
  if ((strcmp(t, "CHANH_VP") == 0 && strcmp(u, "VPTU") == 0) || (strcmp(t, "PCT_UBND_TP") == 0 && s->ordinal == 0))
    return demo_title_index("UV_BTV_TU");
  for (int i = 0; BCH_TU[i]; i++)
    if (strcmp(t, BCH_TU[i]) == 0) return demo_title_index("UV_BCH_TU");
  *unit = s->unit;
  if (strcmp(t, "CT_UBND_XA") == 0) return demo_title_index("PBT_DU");
  if (strcmp(t, "PCT_UBND_XA") == 0 && s->ordinal == 0) return demo_title_index("UV_BTV_DU");
  for (int i = 0; BTV_DU[i]; i++)
    if (strcmp(t, BTV_DU[i]) == 0) return demo_title_index("UV_BTV_DU");
  for (int i = 0; BCH_DU[i]; i++)
    if (strcmp(t, BCH_DU[i]) == 0) return demo_title_index("UV_BCH_DU");
  if (strcmp(t, "CT_HOI_XA") == 0 && s->ordinal == 0) return demo_title_index("UV_BCH_DU");
  return -1;
}

/* "Xã Hải Xuân" -> "xã Hải Xuân" inside a sentence (only Xã/Phường start with a common noun). */
static const char *lower_first(Arena *a, const char *name) {
  if (strncmp(name, "Xã ", 4) == 0) return arena_printf(a, "xã %s", name + 4);
  if (strncmp(name, "Phường ", 8) == 0) return arena_printf(a, "phường %s", name + 8);
  return name;
}

/* Current position, concurrent membership, and 1-3 past positions along the title's usual path. */
static void make_positions(DemoCtx *c, Rng *r, Arena *a, Person *p, const Seat *s, PosBuf *b) {
  add_position(b, a, p->c.code, s->unit, p->t, p->start, NULL, decision_no(r, a, p->t), 0);
  int cu, ct = concurrent_for(s, &cu);
  if (ct >= 0 && p->member) {
    const DemoTitle *t = &demo_titles[ct];
    Date from = max_date(p->start, p->commune ? COMMUNE_CONGRESS : CITY_CONGRESS);
    add_position(b, a, p->c.code, cu, t, from, NULL, decision_no(r, a, t), 1);
  }
  /* Longer careers have more past posts: 1-3, each at least a year. */
  int span = date_month_diff(p->first_job, p->start), k = 1 + span / 96 + rng_int(r, 0, 1);
  if (k > 3) k = 3;
  if (k > span / 12) k = span / 12 > 0 ? span / 12 : 1;
  Date end = date_add_days(p->start, -1);
  const DemoTitle *t = p->t;
  int unit = s->unit;
  b->past0 = b->n, b->npast = k;
  for (int j = k; j >= 1; j--) { /* latest first */
    Date from = j == 1 ? p->first_job : date_add_months(p->first_job, span * (j - 1) / k + rng_int(r, -2, 2));
    if (date_cmp(from, end) >= 0) from = date_add_months(end, -6);
    t = &demo_titles[demo_title_index(t->prev)];
    int pu = unit_for(c, r, t, unit);
    add_position(b, a, p->c.code, pu, t, from, &end, decision_no(r, a, t), 0);
    end = date_add_days(from, -1);
    unit = pu;
  }
}

/* The profile's note: a move between the city and a commune (the latest one of the past posts), or an award. */
static void make_notes(Rng *r, Arena *a, Person *p, const PosBuf *b) {
  int moved_from = -1;
  for (int j = 0; j < b->npast && moved_from < 0; j++) {
    int pu = b->unit[b->past0 + j];
    if ((demo_units[pu].kind == UK_COMMUNE) != p->commune) moved_from = pu;
  }
  if (moved_from >= 0 && rng_pct(r, 40))
    p->c.notes = arena_printf(a, "Được điều động từ %s về %s.", lower_first(a, demo_units[moved_from].name),
                              lower_first(a, p->u->name));
  else if (p->cls != TC_STAFF && rng_pct(r, 10))
    p->c.notes = arena_printf(a, "Được tặng Bằng khen của Chủ tịch UBND tỉnh năm %d.", rng_int(r, 2016, 2024));
}

/* --- Trainings --- */
/*
** The story year (DEMO_STORY_YEAR, the published report of demo_story.c) has
** only the story's trainings: a course of the history that would start in it
** moves a year later (even months, when it still ends before `limit`) or a
** year earlier (same length).
*/
static void off_story_year(Date *from, Date *to, Date limit) {
  if (from->y != DEMO_STORY_YEAR) return;
  /* Half the courses each way (by month), so the years around it keep similar numbers. */
  int later = from->m % 2 == 0 && date_cmp(date_add_months(to ? *to : *from, 12), limit) < 0;
  int n = later ? 12 : -12;
  *from = date_add_months(*from, n);
  if (to) *to = date_add_months(*to, n);
}

static int add_training(DemoCtx *c, Arena *a, const char *code, const char *program, const char *name,
                        const char *inst, Date from, const Date *to_in, const char *status) {
  Date to_v = to_in ? *to_in : (Date){0, 0, 0};
  const Date *to = to_in ? &to_v : NULL;
  off_story_year(&from, to_in ? &to_v : NULL, TODAY);
  Training t = {.cadre_code = code, .program = program, .name = name, .institution = inst,
                .start_date = iso(a, from), .end_date = to ? iso(a, *to) : NULL, .status = status};
  c->trainings++;
  return training_writer_insert(c->tw, c->db, a, &t);
}

/* A completed course of `months` starting at a random date in [lo, before - months - 1]; *began = its start. */
static int course_at(DemoCtx *c, Rng *r, Arena *a, const Person *p, const char *program, const char *name,
                     const char *inst, Date lo, int months, Date before, Date *began) {
  Date hi = date_add_months(before, -months - 1);
  Date from = rand_between(r, min_date(lo, hi), hi);
  Date to = date_add_days(date_add_months(from, months), -1);
  off_story_year(&from, &to, before);
  *began = from;
  return add_training(c, a, p->c.code, program, name, inst, from, &to, "completed");
}

static int course(DemoCtx *c, Rng *r, Arena *a, const Person *p, const char *program, const char *name,
                  const char *inst, Date lo, int months, Date before) {
  Date began;
  return course_at(c, r, a, p, program, name, inst, lo, months, before, &began);
}

static int degree_trainings(DemoCtx *c, Rng *r, Arena *a, const Person *p, Date *graduated) {
  const char *d = p->c.degree;
  int years = strcmp(d, "trung_cap") == 0 ? 2 : strcmp(d, "cao_dang") == 0 ? 3 : 4;
  Date from = {p->birth.y + 18, 9, 5}, to = {p->birth.y + 18 + years, 6, 30};
  *graduated = to;
  const char *first = strcmp(d, "thac_si") == 0 ? "dai_hoc" : d;
  const char *inst = demo_institution_for(p->c.major);
  int rc = add_training(c, a, p->c.code, "degree", arena_printf(a, "%s chuyên ngành %s", cadre_degree_label(first),
                                                                p->c.major), inst, from, &to, "completed");
  if (!rc && strcmp(d, "thac_si") == 0)
    rc = course(c, r, a, p, "degree", arena_printf(a, "Thạc sĩ chuyên ngành %s", p->c.major), inst,
                date_add_months(p->first_job, 24), 24, TODAY);
  return rc;
}

static const char *const SCHOOL = "Trường Chính trị tỉnh Quảng Ninh";

static int llct_trainings(DemoCtx *c, Rng *r, Arena *a, const Person *p) {
  const char *l = p->c.llct_level;
  if (!l) return 0;
  Date fj = p->first_job;
  if (strcmp(l, "so_cap") == 0)
    return course(c, r, a, p, "llct_so_cap", "Sơ cấp lý luận chính trị", "Trung tâm Chính trị thành phố Móng Cái",
                  date_add_months(fj, 6), 3, TODAY);
  if (strcmp(l, "trung_cap") == 0)
    return course(c, r, a, p, "llct_trung_cap", "Trung cấp lý luận chính trị – hành chính", SCHOOL,
                  date_add_months(fj, 24), 10, TODAY);
  /* cao cấp / cử nhân, most after a trung cấp course that ended before it began. */
  int cn = strcmp(l, "cu_nhan") == 0;
  Date began;
  int rc = course_at(c, r, a, p, "llct_cao_cap", cn ? "Cử nhân chính trị" : "Cao cấp lý luận chính trị",
                     cn ? "Học viện Chính trị quốc gia Hồ Chí Minh" : "Học viện Chính trị khu vực I",
                     date_add_months(fj, cn ? 60 : 72), cn ? 36 : 18, TODAY, &began);
  if (!rc && rng_pct(r, 60) && date_month_diff(fj, began) > 40)
    rc = course(c, r, a, p, "llct_trung_cap", "Trung cấp lý luận chính trị – hành chính", SCHOOL,
                date_add_months(fj, 24), 10, began);
  return rc;
}

static int qlnn_trainings(DemoCtx *c, Rng *r, Arena *a, const Person *p) {
  const char *q = p->c.qlnn_level;
  if (!q || strcmp(q, "can_su") == 0) return 0;
  Date fj = p->first_job;
  int rc = 0, cvc = strcmp(q, "chuyen_vien_chinh") == 0, cvcc = strcmp(q, "chuyen_vien_cao_cap") == 0;
  Date next = TODAY; /* each lower course ends before the higher one begins */
  if (cvcc)
    rc = course_at(c, r, a, p, "qlnn_cvcc", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên cao cấp",
                   "Học viện Chính trị quốc gia Hồ Chí Minh", date_add_months(fj, 144), 3, next, &next);
  if (!rc && (cvc || (cvcc && rng_pct(r, 70))) && date_month_diff(fj, next) > 12)
    rc = course_at(c, r, a, p, "qlnn_cvc", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên chính",
                   "Học viện Hành chính Quốc gia", date_add_months(fj, 72), 3, next, &next);
  if (!rc && ((!cvc && !cvcc) || rng_pct(r, 50)) && date_month_diff(fj, next) > 8)
    rc = course(c, r, a, p, "qlnn_cv", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên", SCHOOL, date_add_months(fj, 6), 2,
                next);
  return rc;
}

/* Leadership courses, courses under way for a missing standard, a few Đề án 165 registrations. */
static int other_trainings(DemoCtx *c, Rng *r, Arena *a, const Person *p) {
  const DemoTitle *t = p->t;
  int rc = 0;
  if (t->cls != TC_STAFF && rng_pct(r, 60) && date_cmp(p->start, date_add_months(TODAY, -2)) < 0)
    rc = course(c, r, a, p, "leadership_skills",
                p->commune             ? "Bồi dưỡng kỹ năng lãnh đạo, quản lý cấp xã"
                : t->rank >= 80        ? "Bồi dưỡng kỹ năng lãnh đạo, quản lý cấp huyện"
                                       : "Bồi dưỡng kỹ năng lãnh đạo, quản lý cấp phòng",
                SCHOOL, p->start, 1, TODAY);
  if (!rc && t->min_llct && cadre_llct_rank(p->c.llct_level) < cadre_llct_rank(t->min_llct) && rng_pct(r, 80)) {
    int cao = strcmp(t->min_llct, "cao_cap") == 0;
    rc = add_training(c, a, p->c.code, cao ? "llct_cao_cap" : "llct_trung_cap",
                      cao ? "Cao cấp lý luận chính trị" : "Trung cấp lý luận chính trị – hành chính",
                      cao ? "Học viện Chính trị khu vực I" : SCHOOL, rand_between(r, (Date){2024, 9, 1}, (Date){2025, 3, 1}),
                      NULL, "studying");
  }
  if (!rc && t->min_qlnn && cadre_qlnn_rank(p->c.qlnn_level) < cadre_qlnn_rank(t->min_qlnn))
    rc = add_training(c, a, p->c.code, "qlnn_cv", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên", SCHOOL,
                      rand_between(r, (Date){2025, 3, 1}, (Date){2025, 6, 1}), NULL, "registered");
  if (!rc && t->cls != TC_STAFF && rng_pct(r, 2))
    rc = add_training(c, a, p->c.code, "overseas_165", "Bồi dưỡng ở nước ngoài theo Đề án 165", "Học viện Chính trị quốc gia Hồ Chí Minh",
                      rand_between(r, (Date){2025, 3, 1}, (Date){2025, 6, 1}), NULL, "registered");
  if (!rc && t->cls == TC_STAFF && !p->c.qlnn_level && rng_pct(r, 10))
    rc = add_training(c, a, p->c.code, "qlnn_cv", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên", SCHOOL,
                      rand_between(r, (Date){2025, 3, 1}, (Date){2025, 6, 1}), NULL, "studying");
  return rc;
}

static int make_trainings(DemoCtx *c, Rng *r, Arena *a, const Person *p) {
  Date graduated;
  int rc = degree_trainings(c, r, a, p, &graduated);
  if (!rc) rc = llct_trainings(c, r, a, p);
  if (!rc) rc = qlnn_trainings(c, r, a, p);
  if (!rc) rc = other_trainings(c, r, a, p);
  return rc;
}

/* --- The fixed people --- */
typedef struct {
  const char *unit, *title, *from, *to, *decision;
  int concurrent;
} FixedPos;
typedef struct {
  const char *program, *name, *institution, *from, *to, *status;
} FixedTraining;

static const FixedPos LONG_POS[] = {
    {"KL", "CT_UBND_XA", "2021-06-28", NULL, "12/NQ-HĐND", 0},
    {"KL", "PBT_DU", "2021-06-28", NULL, "318-QĐ/TU", 1},
    {"KL", "PCT_UBND_XA", "2015-11-02", "2021-06-27", "4120/QĐ-UBND", 0},
    {"PNV", "PHO_PHONG", "2010-03-01", "2015-11-01", "936/QĐ-UBND", 0},
    {"PNV", "CHUYEN_VIEN", "2002-09-16", "2010-02-28", "1204/QĐ-UBND", 0},
    {NULL, NULL, NULL, NULL, NULL, 0}};
static const FixedTraining LONG_TR[] = {
    {"degree", "Đại học chuyên ngành Luật", "Trường Đại học Luật Hà Nội", "1997-09-05", "2001-06-30", "completed"},
    {"qlnn_cv", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên", "Trường Chính trị tỉnh Quảng Ninh", "2004-03-08",
     "2004-05-07", "completed"},
    {"llct_trung_cap", "Trung cấp lý luận chính trị – hành chính", "Trường Chính trị tỉnh Quảng Ninh", "2008-09-08",
     "2009-07-10", "completed"},
    {"degree", "Thạc sĩ chuyên ngành Quản lý công", "Học viện Hành chính Quốc gia", "2012-10-01", "2014-09-30", "completed"},
    {"llct_cao_cap", "Cao cấp lý luận chính trị", "Học viện Chính trị khu vực I", "2017-03-06", "2018-09-14", "completed"},
    {"qlnn_cvc", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên chính", "Học viện Hành chính Quốc gia", "2018-10-08",
     "2018-12-21", "completed"},
    {"leadership_skills", "Bồi dưỡng kỹ năng lãnh đạo, quản lý cấp xã", "Trường Chính trị tỉnh Quảng Ninh", "2022-04-11",
     "2022-04-15", "completed"},
    {NULL, NULL, NULL, NULL, NULL, NULL}};
static const FixedPos DAT_POS[] = {
    {"HX", "PCT_UBND_XA", "2021-07-01", NULL, "7/NQ-HĐND", 0},
    {"HX", "UV_BTV_DU", "2021-07-01", NULL, "402-QĐ/TU", 1},
    {"HX", "CC_VPTK", "2016-01-01", "2021-06-30", "2210/QĐ-UBND", 0},
    {"HX", "CC_DC", "2010-08-02", "2015-12-31", "1577/QĐ-UBND", 0},
    {NULL, NULL, NULL, NULL, NULL, 0}};
static const FixedTraining DAT_TR[] = {
    {"degree", "Đại học chuyên ngành Quản lý đất đai", "Trường Đại học Tài nguyên và Môi trường Hà Nội", "2005-09-05",
     "2009-06-30", "completed"},
    {"qlnn_cv", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên", "Trường Chính trị tỉnh Quảng Ninh", "2014-05-05",
     "2014-07-04", "completed"},
    {"llct_trung_cap", "Trung cấp lý luận chính trị – hành chính", "Trường Chính trị tỉnh Quảng Ninh", "2017-09-04",
     "2018-06-29", "completed"},
    {"leadership_skills", "Bồi dưỡng kỹ năng lãnh đạo, quản lý cấp xã", "Trường Chính trị tỉnh Quảng Ninh", "2022-04-11",
     "2022-04-15", "completed"},
    {"llct_cao_cap", "Cao cấp lý luận chính trị", "Học viện Chính trị khu vực I", "2024-09-09", NULL, "studying"},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

static int make_fixed(DemoCtx *c, Arena *a, const char *code, int which) {
  Cadre p = {.code = code, .gender = "M", .education = "12/12", .religion = "Không", .ethnicity = "Kinh"};
  if (which == 1) {
    p.full_name = "Hoàng Hải Long", p.birth_date = "1979-03-14", p.unit_code = "KL";
    p.hometown = "Hải Xuân, Móng Cái, Quảng Ninh", p.birthplace = "Hải Xuân, Móng Cái, Quảng Ninh";
    p.party_join_date = "2004-05-19", p.party_official_date = "2005-05-19";
    p.degree = "thac_si", p.major = "Quản lý công", p.llct_level = "cao_cap", p.qlnn_level = "chuyen_vien_chinh";
    p.notes = "Được điều động từ Phòng Nội vụ về phường Ka Long năm 2015.";
  } else {
    p.full_name = "Đặng Văn Đạt", p.birth_date = "1987-11-02", p.unit_code = "HX";
    p.hometown = "Hải Xuân, Móng Cái, Quảng Ninh", p.birthplace = "Hải Xuân, Móng Cái, Quảng Ninh";
    p.party_join_date = "2012-09-02", p.party_official_date = "2013-09-02";
    p.degree = "dai_hoc", p.major = "Quản lý đất đai", p.llct_level = "trung_cap", p.qlnn_level = "chuyen_vien";
  }
  int rc = cadre_writer_insert(c->cw, c->db, a, &p);
  for (const FixedPos *f = which == 1 ? LONG_POS : DAT_POS; !rc && f->unit; f++) {
    Position pos = {.cadre_code = code, .unit_code = f->unit, .title_code = f->title, .start_date = f->from,
                    .end_date = f->to, .decision_no = f->decision, .concurrent = f->concurrent};
    c->positions++;
    rc = position_writer_insert(c->pw, c->db, a, &pos);
  }
  for (const FixedTraining *f = which == 1 ? LONG_TR : DAT_TR; !rc && f->program; f++) {
    Training t = {.cadre_code = code, .program = f->program, .name = f->name, .institution = f->institution,
                  .start_date = f->from, .end_date = f->to, .status = f->status};
    c->trainings++;
    rc = training_writer_insert(c->tw, c->db, a, &t);
  }
  return rc;
}

/* The story's summary of a fixed person: their main posts (oldest first) and concurrent membership. */
static void fixed_summary(Arena *keep, const char *code, int which, StoryCadre *out) {
  memset(out, 0, sizeof *out);
  out->code = arena_strdup(keep, code);
  out->fixed = 1, out->gender = 'M', out->conc_unit = out->conc_title = -1;
  out->family = which == 1 ? "Hoàng" : "Đặng";
  date_parse(which == 1 ? "1979-03-14" : "1987-11-02", &out->birth, DATE_FULL);
  out->birth_year = out->birth.y;
  out->llct = which == 1 ? "cao_cap" : "trung_cap";
  out->qlnn = which == 1 ? "chuyen_vien_chinh" : "chuyen_vien";
  const FixedPos *f = which == 1 ? LONG_POS : DAT_POS;
  int n = 0;
  while (f[n].unit) n++;
  for (int k = n - 1; k >= 0; k--) { /* the tables list the latest first */
    Date from;
    date_parse(f[k].from, &from, DATE_FULL);
    if (f[k].concurrent) {
      out->conc_unit = demo_unit_index(f[k].unit), out->conc_title = demo_title_index(f[k].title);
      out->conc_start = from;
    } else if (out->nposts < STORY_MAX_POSTS) {
      out->post[out->nposts++] = (StoryPost){(short)demo_unit_index(f[k].unit), (short)demo_title_index(f[k].title), from};
      if (!f[k].to) out->decision_no = f[k].decision;
    }
  }
  const StoryPost *cur = &out->post[out->nposts - 1];
  out->unit = cur->unit, out->title = cur->title, out->start = cur->start;
}

/* Draw cadre i for seat s: profile and positions; *r continues with the notes, then the trainings. */
static void draw_person(DemoCtx *c, Rng *r, Arena *a, const char *code, const Seat *s, Person *p, PosBuf *b) {
  memset(p, 0, sizeof *p);
  p->t = &demo_titles[s->title], p->u = &demo_units[s->unit];
  p->c.code = code;
  p->c.unit_code = p->u->code;
  p->cls = p->t->cls;
  p->commune = p->u->kind == UK_COMMUNE;
  make_profile(c, r, a, p, s);
  const char *d = p->c.degree;
  Date graduated = {p->birth.y + 18 + (strcmp(d, "trung_cap") == 0 ? 2 : strcmp(d, "cao_dang") == 0 ? 3 : 4), 6, 30};
  p->first_job = date_add_days(date_add_months(graduated, rng_int(r, 1, 36)), rng_int(r, 0, 27));
  p->first_job = min_date(p->first_job, date_add_months(TODAY, -24));
  p->start = current_start(r, p);
  b->n = 0;
  make_positions(c, r, a, p, s, b);
}

void demo_cadre_plan(DemoCtx *c, Arena *tmp, Arena *keep, long long i, const Seat *s, StoryCadre *out) {
  const char *code = demo_cadre_code(c, tmp, i);
  if (s->fixed) {
    fixed_summary(keep, code, s->fixed, out);
    return;
  }
  Rng r = rng_for(c->seed, (uint64_t)i);
  Person p;
  PosBuf b;
  draw_person(c, &r, tmp, code, s, &p, &b);
  memset(out, 0, sizeof *out);
  out->code = arena_strdup(keep, code);
  const char *sp = strchr(p.c.full_name, ' ');
  out->family = arena_strndup(keep, p.c.full_name, sp ? (size_t)(sp - p.c.full_name) : strlen(p.c.full_name));
  out->gender = p.c.gender[0];
  if (date_parse(p.c.birth_date, &out->birth, DATE_PARTIAL) != 0) out->birth = p.birth;
  out->birth_year = out->birth.y;
  out->llct = p.c.llct_level, out->qlnn = p.c.qlnn_level;
  for (int j = b.npast - 1; j >= 0; j--) { /* oldest first */
    int k = b.past0 + j;
    Date from;
    date_parse(b.p[k].start_date, &from, DATE_FULL);
    out->post[out->nposts++] = (StoryPost){(short)b.unit[k], (short)b.title[k], from};
  }
  out->post[out->nposts++] = (StoryPost){(short)s->unit, (short)s->title, p.start};
  out->unit = s->unit, out->title = s->title, out->start = p.start;
  out->decision_no = arena_strdup(keep, b.p[0].decision_no);
  out->conc_unit = out->conc_title = -1;
  if (b.past0 == 2) { /* b.p[1] is the concurrent membership */
    out->conc_unit = b.unit[1], out->conc_title = b.title[1];
    date_parse(b.p[1].start_date, &out->conc_start, DATE_FULL);
  }
}

/* A decision number of the kind title t's decisions have, keeping the number of `old`. */
static const char *renumber(Arena *a, const char *old, const DemoTitle *t) {
  int n = atoi(old);
  switch (t->decision) {
  case DK_PARTY: return arena_printf(a, "%d-QĐ/TU", n);
  case DK_COUNCIL: return arena_printf(a, "%d/NQ-HĐND", n);
  default: return arena_printf(a, "%d/QĐ-UBND", n);
  }
}

int demo_cadre_make(DemoCtx *c, Arena *a, long long i, const Seat *s, const StoryCadre *plan) {
  const char *code = demo_cadre_code(c, a, i);
  if (s->fixed) return make_fixed(c, a, code, s->fixed);
  Rng r = rng_for(c->seed, (uint64_t)i);
  Person p;
  PosBuf b;
  draw_person(c, &r, a, code, s, &p, &b);
  /* The post before the current one as the story planned it (a rotation may have moved it to the other side). */
  int prev = b.past0, first = 0;
  const StoryPost *pp = &plan->post[plan->nposts - 2];
  if (pp->unit != b.unit[prev] || pp->title != b.title[prev]) {
    const DemoTitle *t = &demo_titles[pp->title];
    b.unit[prev] = pp->unit, b.title[prev] = pp->title;
    b.p[prev].unit_code = demo_units[pp->unit].code, b.p[prev].title_code = t->code;
    b.p[prev].decision_no = renumber(a, b.p[prev].decision_no, t);
  }
  if (plan->move != MOVE_NONE) { /* the story's act ends that post and starts the current one */
    b.p[prev].end_date = NULL;
    p.c.unit_code = demo_units[pp->unit].code;
    first = 1;
  }
  make_notes(&r, a, &p, &b);
  int rc = cadre_writer_insert(c->cw, c->db, a, &p.c);
  for (int j = first; !rc && j < b.n; j++) rc = position_writer_insert(c->pw, c->db, a, &b.p[j]);
  c->positions += b.n - first;
  if (!rc) rc = make_trainings(c, &r, a, &p);
  return rc;
}

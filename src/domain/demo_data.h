/*
** Internal to the demo (demo.c, demo_people.c, demo_data.c): the invented
** Móng Cái-like city as data -- units, titles, the seat plan of each kind of
** unit, name lists with their weights, places, majors -- and the small
** deterministic PRNG every choice is drawn from.
**
** Not for: anything outside the demo. Nothing here touches the database.
*/
#ifndef CANBO_DEMO_DATA_H
#define CANBO_DEMO_DATA_H
#include <stdint.h>
#include "core/date.h"

/* --- PRNG: splitmix64; one stream per cadre so any cadre can be made alone. --- */
typedef struct {
  uint64_t s;
} Rng;

static inline uint64_t rng_next(Rng *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
/* Stream for item `i` of the demo made with `seed`. */
static inline Rng rng_for(uint64_t seed, uint64_t i) {
  Rng r = {seed * 0xd1342543de82ef95ULL + i};
  rng_next(&r);
  return r;
}
/* Uniform integer in [lo, hi]. */
static inline int rng_int(Rng *r, int lo, int hi) {
  return hi <= lo ? lo : lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}
/* True with probability pct/100. */
static inline int rng_pct(Rng *r, int pct) { return rng_int(r, 0, 99) < pct; }

/* --- Units --- */
typedef enum {
  UK_ROOT, UK_COUNCIL, UK_PC, UK_VP, UK_BAN, UK_UBKT, UK_TTCT, UK_DEPT, UK_TTRA, UK_MTTQ, UK_MASS, UK_DOAN,
  UK_COMMUNE, UK_N
} UnitKind;
#define UK_BIT(k) (1u << (k))
/* Every city unit a specialist (chuyên viên) may work in. */
#define UK_CITY_STAFF                                                                                           \
  (UK_BIT(UK_VP) | UK_BIT(UK_BAN) | UK_BIT(UK_UBKT) | UK_BIT(UK_TTCT) | UK_BIT(UK_DEPT) | UK_BIT(UK_TTRA) |     \
   UK_BIT(UK_MTTQ) | UK_BIT(UK_MASS) | UK_BIT(UK_DOAN))

enum { UF_HIGHLAND = 1, UF_WARD = 2, UF_WOMEN = 4, UF_PERSONNEL = 8, UF_TREASURY = 16 };

typedef struct {
  const char *code, *name, *parent;
  UnitKind kind;
  int flags;
  const char *locality; /* commune/ward name; NULL: "Móng Cái" */
  int staff_weight;     /* share of the filler specialists */
  const char *const *majors; /* typical majors of its people (NULL-terminated) */
} DemoUnit;

extern const DemoUnit demo_units[];
extern const int demo_n_units;

/* --- Titles --- */
typedef enum { TC_KEY, TC_LEADER, TC_STAFF } TitleClass;
typedef enum { DK_PARTY, DK_COUNCIL, DK_GOV } DecisionKind;

typedef struct {
  const char *code, *name, *level, *category;
  int rank;
  const char *function, *min_llct, *min_qlnn, *min_degree;
  int max_age_first;
  const char *prev;   /* the post typically held before this one */
  unsigned homes;     /* UK_BIT mask of the unit kinds where it exists */
  TitleClass cls;
  DecisionKind decision;
  const char *major;  /* a typical major for the title, or NULL (unit's majors) */
} DemoTitle;

extern const DemoTitle demo_titles[];
extern const int demo_n_titles;
/* Index of the title `code` in demo_titles (the code must exist). */
int demo_title_index(const char *code);

/* --- Seat plan: which posts each kind of unit has, and in which tier. --- */
typedef struct {
  UnitKind kind;
  const char *title;
  int count, tier; /* tier 0 first: seats are filled in tier order when N is small */
  int unit_flag;   /* only in units with this flag (0: all) */
} SeatSpec;
extern const SeatSpec demo_seat_specs[];
extern const int demo_n_seat_specs;

/* --- People --- */
typedef struct {
  const char *text;
  int weight;
} Weighted;
/* Pick from a weighted list (weights are relative). */
const char *demo_pick(Rng *r, const Weighted *w, int n);

extern const Weighted demo_family[], demo_family_minority[], demo_mid_m[], demo_mid_f[];
extern const int demo_n_family, demo_n_family_minority, demo_n_mid_m, demo_n_mid_f;
extern const char *const demo_given_m[], *const demo_given_f[];
extern const int demo_n_given_m, demo_n_given_f;
/* Full names never generated: the fixed demo people and real public figures. */
int demo_name_denied(const char *full_name);

extern const Weighted demo_ethnic_lowland[], demo_ethnic_highland[], demo_religion[];
extern const int demo_n_ethnic, demo_n_religion;
/* Places of Quảng Ninh outside Móng Cái and of other provinces ("Đầm Hà, Quảng Ninh"). */
extern const char *const demo_places_qn[], *const demo_places_other[];
extern const int demo_n_places_qn, demo_n_places_other;

/* A major and the institution that teaches it. */
typedef struct {
  const char *major, *institution;
} Major;
const char *demo_institution_for(const char *major);
extern const char *const demo_majors_general[];

/* --- People generation (demo_people.c), driven by demo.c --- */
#include "core/arena.h"
#include "core/db.h"
#include "domain/cadre.h"
#include "domain/position.h"
#include "domain/training.h"

/* A post to fill: indices into demo_units / demo_titles; `ordinal` counts equal posts of the unit. */
typedef struct {
  int unit, title, ordinal;
  int fixed; /* 0: a generated person; 1: Hoàng Hải Long; 2: Đặng Văn Đạt */
} Seat;

typedef struct {
  Db *db;
  CadreWriter *cw; /* prepared-once insert paths of the registry */
  PositionWriter *pw;
  TrainingWriter *tw;
  uint64_t seed;
  int code_width;                   /* digits of the cadre codes */
  long long positions, trainings;   /* counters */
  int by_kind[UK_N][24], n_by_kind[UK_N]; /* unit indices per kind */
} DemoCtx;

/* --- The cadre-work story (demo_story*.c) --- */

/*
** The year of the published report (REGULATIONS.md): with >= 1000 cadres
** `canbo report annual --unit MC --year 2019` gives exactly its numbers. The
** history of demo_people.c starts no training in that year.
*/
#define DEMO_STORY_YEAR 2019

/* A main post of a career (indices into demo_units / demo_titles); it lasts until the next one starts. */
typedef struct {
  short unit, title;
  Date start;
} StoryPost;
enum { STORY_MAX_POSTS = 5 };

/*
** What starts a cadre's current main post. MOVE_NONE: demo_people.c writes
** it with the rest of the career. Otherwise the post before it is written
** open and the story's act (rotation_record, appt_record) ends it and starts
** the current one, moving the cadre's unit from that day.
*/
typedef enum { MOVE_NONE, MOVE_ROTATION, MOVE_TRANSFER, MOVE_APPOINTMENT, MOVE_PROMOTION } MoveKind;

/* A cadre as the story sees it: the career drawn by demo_people.c, the act planned, the story's bookkeeping. */
typedef struct {
  long long id;          /* set once the cadre is written */
  const char *code, *family;
  int unit, title;       /* the current main post (the last of post[]), indices */
  char gender;           /* 'M' | 'F' */
  int birth_year;
  Date birth;            /* as stored: a birth known by year only has m = 0 */
  Date start;            /* start of the current post */
  const char *llct, *qlnn; /* levels as first written (static strings or NULL) */
  StoryPost post[STORY_MAX_POSTS]; /* main posts, oldest first; post[nposts - 1] is the current one */
  int nposts;
  int conc_unit, conc_title; /* the concurrent membership (-1: none), held from conc_start on */
  Date conc_start;
  const char *decision_no; /* of the current post: the act that starts it carries it */
  MoveKind move;         /* the act that starts the current post */
  int pools;             /* pools the cadre is in now (the planning's bookkeeping) */
  int fixed;             /* one of the fixed people (never moved, kept out of disciplines and relations) */
  int barred_from_year, barred_until_year; /* discipline: not planned in these years (0: never barred) */
} StoryCadre;

/* One act of the story, planned before the cadres are written and played in date order after. */
typedef enum { ACT_ROTATION, ACT_DECISION } ActType;
typedef struct {
  ActType type;
  int cadre;             /* index into s->c */
  const char *kind;      /* rotations.kind or appointments.kind */
  int unit, title;       /* the unit and title it names (title -1: none) */
  Date date;
  const char *decision_no;
  int planned_months;    /* rotations: 0 = not given */
  int with_position;     /* decisions: the act starts the post (appointment, promotion of a current post) */
  int seq;               /* planning order: ties of date keep it */
} StoryAct;

typedef struct {
  Db *db;
  Arena *a;
  uint64_t seed;
  const char *actor;           /* for the acts' history rows and the planning's created_by */
  double scale;                /* min(N, 1000) / 1000: the story's size */
  StoryCadre *c;
  int n;
  long long unit_id[64], title_id[64]; /* database ids by demo index */
  StoryAct *acts;
  int nacts, capacts;
  int warned, reprimanded;     /* the disciplined cadres (indices into c; -1 none) */
  long long planning, rotations, appointments, evaluations, disciplines, relatives, trainings; /* counters */
  long long positions;         /* posts the acts started */
} Story;

/* The code of cadre number i (1-based), e.g. "MC00042", in `a`. */
const char *demo_cadre_code(DemoCtx *c, Arena *a, long long i);
/*
** Draw cadre number i (1-based) for seat s without writing anything: its
** story summary into *out (strings in `keep`, scratch in `tmp`). Everything
** comes from the stream rng_for(seed, i), as in demo_cadre_make.
*/
void demo_cadre_plan(DemoCtx *c, Arena *tmp, Arena *keep, long long i, const Seat *s, StoryCadre *out);
/*
** Create cadre number i (1-based) for seat s: profile, positions (plus
** concurrent memberships), 1-3 past positions, trainings -- the same draws
** as demo_cadre_plan. `plan` is its summary after the story's planning: the
** post before the current one as planned, and, when plan->move is set, the
** cadre in that post's unit with that post open and without the current
** post (the story's act starts it). 0 or a CB_* error.
*/
int demo_cadre_make(DemoCtx *c, Arena *a, long long i, const Seat *s, const StoryCadre *plan);

/* Round target * scale (targets of the full-size story). */
int demo_story_count(const Story *s, int target);
/* Index of the demo unit `code` (-1 when unknown). */
int demo_unit_index(const char *code);
/* Index into c->post of the main post held on d (-1: none yet). */
int demo_post_at(const StoryCadre *c, Date d);
/* The highest rank held on d (main post and concurrent membership); 0 when none. */
int demo_rank_at(const StoryCadre *c, Date d);
/* A random date of `year` up to the as-of date, between months m0 and m1. */
Date demo_day_in(Rng *r, int year, int m0, int m1);
/* Append an act to s->acts (seq set here). */
void demo_story_act(Story *s, const StoryAct *act);

/* Set up the story for n cadres (s->c allocated, to be filled by demo_cadre_plan). */
void demo_story_init(Story *s, Db *db, Arena *a, uint64_t seed, long long n, const char *actor);
/*
** Before any cadre is written: choose the rotations, transfers and decisions
** of 2015 to mid-2025 (demo_story_plan.c) -- which current posts an act
** starts (StoryCadre.move, the post before it adjusted to fit the act) and
** the list s->acts. 0 or a CB_* error.
*/
int demo_story_plan(Story *s);
/*
** After every cadre is written (inside the demo's transaction): read their
** ids, then the 2019 courses (raising levels through the act), the acts in
** date order through rotation_record / appt_record, the planning pools with
** the planning rules, disciplines and relatives, evaluations. Counters in s.
** 0 or a CB_* error.
*/
int demo_story_make(Story *s);
/* The parts (demo_story.c: planning and evaluations; demo_story_acts.c: the rest). 0 or a CB_* error. */
int demo_story_planning(Story *s);
int demo_story_evaluations(Story *s);
int demo_story_play_acts(Story *s);
int demo_story_trainings(Story *s);
int demo_story_people(Story *s); /* disciplines and family relations */

#endif

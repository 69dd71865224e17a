/*
** The demo city (see demo.h): units, titles, the seats to fill, the users
** and the audit row, all in one transaction. The people themselves are made
** by demo_people.c, the lists live in demo_data.c.
*/
#include "domain/demo.h"
#include "domain/settings.h"
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/auth.h"
#include "core/err.h"
#include "domain/counters.h"
#include "domain/demo_data.h"
#include "domain/title.h"
#include "domain/unit.h"

/* True when the database holds no unit, title, cadre or user. */
static int db_is_empty(Db *db, int *empty) {
  DbStmt *st = db_prepare(db, "SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM titles) + "
                              "(SELECT count(*) FROM cadres) + (SELECT count(*) FROM users)");
  if (!st) return CB_EDB;
  int rc = db_step(st);
  *empty = rc == DB_ROW && db_int(st, 0) == 0;
  db_finalize(st);
  return rc == DB_ROW ? 0 : CB_EDB;
}

static int insert_units(Db *db, Arena *a) {
  for (int i = 0; i < demo_n_units; i++) {
    const DemoUnit *d = &demo_units[i];
    Unit u = {.code = d->code, .name = d->name, .parent_code = d->parent,
              .level = d->kind == UK_COMMUNE ? "commune" : "district",
              .locality = d->locality ? d->locality : "Móng Cái",
              .valid_from = "2008-09-24"}; /* the day Móng Cái became a city */
    int rc = unit_insert(db, a, &u);
    if (rc) return rc;
  }
  return 0;
}

static int insert_titles(Db *db, Arena *a) {
  for (int i = 0; i < demo_n_titles; i++) {
    const DemoTitle *d = &demo_titles[i];
    Title t = {.code = d->code, .name = d->name, .level = d->level, .category = d->category, .rank = d->rank,
               .function = d->function, .min_llct = d->min_llct, .min_qlnn = d->min_qlnn, .min_degree = d->min_degree,
               .max_age_first = d->max_age_first};
    /* the leaders of the committee's own bodies (its boards, the inspection commission, the political school) are
       Party members: PARTY-1 says so for them too, not only for the Party's elected posts (title_party's default) */
    unsigned party_bodies = UK_BIT(UK_BAN) | UK_BIT(UK_UBKT) | UK_BIT(UK_TTCT);
    if (d->homes && !(d->homes & ~party_bodies) && strcmp(title_party(&t), "none") == 0 && d->cls != TC_STAFF)
      t.requires_party = "member";
    int rc = title_insert(db, a, &t);
    if (rc) return rc;
  }
  return 0;
}

/* --- Seats --- */
typedef struct {
  Seat *v;
  int n, cap;
} Seats;

static void seat_add(Seats *s, int unit, int title, int ordinal) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 256;
    s->v = realloc(s->v, sizeof(Seat) * (size_t)s->cap);
    if (!s->v) abort();
  }
  s->v[s->n++] = (Seat){unit, title, ordinal, 0};
}

static int unit_has_spec(const DemoUnit *u, const SeatSpec *sp) {
  return u->kind == sp->kind && (!sp->unit_flag || (u->flags & sp->unit_flag));
}

/* Add the seats of tier `tier` for every unit; Hải Xuân (the viewer's commune) has all its seats in tier 0. */
static void seats_of_tier(Seats *s, int tier) {
  for (int ui = 0; ui < demo_n_units; ui++) {
    const DemoUnit *u = &demo_units[ui];
    int hx = strcmp(u->code, "HX") == 0;
    for (int k = 0; k < demo_n_seat_specs; k++) {
      const SeatSpec *sp = &demo_seat_specs[k];
      if (!unit_has_spec(u, sp) || (hx ? tier != 0 : sp->tier != tier)) continue;
      for (int j = 0; j < sp->count; j++) seat_add(s, ui, demo_title_index(sp->title), j);
    }
  }
}

/* The planned seats in the order they are filled, with the fixed people placed. */
static void plan_seats(Seats *s) {
  for (int tier = 0; tier <= 3; tier++) seats_of_tier(s, tier);
  int placed_long = 0, placed_dat = 0;
  for (int i = 0; i < s->n; i++) {
    const char *u = demo_units[s->v[i].unit].code, *t = demo_titles[s->v[i].title].code;
    if (!placed_long && strcmp(u, "KL") == 0 && strcmp(t, "CT_UBND_XA") == 0) s->v[i].fixed = 1, placed_long = 1;
    if (!placed_dat && strcmp(u, "HX") == 0 && strcmp(t, "PCT_UBND_XA") == 0) s->v[i].fixed = 2, placed_dat = 1;
  }
}

/* A specialist beyond the planned seats: a city unit or a commune, by the units' staff weights. */
static Seat filler_seat(uint64_t seed, long long i) {
  static const char *const COMMUNE_STAFF[] = {"CC_VPTK", "CC_DC", "CC_TP", "CC_TCKT", "CC_VHXH"};
  Rng r = rng_for(seed ^ 0x5eed5eedULL, (uint64_t)i);
  int total = 0;
  for (int u = 0; u < demo_n_units; u++) total += demo_units[u].staff_weight;
  int x = rng_int(&r, 0, total - 1), unit = 0;
  for (int u = 0; u < demo_n_units; u++) {
    if (x < demo_units[u].staff_weight) {
      unit = u;
      break;
    }
    x -= demo_units[u].staff_weight;
  }
  const char *title = demo_units[unit].kind == UK_COMMUNE ? COMMUNE_STAFF[rng_int(&r, 0, 4)] : "CHUYEN_VIEN";
  return (Seat){unit, demo_title_index(title), 99, 0};
}

/* The seat of cadre number i (1-based). */
static Seat seat_of(const Seats *s, uint64_t seed, long long i) { return i <= s->n ? s->v[i - 1] : filler_seat(seed, i); }

/*
** The people in two passes over the same draws: first every cadre's summary
** for the story, which then plans the acts that start current posts
** (demo_story_plan); then every cadre written as planned.
*/
static int make_cadres(DemoCtx *c, Story *story, long long n) {
  Seats s = {0};
  plan_seats(&s);
  int rc = 0;
  Arena *a = arena_new();
  for (long long i = 1; i <= n; i++) {
    Seat seat = seat_of(&s, c->seed, i);
    demo_cadre_plan(c, a, story->a, i, &seat, &story->c[i - 1]);
    if (i % 256 == 0) {
      arena_free(a);
      a = arena_new();
    }
  }
  story->n = (int)n;
  rc = demo_story_plan(story);
  for (long long i = 1; i <= n && !rc; i++) {
    Seat seat = seat_of(&s, c->seed, i);
    rc = demo_cadre_make(c, a, i, &seat, &story->c[i - 1]);
    if (i % 256 == 0) {
      arena_free(a);
      a = arena_new();
    }
  }
  arena_free(a);
  free(s.v);
  return rc;
}

/* --- Users --- */
static const char *random_password(Arena *a) {
  static const char ALPHA[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  char *p = arena_alloc(a, 17);
  for (int i = 0; i < 16; i++) p[i] = ALPHA[randombytes_uniform((uint32_t)(sizeof ALPHA - 1))];
  return p;
}

static int make_users(Db *db, Arena *a, const char *actor, DemoResult *out) {
  static const char *const U[3][3] = {{"admin", "admin", NULL}, {"canbo", "officer", NULL}, {"xem.haixuan", "viewer", "HX"}};
  if (sodium_init() < 0) return CB_EDB;
  for (int i = 0; i < 3; i++) {
    DemoLogin *l = &out->logins[i];
    *l = (DemoLogin){U[i][0], random_password(a), U[i][1], U[i][2]};
    int rc = auth_user_insert(db, a, actor, l->username, l->role, l->unit_code, l->password);
    if (rc) return rc;
    out->users++;
  }
  /* The demo city's tree starts at the city: its province is a setting (the Mẫu 2C header reads it). */
  return settings_set(db, actor, "province", "Quảng Ninh");
}

static int log_demo(Db *db, const char *actor, const DemoOpts *o, const DemoResult *r) {
  json_t *j = json_pack("{s:s, s:I, s:i, s:i, s:I, s:I, s:I, s:i, s:I, s:I, s:I, s:I}", "city", "Móng Cái", "seed",
                        (json_int_t)o->seed, "units", r->units, "titles", r->titles, "cadres", (json_int_t)r->cadres,
                        "positions", (json_int_t)r->positions, "trainings", (json_int_t)r->trainings, "users",
                        r->users, "planning", (json_int_t)r->planning, "rotations", (json_int_t)r->rotations,
                        "appointments", (json_int_t)r->appointments, "evaluations", (json_int_t)r->evaluations);
  char *after = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  int rc = after ? audit_log(db, actor, "demo", "database", NULL, NULL, after) : CB_EDB;
  free(after);
  json_decref(j);
  return rc;
}

static int build(Db *db, Arena *a, const DemoOpts *o, DemoResult *out) {
  const char *actor = o->actor ? o->actor : audit_cli_actor();
  int empty = 0, rc = db_is_empty(db, &empty);
  if (rc) return rc;
  if (!empty) return CB_EEXIST;
  if ((rc = insert_units(db, a)) || (rc = insert_titles(db, a))) return rc;
  out->units = demo_n_units, out->titles = demo_n_titles;
  DemoCtx c = {.db = db, .seed = o->seed, .code_width = 5};
  for (long long n = o->cadres; n > 99999; n /= 10) c.code_width++;
  for (int u = 0; u < demo_n_units; u++) {
    UnitKind k = demo_units[u].kind;
    c.by_kind[k][c.n_by_kind[k]++] = u;
  }
  Story story;
  demo_story_init(&story, db, a, o->seed, o->cadres, actor);
  const char *trigger = NULL;
  /* the people's tables, written but never searched while they are made (demo_people.c) */
  if ((rc = cadre_index_suspend(db, a, " cadre_records record_history position_records training_records ",
                                &trigger)))
    return rc;
  c.cw = cadre_writer_new(db), c.pw = position_writer_new(db), c.tw = training_writer_new(db);
  if (c.cw) cadre_writer_set_origin(c.cw, NULL, NULL); /* the demo city's records were never "changed" */
  rc = c.cw && c.pw && c.tw ? make_cadres(&c, &story, o->cadres) : CB_EDB;
  cadre_writer_free(c.cw), position_writer_free(c.pw), training_writer_free(c.tw);
  out->cadres = o->cadres, out->positions = c.positions, out->trainings = c.trainings;
  if (!rc) rc = cadre_index_resume(db, trigger);
  if (!rc) rc = demo_story_make(&story);
  out->planning = story.planning, out->rotations = story.rotations, out->appointments = story.appointments;
  out->evaluations = story.evaluations, out->trainings += story.trainings, out->positions += story.positions;
  if (!rc) rc = make_users(db, a, actor, out);
  if (!rc) rc = log_demo(db, actor, o, out);
  return rc;
}

/*
** The demo fills an empty SQLite database through a rollback journal instead of the WAL: each page is then written
** once, into the file (through the WAL every page of a 2 GB province is written twice -- into the WAL, then into
** the file at the checkpoint -- and the WAL grows as large as the database). Still one atomic transaction. When
** another connection has the file open the mode cannot change and stays WAL: nothing is lost but the speed. The
** mode is set back to WAL after the transaction, committed or not. Nothing on PostgreSQL.
*/
static void journal_direct(Db *db, bool on) {
  if (strcmp(db_engine_name(db), "sqlite") != 0) return;
  if (on) (void)db_exec(db, "PRAGMA journal_mode = DELETE");
  else (void)db_exec(db, "PRAGMA journal_mode = WAL");
}

int demo_build(Db *db, Arena *a, const DemoOpts *opts, DemoResult *out) {
  memset(out, 0, sizeof *out);
  if (!opts || opts->cadres < 1) return CB_EINVAL;
  journal_direct(db, true);
  /* Every reference is resolved by the registry writers before a row is written, so bulk mode's lack of
  ** per-row foreign-key checks loses nothing; it is switched off below whatever happens. */
  if (db_bulk_mode(db, true) != 0) {
    journal_direct(db, false);
    return CB_EDB;
  }
  int rc = db_begin(db) != 0 ? CB_EDB : counters_pause(db, true); /* the year counts: rebuilt once at the end */
  if (rc == 0) rc = build(db, a, opts, out);
  if (rc == 0) rc = counters_pause(db, false);
  if (rc == 0) rc = db_commit(db);
  if (rc != 0) db_rollback(db);
  if (db_bulk_mode(db, false) != 0 && rc == 0) rc = CB_EDB;
  journal_direct(db, false);
  return rc;
}

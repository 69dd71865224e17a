/*
** The demo city (`canbo demo`, docs/canbo.1): a realistic, invented Móng
** Cái-like city -- the unit tree, the titles with their standards, N cadres
** with profiles, current and past positions and trainings, the cadre-work
** story (planning pools of three terms and their reviews, rotations,
** appointment decisions, evaluations 2019-2024, disciplines, relatives; the
** 2019 acts give the published report when N >= 1000 -- exactly for the
** default seed and most others; a seed with too few leaders' posts begun or
** due in 2019 gives fewer decisions rather than invented ones), and three
** users -- deterministic for a seed (the users' passwords excepted: they are
** random).
**
** The story is told through the functions a board uses, so the records
** agree with the acts: a rotation, transfer, appointment or promotion starts
** the cadre's current post and moves their unit from that day
** (rotation_record, appt_record with the position; history rows of source
** act:rotation:ID / act:appointment), a completed 2019 LLCT or QLNN course
** raises the level from its end date (cadre_raise_level_in_tx), and every
** planning add passes the checks of planning_add (eligibility_check, findings
** stored). The initial records themselves carry no history rows.
**
** Conventions of the generated data that other code may rely on:
** - unit codes: "MC" (root), city organs (VPTU, BTCTU, UBND, PNV...), the 17
**   communes/wards by their short codes (KL, TP, ... HX ... VTH); each unit's
**   `locality` is its commune/ward name, "Móng Cái" for city units;
** - a hometown is "Commune, Móng Cái, Quảng Ninh" or "District, Province", so
**   a unit's locality appears as one comma-separated part of a local's hometown;
** - cadre codes "MC" + the index, zero-padded to 5 digits (more for N > 99,999);
** - every cadre holds exactly one current non-concurrent position; leaders may
**   hold concurrent committee memberships; each commune has one current Bí thư;
**   every post's title is of its unit's level (a commune title in a commune);
** - fixed people (N >= 100): "Hoàng Hải Long" (Chủ tịch UBND phường Ka Long),
**   "Đặng Văn Đạt" (Phó Chủ tịch UBND xã Hải Xuân); Hải Xuân has >= 20 cadres;
** - data are "as of" DEMO_AS_OF: no date after it, no position ends after it.
*/
#ifndef CANBO_DEMO_H
#define CANBO_DEMO_H
#include <stdint.h>
#include "core/arena.h"
#include "core/db.h"

#define DEMO_AS_OF "2025-06-30"
#define DEMO_DEFAULT_CADRES 1500

typedef struct {
  long long cadres; /* >= 1; fewer than ~100 gives a city with unfilled posts */
  uint64_t seed;
  const char *actor; /* for the audit rows */
} DemoOpts;

typedef struct {
  const char *username, *password, *role, *unit_code; /* unit_code NULL: unscoped */
} DemoLogin;

typedef struct {
  int units, titles, users;
  long long cadres, positions, trainings;
  long long planning, rotations, appointments, evaluations; /* the cadre-work story (planning acts, ...) */
  DemoLogin logins[3]; /* admin, officer, viewer of Hải Xuân (strings in the caller's arena) */
} DemoResult;

/*
** Build the demo in `db` in ONE transaction, with one audit row (action
** "demo", entity "database", after = the counts) plus the users' own rows.
** The database must be empty (no unit, title, cadre or user): otherwise
** CB_EEXIST and nothing is written. Passwords are random (libsodium), 16
** characters, returned in out->logins (arena `a`). CB_EINVAL for cadres < 1,
** CB_EDB on database failure (rolled back).
*/
int demo_build(Db *db, Arena *a, const DemoOpts *opts, DemoResult *out);

#endif

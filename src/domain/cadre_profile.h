/*
** A cadre's whole file in one read: the record (every Mẫu 2C field), posts,
** courses, family (own rows and the implied reverse of other cadres'
** links), the planning pools of the current term, ratings, disciplines and
** the latest history rows. What the profile page, the JSON profile and the
** printed Mẫu 2C show, so that they never disagree.
*/
#ifndef CANBO_CADRE_PROFILE_H
#define CANBO_CADRE_PROFILE_H
#include <stdbool.h>
#include "domain/cadre.h"
#include "domain/discipline.h"
#include "domain/evaluation.h"
#include "domain/planning.h"
#include "domain/position.h"
#include "domain/record_history.h"
#include "domain/record_kinds.h"
#include "domain/rotation.h"
#include "domain/training.h"

typedef struct {
  Cadre c;
  Position *pos;          /* newest first */
  int npos;
  Training *tr;           /* oldest first */
  int ntr;
  FamilyMember *fam;
  int nfam;
  PlanAct *pools;         /* the add acts that hold today, of the term containing today */
  int npools;
  const char *term;       /* that term, "2025-2030" */
  Evaluation *ev;         /* newest year first */
  int nev;
  Discipline *disc;       /* newest first */
  int ndisc;
  HistoryItem *hist;      /* newest first, at most hist_limit */
  int nhist;
  RotationRow *rot;       /* rotations and transfers, newest first (voided ones not) */
  int nrot;
} Profile;

/*
** Load the file of cadre `code` in `scope` (voided records too when
** voided_too: for admins). hist_limit bounds the history rows (0: none);
** with_rotations also reads the cadre's rotations (the page lists them; the
** JSON file does not, and saves the statement). 0, CB_ENOTFOUND, CB_EDB.
*/
int profile_load(Db *db, Arena *a, Scope scope, const char *code, bool voided_too, int hist_limit, bool with_rotations,
                 Profile *out);

#endif

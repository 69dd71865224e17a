/* A cadre's whole file in one read (see cadre_profile.h). */
#include "domain/cadre_profile.h"
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/term.h"

/* The pools of `term` that hold today: for each (unit, title) the latest act, kept when it is an add. */
static void current_pools(Arena *a, const char *term, const PlanAct *acts, int n, PlanAct **out, int *m) {
  *out = arena_alloc(a, sizeof(PlanAct) * (size_t)(n + 1));
  *m = 0;
  char today[16];
  date_iso(date_today(), today);
  for (int i = 0; i < n; i++) { /* acts oldest first: a later act for the same pool wins */
    if (strcmp(acts[i].term, term) != 0 || strcmp(acts[i].date, today) > 0) continue;
    bool later = false;
    for (int j = i + 1; j < n && !later; j++)
      later = strcmp(acts[j].term, term) == 0 && acts[j].unit_id == acts[i].unit_id &&
              acts[j].title_id == acts[i].title_id && strcmp(acts[j].date, today) <= 0;
    if (!later && strcmp(acts[i].action, "add") == 0) (*out)[(*m)++] = acts[i];
  }
}

int profile_load(Db *db, Arena *a, Scope scope, const char *code, bool voided_too, int hist_limit, Profile *out) {
  memset(out, 0, sizeof *out);
  int rc = cadre_find_any(db, a, scope, code, voided_too, &out->c);
  if (!rc) rc = position_list_for_cadre(db, a, out->c.id, &out->pos, &out->npos);
  if (!rc) rc = training_list_for_cadre(db, a, out->c.id, &out->tr, &out->ntr);
  if (!rc) rc = family_list(db, a, scope, out->c.id, &out->fam, &out->nfam);
  PlanAct *acts;
  int nacts;
  char today[16];
  out->term = term_of(a, date_iso(date_today(), today));
  if (!rc && !out->c.voided_at) rc = planning_term_acts(db, a, &out->c, out->term, &acts, &nacts);
  else nacts = 0, acts = NULL;
  if (!rc) current_pools(a, out->term, acts, nacts, &out->pools, &out->npools);
  EvaluationQuery eq = {.cadre_id = out->c.id};
  if (!rc) rc = evaluation_list(db, a, &eq, &out->ev, &out->nev);
  DisciplineQuery dq = {.cadre_id = out->c.id};
  if (!rc) rc = discipline_list(db, a, &dq, &out->disc, &out->ndisc);
  if (!rc && hist_limit > 0) rc = history_for_cadre(db, a, out->c.id, hist_limit, &out->hist, &out->nhist);
  return rc;
}

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

/* The title of the post that heads among those held (no end date): cadre_titles_fill's choice, from the posts read. */
static const char *headline_title(const Position *p, int n) {
  const Position *best = NULL;
  for (int i = 0; i < n; i++)
    if (!p[i].end_date && (!best || cadre_post_heads(p[i].concurrent, p[i].title_rank, p[i].id, best->concurrent,
                                                     best->title_rank, best->id)))
      best = &p[i];
  return best ? best->title_name : NULL;
}

/* The cadre (and unit) of its posts, courses, ratings and decisions, read without them (*_stmt_for_cadre). */
static void name_rows(const Cadre *c, Profile *p) {
  for (int i = 0; i < p->npos; i++) p->pos[i].cadre_code = c->code;
  for (int i = 0; i < p->ntr; i++) p->tr[i].cadre_code = c->code;
  for (int i = 0; i < p->nev; i++) {
    Evaluation *e = &p->ev[i];
    e->cadre_code = c->code, e->cadre_name = c->full_name, e->unit_code = c->unit_code, e->unit_name = c->unit_name;
  }
  for (int i = 0; i < p->ndisc; i++) {
    Discipline *d = &p->disc[i];
    d->cadre_code = c->code, d->cadre_name = c->full_name, d->unit_code = c->unit_code, d->unit_name = c->unit_name;
  }
}

int profile_load(Db *db, Arena *a, Scope scope, const char *code, bool voided_too, int hist_limit, bool with_rotations,
                 Profile *out) {
  memset(out, 0, sizeof *out);
  int rc = cadre_find_record(db, a, scope, code, voided_too, &out->c); /* the headline title from the posts below */
  if (rc) return rc;
  char today[16];
  out->term = term_of(a, date_iso(date_today(), today));
  /* the file's lists, asked together (one round trip on PostgreSQL: db_run_together), then read one by one;
     every statement is read (and finalized) whatever happened to the others */
  bool live = !out->c.voided_at; /* a voided cadre's file lists its family and history only */
  enum { POS, TRAIN, FAM, PLAN, EVAL, DISC, HIST, ROT, N };
  DbStmt *st[N];
  st[POS] = live ? position_stmt_for_cadre(db, out->c.id) : NULL;
  st[TRAIN] = live ? training_stmt_for_cadre(db, out->c.id) : NULL;
  st[FAM] = family_stmt(db, out->c.id);
  st[PLAN] = live ? planning_term_acts_stmt(db, &out->c, out->term) : NULL;
  st[EVAL] = live ? evaluation_stmt_for_cadre(db, out->c.id) : NULL;
  st[DISC] = live ? discipline_stmt_for_cadre(db, out->c.id) : NULL;
  st[HIST] = hist_limit > 0 ? history_stmt_for_cadre(db, out->c.id, hist_limit) : NULL;
  st[ROT] = live && with_rotations ? rotation_stmt_for_cadre(db, out->c.id) : NULL;
  db_run_together(db, st, N); /* a statement not sent with the others runs at its first step */
  PlanAct *acts = NULL;
  int nacts = 0, r[N];
  r[POS] = live ? position_read(st[POS], a, &out->pos, &out->npos) : 0;
  r[TRAIN] = live ? training_read(st[TRAIN], a, &out->tr, &out->ntr) : 0;
  r[FAM] = family_read(st[FAM], a, scope, &out->fam, &out->nfam);
  r[PLAN] = live ? planning_term_acts_read(st[PLAN], a, &out->c, &acts, &nacts) : 0;
  r[EVAL] = live ? evaluation_read(st[EVAL], a, &out->ev, &out->nev) : 0;
  r[DISC] = live ? discipline_read(st[DISC], a, &out->disc, &out->ndisc) : 0;
  r[HIST] = hist_limit > 0 ? history_read(st[HIST], a, &out->hist, &out->nhist) : 0;
  r[ROT] = live && with_rotations ? rotation_read(st[ROT], a, &out->rot, &out->nrot) : 0;
  for (int i = 0; i < N && !rc; i++) rc = r[i];
  if (rc) return rc;
  name_rows(&out->c, out);
  current_pools(a, out->term, acts, nacts, &out->pools, &out->npools);
  if (out->c.voided_at) return cadre_titles_fill(db, a, &out->c, 1); /* its posts are not listed (a live cadre's are) */
  out->c.current_title = headline_title(out->pos, out->npos);
  return 0;
}

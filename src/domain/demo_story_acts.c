/*
** The demo story's acts other than planning (see demo_data.h): the 2019
** trainings of the published report (a completed LLCT or QLNN course raises
** the level from its end date through cadre_raise_level_in_tx, history
** source act:training:ID), the rotations and decisions planned by
** demo_story_plan.c played in date order through rotation_record and
** appt_record (in the demo's transaction: they move the cadres and write
** their history and findings), disciplines and family relations (one REL-1
** case in a commune).
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/appointment.h"
#include "domain/cadre_edit.h"
#include "domain/demo.h"
#include "domain/demo_data.h"
#include "domain/rotation.h"
#include "domain/training.h"

static const char *iso(Arena *a, Date d) {
  char b[16];
  return arena_strdup(a, date_iso(d, b));
}

static int is_commune(int unit) { return demo_units[unit].kind == UK_COMMUNE; }

/* --- Trainings of the story year: exactly the published numbers at full size --- */
typedef struct {
  const char *program, *name, *institution;
  int target, months;
  const char *sets_llct, *sets_qlnn; /* the level reached: raised from the course's end date */
} StoryCourse;

static const StoryCourse COURSES[] = {
    {"llct_cao_cap", "Cao cấp lý luận chính trị", "Học viện Chính trị khu vực I", 15, 18, "cao_cap", NULL},
    {"llct_trung_cap", "Trung cấp lý luận chính trị – hành chính", "Trường Chính trị tỉnh Quảng Ninh", 3, 10,
     "trung_cap", NULL},
    {"qlnn_cv", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên", "Trường Chính trị tỉnh Quảng Ninh", 9, 2, NULL,
     "chuyen_vien"},
    {"leadership_skills", "Bồi dưỡng kỹ năng lãnh đạo, quản lý", "Trường Chính trị tỉnh Quảng Ninh", 84, 1, NULL, NULL},
    {"overseas_165", "Bồi dưỡng ở nước ngoài theo Đề án 165", "Học viện Chính trị quốc gia Hồ Chí Minh", 2, 1, NULL,
     NULL},
};

/* Who may be sent to course k in 2019, by the post held at the start of that year (a lower level, an older career). */
static int course_fits(const StoryCourse *k, const StoryCadre *c) {
  int p = demo_post_at(c, (Date){DEMO_STORY_YEAR, 1, 1});
  if (p < 0) return 0;
  const DemoTitle *t = &demo_titles[c->post[p].title];
  if (c->post[p].start.y > 2016 && t->cls == TC_STAFF) return 0;
  if (c->birth_year > 1990) return 0;
  if (strcmp(k->program, "llct_cao_cap") == 0) return t->cls != TC_STAFF && c->llct && strcmp(c->llct, "trung_cap") == 0;
  if (strcmp(k->program, "llct_trung_cap") == 0) return !c->llct || strcmp(c->llct, "so_cap") == 0;
  if (strcmp(k->program, "qlnn_cv") == 0) return !c->qlnn || strcmp(c->qlnn, "can_su") == 0;
  if (strcmp(k->program, "overseas_165") == 0) return t->cls == TC_KEY;
  return t->cls != TC_STAFF;
}

static int story_course(Story *s, const StoryCourse *k, DbStmt *ins, unsigned char *used) {
  Rng r = rng_for(s->seed ^ 0xc0a5e5ULL, (uint64_t)(k - COURSES));
  int want = demo_story_count(s, k->target), done = 0, start = rng_int(&r, 0, s->n - 1), rc = 0;
  for (int j = 0; j < s->n && done < want && !rc; j++) {
    int i = (start + j * 7) % s->n; /* a stride spreads the picks over units */
    StoryCadre *c = &s->c[i];
    if (used[i] || !course_fits(k, c)) continue;
    used[i] = k->target < 50; /* the long courses take a cadre once */
    Date from = demo_day_in(&r, DEMO_STORY_YEAR, 2, 10), to = date_add_days(date_add_months(from, k->months), -1);
    const char *end = iso(s->a, to);
    db_reset(ins);
    db_bind_int(ins, 1, c->id), db_bind_text(ins, 2, k->program), db_bind_text(ins, 3, k->name);
    db_bind_text(ins, 4, k->institution), db_bind_text(ins, 5, iso(s->a, from)), db_bind_text(ins, 6, end);
    rc = db_step(ins) == DB_DONE ? 0 : CB_EDB;
    if (!rc && (k->sets_llct || k->sets_qlnn)) { /* the act of completing it, as a course recorded by hand */
      Editor ed = {.actor = s->actor, .source = arena_printf(s->a, "act:training:%lld", db_last_id(s->db))};
      const char *why = arena_printf(s->a, "Hoàn thành khóa học: %s", training_program_label(k->program));
      rc = cadre_raise_level_in_tx(s->db, s->a, &ed, c->id, k->sets_llct ? "llct_level" : "qlnn_level",
                                   k->sets_llct ? k->sets_llct : k->sets_qlnn, end, why);
      if (k->sets_llct) c->llct = k->sets_llct;
      else c->qlnn = k->sets_qlnn;
    }
    done++, s->trainings++;
  }
  return rc;
}

int demo_story_trainings(Story *s) {
  if (s->n == 0) return 0;
  DbStmt *ins = db_prepare(s->db, "INSERT INTO training_records(cadre_id, program, name, institution, start_date, end_date, "
                                  "status) VALUES (?, ?, ?, ?, ?, ?, 'completed')");
  if (!ins) return CB_EDB;
  int rc = 0;
  unsigned char *used = arena_alloc(s->a, (size_t)s->n + 1);
  memset(used, 0, (size_t)s->n + 1);
  for (size_t k = 0; k < sizeof COURSES / sizeof COURSES[0] && !rc; k++) rc = story_course(s, &COURSES[k], ins, used);
  db_finalize(ins);
  return rc;
}

/* --- The acts, in date order --- */
static int cmp_act(const void *x, const void *y) {
  const StoryAct *a = x, *b = y;
  int c = date_cmp(a->date, b->date);
  return c ? c : a->seq - b->seq;
}

/* One act through the function a board's officer uses (rotation_record, appt_record), in the demo's transaction. */
static int play(Story *s, Arena *a, const StoryAct *act) {
  const StoryCadre *c = &s->c[act->cadre];
  const char *date = iso(a, act->date), *unit = demo_units[act->unit].code;
  const char *title = act->title >= 0 ? demo_titles[act->title].code : NULL;
  long long id;
  Findings f;
  if (act->type == ACT_ROTATION) {
    RotationReq req = {.cadre_code = c->code, .kind = act->kind, .to_unit_code = unit, .date = date,
                       .to_title_code = title, .decision_no = act->decision_no, .planned_months = act->planned_months};
    s->rotations++;
    s->positions += title && (strcmp(act->kind, "rotation") == 0 || strcmp(act->kind, "transfer") == 0);
    return rotation_record(s->db, a, scope_all(), &req, s->actor, true, &id, &f);
  }
  /* From another unit: an external source (the 3-step procedure); within the unit: internal. */
  int k = demo_post_at(c, date_add_days(act->date, -1));
  int external = act->with_position && k >= 0 && c->post[k].unit != act->unit;
  ApptReq req = {.cadre_code = c->code, .kind = act->kind, .unit_code = unit, .title_code = title,
                 .decision_date = date, .decision_no = act->decision_no, .source = external ? "external" : "internal"};
  s->appointments++;
  s->positions += act->with_position;
  return appt_record(s->db, a, scope_all(), &req, s->actor, act->with_position, true, &id, &f);
}

int demo_story_play_acts(Story *s) {
  if (s->nacts) qsort(s->acts, (size_t)s->nacts, sizeof *s->acts, cmp_act);
  Arena *a = arena_new();
  int rc = 0;
  for (int i = 0; i < s->nacts && !rc; i++) {
    rc = play(s, a, &s->acts[i]);
    if (i % 64 == 63) {
      arena_free(a);
      a = arena_new();
    }
  }
  arena_free(a);
  return rc;
}

/* --- Disciplines and family relations --- */
static int discipline(Story *s, DbStmt *st, int i, const char *form, const char *auth, Date d, const char *no,
                      const char *reason) {
  if (i < 0) return 0;
  db_reset(st);
  db_bind_int(st, 1, s->c[i].id), db_bind_text(st, 2, form), db_bind_text(st, 3, auth);
  db_bind_text(st, 4, iso(s->a, d)), db_bind_text(st, 5, no), db_bind_text(st, 6, reason);
  s->disciplines++;
  return db_step(st) == DB_DONE ? 0 : CB_EDB;
}

static int relate(Story *s, DbStmt *st, int i, int j, const char *relation) {
  if (i < 0 || j < 0 || i == j) return 0;
  db_reset(st);
  db_bind_int(st, 1, s->c[i].id), db_bind_int(st, 2, s->c[j].id), db_bind_text(st, 3, relation);
  int rc = db_step(st);
  if (rc == DB_DONE) s->relatives++;
  return rc == DB_DONE || rc == CB_EEXIST ? 0 : CB_EDB;
}

/* The holder of title `code` in unit u (-1 when none). */
static int holder(const Story *s, int u, const char *code) {
  int t = demo_title_index(code);
  for (int i = 0; i < s->n; i++)
    if (s->c[i].unit == u && s->c[i].title == t) return i;
  return -1;
}

/* Two cadres of units satisfying `same_unit`, with the same family name and birth years `gap` apart (+-3). */
static int family_pair(const Story *s, int from, int gap, int same_unit, int *a, int *b) {
  for (int i = from; i < s->n; i++)
    for (int j = i + 1; j < s->n && j < i + 400; j++) {
      const StoryCadre *x = &s->c[i], *y = &s->c[j];
      if (x->fixed || y->fixed || strcmp(x->family, y->family) != 0 || (x->unit == y->unit) != same_unit) continue;
      int d = abs(x->birth_year - y->birth_year);
      if (d < gap - 3 || d > gap + 3) continue;
      *a = x->birth_year <= y->birth_year ? i : j, *b = *a == i ? j : i;
      return 1;
    }
  return 0;
}

static int relatives(Story *s) {
  DbStmt *st = db_prepare(s->db, "INSERT INTO family_records(cadre_id, relation, full_name, birth_year, relative_cadre_id) "
                                 "SELECT ?1, ?3, c.full_name, CAST(substr(c.birth_date, 1, 4) AS INTEGER), c.id "
                                 "FROM cadre_records c WHERE c.id = ?2");
  if (!st) return CB_EDB;
  int rc = 0;
  /* REL-1: a commune chairman whose spouse is the commune's accountant (Công chức Tài chính – Kế toán). */
  for (int u = 0; u < demo_n_units; u++) {
    if (!is_commune(u)) continue;
    int head = holder(s, u, "CT_UBND_XA"), acc = holder(s, u, "CC_TCKT");
    if (head >= 0 && acc >= 0 && !s->c[head].fixed && s->c[head].gender != s->c[acc].gender) {
      rc = relate(s, st, head, acc, "spouse");
      break;
    }
  }
  int a, b;
  /* REL-2 material: siblings in the same unit; then pairs in different units (no rule broken). */
  if (!rc && family_pair(s, 0, 4, 1, &a, &b)) rc = relate(s, st, a, b, "sibling");
  if (!rc && family_pair(s, s->n / 4, 26, 0, &a, &b)) rc = relate(s, st, a, b, "child");
  if (!rc && family_pair(s, s->n / 2, 3, 0, &a, &b)) rc = relate(s, st, a, b, "sibling");
  if (!rc && family_pair(s, 3 * s->n / 4, 28, 0, &a, &b)) rc = relate(s, st, a, b, "child");
  db_finalize(st);
  return rc;
}

int demo_story_people(Story *s) {
  DbStmt *st = db_prepare(s->db, "INSERT INTO discipline_records(cadre_id, form, authority, decision_date, decision_no, reason) "
                                 "VALUES (?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  int rc = discipline(s, st, s->reprimanded, "reprimand", "party", (Date){2024, 8, 16}, "215-QĐ/UBKTTU",
                      "Thiếu trách nhiệm trong quản lý đất đai, để xảy ra lấn chiếm trên địa bàn");
  if (!rc)
    rc = discipline(s, st, s->warned, "warning", "party", (Date){2023, 3, 9}, "87-QĐ/UBKTTU",
                    "Vi phạm quy định về những điều đảng viên không được làm");
  int state = s->n > 40 && !s->c[s->n - 7].fixed ? s->n - 7 : -1; /* a civil servant's state reprimand in 2021 */
  if (!rc) rc = discipline(s, st, state, "reprimand", "state", (Date){2021, 5, 20}, "1450/QĐ-UBND",
                           "Chậm giải quyết hồ sơ thủ tục hành chính quá hạn nhiều lần");
  db_finalize(st);
  return rc ? rc : relatives(s);
}

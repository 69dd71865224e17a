/*
** The demo story's acts other than planning (see demo_data.h): the 2019
** trainings of the published report, rotations and transfers, appointment
** decisions (with terms, so the due list has entries around 2025-06-30),
** disciplines and family relations (one REL-1 case in a commune).
** Plain SQL with bound values, inside the demo's one transaction.
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "domain/demo.h"
#include "domain/demo_data.h"

static const Date AS_OF = {2025, 6, 30};

static const char *iso(Arena *a, Date d) {
  char b[16];
  return arena_strdup(a, date_iso(d, b));
}

static int is_commune(int unit) { return demo_units[unit].kind == UK_COMMUNE; }
static const DemoTitle *title_of(const StoryCadre *c) { return &demo_titles[c->title]; }

/* A random date of `year` up to the as-of date, between months m0 and m1. */
static Date day_in(Rng *r, int year, int m0, int m1) {
  Date d = {year, rng_int(r, m0, m1), rng_int(r, 1, 28)};
  return date_cmp(d, AS_OF) > 0 ? (Date){AS_OF.y, rng_int(r, 1, 5), rng_int(r, 1, 28)} : d;
}

/* --- Trainings of the story year: exactly the published numbers at full size --- */
typedef struct {
  const char *program, *name, *institution;
  int target, months;
  const char *sets_llct, *sets_qlnn; /* the level reached, written back to the profile */
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

/* Who may be sent to course k in 2019 (before it: a lower level, an older career). */
static int course_fits(const StoryCourse *k, const StoryCadre *c) {
  const DemoTitle *t = title_of(c);
  if (c->start.y > 2016 && t->cls == TC_STAFF) return 0;
  if (c->birth_year > 1990) return 0;
  if (strcmp(k->program, "llct_cao_cap") == 0) return t->cls != TC_STAFF && c->llct && strcmp(c->llct, "trung_cap") == 0;
  if (strcmp(k->program, "llct_trung_cap") == 0) return !c->llct || strcmp(c->llct, "so_cap") == 0;
  if (strcmp(k->program, "qlnn_cv") == 0) return !c->qlnn || strcmp(c->qlnn, "can_su") == 0;
  if (strcmp(k->program, "overseas_165") == 0) return t->cls == TC_KEY;
  return t->cls != TC_STAFF;
}

static int story_course(Story *s, const StoryCourse *k, DbStmt *ins, DbStmt *llct, DbStmt *qlnn, unsigned char *used) {
  Rng r = rng_for(s->seed ^ 0xc0a5e5ULL, (uint64_t)(k - COURSES));
  int want = demo_story_count(s, k->target), done = 0, start = rng_int(&r, 0, s->n - 1), rc = 0;
  for (int j = 0; j < s->n && done < want && !rc; j++) {
    int i = (start + j * 7) % s->n; /* a stride spreads the picks over units */
    StoryCadre *c = &s->c[i];
    if (used[i] || !course_fits(k, c)) continue;
    used[i] = k->target < 50; /* the long courses take a cadre once */
    Date from = day_in(&r, DEMO_STORY_YEAR, 2, 10), to = date_add_days(date_add_months(from, k->months), -1);
    db_reset(ins);
    db_bind_int(ins, 1, c->id), db_bind_text(ins, 2, k->program), db_bind_text(ins, 3, k->name);
    db_bind_text(ins, 4, k->institution), db_bind_text(ins, 5, iso(s->a, from)), db_bind_text(ins, 6, iso(s->a, to));
    rc = db_step(ins) == DB_DONE ? 0 : CB_EDB;
    DbStmt *up = k->sets_llct ? llct : k->sets_qlnn ? qlnn : NULL;
    if (!rc && up) {
      db_reset(up);
      db_bind_text(up, 1, k->sets_llct ? k->sets_llct : k->sets_qlnn), db_bind_int(up, 2, c->id);
      rc = db_step(up) == DB_DONE ? 0 : CB_EDB;
      if (k->sets_llct) c->llct = k->sets_llct;
      else c->qlnn = k->sets_qlnn;
    }
    done++, s->trainings++;
  }
  return rc;
}

int demo_story_trainings(Story *s) {
  DbStmt *ins = db_prepare(s->db, "INSERT INTO training_records(cadre_id, program, name, institution, start_date, end_date, "
                                  "status) VALUES (?, ?, ?, ?, ?, ?, 'completed')");
  DbStmt *llct = db_prepare(s->db, "UPDATE cadre_records SET llct_level = ? WHERE id = ?");
  DbStmt *qlnn = db_prepare(s->db, "UPDATE cadre_records SET qlnn_level = ? WHERE id = ?");
  int rc = ins && llct && qlnn ? 0 : CB_EDB;
  unsigned char *used = arena_alloc(s->a, (size_t)s->n + 1);
  for (size_t k = 0; k < sizeof COURSES / sizeof COURSES[0] && !rc; k++)
    rc = story_course(s, &COURSES[k], ins, llct, qlnn, used);
  db_finalize(ins), db_finalize(llct), db_finalize(qlnn);
  return rc;
}

/* --- Rotations and transfers, 2015 to mid-2025 --- */
static const char *decision_no(Story *s, Rng *r, const DemoTitle *t) {
  return t->decision == DK_PARTY ? arena_printf(s->a, "%d-QĐ/TU", rng_int(r, 100, 2400))
                                 : arena_printf(s->a, "%d/QĐ-UBND", rng_int(r, 1000, 9800));
}

/* A unit of the other side (city <-> commune) for a rotation, any other unit for a transfer. */
static int other_unit(Rng *r, int unit, int rotation) {
  for (;;) {
    int u = rng_int(r, 1, demo_n_units - 1);
    if (u == unit || demo_units[u].kind == UK_COUNCIL || demo_units[u].kind == UK_PC) continue;
    if (!rotation || is_commune(u) != is_commune(unit)) return u;
  }
}

static int rotation_row(Story *s, DbStmt *st, Rng *r, const StoryCadre *c, const char *kind, Date d) {
  const DemoTitle *t = title_of(c);
  int rot = strcmp(kind, "rotation") == 0, from = other_unit(r, c->unit, rot);
  int from_title = demo_title_index(t->prev);
  db_reset(st);
  db_bind_int(st, 1, c->id), db_bind_text(st, 2, kind), db_bind_int(st, 3, s->unit_id[from]);
  db_bind_int(st, 4, s->unit_id[c->unit]), db_bind_int(st, 5, s->title_id[from_title]);
  db_bind_int(st, 6, s->title_id[c->title]), db_bind_text(st, 7, iso(s->a, d));
  db_bind_text(st, 8, decision_no(s, r, t));
  if (rot || strcmp(kind, "secondment") == 0 || strcmp(kind, "reinforcement") == 0)
    db_bind_int(st, 9, rot ? (rng_pct(r, 70) ? 36 : 60) : 24);
  else
    db_bind_null(st, 9);
  s->rotations++;
  return db_step(st) == DB_DONE ? 0 : CB_EDB;
}

int demo_story_rotations(Story *s) {
  DbStmt *st = db_prepare(s->db, "INSERT INTO rotations(cadre_id, kind, from_unit_id, to_unit_id, from_title_id, "
                                 "to_title_id, date, decision_no, planned_months) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st || s->n == 0) {
    db_finalize(st);
    return st ? 0 : CB_EDB;
  }
  int rc = 0;
  for (int year = 2015; year <= AS_OF.y && !rc; year++) {
    Rng r = rng_for(s->seed ^ 0x4077ULL, (uint64_t)year);
    int target = year == DEMO_STORY_YEAR ? 20 : year == AS_OF.y ? rng_int(&r, 6, 10) : rng_int(&r, 13, 26);
    int want = demo_story_count(s, target), done = 0;
    for (int tries = 0; done < want && tries < 20 * s->n && !rc; tries++) {
      const StoryCadre *c = &s->c[rng_int(&r, 0, s->n - 1)];
      const DemoTitle *t = title_of(c);
      if (t->cls == TC_KEY || t->decision == DK_COUNCIL || c->birth_year > year - 25 || c->birth_year < year - 52)
        continue;
      const char *kind = rng_pct(&r, 55) ? "rotation" : "transfer";
      rc = rotation_row(s, st, &r, c, kind, day_in(&r, year, 1, 12));
      done++;
    }
    /* One act of a kind the report does not count (secondment / reinforcement of a commune). */
    for (int tries = 0; tries < 200 && !rc; tries++) {
      const StoryCadre *c = &s->c[rng_int(&r, 0, s->n - 1)];
      if (title_of(c)->cls == TC_STAFF && !is_commune(c->unit) && c->birth_year <= year - 25) {
        rc = rotation_row(s, st, &r, c, rng_pct(&r, 50) ? "secondment" : "reinforcement", day_in(&r, year, 1, 12));
        break;
      }
    }
  }
  db_finalize(st);
  return rc;
}

/* --- Appointment decisions --- */
typedef struct {
  long long position_id;
  int cadre;     /* index into s->c */
  int unit, title;
  Date start, end; /* end {0} when current */
  int used;
} Post;

static int appointable(const DemoTitle *t) {
  return t->decision != DK_COUNCIL && strcmp(t->category, "leader") == 0;
}

static int load_posts(Story *s, Post **out, int *n) {
  DbStmt *st = db_prepare(s->db, "SELECT p.id, p.cadre_id, u.code, t.code, p.start_date, p.end_date FROM positions p "
                                 "JOIN units u ON u.id = p.unit_id JOIN titles t ON t.id = p.title_id "
                                 "WHERE p.concurrent = 0 AND t.category = 'leader' ORDER BY p.id");
  if (!st) return CB_EDB;
  int cap = 256, k = 0, ci = 0;
  Post *v = malloc(sizeof *v * (size_t)cap);
  while (v && db_step(st) == DB_ROW) {
    long long cid = db_int(st, 1);
    int t = demo_title_index(db_text(st, 3));
    if (!appointable(&demo_titles[t])) continue;
    int lo = 0, hi = s->n - 1; /* s->c is ordered by id */
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (s->c[mid].id < cid) lo = mid + 1;
      else hi = mid;
    }
    if (s->n == 0 || s->c[lo].id != cid) continue;
    ci = lo;
    /* Only posts in the cadre's own unit: a decision then lies in the scope of whoever sees the cadre. */
    if (demo_unit_index(db_text(st, 2)) != s->c[ci].unit) continue;
    if (k == cap) v = realloc(v, sizeof *v * (size_t)(cap *= 2));
    if (!v) break;
    Post *p = &v[k++];
    *p = (Post){db_int(st, 0), ci, demo_unit_index(db_text(st, 2)), t, {0, 0, 0}, {0, 0, 0}, 0};
    date_parse(db_text(st, 4), &p->start, DATE_FULL);
    if (!db_isnull(st, 5)) date_parse(db_text(st, 5), &p->end, DATE_FULL);
  }
  db_finalize(st);
  if (!v) return CB_EDB;
  *out = v, *n = k;
  return 0;
}

static int appoint_row(Story *s, DbStmt *st, Rng *r, Post *p, const char *kind, Date d) {
  Date end = date_add_months(d, 60);
  p->used = 1;
  db_reset(st);
  db_bind_int(st, 1, s->c[p->cadre].id), db_bind_text(st, 2, kind), db_bind_int(st, 3, s->unit_id[p->unit]);
  db_bind_int(st, 4, s->title_id[p->title]), db_bind_text(st, 5, iso(s->a, d));
  db_bind_text(st, 6, decision_no(s, r, &demo_titles[p->title]));
  db_bind_text(st, 7, rng_pct(r, 90) ? "internal" : "external");
  db_bind_int(st, 8, 5), db_bind_text(st, 9, iso(s->a, end)), db_bind_int(st, 10, p->position_id);
  s->appointments++;
  return db_step(st) == DB_DONE ? 0 : CB_EDB;
}

/* Decisions of `year`: posts begun that year, then reappointments of posts begun 5 years before, then any. */
static int appoint_year(Story *s, DbStmt *st, Post *v, int n, int year, int want) {
  Rng r = rng_for(s->seed ^ 0xa990ULL, (uint64_t)year);
  int done = 0, rc = 0, off = n ? rng_int(&r, 0, n - 1) : 0;
  for (int pass = 0; pass < 3 && done < want && !rc; pass++)
    for (int j = 0; j < n && done < want && !rc; j++) {
      Post *p = &v[(off + j) % n];
      if (p->used) continue;
      Date d;
      const char *kind;
      if (pass == 0 && p->start.y == year) {
        d = p->start, kind = rng_pct(&r, 45) ? "promotion" : "appointment";
      } else if (pass == 1 && p->start.y == year - 5) {
        d = date_add_months(p->start, 60), kind = "reappointment";
        if (p->end.y && date_cmp(p->end, d) < 0) continue;
      } else if (pass == 2 && p->end.y == 0 && p->start.y < year && (year - p->start.y) % 5 != 0) {
        d = day_in(&r, year, 1, 12), kind = "reappointment";
      } else {
        continue;
      }
      if (date_cmp(d, AS_OF) > 0) continue;
      rc = appoint_row(s, st, &r, p, kind, d);
      done++;
    }
  return rc;
}

/* A few decisions the report does not count: nominations, one extension, one dismissal (2019). */
static int other_decisions(Story *s, DbStmt *st, Post *v, int n) {
  Rng r = rng_for(s->seed ^ 0x0dd5ULL, 1);
  int rc = 0, made = 0;
  for (int j = 0; j < n && made < 3 && !rc; j++) {
    Post *p = &v[(j * 13) % n];
    if (p->used) continue;
    static const char *const K[] = {"nomination", "extension", "dismissal"};
    rc = appoint_row(s, st, &r, p, K[made], day_in(&r, DEMO_STORY_YEAR, 3, 11));
    made++;
  }
  return rc;
}

int demo_story_appointments(Story *s) {
  Post *v = NULL;
  int n = 0, rc = load_posts(s, &v, &n);
  if (rc) return rc;
  DbStmt *st = db_prepare(s->db, "INSERT INTO appointments(cadre_id, kind, unit_id, title_id, decision_date, decision_no, "
                                 "source, term_years, term_end, position_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) rc = CB_EDB;
  /* The story year first, so its 17 decisions never lack a post; 2020's congress posts make the 2025 due list. */
  if (!rc) rc = appoint_year(s, st, v, n, DEMO_STORY_YEAR, demo_story_count(s, 17));
  for (int year = 2015; year <= AS_OF.y && !rc; year++) {
    if (year == DEMO_STORY_YEAR) continue;
    Rng r = rng_for(s->seed ^ 0xa991ULL, (uint64_t)year);
    int target = year == AS_OF.y ? rng_int(&r, 6, 10) : rng_int(&r, 12, 24);
    rc = appoint_year(s, st, v, n, year, demo_story_count(s, target));
  }
  if (!rc) rc = other_decisions(s, st, v, n);
  db_finalize(st);
  free(v);
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

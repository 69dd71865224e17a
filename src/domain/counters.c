/* Counters of the structure figures, kept in each write's transaction (see counters.h). */
#include "domain/counters.h"
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre_dated.h"
#include "domain/membership.h"
#include "domain/structure.h"
#include "domain/unit.h"

/* More noted cadres than this in one transaction: a full rebuild is cheaper than one by one. */
enum { REBUILD_OVER = 20000, REBUILD_SHARE_FROM = 500 };

/* The counted dimensions, in cadre_counted's column order after unit_id. */
static const char *const DIMS[] = {"gender", "birth", "ethnicity", "religion", "party", "degree", "llct", "qlnn", "category"};
enum { NDIMS = 9 };

/*
** ?1 date. What each cadre belonging somewhere on the date counts for -- the members and columns of structure.c's
** STRUCT_SQL, with the ids -- in cadre id order (MEMBER_FACTS_SELECT_SQL: cadre_counted's rows arrive in its own
** order). A caller may add "AND c.id = ?2" between the two halves.
*/
#define CONTRIB_SELECT                                                                                          \
  "SELECT m.cid, u.id, m.gender, m.birth_date, m.ethnicity, m.religion, m.party, m.degree, m.llct, m.qlnn, "     \
  "t.category FROM (" MEMBER_FACTS_SELECT_SQL("?1")
#define CONTRIB_JOIN MEMBER_FACTS_JOIN_SQL

/* A cadre's keys: unit and the nine dimensions (birth = padded ISO date), and the age on the counted day. */
typedef struct {
  long long unit_id;
  const char *k[NDIMS];
  char birth[11];
  char age[12];
} Keys;

/*
** The age in full years on `date` of a padded birth date, both 'YYYY-MM-DD', as its key: the year difference,
** one less while the birthday is to come (date_age_years; AGE_SQL says the same in SQL).
*/
static void age_key(const char *birth, const char *date, char out[12]) {
  snprintf(out, 12, "%d", atoi(date) - atoi(birth) - (strncmp(birth + 5, date + 5, 5) > 0));
}
/* age_key of cadre_counted.birth on the date `on` (an SQL expression), in SQL (both engines); AGE_SQL on ?3. */
#define AGE_ON(on)                                                                                              \
  "CAST(CAST(substr(" on ", 1, 4) AS INTEGER) - CAST(substr(birth, 1, 4) AS INTEGER) - "                        \
  "CASE WHEN substr(birth, 6, 5) > substr(" on ", 6, 5) THEN 1 ELSE 0 END AS TEXT)"
#define AGE_SQL AGE_ON("?3")

/* Keys from a CONTRIB row; false when the cadre is not counted (unreadable birth date, as the recount). */
static bool keys_of(DbStmt *st, const char *date, Keys *k) {
  Date b;
  const char *birth = db_text(st, 3);
  if (!birth || date_parse(birth, &b, DATE_PARTIAL) != 0) return false;
  snprintf(k->birth, sizeof k->birth, "%04d-%02d-%02d", b.y, b.m ? b.m : 1, b.d ? b.d : 1);
  k->unit_id = db_int(st, 1);
  const char *sk[8];
  structure_member_keys(db_text(st, 2), db_text(st, 4), db_text(st, 5), db_text(st, 6), db_text(st, 7),
                        db_text(st, 8), db_text(st, 9), db_text(st, 10), date, sk);
  k->k[0] = sk[0], k->k[1] = k->birth;
  for (int i = 1; i < 8; i++) k->k[i + 1] = sk[i];
  age_key(k->birth, date, k->age);
  return true;
}

/* Add `sign` (+1/-1) times the cadre's contribution to unit_counts: each dimension, the birth as its age. */
static int apply(Db *db, const Keys *k, int sign) {
  DbStmt *st = db_prepare(db, "INSERT INTO unit_counts(unit_id, dim, key, n, women) VALUES (?1, ?2, ?3, ?4, ?5) "
                              "ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = unit_counts.n + excluded.n, "
                              "women = unit_counts.women + excluded.women");
  if (!st) return CB_EDB;
  int w = strcmp(k->k[0], "F") == 0 ? sign : 0, rc = 0;
  for (int i = 0; i < NDIMS && !rc; i++) {
    const char *dim = i == 1 ? "age" : DIMS[i];
    const char *key = i == 1 ? k->age : k->k[i];
    db_bind_int(st, 1, k->unit_id);
    db_bind_text(st, 2, dim);
    db_bind_text(st, 3, key);
    db_bind_int(st, 4, sign);
    db_bind_int(st, 5, w);
    rc = db_step(st) == DB_DONE ? 0 : CB_EDB;
    db_reset(st);
  }
  db_finalize(st);
  return rc;
}

/* Recount one cadre on `date`: subtract what cadre_counted holds, add what the cadre counts for now. */
static int recount_one(Db *db, Arena *a, long long id, const char *date) {
  DbStmt *st = db_prepare(db, "SELECT unit_id, gender, birth, ethnicity, religion, party, degree, llct, qlnn, category, "
                              "age FROM cadre_counted WHERE cadre_id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  if (rc == DB_ROW) {
    Keys old;
    old.unit_id = db_int(st, 0);
    for (int i = 0; i < NDIMS; i++) old.k[i] = arena_strdup(a, db_text(st, 1 + i) ? db_text(st, 1 + i) : "");
    snprintf(old.birth, sizeof old.birth, "%s", old.k[1]);
    snprintf(old.age, sizeof old.age, "%s", db_text(st, 10) ? db_text(st, 10) : "");
    db_finalize(st);
    if ((rc = apply(db, &old, -1))) return rc;
  } else {
    db_finalize(st);
    if (rc != DB_DONE) return CB_EDB;
  }
  st = db_prepare(db, "DELETE FROM cadre_counted WHERE cadre_id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  if (db_run(st)) return CB_EDB;

  st = db_prepare(db, CONTRIB_SELECT " AND c.id = ?2" CONTRIB_JOIN);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, date);
  db_bind_int(st, 2, id);
  Keys k;
  rc = db_step(st);
  bool counted = rc == DB_ROW && keys_of(st, date, &k);
  if (counted) /* copy out: the statement's texts go with it */
    for (int i = 0; i < NDIMS; i++) k.k[i] = i == 1 ? k.birth : arena_strdup(a, k.k[i]);
  db_finalize(st);
  if (rc != DB_ROW && rc != DB_DONE) return CB_EDB;
  if (!counted) return 0;
  if ((rc = apply(db, &k, +1))) return rc;
  st = db_prepare(db, "INSERT INTO cadre_counted(cadre_id, unit_id, gender, birth, ethnicity, religion, party, degree, "
                      "llct, qlnn, category, age) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  db_bind_int(st, 2, k.unit_id);
  for (int i = 0; i < NDIMS; i++) db_bind_text(st, 3 + i, k.k[i]);
  db_bind_text(st, 3 + NDIMS, k.age);
  return db_run(st) ? CB_EDB : 0;
}

/*
** The rebuilds' tallies (unit_counts, train_counts): counts keyed by (unit, A, B) -- (unit, dim, key) or (unit,
** year, program) -- in a POSIX tsearch tree, added to while the rows are read and written out at the end, instead
** of GROUP BYs that sort every cadre or training again (at 1,000,000: nine sorts of the cadres, 10 s; two of the
** trainings, 23 s). The nodes and their keys live in the arena `a`.
*/
typedef struct {
  Arena *a;
  void *root;
} Tallies;
typedef struct {
  long long unit_id;
  const char *x, *y; /* the A and B of the key */
  long long n, women;
} Tally;

static int tally_cmp(const void *p, const void *q) {
  const Tally *a = p, *b = q;
  if (a->unit_id != b->unit_id) return a->unit_id < b->unit_id ? -1 : 1;
  int c = strcmp(a->x, b->x);
  return c ? c : strcmp(a->y, b->y);
}

/* One more (a woman or not) under (unit, x, y): its tally, NULL when out of memory. */
static Tally *tally_add(Tallies *ts, long long unit_id, const char *x, const char *y, int woman) {
  Tally probe = {unit_id, x, y, 0, 0};
  Tally **found = tfind(&probe, &ts->root, tally_cmp);
  if (found) {
    (*found)->n++, (*found)->women += woman;
    return *found;
  }
  Tally *t = arena_alloc(ts->a, sizeof *t);
  *t = (Tally){unit_id, arena_strdup(ts->a, x), arena_strdup(ts->a, y), 1, woman};
  return tsearch(t, &ts->root, tally_cmp) ? t : NULL;
}

/* twalk_r's visitor: each tally into the INSERT `st` (unit, x, y, n[, women]); the first failure is kept. */
typedef struct {
  DbStmt *st;
  bool women;
  int rc;
} TallyWrite;
static void tally_write_one(const void *node, VISIT which, void *closure) {
  TallyWrite *w = closure;
  if ((which != postorder && which != leaf) || w->rc) return;
  const Tally *t = *(const Tally *const *)node;
  db_bind_int(w->st, 1, t->unit_id);
  db_bind_text(w->st, 2, t->x);
  db_bind_text(w->st, 3, t->y);
  db_bind_int(w->st, 4, t->n);
  if (w->women) db_bind_int(w->st, 5, t->women);
  w->rc = db_step(w->st) == DB_DONE ? 0 : CB_EDB;
  db_reset(w->st);
}
static void tally_node_kept(void *node) { (void)node; } /* the tallies live in the arena */

/* Write every tally as a row of `target` (db_prepare_rows: its columns as tally_write_one binds them). 0 or
   CB_EDB. */
static int tally_write(Db *db, const Tallies *ts, const char *target, bool women) {
  DbStmt *st = db_prepare_rows(db, target);
  TallyWrite w = {st, women, st ? 0 : CB_EDB};
  if (st) twalk_r(ts->root, tally_write_one, &w);
  db_finalize(st);
  return db_rows_end(db) || w.rc ? CB_EDB : 0;
}

/* A cadre's keys into the tally, as apply() adds them: each dimension, the birth as its age. */
static bool tally_keys(Tallies *ts, const Keys *k) {
  int w = strcmp(k->k[0], "F") == 0;
  for (int i = 0; i < NDIMS; i++)
    if (!tally_add(ts, k->unit_id, i == 1 ? "age" : DIMS[i], i == 1 ? k->age : k->k[i], w)) return false;
  return true;
}

/* Every cadre counted into cadre_counted (rows streamed: db_prepare_rows) and the tally; 0 or CB_EDB. */
static int rebuild_rows(Db *db, const char *date, Tallies *ts) {
  DbStmt *st = db_prepare(db, CONTRIB_SELECT CONTRIB_JOIN);
  DbStmt *ins = db_prepare_rows(db, "cadre_counted(cadre_id, unit_id, gender, birth, ethnicity, religion, party, "
                                    "degree, llct, qlnn, category, age)");
  if (!st || !ins) {
    db_finalize(st);
    db_finalize(ins);
    return CB_EDB;
  }
  db_bind_text(st, 1, date);
  int rc = DB_ROW;
  while (rc == DB_ROW && (rc = db_step(st)) == DB_ROW) {
    Keys k;
    if (!keys_of(st, date, &k)) continue;
    if (!tally_keys(ts, &k)) {
      rc = CB_EDB;
      break;
    }
    db_bind_int(ins, 1, db_int(st, 0));
    db_bind_int(ins, 2, k.unit_id);
    for (int i = 0; i < NDIMS; i++) db_bind_text(ins, 3 + i, k.k[i]);
    db_bind_text(ins, 3 + NDIMS, k.age);
    if (db_step(ins) != DB_DONE) {
      rc = CB_EDB;
      break;
    }
    db_reset(ins);
  }
  db_finalize(st);
  db_finalize(ins);
  return db_rows_end(db) || rc != DB_DONE ? CB_EDB : 0;
}

int counters_rebuild(Db *db, const char *date) {
  if (db_exec(db, "DELETE FROM unit_counts; DELETE FROM cadre_counted; DELETE FROM counters_dirty")) return CB_EDB;
  Tallies ts = {.a = arena_new()};
  if (!ts.a) return CB_EDB;
  int rc = rebuild_rows(db, date, &ts);
  if (!rc)
    rc = tally_write(db, &ts, "unit_counts(unit_id, dim, key, n, women)", true);
  tdestroy(ts.root, tally_node_kept);
  arena_free(ts.a);
  if (rc) return rc;
  DbStmt *st = db_prepare(db, "UPDATE counters_state SET as_of = ? WHERE id = 1");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, date);
  return db_run(st) ? CB_EDB : 0;
}

/* What eval_counts holds when right: the live ratings of live cadres by their unit (schema 0037). */
#define EVAL_RECOUNT                                                                                           \
  "SELECT c.unit_id, e.year, e.rating, count(*) AS n FROM evaluation_records e JOIN cadre_records c ON c.id = e.cadre_id " \
  "WHERE e.voided_at IS NULL AND c.voided_at IS NULL GROUP BY c.unit_id, e.year, e.rating"

/* The live trainings with the year they started in (schema 0038: a start date within its first four
   characters' '-01-01'..'-12-31', the annual report's BETWEEN test). */
#define TRAINING_YEARS                                                                                          \
  "(SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL " \
  "AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31')"
/* What train_counts holds when right (schema 0038): per unit, year and program, and '*' = distinct cadres. */
#define TRAIN_RECOUNT                                                                                          \
  "SELECT c.unit_id, t.year, t.program, count(*) AS n FROM " TRAINING_YEARS " t JOIN cadre_records c ON c.id = t.cadre_id " \
  "WHERE c.voided_at IS NULL GROUP BY c.unit_id, t.year, t.program UNION ALL "                                 \
  "SELECT c.unit_id, t.year, '*', count(DISTINCT t.cadre_id) FROM " TRAINING_YEARS " t JOIN cadre_records c ON c.id = t.cadre_id " \
  "WHERE c.voided_at IS NULL GROUP BY c.unit_id, t.year"

/* What home_counts holds when right (schemas 0039, 0049): the live cadres per current unit by gender, llct level
   ('' for none), birth month (a partial 'YYYY' as 'YYYY-01') and birth year. */
#define HOME_BIRTH_MONTH "CASE length(birth_date) WHEN 4 THEN birth_date || '-01' ELSE substr(birth_date, 1, 7) END"
#define HOME_RECOUNT                                                                                           \
  "SELECT unit_id, 'gender' AS dim, gender AS key, count(*) AS n FROM cadre_records WHERE voided_at IS NULL "  \
  "GROUP BY unit_id, gender UNION ALL SELECT unit_id, 'llct', coalesce(llct_level, ''), count(*) FROM "        \
  "cadre_records WHERE voided_at IS NULL GROUP BY unit_id, coalesce(llct_level, '') UNION ALL SELECT unit_id, " \
  "'birth_month', " HOME_BIRTH_MONTH ", count(*) FROM cadre_records WHERE voided_at IS NULL GROUP BY unit_id, " \
  HOME_BIRTH_MONTH " UNION ALL SELECT unit_id, 'birth_year', substr(birth_date, 1, 4), count(*) FROM "          \
  "cadre_records WHERE voided_at IS NULL GROUP BY unit_id, substr(birth_date, 1, 4)"

/*
** train_counts rebuilt in one read of the live cadres' trainings, cadre by cadre (the cadres in their table's order,
** each one's trainings by trainings_cadre), tallied by (unit, year, program); a cadre's distinct years give the '*'
** rows. TRAIN_RECOUNT stays the definition `canbo reindex --check` compares with. 0 or CB_EDB.
*/
static int train_tally_read(Db *db, Tallies *ts) {
  DbStmt *st = db_prepare(db, "SELECT c.id, c.unit_id, substr(t.start_date, 1, 4), t.program FROM cadre_records c "
                              "CROSS JOIN training_records t ON t.cadre_id = c.id WHERE +c.voided_at IS NULL "
                              "AND t.voided_at IS NULL AND t.start_date BETWEEN substr(t.start_date, 1, 4) || '-01-01' "
                              "AND substr(t.start_date, 1, 4) || '-12-31' ORDER BY c.id");
  if (!st) return CB_EDB;
  long long cadre = -1;
  int nseen = 0, cap = 16, rc;
  const char **seen = arena_alloc(ts->a, sizeof *seen * (size_t)cap); /* the current cadre's distinct years so far */
  while ((rc = db_step(st)) == DB_ROW) {
    long long id = db_int(st, 0), unit_id = db_int(st, 1);
    const char *year = db_text(st, 2) ? db_text(st, 2) : "", *program = db_text(st, 3) ? db_text(st, 3) : "";
    if (id != cadre) cadre = id, nseen = 0;
    const Tally *t = tally_add(ts, unit_id, year, program, 0);
    if (!t) break;
    int k = 0;
    while (k < nseen && strcmp(seen[k], year) != 0) k++;
    if (k < nseen) continue;
    if (nseen == cap) {
      const char **w = arena_alloc(ts->a, sizeof *w * (size_t)cap * 2);
      memcpy(w, seen, sizeof *w * (size_t)nseen);
      seen = w, cap *= 2;
    }
    seen[nseen++] = t->x; /* the tally's own copy, whole (a year of four characters may be more bytes) */
    if (!tally_add(ts, unit_id, year, "*", 0)) break;
  }
  db_finalize(st);
  return rc == DB_DONE ? 0 : CB_EDB;
}

static int rebuild_train_counts(Db *db) {
  Tallies ts = {.a = arena_new()};
  if (!ts.a) return CB_EDB;
  int rc = db_exec(db, "DELETE FROM train_counts") ? CB_EDB : train_tally_read(db, &ts);
  if (!rc)
    rc = tally_write(db, &ts, "train_counts(unit_id, year, program, n)", false);
  tdestroy(ts.root, tally_node_kept);
  arena_free(ts.a);
  return rc;
}

int counters_rebuild_counts(Db *db) {
  if (db_exec(db, "DELETE FROM eval_counts; INSERT INTO eval_counts(unit_id, year, rating, n) " EVAL_RECOUNT ";"
                  "DELETE FROM home_counts; INSERT INTO home_counts(unit_id, dim, key, n) " HOME_RECOUNT))
    return CB_EDB;
  return rebuild_train_counts(db);
}

/* SQLite's count triggers (schemas 0037-0039) test paused in their WHEN clause. On PostgreSQL a trigger that only
   looks at paused still costs a PL/pgSQL call per row (canbo copy of 100,000 cadres 45 s -> 127 s), so they are
   also switched off there, by an ALTER TABLE of the load's own transaction (canbo owns its tables), and so are
   the triggers noting touched cadres in counters_dirty (schema 0030; 35 us a row, a fifth of an import of
   20,000 cadres): resuming recounts every counter anyway. On SQLite those stay: a note costs ~1 us there. */
/* The count and note triggers switched by `verb` (ENABLE or DISABLE), table by table. */
#define COUNT_TRIGGERS(verb)                                                                                   \
  "ALTER TABLE evaluation_records " verb " TRIGGER eval_counts_ai, " verb " TRIGGER eval_counts_au, " verb     \
  " TRIGGER eval_counts_ad; ALTER TABLE training_records " verb " TRIGGER train_counts_ai, " verb               \
  " TRIGGER train_counts_au, " verb " TRIGGER train_counts_ad; ALTER TABLE cadre_records " verb                 \
  " TRIGGER eval_counts_cadre_ai, " verb " TRIGGER eval_counts_cadre_au, " verb " TRIGGER eval_counts_cadre_ad, " \
  verb " TRIGGER train_counts_cadre_ai, " verb " TRIGGER train_counts_cadre_au, " verb " TRIGGER train_counts_cadre_ad, " \
  verb " TRIGGER home_counts_ai, " verb " TRIGGER home_counts_au, " verb " TRIGGER home_counts_ad, "            \
  verb " TRIGGER counters_cadre_ai, " verb " TRIGGER counters_cadre_au, " verb " TRIGGER counters_cadre_ad; "   \
  "ALTER TABLE position_records " verb " TRIGGER counters_position_ai, " verb " TRIGGER counters_position_au, "  \
  verb " TRIGGER counters_position_ad; ALTER TABLE cadre_values " verb " TRIGGER counters_value_ai, " verb       \
  " TRIGGER counters_value_au, " verb " TRIGGER counters_value_ad; ALTER TABLE titles " verb                    \
  " TRIGGER counters_title_au"

int counters_pause(Db *db, bool on) {
  bool pg = strcmp(db_engine_name(db), "postgresql") == 0;
  if (on) {
    if (db_exec(db, "UPDATE counters_state SET paused = 1 WHERE id = 1")) return CB_EDB;
    return pg && db_exec(db, COUNT_TRIGGERS("DISABLE")) ? CB_EDB : 0;
  }
  if (db_exec(db, "UPDATE counters_state SET paused = 0 WHERE id = 1")) return CB_EDB;
  if (pg && db_exec(db, COUNT_TRIGGERS("ENABLE"))) return CB_EDB;
  char today[11];
  date_iso(date_today(), today);
  return counters_rebuild(db, today) ? CB_EDB : counters_rebuild_counts(db);
}

/* The first (unit, A, B) where a count table (columns unit_id, A, B, n) differs from its recount. */
#define FIRST_DIFFERENCE(table, A, B, recount)                                                                 \
  "SELECT d.unit_id, d." A ", d." B ", sum(d.n), sum(d.r) FROM (SELECT unit_id, " A ", " B ", n, 0 AS r FROM "   \
  table " UNION ALL SELECT x.unit_id, x." A ", x." B ", 0, x.n FROM (" recount ") x) d "                         \
  "GROUP BY d.unit_id, d." A ", d." B " HAVING sum(d.n) <> sum(d.r) ORDER BY d.unit_id, d." A ", d." B " LIMIT 1"

/* Run a FIRST_DIFFERENCE query: a difference into why ("WHAT of unit U in Y, K: ..."); 0, CB_EINVAL, CB_EDB. */
static int first_difference(DbStmt *st, const char *what, char *why, size_t cap) {
  if (!st) return CB_EDB;
  int rc = db_step(st);
  if (rc == DB_ROW)
    snprintf(why, cap, "%s of unit %s in %s, %s: %s counted, %s by a recount", what, db_text(st, 0), db_text(st, 1),
             db_text(st, 2), db_text(st, 3), db_text(st, 4));
  db_finalize(st);
  return rc == DB_ROW ? CB_EINVAL : rc == DB_DONE ? 0 : CB_EDB;
}

/*
** unit_counts' exact ages against the counted cadres' birth dates on counters_state.as_of (full years; the day
** turn moves them, counters_flush): the structure compares age brackets only, so an age wrong inside its bracket
** is seen here. Each counted cadre's unit and birth are checked by the structure's comparison.
*/
#define AGE_COUNTS "(SELECT unit_id, dim, key, n FROM unit_counts WHERE dim = 'age' AND n <> 0) ua"
#define AGE_RECOUNT                                                                                            \
  "SELECT unit_id, 'age' AS dim, a AS key, count(*) AS n FROM (SELECT unit_id, " AGE_ON("s.as_of") " AS a FROM "  \
  "cadre_counted JOIN counters_state s ON s.id = 1 WHERE age <> '') x GROUP BY unit_id, a"

/* eval_counts, train_counts, home_counts and the ages against a recount: the first row that differs into why; 0,
   CB_EINVAL, CB_EDB. */
static int verify_count_tables(Db *db, char *why, size_t cap) {
  int rc = first_difference(db_prepare(db, FIRST_DIFFERENCE("eval_counts", "year", "rating", EVAL_RECOUNT)), "ratings",
                            why, cap);
  if (!rc)
    rc = first_difference(db_prepare(db, FIRST_DIFFERENCE("train_counts", "year", "program", TRAIN_RECOUNT)),
                          "trainings", why, cap);
  if (!rc)
    rc = first_difference(db_prepare(db, FIRST_DIFFERENCE("home_counts", "dim", "key", HOME_RECOUNT)), "cadres", why,
                          cap);
  if (!rc) rc = first_difference(db_prepare(db, FIRST_DIFFERENCE(AGE_COUNTS, "dim", "key", AGE_RECOUNT)), "ages", why, cap);
  return rc;
}

/*
** The cadres with a fact taking effect in (from, to]: a position starting or
** ending (its end day is the last day held), a dated value, a party admission
** or a birth (partial dates padded to the 1st: matched as strings by
** length). They go to counters_dirty.
*/
static int note_day_facts(Db *db, const char *from, const char *to) {
  DbStmt *st = db_prepare(
      db, "INSERT INTO counters_dirty(cadre_id) "
          "SELECT cadre_id FROM position_records WHERE start_date > ?1 AND start_date <= ?2 "
          "UNION SELECT cadre_id FROM position_records WHERE end_date >= ?1 AND end_date < ?2 "
          "UNION SELECT cadre_id FROM cadre_values WHERE valid_from > ?1 AND valid_from <= ?2 "
          "UNION SELECT id FROM cadre_records WHERE party_join_date > ?1 AND party_join_date <= ?2 "
          "UNION SELECT id FROM cadre_records WHERE party_join_date >= substr(?1, 1, 7) AND party_join_date <= substr(?2, 1, 7) AND length(party_join_date) = 7 "
          "UNION SELECT id FROM cadre_records WHERE party_join_date >= substr(?1, 1, 4) AND party_join_date <= substr(?2, 1, 4) AND length(party_join_date) = 4 "
          "UNION SELECT id FROM cadre_records WHERE birth_date > ?1 AND birth_date <= ?2 "
          "UNION SELECT id FROM cadre_records WHERE birth_date >= substr(?1, 1, 7) AND birth_date <= substr(?2, 1, 7) AND length(birth_date) = 7 "
          "UNION SELECT id FROM cadre_records WHERE birth_date >= substr(?1, 1, 4) AND birth_date <= substr(?2, 1, 4) AND length(birth_date) = 4 "
          "ON CONFLICT DO NOTHING");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, from);
  db_bind_text(st, 2, to);
  return db_run(st) ? CB_EDB : 0;
}

/* In (unit, age) groups of the cadres whose birthday month-day is in (?1, ?2] and whose counted age is not their
   age on ?3: SIGN of them at the age they were counted at (KEY = age) or at their age on ?3 (KEY = AGE_SQL). */
#define MOVED_AGES(SIGN, KEY)                                                                                   \
  "INSERT INTO unit_counts(unit_id, dim, key, n, women) SELECT unit_id, 'age', a, " SIGN "count(*), " SIGN      \
  "sum(w) FROM (SELECT unit_id, " KEY " AS a, CASE WHEN gender = 'F' THEN 1 ELSE 0 END AS w FROM cadre_counted " \
  "WHERE substr(birth, 6, 5) > ?1 AND substr(birth, 6, 5) <= ?2 AND age <> " AGE_SQL ") x GROUP BY unit_id, a "  \
  "ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = unit_counts.n + excluded.n, women = unit_counts.women + "    \
  "excluded.women"

/* The cadres born on a month-day in (lo, hi] ('MM-DD') move to their age on `to`; see move_ages. */
static int move_ages_between(Db *db, const char *lo, const char *hi, const char *to) {
  DbStmt *st[3] = {db_prepare(db, MOVED_AGES("-", "age")), db_prepare(db, MOVED_AGES("", AGE_SQL)),
                   db_prepare(db, "UPDATE cadre_counted SET age = " AGE_SQL " WHERE substr(birth, 6, 5) > ?1 AND "
                                  "substr(birth, 6, 5) <= ?2 AND age <> " AGE_SQL)};
  int rc = 0;
  for (int i = 0; i < 3; i++) {
    if (!st[i]) rc = CB_EDB;
    if (rc) {
      db_finalize(st[i]);
      continue;
    }
    db_bind_text(st[i], 1, lo);
    db_bind_text(st[i], 2, hi);
    db_bind_text(st[i], 3, to);
    rc = db_run(st[i]) ? CB_EDB : 0;
  }
  return rc;
}

/*
** Catching up the day from `from` to `to` (ISO): the cadres whose birthday came in (from, to] are a year older.
** Their counted age moves (subtracted, added, remembered), set by set: a birthday changes nothing else. Across
** New Year's Day the month-days are two stretches; a year or more moves everyone. 0 or CB_EDB.
*/
static int move_ages(Db *db, const char *from, const char *to) {
  char lo[6], hi[6];
  snprintf(lo, sizeof lo, "%.5s", from + 5);
  snprintf(hi, sizeof hi, "%.5s", to + 5);
  int years = atoi(to) - atoi(from);
  if (years > 1 || (years == 1 && strcmp(hi, lo) >= 0)) return move_ages_between(db, "", "99-99", to);
  if (years == 1) return move_ages_between(db, lo, "99-99", to) || move_ages_between(db, "", hi, to) ? CB_EDB : 0;
  return move_ages_between(db, lo, hi, to);
}

/* as_of into out (empty when not built). 0, CB_ENOTFOUND (no counters table: an old schema), CB_EDB. */
static int read_as_of(Db *db, char out[11]) {
  out[0] = 0;
  DbStmt *st = db_prepare(db, "SELECT as_of FROM counters_state WHERE id = 1");
  if (!st) return CB_ENOTFOUND;
  int rc = db_step(st);
  if (rc == DB_ROW && db_text(st, 0)) snprintf(out, 11, "%s", db_text(st, 0));
  db_finalize(st);
  return rc == DB_ROW || rc == DB_DONE ? 0 : CB_EDB;
}

/* How many cadres are counted (a quarter of them dirty: rebuilding is cheaper than recounting each). */
static long long counted_rows(Db *db) {
  DbStmt *st = db_prepare(db, "SELECT count(*) FROM cadre_counted");
  long long n = st && db_step(st) == DB_ROW ? db_int(st, 0) : 0;
  db_finalize(st);
  return n;
}

int counters_flush(Db *db) {
  char as_of[11], today[11];
  if (read_as_of(db, as_of)) return 0; /* not this schema (before migration 30): nothing to keep */
  date_iso(date_today(), today);
  if (!as_of[0] || strcmp(as_of, today) > 0) return counters_rebuild(db, today);
  if (strcmp(as_of, today) < 0 && (move_ages(db, as_of, today) || note_day_facts(db, as_of, today))) return CB_EDB;
  DbStmt *st = db_prepare(db, "SELECT count(*) FROM counters_dirty");
  if (!st) return CB_EDB;
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  if (n < 0) return CB_EDB;
  if (n > REBUILD_OVER || (n > REBUILD_SHARE_FROM && n * 4 > counted_rows(db))) return counters_rebuild(db, today);
  if (n > 0) {
    st = db_prepare(db, "SELECT cadre_id FROM counters_dirty ORDER BY cadre_id");
    if (!st) return CB_EDB;
    long long *ids = malloc(sizeof(long long) * (size_t)n);
    long long k = 0;
    while (ids && k < n && db_step(st) == DB_ROW) ids[k++] = db_int(st, 0);
    db_finalize(st);
    Arena *a = arena_new();
    /* batched: the counters' writes are never read back here, and a failure fails the commit anyway */
    int rc = ids && a ? db_batch(db, true) : CB_EDB;
    for (long long i = 0; i < k && !rc; i++) rc = recount_one(db, a, ids[i], today);
    if (db_batch(db, false) && !rc) rc = CB_EDB;
    free(ids);
    arena_free(a);
    if (rc || db_exec(db, "DELETE FROM counters_dirty")) return CB_EDB;
  }
  if (strcmp(as_of, today) == 0) return 0;
  st = db_prepare(db, "UPDATE counters_state SET as_of = ? WHERE id = 1");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, today);
  return db_run(st) ? CB_EDB : 0;
}

void counters_keep_current(Db *db) {
  static __thread char checked[11];
  char today[11], as_of[11];
  date_iso(date_today(), today);
  if (strcmp(checked, today) == 0) return;
  if (read_as_of(db, as_of) == 0 && strcmp(as_of, today) != 0) {
    if (db_begin(db) == 0 && db_commit(db) != 0) db_rollback(db); /* the commit hook catches up */
    if (read_as_of(db, as_of) != 0 || strcmp(as_of, today) != 0) return; /* busy: try on the next request */
  }
  memcpy(checked, today, sizeof checked);
}

int counters_read(Db *db, Arena *a, Scope scope, const char *subtree, const char *date, CountRow **out, int *n) {
  *out = NULL;
  *n = 0;
  char as_of[11];
  int rc = read_as_of(db, as_of);
  if (rc) return rc;
  if (!as_of[0] || !date || strcmp(as_of, date) != 0) return CB_ENOTFOUND;
  DbStmt *st = db_prepare(db, "SELECT 1 FROM counters_dirty LIMIT 1");
  if (!st) return CB_EDB;
  rc = db_step(st);
  db_finalize(st);
  if (rc == DB_ROW) return CB_ENOTFOUND; /* a write of this connection's open transaction is not flushed yet */
  /* per unit of the scope, by the primary key */
  st = db_prepare(db, DB_ONE_PLAN "SELECT uc.unit_id, u.path, u.level, uc.dim, uc.key, uc.n, uc.women FROM units u "
                      "CROSS JOIN unit_counts uc ON uc.unit_id = u.id WHERE uc.n <> 0 "
                      "AND (?1 IS NULL OR (u.path >= ?1 AND u.path < substr(?1, 1, length(?1) - 1) || '0')) "
                      "AND (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) "
                      "AND uc.dim IN ('gender', 'age', 'ethnicity', 'religion', 'party', 'degree', 'llct', 'qlnn', "
                      "'category')");
  if (!st) return CB_EDB;
  scope_bind(st, 1, scope);
  db_bind_text(st, 2, subtree);
  int cap = 256, k = 0;
  CountRow *v = arena_alloc(a, sizeof(CountRow) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (k == cap) {
      CountRow *w = arena_alloc(a, sizeof(CountRow) * (size_t)cap * 2);
      memcpy(w, v, sizeof(CountRow) * (size_t)k);
      v = w, cap *= 2;
    }
    CountRow *r = &v[k++];
    r->unit_id = db_int(st, 0);
    r->path = arena_strdup(a, db_text(st, 1));
    r->level = arena_strdup(a, db_text(st, 2));
    r->dim = arena_strdup(a, db_text(st, 3));
    r->key = arena_strdup(a, db_text(st, 4));
    r->n = db_int(st, 5);
    r->women = db_int(st, 6);
  }
  db_finalize(st);
  if (rc != DB_DONE) return CB_EDB;
  *out = v;
  *n = k;
  return 0;
}

int counters_unit_totals(Db *db, Arena *a, Scope scope, const char *date, UnitTotal **out, int *n) {
  CountRow *v;
  int nv;
  int rc = counters_read(db, a, scope, NULL, date, &v, &nv);
  if (rc) return rc;
  UnitTotal *t = arena_alloc(a, sizeof(UnitTotal) * (size_t)(nv ? nv : 1));
  int k = 0;
  for (int i = 0; i < nv; i++) {
    if (strcmp(v[i].dim, "gender") != 0) continue;
    int j = 0;
    while (j < k && t[j].unit_id != v[i].unit_id) j++;
    if (j == k) t[k++] = (UnitTotal){v[i].unit_id, 0};
    t[j].n += v[i].n;
  }
  *out = t;
  *n = k;
  return 0;
}

/* The first difference between two structures (totals, every bucket, every unit's tile), into why; true when equal.
   Ages are compared by bracket: an exact age wrong inside its bracket is not seen here. */
static bool same(const Structure *x, const Structure *y, const char *where, char *why, size_t cap) {
  if (x->total != y->total || x->women != y->women) {
    snprintf(why, cap, "%s: total %lld/%lld women %lld/%lld (counters/recount)", where, x->total, y->total, x->women,
             y->women);
    return false;
  }
  for (int d = 0; d < DIM_COUNT; d++) {
    const Dimension *p = &x->dim[d], *q = &y->dim[d];
    if (p->n != q->n) {
      snprintf(why, cap, "%s: %s has %d buckets, recount %d", where, p->key, p->n, q->n);
      return false;
    }
    for (int i = 0; i < p->n; i++)
      if (strcmp(p->v[i].key, q->v[i].key) != 0 || p->v[i].n != q->v[i].n || p->v[i].women != q->v[i].women) {
        snprintf(why, cap, "%s: %s[%s] %lld/%lld, recount [%s] %lld/%lld", where, p->key, p->v[i].key, p->v[i].n,
                 p->v[i].women, q->v[i].key, q->v[i].n, q->v[i].women);
        return false;
      }
  }
  if (x->ntiles != y->ntiles) {
    snprintf(why, cap, "%s: %d units in the tree, recount %d", where, x->ntiles, y->ntiles);
    return false;
  }
  for (int i = 0; i < x->ntiles; i++) {
    const UnitTile *p = &x->tiles[i], *q = &y->tiles[i];
    if (strcmp(p->unit.code, q->unit.code) != 0 || p->total != q->total || p->women != q->women || p->young != q->young) {
      snprintf(why, cap, "%s: unit %s %lld/%lld/%lld, recount %lld/%lld/%lld", where, p->unit.code, p->total, p->women,
               p->young, q->total, q->women, q->young);
      return false;
    }
  }
  return true;
}

int counters_verify(Db *db, Arena *a, char *why, size_t cap) {
  char as_of[11];
  int rc = read_as_of(db, as_of);
  if (rc) return rc;
  if (!as_of[0]) return CB_ENOTFOUND;
  CountRow *probe;
  int np;
  if ((rc = counters_read(db, a, scope_all(), NULL, as_of, &probe, &np))) { /* else the comparison would be recount with recount */
    snprintf(why, cap, "the counters cannot answer %s (changes not flushed)", as_of);
    return rc;
  }
  Unit *u;
  int nu;
  if ((rc = unit_list(db, a, scope_all(), &u, &nu))) return rc;
  for (int i = -1; i < nu; i++) {
    Structure x, y;
    const char *code = i < 0 ? NULL : u[i].code;
    if ((rc = structure_compute(db, a, scope_all(), code, as_of, &x))) return rc;
    if ((rc = structure_recount(db, a, scope_all(), code, as_of, &y))) return rc;
    if (!same(&x, &y, code ? code : "(all units)", why, cap)) return CB_EINVAL;
  }
  return verify_count_tables(db, why, cap);
}

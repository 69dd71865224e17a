/* Positions: work history (see position.h). */
#include "domain/position.h"
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "core/sort.h"

/* Statements of the insert path, prepared once per writer (see position.h). */
struct PositionWriter {
  DbStmt *cadre, *unit, *title, *insert;
};

PositionWriter *position_writer_new(Db *db) {
  PositionWriter *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->cadre = db_prepare(db, "SELECT id FROM cadres WHERE code = ?");
  w->unit = db_prepare(db, "SELECT id FROM units WHERE code = ?");
  w->title = db_prepare(db, "SELECT id FROM titles WHERE code = ?");
  w->insert = db_prepare(db, "INSERT INTO position_records(cadre_id, unit_id, title_id, start_date, end_date, decision_no, "
                             "concurrent) VALUES(?, ?, ?, ?, ?, ?, ?)");
  if (!w->cadre || !w->unit || !w->title || !w->insert) {
    position_writer_free(w);
    return NULL;
  }
  return w;
}

void position_writer_free(PositionWriter *w) {
  if (!w) return;
  db_finalize(w->cadre);
  db_finalize(w->unit);
  db_finalize(w->title);
  db_finalize(w->insert);
  free(w);
}

/* id of the row with `code` found by the prepared lookup st, CB_ENOTFOUND or CB_EDB. */
static long long id_of(DbStmt *st, const char *code) {
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  long long id = rc == DB_ROW ? db_int(st, 0) : rc < 0 ? CB_EDB : CB_ENOTFOUND;
  db_reset(st);
  return id;
}

int position_writer_insert(PositionWriter *w, Db *db, Arena *a, Position *p) {
  (void)a;
  long long cid = id_of(w->cadre, p->cadre_code);
  long long uid = id_of(w->unit, p->unit_code);
  long long tid = id_of(w->title, p->title_code);
  if (cid == CB_EDB || uid == CB_EDB || tid == CB_EDB) return CB_EDB;
  if (cid < 0 || uid < 0 || tid < 0) return CB_ENOTFOUND;
  DbStmt *st = w->insert;
  db_bind_int(st, 1, cid);
  db_bind_int(st, 2, uid);
  db_bind_int(st, 3, tid);
  db_bind_text(st, 4, p->start_date);
  db_bind_text(st, 5, p->end_date && *p->end_date ? p->end_date : NULL);
  db_bind_text(st, 6, p->decision_no && *p->decision_no ? p->decision_no : NULL);
  db_bind_int(st, 7, p->concurrent ? 1 : 0);
  int rc = db_step(st);
  db_reset(st);
  if (rc < 0) return rc;
  p->id = db_last_id(db);
  return 0;
}

int position_insert(Db *db, Arena *a, Position *p) {
  PositionWriter *w = position_writer_new(db);
  if (!w) return CB_EDB;
  int rc = position_writer_insert(w, db, a, p);
  position_writer_free(w);
  return rc;
}

DbStmt *position_stmt_for_cadre(Db *db, long long cadre_id) {
  DbStmt *st = db_prepare(db, "SELECT p.id, NULL, u.code, t.code, u.name, t.name, p.start_date, p.end_date, "
                              "p.decision_no, p.concurrent, p.version, t.rank FROM positions p "
                              "JOIN units u ON u.id = p.unit_id JOIN titles t ON t.id = p.title_id WHERE p.cadre_id = ?");
  if (st) db_bind_int(st, 1, cadre_id);
  return st;
}

int position_list_for_cadre(Db *db, Arena *a, long long cadre_id, Position **out, int *n) {
  return position_read(position_stmt_for_cadre(db, cadre_id), a, out, n);
}

/* Newest first: by start date (ISO text, byte order), then id, both descending. */
static int cmp_newest(const void *x, const void *y) {
  const Position *a = x, *b = y;
  int c = strcmp(b->start_date ? b->start_date : "", a->start_date ? a->start_date : "");
  return c ? c : (b->id > a->id) - (b->id < a->id);
}

int position_read(DbStmt *st, Arena *a, Position **out, int *n) {
  if (!st) return CB_EDB;
  int cap = 8, cnt = 0, rc;
  Position *v = arena_alloc(a, sizeof(Position) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      Position *w = arena_alloc(a, sizeof(Position) * (size_t)cap * 2);
      memcpy(w, v, sizeof(Position) * (size_t)cnt);
      v = w, cap *= 2;
    }
    Position *p = &v[cnt++];
    p->id = db_int(st, 0);
    p->cadre_code = arena_strdup(a, db_text(st, 1));
    p->unit_code = arena_strdup(a, db_text(st, 2));
    p->title_code = arena_strdup(a, db_text(st, 3));
    p->unit_name = arena_strdup(a, db_text(st, 4));
    p->title_name = arena_strdup(a, db_text(st, 5));
    p->start_date = arena_strdup(a, db_text(st, 6));
    p->end_date = arena_strdup(a, db_text(st, 7));
    p->decision_no = arena_strdup(a, db_text(st, 8));
    p->concurrent = (int)db_int(st, 9);
    p->version = db_int(st, 10);
    p->title_rank = db_int(st, 11);
  }
  db_finalize(st);
  cb_qsort(v, (size_t)cnt, sizeof *v, cmp_newest); /* a cadre's few posts: cheaper here than SQLite's sorter */
  *out = v;
  *n = cnt;
  return rc < 0 ? rc : 0;
}

/* Cadres: profile records and search (see cadre.h). */
#include "domain/cadre.h"
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "core/vi.h"
#include "core/buf.h"
#include "domain/cadre_dated.h"
#include "domain/cadre_fields.h"
#include "domain/unit.h"
#include <pthread.h>

typedef struct {
  const char *code, *label;
} Level;

static const Level LLCT[] = {{"so_cap", "Sơ cấp"}, {"trung_cap", "Trung cấp"}, {"cao_cap", "Cao cấp"}, {"cu_nhan", "Cử nhân"}};
static const Level QLNN[] = {{"can_su", "Cán sự"},
                             {"chuyen_vien", "Chuyên viên"},
                             {"chuyen_vien_chinh", "Chuyên viên chính"},
                             {"chuyen_vien_cao_cap", "Chuyên viên cao cấp"}};
static const Level DEGREE[] = {{"so_cap", "Sơ cấp"},   {"trung_cap", "Trung cấp"}, {"cao_dang", "Cao đẳng"},
                               {"dai_hoc", "Đại học"}, {"thac_si", "Thạc sĩ"},     {"tien_si", "Tiến sĩ"},
                               {"tien_si_khoa_hoc", "Tiến sĩ khoa học"}};
#define N(x) (int)(sizeof x / sizeof x[0])

/* 1-based position of v in the scale, 0 when absent. */
static int level_rank(const Level *l, int n, const char *v) {
  for (int i = 0; v && i < n; i++)
    if (strcmp(v, l[i].code) == 0) return i + 1;
  return 0;
}

bool cadre_llct_valid(const char *v) { return level_rank(LLCT, N(LLCT), v) > 0; }
bool cadre_qlnn_valid(const char *v) { return level_rank(QLNN, N(QLNN), v) > 0; }
bool cadre_degree_valid(const char *v) { return level_rank(DEGREE, N(DEGREE), v) > 0; }
/* cao cấp = cử nhân (REGULATIONS "Ordered levels"). */
int cadre_llct_rank(const char *v) {
  int r = level_rank(LLCT, N(LLCT), v);
  return r == 4 ? 3 : r;
}
int cadre_qlnn_rank(const char *v) { return level_rank(QLNN, N(QLNN), v); }
int cadre_degree_rank(const char *v) { return level_rank(DEGREE, N(DEGREE), v); }
const char *cadre_llct_label(const char *v) {
  int r = level_rank(LLCT, N(LLCT), v);
  return r ? LLCT[r - 1].label : "";
}
const char *cadre_qlnn_label(const char *v) {
  int r = level_rank(QLNN, N(QLNN), v);
  return r ? QLNN[r - 1].label : "";
}
const char *cadre_degree_label(const char *v) {
  int r = level_rank(DEGREE, N(DEGREE), v);
  return r ? DEGREE[r - 1].label : "";
}

static const char *nz(const char *s) { return s && *s ? s : NULL; }

/*
** What a bulk load suspends: every non-unique index of the tables the load writes (`tables`: their names, each
** between spaces) and, on SQLite, the trigger named `trigger` (NULL: none), which the load would otherwise update
** row by row (rebuilt once at the end: faster, packed fuller, and the same indexes, from the schema's own text).
** On PostgreSQL the search index is one of those indexes (GIN, schema pg/0001), so there is no trigger to drop;
** its catalog gives the indexes' text. *saved: the texts to re-create them, NULL when there is nothing to
** suspend. 0 or CB_EDB.
*/
static int index_suspend(Db *db, Arena *a, const char *tables, const char *trigger, const char **saved) {
  *saved = NULL;
  bool sqlite = strcmp(db_engine_name(db), "sqlite") == 0;
  DbStmt *st = sqlite ? db_prepare(db, "SELECT group_concat(sql, ';' || char(10)), "
                                       "group_concat('DROP ' || type || ' IF EXISTS \"' || name || '\"', '; ') "
                                       "FROM sqlite_master WHERE (type = 'trigger' AND name = ?2) OR "
                                       "(type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' "
                                       "AND instr(?1, ' ' || tbl_name || ' ') > 0)")
                      : db_prepare(db, "SELECT string_agg(indexdef, ';' || chr(10)), "
                                       "string_agg('DROP INDEX IF EXISTS ' || quote_ident(indexname), '; ') "
                                       "FROM pg_indexes WHERE schemaname = current_schema() "
                                       "AND indexdef NOT LIKE 'CREATE UNIQUE%' AND strpos(?1, ' ' || tablename || ' ') > 0");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, tables);
  if (sqlite) db_bind_text(st, 2, trigger);
  const char *drop = NULL;
  if (db_step(st) == DB_ROW && db_text(st, 0) && db_text(st, 1))
    *saved = arena_strdup(a, db_text(st, 0)), drop = arena_strdup(a, db_text(st, 1));
  db_finalize(st);
  if (!*saved) return 0;
  return db_exec_trusted(db, drop); /* names read from the schema just now */
}

int cadre_index_suspend(Db *db, Arena *a, const char *tables, const char **saved) {
  return index_suspend(db, a, tables, "cadres_fts_ai", saved);
}

int table_index_suspend(Db *db, Arena *a, const char *tables, const char **saved) {
  return index_suspend(db, a, tables, NULL, saved);
}

int table_index_resume(Db *db, const char *saved) {
  if (!saved) return 0;
  int rc = db_index_build(db, true);
  if (!rc) rc = db_exec_trusted(db, saved); /* the schema's own index texts, read by table_index_suspend */
  int rc2 = db_index_build(db, false);
  return rc ? rc : rc2;
}

long long cadre_count(Db *db) {
  DbStmt *st = db_prepare(db, "SELECT count(*) FROM cadres");
  if (!st) return CB_EDB;
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : CB_EDB;
  db_finalize(st);
  return n;
}

int cadre_index_resume(Db *db, const char *saved) {
  if (!saved) return 0;
  if (strcmp(db_engine_name(db), "sqlite") == 0 && db_exec(db, "INSERT INTO cadre_fts(cadre_fts) VALUES('rebuild')") != 0)
    return CB_EDB;
  return table_index_resume(db, saved); /* the trigger and the indexes */
}

/* The derived name columns of a record (schema 0001: sort_name, sort_key, search_key). */
typedef struct {
  const char *sort_name, *search_key;
  unsigned char *sort_key;
  int sort_key_len;
} NameKeys;

/* Squeeze c->full_name, split it into c's family/middle/given names and compute the keys. 0 or CB_EINVAL. */
static int name_keys(Db *db, Arena *a, Cadre *c, NameKeys *k) {
  char *family, *middle, *given;
  c->full_name = vi_squeeze(a, c->full_name);
  vi_split_name(a, c->full_name, &family, &middle, &given);
  c->family_name = family, c->middle_name = middle, c->given_name = given;
  char *fold_name = vi_fold(a, c->full_name), *fold_code = vi_fold(a, c->code);
  if (!fold_name || !fold_code) return CB_EINVAL;
  k->search_key = vi_words(a, arena_printf(a, "%s %s", fold_name, fold_code));
  k->sort_name = vi_name_key(a, given, middle, family);
  k->sort_key = vi_name_sort_key(db_collator(db), a, given, middle, family, &k->sort_key_len);
  return k->sort_key ? 0 : CB_EINVAL;
}

int cadre_rename(Db *db, Arena *a, long long id, const char *code, const char *full_name) {
  Cadre c = {.code = code, .full_name = full_name};
  NameKeys k;
  if (name_keys(db, a, &c, &k) != 0) return CB_EINVAL;
  DbStmt *st = db_prepare(db, "UPDATE cadre_records SET full_name = ?, family_name = ?, middle_name = ?, given_name = ?, "
                              "sort_name = ?, search_key = ?, sort_key = ? WHERE id = ?");
  if (!st) return CB_EDB;
  const char *vals[] = {c.full_name, c.family_name, c.middle_name, c.given_name, k.sort_name, k.search_key};
  for (int i = 0; i < 6; i++) db_bind_text(st, i + 1, vals[i]);
  db_bind_blob(st, 7, k.sort_key, k.sort_key_len);
  db_bind_int(st, 8, id);
  return db_run(st);
}

#define UNIT_MEMO 1024 /* slots of the units a writer remembers as it looks them up: up to 512 (a city has ~50) */

/* The columns a new record is written with (cadre_writer_insert). */
#define CADRE_ROW_COLS                                                                                    \
  "code, full_name, family_name, middle_name, given_name, sort_name, search_key, gender, birth_date, unit_id, " \
  "hometown, birthplace, ethnicity, religion, party_join_date, party_official_date, education, degree, major, "  \
  "llct_level, qlnn_level, notes, sort_key, created_at, updated_at"

/* Statements of the insert path, prepared once per writer (see cadre.h). */
struct CadreWriter {
  Db *db;
  DbStmt *unit, *insert, *history;
  DbStmt *rows;               /* cadre_writer_stream: the rows streamed (db_prepare_rows); NULL: inserted one by one */
  char now[32];               /* cadre_writer_stream: the records' created_at and updated_at */
  char **codes;               /* cadre_writer_stream: the codes whose history rows cadre_writer_end writes */
  size_t ncodes, capcodes;
  const char *actor, *source; /* who creates the records (history rows); actor NULL: no history rows */
  char *reason;               /* the history rows' reason (cadre_writer_set_reason), owned; NULL: none */
  bool no_ids;                /* cadre_writer_without_ids: c->id is not read back */
  /* unit code -> id (units do not change during one load): open addressing in `cap` slots (a power of two; 0
     until the first lookup), filled as looked up up to half of them, or all at once by units_preload */
  struct UnitSlot {
    char *code;
    long long id;
  } *units;
  size_t cap, used;
  bool all_units; /* units_preload: every unit is in the memo; one not there does not exist */
};

void cadre_writer_set_origin(CadreWriter *w, const char *actor, const char *source) {
  w->actor = actor, w->source = source;
}

void cadre_writer_without_ids(CadreWriter *w) { w->no_ids = true; }

void cadre_writer_set_reason(CadreWriter *w, const char *reason) {
  free(w->reason);
  w->reason = reason ? strdup(reason) : NULL;
}

CadreWriter *cadre_writer_new(Db *db) {
  CadreWriter *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->db = db;
  w->actor = "import", w->source = "import";
  /* the record's first history row finds its record by code (unique): no id needs reading back */
  w->history = db_prepare(db, "INSERT INTO record_history(cadre_id, entity, entity_id, action, new, source, at, actor, "
                              "reason) SELECT id, 'cadre', id, 'create', ?1, ?2, now_utc(), ?3, ?4 FROM cadre_records "
                              "WHERE code = ?1");
  w->unit = db_prepare(db, "SELECT id FROM units WHERE code = ?");
  w->insert = db_prepare(db,
                         "INSERT INTO cadre_records(" CADRE_ROW_COLS ") "
                         "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, now_utc(), now_utc())");
  if (!w->unit || !w->insert || !w->history) {
    cadre_writer_free(w);
    return NULL;
  }
  return w;
}

/* The memo's slot of unit `code`: the one holding it (*found), else the free one it would take. The memo is never
   more than half full, so there is always a free slot. */
static size_t unit_slot(const CadreWriter *w, const char *code, bool *found) {
  size_t slot = cb_str_hash(code) & (w->cap - 1);
  while (w->units[slot].code && strcmp(w->units[slot].code, code) != 0) slot = (slot + 1) & (w->cap - 1);
  *found = w->units[slot].code != NULL;
  return slot;
}

/* A memo of `cap` slots (a power of two), empty. 0 or CB_EDB. */
static int units_memo_new(CadreWriter *w, size_t cap) {
  for (size_t i = 0; i < w->cap; i++) free(w->units[i].code);
  free(w->units);
  w->units = calloc(cap, sizeof *w->units);
  w->cap = w->units ? cap : 0, w->used = 0;
  return w->units ? 0 : CB_EDB;
}

/* Remember unit `code` as `id`: true when it is in the memo now (false once the memo is half full). */
static bool unit_remember(CadreWriter *w, const char *code, long long id) {
  if ((!w->cap && units_memo_new(w, UNIT_MEMO)) || w->used * 2 >= w->cap) return false;
  bool found;
  size_t slot = unit_slot(w, code, &found);
  if (!found && (w->units[slot].code = strdup(code))) w->units[slot].id = id, w->used++;
  return w->units[slot].code != NULL;
}

/* The id of the unit with `code`, remembered by the writer (once the memo is half full, the rest are looked up
   each time; after units_preload, never): > 0, or CB_ENOTFOUND / CB_EDB. */
static long long writer_unit(CadreWriter *w, const char *code) {
  bool found = false;
  size_t slot = w->cap ? unit_slot(w, code, &found) : 0;
  if (found) return w->units[slot].id;
  if (w->all_units) return CB_ENOTFOUND;
  DbStmt *st = w->unit;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  long long id = rc == DB_ROW ? db_int(st, 0) : 0;
  db_reset(st);
  if (rc != DB_ROW) return rc < 0 ? rc : CB_ENOTFOUND;
  unit_remember(w, code, id);
  return id;
}

/* Every unit remembered at once, however many, so that no lookup interrupts the streamed rows (a statement ends the
   COPY in progress, and would be the one to report an error of the rows before it). 0 or CB_EDB. */
static int units_preload(CadreWriter *w) {
  DbStmt *st = db_prepare(w->db, "SELECT count(*) FROM units");
  int rc = st ? db_step(st) : CB_EDB;
  size_t cap = UNIT_MEMO, n = rc == DB_ROW ? (size_t)db_int(st, 0) : 0;
  while (cap < n * 2 + 2) cap *= 2;
  db_finalize(st);
  if (rc < 0 || units_memo_new(w, cap)) return CB_EDB;
  st = db_prepare(w->db, "SELECT code, id FROM units");
  bool all = st != NULL; /* every unit stored (a unit added since the count may not fit: then looked up) */
  while (st && (rc = db_step(st)) == DB_ROW) all = unit_remember(w, db_text(st, 0), db_int(st, 1)) && all;
  db_finalize(st);
  if (!st || rc != DB_DONE) return CB_EDB;
  w->all_units = all;
  return 0;
}

int cadre_writer_stream(CadreWriter *w) {
  DbStmt *st = db_prepare(w->db, "SELECT now_utc()");
  int rc = st && db_step(st) == DB_ROW && db_text(st, 0) ? 0 : CB_EDB;
  if (rc == 0) snprintf(w->now, sizeof w->now, "%s", db_text(st, 0));
  db_finalize(st);
  if (rc == 0) rc = units_preload(w);
  if (rc == 0 && !(w->rows = db_prepare_rows(w->db, "cadre_records(" CADRE_ROW_COLS ")"))) rc = CB_EDB;
  if (rc == 0) w->no_ids = true;
  return rc;
}

/* The history rows of the streamed records (codes), CHUNK codes to a statement, in the order of their ids. */
static int stream_history(CadreWriter *w) {
  enum { CHUNK = 256 };
  int rc = 0;
  for (size_t at = 0; rc == 0 && at < w->ncodes; at += CHUNK) {
    int n = w->ncodes - at < CHUNK ? (int)(w->ncodes - at) : CHUNK;
    Arena *a = arena_new();
    DbStmt *st = db_prepare_trusted(
        w->db, arena_printf(a, "INSERT INTO record_history(cadre_id, entity, entity_id, action, new, source, at, actor, "
                               "reason) SELECT id, 'cadre', id, 'create', code, ?1, now_utc(), ?2, ?3 FROM cadre_records "
                               "WHERE code IN (%s) ORDER BY id",
                            db_in_params(a, 4, n)));
    if (st) {
      db_bind_text(st, 1, w->source);
      db_bind_text(st, 2, w->actor);
      db_bind_text(st, 3, w->reason);
      for (int i = 0; i < n; i++) db_bind_text(st, 4 + i, w->codes[at + (size_t)i]);
    }
    rc = db_run(st);
    arena_free(a);
  }
  return rc;
}

int cadre_writer_end(CadreWriter *w) {
  if (!w) return 0;
  int rc = w->rows ? db_rows_end(w->db) : 0;
  if (rc == 0) rc = stream_history(w);
  cadre_writer_free(w);
  return rc;
}

void cadre_writer_free(CadreWriter *w) {
  if (!w) return;
  db_finalize(w->unit);
  db_finalize(w->insert);
  db_finalize(w->history);
  db_finalize(w->rows);
  for (size_t i = 0; i < w->ncodes; i++) free(w->codes[i]);
  free(w->codes);
  for (size_t i = 0; i < w->cap; i++) free(w->units[i].code);
  free(w->units);
  free(w->reason);
  free(w);
}

/* A streamed record's code, for its history row (cadre_writer_end). 0 or CB_EDB. */
static int remember_code(CadreWriter *w, const char *code) {
  if (w->ncodes == w->capcodes) {
    size_t cap = w->capcodes ? w->capcodes * 2 : 1024;
    char **more = realloc(w->codes, sizeof *more * cap);
    if (!more) return CB_EDB;
    w->codes = more, w->capcodes = cap;
  }
  if (!(w->codes[w->ncodes] = strdup(code))) return CB_EDB;
  w->ncodes++;
  return 0;
}

int cadre_writer_insert(CadreWriter *w, Db *db, Arena *a, Cadre *c) {
  long long unit = c->unit_code ? writer_unit(w, c->unit_code) : CB_ENOTFOUND;
  if (unit < 0) return (int)unit;
  c->unit_id = unit;

  NameKeys k;
  if (name_keys(db, a, c, &k) != 0) return CB_EINVAL;

  DbStmt *st = w->rows ? w->rows : w->insert;
  const char *vals[] = {c->code, c->full_name, c->family_name, c->middle_name, c->given_name, k.sort_name,
                        k.search_key, c->gender, c->birth_date};
  for (int i = 0; i < 9; i++) db_bind_text(st, i + 1, vals[i]);
  db_bind_int(st, 10, c->unit_id);
  const char *opt[] = {c->hometown, c->birthplace, c->ethnicity, c->religion, c->party_join_date,
                       c->party_official_date, c->education, c->degree, c->major, c->llct_level, c->qlnn_level, c->notes};
  for (int i = 0; i < 12; i++) db_bind_text(st, 11 + i, nz(opt[i]));
  db_bind_blob(st, 23, k.sort_key, k.sort_key_len);
  if (w->rows) db_bind_text(st, 24, w->now), db_bind_text(st, 25, w->now);
  int rc = db_step(st);
  db_reset(st);
  if (rc < 0) return rc;
  c->id = w->no_ids ? 0 : db_last_id(db);
  if (!w->actor) return 0;
  if (w->rows) return remember_code(w, c->code);
  st = w->history; /* the record's first history row: who created it, from where, why */
  db_bind_text(st, 1, c->code);
  db_bind_text(st, 2, w->source);
  db_bind_text(st, 3, w->actor);
  db_bind_text(st, 4, w->reason);
  rc = db_step(st);
  db_reset(st);
  return rc < 0 ? rc : 0;
}

int cadre_insert(Db *db, Arena *a, Cadre *c) {
  CadreWriter *w = cadre_writer_new(db);
  if (!w) return CB_EDB;
  cadre_writer_set_origin(w, NULL, NULL); /* the caller writes its own history row (cadre_create) */
  int rc = cadre_writer_insert(w, db, a, c);
  cadre_writer_free(w);
  return rc;
}

/* The list's columns. The headline title is not among them: cadre_titles_fill asks it for all the rows at once. */
#define CADRE_COLS                                                                                         \
  "c.id, c.code, c.full_name, c.family_name, c.middle_name, c.given_name, c.gender, c.birth_date, u.id, "   \
  "u.code, u.name, u.path, c.hometown, c.birthplace, c.ethnicity, c.religion, c.party_join_date, "         \
  "c.party_official_date, c.education, c.degree, c.major, c.llct_level, c.qlnn_level, c.notes"
#define CADRE_NCOLS 24

static void read_cadre(DbStmt *st, Arena *a, Cadre *c) {
  memset(c, 0, sizeof *c);
  c->id = db_int(st, 0);
  const char **f[] = {&c->code, &c->full_name, &c->family_name, &c->middle_name, &c->given_name, &c->gender,
                      &c->birth_date};
  for (int i = 0; i < 7; i++) *f[i] = arena_strdup(a, db_text(st, 1 + i));
  c->unit_id = db_int(st, 8);
  const char **g[] = {&c->unit_code, &c->unit_name, &c->unit_path, &c->hometown, &c->birthplace, &c->ethnicity,
                      &c->religion, &c->party_join_date, &c->party_official_date, &c->education, &c->degree,
                      &c->major, &c->llct_level, &c->qlnn_level, &c->notes};
  for (int i = 0; i < 15; i++) *g[i] = arena_strdup(a, db_text(st, 9 + i));
}

bool cadre_post_heads(int concurrent, long long rank, long long id, int best_concurrent, long long best_rank,
                      long long best_id) {
  if ((concurrent != 0) != (best_concurrent != 0)) return !concurrent;
  if (rank != best_rank) return rank > best_rank;
  return id < best_id;
}

/* Index of the first of v[0..n) (sorted by id) with id >= `id`. */
static int first_at_least(Cadre *const *v, int n, long long id) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (v[mid]->id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static int cmp_cadre_ptr_id(const void *x, const void *y) {
  long long a = (*(Cadre *const *)x)->id, b = (*(Cadre *const *)y)->id;
  return (a > b) - (a < b);
}

#define TITLES_CHUNK 500 /* ids per statement */

int cadre_titles_fill(Db *db, Arena *a, Cadre *v, int n) {
  if (n <= 0) return 0;
  Cadre **by_id = arena_alloc(a, sizeof *by_id * (size_t)n);
  long long *ids = arena_alloc(a, sizeof *ids * (size_t)n);
  long long *best = arena_alloc(a, sizeof *best * 3 * (size_t)n); /* per row: concurrent, rank, id of its best */
  for (int i = 0; i < n; i++) by_id[i] = &v[i], v[i].current_title = NULL;
  cb_qsort(by_id, (size_t)n, sizeof *by_id, cmp_cadre_ptr_id);
  int nids = 0;
  for (int i = 0; i < n; i++)
    if (!nids || ids[nids - 1] != by_id[i]->id) ids[nids++] = by_id[i]->id;
  for (int from = 0; from < nids; from += TITLES_CHUNK) {
    int k = nids - from < TITLES_CHUNK ? nids - from : TITLES_CHUNK, rc;
    /* the unary + keeps SQLite off positions_end (every open post of the city) */
    DbStmt *st = db_prepare_in(db, a, "SELECT p.cadre_id, p.concurrent, t.rank, p.id, t.name FROM positions p JOIN "
                                      "titles t ON t.id = p.title_id WHERE p.cadre_id IN (%s) AND +p.end_date IS NULL",
                               1, ids + from, k);
    if (!st) return CB_EDB;
    while ((rc = db_step(st)) == DB_ROW) {
      long long cid = db_int(st, 0), rank = db_int(st, 2), id = db_int(st, 3);
      int conc = (int)db_int(st, 1);
      const char *name = NULL;
      for (int i = first_at_least(by_id, n, cid); i < n && by_id[i]->id == cid; i++) {
        long long *b = &best[3 * i];
        if (by_id[i]->current_title && !cadre_post_heads(conc, rank, id, (int)b[0], b[1], b[2])) continue;
        if (!name) name = arena_strdup(a, db_text(st, 4));
        by_id[i]->current_title = name;
        b[0] = conc, b[1] = rank, b[2] = id;
      }
    }
    db_finalize(st);
    if (rc < 0) return CB_EDB;
  }
  return 0;
}

int cadre_id_in_scope(Db *db, Scope scope, const char *code, long long *id) {
  DbStmt *st = db_prepare(db, "SELECT c.id, u.path FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.code = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  bool ok = rc == DB_ROW && scope_contains(scope, db_text(st, 1));
  if (ok) *id = db_int(st, 0);
  db_finalize(st);
  return rc < 0 ? CB_EDB : ok ? 0 : CB_ENOTFOUND;
}

/*
** The whole record: CADRE_COLS, then every field of the registry (cadre_fields.h; a few are read twice),
** then the record-keeping columns. Built once from the registry's literals (a whitelist of column names).
*/
static char whole_sql[3][8192]; /* by code: live records, any record; live records by a list of ids (%s) */
static pthread_once_t whole_once = PTHREAD_ONCE_INIT;

static void whole_build(void) {
  for (int k = 0; k < 3; k++) {
    Buf b = BUF_INIT;
    buf_puts(&b, DB_ONE_PLAN "SELECT " CADRE_COLS); /* by a key or a list of ids: one plan whatever the values */
    for (int i = 0; i < CADRE_NFIELDS; i++)
      if (strcmp(CADRE_FIELDS[i].name, "unit_code") != 0) buf_printf(&b, ", c.%s", CADRE_FIELDS[i].name);
    buf_printf(&b, ", c.version, c.voided_at, c.voided_by, c.void_reason, c.dated FROM %s c JOIN units u ON u.id = c.unit_id "
                   "WHERE %s",
               k == 1 ? "cadre_records" : "cadres", k == 2 ? "c.id IN (%s)" : "c.code = ?");
    snprintf(whole_sql[k], sizeof whole_sql[k], "%s", b.p);
    buf_free(&b);
  }
}

static void read_whole(DbStmt *st, Arena *a, Cadre *c) {
  read_cadre(st, a, c);
  int col = CADRE_NCOLS;
  for (int i = 0; i < CADRE_NFIELDS; i++)
    if (strcmp(CADRE_FIELDS[i].name, "unit_code") != 0)
      cadre_field_set(c, &CADRE_FIELDS[i], arena_strdup(a, db_text(st, col++)));
  c->version = db_int(st, col++);
  c->voided_at = arena_strdup(a, db_text(st, col++));
  c->voided_by = arena_strdup(a, db_text(st, col++));
  c->void_reason = arena_strdup(a, db_text(st, col++));
  c->dated = db_int(st, col++) != 0;
}

int cadre_find_record(Db *db, Arena *a, Scope scope, const char *code, bool voided_too, Cadre *out) {
  pthread_once(&whole_once, whole_build);
  DbStmt *st = db_prepare_trusted(db, whole_sql[voided_too ? 1 : 0]);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  if (rc == DB_ROW) read_whole(st, a, out);
  db_finalize(st);
  if (rc < 0) return rc;
  if (rc != DB_ROW) return CB_ENOTFOUND;
  if (!scope_contains(scope, out->unit_path)) return CB_ENOTFOUND;
  return 0;
}

int cadre_find_any(Db *db, Arena *a, Scope scope, const char *code, bool voided_too, Cadre *out) {
  int rc = cadre_find_record(db, a, scope, code, voided_too, out);
  return rc ? rc : cadre_titles_fill(db, a, out, 1);
}

bool cadre_findings_in_scope(Db *db, Scope scope, const char *subject, long long subject_id) {
  DbStmt *st = db_prepare(db, "SELECT u.path FROM findings f JOIN cadres c ON c.id = f.cadre_id "
                              "JOIN units u ON u.id = c.unit_id WHERE f.subject = ? AND f.subject_id = ? LIMIT 1");
  if (!st) return false;
  db_bind_text(st, 1, subject);
  db_bind_int(st, 2, subject_id);
  bool ok = db_step(st) == DB_ROW && scope_contains(scope, db_text(st, 0));
  db_finalize(st);
  return ok;
}

int cadre_find_by_id(Db *db, Arena *a, Scope scope, long long id, Cadre *out) {
  DbStmt *st = db_prepare(db, "SELECT code FROM cadres WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  const char *code = rc == DB_ROW ? arena_strdup(a, db_text(st, 0)) : NULL;
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  return code ? cadre_find(db, a, scope, code, out) : CB_ENOTFOUND;
}

int cadre_find(Db *db, Arena *a, Scope scope, const char *code, Cadre *out) {
  return cadre_find_any(db, a, scope, code, false, out);
}

/* The dated fields of c (ever dated) as they stood on ISO `date`. 0 or CB_EDB. */
static int dated_at(Db *db, Arena *a, const char *date, Cadre *c) {
  static const char *const cols[] = {"degree", "llct_level", "qlnn_level", "party_join_date", "party_official_date"};
  for (size_t i = 0; c->dated && i < sizeof cols / sizeof cols[0]; i++) {
    const char *v;
    int rc = cadre_dated_get(db, a, c->id, cols[i], date, &v);
    if (rc) return rc == CB_EINVAL ? 0 : rc;
    cadre_field_set(c, cadre_field(cols[i]), v);
  }
  return 0;
}

int cadre_find_at(Db *db, Arena *a, Scope scope, const char *code, const char *date, Cadre *out) {
  int rc = cadre_find(db, a, scope, code, out);
  Date d;
  char iso[16];
  if (rc || !date || date_parse(date, &d, DATE_FULL) != 0) return rc;
  return dated_at(db, a, date_iso(d, iso), out); /* never dated (most cadres): the row's values hold on every date */
}

#define MANY_CHUNK 500 /* ids per statement */

int cadre_find_many_at(Db *db, Arena *a, const long long *ids, int n, const char *date, Cadre **out, int *nout) {
  *out = arena_alloc(a, sizeof(Cadre) * (size_t)(n ? n : 1));
  *nout = 0;
  Date d;
  char iso[16];
  if (date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
  date_iso(d, iso);
  pthread_once(&whole_once, whole_build);
  for (int from = 0; from < n; from += MANY_CHUNK) {
    int k = n - from < MANY_CHUNK ? n - from : MANY_CHUNK, rc;
    DbStmt *st = db_prepare_in_trusted(db, a, whole_sql[2], 1, ids + from, k);
    if (!st) return CB_EDB;
    while ((rc = db_step(st)) == DB_ROW && *nout < n) read_whole(st, a, &(*out)[(*nout)++]);
    db_finalize(st);
    if (rc < 0) return CB_EDB;
  }
  for (int i = 0; i < *nout; i++) {
    int rc = dated_at(db, a, iso, &(*out)[i]);
    if (rc) return rc;
  }
  return cadre_titles_fill(db, a, *out, *nout);
}

/*
** The full-text query for the words of q (vi_words of its fold, as the search key is made): each word a
** prefix term, all required, so user text never reaches the engine's query syntax -- FTS5 on SQLite
** ("hoang"* "hai"*), a tsquery on PostgreSQL ('hoang':* & 'hai':*, taken as is: no parser, no
** dictionary). The same words match the
** same rows on both: a word of q matches the start of a word of the key. NULL when q has no word.
*/
static char *fts_query(Db *db, Arena *a, const char *q) {
  char *f = q ? vi_fold(a, q) : NULL;
  char *words = f ? vi_words(a, f) : NULL;
  if (!words || !*words) return NULL;
  bool pg = strcmp(db_engine_name(db), "postgresql") == 0;
  char *out = arena_alloc(a, strlen(words) * 4 + 8), *w = out;
  for (const char *p = words; *p;) {
    if (w > out) w = stpcpy(w, pg ? " & " : " ");
    *w++ = pg ? '\'' : '"';
    const char *start = p;
    bool cut = false; /* PostgreSQL takes words of up to 2047 bytes; a longer one matches no key anyway */
    for (; *p && *p != ' '; p++) {
      if (pg && p - start >= 2000 && ((unsigned char)*p & 0xC0) != 0x80) cut = true; /* at a character's start */
      if (!cut) *w++ = *p;
    }
    w = stpcpy(w, pg ? "':*" : "\"*");
    if (*p == ' ') p++;
  }
  *w = 0;
  return out;
}

/*
** Three plans. Without search words, rows are walked in the order of an
** index. With words matching few rows, the FTS index drives and the matches
** are sorted (by the binary sort key). With words matching many rows (a
** common family name), walking the order index and testing membership in the
** materialized match set stops after one page and beats sorting them all.
** The ORDER BY variants come from this table only.
*/
#define FROM_FTS                                                                            \
  " FROM cadre_fts f JOIN cadres c ON c.id = f.rowid JOIN units u ON u.id = c.unit_id "     \
  "WHERE cadre_fts MATCH ?1 "
/* PostgreSQL: the GIN index cadre_fts on vi_search_words(search_key) (schema/pg/0035_portable.sql) drives. */
#define FROM_TSQ                                                                            \
  " FROM cadres c JOIN units u ON u.id = c.unit_id "                                        \
  "WHERE vi_search_words(c.search_key) @@ CAST(?1 AS tsquery) "
#define FROM_ALL " FROM cadres c JOIN units u ON u.id = c.unit_id WHERE ?1 IS NULL "
#define FROM_IN                                                                             \
  " FROM cadres c JOIN units u ON u.id = c.unit_id "                                        \
  "WHERE +c.id IN (SELECT rowid FROM cadre_fts WHERE cadre_fts MATCH ?1) " /* + keeps the order index driving */
#define SCOPED                                                                              \
  "AND (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) "                                 \
  "AND (?3 IS NULL OR (u.path >= ?3 AND u.path < substr(?3, 1, length(?3) - 1) || '0')) " FILTERS
/* ?6 gender, ?7 born on or before (age_min), ?8 born after (age_max), ?9 llct bucket. */
#define FULL_BIRTH_C                                                                        \
  "(CASE length(c.birth_date) WHEN 4 THEN c.birth_date || '-01-01' WHEN 7 THEN c.birth_date || '-01' " \
  "ELSE c.birth_date END)"
#define FILTERS                                                                             \
  "AND (?6 IS NULL OR c.gender = ?6) AND (?7 IS NULL OR " FULL_BIRTH_C " <= ?7) "           \
  "AND (?8 IS NULL OR " FULL_BIRTH_C " > ?8) "                                               \
  "AND (?9 IS NULL OR (CASE ?9 WHEN 'none' THEN coalesce(c.llct_level, '') = '' "             \
  "WHEN 'cao_cap' THEN c.llct_level IN ('cao_cap', 'cu_nhan') ELSE c.llct_level = ?9 END)) "
#define PAGE " LIMIT ?4 OFFSET ?5"
#define ORDERS(from)                                                                        \
  {"SELECT " CADRE_COLS from SCOPED "ORDER BY c.sort_key, c.code" PAGE,                     \
   "SELECT " CADRE_COLS from SCOPED "ORDER BY c.code" PAGE,                                 \
   "SELECT " CADRE_COLS from SCOPED "ORDER BY c.birth_date, c.code" PAGE}

/*
** The rare-filter plans (no words; issue 9): when a filter on the political-theory level or the age matches few
** cadres, start from those matches (cadres_llct, cadres_birth) and sort them -- walking the order index for a page
** read the whole index when the matches were rare (llct=cao_cap: 2.2 s at 1,000,000). The driver is a superset
** condition the index can use; FILTERS still decide. ?11 ?12 the levels (cao_cap also counts cu_nhan). The unary +
** keeps the order index from driving.
*/
#define DRIVE_LLCT "AND c.llct_level IN (?11, ?12) "
#define DRIVE_BIRTH "AND c.birth_date <= coalesce(?7, '9999') AND c.birth_date > coalesce(substr(?8, 1, 4), '') "
#define RARE_ORDERS(drive)                                                                  \
  {"SELECT " CADRE_COLS FROM_ALL SCOPED drive "ORDER BY +c.sort_key, +c.code" PAGE,         \
   "SELECT " CADRE_COLS FROM_ALL SCOPED drive "ORDER BY +c.code" PAGE,                      \
   "SELECT " CADRE_COLS FROM_ALL SCOPED drive "ORDER BY +c.birth_date, +c.code" PAGE}
static const char *const RARE_SQL[2][3] = {RARE_ORDERS(DRIVE_LLCT), RARE_ORDERS(DRIVE_BIRTH)};
static const char *const RARE_COUNT_SQL[2] = {"SELECT count(*) FROM (SELECT 1" FROM_ALL SCOPED DRIVE_LLCT ") m",
                                              "SELECT count(*) FROM (SELECT 1" FROM_ALL SCOPED DRIVE_BIRTH ") m"};
enum { DRIVE_NONE = -1, DRIVE_BY_LLCT = 0, DRIVE_BY_BIRTH = 1 };
/* A filter is rare when it matches at most this many cadres (every record, any unit) and under a tenth of all. */
#define RARE_MAX 2000

enum { PLAN_ALL, PLAN_FTS, PLAN_IN };
/* Above this many matches PLAN_IN is used (measured on 100,000 cadres: see docs/PERFORMANCE.md). */
#define MANY_MATCHES 2000
static const char *const SEARCH_SQL[3][3] = {ORDERS(FROM_ALL), ORDERS(FROM_FTS), ORDERS(FROM_IN)};
/*
** Everyone (no words, scope, unit or filter: the first page an administrator opens). The page's ids are found
** first, walking the order index, and only its rows are read whole: not the rows an OFFSET skips (page 201:
** 10,050 of them). The plan is the same whatever the values, so
** PostgreSQL plans it once (DB_ONE_PLAN; a custom plan of the general statement cost 1.3 ms per page at 100,000
** cadres). The same rows and order as ORDERS(FROM_ALL) with every filter NULL.
*/
#define EVERYONE_PAGE(order)                                                                                  \
  "(SELECT c.id AS pid, c.sort_key AS k_name, c.code AS k_code, c.birth_date AS k_birth FROM cadres c "         \
  "WHERE ?1 IS NULL AND ?2 IS NULL AND ?3 IS NULL ORDER BY " order PAGE ") pg "
#define EVERYONE(order, keys)                                                                                 \
  DB_ONE_PLAN "SELECT " CADRE_COLS " FROM " EVERYONE_PAGE(order) "JOIN cadres c ON c.id = pg.pid "              \
  "JOIN units u ON u.id = c.unit_id ORDER BY " keys
/* PostgreSQL: its one plan would hash-join the page to every cadre (a LIMIT it cannot see is a tenth of the
   rows to it); the lateral subquery, kept apart by OFFSET 0, fetches each of the page's rows by its key. */
#define EVERYONE_PG(order, keys)                                                                              \
  DB_ONE_PLAN "SELECT x.* FROM " EVERYONE_PAGE(order) "JOIN LATERAL (SELECT " CADRE_COLS " FROM cadres c " \
  "JOIN units u ON u.id = c.unit_id WHERE c.id = pg.pid OFFSET 0) x ON true ORDER BY " keys
static const char *const EVERYONE_SQL[2][3] = {
    {EVERYONE("c.sort_key, c.code", "pg.k_name, pg.k_code"), EVERYONE("c.code", "pg.k_code"),
     EVERYONE("c.birth_date, c.code", "pg.k_birth, pg.k_code")},
    {EVERYONE_PG("c.sort_key, c.code", "pg.k_name, pg.k_code"), EVERYONE_PG("c.code", "pg.k_code"),
     EVERYONE_PG("c.birth_date, c.code", "pg.k_birth, pg.k_code")}};
/* PostgreSQL: one plan for matches, whatever their number (its planner chooses). */
static const char *const SEARCH_SQL_PG[3][3] = {ORDERS(FROM_ALL), ORDERS(FROM_TSQ), ORDERS(FROM_TSQ)};
/* The marked words first (marked_words): every match's id and name in name order, then the page's rows by id. */
static const char *const MATCH_NAMES_SQL[2] = {
    "SELECT c.id, c.full_name" FROM_FTS SCOPED "ORDER BY c.sort_key, c.code" PAGE,
    "SELECT c.id, c.full_name" FROM_TSQ SCOPED "ORDER BY c.sort_key, c.code" PAGE};
#define ROWS_BY_ID_SQL "SELECT " CADRE_COLS " FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.id IN (%s)"

/* The filter values bound as ?6..?9 (NULL = no filter); see FILTERS. */
typedef struct {
  const char *gender, *born_by, *born_after, *llct;
  char by[40], after[40];
} Filters;

static void filters_make(const CadreQuery *q, Filters *f) {
  memset(f, 0, sizeof *f);
  f->gender = q->gender && *q->gender ? q->gender : NULL;
  f->llct = q->llct && *q->llct ? q->llct : NULL;
  Date t = date_today();
  /* age >= min <=> born on or before the same day min years ago; age <= max <=> born after max+1 years ago */
  if (q->age_min > 0) snprintf(f->by, sizeof f->by, "%04d-%02d-%02d", t.y - q->age_min, t.m, t.d), f->born_by = f->by;
  if (q->age_max > 0)
    snprintf(f->after, sizeof f->after, "%04d-%02d-%02d", t.y - q->age_max - 1, t.m, t.d), f->born_after = f->after;
}

static bool filters_any(const Filters *f) { return f->gender || f->born_by || f->born_after || f->llct; }

static void filters_bind(DbStmt *st, const Filters *f) {
  db_bind_text(st, 6, f->gender);
  db_bind_text(st, 7, f->born_by);
  db_bind_text(st, 8, f->born_after);
  db_bind_text(st, 9, f->llct);
}

/* count(*) of a statement without parameters but ?1 ?2 (a capped count), or -1. */
static long long count_of(DbStmt *st, const char *p1, const char *p2) {
  if (!st) return -1;
  db_bind_text(st, 1, p1);
  db_bind_text(st, 2, p2);
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  return n;
}

/*
** Which rare-filter plan serves the filters, DRIVE_NONE when none: the level or the birth range whose records (all of
** them, read from their index up to RARE_MAX + 1) are at most RARE_MAX and under a tenth of all records.
*/
static int rare_driver(Db *db, const Filters *f) {
  long long llct = -1, birth = -1;
  if (f->llct && strcmp(f->llct, "none") != 0) /* "none" (NULL or '') is no index range; it is never rare anyway */
    llct = count_of(db_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM cadre_records WHERE llct_level IN (?1, ?2) "
                                   "LIMIT 2001) m"),
                    f->llct, strcmp(f->llct, "cao_cap") == 0 ? "cu_nhan" : f->llct);
  if (f->born_by || f->born_after)
    birth = count_of(db_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM cadre_records WHERE birth_date <= "
                                    "coalesce(?1, '9999') AND birth_date > coalesce(substr(?2, 1, 4), '') LIMIT 2001) m"),
                     f->born_by, f->born_after);
  int d = llct >= 0 && (birth < 0 || llct <= birth) ? DRIVE_BY_LLCT : birth >= 0 ? DRIVE_BY_BIRTH : DRIVE_NONE;
  long long bound = d == DRIVE_BY_LLCT ? llct : birth;
  if (d == DRIVE_NONE || bound > RARE_MAX) return DRIVE_NONE;
  long long all = count_of(db_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM cadre_records WHERE ?1 IS NULL AND "
                                          "?2 IS NULL LIMIT 20001) m"), NULL, NULL);
  return all >= 0 && bound * 10 < all ? d : DRIVE_NONE;
}

/* Bind the rare plans' own parameters (?11 ?12: the levels). */
static void rare_bind(DbStmt *st, const Filters *f) {
  db_bind_text(st, 11, f->llct);
  db_bind_text(st, 12, f->llct && strcmp(f->llct, "cao_cap") == 0 ? "cu_nhan" : f->llct);
}

/*
** Without words or filters: the live cadres of the scope and unit, from home_counts (schema 0039, kept by triggers in
** the writing transaction: each live cadre is in one gender row of their current unit), up to CADRE_TOTAL_CAP + 1
** like the counted case. A sum over the units instead of reading up to 10,001 rows. -1 on error.
*/
static long long everyone_count(Db *db, const char *scope, const char *unit_path) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT coalesce(sum(hc.n), 0) FROM units u CROSS JOIN home_counts hc ON "
                                          "hc.unit_id = u.id AND hc.dim = 'gender' WHERE" SCOPE_SQL("u.path", 1)
                                          "AND" SCOPE_SQL("u.path", 2));
  if (!st) return -1;
  db_bind_text(st, 1, scope);
  db_bind_text(st, 2, unit_path);
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  return n > CADRE_TOTAL_CAP ? CADRE_TOTAL_CAP + 1 : n;
}

/*
** Number of matches up to CADRE_TOTAL_CAP + 1 (?10): the count stops there instead of reading every match of a
** province; without words or filters the counters answer (everyone_count).
*/
static long long search_count(Db *db, const char *match, const char *scope, const char *unit_path, const Filters *f) {
  DbStmt *st;
  bool narrowed = scope || unit_path || filters_any(f);
  if (!match && !filters_any(f)) return everyone_count(db, scope, unit_path);
  if (match && strcmp(db_engine_name(db), "postgresql") == 0)
    st = db_prepare(db, "SELECT count(*) FROM (SELECT 1" FROM_TSQ SCOPED "LIMIT ?10) capped");
  else if (match) st = db_prepare(db, "SELECT count(*) FROM (SELECT 1" FROM_FTS SCOPED "LIMIT ?10) capped");
  else st = db_prepare(db, "SELECT count(*) FROM (SELECT 1" FROM_ALL SCOPED "LIMIT ?10) capped"); /* filters */
  if (!st) return -1;
  db_bind_text(st, 1, match);
  db_bind_int(st, 10, CADRE_TOTAL_CAP + 1);
  if (narrowed) {
    db_bind_text(st, 2, scope);
    db_bind_text(st, 3, unit_path);
    filters_bind(st, f);
  }
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  return n;
}

/*
** Words typed with their marks come first. Search ignores marks ("huong" finds Hương, Hường, Hưởng), but a board
** typing "Hường" means Hường: when some query words carry marks (any non-ASCII letter) and the matches are few
** enough to sort whole (PLAN_FTS), the names holding each such word with its marks, as the start of one of their
** words, are listed before the others, each group in the asked order; words typed without marks match as before.
** marked_words: those words (vi_marked), *n their number; NULL when none.
*/
static const char **marked_words(Arena *a, const char *q, int *n) {
  *n = 0;
  const char *m = q ? vi_marked_words(a, q) : NULL; /* split as the search splits (vi_words) */
  if (!m) return NULL;
  char *copy = arena_strdup(a, m), *save = NULL;
  const char **v = arena_alloc(a, sizeof(char *) * (strlen(copy) / 2 + 2));
  for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
    bool marked = false;
    for (const unsigned char *p = (const unsigned char *)w; *p && !marked; p++) marked = *p >= 0x80;
    if (marked) v[(*n)++] = w;
  }
  return *n ? v : NULL;
}

/* Does `name` hold each of w[0..n) as the start of one of its words, compared with marks? */
static bool name_has_marked(Arena *a, const char *name, const char *const *w, int n) {
  const char *m = name ? vi_marked_words(a, name) : NULL;
  if (!m) return false;
  for (int i = 0; i < n; i++) {
    size_t len = strlen(w[i]);
    bool found = false;
    for (const char *p = m; *p && !found; p++)
      found = (p == m || p[-1] == ' ') && strncmp(p, w[i], len) == 0;
    if (!found) return false;
  }
  return true;
}

/*
** The page of the matches with the names holding the marked words w[0..nw) first (stable), then the rest: the ids and
** names of every match in name order (st: MATCH_NAMES_SQL, bound), reordered, the page cut, its rows read by id and
** put in that order. *v, *cnt: the page. 0 or CB_EDB.
*/
static int marked_page(Db *db, Arena *a, DbStmt *st, const CadreQuery *q, const char *const *w, int nw, Cadre **v,
                       int *cnt) {
  int cap = 256, n = 0, rc;
  long long *ids = arena_alloc(a, sizeof *ids * (size_t)cap);
  bool *hit = arena_alloc(a, sizeof *hit * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (n == cap) {
      long long *i2 = arena_alloc(a, sizeof *i2 * (size_t)cap * 2);
      bool *h2 = arena_alloc(a, sizeof *h2 * (size_t)cap * 2);
      memcpy(i2, ids, sizeof *ids * (size_t)n), memcpy(h2, hit, sizeof *hit * (size_t)n);
      ids = i2, hit = h2, cap *= 2;
    }
    ids[n] = db_int(st, 0);
    hit[n++] = name_has_marked(a, db_text(st, 1), w, nw);
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  long long *order = arena_alloc(a, sizeof *order * (size_t)(n ? n : 1));
  int k = 0;
  for (int pass = 1; pass >= 0; pass--)
    for (int i = 0; i < n; i++)
      if (hit[i] == (pass == 1)) order[k++] = ids[i];
  int from = q->offset > 0 ? (q->offset < n ? q->offset : n) : 0, len = n - from;
  if (q->limit > 0 && len > q->limit) len = q->limit;
  *v = arena_alloc(a, sizeof(Cadre) * (size_t)(len ? len : 1));
  *cnt = len;
  if (!len) return 0;
  DbStmt *rows = db_prepare_in(db, a, ROWS_BY_ID_SQL, 1, order + from, len);
  if (!rows) return CB_EDB;
  while ((rc = db_step(rows)) == DB_ROW) {
    Cadre c;
    read_cadre(rows, a, &c);
    for (int i = 0; i < len; i++) /* a page of at most 500: its place by id */
      if (order[from + i] == c.id) (*v)[i] = c;
  }
  db_finalize(rows);
  return rc < 0 ? CB_EDB : 0;
}

int cadre_search(Db *db, Arena *a, const CadreQuery *q, Cadre **items, int *n, long long *total) {
  const char *unit_path = NULL;
  if (q->unit_code && *q->unit_code) {
    DbStmt *st = db_prepare(db, "SELECT path FROM units WHERE code = ?");
    if (!st) return CB_EDB;
    db_bind_text(st, 1, q->unit_code);
    if (db_step(st) == DB_ROW) unit_path = arena_strdup(a, db_text(st, 0));
    db_finalize(st);
    if (!unit_path) return CB_ENOTFOUND;
    if (q->scope && !unit_path_in_scope(unit_path, q->scope)) return CB_ENOTFOUND;
  }
  const char *match = fts_query(db, a, q->q);
  Filters f;
  filters_make(q, &f);
  int drive = !match && filters_any(&f) ? rare_driver(db, &f) : DRIVE_NONE;
  if (drive != DRIVE_NONE) { /* few matches: counted exactly from the driving index */
    DbStmt *c = db_prepare_trusted(db, RARE_COUNT_SQL[drive]);
    if (!c) return CB_EDB;
    db_bind_text(c, 1, NULL);
    db_bind_text(c, 2, q->scope);
    db_bind_text(c, 3, unit_path);
    filters_bind(c, &f);
    rare_bind(c, &f);
    *total = db_step(c) == DB_ROW ? db_int(c, 0) : -1;
    db_finalize(c);
  } else {
    *total = search_count(db, match, q->scope, unit_path, &f);
  }
  if (*total < 0) return CB_EDB;

  int sort = q->sort && strcmp(q->sort, "code") == 0 ? 1 : q->sort && strcmp(q->sort, "birth_date") == 0 ? 2 : 0;
  int plan = !match ? PLAN_ALL : *total > MANY_MATCHES ? PLAN_IN : PLAN_FTS;
  bool pg = strcmp(db_engine_name(db), "postgresql") == 0;
  bool everyone = !match && !q->scope && !unit_path && !filters_any(&f);
  int nmarked = 0; /* the marked words put first: every match's name is read, then the page cut (marked_words) */
  const char **marked = plan == PLAN_FTS && sort == 0 ? marked_words(a, q->q, &nmarked) : NULL;
  DbStmt *st = db_prepare_trusted(db, marked                ? MATCH_NAMES_SQL[pg]
                                      : drive != DRIVE_NONE ? RARE_SQL[drive][sort]
                                      : everyone            ? EVERYONE_SQL[pg][sort]
                                                            : (pg ? SEARCH_SQL_PG : SEARCH_SQL)[plan][sort]);
  if (!st) return CB_EDB;
  if (drive != DRIVE_NONE) rare_bind(st, &f);
  db_bind_text(st, 1, match);
  db_bind_text(st, 2, q->scope);
  db_bind_text(st, 3, unit_path);
  db_bind_int(st, 4, q->limit > 0 && !marked ? q->limit : LLONG_MAX); /* no limit (PostgreSQL refuses SQLite's -1) */
  db_bind_int(st, 5, q->offset > 0 && !marked ? q->offset : 0);
  filters_bind(st, &f);
  int cap = q->limit > 0 && q->limit < 1000 ? q->limit : 64, cnt = 0, rc;
  if (marked) {
    Cadre *page;
    if ((rc = marked_page(db, a, st, q, marked, nmarked, &page, &cnt)) != 0) return rc;
    *items = page;
    *n = cnt;
    return cadre_titles_fill(db, a, page, cnt);
  }
  Cadre *v = arena_alloc(a, sizeof(Cadre) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      Cadre *w = arena_alloc(a, sizeof(Cadre) * (size_t)cap * 2);
      memcpy(w, v, sizeof(Cadre) * (size_t)cnt);
      v = w, cap *= 2;
    }
    read_cadre(st, a, &v[cnt++]);
  }
  db_finalize(st);
  *items = v;
  *n = cnt;
  return rc < 0 ? rc : cadre_titles_fill(db, a, v, cnt);
}

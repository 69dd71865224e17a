/* Dated values of a cadre (see cadre_dated.h). */
#include "domain/cadre_dated.h"
#include <string.h>
#include "core/date.h"
#include "core/err.h"

/* The dated columns and the statements that read and write today's value in the cadre's row. */
#define DATED(col) {#col, "SELECT " #col " FROM cadre_records WHERE id = ?1", \
                    "UPDATE cadre_records SET " #col " = ?2 WHERE id = ?1"}
static const struct {
  const char *column, *read_sql, *write_sql;
} COLUMNS[] = {
    DATED(degree),          DATED(llct_level),          DATED(qlnn_level),
    {"unit_id", "SELECT unit_id FROM cadre_records WHERE id = ?1",
     "UPDATE cadre_records SET unit_id = CAST(?2 AS INTEGER) WHERE id = ?1"},
    DATED(party_join_date), DATED(party_official_date),
};
enum { NCOLUMNS = (int)(sizeof COLUMNS / sizeof COLUMNS[0]) };

static int column_index(const char *column) {
  for (int i = 0; column && i < NCOLUMNS; i++)
    if (strcmp(COLUMNS[i].column, column) == 0) return i;
  return -1;
}

int cadre_dated_column(const char *column) { return column_index(column) >= 0; }

/* Whether cadre_id has dated rows: 1, 0; CB_ENOTFOUND (no such record), CB_EDB. */
static int dated_flag(Db *db, long long cadre_id) {
  DbStmt *st = db_prepare(db, "SELECT dated FROM cadre_records WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  int rc = db_step(st);
  long long dated = rc == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  return dated < 0 ? CB_ENOTFOUND : dated != 0;
}

/* On the first dated change: every dated column's current value as holding since always, and dated = 1. */
static int baseline(Db *db, long long cadre_id) {
  int dated = dated_flag(db, cadre_id);
  if (dated < 0) return dated;
  if (dated) return 0;
  DbStmt *st = db_prepare(db, "INSERT INTO cadre_values(cadre_id, field, value, valid_from) "
                      "SELECT id, 'degree', degree, '" CADRE_SINCE_ALWAYS "' FROM cadre_records WHERE id = ?1 "
                      "UNION ALL SELECT id, 'llct_level', llct_level, '" CADRE_SINCE_ALWAYS "' FROM cadre_records WHERE id = ?1 "
                      "UNION ALL SELECT id, 'qlnn_level', qlnn_level, '" CADRE_SINCE_ALWAYS "' FROM cadre_records WHERE id = ?1 "
                      "UNION ALL SELECT id, 'unit_id', CAST(unit_id AS TEXT), '" CADRE_SINCE_ALWAYS "' FROM cadre_records WHERE id = ?1 "
                      "UNION ALL SELECT id, 'party_join_date', party_join_date, '" CADRE_SINCE_ALWAYS "' FROM cadre_records WHERE id = ?1 "
                      "UNION ALL SELECT id, 'party_official_date', party_official_date, '" CADRE_SINCE_ALWAYS "' FROM cadre_records WHERE id = ?1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  int rc = db_run(st);
  if (rc) return rc;
  st = db_prepare(db, "UPDATE cadre_records SET dated = 1 WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  return db_run(st);
}

static int value_at(Db *db, Arena *a, long long cadre_id, const char *column, const char *date, const char **out) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT value FROM cadre_values WHERE cadre_id = ?1 AND field = ?2 AND valid_from <= ?3 "
                              "ORDER BY valid_from DESC, id DESC LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, column);
  db_bind_text(st, 3, date);
  int rc = db_step(st);
  *out = rc == DB_ROW ? arena_strdup(a, db_text(st, 0)) : NULL;
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

int cadre_dated_since(Db *db, Arena *a, long long cadre_id, const char *column, const char **from) {
  *from = CADRE_SINCE_ALWAYS;
  if (column_index(column) < 0) return CB_EINVAL;
  char today[16];
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT valid_from FROM cadre_values WHERE cadre_id = ?1 AND field = ?2 "
                                          "AND valid_from <= ?3 ORDER BY valid_from DESC, id DESC LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, column);
  db_bind_text(st, 3, date_iso(date_today(), today));
  int rc = db_step(st);
  if (rc == DB_ROW) *from = arena_strdup(a, db_text(st, 0));
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

int cadre_dated_get(Db *db, Arena *a, long long cadre_id, const char *column, const char *date, const char **out) {
  *out = NULL;
  int i = column_index(column);
  if (i < 0) return CB_EINVAL;
  int dated = dated_flag(db, cadre_id);
  if (dated < 0) return dated;
  if (dated) return value_at(db, a, cadre_id, column, date, out);
  DbStmt *st = db_prepare_trusted(db, COLUMNS[i].read_sql); /* a literal of the whitelist above */
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  int rc = db_step(st);
  *out = rc == DB_ROW ? arena_strdup(a, db_text(st, 0)) : NULL;
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

int cadre_dated_set(Db *db, Arena *a, long long cadre_id, const char *column, const char *value, const char *from,
                    const char **old_at) {
  int i = column_index(column);
  Date d;
  bool always = from && strcmp(from, CADRE_SINCE_ALWAYS) == 0; /* an entry error of a value held since always */
  if (i < 0 || !from || (!always && (strlen(from) != 10 || date_parse(from, &d, DATE_FULL) != 0))) return CB_EINVAL;
  if (!always && date_cmp(d, date_today()) > 0) return CB_EINVAL;
  int rc = baseline(db, cadre_id);
  if (rc) return rc;
  const char *before = NULL;
  if ((rc = value_at(db, a, cadre_id, column, from, &before)) != 0) return rc;
  if (old_at) *old_at = before;
  DbStmt *st = db_prepare(db, "INSERT INTO cadre_values(cadre_id, field, value, valid_from) VALUES(?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, column);
  db_bind_text(st, 3, value && *value ? value : NULL);
  db_bind_text(st, 4, from);
  if ((rc = db_run(st)) != 0) return rc;
  /* Today's value into the cadre's row. */
  char today[16];
  const char *now = NULL;
  if ((rc = value_at(db, a, cadre_id, column, date_iso(date_today(), today), &now)) != 0) return rc;
  st = db_prepare_trusted(db, COLUMNS[i].write_sql); /* a literal of the whitelist above */
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, now);
  return db_run(st);
}

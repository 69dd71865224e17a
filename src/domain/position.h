/*
** Positions (chức vụ): a cadre holding a title in a unit from a date to a
** date -- the work history (quá trình công tác) of the profile.
*/
#ifndef CANBO_POSITION_H
#define CANBO_POSITION_H
#include "core/arena.h"
#include "core/db.h"

typedef struct {
  long long id;
  const char *cadre_code, *unit_code, *title_code;
  const char *unit_name, *title_name; /* filled by reads */
  const char *start_date, *end_date;  /* end NULL: current */
  const char *decision_no;
  int concurrent;                     /* kiêm nhiệm */
  long long version;                  /* filled by reads: the record's version (position_edit.h) */
  long long title_rank;               /* filled by position_read: the title's rank (cadre_post_heads) */
} Position;

/*
** SQL: the post `alias` (of positions) has not ended before `date` (an SQL expression: a parameter): written on
** one expression of the column, not "end_date IS NULL OR end_date >= date", which PostgreSQL answered by ANDing a
** bitmap of every open post of the province (positions_end) into a scan by title: the pooled titles' posts
** 4.5 -> 1.1 ms at 100,000 cadres. The far date stands for "not ended"; SQLite runs both alike.
*/
#define NOT_ENDED_BY(alias, date) "coalesce(" alias ".end_date, '9999-12-31') >= " date

/* Insert p, resolving the three codes. CB_ENOTFOUND names no code; caller owns the transaction. */
int position_insert(Db *db, Arena *a, Position *p);
/* The same insert for many rows, statements prepared once (the import path); see cadre_writer_new. */
typedef struct PositionWriter PositionWriter;
PositionWriter *position_writer_new(Db *db);
int position_writer_insert(PositionWriter *w, Db *db, Arena *a, Position *p);
void position_writer_free(PositionWriter *w);
/* A cadre's positions, newest first (start date, then id, descending; position_read puts them so). For a cadre
   the caller holds: its code is not read (cadre_code NULL), and a voided cadre's posts are listed too. */
int position_list_for_cadre(Db *db, Arena *a, long long cadre_id, Position **out, int *n);
/* position_list_for_cadre in two halves, to run with other reads (db_run_together): its statement, prepared and
   bound (NULL on error); then its rows read and the statement finalized (NULL: CB_EDB). */
DbStmt *position_stmt_for_cadre(Db *db, long long cadre_id);
int position_read(DbStmt *st, Arena *a, Position **out, int *n);

#endif

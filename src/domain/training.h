/*
** Trainings (đào tạo, bồi dưỡng): courses and degrees of a cadre.
*/
#ifndef CANBO_TRAINING_H
#define CANBO_TRAINING_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"

typedef struct {
  long long id;
  const char *cadre_code, *program, *name, *institution, *start_date, *end_date, *status;
  const char *level, *major, *mode; /* filled by reads: degree reached, chuyên ngành, hình thức */
  long long version;                /* filled by reads (record_kinds.h) */
} Training;

/* Program and status codes with their Vietnamese labels (CONTRACT formats: docs/IMPORT.md). */
extern const char *const TRAINING_PROGRAMS[][2];
extern const int TRAINING_NPROGRAMS;
extern const char *const TRAINING_STATUSES[][2];
extern const int TRAINING_NSTATUSES;
bool training_program_valid(const char *p);
bool training_status_valid(const char *s);
/* Vietnamese label of a program ("Cao cấp lý luận chính trị"...). */
const char *training_program_label(const char *p);
const char *training_status_label(const char *s);
/*
** What is wrong with a course's status against its end date (ISO, may be NULL): a completed course needs an end
** date, not after today. NULL when fine, else the Vietnamese words ("khóa học đã hoàn thành cần ngày kết thúc"),
** which the form (record_kinds.c) and the import (ImportKind.row_check) each put in their own sentence.
*/
const char *training_status_problem(const char *status, const char *end_date);
/* Insert t for the cadre t->cadre_code; sets t->id. CB_ENOTFOUND (no such cadre), CB_EDB. */
int training_insert(Db *db, Arena *a, Training *t);
/* The same insert for many rows, statement prepared once (the import path); see cadre_writer_new. */
typedef struct TrainingWriter TrainingWriter;
TrainingWriter *training_writer_new(Db *db);
int training_writer_insert(TrainingWriter *w, Db *db, Arena *a, Training *t);
void training_writer_free(TrainingWriter *w);
/* A cadre's trainings by start date (ISO text, byte order; none first), then id: training_read puts them so. For a
   cadre the caller holds: its code is not read (cadre_code NULL), and a voided cadre's courses are listed too. */
int training_list_for_cadre(Db *db, Arena *a, long long cadre_id, Training **out, int *n);
/* training_list_for_cadre in two halves (db_run_together): the statement (NULL on error), then its rows. */
DbStmt *training_stmt_for_cadre(Db *db, long long cadre_id);
int training_read(DbStmt *st, Arena *a, Training **out, int *n);

#endif

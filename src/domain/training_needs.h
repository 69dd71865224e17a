/*
** "Cán bộ cần cử đi đào tạo năm tới": for the cadres planned (in a pool) in a
** unit subtree on a date, the gap between the standards of the titles they
** are planned for and their qualifications (STD-1, domain/standards.h), with
** the course that closes it, grouped by course.
**
** Not for: the standards comparison itself (standards.c) or rendering.
*/
#ifndef CANBO_TRAINING_NEEDS_H
#define CANBO_TRAINING_NEEDS_H
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"

typedef struct {
  const char *program;              /* the course: a trainings.program value ("llct_cao_cap"...) */
  const char *cadre_code, *full_name, *unit_name;
  const char *titles;               /* the planned titles needing it, "; "-separated */
  const char *message;              /* the gap, Vietnamese ("Lý luận chính trị: Trung cấp < yêu cầu Cao cấp") */
  const char *enrolled;             /* NULL, or why no one proposes it: "Đã đăng ký từ 01/09/2026", "Đang học từ ..." */
} TrainingNeed;

/*
** The needs of the planned cadres of `unit_code`'s subtree on `date` (ISO):
** pools whose term has not ended by that year and whose latest act on or
** before the date is an addition. One row per cadre and course, ordered by
** course (the report's program order) then name. `scope` as everywhere: a
** unit outside it is CB_ENOTFOUND. Arena-owned. 0, CB_ENOTFOUND, CB_EINVAL (date), CB_EDB.
*/
int training_needs(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, TrainingNeed **out, int *n);
/*
** The needs training_needs leaves out because the cadre is already
** registered for or studying that very course on `date` (a training of the
** program with status registered or studying): the same rows, with
** `enrolled` saying so. Same arguments and errors.
*/
int training_needs_enrolled(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, TrainingNeed **out, int *n);

#endif

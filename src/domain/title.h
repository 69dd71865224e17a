/*
** Titles (chức danh): posts with a level, category, rank, function and the
** minimum standards of STD-1.
*/
#ifndef CANBO_TITLE_H
#define CANBO_TITLE_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"

typedef struct {
  long long id;
  const char *code, *name, *level, *category, *function;
  int rank;
  const char *min_llct, *min_qlnn, *min_degree; /* NULL: no minimum */
  int max_age_first;                            /* 0: no limit */
} Title;

bool title_category_valid(const char *category);
bool title_function_valid(const char *function);
/* Insert t; sets t->id. CB_EEXIST if the code exists. Function NULL -> "other". */
int title_insert(Db *db, Arena *a, Title *t);
int title_find(Db *db, Arena *a, const char *code, Title *out);
/* Every title, by level then rank (descending) then code. */
int title_list(Db *db, Arena *a, Title **out, int *n);
/*
** The post as a person reads it, from the generic title name and the unit
** that holds the post (level may be NULL), in `a`:
**   "Chủ tịch UBND xã, phường" in "Phường Ka Long" -> "Chủ tịch UBND phường Ka Long"
**   "Trưởng phòng" in "Phòng Nội vụ"               -> "Trưởng phòng Nội vụ"
**   "Bí thư Thành đoàn" in "Thành đoàn"             -> "Bí thư Thành đoàn"
**   "Kế toán" in "Văn phòng Thành ủy"               -> "Kế toán, Văn phòng Thành ủy"
** The commune form needs a unit of level "commune" (or NULL) whose name
** holds its place: "Xã …", "Phường …", "Thị trấn …", "Đặc khu …", or that
** word inside ("Đảng bộ xã Hải An"). A NULL or empty unit gives the title; a
** NULL title gives NULL.
*/
const char *title_display(Arena *a, const char *title, const char *unit, const char *level);

#endif

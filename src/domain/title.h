/*
** Titles (chức danh): posts with a level, category, rank, function, the
** minimum standards of STD-1, whether the post needs Party membership
** (PARTY-1) and the unit's own standard text for the post.
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
  const char *requires_party; /* as stored: "none" | "member" | "official", NULL = the default (title_party) */
  const char *standard_basis; /* the unit's standard text for this title ("Quy định 12-QĐ/TU ngày ..."), or NULL */
} Title;

/*
** PARTY-1: what Party membership the title needs -- "official" (an official
** member: a post of a leading body of the Party, which a probationary member
** may not stand for), "member", or "none". A stored value wins; NULL means
** the default: "official" for Party posts (function party_secretary or
** party_deputy_secretary, category committee or standing), else "none".
** Static string.
*/
const char *title_party(const Title *t);
/* Vietnamese: "đảng viên chính thức" | "đảng viên" | "không yêu cầu". Static. */
const char *title_party_label(const char *requires_party);
/* True for "none", "member", "official". */
bool title_party_valid(const char *requires_party);
/*
** An administrator sets what Party membership a title needs (`requires_party`
** "none"|"member"|"official", "" = back to the default, NULL = unchanged) and
** its standard text (`standard_basis`, "" = none, NULL = unchanged; at most
** 2,000 bytes). Audited (action update, entity title) with before/after in
** one transaction. CB_EINVAL, CB_ENOTFOUND, CB_EDB.
*/
int title_update(Db *db, const char *actor, const char *code, const char *requires_party, const char *standard_basis);

bool title_category_valid(const char *category);
bool title_function_valid(const char *function);
/* Insert t; sets t->id. CB_EEXIST if the code exists. Function NULL -> "other". */
int title_insert(Db *db, Arena *a, Title *t);
/*
** The title of `code`. 0, CB_ENOTFOUND, CB_EDB. Here and in title_find_id and title_list the strings may be the
** titles memo's (core/db.h db_memo): shared, read-only, valid until db_memo_settle or db_close.
*/
int title_find(Db *db, Arena *a, const char *code, Title *out);
/* The title of `id` (from the memo of titles when it answers). 0, CB_ENOTFOUND, CB_EDB. */
int title_find_id(Db *db, Arena *a, long long id, Title *out);
/* Every title, by level then rank (descending) then code, in an array of a's. */
int title_list(Db *db, Arena *a, Title **out, int *n);

/*
** Groups of titles that lists ask for: category 'key'; category 'committee'; any category but 'other' (the titles
** with planning pools); function head, party secretary or People's Committee chair.
*/
typedef enum { TITLES_KEY, TITLES_COMMITTEE, TITLES_POOLED, TITLES_HEADS } TitleGroup;
/*
** The ids of a group's titles (in `a`; from title_list's memo). Queries for the positions of a few titles name
** them by id (db_prepare_in) instead of joining titles on a condition: no planner can tell from two tables'
** statistics how few positions such titles have (PostgreSQL then read every current position). 0 or CB_EDB.
*/
int title_ids(Db *db, Arena *a, TitleGroup g, long long **ids, int *n);
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
/*
** title_display where the unit is named beside it (a list's unit column, a list of one unit): the title with its
** place filled in or merged with the unit's name ("Chủ tịch UBND xã Hải Xuân", "Trưởng phòng Nội vụ"), but not
** with the unit appended after a comma ("Chuyên viên", not "Chuyên viên, Phòng Nội vụ").
*/
const char *title_beside_unit(Arena *a, const char *title, const char *unit, const char *level);
/*
** A unit's name inside a sentence: the administrative word it begins with in lower case, as place names are
** written ("Xã Hải Xuân" -> "xã Hải Xuân", "Thành phố Móng Cái" -> "thành phố Móng Cái"); other names as they are
** ("Phòng Nội vụ"); NULL stays NULL. In `a` (or unit itself).
*/
const char *unit_in_sentence(Arena *a, const char *unit);

#endif

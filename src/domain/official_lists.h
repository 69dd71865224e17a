/*
** Official lists (issue 4 item 3), laid out like the forms organization
** boards print (xlsx_list.h: title block with the unit name and date, frozen
** Vietnamese header row, column widths, A4 landscape):
**   planning-list  the planning list of a term (and optionally one title):
**                  stt, họ và tên, ngày sinh, nam/nữ, dân tộc, chức vụ hiện
**                  tại, trình độ chuyên môn, LLCT, QLNN, chức danh quy hoạch
**                  -- the members of the pools on a date (planning.h);
**   due            the reappointment due list on a date (appointment.h
**                  appt_due, the APPT-8 window, APPT-9 extension);
**   trainings      cadres sent to training in a year: trainings whose start
**                  date is in the year, whatever their status, of cadres of
**                  the subtree (the annual report's training counting rule, docs/API.md, so the
**                  row count equals the annual report's training total).
** A list holds raw values (ISO dates, codes) per English key; CSV and JSON
** carry them as they are, the xlsx shows them in Vietnamese (dd/mm/yyyy,
** "Nữ", "Cao cấp"...) with an STT column first.
** Every builder takes the user's scope (a unit path, NULL = all); a unit
** outside it is CB_ENOTFOUND like an unknown one. Strings live in `a`.
** Not for: HTTP (web/pages_official_lists.c) or the CLI (cli_report.c).
*/
#ifndef CANBO_OFFICIAL_LISTS_H
#define CANBO_OFFICIAL_LISTS_H
#include <stdbool.h>
#include <stdio.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/xlsx_list.h"

/* How a raw value is shown in the xlsx. */
typedef enum { OF_TEXT = 0, OF_DATE, OF_GENDER, OF_LLCT, OF_QLNN, OF_DEGREE, OF_PROGRAM, OF_TSTATUS } OfFmt;

typedef struct {
  const char *key;    /* CSV header / JSON key, English */
  const char *header; /* xlsx heading, Vietnamese */
  double width;       /* xlsx column width in characters */
  XlsxColKind kind;
  OfFmt fmt;
} OfCol;

typedef struct {
  const char *kind;                /* "planning-list" | "due" | "trainings" */
  const char *sheet;               /* xlsx sheet name */
  const char *title;               /* "DANH SÁCH QUY HOẠCH CÁN BỘ NHIỆM KỲ 2025-2030" */
  const char *subtitle;            /* "Đơn vị: ...; tính đến ngày dd/mm/yyyy" */
  const char *unit_code, *unit_name; /* NULL: the whole scope */
  const char *date;                /* ISO: the day of the list */
  const char *term;                /* planning-list: the term; else NULL */
  const char *title_code;          /* planning-list: the one title asked, or NULL */
  int year;                        /* trainings: the year; else 0 */
  const OfCol *cols;
  int ncols;
  const char **cells;              /* nrows * ncols raw values (NULL = empty) */
  int nrows;
  /* issue 10: the documents' header and signature block (when a unit is given) */
  XlsxDocBlock doc;
  bool has_doc;
  int group_col;                   /* 1 + the column whose value heads groups in the xlsx (planning: the title); 0 = none */
  /* official_training_stream: the rows are not held (cells NULL, nrows 0) but read from `db` by the CSV, JSON and xlsx
     writers as they write, one at a time; `total` is their number from the per-unit counts (the audit's "rows") */
  bool streamed;
  long total;
  struct {
    Db *db;
    Scope scope;
    const char *path, *from, *to; /* the subtree (NULL: the scope), the year's first and last day */
  } stream;
} OfficialList;

/*
** The planning list of `term` (NULL/"" = the term of `date`) for the subtree
** of `unit_code` (NULL/"" = the scope), only title `title_code` when given,
** members on `date` (ISO; NULL = today). Pools in unit tree order, titles by
** rank, members as planning_pools lists them. 0, CB_EINVAL (term or date),
** CB_ENOTFOUND (unit or title unknown, or unit out of scope), CB_EDB.
*/
int official_planning_list(Db *db, Arena *a, Scope scope, const char *unit_code, const char *term,
                           const char *title_code, const char *date, OfficialList *out);
/* The reappointment due list on `date` (NULL = today). 0, CB_EINVAL, CB_ENOTFOUND, CB_EDB. */
int official_due_list(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, OfficialList *out);
/*
** Trainings started in `year` (1900..2200) by cadres whose unit lies in the
** subtree (start date from 1 January to 31 December), by start date then name; the current title is the cadre's main
** position on `date` (NULL = today). 0, CB_EINVAL, CB_ENOTFOUND, CB_EDB.
*/
int official_training_list(Db *db, Arena *a, Scope scope, const char *unit_code, int year, const char *date, OfficialList *out);
/*
** One page of that list for the screen: its rows [*offset, *offset + limit) in the same order (an offset past the
** end moved to the start of the last page), and *total = the whole list's length, read from the per-unit training
** counts (schema 0038) instead of counting the rows, so a province's year of trainings is neither read whole nor
** counted per request. Same errors.
*/
int official_training_page(Db *db, Arena *a, Scope scope, const char *unit_code, int year, const char *date, int *offset,
                           int limit, OfficialList *out, long *total);
/*
** The same list for a download of any length (issue 9: a province's year holds hundreds of thousands of
** trainings): its heading and total now, its rows read by official_list_csv / _json / _xlsx as they write
** them, from `db`, which must stay open and in the same snapshot until then. Same errors.
*/
int official_training_stream(Db *db, Arena *a, Scope scope, const char *unit_code, int year, const char *date,
                             OfficialList *out);

/* {"list","unit":{code,name}|null,"date",["term"|"year"|"title"],"total","items":[{key:value}]} written to f (as
   jansson's compact form, then a newline), a row at a time: a streamed list's rows too. The values are valid
   UTF-8, as every value canbo stores is checked on input (core/jsonw.h). 0, CB_EIO or (streamed) CB_EDB. */
int official_list_json(const OfficialList *l, FILE *f);
/* CSV: the Vietnamese headings, one row per item, values as the xlsx shows them (dd/mm/yyyy, labels). 0, CB_EIO or
   (a streamed list) CB_EDB. */
int official_list_csv(const OfficialList *l, FILE *f);
/* The xlsx official list at `path` (STT first, Vietnamese values). 0, CB_EIO or (a streamed list) CB_EDB. */
int official_list_xlsx(const OfficialList *l, const char *path);
/* Audit an export: action "export", entity "report", key "KIND/UNIT/DATE". 0 or CB_EDB. */
int official_list_audit(Db *db, const char *actor, const OfficialList *l, const char *format);

#endif

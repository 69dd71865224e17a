/*
** The "official list" layout of xlsx files, the way organization boards
** print their lists (danh sách): a title block, a bold bordered header row,
** bordered data rows, and a print setup ready for A4 landscape.
**
** With the documents' block (xlsx_list_doc, issue 10) rows 1-4 are the
** documents' header (body | motto, "*", number | place-and-date), the title
** and subtitle rows 6-7, the headings row 9, and after the last data row
** "Nơi nhận:" with its lines left and the signer's block right. Without it:
**
**   row 1   ORG LINE (left, bold)                      ĐẢNG CỘNG SẢN VIỆT NAM (right)
**   row 3                    TITLE (bold, centred across the columns)
**   row 4                    subtitle (italic, centred: unit, date...)
**   row 6   header cells (bold, wrapped, grey, borders)   <- frozen, repeated on every printed page
**   row 7+  data rows (borders); XL_NUMBER cells are numbers
**
** Print setup of every sheet: landscape, paper 9 (A4), margins 0.5"/0.6",
** fit to one page wide, header row repeated, footer "Trang N/M".
** Column widths come from the XlsxCol table. Constant-memory mode: rows are
** written in order, so 100,000-row lists stay small in memory.
**
** Usage:
**   XlsxList *l; xlsx_list_open(path, &l);
**   xlsx_list_sheet(l, "Danh sách", &meta, cols, ncols);
**   for each row: xlsx_list_row(l, cells);     // ncols strings, NULL = empty
**   xlsx_list_close(l);                        // always call it; frees l
** Not for: choosing columns or reading data (the list writers do).
*/
#ifndef CANBO_XLSX_LIST_H
#define CANBO_XLSX_LIST_H
#include "core/arena.h"
#include "core/db.h"
#include "domain/unit.h"

typedef enum {
  XL_TEXT = 0, /* left-aligned text */
  XL_CENTER,   /* centred text (dates, codes, Nam/Nữ) */
  XL_NUMBER,   /* a number when the cell parses as one, else text */
} XlsxColKind;

typedef struct {
  const char *header; /* Vietnamese column heading */
  double width;       /* in characters */
  XlsxColKind kind;
} XlsxCol;

typedef struct {
  const char *org;      /* the issuing body, e.g. the unit name; NULL = none */
  const char *title;    /* e.g. "DANH SÁCH CÁN BỘ ĐẾN TUỔI NGHỈ HƯU" */
  const char *subtitle; /* e.g. "Đơn vị: ...; tính đến ngày 01/07/2025"; NULL = none */
} XlsxListMeta;

typedef struct XlsxList XlsxList;

/* Create the workbook at `path`. 0 or CB_EIO (*out NULL). */
int xlsx_list_open(const char *path, XlsxList **out);
/*
** Start a sheet (name: at most 31 characters, no []:*?/\) with the title
** block and the header row of `cols` (the array must live until the next
** xlsx_list_sheet or xlsx_list_close). 0, CB_EINVAL (no columns), CB_EIO.
*/
int xlsx_list_sheet(XlsxList *l, const char *name, const XlsxListMeta *meta, const XlsxCol *cols, int ncols);
/* Append a data row of the current sheet: `cells` holds ncols strings (NULL = empty). 0 or CB_EIO. */
int xlsx_list_row(XlsxList *l, const char *const *cells);
/* Rows written to the current sheet so far (data rows only). */
long xlsx_list_rows(const XlsxList *l);
/*
** The documents' header and signature block (issue 10, docs/DOCUMENTS.md
** "Lists in Excel"): with it, a sheet opens with the issuing body's two
** lines left and the motto right (Party: "ĐẢNG CỘNG SẢN VIỆT NAM"; State:
** the quốc hiệu and tiêu ngữ), "*" (Party), the number left and the
** place-and-date line right, then the title; after the last row,
** "Nơi nhận:" and its lines left and the authority, post, room to sign and
** the signer's name right.
*/
typedef struct {
  int state;                           /* 0: Party layout, 1: State */
  const char *body_parent, *body_name; /* upper case */
  const char *number;                  /* "Số     -DS/TU" (the number left blank to be written in) */
  const char *place_date;              /* "Móng Cái, ngày 04 tháng 12 năm 2026" */
  const char *authority, *signer_post, *signer_name;
  const char *recipients;              /* one per line, or NULL */
} XlsxDocBlock;

/*
** The block of lists ("danh-sach") issued by unit u, from the values
** remembered for it in doc_settings (domain/docs/doc_settings.h: the
** defaults when none are stored), dated `date` (ISO; NULL = today). 0 or CB_EDB.
*/
int xlsx_doc_block(Db *db, Arena *a, const Unit *u, const char *date, XlsxDocBlock *out);
/*
** The issuing unit of a list about the unit at `path` for a user of
** `scope`, as the documents choose it (domain/docs/doc_request.c): the top
** unit of the scope on the way from the root to the unit (an admin's lists
** are the Thành ủy's, a commune officer's the commune's). 0, CB_ENOTFOUND, CB_EDB.
*/
int xlsx_doc_issuer(Db *db, Arena *a, const char *path, const char *scope, Unit *out);
/* The sheets started after this carry `doc` (NULL: the plain title block); doc must live until close. */
void xlsx_list_doc(XlsxList *l, const XlsxDocBlock *doc);
/* A group heading row across all columns (bold, shaded): "Chủ tịch UBND xã" above its people. 0 or CB_EIO. */
int xlsx_list_group(XlsxList *l, const char *text);
/* Write the file and free l (NULL is allowed). 0 or CB_EIO. */
int xlsx_list_close(XlsxList *l);

#endif

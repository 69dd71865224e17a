/*
** Files of the structure report and of the retirement list: CSV (UTF-8,
** one header row), JSON and the official xlsx list layout (xlsx_list.h).
** Shared by the CLI (`canbo report structure|retirements`) and the web
** (/thong-ke.csv, /thong-ke.xlsx, /api/v1/reports/...).
** Not for: computing (structure.h) or HTTP.
*/
#ifndef CANBO_STRUCTURE_EXPORT_H
#define CANBO_STRUCTURE_EXPORT_H
#include "domain/xlsx_list.h"
#include <stdio.h>
#include <jansson.h>
#include "domain/structure.h"

/*
** CSV: dimension,dimension_label,key,label,count,women,percent -- one row per
** bucket, then one row per unit tile (dimension "unit", key = unit code,
** count = its subtree total, women). percent uses a decimal point. 0 or CB_EIO.
*/
int structure_write_csv(const Structure *s, FILE *f);
/*
** The same as people read it (the web download, issue 10): "Tiêu chí,Nhóm,
** Số người,Trong đó nữ,Tỷ lệ (%)", labels only, the unit tiles by name, CRLF.
** The BOM is added by the download. 0 or CB_EIO.
*/
int structure_write_csv_people(const Structure *s, FILE *f);
/*
** xlsx at `path`: sheet "Cơ cấu" (chỉ tiêu, nhóm, số lượng, tỷ lệ %, trong đó
** nữ) and sheet "Đơn vị" (one row per unit), in the official list layout.
** 0 or CB_EIO.
*/
int structure_write_xlsx(const Structure *s, const char *path);
/* The same with the documents' header and signature block (xlsx_list.h; NULL = none). 0 or CB_EIO. */
int structure_write_xlsx_doc(const Structure *s, const XlsxDocBlock *doc, const char *path);

/*
** {"unit":{code,name}|null,"date","months","total":N,"items":[{"code","full_name","gender","birth_date",
**  "ethnicity","title","unit_name","degree","llct_level","qlnn_level","retirement_age":{"years","months"},
**  "retirement_date","pension_from"}]}. New reference.
*/
json_t *retirements_json(const Unit *root, const char *date, int months, const RetireRow *v, int n);
/* CSV of the same rows (Vietnamese-free keys as header). 0 or CB_EIO. */
int retirements_write_csv(const RetireRow *v, int n, FILE *f);
/* The official xlsx list (stt, họ và tên, ngày sinh, nam/nữ, dân tộc, chức vụ, ...). 0 or CB_EIO. */
int retirements_write_xlsx(const Unit *root, const char *date, int months, const RetireRow *v, int n,
                           const char *path);

/*
** The audit row of an export of report `what` ("structure", "retirements")
** for unit code `unit` (NULL = whole scope) on `date` in `format`: action
** "export", entity "report", key "what/unit/date". 0 or CB_EDB.
*/
int structure_export_audit(Db *db, const char *actor, const char *what, const char *unit, const char *date,
                           const char *format);

#endif

/*
** Rows of a file, whatever the file is (CONTRACT §8): CSV (UTF-8,
** Windows-1258, TCVN3 or VNI; ',' ';' or tab), .xlsx (libzip + libxml2's
** streaming xmlTextReader) or .xls (libfreexl). The importer reads every
** kind of file through table_read and does not care where rows come from.
**
** Rows are pushed to a sink one at a time; nothing but the current row (and,
** for .xlsx, the shared-string table, bounded) is held by the reader. Cell
** text is trimmed. A sheet's cell text lives until the sink returns (the
** sink copies what it keeps); a CSV's lives in the caller's arena (the
** parsed file) and stays valid after the call. Sheet cells are given as Excel shows them: numbers without a
** trailing ".0", dates (date-formatted numbers, 1900 or 1904 base, the 1900
** leap-year bug) as YYYY-MM-DD, formulas by their cached value (never
** evaluated). Raw legacy CSV bytes are decoded to UTF-8 first (encoding.h);
** mojibake CSV text and sheet text are left as they are, for the caller to
** convert cell by cell (enc_decode_cell; a CSV's form is in info->encoding).
**
** Hostile files end with a Vietnamese message (*fatal) and CB_EINVAL, never
** a crash: zip bombs (uncompressed size and ratio limits), corrupt zips,
** encrypted workbooks, more than TABLE_MAX_COLS used columns, cells over
** 32,767 characters, NUL bytes.
**
** Not for: what the columns mean (importer.c).
*/
#ifndef CANBO_TABLE_H
#define CANBO_TABLE_H
#include <stddef.h>
#include "core/arena.h"
#include "domain/io/encoding.h"

/* Files larger than this are refused before they are read (bytes). */
#define TABLE_MAX_FILE (64u << 20)
/* Columns read from a sheet; a value further right is an error. */
#define TABLE_MAX_COLS 256
/* The longest cell Excel can hold (characters). */
#define TABLE_MAX_CELL 32767

typedef struct {
  char **cell;          /* n cells, NUL-terminated UTF-8 ("" when empty); sheets: valid until the sink returns */
  int n;
  int line;             /* CSV: physical line where the row starts; sheet: the row number Excel shows */
  const int *cell_line; /* CSV: line where each cell starts (quoted cells span lines); NULL for sheets */
  const void *fields;   /* CSV: the parser's CsvField array of the row (arena, lives as long as the cells), else NULL */
  int bad;              /* CSV: the row holds a quoting or encoding error (reported through problem) */
} TableRow;

typedef struct {
  void *ctx;
  /* One row (the arrays are the reader's: copy what you keep). Return 0 to go on, non-zero to stop. */
  int (*row)(void *ctx, const TableRow *r);
  /* A problem at a place; reading goes on. col is 1-based. msg is Vietnamese (arena or static). */
  void (*problem)(void *ctx, int line, int col, const char *msg);
} TableSink;

typedef enum { TABLE_CSV, TABLE_XLSX, TABLE_XLS } TableFormat;

typedef struct {
  const char *name;  /* shown in messages */
  const char *path;  /* the file on disk, or NULL (an .xls in memory then goes through a temporary file) */
  const char *data;  /* the bytes of the file */
  size_t len;
  const char *sheet; /* the sheet to read, or NULL for the first */
  int encoding;      /* CSV: forced encoding (enc_parse_name) or -1 to detect */
} TableSrc;

typedef struct {
  TableFormat format;
  const char *sheet;  /* the sheet read (arena), NULL for CSV */
  const char *sheets; /* every sheet's name, quoted, ", " between (arena), NULL for CSV */
  int nsheets;
  EncKind encoding;   /* CSV: the encoding found (or forced) */
  long enc_score;
  char sep;           /* CSV: the separator found */
  long rows;          /* rows given to the sink */
} TableInfo;

/* "csv", "xlsx", "xls". */
const char *table_format_name(TableFormat f);

/*
** Read every row of src into sink. Returns 0, or CB_EINVAL with *fatal set
** to a Vietnamese message when the file cannot be read as a table at all
** (then rows already given are to be thrown away).
*/
int table_read(Arena *a, const TableSrc *src, const TableSink *sink, TableInfo *info, const char **fatal);

/* The readers behind table_read (same contract); data is already known to be of their format. */
int table_read_xlsx(Arena *a, const TableSrc *src, const TableSink *sink, TableInfo *info, const char **fatal);
int table_read_xls(Arena *a, const TableSrc *src, const TableSink *sink, TableInfo *info, const char **fatal);

/* "A", "B", ..., "Z", "AA" for 0-based column c, into buf (>= 4 bytes). */
char *table_col_letters(int c, char *buf);

#endif

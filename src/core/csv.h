/*
** CSV (RFC 4180) parsing of a whole buffer in memory: UTF-8 with an optional
** BOM, comma separated, "" inside quoted fields, quoted fields may hold
** commas and line breaks, CRLF or LF line ends. Every field remembers the
** physical line where it starts; its column is its 1-based index in the
** record. The parser copies the buffer once into the caller's arena and
** unescapes in place, so there is no allocation per field.
**
** Not for: knowing what the columns mean (domain/importer.c). The writer
** below is the only place that writes CSV cells.
*/
#ifndef CANBO_CSV_H
#define CANBO_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "core/arena.h"
#include "core/buf.h"

typedef struct {
  char *s;   /* unescaped, NUL-terminated text (arena) */
  int len;   /* bytes in s */
  int line;  /* physical 1-based line where the field starts */
  int quoted;
} CsvField;

typedef struct {
  CsvField *f; /* fields of the record (points into CsvDoc storage) */
  int n;
  int line; /* line of the first field */
} CsvRecord;

typedef struct {
  int line, col;   /* 1-based; col = field index in its record */
  const char *msg; /* English, static or arena */
} CsvError;

typedef struct {
  CsvRecord *rec; /* records in file order; completely empty lines are skipped */
  int n;
  CsvError *err; /* structural and encoding errors, in file order */
  int nerr;
} CsvDoc;

/*
** Parse `len` bytes of `data` into *doc, everything allocated in `a`.
** Errors do not stop the parse (except an unterminated quote, which swallows
** the rest of the file): each is recorded with its line and column --
**   an unterminated quoted field at the line where it opens,
**   a quote inside an unquoted field, text after a closing quote,
**   invalid UTF-8 at the line and column of the bad byte.
** A field the writer below neutralised ('=..., ''+...) loses its first
** quote (csv_unneutralise), so what canbo exported imports back unchanged.
** Returns 0 when doc->nerr == 0, else -1 (CB_EINVAL).
*/
int csv_parse(Arena *a, const char *data, size_t len, CsvDoc *doc);
/* Same with another field separator: ',' ';' or '\t' (CONTRACT §8). */
int csv_parse_sep(Arena *a, const char *data, size_t len, char sep, CsvDoc *doc);
/* The separator of the first line (outside quotes): the most frequent of ',' ';' '\t'; ',' on ties. */
char csv_guess_sep(const char *data, size_t len);

/*
** The one CSV writer: every CSV canbo writes (exports, downloads, reports,
** lists, `canbo export`) goes through these functions, and every cell they
** write is neutralised against formula injection the OWASP way: a cell
** starting with = + - @, tab or CR -- or with single quotes followed by one
** of those -- gets one single quote in front ('=SUM(A1) stays text in a
** spreadsheet). csv_parse takes that quote off again (csv_unneutralise), so
** `canbo export` and /xuat/{kind}?raw=1 import back unchanged
** (docs/IMPORT.md, docs/SECURITY.md). Fields are quoted (RFC 4180) when they
** hold a comma, quote or line break, or start or end with a space.
*/
/* Write s as one CSV field; NULL writes nothing. */
void csv_write_field(FILE *f, const char *s);
/* Write n fields separated by commas, then `eol` ("\r\n", or "\n" for the import format); NULL cells are empty. */
void csv_write_row(FILE *f, const char *const *cells, int n, const char *eol);
/* Append s as one CSV field to b; NULL appends nothing. */
void csv_buf_field(Buf *b, const char *s);
/* Append s as one CSV field to b, always quoted; NULL appends "". */
void csv_buf_quoted(Buf *b, const char *s);
/* Append n fields separated by commas, then CRLF. */
void csv_buf_row(Buf *b, const char *const *cells, int n);
/* The same, ended by `eol`. */
void csv_buf_row_eol(Buf *b, const char *const *cells, int n, const char *eol);
/* True when the n bytes of s are a cell the writer neutralises (quotes, then = + - @ tab or CR). */
bool csv_neutralised(const char *s, size_t n);
/* Take off the quote the writer added (a no-op for other fields); csv_parse calls it on every field. */
void csv_unneutralise(CsvField *f);

#endif

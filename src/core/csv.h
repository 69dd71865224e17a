/*
** CSV (RFC 4180) parsing of a whole buffer in memory: UTF-8 with an optional
** BOM, comma separated, "" inside quoted fields, quoted fields may hold
** commas and line breaks, CRLF or LF line ends. Every field remembers the
** physical line where it starts; its column is its 1-based index in the
** record. The parser copies the buffer once into the caller's arena and
** unescapes in place, so there is no allocation per field.
**
** Not for: knowing what the columns mean (domain/importer.c). The writer
** helpers below (csv_write_field to a FILE, csv_buf_* to a Buf) are the only
** places that quote CSV fields.
*/
#ifndef CANBO_CSV_H
#define CANBO_CSV_H
#include <stdio.h>
#include <stddef.h>
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
** Returns 0 when doc->nerr == 0, else -1 (CB_EINVAL).
*/
int csv_parse(Arena *a, const char *data, size_t len, CsvDoc *doc);
/* Same with another field separator: ',' ';' or '\t' (CONTRACT §8). */
int csv_parse_sep(Arena *a, const char *data, size_t len, char sep, CsvDoc *doc);
/* The separator of the first line (outside quotes): the most frequent of ',' ';' '\t'; ',' on ties. */
char csv_guess_sep(const char *data, size_t len);

/* Write s as one CSV field (quoted only when needed); NULL writes nothing. */
void csv_write_field(FILE *f, const char *s);
/* Append s as one CSV field to b, quoted only when needed (the same rule as
** csv_write_field: a comma, quote or line break, or a leading/trailing space);
** NULL appends nothing. */
void csv_buf_field(Buf *b, const char *s);
/* Append s as one CSV field to b, always quoted; NULL appends "". */
void csv_buf_quoted(Buf *b, const char *s);
/* Append n fields (csv_buf_field) separated by commas, then CRLF. */
void csv_buf_row(Buf *b, const char *const *cells, int n);

#endif

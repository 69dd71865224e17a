/*
** Small server-side SVG charts, written inline into HTML pages through
** core/html.h (every text escaped). Made to print: no JavaScript, no
** external fonts, no inline style attributes (CSP), only presentation
** attributes; every bar or tile carries its number as text and series are
** told apart by hatching patterns as well as colour, so black-and-white
** print stays readable. Each chart is role="img" with a <title> and <desc>.
** `id` must be unique in the page (it prefixes the ids inside the chart).
** Not for: data (callers pass numbers) or layout around the chart.
*/
#ifndef CANBO_SVG_H
#define CANBO_SVG_H
#include "core/buf.h"

/* One row of a pyramid: a label (age bracket) with the left and right values. */
typedef struct {
  const char *label;
  long long left, right;
} SvgPyramidRow;

/*
** An age pyramid: rows top to bottom as given (put the oldest first), left
** bars (e.g. men, solid) and right bars (e.g. women, hatched) from a central
** label column, each bar ending with its count.
*/
void svg_pyramid(Buf *b, const char *id, const char *title, const char *left_name, const char *right_name,
                 const SvgPyramidRow *rows, int n);

typedef struct {
  const char *label;
  long long value;
} SvgSegment;

typedef struct {
  const char *label;     /* row heading, e.g. "Lý luận chính trị" */
  const SvgSegment *seg; /* in scale order */
  int nseg;
} SvgStackRow;

/*
** 100% stacked bars, one per row; segments share a palette (colour +
** pattern by position); a segment wide enough shows its percent; a legend
** line under each bar names every segment with its count and percent.
*/
void svg_stacked(Buf *b, const char *id, const char *title, const SvgStackRow *rows, int n);

typedef struct {
  const char *label;    /* unit name (shortened on the tile; whole in the tooltip) */
  const char *line2;    /* e.g. "23 cán bộ" */
  const char *line3;    /* e.g. "Nữ 17,4%" */
  const char *href;     /* link of the tile, or NULL */
  int shade;            /* 0..4: lightest .. darkest class of the value */
} SvgTile;

/*
** A map-like grid: one tile per unit, in reading order, coloured by its
** shade class; legend[0..4] names the classes (shown under the grid).
*/
void svg_grid(Buf *b, const char *id, const char *title, const SvgTile *tiles, int n, const char *const legend[5]);

#endif

/*
** The PDF writer (document.h): Cairo's PDF surface written into memory,
** text set by Pango in Liberation Serif (the metric twin of Times New Roman,
** fonts-liberation2 covers Vietnamese) at 72 dpi so that one Pango point is
** one PDF point. Text is given to Pango with attribute lists, never as
** markup. Fonts are embedded as subsets with their Unicode maps, so
** pdftotext gives the text back with its diacritics.
**
** Paging: paragraphs flow line by line (a paragraph longer than a page goes
** on), keep-with-next is honoured for headings and titles, table rows move
** whole to the next page when they fit on one (header rows repeated there),
** and a row taller than a page is cut at line boundaries. Page numbers from
** page 2, centred in the top margin.
**
** Thread use: Pango's default font map is per thread; each document gets its
** own context, freed at the end, so memory stays flat over many documents.
*/
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "core/asan.h"
#include "core/err.h"
#include "domain/docs/document.h"

#define FAMILY "Liberation Serif"
#define PU(v) ((int)((v) * PANGO_SCALE))
#define PT(v) ((double)(v) / PANGO_SCALE)
#define RULE_ROOM 6.0 /* room a rule takes under its paragraph */

typedef struct {
  const Doc *d;
  const DocStyle *st;
  cairo_surface_t *surf;
  cairo_t *cr;
  PangoContext *ctx;
  double y, ybottom, x0, width;
  int page;
  /* the table being drawn, to repeat its header rows on a new page */
  const DocTable *table;
} P;

static void set_font_options(PangoContext *ctx) {
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx, fo);
  cairo_font_options_destroy(fo);
  pango_cairo_context_set_resolution(ctx, 72);
}

static atomic_bool released;

/*
** Only the sanitizer build releases the fonts (its leak checker would report fontconfig's and Cairo's caches):
** cairo_debug_reset_static_data is a debugging call that aborts when a Cairo object is still alive, and a CLI
** run on PostgreSQL was seen to abort in it at exit (2026-12-05, "_cairo_hash_table_destroy: Assertion
** `hash_table->live_entries == 0' failed"). The shipped build leaves them to the exit.
*/

void doc_fonts_release(void) {
  if (atomic_exchange(&released, true)) return;
  pango_cairo_font_map_set_default(NULL); /* this thread's font map and the fonts it holds */
  cairo_debug_reset_static_data();        /* cairo's caches of font faces (fontconfig patterns) */
  FcFini();                               /* fontconfig's configuration and caches */
}

static pthread_once_t at_exit_once = PTHREAD_ONCE_INIT;
#ifdef CANBO_ASAN
static void register_at_exit(void) { atexit(doc_fonts_release); }
#else
static void register_at_exit(void) {}
#endif
/* Called before fonts are first used: the release runs at exit (the server's threads have stopped by then). */
static void fonts_used(void) { pthread_once(&at_exit_once, register_at_exit); }

/* A layout of paragraph `p` `width` points wide (before its own left indent). */
static PangoLayout *para_layout(PangoContext *ctx, const DocPara *p, double width) {
  PangoLayout *l = pango_layout_new(ctx);
  Buf text = BUF_INIT;
  PangoAttrList *attrs = pango_attr_list_new();
  for (int i = 0; i < p->nruns; i++) {
    unsigned start = (unsigned)text.len;
    buf_puts(&text, p->runs[i].text);
    unsigned stop = (unsigned)text.len;
    unsigned s = p->runs[i].style;
    if (s & DOC_B) {
      PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      a->start_index = start, a->end_index = stop;
      pango_attr_list_insert(attrs, a);
    }
    if (s & DOC_I) {
      PangoAttribute *a = pango_attr_style_new(PANGO_STYLE_ITALIC);
      a->start_index = start, a->end_index = stop;
      pango_attr_list_insert(attrs, a);
    }
    if (s & DOC_U) {
      PangoAttribute *a = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
      a->start_index = start, a->end_index = stop;
      pango_attr_list_insert(attrs, a);
    }
  }
  pango_layout_set_text(l, text.p ? text.p : "", (int)text.len);
  buf_free(&text);
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family(fd, FAMILY);
  pango_font_description_set_size(fd, PU(p->size));
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  pango_layout_set_attributes(l, attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_auto_dir(l, FALSE);
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  double left = p->left + (p->indent < 0 ? p->indent : 0);
  pango_layout_set_width(l, PU(width - left > 10 ? width - left : 10));
  pango_layout_set_indent(l, PU(p->indent));
  pango_layout_set_alignment(l, p->align == DOC_CENTER  ? PANGO_ALIGN_CENTER
                                : p->align == DOC_RIGHT ? PANGO_ALIGN_RIGHT
                                                        : PANGO_ALIGN_LEFT);
  pango_layout_set_justify(l, p->align == DOC_JUSTIFY);
  return l;
}

/* Left offset of paragraph p's layout within its container. */
static double para_x(const DocPara *p) { return p->left + (p->indent < 0 ? p->indent : 0); }

/* The height of a layout, points. */
static double layout_h(PangoLayout *l) {
  int w, h;
  pango_layout_get_size(l, &w, &h);
  return PT(h);
}

/* The rule under a laid-out paragraph whose top is at y: centred in [x, x + width]. */
static void draw_rule(P *p, const DocPara *para, PangoLayout *l, double x, double width, double y) {
  double tw = 0;
  PangoLayoutIter *it = pango_layout_get_iter(l);
  do {
    PangoRectangle lr;
    pango_layout_iter_get_line_extents(it, NULL, &lr);
    if (PT(lr.width) > tw) tw = PT(lr.width);
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  double len = tw * para->rule;
  if (len > width) len = width;
  double ry = y + layout_h(l) + 3.5;
  cairo_set_line_width(p->cr, 0.6);
  cairo_move_to(p->cr, x + (width - len) / 2, ry);
  cairo_line_to(p->cr, x + (width + len) / 2, ry);
  cairo_stroke(p->cr);
}

static void draw_table_header(P *p);

static void new_page(P *p) {
  cairo_show_page(p->cr);
  p->page++;
  p->y = p->st->top;
  /* the page number, centred in the top margin */
  DocPara num = {0};
  DocRun run = {NULL, 0};
  char s[16];
  snprintf(s, sizeof s, "%d", p->page);
  run.text = s;
  num.runs = &run, num.nruns = 1, num.align = DOC_CENTER, num.size = p->st->page_number;
  PangoLayout *l = para_layout(p->ctx, &num, p->width);
  cairo_move_to(p->cr, p->x0, p->st->top / 2 - layout_h(l) / 2);
  pango_cairo_show_layout(p->cr, l);
  g_object_unref(l);
  if (p->table) draw_table_header(p);
}

/* A laid-out cell of a table row. */
typedef struct {
  PangoLayout *l;
  const DocPara *para;
  double y; /* top of the layout within the cell's content */
} CellPara;

typedef struct {
  CellPara *v;
  int n;
  double h; /* content height */
} CellBox;

static double row_layout(P *p, const DocTable *t, const DocRow *r, double width, CellBox *boxes);
static void row_free(const DocTable *t, CellBox *boxes);

/*
** The height that must follow a keep-with-next paragraph on its page: every
** following keep-with-next paragraph whole, then the first line of the next
** paragraph or the header rows and first row of the next table.
*/
static double next_h(P *p, const DocBlock *const *b, int n) {
  double h = 0;
  for (int i = 0; i < n; i++) {
    if (b[i]->kind == DOC_BLOCK_PAGEBREAK) return h;
    if (b[i]->kind == DOC_BLOCK_PARA) {
      const DocPara *para = b[i]->para;
      PangoLayout *l = para_layout(p->ctx, para, p->width);
      PangoLayoutIter *it = pango_layout_get_iter(l);
      PangoRectangle lr;
      pango_layout_iter_get_line_extents(it, NULL, &lr);
      pango_layout_iter_free(it);
      double whole = layout_h(l);
      g_object_unref(l);
      if (!para->keep_next) return h + para->before + PT(lr.height);
      h += para->before + whole + para->after;
      continue;
    }
    const DocTable *t = b[i]->table;
    for (int k = 0; k <= t->header_rows && k < t->nrows; k++) { /* the header rows and one row after them */
      CellBox boxes[t->ncols];
      h += row_layout(p, t, t->rows[k], p->width, boxes);
      row_free(t, boxes);
    }
    return h;
  }
  return h;
}

/* Draw paragraph `para` in [x, x + width] from p->y, line by line, paging as needed; rest[0..nrest) follow it. */
static void draw_para(P *p, const DocPara *para, double x, double width, const DocBlock *const *rest, int nrest) {
  PangoLayout *l = para_layout(p->ctx, para, width);
  double h = layout_h(l);
  if (para->keep_next && p->y > p->st->top + 1) {
    double need = para->before + h + para->after + next_h(p, rest, nrest);
    if (p->y + need > p->ybottom && need <= p->ybottom - p->st->top) new_page(p);
  }
  if (p->y > p->st->top + 1) p->y += para->before;
  double lx = x + para_x(para);
  double offset = 0; /* layout y drawn at p->y */
  double last_top = p->y;
  PangoLayoutIter *it = pango_layout_get_iter(l);
  do {
    PangoRectangle lr;
    pango_layout_iter_get_line_extents(it, NULL, &lr);
    double top = PT(lr.y), lh = PT(lr.height);
    if (p->y + (top - offset) + lh > p->ybottom + 0.01 && p->y + (top - offset) > p->st->top + 1) {
      p->y += top - offset;
      new_page(p);
      offset = top;
    }
    double base = PT(pango_layout_iter_get_baseline(it));
    cairo_move_to(p->cr, lx + PT(lr.x), p->y + (base - offset));
    pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
    last_top = p->y - offset;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  p->y += h - offset;
  if (para->rule > 0) {
    draw_rule(p, para, l, x, width, last_top);
    p->y += RULE_ROOM;
  }
  p->y += para->after;
  g_object_unref(l);
}

/* ---- tables ---- */

#define PAD_X 4.0
#define PAD_Y 2.0

static double pad_x(const DocTable *t, const DocCell *c) { return t->borders || c->box ? PAD_X : 0; }
static double pad_y(const DocTable *t, const DocCell *c) { return t->borders || c->box ? PAD_Y : 0; }

/* Cells in row r: one when merged. */
static int row_cells(const DocTable *t, const DocRow *r) { return r->merged ? 1 : t->ncols; }
/* The width of cell i of row r in a table `width` wide. */
static double cell_w(const DocTable *t, const DocRow *r, int i, double width) {
  return r->merged ? width : width * t->widths[i];
}

/* Lay out the cells of row r (boxes[ncols], their arrays malloc'd); returns the row height. */
static double row_layout(P *p, const DocTable *t, const DocRow *r, double width, CellBox *boxes) {
  double hmax = r->min_h;
  memset(boxes, 0, sizeof(CellBox) * (size_t)t->ncols);
  for (int i = 0; i < row_cells(t, r); i++) {
    const DocCell *c = &r->cells[i];
    double cw = cell_w(t, r, i, width) - 2 * pad_x(t, c);
    CellBox *b = &boxes[i];
    b->v = c->n ? g_new0(CellPara, c->n) : NULL;
    b->n = c->n;
    double y = 0;
    for (int j = 0; j < c->n; j++) {
      const DocPara *para = c->p[j];
      y += para->before;
      b->v[j].l = para_layout(p->ctx, para, cw);
      b->v[j].para = para;
      b->v[j].y = y;
      y += layout_h(b->v[j].l) + (para->rule > 0 ? RULE_ROOM : 0) + para->after;
    }
    b->h = y + 2 * pad_y(t, c);
    if (b->h > hmax) hmax = b->h;
  }
  return hmax;
}

static void row_free(const DocTable *t, CellBox *boxes) {
  for (int i = 0; i < t->ncols; i++) {
    for (int j = 0; j < boxes[i].n; j++) g_object_unref(boxes[i].v[j].l);
    g_free(boxes[i].v);
  }
}

/*
** Draw the row part [from, to) (row coordinates) of a laid-out row at p->y,
** clipped to it, with the borders of that part.
*/
static void row_draw(P *p, const DocTable *t, const DocRow *r, CellBox *boxes, double from, double to) {
  cairo_t *cr = p->cr;
  double x = p->x0, top = p->y;
  for (int i = 0; i < row_cells(t, r); i++) {
    const DocCell *c = &r->cells[i];
    double cw = cell_w(t, r, i, p->width);
    cairo_save(cr);
    cairo_rectangle(cr, x, top, cw, to - from);
    cairo_clip(cr);
    double inner_w = cw - 2 * pad_x(t, c);
    double oy = top - from + pad_y(t, c);
    if (c->box) oy += ((to - from) - boxes[i].h) / 2; /* the photo box: text in the middle */
    for (int j = 0; j < boxes[i].n; j++) {
      CellPara *cp = &boxes[i].v[j];
      double lx = x + pad_x(t, c) + para_x(cp->para);
      cairo_move_to(cr, lx, oy + cp->y);
      pango_cairo_show_layout(cr, cp->l);
      if (cp->para->rule > 0) draw_rule(p, cp->para, cp->l, x + pad_x(t, c), inner_w, oy + cp->y);
    }
    cairo_restore(cr);
    if (t->borders || c->box) {
      cairo_set_line_width(cr, 0.5);
      cairo_rectangle(cr, x, top, cw, to - from);
      cairo_stroke(cr);
    }
    x += cw;
  }
  p->y = top + (to - from);
}

/* The largest cut <= want (row coordinates, > from) that crosses no line of any cell. */
static double row_cut(const DocTable *t, const DocRow *r, CellBox *boxes, double from, double want) {
  double cut = want;
  for (int pass = 0; pass < 8; pass++) {
    double before = cut;
    for (int i = 0; i < row_cells(t, r); i++) {
      double oy = pad_y(t, &r->cells[i]);
      for (int j = 0; j < boxes[i].n; j++) {
        PangoLayoutIter *it = pango_layout_get_iter(boxes[i].v[j].l);
        do {
          PangoRectangle lr;
          pango_layout_iter_get_line_extents(it, NULL, &lr);
          double a = oy + boxes[i].v[j].y + PT(lr.y), b = a + PT(lr.height);
          if (a < cut && b > cut && a > from) cut = a;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
      }
    }
    if (cut == before) break;
  }
  return cut > from + 1 ? cut : want;
}

static void draw_row(P *p, const DocTable *t, const DocRow *r, bool is_header) {
  CellBox boxes[t->ncols];
  double h = row_layout(p, t, r, p->width, boxes);
  double usable = p->ybottom - p->st->top;
  bool at_top = p->y <= p->st->top + 1;
  if (p->y + h > p->ybottom && !is_header) {
    if (h <= usable || t->keep) {
      if (!at_top) new_page(p);
    }
  }
  double from = 0;
  while (from < h) {
    double room = p->ybottom - p->y;
    if (h - from <= room + 0.01 || is_header) {
      row_draw(p, t, r, boxes, from, h);
      break;
    }
    double cut = row_cut(t, r, boxes, from, from + room);
    row_draw(p, t, r, boxes, from, cut);
    from = cut;
    new_page(p);
  }
  row_free(t, boxes);
}

static void draw_table_header(P *p) {
  const DocTable *t = p->table;
  p->table = NULL; /* no recursion when a header row pages */
  for (int k = 0; k < t->header_rows && k < t->nrows; k++) draw_row(p, t, t->rows[k], true);
  p->table = t;
}

static void draw_table(P *p, const DocTable *t) {
  for (int k = 0; k < t->nrows; k++) {
    draw_row(p, t, t->rows[k], false);
    if (k + 1 == t->header_rows) p->table = t;
  }
  p->table = NULL;
  p->y += 4;
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len) {
  buf_append((Buf *)closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

int doc_write_pdf(const Doc *d, Buf *out) {
  fonts_used();
  P p = {.d = d, .st = d->st, .page = 1};
  p.x0 = d->st->left;
  p.width = d->st->page_w - d->st->left - d->st->right;
  p.ybottom = d->st->page_h - d->st->bottom;
  p.y = d->st->top;
  p.surf = cairo_pdf_surface_create_for_stream(write_buf, out, d->st->page_w, d->st->page_h);
  if (cairo_surface_status(p.surf) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(p.surf);
    return CB_EIO;
  }
  cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_TITLE, d->title);
  cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATOR, "canbo");
  p.cr = cairo_create(p.surf);
  cairo_set_source_rgb(p.cr, 0, 0, 0);
  p.ctx = pango_cairo_create_context(p.cr);
  set_font_options(p.ctx);
  PangoLanguage *vi = pango_language_from_string("vi");
  pango_context_set_language(p.ctx, vi);
  for (int i = 0; i < d->n; i++) {
    const DocBlock *b = d->b[i];
    if (b->kind == DOC_BLOCK_PARA) draw_para(&p, b->para, p.x0, p.width, (const DocBlock *const *)d->b + i + 1, d->n - i - 1);
    else if (b->kind == DOC_BLOCK_TABLE) draw_table(&p, b->table);
    else if (p.y > p.st->top + 1) new_page(&p);
  }
  cairo_show_page(p.cr);
  g_object_unref(p.ctx);
  cairo_status_t cs = cairo_status(p.cr);
  cairo_destroy(p.cr);
  cairo_surface_finish(p.surf);
  if (cs == CAIRO_STATUS_SUCCESS) cs = cairo_surface_status(p.surf);
  cairo_surface_destroy(p.surf);
  return cs == CAIRO_STATUS_SUCCESS ? 0 : CB_EIO;
}


double doc_text_width(const char *text, double size, unsigned style) {
  fonts_used();
  PangoContext *ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
  set_font_options(ctx);
  DocRun run = {text, style};
  DocPara para = {.runs = &run, .nruns = 1, .size = size, .align = DOC_LEFT};
  PangoLayout *l = para_layout(ctx, &para, 10000);
  PangoRectangle logical;
  pango_layout_get_extents(l, NULL, &logical);
  g_object_unref(l);
  g_object_unref(ctx);
  return PT(logical.width);
}

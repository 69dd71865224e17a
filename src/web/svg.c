/* Server-side SVG charts (see svg.h). Coordinates are whole pixels. */
#include "web/svg.h"
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "core/html.h"
#include "core/vi.h"

/* Palette for series and segments: fill colour and whether the pattern is drawn on top. */
static const char *const FILLS[] = {"#1f4e8c", "#d08a2b", "#4f9a5f", "#9b3d3d", "#6b5b95", "#8a8a8a", "#2f8a8a", "#b5b5b5"};
#define NFILLS 8
static const char *const SHADES[5] = {"#f1f5fb", "#c9d9ee", "#94b5dc", "#5a88c2", "#2b5a99"};

/* "32,5%" of part/whole (vi_percent) into buf. */
static const char *pct(char *buf, size_t cap, long long part, long long whole) { return vi_percent(buf, cap, part, whole); }

/* Pattern defs: p0..p7 hatchings (one per palette index), drawn in white over the fill. */
static void defs(Buf *b, const char *id) {
  html_lit(b, "<defs>");
  static const char *const paths[NFILLS] = {"",  "M0 8L8 0", "M0 0L8 8", "M4 0V8", "M0 4H8", "M0 8L8 0M0 0L8 8",
                                            "M0 2H8M0 6H8", "M2 0V8M6 0V8"};
  for (int i = 1; i < NFILLS; i++)
    html_printf(b,
                "<pattern id=\"%s-p%d\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
                "<path d=\"%s\" stroke=\"#ffffff\" stroke-width=\"1.5\" fill=\"none\"/></pattern>",
                id, i, paths[i]);
  html_lit(b, "</defs>");
}

/* A filled rectangle with palette entry k (colour, then its hatching when k > 0). */
static void rect(Buf *b, const char *id, int k, int x, int y, int w, int h) {
  k %= NFILLS;
  html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#222222\" stroke-width=\"0.5\"/>",
              x, y, w, h, FILLS[k]);
  if (k > 0)
    html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"url(#%s-p%d)\"/>", x, y, w, h, id, k);
}

/*
** The <svg> element with its title and description. A chart is role="img";
** one holding links (`links`, the unit grid) is role="group" instead, since an
** image's content is presentational and links inside it would be hidden from
** assistive technology (axe: nested-interactive, issue 12).
*/
static void open_svg_role(Buf *b, const char *id, const char *title, const char *desc, int w, int h, bool links) {
  html_printf(b,
              "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
              "role=\"%s\" aria-labelledby=\"%s-t %s-d\" font-family=\"sans-serif\" font-size=\"12\">"
              "<title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s</desc>",
              w, h, w, h, links ? "group" : "img", id, id, id, title, id, desc);
  defs(b, id);
}

static void open_svg(Buf *b, const char *id, const char *title, const char *desc, int w, int h) {
  open_svg_role(b, id, title, desc, w, h, false);
}

void svg_pyramid(Buf *b, const char *id, const char *title, const char *left_name, const char *right_name,
                 const SvgPyramidRow *rows, int n) {
  const int W = 640, mid = 150, top = 34, rowh = 30, side = (W - mid) / 2 - 50;
  long long max = 1;
  for (int i = 0; i < n; i++) {
    if (rows[i].left > max) max = rows[i].left;
    if (rows[i].right > max) max = rows[i].right;
  }
  Buf desc = {0};
  char nl[32], nr[32];
  for (int i = 0; i < n; i++)
    buf_printf(&desc, "%s%s: %s %s, %s %s", i ? "; " : "", rows[i].label, left_name,
               vi_count(nl, sizeof nl, rows[i].left), right_name, vi_count(nr, sizeof nr, rows[i].right));
  int h = top + rowh * n + 10;
  open_svg(b, id, title, desc.p ? desc.p : "", W, h);
  buf_free(&desc);
  int cl = (W - mid) / 2, cr = cl + mid;
  rect(b, id, 0, cl - 14, 8, 12, 12);
  html_printf(b, "<text x=\"%d\" y=\"18\" text-anchor=\"end\" font-weight=\"bold\">%s</text>", cl - 20, left_name);
  rect(b, id, 1, cr + 2, 8, 12, 12);
  html_printf(b, "<text x=\"%d\" y=\"18\" font-weight=\"bold\">%s</text>", cr + 20, right_name);
  for (int i = 0; i < n; i++) {
    int y = top + i * rowh;
    int wl = (int)(rows[i].left * side / max), wr = (int)(rows[i].right * side / max);
    html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", W / 2, y + 17, rows[i].label);
    if (wl > 0) rect(b, id, 0, cl - wl, y + 3, wl, rowh - 8);
    if (wr > 0) rect(b, id, 1, cr, y + 3, wr, rowh - 8);
    html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", cl - wl - 4, y + 17,
                vi_count(nl, sizeof nl, rows[i].left));
    html_printf(b, "<text x=\"%d\" y=\"%d\">%s</text>", cr + wr + 4, y + 17, vi_count(nr, sizeof nr, rows[i].right));
  }
  html_lit(b, "</svg>");
}

/* Code points in s (a rough width measure for labels). */
static int cps(const char *s) {
  int n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* Legend lines a stacked row needs (zero segments are left out of the legend). */
static int legend_lines(const SvgStackRow *r, int width) {
  int lines = 1, lx = 0;
  for (int k = 0; k < r->nseg; k++) {
    if (r->seg[k].value == 0) continue;
    int adv = 16 + (cps(r->seg[k].label) + 12) * 6 + 14;
    if (lx > 0 && lx + adv > width) lines++, lx = 0;
    lx += adv;
  }
  return lines;
}

void svg_stacked(Buf *b, const char *id, const char *title, const SvgStackRow *rows, int n) {
  const int W = 640, x0 = 10, bw = 620, barh = 24, lineh = 16;
  Buf desc = {0};
  char p[32];
  int h = 6;
  for (int i = 0; i < n; i++) {
    long long tot = 0;
    for (int k = 0; k < rows[i].nseg; k++) tot += rows[i].seg[k].value;
    buf_printf(&desc, "%s%s:", i ? "; " : "", rows[i].label);
    for (int k = 0; k < rows[i].nseg; k++)
      buf_printf(&desc, " %s %s%s", rows[i].seg[k].label, pct(p, sizeof p, rows[i].seg[k].value, tot),
                 k + 1 < rows[i].nseg ? "," : "");
    h += 20 + barh + 8 + legend_lines(&rows[i], bw) * lineh + 12;
  }
  open_svg(b, id, title, desc.p ? desc.p : "", W, h);
  buf_free(&desc);
  int y = 0;
  for (int i = 0; i < n; i++) {
    const SvgStackRow *r = &rows[i];
    long long tot = 0;
    for (int k = 0; k < r->nseg; k++) tot += r->seg[k].value;
    html_printf(b, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>", x0, y + 14, r->label);
    int x = x0;
    long long acc = 0;
    for (int k = 0; k < r->nseg && tot > 0; k++) {
      acc += r->seg[k].value;
      int xe = x0 + (int)(acc * bw / tot);
      if (xe > x) {
        rect(b, id, k, x, y + 20, xe - x, barh);
        if (xe - x >= 44)
          html_printf(b,
                      "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#000000\" stroke=\"#ffffff\" "
                      "stroke-width=\"3\" paint-order=\"stroke\">%s</text>",
                      (x + xe) / 2, y + 37, pct(p, sizeof p, r->seg[k].value, tot));
      }
      x = xe;
    }
    if (tot == 0)
      html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888888\"/>", x0,
                  y + 20, bw, barh);
    /* legend: one swatch (same colour and hatching as the bar) per non-empty segment, wrapped */
    int lx = 0, ly = y + 20 + barh + 8;
    for (int k = 0; k < r->nseg; k++) {
      if (r->seg[k].value == 0) continue;
      int adv = 16 + (cps(r->seg[k].label) + 12) * 6 + 14;
      if (lx > 0 && lx + adv > bw) lx = 0, ly += lineh;
      rect(b, id, k, x0 + lx, ly, 10, 10);
      char nv[32];
      html_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s %s (%s)</text>", x0 + lx + 14, ly + 9,
                  r->seg[k].label, vi_count(nv, sizeof nv, r->seg[k].value), pct(p, sizeof p, r->seg[k].value, tot));
      lx += adv;
    }
    y = ly + lineh + 12;
  }
  html_lit(b, "</svg>");
}

/* The first `max` code points of s (adding "…" when cut), in buf. */
static const char *shorten(char *buf, size_t cap, const char *s, int max) {
  int cps = 0;
  size_t i = 0;
  for (; s[i]; i++) {
    if (((unsigned char)s[i] & 0xC0) != 0x80) {
      if (cps == max) break;
      cps++;
    }
  }
  if (!s[i]) {
    snprintf(buf, cap, "%s", s);
  } else {
    snprintf(buf, cap, "%.*s…", (int)i, s);
  }
  return buf;
}

void svg_grid(Buf *b, const char *id, const char *title, const SvgTile *tiles, int n, const char *const legend[5]) {
  const int cols = 4, tw = 156, th = 66, gap = 4, W = cols * (tw + gap);
  int rows = (n + cols - 1) / cols;
  int h = rows * (th + gap) + 30;
  Buf desc = {0};
  for (int i = 0; i < n; i++)
    buf_printf(&desc, "%s%s: %s, %s", i ? "; " : "", tiles[i].label, tiles[i].line2 ? tiles[i].line2 : "",
               tiles[i].line3 ? tiles[i].line3 : "");
  bool links = false;
  for (int i = 0; i < n; i++) links = links || tiles[i].href;
  open_svg_role(b, id, title, desc.p ? desc.p : "", W, h, links);
  buf_free(&desc);
  char name[160];
  for (int i = 0; i < n; i++) {
    const SvgTile *t = &tiles[i];
    int x = (i % cols) * (tw + gap), y = (i / cols) * (th + gap);
    int s = t->shade < 0 ? 0 : t->shade > 4 ? 4 : t->shade;
    const char *ink = s >= 3 ? "#ffffff" : "#000000";
    if (t->href) html_printf(b, "<a href=\"%s\">", t->href);
    html_printf(b, "<g><title>%s</title>", t->label);
    html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\" stroke=\"#333333\"/>", x, y,
                tw, th, SHADES[s]);
    html_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-weight=\"bold\" font-size=\"11\">%s</text>", x + 6, y + 17,
                ink, shorten(name, sizeof name, t->label, 21));
    if (t->line2) html_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>", x + 6, y + 37, ink, t->line2);
    if (t->line3) html_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>", x + 6, y + 55, ink, t->line3);
    html_lit(b, "</g>");
    if (t->href) html_lit(b, "</a>");
  }
  int ly = rows * (th + gap) + 8;
  for (int k = 0; k < 5; k++) {
    int lx = k * (W / 5);
    html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\" stroke=\"#333333\"/>", lx, ly,
                SHADES[k]);
    html_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", lx + 18, ly + 11, legend[k]);
  }
  html_lit(b, "</svg>");
}

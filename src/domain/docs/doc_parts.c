/*
** The parts every document of the two layouts has (document.h): the header
** block, the title, body paragraphs and headings, the signature block with
** "Nơi nhận". Positions and sizes follow docs/DOCUMENTS.md.
*/
#include <string.h>
#include "domain/docs/document.h"

static bool has(const char *s) { return s && *s; }

/* A centred line of `text` in cell c. */
static DocPara *line(Doc *d, DocCell *c, const char *text, double size, unsigned style) {
  DocPara *p = doc_cell_para(d, c, DOC_CENTER, size);
  doc_run(d, p, style, text);
  return p;
}

void doc_head(Doc *d, const DocHead *h) {
  const DocStyle *st = d->st;
  double w[2] = {st->header_left, 1 - st->header_left};
  DocTable *t = doc_table(d, 2, w, 0, false);
  t->keep = true;
  DocRow *r = doc_row(d, t);
  DocCell *l = &r->cells[0], *rt = &r->cells[1];
  /* the place names held together: a line too long for the column breaks before the name, not inside it */
  const char *parent = doc_upper(d->a, doc_keep_names(d->a, h->body_parent));
  const char *body = doc_upper(d->a, doc_keep_names(d->a, h->body_name));
  if (d->layout == DOC_PARTY) {
    if (has(parent)) line(d, l, parent, st->body_parent, 0);
    line(d, l, body, st->body_name, DOC_B);
    line(d, l, "*", st->body_name, 0);
    line(d, rt, "ĐẢNG CỘNG SẢN VIỆT NAM", st->motto, DOC_B)->rule = 1.0;
  } else {
    if (has(parent)) line(d, l, parent, st->body_parent, 0);
    line(d, l, body, st->body_name, DOC_B)->rule = st->body_rule;
    line(d, rt, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st->motto, DOC_B);
    line(d, rt, "Độc lập - Tự do - Hạnh phúc", st->motto2, DOC_B)->rule = 1.0;
  }
  /* Second row: the number and the place-and-date line on one level. */
  r = doc_row(d, t);
  if (h->number) line(d, &r->cells[0], h->number, st->number, 0)->before = 4;
  if (has(h->place_date)) line(d, &r->cells[1], h->place_date, st->place_date, DOC_I)->before = 4;
}

void doc_title(Doc *d, const char *title, const char *subtitle) {
  const DocStyle *st = d->st;
  DocPara *p = doc_para(d, DOC_CENTER, st->title);
  p->before = 18;
  p->keep_next = true;
  doc_run(d, p, DOC_B, doc_upper(d->a, title));
  if (has(subtitle)) {
    p = doc_para(d, DOC_CENTER, st->subtitle);
    p->keep_next = true;
    doc_run(d, p, DOC_B, subtitle);
    if (d->layout == DOC_STATE) p->rule = 0.35;
  }
  p->after = 12;
}

DocPara *doc_body(Doc *d) {
  DocPara *p = doc_para(d, DOC_JUSTIFY, d->st->body);
  p->indent = d->st->indent;
  p->after = d->st->para_after;
  return p;
}

void doc_body_text(Doc *d, unsigned style, const char *text) { doc_run(d, doc_body(d), style, text); }

void doc_heading(Doc *d, const char *text) {
  DocPara *p = doc_body(d);
  p->align = DOC_LEFT;
  p->keep_next = true;
  p->before = 3;
  doc_run(d, p, DOC_B, text);
}

void doc_signature(Doc *d, const DocHead *h) {
  const DocStyle *st = d->st;
  double w[2] = {0.46, 0.54};
  DocTable *t = doc_table(d, 2, w, 0, false);
  t->keep = true;
  DocRow *r = doc_row(d, t);
  DocCell *l = &r->cells[0], *rt = &r->cells[1];
  if (h->nrecipients > 0) {
    DocPara *p = doc_cell_para(d, l, DOC_LEFT, st->recipients_head);
    p->before = 12;
    doc_run(d, p, st->recipients_head_style, "Nơi nhận");
    doc_run(d, p, st->recipients_head_style & ~(unsigned)DOC_U, ":");
    for (int i = 0; i < h->nrecipients; i++) {
      p = doc_cell_para(d, l, DOC_LEFT, st->recipients);
      p->left = 6, p->indent = -6;
      doc_runf(d, p, 0, "- %s%s", doc_text(d->a, h->recipients[i]), i + 1 < h->nrecipients ? "," : ".");
    }
  }
  DocPara *p = NULL;
  if (has(h->authority)) {
    p = line(d, rt, doc_upper(d->a, h->authority), st->sign, DOC_B);
    p->before = 12;
  }
  DocPara *post = line(d, rt, doc_upper(d->a, h->signer_post), st->sign, DOC_B);
  if (!p) post->before = 12;
  p = line(d, rt, has(h->signer_name) ? h->signer_name : " ", st->sign, DOC_B);
  p->before = st->sign_space;
}

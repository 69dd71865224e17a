/*
** The DOCX writer (document.h): WordprocessingML parts written with
** libxml2's xmlTextWriter (every text through xmlTextWriterWriteString, so
** `<`, `&` and quotes are escaped by the library) and zipped in memory with
** libzip. The file opens for editing in Word and LibreOffice: A4, the
** layout's margins, Times New Roman named in the styles and the font table,
** page numbers from page 2 centred in the top margin, table header rows
** marked to repeat on every page.
**
** Rules (the line under the motto, under a State body name): an empty
** paragraph of 1 pt with a top border, indented on both sides so that the
** line is centred and as long as its text measured by doc_text_width.
*/
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "core/err.h"
#include "domain/docs/document.h"

#define TW(pt) ((long)((pt) * 20.0 + 0.5)) /* points to twentieths of a point (twips) */

typedef struct {
  xmlTextWriterPtr w;
  int err;
} X;

static void el(X *x, const char *name) {
  if (xmlTextWriterStartElement(x->w, BAD_CAST name) < 0) x->err = 1;
}
static void end(X *x) {
  if (xmlTextWriterEndElement(x->w) < 0) x->err = 1;
}
static void at(X *x, const char *name, const char *v) {
  if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST v) < 0) x->err = 1;
}
static void ati(X *x, const char *name, long v) {
  if (xmlTextWriterWriteFormatAttribute(x->w, BAD_CAST name, "%ld", v) < 0) x->err = 1;
}
static void txt(X *x, const char *t) {
  if (xmlTextWriterWriteString(x->w, BAD_CAST t) < 0) x->err = 1;
}
/* <name w:val="v"/> */
static void val(X *x, const char *name, const char *v) {
  el(x, name);
  at(x, "w:val", v);
  end(x);
}
static void vali(X *x, const char *name, long v) {
  el(x, name);
  ati(x, "w:val", v);
  end(x);
}
static void empty(X *x, const char *name) {
  el(x, name);
  end(x);
}

/* Start a part: the XML declaration and the root element with the w: (and r:) namespaces. */
static void part_begin(X *x, const char *root) {
  if (xmlTextWriterStartDocument(x->w, NULL, "UTF-8", "yes") < 0) x->err = 1;
  el(x, root);
  at(x, "xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
  at(x, "xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
}

static void run_props(X *x, unsigned style, double size) {
  el(x, "w:rPr");
  /* in the schema's order (CT_RPr): b, i, ..., sz, szCs, ..., u */
  if (style & DOC_B) empty(x, "w:b");
  if (style & DOC_I) empty(x, "w:i");
  vali(x, "w:sz", (long)(size * 2 + 0.5));
  vali(x, "w:szCs", (long)(size * 2 + 0.5));
  if (style & DOC_U) val(x, "w:u", "single");
  end(x);
}

/* One run per line of the text; lines after the first start with <w:br/>. */
static void runs(X *x, const DocRun *r, double size) {
  const char *s = r->text;
  for (bool first = true;; first = false) {
    const char *nl = strchr(s, '\n');
    el(x, "w:r");
    run_props(x, r->style, size);
    if (!first) empty(x, "w:br");
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    char *piece = strndup(s, n);
    el(x, "w:t");
    at(x, "xml:space", "preserve");
    txt(x, piece ? piece : "");
    end(x);
    free(piece);
    end(x);
    if (!nl) break;
    s = nl + 1;
  }
}

static const char *JC[] = {"left", "center", "right", "both"};

/* The rule paragraph under p: centred, `frac` of the text's width, inside a container `width` pt wide. */
static void rule_para(X *x, const Doc *d, const DocPara *p, double width) {
  double tw = 0;
  for (int i = 0; i < p->nruns; i++) tw += doc_text_width(p->runs[i].text, p->size, p->runs[i].style);
  if (tw > width) tw = width; /* a wrapped text: at most the container's width */
  double len = tw * p->rule;
  double side = (width - len) / 2;
  el(x, "w:p");
  el(x, "w:pPr");
  el(x, "w:pBdr");
  el(x, "w:top");
  at(x, "w:val", "single");
  ati(x, "w:sz", 6);
  ati(x, "w:space", 0);
  at(x, "w:color", "000000");
  end(x);
  end(x);
  el(x, "w:spacing");
  ati(x, "w:before", 0);
  ati(x, "w:after", 0);
  ati(x, "w:line", 60);
  at(x, "w:lineRule", "exact");
  end(x);
  el(x, "w:ind");
  ati(x, "w:left", TW(side));
  ati(x, "w:right", TW(side));
  end(x);
  el(x, "w:rPr");
  vali(x, "w:sz", 2);
  end(x);
  end(x);
  end(x);
  (void)d;
}

/* A paragraph (and its rule) inside a container `width` pt wide. */
static void para(X *x, const Doc *d, const DocPara *p, double width) {
  el(x, "w:p");
  el(x, "w:pPr");
  if (p->keep_next || p->rule > 0) empty(x, "w:keepNext");
  el(x, "w:spacing");
  ati(x, "w:before", TW(p->before));
  ati(x, "w:after", TW(p->rule > 0 ? 4 : p->after));
  end(x);
  if (p->indent != 0 || p->left != 0) {
    el(x, "w:ind");
    ati(x, "w:left", TW(p->left));
    if (p->indent >= 0) ati(x, "w:firstLine", TW(p->indent));
    else ati(x, "w:hanging", TW(-p->indent));
    end(x);
  }
  val(x, "w:jc", JC[p->align]);
  run_props(x, 0, p->size); /* the paragraph mark's size: empty lines keep their height */
  end(x);
  for (int i = 0; i < p->nruns; i++) runs(x, &p->runs[i], p->size);
  end(x);
  if (p->rule > 0) rule_para(x, d, p, width);
}

static void border_set(X *x, const char *container, const char *v) {
  el(x, container);
  const char *sides[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
  int n = strcmp(container, "w:tcBorders") == 0 ? 4 : 6;
  for (int i = 0; i < n; i++) {
    el(x, sides[i]);
    at(x, "w:val", v);
    ati(x, "w:sz", 4);
    ati(x, "w:space", 0);
    at(x, "w:color", "000000");
    end(x);
  }
  end(x);
}

static void table(X *x, const Doc *d, const DocTable *t, double width) {
  el(x, "w:tbl");
  el(x, "w:tblPr");
  el(x, "w:tblW");
  ati(x, "w:w", TW(width));
  at(x, "w:type", "dxa");
  end(x);
  border_set(x, "w:tblBorders", t->borders ? "single" : "nil"); /* CT_TblPr order: tblW, tblBorders, tblLayout */
  val(x, "w:tblLayout", "fixed");
  el(x, "w:tblCellMar");
  el(x, "w:left");
  ati(x, "w:w", t->borders ? 80 : 0);
  at(x, "w:type", "dxa");
  end(x);
  el(x, "w:right");
  ati(x, "w:w", t->borders ? 80 : 0);
  at(x, "w:type", "dxa");
  end(x);
  end(x);
  end(x);
  el(x, "w:tblGrid");
  for (int i = 0; i < t->ncols; i++) {
    el(x, "w:gridCol");
    ati(x, "w:w", TW(width * t->widths[i]));
    end(x);
  }
  end(x);
  for (int k = 0; k < t->nrows; k++) {
    const DocRow *row = t->rows[k];
    el(x, "w:tr");
    el(x, "w:trPr");
    empty(x, "w:cantSplit"); /* as the PDF writer: a row moves whole to the next page */
    if (row->min_h > 0) {
      el(x, "w:trHeight");
      ati(x, "w:val", TW(row->min_h));
      at(x, "w:hRule", "atLeast");
      end(x);
    }
    if (k < t->header_rows) empty(x, "w:tblHeader");
    end(x);
    for (int i = 0; i < (row->merged ? 1 : t->ncols); i++) {
      const DocCell *c = &row->cells[i];
      double cw = row->merged ? width : width * t->widths[i];
      el(x, "w:tc");
      el(x, "w:tcPr");
      el(x, "w:tcW");
      ati(x, "w:w", TW(cw));
      at(x, "w:type", "dxa");
      end(x);
      if (row->merged) vali(x, "w:gridSpan", t->ncols);
      if (c->box && !t->borders) border_set(x, "w:tcBorders", "single");
      if (c->box) val(x, "w:vAlign", "center");
      end(x);
      double inner = cw - (t->borders ? 8 : 0);
      for (int j = 0; j < c->n; j++) para(x, d, c->p[j], inner);
      if (c->n == 0) empty(x, "w:p");
      end(x);
    }
    end(x);
  }
  end(x);
  /* Word needs a paragraph between two tables, or it merges them. */
  el(x, "w:p");
  el(x, "w:pPr");
  el(x, "w:spacing");
  ati(x, "w:before", 0);
  ati(x, "w:after", 0);
  ati(x, "w:line", 40);
  at(x, "w:lineRule", "exact");
  end(x);
  run_props(x, 0, 2);
  end(x);
  end(x);
}

static void document_part(X *x, const Doc *d) {
  const DocStyle *st = d->st;
  double width = st->page_w - st->left - st->right;
  part_begin(x, "w:document");
  el(x, "w:body");
  for (int i = 0; i < d->n; i++) {
    const DocBlock *b = d->b[i];
    if (b->kind == DOC_BLOCK_PARA) para(x, d, b->para, width);
    else if (b->kind == DOC_BLOCK_TABLE) table(x, d, b->table, width);
    else {
      el(x, "w:p");
      el(x, "w:r");
      el(x, "w:br");
      at(x, "w:type", "page");
      end(x);
      end(x);
      end(x);
    }
  }
  el(x, "w:sectPr");
  el(x, "w:headerReference");
  at(x, "w:type", "default");
  at(x, "r:id", "rIdHeader");
  end(x);
  el(x, "w:pgSz");
  ati(x, "w:w", TW(st->page_w));
  ati(x, "w:h", TW(st->page_h));
  end(x);
  el(x, "w:pgMar");
  ati(x, "w:top", TW(st->top));
  ati(x, "w:right", TW(st->right));
  ati(x, "w:bottom", TW(st->bottom));
  ati(x, "w:left", TW(st->left));
  ati(x, "w:header", TW(st->top / 2.5));
  ati(x, "w:footer", TW(st->bottom / 2.5));
  ati(x, "w:gutter", 0);
  end(x);
  empty(x, "w:titlePg"); /* a first page of its own: no page number on page 1 */
  end(x);
  end(x);
  end(x);
}

static void fonts(X *x, const char *name) {
  el(x, "w:rFonts");
  at(x, "w:ascii", name);
  at(x, "w:hAnsi", name);
  at(x, "w:cs", name);
  at(x, "w:eastAsia", name);
  end(x);
}

static void styles_part(X *x, const Doc *d) {
  part_begin(x, "w:styles");
  el(x, "w:docDefaults");
  el(x, "w:rPrDefault");
  el(x, "w:rPr");
  fonts(x, "Times New Roman");
  vali(x, "w:sz", (long)(d->st->body * 2));
  vali(x, "w:szCs", (long)(d->st->body * 2));
  el(x, "w:lang");
  at(x, "w:val", "vi-VN");
  at(x, "w:eastAsia", "vi-VN");
  at(x, "w:bidi", "ar-SA");
  end(x);
  end(x);
  end(x);
  el(x, "w:pPrDefault");
  el(x, "w:pPr");
  el(x, "w:spacing");
  ati(x, "w:before", 0);
  ati(x, "w:after", 0);
  ati(x, "w:line", 240);
  at(x, "w:lineRule", "auto");
  end(x);
  end(x);
  end(x);
  end(x);
  el(x, "w:style");
  at(x, "w:type", "paragraph");
  at(x, "w:default", "1");
  at(x, "w:styleId", "Normal");
  val(x, "w:name", "Normal");
  empty(x, "w:qFormat");
  end(x);
  el(x, "w:style");
  at(x, "w:type", "table");
  at(x, "w:default", "1");
  at(x, "w:styleId", "TableNormal");
  val(x, "w:name", "Normal Table");
  end(x);
  end(x);
}

static void font_table_part(X *x) {
  part_begin(x, "w:fonts");
  el(x, "w:font");
  at(x, "w:name", "Times New Roman");
  val(x, "w:panose1", "02020603050405020304");
  val(x, "w:charset", "00");
  val(x, "w:family", "roman");
  val(x, "w:pitch", "variable");
  end(x);
  end(x);
}

static void header_part(X *x, const Doc *d) {
  part_begin(x, "w:hdr");
  el(x, "w:p");
  el(x, "w:pPr");
  val(x, "w:jc", "center");
  end(x);
  const char *pieces[] = {"begin", NULL, "end"};
  for (int i = 0; i < 3; i++) {
    el(x, "w:r");
    run_props(x, 0, d->st->page_number);
    if (pieces[i]) {
      el(x, "w:fldChar");
      at(x, "w:fldCharType", pieces[i]);
      end(x);
    } else {
      el(x, "w:instrText");
      at(x, "xml:space", "preserve");
      txt(x, " PAGE ");
      end(x);
    }
    end(x);
  }
  end(x);
  end(x);
}

static void settings_part(X *x) {
  part_begin(x, "w:settings");
  vali(x, "w:defaultTabStop", 720);
  el(x, "w:compat");
  el(x, "w:compatSetting");
  at(x, "w:name", "compatibilityMode");
  at(x, "w:uri", "http://schemas.microsoft.com/office/word");
  at(x, "w:val", "15");
  end(x);
  end(x);
  end(x);
}

static void core_part(X *x, const Doc *d) {
  if (xmlTextWriterStartDocument(x->w, NULL, "UTF-8", "yes") < 0) x->err = 1;
  el(x, "cp:coreProperties");
  at(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  at(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  el(x, "dc:title");
  txt(x, d->title);
  end(x);
  el(x, "dc:creator");
  txt(x, "canbo");
  end(x);
  el(x, "dc:language");
  txt(x, "vi-VN");
  end(x);
  end(x);
}

static const char CONTENT_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";
static const char ROOT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "</Relationships>";
static const char DOC_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdSettings\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdFonts\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rIdHeader\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
    "</Relationships>";

/* Add `len` bytes as `name` to the archive (copied; libzip frees the copy). 0 or CB_EIO. */
static int zadd(zip_t *za, const char *name, const void *data, size_t len) {
  void *copy = malloc(len ? len : 1);
  if (!copy) return CB_EIO;
  memcpy(copy, data, len);
  zip_source_t *s = zip_source_buffer(za, copy, len, 1);
  if (!s) {
    free(copy);
    return CB_EIO;
  }
  if (zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) < 0) {
    zip_source_free(s);
    return CB_EIO;
  }
  return 0;
}

typedef void (*PartFn)(X *x, const Doc *d);
static void part_styles(X *x, const Doc *d) { styles_part(x, d); }
static void part_fonts(X *x, const Doc *d) { (void)d, font_table_part(x); }
static void part_settings(X *x, const Doc *d) { (void)d, settings_part(x); }

/* Write one generated part into the archive. 0 or CB_EIO. */
static int zip_part(zip_t *za, const char *name, PartFn fn, const Doc *d) {
  xmlBufferPtr buf = xmlBufferCreate();
  if (!buf) return CB_EIO;
  X x = {xmlNewTextWriterMemory(buf, 0), 0};
  if (!x.w) {
    xmlBufferFree(buf);
    return CB_EIO;
  }
  fn(&x, d);
  if (xmlTextWriterEndDocument(x.w) < 0) x.err = 1;
  xmlFreeTextWriter(x.w); /* flushes into buf */
  int rc = x.err ? CB_EIO : zadd(za, name, xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
  xmlBufferFree(buf);
  return rc;
}

int doc_write_docx(const Doc *d, Buf *out) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  if (!src) return CB_EIO;
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  if (!za) {
    zip_source_free(src);
    zip_error_fini(&ze);
    return CB_EIO;
  }
  zip_source_keep(src);
  int rc = zadd(za, "[Content_Types].xml", CONTENT_TYPES, sizeof CONTENT_TYPES - 1);
  if (!rc) rc = zadd(za, "_rels/.rels", ROOT_RELS, sizeof ROOT_RELS - 1);
  if (!rc) rc = zadd(za, "word/_rels/document.xml.rels", DOC_RELS, sizeof DOC_RELS - 1);
  if (!rc) rc = zip_part(za, "word/document.xml", document_part, d);
  if (!rc) rc = zip_part(za, "word/styles.xml", part_styles, d);
  if (!rc) rc = zip_part(za, "word/settings.xml", part_settings, d);
  if (!rc) rc = zip_part(za, "word/fontTable.xml", part_fonts, d);
  if (!rc) rc = zip_part(za, "word/header1.xml", header_part, d);
  if (!rc) rc = zip_part(za, "docProps/core.xml", core_part, d);
  if (rc || zip_close(za) < 0) {
    zip_discard(za);
    zip_source_free(src);
    zip_error_fini(&ze);
    return CB_EIO;
  }
  rc = CB_EIO;
  if (zip_source_open(src) == 0) {
    char chunk[65536];
    zip_int64_t k;
    rc = 0;
    while ((k = zip_source_read(src, chunk, sizeof chunk)) > 0) buf_append(out, chunk, (size_t)k);
    if (k < 0) rc = CB_EIO;
    zip_source_close(src);
  }
  zip_source_free(src);
  zip_error_fini(&ze);
  return rc;
}

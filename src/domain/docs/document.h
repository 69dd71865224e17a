/*
** The document model of the documents ready to sign (docs/DOCUMENTS.md):
** a small description that domain code fills -- paragraphs of styled runs,
** tables (column widths, header rows repeated on every page, borderless
** ones for the two-column header block and the signature block), page
** breaks -- and that the two writers turn into files: doc_write_docx
** (WordprocessingML, doc_docx.c) and doc_write_pdf (Cairo + Pango,
** doc_pdf.c). Both read the same measurements from DocStyle, so the two
** files look alike.
**
** Every string enters through doc_run()/doc_text(), which copies it into the
** document's arena cleaned for both formats: invalid UTF-8 becomes U+FFFD,
** control characters (C0 but newline, DEL, C1) and U+FFFE/U+FFFF are
** dropped, tab becomes a space, CR is dropped. Writers then treat text as
** text only (XML escaping, Pango attributes -- never markup), so `<`, `&`
** or quotes in a name can never become structure and a file is never broken.
**
** Everything lives in the arena given to doc_new(); nothing is freed one by
** one. Not for: what a kind of document says (doc_kinds.h), remembering the
** entered values (doc_settings.h), HTTP or the CLI.
*/
#ifndef CANBO_DOCS_DOCUMENT_H
#define CANBO_DOCS_DOCUMENT_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/buf.h"

/* The two layouts: Hướng dẫn 36-HD/VPTW (Party) and Nghị định 30/2020/NĐ-CP Phụ lục I (State). */
typedef enum { DOC_PARTY = 0, DOC_STATE = 1 } DocLayout;

/* Run styles, or-ed. */
enum { DOC_B = 1, DOC_I = 2, DOC_U = 4 };

typedef enum { DOC_LEFT = 0, DOC_CENTER, DOC_RIGHT, DOC_JUSTIFY } DocAlign;

/* The measurements of a layout, in points (1 mm = 72/25.4 pt); sources in docs/DOCUMENTS.md. */
typedef struct {
  double page_w, page_h;                  /* A4 portrait */
  double top, bottom, left, right;        /* margins */
  double motto, motto2;                   /* Party title line / State quốc hiệu; State tiêu ngữ */
  double body_parent, body_name, number;  /* the issuing body's two lines, "Số ..." */
  double place_date;                      /* italic */
  double title, subtitle;                 /* tên loại (caps, bold), trích yếu (bold) */
  double body;                            /* text of the document */
  double indent;                          /* first-line indent of body paragraphs */
  double para_after;                      /* space after a body paragraph */
  double sign;                            /* authority, post and name of the signer (bold) */
  double sign_space;                      /* room for the signature and the seal */
  double recipients_head, recipients;     /* "Nơi nhận:" and each recipient */
  unsigned recipients_head_style;         /* Party: underlined; State: bold italic */
  double table;                           /* text in tables */
  double page_number;                     /* from page 2, centred in the top margin */
  double header_left;                     /* width of the header's left column, fraction of the text width */
  double body_rule;                       /* State: rule under the body name, fraction of its width */
} DocStyle;

/* The measurements of `layout` (static). */
const DocStyle *doc_style(DocLayout layout);

typedef struct {
  const char *text; /* cleaned, never NULL; '\n' is a line break */
  unsigned style;   /* DOC_B | DOC_I | DOC_U */
} DocRun;

typedef struct {
  DocRun *runs;
  int nruns, cap;
  DocAlign align;
  double size;          /* points */
  double indent;        /* first-line indent, pt */
  double left;          /* left indent of every line, pt (hanging lists use indent < 0) */
  double before, after; /* space before / after, pt */
  double rule;          /* > 0: a rule under the paragraph, centred, this fraction of its text's width */
  bool keep_next;       /* keep on the page of the next block */
} DocPara;

typedef struct {
  DocPara **p;          /* paragraphs, top to bottom */
  int n, cap;
  bool box;             /* a border around this cell even in a borderless table (the photo box) */
} DocCell;

typedef struct {
  DocCell *cells;       /* ncols cells */
  double min_h;         /* minimum height, pt (0: as the text needs) */
  bool merged;          /* one cell (cells[0]) across every column: a heading inside a table */
} DocRow;

typedef struct {
  int ncols;
  double *widths;       /* fractions of the text width, summing to 1 */
  DocRow **rows;
  int nrows, cap;
  int header_rows;      /* the first rows, repeated at the top of every page */
  bool borders;         /* single lines around every cell */
  bool keep;            /* do not split a row across pages when it fits on one page */
} DocTable;

typedef enum { DOC_BLOCK_PARA = 0, DOC_BLOCK_TABLE, DOC_BLOCK_PAGEBREAK } DocBlockKind;

typedef struct {
  DocBlockKind kind;
  DocPara *para;
  DocTable *table;
} DocBlock;

typedef struct {
  Arena *a;
  DocLayout layout;
  const DocStyle *st;
  const char *title;    /* file metadata (PDF Title, docProps title) */
  DocBlock **b;
  int n, cap;
} Doc;

/* A new empty document in `a` with the measurements of `layout`. */
Doc *doc_new(Arena *a, DocLayout layout);
/* s cleaned for both formats (see the file comment), in `a`; "" for NULL. */
const char *doc_text(Arena *a, const char *s);
/* s in capitals, Unicode-aware ("Hải Xuân" -> "HẢI XUÂN"), in `a`; "" for NULL. */
const char *doc_upper(Arena *a, const char *s);

/*
** s with the words of its place name, and those of a level word of two, joined by no-break spaces (U+00A0), so
** that a line too long for its column breaks before the name, never inside it: the name is what follows the last
** level word (thành phố, huyện, thị xã, tỉnh, quận, phường, xã, thị trấn, or a committee: Thành ủy, Huyện ủy...),
** in any case. "ĐẢNG BỘ THÀNH PHỐ MÓNG CÁI" wraps as "ĐẢNG BỘ THÀNH PHỐ / MÓNG CÁI", "ỦY BAN NHÂN DÂN THÀNH PHỐ"
** as "ỦY BAN NHÂN DÂN / THÀNH PHỐ". Cleaned as doc_text; in `a`.
*/
const char *doc_keep_names(Arena *a, const char *s);

/* Append a paragraph block (alignment, size in pt; 0 = the body size). */
DocPara *doc_para(Doc *d, DocAlign align, double size);
/* Append a run of `text` (cleaned) with `style` to p. */
void doc_run(Doc *d, DocPara *p, unsigned style, const char *text);
void doc_runf(Doc *d, DocPara *p, unsigned style, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The text of p's runs joined (for measuring), in the document's arena. */
const char *doc_para_text(const Doc *d, const DocPara *p);
/* Append a page break. */
void doc_page_break(Doc *d);

/* Append a table of `ncols` columns with widths (fractions, copied) and `header_rows` repeated rows. */
DocTable *doc_table(Doc *d, int ncols, const double *widths, int header_rows, bool borders);
/* Append an empty row; its cells are row->cells[0..ncols). */
DocRow *doc_row(Doc *d, DocTable *t);
/* Append a paragraph to cell c. */
DocPara *doc_cell_para(Doc *d, DocCell *c, DocAlign align, double size);
/* Append a row whose one cell spans every column, holding `text` in bold (a group heading). */
DocRow *doc_row_heading(Doc *d, DocTable *t, const char *text);
/* Append a row of plain texts (NULL = empty), each one paragraph of `style` and `size` (0: the table size). */
DocRow *doc_row_texts(Doc *d, DocTable *t, const char *const *texts, unsigned style, double size);

/* ---- the parts every document of the two layouts has (doc_parts.c) ---- */

/* The values of the header and the signature, as the board entered them (or remembered). */
typedef struct {
  const char *body_parent, *body_name; /* issuing body: upper line (may be ""), the body (bold) */
  const char *number;                  /* the whole number line ("Số 12-QĐ/TU"); NULL: none (lists, Mẫu 2C) */
  const char *place_date;              /* "Móng Cái, ngày 05 tháng 3 năm 2026" */
  const char *authority;               /* "T/M BAN THƯỜNG VỤ" or "" */
  const char *signer_post;             /* "BÍ THƯ" */
  const char *signer_name;             /* may be "" (signed by hand) */
  const char **recipients;             /* "Nơi nhận" lines; nrecipients 0: no block */
  int nrecipients;
} DocHead;

/*
** The header block: two borderless columns. Party: the issuing body (upper
** line, bold body name, "*", the number) left; "ĐẢNG CỘNG SẢN VIỆT NAM"
** with a rule of its length and the italic place-and-date line right.
** State: the issuing body (rule under the body name) and "Số: ..." left;
** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc" with
** a rule of its length and the place-and-date line right.
*/
void doc_head(Doc *d, const DocHead *h);
/* The title (tên loại, capitals, bold) and the subtitle (trích yếu, bold, may be NULL), centred. */
void doc_title(Doc *d, const char *title, const char *subtitle);
/* A body paragraph: justified, first-line indent, body size; runs added by the caller. */
DocPara *doc_body(Doc *d);
/* A body paragraph of one plain text. */
void doc_body_text(Doc *d, unsigned style, const char *text);
/* A bold heading line of the body ("I. ...", "Điều 1."), kept with what follows. */
void doc_heading(Doc *d, const char *text);
/*
** The signature block: "Nơi nhận:" and its lines left (when any), the
** authority, the post, room for the signature and seal, the name in bold
** right; never split across pages.
*/
void doc_signature(Doc *d, const DocHead *h);

/* ---- writers ---- */

/* WordprocessingML (.docx) of d appended to out. 0 or CB_EIO. */
int doc_write_docx(const Doc *d, Buf *out);
/* PDF of d appended to out (A4, Liberation Serif embedded). 0 or CB_EIO. */
int doc_write_pdf(const Doc *d, Buf *out);
/* "docx" or "pdf" (the two writers above); CB_EINVAL for another format. */
int doc_write(const Doc *d, const char *format, Buf *out);
/*
** The width in points of `text` set in the document font at `size` with
** `style` (DOC_B/DOC_I), as the PDF writer sets it (Pango, Liberation
** Serif = Times New Roman's metrics); the DOCX writer uses it to give a rule
** the length of its text.
*/
double doc_text_width(const char *text, double size, unsigned style);
/*
** Free the fonts the writers loaded (this thread's Pango font map, Cairo's
** font caches, fontconfig's configuration), once. In the sanitizer build it
** is registered with atexit() when fonts are first used, so that a process
** that wrote documents (the CLI, the server after its threads stopped)
** leaves nothing to the leak checker; the shipped build leaves them to the
** exit (doc_pdf.c). No document may be written after it.
*/
void doc_fonts_release(void);

#endif

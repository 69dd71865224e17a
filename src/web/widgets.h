/*
** One widget per job: the pieces of HTML that many pages share -- form
** fields (text, date, select, unit, cadre picker) with their label, their
** error message next to them and the entered value kept; the summary of a
** refused form; the findings table and the result badge; paging links.
** Every page writes these pieces through this file, never by hand, so a
** field looks, reads and validates the same everywhere.
**
** Not for: whole forms or pages (they belong to their page's file), JSON.
**
** Conventions: a field's id is "f-" + name; its error message has id
** "f-NAME-err" and the input carries aria-invalid="true" and
** aria-describedby pointing at it. Values are escaped (html_printf).
*/
#ifndef CANBO_WIDGETS_H
#define CANBO_WIDGETS_H
#include <stdbool.h>
#include "core/field_errors.h"
#include "core/http.h"
#include "domain/rules.h"
#include "domain/unit.h"

/* One form field. Every member but name and label may be NULL/0. */
typedef struct {
  const char *name;  /* the form field's name */
  const char *label; /* Vietnamese label */
  const char *value; /* value shown: what the user entered, else the stored value */
  const char *error; /* message shown next to the field, or NULL when fine */
  const char *hint;  /* short help under the field */
  bool required;
  int maxlen;        /* maxlength attribute (0: none) */
  const char *id;    /* the element id when a page shows the same field twice (NULL: "f-" + name) */
} Field;

/* A value/label pair of a <select>. */
typedef struct {
  const char *value, *label;
} Choice;

/* <input type=text> in a .field block. */
void widget_text(Req *r, const Field *f);
/* <textarea rows=rows>. */
void widget_textarea(Req *r, const Field *f, int rows);
/*
** A date typed and shown DD/MM/YYYY whatever the browser's language: a text
** input with pattern and inputmode, placeholder "dd/mm/yyyy", and a button
** that opens a calendar (app.js; without JavaScript the text field alone
** works). f->value may be ISO (YYYY-MM-DD, shown as dd/mm/yyyy) or what the
** user typed (shown as typed).
*/
void widget_date(Req *r, const Field *f);
/*
** Read a date the user typed (DD/MM/YYYY, D/M/YYYY or YYYY-MM-DD; white
** space ignored): NULL with *iso set to its ISO form (arena), or NULL with
** *iso NULL when nothing was typed; else the Vietnamese reason it is not a
** date ("không có ngày 31/02/2026 (tháng 2/2026 có 28 ngày)"), to show
** next to the field, with *iso NULL.
*/
const char *widget_date_iso(Req *r, const char *typed, const char **iso);
/*
** The date field `name` of a submitted form (else of the query) into *iso
** (ISO, arena; NULL when empty). A bad date, or an empty one when
** `required`, adds "Label: reason" to e under `name` and returns false.
*/
bool widget_date_field(Req *r, const char *name, const char *label, bool required, FieldErrors *e, const char **iso);
/*
** A date filter of a GET page: query argument `name` as ISO (arena), `def`
** when absent or empty. When it is not a date: `def`, and *error gets the
** reason to show next to the field (the page then answers 400).
*/
const char *widget_date_arg(Req *r, const char *name, const char *def, const char **error);
/*
** <select> of choices c[0..n); the first option is an empty placeholder
** ("— chọn —") unless f->required is false and `placeholder` is NULL, in
** which case the empty option reads "—". The choice equal to f->value is
** selected.
*/
void widget_select(Req *r, const Field *f, const Choice *c, int n, const char *placeholder);
/* widget_select with the consecutive choices of the same group[i] (non-NULL) in one <optgroup label=group[i]>. */
void widget_select_grouped(Req *r, const Field *f, const Choice *c, const char *const *group, int n,
                           const char *placeholder);
/* <select> of units u[0..n) (tree order, names indented by depth), value = unit code; the empty first option as widget_select's with no placeholder. */
void widget_unit_select(Req *r, const Field *f, const Unit *u, int n);
/* The same select for a filter: the empty first option reads `all_label` ("Tất cả đơn vị trong phạm vi"). */
void widget_unit_select_all(Req *r, const Field *f, const Unit *u, int n, const char *all_label);
/* Only the <option>s of that select (the unit `sel` selected), for a <select> a page builds itself (multiple). */
void widget_unit_options(Req *r, const Unit *u, int n, const char *sel);
/* <select> of the terms from 2015-2020 to the one after today's (term_list), f->value selected, no empty option. */
void widget_term_select(Req *r, const Field *f);
/*
** <select> of every title (title_list), grouped by level ("Chức danh cấp
** xã"), value = title code; the empty first option as widget_select's.
*/
void widget_title_select(Req *r, const Field *f, const char *placeholder);
/*
** The cadre picker: a text input where the user types part of a name
** (diacritics optional) and, with JavaScript, gets live suggestions (an
** ARIA combobox fed by GET /api/v1/cadres?q=, keyboard usable) that fill a
** hidden input f->name with the chosen cadre's code. Without JavaScript the
** typed text is submitted as f->name + "_q" and the server resolves it with
** widget_cadre_resolve. f->value is the chosen code (may be NULL);
** `display` the chosen cadre's name shown in the text input.
*/
void widget_cadre_picker(Req *r, const Field *f, const char *display);

typedef struct {
  const char *code, *full_name, *unit_name, *birth_date;
} CadreChoice;

/*
** Resolve the cadre picker `name` of the submitted form, in the user's
** scope: the hidden code (field `name`) when present and in scope, unless
** the text beside it was changed to name someone else since (then the text
** decides: a page re-shown without JavaScript keeps the old code); else the
** text (field `name`_q): a code that exists, or a name search that gives
** exactly one cadre (or, of several, exactly one whose whole name is the
** text, diacritics and case aside). Returns 0 with *code set; CB_ENOTFOUND
** (nothing found: *message says so); CB_EINVAL when several match: *cands
** and *ncands (at most 20, arena) list them for the page to show as radio buttons named `name`,
** and *message asks to choose. An empty picker gives CB_EINVAL with
** *ncands 0 and *message "Chọn cán bộ".
*/
int widget_cadre_resolve(Req *r, const char *name, const char **code, CadreChoice **cands, int *ncands,
                         const char **message);
/* The radio list of candidates left by widget_cadre_resolve (inside the form, in place of the picker). */
void widget_cadre_candidates(Req *r, const char *name, const CadreChoice *c, int n);
/*
** The text-only half of widget_cadre_resolve: `text` (a code, or part of a
** name) looked up in the user's scope, with the same answers.
*/
int widget_cadre_find(Req *r, const char *text, const char **code, CadreChoice **cands, int *ncands,
                      const char **message);

/* A cadre picker of a submitted form, as read back: what to show when the form comes back. */
typedef struct {
  const char *code;   /* the cadre resolved, or NULL */
  const char *text;   /* what was typed */
  CadreChoice *cands; /* several matched: the radio buttons to show instead of the picker */
  int ncands;
} CadrePick;
/*
** widget_cadre_resolve for picker `name` into *p; a refusal's message goes
** into e under `name` (the field is then shown with it). false only after
** answering a database error.
*/
bool widget_cadre_read(Req *r, const char *name, FieldErrors *e, CadrePick *p);
/* The picker f (its value and text from p when the form comes back, p may be NULL), or p's candidates. */
void widget_cadre_field(Req *r, const Field *f, const CadrePick *p);

/*
** The box at the top of a refused form: role=alert, "Chưa lưu: N trường
** chưa hợp lệ", then one line per bad field (its message, which names the
** field in Vietnamese) linking to #f-FIELD. Nothing when e has no errors.
*/
void widget_error_summary(Req *r, const FieldErrors *e);

/* A result badge: "Đạt" / "Cảnh báo" / "Không đạt" / "Không áp dụng" with its class. */
void widget_result_badge(Req *r, Result res);
/* The findings table: rule, result badge, explanation, legal basis. */
void widget_findings_table(Req *r, const Findings *f);
/*
** After a redirect from a form that recorded an act (?`param`=ID): the
** notice `done` and the findings stored with act ID of `subject`
** ("rotation", "relative", "appointment"...). Nothing when there is none.
*/
void widget_recorded_findings(Req *r, const char *param, const char *subject, const char *done);

/*
** Paging links under a list: "Trang 2/14", previous/next and a few page
** numbers, each a link to `base` (a path with its query string, escaped
** here) + "page=N". page is 1-based; total the number of rows (may be
** capped, then `capped` prints "hơn N").
*/
void widget_pager(Req *r, const char *base, int page, int per_page, long long total, bool capped);
/* The last page of `total` rows, `per_page` to a page (1 when there are none): where a page past the end goes. */
int widget_last_page(long long total, int per_page);
/* The same for a second list of a page, whose page number is the query argument `param` (not "page"). */
void widget_pager_param(Req *r, const char *base, const char *param, int page, int per_page, long long total,
                        bool capped);

/* The {id} path parameter number `i` as a positive integer; false (after a 404) when it is not one. */
bool req_param_id(Req *r, int i, long long *id);
/* A positive id written in s (a path segment, form or query value: digits only), else 0. */
long long id_value(const char *s);

#endif

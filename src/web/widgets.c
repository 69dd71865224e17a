/*
** One widget per job (see widgets.h): the form fields, the error summary,
** the findings table, the result badge and the pager that every page
** writes through this file. Markup only from literals; text through
** html_printf's %s, codes in links through %U.
*/
#include "web/widgets.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "core/vi.h"
#include "domain/cadre.h"
#include "domain/term.h"
#include "domain/title.h"
#include "web/pages.h"

/* ---- the pieces of a .field block ---- */

/* The element id of a field: f->id, else "f-" + name (arena). */
static const char *field_id(Req *r, const Field *f) {
  return f->id && *f->id ? f->id : arena_printf(r->a, "f-%s", f->name);
}

/* <div class="field"> and its <label>; a required field's label carries a star (not read out: the input says required). */
static void field_open(Req *r, const Field *f, const char *id, const char *extra_class) {
  Buf *b = &r->out;
  if (f->error) html_printf(b, "<div class=\"field field-invalid%s\">", extra_class);
  else html_printf(b, "<div class=\"field%s\">", extra_class);
  html_printf(b, "<label for=\"%s\">%s", id, f->label);
  if (f->required) html_lit(b, " <span class=\"req\" aria-hidden=\"true\">*</span>");
  html_lit(b, "</label>");
}

/* The attributes every input shares: id, name, required, maxlength, aria-invalid and aria-describedby. */
static void field_attrs(Req *r, const Field *f, const char *id, const char *name) {
  Buf *b = &r->out;
  html_printf(b, " id=\"%s\" name=\"%s\"", id, name);
  if (f->required) html_lit(b, " required");
  if (f->maxlen > 0) html_printf(b, " maxlength=\"%d\"", f->maxlen);
  if (f->error) html_lit(b, " aria-invalid=\"true\"");
  if (f->error && f->hint) html_printf(b, " aria-describedby=\"%s-err %s-hint\"", id, id);
  else if (f->error) html_printf(b, " aria-describedby=\"%s-err\"", id);
  else if (f->hint) html_printf(b, " aria-describedby=\"%s-hint\"", id);
}

/* The error message (id "...-err") and the hint under the field, then </div>. */
static void field_close(Req *r, const Field *f, const char *id) {
  Buf *b = &r->out;
  if (f->error) html_printf(b, "<p class=\"field-err\" id=\"%s-err\">%s</p>", id, f->error);
  if (f->hint) html_printf(b, "<p class=\"help\" id=\"%s-hint\">%s</p>", id, f->hint);
  html_lit(b, "</div>");
}

void widget_text(Req *r, const Field *f) {
  const char *id = field_id(r, f);
  field_open(r, f, id, "");
  html_lit(&r->out, "<input type=\"text\"");
  field_attrs(r, f, id, f->name);
  html_printf(&r->out, " value=\"%s\">", f->value ? f->value : "");
  field_close(r, f, id);
}

void widget_textarea(Req *r, const Field *f, int rows) {
  const char *id = field_id(r, f);
  field_open(r, f, id, "");
  html_printf(&r->out, "<textarea rows=\"%d\"", rows > 0 ? rows : 3);
  field_attrs(r, f, id, f->name);
  html_printf(&r->out, ">%s</textarea>", f->value ? f->value : "");
  field_close(r, f, id);
}

/* ---- dates ---- */

/* D/M/YYYY or DD/MM/YYYY with a real-looking day and month; the server checks the calendar (31/02). */
#define DATE_PATTERN "(0?[1-9]|[12][0-9]|3[01])/(0?[1-9]|1[0-2])/[0-9]{4}"

void widget_date(Req *r, const Field *f) {
  const char *id = field_id(r, f), *shown = f->value ? f->value : "";
  Date d;
  char vn[16];
  /* An ISO value (stored) is shown dd/mm/yyyy; anything else is what the user typed, kept as typed. */
  if (strlen(shown) == 10 && shown[4] == '-' && date_parse(shown, &d, DATE_FULL) == 0) shown = date_vn(d, vn);
  Buf *b = &r->out;
  field_open(r, f, id, " field-date");
  html_lit(b, "<div class=\"date-input\"><input type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" "
              "placeholder=\"dd/mm/yyyy\" pattern=\"" DATE_PATTERN "\" "
              "title=\"Ngày dạng dd/mm/yyyy, ví dụ 30/04/2026\" data-date");
  field_attrs(r, f, id, f->name);
  html_printf(b, " value=\"%s\">", shown);
  /* Shown by app.js only: without JavaScript the text field is the whole widget. */
  html_printf(b, "<button type=\"button\" class=\"date-btn\" hidden aria-haspopup=\"dialog\" aria-controls=\"%s\" "
                 "aria-label=\"Mở lịch chọn ngày\" title=\"Mở lịch chọn ngày\"><span aria-hidden=\"true\">▦</span></button></div>",
              id);
  field_close(r, f, id);
}

const char *widget_date_iso(Req *r, const char *typed, const char **iso) {
  *iso = NULL;
  if (!typed) return NULL;
  char *s = vi_squeeze(r->a, typed);
  if (!*s) return NULL;
  Date d;
  char why[160], out[16];
  const char *problem = date_problem(s, DATE_FULL, &d, why, sizeof why);
  if (problem) return arena_strdup(r->a, problem);
  *iso = arena_strdup(r->a, date_iso(d, out));
  return NULL;
}

bool widget_date_field(Req *r, const char *name, const char *label, bool required, FieldErrors *e, const char **iso) {
  const char *typed = req_form(r, name);
  if (!typed) typed = req_query(r, name);
  const char *why = widget_date_iso(r, typed, iso);
  if (why) field_errors_add(e, name, "%s: %s", label, why);
  else if (!*iso && required) field_errors_add(e, name, "%s: chưa nhập ngày (dd/mm/yyyy)", label);
  else return true;
  return false;
}

const char *widget_date_arg(Req *r, const char *name, const char *def, const char **error) {
  const char *iso;
  *error = widget_date_iso(r, req_query(r, name), &iso);
  return iso ? iso : def;
}

/* ---- selects ---- */

/* The empty first option's text (see widget_select). */
static const char *empty_label(const Field *f, const char *placeholder) {
  return placeholder ? placeholder : f->required ? "— chọn —" : "—";
}

/* "<option value="VALUE"[ selected]>", escaped: the options of every select go through here (the profile's
   eligibility panel writes ~100 of them; one html_printf each cost more than the text). */
static void option_open(Buf *b, const char *value, bool selected) {
  html_lit(b, "<option value=\"");
  html_text(b, value);
  if (selected) html_lit(b, "\" selected>");
  else html_lit(b, "\">");
}

/* A whole option: its value, whether it is the field's, and its label (escaped). */
static void option(Buf *b, const char *value, const char *current, const char *label) {
  option_open(b, value, current && strcmp(current, value) == 0);
  html_text(b, label);
  html_lit(b, "</option>");
}

/* The field block, its label and "<select ...>"; then the empty first option reading `empty` unless NULL. Returns the id. */
static const char *select_open(Req *r, const Field *f, const char *empty) {
  const char *id = field_id(r, f);
  field_open(r, f, id, "");
  html_lit(&r->out, "<select");
  Field g = *f;
  g.maxlen = 0; /* maxlength is not an attribute of <select> (the W3C checker, issue 12) */
  field_attrs(r, &g, id, f->name);
  if (empty) html_printf(&r->out, "><option value=\"\">%s</option>", empty);
  else html_lit(&r->out, ">");
  return id;
}

/* "</select>", the message and the hint, and the end of the field block. */
static void select_close(Req *r, const Field *f, const char *id) {
  html_lit(&r->out, "</select>");
  field_close(r, f, id);
}

void widget_select(Req *r, const Field *f, const Choice *c, int n, const char *placeholder) {
  const char *id = select_open(r, f, empty_label(f, placeholder));
  Buf *b = &r->out;
  for (int i = 0; i < n; i++) option(b, c[i].value, f->value, c[i].label);
  select_close(r, f, id);
}

void widget_select_grouped(Req *r, const Field *f, const Choice *c, const char *const *group, int n,
                           const char *placeholder) {
  const char *id = select_open(r, f, empty_label(f, placeholder));
  Buf *b = &r->out;
  for (int i = 0; i < n; i++) {
    const char *prev = i ? group[i - 1] : NULL, *g = group[i];
    bool same = prev && g && strcmp(prev, g) == 0;
    if (prev && !same) html_lit(b, "</optgroup>");
    if (g && !same) html_printf(b, "<optgroup label=\"%s\">", g);
    option(b, c[i].value, f->value, c[i].label);
  }
  if (n && group[n - 1]) html_lit(b, "</optgroup>");
  select_close(r, f, id);
}

void widget_unit_options(Req *r, const Unit *u, int n, const char *sel) {
  Buf *b = &r->out;
  char today[16];
  date_iso(date_today(), today);
  for (int i = 0; i < n; i++) {
    option_open(b, u[i].code, sel && strcmp(sel, u[i].code) == 0);
    for (int d = 0; d < u[i].depth && d < 8; d++) html_lit(b, "&nbsp;&nbsp;&nbsp;");
    html_text(b, u[i].name);
    /* a unit merged or dissolved stays listed (past reports, old records) but says so: not two «Xã Vĩnh Thực» */
    if (u[i].valid_to && *u[i].valid_to && strcmp(u[i].valid_to, today) < 0) {
      char d[16];
      html_printf(b, " (đã kết thúc %s)", date_iso_to_vn(u[i].valid_to, d));
    }
    html_lit(b, "</option>");
  }
}

void widget_unit_select_all(Req *r, const Field *f, const Unit *u, int n, const char *all_label) {
  const char *id = select_open(r, f, empty_label(f, all_label));
  widget_unit_options(r, u, n, f->value);
  select_close(r, f, id);
}

void widget_unit_select(Req *r, const Field *f, const Unit *u, int n) { widget_unit_select_all(r, f, u, n, NULL); }

void widget_term_select(Req *r, const Field *f) {
  const char **terms;
  int n;
  char today[16];
  term_list(r->a, date_iso(date_today(), today), &terms, &n);
  const char *id = select_open(r, f, NULL);
  Buf *b = &r->out;
  for (int i = 0; i < n; i++) {
    if (f->value && strcmp(f->value, terms[i]) == 0) html_printf(b, "<option selected>%s</option>", terms[i]);
    else html_printf(b, "<option>%s</option>", terms[i]);
  }
  select_close(r, f, id);
}

void widget_title_select(Req *r, const Field *f, const char *placeholder) {
  Title *t;
  int n = 0;
  if (title_list(r->db, r->a, &t, &n) != 0) n = 0;
  const char *id = select_open(r, f, empty_label(f, placeholder)), *level = NULL;
  Buf *b = &r->out;
  for (int i = 0; i < n; i++) {
    if (!level || strcmp(level, t[i].level) != 0) {
      if (level) html_lit(b, "</optgroup>");
      level = t[i].level;
      html_printf(b, "<optgroup label=\"Chức danh %s\">", unit_level_label(level));
    }
    option(b, t[i].code, f->value, t[i].name);
  }
  if (level) html_lit(b, "</optgroup>");
  select_close(r, f, id);
}

/* ---- the cadre picker ---- */

void widget_cadre_picker(Req *r, const Field *f, const char *display) {
  const char *id = field_id(r, f);
  Buf *b = &r->out;
  Field shown = *f;
  if (!shown.hint) shown.hint = "Gõ một phần họ tên (không dấu cũng được) rồi chọn trong danh sách gợi ý.";
  field_open(r, &shown, id, " cadre-picker");
  html_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\" data-picker-code>", f->name, f->value ? f->value : "");
  /* role=combobox and its aria-* are set by app.js: without JavaScript this is a plain text box. */
  html_printf(b, "<div class=\"picker-box\"><input type=\"text\" autocomplete=\"off\" spellcheck=\"false\" "
                 "placeholder=\"Họ tên cán bộ\" data-picker=\"%s-list\"",
              id);
  field_attrs(r, &shown, id, arena_printf(r->a, "%s_q", f->name));
  html_printf(b, " value=\"%s\"><ul class=\"picker-list\" id=\"%s-list\" role=\"listbox\" aria-label=\"%s: gợi ý\" "
                 "hidden></ul></div>",
              display ? display : f->value ? f->value : "", id, f->label);
  html_printf(b, "<p class=\"sr-only\" aria-live=\"polite\" id=\"%s-status\"></p>", id);
  field_close(r, &shown, id);
}

/* The submitted value of `name` (a POST form field, else a query argument). */
static const char *submitted(Req *r, const char *name) {
  const char *v = req_form(r, name);
  return v ? v : req_query(r, name);
}

/* True when `text` names cadre c: its code, its full name, or "Name (CODE)"/"CODE — Name" as a picker may show it. */
static bool text_names(Req *r, const char *text, const Cadre *c) {
  if (!*text || strcmp(text, c->code) == 0) return true;
  const char *ft = vi_fold(r->a, text), *fn = vi_fold(r->a, c->full_name);
  return ft && fn && (strcmp(ft, fn) == 0 || (strstr(ft, fn) && strstr(text, c->code)));
}

/* The radio buttons of candidates under `legend`, with the message why (id f-NAME-err) when given. */
static void candidates(Req *r, const char *name, const char *legend, const char *why, const CadreChoice *c, int n) {
  Buf *b = &r->out;
  html_printf(b, "<fieldset class=\"field cadre-cands\" id=\"f-%s\"><legend>%s</legend>", name, legend);
  if (why) html_printf(b, "<p class=\"field-err\" id=\"f-%s-err\">%s</p>", name, why);
  for (int i = 0; i < n; i++) {
    char vn[16];
    Date d;
    const char *born = c[i].birth_date && date_parse(c[i].birth_date, &d, DATE_PARTIAL) == 0 ? date_vn(d, vn) : "—";
    html_printf(b, "<label class=\"cand\"><input type=\"radio\" name=\"%s\" value=\"%s\" required> "
                   "<strong>%s</strong> <span class=\"muted\">— %s, sinh %s</span></label>",
                name, c[i].code, c[i].full_name, c[i].unit_name ? c[i].unit_name : "—", born);
  }
  html_lit(b, "</fieldset>");
}

void widget_cadre_candidates(Req *r, const char *name, const CadreChoice *c, int n) {
  candidates(r, name, "Chọn cán bộ", NULL, c, n);
}

int widget_cadre_find(Req *r, const char *raw, const char **code, CadreChoice **cands, int *ncands,
                      const char **message) {
  const char *scope = scope_legacy(r->scope), *text = raw ? vi_squeeze(r->a, raw) : "";
  *code = NULL, *cands = NULL, *ncands = 0, *message = NULL;
  if (!*text) {
    *message = "Chọn cán bộ";
    return CB_EINVAL;
  }
  Cadre c;
  if (cadre_find(r->db, r->a, scope_from_legacy(scope), text, &c) == 0) { /* a code typed exactly */
    *code = c.code;
    return 0;
  }
  CadreQuery q = {.q = text, .scope = scope, .sort = "name", .limit = 20};
  Cadre *v;
  int n;
  long long total;
  int rc = cadre_search(r->db, r->a, &q, &v, &n, &total);
  if (rc) return rc;
  /* One match; or, among several, exactly one whose whole name is the text typed ("Nguyễn Văn An", not "...Anh"). */
  const char *folded = vi_fold(r->a, text);
  int exact = -1, nexact = 0;
  for (int i = 0; i < n; i++) {
    const char *fn = vi_fold(r->a, v[i].full_name);
    if (folded && fn && strcmp(folded, fn) == 0) exact = i, nexact++;
  }
  if (total == 1 || (nexact == 1 && total <= n)) {
    *code = v[total == 1 ? 0 : exact].code;
    return 0;
  }
  if (total == 0) {
    *message = arena_printf(r->a, "Không tìm thấy cán bộ nào có tên hoặc mã «%s» trong phạm vi của bạn", text);
    return CB_ENOTFOUND;
  }
  CadreChoice *out = arena_alloc(r->a, sizeof *out * (size_t)n);
  for (int i = 0; i < n; i++) out[i] = (CadreChoice){v[i].code, v[i].full_name, v[i].unit_name, v[i].birth_date};
  *cands = out, *ncands = n;
  *message = total > n ? arena_printf(r->a, "Có hơn %d cán bộ khớp với «%s»: chọn một người dưới đây, hoặc gõ đầy đủ hơn",
                                      n, text)
                       : arena_printf(r->a, "Có %d cán bộ khớp với «%s»: chọn một người dưới đây", n, text);
  return CB_EINVAL;
}

int widget_cadre_resolve(Req *r, const char *name, const char **code, CadreChoice **cands, int *ncands,
                         const char **message) {
  const char *hidden = submitted(r, name), *raw = submitted(r, arena_printf(r->a, "%s_q", name));
  const char *text = raw ? vi_squeeze(r->a, raw) : "";
  Cadre c;
  /* The chosen code (a suggestion, a radio button), unless the text was changed to another name since. */
  if (hidden && *hidden && cadre_find(r->db, r->a, r->scope, hidden, &c) == 0 &&
      text_names(r, text, &c)) {
    *code = c.code, *cands = NULL, *ncands = 0, *message = NULL;
    return 0;
  }
  return widget_cadre_find(r, text, code, cands, ncands, message);
}

bool widget_cadre_read(Req *r, const char *name, FieldErrors *e, CadrePick *p) {
  const char *message;
  memset(p, 0, sizeof *p);
  p->text = submitted(r, arena_printf(r->a, "%s_q", name));
  int rc = widget_cadre_resolve(r, name, &p->code, &p->cands, &p->ncands, &message);
  if (rc == CB_EINVAL || rc == CB_ENOTFOUND) field_errors_add(e, name, "%s", message);
  else if (rc) resp_cb_error(r, rc);
  return !rc || rc == CB_EINVAL || rc == CB_ENOTFOUND;
}

void widget_cadre_field(Req *r, const Field *f, const CadrePick *p) {
  if (p && p->ncands) {
    candidates(r, f->name, arena_printf(r->a, "%s: chọn một người", f->label), f->error, p->cands, p->ncands);
    return;
  }
  Field shown = *f;
  const char *display = NULL;
  if (p) {
    shown.value = p->code;
    display = p->text;
    if (p->code && (!display || !*display)) {
      Cadre c;
      if (cadre_find(r->db, r->a, r->scope, p->code, &c) == 0) display = c.full_name;
    }
  }
  widget_cadre_picker(r, &shown, display);
}

/* ---- the summary of a refused form ---- */

void widget_error_summary(Req *r, const FieldErrors *e) {
  if (!e || e->n == 0) return;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"notice notice-error error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\">"
                 "<p><strong>Chưa lưu: %d trường chưa hợp lệ</strong></p><ul>",
              e->n);
  for (int i = 0; i < e->n; i++)
    html_printf(b, "<li><a href=\"#f-%s\">%s</a></li>", e->v[i].field, e->v[i].message);
  html_lit(b, "</ul></div>");
}

/* ---- findings ---- */

void widget_result_badge(Req *r, Result res) {
  static const char *const cls[] = {"na", "pass", "warn", "fail"};
  html_printf(&r->out, "<span class=\"badge badge-%s\">%s</span>", cls[res >= RESULT_NA && res <= RESULT_FAIL ? res : 0],
              result_label(res));
}

void widget_findings_table(Req *r, const Findings *f) {
  Buf *b = &r->out;
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list findings\"><caption class=\"sr-only\">Kết quả kiểm tra "
              "từng quy định</caption><thead><tr><th scope=\"col\">Quy định</th><th scope=\"col\">Kết quả</th>"
              "<th scope=\"col\">Giải thích</th><th scope=\"col\">Căn cứ</th></tr></thead><tbody>");
  for (int i = 0; i < f->n; i++) {
    html_printf(b, "<tr class=\"finding-%s\"><td class=\"nowrap\"><strong>%s</strong></td><td>",
                result_name(f->v[i].result), f->v[i].rule);
    widget_result_badge(r, f->v[i].result);
    html_printf(b, "</td><td>%s</td><td class=\"basis\">%s", f->v[i].message,
                f->v[i].basis && *f->v[i].basis ? f->v[i].basis : "—");
    /* canbo's own convention, never shown as a legal basis (docs/RULES.md); not for a rule that did not apply;
       folded under its heading, so that a table of findings keeps rows a line or two high (a board-user trial) */
    if (f->v[i].convention && *f->v[i].convention && f->v[i].result != RESULT_NA)
      html_printf(b, "<details class=\"convention\"><summary>Quy ước của hệ thống</summary><p>%s</p></details>",
                  f->v[i].convention);
    html_lit(b, "</td></tr>");
  }
  if (f->n == 0) html_lit(b, "<tr><td colspan=\"4\" class=\"empty\">Không có quy định nào được áp dụng.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

void widget_recorded_findings(Req *r, const char *param, const char *subject, const char *done) {
  long long id = id_value(req_query(r, param));
  Findings f;
  /* the id comes from the query: only acts about cadres of the user's scope are shown */
  if (!id || !cadre_findings_in_scope(r->db, r->scope, subject, id) ||
      findings_load(r->db, r->a, subject, id, &f) != 0)
    return;
  page_notice(r, "ok", done);
  widget_findings_table(r, &f);
}

/* ---- paging ---- */

static void pager_link(Req *r, const char *base, const char *param, long long p, const char *label, const char *rel) {
  html_printf(&r->out, "<li><a class=\"pg\" href=\"%s%s=%lld\"", base, param, p);
  if (rel) html_printf(&r->out, " rel=\"%s\"", rel);
  html_printf(&r->out, ">%s</a></li>", label);
}

void widget_pager(Req *r, const char *base, int page, int per_page, long long total, bool capped) {
  widget_pager_param(r, base, "page", page, per_page, total, capped);
}

int widget_last_page(long long total, int per_page) {
  if (per_page <= 0) per_page = 50;
  long long pages = total > 0 ? (total + per_page - 1) / per_page : 1;
  return pages < INT_MAX ? (int)pages : INT_MAX;
}

void widget_pager_param(Req *r, const char *base, const char *param, int page, int per_page, long long total,
                        bool capped) {
  if (per_page <= 0) per_page = 50;
  long long pages = widget_last_page(total, per_page);
  if (page < 1) page = 1;
  if (page > pages) page = (int)pages;
  /* base + "PARAM=N": add the '?' or '&' the base lacks. */
  size_t n = strlen(base);
  const char *sep = !strchr(base, '?') ? "?" : n && (base[n - 1] == '?' || base[n - 1] == '&') ? "" : "&";
  const char *href = arena_printf(r->a, "%s%s", base, sep);
  Buf *b = &r->out;
  html_lit(b, "<nav class=\"pager\" aria-label=\"Phân trang\">");
  if (pages > 1) {
    char nc[32], np[32], nt[32];
    vi_count(nc, sizeof nc, page), vi_count(np, sizeof np, pages), vi_count(nt, sizeof nt, total);
    if (capped) html_printf(b, "<p class=\"pager-info\">Trang %s/%s (hơn %s dòng)</p>", nc, np, nt);
    else html_printf(b, "<p class=\"pager-info\">Trang %s/%s (%s dòng)</p>", nc, np, nt);
    html_lit(b, "<ul>");
    if (page > 1) pager_link(r, href, param, page - 1, "‹ Trước", "prev");
    long long lo = page - 2 > 1 ? page - 2 : 1, hi = page + 2 < pages ? page + 2 : pages;
    if (lo > 1) pager_link(r, href, param, 1, "1", NULL);
    if (lo > 2) html_lit(b, "<li><span class=\"pg-gap\">…</span></li>");
    for (long long p = lo; p <= hi; p++) {
      char nn[32];
      vi_count(nn, sizeof nn, p);
      if (p == page) html_printf(b, "<li><span aria-current=\"page\" class=\"pg pg-on\">%s</span></li>", nn);
      else pager_link(r, href, param, p, arena_strdup(r->a, nn), NULL);
    }
    if (hi < pages - 1) html_lit(b, "<li><span class=\"pg-gap\">…</span></li>");
    if (hi < pages) pager_link(r, href, param, pages, arena_strdup(r->a, np), NULL);
    if (page < pages) pager_link(r, href, param, page + 1, "Sau ›", "next");
    html_lit(b, "</ul>");
  }
  html_lit(b, "</nav>");
}

/* ---- path parameters ---- */

long long id_value(const char *s) {
  if (!s || *s < '0' || *s > '9') return 0;
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  return !*end && !errno && v > 0 ? v : 0;
}

bool req_param_id(Req *r, int i, long long *id) {
  *id = id_value(i >= 0 && i < r->nparams ? r->params[i] : NULL);
  if (*id) return true;
  resp_error(r, 404, "not_found", "Không tìm thấy.");
  return false;
}

/*
** Small pieces shared by the evaluation, discipline and rules pages (see
** pages_eval.h): the unit filter, result badges, CSV downloads.
*/
#include <string.h>
#include "core/csv.h"
#include "core/html.h"
#include "domain/unit.h"
#include "web/forms.h"
#include "web/pages.h"
#include "web/pages_eval.h"

void unit_select(Req *r, const char *sel) {
  Unit *units = NULL;
  int nu = 0;
  Buf *b = &r->out;
  unit_list(r->db, r->a, r->user ? r->user->scope : NULL, &units, &nu);
  html_lit(b, "<div class=\"field\"><label for=\"unit\">Đơn vị</label><select id=\"unit\" name=\"unit\">"
              "<option value=\"\">Tất cả đơn vị trong phạm vi</option>");
  form_unit_options(r, units, nu, sel);
  html_lit(b, "</select></div>");
}

void result_badge(Req *r, Result res) {
  html_printf(&r->out, "<span class=\"badge badge-%s\">%s</span>",
              res == RESULT_PASS ? "pass" : res == RESULT_WARN ? "warn" : res == RESULT_FAIL ? "fail" : "na",
              result_label(res));
}

void send_csv(Req *r, Buf *csv, const char *name) {
  buf_reset(&r->out);
  buf_puts(&r->out, "\xEF\xBB\xBF"); /* BOM: Excel opens UTF-8 */
  buf_append(&r->out, csv->p ? csv->p : "", csv->len);
  buf_free(csv);
  r->status = 200;
  r->content_type = "text/csv; charset=utf-8";
  resp_header(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s\"", name));
}

void csv_cell(Buf *b, const char *s, bool last) {
  csv_buf_field(b, s);
  buf_puts(b, last ? "\r\n" : ",");
}

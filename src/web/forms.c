/* Shared pieces of HTML forms (see forms.h). */
#include "web/forms.h"
#include <string.h>
#include "core/html.h"

void form_unit_options(Req *r, const Unit *u, int n, const char *sel) {
  Buf *b = &r->out;
  for (int i = 0; i < n; i++) {
    if (sel && strcmp(sel, u[i].code) == 0) html_printf(b, "<option value=\"%s\" selected>", u[i].code);
    else html_printf(b, "<option value=\"%s\">", u[i].code);
    for (int d = 0; d < u[i].depth && d < 8; d++) html_lit(b, "&nbsp;&nbsp;&nbsp;");
    html_printf(b, "%s</option>", u[i].name);
  }
}

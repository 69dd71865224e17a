/*
** The official lists on the web (domain/official_lists.h):
**   GET /quy-hoach/danh-sach?unit=&term=&title=&date=&format=xlsx|csv|json
**   GET /bo-nhiem/den-han/danh-sach?unit=&date=&format=xlsx|csv|json
**   GET /dao-tao?unit=&year=                 the page: cadres sent to training in a year
**   GET /dao-tao?unit=&year=&format=xlsx|csv|json   the same list as a file
** The format defaults to xlsx for the two downloads. The unit defaults to
** the user's scope unit (else the root), so the title block names it; a
** unit outside the scope is 404, a bad term, date, year or format 400.
** Every download is audited (export). Thin: official_lists.c does the work.
*/
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/docs/doc_kinds.h"
#include "domain/official_lists.h"
#include "domain/training.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"


static const char *unit_arg(Req *r) {
  const char *u = req_query(r, "unit");
  return u && *u ? u : report_default_unit(r);
}

/* The format asked (default `def`); NULL after a 400 for anything but csv, xlsx, json. */
static const char *format_arg(Req *r, const char *def) {
  const char *f = req_query(r, "format");
  if (!f || !*f) return def;
  if (strcmp(f, "csv") == 0 || strcmp(f, "xlsx") == 0 || strcmp(f, "json") == 0) return f;
  resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn xlsx, csv hoặc json.");
  return NULL;
}

static int list_xlsx(const void *l, const char *path) { return official_list_xlsx(l, path); }
static int list_csv(const void *l, FILE *f) { return official_list_csv(l, f); }
static int list_json(const void *l, FILE *f) { return official_list_json(l, f); }
static int list_audit(Req *r, const void *l, const char *format) {
  return official_list_audit(r->db, r->user ? r->user->username : "web", l, format);
}

/* Write l as `format` into a temporary file and send it, named `name`.<format> (JSON: as the answer); audited. */
static void send_list(Req *r, const OfficialList *l, const char *format, const char *name) {
  bool json = strcmp(format, "json") == 0;
  Download d = {format, arena_printf(r->a, "%s.%s", name, format), l, json ? NULL : list_xlsx, json ? list_json : list_csv,
                list_audit};
  if (json) download_send_answer(r, &d);
  else download_send(r, &d);
}

static void list_error(Req *r, int rc) {
  if (rc == CB_EINVAL) resp_error(r, 400, "bad_request", "Tham số không hợp lệ: nhiệm kỳ YYYY-YYYY, ngày YYYY-MM-DD, năm YYYY.");
  else resp_cb_error(r, rc);
}

void page_planning_list(Req *r) {
  const char *format = format_arg(r, "xlsx");
  if (!format) return;
  OfficialList l;
  int rc = official_planning_list(r->db, r->a, r->scope, unit_arg(r), req_query(r, "term"), req_query(r, "title"),
                                  req_query(r, "date"), &l);
  if (rc) {
    list_error(r, rc);
    return;
  }
  send_list(r, &l, format, arena_printf(r->a, "danh-sach-quy-hoach-%s-%s", l.unit_code ? l.unit_code : "all", l.term));
}

void page_due_list(Req *r) {
  const char *format = format_arg(r, "xlsx");
  if (!format) return;
  OfficialList l;
  int rc = official_due_list(r->db, r->a, r->scope, unit_arg(r), req_query(r, "date"), &l);
  if (rc) {
    list_error(r, rc);
    return;
  }
  send_list(r, &l, format, arena_printf(r->a, "den-han-bo-nhiem-lai-%s-%s", l.unit_code ? l.unit_code : "all", l.date));
}

/* ---- /dao-tao: the page ---- */

static void training_form(Req *r, const OfficialList *l, long total) {
  Unit *u;
  int nu;
  if (unit_list(r->db, r->a, r->scope, &u, &nu) != 0) nu = 0;
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/dao-tao\" class=\"search card\" id=\"trainings-form\">");
  widget_unit_select(r, &(Field){.name = "unit", .label = "Đơn vị", .value = l->unit_code, .required = true}, u, nu);
  widget_text(r, &(Field){.name = "year", .label = "Năm", .value = arena_printf(r->a, "%d", l->year), .maxlen = 4});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
  html_lit(b, "<div class=\"toolbar\"><div class=\"exports\">");
  const char *fmts[][2] = {{"xlsx", "Xuất Excel (mẫu danh sách)"}, {"csv", "Xuất CSV"}};
  for (int i = 0; i < 2; i++)
    html_printf(b, "<a class=\"btn btn-ghost\" id=\"trainings-%s\" href=\"%s\">%s</a>", fmts[i][0],
                html_url(r->a, "/dao-tao?unit=%U&year=%d&format=%U", l->unit_code ? l->unit_code : "", l->year, fmts[i][0]),
                fmts[i][1]);
  if (l->unit_code && total > DOC_LIST_ROWS_MAX) /* too long for a document to sign (doc_kinds.h) */
    html_printf(b, "<span class=\"muted\" id=\"trainings-doc-too-long\">Danh sách (văn bản): tối đa %s dòng, hãy chọn "
                   "đơn vị nhỏ hơn</span>",
                fmt_count(r, DOC_LIST_ROWS_MAX));
  else if (l->unit_code)
    doc_button(r, "Danh sách (văn bản)", "danh-sach",
               (const char *const[]){"list", "trainings", "unit", l->unit_code, "year", arena_printf(r->a, "%d", l->year), NULL});
  html_lit(b, "<a class=\"btn btn-ghost\" href=\"/dao-tao/nhu-cau\">Nhu cầu đào tạo năm tới</a></div></div>");
}

/* Column i of row k of the list. */
static const char *cell(const OfficialList *l, int k, int i) { return l->cells[k * l->ncols + i]; }

static void training_table(Req *r, const OfficialList *l, int first) {
  Buf *b = &r->out;
  if (l->nrows == 0) {
    html_lit(b, "<p class=\"empty card\">Không có lượt đào tạo, bồi dưỡng nào bắt đầu trong năm này.</p>");
    return;
  }
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"trainings\"><caption class=\"sr-only\">Cán bộ được cử "
              "đi đào tạo, bồi dưỡng</caption><thead><tr><th scope=\"col\">STT</th><th scope=\"col\">Họ và tên</th>"
              "<th scope=\"col\">Chức vụ hiện tại</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Chương trình</th>"
              "<th scope=\"col\">Cơ sở đào tạo</th><th scope=\"col\">Từ ngày</th><th scope=\"col\">Đến ngày</th>"
              "<th scope=\"col\">Tình trạng</th></tr></thead><tbody>");
  /* Columns: code, full_name, birth_date, gender, current_title, unit, program, name, institution, start, end, status. */
  for (int k = 0; k < l->nrows; k++) {
    html_printf(b, "<tr><td class=\"num\">%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>", fmt_count(r, first + k + 1),
                cell(l, k, 0), cell(l, k, 1), or_dash(cell(l, k, 4)), or_dash(cell(l, k, 5)));
    html_printf(b, "<td>%s", training_program_label(cell(l, k, 6)));
    if (cell(l, k, 7) && *cell(l, k, 7)) html_printf(b, "<br><small class=\"muted\">%s</small>", cell(l, k, 7));
    html_printf(b, "</td><td>%s</td><td class=\"nowrap\">%s</td><td class=\"nowrap\">%s</td><td>%s</td></tr>",
                or_dash(cell(l, k, 8)), fmt_date(r, cell(l, k, 9)), fmt_date(r, cell(l, k, 10)),
                training_status_label(cell(l, k, 11)));
  }
  html_lit(b, "</tbody></table></div>");
}

/* Rows of /dao-tao per page; the downloads hold the whole list. */
#define TRAINING_ROWS 200

void page_trainings(Req *r) {
  const char *format = format_arg(r, NULL);
  if (req_query(r, "format") && !format) return;
  int year;
  if (!report_year_arg(r, &year)) return;
  if (!req_query(r, "year") || !*req_query(r, "year")) year = date_today().y; /* the page opens on this year */
  OfficialList l;
  if (format) { /* the files are written row by row from the statement (issue 9: 503 at 6,000,000 cadres before) */
    int rc = official_training_stream(r->db, r->a, r->scope, unit_arg(r), year, NULL, &l);
    if (rc) list_error(r, rc);
    else send_list(r, &l, format, arena_printf(r->a, "dao-tao-%s-%d", l.unit_code ? l.unit_code : "all", year));
    return;
  }
  /* a page of the list (issue 9: a province's year is tens of thousands of trainings); past the end, the last */
  int first = ((int)req_query_long(r, "page", 1, 1, 1000000) - 1) * TRAINING_ROWS;
  long total = 0;
  int rc = official_training_page(r->db, r->a, r->scope, unit_arg(r), year, NULL, &first, TRAINING_ROWS, &l, &total);
  if (rc) {
    list_error(r, rc);
    return;
  }
  page_begin(r, "Cán bộ được cử đi đào tạo", NAV_NONE);
  html_printf(&r->out, "<div class=\"page-head\"><h1>Cán bộ được cử đi đào tạo, bồi dưỡng năm %d</h1><p class=\"muted\">"
                       "%s · <span id=\"trainings-total\">%s</span> lượt bắt đầu trong năm (mọi tình trạng)</p></div>",
              year, l.unit_name ? l.unit_name : "Toàn bộ phạm vi", fmt_count(r, total));
  training_form(r, &l, total);
  training_table(r, &l, first);
  if (total > TRAINING_ROWS)
    widget_pager(r, html_url(r->a, "/dao-tao?unit=%U&year=%d", l.unit_code ? l.unit_code : "", year),
                 first / TRAINING_ROWS + 1, TRAINING_ROWS, total, false);
  page_end(r);
}

/*
** The import page (GET/POST /nhap-du-lieu, officer and admin): a CSV upload
** form; the POST runs importer_run (all or nothing) within the user's scope
** and shows either the number of rows imported or every error as a table.
** Files over the 1 MiB request limit are refused by the HTTP layer (413):
** the page says to use `canbo import` for those.
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/importer.h"
#include "web/pages.h"
#include "web/web.h"

static const char *const KINDS[][2] = {
    {"units", "Đơn vị"},
    {"titles", "Chức danh"},
    {"cadres", "Cán bộ"},
    {"positions", "Chức vụ (quá trình công tác)"},
    {"trainings", "Đào tạo"},
    {"planning", "Quy hoạch"},
    {"evaluations", "Đánh giá, xếp loại"},
    {"disciplines", "Kỷ luật"},
};
#define N_KINDS (int)(sizeof KINDS / sizeof KINDS[0])
#define UPLOAD_NAME "tep-tai-len.csv"

static const char *kind_label(const char *kind) {
  for (int i = 0; i < N_KINDS; i++)
    if (kind && strcmp(kind, KINDS[i][0]) == 0) return KINDS[i][1];
  return NULL;
}

static void import_form(Req *r, const char *kind) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"post\" action=\"/nhap-du-lieu\" enctype=\"multipart/form-data\" class=\"card stack\" "
              "id=\"import-form\">");
  page_csrf_field(r);
  html_lit(b, "<div class=\"field\"><label for=\"kind\">Loại dữ liệu</label><select id=\"kind\" name=\"kind\">");
  for (int i = 0; i < N_KINDS; i++) {
    bool sel = kind ? strcmp(kind, KINDS[i][0]) == 0 : i == 2;
    if (sel)
      html_printf(b, "<option value=\"%s\" selected>%s</option>", KINDS[i][0], KINDS[i][1]);
    else
      html_printf(b, "<option value=\"%s\">%s</option>", KINDS[i][0], KINDS[i][1]);
  }
  html_lit(b, "</select></div>"
              "<div class=\"field\"><label for=\"file\">Tệp CSV (UTF-8, có dòng tiêu đề)</label>"
              "<input id=\"file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" required "
              "aria-describedby=\"file-help\">"
              "<p id=\"file-help\" class=\"help\">Tệp lớn hơn 1 MB: dùng lệnh <code>canbo import</code>. "
              "Nhập theo nguyên tắc «tất cả hoặc không»: chỉ cần một dòng lỗi thì không dòng nào được ghi.</p></div>"
              "<button type=\"submit\" class=\"btn btn-primary\">Nhập dữ liệu</button></form>");
}

/* "FILE:LINE:COLUMN: message" -> line, column, message (what does not parse stays in message). */
static void error_row(Req *r, const char *e) {
  const char *p = e;
  size_t pre = strlen(UPLOAD_NAME);
  if (strncmp(p, UPLOAD_NAME ":", pre + 1) == 0) p += pre + 1;
  char *end;
  long line = strtol(p, &end, 10);
  long col = 0;
  bool ok = end != p && *end == ':';
  if (ok) {
    const char *q = end + 1;
    col = strtol(q, &end, 10);
    ok = end != q && *end == ':';
  }
  if (ok) {
    const char *msg = end + 1;
    while (*msg == ' ') msg++;
    html_printf(&r->out, "<tr><td class=\"num\">%ld</td><td class=\"num\">%ld</td><td>%s</td></tr>", line, col, msg);
  } else {
    html_printf(&r->out, "<tr><td class=\"num\">—</td><td class=\"num\">—</td><td>%s</td></tr>", e);
  }
}

static void error_table(Req *r, const ImportErrors *errs) {
  Buf *b = &r->out;
  html_printf(b, "<div class=\"notice notice-error\" role=\"alert\"><strong>Tệp có %d lỗi.</strong> "
                 "Không có dữ liệu nào được ghi. Sửa các lỗi dưới đây rồi nhập lại.</div>",
              errs->n);
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list errors\"><caption>Danh sách lỗi</caption><thead><tr>"
              "<th scope=\"col\" class=\"num\">Dòng</th><th scope=\"col\" class=\"num\">Cột</th>"
              "<th scope=\"col\">Lỗi</th></tr></thead><tbody>");
  for (int i = 0; i < errs->n; i++) error_row(r, errs->lines[i]);
  html_lit(b, "</tbody></table></div>");
}

static void import_page(Req *r, int status, const char *kind, const ImportErrors *errs, int count, const char *msg) {
  page_begin(r, "Nhập dữ liệu", NAV_IMPORT);
  r->status = status;
  html_lit(&r->out, "<div class=\"page-head\"><h1>Nhập dữ liệu từ tệp CSV</h1></div>");
  if (msg) page_notice(r, "error", msg);
  if (errs && errs->n > 0) error_table(r, errs);
  if (count >= 0)
    page_notice(r, "ok", arena_printf(r->a, "Đã nhập %s dòng (%s).", fmt_count(r, count), kind_label(kind)));
  import_form(r, kind);
  page_end(r);
}

void page_import(Req *r) { import_page(r, 200, NULL, NULL, -1, NULL); }

void page_import_post(Req *r) {
  const char *kind = req_form(r, "kind"), *data = req_form(r, "file");
  if (!kind_label(kind)) {
    import_page(r, 400, NULL, NULL, -1, "Chọn loại dữ liệu cần nhập.");
    return;
  }
  if (!data || !*data) {
    import_page(r, 400, kind, NULL, -1, "Chưa chọn tệp, hoặc tệp rỗng. Không có dữ liệu nào được ghi.");
    return;
  }
  ImportErrors errs = {0};
  int count = 0;
  int rc = importer_run(r->db, r->a, kind, UPLOAD_NAME, data, strlen(data), r->user ? r->user->username : "web",
                        r->user ? r->user->scope : NULL, &errs, &count);
  if (rc == CB_EINVAL) {
    if (errs.n > 0)
      import_page(r, 400, kind, &errs, -1, NULL);
    else
      import_page(r, 400, kind, NULL, -1, "Tệp không hợp lệ. Không có dữ liệu nào được ghi.");
    return;
  }
  if (rc == CB_EPERM) { /* titles are organisation-wide (issue 12) */
    import_page(r, 403, kind, NULL, -1,
                "Chức danh dùng chung cho mọi đơn vị: chỉ quản trị viên toàn hệ thống mới được nhập. "
                "Không có dữ liệu nào được ghi.");
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  import_page(r, 200, kind, NULL, count, NULL);
}

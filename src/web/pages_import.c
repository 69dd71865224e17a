/*
** The import pages (officer and admin), CONTRACT §8:
**   GET  /nhap-du-lieu                 the upload form (every kind), the templates
**   POST /nhap-du-lieu                 multipart kind/file/csrf (+ sheet, encoding): when every column
**                                      is recognised the file is imported at once (all or nothing; 400
**                                      with every error); a column it cannot place leads to the mapping step
**   POST /nhap-du-lieu/anh-xa          the mapping step: token, col_N = field, action = check | import;
**                                      "check" is a dry run with every error, "import" writes; the mapping
**                                      is remembered for the board's next file
**   GET  /nhap-du-lieu/mau/{kind}      the ready-to-fill template (.xlsx)
** Each answer shows what was found (format, sheet, encoding) and a preview
** of the first rows after conversion, before anything is written.
** Files over the 1 MiB request limit are refused by the HTTP layer (413):
** the page says to use `canbo import` for those.
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "core/date.h"
#include "core/html.h"
#include "core/vi.h"
#include "domain/import_uploads.h"
#include "domain/importer.h"
#include "domain/io/template.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"

#define PREVIEW_ROWS 5

static const char *kind_label(const char *kind) {
  const ImportKind *k = importer_kind(kind);
  return k ? k->label : NULL;
}

/* The uploaded file's name without any folder (browsers may send a path). */
static const char *upload_name(Req *r) {
  const char *n = req_form(r, "file.filename");
  if (!n || !*n) return "tep-tai-len.csv";
  const char *s = strrchr(n, '/'), *b = strrchr(n, '\\');
  if (b && (!s || b > s)) s = b;
  return s ? s + 1 : n;
}

static void import_form(Req *r, const char *kind) {
  Buf *b = &r->out;
  int nk;
  const ImportKind *ks = importer_kinds(&nk);
  html_lit(b, "<form method=\"post\" action=\"/nhap-du-lieu\" enctype=\"multipart/form-data\" class=\"card stack\" "
              "id=\"import-form\">");
  page_csrf_field(r);
  html_lit(b, "<div class=\"field\"><label for=\"kind\">Loại dữ liệu</label><select id=\"kind\" name=\"kind\">");
  for (int i = 0; i < nk; i++) {
    bool sel = kind ? strcmp(kind, ks[i].kind) == 0 : strcmp(ks[i].kind, "cadres") == 0;
    if (sel) html_printf(b, "<option value=\"%s\" selected>%s</option>", ks[i].kind, ks[i].label);
    else html_printf(b, "<option value=\"%s\">%s</option>", ks[i].kind, ks[i].label);
  }
  html_lit(b, "</select></div>"
              "<div class=\"field\"><label for=\"file\">Tệp Excel (.xlsx, .xls) hoặc CSV</label>"
              "<input id=\"file\" name=\"file\" type=\"file\" accept=\".csv,.xlsx,.xls,text/csv\" required "
              "aria-describedby=\"file-help\">"
              "<p id=\"file-help\" class=\"help\">Bảng mã Unicode, Windows-1258, TCVN3 (ABC) và VNI được nhận ra tự động. "
              "Dòng tiêu đề có thể nằm dưới các dòng tên bảng; cột STT được bỏ qua. "
              "Tệp lớn hơn 1 MB: dùng lệnh <code>canbo import</code>. "
              "Nhập theo nguyên tắc «tất cả hoặc không»: chỉ cần một dòng lỗi thì không dòng nào được ghi.</p></div>"
              "<details><summary>Tùy chọn</summary>"
              "<div class=\"field\"><label for=\"sheet\">Trang tính (để trống: trang đầu tiên)</label>"
              "<input id=\"sheet\" name=\"sheet\" type=\"text\"></div>"
              "<div class=\"field\"><label for=\"encoding\">Bảng mã</label><select id=\"encoding\" name=\"encoding\">"
              "<option value=\"\">Tự nhận ra</option><option value=\"utf8\">Unicode (UTF-8)</option>"
              "<option value=\"cp1258\">Windows-1258</option><option value=\"tcvn3\">TCVN3 (ABC)</option>"
              "<option value=\"vni\">VNI</option></select></div>"
              "<div class=\"field field-check\"><label><input type=\"checkbox\" name=\"update\" value=\"1\"> "
              "Sửa hồ sơ cán bộ đã có (dòng có mã đã có sửa hồ sơ đó; mỗi thay đổi ghi vào lịch sử với lý do "
              "«nhập tệp …»; ô trống không thay đổi gì)</label></div></details>"
              "<button type=\"submit\" class=\"btn btn-primary\">Nhập dữ liệu</button></form>");
  html_lit(b, "<section class=\"card\" aria-labelledby=\"tpl-h\"><h2 id=\"tpl-h\">Tệp mẫu</h2>"
              "<p class=\"help\">Mỗi tệp mẫu có tiêu đề tiếng Việt, một dòng ví dụ và danh sách chọn cho các cột "
              "có giá trị cố định. Điền từ dòng 2 (thay dòng ví dụ) rồi tải lên.</p><ul class=\"templates\">");
  for (int i = 0; i < nk; i++)
    html_printf(b, "<li><a href=\"/nhap-du-lieu/mau/%U\">%s (.xlsx)</a></li>", ks[i].kind, ks[i].label);
  html_lit(b, "</ul></section>");
}

/* "FILE:LINE:COLUMN: message" -> line, column, message (what does not parse stays in message). A CSV's column
   number is shown with its header text when the file's header is known: "4 (Ngày sinh)". */
static void error_row(Req *r, const char *file, const ImportResult *res, const char *e) {
  const char *p = e;
  size_t pre = strlen(file);
  if (strncmp(p, file, pre) == 0 && p[pre] == ':') p += pre + 1;
  char *end;
  long line = strtol(p, &end, 10);
  const char *sep = end != p && *end == ':' ? strstr(end + 1, ": ") : NULL;
  if (!sep) {
    html_printf(&r->out, "<tr><td class=\"num\">—</td><td class=\"num\">—</td><td>%s</td></tr>", e);
    return;
  }
  const char *col = arena_strndup(r->a, end + 1, (size_t)(sep - end - 1));
  bool num = strspn(col, "0123456789") == strlen(col);
  long at = num ? atol(col) : 0;
  const char *head = num && res && res->header && at >= 1 && at <= res->ncols ? res->header[at - 1] : NULL;
  if (head && *head)
    html_printf(&r->out, "<tr><td class=\"num\">%ld</td><td>%s (%s)</td><td>%s</td></tr>", line, col, head, sep + 2);
  else if (num)
    html_printf(&r->out, "<tr><td class=\"num\">%ld</td><td class=\"num\">%s</td><td>%s</td></tr>", line, col, sep + 2);
  else html_printf(&r->out, "<tr><td class=\"num\">%ld</td><td>%s</td><td>%s</td></tr>", line, col, sep + 2);
}

/* The errors a page lists: a file of 30,000 bad rows made an 11 MB page that no one reads past its first screens. */
enum { ERRORS_SHOWN = 1000 };

static void error_table(Req *r, const char *file, const ImportResult *res, const ImportErrors *errs) {
  Buf *b = &r->out;
  char n[32], m[32];
  html_printf(b, "<div class=\"notice notice-error\" role=\"alert\"><strong>Tệp có %s lỗi.</strong> "
                 "Không có dữ liệu nào được ghi. Sửa các lỗi dưới đây rồi nhập lại.",
              vi_count(n, sizeof n, errs->n));
  if (errs->n > ERRORS_SHOWN)
    html_printf(b, " Dưới đây là %s lỗi đầu tiên; sửa xong, nhập lại để xem các lỗi còn lại (hoặc dùng lệnh "
                   "<code>canbo import --dry-run</code> để có cả danh sách).",
                vi_count(m, sizeof m, ERRORS_SHOWN));
  html_lit(b, "</div>");
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list errors\"><caption>Danh sách lỗi</caption><thead><tr>"
              "<th scope=\"col\" class=\"num\">Dòng</th><th scope=\"col\">Cột</th>"
              "<th scope=\"col\">Lỗi</th></tr></thead><tbody>");
  for (int i = 0; i < errs->n && i < ERRORS_SHOWN; i++) error_row(r, file, res, errs->lines[i]);
  html_lit(b, "</tbody></table></div>");
}

/* What was found: format, sheet, encoding, header line. */
static void found_line(Req *r, const char *file, const ImportResult *res) {
  if (!res->format) return;
  if (file && *file) html_printf(&r->out, "<p class=\"help\" id=\"import-found\">Tệp «%s» (%s)", file, res->format);
  else html_printf(&r->out, "<p class=\"help\" id=\"import-found\">Tệp %s", res->format);
  if (res->sheet) html_printf(&r->out, ", trang tính «%s»", res->sheet);
  if (res->encoding_label) html_printf(&r->out, ", bảng mã: <strong>%s</strong>", res->encoding_label);
  if (res->header_line) html_printf(&r->out, ", dòng tiêu đề: %d", res->header_line);
  if (res->generated) html_printf(&r->out, ", %d mã được tạo tự động", res->generated);
  html_lit(&r->out, ".</p>");
}

static void preview_table(Req *r, const ImportResult *res) {
  if (res->npreview == 0 || res->ncols == 0) return;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list preview\"><caption>Xem trước các dòng đầu "
              "(sau khi chuyển bảng mã)</caption><thead><tr><th scope=\"col\" class=\"num\">Dòng</th>");
  for (int j = 0; j < res->ncols; j++) html_printf(b, "<th scope=\"col\">%s</th>", res->header[j]);
  html_lit(b, "</tr></thead><tbody>");
  for (int i = 0; i < res->npreview; i++) {
    html_printf(b, "<tr><td class=\"num\">%d</td>", res->preview_line[i]);
    for (int j = 0; j < res->ncols; j++) { /* sheet dates come as ISO: shown dd/mm/yyyy */
      const char *c = res->preview[i][j];
      char d[16];
      bool iso = strlen(c) == 10 && c[4] == '-' && c[7] == '-' && strspn(c, "0123456789-") == 10;
      html_printf(b, "<td>%s</td>", iso ? date_iso_to_vn(c, d) : c);
    }
    html_lit(b, "</tr>");
  }
  html_lit(b, "</tbody></table></div>");
}

/* The mapping step: each header column with a list of the kind's fields (the guess selected). */
static void mapping_form(Req *r, const char *kind, const char *token, const ImportResult *res, const char *sheet,
                         const char *enc) {
  const ImportKind *k = importer_kind(kind);
  Buf *b = &r->out;
  html_lit(b, "<form method=\"post\" action=\"/nhap-du-lieu/anh-xa\" class=\"card stack\" id=\"mapping-form\">"
              "<h2>Ghép cột của tệp với thông tin cần nhập</h2>"
              "<p class=\"help\">Chọn cho mỗi cột của tệp thông tin tương ứng, hoặc «bỏ qua». Lựa chọn được ghi nhớ "
              "cho lần nhập sau. «Kiểm tra» chạy thử và liệt kê mọi lỗi mà không ghi gì.</p>");
  page_csrf_field(r);
  html_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\"><input type=\"hidden\" name=\"kind\" value=\"%s\">"
                 "<input type=\"hidden\" name=\"sheet\" value=\"%s\"><input type=\"hidden\" name=\"encoding\" value=\"%s\">"
                 "<input type=\"hidden\" name=\"ncols\" value=\"%d\"><input type=\"hidden\" name=\"update\" value=\"%s\">",
              token, kind, sheet ? sheet : "", enc ? enc : "", res->ncols, req_form(r, "update") ? req_form(r, "update") : "");
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list mapping\"><thead><tr><th scope=\"col\">Cột của tệp</th>"
              "<th scope=\"col\">Thông tin</th></tr></thead><tbody>");
  bool cadre_event = k->key < 0;
  for (int i = 0; i < res->ncols; i++) {
    const char *f = res->field[i];
    html_printf(b, "<tr><td><label for=\"col_%d\">%s</label></td><td><select id=\"col_%d\" name=\"col_%d\">", i,
                *res->header[i] ? res->header[i] : "(không tên)", i, i);
    html_printf(b, "<option value=\"\"%s>— bỏ qua —</option>", f && !*f ? " selected" : "");
    if (!f) html_lit(b, "<option value=\"?\" selected>— chưa chọn —</option>");
    for (int c = 0; c < k->ncols; c++)
      html_printf(b, "<option value=\"%s\"%s>%s</option>", k->cols[c].name,
                  f && strcmp(f, k->cols[c].name) == 0 ? " selected" : "", k->cols[c].label);
    if (cadre_event) {
      html_printf(b, "<option value=\"_name\"%s>Họ và tên cán bộ (tìm theo tên)</option>",
                  f && strcmp(f, "_name") == 0 ? " selected" : "");
      html_printf(b, "<option value=\"_birth\"%s>Ngày sinh cán bộ (phân biệt người trùng tên)</option>",
                  f && strcmp(f, "_birth") == 0 ? " selected" : "");
    }
    html_lit(b, "</select></td></tr>");
  }
  html_lit(b, "</tbody></table></div><div class=\"actions\">"
              "<button type=\"submit\" name=\"action\" value=\"check\" class=\"btn\">Kiểm tra (không ghi)</button> "
              "<button type=\"submit\" name=\"action\" value=\"import\" class=\"btn btn-primary\">Nhập dữ liệu</button>"
              "</div></form>");
}

typedef struct {
  int status;
  const char *kind, *file, *token, *msg, *sheet, *enc;
  const ImportResult *res;
  const ImportErrors *errs;
  int count;     /* rows imported, or -1 */
  int created, updated, unchanged; /* an --update import's split of count */
  bool update;
  bool checked;  /* a dry run without errors */
} View;

static void import_page(Req *r, const View *v) {
  page_begin(r, "Nhập dữ liệu", NAV_IMPORT);
  r->status = v->status;
  html_lit(&r->out, "<div class=\"page-head\"><h1>Nhập dữ liệu từ tệp</h1></div>");
  if (v->msg) page_notice(r, v->status >= 400 ? "error" : "info", v->msg);
  if (v->count >= 0 && v->update)
    page_notice(r, "ok", arena_printf(r->a, "Đã nhập %s dòng (%s): thêm mới %s, sửa %s hồ sơ, %s dòng không thay đổi.",
                                      fmt_count(r, v->count), kind_label(v->kind), fmt_count(r, v->created),
                                      fmt_count(r, v->updated), fmt_count(r, v->unchanged)));
  else if (v->count >= 0)
    page_notice(r, "ok", arena_printf(r->a, "Đã nhập %s dòng (%s).", fmt_count(r, v->count), kind_label(v->kind)));
  if (v->checked)
    page_notice(r, "ok", arena_printf(r->a, "Kiểm tra xong: %s dòng hợp lệ, chưa ghi gì. Bấm «Nhập dữ liệu» để ghi.",
                                      fmt_count(r, v->res->count)));
  if (v->res) found_line(r, v->file, v->res);
  if (v->errs && v->errs->n > 0) error_table(r, v->file, v->res, v->errs);
  if (v->token) mapping_form(r, v->kind, v->token, v->res, v->sheet, v->enc);
  if (v->res) preview_table(r, v->res);
  import_form(r, v->kind);
  page_end(r);
}

void page_import(Req *r) {
  View v = {.status = 200, .count = -1};
  import_page(r, &v);
}

static int forced_encoding(const char *e) {
  if (!e || !*e) return -1;
  return strcmp(e, "utf8") == 0 ? 0 : strcmp(e, "cp1258") == 0 ? 1 : strcmp(e, "tcvn3") == 0 ? 2 : strcmp(e, "vni") == 0 ? 3 : -1;
}

/* Run the import of `data` and answer; `mapping` NULL on the first upload. */
static void run_and_answer(Req *r, const char *kind, const char *file, const char *data, size_t len,
                           const char *token, const char *const *mapping, int nmapping, bool dry) {
  const char *sheet = req_form(r, "sheet"), *enc = req_form(r, "encoding");
  ImportOpts o = {.kind = kind, .filename = file, .data = data, .len = len,
                  .actor = r->user ? r->user->username : "web", .scope = scope_legacy(r->scope),
                  .sheet = sheet && *sheet ? sheet : NULL, .encoding = forced_encoding(enc), .dry_run = dry,
                  .update = req_form(r, "update") && strcmp(req_form(r, "update"), "1") == 0,
                  .mapping = mapping, .nmapping = nmapping, .preview = PREVIEW_ROWS};
  ImportResult res;
  ImportErrors errs = {0};
  int rc = importer_import(r->db, r->a, &o, &res, &errs);
  View v = {.kind = kind, .file = file, .res = &res, .errs = &errs, .count = -1, .sheet = sheet, .enc = enc};
  if (rc == CB_EPERM) { /* titles are organisation-wide (issue 12) */
    View d = {.kind = kind, .status = 403, .count = -1,
              .msg = "Chức danh dùng chung cho mọi đơn vị: chỉ quản trị viên toàn hệ thống mới được nhập. "
                     "Không có dữ liệu nào được ghi."};
    import_page(r, &d);
    return;
  }
  if (rc != 0 && rc != CB_EINVAL) {
    resp_cb_error(r, rc);
    return;
  }
  if (mapping && rc == 0) /* the board's choice, for its next file */
    (void)importer_remember_mapping(r->db, o.actor, kind, res.header, (const char *const *)res.field, res.ncols);
  bool needs_mapping = rc == CB_EINVAL && res.unknown > 0;
  if (rc == 0 && !dry) {
    if (token) import_upload_drop(r->db, token);
    v.status = 200, v.count = res.count, v.errs = NULL, v.update = o.update;
    v.created = res.created, v.updated = res.updated, v.unchanged = res.unchanged;
    import_page(r, &v);
    return;
  }
  /* Keep the file for the mapping step (a dry run, unknown columns, or errors the mapping may fix). */
  if (!token && import_upload_save(r->db, r->a, o.actor, kind, file, data, len, &token) != 0) token = NULL;
  v.token = token;
  v.checked = rc == 0 && dry;
  v.status = rc == 0 || needs_mapping ? 200 : 400;
  if (needs_mapping && !mapping) { /* the mapping step: header problems are what it is for */
    v.errs = NULL;
    v.msg = arena_printf(r->a, "Có %d cột chưa biết tương ứng với thông tin nào. Chọn cho từng cột rồi bấm «Kiểm tra».",
                         res.unknown);
  }
  import_page(r, &v);
}

void page_import_post(Req *r) {
  const char *kind = req_form(r, "kind");
  size_t len = 0;
  const char *data = req_form_bytes(r, "file", &len);
  View v = {.status = 400, .count = -1};
  if (!kind_label(kind)) {
    v.msg = "Chọn loại dữ liệu cần nhập.";
    import_page(r, &v);
    return;
  }
  v.kind = kind;
  if (!data || len == 0) {
    v.msg = "Chưa chọn tệp, hoặc tệp rỗng. Không có dữ liệu nào được ghi.";
    import_page(r, &v);
    return;
  }
  const char *enc = req_form(r, "encoding");
  if (enc && *enc && forced_encoding(enc) < 0) { /* a value the select does not offer: said, not ignored */
    v.msg = "Bảng mã không có trong danh sách: chọn Tự nhận ra, Unicode (UTF-8), Windows-1258, TCVN3 (ABC) hoặc VNI. "
            "Không có dữ liệu nào được ghi.";
    import_page(r, &v);
    return;
  }
  run_and_answer(r, kind, upload_name(r), data, len, NULL, NULL, 0, false);
}

void page_import_map_post(Req *r) {
  const char *token = req_form(r, "token"), *kind = NULL, *file = NULL, *data = NULL, *action = req_form(r, "action");
  size_t len = 0;
  int rc = import_upload_load(r->db, r->a, token, r->user ? r->user->username : "", &kind, &file, &data, &len);
  if (rc == CB_ENOTFOUND) {
    View v = {.status = 400, .count = -1, .msg = "Tệp tải lên đã hết hạn hoặc không còn. Hãy tải tệp lên lại."};
    import_page(r, &v);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *ns = req_form(r, "ncols");
  int n = ns ? atoi(ns) : 0;
  if (n < 0 || n > 256) n = 0;
  const char **mapping = arena_alloc(r->a, sizeof(char *) * (size_t)(n ? n : 1));
  for (int i = 0; i < n; i++) {
    const char *m = req_form(r, arena_printf(r->a, "col_%d", i));
    mapping[i] = m && strcmp(m, "?") != 0 ? m : NULL;
  }
  run_and_answer(r, kind, file, data, len, token, mapping, n, !(action && strcmp(action, "import") == 0));
}

static int write_template(const void *kind, const char *path) { return import_template_xlsx(kind, path); }

void page_import_template(Req *r) {
  const char *kind = r->params[0];
  if (!kind_label(kind)) {
    resp_error(r, 404, "not_found", "Không có tệp mẫu cho loại dữ liệu này.");
    return;
  }
  Download d = {.format = "xlsx", .filename = arena_printf(r->a, "mau-%s.xlsx", kind), .obj = kind,
                .to_file = write_template};
  download_send(r, &d); /* a template is not an export of records: no audit row */
}

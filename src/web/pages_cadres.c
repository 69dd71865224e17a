/*
** The cadre list (GET /can-bo?q=&unit=&page=&sort=): searched on the server
** so it works without JavaScript and can be bookmarked; app.js adds instant
** search on top; ?format=csv|xlsx downloads the list as found (every page).
** Also the export download (GET /xuat/{kind}).
*/
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre.h"
#include "domain/exporter.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "domain/title.h"
#include "web/web.h"
#include "web/widgets.h"

#define PAGE_SIZE 50

typedef struct {
  const char *q, *unit, *sort;
  long page;
  /* filters of the lists behind the statistics (/thong-ke, home cards); NULL when absent */
  const char *gender, *age_min, *age_max, *llct;
} ListArgs;

/* The URL "/can-bo?q=..&unit=..&sort=..&page=N" (page <= 1 and empty values left out), in r->a; escape it in an href. */
static const char *list_url(Req *r, const ListArgs *a, const char *sort, long page) {
  Buf b = BUF_INIT;
  buf_puts(&b, "/can-bo");
  const char *sep = "?";
  const char *names[] = {"q", "unit", "sort", "gender", "age_min", "age_max", "llct"};
  const char *vals[] = {a->q, a->unit, sort, a->gender, a->age_min, a->age_max, a->llct};
  for (int i = 0; i < 7; i++) {
    if (!vals[i] || !*vals[i]) continue;
    buf_printf(&b, "%s%s=", sep, names[i]);
    html_urlenc(&b, vals[i]);
    sep = "&";
  }
  if (page > 1) buf_printf(&b, "%spage=%ld", sep, page);
  const char *url = arena_strdup(r->a, b.p);
  buf_free(&b);
  return url;
}

static void search_form(Req *r, const ListArgs *a, const Unit *units, int nu) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/can-bo\" class=\"search card\" id=\"search-form\" role=\"search\">"
              "<div class=\"field field-grow\"><label for=\"q\">Tìm cán bộ</label>");
  html_printf(b,
              "<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" autocomplete=\"off\" spellcheck=\"false\" "
              "placeholder=\"Họ tên hoặc mã (gõ không dấu được)\" aria-describedby=\"count\"></div>",
              a->q ? a->q : "");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = a->unit, .id = "unit"}, units, nu,
                         "Tất cả đơn vị trong phạm vi");
  if (a->sort && *a->sort) html_printf(b, "<input type=\"hidden\" name=\"sort\" value=\"%s\">", a->sort);
  const char *fn[] = {"gender", "age_min", "age_max", "llct"}, *fv[] = {a->gender, a->age_min, a->age_max, a->llct};
  for (int i = 0; i < 4; i++)
    if (fv[i]) html_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", fn[i], fv[i]);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Tìm</button></form>");
}

static void sort_link(Req *r, const ListArgs *a, const char *key, const char *label) {
  Buf *b = &r->out;
  bool cur = (a->sort && strcmp(a->sort, key) == 0) || ((!a->sort || !*a->sort) && strcmp(key, "name") == 0);
  const char *url = list_url(r, a, strcmp(key, "name") == 0 ? NULL : key, 1);
  if (cur) html_printf(b, "<a href=\"%s\" aria-current=\"true\" class=\"chip chip-on\">%s</a>", url, label);
  else html_printf(b, "<a href=\"%s\" class=\"chip\">%s</a>", url, label);
}

static void toolbar(Req *r, const ListArgs *a, long long total) {
  Buf *b = &r->out;
  html_printf(b, "<div class=\"toolbar\"><p id=\"count\" class=\"count-line\" aria-live=\"polite\">"
                 "Tìm thấy <strong>%s%s</strong> cán bộ</p>", total > CADRE_TOTAL_CAP ? "hơn " : "",
              fmt_count(r, total > CADRE_TOTAL_CAP ? CADRE_TOTAL_CAP : total));
  html_lit(b, "<div class=\"sorts\" id=\"sorts\"><span class=\"muted\">Sắp xếp:</span> ");
  sort_link(r, a, "name", "Họ tên");
  sort_link(r, a, "code", "Mã");
  sort_link(r, a, "birth_date", "Ngày sinh");
  html_lit(b, "</div><div class=\"exports\">");
  /* issue 10 exports: the list as found (search, unit, filters, order), every page of it */
  const char *fmts[][2] = {{"xlsx", "Xuất Excel"}, {"csv", "Xuất CSV"}};
  const char *url = list_url(r, a, a->sort, 1);
  for (int i = 0; i < 2; i++)
    html_printf(b, "<a class=\"btn btn-ghost\" id=\"export-%s\" href=\"%s%sformat=%s\">%s</a>", fmts[i][0], url,
                strchr(url, '?') ? "&" : "?", fmts[i][0], fmts[i][1]);
  html_lit(b, "</div></div>");
}

static void table(Req *r, const ListArgs *a, const Cadre *items, int n, long long total) {
  long offset = (a->page - 1) * PAGE_SIZE;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><caption class=\"sr-only\">Danh sách cán bộ</caption>"
              "<thead><tr><th scope=\"col\" class=\"num\">STT</th><th scope=\"col\">Họ và tên</th>"
              "<th scope=\"col\">Mã</th><th scope=\"col\">Giới tính</th><th scope=\"col\">Ngày sinh</th>"
              "<th scope=\"col\">Chức vụ hiện tại</th><th scope=\"col\">Đơn vị</th></tr></thead>"
              "<tbody id=\"results\">");
  for (int i = 0; i < n; i++) {
    const Cadre *c = &items[i];
    html_printf(b,
                "<tr><td class=\"num\">%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>"
                "<td>%s</td><td>%s</td><td>%s</td></tr>",
                fmt_count(r, offset + i + 1), c->code, c->full_name, c->code, gender_label(c->gender), fmt_date(r, c->birth_date),
                or_dash(title_beside_unit(r->a, c->current_title, c->unit_name, NULL)), or_dash(c->unit_name));
  }
  long long pages = (total + PAGE_SIZE - 1) / PAGE_SIZE; /* a page past the last (an old link): say so */
  if (n == 0 && total > 0)
    html_printf(b, "<tr><td colspan=\"7\" class=\"empty\">Trang %ld không có cán bộ nào: danh sách chỉ có %s trang. "
                   "<a href=\"%s\">Về trang cuối</a>.</td></tr>",
                a->page, fmt_count(r, pages), list_url(r, a, a->sort, (int)pages));
  else if (n == 0) html_lit(b, "<tr><td colspan=\"7\" class=\"empty\">Không có cán bộ nào phù hợp.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

/*
** issue 10 exports: the list as the page finds it (the same query, every
** page) as csv or xlsx: the page's columns, dd/mm/yyyy, Nam/Nữ.
*/
static void send_cadres_table(Req *r, const Cadre *items, int n, const char *format) {
  static const char *H[] = {"STT", "Họ và tên", "Mã cán bộ", "Giới tính", "Ngày sinh", "Chức vụ hiện tại",
                            "Mã đơn vị", "Đơn vị"};
  Table t;
  table_init(r, &t, H, 8);
  for (int i = 0; i < n; i++) {
    const Cadre *c = &items[i];
    char d[16];
    table_add(r, &t, (const char *[8]){arena_printf(r->a, "%d", i + 1), c->full_name, c->code, gender_label(c->gender),
                                       arena_strdup(r->a, date_iso_to_vn(c->birth_date, d)),
                                       title_beside_unit(r->a, c->current_title, c->unit_name, NULL),
                                       c->unit_code, c->unit_name});
  }
  table_send(r, &t, format, "danh-sach-can-bo");
}

/* The pager under the list (id "pager": app.js redraws it after an instant search). */
static void pager(Req *r, const ListArgs *a, long long total) {
  html_lit(&r->out, "<div id=\"pager\">");
  widget_pager(r, list_url(r, a, a->sort, 1), (int)a->page, PAGE_SIZE, total, false);
  html_lit(&r->out, "</div>");
}

/* Keep only well-formed filter values (anything else is ignored, as an unknown sort is). */
static void read_filters(Req *r, ListArgs *a, CadreQuery *cq) {
  const char *g = req_query(r, "gender"), *l = req_query(r, "llct");
  if (g && (strcmp(g, "M") == 0 || strcmp(g, "F") == 0)) a->gender = cq->gender = g;
  if (l && (strcmp(l, "none") == 0 || cadre_llct_valid(l))) a->llct = cq->llct = l;
  long lo = req_query_long(r, "age_min", 0, 0, 200), hi = req_query_long(r, "age_max", 0, 0, 200);
  if (lo > 0) a->age_min = arena_printf(r->a, "%ld", lo), cq->age_min = (int)lo;
  if (hi > 0) a->age_max = arena_printf(r->a, "%ld", hi), cq->age_max = (int)hi;
}

/* "Đang lọc: Nữ, từ 30 đến 39 tuổi" with a link that keeps only the search and the unit. */
static void filter_note(Req *r, const ListArgs *a) {
  if (!a->gender && !a->age_min && !a->age_max && !a->llct) return;
  Buf *b = &r->out;
  html_lit(b, "<p class=\"muted\" id=\"filters\">Đang lọc:");
  if (a->gender) html_printf(b, " %s;", gender_label(a->gender));
  if (a->age_min && a->age_max) html_printf(b, " từ %s đến %s tuổi;", a->age_min, a->age_max);
  else if (a->age_min) html_printf(b, " từ %s tuổi trở lên;", a->age_min);
  else if (a->age_max) html_printf(b, " đến %s tuổi;", a->age_max);
  if (a->llct) html_printf(b, " LLCT: %s;", strcmp(a->llct, "none") == 0 ? "chưa có" : strcmp(a->llct, "cao_cap") == 0 ? "cao cấp, cử nhân" : cadre_llct_label(a->llct));
  ListArgs plain = {a->q, a->unit, NULL, 1, NULL, NULL, NULL, NULL};
  html_printf(b, " <a href=\"%s\">Bỏ lọc</a></p>", list_url(r, &plain, a->sort, 1));
}

void page_cadres(Req *r) {
  const char *scope = scope_legacy(r->scope);
  ListArgs a = {req_query(r, "q"), req_query(r, "unit"), req_query(r, "sort"), req_query_long(r, "page", 1, 1, 100000),
                NULL, NULL, NULL, NULL};
  if (a.sort && strcmp(a.sort, "code") != 0 && strcmp(a.sort, "birth_date") != 0) a.sort = NULL;
  Unit *units = NULL;
  int nu = 0;
  int rc = unit_list(r->db, r->a, scope_from_legacy(scope), &units, &nu);
  if (!rc && a.unit && *a.unit) {
    Unit u;
    rc = unit_find(r->db, r->a, scope_from_legacy(scope), a.unit, &u); /* out of scope == unknown: 404 */
  }
  CadreQuery cq = {.q = a.q, .unit_code = a.unit && *a.unit ? a.unit : NULL, .scope = scope,
                   .sort = a.sort ? a.sort : "name", .limit = PAGE_SIZE, .offset = (int)((a.page - 1) * PAGE_SIZE)};
  read_filters(r, &a, &cq);
  const char *format = req_query(r, "format"); /* issue 10 exports: ?format=csv|xlsx, the whole list as found */
  bool file = table_format_ok(format);
  if (file) cq.limit = 0, cq.offset = 0;
  Cadre *items = NULL;
  int n = 0;
  long long total = 0;
  if (!rc) rc = cadre_search(r->db, r->a, &cq, &items, &n, &total);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (file) {
    send_cadres_table(r, items, n, format);
    return;
  }
  page_begin(r, "Danh sách cán bộ", NAV_CADRES);
  html_lit(&r->out, "<div class=\"page-head sec-head\"><h1>Danh sách cán bộ</h1>");
  if (page_can_write(r))
    html_lit(&r->out, "<a class=\"btn btn-primary\" href=\"/them-can-bo\" id=\"add-cadre\">+ Thêm cán bộ</a>");
  html_lit(&r->out, "</div>");
  const char *voided = req_query(r, "da-huy");
  if (voided && *voided) page_notice(r, "ok", "Đã hủy hồ sơ nhập sai; hồ sơ không còn trong danh sách, thống kê, báo cáo.");
  search_form(r, &a, units, nu);
  filter_note(r, &a);
  toolbar(r, &a, total);
  table(r, &a, items, n, total);
  pager(r, &a, total);
  page_end(r);
}

/* What the exporter needs to write a file (it audits the export itself). */
typedef struct {
  Db *db;
  Arena *a;
  ExportReq req;
} Export;

static int export_file(const void *obj, const char *path) {
  const Export *x = obj;
  long rows = 0;
  return exporter_run(x->db, x->a, &x->req, path, &rows);
}

void page_export(Req *r) {
  const char *kind = r->nparams > 0 ? r->params[0] : NULL;
  const char *format = req_query(r, "format");
  if (!format || !*format) format = "csv";
  bool known = strcmp(format, "csv") == 0 || strcmp(format, "json") == 0 || strcmp(format, "xlsx") == 0;
  if (!kind || !exporter_kind_known(kind)) {
    resp_cb_error(r, CB_ENOTFOUND);
    return;
  }
  if (!known) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn csv, xlsx hoặc json.");
    return;
  }
  /* A unit narrows the export to its subtree; it must itself lie in the user's scope. */
  const char *scope = scope_legacy(r->scope), *unit = req_query(r, "unit");
  if (unit && *unit) {
    Unit u;
    int rc = unit_find(r->db, r->a, scope_from_legacy(scope), unit, &u);
    if (rc) {
      resp_cb_error(r, rc);
      return;
    }
    scope = u.path;
  }
  Export x = {r->db, r->a, {kind, format, strcmp(kind, "cadres") == 0 ? "name" : NULL, scope,
                            r->user ? r->user->username : "web", 1}};
  /* issue 10 exports: the plain download is the people's form; ?raw=1 keeps the import format */
  const char *raw = req_query(r, "raw");
  x.req.people = !(raw && strcmp(raw, "1") == 0);
  Download d = {format, arena_printf(r->a, "%s.%s", kind, format), &x, export_file, NULL, NULL};
  if (x.req.people) download_send(r, &d);
  else download_send_import_format(r, &d);
}

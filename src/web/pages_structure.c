/*
** Structure statistics pages (issue 4 item 1):
**   GET /thong-ke?unit=&date=        the page: unit and date pickers, headline
**                                    cards, an age pyramid by gender, stacked
**                                    qualification bars, a grid of units, tables
**   GET /thong-ke.csv, /thong-ke.xlsx (or /thong-ke?format=csv|xlsx|json) downloads
** Defaults: the first unit of the user's scope, today. A unit outside the
** scope is 404; a bad date shows today's figures with the reason next to the
** date field (400). Counts link to the cadre list (/can-bo with unit,
** gender, age_min/age_max, llct) when the date is today, since that list
** shows the present. Also what the page shares with api_structure.c.
** Not for: SQL or counting (domain/structure.c), chart drawing (svg.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/structure.h"
#include "domain/structure_export.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/pages_structure.h"
#include "web/svg.h"
#include "web/web.h"
#include "web/widgets.h"

bool structure_args(Req *r, StructArgs *a) {
  const char *scope = scope_legacy(r->scope);
  memset(a, 0, sizeof *a);
  const char *today = page_today(r);
  a->date = widget_date_arg(r, "date", today, &a->bad_date);
  a->today = strcmp(a->date, today) == 0;
  int rc = unit_list(r->db, r->a, scope_from_legacy(scope), &a->units, &a->nunits);
  if (rc) {
    resp_cb_error(r, rc);
    return false;
  }
  a->unit = str_or_null(req_query(r, "unit"));
  if (!a->unit && a->nunits > 0) a->unit = a->units[0].code;
  if (!a->unit) {
    resp_error(r, 404, "not_found", "Không có đơn vị nào trong phạm vi.");
    return false;
  }
  return true;
}

bool structure_args_compute(Req *r, const StructArgs *a, Structure *s) {
  int rc = structure_compute(r->db, r->a, r->scope, a->unit, a->date, s);
  if (rc == CB_ENOTFOUND) resp_error(r, 404, "not_found", "Không tìm thấy đơn vị.");
  else if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void structure_send_json(Req *r, json_t *j) {
  char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
  json_decref(j);
  r->status = 200;
  r->content_type = "application/json; charset=utf-8";
  buf_puts(&r->out, s ? s : "{}");
  free(s);
}

/* ---- downloads ---- */

/* issue 10: the statistics with the unit's header and signature block */
typedef struct {
  const Structure *s;
  const XlsxDocBlock *doc;
} StructureFile;
static int structure_xlsx(const void *obj, const char *path) {
  const StructureFile *f = obj;
  return structure_write_xlsx_doc(f->s, f->doc, path);
}
static int structure_csv(const void *obj, FILE *f) { return structure_write_csv_people(((const StructureFile *)obj)->s, f); }
static int structure_audit(Req *r, const void *obj, const char *format) {
  const Structure *s = ((const StructureFile *)obj)->s;
  return structure_export_audit(r->db, r->user ? r->user->username : "web", "structure", s->unit.code, s->date, format);
}

static void download(Req *r, const Structure *s, const char *format) {
  XlsxDocBlock doc;
  Unit issuer;
  bool with_doc = s->unit.code && xlsx_doc_issuer(r->db, r->a, s->unit.path, r->user ? r->user->scope : NULL, &issuer) == 0 &&
                  xlsx_doc_block(r->db, r->a, &issuer, s->date, &doc) == 0;
  StructureFile file = {s, with_doc ? &doc : NULL};
  Download d = {format, arena_printf(r->a, "thong-ke-%s-%s.%s", s->unit.code, s->date, format), &file, structure_xlsx,
                structure_csv, structure_audit};
  download_send(r, &d);
}

/* ---- the page ---- */

/* The list behind a bucket, or NULL when the cadre list has no such filter. */
static const char *bucket_href(Req *r, const StructArgs *a, DimId d, const char *key) {
  if (!a->today) return NULL;
  const char *base = html_url(r->a, "/can-bo?unit=%U", a->unit);
  static const struct {
    DimId d;
    const char *key, *q;
  } map[] = {{DIM_GENDER, "M", "gender=M"},
             {DIM_GENDER, "F", "gender=F"},
             {DIM_AGE, "under_30", "age_max=29"},
             {DIM_AGE, "30_39", "age_min=30&age_max=39"},
             {DIM_AGE, "40_49", "age_min=40&age_max=49"},
             {DIM_AGE, "50_54", "age_min=50&age_max=54"},
             {DIM_AGE, "55_plus", "age_min=55"},
             {DIM_AGE_CONG, "under_40", "age_max=39"},
             {DIM_AGE_CONG, "40_50", "age_min=40&age_max=50"},
             {DIM_AGE_CONG, "over_50", "age_min=51"},
             {DIM_LLCT, "cao_cap", "llct=cao_cap"},
             {DIM_LLCT, "trung_cap", "llct=trung_cap"},
             {DIM_LLCT, "so_cap", "llct=so_cap"},
             {DIM_LLCT, "none", "llct=none"}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (map[i].d == d && strcmp(map[i].key, key) == 0) return arena_printf(r->a, "%s&%s", base, map[i].q);
  return NULL;
}

static void picker(Req *r, const StructArgs *a) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/thong-ke\" class=\"search card\" id=\"structure-form\">");
  widget_unit_select(r, &(Field){.name = "unit", .label = "Đơn vị", .value = a->unit, .required = true}, a->units,
                     a->nunits);
  widget_date(r, &(Field){.name = "date", .label = "Tính đến ngày", .value = a->bad_date ? req_query(r, "date") : a->date,
                          .error = a->bad_date, .required = true});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>");
}

static void card(Req *r, const char *href, const char *label, const char *value, const char *note) {
  Buf *b = &r->out;
  if (href) html_printf(b, "<li class=\"stat\"><a class=\"stat-link\" href=\"%s\">", href);
  else html_lit(b, "<li class=\"stat\"><div class=\"stat-link\">");
  html_printf(b, "<span class=\"stat-label\">%s</span><span class=\"stat-value\">%s</span>", label, value);
  if (note) html_printf(b, "<span class=\"stat-note\">%s</span>", note);
  if (href) html_lit(b, "</a></li>");
  else html_lit(b, "</div></li>");
}

static long long count_of(const Structure *s, DimId d, const char *key) {
  for (int i = 0; i < s->dim[d].n; i++)
    if (strcmp(s->dim[d].v[i].key, key) == 0) return s->dim[d].v[i].n;
  return 0;
}

static void headline(Req *r, const StructArgs *a, const Structure *s) {
  html_lit(&r->out, "<ul class=\"stats\" id=\"structure-cards\">");
  card(r, a->today ? html_url(r->a, "/can-bo?unit=%U", a->unit) : NULL, "Tổng số cán bộ", fmt_count(r, s->total),
       a->today ? "Xem danh sách" : NULL);
  card(r, bucket_href(r, a, DIM_GENDER, "F"), "Nữ", fmt_count(r, s->women),
       arena_printf(r->a, "%s tổng số", fmt_percent(r, s->women, s->total)));
  if (s->young_known) {
    long long y = count_of(s, DIM_YOUNG, "young");
    card(r, NULL, "Cán bộ trẻ", fmt_count(r, y),
         arena_printf(r->a, "%s tổng số · %s", fmt_percent(r, y, s->total), fmt_young_ages(r, s->young_age)));
  }
  long long pm = count_of(s, DIM_PARTY, "member");
  card(r, NULL, "Đảng viên", fmt_count(r, pm), arena_printf(r->a, "%s tổng số", fmt_percent(r, pm, s->total)));
  html_lit(&r->out, "</ul>");
}

static void pyramid(Req *r, const Structure *s) {
  const Dimension *d = &s->dim[DIM_AGE];
  SvgPyramidRow rows[8];
  int n = 0;
  for (int i = d->n - 1; i >= 0 && n < 8; i--, n++)
    rows[n] = (SvgPyramidRow){d->v[i].label, d->v[i].n - d->v[i].women, d->v[i].women};
  html_lit(&r->out, "<section class=\"card chart-card\" aria-labelledby=\"pyr-h\"><h2 id=\"pyr-h\" class=\"section-h\">"
                    "Tháp tuổi theo giới tính</h2>");
  svg_pyramid(&r->out, "pyr", "Tháp tuổi theo giới tính: số nam và nữ trong từng độ tuổi", "Nam", "Nữ", rows, n);
  html_lit(&r->out, "</section>");
}

static void stacked(Req *r, const Structure *s) {
  static const DimId dims[] = {DIM_DEGREE, DIM_LLCT, DIM_QLNN, DIM_PARTY, DIM_AGE_CONG, DIM_CATEGORY};
  SvgStackRow rows[6];
  for (int i = 0; i < 6; i++) {
    const Dimension *d = &s->dim[dims[i]];
    SvgSegment *seg = arena_alloc(r->a, sizeof(SvgSegment) * (size_t)(d->n ? d->n : 1));
    for (int k = 0; k < d->n; k++) seg[k] = (SvgSegment){d->v[k].label, d->v[k].n};
    rows[i] = (SvgStackRow){d->label, seg, d->n};
  }
  html_lit(&r->out, "<section class=\"card chart-card\" aria-labelledby=\"stk-h\"><h2 id=\"stk-h\" class=\"section-h\">"
                    "Cơ cấu theo trình độ, đảng viên, độ tuổi và chức vụ</h2>");
  svg_stacked(&r->out, "stk", "Cơ cấu theo trình độ chuyên môn, lý luận chính trị, quản lý nhà nước, đảng viên, ba độ tuổi và chức vụ (tỷ lệ phần trăm)", rows, 6);
  html_lit(&r->out, "</section>");
}

static void grid(Req *r, const Structure *s) {
  SvgTile *t = arena_alloc(r->a, sizeof(SvgTile) * (size_t)(s->ntiles ? s->ntiles : 1));
  for (int i = 0; i < s->ntiles; i++) {
    const UnitTile *u = &s->tiles[i];
    long long p = u->total ? u->women * 100 / u->total : 0;
    t[i] = (SvgTile){u->unit.name, arena_printf(r->a, "%s cán bộ", fmt_count(r, u->total)),
                     arena_printf(r->a, "Nữ %s", fmt_percent(r, u->women, u->total)),
                     html_url(r->a, "/thong-ke?unit=%U&date=%U", u->unit.code, s->date),
                     u->total == 0 ? 0 : p < 15 ? 1 : p < 25 ? 2 : p < 35 ? 3 : 4};
  }
  static const char *const legend[5] = {"Không có cán bộ", "Nữ dưới 15%", "Nữ 15–25%", "Nữ 25–35%", "Nữ từ 35%"};
  html_lit(&r->out, "<section class=\"card chart-card\" aria-labelledby=\"grid-h\"><h2 id=\"grid-h\" class=\"section-h\">"
                    "Bản đồ đơn vị: số cán bộ và tỷ lệ nữ</h2>");
  svg_grid(&r->out, "grid", "Các đơn vị trực thuộc, tô màu theo tỷ lệ cán bộ nữ", t, s->ntiles, legend);
  html_lit(&r->out, "</section>");
}

static void dim_table(Req *r, const StructArgs *a, const Structure *s, DimId id) {
  const Dimension *d = &s->dim[id];
  Buf *b = &r->out;
  html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"dim-%s\"><caption>%s</caption><thead><tr>"
                 "<th scope=\"col\">Nhóm</th><th scope=\"col\" class=\"num\">Số lượng</th>"
                 "<th scope=\"col\" class=\"num\">Tỷ lệ</th><th scope=\"col\" class=\"num\">Trong đó nữ</th></tr></thead><tbody>",
              d->key, d->label);
  for (int i = 0; i < d->n; i++) {
    const Bucket *k = &d->v[i];
    const char *href = bucket_href(r, a, id, k->key);
    html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">", k->label);
    if (href) html_printf(b, "<a href=\"%s\">%s</a>", href, fmt_count(r, k->n));
    else html_printf(b, "%s", fmt_count(r, k->n));
    html_printf(b, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>", fmt_percent(r, k->n, s->total),
                fmt_count(r, k->women));
  }
  if (d->n == 0) html_lit(b, "<tr><td colspan=\"4\" class=\"empty\">Không áp dụng.</td></tr>");
  html_lit(b, "</tbody></table></div>");
  /* each person once, by the post that heads: a committee member whose main post is a job counts by that job (a
     board-user trial read "Cấp ủy viên 0" as a count of the committee's members) */
  if (id == DIM_CATEGORY)
    html_lit(b, "<p class=\"help\" id=\"dim-category-note\">Mỗi người tính một lần, theo chức vụ chính đang giữ: "
                "cấp ủy viên, ủy viên thường vụ kiêm nhiệm được tính theo chức vụ chính của họ (nhóm «Cấp ủy viên» chỉ "
                "gồm người mà chức vụ chính là cấp ủy viên).</p>");
}

void page_structure(Req *r) {
  StructArgs a;
  Structure s;
  if (!structure_args(r, &a)) return;
  const char *format = req_query(r, "format");
  if (strcmp(r->path, "/thong-ke.csv") == 0) format = "csv";
  else if (strcmp(r->path, "/thong-ke.xlsx") == 0) format = "xlsx";
  if (format && *format && strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0 && strcmp(format, "json") != 0) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn csv, xlsx hoặc json.");
    return;
  }
  if (a.bad_date && format && *format) {
    resp_error(r, 400, "bad_request", arena_printf(r->a, "Ngày không hợp lệ: %s.", a.bad_date));
    return;
  }
  if (!structure_args_compute(r, &a, &s)) return;
  if (format && strcmp(format, "json") == 0) {
    structure_send_json(r, structure_json(&s));
    return;
  }
  if (format && *format) {
    download(r, &s, format);
    return;
  }
  page_begin(r, "Thống kê cơ cấu", NAV_STATS);
  if (a.bad_date) r->status = 400;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>Thống kê cơ cấu đội ngũ cán bộ</h1><p class=\"muted\">%s — tính đến ngày %s</p></div>",
              s.unit.name, fmt_date(r, s.date));
  picker(r, &a);
  html_lit(b, "<div class=\"toolbar\"><div class=\"exports\">");
  const char *fmts[][2] = {{"xlsx", "Xuất Excel"}, {"csv", "Xuất CSV"}, {"json", "JSON"}};
  for (int i = 0; i < 3; i++)
    html_printf(b, "<a class=\"btn btn-ghost\" id=\"export-%s\" href=\"%s\">%s</a>", fmts[i][0],
                html_url(r->a, "/thong-ke?unit=%U&date=%U&format=%U", a.unit, a.date, fmts[i][0]), fmts[i][1]);
  html_lit(b, "</div></div>");
  if (!a.today)
    html_lit(b, "<p class=\"muted\">Số liệu theo ngày đã chọn; danh sách chi tiết (liên kết) chỉ có khi xem số liệu đến hôm nay.</p>");
  headline(r, &a, &s);
  pyramid(r, &s);
  stacked(r, &s);
  grid(r, &s);
  html_lit(b, "<section class=\"card\" aria-labelledby=\"tbl-h\"><h2 id=\"tbl-h\" class=\"section-h\">Bảng số liệu</h2>");
  for (int d = 0; d < DIM_COUNT; d++) dim_table(r, &a, &s, (DimId)d);
  if (s.young_known && s.young_basis)
    html_printf(b, "<p class=\"muted\">Cán bộ trẻ theo PLAN-5a (%s): %s. Trình độ là số liệu hiện có trong hồ sơ.</p>",
                s.young_basis, fmt_young_ages(r, s.young_age));
  html_lit(b, "</section>");
  page_end(r);
}

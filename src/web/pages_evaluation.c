/*
** Evaluation pages: the yearly ratings of a unit's subtree
** (GET /danh-gia?unit=&year=&format=csv: counts per level, the EVAL-2 quota
** check per grassroots organization with its numbers and basis, the cadres
** flagged by EVAL-3, every rating), the officer's form to record a rating
** (GET/POST /can-bo/{code}/danh-gia), and the profile section "Đánh giá, kỷ
** luật" (profile_eval_section).
**
** Not for: the rules themselves (domain/evaluation.c).
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre.h"
#include "domain/discipline.h"
#include "domain/evaluation.h"
#include "domain/rules.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

static const char *const LEVELS[] = {"excellent", "good", "completed", "failed"};

/* The subtree path of ?unit= (NULL when absent); false after a 404 when unknown or out of scope. */
static bool unit_arg(Req *r, const char **unit, const char **path) {
  *unit = req_query(r, "unit"), *path = NULL;
  if (!*unit || !**unit) return *unit = NULL, true;
  Unit u;
  int rc = unit_find(r->db, r->a, r->scope, *unit, &u);
  if (rc) {
    resp_cb_error(r, rc);
    return false;
  }
  *path = u.path;
  return true;
}

static void filter_form(Req *r, const char *unit, int year) {
  Buf *b = &r->out;
  Unit *units;
  int nu = 0;
  if (unit_list(r->db, r->a, r->scope, &units, &nu) != 0) nu = 0;
  html_lit(b, "<form method=\"get\" action=\"/danh-gia\" class=\"search card\" id=\"eval-filter\">");
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = unit}, units, nu,
                         "Tất cả đơn vị trong phạm vi");
  widget_text(r, &(Field){.name = "year", .label = "Năm", .value = arena_printf(r->a, "%d", year), .maxlen = 4});
  html_printf(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem</button></form>"
                 "<div class=\"toolbar\"><span></span><div class=\"exports\"><a class=\"btn btn-ghost\" id=\"eval-csv\" "
                 "href=\"%s\">Xuất CSV</a></div></div>",
              html_url(r->a, "/danh-gia?format=csv&year=%d&unit=%U", year, unit ? unit : ""));
}

static void counts_block(Req *r, const int c[4], int n) {
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" aria-labelledby=\"cnt-h\"><h2 id=\"cnt-h\" class=\"section-h\">Kết quả xếp "
                 "loại (%s cán bộ)</h2><ul class=\"bars\" id=\"eval-counts\">",
              fmt_count(r, n));
  for (int k = 0; k < 4; k++)
    html_printf(b, "<li><span class=\"bar-label\">%s</span><span class=\"bar-num\">%s <small>(%s)</small></span>"
                   "<meter min=\"0\" max=\"%d\" value=\"%d\"></meter></li>",
                evaluation_rating_label(LEVELS[k]), fmt_count(r, c[k]), fmt_percent(r, c[k], n), n ? n : 1, c[k]);
  html_lit(b, "</ul></section>");
}

/* EVAL-2 per organization; `unrated` people of the scope still without a rating make its figures provisional. */
static void quota_block(Req *r, const EvaluationOrg *o, int n, int year, long long unrated) {
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" aria-labelledby=\"q-h\"><h2 id=\"q-h\" class=\"section-h\">Tỷ lệ hoàn thành "
                 "xuất sắc theo tổ chức cơ sở (EVAL-2), năm %d</h2>",
              year);
  if (n && unrated > 0)
    html_printf(b, "<p class=\"notice notice-info\" id=\"quota-provisional\">Tạm tính: còn %s người trong phạm vi chưa "
                   "có kết quả năm %d; tỷ lệ và kết quả dưới đây đổi khi kết quả được ghi đủ.</p>",
                fmt_count(r, unrated), year);
  if (n) html_printf(b, "<p class=\"muted\">Căn cứ: %s</p>", o[0].finding.basis);
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"eval-quota\"><thead><tr><th scope=\"col\">Tổ chức</th>"
              "<th scope=\"col\" class=\"num\">Xuất sắc</th><th scope=\"col\" class=\"num\">Tốt</th>"
              "<th scope=\"col\" class=\"num\">Hoàn thành</th><th scope=\"col\" class=\"num\">Không hoàn thành</th>"
              "<th scope=\"col\">Kết quả</th><th scope=\"col\">Giải thích</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                   "<td class=\"num\">%s</td><td>",
                o[i].org_name, fmt_count(r, o[i].excellent), fmt_count(r, o[i].good), fmt_count(r, o[i].completed),
                fmt_count(r, o[i].failed));
    widget_result_badge(r, o[i].finding.result);
    html_printf(b, "</td><td>%s</td></tr>", o[i].finding.message);
  }
  if (!n) html_lit(b, "<tr><td colspan=\"7\" class=\"empty\">Chưa có kết quả xếp loại năm này.</td></tr>");
  html_lit(b, "</tbody></table></div></section>");
}

static void flagged_block(Req *r, const Evaluation *v, int n, int years, int year) {
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" aria-labelledby=\"f-h\"><h2 id=\"f-h\" class=\"section-h\">Không hoàn thành "
                 "nhiệm vụ %d năm liên tiếp đến năm %d (EVAL-3)</h2><ul id=\"eval-flagged\">",
              years, year);
  for (int i = 0; i < n; i++)
    html_printf(b, "<li><a href=\"/can-bo/%U\">%s</a> — %s: cần xem xét cho thôi việc, miễn nhiệm.</li>",
                v[i].cadre_code, v[i].cadre_name, or_dash(v[i].unit_name));
  if (!n) html_lit(b, "<li class=\"muted\">Không có cán bộ nào.</li>");
  html_lit(b, "</ul></section>");
}

/* Units listed in the unrated block, and cadres of one unit in its list (each bounded: the counts say the rest). */
#define UNRATED_UNITS 100
#define UNRATED_PEOPLE 500

/* One unit's cadres with no rating of the year (?chua=1 with ?unit=), each with a link to record it (officers). */
static void unrated_people(Req *r, const Unit *u, int year) {
  UnratedCadre *v;
  int n;
  if (evaluation_unrated_cadres(r->db, r->a, u->id, year, UNRATED_PEOPLE, &v, &n) != 0) return;
  Buf *b = &r->out;
  bool officer = page_can_write(r);
  const char *back = html_url(r->a, "/danh-gia?year=%d&unit=%U&chua=1#chua-xep-loai", year, u->code);
  html_printf(b, "<h3 id=\"chua-ds\">Cán bộ của %s chưa có kết quả năm %d</h3>", u->name, year);
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"unrated-list\"><thead><tr>"
              "<th scope=\"col\" class=\"num\">STT</th><th scope=\"col\">Họ và tên</th><th scope=\"col\">Ngày sinh</th>"
              "<th scope=\"col\">Chức vụ</th>");
  if (officer) html_lit(b, "<th scope=\"col\"><span class=\"sr-only\">Ghi kết quả</span></th>");
  html_lit(b, "</tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td class=\"num\">%d</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>", i + 1,
                v[i].code, v[i].full_name, fmt_date(r, v[i].birth_date), or_dash(v[i].title));
    if (officer)
      html_printf(b, "<td><a class=\"btn btn-ghost\" href=\"%s\">Ghi kết quả</a></td>",
                  html_url(r->a, "/can-bo/%U/danh-gia?year=%d&back=%U", v[i].code, year, back));
    html_lit(b, "</tr>");
  }
  if (!n) html_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">Mọi cán bộ của đơn vị đã có kết quả.</td></tr>", officer ? 5 : 4);
  html_lit(b, "</tbody></table></div>");
  if (n == UNRATED_PEOPLE) html_printf(b, "<p class=\"muted\">Hiện %d người đầu tiên theo tên.</p>", UNRATED_PEOPLE);
}

/* Who has no rating of the year: per unit (from the count tables), and the chosen unit's people; how many. */
static long long unrated_block(Req *r, const char *unit, const char *path, int year) {
  UnratedUnit *v;
  int n;
  long long units, people;
  if (evaluation_unrated_units(r->db, r->a, r->scope, path, year, UNRATED_UNITS, &v, &n, &units, &people) != 0) return 0;
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card\" aria-labelledby=\"chua-h\" id=\"chua-xep-loai\"><h2 id=\"chua-h\" "
                 "class=\"section-h\">Chưa có kết quả xếp loại năm %d (%s người)</h2>",
              year, fmt_count(r, people));
  if (!people) html_printf(b, "<p>Mọi cán bộ trong phạm vi đã có kết quả xếp loại năm %d.</p>", year);
  else {
    html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\" id=\"unrated-units\"><thead><tr>"
                "<th scope=\"col\">Đơn vị</th><th scope=\"col\" class=\"num\">Số cán bộ</th><th scope=\"col\" "
                "class=\"num\">Đã có kết quả</th><th scope=\"col\" class=\"num\">Chưa có</th><th scope=\"col\">"
                "<span class=\"sr-only\">Danh sách</span></th></tr></thead><tbody>");
    for (int i = 0; i < n; i++)
      html_printf(b, "<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                     "<td><a href=\"%s\">Danh sách</a></td></tr>",
                  v[i].name, fmt_count(r, v[i].cadres), fmt_count(r, v[i].rated), fmt_count(r, v[i].cadres - v[i].rated),
                  html_url(r->a, "/danh-gia?year=%d&unit=%U&chua=1#chua-xep-loai", year, v[i].code));
    html_lit(b, "</tbody></table></div>");
    if (units > n)
      html_printf(b, "<p class=\"muted\">Và %s đơn vị khác: chọn một đơn vị ở trên để xem phần của đơn vị đó.</p>",
                  fmt_count(r, units - n));
  }
  Unit u;
  if (unit && req_query(r, "chua") && unit_find(r->db, r->a, r->scope, unit, &u) == 0) unrated_people(r, &u, year);
  html_lit(b, "</section>");
  return people;
}

static void ratings_table(Req *r, const Evaluation *v, int n, int first) {
  Buf *b = &r->out;
  html_lit(b, "<section aria-labelledby=\"l-h\"><h2 id=\"l-h\">Danh sách xếp loại</h2><div class=\"table-wrap\" tabindex=\"0\">"
              "<table class=\"list\" id=\"eval-list\"><thead><tr><th scope=\"col\" class=\"num\">STT</th>"
              "<th scope=\"col\">Họ và tên</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Xếp loại</th>"
              "<th scope=\"col\" class=\"num\">Điểm</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td class=\"num\">%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td>%s</td><td>%s</td>", fmt_count(r, first + i + 1),
                v[i].cadre_code, v[i].cadre_name, or_dash(v[i].unit_name), evaluation_rating_label(v[i].rating));
    if (v[i].score >= 0) html_printf(b, "<td class=\"num\">%d</td></tr>", v[i].score);
    else html_lit(b, "<td class=\"num\">—</td></tr>");
  }
  if (!n) html_lit(b, "<tr><td colspan=\"5\" class=\"empty\">Không có kết quả.</td></tr>");
  html_lit(b, "</tbody></table></div></section>");
}

static void ratings_csv(Req *r, const Evaluation *v, int n, int year) {
  static const char *H[] = {"Mã cán bộ", "Họ và tên", "Mã đơn vị", "Đơn vị", "Năm", "Xếp loại", "Điểm"};
  Table t;
  table_init(r, &t, H, 7);
  for (int i = 0; i < n; i++)
    table_add(r, &t, (const char *[7]){v[i].cadre_code, v[i].cadre_name, v[i].unit_code, v[i].unit_name,
                                       arena_printf(r->a, "%d", v[i].year), evaluation_rating_label(v[i].rating),
                                       v[i].score >= 0 ? arena_printf(r->a, "%d", v[i].score) : ""});
  table_send(r, &t, "csv", arena_printf(r->a, "danh-gia-%d", year));
}

/* After a rating recorded from the list (?da-luu=CODE): whose, and what the rules noticed about it (EVAL-4: a score
   that does not fit the rating), as the profile's table would show it. */
static void saved_notice(Req *r, const char *code, int year) {
  Cadre c;
  if (!code || cadre_find(r->db, r->a, r->scope, code, &c) != 0) return;
  EvaluationQuery q = {c.id, NULL, NULL, year, 1, 0};
  Evaluation *v;
  int n;
  if (evaluation_list(r->db, r->a, &q, &v, &n) != 0 || n != 1) return; /* said only when the rating is there */
  Buf msg = BUF_INIT;
  buf_printf(&msg, "Đã lưu kết quả năm %d của %s (%s).", year, c.full_name, c.code);
  Findings f;
  if (findings_load(r->db, r->a, "evaluation", v[0].id, &f) == 0)
    for (int i = 0; i < f.n; i++)
      if (f.v[i].result >= RESULT_WARN) buf_printf(&msg, " Lưu ý %s: %s", f.v[i].rule, f.v[i].message);
  page_notice(r, "ok", arena_strdup(r->a, msg.p));
  buf_free(&msg);
}

/* The HTML list shows one page of ratings (issue 9: 1.9 MB of HTML at 100,000 cadres); the counts come from a
   GROUP BY; the CSV export keeps every row. */
#define EVAL_PER_PAGE 100

void page_evaluations(Req *r) {
  const char *unit, *path, *scope = scope_legacy(r->scope);
  if (!unit_arg(r, &unit, &path)) return;
  /* by default the latest year rated, or last year when none is rated yet (a board opening the page in 2026 sees
     what is left of 2025, not 2024's finished results: docs/DECISIONS.md) */
  int latest = evaluation_latest_year(r->db, scope_from_legacy(scope), path), last = date_today().y - 1;
  int year = (int)req_query_long(r, "year", latest > last ? latest : last, 1990, 2100);
  const char *format = req_query(r, "format");
  bool csv = format && strcmp(format, "csv") == 0;
  int page = csv ? 1 : (int)req_query_long(r, "page", 1, 1, 1000000);
  EvaluationQuery q = {0, path, scope, year, csv ? 0 : EVAL_PER_PAGE, csv ? 0 : (page - 1) * EVAL_PER_PAGE};
  Evaluation *v, *fl;
  EvaluationOrg *orgs;
  int n, norg, nfl, years, counts[4], total = 0;
  int rc = evaluation_list(r->db, r->a, &q, &v, &n);
  if (csv) {
    if (rc) resp_cb_error(r, rc);
    else ratings_csv(r, v, n, year);
    return;
  }
  if (!rc) rc = evaluation_counts(r->db, &q, counts, &total);
  if (!rc) rc = evaluation_quota(r->db, r->a, scope_from_legacy(scope), path, year, &orgs, &norg);
  if (!rc) rc = evaluation_flagged(r->db, r->a, scope_from_legacy(scope), path, year, &fl, &nfl, &years);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, "Đánh giá, xếp loại", NAV_NONE);
  html_printf(&r->out, "<div class=\"page-head\"><h1>Đánh giá, xếp loại chất lượng năm %d</h1></div>", year);
  filter_form(r, unit, year);
  saved_notice(r, req_query(r, "da-luu"), year);
  counts_block(r, counts, total);
  long long unrated = unrated_block(r, unit, path, year);
  quota_block(r, orgs, norg, year, unrated);
  if (years) flagged_block(r, fl, nfl, years, year);
  ratings_table(r, v, n, (page - 1) * EVAL_PER_PAGE);
  widget_pager(r, html_url(r->a, "/danh-gia?year=%d&unit=%U", year, unit ? unit : ""), page, EVAL_PER_PAGE, total, false);
  page_end(r);
}

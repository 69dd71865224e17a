/*
** The home page (GET /, issue 4 item 2): the dashboard of the user's scope
** (domain/dashboard.h) -- cadres, women, young (PLAN-5a), key titles with and
** without a planning pool, retirements in 12 months, reappointments due,
** last year's annual report -- each card linking to the list behind its
** number; then the political-theory bars (stats.h) and the collapsible unit
** tree with its date picker, each unit linking to its cadre list.
*/
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/dashboard.h"
#include "domain/membership.h"
#include "domain/stats.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

/* One card: a big number, a label, an optional note; linked when href is set. */
static void card(Req *r, const char *href, const char *label, const char *value, const char *note) {
  Buf *b = &r->out;
  if (href)
    html_printf(b, "<li class=\"stat\"><a class=\"stat-link\" href=\"%s\">", href);
  else
    html_lit(b, "<li class=\"stat\"><div class=\"stat-link\">");
  html_printf(b, "<span class=\"stat-label\">%s</span><span class=\"stat-value\">%s</span>", label, value);
  if (note) html_printf(b, "<span class=\"stat-note\">%s</span>", note);
  if (href)
    html_lit(b, "</a></li>");
  else
    html_lit(b, "</div></li>");
}

/* One row of the LLCT card: label, count, percent and a bar (a <meter>, no inline style needed). */
static void llct_row(Req *r, const char *label, long long n, long long total) {
  html_printf(&r->out,
              "<li><span class=\"bar-label\">%s</span><span class=\"bar-num\">%s <small>(%s)</small></span>"
              "<meter min=\"0\" max=\"%lld\" value=\"%lld\" aria-hidden=\"true\"></meter></li>",
              label, fmt_count(r, n), fmt_percent(r, n, total), total > 0 ? total : 1, n);
}

/* The young card's note: the share and the PLAN-5a ages by level ("dưới 35 tuổi cấp xã..."). */
static const char *young_note(Req *r, const Dashboard *d) {
  if (!d->young_known) return "Chưa có quy định PLAN-5a hiệu lực";
  return arena_printf(r->a, "%s tổng số · %s", fmt_percent(r, d->young, d->members), fmt_young_ages(r, d->young_age));
}

/* The dashboard cards (dashboard.h): each number links to the list it counts. */
static void cards(Req *r, const Dashboard *d, const Stats *s) {
  Buf *b = &r->out;
  html_lit(b, "<section aria-labelledby=\"stats-h\"><h2 id=\"stats-h\" class=\"section-h\">Số liệu chính</h2>"
              "<ul class=\"stats dash-cards\">");
  card(r, "/can-bo", "Tổng số cán bộ", fmt_count(r, d->cadres), "Xem danh sách");
  card(r, "/can-bo?gender=F", "Nữ", fmt_count(r, d->women),
       arena_printf(r->a, "%s tổng số", fmt_percent(r, d->women, d->cadres)));
  card(r, "/thong-ke", "Cán bộ trẻ", d->young_known ? fmt_count(r, d->young) : "—", young_note(r, d));
  card(r, "/can-bo?age_max=39", "Dưới 40 tuổi", fmt_count(r, s->under40),
       arena_printf(r->a, "%s tổng số (tính đến hôm nay)", fmt_percent(r, s->under40, s->total)));
  card(r, html_url(r->a, "/quy-hoach?term=%U", d->term), "Chức danh chủ chốt có nguồn quy hoạch",
       arena_printf(r->a, "%s/%s", fmt_count(r, d->key_covered), fmt_count(r, d->key_pools)),
       d->key_empty ? arena_printf(r->a, "%s chức danh chưa có nguồn · nhiệm kỳ %s", fmt_count(r, d->key_empty), d->term)
                    : arena_printf(r->a, "Đủ nguồn · nhiệm kỳ %s", d->term));
  card(r, arena_printf(r->a, "/du-bao?months=%d", DASHBOARD_RETIRE_MONTHS), "Nghỉ hưu trong 12 tháng tới",
       fmt_count(r, d->retiring), "Người đang giữ chức vụ · xem dự báo");
  card(r, "/bo-nhiem/den-han", "Đến hạn bổ nhiệm lại", fmt_count(r, d->due),
       arena_printf(r->a, "Hết nhiệm kỳ trong %s ngày tới (APPT-8)", fmt_count(r, d->notice_days)));
  card(r, "/bo-nhiem?status=open", "Đề nghị bổ nhiệm đang xem xét", fmt_count(r, d->open_proposals),
       "Đang thực hiện quy trình");
  html_lit(b, "</ul></section>");
}

/* Last year's annual report (docs/API.md, annual report) in one wide card linking to the report. */
static void report_card(Req *r, const Dashboard *d) {
  if (!d->has_report) return;
  const AnnualReport *a = &d->report;
  Buf *b = &r->out;
  /* The report covers a whole year: the last one that has ended; this year so far is one link away. */
  html_printf(b, "<section class=\"card dash-report\" aria-labelledby=\"rep-h\"><h2 id=\"rep-h\" class=\"section-h\">"
                 "Báo cáo công tác cán bộ năm %d</h2><p class=\"muted\" id=\"rep-why\">%s · năm %d là năm gần nhất đã "
                 "kết thúc; số liệu năm %d đến nay: <a href=\"%s\">báo cáo năm %d</a></p><ul class=\"stats\">",
              a->year, a->unit_name, a->year, a->year + 1,
              html_url(r->a, "/bao-cao/nam?unit=%U&year=%d", a->unit_code, a->year + 1), a->year + 1);
  const char *href = html_url(r->a, "/bao-cao/nam?unit=%U&year=%d", a->unit_code, a->year);
  card(r, href, "Bổ sung quy hoạch", fmt_count(r, a->committee_added + a->key_added),
       arena_printf(r->a, "Cấp ủy %s · chủ chốt %s", fmt_count(r, a->committee_added), fmt_count(r, a->key_added)));
  card(r, href, "Đưa ra khỏi quy hoạch", fmt_count(r, a->committee_removed + a->key_removed),
       arena_printf(r->a, "Cấp ủy %s · chủ chốt %s", fmt_count(r, a->committee_removed), fmt_count(r, a->key_removed)));
  card(r, href, "Lượt cử đi đào tạo, bồi dưỡng", fmt_count(r, d->report_trainings), "Xem báo cáo năm");
  card(r, href, "Luân chuyển, điều động", fmt_count(r, a->rotations), "Xem báo cáo năm");
  card(r, href, "Bổ nhiệm, bổ nhiệm lại, đề bạt", fmt_count(r, a->appointments), "Xem báo cáo năm");
  html_lit(b, "</ul></section>");
}

/* The political-theory levels as bars (stats.h). */
static void llct_card(Req *r, const Stats *s) {
  Buf *b = &r->out;
  html_lit(b, "<section class=\"card\" aria-labelledby=\"llct-h\"><h2 id=\"llct-h\" class=\"section-h\">"
              "Trình độ lý luận chính trị</h2><ul class=\"bars\">");
  llct_row(r, "Cao cấp, cử nhân", s->llct_cao_cap, s->total);
  llct_row(r, "Trung cấp", s->llct_trung_cap, s->total);
  llct_row(r, "Sơ cấp", s->llct_so_cap, s->total);
  llct_row(r, "Chưa có", s->llct_none, s->total);
  html_lit(b, "</ul></section>");
}

static void unit_label(Req *r, const UnitCount *u) {
  html_printf(&r->out,
              "<a href=\"/can-bo?unit=%U\">%s</a> <span class=\"count\" title=\"Số cán bộ, kể cả các đơn vị trực thuộc\">%s</span>",
              u->unit.code, u->unit.name, fmt_count(r, u->subtree));
}

/*
** The tree from units in tree order with depths: each unit is its link and
** count; a unit with children is followed by a <details> (open for the first
** two levels) whose <summary> reads "N đơn vị trực thuộc" and whose list holds
** them. The link stays outside the summary: a link inside the summary's
** button would be interactive content nested in another (axe:
** nested-interactive, issue 12).
*/
static void unit_tree(Req *r, const UnitCount *v, int n, const char *date, const char *bad_date) {
  Buf *b = &r->out;
  html_lit(b, "<section aria-labelledby=\"tree-h\" class=\"card\"><h2 id=\"tree-h\" class=\"section-h\">"
              "Cơ cấu đơn vị</h2><p class=\"muted\" id=\"tree-note\">Số bên cạnh mỗi đơn vị: cán bộ của đơn vị đó "
              "và của các đơn vị trực thuộc.</p>");
  /* The date picker (issue 4): the tree as it stood on a date; details on /don-vi. */
  html_lit(b, "<form method=\"get\" action=\"/\" class=\"tree-date\">");
  widget_date(r, &(Field){.name = "date", .label = "Tại ngày", .id = "tree-date", .error = bad_date,
                          .value = bad_date ? req_query(r, "date") : date});
  html_printf(b, "<button type=\"submit\" class=\"btn btn-ghost\">Xem</button>"
                 "<a href=\"%s\">Chi tiết cơ cấu và các lần sắp xếp đơn vị</a></form>",
              date ? html_url(r->a, "/don-vi?date=%U", date) : "/don-vi");
  if (n == 0) {
    html_lit(b, "<p class=\"muted\">Chưa có đơn vị nào.</p></section>");
    return;
  }
  html_lit(b, "<ul class=\"tree\">");
  int open = 0; /* parents whose <details><ul> are open */
  int base = v[0].unit.depth;
  for (int i = 0; i < n; i++) {
    int d = v[i].unit.depth - base;
    while (open > d) {
      html_lit(b, "</ul></details></li>");
      open--;
    }
    bool parent = i + 1 < n && v[i + 1].unit.depth > v[i].unit.depth;
    if (parent) {
      int kids = 0;
      for (int j = i + 1; j < n && v[j].unit.depth > v[i].unit.depth; j++) kids += v[j].unit.depth == v[i].unit.depth + 1;
      html_lit(b, "<li class=\"branch\">");
      unit_label(r, &v[i]);
      if (d < 1) html_lit(b, "<details open>");
      else html_lit(b, "<details>");
      html_printf(b, "<summary>%d đơn vị trực thuộc</summary><ul>", kids);
      open++;
    } else {
      html_lit(b, "<li class=\"leaf\">");
      unit_label(r, &v[i]);
      html_lit(b, "</li>");
    }
  }
  while (open-- > 0) html_lit(b, "</ul></details></li>");
  html_lit(b, "</ul></section>");
}

/* The tree on `date` (unit_list_at) with cadre counts of that date (membership rule). */
static int unit_counts_at(Req *r, const char *scope, const char *date, UnitCount **out, int *n) {
  Unit *u;
  Member *m;
  int nu, nm, rc = unit_list_at(r->db, r->a, scope_from_legacy(scope), date, &u, &nu);
  if (!rc) rc = membership_list(r->db, r->a, scope_from_legacy(scope), NULL, date, &m, &nm);
  if (rc) return rc;
  UnitCount *v = arena_alloc(r->a, sizeof *v * (size_t)(nu ? nu : 1));
  for (int i = 0; i < nu; i++) {
    v[i].unit = u[i];
    for (int k = 0; k < nm; k++) v[i].direct += m[k].unit_id == u[i].id;
  }
  /* Subtree sums along the tree order: a unit's subtree is the run of deeper units after it. */
  for (int i = 0; i < nu; i++)
    for (int j = i; j < nu && (j == i || v[j].unit.depth > v[i].unit.depth); j++) v[i].subtree += v[j].direct;
  *out = v;
  *n = nu;
  return 0;
}

void page_home(Req *r) {
  const char *scope = scope_legacy(r->scope);
  const char *scope_unit = r->user ? r->user->unit_code : NULL;
  char today[11];
  date_iso(date_today(), today);
  Stats s;
  Dashboard d;
  int rc = dashboard_build(r->db, r->a, scope_from_legacy(scope), scope_unit, today, &d);
  if (!rc) s = d.stats;
  UnitCount *units = NULL;
  int n = 0;
  const char *bad_date = NULL, *date = widget_date_arg(r, "date", NULL, &bad_date);
  if (!rc) rc = date ? unit_counts_at(r, scope, date, &units, &n) : stats_unit_counts(r->db, r->a, scope_from_legacy(scope), &units, &n);
  if (!rc && !date) { /* today's tree: leave out units that have ended (merged away) or not begun */
    int k = 0;
    for (int i = 0; i < n; i++) {
      const Unit *u = &units[i].unit;
      bool ended = u->valid_to && *u->valid_to && strcmp(u->valid_to, today) < 0;
      bool unborn = u->valid_from && *u->valid_from && strcmp(u->valid_from, today) > 0;
      if (!ended && !unborn) units[k++] = units[i];
    }
    n = k;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, "Trang chủ", NAV_HOME);
  if (bad_date) r->status = 400;
  html_lit(&r->out, "<div class=\"page-head\"><h1>Tổng quan công tác cán bộ</h1>");
  Unit su;
  if (scope_unit && unit_find(r->db, r->a, scope_all(), scope_unit, &su) == 0)
    html_printf(&r->out, "<p class=\"muted\">Phạm vi: %s và các đơn vị trực thuộc · số liệu đến ngày %s</p>", su.name,
                fmt_date(r, today));
  else
    html_printf(&r->out, "<p class=\"muted\">Phạm vi: toàn bộ tổ chức · số liệu đến ngày %s</p>", fmt_date(r, today));
  html_lit(&r->out, "</div>");
  cards(r, &d, &s);
  report_card(r, &d);
  llct_card(r, &s);
  unit_tree(r, units, n, date, bad_date);
  page_end(r);
}

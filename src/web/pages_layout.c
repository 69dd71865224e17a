/*
** The page frame shared by every HTML page and a few formatting helpers
** (see pages.h). Markup only from literals; text through html_printf's %s.
*/
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "core/date.h"
#include "core/html.h"
#include "core/vi.h"
#include "web/pages.h"
#include "web/web.h"

/*
** The navigation, as data: top-level entries, some of them groups shown as
** <details> dropdowns (open and close by mouse, Enter or Space without any
** JavaScript; app.js only closes the others and reacts to Escape). A link is
** shown only when the route table lets the user's role GET it, so a viewer
** never sees "Nhập dữ liệu" and a link to a missing route never appears.
*/
typedef struct {
  const char *href, *label;
} NavLink;

typedef struct {
  const char *label;
  NavLink links[5]; /* one link without a group label: a plain top-level entry */
} NavEntry;

static const NavEntry NAV[] = {
    {NULL, {{"/", "Trang chủ"}}},
    {NULL, {{"/can-bo", "Cán bộ"}}},
    {"Quy hoạch",
     {{"/quy-hoach", "Nguồn quy hoạch"}, {"/quy-hoach/ra-soat", "Rà soát quy hoạch"},
      {"/du-bao", "Dự báo nghỉ hưu, nguồn thay thế"}}},
    {"Đào tạo", {{"/dao-tao", "Cán bộ được cử đi đào tạo"}, {"/dao-tao/nhu-cau", "Nhu cầu đào tạo năm tới"}}},
    {"Điều động – Bổ nhiệm",
     {{"/bo-nhiem", "Bổ nhiệm, đề bạt"}, {"/bo-nhiem/den-han", "Đến hạn bổ nhiệm lại"},
      {"/luan-chuyen", "Luân chuyển, điều động"}, {"/quan-he-gia-dinh", "Quan hệ gia đình"}}},
    {"Đánh giá – Kỷ luật", {{"/danh-gia", "Đánh giá, xếp loại"}, {"/ky-luat", "Kỷ luật"}}},
    {NULL, {{"/dai-hoi", "Đại hội"}}},
    {"Báo cáo", {{"/bao-cao/nam", "Báo cáo công tác cán bộ năm"}, {"/thong-ke", "Thống kê cơ cấu"}}},
    {NULL, {{"/don-vi", "Đơn vị"}}},
    {"Hệ thống", {{"/nhap-du-lieu", "Nhập dữ liệu"}, {"/quy-dinh", "Quy định"}, {"/nguoi-dung", "Người dùng"}}},
};
enum { NAV_N = sizeof NAV / sizeof NAV[0], NAV_LINKS = 5 };

/* The GET route of each menu link (NULL: none), looked up once: the route table is constant. */
static const Route *nav_route[NAV_N][NAV_LINKS];
static pthread_once_t nav_once = PTHREAD_ONCE_INIT;

static void nav_routes_find(void) {
  for (int i = 0; i < NAV_N; i++)
    for (int k = 0; k < NAV_LINKS && NAV[i].links[k].href; k++)
      for (const Route *rt = web_routes; rt->method && !nav_route[i][k]; rt++)
        if (strcmp(rt->method, "GET") == 0 && strcmp(rt->pattern, NAV[i].links[k].href) == 0) nav_route[i][k] = rt;
}

bool page_can_write(const Req *r) { return r->user && http_user_allows(r->user, PERM_WRITE); }

/* May the user GET link k of menu entry e? Only when a GET route has exactly its pattern and the role allows it. */
static bool nav_allowed(const Req *r, const NavEntry *e, int k) {
  pthread_once(&nav_once, nav_routes_find);
  const Route *rt = nav_route[e - NAV][k];
  return rt && http_user_allows(r->user, rt->perm);
}

/* Does `href` cover `path` (equal, or a page below it: "/can-bo" covers "/can-bo/C001" and "/thong-ke.xlsx")? */
static size_t nav_covers(const char *href, const char *path) {
  size_t n = strlen(href);
  if (strcmp(href, "/") == 0) return strcmp(path, "/") == 0 ? 1 : 0;
  if (strncmp(path, href, n) != 0) return 0;
  return path[n] == 0 || path[n] == '/' || path[n] == '.' ? n : 0;
}

/* The link that best covers the request path (the longest), or NULL. */
static const NavLink *nav_current(const Req *r) {
  const NavLink *best = NULL;
  size_t best_n = 0;
  const char *path = r->path ? r->path : "";
  for (int i = 0; i < NAV_N; i++)
    for (int k = 0; k < NAV_LINKS && NAV[i].links[k].href; k++) {
      size_t n = nav_covers(NAV[i].links[k].href, path);
      if (n > best_n) best = &NAV[i].links[k], best_n = n;
    }
  return best;
}

static void nav_link(Req *r, const NavLink *l, const NavLink *cur) {
  if (l != cur)
    html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", l->href, l->label);
  else if (r->path && strcmp(r->path, l->href) == 0)
    html_printf(&r->out, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>", l->href, l->label);
  else
    html_printf(&r->out, "<li><a href=\"%s\" aria-current=\"true\">%s</a></li>", l->href, l->label);
}

/* A group: <details> whose summary names it; marked current when it holds the current link. */
static void nav_group(Req *r, const NavEntry *e, const NavLink *cur) {
  int shown = 0;
  bool current = false;
  for (int k = 0; k < NAV_LINKS && e->links[k].href; k++)
    if (nav_allowed(r, e, k)) shown++, current = current || &e->links[k] == cur;
  if (!shown) return;
  if (current)
    html_printf(&r->out, "<li class=\"nav-group nav-current\"><details><summary>%s</summary><ul class=\"nav-sub\">",
                e->label);
  else
    html_printf(&r->out, "<li class=\"nav-group\"><details><summary>%s</summary><ul class=\"nav-sub\">", e->label);
  for (int k = 0; k < NAV_LINKS && e->links[k].href; k++)
    if (nav_allowed(r, e, k)) nav_link(r, &e->links[k], cur);
  html_lit(&r->out, "</ul></details></li>");
}

/*
** The menu: on wide screens a second bar under the header (app.css shows
** the content of the closed <details> through ::details-content); on narrow
** screens, or in browsers without it, a "Danh mục" button opening it.
*/
static void nav_menu(Req *r) {
  Buf *b = &r->out;
  const NavLink *cur = nav_current(r);
  html_lit(b, "<details class=\"navmenu\"><summary class=\"navmenu-btn\"><span aria-hidden=\"true\">☰</span> "
              "Danh mục</summary><nav class=\"mainnav\" aria-label=\"Điều hướng chính\"><ul class=\"nav-top\">");
  for (int i = 0; i < NAV_N; i++) {
    if (NAV[i].label) nav_group(r, &NAV[i], cur);
    else if (nav_allowed(r, &NAV[i], 0)) nav_link(r, &NAV[i].links[0], cur);
  }
  html_lit(b, "</ul></nav></details>");
}

static void header(Req *r) {
  Buf *b = &r->out;
  html_lit(b, "<header class=\"topbar\"><div class=\"wrap topbar-in\">"
              "<a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">★</span>"
              "<span class=\"brand-text\">Quản lý cán bộ<small>Ban Tổ chức</small></span></a>");
  if (!r->user) {
    html_lit(b, "</div></header>");
    return;
  }
  nav_menu(r);
  html_lit(b, "<div class=\"account\">");
  html_printf(b, "<span class=\"who\"><a class=\"who-name\" href=\"/doi-mat-khau\" title=\"Đổi mật khẩu\">%s</a> "
                 "<span class=\"who-role\">%s</span></span>",
              r->user->username, auth_role_label(r->user->role));
  html_lit(b, "<form method=\"post\" action=\"/dang-xuat\" class=\"logout\">");
  page_csrf_field(r);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-ghost\">Đăng xuất</button></form></div></div></header>");
}

void page_begin(Req *r, const char *title, Nav nav) {
  r->status = 200;
  r->content_type = "text/html; charset=utf-8";
  Buf *b = &r->out;
  buf_reserve(b, 32 * 1024 - 1); /* 32 kB with the NUL: most pages are 10-60 kB; not seven doublings from 256 B */
  html_lit(b, "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  html_printf(b, "<title>%s · Quản lý cán bộ</title>", title);
  html_lit(b, "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
              "<link rel=\"stylesheet\" href=\"/assets/app.css\">"
              "<script src=\"/assets/app.js\" defer></script></head><body>"
              "<a class=\"skip\" href=\"#main\">Bỏ qua, đến nội dung chính</a>");
  (void)nav; /* the current entry comes from r->path (nav_current) */
  header(r);
  html_lit(b, "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">");
}

void page_end(Req *r) {
  html_lit(&r->out, "</main><footer class=\"footer\"><div class=\"wrap\">"
                    "canbo — Hệ thống quản lý công tác cán bộ"
                    "</div></footer></body></html>\n");
}

void web_error_page(Req *r, int status, const char *title, const char *message) {
  page_begin(r, title, NAV_NONE);
  html_printf(&r->out, "<div class=\"page-head\"><h1>%s (%d)</h1></div>"
                       "<div class=\"notice notice-error\" role=\"alert\"><p>%s</p></div>"
                       "<p><a href=\"/\">Về trang chủ</a></p>",
              title, status, message);
  page_end(r);
  r->status = status; /* page_begin set 200 */
}

void page_notice(Req *r, const char *kind, const char *text) {
  if (strcmp(kind, "error") == 0)
    html_printf(&r->out, "<div class=\"notice notice-error\" role=\"alert\">%s</div>", text);
  else if (strcmp(kind, "ok") == 0)
    html_printf(&r->out, "<div class=\"notice notice-ok\" role=\"status\">%s</div>", text);
  else
    html_printf(&r->out, "<div class=\"notice\" role=\"status\">%s</div>", text);
}

void page_csrf_field(Req *r) {
  html_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->session_csrf ? r->session_csrf : "");
}

const char *page_today(Req *r) {
  char iso[16];
  return arena_strdup(r->a, date_iso(date_today(), iso));
}

const char *fmt_count(Req *r, long long n) {
  char buf[32];
  return arena_strdup(r->a, vi_count(buf, sizeof buf, n));
}

const char *fmt_percent(Req *r, long long part, long long whole) {
  char buf[32];
  return arena_strdup(r->a, vi_percent(buf, sizeof buf, part, whole));
}

const char *fmt_date(Req *r, const char *iso) {
  if (!iso || !*iso) return "—";
  char buf[16];
  return arena_strdup(r->a, date_iso_to_vn(iso, buf));
}

const char *fmt_time(Req *r, const char *at) {
  struct tm tm = {0};
  if (!at || !*at) return "—";
  if (!strptime(at, "%Y-%m-%dT%H:%M:%SZ", &tm)) return at;
  time_t t = timegm(&tm);
  struct tm lt;
  localtime_r(&t, &lt);
  char buf[32];
  strftime(buf, sizeof buf, "%d/%m/%Y %H:%M", &lt);
  return arena_strdup(r->a, buf);
}

const char *fmt_month(Req *r, const char *iso) {
  if (!iso || !*iso) return "—";
  Date d;
  if (date_parse(iso, &d, DATE_PARTIAL) != 0) return arena_strdup(r->a, iso);
  char buf[16];
  return arena_strdup(r->a, date_vn((Date){d.y, d.m, 0}, buf)); /* "mm/yyyy", or "yyyy" */
}

const char *fmt_young_ages(Req *r, const int age[5]) {
  static const char *const LEVEL[5] = {"trung ương", "cấp tỉnh", "cấp huyện", "cấp xã", "cơ sở"};
  Buf b = BUF_INIT;
  bool done[5] = {false};
  for (int i = 1; i < 5; i++) {
    if (done[i]) continue;
    buf_printf(&b, "%sdưới %d tuổi ở %s", b.len ? "; " : "", age[i], LEVEL[i]);
    for (int k = i + 1; k < 5; k++)
      if (!done[k] && age[k] == age[i]) buf_printf(&b, ", %s", LEVEL[k]), done[k] = true;
  }
  const char *s = arena_strdup(r->a, b.p ? b.p : "");
  buf_free(&b);
  return s;
}

const char *or_dash(const char *s) { return s && *s ? s : "—"; }

const char *gender_label(const char *g) {
  if (g && strcmp(g, "F") == 0) return "Nữ";
  if (g && strcmp(g, "M") == 0) return "Nam";
  return "—";
}

/*
** The page frame shared by every HTML page and a few formatting helpers
** (see pages.h). Markup only from literals; text through html_printf's %s.
*/
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/html.h"
#include "web/pages.h"

static void nav_item(Req *r, const char *href, const char *label, bool current) {
  if (current)
    html_printf(&r->out, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>", href, label);
  else
    html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", href, label);
}

static void header(Req *r, Nav nav) {
  Buf *b = &r->out;
  html_lit(b, "<header class=\"topbar\"><div class=\"wrap topbar-in\">"
              "<a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">★</span>"
              "<span class=\"brand-text\">Quản lý cán bộ<small>Ban Tổ chức</small></span></a>");
  if (!r->user) {
    html_lit(b, "</div></header>");
    return;
  }
  html_lit(b, "<nav class=\"mainnav\" aria-label=\"Điều hướng chính\"><ul>");
  nav_item(r, "/", "Trang chủ", nav == NAV_HOME);
  nav_item(r, "/can-bo", "Cán bộ", nav == NAV_CADRES);
  nav_item(r, "/thong-ke", "Thống kê", nav == NAV_STATS);
  if (r->user->role >= ROLE_OFFICER) nav_item(r, "/nhap-du-lieu", "Nhập dữ liệu", nav == NAV_IMPORT);
  html_lit(b, "</ul></nav><div class=\"account\">");
  html_printf(b, "<span class=\"who\"><span class=\"who-name\">%s</span> <span class=\"who-role\">%s</span></span>",
              r->user->username, auth_role_label(r->user->role));
  html_lit(b, "<form method=\"post\" action=\"/dang-xuat\" class=\"logout\">");
  page_csrf_field(r);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-ghost\">Đăng xuất</button></form></div></div></header>");
}

void page_begin(Req *r, const char *title, Nav nav) {
  r->status = 200;
  r->content_type = "text/html; charset=utf-8";
  Buf *b = &r->out;
  html_lit(b, "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  html_printf(b, "<title>%s · Quản lý cán bộ</title>", title);
  html_lit(b, "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
              "<link rel=\"stylesheet\" href=\"/assets/app.css\">"
              "<script src=\"/assets/app.js\" defer></script></head><body>"
              "<a class=\"skip\" href=\"#main\">Bỏ qua, đến nội dung chính</a>");
  header(r, nav);
  html_lit(b, "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">");
}

void page_end(Req *r) {
  html_lit(&r->out, "</main><footer class=\"footer\"><div class=\"wrap\">"
                    "canbo — Hệ thống quản lý công tác cán bộ"
                    "</div></footer></body></html>\n");
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

const char *fmt_count(Req *r, long long n) {
  char digits[32], out[48];
  snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n);
  size_t len = strlen(digits), k = 0;
  if (n < 0) out[k++] = '-';
  for (size_t i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0) out[k++] = '.';
    out[k++] = digits[i];
  }
  out[k] = 0;
  return arena_strdup(r->a, out);
}

const char *fmt_percent(Req *r, long long part, long long whole) {
  if (whole <= 0) return "0%";
  long long tenths = (part * 1000 + whole / 2) / whole;
  if (tenths % 10 == 0) return arena_printf(r->a, "%lld%%", tenths / 10);
  return arena_printf(r->a, "%lld,%lld%%", tenths / 10, tenths % 10);
}

const char *fmt_date(Req *r, const char *iso) {
  if (!iso || !*iso) return "—";
  char buf[16];
  return arena_strdup(r->a, date_iso_to_vn(iso, buf));
}

const char *fmt_month(Req *r, const char *iso) {
  if (!iso || !*iso) return "—";
  Date d;
  if (date_parse(iso, &d, DATE_PARTIAL) != 0) return arena_strdup(r->a, iso);
  if (d.m == 0) return arena_printf(r->a, "%04d", d.y);
  return arena_printf(r->a, "%02d/%04d", d.m, d.y);
}

const char *or_dash(const char *s) { return s && *s ? s : "—"; }

const char *gender_label(const char *g) {
  if (g && strcmp(g, "F") == 0) return "Nữ";
  if (g && strcmp(g, "M") == 0) return "Nam";
  return "—";
}

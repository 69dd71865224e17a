/*
** Shared pieces of the HTML pages (pages_layout.c): the page frame (head,
** skip link, header with navigation and logout, main landmark, footer),
** notices, and small formatting helpers used by several pages.
** Not for: page content (one pages_<area>.c per page) or JSON (api_*.c).
*/
#ifndef CANBO_PAGES_H
#define CANBO_PAGES_H
#include "core/http.h"

/*
** A page's area. Kept for the callers; the navigation finds the current entry
** from r->path itself (the link whose URL covers the path: aria-current="page"
** when equal, "true" for a page below it, and its group marked nav-current).
*/
typedef enum { NAV_NONE = 0, NAV_HOME, NAV_CADRES, NAV_IMPORT, NAV_STATS } Nav;

/*
** Start an HTML response: status 200, text/html, the doctype, <head> with
** `title` (escaped), the stylesheet and script, the skip link, the header
** (when r->user is set: the menu of every area the user's role may GET --
** groups as <details> dropdowns, a "Danh mục" button on narrow screens --
** and the logout form) and <main id="main">.
*/
void page_begin(Req *r, const char *title, Nav nav);
/* Close <main>, write the footer and close the document. */
void page_end(Req *r);
/* A notice box: kind "error" (role=alert), "ok" or "info" (role=status); text escaped. */
void page_notice(Req *r, const char *kind, const char *text);
/* A hidden csrf input carrying r->session_csrf (every POST form needs one). */
void page_csrf_field(Req *r);

/* Today as ISO (YYYY-MM-DD), in r->a. */
const char *page_today(Req *r);
/* May the reader record and correct (an officer or an admin: PERM_WRITE)? The forms a page shows ask this. */
bool page_can_write(const Req *r);
/* "1.234" (Vietnamese thousands separator), in r->a. */
const char *fmt_count(Req *r, long long n);
/* "32,5%" of part/whole with one decimal ("0%" when whole is 0), in r->a. */
const char *fmt_percent(Req *r, long long part, long long whole);
/* ISO date -> "dd/mm/yyyy" ("—" when NULL/empty), in r->a. */
const char *fmt_date(Req *r, const char *iso);
/* A stored UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" as the server's local "dd/mm/yyyy HH:MM" (as stored when it
   does not parse; "—" when NULL), in r->a. */
const char *fmt_time(Req *r, const char *at);
/* ISO date -> "mm/yyyy" (year only stays "yyyy"; "—" when NULL/empty), in r->a. */
const char *fmt_month(Req *r, const char *iso);
/*
** What "young" means by level (PLAN-5a ages of central, province, district,
** commune, grassroots), levels of the same age together: "dưới 40 tuổi ở cấp
** tỉnh, cấp huyện; dưới 35 tuổi ở cấp xã, cơ sở", in r->a.
*/
const char *fmt_young_ages(Req *r, const int age[5]);
/* s, or "—" when NULL or empty. */
const char *or_dash(const char *s);
/* "Nam" / "Nữ" for "M" / "F". */
const char *gender_label(const char *g);

#endif

/*
** Safe HTML output. Text always goes out escaped: html_printf's %s escapes
** its argument; raw markup comes only from string literals (html_lit is a
** macro that compiles only for literals). Anything else raw must go through
** html_trusted(), which is greppable and rare.
*/
#ifndef CANBO_HTML_H
#define CANBO_HTML_H
#include "core/arena.h"
#include "core/buf.h"

/* Append a string literal of markup. */
#define html_lit(b, lit) buf_append((b), "" lit "", sizeof(lit) - 1)
/* Append text, escaped (& < > " '). NULL appends nothing. */
void html_text(Buf *b, const char *s);
/*
** printf whose format is a literal of markup and whose %s arguments are
** escaped; %U percent-encodes its string argument (a code in a link: the
** result is plain ASCII, safe in an attribute); %d %ld %lld %u %zu %% pass
** through. Any other conversion aborts (a programming error).
*/
#define html_printf(b, fmt, ...) html_printf_((b), "" fmt "", __VA_ARGS__)
#ifdef CANBO_FORMAT_CHECK
/* The format-checking build (scripts/format_check.py): %U is read as %s there, and gcc checks every call. */
void html_printf_(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *html_url_(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#else
void html_printf_(Buf *b, const char *fmt, ...);
#endif
/*
** A local URL built in `a` from a literal format: %U percent-encodes its
** string (a code in a path or query), %d %ld %lld %u %zu pass through; %s is
** refused (abort), so no value reaches a link unencoded. The result is a
** plain URL: pass it to resp_redirect, or to html_printf's %s in an href
** (which then escapes its '&').
*/
#define html_url(a, fmt, ...) html_url_((a), "" fmt "", __VA_ARGS__)
char *html_url_(Arena *a, const char *fmt, ...);
/* Append markup that is known safe (built by canbo itself, e.g. an inline SVG). */
void html_trusted(Buf *b, const char *markup);
/* Percent-encode s for a URL path segment or query value (all but A-Z a-z 0-9 - _ . ~). */
void html_urlenc(Buf *b, const char *s);

#endif

/*
** The HTTP layer: a libmicrohttpd server (a daemon per CPU, each with its
** thread, epoll and listening socket: core/http_listen.h), the request/response objects handed to handlers, and the
** router that applies the one route table (src/web/routes.c).
**
** Every request, before its handler runs, goes through:
**   body limit (413 over 1 MiB) -> UTF-8 check of query and body (400) ->
**   route match (404/405) -> session (401, or redirect to /dang-nhap for
**   pages) -> permission (403) -> CSRF on every non-GET/HEAD (403).
** Unit scope is then the handler's to apply through domain functions, which
** take the router-filled `r->scope` (core/scope.h) and answer CB_ENOTFOUND for
** records outside it.
**
** Each request owns an arena (r->a) freed after the response is sent, and
** uses its pool thread's own database connection (r->db).
*/
#ifndef CANBO_HTTP_H
#define CANBO_HTTP_H
#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "core/arena.h"
#include "core/auth.h"
#include "core/scope.h"
#include "core/buf.h"
#include "core/jsonw.h"
#include "core/db.h"

#define HTTP_MAX_BODY (1024 * 1024)

typedef enum {
  PERM_PUBLIC = 0, /* no session needed */
  PERM_READ,       /* any logged-in user (viewer and up) */
  PERM_WRITE,      /* officer and admin */
  PERM_ADMIN,      /* admin only */
  PERM_ORG_ADMIN,  /* an admin without a unit scope: organisation-wide objects (rule versions, users) */
} Perm;

enum {
  R_JSON = 1,    /* an API route: errors as JSON, 401 instead of a redirect */
  R_NO_CSRF = 2, /* a non-GET route exempt from the CSRF token: only the logins, which check Origin instead */
};

typedef struct Req Req;
typedef void (*Handler)(Req *r);

typedef struct {
  const char *method;  /* "GET", "POST", "DELETE"... ("GET" also serves HEAD) */
  const char *pattern; /* "/can-bo/{code}": {name} matches one non-empty segment */
  Handler handler;
  Perm perm;
  int flags;           /* R_JSON | R_NO_CSRF */
  const char *help;    /* one line, for docs and the route-walk test */
} Route;

/* The route table (src/web/routes.c), ended by a row with method NULL. */
extern const Route web_routes[];

typedef struct {
  const char *name, *value;
} KV;

struct Req {
  Arena *a;                 /* freed after the response */
  Db *db;                   /* this thread's connection */
  const char *method, *path, *remote_addr;
  const char *raw_path;     /* the path as sent, percent-encoded (routing splits it at '/' before decoding, so a
                               code holding "/" sent as %2F is one segment); NULL: `path` is used for routing */
  bool tls;                 /* the connection is HTTPS (canbo serve --tls-cert): cookies get Secure */
  const Route *route;
  const char *params[4];    /* values of {name} segments, in order */
  int nparams;
  User *user;               /* NULL when there is no valid session */
  Scope scope;              /* the user's unit scope, filled once by the router (core/scope.h); none without a session */
  const char *session_csrf; /* the session's CSRF token (for forms) */
  const char *body;         /* request body, NUL-terminated (may be "") */
  size_t body_len;
  KV *query;                /* decoded query arguments */
  int nquery;
  KV *form;                 /* decoded urlencoded or multipart form fields (files: content) */
  int nform;
  size_t *form_len;         /* bytes of each form value, parallel to form (a file may hold NUL bytes); may be NULL */
  KV *headers_in;
  int nheaders_in;
  /* response */
  int status;
  const char *content_type;
  Buf out;
  int out_fd;               /* > 0: the body is this file from out_off, out_len bytes, streamed by the server
                               (a download: web/download.c), which closes it; out is then not sent */
  long long out_off, out_len;
  KV headers_out[8];
  int nheaders_out;
};

/* Query argument, form field, request header (case-insensitive), cookie; NULL when absent. */
const char *req_query(Req *r, const char *name);
const char *req_form(Req *r, const char *name);
/* A form field with its length: an uploaded file's bytes, NUL bytes included (multipart is binary-safe). */
const char *req_form_bytes(Req *r, const char *name, size_t *len);
const char *req_header(Req *r, const char *name);
const char *req_cookie(Req *r, const char *name);
/* Integer query argument clamped to [lo, hi], or def when absent or not a number. */
long req_query_long(Req *r, const char *name, long def, long lo, long hi);

void resp_header(Req *r, const char *name, const char *value);
/*
** Content-Disposition: attachment for a download named `filename` (UTF-8,
** any characters), RFC 6266: `attachment; filename="ASCII"; filename*=UTF-8''ENCODED`.
** The ASCII fallback keeps A-Z a-z 0-9 . _ - of the name with diacritics
** taken off (đ -> d) and anything else as _, so quotes, semicolons or line
** breaks in a unit code can never add a parameter or a header; filename*
** percent-encodes every byte but A-Z a-z 0-9 - . _ ~ (the browser shows the
** Vietnamese name). An empty or invalid name becomes "download".
*/
void resp_attachment(Req *r, const char *filename);
/*
** The session cookie: canbo_session=TOKEN; HttpOnly; SameSite=Strict; Path=/,
** plus Secure when the connection is HTTPS (r->tls). max_age > 0 sets
** Max-Age, 0 deletes the cookie (empty value), < 0 leaves it a browser-session
** cookie.
*/
void resp_session_cookie(Req *r, const char *token, int max_age);
/* 303 See Other to `location` (a local path). */
void resp_redirect(Req *r, const char *location);
/* Send JSON (takes the reference of j). */
void resp_json(Req *r, int status, json_t *j);
/*
** Send JSON written with core/jsonw.h straight into the answer: the body is
** emptied, status and content type set, and the writer returned; resp_json_end
** ends the body as resp_json does (a newline).
*/
JsonW resp_json_begin(Req *r, int status);
void resp_json_end(Req *r);
/*
** An error: JSON {"error":{"code","message"}} on R_JSON routes, else a
** Vietnamese HTML page: for a signed-in user and a status under 500 the
** site's own page with its menu (web_error_page), otherwise a small page
** that needs nothing (a 5xx may come from a failed database or a request
** over its memory budget). `code` is a stable English word ("not_found").
*/
void resp_error(Req *r, int status, const char *code, const char *message);
/* The error page in the site's layout (src/web/pages_layout.c); sets r->status. */
void web_error_page(Req *r, int status, const char *title, const char *message);
/* Map a CB_* code to the matching error response (404 for CB_ENOTFOUND...). */
void resp_cb_error(Req *r, int rc);

/*
** Find the route of `method` + `path` in `table` (ended by a NULL method).
** `path` is the path as sent (percent-encoded): it is split at '/' first and
** each {name} segment is then decoded (http_unescape), so "/can-bo/A%2FB"
** gives the code "A/B"; a segment that decodes to a NUL byte matches nothing.
** HEAD matches GET rows. On a match returns the row and fills params[0..4)
** with the decoded {name} segments (arena copies) and *nparams. Otherwise returns NULL
** with *status 404 (no pattern matches the path) or 405 (the path matches but
** not the method; *allow then lists the methods, e.g. "GET, HEAD, POST").
*/
const Route *http_match(const Route *table, const char *method, const char *path, Arena *a, const char **params,
                        int *nparams, int *status, const char **allow);
/*
** Percent-decode s[0..n) into an arena string ("%41" -> "A"; a '%' not
** followed by two hex digits stays as it is; '+' is not touched). NULL when
** the result would hold a NUL byte (%00), which no path or value may carry.
*/
const char *http_unescape(Arena *a, const char *s, size_t n);
/*
** Run the router's checks on a filled request (method, path, query, body,
** form, headers, db, arena) and then the route's handler: route match
** (404/405) -> session from cookie canbo_session -> 401 or redirect ->
** permission (403) -> CSRF on non-GET/HEAD, or for the logins a cross-site
** Origin (403). Denied requests (403) are counted by audit_denial
** (aggregated per minute, actor, address, route and reason). The response
** is left in r (status, content_type, out, headers_out).
*/
void http_dispatch(Req *r);
/*
** True when `role` is allowed what `perm` asks (viewer < officer < admin);
** PERM_ORG_ADMIN asks for an admin, and http_dispatch also refuses it to a
** user with a unit scope (http_user_allows).
*/
bool http_perm_allows(Role role, Perm perm);
/* The router's permission check for a logged-in user: the role, and no unit scope for PERM_ORG_ADMIN. */
bool http_user_allows(const User *u, Perm perm);

/*
** Limits against slow or many connections (docs/SECURITY.md): a request's
** headers must be complete HTTP_HEADER_TIMEOUT seconds after its connection
** opened or its previous answer went out, and its body HTTP_BODY_TIMEOUT
** seconds after the headers (a watchdog cuts the connection otherwise); a
** connection idle for HTTP_IDLE_TIMEOUT seconds is closed (libmicrohttpd);
** one client address holds at most HTTP_PER_ADDRESS connections
** (--max-conns-per-address), the server HTTP_MAX_CONNECTIONS.
*/
#define HTTP_HEADER_TIMEOUT 10
#define HTTP_BODY_TIMEOUT 60
#define HTTP_IDLE_TIMEOUT 30
#define HTTP_PER_ADDRESS 64
#define HTTP_MAX_CONNECTIONS 4000
/* A request's memory budget in MB (its arena; $CANBO_REQ_MEM_MB overrides, 0 = none): over it, 503. */
#define HTTP_REQ_MEM_MB 256

typedef struct {
  const char *listen;             /* "HOST:PORT"; NULL: 127.0.0.1:8080 */
  void (*before_request)(Db *db); /* run on the request thread's connection before each request (NULL: none) */
  const char *tls_cert, *tls_key; /* PEM files, both or neither: HTTPS (GnuTLS), HSTS, Secure cookies */
  int per_address;                /* connections per client address; 0: HTTP_PER_ADDRESS */
  bool any_port;                  /* listen on 127.0.0.1 and a port the system picks (tests, fuzzers) */
} HttpServeOpts;

/*
** The server without its signal loop, for programs that embed it (the
** fuzzers of tests/fuzz): http_start listens and serves on its own threads
** (0 and *out, or the errors of http_serve); http_server_port tells the port;
** http_stop stops it and frees everything.
*/
typedef struct HttpServer HttpServer;
int http_start(const char *db_path, const HttpServeOpts *o, HttpServer **out);
int http_server_port(const HttpServer *s);
void http_stop(HttpServer *s);

/*
** Serve `db_path` until SIGINT/SIGTERM. Prints "canbo: listening on
** http://HOST:PORT/" (https:// under TLS) once ready. 0, CB_EUSAGE (bad
** address, unreadable certificate or key), CB_EDB or CB_EIO.
*/
int http_serve(const char *db_path, const HttpServeOpts *o);
/* Split "HOST:PORT" ("[::1]:PORT" for IPv6) into host (arena) and port 1..65535. 0 or CB_EUSAGE. */
int http_parse_listen(Arena *a, const char *listen, const char **host, int *port);

#endif

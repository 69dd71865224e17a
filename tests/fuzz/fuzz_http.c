/*
** libFuzzer harnesses of the request side (issue 12), one source built once
** per mode (FUZZ_MODE, see CMakeLists.txt: CANBO_FUZZ):
**
**   FUZZ_HTTP       the input is a whole raw HTTP request, sent over TCP to
**                   the real server (libmicrohttpd's request, query and
**                   multipart parsing, then ours: UTF-8 checks, the router,
**                   the handlers) on a small demo database;
**   FUZZ_QUERY      the input is the query string of GET /can-bo?..., or of
**                   another page chosen by its first byte, as the officer;
**   FUZZ_FORM       the input is an urlencoded body POSTed to a form route
**                   chosen by its first byte, with a valid session and CSRF
**                   token, so the handlers' form parsing is reached;
**   FUZZ_MULTIPART  the input is a multipart/form-data body POSTed to the
**                   import (/nhap-du-lieu) with a fixed boundary;
**   FUZZ_JSON       the input is a JSON body POSTed/PATCHed to an API route
**                   chosen by its first byte;
**   FUZZ_ROUTER     no network: the input becomes method, path, query and
**                   headers of a Req handed to http_dispatch directly (route
**                   matching, session, permission and CSRF checks, handlers).
**
** A crash, a sanitizer report, or an answer 500 (canbo's internal error) is a finding
** (abort). Run: `make fuzz` (FUZZ_SECONDS each), a few seconds each in
** `make check` (scripts/fuzz.sh). Seeds: tests/fuzz/corpus/<mode>/.
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include "core/arena.h"
#include "core/auth.h"
#include "core/err.h"
#include "core/http.h"
#include "domain/demo.h"

#define FUZZ_HTTP 1
#define FUZZ_QUERY 2
#define FUZZ_FORM 3
#define FUZZ_MULTIPART 4
#define FUZZ_JSON 5
#define FUZZ_ROUTER 6
#ifndef FUZZ_MODE
#define FUZZ_MODE FUZZ_HTTP
#endif

static char g_dir[64], g_db[128];
static HttpServer *g_srv;
static __attribute__((unused)) int g_port;
static Db *g_rdb;                     /* the router mode's connection */
static char g_cookie[128], g_csrf[80]; /* the officer's session */
static char g_admin_cookie[128], g_admin_csrf[80];

static void cleanup(void) {
  if (g_srv) http_stop(g_srv);
  if (g_rdb) db_close(g_rdb);
  g_srv = NULL, g_rdb = NULL;
  if (g_dir[0]) {
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0) fprintf(stderr, "fuzz: could not remove %s\n", g_dir);
  }
}

/* A demo database of 60 people, the officer's and the admin's sessions; the server unless in router mode. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  snprintf(g_dir, sizeof g_dir, "/tmp/canbo-fuzz-XXXXXX");
  if (!mkdtemp(g_dir)) abort();
  snprintf(g_db, sizeof g_db, "%s/fuzz.db", g_dir);
  Db *db;
  if (db_open(g_db, &db) != 0 || db_migrate(db, NULL) != 0) abort();
  Arena *a = arena_new();
  DemoOpts o = {.cadres = 60, .seed = 3, .actor = "fuzz"};
  DemoResult r;
  if (demo_build(db, a, &o, &r) != 0) abort();
  for (int i = 0; i < 3; i++) {
    User u;
    Session s;
    bool officer = strcmp(r.logins[i].role, "officer") == 0, admin = strcmp(r.logins[i].role, "admin") == 0;
    if (!officer && !admin) continue;
    if (auth_login(db, a, r.logins[i].username, r.logins[i].password, "127.0.0.1", &u, &s) != 0) abort();
    snprintf(officer ? g_cookie : g_admin_cookie, sizeof g_cookie, "canbo_session=%s", s.token);
    snprintf(officer ? g_csrf : g_admin_csrf, sizeof g_csrf, "%s", s.csrf);
  }
  arena_free(a);
  atexit(cleanup);
#if FUZZ_MODE == FUZZ_ROUTER
  g_rdb = db;
#else
  db_close(db);
  HttpServeOpts so = {.any_port = true, .per_address = 100000};
  if (http_start(g_db, &so, &g_srv) != 0) abort();
  g_port = http_server_port(g_srv);
#endif
  return 0;
}

#if FUZZ_MODE != FUZZ_ROUTER
/* Send the request, read the whole answer (the server closes: Connection: close); abort on a 5xx. */
static void exchange(const char *req, size_t len) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) abort();
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)g_port)};
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  struct linger lg = {1, 0}; /* close with RST: no TIME_WAIT pile-up over many runs */
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  struct timeval tv = {0, 100000}; /* an incomplete request (a body shorter than its length) gets no answer: give up */
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  /*
  ** A different loopback source address each time (127.0.0.1-250): closed
  ** connections linger in TIME_WAIT, and a long run from one address would
  ** run out of its ports.
  */
  static unsigned turn;
  struct sockaddr_in me = {.sin_family = AF_INET};
  me.sin_addr.s_addr = htonl(0x7F000001u + (turn++ % 250));
  (void)bind(fd, (struct sockaddr *)&me, sizeof me);
  int tries = 0;
  while (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
    if (++tries == 50) { /* the server stopped taking connections: a finding */
      perror("fuzz: connect");
      abort();
    }
    usleep(20000);
  }
  size_t off = 0;
  while (off < len) {
    ssize_t k = send(fd, req + off, len - off, MSG_NOSIGNAL);
    if (k <= 0) break; /* the server may answer and close before reading everything */
    off += (size_t)k;
  }
  shutdown(fd, SHUT_WR);
  char head[16];
  size_t got = 0;
  char buf[8192];
  ssize_t k;
  while ((k = recv(fd, buf, sizeof buf, 0)) > 0) {
    if (got < sizeof head - 1) {
      size_t take = (size_t)k < sizeof head - 1 - got ? (size_t)k : sizeof head - 1 - got;
      memcpy(head + got, buf, take);
      got += take;
    }
  }
  close(fd);
  head[got] = 0;
  /*
  ** "HTTP/1.1 500": canbo's internal error is a finding. libmicrohttpd's own
  ** protocol refusals (505 version, 501 encoding...) and no answer at all for
  ** garbage are fine.
  */
  if (got >= 12 && strncmp(head, "HTTP/1.", 7) == 0 && strncmp(head + 9, "500", 3) == 0) {
    fprintf(stderr, "fuzz: the server answered %.12s\n", head);
    abort();
  }
}

/* The request: a line, our headers, the body (Connection: close, Content-Length). */
static __attribute__((unused)) void send_request(const char *method, const char *target, const char *cookie, const char *csrf,
                         const char *ctype, const uint8_t *body, size_t blen) {
  Buf b = BUF_INIT;
  buf_printf(&b, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n", method, target);
  if (cookie) buf_printf(&b, "Cookie: %s\r\n", cookie);
  if (csrf) buf_printf(&b, "X-CSRF-Token: %s\r\n", csrf);
  if (ctype) buf_printf(&b, "Content-Type: %s\r\n", ctype);
  if (body) buf_printf(&b, "Content-Length: %zu\r\n", blen);
  buf_puts(&b, "\r\n");
  if (body && blen) buf_append(&b, body, blen);
  exchange(b.p, b.len);
  buf_free(&b);
}
#endif

#if FUZZ_MODE == FUZZ_ROUTER
static const char *const METHODS[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "G\tET"};

/* Input: byte 0 picks the method and who asks; then "path[?query]\n" and header lines "Name: value\n"; then the body. */
static void route_one(const uint8_t *data, size_t size) {
  if (size < 2) return;
  Req r;
  memset(&r, 0, sizeof r);
  r.a = arena_new();
  r.db = g_rdb;
  r.method = METHODS[data[0] & 7];
  r.remote_addr = (data[0] & 0x40) ? "10.9.8.7" : "127.0.0.1";
  const char *text = arena_strndup(r.a, (const char *)data + 1, size - 1);
  const char *nl = strchr(text, '\n');
  const char *line = nl ? arena_strndup(r.a, text, (size_t)(nl - text)) : text;
  const char *q = strchr(line, '?');
  r.path = q ? arena_strndup(r.a, line, (size_t)(q - line)) : line;
  if (!*r.path) r.path = "/";
  KV *query = arena_alloc(r.a, sizeof(KV) * 16), *hdr = arena_alloc(r.a, sizeof(KV) * 20);
  for (const char *p = q ? q + 1 : NULL; p && *p && r.nquery < 16;) { /* name=value&... (not decoded) */
    const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
    const char *eq = memchr(p, '=', (size_t)(end - p));
    query[r.nquery].name = arena_strndup(r.a, p, (size_t)((eq ? eq : end) - p));
    query[r.nquery].value = eq ? arena_strndup(r.a, eq + 1, (size_t)(end - eq - 1)) : NULL;
    r.nquery++;
    p = amp ? amp + 1 : NULL;
  }
  r.query = query;
  if (data[0] & 0x10) hdr[r.nheaders_in++] = (KV){"Cookie", (data[0] & 0x20) ? g_admin_cookie : g_cookie};
  if (data[0] & 0x80) hdr[r.nheaders_in++] = (KV){"X-CSRF-Token", (data[0] & 0x20) ? g_admin_csrf : g_csrf};
  const char *p = nl ? nl + 1 : NULL;
  while (p && *p && *p != '\n' && r.nheaders_in < 20) {
    const char *e = strchr(p, '\n'), *end = e ? e : p + strlen(p);
    const char *colon = memchr(p, ':', (size_t)(end - p));
    if (colon) {
      const char *v = colon + 1;
      while (v < end && *v == ' ') v++;
      hdr[r.nheaders_in++] = (KV){arena_strndup(r.a, p, (size_t)(colon - p)), arena_strndup(r.a, v, (size_t)(end - v))};
    }
    p = e ? e + 1 : NULL;
  }
  r.headers_in = hdr;
  r.body = p && *p == '\n' ? p + 1 : "";
  r.body_len = strlen(r.body);
  bool reading = strcmp(r.method, "GET") == 0 || strcmp(r.method, "HEAD") == 0;
  if (reading) db_read_begin(r.db);
  http_dispatch(&r);
  if (reading) db_read_end(r.db);
  if (r.status >= 500) {
    fprintf(stderr, "fuzz: %s %s answered %d\n", r.method, r.path, r.status);
    abort();
  }
  db_rollback(r.db); /* a handler that failed half-way must not leave a transaction open */
  buf_free(&r.out);
  arena_free(r.a);
}
#endif

/* Routes by the first byte of the input (query, form and JSON modes). */
static __attribute__((unused)) const char *const QUERY_PAGES[] = {"/can-bo", "/thong-ke", "/quy-hoach", "/du-bao", "/bao-cao/nam", "/luan-chuyen",
                                          "/api/v1/cadres", "/api/v1/reports/structure", "/dao-tao", "/bo-nhiem",
                                          "/api/v1/planning", "/xuat/cadres", "/quy-hoach/danh-sach", "/danh-gia",
                                          "/api/v1/forecast/retirements", "/don-vi"};
static __attribute__((unused)) const char *const FORM_ROUTES[] = {"/quy-hoach/them", "/luan-chuyen", "/them-can-bo", "/quan-he-gia-dinh",
                                          "/bo-nhiem/moi", "/dai-hoi", "/bo-nhiem/quyet-dinh", "/quy-hoach/dua-ra"};
static __attribute__((unused)) const char *const JSON_ROUTES[][2] = {
    {"POST", "/api/v1/cadres"},    {"POST", "/api/v1/planning"},  {"POST", "/api/v1/rotations"},
    {"POST", "/api/v1/proposals"}, {"POST", "/api/v1/congress"},  {"PATCH", "/api/v1/cadres/MC00001"},
    {"POST", "/api/v1/session"},   {"POST", "/api/v1/cadres/MC00001/trainings"}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
#if FUZZ_MODE == FUZZ_ROUTER
  route_one(data, size);
#elif FUZZ_MODE == FUZZ_HTTP
  /* Headers always end: a request cut before its blank line would only wait for the timeout. */
  if (!size) return 0;
  char *req = malloc(size + 4);
  if (!req) abort();
  memcpy(req, data, size);
  size_t n = size;
  if (!memmem(req, n, "\r\n\r\n", 4)) memcpy(req + n, "\r\n\r\n", 4), n += 4;
  exchange(req, n);
  free(req);
#else
  if (size < 1) return 0;
  unsigned pick = data[0];
  (void)pick;
  const uint8_t *in = data + 1;
  size_t n = size - 1;
#if FUZZ_MODE == FUZZ_QUERY
  Buf t = BUF_INIT;
  buf_printf(&t, "%s?", QUERY_PAGES[pick % 16]);
  for (size_t i = 0; i < n; i++) /* raw bytes; what the request line cannot carry is percent-encoded */
    if (in[i] > 0x20 && in[i] < 0x7f && in[i] != '#') buf_putc(&t, (char)in[i]);
    else buf_printf(&t, "%%%02X", in[i]);
  send_request("GET", t.p, g_cookie, NULL, NULL, NULL, 0);
  buf_free(&t);
#elif FUZZ_MODE == FUZZ_FORM
  send_request("POST", FORM_ROUTES[pick % 8], g_cookie, g_csrf, "application/x-www-form-urlencoded", in, n);
#elif FUZZ_MODE == FUZZ_MULTIPART
  send_request("POST", "/nhap-du-lieu", g_cookie, g_csrf, "multipart/form-data; boundary=XyZ", in, n);
#elif FUZZ_MODE == FUZZ_JSON
  send_request(JSON_ROUTES[pick % 8][0], JSON_ROUTES[pick % 8][1], (pick & 8) ? g_admin_cookie : g_cookie,
               (pick & 8) ? g_admin_csrf : g_csrf, "application/json", in, n);
#endif
#endif
  return 0;
}

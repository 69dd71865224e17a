/*
** The HTTP server (libmicrohttpd 0.9.75): one daemon per CPU, each with its
** internal polling thread, epoll and its own listening socket of a
** SO_REUSEPORT group (core/http_listen.h). This file turns MHD callbacks into a Req --
** headers, query arguments, body (at most HTTP_MAX_BODY), form fields,
** client address, this thread's database -- checks sizes and UTF-8, hands
** the Req to the router (http_dispatch) and queues its response with the
** security headers. It also owns start-up and the clean stop on SIGINT or
** SIGTERM.
**
** Keep-alive: MHD 0.9.75 closes the connection when a response is queued on
** the first access-handler call, so responses are queued on a later call
** (the one with no more upload data). A body over the limit is answered 413:
** at once when the client waits for "100 Continue" (the rest is never sent),
** else after draining it unstored, so the client can read the answer.
**
** Not for: route checks (http_router.c), Req/Resp helpers (http_req.c).
*/
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <sodium.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "core/err.h"
#include "core/http.h"
#include "core/http_listen.h"
#include "core/vi.h"

#define CSP                                                                                                  \
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; " \
  "base-uri 'none'; form-action 'self'"

/* Bodies over HTTP_MAX_BODY are read and dropped up to this size (then the connection is closed). */
#define HTTP_DRAIN_MAX (16 * 1024 * 1024)

/* HSTS under TLS: browsers then refuse plain HTTP to this host for a year. */
#define HSTS "max-age=31536000"

/* ---- slow connections (slowloris): deadlines and a watchdog ---- */

/*
** MHD's own timeout (MHD_OPTION_CONNECTION_TIMEOUT) is an idle timeout: a
** client sending one header line every 10 seconds never trips it. So each
** connection also has a deadline, kept here: its request headers must be
** complete HTTP_HEADER_TIMEOUT seconds after the connection opened or its
** previous answer was sent, and its body HTTP_BODY_TIMEOUT seconds after the
** headers; none while the server works out the answer (an export of millions
** of cadres takes minutes). A watchdog thread shuts down the socket of a connection past its
** deadline (MHD then closes it), unless bytes the client sent are still
** waiting to be read: then the server is behind, not the client. Connections are tracked from MHD's connection
** notifications; MHD calls the "closed" one before it closes the socket, and
** both sides hold g_track_lock, so a socket is never shut down after its
** number was reused.
*/
typedef struct Track {
  int fd;
  time_t deadline; /* 0: none (an answer is being sent: MHD's idle timeout applies) */
  struct sockaddr_storage addr; /* the client's, counted by addr_open when `counted` */
  bool counted;
  struct Track *prev, *next;
} Track;

static pthread_mutex_t g_track_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_track_cond = PTHREAD_COND_INITIALIZER;
static Track *g_tracks;
static bool g_track_stop;
static long g_cut; /* connections cut by the watchdog (for the log at stop) */

static time_t mono_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code) {
  (void)cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    Track *t = calloc(1, sizeof *t);
    if (!t) return;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    t->fd = ci ? ci->connect_fd : -1;
    t->deadline = mono_now() + HTTP_HEADER_TIMEOUT;
    /* the per-address limit across the server's threads (core/http_listen.h): over it, closed at once */
    ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && (sa->sa_family == AF_INET || sa->sa_family == AF_INET6)) {
      memcpy(&t->addr, sa, sa->sa_family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6));
      int counted = addr_open(sa);
      t->counted = counted >= 0;
      if (counted != 1 && t->fd >= 0) shutdown(t->fd, SHUT_RDWR);
    }
    pthread_mutex_lock(&g_track_lock);
    t->next = g_tracks;
    if (g_tracks) g_tracks->prev = t;
    g_tracks = t;
    pthread_mutex_unlock(&g_track_lock);
    *socket_context = t;
  } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
    Track *t = *socket_context;
    pthread_mutex_lock(&g_track_lock);
    if (t->prev) t->prev->next = t->next;
    else g_tracks = t->next;
    if (t->next) t->next->prev = t->prev;
    pthread_mutex_unlock(&g_track_lock);
    if (t->counted) addr_close((const struct sockaddr *)&t->addr);
    free(t);
    *socket_context = NULL;
  }
}

/* Set the deadline of conn's connection `secs` from now (0: none). */
static void track_deadline(struct MHD_Connection *conn, int secs) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  Track *t = ci ? ci->socket_context : NULL;
  if (!t) return;
  pthread_mutex_lock(&g_track_lock);
  t->deadline = secs ? mono_now() + secs : 0;
  pthread_mutex_unlock(&g_track_lock);
}

/* Once a second: shut down the sockets of connections past their deadline. */
static void *watchdog(void *arg) {
  (void)arg;
  pthread_mutex_lock(&g_track_lock);
  while (!g_track_stop) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 1;
    pthread_cond_timedwait(&g_track_cond, &g_track_lock, &until);
    time_t now = mono_now();
    for (Track *t = g_tracks; t; t = t->next) {
      if (!t->deadline || now < t->deadline || t->fd < 0) continue;
      /*
      ** Bytes the client sent that the server has not read yet: the server is
      ** behind (its threads busy, e.g. 200 logins at once), not the client.
      ** Give the connection another round.
      */
      int pending = 0;
      if (ioctl(t->fd, FIONREAD, &pending) == 0 && pending > 0) {
        t->deadline = now + HTTP_HEADER_TIMEOUT;
        continue;
      }
      shutdown(t->fd, SHUT_RDWR);
      t->deadline = 0;
      g_cut++;
    }
  }
  pthread_mutex_unlock(&g_track_lock);
  return NULL;
}

/* One request's state across MHD calls; freed in on_completed. */
typedef struct {
  Req r;
  struct MHD_Connection *conn;
  Buf body;
  bool too_large; /* the body went over HTTP_MAX_BODY: the rest is dropped, the answer is 413 */
  bool bad_escape; /* the path or a query argument decodes to a NUL byte: the answer is 400 */
  bool queued;    /* a response has been queued */
  size_t received; /* body bytes seen, stored or not */
  int cap_query, cap_headers, cap_form;
  bool *form_is_file; /* parallel to r.form */
} Ctx;

/* ---- per-thread databases ---- */

static const char *g_db_path;
static bool g_tls; /* serving HTTPS: Req.tls, HSTS, Secure cookies */
static pthread_mutex_t g_dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static Db **g_dbs;
static void (*g_before_request)(Db *db); /* HttpServeOpts.before_request */
/* A request's arena may hold this many bytes ($CANBO_REQ_MEM_MB, default HTTP_REQ_MEM_MB; 0 = no limit). */
static size_t g_req_budget = (size_t)HTTP_REQ_MEM_MB << 20;
static int g_ndbs, g_capdbs;
static __thread Db *tl_db;

/* This pool thread's connection, opened on first use and registered for closing at stop. NULL on failure. */
static Db *thread_db(void) {
  if (tl_db) return tl_db;
  Db *db = NULL;
  if (db_open(g_db_path, &db) != 0) return NULL;
  pthread_mutex_lock(&g_dbs_lock);
  if (g_ndbs == g_capdbs) {
    g_capdbs = g_capdbs ? g_capdbs * 2 : 8;
    g_dbs = realloc(g_dbs, sizeof *g_dbs * (size_t)g_capdbs);
    if (!g_dbs) abort();
  }
  g_dbs[g_ndbs++] = db;
  pthread_mutex_unlock(&g_dbs_lock);
  return tl_db = db;
}

static void close_thread_dbs(void) {
  pthread_mutex_lock(&g_dbs_lock);
  for (int i = 0; i < g_ndbs; i++) db_close(g_dbs[i]);
  free(g_dbs);
  g_dbs = NULL;
  g_ndbs = g_capdbs = 0;
  pthread_mutex_unlock(&g_dbs_lock);
}

/* ---- collecting the request ---- */

static void kv_push(Arena *a, KV **v, int *n, int *cap, const char *name, const char *value) {
  if (*n == *cap) {
    int nc = *cap ? *cap * 2 : 16;
    KV *w = arena_alloc(a, sizeof(KV) * (size_t)nc);
    if (*n) memcpy(w, *v, sizeof(KV) * (size_t)*n);
    *v = w, *cap = nc;
  }
  (*v)[*n].name = arena_strdup(a, name);
  (*v)[*n].value = arena_strdup(a, value);
  (*n)++;
}

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
  Ctx *c = cls;
  (void)kind;
  kv_push(c->r.a, &c->r.headers_in, &c->r.nheaders_in, &c->cap_headers, key, value ? value : "");
  return MHD_YES;
}

/*
** MHD's unescape step, left out: the path must be split at '/' before it is
** decoded (a code holding "/" arrives as %2F), so MHD hands over the path
** and the query arguments as sent ('+' already made a space) and canbo
** decodes them itself with http_unescape (start_request, collect_query).
*/
static size_t keep_escaped(void *cls, struct MHD_Connection *conn, char *s) {
  (void)cls, (void)conn;
  return strlen(s);
}

/* A query argument, decoded; one that decodes to a NUL byte marks the request bad (400). */
static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
  Ctx *c = cls;
  (void)kind;
  const char *k = http_unescape(c->r.a, key, strlen(key));
  const char *v = value ? http_unescape(c->r.a, value, strlen(value)) : NULL;
  if (!k || (value && !v)) {
    c->bad_escape = true;
    return MHD_YES;
  }
  kv_push(c->r.a, &c->r.query, &c->r.nquery, &c->cap_query, k, v);
  return MHD_YES;
}

/* Append a form field and whether it is a file's content (kept in c->form_is_file, parallel to r.form). */
static void form_push(Ctx *c, const char *name, const char *value, size_t len, bool is_file) {
  Req *r = &c->r;
  int oldcap = c->cap_form;
  kv_push(r->a, &r->form, &r->nform, &c->cap_form, name, "");
  r->form[r->nform - 1].value = arena_strndup(r->a, value ? value : "", len);
  if (c->cap_form != oldcap) {
    bool *f = arena_alloc(r->a, (size_t)c->cap_form);
    size_t *l = arena_alloc(r->a, sizeof(size_t) * (size_t)c->cap_form);
    if (oldcap) memcpy(f, c->form_is_file, (size_t)oldcap), memcpy(l, r->form_len, sizeof(size_t) * (size_t)oldcap);
    c->form_is_file = f;
    r->form_len = l;
  }
  r->form_len[r->nform - 1] = value ? len : 0;
  c->form_is_file[r->nform - 1] = is_file;
}

/* Form fields from MHD's post processor; a value may arrive in pieces (off > 0). Binary-safe: lengths, never strlen. */
static enum MHD_Result collect_form(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                    const char *content_type, const char *transfer_encoding, const char *data,
                                    uint64_t off, size_t size) {
  Ctx *c = cls;
  Req *r = &c->r;
  (void)kind, (void)content_type, (void)transfer_encoding;
  if (!key) return MHD_YES;
  if (off > 0 && r->nform > 0 && strcmp(r->form[r->nform - 1].name, key) == 0) {
    KV *last = &r->form[r->nform - 1];
    size_t old = r->form_len[r->nform - 1];
    char *v = arena_alloc(r->a, old + size + 1);
    memcpy(v, last->value, old);
    memcpy(v + old, data, size);
    last->value = v;
    r->form_len[r->nform - 1] = old + size;
    return MHD_YES;
  }
  if (filename) form_push(c, arena_printf(r->a, "%s.filename", key), filename, strlen(filename), false);
  form_push(c, key, data, size, filename != NULL);
  return MHD_YES;
}

static bool is_form_type(const char *ct) {
  return ct && (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0 ||
                strncasecmp(ct, "multipart/form-data", 19) == 0);
}

/* Parse an urlencoded or multipart body into r.form. */
static void parse_form(Ctx *c) {
  struct MHD_PostProcessor *pp = MHD_create_post_processor(c->conn, 64 * 1024, collect_form, c);
  if (!pp) return;
  if (c->body.len) MHD_post_process(pp, c->body.p, c->body.len);
  MHD_destroy_post_processor(pp);
}

static void client_addr(Ctx *c) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  char buf[INET6_ADDRSTRLEN] = "?";
  if (ci && ci->client_addr) {
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET) inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, sizeof buf);
    else if (sa->sa_family == AF_INET6)
      inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, sizeof buf);
  }
  c->r.remote_addr = arena_strdup(c->r.a, buf);
}

/* Errors answered before routing: JSON for API paths and JSON routes. */
static const Route JSON_ERRORS = {"GET", "/api/", NULL, PERM_PUBLIC, R_JSON, NULL};

static void set_error_format(Req *r) {
  int status, np;
  const char *allow, *params[4];
  const Route *rt = http_match(web_routes, r->method, r->raw_path ? r->raw_path : r->path, r->a, params, &np, &status,
                               &allow);
  r->route = (rt && (rt->flags & R_JSON)) || strncmp(r->path, "/api/", 5) == 0 ? &JSON_ERRORS : NULL;
}

/* 400 for invalid UTF-8; false when everything is valid. `where` says which part. */
static bool reject_bad_utf8(Req *r, const char *s, size_t n, const char *where) {
  if (!s || vi_utf8_valid(s, n)) return false;
  set_error_format(r);
  resp_error(r, 400, "invalid_utf8", arena_printf(r->a, "Dữ liệu không phải UTF-8 hợp lệ ở %s.", where));
  return true;
}

/*
** Run the handler with the request arena limited to g_req_budget bytes (issue 9, docs/PERFORMANCE.md): a
** request that would need more is cut short (arena.h longjmps here), releases what it held on the connection
** (db_abandon: statements, its transaction -- nothing it wrote is kept) and answers 503 instead of growing.
*/
static void dispatch_within_budget(Req *r) {
  jmp_buf over;
  if (setjmp(over) == 0) {
    arena_set_budget(r->a, g_req_budget, &over);
    http_dispatch(r);
    arena_set_budget(r->a, 0, NULL);
    return;
  }
  db_abandon(r->db);
  double mb = (double)g_req_budget / 1048576.0;
  fprintf(stderr, "canbo: %s %s: over the request memory budget (%.3g MB): 503\n", r->method, r->path, mb);
  r->nheaders_out = 0;
  resp_header(r, "Retry-After", "60");
  resp_error(r, 503, "over_budget",
             arena_printf(r->a, "Yêu cầu này cần nhiều bộ nhớ hơn mức cho phép của máy chủ (%.3g MB). Hãy thu hẹp "
                                "phạm vi (chọn đơn vị, ngày, bộ lọc) hoặc tải tệp xuất theo từng đơn vị.",
                          mb));
}

/* Fill the request from the connection and run the router; the response is left in c->r. */
static void handle(Ctx *c) {
  Req *r = &c->r;
  MHD_get_connection_values(c->conn, MHD_HEADER_KIND, collect_header, c);
  MHD_get_connection_values(c->conn, MHD_GET_ARGUMENT_KIND, collect_query, c);
  client_addr(c);
  if (c->bad_escape) {
    set_error_format(r);
    resp_error(r, 400, "bad_request", "Đường dẫn hoặc tham số truy vấn chứa ký tự NUL (%00).");
    return;
  }
  if (reject_bad_utf8(r, r->path, strlen(r->path), "đường dẫn (path)")) return;
  for (int i = 0; i < r->nquery; i++) {
    const char *where = arena_printf(r->a, "tham số truy vấn (query) '%s'", r->query[i].name);
    if (reject_bad_utf8(r, r->query[i].name, strlen(r->query[i].name), "tên tham số truy vấn (query)")) return;
    if (reject_bad_utf8(r, r->query[i].value, r->query[i].value ? strlen(r->query[i].value) : 0, where)) return;
  }
  if (c->too_large) {
    set_error_format(r);
    resp_error(r, 413, "payload_too_large", "Dữ liệu gửi lên vượt quá giới hạn 1 MiB.");
    return;
  }
  buf_reserve(&c->body, 1);
  c->body.p[c->body.len] = 0;
  r->body = c->body.p;
  r->body_len = c->body.len;
  const char *ct = req_header(r, "Content-Type");
  bool multipart = ct && strncasecmp(ct, "multipart/form-data", 19) == 0;
  if (!multipart && reject_bad_utf8(r, r->body, r->body_len, "nội dung yêu cầu (body)")) return;
  if (r->body_len && is_form_type(ct)) {
    parse_form(c);
    for (int i = 0; i < r->nform; i++) {
      if (c->form_is_file && c->form_is_file[i]) continue;
      const char *where = arena_printf(r->a, "trường biểu mẫu '%s'", r->form[i].name);
      if (reject_bad_utf8(r, r->form[i].value, r->form_len[i], where)) return;
      if (memchr(r->form[i].value, 0, r->form_len[i])) { /* the handlers read C strings: it would cut the value */
        set_error_format(r);
        resp_error(r, 400, "bad_request", arena_printf(r->a, "Trường biểu mẫu '%s' chứa ký tự NUL (%%00).", r->form[i].name));
        return;
      }
    }
  }
  r->db = thread_db();
  if (!r->db) {
    set_error_format(r);
    resp_cb_error(r, CB_EDB);
    return;
  }
  db_memo_settle(r->db); /* the thread's earlier requests are answered: their memo values are no longer read */
  if (g_before_request) g_before_request(r->db); /* e.g. catching the counters up with a new day */
  /* GET/HEAD run in one read transaction (one snapshot, one lock); a handler that writes leaves it via db_begin. */
  bool reading = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
  if (reading) db_read_begin(r->db);
  dispatch_within_budget(r);
  if (reading) db_read_end(r->db);
}

/* ---- responses ---- */

static bool has_out_header(Req *r, const char *name) {
  for (int i = 0; i < r->nheaders_out; i++)
    if (strcasecmp(r->headers_out[i].name, name) == 0) return true;
  return false;
}

static enum MHD_Result queue(Ctx *c) {
  Req *r = &c->r;
  struct MHD_Response *resp;
  if (r->out_fd > 0) { /* a file streamed from disk: the server holds a chunk of it at a time, not the file */
    resp = MHD_create_response_from_fd_at_offset64((uint64_t)r->out_len, r->out_fd, (uint64_t)r->out_off);
    if (!resp) return MHD_NO; /* on_completed closes the file */
    r->out_fd = 0;           /* libmicrohttpd closes it with the response */
  } else {
    size_t len = r->out.len;
    char *body = buf_detach(&r->out);
    resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
      free(body);
      return MHD_NO;
    }
  }
  MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "text/plain; charset=utf-8");
  MHD_add_response_header(resp, "Content-Security-Policy", CSP);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
  if (r->tls) MHD_add_response_header(resp, "Strict-Transport-Security", HSTS);
  if (!has_out_header(r, "Cache-Control")) MHD_add_response_header(resp, "Cache-Control", "no-store");
  for (int i = 0; i < r->nheaders_out; i++)
    MHD_add_response_header(resp, r->headers_out[i].name, r->headers_out[i].value);
  enum MHD_Result ret = MHD_queue_response(c->conn, (unsigned)(r->status ? r->status : 200), resp);
  MHD_destroy_response(resp);
  c->queued = true;
  track_deadline(c->conn, 0); /* the answer goes out: MHD's idle timeout watches a slow reader */
  return ret;
}

/* First call of a request: set up its context; answer 413 at once when Content-Length is over the limit. */
static enum MHD_Result start_request(struct MHD_Connection *conn, const char *url, const char *method, void **con_cls) {
  Ctx *c = calloc(1, sizeof *c);
  if (!c) return MHD_NO;
  track_deadline(conn, HTTP_BODY_TIMEOUT); /* headers are in; the body has this long */
  c->conn = conn;
  c->r.a = arena_new();
  c->r.method = arena_strdup(c->r.a, method);
  c->r.raw_path = arena_strdup(c->r.a, url && *url ? url : "/");
  c->r.path = http_unescape(c->r.a, c->r.raw_path, strlen(c->r.raw_path));
  if (!c->r.path) c->r.path = c->r.raw_path, c->bad_escape = true;
  c->r.tls = g_tls;
  *con_cls = c;
  const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
  const char *expect = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Expect");
  if (cl && strtoull(cl, NULL, 10) > HTTP_MAX_BODY) {
    c->too_large = true;
    /*
    ** A client waiting for "100 Continue" has sent no body: answer now. Any
    ** other client is already sending it, and closing on it would reset the
    ** connection before it reads the answer; so its body is drained
    ** unstored (up to HTTP_DRAIN_MAX) and answered 413 at the end.
    */
    if ((expect && strcasecmp(expect, "100-continue") == 0) || strtoull(cl, NULL, 10) > HTTP_DRAIN_MAX) {
      set_error_format(&c->r);
      resp_error(&c->r, 413, "payload_too_large", "Dữ liệu gửi lên vượt quá giới hạn 1 MiB.");
      return queue(c);
    }
  }
  return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
  (void)cls, (void)version;
  Ctx *c = *con_cls;
  if (!c) return start_request(conn, url, method, con_cls);
  if (*upload_data_size) {
    c->received += *upload_data_size;
    if (c->received > HTTP_DRAIN_MAX) return MHD_NO; /* not worth reading: drop the connection */
    if (!c->too_large && !c->queued) {
      if (c->body.len + *upload_data_size > HTTP_MAX_BODY) {
        c->too_large = true;
        buf_free(&c->body);
      } else {
        buf_append(&c->body, upload_data, *upload_data_size);
      }
    }
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (c->queued) return MHD_YES;
  /* the request is in: from here the server is the slow side (a province's export takes minutes), not the client */
  track_deadline(conn, 0);
  handle(c);
  return queue(c);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe) {
  (void)cls, (void)toe;
  track_deadline(conn, HTTP_HEADER_TIMEOUT); /* a kept-alive connection: the next request's headers in time */
  Ctx *c = *con_cls;
  if (!c) return;
  buf_free(&c->body);
  buf_free(&c->r.out);
  if (c->r.out_fd > 0) close(c->r.out_fd); /* a download never queued */
  arena_free(c->r.a);
  free(c);
  *con_cls = NULL;
}

/* ---- start and stop ---- */

int http_parse_listen(Arena *a, const char *listen, const char **host, int *port) {
  if (!listen || !*listen) return CB_EUSAGE;
  const char *colon;
  if (listen[0] == '[') {
    const char *close = strchr(listen, ']');
    if (!close || close[1] != ':' || close == listen + 1) return CB_EUSAGE;
    *host = arena_strndup(a, listen + 1, (size_t)(close - listen - 1));
    colon = close + 1;
  } else {
    colon = strrchr(listen, ':');
    if (!colon || colon == listen) return CB_EUSAGE;
    *host = arena_strndup(a, listen, (size_t)(colon - listen));
    if (strchr(*host, ':')) return CB_EUSAGE;
  }
  const char *p = colon + 1;
  long v = 0;
  if (!*p || strlen(p) > 5) return CB_EUSAGE;
  for (; *p; p++) {
    if (*p < '0' || *p > '9') return CB_EUSAGE;
    v = v * 10 + (*p - '0');
  }
  if (v < 1 || v > 65535) return CB_EUSAGE;
  *port = (int)v;
  return 0;
}

/* Open the database once and bring its schema up to date before serving. */
static int migrate_once(const char *db_path) {
  Db *db = NULL;
  if (db_open(db_path, &db) != 0) return CB_EDB;
  int rc = db_migrate(db, NULL);
  /* Initialize libsodium and auth's lazily built dummy hash here, before any pool thread could race on them. */
  if (rc == 0 && sodium_init() < 0) rc = CB_EDB;
  if (rc == 0) (void)auth_password_ok(db, "", "");
  db_close(db);
  return rc == 0 ? 0 : CB_EDB;
}

/* The whole file at `path` as a NUL-terminated malloc'd string (PEM); NULL with a message on stderr. */
static char *read_pem(const char *path, const char *what) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "canbo: cannot read the TLS %s %s: %s\n", what, path, strerror(errno));
    return NULL;
  }
  Buf b = BUF_INIT;
  char chunk[4096];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < 1024 * 1024) buf_append(&b, chunk, k);
  fclose(f);
  if (!b.len || !strstr(b.p, "-----BEGIN ")) {
    fprintf(stderr, "canbo: the TLS %s %s is not a PEM file\n", what, path);
    buf_free(&b);
    return NULL;
  }
  return buf_detach(&b);
}

/* Raise the open-files limit to its hard maximum: every connection is a file descriptor. */
static void raise_fd_limit(void) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    (void)setrlimit(RLIMIT_NOFILE, &rl);
  }
}

/* MHD's accept policy: the client address's connections across the server's threads (core/http_listen.h). */
static enum MHD_Result admit(void *cls, const struct sockaddr *addr, socklen_t addrlen) {
  (void)cls, (void)addrlen;
  return addr_admits(addr) ? MHD_YES : MHD_NO;
}

/* Server threads at most: one daemon (and listening socket) each. */
#define HTTP_MAX_THREADS 64

struct HttpServer {
  struct MHD_Daemon *d[HTTP_MAX_THREADS]; /* one per thread, each on its own socket of the group */
  int nd;
  pthread_t dog;
  bool dog_up;
  char *cert, *key;
  int port;
};

/* Undo what http_start did (any part of it). */
static void server_free(HttpServer *s) {
  for (int i = 0; i < s->nd; i++)
    if (s->d[i]) MHD_stop_daemon(s->d[i]);
  if (s->dog_up) {
    pthread_mutex_lock(&g_track_lock);
    g_track_stop = true;
    pthread_cond_signal(&g_track_cond);
    pthread_mutex_unlock(&g_track_lock);
    pthread_join(s->dog, NULL);
  }
  if (g_cut) fprintf(stderr, "canbo: %ld slow connections were cut (headers or body not in time)\n", g_cut);
  if (s->key) sodium_memzero(s->key, strlen(s->key));
  free(s->cert);
  free(s->key);
  close_thread_dbs();
  free(s);
}

int http_start(const char *db_path, const HttpServeOpts *o, HttpServer **out) {
  *out = NULL;
  Arena *a = arena_new();
  const char *host, *listen = o && o->listen ? o->listen : "127.0.0.1:8080";
  int port;
  struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV}, *ai = NULL;
  bool any_port = o && o->any_port;
  g_before_request = o ? o->before_request : NULL;
  const char *mem = getenv("CANBO_REQ_MEM_MB");
  g_req_budget = mem && *mem ? (size_t)(atof(mem) * 1048576.0) : (size_t)HTTP_REQ_MEM_MB << 20;
  if (any_port) host = arena_strdup(a, "127.0.0.1"), port = 0;
  else if (http_parse_listen(a, listen, &host, &port) != 0) {
    fprintf(stderr, "canbo: bad listen address '%s' (want HOST:PORT)\n", listen);
    arena_free(a);
    return CB_EUSAGE;
  }
  bool tls = o && (o->tls_cert || o->tls_key);
  if (tls && !(o->tls_cert && o->tls_key)) {
    fprintf(stderr, "canbo: --tls-cert and --tls-key go together\n");
    arena_free(a);
    return CB_EUSAGE;
  }
  HttpServer *s = calloc(1, sizeof *s);
  if (!s) abort();
  if (tls) {
    if (!MHD_is_feature_supported(MHD_FEATURE_TLS)) {
      fprintf(stderr, "canbo: this libmicrohttpd was built without TLS (GnuTLS)\n");
      free(s);
      arena_free(a);
      return CB_EIO;
    }
    s->cert = read_pem(o->tls_cert, "certificate");
    s->key = s->cert ? read_pem(o->tls_key, "key") : NULL;
    if (!s->cert || !s->key) {
      server_free(s);
      arena_free(a);
      return CB_EUSAGE;
    }
  }
  if (getaddrinfo(host, arena_printf(a, "%d", port), &hints, &ai) != 0 || !ai) {
    fprintf(stderr, "canbo: cannot resolve listen host '%s'\n", host);
    server_free(s);
    arena_free(a);
    return CB_EUSAGE;
  }
  if (migrate_once(db_path) != 0) {
    freeaddrinfo(ai);
    server_free(s);
    arena_free(a);
    return CB_EDB;
  }
  g_db_path = db_path;
  g_tls = tls;
  signal(SIGPIPE, SIG_IGN);
  raise_fd_limit();
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  int nthreads = ncpu < 1 ? 1 : ncpu > HTTP_MAX_THREADS ? HTTP_MAX_THREADS : (int)ncpu;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
  if (ai->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
  if (tls) flags |= MHD_USE_TLS;
  addr_limit_set(o && o->per_address > 0 ? (unsigned)o->per_address : HTTP_PER_ADDRESS);
  int fds[HTTP_MAX_THREADS];
  if (listen_group(ai->ai_addr, ai->ai_addrlen, nthreads, fds, &s->port) != 0) {
    fprintf(stderr, "canbo: cannot listen on %s (%s)\n", any_port ? "127.0.0.1:0" : listen, strerror(errno));
    freeaddrinfo(ai);
    server_free(s);
    arena_free(a);
    return CB_EIO;
  }
  freeaddrinfo(ai);
  g_track_stop = false;
  s->dog_up = pthread_create(&s->dog, NULL, watchdog, NULL) == 0;
  /* The TLS options are an option array that ends at once when not serving HTTPS. */
  struct MHD_OptionItem tls_opts[] = {
      {tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, s->cert},
      {tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, s->key},
      {MHD_OPTION_END, 0, NULL},
  };
  /* One daemon per thread, each on its socket (core/http_listen.h); each closes its socket when stopped. */
  unsigned per_thread = (HTTP_MAX_CONNECTIONS + (unsigned)nthreads - 1) / (unsigned)nthreads;
  for (s->nd = 0; s->nd < nthreads; s->nd++) {
    s->d[s->nd] = MHD_start_daemon(
        flags, 0, admit, NULL, on_request, NULL, MHD_OPTION_LISTEN_SOCKET, fds[s->nd], MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)HTTP_IDLE_TIMEOUT, MHD_OPTION_CONNECTION_LIMIT, per_thread, MHD_OPTION_NOTIFY_CONNECTION,
        on_connection, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_UNESCAPE_CALLBACK,
        keep_escaped, NULL, MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
    if (!s->d[s->nd]) break;
  }
  if (s->nd < nthreads) {
    fprintf(stderr, "canbo: cannot serve on %s%s\n", any_port ? "127.0.0.1:0" : listen,
            tls ? " (a certificate and key that do not match?)" : "");
    for (int i = s->nd + 1; i < nthreads; i++) close(fds[i]); /* the failed daemon's own: MHD's to close */
    server_free(s);
    arena_free(a);
    return CB_EIO;
  }
  arena_free(a);
  *out = s;
  return 0;
}

int http_server_port(const HttpServer *s) { return s->port; }

void http_stop(HttpServer *s) {
  if (s) server_free(s);
}

int http_serve(const char *db_path, const HttpServeOpts *o) {
  /* Worker threads inherit this mask; only sigwait below sees SIGINT/SIGTERM. */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  HttpServer *s;
  int rc = http_start(db_path, o, &s);
  if (rc) return rc;
  Arena *a = arena_new();
  const char *host = "127.0.0.1", *listen = o && o->listen ? o->listen : "127.0.0.1:8080";
  int port;
  if (http_parse_listen(a, listen, &host, &port) != 0) host = "127.0.0.1";
  printf(strchr(host, ':') ? "canbo: listening on %s://[%s]:%d/\n" : "canbo: listening on %s://%s:%d/\n",
         g_tls ? "https" : "http", host, s->port);
  fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  fprintf(stderr, "canbo: stopping (signal %d)\n", sig);
  http_stop(s);
  arena_free(a);
  return 0;
}

/*
** The route table and the router: every row of web_routes is complete and
** either permissioned or explicitly allowed to be public; CSRF exemptions
** are explicit too. Then the matcher (params, HEAD, 404/405) and the central
** checks of http_dispatch on a real temporary database (401, redirect, 403 by
** role, 403 without CSRF and its audit row, 200 with a session).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/audit.h"
#include "core/err.h"
#include "core/http.h"
#include "domain/unit.h"

/* The only routes that may be reached without a session. Adding a public route means adding it here. */
static const char *const PUBLIC_ROUTES[] = {
    "GET /assets/{file}",
    "GET /dang-nhap",
    "POST /dang-nhap",
    "POST /api/v1/session",
};
/* The only non-GET routes exempt from CSRF: the logins themselves. */
static const char *const NO_CSRF_ROUTES[] = {
    "POST /dang-nhap",
    "POST /api/v1/session",
};

static bool listed(const char *const *list, size_t n, const Route *rt) {
  char key[256];
  snprintf(key, sizeof key, "%s %s", rt->method, rt->pattern);
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], key) == 0) return true;
  return false;
}

static void every_row_is_complete(void **state) {
  (void)state;
  int rows = 0;
  for (const Route *rt = web_routes; rt->method; rt++, rows++) {
    assert_non_null(rt->handler);
    assert_non_null(rt->pattern);
    assert_int_equal(rt->pattern[0], '/');
    assert_true(strcmp(rt->method, "GET") == 0 || strcmp(rt->method, "POST") == 0 ||
                strcmp(rt->method, "DELETE") == 0 || strcmp(rt->method, "PUT") == 0 ||
                strcmp(rt->method, "PATCH") == 0);
    assert_non_null(rt->help);
    assert_true(strlen(rt->help) > 0);
    /* API routes answer JSON errors, pages do not. */
    assert_int_equal(!!(rt->flags & R_JSON), strncmp(rt->pattern, "/api/", 5) == 0);
    assert_true(rt->perm >= PERM_PUBLIC && rt->perm <= PERM_ORG_ADMIN);
  }
  assert_true(rows >= 10);
}

static void public_routes_are_allow_listed(void **state) {
  (void)state;
  for (const Route *rt = web_routes; rt->method; rt++) {
    if (rt->perm != PERM_PUBLIC) continue;
    if (!listed(PUBLIC_ROUTES, sizeof PUBLIC_ROUTES / sizeof PUBLIC_ROUTES[0], rt))
      fail_msg("route %s %s is PERM_PUBLIC but not in the test's allow-list", rt->method, rt->pattern);
  }
}

static void csrf_exemptions_are_allow_listed(void **state) {
  (void)state;
  for (const Route *rt = web_routes; rt->method; rt++) {
    if (!(rt->flags & R_NO_CSRF)) continue;
    if (strcmp(rt->method, "GET") == 0) fail_msg("GET %s has R_NO_CSRF, which means nothing there", rt->pattern);
    if (!listed(NO_CSRF_ROUTES, sizeof NO_CSRF_ROUTES / sizeof NO_CSRF_ROUTES[0], rt))
      fail_msg("route %s %s skips CSRF but is not in the test's allow-list", rt->method, rt->pattern);
  }
}

static void no_duplicate_rows(void **state) {
  (void)state;
  for (const Route *a = web_routes; a->method; a++)
    for (const Route *b = a + 1; b->method; b++)
      if (strcmp(a->method, b->method) == 0 && strcmp(a->pattern, b->pattern) == 0)
        fail_msg("duplicate route %s %s", a->method, a->pattern);
}

static void noop(Req *r) { (void)r; }

static void matcher(void **state) {
  (void)state;
  static const Route t[] = {
      {"GET", "/", noop, PERM_READ, 0, "root"},
      {"GET", "/a/{x}/b/{y}", noop, PERM_READ, 0, "two"},
      {"POST", "/a/{x}/b/{y}", noop, PERM_WRITE, 0, "two post"},
      {"DELETE", "/s", noop, PERM_READ, R_JSON, "s"},
      {NULL, NULL, NULL, PERM_PUBLIC, 0, NULL},
  };
  Arena *a = arena_new();
  const char *params[4], *allow = NULL;
  int np = 0, status = 0;
  const Route *rt = http_match(t, "GET", "/a/C%01/b/xyz", a, params, &np, &status, &allow);
  assert_ptr_equal(rt, &t[1]);
  assert_int_equal(np, 2);
  assert_string_equal(params[0], "C\x01"); /* segments are decoded after the split */
  assert_string_equal(params[1], "xyz");
  /* a code holding "/" (sent as %2F) is one segment; %00 matches nothing */
  assert_ptr_equal(http_match(t, "GET", "/a/31%2FQ%C4%90/b/x%2f", a, params, &np, &status, &allow), &t[1]);
  assert_string_equal(params[0], "31/QĐ");
  assert_string_equal(params[1], "x/");
  assert_null(http_match(t, "GET", "/a/A%00/b/x", a, params, &np, &status, &allow));
  assert_ptr_equal(http_match(t, "GET", "/a/100%/b/%zz", a, params, &np, &status, &allow), &t[1]);
  assert_string_equal(params[0], "100%");
  assert_string_equal(params[1], "%zz");
  assert_ptr_equal(http_match(t, "HEAD", "/", a, params, &np, &status, &allow), &t[0]);
  assert_ptr_equal(http_match(t, "POST", "/a/1/b/2", a, params, &np, &status, &allow), &t[2]);
  /* empty segment, extra segment, trailing slash, prefix only: 404 */
  const char *misses[] = {"/a//b/2", "/a/1/b/2/c", "/a/1/b/", "/a/1", "/x", "//"};
  for (size_t i = 0; i < sizeof misses / sizeof misses[0]; i++) {
    assert_null(http_match(t, "GET", misses[i], a, params, &np, &status, &allow));
    assert_int_equal(status, 404);
  }
  assert_null(http_match(t, "PUT", "/a/1/b/2", a, params, &np, &status, &allow));
  assert_int_equal(status, 405);
  assert_string_equal(allow, "GET, HEAD, POST");
  assert_null(http_match(t, "GET", "/s", a, params, &np, &status, &allow));
  assert_int_equal(status, 405);
  assert_string_equal(allow, "DELETE");
  arena_free(a);
}

static void permissions(void **state) {
  (void)state;
  assert_true(http_perm_allows(ROLE_NONE, PERM_PUBLIC));
  assert_false(http_perm_allows(ROLE_NONE, PERM_READ));
  assert_true(http_perm_allows(ROLE_VIEWER, PERM_READ));
  assert_false(http_perm_allows(ROLE_VIEWER, PERM_WRITE));
  assert_true(http_perm_allows(ROLE_OFFICER, PERM_WRITE));
  assert_false(http_perm_allows(ROLE_OFFICER, PERM_ADMIN));
  assert_true(http_perm_allows(ROLE_ADMIN, PERM_ADMIN));
  assert_true(http_perm_allows(ROLE_ADMIN, PERM_READ));
  /* organisation-wide objects: an admin, and one without a unit scope */
  assert_false(http_perm_allows(ROLE_OFFICER, PERM_ORG_ADMIN));
  assert_true(http_perm_allows(ROLE_ADMIN, PERM_ORG_ADMIN));
  User org = {.role = ROLE_ADMIN}, unit_admin = {.role = ROLE_ADMIN, .unit_code = "HX", .scope = "/1/2/"};
  assert_true(http_user_allows(&org, PERM_ORG_ADMIN));
  assert_false(http_user_allows(&unit_admin, PERM_ORG_ADMIN));
  assert_true(http_user_allows(&unit_admin, PERM_ADMIN));
  /* the rule versions and users are organisation-wide in the table */
  for (const Route *rt = web_routes; rt->method; rt++)
    if (strcmp(rt->method, "GET") != 0 && (strncmp(rt->pattern, "/quy-dinh", 9) == 0 || strncmp(rt->pattern, "/api/v1/rules", 13) == 0 ||
                                          strncmp(rt->pattern, "/nguoi-dung", 11) == 0 || strncmp(rt->pattern, "/api/v1/users", 13) == 0))
      if (rt->perm != PERM_ORG_ADMIN) fail_msg("%s %s should be PERM_ORG_ADMIN", rt->method, rt->pattern);
}

static void listen_parsing(void **state) {
  (void)state;
  Arena *a = arena_new();
  const char *host;
  int port;
  assert_int_equal(http_parse_listen(a, "127.0.0.1:8080", &host, &port), 0);
  assert_string_equal(host, "127.0.0.1");
  assert_int_equal(port, 8080);
  assert_int_equal(http_parse_listen(a, "[::1]:65535", &host, &port), 0);
  assert_string_equal(host, "::1");
  assert_int_equal(port, 65535);
  const char *bad[] = {"", "8080", ":8080", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:80x",
                       "::1:80", "[::1]80", "[]:80", "h:-1", "h:123456"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    if (http_parse_listen(a, bad[i], &host, &port) != CB_EUSAGE) fail_msg("'%s' accepted", bad[i]);
  arena_free(a);
}

/* ---- http_dispatch on a real database ---- */

typedef struct {
  char path[64];
  Db *db;
  Arena *keep; /* holds the session strings */
  const char *viewer_cookie, *viewer_csrf;
} Fixture;

static int setup_db(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->path, sizeof f->path, "/tmp/canbo-test-routes-XXXXXX");
  int fd = mkstemp(f->path);
  if (fd < 0) return -1;
  close(fd);
  if (db_open(f->path, &f->db) != 0 || db_migrate(f->db, NULL) != 0) return -1;
  Arena *a = arena_new();
  if (auth_user_add(f->db, a, "test", "viewer1", "viewer", NULL, "viewer-password") != 0) return -1;
  User u;
  Session s;
  Arena *keep = f->keep = arena_new();
  if (auth_login(f->db, keep, "viewer1", "viewer-password", "127.0.0.1", &u, &s) != 0) return -1;
  f->viewer_cookie = arena_printf(keep, "canbo_session=%s", s.token);
  f->viewer_csrf = s.csrf;
  arena_free(a);
  *state = f;
  return 0;
}

static int teardown_db(void **state) {
  Fixture *f = *state;
  db_close(f->db);
  arena_free(f->keep);
  unlink(f->path);
  char wal[80];
  snprintf(wal, sizeof wal, "%s.audit-head", f->path), unlink(wal); /* core/audit.h head file */
  snprintf(wal, sizeof wal, "%s-wal", f->path);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", f->path);
  unlink(wal);
  free(f);
  return 0;
}

/* Run one request through the router; the caller frees r->a and r->out. */
static void run(Fixture *f, Req *r, const char *method, const char *path, const char *cookie, const char *csrf) {
  memset(r, 0, sizeof *r);
  r->a = arena_new();
  r->db = f->db;
  r->method = method;
  r->path = path;
  r->remote_addr = "127.0.0.1";
  r->body = "";
  KV *h = arena_alloc(r->a, sizeof(KV) * 2);
  if (cookie) h[r->nheaders_in++] = (KV){"Cookie", cookie};
  if (csrf) h[r->nheaders_in++] = (KV){"X-CSRF-Token", csrf};
  r->headers_in = h;
  http_dispatch(r);
}

static const char *out_header(Req *r, const char *name) {
  for (int i = 0; i < r->nheaders_out; i++)
    if (strcmp(r->headers_out[i].name, name) == 0) return r->headers_out[i].value;
  return NULL;
}

static void done(Req *r) {
  buf_free(&r->out);
  arena_free(r->a);
}

static long long count_denied(Db *db) {
  DbStmt *st = db_prepare(db, "SELECT count(*) FROM audit WHERE action = 'denied'");
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  return n;
}

/* Refusals counted in the denials table (audit_denial). */
static long long sum_denials(Db *db) {
  DbStmt *st = db_prepare(db, "SELECT ifnull(sum(count), 0) FROM denials");
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  return n;
}

static void dispatch_checks(void **state) {
  Fixture *f = *state;
  Req r;
  run(f, &r, "GET", "/api/v1/session", NULL, NULL);
  assert_int_equal(r.status, 401);
  assert_non_null(strstr(r.out.p, "\"unauthorized\""));
  done(&r);

  run(f, &r, "GET", "/can-bo", NULL, NULL);
  assert_int_equal(r.status, 303);
  assert_string_equal(out_header(&r, "Location"), "/dang-nhap?next=%2Fcan-bo");
  done(&r);

  run(f, &r, "GET", "/api/v1/session", "canbo_session=0000000000000000000000000000000000000000000000000000000000000000",
      NULL);
  assert_int_equal(r.status, 401);
  done(&r);

  run(f, &r, "GET", "/api/v1/session", f->viewer_cookie, NULL);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.out.p, "\"viewer1\""));
  assert_non_null(strstr(r.out.p, f->viewer_csrf));
  done(&r);

  long long before = count_denied(f->db), before_sum = sum_denials(f->db);
  run(f, &r, "DELETE", "/api/v1/session", f->viewer_cookie, NULL);
  assert_int_equal(r.status, 403);
  done(&r);
  run(f, &r, "DELETE", "/api/v1/session", f->viewer_cookie, "not-the-token");
  assert_int_equal(r.status, 403);
  done(&r);
  /* a viewer may not reach an officer route: 403 and audited */
  run(f, &r, "GET", "/nhap-du-lieu", f->viewer_cookie, NULL);
  assert_int_equal(r.status, 403);
  done(&r);
  /* three refusals counted; the two on the same route and reason share one bucket and one audit row */
  assert_int_equal(sum_denials(f->db), before_sum + 3);
  assert_int_equal(count_denied(f->db), before + 2);

  run(f, &r, "PUT", "/api/v1/session", f->viewer_cookie, NULL);
  assert_int_equal(r.status, 405);
  assert_non_null(out_header(&r, "Allow"));
  assert_non_null(strstr(r.out.p, "\"method_not_allowed\""));
  done(&r);

  run(f, &r, "GET", "/api/v1/nothing", NULL, NULL);
  assert_int_equal(r.status, 404);
  assert_non_null(strstr(r.out.p, "\"not_found\""));
  done(&r);
  run(f, &r, "GET", "/khong-co", NULL, NULL);
  assert_int_equal(r.status, 404);
  assert_non_null(strstr(r.out.p, "<html"));
  done(&r);

  /* with the right token the logout runs, and the session is gone afterwards */
  run(f, &r, "DELETE", "/api/v1/session", f->viewer_cookie, f->viewer_csrf);
  assert_int_equal(r.status, 200);
  done(&r);
  run(f, &r, "GET", "/api/v1/session", f->viewer_cookie, NULL);
  assert_int_equal(r.status, 401);
  done(&r);
}

/* A flood of refusals: counted, but the audit log grows by at most AUDIT_DENIAL_ROUTES + 1 rows. */
static void denials_aggregated(void **state) {
  Fixture *f = *state;
  long long before = count_denied(f->db), before_sum = sum_denials(f->db);
  for (int i = 0; i < 300; i++) {
    Req r;
    /* the same route under ever-new long paths, then every officer/admin route in turn */
    char *path = NULL;
    if (i < 100) {
      Arena *t = arena_new();
      char *tail = arena_alloc(t, 20001);
      memset(tail, 'x', 20000);
      tail[20000] = 0;
      path = strdup(arena_printf(t, "/can-bo/%d%s/danh-gia", i, tail));
      arena_free(t);
      run(f, &r, "GET", path, f->viewer_cookie, NULL);
    } else {
      const Route *cand[64];
      int k = 0;
      for (const Route *rt = web_routes; rt->method && k < 64; rt++)
        if (strcmp(rt->method, "GET") == 0 && rt->perm >= PERM_WRITE && !strchr(rt->pattern, '{')) cand[k++] = rt;
      assert_true(k >= 3);
      run(f, &r, "GET", cand[i % k]->pattern, f->viewer_cookie, NULL);
    }
    assert_int_equal(r.status, 403);
    done(&r);
    free(path);
  }
  assert_int_equal(sum_denials(f->db), before_sum + 300);
  long long rows = count_denied(f->db) - before;
  assert_true(rows >= 2 && rows <= AUDIT_DENIAL_ROUTES + 1);
  /* no audit row holds the long path */
  DbStmt *st = db_prepare(f->db, "SELECT max(length(entity_key) + length(ifnull(after, ''))) FROM audit WHERE action = 'denied'");
  assert_int_equal(db_step(st), DB_ROW);
  assert_true(db_int(st, 0) < 200);
  db_finalize(st);
}

static void login_rate_limit(void **state) {
  Fixture *f = *state;
  Arena *a = arena_new();
  User u;
  Session s;
  /* setup_db logged viewer1 in from 127.0.0.1: a known address. A stranger guesses from elsewhere. */
  for (int i = 0; i < AUTH_FAIL_MAX_USER; i++)
    assert_int_equal(auth_login(f->db, a, "viewer1", "wrong-password", "10.0.0.1", &u, &s), CB_EPERM);
  /* now even the right password is refused for a while from any address the user never logged in from */
  assert_int_equal(auth_login(f->db, a, "viewer1", "viewer-password", "10.0.0.2", &u, &s), CB_ELIMIT);
  long long wait = auth_login_retry_after(f->db, a, "viewer1", "10.0.0.2");
  assert_true(wait > 0 && wait <= AUTH_FAIL_WINDOW);
  /* but not from the address the user works from */
  assert_int_equal(auth_login(f->db, a, "viewer1", "viewer-password", "127.0.0.1", &u, &s), 0);
  assert_int_equal(auth_login_retry_after(f->db, a, "viewer1", "127.0.0.1"), 0);
  /* guesses from the known address count against that address (and user) */
  for (int i = 0; i < AUTH_FAIL_MAX_USER; i++)
    assert_int_equal(auth_login(f->db, a, "viewer1", "wrong-password", "127.0.0.1", &u, &s), CB_EPERM);
  assert_int_equal(auth_login(f->db, a, "viewer1", "viewer-password", "127.0.0.1", &u, &s), CB_ELIMIT);
  /* a success forgives its own attempt: logging in many times never locks anyone out */
  assert_int_equal(auth_user_add(f->db, a, "test", "often", "viewer", NULL, "often-password"), 0);
  for (int i = 0; i < 3 * AUTH_FAIL_MAX_USER; i++)
    assert_int_equal(auth_login(f->db, a, "often", "often-password", "10.0.0.9", &u, &s), 0);
  /* the address limit holds across user names */
  for (int i = 0; i < AUTH_FAIL_MAX_ADDR; i++) {
    char name[32];
    snprintf(name, sizeof name, "nobody%d", i);
    assert_int_equal(auth_login(f->db, a, name, "x", "10.0.0.7", &u, &s), CB_EPERM);
  }
  assert_int_equal(auth_login(f->db, a, "often", "often-password", "10.0.0.7", &u, &s), CB_ELIMIT);
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_row_is_complete),
      cmocka_unit_test(public_routes_are_allow_listed),
      cmocka_unit_test(csrf_exemptions_are_allow_listed),
      cmocka_unit_test(no_duplicate_rows),
      cmocka_unit_test(matcher),
      cmocka_unit_test(permissions),
      cmocka_unit_test(listen_parsing),
      cmocka_unit_test_setup_teardown(dispatch_checks, setup_db, teardown_db),
      cmocka_unit_test_setup_teardown(login_rate_limit, setup_db, teardown_db),
      cmocka_unit_test_setup_teardown(denials_aggregated, setup_db, teardown_db),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
** Sessions, CSRF tokens and the failed-login rate limit (see auth.h).
**
** A session token is 32 random bytes (libsodium randombytes_buf) in hex; the
** client keeps it in the cookie, the database keeps only its SHA-256 (hex),
** so a stolen database does not open sessions. Each session carries its own
** CSRF token. Sessions live AUTH_SESSION_SECONDS.
**
** Failed logins are counted in login_failures per client address
** ("a:<addr>"), per user and address ("ua:<name>|<addr>") and, for addresses
** the user never logged in from (login_known), per user ("u:<name>"); too
** many within AUTH_FAIL_WINDOW seconds refuse further attempts (CB_ELIMIT)
** without checking the password. The check and the counting of an attempt
** happen together under the write lock, before the password is checked
** (reserve_attempt), so simultaneous guesses cannot slip past the limit.
**
** Not for: HTTP (cookies and headers are the web layer's), passwords (auth.c).
*/
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/audit.h"
#include "core/auth.h"
#include "core/err.h"

/* hex SHA-256 of s into out[65]. */
static void sha256_hex(char out[65], const char *s) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
  sodium_bin2hex(out, 65, h, sizeof h);
}

/* 32 random bytes as 64 hex characters, in the arena. */
static char *random_hex(Arena *a) {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char *hex = arena_alloc(a, 65);
  sodium_bin2hex(hex, 65, raw, sizeof raw);
  return hex;
}

/* Failures recorded under `key` since `since` (*oldest: the earliest of them, when older than *oldest); -1 on a database error. */
static long long failures_since(Db *db, const char *key, long long since, long long *oldest) {
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT count(*), min(at) FROM login_failures WHERE key = ? AND at > ?");
  if (!st) return -1;
  db_bind_text(st, 1, key);
  db_bind_int(st, 2, since);
  long long n = -1;
  if (db_step(st) == DB_ROW) {
    n = db_int(st, 0);
    if (oldest && n > 0 && (*oldest == 0 || db_int(st, 1) < *oldest)) *oldest = db_int(st, 1);
  }
  db_finalize(st);
  return n;
}

/* True when `username` has logged in successfully from `addr` before. */
static bool known_address(Db *db, const char *username, const char *addr) {
  if (!addr) return false;
  DbStmt *st = db_prepare(db, "SELECT 1 FROM login_known WHERE username = ? AND addr = ?");
  if (!st) return false;
  db_bind_text(st, 1, username);
  db_bind_text(st, 2, addr);
  bool yes = db_step(st) == DB_ROW;
  db_finalize(st);
  return yes;
}

/* The counters one attempt of `username` from `addr` is checked against and, when it fails, counted in. */
typedef struct {
  const char *key[3];
  long long max[3];
  int n;
} Keys;

/*
** Per address (AUTH_FAIL_MAX_ADDR), per user and address
** (AUTH_FAIL_MAX_USER), and -- only from an address the user never logged in
** from -- per user (AUTH_FAIL_MAX_USER): failures of strangers elsewhere do
** not lock the user out of a known address.
*/
static Keys limit_keys(Db *db, Arena *a, const char *username, const char *addr) {
  Keys k = {{0}, {0}, 0};
  if (addr) {
    k.key[k.n] = arena_printf(a, "a:%s", addr), k.max[k.n++] = AUTH_FAIL_MAX_ADDR;
    k.key[k.n] = arena_printf(a, "ua:%s|%s", username, addr), k.max[k.n++] = AUTH_FAIL_MAX_USER;
  }
  if (!known_address(db, username, addr)) k.key[k.n] = arena_printf(a, "u:%s", username), k.max[k.n++] = AUTH_FAIL_MAX_USER;
  return k;
}

/*
** 0 when no counter of `k` is at its limit; CB_ELIMIT when one is (then
** *retry_after holds the seconds until its oldest counted failure leaves the
** window); CB_EDB.
*/
static int check_limits(Db *db, const Keys *k, long long now, long long *retry_after) {
  long long since = now - AUTH_FAIL_WINDOW, wait = 0;
  bool over = false;
  for (int i = 0; i < k->n; i++) {
    long long oldest = 0, n = failures_since(db, k->key[i], since, &oldest);
    if (n < 0) return CB_EDB;
    if (n >= k->max[i]) {
      over = true;
      if (oldest + AUTH_FAIL_WINDOW - now > wait) wait = oldest + AUTH_FAIL_WINDOW - now;
    }
  }
  if (!over) return 0;
  *retry_after = wait > 0 ? wait : 1;
  return CB_ELIMIT;
}

/*
** The atomic part of a login: under the write lock, check the limits and, if
** none is reached, count this attempt as a failure in advance (one row per
** key; their ids in rows[]). The password is checked afterwards, outside
** the lock; a success takes the rows back (forgive). So however many guesses
** arrive at once, at most the limit of them get past the check.
** 0, CB_ELIMIT or CB_EDB.
*/
static int reserve_attempt(Db *db, Arena *a, const char *username, const char *addr, long long now, long long rows[3],
                           int *nrows) {
  *nrows = 0;
  if (db_begin(db) != 0) return CB_EDB;
  Keys k = limit_keys(db, a, username, addr);
  long long retry = 0;
  int rc = check_limits(db, &k, now, &retry);
  for (int i = 0; rc == 0 && i < k.n; i++) {
    DbStmt *st = db_prepare(db, "INSERT INTO login_failures(key, at) VALUES(?, ?)");
    if (!st) rc = CB_EDB;
    else {
      db_bind_text(st, 1, k.key[i]);
      db_bind_int(st, 2, now);
      rc = db_run(st);
      rows[(*nrows)++] = db_last_id(db);
    }
  }
  if (rc == 0) { /* forget failures older than the window */
    DbStmt *st = db_prepare(db, "DELETE FROM login_failures WHERE at <= ?");
    if (!st) rc = CB_EDB;
    else {
      db_bind_int(st, 1, now - AUTH_FAIL_WINDOW);
      rc = db_run(st);
    }
  }
  if (rc == 0 && db_commit(db) != 0) rc = CB_EDB;
  if (rc != 0) {
    db_rollback(db);
    *nrows = 0;
  }
  return rc;
}

/*
** Store a new session for user u, in the transaction that also takes back
** the attempt's reserved failure rows, forgets the failures of this user
** from this address and remembers the address as known. Drops expired
** sessions. Audited as "login".
*/
static int store_session(Db *db, Arena *a, const User *u, const char *addr, const long long *rows, int nrows,
                         Session *s, long long now) {
  char hash[65];
  s->token = random_hex(a);
  s->csrf = random_hex(a);
  sha256_hex(hash, s->token);
  if (db_begin(db) != 0) return CB_EDB;
  int rc = CB_EDB;
  DbStmt *st = db_prepare(db, "INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at) VALUES(?, ?, ?, ?, ?)");
  if (st) {
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, u->id);
    db_bind_text(st, 3, s->csrf);
    db_bind_int(st, 4, now);
    db_bind_int(st, 5, now + AUTH_SESSION_SECONDS);
    rc = db_run(st);
  }
  if (rc == 0 && (st = db_prepare(db, "DELETE FROM sessions WHERE expires_at <= ?"))) {
    db_bind_int(st, 1, now);
    rc = db_run(st);
  }
  for (int i = 0; rc == 0 && i < nrows; i++) {
    if (!(st = db_prepare(db, "DELETE FROM login_failures WHERE id = ?"))) rc = CB_EDB;
    else {
      db_bind_int(st, 1, rows[i]);
      rc = db_run(st);
    }
  }
  if (rc == 0 && addr && (st = db_prepare(db, "DELETE FROM login_failures WHERE key = ?"))) {
    db_bind_text(st, 1, arena_printf(a, "ua:%s|%s", u->username, addr));
    rc = db_run(st);
  }
  if (rc == 0 && addr &&
      (st = db_prepare(db, "INSERT INTO login_known(username, addr, last_at) VALUES(?, ?, ?) "
                           "ON CONFLICT(username, addr) DO UPDATE SET last_at = excluded.last_at"))) {
    db_bind_text(st, 1, u->username);
    db_bind_text(st, 2, addr);
    db_bind_int(st, 3, now);
    rc = db_run(st);
  }
  if (rc == 0) rc = audit_log(db, u->username, "login", "session", u->username, NULL, NULL);
  if (rc == 0) rc = db_commit(db);
  if (rc != 0) db_rollback(db);
  return rc;
}

int auth_login(Db *db, Arena *a, const char *username, const char *password, const char *addr, User *user,
               Session *s) {
  if (sodium_init() < 0) return CB_EDB;
  memset(user, 0, sizeof *user);
  if (!username) username = "";
  long long now = (long long)time(NULL), rows[3];
  int nrows = 0;
  int rc = reserve_attempt(db, a, username, addr, now, rows, &nrows);
  if (rc != 0) return rc;
  /* From here the attempt already counts as a failure; only a success takes it back. */
  if (!*username || !auth_password_ok(db, username, password)) return CB_EPERM;
  rc = auth_user_find(db, a, username, user);
  if (rc != 0) return rc == CB_ENOTFOUND ? CB_EPERM : rc;
  if (user->disabled) return CB_EPERM; /* the right password of a disabled account: user->disabled says so */
  return store_session(db, a, user, addr, rows, nrows, s, now);
}

long long auth_login_retry_after(Db *db, Arena *a, const char *username, const char *addr) {
  long long retry = 0;
  Keys k = limit_keys(db, a, username ? username : "", addr);
  if (check_limits(db, &k, (long long)time(NULL), &retry) != CB_ELIMIT) return 0;
  return retry;
}

/*
** Per-thread session cache: the session lookup runs on every request, so each
** pool thread keeps its recent answers for SESSION_TTL seconds -- and only as
** long as the database's data version has not moved (db_data_version): any
** commit by any process or server (a logout, a disabled user, a new role)
** empties it at the next use. An engine without a data version (PostgreSQL,
** where several servers share the database) is not cached at all. A logout in
** this process also bumps session_gen at once.
*/
#define SESSION_SLOTS 32
#define SESSION_TTL 30

typedef struct {
  char hash[65], username[65], unit_code[65], scope[256], csrf[65];
  long long user_id, expires_at, cached_at;
  long long version[2]; /* db_data_version when stored */
  unsigned gen;
  Role role;
  bool used, has_unit;
} CachedSession;

static _Thread_local CachedSession session_cache[SESSION_SLOTS];
static atomic_uint session_gen;

static void cache_fill_user(const CachedSession *c, Arena *a, User *out, const char **csrf) {
  memset(out, 0, sizeof *out);
  out->id = c->user_id;
  out->username = arena_strdup(a, c->username);
  out->role = c->role;
  out->unit_code = c->has_unit ? arena_strdup(a, c->unit_code) : NULL;
  out->scope = c->has_unit ? arena_strdup(a, c->scope) : NULL;
  if (csrf) *csrf = arena_strdup(a, c->csrf);
}

static CachedSession *cache_slot(const char *hash) {
  return &session_cache[(unsigned)strtoul(hash + 56, NULL, 16) % SESSION_SLOTS];
}

/* Remember a looked-up session unless a field does not fit. */
static void cache_store(Db *db, const char *hash, const User *u, const char *csrf, long long expires_at,
                        long long now) {
  CachedSession *c = cache_slot(hash);
  if (!db_data_version(db, c->version) || strlen(u->username) > 64 || (u->unit_code && strlen(u->unit_code) > 64) || (u->scope && strlen(u->scope) > 255) ||
      strlen(csrf) > 64) {
    c->used = false;
    return;
  }
  snprintf(c->hash, sizeof c->hash, "%s", hash);
  snprintf(c->username, sizeof c->username, "%s", u->username);
  snprintf(c->csrf, sizeof c->csrf, "%s", csrf);
  c->has_unit = u->unit_code != NULL;
  snprintf(c->unit_code, sizeof c->unit_code, "%s", u->unit_code ? u->unit_code : "");
  snprintf(c->scope, sizeof c->scope, "%s", u->scope ? u->scope : "");
  c->user_id = u->id;
  c->role = u->role;
  c->expires_at = expires_at;
  c->cached_at = now;
  c->gen = atomic_load(&session_gen);
  c->used = true;
}

int auth_session_user(Db *db, Arena *a, const char *token, User *out, const char **csrf) {
  if (!token || strlen(token) != 64) return CB_ENOTFOUND;
  char hash[65];
  sha256_hex(hash, token);
  long long now = (long long)time(NULL);
  CachedSession *c = cache_slot(hash);
  long long version[2];
  if (c->used && strcmp(c->hash, hash) == 0 && c->gen == atomic_load(&session_gen) && now - c->cached_at < SESSION_TTL &&
      now < c->expires_at && db_data_version(db, version) && version[0] == c->version[0] &&
      version[1] == c->version[1]) {
    cache_fill_user(c, a, out, csrf);
    return 0;
  }
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT us.id, us.username, us.role, un.code, un.path, s.csrf, s.expires_at "
                              "FROM sessions s JOIN users us ON us.id = s.user_id LEFT JOIN units un ON un.id = us.unit_id "
                              "WHERE s.token_hash = ? AND s.expires_at > ? AND us.disabled = 0");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, hash);
  db_bind_int(st, 2, now);
  int rc = db_step(st);
  const char *tok_csrf = NULL;
  long long expires_at = 0;
  if (rc == DB_ROW) {
    memset(out, 0, sizeof *out);
    out->id = db_int(st, 0);
    out->username = arena_strdup(a, db_text(st, 1));
    out->role = auth_role_parse(db_text(st, 2));
    out->unit_code = arena_strdup(a, db_text(st, 3));
    out->scope = arena_strdup(a, db_text(st, 4));
    tok_csrf = arena_strdup(a, db_text(st, 5));
    expires_at = db_int(st, 6);
    if (csrf) *csrf = tok_csrf;
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  if (rc != DB_ROW) return CB_ENOTFOUND;
  cache_store(db, hash, out, tok_csrf, expires_at, now);
  return 0;
}

int auth_sessions_end(Db *db, long long user_id, const char *keep_token) {
  char keep[65] = "";
  if (keep_token && *keep_token) sha256_hex(keep, keep_token);
  atomic_fetch_add(&session_gen, 1);
  DbStmt *st = db_prepare(db, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, user_id);
  db_bind_text(st, 2, keep);
  int rc = db_run(st);
  atomic_fetch_add(&session_gen, 1);
  return rc;
}

int auth_logout(Db *db, const char *token) {
  if (!token || !*token) return 0;
  char hash[65];
  sha256_hex(hash, token);
  atomic_fetch_add(&session_gen, 1); /* every thread's cache forgets its sessions */
  DbStmt *st = db_prepare(db, "DELETE FROM sessions WHERE token_hash = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, hash);
  int rc = db_run(st);
  atomic_fetch_add(&session_gen, 1); /* again: a lookup racing the delete may have cached it meanwhile */
  return rc;
}

bool auth_token_equal(const char *a, const char *b) {
  if (!a || !b) return false;
  size_t n = strlen(a);
  if (n == 0 || n != strlen(b)) return false;
  return sodium_memcmp(a, b, n) == 0;
}

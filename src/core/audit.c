/* Hash-chained audit log (see audit.h). SHA-256 from libsodium. */
#include "core/audit.h"
#include <jansson.h>
#include <pwd.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "core/err.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* hex SHA-256 over the fields, each prefixed by its length so that no two rows hash alike by shifting text. */
static void row_hash(char out[65], long long id, const char *prev, const char *at, const char *actor,
                     const char *action, const char *entity, const char *key, const char *before, const char *after) {
  crypto_hash_sha256_state s;
  crypto_hash_sha256_init(&s);
  char idbuf[32];
  snprintf(idbuf, sizeof idbuf, "%lld", id);
  const char *f[] = {idbuf, prev, at, actor, action, entity, key, before, after};
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
    char len[24];
    int n = f[i] ? snprintf(len, sizeof len, "%zu:", strlen(f[i])) : snprintf(len, sizeof len, "-:");
    crypto_hash_sha256_update(&s, (const unsigned char *)len, (unsigned long long)n);
    if (f[i]) crypto_hash_sha256_update(&s, (const unsigned char *)f[i], strlen(f[i]));
  }
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&s, h);
  sodium_bin2hex(out, 65, h, sizeof h);
}

/* Append the row; the caller holds the write transaction. */
static int append(Db *db, const char *actor, const char *action, const char *entity, const char *entity_key,
                  const char *before, const char *after) {
  char prev[65] = GENESIS, at[32], hash[65];
  long long id = 1;
  DbStmt *st = db_prepare(db, "SELECT id, hash, strftime('%Y-%m-%dT%H:%M:%SZ','now') FROM audit ORDER BY id DESC LIMIT 1");
  if (!st) return CB_EDB;
  if (db_step(st) == DB_ROW) {
    id = db_int(st, 0) + 1;
    snprintf(prev, sizeof prev, "%s", db_text(st, 1));
  }
  db_finalize(st);
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
  row_hash(hash, id, prev, at, actor, action, entity, entity_key, before, after);
  st = db_prepare(db, "INSERT INTO audit(id, at, actor, action, entity, entity_key, before, after, prev_hash, hash) "
                      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  const char *v[] = {at, actor, action, entity, entity_key, before, after, prev, hash};
  for (int i = 0; i < 9; i++) db_bind_text(st, i + 2, v[i]);
  return db_run(st);
}

int audit_log(Db *db, const char *actor, const char *action, const char *entity, const char *entity_key,
              const char *before, const char *after) {
  if (db_in_write_tx(db)) return append(db, actor, action, entity, entity_key, before, after);
  /*
  ** Outside the writer path (a GET export runs in the request's read
  ** transaction; a CLI report in none): take the write lock for this one
  ** row. Reading the last hash and inserting under one lock keeps the chain
  ** linear when two exports log at once, and a stale read snapshot cannot
  ** make the insert fail.
  */
  if (db_begin(db) != 0) return CB_EDB;
  int rc = append(db, actor, action, entity, entity_key, before, after);
  if (rc == 0 && db_commit(db) != 0) rc = CB_EDB;
  if (rc) db_rollback(db);
  return rc;
}

/* Add one to the bucket; *added is false when it does not exist yet. */
static int denial_bump(Db *db, const char *minute, const char *actor, const char *addr, const char *route,
                       const char *reason, bool *added) {
  DbStmt *st = db_prepare(db, "UPDATE denials SET count = count + 1 "
                              "WHERE minute = ? AND actor = ? AND addr = ? AND route = ? AND reason = ?");
  if (!st) return CB_EDB;
  const char *v[] = {minute, actor, addr, route, reason};
  for (int i = 0; i < 5; i++) db_bind_text(st, i + 1, v[i]);
  int rc = db_run(st);
  *added = rc == 0 && db_changes(db) > 0;
  return rc;
}

/* Route buckets of this actor and address in this minute. -1 on error. */
static long long denial_buckets(Db *db, const char *minute, const char *actor, const char *addr) {
  DbStmt *st = db_prepare(db, "SELECT count(*) FROM denials WHERE minute = ? AND actor = ? AND addr = ? AND route <> '*'");
  if (!st) return -1;
  db_bind_text(st, 1, minute);
  db_bind_text(st, 2, actor);
  db_bind_text(st, 3, addr);
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  return n;
}

/* The bucket and its first audit row; the caller holds the write transaction. */
static int denial_count(Db *db, const char *minute, const char *actor, const char *addr, const char *route,
                        const char *reason) {
  bool added = false;
  int rc = denial_bump(db, minute, actor, addr, route, reason, &added);
  if (rc || added) return rc;
  if (strcmp(route, "*") != 0) {
    long long n = denial_buckets(db, minute, actor, addr);
    if (n < 0) return CB_EDB;
    if (n >= AUDIT_DENIAL_ROUTES) {
      route = "*";
      if ((rc = denial_bump(db, minute, actor, addr, route, reason, &added)) != 0 || added) return rc;
    }
  }
  DbStmt *st = db_prepare(db, "INSERT INTO denials(minute, actor, addr, route, reason, count) VALUES(?, ?, ?, ?, ?, 1)");
  if (!st) return CB_EDB;
  const char *v[] = {minute, actor, addr, route, reason};
  for (int i = 0; i < 5; i++) db_bind_text(st, i + 1, v[i]);
  if ((rc = db_run(st)) != 0) return rc;
  json_t *j = json_pack("{s:s, s:s, s:s}", "reason", reason, "addr", addr, "minute", minute);
  char *after = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  rc = after ? append(db, actor, "denied", "route", route, NULL, after) : CB_EDB;
  free(after);
  json_decref(j);
  return rc;
}

int audit_denial(Db *db, const char *actor, const char *addr, const char *route, const char *reason) {
  char minute[24];
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(minute, sizeof minute, "%Y-%m-%dT%H:%MZ", &tm);
  /* Bounded keys: a user name is at most 64 bytes, an address 46; the route comes from the route table. */
  char a[72], d[64];
  snprintf(a, sizeof a, "%.64s", actor && *actor ? actor : "anonymous");
  snprintf(d, sizeof d, "%.46s", addr && *addr ? addr : "?");
  if (db_begin(db) != 0) return CB_EDB;
  int rc = denial_count(db, minute, a, d, route && *route ? route : "*", reason ? reason : "");
  if (rc == 0 && db_commit(db) != 0) rc = CB_EDB;
  if (rc) db_rollback(db);
  return rc;
}

int audit_verify(Db *db, long long *bad_id, long long *rows) {
  DbStmt *st = db_prepare(db, "SELECT id, at, actor, action, entity, entity_key, before, after, prev_hash, hash "
                              "FROM audit ORDER BY id");
  if (!st) return CB_EDB;
  char prev[65] = GENESIS, h[65];
  long long expect = 1, n = 0;
  int rc, result = 0;
  while ((rc = db_step(st)) == DB_ROW) {
    long long id = db_int(st, 0);
    row_hash(h, id, prev, db_text(st, 1), db_text(st, 2), db_text(st, 3), db_text(st, 4), db_text(st, 5),
             db_text(st, 6), db_text(st, 7));
    const char *stored_prev = db_text(st, 8), *stored = db_text(st, 9);
    if (id != expect || !stored_prev || strcmp(stored_prev, prev) != 0 || !stored || strcmp(stored, h) != 0) {
      *bad_id = id;
      result = CB_EINVAL;
      break;
    }
    snprintf(prev, sizeof prev, "%s", stored);
    expect = id + 1;
    n++;
  }
  db_finalize(st);
  if (rows) *rows = n;
  if (rc < 0) return CB_EDB;
  return result;
}

const char *audit_cli_actor(void) {
  static char name[96];
  if (!name[0]) {
    struct passwd *pw = getpwuid(getuid());
    snprintf(name, sizeof name, "cli:%s", pw ? pw->pw_name : "unknown");
  }
  return name;
}

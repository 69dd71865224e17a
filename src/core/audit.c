/*
** Hash-chained audit log (see audit.h). SHA-256 from libsodium. The head
** file beside the database is written after each commit that appended rows
** (db_after_commit), so truncation and a recomputed chain show.
*/
#include "core/audit.h"
#include <jansson.h>
#include <pwd.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
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

/* ---- the head file ---- */

void audit_head_path(const char *db_file, char *buf, size_t cap) { snprintf(buf, cap, "%s.audit-head", db_file); }

/* Parse "ID HASH\n". 0, or -1 when malformed. */
static int head_parse(const char *text, long long *id, char hash[65]) {
  char h[65];
  long long v;
  if (sscanf(text, "%lld %64[0-9a-f]", &v, h) != 2 || v < 1 || strlen(h) != 64) return -1;
  *id = v;
  memcpy(hash, h, 65);
  return 0;
}

/* Read the head file at path: 0; CB_ENOTFOUND when it does not exist; CB_EINVAL when unreadable or malformed. */
static int head_read(const char *path, long long *id, char hash[65]) {
  FILE *f = fopen(path, "r");
  if (!f) return errno == ENOENT ? CB_ENOTFOUND : CB_EINVAL;
  char line[256] = "";
  bool ok = fgets(line, sizeof line, f) != NULL;
  fclose(f);
  return ok && head_parse(line, id, hash) == 0 ? 0 : CB_EINVAL;
}

/* The newest row: 1 with *id/hash, 0 when the log is empty, -1 on error. */
static int newest_row(Db *db, long long *id, char hash[65]) {
  DbStmt *st = db_prepare(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
  if (!st) return -1;
  int rc = db_step(st), found = 0;
  if (rc == DB_ROW) {
    *id = db_int(st, 0);
    snprintf(hash, 65, "%s", db_text(st, 1) ? db_text(st, 1) : "");
    found = 1;
  }
  db_finalize(st);
  return rc < 0 ? -1 : found;
}

int audit_head_write(Db *db, bool force) {
  const char *file = db_file(db);
  if (!file || !*file) return 0;
  long long id = 0;
  char hash[65];
  int have = newest_row(db, &id, hash);
  if (have <= 0) return have < 0 ? CB_EIO : 0;
  char path[4096], tmp[4160];
  audit_head_path(file, path, sizeof path);
  snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
  for (int attempt = 0; attempt < 50; attempt++) {
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) break;
    if (flock(fd, LOCK_EX) != 0) {
      close(fd);
      break;
    }
    /* Another writer may have renamed a new file over the one we locked: lock that one instead. */
    struct stat a, b;
    if (fstat(fd, &a) != 0 || stat(path, &b) != 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
      close(fd);
      continue;
    }
    char cur[256] = "";
    ssize_t n = pread(fd, cur, sizeof cur - 1, 0);
    long long cur_id = 0;
    char cur_hash[65];
    if (!force && n > 0 && (cur[n] = 0, head_parse(cur, &cur_id, cur_hash) == 0) && cur_id >= id) {
      close(fd); /* as new or newer already: never backwards */
      return 0;
    }
    int rc = CB_EIO;
    FILE *t = fopen(tmp, "w");
    if (t) {
      fprintf(t, "%lld %s\n", id, hash);
      if (fclose(t) == 0 && rename(tmp, path) == 0) rc = 0;
      else unlink(tmp);
    }
    close(fd);
    if (rc) fprintf(stderr, "canbo: cannot write the audit head file %s: %s\n", path, strerror(errno));
    return rc;
  }
  fprintf(stderr, "canbo: cannot lock the audit head file %s: %s\n", path, strerror(errno));
  return CB_EIO;
}

/* db_after_commit hook of audit_log: errors are reported, not returned (the change is committed). */
static void head_hook(Db *db) { (void)audit_head_write(db, false); }

/* Append the row; the caller holds the write transaction. */
static int append(Db *db, const char *actor, const char *action, const char *entity, const char *entity_key,
                  const char *before, const char *after) {
  char prev[65] = GENESIS, at[32], hash[65];
  long long id = 1;
  DbStmt *st = db_prepare(db, "SELECT id, hash, now_utc() FROM audit ORDER BY id DESC LIMIT 1");
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
  int rc = db_run(st);
  if (rc == 0) db_after_commit(db, head_hook);
  return rc;
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

int audit_check(Db *db, AuditCheck *c) {
  memset(c, 0, sizeof *c);
  int rc = audit_verify(db, &c->bad_id, &c->rows);
  if (rc == CB_EDB) return rc;
  int have = newest_row(db, &c->last_id, c->last_hash);
  if (have < 0) return CB_EDB;
  const char *file = db_file(db);
  if (!file || !*file) {
    c->head = AUDIT_HEAD_NONE;
    return rc;
  }
  audit_head_path(file, c->head_path, sizeof c->head_path);
  int hr = head_read(c->head_path, &c->head_id, c->head_hash);
  if (hr == CB_ENOTFOUND) c->head = have ? AUDIT_HEAD_MISSING : AUDIT_HEAD_OK;
  else if (hr) c->head = AUDIT_HEAD_BAD;
  else if (c->head_id > c->last_id) c->head = AUDIT_HEAD_AHEAD;
  else {
    /* the row the head names must still carry the hash the head file recorded */
    DbStmt *st = db_prepare(db, "SELECT hash FROM audit WHERE id = ?");
    if (!st) return CB_EDB;
    db_bind_int(st, 1, c->head_id);
    int s = db_step(st);
    bool same = s == DB_ROW && db_text(st, 0) && strcmp(db_text(st, 0), c->head_hash) == 0;
    db_finalize(st);
    if (s < 0) return CB_EDB;
    if (s != DB_ROW) c->head = AUDIT_HEAD_AHEAD;
    else if (!same) c->head = AUDIT_HEAD_MISMATCH;
    else c->head = c->head_id == c->last_id ? AUDIT_HEAD_OK : AUDIT_HEAD_BEHIND;
  }
  if (rc == 0 && c->head != AUDIT_HEAD_OK && c->head != AUDIT_HEAD_BEHIND && c->head != AUDIT_HEAD_NONE) rc = CB_EINVAL;
  return rc;
}

const char *audit_cli_actor(void) {
  static char name[96];
  if (!name[0]) {
    struct passwd *pw = getpwuid(getuid());
    snprintf(name, sizeof name, "cli:%s", pw ? pw->pw_name : "unknown");
  }
  return name;
}

/*
** The audit chain: rows chain by hash, audit_verify finds an edited row, and
** audit_log called outside the writer path (as a GET export handler does,
** inside the request's read transaction) still commits its row even when
** another connection wrote after that read snapshot began.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "core/audit.h"
#include "core/db.h"
#include "core/err.h"

static char path[64];

static int setup(void **state) {
  snprintf(path, sizeof path, "/tmp/canbo-test-audit-%d.db", (int)getpid());
  unlink(path);
  Db *db;
  if (db_open(path, &db) || db_migrate(db, NULL)) return -1;
  db_close(db);
  return 0;
}

static int teardown(void **state) {
  char p[80];
  unlink(path);
  snprintf(p, sizeof p, "%s.audit-head", path), unlink(p); /* core/audit.h head file */
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
  return 0;
}

static long long audit_rows(Db *db) {
  long long bad = 0, rows = 0;
  assert_int_equal(audit_verify(db, &bad, &rows), 0);
  return rows;
}

/* Rows written by one connection while another holds an older read snapshot. */
static void log_inside_a_stale_read_transaction(void **state) {
  Db *a, *b;
  assert_int_equal(db_open(path, &a), 0);
  assert_int_equal(db_open(path, &b), 0);
  long long before = audit_rows(a);
  assert_int_equal(db_read_begin(a), 0);
  DbStmt *st = db_prepare(a, "SELECT count(*) FROM audit"); /* the snapshot starts here */
  assert_non_null(st);
  assert_int_equal(db_step(st), DB_ROW);
  db_finalize(st);
  assert_int_equal(audit_log(b, "b", "export", "report", "x", NULL, "{}"), 0); /* committed by b */
  assert_int_equal(audit_log(a, "a", "export", "report", "y", NULL, "{}"), 0); /* a's snapshot is stale */
  db_read_end(a);
  assert_int_equal(audit_rows(a), before + 2);
  db_close(a);
  db_close(b);
}

/* Outside any transaction a row commits by itself; inside a rolled back one it vanishes. */
static void log_commits_alone_or_with_the_transaction(void **state) {
  Db *db;
  assert_int_equal(db_open(path, &db), 0);
  long long n = audit_rows(db);
  assert_int_equal(audit_log(db, "t", "export", "report", "alone", NULL, NULL), 0);
  assert_int_equal(audit_rows(db), n + 1);
  assert_int_equal(db_begin(db), 0);
  assert_int_equal(audit_log(db, "t", "create", "thing", "1", NULL, "{}"), 0);
  assert_int_equal(db_rollback(db), 0);
  assert_int_equal(audit_rows(db), n + 1);
  db_close(db);
}

/* Editing a row breaks the chain at that row. */
static void verify_names_the_edited_row(void **state) {
  Db *db;
  assert_int_equal(db_open(path, &db), 0);
  assert_int_equal(audit_log(db, "t", "export", "report", "k1", NULL, NULL), 0);
  assert_int_equal(audit_log(db, "t", "export", "report", "k2", NULL, NULL), 0);
  DbStmt *st = db_prepare(db, "SELECT max(id) - 1 FROM audit");
  assert_int_equal(db_step(st), DB_ROW);
  long long id = db_int(st, 0);
  db_finalize(st);
  st = db_prepare(db, "UPDATE audit SET actor = 'someone else' WHERE id = ?");
  db_bind_int(st, 1, id);
  assert_int_equal(db_run(st), 0);
  long long bad = 0, rows = 0;
  assert_int_equal(audit_verify(db, &bad, &rows), CB_EINVAL);
  assert_int_equal(bad, id);
  db_close(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(log_inside_a_stale_read_transaction),
      cmocka_unit_test(log_commits_alone_or_with_the_transaction),
      cmocka_unit_test(verify_names_the_edited_row),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

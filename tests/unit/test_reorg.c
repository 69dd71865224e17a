/*
** Reorganization (domain/reorg.c) and the unit tree at a date (unit_list_at):
** three communes merged into a new one on 2025-07-01 -- the tree and the
** membership on 30/06 and 01/07, no history row lost, pools carried, child
** paths recomputed, the scoped user's scope; refusals that write nothing;
** merging into an existing unit; a split; acts listed by scope.
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
#include "core/auth.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/membership.h"
#include "domain/position.h"
#include "domain/reorg.h"
#include "domain/planning.h"
#include "domain/title.h"

static char path[64];

#define Q(db, sql) q_int_((db), db_prepare((db), sql))
static long long q_int_(Db *db, DbStmt *st) {
  (void)db;
  assert_non_null(st);
  long long v = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  return v;
}

static void unit(Db *db, Arena *a, const char *code, const char *parent, const char *level, const char *from,
                 const char *to) {
  Unit u = {.code = code, .name = code, .level = level, .parent_code = parent, .valid_from = from, .valid_to = to};
  assert_int_equal(unit_insert(db, a, &u), 0);
}

static void cadre(Db *db, Arena *a, const char *code, const char *unit_code) {
  Cadre c = {.code = code, .full_name = "Nguyễn Văn A", .gender = "M", .birth_date = "1980-01-01", .unit_code = unit_code};
  assert_int_equal(cadre_insert(db, a, &c), 0);
}

static void position(Db *db, Arena *a, const char *cadre_code, const char *unit_code, const char *title, const char *from,
                     const char *to, int concurrent) {
  Position p = {.cadre_code = cadre_code, .unit_code = unit_code, .title_code = title, .start_date = from,
                .end_date = to, .concurrent = concurrent, .decision_no = "1-QĐ"};
  assert_int_equal(position_insert(db, a, &p), 0);
}

static void pool(Db *db, const char *term, const char *unit_code, const char *cadre_code, const char *action,
                 const char *date) {
  DbStmt *st = db_prepare(db, "INSERT INTO planning(term, unit_id, title_id, cadre_id, action, date) VALUES(?, "
                              "(SELECT id FROM units WHERE code = ?), (SELECT id FROM titles WHERE code = 'BT'), "
                              "(SELECT id FROM cadres WHERE code = ?), ?, ?)");
  db_bind_text(st, 1, term);
  db_bind_text(st, 2, unit_code);
  db_bind_text(st, 3, cadre_code);
  db_bind_text(st, 4, action);
  db_bind_text(st, 5, date);
  assert_int_equal(db_run(st), 0);
}

static int setup(void **state) {
  snprintf(path, sizeof path, "/tmp/canbo-test-reorg-%d.db", (int)getpid());
  unlink(path);
  Db *db;
  if (db_open(path, &db) || db_migrate(db, NULL)) return -1;
  Arena *a = arena_new();
  unit(db, a, "TP", NULL, "district", NULL, NULL);
  unit(db, a, "X1", "TP", "commune", "2010-01-01", NULL);
  unit(db, a, "X2", "TP", "commune", NULL, NULL);
  unit(db, a, "X3", "TP", "commune", NULL, NULL);
  unit(db, a, "X4", "TP", "commune", NULL, NULL);
  unit(db, a, "CB1", "X1", "grassroots", NULL, NULL);
  unit(db, a, "CB1A", "CB1", "grassroots", NULL, NULL);
  Title t = {.code = "BT", .name = "Bí thư", .level = "commune", .category = "key"};
  assert_int_equal(title_insert(db, a, &t), 0);
  Title t2 = {.code = "UV", .name = "Ủy viên", .level = "commune", .category = "committee"};
  assert_int_equal(title_insert(db, a, &t2), 0);
  cadre(db, a, "C1", "X1");
  cadre(db, a, "C2", "X2");
  cadre(db, a, "C3", "X3");
  cadre(db, a, "C4", "CB1A");
  position(db, a, "C1", "X1", "BT", "2020-01-01", NULL, 0);
  position(db, a, "C1", "X1", "UV", "2020-01-01", NULL, 1);
  position(db, a, "C2", "X2", "BT", "2021-01-01", "2027-01-01", 0);
  position(db, a, "C3", "X3", "BT", "2015-01-01", "2019-12-31", 0); /* ended long ago: not moved */
  position(db, a, "C3", "X3", "UV", "2022-01-01", "2025-06-30", 0); /* ends the day before: not moved */
  position(db, a, "C4", "CB1A", "UV", "2022-01-01", NULL, 0);
  pool(db, "2025-2030", "X1", "C1", "add", "2024-01-01");
  pool(db, "2025-2030", "X2", "C2", "add", "2024-01-01");
  pool(db, "2025-2030", "X2", "C2", "remove", "2024-06-01"); /* removed: not carried */
  pool(db, "2020-2025", "X3", "C3", "add", "2021-01-01");
  pool(db, "2015-2020", "X3", "C3", "add", "2016-01-01"); /* term over: not carried */
  assert_int_equal(auth_user_add(db, a, "test", "x1user", "officer", "X1", "password-1"), 0);
  assert_int_equal(auth_user_add(db, a, "test", "cbuser", "viewer", "CB1", "password-1"), 0);
  arena_free(a);
  *state = db;
  return 0;
}

static int teardown(void **state) {
  db_close(*state);
  char f[80];
  unlink(path);
  snprintf(f, sizeof f, "%s.audit-head", path), unlink(f); /* core/audit.h head file */
  snprintf(f, sizeof f, "%s-wal", path);
  unlink(f);
  snprintf(f, sizeof f, "%s-shm", path);
  unlink(f);
  return 0;
}

/* A fingerprint of every table the act may touch. */
static long long snapshot(Db *db) {
  return Q(db, "SELECT (SELECT count(*) FROM units) * 1000000 + (SELECT count(*) FROM positions) * 10000 + "
               "(SELECT count(*) FROM planning) * 100 + (SELECT count(*) FROM audit) + "
               "(SELECT count(*) FROM units WHERE valid_to IS NOT NULL) * 100000000 + "
               "(SELECT count(*) FROM reorg_acts) * 10000000000");
}

static const char *const SRC3[] = {"X1", "X2", "X3"};

static int merge_new(Db *db, Arena *a, const char *const *src, int n, const char *date, ReorgResult *res) {
  Unit nu = {.name = "Xã mới", .level = "commune", .parent_code = "TP"};
  ReorgMerge m = {.sources = src, .nsources = n, .into = "XM", .new_unit = &nu, .date = date,
                  .decision_no = "9-QĐ/TU", .actor = "test"};
  return reorg_merge(db, a, &m, res);
}

static void refusals_write_nothing(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  long long s0 = snapshot(db);
  ReorgResult res;
  const char *self[] = {"X1", "X2"};
  ReorgMerge m = {.sources = self, .nsources = 2, .into = "X1", .date = "2025-07-01", .actor = "test"};
  assert_int_equal(reorg_merge(db, a, &m, &res), CB_EINVAL);
  assert_non_null(strstr(res.message, "vào chính nó"));
  const char *unknown[] = {"X1", "NOPE"};
  assert_int_equal(merge_new(db, a, unknown, 2, "2025-07-01", &res), CB_ENOTFOUND);
  assert_non_null(strstr(res.message, "NOPE"));
  assert_int_equal(merge_new(db, a, SRC3, 3, "2010-01-01", &res), CB_EINVAL); /* X1 starts 2010-01-01 */
  assert_non_null(strstr(res.message, "chỉ bắt đầu từ 01/01/2010"));
  assert_int_equal(merge_new(db, a, SRC3, 3, "2010-01-02", &res), CB_EINVAL); /* C1's positions start later */
  assert_non_null(strstr(res.message, "bắt đầu từ ngày hiệu lực"));
  assert_int_equal(merge_new(db, a, SRC3, 3, "2025-13-01", &res), CB_EINVAL);
  m.into = "CB1", m.sources = SRC3, m.nsources = 3; /* a target inside a source */
  assert_int_equal(reorg_merge(db, a, &m, &res), CB_EINVAL);
  /* out of the actor's scope behaves as unknown */
  Unit x2;
  assert_int_equal(unit_find(db, a, scope_all(), "X2", &x2), 0);
  m.into = "X2", m.sources = SRC3, m.nsources = 1, m.scope = x2.path;
  assert_int_equal(reorg_merge(db, a, &m, &res), CB_ENOTFOUND);
  assert_int_equal(snapshot(db), s0);
  arena_free(a);
}

static int count_unit(const Member *m, int n, long long id) {
  int c = 0;
  for (int i = 0; i < n; i++) c += m[i].unit_id == id;
  return c;
}

static void merge_three_communes(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  long long positions0 = Q(db, "SELECT count(*) FROM positions"), planning0 = Q(db, "SELECT count(*) FROM planning");
  long long audit0 = Q(db, "SELECT count(*) FROM audit");
  ReorgResult res;
  assert_int_equal(merge_new(db, a, SRC3, 3, "2025-07-01", &res), 0);
  assert_null(res.message);
  assert_int_equal(res.units_ended, 3);
  assert_int_equal(res.units_created, 1);
  assert_int_equal(res.positions_moved, 3); /* C1 BT + C1 UV (concurrent) + C2 BT */
  assert_int_equal(res.cadres_moved, 3);
  assert_int_equal(res.planning_moved, 2); /* C1 2025-2030, C3 2020-2025 */
  assert_int_equal(res.children_moved, 1);
  assert_int_equal(res.users_moved, 1);
  assert_int_equal(Q(db, "SELECT count(*) FROM positions"), positions0 + 3);
  assert_int_equal(Q(db, "SELECT count(*) FROM planning"), planning0 + 4);
  assert_int_equal(Q(db, "SELECT count(*) FROM audit"), audit0 + 1);
  assert_int_equal(Q(db, "SELECT count(*) FROM positions WHERE end_date = '2025-06-30'"), 4); /* 3 moved + C3 UV */
  assert_int_equal(Q(db, "SELECT count(*) FROM positions p JOIN units u ON u.id = p.unit_id WHERE u.code = 'XM' "
                         "AND p.start_date = '2025-07-01' AND p.decision_no = '9-QĐ/TU'"), 3);
  assert_int_equal(Q(db, "SELECT count(*) FROM positions p JOIN units u ON u.id = p.unit_id WHERE u.code = 'XM' "
                         "AND p.end_date = '2027-01-01'"), 1); /* C2's planned end carried */
  assert_int_equal(Q(db, "SELECT count(*) FROM planning p JOIN units u ON u.id = p.unit_id WHERE u.code = 'XM' "
                         "AND p.action = 'add' AND p.date = '2025-07-01'"), 2);
  /* the ended communes have no pool after the act (the trial's dashboard counted their emptied pools as uncovered) */
  Pool *pools;
  int npools, x1_before = 0, ended_after = 0;
  assert_int_equal(planning_pools(db, a, scope_all(), NULL, "2025-2030", "2025-06-30", true, &pools, &npools), 0);
  for (int i = 0; i < npools; i++) x1_before += strcmp(pools[i].unit_code, "X1") == 0;
  assert_true(x1_before > 0);
  assert_int_equal(planning_pools(db, a, scope_all(), NULL, "2025-2030", "2025-07-01", true, &pools, &npools), 0);
  for (int i = 0; i < npools; i++)
    ended_after += strcmp(pools[i].unit_code, "X1") == 0 || strcmp(pools[i].unit_code, "X2") == 0 ||
                   strcmp(pools[i].unit_code, "X3") == 0;
  assert_int_equal(ended_after, 0);
  /* every moved file says so in its history (the trial's «Chưa có thay đổi nào» after a merge) */
  assert_int_equal(Q(db, "SELECT count(*) FROM record_history WHERE source LIKE 'act:reorg:%' AND entity = 'cadre' "
                         "AND field = 'unit_code' AND new = 'XM' AND effective_date = '2025-07-01' "
                         "AND reason LIKE 'Sáp nhập % vào % theo 9-QĐ/TU'"),
                   3);
  assert_int_equal(Q(db, "SELECT count(*) FROM record_history WHERE source LIKE 'act:reorg:%' AND entity = 'position' "
                         "AND action = 'create' AND new LIKE '%, từ 01/07/2025'"),
                   3);
  assert_int_equal(Q(db, "SELECT count(*) FROM record_history WHERE source LIKE 'act:reorg:%' AND entity = 'position' "
                         "AND action = 'update' AND field = 'end_date' AND new = '2025-06-30'"),
                   3);
  assert_int_equal(Q(db, "SELECT count(*) FROM record_history WHERE source LIKE 'act:reorg:%' AND field = 'end_date' "
                         "AND old = '2027-01-01' AND new = '2025-06-30'"),
                   1); /* C2's planned end is the old value its row names */
  /* the tree on both dates */
  Unit *u;
  int n;
  assert_int_equal(unit_list_at(db, a, scope_all(), "2025-06-30", &u, &n), 0);
  assert_int_equal(n, 7); /* TP X1 CB1 CB1A X2 X3 X4 */
  assert_string_equal(u[1].code, "X1");
  assert_string_equal(u[2].code, "CB1"); /* under X1 again on that date */
  assert_int_equal(u[2].depth, 2);
  assert_string_equal(u[2].parent_code, "X1");
  assert_int_equal(unit_list_at(db, a, scope_all(), "2025-07-01", &u, &n), 0);
  assert_int_equal(n, 5); /* TP X4 XM CB1 CB1A */
  assert_string_equal(u[2].code, "XM");
  assert_string_equal(u[3].code, "CB1");
  assert_int_equal(u[4].depth, 3);
  assert_int_equal(unit_list_at(db, a, scope_all(), "2025-7-1", &u, &n), CB_EINVAL);
  /* membership on both dates */
  Unit x1, x2, x3, xm, cb1, cb1a;
  assert_int_equal(unit_find(db, a, scope_all(), "X1", &x1) | unit_find(db, a, scope_all(), "X2", &x2) |
                       unit_find(db, a, scope_all(), "X3", &x3) | unit_find(db, a, scope_all(), "XM", &xm) |
                       unit_find(db, a, scope_all(), "CB1", &cb1) | unit_find(db, a, scope_all(), "CB1A", &cb1a),
                   0);
  Member *m;
  int nm;
  assert_int_equal(membership_list(db, a, scope_all(), NULL, "2025-06-30", &m, &nm), 0);
  assert_int_equal(count_unit(m, nm, x1.id), 1);
  assert_int_equal(count_unit(m, nm, x2.id), 1);
  assert_int_equal(count_unit(m, nm, x3.id), 1);
  assert_int_equal(count_unit(m, nm, xm.id), 0);
  assert_int_equal(membership_list(db, a, scope_all(), NULL, "2025-07-01", &m, &nm), 0);
  assert_int_equal(count_unit(m, nm, xm.id), 3); /* C3 without a position: cadres.unit_id moved */
  assert_int_equal(count_unit(m, nm, x1.id) + count_unit(m, nm, x2.id) + count_unit(m, nm, x3.id), 0);
  /* children paths, the scoped user */
  assert_string_equal(cb1.path, arena_printf(a, "%s%lld/", xm.path, cb1.id));
  assert_string_equal(cb1a.path, arena_printf(a, "%s%lld/%lld/", xm.path, cb1.id, cb1a.id));
  User us;
  assert_int_equal(auth_user_find(db, a, "x1user", &us), 0);
  assert_string_equal(us.unit_code, "XM");
  assert_int_equal(auth_user_find(db, a, "cbuser", &us), 0);
  assert_string_equal(us.unit_code, "CB1");
  /* acts by scope */
  ReorgAct *acts;
  int na;
  assert_int_equal(reorg_list(db, a, scope_all(), &acts, &na), 0);
  assert_int_equal(na, 1);
  assert_int_equal(acts[0].nsources, 3);
  assert_string_equal(acts[0].targets[0].code, "XM");
  assert_int_equal(reorg_list(db, a, scope_from_legacy(x2.path), &acts, &na), 0);
  assert_int_equal(na, 1);
  Unit x4;
  assert_int_equal(unit_find(db, a, scope_all(), "X4", &x4), 0);
  assert_int_equal(reorg_list(db, a, scope_from_legacy(x4.path), &acts, &na), 0);
  assert_int_equal(na, 0);
  /* an ended unit cannot be merged again */
  const char *again[] = {"X1"};
  ReorgMerge mm = {.sources = again, .nsources = 1, .into = "X4", .date = "2025-08-01", .actor = "test"};
  assert_int_equal(reorg_merge(db, a, &mm, &res), CB_EINVAL);
  assert_non_null(strstr(res.message, "đã kết thúc ngày 30/06/2025"));
  arena_free(a);
}

static void merge_into_existing_then_split(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  const char *src[] = {"XM"};
  ReorgMerge m = {.sources = src, .nsources = 1, .into = "X4", .date = "2025-09-01", .actor = "test"};
  ReorgResult res;
  assert_int_equal(reorg_merge(db, a, &m, &res), 0);
  assert_int_equal(res.units_created, 0);
  assert_int_equal(res.positions_moved, 3);
  assert_int_equal(Q(db, "SELECT count(*) FROM planning WHERE reason = 'Sáp nhập đơn vị (hiệu lực từ 01/09/2025)'"), 4);
  /* split X4 on 2026-01-01: C1 to the new X5, C2 and C3 to the new X6 with the child CB1 */
  Unit nu[] = {{.code = "X5", .name = "Xã năm", .level = "commune"}, {.code = "X6", .name = "Xã sáu", .level = "commune"}};
  ReorgAssign cad[] = {{"C1", "X5"}, {"C2", "X6"}};
  ReorgAssign kids[] = {{"CB1", "X6"}};
  ReorgSplit s = {.source = "X4", .new_units = nu, .nnew = 2, .cadres = cad, .ncadres = 2, .children = kids,
                  .nchildren = 1, .date = "2026-01-01", .actor = "test"};
  long long s0 = snapshot(db);
  assert_int_equal(reorg_split(db, a, &s, &res), CB_EINVAL); /* C3 unassigned */
  assert_non_null(strstr(res.message, "C3"));
  assert_int_equal(snapshot(db), s0);
  ReorgAssign cad3[] = {{"C1", "X5"}, {"C2", "X6"}, {"C3", "X6"}};
  s.cadres = cad3, s.ncadres = 3;
  assert_int_equal(reorg_split(db, a, &s, &res), 0);
  assert_int_equal(res.units_created, 2);
  assert_int_equal(res.children_moved, 1);
  assert_int_equal(res.users_moved, 0);
  assert_int_equal(Q(db, "SELECT count(*) FROM cadres c JOIN units u ON u.id = c.unit_id WHERE u.code = 'X6'"), 2);
  assert_int_equal(Q(db, "SELECT count(*) FROM positions p JOIN units u ON u.id = p.unit_id WHERE u.code = 'X5'"), 2);
  Unit *u;
  int n;
  assert_int_equal(unit_list_at(db, a, scope_all(), "2025-06-30", &u, &n), 0);
  assert_string_equal(u[2].code, "CB1"); /* still under X1 on that date, two acts later */
  assert_int_equal(unit_list_at(db, a, scope_all(), "2025-08-01", &u, &n), 0);
  bool under_xm = false;
  for (int i = 0; i < n; i++)
    if (strcmp(u[i].code, "CB1") == 0) under_xm = strcmp(u[i].parent_code, "XM") == 0;
  assert_true(under_xm);
  arena_free(a);
}

/* The codes of units v[0..n) joined by ",". */
static const char *codes(Arena *a, const Unit *v, int n) {
  const char *s = "";
  for (int i = 0; i < n; i++) s = arena_printf(a, "%s%s,", s, v[i].code);
  return s;
}

/*
** The unit memo (db_memo, issue 9): unit_list of every subtree in the same order as read from SQL (a write
** transaction, where no memo answers); a unit found before a change keeps its strings readable after the memo is
** replaced in the same request (ASan catches a use after free), and the next find sees the change.
*/
static void memo_values_outlive_a_change(void **state) {
  Db *db = *state;
  Arena *a = arena_new();
  const char *roots[] = {NULL, "TP", "X1", "CB1", "X4"};
  for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
    Scope sc = scope_all();
    Unit r, *v;
    int n;
    if (roots[i]) assert_int_equal(unit_find(db, a, scope_all(), roots[i], &r), 0), sc = scope_unit(r.path);
    assert_int_equal(db_read_begin(db), 0);
    assert_int_equal(unit_list(db, a, sc, &v, &n), 0);
    const char *memo = codes(a, v, n);
    db_read_end(db);
    assert_int_equal(db_begin(db), 0);
    assert_int_equal(unit_list(db, a, sc, &v, &n), 0);
    assert_string_equal(memo, codes(a, v, n));
    assert_int_equal(db_rollback(db), 0);
    if (!roots[i]) assert_string_equal(memo, "TP,X1,CB1,CB1A,X2,X3,X4,");
  }
  Unit before, after;
  assert_int_equal(db_read_begin(db), 0);
  assert_int_equal(unit_find(db, a, scope_all(), "X3", &before), 0);
  db_read_end(db);
  assert_int_equal(db_exec(db, "UPDATE units SET name = 'Xã Ba mới' WHERE code = 'X3'"), 0);
  assert_int_equal(db_read_begin(db), 0);
  assert_int_equal(unit_find(db, a, scope_all(), "X3", &after), 0);
  db_read_end(db);
  assert_string_equal(after.name, "Xã Ba mới");
  assert_string_equal(before.name, "X3"); /* the replaced memo's strings: kept until db_memo_settle */
  db_memo_settle(db);
  assert_int_equal(db_exec(db, "UPDATE units SET name = 'X3' WHERE code = 'X3'"), 0);
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(memo_values_outlive_a_change),
      cmocka_unit_test(refusals_write_nothing),
      cmocka_unit_test(merge_three_communes),
      cmocka_unit_test(merge_into_existing_then_split),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

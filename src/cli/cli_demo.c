/*
** `canbo demo [--cadres N] [--seed S]` (docs/canbo.1): build the demo city
** (domain/demo.h) in an empty database and print the logins once.
** Exit 0 done, 1 the database is not empty or a failure, 2 usage.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "cli/cli.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/err.h"
#include "domain/demo.h"

/* Parse a positive decimal integer (no sign, no junk, at most max). */
static int parse_count(const char *s, long long max, long long *out) {
  if (!s || *s < '0' || *s > '9') return -1;
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || *end || v < 1 || v > max) return -1;
  *out = v;
  return 0;
}

static int parse_seed(const char *s, unsigned long long *out) {
  if (!s || *s < '0' || *s > '9') return -1;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end) return -1;
  *out = v;
  return 0;
}

static void print_result(const DemoResult *r, unsigned long long seed) {
  printf("Đã tạo thành phố mẫu Móng Cái (seed %llu): %d đơn vị, %d chức danh, %lld cán bộ, %lld chức vụ, "
         "%lld lượt đào tạo\n",
         seed, r->units, r->titles, r->cadres, r->positions, r->trainings);
  printf("Demo logins (passwords are shown only once):\n");
  for (int i = 0; i < 3; i++) {
    const DemoLogin *l = &r->logins[i];
    printf("  %-12s %s  %-8s %s\n", l->username, l->password, l->role, l->unit_code ? l->unit_code : "-");
  }
}

int cmd_demo(CliCtx *ctx) {
  static const char *const vals[] = {"--cadres", "--seed", NULL};
  const char *pos[1];
  if (cli_parse(ctx, vals, NULL, pos, 0) < 0) return EXIT_USAGE;
  long long cadres = DEMO_DEFAULT_CADRES;
  unsigned long long seed = 1;
  const char *cs = cli_opt(ctx, "--cadres"), *ss = cli_opt(ctx, "--seed");
  if (cs && parse_count(cs, 100000000LL, &cadres) != 0) {
    fprintf(stderr, "canbo: --cadres phải là số nguyên dương (nhận được '%s')\n", cs);
    return cli_usage(ctx);
  }
  if (ss && parse_seed(ss, &seed) != 0) {
    fprintf(stderr, "canbo: --seed phải là số nguyên không âm (nhận được '%s')\n", ss);
    return cli_usage(ctx);
  }
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  Arena *a = arena_new();
  DemoOpts o = {.cadres = cadres, .seed = seed, .actor = audit_cli_actor()};
  DemoResult r;
  int rc = demo_build(db, a, &o, &r);
  if (rc == CB_EEXIST)
    fprintf(stderr, "canbo: cơ sở dữ liệu %s đã có dữ liệu (đơn vị, chức danh, cán bộ hoặc người dùng); "
                    "dữ liệu mẫu chỉ được tạo trong cơ sở dữ liệu trống, không ghi gì thêm\n",
            ctx->db_path);
  else if (rc)
    fprintf(stderr, "canbo: không tạo được dữ liệu mẫu: %s\n", db_error(db));
  else
    print_result(&r, seed);
  arena_free(a);
  db_close(db);
  return rc ? EXIT_FAIL : EXIT_OK;
}

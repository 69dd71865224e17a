/*
** `canbo rules SUBCOMMAND`: compute a rule on the command line, without a
** database. Only `retirement` (RET-1, docs/canbo.1 RETIREMENT) for now; the eligibility
** rules run through `canbo check`, not here.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/date.h"
#include "domain/retirement.h"

/* The retirement object of docs/canbo.1 (RETIREMENT), keys in that order. Caller decrefs. */
static json_t *retirement_json(char sex, Date birth, const Retirement *r) {
  char buf[16];
  json_t *o = json_object();
  json_object_set_new(o, "sex", json_string(sex == 'M' ? "M" : "F"));
  json_object_set_new(o, "birth", json_string(date_iso(birth, buf)));
  json_object_set_new(o, "age", json_pack("{s:i,s:i}", "years", r->years, "months", r->months));
  Date reached = {r->reached_y, r->reached_m, 0};
  json_object_set_new(o, "reached", json_string(date_iso(reached, buf)));
  json_object_set_new(o, "retirement_date", json_string(date_iso(r->retirement_date, buf)));
  json_object_set_new(o, "pension_from", json_string(date_iso(r->pension_from, buf)));
  return o;
}

/* canbo rules retirement --sex M|F --birth YYYY[-MM[-DD]] */
static int rules_retirement(CliCtx *ctx) {
  const char *sex_s = cli_opt(ctx, "--sex"), *birth_s = cli_opt(ctx, "--birth");
  if (!sex_s || !birth_s) {
    fprintf(stderr, "canbo: rules retirement cần cả --sex và --birth\n");
    return cli_usage(ctx);
  }
  if (strcmp(sex_s, "M") != 0 && strcmp(sex_s, "F") != 0) {
    fprintf(stderr, "canbo: --sex phải là M (nam) hoặc F (nữ), không phải '%s'\n", sex_s);
    return cli_usage(ctx);
  }
  Date birth;
  Retirement r;
  if (date_parse(birth_s, &birth, DATE_PARTIAL) != 0 || retirement_compute(sex_s[0], birth, &r) != 0) {
    fprintf(stderr,
            "canbo: ngày sinh không hợp lệ: '%s' (cần YYYY-MM-DD, YYYY-MM hoặc YYYY, là một ngày có thật)\n",
            birth_s);
    return EXIT_DATA;
  }
  json_t *o = retirement_json(sex_s[0], birth, &r);
  char *s = json_dumps(o, JSON_COMPACT);
  json_decref(o);
  if (!s) return EXIT_FAIL;
  printf("%s\n", s);
  free(s);
  return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_rules(CliCtx *ctx) {
  static const char *const with_value[] = {"--sex", "--birth", NULL};
  const char *pos[2];
  int npos = cli_parse(ctx, with_value, NULL, pos, 1);
  if (npos < 0) return EXIT_USAGE;
  if (npos == 0) {
    fprintf(stderr, "canbo: thiếu tên quy tắc (retirement)\n");
    return cli_usage(ctx);
  }
  if (strcmp(pos[0], "retirement") == 0) return rules_retirement(ctx);
  fprintf(stderr, "canbo: không có quy tắc '%s' (chỉ có: retirement)\n", pos[0]);
  return cli_usage(ctx);
}

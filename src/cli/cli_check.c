/*
** `canbo check CADRE --for planning|appointment|rotation --title T --unit U
** --date YYYY-MM-DD [--format json|text] [--term YYYY-YYYY]
** [--kind appointment|reappointment|promotion|nomination|extension]
** [--source internal|external]`: the eligibility findings (docs/API.md, eligibility).
** json (default) prints the §5 object on one line; text prints one block per
** finding and the verdict, in Vietnamese. Exit 0 whatever the verdict; 2 for
** missing or bad options; 3 for an unknown cadre, title or unit, a bad date
** or a bad term.
**
** Not for: the checks themselves (domain/eligibility.c).
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/eligibility.h"
#include "domain/title.h"
#include "domain/unit.h"

static bool one_of(const char *v, const char *const *allowed) {
  for (; *allowed; allowed++)
    if (strcmp(v, *allowed) == 0) return true;
  return false;
}

/* Options to the request; false (after a usage message) when one is missing or bad. */
static bool parse_opts(CliCtx *ctx, EligReq *q, const char **format) {
  static const char *const kinds[] = {"appointment", "reappointment", "promotion", "nomination", "extension", NULL};
  static const char *const sources[] = {"internal", "external", NULL};
  const char *for_s = cli_opt(ctx, "--for");
  q->title_code = cli_opt(ctx, "--title");
  q->unit_code = cli_opt(ctx, "--unit");
  q->date = cli_opt(ctx, "--date");
  q->term = cli_opt(ctx, "--term");
  q->kind = cli_opt(ctx, "--kind");
  q->source = cli_opt(ctx, "--source");
  *format = cli_opt(ctx, "--format");
  if (!*format) *format = "json";
  if (!for_s || !q->title_code || !q->unit_code || !q->date) {
    fprintf(stderr, "canbo: check needs --for, --title, --unit and --date\n");
    return false;
  }
  int p = purpose_parse(for_s);
  if (p < 0) {
    fprintf(stderr, "canbo: --for must be planning, appointment or rotation (got '%s')\n", for_s);
    return false;
  }
  q->purpose = (Purpose)p;
  if (strcmp(*format, "json") != 0 && strcmp(*format, "text") != 0) {
    fprintf(stderr, "canbo: --format must be json or text (got '%s')\n", *format);
    return false;
  }
  if (q->kind && !one_of(q->kind, kinds)) {
    fprintf(stderr, "canbo: --kind must be appointment, reappointment, promotion, nomination or extension\n");
    return false;
  }
  if (q->source && !one_of(q->source, sources)) {
    fprintf(stderr, "canbo: --source must be internal or external\n");
    return false;
  }
  return true;
}

/* Each code must name a record: "canbo: no cadre 'X'" and CB_ENOTFOUND otherwise. */
static int resolve(Db *db, Arena *a, const EligReq *q, Cadre *c, Title *t, Unit *u) {
  int rc = cadre_find(db, a, scope_all(), q->cadre_code, c);
  if (rc == CB_ENOTFOUND) fprintf(stderr, "canbo: no cadre '%s'\n", q->cadre_code);
  if (rc) return rc;
  rc = title_find(db, a, q->title_code, t);
  if (rc == CB_ENOTFOUND) fprintf(stderr, "canbo: no title '%s'\n", q->title_code);
  if (rc) return rc;
  rc = unit_find(db, a, scope_all(), q->unit_code, u);
  if (rc == CB_ENOTFOUND) fprintf(stderr, "canbo: no unit '%s'\n", q->unit_code);
  return rc;
}

static const char *const PURPOSE_VI[] = {"quy hoạch", "bổ nhiệm", "luân chuyển"};

static void print_text(const EligReq *q, const Cadre *c, const Title *t, const Unit *u, const Findings *f) {
  char vn[16];
  printf("Kiểm tra điều kiện %s: %s (%s) — %s (%s), %s (%s), ngày %s\n", PURPOSE_VI[q->purpose], c->full_name, c->code,
         t->name, t->code, u->name, u->code, date_iso_to_vn(q->date, vn));
  for (int i = 0; i < f->n; i++) {
    printf("\n[%s] %s\n  %s\n", result_label(f->v[i].result), f->v[i].rule, f->v[i].message);
    if (f->v[i].basis && *f->v[i].basis) printf("  Căn cứ: %s\n", f->v[i].basis);
  }
  printf("\nKết luận: %s (%s)\n", result_label(findings_verdict(f)), result_name(findings_verdict(f)));
}

static int print_json(const EligReq *q, const Findings *f) {
  json_t *o = eligibility_json(q, f);
  char *s = json_dumps(o, JSON_COMPACT);
  json_decref(o);
  if (!s) return EXIT_FAIL;
  printf("%s\n", s);
  free(s);
  return EXIT_OK;
}

int cmd_check(CliCtx *ctx) {
  static const char *const with_value[] = {"--for", "--title", "--unit", "--date", "--format",
                                           "--term", "--kind", "--source", NULL};
  const char *pos[2], *format;
  int npos = cli_parse(ctx, with_value, NULL, pos, 1);
  if (npos < 0) return EXIT_USAGE;
  EligReq q = {0};
  if (npos != 1) {
    fprintf(stderr, "canbo: check needs one CADRE_CODE\n");
    return cli_usage(ctx);
  }
  q.cadre_code = pos[0];
  if (!parse_opts(ctx, &q, &format)) return cli_usage(ctx);
  Date d;
  char iso[16];
  if (date_parse(q.date, &d, DATE_FULL) != 0) {
    fprintf(stderr, "canbo: bad date '%s' (want YYYY-MM-DD, a real day)\n", q.date);
    return EXIT_DATA;
  }
  q.date = date_iso(d, iso);
  Db *db;
  if (cli_open_db(ctx, &db) != 0) return EXIT_FAIL;
  Arena *a = arena_new();
  Cadre c;
  Title t;
  Unit u;
  Findings f;
  int rc = resolve(db, a, &q, &c, &t, &u);
  if (rc == 0) {
    rc = eligibility_check(db, a, &q, &f);
    if (rc == CB_EINVAL) fprintf(stderr, "canbo: bad --term '%s' (want YYYY-YYYY, e.g. 2025-2030)\n", q.term ? q.term : "");
    else if (rc) fprintf(stderr, "canbo: check failed: %s\n", db_error(db));
  }
  int code = rc ? cli_exit_code(rc) : strcmp(format, "text") == 0 ? (print_text(&q, &c, &t, &u, &f), EXIT_OK)
                                                                  : print_json(&q, &f);
  if (code == EXIT_OK && fflush(stdout) != 0) code = EXIT_FAIL;
  arena_free(a);
  db_close(db);
  return code;
}

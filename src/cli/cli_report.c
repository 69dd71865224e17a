/* Placeholder for `canbo report` until its module lands. */
#include <stdio.h>
#include "cli/cli.h"

int cmd_report(CliCtx *ctx) {
  (void)ctx;
  fprintf(stderr, "canbo: 'report' is not implemented yet\n");
  return EXIT_FAIL;
}

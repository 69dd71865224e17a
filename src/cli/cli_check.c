/* Placeholder for `canbo check` until its module lands. */
#include <stdio.h>
#include "cli/cli.h"

int cmd_check(CliCtx *ctx) {
  (void)ctx;
  fprintf(stderr, "canbo: 'check' is not implemented yet\n");
  return EXIT_FAIL;
}

/* Placeholder for `canbo rules` until its module lands. */
#include <stdio.h>
#include "cli/cli.h"

int cmd_rules(CliCtx *ctx) {
  (void)ctx;
  fprintf(stderr, "canbo: 'rules' is not implemented yet\n");
  return EXIT_FAIL;
}

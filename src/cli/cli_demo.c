/* Placeholder for `canbo demo` until its module lands. */
#include <stdio.h>
#include "cli/cli.h"

int cmd_demo(CliCtx *ctx) {
  (void)ctx;
  fprintf(stderr, "canbo: 'demo' is not implemented yet\n");
  return EXIT_FAIL;
}

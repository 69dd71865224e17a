/* Placeholder for `canbo serve` until its module lands. */
#include <stdio.h>
#include "cli/cli.h"

int cmd_serve(CliCtx *ctx) {
  (void)ctx;
  fprintf(stderr, "canbo: 'serve' is not implemented yet\n");
  return EXIT_FAIL;
}

/* Placeholder for `canbo export` until its module lands. */
#include <stdio.h>
#include "cli/cli.h"

int cmd_export(CliCtx *ctx) {
  (void)ctx;
  fprintf(stderr, "canbo: 'export' is not implemented yet\n");
  return EXIT_FAIL;
}

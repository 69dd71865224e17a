/* Placeholder for `canbo import` until its module lands. */
#include <stdio.h>
#include "cli/cli.h"

int cmd_import(CliCtx *ctx) {
  (void)ctx;
  fprintf(stderr, "canbo: 'import' is not implemented yet\n");
  return EXIT_FAIL;
}

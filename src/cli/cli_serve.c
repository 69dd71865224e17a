/*
** canbo serve [--listen HOST:PORT]: run the HTTP server (core/http.c) on the
** database until SIGINT/SIGTERM. Default 127.0.0.1:8080. A malformed
** --listen is a usage error (exit 2); a port that cannot be bound exit 1.
*/
#include <stdio.h>
#include "cli/cli.h"
#include "core/err.h"
#include "core/http.h"

int cmd_serve(CliCtx *ctx) {
  static const char *const with_value[] = {"--listen", NULL};
  const char *pos[1];
  if (cli_parse(ctx, with_value, NULL, pos, 0) < 0) return EXIT_USAGE;
  const char *listen = cli_opt(ctx, "--listen");
  if (!listen) listen = "127.0.0.1:8080";
  Arena *a = arena_new();
  const char *host;
  int port;
  int bad = http_parse_listen(a, listen, &host, &port);
  arena_free(a);
  if (bad) {
    fprintf(stderr, "canbo: bad --listen '%s' (want HOST:PORT, e.g. 127.0.0.1:8080)\n", listen);
    return cli_usage(ctx);
  }
  int rc = http_serve(ctx->db_path, listen);
  return rc == CB_EUSAGE ? EXIT_USAGE : rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/*
** canbo serve [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]
** [--max-conns-per-address N]: run the HTTP server (core/http.c) on the
** database until SIGINT/SIGTERM. Default 127.0.0.1:8080, plain HTTP; with a
** certificate and key (PEM) HTTPS with HSTS and Secure cookies
** (docs/DEPLOY.md). A malformed --listen or N, or only one of the TLS files,
** is a usage error (exit 2); a port that cannot be bound, or a certificate
** that cannot be read, exit 1.
*/
#include <stdio.h>
#include <stdlib.h>
#include "cli/cli.h"
#include "core/err.h"
#include "core/http.h"
#include "domain/counters.h"

int cmd_serve(CliCtx *ctx) {
  static const char *const with_value[] = {"--listen", "--tls-cert", "--tls-key", "--max-conns-per-address", NULL};
  const char *pos[1];
  if (cli_parse(ctx, with_value, NULL, pos, 0) < 0) return EXIT_USAGE;
  HttpServeOpts o = {.listen = cli_opt(ctx, "--listen"), .tls_cert = cli_opt(ctx, "--tls-cert"), .tls_key = cli_opt(ctx, "--tls-key"),
                    .before_request = counters_keep_current};
  if (!o.listen) o.listen = "127.0.0.1:8080";
  Arena *a = arena_new();
  const char *host;
  int port;
  int bad = http_parse_listen(a, o.listen, &host, &port);
  arena_free(a);
  if (bad) {
    fprintf(stderr, "canbo: bad --listen '%s' (want HOST:PORT, e.g. 127.0.0.1:8080)\n", o.listen);
    return cli_usage(ctx);
  }
  if (!o.tls_cert != !o.tls_key) {
    fprintf(stderr, "canbo: --tls-cert and --tls-key go together (the certificate and its private key, PEM)\n");
    return cli_usage(ctx);
  }
  const char *n = cli_opt(ctx, "--max-conns-per-address");
  if (n) {
    char *end;
    long v = strtol(n, &end, 10);
    if (*end || v < 1 || v > 100000) {
      fprintf(stderr, "canbo: --max-conns-per-address wants a number from 1 to 100000 (got '%s')\n", n);
      return cli_usage(ctx);
    }
    o.per_address = (int)v;
  }
  int rc = http_serve(ctx->db_path, &o);
  if (rc == CB_EUSAGE && o.tls_cert) return EXIT_FAIL; /* an unreadable certificate or key: not a usage error */
  return rc == CB_EUSAGE ? EXIT_USAGE : rc == 0 ? EXIT_OK : EXIT_FAIL;
}

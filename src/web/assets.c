/*
** Static assets: GET /assets/{file} serves the files embedded from
** src/assets/ with their content type and a cache header. Unknown names 404.
**
** Not for: anything generated per request.
*/
#include <string.h>
#include "core/embed.h"
#include "web/web.h"

static const char *content_type(const char *name) {
  static const char *const types[][2] = {
      {".css", "text/css; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".json", "application/json"},         {".txt", "text/plain; charset=utf-8"},
  };
  const char *dot = strrchr(name, '.');
  for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
    if (strcmp(dot, types[i][0]) == 0) return types[i][1];
  return "application/octet-stream";
}

void asset_get(Req *r) {
  const EmbeddedFile *f = embed_find(arena_printf(r->a, "assets/%s", r->params[0]));
  if (!f) {
    resp_error(r, 404, "not_found", "Không tìm thấy tệp.");
    return;
  }
  r->status = 200;
  r->content_type = content_type(f->name);
  /* Assets change only with a new binary; an hour keeps pages fast without serving stale files for long. */
  resp_header(r, "Cache-Control", "public, max-age=3600");
  buf_append(&r->out, f->data, f->len);
}

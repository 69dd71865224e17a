/* Downloads (see download.h): the one path a file takes to the browser, and the Table. */
#include "web/download.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <xlsxwriter.h>
#include "core/audit.h"
#include "core/csv.h"
#include "core/err.h"

#define BOM "\xEF\xBB\xBF"

/* Append the file open at fd, from its start, to r->out. 0 or CB_EIO. */
static int append_fd(Req *r, int fd) {
  char chunk[65536];
  ssize_t k;
  long long off = 0;
  while ((k = pread(fd, chunk, sizeof chunk, off)) > 0) buf_append(&r->out, chunk, (size_t)k), off += k;
  return k < 0 ? CB_EIO : 0;
}

/* Write d's file into `path` (open at fd): to_stream for every format but xlsx (through a second descriptor, so fd
   stays open), else to_file. `bom`: a stream writer's file starts with one BOM, written first. 0 or an error. */
static int write_file(const Download *d, const char *path, int fd, bool bom, bool *streamed) {
  *streamed = d->to_stream && (strcmp(d->format, "xlsx") != 0 || !d->to_file);
  if (!*streamed) return d->to_file ? d->to_file(d->obj, path) : CB_EIO;
  int wfd = dup(fd);
  FILE *f = wfd >= 0 ? fdopen(wfd, "wb") : NULL;
  if (!f && wfd >= 0) close(wfd);
  int rc = f ? 0 : CB_EIO;
  if (!rc && bom && fwrite(BOM, 1, 3, f) != 3) rc = CB_EIO;
  if (!rc) rc = d->to_stream(d->obj, f);
  if (f && fclose(f) != 0 && !rc) rc = CB_EIO;
  return rc;
}

/*
** Write d's file into a temporary file that the server then streams (r->out_fd: issue 9, a province's export is
** hundreds of MB and is not held in memory -- an export read back into the body held 229 MB per request). The file
** is unlinked once written: it lives as long as the open descriptor. `bom`: the body starts with exactly one BOM
** (a stream writer's own second one skipped; a file writer that wrote none gets one in the body, the file then
** read into memory: no writer does so today). 0 or the writer's error (nothing set then).
*/
static int build(Req *r, const Download *d, bool bom) {
  char path[] = "/tmp/canbo-download-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return CB_EIO;
  bool streamed;
  int rc = write_file(d, path, fd, bom, &streamed);
  unlink(path);
  struct stat st;
  if (!rc && fstat(fd, &st) != 0) rc = CB_EIO;
  if (rc) {
    close(fd);
    return rc;
  }
  long long off = 0;
  unsigned char head[6] = {0};
  ssize_t got = pread(fd, head, 6, 0);
  bool first = got >= 3 && memcmp(head, BOM, 3) == 0, second = got >= 6 && memcmp(head + 3, BOM, 3) == 0;
  if (bom && streamed && second) off = 3; /* ours, then the writer's */
  if (bom && !first) {                    /* a file writer without one */
    buf_append(&r->out, BOM, 3);
    rc = append_fd(r, fd);
    close(fd);
    return rc;
  }
  r->out_fd = fd, r->out_off = off, r->out_len = (long long)st.st_size - off;
  return 0;
}

/* The send; `people`: a CSV starts with one BOM (Excel then reads UTF-8), whatever the writer wrote; `attach`: sent
   as a file to save (Content-Disposition), else as the answer itself. */
static int send(Req *r, const Download *d, bool people, bool attach) {
  buf_reset(&r->out);
  int rc = build(r, d, people && strcmp(d->format, "csv") == 0);
  if (!rc && d->audit) rc = d->audit(r, d->obj, d->format); /* audit_log takes the write lock for its row */
  if (rc) {
    if (r->out_fd > 0) close(r->out_fd);
    r->out_fd = 0;
    buf_reset(&r->out);
    resp_cb_error(r, rc);
    return rc;
  }
  r->status = 200;
  r->content_type = strcmp(d->format, "xlsx") == 0 ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    : strcmp(d->format, "json") == 0 ? "application/json; charset=utf-8"
                                                     : "text/csv; charset=utf-8";
  if (attach) resp_attachment(r, d->filename); /* RFC 6266 filename* with an ASCII fallback (core/http.h) */
  return 0;
}

int download_send(Req *r, const Download *d) { return send(r, d, true, true); }

int download_send_import_format(Req *r, const Download *d) { return send(r, d, false, true); }

int download_send_answer(Req *r, const Download *d) { return send(r, d, true, false); }

/* ---- Table ---- */

void table_init(Req *r, Table *t, const char **header, int ncols) {
  (void)r;
  memset(t, 0, sizeof *t);
  t->header = header;
  t->ncols = ncols;
}

void table_add(Req *r, Table *t, const char **cells) {
  if (t->nrows == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 64;
    const char ***v = arena_alloc(r->a, sizeof(char **) * (size_t)t->cap);
    if (t->nrows) memcpy(v, t->rows, sizeof(char **) * (size_t)t->nrows);
    t->rows = v;
  }
  const char **row = arena_alloc(r->a, sizeof(char *) * (size_t)t->ncols);
  memcpy(row, cells, sizeof(char *) * (size_t)t->ncols);
  t->rows[t->nrows++] = row;
}

bool table_format_ok(const char *format) {
  return format && (strcmp(format, "csv") == 0 || strcmp(format, "xlsx") == 0);
}

/* The workbook: one sheet, bold frozen header. 0 or CB_EIO. */
static int table_xlsx(const void *obj, const char *path) {
  const Table *t = obj;
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE}; /* rows in order: each written out as the next begins */
  lxw_workbook *wb = workbook_new_opt(path, &opt);
  if (!wb) return CB_EIO;
  lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (int c = 0; c < t->ncols; c++) {
    worksheet_write_string(ws, 0, (lxw_col_t)c, t->header[c], bold);
    worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 18, NULL);
  }
  worksheet_freeze_panes(ws, 1, 0);
  for (int i = 0; i < t->nrows; i++)
    for (int c = 0; c < t->ncols; c++)
      if (t->rows[i][c]) worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, t->rows[i][c], NULL);
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : CB_EIO;
}

/* CSV with a BOM (Excel then reads UTF-8). */
static int table_csv(const void *obj, FILE *f) {
  const Table *t = obj;
  fputs("\xEF\xBB\xBF", f);
  Buf b = BUF_INIT;
  csv_buf_row(&b, t->header, t->ncols);
  for (int i = 0; i < t->nrows; i++) csv_buf_row(&b, t->rows[i], t->ncols);
  fwrite(b.p, 1, b.len, f);
  buf_free(&b);
  return ferror(f) ? CB_EIO : 0;
}

static int table_audit(Req *r, const void *obj, const char *format) {
  const Table *t = obj;
  json_t *j = json_pack("{s:i}", "rows", t->nrows);
  char *rows = j ? json_dumps(j, JSON_COMPACT) : NULL;
  int rc = rows ? audit_log(r->db, r->user ? r->user->username : "web", "export", t->name, format, NULL, rows) : CB_EDB;
  free(rows);
  json_decref(j);
  return rc;
}

/* True for exactly "YYYY-MM-DD" (a stored date). */
static bool is_iso_date(const char *s) {
  static const char pat[] = "dddd-dd-dd";
  for (int i = 0; i < 10; i++)
    if (!s[i] || (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')) return false;
  return s[10] == 0;
}

void table_send(Req *r, Table *t, const char *format, const char *name) {
  t->name = name;
  /* people read dates dd/mm/yyyy: every cell that is a stored date is shown so */
  for (int i = 0; i < t->nrows; i++)
    for (int c = 0; c < t->ncols; c++)
      if (t->rows[i][c] && is_iso_date(t->rows[i][c]))
        t->rows[i][c] = arena_printf(r->a, "%.2s/%.2s/%.4s", t->rows[i][c] + 8, t->rows[i][c] + 5, t->rows[i][c]);
  Download d = {format, arena_printf(r->a, "%s.%s", name, format), t, table_xlsx, table_csv, table_audit};
  download_send(r, &d);
}

/* Tables sent as CSV or xlsx downloads (see table_export.h). */
#include "web/table_export.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include <xlsxwriter.h>
#include "core/audit.h"
#include "core/csv.h"
#include "core/err.h"
#include "web/download.h"

void table_init(Req *r, Table *t, const char **header, int ncols) {
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

/* Write the workbook to path. 0 or CB_EIO. */
static int write_xlsx(const Table *t, const char *path) {
  lxw_workbook *wb = workbook_new(path);
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

void table_send(Req *r, const Table *t, const char *format, const char *name) {
  bool xlsx = strcmp(format, "xlsx") == 0;
  buf_reset(&r->out);
  int rc = 0;
  if (xlsx) {
    char path[] = "/tmp/canbo-table-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) rc = CB_EIO;
    else {
      close(fd);
      rc = write_xlsx(t, path);
      if (rc == 0) rc = download_append_file(r, path);
      unlink(path);
    }
  } else {
    buf_puts(&r->out, "\xEF\xBB\xBF");
    csv_buf_row(&r->out, t->header, t->ncols);
    for (int i = 0; i < t->nrows; i++) csv_buf_row(&r->out, t->rows[i], t->ncols);
  }
  if (rc == 0) { /* audit_log takes the write lock for its row */
    json_t *j = json_pack("{s:i}", "rows", t->nrows);
    char *rows = j ? json_dumps(j, JSON_COMPACT) : NULL;
    rc = rows ? audit_log(r->db, r->user ? r->user->username : "web", "export", name, format, NULL, rows) : CB_EDB;
    free(rows);
    json_decref(j);
  }
  if (rc) {
    buf_reset(&r->out);
    resp_cb_error(r, rc);
    return;
  }
  r->status = 200;
  r->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                         : "text/csv; charset=utf-8";
  resp_header(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s.%s\"", name, format));
}

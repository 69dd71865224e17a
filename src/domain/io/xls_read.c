/*
** The .xls (Excel 97-2003, BIFF) reader behind table_read (see table.h),
** through libfreexl. FreeXL reads from a path only, so a file given in
** memory (a web upload) is written to a private temporary file first. An
** .xls is at most 65,536 rows x 256 columns and the file size is bounded by
** TABLE_MAX_FILE, which bounds what FreeXL holds.
*/
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <math.h>
#include "core/err.h"
#include "domain/io/table.h"

char *table_trim(char *s);

/* Write data to a new private temporary file; its path in `path` (size n). 0 or -1. */
static int temp_copy(const char *data, size_t len, char *path, size_t n) {
  const char *dir = getenv("TMPDIR");
  snprintf(path, n, "%s/canbo-xls-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0) return -1;
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w <= 0) {
      close(fd);
      unlink(path);
      return -1;
    }
    off += (size_t)w;
  }
  close(fd);
  return 0;
}

static const char *cell_text(Arena *a, const FreeXL_CellValue *v) {
  switch (v->type) {
  case FREEXL_CELL_INT: return arena_printf(a, "%d", v->value.int_value);
  case FREEXL_CELL_DOUBLE: {
    double d = v->value.double_value;
    if (d == floor(d) && fabs(d) < 1e15) return arena_printf(a, "%.0f", d);
    return arena_printf(a, "%.15g", d);
  }
  case FREEXL_CELL_TEXT:
  case FREEXL_CELL_SST_TEXT:
  case FREEXL_CELL_TIME: return v->value.text_value ? v->value.text_value : "";
  case FREEXL_CELL_DATE:
  case FREEXL_CELL_DATETIME:
    return v->value.text_value ? arena_strndup(a, v->value.text_value, 10) : "";
  default: return "";
  }
}

static int read_open(Arena *a, const void *h, const TableSrc *src, const TableSink *sink, TableInfo *info,
                     const char **fatal) {
  unsigned int v = 0;
  if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &v) == FREEXL_OK && v == FREEXL_BIFF_OBFUSCATED) {
    *fatal = "tệp Excel được đặt mật khẩu (mã hóa): bỏ mật khẩu trong Excel rồi lưu lại";
    return CB_EINVAL;
  }
  unsigned int nsheets = 0;
  freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets);
  if (nsheets == 0) {
    *fatal = "sổ làm việc không có trang tính nào";
    return CB_EINVAL;
  }
  int pick = src->sheet ? -1 : 0;
  char *names = "";
  for (unsigned i = 0; i < nsheets && i < 1000; i++) {
    const char *name = NULL;
    if (freexl_get_worksheet_name(h, (unsigned short)i, &name) != FREEXL_OK || !name) name = "";
    names = arena_printf(a, "%s%s\"%s\"", names, i ? ", " : "", name);
    if (pick < 0 && src->sheet && strcasecmp(name, src->sheet) == 0) pick = (int)i;
    if (pick == (int)i) info->sheet = arena_strdup(a, name);
  }
  if (pick < 0) {
    *fatal = arena_printf(a, "không có trang tính \"%s\" (các trang tính của tệp: %s)", src->sheet, names);
    return CB_EINVAL;
  }
  unsigned int rows = 0;
  unsigned short cols = 0;
  if (freexl_select_active_worksheet(h, (unsigned short)pick) != FREEXL_OK ||
      freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
    *fatal = "tệp .xls bị hỏng: không đọc được trang tính";
    return CB_EINVAL;
  }
  int ncols = cols > TABLE_MAX_COLS ? TABLE_MAX_COLS : cols;
  char **cells = malloc(sizeof(char *) * (size_t)(ncols ? ncols : 1));
  if (!cells) abort();
  int rc = 0;
  for (unsigned r = 0; r < rows && rc == 0; r++) {
    int n = 0;
    for (int c = 0; c < cols; c++) {
      FreeXL_CellValue cv;
      if (freexl_get_cell_value(h, r, (unsigned short)c, &cv) != FREEXL_OK) continue;
      const char *t = cell_text(a, &cv);
      if (!*t) {
        if (c < ncols) cells[c] = "";
        continue;
      }
      if (c >= TABLE_MAX_COLS) {
        char l[8];
        *fatal = arena_printf(a, "trang tính có dữ liệu ở cột %s (cột thứ %d, dòng %u): canbo chỉ đọc %d cột đầu; xóa "
                                 "các cột thừa bên phải bảng rồi lưu lại",
                              table_col_letters(c, l), c + 1, r + 1, TABLE_MAX_COLS);
        rc = CB_EINVAL;
        break;
      }
      char *s = table_trim(arena_strdup(a, t));
      if (strlen(s) > (size_t)TABLE_MAX_CELL * 3 && sink->problem) {
        sink->problem(sink->ctx, (int)r + 1, c + 1, "ô dài quá 32.767 ký tự (giới hạn của Excel)");
        s = "";
      }
      cells[c] = s;
      if (*s) n = c + 1;
    }
    if (rc || n == 0) continue;
    TableRow row = {cells, n, (int)r + 1, NULL, NULL, 0};
    info->rows++;
    if (sink->row(sink->ctx, &row)) break;
  }
  free(cells);
  return rc;
}

int table_read_xls(Arena *a, const TableSrc *src, const TableSink *sink, TableInfo *info, const char **fatal) {
  char tmp[512];
  const char *path = src->path;
  if (!path) {
    if (temp_copy(src->data, src->len, tmp, sizeof tmp) != 0) {
      *fatal = "không ghi được tệp tạm để đọc tệp .xls";
      return CB_EIO;
    }
    path = tmp;
  }
  const void *h = NULL;
  int orc = freexl_open(path, &h);
  int rc;
  if (orc != FREEXL_OK || !h) {
    *fatal = orc == FREEXL_BIFF_OBFUSCATED
                 ? "tệp Excel được đặt mật khẩu (mã hóa): bỏ mật khẩu trong Excel rồi lưu lại"
                 : arena_printf(a, "tệp .xls bị hỏng hoặc không phải Excel 97–2003 (mã lỗi FreeXL %d); mở bằng Excel "
                                   "và lưu lại dưới dạng .xlsx",
                                orc);
    rc = CB_EINVAL;
  } else {
    rc = read_open(a, h, src, sink, info, fatal);
  }
  if (h) freexl_close(h);
  if (!src->path) unlink(tmp);
  return rc;
}

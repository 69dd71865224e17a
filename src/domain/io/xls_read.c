/*
** The .xls (Excel 97-2003, BIFF) reader behind table_read (see table.h),
** through libfreexl. FreeXL reads from a path only, so a file given in
** memory (a web upload) is written to a private temporary file first. An
** .xls is at most 65,536 rows x 256 columns and the file size is bounded by
** TABLE_MAX_FILE, which bounds what FreeXL holds.
**
** FreeXL runs in a child process: fuzzing found crafted files that make
** FreeXL 1.0.6 read outside its buffers (tests/fuzz, docs/IMPORT.md). The
** child has a memory and CPU limit and writes the rows to a pipe in a small
** framed form; the parent gives them to the sink. A child that crashes,
** runs out of its limits or stays silent too long ends as a clear error.
*/
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "core/buf.h"
#include "core/asan.h"
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
  info->sheets = names;
  info->nsheets = (int)nsheets;
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

/* ---- the child: frames on a pipe ---- */

/* Frames: 'R' line n {len bytes}*n | 'P' line col len msg | 'S' len name | 'F' rc len msg; ints as int32. */
typedef struct {
  FILE *f;
} Out;

static void put_int(FILE *f, int32_t v) { fwrite(&v, sizeof v, 1, f); }
static void put_str(FILE *f, const char *s) {
  int32_t n = (int32_t)strlen(s);
  put_int(f, n);
  fwrite(s, 1, (size_t)n, f);
}

static int child_row(void *ctx, const TableRow *r) {
  Out *o = ctx;
  fputc('R', o->f);
  put_int(o->f, r->line);
  put_int(o->f, r->n);
  for (int i = 0; i < r->n; i++) put_str(o->f, r->cell[i]);
  return ferror(o->f) != 0;
}

static void child_problem(void *ctx, int line, int col, const char *msg) {
  Out *o = ctx;
  fputc('P', o->f);
  put_int(o->f, line);
  put_int(o->f, col);
  put_str(o->f, msg);
}

static int read_path(Arena *a, const char *path, const TableSrc *src, const TableSink *sink, TableInfo *info,
                     const char **fatal);

static void child_main(int fd, const char *path, const TableSrc *src) {
  struct rlimit cpu = {30, 30};
  setrlimit(RLIMIT_CPU, &cpu);
#ifndef CANBO_ASAN
  struct rlimit mem = {1024ul << 20, 1024ul << 20}; /* ASan reserves terabytes of address space: no limit there */
  setrlimit(RLIMIT_AS, &mem);
#endif
  Out o = {fdopen(fd, "w")};
  if (!o.f) _exit(2);
  Arena *a = arena_new();
  TableSink sink = {&o, child_row, child_problem};
  TableInfo info = {0};
  const char *fatal = NULL;
  int rc = read_path(a, path, src, &sink, &info, &fatal);
  if (info.sheet) fputc('S', o.f), put_str(o.f, info.sheet);
  if (rc) fputc('F', o.f), put_int(o.f, rc), put_str(o.f, fatal ? fatal : "");
  fflush(o.f);
  _exit(ferror(o.f) ? 2 : 0);
}

/* All the child writes, until it closes the pipe; -1 when it stays silent for `secs`. */
static int slurp(int fd, Buf *b, int secs) {
  char chunk[65536];
  for (;;) {
    struct pollfd p = {fd, POLLIN, 0};
    int r = poll(&p, 1, secs * 1000);
    if (r <= 0) return -1;
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n == 0) return 0;
    if (n < 0) return -1;
    buf_append(b, chunk, (size_t)n);
  }
}

typedef struct {
  const char *p, *e;
  bool bad;
} In;

static int32_t get_int(In *in) {
  int32_t v = 0;
  if (in->e - in->p < (long)sizeof v) return in->bad = true, 0;
  memcpy(&v, in->p, sizeof v);
  in->p += sizeof v;
  return v;
}
static const char *get_str(In *in, Arena *a) {
  int32_t n = get_int(in);
  if (in->bad || n < 0 || in->e - in->p < n) return in->bad = true, "";
  const char *s = arena_strndup(a, in->p, (size_t)n);
  in->p += n;
  return s;
}

/* Give the child's frames to the sink. */
static int replay(Arena *a, const Buf *b, const TableSink *sink, TableInfo *info, const char **fatal) {
  In in = {b->p, b->p + b->len, false};
  char **cells = malloc(sizeof(char *) * TABLE_MAX_COLS);
  if (!cells) abort();
  int rc = 0;
  bool stop = false;
  while (in.p < in.e && !in.bad && !rc) {
    char t = *in.p++;
    if (t == 'R') {
      int line = get_int(&in), n = get_int(&in);
      if (n < 0 || n > TABLE_MAX_COLS) break;
      Arena *ra = arena_new(); /* one row's text: the sink copies what it keeps */
      for (int i = 0; i < n; i++) cells[i] = (char *)get_str(&in, ra);
      if (!in.bad && !stop) {
        TableRow row = {cells, n, line, NULL, NULL, 0};
        info->rows++;
        stop = sink->row(sink->ctx, &row) != 0;
      }
      arena_free(ra);
    } else if (t == 'P') {
      int line = get_int(&in), col = get_int(&in);
      const char *msg = get_str(&in, a);
      if (!in.bad && sink->problem) sink->problem(sink->ctx, line, col, msg);
    } else if (t == 'S') {
      info->sheet = get_str(&in, a);
    } else if (t == 'F') {
      rc = get_int(&in);
      *fatal = get_str(&in, a);
      if (rc >= 0) rc = CB_EINVAL;
    } else {
      in.bad = true;
    }
  }
  free(cells);
  if (!rc && in.bad) {
    *fatal = "tệp .xls bị hỏng: trình đọc .xls trả về dữ liệu không đọc được";
    rc = CB_EINVAL;
  }
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
  int fds[2];
  pid_t pid = -1;
  if (pipe(fds) == 0) {
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
      close(fds[0]);
      child_main(fds[1], path, src);
    }
    close(fds[1]);
  }
  int rc;
  if (pid < 0) {
    if (pid < 0 && fds[0] >= 0) close(fds[0]);
    *fatal = "không chạy được trình đọc tệp .xls";
    rc = CB_EIO;
  } else {
    Buf b = BUF_INIT;
    int silent = slurp(fds[0], &b, 30);
    close(fds[0]);
    if (silent) kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (silent || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      *fatal = silent ? "tệp .xls đọc quá lâu (hơn 30 giây): tệp bị hỏng hoặc quá lớn; mở bằng Excel và lưu lại dưới "
                        "dạng .xlsx"
                      : "tệp .xls bị hỏng: trình đọc .xls dừng bất thường; mở bằng Excel và lưu lại dưới dạng .xlsx";
      rc = CB_EINVAL;
    } else {
      rc = replay(a, &b, sink, info, fatal);
    }
    buf_free(&b);
  }
  if (!src->path) unlink(tmp);
  return rc;
}

/* In the child: FreeXL itself. */
static int read_path(Arena *a, const char *path, const TableSrc *src, const TableSink *sink, TableInfo *info,
                     const char **fatal) {
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
  return rc;
}

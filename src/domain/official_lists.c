/* The official lists (see official_lists.h): builders on the domain modules, and the CSV/JSON/xlsx writers. */
#include "domain/official_lists.h"
#include <stdlib.h>
#include <jansson.h>
#include <string.h>
#include <utf8proc.h>
#include "core/audit.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/jsonw.h"
#include "domain/appointment.h"
#include "domain/cadre.h"
#include "domain/membership.h"
#include "domain/planning.h"
#include "domain/title.h"
#include "domain/training.h"
#include "domain/unit.h"

/* A column with width < 0 is in CSV and JSON only (codes), not in the printed list. */
static const OfCol PLAN_COLS[] = {
    {"code", "Mã cán bộ", -1, XL_TEXT, OF_TEXT},
    {"full_name", "Họ và tên", 24, XL_TEXT, OF_TEXT},
    {"birth_date", "Ngày sinh", 12, XL_CENTER, OF_DATE},
    {"gender", "Nam/Nữ", 8, XL_CENTER, OF_GENDER},
    {"ethnicity", "Dân tộc", 10, XL_CENTER, OF_TEXT},
    {"current_title", "Chức vụ hiện tại", 28, XL_TEXT, OF_TEXT},
    {"degree", "Trình độ chuyên môn", 16, XL_CENTER, OF_DEGREE},
    {"llct_level", "LLCT", 12, XL_CENTER, OF_LLCT},
    {"qlnn_level", "QLNN", 16, XL_CENTER, OF_QLNN},
    {"planned_title", "Chức danh quy hoạch", 30, XL_TEXT, OF_TEXT},
    {"unit_code", "Mã đơn vị", -1, XL_TEXT, OF_TEXT},
    {"title_code", "Mã chức danh", -1, XL_TEXT, OF_TEXT},
    {"since", "Ngày vào quy hoạch", 13, XL_CENTER, OF_DATE},
};
static const OfCol DUE_COLS[] = {
    {"code", "Mã cán bộ", -1, XL_TEXT, OF_TEXT},
    {"full_name", "Họ và tên", 24, XL_TEXT, OF_TEXT},
    {"birth_date", "Ngày sinh", 12, XL_CENTER, OF_DATE},
    {"gender", "Nam/Nữ", 8, XL_CENTER, OF_GENDER},
    {"title", "Chức vụ", 26, XL_TEXT, OF_TEXT},
    {"unit", "Đơn vị", 24, XL_TEXT, OF_TEXT},
    {"decision_date", "Ngày quyết định bổ nhiệm", 13, XL_CENTER, OF_DATE},
    {"decision_no", "Số quyết định", 14, XL_CENTER, OF_TEXT},
    {"term_end", "Hết thời hạn giữ chức vụ", 13, XL_CENTER, OF_DATE},
    {"days_left", "Còn (ngày)", 9, XL_NUMBER, OF_TEXT},
    {"action", "Mã đề xuất", -1, XL_TEXT, OF_TEXT},
    {"action_label", "Đề xuất", 22, XL_TEXT, OF_TEXT},
    {"explain", "Ghi chú", 40, XL_TEXT, OF_TEXT},
};
static const OfCol TRAIN_COLS[] = {
    {"code", "Mã cán bộ", -1, XL_TEXT, OF_TEXT},
    {"full_name", "Họ và tên", 24, XL_TEXT, OF_TEXT},
    {"birth_date", "Ngày sinh", 12, XL_CENTER, OF_DATE},
    {"gender", "Nam/Nữ", 8, XL_CENTER, OF_GENDER},
    {"current_title", "Chức vụ hiện tại", 26, XL_TEXT, OF_TEXT},
    {"unit", "Đơn vị", 24, XL_TEXT, OF_TEXT},
    {"program", "Chương trình đào tạo, bồi dưỡng", 26, XL_TEXT, OF_PROGRAM},
    {"name", "Tên khóa học", 24, XL_TEXT, OF_TEXT},
    {"institution", "Cơ sở đào tạo", 22, XL_TEXT, OF_TEXT},
    {"start_date", "Từ ngày", 12, XL_CENTER, OF_DATE},
    {"end_date", "Đến ngày", 12, XL_CENTER, OF_DATE},
    {"status", "Tình trạng", 14, XL_CENTER, OF_TSTATUS},
};
#define NCOLS(v) ((int)(sizeof v / sizeof v[0]))

/* Growable cells of a list being built. */
typedef struct {
  Arena *a;
  OfficialList *l;
  int cap;
} Rows;

static const char **row_add(Rows *r) {
  OfficialList *l = r->l;
  if (l->nrows == r->cap) {
    r->cap = r->cap ? r->cap * 2 : 32;
    const char **v = arena_alloc(r->a, sizeof(char *) * (size_t)(r->cap * l->ncols));
    if (l->nrows) memcpy(v, l->cells, sizeof(char *) * (size_t)(l->nrows * l->ncols));
    l->cells = v;
  }
  const char **row = &l->cells[l->nrows++ * l->ncols];
  memset(row, 0, sizeof(char *) * (size_t)l->ncols);
  return row;
}

static const char *dup(Arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

/* Common start: the date (today when NULL), the unit (scope-checked), the columns. */
static int begin(Db *db, Arena *a, const char *scope, const char *unit_code, const char *date, const char *kind,
                 const OfCol *cols, int ncols, OfficialList *out, Unit *root) {
  memset(out, 0, sizeof *out);
  memset(root, 0, sizeof *root);
  Date d;
  char iso[11];
  if (!date || !*date) date = date_iso(date_today(), iso);
  else if (strlen(date) != 10 || date_parse(date, &d, DATE_FULL) != 0) return CB_EINVAL;
  out->date = arena_strdup(a, date);
  out->kind = kind, out->cols = cols, out->ncols = ncols;
  if (unit_code && *unit_code) {
    int rc = unit_find(db, a, scope_from_legacy(scope), unit_code, root);
    if (rc) return rc;
    out->unit_code = root->code, out->unit_name = root->name;
    /* issue 10: the header and signature block of the unit's lists, as its documents have them */
    Unit issuer;
    if ((rc = xlsx_doc_issuer(db, a, root->path, scope, &issuer)) == 0) {
      if ((rc = xlsx_doc_block(db, a, &issuer, out->date, &out->doc))) return rc;
      out->has_doc = true;
    } else if (rc != CB_ENOTFOUND) return rc;
  }
  return 0;
}

/* Upper case of UTF-8 text (a title name inside the list title), in `a`; invalid bytes copied as they are. */
static const char *upper(Arena *a, const char *s) {
  size_t n = strlen(s);
  char *out = arena_alloc(a, n * 4 + 1), *o = out;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  while (*p) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
    if (k <= 0) {
      *o++ = (char)*p++;
      continue;
    }
    o += utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)o);
    p += k;
  }
  *o = 0;
  return out;
}

static const char *subtitle(Arena *a, const OfficialList *l, const char *extra) {
  char vn[16];
  return arena_printf(a, "Đơn vị: %s — tính đến ngày %s%s", l->unit_name ? l->unit_name : "toàn bộ phạm vi",
                      date_iso_to_vn(l->date, vn), extra ? extra : "");
}

int official_planning_list(Db *db, Arena *a, Scope scope, const char *unit_code, const char *term,
                           const char *title_code, const char *date, OfficialList *out) {
  Unit root;
  int rc = begin(db, a, scope_legacy(scope), unit_code, date, "planning-list", PLAN_COLS, NCOLS(PLAN_COLS), out, &root);
  if (rc) return rc;
  out->term = term && *term ? arena_strdup(a, term) : term_of(a, out->date);
  if (!out->term || !term_valid(out->term)) return CB_EINVAL;
  const char *title_name = NULL;
  if (title_code && *title_code) {
    Title t;
    if ((rc = title_find(db, a, title_code, &t))) return rc;
    out->title_code = t.code, title_name = t.name;
  }
  Pool *p;
  int n;
  if ((rc = planning_pools(db, a, scope, out->unit_code, out->term, out->date, false, &p, &n))) return rc;
  Rows rows = {a, out, 0};
  for (int i = 0; i < n; i++) {
    if (out->title_code && strcmp(p[i].title_code, out->title_code) != 0) continue;
    /* the post as people read it: "Bí thư Đảng ủy xã Hải Xuân", not "... xã, phường"; in the list's own unit
       without the unit appended ("Bí thư Thành ủy", not "Bí thư Thành ủy, Đảng bộ thành phố Móng Cái") */
    bool own = out->unit_code && strcmp(p[i].unit_code, out->unit_code) == 0;
    const char *planned = (own ? title_beside_unit : title_display)(a, p[i].title_name, p[i].unit_name, p[i].unit_level);
    for (int k = 0; k < p[i].n; k++) {
      const PoolMember *m = &p[i].m[k];
      const char **row = row_add(&rows);
      const char *v[] = {m->code,       m->full_name,  m->birth_date, m->gender,        m->ethnicity,
                         m->current_title, m->degree, m->llct_level, m->qlnn_level,    planned,
                         p[i].unit_code, p[i].title_code, m->since};
      for (int c = 0; c < NCOLS(PLAN_COLS); c++) row[c] = v[c];
    }
  }
  out->group_col = 10; /* "planned_title": one heading per title, each person once under it (docs/DOCUMENTS.md) */
  out->sheet = "Quy hoạch";
  out->title = title_name ? arena_printf(a, "DANH SÁCH QUY HOẠCH CHỨC DANH %s NHIỆM KỲ %s", upper(a, title_name), out->term)
                          : arena_printf(a, "DANH SÁCH QUY HOẠCH CÁN BỘ NHIỆM KỲ %s", out->term);
  out->subtitle = subtitle(a, out, NULL);
  return 0;
}

int official_due_list(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, OfficialList *out) {
  Unit root;
  int rc = begin(db, a, scope_legacy(scope), unit_code, date, "due", DUE_COLS, NCOLS(DUE_COLS), out, &root);
  if (rc) return rc;
  DueItem *v;
  int n, notice = 0;
  if ((rc = appt_due(db, a, scope, out->unit_code, out->date, &v, &n, &notice))) return rc;
  Rows rows = {a, out, 0};
  for (int i = 0; i < n; i++) {
    const ApptRow *x = &v[i].appt;
    Cadre c;
    bool known = cadre_find_record(db, a, scope_all(), x->cadre_code, false, &c) == 0; /* birth and sex only */
    const char **row = row_add(&rows);
    const char *val[] = {x->cadre_code,     x->cadre_name,  known ? c.birth_date : NULL, known ? c.gender : NULL,
                         x->title_name,     x->unit_name,   x->decision_date, x->decision_no, x->term_end,
                         arena_printf(a, "%d", v[i].days_left), v[i].action, v[i].action_label, v[i].explain};
    for (int k = 0; k < NCOLS(DUE_COLS); k++) row[k] = val[k];
  }
  out->sheet = "Đến hạn bổ nhiệm lại";
  out->title = "DANH SÁCH CÁN BỘ ĐẾN HẠN BỔ NHIỆM LẠI";
  out->subtitle = subtitle(a, out, arena_printf(a, "; hết thời hạn trong %d ngày tới", notice));
  return 0;
}

/* The list's rows: the year's trainings (?3, ?5: its first and last day -- the annual report's rule, so the row
   count is the report's total and a province's year is a range of trainings_start, not a scan of every training)
   of cadres of the scope (?1) and the subtree (?2, NULL = the scope), by start date then name; ?4 the day of the
   current titles. A page (LIMIT ?6 OFFSET ?7) picks its trainings first, in a subquery that walks the year in date
   order and stops after the page, and reads the columns (a current title each) of those rows only. */
#define TRAIN_COLS_SQL                                                                                              \
  "SELECT c.code, c.full_name, c.birth_date, c.gender, "                                                          \
  "(SELECT ti.name FROM positions p JOIN titles ti ON ti.id = p.title_id WHERE p.id = " MEMBER_POSITION_SQL(     \
      "c", "?4") "), u.name, t.program, t.name, t.institution, t.start_date, t.end_date, t.status "
#define TRAIN_FROM_SQL "FROM trainings t JOIN cadres c ON c.id = t.cadre_id JOIN units u ON u.id = c.unit_id "
#define TRAIN_WHERE_SQL "WHERE t.start_date BETWEEN ?3 AND ?5 AND" SCOPE_SQL("u.path", 1) "AND" SCOPE_SQL("u.path", 2)
#define TRAIN_ORDER_SQL "ORDER BY t.start_date, c.sort_key, t.id"
#define TRAIN_ROWS_SQL TRAIN_COLS_SQL TRAIN_FROM_SQL TRAIN_WHERE_SQL TRAIN_ORDER_SQL
#define TRAIN_PAGE_SQL                                                                                              \
  TRAIN_COLS_SQL "FROM (SELECT t.id AS tid " TRAIN_FROM_SQL TRAIN_WHERE_SQL TRAIN_ORDER_SQL                        \
                 " LIMIT ?6 OFFSET ?7) pg JOIN trainings t ON t.id = pg.tid JOIN cadres c ON c.id = t.cadre_id "   \
                 "JOIN units u ON u.id = c.unit_id " TRAIN_ORDER_SQL
/* The length of that list from the per-unit training counts (schema 0038: live trainings of live cadres by the
   cadre's unit, year and program; '*' rows count people, not trainings). ?3 is the year. */
#define TRAIN_TOTAL_SQL                                                                                     \
  DB_ONE_PLAN "SELECT coalesce(sum(tc.n), 0) FROM units u CROSS JOIN train_counts tc ON tc.unit_id = u.id WHERE"       \
  SCOPE_SQL("u.path", 1) "AND" SCOPE_SQL("u.path", 2) "AND tc.year = ?3 AND tc.program <> '*'"

/* The list's rows statement `sql` (TRAIN_ROWS_SQL or TRAIN_PAGE_SQL) with ?1..?5 bound from l's stream and date. */
static DbStmt *train_stmt(const OfficialList *l, const char *sql) {
  DbStmt *st = db_prepare_trusted(l->stream.db, sql);
  if (!st) return NULL;
  scope_bind(st, 1, l->stream.scope);
  db_bind_text(st, 2, l->stream.path);
  db_bind_text(st, 3, l->stream.from);
  db_bind_text(st, 4, l->date);
  db_bind_text(st, 5, l->stream.to);
  return st;
}

/* official_training_list's rows: all (page NULL), or [*page, *page + limit) with *total = the length of the whole
   list, a *page past the end moved to the start of the last page. */
static int training_list(Db *db, Arena *a, Scope scope, const char *unit_code, int year, const char *date, int *page,
                         int limit, OfficialList *out, long *total) {
  Unit root;
  int rc = begin(db, a, scope_legacy(scope), unit_code, date, "trainings", TRAIN_COLS, NCOLS(TRAIN_COLS), out, &root);
  if (rc) return rc;
  if (year < 1900 || year > 2200) return CB_EINVAL;
  out->year = year;
  char y[8], from[16], to[16];
  snprintf(y, sizeof y, "%04d", year);
  snprintf(from, sizeof from, "%04d-01-01", year);
  snprintf(to, sizeof to, "%04d-12-31", year);
  const char *path = out->unit_code ? root.path : NULL;
  if (page) {
    DbStmt *st = db_prepare(db, TRAIN_TOTAL_SQL);
    if (!st) return CB_EDB;
    scope_bind(st, 1, scope);
    db_bind_text(st, 2, path);
    db_bind_text(st, 3, y);
    rc = db_step(st);
    *total = rc == DB_ROW ? (long)db_int(st, 0) : 0;
    db_finalize(st);
    if (rc != DB_ROW) return CB_EDB;
    if (*page >= *total && limit > 0) *page = *total > 0 ? (int)((*total - 1) / limit * limit) : 0;
  }
  out->sheet = "Đào tạo";
  out->title = arena_printf(a, "DANH SÁCH CÁN BỘ ĐƯỢC CỬ ĐI ĐÀO TẠO, BỒI DƯỠNG NĂM %d", year);
  out->subtitle = subtitle(a, out, NULL);
  out->stream.db = db, out->stream.scope = scope, out->stream.path = path ? arena_strdup(a, path) : NULL;
  out->stream.from = arena_strdup(a, from), out->stream.to = arena_strdup(a, to);
  if (page && limit == 0) return 0; /* the heading and the total only */
  DbStmt *st = train_stmt(out, page ? TRAIN_PAGE_SQL : TRAIN_ROWS_SQL);
  if (!st) return CB_EDB;
  if (page) db_bind_int(st, 6, limit), db_bind_int(st, 7, *page);
  Rows rows = {a, out, 0};
  while ((rc = db_step(st)) == DB_ROW) {
    const char **row = row_add(&rows);
    for (int k = 0; k < NCOLS(TRAIN_COLS); k++) row[k] = dup(a, db_text(st, k));
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

int official_training_stream(Db *db, Arena *a, Scope scope, const char *unit_code, int year, const char *date,
                             OfficialList *out) {
  int offset = 0;
  int rc = training_list(db, a, scope, unit_code, year, date, &offset, 0, out, &out->total);
  if (!rc) out->streamed = true;
  return rc;
}

/* Call fn(cells, ctx) for each row of l (ncols raw values): its own, or for a streamed list each row of its
   statement as it is read (the cells live until fn returns). fn's nonzero value stops and is returned; CB_EDB. */
static int each_row(const OfficialList *l, int (*fn)(const char *const *cells, void *ctx), void *ctx) {
  if (!l->streamed) {
    for (int i = 0; i < l->nrows; i++) {
      int rc = fn(l->cells + (size_t)i * (size_t)l->ncols, ctx);
      if (rc) return rc;
    }
    return 0;
  }
  DbStmt *st = train_stmt(l, TRAIN_ROWS_SQL);
  if (!st) return CB_EDB;
  const char *cells[NCOLS(TRAIN_COLS)];
  int rc, out = 0;
  while (!out && (rc = db_step(st)) == DB_ROW) {
    for (int k = 0; k < NCOLS(TRAIN_COLS); k++) cells[k] = db_text(st, k);
    out = fn(cells, ctx);
  }
  db_finalize(st);
  return out ? out : rc == DB_DONE ? 0 : CB_EDB;
}

int official_training_list(Db *db, Arena *a, Scope scope, const char *unit_code, int year, const char *date, OfficialList *out) {
  return training_list(db, a, scope, unit_code, year, date, NULL, 0, out, NULL);
}

int official_training_page(Db *db, Arena *a, Scope scope, const char *unit_code, int year, const char *date, int *offset,
                           int limit, OfficialList *out, long *total) {
  if (*offset < 0) *offset = 0;
  return training_list(db, a, scope, unit_code, year, date, offset, limit < 0 ? 0 : limit, out, total);
}

/* ---- writers ---- */

/* JSON of the rows, written to f a row at a time (a streamed list holds none of them). */
typedef struct {
  const OfficialList *l;
  JsonW *w;
  Buf *b;
  FILE *f;
} JsonRows;

/* Hand what the writer has written to f once it holds a good part of a page. 0 or CB_EIO. */
static int json_flush(JsonRows *j, size_t at_least) {
  if (j->b->len < at_least) return 0;
  size_t n = fwrite(j->b->p, 1, j->b->len, j->f);
  int rc = n == j->b->len ? 0 : CB_EIO;
  buf_reset(j->b);
  return rc;
}

static int json_row(const char *const *cells, void *ctx) {
  JsonRows *j = ctx;
  jw_obj(j->w);
  for (int c = 0; c < j->l->ncols; c++) jw_kstr(j->w, j->l->cols[c].key, cells[c]);
  jw_end(j->w);
  return json_flush(j, 60000);
}

int official_list_json(const OfficialList *l, FILE *f) {
  Buf b = BUF_INIT;
  JsonW w = jw_new(&b);
  JsonRows j = {l, &w, &b, f};
  jw_obj(&w);
  jw_kstr(&w, "list", l->kind);
  jw_key(&w, "unit");
  if (l->unit_code) {
    jw_obj(&w);
    jw_kstr(&w, "code", l->unit_code);
    jw_kstr(&w, "name", l->unit_name);
    jw_end(&w);
  } else {
    jw_null(&w);
  }
  jw_kstr(&w, "date", l->date);
  if (l->term) jw_kstr(&w, "term", l->term);
  if (l->title_code) jw_kstr(&w, "title", l->title_code);
  if (l->year) jw_kint(&w, "year", l->year);
  jw_kint(&w, "total", l->streamed ? l->total : l->nrows);
  jw_key(&w, "items");
  jw_arr(&w);
  int rc = each_row(l, json_row, &j);
  jw_end(&w);
  jw_end(&w);
  buf_putc(&b, '\n');
  if (!rc) rc = json_flush(&j, 0);
  buf_free(&b);
  return rc ? rc : ferror(f) ? CB_EIO : 0;
}

/* A raw value as the printed list shows it; `buf` holds dates. */
static const char *shown(OfFmt fmt, const char *v, char *buf) {
  if (!v || !*v) return NULL;
  switch (fmt) {
  case OF_DATE: return date_iso_to_vn(v, buf);
  case OF_GENDER: return strcmp(v, "F") == 0 ? "Nữ" : strcmp(v, "M") == 0 ? "Nam" : v;
  case OF_LLCT: return cadre_llct_label(v);
  case OF_QLNN: return cadre_qlnn_label(v);
  case OF_DEGREE: return cadre_degree_label(v);
  case OF_PROGRAM: return training_program_label(v);
  case OF_TSTATUS: return training_status_label(v);
  default: return v;
  }
}

/* CSV as people read it: the Vietnamese headings, values shown as in the xlsx (dd/mm/yyyy, Nam/Nữ, labels). */
typedef struct {
  const OfficialList *l;
  FILE *f;
  const char **row;
  char (*dates)[16];
} CsvRows;

static int csv_row(const char *const *cells, void *ctx) {
  CsvRows *w = ctx;
  for (int c = 0; c < w->l->ncols; c++) w->row[c] = shown(w->l->cols[c].fmt, cells[c], w->dates[c]);
  csv_write_row(w->f, w->row, w->l->ncols, "\r\n");
  return ferror(w->f) ? CB_EIO : 0;
}

int official_list_csv(const OfficialList *l, FILE *f) {
  size_t n = (size_t)(l->ncols ? l->ncols : 1);
  CsvRows w = {l, f, malloc(sizeof(char *) * n), malloc(sizeof(char[16]) * n)};
  if (!w.row || !w.dates) {
    free(w.row);
    free(w.dates);
    return CB_EIO;
  }
  for (int c = 0; c < l->ncols; c++) w.row[c] = l->cols[c].header;
  csv_write_row(f, w.row, l->ncols, "\r\n");
  int rc = each_row(l, csv_row, &w);
  free(w.row);
  free(w.dates);
  return rc ? rc : ferror(f) ? CB_EIO : 0;
}

/* "I. Chủ tịch UBND xã" ... "XII. ..." (Roman numbers as the printed lists number their parts), into buf. */
static const char *group_label(char *buf, size_t n, int k, const char *text) {
  static const char *const R[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
  static const int V[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  char roman[32] = "";
  for (int i = 0; i < 13 && k > 0 && strlen(roman) < 24; i++)
    while (k >= V[i] && strlen(roman) < 24) {
      strcat(roman, R[i]);
      k -= V[i];
    }
  snprintf(buf, n, "%s. %s", roman, text);
  return buf;
}

typedef struct {
  const OfficialList *l;
  XlsxList *x;
  int map[24], n;        /* the printed columns: map[k] is list column of sheet column k (0: STT) */
  char group[600];       /* the group of the rows being written (copied: a streamed row's cells do not last) */
  bool grouped;
  int ngroups, stt_n;
} XlsxRows;

static int xlsx_row(const char *const *row, void *ctx) {
  XlsxRows *w = ctx;
  const OfficialList *l = w->l;
  if (l->group_col) { /* a heading when the group changes; STT counts within the group */
    const char *g = row[l->group_col - 1] ? row[l->group_col - 1] : "";
    if (!w->grouped || strcmp(w->group, g) != 0) {
      snprintf(w->group, sizeof w->group, "%s", g);
      w->grouped = true, w->stt_n = 0;
      char head[700];
      int rc = xlsx_list_group(w->x, group_label(head, sizeof head, ++w->ngroups, w->group));
      if (rc) return rc;
    }
  }
  const char *cells[24];
  char stt[16], dates[24][16];
  snprintf(stt, sizeof stt, "%d", ++w->stt_n);
  cells[0] = stt;
  for (int k = 1; k < w->n; k++) cells[k] = shown(l->cols[w->map[k]].fmt, row[w->map[k]], dates[k]);
  return xlsx_list_row(w->x, cells);
}

int official_list_xlsx(const OfficialList *l, const char *path) {
  XlsxCol cols[24];
  XlsxRows w = {.l = l, .n = 1};
  cols[0] = (XlsxCol){"STT", 6, XL_CENTER};
  for (int c = 0; c < l->ncols && w.n < 24; c++)
    if (l->cols[c].width > 0 && c + 1 != l->group_col) {
      w.map[w.n] = c;
      cols[w.n++] = (XlsxCol){l->cols[c].header, l->cols[c].width, l->cols[c].kind};
    }
  if (xlsx_list_open(path, &w.x)) return CB_EIO;
  XlsxListMeta meta = {l->unit_name, l->title, l->subtitle};
  if (l->has_doc) xlsx_list_doc(w.x, &l->doc);
  int rc = xlsx_list_sheet(w.x, l->sheet, &meta, cols, w.n);
  if (!rc) rc = each_row(l, xlsx_row, &w); /* a streamed list: row by row from its statement */
  int rc2 = xlsx_list_close(w.x);
  return rc ? rc : rc2;
}

int official_list_audit(Db *db, const char *actor, const OfficialList *l, const char *format) {
  json_t *j = json_pack("{s:s, s:s?, s:s, s:s?, s:s?, s:i, s:s, s:I}", "report", l->kind, "unit", l->unit_code, "date",
                        l->date, "term", l->term, "title", l->title_code, "year", l->year, "format", format, "rows",
                        (json_int_t)(l->streamed ? l->total : l->nrows));
  char *after = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  char key[200];
  snprintf(key, sizeof key, "%s/%s/%s", l->kind, l->unit_code ? l->unit_code : "*", l->date);
  int rc = after ? audit_log(db, actor ? actor : "unknown", "export", "report", key, NULL, after) : CB_EDB;
  free(after);
  json_decref(j);
  return rc;
}

/*
** Export (see exporter.h): one SELECT per kind yields the import columns in
** the import order (importer_kinds.c); a writer turns rows into csv (English
** header names, the import format), json (array of objects, null for empty)
** or xlsx (Vietnamese labels, bold frozen header, libxlsxwriter constant
** memory mode). With ExportReq.people the csv and xlsx are the people's
** form (BOM, labels, dd/mm/yyyy, names beside codes: docs/IMPORT.md). Every
** export is audited (action "export").
**
** Not for: choosing columns (the import tables do), HTTP (web/ calls this
** with a temporary file).
*/
#include "domain/exporter.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "core/audit.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "domain/import_values.h"
#include "domain/importer.h"

/*
** The SELECTs: ?1 is the scope path (NULL = everything). Each kind has a
** statement by code and one by name (people in Vietnamese name order).
** These literals are the only SQL of the export; ORDER BY is never built
** from input.
*/
#define SCOPE(path) " (?1 IS NULL OR (" path " >= ?1 AND " path " < substr(?1, 1, length(?1) - 1) || '0')) "
#define UNIT_SEL                                                                                    \
  "SELECT u.code, u.name, u.level, p.code, u.locality, u.valid_from, u.valid_to FROM units u "       \
  "LEFT JOIN units p ON p.id = u.parent_id WHERE" SCOPE("u.path")
#define TITLE_SEL                                                                                   \
  "SELECT code, name, level, category, rank, function, min_llct, min_qlnn, min_degree, max_age_first " \
  "FROM titles " /* titles are shared by every unit: no scope */
#define CADRE_SEL                                                                                   \
  "SELECT c.code, c.full_name, c.gender, c.birth_date, u.code, c.hometown, c.birthplace, c.ethnicity, " \
  "c.religion, c.party_join_date, c.party_official_date, c.education, c.degree, c.major, c.llct_level, " \
  "c.qlnn_level, c.notes FROM cadres c JOIN units u ON u.id = c.unit_id WHERE" SCOPE("u.path")
#define POSITION_SEL                                                                                \
  "SELECT c.code, pu.code, t.code, p.start_date, p.end_date, p.decision_no, p.concurrent "           \
  "FROM positions p JOIN cadres c ON c.id = p.cadre_id JOIN units u ON u.id = c.unit_id "            \
  "JOIN units pu ON pu.id = p.unit_id JOIN titles t ON t.id = p.title_id WHERE" SCOPE("u.path")
#define TRAINING_SEL                                                                                \
  "SELECT c.code, tr.program, tr.start_date, tr.status, tr.name, tr.institution, tr.end_date "       \
  "FROM trainings tr JOIN cadres c ON c.id = tr.cadre_id JOIN units u ON u.id = c.unit_id WHERE" SCOPE("u.path")
/* planning acts belong to the pool's unit; acts in date order so a re-import rebuilds the pools */
#define PLANNING_SEL                                                                                \
  "SELECT p.term, u.code, t.code, c.code, p.action, p.date, p.decision_no, p.reason FROM planning p " \
  "JOIN units u ON u.id = p.unit_id JOIN titles t ON t.id = p.title_id JOIN cadres c ON c.id = p.cadre_id " \
  "WHERE" SCOPE("u.path") "AND" SCOPE("(SELECT cu.path FROM units cu WHERE cu.id = c.unit_id)") /* issue 12: the member too */

#define EVALUATION_SEL                                                                              \
  "SELECT c.code, e.year, e.rating, e.score FROM evaluations e JOIN cadres c ON c.id = e.cadre_id "     \
  "JOIN units u ON u.id = c.unit_id WHERE" SCOPE("u.path")
#define DISCIPLINE_SEL                                                                              \
  "SELECT c.code, d.form, d.authority, d.decision_date, d.decision_no, d.reason FROM disciplines d "    \
  "JOIN cadres c ON c.id = d.cadre_id JOIN units u ON u.id = c.unit_id WHERE" SCOPE("u.path")

/* appt: rotations, appointments and relatives belong to the cadre's unit; acts in date order */
#define ROTATION_SEL                                                                                \
  "SELECT c.code, r.kind, tu.code, r.date, fu.code, ft.code, tt.code, r.decision_no, r.planned_months " \
  "FROM rotations r JOIN cadres c ON c.id = r.cadre_id JOIN units u ON u.id = c.unit_id "               \
  "JOIN units tu ON tu.id = r.to_unit_id LEFT JOIN units fu ON fu.id = r.from_unit_id "                 \
  "LEFT JOIN titles ft ON ft.id = r.from_title_id LEFT JOIN titles tt ON tt.id = r.to_title_id "          \
  "WHERE r.voided_at IS NULL AND" SCOPE("u.path")
#define APPOINTMENT_SEL                                                                             \
  "SELECT c.code, a.kind, au.code, t.code, a.decision_date, a.decision_no, a.source, a.term_years "     \
  "FROM appointments a JOIN cadres c ON c.id = a.cadre_id JOIN units u ON u.id = c.unit_id "            \
  "JOIN units au ON au.id = a.unit_id JOIN titles t ON t.id = a.title_id WHERE" SCOPE("u.path")
#define RELATIVE_SEL                                                                                \
  "SELECT c.code, k.code, r.relation FROM relatives r JOIN cadres c ON c.id = r.cadre_id "              \
  "JOIN cadres k ON k.id = r.relative_id JOIN units u ON u.id = c.unit_id WHERE" SCOPE("u.path") \
  "AND" SCOPE("(SELECT ku.path FROM units ku WHERE ku.id = k.unit_id)") /* issue 12: the relative too */

static const struct {
  const char *kind, *by_code, *by_name;
} QUERIES[] = {
    {"evaluations", EVALUATION_SEL "ORDER BY c.code, e.year", EVALUATION_SEL "ORDER BY c.sort_key, c.code, e.year"},
    {"disciplines", DISCIPLINE_SEL "ORDER BY c.code, d.decision_date, d.id",
     DISCIPLINE_SEL "ORDER BY c.sort_key, c.code, d.decision_date, d.id"},
    {"units", UNIT_SEL "ORDER BY u.code", UNIT_SEL "ORDER BY u.name COLLATE vi, u.code"},
    {"titles", TITLE_SEL "ORDER BY code", TITLE_SEL "ORDER BY name COLLATE vi, code"},
    {"cadres", CADRE_SEL "ORDER BY c.code", CADRE_SEL "ORDER BY c.sort_key, c.code"},
    {"positions", POSITION_SEL "ORDER BY c.code, p.start_date, p.id",
     POSITION_SEL "ORDER BY c.sort_key, c.code, p.start_date, p.id"},
    {"trainings", TRAINING_SEL "ORDER BY c.code, tr.start_date, tr.id",
     TRAINING_SEL "ORDER BY c.sort_key, c.code, tr.start_date, tr.id"},
    {"planning", PLANNING_SEL "ORDER BY p.date, p.id", PLANNING_SEL "ORDER BY p.date, p.id"},
    {"rotations", ROTATION_SEL "ORDER BY r.date, r.id", ROTATION_SEL "ORDER BY r.date, r.id"},
    {"appointments", APPOINTMENT_SEL "ORDER BY a.decision_date, a.id", APPOINTMENT_SEL "ORDER BY a.decision_date, a.id"},
    {"relatives", RELATIVE_SEL "ORDER BY c.code, k.code", RELATIVE_SEL "ORDER BY c.sort_key, c.code, k.code"},
};
#define N_QUERIES (int)(sizeof QUERIES / sizeof QUERIES[0])

int exporter_kind_known(const char *kind) {
  for (int i = 0; kind && i < N_QUERIES; i++)
    if (strcmp(kind, QUERIES[i].kind) == 0) return importer_kind(kind) != NULL;
  return 0;
}

/* ---- writers ---- */
typedef struct Writer Writer;
enum { NAME_SLOTS = 256 }; /* per kind; a full table just asks the database again */

struct Writer {
  const ImportKind *k;
  FILE *f;                /* csv, json */
  lxw_workbook *wb;       /* xlsx */
  lxw_worksheet *ws;
  long row;
  /* people's form (ExportReq.people): labels, dd/mm/yyyy, names beside the codes */
  int people;
  DbStmt *names[3];       /* name of a unit, a title, a cadre by code */
  struct {                /* names of units and titles already looked up (few, repeated on every row) */
    char *code, *name;
  } seen[2][NAME_SLOTS];
  char scratch[3][512];   /* the converted cells of the current row */
  char last_cadre[64];    /* the code whose name scratch[2] holds ("": none): rows come grouped by cadre */
  Buf pool;               /* the current row's cells as people read them, one after another (people_row) */
  int (*header)(Writer *w);
  int (*put)(Writer *w, DbStmt *st);
  int (*end)(Writer *w);
};

static int is_number_col(const ImportCol *c) { return c->type == COL_INT || c->type == COL_BOOL01; }

/*
** The people's form (docs/IMPORT.md "Export"): each column's Vietnamese
** label; after a code of a unit, a title or a cadre, a column with its name;
** dates dd/mm/yyyy (a month mm/yyyy); gender Nam/Nữ; an enumerated code its
** label ("Trung cấp"); 0/1 "Không"/"Có". The import reads this form back too
** (labels, Vietnamese values and dd/mm/yyyy are accepted) apart from the
** name columns, which it does not know: use the import format for that.
*/
static int ref_index(const ImportCol *c) {
  if (c->type != COL_REF || !c->ref) return -1;
  return strcmp(c->ref, "units") == 0 ? 0 : strcmp(c->ref, "titles") == 0 ? 1 : 2;
}

static const char *const NAME_LABEL[3] = {"Tên đơn vị", "Tên chức danh", "Họ và tên"};

/*
** The name of the unit/title/cadre with this code, or "". Units' and titles' names are kept for the
** export (one read per distinct code instead of one per row: a round trip each on PostgreSQL).
*/
static const char *ref_name(Writer *w, int which, const char *code) {
  DbStmt *st = w->names[which];
  if (!st || !code || !*code) return "";
  if (which == 2 && w->last_cadre[0] && strcmp(w->last_cadre, code) == 0) return w->scratch[2];
  unsigned slot = which < 2 ? cb_str_hash(code) % NAME_SLOTS : 0;
  if (which < 2 && w->seen[which][slot].code && w->seen[which][slot].name && strcmp(w->seen[which][slot].code, code) == 0)
    return w->seen[which][slot].name;
  db_reset(st);
  db_bind_text(st, 1, code);
  const char *out = "";
  w->scratch[which][0] = 0;
  if (db_step(st) == DB_ROW) {
    snprintf(w->scratch[which], sizeof w->scratch[which], "%s", db_text(st, 0));
    out = w->scratch[which];
  }
  if (which == 2 && strlen(code) < sizeof w->last_cadre) snprintf(w->last_cadre, sizeof w->last_cadre, "%s", code);
  else if (which == 2) w->last_cadre[0] = 0;
  if (which < 2) {
    free(w->seen[which][slot].code);
    free(w->seen[which][slot].name);
    w->seen[which][slot].code = strdup(code);
    w->seen[which][slot].name = strdup(out);
    if (!w->seen[which][slot].name) return out;
    return w->seen[which][slot].name;
  }
  return out;
}

/* The cell of column c as people read it: v itself, a label, or a date written into buf; NULL for empty. */
static const char *people_cell(const ImportCol *c, const char *v, char buf[16]) {
  if (!v || !*v) return NULL;
  switch (c->type) {
  case COL_DATE:
  case COL_PDATE: {
    Date d;
    return date_parse(v, &d, DATE_PARTIAL) == 0 ? date_vn(d, buf) : v;
  }
  case COL_GENDER: return strcmp(v, "M") == 0 ? "Nam" : strcmp(v, "F") == 0 ? "Nữ" : v;
  case COL_BOOL01: return strcmp(v, "1") == 0 ? "Có" : strcmp(v, "0") == 0 ? "Không" : v;
  case COL_ENUM: return import_enum_label(c, v);
  default: return v;
  }
}

/* Header cells of the people's form into cells[] (cap entries). The count. */
static int people_header(const Writer *w, const char **cells, int cap) {
  int n = 0;
  for (int c = 0; c < w->k->ncols && n + 2 <= cap; c++) {
    cells[n++] = w->k->cols[c].label;
    int ri = ref_index(&w->k->cols[c]);
    if (ri >= 0) cells[n++] = NAME_LABEL[ri];
  }
  return n;
}

/* Append s (NULL: none) to the row's pool; its offset, or -1 for none. */
static long pool_add(Writer *w, const char *s) {
  if (!s) return -1;
  long at = (long)w->pool.len;
  buf_append(&w->pool, s, strlen(s) + 1);
  return at;
}

/* Row cells of the people's form into cells[] (in w->pool: valid until the next row; NULL = empty). The count. */
static int people_row(Writer *w, DbStmt *st, const char **cells, int cap) {
  long at[64];
  int n = 0;
  if (cap > 64) cap = 64;
  buf_reset(&w->pool);
  for (int c = 0; c < w->k->ncols && n + 2 <= cap; c++) {
    const ImportCol *col = &w->k->cols[c];
    const char *v = db_isnull(st, c) ? NULL : db_text(st, c);
    char buf[16];
    at[n++] = pool_add(w, people_cell(col, v, buf)); /* copied before ref_name steps another statement */
    int ri = ref_index(col);
    if (ri >= 0) at[n++] = pool_add(w, ref_name(w, ri, v));
  }
  for (int i = 0; i < n; i++) cells[i] = at[i] < 0 ? NULL : w->pool.p + at[i];
  return n;
}

/* The import format: English header names, LF line ends; cells through the one CSV writer (core/csv.h). */
static int csv_header(Writer *w) {
  const char *cells[64];
  if (w->people) { /* a BOM (Excel then reads UTF-8), labels, CRLF */
    fputs("\xEF\xBB\xBF", w->f);
    csv_write_row(w->f, cells, people_header(w, cells, 64), "\r\n");
    return 0;
  }
  int n = w->k->ncols < 64 ? w->k->ncols : 64;
  for (int c = 0; c < n; c++) cells[c] = w->k->cols[c].name;
  csv_write_row(w->f, cells, n, "\n");
  return 0;
}

static int csv_put(Writer *w, DbStmt *st) {
  if (w->people) {
    const char *pc[64];
    csv_write_row(w->f, pc, people_row(w, st, pc, 64), "\r\n");
    return 0;
  }
  const char *cells[64];
  int n = w->k->ncols < 64 ? w->k->ncols : 64;
  for (int c = 0; c < n; c++) cells[c] = db_text(st, c);
  csv_write_row(w->f, cells, n, "\n");
  return 0;
}

static int file_end(Writer *w) { return fflush(w->f) != 0 || ferror(w->f) ? CB_EIO : 0; }

static int json_header(Writer *w) {
  fputs("[", w->f);
  return 0;
}

static int json_put(Writer *w, DbStmt *st) {
  json_t *o = json_object();
  for (int c = 0; c < w->k->ncols; c++) {
    const ImportCol *col = &w->k->cols[c];
    json_t *v = db_isnull(st, c)      ? json_null()
                : is_number_col(col) ? json_integer(db_int(st, c))
                                     : json_string(db_text(st, c));
    json_object_set_new(o, col->name, v ? v : json_null());
  }
  fputs(w->row ? ",\n" : "\n", w->f);
  int rc = json_dumpf(o, w->f, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(o);
  return rc ? CB_EIO : 0;
}

static int json_end(Writer *w) {
  fputs(w->row ? "\n]\n" : "]\n", w->f);
  return file_end(w);
}

/* Column width (in characters) for xlsx: wide enough for the label and typical values. */
static double xlsx_width(const ImportCol *c) {
  double w = (double)strlen(c->label) * 0.8 + 2; /* bytes overcount Vietnamese letters */
  double typical = c->type == COL_DATE || c->type == COL_PDATE ? 12
                   : c->type == COL_TEXT                       ? 24
                   : c->type == COL_ENUM                       ? 16
                                                               : 10;
  if (strcmp(c->name, "full_name") == 0 || strcmp(c->name, "name") == 0) typical = 32;
  return w > typical ? w : typical;
}

static int xlsx_header(Writer *w) {
  lxw_format *bold = workbook_add_format(w->wb);
  format_set_bold(bold);
  if (w->people) {
    const char *cells[64];
    int n = people_header(w, cells, 64);
    for (int c = 0; c < n; c++) {
      worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, strlen(cells[c]) > 20 ? 28 : 18, NULL);
      if (worksheet_write_string(w->ws, 0, (lxw_col_t)c, cells[c], bold) != LXW_NO_ERROR) return CB_EIO;
    }
    worksheet_freeze_panes(w->ws, 1, 0);
    return 0;
  }
  for (int c = 0; c < w->k->ncols; c++) {
    worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, xlsx_width(&w->k->cols[c]), NULL);
    if (worksheet_write_string(w->ws, 0, (lxw_col_t)c, w->k->cols[c].label, bold) != LXW_NO_ERROR) return CB_EIO;
  }
  worksheet_freeze_panes(w->ws, 1, 0);
  return 0;
}

#define XLSX_CELL_MAX 32767

/*
** s cut to the 32,767 characters an xlsx cell holds (XLSX_CELL_MAX), at a
** character boundary; s itself when it fits, else a copy in *tmp (caller frees).
** Longer text (a huge note) is shortened in the sheet instead of failing the
** whole export; csv and json keep it whole.
*/
static const char *xlsx_fit(const char *s, char **tmp) {
  size_t chars = 0, i = 0;
  for (; s[i]; i++)
    if ((s[i] & 0xC0) != 0x80 && ++chars > XLSX_CELL_MAX) break;
  if (!s[i]) return s;
  *tmp = strndup(s, i);
  return *tmp ? *tmp : "";
}

static int xlsx_put(Writer *w, DbStmt *st) {
  lxw_row_t r = (lxw_row_t)(w->row + 1);
  if (w->people) {
    const char *pc[64];
    int m = people_row(w, st, pc, 64), rc = 0;
    for (int c = 0; c < m && !rc; c++) {
      char *tmp = NULL;
      if (pc[c] && worksheet_write_string(w->ws, r, (lxw_col_t)c, xlsx_fit(pc[c], &tmp), NULL) != LXW_NO_ERROR)
        rc = CB_EIO;
      free(tmp);
    }
    return rc;
  }
  for (int c = 0; c < w->k->ncols; c++) {
    if (db_isnull(st, c)) continue;
    char *tmp = NULL;
    lxw_error e = is_number_col(&w->k->cols[c])
                      ? worksheet_write_number(w->ws, r, (lxw_col_t)c, (double)db_int(st, c), NULL)
                      : worksheet_write_string(w->ws, r, (lxw_col_t)c, xlsx_fit(db_text(st, c), &tmp), NULL);
    free(tmp);
    if (e != LXW_NO_ERROR) return CB_EIO;
  }
  return 0;
}

static int xlsx_end(Writer *w) {
  lxw_error e = workbook_close(w->wb);
  w->wb = NULL;
  return e == LXW_NO_ERROR ? 0 : CB_EIO;
}

/* Set up the writer for req->format at path. 0, CB_EINVAL or CB_EIO. */
static int writer_open(Writer *w, Db *db, const ImportKind *k, const ExportReq *req, const char *format,
                       const char *path) {
  memset(w, 0, sizeof *w);
  w->k = k;
  w->people = req->people && strcmp(format, "json") != 0;
  if (w->people) {
    w->names[0] = db_prepare(db, "SELECT name FROM units WHERE code = ?1");
    w->names[1] = db_prepare(db, "SELECT name FROM titles WHERE code = ?1");
    w->names[2] = db_prepare(db, "SELECT full_name FROM cadres WHERE code = ?1");
  }
  int to_stdout = !path || strcmp(path, "-") == 0;
  if (strcmp(format, "xlsx") == 0) {
    if (to_stdout) return CB_EINVAL;
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    w->wb = workbook_new_opt(path, &opt);
    if (!w->wb) return CB_EIO;
    w->ws = workbook_add_worksheet(w->wb, k->label);
    if (!w->ws) return CB_EIO;
    w->header = xlsx_header, w->put = xlsx_put, w->end = xlsx_end;
    return 0;
  }
  int json = strcmp(format, "json") == 0;
  if (!json && strcmp(format, "csv") != 0) return CB_EINVAL;
  w->f = to_stdout ? stdout : fopen(path, "wb");
  if (!w->f) return CB_EIO;
  w->header = json ? json_header : csv_header;
  w->put = json ? json_put : csv_put;
  w->end = json ? json_end : file_end;
  return 0;
}

static void writer_close(Writer *w) {
  buf_free(&w->pool);
  for (int i = 0; i < 3; i++)
    if (w->names[i]) db_finalize(w->names[i]);
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < NAME_SLOTS; j++) {
      free(w->seen[i][j].code);
      free(w->seen[i][j].name);
    }
  if (w->wb) workbook_close(w->wb);
  if (w->f && w->f != stdout) fclose(w->f);
  else if (w->f) fflush(w->f);
}

static int audit_export(Db *db, const ExportReq *req, const char *format, long rows) {
  json_t *after = json_pack("{s:I, s:s}", "rows", (json_int_t)rows, "format", format);
  if (req->sort) json_object_set_new(after, "sort", json_string(req->sort));
  if (req->scope) json_object_set_new(after, "scope", json_string(req->scope));
  if (req->people) json_object_set_new(after, "form", json_string("people"));
  char *js = json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER);
  int rc = audit_log(db, req->actor ? req->actor : "unknown", "export", req->kind, format, NULL, js);
  free(js);
  json_decref(after);
  return rc;
}

int exporter_run(Db *db, Arena *a, const ExportReq *req, const char *path, long *rows) {
  (void)a;
  *rows = 0;
  const ImportKind *k = importer_kind(req->kind);
  int q = -1;
  for (int i = 0; k && i < N_QUERIES; i++)
    if (strcmp(req->kind, QUERIES[i].kind) == 0) q = i;
  const char *format = req->format ? req->format : "csv";
  if (q < 0 || (req->sort && strcmp(req->sort, "name") != 0)) return CB_EINVAL;
  DbStmt *st = db_prepare_trusted(db, req->sort ? QUERIES[q].by_name : QUERIES[q].by_code);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, req->scope);
  Writer w;
  int rc = writer_open(&w, db, k, req, format, path);
  if (rc == 0) rc = w.header(&w);
  int step = DB_DONE;
  while (rc == 0 && (step = db_step(st)) == DB_ROW) {
    rc = w.put(&w, st);
    w.row++;
  }
  if (rc == 0 && step < 0) rc = CB_EDB;
  db_finalize(st);
  if (rc == 0) rc = w.end(&w);
  writer_close(&w);
  if (rc == 0) rc = audit_export(db, req, format, w.row);
  *rows = w.row;
  return rc;
}

/*
** CSV import, all or nothing (see importer.h). Four steps:
**   1. parse the CSV (core/csv.c) and map the header to the kind's columns;
**   2. check every value of every row by its column type, collect the keys
**      defined in the file;
**   3. check codes: duplicates (file and database) and references (database
**      within the scope, or -- for a units file -- rows of the same file);
**   4. only without errors: one transaction, rows inserted (units parent
**      first), one audit row, commit.
** Errors are "FILE:LINE:COLUMN: message" in Vietnamese (what is wrong, what
** is expected, the offending value quoted), sorted by position.
**
** Not for: the column lists themselves (importer_kinds.c), writing files
** (exporter.c).
*/
#include "domain/importer.h"
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/csv.h"
#include "core/date.h"
#include "domain/cadre.h"
#include "core/err.h"
#include "core/sort.h"
#include "core/vi.h"
#include "domain/unit.h"

/* Longest key code accepted (characters): codes go into URLs, unit paths and narrow table columns. */
#define IMPORT_CODE_MAX 64

/* ---- a small string -> int hash map in an arena ---- */
typedef struct {
  const char **keys;
  int *vals;
  size_t cap, n;
  Arena *a;
} Map;

static size_t hash_str(const char *s) {
  size_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static void map_init(Map *m, Arena *a, size_t hint) {
  m->cap = 64;
  while (m->cap < hint * 2) m->cap *= 2;
  m->n = 0;
  m->a = a;
  m->keys = arena_alloc(a, sizeof(char *) * m->cap);
  m->vals = arena_alloc(a, sizeof(int) * m->cap);
}

/* Slot of key: holding it, or the empty slot where it would go. */
static size_t map_slot(const Map *m, const char *key) {
  size_t i = hash_str(key) & (m->cap - 1);
  while (m->keys[i] && strcmp(m->keys[i], key) != 0) i = (i + 1) & (m->cap - 1);
  return i;
}

/* Value of key, or -1 when absent. */
static int map_get(const Map *m, const char *key) {
  size_t i = map_slot(m, key);
  return m->keys[i] ? m->vals[i] : -1;
}

static void map_put(Map *m, const char *key, int val) {
  if ((m->n + 1) * 2 > m->cap) {
    Map big;
    map_init(&big, m->a, m->cap);
    for (size_t i = 0; i < m->cap; i++)
      if (m->keys[i]) map_put(&big, m->keys[i], m->vals[i]);
    *m = big;
  }
  size_t i = map_slot(m, key);
  if (!m->keys[i]) m->n++;
  m->keys[i] = key;
  m->vals[i] = val;
}

/* ---- the state of one import ---- */
typedef struct {
  char **v;          /* values by kind column index (NULL = empty) */
  const CsvRecord *rec;
} Row;

typedef struct {
  int line, col;
  char *msg;
} Err;

typedef struct {
  Db *db;
  Arena *a;
  const ImportKind *k;
  const char *file, *scope;
  int *colpos;   /* kind column -> csv column index (0-based), -1 when absent */
  Row *rows;
  int nrows;
  Err *errs;
  int nerr, cap;
  Map keys;      /* key code -> row index (codes defined by this file) */
  Map refs[3];   /* units, titles, cadres: code -> 1 found in scope / 0 not */
} Imp;

static void err_at(Imp *im, int line, int col, char *msg) {
  if (im->nerr == im->cap) {
    im->cap = im->cap ? im->cap * 2 : 16;
    Err *v = arena_alloc(im->a, sizeof(Err) * (size_t)im->cap);
    if (im->nerr) memcpy(v, im->errs, sizeof(Err) * (size_t)im->nerr);
    im->errs = v;
  }
  im->errs[im->nerr++] = (Err){line, col, msg};
}

/* The csv field of kind column c in row r (NULL when the header lacks it). */
static const CsvField *field_of(const Imp *im, const Row *r, int c) {
  int p = im->colpos[c];
  return p >= 0 && p < r->rec->n ? &r->rec->f[p] : NULL;
}

static void err_field(Imp *im, const Row *r, int c, char *msg) {
  const CsvField *f = field_of(im, r, c);
  err_at(im, f ? f->line : r->rec->line, im->colpos[c] + 1, msg);
}

/* ---- step 1: header ---- */

/* Header text folded for comparison: trimmed, a trailing '*' dropped, no marks, case folded. */
static char *header_key(Arena *a, const char *s) {
  char *f = vi_fold(a, s);
  if (!f) return NULL;
  size_t n = strlen(f);
  while (n && (f[n - 1] == '*' || f[n - 1] == ' ')) f[--n] = 0;
  return f;
}

/* The kind column whose name, label or alias matches folded header h, or -1. */
static int match_header(Arena *a, const ImportKind *k, const char *h) {
  for (int c = 0; c < k->ncols; c++) {
    const ImportCol *col = &k->cols[c];
    if (strcmp(h, col->name) == 0 || strcmp(h, header_key(a, col->label)) == 0) return c;
    for (const char *p = col->aliases; p && *p;) {
      const char *bar = strchr(p, '|');
      size_t n = bar ? (size_t)(bar - p) : strlen(p);
      if (strcmp(h, header_key(a, arena_strndup(a, p, n))) == 0) return c;
      p += n + (bar ? 1 : 0);
    }
  }
  return -1;
}

static char *column_names(Arena *a, const ImportKind *k) {
  char *s = "";
  for (int c = 0; c < k->ncols; c++) s = arena_printf(a, "%s%s%s", s, c ? ", " : "", k->cols[c].name);
  return s;
}

static void map_header(Imp *im, const CsvRecord *h) {
  const ImportKind *k = im->k;
  im->colpos = arena_alloc(im->a, sizeof(int) * (size_t)k->ncols);
  for (int c = 0; c < k->ncols; c++) im->colpos[c] = -1;
  for (int i = 0; i < h->n; i++) {
    char *key = header_key(im->a, h->f[i].s);
    if (!key) continue; /* bad UTF-8: reported by the parser */
    int c = match_header(im->a, k, key);
    if (c < 0 && !*key) {
      err_at(im, h->f[i].line, i + 1, arena_strdup(im->a, "tên cột bị trống (đặt tên cho cột hoặc xóa cột)"));
    } else if (c < 0) {
      err_at(im, h->f[i].line, i + 1,
             arena_printf(im->a, "cột không có trong mẫu \"%s\" (các cột của mẫu: %s)", h->f[i].s,
                          column_names(im->a, k)));
    } else if (im->colpos[c] >= 0) {
      err_at(im, h->f[i].line, i + 1,
             arena_printf(im->a, "cột bị lặp \"%s\" (cột %s đã có ở vị trí %d)", h->f[i].s, k->cols[c].name,
                          im->colpos[c] + 1));
    } else {
      im->colpos[c] = i;
    }
  }
  for (int c = 0; c < k->ncols; c++)
    if (k->cols[c].required && im->colpos[c] < 0)
      err_at(im, h->line, 1, arena_printf(im->a, "thiếu cột bắt buộc \"%s\" (%s)", k->cols[c].name, k->cols[c].label));
}

/* ---- step 2: values ---- */

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) s[--n] = 0;
  return s;
}

static int is_ascii(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80) return 0;
  return 1;
}

static char *enum_list(Arena *a, const char *const *vals) {
  char *s = "";
  for (int i = 0; vals[i]; i++) s = arena_printf(a, "%s%s%s", s, i ? "|" : "", vals[i]);
  return s;
}

/* The gender code for s (M, F, Nam, Nữ in any case), or NULL. */
static const char *gender_of(const char *s) {
  static const char *const male[] = {"m", "M", "nam", "Nam", "NAM", NULL};
  static const char *const female[] = {"f", "F", "nữ", "Nữ", "nỮ", "NỮ", NULL};
  for (int i = 0; male[i]; i++)
    if (strcmp(s, male[i]) == 0) return "M";
  for (int i = 0; female[i]; i++)
    if (strcmp(s, female[i]) == 0) return "F";
  if (strcasecmp(s, "nam") == 0) return "M";
  return NULL;
}

/*
** Check and normalize value s of column c. Returns the stored form (arena)
** or NULL after reporting the problem.
*/
static char *check_value(Imp *im, const Row *r, int c, char *s) {
  const ImportCol *col = &im->k->cols[c];
  Arena *a = im->a;
  char buf[16];
  Date d;
  switch (col->type) {
  case COL_TEXT: return is_ascii(s) ? s : vi_nfc(a, s);
  case COL_CODE: {
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
      if (*p <= ' ' || *p == 0x7f) {
        err_field(im, r, c,
                  arena_printf(a, "mã không hợp lệ \"%s\" (mã không được có dấu cách hoặc ký tự điều khiển)", s));
        return NULL;
      }
      chars += (*p & 0xC0) != 0x80;
    }
    if (chars > IMPORT_CODE_MAX) {
      err_field(im, r, c, arena_printf(a, "mã quá dài: %zu ký tự (tối đa %d)", chars, IMPORT_CODE_MAX));
      return NULL;
    }
    return is_ascii(s) ? s : vi_nfc(a, s);
  }
  case COL_DATE:
  case COL_PDATE:
    if (date_parse(s, &d, col->type == COL_PDATE ? DATE_PARTIAL : DATE_FULL) != 0) {
      err_field(im, r, c,
                arena_printf(a, "ngày không hợp lệ \"%s\" (cần dạng %s)", s,
                             col->type == COL_PDATE ? "YYYY-MM-DD, DD/MM/YYYY, YYYY-MM hoặc YYYY"
                                                    : "YYYY-MM-DD hoặc DD/MM/YYYY"));
      return NULL;
    }
    return arena_strdup(a, date_iso(d, buf));
  case COL_ENUM:
    for (int i = 0; col->values[i]; i++)
      if (strcasecmp(s, col->values[i]) == 0) return (char *)col->values[i];
    err_field(im, r, c,
              arena_printf(a, "giá trị không hợp lệ \"%s\" ở cột \"%s\" (%s), cần một trong: %s", s, col->name,
                           col->label, enum_list(a, col->values)));
    return NULL;
  case COL_INT: {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < col->min || v > col->max) {
      err_field(im, r, c,
                arena_printf(a, "giá trị không hợp lệ \"%s\" ở cột \"%s\" (%s), cần số nguyên từ %d đến %d", s,
                             col->name, col->label, col->min, col->max));
      return NULL;
    }
    return arena_printf(a, "%ld", v);
  }
  case COL_BOOL01:
    if (strcmp(s, "0") == 0 || strcmp(s, "1") == 0) return s;
    err_field(im, r, c, arena_printf(a, "giá trị không hợp lệ \"%s\" ở cột \"%s\" (%s), cần 0 hoặc 1", s,
                                     col->name, col->label));
    return NULL;
  case COL_GENDER: {
    const char *g = gender_of(is_ascii(s) ? s : vi_nfc(a, s));
    if (g) return (char *)g;
    err_field(im, r, c, arena_printf(a, "giới tính không hợp lệ \"%s\" (cần M, F, Nam hoặc Nữ)", s));
    return NULL;
  }
  case COL_REF: return is_ascii(s) ? s : vi_nfc(a, s);
  }
  return NULL;
}

/* True when every field of the record is empty (a spreadsheet's ",,,," line). */
static int blank_record(const CsvRecord *rec) {
  for (int i = 0; i < rec->n; i++)
    if (*trim(rec->f[i].s)) return 0;
  return 1;
}

static void check_row(Imp *im, Row *r, int ncsv) {
  const ImportKind *k = im->k;
  const CsvRecord *rec = r->rec;
  if (rec->n != ncsv) {
    if (rec->n > ncsv)
      err_at(im, rec->f[ncsv].line, ncsv + 1,
             arena_printf(im->a, "thừa ô: dòng này có %d ô, dòng tiêu đề có %d", rec->n, ncsv));
    else
      err_at(im, rec->f[rec->n - 1].line, rec->n + 1,
             arena_printf(im->a, "thiếu ô: dòng này có %d ô, dòng tiêu đề có %d", rec->n, ncsv));
    return;
  }
  r->v = arena_alloc(im->a, sizeof(char *) * (size_t)k->ncols);
  for (int c = 0; c < k->ncols; c++) {
    const CsvField *f = field_of(im, r, c);
    char *s = f ? trim(f->s) : NULL;
    if (!s || !*s) {
      if (k->cols[c].required && f)
        err_field(im, r, c, arena_printf(im->a, "thiếu giá trị bắt buộc của cột \"%s\" (%s)", k->cols[c].name,
                                         k->cols[c].label));
      continue;
    }
    r->v[c] = check_value(im, r, c, s);
  }
  if (k->from_col >= 0 && r->v[k->from_col] && r->v[k->to_col] && strcmp(r->v[k->to_col], r->v[k->from_col]) < 0)
    err_field(im, r, k->to_col,
              arena_printf(im->a, "ngày %s ở cột \"%s\" (%s) sớm hơn ngày %s ở cột \"%s\" (%s)", r->v[k->to_col],
                           k->cols[k->to_col].name, k->cols[k->to_col].label, r->v[k->from_col],
                           k->cols[k->from_col].name, k->cols[k->from_col].label));
}

/* ---- step 3: codes ---- */

static int ref_table(const char *t) { return strcmp(t, "units") == 0 ? 0 : strcmp(t, "titles") == 0 ? 1 : 2; }

/* Does `code` exist in `table` (within the scope for units and cadres)? 1, 0, or CB_EDB. */
static int db_has(Imp *im, int table, const char *code) {
  int hit = map_get(&im->refs[table], code);
  if (hit >= 0) return hit;
  DbStmt *st = table == 0   ? db_prepare(im->db, "SELECT path FROM units WHERE code = ?")
               : table == 1 ? db_prepare(im->db, "SELECT '' FROM titles WHERE code = ?")
                            : db_prepare(im->db, "SELECT u.path FROM cadres c JOIN units u ON u.id = c.unit_id "
                                                 "WHERE c.code = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  int found = rc == DB_ROW && (table == 1 || unit_path_in_scope(db_text(st, 0), im->scope));
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  map_put(&im->refs[table], arena_strdup(im->a, code), found);
  return found;
}

/* Is the key code already in the database (anywhere, scope does not matter)? 1, 0 or CB_EDB. */
static int key_in_db(Imp *im, DbStmt *st, const char *code) {
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  db_reset(st);
  return rc < 0 ? CB_EDB : rc == DB_ROW;
}

static DbStmt *key_stmt(Imp *im) {
  int t = ref_table(im->k->key_table);
  return t == 0   ? db_prepare(im->db, "SELECT 1 FROM units WHERE code = ?")
         : t == 1 ? db_prepare(im->db, "SELECT 1 FROM titles WHERE code = ?")
                  : db_prepare(im->db, "SELECT 1 FROM cadres WHERE code = ?");
}

static const char *ref_noun(const char *t) {
  return strcmp(t, "units") == 0 ? "đơn vị" : strcmp(t, "titles") == 0 ? "chức danh" : "cán bộ";
}

static int check_codes(Imp *im) {
  const ImportKind *k = im->k;
  if (k->key >= 0) {
    DbStmt *st = key_stmt(im);
    if (!st) return CB_EDB;
    map_init(&im->keys, im->a, (size_t)im->nrows);
    for (int i = 0; i < im->nrows; i++) {
      Row *r = &im->rows[i];
      const char *code = r->v ? r->v[k->key] : NULL;
      if (!code) continue;
      int first = map_get(&im->keys, code);
      if (first >= 0) {
        err_field(im, r, k->key,
                  arena_printf(im->a, "mã \"%s\" bị trùng (đã có ở dòng %d)", code,
                               field_of(im, &im->rows[first], k->key)->line));
        continue;
      }
      map_put(&im->keys, code, i);
      int rc = key_in_db(im, st, code);
      if (rc < 0) {
        db_finalize(st);
        return rc;
      }
      if (rc) err_field(im, r, k->key, arena_printf(im->a, "mã \"%s\" bị trùng (đã có trong cơ sở dữ liệu)", code));
    }
    db_finalize(st);
  }
  for (int i = 0; i < im->nrows; i++) {
    Row *r = &im->rows[i];
    for (int c = 0; r->v && c < k->ncols; c++) {
      const ImportCol *col = &k->cols[c];
      if (col->type != COL_REF || !r->v[c]) continue;
      if (k->key_table && strcmp(col->ref, k->key_table) == 0 && map_get(&im->keys, r->v[c]) >= 0) continue;
      int rc = db_has(im, ref_table(col->ref), r->v[c]);
      if (rc < 0) return rc;
      if (!rc)
        err_field(im, r, c,
                  arena_printf(im->a, "mã %s \"%s\" không tồn tại%s", ref_noun(col->ref), r->v[c],
                               im->scope && strcmp(col->ref, "titles") != 0 ? " trong phạm vi quản lý của bạn" : ""));
    }
  }
  return 0;
}

/*
** Units may name a parent defined later in the same file: order the rows
** parent first (depth in the file's own forest) and report cycles. Fills
** order[] with row indexes.
*/
static void unit_order(Imp *im, int *order) {
  int n = im->nrows, parent_col = 3; /* units: code, name, level, parent_code */
  int *depth = arena_alloc(im->a, sizeof(int) * (size_t)(n ? n : 1));
  for (int i = 0; i < n; i++) depth[i] = -1;
  for (int i = 0; i < n; i++) {
    /* Walk up while the parent is a row of this file; coming back to i is a cycle. */
    int steps = 0, j = i;
    while (steps <= n) {
      const char *pc = im->rows[j].v ? im->rows[j].v[parent_col] : NULL;
      int p = pc ? map_get(&im->keys, pc) : -1;
      if (p < 0) break;
      j = p;
      steps++;
      if (j == i) {
        err_field(im, &im->rows[i], parent_col,
                  arena_printf(im->a, "mã đơn vị cấp trên tạo vòng lặp: đơn vị \"%s\" sẽ là cấp trên của chính nó",
                               im->rows[i].v[0]));
        break;
      }
    }
    depth[i] = steps;
  }
  int k = 0;
  for (int d = 0; k < n && d <= n; d++)
    for (int i = 0; i < n; i++)
      if (depth[i] == d) order[k++] = i;
}

static int cmp_err(const void *x, const void *y) {
  const Err *a = x, *b = y;
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  if (a->col != b->col) return a->col < b->col ? -1 : 1;
  return 0;
}

static void sha256_hex(const char *data, size_t len, char out[65]) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)data, len);
  sodium_bin2hex(out, 65, h, sizeof h);
}

/* The transaction of step 4 (see write_rows). */
static int write_rows_tx(Imp *im, const int *order, const char *actor, const char *data, size_t len, bool bulk) {
  if (db_begin(im->db) != 0) return CB_EDB;
  ImportCtx ic = {im->db, arena_new(), NULL, NULL, NULL, -1};
  const char *trigger = NULL;
  int rc = bulk ? cadre_index_suspend(im->db, im->a, &trigger) : 0, refused = 0;
  /* A row refused as data (ic.err) is reported and the next rows still tried, so every refusal is listed. */
  for (int i = 0; i < im->nrows && rc == 0; i++) {
    Row *r = &im->rows[order ? order[i] : i];
    if (!r->v) continue;
    ic.err = NULL, ic.err_col = -1;
    rc = im->k->insert(&ic, r->v);
    if (rc && rc == CB_EINVAL && ic.err && ic.err_col >= 0 && im->colpos[ic.err_col] >= 0)
      err_field(im, r, ic.err_col, arena_strdup(im->a, ic.err));
    else if (rc && rc == CB_EINVAL && ic.err)
      err_at(im, r->rec->line, 1, arena_strdup(im->a, ic.err));
    else if (rc)
      err_at(im, r->rec->line, 1,
             arena_printf(im->a, "không ghi được dòng này (lỗi cơ sở dữ liệu: %s)", db_error(im->db)));
    if (rc == CB_EINVAL && ic.err) refused = 1, rc = 0;
    if (i % 512 == 511) {
      arena_free(ic.a);
      ic.a = arena_new();
    }
  }
  arena_free(ic.a);
  if (ic.state && ic.free_state) ic.free_state(ic.state);
  if (rc == 0 && refused) rc = CB_EINVAL;
  if (rc == 0 && bulk) rc = cadre_index_resume(im->db, trigger);
  if (rc == 0) {
    char hex[65];
    sha256_hex(data, len, hex);
    json_t *after = json_pack("{s:i, s:s}", "rows", (json_int_t)im->nrows, "sha256", hex);
    char *js = json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER);
    rc = audit_log(im->db, actor, "import", im->k->kind, im->file, NULL, js);
    free(js);
    json_decref(after);
  }
  if (rc == 0 && db_commit(im->db) == 0) return 0;
  db_rollback(im->db);
  return rc == CB_EEXIST || rc == CB_ENOTFOUND || rc == CB_EINVAL ? CB_EINVAL : CB_EDB;
}

/*
** A big cadres file (at least 1,000 rows and at least as many as the table
** holds) is loaded in bulk mode: the search index is rebuilt once at the end
** instead of row by row, and foreign keys are not re-checked per row (step 3
** resolved every reference already).
*/
static bool wants_bulk(Imp *im) {
  if (strcmp(im->k->kind, "cadres") != 0 || im->nrows < 1000) return false;
  long long have = cadre_count(im->db);
  return have >= 0 && have <= im->nrows;
}

/* Step 4: everything in one transaction with its audit row. */
static int write_rows(Imp *im, const int *order, const char *actor, const char *data, size_t len) {
  bool bulk = wants_bulk(im);
  if (bulk && db_bulk_mode(im->db, true) != 0) return CB_EDB;
  int rc = write_rows_tx(im, order, actor, data, len, bulk);
  if (bulk && db_bulk_mode(im->db, false) != 0 && rc == 0) rc = CB_EDB;
  return rc;
}

/* Skip rows holding a CSV error: their fields are not what the author meant. */
static void mark_csv_errors(Imp *im, const CsvDoc *doc, char *bad) {
  for (int e = 0; e < doc->nerr; e++) {
    int line = doc->err[e].line, lo = 0, hi = doc->n - 1;
    while (lo < hi) { /* last record starting at or before `line` */
      int mid = (lo + hi + 1) / 2;
      if (doc->rec[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    if (doc->n) bad[lo] = 1;
    err_at(im, line, doc->err[e].col, (char *)doc->err[e].msg);
  }
}

static int finish_errors(Imp *im, ImportErrors *errs) {
  cb_qsort(im->errs, (size_t)im->nerr, sizeof(Err), cmp_err);
  errs->n = im->nerr;
  errs->lines = arena_alloc(im->a, sizeof(char *) * (size_t)(im->nerr ? im->nerr : 1));
  for (int i = 0; i < im->nerr; i++)
    errs->lines[i] = arena_printf(im->a, "%s:%d:%d: %s", im->file, im->errs[i].line, im->errs[i].col, im->errs[i].msg);
  return CB_EINVAL;
}

int importer_run(Db *db, Arena *a, const char *kind, const char *filename, const char *data, size_t len,
                 const char *actor, const char *scope, ImportErrors *errs, int *count) {
  Imp im = {.db = db, .a = a, .k = importer_kind(kind), .file = filename ? filename : "-", .scope = scope};
  memset(errs, 0, sizeof *errs);
  *count = 0;
  /* hardening (issue 12): titles are shared by every unit, so only a user without a unit scope imports them */
  if (scope && kind && strcmp(kind, "titles") == 0) return CB_EPERM;
  for (int t = 0; t < 3; t++) map_init(&im.refs[t], a, 16);
  map_init(&im.keys, a, 16);
  if (!im.k) {
    int nk;
    const ImportKind *ks = importer_kinds(&nk);
    char *names = "";
    for (int i = 0; i < nk; i++) names = arena_printf(a, "%s%s%s", names, i ? "|" : "", ks[i].kind);
    err_at(&im, 1, 1, arena_printf(a, "loại dữ liệu không hợp lệ \"%s\" (cần một trong: %s)", kind ? kind : "", names));
    return finish_errors(&im, errs);
  }
  CsvDoc doc;
  csv_parse(a, data, len, &doc);
  char *bad = arena_alloc(a, (size_t)doc.n + 1);
  mark_csv_errors(&im, &doc, bad);
  if (doc.n == 0 || bad[0]) {
    if (doc.n == 0) err_at(&im, 1, 1, arena_printf(a, "tệp rỗng (cần dòng tiêu đề: %s)", column_names(a, im.k)));
    return finish_errors(&im, errs);
  }
  map_header(&im, &doc.rec[0]);
  im.rows = arena_alloc(a, sizeof(Row) * (size_t)doc.n);
  int ncsv = doc.rec[0].n;
  for (int i = 1; i < doc.n; i++) {
    if (blank_record(&doc.rec[i])) continue;
    Row *r = &im.rows[im.nrows++];
    r->rec = &doc.rec[i];
    if (!bad[i]) check_row(&im, r, ncsv);
  }
  int rc = check_codes(&im);
  if (rc) return rc;
  if (scope && strcmp(im.k->kind, "units") == 0)
    for (int i = 0; i < im.nrows; i++)
      if (im.rows[i].v && !im.rows[i].v[3])
        err_at(&im, im.rows[i].rec->line, im.colpos[3] >= 0 ? im.colpos[3] + 1 : 1,
               arena_strdup(a, "thiếu mã đơn vị cấp trên (parent_code): không thể tạo đơn vị nằm ngoài phạm vi "
                                  "quản lý của bạn"));
  int *order = NULL;
  if (strcmp(im.k->kind, "units") == 0) {
    order = arena_alloc(a, sizeof(int) * (size_t)(im.nrows ? im.nrows : 1));
    unit_order(&im, order);
  }
  if (im.nerr) return finish_errors(&im, errs);
  rc = write_rows(&im, order, actor, data, len);
  if (rc == CB_EINVAL) return finish_errors(&im, errs);
  if (rc == 0) *count = im.nrows;
  return rc;
}

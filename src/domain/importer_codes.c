/*
** Steps 3 and 4 of an import (see importer.c): codes generated when the file
** has no code column, duplicate keys (in the file, in the database), every
** reference resolved -- a code, or a unit / title / cadre written by its name
** (import_values.c) -- and the all-or-nothing write with its audit row.
**
** Where `--update` plugs in: existing_key() below is the one place a row
** whose key code already exists is met. Today it is an error (CONTRACT §1:
** import never updates silently); an update import will route the row there
** to the record history of the records issue instead of inserting it.
*/
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/vi.h"
#include "domain/cadre.h"
#include "domain/cadre_edit.h"
#include "domain/counters.h"
#include "domain/importer_internal.h"
#include "domain/unit.h"

static int ref_table(const char *t) { return strcmp(t, "units") == 0 ? 0 : strcmp(t, "titles") == 0 ? 1 : 2; }

/* Does `code` exist in `table` (within the scope for units and cadres)? 1, 0, or CB_EDB. */
static int db_has(Imp *im, int table, const char *code) {
  int hit = imap_get(&im->refs[table], code);
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
  imap_put(&im->refs[table], arena_strdup(im->a, code), found);
  return found;
}

#define KEY_BATCH 256 /* codes asked per statement by keys_in_db */

/*
** Which of the n key codes `codes` are already in the key table (anywhere, scope does not matter): their
** positions get 1 in `have`, 2 for the code of a voided cadre record (which keeps its code: a new record may not
** take it), the others 0. Asked KEY_BATCH codes at a time (on PostgreSQL one round trip per batch instead of per
** row). 0 or CB_EDB.
*/
static int keys_in_db(Imp *im, const char **codes, int n, char *have) {
  int t = ref_table(im->k->key_table);
  /* fixed texts, never the file's */
  const char *sel = t == 0   ? "SELECT code, 1 FROM units"
                    : t == 1 ? "SELECT code, 1 FROM titles"
                             : "SELECT code, CASE WHEN voided_at IS NULL THEN 1 ELSE 2 END FROM cadre_records";
  Map found;
  imap_init(&found, im->a, (size_t)n);
  for (int at = 0; at < n; at += KEY_BATCH) {
    int m = n - at < KEY_BATCH ? n - at : KEY_BATCH;
    DbStmt *st = db_prepare_trusted(
        im->db, arena_printf(im->a, "%s WHERE code IN (%s)", sel, db_in_params(im->a, 1, m)));
    if (!st) return CB_EDB;
    for (int i = 0; i < m; i++) db_bind_text(st, i + 1, codes[at + i]);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) imap_put(&found, arena_strdup(im->a, db_text(st, 0)), (int)db_int(st, 1));
    db_finalize(st);
    if (rc != DB_DONE) return CB_EDB;
  }
  for (int i = 0; i < n; i++) {
    int v = imap_get(&found, codes[i]);
    have[i] = (char)(v > 0 ? v : 0);
  }
  return 0;
}

static const char *ref_noun(const char *t) {
  return strcmp(t, "units") == 0 ? "đơn vị" : strcmp(t, "titles") == 0 ? "chức danh" : "cán bộ";
}

/*
** A row whose key code is already in the database: an error, unless the
** import is an --update of cadres and the record lies in the scope; then the
** row corrects that record (update_row, each change in its history).
*/
static void existing_key(Imp *im, Row *r, const char *code) {
  if (im->o->update && strcmp(im->k->kind, "cadres") == 0) {
    int in_scope = db_has(im, 2, code);
    if (in_scope == 1) {
      r->update = true;
      return;
    }
  }
  imp_err_field(im, r, im->k->key,
                arena_printf(im->a, im->o->update && strcmp(im->k->kind, "cadres") != 0
                                        ? "mã \"%s\" đã có (--update chỉ sửa hồ sơ cán bộ)"
                                        : "mã \"%s\" bị trùng (đã có trong cơ sở dữ liệu)",
                             code));
}

/*
** --update: correct cadre `r` with the non-empty cells of its row (the code
** excluded) through the record's history, reason "nhập tệp FILE", effective
** today for the dated fields. Bad values are the row's errors.
*/
static int update_row(Imp *im, ImportCtx *ic, Row *r) {
  const ImportKind *k = im->k;
  FieldValue *v = arena_alloc(ic->a, sizeof(FieldValue) * (size_t)k->ncols);
  int n = 0;
  for (int c = 0; c < k->ncols; c++)
    if (c != k->key && r->v[c] && *r->v[c]) v[n++] = (FieldValue){k->cols[c].name, r->v[c]};
  Editor ed = {.actor = ic->actor, .source = "import", .scope = im->scope};
  CadrePatch p = {.set = v, .nset = n, .reason = arena_printf(ic->a, "nhập tệp %s", im->file)};
  FieldErrors e;
  field_errors_init(&e, ic->a);
  int changed = 0;
  int rc = cadre_patch_in_tx(im->db, ic->a, &ed, r->v[k->key], &p, &e, &changed);
  if (rc == CB_EINVAL && e.n) {
    for (int i = 0; i < e.n; i++) {
      int c = -1;
      for (int j = 0; j < k->ncols && c < 0; j++)
        if (strcmp(k->cols[j].name, e.v[i].field) == 0 && im->colpos[j] >= 0) c = j;
      if (c >= 0) imp_err_field(im, r, c, arena_strdup(im->a, e.v[i].message));
      else imp_err_at(im, r->rec->line, 1, arena_strdup(im->a, e.v[i].message));
    }
    return CB_EINVAL;
  }
  if (rc == CB_ENOTFOUND) {
    imp_err_at(im, r->rec->line, 1, arena_printf(im->a, "không tìm thấy đơn vị mới của hồ sơ \"%s\" trong phạm vi",
                                                 r->v[k->key]));
    return CB_EINVAL;
  }
  if (!rc) changed ? im->updated++ : im->unchanged++;
  return rc;
}

/* Codes that start with ?1 followed by a digit (the caller parses and checks the rest). */
#define PREFIX_DIGIT "substr(code, 1, length(?1)) = ?1 AND substr(code, length(?1) + 1, 1) BETWEEN '0' AND '9'"

/* The largest number N of codes PREFIX + digits in the key table, voided cadres included (0 when none). */
static long max_code_number(Imp *im, const char *prefix) {
  int t = ref_table(im->k->key_table);
  DbStmt *st = t == 0   ? db_prepare(im->db, "SELECT code FROM units WHERE " PREFIX_DIGIT)
               : t == 1 ? db_prepare(im->db, "SELECT code FROM titles WHERE " PREFIX_DIGIT)
                        : db_prepare(im->db, "SELECT code FROM cadre_records WHERE " PREFIX_DIGIT); /* voided too */
  long best = 0;
  if (!st) return 0;
  db_bind_text(st, 1, prefix);
  while (db_step(st) == DB_ROW) {
    const char *s = db_text(st, 0) + strlen(prefix);
    char *end;
    long v = strtol(s, &end, 10);
    if (!*end && v > best) best = v;
  }
  db_finalize(st);
  return best;
}

/* No code column: every row gets PREFIX + a number after the largest in use (DV00001, CD00001; cadres CB000001, the
   six digits of the codes the form gives: cadre_edit.c). */
static void generate_codes(Imp *im) {
  int t = ref_table(im->k->key_table);
  const char *prefix = t == 0 ? "DV" : t == 1 ? "CD" : "CB";
  long next = max_code_number(im, prefix) + 1;
  for (int i = 0; i < im->nrows; i++) {
    Row *r = &im->rows[i];
    if (!r->v) continue;
    r->v[im->k->key] = arena_printf(im->a, t == 2 ? "%s%06ld" : "%s%05ld", prefix, next++);
    im->generated++;
  }
}

#define BIRTH_BATCH 256 /* birth dates asked per statement by same_person_check */

/*
** A cadres file without a code column gets a new record for every row (generate_codes), so a person already
** in the database (the same sheet imported twice) or twice in the file would become two records of one person.
** Such rows are refused: the same full name (as stored: NFC, spaces squeezed; case and spelling variants are
** not caught) and birth date as a live record in the importer's scope, or as an earlier row. Two different
** people sharing both are imported with a code column, which this check leaves alone. 0 or CB_EDB.
*/
static int same_person_check(Imp *im) {
  const ImportKind *k = im->k;
  int nc = imp_col_by_name(k, "full_name"), bc = imp_col_by_name(k, "birth_date");
  if (nc < 0 || bc < 0) return 0;
  Map seen, dates;
  imap_init(&seen, im->a, (size_t)im->nrows);
  imap_init(&dates, im->a, (size_t)im->nrows);
  const char **bd = arena_alloc(im->a, sizeof(char *) * (size_t)(im->nrows + 1));
  int nbd = 0;
  for (int i = 0; i < im->nrows; i++) {
    Row *r = &im->rows[i];
    if (!r->v || !r->v[nc] || !r->v[bc]) continue;
    const char *key = arena_printf(im->a, "%s\x1f%s", r->v[nc], r->v[bc]);
    int first = imap_get(&seen, key);
    char vn[16];
    if (first >= 0) {
      imp_err_field(im, r, nc,
                    arena_printf(im->a, "trùng người với dòng %d (cùng họ tên «%s» và ngày sinh %s): tệp không có "
                                        "cột mã nên mỗi dòng tạo một hồ sơ mới; nếu là hai người khác nhau, thêm cột "
                                        "«Mã cán bộ»",
                                 im->rows[first].rec->line, r->v[nc], date_iso_to_vn(r->v[bc], vn)));
      continue;
    }
    imap_put(&seen, key, i);
    if (imap_get(&dates, r->v[bc]) < 0) imap_put(&dates, r->v[bc], 1), bd[nbd++] = r->v[bc];
  }
  /* the live records born on those dates, by the birth-date index; their names compared here */
  for (int at = 0; at < nbd; at += BIRTH_BATCH) {
    int m = nbd - at < BIRTH_BATCH ? nbd - at : BIRTH_BATCH;
    DbStmt *st = db_prepare_trusted(
        im->db, arena_printf(im->a, "SELECT c.code, c.full_name, c.birth_date, u.name, u.path FROM cadres c JOIN units u "
                                    "ON u.id = c.unit_id WHERE c.birth_date IN (%s)", db_in_params(im->a, 1, m)));
    if (!st) return CB_EDB;
    for (int i = 0; i < m; i++) db_bind_text(st, i + 1, bd[at + i]);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
      if (!unit_path_in_scope(db_text(st, 4), im->scope)) continue; /* not the importer's to see */
      int i = imap_get(&seen, arena_printf(im->a, "%s\x1f%s", db_text(st, 1), db_text(st, 2)));
      if (i < 0) continue;
      Row *r = &im->rows[i];
      char vn[16];
      imp_err_field(im, r, nc,
                    arena_printf(im->a, "đã có hồ sơ %s «%s», sinh %s, %s: tệp không có cột mã nên dòng này sẽ tạo "
                                        "hồ sơ thứ hai của cùng người (tệp đã nhập rồi?); để sửa hồ sơ đó, nhập tệp có "
                                        "cột «Mã cán bộ» với «Sửa hồ sơ cán bộ đã có» (--update); nếu là người khác, "
                                        "thêm cột mã",
                                 db_text(st, 0), db_text(st, 1), date_iso_to_vn(db_text(st, 2), vn), db_text(st, 3)));
    }
    db_finalize(st);
    if (rc != DB_DONE) return CB_EDB;
  }
  return 0;
}

/* Units written by name in a units file: the folded names of the file's own rows. */
static void file_unit_names(Imp *im, Map *m) {
  imap_init(m, im->a, (size_t)im->nrows);
  for (int i = 0; i < im->nrows; i++) {
    Row *r = &im->rows[i];
    const char *key = r->v && r->v[1] ? vi_fold(im->a, r->v[1]) : NULL;
    if (key) imap_put(m, key, imap_get(m, key) >= 0 ? -2 : i);
  }
}

static bool looks_like_code(const char *s) {
  for (; *s; s++)
    if (*s == ' ' || (unsigned char)*s >= 0x80) return false;
  return true;
}

/* The unit level of the unit column paired with title column c ("to_title_code" -> "to_unit_code"), or NULL. */
static const char *paired_level(Imp *im, const Row *r, int c) {
  const char *name = im->k->cols[c].name, *t = strstr(name, "title_code");
  if (!t) return NULL;
  char want[64];
  snprintf(want, sizeof want, "%.*sunit_code", (int)(t - name), name);
  int u = imp_col_by_name(im->k, want);
  return u >= 0 && r->v[u] ? import_names_unit_level(im->names, r->v[u]) : NULL;
}

/*
** A cadre given by code beside a "Họ và tên" column: the name must be that cadre's (folded: marks and case aside),
** else the row would land on someone else (a board-user trial's "MC00145,Nguyễn Văn Sai" rated Trần Đức Thông).
** Reported on the cadre column. 0 or CB_EDB.
*/
static int check_code_name(Imp *im, Row *r, int c, const char *code) {
  DbStmt *st = db_prepare(im->db, "SELECT full_name FROM cadres WHERE code = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  const char *held = rc == DB_ROW ? arena_strdup(im->a, db_text(st, 0)) : NULL;
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  const char *a = held ? vi_fold(im->a, held) : NULL, *b = vi_fold(im->a, r->name);
  if (a && b && strcmp(vi_squeeze(im->a, a), vi_squeeze(im->a, b)) != 0)
    imp_err_field(im, r, c,
                  arena_printf(im->a, "mã cán bộ \"%s\" là %s, không phải \"%s\" ghi ở cột họ và tên: sửa mã hoặc "
                                      "tên cho đúng một người",
                               code, held, r->name));
  return 0;
}

/* Resolve reference column c of row r: a code, else a name. Reports what cannot be resolved. 0 or CB_EDB. */
static int resolve_ref(Imp *im, Row *r, int c, const Map *file_units) {
  const ImportKind *k = im->k;
  const ImportCol *col = &k->cols[c];
  const char *v = r->v[c];
  if (k->key_table && strcmp(col->ref, k->key_table) == 0 && imap_get(&im->keys, v) >= 0) return 0;
  int table = ref_table(col->ref);
  int rc = db_has(im, table, v);
  if (rc < 0) return rc;
  if (rc) return table == 2 && r->name && !r->named_only ? check_code_name(im, r, c, v) : 0;
  if (file_units) { /* a units file naming a parent defined by name in the same file */
    int i = imap_get(file_units, vi_fold(im->a, v));
    if (i >= 0 && im->rows[i].v) {
      r->v[c] = im->rows[i].v[k->key];
      return 0;
    }
  }
  const char *code = NULL, *cands = NULL;
  int n = import_names_find(im->names, table, v, table == 2 ? r->birth : NULL,
                            table == 1 ? paired_level(im, r, c) : NULL, &code, &cands);
  if (n < 0) return n;
  if (n == 1) {
    r->v[c] = (char *)code;
    return 0;
  }
  const char *noun = ref_noun(col->ref);
  if (n > 1)
    imp_err_field(im, r, c,
                  arena_printf(im->a, "có %d %s tên \"%s\": %s; %s", n, noun, v, cands,
                               table == 2 ? "thêm cột \"Ngày sinh\" hoặc dùng mã cán bộ" : "dùng mã để chọn đúng"));
  else if (looks_like_code(v) && !cands)
    imp_err_field(im, r, c,
                  arena_printf(im->a, "mã %s \"%s\" không tồn tại%s", noun, v,
                               im->scope && table != 1 ? " trong phạm vi quản lý của bạn" : ""));
  else
    imp_err_field(im, r, c,
                  arena_printf(im->a, "không có %s nào có mã hoặc tên \"%s\"%s%s%s", noun, v,
                               im->scope && table != 1 ? " trong phạm vi quản lý của bạn" : "",
                               cands ? " (gần giống: " : "", cands ? arena_printf(im->a, "%s)", cands) : ""));
  return 0;
}

/* ImportKind.same: a row whose values in those columns an earlier row of the file has is refused naming that row. */
static void same_rows_check(Imp *im) {
  const int *same = im->k->same;
  if (!same || same[0] < 0) return;
  Map seen;
  imap_init(&seen, im->a, (size_t)im->nrows);
  for (int i = 0; i < im->nrows; i++) {
    Row *r = &im->rows[i];
    if (!r->v) continue;
    Buf key = BUF_INIT, shown = BUF_INIT;
    bool whole = true;
    int last = same[0];
    for (int j = 0; same[j] >= 0 && whole; j++) {
      const char *v = r->v[same[j]];
      whole = v != NULL;
      if (!whole) break;
      buf_printf(&key, "%s\x1f", v);
      buf_printf(&shown, "%s%s «%s»", j ? ", " : "", im->k->cols[same[j]].label, v);
      last = same[j];
    }
    if (whole) {
      int first = imap_get(&seen, key.p);
      if (first >= 0)
        imp_err_field(im, r, last,
                      arena_printf(im->a, "trùng với dòng %d (cùng %s): mỗi bản ghi chỉ được có một dòng trong tệp",
                                   im->rows[first].rec->line, shown.p));
      else imap_put(&seen, arena_strdup(im->a, key.p), i);
    }
    buf_free(&key);
    buf_free(&shown);
  }
}

int imp_check_codes(Imp *im) {
  const ImportKind *k = im->k;
  if (k->key >= 0 && im->gen_codes) generate_codes(im);
  if (im->gen_codes && strcmp(k->kind, "cadres") == 0 && same_person_check(im) != 0) return CB_EDB;
  if (k->key >= 0) {
    /* The file's own duplicates first, then the database asked for every new code at once. */
    imap_init(&im->keys, im->a, (size_t)im->nrows);
    int n = 0, *at = arena_alloc(im->a, sizeof(int) * (size_t)(im->nrows + 1));
    const char **codes = arena_alloc(im->a, sizeof(char *) * (size_t)(im->nrows + 1));
    for (int i = 0; i < im->nrows; i++) {
      Row *r = &im->rows[i];
      const char *code = r->v ? r->v[k->key] : NULL;
      if (!code) continue;
      int first = imap_get(&im->keys, code);
      if (first >= 0) {
        const CsvField *f = imp_field_of(im, &im->rows[first], k->key);
        imp_err_field(im, r, k->key,
                      arena_printf(im->a, "mã \"%s\" bị trùng (đã có ở dòng %d)", code,
                                   f ? f->line : im->rows[first].rec->line));
        continue;
      }
      imap_put(&im->keys, code, i);
      at[n] = i, codes[n++] = code;
    }
    char *have = arena_alloc(im->a, (size_t)n + 1);
    if (keys_in_db(im, codes, n, have) != 0) return CB_EDB;
    for (int j = 0; j < n; j++) {
      Row *r = &im->rows[at[j]];
      if (have[j] == 2)
        imp_err_field(im, r, k->key,
                      arena_printf(im->a, "mã \"%s\" là của một hồ sơ đã hủy (nhập sai); quản trị viên khôi phục hồ sơ "
                                          "đó, hoặc dùng mã khác",
                                   codes[j]));
      else if (have[j]) existing_key(im, r, codes[j]);
      else if (r->lacks) /* a partial update file: a new code needs every required column */
        imp_err_field(im, r, k->key,
                      arena_printf(im->a, "mã \"%s\" chưa có nên dòng này tạo hồ sơ mới, cần cột \"%s\" (%s) có giá trị",
                                   codes[j], k->cols[r->lacks - 1].label, k->cols[r->lacks - 1].name));
    }
  }
  Map file_units;
  bool units_kind = strcmp(k->kind, "units") == 0;
  if (units_kind) file_unit_names(im, &file_units);
  for (int i = 0; i < im->nrows; i++) {
    Row *r = &im->rows[i];
    for (int c = 0; r->v && c < k->ncols; c++) {
      if (k->cols[c].type != COL_REF || !r->v[c]) continue;
      int rc = resolve_ref(im, r, c, units_kind ? &file_units : NULL);
      if (rc < 0) return rc;
    }
  }
  same_rows_check(im); /* after the references: a cadre named by code on one row and by name on another is one */
  return 0;
}

void imp_unit_order(Imp *im, int *order) {
  int n = im->nrows, parent_col = 3; /* units: code, name, level, parent_code */
  int *depth = arena_alloc(im->a, sizeof(int) * (size_t)(n ? n : 1));
  for (int i = 0; i < n; i++) depth[i] = -1;
  for (int i = 0; i < n; i++) {
    /* Walk up while the parent is a row of this file; coming back to i is a cycle. */
    int steps = 0, j = i;
    while (steps <= n) {
      const char *pc = im->rows[j].v ? im->rows[j].v[parent_col] : NULL;
      int p = pc ? imap_get(&im->keys, pc) : -1;
      if (p < 0) break;
      j = p;
      steps++;
      if (j == i) {
        imp_err_field(im, &im->rows[i], parent_col,
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

static void sha256_hex(const char *data, size_t len, char out[65]) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)data, len);
  sodium_bin2hex(out, 65, h, sizeof h);
}

/*
** A database error of rows written earlier (streamed: db_rows_error, ImportCtx.end_state) reported at the new row it
** names by its key ("Key (code)=(B0001) already exists.", as PostgreSQL words it), else at the file's first line.
*/
static void put_off_error(Imp *im, const char *err) {
  const char *name = im->k->key >= 0 ? im->k->cols[im->k->key].name : NULL; /* "Key (code)=(...)" */
  const char *col = err && name ? strstr(err, "Key (") : NULL;
  size_t ncol = name ? strlen(name) : 0;
  const char *at = col && strncmp(col + 5, name, ncol) == 0 && strncmp(col + 5 + ncol, ")=(", 3) == 0 ? col + 5 + ncol : NULL;
  const char *end = at ? strstr(at, ") already exists") : NULL;
  for (int i = 0; end && i < im->nrows; i++) {
    const char *key = im->rows[i].v && !im->rows[i].update ? im->rows[i].v[im->k->key] : NULL;
    if (key && strlen(key) == (size_t)(end - at - 3) && strncmp(key, at + 3, (size_t)(end - at - 3)) == 0) {
      imp_err_field(im, &im->rows[i], im->k->key,
                    arena_printf(im->a, "không ghi được dòng này (lỗi cơ sở dữ liệu: %s)", err));
      return;
    }
  }
  imp_err_at(im, 1, 1, arena_printf(im->a, "không ghi được tệp (lỗi cơ sở dữ liệu: %s)", err ? err : ""));
}

/* The transaction of step 4 (see imp_write_rows). */
static int write_rows_tx(Imp *im, const int *order, const char *actor, const char *data, size_t len, bool bulk) {
  if (db_begin(im->db) != 0) return CB_EDB;
  ImportCtx ic = {im->db, arena_new(), NULL, NULL, NULL, -1, actor, im->file, bulk};
  const char *trigger = NULL;
  int rc = bulk ? cadre_index_suspend(im->db, im->a, " cadre_records record_history ", &trigger) : 0, refused = 0;
  if (rc == 0 && bulk) rc = counters_pause(im->db, true); /* the count tables: recounted once at the end */
  /* A row refused as data (ic.err) is reported and the next rows still tried, so every refusal is listed. */
  for (int i = 0; i < im->nrows && rc == 0; i++) {
    Row *r = &im->rows[order ? order[i] : i];
    if (!r->v) continue;
    ic.err = NULL, ic.err_col = -1;
    if (r->update) {
      rc = update_row(im, &ic, r);
      if (rc == CB_EINVAL) refused = 1, rc = 0;
    } else {
      rc = im->k->insert(&ic, r->v);
      if (!rc) im->created++;
      if (rc == CB_EINVAL && ic.err && ic.err_col >= 0 && im->colpos[ic.err_col] >= 0)
        imp_err_field(im, r, ic.err_col, arena_strdup(im->a, ic.err));
      else if (rc == CB_EINVAL && ic.err)
        imp_err_at(im, r->rec->line, 1, arena_strdup(im->a, ic.err));
      if (rc == CB_EINVAL && ic.err) refused = 1, rc = 0;
    }
    /* A database error: of rows streamed before (db_rows_error: reported at the row it names), or of this row. */
    if (rc && db_rows_error(im->db)) put_off_error(im, db_rows_error(im->db));
    else if (rc)
      imp_err_at(im, r->rec->line, 1,
                 arena_printf(im->a, "không ghi được dòng này (lỗi cơ sở dữ liệu: %s)", db_error(im->db)));
    if (i % 512 == 511) {
      arena_free(ic.a);
      ic.a = arena_new();
    }
  }
  arena_free(ic.a);
  if (ic.state && ic.end_state) {
    int end = ic.end_state(ic.state);
    if (end && rc == 0 && !refused) {
      put_off_error(im, db_rows_error(im->db) ? db_rows_error(im->db) : db_error(im->db));
      rc = end;
    }
  }
  if (rc == 0 && refused) rc = CB_EINVAL;
  if (rc == 0 && bulk) rc = counters_pause(im->db, false);
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
  /* A dry run went through every insert (their refusals included) and now takes it all back. */
  if (rc == 0 && !im->o->dry_run && db_commit(im->db) == 0) return 0;
  db_rollback(im->db);
  if (rc == 0 && im->o->dry_run) return 0;
  return rc == CB_EEXIST || rc == CB_ENOTFOUND || rc == CB_EINVAL ? CB_EINVAL : CB_EDB;
}

/*
** A big cadres file (at least 1,000 rows and at least as many as the table
** holds) is loaded in bulk mode: the search index is rebuilt once at the end
** instead of row by row, and foreign keys are not re-checked per row (step 3
** resolved every reference already).
*/
static bool wants_bulk(Imp *im) {
  if (strcmp(im->k->kind, "cadres") != 0 || im->nrows < 1000 || im->o->dry_run) return false;
  long long have = cadre_count(im->db);
  return have >= 0 && have <= im->nrows;
}

int imp_write_rows(Imp *im, const int *order, const char *actor, const char *data, size_t len) {
  bool bulk = wants_bulk(im);
  if (bulk && db_bulk_mode(im->db, true) != 0) return CB_EDB;
  int rc = write_rows_tx(im, order, actor, data, len, bulk);
  if (bulk && db_bulk_mode(im->db, false) != 0 && rc == 0) rc = CB_EDB;
  return rc;
}

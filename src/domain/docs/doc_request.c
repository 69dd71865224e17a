/*
** From a request to a document (doc_kinds.h): the issuing unit, the
** remembered settings merged with what was entered, the number and the
** place-and-date line, the dispatch to each kind, and the commit that
** remembers the values and audits the export.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/docs/doc_kinds.h"

const char *doc_date_vn(Arena *a, const char *iso) {
  if (!iso || !*iso) return "";
  char buf[32];
  return arena_strdup(a, date_iso_to_vn(iso, buf));
}

const char *doc_month_vn(Arena *a, const char *iso) {
  Date d;
  if (!iso || !*iso) return "";
  if (date_parse(iso, &d, DATE_PARTIAL) != 0) return arena_strdup(a, iso);
  if (d.m == 0) return arena_printf(a, "%04d", d.y);
  return arena_printf(a, "%02d/%04d", d.m, d.y);
}

const char *doc_born(Arena *a, const char *iso) {
  Date d;
  if (!iso || !*iso || date_parse(iso, &d, DATE_PARTIAL) != 0) return "sinh ngày …";
  if (d.m == 0) return arena_printf(a, "sinh năm %04d", d.y);
  if (d.d == 0) return arena_printf(a, "sinh tháng %02d/%04d", d.m, d.y);
  return arena_printf(a, "sinh ngày %02d/%02d/%04d", d.d, d.m, d.y);
}

/* The top unit of `scope` on the way from the root to the unit at `path`. */
static int issuer_of(DocCtx *c, const char *path, Unit *out) {
  if (!path || path[0] != '/') return CB_ENOTFOUND;
  const char *p = path + 1;
  while (*p) {
    const char *slash = strchr(p, '/');
    if (!slash) break;
    char *prefix = arena_strndup(c->a, path, (size_t)(slash - path + 1));
    if (unit_path_in_scope(prefix, c->scope)) return unit_find_id(c->db, c->a, atoll(p), out);
    p = slash + 1;
  }
  return CB_ENOTFOUND;
}

const char *doc_path_parent(Arena *a, const char *path) {
  size_t n = path ? strlen(path) : 0;
  if (n < 2) return arena_strdup(a, path ? path : "");
  size_t k = n - 1; /* the closing '/' */
  while (k > 0 && path[k - 1] != '/') k--;
  return k > 1 ? arena_strndup(a, path, k) : arena_strdup(a, path); /* "/1/" is a root */
}

const char *doc_path_common(Arena *a, const char *a_path, const char *b) {
  if (!a_path || !*a_path) return b;
  size_t k = 0, last = 0;
  while (a_path[k] && a_path[k] == b[k]) {
    if (a_path[k] == '/') last = k + 1;
    k++;
  }
  return last > 1 ? arena_strndup(a, b, last) : b; /* nothing in common (two roots): the act's own side */
}

/* The ids of the units on `path`, the deepest first ("/1/36/" -> 36, 1); their number. *ids in `a`. */
static int path_ids(Arena *a, const char *path, long long **ids) {
  int n = 0;
  for (const char *p = path ? path : ""; *p; p++) n += *p == '/';
  long long *v = arena_alloc(a, sizeof(long long) * (size_t)(n + 1));
  int k = 0;
  for (const char *p = path ? path : ""; *p;) {
    if (*p == '/') {
      p++;
      continue;
    }
    v[k++] = atoll(p);
    p += strcspn(p, "/");
  }
  for (int i = 0; i < k / 2; i++) {
    long long t = v[i];
    v[i] = v[k - 1 - i], v[k - 1 - i] = t;
  }
  *ids = v;
  return k;
}

/* Is unit u a Party committee by its name (Đảng bộ thành phố X, Xã Y...; not a board or an office of one)? */
static bool is_committee(Arena *a, const Unit *u) { return doc_party_committee(a, u->name); }

/* v when given (entered), else the remembered value. */
static const char *over(const char *v, const char *remembered) { return v ? v : remembered; }

/* "a; b\nc" -> lines (trimmed, empty ones dropped), in `a`. */
static void split_recipients(Arena *a, const char *s, const char ***out, int *n) {
  *n = 0;
  *out = NULL;
  if (!s || !*s) return;
  int cap = 1;
  for (const char *p = s; *p; p++) cap += *p == '\n' || *p == ';';
  const char **v = arena_alloc(a, sizeof(char *) * (size_t)cap);
  const char *p = s;
  while (*p) {
    size_t k = strcspn(p, ";\n");
    const char *b = p, *e = p + k;
    while (b < e && (*b == ' ' || *b == '\r')) b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\r' || e[-1] == ',' || e[-1] == '.')) e--;
    static const char BOARD2[] = "Ban Tổ chức Ban Tổ chức "; /* remembered from before doc_board: said once */
    if ((size_t)(e - b) > strlen(BOARD2) && strncmp(b, BOARD2, strlen(BOARD2)) == 0) b += strlen("Ban Tổ chức ");
    if (e > b) v[(*n)++] = arena_strndup(a, b, (size_t)(e - b));
    p += k;
    if (*p) p++;
  }
  *out = v;
}

/* The recipients again as one text, one per line (what is remembered). */
static const char *join_lines(Arena *a, const char **v, int n) {
  Buf b = BUF_INIT;
  for (int i = 0; i < n; i++) {
    if (i) buf_putc(&b, '\n');
    buf_puts(&b, v[i]);
  }
  const char *s = arena_strdup(a, b.p ? b.p : "");
  buf_free(&b);
  return s;
}

static bool has(const char *s) { return s && *s; }

/* The blank left for the number of an unnumbered document: ten no-break spaces (about 12 mm at 14 pt). */
#define DOC_NUMBER_BLANK                                                                                           \
  "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"

/*
** The layout a whole number's form implies (Hướng dẫn 36 vs Nghị định 30): "2088/QĐ-UBND" (number/kind-issuer)
** is the State's, "125-QĐ/TU" (number-kind/issuer) the Party's; NULL for a bare number or none.
*/
static const char *layout_of_number(const char *num) {
  if (!has(num)) return NULL;
  const char *slash = strchr(num, '/'), *dash = strchr(num, '-');
  if (!slash || !dash) return NULL;
  return slash < dash ? "state" : "party";
}

/*
** The issuing body of a State number: the unit whose code is the number's issuer symbol ("UBND" of
** "2088/QĐ-UBND"), within the scope. CB_ENOTFOUND when no such unit.
*/
static int issuer_of_number(DocCtx *c, const char *num, Unit *out) {
  const char *sym = strrchr(num, '-');
  if (!sym || !sym[1]) return CB_ENOTFOUND;
  return unit_find(c->db, c->a, scope_from_legacy(c->scope), sym + 1, out);
}

/* The nearest unit at or above `path` that is a Party committee, else the root of the tree. 0, CB_ENOTFOUND, CB_EDB. */
static int committee_over(DocCtx *c, const char *path, Unit *out) {
  long long *ids;
  int n = path_ids(c->a, path, &ids);
  for (int i = 0; i < n; i++) {
    int rc = unit_find_id(c->db, c->a, ids[i], out);
    if (rc == CB_EDB) return rc;
    if (rc == 0 && (is_committee(c->a, out) || i == n - 1)) return 0; /* else the root */
  }
  return CB_ENOTFOUND;
}

/* The first unit directly under unit `parent` whose name begins with `prefix` (no '%' or '_' in it). 0, CB_ENOTFOUND, CB_EDB. */
static int child_named(DocCtx *c, long long parent, const char *prefix, Unit *out) {
  DbStmt *st = db_prepare(c->db, "SELECT id FROM units WHERE parent_id = ? AND name LIKE ? ORDER BY sort_order, id LIMIT 1");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, parent);
  db_bind_text(st, 2, arena_printf(c->a, "%s%%", prefix));
  int rc = db_step(st);
  long long id = rc == DB_ROW ? db_int(st, 0) : 0;
  db_finalize(st);
  if (rc != DB_ROW) return rc == DB_DONE ? CB_ENOTFOUND : CB_EDB;
  return unit_find_id(c->db, c->a, id, out);
}

/* Is unit u a State body: a People's Committee or Council, or a unit under one (a Phòng of the UBND)? */
static int state_body(DocCtx *c, const Unit *u, bool *out) {
  *out = doc_state_named(u->name);
  long long *ids;
  int n = path_ids(c->a, u->path, &ids);
  for (int i = 1; i < n && !*out; i++) {
    Unit up;
    int rc = unit_find_id(c->db, c->a, ids[i], &up);
    if (rc == CB_EDB) return rc;
    *out = rc == 0 && doc_state_named(up.name);
  }
  return 0;
}

/*
** One issuer in its one layout (the Party's for a Party body, the State's for a State body). No layout chosen: a
** State body's documents are the State's, a chosen Party body's the Party's (else the number's form or what is
** remembered decides). A layout chosen for an issuer derived from the record moves the issuer: to the State, the
** People's Committee beside the Party committee over it (a committee with none prints as its People's Committee,
** doc_state_name); to the Party, the committee over the State body. Chosen against a chosen issuer of the other
** kind (the UBND in the Party's layout, the Ban Tổ chức in the State's): refused (CB_EINVAL, res->why).
*/
static int settle_issuer(DocCtx *c, const char **layout) {
  Unit *u = &c->res->issuer;
  bool st;
  int rc = state_body(c, u, &st);
  if (rc) return rc;
  const char *want = c->rq->layout;
  if (!want) {
    if (st) *layout = "state";
    else if (c->rq->issuer || (*layout && strcmp(*layout, "state") == 0 && !is_committee(c->a, u))) *layout = "party";
    return 0;
  }
  bool to_state = strcmp(want, "state") == 0, committee = is_committee(c->a, u);
  if (to_state != st && !(to_state && committee)) {
    if (c->rq->issuer) {
      c->res->why = arena_printf(c->a, "%s là cơ quan %s: văn bản của cơ quan này theo thể thức %s.", u->name,
                                 st ? "nhà nước" : "của Đảng",
                                 st ? "văn bản hành chính (Nghị định 30/2020/NĐ-CP)" : "văn bản của Đảng (Hướng dẫn 36-HD/VPTW)");
      return CB_EINVAL;
    }
    if ((rc = committee_over(c, st ? doc_path_parent(c->a, u->path) : u->path, u))) return rc;
  }
  Unit people;
  if (to_state && is_committee(c->a, u) && (rc = child_named(c, u->id, "Ủy ban nhân dân", &people)) != CB_ENOTFOUND) {
    if (rc) return rc;
    *u = people;
  }
  return 0;
}

/* The head of the personnel office that proposes a State body's decisions: its Phòng (Sở) Nội vụ's, by default. */
static int state_proposer(DocCtx *c, const Unit *body, const char **out) {
  Unit office;
  int rc = child_named(c, body->id, "Sở Nội vụ", &office);
  if (rc == 0 || (rc == CB_ENOTFOUND && body->level && strcmp(body->level, "province") == 0)) {
    *out = "Giám đốc Sở Nội vụ";
    return 0;
  }
  *out = "Trưởng phòng Nội vụ";
  return rc == CB_ENOTFOUND ? 0 : rc;
}

/*
** "Chánh Văn phòng HĐND và UBND thành phố" (the office unit under the People's Committee), else the office of the
** body by name ("Chánh Văn phòng Ủy ban nhân dân xã Hải Đông": a committee's own Văn phòng is the Party's).
*/
static int state_office(DocCtx *c, const Unit *body, const char **out) {
  Unit office;
  int rc = doc_state_named(body->name) ? child_named(c, body->id, "Văn phòng", &office) : CB_ENOTFOUND;
  if (rc == CB_EDB) return rc;
  *out = arena_printf(c->a, "Chánh %s", rc == 0 ? office.name : arena_printf(c->a, "Văn phòng %s", doc_state_name(c->a, body)));
  return 0;
}

/*
** A recorded number that is not the issuer's -- in the other layout's form, or, the issuer or layout being chosen,
** carrying another body's symbol ("4045/QĐ-UBND" on the Ban Tổ chức's decision) -- is not printed: the number is
** left blank for the issuer to give its own.
*/
static bool recorded_number_fits(DocCtx *c, const char *num, const char *symbol, bool state) {
  const char *form = layout_of_number(num);
  if (!form) return true;
  if ((strcmp(form, "state") == 0) != state) return false;
  if (!c->rq->issuer && !c->rq->layout) return true;
  const char *sym = state ? strrchr(num, '-') : strrchr(num, '/');
  return !sym || !symbol || strcmp(sym + 1, symbol) == 0;
}

int doc_issuer_choices(Db *db, Arena *a, Scope scope, const Unit *issuer, Unit **out, int *n) {
  DocCtx c = {.db = db, .a = a, .scope = scope_legacy(scope)};
  Unit top;
  int rc = committee_over(&c, issuer->path, &top);
  if (rc) return rc;
  Unit *v = arena_alloc(a, sizeof *v * 16);
  int k = 0;
  v[k++] = *issuer;
  if (top.id != issuer->id) v[k++] = top;
  DbStmt *st = db_prepare(db, "SELECT id FROM units WHERE parent_id = ? AND (name LIKE ? OR name LIKE ?) "
                              "ORDER BY sort_order, id LIMIT 12");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, top.id);
  db_bind_text(st, 2, "Ban Tổ chức%");
  db_bind_text(st, 3, "Ủy ban nhân dân%");
  long long ids[12];
  int m = 0;
  while ((rc = db_step(st)) == DB_ROW && m < 12) ids[m++] = db_int(st, 0);
  db_finalize(st);
  if (rc != DB_ROW && rc != DB_DONE) return CB_EDB;
  for (int i = 0; i < m; i++) {
    if (ids[i] == issuer->id) continue;
    if ((rc = unit_find_id(db, a, ids[i], &v[k])) == CB_EDB) return rc;
    if (rc == 0) k++;
  }
  int kept = 0; /* only the bodies the reader's scope holds may be chosen */
  for (int i = 0; i < k; i++)
    if (i == 0 || unit_path_in_scope(v[i].path, c.scope)) v[kept++] = v[i];
  *out = v, *n = kept;
  return 0;
}

int doc_state_number_body(Db *db, Arena *a, const char *number, Unit *out) {
  const char *form = layout_of_number(number), *sym = number ? strrchr(number, '-') : NULL;
  if (!form || strcmp(form, "state") != 0 || !sym || !sym[1]) return CB_EINVAL;
  return unit_find(db, a, scope_all(), sym + 1, out);
}

int doc_act_issuer(DocCtx *c, const char *near, const char *above, const char *number, Unit *out) {
  const char *form = layout_of_number(number);
  long long *ids;
  int n;
  if (form && strcmp(form, "state") == 0) { /* "2088/QĐ-UBND": the unit coded UBND */
    int rc = doc_state_number_body(c->db, c->a, number, out);
    if (rc == 0 || rc == CB_EDB) return rc;
  } else if (form) { /* "126-QĐ/TU": the nearest unit whose decisions read /TU */
    const char *sym = strrchr(number, '/') + 1;
    n = path_ids(c->a, near, &ids);
    for (int i = 0; i < n; i++) {
      DocSettings s;
      int rc = unit_find_id(c->db, c->a, ids[i], out);
      if (rc == 0) rc = doc_settings_get(c->db, c->a, out, "quyet-dinh", "party", &s);
      if (rc == CB_EDB) return rc;
      if (rc == 0 && s.symbol && strcmp(s.symbol, sym) == 0) return 0;
    }
  }
  return committee_over(c, above, out);
}

const char *doc_fold(Arena *a, const char *name) {
  utf8proc_uint8_t *f = NULL;
  utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)doc_text(a, name), 0, &f,
                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  Buf b = BUF_INIT;
  for (const char *p = k >= 0 && f ? (const char *)f : ""; *p;) {
    bool space = *p == ' ' || strncmp(p, "\xC2\xA0", 2) == 0;
    if (!space) {
      buf_putc(&b, *p++);
      continue;
    }
    p += *p == ' ' ? 1 : 2;
    if (b.len) buf_putc(&b, ' ');
    while (*p == ' ' || strncmp(p, "\xC2\xA0", 2) == 0) p += *p == ' ' ? 1 : 2;
  }
  free(f);
  while (b.len && (b.p[b.len - 1] == ' ' || b.p[b.len - 1] == ',' || b.p[b.len - 1] == '.')) b.len--;
  const char *out = arena_strndup(a, b.p ? b.p : "", b.len);
  buf_free(&b);
  return out;
}

int doc_dedupe(Arena *a, const char **v, int n) {
  const char **folded = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
  int k = 0;
  for (int i = 0; i < n; i++) {
    const char *f = doc_fold(a, v[i]);
    bool seen = false;
    for (int j = 0; j < k && !seen; j++) seen = strcmp(folded[j], f) == 0;
    if (seen) continue;
    folded[k] = f;
    v[k++] = v[i];
  }
  return k;
}

const char *doc_unit_full(Arena *a, const char *name, const char *committee) {
  const char *word = committee ? strstr(committee, "ủy ") : NULL; /* "Thành ủy| Móng Cái", "Đảng ủy| phường X" */
  if (!name || !word) return name;
  size_t level = (size_t)(word - committee) + strlen("ủy");
  size_t n = strlen(name);
  if (n <= level || name[n - level - 1] != ' ' || strncmp(name + n - level, committee, level) != 0) return name;
  return arena_printf(a, "%s%s", name, committee + level);
}

/*
** A whole number typed for the document ("125-QĐ/ĐU") whose kind or issuer symbol is not this document's -- a
** commune Đảng ủy's number on the Thành ủy's decision: the words saying so, or NULL when it fits (or is not in the
** layout's form: printed as typed). Party numbers read number-kind/issuer, State ones number/kind-issuer.
*/
static const char *number_problem(DocCtx *c, const char *num, const char *ksym, const char *symbol, bool state) {
  const char *form = layout_of_number(num);
  if (form && (strcmp(form, "state") == 0) != state)
    return arena_printf(c->a, "Số văn bản «%s» viết theo thể thức %s, còn văn bản này theo thể thức %s (%s): sửa lại số, "
                              "hoặc chỉ nhập số thứ tự để ghi đúng ký hiệu.",
                        num, state ? "văn bản của Đảng (số-loại/cơ quan)" : "văn bản hành chính (số/loại-cơ quan)",
                        state ? "văn bản hành chính" : "văn bản của Đảng",
                        state ? "ví dụ 125/QĐ-UBND" : "ví dụ 125-QĐ/TU");
  const char *sep = strchr(num, state ? '/' : '-'), *last = strrchr(num, state ? '-' : '/');
  if (!sep || !last || last <= sep) return NULL;
  const char *kind = arena_strndup(c->a, sep + 1, (size_t)(last - sep - 1)), *issuer = last + 1;
  const char *fix = arena_printf(c->a, "sửa lại số, hoặc chỉ nhập số thứ tự (%.*s) để ghi đúng ký hiệu",
                                 (int)(sep - num), num);
  if (strcmp(kind, ksym) != 0)
    return arena_printf(c->a, "Số văn bản «%s» mang ký hiệu loại văn bản «%s», nhưng đây là văn bản «%s»: %s.", num,
                        kind, ksym, fix);
  if (has(symbol) && strcmp(issuer, symbol) != 0)
    return arena_printf(c->a, "Số văn bản «%s» mang ký hiệu cơ quan «%s», nhưng văn bản do %s ban hành (ký hiệu «%s»): %s.",
                        num, issuer, has(c->committee) ? c->committee : c->res->issuer.name, symbol, fix);
  return NULL;
}

int doc_ctx_begin(DocCtx *c, const char *record_unit_path, const char *ksym) {
  const DocRequest *rq = c->rq;
  DocResult *res = c->res;
  const char *layout = rq->layout;
  if (layout && strcmp(layout, "party") != 0 && strcmp(layout, "state") != 0) {
    res->why = "Thể thức phải là party (văn bản của Đảng) hoặc state (văn bản hành chính).";
    return CB_EINVAL;
  }
  /* no layout chosen: a recorded or entered number in the State's form prints in the State's layout */
  if (!layout && ksym && !rq->issuer) layout = layout_of_number(rq->number);
  int rc;
  if (rq->issuer) rc = unit_find(c->db, c->a, scope_from_legacy(c->scope), rq->issuer, &res->issuer);
  else if (!rq->layout && layout && strcmp(layout, "state") == 0 && !c->number_recorded &&
           issuer_of_number(c, rq->number, &res->issuer) == 0)
    rc = 0; /* a State number typed: its body */
  else if (c->act_near) /* the act's number names its issuer; a whole number typed over it names the document's */
    rc = doc_act_issuer(c, c->act_near, c->act_above,
                        !c->number_recorded && layout_of_number(rq->number) ? rq->number : c->act_number, &res->issuer);
  else rc = issuer_of(c, record_unit_path, &res->issuer);
  if (!rc) rc = settle_issuer(c, &layout);
  if (rc) return rc;
  DocSettings *s = &res->used;
  if ((rc = doc_settings_get(c->db, c->a, &res->issuer, rq->kind, layout, s))) return rc;
  s->signer_name = over(rq->signer, s->signer_name);
  s->place = over(rq->place, s->place);
  s->signer_post = over(rq->signer_post, s->signer_post);
  s->authority = over(rq->authority, s->authority);
  s->body_name = over(rq->body_name, s->body_name);
  s->body_parent = over(rq->body_parent, s->body_parent);
  s->symbol = over(rq->symbol, s->symbol);
  const char **rcpt;
  int nrcpt;
  split_recipients(c->a, over(rq->recipients, s->recipients), &rcpt, &nrcpt);
  nrcpt = doc_dedupe(c->a, rcpt, nrcpt); /* a body named twice (typed, remembered or by default) is sent one copy */
  s->recipients = join_lines(c->a, rcpt, nrcpt);
  const char *sym;
  doc_committee(c->a, res->issuer.name, &c->committee, &sym);
  bool state = strcmp(s->layout, "state") == 0;
  if (state) { /* a People's Committee's text: its personnel office, its office */
    if ((rc = state_proposer(c, &res->issuer, &c->proposer)) || (rc = state_office(c, &res->issuer, &c->office)))
      return rc;
  } else if (*sym && strcmp(c->committee, res->issuer.name) == 0) { /* a board deciding in its own name */
    c->proposer = c->office = NULL;
  } else {
    c->proposer = doc_board(c->a, c->committee);
    c->office = arena_printf(c->a, "Văn phòng %s", c->committee);
  }

  /* the document's date */
  char iso[16];
  Date d = date_today();
  if (has(rq->date)) {
    char why[128];
    if (date_problem(rq->date, DATE_FULL, &d, why, sizeof why)) {
      res->why = arena_printf(c->a, "Ngày văn bản: %s.", why);
      return CB_EINVAL;
    }
    c->date_iso = arena_strdup(c->a, date_iso(d, iso));
  }
  c->as_of = c->date_iso ? c->date_iso : arena_strdup(c->a, date_iso(date_today(), iso));
  DocHead *h = &c->head;
  const char *place = has(s->place) ? s->place : "…";
  if (c->date_iso)
    h->place_date = arena_printf(c->a, "%s, ngày %02d tháng %s năm %d", place, d.d,
                                 d.m < 3 ? arena_printf(c->a, "%02d", d.m) : arena_printf(c->a, "%d", d.m), d.y);
  else
    h->place_date = arena_printf(c->a, "%s, ngày … tháng … năm %d", place, d.y);

  if (ksym) {
    const char *num = rq->number;
    if (c->number_recorded && has(num) && !recorded_number_fits(c, num, s->symbol, state)) num = NULL;
    bool whole = has(num) && (strchr(num, '-') || strchr(num, '/'));
    if (whole && !c->number_recorded && (res->why = number_problem(c, num, ksym, s->symbol, state)) != NULL)
      return CB_EINVAL;
    /* unnumbered: a blank of no-break spaces (never collapsed, never broken) for the office to write the number in,
       and the whole symbol as a numbered one has it ("Số          -TTr/BTCTU"); an issuer with no symbol known
       leaves "…" to fill in too */
    const char *n = has(num) ? num : DOC_NUMBER_BLANK;
    const char *sym = has(s->symbol) ? s->symbol : "…";
    if (whole) h->number = arena_printf(c->a, state ? "Số: %s" : "Số %s", num);
    else if (state) h->number = arena_printf(c->a, "Số: %s/%s-%s", n, ksym, sym);
    else h->number = arena_printf(c->a, "Số %s-%s/%s", n, ksym, sym);
  }
  h->body_parent = s->body_parent;
  h->body_name = s->body_name;
  h->authority = s->authority;
  h->signer_post = s->signer_post;
  h->signer_name = s->signer_name;
  h->recipients = rcpt;
  h->nrecipients = nrcpt;
  res->doc = doc_new(c->a, state ? DOC_STATE : DOC_PARTY);
  return 0;
}

int doc_build(Db *db, Arena *a, Scope scope, const DocRequest *rq, DocResult *out) {
  memset(out, 0, sizeof *out);
  DocCtx c = {.db = db, .a = a, .scope = scope_legacy(scope), .rq = rq, .res = out};
  if (!doc_kind_valid(rq->kind)) {
    out->why = "Loại văn bản phải là mau-2c, to-trinh, bien-ban, quyet-dinh, danh-sach hoặc bao-cao.";
    return CB_EINVAL;
  }
  int rc;
  if (strcmp(rq->kind, "mau-2c") == 0) rc = doc_kind_mau2c(&c);
  else if (strcmp(rq->kind, "to-trinh") == 0) rc = doc_kind_to_trinh(&c);
  else if (strcmp(rq->kind, "bien-ban") == 0) rc = doc_kind_bien_ban(&c);
  else if (strcmp(rq->kind, "quyet-dinh") == 0) rc = doc_kind_decision(&c);
  else if (strcmp(rq->kind, "danh-sach") == 0) rc = doc_kind_list(&c);
  else rc = doc_kind_report(&c);
  if (rc == CB_EINVAL && !out->why) out->why = "Tham số không hợp lệ.";
  return rc;
}

int doc_commit(Db *db, const char *actor, const DocRequest *rq, const DocResult *res, const char *format,
               bool remember) {
  if (db_begin(db) != 0) return CB_EDB;
  int rc = remember ? doc_settings_save(db, actor, &res->issuer, rq->kind, &res->used) : 0;
  if (!rc) {
    json_t *j = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?}", "kind", rq->kind, "format", format, "issuer",
                          res->issuer.code, "number", rq->number, "date", rq->date, "signer",
                          res->used.signer_name, "layout", res->used.layout);
    char *after = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    rc = after ? audit_log(db, actor ? actor : "unknown", "export", "document", res->key, NULL, after) : CB_EDB;
    free(after);
  }
  if (rc) {
    db_rollback(db);
    return CB_EDB;
  }
  return db_commit(db) == 0 ? 0 : CB_EDB;
}

/* Remembered per-unit document settings and their defaults (see doc_settings.h). */
#include "domain/docs/doc_settings.h"
#include "domain/settings.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "core/audit.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/docs/document.h"

static const char *const KINDS[] = {"mau-2c", "to-trinh", "bien-ban", "quyet-dinh", "danh-sach", "bao-cao", NULL};

bool doc_kind_valid(const char *kind) {
  for (int i = 0; kind && KINDS[i]; i++)
    if (strcmp(kind, KINDS[i]) == 0) return true;
  return false;
}

/* s starts with `prefix`, the first letter compared without case (both ASCII there). */
static bool starts(const char *s, const char *prefix) {
  size_t n = strlen(prefix);
  if (strlen(s) < n) return false;
  if ((s[0] | 0x20) != (prefix[0] | 0x20)) return false;
  return strncmp(s + 1, prefix + 1, n - 1) == 0;
}

/* The first letter of the word at s, without its marks, in capitals ("ủy" -> "U", "Đảng" -> "Đ"), appended to b. */
static void initial(Buf *b, const char *s) {
  utf8proc_int32_t cp, dec[8];
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
  if (k <= 0) return;
  int last;
  if (utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE, &last) >= 1) cp = dec[0];
  utf8proc_uint8_t enc[4];
  buf_append(b, enc, (size_t)utf8proc_encode_char(utf8proc_toupper(cp), enc));
}

/*
** The symbol of a board or office of a committee named `name` ("Ban Tổ chức Thành ủy" -> "BTCTU", "Ủy ban Kiểm
** tra Huyện ủy X" -> "UBKTHU"): the initials of the words before the committee's word and its symbol; "" when the
** name names no committee after a first word. In `a`.
*/
static const char *board_symbol(Arena *a, const char *name) {
  static const struct {
    const char *word, *symbol;
  } COMMITTEES[] = {{" Thành ủy", "TU"}, {" Huyện ủy", "HU"}, {" Tỉnh ủy", "TU"},
                    {" Quận ủy", "QU"},  {" Thị ủy", "TU"},   {" Đảng ủy", "ĐU"}};
  for (size_t i = 0; i < sizeof COMMITTEES / sizeof COMMITTEES[0]; i++) {
    const char *at = strstr(name, COMMITTEES[i].word);
    size_t n = strlen(COMMITTEES[i].word);
    if (!at || (at[n] && at[n] != ' ')) continue;
    Buf b = BUF_INIT;
    for (const char *w = name; w < at; w += strcspn(w, " ")) {
      while (*w == ' ') w++;
      if (w < at) initial(&b, w);
    }
    buf_puts(&b, COMMITTEES[i].symbol);
    const char *out = arena_strndup(a, b.p ? b.p : "", b.len);
    buf_free(&b);
    return out;
  }
  return "";
}

void doc_committee(Arena *a, const char *name, const char **committee, const char **symbol) {
  static const struct {
    const char *prefix, *word, *symbol;
    bool keep; /* keep the level word ("Đảng ủy phường X") */
  } LEVELS[] = {
      {"thành phố ", "Thành ủy", "TU", false}, {"huyện ", "Huyện ủy", "HU", false},
      {"thị xã ", "Thị ủy", "TU", false},      {"tỉnh ", "Tỉnh ủy", "TU", false},
      {"quận ", "Quận ủy", "QU", false},       {"phường ", "Đảng ủy", "ĐU", true},
      {"xã ", "Đảng ủy", "ĐU", true},          {"thị trấn ", "Đảng ủy", "ĐU", true},
  };
  const char *s = name ? name : "";
  if (starts(s, "Đảng bộ ")) s += strlen("Đảng bộ ");
  for (size_t i = 0; i < sizeof LEVELS / sizeof LEVELS[0]; i++) {
    if (!starts(s, LEVELS[i].prefix)) continue;
    const char *rest = LEVELS[i].keep ? arena_printf(a, "%c%s", s[0] | 0x20, s + 1) : s + strlen(LEVELS[i].prefix);
    *committee = arena_printf(a, "%s %s", LEVELS[i].word, rest);
    *symbol = LEVELS[i].symbol;
    return;
  }
  *committee = arena_strdup(a, name ? name : "");
  *symbol = board_symbol(a, *committee);
}

const char *doc_board(Arena *a, const char *committee) {
  const char *c = committee ? committee : "";
  return starts(c, "Ban Tổ chức") ? arena_strdup(a, c) : arena_printf(a, "Ban Tổ chức %s", c);
}

bool doc_state_named(const char *name) {
  static const char *const S[] = {"Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND"};
  for (size_t i = 0; i < sizeof S / sizeof S[0]; i++)
    if (starts(name ? name : "", S[i])) return true;
  return false;
}

bool doc_party_committee(Arena *a, const char *name) {
  const char *committee, *symbol;
  doc_committee(a, name, &committee, &symbol);
  return *symbol && strcmp(committee, name ? name : "") != 0;
}

/* Is `s` the level word of an administrative unit alone ("thành phố", "xã"...), naming no place? */
static bool bare_level(const char *s) {
  static const char *const L[] = {"thành phố", "huyện", "thị xã", "quận", "tỉnh", "xã", "phường", "thị trấn"};
  for (size_t i = 0; i < sizeof L / sizeof L[0]; i++)
    if (strcmp(s, L[i]) == 0) return true;
  return false;
}

const char *doc_state_name(Arena *a, const Unit *u) {
  static const char *const PEOPLE[] = {"Ủy ban nhân dân", "Hội đồng nhân dân"};
  const char *name = u->name ? u->name : "";
  const char *place = u->locality && *u->locality ? u->locality : NULL;
  for (size_t i = 0; i < 2; i++) {
    size_t n = strlen(PEOPLE[i]);
    if (!starts(name, PEOPLE[i]) || (name[n] && name[n] != ' ')) continue;
    const char *rest = name[n] ? name + n + 1 : "";
    return bare_level(rest) && place ? arena_printf(a, "%s %s", name, place) : arena_strdup(a, name);
  }
  if (doc_party_committee(a, name)) { /* "Đảng bộ thành phố Móng Cái", "Xã Hải Đông": its People's Committee */
    const char *s = starts(name, "Đảng bộ ") ? name + strlen("Đảng bộ ") : name;
    return arena_printf(a, "Ủy ban nhân dân %c%s", s[0] | 0x20, s + 1);
  }
  return arena_strdup(a, name);
}

void doc_settings_defaults(Arena *a, const Unit *u, const Unit *parent, const char *kind, const char *layout,
                           DocSettings *out) {
  memset(out, 0, sizeof *out);
  const char *committee, *sym;
  doc_committee(a, u->name, &committee, &sym);
  bool state = layout && strcmp(layout, "state") == 0;
  out->layout = state ? "state" : "party";
  out->place = u->locality && *u->locality ? u->locality : u->name;
  out->signer_name = "";
  const char *C = doc_upper(a, committee);
  if (state) {
    /* Nghị định 30/2020: the issuing authority named with its place ("ỦY BAN NHÂN DÂN THÀNH PHỐ MÓNG CÁI"); the line
       above it only for a body under a State authority (a Phòng under the UBND), never a Party body */
    out->body_parent = parent && doc_state_named(parent->name) ? doc_upper(a, doc_state_name(a, parent)) : "";
    out->body_name = doc_upper(a, doc_state_name(a, u));
    bool people = doc_state_named(u->name), party = doc_party_committee(a, u->name);
    out->symbol = people ? u->code : party ? "UBND" : u->code; /* the symbol its numbers carry (doc_act_issuer) */
    out->authority = people ? arena_printf(a, "TM. %s", doc_upper(a, u->name)) : party ? "TM. ỦY BAN NHÂN DÂN" : "";
    out->signer_post = people || party ? "CHỦ TỊCH" : starts(u->name, "Phòng ") ? "TRƯỞNG PHÒNG" : "THỦ TRƯỞNG CƠ QUAN";
    out->recipients = "Như Điều 3\nLưu: VT";
    if (strcmp(kind, "to-trinh") == 0) out->authority = "", out->signer_post = "THỦ TRƯỞNG CƠ QUAN";
    return;
  }
  /* Party: the issuing body under its direct superior (Hướng dẫn 36-HD/VPTW: "tên cơ quan cấp trên trực tiếp") */
  out->body_parent = parent ? (starts(parent->name, "Đảng bộ ") ? doc_upper(a, parent->name)
                                                                 : doc_upper(a, arena_printf(a, "Đảng bộ %s", parent->name)))
                            : "";
  out->body_name = C;
  out->symbol = sym;
  bool own = *sym && strcmp(committee, u->name) == 0; /* a board of a committee issuing in its own name */
  out->authority = own ? "" : "T/M BAN THƯỜNG VỤ";
  out->signer_post = own ? "TRƯỞNG BAN" : "BÍ THƯ";
  const char *board = doc_board(a, committee);
  out->recipients = arena_printf(a, "Thường trực %s\n%s\nLưu Văn phòng %s", committee, board, committee);
  if (strcmp(kind, "quyet-dinh") == 0) {
    out->recipients = arena_printf(a, "Như Điều 3\nThường trực %s\n%s\nLưu Văn phòng %s", committee, board, committee);
  } else if (strcmp(kind, "to-trinh") == 0) {
    out->body_parent = C;
    out->body_name = "BAN TỔ CHỨC";
    out->symbol = !*sym ? "BTC" : strncmp(sym, "BTC", 3) == 0 ? sym : arena_printf(a, "BTC%s", sym);
    out->authority = "";
    out->signer_post = "TRƯỞNG BAN";
    out->recipients = arena_printf(a, "Thường trực %s\nLưu %s", committee, board);
  } else if (strcmp(kind, "bien-ban") == 0) { /* the body that held the meeting, under its superior (doc_appt.c) */
    out->authority = "";
    out->signer_post = "CHỦ TRÌ HỘI NGHỊ";
    out->recipients = arena_printf(a, "%s\nLưu hồ sơ cán bộ", board);
  } else if (strcmp(kind, "mau-2c") == 0) {
    out->body_parent = ""; /* the "Tỉnh" line of the form: canbo does not know the province */
    out->body_name = "";
    out->authority = "XÁC NHẬN CỦA CƠ QUAN, ĐƠN VỊ QUẢN LÝ CÁN BỘ";
    out->signer_post = "TRƯỞNG BAN TỔ CHỨC";
    out->recipients = "";
  }
}

/* A stored text, or the default when NULL. */
static const char *pick(Arena *a, DbStmt *st, int col, const char *def) {
  const char *v = db_text(st, col);
  return v ? arena_strdup(a, v) : def;
}

/*
** Values remembered from the defaults of before, which named another body, take today's defaults (`out` holds the
** stored values over the defaults; `up`: u's superior, NULL for none): in the State's layout a Party body over the authority ("ĐẢNG BỘ THÀNH PHỐ
** MÓNG CÁI" over the UBND) and the authority's name without its place ("ỦY BAN NHÂN DÂN THÀNH PHỐ"); for a board
** deciding in its own name the Ban Thường vụ's signature ("T/M BAN THƯỜNG VỤ", "BÍ THƯ").
*/
static void repair_stored(Arena *a, const Unit *u, const Unit *up, const char *parent, const char *body,
                          const char *authority, const char *post, DocSettings *out) {
  DocSettings def;
  doc_settings_defaults(a, u, up, "quyet-dinh", out->layout, &def);
  if (strcmp(out->layout, "state") == 0) {
    if (parent && starts(parent, "ĐẢNG BỘ ")) out->body_parent = def.body_parent;
    if (body && strcmp(body, doc_upper(a, u->name)) == 0) out->body_name = def.body_name;
    return;
  }
  if (strcmp(def.signer_post, "TRƯỞNG BAN") == 0 && authority && strcmp(authority, "T/M BAN THƯỜNG VỤ") == 0 && post &&
      strcmp(post, "BÍ THƯ") == 0)
    out->authority = "", out->signer_post = "TRƯỞNG BAN";
}

int doc_settings_get(Db *db, Arena *a, const Unit *u, const char *kind, const char *layout, DocSettings *out) {
  Unit parent_unit, *parent = NULL;
  if (u->parent_id && unit_find_id(db, a, u->parent_id, &parent_unit) == 0) parent = &parent_unit;
  /* The top unit's superior is outside the tree: the province (the Mẫu 2C's "Tỉnh", settings.h), so that the
     Thành ủy's documents open with "ĐẢNG BỘ TỈNH QUẢNG NINH" as its papers do. */
  bool below_province = u->level && strcmp(u->level, "province") != 0 && strcmp(u->level, "central") != 0;
  const char *province = parent || !below_province ? NULL : settings_province_of(db, a, u->path);
  if (province && *province) {
    memset(&parent_unit, 0, sizeof parent_unit);
    bool named = strncmp(province, "Tỉnh ", strlen("Tỉnh ")) == 0 || strncmp(province, "Thành phố ", strlen("Thành phố ")) == 0;
    parent_unit.name = named ? province : arena_printf(a, "tỉnh %s", province);
    parent = &parent_unit;
  }
  DbStmt *st = db_prepare(db, "SELECT layout, body_parent, body_name, symbol, place, authority, signer_post, "
                              "signer_name, recipients FROM doc_settings WHERE unit_id = ? AND kind = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, u->id);
  db_bind_text(st, 2, kind);
  int rc = db_step(st);
  if (rc == DB_ROW && (!layout || strcmp(layout, db_text(st, 0)) == 0)) {
    doc_settings_defaults(a, u, parent, kind, db_text(st, 0), out);
    out->layout = arena_strdup(a, db_text(st, 0));
    out->body_parent = pick(a, st, 1, out->body_parent);
    out->body_name = pick(a, st, 2, out->body_name);
    const char *v = db_text(st, 3); /* an emptied symbol is none: the default (a number needs one, "-BB/BTCTU") */
    if (v && *v) out->symbol = arena_strdup(a, v);
    out->place = pick(a, st, 4, out->place);
    out->authority = pick(a, st, 5, out->authority);
    out->signer_post = pick(a, st, 6, out->signer_post);
    out->signer_name = pick(a, st, 7, out->signer_name);
    out->recipients = pick(a, st, 8, out->recipients);
    out->stored = true;
    repair_stored(a, u, parent, db_text(st, 1), db_text(st, 2), db_text(st, 5), db_text(st, 6), out);
  } else if (rc == DB_ROW || rc == DB_DONE) {
    doc_settings_defaults(a, u, parent, kind, layout, out);
  }
  db_finalize(st);
  return rc == DB_ROW || rc == DB_DONE ? 0 : CB_EDB;
}

int doc_settings_save(Db *db, const char *actor, const Unit *u, const char *kind, const DocSettings *s) {
  DbStmt *st = db_prepare(db, "INSERT INTO doc_settings(unit_id, kind, layout, body_parent, body_name, symbol, place, "
                              "authority, signer_post, signer_name, recipients, updated_at, updated_by) "
                              "VALUES(?,?,?,?,?,?,?,?,?,?,?, now_utc(), ?) "
                              "ON CONFLICT(unit_id, kind) DO UPDATE SET layout = excluded.layout, "
                              "body_parent = excluded.body_parent, body_name = excluded.body_name, "
                              "symbol = excluded.symbol, place = excluded.place, authority = excluded.authority, "
                              "signer_post = excluded.signer_post, signer_name = excluded.signer_name, "
                              "recipients = excluded.recipients, updated_at = excluded.updated_at, "
                              "updated_by = excluded.updated_by");
  if (!st) return CB_EDB;
  const char *v[] = {s->layout, s->body_parent, s->body_name, s->symbol, s->place,
                     s->authority, s->signer_post, s->signer_name, s->recipients};
  db_bind_int(st, 1, u->id);
  db_bind_text(st, 2, kind);
  for (int i = 0; i < 9; i++) db_bind_text(st, 3 + i, v[i]);
  db_bind_text(st, 12, actor);
  int rc = db_run(st);
  if (rc) return CB_EDB;
  json_t *j = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "kind", kind, "layout", s->layout,
                        "body_parent", s->body_parent, "body_name", s->body_name, "symbol", s->symbol, "place",
                        s->place, "authority", s->authority, "signer_post", s->signer_post, "signer_name",
                        s->signer_name, "recipients", s->recipients);
  char *after = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(j);
  if (!after) return CB_EDB;
  char key[160];
  snprintf(key, sizeof key, "%s/%s", u->code, kind);
  rc = audit_log(db, actor ? actor : "unknown", "update", "doc_settings", key, NULL, after);
  free(after);
  return rc;
}

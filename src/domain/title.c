/* Titles (see title.h). */
#include "domain/title.h"
#include <string.h>
#include "core/buf.h"
#include "core/err.h"
#include "core/vi.h"

static bool in_list(const char *v, const char *const *list) {
  for (; v && *list; list++)
    if (strcmp(v, *list) == 0) return true;
  return false;
}

bool title_category_valid(const char *c) {
  static const char *const L[] = {"committee", "standing", "key", "leader", "other", NULL};
  return in_list(c, L);
}

bool title_function_valid(const char *f) {
  static const char *const L[] = {"party_secretary", "party_deputy_secretary", "pc_chairman", "pc_vice_chairman",
                                  "council_chairman", "head", "deputy_head", "personnel", "accounting",
                                  "treasurer", "storekeeper", "other", NULL};
  return in_list(f, L);
}


int title_insert(Db *db, Arena *a, Title *t) {
  DbStmt *st = db_prepare(db, "INSERT INTO titles(code, name, level, category, rank, function, min_llct, min_qlnn, "
                              "min_degree, max_age_first) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, t->code);
  db_bind_text(st, 2, t->name);
  db_bind_text(st, 3, t->level);
  db_bind_text(st, 4, t->category);
  db_bind_int(st, 5, t->rank);
  db_bind_text(st, 6, str_or_null(t->function) ? t->function : "other");
  db_bind_text(st, 7, str_or_null(t->min_llct));
  db_bind_text(st, 8, str_or_null(t->min_qlnn));
  db_bind_text(st, 9, str_or_null(t->min_degree));
  if (t->max_age_first > 0) db_bind_int(st, 10, t->max_age_first);
  else db_bind_null(st, 10);
  int rc = db_run(st);
  if (rc == 0) t->id = db_last_id(db);
  return rc;
}

#define TITLE_COLS "id, code, name, level, category, rank, function, min_llct, min_qlnn, min_degree, max_age_first"

static void read_title(DbStmt *st, Arena *a, Title *t) {
  t->id = db_int(st, 0);
  t->code = arena_strdup(a, db_text(st, 1));
  t->name = arena_strdup(a, db_text(st, 2));
  t->level = arena_strdup(a, db_text(st, 3));
  t->category = arena_strdup(a, db_text(st, 4));
  t->rank = (int)db_int(st, 5);
  t->function = arena_strdup(a, db_text(st, 6));
  t->min_llct = arena_strdup(a, db_text(st, 7));
  t->min_qlnn = arena_strdup(a, db_text(st, 8));
  t->min_degree = arena_strdup(a, db_text(st, 9));
  t->max_age_first = (int)db_int(st, 10);
}

int title_find(Db *db, Arena *a, const char *code, Title *out) {
  DbStmt *st = db_prepare(db, "SELECT " TITLE_COLS " FROM titles WHERE code = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  if (rc == DB_ROW) read_title(st, a, out);
  db_finalize(st);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : CB_ENOTFOUND;
}

int title_list(Db *db, Arena *a, Title **out, int *n) {
  DbStmt *st = db_prepare(db, "SELECT " TITLE_COLS " FROM titles ORDER BY "
                              "CASE level WHEN 'central' THEN 0 WHEN 'province' THEN 1 WHEN 'district' THEN 2 "
                              "WHEN 'commune' THEN 3 ELSE 4 END, rank DESC, code");
  if (!st) return CB_EDB;
  int cap = 32, cnt = 0, rc;
  Title *v = arena_alloc(a, sizeof(Title) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      Title *w = arena_alloc(a, sizeof(Title) * (size_t)cap * 2);
      memcpy(w, v, sizeof(Title) * (size_t)cnt);
      v = w, cap *= 2;
    }
    read_title(st, a, &v[cnt++]);
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? rc : 0;
}

/* Placeholders that a generic title of a commune post ends with; the unit's own name takes their place. */
static const char *const COMMUNE_SUFFIXES[] = {" xã, phường, thị trấn", " xã, phường", " cấp xã"};

/* Words of s (split at spaces), in `a`. */
static int words(Arena *a, const char *s, char ***out) {
  char *copy = arena_strdup(a, s), *save = NULL;
  char **v = arena_alloc(a, sizeof(char *) * (strlen(s) / 2 + 2));
  int n = 0;
  for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) v[n++] = w;
  *out = v;
  return n;
}

/* Compare words ignoring case and marks ("Phòng" = "phòng"). */
static bool same_word(Arena *a, const char *x, const char *y) {
  const char *fx = vi_fold(a, x), *fy = vi_fold(a, y);
  return fx && fy && strcmp(fx, fy) == 0;
}

/*
** The commune place in a unit's name: "Phường Ka Long" -> "phường Ka Long", "Đảng bộ xã Hải An" -> "xã Hải
** An"; NULL when the name holds no commune-level place word.
*/
static const char *place_name(Arena *a, const char *unit) {
  static const char *const PLACES[][2] = {{"Xã ", "xã "}, {"Phường ", "phường "}, {"Thị trấn ", "thị trấn "},
                                          {"Đặc khu ", "đặc khu "}};
  for (size_t i = 0; i < sizeof PLACES / sizeof PLACES[0]; i++) {
    size_t n = strlen(PLACES[i][0]);
    if (strncmp(unit, PLACES[i][0], n) == 0) return arena_printf(a, "%s%s", PLACES[i][1], unit + n);
    const char *in = strstr(unit, arena_printf(a, " %s", PLACES[i][1]));
    if (in) return in + 1;
  }
  return NULL;
}

const char *title_display(Arena *a, const char *title, const char *unit, const char *level) {
  if (!title || !unit || !*unit) return title;
  size_t tn = strlen(title);
  /* A commune post held in a commune: the title names the place ("... phường Ka Long"). */
  const char *place = level && strcmp(level, "commune") != 0 ? NULL : place_name(a, unit);
  for (size_t i = 0; place && i < sizeof COMMUNE_SUFFIXES / sizeof COMMUNE_SUFFIXES[0]; i++) {
    size_t k = strlen(COMMUNE_SUFFIXES[i]);
    if (tn > k && strcmp(title + tn - k, COMMUNE_SUFFIXES[i]) == 0)
      return arena_printf(a, "%.*s %s", (int)(tn - k), title, place);
  }
  const char *ft = vi_fold(a, title), *fu = vi_fold(a, unit);
  if (ft && fu && strstr(ft, fu)) return title; /* the title names its unit already */
  /* The title's last words begin the unit's name: "Trưởng phòng" + "Phòng Nội vụ" -> "Trưởng phòng Nội vụ". */
  char **tw, **uw;
  int nt = words(a, title, &tw), nu = words(a, unit, &uw);
  for (int k = nt < nu ? nt : nu; k >= 1; k--) {
    bool match = k < nu; /* something of the unit's name must remain */
    for (int j = 0; match && j < k; j++) match = same_word(a, tw[nt - k + j], uw[j]);
    if (!match) continue;
    Buf b = BUF_INIT;
    buf_puts(&b, title);
    for (int j = k; j < nu; j++) buf_printf(&b, " %s", uw[j]);
    const char *s = arena_strdup(a, b.p);
    buf_free(&b);
    return s;
  }
  return arena_printf(a, "%s, %s", title, unit);
}

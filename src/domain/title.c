/* Titles (see title.h). */
#include "domain/title.h"
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/sort.h"
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


bool title_party_valid(const char *p) {
  static const char *const L[] = {"none", "member", "official", NULL};
  return in_list(p, L);
}

const char *title_party(const Title *t) {
  static const char *const L[] = {"none", "member", "official"};
  for (int i = 0; t->requires_party && i < 3; i++)
    if (strcmp(t->requires_party, L[i]) == 0) return L[i];
  bool party_post = (t->function && (strcmp(t->function, "party_secretary") == 0 ||
                                     strcmp(t->function, "party_deputy_secretary") == 0)) ||
                    (t->category && (strcmp(t->category, "committee") == 0 || strcmp(t->category, "standing") == 0));
  return party_post ? "official" : "none";
}

const char *title_party_label(const char *p) {
  if (p && strcmp(p, "official") == 0) return "đảng viên chính thức";
  if (p && strcmp(p, "member") == 0) return "đảng viên";
  return "không yêu cầu";
}

int title_insert(Db *db, Arena *a, Title *t) {
  DbStmt *st = db_prepare(db, "INSERT INTO titles(code, name, level, category, rank, function, min_llct, min_qlnn, "
                              "min_degree, max_age_first, requires_party, standard_basis) "
                              "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
  db_bind_text(st, 11, title_party_valid(t->requires_party) ? t->requires_party : NULL);
  db_bind_text(st, 12, str_or_null(t->standard_basis));
  int rc = db_run(st);
  if (rc == 0) t->id = db_last_id(db);
  return rc;
}

#define TITLE_COLS                                                                                             \
  "id, code, name, level, category, rank, function, min_llct, min_qlnn, min_degree, max_age_first, requires_party, " \
  "standard_basis"

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
  t->requires_party = arena_strdup(a, db_text(st, 11));
  t->standard_basis = arena_strdup(a, db_text(st, 12));
}

/* The titles from the database, in list order (title_list without the memo). */
static int title_list_read(Db *db, Arena *a, Title **out, int *n) {
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

/* The title list as memoized (db_memo). */
typedef struct {
  Title *v;
  int n;
} TitleList;

static int title_list_load(Db *db, Arena *a, void **value) {
  TitleList *l = arena_alloc(a, sizeof *l);
  *value = l;
  return title_list_read(db, a, &l->v, &l->n);
}

/* The memoized list; NULL when the memo cannot answer (in a write transaction, or it failed to load). */
static const TitleList *memo_titles(Db *db) {
  TitleList *m;
  return db_memo(db, DB_MEMO_TITLES, title_list_load, (void **)&m) == 0 ? m : NULL;
}

/*
** Issue 9 (the profile under load): the list is read once per data version (core/db.h db_memo); the caller gets
** its own array, the strings the memo's (readable for the request, db_memo).
*/
int title_list(Db *db, Arena *a, Title **out, int *n) {
  const TitleList *m = memo_titles(db);
  if (!m) return title_list_read(db, a, out, n);
  Title *v = arena_alloc(a, sizeof(Title) * (size_t)(m->n ? m->n : 1));
  memcpy(v, m->v, sizeof(Title) * (size_t)m->n);
  *out = v;
  *n = m->n;
  return 0;
}

/* From the memo when it answers (no statement: the planning review finds a title per pool member), else SQL. */
int title_find(Db *db, Arena *a, const char *code, Title *out) {
  const TitleList *m = memo_titles(db);
  if (m) {
    for (int i = 0; code && i < m->n; i++)
      if (strcmp(m->v[i].code, code) == 0) return *out = m->v[i], 0;
    return CB_ENOTFOUND;
  }
  DbStmt *st = db_prepare(db, "SELECT " TITLE_COLS " FROM titles WHERE code = ?");
  if (!st) return CB_EDB;
  db_bind_text(st, 1, code);
  int rc = db_step(st);
  if (rc == DB_ROW) read_title(st, a, out);
  db_finalize(st);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : CB_ENOTFOUND;
}

/* The title of `id`, from the memo when it answers, else SQL. 0, CB_ENOTFOUND, CB_EDB. */
int title_find_id(Db *db, Arena *a, long long id, Title *out) {
  const TitleList *m = memo_titles(db);
  if (m) {
    for (int i = 0; i < m->n; i++)
      if (m->v[i].id == id) return *out = m->v[i], 0;
    return CB_ENOTFOUND;
  }
  DbStmt *st = db_prepare(db, "SELECT " TITLE_COLS " FROM titles WHERE id = ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, id);
  int rc = db_step(st);
  if (rc == DB_ROW) read_title(st, a, out);
  db_finalize(st);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : CB_ENOTFOUND;
}

int title_ids(Db *db, Arena *a, TitleGroup g, long long **ids, int *n) {
  static const char *const HEADS[] = {"head", "party_secretary", "pc_chairman", NULL};
  Title *t;
  int nt, k = 0;
  const TitleList *m = memo_titles(db); /* only ids: no copy of the memo's strings */
  int rc = m ? 0 : title_list_read(db, a, &t, &nt);
  if (rc) return rc;
  if (m) t = m->v, nt = m->n;
  long long *v = arena_alloc(a, sizeof(long long) * (size_t)(nt ? nt : 1));
  for (int i = 0; i < nt; i++) {
    const char *c = t[i].category ? t[i].category : "";
    if (g == TITLES_KEY ? strcmp(c, "key") == 0
        : g == TITLES_COMMITTEE ? strcmp(c, "committee") == 0
        : g == TITLES_POOLED ? strcmp(c, "other") != 0
                             : in_list(t[i].function, HEADS))
      v[k++] = t[i].id;
  }
  *ids = v;
  *n = k;
  return 0;
}

/* The audit JSON of a title's Party requirement and standard text (malloc'd). */
static char *party_json(const Title *t) {
  json_t *j = json_pack("{s:s, s:s?, s:s, s:s?}", "code", t->code, "requires_party", t->requires_party, "effective",
                        title_party(t), "standard_basis", t->standard_basis);
  char *s = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(j);
  return s;
}

int title_update(Db *db, const char *actor, const char *code, const char *requires_party, const char *standard_basis) {
  if (requires_party && *requires_party && !title_party_valid(requires_party)) return CB_EINVAL;
  if (standard_basis && strlen(standard_basis) > 2000) return CB_EINVAL;
  Arena *a = arena_new();
  Title before, after;
  int rc = db_begin(db);
  if (rc == 0) rc = title_find(db, a, code ? code : "", &before);
  if (rc == 0) {
    after = before;
    if (requires_party) after.requires_party = *requires_party ? requires_party : NULL;
    if (standard_basis) after.standard_basis = *standard_basis ? standard_basis : NULL;
    DbStmt *st = db_prepare(db, "UPDATE titles SET requires_party = ?, standard_basis = ? WHERE id = ?");
    if (!st) rc = CB_EDB;
    else {
      db_bind_text(st, 1, after.requires_party);
      db_bind_text(st, 2, after.standard_basis);
      db_bind_int(st, 3, before.id);
      rc = db_run(st);
    }
  }
  if (rc == 0) {
    char *b = party_json(&before), *x = party_json(&after);
    rc = audit_log(db, actor ? actor : "?", "update", "title", before.code, b, x);
    free(b);
    free(x);
  }
  if (rc == 0) rc = db_commit(db);
  if (rc != 0) db_rollback(db);
  arena_free(a);
  return rc;
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

/* See title.h. */
const char *unit_in_sentence(Arena *a, const char *unit) {
  if (!unit) return NULL;
  static const char *const PLACE_WORDS[][2] = {
      {"Xã ", "xã "},         {"Phường ", "phường "}, {"Thị trấn ", "thị trấn "},   {"Đặc khu ", "đặc khu "},
      {"Huyện ", "huyện "},   {"Quận ", "quận "},     {"Thị xã ", "thị xã "},       {"Thành phố ", "thành phố "},
      {"Tỉnh ", "tỉnh "}};
  for (size_t i = 0; i < sizeof PLACE_WORDS / sizeof PLACE_WORDS[0]; i++) {
    size_t n = strlen(PLACE_WORDS[i][0]);
    if (strncmp(unit, PLACE_WORDS[i][0], n) == 0 && unit[n]) return arena_printf(a, "%s%s", PLACE_WORDS[i][1], unit + n);
  }
  return unit;
}

/* Folded text with the abbreviations of bodies written out ("chu tich hdnd" -> "chu tich hoi dong nhan dan"), in `a`. */
static const char *expand_abbreviations(Arena *a, const char *folded) {
  static const char *const ABBR[][2] = {{"hdnd", "hoi dong nhan dan"}, {"ubnd", "uy ban nhan dan"},
                                        {"mttq", "mat tran to quoc"}};
  if (!folded) return NULL;
  const char *s = folded;
  for (size_t i = 0; i < sizeof ABBR / sizeof ABBR[0]; i++) {
    const char *at;
    while ((at = strstr(s, ABBR[i][0])) != NULL)
      s = arena_printf(a, "%.*s%s%s", (int)(at - s), s, ABBR[i][1], at + strlen(ABBR[i][0]));
  }
  return s;
}

/* title_display without the memo below: title and unit not NULL, unit not empty. */
static const char *display_of(Arena *a, const char *title, const char *unit, const char *level) {
  size_t tn = strlen(title);
  /* A commune post held in a commune: the title names the place ("... phường Ka Long"). */
  const char *place = level && strcmp(level, "commune") != 0 ? NULL : place_name(a, unit);
  for (size_t i = 0; place && i < sizeof COMMUNE_SUFFIXES / sizeof COMMUNE_SUFFIXES[0]; i++) {
    size_t k = strlen(COMMUNE_SUFFIXES[i]);
    if (tn > k && strcmp(title + tn - k, COMMUNE_SUFFIXES[i]) == 0)
      return arena_printf(a, "%.*s %s", (int)(tn - k), title, place);
  }
  const char *ft = expand_abbreviations(a, vi_fold(a, title)), *fu = expand_abbreviations(a, vi_fold(a, unit));
  if (ft && fu && strstr(ft, fu)) return title; /* the title names its unit already ("HĐND" = "Hội đồng nhân dân") */
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
  return arena_printf(a, "%s, %s", title, unit_in_sentence(a, unit));
}

/*
** The memo of title_display: a pure function of its three strings that long lists call per row with a few dozen
** distinct arguments (the forecast's 1,400 holders at 1,000,000 spent 17% of the page folding the same names;
** issue 9). Process-wide, by the strings' contents (no stale answer is possible), under a mutex; emptied when
** three quarters full. Keys are "title US unit US level" (US = 0x1f; a NULL level as RS = 0x1e).
*/
#define DISPLAY_SLOTS 1024
typedef struct {
  char *key, *value; /* malloc'd */
} DisplaySlot;
static DisplaySlot display_memo[DISPLAY_SLOTS];
static int display_used;
static pthread_mutex_t display_lock = PTHREAD_MUTEX_INITIALIZER;

/* The slot of key (linear probing): its own, or the empty one where it would go. Under display_lock. */
static DisplaySlot *display_slot(const char *key) {
  for (unsigned i = cb_str_hash(key) % DISPLAY_SLOTS;; i = (i + 1) % DISPLAY_SLOTS)
    if (!display_memo[i].key || strcmp(display_memo[i].key, key) == 0) return &display_memo[i];
}

const char *title_beside_unit(Arena *a, const char *title, const char *unit, const char *level) {
  const char *d = title_display(a, title, unit, level);
  size_t tn = title ? strlen(title) : 0;
  return d && title && strncmp(d, title, tn) == 0 && d[tn] == ',' ? title : d;
}

const char *title_display(Arena *a, const char *title, const char *unit, const char *level) {
  if (!title || !unit || !*unit) return title;
  const char *key = arena_printf(a, "%s\x1f%s\x1f%s", title, unit, level ? level : "\x1e");
  pthread_mutex_lock(&display_lock);
  DisplaySlot *s = display_slot(key);
  if (s->key) {
    const char *v = arena_strdup(a, s->value);
    pthread_mutex_unlock(&display_lock);
    return v;
  }
  pthread_mutex_unlock(&display_lock);
  const char *v = display_of(a, title, unit, level); /* never NULL */
  pthread_mutex_lock(&display_lock);
  if (display_used >= DISPLAY_SLOTS * 3 / 4) {
    for (int i = 0; i < DISPLAY_SLOTS; i++) free(display_memo[i].key), free(display_memo[i].value);
    memset(display_memo, 0, sizeof display_memo);
    display_used = 0;
  }
  s = display_slot(key);
  if (!s->key) {
    s->key = strdup(key), s->value = strdup(v);
    if (s->key && s->value) display_used++;
    else free(s->key), free(s->value), s->key = s->value = NULL;
  }
  pthread_mutex_unlock(&display_lock);
  return v;
}

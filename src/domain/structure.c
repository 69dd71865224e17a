/* Structure statistics and the retirement list of a subtree on a date (see structure.h). */
#include "domain/structure.h"
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/sort.h"
#include "domain/cadre.h"
#include "domain/counters.h"
#include "domain/forecast.h"
#include "domain/membership.h"
#include "domain/retirement.h"
#include "domain/rules.h"

typedef struct {
  const char *key, *label;
} KL;

static const KL GENDER[] = {{"M", "Nam"}, {"F", "Nữ"}};
static const KL AGE[] = {{"under_30", "Dưới 30 tuổi"}, {"30_39", "Từ 30 đến 39 tuổi"}, {"40_49", "Từ 40 đến 49 tuổi"},
                         {"50_54", "Từ 50 đến 54 tuổi"}, {"55_plus", "Từ 55 tuổi trở lên"}};
static const KL CONG[] = {{"under_40", "Dưới 40 tuổi"}, {"40_50", "Từ 40 đến 50 tuổi"}, {"over_50", "Trên 50 tuổi"}};
static const KL YOUNG[] = {{"young", "Cán bộ trẻ"}, {"not_young", "Không thuộc diện trẻ"}};
static const KL PARTY[] = {{"member", "Đảng viên"}, {"non_member", "Chưa là đảng viên"}};
static const KL DEGREE[] = {{"tien_si_khoa_hoc", "Tiến sĩ khoa học"}, {"tien_si", "Tiến sĩ"}, {"thac_si", "Thạc sĩ"},
                            {"dai_hoc", "Đại học"}, {"cao_dang", "Cao đẳng"}, {"trung_cap", "Trung cấp"},
                            {"so_cap", "Sơ cấp"}, {"none", "Chưa có"}};
static const KL LLCT[] = {{"cao_cap", "Cao cấp, cử nhân"}, {"trung_cap", "Trung cấp"}, {"so_cap", "Sơ cấp"},
                          {"none", "Chưa có"}};
static const KL QLNN[] = {{"chuyen_vien_cao_cap", "Chuyên viên cao cấp"}, {"chuyen_vien_chinh", "Chuyên viên chính"},
                          {"chuyen_vien", "Chuyên viên"}, {"can_su", "Cán sự"}, {"none", "Chưa có"}};
static const KL CATEGORY[] = {{"committee", "Cấp ủy viên"}, {"standing", "Ủy viên thường vụ"},
                              {"key", "Lãnh đạo chủ chốt"}, {"leader", "Lãnh đạo, quản lý"},
                              {"other", "Chức danh khác"}, {"none", "Không giữ chức vụ"}};
static const int YOUNG_DEFAULT[UNIT_NLEVELS] = {45, 40, 40, 35, 35};

#define N(x) (int)(sizeof(x) / sizeof((x)[0]))

static const KL DIMS[DIM_COUNT] = {
    {"gender", "Giới tính"},          {"age", "Độ tuổi"},
    {"age_cong", "Ba độ tuổi (đại hội)"}, {"young", "Cán bộ trẻ (theo cấp)"},
    {"ethnicity", "Dân tộc"},         {"religion", "Tôn giáo"},
    {"party", "Đảng viên"},           {"degree", "Trình độ chuyên môn"},
    {"llct", "Lý luận chính trị"},    {"qlnn", "Quản lý nhà nước"},
    {"category", "Chức vụ hiện tại (loại chức danh)"}};

const char *structure_dim_key(DimId d) { return d >= 0 && d < DIM_COUNT ? DIMS[d].key : NULL; }

static void dim_fixed(Arena *a, Dimension *d, const KL *kl, int n) {
  d->v = arena_alloc(a, sizeof(Bucket) * (size_t)n);
  d->n = n;
  for (int i = 0; i < n; i++) d->v[i].key = kl[i].key, d->v[i].label = kl[i].label;
}

/* Add n cadres (of whom `women` women) to the bucket `key` of a fixed scale; unknown keys are not counted. */
static void add_fixed(Dimension *d, const char *key, long long n, long long women) {
  for (int i = 0; i < d->n; i++)
    if (strcmp(d->v[i].key, key) == 0) {
      d->v[i].n += n;
      d->v[i].women += women;
      return;
    }
}

/* Open-ended dimensions (ethnicity, religion): grow as values appear; "" is "Chưa ghi". */
typedef struct {
  Dimension *d;
  int cap;
} Open;

static void add_open(Arena *a, Open *o, const char *value, long long n, long long women) {
  const char *key = value && *value ? value : "";
  Dimension *d = o->d;
  for (int i = 0; i < d->n; i++)
    if (strcmp(d->v[i].key, key) == 0) {
      d->v[i].n += n;
      d->v[i].women += women;
      return;
    }
  if (d->n == o->cap) {
    int cap = o->cap ? o->cap * 2 : 16;
    Bucket *w = arena_alloc(a, sizeof(Bucket) * (size_t)cap);
    if (d->n) memcpy(w, d->v, sizeof(Bucket) * (size_t)d->n);
    d->v = w, o->cap = cap;
  }
  Bucket *b = &d->v[d->n++];
  b->key = arena_strdup(a, key);
  b->label = *key ? b->key : "Chưa ghi";
  b->n = n;
  b->women = women;
}

static int by_count(const void *x, const void *y) {
  const Bucket *a = x, *b = y;
  if (a->n != b->n) return a->n > b->n ? -1 : 1;
  return strcmp(a->key, b->key);
}

static int level_index(const char *level) {
  for (int i = 0; i < 5; i++)
    if (level && strcmp(level, UNIT_LEVELS[i]) == 0) return i;
  return 3;
}

static const char *age_key(int age) {
  return age < 30 ? "under_30" : age < 40 ? "30_39" : age < 50 ? "40_49" : age < 55 ? "50_54" : "55_plus";
}
static const char *cong_key(int age) { return age < 40 ? "under_40" : age <= 50 ? "40_50" : "over_50"; }
static const char *llct_key(const char *v) {
  int r = cadre_llct_rank(v);
  return r == 0 ? "none" : r == 1 ? "so_cap" : r == 2 ? "trung_cap" : "cao_cap";
}
static const char *level_key(const char *v, bool known) { return known ? v : "none"; }

/* A partial ISO date padded to a full one ("1980" -> "1980-01-01"), in buf (>= 11). */
static const char *pad_date(const char *s, char *buf) {
  if (!s || !*s) return NULL;
  size_t n = strlen(s);
  if (n == 4) snprintf(buf, 11, "%s-01-01", s);
  else if (n == 7) snprintf(buf, 11, "%s-01", s);
  else snprintf(buf, 11, "%.10s", s);
  return buf;
}

/* Units of the subtree (path prefix) that exist on the date, in tree order. */
static int load_tiles(Db *db, Arena *a, const char *scope, const char *subtree, const char *date, Structure *out) {
  Unit *units;
  int nu;
  int rc = unit_list(db, a, scope_from_legacy(scope), &units, &nu);
  if (rc) return rc;
  out->tiles = arena_alloc(a, sizeof(UnitTile) * (size_t)(nu ? nu : 1));
  out->ntiles = 0;
  for (int i = 0; i < nu; i++) {
    const Unit *u = &units[i];
    if (subtree && strncmp(u->path, subtree, strlen(subtree)) != 0) continue;
    if (u->valid_from && *u->valid_from && strcmp(u->valid_from, date) > 0) continue;
    if (u->valid_to && *u->valid_to && strcmp(u->valid_to, date) < 0) continue;
    out->tiles[out->ntiles++].unit = *u;
  }
  return 0;
}

/* Count n members (women, young of them) into the tiles whose subtree holds their unit path. */
static void add_to_tiles(Structure *s, const char *unit_path, long long n, long long women, long long young) {
  for (int i = 0; i < s->ntiles; i++) {
    const char *p = s->tiles[i].unit.path;
    if (strncmp(unit_path, p, strlen(p)) != 0) continue;
    s->tiles[i].total += n;
    s->tiles[i].women += women;
    s->tiles[i].young += young;
  }
}

void structure_member_keys(const char *gender, const char *ethnicity, const char *religion, const char *party_join,
                           const char *degree, const char *llct, const char *qlnn, const char *category,
                           const char *date, const char *k[8]) {
  char buf[11];
  const char *joined = pad_date(party_join, buf);
  k[0] = gender && strcmp(gender, "F") == 0 ? "F" : "M";
  k[1] = ethnicity ? ethnicity : "";
  k[2] = religion ? religion : "";
  k[3] = joined && strcmp(joined, date) <= 0 ? "member" : "non_member";
  k[4] = level_key(degree, cadre_degree_rank(degree) > 0);
  k[5] = llct_key(llct);
  k[6] = level_key(qlnn, cadre_qlnn_rank(qlnn) > 0);
  k[7] = category ? category : "none";
}

/* Add n members of age `age` (women of them) on a unit of `level` at `unit_path` to the age scales and tiles. */
static void add_age(Structure *s, int age, const char *level, const char *unit_path, long long n, long long women) {
  add_fixed(&s->dim[DIM_AGE], age_key(age), n, women);
  add_fixed(&s->dim[DIM_AGE_CONG], cong_key(age), n, women);
  bool young = s->young_known && age < s->young_age[level_index(level)];
  if (s->young_known) add_fixed(&s->dim[DIM_YOUNG], young ? "young" : "not_young", n, women);
  add_to_tiles(s, unit_path, 0, 0, young ? n : 0);
}

static void read_young_rule(Db *db, Arena *a, const char *date, Structure *s) {
  RuleVersion rv;
  memcpy(s->young_age, YOUNG_DEFAULT, sizeof s->young_age);
  s->young_known = rules_in_force(db, a, "PLAN-5a", date, &rv) == 0;
  if (!s->young_known) return;
  s->young_basis = rv.basis;
  for (int i = 0; i < 5; i++) s->young_age[i] = (int)rule_param_int(&rv, UNIT_LEVELS[i], YOUNG_DEFAULT[i]);
}

/* Resolve the root: the unit (in scope) or the whole scope. Sets *subtree. */
static int resolve_root(Db *db, Arena *a, const char *scope, const char *unit_code, Unit *root, const char **subtree) {
  memset(root, 0, sizeof *root);
  *subtree = scope && *scope ? scope : NULL;
  if (!unit_code || !*unit_code) return 0;
  int rc = unit_find(db, a, scope_from_legacy(scope && *scope ? scope : NULL), unit_code, root);
  if (rc) return rc;
  *subtree = root->path;
  return 0;
}

static bool valid_day(const char *date) {
  Date d;
  return date && strlen(date) == 10 && date_parse(date, &d, DATE_FULL) == 0;
}

/* The subtree (?3) and scope (?2) tests on the member's unit u. */
#define STRUCT_IN_SQL SCOPE_SQL("u.path", 2) "AND" SCOPE_SQL("u.path", 3)
/* ?1 date, ?2 scope, ?3 subtree: every member on the date in the scope and subtree, with what the structure counts,
   read in the table's order (MEMBER_FACTS_SELECT_SQL, as counters.c's rebuild reads them). */
#define STRUCT_SQL                                                                                              \
  "SELECT m.gender, m.birth_date, m.ethnicity, m.religion, m.party, m.degree, m.llct, m.qlnn, u.path, u.level, " \
  "t.category FROM (" MEMBER_FACTS_SELECT_SQL("?1") MEMBER_FACTS_JOIN_SQL "WHERE " STRUCT_IN_SQL
/* The same rows, each cadre's unit found first (MEMBER_UNIT_SQL) and only the subtree's members' positions looked
   up: what structure_recount runs (the reference of `canbo reindex --check`), and what PostgreSQL runs for a
   subtree or a scope. There STRUCT_SQL's shape hashes every position (100,000
   demo, a commune on 2025-12-31: 0.94 s against 0.61 s this way; the whole city 1.5 s against 1.7-2.6 s); on
   SQLite STRUCT_SQL is faster in every case (0.25-0.33 s against 1.4-1.7 s). */
#define STRUCT_UNIT_FIRST_SQL                                                                                     \
  "SELECT c.gender, c.birth_date, c.ethnicity, c.religion, " CADRE_AT_SQL("c", "party_join_date", "?1") ", "     \
  CADRE_AT_SQL("c", "degree", "?1") ", " CADRE_AT_SQL("c", "llct_level", "?1") ", "                              \
  CADRE_AT_SQL("c", "qlnn_level", "?1") ", u.path, u.level, t.category FROM (SELECT c.id AS cid, " MEMBER_UNIT_SQL("c", "?1")            \
  " AS uid, " MEMBER_POSITION_SQL("c", "?1") " AS pid FROM cadres c WHERE " MEMBER_BORN_SQL("c", "?1")          \
  ") m JOIN cadres c ON c.id = m.cid JOIN units u ON u.id = m.uid LEFT JOIN positions p ON p.id = m.pid "      \
  "LEFT JOIN titles t ON t.id = p.title_id WHERE " STRUCT_IN_SQL

/* Count every member on the date by reading each one (the exact path for any date); independent: by the reading
   apart from the counters' (STRUCT_UNIT_FIRST_SQL). */
static int recount_rows(Db *db, Arena *a, Scope scope, const char *subtree, const char *date, Date on, bool independent,
                        Structure *out, Open *eth, Open *rel) {
  bool unit_first = independent || (strcmp(db_engine_name(db), "postgresql") == 0 && (subtree || !scope_is_all(scope)));
  DbStmt *st = unit_first ? db_prepare(db, STRUCT_UNIT_FIRST_SQL) : db_prepare(db, STRUCT_SQL);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, date);
  scope_bind(st, 2, scope);
  db_bind_text(st, 3, subtree);
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    bool w = strcmp(db_text(st, 0), "F") == 0;
    Date birth;
    if (date_parse(db_text(st, 1), &birth, DATE_PARTIAL) != 0) continue; /* unreadable birth: not counted */
    const char *k[8];
    structure_member_keys(db_text(st, 0), db_text(st, 2), db_text(st, 3), db_text(st, 4), db_text(st, 5),
                          db_text(st, 6), db_text(st, 7), db_text(st, 10), date, k);
    out->total++;
    out->women += w;
    add_fixed(&out->dim[DIM_GENDER], k[0], 1, w);
    add_to_tiles(out, db_text(st, 8), 1, w, 0);
    add_age(out, date_age_years(birth, on), db_text(st, 9), db_text(st, 8), 1, w);
    add_open(a, eth, k[1], 1, w);
    add_open(a, rel, k[2], 1, w);
    add_fixed(&out->dim[DIM_PARTY], k[3], 1, w);
    add_fixed(&out->dim[DIM_DEGREE], k[4], 1, w);
    add_fixed(&out->dim[DIM_LLCT], k[5], 1, w);
    add_fixed(&out->dim[DIM_QLNN], k[6], 1, w);
    add_fixed(&out->dim[DIM_CATEGORY], k[7], 1, w);
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

/*
** The same figures from the counters (counters.h) when they answer the date: each row is a unit's bucket, the
** ages in full years on the date. CB_ENOTFOUND when the counters cannot answer.
*/
static int from_counters(Db *db, Arena *a, Scope scope, const char *subtree, Structure *out, Open *eth, Open *rel) {
  CountRow *v;
  int n;
  int rc = counters_read(db, a, scope, subtree, out->date, &v, &n);
  if (rc) return rc;
  for (int i = 0; i < n; i++) {
    const CountRow *r = &v[i];
    if (strcmp(r->dim, "gender") == 0) {
      out->total += r->n;
      out->women += r->women;
      add_fixed(&out->dim[DIM_GENDER], r->key, r->n, r->women);
      add_to_tiles(out, r->path, r->n, r->women, 0);
    } else if (strcmp(r->dim, "age") == 0) {
      add_age(out, atoi(r->key), r->level, r->path, r->n, r->women);
    } else if (strcmp(r->dim, "ethnicity") == 0) {
      add_open(a, eth, r->key, r->n, r->women);
    } else if (strcmp(r->dim, "religion") == 0) {
      add_open(a, rel, r->key, r->n, r->women);
    } else {
      static const struct { const char *dim; DimId id; } D[] = {
          {"party", DIM_PARTY}, {"degree", DIM_DEGREE}, {"llct", DIM_LLCT}, {"qlnn", DIM_QLNN}, {"category", DIM_CATEGORY}};
      for (size_t k = 0; k < sizeof D / sizeof D[0]; k++)
        if (strcmp(r->dim, D[k].dim) == 0) add_fixed(&out->dim[D[k].id], r->key, r->n, r->women);
    }
  }
  return 0;
}

/* structure_compute and structure_recount: recount = read every member even when the counters answer, by the
   unit-first reading (STRUCT_UNIT_FIRST_SQL), written apart from the derived table the counters are built from,
   so that `canbo reindex --check` compares two readings on both engines. */
static int compute(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, bool recount, Structure *out) {
  memset(out, 0, sizeof *out);
  if (!valid_day(date)) return CB_EINVAL;
  snprintf(out->date, sizeof out->date, "%s", date);
  const char *subtree;
  int rc = resolve_root(db, a, scope_legacy(scope), unit_code, &out->unit, &subtree);
  if (!rc) rc = load_tiles(db, a, scope_legacy(scope), subtree, date, out);
  if (rc) return rc;
  read_young_rule(db, a, date, out);
  for (int i = 0; i < DIM_COUNT; i++) out->dim[i].key = DIMS[i].key, out->dim[i].label = DIMS[i].label;
  dim_fixed(a, &out->dim[DIM_GENDER], GENDER, N(GENDER));
  dim_fixed(a, &out->dim[DIM_AGE], AGE, N(AGE));
  dim_fixed(a, &out->dim[DIM_AGE_CONG], CONG, N(CONG));
  dim_fixed(a, &out->dim[DIM_YOUNG], YOUNG, N(YOUNG));
  dim_fixed(a, &out->dim[DIM_PARTY], PARTY, N(PARTY));
  dim_fixed(a, &out->dim[DIM_DEGREE], DEGREE, N(DEGREE));
  dim_fixed(a, &out->dim[DIM_LLCT], LLCT, N(LLCT));
  dim_fixed(a, &out->dim[DIM_QLNN], QLNN, N(QLNN));
  dim_fixed(a, &out->dim[DIM_CATEGORY], CATEGORY, N(CATEGORY));
  Open eth = {&out->dim[DIM_ETHNICITY], 0}, rel = {&out->dim[DIM_RELIGION], 0};
  Date on;
  date_parse(date, &on, DATE_FULL);

  if (!recount && (rc = from_counters(db, a, scope, subtree, out, &eth, &rel)) != CB_ENOTFOUND) {
    if (rc) return rc;
  } else if ((rc = recount_rows(db, a, scope, subtree, date, on, recount, out, &eth, &rel))) {
    return rc;
  }
  if (!out->young_known) out->dim[DIM_YOUNG].n = 0;
  cb_qsort(eth.d->v, (size_t)eth.d->n, sizeof(Bucket), by_count);
  cb_qsort(rel.d->v, (size_t)rel.d->n, sizeof(Bucket), by_count);
  return 0;
}

int structure_compute(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, Structure *out) {
  return compute(db, a, scope, unit_code, date, false, out);
}

int structure_recount(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, Structure *out) {
  return compute(db, a, scope, unit_code, date, true, out);
}

static double percent(long long part, long long whole) {
  if (whole <= 0) return 0;
  return (double)((part * 1000 + whole / 2) / whole) / 10.0;
}

static json_t *unit_json(const Unit *u) {
  if (!u->code) return json_null();
  return json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "level", u->level);
}

json_t *structure_json(const Structure *s) {
  json_t *dims = json_object();
  for (int i = 0; i < DIM_COUNT; i++) {
    const Dimension *d = &s->dim[i];
    json_t *arr = json_array();
    for (int k = 0; k < d->n; k++)
      json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:I, s:f}", "key", d->v[k].key, "label", d->v[k].label,
                                           "count", (json_int_t)d->v[k].n, "women", (json_int_t)d->v[k].women,
                                           "percent", percent(d->v[k].n, s->total)));
    json_object_set_new(dims, d->key, json_pack("{s:s, s:o}", "label", d->label, "buckets", arr));
  }
  json_t *young = json_null();
  if (s->young_known) {
    json_t *ages = json_object();
    for (int i = 0; i < 5; i++) json_object_set_new(ages, UNIT_LEVELS[i], json_integer(s->young_age[i]));
    young = json_pack("{s:s, s:o, s:s?}", "rule", "PLAN-5a", "ages", ages, "basis", s->young_basis);
  }
  json_t *units = json_array();
  for (int i = 0; i < s->ntiles; i++) {
    const UnitTile *t = &s->tiles[i];
    json_array_append_new(units, json_pack("{s:s, s:s, s:s, s:i, s:I, s:I, s:I}", "code", t->unit.code, "name",
                                           t->unit.name, "level", t->unit.level, "depth", t->unit.depth, "total",
                                           (json_int_t)t->total, "women", (json_int_t)t->women, "young",
                                           (json_int_t)t->young));
  }
  return json_pack("{s:o, s:s, s:I, s:I, s:o, s:o, s:o}", "unit", unit_json(&s->unit), "date", s->date, "total",
                   (json_int_t)s->total, "women", (json_int_t)s->women, "dimensions", dims, "young_rule", young,
                   "units", units);
}

/* ?1 date, ?2 scope, ?3 subtree, ?4..?7 the birth months retiring in the window per sex. The candidates of one sex
   (SEX_SQL: c.gender = 'F' or 'M') born in [LO, HI) and their main position on ?1: one range of cadres_gender_birth
   each (schema 0043; issue 9: one range of eleven years of births, both sexes, read 250,000 cadres at 1,000,000 to
   keep a thousand). */
#define RETIRE_CANDIDATES_SQL(SEX_SQL, LO, HI)                                                                    \
  "SELECT c.id AS cid, " MEMBER_POSITION_SQL("c", "?1") " AS pid FROM cadres c WHERE " MEMBER_BORN_SQL("c", "?1") \
  " AND " SEX_SQL " AND c.birth_date >= " LO " AND c.birth_date < " HI
/* A cadre's unit on ?1 (MEMBER_UNIT_SQL with the main position p looked up once): the position's, or the cadre's
   own without one. */
#define RETIRE_UNIT_JOIN_SQL \
  "JOIN units u ON u.id = coalesce(p.unit_id, " MEMBER_OWN_UNIT_SQL("c", "?1") ") "
/* Pass 1: the candidates of the subtree and the scope, in name order, with what RET-1 needs. */
#define RETIRE_LIST_SQL                                                                                         \
  "SELECT c.id, c.gender, c.birth_date FROM (" RETIRE_CANDIDATES_SQL("c.gender = 'F'", "?4", "?5")              \
  " UNION ALL " RETIRE_CANDIDATES_SQL("c.gender = 'M'", "?6", "?7") ") m JOIN cadres c ON c.id = m.cid "       \
  "LEFT JOIN positions p ON p.id = m.pid " RETIRE_UNIT_JOIN_SQL                                                 \
  "WHERE (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) AND (?3 IS NULL OR " \
  "(u.path >= ?3 AND u.path < substr(?3, 1, length(?3) - 1) || '0')) ORDER BY c.sort_key, c.code"
/* Pass 2: what the list shows of the cadres of one page (ids from ?2 on), on ?1. */
#define RETIRE_DETAIL_SQL                                                                                         \
  "SELECT c.id, c.code, c.full_name, c.gender, c.birth_date, c.ethnicity, t.name, u.name, "                       \
  CADRE_AT_SQL("c", "degree", "?1") ", c.major, " CADRE_AT_SQL("c", "llct_level", "?1") ", "                       \
  CADRE_AT_SQL("c", "qlnn_level", "?1") " FROM cadres c LEFT JOIN positions p ON p.id = "                        \
  MEMBER_POSITION_SQL("c", "?1") " LEFT JOIN titles t ON t.id = p.title_id " RETIRE_UNIT_JOIN_SQL               \
  "WHERE c.id IN (%s)"

/* Retirement date, then the name order of the query (seq): a stable order for qsort. */
static int by_retirement(const void *x, const void *y) {
  const RetireRow *a = x, *b = y;
  int c = strcmp(a->retirement_date, b->retirement_date);
  return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/*
** Pass 1 into *out (*n rows, sorted by by_retirement): cadre_id, gender ("F"/"M", static), birth_date, the RET-1
** age, retirement and pension dates, seq; the other strings NULL. 0 or CB_EDB.
*/
static int retire_candidates(Db *db, Arena *a, Scope scope, const char *subtree, const char *date, Date on,
                             Date until, RetireRow **out, int *n) {
  DbStmt *st = db_prepare(db, RETIRE_LIST_SQL);
  if (!st) return CB_EDB;
  db_bind_text(st, 1, date);
  scope_bind(st, 2, scope);
  db_bind_text(st, 3, subtree);
  /* per sex, the birth months retiring in [date, until] (domain/forecast.h): from the first one (from its bare year
     when it is a January: "1966", read as January, sorts before "1966-01"), to the month after the last; none: an
     empty range. The exact test is below. */
  static const char SEXES[2] = {'F', 'M'};
  char iso_until[11];
  date_iso(until, iso_until);
  for (int k = 0; k < 2; k++) {
    BirthWindow w;
    char first[16] = "9999", after[16] = "0000";
    if (forecast_birth_window(SEXES[k], date, iso_until, &w))
      snprintf(first, sizeof first, "%.*s", strncmp(w.lo + 4, "-01", 3) == 0 ? 4 : 7, w.lo),
          snprintf(after, sizeof after, "%s", w.hi);
    db_bind_text(st, 4 + 2 * k, first);
    db_bind_text(st, 5 + 2 * k, after);
  }
  int cap = 64, cnt = 0, rc;
  RetireRow *v = arena_alloc(a, sizeof(RetireRow) * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    Date birth;
    Retirement ret;
    const char *g = db_text(st, 1);
    if (date_parse(db_text(st, 2), &birth, DATE_PARTIAL) != 0 || retirement_compute(g[0], birth, &ret) != 0) continue;
    if (date_cmp(ret.retirement_date, on) < 0 || date_cmp(ret.retirement_date, until) > 0) continue;
    if (cnt == cap) {
      RetireRow *w = arena_alloc(a, sizeof(RetireRow) * (size_t)cap * 2);
      memcpy(w, v, sizeof(RetireRow) * (size_t)cnt);
      v = w, cap *= 2;
    }
    RetireRow *r = &v[cnt++];
    memset(r, 0, sizeof *r);
    r->cadre_id = db_int(st, 0);
    r->seq = cnt;
    r->gender = g[0] == 'F' ? "F" : "M";
    r->birth_date = arena_strdup(a, db_text(st, 2));
    r->age_years = ret.years, r->age_months = ret.months;
    date_iso(ret.retirement_date, r->retirement_date);
    date_iso(ret.pension_from, r->pension_from);
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  cb_qsort(v, (size_t)cnt, sizeof(RetireRow), by_retirement);
  *out = v;
  *n = cnt;
  return 0;
}

/* A cadre's id and its row in a page, found by bsearch in an array sorted by id (cb_cmp_id). */
typedef struct {
  long long id;
  int at;
} IdAt;

/* Pass 2: fill the shown columns of v[0..n) (distinct cadres) on `date`, RETIRE_PAGE_MAX at a time. 0 or CB_EDB. */
#define RETIRE_PAGE_MAX 1000
static int retire_details(Db *db, Arena *a, const char *date, RetireRow *v, int n) {
  for (int from = 0; from < n; from += RETIRE_PAGE_MAX) {
    int k = n - from < RETIRE_PAGE_MAX ? n - from : RETIRE_PAGE_MAX;
    long long *ids = arena_alloc(a, sizeof(long long) * (size_t)k);
    IdAt *ix = arena_alloc(a, sizeof(IdAt) * (size_t)k);
    for (int i = 0; i < k; i++) ids[i] = v[from + i].cadre_id, ix[i] = (IdAt){ids[i], from + i};
    cb_qsort(ix, (size_t)k, sizeof(IdAt), cb_cmp_id);
    DbStmt *st = db_prepare_in(db, a, RETIRE_DETAIL_SQL, 2, ids, k);
    if (!st) return CB_EDB;
    db_bind_text(st, 1, date);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
      IdAt key = {db_int(st, 0), 0}, *hit = cb_bsearch(&key, ix, (size_t)k, sizeof(IdAt), cb_cmp_id);
      if (!hit) continue;
      RetireRow *r = &v[hit->at];
      const char **f[] = {&r->code, &r->full_name, &r->gender, &r->birth_date, &r->ethnicity, &r->title,
                          &r->unit_name, &r->degree, &r->major, &r->llct_level, &r->qlnn_level};
      for (int i = 0; i < 11; i++) *f[i] = arena_strdup(a, db_text(st, 1 + i));
    }
    db_finalize(st);
    if (rc < 0) return CB_EDB;
  }
  return 0;
}

int structure_retirements_page(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, int months,
                               int offset, int limit, RetireRow **out, int *n, int *total) {
  *out = arena_alloc(a, sizeof(RetireRow));
  *n = *total = 0;
  if (!valid_day(date) || months < 0 || months > 600 || offset < 0) return CB_EINVAL;
  Unit root;
  const char *subtree;
  int rc = resolve_root(db, a, scope_legacy(scope), unit_code, &root, &subtree);
  if (rc) return rc;
  Date on, until;
  date_parse(date, &on, DATE_FULL);
  until = date_add_months(on, months);
  RetireRow *v;
  int cnt;
  if ((rc = retire_candidates(db, a, scope, subtree, date, on, until, &v, &cnt))) return rc;
  int from = offset < cnt ? offset : cnt, k = limit < 0 || limit > cnt - from ? cnt - from : limit;
  if ((rc = retire_details(db, a, date, v + from, k))) return rc;
  *out = v + from;
  *n = k;
  *total = cnt;
  return 0;
}

int structure_retirements(Db *db, Arena *a, Scope scope, const char *unit_code, const char *date, int months,
                          RetireRow **out, int *n) {
  int total;
  return structure_retirements_page(db, a, scope, unit_code, date, months, 0, -1, out, n, &total);
}

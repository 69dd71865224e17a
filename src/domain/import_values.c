/*
** Vietnamese values and names on import (see import_values.h). The alias
** table below is data: one row per stored code, its Vietnamese label first
** (used by templates and drop-down lists), then what boards also write.
** Aliases are compared after vi_fold with punctuation turned to spaces, so
** case, tone marks, "đ" and "Đại học." / "đại  học" do not matter.
*/
#include "domain/import_values.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "core/date.h"
#include "core/err.h"
#include "core/vi.h"
#include "domain/unit.h"

typedef struct {
  const char *code;
  const char *aliases; /* '|'-separated; the first is the label */
} Alias;

static const Alias ALIASES[] = {
    /* unit and title levels */
    {"central", "Trung ương|TW"},
    {"province", "Tỉnh|Thành phố trực thuộc trung ương|Cấp tỉnh"},
    {"district", "Huyện|Cấp huyện|Quận|Thị xã|Thành phố thuộc tỉnh"},
    {"commune", "Xã|Cấp xã|Phường|Thị trấn|Xã, phường, thị trấn"},
    {"grassroots", "Cơ sở|Chi bộ|Đảng bộ cơ sở"},
    /* title categories and functions */
    {"committee", "Cấp ủy|Ủy viên cấp ủy|Ban chấp hành"},
    {"standing", "Ban thường vụ|Thường vụ|Ủy viên ban thường vụ"},
    {"key", "Chủ chốt|Lãnh đạo chủ chốt"},
    {"leader", "Lãnh đạo|Lãnh đạo quản lý"},
    {"other", "Khác"},
    {"party_secretary", "Bí thư|Bí thư cấp ủy"},
    {"party_deputy_secretary", "Phó Bí thư|Phó Bí thư cấp ủy"},
    {"pc_chairman", "Chủ tịch UBND|Chủ tịch Ủy ban nhân dân"},
    {"pc_vice_chairman", "Phó Chủ tịch UBND|Phó Chủ tịch Ủy ban nhân dân"},
    {"council_chairman", "Chủ tịch HĐND|Chủ tịch Hội đồng nhân dân"},
    {"head", "Trưởng|Người đứng đầu|Cấp trưởng"},
    {"deputy_head", "Phó|Cấp phó"},
    {"personnel", "Tổ chức cán bộ|Tổ chức|Nhân sự"},
    {"accounting", "Kế toán"},
    {"treasurer", "Thủ quỹ"},
    {"storekeeper", "Thủ kho"},
    /* degree, political theory (LLCT), state management (QLNN) */
    {"so_cap", "Sơ cấp|Sơ cấp LLCT|Sơ cấp lý luận chính trị"},
    {"trung_cap", "Trung cấp|Trung cấp LLCT|Trung cấp lý luận chính trị|Trung học chuyên nghiệp|TC"},
    {"cao_dang", "Cao đẳng|CĐ"},
    {"dai_hoc", "Đại học|Cử nhân|Kỹ sư|ĐH|Bác sĩ|Dược sĩ|Kiến trúc sư|Đại học chính quy|Đại học tại chức"},
    {"thac_si", "Thạc sĩ|Thạc sỹ|ThS|Thạc sĩ khoa học"},
    {"tien_si", "Tiến sĩ|Tiến sỹ|TS"},
    {"tien_si_khoa_hoc", "Tiến sĩ khoa học|Tiến sỹ khoa học|TSKH"},
    {"cao_cap", "Cao cấp|Cao cấp LLCT|Cao cấp lý luận chính trị|CC"},
    {"cu_nhan", "Cử nhân|Cử nhân chính trị|Cử nhân LLCT|Cử nhân lý luận chính trị"},
    {"can_su", "Cán sự|Cán sự và tương đương"},
    {"chuyen_vien", "Chuyên viên|CV|Chuyên viên và tương đương"},
    {"chuyen_vien_chinh", "Chuyên viên chính|CVC|Chuyên viên chính và tương đương"},
    {"chuyen_vien_cao_cap", "Chuyên viên cao cấp|CVCC|Chuyên viên cao cấp và tương đương"},
    /* training programs and statuses */
    {"llct_cao_cap", "Cao cấp lý luận chính trị|Cao cấp LLCT|Cao cấp chính trị"},
    {"llct_trung_cap", "Trung cấp lý luận chính trị|Trung cấp LLCT|Trung cấp chính trị"},
    {"llct_so_cap", "Sơ cấp lý luận chính trị|Sơ cấp LLCT|Sơ cấp chính trị"},
    {"qlnn_cvcc", "Bồi dưỡng chuyên viên cao cấp|QLNN chuyên viên cao cấp|Chuyên viên cao cấp"},
    {"qlnn_cvc", "Bồi dưỡng chuyên viên chính|QLNN chuyên viên chính|Chuyên viên chính"},
    {"qlnn_cv", "Bồi dưỡng chuyên viên|QLNN chuyên viên|Chuyên viên"},
    {"leadership_skills", "Bồi dưỡng kỹ năng lãnh đạo quản lý|Kỹ năng lãnh đạo|Kỹ năng lãnh đạo, quản lý"},
    {"overseas_165", "Đào tạo ở nước ngoài (Đề án 165)|Đề án 165|Nước ngoài 165"},
    {"degree", "Đào tạo chuyên môn|Chuyên môn|Văn bằng"},
    {"registered", "Đã đăng ký|Đăng ký|Cử đi học"},
    {"studying", "Đang học|Đang đào tạo"},
    {"completed", "Hoàn thành|Đã hoàn thành|Tốt nghiệp|Đã tốt nghiệp|Hoàn thành nhiệm vụ|HTNV"},
    {"dropped", "Bỏ học|Thôi học|Không hoàn thành khóa học"},
    /* ratings */
    {"excellent", "Hoàn thành xuất sắc nhiệm vụ|Hoàn thành xuất sắc|HTXSNV|Xuất sắc"},
    {"good", "Hoàn thành tốt nhiệm vụ|Hoàn thành tốt|HTTNV|Tốt"},
    {"failed", "Không hoàn thành nhiệm vụ|Không hoàn thành|KHTNV"},
    /* discipline */
    {"reprimand", "Khiển trách"},
    {"warning", "Cảnh cáo"},
    {"removal_from_post", "Cách chức"},
    {"expulsion", "Khai trừ|Khai trừ ra khỏi Đảng"},
    {"salary_demotion", "Hạ bậc lương"},
    {"demotion", "Giáng chức"},
    {"dismissal_from_service", "Buộc thôi việc"},
    {"party", "Kỷ luật Đảng|Đảng"},
    {"state", "Kỷ luật chính quyền|Chính quyền|Nhà nước|Hành chính"},
    /* rotations, appointments, planning */
    {"rotation", "Luân chuyển"},
    {"transfer", "Điều động"},
    {"secondment", "Biệt phái"},
    {"reinforcement", "Tăng cường"},
    {"appointment", "Bổ nhiệm|Bổ nhiệm lần đầu"},
    {"reappointment", "Bổ nhiệm lại"},
    {"promotion", "Đề bạt"},
    {"nomination", "Giới thiệu ứng cử|Giới thiệu"},
    {"extension", "Kéo dài thời gian giữ chức vụ|Kéo dài"},
    {"dismissal", "Miễn nhiệm|Thôi giữ chức vụ"},
    {"internal", "Nguồn tại chỗ|Tại chỗ|Nội bộ"},
    {"external", "Nguồn từ nơi khác|Nơi khác|Bên ngoài"},
    {"add", "Bổ sung|Thêm|Đưa vào"},
    {"remove", "Đưa ra|Rút|Loại khỏi quy hoạch|Đưa ra khỏi quy hoạch"},
    /* family relations */
    {"spouse", "Vợ/chồng|Vợ|Chồng"},
    {"parent", "Cha/mẹ|Bố|Cha|Mẹ|Bố đẻ|Mẹ đẻ|Cha đẻ"},
    {"child", "Con|Con đẻ|Con trai|Con gái"},
    {"sibling", "Anh/chị/em ruột|Anh ruột|Chị ruột|Em ruột|Anh|Chị|Em"},
    {"parent_in_law", "Bố/mẹ vợ (chồng)|Bố vợ|Mẹ vợ|Bố chồng|Mẹ chồng|Cha vợ|Cha chồng"},
    {"child_in_law", "Con dâu/con rể|Con dâu|Con rể"},
    {"sibling_in_law", "Anh/chị/em vợ (chồng)|Anh rể|Em rể|Chị dâu|Em dâu|Anh vợ|Chị vợ|Em vợ|Anh chồng|Chị chồng|Em chồng"},
};
#define N_ALIASES (int)(sizeof ALIASES / sizeof ALIASES[0])

/* vi_fold, then every character that is not a letter or digit becomes a space, squeezed. */
static char *value_key(Arena *a, const char *s) {
  char *f = vi_fold(a, s);
  if (!f) return NULL;
  char *w = f;
  bool space = true;
  for (char *p = f; *p; p++) {
    unsigned char c = (unsigned char)*p;
    bool keep = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) *w++ = *p, space = false;
    else if (!space) *w++ = ' ', space = true;
  }
  while (w > f && w[-1] == ' ') w--;
  *w = 0;
  return f;
}

static const Alias *alias_of(const char *code) {
  for (int i = 0; i < N_ALIASES; i++)
    if (strcmp(ALIASES[i].code, code) == 0) return &ALIASES[i];
  return NULL;
}

/* s with its first letter in capitals, in a per-thread buffer (labels for sentences: "luân chuyển" in a cell). */
static const char *capitalized(const char *s) {
  static __thread char buf[256];
  utf8proc_int32_t cp;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
  if (k <= 0 || utf8proc_toupper(cp) == cp || strlen(s) + 4 >= sizeof buf) return s;
  utf8proc_ssize_t w = utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)buf);
  snprintf(buf + w, sizeof buf - (size_t)w, "%s", s + k);
  return buf;
}

const char *import_enum_label(const ImportCol *col, const char *code) {
  const char *shown = col && col->label_of && code ? col->label_of(code) : NULL;
  if (shown && *shown && strcmp(shown, code) != 0) return capitalized(shown); /* the words the system shows */
  const Alias *al = alias_of(code);
  if (!al) return code;
  const char *bar = strchr(al->aliases, '|');
  static __thread char buf[128];
  size_t n = bar ? (size_t)(bar - al->aliases) : strlen(al->aliases);
  if (n >= sizeof buf) n = sizeof buf - 1;
  memcpy(buf, al->aliases, n);
  buf[n] = 0;
  return buf;
}

const char *import_enum_value(Arena *a, const ImportCol *col, const char *s) {
  for (int i = 0; col->values[i]; i++)
    if (strcasecmp(s, col->values[i]) == 0) return col->values[i];
  char *key = value_key(a, s);
  if (!key || !*key) return NULL;
  for (int i = 0; col->values[i]; i++) { /* "dai hoc" for dai_hoc */
    const char *v = col->values[i];
    size_t n = strlen(v);
    if (strlen(key) == n) {
      size_t j = 0;
      while (j < n && (key[j] == v[j] || (key[j] == ' ' && v[j] == '_'))) j++;
      if (j == n) return v;
    }
  }
  for (int i = 0; col->values[i]; i++) {
    const Alias *al = alias_of(col->values[i]);
    for (const char *p = al ? al->aliases : NULL; p && *p;) {
      const char *bar = strchr(p, '|');
      size_t n = bar ? (size_t)(bar - p) : strlen(p);
      char *k = value_key(a, arena_strndup(a, p, n));
      if (k && strcmp(k, key) == 0) return col->values[i];
      p += n + (bar ? 1 : 0);
    }
  }
  for (int i = 0; col->label_of && col->values[i]; i++) { /* what the forms and reports show */
    const char *k = value_key(a, col->label_of(col->values[i]));
    if (k && strcmp(k, key) == 0) return col->values[i];
  }
  return NULL;
}

const char *import_enum_short(Arena *a, const ImportCol *col, const char *code) {
  const char *best = arena_strdup(a, import_enum_label(col, code)); /* not the per-thread buffer: kept by callers */
  const Alias *al = alias_of(code);
  for (const char *p = al ? al->aliases : NULL; p && *p;) {
    const char *bar = strchr(p, '|');
    size_t n = bar ? (size_t)(bar - p) : strlen(p);
    if (n < strlen(best) && n >= 8) best = arena_strndup(a, p, n);
    p += n + (bar ? 1 : 0);
  }
  return best;
}

const char *import_gender(Arena *a, const char *s) {
  char *k = value_key(a, s);
  if (!k) return NULL;
  if (!strcmp(k, "m") || !strcmp(k, "nam") || !strcmp(k, "male") || !strcmp(k, "gioi tinh nam")) return "M";
  if (!strcmp(k, "f") || !strcmp(k, "nu") || !strcmp(k, "female") || !strcmp(k, "gioi tinh nu")) return "F";
  return NULL;
}

const char *import_bool01(Arena *a, const char *s) {
  char *k = value_key(a, s);
  if (!k) return NULL;
  if (!strcmp(k, "1") || !strcmp(k, "x") || !strcmp(k, "co") || !strcmp(k, "kiem nhiem") || !strcmp(k, "true"))
    return "1";
  if (!strcmp(k, "0") || !strcmp(k, "khong") || !strcmp(k, "false")) return "0";
  return NULL;
}

int import_header_helper(const char *f) {
  static const char *const stt[] = {"stt", "tt", "so tt", "so thu tu", "thu tu", NULL};
  static const char *const name[] = {"ho va ten", "ho ten", "ten can bo", "ho va ten can bo", "full_name", NULL};
  static const char *const birth[] = {"ngay sinh", "ngay thang nam sinh", "nam sinh", "birth_date", NULL};
  for (int i = 0; stt[i]; i++)
    if (strcmp(f, stt[i]) == 0) return HELPER_STT;
  for (int i = 0; name[i]; i++)
    if (strcmp(f, name[i]) == 0) return HELPER_NAME;
  for (int i = 0; birth[i]; i++)
    if (strcmp(f, birth[i]) == 0) return HELPER_BIRTH;
  return HELPER_NONE;
}

/* ---- names ---- */

typedef struct {
  const char *key;   /* folded name */
  const char *code;
  const char *name;
  const char *extra; /* units: level; titles: level; cadres: birth date */
  const char *extra2; /* cadres: unit name */
} Named;

typedef struct {
  Named *v;
  int n, cap;
  bool loaded;
  /* open hash: folded name -> first index; next[] chains the same key */
  int *head, *next;
  size_t hcap;
} NameTable;

struct ImportNames {
  Db *db;
  Arena *a;
  const char *scope;
  NameTable t[3];
};

ImportNames *import_names_new(Db *db, Arena *a, Scope scope) {
  ImportNames *ix = arena_alloc(a, sizeof *ix);
  ix->db = db, ix->a = a, ix->scope = scope_legacy(scope);
  return ix;
}

static size_t hash_str(const char *s) {
  size_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static void push(ImportNames *ix, NameTable *t, const char *key, const char *code, const char *name, const char *extra,
                 const char *extra2) {
  if (!key) return;
  if (t->n == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 256;
    Named *v = arena_alloc(ix->a, sizeof(Named) * (size_t)t->cap);
    if (t->n) memcpy(v, t->v, sizeof(Named) * (size_t)t->n);
    t->v = v;
  }
  t->v[t->n++] = (Named){key, arena_strdup(ix->a, code), arena_strdup(ix->a, name), arena_strdup(ix->a, extra),
                         arena_strdup(ix->a, extra2)};
}

/* Unit names without their level word ("Xã Hải Xuân" -> "hai xuan") are indexed too. */
static const char *strip_level_word(Arena *a, const char *k) {
  static const char *const words[] = {"xa ", "phuong ", "thi tran ", "huyen ", "quan ", "thi xa ", "thanh pho ",
                                      "tinh ", "dang bo ", "chi bo ", "dang uy ", NULL};
  for (int i = 0; words[i]; i++) {
    size_t n = strlen(words[i]);
    if (strncmp(k, words[i], n) == 0 && k[n]) return arena_strdup(a, k + n);
  }
  return NULL;
}

static int load(ImportNames *ix, int table) {
  NameTable *t = &ix->t[table];
  if (t->loaded) return 0;
  t->loaded = true;
  DbStmt *st = table == NAMES_UNITS    ? db_prepare(ix->db, "SELECT code, name, level, path, '' FROM units")
               : table == NAMES_TITLES ? db_prepare(ix->db, "SELECT code, name, level, '', '' FROM titles")
                                       : db_prepare(ix->db, "SELECT c.code, c.full_name, c.birth_date, u.path, u.name "
                                                            "FROM cadres c JOIN units u ON u.id = c.unit_id");
  if (!st) return CB_EDB;
  int rc;
  while ((rc = db_step(st)) == DB_ROW) {
    const char *path = db_text(st, 3);
    if (table != NAMES_TITLES && !unit_path_in_scope(path, ix->scope)) continue;
    const char *key = value_key(ix->a, db_text(st, 1));
    push(ix, t, key, db_text(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 4));
    if (table == NAMES_UNITS) {
      const char *k2 = key ? strip_level_word(ix->a, key) : NULL;
      if (k2) push(ix, t, k2, db_text(st, 0), db_text(st, 1), db_text(st, 2), "");
    }
  }
  db_finalize(st);
  if (rc < 0) return CB_EDB;
  t->hcap = 64;
  while (t->hcap < (size_t)t->n * 2) t->hcap *= 2;
  t->head = arena_alloc(ix->a, sizeof(int) * t->hcap);
  t->next = arena_alloc(ix->a, sizeof(int) * (size_t)(t->n ? t->n : 1));
  for (size_t i = 0; i < t->hcap; i++) t->head[i] = -1;
  for (int i = t->n - 1; i >= 0; i--) {
    size_t h = hash_str(t->v[i].key) & (t->hcap - 1);
    t->next[i] = t->head[h];
    t->head[h] = i;
  }
  return 0;
}

const char *import_names_unit_level(ImportNames *ix, const char *code) {
  if (load(ix, NAMES_UNITS) != 0) return NULL;
  NameTable *t = &ix->t[NAMES_UNITS];
  for (int i = 0; i < t->n; i++)
    if (strcmp(t->v[i].code, code) == 0) return t->v[i].extra;
  return NULL;
}

static const char *describe(ImportNames *ix, int table, const Named *m) {
  char vn[16];
  if (table == NAMES_CADRES)
    return arena_printf(ix->a, "%s (%s, sinh %s, %s)", m->code, m->name, date_iso_to_vn(m->extra, vn), m->extra2);
  return arena_printf(ix->a, "%s (%s)", m->code, m->name);
}

int import_names_find(ImportNames *ix, int table, const char *s, const char *birth, const char *level,
                      const char **code, const char **candidates) {
  *code = NULL, *candidates = NULL;
  if (load(ix, table) != 0) return CB_EDB;
  NameTable *t = &ix->t[table];
  const char *key = value_key(ix->a, s);
  if (!key || !*key || !t->n) return 0;
  /* A person's name written with its marks names only those of exactly that name ("Hoàng Văn Khai" is not
     "Hoàng Văn Khải"); one written without any marks ("Hoang Van Khai") matches whichever it folds to. */
  const char *marked = table == NAMES_CADRES ? vi_marked(ix->a, s) : NULL;
  const char *folded = marked ? vi_fold(ix->a, s) : NULL;
  if (marked && folded && strcmp(marked, folded) == 0) marked = NULL;
  size_t h = hash_str(key) & (t->hcap - 1);
  int hits[8], nh = 0, total = 0;
  const char *seen = NULL;
  for (int i = t->head[h]; i >= 0; i = t->next[i]) {
    const Named *m = &t->v[i];
    if (strcmp(m->key, key) != 0) continue;
    if (marked && strcmp(vi_marked(ix->a, m->name), marked) != 0) continue;
    if (table == NAMES_CADRES && birth && *birth && strncmp(m->extra, birth, strlen(m->extra)) != 0 &&
        strncmp(m->extra, birth, strlen(birth)) != 0)
      continue;
    if (table == NAMES_TITLES && level && strcmp(m->extra, level) != 0) continue;
    if (seen && strcmp(seen, m->code) == 0) continue; /* the same unit under two keys */
    bool dup = false;
    for (int j = 0; j < nh; j++) dup = dup || strcmp(t->v[hits[j]].code, m->code) == 0;
    if (dup) continue;
    seen = m->code;
    if (nh < 8) hits[nh++] = i;
    total++;
  }
  if (total == 0 && table == NAMES_TITLES && level) /* no title of that level: any level */
    return import_names_find(ix, table, s, birth, NULL, code, candidates);
  if (total == 1) {
    *code = t->v[hits[0]].code;
    return 1;
  }
  if (total > 1) {
    char *list = "";
    for (int j = 0; j < nh; j++) list = arena_printf(ix->a, "%s%s%s", list, j ? ", " : "", describe(ix, table, &t->v[hits[j]]));
    if (total > nh) list = arena_printf(ix->a, "%s và %d nơi khác", list, total - nh);
    *candidates = list;
    return total;
  }
  /* None: names that contain what was written, or are contained in it. */
  char *list = "";
  int nc = 0, picked[5];
  for (int i = 0; i < t->n && nc < 5; i++) {
    const Named *m = &t->v[i];
    if (strlen(key) < 3 || !(strstr(m->key, key) || strstr(key, m->key))) continue;
    bool dup = false; /* a unit is listed under its name and its name without "Xã"/"Phường": once */
    for (int j = 0; j < nc && !dup; j++) dup = strcmp(t->v[picked[j]].code, m->code) == 0;
    if (dup) continue;
    list = arena_printf(ix->a, "%s%s%s", list, nc ? ", " : "", describe(ix, table, m));
    picked[nc++] = i;
  }
  *candidates = nc ? list : NULL;
  return 0;
}

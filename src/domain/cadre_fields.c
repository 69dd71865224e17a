/* The fields of a cadre's record, as data (see cadre_fields.h). */
#include "domain/cadre_fields.h"
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "core/date.h"
#include "core/sort.h"
#include "core/vi.h"

#define F(name, label, sec, kind, flags, maxlen, lo, hi) \
  {#name, label, sec, kind, flags, maxlen, lo, hi, offsetof(Cadre, name)}

const CadreField CADRE_FIELDS[] = {
    F(code, "Số hiệu cán bộ", 0, CF_CODE, CF_FIXED, 64, 0, 0),
    F(full_name, "Họ và tên khai sinh", 1, CF_NAME, CF_REQUIRED, 100, 0, 0),
    F(other_names, "Tên gọi khác", 1, CF_TEXT, 0, 100, 0, 0),
    F(birth_date, "Ngày sinh", 1, CF_BIRTH, CF_REQUIRED, 0, 0, 0),
    F(gender, "Giới tính", 1, CF_GENDER, CF_REQUIRED, 0, 0, 0),
    F(birthplace, "Nơi sinh", 2, CF_TEXT, 0, 200, 0, 0),
    F(hometown, "Quê quán", 2, CF_TEXT, 0, 200, 0, 0),
    F(ethnicity, "Dân tộc", 3, CF_TEXT, 0, 50, 0, 0),
    F(religion, "Tôn giáo", 3, CF_TEXT, 0, 50, 0, 0),
    F(permanent_address, "Nơi đăng ký thường trú", 4, CF_TEXT, 0, 200, 0, 0),
    F(residence, "Nơi ở hiện nay", 4, CF_TEXT, 0, 200, 0, 0),
    F(phone, "Điện thoại", 4, CF_PHONE, 0, 30, 0, 0),
    F(recruitment_occupation, "Nghề nghiệp khi được tuyển dụng", 5, CF_TEXT, 0, 100, 0, 0),
    F(recruitment_date, "Ngày tuyển dụng", 5, CF_DATE, 0, 0, 0, 0),
    F(recruitment_agency, "Cơ quan tuyển dụng", 5, CF_TEXT, 0, 200, 0, 0),
    F(unit_code, "Đơn vị công tác", 6, CF_UNIT, CF_REQUIRED | CF_DATED, 64, 0, 0),
    F(main_duties, "Công việc chính được giao", 6, CF_TEXT, 0, 300, 0, 0),
    F(civil_service_rank, "Ngạch công chức", 7, CF_TEXT, 0, 100, 0, 0),
    F(rank_code, "Mã ngạch", 7, CF_TEXT, 0, 20, 0, 0),
    F(salary_step, "Bậc lương", 7, CF_NUMBER, 0, 0, 1, 20),
    F(salary_coefficient, "Hệ số lương", 7, CF_NUMBER, 0, 0, 1, 15),
    F(salary_since, "Ngày hưởng", 7, CF_DATE, 0, 0, 0, 0),
    F(position_allowance, "Phụ cấp chức vụ", 7, CF_NUMBER, 0, 0, 0, 5),
    F(other_allowance, "Phụ cấp khác", 7, CF_TEXT, 0, 100, 0, 0),
    F(education, "Giáo dục phổ thông", 8, CF_TEXT, 0, 20, 0, 0),
    F(degree, "Trình độ chuyên môn cao nhất", 8, CF_DEGREE, CF_DATED, 0, 0, 0),
    F(major, "Chuyên ngành", 8, CF_TEXT, 0, 150, 0, 0),
    F(llct_level, "Lý luận chính trị", 8, CF_LLCT, CF_DATED, 0, 0, 0),
    F(qlnn_level, "Quản lý nhà nước", 8, CF_QLNN, CF_DATED, 0, 0, 0),
    F(foreign_language, "Ngoại ngữ", 8, CF_TEXT, 0, 100, 0, 0),
    F(it_level, "Tin học", 8, CF_TEXT, 0, 100, 0, 0),
    F(party_join_date, "Ngày vào Đảng", 9, CF_DATE, CF_DATED, 0, 0, 0),
    F(party_official_date, "Ngày chính thức", 9, CF_DATE, CF_DATED, 0, 0, 0),
    F(mass_org_join_date, "Ngày tham gia tổ chức chính trị - xã hội", 9, CF_DATE, 0, 0, 0, 0),
    F(enlistment_date, "Ngày nhập ngũ", 10, CF_DATE, 0, 0, 0, 0),
    F(discharge_date, "Ngày xuất ngũ", 10, CF_DATE, 0, 0, 0, 0),
    F(military_rank, "Quân hàm cao nhất", 10, CF_TEXT, 0, 50, 0, 0),
    F(honors, "Danh hiệu được phong tặng", 11, CF_TEXT, 0, 300, 0, 0),
    F(forte, "Sở trường công tác", 11, CF_TEXT, 0, 300, 0, 0),
    F(awards, "Khen thưởng", 12, CF_TEXT, 0, 500, 0, 0),
    F(health, "Tình trạng sức khỏe", 13, CF_TEXT, 0, 100, 0, 0),
    F(height_cm, "Chiều cao (cm)", 13, CF_NUMBER, 0, 0, 100, 250),
    F(weight_kg, "Cân nặng (kg)", 13, CF_NUMBER, 0, 0, 25, 250),
    F(blood_type, "Nhóm máu", 13, CF_TEXT, 0, 10, 0, 0),
    F(war_invalid_grade, "Thương binh hạng", 13, CF_TEXT, 0, 20, 0, 0),
    F(policy_family, "Gia đình chính sách", 13, CF_TEXT, 0, 100, 0, 0),
    F(id_number, "Số CCCD", 14, CF_IDCARD, 0, 0, 9, 12),
    F(id_issue_date, "Ngày cấp CCCD", 14, CF_DATE, 0, 0, 0, 0),
    F(social_insurance_no, "Số sổ BHXH", 14, CF_DIGITS, 0, 0, 10, 10),
    F(personal_history, "Đặc điểm lịch sử bản thân", 15, CF_LONG, 0, 4000, 0, 0),
    F(assessment, "Nhận xét, đánh giá của cơ quan, đơn vị quản lý", 15, CF_LONG, 0, 4000, 0, 0),
    F(notes, "Ghi chú", 15, CF_LONG, 0, 2000, 0, 0),
};
const int CADRE_NFIELDS = (int)(sizeof CADRE_FIELDS / sizeof CADRE_FIELDS[0]);

/* The registry's fields sorted by name, built once (the profile looks every field up by name). */
static const CadreField *by_name[sizeof CADRE_FIELDS / sizeof CADRE_FIELDS[0]];
static pthread_once_t by_name_once = PTHREAD_ONCE_INIT;

static int cmp_field_name(const void *x, const void *y) {
  return strcmp((*(const CadreField *const *)x)->name, (*(const CadreField *const *)y)->name);
}

static void by_name_build(void) {
  for (int i = 0; i < CADRE_NFIELDS; i++) by_name[i] = &CADRE_FIELDS[i];
  cb_qsort(by_name, (size_t)CADRE_NFIELDS, sizeof by_name[0], cmp_field_name);
}

static int cmp_name_field(const void *key, const void *y) {
  return strcmp(key, (*(const CadreField *const *)y)->name);
}

const CadreField *cadre_field(const char *name) {
  if (!name) return NULL;
  pthread_once(&by_name_once, by_name_build);
  const CadreField *const *f = cb_bsearch(name, by_name, (size_t)CADRE_NFIELDS, sizeof by_name[0], cmp_name_field);
  return f ? *f : NULL;
}

const char *cadre_field_get(const Cadre *c, const CadreField *f) {
  const char *v = *(const char *const *)((const char *)c + f->offset);
  return v && *v ? v : NULL;
}

void cadre_field_set(Cadre *c, const CadreField *f, const char *value) {
  *(const char **)((char *)c + f->offset) = value;
}

/* Number of code points of valid UTF-8 s. */
static size_t chars(const char *s) {
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if ((*p & 0xC0) != 0x80) n++;
  return n;
}

/* True when s has a control character (or, when !lines, a line break or tab). */
static bool has_control(const char *s, bool lines) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
    if (k <= 0) return true;
    if (lines && (cp == '\n' || cp == '\t')) {
    } else if (cp == '\r' && lines) {
    } else {
      utf8proc_category_t cat = utf8proc_category(cp);
      if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_CS ||
          cat == UTF8PROC_CATEGORY_CO || cat == UTF8PROC_CATEGORY_CN)
        return true;
    }
    p += k, left -= k;
  }
  return false;
}

/* A person's name: letters, combining marks, spaces, - ' . only. */
/* A letter of the Latin script, in which Vietnamese (and the minority languages' scripts) are written: not a Cyrillic
   or Greek look-alike ("Трần"). */
static bool latin_letter(utf8proc_int32_t cp) {
  return cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
         (cp >= 0xA720 && cp <= 0xA7FF);
}

/*
** A name (NFC) of Latin letters, spaces, hyphens, apostrophes and dots, with at least two letters; a combining mark
** only on a letter, and only a diacritic (U+0300-U+036F: no variation selector, no mark standing alone).
*/
static bool name_chars_ok(const char *s) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
  int letters = 0;
  bool after_letter = false;
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
    if (k <= 0) return false;
    utf8proc_category_t cat = utf8proc_category(cp);
    bool letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
    bool mark = cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
    if (letter) {
      if (!latin_letter(cp)) return false;
      letters++;
    } else if (mark) {
      if (!after_letter || cp < 0x300 || cp > 0x36F) return false;
    } else if (cp != ' ' && cp != '-' && cp != '\'' && cp != '.')
      return false;
    after_letter = letter || (mark && after_letter);
    p += k, left -= k;
  }
  return letters >= 2;
}

typedef struct {
  const char *code, *label;
} Pair;

static const Pair DEGREES[] = {{"so_cap", "Sơ cấp"},   {"trung_cap", "Trung cấp"}, {"cao_dang", "Cao đẳng"},
                               {"dai_hoc", "Đại học"}, {"thac_si", "Thạc sĩ"},     {"tien_si", "Tiến sĩ"},
                               {"tien_si_khoa_hoc", "Tiến sĩ khoa học"}};
static const Pair LLCTS[] = {{"so_cap", "Sơ cấp"}, {"trung_cap", "Trung cấp"}, {"cao_cap", "Cao cấp"}, {"cu_nhan", "Cử nhân"}};
static const Pair QLNNS[] = {{"can_su", "Cán sự"},
                             {"chuyen_vien", "Chuyên viên"},
                             {"chuyen_vien_chinh", "Chuyên viên chính"},
                             {"chuyen_vien_cao_cap", "Chuyên viên cao cấp"}};
#define NP(x) (int)(sizeof x / sizeof x[0])

/* The code of v in pairs p (by code, or by label compared folded: "trung cap" = "Trung cấp"). */
static const char *level_code(Arena *a, const Pair *p, int n, const char *v) {
  for (int i = 0; i < n; i++)
    if (strcmp(v, p[i].code) == 0) return p[i].code;
  const char *fv = vi_fold(a, v);
  for (int i = 0; fv && i < n; i++) {
    const char *fl = vi_fold(a, p[i].label);
    if (fl && strcmp(fv, fl) == 0) return p[i].code;
  }
  return NULL;
}

static const char *levels_expected(Arena *a, const Pair *p, int n) {
  char buf[512];
  size_t k = 0;
  buf[0] = 0;
  for (int i = 0; i < n && k < sizeof buf; i++)
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? ", " : "", p[i].label);
  return arena_strdup(a, buf);
}

/* "4,98" or "4.98" in [lo, hi] -> "4.98" (no trailing zeros beyond what was typed). */
static const char *number_check(Arena *a, const CadreField *f, const char *v, const char **out) {
  char buf[32];
  size_t n = strlen(v);
  /* the range, not an example: an example with a decimal comma contradicted a whole-number field (a score) */
  if (n == 0 || n >= sizeof buf) return arena_printf(a, "%s: nhập một số từ %g đến %g.", f->label, f->min, f->max);
  if (v[0] == '-') return arena_printf(a, "%s: %s nằm ngoài khoảng %g–%g.", f->label, v, f->min, f->max);
  int dots = 0;
  for (size_t i = 0; i < n; i++) {
    char ch = v[i] == ',' ? '.' : v[i];
    if (ch == '.') dots++;
    else if (!isdigit((unsigned char)ch))
      return arena_printf(a, "%s: \"%s\" không phải là số; nhập một số từ %g đến %g.", f->label, v, f->min, f->max);
    buf[i] = ch;
  }
  buf[n] = 0;
  if (dots > 1 || buf[0] == '.' || buf[n - 1] == '.')
    return arena_printf(a, "%s: \"%s\" không phải là số; nhập một số từ %g đến %g.", f->label, v, f->min, f->max);
  double x = strtod(buf, NULL);
  if (x < f->min || x > f->max)
    return arena_printf(a, "%s: %s nằm ngoài khoảng %g–%g.", f->label, v, f->min, f->max);
  *out = arena_strdup(a, buf);
  return NULL;
}

static const char *date_check(Arena *a, const CadreField *f, const char *v, const char **out) {
  char why[128], iso[16];
  Date d;
  int flags = f->kind == CF_BIRTH ? DATE_PARTIAL : DATE_FULL;
  const char *p = date_problem(v, flags, &d, why, sizeof why);
  if (p) return arena_printf(a, "%s: %s.", f->label, p);
  Date today = date_today();
  if (f->kind != CF_DAY && date_cmp(d, today) > 0)
    return arena_printf(a, "%s: %s là ngày trong tương lai (hôm nay là %02d/%02d/%04d).", f->label, v, today.d,
                        today.m, today.y);
  if (f->kind == CF_BIRTH && d.y < 1900) return arena_printf(a, "%s: năm sinh %d trước năm 1900.", f->label, d.y);
  *out = arena_strdup(a, date_iso(d, iso));
  return NULL;
}

const char *cadre_field_check(Arena *a, const CadreField *f, const char *in, const char **out) {
  return field_value_check(a, f->label, f->kind, f->flags, f->maxlen, f->min, f->max, in, out);
}

const char *field_value_check(Arena *a, const char *label, CadreFieldKind kind, int flags, int maxlen, double min,
                              double max, const char *in, const char **out) {
  const CadreField spec = {.name = "", .label = label, .kind = kind, .flags = flags, .maxlen = maxlen, .min = min,
                           .max = max};
  const CadreField *f = &spec;
  *out = NULL;
  if (!in) in = "";
  if (!vi_utf8_valid(in, strlen(in))) return arena_printf(a, "%s: văn bản không phải UTF-8 hợp lệ.", f->label);
  char *v = vi_nfc(a, in);
  if (!v) return arena_printf(a, "%s: văn bản không phải UTF-8 hợp lệ.", f->label);
  if (f->kind != CF_LONG) v = vi_squeeze(a, v);
  else { /* trim only the ends of a long text */
    while (*v == ' ' || *v == '\n' || *v == '\r' || *v == '\t') v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\n' || v[n - 1] == '\r' || v[n - 1] == '\t')) v[--n] = 0;
  }
  if (!*v) return f->flags & CF_REQUIRED ? arena_printf(a, "%s: bắt buộc nhập.", f->label) : NULL;
  maxlen = f->maxlen ? f->maxlen : f->kind == CF_LONG ? 4000 : 200;
  size_t nc = chars(v);
  if (nc > (size_t)maxlen)
    return arena_printf(a, "%s: dài %zu ký tự, tối đa %d ký tự.", f->label, nc, maxlen);
  if (has_control(v, f->kind == CF_LONG)) return arena_printf(a, "%s: có ký tự điều khiển không hợp lệ.", f->label);
  switch (f->kind) {
  case CF_NAME:
    if (!name_chars_ok(v))
      return arena_printf(a, "%s: \"%s\" chỉ được gồm chữ cái (chữ Latinh, chữ quốc ngữ), dấu cách, dấu gạch nối.", f->label, v);
    if (!strchr(v, ' ')) /* squeezed above: a space parts two words */
      return arena_printf(a, "%s: \"%s\" cần có họ và tên (ít nhất hai chữ, ví dụ \"Nguyễn Hường\").", f->label, v);
    break;
  case CF_CODE:
  case CF_UNIT:
    for (const char *p = v; *p; p++)
      if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.' && *p != '/')
        return arena_printf(a, "%s: mã \"%s\" chỉ được gồm chữ cái không dấu, chữ số và - _ . /", f->label, v);
    if (strspn(v, "./") == strlen(v)) /* ".", "..": a path a browser rewrites, never the record's address */
      return arena_printf(a, "%s: mã \"%s\" cần có ít nhất một chữ cái hoặc chữ số.", f->label, v);
    break;
  case CF_GENDER: {
    const char *fv = vi_fold(a, v);
    if (strcmp(v, "M") == 0 || (fv && strcmp(fv, "nam") == 0)) v = "M";
    else if (strcmp(v, "F") == 0 || (fv && strcmp(fv, "nu") == 0)) v = "F";
    else return arena_printf(a, "%s: \"%s\" không hợp lệ; chọn Nam hoặc Nữ.", f->label, v);
    break;
  }
  case CF_BIRTH:
  case CF_DATE:
  case CF_DAY:
    return date_check(a, f, v, out);
  case CF_DEGREE:
  case CF_LLCT:
  case CF_QLNN: {
    const Pair *p = f->kind == CF_DEGREE ? DEGREES : f->kind == CF_LLCT ? LLCTS : QLNNS;
    int n = f->kind == CF_DEGREE ? NP(DEGREES) : f->kind == CF_LLCT ? NP(LLCTS) : NP(QLNNS);
    const char *code = level_code(a, p, n, v);
    if (!code) return arena_printf(a, "%s: \"%s\" không hợp lệ; chọn một trong: %s.", f->label, v, levels_expected(a, p, n));
    v = (char *)code;
    break;
  }
  case CF_NUMBER:
    return number_check(a, f, v, out);
  case CF_DIGITS: {
    size_t n = strlen(v);
    for (const char *p = v; *p; p++)
      if (!isdigit((unsigned char)*p)) return arena_printf(a, "%s: chỉ gồm chữ số.", f->label);
    if (n < (size_t)f->min || n > (size_t)f->max) {
      if (f->min == f->max) return arena_printf(a, "%s: phải có đúng %g chữ số (đang có %zu).", f->label, f->min, n);
      return arena_printf(a, "%s: phải có từ %g đến %g chữ số (đang có %zu).", f->label, f->min, f->max, n);
    }
    break;
  }
  case CF_IDCARD: {
    size_t n = strlen(v);
    for (const char *p = v; *p; p++)
      if (!isdigit((unsigned char)*p)) return arena_printf(a, "%s: chỉ gồm chữ số.", f->label);
    if (n != (size_t)f->min && n != (size_t)f->max)
      return arena_printf(a, "%s: phải có %g chữ số (CMND) hoặc %g chữ số (CCCD), đang có %zu.", f->label, f->min, f->max, n);
    break;
  }
  case CF_PHONE: {
    int digits = 0;
    for (const char *p = v; *p; p++) {
      if (isdigit((unsigned char)*p)) digits++;
      else if (!strchr(" +.-()", *p)) return arena_printf(a, "%s: \"%s\" không phải số điện thoại.", f->label, v);
    }
    if (digits < 8 || digits > 15) return arena_printf(a, "%s: cần từ 8 đến 15 chữ số.", f->label);
    break;
  }
  case CF_TEXT:
  case CF_LONG:
    break;
  }
  *out = v;
  return NULL;
}

/* Full-date comparison of two stored values; 0 when either is missing or unreadable. */
static int cmp_dates(const char *x, const char *y, bool *known) {
  Date a, b;
  *known = x && y && date_parse(x, &a, DATE_PARTIAL) == 0 && date_parse(y, &b, DATE_PARTIAL) == 0;
  return *known ? date_cmp(a, b) : 0;
}

void cadre_fields_check_record(const Cadre *c, FieldErrors *e) {
  bool k;
  char vn[16];
  if (cmp_dates(c->party_official_date, c->party_join_date, &k) < 0 && k)
    field_errors_add(e, "party_official_date", "Ngày chính thức: trước ngày vào Đảng (%s).",
                     date_iso_to_vn(c->party_join_date, vn));
  if (cmp_dates(c->discharge_date, c->enlistment_date, &k) < 0 && k)
    field_errors_add(e, "discharge_date", "Ngày xuất ngũ: trước ngày nhập ngũ.");
  /* Dates of a life come after its birth (a partial birth counts from its 1st day). */
  for (int i = 0; i < CADRE_NFIELDS; i++) {
    const CadreField *f = &CADRE_FIELDS[i];
    if (f->kind != CF_DATE && f->kind != CF_DAY) continue;
    const char *v = cadre_field_get(c, f);
    if (v && cmp_dates(v, c->birth_date, &k) < 0 && k)
      field_errors_add(e, f->name, "%s: trước ngày sinh (%s).", f->label, date_iso_to_vn(c->birth_date, vn));
  }
}

const char *cadre_field_display(Arena *a, const CadreField *f, const char *v) {
  if (!v || !*v) return NULL;
  char buf[16];
  switch (f->kind) {
  case CF_GENDER:
    return strcmp(v, "F") == 0 ? "Nữ" : strcmp(v, "M") == 0 ? "Nam" : v;
  case CF_BIRTH:
  case CF_DATE:
  case CF_DAY:
    return arena_strdup(a, date_iso_to_vn(v, buf));
  case CF_DEGREE:
    return *cadre_degree_label(v) ? cadre_degree_label(v) : v;
  case CF_LLCT:
    return *cadre_llct_label(v) ? cadre_llct_label(v) : v;
  case CF_QLNN:
    return *cadre_qlnn_label(v) ? cadre_qlnn_label(v) : v;
  case CF_NUMBER: {
    char *s = arena_strdup(a, v);
    for (char *p = s; *p; p++)
      if (*p == '.') *p = ',';
    return s;
  }
  default:
    return v;
  }
}

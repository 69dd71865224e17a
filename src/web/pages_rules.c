/*
** The rules page (GET /quy-dinh?group=&format=csv): every rule version with
** its parameters, legal basis, canbo's own convention ("Quy ước của hệ
** thống", apart from the basis), effective dates, confidence (V/U with the
** note visible) and state. Admins edit a version (GET/POST /quy-dinh/{id}:
** each parameter as a labelled input of its type -- numbers, yes/no, texts,
** lists -- the basis text, the convention, the confidence, end date,
** enabled, note) and add a new version of its rule from a date with its own
** parameters and basis (POST /quy-dinh/{id}/phien-ban-moi). Every change is
** audited by domain/rules.c.
**
** Not for: the JSON API (api_rules.c).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "core/vi.h"
#include "domain/rules.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

static const char *const GROUPS[][2] = {
    {"RET", "Tuổi nghỉ hưu"}, {"PLAN", "Quy hoạch"},        {"APPT", "Bổ nhiệm"}, {"ROT", "Luân chuyển"},
    {"REL", "Quan hệ gia đình"}, {"EVAL", "Đánh giá"},      {"DISC", "Kỷ luật"},  {"STD", "Tiêu chuẩn chức danh"},
    {"CONG", "Đại hội"},         {"PARTY", "Đảng viên"},
};

/* ---- parameters as labelled inputs ---- */

/* The Vietnamese label of a parameter key; the key itself when unknown. */
static const char *param_label(const char *key) {
  static const char *const L[][2] = {
      {"max_per_title", "Số người tối đa cho một chức danh"}, {"warn_above", "Cảnh báo khi vượt quá (người)"},
      {"max_titles", "Số chức danh tối đa cho một người"}, {"min_months", "Số tháng tối thiểu"},
      {"min_young_pct", "Tỷ lệ cán bộ trẻ tối thiểu (%)"}, {"min_women_pct", "Tỷ lệ cán bộ nữ tối thiểu (%)"},
      {"central", "Trung ương"}, {"province", "Cấp tỉnh"}, {"district", "Cấp huyện"}, {"commune", "Cấp xã"},
      {"grassroots", "Cấp cơ sở"}, {"majority", "Dân tộc đa số"}, {"max_ratio", "Hệ số tối đa"},
      {"min_years", "Số năm tối thiểu"}, {"enabled", "Bật quy định"}, {"years", "Số năm"},
      {"min_rating", "Mức xếp loại tối thiểu"}, {"term_years", "Số năm của thời hạn"},
      {"notice_days", "Số ngày thông báo trước"}, {"months", "Số tháng"}, {"min_vote_pct", "Tỷ lệ đồng ý tối thiểu (%)"},
      {"max_terms", "Số nhiệm kỳ tối đa"}, {"quorum_num", "Tỷ lệ có mặt: tử số"}, {"quorum_den", "Tỷ lệ có mặt: mẫu số"},
      {"pass_pct", "Tỷ lệ đồng ý phải vượt (% số được triệu tập)"}, {"min_years_left", "Số năm công tác còn lại tối thiểu"},
      {"commune_result", "Kết quả ở cấp xã"}, {"relations", "Quan hệ (cách nhau bởi dấu phẩy)"},
      {"functions", "Chức năng (cách nhau bởi dấu phẩy)"},
      {"max_excellent_pct_of_good", "Tỷ lệ xuất sắc tối đa (% số hoàn thành tốt)"},
      {"excellent", "Điểm tối thiểu mức xuất sắc"}, {"good", "Điểm tối thiểu mức tốt"},
      {"completed", "Điểm tối thiểu mức hoàn thành"}, {"reprimand", "Khiển trách (tháng)"},
      {"warning", "Cảnh cáo (tháng)"}, {"removal_from_post", "Cách chức (tháng)"},
      {"salary_demotion", "Hạ bậc lương (tháng)"}, {"demotion", "Giáng chức (tháng)"}, {"term", "Nhiệm kỳ"},
      {"min_pct", "Tỷ lệ tối thiểu (%)"}, {"age", "Tuổi"}, {"levels", "Các cấp áp dụng (cách nhau bởi dấu phẩy)"},
      {"under40_min_pct", "Dưới 40 tuổi tối thiểu (%)"}, {"mid_min_pct", "Nhóm giữa tối thiểu (%)"},
      {"mid_max_pct", "Nhóm giữa tối đa (%)"}, {"mid_from", "Nhóm giữa từ tuổi"}, {"mid_to", "Nhóm giữa đến tuổi"},
      {"reduce_pct", "Giảm so với số tối đa nhiệm kỳ trước (%)"}, {"min", "Tối thiểu"}, {"max", "Tối đa"},
      {"secretaries", "Số bí thư"}, {"deputies", "Số phó bí thư"},
      {"born_from_province_M", "Cấp tỉnh, nam: sinh từ tháng"}, {"born_from_province_F", "Cấp tỉnh, nữ: sinh từ tháng"},
      {"born_from_district_M", "Cấp huyện, nam: sinh từ tháng"}, {"born_from_district_F", "Cấp huyện, nữ: sinh từ tháng"},
      {"min_months_deputy_province", "Phó bí thư cấp tỉnh: số tháng tối thiểu"},
      {"probationary_planning", "Đảng viên dự bị khi quy hoạch"},
      {"confidence_pct", "Phiếu tín nhiệm phải vượt (%)"}, {"confidence_of", "Tỷ lệ tín nhiệm tính trên"},
      {"collective_pct", "Tập thể lãnh đạo đồng ý phải vượt (% tổng số thành viên)"},
      {"tie", "Khi đúng bằng tỷ lệ"}, {"men", "Nam"}, {"women", "Nữ"},
      {"base_months", "Tuổi nghỉ hưu năm đầu (tháng)"}, {"step_months", "Mỗi bước tăng (tháng)"},
      {"group_months", "Mỗi nhóm tháng sinh (tháng)"}, {"cap_months", "Tuổi tối đa (tháng)"},
      {"start", "Áp dụng cho người sinh từ tháng"}, {"before_months", "Sinh trước tháng đó (tháng)"},
  };
  for (size_t i = 0; key && i < sizeof L / sizeof L[0]; i++)
    if (strcmp(key, L[i][0]) == 0) return L[i][1];
  return key;
}

static const char *value_words(const char *code);
static const char *label_for_reading(Req *r, const char *key);

/* The values a text parameter takes (rule_param_values) in words, capitalized (a select instead of a code to
   type), or NULL with *n 0. */
static const Choice *param_choices(Req *r, const char *key, int *n) {
  const char *const *v = rule_param_values(key);
  *n = 0;
  if (!v) return NULL;
  while (v[*n]) (*n)++;
  Choice *c = arena_alloc(r->a, sizeof *c * (size_t)*n);
  for (int i = 0; i < *n; i++) c[i] = (Choice){v[i], vi_capitalize(r->a, value_words(v[i]))};
  return c;
}

/* A number as an input shows it: integers without a fraction, decimals with a comma. */
static const char *num_text(Req *r, const json_t *v) {
  double d = json_number_value(v);
  if (json_is_integer(v) || d == floor(d)) return arena_printf(r->a, "%.0f", d);
  char *s = arena_printf(r->a, "%g", d);
  for (char *p = s; *p; p++)
    if (*p == '.') *p = ',';
  return s;
}

/* An array of strings as "a, b, c". */
static const char *list_text(Req *r, const json_t *v) {
  Buf b = BUF_INIT;
  size_t i;
  json_t *x;
  json_array_foreach(v, i, x) if (json_is_string(x)) buf_printf(&b, "%s%s", b.len ? ", " : "", json_string_value(x));
  const char *s = arena_strdup(r->a, b.p ? b.p : "");
  buf_free(&b);
  return s;
}

/* The inputs of object `o` under form-name prefix `prefix` ("p." or "n."); nested objects as fieldsets. */
static void params_inputs(Req *r, json_t *o, const char *prefix, const FieldErrors *e, bool posted) {
  Buf *b = &r->out;
  const char *key;
  json_t *v;
  json_object_foreach(o, key, v) {
    const char *name = arena_printf(r->a, "%s%s", prefix, key);
    const char *label = param_label(key), *err = field_errors_get(e, name);
    const char *typed = posted ? req_form(r, name) : NULL;
    if (json_is_object(v)) {
      html_printf(b, "<fieldset class=\"params-group\"><legend>%s</legend>", label);
      params_inputs(r, v, arena_printf(r->a, "%s.", name), e, posted);
      html_lit(b, "</fieldset>");
    } else if (json_is_boolean(v)) {
      bool on = posted ? typed != NULL : json_is_true(v);
      html_printf(b, "<div class=\"field\"><label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label></div>",
                  name, on ? " checked" : "", label);
    } else if (json_is_number(v)) {
      html_lit(b, "<div class=\"field field-num\">");
      widget_text(r, &(Field){.name = name, .label = label, .value = typed ? typed : num_text(r, v), .error = err,
                              .maxlen = 20});
      html_lit(b, "</div>");
    } else if (json_is_array(v)) {
      widget_text(r, &(Field){.name = name, .label = label, .value = typed ? typed : list_text(r, v), .error = err,
                              .maxlen = 500});
    } else {
      int nc;
      const Choice *c = param_choices(r, key, &nc);
      const char *value = typed ? typed : json_is_string(v) ? json_string_value(v) : "";
      if (c) widget_select(r, &(Field){.name = name, .label = label, .value = value, .error = err}, c, nc, NULL);
      else widget_text(r, &(Field){.name = name, .label = label, .value = value, .error = err, .maxlen = 2000});
    }
  }
}

/* A number typed the Vietnamese way ("1,5") or not ("1.5"); false when it is not one. */
static bool parse_number(const char *s, double *out) {
  if (!s) return false;
  char buf[64];
  size_t n = strlen(s);
  if (n == 0 || n >= sizeof buf) return false;
  for (size_t i = 0; i <= n; i++) buf[i] = s[i] == ',' ? '.' : s[i];
  char *end;
  *out = strtod(buf, &end);
  while (*end == ' ') end++;
  return *end == 0 && isfinite(*out);
}

/*
** The new parameters: `shape` (the version's params) with each leaf read back
** from its input under `prefix`, of the leaf's type; a bad one noted in e.
** New reference.
*/
static json_t *params_read(Req *r, json_t *shape, const char *prefix, FieldErrors *e) {
  json_t *out = json_object();
  const char *key;
  json_t *v;
  json_object_foreach(shape, key, v) {
    const char *name = arena_printf(r->a, "%s%s", prefix, key), *typed = req_form(r, name);
    if (json_is_object(v)) {
      json_object_set_new(out, key, params_read(r, v, arena_printf(r->a, "%s.", name), e));
    } else if (json_is_boolean(v)) {
      json_object_set_new(out, key, json_boolean(typed != NULL));
    } else if (json_is_number(v)) {
      double d;
      if (!parse_number(typed, &d)) {
        field_errors_add(e, name, "%s: cần một số", param_label(key));
        json_object_set(out, key, v);
      } else if (json_is_integer(v) && d != floor(d)) {
        field_errors_add(e, name, "%s: cần một số nguyên", param_label(key));
        json_object_set(out, key, v);
      } else if (!(fabs(d) <= RULE_PARAM_MAX)) { /* NaN and infinities too */
        field_errors_add(e, name, "%s: cần một số từ -%d đến %d", param_label(key), RULE_PARAM_MAX, RULE_PARAM_MAX);
        json_object_set(out, key, v);
      } else {
        json_object_set_new(out, key, json_is_integer(v) ? json_integer((json_int_t)d) : json_real(d));
      }
    } else if (json_is_array(v)) {
      json_t *arr = json_array();
      char *copy = arena_strdup(r->a, typed ? typed : ""), *save = NULL;
      for (char *t = strtok_r(copy, ",;", &save); t; t = strtok_r(NULL, ",;", &save)) {
        while (*t == ' ') t++;
        size_t n = strlen(t);
        while (n && t[n - 1] == ' ') t[--n] = 0;
        if (n) json_array_append_new(arr, json_string(t));
      }
      json_object_set_new(out, key, arr);
    } else {
      json_object_set_new(out, key, json_string(typed ? typed : ""));
    }
  }
  /* what no value of its type may be (a share over 100 %, a quorum of 5/3, a choice left empty), by its label */
  json_object_foreach(out, key, v) {
    const char *name = arena_printf(r->a, "%s%s", prefix, key), *bad = rule_param_problem(key, v, out);
    if (bad && !field_errors_get(e, name)) field_errors_add(e, name, "%s: %s", label_for_reading(r, key), bad);
  }
  return out;
}

/* The params read back as JSON text (arena), or NULL when a field was bad (noted in e). */
static const char *params_from_form(Req *r, const char *params, const char *prefix, FieldErrors *e) {
  json_t *shape = json_loads(params ? params : "{}", 0, NULL);
  if (!json_is_object(shape)) {
    json_decref(shape);
    shape = json_object();
  }
  int before = e->n;
  json_t *out = params_read(r, shape, prefix, e);
  char *s = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER);
  const char *t = e->n > before ? NULL : arena_strdup(r->a, s);
  free(s);
  json_decref(out);
  json_decref(shape);
  return t;
}

/* param_label without its hint of the codes an administrator types ("Khi đúng bằng tỷ lệ (head_decides, fail)" ->
   "Khi đúng bằng tỷ lệ"), for reading. */
static const char *label_for_reading(Req *r, const char *key) {
  const char *l = param_label(key), *open = strrchr(l, '(');
  size_t n = strlen(l);
  if (!open || open == l || l[n - 1] != ')') return l;
  for (const char *p = open + 1; p < l + n - 1; p++)
    if (!((*p >= 'a' && *p <= 'z') || *p == '_' || *p == ',' || *p == ' ')) return l; /* "(%)", "(tháng)": words */
  return arena_strndup(r->a, l, (size_t)(open - l - (open > l && open[-1] == ' ' ? 1 : 0)));
}

/* A coded value as a reader reads it ("head_decides" -> "người đứng đầu quyết định", "spouse" -> "vợ/chồng", a level,
   a result); the code itself when it has no words here. */
static const char *value_words(const char *code) {
  static const char *const W[][2] = {
      {"head_decides", "người đứng đầu quyết định"}, {"pass", "đạt"}, {"warn", "cảnh báo"}, {"fail", "không đạt"},
      {"present", "số có mặt"}, {"summoned", "số được triệu tập"}, {"spouse", "vợ/chồng"}, {"parent", "bố/mẹ"},
      {"child", "con"}, {"sibling", "anh/chị/em ruột"}, {"parent_in_law", "bố/mẹ vợ (chồng)"},
      {"child_in_law", "con dâu/con rể"}, {"sibling_in_law", "anh/chị/em vợ (chồng)"}, {"head", "cấp trưởng"},
      {"deputy_head", "cấp phó"}, {"party_secretary", "bí thư"}, {"party_deputy_secretary", "phó bí thư"},
      {"pc_chairman", "chủ tịch UBND"}, {"pc_vice_chairman", "phó chủ tịch UBND"}, {"personnel", "tổ chức cán bộ"},
      {"accounting", "kế toán"}, {"treasurer", "thủ quỹ"}, {"storekeeper", "thủ kho"},
      {"excellent", "hoàn thành xuất sắc nhiệm vụ"}, {"good", "hoàn thành tốt nhiệm vụ"},
      {"completed", "hoàn thành nhiệm vụ"}, {"failed", "không hoàn thành nhiệm vụ"}, {"central", "trung ương"},
      {"province", "cấp tỉnh"}, {"district", "cấp huyện"}, {"commune", "cấp xã"}, {"grassroots", "cấp cơ sở"},
      {"reprimand", "khiển trách"}, {"warning", "cảnh cáo"}, {"removal_from_post", "cách chức"},
  };
  for (size_t i = 0; code && i < sizeof W / sizeof W[0]; i++)
    if (strcmp(code, W[i][0]) == 0) return W[i][1];
  return code;
}

/* Value v of a parameter as words into b: numbers, yes/no, coded words, lists, and objects as "key: value, …". */
static void value_text(Req *r, Buf *b, json_t *v) {
  if (json_is_object(v)) {
    const char *k;
    json_t *x;
    int i = 0;
    json_object_foreach(v, k, x) {
      buf_printf(b, "%s%s: ", i++ ? ", " : "", label_for_reading(r, k));
      value_text(r, b, x);
    }
  } else if (json_is_boolean(v)) buf_puts(b, json_is_true(v) ? "có" : "không");
  else if (json_is_number(v)) buf_puts(b, num_text(r, v));
  else if (json_is_array(v)) {
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
      if (i) buf_puts(b, ", ");
      value_text(r, b, x);
    }
  } else if (json_is_string(v)) buf_puts(b, value_words(json_string_value(v)));
}

/* "Số người tối đa cho một chức danh: 3; …" for the list, in words (no codes a reader must decode). */
static const char *params_text(Req *r, const char *params) {
  json_t *o = json_loads(params ? params : "{}", 0, NULL);
  Buf b = BUF_INIT;
  const char *key;
  json_t *v;
  if (json_is_object(o)) json_object_foreach(o, key, v) {
      /* a quorum reads as the fraction it is ("Tỷ lệ có mặt: 2/3"), not as two parameters */
      const json_t *den = json_object_get(o, "quorum_den");
      if (strcmp(key, "quorum_den") == 0 && json_is_number(json_object_get(o, "quorum_num"))) continue;
      if (strcmp(key, "quorum_num") == 0 && json_is_number(v) && json_is_number(den)) {
        buf_printf(&b, "%sTỷ lệ có mặt: %g/%g", b.len ? "; " : "", json_number_value(v), json_number_value(den));
        continue;
      }
      buf_printf(&b, "%s%s: ", b.len ? "; " : "", label_for_reading(r, key));
      value_text(r, &b, v);
    }
  json_decref(o);
  const char *s = arena_strdup(r->a, b.p ? b.p : "—");
  buf_free(&b);
  return s;
}
#define N_GROUPS (int)(sizeof GROUPS / sizeof GROUPS[0])

/* True when rule "PLAN-4" is of group "PLAN" (NULL/"" group: all). */
static bool in_group(const char *rule, const char *group) {
  if (!group || !*group) return true;
  size_t n = strlen(group);
  return strncmp(rule, group, n) == 0 && rule[n] == '-';
}

static void filter_form(Req *r, const char *group) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/quy-dinh\" class=\"search card\" id=\"rules-filter\">");
  Choice c[N_GROUPS];
  for (int i = 0; i < N_GROUPS; i++) c[i] = (Choice){GROUPS[i][0], arena_printf(r->a, "%s (%s)", GROUPS[i][1], GROUPS[i][0])};
  widget_select(r, &(Field){.name = "group", .label = "Nhóm quy định", .value = group, .id = "group"}, c, N_GROUPS, "Tất cả");
  html_printf(b, "<button type=\"submit\" class=\"btn btn-primary\">Lọc</button><a class=\"btn btn-ghost\" "
                 "id=\"rules-csv\" href=\"%s\">Xuất CSV</a>",
              html_url(r->a, "/quy-dinh?format=csv&group=%U", group ? group : ""));
  html_lit(b, "</form>");
}

static void confidence_cell(Req *r, const RuleVersion *v) {
  Buf *b = &r->out;
  if (strcmp(v->confidence, "U") == 0)
    html_lit(b, "<td><span class=\"badge badge-u\" title=\"Chưa chắc chắn: là tham số, xem ghi chú\">U</span>");
  else
    html_lit(b, "<td><span class=\"badge badge-v\" title=\"Có nguồn công bố\">V</span>");
  if (v->note && *v->note) html_printf(b, "<p class=\"rule-note\">%s</p>", v->note);
  html_lit(b, "</td>");
}

/* A version as of today: turned off, or by its dates (an old version still on is no longer in force). */
static const char *version_status(Req *r, const RuleVersion *v) {
  const char *today = page_today(r);
  if (!v->enabled) return "Đã tắt";
  if (v->effective_to && *v->effective_to && strcmp(v->effective_to, today) < 0) return "Hết hiệu lực";
  if (v->effective_from && strcmp(v->effective_from, today) > 0) return "Chưa có hiệu lực";
  return "Đang áp dụng";
}

static void rules_table(Req *r, const RuleVersion *v, int n, const char *group) {
  Buf *b = &r->out;
  bool admin = r->user && http_user_allows(r->user, PERM_ORG_ADMIN); /* rule versions are organisation-wide (issue 12) */
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list rules\" id=\"rules\"><caption class=\"sr-only\">Các phiên bản "
              "quy định</caption><thead><tr><th scope=\"col\" class=\"num\">Mã</th><th scope=\"col\">Quy định</th>"
              "<th scope=\"col\">Nội dung</th><th scope=\"col\">Tham số</th><th scope=\"col\">Căn cứ</th>"
              "<th scope=\"col\">Hiệu lực</th><th scope=\"col\">Độ tin cậy, ghi chú</th><th scope=\"col\">Trạng thái</th>");
  if (admin) html_lit(b, "<th scope=\"col\"><span class=\"sr-only\">Thao tác</span></th>");
  html_lit(b, "</tr></thead><tbody>");
  int shown = 0;
  for (int i = 0; i < n; i++) {
    if (!in_group(v[i].rule, group)) continue;
    shown++;
    html_printf(b, "<tr id=\"rv-%lld\"><td class=\"num\">%lld</td><td class=\"nowrap\"><strong>%s</strong></td>"
                   "<td>%s</td><td class=\"params\">%s</td><td>%s",
                v[i].id, v[i].id, v[i].rule, v[i].title, params_text(r, v[i].params), or_dash(v[i].basis));
    if (v[i].convention)
      html_printf(b, "<p class=\"rule-convention\"><strong>Quy ước của hệ thống:</strong> %s</p>", v[i].convention);
    html_printf(b, "</td><td class=\"nowrap\">%s – %s</td>", fmt_date(r, v[i].effective_from),
                v[i].effective_to ? fmt_date(r, v[i].effective_to) : "nay");
    confidence_cell(r, &v[i]);
    html_printf(b, "<td>%s</td>", version_status(r, &v[i]));
    if (admin) html_printf(b, "<td><a href=\"/quy-dinh/%lld\" class=\"btn btn-ghost\">Sửa</a></td>", v[i].id);
    html_lit(b, "</tr>");
  }
  if (!shown) html_lit(b, "<tr><td colspan=\"9\" class=\"empty\">Không có quy định nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

static void rules_csv(Req *r, const RuleVersion *v, int n, const char *group) {
  static const char *H[] = {"Số phiên bản", "Mã quy định", "Nội dung", "Tham số", "Căn cứ", "Hiệu lực từ",
                            "Hiệu lực đến", "Độ tin cậy", "Ghi chú", "Được bật", "Quy ước của canbo"};
  Table t;
  table_init(r, &t, H, 11);
  for (int i = 0; i < n; i++)
    if (in_group(v[i].rule, group))
      table_add(r, &t, (const char *[11]){arena_printf(r->a, "%lld", v[i].id), v[i].rule, v[i].title, v[i].params,
                                          v[i].basis, v[i].effective_from, v[i].effective_to, v[i].confidence,
                                          v[i].note, v[i].enabled ? "Có" : "Không", v[i].convention});
  table_send(r, &t, "csv", "quy-dinh");
}

void page_rules(Req *r) {
  RuleVersion *v;
  int n;
  int rc = rules_list(r->db, r->a, &v, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  const char *group = req_query(r, "group"), *format = req_query(r, "format");
  if (format && strcmp(format, "csv") == 0) {
    rules_csv(r, v, n, group);
    return;
  }
  page_begin(r, "Quy định", NAV_NONE);
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><h1>Quy định áp dụng</h1><p>Mỗi quy định có thể có nhiều phiên bản; một việc "
              "được kiểm tra theo phiên bản có hiệu lực vào ngày của việc đó. Độ tin cậy <strong>V</strong>: có nguồn "
              "công bố; <strong>U</strong>: chưa chắc chắn, được đặt thành tham số kèm ghi chú. Căn cứ chỉ ghi văn bản "
              "có thật; điều hệ thống tự chọn ghi riêng là «Quy ước của hệ thống». Yêu cầu đảng viên và văn bản tiêu "
              "chuẩn của từng chức danh: <a href=\"/chuc-danh\">Chức danh</a>.</p></div>");
  if (req_query(r, "ok")) page_notice(r, "ok", "Đã lưu thay đổi quy định.");
  filter_form(r, group);
  rules_table(r, v, n, group);
  page_end(r);
}

/* Which form of the edit page came back refused (its typed values are shown again). */
typedef enum { POSTED_NONE = 0, POSTED_EDIT, POSTED_NEW } Posted;

static const Choice CONFIDENCE[] = {{"V", "V — có nguồn công bố"}, {"U", "U — chưa chắc chắn (ghi rõ trong ghi chú)"}};

/* ---- the changes of a rule's versions (the audit rows) ---- */

/* A member of a version's JSON as words: a date, on/off, a text in «», "—" when absent or empty. */
static const char *member_text(Req *r, const char *key, const json_t *v) {
  if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v))) return "—";
  if (strcmp(key, "enabled") == 0) return json_is_true(v) ? "bật" : "tắt";
  const char *s = json_is_string(v) ? json_string_value(v) : "";
  if (strncmp(key, "effective_", 10) == 0) return fmt_date(r, s);
  if (strcmp(key, "confidence") == 0) return s;
  return arena_printf(r->a, "«%s»", s);
}

/* One change as "<li>label: before → after</li>"; parameters by their labels and values in words. */
static void change_item(Req *r, const char *label, const char *before, const char *after) {
  html_printf(&r->out, "<li>%s: %s → %s</li>", label, before, after);
}

/* The parameters that differ between objects p and q (either may be NULL). */
static void param_changes(Req *r, json_t *p, json_t *q) {
  json_t *keys = json_object();
  const char *k;
  json_t *v;
  if (json_is_object(p)) json_object_foreach(p, k, v) json_object_set(keys, k, json_true());
  if (json_is_object(q)) json_object_foreach(q, k, v) json_object_set(keys, k, json_true());
  json_object_foreach(keys, k, v) {
    json_t *x = json_object_get(p, k), *y = json_object_get(q, k);
    if (x && y && json_equal(x, y)) continue;
    Buf bx = BUF_INIT, by = BUF_INIT;
    if (x) value_text(r, &bx, x);
    if (y) value_text(r, &by, y);
    change_item(r, label_for_reading(r, k), bx.len ? bx.p : "—", by.len ? by.p : "—");
    buf_free(&bx);
    buf_free(&by);
  }
  json_decref(keys);
}

/* What one audited change did, as a list: the new version's start and parameters, or each member that changed. */
static void change_list(Req *r, const RuleChange *c) {
  json_t *x = c->before ? json_loads(c->before, 0, NULL) : NULL, *y = c->after ? json_loads(c->after, 0, NULL) : NULL;
  html_lit(&r->out, "<ul class=\"changes\">");
  if (!x) {
    html_printf(&r->out, "<li>Thêm phiên bản có hiệu lực từ %s</li>", fmt_date(r, c->effective_from));
    if (json_is_object(json_object_get(y, "params")) && json_object_size(json_object_get(y, "params")))
      param_changes(r, NULL, json_object_get(y, "params"));
  } else {
    static const char *const M[][2] = {{"effective_to", "Hết hiệu lực sau ngày"}, {"enabled", "Trạng thái"},
                                       {"basis", "Căn cứ"}, {"convention", "Quy ước của hệ thống"},
                                       {"confidence", "Độ tin cậy"}, {"note", "Ghi chú"}};
    int shown = 0;
    json_t *px = json_object_get(x, "params"), *py = json_object_get(y, "params");
    if (!json_equal(px, py)) param_changes(r, px, py), shown++;
    for (size_t i = 0; i < sizeof M / sizeof M[0]; i++) {
      json_t *a = json_object_get(x, M[i][0]), *b = json_object_get(y, M[i][0]);
      if ((!a && !b) || (a && b && json_equal(a, b))) continue;
      change_item(r, M[i][1], member_text(r, M[i][0], a), member_text(r, M[i][0], b)), shown++;
    }
    if (!shown) html_lit(&r->out, "<li>Lưu lại, không thay đổi gì</li>");
  }
  html_lit(&r->out, "</ul>");
  json_decref(x);
  json_decref(y);
}

enum { RULE_HISTORY_ROWS = 50 };

/* "Lịch sử thay đổi của {rule}": who changed which version of the rule, when, and what (newest first). */
static void history_section(Req *r, const RuleVersion *rv) {
  RuleChange *c;
  int n;
  if (rules_history(r->db, r->a, rv->rule, RULE_HISTORY_ROWS, &c, &n)) return;
  Buf *b = &r->out;
  html_printf(b, "<section class=\"card stack\" id=\"lich-su\"><h2 class=\"section-h\">Lịch sử thay đổi của %s</h2>",
              rv->rule);
  if (!n) {
    html_lit(b, "<p class=\"muted\">Chưa có thay đổi nào từ khi cài đặt: các phiên bản như hệ thống đã nạp.</p></section>");
    return;
  }
  html_lit(b, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>Thời điểm</th><th>Người sửa</th>"
              "<th>Phiên bản</th><th>Thay đổi</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td class=\"nowrap\">từ %s</td><td>", fmt_time(r, c[i].at),
                c[i].actor, fmt_date(r, c[i].effective_from));
    change_list(r, &c[i]);
    html_lit(b, "</td></tr>");
  }
  html_lit(b, "</tbody></table></div>");
  if (n == RULE_HISTORY_ROWS)
    html_printf(b, "<p class=\"muted\">%d thay đổi gần nhất; các thay đổi trước đó có trong nhật ký kiểm toán.</p>", n);
  html_lit(b, "</section>");
}

/* The edit page of version rv; `error` (or NULL) shown on top, `e` the bad fields of the `posted` form. */
static void edit_page(Req *r, const RuleVersion *rv, int status, const char *error, Posted posted,
                      const FieldErrors *e) {
  page_begin(r, arena_printf(r->a, "Sửa quy định %s", rv->rule), NAV_NONE);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/quy-dinh#rv-%lld\">‹ Danh sách quy định</a></p>"
                 "<h1>%s — phiên bản từ %s</h1><p>%s</p></div>",
              rv->id, rv->rule, fmt_date(r, rv->effective_from), rv->title);
  if (error) page_notice(r, "error", error);
  json_t *params = json_loads(rv->params ? rv->params : "{}", 0, NULL);
  if (!json_is_object(params)) json_decref(params), params = json_object();
  bool pe = posted == POSTED_EDIT, pn = posted == POSTED_NEW;
  FieldErrors none;
  field_errors_init(&none, r->a);
  html_printf(b, "<form method=\"post\" action=\"/quy-dinh/%lld\" class=\"card stack\" id=\"rule-edit\">", rv->id);
  page_csrf_field(r);
  html_lit(b, "<h2 class=\"section-h\">Sửa phiên bản này</h2>");
  widget_error_summary(r, pe ? e : &none);
  if (json_object_size(params)) {
    html_lit(b, "<fieldset class=\"params\" id=\"params\"><legend>Tham số</legend>");
    params_inputs(r, params, "p.", pe ? e : &none, pe);
    html_lit(b, "</fieldset>");
  } else {
    html_lit(b, "<p class=\"muted\">Quy định này không có tham số.</p>");
  }
  widget_textarea(r, &(Field){.name = "basis", .label = "Căn cứ (văn bản: số, ngày, điều khoản)", .id = "basis",
                              .value = pe ? req_form(r, "basis") : rv->basis, .error = field_errors_get(e, "basis"),
                              .hint = "Chỉ văn bản có thật; điều hệ thống tự quy ước ghi ở ô dưới."},
                  3);
  widget_textarea(r, &(Field){.name = "convention", .label = "Quy ước của hệ thống", .id = "convention",
                              .value = pe ? req_form(r, "convention") : rv->convention,
                              .error = field_errors_get(e, "convention"),
                              .hint = "Điều canbo tự chọn khi văn bản không nêu; hiển thị riêng, không phải căn cứ."},
                  2);
  widget_select(r, &(Field){.name = "confidence", .label = "Độ tin cậy", .id = "confidence",
                            .value = pe ? req_form(r, "confidence") : rv->confidence},
                CONFIDENCE, 2, NULL);
  const char *to = pe ? req_form(r, "effective_to") : NULL;
  widget_date(r, &(Field){.name = "effective_to", .label = "Hết hiệu lực sau ngày", .id = "effective_to",
                          .value = to ? to : rv->effective_to, .error = pe ? field_errors_get(e, "effective_to") : NULL,
                          .hint = "Để trống: còn hiệu lực."});
  bool on = pe ? req_form(r, "enabled") != NULL : rv->enabled;
  html_printf(b, "<div class=\"field\"><label><input type=\"checkbox\" name=\"enabled\" value=\"1\"%s> Bật (áp dụng "
                 "trong thời gian hiệu lực)</label></div>",
              on ? " checked" : "");
  widget_textarea(r, &(Field){.name = "note", .label = "Ghi chú", .id = "note", .value = pe ? req_form(r, "note") : rv->note}, 3);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Lưu thay đổi</button></form>");

  html_printf(b, "<form method=\"post\" action=\"/quy-dinh/%lld/phien-ban-moi\" class=\"card stack\" id=\"rule-new\">",
              rv->id);
  page_csrf_field(r);
  html_printf(b, "<h2 class=\"section-h\">Thêm phiên bản mới của %s</h2><p class=\"help\">Khi có văn bản mới: phiên "
                 "bản đang mở sẽ hết hiệu lực vào ngày trước ngày bắt đầu của phiên bản mới. Tham số lấy theo phiên bản "
                 "này, sửa lại theo văn bản mới.</p>",
              rv->rule);
  widget_error_summary(r, pn ? e : &none);
  widget_date(r, &(Field){.name = "effective_from", .label = "Có hiệu lực từ ngày", .id = "effective_from", .required = true,
                          .value = pn ? req_form(r, "effective_from") : NULL,
                          .error = pn ? field_errors_get(e, "effective_from") : NULL});
  if (json_object_size(params)) {
    html_lit(b, "<fieldset class=\"params\" id=\"new-params\"><legend>Tham số của phiên bản mới</legend>");
    params_inputs(r, params, "n.", pn ? e : &none, pn);
    html_lit(b, "</fieldset>");
  }
  widget_textarea(r, &(Field){.name = "basis", .label = "Căn cứ của phiên bản mới", .id = "new_basis", .required = true,
                              .value = pn ? req_form(r, "basis") : NULL,
                              .error = pn ? field_errors_get(e, "basis") : NULL,
                              .hint = "Số, ngày của văn bản mới, ví dụ «Quy định 377-QĐ/TW ngày 08/10/2025»."},
                  2);
  widget_select(r, &(Field){.name = "confidence", .label = "Độ tin cậy", .id = "new_confidence",
                            .value = pn ? req_form(r, "confidence") : "V"},
                CONFIDENCE, 2, NULL);
  widget_textarea(r, &(Field){.name = "note", .label = "Ghi chú", .id = "new_note", .value = pn ? req_form(r, "note") : NULL}, 2);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Thêm phiên bản</button></form>");
  json_decref(params);
  history_section(r, rv);
  page_end(r);
}

static bool find_or_404(Req *r, RuleVersion *rv) {
  long long id;
  if (!req_param_id(r, 0, &id)) return false;
  int rc = rules_find(r->db, r->a, id, rv);
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_rule_edit(Req *r) {
  RuleVersion rv;
  FieldErrors none;
  field_errors_init(&none, r->a);
  if (find_or_404(r, &rv)) edit_page(r, &rv, 200, NULL, POSTED_NONE, &none);
}

/* Basis and convention: at most 2,000 bytes each. */
static void check_texts(Req *r, FieldErrors *e, const char *basis, const char *convention) {
  if (basis && strlen(basis) > 2000) field_errors_add(e, "basis", "Căn cứ: tối đa 2.000 ký tự");
  if (convention && strlen(convention) > 2000) field_errors_add(e, "convention", "Quy ước của hệ thống: tối đa 2.000 ký tự");
  (void)r;
}

void page_rule_edit_post(Req *r) {
  RuleVersion rv;
  if (!find_or_404(r, &rv)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  const char *params = params_from_form(r, rv.params, "p.", &e), *to;
  const char *basis = req_form(r, "basis"), *conv = req_form(r, "convention"), *conf = req_form(r, "confidence");
  widget_date_field(r, "effective_to", "Hết hiệu lực sau ngày", false, &e, &to);
  check_texts(r, &e, basis, conv);
  if (conf && strcmp(conf, "V") != 0 && strcmp(conf, "U") != 0) field_errors_add(&e, "confidence", "Độ tin cậy: V hoặc U");
  if (e.n) {
    edit_page(r, &rv, 400, NULL, POSTED_EDIT, &e);
    return;
  }
  const char *note = req_form(r, "note");
  RuleEdit ed = {.params = params, .effective_to = to ? to : "", .enabled = req_form(r, "enabled") ? 1 : 0,
                 .note = note ? note : "", .basis = basis ? basis : "", .convention = conv ? conv : "",
                 .confidence = conf};
  char why[RULE_WHY_SIZE];
  int rc = rules_edit(r->db, r->user->username, rv.id, &ed, why);
  if (rc == CB_EINVAL) {
    if (*why) field_errors_add(&e, "params", "%s", why);
    else
      field_errors_add(&e, "effective_to", "Hết hiệu lực sau ngày: không được trước ngày có hiệu lực (%s)",
                       fmt_date(r, rv.effective_from));
    edit_page(r, &rv, 400, NULL, POSTED_EDIT, &e);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/quy-dinh?ok=1#rv-%lld", rv.id));
}

void page_rule_new_version(Req *r) {
  RuleVersion rv;
  if (!find_or_404(r, &rv)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  const char *params = params_from_form(r, rv.params, "n.", &e), *note = req_form(r, "note"), *from;
  const char *basis = str_or_null(req_form(r, "basis")), *conf = req_form(r, "confidence");
  widget_date_field(r, "effective_from", "Có hiệu lực từ ngày", true, &e, &from);
  if (!basis) field_errors_add(&e, "basis", "Căn cứ của phiên bản mới: cần số, ngày của văn bản");
  check_texts(r, &e, basis, NULL);
  if (conf && strcmp(conf, "V") != 0 && strcmp(conf, "U") != 0) field_errors_add(&e, "confidence", "Độ tin cậy: V hoặc U");
  if (e.n) {
    edit_page(r, &rv, 400, NULL, POSTED_NEW, &e);
    return;
  }
  RuleVersion nv = {.rule = rv.rule, .params = params, .effective_from = from, .note = str_or_null(note),
                    .basis = basis, .confidence = conf && *conf ? conf : NULL};
  long long id = 0;
  char why[RULE_WHY_SIZE];
  int rc = rules_add_version(r->db, r->user->username, &nv, &id, why);
  if (rc == CB_EINVAL && *why) {
    field_errors_add(&e, "params", "%s", why);
    edit_page(r, &rv, 400, NULL, POSTED_NEW, &e);
    return;
  }
  if (rc == CB_EINVAL || rc == CB_EEXIST) {
    field_errors_add(&e, "effective_from", rc == CB_EEXIST ? "Có hiệu lực từ ngày: quy định này đã có phiên bản từ ngày đó"
                                                          : "Có hiệu lực từ ngày: không hợp lệ");
    edit_page(r, &rv, 400, NULL, POSTED_NEW, &e);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, arena_printf(r->a, "/quy-dinh?ok=1#rv-%lld", id));
}

/*
** The cadre's record in the browser: the form to add a cadre (every field
** of the Mẫu 2C form, in its sections), the form to correct one (a reason
** and, for dated fields, the date from which the new value holds; the
** version the form was loaded at, so that a second officer's save based on
** an old version is refused with the current values shown), voiding a
** wrong record with a reason, restoring it (admin), and the history page.
**
** Routes: GET/POST /them-can-bo, GET/POST /can-bo/{code}/sua,
** GET/POST /can-bo/{code}/huy, POST /can-bo/{code}/khoi-phuc,
** GET /can-bo/{code}/lich-su. Fields come from domain/cadre_fields.h, so a
** new field of the form appears here without a change to this file.
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/cadre_dated.h"
#include "domain/cadre_edit.h"
#include "domain/cadre_fields.h"
#include "domain/record_history.h"
#include "domain/record_kinds.h"
#include "domain/unit.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

static const char *const SECTIONS[] = {
    "Số hiệu",
    "1. Họ và tên, ngày sinh, giới tính",
    "2. Nơi sinh, quê quán",
    "3. Dân tộc, tôn giáo",
    "4. Nơi thường trú, nơi ở hiện nay, điện thoại",
    "5. Tuyển dụng",
    "6. Đơn vị công tác, công việc được giao",
    "7. Ngạch, bậc lương, phụ cấp",
    "8. Trình độ",
    "9. Ngày vào Đảng, tham gia tổ chức chính trị - xã hội",
    "10. Quân ngũ",
    "11. Danh hiệu, sở trường",
    "12. Khen thưởng",
    "13. Sức khỏe, chính sách",
    "14. Căn cước, bảo hiểm xã hội",
    "Đặc điểm lịch sử bản thân, nhận xét, ghi chú",
};

static const Choice GENDERS[] = {{"M", "Nam"}, {"F", "Nữ"}};
static const Choice DEGREES[] = {{"so_cap", "Sơ cấp"},   {"trung_cap", "Trung cấp"}, {"cao_dang", "Cao đẳng"},
                                 {"dai_hoc", "Đại học"}, {"thac_si", "Thạc sĩ"},     {"tien_si", "Tiến sĩ"},
                                 {"tien_si_khoa_hoc", "Tiến sĩ khoa học"}};
static const Choice LLCTS[] = {{"so_cap", "Sơ cấp"}, {"trung_cap", "Trung cấp"}, {"cao_cap", "Cao cấp"}, {"cu_nhan", "Cử nhân"}};
static const Choice QLNNS[] = {{"can_su", "Cán sự"},
                               {"chuyen_vien", "Chuyên viên"},
                               {"chuyen_vien_chinh", "Chuyên viên chính"},
                               {"chuyen_vien_cao_cap", "Chuyên viên cao cấp"}};
#define NCH(x) (int)(sizeof x / sizeof x[0])

/*
** Which fields of a re-shown form keep what the user typed: typed[i] for
** CADRE_FIELDS[i]; NULL = none (every field shows the stored value).
*/
typedef const bool *Typed;

/* Every field typed (a refused new form, or a correction refused for a bad field). */
static Typed all_typed(Req *r) {
  bool *t = arena_alloc(r->a, (size_t)CADRE_NFIELDS);
  memset(t, 1, (size_t)CADRE_NFIELDS);
  return t;
}

/* The value field i shows: what was typed (kept on a refused form), else the stored one (display form). */
static const char *shown(Req *r, int i, const Cadre *c, Typed typed) {
  const CadreField *f = &CADRE_FIELDS[i];
  if (typed && typed[i]) return req_form(r, f->name);
  const char *v = c ? cadre_field_get(c, f) : NULL;
  if (!v) return NULL;
  if (f->kind == CF_BIRTH) {
    char buf[16];
    return arena_strdup(r->a, date_iso_to_vn(v, buf));
  }
  if (f->kind == CF_NUMBER) return cadre_field_display(r->a, f, v);
  return v;
}

/* One field of the record, written by its kind. */
static void field_widget(Req *r, const CadreField *f, const char *value, const char *error, const Unit *u, int nu,
                         bool editing) {
  Field w = {.name = f->name, .label = f->label, .value = value, .error = error,
             .required = (f->flags & CF_REQUIRED) != 0, .maxlen = f->maxlen};
  if (editing && (f->flags & CF_DATED)) w.hint = "Thay đổi có hiệu lực từ «ngày hiệu lực» ở cuối biểu mẫu.";
  switch (f->kind) {
  case CF_GENDER: widget_select(r, &w, GENDERS, NCH(GENDERS), NULL); break;
  case CF_DEGREE: widget_select(r, &w, DEGREES, NCH(DEGREES), NULL); break;
  case CF_LLCT: widget_select(r, &w, LLCTS, NCH(LLCTS), NULL); break;
  case CF_QLNN: widget_select(r, &w, QLNNS, NCH(QLNNS), NULL); break;
  case CF_UNIT: widget_unit_select(r, &w, u, nu); break;
  case CF_DATE:
  case CF_DAY: widget_date(r, &w); break;
  case CF_LONG: widget_textarea(r, &w, 4); break;
  case CF_BIRTH:
    w.hint = "dd/mm/yyyy; khi không rõ ngày: mm/yyyy hoặc yyyy";
    widget_text(r, &w);
    break;
  case CF_NUMBER:
    if (!w.hint && f->max <= 20 && strstr(f->name, "coefficient")) w.hint = "Số thập phân dùng dấu phẩy, ví dụ 4,98";
    widget_text(r, &w);
    break;
  default: widget_text(r, &w); break;
  }
}

/* Sections always shown unfolded: name, birth, origin, unit, levels, party. The others fold (a click opens them). */
#define ESSENTIAL(s) ((s) == 1 || (s) == 2 || (s) == 3 || (s) == 6 || (s) == 8 || (s) == 9)

/* True when section `sec` holds a stored or submitted value, or a bad field (then it is shown unfolded). */
static bool section_has(Req *r, const Cadre *c, Typed typed, const FieldErrors *e, int sec) {
  for (int i = 0; i < CADRE_NFIELDS; i++) {
    const CadreField *f = &CADRE_FIELDS[i];
    if (f->section != sec) continue;
    if (field_errors_get(e, f->name)) return true;
    const char *v = typed && typed[i] ? req_form(r, f->name) : c ? cadre_field_get(c, f) : NULL;
    if (v && *v) return true;
  }
  return false;
}

/*
** The record's fields in the form's sections. c: the stored record (NULL for a new one); typed: the fields
** that show the posted values instead; e: the bad fields.
*/
static void record_fields(Req *r, const Cadre *c, Typed typed, const FieldErrors *e, bool editing) {
  Unit *u = NULL;
  int nu = 0;
  unit_list(r->db, r->a, r->scope, &u, &nu);
  Buf *b = &r->out;
  int open = -1;
  for (int i = 0; i < CADRE_NFIELDS; i++) {
    const CadreField *f = &CADRE_FIELDS[i];
    if (editing && (f->flags & CF_FIXED)) continue; /* the code is not corrected */
    if (f->section != open) {
      if (open >= 0) html_lit(b, "</div></details>");
      bool unfold = ESSENTIAL(f->section) || section_has(r, c, typed, e, f->section);
      html_printf(b, "<details class=\"form-section\"%s><summary>%s</summary><div class=\"form-grid\">",
                  unfold ? " open" : "", SECTIONS[f->section]);
      open = f->section;
    }
    const char *value = shown(r, i, c, typed);
    if (!c && !typed && f->kind == CF_CODE) value = NULL;
    if (f->kind == CF_CODE && field_errors_get(e, f->name)) value = NULL; /* a code taken elsewhere is not echoed */
    field_widget(r, f, value, field_errors_get(e, f->name), u, nu, editing);
    if (!editing && f->kind == CF_CODE)
      html_lit(b, "<p class=\"help\">Để trống: hệ thống tự cấp số hiệu (CB000123).</p>");
  }
  if (open >= 0) html_lit(b, "</div></details>");
}

/*
** The value field f had when the correction form was loaded: the hidden "was.NAME" input the form carries
** (edit_form), or, for a form without it, the value of `current`.
*/
static const char *loaded_value(Req *r, const CadreField *f, const Cadre *current) {
  const char *was = req_form(r, arena_printf(r->a, "was.%s", f->name));
  return was ? was : cadre_field_get(current, f);
}

static bool same(const char *x, const char *y) { return strcmp(x ? x : "", y ? y : "") == 0; }

/* The typed value of f in its stored form (as cadre_field_check gives it); `typed` itself when it is bad. */
static const char *typed_stored(Req *r, const CadreField *f, const char *typed) {
  const char *stored = NULL;
  return cadre_field_check(r->a, f, typed, &stored) ? typed : stored;
}

/*
** The submitted fields of the form as FieldValues; when `current` is given (a correction), only those the
** user changed: whose typed value differs from the value the form was loaded with (loaded_value), so a field
** another officer changed meanwhile and this user left alone is not written back. changed (may be NULL) gets
** changed[i] for CADRE_FIELDS[i].
*/
static int submitted_fields(Req *r, const Cadre *current, FieldValue **out, bool **changed) {
  FieldValue *v = arena_alloc(r->a, sizeof(FieldValue) * (size_t)CADRE_NFIELDS);
  bool *ch = arena_alloc(r->a, (size_t)CADRE_NFIELDS);
  int n = 0;
  for (int i = 0; i < CADRE_NFIELDS; i++) {
    const CadreField *f = &CADRE_FIELDS[i];
    const char *typed = req_form(r, f->name);
    if (!typed) continue;
    if (current) {
      if (f->flags & CF_FIXED) continue;
      if (same(typed_stored(r, f, typed), loaded_value(r, f, current))) continue; /* unchanged */
    }
    ch[i] = true;
    v[n++] = (FieldValue){f->name, typed};
  }
  *out = v;
  if (changed) *changed = ch;
  return n;
}

/* ---- add -------------------------------------------------------------------- */

static void new_form(Req *r, int status, const FieldErrors *e) {
  page_begin(r, "Thêm cán bộ", NAV_CADRES);
  r->status = status;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"page-head\"><p><a href=\"/can-bo\">‹ Danh sách cán bộ</a></p><h1>Thêm cán bộ</h1>"
              "<p class=\"muted\">Các mục theo Sơ yếu lý lịch (Mẫu 2C). Trường có dấu * là bắt buộc; "
              "các trường khác có thể bổ sung sau.</p></div>");
  if (e) widget_error_summary(r, e);
  html_lit(b, "<form method=\"post\" action=\"/them-can-bo\" class=\"card stack record-form\" novalidate>");
  page_csrf_field(r);
  record_fields(r, NULL, e ? all_typed(r) : NULL, e, false);
  html_lit(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Lưu hồ sơ</button>"
              "<a class=\"btn btn-ghost\" href=\"/can-bo\">Hủy bỏ</a></div></form>");
  page_end(r);
}

void page_cadre_new(Req *r) { new_form(r, 200, NULL); }

static Editor editor_of(Req *r) {
  return (Editor){.actor = r->user->username, .source = "form", .scope = scope_legacy(r->scope),
                  .admin = r->user->role == ROLE_ADMIN};
}

void page_cadre_create(Req *r) {
  FieldValue *v;
  int n = submitted_fields(r, NULL, &v, NULL);
  FieldErrors e;
  field_errors_init(&e, r->a);
  Editor ed = editor_of(r);
  Cadre c;
  int rc = cadre_create(r->db, r->a, &ed, v, n, &e, &c);
  const char *code = req_form(r, "code");
  if (rc == CB_EEXIST || (rc == CB_EINVAL && code && *code && cadre_code_taken(r->db, code) == 1))
    field_errors_add(&e, "code", "Số hiệu cán bộ: số hiệu vừa nhập đã được dùng; nhập số khác hoặc để trống để hệ thống "
                                 "tự cấp.");
  if (rc == CB_ENOTFOUND) field_errors_add(&e, "unit_code", "Đơn vị công tác: chọn một đơn vị trong danh sách.");
  if (e.n) {
    new_form(r, 400, &e);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, html_url(r->a, "/can-bo/%U?da-luu=1", c.code));
}

/* ---- correct -------------------------------------------------------------------- */

/*
** After a save refused because another officer changed the same fields meanwhile (clash[i] for
** CADRE_FIELDS[i]): those fields, the value now stored beside the value typed.
*/
static void conflict_table(Req *r, const Cadre *now, const bool *clash) {
  Buf *b = &r->out;
  HistoryItem *h; /* who changed it last, and when: the history's newest row of the file */
  int n = 0;
  const char *who = history_for_cadre(r->db, r->a, now->id, 1, &h, &n) == 0 && n
                        ? arena_printf(r->a, " (lần sửa gần nhất: %s, lúc %s)", h[0].by, fmt_time(r, h[0].at))
                        : "";
  html_printf(b, "<div class=\"notice notice-error\" role=\"alert\"><p><strong>Hồ sơ đã được người khác sửa</strong>%s "
              "trong lúc bạn nhập, ở cả những trường bạn cũng sửa (bảng dưới), nên chưa lưu gì. Các trường bạn không "
              "sửa đã lấy giá trị mới của người kia; giá trị bạn nhập vẫn giữ trong biểu mẫu. Chọn giá trị đúng cho các "
              "trường trong bảng rồi bấm «Lưu thay đổi».</p>"
              "<table class=\"grid\"><thead><tr><th scope=\"col\">Trường</th><th scope=\"col\">Giá trị hiện tại</th>"
              "<th scope=\"col\">Bạn nhập</th></tr></thead><tbody>",
              who);
  for (int i = 0; i < CADRE_NFIELDS; i++) {
    if (!clash[i]) continue;
    const CadreField *f = &CADRE_FIELDS[i];
    const char *stored = typed_stored(r, f, req_form(r, f->name));
    html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>", f->label,
                or_dash(cadre_field_display(r->a, f, cadre_field_get(now, f))),
                or_dash(cadre_field_display(r->a, f, stored)));
  }
  html_lit(b, "</tbody></table></div>");
}

/*
** The correction form of c. typed: the fields that keep what was posted (NULL on first load); clash: after a
** conflict, the fields both officers changed (NULL otherwise). The hidden "was.NAME" inputs carry the values
** the form shows as loaded: c's, except on a form refused for a bad field, where the posted ones stay.
*/
static void edit_form(Req *r, const Cadre *c, int status, const FieldErrors *e, Typed typed, const bool *clash) {
  page_begin(r, arena_printf(r->a, "Sửa hồ sơ %s", c->full_name), NAV_CADRES);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/can-bo/%U\">‹ Hồ sơ %s</a></p><h1>Sửa hồ sơ: %s</h1>"
                 "<p class=\"muted\">Mỗi thay đổi được ghi vào lịch sử của hồ sơ với lý do. Trình độ, lý luận chính trị, "
                 "quản lý nhà nước, đơn vị và ngày vào Đảng, ngày chính thức thay đổi từ ngày hiệu lực; "
                 "các trường khác là sửa cho đúng.</p></div>",
              c->code, c->full_name, c->full_name);
  if (clash) conflict_table(r, c, clash);
  if (e) widget_error_summary(r, e);
  html_printf(b, "<form method=\"post\" action=\"/can-bo/%U/sua\" class=\"card stack record-form\" novalidate>", c->code);
  page_csrf_field(r);
  html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", c->version);
  for (int i = 0; i < CADRE_NFIELDS; i++) {
    const CadreField *f = &CADRE_FIELDS[i];
    if (f->flags & CF_FIXED) continue;
    const char *was = e ? loaded_value(r, f, c) : cadre_field_get(c, f);
    html_printf(b, "<input type=\"hidden\" name=\"was.%s\" value=\"%s\">", f->name, was ? was : "");
  }
  bool submitted = typed != NULL;
  record_fields(r, c, typed, e, true);
  html_lit(b, "<fieldset class=\"form-section\"><legend>Lý do và ngày hiệu lực</legend><div class=\"form-grid\">");
  Field reason = {.name = "reason", .label = "Lý do thay đổi", .required = true, .maxlen = 500,
                  .value = submitted ? req_form(r, "reason") : NULL, .error = field_errors_get(e, "reason"),
                  .hint = "Ví dụ: theo Quyết định số 123-QĐ/TU; sửa nhầm khi nhập."};
  widget_text(r, &reason);
  Field eff = {.name = "effective_date", .label = "Ngày hiệu lực", .error = field_errors_get(e, "effective_date"),
               .value = submitted ? req_form(r, "effective_date") : NULL,
               .hint = "Cho các trường thay đổi theo thời gian (đơn vị, trình độ, ngày vào Đảng); để trống là hôm nay. "
                       "Đổi đơn vị thì chức vụ chính đang giữ ở đơn vị cũ kết thúc vào ngày trước đó (ghi chức vụ mới "
                       "sau), hoặc chuyển theo khi sửa nhầm khi nhập."};
  widget_date(r, &eff);
  html_printf(b, "<div class=\"field field-check\"><label><input type=\"checkbox\" name=\"entry_error\" value=\"1\"%s> "
                 "Sửa nhầm khi nhập</label><p class=\"hint\">Giá trị mới thay giá trị sai từ ngày giá trị đó có hiệu lực, "
                 "không ghi thành một lần thay đổi (để trống ngày hiệu lực).</p></div>",
              submitted && req_form(r, "entry_error") ? " checked" : "");
  html_printf(b, "</div></fieldset><div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Lưu thay "
                 "đổi</button><a class=\"btn btn-ghost\" href=\"/can-bo/%U\">Hủy bỏ</a></div></form>",
              c->code);
  page_end(r);
}

/* The live record of the {code} parameter in scope, or false after a 404. */
static bool load(Req *r, Cadre *c) {
  int rc = r->nparams ? cadre_find(r->db, r->a, r->scope, r->params[0], c) : CB_ENOTFOUND;
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_cadre_edit(Req *r) {
  Cadre c;
  if (load(r, &c)) edit_form(r, &c, 200, NULL, NULL, NULL);
}

/*
** After a stale save, a three-way merge of the fields this user changed (changed[i]) with the record now
** stored: a field the other officer left as the form loaded it is written; one changed by both to the
** same value needs nothing; one changed by both to different values clashes (clash[i]). A form without
** the loaded values ("was.NAME") cannot tell: every changed field clashes. Returns the number of clashes;
** keep[0..*nkeep) gets the changes to write.
*/
static int merge_changes(Req *r, const Cadre *now, const bool *changed, bool *clash, FieldValue *keep, int *nkeep) {
  int nclash = 0;
  *nkeep = 0;
  for (int i = 0; i < CADRE_NFIELDS; i++) {
    if (!changed[i]) continue;
    const CadreField *f = &CADRE_FIELDS[i];
    const char *typed = req_form(r, f->name), *now_v = cadre_field_get(now, f);
    const char *was = req_form(r, arena_printf(r->a, "was.%s", f->name));
    if (same(typed_stored(r, f, typed), now_v)) continue;
    if (was && same(was, now_v)) keep[(*nkeep)++] = (FieldValue){f->name, typed};
    else clash[i] = true, nclash++;
  }
  return nclash;
}

void page_cadre_update(Req *r) {
  Cadre c;
  if (!load(r, &c)) return;
  FieldValue *v;
  bool *changed;
  int n = submitted_fields(r, &c, &v, &changed);
  FieldErrors e;
  field_errors_init(&e, r->a);
  const char *ver = req_form(r, "version");
  CadrePatch p = {.set = v, .nset = n, .reason = req_form(r, "reason"),
                  .effective_date = req_form(r, "effective_date"), .version = ver ? atoll(ver) : 0,
                  .entry_error = req_form(r, "entry_error") != NULL};
  Editor ed = editor_of(r);
  Cadre now;
  int rc = n ? cadre_patch(r->db, r->a, &ed, c.code, &p, &e, &now) : 0;
  for (int tries = 0; rc == CB_ECONFLICT; tries++) { /* another officer saved first: merge field by field */
    bool *clash = arena_alloc(r->a, (size_t)CADRE_NFIELDS);
    FieldValue *keep = arena_alloc(r->a, sizeof(FieldValue) * (size_t)CADRE_NFIELDS);
    int nkeep = 0;
    if (merge_changes(r, &now, changed, clash, keep, &nkeep) || tries == 3) {
      if (tries == 3) memcpy(clash, changed, (size_t)CADRE_NFIELDS);
      edit_form(r, &now, 409, NULL, changed, clash);
      return;
    }
    p.set = keep, p.nset = n = nkeep, p.version = now.version;
    rc = nkeep ? cadre_patch(r->db, r->a, &ed, c.code, &p, &e, &now) : 0;
  }
  if (rc == CB_ENOTFOUND && n) field_errors_add(&e, "unit_code", "Đơn vị công tác: chọn một đơn vị trong phạm vi của bạn.");
  if (e.n) {
    edit_form(r, &c, 400, &e, all_typed(r), NULL);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, html_url(r->a, "/can-bo/%U?da-luu=%d", c.code, n));
}

/* ---- void and restore ------------------------------------------------------------ */

static void void_form(Req *r, const Cadre *c, int status, const FieldErrors *e) {
  page_begin(r, arena_printf(r->a, "Hủy hồ sơ %s", c->full_name), NAV_CADRES);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/can-bo/%U\">‹ Hồ sơ %s</a></p><h1>Hủy hồ sơ nhập sai</h1></div>"
                 "<div class=\"card stack\"><p>Hồ sơ <strong>%s</strong> (%s, %s) sẽ không còn trong danh sách, tìm kiếm, "
                 "thống kê, báo cáo và tệp xuất. Không có gì bị xóa: quản trị viên xem được hồ sơ đã hủy và có thể "
                 "khôi phục.</p>",
              c->code, c->full_name, c->full_name, c->code, or_dash(c->unit_name));
  if (e) widget_error_summary(r, e);
  html_printf(b, "<form method=\"post\" action=\"/can-bo/%U/huy\" class=\"stack\">", c->code);
  page_csrf_field(r);
  Field reason = {.name = "reason", .label = "Lý do hủy", .required = true, .maxlen = 500,
                  .value = e ? req_form(r, "reason") : NULL, .error = field_errors_get(e, "reason"),
                  .hint = "Ví dụ: nhập trùng với hồ sơ CB000123; nhập nhầm tệp."};
  widget_text(r, &reason);
  html_printf(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-danger\">Hủy hồ sơ</button>"
                 "<a class=\"btn btn-ghost\" href=\"/can-bo/%U\">Quay lại</a></div></form></div>",
              c->code);
  page_end(r);
}

void page_cadre_void_form(Req *r) {
  Cadre c;
  if (load(r, &c)) void_form(r, &c, 200, NULL);
}

void page_cadre_void(Req *r) {
  Cadre c;
  if (!load(r, &c)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  Editor ed = editor_of(r);
  int rc = cadre_void(r->db, r->a, &ed, c.code, req_form(r, "reason"), &e);
  if (rc == CB_EINVAL) void_form(r, &c, 400, &e);
  else if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, html_url(r->a, "/can-bo?da-huy=%U", c.code));
}

void page_cadre_restore(Req *r) {
  FieldErrors e;
  field_errors_init(&e, r->a);
  Editor ed = editor_of(r);
  int rc = r->nparams ? cadre_restore(r->db, r->a, &ed, r->params[0], req_form(r, "reason"), &e) : CB_ENOTFOUND;
  if (rc) resp_cb_error(r, rc);
  else resp_redirect(r, html_url(r->a, "/can-bo/%U?da-khoi-phuc=1", r->params[0]));
}

/* ---- history -------------------------------------------------------------------- */

/* The label of a history row's field: the field's label in its record (cadre, post, sub-record), else the name. */
static const char *field_label(const char *entity, const char *field) {
  static const char *const POST[][2] = {{"unit_code", "Đơn vị"},   {"title_code", "Chức danh"},
                                        {"start_date", "Từ ngày"}, {"end_date", "Đến ngày"},
                                        {"decision_no", "Số quyết định"}, {"concurrent", "Kiêm nhiệm"}};
  if (!field) return "";
  if (entity && strcmp(entity, "cadre") == 0) {
    const CadreField *f = cadre_field(field);
    if (f) return f->label;
  } else if (entity && strcmp(entity, "position") == 0) {
    for (size_t i = 0; i < sizeof POST / sizeof POST[0]; i++)
      if (strcmp(field, POST[i][0]) == 0) return POST[i][1];
  } else if (record_kind(entity)) {
    const SubKind *k = record_kind(entity);
    int i = sub_field(k, field);
    if (i >= 0) return k->fields[i].label;
  }
  return field;
}

static const char *entity_label(const char *entity) {
  static const char *const L[][2] = {{"cadre", "Hồ sơ"},         {"position", "Chức vụ"},     {"training", "Đào tạo"},
                                     {"evaluation", "Đánh giá"}, {"discipline", "Kỷ luật"}, {"family", "Gia đình"}};
  for (size_t i = 0; entity && i < sizeof L / sizeof L[0]; i++)
    if (strcmp(entity, L[i][0]) == 0) return L[i][1];
  return entity ? entity : "";
}

/* A stored value as people read it (labels for levels and gender, unit and title names, dd/mm/yyyy for dates). */
static const char *value_label(Req *r, const char *entity, const char *field, const char *v) {
  if (v && *v && field && (strcmp(field, "unit_code") == 0 || strcmp(field, "title_code") == 0))
    return history_code_named(r->db, r->a, field[0] == 'u', v);
  if (v && *v && field && strcmp(field, "relative_cadre_id") == 0) { /* a family member who is a cadre: by code */
    Cadre c;
    return cadre_find_by_id(r->db, r->a, r->scope, atoll(v), &c) == 0 ? arena_printf(r->a, "%s (%s)", c.full_name, c.code)
                                                                       : "một cán bộ ngoài phạm vi của bạn";
  }
  const CadreField *f = entity && strcmp(entity, "cadre") == 0 ? cadre_field(field) : NULL;
  if (f) return cadre_field_display(r->a, f, v);
  const SubKind *k = field ? record_kind(entity) : NULL;
  if (k && sub_field(k, field) >= 0) v = sub_display(k, sub_field(k, field), v);
  if (entity && strcmp(entity, "position") == 0 && field && strcmp(field, "concurrent") == 0 && v)
    return strcmp(v, "1") == 0 ? "Có" : "Không";
  Date d;
  char buf[16];
  if (v && strlen(v) == 10 && date_parse(v, &d, DATE_FULL) == 0) return arena_strdup(r->a, date_vn(d, buf));
  return v;
}


/* Who made a change, as a board reads it: a user's name, or "Dòng lệnh (root)" for the command line's "cli:root". */
static const char *actor_label(Req *r, const char *by) {
  if (by && strncmp(by, "cli:", 4) == 0) return arena_printf(r->a, "Dòng lệnh (%s)", by + 4);
  return by;
}

void page_cadre_history_table(Req *r, const HistoryItem *h, int n) {
  Buf *b = &r->out;
  html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid history\"><thead><tr><th scope=\"col\">Thời điểm</th>"
              "<th scope=\"col\">Người sửa</th><th scope=\"col\">Mục</th><th scope=\"col\">Thay đổi</th>"
              "<th scope=\"col\">Giá trị cũ</th><th scope=\"col\">Giá trị mới</th><th scope=\"col\">Hiệu lực từ</th>"
              "<th scope=\"col\">Lý do</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    html_printf(b, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>%s", fmt_time(r, h[i].at), actor_label(r, h[i].by),
                entity_label(h[i].entity));
    if (h[i].subject) html_printf(b, "<br><span class=\"muted\">%s</span>", h[i].subject);
    html_printf(b, "</td><td>%s%s%s</td><td>%s</td><td>%s</td><td class=\"nowrap\">%s</td><td>%s</td></tr>",
                history_action_label(h[i].action),
                h[i].field ? ": " : "", field_label(h[i].entity, h[i].field),
                or_dash(value_label(r, h[i].entity, h[i].field, h[i].old_value)),
                or_dash(value_label(r, h[i].entity, h[i].field, h[i].new_value)),
                h[i].effective_date && strcmp(h[i].effective_date, CADRE_SINCE_ALWAYS) == 0 ? "từ đầu"
                                                                                          : fmt_date(r, h[i].effective_date),
                or_dash(h[i].reason));
  }
  if (!n) html_lit(b, "<tr><td colspan=\"8\" class=\"empty\">Chưa có thay đổi nào.</td></tr>");
  html_lit(b, "</tbody></table></div>");
}

void page_cadre_history(Req *r) {
  Cadre c;
  int rc = r->nparams ? cadre_find_any(r->db, r->a, r->scope, r->params[0], r->user->role == ROLE_ADMIN, &c)
                      : CB_ENOTFOUND;
  HistoryItem *h = NULL;
  int n = 0;
  if (!rc) rc = history_for_cadre(r->db, r->a, c.id, 0, &h, &n);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  page_begin(r, arena_printf(r->a, "Lịch sử hồ sơ %s", c.full_name), NAV_CADRES);
  html_printf(&r->out, "<div class=\"page-head\"><p><a href=\"/can-bo/%U\">‹ Hồ sơ %s</a></p><h1>Lịch sử hồ sơ: %s</h1>"
                       "<p class=\"muted\">Mọi thay đổi của hồ sơ và các mục kèm theo (chức vụ, đào tạo, đánh giá, kỷ "
                       "luật, gia đình), mới nhất trước; kể cả khi nhập từ tệp và khi một quyết định làm thay đổi "
                       "hồ sơ.</p></div>",
                  c.code, c.full_name, c.full_name);
  if (req_query(r, "da-khoi-phuc-ban-ghi")) page_notice(r, "ok", "Đã khôi phục bản ghi (ghi vào lịch sử).");
  if (r->user->role == ROLE_ADMIN && !c.voided_at) page_voided_records(r, c.id);
  page_cadre_history_table(r, h, n);
  page_end(r);
}

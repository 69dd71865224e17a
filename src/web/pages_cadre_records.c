/*
** The records of a cadre's file in the browser: add, correct (with a reason
** and the version the form was loaded at) and void (with a reason) posts,
** courses, ratings, disciplines and family members. One form per kind,
** written from the kind's descriptor (domain/record_kinds.c) -- posts from
** their own (they move the cadre: domain/position_edit.c).
**
** Routes: GET/POST /can-bo/{code}/them/{kind}, GET/POST /ban-ghi/{kind}/{id},
** POST /ban-ghi/{kind}/{id}/huy, with kind one of chuc-vu, dao-tao,
** danh-gia, ky-luat, gia-dinh.
*/
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "core/vi.h"
#include "domain/cadre.h"
#include "domain/evaluation.h"
#include "domain/position_edit.h"
#include "domain/record_kinds.h"
#include "domain/rules.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

/* The kinds as the URLs name them, with the profile's anchor each returns to. */
static const struct {
  const char *slug, *entity, *title_new, *title_edit, *anchor;
} KINDS[] = {
    {"chuc-vu", "position", "Thêm chức vụ", "Sửa chức vụ", "qua-trinh-cong-tac"},
    {"dao-tao", "training", "Thêm khóa đào tạo, bồi dưỡng", "Sửa khóa đào tạo, bồi dưỡng", "dao-tao"},
    {"danh-gia", "evaluation", "Thêm kết quả đánh giá, xếp loại", "Sửa kết quả đánh giá", "danh-gia-ky-luat"},
    {"ky-luat", "discipline", "Thêm quyết định kỷ luật", "Sửa quyết định kỷ luật", "danh-gia-ky-luat"},
    {"gia-dinh", "family", "Thêm thành viên gia đình", "Sửa thành viên gia đình", "gia-dinh"},
};
enum { NKINDS = (int)(sizeof KINDS / sizeof KINDS[0]) };

static int kind_index(const char *slug) {
  for (int i = 0; slug && i < NKINDS; i++)
    if (strcmp(KINDS[i].slug, slug) == 0) return i;
  return -1;
}

static bool is_position(int k) { return strcmp(KINDS[k].entity, "position") == 0; }

static Editor editor_of(Req *r) {
  return (Editor){.actor = r->user->username, .source = "form", .scope = scope_legacy(r->scope),
                  .admin = r->user->role == ROLE_ADMIN};
}

/* ---- the fields ------------------------------------------------------------------ */

static const Choice DEGREES[] = {{"so_cap", "Sơ cấp"},   {"trung_cap", "Trung cấp"}, {"cao_dang", "Cao đẳng"},
                                 {"dai_hoc", "Đại học"}, {"thac_si", "Thạc sĩ"},     {"tien_si", "Tiến sĩ"},
                                 {"tien_si_khoa_hoc", "Tiến sĩ khoa học"}};

/* The value shown for field `name`: the submitted one on a refused form, else the stored one. */
static const char *value_of(Req *r, bool submitted, const char *name, const char *stored) {
  return submitted ? req_form(r, name) : stored;
}

static void sub_fields(Req *r, const SubKind *k, const SubRecord *rec, bool submitted, const FieldErrors *e,
                       bool editing) {
  for (int i = 0; i < k->nfields; i++) {
    const SubField *f = &k->fields[i];
    if (strcmp(f->name, "relative_cadre_id") == 0) { /* a family member who is a cadre: chosen by name */
      if (editing) continue;
      Field w = {.name = "relative_code", .label = "Người thân là cán bộ (nếu có)",
                 .value = submitted ? req_form(r, "relative_code") : NULL, .error = field_errors_get(e, "relative_code"),
                 .hint = "Chỉ khi người thân cũng là cán bộ: gõ tên để chọn; quy định REL-1, REL-2 sẽ được kiểm tra."};
      widget_cadre_picker(r, &w, submitted ? req_form(r, "relative_code_q") : NULL);
      continue;
    }
    /* a new record's field may come filled from the link that opened the form (?year=2025 from /danh-gia) */
    const char *stored = rec ? rec->v[i] : editing ? NULL : req_query(r, f->name);
    Field w = {.name = f->name, .label = f->label, .value = value_of(r, submitted, f->name, stored),
               .error = field_errors_get(e, f->name), .required = (f->flags & CF_REQUIRED) != 0, .maxlen = f->maxlen};
    if (f->nchoices) {
      Choice *c = arena_alloc(r->a, sizeof(Choice) * (size_t)f->nchoices);
      for (int j = 0; j < f->nchoices; j++) c[j] = (Choice){f->choices[j][0], f->choices[j][1]};
      widget_select(r, &w, c, f->nchoices, NULL);
    } else if (f->kind == CF_DEGREE) {
      widget_select(r, &w, DEGREES, (int)(sizeof DEGREES / sizeof DEGREES[0]), NULL);
    } else if (f->kind == CF_DATE || f->kind == CF_DAY) {
      widget_date(r, &w);
    } else if (f->kind == CF_LONG) {
      widget_textarea(r, &w, 3);
    } else {
      widget_text(r, &w);
    }
  }
}

static void position_fields(Req *r, const Position *p, bool submitted, const FieldErrors *e) {
  Unit *u = NULL;
  Title *t = NULL;
  int nu = 0, nt = 0;
  unit_list(r->db, r->a, r->scope, &u, &nu);
  title_list(r->db, r->a, &t, &nt);
  Choice *tc = arena_alloc(r->a, sizeof(Choice) * (size_t)(nt + 1));
  const char **tg = arena_alloc(r->a, sizeof(char *) * (size_t)(nt + 1));
  /* title_list's order is by level: one group per level ("Cấp xã") */
  for (int i = 0; i < nt; i++) {
    tc[i] = (Choice){t[i].code, t[i].name};
    tg[i] = unit_level_label(t[i].level);
  }
  Field fu = {.name = "unit_code", .label = "Đơn vị", .required = true, .error = field_errors_get(e, "unit_code"),
              .value = value_of(r, submitted, "unit_code", p ? p->unit_code : NULL)};
  widget_unit_select(r, &fu, u, nu);
  Field ft = {.name = "title_code", .label = "Chức danh, chức vụ", .required = true,
              .error = field_errors_get(e, "title_code"), .value = value_of(r, submitted, "title_code", p ? p->title_code : NULL)};
  widget_select_grouped(r, &ft, tc, tg, nt, NULL);
  Field fs = {.name = "start_date", .label = "Từ ngày", .required = true, .error = field_errors_get(e, "start_date"),
              .value = value_of(r, submitted, "start_date", p ? p->start_date : NULL)};
  widget_date(r, &fs);
  Field fe = {.name = "end_date", .label = "Đến ngày", .error = field_errors_get(e, "end_date"),
              .value = value_of(r, submitted, "end_date", p ? p->end_date : NULL),
              .hint = "Để trống khi đang giữ chức vụ; nhập ngày để kết thúc."};
  widget_date(r, &fe);
  Field fd = {.name = "decision_no", .label = "Số quyết định", .maxlen = 100, .error = field_errors_get(e, "decision_no"),
              .value = value_of(r, submitted, "decision_no", p ? p->decision_no : NULL)};
  widget_text(r, &fd);
  bool conc = submitted ? req_form(r, "concurrent") != NULL : p && p->concurrent;
  html_printf(&r->out, "<div class=\"field field-check\"><label><input type=\"checkbox\" name=\"concurrent\" value=\"1\"%s> "
                       "Kiêm nhiệm (không phải chức vụ chính)</label><p class=\"help\">Chức vụ chính đang giữ quyết định "
                       "đơn vị của cán bộ; thêm chức vụ chính mới sẽ kết thúc chức vụ chính cũ vào ngày hôm trước.</p></div>",
              conc ? " checked" : "");
}

/* The submitted fields of kind k (all of them; the domain skips unchanged ones on a correction). */
static int submitted_fields(Req *r, int k, FieldValue **out) {
  static const char *const POSITION[] = {"unit_code", "title_code", "start_date", "end_date", "decision_no"};
  const SubKind *sk = is_position(k) ? NULL : record_kind(KINDS[k].entity);
  int max = sk ? sk->nfields + 2 : 8, n = 0;
  FieldValue *v = arena_alloc(r->a, sizeof(FieldValue) * (size_t)max);
  if (!sk) {
    for (int i = 0; i < 5; i++) v[n++] = (FieldValue){POSITION[i], req_form(r, POSITION[i])};
    v[n++] = (FieldValue){"concurrent", req_form(r, "concurrent") ? "1" : "0"};
  } else {
    for (int i = 0; i < sk->nfields; i++)
      if (strcmp(sk->fields[i].name, "relative_cadre_id") != 0) v[n++] = (FieldValue){sk->fields[i].name, req_form(r, sk->fields[i].name)};
  }
  *out = v;
  return n;
}

/* ---- add ---------------------------------------------------------------------------- */

/*
** Where a saved new record sends the officer when the form was opened from a list to come back to (?back=, kept
** through the form): only the yearly ratings page of this site, else NULL (the profile).
*/
static const char *safe_back(Req *r) {
  const char *b = req_form(r, "back");
  if (!b || !*b) b = req_query(r, "back");
  if (!b || strncmp(b, "/danh-gia?", 10) != 0 || strstr(b, "//") || strpbrk(b, "\\\r\n")) return NULL;
  return b;
}

/*
** The new-record form of kind k for cadre c, with the errors e of a refused
** submission (NULL the first time) and, for the family kind, the cadres a
** typed relative could be. `held` (or NULL): the link to the record that
** already holds what was refused as a duplicate, so it can be corrected there.
*/
static void add_form(Req *r, const Cadre *c, int k, int status, const FieldErrors *e, const CadreChoice *cands,
                     int ncands, const char *held) {
  page_begin(r, arena_printf(r->a, "%s — %s", KINDS[k].title_new, c->full_name), NAV_CADRES);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/can-bo/%U#%s\">‹ Hồ sơ %s</a></p><h1>%s</h1><p>%s — %s</p></div>",
              c->code, KINDS[k].anchor, c->full_name, KINDS[k].title_new, c->full_name, or_dash(c->unit_name));
  if (e) widget_error_summary(r, e);
  if (held) html_printf(b, "<p class=\"notice\"><a href=\"%s\">Mở bản ghi đã có để sửa ›</a></p>", held);
  html_printf(b, "<form method=\"post\" action=\"/can-bo/%U/them/%s\" class=\"card stack record-form\" novalidate>"
                 "<div class=\"form-grid\">",
              c->code, KINDS[k].slug);
  page_csrf_field(r);
  if (safe_back(r)) html_printf(b, "<input type=\"hidden\" name=\"back\" value=\"%s\">", safe_back(r));
  if (is_position(k)) position_fields(r, NULL, e != NULL, e);
  else sub_fields(r, record_kind(KINDS[k].entity), NULL, e != NULL, e, false);
  if (ncands) widget_cadre_candidates(r, "relative_code", cands, ncands);
  html_lit(b, "</div><div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Lưu</button>");
  if (safe_back(r)) html_printf(b, "<a class=\"btn btn-ghost\" href=\"%s\">Hủy bỏ</a>", safe_back(r)); /* the list it came from */
  else html_printf(b, "<a class=\"btn btn-ghost\" href=\"/can-bo/%U#%s\">Hủy bỏ</a>", c->code, KINDS[k].anchor);
  html_lit(b, "</div></form>");
  page_end(r);
}

/* The edit link of cadre c's rating of the year typed (digits), or NULL when there is none to read. */
static const char *rating_of_year(Req *r, const Cadre *c, const char *year) {
  int y = year ? atoi(year) : 0;
  Evaluation *v;
  int n;
  if (y <= 0 || evaluation_read(evaluation_stmt_for_cadre(r->db, c->id), r->a, &v, &n)) return NULL;
  for (int i = 0; i < n; i++)
    if (v[i].year == y) return html_url(r->a, "/ban-ghi/danh-gia/%lld", v[i].id);
  return NULL;
}

/* The live cadre {code} in scope and the kind {kind}; false after a 404. */
static bool cadre_and_kind(Req *r, Cadre *c, int *k) {
  *k = r->nparams > 1 ? kind_index(r->params[1]) : -1;
  int rc = *k < 0 ? CB_ENOTFOUND : cadre_find(r->db, r->a, r->scope, r->params[0], c);
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

void page_record_new(Req *r) {
  Cadre c;
  int k;
  if (cadre_and_kind(r, &c, &k)) add_form(r, &c, k, 200, NULL, NULL, 0, NULL);
}

void page_record_create(Req *r) {
  Cadre c;
  int k;
  if (!cadre_and_kind(r, &c, &k)) return;
  FieldValue *v;
  int n = submitted_fields(r, k, &v);
  FieldErrors e;
  field_errors_init(&e, r->a);
  Editor ed = editor_of(r);
  long long id = 0;
  const char *held = NULL;
  int rc;
  if (is_position(k)) {
    rc = position_add(r->db, r->a, &ed, c.code, v, n, &e, &id);
    if (rc == CB_ENOTFOUND) field_errors_add(&e, "unit_code", "Đơn vị: chọn một đơn vị trong phạm vi của bạn.");
  } else if (strcmp(KINDS[k].entity, "family") == 0) {
    const char *code = NULL, *msg = NULL;
    CadreChoice *cands = NULL;
    int ncands = 0;
    const char *typed = req_form(r, "relative_code_q"), *hidden = req_form(r, "relative_code");
    bool wants = (typed && *typed) || (hidden && *hidden);
    int prc = wants ? widget_cadre_resolve(r, "relative_code", &code, &cands, &ncands, &msg) : 0;
    if (prc) {
      field_errors_add(&e, "relative_code", "Người thân là cán bộ: %s.", msg ? msg : "không tìm thấy");
      add_form(r, &c, k, 400, &e, cands, ncands, NULL);
      return;
    }
    if (code) v[n++] = (FieldValue){"relative_code", code};
    Findings f;
    rc = family_add(r->db, r->a, &ed, c.code, v, n, &e, &id, &f);
    if (rc == CB_EEXIST) field_errors_add(&e, "relative_code", "Người thân là cán bộ: cặp này đã được ghi.");
    /* a pair that REL-1/REL-2 question: the profile says so at once (as /quan-he-gia-dinh lists it) */
    if (!rc && !e.n && code && findings_verdict(&f) >= RESULT_WARN) {
      resp_redirect(r, html_url(r->a, "/can-bo/%U?da-luu=1&quan-he=%d#gia-dinh", c.code, (int)id));
      return;
    }
  } else {
    rc = sub_add(r->db, r->a, &ed, record_kind(KINDS[k].entity), c.code, v, n, &e, &id);
    if (rc == CB_EEXIST) {
      field_errors_add(&e, "year", "Năm đánh giá: đã có kết quả của năm này; hãy sửa kết quả đó.");
      held = rating_of_year(r, &c, req_form(r, "year"));
    }
  }
  if (e.n) {
    add_form(r, &c, k, 400, &e, NULL, 0, held);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (safe_back(r)) { /* back to the list, saying whose record was saved (before its #fragment) */
    const char *back = safe_back(r), *hash = strchr(back, '#');
    size_t n = hash ? (size_t)(hash - back) : strlen(back);
    resp_redirect(r, arena_printf(r->a, "%.*s&da-luu=%s%s", (int)n, back, html_url(r->a, "%U", c.code), hash ? hash : ""));
  }
  else resp_redirect(r, html_url(r->a, "/can-bo/%U?da-luu=1#%U", c.code, KINDS[k].anchor));
}

/* ---- correct and void ------------------------------------------------------------------ */

typedef struct {
  int k;
  long long id, version;
  Position pos;
  SubRecord rec;
  Cadre cadre;
} Target;

/* The record {kind}/{id} in scope with its cadre; false after a 404. */
static bool target(Req *r, Target *t) {
  memset(t, 0, sizeof *t);
  t->k = r->nparams > 1 ? kind_index(r->params[0]) : -1;
  int rc = t->k < 0 || !req_param_id(r, 1, &t->id) ? CB_ENOTFOUND : 0;
  if (rc) {
    if (t->k < 0) resp_cb_error(r, rc);
    return false;
  }
  if (is_position(t->k)) {
    rc = position_get(r->db, r->a, r->scope, t->id, &t->pos, &t->version);
    if (!rc) rc = cadre_find(r->db, r->a, r->scope, t->pos.cadre_code, &t->cadre);
  } else {
    rc = sub_get(r->db, r->a, r->scope, record_kind(KINDS[t->k].entity), t->id, &t->rec);
    if (!rc) rc = cadre_find_by_id(r->db, r->a, r->scope, t->rec.cadre_id, &t->cadre);
    t->version = t->rec.version;
  }
  if (rc) resp_cb_error(r, rc);
  return rc == 0;
}

/* The form name of the change's reason (sub_reason_key: apart from a discipline's own "reason"). */
static const char *reason_key(const Target *t) {
  return is_position(t->k) ? "reason" : sub_reason_key(record_kind(KINDS[t->k].entity));
}

/* A stored value as the form shows it (a date as dd/mm/yyyy), "" for none. */
static const char *as_typed(Req *r, const char *v) {
  if (!v || !*v) return "";
  Date d;
  return strlen(v) == 10 && v[4] == '-' && date_parse(v, &d, DATE_FULL) == 0 ? fmt_date(r, v) : v;
}

/* One row of the conflict table when the stored value differs from the one typed (both as the form shows them). */
static int conflict_row(Req *r, const char *label, const char *stored, const char *typed) {
  const char *now = as_typed(r, stored), *mine = as_typed(r, typed);
  while (*mine == ' ') mine++;
  if (strcmp(now, mine) == 0) return 0;
  html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>", label, *now ? now : "—",
              *mine ? mine : "—");
  return 1;
}

/* The fields another officer saved differently from what was typed: which, their value now, and the one typed. */
static void conflict_table(Req *r, const Target *t) {
  Buf *b = &r->out;
  size_t mark = b->len;
  html_lit(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"conflict\"><thead><tr><th scope=\"col\">Trường</th>"
              "<th scope=\"col\">Giá trị đang lưu (người khác vừa sửa)</th><th scope=\"col\">Giá trị bạn nhập</th>"
              "</tr></thead><tbody>");
  int n = 0;
  if (is_position(t->k)) {
    static const char *const L[][2] = {{"unit_code", "Đơn vị (mã)"}, {"title_code", "Chức danh (mã)"},
                                       {"start_date", "Từ ngày"},   {"end_date", "Đến ngày"},
                                       {"decision_no", "Số quyết định"}};
    const char *now[] = {t->pos.unit_code, t->pos.title_code, t->pos.start_date, t->pos.end_date, t->pos.decision_no};
    for (int i = 0; i < 5; i++) n += conflict_row(r, L[i][1], now[i], req_form(r, L[i][0]));
  } else {
    const SubKind *k = record_kind(KINDS[t->k].entity);
    for (int i = 0; i < k->nfields; i++) n += conflict_row(r, k->fields[i].label, t->rec.v[i], req_form(r, k->fields[i].name));
  }
  html_lit(b, "</tbody></table></div>");
  if (!n) b->len = mark; /* the same values: only the version moved (a change elsewhere in the record) */
}

static void edit_form(Req *r, const Target *t, int status, const FieldErrors *e, bool conflict) {
  const char *cname = t->cadre.full_name ? t->cadre.full_name : "";
  page_begin(r, KINDS[t->k].title_edit, NAV_CADRES);
  r->status = status;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><p><a href=\"/can-bo/%U#%s\">‹ Hồ sơ %s</a></p><h1>%s</h1></div>",
              t->cadre.code ? t->cadre.code : "", KINDS[t->k].anchor, cname, KINDS[t->k].title_edit);
  if (conflict) {
    page_notice(r, "error", "Bản ghi đã được người khác sửa trong lúc bạn nhập, nên chưa lưu. Giá trị bạn nhập vẫn "
                            "giữ trong biểu mẫu; xem các trường khác nhau dưới đây rồi lưu lần nữa để ghi đè.");
    conflict_table(r, t);
  }
  if (e) widget_error_summary(r, e);
  html_printf(b, "<form method=\"post\" action=\"/ban-ghi/%s/%lld\" class=\"card stack record-form\" novalidate>"
                 "<div class=\"form-grid\">",
              KINDS[t->k].slug, t->id);
  page_csrf_field(r);
  html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", t->version);
  bool submitted = e != NULL || conflict;
  if (is_position(t->k)) position_fields(r, &t->pos, submitted, e);
  else sub_fields(r, record_kind(KINDS[t->k].entity), &t->rec, submitted, e, true);
  const char *key = reason_key(t);
  Field reason = {.name = key, .label = "Lý do sửa", .required = true, .maxlen = 500,
                  .value = submitted ? req_form(r, key) : NULL, .error = field_errors_get(e, key)};
  widget_text(r, &reason);
  html_printf(b, "</div><div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Lưu thay đổi</button>"
                 "<a class=\"btn btn-ghost\" href=\"/can-bo/%U#%s\">Hủy bỏ</a></div></form>",
              t->cadre.code ? t->cadre.code : "", KINDS[t->k].anchor);
  /* Voiding a wrong entry: a separate small form with its own reason. */
  html_printf(b, "<form method=\"post\" action=\"/ban-ghi/%s/%lld/huy\" class=\"card stack void-form\">"
                 "<h2>Hủy bản ghi nhập sai</h2><p class=\"muted\">Bản ghi không bị xóa: nó rời khỏi hồ sơ và báo cáo, "
                 "lịch sử vẫn giữ.</p>",
              KINDS[t->k].slug, t->id);
  page_csrf_field(r);
  Field vr = {.name = "void_reason", .label = "Lý do hủy", .required = true, .maxlen = 500,
              .error = field_errors_get(e, "void_reason")};
  widget_text(r, &vr);
  html_lit(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-danger\">Hủy bản ghi</button></div></form>");
  page_end(r);
}

void page_record_edit(Req *r) {
  Target t;
  if (!target(r, &t)) return;
  edit_form(r, &t, 200, NULL, false);
}

void page_record_update(Req *r) {
  Target t;
  if (!target(r, &t)) return;
  FieldValue *v;
  int n = submitted_fields(r, t.k, &v);
  FieldErrors e;
  field_errors_init(&e, r->a);
  Editor ed = editor_of(r);
  const char *ver = req_form(r, "version"), *reason = req_form(r, reason_key(&t));
  long long version = ver ? atoll(ver) : 0;
  int rc = is_position(t.k) ? position_patch(r->db, r->a, &ed, t.id, v, n, reason, version, &e)
                            : sub_patch(r->db, r->a, &ed, record_kind(KINDS[t.k].entity), t.id, v, n, reason, version, &e);
  if (rc == CB_ECONFLICT) {
    edit_form(r, &t, 409, NULL, true);
    return;
  }
  if (rc == CB_EEXIST) field_errors_add(&e, "year", "Năm đánh giá: đã có kết quả khác của năm này.");
  if (rc == CB_ENOTFOUND && is_position(t.k)) field_errors_add(&e, "unit_code", "Đơn vị: chọn một đơn vị trong phạm vi của bạn.");
  if (e.n) {
    edit_form(r, &t, 400, &e, false);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, html_url(r->a, "/can-bo/%U?da-luu=1#%U", t.cadre.code, KINDS[t.k].anchor));
}

void page_record_void(Req *r) {
  Target t;
  if (!target(r, &t)) return;
  FieldErrors e;
  field_errors_init(&e, r->a);
  Editor ed = editor_of(r);
  const char *reason = req_form(r, "void_reason");
  int rc = is_position(t.k) ? position_void(r->db, r->a, &ed, t.id, reason, &e)
                            : sub_void(r->db, r->a, &ed, record_kind(KINDS[t.k].entity), t.id, reason, &e);
  if (rc == CB_EINVAL) {
    FieldErrors e2;
    field_errors_init(&e2, r->a);
    field_errors_add(&e2, "void_reason", "Lý do hủy: bắt buộc nhập.");
    edit_form(r, &t, 400, &e2, false);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  resp_redirect(r, html_url(r->a, "/can-bo/%U?da-huy-ban-ghi=1#%U", t.cadre.code, KINDS[t.k].anchor));
}

/* An admin restores a voided post, course, rating, discipline or family member, back to the file's history. */
void page_record_restore(Req *r) {
  int k = r->nparams > 1 ? kind_index(r->params[0]) : -1;
  long long id;
  if (k < 0 || !req_param_id(r, 1, &id)) {
    resp_cb_error(r, CB_ENOTFOUND);
    return;
  }
  const SubKind *sk = is_position(k) ? NULL : record_kind(KINDS[k].entity);
  Editor ed = editor_of(r);
  int rc = sk ? sub_restore(r->db, r->a, &ed, sk, id) : position_restore(r->db, r->a, &ed, id);
  if (rc == CB_EEXIST) {
    page_begin(r, "Chưa khôi phục được", NAV_CADRES);
    r->status = 409;
    page_notice(r, "error", "Hồ sơ đã có một bản ghi khác cùng khóa (ví dụ kết quả đánh giá cùng năm): sửa bản ghi đó "
                            "thay vì khôi phục.");
    page_end(r);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  Cadre c;
  SubRecord rec;
  Position pos;
  long long ver;
  const char *code = NULL;
  if (sk && sub_get(r->db, r->a, r->scope, sk, id, &rec) == 0 &&
      cadre_find_by_id(r->db, r->a, r->scope, rec.cadre_id, &c) == 0)
    code = c.code;
  else if (!sk && position_get(r->db, r->a, r->scope, id, &pos, &ver) == 0)
    code = pos.cadre_code;
  resp_redirect(r, code ? html_url(r->a, "/can-bo/%U/lich-su?da-khoi-phuc-ban-ghi=1", code) : "/can-bo");
}

/*
** For an admin, the voided posts, courses, ratings, disciplines and family members of cadre `cadre_id` with a
** restore button each (on the file's history page; nothing when there are none).
*/
/* One voided record's row with its restore form (the table's head first, once). */
static void voided_row(Req *r, bool *head, const char *label, const char *summary, const char *at, const char *by,
                       const char *why, const char *slug, long long id) {
  Buf *b = &r->out;
  if (!*head) {
    html_lit(b, "<section class=\"card stack\" id=\"ban-ghi-da-huy\"><h2>Bản ghi đã hủy</h2><p class=\"muted\">Chỉ quản "
                "trị viên thấy. Khôi phục đưa bản ghi trở lại hồ sơ, danh sách và thống kê; việc khôi phục được ghi "
                "vào lịch sử.</p><div class=\"table-wrap\" tabindex=\"0\"><table class=\"grid\"><thead><tr>"
                "<th scope=\"col\">Loại</th><th scope=\"col\">Nội dung</th><th scope=\"col\">Hủy lúc</th>"
                "<th scope=\"col\">Người hủy</th><th scope=\"col\">Lý do hủy</th><th scope=\"col\"></th></tr></thead><tbody>");
    *head = true;
  }
  html_printf(b, "<tr><td>%s</td><td>%s</td><td class=\"nowrap\">%s</td><td>%s</td><td>%s</td><td>"
                 "<form method=\"post\" action=\"/ban-ghi/%s/%lld/khoi-phuc\" class=\"inline\">",
              vi_capitalize(r->a, label), summary, fmt_time(r, at), or_dash(by), or_dash(why), slug, id);
  page_csrf_field(r);
  html_lit(b, "<button type=\"submit\" class=\"btn btn-small\">Khôi phục</button></form></td></tr>");
}

void page_voided_records(Req *r, long long cadre_id) {
  Buf *b = &r->out;
  bool head = false;
  VoidedPost *vp;
  int np;
  if (position_voided_of_cadre(r->db, r->a, cadre_id, &vp, &np) == 0)
    for (int i = 0; i < np; i++)
      voided_row(r, &head, "chức vụ", vp[i].summary, vp[i].voided_at, vp[i].voided_by, vp[i].void_reason, KINDS[0].slug,
                 vp[i].id);
  for (int k = 0; k < NKINDS; k++) {
    if (is_position(k)) continue;
    const SubKind *sk = record_kind(KINDS[k].entity);
    SubRecord *v;
    int n;
    if (sub_voided_of_cadre(r->db, r->a, sk, cadre_id, &v, &n) != 0) continue;
    for (int i = 0; i < n; i++) {
      voided_row(r, &head, sk->label, sub_describe(r->db, r->a, sk, &v[i]), v[i].voided_at, v[i].voided_by, v[i].void_reason,
                 KINDS[k].slug, v[i].id);
    }
  }
  if (head) html_lit(b, "</tbody></table></div></section>");
}


/*
** The older addresses of the rating and discipline forms (/can-bo/{code}/danh-gia, /can-bo/{code}/ky-luat):
** the same forms, so every rating and discipline goes through one path with its history.
*/
static void with_kind(Req *r, const char *slug, void (*handler)(Req *)) {
  r->params[1] = slug;
  r->nparams = 2;
  handler(r);
}
void page_evaluation_form(Req *r) { with_kind(r, "danh-gia", page_record_new); }
void page_evaluation_post(Req *r) { with_kind(r, "danh-gia", page_record_create); }
void page_discipline_form(Req *r) { with_kind(r, "ky-luat", page_record_new); }
void page_discipline_post(Req *r) { with_kind(r, "ky-luat", page_record_create); }

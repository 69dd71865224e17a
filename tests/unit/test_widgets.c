/*
** The shared widgets (web/widgets.c) rendered into a request on a small
** database: a field keeps its value and shows its error next to it with
** aria-invalid and aria-describedby; a date is shown and read DD/MM/YYYY
** (31/02 refused with its reason); the unit select indents and selects;
** the cadre picker resolves a code, a unique name typed without
** diacritics, several names (candidates) and none; the error summary
** links each field; badges, findings, pager and {id} parsing.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/err.h"
#include "web/widgets.h"
#include "test_fixture_appt.h"

static const char CADRES[] = "code,full_name,gender,birth_date,unit_code\n"
                             "A1,Hoàng Hải Long,M,1975-03-02,HX\n"
                             "A2,Nguyễn Văn An,M,1980-01-01,PTC\n"
                             "A3,Nguyễn Văn Anh,M,1981-01-01,PKT\n"
                             "A4,Nguyễn Thị Hoa,F,1990-05-05,PKT\n"
                             "A5,Nguyễn Thị Hoa,F,1991-06-06,HX\n"
                             "A&B/1,Đặng Văn Đạt,M,1970-07-07,HX\n";

static int setup(void **state) { return fx_open(state, "widgets", CADRES, NULL); }
static int teardown(void **state) { return fx_close(state); }

typedef struct {
  Req r;
  User u;
  KV form[4];
} T;

/* A fresh request on the fixture, its form holding name=value pairs (NULL-terminated). */
static Req *req(Fx *f, T *t, const char *const *kv) {
  memset(t, 0, sizeof *t);
  t->r.a = f->a;
  t->r.db = f->db;
  t->u = (User){.id = 1, .username = "t", .role = ROLE_OFFICER};
  t->r.user = &t->u;
  t->r.scope = scope_all(); /* what the router fills for an unscoped user */
  t->r.out = (Buf)BUF_INIT;
  for (int i = 0; kv && kv[2 * i]; i++) t->form[i] = (KV){kv[2 * i], kv[2 * i + 1]}, t->r.nform = i + 1;
  t->r.form = t->form;
  return &t->r;
}

static const char *out(Req *r) { return r->out.p ? r->out.p : ""; }

static void text_keeps_value_and_error(void **state) {
  T t;
  Req *r = req(*state, &t, NULL);
  widget_text(r, &(Field){.name = "decision_no", .label = "Số quyết định", .value = "12/QĐ <b>", .error = "Quá dài",
                          .required = true, .maxlen = 40});
  const char *s = out(r);
  assert_non_null(strstr(s, "<label for=\"f-decision_no\">Số quyết định"));
  assert_non_null(strstr(s, "id=\"f-decision_no\" name=\"decision_no\" required maxlength=\"40\" aria-invalid=\"true\" "
                            "aria-describedby=\"f-decision_no-err\" value=\"12/QĐ &lt;b&gt;\""));
  assert_non_null(strstr(s, "<p class=\"field-err\" id=\"f-decision_no-err\">Quá dài</p>"));
  buf_free(&r->out);
}

static void date_shows_and_reads_dd_mm_yyyy(void **state) {
  T t;
  Req *r = req(*state, &t, NULL);
  widget_date(r, &(Field){.name = "date", .label = "Ngày quyết định", .value = "2026-04-30"});
  const char *s = out(r);
  assert_non_null(strstr(s, "value=\"30/04/2026\""));
  assert_non_null(strstr(s, "placeholder=\"dd/mm/yyyy\""));
  assert_non_null(strstr(s, "inputmode=\"numeric\""));
  assert_non_null(strstr(s, "pattern=\""));
  assert_non_null(strstr(s, "class=\"date-btn\" hidden"));
  assert_null(strstr(s, "type=\"date\""));
  buf_free(&r->out);
  widget_date(r, &(Field){.name = "date", .label = "Ngày", .value = "31/02/2026", .error = "sai"});
  assert_non_null(strstr(out(r), "value=\"31/02/2026\"")); /* kept as typed */
  buf_free(&r->out);
  const char *iso, *why;
  assert_null(widget_date_iso(r, " 5/4/2026 ", &iso));
  assert_string_equal(iso, "2026-04-05");
  assert_null(widget_date_iso(r, "2026-04-05", &iso));
  assert_string_equal(iso, "2026-04-05");
  assert_null(widget_date_iso(r, "", &iso));
  assert_null(iso);
  why = widget_date_iso(r, "31/02/2026", &iso);
  assert_non_null(why);
  assert_null(iso);
  assert_non_null(strstr(why, "31/02/2026"));
  assert_non_null(widget_date_iso(r, "hôm qua", &iso));
}

static void selects(void **state) {
  Fx *f = *state;
  T t;
  Req *r = req(f, &t, NULL);
  Choice c[] = {{"internal", "Tại chỗ"}, {"external", "Nơi khác"}};
  widget_select(r, &(Field){.name = "source", .label = "Nguồn", .value = "external", .required = true}, c, 2, NULL);
  assert_non_null(strstr(out(r), "<option value=\"\">— chọn —</option><option value=\"internal\">Tại chỗ</option>"
                                 "<option value=\"external\" selected>Nơi khác</option>"));
  buf_free(&r->out);
  widget_select(r, &(Field){.name = "source", .label = "Nguồn"}, c, 2, NULL);
  assert_non_null(strstr(out(r), "<option value=\"\">—</option>"));
  buf_free(&r->out);
  Unit *u;
  int n;
  assert_int_equal(unit_list(f->db, f->a, scope_all(), &u, &n), 0);
  widget_unit_select_all(r, &(Field){.name = "unit", .label = "Đơn vị", .value = "HX"}, u, n, "Tất cả đơn vị");
  const char *s = out(r);
  assert_non_null(strstr(s, "<option value=\"\">Tất cả đơn vị</option>"));
  assert_non_null(strstr(s, "<option value=\"HX\" selected>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;Phường Hải Xuân</option>"));
  buf_free(&r->out);
  /* a unit that ended (merged, dissolved) says so beside its name */
  for (int i = 0; i < n; i++)
    if (strcmp(u[i].code, "HX") == 0) u[i].valid_to = "2025-06-30";
  widget_unit_options(r, u, n, NULL);
  assert_non_null(strstr(out(r), "Phường Hải Xuân (đã kết thúc 30/06/2025)</option>"));
  buf_free(&r->out);
}

static void picker_resolves(void **state) {
  Fx *f = *state;
  T t;
  const char *code, *msg;
  CadreChoice *c;
  int n;
  /* a unique name typed without diacritics */
  Req *r = req(f, &t, (const char *[]){"cadre_q", "hoang hai long", NULL});
  assert_int_equal(widget_cadre_resolve(r, "cadre", &code, &c, &n, &msg), 0);
  assert_string_equal(code, "A1");
  /* a code typed exactly, even one with & and / */
  r = req(f, &t, (const char *[]){"cadre_q", "A&B/1", NULL});
  assert_int_equal(widget_cadre_resolve(r, "cadre", &code, &c, &n, &msg), 0);
  assert_string_equal(code, "A&B/1");
  /* "Nguyễn Văn An" is also the start of "Nguyễn Văn Anh": the whole name decides */
  r = req(f, &t, (const char *[]){"cadre_q", "nguyen van an", NULL});
  assert_int_equal(widget_cadre_resolve(r, "cadre", &code, &c, &n, &msg), 0);
  assert_string_equal(code, "A2");
  /* two people of the same name: candidates */
  r = req(f, &t, (const char *[]){"cadre_q", "Nguyễn Thị Hoa", NULL});
  assert_int_equal(widget_cadre_resolve(r, "cadre", &code, &c, &n, &msg), CB_EINVAL);
  assert_int_equal(n, 2);
  assert_non_null(strstr(msg, "Có 2 cán bộ"));
  widget_cadre_candidates(r, "cadre", c, n);
  assert_non_null(strstr(out(r), "<input type=\"radio\" name=\"cadre\" value=\"A4\" required>"));
  assert_non_null(strstr(out(r), "sinh 05/05/1990"));
  buf_free(&r->out);
  /* the radio's code, the typed text gone */
  r = req(f, &t, (const char *[]){"cadre", "A5", NULL});
  assert_int_equal(widget_cadre_resolve(r, "cadre", &code, &c, &n, &msg), 0);
  assert_string_equal(code, "A5");
  /* a hidden code whose name was then replaced by another (no JavaScript): the text decides */
  r = req(f, &t, (const char *[]){"cadre", "A5", "cadre_q", "dang van dat", NULL});
  assert_int_equal(widget_cadre_resolve(r, "cadre", &code, &c, &n, &msg), 0);
  assert_string_equal(code, "A&B/1");
  /* nobody, and an empty picker */
  r = req(f, &t, (const char *[]){"cadre_q", "Không Ai Cả", NULL});
  assert_int_equal(widget_cadre_resolve(r, "cadre", &code, &c, &n, &msg), CB_ENOTFOUND);
  assert_non_null(strstr(msg, "Không tìm thấy"));
  r = req(f, &t, NULL);
  assert_int_equal(widget_cadre_resolve(r, "cadre", &code, &c, &n, &msg), CB_EINVAL);
  assert_int_equal(n, 0);
  assert_string_equal(msg, "Chọn cán bộ");
  /* out of scope is not found */
  Unit hx;
  assert_int_equal(unit_find(f->db, f->a, scope_all(), "PKT", &hx), 0);
  r = req(f, &t, (const char *[]){"cadre_q", "A1", NULL});
  t.u.scope = hx.path;
  t.r.scope = scope_from_user(t.u.scope); /* as the router fills it */
  assert_int_equal(widget_cadre_resolve(r, "cadre", &code, &c, &n, &msg), CB_ENOTFOUND);
  /* the picker itself */
  r = req(f, &t, NULL);
  widget_cadre_picker(r, &(Field){.name = "cadre", .label = "Cán bộ", .value = "A1", .required = true}, "Hoàng Hải Long");
  const char *s = out(r);
  assert_non_null(strstr(s, "<input type=\"hidden\" name=\"cadre\" value=\"A1\" data-picker-code>"));
  assert_non_null(strstr(s, "data-picker=\"f-cadre-list\"")); /* app.js makes it a combobox */
  assert_non_null(strstr(s, "name=\"cadre_q\""));
  assert_non_null(strstr(s, "value=\"Hoàng Hải Long\""));
  buf_free(&r->out);
}

static void summary_badges_findings_pager(void **state) {
  Fx *f = *state;
  T t;
  Req *r = req(f, &t, NULL);
  FieldErrors e;
  field_errors_init(&e, f->a);
  widget_error_summary(r, &e);
  assert_int_equal(r->out.len, 0);
  field_errors_add(&e, "date", "Ngày quyết định: %s", "không có ngày 31/02/2026");
  field_errors_add(&e, "cadre", "Chọn cán bộ");
  widget_error_summary(r, &e);
  assert_non_null(strstr(out(r), "Chưa lưu: 2 trường chưa hợp lệ"));
  assert_non_null(strstr(out(r), "<a href=\"#f-date\">Ngày quyết định: không có ngày 31/02/2026</a>"));
  buf_free(&r->out);
  widget_result_badge(r, RESULT_FAIL);
  assert_string_equal(out(r), "<span class=\"badge badge-fail\">Không đạt</span>");
  buf_free(&r->out);
  Findings fs;
  findings_init(&fs, f->a);
  findings_add_raw(&fs, "PLAN-4", "QĐ 50", RESULT_WARN, "còn %d tháng", 20);
  widget_findings_table(r, &fs);
  assert_non_null(strstr(out(r), "<strong>PLAN-4</strong></td><td><span class=\"badge badge-warn\">Cảnh báo</span>"));
  buf_free(&r->out);
  /* the system's convention is shown with a result it shaped, not with a rule that did not apply */
  findings_init(&fs, f->a);
  findings_add_raw(&fs, "ROT-3", "QĐ 65", RESULT_NA, "không áp dụng");
  fs.v[0].convention = "mức cảnh báo là quy ước của hệ thống";
  widget_findings_table(r, &fs);
  assert_null(strstr(out(r), "Quy ước của hệ thống"));
  buf_free(&r->out);
  fs.v[0].result = RESULT_WARN;
  widget_findings_table(r, &fs);
  assert_non_null(strstr(out(r), "<details class=\"convention\"><summary>Quy ước của hệ thống</summary><p>mức cảnh báo là "
                                 "quy ước của hệ thống</p></details>"));
  buf_free(&r->out);
  widget_pager(r, "/bo-nhiem?unit=A&B", 3, 50, 700, false);
  const char *s = out(r);
  assert_non_null(strstr(s, "Trang 3/14"));
  assert_non_null(strstr(s, "href=\"/bo-nhiem?unit=A&amp;B&amp;page=2\" rel=\"prev\""));
  assert_non_null(strstr(s, "<span aria-current=\"page\" class=\"pg pg-on\">3</span>"));
  assert_non_null(strstr(s, "page=14\">14</a>"));
  buf_free(&r->out);
  widget_pager(r, "/luan-chuyen", 1, 50, 10, false);
  assert_null(strstr(out(r), "<ul>")); /* one page: no links */
  buf_free(&r->out);
  long long id;
  r->params[0] = "42", r->nparams = 1;
  assert_true(req_param_id(r, 0, &id));
  assert_int_equal(id, 42);
  r->params[0] = "4x2";
  assert_false(req_param_id(r, 0, &id));
  assert_int_equal(r->status, 404);
  buf_free(&r->out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(text_keeps_value_and_error), cmocka_unit_test(date_shows_and_reads_dd_mm_yyyy),
      cmocka_unit_test(selects), cmocka_unit_test(picker_resolves), cmocka_unit_test(summary_badges_findings_pager),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

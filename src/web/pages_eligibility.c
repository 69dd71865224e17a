/*
** The eligibility panel (see pages_eligibility.h): the form (purpose, title,
** unit in scope, date, and for appointments the kind and source), and the
** findings of a check as a table -- rule, result as a coloured badge,
** message with its numbers, legal basis -- under the verdict. The same
** findings download as CSV (format=csv) or JSON (the API).
**
** Not for: the checks (domain/eligibility.c) or the profile itself.
*/
#include <stdio.h>
#include <string.h>
#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/pages_eligibility.h"
#include "web/web.h"
#include "web/widgets.h"

static const char *const PURPOSE_LABELS[] = {"Quy hoạch", "Bổ nhiệm, giới thiệu ứng cử", "Luân chuyển, điều động"};
static const char *const KINDS[][2] = {{"appointment", "Bổ nhiệm lần đầu"},
                                       {"promotion", "Đề bạt"},
                                       {"reappointment", "Bổ nhiệm lại"},
                                       {"extension", "Kéo dài thời gian giữ chức vụ"},
                                       {"nomination", "Giới thiệu ứng cử"}};
static const char *const SOURCES[][2] = {{"internal", "Nguồn tại chỗ"}, {"external", "Nguồn bên ngoài"}};
#define NKINDS (int)(sizeof KINDS / sizeof KINDS[0])

static bool in_table(const char *v, const char *const (*t)[2], int n) {
  for (int i = 0; v && i < n; i++)
    if (strcmp(v, t[i][0]) == 0) return true;
  return false;
}


bool elig_req_from_query(Req *r, const char *code, EligReq *q, const char **err) {
  memset(q, 0, sizeof *q);
  q->cadre_code = code;
  q->scope = scope_legacy(r->scope);
  const char *for_s = str_or_null(req_query(r, "for"));
  q->title_code = str_or_null(req_query(r, "title"));
  q->unit_code = str_or_null(req_query(r, "unit"));
  q->date = str_or_null(req_query(r, "date"));
  q->kind = str_or_null(req_query(r, "kind"));
  q->source = str_or_null(req_query(r, "source"));
  q->term = str_or_null(req_query(r, "term"));
  int p = purpose_parse(for_s);
  Date d;
  char iso[16], why[160];
  if (!for_s || !q->title_code || !q->unit_code || !q->date)
    *err = "Cần đủ các tham số for (mục đích), title (chức danh), unit (đơn vị) và date (ngày).";
  else if (p < 0)
    *err = "Tham số 'for' chỉ nhận planning, appointment hoặc rotation.";
  else if (date_problem(q->date, DATE_FULL, &d, why, sizeof why))
    *err = arena_printf(r->a, "Ngày '%s' không hợp lệ: %s.", q->date, why);
  else if (q->kind && !in_table(q->kind, KINDS, NKINDS))
    *err = "Tham số 'kind' chỉ nhận appointment, promotion, reappointment, extension hoặc nomination.";
  else if (q->source && !in_table(q->source, SOURCES, 2))
    *err = "Tham số 'source' chỉ nhận internal hoặc external.";
  else {
    q->purpose = (Purpose)p;
    q->date = arena_strdup(r->a, date_iso(d, iso));
    return true;
  }
  return false;
}

/* Choices of a code/label table. */
static Choice *choices(Req *r, const char *const (*t)[2], int n) {
  Choice *c = arena_alloc(r->a, sizeof *c * (size_t)n);
  for (int i = 0; i < n; i++) c[i] = (Choice){t[i][0], t[i][1]};
  return c;
}

/* The GET form; `q` holds the current choices (NULL fields: defaults), `bad_date` why the date typed is not one. */
static int elig_form(Req *r, const Cadre *c, const EligReq *q, const char *bad_date) {
  Unit *units;
  int nu;
  int rc = unit_list(r->db, r->a, r->scope, &units, &nu);
  if (rc) return rc;
  Buf *b = &r->out;
  html_printf(b, "<form method=\"get\" action=\"/can-bo/%U/dieu-kien\" class=\"elig-form\" id=\"elig-form\">", c->code);
  Choice purposes[3];
  for (int i = 0; i < 3; i++) purposes[i] = (Choice){purpose_name((Purpose)i), PURPOSE_LABELS[i]};
  widget_select(r, &(Field){.name = "for", .label = "Mục đích", .value = purpose_name(q->purpose), .required = true,
                            .id = "el-for"},
                purposes, 3, NULL);
  html_lit(b, "<div class=\"field-grow\">");
  widget_title_select(r, &(Field){.name = "title", .label = "Chức danh", .value = q->title_code, .required = true,
                                  .id = "el-title"},
                      "— Chọn chức danh —");
  html_lit(b, "</div>");
  widget_unit_select(r, &(Field){.name = "unit", .label = "Đơn vị", .value = q->unit_code ? q->unit_code : c->unit_code,
                                 .required = true, .id = "el-unit"},
                     units, nu);
  widget_date(r, &(Field){.name = "date", .label = "Ngày xem xét", .required = true, .id = "el-date", .error = bad_date,
                          .value = bad_date ? req_query(r, "date") : q->date ? q->date : page_today(r)});
  widget_select(r, &(Field){.name = "kind", .label = "Hình thức (bổ nhiệm)", .value = q->kind, .id = "el-kind"},
                choices(r, KINDS, NKINDS), NKINDS, NULL);
  widget_select(r, &(Field){.name = "source", .label = "Nguồn (bổ nhiệm)", .value = q->source, .id = "el-source"},
                choices(r, SOURCES, 2), 2, NULL);
  html_lit(b, "<div class=\"field elig-go\"><button type=\"submit\" class=\"btn btn-primary\">Kiểm tra</button>"
              "</div></form><p class=\"help\">Mỗi quy định được xét theo phiên bản có hiệu lực vào ngày xem xét; "
              "hình thức và nguồn chỉ dùng khi mục đích là bổ nhiệm.</p>");
  return 0;
}

void eligibility_panel(Req *r, const Cadre *c) {
  EligReq q = {.purpose = PURPOSE_PLANNING};
  Buf *b = &r->out;
  size_t mark = b->len;
  html_lit(b, "<section class=\"card elig-panel no-print\" aria-labelledby=\"dk-h\" id=\"dieu-kien\">"
              "<h2 id=\"dk-h\" class=\"section-h\">Kiểm tra điều kiện</h2>");
  if (elig_form(r, c, &q, NULL) != 0) {
    b->len = mark; /* no panel rather than half a form */
    return;
  }
  html_lit(b, "</section>");
}

/* The query string of q (without format), ready for an attribute. */
static void query_href(Buf *b, const EligReq *q) {
  const char *names[] = {"for", "title", "unit", "date", "kind", "source", "term"};
  const char *vals[] = {purpose_name(q->purpose), q->title_code, q->unit_code, q->date, q->kind, q->source, q->term};
  for (int i = 0; i < 7; i++) {
    if (!vals[i] || !*vals[i]) continue;
    buf_puts(b, i ? "&amp;" : "?");
    buf_puts(b, names[i]);
    buf_putc(b, '=');
    html_urlenc(b, vals[i]);
  }
}

static void results(Req *r, const EligReq *q, const Title *t, const Unit *u, const Findings *f) {
  Buf *b = &r->out;
  Result v = findings_verdict(f);
  int nfail = 0, nwarn = 0;
  for (int i = 0; i < f->n; i++) nfail += f->v[i].result == RESULT_FAIL, nwarn += f->v[i].result == RESULT_WARN;
  html_lit(b, "<section class=\"elig-result\" aria-labelledby=\"kq-h\"><h2 id=\"kq-h\" class=\"section-h\">Kết quả kiểm tra</h2>");
  html_lit(b, "<p class=\"verdict\" id=\"verdict\">Kết luận: ");
  widget_result_badge(r, v);
  html_printf(b, " <span class=\"muted\">— %s quy định không đạt, %s cảnh báo, trên %s kết quả.</span></p>",
              fmt_count(r, nfail), fmt_count(r, nwarn), fmt_count(r, f->n));
  html_printf(b, "<p class=\"muted\">%s · %s · ngày %s</p>", PURPOSE_LABELS[q->purpose],
              title_display(r->a, t->name, u->name, u->level), fmt_date(r, q->date)); /* "Bí thư Đảng ủy xã Hải Đông" */
  html_lit(b, "<div class=\"toolbar\"><div class=\"exports\"><a class=\"btn btn-ghost\" id=\"export-csv\" href=\"");
  html_printf(b, "/can-bo/%U/dieu-kien", q->cadre_code);
  query_href(b, q);
  html_lit(b, "&amp;format=csv\">Xuất CSV</a><a class=\"btn btn-ghost\" id=\"export-json\" href=\"");
  html_printf(b, "/api/v1/cadres/%U/eligibility", q->cadre_code);
  query_href(b, q);
  html_lit(b, "\">JSON</a></div></div>");
  widget_findings_table(r, f);
  html_lit(b, "</section>");
}

typedef struct {
  const EligReq *q;
  const Findings *f;
} EligCsv;

/* The findings as CSV (RFC 4180, cells through the one CSV writer of core/csv.h, values quoted), no BOM. */
static int elig_csv(const void *obj, FILE *out) {
  const EligCsv *x = obj;
  Buf b = BUF_INIT;
  const char *head[] = {"cadre", "for", "title", "unit", "date", "rule", "result", "message", "basis"};
  csv_buf_row(&b, head, 9);
  for (int i = 0; i < x->f->n; i++) {
    const Finding *g = &x->f->v[i];
    const char *cols[] = {x->q->cadre_code, purpose_name(x->q->purpose), x->q->title_code, x->q->unit_code, x->q->date,
                          g->rule, result_name(g->result), g->message, g->basis};
    for (int k = 0; k < 9; k++) {
      if (k) buf_putc(&b, ',');
      csv_buf_quoted(&b, cols[k]); /* every value quoted, as before */
    }
    buf_puts(&b, "\r\n");
  }
  size_t n = fwrite(b.p, 1, b.len, out);
  int rc = n == b.len ? 0 : CB_EIO;
  buf_free(&b);
  return rc;
}

static void send_csv(Req *r, const EligReq *q, const Findings *f) {
  EligCsv x = {q, f};
  Download d = {"csv", arena_printf(r->a, "dieu-kien-%s-%s.csv", purpose_name(q->purpose), q->date), &x, NULL, elig_csv,
                NULL};
  download_send(r, &d);
}

void page_eligibility(Req *r) {
  Cadre c;
  int rc = cadre_find(r->db, r->a, r->scope, r->params[0], &c);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  EligReq q;
  const char *err = NULL;
  bool asked = req_query(r, "for") != NULL;
  bool ok = asked && elig_req_from_query(r, c.code, &q, &err);
  Title t;
  Unit u;
  Findings f;
  if (ok) {
    rc = title_find(r->db, r->a, q.title_code, &t);
    if (!rc) rc = unit_find(r->db, r->a, scope_from_legacy(q.scope), q.unit_code, &u);
    if (!rc) rc = eligibility_check(r->db, r->a, &q, &f);
    if (rc == CB_EINVAL) ok = false, rc = 0, err = "Nhiệm kỳ không hợp lệ (cần dạng 2025-2030).";
    if (rc) {
      resp_cb_error(r, rc);
      return;
    }
  }
  const char *format = req_query(r, "format");
  if (ok && format && strcmp(format, "csv") == 0) {
    send_csv(r, &q, &f);
    return;
  }
  if (!ok) {
    /* keep what the user chose where it parsed */
    const char *err_keep = err;
    elig_req_from_query(r, c.code, &q, &err);
    err = err_keep;
    if (purpose_parse(req_query(r, "for")) < 0) q.purpose = PURPOSE_PLANNING;
    else q.purpose = (Purpose)purpose_parse(req_query(r, "for"));
    if (q.date && date_parse(q.date, &(Date){0}, DATE_FULL) != 0) q.date = NULL;
  }
  page_begin(r, arena_printf(r->a, "Kiểm tra điều kiện — %s", c.full_name), NAV_CADRES);
  if (err) r->status = 400;
  Buf *b = &r->out;
  html_printf(b, "<div class=\"profile-actions no-print\"><a href=\"/can-bo/%U\" class=\"btn btn-ghost\">‹ Hồ sơ %s</a></div>",
              c.code, c.full_name);
  html_printf(b, "<div class=\"page-head\"><h1>Kiểm tra điều kiện</h1><p>%s <span class=\"muted\">(%s)</span> · %s%s%s</p></div>",
              c.full_name, c.code, or_dash(c.unit_name), c.current_title ? " · " : "",
              c.current_title ? title_beside_unit(r->a, c.current_title, c.unit_name, NULL) : "");
  html_lit(b, "<div class=\"card elig-panel\">");
  if (err) page_notice(r, "error", err);
  const char *typed = str_or_null(req_query(r, "date")), *bad_date = NULL;
  char why[160];
  if (typed && date_problem(typed, DATE_FULL, NULL, why, sizeof why)) bad_date = arena_strdup(r->a, why);
  rc = elig_form(r, &c, &q, bad_date);
  html_lit(b, "</div>");
  if (ok) results(r, &q, &t, &u, &f);
  page_end(r);
}

/*
** The eligibility panel (see pages_eligibility.h): the form (purpose, title,
** unit in scope, date, and for appointments the kind and source), and the
** findings of a check as a table -- rule, result as a coloured badge,
** message with its numbers, legal basis -- under the verdict. The same
** findings download as CSV (format=csv) or JSON (the API).
**
** Not for: the checks (domain/eligibility.c) or the profile itself.
*/
#include <string.h>
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/html.h"
#include "domain/title.h"
#include "domain/unit.h"
#include "web/forms.h"
#include "web/pages.h"
#include "web/pages_eligibility.h"
#include "web/web.h"

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

static const char *nz(const char *s) { return s && *s ? s : NULL; }

bool elig_req_from_query(Req *r, const char *code, EligReq *q, const char **err) {
  memset(q, 0, sizeof *q);
  q->cadre_code = code;
  q->scope = r->user ? r->user->scope : NULL;
  const char *for_s = nz(req_query(r, "for"));
  q->title_code = nz(req_query(r, "title"));
  q->unit_code = nz(req_query(r, "unit"));
  q->date = nz(req_query(r, "date"));
  q->kind = nz(req_query(r, "kind"));
  q->source = nz(req_query(r, "source"));
  q->term = nz(req_query(r, "term"));
  int p = purpose_parse(for_s);
  Date d;
  char iso[16];
  if (!for_s || !q->title_code || !q->unit_code || !q->date)
    *err = "Cần đủ các tham số for (mục đích), title (chức danh), unit (đơn vị) và date (ngày).";
  else if (p < 0)
    *err = "Tham số 'for' chỉ nhận planning, appointment hoặc rotation.";
  else if (date_parse(q->date, &d, DATE_FULL) != 0)
    *err = arena_printf(r->a, "Ngày '%s' không hợp lệ (cần YYYY-MM-DD, là một ngày có thật).", q->date);
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

/* <option>s of a code/label table, `cur` selected. */
static void options(Req *r, const char *const (*t)[2], int n, const char *cur) {
  for (int i = 0; i < n; i++) {
    if (cur && strcmp(cur, t[i][0]) == 0)
      html_printf(&r->out, "<option value=\"%s\" selected>%s</option>", t[i][0], t[i][1]);
    else
      html_printf(&r->out, "<option value=\"%s\">%s</option>", t[i][0], t[i][1]);
  }
}

static void title_options(Req *r, const Title *t, int n, const char *cur) {
  Buf *b = &r->out;
  const char *level = NULL;
  for (int i = 0; i < n; i++) {
    if (!level || strcmp(level, t[i].level) != 0) {
      if (level) html_lit(b, "</optgroup>");
      level = t[i].level;
      html_printf(b, "<optgroup label=\"Chức danh %s\">", unit_level_label(level));
    }
    if (cur && strcmp(cur, t[i].code) == 0)
      html_printf(b, "<option value=\"%s\" selected>%s</option>", t[i].code, t[i].name);
    else
      html_printf(b, "<option value=\"%s\">%s</option>", t[i].code, t[i].name);
  }
  if (level) html_lit(b, "</optgroup>");
}

/* The GET form; `q` holds the current choices (NULL fields: defaults). 0 or a CB_* error. */
static int elig_form(Req *r, const Cadre *c, const EligReq *q) {
  Title *titles;
  Unit *units;
  int nt, nu;
  int rc = title_list(r->db, r->a, &titles, &nt);
  if (!rc) rc = unit_list(r->db, r->a, r->user ? r->user->scope : NULL, &units, &nu);
  if (rc) return rc;
  Buf *b = &r->out;
  char today[16];
  html_printf(b, "<form method=\"get\" action=\"/can-bo/%U/dieu-kien\" class=\"elig-form\" id=\"elig-form\">", c->code);
  html_lit(b, "<div class=\"field\"><label for=\"el-for\">Mục đích</label><select id=\"el-for\" name=\"for\">");
  for (int i = 0; i < 3; i++) {
    if ((int)q->purpose == i) html_printf(b, "<option value=\"%s\" selected>%s</option>", purpose_name((Purpose)i), PURPOSE_LABELS[i]);
    else html_printf(b, "<option value=\"%s\">%s</option>", purpose_name((Purpose)i), PURPOSE_LABELS[i]);
  }
  html_lit(b, "</select></div><div class=\"field field-grow\"><label for=\"el-title\">Chức danh</label>"
              "<select id=\"el-title\" name=\"title\" required><option value=\"\">— Chọn chức danh —</option>");
  title_options(r, titles, nt, q->title_code);
  html_lit(b, "</select></div><div class=\"field\"><label for=\"el-unit\">Đơn vị</label>"
              "<select id=\"el-unit\" name=\"unit\" required>");
  form_unit_options(r, units, nu, q->unit_code ? q->unit_code : c->unit_code);
  html_printf(b, "</select></div><div class=\"field\"><label for=\"el-date\">Ngày xem xét</label>"
                 "<input id=\"el-date\" name=\"date\" type=\"date\" required value=\"%s\"></div>",
              q->date ? q->date : date_iso(date_today(), today));
  html_lit(b, "<div class=\"field\"><label for=\"el-kind\">Hình thức (bổ nhiệm)</label><select id=\"el-kind\" name=\"kind\">");
  options(r, KINDS, NKINDS, q->kind);
  html_lit(b, "</select></div><div class=\"field\"><label for=\"el-source\">Nguồn (bổ nhiệm)</label>"
              "<select id=\"el-source\" name=\"source\">");
  options(r, SOURCES, 2, q->source);
  html_lit(b, "</select></div><div class=\"field elig-go\"><button type=\"submit\" class=\"btn btn-primary\">Kiểm tra</button>"
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
  if (elig_form(r, c, &q) != 0) {
    b->len = mark; /* no panel rather than half a form */
    return;
  }
  html_lit(b, "</section>");
}

static const char *badge_class(Result res) {
  switch (res) {
  case RESULT_PASS: return "badge badge-pass";
  case RESULT_WARN: return "badge badge-warn";
  case RESULT_FAIL: return "badge badge-fail";
  default: return "badge badge-na";
  }
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
  html_printf(b, "<p class=\"verdict\" id=\"verdict\">Kết luận: <span class=\"%s\">%s</span> "
                 "<span class=\"muted\">— %d quy định không đạt, %d cảnh báo, trên %d kết quả.</span></p>",
              badge_class(v), result_label(v), nfail, nwarn, f->n);
  html_printf(b, "<p class=\"muted\">%s · %s · %s · ngày %s</p>", PURPOSE_LABELS[q->purpose], t->name, u->name,
              fmt_date(r, q->date));
  html_lit(b, "<div class=\"toolbar\"><div class=\"exports\"><a class=\"btn btn-ghost\" id=\"export-csv\" href=\"");
  html_printf(b, "/can-bo/%U/dieu-kien", q->cadre_code);
  query_href(b, q);
  html_lit(b, "&amp;format=csv\">Xuất CSV</a><a class=\"btn btn-ghost\" id=\"export-json\" href=\"");
  html_printf(b, "/api/v1/cadres/%U/eligibility", q->cadre_code);
  query_href(b, q);
  html_lit(b, "\">JSON</a></div></div><div class=\"table-wrap\"><table class=\"list elig-findings\">"
              "<caption class=\"sr-only\">Kết quả từng quy định</caption><thead><tr><th scope=\"col\">Quy định</th>"
              "<th scope=\"col\">Kết quả</th><th scope=\"col\">Nội dung</th><th scope=\"col\">Căn cứ</th></tr></thead><tbody>");
  for (int i = 0; i < f->n; i++)
    html_printf(b, "<tr class=\"r-%s\"><td class=\"nowrap\"><strong>%s</strong></td><td><span class=\"%s\">%s</span></td>"
                   "<td>%s</td><td class=\"basis\">%s</td></tr>",
                f->v[i].result == RESULT_NA ? "na" : result_name(f->v[i].result), f->v[i].rule,
                badge_class(f->v[i].result), result_label(f->v[i].result), f->v[i].message, or_dash(f->v[i].basis));
  if (f->n == 0) html_lit(b, "<tr><td colspan=\"4\" class=\"empty\">Không có quy định nào được áp dụng.</td></tr>");
  html_lit(b, "</tbody></table></div></section>");
}

/* One CSV field, always quoted (RFC 4180), then "," or CRLF. */
static void csv_field(Buf *b, const char *s, bool last) {
  csv_buf_quoted(b, s);
  buf_puts(b, last ? "\r\n" : ",");
}

static void send_csv(Req *r, const EligReq *q, const Findings *f) {
  r->status = 200;
  r->content_type = "text/csv; charset=utf-8";
  resp_header(r, "Content-Disposition",
              arena_printf(r->a, "attachment; filename=\"dieu-kien-%s-%s.csv\"", purpose_name(q->purpose), q->date));
  Buf *b = &r->out;
  buf_puts(b, "cadre,for,title,unit,date,rule,result,message,basis\r\n");
  for (int i = 0; i < f->n; i++) {
    const char *cols[] = {q->cadre_code, purpose_name(q->purpose), q->title_code, q->unit_code, q->date,
                          f->v[i].rule, result_name(f->v[i].result), f->v[i].message, f->v[i].basis};
    for (int k = 0; k < 9; k++) csv_field(b, cols[k], k == 8);
  }
}

void page_eligibility(Req *r) {
  Cadre c;
  int rc = cadre_find(r->db, r->a, r->params[0], r->user ? r->user->scope : NULL, &c);
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
    if (!rc) rc = unit_find(r->db, r->a, q.unit_code, q.scope, &u);
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
              c.full_name, c.code, or_dash(c.unit_name), c.current_title ? " · " : "", c.current_title ? c.current_title : "");
  html_lit(b, "<div class=\"card elig-panel\">");
  if (err) page_notice(r, "error", err);
  rc = elig_form(r, &c, &q);
  html_lit(b, "</div>");
  if (ok) results(r, &q, &t, &u, &f);
  page_end(r);
}

/*
** The annual report page (GET /bao-cao/nam?unit=&year=, and .xlsx /
** ?format=xlsx|csv for the downloads): reads like the board's yearly
** summary -- Vietnamese sentences with the numbers -- then the table of
** numbers and one section per category listing the records behind them
** (names link to the profiles). A unit and year picker on top. A section
** lists its first REPORT_ROWS records; a longer one links to its own paged
** view (?section=N&page=K: that section alone, REPORT_ROWS a page), so a
** province's 7,000 trainings of a year do not make one 2 MB page. The
** downloads hold every record.
**
** Not for: counting (domain/report_annual.c).
*/
#include <stdio.h>
#include <string.h>
#include "core/err.h"
#include "core/sort.h"
#include "core/html.h"
#include "domain/report_annual.h"
#include "domain/training.h"
#include "domain/unit.h"
#include "web/download.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/widgets.h"

/* The summary paragraphs of report_annual_sentences, escaped. */
static void sentences(Req *r, const AnnualReport *rep) {
  const char **v;
  int n = report_annual_sentences(r->a, rep, &v);
  html_lit(&r->out, "<div class=\"card report-summary\" id=\"report-summary\">");
  for (int i = 0; i < n; i++) html_printf(&r->out, "<p>%s</p>", v[i]);
  html_lit(&r->out, "</div>");
}

static void picker(Req *r, const AnnualReport *rep, const Unit *units, int nu) {
  Buf *b = &r->out;
  html_lit(b, "<form method=\"get\" action=\"/bao-cao/nam\" class=\"search card\" id=\"report-form\">");
  widget_unit_select(r, &(Field){.name = "unit", .label = "Đơn vị", .value = rep->unit_code, .required = true}, units, nu);
  widget_text(r, &(Field){.name = "year", .label = "Năm", .value = arena_printf(r->a, "%d", rep->year), .maxlen = 4});
  html_lit(b, "<button type=\"submit\" class=\"btn btn-primary\">Xem báo cáo</button></form>");
  html_printf(b, "<div class=\"toolbar\"><p class=\"count-line\">Số liệu của %s và các đơn vị trực thuộc.</p>"
                 "<div class=\"exports\"><a class=\"btn btn-ghost\" id=\"export-xlsx\" href=\"%s\">Xuất Excel</a>"
                 "<a class=\"btn btn-ghost\" id=\"export-csv\" href=\"%s\">Xuất CSV</a>",
              rep->unit_name, html_url(r->a, "/bao-cao/nam.xlsx?unit=%U&year=%d", rep->unit_code, rep->year),
              html_url(r->a, "/bao-cao/nam?unit=%U&year=%d&format=csv", rep->unit_code, rep->year));
  doc_button(r, "Báo cáo (văn bản)", "bao-cao",
             (const char *const[]){"unit", rep->unit_code, "year", arena_printf(r->a, "%d", rep->year), NULL});
  html_lit(b, "</div></div>");
}

/* A row of the numbers: people and acts (acts < 0: the people column only). */
static void number_row(Req *r, const char *label, long people, long acts, const char *anchor) {
  bool link = anchor && (acts > 0 || people > 0);
  html_lit(&r->out, "<tr><td>");
  if (link) html_printf(&r->out, "<a href=\"#%s\">%s</a>", anchor, label);
  else html_printf(&r->out, "%s", label);
  html_printf(&r->out, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>", people < 0 ? "—" : fmt_count(r, people),
              acts < 0 ? "—" : fmt_count(r, acts));
}

static void numbers(Req *r, const AnnualReport *rep) {
  html_lit(&r->out, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list report-numbers\" id=\"report-numbers\">"
                    "<caption>Số liệu tổng hợp</caption><thead><tr><th scope=\"col\">Nội dung</th>"
                    "<th scope=\"col\" class=\"num\">Số người</th><th scope=\"col\" class=\"num\">Số lượt</th>"
                    "</tr></thead><tbody>");
  if (rep->has_committee) {
    number_row(r, report_section_label(RS_COMMITTEE_ADDED), rep->committee_added, rep->committee_added_acts, "s0");
    number_row(r, report_section_label(RS_COMMITTEE_REMOVED), rep->committee_removed, rep->committee_removed_acts, "s1");
  }
  if (rep->has_key) {
    number_row(r, report_section_label(RS_KEY_ADDED), rep->key_added, rep->key_added_acts, "s2");
    number_row(r, report_section_label(RS_KEY_REMOVED), rep->key_removed, rep->key_removed_acts, "s3");
  }
  for (int i = 0; i < REPORT_N_PROGRAMS; i++)
    number_row(r, training_program_label(report_programs[i]), -1, rep->training[i], rep->training[i] ? "s4" : NULL);
  number_row(r, report_section_label(RS_ROTATION), rep->rotation_people, rep->rotations, "s5");
  number_row(r, report_section_label(RS_APPOINTMENT), rep->appointment_people, rep->appointments, "s6");
  html_lit(&r->out, "</tbody></table></div><p class=\"muted\" id=\"report-counting\">Số người: mỗi cán bộ tính một "
                    "lần trong mỗi nội dung; số lượt: mỗi quyết định (một người được đưa ra khỏi quy hoạch hai chức danh "
                    "là hai lượt). Đào tạo, bồi dưỡng tính theo lượt cử đi học.</p>");
}

static const char *kind_label(const ReportItem *x) {
  switch (x->section) {
  case RS_TRAINING: return training_program_label(x->kind);
  case RS_ROTATION: return strcmp(x->kind, "rotation") == 0 ? "Luân chuyển" : "Điều động";
  case RS_APPOINTMENT:
    return strcmp(x->kind, "appointment") == 0 ? "Bổ nhiệm" : strcmp(x->kind, "reappointment") == 0 ? "Bổ nhiệm lại" : "Đề bạt";
  default: return x->section == RS_COMMITTEE_ADDED || x->section == RS_KEY_ADDED ? "Bổ sung" : "Đưa ra";
  }
}

static int by_code(const void *x, const void *y) { return strcmp(*(const char *const *)x, *(const char *const *)y); }

/* The records of section s (*n) and the distinct people among them (*people: codes sorted, runs counted; a
   pairwise comparison took 24 million strcmp for a province's 6,900 trainings of a year). */
static void section_counts(Req *r, const AnnualReport *rep, ReportSection s, int *n, int *people) {
  if (s == RS_TRAINING && rep->train_window) { /* a window of the trainings is listed: the counts say how many */
    *n = (int)rep->training_total, *people = (int)rep->training_people;
    return;
  }
  const char **codes = arena_alloc(r->a, sizeof *codes * (size_t)(rep->n_items ? rep->n_items : 1));
  *n = 0;
  for (int i = 0; i < rep->n_items; i++)
    if (rep->items[i].section == s) codes[(*n)++] = rep->items[i].cadre_code;
  cb_qsort(codes, (size_t)*n, sizeof *codes, by_code);
  *people = 0;
  for (int i = 0; i < *n; i++) *people += i == 0 || strcmp(codes[i], codes[i - 1]) != 0;
}

/* The people and acts of section s the report counts (its figures, whoever can see the cadres). */
static void section_totals(const AnnualReport *rep, ReportSection s, long *people, long *acts) {
  switch (s) {
  case RS_COMMITTEE_ADDED: *people = rep->committee_added, *acts = rep->committee_added_acts; break;
  case RS_COMMITTEE_REMOVED: *people = rep->committee_removed, *acts = rep->committee_removed_acts; break;
  case RS_KEY_ADDED: *people = rep->key_added, *acts = rep->key_added_acts; break;
  case RS_KEY_REMOVED: *people = rep->key_removed, *acts = rep->key_removed_acts; break;
  case RS_ROTATION: *people = rep->rotation_people, *acts = rep->rotations; break;
  case RS_APPOINTMENT: *people = rep->appointment_people, *acts = rep->appointments; break;
  default: *people = rep->training_people, *acts = rep->training_total;
  }
}

/* Records per section on the report page and per page of a section's own view. */
#define REPORT_ROWS 200

/* Section s; page 0 = on the whole report (its first REPORT_ROWS records and, when longer, a link to its own
   view), page >= 1 = that page of its own view, with paging links. */
static void section(Req *r, const AnnualReport *rep, ReportSection s, int page) {
  Buf *b = &r->out;
  int n, people;
  section_counts(r, rep, s, &n, &people);
  if ((s == RS_COMMITTEE_ADDED || s == RS_COMMITTEE_REMOVED) && !rep->has_committee) return;
  if ((s == RS_KEY_ADDED || s == RS_KEY_REMOVED) && !rep->has_key) return;
  /* the heading gives the section's figures, as the table above does; the list may hold fewer (the reader's scope) */
  long total_people = people, total = n;
  if (s != RS_TRAINING) section_totals(rep, s, &total_people, &total);
  html_printf(b, "<section class=\"card report-section\" id=\"s%d\"><h2 class=\"section-h\">%s (%s người, %s lượt)</h2>",
              (int)s, report_section_label(s), fmt_count(r, total_people), fmt_count(r, total));
  if (s != RS_TRAINING && total > n) /* counted, not listed: the cadres the reader's scope does not hold now */
    html_printf(b, "<p class=\"muted outside-scope\">%s %s lượt của cán bộ nay công tác ngoài phạm vi của bạn: được tính "
                   "trong số liệu, không liệt kê.</p>",
                n ? "Danh sách dưới đây không gồm" : "Cả", fmt_count(r, total - n));
  if (n == 0) {
    if (total) html_lit(b, "</section>");
    else html_lit(b, "<p class=\"muted\">Không có.</p></section>");
    return;
  }
  const char *c3 = s == RS_TRAINING ? "Khóa học" : s == RS_ROTATION ? "Chức danh mới" : "Chức danh";
  const char *c4 = s == RS_ROTATION ? "Từ → đến đơn vị" : "Đơn vị";
  html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th scope=\"col\" class=\"num\">STT</th>"
                 "<th scope=\"col\">Họ và tên</th><th scope=\"col\">Ngày</th><th scope=\"col\">Hình thức</th>"
                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">Quyết định / ghi chú</th>"
                 "<th scope=\"col\">Cơ quan quyết định</th></tr></thead><tbody>",
              c3, c4);
  int pages = (n + REPORT_ROWS - 1) / REPORT_ROWS;
  if (page > pages) page = pages; /* past the end: the last page, as the paging links say */
  int first = page > 1 ? (page - 1) * REPORT_ROWS : 0, last = first + REPORT_ROWS;
  int k = s == RS_TRAINING && rep->train_window ? (int)rep->train_first : 0; /* the items hold a window from here */
  for (int i = 0; i < rep->n_items && k < last; i++) {
    const ReportItem *x = &rep->items[i];
    if (x->section != s || k++ < first) continue;
    html_printf(b, "<tr><td class=\"num\">%s</td><td><a href=\"/can-bo/%U\">%s</a></td><td class=\"nowrap\">%s</td>"
                   "<td>%s</td><td>%s</td>",
                fmt_count(r, k), x->cadre_code, x->full_name, fmt_date(r, x->date), kind_label(x), or_dash(x->title));
    if (s == RS_ROTATION)
      html_printf(b, "<td>%s → %s</td>", or_dash(x->from_unit), or_dash(x->unit));
    else
      html_printf(b, "<td>%s</td>", or_dash(x->unit));
    const char *note = s == RS_TRAINING ? x->reason
                       : x->reason && x->decision_no ? arena_printf(r->a, "%s — %s", x->decision_no, x->reason)
                                                     : x->decision_no;
    html_printf(b, "<td>%s</td><td>%s</td></tr>", or_dash(note), or_dash(x->body));
  }
  html_lit(b, "</tbody></table></div>");
  const char *own = html_url(r->a, "/bao-cao/nam?unit=%U&year=%d&section=%d", rep->unit_code, rep->year, (int)s);
  if (page >= 1) {
    widget_pager(r, own, page, REPORT_ROWS, n, false);
  } else if (n > REPORT_ROWS) {
    html_printf(b, "<p class=\"muted\">Hiển thị %s/%s lượt đầu. <a href=\"%s\">Xem đủ %s lượt, theo trang</a> "
                   "hoặc tải tệp Excel.</p>",
                fmt_count(r, REPORT_ROWS), fmt_count(r, n), own, fmt_count(r, n));
  }
  html_lit(b, "</section>");
}

/* What the download's writers get: the report and the database its trainings are read from as the xlsx is written. */
typedef struct {
  Db *db;
  const AnnualReport *rep;
} ReportFile;

static int report_xlsx(const void *obj, const char *path) {
  const ReportFile *f = obj;
  return report_annual_xlsx(f->db, f->rep, path);
}

static int report_csv(const void *obj, FILE *f) {
  Buf b = BUF_INIT;
  report_annual_csv_people(((const ReportFile *)obj)->rep, &b); /* issue 10: the people's form (the CLI keeps the codes) */
  size_t n = b.len ? fwrite(b.p, 1, b.len, f) : 0;
  int rc = n == b.len ? 0 : CB_EIO;
  buf_free(&b);
  return rc;
}

static int report_audit(Req *r, const void *obj, const char *format) {
  return report_annual_audit(r->db, r->user ? r->user->username : "web", ((const ReportFile *)obj)->rep, format);
}

void page_report_annual(Req *r) {
  const char *scope = scope_legacy(r->scope), *unit = req_query(r, "unit"), *format = req_query(r, "format");
  if (strcmp(r->path, "/bao-cao/nam.xlsx") == 0) format = "xlsx";
  if (format && *format && strcmp(format, "xlsx") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "html") != 0) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn xlsx hoặc csv.");
    return;
  }
  if (!unit || !*unit) unit = report_default_unit(r);
  int year;
  if (!report_year_arg(r, &year)) return;
  const char *sec = req_query(r, "section");
  long only = sec && *sec ? req_query_long(r, "section", -1, -1, RS_N) : -1;
  bool download = format && (strcmp(format, "xlsx") == 0 || strcmp(format, "csv") == 0);
  int page = (int)req_query_long(r, "page", 1, 1, 1000000);
  AnnualReport rep;
  /* the page lists a window of the trainings: the first REPORT_ROWS, or the page asked of the training section's own
     view; the xlsx holds every record, its trainings read as it is written (no window here); the CSV the counts */
  long from = only == RS_TRAINING ? (long)(page - 1) * REPORT_ROWS : 0;
  int rc = !download                    ? report_annual_page(r->db, r->a, r->scope, unit, year, from, REPORT_ROWS, &rep)
           : strcmp(format, "xlsx") == 0 ? report_annual_page(r->db, r->a, r->scope, unit, year, 0, 0, &rep)
                                         : report_annual(r->db, r->a, r->scope, unit, year, false, &rep);
  Unit u, *units = NULL;
  int nu = 0;
  if (!rc) rc = unit_find(r->db, r->a, scope_from_legacy(scope), rep.unit_code, &u);
  if (!rc) rc = unit_list(r->db, r->a, scope_from_legacy(scope), &units, &nu);
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (download) {
    ReportFile file = {r->db, &rep};
    Download d = {format, arena_printf(r->a, "bao-cao-%s-%d.%s", rep.unit_code, rep.year, format), &file, report_xlsx,
                  report_csv, report_audit};
    download_send(r, &d);
    return;
  }
  const char *title = arena_printf(r->a, "Báo cáo công tác cán bộ năm %d", year);
  if (sec && *sec && (only < 0 || only >= RS_N || strspn(sec, "0123456789") != strlen(sec))) {
    resp_error(r, 400, "bad_section", arena_printf(r->a, "Mục báo cáo không có: chọn từ 0 đến %d.", RS_N - 1));
    return;
  }
  if (only >= 0) { /* one section's own view, paged */
    page_begin(r, title, NAV_NONE);
    html_printf(&r->out, "<div class=\"page-head\"><h1>%s</h1><p class=\"muted\">%s · <a href=\"%s\">Cả báo cáo</a></p></div>",
                title, rep.unit_name, html_url(r->a, "/bao-cao/nam?unit=%U&year=%d", rep.unit_code, rep.year));
    section(r, &rep, (ReportSection)only, page);
    page_end(r);
    return;
  }
  page_begin(r, title, NAV_NONE);
  html_printf(&r->out, "<div class=\"page-head\"><h1>%s</h1><p class=\"muted\">%s</p></div>", title, rep.unit_name);
  picker(r, &rep, units, nu);
  sentences(r, &rep);
  numbers(r, &rep);
  for (int s = 0; s < RS_N; s++) section(r, &rep, (ReportSection)s, 0);
  page_end(r);
}

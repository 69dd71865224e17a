/*
** Documents ready to sign on the web (CONTRACT §9, docs/DOCUMENTS.md):
**   GET /van-ban/{kind}?RECORD...                 the form: number, date (dd/mm/yyyy),
**                                                 signer, place... pre-filled with what the
**                                                 issuing unit used last time
**   GET /van-ban/{kind}?RECORD...&format=docx|pdf the file (attachment)
** RECORD is what the kind is about: cadre=CODE (mau-2c), proposal=ID
** (to-trinh, quyet-dinh), proposal=ID&step=N (bien-ban), rotation=ID
** (quyet-dinh), list=planning&unit=CODE[&term=T] (quyet-dinh),
** list=planning|due|trainings|retirements&unit=CODE[&term=&title=&year=&months=]
** (danh-sach), unit=CODE&year=Y (bao-cao). A record outside the user's
** scope answers 404 like a missing one; a bad parameter 400 naming it; a
** document the record's state forbids (the tờ trình of a proposal whose
** vote failed) 422 with the reason and the failing step.
** Every file is audited (export); the values entered are remembered for the
** issuing unit when the user may write (officer, admin) -- a viewer's
** downloads change nothing but the audit log.
**
** doc_button() is what other pages call to offer a document (links listed
** in docs/DOCUMENTS.md). Thin: domain/docs does the work.
*/
#include <stdlib.h>
#include <string.h>
#include "core/err.h"
#include "core/html.h"
#include "domain/docs/doc_kinds.h"
#include "web/pages.h"
#include "web/web.h"

/* The record and entered values of the query; *bad names a malformed number (NULL when fine). */
static void read_request(Req *r, DocRequest *rq, const char **bad) {
  *bad = NULL;
  memset(rq, 0, sizeof *rq);
  rq->kind = r->nparams > 0 ? r->params[0] : "";
  static const struct {
    const char *name;
    long long lo, hi;
  } NUMS[] = {{"proposal", 1, 1LL << 53}, {"rotation", 1, 1LL << 53}, {"step", 1, 9}, {"year", 1900, 2200},
              {"months", 1, 600}};
  long long v[5] = {0};
  for (int i = 0; i < 5; i++) {
    const char *s = req_query(r, NUMS[i].name);
    if (!s || !*s) continue;
    char *end;
    long long n = strtoll(s, &end, 10);
    if (*end || n < NUMS[i].lo || n > NUMS[i].hi) {
      *bad = NUMS[i].name;
      return;
    }
    v[i] = n;
  }
  rq->proposal = v[0], rq->rotation = v[1], rq->step = (int)v[2], rq->year = (int)v[3], rq->months = (int)v[4];
  rq->cadre = req_query(r, "cadre"), rq->list = req_query(r, "list"), rq->unit = req_query(r, "unit");
  rq->term = req_query(r, "term"), rq->title = req_query(r, "title");
  if (rq->term && !*rq->term) rq->term = NULL;
  if (rq->title && !*rq->title) rq->title = NULL;
  /*
  ** entered values: absent = as remembered (a link from another page); present,
  ** even empty, = what the user left in the pre-filled form (an emptied authority
  ** or signer prints none). An empty layout or issuer is the default.
  */
  const char *const names[] = {"number", "date",   "signer", "place",      "signer_post", "authority",
                               "body",   "body_parent", "symbol", "recipients", "layout",      "issuer"};
  const char **dst[] = {&rq->number, &rq->date,        &rq->signer, &rq->place,      &rq->signer_post, &rq->authority,
                        &rq->body_name, &rq->body_parent, &rq->symbol, &rq->recipients, &rq->layout,      &rq->issuer};
  for (int i = 0; i < 12; i++) *dst[i] = req_query(r, names[i]);
  if (rq->layout && !*rq->layout) rq->layout = NULL;
  if (rq->issuer && !*rq->issuer) rq->issuer = NULL;
}

static const char *KIND_LABELS[][2] = {{"mau-2c", "Sơ yếu lý lịch (Mẫu 2C)"},
                                       {"to-trinh", "Tờ trình"},
                                       {"bien-ban", "Biên bản kiểm phiếu"},
                                       {"quyet-dinh", "Quyết định"},
                                       {"danh-sach", "Danh sách"},
                                       {"bao-cao", "Báo cáo"}};

static const char *kind_label(const char *kind) {
  for (size_t i = 0; i < sizeof KIND_LABELS / sizeof KIND_LABELS[0]; i++)
    if (strcmp(kind, KIND_LABELS[i][0]) == 0) return KIND_LABELS[i][1];
  return kind;
}

/* The record parameters again, as hidden inputs of the form. */
static void hidden_record(Req *r) {
  static const char *const KEYS[] = {"cadre", "proposal", "step", "rotation", "list", "unit", "term", "title",
                                     "year",  "months",   NULL};
  for (int i = 0; KEYS[i]; i++) {
    const char *v = req_query(r, KEYS[i]);
    if (v && *v) html_printf(&r->out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", KEYS[i], v);
  }
}

static void text_field(Req *r, const char *name, const char *label, const char *value, const char *hint) {
  html_printf(&r->out, "<div class=\"field\"><label for=\"doc-%s\">%s</label><input id=\"doc-%s\" name=\"%s\" "
                       "value=\"%s\" placeholder=\"%s\"></div>",
              name, label, name, name, value ? value : "", hint ? hint : "");
}

/* A body as the form names it: a Party committee's unit by its committee ("Thành ủy Móng Cái"), others by name. */
static const char *issuer_label(Arena *a, const Unit *u) {
  const char *committee, *symbol;
  doc_committee(a, u->name, &committee, &symbol);
  return doc_party_committee(a, u->name) ? committee : u->name;
}

/*
** The issuing body to choose (doc_issuer_choices), the one the document has selected; and, hidden, "for": the
** issuer and layout the pre-filled values belong to (settings_changed).
*/
static void issuer_field(Req *r, const DocResult *res) {
  Unit *v;
  int n;
  if (doc_issuer_choices(r->db, r->a, r->scope, &res->issuer, &v, &n) != 0) v = (Unit *)&res->issuer, n = 1;
  Buf *b = &r->out;
  html_lit(b, "<div class=\"field\"><label for=\"doc-issuer\">Đơn vị ban hành</label><select id=\"doc-issuer\" "
              "name=\"issuer\">");
  for (int i = 0; i < n; i++)
    html_printf(b, "<option value=\"%s\"%s>%s</option>", v[i].code, i == 0 ? " selected" : "", issuer_label(r->a, &v[i]));
  html_lit(b, "</select></div>");
  html_printf(b, "<input type=\"hidden\" name=\"for\" value=\"%s|%s\">", res->issuer.code, res->used.layout);
}

/*
** The form of the document; `error` (a typed number or date refused) said above it, with status 400; `changed`:
** the values were filled again for another issuer or layout (settings_changed), said so.
*/
static void form_page(Req *r, const DocRequest *rq, const DocResult *res, const char *error, bool changed) {
  const DocSettings *s = &res->used;
  page_begin(r, arena_printf(r->a, "%s — văn bản sẵn sàng ký", kind_label(rq->kind)), NAV_NONE);
  Buf *b = &r->out;
  html_printf(b, "<div class=\"page-head\"><h1>%s</h1></div>", kind_label(rq->kind));
  if (error) {
    r->status = 400;
    page_notice(r, "error", arena_printf(r->a, "Chưa tạo được văn bản: %s", error));
  } else if (changed) {
    page_notice(r, "info", "Đã đổi đơn vị ban hành hoặc thể thức: các ô đã điền lại theo đơn vị ban hành; kiểm tra "
                           "rồi tải văn bản.");
  }
  html_printf(b, "<div class=\"card\" id=\"doc-subject\"><p><strong>%s</strong></p><p class=\"muted\">Đơn vị ban "
                 "hành: %s; thể thức %s.</p></div>",
              res->doc->title, res->issuer.name,
              strcmp(s->layout, "state") == 0 ? "văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
                                              : "văn bản của Đảng (Hướng dẫn 36-HD/VPTW)");
  html_printf(b, "<form method=\"get\" action=\"/van-ban/%U\" class=\"card stack\" id=\"doc-form\">", rq->kind);
  hidden_record(r);
  issuer_field(r, res);
  html_lit(b, "<p class=\"muted\">Các ô đã điền sẵn những gì đơn vị dùng lần trước; để trống số và ngày thì văn bản "
              "chừa chỗ để điền tay khi ký. Ngày ghi theo dạng dd/mm/yyyy.</p>");
  text_field(r, "number", "Số văn bản", rq->number, "ví dụ 125 hoặc 125-QĐ/TU");
  text_field(r, "date", "Ngày ban hành (dd/mm/yyyy)", rq->date, "dd/mm/yyyy");
  text_field(r, "place", "Địa danh", s->place, NULL);
  text_field(r, "signer", "Họ và tên người ký", s->signer_name, NULL);
  text_field(r, "signer_post", "Chức vụ người ký", s->signer_post, NULL);
  text_field(r, "authority", "Thẩm quyền ký (T/M, KT.)", s->authority, NULL);
  text_field(r, "body_parent", "Cơ quan cấp trên", s->body_parent, NULL);
  text_field(r, "body", "Cơ quan ban hành", s->body_name, NULL);
  text_field(r, "symbol", "Ký hiệu của cơ quan ban hành (TU, UBND…)", s->symbol, NULL);
  html_printf(b, "<div class=\"field\"><label for=\"doc-recipients\">Nơi nhận (mỗi dòng một nơi)</label>"
                 "<textarea id=\"doc-recipients\" name=\"recipients\" rows=\"4\">%s</textarea></div>",
              s->recipients ? s->recipients : "");
  html_printf(b, "<div class=\"field\"><label for=\"doc-layout\">Thể thức</label><select id=\"doc-layout\" "
                 "name=\"layout\"><option value=\"party\"%s>Văn bản của Đảng (36-HD/VPTW)</option><option "
                 "value=\"state\"%s>Văn bản hành chính (NĐ 30/2020/NĐ-CP)</option></select></div>",
              strcmp(s->layout, "state") == 0 ? "" : " selected", strcmp(s->layout, "state") == 0 ? " selected" : "");
  html_lit(b, "<div class=\"toolbar\"><button type=\"submit\" name=\"format\" value=\"docx\" class=\"btn btn-primary\" "
              "id=\"doc-docx\">Tải Word (.docx)</button> <button type=\"submit\" name=\"format\" value=\"pdf\" "
              "class=\"btn btn-ghost\" id=\"doc-pdf\">Tải PDF</button></div></form>");
  page_end(r);
}

/*
** The form sent back with another issuer or layout chosen than the one its values were filled for ("for":
** "CODE|layout"): those values are the other body's, so they are dropped (the new issuer's remembered ones are
** used), and so is the choice not changed -- a new issuer brings its own layout, a new layout its own issuer
** (doc_ctx_begin). True when so (the form is shown again, no file).
*/
static bool settings_changed(Req *r, DocRequest *rq) {
  const char *f = req_query(r, "for"), *bar = f ? strchr(f, '|') : NULL;
  if (!bar) return false;
  const char *code = arena_strndup(r->a, f, (size_t)(bar - f)), *layout = bar + 1;
  bool issuer = rq->issuer && strcmp(rq->issuer, code) != 0, form = rq->layout && strcmp(rq->layout, layout) != 0;
  if (!issuer && !form) return false;
  if (issuer) rq->layout = NULL;
  else rq->issuer = NULL;
  rq->signer = rq->place = rq->signer_post = rq->authority = NULL;
  rq->body_name = rq->body_parent = rq->symbol = rq->recipients = NULL;
  return true;
}

void page_document(Req *r) {
  DocRequest rq;
  const char *bad;
  read_request(r, &rq, &bad);
  if (bad) {
    resp_error(r, 400, "bad_request", arena_printf(r->a, "Tham số %s không hợp lệ.", bad));
    return;
  }
  bool changed = settings_changed(r, &rq);
  const char *format = req_query(r, "format");
  if (format && *format && strcmp(format, "docx") != 0 && strcmp(format, "pdf") != 0) {
    resp_error(r, 400, "bad_format", "Định dạng không hỗ trợ: chọn docx hoặc pdf.");
    return;
  }
  DocResult res;
  int rc = doc_build(r->db, r->a, r->scope, &rq, &res);
  if (rc == CB_EINVAL && res.refused) { /* the record forbids it (a proposal whose vote failed): 422 with the reason */
    resp_error(r, 422, "document_refused", res.why);
    return;
  }
  if (rc == CB_EINVAL) {
    /* a typed number or date refused: the form again with what was typed and why, when it builds without them */
    DocRequest bare = rq;
    DocResult again;
    bare.number = NULL, bare.date = NULL;
    if (doc_build(r->db, r->a, r->scope, &bare, &again) == 0) form_page(r, &rq, &again, res.why, false);
    else resp_error(r, 400, "bad_request", res.why);
    return;
  }
  if (rc) {
    resp_cb_error(r, rc);
    return;
  }
  if (!format || !*format || changed) {
    form_page(r, &rq, &res, NULL, changed);
    return;
  }
  Buf file = BUF_INIT;
  rc = doc_write(res.doc, format, &file);
  /* an act issued above the user's unit (the Thành ủy's decision read by a commune officer) is printed with that
     body's values but never changes them */
  bool remember = page_can_write(r) && scope_contains(r->scope, res.issuer.path);
  if (!rc) rc = doc_commit(r->db, r->user ? r->user->username : "web", &rq, &res, format, remember);
  if (rc) {
    buf_free(&file);
    resp_cb_error(r, rc);
    return;
  }
  buf_append(&r->out, file.p, file.len);
  buf_free(&file);
  r->status = 200;
  r->content_type = strcmp(format, "pdf") == 0
                        ? "application/pdf"
                        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  resp_attachment(r, arena_printf(r->a, "%s.%s", res.name, format)); /* RFC 6266 (core/http.h) */
}

void doc_href(Req *r, const char *kind, const char *const *kv) {
  html_printf(&r->out, "/van-ban/%U", kind);
  for (int i = 0; kv && kv[i] && kv[i + 1]; i += 2) {
    if (i) html_lit(&r->out, "&amp;");
    else html_lit(&r->out, "?");
    html_printf(&r->out, "%U=%U", kv[i], kv[i + 1]);
  }
}

void doc_button(Req *r, const char *label, const char *kind, const char *const *kv) {
  html_printf(&r->out, "<a class=\"btn btn-ghost\" data-doc=\"%s\" href=\"", kind);
  doc_href(r, kind, kv);
  html_printf(&r->out, "\">%s</a>", label);
}

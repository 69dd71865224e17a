/*
** Documents ready to sign (domain/docs): text cleaning (control characters
** dropped, invalid UTF-8 replaced, right-to-left marks kept), the DOCX parts
** well-formed XML with hostile text escaped (parsed back with libxml2, read
** out of the zip with libzip), the PDF's embedded fonts, the committee and
** default settings of a unit, the number and place-and-date lines, scope
** (a cadre outside it is CB_ENOTFOUND), settings remembered by doc_commit
** with an audit row, 1,000 documents in a row with flat memory (RSS), and the
** annual report's appendix listing at most 1,000 trainings, the training list
** document at most 5,000.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <zip.h>
#include "core/asan.h"
#include "core/err.h"
#include "domain/docs/doc_kinds.h"
#include "domain/settings.h"
#include "domain/unit.h"
#include "test_fixture_appt.h"

static const char CADRES[] = "code,full_name,gender,birth_date,unit_code,hometown,notes\n"
                             "A,Nguyễn Thị Ánh,F,1980-04-12,PTC,Hải Xuân,\n"
                             "H,Lê Hải,M,1975-04-02,HX,Móng Cái,\n";
static const char POSITIONS[] = "cadre_code,unit_code,title_code,start_date\n"
                                "A,PTC,TP,2018-01-01\n"
                                "H,HX,BT,2019-05-01\n";

/* H's name and notes hold markup and a right-to-left mark: the forms and the import refuse them now, but a record
   stored before those checks (or by another writer) must still come out escaped. */
static int setup(void **state) {
  int rc = fx_open(state, "docs", CADRES, POSITIONS);
  if (rc) return rc;
  Fx *f = *state;
  return db_exec(f->db, "UPDATE cadre_records SET full_name = 'Lê <b>&amp; \"Hải\"</b>', "
                        "notes = 'x < y & \"z\" \xe2\x80\x8f mark' WHERE code = 'H'");
}
static int teardown(void **state) { return fx_close(state); }

static void text_is_cleaned(void **state) {
  Arena *a = arena_new();
  (void)state;
  assert_string_equal(doc_text(a, "a\x01" "b\x1f" "c\x7f" "d"), "abcd");
  assert_string_equal(doc_text(a, "tab\there\r\nline"), "tab here\nline");
  assert_string_equal(doc_text(a, "bad \xff\xfe byte"), "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
  assert_string_equal(doc_text(a, "C1 \xc2\x85 gone"), "C1  gone");                  /* U+0085 */
  assert_string_equal(doc_text(a, "rtl \xe2\x80\x8f kept"), "rtl \xe2\x80\x8f kept"); /* U+200F */
  assert_string_equal(doc_text(a, "<b>&\"'"), "<b>&\"'");                           /* text stays text */
  assert_string_equal(doc_text(a, NULL), "");
  assert_string_equal(doc_upper(a, "Phường Hải Xuân, đường ơ ư"), "PHƯỜNG HẢI XUÂN, ĐƯỜNG Ơ Ư");
  arena_free(a);
}

/* The State layout's heading names the authority with its place and no Party body above it (Nghị định 30/2020). */
static void state_heading_of_a_unit(void **state) {
  Arena *a = arena_new();
  (void)state;
  Unit ubnd = {.id = 9, .code = "UBND", .name = "Ủy ban nhân dân thành phố", .locality = "Móng Cái"};
  Unit city = {.id = 1, .code = "MC", .name = "Đảng bộ thành phố Móng Cái", .locality = "Móng Cái"};
  Unit pnv = {.id = 11, .code = "PNV", .name = "Phòng Nội vụ", .locality = "Móng Cái"};
  Unit xa = {.id = 37, .code = "HD", .name = "Xã Hải Đông", .locality = "Hải Đông"};
  assert_string_equal(doc_state_name(a, &ubnd), "Ủy ban nhân dân thành phố Móng Cái");
  assert_string_equal(doc_state_name(a, &city), "Ủy ban nhân dân thành phố Móng Cái");
  assert_string_equal(doc_state_name(a, &xa), "Ủy ban nhân dân xã Hải Đông");
  assert_string_equal(doc_state_name(a, &pnv), "Phòng Nội vụ");
  DocSettings s;
  doc_settings_defaults(a, &ubnd, &city, "quyet-dinh", "state", &s);
  assert_string_equal(s.body_parent, ""); /* was "ĐẢNG BỘ THÀNH PHỐ MÓNG CÁI" */
  assert_string_equal(s.body_name, "ỦY BAN NHÂN DÂN THÀNH PHỐ MÓNG CÁI");
  assert_string_equal(s.symbol, "UBND");
  assert_string_equal(s.signer_post, "CHỦ TỊCH");
  doc_settings_defaults(a, &pnv, &ubnd, "quyet-dinh", "state", &s);
  assert_string_equal(s.body_parent, "ỦY BAN NHÂN DÂN THÀNH PHỐ MÓNG CÁI");
  assert_string_equal(s.body_name, "PHÒNG NỘI VỤ");
  assert_string_equal(s.signer_post, "TRƯỞNG PHÒNG");
  /* a board deciding in its own name signs as its head, not for the Ban Thường vụ */
  Unit btc = {.id = 3, .code = "BTCTU", .name = "Ban Tổ chức Thành ủy", .locality = "Móng Cái"};
  doc_settings_defaults(a, &btc, &city, "quyet-dinh", "party", &s);
  assert_string_equal(s.symbol, "BTCTU");
  assert_string_equal(s.authority, "");
  assert_string_equal(s.signer_post, "TRƯỞNG BAN");
  arena_free(a);
}

static void committee_of_a_unit(void **state) {
  Arena *a = arena_new();
  (void)state;
  const char *c, *s;
  doc_committee(a, "Đảng bộ thành phố Móng Cái", &c, &s);
  assert_string_equal(c, "Thành ủy Móng Cái");
  assert_string_equal(s, "TU");
  doc_committee(a, "Thành phố Móng Cái", &c, &s);
  assert_string_equal(c, "Thành ủy Móng Cái");
  doc_committee(a, "Đảng bộ huyện Hải Hà", &c, &s);
  assert_string_equal(c, "Huyện ủy Hải Hà");
  assert_string_equal(s, "HU");
  doc_committee(a, "Phường Ka Long", &c, &s);
  assert_string_equal(c, "Đảng ủy phường Ka Long");
  assert_string_equal(s, "ĐU");
  doc_committee(a, "Phòng Kinh tế", &c, &s);
  assert_string_equal(c, "Phòng Kinh tế");
  assert_string_equal(s, "");
  arena_free(a);
}

/* The bytes of `name` inside the zip `z` (malloc'd, NUL-terminated), or NULL. */
static char *unzip_part(const Buf *z, const char *name) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(z->p, z->len, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
  if (!za) {
    if (src) zip_source_free(src);
    return NULL;
  }
  zip_stat_t st;
  char *out = NULL;
  if (zip_stat(za, name, 0, &st) == 0) {
    zip_file_t *f = zip_fopen(za, name, 0);
    out = calloc(1, st.size + 1);
    if (f && zip_fread(f, out, st.size) != (zip_int64_t)st.size) {
      free(out);
      out = NULL;
    }
    if (f) zip_fclose(f);
  }
  zip_close(za);
  zip_error_fini(&ze);
  return out;
}

static bool well_formed(const char *xml) {
  xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "part.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
  if (!d) return false;
  xmlFreeDoc(d);
  return true;
}

static void docx_parts_are_xml_and_text_is_escaped(void **state) {
  Arena *a = arena_new();
  (void)state;
  Doc *d = doc_new(a, DOC_PARTY);
  d->title = "<title> & \"x\"";
  const char *rcpt[] = {"Như <Điều> 3"};
  DocHead h = {"ĐẢNG BỘ <TỈNH>", "THÀNH ỦY & CO", "Số 1-QĐ/TU", "Móng Cái, ngày 01 tháng 02 năm 2026",
               "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn \"Văn\" <A>", rcpt, 1};
  doc_head(d, &h);
  doc_title(d, "Quyết định", "về <w:p> & ]]> \x01");
  char big[5001];
  memset(big, 'x', 5000);
  big[5000] = 0;
  doc_body_text(d, 0, big);
  doc_body_text(d, 0, "</w:t></w:r><w:r><w:t>injected \xe2\x80\xae RLO");
  doc_signature(d, &h);
  Buf z = BUF_INIT;
  assert_int_equal(doc_write_docx(d, &z), 0);
  assert_true(z.len > 1000 && memcmp(z.p, "PK", 2) == 0);
  const char *parts[] = {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
                         "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/header1.xml",
                         "docProps/core.xml"};
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    char *x = unzip_part(&z, parts[i]);
    assert_non_null(x);
    assert_true(well_formed(x));
    free(x);
  }
  char *doc = unzip_part(&z, "word/document.xml");
  assert_non_null(strstr(doc, "về &lt;w:p&gt; &amp; ]]&gt; "));
  assert_non_null(strstr(doc, "&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;injected \xe2\x80\xae RLO"));
  assert_non_null(strstr(doc, big));                       /* 5,000 characters, whole */
  assert_null(strstr(doc, "\x01"));
  assert_non_null(strstr(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>")); /* A4 */
  assert_non_null(strstr(doc, "w:left=\"1984\""));         /* Party left margin 35 mm */
  free(doc);
  char *styles = unzip_part(&z, "word/styles.xml");
  assert_non_null(strstr(styles, "w:ascii=\"Times New Roman\""));
  free(styles);
  char *core = unzip_part(&z, "docProps/core.xml");
  assert_non_null(strstr(core, "&lt;title&gt; &amp; &quot;x&quot;"));
  free(core);
  buf_free(&z);
  Buf pdf = BUF_INIT;
  assert_int_equal(doc_write_pdf(d, &pdf), 0);
  assert_true(pdf.len > 1000 && memcmp(pdf.p, "%PDF-", 5) == 0);
  assert_non_null(memmem(pdf.p, pdf.len, "LiberationSerif", 15)); /* the font, embedded (FontFile2) */
  assert_non_null(memmem(pdf.p, pdf.len, "/FontFile2", 10));
  assert_int_equal(doc_write(d, "odt", &pdf), CB_EINVAL);
  buf_free(&pdf);
  arena_free(a);
}

static void a_table_header_repeats(void **state) {
  Arena *a = arena_new();
  (void)state;
  Doc *d = doc_new(a, DOC_STATE);
  double w[] = {1, 3};
  DocTable *t = doc_table(d, 2, w, 1, true);
  const char *head[] = {"STT", "Họ và tên"};
  doc_row_texts(d, t, head, DOC_B, 0);
  for (int i = 0; i < 120; i++) {
    const char *row[] = {arena_printf(a, "%d", i + 1), "Trần Văn Ơn"};
    doc_row_texts(d, t, row, 0, 0);
  }
  Buf z = BUF_INIT;
  assert_int_equal(doc_write_docx(d, &z), 0);
  char *doc = unzip_part(&z, "word/document.xml");
  assert_non_null(strstr(doc, "<w:tblHeader/>"));
  assert_non_null(strstr(doc, "w:left=\"1701\""));          /* State left margin 30 mm */
  free(doc);
  buf_free(&z);
  Buf pdf = BUF_INIT;
  assert_int_equal(doc_write_pdf(d, &pdf), 0);
  assert_non_null(memmem(pdf.p, pdf.len, "/Count 3", 8)); /* 121 rows of one line: three pages */
  buf_free(&pdf);
  arena_free(a);
}

static void number_date_and_defaults(void **state) {
  Fx *f = *state;
  DocRequest rq = {.kind = "mau-2c", .cadre = "A", .date = "05/03/2026", .place = "Móng Cái"};
  DocResult res;
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &rq, &res), 0);
  assert_string_equal(res.issuer.code, "QN"); /* the top of the tree above the cadre */
  assert_string_equal(res.name, "mau-2c-A");
  DocRequest qd = {.kind = "quyet-dinh", .list = "planning", .unit = "MC", .number = "12", .date = "2026-02-01"};
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &qd, &res), 0);
  assert_string_equal(res.used.body_name, "TỈNH ỦY QUẢNG NINH"); /* issued by the top of the tree */
  qd.issuer = "MC";
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &qd, &res), 0);
  assert_string_equal(res.used.body_name, "THÀNH ỦY MÓNG CÁI");
  assert_string_equal(res.used.body_parent, "ĐẢNG BỘ TỈNH QUẢNG NINH");
  assert_string_equal(res.used.place, "Móng Cái");
  assert_string_equal(res.used.authority, "T/M BAN THƯỜNG VỤ");
  /* the header's number and date lines are in the first table's cells */
  const DocTable *t = res.doc->b[0]->table;
  assert_string_equal(doc_para_text(res.doc, t->rows[1]->cells[0].p[0]), "Số 12-QĐ/TU");
  assert_string_equal(doc_para_text(res.doc, t->rows[1]->cells[1].p[0]), "Móng Cái, ngày 01 tháng 02 năm 2026");
  /* a whole number typed: printed as typed when its kind and issuer are this document's; a commune Đảng ủy's
     (ĐU) on the Thành ủy's decision, or a Tờ trình's on a Quyết định, refused saying which and how to fix it */
  qd.number = "125-QĐ/TU";
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &qd, &res), 0);
  assert_string_equal(doc_para_text(res.doc, res.doc->b[0]->table->rows[1]->cells[0].p[0]), "Số 125-QĐ/TU");
  qd.number = "125-QĐ/ĐU";
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &qd, &res), CB_EINVAL);
  assert_non_null(strstr(res.why, "«ĐU»"));
  assert_non_null(strstr(res.why, "Thành ủy Móng Cái"));
  assert_non_null(strstr(res.why, "(125)"));
  qd.number = "125-TTr/TU";
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &qd, &res), CB_EINVAL);
  assert_non_null(strstr(res.why, "«TTr»"));
  qd.number = "125/QĐ-UBND", qd.layout = "party"; /* a State number on a Party decision */
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &qd, &res), CB_EINVAL);
  assert_non_null(strstr(res.why, "thể thức văn bản hành chính"));
  qd.layout = NULL;
  qd.number = NULL, qd.date = NULL, qd.layout = "state";
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &qd, &res), 0);
  t = res.doc->b[0]->table;
  /* unnumbered: a blank of ten no-break spaces (never collapsed) before the whole symbol */
  const char *nb = "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0";
  assert_string_equal(doc_para_text(res.doc, t->rows[1]->cells[0].p[0]), arena_printf(f->a, "Số: %s/QĐ-UBND", nb));
  /* a board's symbol and name (never "Ban Tổ chức Ban Tổ chức"); place names held together in headers */
  const char *committee, *symbol;
  doc_committee(f->a, "Ban Tổ chức Thành ủy", &committee, &symbol);
  assert_string_equal(symbol, "BTCTU");
  assert_string_equal(doc_board(f->a, committee), "Ban Tổ chức Thành ủy");
  assert_string_equal(doc_board(f->a, "Thành ủy Móng Cái"), "Ban Tổ chức Thành ủy Móng Cái");
  doc_committee(f->a, "Ủy ban Kiểm tra Huyện ủy Tiên Yên", &committee, &symbol);
  assert_string_equal(symbol, "UBKTHU");
  assert_string_equal(doc_keep_names(f->a, "ĐẢNG BỘ THÀNH PHỐ MÓNG CÁI"),
                      "ĐẢNG BỘ THÀNH\xC2\xA0PHỐ MÓNG\xC2\xA0" "CÁI");
  assert_string_equal(doc_keep_names(f->a, "Đảng bộ xã Hải Xuân"), "Đảng bộ xã Hải\xC2\xA0Xuân");
  assert_string_equal(doc_keep_names(f->a, "Ban Tổ chức Thành ủy"), "Ban Tổ chức Thành\xC2\xA0ủy");
  assert_non_null(strstr(doc_para_text(res.doc, t->rows[1]->cells[1].p[0]), "Móng Cái, ngày … tháng … năm 20"));
  assert_string_equal(doc_para_text(res.doc, t->rows[0]->cells[1].p[0]), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  qd.date = "31/02/2026";
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &qd, &res), CB_EINVAL);
  assert_non_null(strstr(res.why, "31/02/2026"));
  DocRequest bad = {.kind = "thu-moi"};
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &bad, &res), CB_EINVAL);
}

static void scope_hides_other_units(void **state) {
  Fx *f = *state;
  Unit hx;
  assert_int_equal(unit_find(f->db, f->a, scope_all(), "HX", &hx), 0);
  DocRequest rq = {.kind = "mau-2c", .cadre = "A"}; /* A is in PTC, not in HX */
  DocResult res;
  assert_int_equal(doc_build(f->db, f->a, scope_from_legacy(hx.path), &rq, &res), CB_ENOTFOUND);
  rq.cadre = "H";
  assert_int_equal(doc_build(f->db, f->a, scope_from_legacy(hx.path), &rq, &res), 0);
  assert_string_equal(res.issuer.code, "HX"); /* the top of the user's scope */
  DocRequest ds = {.kind = "danh-sach", .list = "due", .unit = "MC"};
  assert_int_equal(doc_build(f->db, f->a, scope_from_legacy(hx.path), &ds, &res), CB_ENOTFOUND);
}

/* Every paragraph's text of d, tables' cells included, one per line. */
static const char *all_text(Arena *a, const Doc *d) {
  Buf b = BUF_INIT;
  for (int i = 0; i < d->n; i++) {
    const DocBlock *k = d->b[i];
    if (k->kind == DOC_BLOCK_PARA) buf_printf(&b, "%s\n", doc_para_text(d, k->para));
    if (k->kind != DOC_BLOCK_TABLE) continue;
    for (int r = 0; r < k->table->nrows; r++)
      for (int c = 0; c < (k->table->rows[r]->merged ? 1 : k->table->ncols); c++)
        for (int p = 0; p < k->table->rows[r]->cells[c].n; p++)
          buf_printf(&b, "%s\n", doc_para_text(d, k->table->rows[r]->cells[c].p[p]));
  }
  const char *s = arena_strdup(a, b.p ? b.p : "");
  buf_free(&b);
  return s;
}

static int occurrences(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

/* n trainings of cadre A started in 2025, named "Khóa thử 1".."Khóa thử n" from `from`. */
static void trainings_2025(Fx *f, int from, int n) {
  char sql[600];
  snprintf(sql, sizeof sql,
           "INSERT INTO training_records(cadre_id, program, name, start_date, status) WITH RECURSIVE k(i) AS "
           "(SELECT %d UNION ALL SELECT i + 1 FROM k WHERE i < %d) SELECT (SELECT id FROM cadre_records WHERE "
           "code = 'A'), 'leadership_skills', 'Khóa thử ' || i, '2025-03-01', 'completed' FROM k",
           from, from + n - 1);
  assert_int_equal(db_exec_trusted(f->db, sql), 0); /* numbers only, formatted here */
}

/* The annual report's appendix lists the year's trainings up to 1,000; above, their number and where the list is.
   The training list document holds up to 5,000. */
static void report_appendix_caps_the_trainings(void **state) {
  Fx *f = *state;
  trainings_2025(f, 1, 1000);
  DocRequest rq = {.kind = "bao-cao", .unit = "MC", .year = 2025};
  DocResult res;
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &rq, &res), 0);
  const char *text = all_text(f->a, res.doc);
  assert_int_equal(occurrences(text, ": Khóa thử "), 1000);
  assert_null(strstr(text, "danh sách đầy đủ trong tệp Excel"));
  trainings_2025(f, 1001, 1);
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &rq, &res), 0);
  text = all_text(f->a, res.doc);
  assert_int_equal(occurrences(text, ": Khóa thử "), 0);
  assert_non_null(strstr(text, "1.001 lượt: danh sách đầy đủ trong tệp Excel của báo cáo năm 2025"));
  assert_non_null(strstr(text, "PHỤ LỤC"));
  /* the list of the year's trainings as a document: up to 5,000 rows, then refused with the reason */
  trainings_2025(f, 1002, 3999);
  DocRequest ds = {.kind = "danh-sach", .list = "trainings", .unit = "MC", .year = 2025};
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &ds, &res), 0);
  assert_int_equal(occurrences(all_text(f->a, res.doc), "Khóa thử "), 5000);
  trainings_2025(f, 5001, 1);
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &ds, &res), CB_EINVAL);
  assert_non_null(strstr(res.why, "có 5.001 lượt, quá dài cho một văn bản để ký (tối đa 5.000 dòng)"));
}

static long long audit_rows(Fx *f, const char *entity) {
  DbStmt *st = db_prepare(f->db, "SELECT count(*) FROM audit WHERE entity = ?");
  db_bind_text(st, 1, entity);
  long long n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  return n;
}

static void settings_are_remembered(void **state) {
  Fx *f = *state;
  DocRequest rq = {.kind = "danh-sach", .list = "trainings", .unit = "MC", .year = 2025, .signer = "Trần Văn Bình",
                   .recipients = "Ban Tổ chức Tỉnh ủy; Lưu VP"};
  DocResult res;
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &rq, &res), 0);
  long long before = audit_rows(f, "document");
  assert_int_equal(doc_commit(f->db, "tester", &rq, &res, "pdf", false), 0); /* a viewer: audited, not remembered */
  assert_int_equal(audit_rows(f, "document"), before + 1);
  DocRequest again = {.kind = "danh-sach", .list = "trainings", .unit = "MC", .year = 2025};
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &again, &res), 0);
  assert_false(res.used.stored);
  assert_string_equal(res.used.signer_name, "");
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &rq, &res), 0);
  assert_int_equal(doc_commit(f->db, "tester", &rq, &res, "docx", true), 0);
  assert_int_equal(audit_rows(f, "doc_settings"), 1);
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &again, &res), 0);
  assert_true(res.used.stored);
  assert_string_equal(res.used.signer_name, "Trần Văn Bình");
  assert_string_equal(res.used.recipients, "Ban Tổ chức Tỉnh ủy\nLưu VP");
  DocRequest other = {.kind = "bao-cao", .unit = "MC", .year = 2025}; /* another kind: its own defaults */
  assert_int_equal(doc_build(f->db, f->a, scope_all(), &other, &res), 0);
  assert_false(res.used.stored);
}

/* The Tỉnh of the Mẫu 2C header: the nearest province-level unit above (or at) the unit, else the setting. */
static void province_of_a_unit(void **state) {
  Fx *f = *state;
  const char *hx = NULL, *qn = NULL;
  DbStmt *st = db_prepare(f->db, "SELECT path FROM units WHERE code = ?");
  const char *codes[] = {"HX", "QN"};
  const char **paths[] = {&hx, &qn};
  for (int i = 0; i < 2; i++) {
    db_bind_text(st, 1, codes[i]);
    assert_int_equal(db_step(st), DB_ROW);
    *paths[i] = arena_strdup(f->a, db_text(st, 0));
    db_reset(st);
  }
  db_finalize(st);
  assert_string_equal(settings_province_of(f->db, f->a, hx), "Tỉnh Quảng Ninh"); /* three levels up */
  assert_string_equal(settings_province_of(f->db, f->a, qn), "Tỉnh Quảng Ninh"); /* the unit itself */
  assert_int_equal(fx_import(f, "units", "code,name,level,parent_code,locality\n"
                                         "VP,Văn phòng Tỉnh ủy,province,QN,Quảng Ninh\n"
                                         "VP1,Phòng Tổng hợp,district,VP,Quảng Ninh\n"),
                   0);
  Unit vp1;
  assert_int_equal(unit_find(f->db, f->a, scope_all(), "VP1", &vp1), 0);
  assert_string_equal(settings_province_of(f->db, f->a, vp1.path), "Văn phòng Tỉnh ủy"); /* the nearest */
  assert_null(settings_province_of(f->db, f->a, "/999/"));                               /* no such unit */
  assert_null(settings_province_of(f->db, f->a, NULL));
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(settings_set(f->db, "tester", "province", "Quảng Ninh"), 0);
  assert_int_equal(db_commit(f->db), 0);
  assert_string_equal(settings_province_of(f->db, f->a, "/999/"), "Quảng Ninh"); /* the setting */
  assert_string_equal(settings_province_of(f->db, f->a, hx), "Tỉnh Quảng Ninh");
  /* A top unit below the province (a city's own database): its superior line is the province's Đảng bộ (the
     trial's empty A1); the province itself has none above it. */
  assert_int_equal(fx_import(f, "units", "code,name,level\nTPX,Đảng bộ thành phố Xa,district\n"), 0);
  Unit tpx, qnu;
  assert_int_equal(unit_find(f->db, f->a, scope_all(), "TPX", &tpx), 0);
  assert_int_equal(unit_find(f->db, f->a, scope_all(), "QN", &qnu), 0);
  DocSettings ds;
  assert_int_equal(doc_settings_get(f->db, f->a, &tpx, "danh-sach", NULL, &ds), 0);
  assert_string_equal(ds.body_parent, "ĐẢNG BỘ TỈNH QUẢNG NINH");
  assert_int_equal(doc_settings_get(f->db, f->a, &qnu, "danh-sach", NULL, &ds), 0);
  assert_string_equal(ds.body_parent, "");
}

/* Resident set size in kB (from /proc/self/status). */
static long rss_kb(void) {
  FILE *fp = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  while (fp && fgets(line, sizeof line, fp))
    if (sscanf(line, "VmRSS: %ld", &kb) == 1) break;
  if (fp) fclose(fp);
  return kb;
}

static void a_thousand_documents_keep_memory_flat(void **state) {
  Fx *f = *state;
  long after100 = 0;
  for (int i = 0; i < 1000; i++) {
    Arena *a = arena_new();
    DocRequest rq = {.kind = "mau-2c", .cadre = i % 2 ? "A" : "H", .number = "1", .date = "2026-03-05"};
    DocResult res;
    assert_int_equal(doc_build(f->db, a, scope_all(), &rq, &res), 0);
    Buf out = BUF_INIT;
    assert_int_equal(doc_write(res.doc, i % 2 ? "pdf" : "docx", &out), 0);
    assert_true(out.len > 1000);
    buf_free(&out);
    arena_free(a);
    if (i == 99) after100 = rss_kb();
  }
  long end = rss_kb();
  fprintf(stderr, "# RSS after 100 documents: %ld kB, after 1000: %ld kB\n", after100, end);
  assert_true(after100 > 0 && end > 0);
#ifdef CANBO_ASAN
  /* AddressSanitizer's quarantine keeps freed memory a while: RSS says nothing; its leak checker runs at exit */
#else
  assert_true(end - after100 < 4096); /* flat: less than 4 MB more for 900 more documents */
#endif
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(text_is_cleaned),
      cmocka_unit_test(committee_of_a_unit),
      cmocka_unit_test(docx_parts_are_xml_and_text_is_escaped),
      cmocka_unit_test(a_table_header_repeats),
      cmocka_unit_test_setup_teardown(number_date_and_defaults, setup, teardown),
      cmocka_unit_test_setup_teardown(scope_hides_other_units, setup, teardown),
      cmocka_unit_test(state_heading_of_a_unit),
      cmocka_unit_test_setup_teardown(settings_are_remembered, setup, teardown),
      cmocka_unit_test_setup_teardown(province_of_a_unit, setup, teardown),
      cmocka_unit_test_setup_teardown(a_thousand_documents_keep_memory_flat, setup, teardown),
      cmocka_unit_test_setup_teardown(report_appendix_caps_the_trainings, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL); /* doc_fonts_release runs at exit */
}

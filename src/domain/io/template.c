/* Import templates as .xlsx (see template.h). */
#include "domain/io/template.h"
#include <string.h>
#include <xlsxwriter.h>
#include "core/err.h"
#include "domain/import_values.h"
#include "domain/importer.h"

/* The sample row: a value for each column name (the same name means the same kind of value in every kind). */
static const char *const SAMPLES[][2] = {
    {"code", "C001"}, {"full_name", "Nguyễn Văn An"}, {"name", "Phường Hải Xuân"}, {"gender", "Nam"},
    {"birth_date", "15/03/1980"}, {"unit_code", "HX"}, {"parent_code", "MC"}, {"hometown", "Hải Xuân, Móng Cái"},
    {"birthplace", "Móng Cái"}, {"ethnicity", "Kinh"}, {"religion", "Không"}, {"party_join_date", "19/05/2005"},
    {"party_official_date", "19/05/2006"}, {"education", "12/12"}, {"major", "Luật"}, {"locality", "Hải Xuân"},
    {"valid_from", "01/01/2020"}, {"cadre_code", "C001"}, {"title_code", "CT_UBND"}, {"start_date", "01/07/2020"},
    {"decision_no", "123-QĐ/TU"}, {"institution", "Học viện Chính trị khu vực I"}, {"term", "2025-2030"},
    {"date", "01/03/2024"}, {"decision_date", "01/03/2024"}, {"to_unit_code", "HY"}, {"from_unit_code", "HX"},
    {"planned_months", "36"}, {"term_years", "5"}, {"year", "2024"}, {"score", "85"}, {"relative_code", "C002"},
    {"reason", "Theo đề nghị của Ban Tổ chức"}, {"rank", "10"}, {"max_age_first", "55"}, {"notes", ""},
};

/* Where a column name means another thing in one kind: kind, name, sample. */
static const char *const KIND_SAMPLES[][3] = {
    {"titles", "name", "Chủ tịch UBND xã, phường"},
    {"trainings", "name", "Cao cấp lý luận chính trị hệ tập trung, khóa 75"}, /* the first program, as the row shows */
};

static const char *sample_of(const ImportKind *k, const ImportCol *col) {
  if (col->type == COL_ENUM) return import_enum_label(col, col->values[0]);
  if (col->type == COL_BOOL01) return "Không";
  for (size_t i = 0; i < sizeof KIND_SAMPLES / sizeof KIND_SAMPLES[0]; i++)
    if (strcmp(KIND_SAMPLES[i][0], k->kind) == 0 && strcmp(KIND_SAMPLES[i][1], col->name) == 0) return KIND_SAMPLES[i][2];
  for (size_t i = 0; i < sizeof SAMPLES / sizeof SAMPLES[0]; i++)
    if (strcmp(SAMPLES[i][0], col->name) == 0) return SAMPLES[i][1];
  return "";
}

int import_template_xlsx(const char *kind, const char *path) {
  const ImportKind *k = importer_kind(kind);
  if (!k) return CB_EINVAL;
  lxw_workbook *wb = workbook_new(path);
  if (!wb) return CB_EIO;
  lxw_worksheet *ws = workbook_add_worksheet(wb, k->label);
  lxw_format *head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format *sample = workbook_add_format(wb);
  format_set_italic(sample);
  format_set_font_color(sample, 0x595959);
  Arena *a = arena_new();
  char label[160];
  for (int c = 0; c < k->ncols; c++) {
    const ImportCol *col = &k->cols[c];
    snprintf(label, sizeof label, "%s%s", col->label, col->required && c != k->key ? " *" : "");
    worksheet_write_string(ws, 0, (lxw_col_t)c, label, head);
    worksheet_write_string(ws, 1, (lxw_col_t)c, sample_of(k, col), sample);
    worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, col->type == COL_TEXT ? 24 : 18, NULL);
    /*
    ** A drop-down list of the Vietnamese labels, written inline (at most 255
    ** characters: else the codes, which are accepted too). Lists kept on a
    ** sheet (value_formula) leak in libxlsxwriter 1.1.4, which ASan reports.
    */
    const char *fixed[3] = {NULL, NULL, NULL};
    if (col->type == COL_GENDER) fixed[0] = "Nam", fixed[1] = "Nữ";
    if (col->type == COL_BOOL01) fixed[0] = "Không", fixed[1] = "Có";
    if (col->type != COL_ENUM && !fixed[0]) continue;
    const char *items[32];
    int n = 0;
    size_t len = 0;
    for (; col->type == COL_ENUM && col->values[n] && n < 31; n++) {
      items[n] = arena_strdup(a, import_enum_label(col, col->values[n]));
      len += strlen(items[n]) + 1;
    }
    if (col->type == COL_ENUM && len > 255) /* shorter accepted words, else the codes (accepted too) */
      for (int i = 0, short_len = 0; i < n; i++) {
        items[i] = import_enum_short(a, col, col->values[i]);
        short_len += (int)strlen(items[i]) + 1;
        if (i == n - 1 && short_len > 255)
          for (int k = 0; k < n; k++) items[k] = col->values[k];
      }
    for (; col->type != COL_ENUM && fixed[n]; n++) items[n] = fixed[n];
    items[n] = NULL;
    lxw_data_validation dv = {0};
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = (char **)items;
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    dv.error_title = "Giá trị không có trong danh mục";
    dv.error_message = "Chọn một giá trị trong danh sách (hoặc giữ nếu chắc chắn).";
    worksheet_data_validation_range(ws, 1, (lxw_col_t)c, 10000, (lxw_col_t)c, &dv);
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_row(ws, 0, 32, NULL);
  int rc = workbook_close(wb) == LXW_NO_ERROR ? 0 : CB_EIO;
  arena_free(a);
  return rc;
}

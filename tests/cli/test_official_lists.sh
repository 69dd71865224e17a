#!/usr/bin/env bash
# canbo report planning-list|due|trainings on a hand-made fixture (tests/cli/fixtures/structure for
# units, titles, cadres and positions; tests/cli/fixtures/official for planning acts, trainings and
# appointments): JSON rows counted by hand (a removed member, another term, one title, a subtree, the
# date of the list), CSV header and rows, each xlsx unzipped (title block with the unit name and date,
# Vietnamese headers, row count, Vietnamese names and labels, A4 landscape, frozen header pane),
# usage errors (exit 2) and unknown unit or title (exit 3).
. "$(dirname "$0")/lib.sh"
FX="$(cd "$(dirname "$0")" && pwd)/fixtures"
DB="$T/o.db"
for k in units titles cadres positions; do
  "$CANBO" --db "$DB" import "$k" "$FX/structure/$k.csv" > /dev/null 2> "$T/err" || bad "import_$k" "$(cat "$T/err")"
done
for k in planning trainings appointments; do
  "$CANBO" --db "$DB" import "$k" "$FX/official/$k.csv" > /dev/null 2> "$T/err" || bad "import_$k" "$(cat "$T/err")"
done
rep() { "$CANBO" --db "$DB" report "$@"; }
# jget FILE EXPR -- a value of the JSON file (j) by a python expression
jget() { python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {"j": j}))' "$1" "$2"; }
codes='" ".join(i["code"] for i in j["items"])'

# ---- planning list ----
expect_exit pl_json 0 rep planning-list --unit TP --date 2025-07-01
cp "$T/out" "$T/pl.json"
expect_eq pl_term 2025-2030 "$(jget "$T/pl.json" 'j["term"]')"              # the term of the date
expect_eq pl_rows "A3 A4 A1" "$(jget "$T/pl.json" "$codes")"                # A5 removed on 01/06; A6 is 2020-2025
expect_eq pl_total 3 "$(jget "$T/pl.json" 'j["total"]')"
expect_eq pl_fields "Vũ Văn Ba|1985-07-01|M|Kinh|Phó Chủ tịch UBND thành phố|thac_si|cu_nhan|chuyen_vien_chinh|Phó Chủ tịch UBND thành phố Thử Nghiệm" \
  "$(jget "$T/pl.json" '"|".join(j["items"][0][k] for k in ("full_name","birth_date","gender","ethnicity","current_title","degree","llct_level","qlnn_level","planned_title"))')"
expect_eq pl_other_unit "Chuyên viên, phường Ka Long" "$(jget "$T/pl.json" 'j["items"][2]["planned_title"]')"
expect_exit pl_before 0 rep planning-list --unit TP --date 2025-05-01
expect_eq pl_before_rows "A3 A4 A5 A1" "$(jget "$T/out" "$codes")"          # A5 is still in on 01/05
expect_exit pl_title 0 rep planning-list --unit TP --title PCT --date 2025-07-01
expect_eq pl_title_rows "A3 A4" "$(jget "$T/out" "$codes")"
expect_exit pl_subtree 0 rep planning-list --unit KL --date 2025-07-01
expect_eq pl_subtree_rows "A1" "$(jget "$T/out" "$codes")"
expect_exit pl_old_term 0 rep planning-list --unit TP --term 2020-2025 --date 2024-01-01
expect_eq pl_old_term_rows "A6" "$(jget "$T/out" "$codes")"
expect_exit pl_csv 0 rep planning-list --unit TP --date 2025-07-01 --format csv
# the people's form (issue 10): the headings and values of the xlsx
expect_eq pl_csv_header "Mã cán bộ,Họ và tên,Ngày sinh,Nam/Nữ,Dân tộc,Chức vụ hiện tại,Trình độ chuyên môn,LLCT,QLNN,Chức danh quy hoạch,Mã đơn vị,Mã chức danh,Ngày vào quy hoạch" \
  "$(head -1 "$T/out" | tr -d '\r')"
expect_eq pl_csv_rows 4 "$(wc -l < "$T/out" | tr -d ' ')"
expect_grep pl_csv_quoted '"Chuyên viên, phường Ka Long"' "$T/out"

# sheet_checks NAME XLSX ROWS -- the official layout of sheet1 with ROWS data rows: the documents'
# header block (issue 10: the body, the motto, the number, the place-and-date line), headings on row 9,
# the signature block and "Nơi nhận" after the rows
sheet_checks() {
  unzip -p "$2" xl/worksheets/sheet1.xml > "$T/$1.xml" 2> /dev/null || bad "$1_unzip" "not a zip"
  expect_grep "$1_landscape" '<pageSetup[^>]*orientation="landscape"' "$T/$1.xml"
  expect_grep "$1_a4" '<pageSetup[^>]*paperSize="9"' "$T/$1.xml"
  expect_grep "$1_frozen" '<pane [^>]*ySplit="9"[^>]*state="frozen"/>' "$T/$1.xml"
  expect_grep "$1_org" '<c r="A2"[^>]*><is><t>THÀNH ỦY THỬ NGHIỆM</t>' "$T/$1.xml"
  expect_grep "$1_party" 'ĐẢNG CỘNG SẢN VIỆT NAM' "$T/$1.xml"
  expect_grep "$1_number" '<c r="A4"[^>]*><is><t>Số  *-DS/TU</t>' "$T/$1.xml"
  expect_grep "$1_date" '<t>Thử Nghiệm, ngày [0-9][0-9] tháng [0-9][0-9] năm 20[0-9][0-9]</t>' "$T/$1.xml"
  expect_grep "$1_recipients" '<t>Nơi nhận:</t>.*<t>BÍ THƯ</t>' "$T/$1.xml"
  # data rows: rows after the headings (row 9) whose first cell is the STT
  local n
  n=$(grep -o '<c r="A[0-9]*"[^>]*><is><t>[0-9]*</t>' "$T/$1.xml" | sed 's/^<c r="A\([0-9]*\)".*/\1/' | awk '$1 > 9' | wc -l | tr -d ' ')
  expect_eq "$1_rows" "$3" "$n"
}
expect_exit pl_xlsx 0 rep planning-list --unit TP --date 2025-07-01 --format xlsx --out "$T/pl.xlsx"
sheet_checks pl_xlsx "$T/pl.xlsx" 3
expect_grep pl_xlsx_title 'DANH SÁCH QUY HOẠCH CÁN BỘ NHIỆM KỲ 2025-2030' "$T/pl_xlsx.xml"
expect_grep pl_xlsx_sub 'Đơn vị: Thành phố Thử Nghiệm — tính đến ngày 01/07/2025' "$T/pl_xlsx.xml"
expect_grep pl_xlsx_headers 'STT.*Họ và tên.*Ngày sinh.*Nam/Nữ.*Dân tộc.*Chức vụ hiện tại.*Trình độ chuyên môn.*LLCT.*QLNN.*Ngày vào quy hoạch' "$T/pl_xlsx.xml"
# one heading per title (issue 10), the people under it
expect_grep pl_xlsx_groups '<t>I. Phó Chủ tịch UBND thành phố Thử Nghiệm</t>.*<t>Vũ Văn Ba</t>.*<t>Đỗ Thị Bốn</t>.*<t>II. Chuyên viên, phường Ka Long</t>.*<t>Lê Thị Một</t>' "$T/pl_xlsx.xml"
expect_grep pl_xlsx_names '<t>Vũ Văn Ba</t>.*<t>01/07/1985</t>.*<t>Nam</t>.*<t>Thạc sĩ</t>.*<t>Cử nhân</t>.*<t>Chuyên viên chính</t>' "$T/pl_xlsx.xml"
expect_grep pl_xlsx_woman '<t>Đỗ Thị Bốn</t>.*<t>Nữ</t>' "$T/pl_xlsx.xml"
expect_no_grep pl_xlsx_no_codes '<t>(A3|chuyen_vien_chinh|cu_nhan)</t>' "$T/pl_xlsx.xml"
expect_exit pl_xlsx_title_one 0 rep planning-list --unit TP --title PCT --date 2025-07-01 --format xlsx --out "$T/pl1.xlsx"
unzip -p "$T/pl1.xlsx" xl/worksheets/sheet1.xml > "$T/pl1.xml"
expect_grep pl_xlsx_title_upper 'DANH SÁCH QUY HOẠCH CHỨC DANH PHÓ CHỦ TỊCH UBND THÀNH PHỐ NHIỆM KỲ 2025-2030' "$T/pl1.xml"

# ---- reappointment due list (APPT-8: 90 days) ----
expect_exit due_json 0 rep due --unit TP --date 2025-07-01
cp "$T/out" "$T/due.json"
expect_eq due_rows "A3 A7" "$(jget "$T/due.json" "$codes")"                 # A4's term ends 31/12/2026
expect_eq due_a3 "2025-07-31 30 reappointment" "$(jget "$T/due.json" '" ".join(str(j["items"][0][k]) for k in ("term_end","days_left","action"))')"
expect_exit due_later 0 rep due --unit TP --date 2025-08-01
expect_eq due_later_rows "A7" "$(jget "$T/out" "$codes")"                   # A3's term has ended
expect_exit due_subtree 0 rep due --unit KL --date 2025-07-01
expect_eq due_subtree_rows "A7" "$(jget "$T/out" "$codes")"
expect_exit due_xlsx 0 rep due --unit TP --date 2025-07-01 --format xlsx --out "$T/due.xlsx"
sheet_checks due_xlsx "$T/due.xlsx" 2
expect_grep due_xlsx_title 'DANH SÁCH CÁN BỘ ĐẾN HẠN BỔ NHIỆM LẠI' "$T/due_xlsx.xml"
expect_grep due_xlsx_headers 'Họ và tên.*Chức vụ.*Đơn vị.*Ngày quyết định bổ nhiệm.*Số quyết định.*Hết thời hạn giữ chức vụ.*Đề xuất' "$T/due_xlsx.xml"
expect_grep due_xlsx_row '<t>Hà Thị Bảy</t>.*<t>Phường Ka Long</t>.*<t>15/08/2020</t>.*<t>88/QĐ-UBND</t>.*<t>14/08/2025</t>.*<t>bổ nhiệm lại</t>' "$T/due_xlsx.xml"

# ---- trainings of a year (start date in the year, every status) ----
expect_exit tr_json 0 rep trainings --unit TP --year 2025
cp "$T/out" "$T/tr.json"
expect_eq tr_rows "A5 A1 A2" "$(jget "$T/tr.json" "$codes")"                # by start date; A3 2024-12-31, A4 2026-01-01 out
expect_eq tr_year 2025 "$(jget "$T/tr.json" 'j["year"]')"
expect_exit tr_annual 0 rep annual --unit TP --year 2025
expect_eq tr_equals_annual "$(jget "$T/tr.json" 'j["total"]')" "$(jget "$T/out" 'sum(j["training"].values())')"
expect_exit tr_subtree 0 rep trainings --unit KL --year 2025
expect_eq tr_subtree_rows "A1" "$(jget "$T/out" "$codes")"                  # the cadre's unit KL1 is below KL
expect_exit tr_xlsx 0 rep trainings --unit TP --year 2025 --format xlsx --out "$T/tr.xlsx"
sheet_checks tr_xlsx "$T/tr.xlsx" 3
expect_grep tr_xlsx_title 'DANH SÁCH CÁN BỘ ĐƯỢC CỬ ĐI ĐÀO TẠO, BỒI DƯỠNG NĂM 2025' "$T/tr_xlsx.xml"
expect_grep tr_xlsx_headers 'Chương trình đào tạo, bồi dưỡng.*Tên khóa học.*Cơ sở đào tạo.*Từ ngày.*Đến ngày.*Tình trạng' "$T/tr_xlsx.xml"
expect_grep tr_xlsx_row '<t>Lê Thị Một</t>.*<t>Nữ</t>.*<t>Chi bộ khu 1</t>.*<t>Trung cấp lý luận chính trị K12</t>.*<t>01/03/2025</t>.*<t>30/09/2025</t>' "$T/tr_xlsx.xml"
expect_exit tr_csv 0 rep trainings --unit TP --year 2025 --format csv --out "$T/tr.csv"
expect_eq tr_csv_rows 4 "$(wc -l < "$T/tr.csv" | tr -d ' ')"

# ---- errors ----
expect_exit err_no_unit 2 rep planning-list
expect_exit err_term 2 rep planning-list --unit TP --term 2025-2029
expect_exit err_year_missing 2 rep trainings --unit TP
expect_exit err_year_bad 2 rep trainings --unit TP --year 25
expect_exit err_year_not_here 2 rep due --unit TP --year 2025
expect_exit err_title_not_here 2 rep trainings --unit TP --year 2025 --title PCT
expect_exit err_date 2 rep due --unit TP --date 2025-02-30
expect_exit err_xlsx_stdout 2 rep due --unit TP --format xlsx
expect_exit err_unit 3 rep due --unit NOPE
expect_grep err_unit_msg "unknown unit 'NOPE'" "$T/err"
expect_exit err_title 3 rep planning-list --unit TP --title NOPE
expect_grep err_title_msg "title 'NOPE'" "$T/err"
# every export is audited, and the chain still verifies
expect_eq audit_rows "planning-list due trainings" \
  "$(sqlite3 "$DB" "SELECT json_extract(after, '$.report') FROM audit WHERE action = 'export' AND entity_key LIKE '%/TP/%' GROUP BY 1 ORDER BY min(id)" | tr '\n' ' ' | sed 's/ $//')"
expect_exit audit_verify 0 "$CANBO" --db "$DB" audit verify
done_tests
[ "$_fail" -eq 0 ]

#!/usr/bin/env bash
# canbo report structure|retirements on a hand-counted fixture (tests/cli/fixtures/structure):
# JSON numbers on 2025-07-01 (brackets at their boundaries, young by level, party on the date,
# membership after a position change), CSV rows, the xlsx official list unzipped (headers,
# row count, Vietnamese text, A4 landscape print setup, frozen header), retirement window,
# usage errors and unknown units.
. "$(dirname "$0")/lib.sh"
FX="$(cd "$(dirname "$0")" && pwd)/fixtures/structure"
DB="$T/s.db"
for k in units titles cadres positions; do
  "$CANBO" --db "$DB" import "$k" "$FX/$k.csv" > /dev/null 2> "$T/err" || { bad "import_$k" "$(cat "$T/err")"; }
done
rep() { "$CANBO" --db "$DB" report "$@"; }
# jget FILE EXPR -- a value from the JSON file (python, no jq needed)
jget() { python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {"j": j, "b": lambda d, k: [x["count"] for x in j["dimensions"][d]["buckets"] if x["key"] == k][0]}))' "$1" "$2"; }

expect_exit json_exit 0 rep structure --unit TP --date 2025-07-01
cp "$T/out" "$T/s.json"
expect_eq total 9 "$(jget "$T/s.json" 'j["total"]')"               # A9 is born 2026
expect_eq women 4 "$(jget "$T/s.json" 'j["women"]')"
expect_eq under_30 1 "$(jget "$T/s.json" 'b("age","under_30")')"   # A2 (29); A1 turns 30 on the date
expect_eq age_30_39 3 "$(jget "$T/s.json" 'b("age","30_39")')"
expect_eq age_40_49 1 "$(jget "$T/s.json" 'b("age","40_49")')"     # A3 turns 40 on the date
expect_eq age_50_54 3 "$(jget "$T/s.json" 'b("age","50_54")')"
expect_eq age_55 1 "$(jget "$T/s.json" 'b("age","55_plus")')"      # A7 turns 55 on the date
expect_eq cong_under_40 4 "$(jget "$T/s.json" 'b("age_cong","under_40")')"
expect_eq cong_40_50 2 "$(jget "$T/s.json" 'b("age_cong","40_50")')" # 40 and 50 are inside
expect_eq cong_over_50 3 "$(jget "$T/s.json" 'b("age_cong","over_50")')" # 51 is over
expect_eq young 3 "$(jget "$T/s.json" 'b("young","young")')"       # district < 40, commune/grassroots < 35
expect_eq young_ages "40 35" "$(jget "$T/s.json" '"%d %d" % (j["young_rule"]["ages"]["district"], j["young_rule"]["ages"]["commune"])')"
expect_eq party 2 "$(jget "$T/s.json" 'b("party","member")')"     # joined on the date, and in June; not the day after
expect_eq llct_cao_cap 1 "$(jget "$T/s.json" 'b("llct","cao_cap")')" # cử nhân
expect_eq key_title 1 "$(jget "$T/s.json" 'b("category","key")')"
expect_eq tiles "TP:9 KL:4 KL1:1 HX:3" "$(jget "$T/s.json" '" ".join("%s:%d" % (u["code"], u["total"]) for u in j["units"])')"
expect_exit json_before 0 rep structure --unit TP --date 2025-06-30
cp "$T/out" "$T/s0.json"
expect_eq moved_before "KL:5 HX:2" "$(jget "$T/s0.json" '" ".join("%s:%d" % (u["code"], u["total"]) for u in j["units"] if u["code"] in ("KL","HX"))')"
expect_eq party_before 1 "$(jget "$T/s0.json" 'b("party","member")')"
expect_exit json_commune 0 rep structure --unit KL --date 2025-07-01
expect_grep commune_total '"total":4,' "$T/out"

expect_exit csv_exit 0 rep structure --unit TP --date 2025-07-01 --format csv
expect_eq csv_header "dimension,dimension_label,key,label,count,women,percent" "$(head -1 "$T/out")"
expect_grep csv_cong 'age_cong,Ba độ tuổi \(đại hội\),40_50,Từ 40 đến 50 tuổi,2,0,22.2' "$T/out"
expect_grep csv_unit '^unit,Đơn vị,HX,Xã Hải Xuân,3,0,33.3$' "$T/out"
# header + 40 buckets (gender 2, age 5, cong 3, young 2, ethnicity 2, religion 1, party 2, degree 8, llct 4,
# qlnn 5, category 6) + 4 unit rows
expect_eq csv_rows 45 "$(wc -l < "$T/out")"

expect_exit xlsx_exit 0 rep structure --unit TP --date 2025-07-01 --format xlsx --out "$T/s.xlsx"
unzip -p "$T/s.xlsx" xl/worksheets/sheet1.xml > "$T/sheet1.xml"
unzip -p "$T/s.xlsx" xl/worksheets/sheet2.xml > "$T/sheet2.xml"
expect_grep xlsx_title 'BÁO CÁO CƠ CẤU ĐỘI NGŨ CÁN BỘ' "$T/sheet1.xml"
expect_grep xlsx_subtitle 'Thành phố Thử Nghiệm — tính đến ngày 01/07/2025' "$T/sheet1.xml"
expect_grep xlsx_header 'Chỉ tiêu.*Nhóm.*Số lượng.*Tỷ lệ \(%\).*Trong đó nữ' "$T/sheet1.xml"
expect_grep xlsx_landscape '<pageSetup[^>]*orientation="landscape"' "$T/sheet1.xml"
expect_grep xlsx_a4 '<pageSetup[^>]*paperSize="9"' "$T/sheet1.xml"
expect_grep xlsx_fit '<pageSetup[^>]*fitToHeight="0"' "$T/sheet1.xml"
expect_grep xlsx_frozen '<pane ySplit="6" topLeftCell="A7" activePane="bottomLeft" state="frozen"/>' "$T/sheet1.xml"
expect_grep xlsx_repeat 'definedName name="_xlnm.Print_Titles" localSheetId="0">.*\$6:\$6' <(unzip -p "$T/s.xlsx" xl/workbook.xml)
# data rows: the total row and one per bucket (40); the units on sheet 2
expect_eq xlsx_rows 41 "$(grep -o '<row r="[0-9]*"' "$T/sheet1.xml" | sed 's/[^0-9]//g' | awk '$1 >= 7' | wc -l)"
expect_eq xlsx_unit_rows 4 "$(grep -o '<row r="[0-9]*"' "$T/sheet2.xml" | sed 's/[^0-9]//g' | awk '$1 >= 7' | wc -l)"
expect_grep xlsx_unit_name 'Xã Hải Xuân' "$T/sheet2.xml"

# retirements: A7 and A8 (women born 07/1970) retire on 30/11/2027
expect_exit ret_28 0 rep retirements --unit TP --date 2025-07-01 --months 28
expect_grep ret_28_none '"total":0,' "$T/out"
expect_exit ret_29 0 rep retirements --unit TP --date 2025-07-01 --months 29
expect_grep ret_29_two '"total":2,' "$T/out"
expect_grep ret_29_dates '"code":"A7".*"retirement_age":\{"years":57,"months":4\},"retirement_date":"2027-11-30","pension_from":"2027-12-01"' "$T/out"
expect_exit ret_default_months 0 rep retirements --unit TP --date 2026-12-01
expect_grep ret_12 '"months":12,"total":2,' "$T/out"
expect_exit ret_csv 0 rep retirements --unit TP --date 2025-07-01 --months 29 --format csv
expect_eq ret_csv_rows 3 "$(wc -l < "$T/out")"
expect_grep ret_csv_row '^A7,Hà Thị Bảy,F,1970-07-01,Kinh,,Phường Ka Long,cao_dang,,,57y4m,2027-11-30,2027-12-01$' "$T/out"
expect_exit ret_xlsx 0 rep retirements --unit TP --date 2025-07-01 --months 29 --format xlsx --out "$T/r.xlsx"
unzip -p "$T/r.xlsx" xl/worksheets/sheet1.xml > "$T/r1.xml"
expect_grep ret_xlsx_headers 'STT.*Họ và tên.*Ngày sinh.*Nam/Nữ.*Dân tộc.*Chức vụ hiện tại.*Đơn vị.*Trình độ chuyên môn.*LLCT.*QLNN' "$T/r1.xml"
expect_grep ret_xlsx_title 'DANH SÁCH CÁN BỘ ĐẾN TUỔI NGHỈ HƯU' "$T/r1.xml"
expect_grep ret_xlsx_person 'Hà Thị Bảy.*01/07/1970.*Nữ.*Kinh.*Phường Ka Long.*Cao đẳng.*57 năm 4 tháng.*30/11/2027.*01/12/2027' "$T/r1.xml"
expect_grep ret_xlsx_print '<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"|<pageSetup[^>]*orientation="landscape"[^>]*paperSize="9"' "$T/r1.xml"
expect_grep ret_xlsx_frozen 'state="frozen"' "$T/r1.xml"
expect_eq ret_xlsx_rows 2 "$(grep -o '<row r="[0-9]*"' "$T/r1.xml" | sed 's/[^0-9]//g' | awk '$1 >= 7' | wc -l)"

# errors
expect_exit unknown_unit 3 rep structure --unit NOPE --date 2025-07-01
expect_grep unknown_unit_msg "unknown unit 'NOPE'" "$T/err"
expect_exit bad_date 2 rep structure --unit TP --date 2025-02-30
expect_exit partial_date 2 rep structure --unit TP --date 2025-07
expect_exit no_unit 2 rep structure --date 2025-07-01
expect_exit bad_format 2 rep structure --unit TP --format pdf
expect_exit xlsx_needs_out 2 rep structure --unit TP --format xlsx
expect_exit bad_months 2 rep retirements --unit TP --months -3
expect_exit months_on_structure 2 rep structure --unit TP --months 3
expect_exit unknown_report 2 rep nothing --unit TP
expect_exit unknown_option 2 rep structure --unit TP --year 2025
expect_exit annual_still_works 0 rep annual --unit TP --year 2025
# every run is audited
expect_eq audited 1 "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'export' AND entity_key = 'structure/TP/2025-06-30'")"
expect_exit audit_chain 0 "$CANBO" --db "$DB" audit verify
done_tests

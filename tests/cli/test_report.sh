#!/usr/bin/env bash
# canbo report annual: the published 2019 numbers on the demo, a commune's
# smaller subtree, json/csv/xlsx (valid zip, well-formed XML, Vietnamese
# text), exit codes (unknown unit 3, usage and bad year 2, xlsx without
# --out 2), the audit row of every export.
. "$(dirname "$0")/lib.sh"
q() { sqlite3 "$1" "$2"; }

db=$T/demo.db
"$CANBO" --db "$db" demo --cadres 1000 > /dev/null

# --- the published numbers (REGULATIONS.md, issue 3) on the demo city ---
want='{"unit":"MC","year":2019,"planning":{"committee":{"added":2,"removed":4},"key":{"added":4,"removed":10}},"training":{"llct_cao_cap":15,"llct_trung_cap":3,"llct_so_cap":0,"qlnn_cvcc":0,"qlnn_cvc":0,"qlnn_cv":9,"leadership_skills":84,"overseas_165":2,"degree":0,"other":0},"rotations":20,"appointments":17}'
expect_exit mc_2019 0 "$CANBO" --db "$db" report annual --unit MC --year 2019
expect_eq mc_2019_exact "$want" "$(cat "$T/out")"
expect_eq mc_2019_one_line 1 "$(wc -l < "$T/out")"
# the same with the default format named, and the options in another order
expect_exit mc_2019_json 0 "$CANBO" --db "$db" report annual --year 2019 --format json --unit MC
expect_eq mc_2019_json_same "$want" "$(cat "$T/out")"

# --- a commune counts only its own subtree: smaller than the city's ---
"$CANBO" --db "$db" report annual --unit HX --year 2019 > "$T/hx.json"
expect_grep hx_unit '^\{"unit":"HX","year":2019,' "$T/hx.json"
sum() { python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
p=d["planning"]
print(p["committee"]["added"]+p["committee"]["removed"]+p["key"]["added"]+p["key"]["removed"]+sum(d["training"].values())+d["rotations"]+d["appointments"])' "$1"; }
echo "$want" > "$T/mc.json"
mc=$(sum "$T/mc.json") hx=$(sum "$T/hx.json")
if [ "$hx" -lt "$mc" ]; then ok commune_smaller; else bad commune_smaller "HX $hx vs MC $mc"; fi
# the commune's rotations are those whose from or to unit is HX (SQL recount)
hx_rot=$(q "$db" "SELECT count(*) FROM rotations r WHERE r.kind IN ('rotation','transfer') AND r.date LIKE '2019-%'
  AND (r.to_unit_id = (SELECT id FROM units WHERE code='HX') OR r.from_unit_id = (SELECT id FROM units WHERE code='HX'))")
expect_eq hx_rotations_recount "$hx_rot" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rotations"])' "$T/hx.json")"
# a city organ with no commune below it
expect_exit organ 0 "$CANBO" --db "$db" report annual --unit PNV --year 2019
expect_grep organ_unit '"unit":"PNV"' "$T/out"
# later years continue (not all zero) and differ from 2019
expect_exit mc_2021 0 "$CANBO" --db "$db" report annual --unit MC --year 2021
expect_grep mc_2021_rotations '"rotations":[1-9][0-9]' "$T/out"
expect_no_grep mc_2021_not_2019 '"leadership_skills":84,' "$T/out"
# a year with nothing: every program still listed with 0
expect_exit empty_year 0 "$CANBO" --db "$db" report annual --unit MC --year 1975
expect_eq empty_year_zeros '{"unit":"MC","year":1975,"planning":{"committee":{"added":0,"removed":0},"key":{"added":0,"removed":0}},"training":{"llct_cao_cap":0,"llct_trung_cap":0,"llct_so_cap":0,"qlnn_cvcc":0,"qlnn_cvc":0,"qlnn_cv":0,"leadership_skills":0,"overseas_165":0,"degree":0,"other":0},"rotations":0,"appointments":0}' "$(cat "$T/out")"

# --- csv ---
expect_exit csv 0 "$CANBO" --db "$db" report annual --unit MC --year 2019 --format csv
expect_eq csv_header "section,item,count" "$(head -1 "$T/out")"
expect_eq csv_rows 17 "$(wc -l < "$T/out")"
expect_grep csv_committee_removed '^planning,committee_removed,4$' "$T/out"
expect_grep csv_key_added '^planning,key_added,4$' "$T/out"
expect_grep csv_cao_cap '^training,llct_cao_cap,15$' "$T/out"
expect_grep csv_overseas '^training,overseas_165,2$' "$T/out"
expect_grep csv_rotations '^rotations,total,20$' "$T/out"
expect_grep csv_appointments '^appointments,total,17$' "$T/out"
expect_exit csv_to_file 0 "$CANBO" --db "$db" report annual --unit MC --year 2019 --format csv --out "$T/r.csv"
expect_eq csv_file_same "$(cat "$T/out")" "" # nothing on stdout when --out is given
expect_grep csv_file_rows '^appointments,total,17$' "$T/r.csv"

# --- xlsx: a valid zip of well-formed XML with the Vietnamese labels and the numbers ---
expect_exit xlsx 0 "$CANBO" --db "$db" report annual --unit MC --year 2019 --format xlsx --out "$T/r.xlsx"
if python3 - "$T/r.xlsx" > "$T/xlsx.txt" 2>&1 <<'EOF'
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = z.namelist()
for n in names:
    if n.endswith('.xml') or n.endswith('.rels'):
        xml.dom.minidom.parseString(z.read(n))
wb = z.read('xl/workbook.xml').decode()
# the texts: shared strings, or inline in the sheets (the workbook is written in constant-memory mode)
shared = (z.read('xl/sharedStrings.xml').decode() if 'xl/sharedStrings.xml' in names else '') + ''.join(
    z.read(n).decode() for n in names if n.startswith('xl/worksheets/sheet'))
sheet1 = z.read('xl/worksheets/sheet1.xml').decode()
print('sheets', wb.count('<sheet '))
for s in ['Tổng hợp', 'Quy hoạch', 'Đào tạo', 'Luân chuyển', 'Bổ nhiệm']:
    print('sheet' if s in wb else 'nosheet', s)
for s in ['BÁO CÁO KẾT QUẢ CÔNG TÁC CÁN BỘ NĂM 2019', 'Đảng bộ thành phố Móng Cái', 'Cao cấp lý luận chính trị',
          'Đưa ra khỏi quy hoạch chức danh chủ chốt']:
    print('text' if s in shared else 'notext', s)
print('paper9' if 'paperSize="9"' in sheet1 else 'nopaper')
import re
print('values', ' '.join(re.findall(r'<c r="C\d+"(?![^>]*t="s")[^>]*><v>(\d+)</v>', sheet1)))
# the lists: one row per record under the header (the trainings are written from their statement, row by row)
print('rows', ' '.join(str(z.read('xl/worksheets/sheet%d.xml' % i).decode().count('<row ') - 1) for i in range(2, 6)))
EOF
then ok xlsx_wellformed; else bad xlsx_wellformed "$(cat "$T/xlsx.txt")"; fi
expect_grep xlsx_five_sheets '^sheets 5$' "$T/xlsx.txt"
expect_no_grep xlsx_sheet_names '^nosheet' "$T/xlsx.txt"
expect_no_grep xlsx_vietnamese '^notext' "$T/xlsx.txt"
expect_grep xlsx_a4 '^paper9$' "$T/xlsx.txt"
expect_grep xlsx_numbers '^values 2 4 4 10 113 15 3 0 0 0 9 84 2 0 0 20 17$' "$T/xlsx.txt"
expect_grep xlsx_list_rows '^rows 35 113 20 17$' "$T/xlsx.txt" # planning acts (35 for 20 people), trainings, rotations, appointments

# --- exit codes; nothing audited for a refused request ---
audit_before=$(q "$db" "SELECT count(*) FROM audit WHERE entity = 'report'")
expect_eq audit_rows_so_far 9 "$audit_before" # mc_2019, _json, hx, organ, mc_2021, empty_year, csv, csv file, xlsx
expect_exit unknown_unit 3 "$CANBO" --db "$db" report annual --unit NOPE --year 2019
expect_grep unknown_unit_msg "unknown unit 'NOPE'" "$T/err"
expect_exit bad_year_text 2 "$CANBO" --db "$db" report annual --unit MC --year 20x9
expect_exit bad_year_short 2 "$CANBO" --db "$db" report annual --unit MC --year 219
expect_exit bad_year_range 2 "$CANBO" --db "$db" report annual --unit MC --year 1800
expect_exit no_year 2 "$CANBO" --db "$db" report annual --unit MC
expect_exit no_unit 2 "$CANBO" --db "$db" report annual --year 2019
expect_exit bad_format 2 "$CANBO" --db "$db" report annual --unit MC --year 2019 --format pdf
expect_exit xlsx_needs_out 2 "$CANBO" --db "$db" report annual --unit MC --year 2019 --format xlsx
expect_exit xlsx_not_stdout 2 "$CANBO" --db "$db" report annual --unit MC --year 2019 --format xlsx --out -
expect_exit unknown_option 2 "$CANBO" --db "$db" report annual --unit MC --year 2019 --bogus
expect_exit no_report_name 2 "$CANBO" --db "$db" report --unit MC --year 2019
expect_exit unwritable_out 1 "$CANBO" --db "$db" report annual --unit MC --year 2019 --out /nonexistent/dir/r.json
expect_eq refused_not_audited "$((audit_before))" "$(q "$db" "SELECT count(*) FROM audit WHERE entity = 'report'")"

# --- every export is audited: action export, entity report, key UNIT/YEAR, the format ---
expect_exit audit_one_more 0 "$CANBO" --db "$db" report annual --unit HX --year 2020 --format csv
expect_eq audit_row "export|report|HX/2020" "$(q "$db" "SELECT action, entity, entity_key FROM audit ORDER BY id DESC LIMIT 1")"
expect_grep audit_after '"format":"csv"' <(q "$db" "SELECT after FROM audit ORDER BY id DESC LIMIT 1")
expect_exit audit_verify 0 "$CANBO" --db "$db" audit verify

# --- a small demo scales the story down and still reports ---
small=$T/small.db
"$CANBO" --db "$small" demo --cadres 100 --seed 3 > /dev/null
expect_exit small_report 0 "$CANBO" --db "$small" report annual --unit MC --year 2019
expect_grep small_shape '^\{"unit":"MC","year":2019,"planning":\{"committee":\{"added":[0-9]+,"removed":[0-9]+\}' "$T/out"
done_tests

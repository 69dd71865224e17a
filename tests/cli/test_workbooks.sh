#!/usr/bin/env bash
# The files boards keep (CONTRACT §8, issue 8): the same records from CSV,
# .xlsx and .xls made by LibreOffice (fixtures/workbooks/make.sh), title rows
# above the header, STT, Vietnamese headers and values, units and titles by
# name, cadres by name in an event file, generated codes; every legacy
# encoding form finds "nguyen van hung"; garbled text refused with its line;
# sheet errors as FILE:ROW:HEADER; --dry-run, --sheet, --encoding; ';' and
# tab separators; hostile workbooks (zip bomb, corrupt, encrypted, 16,384
# columns, long cell, NUL, bad XML, 100 MB) refused with a clear message.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
wb=$top/tests/cli/fixtures/workbooks
ex=$top/docs/examples
cd "$T" || exit 1

fresh() { # fresh DB: units and titles of the examples
  rm -f "$1"
  "$CANBO" --db "$1" init >/dev/null
  "$CANBO" --db "$1" import units "$ex/units.csv" >/dev/null 2>&1
  "$CANBO" --db "$1" import titles "$ex/titles.csv" >/dev/null 2>&1
}
ncad() { sqlite3 "$1" "SELECT count(*) FROM cadres"; }

# 1. The same records from CSV, xlsx and xls.
for f in csv xlsx xls; do
  fresh $f.db
  expect_exit "board_cadres_$f" 0 "$CANBO" --db $f.db import cadres "$wb/board_cadres.$f"
  expect_grep "board_cadres_${f}_says" '^imported 4 cadres$' "$T/out"
  expect_grep "board_cadres_${f}_found" "file: $f.*header at line 4, 4 rows, 4 codes generated" "$T/err"
  [ $f = csv ] || expect_grep "board_cadres_${f}_sheet" 'sheet "board_cadres"' "$T/err"
  expect_exit "board_positions_$f" 0 "$CANBO" --db $f.db import positions "$wb/board_positions.$f"
  "$CANBO" --db $f.db export cadres > $f.out 2>/dev/null
  "$CANBO" --db $f.db export positions >> $f.out 2>/dev/null
done
expect_eq same_records_xlsx "$(cat csv.out)" "$(cat xlsx.out)"
expect_eq same_records_xls "$(cat csv.out)" "$(cat xls.out)"
expect_grep values_converted '^CB000001,Nguyễn Văn Hùng,M,1980-03-15,HX,,,Kinh,,,,,dai_hoc,,trung_cap,chuyen_vien,$' csv.out
expect_grep unit_without_level_word '^CB000004,Hoàng Thị Thu Hương,F,1988-02-29,HX,.*,dai_hoc,,cu_nhan,can_su,$' csv.out
expect_grep cadre_and_title_by_name '^CB000002,UBND_HX,CT_UBND,2021-08-01,,,0$' csv.out

# An xlsx export (Vietnamese labels as headers) imports back to the same records.
fresh rt.db
for k in cadres positions; do
  "$CANBO" --db csv.db export $k --format xlsx --out "rt_$k.xlsx" 2>/dev/null
  expect_exit "xlsx_round_trip_$k" 0 "$CANBO" --db rt.db import $k "rt_$k.xlsx"
done
expect_eq xlsx_round_trip_same "$(cat csv.out)" "$("$CANBO" --db rt.db export cadres 2>/dev/null; "$CANBO" --db rt.db export positions 2>/dev/null)"

# 2. Dry run: everything checked, nothing written; --sheet.
fresh d.db
expect_exit dry_run 0 "$CANBO" --db d.db import cadres "$wb/board_cadres.xlsx" --dry-run
expect_grep dry_run_says '^checked 4 cadres, nothing written \(dry run\)$' "$T/out"
expect_eq dry_run_nothing_written 0 "$(ncad d.db)"
expect_eq dry_run_no_audit 0 "$(sqlite3 d.db "SELECT count(*) FROM audit WHERE entity = 'cadres'")"
expect_exit sheet_unknown 3 "$CANBO" --db d.db import cadres "$wb/board_cadres.xlsx" --sheet "Không có"
expect_grep sheet_unknown_msg 'không có trang tính "Không có" \(các trang tính của tệp: "board_cadres"\)' "$T/err"
expect_exit sheet_by_name 0 "$CANBO" --db d.db import cadres "$wb/board_cadres.xls" --sheet board_cadres --dry-run
expect_exit bad_encoding_option 2 "$CANBO" --db d.db import cadres "$wb/board_cadres.csv" --encoding latin1

# 3. Every legacy form imports the three names, found by "nguyen van hung".
python3 "$wb/legacy.py" "$wb/board_cadres.csv" "$T"
cp "$wb/legacy_tcvn3_moji.xlsx" "$wb/legacy_vni_moji.xlsx" "$T/"
for f in cp1258.csv tcvn3.csv vni.csv tcvn3_moji.csv vni_moji.csv legacy_tcvn3_moji.xlsx legacy_vni_moji.xlsx; do
  n=${f%.*}
  fresh "$n.db"
  expect_exit "legacy_$n" 0 "$CANBO" --db "$n.db" import cadres "$f"
  want=$(case $n in cp1258) echo cp1258 ;; *tcvn3*) echo tcvn3 ;; *) echo vni ;; esac)
  expect_grep "legacy_${n}_says_encoding" "encoding $want " "$T/err"
  "$CANBO" --db "$n.db" export cadres > "$n.out" 2>/dev/null
  for name in "Nguyễn Văn Hùng" "Đặng Thị Ánh" "Vương Ngọc Ổn"; do
    expect_grep "legacy_${n}_$name" ",$name," "$n.out"
  done
  expect_eq "legacy_${n}_search" "CB000001" \
    "$(sqlite3 "$n.db" "SELECT code FROM cadres WHERE search_key LIKE 'nguyen van hung %'")"
done

# 4. Forced encodings.
fresh forced.db
expect_exit forced_vni 0 "$CANBO" --db forced.db import cadres vni_moji.csv --encoding vni --dry-run
printf 'code,full_name,gender,birth_date,unit_code\nV1,Nguyeãn Vaên Huøng,M,1980,HX\n' > vni_values.csv
expect_exit forced_utf8_keeps_mojibake 3 "$CANBO" --db forced.db import cadres vni_values.csv --encoding utf8
expect_grep forced_utf8_refused '^vni_values\.csv:2:2: chữ "Nguyeãn" có vẻ bị lỗi phông hoặc mã hóa' "$T/err"

# 5. Text still garbled after conversion is refused with its line, never stored: a file mixing
#    VNI and TCVN3 mojibake gets one conversion; the other line stays garbled. Unicode lines are kept as typed.
printf 'code,full_name,gender,birth_date,unit_code\nG1,Hoàng Văn Hùng,M,1980,HX\nG2,Nguyeãn Vaên Huøng,M,1981,HX\nG3,NguyÔn V¨n Hïng,F,1982,HX\n' > garbled.csv
expect_exit garbled 3 "$CANBO" --db forced.db import cadres garbled.csv
expect_grep garbled_line '^garbled\.csv:(3|4):2: chữ "(Nguyeãn|NguyÔn|V¨n)" có vẻ bị lỗi phông hoặc mã hóa \("(Nguyeãn Vaên Huøng|NguyÔn V¨n Hïng)"\)' "$T/err"
expect_no_grep garbled_unicode_line_kept '^garbled\.csv:2:' "$T/err"
printf 'code,full_name,gender,birth_date,unit_code\nG1,Hoàng Văn Hùng,M,1980,HX\nG2,Nguyeãn Vaên Huøng,M,1981,HX\n' > mixed.csv
expect_exit mixed_unicode_and_vni 0 "$CANBO" --db forced.db import cadres mixed.csv --dry-run
expect_eq garbled_nothing_written 0 "$(ncad forced.db)"
printf 'code,full_name,gender,birth_date,unit_code\nG4,Nguyá»…n VÄƒn HÃ¹ng,M,1980,HX\n' > double.csv
expect_exit double_utf8 3 "$CANBO" --db forced.db import cadres double.csv
expect_grep double_utf8_line '^double\.csv:2:2: chữ "Nguyá»…n" có vẻ bị lỗi' "$T/err"

# 6. Separators, date styles, Vietnamese values of event kinds, names with candidates.
printf 'Mã cán bộ;Họ và tên;Giới tính;Ngày sinh;Mã đơn vị\nS1;Lê Văn Chấm;nam;5/6/1980;HX\n' > semi.csv
expect_exit semicolon 0 "$CANBO" --db forced.db import cadres semi.csv
expect_grep semicolon_found "separator ';'" "$T/err"
printf 'Mã cán bộ\tHọ và tên\tGiới tính\tNgày sinh\tMã đơn vị\nS2\tLê Thị Tab\tNỮ\t1981-02-03\tHX\n' > tab.csv
expect_exit tab 0 "$CANBO" --db forced.db import cadres tab.csv
expect_grep tab_found 'separator tab' "$T/err"
expect_eq dmy_date "1980-06-05" "$(sqlite3 forced.db "SELECT birth_date FROM cadres WHERE code = 'S1'")"
printf 'Mã cán bộ,Hình thức kỷ luật,Loại kỷ luật,Ngày quyết định\nS1,Khiển trách,Đảng,01/02/2024\nS2,Cảnh cáo,Chính quyền,2024-03-04\n' > disc.csv
expect_exit discipline_values 0 "$CANBO" --db forced.db import disciplines disc.csv
expect_eq discipline_stored "reprimand party|warning state" \
  "$(sqlite3 forced.db "SELECT group_concat(form || ' ' || authority, '|') FROM (SELECT * FROM disciplines ORDER BY id) AS sub")"
printf 'Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Mã đơn vị\nS3,Lê Văn Chấm,Nam,1990,HX\n' > twin.csv
expect_exit twin 0 "$CANBO" --db forced.db import cadres twin.csv
printf 'Họ và tên,Xếp loại,Năm\nLê Văn Chấm,Hoàn thành tốt nhiệm vụ,2024\n' > ev_ambiguous.csv
expect_exit cadre_name_ambiguous 3 "$CANBO" --db forced.db import evaluations ev_ambiguous.csv
expect_grep cadre_name_candidates '^ev_ambiguous\.csv:2:1: có 2 cán bộ tên "Lê Văn Chấm": S1 \(Lê Văn Chấm, sinh 05/06/1980, Đảng bộ phường Hải Xuân\), S3 .*thêm cột "Ngày sinh"' "$T/err"
printf 'Họ và tên,Ngày sinh,Xếp loại,Năm\nLê Văn Chấm,1990,Hoàn thành tốt nhiệm vụ,2024\n' > ev_birth.csv
expect_exit cadre_name_and_birth 0 "$CANBO" --db forced.db import evaluations ev_birth.csv
expect_eq cadre_name_and_birth_stored "S3 good" "$(sqlite3 forced.db "SELECT c.code || ' ' || e.rating FROM evaluations e JOIN cadres c ON c.id = e.cadre_id")"
# A name written with its marks names only that name: "Lê Văn Chầm" is not "Lê Văn Chấm" (a board-user trial saw
# a rating land on "Hoàng Văn Khải" for "Hoàng Văn Khai"), the near one offered; "Le Van Cham" without marks matches
# both as before, and an exact name among marked near ones is found (S5 "Lê Văn Châm" beside two "Chấm").
printf 'Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Mã đơn vị\nS5,Lê Văn Châm,Nam,1991,HX\n' > near.csv
expect_exit near_name_added 0 "$CANBO" --db forced.db import cadres near.csv
printf 'Họ và tên,Xếp loại,Năm\nLê Văn Chầm,Hoàn thành tốt nhiệm vụ,2023\n' > ev_marks.csv
expect_exit cadre_name_marks_differ 3 "$CANBO" --db forced.db import evaluations ev_marks.csv
expect_grep cadre_name_marks_differ_msg '^ev_marks\.csv:2:1: không có cán bộ nào có mã hoặc tên "Lê Văn Chầm" \(gần giống: .*S1 \(Lê Văn Chấm' "$T/err"
printf 'Họ và tên,Xếp loại,Năm\nLê Văn Châm,Hoàn thành tốt nhiệm vụ,2023\n' > ev_exact.csv
expect_exit cadre_name_exact_among_near 0 "$CANBO" --db forced.db import evaluations ev_exact.csv
expect_eq cadre_name_exact_stored "S5" "$(sqlite3 forced.db "SELECT c.code FROM evaluations e JOIN cadres c ON c.id = e.cadre_id WHERE e.year = 2023")"
printf 'Họ và tên,Xếp loại,Năm\nLe Van Cham,Hoàn thành tốt nhiệm vụ,2022\n' > ev_plain.csv
expect_exit cadre_name_plain_folds 3 "$CANBO" --db forced.db import evaluations ev_plain.csv
expect_grep cadre_name_plain_folds_msg '^ev_plain\.csv:2:1: có 3 cán bộ tên "Le Van Cham"' "$T/err"
printf 'Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Đơn vị\nS4,Lê Văn Tư,Nam,1990,Hải Xuân Mới\n' > unit_unknown.csv
expect_exit unit_name_unknown 3 "$CANBO" --db forced.db import cadres unit_unknown.csv
expect_grep unit_name_unknown_msg '^unit_unknown\.csv:2:5: không có đơn vị nào có mã hoặc tên "Hải Xuân Mới"' "$T/err"

# Units and titles of a board without codes: codes generated, a parent named by a unit of the same file.
rm -f gen.db; "$CANBO" --db gen.db init >/dev/null
printf 'STT,Tên đơn vị,Cấp,Đơn vị cấp trên\n1,Xã Hải Tiến,Xã,Thành ủy Móng Cái\n2,Thành ủy Móng Cái,Huyện,\n3,Chi bộ thôn 1,Cơ sở,Xã Hải Tiến\n' > gen_units.csv
expect_exit units_generated 0 "$CANBO" --db gen.db import units gen_units.csv
expect_eq units_generated_tree "DV00001 commune DV00002|DV00002 district |DV00003 grassroots DV00001" \
  "$(sqlite3 gen.db "SELECT group_concat(u.code || ' ' || u.level || ' ' || coalesce(p.code, ''), '|') FROM (SELECT * FROM units ORDER BY code) u LEFT JOIN units p ON p.id = u.parent_id")"
printf 'Tên chức danh,Cấp,Nhóm chức danh,Chức năng\nBí thư Đảng ủy xã,Xã,Chủ chốt,Bí thư\n' > gen_titles.csv
expect_exit titles_generated 0 "$CANBO" --db gen.db import titles gen_titles.csv
expect_eq titles_generated_values "CD00001 commune key party_secretary" \
  "$(sqlite3 gen.db "SELECT code || ' ' || level || ' ' || category || ' ' || function FROM titles")"

# 7. Errors in a sheet: LINE = the row Excel shows, COLUMN = the header name.
python3 "$wb/mkxlsx.py" formula formula.xlsx
fresh s.db
expect_exit formula_cached_value 0 "$CANBO" --db s.db import cadres formula.xlsx
expect_eq formula_dates "1980-03-15 1980-03-16" "$(sqlite3 s.db "SELECT group_concat(birth_date, ' ') FROM (SELECT birth_date FROM cadres ORDER BY code) AS sub")"
python3 "$wb/mkxlsx.py" date1904 date1904.xlsx
expect_exit date1904 0 "$CANBO" --db s.db import cadres date1904.xlsx
expect_eq date1904_value "1980-03-15" "$(sqlite3 s.db "SELECT birth_date FROM cadres WHERE code = 'D1'")"
python3 "$wb/mkxlsx.py" inline inline.xlsx
expect_exit inline_title_row 0 "$CANBO" --db s.db import cadres inline.xlsx
expect_eq leap_bug_1900 "1900-03-01" "$(sqlite3 s.db "SELECT birth_date FROM cadres WHERE code = 'I1'")"
expect_exit sheet_error_column 3 "$CANBO" --db s.db import cadres formula.xlsx
expect_grep sheet_error_column_msg '^formula\.xlsx:2:Mã cán bộ: mã "F1" bị trùng \(đã có trong cơ sở dữ liệu\)$' "$T/err"
python3 "$wb/mkxlsx.py" twosheets twosheets.xlsx
expect_exit empty_first_sheet 3 "$CANBO" --db s.db import cadres twosheets.xlsx
expect_grep empty_first_sheet_names 'trang tính "Bìa" không có dữ liệu; tệp có các trang tính "Bìa", "DS": chọn trang có danh sách' "$T/err"
expect_exit empty_first_sheet_pick 0 "$CANBO" --db s.db import cadres twosheets.xlsx --sheet DS
expect_eq empty_first_sheet_read 1 "$(sqlite3 s.db "SELECT count(*) FROM cadres WHERE code = 'T1'")"

# 8. Hostile workbooks: a clear message, exit 3, nothing written, quickly and in bounded memory.
before=$(ncad s.db)
hostile() { # NAME PATTERN
  python3 "$wb/mkxlsx.py" "$1" "$1.xlsx"
  expect_exit "hostile_$1" 3 /usr/bin/time -f '%M' -o "$1.mem" timeout 20 "$CANBO" --db s.db import cadres "$1.xlsx"
  expect_grep "hostile_${1}_msg" "$2" "$T/err"
  expect_eq "hostile_${1}_nothing_written" "$before" "$(ncad s.db)"
  local kb; kb=$(tail -1 "$1.mem")
  if [ "${kb:-999999}" -lt 200000 ]; then ok "hostile_${1}_memory"; else bad "hostile_${1}_memory" "$kb KB"; fi
}
hostile bomb '^bomb\.xlsx:1:1: tệp \.xlsx bất thường: phần "xl/worksheets/sheet1\.xml" .*"bom zip"'
hostile corrupt '^corrupt\.xlsx:1:1: tệp \.xlsx bị hỏng'
hostile encrypted '^encrypted\.xlsx:1:1: tệp Excel được đặt mật khẩu'
hostile widecols '^widecols\.xlsx:1:1: trang tính có dữ liệu ở cột XFD \(cột thứ 16384'
hostile longcell '^longcell\.xlsx:2:Họ và tên: ô dài quá 32\.767 ký tự'
hostile nul '^nul\.xlsx:2:Họ và tên: có ký tự NUL'
hostile badxml '^badxml\.xlsx:1:1: tệp \.xlsx bị hỏng: nội dung XML không hợp lệ'
hostile nosheet '^nosheet\.xlsx:1:1: tệp \.xlsx thiếu phần'
# An .xls found by fuzzing that makes FreeXL 1.0.6 read outside its buffer: FreeXL runs in a child process.
expect_exit xls_freexl_overread 3 "$CANBO" --db s.db import cadres "$wb/freexl_overread.xls"
expect_grep xls_freexl_overread_msg '^.*freexl_overread\.xls:1:1: tệp \.xls bị hỏng' "$T/err"
printf 'not a zip' > fake.xlsx
expect_exit fake_xlsx 3 "$CANBO" --db s.db import cadres fake.xlsx
expect_grep fake_xlsx_msg '^fake\.xlsx:1:1: tệp có đuôi \.xlsx nhưng không phải tệp Excel hợp lệ' "$T/err"
truncate -s 100M big.csv
expect_exit file_100mb 3 /usr/bin/time -f '%M' -o big.mem "$CANBO" --db s.db import cadres big.csv
expect_grep file_100mb_msg '^big\.csv:1:1: tệp quá lớn \(100 MB; tối đa 64 MB\)' "$T/err"
if [ "$(tail -1 big.mem)" -lt 100000 ]; then ok file_100mb_memory; else bad file_100mb_memory "$(tail -1 big.mem) KB"; fi
printf 'code,full_name,gender,birth_date,unit_code\nZ1,Lê\0Văn,M,1980,HX\n' > nul.csv
expect_exit csv_nul 3 "$CANBO" --db s.db import cadres nul.csv
expect_grep csv_nul_msg '^nul\.csv:2:2: có byte NUL' "$T/err"
# A CSV wider than a sheet may be (256 columns): refused at once, as a workbook is, not 40,000 unknown columns.
python3 -c "print('code,full_name,gender,birth_date,unit_code' + ',x' * 40000)" > widecols.csv
expect_exit csv_widecols 3 /usr/bin/time -f '%M' -o widecols.mem timeout 20 "$CANBO" --db s.db import cadres widecols.csv
expect_grep csv_widecols_msg '^widecols\.csv:1:1: dòng 1 có dữ liệu ở cột thứ 40005: canbo chỉ đọc 256 cột đầu' "$T/err"
expect_eq csv_widecols_one_message 2 "$(wc -l < "$T/err")" # the message and the summary
expect_eq csv_widecols_nothing_written "$before" "$(ncad s.db)"

# 9. Templates: every kind's workbook reads back (only its sample codes may be unknown here), with drop-downs.
fresh tpl.db
for k in units titles cadres positions trainings planning evaluations disciplines rotations appointments relatives; do
  expect_exit "template_$k" 0 "$CANBO" export template $k --out "tpl_$k.xlsx"
  "$CANBO" --db tpl.db import $k "tpl_$k.xlsx" --dry-run > /dev/null 2> "tpl_$k.err"
  expect_no_grep "template_${k}_reads_back" 'cột|giá trị không hợp lệ|ngày không hợp lệ|giới tính' "tpl_$k.err"
done
expect_grep template_dropdown '<dataValidation type="list"[^>]*sqref="C2:C10001"><formula1>"Nam,Nữ"' \
  <(unzip -p tpl_cadres.xlsx xl/worksheets/sheet1.xml)
expect_grep template_header_vi '<t>Họ và tên \*</t>|Họ và tên \*' <(unzip -p tpl_cadres.xlsx xl/sharedStrings.xml)
expect_exit template_unknown_kind 2 "$CANBO" export template nothing --out x.xlsx

done_tests

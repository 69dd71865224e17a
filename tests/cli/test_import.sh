#!/usr/bin/env bash
# canbo import: the example files, every error class with its exact
# FILE:LINE:COLUMN prefix, exit 3 and nothing written, duplicates on a second
# import, a messy but valid file, parent-later units, usage and I/O errors.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=$top/tests/cli/fixtures
ex=$top/docs/examples
db=$T/i.db
cd "$T" || exit 1
"$CANBO" --db "$db" init >/dev/null

counts() {
  sqlite3 "$db" "SELECT (SELECT count(*) FROM units)||' '||(SELECT count(*) FROM titles)||' '||
    (SELECT count(*) FROM cadres)||' '||(SELECT count(*) FROM positions)||' '||(SELECT count(*) FROM trainings)||' '||
    (SELECT count(*) FROM audit)"
}

# The examples of docs/IMPORT.md import cleanly, in order.
for k in units titles cadres positions trainings; do
  expect_exit "example_$k" 0 "$CANBO" --db "$db" import $k "$ex/$k.csv"
  expect_grep "example_${k}_says" "^imported [0-9]+ $k\$" "$T/out"
done
expect_eq example_counts "5 5 4 4 4 5" "$(counts)"
expect_eq audit_import_row "import|cadres|$ex/cadres.csv" \
  "$(sqlite3 "$db" "SELECT action||'|'||entity||'|'||entity_key FROM audit WHERE id = 3")"
sha=$(sha256sum "$ex/cadres.csv" | cut -c1-64)
expect_eq audit_import_sha "{\"rows\":4,\"sha256\":\"$sha\"}" "$(sqlite3 "$db" "SELECT after FROM audit WHERE id = 3")"
expect_exit audit_chain_ok 0 "$CANBO" --db "$db" audit verify
# each record's first history row says which file created it
expect_eq import_history_reason "4 1 nhập tệp $ex/cadres.csv" \
  "$(sqlite3 "$db" "SELECT count(*) || ' ' || count(DISTINCT reason) || ' ' || min(reason) FROM record_history
    WHERE entity = 'cadre' AND action = 'create' AND source = 'import'")"

# fails NAME KIND FILE PATTERN: exit 3, the error line matches PATTERN (grep -E), nothing written.
fails() {
  local name=$1 kind=$2 file=$3 pattern=$4 before
  before=$(counts)
  expect_exit "$name" 3 "$CANBO" --db "$db" import "$kind" "$file"
  expect_grep "${name}_message" "$pattern" "$T/err"
  expect_eq "${name}_nothing_written" "$before" "$(counts)"
}
H='code,full_name,gender,birth_date,unit_code'

# bad UTF-8: line 3, column 2
printf '%s\nX01,Lê Văn A,M,1980,HX\nX02,L\xff Văn B,M,1980,HX\n' "$H" > bad_utf8.csv
fails bad_utf8 cadres bad_utf8.csv '^bad_utf8\.csv:3:2: tệp không phải UTF-8 hợp lệ'

# bad dates: an impossible day (partial dates allowed for birth_date), a full date required elsewhere
printf '%s,party_join_date\nX01,Lê Văn A,M,31/02/1980,HX,\nX02,Lê Văn B,M,1980,HX,2001-05\n' "$H" > bad_date.csv
fails bad_date cadres bad_date.csv '^bad_date\.csv:2:4: ngày không hợp lệ "31/02/1980": không có ngày 31/02/1980 \(tháng 2/1980 có 29 ngày\)$'
expect_grep bad_date_full_only '^bad_date\.csv:3:6: ngày không hợp lệ "2001-05" \(cần dạng YYYY-MM-DD hoặc DD/MM/YYYY\)$' "$T/err"

# unknown column: line 1 at its column
printf 'code,full_name,nickname,gender,birth_date,unit_code\nX01,Lê Văn A,Tí,M,1980,HX\n' > unknown_col.csv
fails unknown_column cadres unknown_col.csv '^unknown_col\.csv:1:3: cột không có trong mẫu "nickname"'

# missing required column
printf 'code,full_name,birth_date,unit_code\nX01,Lê Văn A,1980,HX\n' > missing_col.csv
fails missing_column cadres missing_col.csv '^missing_col\.csv:1:1: thiếu cột bắt buộc "Giới tính" \(gender\)$'

# missing required value
printf '%s\nX01,Lê Văn A,M,1980,HX\nX02,,F,1981,HX\n' "$H" > missing_value.csv
fails missing_value cadres missing_value.csv '^missing_value\.csv:3:2: thiếu giá trị bắt buộc của cột "Họ và tên" \(full_name\)$'

# unknown codes: a unit, a parent unit, a title, a cadre
printf '%s\nX01,Lê Văn A,M,1980,NOPE\n' "$H" > unknown_unit.csv
fails unknown_unit cadres unknown_unit.csv '^unknown_unit\.csv:2:5: mã đơn vị "NOPE" không tồn tại$'
printf 'code,name,level,parent_code\nU9,Đơn vị chín,commune,GHOST\n' > unknown_parent.csv
fails unknown_parent units unknown_parent.csv '^unknown_parent\.csv:2:4: mã đơn vị "GHOST" không tồn tại$'
printf 'cadre_code,unit_code,title_code,start_date\nC001,HX,NO_TITLE,2020-01-01\nNOBODY,HX,BT_HX,2020-01-01\n' > unknown_refs.csv
fails unknown_title positions unknown_refs.csv '^unknown_refs\.csv:2:3: mã chức danh "NO_TITLE" không tồn tại$'
expect_grep unknown_cadre '^unknown_refs\.csv:3:1: mã cán bộ "NOBODY" không tồn tại$' "$T/err"

# duplicate codes: twice in the file, and already in the database
printf '%s\nX01,Lê Văn A,M,1980,HX\nX01,Lê Văn B,M,1981,HX\nC001,Lê Văn C,M,1982,HX\n' "$H" > dup.csv
fails duplicate_in_file cadres dup.csv '^dup\.csv:3:1: mã "X01" bị trùng \(đã có ở dòng 2\)$'
expect_grep duplicate_in_db '^dup\.csv:4:1: mã "C001" bị trùng \(đã có trong cơ sở dữ liệu\)$' "$T/err"

# a course marked completed without its end date: refused as the form refuses it
printf 'cadre_code,program,start_date,status\nC001,llct_so_cap,01/03/2024,Hoàn thành\n' > done_no_end.csv
fails completed_without_end trainings done_no_end.csv '^done_no_end\.csv:2:0: khóa học đã hoàn thành cần ngày kết thúc: cột "Ngày kết thúc" \(end_date\)$'

# an end date typed but impossible: its own error only, not also "needs an end date"
printf 'cadre_code,program,start_date,status,end_date\nC001,llct_so_cap,01/03/2019,Hoàn thành,31/02/2020\n' > done_bad_end.csv
fails completed_bad_end trainings done_bad_end.csv '^done_bad_end\.csv:2:5: ngày không hợp lệ "31/02/2020": không có ngày 31/02/2020'
expect_no_grep completed_bad_end_once 'cần ngày kết thúc' "$T/err"

# a code and a name that are two different people: refused on the code, naming whose code it is; a row with the
# name and no code is that cadre (C001 is Nguyễn Văn An, C002 Trần Thị Bình)
printf 'Mã cán bộ,Họ và tên,Chương trình,Ngày bắt đầu,Trạng thái\nC001,Nguyễn Văn Sai,llct_so_cap,01/03/2024,Đang học\n,Tran Thi Binh,llct_so_cap,01/03/2024,Đang học\n' > code_name.csv
fails code_name_differ trainings code_name.csv '^code_name\.csv:2:1: mã cán bộ "C001" là Nguyễn Văn An, không phải "Nguyễn Văn Sai" ghi ở cột họ và tên'
expect_no_grep code_name_named_only ':3:' "$T/err"
printf 'Mã cán bộ,Họ và tên,Chương trình,Ngày bắt đầu,Trạng thái\nC001,nguyen van an,llct_so_cap,01/03/2024,Đang học\n,Tran Thi Binh,llct_so_cap,01/03/2024,Đang học\n' > code_name_ok.csv
expect_exit code_name_agree 0 "$CANBO" --db "$db" import trainings code_name_ok.csv
expect_eq code_name_rows 2 "$(sqlite3 "$db" "SELECT count(*) FROM trainings t JOIN cadres c ON c.id = t.cadre_id WHERE
  c.code IN ('C001', 'C002') AND t.start_date = '2024-03-01' AND t.program = 'llct_so_cap'")"

# bad enum values
printf 'code,name,level\nU8,Đơn vị tám,ward\n' > bad_enum.csv
fails bad_enum units bad_enum.csv '^bad_enum\.csv:2:3: giá trị không hợp lệ "ward" ở cột "Cấp" \(level\), cần một trong: «Trung ương»; «Cấp tỉnh»; «Cấp huyện»; «Cấp xã»; «Cơ sở» \(hoặc mã: central\|province\|district\|commune\|grassroots\)$'
printf '%s\nX01,Lê Văn A,X,1980,HX\n' "$H" > bad_gender.csv
fails bad_gender cadres bad_gender.csv '^bad_gender\.csv:2:3: giới tính không hợp lệ "X" \(cần M, F, Nam hoặc Nữ\)$'

# unterminated quote: reported at the line where it opens
printf '%s\nX01,Lê Văn A,M,1980,HX\nX02,"Lê Văn B,M,1980,HX\nX03,Lê Văn C,M,1980,HX\n' "$H" > unterminated.csv
fails unterminated_quote cadres unterminated.csv '^unterminated\.csv:3:2: dấu ngoặc kép mở ở dòng này không được đóng$'

# several errors: every one is reported, in file order
printf '%s\nX01,,M,1980,HX\nX02,Lê Văn B,Q,1980,HX\nX03,Lê Văn C,M,1980-13,HX\n' "$H" > many.csv
fails many_errors cadres many.csv '^many\.csv:2:2: '
expect_eq many_errors_all "many.csv:2:2 many.csv:3:3 many.csv:4:4" "$(grep -o '^many\.csv:[0-9]*:[0-9]*' "$T/err" | tr '\n' ' ' | sed 's/ $//')"

# an empty header cell
printf "%s,\nX01,Lê Văn A,M,1980,HX,\n" "$H" > empty_head.csv
fails empty_header cadres empty_head.csv "^empty_head\.csv:1:6: tên cột bị trống"

# a row with the wrong number of fields
printf '%s\nX01,Lê Văn A,M,1980,HX,extra\n' "$H" > extra.csv
fails extra_field cadres extra.csv '^extra\.csv:2:6: thừa ô'

# end before start
printf 'cadre_code,unit_code,title_code,start_date,end_date\nC001,HX,BT_HX,2020-01-01,2019-01-01\n' > backwards.csv
fails date_range positions backwards.csv '^backwards\.csv:2:5: ngày 2019-01-01 ở cột "Đến ngày" \(end_date\) sớm hơn ngày 2020-01-01 ở cột "Từ ngày" \(start_date\)$'

# units: a parent defined later in the same file is fine (inserted parent first); a cycle is not
printf 'code,name,level,parent_code\nK2,Chi bộ K2,grassroots,K1\nK1,Đảng bộ K1,commune,HX\n' > later_parent.csv
expect_exit later_parent 0 "$CANBO" --db "$db" import units later_parent.csv
expect_eq later_parent_path "$(sqlite3 "$db" "SELECT path FROM units WHERE code = 'K1'")$(sqlite3 "$db" "SELECT id FROM units WHERE code = 'K2'")/" \
  "$(sqlite3 "$db" "SELECT path FROM units WHERE code = 'K2'")"
printf 'code,name,level,parent_code\nY1,Một,commune,Y2\nY2,Hai,commune,Y1\n' > cycle.csv
fails unit_cycle units cycle.csv '^cycle\.csv:2:4: mã đơn vị cấp trên tạo vòng lặp'

# the same file twice: duplicate-code errors, nothing written
cp "$fx/people.csv" people.csv
expect_exit people_first 0 "$CANBO" --db "$db" import cadres people.csv
expect_grep people_first_count '^imported 6 cadres$' "$T/out"
fails people_again cadres people.csv '^people\.csv:2:1: mã "P01" bị trùng \(đã có trong cơ sở dữ liệu\)$'
expect_eq people_again_every_row 6 "$(grep -c 'đã có trong cơ sở dữ liệu' "$T/err")"
expect_eq multiline_notes "$(printf 'dòng một\ndòng hai')" "$(sqlite3 "$db" "SELECT notes FROM cadres WHERE code = 'P05'")"

# messy but valid: BOM, CRLF, Vietnamese headers, quoted commas, DD/MM/YYYY, Nữ/nam/NỮ/m, NFD text, padding
cp "$fx/messy_cadres.csv" messy.csv
expect_exit messy_ok 0 "$CANBO" --db "$db" import cadres messy.csv
expect_grep messy_count '^imported 5 cadres$' "$T/out"
expect_eq messy_values "Nguyễn Thị Mai|F|1985-03-05|Hải Xuân, Móng Cái|có dấu phẩy, và \"ngoặc\"" \
  "$(sqlite3 "$db" "SELECT full_name||'|'||gender||'|'||birth_date||'|'||hometown||'|'||notes FROM cadres WHERE code = 'M01'")"
expect_eq messy_genders "M F M M" "$(sqlite3 "$db" "SELECT group_concat(gender, ' ') FROM (SELECT gender FROM cadres WHERE code IN ('M02','M03','M04','M05') ORDER BY code) AS sub")"
expect_eq messy_dates "1979-11 1990 1970-12-31" "$(sqlite3 "$db" "SELECT group_concat(birth_date, ' ') FROM (SELECT birth_date FROM cadres WHERE code IN ('M02','M03','M04') ORDER BY code) AS sub")"
expect_eq messy_nfc "Hoàng Văn Long" "$(sqlite3 "$db" "SELECT full_name FROM cadres WHERE code = 'M05'")"
expect_eq messy_nfc_bytes "$(printf 'Ho\xc3\xa0ng' | od -An -tx1)" "$(sqlite3 "$db" "SELECT substr(full_name, 1, 5) FROM cadres WHERE code = 'M05'" | tr -d '\n' | od -An -tx1)"

# A big file into a database holding fewer cadres is loaded in bulk (importer_codes.c wants_bulk: indexes
# dropped and re-created, counters paused and rebuilt, no read per row). Afterwards the same indexes and
# triggers as before, every record in its own unit with its history row, the counters equal a recount.
mkdir -p "$T/big"
python3 "$top/bench/gen_cadres.py" "$T/big" 1200
bdb=$T/big.db
"$CANBO" --db "$bdb" init >/dev/null
"$CANBO" --db "$bdb" import units "$T/big/units.csv" >/dev/null 2>&1
if [ -n "${CANBO_TEST_PG:-}" ]; then
  schema_objects() {
    sqlite3 "$bdb" "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE schemaname = current_schema()
      AND tablename IN ('cadre_records', 'record_history')"
    sqlite3 "$bdb" "SELECT string_agg(t.tgname || ':' || t.tgenabled::text, ' ' ORDER BY t.tgname) FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal"
  }
else
  schema_objects() {
    sqlite3 "$bdb" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')
      AND tbl_name IN ('cadre_records', 'record_history') ORDER BY name) AS o"
  }
fi
objects_before=$(schema_objects)
expect_exit bulk_import 0 "$CANBO" --db "$bdb" import cadres "$T/big/cadres.csv"
expect_grep bulk_import_says '^imported 1200 cadres$' "$T/out"
expect_eq bulk_same_indexes_triggers "$objects_before" "$(schema_objects)"
expect_eq bulk_units "$(tail -n +2 "$T/big/cadres.csv" | cut -d, -f5 | sort | uniq -c | awk '{print $2 " " $1}')" \
  "$(sqlite3 "$bdb" "SELECT u.code || ' ' || count(*) FROM cadres c JOIN units u ON u.id = c.unit_id GROUP BY u.code ORDER BY u.code")"
expect_eq bulk_history 1200 "$(sqlite3 "$bdb" "SELECT count(*) FROM record_history h JOIN cadres c ON c.id = h.cadre_id
  WHERE h.entity = 'cadre' AND h.entity_id = c.id AND h.action = 'create' AND h.new = c.code AND h.source = 'import'
  AND h.reason = 'nhập tệp $T/big/cadres.csv'")"
expect_exit bulk_counters_recount 0 "$CANBO" --db "$bdb" reindex --check
expect_eq bulk_paused_off 0 "$(sqlite3 "$bdb" "SELECT paused FROM counters_state")"
expect_exit bulk_second_file_refused 3 "$CANBO" --db "$bdb" import cadres "$T/big/cadres.csv"
expect_grep bulk_second_file_says 'mã "B000000" bị trùng \(đã có trong cơ sở dữ liệu\)' "$T/err"
# A row the database itself refuses in a bulk load (a unique index this test adds: the rows are streamed, on
# PostgreSQL by one COPY whose error comes at its end) fails the whole file, with the database's reason, and
# leaves nothing: no record, no history row, no audit row.
rdb=$T/refused.db
"$CANBO" --db "$rdb" init >/dev/null
"$CANBO" --db "$rdb" import units "$T/big/units.csv" >/dev/null 2>&1
sqlite3 "$rdb" "CREATE UNIQUE INDEX test_one_per_hometown ON cadre_records(hometown)"
audit_before=$(sqlite3 "$rdb" "SELECT count(*) FROM audit")
expect_exit bulk_refused_by_db 3 "$CANBO" --db "$rdb" import cadres "$T/big/cadres.csv"
if [ -n "${CANBO_TEST_PG:-}" ]; then # one COPY: its error comes at its end, for the file
  refused_says='^[^:]*cadres\.csv:1:1: không ghi được tệp \(lỗi cơ sở dữ liệu: ERROR:  duplicate key value violates unique constraint "test_one_per_hometown"'
else # an INSERT per row: at the row
  refused_says='^[^:]*cadres\.csv:[0-9]+:1: không ghi được dòng này \(lỗi cơ sở dữ liệu: UNIQUE constraint failed: cadre_records\.hometown'
fi
expect_grep bulk_refused_by_db_says "$refused_says" "$T/err"
expect_eq bulk_refused_nothing_written "0 0 $audit_before" \
  "$(sqlite3 "$rdb" "SELECT (SELECT count(*) FROM cadre_records) || ' ' || (SELECT count(*) FROM record_history) || ' ' || (SELECT count(*) FROM audit)")"
# The same with --update, ten of the file's records already there: on PostgreSQL the first of those rows runs a
# statement, which ends the COPY of the rows before it and gets their error -- reported as theirs, not the row's.
udb=$T/refused_update.db
"$CANBO" --db "$udb" init >/dev/null
"$CANBO" --db "$udb" import units "$T/big/units.csv" >/dev/null 2>&1
sed -n '1p;1002,1011p' "$T/big/cadres.csv" > "$T/big/ten.csv"
"$CANBO" --db "$udb" import cadres "$T/big/ten.csv" >/dev/null 2>&1
sqlite3 "$udb" "CREATE UNIQUE INDEX test_one_per_hometown ON cadre_records(hometown) WHERE code > 'B000000' AND code < 'B000100'"
expect_exit bulk_update_refused_by_db 3 "$CANBO" --db "$udb" import cadres --update "$T/big/cadres.csv"
expect_grep bulk_update_refused_by_db_says "$refused_says" "$T/err"
expect_no_grep bulk_update_refused_not_the_update_row ':100[2-9]:\|:101[01]:' "$T/err"
expect_eq bulk_update_refused_nothing_written "10 10" \
  "$(sqlite3 "$udb" "SELECT (SELECT count(*) FROM cadre_records) || ' ' || (SELECT count(*) FROM record_history)")"

# A file without a code column creates a record per row: the same person twice in it, or already in the
# database (the same sheet imported again), is refused with the row, the record and the way out; with a code
# column the board says who is who and the check stays out of the way.
pdb=$T/person.db
"$CANBO" --db "$pdb" init >/dev/null
"$CANBO" --db "$pdb" import units "$ex/units.csv" >/dev/null 2>&1
pu=$(sed -n 2p "$ex/units.csv" | cut -d, -f1)
printf 'Họ và tên,Giới tính,Ngày sinh,Đơn vị\nNguyễn Văn An,Nam,12/03/1975,%s\nTrần Thị Bình,Nữ,1980,%s\nNguyễn Văn Ân,Nam,12/03/1975,%s\nNguyễn Văn An,Nam,12/03/1975,%s\n' \
  "$pu" "$pu" "$pu" "$pu" > same_person.csv
pcount() { sqlite3 "$pdb" "SELECT count(*) FROM cadres"; }
expect_exit same_person_in_file 3 "$CANBO" --db "$pdb" import cadres same_person.csv
expect_grep same_person_in_file_says '^same_person\.csv:5:1: trùng người với dòng 2 \(cùng họ tên «Nguyễn Văn An» và ngày sinh 12/03/1975\)' "$T/err"
expect_no_grep same_person_other_tone ':4:' "$T/err"
expect_eq same_person_in_file_nothing 0 "$(pcount)"
head -4 same_person.csv > people.csv
expect_exit people_first 0 "$CANBO" --db "$pdb" import cadres people.csv
expect_exit people_again 3 "$CANBO" --db "$pdb" import cadres people.csv
expect_grep people_again_says '^people\.csv:2:1: đã có hồ sơ CB000001 «Nguyễn Văn An», sinh 12/03/1975, .*tệp đã nhập rồi' "$T/err"
expect_grep people_again_partial_date '^people\.csv:3:1: đã có hồ sơ CB000002 «Trần Thị Bình», sinh 1980,' "$T/err"
expect_grep people_again_counts '3 lỗi, không có dữ liệu nào được ghi' "$T/err"
expect_eq people_again_nothing 3 "$(pcount)"
printf 'Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Đơn vị\nX0001,Nguyễn Văn An,Nam,12/03/1975,%s\n' "$pu" > with_code.csv
expect_exit same_name_with_code 0 "$CANBO" --db "$pdb" import cadres with_code.csv
expect_eq same_name_with_code_written 4 "$(pcount)"

# A voided record keeps its code: generated codes go past it, and a file naming it is told so (not a raw
# UNIQUE failure). The record is voided the way the profile's void button marks it.
sqlite3 "$pdb" "UPDATE cadre_records SET voided_at = '2026-01-01T00:00:00Z', voided_by = 'admin', void_reason = 'nhập sai'
  WHERE code = 'CB000003'"
printf 'Họ và tên,Giới tính,Ngày sinh,Đơn vị\nLê Thị Cúc,Nữ,1985,%s\n' "$pu" > after_void.csv
expect_exit codeless_after_void 0 "$CANBO" --db "$pdb" import cadres after_void.csv
expect_eq codeless_after_void_code "Lê Thị Cúc" "$(sqlite3 "$pdb" "SELECT full_name FROM cadres WHERE code = 'CB000004'")"
printf 'Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Đơn vị\nCB000003,Lê Văn Đông,Nam,1985,%s\n' "$pu" > voided_code.csv
expect_exit voided_code_refused 3 "$CANBO" --db "$pdb" import cadres voided_code.csv
expect_grep voided_code_says '^voided_code\.csv:2:1: mã "CB000003" là của một hồ sơ đã hủy \(nhập sai\); quản trị viên khôi phục' "$T/err"
expect_no_grep voided_code_no_sqlite 'UNIQUE|cơ sở dữ liệu' "$T/err"

# Excel's «Unicode Text» (UTF-16 with its byte-order mark, tab-separated) is read as the text it is
printf 'Họ và tên\tGiới tính\tNgày sinh\tĐơn vị\r\nLê Văn Mười\tNam\t01/02/1980\t%s\r\n' "$pu" | iconv -f UTF-8 -t UTF-16 > unicode_text.txt
expect_exit utf16_text 0 "$CANBO" --db "$pdb" import cadres unicode_text.txt
expect_grep utf16_text_says 'separator tab' "$T/err"
expect_eq utf16_text_name 1 "$(sqlite3 "$pdb" "SELECT count(*) FROM cadres WHERE full_name = 'Lê Văn Mười'")"

# A cadre's dates are checked as the form checks them: none in the future, a birth from 1900, no Party date
# before the birth (a partial birth counts from its first day).
printf 'Họ và tên,Giới tính,Ngày sinh,Đơn vị,Ngày vào Đảng\nA Một,Nam,01/01/2100,%s,\nA Hai,Nam,1800,%s,\nA Ba,Nam,1990,%s,31/12/1989\nA Bốn,Nam,1990,%s,01/01/2100\nA Năm,Nam,1990,%s,01/01/1990\n' \
  "$pu" "$pu" "$pu" "$pu" "$pu" > life_dates.csv
before=$(pcount)
expect_exit life_dates_refused 3 "$CANBO" --db "$pdb" import cadres life_dates.csv
expect_grep life_dates_future_birth '^life_dates\.csv:2:3: 01/01/2100 là ngày trong tương lai \(hôm nay là [0-9/]+\): cột "Ngày sinh" \(birth_date\)' "$T/err"
expect_grep life_dates_1800 '^life_dates\.csv:3:3: năm sinh 1800 trước năm 1900: cột "Ngày sinh"' "$T/err"
expect_grep life_dates_join_before_birth '^life_dates\.csv:4:5: trước ngày sinh \(1990\): cột "Ngày vào Đảng" \(party_join_date\)' "$T/err"
expect_grep life_dates_future_join '^life_dates\.csv:5:5: 01/01/2100 là ngày trong tương lai' "$T/err"
expect_no_grep life_dates_same_day_ok ':6:' "$T/err"
expect_grep life_dates_four '4 lỗi, không có dữ liệu nào được ghi' "$T/err"
expect_eq life_dates_nothing "$before" "$(pcount)"

# usage and I/O
expect_exit unknown_kind 2 "$CANBO" --db "$db" import widgets x.csv
expect_grep unknown_kind_lists 'units titles cadres positions trainings' "$T/err"
expect_exit missing_args 2 "$CANBO" --db "$db" import cadres
expect_exit unreadable 1 "$CANBO" --db "$db" import cadres "$T/does-not-exist.csv"
expect_grep unreadable_says 'cannot read' "$T/err"
: > empty.csv
fails empty_file cadres empty.csv '^empty\.csv:1:1: tệp rỗng'
expect_exit audit_chain_still_ok 0 "$CANBO" --db "$db" audit verify
done_tests

#!/usr/bin/env bash
# canbo import cadres --update: rows whose code exists correct those records through their history
# (reason "nhập tệp FILE", dated fields from today), new codes create records, the answer counts
# created / updated / unchanged; bad values are FILE:LINE:COLUMN errors and nothing is written;
# without --update an existing code stays an error; --update of another kind is refused.
source "$(dirname "$0")/lib.sh"
t=$T
db="$t/c.db"
printf 'code,name,level,parent_code\nTP,Thành phố,district,\nKL,Phường Ka Long,commune,TP\nHX,Xã Hải Xuân,commune,TP\n' > "$t/u.csv"
printf 'code,full_name,gender,birth_date,unit_code,llct_level,ethnicity\nC1,Nguyễn Văn Một,M,1980-01-01,KL,so_cap,Kinh\nC2,Trần Thị Hai,F,1985,HX,,Kinh\n' > "$t/c.csv"
"$CANBO" --db "$db" import units "$t/u.csv" >/dev/null 2>&1
"$CANBO" --db "$db" import cadres "$t/c.csv" >/dev/null 2>&1
expect_exit created_history 0 sh -c "sqlite3 '$db' \"SELECT count(*) FROM record_history WHERE action='create' AND source='import'\" | grep -qx 2"
# the same file again without --update: an error, nothing written
expect_exit no_update_is_error 3 "$CANBO" --db "$db" import cadres "$t/c.csv"
# --update: C1 changes level and ethnicity, C2 unchanged (empty llct cell changes nothing), C3 new
printf 'code,full_name,gender,birth_date,unit_code,llct_level,ethnicity\nC1,Nguyễn Văn Một,M,1980-01-01,KL,Trung cấp,Tày\nC2,Trần Thị Hai,F,1985,HX,,Kinh\nC3,Lê Văn Ba,M,1990,KL,,\n' > "$t/upd.csv"
out=$("$CANBO" --db "$db" import cadres "$t/upd.csv" --update 2>/dev/null)
expect_eq update_answer "imported 3 cadres: 1 created, 1 updated, 1 unchanged" "$out"
expect_eq level_changed "trung_cap" "$(sqlite3 "$db" "SELECT llct_level FROM cadres WHERE code='C1'")"
expect_eq history_reason "llct_level|so_cap|trung_cap|nhập tệp $t/upd.csv" "$(sqlite3 "$db" "SELECT field, old, new, reason FROM record_history h JOIN cadres c ON c.id=h.cadre_id WHERE c.code='C1' AND field='llct_level'")"
expect_eq history_ethnicity "Kinh|Tày" "$(sqlite3 "$db" "SELECT old, new FROM record_history h JOIN cadres c ON c.id=h.cadre_id WHERE c.code='C1' AND field='ethnicity'")"
expect_eq c2_untouched "1" "$(sqlite3 "$db" "SELECT version FROM cadres WHERE code='C2'")"
expect_eq c3_created "Lê Văn Ba" "$(sqlite3 "$db" "SELECT full_name FROM cadres WHERE code='C3'")"
# a bad value in an update row: FILE:LINE:COLUMN, nothing written
printf 'code,full_name,gender,birth_date,unit_code,llct_level\nC1,Nguyễn Văn Một,M,2099-01-01,KL,Cao cấp\n' > "$t/bad.csv"
err=$("$CANBO" --db "$db" import cadres "$t/bad.csv" --update 2>&1 >/dev/null); rc=$?
expect_eq bad_exit 3 "$rc"
case "$err" in *"bad.csv:2:"*) ok bad_line ;; *) bad bad_line "no bad.csv:2: in: $err" ;; esac
expect_eq bad_nothing "trung_cap" "$(sqlite3 "$db" "SELECT llct_level FROM cadres WHERE code='C1'")"
# --update of units is refused for existing codes
expect_exit update_units_refused 3 "$CANBO" --db "$db" import units "$t/u.csv" --update
# a partial update file (UAT): only the code and the cells to correct; a new code in it needs every required column
printf 'Mã cán bộ,Ngày sinh,Lý luận chính trị\nC1,02/01/1980,Cao cấp\n' > "$t/part.csv"
out=$("$CANBO" --db "$db" import cadres "$t/part.csv" --update 2>&1); rc=$?
expect_eq partial_exit 0 "$rc"
expect_eq partial_values "1980-01-02|cao_cap|Nguyễn Văn Một" "$(sqlite3 "$db" "SELECT birth_date, llct_level, full_name FROM cadres WHERE code='C1'")"
printf 'Mã cán bộ,Ngày sinh\nC1,03/01/1980\nC7,01/01/1990\n' > "$t/part2.csv"
err=$("$CANBO" --db "$db" import cadres "$t/part2.csv" --update 2>&1 >/dev/null); rc=$?
expect_eq partial_new_exit 3 "$rc"
case "$err" in *'part2.csv:3:1: mã "C7" chưa có nên dòng này tạo hồ sơ mới, cần cột "Họ và tên" (full_name) có giá trị'*) ok partial_new_named ;; *) bad partial_new_named "$err" ;; esac
expect_eq partial_nothing "1980-01-02" "$(sqlite3 "$db" "SELECT birth_date FROM cadres WHERE code='C1'")"
# without --update the same partial file lacks the required columns
err=$("$CANBO" --db "$db" import cadres "$t/part.csv" 2>&1 >/dev/null)
case "$err" in *'thiếu cột bắt buộc "Họ và tên" (full_name)'*) ok partial_needs_update ;; *) bad partial_needs_update "$err" ;; esac
# an unknown unit's near names are listed once each (a unit is known by its name with and without "Xã")
printf 'Họ và tên,Giới tính,Ngày sinh,Đơn vị\nLê Văn Tèo,Nam,01/02/1980,Xã Hải Xuân Mới\n' > "$t/near.csv"
err=$("$CANBO" --db "$db" import cadres "$t/near.csv" 2>&1 >/dev/null)
case "$err" in *'(gần giống: HX (Xã Hải Xuân))'*) ok near_once ;; *) bad near_once "$err" ;; esac
expect_exit audit_intact 0 "$CANBO" --db "$db" audit verify
done_tests

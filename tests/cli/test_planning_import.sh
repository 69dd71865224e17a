#!/usr/bin/env bash
# canbo import planning: a good file (adds, a remove, an over-age add whose
# PLAN-4 failure is stored, never refused), every error class with its
# FILE:LINE:COLUMN, exit 3 and nothing written, and the export round trip.
. "$(dirname "$0")/lib.sh"
db=$T/p.db
cd "$T" || exit 1
"$CANBO" --db "$db" init >/dev/null
cat > units.csv <<'CSV'
code,name,level,parent_code
TP,Thành phố Móng Cái,district,
X1,Xã Hải Xuân,commune,TP
CSV
cat > titles.csv <<'CSV'
code,name,level,category,rank
CT_X,Chủ tịch UBND xã,commune,key,50
PCT_X,Phó Chủ tịch UBND xã,commune,leader,40
CSV
cat > cadres.csv <<'CSV'
code,full_name,gender,birth_date,unit_code
C1,Nguyễn Văn An,M,1985-01-01,X1
C2,Trần Thị Bình,F,1986-02-01,X1
C3,Lê Văn Cường,M,1987-03-01,X1
OLD,Vũ Văn Già,M,1962-05-10,X1
CSV
for k in units titles cadres; do "$CANBO" --db "$db" import $k $k.csv >/dev/null || echo "setup $k failed" >&2; done

counts() {
  sqlite3 "$db" "SELECT (SELECT count(*) FROM planning)||' '||(SELECT count(*) FROM findings)||' '||(SELECT count(*) FROM audit)"
}

# A good file: Vietnamese dates and headers mixed, a remove after an add, an over-age add (2019, HD 06 rules).
cat > good.csv <<'CSV'
term,unit_code,title_code,cadre_code,action,date,decision_no,reason
2020-2025,X1,CT_X,C1,add,2020-03-01,QĐ 12-QĐ/ĐU,
2020-2025,X1,CT_X,C2,add,01/03/2020,QĐ 12-QĐ/ĐU,
2020-2025,X1,PCT_X,C3,add,2020-03-01,QĐ 12-QĐ/ĐU,
2020-2025,X1,CT_X,C1,remove,2021-06-30,QĐ 40-QĐ/ĐU,"Chuyển công tác, thôi quy hoạch"
2020-2025,X1,CT_X,OLD,add,2020-03-01,QĐ 12-QĐ/ĐU,Nhập từ sổ cũ
CSV
expect_exit good_import 0 "$CANBO" --db "$db" import planning good.csv
expect_grep good_says '^imported 5 planning$' "$T/out"
expect_eq good_acts 5 "$(sqlite3 "$db" "SELECT count(*) FROM planning")"
expect_eq good_created_by import "$(sqlite3 "$db" "SELECT DISTINCT created_by FROM planning")"
# Findings are stored for every add (4 adds), none for the remove.
expect_eq findings_per_add 4 "$(sqlite3 "$db" "SELECT count(DISTINCT subject_id) FROM findings WHERE subject = 'planning'")"
expect_eq no_findings_for_remove 0 "$(sqlite3 "$db" "SELECT count(*) FROM findings f JOIN planning p ON p.id = f.subject_id WHERE f.subject = 'planning' AND p.action = 'remove'")"
old_plan4=$(sqlite3 "$db" "SELECT f.result||'|'||f.message FROM findings f JOIN planning p ON p.id = f.subject_id JOIN cadres c ON c.id = p.cadre_id WHERE c.code = 'OLD' AND f.rule = 'PLAN-4'")
expect_eq over_age_fails fail "${old_plan4%%|*}"
echo "$old_plan4" > plan4.txt
expect_grep over_age_message 'tháng công tác tính từ 01/01/2020' plan4.txt
expect_eq young_passes pass "$(sqlite3 "$db" "SELECT f.result FROM findings f JOIN planning p ON p.id = f.subject_id JOIN cadres c ON c.id = p.cadre_id WHERE c.code = 'C2' AND f.rule = 'PLAN-4'")"
expect_eq audit_row "import|planning" "$(sqlite3 "$db" "SELECT action||'|'||entity FROM audit ORDER BY id DESC LIMIT 1")"
expect_exit audit_ok 0 "$CANBO" --db "$db" audit verify

# fails NAME FILE PATTERN: exit 3, error matches, nothing written.
fails() {
  local name=$1 file=$2 pattern=$3 before
  before=$(counts)
  expect_exit "$name" 3 "$CANBO" --db "$db" import planning "$file"
  expect_grep "${name}_message" "$pattern" "$T/err"
  expect_eq "${name}_nothing_written" "$before" "$(counts)"
}
H='term,unit_code,title_code,cadre_code,action,date,decision_no,reason'
printf '%s,extra\n2025-2030,X1,CT_X,C3,add,2025-03-01,,,x\n' "$H" > e1.csv
fails unknown_column e1.csv '^e1.csv:1:9: cột không có trong mẫu "extra"'
printf '%s\n2025-2031,X1,CT_X,C3,add,2025-03-01,,\n' "$H" > e2.csv
fails bad_term e2.csv '^e2.csv:2:1: nhiệm kỳ không hợp lệ "2025-2031"'
printf '%s\n2025-2030,X1,CT_X,C3,move,2025-03-01,,\n' "$H" > e3.csv
fails bad_action e3.csv '^e3.csv:2:5: giá trị không hợp lệ "move" ở cột "Thao tác" \(action\), cần một trong: «Bổ sung»; «Đưa ra» \(hoặc mã: add\|remove\)'
printf '%s\n2025-2030,X1,CT_X,C3,add,2025-02-30,,\n' "$H" > e4.csv
fails bad_date e4.csv '^e4.csv:2:6: ngày không hợp lệ "2025-02-30"'
printf '%s\n2025-2030,X1,CT_X,NOPE,add,2025-03-01,,\n2025-2030,ZZ,CT_X,C3,add,2025-03-01,,\n' "$H" > e5.csv
fails unknown_codes e5.csv '^e5.csv:2:4: mã cán bộ "NOPE" không tồn tại'
expect_grep unknown_unit_too '^e5.csv:3:2: mã đơn vị "ZZ" không tồn tại' "$T/err"
printf '%s\n2025-2030,X1,CT_X,,add,2025-03-01,,\n' "$H" > e6.csv
fails missing_value e6.csv '^e6.csv:2:4: thiếu giá trị bắt buộc của cột "Mã cán bộ" \(cadre_code\)'
printf 'term,unit_code,title_code,action,date\n2025-2030,X1,CT_X,add,2025-03-01\n' > e7.csv
fails missing_column e7.csv 'thiếu cột bắt buộc "Mã cán bộ" \(cadre_code\)'
# A remove of someone not in the pool is a data error; an earlier valid row of the same file is not written either.
printf '%s\n2025-2030,X1,CT_X,C3,add,2025-03-01,,\n2025-2030,X1,PCT_X,C2,remove,2025-03-01,,\n' "$H" > e8.csv
fails remove_not_member e8.csv '^e8.csv:3:4: cán bộ "C2" không có trong nguồn quy hoạch 2025-2030 / X1 / PCT_X vào ngày 2025-03-01'
# Removed on 30/06/2021: C1 is no longer there on 01/07/2021.
printf '%s\n2020-2025,X1,CT_X,C1,remove,2021-07-01,,\n' "$H" > e9.csv
fails remove_after_remove e9.csv 'không có trong nguồn quy hoạch 2020-2025 / X1 / CT_X'
printf '%s\n2020-2025,X1,CT_X,C2,add,2022-01-01,,\n' "$H" > e10.csv
fails add_already_member e10.csv '^e10.csv:2:4: cán bộ "C2" đã có trong nguồn quy hoạch 2020-2025 / X1 / CT_X \(bổ sung ngày 2020-03-01\)'

# Export round trip: the same rows in date order, and a re-import into a fresh database rebuilds the pools.
expect_exit export_csv 0 "$CANBO" --db "$db" export planning --out exp.csv
expect_eq export_rows 6 "$(wc -l < exp.csv | tr -d ' ')"
expect_grep export_header "^$H" exp.csv
expect_grep export_remove '^2020-2025,X1,CT_X,C1,remove,2021-06-30,QĐ 40-QĐ/ĐU,"Chuyển công tác, thôi quy hoạch"' exp.csv
db2=$T/p2.db
"$CANBO" --db "$db2" init >/dev/null
for k in units titles cadres; do "$CANBO" --db "$db2" import $k $k.csv >/dev/null; done
expect_exit reimport 0 "$CANBO" --db "$db2" import planning exp.csv
"$CANBO" --db "$db2" export planning --out exp2.csv >/dev/null 2>&1
expect_eq round_trip "$(cat exp.csv)" "$(cat exp2.csv)"
done_tests

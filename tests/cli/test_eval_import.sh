#!/usr/bin/env bash
# canbo import evaluations / disciplines: good files (Vietnamese headers and
# DD/MM/YYYY dates too), the findings stored with them (EVAL-2 once per
# organization and year, EVAL-3 whatever the order of the years, EVAL-4,
# the DISC period), every error class with its FILE:LINE:COLUMN, exit 3 and
# nothing written, and the export round trip.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=$top/tests/http/fixtures
db=$T/e.db
cd "$T" || exit 1
for k in units titles cadres positions trainings; do "$CANBO" --db "$db" import $k "$fx/$k.csv" >/dev/null; done

q() { sqlite3 "$db" "$1"; }
counts() { q "SELECT (SELECT count(*) FROM evaluations)||' '||(SELECT count(*) FROM disciplines)||' '||
  (SELECT count(*) FROM findings)||' '||(SELECT count(*) FROM audit)"; }

# fails NAME KIND FILE PATTERN: exit 3, the error matches PATTERN, nothing written.
fails() {
  local name=$1 kind=$2 file=$3 pattern=$4 before
  before=$(counts)
  expect_exit "$name" 3 "$CANBO" --db "$db" import "$kind" "$file"
  expect_grep "${name}_message" "$pattern" "$T/err"
  expect_eq "${name}_nothing_written" "$before" "$(counts)"
}

# ---- good files ----
cat > ev.csv <<'EOF'
cadre_code,year,rating,score
C003,2024,excellent,
C006,2024,good,
C008,2024,good,
C006,2023,failed,
C006,2022,failed,
C008,2025,good,95
C003,2025,excellent,92
EOF
expect_exit ev_ok 0 "$CANBO" --db "$db" import evaluations ev.csv
expect_eq ev_says "imported 7 evaluations" "$(cat "$T/out")"
expect_eq ev_rows 7 "$(q "SELECT count(*) FROM evaluations")"
expect_eq ev_score_null "" "$(q "SELECT score FROM evaluations e JOIN cadres c ON c.id = e.cadre_id WHERE c.code = 'C003' AND year = 2024")"
expect_eq ev_audit "import|evaluations|ev.csv" "$(q "SELECT action||'|'||entity||'|'||entity_key FROM audit ORDER BY id DESC LIMIT 1")"
# EVAL-2 once per organization and year: KL1 2024 (1 / 2 = 50% fail), KL1 2023 (pass), KL1 2022, KL1 2025 (1 / 1 = 100%).
expect_eq eval2_rows 4 "$(q "SELECT count(*) FROM findings WHERE subject = 'evaluation_org'")"
expect_eq eval2_2024 "fail|Chi bộ khu 1, năm 2024: 1 hoàn thành xuất sắc / 2 hoàn thành tốt = 50% (> 20% số hoàn thành tốt)." \
  "$(q "SELECT result||'|'||message FROM findings WHERE subject = 'evaluation_org' AND act_date = '2024-12-31'")"
# the version of 31/12/2024 (issue 11): QĐ 124 of 04/10/2023, not a decree of 2025
expect_eq eval2_basis "Quy định 124-QĐ/TW ngày 04/10/2023" \
  "$(q "SELECT basis FROM findings WHERE subject = 'evaluation_org' AND act_date = '2024-12-31'")"
# EVAL-3: C006 failed 2022 and 2023 -> both flagged (warn).
expect_eq eval3_flags "2022|warn 2023|warn 2024|pass" "$(q "SELECT group_concat(x, ' ') FROM (SELECT e.year||'|'||f.result AS x
  FROM findings f JOIN evaluations e ON e.id = f.subject_id JOIN cadres c ON c.id = e.cadre_id
  WHERE f.subject = 'evaluation' AND f.rule = 'EVAL-3' AND c.code = 'C006' ORDER BY e.year) AS sub")"
# EVAL-4: 95 points rated good -> fail with the numbers; 92 rated excellent -> pass; 2024 -> n/a (rule from 2025).
expect_eq eval4_mismatch "fail|95 điểm ứng với mức Hoàn thành xuất sắc nhiệm vụ (ngưỡng 90/70/50 điểm), nhưng được xếp Hoàn thành tốt nhiệm vụ." \
  "$(q "SELECT f.result||'|'||f.message FROM findings f JOIN evaluations e ON e.id = f.subject_id JOIN cadres c ON c.id = e.cadre_id
       WHERE f.subject = 'evaluation' AND f.rule = 'EVAL-4' AND c.code = 'C008' AND e.year = 2025")"
expect_eq eval4_results "fail n/a n/a n/a n/a n/a pass" \
  "$(q "SELECT group_concat(result, ' ') FROM (SELECT result FROM findings WHERE rule = 'EVAL-4' ORDER BY result) AS sub")"

cat > di.csv <<'EOF'
Mã cán bộ,Hình thức kỷ luật,Loại kỷ luật,Ngày quyết định,Số quyết định,Lý do
C004,warning,party,15/03/2023,"12-QĐ/UBKT, ngày 15/3","Vi phạm ""quy chế"""
C004,Demotion,STATE,2024-01-10,,
C005,reprimand,state,2020-06-30,,
EOF
expect_exit di_ok 0 "$CANBO" --db "$db" import disciplines di.csv
expect_eq di_says "imported 3 disciplines" "$(cat "$T/out")"
expect_eq di_values "warning|party|2023-03-15|12-QĐ/UBKT, ngày 15/3|Vi phạm \"quy chế\"" \
  "$(q "SELECT form||'|'||authority||'|'||decision_date||'|'||decision_no||'|'||reason FROM disciplines WHERE decision_date = '2023-03-15'")"
expect_eq di_enum_case "demotion|state" "$(q "SELECT form||'|'||authority FROM disciplines WHERE decision_date = '2024-01-10'")"
expect_eq di_findings "DISC-1|warn|Cảnh cáo (Kỷ luật Đảng) ngày 15/03/2023: không quy hoạch, bổ nhiệm, giới thiệu ứng cử trong 30 tháng, đến hết ngày 14/09/2025.
DISC-2|warn|Giáng chức (Kỷ luật hành chính) ngày 10/01/2024: không quy hoạch, bổ nhiệm, giới thiệu ứng cử trong 24 tháng, đến hết ngày 09/01/2026.
DISC-2|n/a|Khiển trách (Kỷ luật hành chính) ngày 30/06/2020: quy định có hiệu lực ngày đó không nêu thời hạn ảnh hưởng cho hình thức này." \
  "$(q "SELECT rule||'|'||result||'|'||message FROM findings WHERE subject = 'discipline' ORDER BY subject_id")"

# ---- export round trip ----
expect_exit ev_export 0 "$CANBO" --db "$db" export evaluations --out ev_out.csv
expect_eq ev_export_head "cadre_code,year,rating,score" "$(head -1 ev_out.csv)"
expect_grep ev_export_row "^C008,2025,good,95$" ev_out.csv
expect_exit di_export 0 "$CANBO" --db "$db" export disciplines --out di_out.csv
expect_eq di_export_rows 4 "$(wc -l < di_out.csv | tr -d ' ')"
"$CANBO" --db "$T/rt.db" init >/dev/null
for k in units titles cadres; do "$CANBO" --db "$T/rt.db" import $k "$fx/$k.csv" >/dev/null; done
expect_exit roundtrip_ev 0 "$CANBO" --db "$T/rt.db" import evaluations ev_out.csv
expect_exit roundtrip_di 0 "$CANBO" --db "$T/rt.db" import disciplines di_out.csv
"$CANBO" --db "$T/rt.db" export evaluations --out ev_rt.csv >/dev/null
expect_eq roundtrip_same "$(cat ev_out.csv)" "$(cat ev_rt.csv)"

# ---- error classes: exit 3, exact position, nothing written ----
printf 'cadre_code,year,rating,score\nC001,2019,good,\nC001,2019,excellent,\n' > dup_file.csv
fails dup_in_file evaluations dup_file.csv '^dup_file.csv:3:2: trùng với dòng 2 \(cùng Mã cán bộ «C001», Năm «2019»\): mỗi bản ghi chỉ được có một dòng trong tệp$'
printf 'cadre_code,year,rating,score\nC011,2018,good,\nC006,2024,good,\n' > dup_db.csv
fails dup_in_db evaluations dup_db.csv '^dup_db.csv:3:2: đánh giá bị trùng: cán bộ "C006" đã có xếp loại năm 2024$'
printf 'cadre_code,year,rating,score\nC001,2019,great,\n' > bad_rating.csv
fails bad_rating evaluations bad_rating.csv '^bad_rating.csv:2:3: giá trị không hợp lệ "great" ở cột "Xếp loại" \(rating\), cần một trong: «Hoàn thành xuất sắc nhiệm vụ»; «Hoàn thành tốt nhiệm vụ»; «Hoàn thành nhiệm vụ»; «Không hoàn thành nhiệm vụ» \(hoặc mã: excellent\|good\|completed\|failed\)$'
printf 'cadre_code,year,rating,score\nC001,1989,good,\nC002,2019,good,101\nC003,20x9,good,\n' > bad_numbers.csv
fails bad_year evaluations bad_numbers.csv '^bad_numbers.csv:2:2: giá trị không hợp lệ "1989" ở cột "Năm" \(year\), cần số nguyên từ 1990 đến 2100$'
expect_grep bad_score '^bad_numbers.csv:3:4: giá trị không hợp lệ "101" ở cột "Điểm" \(score\), cần số nguyên từ 0 đến 100$' "$T/err"
expect_grep bad_year_text '^bad_numbers.csv:4:2: giá trị không hợp lệ "20x9" ở cột "Năm" \(year\)' "$T/err"
printf 'cadre_code,year,rating,score\nC999,2019,good,\n' > unknown.csv
fails unknown_cadre evaluations unknown.csv '^unknown.csv:2:1: mã cán bộ "C999" không tồn tại$'
printf 'cadre_code,year,score\nC001,2019,50\n' > missing_col.csv
fails missing_column evaluations missing_col.csv '^missing_col.csv:1:1: thiếu cột bắt buộc "Xếp loại" \(rating\)$'
printf 'cadre_code,year,rating,grade\nC001,2019,good,A\n' > unknown_col.csv
fails unknown_column evaluations unknown_col.csv '^unknown_col.csv:1:4: cột không có trong mẫu "grade"'
printf 'cadre_code,year,rating,score\nC001,,good,\n' > empty_req.csv
fails empty_required evaluations empty_req.csv '^empty_req.csv:2:2: thiếu giá trị bắt buộc của cột "Năm" \(year\)$'
printf 'cadre_code,form,authority,decision_date\nC001,scolding,party,2020-01-01\nC002,warning,army,2020-01-01\nC003,warning,party,2020-02-30\n' > bad_di.csv
fails bad_form disciplines bad_di.csv '^bad_di.csv:2:2: giá trị không hợp lệ "scolding" ở cột "Hình thức kỷ luật" \(form\), cần một trong: «Khiển trách»; «Cảnh cáo»; «Cách chức»; «Khai trừ»; «Hạ bậc lương»; «Giáng chức»; «Buộc thôi việc» \(hoặc mã: reprimand\|warning\|removal_from_post\|expulsion\|salary_demotion\|demotion\|dismissal_from_service\)$'
expect_grep bad_authority '^bad_di.csv:3:3: giá trị không hợp lệ "army" ở cột "Loại kỷ luật" \(authority\), cần một trong: «Kỷ luật Đảng»; «Kỷ luật hành chính» \(hoặc mã: party\|state\)$' "$T/err"
expect_grep bad_date '^bad_di.csv:4:4: ngày không hợp lệ "2020-02-30"' "$T/err"
expect_eq error_count "canbo: 3 lỗi, không có dữ liệu nào được ghi" "$(tail -1 "$T/err")"
printf 'cadre_code,form,authority,decision_date\nC001,warning,party,"2020-01-01\n' > open_quote.csv
fails unterminated_quote disciplines open_quote.csv '^open_quote.csv:2:'

expect_exit audit_chain 0 "$CANBO" --db "$db" audit verify

done_tests

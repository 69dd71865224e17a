#!/usr/bin/env bash
# canbo import rotations | appointments | relatives: good files (acts
# checked, findings stored, no position created by an imported appointment,
# reverse relation implied), every error class with its FILE:LINE:COLUMN,
# exit 3 and nothing written, and export round trips.
. "$(dirname "$0")/lib.sh"
db=$T/a.db
cd "$T" || exit 1
"$CANBO" --db "$db" init >/dev/null
q() { sqlite3 "$db" "$1"; }
w() { printf '%s\n' "$@" > "$T/$1.csv.tmp"; }

cat > units.csv <<'CSV'
code,name,level,parent_code,locality
MC,Thành phố Móng Cái,district,,Móng Cái
PTC,Phòng Tài chính - Kế hoạch,district,MC,Móng Cái
PKT,Phòng Kinh tế,district,MC,Móng Cái
CSV
cat > titles.csv <<'CSV'
code,name,level,category,rank,function
TP,Trưởng phòng,district,leader,40,head
PP,Phó Trưởng phòng,district,leader,30,deputy_head
KT,Kế toán,district,other,10,accounting
CV,Chuyên viên,district,other,5,other
CSV
cat > cadres.csv <<'CSV'
code,full_name,gender,birth_date,unit_code
H,Nguyễn Văn Hùng,M,1975-04-02,PTC
S,Trần Thị Sen,F,1980-06-01,PTC
X,Vũ Văn Xuân,M,1985-01-01,PKT
OLD,Hoàng Văn Già,M,1962-01-01,PKT
CSV
cat > positions.csv <<'CSV'
cadre_code,unit_code,title_code,start_date
H,PTC,TP,2018-01-01
S,PTC,KT,2019-01-01
X,PKT,CV,2015-01-01
CSV
for k in units titles cadres positions; do "$CANBO" --db "$db" import $k $k.csv >/dev/null || echo "setup $k failed" >&2; done

counts() { q "SELECT (SELECT count(*) FROM rotations)||' '||(SELECT count(*) FROM appointments)||' '||
  (SELECT count(*) FROM relatives)||' '||(SELECT count(*) FROM positions)||' '||(SELECT count(*) FROM findings)"; }

# ---- good files ----
cat > relatives.csv <<'CSV'
cadre_code,relative_code,relation
H,S,spouse
X,H,parent
CSV
expect_exit rel_ok 0 "$CANBO" --db "$db" import relatives relatives.csv
expect_grep rel_ok_says '^imported 2 relatives$' "$T/out"
expect_eq rel_rel1_stored "fail" "$(q "SELECT result FROM findings WHERE subject='relative' AND rule='REL-1' ORDER BY result='fail' DESC LIMIT 1")"
expect_grep rel_rel1_message 'Trần Thị Sen \(S\), vợ' <(q "SELECT message FROM findings WHERE subject='relative' AND result='fail'")

cat > appointments.csv <<'CSV'
cadre_code,kind,unit_code,title_code,decision_date,decision_no,source,term_years
X,appointment,PKT,PP,2020-03-01,15/QĐ-UBND,internal,
OLD,appointment,PKT,TP,01/07/2021,20/QĐ-UBND,external,
X,reappointment,PKT,PP,2025-03-01,,internal,5
CSV
before_pos=$(q "SELECT count(*) FROM positions")
expect_exit appt_ok 0 "$CANBO" --db "$db" import appointments appointments.csv
expect_grep appt_ok_says '^imported 3 appointments$' "$T/out"
expect_eq appt_term_end "2025-02-28" "$(q "SELECT term_end FROM appointments WHERE decision_no='15/QĐ-UBND'")"
expect_eq appt_vn_date "2021-07-01" "$(q "SELECT decision_date FROM appointments WHERE decision_no='20/QĐ-UBND'")"
expect_eq appt_no_position "$before_pos" "$(q "SELECT count(*) FROM positions")"
expect_eq appt_old_fails "fail" "$(q "SELECT result FROM findings f JOIN appointments a ON a.id=f.subject_id
  WHERE f.subject='appointment' AND a.decision_no='20/QĐ-UBND' AND f.rule='APPT-3'")"

cat > rotations.csv <<'CSV'
cadre_code,kind,to_unit_code,date,from_unit_code,from_title_code,to_title_code,decision_no,planned_months
X,rotation,PTC,2022-01-10,PKT,CV,PP,05/QĐ,24
H,transfer,PKT,2023-05-01,PTC,TP,,06/QĐ,
CSV
expect_exit rot_ok 0 "$CANBO" --db "$db" import rotations rotations.csv
expect_grep rot_ok_says '^imported 2 rotations$' "$T/out"
expect_eq rot2_warn "warn" "$(q "SELECT f.result FROM findings f JOIN rotations r ON r.id=f.subject_id
  WHERE f.subject='rotation' AND r.decision_no='05/QĐ' AND f.rule='ROT-2'")"
expect_grep rot2_numbers '24 tháng < 36 tháng' <(q "SELECT message FROM findings WHERE subject='rotation' AND rule='ROT-2'")

# ---- errors: exit 3, exact position, nothing written ----
fails() {
  local name=$1 kind=$2 file=$3 pattern=$4 before
  before=$(counts)
  expect_exit "$name" 3 "$CANBO" --db "$db" import "$kind" "$file"
  expect_grep "${name}_message" "$pattern" "$T/err"
  expect_eq "${name}_nothing_written" "$before" "$(counts)"
}
printf 'cadre_code,relative_code,relation\nS,H,spouse\n' > dup.csv
fails rel_reverse_dup relatives dup.csv '^dup.csv:2:2: S và H đã được ghi là người thân'
printf 'cadre_code,relative_code,relation\nX,X,sibling\n' > self.csv
fails rel_self relatives self.csv '^self.csv:2:2: mã người thân \(relative_code\) trùng mã cán bộ \(cadre_code\)$'
printf 'cadre_code,relative_code,relation\nX,S,cousin\n' > badrel.csv
fails rel_bad_enum relatives badrel.csv '^badrel.csv:2:3: '
printf 'cadre_code,relative_code,relation\nX,NOPE,spouse\n' > unknown.csv
fails rel_unknown relatives unknown.csv '^unknown.csv:2:2: mã cán bộ "NOPE" không tồn tại'
printf 'cadre_code,kind,unit_code,title_code,decision_date\nX,appointment,PKT,PP,2020-02-30\n' > baddate.csv
fails appt_bad_date appointments baddate.csv '^baddate.csv:2:5: '
printf 'cadre_code,kind,unit_code,title_code,decision_date\nX,hiring,PKT,PP,2020-02-03\n' > badkind.csv
fails appt_bad_kind appointments badkind.csv '^badkind.csv:2:2: '
printf 'cadre_code,kind,unit_code,title_code\nX,appointment,PKT,PP\n' > missing.csv
fails appt_missing_col appointments missing.csv '^missing.csv:1:[0-9]+: .*decision_date'
printf 'cadre_code,kind,to_unit_code,date,planned_months\nX,rotation,PTC,2022-01-10,-3\nX,rotation,NOWHERE,2022-01-10,12\n' > badrot.csv
fails rot_bad_rows rotations badrot.csv '^badrot.csv:2:5: '
expect_grep rot_bad_unit '^badrot.csv:3:3: mã đơn vị "NOWHERE" không tồn tại' "$T/err"
printf 'cadre_code,kind,to_unit_code,date,extra\nX,rotation,PTC,2022-01-10,1\n' > extra.csv
fails rot_unknown_column rotations extra.csv '^extra.csv:1:5: '
printf 'cadre_code,kind,to_unit_code,date,from_unit_code\nX,rotation,PTC,2022-01-10,PTC\n' > same.csv
fails rot_same_unit rotations same.csv '^same.csv:2:3: đơn vị đến \(to_unit_code\) trùng đơn vị đi \(from_unit_code\) mà chức danh không đổi'

# ---- export round trips ----
for k in rotations appointments relatives; do
  expect_exit "export_$k" 0 "$CANBO" --db "$db" export $k --out "$T/$k.out.csv"
  head -1 "$T/$k.out.csv" > "$T/h1"; head -1 "$k.csv" > "$T/h2"
  expect_eq "export_${k}_header" "$(cat "$T/h2")" "$(cat "$T/h1")"
done
expect_eq export_rel_rows 3 "$(wc -l < "$T/relatives.out.csv")"
db2=$T/b.db
"$CANBO" --db "$db2" init >/dev/null
for k in units titles cadres positions; do "$CANBO" --db "$db2" import $k $k.csv >/dev/null; done
for k in relatives appointments rotations; do
  expect_exit "reimport_$k" 0 "$CANBO" --db "$db2" import $k "$T/$k.out.csv"
done
expect_eq reimport_same "$(q "SELECT count(*) FROM appointments")/$(q "SELECT group_concat(term_end) FROM appointments")" \
  "$(sqlite3 "$db2" "SELECT count(*) FROM appointments")/$(sqlite3 "$db2" "SELECT group_concat(term_end) FROM appointments")"
expect_exit audit_ok 0 "$CANBO" --db "$db" audit verify
done_tests
[ "$_fail" -eq 0 ]

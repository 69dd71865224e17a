#!/usr/bin/env bash
# canbo check: the CONTRACT §5 JSON (one line, keys in order, every finding
# with rule/result/message/basis), the Vietnamese text form, a finding's
# numbers (PLAN-4 at 59 and 60 months), appointment kinds, and the exit
# codes: 0 whatever the verdict, 2 usage, 3 unknown codes / bad date / term.
. "$(dirname "$0")/lib.sh"

DB="$T/c.db"
cat > "$T/units.csv" <<'EOF'
code,name,level,parent_code,locality
MC,Thành phố Móng Cái,district,,Móng Cái
HX,Xã Hải Xuân,commune,MC,Hải Xuân
EOF
cat > "$T/titles.csv" <<'EOF'
code,name,level,category,rank,function,min_llct,max_age_first
PCT,Phó Chủ tịch UBND xã,commune,key,40,pc_vice_chairman,,
CT,Chủ tịch UBND xã,commune,key,50,pc_chairman,trung_cap,45
EOF
# Men born 11/1967 and 12/1967 retire at 62: 59 and 60 months left on 01/01/2025.
cat > "$T/cadres.csv" <<'EOF'
code,full_name,gender,birth_date,unit_code,hometown,llct_level
OLD,Trần Văn Lão,M,1967-11,HX,Hải Phòng,so_cap
OK60,Lê Văn Đủ,M,1967-12,HX,xã Hải Xuân,trung_cap
YNG,Nguyễn Thị Hoa,F,1990-05-02,HX,Hà Nội,cao_cap
EOF
cat > "$T/positions.csv" <<'EOF'
cadre_code,unit_code,title_code,start_date
YNG,HX,PCT,2021-01-01
EOF
for k in units titles cadres positions; do
  "$CANBO" --db "$DB" import $k "$T/$k.csv" > /dev/null || bad "import_$k" "import failed"
done
c() { "$CANBO" --db "$DB" check "$@"; }

# JSON: one line, §5 keys in order
expect_exit json_exit0_on_fail 0 c OLD --for planning --title CT --unit HX --date 2025-06-01
expect_eq json_one_line 1 "$(wc -l < "$T/out")"
expect_grep json_key_order '^\{"cadre":"OLD","for":"planning","title":"CT","unit":"HX","date":"2025-06-01","verdict":"fail","findings":\[\{"rule":"PLAN-1","result":"pass","message":"' "$T/out"
expect_grep plan4_59 '"rule":"PLAN-4","result":"fail","message":"Còn 59 tháng công tác tính từ 01/01/2025 \(< 60 tháng' "$T/out"
expect_grep std1_warn_for_planning '"rule":"STD-1","result":"warn","message":"Lý luận chính trị: Sơ cấp < yêu cầu Trung cấp' "$T/out"
if python3 - "$T/out" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
assert list(o) == ["cadre", "for", "title", "unit", "date", "verdict", "findings"], list(o)
rules = [f["rule"] for f in o["findings"]]
for r in ["PLAN-1", "PLAN-2", "PLAN-3", "PLAN-4", "PLAN-11", "DISC-1", "DISC-2", "DISC-3", "STD-1"]:
    assert r in rules, r
for f in o["findings"]:
    assert list(f) == ["rule", "result", "message", "basis", "convention"], f
    assert f["result"] in ("pass", "warn", "fail", "n/a")
    # a real text as the basis, or canbo's own convention said as such (issue 11)
    assert f["message"] and (f["basis"] or f["convention"]), f
    assert "canbo" not in f["basis"] and "ví dụ" not in f["basis"], f
res = [f["result"] for f in o["findings"]]
assert o["verdict"] == ("fail" if "fail" in res else "warn" if "warn" in res else "pass")
PY
then ok json_shape; else bad json_shape "see python error above"; fi

expect_exit plan4_60 0 c OK60 --for planning --title CT --unit HX --date 2025-06-01
expect_grep plan4_60_pass '"rule":"PLAN-4","result":"pass","message":"Còn 60 tháng' "$T/out"
expect_exit pass_verdict 0 c YNG --for planning --title CT --unit HX --date 2025-06-01
expect_grep pass_verdict_json '"verdict":"pass"' "$T/out"
expect_exit vn_date_normalized 0 c YNG --for rotation --title CT --unit HX --date 01/06/2025
expect_grep vn_date_iso '"date":"2025-06-01"' "$T/out"
expect_grep rot3_not_local_pass '"rule":"ROT-3","result":"pass"' "$T/out"
expect_exit rot3_local 0 c OK60 --for rotation --title CT --unit HX --date 2020-01-01
expect_grep rot3_local_warn '"rule":"ROT-3","result":"warn"' "$T/out"
expect_grep rot1_120 '"rule":"ROT-1","result":"pass","message":"Còn 10 năm \(120 tháng\)' "$T/out"

# appointment: kinds and sources
expect_exit appt_default 0 c OK60 --for appointment --title CT --unit HX --date 2025-01-02
expect_grep appt3_59 '"rule":"APPT-3","result":"fail","message":"Còn 59 tháng' "$T/out"
expect_grep appt1_not_planned '"rule":"APPT-1","result":"fail"' "$T/out"
expect_exit appt_reappointment 0 c OK60 --for appointment --title CT --unit HX --date 2025-01-02 --kind reappointment --source external
expect_grep appt_reappointment_na '"rule":"APPT-1","result":"n/a".*"rule":"APPT-3","result":"n/a"' "$T/out"
expect_grep appt5_off '"rule":"APPT-5","result":"n/a","message":"Không áp dụng \(tắt\)' "$T/out"
expect_exit planning_term 0 c YNG --for planning --title CT --unit HX --date 2024-06-01 --term 2025-2030
expect_grep planning_term_used 'nhiệm kỳ 2025-2030' "$T/out"

# text form
expect_exit text_exit0 0 c OLD --for planning --title CT --unit HX --date 2025-06-01 --format text
expect_grep text_head '^Kiểm tra điều kiện quy hoạch: Trần Văn Lão \(OLD\) — Chủ tịch UBND xã \(CT\), Xã Hải Xuân \(HX\), ngày 01/06/2025$' "$T/out"
expect_grep text_finding '^\[Không đạt\] PLAN-4$' "$T/out"
expect_grep text_message '^  Còn 59 tháng công tác tính từ 01/01/2025' "$T/out"
expect_grep text_basis '^  Căn cứ: Quy định 50-QĐ/TW' "$T/out"
expect_grep text_verdict '^Kết luận: Không đạt \(fail\)$' "$T/out"

# invalid data: exit 3, nothing on stdout
expect_exit no_cadre 3 c NOPE --for planning --title CT --unit HX --date 2025-06-01
expect_grep no_cadre_msg "^canbo: no cadre 'NOPE'$" "$T/err"
expect_eq no_cadre_stdout 0 "$(wc -c < "$T/out")"
expect_exit no_title 3 c OLD --for planning --title NOPE --unit HX --date 2025-06-01
expect_grep no_title_msg "^canbo: no title 'NOPE'$" "$T/err"
expect_exit no_unit 3 c OLD --for planning --title CT --unit NOPE --date 2025-06-01
expect_grep no_unit_msg "^canbo: no unit 'NOPE'$" "$T/err"
expect_exit bad_date 3 c OLD --for planning --title CT --unit HX --date 2025-02-29
expect_grep bad_date_msg "bad date '2025-02-29'" "$T/err"
expect_exit bad_term 3 c OLD --for planning --title CT --unit HX --date 2025-06-01 --term 2025
expect_exit empty_db_no_cadre 3 "$CANBO" --db "$T/empty.db" check X --for rotation --title CT --unit HX --date 2025-06-01

# usage: exit 2
expect_exit missing_date 2 c OLD --for planning --title CT --unit HX
expect_grep missing_date_usage '^usage: canbo check' "$T/err"
expect_exit missing_for 2 c OLD --title CT --unit HX --date 2025-06-01
expect_exit bad_for 2 c OLD --for promotion --title CT --unit HX --date 2025-06-01
expect_exit bad_format 2 c OLD --for planning --title CT --unit HX --date 2025-06-01 --format csv
expect_exit bad_kind 2 c OLD --for appointment --title CT --unit HX --date 2025-06-01 --kind hire
expect_exit bad_source 2 c OLD --for appointment --title CT --unit HX --date 2025-06-01 --source abroad
expect_exit no_cadre_arg 2 c --for planning --title CT --unit HX --date 2025-06-01
expect_exit two_cadres 2 c OLD YNG --for planning --title CT --unit HX --date 2025-06-01
expect_exit unknown_option 2 c OLD --for planning --title CT --unit HX --date 2025-06-01 --verbose
expect_exit option_without_value 2 c OLD --for planning --title CT --unit HX --date

done_tests
[ "$_fail" -eq 0 ]

#!/usr/bin/env bash
# canbo unit merge|split|list|acts: the issue's reorganization test (three
# communes merged into one on 2025-07-01), refusals that write nothing, the
# scoped user's scope, the moved children's paths, and a split from CSV files.
SUITE=${SUITE:-reorg}
. "$(dirname "$0")/lib.sh"
F=$(cd "$(dirname "$0")/fixtures/reorg" && pwd)
export CANBO_DB=$T/t.db
q() { sqlite3 "$CANBO_DB" "$1"; }
for k in units titles cadres positions planning; do "$CANBO" import $k "$F/$k.csv" > /dev/null || bad "import_$k" "import failed"; done
echo "pw-hauser-1" | "$CANBO" user add hauser --role officer --unit HA --password-stdin > /dev/null

pos_before=$(q "SELECT count(*) FROM positions")
plan_before=$(q "SELECT count(*) FROM planning")
old_positions=$(q "SELECT id, cadre_id, unit_id, title_id, start_date, decision_no, concurrent FROM positions ORDER BY id")
old_planning=$(q "SELECT * FROM planning ORDER BY id")
audit_before=$(q "SELECT count(*) FROM audit")

# --- refusals: clear message, exit 3, nothing written ---
snapshot() { q "SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM positions), (SELECT count(*) FROM planning), (SELECT count(*) FROM reorg_acts), (SELECT count(*) FROM audit), (SELECT group_concat(coalesce(valid_to,'-')) FROM units)"; }
s0=$(snapshot)
expect_exit into_itself 3 "$CANBO" unit merge --into HA --date 2025-07-01 HA HD
expect_grep into_itself_msg 'vào chính nó' "$T/err"
expect_exit unknown_unit 3 "$CANBO" unit merge --into HAM --name "Xã mới" --date 2025-07-01 HA NOPE
expect_grep unknown_unit_msg 'Không tìm thấy đơn vị "NOPE"' "$T/err"
expect_exit before_valid_from 3 "$CANBO" unit merge --into HAM --name "Xã mới" --date 2000-01-01 HA HD
expect_grep before_valid_from_msg 'HA .*chỉ bắt đầu từ 01/01/2000' "$T/err"
expect_exit bad_date 3 "$CANBO" unit merge --into HAM --name "Xã mới" --date 2025-02-30 HA HD
expect_grep bad_date_msg 'Ngày hiệu lực không hợp lệ' "$T/err"
expect_exit existing_code 3 "$CANBO" unit merge --into MC --name "Trùng mã" --date 2025-07-01 HA HD
expect_grep existing_code_msg 'Mã đơn vị MC đã có' "$T/err"
expect_exit target_inside_source 3 "$CANBO" unit merge --into CB_HA1 --date 2025-07-01 HA HD
expect_grep target_inside_source_msg 'nằm trong một đơn vị bị sáp nhập' "$T/err"
expect_exit target_not_yet 3 "$CANBO" unit merge --into VN --date 2025-07-01 HA HD
expect_grep target_not_yet_msg 'VN .*không tồn tại vào ngày hiệu lực 01/07/2025' "$T/err"
expect_exit ended_source 3 "$CANBO" unit merge --into HA --date 2025-07-01 CB_HD_OLD
expect_grep ended_source_msg 'đã kết thúc ngày 31/12/2019' "$T/err"
expect_exit twice 3 "$CANBO" unit merge --into HAM --name X --date 2025-07-01 HA HA
expect_exit usage_no_sources 2 "$CANBO" unit merge --into HAM --date 2025-07-01
expect_exit usage_no_date 2 "$CANBO" unit merge --into HAM HA HD
expect_exit usage_level_without_name 2 "$CANBO" unit merge --into HA --level commune --date 2025-07-01 HD
expect_exit usage_bad_sub 2 "$CANBO" unit frobnicate
expect_eq nothing_written "$s0" "$(snapshot)"

# --- before: the tree and membership on 30/06/2025 ---
"$CANBO" unit list --date 2025-06-30 > "$T/before" 2>&1
for u in HA HD HT; do expect_grep "before_has_$u" "^    $u	.*	2$" "$T/before"; done
expect_no_grep before_no_target '^ *HAM	' "$T/before"

# --- THE merge ---
expect_exit merge 0 "$CANBO" unit merge --into HAM --name "Đảng bộ xã Hải An mới" --level commune --parent MC \
  --locality "Hải An" --date 2025-07-01 --decision 1234-QĐ/TU HA HD HT
expect_grep merge_summary 'merged 3 units into HAM on 2025-07-01: act 1; units ended 3, created 1, child units moved 1; positions moved 6; cadres moved 6; planning entries moved 3; users moved 1' "$T/out"

# a report dated 30/06/2025 still shows the three, with their cadres; 01/07/2025 the merged unit with all of them
"$CANBO" unit list --date 2025-06-30 > "$T/after0630"
# the same lines but valid_to (the sources now end on 30/06/2025)
nov() { cut -f1-4,6 "$1"; }
expect_eq report_0630_unchanged "$(nov "$T/before")" "$(nov "$T/after0630")"
"$CANBO" unit list --date 2025-07-01 > "$T/after0701"
expect_grep report_0701_target '^    HAM	Đảng bộ xã Hải An mới	commune	2025-07-01		6$' "$T/after0701"
for u in HA HD HT; do expect_no_grep "report_0701_no_$u" "^ *$u	" "$T/after0701"; done
expect_grep report_0701_child '^      CB_HA1	' "$T/after0701"
expect_grep report_0630_child_under_HA '^      CB_HA1	' "$T/after0630"
# membership by hand (the rule of round 3) on both dates
member_sql="SELECT u.code, count(*) FROM cadres c JOIN units u ON u.id = coalesce((SELECT p.unit_id FROM positions p WHERE p.cadre_id = c.id AND p.concurrent = 0 AND p.start_date <= '%s' AND (p.end_date IS NULL OR p.end_date >= '%s') ORDER BY p.start_date DESC, p.id DESC LIMIT 1), c.unit_id) GROUP BY u.code ORDER BY u.code"
expect_eq members_0630 "CB_HA1A|1 HA|2 HD|2 HT|2 MC|1" "$(q "$(printf "$member_sql" 2025-06-30 2025-06-30)" | tr '\n' ' ' | sed 's/ $//')"
expect_eq members_0701 "CB_HA1A|1 HAM|6 MC|1" "$(q "$(printf "$member_sql" 2025-07-01 2025-07-01)" | tr '\n' ' ' | sed 's/ $//')"

# no history row lost: positions only grow, every old one still there with its start and decision; planning only added
expect_eq positions_grow "$((pos_before + 6))" "$(q "SELECT count(*) FROM positions")"
expect_eq old_positions_kept "$old_positions" "$(q "SELECT id, cadre_id, unit_id, title_id, start_date, decision_no, concurrent FROM positions WHERE id <= $pos_before ORDER BY id")"
expect_eq ended_on_0630 "1 2 3 5 6 8" "$(q "SELECT id FROM positions WHERE end_date = '2025-06-30' AND id IN (SELECT old_id FROM reorg_moves WHERE kind = 'position') ORDER BY id" | tr '\n' ' ' | sed 's/ $//')"
expect_eq planned_end_carried "2026-05-31" "$(q "SELECT p.end_date FROM positions p JOIN cadres c ON c.id = p.cadre_id WHERE c.code = 'A2' AND p.start_date = '2025-07-01'")"
expect_eq concurrent_moved "1" "$(q "SELECT p.concurrent FROM positions p JOIN cadres c ON c.id = p.cadre_id JOIN units u ON u.id = p.unit_id WHERE c.code = 'A1' AND u.code = 'HAM' AND p.title_id = (SELECT id FROM titles WHERE code = 'UV_XA')")"
expect_eq ended_before_not_moved "2025-06-30|0" "$(q "SELECT p.end_date, (SELECT count(*) FROM positions x WHERE x.cadre_id = p.cadre_id AND x.start_date = '2025-07-01') FROM positions p JOIN cadres c ON c.id = p.cadre_id WHERE c.code = 'T1'")"
expect_eq old_planning_kept "$old_planning" "$(q "SELECT * FROM planning WHERE id <= $plan_before ORDER BY id")"
expect_eq planning_acts "3|3" "$(q "SELECT sum(action = 'remove' AND date = '2025-06-30'), sum(action = 'add' AND date = '2025-07-01') FROM planning WHERE id > $plan_before")"
expect_eq pool_target "A2 BT_XA 2020-2025|A2 BT_XA 2025-2030|D2 CT_XA 2025-2030" "$(q "SELECT c.code || ' ' || t.code || ' ' || p.term FROM planning p JOIN cadres c ON c.id = p.cadre_id JOIN titles t ON t.id = p.title_id JOIN units u ON u.id = p.unit_id WHERE u.code = 'HAM' AND p.action = 'add' ORDER BY 1" | paste -sd'|')"
expect_eq pool_reason "Sáp nhập đơn vị theo quyết định 1234-QĐ/TU" "$(q "SELECT DISTINCT reason FROM planning WHERE id > $plan_before")"
expect_eq old_term_not_carried "0" "$(q "SELECT count(*) FROM planning WHERE term = '2015-2020' AND id > $plan_before")"
expect_eq cadres_moved "A1 A2 D1 D2 T1 T2" "$(q "SELECT group_concat(code, ' ') FROM (SELECT c.code FROM cadres c JOIN units u ON u.id = c.unit_id WHERE u.code = 'HAM' ORDER BY c.code) AS sub")"
expect_eq sources_ended "HA|2000-01-01|2025-06-30 HD||2025-06-30 HT||2025-06-30" "$(q "SELECT code, valid_from, valid_to FROM units WHERE code IN ('HA','HD','HT') ORDER BY code" | paste -sd' ')"
# children: moved with their subtree's paths; the child that ended in 2019 stays under HD
ham=$(q "SELECT path FROM units WHERE code = 'HAM'")
cb=$(q "SELECT id FROM units WHERE code = 'CB_HA1'"); cba=$(q "SELECT id FROM units WHERE code = 'CB_HA1A'")
expect_eq child_path "$ham$cb/" "$(q "SELECT path FROM units WHERE code = 'CB_HA1'")"
expect_eq grandchild_path "$ham$cb/$cba/" "$(q "SELECT path FROM units WHERE code = 'CB_HA1A'")"
expect_eq child_parent "HAM" "$(q "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'CB_HA1'")"
expect_eq ended_child_stays "HD" "$(q "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'CB_HD_OLD'")"
# the scoped user now has the target as scope
expect_eq user_scope "HAM" "$(q "SELECT u.code FROM users us JOIN units u ON u.id = us.unit_id WHERE us.username = 'hauser'")"
# one audit row, with before/after
expect_eq one_audit_row "$((audit_before + 1))" "$(q "SELECT count(*) FROM audit")"
expect_eq audit_row "merge|unit|HAM" "$(q "SELECT action, entity, entity_key FROM audit ORDER BY id DESC LIMIT 1")"
expect_grep audit_json '"sources":\[\{"code":"HA"' <(q "SELECT before FROM audit ORDER BY id DESC LIMIT 1")
# the structure statistics (canbo report structure) dated either side of the merge
# (HAM=7: its 6 cadres and the one of the child unit moved under it)
units_on() { "$CANBO" report structure --unit MC --date "$1" --format json |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(u["code"]+"="+str(u["total"]) for u in d["units"] if u["code"] in ("HA","HD","HT","HAM")))'; }
expect_eq structure_0630_three "HA=2 HD=2 HT=2" "$(units_on 2025-06-30)"
expect_eq structure_0701_merged "HAM=7" "$(units_on 2025-07-01)"
"$CANBO" audit verify > /dev/null 2>&1 && ok audit_chain || bad audit_chain "audit verify failed"
"$CANBO" unit acts > "$T/acts"
expect_grep acts_line '^2025-07-01	merge	1234-QĐ/TU	HA,HD,HT	HAM$' "$T/acts"
# merging again into the ended sources is refused
expect_exit merge_again_ended 3 "$CANBO" unit merge --into HAM --date 2025-08-01 HA
expect_grep merge_again_ended_msg 'đã kết thúc ngày 30/06/2025' "$T/err"

# --- split: HAM into two new communes on 2026-01-01, cadres and the child assigned from CSV ---
cat > "$T/new.csv" <<'CSV'
code,name,level,parent_code,locality
HA2,Xã Hải An 2,commune,MC,Hải An
HD2,Xã Hải Đông 2,commune,,Hải Đông
CSV
printf 'cadre_code,child_unit_code,unit_code\nA1,,HA2\nA2,,HA2\nD1,,HD2\nD2,,HD2\nT1,,HD2\n,CB_HA1,HA2\n' > "$T/assign_missing.csv"
expect_exit split_missing 3 "$CANBO" unit split HAM --date 2026-01-01 --units "$T/new.csv" --assign "$T/assign_missing.csv"
expect_grep split_missing_msg 'Cán bộ T2 của đơn vị HAM chưa được phân công' "$T/err"
printf 'cadre_code,unit_code,x\nA1,HA2,1\n' > "$T/assign_bad.csv"
expect_exit split_bad_column 3 "$CANBO" unit split HAM --date 2026-01-01 --units "$T/new.csv" --assign "$T/assign_bad.csv"
expect_grep split_bad_column_msg 'assign_bad.csv:1:3: unknown column' "$T/err"
cp "$T/assign_missing.csv" "$T/assign.csv"; echo 'T2,,HD2' >> "$T/assign.csv"
expect_exit split 0 "$CANBO" unit split HAM --date 2026-01-01 --units "$T/new.csv" --assign "$T/assign.csv" --decision 99-QĐ/TU
expect_grep split_summary 'split HAM on 2026-01-01: act 2; units ended 1, created 2, child units moved 1; positions moved 6' "$T/out"
expect_eq split_cadres "A1 HA2|A2 HA2|D1 HD2|D2 HD2|T1 HD2|T2 HD2" "$(q "SELECT c.code || ' ' || u.code FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.code IN ('A1','A2','D1','D2','T1','T2') ORDER BY c.code" | paste -sd'|')"
expect_eq split_parent_default "MC MC" "$(q "SELECT group_concat(p.code, ' ') FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code IN ('HA2','HD2')")"
expect_eq split_child "HA2" "$(q "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'CB_HA1'")"
expect_eq split_user_stays "HAM" "$(q "SELECT u.code FROM users us JOIN units u ON u.id = us.unit_id WHERE us.username = 'hauser'")"
"$CANBO" unit list --date 2025-07-01 > "$T/again0701"
# T1 holds no position after 30/06/2025: without a dated position, his unit on a date is cadres.unit_id
# (the membership rule), which the split moved to HD2; everyone with a position keeps the history.
expect_eq split_keeps_0701 "$(nov "$T/after0701" | sed 's/	6$/	5/')" "$(nov "$T/again0701")"
"$CANBO" unit list --date 2025-06-30 > "$T/again0630"
expect_eq split_keeps_0630 "$(nov "$T/before")" "$(nov "$T/again0630")"
expect_exit list_bad_date 3 "$CANBO" unit list --date 30/06/2025
done_tests

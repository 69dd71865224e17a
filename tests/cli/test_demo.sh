#!/usr/bin/env bash
# canbo demo: counts, determinism, refusal of a non-empty database, the shape
# of the data (women share, one Bí thư per commune, one current post per
# cadre, ages), the fixed people, the users and their login lines, exit codes,
# and the cadre-work story (the published 2019 report, later years, due list,
# evaluations, disciplines, the REL-1 pair).
. "$(dirname "$0")/lib.sh"
q() { sqlite3 "$1" "$2"; }

# --- usage errors (exit 2) write nothing ---
u=$T/usage.db
expect_exit usage_zero 2 "$CANBO" --db "$u" demo --cadres 0
expect_exit usage_negative 2 "$CANBO" --db "$u" demo --cadres -5
expect_exit usage_text 2 "$CANBO" --db "$u" demo --cadres abc
expect_exit usage_trailing 2 "$CANBO" --db "$u" demo --cadres 12x
expect_exit usage_missing_value 2 "$CANBO" --db "$u" demo --cadres
expect_exit usage_unknown_option 2 "$CANBO" --db "$u" demo --bogus
expect_exit usage_bad_seed 2 "$CANBO" --db "$u" demo --seed x1
expect_exit usage_positional 2 "$CANBO" --db "$u" demo extra

# --- the default demo ---
db=$T/demo.db
expect_exit default_builds 0 "$CANBO" --db "$db" demo
cp "$T/out" "$T/default.out"
expect_eq default_1500_cadres 1500 "$(q "$db" 'SELECT count(*) FROM cadres')"
expect_grep summary_line '^Đã tạo thành phố mẫu Móng Cái .*1500 cán bộ' "$T/default.out"
expect_eq units_44 44 "$(q "$db" 'SELECT count(*) FROM units')"
expect_eq units_17_communes 17 "$(q "$db" "SELECT count(*) FROM units WHERE level = 'commune'")"
expect_eq unit_root_mc "Đảng bộ thành phố Móng Cái|district|" "$(q "$db" "SELECT name, level, coalesce(CAST(parent_id AS TEXT), '') FROM units WHERE code = 'MC'")"
expect_eq every_unit_locality 0 "$(q "$db" "SELECT count(*) FROM units WHERE locality IS NULL OR locality = '' OR valid_from IS NULL")"
expect_eq hx_locality "Hải Xuân" "$(q "$db" "SELECT locality FROM units WHERE code = 'HX'")"
expect_eq bt_du_standard "trung_cap|trung_cap|45|party_secretary|key" \
  "$(q "$db" "SELECT min_llct, min_degree, max_age_first, function, category FROM titles WHERE code = 'BT_DU'")"
expect_eq cc_tckt_accounting accounting "$(q "$db" "SELECT function FROM titles WHERE code = 'CC_TCKT'")"
# the load drops the people's non-unique indexes and the search trigger and re-creates them at its end
# (domain/cadre.c cadre_index_suspend): the demo's schema is the schema a fresh database gets, text for text
"$CANBO" --db "$T/fresh.db" init > /dev/null
schema() { q "$1" "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') FROM sqlite_master
                   WHERE type IN ('index', 'trigger') ORDER BY type, name"; }
expect_eq demo_schema_is_the_schema "$(schema "$T/fresh.db")" "$(schema "$db")"
expect_grep demo_keeps_positions_title 'positions_title position_records' <(schema "$db")
# the load goes through a rollback journal (each page written once); the database is in WAL mode again after it
[ -z "${CANBO_TEST_PG:-}" ] && expect_eq demo_back_in_wal wal "$(q "$db" 'PRAGMA journal_mode')"
[ -z "${CANBO_TEST_PG:-}" ] && expect_eq demo_no_journal_left "" "$(ls "$db-journal" 2> /dev/null)"

# login lines: exactly three, in the documented shape, parseable with awk
grep -E '^  [a-z.]+ +[A-Za-z0-9]{14,} +(admin|officer|viewer) +([A-Z]+|-)$' "$T/default.out" > "$T/logins"
expect_eq login_lines_3 3 "$(wc -l < "$T/logins")"
expect_grep login_header '^Demo logins \(passwords are shown only once\):$' "$T/default.out"
expect_eq login_admin "admin admin -" "$(awk '$1 == "admin" {print $1, $3, $4}' "$T/logins")"
expect_eq login_officer "canbo officer -" "$(awk '$1 == "canbo" {print $1, $3, $4}' "$T/logins")"
expect_eq login_viewer "xem.haixuan viewer HX" "$(awk '$1 == "xem.haixuan" {print $1, $3, $4}' "$T/logins")"
expect_eq users_in_db "admin|admin||canbo|officer||xem.haixuan|viewer|HX" \
  "$(q "$db" "SELECT group_concat(x, '|') FROM (SELECT us.username || '|' || us.role || '|' || coalesce(un.code, '') AS x
               FROM users us LEFT JOIN units un ON un.id = us.unit_id ORDER BY us.username) AS sub")"
expect_eq passwords_hashed 3 "$(q "$db" "SELECT count(*) FROM users WHERE pw_hash LIKE '\$argon2id\$%'")"
pw=$(awk '$1 == "admin" {print $2}' "$T/logins")
expect_eq password_not_stored 0 "$(q "$db" "SELECT count(*) FROM users WHERE pw_hash LIKE '%$pw%'")"

# audit: one demo row with the counts, users audited, chain intact
expect_eq audit_demo_row 1 "$(q "$db" "SELECT count(*) FROM audit WHERE action = 'demo' AND entity = 'database'")"
expect_grep audit_counts '"cadres":1500' <(q "$db" "SELECT after FROM audit WHERE action = 'demo'")
expect_exit audit_verify 0 "$CANBO" --db "$db" audit verify
expect_eq foreign_keys_hold "" "$(q "$db" 'PRAGMA foreign_key_check')"

# shape of the data
women=$(q "$db" "SELECT round(100.0 * sum(gender = 'F') / count(*)) FROM cadres")
women=${women%.*}
if [ "$women" -ge 28 ] && [ "$women" -le 37 ]; then ok women_share_28_37; else bad women_share_28_37 "women $women%"; fi
key_women=$(q "$db" "SELECT round(100.0 * sum(c.gender = 'F') / count(*)) FROM cadres c WHERE c.id IN
  (SELECT p.cadre_id FROM positions p JOIN titles t ON t.id = p.title_id WHERE t.category = 'key' AND p.end_date IS NULL)")
key_women=${key_women%.*}
if [ "$key_women" -lt "$women" ]; then ok key_women_fewer; else bad key_women_fewer "key $key_women% vs all $women%"; fi
bt_per_commune() {
  q "$1" "SELECT count(*) FROM units u WHERE u.level = 'commune' AND (SELECT count(*) FROM positions p JOIN titles t
          ON t.id = p.title_id WHERE p.unit_id = u.id AND t.code = 'BT_DU' AND p.end_date IS NULL) <> 1"
}
expect_eq one_bi_thu_per_commune 0 "$(bt_per_commune "$db")"
one_current() {
  q "$1" "SELECT count(*) FROM cadres c WHERE (SELECT count(*) FROM positions p WHERE p.cadre_id = c.id
          AND p.end_date IS NULL AND p.concurrent = 0) <> 1"
}
expect_eq one_current_position 0 "$(one_current "$db")"
expect_eq current_post_in_own_unit 0 "$(q "$db" "SELECT count(*) FROM positions p JOIN cadres c ON c.id = p.cadre_id
  WHERE p.end_date IS NULL AND p.concurrent = 0 AND p.unit_id <> c.unit_id")"
past=$(q "$db" "SELECT min(n) || ' ' || max(n) FROM (SELECT c.id, (SELECT count(*) FROM positions p WHERE p.cadre_id = c.id
  AND p.end_date IS NOT NULL) AS n FROM cadres c) AS sub")
expect_eq past_positions_1_to_3 "1 3" "$past"
ages() { # born in [1964-01-01, 2004-01-01]: between 22 and 62 on 2026-01-01
  q "$1" "SELECT count(*) FROM cadres WHERE substr(birth_date || '-01-01', 1, 10) NOT BETWEEN '1964-01-01' AND '2004-01-01'"
}
expect_eq ages_22_to_62 0 "$(ages "$db")"
expect_eq birth_dates_valid 0 "$(q "$db" "SELECT count(*) FROM cadres WHERE NOT (birth_date GLOB '[12][0-9][0-9][0-9]'
  OR date(birth_date) = birth_date)")"
expect_eq dates_not_after_as_of 0 "$(q "$db" "SELECT (SELECT count(*) FROM positions WHERE start_date > '2025-06-30'
  OR end_date > '2025-06-30' OR end_date < start_date) + (SELECT count(*) FROM trainings WHERE start_date > '2025-06-30'
  OR end_date > '2025-06-30' OR end_date < start_date)")"
expect_eq party_official_after_join 0 "$(q "$db" "SELECT count(*) FROM cadres WHERE party_official_date <= party_join_date
  OR (party_official_date IS NOT NULL AND party_join_date IS NULL)")"
expect_eq trainings_valid 0 "$(q "$db" "SELECT count(*) FROM trainings WHERE program NOT IN ('llct_cao_cap','llct_trung_cap',
  'llct_so_cap','qlnn_cvcc','qlnn_cvc','qlnn_cv','leadership_skills','overseas_165','degree','other')")"
expect_eq llct_levels_have_course 0 "$(q "$db" "SELECT count(*) FROM cadres c WHERE c.llct_level IN ('trung_cap','cao_cap')
  AND NOT EXISTS (SELECT 1 FROM trainings t WHERE t.cadre_id = c.id AND t.status = 'completed'
  AND t.program = CASE c.llct_level WHEN 'trung_cap' THEN 'llct_trung_cap' ELSE 'llct_cao_cap' END)")"
most_kinh=$(q "$db" "SELECT sum(ethnicity = 'Kinh') * 100 / count(*) FROM cadres")
if [ "$most_kinh" -ge 80 ] && [ "$most_kinh" -lt 100 ]; then ok ethnicity_mostly_kinh; else bad ethnicity_mostly_kinh "$most_kinh%"; fi
nguyen=$(q "$db" "SELECT sum(family_name = 'Nguyễn') * 100 / count(*) FROM cadres")
if [ "$nguyen" -ge 30 ] && [ "$nguyen" -le 45 ]; then ok nguyen_share; else bad nguyen_share "$nguyen%"; fi
expect_eq decision_numbers 0 "$(q "$db" "SELECT count(*) FROM positions WHERE decision_no IS NULL OR NOT
  (decision_no GLOB '[0-9]*-QĐ/TU' OR decision_no GLOB '[0-9]*/QĐ-UBND' OR decision_no GLOB '[0-9]*/NQ-HĐND')")"

# the fixed people
expect_eq long_profile "M|1979-03-14|KL|CT_UBND_XA" "$(q "$db" "SELECT c.gender, c.birth_date, u.code, t.code FROM cadres c
  JOIN units u ON u.id = c.unit_id JOIN positions p ON p.cadre_id = c.id AND p.end_date IS NULL AND p.concurrent = 0
  JOIN titles t ON t.id = p.title_id WHERE c.full_name = 'Hoàng Hải Long'")"
expect_eq long_trainings 7 "$(q "$db" "SELECT count(*) FROM trainings t JOIN cadres c ON c.id = t.cadre_id WHERE c.full_name = 'Hoàng Hải Long'")"
expect_eq long_is_a_ward 1 "$(q "$db" "SELECT count(*) FROM units WHERE code = 'KL' AND name LIKE 'Phường %'")"
expect_eq dat_once "HX" "$(q "$db" "SELECT u.code FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.full_name = 'Đặng Văn Đạt'")"
hx() { q "$1" "SELECT count(*) FROM cadres c JOIN units u ON u.id = c.unit_id WHERE u.code = 'HX'"; }
n_hx=$(hx "$db")
if [ "$n_hx" -ge 20 ]; then ok hx_at_least_20; else bad hx_at_least_20 "$n_hx"; fi
if command -v python3 >/dev/null; then
  q "$db" "SELECT full_name, hometown, birthplace, major, notes FROM cadres; SELECT name FROM units; SELECT name FROM titles;
           SELECT name, institution FROM trainings" > "$T/texts"
  expect_eq texts_nfc ok "$(python3 -c 'import sys, unicodedata
t = open(sys.argv[1], encoding="utf-8").read()
print("ok" if unicodedata.is_normalized("NFC", t) else "not NFC")' "$T/texts")"
fi

# --- the cadre-work story: the published 2019 report, later years, the records behind it ---
want='{"unit":"MC","year":2019,"planning":{"committee":{"added":2,"removed":4},"key":{"added":4,"removed":10}},"training":{"llct_cao_cap":15,"llct_trung_cap":3,"llct_so_cap":0,"qlnn_cvcc":0,"qlnn_cvc":0,"qlnn_cv":9,"leadership_skills":84,"overseas_165":2,"degree":0,"other":0},"rotations":20,"appointments":17}'
expect_eq story_2019_published "$want" "$("$CANBO" --db "$db" report annual --unit MC --year 2019)"
hx_total=$("$CANBO" --db "$db" report annual --unit HX --year 2019 --format csv | awk -F, 'NR > 1 {s += $3} END {print s}')
if [ "$hx_total" -lt 169 ]; then ok story_commune_smaller; else bad story_commune_smaller "HX $hx_total vs MC 169"; fi
expect_eq story_key_removed_twice 1 "$(q "$db" "SELECT count(*) > count(DISTINCT p.cadre_id) FROM planning p JOIN titles t
  ON t.id = p.title_id WHERE t.category = 'key' AND p.action = 'remove' AND p.date LIKE '2019-%'")"
for y in 2020 2021 2022 2023 2024; do
  n=$("$CANBO" --db "$db" report annual --unit MC --year $y --format csv | awk -F, '$1 == "rotations" || $1 == "appointments" {s += $3} END {print s}')
  if [ "$n" -ge 15 ] && [ "$n" -le 60 ]; then ok "story_${y}_plausible"; else bad "story_${y}_plausible" "$n"; fi
done
expect_eq story_terms "2015-2020 2020-2025 2025-2030" "$(q "$db" "SELECT group_concat(term, ' ') FROM (SELECT DISTINCT term FROM planning ORDER BY term) AS sub")"
expect_eq story_dates_not_after_as_of 0 "$(q "$db" "SELECT (SELECT count(*) FROM planning WHERE date > '2025-06-30')
  + (SELECT count(*) FROM rotations WHERE date > '2025-06-30') + (SELECT count(*) FROM appointments WHERE decision_date > '2025-06-30')
  + (SELECT count(*) FROM disciplines WHERE decision_date > '2025-06-30')")"
due=$(q "$db" "SELECT count(*) FROM appointments WHERE kind IN ('appointment','reappointment','promotion')
  AND term_end BETWEEN '2025-06-30' AND '2025-09-28'")
if [ "$due" -ge 2 ]; then ok story_due_within_90_days; else bad story_due_within_90_days "$due"; fi
expect_eq story_due_later 1 "$(q "$db" "SELECT count(*) > 10 FROM appointments WHERE term_end > '2025-09-28'")"
expect_eq story_every_cadre_evaluated 0 "$(q "$db" "SELECT count(*) FROM cadres c WHERE NOT EXISTS
  (SELECT 1 FROM evaluations e WHERE e.cadre_id = c.id AND e.year = 2024)")"
good=$(q "$db" "SELECT sum(rating = 'good') * 100 / count(*) FROM evaluations")
if [ "$good" -ge 70 ]; then ok story_mostly_good; else bad story_mostly_good "$good%"; fi
expect_eq story_eval2_quota 0 "$(q "$db" "SELECT count(*) FROM (SELECT c.unit_id, e.year, sum(e.rating = 'excellent') AS x,
  sum(e.rating = 'good') AS g FROM evaluations e JOIN cadres c ON c.id = e.cadre_id GROUP BY 1, 2) AS sub WHERE x * 100 > g * 20")"
expect_eq story_eval3_one_case 1 "$(q "$db" "SELECT count(DISTINCT a.cadre_id) FROM evaluations a JOIN evaluations b
  ON b.cadre_id = a.cadre_id AND b.year = a.year + 1 WHERE a.rating = 'failed' AND b.rating = 'failed'")"
expect_eq story_reprimand_2024 1 "$(q "$db" "SELECT count(*) FROM disciplines WHERE form = 'reprimand' AND authority = 'party'
  AND decision_date LIKE '2024-%'")"
expect_eq story_reprimand_left_pool 1 "$(q "$db" "SELECT count(*) FROM planning p JOIN disciplines d ON d.cadre_id = p.cadre_id
  AND d.form = 'reprimand' AND d.authority = 'party' WHERE p.action = 'remove' AND p.date > d.decision_date AND p.date LIKE '2024-%'")"
expect_eq story_warning 1 "$(q "$db" "SELECT count(*) FROM disciplines WHERE form = 'warning'")"
expect_eq story_rel1_pair "spouse|CT_UBND_XA|CC_TCKT|1" "$(q "$db" "SELECT r.relation, ta.code, tb.code, CASE WHEN a.unit_id = b.unit_id THEN 1 ELSE 0 END
  FROM relatives r JOIN cadres a ON a.id = r.cadre_id JOIN cadres b ON b.id = r.relative_id
  JOIN positions pa ON pa.cadre_id = a.id AND pa.end_date IS NULL AND pa.concurrent = 0 JOIN titles ta ON ta.id = pa.title_id
  JOIN positions pb ON pb.cadre_id = b.id AND pb.end_date IS NULL AND pb.concurrent = 0 JOIN titles tb ON tb.id = pb.title_id
  WHERE tb.function = 'accounting'")"
n_rel=$(q "$db" "SELECT count(*) FROM relatives")
if [ "$n_rel" -ge 3 ] && [ "$n_rel" -le 10 ]; then ok story_few_relatives; else bad story_few_relatives "$n_rel"; fi
expect_eq story_fixed_people_clean 0 "$(q "$db" "SELECT count(*) FROM cadres c WHERE c.full_name IN ('Hoàng Hải Long', 'Đặng Văn Đạt')
  AND (EXISTS (SELECT 1 FROM relatives r WHERE c.id IN (r.cadre_id, r.relative_id)) OR EXISTS (SELECT 1 FROM disciplines d WHERE d.cadre_id = c.id))")"
expect_eq story_foreign_keys "" "$(q "$db" 'PRAGMA foreign_key_check')"

# --- a second run refuses and changes nothing ---
before=$(q "$db" "SELECT (SELECT count(*) FROM cadres), (SELECT count(*) FROM positions), (SELECT count(*) FROM audit),
  (SELECT group_concat(pw_hash) FROM users)")
expect_exit second_run_refused 1 "$CANBO" --db "$db" demo --cadres 200
expect_grep refusal_message 'đã có dữ liệu' "$T/err"
expect_no_grep refusal_no_logins 'Demo logins' "$T/out"
expect_eq second_run_changes_nothing "$before" "$(q "$db" "SELECT (SELECT count(*) FROM cadres), (SELECT count(*) FROM positions),
  (SELECT count(*) FROM audit), (SELECT group_concat(pw_hash) FROM users)")"
# a database holding only a user is not empty either
only_user=$T/user.db
echo password1 | "$CANBO" --db "$only_user" user add alice --role admin --password-stdin > /dev/null
expect_exit refuses_db_with_user 1 "$CANBO" --db "$only_user" demo --cadres 100
expect_eq nothing_written_with_user "0 1" "$(q "$only_user" "SELECT (SELECT count(*) FROM units) || ' ' || (SELECT count(*) FROM users)")"

# --- determinism: same seed same data; other seed other data; N as asked ---
dump() { q "$1" "SELECT code, full_name, birth_date FROM cadres ORDER BY code;
                 SELECT c.code, u.code, t.code, p.start_date, p.end_date, p.decision_no FROM positions p
                   JOIN cadres c ON c.id = p.cadre_id JOIN units u ON u.id = p.unit_id JOIN titles t ON t.id = p.title_id
                   ORDER BY c.code, p.start_date, t.code;
                 SELECT c.code, t.program, t.start_date, t.status FROM trainings t JOIN cadres c ON c.id = t.cadre_id
                   ORDER BY c.code, t.start_date, t.program;
                 SELECT term, unit_id, title_id, cadre_id, action, date, decision_no FROM planning ORDER BY id;
                 SELECT cadre_id, kind, from_unit_id, to_unit_id, date, decision_no FROM rotations ORDER BY id;
                 SELECT cadre_id, kind, unit_id, title_id, decision_date, term_end FROM appointments ORDER BY id;
                 SELECT cadre_id, year, rating FROM evaluations ORDER BY id;
                 SELECT * FROM disciplines ORDER BY id; SELECT * FROM relatives ORDER BY id"; }
"$CANBO" --db "$T/s7a.db" demo --cadres 300 --seed 7 > "$T/s7a.out"
"$CANBO" --db "$T/s7b.db" demo --cadres 300 --seed 7 > "$T/s7b.out"
"$CANBO" --db "$T/s8.db" demo --cadres 300 --seed 8 > /dev/null
expect_eq n_300 300 "$(q "$T/s7a.db" 'SELECT count(*) FROM cadres')"
if cmp -s <(dump "$T/s7a.db") <(dump "$T/s7b.db"); then ok same_seed_same_data; else bad same_seed_same_data "dumps differ"; fi
if cmp -s <(dump "$T/s7a.db") <(dump "$T/s8.db"); then bad other_seed_other_data "dumps equal"; else ok other_seed_other_data; fi
if cmp -s <(grep '^  ' "$T/s7a.out") <(grep '^  ' "$T/s7b.out"); then bad passwords_random "same passwords"; else ok passwords_random; fi
expect_eq default_seed_is_1 "$(dump "$db" | head -c 2000 | md5sum)" "$(
  "$CANBO" --db "$T/s1.db" demo --seed 1 > /dev/null && dump "$T/s1.db" | head -c 2000 | md5sum)"

# --- the smallest supported city still has the fixed people, HX >= 20, one Bí thư per commune ---
small=$T/small.db
expect_exit small_builds 0 "$CANBO" --db "$small" demo --cadres 100 --seed 3
expect_eq small_100 100 "$(q "$small" 'SELECT count(*) FROM cadres')"
expect_eq small_fixed_people 2 "$(q "$small" "SELECT count(*) FROM cadres WHERE full_name IN ('Hoàng Hải Long', 'Đặng Văn Đạt')")"
n_hx=$(hx "$small")
if [ "$n_hx" -ge 20 ]; then ok small_hx_at_least_20; else bad small_hx_at_least_20 "$n_hx"; fi
expect_eq small_one_bi_thu_per_commune 0 "$(bt_per_commune "$small")"
expect_eq small_one_current_position 0 "$(one_current "$small")"
expect_eq small_ages 0 "$(ages "$small")"
expect_exit small_audit_verify 0 "$CANBO" --db "$small" audit verify
expect_exit small_story_report 0 "$CANBO" --db "$small" report annual --unit MC --year 2019
expect_eq small_story_scaled_down 1 "$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(int(d["training"]["leadership_skills"] < 84 and d["rotations"] < 20 and d["appointments"] < 17))' "$T/out")"
done_tests

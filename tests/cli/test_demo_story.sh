#!/usr/bin/env bash
# canbo demo: the story agrees with the records (issue 7). On the default demo,
# checked with SQL over the database:
#   1. acts and posts agree: a rotation/transfer/appointment/promotion starts
#      the main post it names that day (and moves the cadre's unit from that
#      day, with history rows of the act), the post left is the one the act
#      names, decisions without a move concern a post held that day, every
#      cadre's current post is not older than their last moving act; every
#      post, rotation and decision pairs a title with a unit of its level (no
#      "Phó Trưởng phòng, phường Trà Cổ"; no exception is needed: concurrent
#      committee seats are held in the committee's own unit);
#   2. removals from a pool give a reason that fits the person: "for age" only
#      with fewer than 60 months of service left at the start of the term
#      (PLAN-4, counted conservatively), "moved" only after a move, "elected
#      or appointed" only when holding such a post, a discipline only after one;
#   3. nobody is put back into a pool within 30 days of leaving it; a re-add
#      comes at least a review later and says why; every add carries the
#      findings of the planning rules and no failed one without an override;
#   4. completed LLCT/QLNN courses of the story raise the level from their end
#      date through the act (history source act:training:ID); the demo writes
#      no history rows of its own for the initial records.
. "$(dirname "$0")/lib.sh"
q() { sqlite3 "$1" "$2"; }

main_unit_on() { # SQL: the unit of cadre $1's main post on date $2
  echo "(SELECT x.unit_id FROM positions x WHERE x.cadre_id = $1 AND x.concurrent = 0 AND x.start_date <= $2
    AND (x.end_date IS NULL OR x.end_date >= $2) ORDER BY x.start_date DESC LIMIT 1)"
}

# story_checks DB TAG MIN_MOVES MIN_RAISED: every check on one demo database, names prefixed with TAG;
# the story scales with the city (min(N, 1000) / 1000), so do the least numbers of moves and raised levels.
story_checks() {
  local db=$1 p=$2 min_moves=$3 min_raised=$4

  # --- 1. acts and posts agree ---
  expect_eq "${p}rotation_starts_its_post" 0 "$(q "$db" "SELECT count(*) FROM rotations r WHERE r.kind IN ('rotation','transfer')
    AND r.to_title_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.cadre_id = r.cadre_id AND p.concurrent = 0
    AND p.unit_id = r.to_unit_id AND p.title_id = r.to_title_id AND p.start_date = r.date)")"
  expect_eq "${p}rotation_names_a_title" 0 "$(q "$db" "SELECT count(*) FROM rotations WHERE kind IN ('rotation','transfer')
    AND (to_title_id IS NULL OR from_title_id IS NULL OR from_unit_id IS NULL)")"
  expect_eq "${p}rotation_leaves_the_post_it_names" 0 "$(q "$db" "SELECT count(*) FROM rotations r WHERE r.kind IN ('rotation','transfer')
    AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.cadre_id = r.cadre_id AND p.concurrent = 0 AND p.unit_id = r.from_unit_id
    AND p.title_id = r.from_title_id AND p.start_date < r.date AND p.end_date BETWEEN date(r.date, '-1 day') AND r.date)")"
  expect_eq "${p}rotation_changes_unit" 0 "$(q "$db" "SELECT count(*) FROM rotations WHERE kind IN ('rotation','transfer')
    AND from_unit_id = to_unit_id")"
  expect_eq "${p}rotation_is_city_commune" 0 "$(q "$db" "SELECT count(*) FROM rotations r JOIN units f ON f.id = r.from_unit_id
    JOIN units t ON t.id = r.to_unit_id WHERE r.kind = 'rotation' AND f.level = t.level")"
  expect_eq "${p}rotation_moves_unit_from_its_day" 0 "$(q "$db" "SELECT count(*) FROM rotations r WHERE r.kind IN ('rotation','transfer')
    AND NOT EXISTS (SELECT 1 FROM cadre_values v WHERE v.cadre_id = r.cadre_id AND v.field = 'unit_id'
    AND v.valid_from = r.date AND v.value = CAST(r.to_unit_id AS TEXT))")"
  expect_eq "${p}rotation_has_history" 0 "$(q "$db" "SELECT count(*) FROM rotations r WHERE r.kind IN ('rotation','transfer')
    AND NOT EXISTS (SELECT 1 FROM record_history h WHERE h.source = 'act:rotation:' || r.id AND h.entity = 'position')")"
  expect_eq "${p}secondment_moves_nobody" 0 "$(q "$db" "SELECT count(*) FROM rotations r WHERE r.kind IN ('secondment','reinforcement')
    AND (EXISTS (SELECT 1 FROM positions p WHERE p.cadre_id = r.cadre_id AND p.start_date = r.date)
    OR NOT EXISTS (SELECT 1 FROM positions p WHERE p.cadre_id = r.cadre_id AND p.concurrent = 0 AND p.unit_id = r.from_unit_id
    AND p.title_id = r.from_title_id AND p.start_date <= r.date AND (p.end_date IS NULL OR p.end_date >= r.date)))")"
  expect_eq "${p}appointment_starts_its_post" 0 "$(q "$db" "SELECT count(*) FROM appointments a WHERE a.kind IN ('appointment','promotion')
    AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.cadre_id = a.cadre_id AND p.concurrent = 0 AND p.unit_id = a.unit_id
    AND p.title_id = a.title_id AND p.start_date = a.decision_date)")"
  expect_eq "${p}decision_on_a_post_held" 0 "$(q "$db" "SELECT count(*) FROM appointments a WHERE a.kind IN ('reappointment','nomination',
    'extension') AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.cadre_id = a.cadre_id AND p.concurrent = 0
    AND p.unit_id = a.unit_id AND p.title_id = a.title_id AND p.start_date <= a.decision_date
    AND (p.end_date IS NULL OR p.end_date >= a.decision_date))")"
  expect_eq "${p}dismissal_ends_the_post" 0 "$(q "$db" "SELECT count(*) FROM appointments a WHERE a.kind = 'dismissal'
    AND (EXISTS (SELECT 1 FROM positions p WHERE p.cadre_id = a.cadre_id AND p.unit_id = a.unit_id AND p.title_id = a.title_id
    AND p.start_date <= a.decision_date AND (p.end_date IS NULL OR p.end_date >= a.decision_date))
    OR NOT EXISTS (SELECT 1 FROM positions p WHERE p.cadre_id = a.cadre_id AND p.unit_id = a.unit_id AND p.title_id = a.title_id
    AND p.end_date = date(a.decision_date, '-1 day')))")"
  expect_eq "${p}current_post_not_older_than_last_move" 0 "$(q "$db" "SELECT count(*) FROM cadres c JOIN positions p ON p.cadre_id = c.id
    AND p.concurrent = 0 AND p.end_date IS NULL WHERE p.start_date < (SELECT max(d) FROM (
    SELECT r.date AS d FROM rotations r WHERE r.cadre_id = c.id AND r.kind IN ('rotation','transfer')
    UNION ALL SELECT a.decision_date FROM appointments a WHERE a.cadre_id = c.id AND a.kind IN ('appointment','promotion')) AS moves)")"
  expect_eq "${p}unit_follows_current_post" 0 "$(q "$db" "SELECT count(*) FROM positions p JOIN cadres c ON c.id = p.cadre_id
    WHERE p.end_date IS NULL AND p.concurrent = 0 AND p.unit_id <> c.unit_id")"
  expect_eq "${p}post_title_fits_unit_level" 0 "$(q "$db" "SELECT count(*) FROM positions p JOIN titles t ON t.id = p.title_id
    JOIN units u ON u.id = p.unit_id WHERE t.level <> u.level")"
  expect_eq "${p}rotation_titles_fit_units" 0 "$(q "$db" "SELECT count(*) FROM rotations r LEFT JOIN titles ft ON ft.id = r.from_title_id
    LEFT JOIN units fu ON fu.id = r.from_unit_id LEFT JOIN titles tt ON tt.id = r.to_title_id JOIN units tu ON tu.id = r.to_unit_id
    WHERE ft.level <> fu.level OR tt.level <> tu.level")"
  expect_eq "${p}decision_titles_fit_units" 0 "$(q "$db" "SELECT count(*) FROM appointments a JOIN titles t ON t.id = a.title_id
    JOIN units u ON u.id = a.unit_id WHERE t.level <> u.level")"
  n_moves=$(q "$db" "SELECT (SELECT count(*) FROM rotations WHERE kind IN ('rotation','transfer'))
    + (SELECT count(*) FROM appointments WHERE kind IN ('appointment','promotion'))")
  if [ "$n_moves" -ge "$min_moves" ]; then ok "${p}story_has_moves"; else bad "${p}story_has_moves" "$n_moves"; fi

  # --- 2. removal reasons fit the person ---
  # Months left at the start of the term, counted from the earliest retirement any
  # rule gives (60 years for men, 55 for women, born on 1 January when only the
  # year is known): a cadre with >= 60 of them is young enough under PLAN-4.
  expect_eq "${p}no_young_removed_for_age" 0 "$(q "$db" "SELECT count(*) FROM planning p JOIN cadres c ON c.id = p.cadre_id
    WHERE p.action = 'remove' AND p.reason LIKE '%tuổi%' AND
    ((CAST(substr(c.birth_date, 1, 4) AS INTEGER) + CASE c.gender WHEN 'F' THEN 55 ELSE 60 END) * 12
     + CAST(coalesce(nullif(substr(c.birth_date, 6, 2), ''), '01') AS INTEGER) - 1)
    - (CAST(substr(p.term, 1, 4) AS INTEGER) * 12) >= 60")"
  expect_eq "${p}moved_only_after_a_move" 0 "$(q "$db" "SELECT count(*) FROM planning p WHERE p.action = 'remove'
    AND p.reason LIKE 'Chuyển công tác%' AND $(main_unit_on p.cadre_id p.date) = $(main_unit_on p.cadre_id "(SELECT max(a.date)
    FROM planning a WHERE a.action = 'add' AND a.cadre_id = p.cadre_id AND a.term = p.term AND a.unit_id = p.unit_id
    AND a.title_id = p.title_id AND a.date <= p.date)")")"
  expect_eq "${p}elected_only_when_holding_the_rank" 0 "$(q "$db" "SELECT count(*) FROM planning p JOIN titles pt ON pt.id = p.title_id
    WHERE p.action = 'remove' AND p.reason LIKE 'Đã được bầu%' AND NOT EXISTS (SELECT 1 FROM positions x JOIN titles t
    ON t.id = x.title_id WHERE x.cadre_id = p.cadre_id AND x.start_date <= p.date AND (x.end_date IS NULL OR x.end_date >= p.date)
    AND t.rank >= pt.rank)")"
  expect_eq "${p}discipline_only_after_one" 0 "$(q "$db" "SELECT count(*) FROM planning p WHERE p.action = 'remove'
    AND p.reason LIKE '%kỷ luật%' AND NOT EXISTS (SELECT 1 FROM disciplines d WHERE d.cadre_id = p.cadre_id
    AND d.decision_date <= p.date)")"
  expect_eq "${p}every_remove_has_a_reason" 0 "$(q "$db" "SELECT count(*) FROM planning WHERE action = 'remove' AND coalesce(reason, '') = ''")"
  expect_eq "${p}commune_pool_members_work_there" 0 "$(q "$db" "SELECT count(*) FROM planning p JOIN units u ON u.id = p.unit_id
    WHERE p.action = 'add' AND u.level = 'commune' AND coalesce($(main_unit_on p.cadre_id p.date), 0) <> p.unit_id")"

  # --- 3. no re-add the day after; the rules of planning_add on every add ---
  expect_eq "${p}no_readd_within_30_days" 0 "$(q "$db" "SELECT count(*) FROM planning a JOIN planning r ON r.cadre_id = a.cadre_id
    AND r.term = a.term AND r.unit_id = a.unit_id AND r.title_id = a.title_id AND r.action = 'remove'
    WHERE a.action = 'add' AND a.date >= r.date AND julianday(a.date) - julianday(r.date) <= 30")"
  expect_eq "${p}readd_a_review_later_with_reason" 0 "$(q "$db" "SELECT count(*) FROM planning a JOIN planning r ON r.cadre_id = a.cadre_id
    AND r.term = a.term AND r.unit_id = a.unit_id AND r.title_id = a.title_id AND r.action = 'remove' AND r.id < a.id
    WHERE a.action = 'add' AND (julianday(a.date) - julianday(r.date) < 300 OR coalesce(a.reason, '') = '')")"
  expect_eq "${p}every_add_has_findings" 0 "$(q "$db" "SELECT count(*) FROM planning p WHERE p.action = 'add' AND NOT EXISTS
    (SELECT 1 FROM findings f WHERE f.subject = 'planning' AND f.subject_id = p.id)")"
  expect_eq "${p}no_failed_add_without_override" 0 "$(q "$db" "SELECT count(*) FROM planning p WHERE p.action = 'add'
    AND coalesce(p.override, '') = '' AND EXISTS (SELECT 1 FROM findings f WHERE f.subject = 'planning' AND f.subject_id = p.id
    AND f.result = 'fail')")"

  # --- 4. courses raise levels through the act; no history rows of the demo's own ---
  expect_eq "${p}story_courses_raise_levels" 0 "$(q "$db" "SELECT count(*) FROM trainings t WHERE t.status = 'completed'
    AND t.start_date LIKE '2019-%' AND t.program IN ('llct_cao_cap','llct_trung_cap','qlnn_cv') AND NOT EXISTS (
    SELECT 1 FROM record_history h WHERE h.source = 'act:training:' || t.id AND h.cadre_id = t.cadre_id
    AND h.effective_date = t.end_date AND h.field IN ('llct_level','qlnn_level'))")"
  raised=$(q "$db" "SELECT count(*) FROM record_history WHERE source LIKE 'act:training:%'")
  if [ "$raised" -ge "$min_raised" ]; then ok "${p}story_levels_raised"; else bad "${p}story_levels_raised" "$raised"; fi
  expect_eq "${p}levels_hold_from_course_end" 0 "$(q "$db" "SELECT count(*) FROM record_history h JOIN trainings t
    ON h.source = 'act:training:' || t.id WHERE NOT EXISTS (SELECT 1 FROM cadre_values v WHERE v.cadre_id = t.cadre_id
    AND v.field = h.field AND v.valid_from = t.end_date AND v.value = h.new)")"
  expect_eq "${p}only_acts_write_history" 0 "$(q "$db" "SELECT count(*) FROM record_history WHERE source NOT LIKE 'act:%'")"
  expect_exit "${p}audit_intact" 0 "$CANBO" --db "$db" audit verify
}

db=$T/demo.db
expect_exit demo_builds 0 "$CANBO" --db "$db" demo
story_checks "$db" "" 150 20
# the demo of the HTTP and browser tests, and the smallest city
expect_exit demo_300_builds 0 "$CANBO" --db "$T/s7.db" demo --cadres 300 --seed 7
story_checks "$T/s7.db" "s7_300:" 40 5
expect_exit demo_100_builds 0 "$CANBO" --db "$T/s3.db" demo --cadres 100 --seed 3
story_checks "$T/s3.db" "s3_100:" 10 1
done_tests

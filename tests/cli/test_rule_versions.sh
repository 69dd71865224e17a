#!/usr/bin/env bash
# The shipped rule versions (schema 0020) on a fresh database: docs/RULES.md
# lists every one with its dates, basis and confidence, exactly; the versions
# of one rule never overlap and leave no gap from their first day on; every
# basis names texts only (no "canbo", no "ví dụ"), and a U version says what
# is unknown. An older database (migrated from 0018) gets the same versions.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
db=$T/r.db
expect_exit init 0 "$CANBO" --db "$db" init
q() { sqlite3 -separator $'\t' "$db" "$1"; }

q "SELECT rule, effective_from, ifnull(effective_to,''), basis, confidence FROM rule_versions" | sort > "$T/db.txt"
python3 - "$here/docs/RULES.md" > "$T/doc.txt" <<'PY'
import sys
rows, on = [], False
for line in open(sys.argv[1], encoding='utf-8'):
    if line.startswith('## Versions by date'): on = True
    if not on or not line.startswith('| ') or line.startswith('| rule') : continue
    c = [x.strip() for x in line.strip().strip('|').split('|')]
    if len(c) < 5 or c[0].startswith('---'): continue
    iso = lambda d: '' if d == 'nay' else '-'.join(reversed(d.split('/')))
    basis = '' if c[3].startswith('— (a local rule') else c[3]
    rows.append('\t'.join([c[0], iso(c[1]), iso(c[2]), basis, c[4]]))
print('\n'.join(sorted(rows)))
PY
if diff "$T/db.txt" "$T/doc.txt" > "$T/diff" 2>&1; then ok docs_list_every_version; else bad docs_list_every_version "$(head -20 "$T/diff")"; fi
expect_eq versions_counted "$(wc -l < "$T/db.txt")" "$(wc -l < "$T/doc.txt")"

# no overlap, no gap: each version but the first starts the day after the previous one ends
gaps=$(q "SELECT a.rule || ' ' || a.effective_from FROM rule_versions a WHERE a.effective_to IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM rule_versions b WHERE b.rule = a.rule AND b.effective_from = date(a.effective_to, '+1 day'))
  AND a.rule NOT LIKE 'CONG-%' AND a.rule <> 'DISC-2' OR (a.rule = 'DISC-2' AND a.effective_to IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM rule_versions b WHERE b.rule = a.rule AND b.effective_from = date(a.effective_to, '+1 day')))")
expect_eq no_gaps "" "$gaps"
overlaps=$(q "SELECT a.rule FROM rule_versions a JOIN rule_versions b ON a.rule = b.rule AND a.id < b.id
  WHERE a.effective_from <= ifnull(b.effective_to, '9999') AND b.effective_from <= ifnull(a.effective_to, '9999')
  AND a.rule NOT LIKE 'CONG-%'")
expect_eq no_overlaps "" "$overlaps"
expect_eq no_design_basis 0 "$(q "SELECT count(*) FROM rule_versions WHERE basis LIKE '%canbo%' OR basis LIKE '%ví dụ%'")"
expect_eq u_versions_say_why 0 "$(q "SELECT count(*) FROM rule_versions WHERE confidence = 'U' AND ifnull(note, '') = ''")"
# the texts of each date (a sample): QĐ 105 in 2019, QĐ 80 in 2023, QĐ 377 in 2026
at() { q "SELECT basis FROM rule_versions WHERE rule = '$1' AND effective_from <= '$2' AND ifnull(effective_to, '9999') >= '$2'"; }
expect_grep appt3_2019 '105-QĐ/TW' <(at APPT-3 2019-06-15)
expect_grep appt3_2023 '80-QĐ/TW' <(at APPT-3 2023-06-15)
expect_grep appt3_2026 '377-QĐ/TW' <(at APPT-3 2026-03-01)
expect_grep plan1_2019 '06-HD/BTCTW' <(at PLAN-1 2019-06-15)
expect_grep plan1_2026 '377-QĐ/TW' <(at PLAN-1 2026-03-01)

# (SQLite only: the history of its migrations. A PostgreSQL database starts from its own schema files.)
if [ -z "${CANBO_TEST_PG:-}" ]; then
# An older database (schema 18, before these versions) migrates to the same versions; an administrator's
# edited parameters of a seeded row stay, and the versions before and after copy them.
old=$T/old.db
sqlite3 "$old" "CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
for f in "$here"/src/schema/*.sql; do
  n=$(basename "$f" | sed 's/^0*\([0-9]*\)_.*/\1/')
  [ "$n" -ge 20 ] && continue
  sqlite3 "$old" < "$f" && sqlite3 "$old" "INSERT INTO schema_migrations VALUES($n, '$(basename "$f")', '2026-01-01T00:00:00Z')"
done
sqlite3 "$old" "UPDATE rule_versions SET params = '{\"min_years\":3}' WHERE rule = 'APPT-2'"
expect_exit migrate_old 0 "$CANBO" --db "$old" init
expect_eq migrated_same_versions "$(q "SELECT count(*) FROM rule_versions")" "$(sqlite3 "$old" "SELECT count(*) FROM rule_versions")"
expect_eq migrated_kept_params '{"min_years":3}' "$(sqlite3 "$old" "SELECT params FROM rule_versions WHERE rule = 'APPT-2' AND effective_from = '2022-08-18'")"
expect_eq migrated_copies '{"min_years":3}' "$(sqlite3 "$old" "SELECT params FROM rule_versions WHERE rule = 'APPT-2' AND effective_from = '2017-12-19'")"
expect_eq migrated_basis 'Quy định 80-QĐ/TW ngày 18/8/2022, Điều 18 khoản 3' "$(sqlite3 "$old" "SELECT basis FROM rule_versions WHERE rule = 'APPT-2' AND effective_from = '2022-08-18'")"
fi
done_tests

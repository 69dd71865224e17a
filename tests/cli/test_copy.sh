#!/usr/bin/env bash
# canbo copy (issue 13): a board's SQLite file into PostgreSQL and back. What a board reads is the same on
# all three databases -- every export byte for byte, the search, the 2019 annual report, the structure
# statistics, the retirement forecast -- the audit chains verify, and a copy into a database that already
# holds data is refused with nothing written. Starts its own throwaway PostgreSQL 15 cluster.
SUITE=${SUITE:-copy}
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
unset CANBO_TEST_PG # this suite names its databases itself
out=$(bash "$top/scripts/pg-tmp.sh") || { bad cluster "$out"; done_tests; exit 1; }
url=$(sed -n 's/^URL=//p' <<<"$out"); stop=$(sed -n 's/^STOP=//p' <<<"$out")
trap 'bash $stop' EXIT
pg="$url&options=-csearch_path%3Dcopy1%2Cpublic"
psql "$url" -Xqc "CREATE SCHEMA copy1"

src=$T/src.db back=$T/back.db
"$CANBO" --db "$src" demo > /dev/null 2>&1 || { bad demo "canbo demo failed"; done_tests; exit 1; }
expect_exit to_pg 0 "$CANBO" copy --from "$src" --to "$pg"
expect_grep to_pg_says '^copied [0-9]+ rows of [0-9]+ tables from .* \(sqlite\) to .* \(postgresql\); every table equal, audit chain intact$' "$T/out"
expect_exit back_to_sqlite 0 "$CANBO" copy --from "$pg" --to "$back"
expect_exit audit_pg 0 "$CANBO" --db "$pg" audit verify
expect_exit audit_back 0 "$CANBO" --db "$back" audit verify

# the same answers from the three databases
same() { # NAME ARGS...: canbo ARGS on each database, outputs equal
  local name=$1; shift
  "$CANBO" --db "$src" "$@" > "$T/a" 2>&1; "$CANBO" --db "$pg" "$@" > "$T/b" 2>&1; "$CANBO" --db "$back" "$@" > "$T/c" 2>&1
  if [ -s "$T/a" ] && cmp -s "$T/a" "$T/b" && cmp -s "$T/a" "$T/c"; then ok "$name"
  else bad "$name" "$(diff "$T/a" "$T/b" | head -5) $(diff "$T/a" "$T/c" | head -5) $(head -c 300 "$T/a")"; fi
}
for k in units titles cadres positions trainings planning rotations appointments evaluations relatives disciplines; do
  same "export_$k" export "$k" --format csv
done
same export_cadres_json export cadres --format json
same report_annual_2019 report annual --unit MC --year 2019 --format json
same report_structure report structure --unit MC --date 2024-12-31 --format csv
same report_retirements report retirements --unit MC --date 2026-01-01 --months 24 --format csv
same check_c1 check "$(sqlite3 "$src" "SELECT code FROM cadres ORDER BY code LIMIT 1")" --for planning --title BT --unit MC --date 2025-06-30 --format json

# refused: a target that holds data; the same database twice; an empty target (an unset shell variable)
before=$(psql "$url" -XAtc "SELECT count(*) FROM copy1.audit")
expect_exit into_full_target 3 "$CANBO" copy --from "$src" --to "$pg"
expect_grep into_full_target_says 'already holds data' "$T/err"
expect_eq into_full_target_unchanged "$before" "$(psql "$url" -XAtc "SELECT count(*) FROM copy1.audit")"
expect_exit same_twice 2 "$CANBO" copy --from "$src" --to "$src"
expect_exit empty_target 2 "$CANBO" copy --from "$src" --to ""
expect_grep empty_target_says 'to is empty' "$T/err"
done_tests
[ "$_fail" -eq 0 ]

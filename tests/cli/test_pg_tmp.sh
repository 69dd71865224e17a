#!/usr/bin/env bash
# scripts/pg-tmp.sh (issue 13 step 1): two clusters started in parallel get their own folders,
# answer on their Unix sockets only, have fsync off, and "stop DIR" leaves no server and no folder.
SUITE=${SUITE:-pg_tmp}
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
bash "$top/scripts/pg-tmp.sh" > "$T/a" 2> "$T/a.err" & pa=$!
bash "$top/scripts/pg-tmp.sh" > "$T/b" 2> "$T/b.err" & pb=$!
wait $pa; ra=$?; wait $pb; rb=$?
expect_eq start-a 0 "$ra"; expect_eq start-b 0 "$rb"
ua=$(sed -n 's/^URL=//p' "$T/a"); ub=$(sed -n 's/^URL=//p' "$T/b")
da=$(sed -n 's/^STOP=.* stop //p' "$T/a"); db=$(sed -n 's/^STOP=.* stop //p' "$T/b")
expect_grep url-form '^URL=postgresql:///canbo\?host=/tmp/canbo-pg\.' "$T/a"
[ -n "$da" ] && [ "$da" != "$db" ] && ok separate-folders || bad separate-folders "'$da' vs '$db'"
expect_eq answers-a 1 "$(psql "$ua" -Atc 'select 1' 2>&1)"
expect_eq answers-b 1 "$(psql "$ub" -Atc 'select 1' 2>&1)"
expect_eq no-tcp "" "$(psql "$ua" -Atc 'show listen_addresses' 2>&1)"
expect_eq fsync-off off "$(psql "$ua" -Atc 'show fsync' 2>&1)"
expect_eq version-15 15 "$(psql "$ua" -Atc 'show server_version_num' 2>&1 | cut -c1-2)"
bash "$top/scripts/pg-tmp.sh" stop "$da"; bash "$top/scripts/pg-tmp.sh" stop "$db"
[ ! -e "$da" ] && [ ! -e "$db" ] && ok folders-removed || bad folders-removed "$da $db still there"
if pgrep -f "postgres -D $da/data" >/dev/null || pgrep -f "postgres -D $db/data" >/dev/null; then
  bad nothing-running "a server still runs"; else ok nothing-running; fi
expect_exit stop-refuses-other 2 bash "$top/scripts/pg-tmp.sh" stop /tmp
done_tests
[ "$_fail" -eq 0 ]

#!/usr/bin/env bash
# make check: every suite once per engine (the jobs below), then one
# summary line "N passed, M failed". Each suite appends "pass|fail NAME" lines
# to $RESULTS; this script counts them. The counting rules (scripts/check_lib.sh)
# turn a test program or script that exits non-zero or prints no result into a
# failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export RESULTS=$(mktemp)
export CANBO_TOP=$top
log() { printf '\n== %s (at %d s)\n' "$*" "$SECONDS"; }
. "$top/scripts/check_lib.sh"

# The work is a list of jobs taken by two workers, one per core, each next job from the head of the list
# (scripts/check_lib.sh run_queue): the long jobs first, then many short ones, so the two cores end together
# whatever the machine. Each suite runs once per engine:
#   SQLite: every CLI and HTTP suite on the sanitizer build (ASan + UBSan), but the few whose point is not
#     memory and that take minutes there (SLOW_UNDER_ASAN): those on the normal build; the unit tests on both
#     builds; the browser tests, the format check and a few seconds of each fuzzer;
#   PostgreSQL: the unit tests, the CLI and HTTP suites (the lists below) on the normal build, so the shipped
#     build runs every suite on one engine or the other.
# Each job prints into its own log, shown whole, in list order, when all are done.
SLOW_UNDER_ASAN=" test_kill9.sh test_backup.sh test_demo.sh test_hostile.sh scope_routes.test.mjs retiring_window.test.mjs "
# kill -9 and backup: durability; demo: sizes; hostile: the fuzzers and tests/http/hostile.test.mjs cover hostile
# input under the sanitizer; scope_routes asks every GET route as three viewers (empty.test.mjs walks every route
# under the sanitizer); retiring_window asks `canbo rules retirement` 360 times as its oracle.
slow_under_asan() { case "$SLOW_UNDER_ASAN" in *" $(basename "$1") "*) return 0 ;; esac; return 1; }
job_unit() { run_ctest "$1" "$1"; }
job_format() { run_step "format-check" python3 scripts/format_check.py; }
job_fuzz() { FUZZ_QUICK=1 JOBS=1 run_step "fuzz" bash scripts/fuzz.sh "${CHECK_FUZZ_SECONDS:-4}"; }
job_cli() { run_script "cli[$1]:$(basename "$2" .sh)" "$top/$1/canbo" "$2"; }
job_http() { local b=$1; shift; run_node "http[$b]" "$top/$b/canbo" "$@"; }
job_e2e() { run_node "e2e" "$top/build/canbo" tests/e2e/*.test.mjs; }
job_list() {
  local f
  echo "job_e2e"
  echo "with_pg cli pg_cli"
  for f in tests/http/*.test.mjs; do slow_under_asan "$f" && echo "job_http build $f"; done
  for f in tests/cli/test_*.sh; do slow_under_asan "$f" && echo "job_cli build $f"; done
  echo "job_fuzz"
  echo "with_pg http pg_http"
  echo "with_pg unit pg_unit"
  echo "job_unit build-asan"
  for f in tests/cli/test_*.sh; do slow_under_asan "$f" || echo "job_cli build-asan $f"; done
  for f in tests/http/*.test.mjs; do slow_under_asan "$f" || echo "job_http build-asan $f"; done
  echo "job_unit build"
  echo "job_format"
}
# The PostgreSQL runs (issue 13): the unit tests, the CLI suites and the HTTP suites again on the
# normal build, each job against its own throwaway PostgreSQL 15 cluster (scripts/pg-tmp.sh). CANBO_TEST_PG makes
# every database file a test names a schema of that cluster's database (core/db.c, docs/TESTING.md);
# tests/pg/sqlite3 answers the tests' own SQL there. Suites about the SQLite file itself are not run there
# (PG_SKIP, each with its reason in docs/TESTING.md).
PG_SKIP=" test_backup test_kill9 test_migrate test_audit_head test_pg_tmp test_pg_schema test_copy test_format_check test_check_runner "
# HTTP: the memo needs SQLite's data version. The rest, to keep make check under 20 minutes on 2 cores
# (every suite run again on PostgreSQL took it to 24): the CLI suites but the two longest (hostile input:
# 3.7 minutes there; the demo's story), and the HTTP suites that write through every kind of form and API
# and read it back (api, records, counters, two servers). PG_FULL=1 runs every suite on PostgreSQL (with
# CHECK_ONLY_PG=1: docs/TESTING.md); they pass there.
PG_SKIP_HTTP=" memo.test.mjs "
PG_HTTP_ONLY=" api.test.mjs records.test.mjs counters.test.mjs two_servers.test.mjs "
if [ -z "${PG_FULL:-}" ]; then PG_SKIP+="test_hostile test_demo_story "; else PG_HTTP_ONLY=; fi
# with_pg NAME FUNCTION: run FUNCTION with CANBO_TEST_PG set to a fresh cluster, stopped afterwards.
with_pg() {
  local name=$1 fn=$2 out url stop
  log "PostgreSQL ($name): start a throwaway cluster"
  if ! out=$(bash scripts/pg-tmp.sh 2>&1); then
    echo "$out"; echo "fail pg[$name]:cluster" >> "$RESULTS"; return
  fi
  url=$(sed -n 's/^URL=//p' <<<"$out"); stop=$(sed -n 's/^STOP=//p' <<<"$out")
  if psql "$url" -X -q -v ON_ERROR_STOP=1 -f tests/pg/lane.sql; then
    (export CANBO_TEST_PG=$url PATH="$top/tests/pg:$PATH"; "$fn")
  else
    echo "fail pg[$name]:lane-sql" >> "$RESULTS"
  fi
  bash $stop
}
pg_unit() { run_ctest build pg; } # every unit test opens its database through CANBO_TEST_PG
pg_cli() {
  for t in tests/cli/test_*.sh; do
    case "$PG_SKIP" in *" $(basename "$t" .sh) "*) continue ;; esac
    log "cli $t (pg)"
    run_script "cli[pg]:$(basename "$t" .sh)" "$top/build/canbo" "$t"
  done
}
pg_http() {
  local files=()
  for f in tests/http/*.test.mjs; do
    case "$PG_SKIP_HTTP" in *" $(basename "$f") "*) continue ;; esac
    [ -n "$PG_HTTP_ONLY" ] && case "$PG_HTTP_ONLY" in *" $(basename "$f") "*) ;; *) continue ;; esac
    files+=("$f")
  done
  log "http tests (pg)"
  run_node "http[pg]" "$top/build/canbo" "${files[@]}"
}
if [ -n "${CHECK_ONLY_PG:-}" ]; then # the PostgreSQL runs alone (docs/TESTING.md)
  with_pg unit pg_unit; with_pg cli pg_cli; with_pg http pg_http
  passed=$(grep -c '^pass' "$RESULTS"); failed=$(grep -c '^fail' "$RESULTS"); grep '^fail' "$RESULTS"
  echo "$passed passed, $failed failed"; rm -f "$RESULTS"; [ "$failed" -eq 0 ]; exit
fi
logs=$(mktemp -d)
job_list > "$logs/jobs"
run_queue "$logs/jobs" "$logs" 2
rm -rf "$logs"
log "all jobs done"

passed=$(grep -c '^pass' "$RESULTS")
failed=$(grep -c '^fail' "$RESULTS")
if [ "$failed" -gt 0 ]; then
  log "failures"
  grep '^fail' "$RESULTS"
fi
rm -f "$RESULTS"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

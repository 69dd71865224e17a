#!/usr/bin/env bash
# make check: every suite against both builds where it makes sense, then one
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

# Two lanes run side by side, one per core (the suites are single-threaded;
# run one after the other they took over 20 minutes on 2 cores):
#   A: the normal build -- unit tests, format check, CLI, HTTP, browser tests, then the CLI suites on PostgreSQL;
#   B: the sanitizer build and the fuzzers -- unit tests, fuzzing, CLI, HTTP, then the HTTP suites (normal build)
#      on PostgreSQL.
# Each lane prints into its own log, shown whole when both are done.
lane_a() {
  log "unit tests (build)"
  run_ctest build build
  # The format-checking build: every html_printf/html_url call against its format.
  log "format check (html_printf, html_url)"
  run_step "format-check" python3 scripts/format_check.py
  for t in tests/cli/test_*.sh; do
    log "cli $t (build)"
    run_script "cli[build]:$(basename "$t" .sh)" "$top/build/canbo" "$t"
  done
  log "http tests (build)"
  run_node "http[build]" "$top/build/canbo" tests/http/*.test.mjs
  log "browser tests"
  run_node "e2e" "$top/build/canbo" tests/e2e/*.test.mjs
  with_pg cli pg_cli
}
lane_b() {
  log "unit tests (build-asan)"
  run_ctest build-asan build-asan
  # The fuzzers, a few seconds each (make fuzz runs them longer).
  log "fuzzers (${CHECK_FUZZ_SECONDS:-4} s each)"
  FUZZ_QUICK=1 JOBS=1 run_step "fuzz" bash scripts/fuzz.sh "${CHECK_FUZZ_SECONDS:-4}"
  # Under the sanitizer, the CLI suites that look for memory errors; not the slowest ones whose point is
  # elsewhere (kill -9 and backup: durability; demo: sizes; hostile: the fuzzers and the HTTP hostile test
  # cover hostile input under the sanitizer). Each still runs on the normal build in lane A.
  for t in tests/cli/test_*.sh; do
    case "$t" in */test_kill9.sh|*/test_backup.sh|*/test_demo.sh|*/test_hostile.sh) continue ;; esac
    log "cli $t (build-asan)"
    run_script "cli[build-asan]:$(basename "$t" .sh)" "$top/build-asan/canbo" "$t"
  done
  # Every HTTP file but the scope walk, which asks each GET route as three viewers
  # (7 minutes under the sanitizer): empty.test.mjs walks every route there.
  log "http tests (build-asan)"
  local files=()
  for f in tests/http/*.test.mjs; do [ "$f" = tests/http/scope_routes.test.mjs ] || files+=("$f"); done
  run_node "http[build-asan]" "$top/build-asan/canbo" "${files[@]}"
  with_pg http pg_http
}
# The PostgreSQL runs (issue 13): the CLI suites (after lane A) and the HTTP suites (after lane B) again on the
# normal build, each against its own throwaway PostgreSQL 15 cluster (scripts/pg-tmp.sh). CANBO_TEST_PG makes
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
  with_pg cli pg_cli; with_pg http pg_http
  passed=$(grep -c '^pass' "$RESULTS"); failed=$(grep -c '^fail' "$RESULTS"); grep '^fail' "$RESULTS"
  echo "$passed passed, $failed failed"; rm -f "$RESULTS"; [ "$failed" -eq 0 ]; exit
fi
logs=$(mktemp -d)
lane_a > "$logs/a.log" 2>&1 &
pid_a=$!
lane_b > "$logs/b.log" 2>&1 &
pid_b=$!
wait "$pid_a" "$pid_b"
printf '\n######## lane A: the normal build\n'; cat "$logs/a.log"
printf '\n######## lane B: the sanitizer build and the fuzzers\n'; cat "$logs/b.log"
rm -rf "$logs"
log "both lanes done"

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

#!/usr/bin/env bash
# make check: every suite against both builds where it makes sense, then one
# summary line "N passed, M failed". Each suite appends "pass|fail NAME" lines
# to $RESULTS; this script counts them.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export RESULTS=$(mktemp)
export CANBO_TOP=$top
log() { printf '\n== %s\n' "$*"; }

# 1. Unit tests (cmocka via ctest), normal and sanitizer builds.
for b in build build-asan; do
  log "unit tests ($b)"
  out=$(cd "$b" && ctest --output-on-failure 2>&1)
  echo "$out" | tail -n 25
  while read -r name status; do
    [ -n "$name" ] && echo "$status unit[$b]:$name" >> "$RESULTS"
  done < <(echo "$out" | sed -n 's/^ *[0-9]*\/[0-9]* Test *#[0-9]*: \([^ ]*\) \.*[ *]*\(Passed\|Failed\|\*\*\*Failed\|Not Run\|Exception\).*/\1 \2/p' \
           | sed 's/ Passed$/ pass/; s/ .*Failed$/ fail/; s/ Not Run$/ fail/; s/ Exception$/ fail/')
done

# 2. CLI tests (bash), against both builds.
for b in build build-asan; do
  for t in tests/cli/test_*.sh; do
    [ -e "$t" ] || continue
    log "cli $t ($b)"
    CANBO="$top/$b/canbo" SUITE="cli[$b]:$(basename "$t" .sh)" bash "$t"
  done
done

# 3. HTTP and browser tests (node's test runner), against the normal build,
#    HTTP also against the sanitizer build.
run_node() { # suite-name binary files...
  local suite=$1 bin=$2; shift 2
  local out
  out=$(CANBO="$bin" node --test --test-reporter=tap "$@" 2>&1)
  echo "$out" | grep -E '^(not ok|ok|# (pass|fail))' | grep -v '^ok' | head -n 60
  echo "$out" | grep -E '^not ok' -A 20 | head -n 80
  local p f
  p=$(echo "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
  f=$(echo "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
  [ -z "$p" ] && p=0; [ -z "$f" ] && f=1
  for ((i = 0; i < p; i++)); do echo "pass $suite" >> "$RESULTS"; done
  for ((i = 0; i < f; i++)); do echo "fail $suite" >> "$RESULTS"; done
  echo "$suite: $p passed, $f failed"
}
if ls tests/http/*.test.mjs >/dev/null 2>&1; then
  log "http tests"
  run_node "http[build]" "$top/build/canbo" tests/http/*.test.mjs
  run_node "http[build-asan]" "$top/build-asan/canbo" tests/http/*.test.mjs
fi
if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
  log "browser tests"
  run_node "e2e" "$top/build/canbo" tests/e2e/*.test.mjs
fi

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

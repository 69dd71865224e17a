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

# 1. Unit tests (cmocka via ctest), normal and sanitizer builds.
for b in build build-asan; do
  log "unit tests ($b)"
  run_ctest "$b" "$b"
done

# 1b. The format-checking build: every html_printf/html_url call against its format.
log "format check (html_printf, html_url)"
run_step "format-check" python3 scripts/format_check.py

# 1c. The fuzzers, a few seconds each (make fuzz runs them longer).
log "fuzzers (4 s each)"
run_step "fuzz" bash scripts/fuzz.sh "${CHECK_FUZZ_SECONDS:-4}"

# 2. CLI tests (bash), against both builds.
for b in build build-asan; do
  for t in tests/cli/test_*.sh; do
    [ -e "$t" ] || continue
    log "cli $t ($b)"
    run_script "cli[$b]:$(basename "$t" .sh)" "$top/$b/canbo" "$t"
  done
done

# 3. HTTP and browser tests (node's test runner), against the normal build,
#    HTTP also against the sanitizer build.
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

#!/usr/bin/env bash
# The counting rules of make check (scripts/check_lib.sh) on programs made to
# misbehave: a CLI script aborting half-way, one exiting non-zero after its
# summary, a node test file that exits before running anything, ctest with no
# test or a crashing one. Each must count as a failure; honest suites must not.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
lib=$(cd "$(dirname "$0")" && pwd)/lib.sh

# runner FUNCTION ARGS...: run one check_lib rule with its own results file; prints "P F".
runner() {
  local res="$T/res.$RANDOM"
  : > "$res"
  ( RESULTS="$res"; . "$top/scripts/check_lib.sh"; "$@" ) > "$T/runner.out" 2>&1
  echo "$(grep -c '^pass' "$res") $(grep -c '^fail' "$res")"
}

# Scripts in the style of tests/cli (they source lib.sh).
cat > "$T/half.sh" <<S
. "$lib"
ok first
exit 1        # aborts half-way: no summary line
ok second
done_tests
S
cat > "$T/crash.sh" <<S
. "$lib"
ok first
kill -SEGV \$\$
done_tests
S
cat > "$T/late_exit.sh" <<S
. "$lib"
ok first
done_tests
false
S
cat > "$T/honest.sh" <<S
. "$lib"
ok first
ok second
done_tests
[ "\$_fail" -eq 0 ]
S
cat > "$T/honest_fail.sh" <<S
. "$lib"
ok first
bad second "wanted"
done_tests
[ "\$_fail" -eq 0 ]
S
cat > "$T/silent.sh" <<S
true
S
expect_eq script_half_way_fails "1 1" "$(runner run_script s /bin/true "$T/half.sh")"
expect_grep script_half_way_says_why 'without its summary line' "$T/runner.out"
expect_eq script_crash_fails "1 1" "$(runner run_script s /bin/true "$T/crash.sh")"
expect_eq script_exit_after_summary_fails "1 1" "$(runner run_script s /bin/true "$T/late_exit.sh")"
expect_eq script_silent_fails "0 1" "$(runner run_script s /bin/true "$T/silent.sh")"
expect_eq script_honest_passes "2 0" "$(runner run_script s /bin/true "$T/honest.sh")"
expect_eq script_failure_counted_once "1 1" "$(runner run_script s /bin/true "$T/honest_fail.sh")"

# node's test runner.
if command -v node >/dev/null; then
  printf "import { test } from 'node:test';\nprocess.exit(0);\ntest('never', () => {});\n" > "$T/exits.test.mjs"
  printf "import { test } from 'node:test';\ntest('a', () => {});\ntest('b', () => {});\n" > "$T/good.test.mjs"
  printf "import { test } from 'node:test';\nthrow new Error('broken import');\n" > "$T/throws.test.mjs"
  expect_eq node_exit_early_fails "0 1" "$(runner run_node n /bin/true "$T/exits.test.mjs")"
  expect_eq node_throw_fails "0 1" "$(runner run_node n /bin/true "$T/throws.test.mjs")"
  expect_eq node_honest_passes "2 0" "$(runner run_node n /bin/true "$T/good.test.mjs")"
fi

# ctest: a test directory with no test, and one with a crashing test.
if command -v ctest >/dev/null; then
  mkdir -p "$T/ct0" "$T/ct1"
  : > "$T/ct0/CTestTestfile.cmake"
  printf 'add_test(good "/bin/true")\nadd_test(crash "/bin/sh" "-c" "kill -SEGV $$")\n' > "$T/ct1/CTestTestfile.cmake"
  expect_eq ctest_no_test_fails "0 1" "$(runner run_ctest "$T/ct0" x)"
  expect_eq ctest_crash_fails "1 1" "$(runner run_ctest "$T/ct1" x)"
fi

# run_step: a command's exit status.
expect_eq step_fail "0 1" "$(runner run_step st false)"
expect_eq step_pass "1 0" "$(runner run_step st true)"

# run_queue: every job once, two at a time, their logs printed in the list's order whatever order they ended in.
qjob() { sleep "$2"; echo "$1" >> "$T/q.ran"; echo "out of $1"; echo "$3 q:$1" >> "$RESULTS"; }
mkdir -p "$T/qlogs"
printf '%s\n' "qjob a 0.4 pass" "qjob b 0 pass" "qjob c 0.1 fail" "qjob d 0 pass" "qjob e 0.2 pass" > "$T/q.jobs"
: > "$T/q.ran"
expect_eq queue_counts "4 1" "$(runner run_queue "$T/q.jobs" "$T/qlogs" 2)"
expect_eq queue_each_once "a b c d e" "$(sort "$T/q.ran" | tr '\n' ' ' | sed 's/ $//')"
expect_eq queue_logs_in_order "a b c d e" "$(sed -n 's/^out of //p' "$T/runner.out" | tr '\n' ' ' | sed 's/ $//')"
expect_eq queue_ran_side_by_side "b" "$(head -n1 "$T/q.ran")"

done_tests
[ "$_fail" -eq 0 ]

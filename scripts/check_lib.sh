# The counting rules of `make check` (scripts/check.sh), kept apart so that
# tests/cli/test_check_runner.sh can run them on programs made to misbehave.
# Source it with $RESULTS set: each run_* appends "pass|fail NAME" lines.
#
# A suite is honest only when it ran to its end: every rule below records a
# failure when a test program or script exits non-zero without recording a
# failure of its own, or prints no result at all (a script aborting half-way
# after some checks must not count as "1 passed, 0 failed").

# run_ctest BUILD_DIR LABEL: every ctest test of BUILD_DIR; a run listing no test,
# or ctest failing while no test is marked failed, is a failure.
run_ctest() {
  local dir=$1 label=$2 out rc n=0 nfail=0
  out=$(cd "$dir" && ctest --output-on-failure 2>&1); rc=$?
  echo "$out" | tail -n 25
  while read -r name status; do
    [ -n "$name" ] || continue
    echo "$status unit[$label]:$name" >> "$RESULTS"
    n=$((n + 1)); [ "$status" = fail ] && nfail=$((nfail + 1))
  done < <(echo "$out" | sed -n 's/^ *[0-9]*\/[0-9]* Test *#[0-9]*: \([^ ]*\) \.*[ *]*\(Passed\|Failed\|\*\*\*Failed\|Not Run\|Exception\|\*\*\*Exception\|\*\*\*Timeout\|Timeout\).*/\1 \2/p' \
           | sed 's/ Passed$/ pass/; s/ .*Failed$/ fail/; s/ Not Run$/ fail/; s/ .*Exception$/ fail/; s/ .*Timeout$/ fail/')
  if [ "$n" -eq 0 ]; then echo "fail unit[$label]:no-tests-ran" >> "$RESULTS"; echo "FAIL unit[$label]: ctest ran no test"; fi
  if [ "$rc" -ne 0 ] && [ "$nfail" -eq 0 ]; then
    echo "fail unit[$label]:ctest-exit-$rc" >> "$RESULTS"; echo "FAIL unit[$label]: ctest exited $rc"
  fi
}

# run_script SUITE CANBO FILE: a tests/cli script (tests/cli/lib.sh). It must end
# with its summary line "SUITE: N passed, M failed" and exit 0 unless it recorded
# a failure; otherwise one failure "SUITE:exit-RC" or "SUITE:no-summary" is added.
run_script() {
  local suite=$1 bin=$2 file=$3 before after rc out
  before=$(grep -c "^fail $suite:" "$RESULTS" 2>/dev/null); before=${before:-0}
  out=$(CANBO="$bin" SUITE="$suite" bash "$file" 2>&1); rc=$?
  echo "$out" | tail -n 40
  after=$(grep -c "^fail $suite:" "$RESULTS" 2>/dev/null); after=${after:-0}
  if ! echo "$out" | grep -Eq "^$(printf '%s' "$suite" | sed 's/[][\.*^$]/\\&/g'): [0-9]+ passed, [0-9]+ failed$"; then
    echo "fail $suite:no-summary" >> "$RESULTS"
    echo "FAIL $suite: the script ended (exit $rc) without its summary line: it stopped half-way"
  elif [ "$rc" -ne 0 ] && [ "$after" -eq "$before" ]; then
    echo "fail $suite:exit-$rc" >> "$RESULTS"
    echo "FAIL $suite: exit $rc without a recorded failure"
  fi
}

# run_node SUITE CANBO FILES...: node's test runner (TAP). No "# pass" line means
# nothing ran: one failure; a non-zero exit with no failing test adds one too. A
# file that ran no test (it exited or returned early) shows as a passing test
# named after the file: it counts as a failure instead.
run_node() {
  local suite=$1 bin=$2; shift 2
  local out rc p f empty
  out=$(CANBO="$bin" node --test --test-reporter=tap "$@" 2>&1); rc=$?
  echo "$out" | grep -E '^(not ok|ok|# (pass|fail))' | grep -v '^ok' | head -n 60
  echo "$out" | grep -E '^not ok' -A 20 | head -n 80
  p=$(echo "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
  f=$(echo "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
  [ -z "$p" ] && p=0
  [ -z "$f" ] && { f=1; echo "FAIL $suite: no result printed"; }
  empty=$(echo "$out" | grep -Ec '^ok [0-9]+ - .*\.test\.mjs$')
  if [ "$empty" -gt 0 ]; then
    echo "$out" | grep -E '^ok [0-9]+ - .*\.test\.mjs$' | sed "s/^ok [0-9]* - /FAIL $suite: ran no test: /"
    p=$((p - empty)); f=$((f + empty))
  fi
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && { f=1; echo "FAIL $suite: node exited $rc"; }
  for ((i = 0; i < p; i++)); do echo "pass $suite" >> "$RESULTS"; done
  for ((i = 0; i < f; i++)); do echo "fail $suite" >> "$RESULTS"; done
  echo "$suite: $p passed, $f failed"
}

# run_step NAME CMD...: one command that passes when it exits 0 (format check, fuzzing).
run_step() {
  local name=$1; shift
  local out rc
  out=$("$@" 2>&1); rc=$?
  echo "$out" | tail -n 30
  if [ "$rc" -eq 0 ]; then echo "pass $name" >> "$RESULTS"; else echo "fail $name" >> "$RESULTS"; echo "FAIL $name: exit $rc"; fi
}

# run_queue JOBS_FILE LOG_DIR WORKERS: run each line of JOBS_FILE (a shell command: a job function and its
# arguments) with WORKERS of them at a time, each worker taking the next line when it is free. Each job's output
# goes to LOG_DIR/N.log, headed by its command and start time and ended by its duration; all the logs are printed
# in the file's order when every job is done. The jobs record their results in $RESULTS themselves.
run_queue() {
  local jobs=$1 dir=$2 workers=$3 n i
  n=$(wc -l < "$jobs")
  echo 0 > "$dir/next"
  queue_worker() {
    local i cmd start
    while :; do
      i=$( { flock 9; i=$(cat "$dir/next"); echo $((i + 1)) > "$dir/next"; echo "$i"; } 9> "$dir/lock")
      [ "$i" -lt "$n" ] || return 0
      cmd=$(sed -n "$((i + 1))p" "$jobs")
      start=$SECONDS
      { printf '\n== %s (at %d s)\n' "$cmd" "$start"; eval "$cmd"; printf -- '-- %d s\n' $((SECONDS - start)); } \
        > "$dir/$i.log" 2>&1
    done
  }
  for ((i = 0; i < workers; i++)); do queue_worker & done
  wait
  for ((i = 0; i < n; i++)); do cat "$dir/$i.log"; done
}

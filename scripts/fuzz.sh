#!/usr/bin/env bash
# The fuzzers (tests/fuzz): build them with Debian's clang (-fsanitize=fuzzer,
# address,undefined) in build-fuzz, then run each for SECONDS from the seeds in
# tests/fuzz/corpus/<name>/ plus what earlier runs found (build-fuzz/corpus/<name>/).
#   scripts/fuzz.sh [SECONDS] [NAME...]     (make fuzz: FUZZ_SECONDS, default 60; make check: 4)
# Names: http query form multipart json router import (default all). Prints one
# line per fuzzer -- runs, runs/s, corpus size -- and exits 1 when any found a
# crash, a sanitizer report or a 5xx (the input is kept in build-fuzz/artifacts/).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
secs=${1:-60}
[ $# -gt 0 ] && shift
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(http query form multipart json router import)
command -v clang >/dev/null || { echo "fuzz: needs Debian's clang (scripts/deps.sh installs it)"; exit 1; }
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCANBO_FUZZ=ON >/dev/null || exit 1
targets=(); for n in "${names[@]}"; do targets+=(--target "fuzz_$n"); done
cmake --build build-fuzz -j"${JOBS:-2}" "${targets[@]}" >/dev/null 2>build-fuzz/build.log || { tail -30 build-fuzz/build.log; exit 1; }
mkdir -p build-fuzz/artifacts
status=0
for n in "${names[@]}"; do
  mkdir -p "build-fuzz/corpus/$n"
  log=build-fuzz/fuzz_$n.log
  # Leaks are checked by the sanitizer build's tests; here a report would stop the run at exit only.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build-fuzz/fuzz_$n" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/artifacts/$n-" "build-fuzz/corpus/$n" "tests/fuzz/corpus/$n" > "$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  size=$(ls "build-fuzz/corpus/$n" | wc -l)
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "fuzz_$n: FAILED (exit $rc) after ${runs:-?} runs; see $log and build-fuzz/artifacts/"
    grep -E 'ERROR|runtime error|fuzz: |SUMMARY' "$log" | head -8
  else
    echo "fuzz_$n: ${runs:-0} runs in ${secs} s (${rate:-0}/s), corpus $size inputs, no finding"
  fi
done
exit $status

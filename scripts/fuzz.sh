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
# The harnesses' build: optimised for long runs (make fuzz); FUZZ_QUICK=1 (make check's few seconds) builds
# unoptimised in build-fuzz-quick instead, 3 to 5 times faster to compile. Corpus and findings stay in build-fuzz.
bdir=build-fuzz flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ "${FUZZ_QUICK:-0}" = 1 ] && bdir=build-fuzz-quick flags=(-DCMAKE_BUILD_TYPE=None "-DCMAKE_C_FLAGS=-O0 -gline-tables-only")
mkdir -p build-fuzz "$bdir"
cmake -S . -B "$bdir" -DCMAKE_C_COMPILER=clang "${flags[@]}" -DCANBO_FUZZ=ON >/dev/null || exit 1
targets=(); for n in "${names[@]}"; do targets+=(--target "fuzz_$n"); done
cmake --build "$bdir" -j"${JOBS:-2}" "${targets[@]}" >"$bdir/build.log" 2>&1 || { tail -30 "$bdir/build.log"; exit 1; }
mkdir -p build-fuzz/artifacts
status=0
for n in "${names[@]}"; do
  mkdir -p "build-fuzz/corpus/$n"
  log=build-fuzz/fuzz_$n.log
  # Leaks are checked by the sanitizer build's tests; here a report would stop the run at exit only.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$bdir/fuzz_$n" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
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

# Tiny assertion library for CLI tests. Source it; set CANBO (binary) and
# SUITE (name). Each check appends "pass|fail SUITE:NAME" to $RESULTS.
# Every test gets a fresh temporary directory $T, removed at exit.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
: "${RESULTS:=/dev/null}"
_pass=0 _fail=0
ok() { echo "pass $SUITE:$1" >> "$RESULTS"; _pass=$((_pass + 1)); }
bad() { echo "fail $SUITE:$1" >> "$RESULTS"; _fail=$((_fail + 1)); echo "FAIL $SUITE:$1: $2" >&2; }
# expect_exit NAME CODE CMD...   runs CMD, stdout to $T/out, stderr to $T/err
expect_exit() {
  local name=$1 code=$2; shift 2
  "$@" > "$T/out" 2> "$T/err"; local rc=$?
  if [ "$rc" -eq "$code" ]; then ok "$name"; else bad "$name" "exit $rc, wanted $code; stderr: $(head -c 600 "$T/err")"; fi
}
# expect_grep NAME PATTERN FILE   (grep -E)
expect_grep() {
  if grep -Eq -- "$2" "$3"; then ok "$1"; else bad "$1" "no /$2/ in $3: $(head -c 600 "$3")"; fi
}
expect_no_grep() {
  if grep -Eq -- "$2" "$3"; then bad "$1" "unexpected /$2/ in $3"; else ok "$1"; fi
}
# expect_eq NAME WANT GOT
expect_eq() {
  if [ "$2" = "$3" ]; then ok "$1"; else bad "$1" "wanted '$2', got '$3'"; fi
}
done_tests() { echo "$SUITE: $_pass passed, $_fail failed"; }

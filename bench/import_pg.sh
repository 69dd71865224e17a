#!/usr/bin/env bash
# make bench, the PostgreSQL import (issue 13): `canbo import cadres` of a ROWS-row CSV (default 20,000,
# bench/gen_cadres.py) into a fresh canbo database on PostgreSQL, against PostgreSQL's own COPY of the same
# CSV into a bare table of text columns, in the same cluster and run. Two interleaved rounds, the best of each,
# and the ratio the target speaks of (within 2x of COPY). The cluster: BENCH_PG_URL's, else a throwaway one
# (scripts/pg-tmp.sh), stopped at the end. Usage: import_pg.sh CANBO_BINARY [ROWS]
set -euo pipefail
bin=$1
N=${2:-${BENCH_PG_IMPORT_ROWS:-20000}}
top=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/canbo-bench-pgimport.XXXXXX)
chmod 755 "$W"
stop=""
cleanup() { [ -z "$stop" ] || $stop; rm -rf "$W"; }
trap cleanup EXIT
if [ -n "${BENCH_PG_URL:-}" ]; then
  url=$BENCH_PG_URL
else
  out=$(bash "$top/scripts/pg-tmp.sh")
  url=$(sed -n 's/^URL=//p' <<<"$out")
  stop=$(sed -n 's/^STOP=//p' <<<"$out")
fi
python3 "$top/bench/gen_cadres.py" "$W" "$N"
chmod 644 "$W"/*.csv
# A URL naming database $2 on the same server as $1 (postgresql:///DB?... or postgresql://host/DB?...).
db_url() { sed -E "s#^(postgresql://[^/]*/)[^?]*#\1$2#" <<<"$1"; }
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
min() { echo "if ($1 < $2) $1 else $2" | bc -l; }
fresh() { # a new empty database named $1, its URL on stdout
  psql -q "$url" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1
  db_url "$url" "$1"
}
cols=$(head -1 "$W/cadres.csv" | sed 's/,/ text, /g; s/$/ text/')
best_copy=999999 best_imp=999999
for round in 1 2; do
  u=$(fresh bench_copy)
  psql -q "$u" -c "CREATE TABLE bare ($cols)" >/dev/null
  t0=$(date +%s.%N)
  psql -q "$u" -c "\\copy bare FROM '$W/cadres.csv' WITH (FORMAT csv, HEADER true)" >/dev/null
  t1=$(date +%s.%N)
  best_copy=$(min "$best_copy" "$(echo "$t1 - $t0" | bc -l)")
  u=$(fresh bench_import)
  "$bin" --db "$u" init >/dev/null
  "$bin" --db "$u" import units "$W/units.csv" >/dev/null 2>&1
  best_imp=$(min "$best_imp" "$(secs "$bin" --db "$u" import cadres "$W/cadres.csv")")
  [ "$(psql -tAq "$u" -c 'SELECT count(*) FROM cadres')" = "$N" ] || { echo "import failed" >&2; exit 1; }
done
printf 'PostgreSQL: import %d cadres, best of 2 interleaved rounds:\n' "$N"
printf '  COPY into a bare table (psql \\copy): %.2f s = %.0f rows/s\n' "$best_copy" "$(echo "$N / $best_copy" | bc -l)"
printf '  canbo import csv:                    %.2f s = %.0f rows/s (%.1fx COPY; target <= 2x)\n' "$best_imp" \
  "$(echo "$N / $best_imp" | bc -l)" "$(echo "$best_imp / $best_copy" | bc -l)"

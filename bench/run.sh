#!/usr/bin/env bash
# make bench: figures for docs/PERFORMANCE.md, on a 100,000-cadre demo.
#   1. demo generation time; 2. import rows/s (cadres CSV exported from the demo,
#   imported into a fresh database; then bench/import.sh against sqlite3 .import and
#   bench/import_pg.sh against PostgreSQL's COPY); 3. search latency p50/p95 (cadre_search);
#   4. profile-page requests/s under wrk vs nginx serving the same bytes as a
#   static file on 127.0.0.1, interleaved, and the ratio; 5. the load test of
#   docs/SECURITY.md (bench/load.mjs: 200 sessions, reads and writes, 60 s);
#   6. every GET route, p50/p95 and the server's peak RSS, on the 10,000 and
#   1,000,000-cadre demos kept in $BENCH_DATA (default bench-data/, built when
#   missing, reused; bench/routes.mjs), their median ratio and the targets marked;
#   7. peak RSS with 16 wrk clients on the heaviest routes (bench/heavy.sh).
# Everything listens on 127.0.0.1 only and is stopped at the end.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build/canbo
N=${BENCH_CADRES:-100000}
DUR=${BENCH_SECONDS:-8}
W=$(mktemp -d /tmp/canbo-bench.XXXXXX)
chmod 755 "$W"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  commit: $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo

t0=$(date +%s.%N)
"$bin" --db "$W/demo.db" demo --cadres "$N" --seed 1 > "$W/logins"
t1=$(date +%s.%N)
printf 'demo --cadres %d: %.1f s\n' "$N" "$(echo "$t1 - $t0" | bc -l)"

for k in units titles cadres; do "$bin" --db "$W/demo.db" export $k --out "$W/$k.csv" > /dev/null; done
"$bin" --db "$W/imp.db" init >/dev/null
"$bin" --db "$W/imp.db" import units "$W/units.csv" >/dev/null
"$bin" --db "$W/imp.db" import titles "$W/titles.csv" >/dev/null
rows=$(($(wc -l < "$W/cadres.csv") - 1))
t0=$(date +%s.%N)
"$bin" --db "$W/imp.db" import cadres "$W/cadres.csv" >/dev/null
t1=$(date +%s.%N)
printf 'import cadres: %d rows in %.2f s = %.0f rows/s\n' "$rows" "$(echo "$t1 - $t0" | bc -l)" \
  "$(echo "$rows / ($t1 - $t0)" | bc -l)"
echo
# import of a 200,000-row CSV and xlsx against sqlite3 .import (issue 8: bench/import.sh)
bash "$top/bench/import.sh" "$bin"
echo
# the same on PostgreSQL: a 20,000-row CSV against PostgreSQL's own COPY (issue 13: bench/import_pg.sh)
bash "$top/bench/import_pg.sh" "$bin"
echo

echo "search latency (cadre_search, limit 50, 200 rounds each):"
"$top/build/bench_search" "$W/demo.db" 200
echo

port=$((20000 + RANDOM % 5000)); nport=$((port + 1))
"$bin" --db "$W/demo.db" serve --listen 127.0.0.1:$port > "$W/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q listening "$W/serve.log" && break; sleep 0.1; done
admin_pw=$(awk '$1=="admin"{print $2}' "$W/logins")
curl -s -c "$W/jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$admin_pw\"}" "http://127.0.0.1:$port/api/v1/session" > /dev/null
cookie=$(awk '$6=="canbo_session"{print $7}' "$W/jar")
code=$(sqlite3 "$W/demo.db" "SELECT code FROM cadres WHERE full_name = 'Hoàng Hải Long' LIMIT 1")
page="http://127.0.0.1:$port/can-bo/$code"
api="http://127.0.0.1:$port/api/v1/cadres/$code"
mkdir -p "$W/www" "$W/nginx"
curl -s -H "Cookie: canbo_session=$cookie" "$page" > "$W/www/profile.html"
curl -s -H "Cookie: canbo_session=$cookie" "$api" > "$W/www/profile.json"
chmod -R a+rX "$W/www"
echo "profile page: $page ($(wc -c < "$W/www/profile.html") bytes); API: $api ($(wc -c < "$W/www/profile.json") bytes)"
cat > "$W/nginx/nginx.conf" <<NGX
worker_processes 2;
daemon off;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $W/nginx; proxy_temp_path $W/nginx; fastcgi_temp_path $W/nginx;
  uwsgi_temp_path $W/nginx; scgi_temp_path $W/nginx;
  types { text/html html; application/json json; }
  server { listen 127.0.0.1:$nport; root $W/www; }
}
NGX
nginx -c "$W/nginx/nginx.conf" -p "$W/nginx" &
pids+=($!)
sleep 0.5
rps() { wrk -t2 -c16 -d"${DUR}s" "$@" | awk '/Requests\/sec/{print $2}'; }
# compare NAME CANBO_URL NGINX_URL: two interleaved rounds each, then the ratio of the sums.
compare() {
  local c1 n1 c2 n2
  c1=$(rps -H "Cookie: canbo_session=$cookie" "$2"); n1=$(rps "$3")
  c2=$(rps -H "Cookie: canbo_session=$cookie" "$2"); n2=$(rps "$3")
  echo "$1, wrk -t2 -c16 -d${DUR}s interleaved: canbo $c1, nginx $n1, canbo $c2, nginx $n2 requests/s"
  printf '%s: canbo %.0f req/s, nginx static %.0f req/s, ratio %.2f\n' "$1" \
    "$(echo "($c1 + $c2) / 2" | bc -l)" "$(echo "($n1 + $n2) / 2" | bc -l)" "$(echo "($c1 + $c2) / ($n1 + $n2)" | bc -l)"
}
compare "profile page (HTML)" "$page" "http://127.0.0.1:$nport/profile.html"
compare "profile (JSON API)" "$api" "http://127.0.0.1:$nport/profile.json"

# Load (issue 12, docs/SECURITY.md): 200 sessions mixing reads and writes for 60 s; fails on any error or unbounded memory.
echo
echo "load test ($((${LOAD_SESSIONS:-200})) sessions, ${LOAD_SECONDS:-60} s, 1,500-cadre demo):"
node "$top/bench/load.mjs" "$bin" "${LOAD_SESSIONS:-200}" "${LOAD_SECONDS:-60}" 1500

# Every GET route at 10,000 and 100,000 cadres (issue 9): p50/p95, peak RSS; demos reused from $BENCH_DATA.
echo
node "$top/bench/routes.mjs" "$bin"

# issue 9, part C: the server's peak RSS while 16 clients hit the heaviest routes for
# BENCH_HEAVY_SECONDS (default 30) with wrk (bench/heavy.sh, bench/heavy.lua), on the
# largest demo the route run used (BENCH_ROUTE_SIZES, default 10000 1000000; in $BENCH_DATA).
data=${BENCH_DATA:-$top/bench-data}
big=$(echo "${BENCH_ROUTE_SIZES:-10000 1000000}" | tr ' ' '\n' | sort -n | tail -1)
echo
echo "| database | clients | time | requests/s | non-2xx | RSS before, MB | peak RSS, MB |"
echo "|---|---|---|---|---|---|---|"
bash "$top/bench/heavy.sh" "$bin" "$data/demo-$big.db" "${BENCH_HEAVY_SECONDS:-30}"

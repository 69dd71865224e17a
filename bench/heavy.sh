#!/usr/bin/env bash
# Peak RSS under load (issue 9): serve DB (a copy is not made: pass a database you
# may write sessions into), log in as the demo admin of DB.logins, and let wrk
# (16 connections, SECONDS s, bench/heavy.lua) rotate over the heaviest routes;
# print requests/s, non-2xx responses and the server's peak RSS (VmHWM).
# Usage: bash bench/heavy.sh BIN DB [SECONDS]
set -euo pipefail
bin=$1 db=$2 dur=${3:-30}
top=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/canbo-heavy.XXXXXX)
spid=
cleanup() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
port=$((25000 + RANDOM % 5000))
"$bin" --db "$db" serve --listen 127.0.0.1:$port > "$W/serve.log" 2>&1 &
spid=$!
for _ in $(seq 600); do grep -q listening "$W/serve.log" && break; sleep 0.1; done
read -r user pw < <(awk '$3=="admin"{print $1, $2; exit}' "$db.logins")
curl -s -c "$W/jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$user\",\"password\":\"$pw\"}" "http://127.0.0.1:$port/api/v1/session" > /dev/null
cookie=$(awk '$6=="canbo_session"{print $7}' "$W/jar")
[ -n "$cookie" ] || { echo "heavy: login failed" >&2; exit 1; }
rss0=$(awk '/VmRSS/{print $2}' /proc/$spid/status)
wrk -t2 -c16 -d"${dur}s" --timeout 60s -s "$top/bench/heavy.lua" "http://127.0.0.1:$port" -- "$cookie" > "$W/wrk.txt"
hwm=$(awk '/VmHWM/{print $2}' /proc/$spid/status)
rps=$(awk '/Requests\/sec/{print $2}' "$W/wrk.txt")
non2xx=$(awk '/Non-2xx/{print $NF}' "$W/wrk.txt")
printf '| %s | 16 | %s s | %s | %s | %.0f | %.0f |\n' "$(basename "$db")" "$dur" "$rps" "${non2xx:-0}" \
  "$(echo "$rss0 / 1024" | bc -l)" "$(echo "$hwm / 1024" | bc -l)"

#!/usr/bin/env bash
# Crash safety (docs/SECURITY.md): kill -9 at random moments
#   1. during `canbo import` of 20,000 cadres: afterwards PRAGMA integrity_check
#      is ok, the import is all or nothing (0 or 20,000 rows, one audit row or
#      none), and `canbo audit verify` passes;
#   2. during HTTP writes (cadres created through the API, one client after
#      another): after a restart every write the server acknowledged (201) is
#      there, the database is intact and the audit chain verifies.
. "$(dirname "$0")/lib.sh"
base=$T/base.db
"$CANBO" --db "$base" demo --cadres 40 --seed 9 > "$T/logins" || { bad demo "demo failed"; done_tests; exit 1; }
python3 - "$T/big.csv" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('code,full_name,gender,birth_date,unit_code,hometown\n')
    for i in range(20000):
        f.write(f'K{i:05d},Nguyễn Văn Bền,{"MF"[i % 2]},19{60 + i % 40}-0{1 + i % 9}-1{i % 9},HX,Hải Xuân\n')
PY
# 1. kill -9 during imports (20,000 rows: about 0.4 s to import; killed within 0.35 s)
for round in 1 2 3 4 5 6; do
  db=$T/imp$round.db
  cp "$base" "$db"; cp "$base.audit-head" "$db.audit-head"
  "$CANBO" --db "$db" import cadres "$T/big.csv" > /dev/null 2>&1 &
  pid=$!
  sleep "$(printf "0.%02d" $((RANDOM % 35)))"
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  n=$(sqlite3 "$db" "SELECT count(*) FROM cadres WHERE code LIKE 'K%'")
  audits=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'import'")
  expect_eq "import_${round}_integrity" ok "$(sqlite3 "$db" 'PRAGMA integrity_check')"
  expect_eq "import_${round}_all_or_nothing" 1 "$( { [ "$n" -eq 0 ] && [ "$audits" -eq 0 ]; } || { [ "$n" -eq 20000 ] && [ "$audits" -eq 1 ]; } && echo 1)"
  expect_exit "import_${round}_audit_verify" 0 "$CANBO" --db "$db" audit verify
  echo "  import round $round: $n rows after kill -9"
done

# 2. kill -9 during HTTP writes
db=$T/http.db
cp "$base" "$db"; cp "$base.audit-head" "$db.audit-head"
admin_pw=$(awk '$3=="admin"{print $2; exit}' "$T/logins")
: > "$T/acked"
i=0
for round in 1 2 3 4 5; do
  port=$((22000 + RANDOM % 3000))
  "$CANBO" --db "$db" serve --listen 127.0.0.1:$port > "$T/serve$round.log" 2>&1 &
  srv=$!
  for _ in $(seq 100); do grep -q listening "$T/serve$round.log" && break; sleep 0.05; done
  csrf=$(curl -s -c "$T/jar" -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$admin_pw\"}" \
    http://127.0.0.1:$port/api/v1/session | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
  (
    j=$((round * 1000))
    while :; do
      j=$((j + 1))
      code=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
        -d "{\"code\":\"H$j\",\"full_name\":\"Trần Thị Ghi\",\"gender\":\"F\",\"birth_date\":\"1985-05-05\",\"unit_code\":\"HX\"}" \
        http://127.0.0.1:$port/api/v1/cadres) || exit 0
      [ "$code" = 201 ] && echo "H$j" >> "$T/acked"
      [ "$code" = 000 ] && exit 0
    done
  ) &
  client=$!
  sleep "0.$((3 + RANDOM % 6))$((RANDOM % 10))"
  kill -9 $srv; wait $srv 2>/dev/null
  wait $client 2>/dev/null
  expect_eq "http_${round}_integrity" ok "$(sqlite3 "$db" 'PRAGMA integrity_check')"
done
acked=$(sort -u "$T/acked" | wc -l)
present=$(sort -u "$T/acked" | while read -r c; do echo "SELECT count(*) FROM cadres WHERE code = '$c';"; done | sqlite3 "$db" | paste -sd+ | bc)
expect_eq http_writes_acknowledged_some 1 "$([ "$acked" -ge 10 ] && echo 1)"
expect_eq http_no_acknowledged_write_lost "$acked" "${present:-0}"
expect_exit http_audit_verify 0 "$CANBO" --db "$db" audit verify
echo "  HTTP: $acked writes acknowledged across 5 kill -9s, all present"
done_tests
[ "$_fail" -eq 0 ]

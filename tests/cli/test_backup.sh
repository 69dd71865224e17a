#!/usr/bin/env bash
# canbo backup FILE and canbo restore FILE (docs/DEPLOY.md): a backup taken
# while the server runs and writes is one consistent snapshot -- PRAGMA
# integrity_check ok, the audit chain intact and matching the head file
# written beside the copy; a backup never overwrites a file; restore checks the
# backup first (a damaged or tampered one is refused and nothing changes),
# keeps the database it replaces, and leaves an audit chain that verifies.
. "$(dirname "$0")/lib.sh"
db=$T/live.db
"$CANBO" --db "$db" demo --cadres 60 --seed 5 > "$T/logins" || { bad demo "demo failed"; done_tests; exit 1; }
admin_pw=$(awk '$3=="admin"{print $2; exit}' "$T/logins")
admin_user=$(awk '$3=="admin"{print $1; exit}' "$T/logins")

# A server, and a writer adding cadres through the API while backups are taken.
port=$((21000 + RANDOM % 3000))
"$CANBO" --db "$db" serve --listen 127.0.0.1:$port > "$T/serve.log" 2>&1 &
srv=$!
for _ in $(seq 100); do grep -q listening "$T/serve.log" && break; sleep 0.1; done
base=http://127.0.0.1:$port
csrf=$(curl -s -c "$T/jar" -H 'Content-Type: application/json' -d "{\"username\":\"$admin_user\",\"password\":\"$admin_pw\"}" \
  $base/api/v1/session | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
(
  for i in $(seq 1 300); do
    curl -s -o /dev/null -b "$T/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
      -d "{\"code\":\"W$i\",\"full_name\":\"Nguyễn Văn Ghi\",\"gender\":\"M\",\"birth_date\":\"1980-01-01\",\"unit_code\":\"MC\"}" \
      $base/api/v1/cadres
  done
) &
writer=$!
sleep 0.5
for k in 1 2 3; do
  expect_exit "backup_while_writing_$k" 0 "$CANBO" --db "$db" backup "$T/b$k.db"
  expect_grep "backup_${k}_checked" '^backup .*: integrity ok; audit chain intact: [0-9]+ rows; head: row [0-9]+ [0-9a-f]{64}' "$T/out"
  expect_eq "backup_${k}_integrity" ok "$(sqlite3 "$T/b$k.db" 'PRAGMA integrity_check')"
  expect_exit "backup_${k}_verifies" 0 "$CANBO" --db "$T/b$k.db" audit verify
  sleep 0.5
done
wait $writer
n1=$(sqlite3 "$T/b1.db" "SELECT count(*) FROM cadres WHERE code LIKE 'W%'"); n3=$(sqlite3 "$T/b3.db" "SELECT count(*) FROM cadres WHERE code LIKE 'W%'")
expect_eq backups_follow_the_writes 1 "$([ "$n3" -gt "$n1" ] && [ "$n1" -gt 0 ] && echo 1)"
expect_eq writer_wrote_all 300 "$(sqlite3 "$db" "SELECT count(*) FROM cadres WHERE code LIKE 'W%'")"
kill -TERM $srv; wait $srv
expect_exit live_still_verifies 0 "$CANBO" --db "$db" audit verify
expect_eq backup_audited 3 "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'backup'")"

# Never over an existing file.
expect_exit backup_no_overwrite 1 "$CANBO" --db "$db" backup "$T/b1.db"
expect_grep backup_no_overwrite_says 'already exists' "$T/err"

# Restore: the database comes back to the backup, the old one is kept, the chain verifies.
users_before=$(sqlite3 "$db" "SELECT count(*) FROM cadres")
expect_exit restore_ok 0 "$CANBO" --db "$db" restore "$T/b1.db"
expect_eq restored_cadres "$n1" "$(sqlite3 "$db" "SELECT count(*) FROM cadres WHERE code LIKE 'W%'")"
saved=$(ls "$db".before-restore-* | grep -v audit-head | head -1)
expect_eq restore_kept_old "$users_before" "$(sqlite3 "$saved" "SELECT count(*) FROM cadres")"
expect_exit restored_verifies 0 "$CANBO" --db "$db" audit verify
expect_eq restore_audited restore "$(sqlite3 "$db" "SELECT action FROM audit ORDER BY id DESC LIMIT 1")"

# A tampered backup (a row of its audit log edited) is refused; nothing changes.
cp "$T/b2.db" "$T/bad.db"; cp "$T/b2.db.audit-head" "$T/bad.db.audit-head"
sqlite3 "$T/bad.db" "UPDATE audit SET actor = 'mallory' WHERE id = 2"
sum=$(sqlite3 "$db" "SELECT count(*) || '/' || max(id) FROM audit")
expect_exit restore_tampered_refused 3 "$CANBO" --db "$db" restore "$T/bad.db"
expect_grep restore_tampered_says 'audit chain broken at row 2' "$T/err"
expect_eq restore_tampered_unchanged "$sum" "$(sqlite3 "$db" "SELECT count(*) || '/' || max(id) FROM audit")"
# A damaged file (bytes overwritten in the middle) is refused too.
cp "$T/b2.db" "$T/broken.db"; cp "$T/b2.db.audit-head" "$T/broken.db.audit-head"
size=$(stat -c %s "$T/broken.db")
dd if=/dev/urandom of="$T/broken.db" bs=1 seek=$((size / 2)) count=4096 conv=notrunc 2>/dev/null
expect_exit restore_damaged_refused 3 "$CANBO" --db "$db" restore "$T/broken.db"
expect_eq restore_damaged_unchanged "$sum" "$(sqlite3 "$db" "SELECT count(*) || '/' || max(id) FROM audit")"
# Without its head file: refused unless asked for.
cp "$T/b2.db" "$T/nohead.db"
expect_exit restore_needs_head 3 "$CANBO" --db "$db" restore "$T/nohead.db"
expect_grep restore_needs_head_says 'no audit head file.*--without-head' "$T/err"
expect_exit restore_without_head 0 "$CANBO" --db "$db" restore "$T/nohead.db" --without-head
expect_exit restore_missing_file 1 "$CANBO" --db "$db" restore "$T/none.db"
expect_exit backup_usage 2 "$CANBO" --db "$db" backup
done_tests
[ "$_fail" -eq 0 ]

#!/usr/bin/env bash
# The audit head file (docs/SECURITY.md): written beside the database on every
# commit that adds audit rows, printed by `canbo audit verify`, which then
# detects deleted newest rows (truncation) and a chain recomputed from an
# edited row -- both of which the chain alone accepts.
. "$(dirname "$0")/lib.sh"
db=$T/a.db
"$CANBO" --db "$db" init > /dev/null
for u in an binh chau dung; do echo password1 | "$CANBO" --db "$db" user add $u --role viewer --password-stdin > /dev/null; done
expect_eq head_file_written 1 "$([ -f "$db.audit-head" ] && echo 1)"
expect_eq head_names_newest "$(sqlite3 "$db" "SELECT id||' '||hash FROM audit ORDER BY id DESC LIMIT 1")" "$(cat "$db.audit-head")"
expect_exit verify_intact 0 "$CANBO" --db "$db" audit verify
expect_grep verify_prints_head "^head: row 4 [0-9a-f]{64}$" "$T/out"
expect_grep verify_says_file_agrees "head file .*a.db.audit-head agrees" "$T/out"

# Truncation: the newest rows deleted. The chain of what is left is intact...
cp "$db" "$T/t.db"; cp "$db.audit-head" "$T/t.db.audit-head"
sqlite3 "$T/t.db" "DELETE FROM audit WHERE id >= 3"
expect_exit truncated_refused 1 "$CANBO" --db "$T/t.db" audit verify
expect_grep truncated_named "ends at row 2 but its head file .* names row 4: the newest rows were deleted" "$T/err"

# A recomputed chain: row 2 edited and every hash from it on recomputed, as the
# chain's rule is public. The chain check alone passes; the head file does not.
cp "$db" "$T/r.db"; cp "$db.audit-head" "$T/r.db.audit-head"
sqlite3 "$T/r.db" "UPDATE audit SET entity_key = 'mallory' WHERE id = 2"
python3 - "$T/r.db" <<'PY'
import hashlib, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
prev = '0' * 64
for row in con.execute('SELECT id, at, actor, action, entity, entity_key, before, after FROM audit ORDER BY id').fetchall():
    h = hashlib.sha256()
    for f in [str(row[0]), prev] + list(row[1:]):
        if f is None: h.update(b'-:')
        else:
            b = f.encode('utf-8'); h.update(str(len(b)).encode() + b':' + b)
    con.execute('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?', (prev, h.hexdigest(), row[0]))
    prev = h.hexdigest()
con.commit()
PY
sqlite3 "$T/r.db" "SELECT count(*) FROM audit" > /dev/null
rm -f "$T/r.db.audit-head.chk"
# (the same database without its head file: the chain itself is consistent again)
cp "$T/r.db" "$T/r2.db"
expect_exit recomputed_chain_alone_passes 0 "$CANBO" --db "$T/r2.db" audit verify --write-head
expect_exit recomputed_refused 1 "$CANBO" --db "$T/r.db" audit verify
expect_grep recomputed_named "audit row 4 does not carry the hash its head file .* recorded .*rewritten" "$T/err"

# No head file while the log has rows: refused, with the way out.
cp "$db" "$T/m.db"
expect_exit missing_head_refused 1 "$CANBO" --db "$T/m.db" audit verify
expect_grep missing_head_says 'no audit head file .*--write-head' "$T/err"
expect_exit write_head 0 "$CANBO" --db "$T/m.db" audit verify --write-head
expect_exit after_write_head 0 "$CANBO" --db "$T/m.db" audit verify

# Rows newer than the head file (a crash between commit and head write) are fine: the chain checks them.
cp "$db" "$T/b.db"; echo "3 $(sqlite3 "$db" "SELECT hash FROM audit WHERE id = 3")" > "$T/b.db.audit-head"
expect_exit behind_ok 0 "$CANBO" --db "$T/b.db" audit verify
expect_grep behind_says 'names row 3 \(1 newer rows' "$T/out"
# The head never goes backwards: another write brings it to the newest row.
echo password1 | "$CANBO" --db "$T/b.db" user add em --role viewer --password-stdin > /dev/null
expect_eq head_moves_on "5" "$(cut -d' ' -f1 "$T/b.db.audit-head")"
# A garbled head file is refused.
echo "garbage" > "$T/b.db.audit-head"
expect_exit bad_head_refused 1 "$CANBO" --db "$T/b.db" audit verify
done_tests
[ "$_fail" -eq 0 ]

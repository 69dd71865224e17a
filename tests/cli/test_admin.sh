#!/usr/bin/env bash
# init, user add, audit verify: idempotence, exit codes, tamper detection.
. "$(dirname "$0")/lib.sh"
db=$T/a.db
expect_exit init_creates 0 "$CANBO" --db "$db" init
expect_grep init_says_initialized 'initialized' "$T/out"
expect_exit init_idempotent 0 "$CANBO" --db "$db" init
expect_grep init_up_to_date 'up to date' "$T/out"
expect_exit unknown_command 2 "$CANBO" --db "$db" frobnicate
expect_exit user_add_usage 2 "$CANBO" --db "$db" user add
expect_exit user_bad_role 2 sh -c "echo password1 | '$CANBO' --db '$db' user add x --role king --password-stdin"
expect_exit user_short_password 3 sh -c "echo short | '$CANBO' --db '$db' user add x --role admin --password-stdin"
expect_exit user_add 0 sh -c "echo password1 | '$CANBO' --db '$db' user add alice --role admin --password-stdin"
expect_exit user_duplicate 3 sh -c "echo password1 | '$CANBO' --db '$db' user add alice --role admin --password-stdin"
expect_exit user_unknown_unit 3 sh -c "echo password1 | '$CANBO' --db '$db' user add bob --role viewer --unit NOPE --password-stdin"
expect_exit user_add2 0 sh -c "echo password2 | '$CANBO' --db '$db' user add carol --role viewer --password-stdin"
expect_exit audit_intact 0 "$CANBO" --db "$db" audit verify
expect_grep audit_counts 'intact: 2 rows' "$T/out"
sqlite3 "$db" "UPDATE audit SET actor = 'mallory' WHERE id = 1"
expect_exit audit_edited 1 "$CANBO" --db "$db" audit verify
expect_grep audit_names_row 'row 1' "$T/err"
db2=$T/b.db
"$CANBO" --db "$db2" init >/dev/null
for u in u1 u2 u3; do echo password1 | "$CANBO" --db "$db2" user add $u --role viewer --password-stdin >/dev/null; done
sqlite3 "$db2" "DELETE FROM audit WHERE id = 2"
expect_exit audit_deleted 1 "$CANBO" --db "$db2" audit verify
expect_grep audit_deleted_names_row 'row 3' "$T/err"
done_tests

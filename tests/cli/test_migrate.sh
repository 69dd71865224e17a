#!/usr/bin/env bash
# A database made by an older version (schema 1 only, with data in it) is
# migrated by `canbo init` and by any command, keeping its data; init is idempotent.
. "$(dirname "$0")/lib.sh"
top=${CANBO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
db=$T/old.db
# Build a schema-1 database the way version 1 did: its migration and its bookkeeping row.
sqlite3 "$db" < "$top/src/schema/0001_init.sql"
sqlite3 "$db" "CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
  INSERT INTO schema_migrations VALUES(1, '0001_init.sql', '2026-01-01T00:00:00Z');
  INSERT INTO units(id, code, name, level, path) VALUES(1, 'MC', 'Thành phố Móng Cái', 'district', '/1/');"
newest=$(ls "$top"/src/schema/*.sql | sed 's#.*/0*\([0-9]*\)_.*#\1#' | sort -n | tail -1)
nfiles=$(ls "$top"/src/schema/*.sql | wc -l)
expect_exit migrate_old 0 "$CANBO" --db "$db" init
# Migration numbers may have gaps (helpers own numbers): count the files, not the newest number.
count=$(ls "$top"/src/schema/*.sql | wc -l)
expect_grep migrate_applied_the_rest "initialized .*\($((count - 1)) migrations applied\)" "$T/out"
expect_eq migrate_version "$newest" "$(sqlite3 "$db" 'SELECT max(version) FROM schema_migrations')"
expect_eq migrate_kept_data "Thành phố Móng Cái" "$(sqlite3 "$db" "SELECT name FROM units WHERE code = 'MC'")"
expect_exit migrate_idempotent 0 "$CANBO" --db "$db" init
expect_grep migrate_up_to_date 'up to date' "$T/out"
# The migrated database works: an import into it.
printf 'code,name,level,parent_code\nHX,Xã Hải Xuân,commune,MC\n' > "$T/u.csv"
expect_exit migrated_db_imports 0 "$CANBO" --db "$db" import units "$T/u.csv"
expect_eq migrated_path "/1/2/" "$(sqlite3 "$db" "SELECT path FROM units WHERE code = 'HX'")"
# Any command migrates an older database before using it.
db2=$T/old2.db
sqlite3 "$db2" < "$top/src/schema/0001_init.sql"
sqlite3 "$db2" "CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
  INSERT INTO schema_migrations VALUES(1, '0001_init.sql', '2026-01-01T00:00:00Z');"
expect_exit any_command_migrates 0 "$CANBO" --db "$db2" audit verify
expect_eq any_command_version "$newest" "$(sqlite3 "$db2" 'SELECT max(version) FROM schema_migrations')"
# A database newer than this binary is not touched silently: simulate by a future version row.
sqlite3 "$db2" "INSERT INTO schema_migrations VALUES(9999, '9999_future.sql', '2030-01-01T00:00:00Z')"
expect_exit newer_db_still_opens 0 "$CANBO" --db "$db2" init
expect_grep newer_db_warns "newer than this canbo" "$T/err"
done_tests

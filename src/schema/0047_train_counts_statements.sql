-- canbo schema 47 (issue 9): nothing changes on SQLite. Its training-count triggers (schema 38) run as each row
-- is written, so a statement that writes several trainings at once is counted right; PostgreSQL runs a row
-- trigger after the whole statement, and its twin, schema/pg/0047_train_counts_statements.sql, counts per
-- statement instead. The file keeps both engines' schemas numbered alike (tests/cli/test_pg_schema.sh).
SELECT 1;

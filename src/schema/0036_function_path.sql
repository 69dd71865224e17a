-- Issue 13: nothing to do on SQLite. The PostgreSQL twin (schema/pg/0036_function_path.sql) makes the
-- search functions independent of the search_path; the two engines keep the same migration numbers.
SELECT 1;

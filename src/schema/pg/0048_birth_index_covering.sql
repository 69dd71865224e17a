-- canbo schema 48 (issue 9), the PostgreSQL twin of schema/0048_birth_index_covering.sql: cadres_birth carries the
-- unit and the voided mark, so that the dashboard's count of one month of births can be an index-only scan.
DROP INDEX IF EXISTS cadres_birth;
CREATE INDEX cadres_birth ON cadre_records(birth_date, gender) INCLUDE (unit_id, voided_at);

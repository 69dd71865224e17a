-- canbo schema 48 (issue 9): cadres_birth also holds the unit and the voided mark, so that the dashboard's count of
-- the people under 40 born in the cutoff's own month (domain/stats.c stats_headline: the cadres of one month of
-- births, in the scope's units) reads the index alone instead of every such cadre's row. At 1,000,000 cadres that
-- count took 15 ms (3,145 rows read) and now 1 ms; at 6,000,000 it was 128 ms of the dashboard's 264 ms. Every
-- query that used the index still does (the same first columns); the index grows by ~3 bytes a cadre.
-- docs/PERFORMANCE.md "2026-12-07, the nineteenth session". The PostgreSQL twin is
-- schema/pg/0048_birth_index_covering.sql.
DROP INDEX IF EXISTS cadres_birth;
CREATE INDEX cadres_birth ON cadre_records(birth_date, gender, unit_id, voided_at);

-- canbo schema 49 (issue 9): trainings_cadre also holds the start date, so that a cadre's trainings come out of the
-- index in the order the profile, Mẫu 2C and the JSON profile list them (start date, then id) instead of being
-- sorted on every read: 6.5 -> 4.8 us a profile in SQLite, one sort fewer on PostgreSQL. Every query that used the
-- index still does (the same first column). docs/PERFORMANCE.md "2026-12-07, the twenty-second session". The
-- PostgreSQL twin is schema/pg/0049_trainings_in_order.sql.
DROP INDEX IF EXISTS trainings_cadre;
CREATE INDEX trainings_cadre ON training_records(cadre_id, start_date);

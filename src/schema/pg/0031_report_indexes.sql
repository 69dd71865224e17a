-- canbo schema 31, PostgreSQL form of src/schema/0031_report_indexes.sql (same tables, columns,
-- indexes and rows; kinds as in pg/0001_init.sql).
-- canbo schema 31 (issue 9): the annual report at a province's size. Its
-- "does the subtree have titles of this category" test went through every
-- position (330,000 at 100,000 cadres), its training counts through every
-- course: by title and by start date they read only the rows concerned.
CREATE INDEX IF NOT EXISTS positions_title ON position_records(title_id, start_date);
CREATE INDEX IF NOT EXISTS planning_title ON planning(title_id);
CREATE INDEX IF NOT EXISTS trainings_start ON training_records(start_date);
-- the dashboard's headline (domain/stats.c: total, women, under 40, LLCT of the scope's cadres) reads this
-- narrow index instead of the wide cadre rows
CREATE INDEX IF NOT EXISTS cadres_headline ON cadre_records(unit_id, gender, birth_date, llct_level) WHERE voided_at IS NULL;

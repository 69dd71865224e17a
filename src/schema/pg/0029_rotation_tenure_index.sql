-- canbo schema 29, PostgreSQL form of src/schema/0029_rotation_tenure_index.sql (same tables, columns,
-- indexes and rows; kinds as in pg/0001_init.sql).
-- canbo schema 29 (issue 9): the tenure walk of the long-tenure list
-- (domain/rotation.c, tenure_start) looks up a cadre's earlier positions in
-- the same unit and title; without this index SQLite chose positions_unit
-- and read every position of the unit for each step (4.8 s -> 0.5 s for
-- /luan-chuyen's list at 100,000 cadres).
CREATE INDEX IF NOT EXISTS positions_cadre_unit_title ON position_records(cadre_id, unit_id, title_id, start_date);

-- canbo schema 11, PostgreSQL form of src/schema/0011_indexes.sql (same tables, columns,
-- indexes and rows; kinds as in pg/0001_init.sql).
-- canbo schema 11: indexes found missing by the benchmark on a 100,000-cadre demo.
CREATE INDEX IF NOT EXISTS evaluations_year ON evaluations(year);

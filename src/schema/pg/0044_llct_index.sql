-- canbo schema 44 (issue 9), the PostgreSQL twin of schema/0044_llct_index.sql: cadres by political-theory level,
-- for the cadre list filtered by a rare level.
CREATE INDEX cadres_llct ON cadre_records(llct_level);

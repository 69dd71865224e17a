-- canbo schema 40 (issue 9): three indexes that are the first column of a wider index on the same table are
-- dropped. Each lookup they served is served as well by the wider one, which starts with the same column:
--   positions_cadre  (cadre_id)  by positions_cadre_unit_title (cadre_id, unit_id, title_id, start_date), schema 29;
--   cadres_unit      (unit_id)   by cadres_unit_sort (unit_id, sort_key, code), schema 37;
--   evaluations_year (year)      by evaluations_year_rating (year, rating), schema 37.
-- At 1,000,000 cadres they held 112 MB of the file and cost the demo's load about 15 s (docs/PERFORMANCE.md
-- "seventh round", where each query that used them was checked on both engines). The PostgreSQL twin is
-- schema/pg/0040_prefix_indexes.sql.
DROP INDEX IF EXISTS positions_cadre;
DROP INDEX IF EXISTS cadres_unit;
DROP INDEX IF EXISTS evaluations_year;

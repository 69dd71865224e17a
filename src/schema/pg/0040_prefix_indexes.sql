-- canbo schema 40 (issue 9), the PostgreSQL twin of schema/0040_prefix_indexes.sql: the three indexes that
-- are the first column of a wider index on the same table are dropped, the same on both engines:
--   positions_cadre  (cadre_id)  served by positions_cadre_unit_title (cadre_id, unit_id, title_id, start_date);
--   cadres_unit      (unit_id)   served by cadres_unit_sort (unit_id, sort_key, code);
--   evaluations_year (year)      served by evaluations_year_rating (year, rating).
DROP INDEX IF EXISTS positions_cadre;
DROP INDEX IF EXISTS cadres_unit;
DROP INDEX IF EXISTS evaluations_year;

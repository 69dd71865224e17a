-- canbo schema 46 (issue 9): the failed ratings of a year by a partial index instead of every rating by (year,
-- rating). evaluations_year_rating (schema 37) served EVAL-3's list, the cadres failed in a year
-- (domain/evaluation.c), and held all 5.5 million ratings of the 1,000,000 demo: 95 MB of its file. The failed
-- ones are 0.2 % of them; evaluations_failed holds only those, and the list's plan is the same search. The other
-- readers of a year's ratings do not need it: a page of /danh-gia starts from the units' counts (eval_counts) and
-- the unit's cadres (cadres_unit_sort), and the year's CSV reads the whole year anyway (a walk of
-- evaluation_records_live, 0.7 s at 1,000,000 against 1.3 s through the dropped index). docs/PERFORMANCE.md
-- "eleventh round". The PostgreSQL twin is schema/pg/0046_failed_ratings_index.sql.
DROP INDEX IF EXISTS evaluations_year_rating;
CREATE INDEX evaluations_failed ON evaluation_records(year) WHERE rating = 'failed';

-- canbo schema 46 (issue 9), the PostgreSQL twin of schema/0046_failed_ratings_index.sql: the failed ratings of
-- a year (EVAL-3's list) by a partial index instead of every rating by (year, rating).
DROP INDEX IF EXISTS evaluations_year_rating;
CREATE INDEX evaluations_failed ON evaluation_records(year) WHERE rating = 'failed';

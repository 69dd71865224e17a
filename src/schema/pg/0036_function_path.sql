-- Issue 13: the search functions no longer depend on the caller's search_path. Autovacuum analyzes with an
-- empty search_path, and the expression index on vi_search_words(search_key) then failed to find the
-- schema's collation "vi": every automatic ANALYZE of cadre_records failed, and a freshly copied or loaded
-- province was planned with no statistics. They now use the ICU root collation of pg_catalog, which every
-- PostgreSQL built with ICU has (the same lower-casing and the same letters and digits for Vietnamese), and
-- stay plain SQL functions the planner inlines (a SET search_path clause would stop that and cost a
-- configuration change per call). Same results: the words of every Vietnamese letter are checked by
-- tests/cli/test_pg_schema.sh.
CREATE OR REPLACE FUNCTION vi_fold(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
           translate(
             regexp_replace(normalize(lower(normalize(s, NFD) COLLATE pg_catalog."und-x-icu"), NFD),
                            '[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]', '', 'g'),
             'ĐđABCDEFGHIJKLMNOPQRSTUVWXYZ', 'ddabcdefghijklmnopqrstuvwxyz'),
           '[ \t\n\r]+', ' ', 'g'), ' ')
$$;

CREATE OR REPLACE FUNCTION vi_search_words(key text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_to_tsvector(coalesce(array_remove(
           regexp_split_to_array(key COLLATE pg_catalog."und-x-icu", '[^[:alnum:]]+'), ''), '{}'))
$$;

CREATE OR REPLACE FUNCTION vi_search_query(q text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CAST(string_agg('''' || w || ''':*', ' & ' ORDER BY o) AS tsquery)
  FROM unnest(regexp_split_to_array(q COLLATE pg_catalog."und-x-icu", '[^[:alnum:]]+')) WITH ORDINALITY AS u(w, o)
  WHERE w <> ''
$$;

-- A unit's subtree is the range of paths [P, P with its last '/' made '0') (src/core/scope.h SCOPE_SQL): byte
-- order, as SQLite compares text. The database's default collation may order '/' otherwise (en_US ignores it
-- at the first level), so the column compares bytes whatever the database was created with. With a range
-- the planner estimates a subtree's units from the statistics (a substr() test it took for one unit).
ALTER TABLE units ALTER COLUMN path TYPE text COLLATE "C";

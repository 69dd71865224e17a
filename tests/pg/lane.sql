-- The PostgreSQL test lane (docs/TESTING.md): what the tests' own SQL (tests/pg/sqlite3) needs from
-- SQLite that PostgreSQL spells differently. In the lane's database only, never in the product's schema.
CREATE OR REPLACE FUNCTION public.gc_step(acc text, v text, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END $$;
CREATE OR REPLACE FUNCTION public.gc_step1(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT public.gc_step(acc, v, ',') $$;
CREATE OR REPLACE AGGREGATE public.group_concat(text, text) (SFUNC = public.gc_step, STYPE = text);
CREATE OR REPLACE AGGREGATE public.group_concat(text) (SFUNC = public.gc_step1, STYPE = text);
CREATE OR REPLACE FUNCTION public.gc_step_any(acc text, v anyelement) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT public.gc_step(acc, v::text, ',') $$;
CREATE OR REPLACE AGGREGATE public.group_concat(anyelement) (SFUNC = public.gc_step_any, STYPE = text);

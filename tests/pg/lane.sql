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
-- sum(a = b): SQLite counts the true comparisons.
CREATE OR REPLACE FUNCTION public.sum_bool_step(acc bigint, v boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN v IS NULL THEN acc ELSE coalesce(acc, 0) + v::int END $$;
CREATE OR REPLACE AGGREGATE public.sum(boolean) (SFUNC = public.sum_bool_step, STYPE = bigint);
-- ifnull, julianday, date(d, modifier), json_extract(j, '$.key'): the SQLite functions the tests' SQL uses.
CREATE OR REPLACE FUNCTION public.ifnull(a anycompatible, b anycompatible) RETURNS anycompatible LANGUAGE sql
  IMMUTABLE AS $$ SELECT coalesce(a, b) $$;
CREATE OR REPLACE FUNCTION public.julianday(d text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
  $$ SELECT extract(epoch FROM (d::timestamp)) / 86400.0 + 2440587.5 $$;
CREATE OR REPLACE FUNCTION public.date(d text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT to_char(d::date, 'YYYY-MM-DD') $$;
CREATE OR REPLACE FUNCTION public.date(d text, m text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(CASE WHEN m = 'start of month' THEN date_trunc('month', d::date)
                      ELSE d::date + (replace(m, 's', '') )::interval END, 'YYYY-MM-DD') $$;
CREATE OR REPLACE FUNCTION public.json_extract(j text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT (j::jsonb) #>> string_to_array(substr(path, 3), '.') $$;
-- sqlite_master: the tables, views and indexes of the schema the test's connection uses (its search_path).
CREATE OR REPLACE VIEW public.sqlite_master AS
  SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' ELSE 'index' END::text AS type,
         c.relname::text AS name, coalesce(t.relname, c.relname)::text AS tbl_name, NULL::text AS sql
  FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid LEFT JOIN pg_class t ON t.oid = i.indrelid
  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v', 'i');
-- pragma_table_info('t'): the columns of a table of the connection's schema, as SQLite lists them.
CREATE OR REPLACE FUNCTION public.pragma_table_info(t text)
  RETURNS TABLE (cid int, name text, type text, "notnull" int, dflt_value text, pk int) LANGUAGE sql STABLE AS $$
  SELECT (c.ordinal_position - 1)::int, c.column_name::text, c.data_type::text, (c.is_nullable = 'NO')::int,
         c.column_default::text, 0
  FROM information_schema.columns c WHERE c.table_schema = current_schema() AND c.table_name = t
  ORDER BY c.ordinal_position $$;

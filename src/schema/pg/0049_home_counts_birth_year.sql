-- canbo schema 49 (issue 9), the PostgreSQL twin of schema/0049_home_counts_birth_year.sql: home_counts also counts
-- the live cadres per unit by birth year ('YYYY', the birth date's first four characters), for the dashboard's
-- under-40 figure. The rows kept by the same trigger (home_counts_cadre), through home_counts_add. canbo's writers
-- wait for the migration already (it holds their advisory lock, core/db_pg.c); the lock below keeps any other
-- writer of cadres out between the count and the new function.
LOCK TABLE cadre_records IN SHARE ROW EXCLUSIVE MODE;

-- add d to unit u's rows for a cadre of gender g, llct level l and birth date b
CREATE OR REPLACE FUNCTION home_counts_add(u BIGINT, g TEXT, l TEXT, b TEXT, d BIGINT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO home_counts(unit_id, dim, key, n)
    SELECT u, x.dim, x.key, d FROM (VALUES ('gender', g), ('llct', coalesce(l, '')),
      ('birth_month', CASE length(b) WHEN 4 THEN b || '-01' ELSE substr(b, 1, 7) END),
      ('birth_year', substr(b, 1, 4))) x(dim, key)
    ON CONFLICT (unit_id, dim, key) DO UPDATE SET n = home_counts.n + excluded.n;
$$;

INSERT INTO home_counts(unit_id, dim, key, n)
  SELECT unit_id, 'birth_year', substr(birth_date, 1, 4), count(*) FROM cadre_records WHERE voided_at IS NULL
  GROUP BY unit_id, substr(birth_date, 1, 4);

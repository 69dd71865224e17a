-- canbo schema 39 (issue 9), the PostgreSQL twin of schema/0039_home_counts.sql: the live cadres counted per
-- current unit (cadre_records.unit_id) and dimension (gender; llct, '' when none; birth_month 'YYYY-MM', a
-- partial 'YYYY' as 'YYYY-01'), kept by triggers in the writing statement's transaction. Same table, same
-- triggers' names and effects.
CREATE TABLE home_counts (
  unit_id BIGINT NOT NULL,
  dim     TEXT NOT NULL,
  key     TEXT NOT NULL,
  n       BIGINT NOT NULL,
  PRIMARY KEY (unit_id, dim, key)
);

-- add d to unit u's rows for a cadre of gender g, llct level l and birth date b
CREATE FUNCTION home_counts_add(u BIGINT, g TEXT, l TEXT, b TEXT, d BIGINT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO home_counts(unit_id, dim, key, n)
    SELECT u, x.dim, x.key, d FROM (VALUES ('gender', g), ('llct', coalesce(l, '')),
      ('birth_month', CASE length(b) WHEN 4 THEN b || '-01' ELSE substr(b, 1, 7) END)) x(dim, key)
    ON CONFLICT (unit_id, dim, key) DO UPDATE SET n = home_counts.n + excluded.n;
$$;
INSERT INTO home_counts(unit_id, dim, key, n)
  SELECT unit_id, 'gender', gender, count(*) FROM cadre_records WHERE voided_at IS NULL GROUP BY unit_id, gender;
INSERT INTO home_counts(unit_id, dim, key, n)
  SELECT unit_id, 'llct', coalesce(llct_level, ''), count(*) FROM cadre_records WHERE voided_at IS NULL
  GROUP BY unit_id, coalesce(llct_level, '');
INSERT INTO home_counts(unit_id, dim, key, n)
  SELECT unit_id, 'birth_month', CASE length(birth_date) WHEN 4 THEN birth_date || '-01' ELSE substr(birth_date, 1, 7) END,
  count(*) FROM cadre_records WHERE voided_at IS NULL
  GROUP BY unit_id, CASE length(birth_date) WHEN 4 THEN birth_date || '-01' ELSE substr(birth_date, 1, 7) END;

CREATE FUNCTION home_counts_cadre() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT paused FROM counters_state WHERE id = 1) <> 0 THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.unit_id IS NOT DISTINCT FROM NEW.unit_id AND OLD.gender IS NOT DISTINCT FROM NEW.gender
     AND OLD.llct_level IS NOT DISTINCT FROM NEW.llct_level AND OLD.birth_date IS NOT DISTINCT FROM NEW.birth_date
     AND OLD.voided_at IS NOT DISTINCT FROM NEW.voided_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.voided_at IS NULL THEN
    PERFORM home_counts_add(OLD.unit_id, OLD.gender, OLD.llct_level, OLD.birth_date, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.voided_at IS NULL THEN
    PERFORM home_counts_add(NEW.unit_id, NEW.gender, NEW.llct_level, NEW.birth_date, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER home_counts_ai AFTER INSERT ON cadre_records FOR EACH ROW EXECUTE FUNCTION home_counts_cadre();
CREATE TRIGGER home_counts_au AFTER UPDATE OF unit_id, gender, llct_level, birth_date, voided_at ON cadre_records
  FOR EACH ROW EXECUTE FUNCTION home_counts_cadre();
CREATE TRIGGER home_counts_ad AFTER DELETE ON cadre_records FOR EACH ROW EXECUTE FUNCTION home_counts_cadre();

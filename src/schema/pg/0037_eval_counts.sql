-- canbo schema 37 (issue 9), the PostgreSQL twin of schema/0037_eval_counts.sql: counts of the year's
-- ratings per unit (unit, year, rating) of live evaluations of live cadres by the cadre's current unit,
-- kept by triggers in the writing statement's transaction. Same table, same triggers' names and effects.
ALTER TABLE counters_state ADD COLUMN paused BIGINT NOT NULL DEFAULT 0;
CREATE TABLE eval_counts (
  unit_id BIGINT NOT NULL,
  year    BIGINT NOT NULL,
  rating  TEXT NOT NULL,
  n       BIGINT NOT NULL,
  PRIMARY KEY (unit_id, year, rating)
);
INSERT INTO eval_counts(unit_id, year, rating, n)
  SELECT c.unit_id, e.year, e.rating, count(*) FROM evaluation_records e JOIN cadre_records c ON c.id = e.cadre_id
  WHERE e.voided_at IS NULL AND c.voided_at IS NULL GROUP BY c.unit_id, e.year, e.rating;

-- add d to (the unit of cadre cid when it is live, year y, rating r)
CREATE FUNCTION eval_counts_add(cid BIGINT, y BIGINT, r TEXT, d BIGINT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT c.unit_id, y, r, d FROM cadre_records c WHERE c.id = cid AND c.voided_at IS NULL
    ON CONFLICT (unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
$$;
-- add sign times the live evaluations of cadre cid to unit u
CREATE FUNCTION eval_counts_move(cid BIGINT, u BIGINT, sign BIGINT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT u, e.year, e.rating, sign * count(*) FROM evaluation_records e
    WHERE e.cadre_id = cid AND e.voided_at IS NULL GROUP BY e.year, e.rating
    ON CONFLICT (unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
$$;

CREATE FUNCTION eval_counts_eval() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT paused FROM counters_state WHERE id = 1) <> 0 THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.voided_at IS NULL THEN
    PERFORM eval_counts_add(OLD.cadre_id, OLD.year, OLD.rating, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.voided_at IS NULL THEN
    PERFORM eval_counts_add(NEW.cadre_id, NEW.year, NEW.rating, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE FUNCTION eval_counts_cadre() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT paused FROM counters_state WHERE id = 1) <> 0 THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.unit_id IS NOT DISTINCT FROM NEW.unit_id
     AND OLD.voided_at IS NOT DISTINCT FROM NEW.voided_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.voided_at IS NULL THEN
    PERFORM eval_counts_move(OLD.id, OLD.unit_id, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.voided_at IS NULL THEN
    PERFORM eval_counts_move(NEW.id, NEW.unit_id, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER eval_counts_ai AFTER INSERT ON evaluation_records FOR EACH ROW EXECUTE FUNCTION eval_counts_eval();
CREATE TRIGGER eval_counts_au AFTER UPDATE OF cadre_id, year, rating, voided_at ON evaluation_records
  FOR EACH ROW EXECUTE FUNCTION eval_counts_eval();
CREATE TRIGGER eval_counts_ad AFTER DELETE ON evaluation_records FOR EACH ROW EXECUTE FUNCTION eval_counts_eval();
CREATE TRIGGER eval_counts_cadre_au AFTER UPDATE OF unit_id, voided_at ON cadre_records
  FOR EACH ROW EXECUTE FUNCTION eval_counts_cadre();
CREATE TRIGGER eval_counts_cadre_ai AFTER INSERT ON cadre_records FOR EACH ROW EXECUTE FUNCTION eval_counts_cadre();
CREATE TRIGGER eval_counts_cadre_ad AFTER DELETE ON cadre_records FOR EACH ROW EXECUTE FUNCTION eval_counts_cadre();

CREATE INDEX IF NOT EXISTS evaluations_year_rating ON evaluation_records(year, rating);
CREATE INDEX IF NOT EXISTS cadres_unit_sort ON cadre_records(unit_id, sort_key, code);

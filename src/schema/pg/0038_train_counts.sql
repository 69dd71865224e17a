-- canbo schema 38 (issue 9), the PostgreSQL twin of schema/0038_train_counts.sql: counts of the year's
-- trainings per unit (unit, year, program; '*' = distinct cadres) of live trainings of live cadres by the
-- cadre's current unit, kept by triggers in the writing statement's transaction. Same table, triggers'
-- names and effects.
CREATE TABLE train_counts (
  unit_id BIGINT NOT NULL,
  year    TEXT NOT NULL,
  program TEXT NOT NULL,
  n       BIGINT NOT NULL,
  PRIMARY KEY (unit_id, year, program)
);
INSERT INTO train_counts(unit_id, year, program, n)
  SELECT c.unit_id, t.year, t.program, count(*) FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t JOIN cadre_records c ON c.id = t.cadre_id
  WHERE c.voided_at IS NULL GROUP BY c.unit_id, t.year, t.program;
INSERT INTO train_counts(unit_id, year, program, n)
  SELECT c.unit_id, t.year, '*', count(DISTINCT t.cadre_id) FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t JOIN cadre_records c ON c.id = t.cadre_id
  WHERE c.voided_at IS NULL GROUP BY c.unit_id, t.year;

-- one training's values (id tid of cadre cid, program prog, start s, voided v) count d at the cadre's unit
CREATE FUNCTION train_counts_one(tid BIGINT, cid BIGINT, prog TEXT, s TEXT, v TEXT, d BIGINT) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT c.unit_id, substr(s, 1, 4), p.program, d FROM cadre_records c
    JOIN (SELECT prog AS program UNION ALL SELECT '*' WHERE NOT EXISTS (SELECT 1 FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') o
          WHERE o.cadre_id = cid AND o.year = substr(s, 1, 4) AND o.id <> tid)) p ON true
    WHERE c.id = cid AND c.voided_at IS NULL AND v IS NULL
      AND s BETWEEN substr(s, 1, 4) || '-01-01' AND substr(s, 1, 4) || '-12-31'
    ON CONFLICT (unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
$$;
-- sign times all live trainings of cadre cid, at unit u
CREATE FUNCTION train_counts_move(cid BIGINT, u BIGINT, sign BIGINT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT u, t.year, t.program, sign * count(*) FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t WHERE t.cadre_id = cid GROUP BY t.year, t.program
    UNION ALL SELECT u, t.year, '*', sign FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t WHERE t.cadre_id = cid GROUP BY t.year
    ON CONFLICT (unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
$$;

CREATE FUNCTION train_counts_training() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT paused FROM counters_state WHERE id = 1) <> 0 THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM train_counts_one(OLD.id, OLD.cadre_id, OLD.program, OLD.start_date, OLD.voided_at, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM train_counts_one(NEW.id, NEW.cadre_id, NEW.program, NEW.start_date, NEW.voided_at, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE FUNCTION train_counts_cadre() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT paused FROM counters_state WHERE id = 1) <> 0 THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.unit_id IS NOT DISTINCT FROM NEW.unit_id
     AND OLD.voided_at IS NOT DISTINCT FROM NEW.voided_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.voided_at IS NULL THEN
    PERFORM train_counts_move(OLD.id, OLD.unit_id, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.voided_at IS NULL THEN
    PERFORM train_counts_move(NEW.id, NEW.unit_id, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER train_counts_ai AFTER INSERT ON training_records FOR EACH ROW EXECUTE FUNCTION train_counts_training();
CREATE TRIGGER train_counts_au AFTER UPDATE OF cadre_id, program, start_date, voided_at ON training_records
  FOR EACH ROW EXECUTE FUNCTION train_counts_training();
CREATE TRIGGER train_counts_ad AFTER DELETE ON training_records FOR EACH ROW EXECUTE FUNCTION train_counts_training();
CREATE TRIGGER train_counts_cadre_au AFTER UPDATE OF unit_id, voided_at ON cadre_records
  FOR EACH ROW EXECUTE FUNCTION train_counts_cadre();
CREATE TRIGGER train_counts_cadre_ai AFTER INSERT ON cadre_records FOR EACH ROW EXECUTE FUNCTION train_counts_cadre();
CREATE TRIGGER train_counts_cadre_ad AFTER DELETE ON cadre_records FOR EACH ROW EXECUTE FUNCTION train_counts_cadre();

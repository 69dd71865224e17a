-- canbo schema 38 (issue 9): counts of the year's trainings per unit, so the annual report's numbers (and the
-- dashboard, which shows last year's) do not read every training of a year -- 250,000 of them at 1,000,000
-- cadres (domain/report_annual.c; docs/ARCHITECTURE.md "Counts at scale").
--
-- train_counts: per unit, year and program, the live trainings of live cadres whose current unit it is
-- (the report's rule: trainings belong to the cadre's unit) and that started in the year; program '*' holds
-- the distinct cadres with at least one such training in the year. The year of a start date is its first four
-- characters when the date lies between that year's '-01-01' and '-12-31' as strings -- exactly the
-- report's test "start_date BETWEEN 'Y-01-01' AND 'Y-12-31'" (a bare year "2019" lies in no year). Kept by the
-- triggers below in the writing statement, like eval_counts (schema 0037); `canbo reindex` rebuilds and
-- compares them.
CREATE TABLE train_counts (
  unit_id INTEGER NOT NULL,
  year    TEXT NOT NULL,
  program TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (unit_id, year, program)
);
INSERT INTO train_counts(unit_id, year, program, n)
  SELECT c.unit_id, t.year, t.program, count(*) FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t JOIN cadre_records c ON c.id = t.cadre_id
  WHERE c.voided_at IS NULL GROUP BY c.unit_id, t.year, t.program;
INSERT INTO train_counts(unit_id, year, program, n)
  SELECT c.unit_id, t.year, '*', count(DISTINCT t.cadre_id) FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t JOIN cadre_records c ON c.id = t.cadre_id
  WHERE c.voided_at IS NULL GROUP BY c.unit_id, t.year;

-- A training (the row's values before or after the write) counts d at its cadre's unit when it and the cadre
-- are live and it started in a year: in its program, and in '*' when the cadre has no other live training of
-- that year (the row itself told apart by its id).
CREATE TRIGGER train_counts_ai AFTER INSERT ON training_records
WHEN (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT c.unit_id, substr(new.start_date, 1, 4), p.program, 1 FROM cadre_records c
    JOIN (SELECT new.program AS program UNION ALL SELECT '*' WHERE NOT EXISTS (SELECT 1 FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') o
          WHERE o.cadre_id = new.cadre_id AND o.year = substr(new.start_date, 1, 4) AND o.id <> new.id)) p
    WHERE c.id = new.cadre_id AND c.voided_at IS NULL AND new.voided_at IS NULL
      AND new.start_date BETWEEN substr(new.start_date, 1, 4) || '-01-01' AND substr(new.start_date, 1, 4) || '-12-31'
    ON CONFLICT(unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
END;
CREATE TRIGGER train_counts_au AFTER UPDATE OF cadre_id, program, start_date, voided_at ON training_records
WHEN (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT c.unit_id, substr(old.start_date, 1, 4), p.program, -1 FROM cadre_records c
    JOIN (SELECT old.program AS program UNION ALL SELECT '*' WHERE NOT EXISTS (SELECT 1 FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') o
          WHERE o.cadre_id = old.cadre_id AND o.year = substr(old.start_date, 1, 4) AND o.id <> old.id)) p
    WHERE c.id = old.cadre_id AND c.voided_at IS NULL AND old.voided_at IS NULL
      AND old.start_date BETWEEN substr(old.start_date, 1, 4) || '-01-01' AND substr(old.start_date, 1, 4) || '-12-31'
    ON CONFLICT(unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT c.unit_id, substr(new.start_date, 1, 4), p.program, 1 FROM cadre_records c
    JOIN (SELECT new.program AS program UNION ALL SELECT '*' WHERE NOT EXISTS (SELECT 1 FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') o
          WHERE o.cadre_id = new.cadre_id AND o.year = substr(new.start_date, 1, 4) AND o.id <> new.id)) p
    WHERE c.id = new.cadre_id AND c.voided_at IS NULL AND new.voided_at IS NULL
      AND new.start_date BETWEEN substr(new.start_date, 1, 4) || '-01-01' AND substr(new.start_date, 1, 4) || '-12-31'
    ON CONFLICT(unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
END;
CREATE TRIGGER train_counts_ad AFTER DELETE ON training_records
WHEN (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT c.unit_id, substr(old.start_date, 1, 4), p.program, -1 FROM cadre_records c
    JOIN (SELECT old.program AS program UNION ALL SELECT '*' WHERE NOT EXISTS (SELECT 1 FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') o
          WHERE o.cadre_id = old.cadre_id AND o.year = substr(old.start_date, 1, 4) AND o.id <> old.id)) p
    WHERE c.id = old.cadre_id AND c.voided_at IS NULL AND old.voided_at IS NULL
      AND old.start_date BETWEEN substr(old.start_date, 1, 4) || '-01-01' AND substr(old.start_date, 1, 4) || '-12-31'
    ON CONFLICT(unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
END;

-- a cadre moving to another unit, voided, restored, inserted after its trainings or deleted takes them along
CREATE TRIGGER train_counts_cadre_au AFTER UPDATE OF unit_id, voided_at ON cadre_records
WHEN (old.unit_id IS NOT new.unit_id OR old.voided_at IS NOT new.voided_at) AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT old.unit_id, t.year, t.program, -count(*) FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t
    WHERE t.cadre_id = old.id AND old.voided_at IS NULL GROUP BY t.year, t.program
    UNION ALL SELECT old.unit_id, t.year, '*', -1 FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t
    WHERE t.cadre_id = old.id AND old.voided_at IS NULL GROUP BY t.year
    ON CONFLICT(unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT new.unit_id, t.year, t.program, count(*) FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t
    WHERE t.cadre_id = new.id AND new.voided_at IS NULL GROUP BY t.year, t.program
    UNION ALL SELECT new.unit_id, t.year, '*', 1 FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t
    WHERE t.cadre_id = new.id AND new.voided_at IS NULL GROUP BY t.year
    ON CONFLICT(unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
END;
CREATE TRIGGER train_counts_cadre_ai AFTER INSERT ON cadre_records WHEN new.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT new.unit_id, t.year, t.program, count(*) FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t WHERE t.cadre_id = new.id GROUP BY t.year, t.program
    UNION ALL SELECT new.unit_id, t.year, '*', 1 FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t WHERE t.cadre_id = new.id GROUP BY t.year
    ON CONFLICT(unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
END;
CREATE TRIGGER train_counts_cadre_ad AFTER DELETE ON cadre_records WHEN old.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT old.unit_id, t.year, t.program, -count(*) FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t WHERE t.cadre_id = old.id GROUP BY t.year, t.program
    UNION ALL SELECT old.unit_id, t.year, '*', -1 FROM (SELECT id, cadre_id, program, substr(start_date, 1, 4) AS year FROM training_records WHERE voided_at IS NULL AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31') t WHERE t.cadre_id = old.id GROUP BY t.year
    ON CONFLICT(unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
END;

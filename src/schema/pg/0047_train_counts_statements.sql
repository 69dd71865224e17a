-- canbo schema 47 (issue 9), PostgreSQL: train_counts kept per statement on training_records. The row triggers
-- of schema pg/0038 asked, for each training, whether its cadre had another training that year; PostgreSQL
-- runs them after the whole statement, when every row of it is already there, so two trainings of a cadre in
-- one year written by one statement left '*' (the distinct cadres) one short, and one deleting both took it one
-- too far. These triggers see the statement's old and new rows (transition tables) and count the difference:
-- per program the rows' signs; for '*', per cadre and year touched, whether the cadre has a counted training
-- now minus whether they had one before the statement (now, less its new rows, plus its old ones). The cadres'
-- own triggers (train_counts_cadre_*) are unchanged: a statement on cadre_records leaves trainings alone.
-- Same triggers' names and events as SQLite's (tests/cli/test_pg_schema.sh); paused like them.
DROP TRIGGER train_counts_ai ON training_records;
DROP TRIGGER train_counts_au ON training_records;
DROP TRIGGER train_counts_ad ON training_records;
DROP FUNCTION train_counts_training();
DROP FUNCTION train_counts_one(BIGINT, BIGINT, TEXT, TEXT, TEXT, BIGINT);

-- olds: the statement's rows before it (updated or deleted), news: after it (inserted or updated). PL/pgSQL, not
-- SQL, so that a session plans it once: a training added from a form costs 0.3 ms here, planned on every call.
CREATE FUNCTION train_counts_apply(olds training_records[], news training_records[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  WITH o AS (SELECT * FROM unnest(olds)), n AS (SELECT * FROM unnest(news)),
  counted AS (
    SELECT cadre_id, substr(start_date, 1, 4) AS year, program, -1 AS d FROM o WHERE voided_at IS NULL
      AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31'
    UNION ALL
    SELECT cadre_id, substr(start_date, 1, 4), program, 1 FROM n WHERE voided_at IS NULL
      AND start_date BETWEEN substr(start_date, 1, 4) || '-01-01' AND substr(start_date, 1, 4) || '-12-31'),
  per_program AS (SELECT cadre_id, year, program, sum(d) AS d FROM counted GROUP BY cadre_id, year, program),
  people AS (
    SELECT k.cadre_id, k.year, '*' AS program,
      (EXISTS (SELECT 1 FROM training_records x WHERE x.cadre_id = k.cadre_id AND x.voided_at IS NULL
                 AND x.start_date BETWEEN k.year || '-01-01' AND k.year || '-12-31'))::int
      - (EXISTS (SELECT 1 FROM training_records x WHERE x.cadre_id = k.cadre_id AND x.voided_at IS NULL
                   AND x.start_date BETWEEN k.year || '-01-01' AND k.year || '-12-31'
                   AND x.id NOT IN (SELECT id FROM n))
         OR EXISTS (SELECT 1 FROM o WHERE o.cadre_id = k.cadre_id AND o.voided_at IS NULL
                      AND o.start_date BETWEEN k.year || '-01-01' AND k.year || '-12-31'))::int AS d
    FROM (SELECT DISTINCT cadre_id, year FROM counted) k)
  INSERT INTO train_counts(unit_id, year, program, n)
    SELECT c.unit_id, x.year, x.program, sum(x.d)
    FROM (SELECT * FROM per_program UNION ALL SELECT * FROM people) x
    JOIN cadre_records c ON c.id = x.cadre_id AND c.voided_at IS NULL
    WHERE x.d <> 0 GROUP BY c.unit_id, x.year, x.program
  ON CONFLICT (unit_id, year, program) DO UPDATE SET n = train_counts.n + excluded.n;
END
$$;

-- One function for the three triggers: PL/pgSQL plans a statement when it first runs it, so each branch names
-- only the transition tables its event has.
CREATE FUNCTION train_counts_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT paused FROM counters_state WHERE id = 1) <> 0 THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM train_counts_apply('{}'::training_records[], (SELECT array_agg(r::training_records) FROM new_rows r));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM train_counts_apply((SELECT array_agg(r::training_records) FROM old_rows r),
                               (SELECT array_agg(r::training_records) FROM new_rows r));
  ELSE
    PERFORM train_counts_apply((SELECT array_agg(r::training_records) FROM old_rows r), '{}'::training_records[]);
  END IF;
  RETURN NULL;
END
$$;
-- (a trigger with transition tables cannot name the columns it watches: every UPDATE of a training runs it)
CREATE TRIGGER train_counts_ai AFTER INSERT ON training_records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION train_counts_statement();
CREATE TRIGGER train_counts_au AFTER UPDATE ON training_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION train_counts_statement();
CREATE TRIGGER train_counts_ad AFTER DELETE ON training_records REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION train_counts_statement();

-- canbo schema 37 (issue 9): counts of the year's ratings per unit, so /danh-gia and the quota findings do not
-- read every evaluation of a year (100,000 of them in a 100,000-cadre province) on each request
-- (domain/evaluation.c; docs/ARCHITECTURE.md "Counts at scale").
--
-- eval_counts: per unit, year and rating, the live evaluations of live cadres whose current unit
-- (cadre_records.unit_id) it is -- exactly what the lists join (evaluations e JOIN cadres c ON c.id =
-- e.cadre_id, by c.unit_id). Kept by the triggers below in the writing statement itself, so in the same
-- transaction whatever writes (a form, an import, a correction, a void, a rotation or a unit merge moving
-- cadre_records.unit_id). A row may fall to n = 0; readers skip those. `canbo reindex` rebuilds the table and
-- compares it with a recount (domain/counters.c).
-- counters_state.paused: a bulk load (canbo demo, canbo copy) turns these triggers off and rebuilds the counts at
-- its end, in its one transaction (domain/counters.h counters_pause)
ALTER TABLE counters_state ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
CREATE TABLE eval_counts (
  unit_id INTEGER NOT NULL,
  year    INTEGER NOT NULL,
  rating  TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (unit_id, year, rating)
);
INSERT INTO eval_counts(unit_id, year, rating, n)
  SELECT c.unit_id, e.year, e.rating, count(*) FROM evaluation_records e JOIN cadre_records c ON c.id = e.cadre_id
  WHERE e.voided_at IS NULL AND c.voided_at IS NULL GROUP BY c.unit_id, e.year, e.rating;

-- an evaluation counts (+1) or stops counting (-1) at its cadre's current unit, when both are live
CREATE TRIGGER eval_counts_ai AFTER INSERT ON evaluation_records WHEN new.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT c.unit_id, new.year, new.rating, 1 FROM cadre_records c WHERE c.id = new.cadre_id AND c.voided_at IS NULL
    ON CONFLICT(unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
END;
CREATE TRIGGER eval_counts_au AFTER UPDATE OF cadre_id, year, rating, voided_at ON evaluation_records
WHEN (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT c.unit_id, old.year, old.rating, -1 FROM cadre_records c
    WHERE c.id = old.cadre_id AND c.voided_at IS NULL AND old.voided_at IS NULL
    ON CONFLICT(unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT c.unit_id, new.year, new.rating, 1 FROM cadre_records c
    WHERE c.id = new.cadre_id AND c.voided_at IS NULL AND new.voided_at IS NULL
    ON CONFLICT(unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
END;
CREATE TRIGGER eval_counts_ad AFTER DELETE ON evaluation_records WHEN old.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT c.unit_id, old.year, old.rating, -1 FROM cadre_records c WHERE c.id = old.cadre_id AND c.voided_at IS NULL
    ON CONFLICT(unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
END;

-- a cadre moving to another unit, voided or restored takes their live evaluations along
CREATE TRIGGER eval_counts_cadre_au AFTER UPDATE OF unit_id, voided_at ON cadre_records
WHEN (old.unit_id IS NOT new.unit_id OR old.voided_at IS NOT new.voided_at) AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT old.unit_id, e.year, e.rating, -count(*) FROM evaluation_records e
    WHERE e.cadre_id = old.id AND e.voided_at IS NULL AND old.voided_at IS NULL GROUP BY e.year, e.rating
    ON CONFLICT(unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT new.unit_id, e.year, e.rating, count(*) FROM evaluation_records e
    WHERE e.cadre_id = new.id AND e.voided_at IS NULL AND new.voided_at IS NULL GROUP BY e.year, e.rating
    ON CONFLICT(unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
END;
-- a cadre inserted after its evaluations (canbo copy checks foreign keys at commit) or deleted
CREATE TRIGGER eval_counts_cadre_ai AFTER INSERT ON cadre_records WHEN new.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT new.unit_id, e.year, e.rating, count(*) FROM evaluation_records e
    WHERE e.cadre_id = new.id AND e.voided_at IS NULL GROUP BY e.year, e.rating
    ON CONFLICT(unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
END;
CREATE TRIGGER eval_counts_cadre_ad AFTER DELETE ON cadre_records WHEN old.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO eval_counts(unit_id, year, rating, n)
    SELECT old.unit_id, e.year, e.rating, -count(*) FROM evaluation_records e
    WHERE e.cadre_id = old.id AND e.voided_at IS NULL GROUP BY e.year, e.rating
    ON CONFLICT(unit_id, year, rating) DO UPDATE SET n = eval_counts.n + excluded.n;
END;

-- the failed ratings of a year (EVAL-3's list) without reading the year's other ratings
CREATE INDEX IF NOT EXISTS evaluations_year_rating ON evaluation_records(year, rating);
-- a page of a year's ratings: a unit's cadres in name order (domain/evaluation.c list_page)
CREATE INDEX IF NOT EXISTS cadres_unit_sort ON cadre_records(unit_id, sort_key, code);

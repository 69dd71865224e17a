-- canbo schema 39 (issue 9): the live cadres counted by their current unit (cadre_records.unit_id), so the
-- dashboard's headline (cadres, women, under 40, political-theory levels) and its unit tree do not read
-- every cadre on each request (domain/stats.c; docs/ARCHITECTURE.md "Counts at scale").
--
-- home_counts: per unit and dimension, how many live cadres have the key:
--   gender       'M' or 'F';
--   llct         llct_level, '' when none;
--   birth_month  'YYYY-MM' of the birth date, a partial 'YYYY' read as 'YYYY-01' (the 1st of January, as
--                stats.c FULL_BIRTH pads it); the under-40 figure sums the months after the cutoff's month and
--                counts the cutoff's month itself from cadre_records.
-- Every live cadre is in each dimension exactly once, so a unit's total is its gender rows' sum. Kept by the
-- triggers below in the writing statement (a cadre inserted, edited, moved, voided, restored, deleted), paused
-- by bulk loads like eval_counts (schema 0037). A row may fall to n = 0; readers skip those. `canbo reindex`
-- rebuilds the table and compares it with a recount (domain/counters.c HOME_RECOUNT).
CREATE TABLE home_counts (
  unit_id INTEGER NOT NULL,
  dim     TEXT NOT NULL,
  key     TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (unit_id, dim, key)
);
INSERT INTO home_counts(unit_id, dim, key, n)
  SELECT unit_id, 'gender', gender, count(*) FROM cadre_records WHERE voided_at IS NULL GROUP BY unit_id, gender;
INSERT INTO home_counts(unit_id, dim, key, n)
  SELECT unit_id, 'llct', coalesce(llct_level, ''), count(*) FROM cadre_records WHERE voided_at IS NULL
  GROUP BY unit_id, coalesce(llct_level, '');
INSERT INTO home_counts(unit_id, dim, key, n)
  SELECT unit_id, 'birth_month', CASE length(birth_date) WHEN 4 THEN birth_date || '-01' ELSE substr(birth_date, 1, 7) END,
  count(*) FROM cadre_records WHERE voided_at IS NULL
  GROUP BY unit_id, CASE length(birth_date) WHEN 4 THEN birth_date || '-01' ELSE substr(birth_date, 1, 7) END;

CREATE TRIGGER home_counts_ai AFTER INSERT ON cadre_records
WHEN new.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO home_counts(unit_id, dim, key, n)
    SELECT new.unit_id, x.dim, x.key, 1 FROM (SELECT 'gender' AS dim, new.gender AS key
      UNION ALL SELECT 'llct', coalesce(new.llct_level, '')
      UNION ALL SELECT 'birth_month', CASE length(new.birth_date) WHEN 4 THEN new.birth_date || '-01'
                                      ELSE substr(new.birth_date, 1, 7) END) x WHERE true
    ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = home_counts.n + excluded.n;
END;
CREATE TRIGGER home_counts_au AFTER UPDATE OF unit_id, gender, llct_level, birth_date, voided_at ON cadre_records
WHEN (old.unit_id IS NOT new.unit_id OR old.gender IS NOT new.gender OR old.llct_level IS NOT new.llct_level
      OR old.birth_date IS NOT new.birth_date OR old.voided_at IS NOT new.voided_at)
     AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO home_counts(unit_id, dim, key, n)
    SELECT old.unit_id, x.dim, x.key, -1 FROM (SELECT 'gender' AS dim, old.gender AS key
      UNION ALL SELECT 'llct', coalesce(old.llct_level, '')
      UNION ALL SELECT 'birth_month', CASE length(old.birth_date) WHEN 4 THEN old.birth_date || '-01'
                                      ELSE substr(old.birth_date, 1, 7) END) x WHERE old.voided_at IS NULL
    ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = home_counts.n + excluded.n;
  INSERT INTO home_counts(unit_id, dim, key, n)
    SELECT new.unit_id, x.dim, x.key, 1 FROM (SELECT 'gender' AS dim, new.gender AS key
      UNION ALL SELECT 'llct', coalesce(new.llct_level, '')
      UNION ALL SELECT 'birth_month', CASE length(new.birth_date) WHEN 4 THEN new.birth_date || '-01'
                                      ELSE substr(new.birth_date, 1, 7) END) x WHERE new.voided_at IS NULL
    ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = home_counts.n + excluded.n;
END;
CREATE TRIGGER home_counts_ad AFTER DELETE ON cadre_records
WHEN old.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO home_counts(unit_id, dim, key, n)
    SELECT old.unit_id, x.dim, x.key, -1 FROM (SELECT 'gender' AS dim, old.gender AS key
      UNION ALL SELECT 'llct', coalesce(old.llct_level, '')
      UNION ALL SELECT 'birth_month', CASE length(old.birth_date) WHEN 4 THEN old.birth_date || '-01'
                                      ELSE substr(old.birth_date, 1, 7) END) x WHERE true
    ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = home_counts.n + excluded.n;
END;

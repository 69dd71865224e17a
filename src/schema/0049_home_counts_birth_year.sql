-- canbo schema 49 (issue 9): home_counts also counts the live cadres per unit by birth year ('YYYY', the first four
-- characters of the birth date, full or partial), so that the dashboard's under-40 figure (domain/stats.c
-- stats_headline) adds the years after the cutoff's year (~40 rows a unit; ~50 with the months below) and the months of the cutoff's own year
-- after its month (under 12), instead of every month after the cutoff's (~480 rows a unit: 5,825 rows summed at the
-- root, 4 ms of the dashboard's 11 at 100,000 cadres). The dimension is kept by the same three triggers, re-created
-- here with it; `canbo reindex` rebuilds and checks it like the others (domain/counters.c HOME_RECOUNT). The
-- PostgreSQL twin is schema/pg/0049_home_counts_birth_year.sql.
DROP TRIGGER home_counts_ai;
DROP TRIGGER home_counts_au;
DROP TRIGGER home_counts_ad;
INSERT INTO home_counts(unit_id, dim, key, n)
  SELECT unit_id, 'birth_year', substr(birth_date, 1, 4), count(*) FROM cadre_records WHERE voided_at IS NULL
  GROUP BY unit_id, substr(birth_date, 1, 4);

CREATE TRIGGER home_counts_ai AFTER INSERT ON cadre_records
WHEN new.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO home_counts(unit_id, dim, key, n)
    SELECT new.unit_id, x.dim, x.key, 1 FROM (SELECT 'gender' AS dim, new.gender AS key
      UNION ALL SELECT 'llct', coalesce(new.llct_level, '')
      UNION ALL SELECT 'birth_month', CASE length(new.birth_date) WHEN 4 THEN new.birth_date || '-01'
                                      ELSE substr(new.birth_date, 1, 7) END
      UNION ALL SELECT 'birth_year', substr(new.birth_date, 1, 4)) x WHERE true
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
                                      ELSE substr(old.birth_date, 1, 7) END
      UNION ALL SELECT 'birth_year', substr(old.birth_date, 1, 4)) x WHERE old.voided_at IS NULL
    ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = home_counts.n + excluded.n;
  INSERT INTO home_counts(unit_id, dim, key, n)
    SELECT new.unit_id, x.dim, x.key, 1 FROM (SELECT 'gender' AS dim, new.gender AS key
      UNION ALL SELECT 'llct', coalesce(new.llct_level, '')
      UNION ALL SELECT 'birth_month', CASE length(new.birth_date) WHEN 4 THEN new.birth_date || '-01'
                                      ELSE substr(new.birth_date, 1, 7) END
      UNION ALL SELECT 'birth_year', substr(new.birth_date, 1, 4)) x WHERE new.voided_at IS NULL
    ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = home_counts.n + excluded.n;
END;
CREATE TRIGGER home_counts_ad AFTER DELETE ON cadre_records
WHEN old.voided_at IS NULL AND (SELECT paused FROM counters_state WHERE id = 1) = 0 BEGIN
  INSERT INTO home_counts(unit_id, dim, key, n)
    SELECT old.unit_id, x.dim, x.key, -1 FROM (SELECT 'gender' AS dim, old.gender AS key
      UNION ALL SELECT 'llct', coalesce(old.llct_level, '')
      UNION ALL SELECT 'birth_month', CASE length(old.birth_date) WHEN 4 THEN old.birth_date || '-01'
                                      ELSE substr(old.birth_date, 1, 7) END
      UNION ALL SELECT 'birth_year', substr(old.birth_date, 1, 4)) x WHERE true
    ON CONFLICT(unit_id, dim, key) DO UPDATE SET n = home_counts.n + excluded.n;
END;

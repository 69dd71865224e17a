-- canbo schema 42 (issue 9), the PostgreSQL twin of schema/0042_counted_ages.sql: the structure counters count
-- ages in full years on counters_state.as_of (dimension 'age', remembered per cadre in cadre_counted.age) instead
-- of birth months and birth days; cadre_counted_birthday finds the cadres whose birthday came when the day turns.
ALTER TABLE cadre_counted ADD COLUMN age TEXT NOT NULL DEFAULT '';
UPDATE cadre_counted SET age = CAST(CAST(substr((SELECT as_of FROM counters_state WHERE id = 1), 1, 4) AS INTEGER)
  - CAST(substr(birth, 1, 4) AS INTEGER)
  - CASE WHEN substr(birth, 6, 5) > substr((SELECT as_of FROM counters_state WHERE id = 1), 6, 5) THEN 1 ELSE 0 END AS TEXT)
WHERE (SELECT as_of FROM counters_state WHERE id = 1) IS NOT NULL;
DELETE FROM unit_counts WHERE dim IN ('birth_month', 'birth_day');
INSERT INTO unit_counts(unit_id, dim, key, n, women)
SELECT unit_id, 'age', age, count(*), sum(CASE WHEN gender = 'F' THEN 1 ELSE 0 END) FROM cadre_counted
WHERE age <> '' GROUP BY unit_id, age;
CREATE INDEX cadre_counted_birthday ON cadre_counted ((substr(birth, 6, 5)));

-- canbo schema 42 (issue 9): the structure counters count ages, not birth days. unit_counts held each unit's
-- cadres per birth month and per birth day ('MM-DD|YYYY': 367,000 rows at 1,000,000 cadres), from which every
-- request summed the ages of its date: the dashboard and /thong-ke read 43,000 of those rows per request. Now
-- dimension 'age' holds each unit's cadres per age in full years on counters_state.as_of (a partial birth date
-- padded to the 1st), which cadre_counted.age remembers per cadre; when the day turns, the cadres whose birthday
-- came move up a year (domain/counters.c, found by cadre_counted_birthday). The PostgreSQL twin is
-- schema/pg/0042_counted_ages.sql.
ALTER TABLE cadre_counted ADD COLUMN age TEXT NOT NULL DEFAULT '';
UPDATE cadre_counted SET age = CAST(CAST(substr((SELECT as_of FROM counters_state WHERE id = 1), 1, 4) AS INTEGER)
  - CAST(substr(birth, 1, 4) AS INTEGER)
  - CASE WHEN substr(birth, 6, 5) > substr((SELECT as_of FROM counters_state WHERE id = 1), 6, 5) THEN 1 ELSE 0 END AS TEXT)
WHERE (SELECT as_of FROM counters_state WHERE id = 1) IS NOT NULL;
DELETE FROM unit_counts WHERE dim IN ('birth_month', 'birth_day');
INSERT INTO unit_counts(unit_id, dim, key, n, women)
SELECT unit_id, 'age', age, count(*), sum(CASE WHEN gender = 'F' THEN 1 ELSE 0 END) FROM cadre_counted
WHERE age <> '' GROUP BY unit_id, age;
CREATE INDEX cadre_counted_birthday ON cadre_counted(substr(birth, 6, 5));

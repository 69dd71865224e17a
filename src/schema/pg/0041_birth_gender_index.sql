-- canbo schema 41 (issue 9), the PostgreSQL twin of schema/0041_birth_gender_index.sql: cadres_birth holds the
-- gender after the birth date, for the per-sex ranges of birth dates of the retirement lists and the forecast.
DROP INDEX IF EXISTS cadres_birth;
CREATE INDEX cadres_birth ON cadre_records(birth_date, gender);

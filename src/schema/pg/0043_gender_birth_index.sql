-- canbo schema 43 (issue 9), the PostgreSQL twin of schema/0043_gender_birth_index.sql: cadres by sex, then birth
-- date, for the per-sex birth ranges of the retirement lists, the forecast's holders and the retiring count.
CREATE INDEX cadres_gender_birth ON cadre_records(gender, birth_date);

-- canbo schema 41 (issue 9): cadres_birth holds the gender after the birth date. The retirement lists, the
-- forecast's holders and the dashboard's retiring count each read one range of birth dates per sex: with the
-- gender in the index, the cadres of the other sex in that range are passed over in the index instead of read
-- row by row (at 1,000,000 the forecast read 32,000 cadre rows to keep 3,000 women). Every query that used the
-- index on the birth date alone still does (the same first column). The PostgreSQL twin is
-- schema/pg/0041_birth_gender_index.sql.
DROP INDEX IF EXISTS cadres_birth;
CREATE INDEX cadres_birth ON cadre_records(birth_date, gender);

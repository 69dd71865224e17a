-- canbo schema 43 (issue 9): cadres by sex, then birth date. The retirement lists, the forecast's holders and the
-- dashboard's retiring count read the cadres of one sex born in a range; cadres_birth (birth date, then sex) walks
-- every cadre of both sexes in that range to keep one sex's -- at 1,000,000 the women born before 1970 (1,290)
-- were found among 100,000 men still at work, 20 ms of the forecast. cadres_birth stays for the ranges of both
-- sexes (the under-40 count, the list's age filters, the day's births). The PostgreSQL twin is
-- schema/pg/0043_gender_birth_index.sql.
CREATE INDEX cadres_gender_birth ON cadre_records(gender, birth_date);

-- canbo schema 44 (issue 9): cadres by political-theory level. The cadre list filtered by a rare level (cao_cap:
-- 86 of 1,000,000 in the demo) walked the whole name index for a page and read every row for its count (2.2 s);
-- it now starts from the matches when they are few (domain/cadre.c, the rare-filter plan). The PostgreSQL twin is
-- schema/pg/0044_llct_index.sql.
CREATE INDEX cadres_llct ON cadre_records(llct_level);

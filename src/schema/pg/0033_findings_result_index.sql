-- canbo schema 33, PostgreSQL form of src/schema/0033_findings_result_index.sql (same tables, columns,
-- indexes and rows; kinds as in pg/0001_init.sql).
-- Issue 9 (the profile under load): the count of failed findings of each act
-- (planning history, rotation and appointment lists) reads only the index.
-- findings_subject's columns are a prefix of this one: it is replaced.
CREATE INDEX IF NOT EXISTS findings_subject_result ON findings(subject, subject_id, result);
DROP INDEX IF EXISTS findings_subject;

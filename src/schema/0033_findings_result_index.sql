-- Issue 9 (the profile under load): the count of failed findings of each act
-- (planning history, rotation and appointment lists) reads only the index.
-- findings_subject's columns are a prefix of this one: it is replaced.
CREATE INDEX IF NOT EXISTS findings_subject_result ON findings(subject, subject_id, result);
DROP INDEX IF EXISTS findings_subject;

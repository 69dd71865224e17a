-- Issue 13 (PostgreSQL as the second store): what the domain's SQL needs to run the same on both engines.
-- login_failures gets a key of its own (the domain took SQLite's rowid back then); the column goes last so
-- that the PostgreSQL twin (schema/pg/0035_portable.sql) can add it with ALTER TABLE in the same place.
CREATE TABLE login_failures_new (
  key TEXT NOT NULL,                          -- "u:<username>" or "a:<address>"
  at  INTEGER NOT NULL,
  id  INTEGER PRIMARY KEY
);
INSERT INTO login_failures_new(key, at, id) SELECT key, at, rowid FROM login_failures;
DROP TABLE login_failures;
ALTER TABLE login_failures_new RENAME TO login_failures;
CREATE INDEX login_failures_key ON login_failures(key, at);

-- canbo schema 45 (issue 13): the version of the memoized reference lists (units, titles, rule versions) for
-- PostgreSQL, where triggers count each statement that changes them (schema/pg/0045_memo_version.sql) and a server
-- keeps its memos from one request to the next while the count stands. SQLite tells its data version itself
-- (PRAGMA data_version): here the table only keeps both schemas alike, and nothing changes it. Not copied by
-- `canbo copy` (engine bookkeeping, not data).
CREATE TABLE memo_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO memo_version(id, n) VALUES (1, 0);

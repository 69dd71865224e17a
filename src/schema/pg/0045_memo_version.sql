-- canbo schema 45 (issue 13), the PostgreSQL twin of schema/0045_memo_version.sql: every statement that changes
-- units, titles or rule_versions counts one more in memo_version, in its own transaction, so a server's memos of
-- those lists (core/db.h db_memo) last while the count read in a request's snapshot is the one they were built at.
-- Writers are serialized (the advisory lock of core/db_pg.c), so the one row is no point of contention.
CREATE TABLE memo_version (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  n  BIGINT NOT NULL
);
INSERT INTO memo_version(id, n) VALUES (1, 0);
CREATE FUNCTION memo_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memo_version SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END $$;
CREATE TRIGGER units_memo_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION memo_version_bump();
CREATE TRIGGER titles_memo_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON titles
  FOR EACH STATEMENT EXECUTE FUNCTION memo_version_bump();
CREATE TRIGGER rule_versions_memo_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rule_versions
  FOR EACH STATEMENT EXECUTE FUNCTION memo_version_bump();

-- canbo schema 52, the PostgreSQL twin of schema/0052_rule_history_index.sql: the changes of a rule's versions read
-- from the audit rows of entity 'rule_version' by a partial index.
CREATE INDEX audit_rule_versions ON audit(entity_key, id) WHERE entity = 'rule_version';

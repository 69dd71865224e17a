-- canbo schema 52: the changes of a rule's versions (the rule page's "Lịch sử thay đổi", domain/rules.c
-- rules_history) read from the audit rows of entity 'rule_version' by a partial index: a handful of rows, so the
-- index costs other audited writes nothing and the page reads no other audit row. The same on both engines (PostgreSQL: schema/pg/0052).
CREATE INDEX audit_rule_versions ON audit(entity_key, id) WHERE entity = 'rule_version';

-- canbo schema 30, PostgreSQL form of src/schema/0030_counters.sql: the same tables,
-- columns, row and indexes. cadre_counted.cadre_id, counters_state.id and
-- counters_dirty.cadre_id are keys the domain always writes itself (SQLite's
-- INTEGER PRIMARY KEY is only the rowid alias there): plain BIGINT PRIMARY KEY.
-- canbo schema 30 (issue 9): counters of today's structure figures, so the
-- dashboard, /thong-ke and /don-vi do not read every cadre per request
-- (domain/counters.c; docs/ARCHITECTURE.md "Counts at scale").
--
-- unit_counts: per unit (not per subtree) and dimension, how many cadres
-- belong to the unit on counters_state.as_of (the membership rule of
-- domain/membership.h) and how many of them are women. Dimensions: gender,
-- ethnicity, religion, party, degree, llct, qlnn, category (bucket keys of
-- domain/structure.c), birth_month ('YYYY-MM') and birth_day ('MM-DD|YYYY'),
-- from which the age brackets of any date are summed.
-- cadre_counted: each counted cadre's keys, so a change subtracts exactly
-- what was added. counters_dirty: cadres written in the open transaction
-- (filled by the triggers below, emptied at commit by counters_flush).
CREATE TABLE unit_counts (
  unit_id BIGINT NOT NULL,
  dim     TEXT NOT NULL,
  key     TEXT NOT NULL,
  n       BIGINT NOT NULL,
  women   BIGINT NOT NULL,
  PRIMARY KEY (unit_id, dim, key)
);
CREATE TABLE cadre_counted (
  cadre_id  BIGINT PRIMARY KEY,
  unit_id   BIGINT NOT NULL,
  gender    TEXT NOT NULL,
  birth     TEXT NOT NULL,   -- YYYY-MM-DD (a partial birth date padded to the 1st)
  ethnicity TEXT NOT NULL,
  religion  TEXT NOT NULL,
  party     TEXT NOT NULL,
  degree    TEXT NOT NULL,
  llct      TEXT NOT NULL,
  qlnn      TEXT NOT NULL,
  category  TEXT NOT NULL
);
-- as_of NULL: the counters are not built (reads recount; the next write or `canbo reindex` builds them)
CREATE TABLE counters_state (
  id    BIGINT PRIMARY KEY CHECK (id = 1),
  as_of TEXT
);
INSERT INTO counters_state(id, as_of) VALUES (1, NULL);
CREATE TABLE counters_dirty (cadre_id BIGINT PRIMARY KEY);

-- SQLite's row triggers, each "INSERT OR IGNORE INTO counters_dirty": one trigger function
-- per table (ON CONFLICT DO NOTHING), same tables, events and cadres marked.
CREATE FUNCTION counters_mark_cadre() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO counters_dirty(cadre_id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO counters_dirty(cadre_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
-- position_records and cadre_values: the row's cadre_id (old and new on update).
CREATE FUNCTION counters_mark_cadre_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO counters_dirty(cadre_id) VALUES (OLD.cadre_id) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO counters_dirty(cadre_id) VALUES (NEW.cadre_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
-- a title's category moves everyone holding it
CREATE FUNCTION counters_mark_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counters_dirty(cadre_id) SELECT cadre_id FROM position_records WHERE title_id = NEW.id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER counters_cadre_ai AFTER INSERT ON cadre_records FOR EACH ROW EXECUTE FUNCTION counters_mark_cadre();
CREATE TRIGGER counters_cadre_au AFTER UPDATE ON cadre_records FOR EACH ROW EXECUTE FUNCTION counters_mark_cadre();
CREATE TRIGGER counters_cadre_ad AFTER DELETE ON cadre_records FOR EACH ROW EXECUTE FUNCTION counters_mark_cadre();
CREATE TRIGGER counters_position_ai AFTER INSERT ON position_records FOR EACH ROW EXECUTE FUNCTION counters_mark_cadre_id();
CREATE TRIGGER counters_position_au AFTER UPDATE ON position_records FOR EACH ROW EXECUTE FUNCTION counters_mark_cadre_id();
CREATE TRIGGER counters_position_ad AFTER DELETE ON position_records FOR EACH ROW EXECUTE FUNCTION counters_mark_cadre_id();
CREATE TRIGGER counters_value_ai AFTER INSERT ON cadre_values FOR EACH ROW EXECUTE FUNCTION counters_mark_cadre_id();
CREATE TRIGGER counters_value_au AFTER UPDATE ON cadre_values FOR EACH ROW EXECUTE FUNCTION counters_mark_cadre_id();
CREATE TRIGGER counters_value_ad AFTER DELETE ON cadre_values FOR EACH ROW EXECUTE FUNCTION counters_mark_cadre_id();
CREATE TRIGGER counters_title_au AFTER UPDATE OF category ON titles FOR EACH ROW EXECUTE FUNCTION counters_mark_title();

-- what catching up a day reads: the facts that take effect between two dates
CREATE INDEX IF NOT EXISTS positions_start ON position_records(start_date);
CREATE INDEX IF NOT EXISTS positions_end ON position_records(end_date);
CREATE INDEX IF NOT EXISTS cadres_party_join ON cadre_records(party_join_date);

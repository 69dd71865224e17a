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
  unit_id INTEGER NOT NULL,
  dim     TEXT NOT NULL,
  key     TEXT NOT NULL,
  n       INTEGER NOT NULL,
  women   INTEGER NOT NULL,
  PRIMARY KEY (unit_id, dim, key)
);
CREATE TABLE cadre_counted (
  cadre_id  INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL,
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
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  as_of TEXT
);
INSERT INTO counters_state(id, as_of) VALUES (1, NULL);
CREATE TABLE counters_dirty (cadre_id INTEGER PRIMARY KEY);

CREATE TRIGGER counters_cadre_ai AFTER INSERT ON cadre_records BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (new.id);
END;
CREATE TRIGGER counters_cadre_au AFTER UPDATE ON cadre_records BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (new.id);
END;
CREATE TRIGGER counters_cadre_ad AFTER DELETE ON cadre_records BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (old.id);
END;
CREATE TRIGGER counters_position_ai AFTER INSERT ON position_records BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (new.cadre_id);
END;
CREATE TRIGGER counters_position_au AFTER UPDATE ON position_records BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (old.cadre_id);
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (new.cadre_id);
END;
CREATE TRIGGER counters_position_ad AFTER DELETE ON position_records BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (old.cadre_id);
END;
CREATE TRIGGER counters_value_ai AFTER INSERT ON cadre_values BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (new.cadre_id);
END;
CREATE TRIGGER counters_value_au AFTER UPDATE ON cadre_values BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (old.cadre_id);
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (new.cadre_id);
END;
CREATE TRIGGER counters_value_ad AFTER DELETE ON cadre_values BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) VALUES (old.cadre_id);
END;
-- a title's category moves everyone holding it
CREATE TRIGGER counters_title_au AFTER UPDATE OF category ON titles BEGIN
  INSERT OR IGNORE INTO counters_dirty(cadre_id) SELECT cadre_id FROM position_records WHERE title_id = new.id;
END;

-- what catching up a day reads: the facts that take effect between two dates
CREATE INDEX IF NOT EXISTS positions_start ON position_records(start_date);
CREATE INDEX IF NOT EXISTS positions_end ON position_records(end_date);
CREATE INDEX IF NOT EXISTS cadres_party_join ON cadre_records(party_join_date);

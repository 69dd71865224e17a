-- canbo schema 1: the registry (units, titles, cadres, positions, trainings),
-- users and sessions, and the hash-chained audit log.
-- Portable SQL only (it must also run on PostgreSQL later), except the FTS5
-- search index at the end, which the PostgreSQL backend replaces.
-- Dates are ISO 8601 text; timestamps are UTC "YYYY-MM-DDTHH:MM:SSZ".

CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  level      TEXT NOT NULL CHECK (level IN ('central','province','district','commune','grassroots')),
  parent_id  INTEGER REFERENCES units(id),
  path       TEXT NOT NULL DEFAULT '',      -- "/1/5/23/": ids from the root; subtree = prefix
  locality   TEXT,                           -- for "local" checks (ROT-3)
  valid_from TEXT,
  valid_to   TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_path ON units(path);

CREATE TABLE titles (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  level         TEXT NOT NULL CHECK (level IN ('central','province','district','commune','grassroots')),
  category      TEXT NOT NULL CHECK (category IN ('committee','standing','key','leader','other')),
  rank          INTEGER NOT NULL DEFAULT 0,
  function      TEXT NOT NULL DEFAULT 'other',
  min_llct      TEXT,
  min_qlnn      TEXT,
  min_degree    TEXT,
  max_age_first INTEGER
);

CREATE TABLE cadres (
  id                  INTEGER PRIMARY KEY,
  code                TEXT NOT NULL UNIQUE,
  full_name           TEXT NOT NULL,
  family_name         TEXT NOT NULL DEFAULT '',
  middle_name         TEXT NOT NULL DEFAULT '',
  given_name          TEXT NOT NULL DEFAULT '',
  sort_name           TEXT NOT NULL,          -- given \x1f middle \x1f family (COLLATE vi_name compares it)
  sort_key            BLOB NOT NULL,          -- ICU "vi" sort keys of given, middle, family (vi_name_sort_key)
  search_key          TEXT NOT NULL,          -- vi_fold(full_name) || ' ' || folded code
  gender              TEXT NOT NULL CHECK (gender IN ('M','F')),
  birth_date          TEXT NOT NULL,          -- YYYY-MM-DD, YYYY-MM or YYYY
  unit_id             INTEGER NOT NULL REFERENCES units(id),
  hometown            TEXT,
  birthplace          TEXT,
  ethnicity           TEXT,
  religion            TEXT,
  party_join_date     TEXT,
  party_official_date TEXT,
  education           TEXT,                   -- general education, e.g. 12/12
  degree              TEXT,
  major               TEXT,
  llct_level          TEXT,
  qlnn_level          TEXT,
  notes               TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX cadres_unit ON cadres(unit_id);
CREATE INDEX cadres_birth ON cadres(birth_date);
CREATE INDEX cadres_sort_key ON cadres(sort_key, code);

CREATE TABLE positions (
  id          INTEGER PRIMARY KEY,
  cadre_id    INTEGER NOT NULL REFERENCES cadres(id),
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  title_id    INTEGER NOT NULL REFERENCES titles(id),
  start_date  TEXT NOT NULL,
  end_date    TEXT,
  decision_no TEXT,
  concurrent  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX positions_cadre ON positions(cadre_id);
CREATE INDEX positions_unit ON positions(unit_id);

CREATE TABLE trainings (
  id          INTEGER PRIMARY KEY,
  cadre_id    INTEGER NOT NULL REFERENCES cadres(id),
  program     TEXT NOT NULL,
  name        TEXT,
  institution TEXT,
  start_date  TEXT NOT NULL,
  end_date    TEXT,
  status      TEXT NOT NULL CHECK (status IN ('registered','studying','completed','dropped'))
);
CREATE INDEX trainings_cadre ON trainings(cadre_id);

CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  username   TEXT NOT NULL UNIQUE,
  pw_hash    TEXT NOT NULL,                   -- argon2id, libsodium crypto_pwhash_str
  role       TEXT NOT NULL CHECK (role IN ('admin','officer','viewer')),
  unit_id    INTEGER REFERENCES units(id),    -- NULL: whole organization
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,                -- hex SHA-256 of the cookie token
  user_id    INTEGER NOT NULL REFERENCES users(id),
  csrf       TEXT NOT NULL,
  created_at INTEGER NOT NULL,                -- unix seconds
  expires_at INTEGER NOT NULL
);

CREATE TABLE login_failures (
  key TEXT NOT NULL,                          -- "u:<username>" or "a:<address>"
  at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,                    -- username, or "cli:<os user>"
  action    TEXT NOT NULL,                    -- import, export, create, update, delete, login, denied...
  entity    TEXT NOT NULL,                    -- cadre, unit, user, ...
  entity_key TEXT,
  before    TEXT,                             -- JSON or NULL
  after     TEXT,                             -- JSON or NULL
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL                     -- hex SHA-256 over prev_hash and the fields above
);

-- Diacritic-free prefix search over cadres.search_key (FTS5, SQLite only).
CREATE VIRTUAL TABLE cadre_fts USING fts5(search_key, content='cadres', content_rowid='id',
  tokenize = 'unicode61 remove_diacritics 0', prefix = '2');
CREATE TRIGGER cadres_fts_ai AFTER INSERT ON cadres BEGIN
  INSERT INTO cadre_fts(rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER cadres_fts_ad AFTER DELETE ON cadres BEGIN
  INSERT INTO cadre_fts(cadre_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER cadres_fts_au AFTER UPDATE OF search_key ON cadres BEGIN
  INSERT INTO cadre_fts(cadre_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO cadre_fts(rowid, search_key) VALUES (new.id, new.search_key);
END;

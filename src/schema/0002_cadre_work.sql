-- canbo schema 2: cadre work. Rule versions (the rules as data), planning
-- pools, rotations, appointment proposals and decisions, evaluations,
-- disciplines, family relations, and the findings stored with each act.
-- Dates ISO 8601; codes resolved to ids on write.

-- Every rule of REGULATIONS.md as versions: the version in force on the date
-- of an act is the one whose [effective_from, effective_to] holds that date.
CREATE TABLE rule_versions (
  id             INTEGER PRIMARY KEY,
  rule           TEXT NOT NULL,            -- "PLAN-1"
  title          TEXT NOT NULL,            -- Vietnamese one-line statement
  params         TEXT NOT NULL DEFAULT '{}', -- JSON object
  basis          TEXT NOT NULL,            -- legal basis, Vietnamese
  effective_from TEXT NOT NULL,
  effective_to   TEXT,                     -- NULL: still in force
  confidence     TEXT NOT NULL CHECK (confidence IN ('V','U')),
  note           TEXT,                     -- why a parameter is uncertain, what was chosen
  enabled        INTEGER NOT NULL DEFAULT 1,
  UNIQUE (rule, effective_from)
);

-- Planning (quy hoạch): one row per act; a cadre is in the pool of
-- (term, unit, title) when the latest act for it is 'add'.
CREATE TABLE planning (
  id          INTEGER PRIMARY KEY,
  term        TEXT NOT NULL,               -- "2020-2025"
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  title_id    INTEGER NOT NULL REFERENCES titles(id),
  cadre_id    INTEGER NOT NULL REFERENCES cadres(id),
  action      TEXT NOT NULL CHECK (action IN ('add','remove')),
  date        TEXT NOT NULL,
  decision_no TEXT,
  reason      TEXT,
  override    TEXT,                        -- an officer's reason for adding despite a failed rule
  created_by  TEXT
);
CREATE INDEX planning_pool ON planning(term, unit_id, title_id);
CREATE INDEX planning_cadre ON planning(cadre_id);
CREATE INDEX planning_date ON planning(date);

CREATE TABLE rotations (
  id             INTEGER PRIMARY KEY,
  cadre_id       INTEGER NOT NULL REFERENCES cadres(id),
  kind           TEXT NOT NULL CHECK (kind IN ('rotation','transfer','secondment','reinforcement')),
  from_unit_id   INTEGER REFERENCES units(id),
  to_unit_id     INTEGER NOT NULL REFERENCES units(id),
  from_title_id  INTEGER REFERENCES titles(id),
  to_title_id    INTEGER REFERENCES titles(id),
  date           TEXT NOT NULL,
  decision_no    TEXT,
  planned_months INTEGER
);
CREATE INDEX rotations_cadre ON rotations(cadre_id);
CREATE INDEX rotations_date ON rotations(date);

-- Decisions: appointment, reappointment, promotion, nomination, extension, dismissal.
CREATE TABLE appointments (
  id            INTEGER PRIMARY KEY,
  cadre_id      INTEGER NOT NULL REFERENCES cadres(id),
  kind          TEXT NOT NULL CHECK (kind IN ('appointment','reappointment','promotion','nomination','extension','dismissal')),
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  title_id      INTEGER NOT NULL REFERENCES titles(id),
  decision_date TEXT NOT NULL,
  decision_no   TEXT,
  source        TEXT CHECK (source IN ('internal','external')),
  term_years    INTEGER,
  term_end      TEXT,                      -- decision_date + term_years (APPT-7), NULL when not a term
  position_id   INTEGER REFERENCES positions(id),
  proposal_id   INTEGER                    -- the proposal it decided, if made in canbo
);
CREATE INDEX appointments_cadre ON appointments(cadre_id);
CREATE INDEX appointments_date ON appointments(decision_date);
CREATE INDEX appointments_term_end ON appointments(term_end);

-- A proposal moving through the procedure (5 steps internal, 3 external).
CREATE TABLE proposals (
  id          INTEGER PRIMARY KEY,
  cadre_id    INTEGER NOT NULL REFERENCES cadres(id),
  kind        TEXT NOT NULL CHECK (kind IN ('appointment','reappointment','promotion','nomination','extension')),
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  title_id    INTEGER NOT NULL REFERENCES titles(id),
  source      TEXT NOT NULL CHECK (source IN ('internal','external')),
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','failed','decided','withdrawn')),
  created_at  TEXT NOT NULL,
  created_by  TEXT
);
CREATE TABLE proposal_steps (
  id          INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  step        INTEGER NOT NULL,
  date        TEXT NOT NULL,
  summoned    INTEGER NOT NULL,
  present     INTEGER NOT NULL,
  votes_for   INTEGER,                     -- NULL for a step without a vote (step 1)
  note        TEXT,
  UNIQUE (proposal_id, step)
);
-- Who proposed or voted on a proposal, when known (REL-2).
CREATE TABLE proposal_participants (
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  cadre_id    INTEGER NOT NULL REFERENCES cadres(id),
  role        TEXT NOT NULL DEFAULT 'voter' CHECK (role IN ('proposer','voter')),
  PRIMARY KEY (proposal_id, cadre_id)
);

CREATE TABLE evaluations (
  id       INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id),
  year     INTEGER NOT NULL,
  rating   TEXT NOT NULL CHECK (rating IN ('excellent','good','completed','failed')),
  score    INTEGER,
  UNIQUE (cadre_id, year)
);

CREATE TABLE disciplines (
  id            INTEGER PRIMARY KEY,
  cadre_id      INTEGER NOT NULL REFERENCES cadres(id),
  form          TEXT NOT NULL CHECK (form IN ('reprimand','warning','removal_from_post','expulsion','salary_demotion','demotion','dismissal_from_service')),
  authority     TEXT NOT NULL CHECK (authority IN ('party','state')),
  decision_date TEXT NOT NULL,
  decision_no   TEXT,
  reason        TEXT
);
CREATE INDEX disciplines_cadre ON disciplines(cadre_id);

-- Family relations among cadres; stored once as given, the reverse is implied.
CREATE TABLE relatives (
  id          INTEGER PRIMARY KEY,
  cadre_id    INTEGER NOT NULL REFERENCES cadres(id),
  relative_id INTEGER NOT NULL REFERENCES cadres(id),
  relation    TEXT NOT NULL CHECK (relation IN ('spouse','parent','child','sibling','parent_in_law','child_in_law','sibling_in_law')),
  UNIQUE (cadre_id, relative_id)
);
CREATE INDEX relatives_relative ON relatives(relative_id);

-- Rule findings stored with an act (imported or recorded), so a board sees
-- which past acts broke which rule.
CREATE TABLE findings (
  id         INTEGER PRIMARY KEY,
  subject    TEXT NOT NULL,                -- planning | rotation | appointment | proposal | evaluation | discipline | relative | position
  subject_id INTEGER NOT NULL,
  cadre_id   INTEGER REFERENCES cadres(id),
  act_date   TEXT,
  rule       TEXT NOT NULL,
  result     TEXT NOT NULL CHECK (result IN ('pass','warn','fail','n/a')),
  message    TEXT NOT NULL,
  basis      TEXT NOT NULL
);
CREATE INDEX findings_subject ON findings(subject, subject_id);
CREATE INDEX findings_cadre ON findings(cadre_id);

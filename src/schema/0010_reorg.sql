-- canbo schema 10: unit reorganization acts (sáp nhập, chia tách).
-- An act merges several source units into one target (a new unit or an
-- existing one) or splits one source into several targets, on an effective
-- date. The units themselves keep their rows: sources get valid_to = the day
-- before, new targets valid_from = the effective date (domain/reorg.c).
-- Moved positions and planning acts are new rows; the old ones keep their
-- history (only their end dates are set). reorg_moves records, per act, which
-- row was ended and which one replaced it, so a reader can trace every move.

CREATE TABLE reorg_acts (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('merge','split')),
  effective_date TEXT NOT NULL,                -- YYYY-MM-DD: first day of the targets
  decision_no    TEXT,
  note           TEXT,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL                 -- UTC "YYYY-MM-DDTHH:MM:SSZ"
);
CREATE INDEX reorg_acts_date ON reorg_acts(effective_date);

CREATE TABLE reorg_units (
  act_id  INTEGER NOT NULL REFERENCES reorg_acts(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  role    TEXT NOT NULL CHECK (role IN ('source','target')),
  created INTEGER NOT NULL DEFAULT 0,          -- 1: the act created this target unit
  PRIMARY KEY (act_id, unit_id)
);
CREATE INDEX reorg_units_unit ON reorg_units(unit_id);

CREATE TABLE reorg_moves (
  act_id  INTEGER NOT NULL REFERENCES reorg_acts(id),
  kind    TEXT NOT NULL CHECK (kind IN ('position','planning','cadre','unit','user')),
  old_id  INTEGER NOT NULL,                    -- the ended position / 'remove' act / moved row
  new_id  INTEGER,                             -- the new position / 'add' act (NULL for moved rows)
  from_unit_id INTEGER,
  to_unit_id   INTEGER
);
CREATE INDEX reorg_moves_act ON reorg_moves(act_id);

-- canbo schema 6 (appt): guards of the relatives table, so every writer
-- (form, API, import) gets the same clear error: a cadre is not their own
-- relative, and a pair is stored once (the reverse relation is implied).
-- SQLite trigger syntax (the PostgreSQL backend will need its own form).
CREATE TRIGGER relatives_not_self BEFORE INSERT ON relatives
WHEN new.cadre_id = new.relative_id
BEGIN
  SELECT RAISE(ABORT, 'a cadre cannot be their own relative');
END;
CREATE TRIGGER relatives_once BEFORE INSERT ON relatives
WHEN EXISTS (SELECT 1 FROM relatives WHERE (cadre_id = new.cadre_id AND relative_id = new.relative_id)
                                        OR (cadre_id = new.relative_id AND relative_id = new.cadre_id))
BEGIN
  SELECT RAISE(ABORT, 'this pair of cadres is already recorded as relatives (the reverse relation is implied)');
END;
-- The due list and the long-tenure report read appointments by unit and title.
CREATE INDEX appointments_unit_title ON appointments(unit_id, title_id, cadre_id);
CREATE INDEX rotations_to_unit ON rotations(to_unit_id);
CREATE INDEX proposals_unit ON proposals(unit_id);
-- An officer's reason for deciding an appointment despite a failed rule (audited).
ALTER TABLE appointments ADD COLUMN override TEXT;

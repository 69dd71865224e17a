-- canbo schema 6, PostgreSQL form of src/schema/0006_appt_relatives.sql: the guards of
-- the relatives table as one BEFORE INSERT trigger function raising the same messages
-- as SQLite's RAISE(ABORT, ...), in the same order (self first, then the pair).
CREATE FUNCTION relatives_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.cadre_id = NEW.relative_id THEN
    RAISE EXCEPTION 'a cadre cannot be their own relative';
  END IF;
  IF EXISTS (SELECT 1 FROM relatives WHERE (cadre_id = NEW.cadre_id AND relative_id = NEW.relative_id)
                                        OR (cadre_id = NEW.relative_id AND relative_id = NEW.cadre_id)) THEN
    RAISE EXCEPTION 'this pair of cadres is already recorded as relatives (the reverse relation is implied)';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER relatives_not_self BEFORE INSERT ON relatives
  FOR EACH ROW WHEN (NEW.cadre_id = NEW.relative_id) EXECUTE FUNCTION relatives_guard();
CREATE TRIGGER relatives_once BEFORE INSERT ON relatives
  FOR EACH ROW WHEN (NEW.cadre_id <> NEW.relative_id) EXECUTE FUNCTION relatives_guard();
-- The due list and the long-tenure report read appointments by unit and title.
CREATE INDEX appointments_unit_title ON appointments(unit_id, title_id, cadre_id);
CREATE INDEX rotations_to_unit ON rotations(to_unit_id);
CREATE INDEX proposals_unit ON proposals(unit_id);
-- An officer's reason for deciding an appointment despite a failed rule (audited).
ALTER TABLE appointments ADD COLUMN override TEXT;

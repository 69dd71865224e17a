-- canbo schema 53: a rotation or transfer recorded in error is voided (domain/rotation_void.c), as the records of a
-- file are (schema 12): it keeps its row with who voided it, when and why, and leaves the lists, the annual report,
-- the exports and the documents. The same on both engines (PostgreSQL: schema/pg/0053).
ALTER TABLE rotations ADD COLUMN voided_at TEXT;
ALTER TABLE rotations ADD COLUMN voided_by TEXT;
ALTER TABLE rotations ADD COLUMN void_reason TEXT;

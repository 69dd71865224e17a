-- canbo schema 53, the PostgreSQL twin of schema/0053_rotation_void.sql: a voided rotation keeps its row.
ALTER TABLE rotations ADD COLUMN voided_at TEXT;
ALTER TABLE rotations ADD COLUMN voided_by TEXT;
ALTER TABLE rotations ADD COLUMN void_reason TEXT;

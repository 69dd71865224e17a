-- canbo schema 49 (the twin of schema/0049_trainings_in_order.sql): a cadre's trainings read in the order they are
-- listed (start date, then id), without a sort.
DROP INDEX IF EXISTS trainings_cadre;
CREATE INDEX trainings_cadre ON training_records(cadre_id, start_date, id);

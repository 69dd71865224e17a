-- canbo schema 34 (issue 9, annual report): the annual report counts and lists
-- the trainings started in a year (domain/report_annual.c); without this index
-- SQLite read every training record of the city for each of its queries.
CREATE INDEX IF NOT EXISTS trainings_start_date ON training_records(start_date);
-- The report's "does the subtree hold titles of this category" walks the
-- category's titles, then their positions by this index (it read every
-- position record: 80 ms at 100,000 cadres, on each dashboard view too).
CREATE INDEX IF NOT EXISTS positions_title ON position_records(title_id, start_date);

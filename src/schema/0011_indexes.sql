-- canbo schema 11: indexes found missing by the benchmark on a 100,000-cadre demo.
CREATE INDEX IF NOT EXISTS evaluations_year ON evaluations(year);

-- canbo schema 16, PostgreSQL form of src/schema/0016_import_mapping.sql (same tables, columns,
-- indexes and rows; kinds as in pg/0001_init.sql).
-- canbo schema 16 (issue 8, import of the files boards keep):
-- the column mapping a board chose on the web import, remembered for the next file,
-- and uploads waiting for their mapping (kept one day).
CREATE TABLE IF NOT EXISTS import_header_map (
  kind       TEXT NOT NULL,
  header_key TEXT NOT NULL,          -- the header folded (vi_fold, trailing '*' dropped)
  field      TEXT NOT NULL,          -- a column of the kind, or '' to leave the column out
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (kind, header_key)
);
CREATE TABLE IF NOT EXISTS import_uploads (
  token      TEXT PRIMARY KEY,       -- random, hex
  username   TEXT NOT NULL,
  kind       TEXT NOT NULL,
  filename   TEXT NOT NULL,
  data       TEXT NOT NULL,          -- the file as uploaded, base64
  created_at TEXT NOT NULL
);

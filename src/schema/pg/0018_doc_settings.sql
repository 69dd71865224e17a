-- canbo schema 18, PostgreSQL form of src/schema/0018_doc_settings.sql (same tables, columns,
-- indexes and rows; kinds as in pg/0001_init.sql).
-- canbo schema 18 (issue 10, documents ready to sign): what a board enters when it
-- generates a document, remembered per issuing unit and kind of document, so the
-- next document of that kind comes pre-filled (docs/DOCUMENTS.md).
CREATE TABLE doc_settings (
  unit_id     BIGINT NOT NULL REFERENCES units(id),
  kind        TEXT NOT NULL,              -- mau-2c | to-trinh | bien-ban | quyet-dinh | danh-sach | bao-cao
  layout      TEXT NOT NULL DEFAULT 'party' CHECK (layout IN ('party','state')),
  body_parent TEXT,                       -- upper line of the issuing body ("ĐẢNG BỘ TỈNH QUẢNG NINH")
  body_name   TEXT,                       -- the issuing body itself ("THÀNH ỦY MÓNG CÁI")
  symbol      TEXT,                       -- the body's part of the number ("TU" in "Số 12-QĐ/TU")
  place       TEXT,                       -- place of the place-and-date line ("Móng Cái")
  authority   TEXT,                       -- "T/M BAN THƯỜNG VỤ", "" for none
  signer_post TEXT,                       -- "BÍ THƯ"
  signer_name TEXT,
  recipients  TEXT,                       -- the usual recipients, one per line
  updated_at  TEXT NOT NULL,
  updated_by  TEXT,
  PRIMARY KEY (unit_id, kind)
);

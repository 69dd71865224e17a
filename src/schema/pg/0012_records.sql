-- canbo schema 12, PostgreSQL form of src/schema/0012_records.sql: the same tables,
-- views, columns and indexes (kinds as in pg/0001_init.sql). The views are created
-- after the last column of their table is added: PostgreSQL fixes a view's columns when
-- it is created (SQLite expands * when read), so a later migration adding a column to
-- an X_records table must recreate its view here too (the parity test compares views).
-- Rows copied with their ids (evaluation_records, family_records) move the identity past them.
-- canbo schema 12: keeping the records (docs/RECORDS.md).
--
-- 1. Nothing is deleted. Each record table that a board corrects by hand is
--    renamed X_records and gains version, voided_at, voided_by, void_reason;
--    a view with the old name shows the live rows (voided_at IS NULL), so
--    every read of "cadres", "positions", ... leaves voided rows out without
--    knowing about them. Writes go to the X_records tables.
-- 2. The personal-history form (Mẫu 2C) gets its missing fields.
-- 3. Dated values: degree, llct_level, qlnn_level, unit_id, party_join_date
--    and party_official_date can change from a date; cadre_values keeps each
--    value with the day it holds from ('0001-01-01' = since always), the cadre row
--    keeps today's value, and cadre_records.dated says whether any dated row
--    exists (most cadres have none, so reads at a date stay cheap).
-- 4. record_history: every change of every record (form, API, import, act),
--    with who, when, old and new value, effective date and reason.
-- 5. Family members who are not cadres (Mẫu 2C family table); the relatives
--    table of cadre-to-cadre links (REL-1/REL-2) becomes a view of them.
-- 6. Users can be disabled.

-- ---- 1 + 2: cadres -------------------------------------------------------
-- (SQLite drops its FTS5 table and triggers here; the GIN index cadre_fts follows the rename.)
ALTER TABLE cadres RENAME TO cadre_records;
ALTER TABLE cadre_records ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE cadre_records ADD COLUMN voided_at TEXT;
ALTER TABLE cadre_records ADD COLUMN voided_by TEXT;
ALTER TABLE cadre_records ADD COLUMN void_reason TEXT;
ALTER TABLE cadre_records ADD COLUMN dated BIGINT NOT NULL DEFAULT 0;
-- Mẫu 2C fields (section numbers of the form in comments)
ALTER TABLE cadre_records ADD COLUMN other_names TEXT;            -- 1 tên gọi khác
ALTER TABLE cadre_records ADD COLUMN permanent_address TEXT;      -- 4 nơi đăng ký thường trú
ALTER TABLE cadre_records ADD COLUMN residence TEXT;              -- 4 nơi ở hiện nay
ALTER TABLE cadre_records ADD COLUMN phone TEXT;                  -- 4 điện thoại
ALTER TABLE cadre_records ADD COLUMN recruitment_occupation TEXT; -- 5 nghề nghiệp khi được tuyển dụng
ALTER TABLE cadre_records ADD COLUMN recruitment_date TEXT;       -- 5 ngày tuyển dụng
ALTER TABLE cadre_records ADD COLUMN recruitment_agency TEXT;     -- 5 cơ quan tuyển dụng
ALTER TABLE cadre_records ADD COLUMN main_duties TEXT;            -- 6 công việc chính được giao
ALTER TABLE cadre_records ADD COLUMN civil_service_rank TEXT;     -- 7 ngạch công chức
ALTER TABLE cadre_records ADD COLUMN rank_code TEXT;              -- 7 mã ngạch
ALTER TABLE cadre_records ADD COLUMN salary_step TEXT;            -- 7 bậc lương
ALTER TABLE cadre_records ADD COLUMN salary_coefficient TEXT;     -- 7 hệ số ("4.98")
ALTER TABLE cadre_records ADD COLUMN salary_since TEXT;           -- 7 ngày hưởng
ALTER TABLE cadre_records ADD COLUMN position_allowance TEXT;     -- 7 phụ cấp chức vụ
ALTER TABLE cadre_records ADD COLUMN other_allowance TEXT;        -- 7 phụ cấp khác
ALTER TABLE cadre_records ADD COLUMN foreign_language TEXT;       -- 8 ngoại ngữ
ALTER TABLE cadre_records ADD COLUMN it_level TEXT;               -- 8 tin học
ALTER TABLE cadre_records ADD COLUMN mass_org_join_date TEXT;     -- 9 ngày tham gia tổ chức chính trị - xã hội
ALTER TABLE cadre_records ADD COLUMN enlistment_date TEXT;        -- 10 ngày nhập ngũ
ALTER TABLE cadre_records ADD COLUMN discharge_date TEXT;         -- 10 ngày xuất ngũ
ALTER TABLE cadre_records ADD COLUMN military_rank TEXT;          -- 10 quân hàm cao nhất
ALTER TABLE cadre_records ADD COLUMN honors TEXT;                 -- 11 danh hiệu được phong tặng
ALTER TABLE cadre_records ADD COLUMN forte TEXT;                  -- 11 sở trường công tác
ALTER TABLE cadre_records ADD COLUMN awards TEXT;                 -- 12 khen thưởng
ALTER TABLE cadre_records ADD COLUMN health TEXT;                 -- 13 tình trạng sức khỏe
ALTER TABLE cadre_records ADD COLUMN height_cm TEXT;              -- 13 chiều cao
ALTER TABLE cadre_records ADD COLUMN weight_kg TEXT;              -- 13 cân nặng
ALTER TABLE cadre_records ADD COLUMN blood_type TEXT;             -- 13 nhóm máu
ALTER TABLE cadre_records ADD COLUMN war_invalid_grade TEXT;      -- 13 thương binh hạng
ALTER TABLE cadre_records ADD COLUMN policy_family TEXT;          -- 13 gia đình chính sách
ALTER TABLE cadre_records ADD COLUMN id_number TEXT;              -- 14 số CCCD
ALTER TABLE cadre_records ADD COLUMN id_issue_date TEXT;          -- 14 ngày cấp
ALTER TABLE cadre_records ADD COLUMN social_insurance_no TEXT;    -- 14 số sổ BHXH
ALTER TABLE cadre_records ADD COLUMN personal_history TEXT;       -- đặc điểm lịch sử bản thân
ALTER TABLE cadre_records ADD COLUMN assessment TEXT;             -- nhận xét, đánh giá của cơ quan quản lý
CREATE VIEW cadres AS SELECT * FROM cadre_records WHERE voided_at IS NULL;

-- The search index: SQLite recreates its FTS5 table over cadre_records here. The GIN
-- index cadre_fts of pg/0001_init.sql was renamed along with its table and already
-- covers every row, voided ones too (searches join the live view, as on SQLite).

-- ---- 1: positions, trainings, disciplines ---------------------------------
ALTER TABLE positions RENAME TO position_records;
ALTER TABLE position_records ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE position_records ADD COLUMN voided_at TEXT;
ALTER TABLE position_records ADD COLUMN voided_by TEXT;
ALTER TABLE position_records ADD COLUMN void_reason TEXT;
CREATE VIEW positions AS SELECT * FROM position_records WHERE voided_at IS NULL;

ALTER TABLE trainings RENAME TO training_records;
ALTER TABLE training_records ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE training_records ADD COLUMN voided_at TEXT;
ALTER TABLE training_records ADD COLUMN voided_by TEXT;
ALTER TABLE training_records ADD COLUMN void_reason TEXT;
ALTER TABLE training_records ADD COLUMN level TEXT;   -- the degree reached by a completed 'degree' course (dai_hoc...)
ALTER TABLE training_records ADD COLUMN major TEXT;   -- chuyên ngành
ALTER TABLE training_records ADD COLUMN mode TEXT;    -- hình thức: chính quy, tại chức...
CREATE VIEW trainings AS SELECT * FROM training_records WHERE voided_at IS NULL;

ALTER TABLE disciplines RENAME TO discipline_records;
ALTER TABLE discipline_records ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE discipline_records ADD COLUMN voided_at TEXT;
ALTER TABLE discipline_records ADD COLUMN voided_by TEXT;
ALTER TABLE discipline_records ADD COLUMN void_reason TEXT;
CREATE VIEW disciplines AS SELECT * FROM discipline_records WHERE voided_at IS NULL;

-- Evaluations: one live rating per cadre and year (a voided one does not block a new one).
CREATE TABLE evaluation_records (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  cadre_id    BIGINT NOT NULL REFERENCES cadre_records(id),
  year        BIGINT NOT NULL,
  rating      TEXT NOT NULL CHECK (rating IN ('excellent','good','completed','failed')),
  score       BIGINT,
  version     BIGINT NOT NULL DEFAULT 1,
  voided_at   TEXT,
  voided_by   TEXT,
  void_reason TEXT
);
INSERT INTO evaluation_records(id, cadre_id, year, rating, score) SELECT id, cadre_id, year, rating, score FROM evaluations;
DO $$ BEGIN PERFORM setval(pg_get_serial_sequence('evaluation_records', 'id'), coalesce(max(id), 0) + 1, false) FROM evaluation_records; END $$;
DROP TABLE evaluations;
CREATE UNIQUE INDEX evaluation_records_live ON evaluation_records(cadre_id, year) WHERE voided_at IS NULL;
CREATE INDEX evaluations_year ON evaluation_records(year);
CREATE VIEW evaluations AS SELECT * FROM evaluation_records WHERE voided_at IS NULL;

-- ---- 3: dated values ---------------------------------------------------------
CREATE TABLE cadre_values (
  id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  cadre_id   BIGINT NOT NULL REFERENCES cadre_records(id),
  field      TEXT NOT NULL CHECK (field IN ('degree','llct_level','qlnn_level','unit_id','party_join_date','party_official_date')),
  value      TEXT,                      -- the stored value (unit_id as its decimal text); NULL = none
  valid_from TEXT NOT NULL              -- YYYY-MM-DD; '0001-01-01' = since always (sorts first everywhere)
);
CREATE INDEX cadre_values_at ON cadre_values(cadre_id, field, valid_from);
CREATE INDEX cadre_values_from ON cadre_values(valid_from);

-- ---- 4: history of every record ------------------------------------------------
CREATE TABLE record_history (
  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  cadre_id       BIGINT,               -- whose file the change belongs to (NULL: not a cadre's, e.g. a user)
  entity         TEXT NOT NULL,         -- cadre | position | training | evaluation | discipline | family | user
  entity_id      BIGINT NOT NULL,
  action         TEXT NOT NULL,         -- create | update | void | restore
  field          TEXT,                  -- the field changed (update), NULL otherwise
  old            TEXT,
  new            TEXT,
  effective_date TEXT,                  -- from when the new value holds (dated fields), else NULL
  reason         TEXT,
  source         TEXT NOT NULL,         -- form | api | import | cli | act:rotation:ID | act:appointment:ID | act:training:ID | demo
  at             TEXT NOT NULL,         -- UTC "YYYY-MM-DDTHH:MM:SSZ"
  actor          TEXT NOT NULL          -- username, or "cli:<os user>"
);
CREATE INDEX record_history_cadre ON record_history(cadre_id, id);
CREATE INDEX record_history_entity ON record_history(entity, entity_id, id);

-- ---- 5: family -------------------------------------------------------------------
CREATE TABLE family_records (
  id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  cadre_id          BIGINT NOT NULL REFERENCES cadre_records(id),
  relation          TEXT NOT NULL CHECK (relation IN ('spouse','parent','child','sibling','parent_in_law','child_in_law','sibling_in_law')),
  full_name         TEXT NOT NULL,
  birth_year        BIGINT,
  hometown          TEXT,
  occupation        TEXT,                -- nghề nghiệp, chức danh, chức vụ
  workplace         TEXT,                -- đơn vị công tác, học tập
  residence         TEXT,                -- nơi ở
  relative_cadre_id BIGINT REFERENCES cadre_records(id),  -- set when the family member is a cadre (REL-1/REL-2)
  version           BIGINT NOT NULL DEFAULT 1,
  voided_at         TEXT,
  voided_by         TEXT,
  void_reason       TEXT
);
CREATE INDEX family_records_cadre ON family_records(cadre_id);
CREATE INDEX family_records_relative ON family_records(relative_cadre_id);
INSERT INTO family_records(id, cadre_id, relation, full_name, birth_year, relative_cadre_id)
  SELECT r.id, r.cadre_id, r.relation, c.full_name, CAST(substr(c.birth_date, 1, 4) AS BIGINT), r.relative_id
  FROM relatives r JOIN cadre_records c ON c.id = r.relative_id;
DO $$ BEGIN PERFORM setval(pg_get_serial_sequence('family_records', 'id'), coalesce(max(id), 0) + 1, false) FROM family_records; END $$;
DROP TABLE relatives;   -- its triggers go with it
DROP FUNCTION relatives_guard();
CREATE VIEW family_members AS SELECT * FROM family_records WHERE voided_at IS NULL;
-- Cadre-to-cadre links as the rules read them: stored once, the reverse implied.
CREATE VIEW relatives AS
  SELECT id, cadre_id, relative_cadre_id AS relative_id, relation FROM family_records
  WHERE relative_cadre_id IS NOT NULL AND voided_at IS NULL;
-- SQLite's two BEFORE INSERT triggers with RAISE(ABORT, ...): the same conditions and messages.
CREATE FUNCTION family_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_NAME = 'family_not_self' THEN
    RAISE EXCEPTION 'a cadre cannot be their own relative';
  END IF;
  IF EXISTS (SELECT 1 FROM family_records
             WHERE voided_at IS NULL AND ((cadre_id = NEW.cadre_id AND relative_cadre_id = NEW.relative_cadre_id)
                OR (cadre_id = NEW.relative_cadre_id AND relative_cadre_id = NEW.cadre_id))) THEN
    RAISE EXCEPTION 'this pair of cadres is already recorded as relatives (the reverse relation is implied)';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER family_not_self BEFORE INSERT ON family_records
  FOR EACH ROW WHEN (NEW.relative_cadre_id = NEW.cadre_id) EXECUTE FUNCTION family_guard();
CREATE TRIGGER family_link_once BEFORE INSERT ON family_records
  FOR EACH ROW WHEN (NEW.relative_cadre_id IS NOT NULL) EXECUTE FUNCTION family_guard();

-- An officer's reason for recording a rotation despite a failed rule (as planning and appointments have).
ALTER TABLE rotations ADD COLUMN override TEXT;

-- Settings of the installation (domain/settings.h), e.g. "province" for the Mẫu 2C header.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- ---- 6: users ------------------------------------------------------------------------
ALTER TABLE users ADD COLUMN disabled BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN updated_at TEXT;

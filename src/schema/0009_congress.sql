-- canbo schema 9: congress personnel plans (phương án nhân sự đại hội) and
-- the CONG rule versions of REGULATIONS.md (Chỉ thị 35-CT/TW for the term
-- 2020-2025, Chỉ thị 45-CT/TW for the term 2025-2030).
--
-- A plan is made for a unit and a term; it has variants (phương án), one of
-- which may be chosen; a variant lists its members, each in the highest body
-- proposed for them: committee (BCH) < standing (BTV) < deputy_secretary <
-- secretary (a standing member is also a committee member, and so on).
-- Re-elected or first-time is derived from the outgoing committee at the
-- reckoning date unless `reelected` overrides it (0 / 1).

CREATE TABLE congress_plans (
  id             INTEGER PRIMARY KEY,
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  term           TEXT NOT NULL,               -- "2025-2030"
  reckoning_date TEXT NOT NULL,               -- ages and months of service are counted at this date
  congress_date  TEXT,                        -- the congress itself, when known
  prev_max_size  INTEGER,                     -- the previous term's maximum committee size (CONG-4)
  status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','closed')),
  note           TEXT,
  created_at     TEXT NOT NULL,
  created_by     TEXT,
  UNIQUE (unit_id, term)
);

CREATE TABLE congress_variants (
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL REFERENCES congress_plans(id),
  name       TEXT NOT NULL,
  chosen     INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (plan_id, name)
);
CREATE INDEX congress_variants_plan ON congress_variants(plan_id);

CREATE TABLE congress_members (
  variant_id INTEGER NOT NULL REFERENCES congress_variants(id),
  cadre_id   INTEGER NOT NULL REFERENCES cadres(id),
  body       TEXT NOT NULL CHECK (body IN ('committee','standing','deputy_secretary','secretary')),
  reelected  INTEGER CHECK (reelected IN (0, 1)), -- NULL: derived from the outgoing committee
  PRIMARY KEY (variant_id, cadre_id)
);
CREATE INDEX congress_members_cadre ON congress_members(cadre_id);

-- The CONG rules. Each version names its term in params.term: a plan uses
-- the versions of its term (the directive in force for that congress), so
-- a 2025-2030 grassroots plan reckoned in 04/2025 still uses CT 45 although
-- CT 45 is dated 14/4/2025. Percentages are of the committee (BCH) size.
INSERT INTO rule_versions(rule, title, params, basis, effective_from, effective_to, confidence, note) VALUES
-- Chỉ thị 35-CT/TW (30/5/2019), Hướng dẫn 26-HD/BTCTW: term 2020-2025
('CONG-1', 'Tỷ lệ nữ cấp ủy viên', '{"term":"2020-2025","min_pct":15}',
 'Chỉ thị 35-CT/TW ngày 30/5/2019; Hướng dẫn 26-HD/BTCTW', '2019-05-30', '2025-04-13', 'V', NULL),
('CONG-2', 'Tỷ lệ cấp ủy viên trẻ (dưới 40 tuổi, cấp tỉnh, cấp huyện)', '{"term":"2020-2025","min_pct":10,"age":40,"levels":["province","district"]}',
 'Chỉ thị 35-CT/TW ngày 30/5/2019; Hướng dẫn 26-HD/BTCTW', '2019-05-30', '2025-04-13', 'V',
 'Chỉ áp dụng cấp tỉnh, cấp huyện; cấp xã, cơ sở: không áp dụng (xem CONG-3).'),
('CONG-3', 'Cơ cấu ba độ tuổi: dưới 40 tuổi, từ 40 đến 50 tuổi, trên 50 tuổi', '{"term":"2020-2025","under40_min_pct":10,"mid_min_pct":40,"mid_max_pct":50,"mid_from":40,"mid_to":50}',
 'Chỉ thị 35-CT/TW ngày 30/5/2019; Hướng dẫn 26-HD/BTCTW', '2019-05-30', '2025-04-13', 'V',
 'Tuổi tròn năm tại ngày tính tuổi; "từ 40 đến 50" gồm cả 40 và 50 tuổi; nhóm giữa là "khoảng" nên ngoài khoảng chỉ cảnh báo.'),
('CONG-4', 'Số lượng cấp ủy viên cấp tỉnh, cấp huyện giảm khoảng 5% so với số tối đa nhiệm kỳ trước', '{"term":"2020-2025","reduce_pct":5,"levels":["province","district"]}',
 'Chỉ thị 35-CT/TW ngày 30/5/2019; Hướng dẫn 26-HD/BTCTW', '2019-05-30', '2025-04-13', 'V',
 'Cần nhập số ủy viên tối đa của nhiệm kỳ trước; vượt mức giảm 5% là cảnh báo, vượt số tối đa là không đạt.'),
('CONG-7', 'Một bí thư; số phó bí thư theo quy định', '{"term":"2020-2025","secretaries":1}',
 'Điều lệ Đảng; Chỉ thị 35-CT/TW ngày 30/5/2019', '2019-05-30', '2025-04-13', 'U',
 'Số phó bí thư không nêu ở đây (chỉ báo cáo).'),
('CONG-8', 'Bí thư cấp ủy cấp tỉnh, cấp huyện không là người địa phương', '{"term":"2020-2025","levels":["province","district"],"commune_result":"warn"}',
 'Chỉ thị 35-CT/TW ngày 30/5/2019; Quy định 65-QĐ/TW', '2019-05-30', '2025-04-13', 'V',
 'Người địa phương: quê quán chứa tên địa bàn của đơn vị (so không dấu). Cấp xã: cảnh báo.'),
('CONG-9', 'Tham gia cấp ủy lần đầu: đủ tuổi công tác trọn một nhiệm kỳ (tỉnh, huyện: sinh từ tháng mốc trở về sau)',
 '{"term":"2020-2025","min_months":60,"born_from_province_M":"1965-09","born_from_province_F":"1970-09","born_from_district_M":"1965-06","born_from_district_F":"1970-06"}',
 'Chỉ thị 35-CT/TW ngày 30/5/2019; Hướng dẫn 26-HD/BTCTW', '2019-05-30', '2025-04-13', 'V',
 'Cấp tỉnh, cấp huyện dùng tháng sinh mốc; cấp xã, cơ sở: còn ít nhất 60 tháng công tác tại ngày tính tuổi.'),
('CONG-10', 'Tái cử cấp ủy: còn đủ thời gian công tác (xã: ít nhất 30 tháng tại thời điểm đại hội; tỉnh, huyện: sinh từ tháng mốc)',
 '{"term":"2020-2025","min_months":30,"born_from_province_M":"1963-03","born_from_province_F":"1968-03","born_from_district_M":"1962-12","born_from_district_F":"1967-12"}',
 'Chỉ thị 35-CT/TW ngày 30/5/2019; Hướng dẫn 26-HD/BTCTW', '2019-05-30', '2025-04-13', 'V',
 'Cấp cơ sở dùng mức của cấp xã (30 tháng): văn bản tóm tắt không nêu riêng.'),
('CONG-11', 'Tỷ lệ đổi mới cấp ủy (cấp ủy viên lần đầu so với cấp ủy khóa trước): báo cáo', '{"term":"2020-2025"}',
 'Chỉ thị 35-CT/TW ngày 30/5/2019; Hướng dẫn 26-HD/BTCTW', '2019-05-30', '2025-04-13', 'V', 'Chỉ báo cáo, không có mức tối thiểu.'),
-- Chỉ thị 45-CT/TW (14/4/2025): term 2025-2030
('CONG-1', 'Tỷ lệ nữ cấp ủy viên', '{"term":"2025-2030","min_pct":15}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'U', 'Giữ mức 15% của Chỉ thị 35; chưa đối chiếu văn bản Chỉ thị 45.'),
('CONG-2', 'Tỷ lệ cấp ủy viên trẻ (dưới 40 tuổi, cấp tỉnh, cấp huyện)', '{"term":"2025-2030","min_pct":10,"age":40,"levels":["province","district"]}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'U', 'Giữ mức của Chỉ thị 35; chưa đối chiếu văn bản Chỉ thị 45.'),
('CONG-3', 'Cơ cấu ba độ tuổi: dưới 40 tuổi, từ 40 đến 50 tuổi, trên 50 tuổi', '{"term":"2025-2030","under40_min_pct":10,"mid_min_pct":40,"mid_max_pct":50,"mid_from":40,"mid_to":50}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'U', 'Giữ cơ cấu của Chỉ thị 35; chưa đối chiếu văn bản Chỉ thị 45.'),
('CONG-4', 'Số lượng cấp ủy viên cấp tỉnh, cấp huyện giảm khoảng 5% so với số tối đa nhiệm kỳ trước', '{"term":"2025-2030","reduce_pct":5,"levels":["province","district"]}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'U', 'Giữ mức của Chỉ thị 35; chưa đối chiếu văn bản Chỉ thị 45.'),
('CONG-5', 'Ban Chấp hành đảng bộ xã, phường mới: từ 27 đến 33 ủy viên', '{"term":"2025-2030","min":27,"max":33,"levels":["commune"]}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'V', NULL),
('CONG-6', 'Ban Thường vụ đảng ủy xã, phường mới: từ 9 đến 11 ủy viên', '{"term":"2025-2030","min":9,"max":11,"levels":["commune"]}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'V', NULL),
('CONG-7', 'Một bí thư và 2 phó bí thư (xã, phường mới)', '{"term":"2025-2030","secretaries":1,"deputies":2,"levels":["commune"]}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'V', 'Số phó bí thư chỉ kiểm tra ở cấp xã; nơi khác chỉ báo cáo.'),
('CONG-8', 'Bí thư cấp ủy cấp tỉnh không là người địa phương; cấp xã: khuyến khích', '{"term":"2025-2030","levels":["province","district"],"commune_result":"warn"}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025; Quy định 65-QĐ/TW', '2025-04-14', NULL, 'V',
 'Người địa phương: quê quán chứa tên địa bàn của đơn vị (so không dấu). Cấp xã: cảnh báo.'),
('CONG-9', 'Tham gia cấp ủy lần đầu: còn đủ thời gian công tác trọn một nhiệm kỳ', '{"term":"2025-2030","min_months":60}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'V', 'Một nhiệm kỳ = 60 tháng tính từ tháng tính tuổi.'),
('CONG-10', 'Tái cử cấp ủy: còn ít nhất 48 tháng công tác (phó bí thư cấp tỉnh: 42 tháng)', '{"term":"2025-2030","min_months":48,"min_months_deputy_province":42}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'V', NULL),
('CONG-11', 'Tỷ lệ đổi mới cấp ủy (cấp ủy viên lần đầu so với cấp ủy khóa trước): báo cáo', '{"term":"2025-2030"}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'V', 'Chỉ báo cáo, không có mức tối thiểu.'),
('CONG-12', 'Thời điểm tính tuổi tham gia cấp ủy theo cấp', '{"term":"2025-2030","grassroots":"2025-04","district":"2025-06","commune":"2025-07","province":"2025-09"}',
 'Chỉ thị 45-CT/TW ngày 14/4/2025', '2025-04-14', NULL, 'V',
 'Cơ sở 04/2025; cấp trên cơ sở (cấp huyện) 06/2025; xã, phường 07/2025; cấp tỉnh 09/2025. Ngày tính tuổi mặc định là ngày 01 của tháng đó.');

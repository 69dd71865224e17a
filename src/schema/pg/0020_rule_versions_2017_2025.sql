-- canbo schema 20, PostgreSQL form of src/schema/0020_rule_versions_2017_2025.sql: the
-- same columns and the same rows with the same ids. INSERT OR IGNORE becomes
-- ON CONFLICT DO NOTHING, with a NOT EXISTS on (rule, effective_from) first so that a
-- skipped row does not use up an identity value (SQLite's rowid skips nothing); the
-- copies are inserted in the order SQLite reads mig20_copy (ORDER BY ord).
-- canbo schema 20 (issue 11): the rules as they stood on each date, 2017 to
-- 2025 (docs/RULES.md lists every version), Party membership of titles, the
-- reappointment procedure's own thresholds, and bases a board can cite.
--
-- 1. rule_versions.convention and findings.convention: canbo's own
--    conventions ("Quy ước của hệ thống") are kept apart from the legal
--    basis, which names real texts only.
-- 2. titles.requires_party ('none' | 'member' | 'official'; NULL = the
--    default: 'official' for Party posts -- function party_secretary or
--    party_deputy_secretary, category committee or standing) and
--    titles.standard_basis (the unit's own standard text for the title,
--    entered by an administrator).
-- 3. Versions. The seeded rows of schema 0003 said "from 2017-01-01" for
--    texts of 2021-2023; each family now has one version per text:
--      appointment: QĐ 68-QĐ/TW (04/7/2007) to 18/12/2017, QĐ 105-QĐ/TW
--        (19/12/2017) to 17/08/2022, QĐ 80-QĐ/TW (18/8/2022) to 07/10/2025,
--        QĐ 377-QĐ/TW (08/10/2025) from then;
--      planning: NQ 42-NQ/TW with HD 15-HD/BTCTW (2012) and HD 06-HD/BTCTW
--        (24/02/2017) to 26/12/2021, QĐ 50-QĐ/TW (27/12/2021) to 07/10/2025,
--        QĐ 377-QĐ/TW from 08/10/2025;
--      rotation: NQ 11-NQ/TW (2002) to 06/10/2017, QĐ 98-QĐ/TW (07/10/2017)
--        to 27/04/2022, QĐ 65-QĐ/TW (28/4/2022) from then;
--      evaluation: QĐ 262-QĐ/TW (2014) to 07/03/2018, QĐ 132-QĐ/TW
--        (08/3/2018) to 03/10/2023, QĐ 124-QĐ/TW (04/10/2023) from then;
--      State: Luật CBCC 2008 Điều 82 before and after its 2019 amendment,
--        QĐ 27/2003/QĐ-TTg before Nghị định 138/2020 (from 01/12/2020).
--    A seeded row keeps its parameters (an administrator's edits stay) and
--    moves to the dates of its own text; the versions before and after copy
--    the nearest known parameters. Where a value is not confirmed by a
--    public source the version is U and its note says what is unknown.
--    Rows are only moved when nothing an administrator did contradicts it
--    (see the guards); new rows are INSERT OR IGNORE on (rule, effective_from)
--    (SQLite syntax; the PostgreSQL backend will need ON CONFLICT DO NOTHING).

ALTER TABLE rule_versions ADD COLUMN convention TEXT;
ALTER TABLE findings ADD COLUMN convention TEXT;
ALTER TABLE titles ADD COLUMN requires_party TEXT CHECK (requires_party IN ('none','member','official'));
ALTER TABLE titles ADD COLUMN standard_basis TEXT;

-- ---- helpers: a temporary table of the moves, applied with one statement each ----
CREATE TEMP TABLE mig20_move (rule TEXT, new_from TEXT, new_to TEXT, basis TEXT, confidence TEXT, note TEXT);

-- The seeded row of `rule` dated 2017-01-01 moves to [new_from, new_to] with its own text.
INSERT INTO mig20_move VALUES
('PLAN-3', '2021-12-27', '2025-10-07', 'Quy định 50-QĐ/TW ngày 27/12/2021', 'V', NULL),
('PLAN-4', '2021-12-27', '2025-10-07', 'Quy định 50-QĐ/TW ngày 27/12/2021; Hướng dẫn 16-HD/BTCTW ngày 15/02/2022', 'V', NULL),
('PLAN-5', '2021-12-27', '2025-10-07', 'Quy định 50-QĐ/TW ngày 27/12/2021; Hướng dẫn 16-HD/BTCTW ngày 15/02/2022', 'V', NULL),
('PLAN-5a', '2021-12-27', '2025-10-07', 'Quy định 50-QĐ/TW ngày 27/12/2021; Hướng dẫn 16-HD/BTCTW ngày 15/02/2022', 'U',
 'Trung ương dưới 45, cấp tỉnh và cấp huyện dưới 40 (QĐ 50); cấp xã và cơ sở: văn bản không nêu, hệ thống lấy dưới 35 tuổi (tham số).'),
('PLAN-6', '2021-12-27', '2025-10-07', 'Quy định 50-QĐ/TW ngày 27/12/2021; Hướng dẫn 16-HD/BTCTW ngày 15/02/2022', 'V', NULL),
('PLAN-7', '2021-12-27', '2025-10-07', 'Quy định 50-QĐ/TW ngày 27/12/2021', 'V', NULL),
('PLAN-8', '2021-12-27', '2025-10-07', 'Quy định 50-QĐ/TW ngày 27/12/2021', 'V',
 'Đương nhiên đưa ra khỏi quy hoạch: quá tuổi quy hoạch, bị kỷ luật từ khiển trách trở lên, cấp có thẩm quyền kết luận không bảo đảm tiêu chuẩn chính trị.'),
('PLAN-9', '2021-12-27', '2025-10-07', 'Quy định 50-QĐ/TW ngày 27/12/2021', 'V', NULL),
('PLAN-10', '2021-12-27', '2025-10-07', 'Hướng dẫn 16-HD/BTCTW ngày 15/02/2022', 'U', 'Hệ số 1,5 lần là giả định, cần đối chiếu.'),
('PLAN-11', '2021-12-27', '2025-10-07', 'Quy định 50-QĐ/TW ngày 27/12/2021', 'V', NULL),
('APPT-1', '2022-08-18', '2025-10-07', 'Quy định 80-QĐ/TW ngày 18/8/2022, Điều 18 khoản 2', 'V', NULL),
('APPT-2', '2022-08-18', '2025-10-07', 'Quy định 80-QĐ/TW ngày 18/8/2022, Điều 18 khoản 3', 'V', NULL),
('APPT-3', '2022-08-18', '2025-10-07', 'Quy định 80-QĐ/TW ngày 18/8/2022, Điều 18 khoản 5; Hướng dẫn 06-HD/BTCTW ngày 26/7/2021', 'V',
 'Đủ tuổi công tác trọn một nhiệm kỳ = còn ít nhất 60 tháng đến tuổi nghỉ hưu (HD 06-HD/BTCTW năm 2021).'),
('APPT-4', '2022-08-18', '2025-10-07', 'Quy định 80-QĐ/TW ngày 18/8/2022, Điều 18 khoản 7', 'V', NULL),
('APPT-6', '2022-08-18', '2025-10-07', 'Quy định 80-QĐ/TW ngày 18/8/2022, Điều 18 khoản 1', 'V', NULL),
('APPT-7', '2022-08-18', '2025-10-07', 'Quy định 80-QĐ/TW ngày 18/8/2022; Nghị định 138/2020/NĐ-CP ngày 27/11/2020', 'V', NULL),
('APPT-8', '2020-12-01', NULL, 'Nghị định 138/2020/NĐ-CP ngày 27/11/2020, Điều 52, Điều 53; Nghị định 115/2020/NĐ-CP ngày 25/9/2020, Điều 51', 'V',
 'Chậm nhất 90 ngày trước khi hết thời hạn bổ nhiệm phải thông báo thực hiện quy trình bổ nhiệm lại hoặc kéo dài.'),
('APPT-9', '2022-08-18', '2025-10-07', 'Quy định 80-QĐ/TW ngày 18/8/2022; Nghị định 138/2020/NĐ-CP ngày 27/11/2020, Điều 49, Điều 53', 'V',
 'Dưới 2 năm công tác đến tuổi nghỉ hưu khi hết thời hạn: kéo dài đến khi nghỉ hưu; tập thể lãnh đạo biểu quyết trên 50% tổng số thành viên.'),
('APPT-10', '2022-04-28', NULL, 'Quy định 65-QĐ/TW ngày 28/4/2022', 'V', NULL),
('APPT-VOTE', '2022-08-18', '2025-10-07', 'Quy định 80-QĐ/TW ngày 18/8/2022', 'U',
 'Tỷ lệ phía Đảng chưa đối chiếu điều khoản: để là tham số (hội nghị hợp lệ từ 2/3, đạt trên 50% số được triệu tập).'),
('ROT-1', '2022-04-28', NULL, 'Quy định 65-QĐ/TW ngày 28/4/2022', 'V', NULL),
('ROT-2', '2022-04-28', NULL, 'Quy định 65-QĐ/TW ngày 28/4/2022; Nghị định 138/2020/NĐ-CP', 'U', '36 tháng theo Nghị định 138/2020 (công chức); Quy định 65 chưa đối chiếu.'),
('ROT-3', '2022-04-28', '2025-04-13', 'Quy định 65-QĐ/TW ngày 28/4/2022', 'V',
 'Cấp xã: cảnh báo (khuyến khích bố trí người không là người địa phương; mức cảnh báo là lựa chọn của hệ thống).'),
('ROT-4', '2022-04-28', NULL, 'Quy định 65-QĐ/TW ngày 28/4/2022', 'V', NULL),
('REL-2', '2023-07-11', NULL, 'Quy định 114-QĐ/TW ngày 11/7/2023', 'V', NULL),
('EVAL-1', '2023-10-04', NULL, 'Quy định 124-QĐ/TW ngày 04/10/2023', 'V', NULL),
('EVAL-2', '2023-10-04', '2024-12-31', 'Quy định 124-QĐ/TW ngày 04/10/2023', 'V', NULL),
('EVAL-3', '2023-10-04', NULL, 'Quy định 124-QĐ/TW ngày 04/10/2023', 'V', NULL),
('DISC-1', '2022-08-18', '2025-10-07', 'Quy định 80-QĐ/TW ngày 18/8/2022, Điều 18 khoản 7', 'V',
 'Không quy hoạch, bổ nhiệm, giới thiệu ứng cử chức vụ cao hơn: khiển trách 12 tháng, cảnh cáo 30 tháng, cách chức 60 tháng.');

UPDATE rule_versions SET
  effective_from = (SELECT new_from FROM mig20_move m WHERE m.rule = rule_versions.rule),
  effective_to = CASE WHEN effective_to IS NULL THEN (SELECT new_to FROM mig20_move m WHERE m.rule = rule_versions.rule)
                      ELSE effective_to END,
  basis = (SELECT basis FROM mig20_move m WHERE m.rule = rule_versions.rule),
  confidence = (SELECT confidence FROM mig20_move m WHERE m.rule = rule_versions.rule),
  note = COALESCE((SELECT note FROM mig20_move m WHERE m.rule = rule_versions.rule), note)
WHERE effective_from = '2017-01-01' AND rule IN (SELECT rule FROM mig20_move)
  AND (effective_to IS NULL OR effective_to >= (SELECT new_from FROM mig20_move m WHERE m.rule = rule_versions.rule))
  AND NOT EXISTS (SELECT 1 FROM rule_versions o WHERE o.rule = rule_versions.rule
                  AND o.effective_from = (SELECT new_from FROM mig20_move m WHERE m.rule = rule_versions.rule));

-- Rows that keep their start date: their own text, and an end where a later text replaces them.
UPDATE rule_versions SET effective_to = '2025-10-07' WHERE effective_to IS NULL AND effective_from = '2021-12-27'
  AND rule IN ('PLAN-1', 'PLAN-2');
UPDATE rule_versions SET basis = 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012; Hướng dẫn 06-HD/BTCTW ngày 24/02/2017',
  note = 'Mức 2–3 người, không quá 4 người cho một chức danh theo tài liệu tham khảo; chưa đối chiếu văn bản gốc của HD 15 và HD 06.'
  WHERE rule = 'PLAN-1' AND effective_from = '2017-01-01';
UPDATE rule_versions SET basis = 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012; Hướng dẫn 06-HD/BTCTW ngày 24/02/2017',
  note = 'Không quá 3 chức danh cho một người theo tài liệu tham khảo; chưa đối chiếu văn bản gốc của HD 15 và HD 06.'
  WHERE rule = 'PLAN-2' AND effective_from = '2017-01-01';
UPDATE rule_versions SET title = 'Đưa ra khỏi quy hoạch: quá tuổi quy hoạch, bị kỷ luật từ khiển trách trở lên, không bảo đảm tiêu chuẩn chính trị (tự diễn biến, tự chuyển hóa)'
  WHERE rule = 'PLAN-8';
UPDATE rule_versions SET effective_to = '2025-06-30' WHERE rule = 'DISC-2' AND effective_from = '2020-07-01' AND effective_to IS NULL;
UPDATE rule_versions SET basis = 'Luật Cán bộ, công chức 2008 (sửa đổi, bổ sung năm 2019), Điều 82 khoản 2, khoản 3'
  WHERE rule = 'DISC-2' AND effective_from = '2020-07-01';
UPDATE rule_versions SET basis = 'Luật Phòng, chống tham nhũng 2018, Điều 20' WHERE rule = 'REL-1' AND effective_from = '2019-07-01';
-- APPT-5 is a local rule: no national text; the administrator enters the local one when turning it on.
UPDATE rule_versions SET basis = '', note = 'Tắt theo mặc định; khi cấp ủy có quy định riêng, bật và nhập số, ngày của văn bản vào trường căn cứ.'
  WHERE rule = 'APPT-5' AND basis = 'Quy định của địa phương (tùy chọn)';
-- DISC-3 (the longer period counts) combines two texts: its first version ends where the next text begins.
UPDATE rule_versions SET basis = 'Quy định 68-QĐ/TW ngày 04/7/2007; Luật Cán bộ, công chức 2008, Điều 82', confidence = 'U',
  effective_to = COALESCE(effective_to, '2017-12-18'), note = 'Thời hạn phía Đảng trước Quy định 105 chưa đối chiếu.'
  WHERE rule = 'DISC-3' AND effective_from = '2017-01-01' AND basis = 'Nguyên tắc thiết kế của canbo';
-- STD-1: the basis of a finding is the title's own standard text, else the text of its level (params).
UPDATE rule_versions SET basis = 'Tiêu chuẩn chức danh: văn bản của đơn vị nhập cho chức danh; cấp xã theo tham số',
  params = '{"commune":"Quyết định 04/2004/QĐ-BNV ngày 16/01/2004 (tiêu chuẩn cụ thể cán bộ, công chức xã, phường, thị trấn)"}',
  effective_to = COALESCE(effective_to, '2019-12-31'), confidence = 'U',
  note = 'Cấp xã: QĐ 04/2004/QĐ-BNV (công chức xã còn theo Thông tư 06/2012/TT-BNV); ngày thay thế chưa đối chiếu. Cấp khác: tiêu chuẩn do Ban Thường vụ cấp ủy quản lý ban hành, nhập cho từng chức danh.'
  WHERE rule = 'STD-1' AND effective_from = '2017-01-01' AND params = '{}';

DROP TABLE mig20_move;

-- ---- new versions (ON CONFLICT DO NOTHING: an administrator's version of the same day wins) ----
-- Copies of a seeded row's parameters for the versions before and after it.
CREATE TEMP TABLE mig20_copy (rule TEXT, src_from TEXT, new_from TEXT, new_to TEXT, basis TEXT, confidence TEXT, note TEXT,
  ord BIGINT GENERATED ALWAYS AS IDENTITY);  -- ord: the order SQLite reads the rows in (rowid)
INSERT INTO mig20_copy(rule, src_from, new_from, new_to, basis, confidence, note) VALUES
-- planning before QĐ 50: NQ 42, HD 15 (2012), HD 06 (24/02/2017)
('PLAN-3', '2021-12-27', '2017-01-01', '2021-12-26', 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012; Hướng dẫn 06-HD/BTCTW ngày 24/02/2017', 'U',
 'Nguyên tắc chỉ quy hoạch chức danh cao hơn: chưa đối chiếu văn bản HD 15, HD 06; giữ như Quy định 50.'),
('PLAN-4', '2021-12-27', '2017-01-01', '2021-12-26', 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012; Hướng dẫn 06-HD/BTCTW ngày 24/02/2017', 'U',
 'Độ tuổi quy hoạch (đủ một nhiệm kỳ tính từ đầu nhiệm kỳ quy hoạch): chưa đối chiếu HD 15, HD 06; giữ 60 tháng như Quy định 50.'),
('PLAN-5', '2021-12-27', '2017-01-01', '2021-12-26', 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012; Hướng dẫn 06-HD/BTCTW ngày 24/02/2017', 'U',
 'Tỷ lệ cán bộ trẻ trước Quy định 50 chưa đối chiếu; giữ 15% như Quy định 50.'),
('PLAN-5a', '2021-12-27', '2017-01-01', '2021-12-26', 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012', 'U',
 'Độ tuổi "cán bộ trẻ" theo cấp trước Quy định 50 chưa đối chiếu; giữ các mức của Quy định 50.'),
('PLAN-6', '2021-12-27', '2017-01-01', '2021-12-26', 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012; Hướng dẫn 06-HD/BTCTW ngày 24/02/2017', 'U',
 'Tỷ lệ cán bộ nữ trước Quy định 50 chưa đối chiếu; giữ 25% như Quy định 50.'),
('PLAN-7', '2021-12-27', '2017-01-01', '2021-12-26', 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012', 'U',
 'Chỉ báo cáo tỷ lệ; văn bản chưa đối chiếu.'),
('PLAN-8', '2021-12-27', '2017-01-01', '2021-12-26', 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012; Hướng dẫn 06-HD/BTCTW ngày 24/02/2017', 'U',
 'Các trường hợp đưa ra khỏi quy hoạch trước Quy định 50 chưa đối chiếu; giữ như Quy định 50.'),
('PLAN-9', '2021-12-27', '2017-01-01', '2021-12-26', 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012', 'U',
 'Chưa đối chiếu văn bản; giữ như Quy định 50.'),
('PLAN-10', '2021-12-27', '2017-01-01', '2021-12-26', 'Hướng dẫn 15-HD/BTCTW ngày 05/11/2012', 'U', 'Hệ số 1,5 lần là giả định, cần đối chiếu.'),
('PLAN-11', '2021-12-27', '2017-01-01', '2021-12-26', 'Nghị quyết 42-NQ/TW ngày 30/11/2004; Hướng dẫn 15-HD/BTCTW ngày 05/11/2012', 'U',
 'Không quy hoạch đồng thời với đề nghị bổ nhiệm: chưa đối chiếu văn bản trước Quy định 50; giữ như Quy định 50.'),
-- planning from QĐ 377 (08/10/2025): confirmed by the published text: only a higher title, at most 3 per title,
-- at most 3 titles per cadre at one level, no planning together with a proposal, the yearly review and removals
('PLAN-1', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V', 'Mỗi chức danh quy hoạch không quá 3 cán bộ.'),
('PLAN-2', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V', 'Một cán bộ quy hoạch không quá 3 chức danh cùng cấp.'),
('PLAN-3', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V', NULL),
('PLAN-4', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'U', 'Độ tuổi quy hoạch theo Quy định 377 chưa đối chiếu; giữ 60 tháng như Quy định 50.'),
('PLAN-5', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'U', 'Quy định 377 nêu phấn đấu tỷ lệ cán bộ trẻ; mức % chưa đối chiếu, giữ 15% như Quy định 50.'),
('PLAN-5a', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'U', 'Độ tuổi "cán bộ trẻ" theo Quy định 377 chưa đối chiếu; giữ các mức của Quy định 50.'),
('PLAN-6', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'U', 'Quy định 377 nêu phấn đấu tỷ lệ cán bộ nữ; mức % chưa đối chiếu, giữ 25% như Quy định 50.'),
('PLAN-7', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V', NULL),
('PLAN-8', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V',
 'Hằng năm rà soát, đưa ra khỏi quy hoạch những cán bộ không đáp ứng tiêu chuẩn, điều kiện, không hoàn thành nhiệm vụ, vi phạm quy định.'),
('PLAN-9', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V',
 'Cán bộ bị kỷ luật được xem xét quy hoạch chức vụ cao hơn sau thời hạn (khiển trách 24 tháng, cảnh cáo 36 tháng, cách chức 60 tháng).'),
('PLAN-10', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'U', 'Hệ số 1,5 lần là giả định, cần đối chiếu.'),
('PLAN-11', '2021-12-27', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V', NULL),
-- appointment before QĐ 80: QĐ 105 (19/12/2017) and, before it, QĐ 68 (04/7/2007)
('APPT-1', '2022-08-18', '2017-01-01', '2017-12-18', 'Quy định 68-QĐ/TW ngày 04/7/2007', 'U', 'Điều kiện quy hoạch theo Quy chế năm 2007 chưa đối chiếu; giữ như Quy định 80.'),
('APPT-1', '2022-08-18', '2017-12-19', '2022-08-17', 'Quy định 105-QĐ/TW ngày 19/12/2017', 'U', 'Nguồn tại chỗ/bên ngoài theo Quy định 105 chưa đối chiếu điều khoản; giữ như Quy định 80.'),
('APPT-1', '2022-08-18', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V',
 'Nguồn tại chỗ: được quy hoạch chức danh bổ nhiệm hoặc tương đương trở lên; nguồn bên ngoài: quy hoạch chức danh tương đương trở lên.'),
('APPT-2', '2022-08-18', '2017-01-01', '2017-12-18', 'Quy định 68-QĐ/TW ngày 04/7/2007', 'U', 'Điều kiện thời gian giữ chức vụ chưa đối chiếu; giữ 2 năm như Quy định 80.'),
('APPT-2', '2022-08-18', '2017-12-19', '2022-08-17', 'Quy định 105-QĐ/TW ngày 19/12/2017', 'U',
 'Điều kiện "giữ chức vụ hiện tại ít nhất 2 năm" được nêu rõ từ Quy định 80; theo Quy định 105 chưa đối chiếu, giữ 2 năm.'),
('APPT-2', '2022-08-18', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'U', 'Thời gian giữ chức vụ theo Quy định 377 chưa đối chiếu; giữ 2 năm như Quy định 80.'),
('APPT-3', '2022-08-18', '2017-01-01', '2017-12-18', 'Quy định 68-QĐ/TW ngày 04/7/2007', 'U', 'Chưa đối chiếu; giữ 60 tháng.'),
('APPT-3', '2022-08-18', '2017-12-19', '2022-08-17', 'Quy định 105-QĐ/TW ngày 19/12/2017', 'V', 'Bổ nhiệm lần đầu phải đủ tuổi công tác trọn một nhiệm kỳ (60 tháng).'),
('APPT-3', '2022-08-18', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'U', 'Tuổi bổ nhiệm theo Quy định 377 chưa đối chiếu; giữ 60 tháng.'),
('APPT-4', '2022-08-18', '2017-01-01', '2017-12-18', 'Quy định 68-QĐ/TW ngày 04/7/2007', 'U', 'Điều kiện kỷ luật theo Quy chế năm 2007 chưa đối chiếu (xem DISC-1).'),
('APPT-4', '2022-08-18', '2017-12-19', '2022-08-17', 'Quy định 105-QĐ/TW ngày 19/12/2017', 'V', NULL),
('APPT-4', '2022-08-18', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V', NULL),
('APPT-6', '2022-08-18', '2017-01-01', '2017-12-18', 'Quy định 68-QĐ/TW ngày 04/7/2007', 'U', 'Điều khoản tiêu chuẩn theo Quy chế năm 2007 chưa đối chiếu.'),
('APPT-6', '2022-08-18', '2017-12-19', '2022-08-17', 'Quy định 105-QĐ/TW ngày 19/12/2017', 'V', NULL),
('APPT-6', '2022-08-18', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'V', 'Bảo đảm tiêu chuẩn chung và tiêu chuẩn cụ thể của chức danh.'),
('APPT-7', '2022-08-18', '2017-01-01', '2017-12-18', 'Quy định 68-QĐ/TW ngày 04/7/2007; Quyết định 27/2003/QĐ-TTg ngày 19/02/2003', 'U', 'Thời hạn theo Quy chế năm 2007 chưa đối chiếu; giữ 5 năm.'),
('APPT-7', '2022-08-18', '2017-12-19', '2020-11-30', 'Quy định 105-QĐ/TW ngày 19/12/2017; Quyết định 27/2003/QĐ-TTg ngày 19/02/2003', 'V', 'Thời hạn giữ chức vụ bổ nhiệm là 5 năm.'),
('APPT-7', '2022-08-18', '2020-12-01', '2022-08-17', 'Quy định 105-QĐ/TW ngày 19/12/2017; Nghị định 138/2020/NĐ-CP ngày 27/11/2020', 'V', NULL),
('APPT-7', '2022-08-18', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025; Nghị định 138/2020/NĐ-CP ngày 27/11/2020', 'U',
 'Thời hạn theo Quy định 377 chưa đối chiếu; giữ 5 năm.'),
('APPT-8', '2020-12-01', '2017-01-01', '2020-11-30', 'Quyết định 27/2003/QĐ-TTg ngày 19/02/2003', 'U', 'Số ngày thông báo trước theo Quy chế năm 2003 chưa đối chiếu; giữ 90 ngày.'),
('APPT-9', '2022-08-18', '2017-01-01', '2017-12-18', 'Quy định 68-QĐ/TW ngày 04/7/2007; Quyết định 27/2003/QĐ-TTg ngày 19/02/2003', 'U', 'Chưa đối chiếu; giữ 24 tháng và trên 50%.'),
('APPT-9', '2022-08-18', '2017-12-19', '2020-11-30', 'Quy định 105-QĐ/TW ngày 19/12/2017; Quyết định 27/2003/QĐ-TTg ngày 19/02/2003', 'U', 'Chưa đối chiếu điều khoản; giữ 24 tháng và trên 50%.'),
('APPT-9', '2022-08-18', '2020-12-01', '2022-08-17', 'Quy định 105-QĐ/TW ngày 19/12/2017; Nghị định 138/2020/NĐ-CP ngày 27/11/2020, Điều 49, Điều 53', 'V', NULL),
('APPT-9', '2022-08-18', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025; Nghị định 138/2020/NĐ-CP ngày 27/11/2020, Điều 49, Điều 53', 'U',
 'Phía Đảng theo Quy định 377 chưa đối chiếu; giữ 24 tháng và trên 50%.'),
('APPT-10', '2022-04-28', '2017-01-01', '2017-10-06', 'Kết luận 24-KL/TW ngày 05/6/2012', 'U', 'Chưa đối chiếu; giữ 2 nhiệm kỳ.'),
('APPT-10', '2022-04-28', '2017-10-07', '2022-04-27', 'Quy định 98-QĐ/TW ngày 07/10/2017', 'U', 'Chưa đối chiếu điều khoản; giữ 2 nhiệm kỳ.'),
('APPT-VOTE', '2022-08-18', '2017-01-01', '2017-12-18', 'Quy định 68-QĐ/TW ngày 04/7/2007', 'U', 'Tỷ lệ chưa đối chiếu: để là tham số.'),
('APPT-VOTE', '2022-08-18', '2017-12-19', '2022-08-17', 'Quy định 105-QĐ/TW ngày 19/12/2017', 'U', 'Tỷ lệ chưa đối chiếu điều khoản: để là tham số.'),
('APPT-VOTE', '2022-08-18', '2025-10-08', NULL, 'Quy định 377-QĐ/TW ngày 08/10/2025', 'U', 'Tỷ lệ theo Quy định 377 chưa đối chiếu: để là tham số.'),
-- rotation before QĐ 65
('ROT-1', '2022-04-28', '2017-01-01', '2017-10-06', 'Nghị quyết 11-NQ/TW ngày 25/01/2002; Kết luận 24-KL/TW ngày 05/6/2012', 'U', 'Chưa đối chiếu; giữ 10 năm như Quy định 65.'),
('ROT-1', '2022-04-28', '2017-10-07', '2022-04-27', 'Quy định 98-QĐ/TW ngày 07/10/2017', 'U', 'Chưa đối chiếu điều khoản; giữ 10 năm như Quy định 65.'),
('ROT-2', '2022-04-28', '2017-01-01', '2017-10-06', 'Nghị quyết 11-NQ/TW ngày 25/01/2002; Nghị định 24/2010/NĐ-CP ngày 15/3/2010', 'U', 'Chưa đối chiếu; giữ 36 tháng.'),
('ROT-2', '2022-04-28', '2017-10-07', '2022-04-27', 'Quy định 98-QĐ/TW ngày 07/10/2017', 'U', 'Chưa đối chiếu điều khoản; giữ 36 tháng.'),
('ROT-3', '2022-04-28', '2017-01-01', '2017-10-06', 'Nghị quyết 11-NQ/TW ngày 25/01/2002; Kết luận 24-KL/TW ngày 05/6/2012', 'U', 'Chưa đối chiếu; giữ như Quy định 65.'),
('ROT-3', '2022-04-28', '2017-10-07', '2022-04-27', 'Quy định 98-QĐ/TW ngày 07/10/2017', 'U', 'Chưa đối chiếu điều khoản; giữ như Quy định 65.'),
('ROT-3', '2022-04-28', '2025-04-14', NULL, 'Quy định 65-QĐ/TW ngày 28/4/2022; Chỉ thị 45-CT/TW ngày 14/4/2025', 'V',
 'Cấp xã: khuyến khích bố trí bí thư, chủ tịch UBND không là người địa phương (Chỉ thị 45): cảnh báo.'),
('ROT-4', '2022-04-28', '2017-01-01', '2017-10-06', 'Kết luận 24-KL/TW ngày 05/6/2012', 'U', 'Chưa đối chiếu; giữ 2 nhiệm kỳ.'),
('ROT-4', '2022-04-28', '2017-10-07', '2022-04-27', 'Quy định 98-QĐ/TW ngày 07/10/2017', 'U', 'Chưa đối chiếu điều khoản; giữ 2 nhiệm kỳ.'),
-- relatives
('REL-1', '2019-07-01', '2017-01-01', '2019-06-30', 'Luật Phòng, chống tham nhũng 2005, Điều 37', 'U', 'Số điều chưa đối chiếu lại; giữ hai danh sách của Luật 2018.'),
('REL-2', '2023-07-11', '2019-09-23', '2023-07-10', 'Quy định 205-QĐ/TW ngày 23/9/2019', 'V',
 'Không bố trí người có quan hệ gia đình cùng là người đứng đầu và cấp phó trong cùng địa phương, cơ quan, đơn vị.'),
-- evaluation
('EVAL-1', '2023-10-04', '2017-01-01', '2018-03-07', 'Quy định 262-QĐ/TW ngày 08/10/2014; Nghị định 56/2015/NĐ-CP', 'U', 'Tên các mức chưa đối chiếu.'),
('EVAL-1', '2023-10-04', '2018-03-08', '2023-10-03', 'Quy định 132-QĐ/TW ngày 08/3/2018', 'V', NULL),
('EVAL-2', '2023-10-04', '2017-01-01', '2018-03-07', 'Quy định 262-QĐ/TW ngày 08/10/2014; Nghị định 56/2015/NĐ-CP (sửa đổi bởi Nghị định 88/2017/NĐ-CP)', 'U',
 'Mức 20% trước Quy định 132 chưa đối chiếu.'),
('EVAL-2', '2023-10-04', '2018-03-08', '2023-10-03', 'Quy định 132-QĐ/TW ngày 08/3/2018', 'V', NULL),
('EVAL-2', '2023-10-04', '2025-01-01', NULL, 'Quy định 124-QĐ/TW ngày 04/10/2023; Quy định 366-QĐ/TW năm 2025; Nghị định 335/2025/NĐ-CP', 'V', NULL),
('EVAL-3', '2023-10-04', '2017-01-01', '2018-03-07', 'Quy định 262-QĐ/TW ngày 08/10/2014; Luật Cán bộ, công chức 2008', 'U', 'Chưa đối chiếu điều khoản.'),
('EVAL-3', '2023-10-04', '2018-03-08', '2023-10-03', 'Quy định 132-QĐ/TW ngày 08/3/2018', 'V', NULL),
-- discipline
('DISC-2', '2020-07-01', '2025-07-01', NULL, 'Luật Cán bộ, công chức 2025; Nghị định 172/2025/NĐ-CP ngày 30/6/2025', 'U',
 'Từ 01/7/2025 không còn hình thức hạ bậc lương, giáng chức; thời hạn theo Luật 2025 chưa đối chiếu, giữ 12 và 24 tháng.');

INSERT INTO rule_versions(rule, title, params, basis, effective_from, effective_to, confidence, note)
SELECT c.rule, s.title, s.params, c.basis, c.new_from, c.new_to, c.confidence, c.note
FROM mig20_copy c JOIN rule_versions s ON s.rule = c.rule AND s.effective_from = c.src_from
WHERE NOT EXISTS (SELECT 1 FROM rule_versions o WHERE o.rule = c.rule AND o.effective_from = c.new_from)
ORDER BY c.ord
ON CONFLICT DO NOTHING;
DROP TABLE mig20_copy;

-- DISC-1 of QĐ 105 and QĐ 377: their own periods.
INSERT INTO rule_versions(rule, title, params, basis, effective_from, effective_to, confidence, note)
SELECT * FROM (VALUES
('DISC-1', 'Kỷ luật Đảng: không quy hoạch, bổ nhiệm, giới thiệu ứng cử chức vụ cao hơn trong thời hạn (tháng)',
 '{"reprimand":12,"warning":12,"removal_from_post":12}', 'Quy định 68-QĐ/TW ngày 04/7/2007', '2017-01-01', '2017-12-18', 'U',
 'Thời hạn theo Quy chế năm 2007 chưa đối chiếu; giữ mức 12 tháng của Quy định 105.'),
('DISC-1', 'Kỷ luật Đảng: không quy hoạch, bổ nhiệm, giới thiệu ứng cử chức vụ cao hơn trong thời hạn (tháng)',
 '{"reprimand":12,"warning":12,"removal_from_post":12}', 'Quy định 105-QĐ/TW ngày 19/12/2017', '2017-12-19', '2022-08-17', 'V',
 'Bị kỷ luật từ khiển trách trở lên: không quy hoạch, bổ nhiệm chức vụ cao hơn ít nhất 1 năm; cách chức: 1 năm không bổ nhiệm chức vụ tương đương và cao hơn.'),
('DISC-1', 'Kỷ luật Đảng: không quy hoạch, bổ nhiệm, giới thiệu ứng cử chức vụ cao hơn trong thời hạn (tháng)',
 '{"reprimand":24,"warning":36,"removal_from_post":60}', 'Quy định 377-QĐ/TW ngày 08/10/2025', '2025-10-08', NULL, 'V',
 'Được xem xét quy hoạch, bổ nhiệm chức vụ cao hơn: khiển trách sau 24 tháng, cảnh cáo sau 36 tháng, cách chức sau 60 tháng (theo bản tin công bố Quy định 377 ngày 17/10/2025).'),
('DISC-2', 'Kỷ luật hành chính: không quy hoạch, đào tạo, bổ nhiệm trong thời hạn (tháng)',
 '{"demotion":12,"removal_from_post":12}', 'Luật Cán bộ, công chức 2008, Điều 82 (trước khi sửa đổi năm 2019)', '2017-01-01', '2020-06-30', 'U',
 'Trước 01/7/2020: giáng chức, cách chức không được bổ nhiệm chức vụ cao hơn ít nhất 12 tháng; khiển trách, cảnh cáo chỉ kéo dài thời hạn nâng lương (không chặn bổ nhiệm). Chưa đối chiếu lại văn bản.'),
('DISC-3', 'Khi cả hai cùng áp dụng, tính thời hạn dài hơn', '{}', 'Quy định 105-QĐ/TW ngày 19/12/2017; Luật Cán bộ, công chức 2008, Điều 82', '2017-12-19', '2020-06-30', 'V', NULL),
('DISC-3', 'Khi cả hai cùng áp dụng, tính thời hạn dài hơn', '{}', 'Quy định 105-QĐ/TW ngày 19/12/2017; Luật Cán bộ, công chức 2008 (sửa đổi, bổ sung năm 2019), Điều 82', '2020-07-01', '2022-08-17', 'V', NULL),
('DISC-3', 'Khi cả hai cùng áp dụng, tính thời hạn dài hơn', '{}', 'Quy định 80-QĐ/TW ngày 18/8/2022; Luật Cán bộ, công chức 2008 (sửa đổi, bổ sung năm 2019), Điều 82', '2022-08-18', '2025-06-30', 'V', NULL),
('DISC-3', 'Khi cả hai cùng áp dụng, tính thời hạn dài hơn', '{}', 'Quy định 80-QĐ/TW ngày 18/8/2022; Luật Cán bộ, công chức 2025', '2025-07-01', '2025-10-07', 'V', NULL),
('DISC-3', 'Khi cả hai cùng áp dụng, tính thời hạn dài hơn', '{}', 'Quy định 377-QĐ/TW ngày 08/10/2025; Luật Cán bộ, công chức 2025', '2025-10-08', NULL, 'V', NULL),
-- STD-1: the standard text of commune titles by date
('STD-1', 'Đạt tiêu chuẩn tối thiểu của chức danh (tuổi bổ nhiệm lần đầu, trình độ chuyên môn, lý luận chính trị, quản lý nhà nước)',
 '{"commune":"Thông tư 13/2019/TT-BNV ngày 06/11/2019 (cán bộ, công chức cấp xã)"}',
 'Tiêu chuẩn chức danh: văn bản của đơn vị nhập cho chức danh; cấp xã theo tham số', '2020-01-01', '2023-07-31', 'U',
 'Cấp xã: Thông tư 13/2019/TT-BNV (ngày hiệu lực chưa đối chiếu). Cấp khác: tiêu chuẩn do Ban Thường vụ cấp ủy quản lý ban hành, nhập cho từng chức danh.'),
('STD-1', 'Đạt tiêu chuẩn tối thiểu của chức danh (tuổi bổ nhiệm lần đầu, trình độ chuyên môn, lý luận chính trị, quản lý nhà nước)',
 '{"commune":"Nghị định 33/2023/NĐ-CP ngày 10/6/2023 (cán bộ, công chức cấp xã)"}',
 'Tiêu chuẩn chức danh: văn bản của đơn vị nhập cho chức danh; cấp xã theo tham số', '2023-08-01', NULL, 'V',
 'Cấp khác: tiêu chuẩn do Ban Thường vụ cấp ủy quản lý ban hành, nhập cho từng chức danh.'),
-- PARTY-1: Party posts are held by Party members; a probationary member cannot stand for a leading body of the Party
('PARTY-1', 'Chức danh của Đảng: phải là đảng viên; ứng cử, bầu vào cơ quan lãnh đạo của Đảng phải là đảng viên chính thức',
 '{"probationary_planning":"warn"}', 'Điều lệ Đảng (2011), Điều 3, Điều 5; Quy định 68-QĐ/TW ngày 04/7/2007', '2017-01-01', '2017-12-18', 'V',
 'Đảng viên dự bị có các quyền của đảng viên trừ quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng (Điều lệ Đảng, Điều 3).'),
('PARTY-1', 'Chức danh của Đảng: phải là đảng viên; ứng cử, bầu vào cơ quan lãnh đạo của Đảng phải là đảng viên chính thức',
 '{"probationary_planning":"warn"}', 'Điều lệ Đảng (2011), Điều 3, Điều 5; Quy định 105-QĐ/TW ngày 19/12/2017', '2017-12-19', '2021-12-26', 'V', NULL),
('PARTY-1', 'Chức danh của Đảng: phải là đảng viên; ứng cử, bầu vào cơ quan lãnh đạo của Đảng phải là đảng viên chính thức',
 '{"probationary_planning":"warn"}', 'Điều lệ Đảng (2011), Điều 3, Điều 5; Quy định 105-QĐ/TW ngày 19/12/2017; Quy định 50-QĐ/TW ngày 27/12/2021', '2021-12-27', '2022-08-17', 'V', NULL),
('PARTY-1', 'Chức danh của Đảng: phải là đảng viên; ứng cử, bầu vào cơ quan lãnh đạo của Đảng phải là đảng viên chính thức',
 '{"probationary_planning":"warn"}', 'Điều lệ Đảng (2011), Điều 3, Điều 5; Quy định 50-QĐ/TW ngày 27/12/2021; Quy định 80-QĐ/TW ngày 18/8/2022', '2022-08-18', '2025-10-07', 'V', NULL),
('PARTY-1', 'Chức danh của Đảng: phải là đảng viên; ứng cử, bầu vào cơ quan lãnh đạo của Đảng phải là đảng viên chính thức',
 '{"probationary_planning":"warn"}', 'Điều lệ Đảng (2011), Điều 3, Điều 5; Quy định 377-QĐ/TW ngày 08/10/2025', '2025-10-08', NULL, 'V', NULL),
-- APPT-RENEW: the reappointment and extension procedure and its thresholds
('APPT-RENEW', 'Bổ nhiệm lại, kéo dài thời gian giữ chức vụ: báo cáo tự đánh giá, lấy phiếu tín nhiệm cán bộ chủ chốt, tập thể lãnh đạo biểu quyết, quyết định',
 '{"quorum_num":2,"quorum_den":3,"confidence_pct":50,"confidence_of":"present","collective_pct":50,"tie":"head_decides"}',
 'Quyết định 27/2003/QĐ-TTg ngày 19/02/2003 (bổ nhiệm lại cán bộ, công chức lãnh đạo)', '2017-01-01', '2020-11-30', 'U',
 'Các bước và tỷ lệ theo Quy chế năm 2003 chưa đối chiếu; giữ như Nghị định 138/2020.'),
('APPT-RENEW', 'Bổ nhiệm lại, kéo dài thời gian giữ chức vụ: báo cáo tự đánh giá, lấy phiếu tín nhiệm cán bộ chủ chốt, tập thể lãnh đạo biểu quyết, quyết định',
 '{"quorum_num":2,"quorum_den":3,"confidence_pct":50,"confidence_of":"present","collective_pct":50,"tie":"head_decides"}',
 'Nghị định 138/2020/NĐ-CP ngày 27/11/2020, Điều 52 (bổ nhiệm lại), Điều 53 (kéo dài); Nghị định 115/2020/NĐ-CP ngày 25/9/2020, Điều 51 (viên chức)', '2020-12-01', '2025-10-07', 'V',
 'Bổ nhiệm lại: hội nghị cán bộ chủ chốt lấy phiếu tín nhiệm (đạt trên 50% số người có mặt), tập thể lãnh đạo biểu quyết (trên 50% tổng số thành viên; đúng 50% do người đứng đầu quyết định). Kéo dài: không lấy phiếu cán bộ chủ chốt. Phía Đảng (Quy định 80): cùng các bước, tỷ lệ chưa đối chiếu.'),
('APPT-RENEW', 'Bổ nhiệm lại, kéo dài thời gian giữ chức vụ: báo cáo tự đánh giá, lấy phiếu tín nhiệm cán bộ chủ chốt, tập thể lãnh đạo biểu quyết, quyết định',
 '{"quorum_num":2,"quorum_den":3,"confidence_pct":50,"confidence_of":"present","collective_pct":50,"tie":"head_decides"}',
 'Quy định 377-QĐ/TW ngày 08/10/2025; Nghị định 138/2020/NĐ-CP ngày 27/11/2020, Điều 52, Điều 53', '2025-10-08', NULL, 'U',
 'Quy trình bổ nhiệm lại theo Quy định 377 và văn bản thay Nghị định 138/2020 từ 01/7/2025 chưa đối chiếu; giữ các bước và tỷ lệ của Nghị định 138/2020.')
) v(rule, title, params, basis, effective_from, effective_to, confidence, note)
WHERE NOT EXISTS (SELECT 1 FROM rule_versions o WHERE o.rule = v.rule AND o.effective_from = v.effective_from)
ON CONFLICT DO NOTHING;

-- ---- conventions: what is canbo's own choice, shown apart from the basis ----
UPDATE rule_versions SET convention = 'Khi cùng bị kỷ luật Đảng và kỷ luật hành chính, hệ thống tính thời hạn dài hơn của hai quy định.'
  WHERE rule = 'DISC-3';
UPDATE rule_versions SET convention = 'Quy định riêng của cấp ủy địa phương, tắt theo mặc định; khi bật, căn cứ là văn bản do quản trị viên nhập.'
  WHERE rule = 'APPT-5';
UPDATE rule_versions SET convention = 'Mức cảnh báo (không chặn việc bổ nhiệm) là lựa chọn của hệ thống.' WHERE rule = 'REL-2';
UPDATE rule_versions SET convention = 'Hệ số tối đa của nguồn quy hoạch so với số ủy viên là giả định của hệ thống.' WHERE rule = 'PLAN-10';
UPDATE rule_versions SET convention = 'Một nhiệm kỳ tính 60 tháng; nhiệm kỳ đang giữ được tính là một nhiệm kỳ.' WHERE rule = 'APPT-10';
UPDATE rule_versions SET convention = 'Ngưỡng hội nghị hợp lệ và tỷ lệ đạt là tham số của hệ thống (phía Đảng chưa đối chiếu điều khoản).'
  WHERE rule = 'APPT-VOTE';
UPDATE rule_versions SET convention = 'Đảng viên dự bị được quy hoạch với cảnh báo (có thể trở thành đảng viên chính thức trước khi bổ nhiệm, ứng cử).'
  WHERE rule = 'PARTY-1';
UPDATE rule_versions SET convention = 'Tuổi "cán bộ trẻ" ở cấp xã và cơ sở (dưới 35) là lựa chọn của hệ thống.' WHERE rule = 'PLAN-5a';
UPDATE rule_versions SET convention = 'Cấp xã: kết quả "cảnh báo" khi là người địa phương là lựa chọn của hệ thống.' WHERE rule = 'ROT-3';

-- canbo schema 50: ROT-3's convention in words a board reads at once (a board-user trial found "Cấp xã: kết quả
-- "cảnh báo" khi là người địa phương là lựa chọn của hệ thống" hard to follow). Only where it still holds the old
-- words: an administrator's own wording is kept. Data only; the same on both engines.
UPDATE rule_versions
   SET convention = 'Bí thư, Chủ tịch UBND cấp xã là người địa phương: hệ thống chỉ cảnh báo (Chỉ thị 45 khuyến khích, không bắt buộc), không chặn; mức cảnh báo là quy ước của hệ thống.'
 WHERE rule = 'ROT-3'
   AND convention = 'Cấp xã: kết quả "cảnh báo" khi là người địa phương là lựa chọn của hệ thống.';

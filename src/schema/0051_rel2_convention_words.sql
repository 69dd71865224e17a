-- canbo schema 51: REL-2's convention named the appointment while REL-2 also judges rotations and planning (a
-- board-user trial read «không chặn việc bổ nhiệm» under a rotation's checks). Only where it still holds the old
-- words: an administrator's own wording is kept. Data only; the same on both engines.
UPDATE rule_versions
   SET convention = 'Mức cảnh báo (không chặn việc ghi quyết định) là quy ước của hệ thống.'
 WHERE rule = 'REL-2'
   AND convention = 'Mức cảnh báo (không chặn việc bổ nhiệm) là lựa chọn của hệ thống.';

/*
** Eligibility for rotation and transfer (QĐ 65-QĐ/TW): ROT-1 years of
** service left at the date, ROT-3 a party secretary or People's Committee
** chairman must not be local (hometown compared with the unit's locality),
** and the REL checks. Discipline does not bar a rotation: DISC-1/2/3 are
** reported as n/a with a note (and whether a bar is running), so the board
** still sees it. ROT-2 (duration) belongs to the rotation record, not to the
** person, and is checked where rotations are recorded.
*/
#include <limits.h>
#include <string.h>
#include "core/err.h"
#include "core/vi.h"
#include "domain/elig_internal.h"
#include "domain/relative.h"
#include "domain/rotation.h"

/* ROT-1: months (and years) of service left at the date. */
static void rot_years_left(Elig *e) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "ROT-1", e->iso, &rv)) return;
  long min_years = rule_param_int(&rv, "min_years_left", 10);
  const char *kind = e->req->kind;
  if (kind && strcmp(kind, "rotation") != 0) { /* QĐ 65's condition is the rotation's (luân chuyển) alone */
    findings_add(e->f, &rv, RESULT_NA, "%s, không phải luân chuyển: điều kiện còn ít nhất %ld năm công tác chỉ áp dụng "
                                       "khi luân chuyển.",
                 vi_capitalize(e->a, rotation_kind_label(kind)), min_years);
    return;
  }
  int left = elig_months_left(e, e->date);
  if (left == INT_MIN) {
    findings_add(e->f, &rv, RESULT_NA, "Không xác định được thời gian công tác còn lại (ngày sinh '%s').",
                 e->cadre.birth_date ? e->cadre.birth_date : "");
    return;
  }
  bool ok = left >= min_years * 12;
  findings_add(e->f, &rv, ok ? RESULT_PASS : RESULT_FAIL,
               "Còn %s công tác tính từ %s (%s %ld năm = %ld tháng); nghỉ hưu từ %s.", elig_duration(e, left < 0 ? 0 : left),
               e->vn, ok ? "≥" : "<", min_years, min_years * 12, elig_retirement_vn(e));
}

/* True when folded `a` contains folded `b` (both non-empty). */
static bool folded_contains(Arena *a, const char *hay, const char *needle) {
  const char *h = vi_fold(a, hay), *n = vi_fold(a, needle);
  return h && n && *h && *n && strstr(h, n) != NULL;
}

/* ROT-3: secretaries and People's Committee chairmen not local. */
static void rot_not_local(Elig *e) {
  RuleVersion rv;
  if (!rules_get(e->db, e->f, "ROT-3", e->iso, &rv)) return;
  const char *fn = e->title.function ? e->title.function : "";
  if (strcmp(fn, "party_secretary") != 0 && strcmp(fn, "pc_chairman") != 0) {
    findings_add(e->f, &rv, RESULT_NA, "Chức danh %s không phải bí thư cấp ủy hay chủ tịch UBND.", e->title.name);
    return;
  }
  const char *lvl = e->unit.level ? e->unit.level : "";
  bool upper = strcmp(lvl, "province") == 0 || strcmp(lvl, "district") == 0, commune = strcmp(lvl, "commune") == 0;
  if (!upper && !commune) {
    findings_add(e->f, &rv, RESULT_NA, "Đơn vị %s (%s): quy định chỉ áp dụng cho cấp tỉnh, cấp huyện và cấp xã.",
                 e->unit.name, unit_level_label(lvl));
    return;
  }
  const char *home = e->cadre.hometown, *place = e->unit.locality;
  if (!home || !*home || !place || !*place) {
    findings_add(e->f, &rv, RESULT_NA, "Thiếu dữ liệu để so sánh: quê quán '%s', địa bàn đơn vị '%s'.", home ? home : "",
                 place ? place : "");
    return;
  }
  bool local = folded_contains(e->a, home, place) || folded_contains(e->a, place, home);
  if (!local) {
    findings_add(e->f, &rv, RESULT_PASS, "Quê quán %s không thuộc địa bàn %s của đơn vị %s.", home, place,
                 unit_in_sentence(e->a, e->unit.name));
    return;
  }
  Result r = upper ? RESULT_FAIL : result_parse(rule_param_str(&rv, e->a, "commune_result", "warn"));
  if (r == RESULT_NA) r = RESULT_WARN;
  findings_add(e->f, &rv, r, "Quê quán %s thuộc địa bàn %s: là người địa phương; %s.", home, place,
               upper ? "bí thư, chủ tịch UBND cấp tỉnh, cấp huyện không là người địa phương"
                     : "cấp xã khuyến khích bố trí người không là người địa phương");
}

int elig_rotation(Elig *e) {
  rot_years_left(e);
  rot_not_local(e);
  const char *until;
  int rc = elig_discipline(e, false, false, "Kỷ luật không là điều kiện luân chuyển (chỉ báo để tham khảo).", &until);
  if (rc == 0) rc = relative_check(e->db, scope_from_legacy(e->req->scope), e->f, e->cadre.id, e->unit.id, e->title.id, e->iso);
  return rc;
}

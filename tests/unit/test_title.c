/*
** title_display: the post as a person reads it, from the generic title and
** the unit that holds it (issue 14 defect 7).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/arena.h"
#include "domain/title.h"

static void display_forms(void **state) {
  (void)state;
  Arena *a = arena_new();
  assert_string_equal(title_display(a, "Chủ tịch UBND xã, phường", "Phường Ka Long", "commune"),
                      "Chủ tịch UBND phường Ka Long");
  assert_string_equal(title_display(a, "Bí thư Đảng ủy xã, phường", "Xã Hải Xuân", "commune"), "Bí thư Đảng ủy xã Hải Xuân");
  assert_string_equal(title_display(a, "Chủ tịch UBND cấp xã", "Phường Ka Long", NULL), "Chủ tịch UBND phường Ka Long");
  assert_string_equal(title_display(a, "Trưởng phòng", "Phòng Nội vụ", "district"), "Trưởng phòng Nội vụ");
  assert_string_equal(title_display(a, "Chánh Văn phòng", "Văn phòng Thành ủy", "district"), "Chánh Văn phòng Thành ủy");
  assert_string_equal(title_display(a, "Bí thư Thành đoàn", "Thành đoàn", "district"), "Bí thư Thành đoàn");
  assert_string_equal(title_display(a, "Kế toán", "Văn phòng Thành ủy", "district"), "Kế toán, Văn phòng Thành ủy");
  /* a commune title held in a unit of another level keeps both */
  assert_string_equal(title_display(a, "Chủ tịch UBND xã, phường", "Ủy ban nhân dân thành phố", "district"),
                      "Chủ tịch UBND xã, phường, Ủy ban nhân dân thành phố");
  /* without a level, only a unit named as a commune takes the commune form */
  assert_string_equal(title_display(a, "Người hoạt động không chuyên trách cấp xã", "Ban Dân vận Thành ủy", NULL),
                      "Người hoạt động không chuyên trách cấp xã, Ban Dân vận Thành ủy");
  assert_string_equal(title_display(a, "Chủ tịch UBND xã, phường", "Đảng bộ xã Hải An", "commune"),
                      "Chủ tịch UBND xã Hải An");
  /* a place named inside the phrase is written as places are: its administrative word in lower case */
  assert_string_equal(title_display(a, "Chuyên viên", "Xã Hải Xuân", "commune"), "Chuyên viên, xã Hải Xuân");
  assert_string_equal(title_display(a, "Chuyên viên", "Thành phố Móng Cái", "district"),
                      "Chuyên viên, thành phố Móng Cái");
  assert_string_equal(title_display(a, "Kế toán", "Thành phố", NULL), "Kế toán, Thành phố");
  /* an abbreviation names its body too: not "Chủ tịch HĐND thành phố, Hội đồng nhân dân thành phố" */
  assert_string_equal(title_display(a, "Chủ tịch HĐND thành phố", "Hội đồng nhân dân thành phố", "district"),
                      "Chủ tịch HĐND thành phố");
  assert_string_equal(title_display(a, "Phó Chủ tịch UBND thành phố", "Ủy ban nhân dân thành phố", "district"),
                      "Phó Chủ tịch UBND thành phố");
  assert_string_equal(title_display(a, "Kế toán", NULL, NULL), "Kế toán");
  assert_string_equal(title_display(a, "Kế toán", "", NULL), "Kế toán");
  assert_null(title_display(a, NULL, "Phòng Nội vụ", NULL));
  arena_free(a);
}

/* The memo answers by all three strings, and the same after it empties itself (more than 768 distinct posts). */
static void display_memo(void **state) {
  (void)state;
  Arena *a = arena_new();
  for (int round = 0; round < 3; round++) {
    assert_string_equal(title_display(a, "Chủ tịch UBND xã, phường", "Phường Ka Long", "commune"),
                        "Chủ tịch UBND phường Ka Long");
    assert_string_equal(title_display(a, "Chủ tịch UBND xã, phường", "Phường Ka Long", "district"),
                        "Chủ tịch UBND xã, phường Ka Long");
    assert_string_equal(title_display(a, "Chủ tịch UBND xã, phường", "Phường Ka Long", NULL),
                        "Chủ tịch UBND phường Ka Long");
    assert_string_equal(title_display(a, "Trưởng phòng", "Phòng Nội vụ", NULL), "Trưởng phòng Nội vụ");
    for (int i = 0; i < 2000; i++) {
      const char *unit = arena_printf(a, "Phòng số %d", i);
      assert_string_equal(title_display(a, "Kế toán", unit, NULL), arena_printf(a, "Kế toán, Phòng số %d", i));
      assert_string_equal(title_display(a, "Trưởng phòng", unit, NULL), arena_printf(a, "Trưởng phòng số %d", i));
    }
  }
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(display_forms), cmocka_unit_test(display_memo)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}

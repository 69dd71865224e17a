/* Arena budget (issue 9): growth past the limit jumps to the escape instead of allocating, lifts the limit,
** and the arena stays usable; no limit, no jump. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/arena.h"

static void under_the_limit_no_jump(void **state) {
  (void)state;
  Arena *a = arena_new();
  jmp_buf esc;
  if (setjmp(esc) == 0) {
    arena_set_budget(a, 1 << 20, &esc);
    for (int i = 0; i < 50; i++) assert_non_null(arena_alloc(a, 10000)); /* 500 kB < 1 MiB */
  } else {
    fail_msg("jumped under the limit");
  }
  assert_true(arena_size(a) <= 1 << 20);
  arena_free(a);
}

static void past_the_limit_jumps_once(void **state) {
  (void)state;
  Arena *a = arena_new();
  jmp_buf esc;
  volatile int allocated = 0;
  if (setjmp(esc) == 0) {
    arena_set_budget(a, 100000, &esc);
    for (int i = 0; i < 1000; i++) {
      arena_alloc(a, 1000);
      allocated++;
    }
    fail_msg("no jump past the limit");
  }
  assert_true(allocated > 50 && allocated < 100);
  assert_true(arena_size(a) <= 100000);
  /* the limit is lifted: the error answer can still be built */
  char *big = arena_alloc(a, 200000);
  memset(big, 'x', 200000);
  assert_string_equal(arena_strdup(a, "ok"), "ok");
  arena_free(a);
}

static void one_big_allocation_jumps(void **state) {
  (void)state;
  Arena *a = arena_new();
  jmp_buf esc;
  int jumped = 0;
  if (setjmp(esc) == 0) {
    arena_set_budget(a, 1 << 20, &esc);
    arena_alloc(a, 2 << 20);
  } else {
    jumped = 1;
  }
  assert_int_equal(jumped, 1);
  assert_int_equal(arena_size(a), 0);
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(under_the_limit_no_jump),
      cmocka_unit_test(past_the_limit_jumps_once),
      cmocka_unit_test(one_big_allocation_jumps),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

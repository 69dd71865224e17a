/* Vietnamese text: folding, name splitting, collation order (ă â đ ê ô ơ ư). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/vi.h"

static void fold_examples(void **state) {
  Arena *a = arena_new();
  assert_string_equal(vi_fold(a, "Đặng Văn Đạt"), "dang van dat");
  assert_string_equal(vi_fold(a, "  Hoàng   Hải Long "), "hoang hai long");
  assert_string_equal(vi_fold(a, "ĐỖ THỊ ƯỚC"), "do thi uoc");
  /* Ð/ð (eth, U+00D0/F0) and Ɖ/ɖ (U+0189/0256) look like Đ/đ and come from legacy code pages */
  assert_string_equal(vi_fold(a, "\xc3\x90ỗ Văn \xc3\x90ức"), "do van duc");
  assert_string_equal(vi_fold(a, "\xc3\xb0\xc6\x89\xc9\x96"), "ddd");
  assert_string_equal(vi_nfc(a, "\xc3\x90ỗ \xc3\xb0ức \xc6\x89 \xc9\x96"), "Đỗ đức Đ đ");
  /* decomposed input (NFD) folds the same */
  assert_string_equal(vi_fold(a, "Hoa\xcc\x80ng"), "hoang");
  assert_null(vi_fold(a, "bad \xff utf8"));
  arena_free(a);
}

static void nfc_composes(void **state) {
  Arena *a = arena_new();
  assert_string_equal(vi_nfc(a, "Hoa\xcc\x80ng"), "Hoàng");
  assert_null(vi_nfc(a, "\xc3\x28"));
  arena_free(a);
}

static void utf8_validation(void **state) {
  assert_true(vi_utf8_valid("Nguyễn", strlen("Nguyễn")));
  assert_false(vi_utf8_valid("\xc0\xaf", 2));         /* overlong */
  assert_false(vi_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
  assert_false(vi_utf8_valid("\xe1\xba", 2));         /* truncated */
  assert_false(vi_utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
}

static void split_names(void **state) {
  Arena *a = arena_new();
  char *f, *m, *g;
  vi_split_name(a, "Nguyễn Thị Minh Khai", &f, &m, &g);
  assert_string_equal(f, "Nguyễn");
  assert_string_equal(m, "Thị Minh");
  assert_string_equal(g, "Khai");
  vi_split_name(a, "Lê Lợi", &f, &m, &g);
  assert_string_equal(f, "Lê");
  assert_string_equal(m, "");
  assert_string_equal(g, "Lợi");
  vi_split_name(a, "Thúy", &f, &m, &g);
  assert_string_equal(f, "");
  assert_string_equal(g, "Thúy");
  arena_free(a);
}

static int cmp(ViCollator *c, const char *x, const char *y) {
  return vi_collate(c, x, (int)strlen(x), y, (int)strlen(y));
}

static void collation_order(void **state) {
  ViCollator *c = vi_collator_new();
  assert_non_null(c);
  /* the Vietnamese alphabet: a ă â b c d đ e ê ... o ô ơ ... u ư */
  const char *order[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
                         "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
  for (size_t i = 0; i + 1 < sizeof order / sizeof order[0]; i++) assert_true(cmp(c, order[i], order[i + 1]) < 0);
  assert_true(cmp(c, "Anh", "Ánh") < 0);
  assert_true(cmp(c, "Dũng", "Đạt") < 0);
  assert_true(cmp(c, "Ổn", "Ơn") < 0);
  assert_true(cmp(c, "Yến", "Ánh") > 0);
  vi_collator_free(c);
}

static int name_cmp(ViCollator *c, Arena *a, const char *g1, const char *m1, const char *f1, const char *g2,
                    const char *m2, const char *f2) {
  char *x = vi_name_key(a, g1, m1, f1), *y = vi_name_key(a, g2, m2, f2);
  return vi_collate_name(c, x, (int)strlen(x), y, (int)strlen(y));
}

static void name_order_parts_first(void **state) {
  ViCollator *c = vi_collator_new();
  Arena *a = arena_new();
  /* Given names compared fully (tone marks too) before middle names: Anh < Ánh even if middles say otherwise. */
  assert_true(name_cmp(c, a, "Anh", "Văn", "Trần", "Ánh", "Thị", "Lê") < 0);
  assert_true(name_cmp(c, a, "Long", "Hải", "Hoàng", "Long", "Văn", "An") < 0);
  assert_true(name_cmp(c, a, "Long", "Hải", "Hoàng", "Long", "Hải", "Bùi") > 0);
  assert_int_equal(name_cmp(c, a, "Long", "Hải", "Hoàng", "Long", "Hải", "Hoàng"), 0);
  arena_free(a);
  vi_collator_free(c);
}

/* Counts and shares as Vietnamese write them: "1.500", "74,1%". */
/* The words both search engines index: letters and digits, everything else separates (FTS5 unicode61's rule). */
static void words_of_a_key(void **state) {
  Arena *a = arena_new();
  assert_string_equal(vi_words(a, "nguyen van a mc-0001"), "nguyen van a mc 0001");
  assert_string_equal(vi_words(a, "  (x)--y.z  file.txt 12.5 "), "x y z file txt 12 5");
  assert_string_equal(vi_words(a, "nguyễn–văn"), "nguyễn văn"); /* an en dash separates */
  assert_string_equal(vi_words(a, "abc123 ②"), "abc123 ②");    /* No: a number */
  assert_string_equal(vi_words(a, "--"), "");
  assert_string_equal(vi_words(a, NULL), "");
  arena_free(a);
}

static void numbers(void **state) {
  (void)state;
  char b[32];
  assert_string_equal(vi_count(b, sizeof b, 0), "0");
  assert_string_equal(vi_count(b, sizeof b, 999), "999");
  assert_string_equal(vi_count(b, sizeof b, 1500), "1.500");
  assert_string_equal(vi_count(b, sizeof b, 1234567), "1.234.567");
  assert_string_equal(vi_count(b, sizeof b, -1224), "-1.224");
  assert_string_equal(vi_percent(b, sizeof b, 1111, 1500), "74,1%");
  assert_string_equal(vi_percent(b, sizeof b, 2, 5), "40%");
  assert_string_equal(vi_percent(b, sizeof b, 3, 0), "0%");
}

/* vi_marked_words splits as the search splits: punctuation, symbols, emoji, odd spaces and stray marks separate. */
static void marked_words_split_as_search(void **state) {
  (void)state;
  Arena *a = arena_new();
  const char *cases[][2] = {
      {"“Hưng”", "hưng"},         {"Hưng/ Lê!", "hưng lê"},    {"Hưng\u00a0Thị", "hưng thị"},
      {"Hưng\u200bThị", "hưng thị"}, {"Hưng 😀 Mai", "hưng mai"}, {"Hu\u031bng", "hưng"},
      {"\u0301 Hưng", "hưng"},      {"Hưng_3", "hưng 3"},          {"ĐỨC…", "đức"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) assert_string_equal(vi_marked_words(a, cases[i][0]), cases[i][1]);
  assert_null(vi_marked_words(a, NULL));
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fold_examples), cmocka_unit_test(nfc_composes),   cmocka_unit_test(utf8_validation),
      cmocka_unit_test(split_names),   cmocka_unit_test(collation_order), cmocka_unit_test(name_order_parts_first), cmocka_unit_test(numbers),
      cmocka_unit_test(words_of_a_key), cmocka_unit_test(marked_words_split_as_search),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

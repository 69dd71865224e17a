/*
** The JSON writer (core/jsonw.h) against jansson: the same values in the
** same order give the same bytes as json_dumps(JSON_COMPACT) -- every
** control character, quotes, backslashes, Vietnamese text, 0x7F, the
** integer limits, nesting, empty objects and arrays -- over 2,000 random
** documents from a fixed seed.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "core/jsonw.h"

static unsigned long long seed = 20261207;
static unsigned rnd(unsigned n) {
  seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)(seed >> 33) % n;
}

/* A random valid UTF-8 string (up to 30 pieces of at most 12 bytes: at most 360 bytes, escapes at any offset of
   runs of any length) in s, which holds at least 361 bytes. */
static void random_text(char *s) {
  static const char *const pieces[] = {"a", "Z", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x01", "\x1f",
                                       "\x7f", "Nguyễn", "đ", "Đảng ủy", "€", "𝄞", "\xe2\x80\xa8", "0", "{", "]", ":"};
  int n = (int)rnd(31);
  s[0] = 0;
  for (int i = 0; i < n; i++) strcat(s, pieces[rnd(sizeof pieces / sizeof pieces[0])]);
}

/* One random value written both ways: into w, and returned as jansson's. */
static json_t *value(JsonW *w, int depth) {
  unsigned k = depth >= 4 ? rnd(5) : rnd(7);
  char s[512];
  switch (k) {
  case 0: random_text(s), jw_str(w, s); return json_string(s);
  case 1: jw_str(w, NULL), (void)0; return json_null();
  case 2: {
    static const long long ints[] = {0, 1, -1, 9, 10, -10, 2026, LLONG_MAX, LLONG_MIN, 1000000007};
    long long v = ints[rnd(10)];
    jw_int(w, v);
    return json_integer(v);
  }
  case 3: {
    bool b = rnd(2);
    jw_bool(w, b);
    return json_boolean(b);
  }
  case 4: jw_null(w); return json_null();
  case 5: {
    json_t *o = json_object();
    jw_obj(w);
    int n = (int)rnd(5);
    for (int i = 0; i < n; i++) {
      random_text(s);
      char key[560];
      snprintf(key, sizeof key, "%d%s", i, s); /* distinct keys: jansson keeps one per name */
      jw_key(w, key);
      json_object_set_new(o, key, value(w, depth + 1));
    }
    jw_end(w);
    return o;
  }
  default: {
    json_t *a = json_array();
    jw_arr(w);
    int n = (int)rnd(5);
    for (int i = 0; i < n; i++) json_array_append_new(a, value(w, depth + 1));
    jw_end(w);
    return a;
  }
  }
}

static void same_as_jansson(void **state) {
  (void)state;
  for (int round = 0; round < 2000; round++) {
    Buf b = BUF_INIT;
    JsonW w = jw_new(&b);
    json_t *j = value(&w, 0);
    buf_putc(&b, 0);
    char *want = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    assert_non_null(want);
    assert_string_equal(b.p, want);
    free(want);
    json_decref(j);
    buf_free(&b);
  }
}

/* The key-value helpers, and null for "" only where asked. */
static void helpers(void **state) {
  (void)state;
  Buf b = BUF_INIT;
  JsonW w = jw_new(&b);
  jw_obj(&w);
  jw_kstr(&w, "a", "");
  jw_kstr(&w, "b", NULL);
  jw_kstr_or_null(&w, "c", "");
  jw_kstr_or_null(&w, "d", "x");
  jw_kint(&w, "e", -42);
  jw_kbool(&w, "f", false);
  jw_key(&w, "g");
  jw_arr(&w);
  jw_end(&w);
  jw_key(&w, "h");
  jw_obj(&w);
  jw_end(&w);
  jw_end(&w);
  buf_putc(&b, 0);
  assert_string_equal(b.p, "{\"a\":\"\",\"b\":null,\"c\":null,\"d\":\"x\",\"e\":-42,\"f\":false,\"g\":[],\"h\":{}}");
  buf_free(&b);
}

/* Past JW_MAX_DEPTH: the too-deep value is null and what it holds is left out; the document stays valid JSON. */
static void too_deep(void **state) {
  (void)state;
  Buf b = BUF_INIT;
  JsonW w = jw_new(&b);
  for (int i = 0; i < JW_MAX_DEPTH; i++) jw_arr(&w);
  jw_int(&w, 1);
  jw_obj(&w); /* one level too deep */
  jw_kstr(&w, "k", "v");
  jw_arr(&w);
  jw_end(&w);
  jw_end(&w);
  jw_int(&w, 2);
  for (int i = 0; i < JW_MAX_DEPTH; i++) jw_end(&w);
  buf_putc(&b, 0);
  json_error_t e;
  json_t *j = json_loads(b.p, 0, &e);
  assert_non_null(j);
  json_t *in = j;
  for (int i = 1; i < JW_MAX_DEPTH; i++) in = json_array_get(in, 0);
  assert_int_equal(json_array_size(in), 3);
  assert_true(json_is_null(json_array_get(in, 1)));
  assert_int_equal(json_integer_value(json_array_get(in, 2)), 2);
  json_decref(j);
  buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(same_as_jansson), cmocka_unit_test(helpers),
                                     cmocka_unit_test(too_deep)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
** Legacy Vietnamese encodings (domain/io/encoding.c): every one of the 134
** Vietnamese letters with a diacritic, lower and upper case, in TCVN3 and VNI,
** both as raw bytes and as the Windows-1252 mojibake Excel saves; detection
** of whole names in each form; the garbled-text check.
**
** The expected bytes are made independently of the converter: TCVN3 by glibc
** iconv (TCVN5712-1), VNI from each letter's decomposition (base letter,
** then the VNI mark byte of its modifier and tone), not from the table.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "core/vi.h"
#include "domain/io/encoding.h"

/* The 134 letters: 12 vowels x 5 tones, plus ă â ê ô ơ ư đ, lower then upper. */
static int letters(char out[134][8]) {
  static const char *const vowels[] = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"};
  static const char *const tones[] = {"\xCC\x81", "\xCC\x80", "\xCC\x89", "\xCC\x83", "\xCC\xA3"};
  int n = 0;
  for (int up = 0; up < 2; up++) {
    for (int v = 0; v < 12; v++) {
      for (int t = -1; t < 5; t++) {
        if (t < 0 && (v == 0 || v == 3 || v == 5 || v == 6 || v == 9 || v == 11)) continue; /* plain a e i o u y */
        char buf[16];
        snprintf(buf, sizeof buf, "%s%s", vowels[v], t >= 0 ? tones[t] : "");
        utf8proc_uint8_t *m = NULL;
        utf8proc_map((const utf8proc_uint8_t *)buf, 0, &m,
                     UTF8PROC_NULLTERM | UTF8PROC_COMPOSE | (up ? UTF8PROC_CASEFOLD * 0 : 0));
        char *s = (char *)m;
        if (up) { /* upper case of the one letter */
          const utf8proc_uint8_t *p = m;
          utf8proc_int32_t cp;
          utf8proc_iterate(p, -1, &cp);
          utf8proc_uint8_t t8[8] = {0};
          utf8proc_encode_char(utf8proc_toupper(cp), t8);
          snprintf(out[n], 8, "%s", (char *)t8);
        } else {
          snprintf(out[n], 8, "%s", s);
        }
        free(m);
        n++;
      }
    }
    snprintf(out[n++], 8, "%s", up ? "Đ" : "đ");
  }
  return n;
}

/* TCVN3 bytes of a UTF-8 letter by iconv. */
static size_t tcvn_bytes(const char *u, char *out, size_t cap) {
  iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
  char *ip = (char *)u, *op = out;
  size_t il = strlen(u), ol = cap;
  assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
  iconv_close(cd);
  return cap - ol;
}

/* VNI bytes of a letter from its decomposition: base, then one mark byte. */
static size_t vni_bytes(const char *u, char *out) {
  utf8proc_int32_t cp, d[8];
  utf8proc_iterate((const utf8proc_uint8_t *)u, -1, &cp);
  int last = 0;
  utf8proc_ssize_t k = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &last);
  int base = d[0], upper = base < 'a' || base == 0x110;
  int mod = 0, tone = 0;
  for (int i = 1; i < k; i++) {
    if (d[i] == 0x302 || d[i] == 0x306 || d[i] == 0x31B) mod = d[i];
    else tone = d[i];
  }
  size_t n = 0;
  unsigned char b;
  if (base == 0x110 || base == 0x111) {
    out[n++] = (char)(upper ? 0xD1 : 0xF1);
    return n;
  }
  int lb = base | 0x20;
  if (lb == 'i' && tone) { /* toned i: one byte */
    b = tone == 0x301 ? 0xED : tone == 0x300 ? 0xEC : tone == 0x309 ? 0xE6 : tone == 0x303 ? 0xF3 : 0xF2;
    out[n++] = (char)(upper ? b - 0x20 : b);
    return n;
  }
  if (lb == 'y' && tone == 0x323) {
    out[n++] = (char)(upper ? 0xCE : 0xEE);
    return n;
  }
  if (mod == 0x31B) out[n++] = (char)(lb == 'o' ? (upper ? 0xD4 : 0xF4) : (upper ? 0xD6 : 0xF6));
  else out[n++] = (char)base;
  unsigned char m = 0;
  if (mod == 0x302) {
    m = tone == 0x301 ? 0xE1 : tone == 0x300 ? 0xE0 : tone == 0x309 ? 0xE5 : tone == 0x303 ? 0xE3 : tone ? 0xE4 : 0xE2;
  } else if (mod == 0x306) {
    m = tone == 0x301 ? 0xE9 : tone == 0x300 ? 0xE8 : tone == 0x309 ? 0xFA : tone == 0x303 ? 0xFC : tone ? 0xEB : 0xEA;
  } else if (tone) {
    m = tone == 0x301 ? 0xF9 : tone == 0x300 ? 0xF8 : tone == 0x309 ? 0xFB : tone == 0x303 ? 0xF5 : 0xEF;
  }
  if (m) out[n++] = (char)(upper ? m - 0x20 : m);
  return n;
}

/* Bytes read as Windows-1252 and written as UTF-8 (what Excel saves). */
static char *moji(Arena *a, const char *bytes, size_t n) {
  iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
  char *out = arena_alloc(a, n * 3 + 8);
  char *ip = (char *)bytes, *op = out;
  size_t il = n, ol = n * 3 + 7;
  while (il > 0) {
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) { /* the five undefined bytes: their C1 control */
      unsigned char c = (unsigned char)*ip++;
      il--;
      *op++ = (char)(0xC0 | (c >> 6)), *op++ = (char)(0x80 | (c & 0x3F)), ol -= 2;
    }
  }
  iconv_close(cd);
  *op = 0;
  return out;
}

static void check(Arena *a, EncKind k, const char *in, size_t n, const char *want, const char *what) {
  size_t len;
  char *got = enc_decode_bytes(a, k, in, n, &len);
  char *nfc = vi_nfc(a, got);
  if (!nfc || strcmp(nfc, want) != 0) fail_msg("%s: %s decoded as \"%s\", want \"%s\"", what, enc_name(k), nfc ? nfc : "?", want);
}

static void every_letter_both_encodings_both_forms(void **state) {
  char L[134][8];
  assert_int_equal(letters(L), 134);
  Arena *a = arena_new();
  for (int i = 0; i < 134; i++) {
    char b[16];
    size_t n = tcvn_bytes(L[i], b, sizeof b);
    check(a, ENC_TCVN3, b, n, L[i], "tcvn3 raw");
    char *m = moji(a, b, n);
    check(a, ENC_TCVN3_MOJI, m, strlen(m), L[i], "tcvn3 mojibake");
    n = vni_bytes(L[i], b);
    check(a, ENC_VNI, b, n, L[i], "vni raw");
    m = moji(a, b, n);
    check(a, ENC_VNI_MOJI, m, strlen(m), L[i], "vni mojibake");
  }
  arena_free(a);
}

static const char *const NAMES = "Nguyễn Văn Hùng,Đặng Thị Ánh,Vương Ngọc Ổn\nHoàng Thị Thu Hương,Lê Quốc Khánh,Phạm Đức Nghĩa\n";

/* NAMES in encoding `to` (iconv) or VNI (by letter). */
static char *encode_names(Arena *a, const char *to, size_t *n) {
  if (strcmp(to, "VNI") == 0) {
    char *out = arena_alloc(a, strlen(NAMES) * 3);
    size_t w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)NAMES;
    while (*p) {
      utf8proc_int32_t cp;
      utf8proc_ssize_t l = utf8proc_iterate(p, -1, &cp);
      if (cp < 0x80) out[w++] = (char)cp;
      else {
        char u[8] = {0};
        memcpy(u, p, (size_t)l);
        w += vni_bytes(u, out + w);
      }
      p += l;
    }
    *n = w;
    return out;
  }
  iconv_t cd = iconv_open(to, "UTF-8");
  char *out = arena_alloc(a, strlen(NAMES) * 4);
  char *ip = (char *)NAMES, *op = out;
  size_t il = strlen(NAMES), ol = strlen(NAMES) * 4;
  assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
  iconv_close(cd);
  *n = (size_t)(op - out);
  return out;
}

static void detect_each_form(Arena *a, const char *to, bool as_moji, EncKind want) {
  size_t n;
  char *bytes = encode_names(a, to, &n);
  if (as_moji) {
    bytes = moji(a, bytes, n);
    n = strlen(bytes);
  }
  long score = 0;
  EncKind k = enc_detect_bytes(bytes, n, -1, &score);
  if (k != want) fail_msg("%s%s: detected %s (%d), want %d", to, as_moji ? " mojibake" : "", enc_label(k), k, want);
  check(a, k, bytes, n, NAMES, to);
  /* As cells of a sheet: one text per name. */
  if (as_moji || strcmp(to, "UTF-8") == 0) {
    EncScore sc = {0};
    enc_score_text(&sc, bytes);
    assert_int_equal(enc_best_text(&sc, -1), want);
  }
}

static void detection_of_whole_names(void **state) {
  Arena *a = arena_new();
  detect_each_form(a, "UTF-8", false, ENC_UTF8);
  detect_each_form(a, "WINDOWS-1258", false, ENC_CP1258);
  detect_each_form(a, "TCVN5712-1", false, ENC_TCVN3);
  detect_each_form(a, "VNI", false, ENC_VNI);
  detect_each_form(a, "TCVN5712-1", true, ENC_TCVN3_MOJI);
  detect_each_form(a, "VNI", true, ENC_VNI_MOJI);
  /* The examples of CONTRACT §8. */
  size_t len;
  assert_string_equal(vi_nfc(a, enc_decode_bytes(a, ENC_TCVN3_MOJI, "NguyÔn V¨n Hïng", strlen("NguyÔn V¨n Hïng"), &len)),
                      "Nguyễn Văn Hùng");
  assert_string_equal(
      vi_nfc(a, enc_decode_bytes(a, ENC_VNI_MOJI, "Nguyeãn Vaên Huøng", strlen("Nguyeãn Vaên Huøng"), &len)),
      "Nguyễn Văn Hùng");
  /* Capitals typed in the .VnTimeH font: small letters' bytes between capitals. */
  assert_string_equal(vi_nfc(a, enc_decode_text(a, ENC_TCVN3_MOJI, "NGUYÔN V¡N HïNG")), "NGUYỄN VĂN HÙNG");
  /* ASCII forced or not stays ASCII. */
  assert_int_equal(enc_detect_bytes("code,name\nA,B\n", 14, -1, NULL), ENC_UTF8);
  /* Mostly UTF-8 with one bad byte stays UTF-8 (the byte is reported by the parser). */
  assert_int_equal(enc_detect_bytes("Lê Văn A\nL\xff Văn B\n", 22, -1, NULL), ENC_UTF8);
  arena_free(a);
}

static void garbled_words(void **state) {
  Arena *a = arena_new();
  assert_null(enc_garbled_word(a, "Nguyễn Văn Hùng"));
  assert_null(enc_garbled_word(a, "Đặng Thị Ánh, Vương Ngọc Ổn; NGUYỄN VĂN A (Hà Nội) 37°C “Quảng Ninh”"));
  assert_null(enc_garbled_word(a, "Giàng A Páo, Quỳnh, khuỷu, người, Hoà, Thuý, gìn giữ, H'Mông, Êđê, Y Ngông Niê Kdăm"));
  assert_string_equal(enc_garbled_word(a, "Nguyeãn Vaên Huøng"), "Nguyeãn");
  assert_string_equal(enc_garbled_word(a, "Nguyễn V¨n Hïng"), "V¨n");
  assert_string_equal(enc_garbled_word(a, "NguyÔn"), "NguyÔn");
  assert_string_equal(enc_garbled_word(a, "Nguyá»…n"), "Nguyá»…n"); /* UTF-8 read as cp1252 */
  arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_letter_both_encodings_both_forms),
      cmocka_unit_test(detection_of_whole_names),
      cmocka_unit_test(garbled_words),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

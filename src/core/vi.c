/* Vietnamese text helpers (see vi.h): utf8proc for NFC and folding, ICU for collation. */
#include "core/vi.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <utf8proc.h>

bool vi_utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  while (p < e) {
    unsigned c = *p;
    if (c < 0x80) { p++; continue; }
    int len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return false;
    if (e - p < len) return false;
    for (int i = 1; i < len; i++) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    p += len;
  }
  return true;
}

/* utf8proc_map with `opts` into the arena; NULL on invalid input. */
static char *map_into(Arena *a, const char *s, utf8proc_option_t opts) {
  if (!s) return NULL;
  if (!vi_utf8_valid(s, strlen(s))) return NULL;
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, opts | UTF8PROC_NULLTERM | UTF8PROC_STABLE);
  if (n < 0) return NULL;
  char *r = arena_strndup(a, (const char *)out, (size_t)n);
  free(out);
  return r;
}

/*
** In place: the look-alikes of Đ/đ that legacy code pages and some fonts leave in Vietnamese text -- Ð/ð
** (U+00D0/U+00F0, Icelandic eth: C3 90 / C3 B0) and Ɖ/ɖ (U+0189/U+0256, African D: C6 89 / C9 96) -- become Đ/đ
** (U+0110/U+0111: C4 90 / C4 91), byte for byte as long. Returns s.
*/
static char *dd_lookalikes(char *s) {
  for (unsigned char *p = (unsigned char *)s; p && *p; p++) {
    if (p[1] == 0) break;
    if ((p[0] == 0xC3 && (p[1] == 0x90 || p[1] == 0xB0)) || (p[0] == 0xC6 && p[1] == 0x89) ||
        (p[0] == 0xC9 && p[1] == 0x96)) {
      bool small = p[1] == 0xB0 || p[0] == 0xC9;
      p[0] = 0xC4, p[1] = small ? 0x91 : 0x90;
      p++;
    }
  }
  return s;
}

char *vi_nfc(Arena *a, const char *s) { return dd_lookalikes(map_into(a, s, UTF8PROC_COMPOSE)); }

/* In place: đ (C4 91) -> d, collapse white space, trim. Returns s. */
static char *finish_fold(char *s) {
  char *w = s;
  bool space = true; /* drop leading space */
  for (const char *r = s; *r;) {
    unsigned char c = (unsigned char)*r;
    if (c == 0xC4 && (unsigned char)r[1] == 0x91) { *w++ = 'd'; r += 2; space = false; continue; }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!space) *w++ = ' ';
      space = true;
      r++;
      continue;
    }
    *w++ = *r++;
    space = false;
  }
  if (w > s && w[-1] == ' ') w--;
  *w = 0;
  return s;
}

char *vi_fold(Arena *a, const char *s) {
  char *r = map_into(a, s, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  if (r) dd_lookalikes(r); /* casefolded: ð or ɖ -> đ, which finish_fold makes d */
  return r ? finish_fold(r) : NULL;
}

/* A character of a word (vi_words): letters, digits, private use. */
static bool word_char(utf8proc_int32_t cp) {
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
         (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) || c == UTF8PROC_CATEGORY_CO;
}

char *vi_words(Arena *a, const char *s) {
  size_t n = s ? strlen(s) : 0;
  char *out = arena_alloc(a, n + 1), *w = out;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : ""), *end = p + n;
  bool in_word = false;
  while (p < end) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p, end - p, &cp);
    if (len <= 0) { /* invalid byte: a separator */
      p++;
      in_word = false;
      continue;
    }
    if (word_char(cp)) {
      if (!in_word && w > out) *w++ = ' ';
      memcpy(w, p, (size_t)len);
      w += len;
      in_word = true;
    } else {
      in_word = false;
    }
    p += len;
  }
  *w = 0;
  return out;
}

char *vi_fold_malloc(const char *s) {
  if (!s || !vi_utf8_valid(s, strlen(s))) return NULL;
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                        UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  if (n < 0) return NULL;
  return finish_fold((char *)out);
}

char *vi_squeeze(Arena *a, const char *s) {
  if (!s) return NULL;
  char *r = arena_strdup(a, s), *w = r;
  bool space = true;
  for (const char *p = r; *p; p++) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
      if (!space) *w++ = ' ';
      space = true;
    } else {
      *w++ = *p;
      space = false;
    }
  }
  if (w > r && w[-1] == ' ') w--;
  *w = 0;
  return r;
}

const char *vi_marked(Arena *a, const char *s) {
  utf8proc_uint8_t *out = NULL;
  const char *t = s ? vi_squeeze(a, s) : NULL;
  if (!t || utf8proc_map((const utf8proc_uint8_t *)t, 0, &out,
                         UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
    return t;
  char *k = arena_strdup(a, (const char *)out);
  free(out);
  return k;
}

const char *vi_marked_words(Arena *a, const char *s) {
  const char *m = vi_marked(a, s);
  if (!m) return NULL;
  char *out = arena_alloc(a, strlen(m) + 1), *w = out;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)m;
  bool space = true;
  while (*p) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
    if (k <= 0) { /* invalid UTF-8 (vi_marked kept it squeezed only): a separator */
      p++;
      continue;
    }
    utf8proc_category_t c = utf8proc_category(cp);
    bool mark = c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
    bool keep = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_ND ||
                (mark && !space); /* a stray mark with no letter before it is no word */
    if (keep) memcpy(w, p, (size_t)k), w += k, space = false;
    else if (!space) *w++ = ' ', space = true;
    p += k;
  }
  while (w > out && w[-1] == ' ') w--;
  *w = 0;
  return out;
}

void vi_split_name(Arena *a, const char *full, char **family, char **middle, char **given) {
  char *s = vi_squeeze(a, full ? full : "");
  char *first = strchr(s, ' '), *last = strrchr(s, ' ');
  if (!first) {
    *family = arena_strdup(a, "");
    *middle = arena_strdup(a, "");
    *given = s;
    return;
  }
  *family = arena_strndup(a, s, (size_t)(first - s));
  *given = arena_strdup(a, last + 1);
  *middle = first == last ? arena_strdup(a, "") : arena_strndup(a, first + 1, (size_t)(last - first - 1));
}

char *vi_name_key(Arena *a, const char *given, const char *middle, const char *family) {
  return arena_printf(a, "%s\x1f%s\x1f%s", given ? given : "", middle ? middle : "", family ? family : "");
}

struct ViCollator {
  UCollator *u;
};

ViCollator *vi_collator_new(void) {
  UErrorCode st = U_ZERO_ERROR;
  UCollator *u = ucol_open("vi", &st);
  if (U_FAILURE(st)) return NULL;
  ViCollator *c = malloc(sizeof *c);
  if (!c) {
    ucol_close(u);
    return NULL;
  }
  c->u = u;
  return c;
}

void vi_collator_free(ViCollator *c) {
  if (!c) return;
  ucol_close(c->u);
  free(c);
}

int vi_collate(ViCollator *c, const char *a, int alen, const char *b, int blen) {
  UErrorCode st = U_ZERO_ERROR;
  UCollationResult r = ucol_strcollUTF8(c->u, a, alen, b, blen, &st);
  if (U_FAILURE(st)) {
    int n = alen < blen ? alen : blen, m = memcmp(a, b, (size_t)n);
    return m ? m : alen - blen;
  }
  return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

/* Append the ICU sort key of UTF-8 `s` (with its 0x00 terminator) to buf at *n; returns false on failure. */
static bool append_sort_key(ViCollator *c, Arena *a, const char *s, unsigned char **buf, int *n, int *cap) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t ulen = 0;
  u_strFromUTF8(NULL, 0, &ulen, s, -1, &st);
  if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return false;
  UChar *u = arena_alloc(a, sizeof(UChar) * (size_t)(ulen + 1));
  st = U_ZERO_ERROR;
  u_strFromUTF8(u, ulen + 1, NULL, s, -1, &st);
  if (U_FAILURE(st)) return false;
  for (;;) {
    int32_t need = ucol_getSortKey(c->u, u, ulen, *buf + *n, *cap - *n);
    if (need <= 0) return false;
    if (need <= *cap - *n) {
      *n += need;
      return true;
    }
    int ncap = (*n + need) * 2;
    unsigned char *nb = arena_alloc(a, (size_t)ncap);
    memcpy(nb, *buf, (size_t)*n);
    *buf = nb, *cap = ncap;
  }
}

unsigned char *vi_name_sort_key(ViCollator *c, Arena *a, const char *given, const char *middle, const char *family,
                                int *len) {
  int cap = 128, n = 0;
  unsigned char *buf = arena_alloc(a, (size_t)cap);
  const char *parts[] = {given ? given : "", middle ? middle : "", family ? family : ""};
  for (int i = 0; i < 3; i++)
    if (!append_sort_key(c, a, parts[i], &buf, &n, &cap)) return NULL;
  *len = n;
  return buf;
}

int vi_collate_name(ViCollator *c, const char *a, int alen, const char *b, int blen) {
  const char *ae = a + alen, *be = b + blen;
  for (;;) {
    const char *as = memchr(a, 0x1f, (size_t)(ae - a)), *bs = memchr(b, 0x1f, (size_t)(be - b));
    int al = (int)((as ? as : ae) - a), bl = (int)((bs ? bs : be) - b);
    int r = vi_collate(c, a, al, b, bl);
    if (r) return r;
    if (!as || !bs) return (as != NULL) - (bs != NULL);
    a = as + 1;
    b = bs + 1;
  }
}

char *vi_count(char *buf, size_t cap, long long n) {
  char digits[32];
  snprintf(digits, sizeof digits, "%llu", n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n);
  size_t len = strlen(digits), k = 0;
  if (n < 0 && k + 1 < cap) buf[k++] = '-';
  for (size_t i = 0; i < len && k + 2 < cap; i++) {
    if (i > 0 && (len - i) % 3 == 0) buf[k++] = '.';
    buf[k++] = digits[i];
  }
  buf[k] = 0;
  return buf;
}

char *vi_percent(char *buf, size_t cap, long long part, long long whole) {
  if (whole <= 0) {
    snprintf(buf, cap, "0%%");
    return buf;
  }
  long long t = (part * 1000 + whole / 2) / whole;
  if (t % 10 == 0) snprintf(buf, cap, "%lld%%", t / 10);
  else snprintf(buf, cap, "%lld,%lld%%", t / 10, t % 10);
  return buf;
}

char *vi_capitalize(Arena *a, const char *s) {
  if (!s) return NULL;
  utf8proc_int32_t cp;
  utf8proc_ssize_t k = *s ? utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) : 0;
  if (k <= 0) return arena_strdup(a, s);
  utf8proc_uint8_t enc[4];
  utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
  return arena_printf(a, "%.*s%s", (int)m, (const char *)enc, s + k);
}

/* Legacy Vietnamese encodings: detection by score, conversion, the garbled-text check (see encoding.h). */
#include "domain/io/encoding.h"
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "core/buf.h"
#include "domain/io/legacy_tables.h"

int enc_parse_name(const char *name) {
  if (!name) return -1;
  if (strcmp(name, "utf8") == 0 || strcmp(name, "utf-8") == 0) return ENC_UTF8;
  if (strcmp(name, "cp1258") == 0 || strcmp(name, "windows-1258") == 0) return ENC_CP1258;
  if (strcmp(name, "tcvn3") == 0 || strcmp(name, "abc") == 0) return ENC_TCVN3;
  if (strcmp(name, "vni") == 0) return ENC_VNI;
  return -1;
}

const char *enc_name(EncKind k) {
  static const char *const n[] = {"utf8", "cp1258", "tcvn3", "vni", "tcvn3", "vni"};
  return k < ENC_COUNT ? n[k] : "utf8";
}

const char *enc_label(EncKind k) {
  switch (k) {
  case ENC_CP1258: return "Windows-1258";
  case ENC_TCVN3: return "TCVN3 (ABC, phông .VnTime)";
  case ENC_VNI: return "VNI (phông VNI-Times)";
  case ENC_TCVN3_MOJI: return "TCVN3 (ABC, phông .VnTime) đã bị lưu lại thành UTF-8";
  case ENC_VNI_MOJI: return "VNI (phông VNI-Times) đã bị lưu lại thành UTF-8";
  default: return "UTF-8 (Unicode)";
  }
}

/* ---- code points ---- */

/* The next code point of [*p, e); -1 for a byte that does not start valid UTF-8 (one byte consumed). */
static int32_t u8_next(const unsigned char **p, const unsigned char *e) {
  const unsigned char *s = *p;
  unsigned c = *s;
  if (c < 0x80) return (*p)++, (int32_t)c;
  int len;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
  else return (*p)++, -1;
  if (e - s < len) return (*p)++, -1;
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return (*p)++, -1;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
    return (*p)++, -1;
  *p += len;
  return (int32_t)cp;
}

static void u8_put(Buf *b, uint32_t cp) {
  char t[4];
  utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)t);
  buf_append(b, t, (size_t)n);
}

/* The character a Windows-1252 byte shows as. */
static uint32_t byte_char(unsigned char b) { return b >= 0x80 && b < 0xA0 ? CP1252_HIGH[b - 0x80] : b; }

/* The Windows-1252 byte showing as cp, or -1. */
static int char_byte(uint32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return (int)cp;
  for (int i = 0; i < 32; i++)
    if (CP1252_HIGH[i] == cp) return 0x80 + i;
  return -1;
}

/* ---- tables built once ---- */

static uint32_t g_tcvn[256];                 /* TCVN3 byte -> code point (0: not a letter byte) */
static uint32_t g_vni1[256];                 /* one-character VNI letters, by the cp1252 byte */
static struct { uint32_t a, b, out; } g_vni2[160]; /* two-character VNI letters */
static int g_nvni2;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void build_tables(void) {
  iconv_t cd = iconv_open("UTF-8", "TCVN5712-1");
  for (int b = 1; b < 0x100 && cd != (iconv_t)-1; b++) {
    if (b == '\t' || b == '\n' || b == '\r' || (b >= 0x20 && b < 0x80)) continue;
    char in = (char)b, out[16];
    char *ip = &in, *op = out;
    size_t il = 1, ol = sizeof out;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) continue;
    iconv(cd, NULL, NULL, &op, &ol); /* flush a base letter held back for a combining mark */
    const unsigned char *p = (const unsigned char *)out;
    int32_t cp = op > out ? u8_next(&p, (const unsigned char *)op) : -1;
    if (cp > 0 && cp != b) g_tcvn[b] = (uint32_t)cp;
  }
  if (cd != (iconv_t)-1) iconv_close(cd);
  for (int i = 0; i < VNI_TABLE_N; i++) {
    const unsigned char *p = (const unsigned char *)VNI_TABLE[i].vni, *e = p + strlen(VNI_TABLE[i].vni);
    const unsigned char *l = (const unsigned char *)VNI_TABLE[i].letter;
    int32_t letter = u8_next(&l, l + strlen(VNI_TABLE[i].letter));
    int32_t a = u8_next(&p, e), b = p < e ? u8_next(&p, e) : 0;
    if (b == 0) {
      int byte = char_byte((uint32_t)a);
      if (byte >= 0) g_vni1[byte] = (uint32_t)letter;
    } else if (g_nvni2 < (int)(sizeof g_vni2 / sizeof g_vni2[0])) {
      g_vni2[g_nvni2].a = (uint32_t)a, g_vni2[g_nvni2].b = (uint32_t)b, g_vni2[g_nvni2].out = (uint32_t)letter;
      g_nvni2++;
    }
  }
}

static void tables(void) { pthread_once(&g_once, build_tables); }

static uint32_t vni_pair(uint32_t a, uint32_t b) {
  if (a >= 0x80 ? a != 0xF4 && a != 0xF6 && a != 0xD4 && a != 0xD6 : !strchr("aeiouyAEIOUY", (int)a)) return 0;
  for (int i = 0; i < g_nvni2; i++)
    if (g_vni2[i].a == a && g_vni2[i].b == b) return g_vni2[i].out;
  return 0;
}

/* ---- decoding a stream of characters through a legacy table ---- */

typedef struct {
  EncKind k;
  Buf *out;
  int32_t held; /* VNI: a character waiting for a possible mark (-1 none) */
} Dec;

static void dec_emit_plain(Dec *d, int32_t c) {
  if (d->k == ENC_TCVN3 || d->k == ENC_TCVN3_MOJI) {
    int b = c >= 0 ? char_byte((uint32_t)c) : -1;
    if (b > 0 && g_tcvn[b]) c = (int32_t)g_tcvn[b];
  } else if (d->k == ENC_VNI || d->k == ENC_VNI_MOJI) {
    int b = c >= 0 ? char_byte((uint32_t)c) : -1;
    if (b >= 0x80 && g_vni1[b]) c = (int32_t)g_vni1[b];
  }
  u8_put(d->out, (uint32_t)c);
}

/* Feed one character (a code point; for raw forms the cp1252 character of a byte). */
static void dec_feed(Dec *d, int32_t c) {
  if (d->k != ENC_VNI && d->k != ENC_VNI_MOJI) {
    dec_emit_plain(d, c);
    return;
  }
  if (d->held >= 0) {
    uint32_t v = vni_pair((uint32_t)d->held, (uint32_t)c);
    if (v) {
      u8_put(d->out, v);
      d->held = -1;
      return;
    }
    dec_emit_plain(d, d->held);
    d->held = -1;
  }
  d->held = c;
}

static void dec_end(Dec *d) {
  if (d->held >= 0) dec_emit_plain(d, d->held);
  d->held = -1;
}

/*
** TCVN3 (ABC) has no capitals with tone marks: boards typed them in the
** capital font (.VnTimeH) with the small letters' bytes. A word whose ASCII
** letters are all capitals is made all capitals ("NGUYễN" -> "NGUYỄN").
*/
static void tcvn_capitalize(char *s, size_t n) {
  unsigned char *p = (unsigned char *)s, *e = p + n;
  while (p < e) {
    while (p < e && !((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p >= 0x80)) p++;
    unsigned char *w = p;
    int up = 0, low = 0, wide = 0;
    while (p < e && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p >= 0x80)) {
      up += *p >= 'A' && *p <= 'Z';
      low += *p >= 'a' && *p <= 'z';
      wide += *p >= 0x80;
      p++;
    }
    if (up < 2 || low || !wide) continue;
    /* Rewrite the word in place: upper case of a Vietnamese letter has the same UTF-8 length. */
    for (const unsigned char *q = w; q < p;) {
      unsigned char *at = (unsigned char *)q;
      int32_t cp = u8_next(&q, p);
      if (cp < 0x80) continue;
      int32_t u = utf8proc_toupper(cp);
      utf8proc_uint8_t t[4];
      if (utf8proc_encode_char(u, t) == q - at) memcpy(at, t, (size_t)(q - at));
    }
  }
}

/* s[0..n) as k into b: bytes (raw forms) or UTF-8 characters (mojibake forms) through the legacy table. */
static void decode_into(Buf *b, EncKind k, const char *s, size_t n) {
  tables();
  size_t start = b->len;
  if (k == ENC_CP1258) {
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1258");
    char *ip = (char *)s;
    size_t il = n;
    while (il > 0 && cd != (iconv_t)-1) {
      buf_reserve(b, il * 3 + 16);
      char *op = b->p + b->len;
      size_t ol = b->cap - b->len - 1, before = ol;
      size_t r = iconv(cd, &ip, &il, &op, &ol);
      b->len += before - ol;
      if (r == (size_t)-1 && errno == EILSEQ) { /* a byte Windows-1258 leaves undefined: keep its cp1252 character */
        u8_put(b, byte_char((unsigned char)*ip));
        ip++, il--;
      } else if (r == (size_t)-1 && il > 0 && ol > 16) {
        break; /* truncated input at the end: cannot happen for single-byte tables */
      }
    }
    if (cd != (iconv_t)-1) {
      char *op = b->p + b->len;
      size_t ol = b->cap - b->len - 1, before = ol;
      iconv(cd, NULL, NULL, &op, &ol);
      b->len += before - ol;
      iconv_close(cd);
    }
    buf_reserve(b, 1);
    b->p[b->len] = 0;
    return;
  }
  Dec d = {k, b, -1};
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  bool raw = k == ENC_TCVN3 || k == ENC_VNI;
  while (p < e) {
    if (*p < 0x80) { /* ASCII (and NUL) as is; it also ends a held VNI letter unless it is a mark's base */
      dec_feed(&d, *p++);
      continue;
    }
    if (raw) {
      dec_feed(&d, (int32_t)byte_char(*p++));
      continue;
    }
    const unsigned char *at = p;
    int32_t cp = u8_next(&p, e);
    if (cp < 0) { /* invalid UTF-8 in a mojibake file: keep the byte for the parser to report */
      dec_end(&d);
      buf_append(b, at, 1);
      continue;
    }
    dec_feed(&d, cp);
  }
  dec_end(&d);
  if (k == ENC_TCVN3 || k == ENC_TCVN3_MOJI) tcvn_capitalize(b->p + start, b->len - start);
}

char *enc_decode_bytes(Arena *a, EncKind k, const char *s, size_t n, size_t *outlen) {
  if (k == ENC_UTF8) {
    char *r = arena_alloc(a, n + 1);
    memcpy(r, s, n);
    *outlen = n;
    return r;
  }
  Buf b = BUF_INIT;
  buf_reserve(&b, n + n / 2 + 16);
  decode_into(&b, k, s, n);
  char *r = arena_alloc(a, b.len + 1);
  memcpy(r, b.p, b.len);
  *outlen = b.len;
  buf_free(&b);
  return r;
}

char *enc_decode_text(Arena *a, EncKind k, const char *s) {
  if (k == ENC_UTF8 || !s) return (char *)s;
  const unsigned char *p = (const unsigned char *)s;
  while (*p && *p < 0x80) p++;
  if (!*p) return (char *)s;
  size_t n;
  return enc_decode_bytes(a, k, s, strlen(s), &n);
}

/* ---- judging words ---- */

/* Characters that separate words although >= 0x80 (spaces, quotes, dashes, bullets). */
static bool is_sep(int32_t c) {
  return c == 0xA0 || c == 0xAB || c == 0xBB || c == 0xB7 || (c >= 0x2000 && c <= 0x206F) || c == 0x3000 ||
         c == 0xFEFF;
}

static bool is_word_char(int32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0x80 && !is_sep(c)) || c < 0;
}

/*
** Vowels of the skeleton: a ă â e ê i o ô ơ u ư y as a 1 2 e 3 i o 4 5 u 6 y.
** The clusters a Vietnamese syllable can have (tone marks left out).
*/
static const char *const CLUSTERS[] = {
    "a", "1", "2", "e", "3", "i", "o", "4", "5", "u", "6", "y", "ai", "ao", "au", "ay", "2u", "2y", "eo", "3u",
    "ia", "i3", "iu", "oa", "o1", "oe", "oi", "oo", "4i", "5i", "ua", "u2", "u3", "ui", "u4", "u5", "uy", "6a", "6i",
    "65", "6u", "y3", "i3u", "oai", "oao", "oay", "oeo", "u2y", "u4i", "uya", "uy3", "65i", "65u", "y3u", "uyu", "ue",
    "uo", "uye", NULL};

static bool cluster_ok(const char *c, size_t n) {
  for (int i = 0; CLUSTERS[i]; i++)
    if (strlen(CLUSTERS[i]) == n && memcmp(CLUSTERS[i], c, n) == 0) return true;
  return false;
}

static bool is_vowel_code(char c) { return strchr("a123ei4o5u6y", c) && c; }

/*
** Judge one word (UTF-8, n bytes): 0 when pure ASCII, +1 when it is a
** Vietnamese syllable-like word, -1 when it looks garbled.
*/
static int judge_word(const char *w, size_t n) {
  size_t i;
  for (i = 0; i < n && (unsigned char)w[i] < 0x80; i++) {}
  if (i == n) return 0;
  /* Compose only when there is a combining mark (U+0300..U+036F: lead bytes CC, CD); precomposed text is read as is. */
  bool marks = false;
  for (size_t j = 0; j < n && !marks; j++) marks = (unsigned char)w[j] == 0xCC || (unsigned char)w[j] == 0xCD;
  utf8proc_uint8_t *nfc = NULL;
  utf8proc_ssize_t m = (utf8proc_ssize_t)n;
  if (marks) {
    m = utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &nfc, UTF8PROC_COMPOSE);
    if (m < 0) return -1;
  }
  char skel[64];
  size_t ns = 0;
  int tones = 0, verdict = 1;
  bool prev_lower = false;
  const unsigned char *p = nfc ? nfc : (const unsigned char *)w, *e = p + m;
  while (p < e && verdict > 0) {
    int32_t cp = u8_next(&p, e);
    utf8proc_int32_t dec[8];
    int last = 0;
    utf8proc_ssize_t k = cp < 0 ? -1 : utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE, &last);
    if (k < 1) {
      verdict = -1;
      break;
    }
    int32_t base = dec[0];
    bool upper;
    char code;
    if (base == 0x110 || base == 0x111) upper = base == 0x110, code = 'd';
    else if (base >= 'A' && base <= 'Z') upper = true, code = (char)(base + 32);
    else if (base >= 'a' && base <= 'z') upper = false, code = (char)base;
    else {
      verdict = -1;
      break;
    }
    if (upper && prev_lower) verdict = -1;
    prev_lower = !upper;
    bool vowel = strchr("aeiouy", code) != NULL;
    int mods = 0;
    for (utf8proc_ssize_t j = 1; j < k; j++) {
      int32_t mk = dec[j];
      if (mk == 0x300 || mk == 0x301 || mk == 0x303 || mk == 0x309 || mk == 0x323) {
        if (!vowel) verdict = -1;
        tones++;
      } else if (mk == 0x302 && (code == 'a' || code == 'e' || code == 'o') && !mods++) {
        code = code == 'a' ? '2' : code == 'e' ? '3' : '4';
      } else if (mk == 0x306 && code == 'a' && !mods++) {
        code = '1';
      } else if (mk == 0x31B && (code == 'o' || code == 'u') && !mods++) {
        code = code == 'o' ? '5' : '6';
      } else {
        verdict = -1;
      }
    }
    if (ns < sizeof skel) skel[ns++] = code;
  }
  free(nfc);
  if (verdict < 0) return -1;
  if (tones > 1) return -1;
  /* gi + vowel and qu: the i / u belong to the consonant. */
  size_t from = 0;
  if (ns > 2 && skel[0] == 'g' && skel[1] == 'i' && is_vowel_code(skel[2])) from = 2;
  if (ns > 2 && skel[0] == 'q' && skel[1] == 'u') from = 2;
  for (size_t j = from; j < ns;) {
    if (!is_vowel_code(skel[j])) {
      j++;
      continue;
    }
    size_t k = j;
    while (k < ns && is_vowel_code(skel[k])) k++;
    if (!cluster_ok(skel + j, k - j)) return -1;
    j = k;
  }
  return 1;
}

/* Call fn on every word of s[0..n). */
static void each_word(const char *s, size_t n, void (*fn)(void *, const char *, size_t), void *ctx) {
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  while (p < e) {
    const unsigned char *at = p;
    int32_t c = u8_next(&p, e);
    if (!is_word_char(c)) continue;
    const unsigned char *end = p;
    while (p < e) {
      const unsigned char *q = p;
      c = u8_next(&p, e);
      if (!is_word_char(c)) break;
      end = p;
      (void)q;
    }
    fn(ctx, (const char *)at, (size_t)(end - at));
  }
}

typedef struct {
  long score;
} Tally;

static void tally_word(void *ctx, const char *w, size_t n) {
  int j = judge_word(w, n);
  if (j > 0 && ((unsigned char)w[0] >= 0x80 ? n <= 3 : n <= 1)) j = 0; /* a lone letter ("Ă") proves nothing */
  ((Tally *)ctx)->score += j > 0 ? 1 : j < 0 ? -2 : 0;
}

static long score_of(const char *s, size_t n) {
  Tally t = {0};
  each_word(s, n, tally_word, &t);
  return t.score;
}

char *enc_decode_cell(Arena *a, EncKind k, const char *s) {
  char *t = enc_decode_text(a, k, s);
  if (t == s) return t;
  return score_of(t, strlen(t)) > score_of(s, strlen(s)) ? t : (char *)s;
}

void enc_score_text(EncScore *sc, const char *s) {
  if (!s) return;
  const unsigned char *p = (const unsigned char *)s;
  while (*p && *p < 0x80) p++;
  if (!*p) return;
  sc->cells++;
  size_t n = strlen(s);
  static const EncKind cands[] = {ENC_UTF8, ENC_TCVN3_MOJI, ENC_VNI_MOJI};
  for (int i = 0; i < 3; i++) {
    if (cands[i] == ENC_UTF8) {
      sc->score[ENC_UTF8] += score_of(s, n);
      continue;
    }
    Buf b = BUF_INIT;
    decode_into(&b, cands[i], s, n);
    sc->score[cands[i]] += score_of(b.p ? b.p : "", b.len);
    buf_free(&b);
  }
}

EncKind enc_best_text(const EncScore *sc, int forced) {
  if (forced == ENC_UTF8) return ENC_UTF8;
  if (forced == ENC_TCVN3 || forced == ENC_TCVN3_MOJI) return ENC_TCVN3_MOJI;
  if (forced == ENC_VNI || forced == ENC_VNI_MOJI) return ENC_VNI_MOJI;
  EncKind best = ENC_UTF8;
  if (sc->score[ENC_TCVN3_MOJI] > sc->score[best]) best = ENC_TCVN3_MOJI;
  if (sc->score[ENC_VNI_MOJI] > sc->score[best]) best = ENC_VNI_MOJI;
  return best;
}

/* Scan budget of the byte detection: lines holding a byte >= 0x80, and bytes of such lines. */
#define DETECT_MAX_LINES 4000
#define DETECT_MAX_BYTES (4u << 20)

EncKind enc_detect_bytes(const char *s, size_t n, int forced, long *score) {
  tables();
  /* Valid multi-byte UTF-8 sequences against invalid bytes. */
  long valid = 0, invalid = 0;
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  while (p < e) {
    if (*p < 0x80) {
      p++;
      continue;
    }
    int32_t c = u8_next(&p, e);
    if (c < 0) invalid++;
    else valid++;
  }
  bool utf8 = invalid == 0 || valid >= invalid;
  if (score) *score = 0;
  if (forced == ENC_UTF8 || (forced == ENC_CP1258 && utf8)) return ENC_UTF8;
  if (forced == ENC_CP1258) return ENC_CP1258;
  if (forced == ENC_TCVN3) return utf8 ? ENC_TCVN3_MOJI : ENC_TCVN3;
  if (forced == ENC_VNI) return utf8 ? ENC_VNI_MOJI : ENC_VNI;
  if (utf8 && valid == 0) return ENC_UTF8; /* plain ASCII */
  EncKind cands[3];
  if (utf8) cands[0] = ENC_UTF8, cands[1] = ENC_TCVN3_MOJI, cands[2] = ENC_VNI_MOJI;
  else cands[0] = ENC_CP1258, cands[1] = ENC_TCVN3, cands[2] = ENC_VNI;
  long sc[3] = {0, 0, 0};
  size_t lines = 0, bytes = 0;
  const char *line = s, *end = s + n;
  while (line < end && lines < DETECT_MAX_LINES && bytes < DETECT_MAX_BYTES) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
    bool wide = false;
    for (size_t i = 0; i < len && !wide; i++) wide = (unsigned char)line[i] >= 0x80;
    if (wide) {
      lines++, bytes += len;
      for (int i = 0; i < 3; i++) {
        if (cands[i] == ENC_UTF8) {
          sc[i] += score_of(line, len);
          continue;
        }
        Buf b = BUF_INIT;
        decode_into(&b, cands[i], line, len);
        sc[i] += score_of(b.p ? b.p : "", b.len);
        buf_free(&b);
      }
    }
    line = nl ? nl + 1 : end;
  }
  int best = 0;
  for (int i = 1; i < 3; i++)
    if (sc[i] > sc[best]) best = i;
  if (score) *score = sc[best];
  /* Bytes that are not UTF-8 but decode to no Vietnamese word in any legacy encoding: stay UTF-8, bad bytes reported. */
  if (!utf8 && sc[best] <= 0) return ENC_UTF8;
  return cands[best];
}

typedef struct {
  Arena *a;
  const char *bad;
} Garble;

static void garble_word(void *ctx, const char *w, size_t n) {
  Garble *g = ctx;
  if (g->bad) return;
  /* Leave out symbols at the edges ("°C", "(Hà"): only what sits between letters counts. */
  const unsigned char *p = (const unsigned char *)w, *e = p + n;
  while (p < e) {
    const unsigned char *q = p;
    int32_t c = u8_next(&q, e);
    utf8proc_int32_t dec[8];
    int last = 0;
    utf8proc_ssize_t k = c < 0 ? -1 : utf8proc_decompose_char(c, dec, 8, UTF8PROC_DECOMPOSE, &last);
    bool letter = k >= 1 && ((dec[0] | 0x20) >= 'a' && (dec[0] | 0x20) <= 'z' ? true : dec[0] == 0x110 || dec[0] == 0x111);
    if (letter) break;
    p = q;
  }
  while (e > p) {
    const unsigned char *q = e - 1;
    while (q > p && (*q & 0xC0) == 0x80) q--;
    const unsigned char *r = q;
    int32_t c = u8_next(&r, e);
    utf8proc_int32_t dec[8];
    int last = 0;
    utf8proc_ssize_t k = c < 0 ? -1 : utf8proc_decompose_char(c, dec, 8, UTF8PROC_DECOMPOSE, &last);
    bool letter = k >= 1 && ((dec[0] | 0x20) >= 'a' && (dec[0] | 0x20) <= 'z' ? true : dec[0] == 0x110 || dec[0] == 0x111);
    if (letter) break;
    e = q;
  }
  if (e > p && judge_word((const char *)p, (size_t)(e - p)) < 0) g->bad = arena_strndup(g->a, w, n);
}

/*
** UTF-8 that was read as Windows-1252 and saved again ("Nguyá»…n"): a
** character whose cp1252 byte starts a UTF-8 sequence followed by characters
** whose bytes complete it. Returns the start of that sequence or NULL.
*/
static const char *double_utf8(const char *s) {
  const unsigned char *p = (const unsigned char *)s, *e = p + strlen(s);
  while (p < e) {
    const unsigned char *at = p;
    int32_t c = u8_next(&p, e);
    int lead = c >= 0x80 ? char_byte((uint32_t)c) : -1;
    int need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
    if (!need) continue;
    const unsigned char *q = p;
    int got = 0;
    while (got < need && q < e) {
      int32_t d = u8_next(&q, e);
      int b = d >= 0x80 ? char_byte((uint32_t)d) : -1;
      if (b < 0x80 || b > 0xBF) break;
      got++;
    }
    if (got == need) return (const char *)at;
  }
  return NULL;
}

const char *enc_garbled_word(Arena *a, const char *s) {
  if (!s) return NULL;
  const unsigned char *p = (const unsigned char *)s;
  while (*p && *p < 0x80) p++;
  if (!*p) return NULL;
  const char *d = double_utf8(s);
  if (d) { /* report the whole space-separated token around it */
    const char *b = d, *e = d;
    while (b > s && b[-1] != ' ' && b[-1] != ',' && b[-1] != '\n') b--;
    while (*e && *e != ' ' && *e != ',' && *e != '\n') e++;
    return arena_strndup(a, b, (size_t)(e - b));
  }
  Garble g = {a, NULL};
  each_word(s, strlen(s), garble_word, &g);
  return g.bad;
}

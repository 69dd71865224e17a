/*
** The encodings of the files boards keep (CONTRACT §8): UTF-8, Windows-1258,
** and the legacy TCVN3 (ABC) and VNI font encodings, each of the two legacy
** ones either as raw bytes or as the "mojibake" Excel makes of them (the
** bytes read as Windows-1252 and saved as UTF-8: "NguyÔn V¨n Hïng",
** "Nguyeãn Vaên Huøng").
**
** Detection is per file, by a score: every candidate decoding is applied and
** its words judged as Vietnamese syllables (letters of the Vietnamese
** alphabet, at most one tone mark, a vowel cluster that exists, no capital
** after a small letter); a valid word with a diacritic counts +1, a word that
** is not a syllable -2, plain ASCII words 0. The best score wins; ties go to
** the text as it is. What still looks garbled after conversion is reported
** by enc_garbled_word so the importer can refuse it with its line.
**
** Not for: NFC (core/vi.h does it when values are checked), CSV structure.
*/
#ifndef CANBO_ENCODING_H
#define CANBO_ENCODING_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"

typedef enum {
  ENC_UTF8 = 0,   /* text as it is */
  ENC_CP1258,     /* raw Windows-1258 bytes (iconv WINDOWS-1258) */
  ENC_TCVN3,      /* raw TCVN3 (ABC) bytes (iconv TCVN5712-1) */
  ENC_VNI,        /* raw VNI bytes (legacy_tables.c) */
  ENC_TCVN3_MOJI, /* TCVN3 bytes read as Windows-1252 and saved as UTF-8 */
  ENC_VNI_MOJI,   /* VNI bytes read as Windows-1252 and saved as UTF-8 */
  ENC_COUNT
} EncKind;

/* What `--encoding` names (utf8|cp1258|tcvn3|vni), or -1 for anything else. */
int enc_parse_name(const char *name);
/* The short name of k: "utf8", "cp1258", "tcvn3", "vni" (both forms of a legacy encoding share it). */
const char *enc_name(EncKind k);
/* A Vietnamese description of k for the answer ("TCVN3 (ABC), chữ đã bị Excel chuyển sai thành UTF-8"). */
const char *enc_label(EncKind k);

/*
** Which encoding the bytes of a text file are in. `forced` is -1 or what
** enc_parse_name returned; a forced legacy encoding still chooses between
** its raw and mojibake forms by whether the bytes are UTF-8. Bytes that are
** mostly UTF-8 with a few bad ones, or that no legacy encoding turns into
** Vietnamese words, stay ENC_UTF8 (the bad bytes are then reported where
** they are). *score gets the winner's score (may be NULL).
*/
EncKind enc_detect_bytes(const char *s, size_t n, int forced, long *score);

/*
** s[0..n) decoded as k into UTF-8 (not yet NFC), allocated in a, NUL-terminated;
** *outlen its length. NUL bytes and ASCII (separators, line ends) pass unchanged.
*/
char *enc_decode_bytes(Arena *a, EncKind k, const char *s, size_t n, size_t *outlen);

/* Scores of the text-form candidates (ENC_UTF8, ENC_TCVN3_MOJI, ENC_VNI_MOJI), fed cell by cell. */
typedef struct {
  long score[ENC_COUNT];
  long cells; /* cells with a byte >= 0x80 seen */
} EncScore;

/* Add one UTF-8 text (a cell of a sheet) to the scores. Cheap for pure ASCII. */
void enc_score_text(EncScore *sc, const char *s);
/* The best of the text-form candidates (ties: ENC_UTF8); `forced` as above. */
EncKind enc_best_text(const EncScore *sc, int forced);
/* UTF-8 text s converted as k (a text form), in a; s itself when nothing changes. */
char *enc_decode_text(Arena *a, EncKind k, const char *s);

/*
** One cell (or CSV field) of a file found to be in mojibake form k: its
** conversion when that reads better as Vietnamese than the text as it is
** (more valid syllables), else s itself. So text typed in Unicode into the
** same file ("Hoàng", which VNI would read as "Hồng") is left alone.
*/
char *enc_decode_cell(Arena *a, EncKind k, const char *s);

/*
** The first word of UTF-8 text s that does not look like Vietnamese (a
** letter foreign to the alphabet inside a word, a capital after a small
** letter, two tone marks, a vowel cluster that no syllable has), copied into
** a; NULL when every word looks right. Pure ASCII words are never reported.
*/
const char *enc_garbled_word(Arena *a, const char *s);

#endif

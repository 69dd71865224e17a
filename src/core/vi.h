/*
** Vietnamese text: validation, NFC, the diacritic-free search fold, name
** splitting and ICU "vi" collation. All input text enters canbo through
** vi_nfc(); all search keys through vi_fold().
**
** Not for: layout or HTML (html.h), CSV (csv.h).
*/
#ifndef CANBO_VI_H
#define CANBO_VI_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"

/* n with Vietnamese digit grouping ("1.234.567", "-12") into buf (>= 32 bytes); returns buf. */
char *vi_count(char *buf, size_t cap, long long n);
/* part/whole as a percentage with one decimal and a decimal comma ("32,5%", "40%", "0%" when whole <= 0) into buf (>= 32 bytes). */
char *vi_percent(char *buf, size_t cap, long long part, long long whole);
/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool vi_utf8_valid(const char *s, size_t n);

/* s normalized to NFC, with the look-alikes of Đ/đ (Ð ð Ɖ ɖ) made Đ/đ, allocated in `a`; NULL when s is not valid
   UTF-8. */
char *vi_nfc(Arena *a, const char *s);

/*
** The search fold of s: NFC -> strip combining marks -> case fold -> đ/Đ (and their look-alikes Ð ð Ɖ ɖ) to d,
** with runs of white space collapsed to one space and trimmed.
** "Đặng Văn Đạt" -> "dang van dat". Allocated in `a`; NULL on invalid UTF-8.
*/
char *vi_fold(Arena *a, const char *s);

/* Same as vi_fold but writes into a malloc'd string the caller frees. */
char *vi_fold_malloc(const char *s);

/*
** The words of s as a search index sees them, joined by one space: runs of
** letters, digits and private-use characters (Unicode L*, N*, Co -- the
** token characters of SQLite FTS5's unicode61 tokenizer); everything else
** separates. "mc-0001 (x)" -> "mc 0001 x". Stored as the search key so that
** both engines' indexes (FTS5; PostgreSQL's to_tsvector('simple')) see the
** same words, and used to split a query. In `a`; "" when s has no word.
*/
char *vi_words(Arena *a, const char *s);

/*
** Split a full name "Họ Đệm... Tên" into family (first word), middle (the
** words between, possibly "") and given (last word). One-word names are given
** names with empty family and middle. Strings are allocated in `a`.
*/
void vi_split_name(Arena *a, const char *full, char **family, char **middle, char **given);

/* s with its first letter in capitals ("bố/mẹ" -> "Bố/mẹ", "đề bạt" -> "Đề bạt"), in `a`; NULL stays NULL. */
char *vi_capitalize(Arena *a, const char *s);

/* Trim ASCII white space and collapse inner runs to one space; in `a`. */
char *vi_squeeze(Arena *a, const char *s);

/*
** A name compared with its marks: NFC, case folded, spaces squeezed ("Khải" and "khải" are one, "Khai" another);
** in `a`. Invalid UTF-8 comes back squeezed only. NULL stays NULL.
*/
const char *vi_marked(Arena *a, const char *s);
/*
** vi_marked's words: every character that is not a letter, a digit or a mark after one (punctuation, symbols,
** emoji, any space or zero-width character, a stray mark) becomes one space between words, as the search splits its
** folded words; in `a`.
*/
const char *vi_marked_words(Arena *a, const char *s);

/*
** Sort key for people: "given\x1fmiddle\x1ffamily". Compared with
** vi_collate_name() (registered in SQLite as COLLATE vi_name), which compares
** each part fully in Vietnamese collation before looking at the next.
*/
char *vi_name_key(Arena *a, const char *given, const char *middle, const char *family);

/* An ICU "vi" collator. Not thread-safe: one per thread / connection. */
typedef struct ViCollator ViCollator;
ViCollator *vi_collator_new(void);
void vi_collator_free(ViCollator *c);
/* <0, 0, >0 like strcmp, in Vietnamese order (a ă â b c d đ e ê ... o ô ơ ... u ư). */
int vi_collate(ViCollator *c, const char *a, int alen, const char *b, int blen);
/* Compare two vi_name_key() strings part by part. */
int vi_collate_name(ViCollator *c, const char *a, int alen, const char *b, int blen);
/*
** The binary sort key of a person's name: the ICU "vi" sort keys of given,
** middle and family name, each with its 0x00 terminator, concatenated.
** memcmp order of two such keys equals vi_collate_name order (a part's key
** never contains 0x00, so a shorter part sorts first and a difference in the
** given name decides before the middle name is looked at). Stored in
** cadres.sort_key so that sorting needs no collation callback. Allocated in
** `a`; *len gets its length. Keys depend on the ICU version.
*/
unsigned char *vi_name_sort_key(ViCollator *c, Arena *a, const char *given, const char *middle, const char *family,
                                int *len);

#endif

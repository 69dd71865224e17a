/*
** Data of the legacy Vietnamese encodings (legacy_tables.c): the VNI letter
** table and the upper half of Windows-1252. Used by encoding.c and by the
** per-letter unit test; nothing else should need them.
*/
#ifndef CANBO_LEGACY_TABLES_H
#define CANBO_LEGACY_TABLES_H

typedef struct {
  const char *letter; /* the Vietnamese letter, UTF-8 NFC ("ễ") */
  const char *vni;    /* its VNI bytes shown as Windows-1252 characters, UTF-8 ("eã") */
} LegacyPair;

extern const LegacyPair VNI_TABLE[];
extern const int VNI_TABLE_N;
/* Unicode of Windows-1252 bytes 0x80..0x9F (bytes 0xA0..0xFF are Latin-1, their own code point). */
extern const unsigned short CP1252_HIGH[32];

#endif

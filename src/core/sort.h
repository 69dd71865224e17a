/*
** Sorting and searching arrays that may be empty. The C library's qsort and
** bsearch declare their array argument nonnull, and an empty list is often a
** NULL pointer with a count of 0 (nothing allocated yet): calling them then
** is undefined behaviour, which the sanitizer build aborts on. Every sort and
** binary search of canbo goes through these two (scripts/format_check.py
** refuses a bare qsort or bsearch elsewhere).
*/
#ifndef CANBO_SORT_H
#define CANBO_SORT_H
#include <stddef.h>
#include <stdlib.h>

/* qsort of n elements of `size` bytes; nothing to do (and base not read) when n < 2. */
static inline void cb_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
  if (base && n > 1) qsort(base, n, size, cmp);
}

/* bsearch of key in n elements; NULL when n is 0 or base is NULL. */
static inline void *cb_bsearch(const void *key, const void *base, size_t n, size_t size,
                               int (*cmp)(const void *, const void *)) {
  return base && n ? bsearch(key, base, n, size, cmp) : NULL;
}

/* Order of elements that begin with a long long id: arrays of ids, or of structs whose first member is one. */
static inline int cb_cmp_id(const void *x, const void *y) {
  long long a = *(const long long *)x, b = *(const long long *)y;
  return (a > b) - (a < b);
}

/* Sort ids[0..n) and drop repeats; the number left. */
static inline int cb_sort_unique_ids(long long *ids, int n) {
  cb_qsort(ids, (size_t)n, sizeof *ids, cb_cmp_id);
  int k = 0;
  for (int i = 0; i < n; i++)
    if (!k || ids[k - 1] != ids[i]) ids[k++] = ids[i];
  return k;
}

/* FNV-1a of a string's bytes: for small hash tables keyed by text. */
static inline unsigned cb_str_hash(const char *s) {
  unsigned h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h;
}

#endif

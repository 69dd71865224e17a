/* Region allocator (see arena.h): a chain of blocks, bump allocation. */
#include "core/arena.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384

typedef struct Block {
  struct Block *next;
  size_t used, cap;
  max_align_t data[];
} Block;

struct Arena {
  Block *head;
  size_t total;     /* bytes of all blocks */
  size_t budget;    /* 0: none */
  jmp_buf *over;    /* where a request that exceeds its budget is cut short */
};

static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fputs("canbo: out of memory\n", stderr);
    abort();
  }
  return p;
}

Arena *arena_new(void) {
  Arena *a = xmalloc(sizeof *a);
  a->head = NULL;
  a->total = 0;
  a->budget = 0;
  a->over = NULL;
  return a;
}

void arena_free(Arena *a) {
  if (!a) return;
  Block *b = a->head;
  while (b) {
    Block *n = b->next;
    free(b);
    b = n;
  }
  free(a);
}

/* n bytes (rounded up to the alignment) that are not zeroed: for callers that fill them all at once. */
static void *alloc_raw(Arena *a, size_t n) {
  size_t al = sizeof(max_align_t);
  n = (n + al - 1) / al * al;
  if (n == 0) n = al;
  Block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    if (a->budget && a->total + cap > a->budget) {
      jmp_buf *over = a->over;
      a->budget = 0, a->over = NULL; /* the cleanup may allocate */
      longjmp(*over, 1);
    }
    a->total += cap;
    b = xmalloc(sizeof(Block) + cap);
    b->cap = cap;
    b->used = 0;
    /* Big one-off blocks go second so the current block keeps serving. */
    if (a->head && n > ARENA_BLOCK) {
      b->next = a->head->next;
      a->head->next = b;
    } else {
      b->next = a->head;
      a->head = b;
    }
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  return p;
}

void *arena_alloc(Arena *a, size_t n) {
  void *p = alloc_raw(a, n);
  memset(p, 0, n);
  return p;
}

void arena_set_budget(Arena *a, size_t budget, jmp_buf *over) {
  a->budget = over ? budget : 0;
  a->over = budget ? over : NULL;
}

size_t arena_size(const Arena *a) { return a->total; }

char *arena_strndup(Arena *a, const char *s, size_t n) {
  if (!s) return NULL;
  char *p = alloc_raw(a, n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *arena_strdup(Arena *a, const char *s) {
  return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap) {
  /* most results are short: format once into the stack, and a second time only for a long one */
  char tmp[256];
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap2);
  va_end(ap2);
  if (n < 0) n = 0, tmp[0] = 0;
  char *p = alloc_raw(a, (size_t)n + 1);
  if ((size_t)n < sizeof tmp) memcpy(p, tmp, (size_t)n + 1);
  else vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

char *arena_printf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = arena_vprintf(a, fmt, ap);
  va_end(ap);
  return p;
}

/*
** Arena: a region allocator. Everything allocated from an arena is freed at
** once by arena_free(). Each HTTP request and each CLI command owns one, so
** functions that return strings or structs allocate them from the caller's
** arena and nobody frees them one by one. Allocation failure aborts (there is
** no useful recovery from an out-of-memory in a request).
*/
#ifndef CANBO_ARENA_H
#define CANBO_ARENA_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

typedef struct Arena Arena;

Arena *arena_new(void);
void arena_free(Arena *a);
/* `n` bytes, zeroed, aligned for any type. */
void *arena_alloc(Arena *a, size_t n);
/*
** A budget (issue 9): when the arena's blocks would exceed `budget` bytes,
** arena_alloc longjmps to `over` (set by the HTTP server around a request,
** which then answers 503 and releases what the request held: db_abandon)
** instead of growing. budget 0 or over NULL: no budget.
*/
void arena_set_budget(Arena *a, size_t budget, jmp_buf *over);
/* Bytes held by the arena's blocks. */
size_t arena_size(const Arena *a);
/* Copy of s (NULL stays NULL). */
char *arena_strdup(Arena *a, const char *s);
/* Copy of the first n bytes of s, NUL-terminated. */
char *arena_strndup(Arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);

#endif

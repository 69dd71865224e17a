/* Five-year terms (see term.h). */
#include "domain/term.h"
#include <stdlib.h>
#include <string.h>
#include "core/date.h"

bool term_valid(const char *term) {
  if (!term || strlen(term) != 9 || term[4] != '-') return false;
  for (int i = 0; i < 9; i++)
    if (i != 4 && (term[i] < '0' || term[i] > '9')) return false;
  int a = atoi(term), b = atoi(term + 5);
  return a >= 1945 && a <= 2195 && b == a + 5;
}

/* The first year of the term holding year y (terms start in 2015 + 5k, also before 2015). */
static int first_year(int y) {
  int off = y - 2015;
  return 2015 + 5 * (off >= 0 ? off / 5 : -((-off + 4) / 5));
}

const char *term_of(Arena *a, const char *date) {
  Date d;
  if (!date || date_parse(date, &d, DATE_PARTIAL) != 0) return NULL;
  int y = first_year(d.y);
  return arena_printf(a, "%d-%d", y, y + 5);
}

const char *term_start(Arena *a, const char *term) {
  return term_valid(term) ? arena_printf(a, "%.4s-01-01", term) : NULL;
}

const char *term_previous(Arena *a, const char *term) {
  if (!term_valid(term)) return NULL;
  int y = atoi(term);
  return arena_printf(a, "%d-%d", y - 5, y);
}

void term_list(Arena *a, const char *today, const char ***out, int *n) {
  Date d;
  int last = (today && date_parse(today, &d, DATE_PARTIAL) == 0 ? first_year(d.y) : 2025) + 5;
  if (last < 2015) last = 2015;
  int cnt = (last - 2015) / 5 + 1;
  const char **v = arena_alloc(a, sizeof(char *) * (size_t)cnt);
  for (int i = 0; i < cnt; i++) v[i] = arena_printf(a, "%d-%d", 2015 + 5 * i, 2020 + 5 * i);
  *out = v;
  *n = cnt;
}

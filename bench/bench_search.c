/*
** Search latency benchmark: runs cadre_search (the function behind the list
** page and GET /api/v1/cadres) for a few queries, many times each, on an
** existing database, and prints p50/p95/max in milliseconds.
**   bench_search DB [ROUNDS]
*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "core/db.h"
#include "domain/cadre.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_search DB [ROUNDS]\n");
    return 2;
  }
  int rounds = argc > 2 ? atoi(argv[2]) : 200;
  Db *db;
  if (db_open(argv[1], &db) != 0) return 1;
  static const struct {
    const char *q, *sort;
  } queries[] = {
      {"hoang hai long", "name"}, {"dang van dat", "name"}, {"nguyen", "name"},
      {"th", "name"},             {"", "name"},             {"nguyen thi", "birth_date"},
  };
  double *t = malloc(sizeof(double) * (size_t)rounds);
  printf("%-22s %-10s %8s %8s %8s %8s\n", "query", "sort", "matches", "p50_ms", "p95_ms", "max_ms");
  for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
    long long total = 0;
    for (int k = 0; k < rounds; k++) {
      Arena *a = arena_new();
      CadreQuery q = {.q = queries[i].q, .sort = queries[i].sort, .limit = 50};
      Cadre *items;
      int n;
      double t0 = now_ms();
      if (cadre_search(db, a, &q, &items, &n, &total) != 0) {
        fprintf(stderr, "search failed\n");
        return 1;
      }
      t[k] = now_ms() - t0;
      arena_free(a);
    }
    qsort(t, (size_t)rounds, sizeof *t, cmp_double);
    printf("%-22s %-10s %8lld %8.2f %8.2f %8.2f\n", *queries[i].q ? queries[i].q : "(all)", queries[i].sort, total,
           t[rounds / 2], t[rounds * 95 / 100], t[rounds - 1]);
  }
  free(t);
  db_close(db);
  return 0;
}

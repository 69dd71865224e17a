/* Placeholder until the relatives module lands: no REL findings yet. */
#include "domain/relative.h"

int relative_check(Db *db, Findings *f, long long cadre_id, long long unit_id, long long title_id, const char *date) {
  (void)db, (void)f, (void)cadre_id, (void)unit_id, (void)title_id, (void)date;
  return 0;
}

/*
** What the structure statistics page (pages_structure.c) and its JSON API
** (api_structure.c) share: reading ?unit= and ?date=, and computing.
*/
#ifndef CANBO_PAGES_STRUCTURE_H
#define CANBO_PAGES_STRUCTURE_H
#include <stdbool.h>
#include "core/http.h"
#include "domain/structure.h"

typedef struct {
  const char *unit;     /* code: ?unit=, else the first unit of the scope */
  const char *date;     /* ISO: ?date= (YYYY-MM-DD or DD/MM/YYYY), else today */
  const char *bad_date; /* why ?date= is not a date (then date is today), or NULL */
  bool today;
  Unit *units;          /* units in scope (for the picker) */
  int nunits;
} StructArgs;

/* Read unit and date into a. false after an error response (no unit in scope: 404). A bad date is left in a->bad_date. */
bool structure_args(Req *r, StructArgs *a);
/* structure_compute for a; false after an error response (unit unknown or out of scope: 404). */
bool structure_args_compute(Req *r, const StructArgs *a, Structure *s);
/* Send j (taken) as the JSON body, keys in order. */
void structure_send_json(Req *r, json_t *j);

#endif

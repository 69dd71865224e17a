/*
** What the congress plan pages (pages_congress.c) and their JSON API
** (api_congress.c) share.
*/
#ifndef CANBO_PAGES_CONGRESS_H
#define CANBO_PAGES_CONGRESS_H
#include <stdbool.h>
#include "core/http.h"
#include "domain/congress.h"

/* The plan of path parameter 0 in the user's scope; false after the 404 (or other error) answer. */
bool congress_plan_arg(Req *r, CongressPlan *p);

#endif

/*
** The eligibility panel (docs/API.md, eligibility, in HTML) and the request parsing shared
** by the page and the API: GET /can-bo/{code}/dieu-kien?for=&title=&unit=
** &date=[&kind=&source=&term=][&format=csv] shows the form and, when `for`
** is given, every finding of the check (pages_eligibility.c); the profile
** page shows the same form in its section "Kiểm tra điều kiện", submitting
** to that route. GET /api/v1/cadres/{code}/eligibility takes the same query
** arguments (api_eligibility.c).
*/
#ifndef CANBO_PAGES_ELIGIBILITY_H
#define CANBO_PAGES_ELIGIBILITY_H
#include "core/http.h"
#include "domain/cadre.h"
#include "domain/eligibility.h"

/*
** Fill q from r's query (for, title, unit, date, kind, source, term) for
** cadre `code` and the user's scope. false with *err (a Vietnamese message,
** static or in r->a) when one is missing or bad; the date is normalized to ISO.
*/
bool elig_req_from_query(Req *r, const char *code, EligReq *q, const char **err);
/* The profile's section "Kiểm tra điều kiện": the GET form, submitting to /can-bo/{code}/dieu-kien. */
void eligibility_panel(Req *r, const Cadre *c);

#endif

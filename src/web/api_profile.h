/*
** The JSON profile of a cadre (GET /api/v1/cadres/{code}, and the answer of
** a correction): every field of the record, version and void state, posts,
** courses, family ("relatives"), this term's pools ("pools"), ratings and
** disciplines (docs/API.md). Shared by api_cadres.c and api_cadre_edit.c.
*/
#ifndef CANBO_API_PROFILE_H
#define CANBO_API_PROFILE_H
#include <jansson.h>
#include "core/http.h"
#include "domain/cadre_profile.h"

/* A new JSON object (the caller owns the reference). */
json_t *cadre_profile_json(Req *r, const Profile *p);

#endif

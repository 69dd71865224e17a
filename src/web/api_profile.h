/*
** The JSON profile of a cadre (GET /api/v1/cadres/{code}, and the answer of
** a correction): every field of the record, version and void state, posts,
** courses, family ("relatives"), this term's pools ("pools"), ratings and
** disciplines (docs/API.md). Shared by api_cadres.c and api_cadre_edit.c.
*/
#ifndef CANBO_API_PROFILE_H
#define CANBO_API_PROFILE_H
#include "core/http.h"
#include "core/jsonw.h"
#include "domain/cadre_profile.h"

/* Write the profile as the next value of w (core/jsonw.h: no tree, issue 9). */
void cadre_profile_write(JsonW *w, const Profile *p);

#endif

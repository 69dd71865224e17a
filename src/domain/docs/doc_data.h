/*
** Small reads the documents need that no domain file offers yet (kept here
** so that the documents work touches no other room; each could move to its
** concept's file -- relative.c, rotation.c -- when that file's owner wants):
** one cadre's post on a date, one rotation record by id. (The Mẫu 2C's family
** comes from domain/record_kinds.h family_list.)
*/
#ifndef CANBO_DOCS_DOC_DATA_H
#define CANBO_DOCS_DOC_DATA_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/rotation.h"


/*
** "Title, Unit" of the main post (not concurrent) the cadre held on ISO
** `date` (NULL: today's, i.e. one without an end date), in `a`; NULL when none.
*/
const char *doc_post_on(Db *db, Arena *a, long long cadre_id, const char *date);


/*
** The rotation record `id` whose cadre lies in `scope` (NULL = any), with
** names of units and titles; *cadre_unit_path gets the cadre's unit path.
** 0, CB_ENOTFOUND, CB_EDB.
*/
int doc_rotation_get(Db *db, Arena *a, Scope scope, long long id, RotationRow *out, const char **cadre_unit_path);

#endif

/*
** Small reads the documents need that no domain file offers yet (kept here
** so that the documents work touches no other room; each could move to its
** concept's file -- relative.c, rotation.c -- when that file's owner wants):
** the family of a cadre for the Mẫu 2C table, one rotation record by id.
*/
#ifndef CANBO_DOCS_DOC_DATA_H
#define CANBO_DOCS_DOC_DATA_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "domain/rotation.h"

/* One family member of a cadre, as the Mẫu 2C family table shows them. */
typedef struct {
  const char *relation;      /* what the relative is to the cadre (stored form, reversed when needed) */
  const char *label;         /* "Bố", "Vợ", "Anh/chị/em ruột"... (relation_label, capitalised) */
  bool spouse_side;          /* parent_in_law, sibling_in_law: the spouse's side of the table */
  const char *full_name, *birth_date, *hometown, *code;
  const char *post;          /* current main post "Title, Unit", or NULL */
} DocRelative;

/*
** "Title, Unit" of the main post (not concurrent) the cadre held on ISO
** `date` (NULL: today's, i.e. one without an end date), in `a`; NULL when none.
*/
const char *doc_post_on(Db *db, Arena *a, long long cadre_id, const char *date);

/* The recorded relatives of cadre `cadre_id` in either direction, own side first, by relation then name. 0 or CB_EDB. */
int doc_relatives(Db *db, Arena *a, long long cadre_id, DocRelative **out, int *n);

/*
** The rotation record `id` whose cadre lies in `scope` (NULL = any), with
** names of units and titles; *cadre_unit_path gets the cadre's unit path.
** 0, CB_ENOTFOUND, CB_EDB.
*/
int doc_rotation_get(Db *db, Arena *a, long long id, const char *scope, RotationRow *out,
                     const char **cadre_unit_path);

#endif

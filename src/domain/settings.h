/*
** Settings of one board's installation (table settings, schema 0012): a few
** named texts an administrator sets once, such as "province" (the Tỉnh of
** the Mẫu 2C header when the unit tree has no province-level unit).
*/
#ifndef CANBO_SETTINGS_H
#define CANBO_SETTINGS_H
#include "core/arena.h"
#include "core/db.h"

/* The value of setting `key` (arena), or NULL when unset. */
const char *settings_get(Db *db, Arena *a, const char *key);
/*
** The Tỉnh of a cadre's Mẫu 2C header (the page and the document): the name of the province-level unit
** whose subtree holds the unit with path `unit_path`, else the "province" setting, else NULL.
*/
const char *settings_province_of(Db *db, Arena *a, const char *unit_path);
/* Set `key` to `value` (NULL removes it), audited as `actor`, in the caller's transaction. 0 or CB_EDB. */
int settings_set(Db *db, const char *actor, const char *key, const char *value);

#endif

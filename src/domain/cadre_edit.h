/*
** Creating, correcting, voiding and restoring a cadre's record
** (docs/RECORDS.md, docs/API.md "Keeping the records"). Every function
** checks every submitted field (cadre_fields.h) and either writes nothing,
** filling `e` with each bad field in Vietnamese (CB_EINVAL), or writes the
** change, its history rows and its audit row in one transaction.
**
** Scope: the record and any unit it is moved to must lie in ed->scope,
** else CB_ENOTFOUND (an out-of-scope record is indistinguishable from a
** missing one). Voided records answer CB_ENOTFOUND except to restore.
**
** Not for: posts, courses and other sub-records (position.h, training.h,
** family.h), the acts that move a cadre (rotation.h, appointment.h), which
** call cadre_set_dated_in_tx for the fields they change.
*/
#ifndef CANBO_CADRE_EDIT_H
#define CANBO_CADRE_EDIT_H
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "core/field_errors.h"
#include "domain/cadre.h"
#include "domain/record_history.h"

/* One submitted field: its name (cadre_fields.h) and the value as typed (NULL or "" = empty). */
typedef struct {
  const char *field, *value;
} FieldValue;

/*
** Create a record from fields v[0..n): full_name, gender, birth_date and
** unit_code are required; code is optional (a unique "CB000123" is made
** when absent). Values given here hold from the start (also for the dated
** fields). 0 with *out the new record (arena); CB_EINVAL (e filled);
** CB_EEXIST (the code exists, also a voided one); CB_ENOTFOUND (unit
** unknown or outside the scope); CB_EDB.
*/
int cadre_create(Db *db, Arena *a, const Editor *ed, const FieldValue *v, int n, FieldErrors *e, Cadre *out);

typedef struct {
  const FieldValue *set; /* the fields to change */
  int nset;
  const char *reason;         /* required */
  const char *effective_date; /* from when dated fields change (as typed; NULL/"" = today); not after today */
  bool entry_error;           /* a typing mistake: each dated field's new value replaces the wrong one from the day
                                 that one holds from (cadre_dated_since), no new period; no effective_date then */
  long long version;          /* the version the change is based on; 0 = do not check */
} CadrePatch;

/*
** Correct the record `code`. Dated fields (degree, llct_level, qlnn_level,
** unit_code, party_join_date, party_official_date) get the new value from
** the effective date and keep the old one before it; the other fields are
** corrections of what was always true. Unchanged values are skipped. The
** code cannot be changed. Each changed field gives one history row (old
** and new stored values, effective date for dated fields, the reason); the
** version goes up by one when anything changed.
** 0 with *current the record after the change; CB_EINVAL (e filled);
** CB_ECONFLICT when p->version is not the current one (nothing written,
** *current holds the current values); CB_ENOTFOUND; CB_EDB.
*/
int cadre_patch(Db *db, Arena *a, const Editor *ed, const char *code, const CadrePatch *p, FieldErrors *e,
                Cadre *current);

/*
** cadre_patch inside the caller's transaction (an import with --update): no
** version check, no re-read; *changed gets the number of fields changed (0:
** the row was the same). Same errors; on CB_EINVAL e names the fields.
*/
int cadre_patch_in_tx(Db *db, Arena *a, const Editor *ed, const char *code, const CadrePatch *p, FieldErrors *e,
                      int *changed);

/*
** Void the record `code` with `reason` (required; e gets "reason"): it
** leaves lists, search, statistics, reports and exports; nothing is
** deleted. 0, CB_EINVAL, CB_ENOTFOUND (also when already voided), CB_EDB.
*/
int cadre_void(Db *db, Arena *a, const Editor *ed, const char *code, const char *reason, FieldErrors *e);
/* Bring a voided record back (ed->admin only: else CB_EPERM). 0, CB_EPERM, CB_ENOTFOUND (not voided), CB_EDB. */
int cadre_restore(Db *db, Arena *a, const Editor *ed, const char *code, const char *reason, FieldErrors *e);

/*
** For acts (rotation, transfer, appointment, a post or a completed course):
** give dated field `field` (a cadre_fields name: "unit_code" takes a unit
** code) of cadre `cadre_id` the stored value `value` from `from`, with a
** history row (reason, ed->source naming the act) and the version bumped.
** Nothing when the value on `from` is already `value`. In the caller's
** transaction; the caller writes the act's audit row. 0, CB_EINVAL,
** CB_ENOTFOUND (unit), CB_EDB.
*/
int cadre_set_dated_in_tx(Db *db, Arena *a, const Editor *ed, long long cadre_id, const char *field,
                          const char *value, const char *from, const char *reason);

/*
** For a completed course: raise dated level `field` ("llct_level",
** "qlnn_level" or "degree") of cadre `cadre_id` to `code` from `from` when
** the level held on that date ranks lower -- never lowers it -- and every later
** dated value of the field that ranks lower too (the level held is the highest
** earned so far). In the caller's transaction, with a history row for each
** day raised. 0, CB_EINVAL, CB_EDB.
*/
int cadre_raise_level_in_tx(Db *db, Arena *a, const Editor *ed, long long cadre_id, const char *field,
                            const char *code, const char *from, const char *reason);

/* 1 when a record (live or voided, in any scope) has `code`, 0 when none, CB_EDB. */
int cadre_code_taken(Db *db, const char *code);

/* Check a typed effective date (today when NULL/""): ISO into iso[11]; NULL or a Vietnamese message. */
const char *cadre_effective_date(Arena *a, const char *typed, char iso[11]);

#endif

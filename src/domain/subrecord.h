/*
** The records of a cadre's file that hang off the cadre -- courses
** (trainings), yearly ratings (evaluations), disciplines, family members --
** kept by one mechanism: a descriptor per kind names its table, its live
** view and its fields (label, kind, limits, allowed codes), and the same
** functions add, correct and void any of them, checking every field
** (Vietnamese messages in FieldErrors), writing history rows (entity =
** the kind's name, in the cadre's file) and one audit row, in one
** transaction. A kind's own consequences (a completed course raising a
** level, a family member linking a cadre) run in that transaction through
** the descriptor's after_write hook.
**
** Posts have their own file (position_edit.h): their units and titles
** move the cadre. Not for: reading lists for pages (training.h, ...).
*/
#ifndef CANBO_SUBRECORD_H
#define CANBO_SUBRECORD_H
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "core/field_errors.h"
#include "domain/cadre_edit.h"
#include "domain/cadre_fields.h"

enum { SUB_MAX_FIELDS = 12 };

typedef struct {
  const char *name;   /* API member and form field; also the column name */
  const char *label;  /* Vietnamese */
  CadreFieldKind kind;
  int flags;          /* CF_REQUIRED */
  int maxlen;
  double min, max;    /* CF_NUMBER range */
  const char *const (*choices)[2]; /* allowed codes with labels (value or folded label accepted), or NULL */
  int nchoices;
} SubField;

/* One record as stored: values in the descriptor's field order (NULL = empty). */
typedef struct {
  long long id, cadre_id, version;
  const char *v[SUB_MAX_FIELDS];
  const char *voided_at, *voided_by, *void_reason; /* a voided record's (sub_voided_of_cadre), else NULL */
} SubRecord;

typedef struct SubKind SubKind;
struct SubKind {
  const char *entity;    /* "training" | "evaluation" | "discipline" | "family" */
  const char *label;     /* Vietnamese noun for messages ("khóa đào tạo") */
  const char *table;     /* the X_records table */
  const char *view;      /* the live view */
  const SubField *fields;
  int nfields;
  /* Checks across fields of r (end after start...), adding to e. May be NULL. */
  void (*check)(Db *db, Arena *a, const SubKind *k, const SubRecord *r, FieldErrors *e);
  /*
  ** After an insert (old = NULL), an update, or a void (r = NULL), in the
  ** same transaction: the kind's consequences (e.g. raise a level). May be
  ** NULL. Returns 0 or an error that rolls everything back.
  */
  int (*after_write)(Db *db, Arena *a, const Editor *ed, const SubKind *k, const SubRecord *old, const SubRecord *r);
};

/* The index of field `name` in k, or -1. */
int sub_field(const SubKind *k, const char *name);
/* The key of a change's reason in errors and forms: "reason", or "edit_reason" for a kind with a field of that
   name (a discipline's own "Lý do kỷ luật"), so that the two never stand for each other. */
const char *sub_reason_key(const SubKind *k);

/*
** Add a record of kind k to cadre `cadre_code` (in ed's scope, else
** CB_ENOTFOUND) from v[0..n). 0 with *id; CB_EINVAL (e); CB_EEXIST (a
** unique key of the table, e.g. a second live rating for a year); CB_EDB.
*/
int sub_add(Db *db, Arena *a, const Editor *ed, const SubKind *k, const char *cadre_code, const FieldValue *v, int n,
            FieldErrors *e, long long *id);
/*
** Correct record `id` of kind k with set[0..n) and a reason (required; its
** errors under sub_reason_key(k)).
** version 0 = no check; stale -> CB_ECONFLICT. 0, CB_EINVAL (e),
** CB_ENOTFOUND (missing, voided or outside the scope), CB_ECONFLICT, CB_EDB.
*/
int sub_patch(Db *db, Arena *a, const Editor *ed, const SubKind *k, long long id, const FieldValue *set, int n,
              const char *reason, long long version, FieldErrors *e);
/* Void record `id` with a reason. 0, CB_EINVAL (e), CB_ENOTFOUND, CB_EDB. */
int sub_void(Db *db, Arena *a, const Editor *ed, const SubKind *k, long long id, const char *reason, FieldErrors *e);
/* Record `id` of kind k if live and its cadre lies in `scope`. 0, CB_ENOTFOUND, CB_EDB. */
int sub_get(Db *db, Arena *a, Scope scope, const SubKind *k, long long id, SubRecord *out);
/*
** An admin (ed->admin, else CB_EPERM) restores voided record `id` of kind k (its live cadre in ed's scope, else
** CB_ENOTFOUND): back in the file, lists and counts, its history row "restore", the kind's after_write as for an
** insert (a completed course raises the level again), an audit row, one transaction. CB_EEXIST when a live
** record now holds its unique key (a rating of the same year: correct that one instead). 0 or CB_EDB.
*/
int sub_restore(Db *db, Arena *a, const Editor *ed, const SubKind *k, long long id);
/* The voided records of kind k in cadre `cadre_id`'s file, newest void first (*out in `a`, with voided_*). */
int sub_voided_of_cadre(Db *db, Arena *a, const SubKind *k, long long cadre_id, SubRecord **out, int *n);
/* "Label: value; ..." of record r, dates dd/mm/yyyy, codes by their labels (in `a`): the history's summary. */
const char *sub_describe(Db *db, Arena *a, const SubKind *k, const SubRecord *r);

/* The Vietnamese label of a stored code of field i (its choice label), else the value. */
const char *sub_display(const SubKind *k, int i, const char *v);

#endif

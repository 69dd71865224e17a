/*
** The fields of a cadre's record, as data: one row per field of the
** personal-history form (Mẫu 2C) with its name (API member, form field and
** database column), Vietnamese label, the form's line number, its kind and
** limits. Everything that handles a cadre's fields generically goes through
** this table: checking a submitted value, the create/correct forms, the
** profile's sections, the JSON profile, the history. Adding a field to the
** form is one row here plus its column (schema) and its Cadre member.
**
** Not for: writing (cadre_edit.h), sub-records (positions, trainings...).
*/
#ifndef CANBO_CADRE_FIELDS_H
#define CANBO_CADRE_FIELDS_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "core/field_errors.h"
#include "domain/cadre.h"

typedef enum {
  CF_TEXT,   /* one line of text, at most maxlen characters */
  CF_LONG,   /* several lines (personal history, assessment) */
  CF_NAME,   /* a person's full name: letters, spaces, - and ' */
  CF_CODE,   /* a record code: letters, digits, - _ . / */
  CF_GENDER, /* "M" | "F" (accepts Nam, Nữ) */
  CF_BIRTH,  /* a birth date: YYYY, MM/YYYY or a full date; not in the future */
  CF_DATE,   /* a full date, not after today */
  CF_DAY,    /* a full date, past or future (a course registered for next year) */
  CF_DEGREE, /* professional degree code (so_cap ... tien_si_khoa_hoc; accepts labels) */
  CF_LLCT,   /* political theory level code */
  CF_QLNN,   /* state management level code */
  CF_UNIT,   /* a unit code (stored as cadre_records.unit_id) */
  CF_NUMBER, /* a decimal number in [min, max] ("4,98" accepted, stored "4.98") */
  CF_DIGITS, /* digits only, length in [min, max] (insurance number) */
  CF_IDCARD, /* digits only, exactly min (the old 9-digit card, CMND) or max (the 12-digit citizen card, CCCD) */
  CF_PHONE,  /* digits, spaces, + . - ( ), 8 to 15 digits */
} CadreFieldKind;

enum {
  CF_REQUIRED = 1, /* must have a value */
  CF_DATED = 2,    /* the value changes from a date: cadre_values keeps each (degree, levels, unit, party dates) */
  CF_FIXED = 4,    /* set at creation, never changed by a correction (code) */
};

typedef struct {
  const char *name;  /* API member, form field and column name (unit_code: column unit_id) */
  const char *label; /* Vietnamese label as on the form */
  int section;       /* the form's line number 1..14; 15 = free texts after the tables */
  CadreFieldKind kind;
  int flags;         /* CF_REQUIRED | CF_DATED | CF_FIXED */
  int maxlen;        /* characters (0: the kind's default) */
  double min, max;   /* CF_NUMBER range; CF_DIGITS length range; CF_IDCARD the two lengths */
  size_t offset;     /* offsetof(Cadre, member) */
} CadreField;

/* Every field, in the order of the form. */
extern const CadreField CADRE_FIELDS[];
extern const int CADRE_NFIELDS;

/* The field called `name`, or NULL. */
const CadreField *cadre_field(const char *name);
/* The stored value of field f in c (NULL when empty). */
const char *cadre_field_get(const Cadre *c, const CadreField *f);
void cadre_field_set(Cadre *c, const CadreField *f, const char *value);

/*
** Check one submitted value of field f and bring it to its stored form:
** NFC, white space squeezed; "" means empty (refused when CF_REQUIRED);
** dates DD/MM/YYYY, D/M/YYYY or ISO -> ISO; gender Nam/Nữ -> M/F; levels
** by code or Vietnamese label ("Trung cấp" -> trung_cap); numbers with a
** decimal comma. Returns NULL with *out set (arena; NULL = empty), or a
** Vietnamese message naming the field, what is wrong and what is expected.
** Unit codes are only checked for form here (existence and scope: the caller).
*/
const char *cadre_field_check(Arena *a, const CadreField *f, const char *in, const char **out);

/*
** The same check for a field of another record (a post, a course, a family
** member, a user...): its Vietnamese label, kind, flags and limits given
** directly.
*/
const char *field_value_check(Arena *a, const char *label, CadreFieldKind kind, int flags, int maxlen, double min,
                              double max, const char *in, const char **out);

/*
** Checks across fields of a whole record c (after its values are stored
** forms): the official party date not before joining, discharge not before
** enlistment, dates of the record not before birth. Adds to e.
*/
void cadre_fields_check_record(const Cadre *c, FieldErrors *e);

/* The Vietnamese text of a stored value for display: level labels, "Nam"/"Nữ", dates dd/mm/yyyy; else v. */
const char *cadre_field_display(Arena *a, const CadreField *f, const char *v);

#endif

/*
** Private to the eligibility checks (eligibility.c, elig_planning.c,
** elig_appointment.c, elig_rotation.c): the loaded context of one check and
** the helpers the purposes share. Not a public interface: callers use
** domain/eligibility.h.
*/
#ifndef CANBO_ELIG_INTERNAL_H
#define CANBO_ELIG_INTERNAL_H
#include <stdbool.h>
#include "core/date.h"
#include "domain/cadre.h"
#include "domain/eligibility.h"
#include "domain/title.h"
#include "domain/unit.h"

typedef struct {
  Db *db;
  Arena *a;
  const EligReq *req;
  Findings *f;
  Cadre cadre;
  Title title;
  Unit unit;
  Date date;          /* the act's date */
  const char *iso;    /* the act's date, ISO (for SQL and rules_get) */
  const char *vn;     /* the act's date, dd/mm/yyyy (for messages) */
  char sex;           /* 'M' | 'F' */
  Date birth;
  bool birth_ok;      /* the birth date parsed (partial allowed) */
} Elig;

/* Months of service left on `at` (retirement_months_left), INT_MIN when the birth is unknown. */
int elig_months_left(const Elig *e, Date at);
/* "dd/mm/yyyy" of d, in e->a. */
const char *elig_vn(const Elig *e, Date d);
/* The first day of retirement (the day after RET-1's retirement point) as "dd/mm/yyyy" (in e->a), "?" when unknown. */
const char *elig_retirement_vn(const Elig *e);
/* Whole months from a to b (b later: positive); a day of b before a's day does not complete the month. */
int elig_full_months(Date a, Date b);
/* "2 năm 3 tháng" for a number of months (in e->a). */
const char *elig_years_months(const Elig *e, int months);
/* elig_years_months with the months counted after it when that says more: "2 năm 3 tháng (27 tháng)", "7 tháng". */
const char *elig_duration(const Elig *e, int months);

/*
** The discipline findings (DISC-1, DISC-2, DISC-3) for the act's date.
** `party_applies` / `state_applies` false turn that rule's findings into n/a
** with `na_note` (e.g. rotation, nomination). *barred_until gets the last
** barred day (ISO in e->a) of the longest active bar, "" when not barred,
** "*" when barred without end. 0 or CB_EDB.
*/
int elig_discipline(Elig *e, bool party_applies, bool state_applies, const char *na_note, const char **barred_until);
/*
** STD-1 findings: one per dimension with a minimum; unmet ones get `gap`
** (WARN for planning, FAIL for appointment). `age_at` as standards_check.
** Returns the number of gaps.
*/
int elig_standards(Elig *e, Result gap, const char *age_at);
/*
** PARTY-1 (Điều lệ Đảng, the planning and appointment texts): the title's
** Party requirement (title_party) against the cadre's Party dates as they
** stood on the act's date. A non-member fails; a probationary member fails
** where the title needs an official member, except for planning, where the
** rule's `probationary_planning` result applies (warn by default). A title
** without a requirement gives n/a.
*/
void elig_party(Elig *e, bool planning);
/* The highest rank of the cadre's positions current on the date, and that title's name; false when none. */
int elig_current_rank(Elig *e, int *rank, const char **title_name, const char **start_iso, bool *found);

int elig_planning(Elig *e);
int elig_appointment(Elig *e);
int elig_rotation(Elig *e);

#endif

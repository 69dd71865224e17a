/*
** Small pieces shared by the appointment, rotation and relatives pages
** (implemented in pages_appointment.c): the unit <select> of the user's
** scope, result badges, a findings table, CSV output into the response.
*/
#ifndef CANBO_PAGES_APPT_H
#define CANBO_PAGES_APPT_H
#include <stdbool.h>
#include "core/http.h"
#include "domain/rules.h"

/* <div class="field"> with a <select id=name name=name> of the units in scope; "" option first when any_label. */
void appt_unit_select(Req *r, const char *name, const char *label, const char *selected, const char *any_label);
/* <span class="badge badge-…">label</span> for a result. */
void appt_badge(Req *r, Result res);
/* The findings as a table (rule, result, message, basis); "—" row when none. */
void appt_findings_table(Req *r, const Findings *f, const char *caption);
/* Start a CSV download named `filename` (UTF-8 with BOM) and write one header row of `n` names. */
void appt_csv_begin(Req *r, const char *filename, const char *const *names, int n);
/* Append one CSV field (RFC 4180 quoting), `last` ends the row. */
void appt_csv_field(Req *r, const char *s, bool last);
/* Today as ISO into buf (>= 11 bytes), or `s` when it is a valid ISO/VN date (normalized into buf). */
const char *appt_date_or_today(const char *s, char *buf);

#endif

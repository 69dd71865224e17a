/*
** The yearly cadre-work report (docs/API.md, annual report): for a unit and a year, the
** counts over the unit and every unit below it (units.path prefix) of the
** planning, training, rotation and appointment acts dated in that year, and
** the records behind each number (for the HTML page's links and the xlsx).
**
** Counting rules (docs/API.md, annual report, exactly):
** - planning.committee / planning.key: DISTINCT cadres added to / removed
**   from pools of titles of category committee / key; planning rows belong
**   to their unit_id;
** - training.P: trainings of program P whose start_date is in the year,
**   whatever their status, every program listed (0 included); trainings
**   belong to the cadre's unit;
** - rotations: rotation and transfer records dated in the year whose from or
**   to unit is in the subtree;
** - appointments: appointment, reappointment and promotion records with
**   decision_date in the year, by their unit_id.
**
** Beside these numbers (of people, for planning) the report counts the acts
** ("lượt") of each section, says whether the subtree has committee or key
** titles at all (a report writes nothing about a category its unit does not
** have), and -- with the items -- attributes each act to the body that
** decided it, read from the decision number's issuer ("-QĐ/TU" Ban Thường
** vụ Thành ủy, "-QĐ/ĐU" the commune's Đảng ủy, "/QĐ-UBND" the unit coded
** UBND -- the body the act's document names; a symbol no unit carries said
** to be unknown) or else from the level of the act's unit.
**
** Not for: rendering (cli_report.c, api_reports.c, pages_report.c) or the
** export file formats (report_annual_xlsx here is the one exception: the
** board's summary layout is part of the report).
*/
#ifndef CANBO_REPORT_ANNUAL_H
#define CANBO_REPORT_ANNUAL_H
#include <stdbool.h>
#include <jansson.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/scope.h"

#define REPORT_N_PROGRAMS 10
/* The training programs in the report's order (docs/IMPORT.md order). */
extern const char *const report_programs[REPORT_N_PROGRAMS];

/* The lists behind the numbers. */
typedef enum {
  RS_COMMITTEE_ADDED = 0,
  RS_COMMITTEE_REMOVED,
  RS_KEY_ADDED,
  RS_KEY_REMOVED,
  RS_TRAINING,
  RS_ROTATION,
  RS_APPOINTMENT,
  RS_N
} ReportSection;

/* One record behind a number. Strings in the caller's arena; absent values NULL. */
typedef struct {
  ReportSection section;
  long long id;          /* row id in its table */
  const char *cadre_code, *full_name;
  const char *date;      /* ISO: planning date, training start, rotation date, decision date */
  const char *decision_no;
  const char *kind;      /* planning: add|remove; training: the program; rotation/appointment: its kind */
  const char *title;     /* planning/appointment: title name; rotation: the new title name; training: course name */
  const char *unit;      /* planning/appointment: unit name; training: the cadre's unit; rotation: the new unit */
  const char *from_unit; /* rotation: where from; training: the status; planning: the term */
  const char *reason;    /* planning: reason; training: institution; else NULL */
  const char *unit_level; /* level of `unit` */
  const char *body;      /* planning, rotation, appointment: the body that decided it -- a State number's the unit
                            coded like its symbol, as the act's document (doc_state_number_body), else
                            report_deciding_body */
  const char *body_group; /* the name of that kind of body taken together ("Đảng ủy các xã, phường") */
} ReportItem;

/* One deciding body of the year and what it decided: people (distinct cadres) and acts per section. */
typedef struct {
  const char *name;      /* one body ("Ban Thường vụ Thành ủy"), or a kind of body taken together */
  int units;             /* 1 when it stands for one body, more when for several (the communes' Đảng ủy) */
  long people[RS_N], acts[RS_N];
} ReportBody;

typedef struct {
  const char *unit_code, *unit_name;
  const char *unit_path; /* the subtree's root path; with `scope`, what report_annual_trainings_each reads */
  Scope scope;
  int year;
  long committee_added, committee_removed, key_added, key_removed;
  long training[REPORT_N_PROGRAMS]; /* in report_programs order */
  long rotations, appointments;
  /* acts ("lượt") beside the people counted above, and the people of the other sections */
  long committee_added_acts, committee_removed_acts, key_added_acts, key_removed_acts;
  long training_people, rotation_people, appointment_people;
  bool has_committee, has_key;      /* the subtree has titles of category committee / key (held or planned) */
  const char *party_committee;      /* "Thành ủy" | "Tỉnh ủy" | "Huyện ủy" ...: of the nearest district or province */
  long training_total;              /* the year's trainings, every program (the training section's length) */
  ReportItem *items;                /* when asked for: every record, by section then date (then name) */
  int n_items;
  /* report_annual_page: the items hold the trainings [train_first, train_first + the window) only */
  bool train_window;
  long train_first;
  ReportBody *bodies;               /* when asked for: the deciding bodies, most acts first */
  int n_bodies;
} AnnualReport;

/*
** Compute the report of `unit_code` for `year` (1900..2200). `scope` is the
** user's unit scope path (NULL = all): a unit outside it is CB_ENOTFOUND,
** like an unknown one. With `with_items` the lists are filled too.
** Everything lives in `a`, but the unit's strings (unit_find: the memo's, valid as long as the request). 0, CB_ENOTFOUND, CB_EINVAL (year), CB_EDB.
*/
int report_annual(Db *db, Arena *a, Scope scope, const char *unit_code, int year, bool with_items,
                  AnnualReport *out);
/*
** The same with the lists, but of the training section (a province's year holds tens of thousands) only the
** records [train_offset, train_offset + train_limit) in the section's order, an offset past the end moved to the
** start of the last window (train_first); the section's length is training_total and its people
** training_people (the per-unit training counts, schema 0038). For the report page. Same errors.
*/
int report_annual_page(Db *db, Arena *a, Scope scope, const char *unit_code, int year, long train_offset,
                       int train_limit, AnnualReport *out);
/* The annual report object of docs/API.md, keys in that order (new reference). */
json_t *report_annual_json(const AnnualReport *r);
/*
** The CSV form: header "section,item,count", then one row per number
** (planning,committee_added,2 ... training,llct_cao_cap,15 ... rotations,total,20).
** Appends to `out` (malloc'd by the caller's Buf).
*/
void report_annual_csv(const AnnualReport *r, Buf *out);
/*
** The same counts as people read them (the web download, issue 10): header
** "Nội dung,Chi tiết,Số lượng", the section labels and the programs' labels,
** CRLF (report_annual_xlsx.c; the BOM is added by the download).
*/
void report_annual_csv_people(const AnnualReport *r, Buf *out);
/*
** Call fn(item, ctx) for each of the year's trainings of report `r` (built by report_annual or _page, in `db`),
** in the section's order, straight from the statement: the item's strings live until fn returns. Nothing is
** kept, so a province's year (hundreds of thousands) costs one row of memory (issue 9). fn returns 0 to go on,
** else that value stops the walk and is returned. 0, fn's value or CB_EDB.
*/
int report_annual_trainings_each(Db *db, const AnnualReport *r, int (*fn)(const ReportItem *x, void *ctx), void *ctx);
/*
** The xlsx workbook at `path`: a summary sheet laid out like the board's
** report (title block with the unit and year, Vietnamese labels, bold
** header, column widths, A4 portrait print setup) and one sheet per list.
** The planning, rotation and appointment lists come from r's items; the
** trainings are read from `db` as the sheet is written
** (report_annual_trainings_each), so `r` needs none of them: build it with
** report_annual_page(..., 0, 0). 0, CB_EIO or CB_EDB.
*/
int report_annual_xlsx(Db *db, const AnnualReport *r, const char *path);
/*
** The body that decided an act, from its decision number's issuer: "-QĐ/TU"
** Ban Thường vụ of the party committee (`committee`: "Thành ủy"), "-QĐ/HU",
** "-QĐ/QU", "-QĐ/ThU" likewise, "-QĐ/ĐU" the Đảng ủy of the act's unit
** ("Đảng ủy xã Hải Xuân"), "-QĐ/UBKT…" its inspection committee, "/QĐ-UBND"
** the People's Committee of the unit's level ("UBND thành phố", "UBND phường
** Ka Long"), "/QĐ-CT" its chairman; without a number, or with another issuer,
** the unit's level decides (a commune's Đảng ủy for planning, else the
** district's Ban Thường vụ). *group (may be NULL) gets the name of such
** bodies taken together ("Đảng ủy các xã, phường"). In `a`.
*/
const char *report_deciding_body(Arena *a, const char *decision_no, const char *unit_name, const char *unit_level,
                                 const char *committee, bool planning, const char **group);
/*
** The report in sentences, as a board writes it (plain text, one paragraph
** each, in `a`; needs the items): planning by body with people and acts,
** only for the categories the unit has; training; rotations and
** appointments with the bodies that decided them.
*/
int report_annual_sentences(Arena *a, const AnnualReport *r, const char ***out);
/* Vietnamese labels: of a section ("Đưa ra khỏi quy hoạch Ban Chấp hành"...) and of a program. */
const char *report_section_label(ReportSection s);
/* Audit an export of the report (action "export", entity "report", key "UNIT/YEAR"). 0 or CB_EDB. */
int report_annual_audit(Db *db, const char *actor, const AnnualReport *r, const char *format);

#endif

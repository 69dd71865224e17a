/*
** The kinds of documents ready to sign (CONTRACT §9, docs/DOCUMENTS.md):
**   mau-2c      the personal-history form of a cadre (doc_mau2c.c)
**   to-trinh    the proposal of an appointment: the person, the post, the
**               findings with their legal basis, the votes of every step
**   bien-ban    the vote count of one step of a proposal (doc_appt.c)
**   quyet-dinh  the decision of a proposal (appointment, reappointment,
**               promotion, nomination, extension), of a rotation record
**               (rotation, transfer, secondment, reinforcement), or the
**               approval of a term's planning with the list annexed (doc_decision.c)
**   danh-sach   the planning list grouped by title, the reappointment due
**               list, the trainings of a year, the retirements (doc_lists.c)
**   bao-cao     the annual report with its narrative (doc_lists.c)
** Every value comes from the records and the rule findings through the
** domain functions (cadre, position, training, appointment, rotation,
** planning, official_lists, report_annual, structure); the number, date,
** signer and place are entered at generation (DocRequest) over what was
** remembered for the issuing unit and kind (doc_settings.h).
**
** Scope: every record is looked up within `scope` (NULL = all); one outside
** it answers CB_ENOTFOUND like a missing one.
**
** Not for: the file formats (document.h), HTTP (web/pages_documents.c) or
** the CLI (cli/cli_doc.c).
*/
#ifndef CANBO_DOCS_DOC_KINDS_H
#define CANBO_DOCS_DOC_KINDS_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/appointment.h"
#include "domain/cadre.h"
#include "domain/docs/doc_settings.h"
#include "domain/docs/document.h"
#include "domain/unit.h"

/*
** The longest list of trainings a document is made of (~170 A4 pages). A province's year holds tens of thousands
** (67,343 at 1,000,000 cadres: a 21 MB PDF, 40 s and 800 MB of memory): above this danh-sach --list trainings is
** refused (CB_EINVAL) with how many there are and what to do instead -- a smaller unit, or the list as a
** spreadsheet (docs/DECISIONS.md). The list page offers no document button then.
*/
enum { DOC_LIST_ROWS_MAX = 5000 };

typedef struct {
  const char *kind;
  const char *cadre;        /* mau-2c: the cadre's code */
  long long proposal;       /* to-trinh, bien-ban, quyet-dinh: the proposal's id */
  int step;                 /* bien-ban: the step (1-based) */
  long long rotation;       /* quyet-dinh: a rotation record's id */
  const char *list;         /* danh-sach: planning|due|trainings|retirements; quyet-dinh: planning */
  const char *unit;         /* danh-sach, bao-cao, planning approval: the unit (subtree) */
  const char *term;         /* planning: "2025-2030" (NULL = the term of the date) */
  const char *title;        /* planning: one title only (NULL = all) */
  int year;                 /* trainings, bao-cao */
  int months;               /* retirements: within so many months (0 = 12) */
  /* entered at generation; NULL = remembered (or default) */
  const char *number;       /* "125" (the kind's symbol is added) or a whole "125-QĐ/TU" */
  const char *date;         /* YYYY-MM-DD or DD/MM/YYYY; NULL = left blank to fill by hand (lists: today) */
  const char *signer, *place;
  const char *signer_post, *authority, *body_name, *body_parent, *symbol;
  const char *recipients;   /* one per line or ';'-separated */
  const char *layout;       /* "party" | "state" */
  const char *issuer;       /* the issuing unit's code (NULL = the top unit of the scope above the record) */
} DocRequest;

typedef struct {
  Doc *doc;
  const char *name;         /* a file name without extension: "to-trinh-12" */
  Unit issuer;              /* the issuing unit */
  DocSettings used;         /* the values used (remembered by doc_commit) */
  const char *key;          /* audit key: "to-trinh/12" */
  const char *why;          /* with CB_EINVAL: what is wrong, in Vietnamese */
  bool refused;             /* with CB_EINVAL: not a bad parameter but the record's state forbids the document
                               (a tờ trình of a proposal whose vote failed): the web answers 422 with `why` */
} DocResult;

/*
** Build the document `rq` asks for, within `scope`, into out->doc (all in
** `a`). 0; CB_EINVAL with out->why (unknown kind or list, a missing or bad
** parameter, a step not recorded); CB_ENOTFOUND (record or unit unknown or
** outside the scope); CB_EDB.
*/
int doc_build(Db *db, Arena *a, Scope scope, const DocRequest *rq, DocResult *out);
/*
** After a document was written as `format`: when `remember`, store the
** values used for (issuer, kind) (doc_settings_save); always an audit row
** (action "export", entity "document", key res->key, after: kind, format,
** number, date, signer). One transaction. 0 or CB_EDB.
*/
int doc_commit(Db *db, const char *actor, const DocRequest *rq, const DocResult *res, const char *format,
               bool remember);

/* ---- inside the docs room (doc_request.c gives these to the kinds) ---- */

/* What every kind gets: the request, the settings merged with it, the head ready to print. */
typedef struct {
  Db *db;
  Arena *a;
  const char *scope;
  const DocRequest *rq;
  DocResult *res;
  DocHead head;             /* number (NULL for none), place-and-date, signer, recipients */
  const char *date_iso;     /* the document's date, or NULL when left blank */
  const char *as_of;        /* the day the data are taken on: the date, else today (ISO) */
  const char *committee;    /* "Thành ủy Móng Cái" (from the issuing unit) */
  bool number_recorded;     /* rq->number is the recorded decision's (not typed): printed as recorded, unchecked */
  /*
  ** A recorded act's document (a decision, a rotation, the tờ trình and biên bản of a proposal) names the body
  ** that issued the act, whoever reads it (doc_act_issuer): set by the kind before doc_ctx_begin. act_near: the
  ** path of the act's unit (the number's symbol is sought from there upwards); act_above: where the deciding
  ** body is sought when no number names it; act_number: the act's recorded number (NULL: none). NULL act_near:
  ** the reader issues the document (lists, reports, the Mẫu 2C): the top unit of their scope.
  */
  const char *act_near, *act_above, *act_number;
  /*
  ** Of the one issuer (set by doc_ctx_begin, in its layout): `proposer` the body whose proposal the decision
  ** considers ("Xét đề nghị của …": the Party committee's Ban Tổ chức, a People's Committee's personnel office
  ** "Trưởng phòng Nội vụ"; NULL for a board deciding in its own name) and `office` its office named first in the
  ** closing article ("Văn phòng Thành ủy Móng Cái", "Chánh Văn phòng HĐND và UBND thành phố"; NULL: none).
  */
  const char *proposer, *office;
} DocCtx;

/* Set up res->issuer from the record's unit path, load and merge the settings, fill c->head. */
int doc_ctx_begin(DocCtx *c, const char *record_unit_path, const char *kind_symbol);
/*
** The body that issued a recorded act, the same for every reader (the reader's scope only decided whether the
** record may be read; units are looked up outside it): for a Party number ("126-QĐ/TU") the nearest unit at or
** above `near` whose quyết định symbol (remembered, else its committee's: TU, HU, ĐU, BTCTU) is the number's;
** for a State number ("2088/QĐ-UBND") the unit whose code is its symbol; otherwise (no number, or a symbol no
** such unit carries) the nearest unit at or above `above` that is a Party committee (Thành ủy, Đảng ủy xã...),
** else the root of the tree. 0, CB_ENOTFOUND (a path of no unit), CB_EDB.
*/
int doc_act_issuer(DocCtx *c, const char *near, const char *above, const char *number, Unit *out);
/*
** The bodies a reader may choose to issue a document `issuer` would issue (the form's "Đơn vị ban hành"): `issuer`
** first, then the Party committee over it, its Ban Tổ chức and its People's Committee (the units under the
** committee so named), those within `scope`. *out in `a`. 0, CB_ENOTFOUND, CB_EDB.
*/
int doc_issuer_choices(Db *db, Arena *a, Scope scope, const Unit *issuer, Unit **out, int *n);
/* The path of the unit above the one at `path` ("/1/36/" -> "/1/"); `path` itself for a root. In `a`. */
const char *doc_path_parent(Arena *a, const char *path);
/* The path of the lowest unit over both paths ("/1/28/", "/1/36/" -> "/1/"); `b` when `a_path` is NULL. */
const char *doc_path_common(Arena *a, const char *a_path, const char *b);
/*
** `name` folded for comparing names of bodies: case folded, marks composed (NFC), runs of spaces as one, the
** trailing ",", "." and spaces dropped. In `a`.
*/
const char *doc_fold(Arena *a, const char *name);
/* Drop from v[0..n) every name equal, folded, to an earlier one (order kept); the new count. */
int doc_dedupe(Arena *a, const char **v, int n);
/*
** A unit's name in full beside its committee: a board named after the committee without its place ("Ban Tổ
** chức Thành ủy" under "Thành ủy Móng Cái") gets the place ("Ban Tổ chức Thành ủy Móng Cái"), so that it is
** recognised as the same body as the committee's own board; other names are returned as they are. In `a`.
*/
const char *doc_unit_full(Arena *a, const char *name, const char *committee);
/*
** Why no document proposing or deciding the appointment of proposal p can be made (`what`: "tờ trình",
** "quyết định"): the proposal was withdrawn, or a recorded step failed its vote or was held without a quorum
** (the failing step, its name and appt_vote_eval's explanation, in Vietnamese); NULL when none failed.
*/
const char *doc_proposal_refusal(Arena *a, const Proposal *p, const char *what);

/* "dd/mm/yyyy" of an ISO date ("" for NULL/""), in `a`. */
const char *doc_date_vn(Arena *a, const char *iso);
/* "sinh ngày 12/04/1980", "sinh tháng 05/1990" or "sinh năm 1980" of a (partial) ISO birth date, in `a`. */
const char *doc_born(Arena *a, const char *iso);
/* "mm/yyyy" of an ISO date ("" for NULL/""), in `a`. */
const char *doc_month_vn(Arena *a, const char *iso);

/* A proposal in scope with its cadre and unit (doc_appt.c); CB_EINVAL (no id), CB_ENOTFOUND, CB_EDB. */
int doc_load_proposal(DocCtx *c, Proposal *p, Cadre *cadre, Unit *unit);
/*
** The legal documents named by the bases of findings that applied (result
** not n/a): each basis cut at ", Điều ..." and split at ";", kept when it
** names a legal document (Quy định, Luật, Nghị định, Thông tư, Hướng dẫn,
** Quyết định...), each once, in order. *out in `a`; returns their number.
*/
int doc_legal_bases(Arena *a, const Findings *f, const char ***out);
/* A percentage "55%" / "66,7%" of part/whole (one decimal, Vietnamese comma), in `a`. */
const char *doc_pct(Arena *a, long long part, long long whole);

/*
** The planning of the request's unit and term (NULL term: the term of the
** document's date) on the document's date, grouped by title (doc_lists.c):
** *people distinct persons, *term the term used. CB_EINVAL, CB_ENOTFOUND, CB_EDB.
*/
typedef struct DocPlanning DocPlanning;
int doc_planning_load(DocCtx *c, DocPlanning **out, int *people, const char **term);
/* The grouped table: a heading per title, one row per person under their most senior planned title. */
void doc_planning_table(DocCtx *c, const DocPlanning *g);

int doc_kind_mau2c(DocCtx *c);
int doc_kind_to_trinh(DocCtx *c);
int doc_kind_bien_ban(DocCtx *c);
int doc_kind_decision(DocCtx *c);
int doc_kind_list(DocCtx *c);
int doc_kind_report(DocCtx *c);

#endif

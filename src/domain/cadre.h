/*
** Cadres (cán bộ): the profile of the personal-history form (Mẫu 2C), its
** name parts and search key, and the search used by the list page, the API
** and the export.
*/
#ifndef CANBO_CADRE_H
#define CANBO_CADRE_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"

typedef struct {
  long long id, unit_id;
  const char *code, *full_name, *family_name, *middle_name, *given_name;
  const char *gender;     /* "M" | "F" */
  const char *birth_date; /* ISO, possibly partial */
  const char *unit_code, *unit_name, *unit_path;
  const char *hometown, *birthplace, *ethnicity, *religion;
  const char *party_join_date, *party_official_date;
  const char *education, *degree, *major, *llct_level, *qlnn_level, *notes;
  const char *current_title; /* name of the current main position, if any (lists) */
  /* The rest of the personal-history form (Mẫu 2C); read by cadre_find, see cadre_fields.h. */
  const char *other_names, *permanent_address, *residence, *phone;
  const char *recruitment_occupation, *recruitment_date, *recruitment_agency, *main_duties;
  const char *civil_service_rank, *rank_code, *salary_step, *salary_coefficient, *salary_since;
  const char *position_allowance, *other_allowance, *foreign_language, *it_level, *mass_org_join_date;
  const char *enlistment_date, *discharge_date, *military_rank, *honors, *forte, *awards;
  const char *health, *height_cm, *weight_kg, *blood_type, *war_invalid_grade, *policy_family;
  const char *id_number, *id_issue_date, *social_insurance_no, *personal_history, *assessment;
  /* Record keeping (schema 0012). */
  long long version;         /* bumped by every change; a stale one is refused (409) */
  const char *voided_at;     /* NULL: live; else when it was voided (only admins see such records) */
  const char *voided_by, *void_reason;
  bool dated;                /* a dated change was ever made (cadre_records.dated): cadre_find_at reads the
                                values on its date; else the row's own hold on every date (read whole only) */
} Cadre;

/* Allowed values (CONTRACT §3); NULL or "" is allowed by the callers' choice. */
bool cadre_llct_valid(const char *v);
bool cadre_qlnn_valid(const char *v);
bool cadre_degree_valid(const char *v);
/* Rank of a level within its ordered scale (REGULATIONS "Ordered levels"); 0 when unknown/empty. */
int cadre_llct_rank(const char *v);
int cadre_qlnn_rank(const char *v);
int cadre_degree_rank(const char *v);
/* Vietnamese labels ("Cao cấp", "Chuyên viên chính", "Đại học"...); "" for NULL. */
const char *cadre_llct_label(const char *v);
const char *cadre_qlnn_label(const char *v);
const char *cadre_degree_label(const char *v);

/*
** Insert c (no history row: see cadre_writer_set_origin). Needs code, full_name, gender, birth_date, unit_code
** (resolved to unit_id here). Splits the name, computes the sort and search keys. Text
** must already be NFC. Sets c->id. CB_EEXIST (code), CB_ENOTFOUND (unit),
** CB_EDB. The caller owns the transaction.
*/
int cadre_insert(Db *db, Arena *a, Cadre *c);
/*
** The same insert for many rows (the import path): statements are prepared
** once by cadre_writer_new (NULL on CB_EDB) and reused by each
** cadre_writer_insert (same contract as cadre_insert). Free the writer
** before closing db.
*/
/*
** For loads of many cadres: the search index is normally kept by a trigger
** per inserted row, and the non-unique indexes of the loaded tables row by
** row; cadre_index_suspend drops that trigger and the non-unique indexes of
** `tables` (their names, each between spaces: " cadre_records record_history ")
** remembering their text from the schema, in `a`, and cadre_index_resume
** rebuilds the search index once and re-creates the trigger and indexes. Both run inside the caller's
** transaction, so a rollback restores them. Worth it when the load is at
** least as large as the tables already are, and only for a load that never
** looks rows of those tables up but by a unique key (a code). On
** PostgreSQL the same, the search index being one of the indexes (the drop
** locks the tables against other servers until the load commits).
*/
int cadre_index_suspend(Db *db, Arena *a, const char *tables, const char **saved);
int cadre_index_resume(Db *db, const char *saved);
/* The same for loads of other tables: only their non-unique indexes, no search index (same contracts). */
int table_index_suspend(Db *db, Arena *a, const char *tables, const char **saved);
int table_index_resume(Db *db, const char *saved);
/*
** Give cadre `id` (whose code is `code`) the name `full_name` (NFC): the name parts, the sort keys and the
** search key follow. In the caller's transaction. 0, CB_EINVAL, CB_EDB.
*/
int cadre_rename(Db *db, Arena *a, long long id, const char *code, const char *full_name);
/* Number of cadres in the database (all units), or CB_EDB. */
long long cadre_count(Db *db);

typedef struct CadreWriter CadreWriter;
CadreWriter *cadre_writer_new(Db *db);
int cadre_writer_insert(CadreWriter *w, Db *db, Arena *a, Cadre *c);
void cadre_writer_free(CadreWriter *w);
/*
** Who creates the records a writer inserts: each insert then writes the
** record's first history row (action create) with this actor and source
** (a streamed record's, cadre_writer_stream: at cadre_writer_end).
** The default is actor "import", source "import"; actor NULL writes no
** history row (the demo city, whose records were never "changed").
*/
void cadre_writer_set_origin(CadreWriter *w, const char *actor, const char *source);
/*
** For a load that never needs the new records' ids (an import): the inserts leave c->id 0, so nothing is
** read back per row (the history row finds its record by code; on PostgreSQL the rows then go in the bulk
** pipeline without a round trip each).
*/
void cadre_writer_without_ids(CadreWriter *w);
/* The reason of those history rows ("nhập tệp danh-sach.xlsx"; copied; NULL: none). */
void cadre_writer_set_reason(CadreWriter *w, const char *reason);
/*
** For a load that fails as a whole (db_bulk_mode, a big import: every reference checked beforehand) and never
** needs the new ids (as cadre_writer_without_ids): the records go as streamed rows (db_prepare_rows: on
** PostgreSQL one COPY, not a statement each), all created at the same now_utc(), and their history rows are
** written by cadre_writer_end, a few statements for all of them. A row's database error (a code twice) is then
** reported by cadre_writer_end, not by its insert. 0 or CB_EDB.
*/
int cadre_writer_stream(CadreWriter *w);
/* The writes a writer put off (cadre_writer_stream), then the writer freed: 0, or CB_EEXIST / CB_EDB. */
int cadre_writer_end(CadreWriter *w);
/*
** The whole record of the live cadre with `code` if its unit lies in `scope`; else
** CB_ENOTFOUND (also for a voided record).
*/
int cadre_find(Db *db, Arena *a, Scope scope, const char *code, Cadre *out);
/*
** True when the findings stored for act `subject`/`subject_id` (a planning act, a rotation, ...) are about a
** live cadre of `scope`: a page may show them to the user. False when none or outside.
*/
bool cadre_findings_in_scope(Db *db, Scope scope, const char *subject, long long subject_id);
/* cadre_find by the record's id. */
int cadre_find_by_id(Db *db, Arena *a, Scope scope, long long id, Cadre *out);
/* The same, voided records included when voided_too (for admins: out->voided_at tells). */
int cadre_find_any(Db *db, Arena *a, Scope scope, const char *code, bool voided_too, Cadre *out);
/* cadre_find_any without the headline title (current_title NULL): for a reader that has the posts already. */
int cadre_find_record(Db *db, Arena *a, Scope scope, const char *code, bool voided_too, Cadre *out);
/*
** The headline title ("chức vụ hiện tại") of each of v[0..n): among the posts held (no end date) the one that
** heads: not concurrent before concurrent, then the higher rank, then the first recorded (the lower post id).
** One statement per 500 cadres. 0 or CB_EDB.
*/
int cadre_titles_fill(Db *db, Arena *a, Cadre *v, int n);
/* Whether a post held (concurrent, its title's rank, its id) heads over the best so far (cadre_titles_fill's order). */
bool cadre_post_heads(int concurrent, long long rank, long long id, int best_concurrent, long long best_rank,
                      long long best_id);
/*
** cadre_find with the dated fields (degree, LLCT, QLNN, party dates) as they stood on `date`
** (YYYY-MM-DD; NULL = today's), for checks of an act dated then (cadre_dated.h).
*/
int cadre_find_at(Db *db, Arena *a, Scope scope, const char *code, const char *date, Cadre *out);
/*
** The same for many live records at once, by id, without a scope (the caller's checks apply it): *out holds those
** found (*nout <= n; an id twice may give the record twice), in no set order, in `a`. A few statements for hundreds
** of cadres, where cadre_find_at costs one or more each. 0, CB_EINVAL (date), CB_EDB.
*/
int cadre_find_many_at(Db *db, Arena *a, const long long *ids, int n, const char *date, Cadre **out, int *nout);
/* Only the id of that cadre (cheaper than cadre_find). 0, CB_ENOTFOUND or CB_EDB. */
int cadre_id_in_scope(Db *db, Scope scope, const char *code, long long *id);

typedef struct {
  const char *q;         /* words, each a prefix of a word of the name or code; NULL/"" = all */
  const char *unit_code; /* restrict to this unit's subtree; NULL = all */
  const char *scope;     /* the user's scope path; NULL = all */
  const char *sort;      /* "name" (default), "code", "birth_date" */
  int limit, offset;     /* limit 0 = no limit */
  /* Optional filters (the lists behind the statistics); zero values = no filter. */
  const char *gender;    /* "M" | "F" */
  int age_min, age_max;  /* full years of age today (date_age_years; partial births on the 1st); 0 = no bound */
  const char *llct;      /* "so_cap" | "trung_cap" | "cao_cap" (with cử nhân) | "none" (no level recorded) */
} CadreQuery;

/* Matches are counted up to this many (issue 9: a count stops early); more shows as "hơn 10.000". */
#define CADRE_TOTAL_CAP 10000

/*
** Search cadres. Fills *items (arena) with up to limit rows and *total with
** the number of all matches, counted up to CADRE_TOTAL_CAP + 1 (a total above
** the cap means "more than CADRE_TOTAL_CAP"). An unknown unit_code gives
** CB_ENOTFOUND; a q that folds to nothing matches everything.
*/
int cadre_search(Db *db, Arena *a, const CadreQuery *q, Cadre **items, int *n, long long *total);

#endif

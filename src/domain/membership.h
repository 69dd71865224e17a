/*
** Membership at a date: which unit each cadre belongs to on a day D (the
** rule of round 3, used by statistics, reports by date, the congress plan
** and the reorganization):
**   - the unit of the cadre's main (concurrent = 0) position active on D
**     (start_date <= D and (end_date IS NULL or end_date >= D)), the
**     latest-starting one if several (then the highest position id);
**   - when there is none, the cadre's unit on D (cadres.unit_id, or its dated
**     value when the unit was changed from a date: cadre_dated.h);
**   - a cadre counts on D only if born on or before D (a partial birth date
**     counts as the 1st of its month / 1 January).
** A unit exists on D when (valid_from IS NULL or valid_from <= D) and
** (valid_to IS NULL or valid_to >= D) -- see MEMBER_UNIT_EXISTS.
**
** One query for a whole subtree (a correlated lookup through the
** cadre_id-first index of positions per cadre), so 100,000 cadres take one statement,
** not one per cadre. Two ways to use it:
**   - membership_list(): the (cadre_id, unit_id) pairs, in the caller's arena;
**   - the SQL literal macros below, to put the rule inside a caller's own
**     statement (they expand to string literals, so db_prepare accepts them).
**
** Not for: who may see what beyond the scope path, or any write.
*/
#ifndef CANBO_MEMBERSHIP_H
#define CANBO_MEMBERSHIP_H
#include "core/arena.h"
#include "core/db.h"
#include "core/scope.h"
#include "domain/cadre_dated.h"

/*
** SQL expression: the id of the unit cadre row alias C belongs to on the
** date given by the SQL expression D (a placeholder such as "?1" or a
** column). Example:
**   db_prepare(db, "SELECT c.id, " MEMBER_UNIT_SQL("c", "?1") " FROM cadres c WHERE " MEMBER_BORN_SQL("c", "?1"));
*/
#define MEMBER_UNIT_SQL(C, D)                                                                          \
  "coalesce((SELECT mp_.unit_id FROM positions mp_ WHERE mp_.cadre_id = " C ".id AND mp_.concurrent = 0 " \
  "AND mp_.start_date <= " D " AND (mp_.end_date IS NULL OR mp_.end_date >= " D ") "                      \
  "ORDER BY mp_.start_date DESC, mp_.id DESC LIMIT 1), CAST(" CADRE_AT_SQL(C, "unit_id", D) " AS INTEGER))"
/* SQL expression: the id of C's main position active on D (NULL when none). */
#define MEMBER_POSITION_SQL(C, D)                                                                 \
  "(SELECT mp_.id FROM positions mp_ WHERE mp_.cadre_id = " C ".id AND mp_.concurrent = 0 "         \
  "AND mp_.start_date <= " D " AND (mp_.end_date IS NULL OR mp_.end_date >= " D ") "                \
  "ORDER BY mp_.start_date DESC, mp_.id DESC LIMIT 1)"
/* SQL expression: the unit C belongs to on D when C has no main position then (MEMBER_UNIT_SQL's second half). */
#define MEMBER_OWN_UNIT_SQL(C, D) "CAST(" CADRE_AT_SQL(C, "unit_id", D) " AS INTEGER)"
/*
** Joins after a derived table M that selects MEMBER_POSITION_SQL AS pid and MEMBER_OWN_UNIT_SQL AS own_unit for
** its cadres: the main position p (NULL when none) and the unit u the cadre belongs to -- MEMBER_UNIT_SQL's
** answer, with the main position looked up once instead of twice. Example:
**   "SELECT m.cid, u.id FROM (SELECT c.id AS cid, " MEMBER_POSITION_SQL("c", "?1") " AS pid, "
**   MEMBER_OWN_UNIT_SQL("c", "?1") " AS own_unit FROM cadres c) m " MEMBER_UNIT_JOIN_SQL("m")
*/
#define MEMBER_UNIT_JOIN_SQL(M) \
  "LEFT JOIN positions p ON p.id = " M ".pid JOIN units u ON u.id = coalesce(p.unit_id, " M ".own_unit) "
/*
** The structure's facts of every live cadre born by D, read in the table's order (not through cadres_headline, the
** partial index on the same condition as the view, whose order would make each row a jump: a recount at 1,000,000
** read the cadres in 15-18 s that way, in 3-5 s in order), with the main position looked up once. Two halves of
** a derived table m: MEMBER_FACTS_SELECT_SQL(D), then a caller may add conditions on c ("AND c.id = ?2"), then
** MEMBER_FACTS_JOIN_SQL. m's columns: cid, gender, birth_date, ethnicity, religion, party, degree, llct, qlnn (the
** last four on D), own_unit, pid; then p (the main position), u (the unit the cadre belongs to) and t (p's title).
** Example: "SELECT m.cid, u.id, t.category FROM (" MEMBER_FACTS_SELECT_SQL("?1") MEMBER_FACTS_JOIN_SQL
*/
#define MEMBER_FACTS_SELECT_SQL(D)                                                                           \
  "SELECT c.id AS cid, c.gender, c.birth_date, c.ethnicity, c.religion, "                                    \
  CADRE_AT_SQL("c", "party_join_date", D) " AS party, " CADRE_AT_SQL("c", "degree", D) " AS degree, "       \
  CADRE_AT_SQL("c", "llct_level", D) " AS llct, " CADRE_AT_SQL("c", "qlnn_level", D) " AS qlnn, "            \
  MEMBER_OWN_UNIT_SQL("c", D) " AS own_unit, " MEMBER_POSITION_SQL("c", D) " AS pid "                        \
  "FROM cadre_records c WHERE +c.voided_at IS NULL AND " MEMBER_BORN_SQL("c", D)
#define MEMBER_FACTS_JOIN_SQL ") m " MEMBER_UNIT_JOIN_SQL("m") "LEFT JOIN titles t ON t.id = p.title_id "
/* SQL condition: cadre C was born on or before D (partial births padded to the 1st). */
#define MEMBER_BORN_SQL(C, D)                                                                     \
  "((CASE length(" C ".birth_date) WHEN 4 THEN " C ".birth_date || '-01-01' WHEN 7 THEN " C        \
  ".birth_date || '-01' ELSE " C ".birth_date END) <= " D ")"
/* SQL condition: unit row alias U exists on D. */
#define MEMBER_UNIT_EXISTS_SQL(U, D)                                                              \
  "((" U ".valid_from IS NULL OR " U ".valid_from = '' OR " U ".valid_from <= " D ") AND (" U     \
  ".valid_to IS NULL OR " U ".valid_to = '' OR " U ".valid_to >= " D "))"

typedef struct {
  long long cadre_id;
  long long unit_id; /* the unit the cadre belongs to on the date */
} Member;

/*
** The cadres belonging on `date` (ISO YYYY-MM-DD) to a unit whose path
** starts with `subtree` (a unit path, NULL = every unit) and lies in
** `scope` (the user's scope path, NULL = all), ordered by cadre id.
** *out is allocated in `a` (never NULL, even when *n is 0).
** 0, CB_EINVAL (date not a full valid date), CB_EDB.
*/
int membership_list(Db *db, Arena *a, Scope scope, const char *subtree, const char *date, Member **out, int *n);

/*
** The unit (id) cadre `cadre_id` belongs to on `date`. CB_ENOTFOUND when the
** cadre does not exist or was not yet born on `date`; CB_EINVAL for a bad
** date; CB_EDB.
*/
int membership_unit_of(Db *db, long long cadre_id, const char *date, long long *unit_id);

#endif

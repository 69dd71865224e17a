/* Discipline records and their barred periods (see discipline.h). */
#include "domain/discipline.h"
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "core/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/cadre.h"
#include "domain/unit.h"

const char *const DISCIPLINE_FORMS[][2] = {
    {"reprimand", "Khiển trách"},         {"warning", "Cảnh cáo"},       {"removal_from_post", "Cách chức"},
    {"expulsion", "Khai trừ"},            {"salary_demotion", "Hạ bậc lương"}, {"demotion", "Giáng chức"},
    {"dismissal_from_service", "Buộc thôi việc"},
};
const int DISCIPLINE_NFORMS = (int)(sizeof DISCIPLINE_FORMS / sizeof DISCIPLINE_FORMS[0]);
const char *const DISCIPLINE_AUTHORITIES[][2] = {{"party", "Kỷ luật Đảng"}, {"state", "Kỷ luật hành chính"}};

bool discipline_form_valid(const char *form) { return *discipline_form_label(form) != 0; }
bool discipline_authority_valid(const char *a) { return *discipline_authority_label(a) != 0; }

const char *discipline_form_label(const char *form) {
  for (int i = 0; form && i < DISCIPLINE_NFORMS; i++)
    if (strcmp(form, DISCIPLINE_FORMS[i][0]) == 0) return DISCIPLINE_FORMS[i][1];
  return "";
}

const char *discipline_form_problem(const char *form, const char *authority) {
  static const char *const PARTY_ONLY[] = {"expulsion"}, *const STATE_ONLY[] = {"salary_demotion", "demotion",
                                                                                 "dismissal_from_service"};
  if (!form || !authority) return NULL;
  bool party = strcmp(authority, "party") == 0, state = strcmp(authority, "state") == 0;
  for (size_t i = 0; party && i < sizeof STATE_ONLY / sizeof STATE_ONLY[0]; i++)
    if (strcmp(form, STATE_ONLY[i]) == 0)
      return "Hình thức kỷ luật: đây là hình thức kỷ luật hành chính, Đảng không áp dụng (Quy định 69-QĐ/TW: khiển trách, "
             "cảnh cáo, cách chức, khai trừ).";
  for (size_t i = 0; state && i < sizeof PARTY_ONLY / sizeof PARTY_ONLY[0]; i++)
    if (strcmp(form, PARTY_ONLY[i]) == 0)
      return "Hình thức kỷ luật: khai trừ là hình thức kỷ luật của Đảng; kỷ luật hành chính có khiển trách, cảnh cáo, hạ "
             "bậc lương, giáng chức, cách chức, buộc thôi việc.";
  return NULL;
}

const char *discipline_authority_label(const char *a) {
  if (a && strcmp(a, "party") == 0) return "Kỷ luật Đảng";
  if (a && strcmp(a, "state") == 0) return "Kỷ luật hành chính";
  return "";
}

int discipline_period(Db *db, Arena *a, const Discipline *d, int *months, const char **last_day, const char **rule,
                      const char **basis) {
  *months = 0, *last_day = NULL, *rule = NULL, *basis = NULL;
  Date from;
  if (!d->decision_date || date_parse(d->decision_date, &from, DATE_FULL) != 0) return CB_EINVAL;
  const char *r = d->authority && strcmp(d->authority, "state") == 0 ? "DISC-2" : "DISC-1";
  RuleVersion rv;
  int rc = rules_in_force(db, a, r, d->decision_date, &rv);
  if (rc == CB_ENOTFOUND) {
    *rule = r;
    return 0;
  }
  if (rc) return rc;
  *rule = rv.rule, *basis = rv.basis;
  long m = rule_param_int(&rv, d->form, 0);
  if (m <= 0) return 0;
  char buf[11];
  *months = (int)m;
  *last_day = arena_strdup(a, date_iso(date_add_days(date_add_months(from, (int)m), -1), buf));
  return 0;
}

int discipline_barred_until(Db *db, Arena *a, long long cadre_id, const char *date, const char **until) {
  *until = NULL;
  DbStmt *st = db_prepare(db, DB_ONE_PLAN "SELECT form, authority, decision_date FROM disciplines WHERE cadre_id = ? AND "
                              "decision_date <= ?");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, cadre_id);
  db_bind_text(st, 2, date);
  int rc;
  Discipline d = {0};
  while ((rc = db_step(st)) == DB_ROW) {
    d.form = arena_strdup(a, db_text(st, 0));
    d.authority = arena_strdup(a, db_text(st, 1));
    d.decision_date = arena_strdup(a, db_text(st, 2));
    int months;
    const char *last, *rule, *basis;
    if (discipline_period(db, a, &d, &months, &last, &rule, &basis) != 0 || !last) continue;
    if (strcmp(last, date) >= 0 && (!*until || strcmp(last, *until) > 0)) *until = last;
  }
  db_finalize(st);
  return rc < 0 ? CB_EDB : 0;
}

/* Store the record's DISC finding: its barred period with the numbers and basis. */
static int store_finding(Db *db, Arena *a, const Discipline *d) {
  int months;
  const char *last, *rule, *basis;
  int rc = discipline_period(db, a, d, &months, &last, &rule, &basis);
  if (rc) return rc;
  Findings f;
  findings_init(&f, a);
  char from[16], to[16];
  date_iso_to_vn(d->decision_date, from);
  if (last)
    findings_add_raw(&f, rule, basis, RESULT_WARN,
                     "%s (%s) ngày %s: không quy hoạch, bổ nhiệm, giới thiệu ứng cử trong %d tháng, đến hết ngày %s.",
                     discipline_form_label(d->form), discipline_authority_label(d->authority), from, months,
                     date_iso_to_vn(last, to));
  else
    findings_add_raw(&f, rule, basis ? basis : "", RESULT_NA,
                     "%s (%s) ngày %s: quy định có hiệu lực ngày đó không nêu thời hạn ảnh hưởng cho hình thức này.",
                     discipline_form_label(d->form), discipline_authority_label(d->authority), from);
  return findings_store(db, "discipline", d->id, d->cadre_id, d->decision_date, &f);
}

int discipline_insert(Db *db, Arena *a, Discipline *d) {
  Date dd;
  if (!discipline_form_valid(d->form) || !discipline_authority_valid(d->authority) || !d->decision_date ||
      date_parse(d->decision_date, &dd, DATE_FULL) != 0)
    return CB_EINVAL;
  char iso[11];
  d->decision_date = arena_strdup(a, date_iso(dd, iso));
  if (!d->cadre_id) {
    DbStmt *st = db_prepare(db, "SELECT id FROM cadres WHERE code = ?");
    if (!st) return CB_EDB;
    db_bind_text(st, 1, d->cadre_code);
    int rc = db_step(st);
    if (rc == DB_ROW) d->cadre_id = db_int(st, 0);
    db_finalize(st);
    if (rc != DB_ROW) return rc < 0 ? CB_EDB : CB_ENOTFOUND;
  }
  DbStmt *st = db_prepare(db, "INSERT INTO discipline_records(cadre_id, form, authority, decision_date, decision_no, reason) "
                              "VALUES(?, ?, ?, ?, ?, ?)");
  if (!st) return CB_EDB;
  db_bind_int(st, 1, d->cadre_id);
  db_bind_text(st, 2, d->form);
  db_bind_text(st, 3, d->authority);
  db_bind_text(st, 4, d->decision_date);
  db_bind_text(st, 5, d->decision_no && *d->decision_no ? d->decision_no : NULL);
  db_bind_text(st, 6, d->reason && *d->reason ? d->reason : NULL);
  int rc = db_run(st);
  if (rc) return rc == CB_EEXIST ? CB_EEXIST : CB_EDB;
  d->id = db_last_id(db);
  return store_finding(db, a, d);
}

int discipline_record(Db *db, Arena *a, Scope scope, const char *actor, Discipline *d) {
  if (!d->cadre_code) return CB_EINVAL;
  int rc = db_begin(db);
  if (rc) return CB_EDB;
  rc = cadre_id_in_scope(db, scope, d->cadre_code, &d->cadre_id);
  if (rc == 0) rc = discipline_insert(db, a, d);
  if (rc == 0) {
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?}", "cadre_code", d->cadre_code, "form", d->form,
                          "authority", d->authority, "decision_date", d->decision_date, "decision_no",
                          d->decision_no && *d->decision_no ? d->decision_no : NULL, "reason",
                          d->reason && *d->reason ? d->reason : NULL);
    char *js = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    rc = audit_log(db, actor, "create", "discipline", arena_printf(a, "%lld", d->id), NULL, js);
    free(js);
    json_decref(j);
  }
  if (rc == 0) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

#define DISC_SEL                                                                                           \
  "SELECT d.id, d.cadre_id, c.code, c.full_name, u.code, u.name, d.form, d.authority, d.decision_date, "    \
  "d.decision_no, d.reason FROM disciplines d JOIN cadres c ON c.id = d.cadre_id "                          \
  "JOIN units u ON u.id = c.unit_id WHERE (?2 IS NULL OR (u.path >= ?2 AND u.path < substr(?2, 1, length(?2) - 1) || '0')) " \
  "AND (?3 IS NULL OR (u.path >= ?3 AND u.path < substr(?3, 1, length(?3) - 1) || '0')) "                   \
  "AND (?4 = 0 OR substr(d.decision_date, 1, 4) = substr(CAST(10000 + ?4 AS TEXT), 2)) "
#define DISC_ORDER "ORDER BY d.decision_date DESC, d.id DESC"

DbStmt *discipline_stmt(Db *db, const DisciplineQuery *q) {
  /* one cadre's decisions by its index, with one plan for every cadre (DB_ONE_PLAN); else every decision */
  DbStmt *st = q->cadre_id ? db_prepare(db, DB_ONE_PLAN DISC_SEL "AND d.cadre_id = ?1 " DISC_ORDER)
                           : db_prepare(db, DB_ONE_PLAN DISC_SEL "AND ?1 = 0 " DISC_ORDER);
  if (!st) return NULL;
  db_bind_int(st, 1, q->cadre_id);
  db_bind_text(st, 2, q->unit_path);
  db_bind_text(st, 3, q->scope);
  db_bind_int(st, 4, q->year);
  return st;
}

DbStmt *discipline_stmt_for_cadre(Db *db, long long cadre_id) {
  /* discipline_stmt's columns and order for one cadre */
  DbStmt *st = db_prepare(db, "SELECT d.id, d.cadre_id, NULL, NULL, NULL, NULL, d.form, d.authority, d.decision_date, "
                              "d.decision_no, d.reason FROM disciplines d WHERE d.cadre_id = ? " DISC_ORDER);
  if (st) db_bind_int(st, 1, cadre_id);
  return st;
}

int discipline_list(Db *db, Arena *a, const DisciplineQuery *q, Discipline **out, int *n) {
  return discipline_read(discipline_stmt(db, q), a, out, n);
}

int discipline_read(DbStmt *st, Arena *a, Discipline **out, int *n) {
  if (!st) return CB_EDB;
  int cap = 32, cnt = 0, rc;
  Discipline *v = arena_alloc(a, sizeof *v * (size_t)cap);
  while ((rc = db_step(st)) == DB_ROW) {
    if (cnt == cap) {
      Discipline *w = arena_alloc(a, sizeof *v * (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)cnt);
      v = w, cap *= 2;
    }
    Discipline *d = &v[cnt++];
    d->id = db_int(st, 0);
    d->cadre_id = db_int(st, 1);
    const char **f[] = {&d->cadre_code, &d->cadre_name, &d->unit_code, &d->unit_name, &d->form,
                        &d->authority, &d->decision_date, &d->decision_no, &d->reason};
    for (int i = 0; i < 9; i++) *f[i] = arena_strdup(a, db_text(st, 2 + i));
  }
  db_finalize(st);
  *out = v;
  *n = cnt;
  return rc < 0 ? CB_EDB : 0;
}

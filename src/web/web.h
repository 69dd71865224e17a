/*
** Web handlers: thin functions that parse a request, call domain functions
** and render HTML (pages_*.c) or JSON (api_*.c). No SQL here.
** Every handler is listed in the one route table, routes.c.
*/
#ifndef CANBO_WEB_H
#define CANBO_WEB_H
#include "core/http.h"
#include "domain/record_history.h"

/* Static assets (assets.c). */
void asset_get(Req *r);

/* JSON API (api_*.c). */
void api_session_login(Req *r);
void api_session_logout(Req *r);
void api_session_get(Req *r);
void api_cadres_list(Req *r);
void api_cadre_get(Req *r);
void api_units(Req *r);

/* HTML pages (pages_*.c). */
void page_login(Req *r);
void page_login_post(Req *r);
void page_logout(Req *r);
void page_home(Req *r);
void page_cadres(Req *r);
void page_profile(Req *r);
void page_import(Req *r);
void page_import_post(Req *r);
/* import (issue 8) */
void page_import_map_post(Req *r);
void page_import_template(Req *r);
void page_export(Req *r);
void page_units(Req *r);
void page_units_merge(Req *r);
/* Evaluations, disciplines, rules (pages_evaluation.c, pages_discipline.c, pages_rules.c, api_rules.c). */
void page_evaluations(Req *r);
void page_evaluation_form(Req *r);
void page_evaluation_post(Req *r);
void page_disciplines(Req *r);
void page_discipline_form(Req *r);
void page_discipline_post(Req *r);
void page_rules(Req *r);
void page_rule_edit(Req *r);
void page_rule_edit_post(Req *r);
void page_rule_new_version(Req *r);
void api_rules_list(Req *r);
void api_rule_get(Req *r);
void api_rule_put(Req *r);
void api_rule_post(Req *r);
/* Eligibility (pages_eligibility.c, api_eligibility.c). */
void page_eligibility(Req *r);
void api_cadre_eligibility(Req *r);

/* Annual report and training needs (api_reports.c, pages_report.c, pages_training_needs.c). */
void api_report_annual(Req *r);
void page_report_annual(Req *r);
void page_training_needs(Req *r);
/* The report's unit when none is asked: the user's scope unit, else the root (api_reports.c). NULL when no unit. */
const char *report_default_unit(Req *r);
/* ?year=YYYY (1900..2200) into *year, last year when absent; false after the 400 when malformed. */
bool report_year_arg(Req *r, int *year);

/* Planning pools, review, forecasts (pages_planning*.c, pages_forecast.c, api_planning.c). */
void page_planning(Req *r);
void page_planning_add(Req *r);
void page_planning_remove(Req *r);
void page_planning_review(Req *r);
/* issue 11 (rules by date, Party, procedures, reports): PLAN-8 political standard, titles */
void page_planning_political(Req *r);
void page_titles(Req *r);
void page_title_edit(Req *r);
void page_title_edit_post(Req *r);
void api_titles_list(Req *r);
void api_title_patch(Req *r);
void page_forecast(Req *r);
void api_planning_pools(Req *r);
void api_planning_add(Req *r);
void api_planning_remove(Req *r);
void api_planning_history(Req *r);
void api_planning_review(Req *r);
void api_forecast_retirements(Req *r);

/* Appointments, rotations, family relations (pages_appointment.c, pages_rotation.c, pages_relative.c, api_appt.c). */
void page_appointments(Req *r);
void page_proposal_new(Req *r);
void page_proposal_create(Req *r);
void page_appointments_due(Req *r);
void page_appointment_record(Req *r);
void page_proposal(Req *r);
void page_proposal_step(Req *r);
void page_proposal_decide(Req *r);
void page_rotations(Req *r);
void page_rotation_post(Req *r);
void page_rotation_void_form(Req *r);
void page_rotation_void(Req *r);
void api_rotation_void(Req *r);
void page_relatives(Req *r);
void page_relative_post(Req *r);
void api_proposals_list(Req *r);
void api_proposal_create(Req *r);
void api_proposal_get(Req *r);
void api_proposal_step(Req *r);
void api_proposal_decide(Req *r);
void api_appointments_due(Req *r);
void api_rotations_list(Req *r);
void api_rotation_post(Req *r);
void api_relatives_report(Req *r);

/* Congress personnel plans (pages_congress.c, api_congress.c). */
void page_congress_list(Req *r);
void page_congress_create(Req *r);
void page_congress(Req *r);
void page_congress_variant_post(Req *r);
void page_congress_member_post(Req *r);
void page_congress_member_delete(Req *r);
void page_congress_choose_post(Req *r);
void page_congress_xlsx(Req *r);
void api_congress_list(Req *r);
void api_congress_create(Req *r);
void api_congress_get(Req *r);
void api_congress_variant_add(Req *r);
void api_congress_member_add(Req *r);
void api_congress_member_remove(Req *r);
void api_congress_choose(Req *r);


/* Official lists: planning list, reappointment due list, trainings of a year (pages_official_lists.c). */
void page_planning_list(Req *r);
void page_due_list(Req *r);
void page_trainings(Req *r);

/* Structure statistics (pages_structure.c). */
void page_structure(Req *r);
void api_report_structure(Req *r);
void api_report_retirements(Req *r);

/* Keeping the records: the API (api_cadre_edit.c). */
void api_cadre_create(Req *r);
void api_cadre_patch(Req *r);
void api_cadre_history(Req *r);
void api_cadre_void(Req *r);
void api_cadre_restore(Req *r);
void api_position_add(Req *r);
void api_position_patch(Req *r);
void api_position_void(Req *r);
void api_record_add(Req *r);
void api_record_patch(Req *r);
void api_record_void(Req *r);
void api_record_restore(Req *r);
void api_position_restore(Req *r);

/* Users from the web: the API (api_users.c) and the pages (pages_users.c). */
void api_users_list(Req *r);
void api_users_create(Req *r);
void api_users_patch(Req *r);
void api_users_password(Req *r);
void api_session_password(Req *r);
void page_users(Req *r);
void page_users_create(Req *r);
void page_user(Req *r);
void page_user_update(Req *r);
void page_user_password(Req *r);
void page_own_password(Req *r);
void page_own_password_post(Req *r);

/* Keeping the records: the cadre's form, void/restore, history (pages_cadre_form.c). */
void page_cadre_new(Req *r);
void page_cadre_create(Req *r);
void page_cadre_edit(Req *r);
void page_cadre_update(Req *r);
void page_cadre_void_form(Req *r);
void page_cadre_void(Req *r);
void page_cadre_restore(Req *r);
void page_cadre_history(Req *r);
/* The history rows h[0..n) as a table (also on the profile). */
void page_cadre_history_table(Req *r, const HistoryItem *h, int n);

/* Keeping the records: posts, courses, ratings, disciplines, family (pages_cadre_records.c). */
void page_record_new(Req *r);
void page_record_create(Req *r);
void page_record_edit(Req *r);
void page_record_update(Req *r);
void page_record_void(Req *r);
void page_record_restore(Req *r);
/* The voided records of a cadre's file with their restore buttons (an admin's history page). */
void page_voided_records(Req *r, long long cadre_id);
/* Documents ready to sign (issue 10, pages_documents.c). */
void page_document(Req *r);
/*
** For the pages that offer a document: append the link to the document form
** of `kind` with the record's query given as key/value pairs ending with NULL
** ({"proposal", "12", "step", "3", NULL}), values percent-encoded
** (doc_href: the URL only, inside an attribute the caller opened).
*/
void doc_href(Req *r, const char *kind, const char *const *kv);
void doc_button(Req *r, const char *label, const char *kind, const char *const *kv);

#endif

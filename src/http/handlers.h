/* Every handler of the route table. */
#ifndef HTTP_HANDLERS_H
#define HTTP_HANDLERS_H

#include "request.h"

/* home and authorities */
int page_home(struct request *r);
int page_authorities(struct request *r);
int page_authority(struct request *r);
int api_authorities(struct request *r);
int api_authorities_csv(struct request *r);
int api_authority(struct request *r);
/* coverage */
int page_coverage(struct request *r);
int api_coverage(struct request *r);
int api_coverage_csv(struct request *r);
/* signing up */
int page_signups(struct request *r);
int api_signups(struct request *r);
int api_signups_csv(struct request *r);
/* checks, commitments and recorded activities */
int page_checks(struct request *r);
int page_check_form(struct request *r);
int page_check_result(struct request *r);
int page_check_record_form(struct request *r);
int page_check_record(struct request *r);
int api_checks(struct request *r);
int page_commitments(struct request *r);
int page_commitment_section(struct request *r);
int page_commitment(struct request *r);
int api_commitments(struct request *r);
int api_commitment_patch(struct request *r);
int api_activity_record(struct request *r);
int api_activity_update(struct request *r);
int api_activity(struct request *r);
int api_activity_withdraw(struct request *r);
int page_activity(struct request *r);
int page_activity_edit(struct request *r);
int page_activity_update(struct request *r);
int page_activity_withdraw_form(struct request *r);
int page_activity_withdraw(struct request *r);
int api_findings_csv(struct request *r);
int page_compliance(struct request *r);
/* compacts */
int page_compacts(struct request *r);
int page_compact(struct request *r);
int page_compact_new(struct request *r);
int page_compact_create(struct request *r);
int page_compact_edit(struct request *r);
int page_compact_update(struct request *r);
int page_compact_status_form(struct request *r);
int page_compact_status_post(struct request *r);
int page_compact_codes(struct request *r);
int page_compact_codes_post(struct request *r);
int page_compact_parameters(struct request *r);
int page_compact_parameters_post(struct request *r);
int page_coordinator_new(struct request *r);
int page_coordinator_add(struct request *r);
int page_coordinator_remove(struct request *r);
int api_compacts_create(struct request *r);
int api_compacts_list(struct request *r);
int api_compacts_csv(struct request *r);
int api_compact(struct request *r);
int api_compact_patch(struct request *r);
int api_compact_status(struct request *r);
int api_compact_parameters(struct request *r);
/* signatories */
int page_signatories(struct request *r);
int page_signatory_new(struct request *r);
int page_signatory_add(struct request *r);
int page_signatory_withdraw_form(struct request *r);
int page_signatory_withdraw(struct request *r);
int api_signatories(struct request *r);
int api_signatory_add(struct request *r);
int api_signatory_withdraw(struct request *r);
int api_organisation_signatories(struct request *r);
/* complaints */
int api_complaint_create(struct request *r);
int api_complaint_event(struct request *r);
int api_complaint(struct request *r);
int api_complaints_stats(struct request *r);
int api_compact_complaints(struct request *r);
int api_complaints_list(struct request *r);
/* organisations */
int page_organisations(struct request *r);
int page_organisation_new(struct request *r);
int page_organisation_create(struct request *r);
int page_organisation(struct request *r);
int page_organisation_edit(struct request *r);
int page_organisation_update(struct request *r);
int api_organisations(struct request *r);
int api_organisations_csv(struct request *r);
int api_organisations_create(struct request *r);
int api_organisation(struct request *r);
int api_organisation_patch(struct request *r);

/* the one search (page_search.c) */
int page_search(struct request *r);
int api_search(struct request *r);

/* the library (page_library.c, api_library.c) */
int page_library(struct request *r);
int page_case_studies(struct request *r);
int page_resources(struct request *r);
int page_case_study(struct request *r);
int page_case_study_new(struct request *r);
int page_case_study_create(struct request *r);
int page_case_study_edit(struct request *r);
int page_case_study_update(struct request *r);
int page_case_study_publish(struct request *r);
int page_resource(struct request *r);
int page_resource_new(struct request *r);
int page_resource_create(struct request *r);
int page_resource_edit(struct request *r);
int page_resource_update(struct request *r);
int page_resource_publish(struct request *r);
int resource_document(struct request *r);
int api_case_studies(struct request *r);
int api_case_study(struct request *r);
int api_case_study_create(struct request *r);
int api_case_study_patch(struct request *r);
int api_case_study_publish(struct request *r);
int api_resources(struct request *r);
int api_resource(struct request *r);
int api_resource_create(struct request *r);
int api_resource_patch(struct request *r);
int api_resource_publish(struct request *r);
/* accounts and the audit trail */
int page_login(struct request *r);
int page_login_post(struct request *r);
int page_logout(struct request *r);
int page_account(struct request *r);
int page_token_create(struct request *r);
int page_token_revoke(struct request *r);
int page_history(struct request *r);
int api_me(struct request *r);
int api_audit(struct request *r);
/* open data: funders' grants and buyers' contracts */
int page_funder(struct request *r);
int page_grants(struct request *r);
int page_contracts(struct request *r);
int api_organisation_indicators(struct request *r);
int api_organisation_indicators_csv(struct request *r);
int api_grants(struct request *r);
int api_grants_csv(struct request *r);
int api_contracts(struct request *r);
int api_contracts_csv(struct request *r);
/* complaints */
int page_complaint(struct request *r);
int page_complaint_event(struct request *r);
int page_complaint_new(struct request *r);
int page_complaint_create(struct request *r);
int page_compact_complaints(struct request *r);
int page_complaint_stats(struct request *r);
int page_compact_complaint_stats(struct request *r);
int page_complaint_feed(struct request *r);
int page_feed_create(struct request *r);
int page_feed_revoke(struct request *r);
struct case_filter;
struct case_view;
/* The cases the person asking may see that match f, at most max, as the pages show them, into
 * *out[0..*n) from the arena, and how many match into *total (page_complaints.c). */
int complaint_views(struct request *r, const struct case_filter *f, size_t max,
                    struct case_view **out, size_t *n, size_t *total);
/* The absolute address of the calendar feed of secret (page_complaints.c). */
const char *complaint_feed_url(struct request *r, const char *secret);
/* the annual survey */
int api_survey_create(struct request *r);
int api_survey_answer(struct request *r);
int api_survey_results(struct request *r);
int api_survey_results_csv(struct request *r);
int api_survey_codes(struct request *r);
/* The anonymised answers of a round as CSV, text answers included: admins only. */
int api_survey_answers_csv(struct request *r);
int page_surveys(struct request *r);
int page_survey_create(struct request *r);
int page_survey_results(struct request *r);
int page_survey_respond(struct request *r);
int page_survey_respond_post(struct request *r);
int page_survey_benchmark(struct request *r);
int page_survey_benchmark_post(struct request *r);
int page_survey_manage(struct request *r);
int page_survey_codes(struct request *r);
/* the service itself */
int api_healthz(struct request *r);
int asset_get(struct request *r);
int page_accessibility(struct request *r);
int page_privacy(struct request *r);
int page_cookies(struct request *r);
int page_contact(struct request *r);
int page_verdicts(struct request *r);
int page_api(struct request *r);
int api_openapi(struct request *r);

#endif

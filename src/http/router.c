/* The route table: every URL of the service, its methods, handler, who may use it and what it
 * does (its documentation, read by GET /api and /api/openapi.json). */
#include "router.h"

#include <pthread.h>
#include <string.h>

#include "auth.h"
#include "cache.h"
#include "handlers.h"
#include "view/html.h"
#include "codec/json.h"
#include "view/page_error.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* ---- what the routes take: query parameters and form fields, shared where routes share them */

/* A parameter of the tables below: {name, about, type, example}. */
#define API_PARAM(name, about, type, example)                                                      \
    {                                                                                              \
        name, about, type, example                                                                 \
    }
#define END API_PARAM(NULL, NULL, API_TEXT, NULL)
#define P_LIMIT                                                                                    \
    API_PARAM("limit", "How many items a page holds, from 1 to 1000 (default 100).", API_INTEGER,  \
              "50")
#define P_CURSOR                                                                                   \
    API_PARAM("cursor", "Where the page starts: the value of next in the page before.", API_TEXT,  \
              NULL)
#define P_PAGE API_PARAM("page", "The page's number, from 1; 50 rows a page.", API_INTEGER, "2")
#define P_CSRF                                                                                     \
    API_PARAM(                                                                                     \
        "csrf_token",                                                                              \
        "The CSRF token of the session, as the form carries it (or the X-CSRF-Token header).",     \
        API_TEXT, NULL)
#define P_SET                                                                                      \
    API_PARAM("set", "Which authorities: 2012 (the 353 of 2009 to 2019) or current.", API_TEXT,    \
              "2012")
#define P_REGION                                                                                   \
    API_PARAM("region",                                                                            \
              "One of England's nine regions: north-east, north-west, yorkshire-and-the-humber, "  \
              "east-midlands, west-midlands, east-of-england, london, south-east or south-west.",  \
              API_TEXT, "north-west")
#define P_AUTH_TYPE                                                                                \
    API_PARAM("type", "county, district, metropolitan_district, london_borough or unitary.",       \
              API_TEXT, "unitary")
#define P_ORG_Q                                                                                    \
    API_PARAM("q", "Part of the name, or the start of the org-id, in any case.", API_TEXT,         \
              "trafford")
#define P_SECTOR                                                                                   \
    API_PARAM("sector", "statutory, vcs (voluntary and community) or private.", API_TEXT, "vcs")
#define P_ORG_TYPE                                                                                 \
    API_PARAM("type",                                                                              \
              "council, nhs, police, fire, public_other, vcs_infrastructure, charity, "            \
              "community_group, social_enterprise or business.",                                   \
              API_TEXT, "charity")
#define P_COMPACT_Q                                                                                \
    API_PARAM("q", "Part of a Compact's name, or an authority's name or GSS code.", API_TEXT,      \
              "leeds")
#define P_STATUS                                                                                   \
    API_PARAM("status", "Its status today: in_development, active or inactive.", API_TEXT, "active")
#define P_AUTHORITY                                                                                \
    API_PARAM(                                                                                     \
        "authority",                                                                               \
        "An authority's GSS code: the Compacts that cover it, directly or through its county.",    \
        API_TEXT, "E08000035")
#define P_OVERDUE                                                                                  \
    API_PARAM("overdue", "true for those whose review is overdue.", API_BOOLEAN, "true")
#define P_AS_OF                                                                                    \
    API_PARAM("as_of", "The day, as YYYY-MM-DD (default today).", API_DATE, "2012-03-31")
#define P_YEAR API_PARAM("year", "A year, as 4 digits.", API_INTEGER, "2019")
#define P_OD_Q                                                                                     \
    API_PARAM("q",                                                                                 \
              "Part of the title or of the recipient's name (grants), of the title or ocid "       \
              "(contracts), in any case.",                                                         \
              API_TEXT, "youth")
#define P_FUNDER    API_PARAM("funder", "The funder's org-id.", API_TEXT, "GB-LAE-TRF")
#define P_RECIPIENT API_PARAM("recipient", "The recipient's org-id.", API_TEXT, "GB-CHC-1234567")
#define P_BUYER     API_PARAM("buyer", "The buyer's org-id.", API_TEXT, "GB-LAE-TRF")
#define P_SUPPLIER  API_PARAM("supplier", "A supplier's org-id.", API_TEXT, "GB-COH-01234567")
#define P_COMPACT_ID                                                                               \
    API_PARAM("compact_id",                                                                        \
              "A local Compact's number: its parameters (such as the least tender period) apply "  \
              "instead of the national defaults.",                                                 \
              API_INTEGER, "3")
#define P_MIN_COUNT                                                                                \
    API_PARAM("min_count",                                                                         \
              "The fewest records a share or median may rest on, from 1 to 1000000 (default 10).", \
              API_INTEGER, "10")
#define P_ANSWERS                                                                                  \
    API_PARAM("(each question)",                                                                   \
              "The answers, named by the facts of SPEC section 5: dates as FACT-day, FACT-month "  \
              "and FACT-year; yes or no; a choice's value; text.",                                 \
              API_TEXT, NULL)
#define P_ORG_FIELDS                                                                               \
    API_PARAM("org_id", "Its org-id, such as GB-CHC-1234567, if it has one.", API_TEXT, NULL),     \
        API_PARAM("name", "Its name.", API_TEXT, NULL), P_ORG_TYPE, P_SECTOR,                      \
        API_PARAM("website", "Its website, starting https:// or http://.", API_TEXT, NULL)

#define P_CASE_OPEN API_PARAM("open", "true for the cases still open.", API_BOOLEAN, "true")
#define P_CASE_OVERDUE                                                                             \
    API_PARAM("overdue", "true for the open cases whose current stage is overdue.", API_BOOLEAN,   \
              "true")
#define P_CASE_AS_OF                                                                               \
    API_PARAM("as_of", "The day the cases are as of, as YYYY-MM-DD (default today).", API_DATE,    \
              "2013-01-10")
static const struct api_param case_query[] = {P_CASE_AS_OF, END};
static const struct api_param compact_case_query[] = {P_CASE_AS_OF, P_CASE_OPEN, P_CASE_OVERDUE,
                                                      P_LIMIT,      P_CURSOR,    END};
static const struct api_param case_list_query[] = {
    P_CASE_AS_OF,
    P_CASE_OPEN,
    P_CASE_OVERDUE,
    API_PARAM("compact_id", "A local Compact's number: its cases only.", API_INTEGER, "3"),
    P_LIMIT,
    P_CURSOR,
    END};
static const struct api_param case_stats_query[] = {
    API_PARAM("year", "The year the cases opened, as 4 digits (default every year).", API_INTEGER,
              "2013"),
    API_PARAM("compact_id", "A local Compact's number (default every Compact, nationally).",
              API_INTEGER, "3"),
    P_CASE_AS_OF, END};
static const struct api_param authority_filters[] = {P_SET, P_AUTH_TYPE, P_REGION, END};
static const struct api_param authority_pages[] = {P_SET,   P_AUTH_TYPE, P_REGION,
                                                   P_LIMIT, P_CURSOR,    END};
static const struct api_param coverage_query[] = {P_AS_OF, P_SET, END};
static const struct api_param organisation_filters[] = {P_ORG_Q, P_SECTOR, P_ORG_TYPE, END};
static const struct api_param organisation_page[] = {P_ORG_Q, P_SECTOR, P_ORG_TYPE, P_PAGE, END};
static const struct api_param organisation_pages[] = {P_ORG_Q, P_SECTOR, P_ORG_TYPE,
                                                      P_LIMIT, P_CURSOR, END};
static const struct api_param organisation_form[] = {P_CSRF, P_ORG_FIELDS, END};
static const struct api_param compact_filters[] = {P_COMPACT_Q, P_STATUS,  P_REGION,
                                                   P_AUTHORITY, P_OVERDUE, END};
static const struct api_param compact_pages[] = {P_COMPACT_Q, P_STATUS, P_REGION, P_AUTHORITY,
                                                 P_OVERDUE,   P_LIMIT,  P_CURSOR, END};
static const struct api_param compact_form[] = {
    P_CSRF,
    {"name", "The Compact's name.", API_TEXT, NULL},
    {"authorities", "The GSS codes or names of the authorities it covers, one a line.", API_TEXT,
     NULL},
    {"status, status_date-day, -month, -year",
     "A new Compact's first status and the day it took effect.", API_TEXT, NULL},
    {"adopted-day, refreshed-day, review_due-day (and -month, -year)",
     "When it was adopted, last refreshed, and when its next review is due.", API_DATE, NULL},
    {"document_url", "Where its document is, starting https:// or http://.", API_TEXT, NULL},
    {"contact-N-name, -role, -email, -phone", "Its key contacts, from contact-0.", API_TEXT, NULL},
    END};
static const struct api_param status_form[] = {
    P_CSRF,
    {"status", "in_development, active or inactive.", API_TEXT, NULL},
    {"date-day, date-month, date-year", "The day it takes effect, after the last status's.",
     API_DATE, NULL},
    END};
static const struct api_param codes_form[] = {
    P_CSRF,
    {"title", "The local code of practice's title.", API_TEXT, NULL},
    {"summary", "What it covers.", API_TEXT, NULL},
    {"url", "Where it is published, starting https:// or http://.", API_TEXT, NULL},
    END};
static const struct api_param parameters_form[] = {
    P_CSRF,
    {"consultation_weeks, feedback_weeks, notice_months, min_funding_months, min_tender_days",
     "The local Compact's own values, whole numbers; blank for the national default (notice: "
     "at least 3 months).",
     API_INTEGER, NULL},
    END};
static const struct api_param signatories_page[] = {
    {"done", "added or withdrawn: the notice to show after a change.", API_TEXT, NULL}, END};
static const struct api_param signatory_form[] = {
    P_CSRF,
    {"organisation", "The organisation that signed: its org-id, number or name.", API_TEXT, NULL},
    {"role", "Who signed it for them: a role, such as Chief executive.", API_TEXT, NULL},
    {"signed_on-day, -month, -year", "The day it signed.", API_DATE, NULL},
    END};
static const struct api_param withdraw_form[] = {
    P_CSRF, {"withdrawn_on-day, -month, -year", "The day it withdrew.", API_DATE, NULL}, END};
static const struct api_param check_form[] = {
    {"compact", "A local Compact's number: its parameters apply.", API_INTEGER, "3"},
    {"as_of-day, as_of-month, as_of-year", "The day the check is made for (default today).",
     API_DATE, NULL},
    P_ANSWERS,
    END};
static const struct api_param record_form[] = {
    P_CSRF,
    {"compact", "The local Compact it was checked against: its number.", API_INTEGER, NULL},
    {"title", "What the decision is, in a few words.", API_TEXT, NULL},
    {"organisation", "The organisation affected: its org-id, chosen after a search by name.",
     API_TEXT, NULL},
    {"amount", "The amount in pounds, where there is one.", API_TEXT, NULL},
    {"decision_date-day, -month, -year", "The day the decision is or was made.", API_DATE, NULL},
    P_ANSWERS,
    END};
static const struct api_param login_page[] = {
    {"next", "Where to go after signing in: a path of this site.", API_TEXT, "/account"},
    {"expired", "Present when the session has ended: the page says so.", API_TEXT, NULL},
    END};
static const struct api_param login_form[] = {
    {"email", "Your email address.", API_TEXT, NULL},
    {"password", "Your password.", API_TEXT, NULL},
    {"next", "Where to go after signing in: a path of this site.", API_TEXT, NULL},
    END};
static const struct api_param csrf_only[] = {P_CSRF, END};
static const struct api_param account_page[] = {
    {"revoked", "Present after a token was revoked: the page says so.", API_TEXT, NULL}, END};
static const struct api_param token_form[] = {
    P_CSRF, {"label", "What the token is for, to tell it from others.", API_TEXT, NULL}, END};
static const struct api_param audit_query[] = {
    {"kind",
     "What the history is of: compact, organisation, user, api_token, commitment, "
     "activity, grants or contracts.",
     API_TEXT, "compact"},
    {"entity", "Which one: a Compact's number, an org-id, ...", API_TEXT, "3"},
    END};
static const struct api_param complaint_form[] = {
    P_CSRF,
    {"complainant_q, complainant",
     "The organisation complaining (a member's own is fixed): "
     "a search, then its org-id chosen.",
     API_TEXT, NULL},
    {"respondent_q, respondent", "The body complained about: a search, then its org-id chosen.",
     API_TEXT, NULL},
    {"title", "The complaint in a few words.", API_TEXT, NULL},
    {"summary", "What happened.", API_TEXT, NULL},
    {"aware_on-day, -month, -year", "When the complainant first knew of the problem.", API_DATE,
     NULL},
    {"opened_on-day, -month, -year", "When it was raised with the body.", API_DATE, NULL},
    {"stage", "informal (default), formal or dispute.", API_TEXT, "informal"},
    {"rules", "A rule the complaint cites, once for each (SPEC section 5 names).", API_TEXT,
     "funding.notice"},
    {"activity", "The recorded activity it is about: its number.", API_INTEGER, NULL},
    {"action", "search-complainant or search-respondent for a search step; raise to send.",
     API_TEXT, NULL},
    END};
static const struct api_param complaint_new_query[] = {
    {"kind, (each answer)",
     "A check's kind and answers, as its result page has them: the rules "
     "it finds in breach are ticked.",
     API_TEXT, NULL},
    {"activity", "A recorded activity of the Compact: it, its organisation and its breaches.",
     API_INTEGER, "12"},
    END};
static const struct api_param complaint_event_form[] = {
    P_CSRF,
    {"type", "response, escalated, closed, reopened or note.", API_TEXT, "response"},
    {"response_on-day, escalated_on-day, closed_on-day, reopened_on-day, note_on-day (and "
     "-month, -year)",
     "The event's date, in the fields of its type's form.", API_DATE, NULL},
    {"response_note, escalate_note, close_note, reopen_note, note", "What happened, in words.",
     API_TEXT, NULL},
    {"to", "escalated: the stage, or ombudsman-lgo or ombudsman-phso.", API_TEXT, "dispute"},
    {"outcome", "closed: resolved, upheld, partly_upheld, not_upheld or withdrawn.", API_TEXT,
     "upheld"},
    {"causes", "closed: a rule found not kept, once for each.", API_TEXT, "funding.notice"},
    {"remedy", "closed: the remedy agreed.", API_TEXT, NULL},
    END};
static const struct api_param complaint_page[] = {
    {"done", "The event type just added (or opened): the banner saying so.", API_TEXT, NULL}, END};
static const struct api_param complaint_stats_query[] = {P_YEAR, END};
static const struct api_param grant_filters[] = {P_FUNDER, P_RECIPIENT, P_YEAR, P_OD_Q, END};
static const struct api_param grant_page[] = {P_FUNDER, P_RECIPIENT, P_YEAR, P_OD_Q, P_PAGE, END};
static const struct api_param grant_pages[] = {P_FUNDER, P_RECIPIENT, P_YEAR, P_OD_Q,
                                               P_LIMIT,  P_CURSOR,    END};
static const struct api_param contract_filters[] = {P_BUYER, P_SUPPLIER, P_YEAR, P_OD_Q, END};
static const struct api_param contract_page[] = {P_BUYER, P_SUPPLIER, P_YEAR, P_OD_Q, P_PAGE, END};
static const struct api_param contract_pages[] = {P_BUYER, P_SUPPLIER, P_YEAR, P_OD_Q,
                                                  P_LIMIT, P_CURSOR,   END};
static const struct api_param indicator_query[] = {P_COMPACT_ID, P_MIN_COUNT, END};
static const struct api_param asset_query[] = {
    {"v", "The assets' version, as the pages link to them: with it, a year's caching.", API_TEXT,
     NULL},
    END};

static const struct api_param search_query[] = {
    API_PARAM("q",
              "What to find: any text, searched as words (each finds its inflections; quotes, "
              "*, NEAR, - and brackets are words like the others). At most 4,096 bytes of UTF-8.",
              API_TEXT, "cuts"),
    API_PARAM("type", "Only these: case_study, resource, compact or organisation.", API_TEXT,
              "case_study"),
    API_PARAM("theme", "Only case studies of this theme, such as managing_cuts.", API_TEXT,
              "managing_cuts"),
    P_REGION,
    P_YEAR,
    API_PARAM("page", "The page's number, from 1; 20 results a page.", API_INTEGER, "2"),
    END};

/* the library's filters, on /library and the API's lists */
#define P_LIBRARY_KIND                                                                             \
    API_PARAM("kind",                                                                              \
              "case_study, or a resource's kind: national_compact, guidance, toolkit, template, "  \
              "report or local_compact_document.",                                                 \
              API_TEXT, "case_study")
#define P_LIBRARY_THEME                                                                            \
    API_PARAM("theme",                                                                             \
              "A case study's theme: delivering_results, managing_cuts, commissioning, "           \
              "efficiency_innovation, managing_risk, consultation, equality, volunteering or "     \
              "independence.",                                                                     \
              API_TEXT, "managing_cuts")
static const struct api_param library_filters[] = {P_LIBRARY_KIND, P_LIBRARY_THEME, P_REGION,
                                                   P_YEAR, END};
/* the API's lists of the library: its filters, and its pages */
static const struct api_param library_api_filters[] = {
    P_LIBRARY_KIND, P_LIBRARY_THEME, P_REGION, P_YEAR, P_LIMIT, P_CURSOR, END};
/* a list page of the library's: its filters and its page */
static const struct api_param library_pages[] = {
    {"kind", "A resource's kind (on /resources).", API_TEXT, "guidance"},
    {"theme", "A case study's theme (on /case-studies).", API_TEXT, "managing_cuts"},
    P_REGION,
    P_YEAR,
    API_PARAM("page", "The page's number, from 1; 20 a page.", API_INTEGER, "2"),
    END};
static const struct api_param case_study_form[] = {
    P_CSRF,
    {"title", "What it is about, in a few words.", API_TEXT, NULL},
    {"summary", "What happened.", API_TEXT, NULL},
    {"outcome", "What came of it.", API_TEXT, NULL},
    {"year", "The year it happened, as 4 digits.", API_INTEGER, NULL},
    {"themes", "Its themes, one field each (as listed under kind and theme).", API_TEXT, NULL},
    {"areas", "The GSS codes of the authorities it concerns, separated by spaces.", API_TEXT, NULL},
    {"organisations", "The organisations involved, one a line.", API_TEXT, NULL},
    {"compact", "The local Compact it is of: its number (required but for admins).", API_INTEGER,
     NULL},
    {"source_citation, source_url", "Where it comes from: a citation and a link.", API_TEXT, NULL},
    END};
static const struct api_param resource_form[] = {
    P_CSRF,
    {"title", "Its title.", API_TEXT, NULL},
    {"kind", "national_compact, guidance, toolkit, template, report or local_compact_document.",
     API_TEXT, NULL},
    {"summary", "What it is, in a sentence or two.", API_TEXT, NULL},
    {"date-day, date-month, date-year", "The date it was published.", API_DATE, NULL},
    {"url", "A link to it, starting https:// or http://.", API_TEXT, NULL},
    {"compact", "The local Compact whose document it is: its number.", API_INTEGER, NULL},
    {"document", "The document as a PDF file (multipart/form-data), at most 20 MB.", API_TEXT,
     NULL},
    END};
#define CASE_STUDY_BODY                                                                            \
    "{\"title\": \"Talking early about cuts\", \"summary\": \"The council consulted the sector "   \
    "on the cuts.\", \"year\": 2010, \"themes\": [\"managing_cuts\"], \"areas\": "                 \
    "[\"E09000024\"], \"compact_id\": 3}"
#define RESOURCE_BODY                                                                              \
    "{\"title\": \"Merton Compact funding code\", \"kind\": \"local_compact_document\", "          \
    "\"url\": \"https://example.org/code.pdf\", \"compact_id\": 3}"

#define ACTIVITY_BODY                                                                              \
    "{\"organisation\": \"GB-CHC-1234567\", \"activity\": {\"kind\": \"funding_change\", "         \
    "\"change\": \"reduce\", \"decision_date\": \"2026-09-01\", \"notice_date\": \"2026-09-15\", " \
    "\"notice_in_writing\": true, \"effective_date\": \"2027-01-01\"}}"

/*
 * Dispatch tries the routes in this order and runs the first whose pattern matches the path and
 * whose methods include the request's; when patterns match but none has the method, it answers
 * 405 with Allow naming theirs. So a literal segment comes before a ":param" route that would
 * match it too ("/compacts/new" before "/compacts/:id"). A route's access says which roles may
 * use it; what a person may do to one object is app/policy.c's to decide. Each route's doc says
 * what it does, what it takes and an example: GET /api and /api/openapi.json are made from it,
 * and a unit test fails for a route without one.
 */
const struct route routes[] = {
    /* home and authorities */
    {M_GET,
     "/",
     page_home,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The home page: what the service does, and where to start.", NULL, "/", 0}},
    {M_GET,
     "/authorities",
     page_authorities,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"England's principal local authorities, filtered by set, type and region.", authority_filters,
      "/authorities?set=2012&type=county", 0}},
    {M_GET,
     "/authorities/:gss",
     page_authority,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"An authority's page: its type, region and county, and the local Compact that covers it.",
      NULL, "/authorities/E08000009", 0}},
    /* coverage */
    {M_GET,
     "/coverage",
     page_coverage,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Where local Compacts cover England on a day: the map, figures by type and region, and "
      "coverage over time.",
      coverage_query, "/coverage?as_of=2012-03-31&set=2012", 0}},
    {M_GET,
     "/signups",
     page_signups,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Who has signed local Compacts on a day: councils signed, not signed and not covered, by "
      "region and on a map, and the statutory partners each active Compact lacks.",
      coverage_query, "/signups?as_of=2012-03-31&set=2012", 0}},
    /* checks, commitments and recorded activities */
    {M_GET,
     "/checks",
     page_checks,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Check a decision against the Compact: the kinds of decision to choose from.", NULL,
      "/checks", 0}},
    {M_GET,
     "/checks/verdicts",
     page_verdicts,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"What each result of a check means, what to do about it, and what the Compact asks.", NULL,
      "/checks/verdicts", 0}},
    {M_GET,
     "/checks/:kind",
     page_check_form,
     ACCESS_ANYONE,
     0,
     {"The questions about a decision of this kind, with any answers given again.", check_form,
      "/checks/funding_change?compact=3", 0}},
    {M_GET,
     "/checks/:kind/result",
     page_check_result,
     ACCESS_ANYONE,
     0,
     {"The result of the check: each commitment, whether the decision keeps it, and why.",
      check_form,
      "/checks/funding_change/result?change=end&effective_date-day=1&effective_date-month=4&"
      "effective_date-year=2012&notice_date-day=1&notice_date-month=2&notice_date-year=2012&"
      "notice_in_writing=yes",
      0}},
    {M_GET,
     "/checks/:kind/record",
     page_check_record_form,
     ACCESS_SIGNED_IN,
     0,
     {"The form that records the decision checked under the Compact it was checked against: its "
      "title, the organisation affected, the amount and the decision date.",
      check_form, "/checks/funding_change/record?compact=3&change=end", 0}},
    {M_POST,
     "/checks/:kind/record",
     page_check_record,
     ACCESS_SIGNED_IN,
     0,
     {"Record the decision checked, with its findings, under the Compact it was checked against.",
      record_form,
      "csrf_token=...&compact=3&title=End+of+the+advice+grant&organisation=GB-CHC-1234567&change="
      "end&effective_date-day=1&"
      "effective_date-month=4&effective_date-year=2027",
      303}},
    {M_GET,
     "/commitments",
     page_commitments,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The Compact's commitments that the checks test, by section.", NULL, "/commitments", 0}},
    {M_GET,
     "/commitments/sections/:n",
     page_commitment_section,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"One section of the Compact and its commitments.", NULL, "/commitments/sections/4", 0}},
    {M_GET,
     "/commitments/:id",
     page_commitment,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"One commitment: its number, who makes it, and the rules that test it.", NULL,
      "/commitments/9", 0}},
    /* signatories */
    {M_GET,
     "/compacts/:id/signatories",
     page_signatories,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The organisations that signed a local Compact, and those that withdrew.", signatories_page,
      "/compacts/3/signatories", 0}},
    {M_GET,
     "/compacts/:id/signatories/new",
     page_signatory_new,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The form that adds a signatory to a local Compact.", NULL, "/compacts/3/signatories/new",
      0}},
    {M_POST,
     "/compacts/:id/signatories",
     page_signatory_add,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Add a signatory: the organisation, who signed for it, and when.", signatory_form,
      "csrf_token=...&organisation=GB-CHC-1234567&role=Chief+executive&signed_on-day=1&"
      "signed_on-month=4&signed_on-year=2010",
      303}},
    {M_GET,
     "/compacts/:id/signatories/:sid/withdraw",
     page_signatory_withdraw_form,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The form that records that a signatory withdrew.", NULL,
      "/compacts/3/signatories/7/withdraw", 0}},
    {M_POST,
     "/compacts/:id/signatories/:sid/withdraw",
     page_signatory_withdraw,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Record the day a signatory withdrew.", withdraw_form,
      "csrf_token=...&withdrawn_on-day=31&withdrawn_on-month=3&withdrawn_on-year=2024", 303}},
    /* organisations */
    {M_GET,
     "/organisations",
     page_organisations,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Search the organisations: councils, other public bodies, voluntary and community "
      "organisations and businesses, 50 a page.",
      organisation_page, "/organisations?q=trafford&sector=vcs&page=2", 0}},
    {M_GET,
     "/organisations/new",
     page_organisation_new,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The form that adds an organisation.", NULL, "/organisations/new", 0}},
    {M_POST,
     "/organisations",
     page_organisation_create,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Add an organisation.", organisation_form,
      "csrf_token=...&org_id=GB-CHC-1234567&name=Sale+Community+Food+Bank&type=charity&sector=vcs",
      303}},
    {M_GET,
     "/organisations/:id",
     page_organisation,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"An organisation's page: its details and the Compacts it signed.", NULL,
      "/organisations/GB-LAE-TRF", 0}},
    {M_GET,
     "/organisations/:id/edit",
     page_organisation_edit,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The form that changes an organisation's details.", NULL,
      "/organisations/GB-CHC-1234567/edit", 0}},
    {M_POST,
     "/organisations/:id",
     page_organisation_update,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Change an organisation's details.", organisation_form,
      "csrf_token=...&name=Sale+Community+Food+Bank&type=charity&sector=vcs&website=https%3A%2F%2F"
      "food.example",
      303}},
    /* compacts */
    {M_GET,
     "/compacts",
     page_compacts,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The register of local Compacts, searched and filtered.", compact_filters,
      "/compacts?status=active&region=north-west", 0}},
    {M_POST,
     "/compacts",
     page_compact_create,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Add a local Compact to the register.", compact_form,
      "csrf_token=...&name=Trafford+Compact&authorities=E08000009&status=active&"
      "status_date-day=1&status_date-month=4&status_date-year=2010",
      303}},
    {M_GET,
     "/compacts/new",
     page_compact_new,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The form that adds a local Compact.", NULL, "/compacts/new", 0}},
    {M_GET,
     "/compacts/:id",
     page_compact,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"A local Compact's page: its status, areas, dates, document, contacts, codes, parameters "
      "and signatories.",
      NULL, "/compacts/3", 0}},
    {M_POST,
     "/compacts/:id",
     page_compact_update,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Change a local Compact's details.", compact_form,
      "csrf_token=...&name=Trafford+Compact&authorities=E08000009&review_due-day=1&"
      "review_due-month=4&review_due-year=2027",
      303}},
    {M_GET,
     "/compacts/:id/edit",
     page_compact_edit,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The form that changes a local Compact's details.", NULL, "/compacts/3/edit", 0}},
    {M_GET,
     "/compacts/:id/status",
     page_compact_status_form,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The form that gives a local Compact a new status.", NULL, "/compacts/3/status", 0}},
    {M_POST,
     "/compacts/:id/status",
     page_compact_status_post,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Give a local Compact a new status from a day.", status_form,
      "csrf_token=...&status=inactive&date-day=1&date-month=4&date-year=2026", 303}},
    {M_GET,
     "/compacts/:id/codes",
     page_compact_codes,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The form that adds a local code of practice to a Compact.", NULL, "/compacts/3/codes", 0}},
    {M_POST,
     "/compacts/:id/codes",
     page_compact_codes_post,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Add a local code of practice.", codes_form,
      "csrf_token=...&title=Funding+code&url=https%3A%2F%2Fexample.org%2Ffunding.pdf", 303}},
    {M_GET,
     "/compacts/:id/parameters",
     page_compact_parameters,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The form that sets a local Compact's own parameters.", NULL, "/compacts/3/parameters", 0}},
    {M_POST,
     "/compacts/:id/parameters",
     page_compact_parameters_post,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Set a local Compact's own parameters.", parameters_form,
      "csrf_token=...&notice_months=6&min_tender_days=30", 303}},
    {M_GET,
     "/compacts/:id/coordinators/new",
     page_coordinator_new,
     ACCESS_ADMIN,
     0,
     {"The form that makes a coordinator's account a coordinator of a local Compact.", NULL,
      "/compacts/3/coordinators/new", 0}},
    {M_POST,
     "/compacts/:id/coordinators",
     page_coordinator_add,
     ACCESS_ADMIN,
     0,
     {"Make a coordinator's account, found by its email, a coordinator of a local Compact.", NULL,
      "csrf_token=...&email=sam%40example.org", 303}},
    {M_POST,
     "/compacts/:id/coordinators/remove",
     page_coordinator_remove,
     ACCESS_ADMIN,
     0,
     {"Remove a coordinator from a local Compact (their account stays).", NULL,
      "csrf_token=...&email=sam%40example.org", 303}},
    /* checks, commitments and recorded activities */
    {M_GET,
     "/compacts/:id/compliance",
     page_compliance,
     ACCESS_SIGNED_IN,
     0,
     {"A local Compact's recorded activities and how they kept its commitments.", NULL,
      "/compacts/3/compliance", 0}},
    {M_GET,
     "/compacts/:id/activities/:activity",
     page_activity,
     ACCESS_SIGNED_IN,
     0,
     {"A recorded activity's page: what was decided, its findings, and who recorded it; it prints "
      "for a committee.",
      NULL, "/compacts/3/activities/12", 0}},
    {M_POST,
     "/compacts/:id/activities/:activity",
     page_activity_update,
     ACCESS_SIGNED_IN,
     0,
     {"Change a recorded activity's title, organisation, amount or decision date.", NULL,
      "csrf_token=...&title=End+of+the+advice+grant&decision_date-day=15&decision_date-month=1&"
      "decision_date-year=2027",
      303}},
    {M_GET,
     "/compacts/:id/activities/:activity/edit",
     page_activity_edit,
     ACCESS_SIGNED_IN,
     0,
     {"The form that changes a recorded activity.", NULL, "/compacts/3/activities/12/edit", 0}},
    {M_GET,
     "/compacts/:id/activities/:activity/withdraw",
     page_activity_withdraw_form,
     ACCESS_SIGNED_IN,
     0,
     {"The page that asks why a recorded activity is withdrawn.", NULL,
      "/compacts/3/activities/12/withdraw", 0}},
    {M_POST,
     "/compacts/:id/activities/:activity/withdraw",
     page_activity_withdraw,
     ACCESS_SIGNED_IN,
     0,
     {"Withdraw a recorded activity: it stays in the audit trail and leaves the compliance "
      "figures.",
      NULL, "csrf_token=...&reason=Recorded+twice", 303}},
    /* accounts and the audit trail */
    {M_GET,
     "/login",
     page_login,
     ACCESS_ANYONE,
     0,
     {"The sign-in form.", login_page, "/login?next=%2Faccount", 0}},
    {M_POST,
     "/login",
     page_login_post,
     ACCESS_ANYONE,
     0,
     {"Sign in: sets the session cookie, then goes on to next.", login_form,
      "email=alex%40example.org&password=...&next=%2Faccount", 303}},
    {M_POST,
     "/logout",
     page_logout,
     ACCESS_SIGNED_IN,
     0,
     {"Sign out: ends the session.", csrf_only, "csrf_token=...", 303}},
    {M_GET,
     "/account",
     page_account,
     ACCESS_SIGNED_IN,
     0,
     {"Your account: who you are, and your API tokens.", account_page, "/account", 0}},
    {M_POST,
     "/account/tokens",
     page_token_create,
     ACCESS_SIGNED_IN,
     ROUTE_PEOPLE,
     {"Make an API token: it is shown once.", token_form, "csrf_token=...&label=Reports", 201}},
    {M_POST,
     "/account/tokens/:id/revoke",
     page_token_revoke,
     ACCESS_SIGNED_IN,
     ROUTE_PEOPLE,
     {"Revoke one of your API tokens.", csrf_only, "csrf_token=...", 303}},
    /* complaints */
    {M_GET,
     "/compacts/:id/complaints",
     page_compact_complaints,
     ACCESS_ANYONE,
     0,
     {"A local Compact's complaints that the person asking may see, open first, overdue ones "
      "marked.",
      NULL, "/compacts/3/complaints", 0}},
    {M_GET,
     "/compacts/:id/complaints/new",
     page_complaint_new,
     ACCESS_SIGNED_IN,
     0,
     {"The form that raises a complaint on a local Compact, filled in from a check's result or "
      "a recorded activity.",
      complaint_new_query, "/compacts/3/complaints/new?activity=12", 0}},
    {M_POST,
     "/compacts/:id/complaints/new",
     page_complaint_create,
     ACCESS_SIGNED_IN,
     0,
     {"Raise a complaint on a local Compact (or search for an organisation to name in it).",
      complaint_form,
      "csrf_token=...&respondent=GB-LAE-TRF&title=Grant+cut+without+notice&summary=...&"
      "aware_on-day=1&aware_on-month=3&aware_on-year=2027&opened_on-day=2&opened_on-month=3&"
      "opened_on-year=2027&rules=funding.notice",
      303}},
    {M_GET,
     "/compacts/:id/complaints/statistics",
     page_compact_complaint_stats,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"A local Compact's complaint statistics by year: a chart and the tables behind it, small "
      "numbers suppressed.",
      complaint_stats_query, "/compacts/3/complaints/statistics?year=2027", 0}},
    {M_GET,
     "/complaints/statistics",
     page_complaint_stats,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The complaint statistics of every local Compact by year: a chart and the tables behind "
      "it, small numbers suppressed.",
      complaint_stats_query, "/complaints/statistics?year=2027", 0}},
    {M_GET,
     "/complaints/calendar/:secret",
     page_complaint_feed,
     ACCESS_ANYONE,
     0,
     {"An iCalendar (RFC 5545) feed of the due dates of the open complaints its owner may see, "
      "at the secret address made on the account page (SECRET.ics); 404 once revoked.",
      NULL, "/complaints/calendar/SECRET.ics", 0}},
    {M_GET,
     "/complaints/:id",
     page_complaint,
     ACCESS_SIGNED_IN,
     0,
     {"A complaint's page: its parties, stages with their deadlines, the ombudsman's window, "
      "the timeline of events and what the person asking may do; 404 to whoever may not see "
      "it.",
      complaint_page, "/complaints/7", 0}},
    {M_POST,
     "/complaints/:id/events",
     page_complaint_event,
     ACCESS_SIGNED_IN,
     0,
     {"Add an event to a complaint: a response, an escalation, its closing, a reopening or a "
      "note. A refusal is shown on the complaint's page, naming the field.",
      complaint_event_form,
      "csrf_token=...&type=response&response_on-day=10&"
      "response_on-month=1&response_on-year=2013&response_note=Reinstated",
      303}},
    {M_POST,
     "/account/calendar",
     page_feed_create,
     ACCESS_SIGNED_IN,
     ROUTE_PEOPLE,
     {"Make a new secret address of your complaints' calendar (revoking the one before): shown "
      "once.",
      csrf_only, "csrf_token=...", 201}},
    {M_POST,
     "/account/calendar/revoke",
     page_feed_revoke,
     ACCESS_SIGNED_IN,
     ROUTE_PEOPLE,
     {"Revoke the secret address of your complaints' calendar.", csrf_only, "csrf_token=...", 303}},
    {M_GET,
     "/history/:kind/:entity",
     page_history,
     ACCESS_SIGNED_IN,
     0,
     {"The history of a record: who changed what, and when.", NULL, "/history/compact/3", 0}},
    /* home and authorities */
    {M_GET,
     "/api/v1/authorities",
     api_authorities,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"England's principal local authorities, a page at a time.", authority_pages,
      "/api/v1/authorities?set=2012&type=county&limit=10", 0}},
    {M_GET,
     "/api/v1/authorities.csv",
     api_authorities_csv,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Every authority that matches, as CSV.", authority_filters,
      "/api/v1/authorities.csv?set=current&region=london", 0}},
    {M_GET,
     "/api/v1/authorities/:gss",
     api_authority,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"One authority.", NULL, "/api/v1/authorities/E08000009", 0}},
    /* coverage */
    {M_GET,
     "/api/v1/coverage",
     api_coverage,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Coverage of England on a day: active Compacts, covered and uncovered authorities, by "
      "type and region.",
      coverage_query, "/api/v1/coverage?as_of=2012-03-31&set=2012", 0}},
    {M_GET,
     "/api/v1/coverage.csv",
     api_coverage_csv,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Each authority and the Compact that covers it on a day, as CSV.", coverage_query,
      "/api/v1/coverage.csv?as_of=2012-03-31", 0}},
    {M_GET,
     "/api/v1/signups",
     api_signups,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The case for signing up on a day: each active Compact's statutory partner types signed "
      "and missing, the councils that have not signed the Compact that covers their area, and "
      "those no active Compact covers.",
      coverage_query, "/api/v1/signups?as_of=2012-03-31&set=2012", 0}},
    {M_GET,
     "/api/v1/signups.csv",
     api_signups_csv,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Each council and whether it has signed the Compact that covers its area on a day, as "
      "CSV.",
      coverage_query, "/api/v1/signups.csv?as_of=2012-03-31&set=2012", 0}},
    /* accounts and the audit trail */
    {M_GET,
     "/api/v1/me",
     api_me,
     ACCESS_SIGNED_IN,
     0,
     {"Who the token or session belongs to.", NULL, "/api/v1/me", 0}},
    {M_GET,
     "/api/v1/audit",
     api_audit,
     ACCESS_SIGNED_IN,
     0,
     {"The audit trail of a record: each change, who made it, and the record before and after.",
      audit_query, "/api/v1/audit?kind=compact&entity=3", 0}},
    /* organisations */
    {M_GET,
     "/api/v1/organisations",
     api_organisations,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The organisations, by name, a page at a time.", organisation_pages,
      "/api/v1/organisations?sector=vcs&limit=20", 0}},
    {M_GET,
     "/api/v1/organisations.csv",
     api_organisations_csv,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Every organisation that matches, as CSV.", organisation_filters,
      "/api/v1/organisations.csv?type=council", 0}},
    {M_POST,
     "/api/v1/organisations",
     api_organisations_create,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Add an organisation; answers its reference.", NULL,
      "{\"org_id\": \"GB-CHC-1234567\", \"name\": \"Sale Community Food Bank\", \"type\": "
      "\"charity\", \"sector\": \"vcs\", \"website\": \"https://food.example\"}",
      201}},
    {M_GET,
     "/api/v1/organisations/:id",
     api_organisation,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"One organisation.", NULL, "/api/v1/organisations/GB-LAE-TRF", 0}},
    {M_PATCH,
     "/api/v1/organisations/:id",
     api_organisation_patch,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Change an organisation: the fields given.", NULL,
      "{\"website\": \"https://food.example/new\"}", 0}},
    /* compacts */
    {M_POST,
     "/api/v1/compacts",
     api_compacts_create,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Add a local Compact; answers its number.", NULL,
      "{\"name\": \"Trafford Compact\", \"authorities\": [\"E08000009\"], \"status\": "
      "\"active\", \"status_date\": \"2010-04-01\", \"adopted\": \"2010-04-01\", "
      "\"document_url\": \"https://example.org/trafford.pdf\", \"contacts\": [{\"name\": "
      "\"Alex Example\", \"role\": \"Coordinator\", \"email\": \"alex@example.org\"}]}",
      201}},
    {M_GET,
     "/api/v1/compacts",
     api_compacts_list,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The local Compacts, a page at a time, with their status and review as of today.",
      compact_pages, "/api/v1/compacts?status=active&overdue=true", 0}},
    {M_GET,
     "/api/v1/compacts.csv",
     api_compacts_csv,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Every local Compact that matches, by name, as CSV.", compact_filters,
      "/api/v1/compacts.csv?region=north-west&status=active", 0}},
    {M_GET,
     "/api/v1/compacts/:id",
     api_compact,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"A local Compact's whole entry.", NULL, "/api/v1/compacts/3", 0}},
    {M_PATCH,
     "/api/v1/compacts/:id",
     api_compact_patch,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Change a local Compact: the fields given (coordinators: admins only).", NULL,
      "{\"review_due\": \"2027-04-01\", \"codes\": {\"add\": [{\"title\": \"Funding code\", "
      "\"url\": \"https://example.org/funding.pdf\"}]}}",
      0}},
    {M_POST,
     "/api/v1/compacts/:id/status",
     api_compact_status,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Give a local Compact a new status from a day after its last.", NULL,
      "{\"status\": \"inactive\", \"date\": \"2026-04-01\"}", 201}},
    /* checks, commitments and recorded activities */
    {M_POST,
     "/api/v1/checks",
     api_checks,
     ACCESS_ANYONE,
     0,
     {"Check a decision against the Compact, storing nothing: each rule's verdict and why.", NULL,
      "{\"as_of\": \"2012-06-01\", \"parameters\": {\"notice_months\": 6}, \"activity\": "
      "{\"kind\": \"funding_change\", \"change\": \"end\", \"notice_date\": \"2012-02-01\", "
      "\"notice_in_writing\": true, \"effective_date\": \"2012-04-01\"}}",
      0}},
    {M_POST,
     "/api/v1/compacts/:id/activities",
     api_activity_record,
     ACCESS_SIGNED_IN,
     0,
     {"Record an activity under a local Compact, checked with its parameters; answers its "
      "number.",
      NULL, ACTIVITY_BODY, 201}},
    /* compacts */
    {M_PUT,
     "/api/v1/compacts/:id/parameters",
     api_compact_parameters,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Set all of a local Compact's own parameters (those left out: the national default), and "
      "check its activities again.",
      NULL, "{\"notice_months\": 6, \"min_tender_days\": 30}", 0}},
    /* checks, commitments and recorded activities */
    {M_PUT,
     "/api/v1/compacts/:id/activities/:activity",
     api_activity_update,
     ACCESS_SIGNED_IN,
     0,
     {"Replace a recorded activity's facts, and check it again.", NULL, ACTIVITY_BODY, 0}},
    {M_GET,
     "/api/v1/compacts/:id/activities/:activity",
     api_activity,
     ACCESS_SIGNED_IN,
     0,
     {"One recorded activity: its details, facts and findings.", NULL,
      "/api/v1/compacts/3/activities/12", 0}},
    {M_POST,
     "/api/v1/compacts/:id/activities/:activity/withdraw",
     api_activity_withdraw,
     ACCESS_SIGNED_IN,
     0,
     {"Withdraw a recorded activity, with a reason; it is kept in the audit trail.", NULL,
      "{\"reason\": \"Recorded twice\"}", 0}},
    /* complaints */
    {M_POST,
     "/api/v1/compacts/:id/complaints",
     api_complaint_create,
     ACCESS_SIGNED_IN,
     0,
     {"Raise a complaint that a body did not keep this local Compact; answers the case, its "
      "address in Location.",
      NULL,
      "{\"complainant\": \"GB-CHC-1234567\", \"respondent\": \"GB-LAE-MRT\", \"title\": "
      "\"Funding ended without notice\", \"summary\": \"Our grant ended with two weeks' "
      "notice.\", \"aware_on\": \"2012-11-20\", \"opened_on\": \"2012-12-21\", \"stage\": "
      "\"informal\", \"rules\": [\"funding.notice\"], \"activity_id\": null}",
      201}},
    {M_GET,
     "/api/v1/compacts/:id/complaints",
     api_compact_complaints,
     ACCESS_ANYONE,
     0,
     {"The complaints of a local Compact that you may see, open first, overdue first.",
      compact_case_query, "/api/v1/compacts/3/complaints?open=true", 0}},
    {M_GET,
     "/api/v1/complaints",
     api_complaints_list,
     ACCESS_ANYONE,
     0,
     {"The complaints you may see across Compacts, such as those overdue, for a daily job.",
      case_list_query, "/api/v1/complaints?overdue=true", 0}},
    {M_GET,
     "/api/v1/complaints/stats",
     api_complaints_stats,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Statistics of complaints by Compact or nationally, by year: stages, outcomes, causes and "
      "responses on time, counts from 1 to 4 shown as null.",
      case_stats_query, "/api/v1/complaints/stats?year=2013&compact_id=3", 0}},
    {M_GET,
     "/api/v1/complaints/:id",
     api_complaint,
     ACCESS_ANYONE,
     0,
     {"One complaint as of a day: its stages with their due dates and states, its events and "
      "outcome; 404 to anyone who may not see it.",
      case_query, "/api/v1/complaints/7?as_of=2013-01-10", 0}},
    {M_POST,
     "/api/v1/complaints/:id/events",
     api_complaint_event,
     ACCESS_SIGNED_IN,
     0,
     {"Add an event to a complaint: a response, an escalation, its closing, reopening or a note; "
      "answers the case.",
      NULL,
      "{\"type\": \"escalated\", \"date\": \"2013-01-14\", \"to\": \"formal\", \"note\": "
      "\"No answer from the officer\"}",
      201}},
    {M_GET,
     "/api/v1/compacts/:id/findings.csv",
     api_findings_csv,
     ACCESS_SIGNED_IN,
     0,
     {"The findings of a local Compact's recorded activities, as CSV.", NULL,
      "/api/v1/compacts/3/findings.csv", 0}},
    {M_GET,
     "/api/v1/commitments",
     api_commitments,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The commitments, by section, with the rules that test each.", NULL, "/api/v1/commitments",
      0}},
    {M_PATCH,
     "/api/v1/commitments/:id",
     api_commitment_patch,
     ACCESS_ADMIN,
     0,
     {"Correct a commitment's number or paraphrase, or mark its number verified.", NULL,
      "{\"number\": \"4.4\", \"verified\": true}", 0}},
    /* signatories */
    {M_GET,
     "/api/v1/compacts/:id/signatories",
     api_signatories,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The signatories of a local Compact, current and withdrawn.", NULL,
      "/api/v1/compacts/3/signatories", 0}},
    {M_POST,
     "/api/v1/compacts/:id/signatories",
     api_signatory_add,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Add a signatory; answers its number.", NULL,
      "{\"organisation\": \"GB-CHC-1234567\", \"signed_on\": \"2010-04-01\", \"role\": \"Chief "
      "executive\"}",
      201}},
    {M_PATCH,
     "/api/v1/compacts/:id/signatories/:sid",
     api_signatory_withdraw,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Record the day a signatory withdrew.", NULL, "{\"withdrawn_on\": \"2024-03-31\"}", 0}},
    {M_GET,
     "/api/v1/organisations/:id/signatories",
     api_organisation_signatories,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The local Compacts an organisation signed.", NULL,
      "/api/v1/organisations/GB-LAE-TRF/signatories", 0}},
    /* open data: funders' grants and buyers' contracts */
    {M_GET,
     "/organisations/:id/funding",
     page_funder,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"A funder's grants and a buyer's contracts, measured against the Compact.", indicator_query,
      "/organisations/GB-LAE-TRF/funding?compact_id=3", 0}},
    {M_GET,
     "/grants",
     page_grants,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Grants published in the 360Giving Data Standard, newest first, 50 a page.", grant_page,
      "/grants?funder=GB-LAE-TRF&year=2019&page=2", 0}},
    {M_GET,
     "/contracts",
     page_contracts,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Contracting processes published in the Open Contracting Data Standard, newest first, 50 "
      "a page.",
      contract_page, "/contracts?buyer=GB-LAE-TRF", 0}},
    {M_GET,
     "/api/v1/organisations/:id/indicators",
     api_organisation_indicators,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"A funder's or buyer's indicators: grants by year, multi-year share, funding that ended, "
      "tender periods.",
      indicator_query, "/api/v1/organisations/GB-LAE-TRF/indicators?min_count=5", 0}},
    {M_GET,
     "/api/v1/organisations/:id/indicators.csv",
     api_organisation_indicators_csv,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The same indicators as CSV.", indicator_query,
      "/api/v1/organisations/GB-LAE-TRF/indicators.csv", 0}},
    {M_GET,
     "/api/v1/grants",
     api_grants,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Grants, newest first, a page at a time.", grant_pages,
      "/api/v1/grants?funder=GB-LAE-TRF&year=2019", 0}},
    {M_GET,
     "/api/v1/grants.csv",
     api_grants_csv,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Every grant that matches, as CSV.", grant_filters,
      "/api/v1/grants.csv?recipient=GB-CHC-1234567", 0}},
    {M_GET,
     "/api/v1/contracts",
     api_contracts,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Contracting processes, newest first, a page at a time.", contract_pages,
      "/api/v1/contracts?buyer=GB-LAE-TRF", 0}},
    {M_GET,
     "/api/v1/contracts.csv",
     api_contracts_csv,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Every contracting process that matches, as CSV.", contract_filters,
      "/api/v1/contracts.csv?year=2020", 0}},
    /* the one search */
    {M_GET,
     "/search",
     page_search,
     ACCESS_ANYONE,
     0,
     {"Search case studies, resources, Compacts and organisations: the best first, the matched "
      "words marked, filtered by type, theme, region and year.",
      search_query, "/search?q=cuts", 0}},
    {M_GET,
     "/api/v1/search",
     api_search,
     ACCESS_ANYONE,
     0,
     {"Search case studies, resources, Compacts and organisations, the best first: {\"total\", "
      "\"items\": [{\"type\", \"id\", \"title\", \"snippet\", \"url\"}]}; a snippet is HTML, "
      "its text escaped and the matched words in <mark>.",
      search_query, "/api/v1/search?q=cuts&type=case_study", 0}},
    /* the library: case studies and resources */
    {M_GET,
     "/library",
     page_library,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The library: case studies of what local Compacts achieved, and resources, filtered by "
      "kind, theme, region and year.",
      library_filters, "/library?theme=managing_cuts", 0}},
    {M_GET,
     "/case-studies",
     page_case_studies,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The case studies, 20 a page, filtered by theme, region and year.", library_pages,
      "/case-studies?theme=managing_cuts&page=2", 0}},
    {M_GET,
     "/resources",
     page_resources,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The resources, 20 a page, filtered by kind, region and year.", library_pages,
      "/resources?kind=guidance&page=2", 0}},
    {M_GET,
     "/case-studies/new",
     page_case_study_new,
     ACCESS_SIGNED_IN,
     0,
     {"The form that writes a case study, as a draft.", NULL, "/case-studies/new", 0}},
    {M_POST,
     "/case-studies",
     page_case_study_create,
     ACCESS_SIGNED_IN,
     0,
     {"Write a case study: a draft until an admin publishes it.", case_study_form,
      "csrf_token=...&title=Talking+early+about+cuts&summary=...&themes=managing_cuts&compact=3",
      303}},
    {M_GET,
     "/case-studies/:id",
     page_case_study,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"A case study: what happened, where, its themes, its outcome and its source.", NULL,
      "/case-studies/2", 0}},
    {M_POST,
     "/case-studies/:id",
     page_case_study_update,
     ACCESS_SIGNED_IN,
     0,
     {"Change a case study.", case_study_form,
      "csrf_token=...&title=Talking+early+about+cuts&summary=...&themes=managing_cuts", 303}},
    {M_GET,
     "/case-studies/:id/edit",
     page_case_study_edit,
     ACCESS_SIGNED_IN,
     0,
     {"The form that changes a case study.", NULL, "/case-studies/2/edit", 0}},
    {M_POST,
     "/case-studies/:id/publish",
     page_case_study_publish,
     ACCESS_ADMIN,
     0,
     {"Publish a case study: everyone may then read it.", csrf_only, "csrf_token=...", 303}},
    {M_GET,
     "/resources/new",
     page_resource_new,
     ACCESS_SIGNED_IN,
     0,
     {"The form that adds a resource, with a link or a PDF, as a draft.", NULL, "/resources/new",
      0}},
    {M_POST,
     "/resources",
     page_resource_create,
     ACCESS_SIGNED_IN,
     ROUTE_UPLOAD,
     {"Add a resource (multipart/form-data with its PDF, or a form with its link): a draft "
      "until an admin publishes it.",
      resource_form, "csrf_token=...&title=Funding+code&kind=local_compact_document&compact=3",
      303}},
    {M_GET,
     "/resources/:id",
     page_resource,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"A resource: what it is, its date, its link and its PDF.", NULL, "/resources/1", 0}},
    {M_POST,
     "/resources/:id",
     page_resource_update,
     ACCESS_SIGNED_IN,
     ROUTE_UPLOAD,
     {"Change a resource, or replace its PDF.", resource_form,
      "csrf_token=...&title=Funding+code&kind=local_compact_document&compact=3", 303}},
    {M_GET,
     "/resources/:id/edit",
     page_resource_edit,
     ACCESS_SIGNED_IN,
     0,
     {"The form that changes a resource.", NULL, "/resources/1/edit", 0}},
    {M_POST,
     "/resources/:id/publish",
     page_resource_publish,
     ACCESS_ADMIN,
     0,
     {"Publish a resource: everyone may then read it.", csrf_only, "csrf_token=...", 303}},
    {M_GET,
     "/resources/:id/document",
     resource_document,
     ACCESS_ANYONE,
     0,
     {"A resource's PDF, as an attachment under its own name.", NULL, "/resources/7/document", 0}},
    {M_GET,
     "/api/v1/case-studies",
     api_case_studies,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The case studies you may read (published, and your drafts), newest year first.",
      library_api_filters, "/api/v1/case-studies?theme=managing_cuts", 0}},
    {M_POST,
     "/api/v1/case-studies",
     api_case_study_create,
     ACCESS_SIGNED_IN,
     0,
     {"Write a case study, as a draft; answers it.", NULL, CASE_STUDY_BODY, 201}},
    {M_GET,
     "/api/v1/case-studies/:id",
     api_case_study,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"One case study (a draft: only for its author, its Compact's coordinators and admins).", NULL,
      "/api/v1/case-studies/2", 0}},
    {M_PATCH,
     "/api/v1/case-studies/:id",
     api_case_study_patch,
     ACCESS_SIGNED_IN,
     0,
     {"Change a case study: the fields given (null clears one).", NULL,
      "{\"outcome\": \"Funding was kept at that level the next year.\"}", 0}},
    {M_POST,
     "/api/v1/case-studies/:id/publish",
     api_case_study_publish,
     ACCESS_ADMIN,
     0,
     {"Publish a case study.", NULL, "{}", 0}},
    {M_GET,
     "/api/v1/resources",
     api_resources,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The resources you may read (published, and your drafts), newest first.", library_api_filters,
      "/api/v1/resources?kind=guidance", 0}},
    {M_POST,
     "/api/v1/resources",
     api_resource_create,
     ACCESS_SIGNED_IN,
     ROUTE_UPLOAD,
     {"Add a resource, as a draft: JSON, or multipart/form-data with its PDF as the field "
      "document; answers it.",
      resource_form, RESOURCE_BODY, 201}},
    {M_GET,
     "/api/v1/resources/:id",
     api_resource,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"One resource, with its PDF's name, size and SHA-256.", NULL, "/api/v1/resources/1", 0}},
    {M_PATCH,
     "/api/v1/resources/:id",
     api_resource_patch,
     ACCESS_SIGNED_IN,
     ROUTE_UPLOAD,
     {"Change a resource: the fields given; multipart/form-data to replace its PDF.", resource_form,
      "{\"summary\": \"The code agreed in 2011.\"}", 0}},
    {M_POST,
     "/api/v1/resources/:id/publish",
     api_resource_publish,
     ACCESS_ADMIN,
     0,
     {"Publish a resource.", NULL, "{}", 0}},
    /* the service itself */
    {M_GET,
     "/healthz",
     api_healthz,
     ACCESS_ANYONE,
     0,
     {"Whether the service and its database answer: 200, or 503.", NULL, "/healthz", 0}},
    {M_GET,
     "/assets/*",
     asset_get,
     ACCESS_ANYONE,
     0,
     {"The stylesheet, scripts and images the pages use.", asset_query, "/assets/app.css", 0}},
    {M_GET,
     "/accessibility",
     page_accessibility,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The accessibility statement.", NULL, "/accessibility", 0}},
    {M_GET,
     "/privacy",
     page_privacy,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The privacy notice: what personal data the service holds, why, and your rights.", NULL,
      "/privacy", 0}},
    {M_GET,
     "/cookies",
     page_cookies,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The cookies the service sets.", NULL, "/cookies", 0}},
    {M_GET,
     "/contact",
     page_contact,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"Whom to contact about what.", NULL, "/contact", 0}},
    /* the annual survey */
    {M_POST,
     "/api/v1/surveys",
     api_survey_create,
     ACCESS_ADMIN,
     0,
     {"Open a year's round of the annual survey between two dates, with the bank's questions.",
      NULL, "{\"year\": 2011, \"opens_on\": \"2011-03-01\", \"closes_on\": \"2011-05-31\"}", 201}},
    {M_POST,
     "/api/v1/surveys/:year/responses",
     api_survey_answer,
     ACCESS_ANYONE,
     0,
     {"Answer a round with an invitation code, or signed in: the general questionnaire, or a "
      "Compact's benchmark.",
      NULL,
      "{\"code\": \"7KQM-W3XR-PD9T\", \"questionnaire\": \"general\", \"sector\": "
      "\"statutory\", \"body_type\": \"local_authority\", \"answers\": {\"importance\": "
      "\"agree\", \"improvements\": [\"resources\", \"promotion\"]}}",
      201}},
    {M_GET,
     "/api/v1/surveys/:year/results",
     api_survey_results,
     ACCESS_ANYONE,
     0,
     {"A round's results by question and group, small numbers suppressed.", NULL,
      "/api/v1/surveys/2011/results", 0}},
    {M_GET,
     "/api/v1/surveys/:year/results.csv",
     api_survey_results_csv,
     ACCESS_ANYONE,
     0,
     {"The same results as CSV, a line a question, group and option.", NULL,
      "/api/v1/surveys/2011/results.csv", 0}},
    {M_GET,
     "/api/v1/surveys/:year/answers.csv",
     api_survey_answers_csv,
     ACCESS_ADMIN,
     0,
     {"A round's answers for admins, anonymised: a line a response (its Compact, sector and body "
      "type, every answer, free-text comments too), never who answered; it imports again as it "
      "is.",
      NULL, "/api/v1/surveys/2011/answers.csv", 0}},
    {M_POST,
     "/api/v1/surveys/:year/compacts/:id/codes",
     api_survey_codes,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Make invitation codes for a local Compact: CSV of each code and its link, shown once.", NULL,
      "{\"count\": 50}", 201}},
    {M_GET,
     "/surveys",
     page_surveys,
     ACCESS_ANYONE,
     0,
     {"The rounds of the annual survey; for admins, the form that opens one.", NULL, "/surveys",
      0}},
    {M_POST,
     "/surveys",
     page_survey_create,
     ACCESS_ADMIN,
     0,
     {"Open a round of the annual survey.", NULL,
      "csrf_token=...&year=2027&opens_on-day=1&opens_on-month=3&opens_on-year=2027&closes_on-day="
      "31&closes_on-month=5&closes_on-year=2027",
      303}},
    {M_GET,
     "/surveys/:year",
     page_survey_results,
     ACCESS_ANYONE,
     0,
     {"A round's results: the headline, and each question by group as a chart and a table.", NULL,
      "/surveys/2011", 0}},
    {M_GET,
     "/surveys/:year/respond",
     page_survey_respond,
     ACCESS_ANYONE,
     0,
     {"Answer the general survey with an invitation code, or signed in.", NULL,
      "/surveys/2011/respond?code=7KQM-W3XR-PD9T", 0}},
    {M_POST,
     "/surveys/:year/respond",
     page_survey_respond_post,
     ACCESS_ANYONE,
     0,
     {"The next section of the general survey, the check of the answers, or sending them.", NULL,
      "csrf_token=...&code=7KQM-W3XR-PD9T&step=about&sector=vcs", 200}},
    {M_GET,
     "/surveys/:year/benchmark",
     page_survey_benchmark,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"The benchmarking survey of a local Compact, for its coordinators.", NULL,
      "/surveys/2011/benchmark?compact=3", 0}},
    {M_POST,
     "/surveys/:year/benchmark",
     page_survey_benchmark_post,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Send a local Compact's benchmark (it replaces an earlier one this round).", NULL,
      "csrf_token=...&compact_id=3&sector=vcs&paid_worker=yes", 200}},
    {M_GET,
     "/surveys/:year/manage",
     page_survey_manage,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Run a round: download codes; for admins, the answers so far by local Compact.", NULL,
      "/surveys/2011/manage", 0}},
    {M_POST,
     "/surveys/:year/codes",
     page_survey_codes,
     ACCESS_ADMIN | ROLE_COORDINATOR,
     0,
     {"Download new invitation codes of a local Compact as CSV, with their links.", NULL,
      "csrf_token=...&compact_id=3&count=50", 201}},
    {M_GET,
     "/api",
     page_api,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"This documentation: every route, what it takes, and an example.", NULL, "/api", 0}},
    {M_GET,
     "/api/openapi.json",
     api_openapi,
     ACCESS_ANYONE,
     ROUTE_CACHE,
     {"The same as an OpenAPI 3.1 description.", NULL, "/api/openapi.json", 0}},
};
const size_t routes_count = sizeof(routes) / sizeof(routes[0]);

static const struct {
    int err, status;
} err_status[] = {
    {ERR_INVALID, 400}, {ERR_NOT_FOUND, 404}, {ERR_CONFLICT, 409},  {ERR_TOO_BIG, 413},
    {ERR_IO, 500},      {ERR_DB, 503},        {ERR_FORBIDDEN, 403}, {ERR_BUSY, 503},
};

/* When a client may try again after a 503: long enough for an import to publish a large file. */
#define RETRY_AFTER_BUSY 2

int http_status_of(int err)
{
    for (size_t i = 0; i < sizeof(err_status) / sizeof(err_status[0]); i++) {
        if (err_status[i].err == err) {
            return err_status[i].status;
        }
    }
    return 500;
}

/* Whether pattern matches path[0..len) (no query), segment by segment as sent. */
static int raw_match(const char *pattern, const char *path, size_t len)
{
    const char *p = pattern, *s = path, *end = path + len;

    while (*p) {
        const char *pe, *se;
        size_t pl, sl;

        if (s == end || *s != '/' || *p != '/') {
            return 0;
        }
        p++;
        s++;
        pe = strchr(p, '/');
        pl = pe ? (size_t)(pe - p) : strlen(p);
        se = memchr(s, '/', (size_t)(end - s));
        sl = se ? (size_t)(se - s) : (size_t)(end - s);
        if (*p == ':' ? sl == 0 : pl != sl || memcmp(p, s, pl) != 0) {
            return 0;
        }
        p += pl;
        s += sl;
    }
    return s == end;
}

size_t route_body_max(const char *method, size_t mlen, const char *target, size_t tlen, size_t dflt)
{
    static const struct {
        const char *name;
        unsigned m;
    } methods[] = {{"POST", M_POST}, {"PUT", M_PUT}, {"PATCH", M_PATCH}};
    unsigned m = 0;
    size_t len = 0;

    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
        if (strlen(methods[i].name) == mlen && !memcmp(method, methods[i].name, mlen)) {
            m = methods[i].m;
        }
    }
    while (len < tlen && target[len] != '?' && target[len] != ' ' && target[len] != '#') {
        len++;
    }
    for (size_t i = 0; m && len < tlen && i < routes_count; i++) {
        if ((routes[i].flags & ROUTE_UPLOAD) && (routes[i].methods & m) &&
            raw_match(routes[i].pattern, target, len)) {
            return ROUTE_UPLOAD_BODY_MAX;
        }
    }
    return dflt;
}

#define PATH_MAX_SEGMENTS 16 /* more than any route has */

/*
 * A path split on '/' as sent, then each segment decoded on its own: "%2F" is a '/' inside a
 * segment (an org-id may hold one), not a boundary between two.
 */
struct segments {
    const char *raw[PATH_MAX_SEGMENTS]; /* where each starts in the raw path */
    const char *dec[PATH_MAX_SEGMENTS]; /* decoded, from the arena */
    size_t n;
    int more; /* the path has more segments than these */
};

static int split(const char *raw, struct arena *arena, struct segments *s)
{
    s->n = 0;
    s->more = 0;
    for (const char *p = raw; *p == '/'; s->n++) {
        const char *seg = p + 1, *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        char *dec;
        if (s->n == PATH_MAX_SEGMENTS) {
            s->more = 1;
            break;
        }
        if (url_decode(seg, len, 0, arena, &dec) < 0) {
            return ERR_INVALID;
        }
        s->raw[s->n] = seg;
        s->dec[s->n] = dec;
        p = seg + len;
    }
    return 0;
}

/* Match the path's segments against pattern, capturing :name segments into r->params. */
static int match(const char *pattern, const struct segments *s, struct request *r)
{
    size_t i = 0;

    r->nparams = 0;
    for (const char *p = pattern; *p == '/'; i++) {
        const char *seg = p + 1, *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        char *rest;

        p = seg + len;
        if (i == s->n) {
            return 0;
        }
        if (len == 1 && *seg == '*') {
            /* the rest of the path, decoded whole */
            if (!*s->raw[i] || url_decode(s->raw[i], strlen(s->raw[i]), 0, r->arena, &rest) < 0) {
                return 0;
            }
            r->params[r->nparams++] = rest;
            return 1;
        }
        if (*seg == ':') {
            if (!*s->dec[i] || r->nparams == ROUTE_MAX_PARAMS) {
                return 0;
            }
            r->params[r->nparams++] = s->dec[i];
        } else if (strlen(s->dec[i]) != len || memcmp(s->dec[i], seg, len) != 0) {
            return 0;
        }
    }
    return i == s->n && !s->more;
}

/* Whether a state-changing request may go on; else the 403 reply is set. */
static int request_allowed(struct request *r)
{
    const char *origin, *host, *given = NULL, *want;
    struct query form;

    if (r->method & (M_GET | M_HEAD | M_OPTIONS) || r->by_token) {
        return 1; /* reads change nothing; a bearer token is never sent by a browser on its own */
    }
    if (!r->session[0]) {
        /* Nobody signed in (the sign-in form): refuse only a post from another site. */
        origin = request_header(r, "Origin");
        host = request_header(r, "Host");
        if (origin && host) {
            const char *h = strstr(origin, "://");
            if (!h || strcmp(h + 3, host) != 0) {
                reply_error(r, 403, "This form was sent from another site.");
                return 0;
            }
        }
        return 1;
    }
    if (request_form(r, &form) == 0) {
        given = query_get(&form, CSRF_FIELD);
    }
    if (!given) {
        given = request_header(r, "X-CSRF-Token");
    }
    want = request_csrf(r);
    if (!given || strlen(given) != strlen(want) || !secret_equal(given, want, strlen(want))) {
        reply_error(r, 403,
                    "The form has expired or did not come from this service. Go back, "
                    "reload the page and try again.");
        return 0;
    }
    return 1;
}

/* Whether the route lets r's user in; else the 401, 403 or sign-in redirect is set. */
static int access_allowed(const struct route *route, struct request *r)
{
    struct buf next = BUF_INIT;
    char *location;

    if (r->bad_token) {
        r->www_authenticate = 1;
        reply_problem(r, 401, "Invalid token", "The bearer token is not valid.", "Authorization");
        return 0;
    }
    if ((route->flags & ROUTE_PEOPLE) && r->by_token) {
        reply_error(r, 403, "This is for a person signed in, not for an API token.");
        return 0;
    }
    if (route->access & r->user.role) {
        return 1;
    }
    if (r->user.role != ROLE_PUBLIC) {
        reply_error(r, 403, "Your account does not allow this.");
        return 0;
    }
    if (r->is_api) {
        r->www_authenticate = 1;
        reply_problem(r, 401, "Sign-in needed", "This needs an API token: Authorization: Bearer.",
                      "Authorization");
        return 0;
    }
    /* A person: to the sign-in page, and back here after. */
    buf_adds(&next, r->stale_session ? "/login?expired=1&next=" : "/login?next=");
    html_url(&next, r->method == M_GET ? r->target : "/account");
    location = arena_strdup(r->arena, next.data);
    buf_release(&next);
    reply_redirect(r, location);
    return 0;
}

/* The reply to a handler's failure ret (an enum err), what it had written dropped. */
static void fail(struct request *r, int ret)
{
    buf_reset(r->body);
    r->static_body = NULL;
    r->segment = NULL;
    /* busy: another writer (an import publishing) held the database longer than a server's
     * thread waits; the database away: a 503 is for now, not for good */
    reply_error(r, http_status_of(ret),
                ret == ERR_BUSY ? "The service is busy saving other changes, such as an "
                                  "import. Try again in a few seconds."
                                : NULL);
    if (r->status == 503) {
        r->retry_after = RETRY_AFTER_BUSY;
    }
}

/*
 * Run a route that may write. A write that lost to another's at once (PostgreSQL's serialization
 * failures and deadlocks: two servers, or two threads, changing one Compact) and so changed
 * nothing is run again whole, its reply begun afresh, a few times after a jittered wait
 * (store_retry); only then does the person see the 503 with Retry-After.
 */
static int run_writing(const struct route *route, struct request *r)
{
    const struct request before = *r;
    size_t body = r->body->len;
    long long landed = store_landed(r->st);
    int ret;

    for (int attempt = 2;; attempt++) {
        if ((ret = route->fn(r)) >= 0 || !store_retry(r->st, ret, landed, attempt)) {
            return ret;
        }
        *r = before;
        buf_truncate(r->body, body);
    }
}

static void run(const struct route *route, struct request *r)
{
    const struct cached_reply *hit;
    long long version = 0;
    int cache, reading, ret;

    if (r->who_err) { /* who is asking is unknown: not even a public page is safe to send */
        fail(r, r->who_err);
        return;
    }
    if (r->stale_session) {
        r->set_cookie = SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
    }
    if (!access_allowed(route, r) || !request_form_readable(r) || !request_allowed(r)) {
        return;
    }
    /* Only what everybody sees is shared: a signed-in person's pages name them. */
    cache = (route->flags & ROUTE_CACHE) && r->cache && r->user.role == ROLE_PUBLIC &&
            !r->session[0] && store_version(r->st, &version) == 0;

    if (cache && (hit = cache_get(r->cache, version, r->target))) {
        r->status = hit->status;
        r->content_type = hit->content_type;
        r->segment = hit->segment;
        r->static_body = hit->body;
        r->static_len = hit->len;
        return;
    }
    /* what a GET shows is read from one snapshot, in one read transaction on SQLite */
    reading = (r->method & (M_GET | M_HEAD)) && store_read_begin(r->st) == 0;
    if (reading) {
        ret = route->fn(r);
        store_read_end(r->st);
    } else {
        ret = run_writing(route, r);
    }
    if (ret < 0) {
        fail(r, ret);
    } else if (cache && r->status == 200 && !r->static_body && !buf_failed(r->body)) {
        cache_put(r->cache, version, r->target, r->cache_day, r->status, r->content_type,
                  r->body->data, r->body->len);
    }
}

/*
 * Of each route, made once per process: its number of segments ("/api/v1/compacts" 3), or
 * ANY_SEGMENTS for a pattern ending in "*", and the first character of its last segment where
 * that is a literal one (else 0). A path of another number of segments, or whose last one
 * starts otherwise, is no match, known without reading the pattern (matching every route's
 * pattern in turn was 3% of a cached reply's time).
 */
#define ANY_SEGMENTS 0xff
struct route_shape {
    unsigned char segments;
    char last;
};
static struct route_shape *route_shapes;
static pthread_once_t route_shapes_once = PTHREAD_ONCE_INIT;

static void route_shapes_make(void)
{
    route_shapes = xcalloc(routes_count, sizeof(*route_shapes));
    for (size_t i = 0; i < routes_count; i++) {
        const char *p = routes[i].pattern, *last = strrchr(p, '/');
        unsigned n = 0;

        for (; *p; p++) {
            n += *p == '/';
        }
        if (strchr(routes[i].pattern, '*') || n >= ANY_SEGMENTS) {
            n = ANY_SEGMENTS;
        } else if (last && last[1] != ':') {
            route_shapes[i].last = last[1];
        }
        route_shapes[i].segments = (unsigned char)n;
    }
}

/* Whether route i may match segs: what route_shapes says is no match surely is none. */
static int may_match(size_t i, const struct segments *segs)
{
    const struct route_shape *sh = &route_shapes[i];

    if (sh->segments == ANY_SEGMENTS) {
        return 1;
    }
    return sh->segments == segs->n && !segs->more &&
           (!sh->last || (segs->n && sh->last == segs->dec[segs->n - 1][0]));
}

void router_dispatch(struct request *r)
{
    struct segments segs;
    unsigned allowed = 0;

    if (split(r->path_raw ? r->path_raw : r->path, r->arena, &segs) < 0) {
        reply_error(r, 400, "The address is not valid.");
        return;
    }
    pthread_once(&route_shapes_once, route_shapes_make);
    for (size_t i = 0; i < routes_count; i++) {
        if (!may_match(i, &segs) || !match(routes[i].pattern, &segs, r)) {
            continue;
        }
        allowed |= routes[i].methods | (routes[i].methods & M_GET ? M_HEAD : 0);
        if (!(routes[i].methods & r->method) &&
            !(r->method == M_HEAD && routes[i].methods & M_GET)) {
            continue;
        }
        run(&routes[i], r);
        return;
    }
    r->allow = allowed;
    reply_error(r, allowed ? 405 : 404, NULL);
}

int reply_problem(struct request *r, int status, const char *title, const char *detail,
                  const char *param)
{
    buf_reset(r->body);
    r->static_body = NULL;
    r->segment = NULL;
    r->status = status;
    r->content_type = "application/problem+json";
    json_problem(r->body, status, "about:blank", title, detail, param);
    return 0;
}

const char *http_reason(int status)
{
    static const struct {
        int status;
        const char *title;
    } titles[] = {
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {408, "Request Timeout"},
        {409, "Conflict"},
        {413, "Content Too Large"},
        {414, "URI Too Long"},
        {417, "Expectation Failed"},
        {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"},
        {501, "Not Implemented"},
        {500, "Internal Server Error"},
        {503, "Service Unavailable"},
    };
    for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
        if (titles[i].status == status) {
            return titles[i].title;
        }
    }
    return NULL;
}

int reply_error(struct request *r, int status, const char *detail)
{
    if (r->is_api) {
        const char *title = http_reason(status);
        return reply_problem(r, status, title ? title : "Internal Server Error", detail, NULL);
    }
    buf_reset(r->body);
    r->static_body = NULL;
    r->segment = NULL;
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    view_error_page(r->body, status, detail, request_viewer(r));
    return 0;
}

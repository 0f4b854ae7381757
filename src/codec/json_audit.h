/*
 * The audit trail's snapshots (an entity's state before and after a change) and the register's
 * export, as JSON. Each snapshot is one object without spaces, its keys in a fixed order; the
 * history page, the API and `compact audit` show them as they are, and tests read them.
 */
#ifndef CODEC_JSON_AUDIT_H
#define CODEC_JSON_AUDIT_H

#include <stddef.h>

#include "core/account.h"
#include "core/activity.h"
#include "core/commitments.h"
#include "core/complaint.h"
#include "core/compact.h"
#include "core/organisation.h"
#include "base/arena.h"
#include "base/buf.h"

/*
 * The whole entry of a Compact: {"id", "name", "authorities" (GSS codes, ascending),
 * "statuses" ([{"status", "date"}] as given, ascending), "adopted", "refreshed", "review_due"
 * (the date set, or null), "document_url", "contacts" ([{"name", "role", "email", "phone"}]),
 * "codes" ([{"id", "title", "summary", "url"}]), "coordinators" (emails as given),
 * "parameters" ({name: value} by name), "demo" (0 or 1)}.
 */
void json_audit_compact(struct buf *b, const struct compact_entry *e);
/* A Compact's local parameters: {"parameters": {name: value} by name}. */
void json_audit_parameters(struct buf *b, const struct param_set *ps);
/* {"id", "org_id", "name", "sector", "type", "gss", "website", "verified" (a boolean)} */
void json_audit_organisation(struct buf *b, const struct organisation *o);
/* {"signatory": {"id", "organisation" (org_ref), "organisation_name", "role", "signed_on",
 * "withdrawn_on"}} */
void json_audit_signatory(struct buf *b, const struct signatory *s);

/* A recorded activity as the trail keeps it; strings borrowed, org_id may be NULL. */
struct audit_activity {
    long long id, compact_id;
    const char *org_id;
    const char *kind;
    const char *facts; /* the activity object, JSON without spaces: embedded as it is */
    const char *overall;
    const char *title, *recorder_org;                           /* or NULL */
    long long amount_pence;                                     /* ACTIVITY_NO_AMOUNT: none */
    const char *decision_date;                                  /* YYYY-MM-DD, or NULL */
    const char *withdrawn_at, *withdrawn_by, *withdrawn_reason; /* NULL while it stands */
};
/* {"id", "compact_id", "org_id", "kind", "facts", "overall", "title", "recorder_org",
 * "amount" (pounds, or null), "decision_date", "withdrawn_at", "withdrawn_by",
 * "withdrawn_reason"} */
void json_audit_activity(struct buf *b, const struct audit_activity *a);
/* {"id", "number", "section", "party", "paraphrase", "verified" (a boolean)} */
void json_audit_commitment(struct buf *b, const struct commitment_row *c);
/* {"id", "email", "name", "role", "org_id", "disabled" (a boolean), "created_at"}: never a
 * password hash */
void json_audit_user(struct buf *b, const struct user *u);
/* {"id", "email", "label", "created_at", "revoked_at"} */
void json_audit_token(struct buf *b, const struct api_token *t);

/* A complaint as raised; strings borrowed. */
struct audit_complaint {
    long long id, compact_id;
    const char *complainant, *respondent; /* the organisations' org-ids (else numbers) */
    const char *title, *summary;
    date_t aware_on, opened_on;
    const enum rule *rules;
    size_t nrules;
    long long activity_id; /* 0: none */
};
/* {"id", "compact_id", "complainant", "respondent", "title", "summary", "aware_on", "opened_on",
 * "rules" (names), "activity_id" (or null)} */
void json_audit_complaint(struct buf *b, const struct audit_complaint *c);
/* A complaint's event number n and the case after it: {"n", "type", "date", "to", "ombudsman",
 * "outcome", "causes", "remedy", "note", "days", "source", "status", "stage"} (null where the
 * event has none). */
void json_audit_complaint_event(struct buf *b, int n, const struct complaint_event *e,
                                const struct complaint_case *after);
/* A Compact's working days for complaints: {"complaint_parameters": {name: value} by name}. */
void json_audit_complaint_params(struct buf *b, const struct complaint_params *cp);
/* A person's calendar feed: {"user_id", "active" (a boolean)}; never its secret. */
void json_audit_complaint_feed(struct buf *b, long long user_id, int active);

/* What an import of open data did. */
struct audit_import {
    const char *file, *format;
    size_t read, imported, warnings, organisations_created;
};
/* {"file", "format", "read", "imported", "rejected" (always 0: a bad file imports nothing),
 * "warnings", "organisations_created"} */
void json_audit_import(struct buf *b, const struct audit_import *s);

/* ---- reading snapshots back ---- */

enum audit_node_type {
    AUDIT_NULL,
    AUDIT_BOOL,
    AUDIT_NUMBER,
    AUDIT_STRING,
    AUDIT_ARRAY,
    AUDIT_OBJECT
};

/* A snapshot (or any JSON) as a tree, for the history page and for the API's masking. */
struct audit_node {
    const char *key; /* its name in an object, else NULL */
    enum audit_node_type type;
    const char *text;         /* a string, a number as JSON writes it, "true" or "false"; or NULL */
    struct audit_node *items; /* an array's elements or an object's members, in order */
    size_t nitems;
};

/* The deepest nesting json_audit_read accepts (a snapshot nests three deep). */
#define AUDIT_NODE_DEPTH_MAX 16

/*
 * Read the JSON text json into *out, everything from arena. 0, or ERR_INVALID (*out a null node)
 * when json is not JSON or nests deeper than AUDIT_NODE_DEPTH_MAX.
 */
int json_audit_read(const char *json, struct arena *arena, struct audit_node *out);
/* Append n as JSON without spaces, as it was read (numbers as written). */
void json_audit_write(struct buf *b, const struct audit_node *n);

/* The register's export. */

/* An authority a Compact names, with its former GSS codes (ascending). */
struct export_authority {
    const char *gss, *name;
    enum authority_type type;
    const char *county_gss, *region;
    const char *const *former_codes;
    size_t nformer_codes;
};
/* A signatory with the organisation's number and its org-id (NULL where it has none). */
struct export_signatory {
    long long id, compact_id, organisation_id;
    const char *org_id, *organisation, *role;
    date_t signed_on, withdrawn_on;
};
struct register_export {
    const char *exported_at; /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
    const struct export_authority *authorities;
    size_t nauthorities;
    const struct organisation *organisations;
    size_t norganisations;
    const struct compact_entry *compacts;
    size_t ncompacts;
    const struct export_signatory *signatories;
    size_t nsignatories;
};
/*
 * {"format": "compact-hub-register/1", "exported_at", "authorities": [{"gss", "name", "type",
 * "county_gss", "region", "former_codes"}], "organisations": [{"id", "org_id", "name",
 * "sector", "type", "gss", "website", "verified" (0 or 1)}], "compacts": [each as
 * json_audit_compact], "signatories": [{"id", "compact_id", "organisation_id", "org_id",
 * "organisation", "signed_on", "role", "withdrawn_on"}]}, each list in the order given.
 */
void json_register_export(struct buf *b, const struct register_export *x);

#endif

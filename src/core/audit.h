/* The audit trail: who changed what, when, and the state before and after. */
#ifndef CORE_AUDIT_H
#define CORE_AUDIT_H

#include <stddef.h>

/* Strings borrowed from whoever filled the struct; before and after are JSON or NULL. */
struct audit_entry {
    long long id;
    const char *at; /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
    const char *actor;
    const char *action;
    const char *kind;
    const char *entity;
    const char *before;
    const char *after;
};

/* A kind of entity the trail records. */
struct audit_kind {
    const char *name; /* "compact", "user", ... */
    int numeric;      /* its entities are numbers */
    int signed_in;    /* everyone signed in may read it (else admins, and a user their own) */
};

/* The kind named by s[0..len), or NULL. */
const struct audit_kind *audit_kind_find(const char *s, size_t len);
/* The kinds for a message: "compact, user, ... or contracts". */
#define AUDIT_KINDS                                                                                \
    "compact, organisation, user, api_token, commitment, activity, complaint, complaint_feed, "    \
    "grants, contracts, case_study or resource"

#endif

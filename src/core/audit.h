/* The audit trail: who changed what, when, and the state before and after. */
#ifndef CORE_AUDIT_H
#define CORE_AUDIT_H

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

#endif

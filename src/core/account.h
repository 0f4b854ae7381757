/* Users and what their roles may do (SPEC: coordinators, members, the national body). */
#ifndef CORE_ACCOUNT_H
#define CORE_ACCOUNT_H

#include <stddef.h>

/* Who is asking. The bits combine into a route's or an action's access set. */
enum role {
    ROLE_PUBLIC = 1 << 0,      /* no account: reads published pages, runs checks */
    ROLE_MEMBER = 1 << 1,      /* acts for one organisation */
    ROLE_COORDINATOR = 1 << 2, /* manages the Compacts assigned to them */
    ROLE_ADMIN = 1 << 3,       /* the national body: everything */
};

#define ACCESS_ANYONE    (ROLE_PUBLIC | ROLE_MEMBER | ROLE_COORDINATOR | ROLE_ADMIN)
#define ACCESS_SIGNED_IN (ROLE_MEMBER | ROLE_COORDINATOR | ROLE_ADMIN)
#define ACCESS_ADMIN     ROLE_ADMIN

/* Strings are borrowed from whoever filled the struct. */
struct user {
    long long id;
    const char *email;
    const char *name;
    enum role role;
    const char *org_id; /* members only */
    int disabled;
    const char *created_at;
};

/* An API token as listed: never its secret. */
struct api_token {
    long long id;
    const char *email; /* whose */
    const char *label;
    const char *created_at;
    const char *revoked_at; /* NULL while valid */
};

/* "admin", "coordinator", "member" ("public" for ROLE_PUBLIC). */
const char *role_id(enum role r);
/* 0 and *out for a signed-in role's identifier, else ERR_INVALID. */
int role_parse(const char *s, enum role *out);

/* Whether s looks like an email address: one '@', something either side, a dot after it, no
 * spaces or control characters, at most 254 bytes. */
int email_is_valid(const char *s);

/*
 * Whether pw may be a password: at least 12 characters (not bytes) and not on the shipped list
 * of common passwords. 0, or ERR_INVALID with *why a sentence for the person.
 */
int password_acceptable(const char *pw, const char **why);

#define PASSWORD_MIN_CHARS 12

#endif

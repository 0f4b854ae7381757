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
/* The role as people read it: "Compact coordinator", "Member of an organisation"... */
const char *role_label(enum role r);
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

/*
 * Sign-in limits, after OWASP's "device cookies": failed sign-ins are counted in three scopes,
 * and once a scope's free allowance is spent each further attempt in it must wait longer than
 * the last (1 s, 2 s, 4 s ... up to LOGIN_DELAY_MAX) rather than being locked out. A browser
 * that has signed in to the account before keeps its own allowance, so nobody else's failures
 * hold its owner back.
 */
enum login_scope {
    LOGIN_DEVICE,  /* a browser holding a device cookie for the account: its own failures */
    LOGIN_ACCOUNT, /* an account, from every client without its device cookie */
    LOGIN_ADDRESS, /* a client address, over every account it tries without a device cookie */
};

#define LOGIN_WINDOW    (24 * 60 * 60) /* failures older than this no longer count */
#define LOGIN_DELAY_MAX (15 * 60)      /* the longest wait between two attempts */

/* How many failures within LOGIN_WINDOW cost nothing in scope. */
long long login_allowance(enum login_scope scope);
/*
 * The seconds an attempt in scope must wait after the last of failures failed attempts within
 * LOGIN_WINDOW: 0 within the allowance, then 1 after the first failure beyond it, doubling
 * with each further one up to LOGIN_DELAY_MAX.
 */
long long login_delay(enum login_scope scope, long long failures);
/*
 * The seconds from now (Unix seconds) until an attempt in scope may come, after failures
 * failures of which the last was at last; 0 when it may come now.
 */
long long login_wait(enum login_scope scope, long long failures, long long last, long long now);

#endif

/*
 * The database: SQLite (in WAL mode with foreign keys on and synchronous=FULL) or PostgreSQL,
 * through the driver API of db.h. Every SQL statement of the program lives in this folder. A struct
 * store is one connection, used by one thread.
 *
 * Functions return 0 or a negative enum err: ERR_NOT_FOUND, ERR_CONFLICT (a constraint refused
 * the write), ERR_BUSY (another connection held the write lock longer than this one waits:
 * nothing was done, try again), ERR_DB (anything else; store_errmsg() says what, for the log
 * only).
 */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stddef.h>

#include "core/account.h"
#include "core/activity.h"
#include "core/audit.h"
#include "core/authority.h"
#include "core/commitments.h"
#include "core/compact.h"
#include "core/complaint.h"
#include "core/compliance.h"
#include "core/coverage.h"
#include "core/opendata.h"
#include "core/crypto.h"
#include "core/rules.h"
#include "core/signups.h"
#include "core/survey.h"
#include "base/arena.h"
#include "base/buf.h"

struct store;

enum store_flags {
    STORE_CREATE = 1 << 0,   /* create the file if it does not exist */
    STORE_READONLY = 1 << 1, /* open for reading only */
    STORE_SERVER = 1 << 2,   /* a server's connection: waits STORE_SERVER_WAIT_MS for a writer */
    STORE_SCRATCH = 1 << 3,  /* a private scratch database, whatever the path (below) */
};

/*
 * How long a connection waits for another connection's write lock before its write gives up
 * with ERR_BUSY. A server's event loop thread waits only briefly, since every request on that
 * thread waits with it: long enough for the server's own short writes to take turns, and not
 * at all while a bulk write (store_begin_bulk: an import publishing) holds the database; its
 * client gets 503 and Retry-After. Reads never wait (WAL). The command line waits longer.
 */
#define STORE_SERVER_WAIT_MS 200
#define STORE_WAIT_MS        5000

/*
 * Open the database at path (":memory:" for a private in-memory one), or PostgreSQL's at a
 * postgresql:// URI (db_connect). *out is NULL on failure.
 * With STORE_SCRATCH, a private scratch database for work staged before it is published, path
 * unused: an unnamed temporary file in SQLite's temporary folder (SQLITE_TMPDIR, else TMPDIR,
 * else /var/tmp), unlinked as soon as it is open, so nothing of it is left however the process
 * ends; no journal, no sync: its content is thrown away on any failure.
 */
int store_open(const char *path, unsigned flags, struct store **out);
/* Whether path names a PostgreSQL database (a postgresql:// or postgres:// URI). */
int store_uri_is_pg(const char *path);
void store_close(struct store *st);
/* The database's last message on this connection, for logs; never shown to users. */
const char *store_errmsg(const struct store *st);

/* The schema version (SQLite's PRAGMA user_version, PostgreSQL's newest schema_version row)
 * and the newest this program knows. */
int store_schema_version(struct store *st, int *out);
int store_schema_latest(void);
/*
 * Apply the migrations the database lacks, each in its own transaction, from
 * migrations/sqlite/ or migrations/pg/ by the engine, each recorded in schema_version (SQLite:
 * as well as in PRAGMA user_version, which databases made before the table still read). *from
 * and *to (either may be NULL) say which versions it went between. A database newer than the
 * program is ERR_CONFLICT.
 */
int store_migrate(struct store *st, int *from, int *to);
/* Copy the whole database to path with SQLite's online backup API. PostgreSQL: ERR_INVALID,
 * the log saying to use pg_dump and how. */
int store_backup(struct store *st, const char *path);
/* A trivial query, for /healthz. */
int store_ping(struct store *st);

/*
 * Copying a whole database into a new or empty one, either engine either way (compact copy;
 * store_copy.c). Why store_copy stopped before it changed anything, beside its enum err.
 */
enum store_copy_refusal {
    STORE_COPY_RAN,            /* not refused: copied (0), or failed while copying (what: the
                                  table), with the target left as it was */
    STORE_COPY_BAD_URI,        /* ERR_INVALID: from or to (what: "from" or "to") is another
                                  scheme's URI, neither postgresql:// nor a path */
    STORE_COPY_NO_SOURCE,      /* ERR_NOT_FOUND: no SQLite file at from */
    STORE_COPY_SOURCE_FAILED,  /* from could not be opened or read */
    STORE_COPY_SOURCE_OLD,     /* ERR_INVALID: from's schema (version) is older than the
                                  program's: compact migrate it first */
    STORE_COPY_SOURCE_NEW,     /* ERR_INVALID: from's schema is newer than the program's */
    STORE_COPY_SOURCE_UNKNOWN, /* ERR_INVALID: from's schema differs from the table list at
                                  what ("table" or "table.column") */
    STORE_COPY_TARGET_FAILED,  /* to could not be opened (or made) or read */
    STORE_COPY_TARGET_USED,    /* ERR_CONFLICT: to has tables (what: one of them) */
};

#define STORE_COPY_WHAT 96

/* What store_copy is told, and what it says. */
struct store_copy {
    /* called as rows are copied, done of total (may be NULL); table is the one being copied */
    void (*progress)(unsigned long long done, unsigned long long total, const char *table,
                     void *ctx);
    void *ctx;
    enum store_copy_refusal refused;
    int version;                /* from's schema version, once read */
    char what[STORE_COPY_WHAT]; /* a table or column, as refused says; "" for none */
    size_t tables;              /* tables copied */
    unsigned long long rows;    /* rows copied */
};

/*
 * Copy every row of the database at from (an SQLite path or a postgresql:// URI, at the
 * program's schema version) into the one at to, which must have no tables (an SQLite file
 * that is not there is made), in one transaction of to: its schema made by the migrations
 * (schema_version and user_version are its own), then each table of the list in store_copy.c,
 * in the order of their foreign keys, its rows read in pages in one read transaction of from
 * and inserted with their values as the column types say (text, integers, reals, blobs,
 * NULLs), then on PostgreSQL each identity's sequence set past the largest id copied. On any
 * failure nothing of to is changed, and an SQLite file made here is removed. Returns 0 or an
 * enum err, c->refused saying whether and why it refused.
 */
int store_copy(const char *from, const char *to, struct store_copy *c);
/*
 * Whether st's schema has exactly the tables of store_copy's list, each with the columns it
 * copies (the columns the engine generates left out), in order and of the types it reads
 * them as: 0, or ERR_INVALID with what naming the first table or "table.column" that differs;
 * another enum err when the schema could not be read.
 */
int store_copy_check(struct store *st, char what[STORE_COPY_WHAT]);

/*
 * Copy what the write-ahead log holds into the database file, for up to max_ms (waiting out
 * readers of older snapshots): after a large write, so that the work is not left to the next
 * write of a server's thread (SQLite checkpoints on every commit while the log is long). 0
 * when done (or not in WAL mode), ERR_BUSY when readers kept it from finishing in time.
 */
int store_checkpoint(struct store *st, int max_ms);

/* One write transaction: begin, then commit or rollback. */
int store_begin(struct store *st);
/*
 * A write transaction that may hold the database for a while (an import's publishing): as
 * store_begin, and while it is open (until commit or rollback) servers' threads that find the
 * database busy give up at once (ERR_BUSY) instead of waiting for it. They learn it from a
 * lock on a file beside the database, named after it with "-bulk", that the kernel releases
 * however the process ends.
 */
int store_begin_bulk(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);
/* What st may have changed so far: a number that grows with each change made (db_landed). */
long long store_landed(struct store *st);
/*
 * Whether work that failed with ret may be run again whole, as try number attempt (from 2): a
 * write that lost to another's at once on PostgreSQL (ERR_BUSY: a serialization failure, a
 * deadlock), with no transaction left open and nothing kept since store_landed said landed: at
 * most four times more. It waits the jittered backoff first. SQLite's ERR_BUSY, a writer
 * that held the database past the wait, is not run again: it would wait as long again.
 */
int store_retry(struct store *st, int ret, long long landed, int attempt);

/*
 * A number that changes whenever the database changes: a commit by another connection or
 * process or server, or a change through this one (db_version). What was read at one version
 * still holds while the version is the same.
 */
int store_version(struct store *st, long long *out);
/* The reads that follow, until store_read_end, from one snapshot of the database (db.h,
 * db_read_begin): a request that only reads, in one read transaction on SQLite. A write ends
 * it first. */
int store_read_begin(struct store *st);
void store_read_end(struct store *st);

/* Authorities. */
struct authority_filter {
    int set;           /* enum authority_set, or -1 for any */
    int type;          /* enum authority_type, or -1 for any */
    int region;        /* index for region_name(), or -1 for any */
    const char *after; /* keyset cursor: list codes after this GSS code (API order), or NULL */
    size_t limit;      /* most items to return; 0 for no limit */
    int by_name;       /* order by name (pages) instead of by GSS code (API, cursors) */
};

/* Insert or update an authority, by GSS code, with json, what the API's lists write of it
 * (codec's json_authority_item of a), or NULL: the row is then written from its columns until
 * store_authority_json_write writes its JSON. */
int store_authority_put(struct store *st, const struct authority *a, const char *json);
/* Record that alias was a former code of gss (its 2011 code among them: a->gss_2011 of
 * store_authority_put). */
int store_authority_alias_put(struct store *st, const char *alias, const char *gss);
/* The authority whose current code or former code is code. Strings come from arena. */
int store_authority_get(struct store *st, const char *code, struct arena *arena,
                        struct authority *out);
/* How many match f (ignoring after and limit). */
int store_authority_count(struct store *st, const struct authority_filter *f, size_t *out);
/* How many authorities are in set a and how many in set b (enum authority_set), in one read of
 * the table (the home page's two figures). */
int store_authority_count_sets(struct store *st, int a, int b, size_t *in_a, size_t *in_b);
/* The matching authorities, array and strings from arena; *items NULL and *n 0 on failure. */
int store_authority_list(struct store *st, const struct authority_filter *f, struct arena *arena,
                         struct authority **items, size_t *n);
/* Given each authority of a list as it is read (store_authority_listed, _each). */
typedef int store_authority_fn(void *ctx, const struct authority *a);
/* The authorities f selects (its set, type and region), by name, as the authorities page lists
 * them: only the code, name, type, county's name and region of each (the rest NULL), each to fn
 * with ctx as it is read, as store_authority_each gives them. arena: for what the read must
 * keep before it gives any (on PostgreSQL the rows, whose counties are named among them). */
int store_authority_listed(struct store *st, const struct authority_filter *f, struct arena *arena,
                           store_authority_fn *fn, void *ctx);
/* Given each authority of the API's page as it is read (store_authority_each): json, the row as
 * the API's lists write it, stored with it (store_authority_json_write), and a holding its code
 * (gss) alone; or json NULL (none stored, or stored before the row's last write) and a holding
 * every column. */
typedef int store_authority_json_fn(void *ctx, const struct authority *a, const char *json);
/*
 * The API's page of f, by code (f->by_name ignored): each authority to fn with ctx, in order, as
 * it is read. Its strings are the database's, which hold until fn returns (the county's name is
 * NULL); nothing is copied. *total, how many match f without the page (as
 * store_authority_count), is set before the first call, from the same statement when the page
 * has a row. fn's negative return stops the page and is returned.
 */
int store_authority_each(struct store *st, const struct authority_filter *f, size_t *total,
                         store_authority_json_fn *fn, void *ctx);
/* What the API's lists write of a (codec's json_authority_item), into b. */
typedef void store_authority_render_fn(struct buf *b, const struct authority *a);
/*
 * Write with each authority's row what render writes of it, for the API's lists (what
 * store_authority_each gives), where what is stored is not that already (none yet, the row
 * written since without it, or render changed): within the caller's transaction, which must be
 * store_begin's (serializable on PostgreSQL: under READ COMMITTED a row written meanwhile could
 * get the JSON of its old columns). *written, how many rows were written.
 */
int store_authority_json_write(struct store *st, store_authority_render_fn *render,
                               size_t *written);
/* Counts of the matching authorities by type (f->type ignored): counts[AUTH_TYPE_COUNT]. */
int store_authority_count_by_type(struct store *st, const struct authority_filter *f,
                                  size_t counts[AUTH_TYPE_COUNT]);

/*
 * The key of the keyed hashes that stand for sessions and tokens, made on first use and kept in
 * the database so every thread and process agrees on it.
 */
int store_server_key(struct store *st, unsigned char key[SECRET_BYTES]);

/* Users. actor names who acts, for the audit trail ("user:ID" or "cli"). */
int store_user_add(struct store *st, const struct user *u, const char *password_hash,
                   const char *actor, long long *id);
/* The user with that email (any case); *password_hash (may be NULL) from arena, or NULL. */
int store_user_by_email(struct store *st, const char *email, struct arena *arena, struct user *out,
                        const char **password_hash);
/* Every user, by email. */
int store_user_list(struct store *st, struct arena *arena, struct user **items, size_t *n);
/* The coordinators of Compact compact_id, by email (none for no such Compact). */
int store_user_coordinators(struct store *st, long long compact_id, struct arena *arena,
                            struct user **items, size_t *n);
/*
 * Disable a user: their sessions end and their tokens are revoked (each revocation audited).
 * ERR_NOT_FOUND if there is no such user, ERR_CONFLICT if they are disabled already.
 */
int store_user_disable(struct store *st, const char *email, const char *actor);

/* Sessions, by the keyed hash of their secret; times are Unix seconds. */
int store_session_add(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                      long long user_id, long long now);
/*
 * The enabled user of a session that was created after created_after and seen after
 * seen_after, or ERR_NOT_FOUND. Marks it seen at now.
 */
int store_session_user(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                       long long created_after, long long seen_after, long long now,
                       struct arena *arena, struct user *out);
int store_session_delete(struct store *st, const unsigned char hash[SECRET_HASH_BYTES]);
/* End the sessions created at or before created_before or unused since seen_before. */
int store_session_purge(struct store *st, long long created_before, long long seen_before);

/* API tokens. */
int store_token_add(struct store *st, long long user_id,
                    const unsigned char hash[SECRET_HASH_BYTES], const char *label,
                    const char *actor, long long *id);
/* The enabled user of a valid token, or ERR_NOT_FOUND. */
int store_token_user(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                     struct arena *arena, struct user *out);
/* Tokens of the user with email, or of everyone (email NULL), newest first. */
int store_token_list(struct store *st, const char *email, struct arena *arena,
                     struct api_token **items, size_t *n);
/* Revoke token id; with owner set, only if it is theirs. ERR_NOT_FOUND otherwise. */
int store_token_revoke(struct store *st, long long id, long long owner, const char *actor);

/*
 * Sign-in failures, each under the key of the scope it counts in (enum login_scope):
 * "device:HASH" (a keyed hash of a device token, never the token), "email:EMAIL" (in lower
 * case) and "addr:ADDRESS". Failures under key strictly after since (Unix seconds): how many,
 * and when the last was (0 for none).
 */
int store_login_failures(struct store *st, const char *key, long long since, size_t *count,
                         long long *last);
/* Record a failure under key at now, and forget those older than LOGIN_WINDOW. */
int store_login_failure_add(struct store *st, const char *key, long long now);
/* Forget the failures under key. */
int store_login_failure_clear(struct store *st, const char *key);

/* The audit trail of one entity, oldest first (a user's by their email, in any case). */
int store_audit_list(struct store *st, const char *kind, const char *entity, struct arena *arena,
                     struct audit_entry **items, size_t *n);

/*
 * Create a Compact with its authorities (current or former GSS codes), first status, optional
 * dates, document and contacts (and its coordinator, if c names one), and its audit entry, in
 * one transaction. ERR_NOT_FOUND names the unknown code in *bad.
 */
int store_compact_add(struct store *st, const struct compact_new *c, const char *actor,
                      long long *id, const char **bad);

/* Organisations: see below. */
#include "core/organisation.h"

struct organisation_filter {
    const char *q;   /* a substring of the name or a prefix of the org-id, any case; or NULL */
    int sector;      /* enum org_sector, or -1 for any */
    int type;        /* enum org_type, or -1 for any */
    long long after; /* keyset cursor: list those after the organisation with this number (in
                      * the order by name, then number), or 0 from the start */
    size_t limit;    /* most items to return; 0 for no limit */
    size_t offset;   /* those to skip first (a page by number); 0 for none */
};

/* How many match f (ignoring after, limit and offset). */
int store_organisation_count(struct store *st, const struct organisation_filter *f, size_t *out);
/* The matching organisations by name, then number; array and strings from arena. */
int store_organisation_list(struct store *st, const struct organisation_filter *f,
                            struct arena *arena, struct organisation **items, size_t *n);
/* The organisation ref names: its org-id in any case, or its number. Strings from arena. */
int store_organisation_get(struct store *st, const char *ref, struct arena *arena,
                           struct organisation *out);
/*
 * Add o (checked by organisation_from_draft) with its audit entry, in one transaction; a
 * GB-LAE- org-id sets gss to its council's area. ERR_INVALID when a GB-LAE- org-id's code is
 * no authority's (say orgid_unknown_council; or when orgid_check refuses the org-id, which the
 * draft's check has done already), ERR_CONFLICT when the org-id is taken.
 */
int store_organisation_add(struct store *st, const struct organisation *o, const char *actor,
                           long long *id);
/* As store_organisation_add, inside the caller's transaction (an import's): a refused
 * insert undoes only itself. */
int store_organisation_insert(struct store *st, const struct organisation *o, const char *actor,
                              long long *id);
/*
 * The number of the organisation ref names: its org-id (any case), its number, or its exact
 * name where no other organisation has it. ERR_NOT_FOUND; ERR_CONFLICT for a name several
 * share.
 */
int store_organisation_find(struct store *st, const char *ref, long long *id);
/*
 * The number of the organisation with o's org-id (any case; o->org_id must be set), or else o
 * made as store_organisation_insert makes it (*made 1), inside the caller's transaction; a
 * GB-LAE- code no authority has is kept, the council made without an area. ERR_INVALID for an
 * org-id orgid_check refuses.
 */
int store_organisation_find_or_make(struct store *st, const struct organisation *o,
                                    const char *actor, long long *id, int *made);
/*
 * Change the organisation ref names by patch (organisation_patch_draft), with its audit entry,
 * in one transaction, and read it back into out (from arena). ERR_NOT_FOUND: no such
 * organisation. ERR_INVALID or ERR_CONFLICT (its org-id is another's): problems[0..*nproblems)
 * say why, and nothing is changed.
 */
int store_organisation_update(struct store *st, const char *ref,
                              const struct organisation_draft *patch, const char *actor,
                              struct arena *arena, struct organisation *out,
                              struct org_problem problems[ORG_PROBLEMS_MAX], size_t *nproblems);
/* Whether actor ("user:ID") added organisation o (as stored): 0 when the latest 'create' entry
 * of the audit trail under its org-id or its number is actor's, else ERR_NOT_FOUND. */
int store_organisation_added_by(struct store *st, const struct organisation *o, const char *actor);
/* Whether organisation number id signs, on date on (not withdrawn by then), a Compact user_id
 * coordinates: 0 if so, else ERR_NOT_FOUND. */
int store_organisation_signs_for(struct store *st, long long id, long long user_id, date_t on);
/*
 * Make every authority's council an organisation (GB-LAE-<code>, its official name, the
 * authority's area, verified) unless it is there already by that org-id or as the council of
 * that area, each audited as made by actor. Runs inside the caller's transaction; running it
 * again makes nothing and never changes what a person has edited. *made: how many were made.
 */
int store_organisation_councils(struct store *st, const char *actor, size_t *made);

/* Copy the program's default catalogue in when the table is empty; *seeded says whether. */
int store_commitments_seed(struct store *st, int *seeded);
/* Every commitment, by section and number. */
int store_commitment_list(struct store *st, struct arena *arena, struct commitment_row **items,
                          size_t *n);
/* The stored number and paraphrase of the commitment each rule tests (NULL where none),
 * strings from arena. */
int store_rule_numbers(struct store *st, struct arena *arena, const char *numbers[RULE_COUNT],
                       const char *paraphrases[RULE_COUNT]);
/* What a check reads, in one statement: the local parameters of the Compact numbered compact
 * (as store_compact_params; NULL for none, params then all unset) and store_rule_numbers'
 * numbers. ERR_NOT_FOUND when compact names no Compact. */
int store_check_reads(struct store *st, const char *compact, struct param_set *params,
                      struct arena *arena, const char *numbers[RULE_COUNT],
                      const char *paraphrases[RULE_COUNT]);
/*
 * Correct commitment id: a new number and paraphrase (NULL keeps each), verified (-1 keeps it),
 * with its audit entry, in one transaction. ERR_NOT_FOUND, or ERR_CONFLICT (a number in use).
 */
int store_commitment_update(struct store *st, long long id, const char *number,
                            const char *paraphrase, int verified, const char *actor);

/* Compacts: the whole register entry. */

/* Signatories. */

/* What recording a signatory takes (SPEC section 3); strings borrowed. */
struct signatory_new {
    long long compact_id; /* the Compact, or 0 to find it by compact */
    const char *compact;  /* its number, or its exact name where no other Compact has it */
    /* its org-id (any case), its number, or its exact name where no other organisation has it */
    const char *organisation;
    const char *role;
    date_t signed_on, withdrawn_on; /* withdrawn_on 0: still a signatory */
};
/*
 * Record a signatory, checked by the caller (signatory_check), with its audit entry (kind
 * 'compact', entity the Compact's id, action 'sign'), in one transaction. ERR_NOT_FOUND when the
 * Compact or the organisation is unknown; ERR_CONFLICT when a name is shared, or the
 * organisation signed that Compact on that date already. *bad names the field at fault
 * ("compact", "organisation", "signed_on"), or is NULL.
 */
int store_signatory_add(struct store *st, const struct signatory_new *s, const char *actor,
                        long long *id, const char **bad);
/* The same inside the caller's transaction (store_begin), for an import of many: a row
 * refused leaves the transaction as it was. */
int store_signatory_insert(struct store *st, const struct signatory_new *s, const char *actor,
                           long long *id, const char **bad);
/* Signatory id of Compact compact_id, strings from arena; ERR_NOT_FOUND. */
int store_signatory_get(struct store *st, long long compact_id, long long id, struct arena *arena,
                        struct signatory *out);
/*
 * Record that signatory id of Compact compact_id withdrew on withdrawn_on, with its audit entry
 * (action 'withdraw', before and after), in one transaction. ERR_NOT_FOUND; ERR_CONFLICT when it
 * has withdrawn already; ERR_INVALID when withdrawn_on is not after the date it signed.
 */
int store_signatory_withdraw(struct store *st, long long compact_id, long long id,
                             date_t withdrawn_on, const char *actor);
/* The signatories of Compact compact_id, from arena: current ones first by date signed, then
 * those withdrawn by date withdrawn. Empty for a Compact that does not exist. */
int store_signatory_list(struct store *st, long long compact_id, struct arena *arena,
                         struct signatory **items, size_t *n);
/* The signatures of organisation org (a reference as in struct signatory_new), in the same
 * order; ERR_NOT_FOUND for no such organisation, ERR_CONFLICT for a name several share. */
int store_signatory_list_by_organisation(struct store *st, const char *org, struct arena *arena,
                                         struct signatory **items, size_t *n);
/* The whole entry of Compact id (arrays and strings from arena); ERR_NOT_FOUND if none. One
 * statement. */
int store_compact_get(struct store *st, long long id, struct arena *arena,
                      struct compact_entry *out);
/* What a Compact's page shows, read in one statement (on PostgreSQL one round trip): its entry
 * as store_compact_get gives it, its signatories as store_signatory_list does, its statutory
 * signatories as store_signup_signatories does (in another order), and its complaint response
 * times as store_complaint_params does. */
struct compact_shown {
    struct compact_entry entry;
    struct signatory *signatories;
    size_t nsignatories;
    struct signup_signatory *partners;
    size_t npartners;
    struct complaint_params complaint;
};
int store_compact_shown(struct store *st, long long id, struct arena *arena,
                        struct compact_shown *out);

struct compact_filter {
    date_t today;          /* the day statuses and reviews are judged on */
    int status;            /* enum compact_status today, or -1 for any */
    int region;            /* a region_name() index: names an authority there; -1 for any */
    int overdue;           /* only those whose review is overdue */
    const char *q;         /* in its name, or an authority's name or (former) GSS code */
    const char *authority; /* a current GSS code it covers directly or through its county */
    long long coordinator; /* one this user coordinates; 0 for any */
    long long after;       /* keyset cursor: ids after this one (API order); 0 for none */
    size_t limit;          /* most to return; 0 for no limit */
    int by_name;           /* order by name (pages) instead of by id (API, cursors) */
};
/* How many Compacts match f (ignoring after and limit). */
int store_compact_count(struct store *st, const struct compact_filter *f, size_t *out);
/* The matching Compacts, array and strings from arena. */
int store_compact_list(struct store *st, const struct compact_filter *f, struct arena *arena,
                       struct compact_summary **items, size_t *n);
/* store_compact_list with, for a page by id (the API's: by_name 0), how many match f without
 * the page (as store_compact_count) into *total (NULL: not asked), read in the same statement
 * when the page has a row. */
int store_compact_page(struct store *st, const struct compact_filter *f, struct arena *arena,
                       struct compact_summary **items, size_t *n, size_t *total);

/*
 * Change Compact id as p says, with an audit entry (before and after), in one transaction.
 * ERR_NOT_FOUND: no such Compact (*field NULL), or something p names does not exist (*field
 * names it: "authorities.N", "codes.replace.N.id", "codes.remove.N", "coordinators.N").
 * ERR_INVALID: the entry would break a rule of compact_details_check (*field, *why).
 * Strings from arena.
 */
int store_compact_patch(struct store *st, long long id, const struct compact_patch *p,
                        const char *actor, struct arena *arena, const char **field,
                        const char **why);

/*
 * Add a status to Compact id's history, taking effect on date, with its audit entry.
 * ERR_NOT_FOUND when there is no such Compact, ERR_INVALID when date is not after the last.
 */
int store_compact_status_add(struct store *st, long long id, enum compact_status status,
                             date_t date, const char *actor);

/*
 * Create the Compacts c[0..n) in one transaction (an import): all or none. ERR_NOT_FOUND
 * names the unknown code in *bad and the item in *bad_item.
 */
int store_compact_add_many(struct store *st, const struct compact_new *c, size_t n,
                           const char *actor, size_t *bad_item, const char **bad);

/* The current GSS code (from arena) of the authority text names: its current or former GSS
 * code, or its name (any case; one still in existence first). ERR_NOT_FOUND if none. */
int store_compact_find_authority(struct store *st, const char *text, struct arena *arena,
                                 const char **gss);

/* The Compacts that name authority gss or its county (county_gss, may be NULL), as coverage
 * needs them (coverage_compute), from arena. */
int store_compact_naming(struct store *st, const char *gss, const char *county_gss,
                         struct arena *arena, struct coverage_compact **out, size_t *n);

/* The whole register as one JSON object into out: the authorities Compacts name, the
 * organisations, every Compact with everything, the signatories. */
int store_export(struct store *st, struct buf *out);

/* Fictional demo data (compact demo load). */
struct demo_compact {
    struct compact_new c; /* its first status in c */
    struct status_change later[4];
    size_t nlater;
    struct compact_code codes[2];
    size_t ncodes;
};
struct demo_organisation {
    const char *name, *sector, *type;
};
struct demo_signatory {
    size_t compact, organisation; /* indexes into the demo's arrays */
    const char *signed_on, *role, *withdrawn_on;
};
/*
 * Load a demo set in one transaction, every Compact marked demo, every write audited.
 * ERR_CONFLICT when demo data is already there; ERR_NOT_FOUND names an unknown code in *bad.
 */
int store_demo_load(struct store *st, const struct demo_compact *c, size_t nc,
                    const struct demo_organisation *o, size_t no, const struct demo_signatory *s,
                    size_t ns, const char *actor, const char **bad);

/* Whether user_id coordinates Compact id: 0 if so, ERR_NOT_FOUND if not (or no such Compact). */
int store_compact_is_coordinator(struct store *st, long long id, long long user_id);

/* The name of Compact id, from arena; ERR_NOT_FOUND when there is none. */
int store_compact_name(struct store *st, long long id, struct arena *arena, const char **name);

/* Up to max Compacts by name: ids (as text) and names from arena, for choosing one. */
int store_compact_names(struct store *st, size_t max, struct arena *arena, const char ***ids,
                        const char ***names, size_t *n);
/* The same of the Compacts user coordinator coordinates (0: of every Compact). */
int store_compact_names_of(struct store *st, long long coordinator, size_t max, struct arena *arena,
                           const char ***ids, const char ***names, size_t *n);

/* The local parameters of the Compact with id (SPEC section 5) into out; ERR_NOT_FOUND when
 * there is no such Compact. */
int store_compact_params(struct store *st, const char *id, struct param_set *out);
/* Replace the local parameters of Compact id with ps, and (cp not NULL) its working days for
 * complaints with cp (SPEC section 6), with an audit entry each, in one transaction.
 * ERR_NOT_FOUND when there is no such Compact. */
int store_compact_set_params(struct store *st, long long id, const struct param_set *ps,
                             const struct complaint_params *cp, const char *actor);

/*
 * Record an activity against Compact compact_id with d's values (migration 0009), the
 * organisation whose member records it (recorder_org, or NULL), the findings of its check on
 * checked_on, and its audit entry, in one transaction. facts is the activity object as JSON.
 * ERR_NOT_FOUND when there is no such Compact.
 */
int store_activity_add(struct store *st, long long compact_id, const struct activity_details *d,
                       const char *recorder_org, enum activity_kind kind, const char *facts,
                       const char *actor, date_t checked_on, const struct finding *findings,
                       size_t n, enum verdict overall, long long *id);
/* The organisation affected by recorded activity id of Compact compact_id (NULL for none),
 * from arena; with only_org set, only an activity a member of that organisation recorded.
 * ERR_NOT_FOUND when there is no such activity (for that organisation). */
int store_activity_org(struct store *st, long long id, long long compact_id, const char *only_org,
                       struct arena *arena, const char **org);
/*
 * Change recorded activity id of Compact compact_id to d's values and the given facts and
 * findings, with an audit entry (before and after), in one transaction. With only_org set,
 * only an activity a member of that organisation recorded. ERR_NOT_FOUND when there is no such
 * activity (for that organisation); ERR_CONFLICT when it has been withdrawn.
 */
int store_activity_update(struct store *st, long long id, long long compact_id,
                          const char *only_org, const struct activity_details *d,
                          enum activity_kind kind, const char *facts, const char *actor,
                          date_t checked_on, const struct finding *findings, size_t n,
                          enum verdict overall);
/*
 * Withdraw recorded activity id of Compact compact_id (only_org as for store_activity_update):
 * it stays, with now, actor and reason, and an audit entry "withdraw", and leaves the findings
 * of its Compact (store_compact_findings) and the re-checks (store_activity_list).
 * ERR_NOT_FOUND as for store_activity_update; ERR_CONFLICT when it was withdrawn already.
 */
int store_activity_withdraw(struct store *st, long long id, long long compact_id,
                            const char *only_org, const char *actor, const char *reason);
/* Recorded activity id of Compact compact_id with its findings (the worst first: breach,
 * unknown, pending, justified, met; then by rule), the names of its Compact, organisations and
 * people, everything from arena; ERR_NOT_FOUND when there is none. Whoever asks, withdrawn or
 * not: who may see it is policy_activity_see's. */
int store_activity_get(struct store *st, long long id, long long compact_id, struct arena *arena,
                       struct recorded_activity *out);
/* Replace the findings of activity id with those of a new check on checked_on. */
int store_activity_set_findings(struct store *st, long long id, date_t checked_on,
                                const struct finding *findings, size_t n, enum verdict overall);

struct stored_activity {
    long long id, compact_id;
    const char *facts;
    /* its stored findings as "rule verdict explanation" lines in rule order, so a re-check can
     * tell whether anything changed (see store_findings_signature) */
    const char *signature;
};
/* The signature of findings as store_activity_list gives it for stored ones, into b. */
void store_findings_signature(struct buf *b, const struct finding *findings, size_t n);
/* The recorded activities of Compact compact_id, or of all (0), for re-checking, the withdrawn
 * left out; from arena. */
int store_activity_list(struct store *st, long long compact_id, struct arena *arena,
                        struct stored_activity **items, size_t *n);
/* The findings of Compact compact_id's activities (not the withdrawn): pending first by due
 * date, then by activity. */
int store_compact_findings(struct store *st, long long compact_id, struct arena *arena,
                           struct finding_record **rows, size_t *n);

/* Which recorded activities to list: every condition given must hold. */
struct activity_filter {
    long long compact_id;  /* of this Compact; 0 for any */
    long long coordinator; /* of a Compact this user coordinates; 0 for any */
    const char *org;       /* concerning this org-id (any case) or recorded by a member of it;
                              NULL for any */
    size_t limit;          /* most to return; 0 for no limit */
    date_t today;          /* an activity decided after it is a plan still (planned); 0: none */
};
/* The matching activities, the latest recorded first, each with its Compact's name and its
 * organisation's name where the register has it, its title, and whether it is planned; array
 * and strings from arena. */
int store_activity_summaries(struct store *st, const struct activity_filter *f, struct arena *arena,
                             struct activity_summary **items, size_t *n);

/* Coverage. */

/*
 * What coverage (core/coverage.h) needs, in three statements: the authorities of set, by name,
 * into *auth; every Compact with its status history (ascending) and its authorities (current
 * GSS codes) into *compacts, by id. Everything from arena; NULL and 0 on failure.
 */
int store_coverage_load(struct store *st, enum authority_set set, struct arena *arena,
                        struct authority **auth, size_t *nauth, struct coverage_compact **compacts,
                        size_t *ncompacts);

/* Signing up (SPEC section 9). */

#include "core/signups.h"

/*
 * The statutory signatories (organisations of the statutory sector), current and withdrawn, of
 * Compact compact_id, or of every Compact when it is 0, by Compact; array and strings from
 * arena (NULL and 0 on failure). With store_coverage_load, what signups_compute needs.
 */
int store_signup_signatories(struct store *st, long long compact_id, struct arena *arena,
                             struct signup_signatory **items, size_t *n);

/* Open data. */

/*
 * Writing open data: one writer for one import, staged and then published. While the file is
 * read, each record is appended to a private scratch file (in SQLITE_TMPDIR, else TMPDIR, else
 * /var/tmp; unlinked as soon as it is made) and nothing of the register is locked or changed, so a
 * server on the same database goes on reading and writing. store_opendata_publish then writes the
 * staged records into the register in one short transaction: all of them or, on any failure (or the
 * process being killed), none. actor names who imports, for the audit trail; borrowed for the
 * writer's life. Freeing the writer throws away what was staged and not published.
 */
struct opendata_writer;
int store_opendata_writer_new(struct store *st, const char *actor, struct opendata_writer **out);
void store_opendata_writer_free(struct opendata_writer *w);

/* The part an organisation plays in a record, for the sector an unverified one is given. */
enum org_role { ORG_FUNDER, ORG_RECIPIENT, ORG_BUYER, ORG_SUPPLIER };
/*
 * The register's id of the organisation with org_id, which must be of a scheme the register
 * links (orgid_scheme); ERR_NOT_FOUND for any other. One it does not know is created
 * unverified, named name (or its org-id), with a sector and type guessed from its scheme and
 * role (GB-LAE- a council; GB-CHC- a charity; GB-COH- a social enterprise when it receives
 * grants or calls itself a VCSE (vcse 1), else a business), and an audit entry. Inside the
 * caller's transaction (publishing calls it for every linked org-id); it remembers the org-ids
 * it has linked, so repeated funders cost nothing.
 */
int store_opendata_org(struct opendata_writer *w, const char *org_id, const char *name,
                       enum org_role role, int vcse, long long *id);
/* How many organisations the writer's publishing created (0 until it has committed). */
size_t store_opendata_orgs_created(const struct opendata_writer *w);

/* Stage a grant, to be inserted or updated by its identifier, its funder and recipient linked. */
int store_grant_stage(struct opendata_writer *w, const struct grant *g);
/*
 * Stage a contracting process, to be inserted or updated by its ocid, its buyer and suppliers
 * linked. A release older (by date) than the one kept when it is published changes nothing.
 */
int store_contract_stage(struct opendata_writer *w, const struct contract *c);

/* What the audit entry of an import says. */
struct opendata_import {
    const char *kind;   /* "grants" or "contracts" */
    const char *file;   /* the file's name, without its folders */
    const char *format; /* as told from the content, e.g. "360giving-json" */
    size_t read;        /* records read, every one staged */
    size_t warnings;
};
/*
 * Publish what was staged, in the order staged, with the import's audit entry, in one
 * transaction; then copy the write-ahead log into the database file (store_checkpoint) so
 * that the server's next write does not have to. ERR_BUSY when another writer held the
 * register for longer than the connection waits (nothing published: try again).
 */
int store_opendata_publish(struct opendata_writer *w, const struct opendata_import *im);
/* How many grants and contracting processes are kept. */
int store_grant_count(struct store *st, size_t *out);
int store_contract_count(struct store *st, size_t *out);

/* indicators */
#include "core/indicators.h"

/* The grants funded by org_id (any case), oldest first, as the indicators need them; from
 * arena. */
int store_indicator_grants(struct store *st, const char *org_id, struct arena *arena,
                           struct ind_grant **items, size_t *n);
/* The contracting processes of buyer org_id (any case), as the indicators need them. */
int store_indicator_contracts(struct store *st, const char *org_id, struct arena *arena,
                              struct ind_contract **items, size_t *n);

/* Whether any grant names org_id (any case) as its funder or its recipient, or any contract as
 * its buyer. */
int store_opendata_has(struct store *st, const char *org_id, int *out);

struct opendata_filter {
    const char *org;         /* funder (grants) or buyer (contracts) org-id, any case; or NULL */
    const char *counterpart; /* recipient (grants) or supplier (contracts) org-id; or NULL */
    int year;                /* a grant's award year, a contract's tender year (1000 to 9998);
                                0 for any */
    const char *q;           /* a substring of the title or recipient name (grants), the title
                                or ocid (contracts), any case; or NULL */
    long long after;         /* keyset cursor: those after the one with this number (newest
                                first), or 0 from the start */
    size_t limit;            /* most items; 0 for no limit */
    size_t offset;           /* those to skip first (a page by number); 0 for none */
};
/* How many grants or contracts match f (ignoring after, limit and offset). */
int store_grant_list_count(struct store *st, const struct opendata_filter *f, size_t *out);
int store_contract_list_count(struct store *st, const struct opendata_filter *f, size_t *out);
/* The matching grants (by award date) or contracts (by release date), newest first; array and
 * strings from arena. */
int store_grant_list(struct store *st, const struct opendata_filter *f, struct arena *arena,
                     struct grant_item **items, size_t *n);
int store_contract_list(struct store *st, const struct opendata_filter *f, struct arena *arena,
                        struct contract_item **items, size_t *n);

/* The grants org_id (any case) received, oldest first, each with its funder; from arena. */
int store_received_grants(struct store *st, const char *org_id, struct arena *arena,
                          struct ind_received_grant **items, size_t *n);
/* Each year in which a funder of org_id (any case) awarded grants to anyone, with its latest
 * award that year (the funder's org-id in lower case); from arena. */
int store_received_funder_years(struct store *st, const char *org_id, struct arena *arena,
                                struct ind_funder_year **items, size_t *n);

/*
 * The organisations that play role in the open data whose org-id is q (any case), or whose name
 * in the register or in the data holds every word of q (name_has_words, core/opendata.h): the
 * org-id's first, then by name; at most OPENDATA_NAMES_MAX, *more set when there were more (or
 * q has more than NAME_WORDS_MAX words). Array and strings from arena.
 */
int store_opendata_names(struct store *st, enum opendata_role role, const char *q,
                         struct arena *arena, struct opendata_name **items, size_t *n, int *more);

/* ---- complaints (SPEC section 6; store_complaint.c, migration 0010) ---- */

/* One stored event of a case: core's event (its strings and causes read back) and its author's
 * name (NULL for the command line or a person no longer there). */
struct store_complaint_event {
    int n; /* from 1 */
    struct complaint_event e;
    const char *by_name;
    const char *recorded_at; /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
};

/* A party of a case: the organisation's number in the register, its org-id (NULL for one
 * without), its reference (the org-id, else the number as text) and its name. */
struct store_complaint_party {
    long long id;
    const char *org_id, *ref, *name;
};

/*
 * A case as stored, strings from arena. What a new case gives (store_complaint_add): compact_id,
 * complainant.id, respondent.id, title, summary, aware_on, opened_on, activity_id (0: none),
 * rules. What is read back adds the names, and: store_complaint_get every event; the lists the
 * case's state kept with its last event (status to current) and not the events.
 */
struct store_complaint {
    long long id, compact_id;
    const char *compact_name;
    struct store_complaint_party complainant, respondent;
    const char *title, *summary;
    date_t aware_on, opened_on;
    long long activity_id;
    enum rule rules[COMPLAINT_RULES_MAX];
    size_t nrules;
    struct store_complaint_event *events; /* store_complaint_get */
    size_t nevents;
    /* kept with every event (complaint_apply's result), for lists and statistics */
    enum complaint_status status;
    enum complaint_stage stage, highest;
    int has_outcome; /* closed */
    enum complaint_outcome outcome;
    int awaiting; /* a response is awaited by due_on (complaint_due_next) */
    date_t due_on;
    enum complaint_ombudsman ombudsman;
    int ombudsman_late;
    date_t last_date;
    size_t nstages;               /* stage entries */
    struct complaint_run current; /* the last stage entry */
};

/*
 * Store a new case c whose `opened` event, applied by complaint_apply (with the days it fixed),
 * is e and whose state is then cc, with its audit entry, by actor, in one transaction. *id is the
 * new case's. ERR_NOT_FOUND when there is no Compact c->compact_id; ERR_CONFLICT for an
 * organisation or activity that is not there. store_complaint_insert does the same inside the
 * caller's transaction (store_begin_bulk: many at once, as a benchmark makes them).
 */
int store_complaint_add(struct store *st, const struct store_complaint *c,
                        const struct complaint_event *e, const struct complaint_case *cc,
                        const char *actor, long long *id);
int store_complaint_insert(struct store *st, const struct store_complaint *c,
                           const struct complaint_event *e, const struct complaint_case *cc,
                           const char *actor, long long *id);
/*
 * Store event e as case id's event number n (its events so far were n - 1, as read to apply it),
 * the case's state cc after it, with its audit entry, by actor, in one transaction. ERR_BUSY when
 * another event was stored since they were read (nothing stored: read and apply again).
 * store_complaint_insert_event inside the caller's transaction.
 */
int store_complaint_add_event(struct store *st, long long id, int n,
                              const struct complaint_event *e, const struct complaint_case *cc,
                              const char *actor);
int store_complaint_insert_event(struct store *st, long long id, int n,
                                 const struct complaint_event *e, const struct complaint_case *cc,
                                 const char *actor);
/* Case id with its rules and every event into *out, from arena; ERR_NOT_FOUND. */
int store_complaint_get(struct store *st, long long id, struct arena *arena,
                        struct store_complaint *out);

/* Which cases a list holds, and whom for. */
struct store_complaint_filter {
    long long compact_id; /* 0: every Compact */
    const char *party;    /* NULL: any; else an org-id (any case) or number that is a party */
    int open_only;
    int overdue_only; /* awaiting a response due before as_of */
    date_t as_of;
    long long coordinator;  /* visible: 0 any, else the Compacts this user coordinates */
    const char *member_org; /* visible: NULL any, else the cases this org-id is a party to */
    size_t limit;           /* a page: at most this many (0: every one) */
    long long offset;       /* the page starts after this many */
};
/* The cases f holds, open first, then by what is due next (earliest first, none last), then
 * newest: without their events (nevents 0); the page of f's limit and offset. Array and
 * strings from arena. */
int store_complaint_list(struct store *st, const struct store_complaint_filter *f,
                         struct arena *arena, struct store_complaint **items, size_t *n);
/* How many cases f holds, whatever its limit and offset. */
int store_complaint_count(struct store *st, const struct store_complaint_filter *f, size_t *n);

/*
 * The statistics' counts, unsuppressed, of the cases opened in year (0: every year) on
 * compact_id (0: every Compact) by as_of, as SPEC section 6 counts them, into out's n fields
 * and on_time, on_time_base (the rest zero); and the years with cases, newest first, into
 * *years[0..*nyears) from arena (years may be NULL).
 */
int store_complaint_counts(struct store *st, long long compact_id, int year, date_t as_of,
                           struct complaint_stats *out, struct arena *arena, int **years,
                           size_t *nyears);

/* The working days Compact compact_id sets for a response at each stage (SPEC section 6) into
 * out (unset where it sets none); ERR_NOT_FOUND when there is no such Compact. */
int store_complaint_params(struct store *st, long long compact_id, struct complaint_params *out);

/* The calendar feeds' secrets, by their keyed hash: a new one for user_id (those before
 * revoked), its revocation (ERR_NOT_FOUND when there is none), whether there is one, and whose
 * it is (an enabled user; ERR_NOT_FOUND). The changes are audited, by actor. */
int store_complaint_feed_add(struct store *st, long long user_id,
                             const unsigned char hash[SECRET_HASH_BYTES], const char *actor);
int store_complaint_feed_revoke(struct store *st, long long user_id, const char *actor);
int store_complaint_feed_exists(struct store *st, long long user_id, int *exists);
int store_complaint_feed_user(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                              struct arena *arena, struct user *out);
/* ---- the annual survey (store_survey.c; SPEC section 7) ---- */

/* A round as stored. */
struct survey_round_row {
    long long id;
    int year;
    date_t opens_on, closes_on;
};

/*
 * Make the round of year, copying the bank's questions and options into it, and its audit
 * entry (kind "survey_round", entity the year), in one transaction. ERR_CONFLICT when the year
 * has a round. *id is the new round's (0 on failure).
 */
int store_survey_round_add(struct store *st, int year, date_t opens_on, date_t closes_on,
                           const char *actor, long long *id);
/* The round of year into *out, and its questions in order (general first) into
 * *qs[0..*nq) (may be NULL: not read), all from arena. ERR_NOT_FOUND when there is none. */
int store_survey_round_get(struct store *st, int year, struct arena *arena,
                           struct survey_round_row *out, struct survey_question **qs, size_t *nq);
/* Every round, newest first, into *out[0..*n) from arena. */
int store_survey_round_list(struct store *st, struct arena *arena, struct survey_round_row **out,
                            size_t *n);
/* The year of the newest round before year into *out: ERR_NOT_FOUND (and 0) when none. */
int store_survey_round_before(struct store *st, int year, int *out);
/* The bank's questions as seeded (for a check that they are core/survey.c's), from arena. */
int store_survey_bank(struct store *st, struct arena *arena, struct survey_question **qs,
                      size_t *n);

/*
 * Add n invitation codes of round round_id (of year, for the audit) for Compact compact_id,
 * given as their keyed hashes (secret_hash under the server key, context SURVEY_CODE_CONTEXT),
 * and one audit entry (kind "survey_round", entity the year, action "codes": the Compact and
 * how many), in one transaction. ERR_NOT_FOUND for no such Compact; ERR_CONFLICT when a hash
 * is there already (nothing added).
 */
int store_survey_codes_add(struct store *st, long long round_id, int year, long long compact_id,
                           const unsigned char (*hashes)[SECRET_HASH_BYTES], size_t n,
                           const char *actor);
/* The code of round round_id with hash: *code_id, *compact_id and *used (whether used_at is
 * set). ERR_NOT_FOUND when there is none (every out set to 0). */
int store_survey_code_find(struct store *st, long long round_id,
                           const unsigned char hash[SECRET_HASH_BYTES], long long *code_id,
                           long long *compact_id, int *used);

/*
 * Writing responses: one transaction holding any number of them (an answer, an import), in
 * which the tallies move with each (kept in memory, written once at the end). Begin on round
 * round_id whose questions are qs[0..nq) (borrowed until the end; each response checked
 * against them by survey_check); add responses; end commits them all (with an audit entry of
 * action "import" and how many when actor is not NULL) when ret is 0, else rolls everything
 * back. Answers carry no time and no person. *out is NULL on failure.
 */
struct store_survey_batch;
int store_survey_batch_begin(struct store *st, long long round_id, const struct survey_question *qs,
                             size_t nq, struct store_survey_batch **out);
/*
 * Add response r (checked against the batch's questions): a benchmark response replaces the
 * Compact's earlier one in this round (its answers and its share of the tallies taken out).
 * *response_id may be NULL.
 */
int store_survey_batch_add(struct store_survey_batch *b, const struct survey_response *r,
                           long long *response_id);
/* Mark code code_id used now: ERR_CONFLICT when it was already (a race lost). */
int store_survey_batch_use_code(struct store_survey_batch *b, long long code_id);
/* Record that user_id has answered the round's general questionnaire (and nothing of what):
 * ERR_CONFLICT when they had. */
int store_survey_batch_respondent(struct store_survey_batch *b, long long user_id);
/* Write the tallies and commit (ret 0) or roll back (ret < 0); frees b. Returns ret or the
 * commit's enum err. */
int store_survey_batch_end(struct store_survey_batch *b, int ret, const char *actor);

/* The kept tallies of round round_id for its questions qs[0..nq) into *out: a few hundred
 * rows however many answers. */
int store_survey_tally(struct store *st, long long round_id, const struct survey_question *qs,
                       size_t nq, struct survey_tally *out);

/* How many responses a Compact has in a round (no answers). */
struct survey_compact_count {
    long long compact_id;
    const char *compact_name;
    long long general;
    int benchmark; /* 1 when it has a benchmark answer */
};
/* Every Compact with a response in round round_id, by name, into *out[0..*n) from arena. */
int store_survey_compact_counts(struct store *st, long long round_id, struct arena *arena,
                                struct survey_compact_count **out, size_t *n);

/* A stored response as the export and a recount read it: values[i] the answer to question i
 * of the round (NULL: none), as stored (options joined by ';', or text). Borrowed by the
 * callback until it returns. */
struct survey_stored {
    enum survey_questionnaire questionnaire;
    const char *sector, *body_type; /* body_type NULL when none */
    long long compact_id;
    const char **values;
};
/*
 * Call fn with every response of round round_id (questions qs[0..nq)), in the order they were
 * stored (an export sorts its lines, so as not to tell when each came); fn's non-zero answer
 * stops and is returned. Read in pages, so a round of any size holds little memory.
 */
int store_survey_each(struct store *st, long long round_id, const struct survey_question *qs,
                      size_t nq, int (*fn)(const struct survey_stored *r, void *ctx), void *ctx);

#endif

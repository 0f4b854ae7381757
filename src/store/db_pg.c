/*
 * The PostgreSQL driver of db.h, over libpq: one blocking connection per struct db, parameters
 * as text, blobs as binary, no SET. A statement run outside a transaction is kept by the server
 * as a named prepared statement, parsed and planned once per connection as SQLite's are (see
 * "named statements" below: this is what makes a page's statements cheap); inside a transaction,
 * and for good once a name was not found where it was made (a pooler in transaction mode, such
 * as pgBouncer 1.18, moved the session), each is sent whole with PQexecParams and the unnamed
 * statement (and so is one marked db_plan_each). A lost connection is remade at the next statement
 * outside a transaction; the data version of a process is kept by one listening connection per
 * database (LISTEN compact_changes).
 */
#include <libpq-fe.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_driver.h"
#include "base/err.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* Type OIDs of the parameters we send (catalog/pg_type_d.h is a server header). */
#define OID_BOOL   16
#define OID_BYTEA  17
#define OID_INT8   20
#define OID_TEXT   25
#define OID_FLOAT8 701

/* The channel the tables' triggers notify (migrations/pg/0001). */
#define CHANNEL "compact_changes"

/* ---- the data version: one listening connection per process and database ---- */

struct watch {
    struct watch *next;
    char *uri;          /* the workers' URI: the key */
    int refs;           /* connections of this process to uri */
    atomic_llong now;   /* the version */
    atomic_int up;      /* listening now: the version is good */
    atomic_int started; /* the thread runs (set under watches_lock) */
    pthread_t thread;
    int wake[2]; /* a byte in wake[1] stops the thread */
    PGconn *conn;
};

static pthread_mutex_t watches_lock = PTHREAD_MUTEX_INITIALIZER;
static struct watch *watches;

/* ---- connections and statements ---- */

struct pg {
    struct db base;
    PGconn *conn;
    struct watch *watch;
    long long changes; /* rows the last INSERT, UPDATE or DELETE changed */
    int broken;        /* remake the connection before the next statement */
    int ending;        /* the server said it ends the connection (on_notice) */
    int lost_tx;       /* it was lost inside a transaction: fail until rolled back */
    int wrote;         /* the open transaction wrote: move the version when it ends */
    int unnamed;       /* names do not hold on this connection: every statement sent whole */
    char msg[256];     /* what the server last said, for logs */
};

struct pg_stmt {
    struct db_stmt base;
    char *sql; /* with $N for ?N */
    int nparams;
    const char **values;   /* NULL: SQL NULL */
    int *lengths;          /* blobs' */
    int *formats;          /* 0 text, 1 binary (blobs) */
    Oid *types;            /* 0: let the server infer it */
    char **owned;          /* copies made by the _copy binds */
    char (*numbers)[32];   /* numbers as text */
    unsigned char *unused; /* numbers below the highest that sql does not name ("LIMIT ?5"
                              without ?4): sent as text NULL, or the server cannot type them */
    /* The named prepared statement of sql with these types, on backend pid ("" none yet). */
    char name[32];
    Oid *named_types;
    int named_pid;
    PGresult *res;
    int row; /* the current row of res */
    /* bytea columns of the current row, decoded when asked for */
    unsigned char **blobs;
    size_t *blob_lens;
    int nblobs;
};

#define PG(db)  ((struct pg *)(db))
#define STMT(s) ((struct pg_stmt *)(s))

/* ---- errors ---- */

/* SQLSTATE to class: the first entry that is a prefix of the state wins. */
static const struct {
    const char *state;
    int code;
} states[] = {
    {"23", DB_CONSTRAINT}, /* integrity_constraint_violation, 23505... */
    {"40001", DB_BUSY},    /* serialization_failure */
    {"40P01", DB_BUSY},    /* deadlock_detected */
    {"55P03", DB_BUSY},    /* lock_not_available */
    {"25006", DB_GONE},    /* read_only_sql_transaction: on a standby */
    {"57P0", DB_GONE},     /* admin_shutdown, crash_shutdown... */
    {"08", DB_GONE},       /* connection_exception (pgBouncer too) */
    {"54", DB_TOOBIG},     /* program_limit_exceeded */
};

static int class_of_state(const char *state)
{
    for (size_t i = 0; state && i < sizeof(states) / sizeof(states[0]); i++) {
        if (strncmp(state, states[i].state, strlen(states[i].state)) == 0) {
            return states[i].code;
        }
    }
    return DB_ERROR;
}

/* Keep a message for db_errmsg: its first line, without the newline libpq ends it with. */
static void say(struct pg *db, const char *state, const char *msg)
{
    size_t n = msg ? strcspn(msg, "\n") : 0;
    int len;

    len = state ? snprintf(db->msg, sizeof(db->msg), "%s: %.*s", state, (int)n, msg ? msg : "")
                : snprintf(db->msg, sizeof(db->msg), "%.*s", (int)n, msg ? msg : "");
    if (len < 0) {
        db->msg[0] = '\0';
    }
}

/* ---- the version ---- */

static void bump(struct pg *db)
{
    atomic_fetch_add(&db->watch->now, 1);
}

/* A statement ended: when it closed a transaction that wrote, or wrote outside one, the data
 * others may have read is changed now. */
static void ended(struct pg *db, int wrote)
{
    db->wrote |= wrote;
    if (db->wrote && PQtransactionStatus(db->conn) == PQTRANS_IDLE) {
        db->wrote = 0;
        bump(db);
    }
}

/* ---- connecting ---- */

/*
 * The server's warnings go to the log; its notices ("table does not exist, skipping") do not.
 * What a server says to an idle connection as it ends it (FATAL, or 57P0x: a shutdown, a
 * terminated backend) reaches libpq as a notice: arg, the connection's struct pg when given,
 * is then marked as ending, whether or not the close itself has arrived yet; went_away, before
 * the next statement outside a transaction, has it remade.
 */
static void on_notice(void *arg, const PGresult *r)
{
    const char *severity = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    struct pg *db = arg;

    if (db && ((severity && (!strcmp(severity, "FATAL") || !strcmp(severity, "PANIC"))) ||
               (state && !strncmp(state, "57P0", 4)))) {
        db->ending = 1;
    }
    if (severity && strcmp(severity, "WARNING") == 0) {
        log_warn("database: %s", msg ? msg : "a warning");
    }
}

/* A connection to uri; its notices go to on_notice with db (NULL for the listening one). */
static PGconn *connect_to(const char *uri, const char *application, struct pg *db)
{
    /* Later keywords win over what the URI says: the client encoding must be UTF-8. */
    const char *const keys[] = {"dbname", "fallback_application_name", "client_encoding", NULL};
    const char *const values[] = {uri, application, "UTF8", NULL};
    PGconn *conn = PQconnectdbParams(keys, values, 1);

    PQsetNoticeReceiver(conn, on_notice, db); /* kept by PQreset */
    return conn;
}

static int in_tx(struct pg *db)
{
    PGTransactionStatusType t = PQtransactionStatus(db->conn);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

/*
 * Whether an idle connection was closed by the server while nobody used it (a restart, a
 * failover, an idle timeout): libpq learns it only when it next reads, so a statement sent on
 * it would fail. A server that goes says why (on_notice marks the connection ending) and
 * closes; each read takes what has come of that.
 */
static int went_away(struct pg *db)
{
    struct pollfd p = {.fd = PQsocket(db->conn), .events = POLLIN};

    for (int reads = 0; reads < 4 && !db->ending && poll(&p, 1, 0) > 0; reads++) {
        if (!PQconsumeInput(db->conn) || PQstatus(db->conn) != CONNECTION_OK) {
            return 1;
        }
    }
    return db->ending;
}

/* Remake a lost connection, before a statement: DB_OK, or DB_GONE while it cannot be had. A
 * connection the server closed while it was idle is remade first, so the statement is not
 * lost with it. */
static int ready(struct pg *db)
{
    if (db->lost_tx) {
        say(db, NULL, "the connection was lost inside this transaction; roll it back");
        return DB_GONE;
    }
    if (!db->broken && PQstatus(db->conn) == CONNECTION_OK && (in_tx(db) || !went_away(db))) {
        return DB_OK;
    }
    PQreset(db->conn); /* the same parameters: every host again, target_session_attrs too */
    if (PQstatus(db->conn) != CONNECTION_OK) {
        db->broken = 1;
        say(db, NULL, PQerrorMessage(db->conn));
        return DB_GONE;
    }
    db->broken = 0;
    db->ending = 0;
    db->wrote = 0;
    bump(db); /* what was read before may be from another server now */
    log_info("database: connected again");
    return DB_OK;
}

/* The class of a command's result (taking r's error), noting a lost connection. */
static int result_code(struct pg *db, PGresult *r, int in_tx)
{
    const char *state;
    int code;

    switch (r ? PQresultStatus(r) : PGRES_FATAL_ERROR) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        return DB_OK;
    default:
        break;
    }
    state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    code = class_of_state(state);
    say(db, state,
        r && PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
            ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
            : PQerrorMessage(db->conn));
    if (PQstatus(db->conn) != CONNECTION_OK) {
        code = DB_GONE;
    }
    if (code == DB_GONE) {
        db->broken = 1;
        db->lost_tx = in_tx;
    }
    return code;
}

/* Run a command without parameters; *out (may be NULL) gets its result on success. */
static int command(struct pg *db, const char *sql, int wrote, PGresult **out)
{
    PGresult *r;
    int code, tx;

    if (out) {
        *out = NULL;
    }
    if ((code = ready(db)) != DB_OK) {
        return code;
    }
    tx = in_tx(db);
    r = PQexec(db->conn, sql);
    if ((code = result_code(db, r, tx)) == DB_OK) {
        ended(db, wrote);
        if (out) {
            *out = r;
            r = NULL;
        }
    }
    PQclear(r);
    return code;
}

/* ---- the watch ---- */

static PGconn *watch_connect(const char *uri)
{
    const char *direct = getenv("COMPACT_DB_LISTEN");
    PGconn *conn = connect_to(direct && *direct ? direct : uri, "compact-listen", NULL);
    PGresult *r;

    if (PQstatus(conn) == CONNECTION_OK) {
        r = PQexec(conn, "LISTEN " CHANNEL);
        if (PQresultStatus(r) == PGRES_COMMAND_OK) {
            PQclear(r);
            return conn;
        }
        PQclear(r);
    }
    PQfinish(conn);
    return NULL;
}

/* Wait up to ms for a byte on wake[0]: whether the thread should stop. */
static int asked_to_stop(struct watch *w, int ms)
{
    struct pollfd p = {.fd = w->wake[0], .events = POLLIN};
    return poll(&p, 1, ms) > 0;
}

static void *watch_run(void *arg)
{
    struct watch *w = arg;
    int wait_ms = 100;

    for (;;) {
        if (!w->conn) {
            if (asked_to_stop(w, wait_ms)) {
                break;
            }
            if ((w->conn = watch_connect(w->uri))) {
                atomic_fetch_add(&w->now, 1); /* what came meanwhile is unknown */
                atomic_store(&w->up, 1);
                log_info("database: listening for changes again");
                wait_ms = 100;
            } else if (wait_ms < 5000) {
                wait_ms *= 2;
            }
            continue;
        }
        struct pollfd p[2] = {{.fd = w->wake[0], .events = POLLIN},
                              {.fd = PQsocket(w->conn), .events = POLLIN}};
        if (poll(p, 2, -1) < 0) {
            continue; /* a signal */
        }
        if (p[0].revents) {
            break;
        }
        if (!PQconsumeInput(w->conn) || PQstatus(w->conn) != CONNECTION_OK) {
            atomic_store(&w->up, 0);
            log_warn("database: the listening connection was lost; caches are off until it is "
                     "back");
            PQfinish(w->conn);
            w->conn = NULL;
            continue;
        }
        for (PGnotify *n; (n = PQnotifies(w->conn)); PQfreemem(n)) {
            atomic_fetch_add(&w->now, 1);
        }
    }
    return NULL;
}

/* Start listening for w, under watches_lock: the first connection is made here, so the first
 * version is good; the thread remakes it when it is lost. */
static void watch_start(struct watch *w)
{
    if (pipe(w->wake) < 0) {
        log_error("database: no pipe for the listening thread");
        return;
    }
    if ((w->conn = watch_connect(w->uri))) {
        atomic_store(&w->up, 1);
    }
    if (pthread_create(&w->thread, NULL, watch_run, w) != 0) {
        log_error("database: cannot start the listening thread");
        PQfinish(w->conn);
        w->conn = NULL;
        atomic_store(&w->up, 0);
        close(w->wake[0]);
        close(w->wake[1]);
        return;
    }
    atomic_store(&w->started, 1);
}

static struct watch *watch_get(const char *uri)
{
    struct watch *w;

    pthread_mutex_lock(&watches_lock);
    for (w = watches; w && strcmp(w->uri, uri) != 0; w = w->next) {
    }
    if (!w) {
        w = xcalloc(1, sizeof(*w));
        w->uri = xstrdup(uri);
        atomic_init(&w->now, 1);
        atomic_init(&w->up, 0);
        atomic_init(&w->started, 0);
        w->next = watches;
        watches = w;
    }
    w->refs++;
    pthread_mutex_unlock(&watches_lock);
    return w;
}

static void watch_put(struct watch *w)
{
    struct watch **p;

    pthread_mutex_lock(&watches_lock);
    if (--w->refs > 0) {
        pthread_mutex_unlock(&watches_lock);
        return;
    }
    for (p = &watches; *p != w; p = &(*p)->next) {
    }
    *p = w->next;
    pthread_mutex_unlock(&watches_lock);
    if (atomic_load(&w->started)) {
        if (write(w->wake[1], "", 1) != 1) {
            log_error("database: cannot stop the listening thread");
        }
        pthread_join(w->thread, NULL);
        close(w->wake[0]);
        close(w->wake[1]);
    }
    PQfinish(w->conn);
    free(w->uri);
    free(w);
}

static int pg_version(struct db *base, long long *out)
{
    struct watch *w = PG(base)->watch;

    if (!atomic_load(&w->started)) {
        pthread_mutex_lock(&watches_lock);
        if (!atomic_load(&w->started)) {
            watch_start(w);
        }
        pthread_mutex_unlock(&watches_lock);
    }
    if (!atomic_load(&w->up)) {
        return ERR_DB; /* nothing is known: cache nothing */
    }
    *out = atomic_load(&w->now);
    return 0;
}

/* ---- the driver's methods ---- */

static void pg_close(struct db *base)
{
    struct pg *db = PG(base);

    PQfinish(db->conn);
    if (db->watch) {
        watch_put(db->watch);
    }
    free(db);
}

static int pg_open(const char *uri, unsigned flags, struct db **out)
{
    struct pg *db = xcalloc(1, sizeof(*db));
    int ret = ERR_DB;

    (void)flags; /* read-only is the role's to say; the database is made by its owner */
    db->base.drv = &db_pg_driver;
    db->conn = connect_to(uri, "compact", db);
    if (PQstatus(db->conn) != CONNECTION_OK) {
        say(db, NULL, PQerrorMessage(db->conn));
        log_error("database: cannot connect to PostgreSQL: %s", db->msg);
        goto cleanup;
    }
    db->watch = watch_get(uri);
    *out = &db->base;
    db = NULL;
    ret = 0;
cleanup:
    if (db) {
        pg_close(&db->base);
    }
    return ret;
}

/* The length of the string literal, quoted name or comment that starts at p, or 0. */
static size_t quoted(const char *p)
{
    const char *end;

    if (*p == '\'' || *p == '"') {
        for (end = p + 1; *end; end++) {
            if (*end == *p && end[1] == *p) {
                end++; /* a doubled quote stands for itself */
            } else if (*end == *p) {
                return (size_t)(end + 1 - p);
            }
        }
        return strlen(p);
    }
    if (p[0] == '-' && p[1] == '-') {
        end = strchr(p, '\n');
        return end ? (size_t)(end + 1 - p) : strlen(p);
    }
    if (p[0] == '/' && p[1] == '*') {
        end = strstr(p + 2, "*/");
        return end ? (size_t)(end + 2 - p) : strlen(p);
    }
    return 0;
}

/*
 * sql with each ?N as $N, and each bare ? as the next number, as SQLite numbers it; string
 * literals, quoted names and comments left alone. *nparams is the highest number; *used (the
 * caller frees it) says, for each number from 1, whether sql names it. NULL for a number past
 * SQLite's limit (32766).
 */
static char *rewrite(const char *sql, int *nparams, unsigned char **used)
{
    unsigned char *seen = xcalloc(strlen(sql) + 1, 1); /* no more numbers than characters */
    size_t len = strlen(sql), marks = 0, o = 0, n;
    char *out;
    int max = 0;

    for (const char *p = sql; (p = strchr(p, '?')); p++) {
        marks++;
    }
    out = xmalloc(st_add(len, st_mult(marks, 8)) + 1); /* "?" may become "$32766" */
    for (size_t i = 0; i < len;) {
        if ((n = quoted(sql + i))) {
            memcpy(out + o, sql + i, n);
            o += n;
            i += n;
        } else if (sql[i] == '?') {
            long v = 0;
            size_t digits = 0;
            while (sql[i + 1 + digits] >= '0' && sql[i + 1 + digits] <= '9' && v <= 32766) {
                v = v * 10 + (sql[i + 1 + digits] - '0');
                digits++;
            }
            v = digits ? v : max + 1;
            if (v < 1 || v > 32766 || (size_t)v > len) {
                free(out);
                free(seen);
                return NULL;
            }
            seen[v - 1] = 1;
            o += (size_t)snprintf(out + o, 8, "$%ld", v); /* at most 6 characters: fits */
            i += 1 + digits;
            max = (int)v > max ? (int)v : max;
        } else {
            out[o++] = sql[i++];
        }
    }
    out[o] = '\0';
    *nparams = max;
    *used = seen;
    return out;
}

static int pg_prepare(struct db *base, const char *sql, struct db_stmt **out)
{
    struct pg_stmt *s;
    unsigned char *used = NULL;
    char *text;
    int n = 0;

    if (!(text = rewrite(sql, &n, &used))) {
        say(PG(base), NULL, "a parameter number is out of range");
        return DB_ERROR;
    }
    s = xcalloc(1, sizeof(*s));
    s->base.db = base;
    s->sql = text;
    s->nparams = n;
    if (n) {
        s->values = xcalloc((size_t)n, sizeof(*s->values));
        s->lengths = xcalloc((size_t)n, sizeof(*s->lengths));
        s->formats = xcalloc((size_t)n, sizeof(*s->formats));
        s->types = xcalloc((size_t)n, sizeof(*s->types));
        s->owned = xcalloc((size_t)n, sizeof(*s->owned));
        s->numbers = xcalloc((size_t)n, sizeof(*s->numbers));
        s->unused = xcalloc((size_t)n, 1);
        s->named_types = xcalloc((size_t)n, sizeof(*s->named_types));
        for (int k = 0; k < n; k++) {
            s->unused[k] = !used[k];
        }
    }
    free(used);
    *out = &s->base;
    return DB_OK;
}

static void drop_blobs(struct pg_stmt *s)
{
    for (int i = 0; i < s->nblobs; i++) {
        PQfreemem(s->blobs[i]);
    }
    free(s->blobs);
    free(s->blob_lens);
    s->blobs = NULL;
    s->blob_lens = NULL;
    s->nblobs = 0;
}

static void unbind(struct pg_stmt *s)
{
    for (int i = 0; i < s->nparams; i++) {
        free(s->owned[i]);
        s->owned[i] = NULL;
        s->values[i] = NULL;
        s->lengths[i] = 0;
        s->formats[i] = 0;
        s->types[i] = 0;
    }
}

static void pg_reset(struct db_stmt *base)
{
    struct pg_stmt *s = STMT(base);

    drop_blobs(s);
    PQclear(s->res);
    s->res = NULL;
    s->row = 0;
    unbind(s);
}

static void pg_finalize(struct db_stmt *base)
{
    struct pg_stmt *s = STMT(base);

    pg_reset(base);
    free(s->values);
    free(s->lengths);
    free(s->formats);
    free(s->types);
    free(s->owned);
    free(s->numbers);
    free(s->unused);
    free(s->named_types);
    free(s->sql);
    free(s);
}

/* Parameter i (from 1) ready for a new value: its index from 0, or -1 out of range (a bind
 * that does nothing). */
static int slot(struct pg_stmt *s, int i)
{
    if (i < 1 || i > s->nparams) {
        return -1;
    }
    free(s->owned[i - 1]);
    s->owned[i - 1] = NULL;
    s->formats[i - 1] = 0;
    s->lengths[i - 1] = 0;
    return i - 1;
}

static void pg_bind_text(struct db_stmt *base, int i, const char *x, int copy)
{
    struct pg_stmt *s = STMT(base);
    int k = slot(s, i);

    if (k < 0) {
        return;
    }
    s->types[k] = OID_TEXT; /* a NULL said as text is a text too: "?1 IS NULL" needs a type */
    s->values[k] = x && copy ? (s->owned[k] = xstrdup(x)) : x;
}

static void pg_bind_blob(struct db_stmt *base, int i, const void *p, size_t n, int copy)
{
    struct pg_stmt *s = STMT(base);
    int k = slot(s, i);

    if (k < 0) {
        return;
    }
    if (n > INT_MAX) {
        die("store: a blob of %zu bytes", n); /* requests are capped far below */
    }
    s->types[k] = OID_BYTEA;
    s->formats[k] = 1;
    s->lengths[k] = (int)n;
    s->values[k] = p && copy ? (s->owned[k] = xmemdupz(p, n)) : p;
}

static void pg_bind_int64(struct db_stmt *base, int i, long long v)
{
    struct pg_stmt *s = STMT(base);
    int k = slot(s, i);

    if (k < 0) {
        return;
    }
    snprintf(s->numbers[k], sizeof(s->numbers[k]), "%lld", v); /* 20 digits and a sign fit */
    s->types[k] = OID_INT8;
    s->values[k] = s->numbers[k];
}

static void pg_bind_double(struct db_stmt *base, int i, double v)
{
    struct pg_stmt *s = STMT(base);
    int k = slot(s, i);

    if (k < 0) {
        return;
    }
    if (isnan(v)) {
        s->values[k] = "NaN";
    } else if (isinf(v)) {
        s->values[k] = v > 0 ? "Infinity" : "-Infinity";
    } else {
        snprintf(s->numbers[k], sizeof(s->numbers[k]), "%.17g", v); /* at most 24 characters */
        s->values[k] = s->numbers[k];
    }
    s->types[k] = OID_FLOAT8;
}

static void pg_bind_null(struct db_stmt *base, int i)
{
    struct pg_stmt *s = STMT(base);
    int k = slot(s, i);

    if (k < 0) {
        return;
    }
    s->types[k] = 0; /* no type: the server takes the column's */
    s->values[k] = NULL;
}

/* Whether a command tag names a write that changed rows (INSERT 0 n, UPDATE n, ...). */
static int is_write(PGresult *r)
{
    const char *tag = PQcmdStatus(r);
    return strncmp(tag, "INSERT", 6) == 0 || strncmp(tag, "UPDATE", 6) == 0 ||
           strncmp(tag, "DELETE", 6) == 0 || strncmp(tag, "MERGE", 5) == 0;
}

/* ---- named statements ----
 *
 * The name is the statement's content, a hash of its text and its parameters' types, so that
 * whichever server session holds a statement of that name holds this very statement: a pooler
 * that hands the connection another session can make a name missing, never wrong. A statement
 * is prepared when first run outside a transaction (or with other types, or on a new backend
 * after a reconnect); "already exists" means another of this session's statements, or another
 * client through a pooler, made the same one. A name missing where it was made means a pooler
 * moved the session: the connection stops naming statements for good (logged once), and the
 * statement is sent whole, nothing having run.
 */

/* 64-bit FNV-1a of n bytes at p, on from h. */
static unsigned long long fnv(unsigned long long h, const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 0x100000001b3ULL;
    }
    return h;
}

/* Whether the state of r is sqlstate. */
static int state_is(PGresult *r, const char *sqlstate)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    return state && strcmp(state, sqlstate) == 0;
}

/* Prepare s under its name for its types now, unless this backend has it: whether it has. */
static int named(struct pg *db, struct pg_stmt *s)
{
    size_t types = (size_t)s->nparams * sizeof(*s->types);
    int pid = PQbackendPID(db->conn), ok;
    PGresult *r;

    if (s->name[0] && s->named_pid == pid && (!types || !memcmp(s->named_types, s->types, types))) {
        return 1;
    }
    snprintf(s->name, sizeof(s->name), "compact_%016llx",
             fnv(fnv(0xcbf29ce484222325ULL, s->sql, strlen(s->sql) + 1), s->types, types));
    r = PQprepare(db->conn, s->name, s->sql, s->nparams, s->types);
    ok = PQresultStatus(r) == PGRES_COMMAND_OK ||
         state_is(r, "42P05"); /* duplicate_prepared_statement */
    PQclear(r);
    if (!ok) {
        s->name[0] = '\0'; /* sent whole, it says what is wrong */
        return 0;
    }
    if (types) {
        memcpy(s->named_types, s->types, types);
    }
    s->named_pid = pid;
    return 1;
}

/* Run s as its named statement: its result, or NULL to send it whole (nothing ran). */
static PGresult *run_named(struct pg *db, struct pg_stmt *s)
{
    PGresult *r;

    if (!named(db, s)) {
        return NULL;
    }
    r = PQexecPrepared(db->conn, s->name, s->nparams, s->values, s->lengths, s->formats, 0);
    if (!state_is(r, "26000")) { /* invalid_sql_statement_name: not in this session */
        return r;
    }
    PQclear(r);
    s->name[0] = '\0';
    db->unnamed = 1;
    log_info("database: a prepared statement vanished from the session (a pooler in "
             "transaction mode?); this connection sends every statement whole from now on");
    return NULL;
}

static int pg_step(struct db_stmt *base)
{
    struct pg_stmt *s = STMT(base);
    struct pg *db = PG(base->db);
    int code, tx;

    drop_blobs(s);
    if (s->res) { /* the next row of what the first step read */
        if (++s->row < PQntuples(s->res)) {
            return DB_ROW;
        }
        PQclear(s->res);
        s->res = NULL;
        return DB_DONE;
    }
    if ((code = ready(db)) != DB_OK) {
        return code;
    }
    tx = in_tx(db);
    for (int k = 0; k < s->nparams; k++) {
        if (s->unused[k]) { /* a bind to it is ignored, as SQLite ignores it */
            s->types[k] = OID_TEXT;
            s->values[k] = NULL;
            s->formats[k] = 0;
        }
    }
    s->res = tx || db->unnamed || base->plan_each ? NULL : run_named(db, s);
    if (!s->res) {
        s->res = PQexecParams(db->conn, s->sql, s->nparams, s->types, s->values, s->lengths,
                              s->formats, 0);
    }
    if ((code = result_code(db, s->res, tx)) != DB_OK) {
        PQclear(s->res);
        s->res = NULL;
        return code;
    }
    if (is_write(s->res)) {
        char *end;
        base->db->landed += !tx;
        db->changes = strtoll(PQcmdTuples(s->res), &end, 10);
        ended(db, db->changes > 0);
    } else {
        ended(db, 0);
    }
    s->row = 0;
    if (PQresultStatus(s->res) == PGRES_TUPLES_OK && PQntuples(s->res) > 0) {
        return DB_ROW;
    }
    PQclear(s->res);
    s->res = NULL;
    return DB_DONE;
}

/* Whether column i of the current row exists. */
static int has(struct pg_stmt *s, int i)
{
    return s->res && i >= 0 && i < PQnfields(s->res) && s->row < PQntuples(s->res);
}

static int pg_column_count(struct db_stmt *base)
{
    return STMT(base)->res ? PQnfields(STMT(base)->res) : 0;
}

static int pg_column_is_null(struct db_stmt *base, int i)
{
    struct pg_stmt *s = STMT(base);
    return !has(s, i) || PQgetisnull(s->res, s->row, i);
}

static const char *pg_column_text(struct db_stmt *base, int i)
{
    struct pg_stmt *s = STMT(base);
    return pg_column_is_null(base, i) ? NULL : PQgetvalue(s->res, s->row, i);
}

/* The bytes of bytea column i of the current row, decoded from the server's hex once. */
static const unsigned char *blob_of(struct pg_stmt *s, int i, size_t *len)
{
    if (!s->blobs) {
        s->nblobs = PQnfields(s->res);
        s->blobs = xcalloc((size_t)s->nblobs, sizeof(*s->blobs));
        s->blob_lens = xcalloc((size_t)s->nblobs, sizeof(*s->blob_lens));
    }
    if (!s->blobs[i]) {
        s->blobs[i] =
            PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, i), &s->blob_lens[i]);
        if (!s->blobs[i]) {
            die("out of memory decoding a bytea column");
        }
    }
    *len = s->blob_lens[i];
    return s->blobs[i];
}

static const void *pg_column_blob(struct db_stmt *base, int i)
{
    struct pg_stmt *s = STMT(base);
    size_t len;

    if (pg_column_is_null(base, i)) {
        return NULL;
    }
    if (PQftype(s->res, i) == OID_BYTEA) {
        return blob_of(s, i, &len);
    }
    return PQgetvalue(s->res, s->row, i);
}

static int pg_column_bytes(struct db_stmt *base, int i)
{
    struct pg_stmt *s = STMT(base);
    size_t len;

    if (pg_column_is_null(base, i)) {
        return 0;
    }
    if (PQftype(s->res, i) == OID_BYTEA) {
        blob_of(s, i, &len);
        return len > INT_MAX ? INT_MAX : (int)len;
    }
    return PQgetlength(s->res, s->row, i);
}

static long long pg_column_int64(struct db_stmt *base, int i)
{
    struct pg_stmt *s = STMT(base);
    const char *v = pg_column_text(base, i);

    if (!v) {
        return 0;
    }
    if (PQftype(s->res, i) == OID_BOOL) {
        return v[0] == 't';
    }
    return strtoll(v, NULL, 10);
}

static double pg_column_double(struct db_stmt *base, int i)
{
    const char *v = pg_column_text(base, i);
    return v ? strtod(v, NULL) : 0.0;
}

static long long pg_changes(struct db *base)
{
    return PG(base)->changes;
}

static int pg_exec(struct db *base, const char *script)
{
    return command(PG(base), script, 1, NULL);
}

static int pg_begin(struct db *base)
{
    return command(PG(base), "BEGIN ISOLATION LEVEL SERIALIZABLE", 0, NULL);
}

/*
 * A bulk write (an import publishing) is thousands of upserts, each whole by itself, over
 * seconds: SERIALIZABLE would fail it at the end (40001) whenever a server wrote meanwhile,
 * and running it again would meet the next writes. READ COMMITTED lets both go on; its one
 * commit still makes it all or nothing.
 */
static int pg_begin_bulk(struct db *base)
{
    return command(PG(base), "BEGIN ISOLATION LEVEL READ COMMITTED", 0, NULL);
}

static int pg_commit(struct db *base)
{
    struct pg *db = PG(base);
    PGresult *r;
    int code = command(db, "COMMIT", 0, &r);

    /* COMMIT of a transaction that had failed answers ROLLBACK, without an error. */
    if (code == DB_OK && strcmp(PQcmdStatus(r), "COMMIT") != 0) {
        say(db, NULL, "the transaction had failed and was rolled back");
        code = base->last != DB_OK ? base->last : DB_ERROR;
    }
    PQclear(r);
    return code;
}

static int pg_rollback(struct db *base)
{
    struct pg *db = PG(base);

    db->lost_tx = 0;
    if (db->broken || PQstatus(db->conn) != CONNECTION_OK || !in_tx(db)) {
        return DB_OK;
    }
    return command(db, "ROLLBACK", 0, NULL);
}

static int pg_in_transaction(struct db *base)
{
    return PG(base)->lost_tx || in_tx(PG(base));
}

static int pg_schema_version(struct db *base, int *out)
{
    struct pg *db = PG(base);
    PGresult *r;
    int code = command(db, "SELECT to_regclass('schema_version') IS NOT NULL", 0, &r), has_table;

    if (code != DB_OK) {
        return db_err(base, code);
    }
    has_table = PQntuples(r) == 1 && PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (!has_table) {
        return 0;
    }
    code = command(db, "SELECT coalesce(max(version), 0) FROM schema_version", 0, &r);
    if (code != DB_OK) {
        return db_err(base, code);
    }
    *out = PQntuples(r) == 1 ? (int)strtol(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    return 0;
}

static int pg_backup(struct db *base, const char *path)
{
    (void)base;
    (void)path;
    log_error("backup: a PostgreSQL database is backed up with its own tools: "
              "pg_dump --format=custom --file=FILE 'postgresql://...' (docs/DEPLOYMENT.md)");
    return ERR_INVALID;
}

/* ---- COPY ---- */

static int pg_copy_begin(struct db *base, const char *sql)
{
    struct pg *db = PG(base);
    PGresult *r;
    int code, tx;

    if ((code = ready(db)) != DB_OK) {
        return code;
    }
    tx = in_tx(db);
    r = PQexec(db->conn, sql);
    if (r && PQresultStatus(r) == PGRES_COPY_IN) {
        PQclear(r);
        return DB_OK;
    }
    code = result_code(db, r, tx);
    PQclear(r);
    return code == DB_OK ? DB_ERROR : code; /* not a COPY FROM STDIN */
}

static int pg_copy_put(struct db *base, const void *data, size_t len)
{
    struct pg *db = PG(base);
    const char *p = data;

    while (len) { /* PQputCopyData takes an int's worth at a time */
        int n = len > (1 << 30) ? 1 << 30 : (int)len;
        if (PQputCopyData(db->conn, p, n) != 1) {
            say(db, NULL, PQerrorMessage(db->conn));
            if (PQstatus(db->conn) != CONNECTION_OK) {
                db->broken = 1;
                db->lost_tx = in_tx(db);
                return DB_GONE;
            }
            return DB_ERROR;
        }
        p += n;
        len -= (size_t)n;
    }
    return DB_OK;
}

static int pg_copy_end(struct db *base, const char *abort_why)
{
    struct pg *db = PG(base);
    PGresult *r;
    int code = DB_OK, tx = in_tx(db);

    if (PQputCopyEnd(db->conn, abort_why) != 1) {
        say(db, NULL, PQerrorMessage(db->conn));
        code = PQstatus(db->conn) != CONNECTION_OK ? DB_GONE : DB_ERROR;
    }
    /* the COPY's result, then NULL: every result read, so the connection is ready again */
    while ((r = PQgetResult(db->conn))) {
        if (code == DB_OK) {
            code = result_code(db, r, tx);
            if (code == DB_OK) {
                const char *rows = PQcmdTuples(r);
                db->changes = rows && *rows ? strtoll(rows, NULL, 10) : 0;
            }
        }
        PQclear(r);
    }
    if (code == DB_GONE) {
        db->broken = 1;
        db->lost_tx = tx;
    }
    if (code == DB_OK && abort_why) {
        code = DB_ERROR;
    }
    if (code == DB_OK) {
        ended(db, 1);
    }
    return code;
}

static const char *pg_errmsg(struct db *base)
{
    return PG(base)->msg;
}

const struct db_driver db_pg_driver = {
    .name = "postgresql",
    .kind = DB_PG,
    .open = pg_open,
    .close = pg_close,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .reset = pg_reset,
    .column_count = pg_column_count,
    .column_is_null = pg_column_is_null,
    .column_text = pg_column_text,
    .column_blob = pg_column_blob,
    .column_bytes = pg_column_bytes,
    .column_int64 = pg_column_int64,
    .column_double = pg_column_double,
    .changes = pg_changes,
    .exec = pg_exec,
    .begin = pg_begin,
    .begin_bulk = pg_begin_bulk, /* no single writer lock to keep servers off */
    .commit = pg_commit,
    .rollback = pg_rollback,
    .in_transaction = pg_in_transaction,
    .version = pg_version,
    .schema_version = pg_schema_version,
    .backup = pg_backup,
    .errmsg = pg_errmsg,
    .copy_begin = pg_copy_begin,
    .copy_put = pg_copy_put,
    .copy_end = pg_copy_end,
};

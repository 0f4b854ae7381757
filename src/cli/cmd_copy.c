/* compact copy --from DB --to DB: a whole database into a new or empty one, either engine. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "base/err.h"
#include "base/banned.h"

static const struct opt_cmd copy_cmd = {
    NULL, 0,
    "Copy the whole database --from names into the one --to names, SQLite or PostgreSQL either\n"
    "way (a path is SQLite, a postgresql:// URI PostgreSQL), in one transaction: all of it or,\n"
    "on any failure, nothing. The target must be new or empty: an SQLite file that is not\n"
    "there (it is made, and removed again if the copy fails) or has no tables, or a\n"
    "PostgreSQL database without tables (createdb). Its schema is made by the migrations;\n"
    "the source must be at this program's schema version (compact migrate). Every row is\n"
    "copied as it is, ids, accounts, tokens and the audit trail with them; servers may go on\n"
    "reading the source meanwhile. A progress bar goes to standard error when it is a\n"
    "terminal; the summary to standard output.\n"};

struct progress {
    struct cmd_bar bar;
};

static void on_progress(unsigned long long done, unsigned long long total, const char *table,
                        void *ctx)
{
    cmd_bar_draw(&((struct progress *)ctx)->bar, done, total, table);
}

/* Why a copy that ran failed, in words. */
static const char *failure(int ret)
{
    switch (ret) {
    case ERR_CONFLICT:
        return "a row broke a constraint of the target";
    case ERR_BUSY:
        return "the target stayed busy with other writes";
    default:
        return err_str(ret);
    }
}

/* Say in one line why c refused or failed (ret), from and to as messages show them; migrate:
 * what to tell compact migrate's --db (a path as it is; a URI, which may hold a password, not). */
static void explain(const struct store_copy *c, int ret, const char *from, const char *to,
                    const char *migrate)
{
    fputs("compact copy: ", stderr);
    switch (c->refused) {
    case STORE_COPY_BAD_URI:
        fprintf(stderr, "--%s '%s' is neither an SQLite path nor a postgresql:// URI\n", c->what,
                strcmp(c->what, "to") == 0 ? to : from);
        break;
    case STORE_COPY_NO_SOURCE:
        fprintf(stderr, "no database at '%s'\n", from);
        break;
    case STORE_COPY_SOURCE_FAILED:
        fprintf(stderr, "cannot read '%s': %s\n", from, err_str(ret));
        break;
    case STORE_COPY_SOURCE_OLD:
        fprintf(stderr,
                "'%s' is at schema version %d and this program's is %d: bring it up to date "
                "with 'compact migrate --db %s' first\n",
                from, c->version, store_schema_latest(), migrate);
        break;
    case STORE_COPY_SOURCE_NEW:
        fprintf(stderr,
                "'%s' is at schema version %d, newer than this program's %d: copy it with the "
                "newer compact\n",
                from, c->version, store_schema_latest());
        break;
    case STORE_COPY_SOURCE_UNKNOWN:
        fprintf(stderr, "'%s' has a schema this program does not copy, at '%s'\n", from, c->what);
        break;
    case STORE_COPY_TARGET_FAILED:
        fprintf(stderr, "cannot open '%s': %s\n", to,
                ret == ERR_NOT_FOUND ? "no such folder" : err_str(ret));
        break;
    case STORE_COPY_TARGET_USED:
        fprintf(stderr,
                "'%s' is not empty (it has the table '%s'): copy into a new SQLite file or a "
                "PostgreSQL database without tables\n",
                to, c->what);
        break;
    case STORE_COPY_RAN:
        fprintf(stderr, "the copy failed%s%s%s (%s); nothing was copied, '%s' is as it was\n",
                c->what[0] ? " at the table '" : "", c->what, c->what[0] ? "'" : "", failure(ret),
                to);
        break;
    }
}

int cmd_copy(int argc, char **argv)
{
    const char *from = NULL, *to = NULL, *from_shown, *to_shown;
    char from_buf[DB_SHOWN_MAX], to_buf[DB_SHOWN_MAX];
    struct progress p;
    struct store_copy c = {0};
    int ret;
    const struct opt opts[] = {
        OPT_STRING_REQUIRED("from", "DB", &from, "the database to copy: a path or a URI"),
        OPT_STRING_REQUIRED("to", "DB", &to,
                            "the new or empty database to copy it into: a path or a URI"),
        OPT_END(),
    };

    if ((ret = opt_parse(&copy_cmd, opts, argc, argv)) != OPT_RUN) {
        return ret;
    }
    from_shown = db_shown(from, from_buf);
    to_shown = db_shown(to, to_buf);
    if (strcmp(from, to) == 0) {
        fprintf(stderr, "compact copy: --from and --to name the same database\n");
        return EXIT_FAIL;
    }
    cmd_bar_init(&p.bar);
    c.progress = p.bar.tty ? on_progress : NULL;
    c.ctx = &p;
    ret = store_copy(from, to, &c);
    cmd_bar_end(&p.bar);
    if (ret < 0) {
        explain(&c, ret, from_shown, to_shown, from_shown == from ? from : "URI");
        return EXIT_FAIL;
    }
    printf("copied %llu rows of %zu tables from %s to %s (schema version %d)\n", c.rows, c.tables,
           from_shown, to_shown, c.version);
    return cmd_finish_output();
}

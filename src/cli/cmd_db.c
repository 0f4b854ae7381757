/* compact init, migrate, backup and version: the database's life. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "ingest/ingest.h"
#include "base/err.h"
#include "base/banned.h"

static const struct opt_cmd init_cmd = {
    NULL, 0,
    "Create the database (and its folder) if it is not there, bring its schema up to date and\n"
    "load the reference data shipped with the program: England's local authorities, as they\n"
    "stood in 2009-2019 and today, and the library's first case studies and resources (once:\n"
    "later edits stand). Safe to run again: it updates what is there.\n"};
static const struct opt_cmd migrate_cmd = {
    NULL, 0, "Apply the schema changes the database lacks, each in its own transaction.\n"};
static const struct opt_cmd backup_cmd = {
    "FILE", 1,
    "Copy the database to FILE, a new file, while the service runs (SQLite's online backup).\n"};
static const struct opt_cmd version_cmd = {
    NULL, 0, "Print the program's version and the newest schema version it knows.\n"};

/* Read the options of a command that takes --db alone into *db: OPT_RUN, else the exit code. */
static int parse_db_opts(const struct opt_cmd *c, int argc, char **argv, const char **db)
{
    const struct opt opts[] = {OPT_DB(db), OPT_END()};
    return opt_parse(c, opts, argc, argv);
}

/* Make the folders leading to path, like mkdir -p of its dirname. */
static int make_parent_dirs(const char *path)
{
    char dir[4096];
    size_t len = strlen(path);
    if (len >= sizeof(dir)) {
        return ERR_INVALID;
    }
    memcpy(dir, path, len + 1);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/') {
            continue;
        }
        *p = '\0';
        if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
            return ERR_IO;
        }
        *p = '/';
    }
    return 0;
}

int cmd_init(int argc, char **argv)
{
    struct store *st;
    struct buf err = BUF_INIT;
    const char *db;
    char shown[DB_SHOWN_MAX];
    size_t count, library = 0;
    int ret, version = 0;

    if ((ret = parse_db_opts(&init_cmd, argc, argv, &db)) != OPT_RUN) {
        return ret;
    }
    /* A URI (postgresql://...) names a server's database: there is no folder to make. */
    if (strcmp(db, ":memory:") != 0 && !store_uri_is_pg(db) && make_parent_dirs(db) < 0) {
        fprintf(stderr, "compact: cannot create the folder for '%s': %s\n", db, strerror(errno));
        return EXIT_FAIL;
    }
    if (!(st = cmd_open_db(db, 1))) {
        return EXIT_FAIL;
    }
    ret = ingest_reference_data(st, &count, &err);
    /* Two inits at once on one PostgreSQL database both load the library's first entries: the
     * one that loses a key's race is refused (busy or conflict), and loading again finds that key
     * recorded as loaded and skips it. */
    for (int tries = 0; ret == 0; tries++) {
        struct timespec pause = {0, 50000000L * (tries + 1)};
        buf_reset(&err);
        ret = ingest_library(st, &library, &err);
        if ((ret != ERR_BUSY && ret != ERR_CONFLICT) || tries == 4) {
            break;
        }
        ret = 0;
        nanosleep(&pause, NULL);
    }
    if (ret == 0) {
        ret = store_schema_version(st, &version);
    }
    store_close(st);
    if (ret < 0) {
        fprintf(stderr, "compact: cannot load the reference data: %s\n",
                err.len ? err.data : err_str(ret));
        buf_release(&err);
        return EXIT_FAIL;
    }
    buf_release(&err);
    printf("%s: schema version %d, %zu local authorities\n", db_shown(db, shown), version, count);
    return EXIT_OK;
}

int cmd_migrate(int argc, char **argv)
{
    size_t written;
    struct store *st;
    const char *db;
    char shown[DB_SHOWN_MAX];
    int ret, from = 0, to = 0;

    if ((ret = parse_db_opts(&migrate_cmd, argc, argv, &db)) != OPT_RUN) {
        return ret;
    }
    if ((ret = store_open(db, 0, &st)) < 0) {
        fprintf(stderr, "compact: cannot open database '%s': %s\n", db_shown(db, shown),
                ret == ERR_NOT_FOUND ? "no such file; create it with 'compact init'"
                                     : err_str(ret));
        return EXIT_FAIL;
    }
    ret = store_migrate(st, &from, &to);
    if (ret < 0) {
        store_close(st);
        fprintf(stderr, "compact: migration failed: %s\n",
                ret == ERR_CONFLICT ? "the database is newer than this program" : err_str(ret));
        return EXIT_FAIL;
    }
    /* what the API's lists keep of each authority, as this program writes it */
    ret = db_authority_json(st, &written);
    store_close(st);
    if (ret < 0) {
        fprintf(stderr, "compact: cannot write the authorities' JSON: %s\n", err_str(ret));
        return EXIT_FAIL;
    }
    if (from == to) {
        printf("%s: schema version %d, up to date\n", db_shown(db, shown), to);
    } else {
        printf("%s: schema version %d -> %d\n", db_shown(db, shown), from, to);
    }
    return EXIT_OK;
}

int cmd_backup(int argc, char **argv)
{
    const char *file;
    struct store *st;
    const char *db;
    int ret;

    if ((ret = parse_db_opts(&backup_cmd, argc, argv, &db)) != OPT_RUN) {
        return ret;
    }
    file = argv[1];
    if (access(file, F_OK) == 0) {
        fprintf(stderr, "compact: '%s' exists already; name a new file\n", file);
        return EXIT_FAIL;
    }
    if (!(st = cmd_open_db(db, 0))) {
        return EXIT_FAIL;
    }
    ret = store_backup(st, file);
    store_close(st);
    if (ret < 0) {
        fprintf(stderr, "compact: backup to '%s' failed: %s\n", file, err_str(ret));
        unlink(file);
        return EXIT_FAIL;
    }
    printf("backed up %s to %s\n", db, file);
    return EXIT_OK;
}

int cmd_version(int argc, char **argv)
{
    static const struct opt none[] = {OPT_END()};
    int ret;

    if ((ret = opt_parse(&version_cmd, none, argc, argv)) != OPT_RUN) {
        return ret;
    }
    printf("compact %s (schema version %d)\n", COMPACT_VERSION, store_schema_latest());
    return EXIT_OK;
}

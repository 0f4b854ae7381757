/* The command table and the commands' shared helpers. */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/banned.h"

static const struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"serve", cmd_serve, "serve the web application and API"},
    {"init", cmd_init, "create a database and load the reference data"},
    {"migrate", cmd_migrate, "bring a database's schema up to date"},
    {"backup", cmd_backup, "copy the database to a file while it is in use"},
    {"user", cmd_user, "add, list and disable the people who sign in"},
    {"token", cmd_token, "add, list and revoke API tokens for scripts"},
    {"audit", cmd_audit, "show the history of a user, token or Compact"},
    /* register */
    {"import", cmd_import, "import organisations, Compacts, signatories, grants or contracts"},
    {"export", cmd_export, "write the whole register as JSON"},
    {"demo", cmd_demo, "load a fictional demo set (demo load)"},
    {"version", cmd_version, "print the version"},
    {"recheck", cmd_recheck, "check every recorded activity again, as of today"},
    /* coverage */
    {"coverage", cmd_coverage, "which authorities local Compacts cover on a date"},
    {"check", cmd_check, "check an activity against the Compact (JSON in, JSON out)"},
    {"routes", cmd_routes, "print the route table and who may use each route"},
    /* open data */
    {"indicators", cmd_indicators, "a funder's or buyer's open data indicators"},
};

static int usage(FILE *out)
{
    fputs("usage: compact <command> [options]\n\n"
          "Compact Hub: the register of local Compacts in England.\n\ncommands:\n",
          out);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
    fputs("\n'compact <command> --help' tells more of each. The database is --db PATH, else\n"
          "$COMPACT_DB, else " DEFAULT_DB ".\n",
          out);
    return out == stdout ? EXIT_OK : EXIT_USAGE;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        return usage(stderr);
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        return usage(stdout);
    }
    if (!strcmp(argv[1], "--version")) {
        return cmd_version(1, argv + 1);
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            return commands[i].fn(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "compact: unknown command '%s'; see 'compact --help'\n", argv[1]);
    return EXIT_USAGE;
}

const char *cmd_db_path(const char *opt)
{
    const char *env = getenv("COMPACT_DB");
    if (opt) {
        return opt;
    }
    return env && *env ? env : DEFAULT_DB;
}

struct store *cmd_open_db(const char *path, int create)
{
    struct store *st;
    int ret = store_open(path, create ? STORE_CREATE : 0, &st), from, to, seeded;

    if (ret == ERR_NOT_FOUND) {
        fprintf(stderr, "compact: no database at '%s'; create one with 'compact init --db %s'\n",
                path, path);
        return NULL;
    }
    if (ret < 0) {
        fprintf(stderr, "compact: cannot open database '%s': %s\n", path, err_str(ret));
        return NULL;
    }
    if ((ret = store_migrate(st, &from, &to)) < 0) {
        fprintf(stderr, "compact: cannot bring the schema of '%s' up to date: %s\n", path,
                ret == ERR_CONFLICT ? "it is newer than this program" : err_str(ret));
        store_close(st);
        return NULL;
    }
    if ((ret = store_commitments_seed(st, &seeded)) < 0) {
        fprintf(stderr, "compact: cannot put the commitments catalogue into '%s': %s\n", path,
                err_str(ret));
        store_close(st);
        return NULL;
    }
    return st;
}

int cmd_usage(const char *text, int mistake)
{
    fputs(text, mistake ? stderr : stdout);
    return mistake ? EXIT_USAGE : EXIT_OK;
}

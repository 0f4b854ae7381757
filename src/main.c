/* compact: the program's entry point, which dispatches to the command argv[1] names (git.c). */
#include <string.h>

#include "cli/cli.h"
#include "http/router.h"
#include "http/server.h"
#include "app/db.h"
#include "base/opt.h"
#include "base/banned.h"

static const struct opt_command commands[] = {
    {"serve", cmd_serve, "serve the web application and API"},
    {"init", cmd_init, "create a database and load the reference data"},
    {"migrate", cmd_migrate, "bring a database's schema up to date"},
    {"backup", cmd_backup, "copy the database to a file while it is in use"},
    {"copy", cmd_copy, "copy a whole database into a new one, SQLite or PostgreSQL either way"},
    {"user", cmd_user, "add, list and disable the people who sign in"},
    {"token", cmd_token, "add, list and revoke API tokens for scripts"},
    {"audit", cmd_audit, "show the history of a user, token or Compact"},
    {"library", cmd_library, "list and show the library's case studies and resources"},
    /* register */
    {"import", cmd_import, "import organisations, Compacts, signatories, grants or contracts"},
    {"export", cmd_export, "write the whole register as JSON"},
    {"demo", cmd_demo, "load a fictional demo set (demo load)"},
    {"version", cmd_version, "print the version"},
    {"recheck", cmd_recheck, "check every recorded activity again, as of today"},
    {"complaints", cmd_complaints, "list, show and count complaints, and those overdue"},
    {"search", cmd_search, "search case studies, resources, Compacts and organisations"},
    /* coverage */
    {"coverage", cmd_coverage, "which authorities local Compacts cover on a date"},
    {"signups", cmd_signups, "which councils and partners have signed local Compacts on a date"},
    {"check", cmd_check, "check an activity against the Compact (JSON in, JSON out)"},
    {"routes", cmd_routes, "print the route table and who may use each route"},
    /* open data */
    {"indicators", cmd_indicators, "a funder's or buyer's open data indicators"},
    {"survey", cmd_survey, "run the annual survey: rounds, codes, imports and results"},
};

int main(int argc, char **argv)
{
    static char name[] = "compact", version[] = "compact version";
    char *just_version[] = {version, NULL};

    if (argc > 1 && !strcmp(argv[1], "--version")) {
        return cmd_version(1, just_version);
    }
    argv[0] = name; /* messages start "compact", however the program was called */
    return opt_dispatch(commands, sizeof(commands) / sizeof(commands[0]),
                        "Compact Hub: the register of local Compacts in England. The database is "
                        "--db PATH,\nelse $" DB_ENV ", else " DB_DEFAULT ".\n",
                        argc, argv);
}

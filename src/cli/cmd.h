/* What the commands share. */
#ifndef CLI_CMD_H
#define CLI_CMD_H

#include "cli.h"
#include "store/store.h"

#define DEFAULT_DB "var/compact.db"

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_version(int argc, char **argv);

/* The database path: --db, else $COMPACT_DB, else DEFAULT_DB. */
const char *cmd_db_path(const char *opt);
/*
 * Open the database at path and bring its schema up to date; prints what went wrong and
 * returns NULL on failure. create: make the file if it is not there.
 */
struct store *cmd_open_db(const char *path, int create);
/* Print usage to stdout (help) or stderr (a mistake) and return the matching exit code. */
int cmd_usage(const char *usage, int mistake);

#endif

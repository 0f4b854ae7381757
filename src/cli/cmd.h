/* What the commands share. */
#ifndef CLI_CMD_H
#define CLI_CMD_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "store/store.h"

#define DEFAULT_DB "var/compact.db"

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_routes(int argc, char **argv);
/* register */
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_recheck(int argc, char **argv);
/* coverage */
int cmd_coverage(int argc, char **argv);
int cmd_user(int, char **);
int cmd_token(int, char **);
int cmd_audit(int, char **);
/* open data */
int cmd_import(int argc, char **argv);
int cmd_indicators(int argc, char **argv);

/* The database path: --db, else $COMPACT_DB, else DEFAULT_DB. */
const char *cmd_db_path(const char *opt);
/*
 * Open the database at path and bring its schema up to date; prints what went wrong and
 * returns NULL on failure. create: make the file if it is not there.
 */
struct store *cmd_open_db(const char *path, int create);
/* Print usage to stdout (help) or stderr (a mistake) and return the matching exit code. */
int cmd_usage(const char *usage, int mistake);

/* What the account commands (user, token, audit) share; defined in cmd_user.c. */
struct subcommand {
    const char *name;
    int (*fn)(int argc, char **argv); /* argv[0] is the subcommand's name */
};
/*
 * Run the subcommand named in argv[1] (argv[0] names the command, e.g. "user"); usage for
 * --help, for none and for an unknown one. Returns the exit code.
 */
int cmd_subcommand(int argc, char **argv, const struct subcommand *subs, size_t n,
                   const char *usage);

/* --format text|json, and csv where the command has it (csv set): 0, or ERR_INVALID after
 * saying so on stderr. */
enum cmd_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };
int cmd_format_parse(const char *s, int csv, enum cmd_format *out);

/* Whether s is well-formed UTF-8 with no control characters: fit for a name or a label. */
int cmd_text_valid(const char *s);
/*
 * Write s with control characters and bytes that are not UTF-8 as '?', so stored text cannot
 * drive the terminal.
 */
void cmd_text(FILE *out, const char *s);
/*
 * Write s as a JSON string: quoted, '"' and '\\' escaped, control characters as \u00XX, and any
 * byte that is not part of well-formed UTF-8 as \ufffd (JSON text is UTF-8).
 */
void cmd_json_string(FILE *out, const char *s);
/*
 * Write rows of cols cells (row-major, the first row a header) as columns two spaces apart,
 * padded by characters rather than bytes, through cmd_text. At most 16 columns.
 */
void cmd_table(FILE *out, const char *const *cells, size_t cols, size_t rows);
/* Flush stdout: EXIT_OK, or EXIT_FAIL after saying the output could not be written. */
int cmd_finish_output(void);

#endif

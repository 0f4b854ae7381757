/* What the commands of cli/ share. */
#ifndef CLI_CMD_H
#define CLI_CMD_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "app/db.h"
#include "base/arena.h"
#include "base/opt.h"
#include "store/store.h"

/* --format: the index into the choices of OPT_FORMAT (text, json) or OPT_FORMAT_CSV (and csv). */
enum cmd_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };
extern const char *const cmd_formats[];     /* text, json */
extern const char *const cmd_formats_csv[]; /* text, json, csv */
#define OPT_FORMAT(v)     OPT_CHOICE("format", (v), cmd_formats, "text (default) or json")
#define OPT_FORMAT_CSV(v) OPT_CHOICE("format", (v), cmd_formats_csv, "text (default), json or csv")
/* --as-of YYYY-MM-DD into *v (a date_t), which the command sets to today first. */
#define OPT_AS_OF(v) OPT_DATE("as-of", (v), "the date (default today)")

/*
 * Open the database at path (OPT_DB) up to date (db_open); prints what went wrong and returns
 * NULL on failure. create: make the file if it is not there.
 */
struct store *cmd_open_db(const char *path, int create);
/*
 * Parse argv by c and opts (opt_parse), among them OPT_DB(db), then open that database
 * (cmd_open_db): OPT_RUN with *st set (the caller closes it), else the exit code.
 */
int cmd_parse_open(const struct opt_cmd *c, const struct opt *opts, int argc, char **argv,
                   const char **db, struct store **st);

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
/* Write ', "key": ' and value through cmd_json_string, or null when value is NULL. */
void cmd_json_member(FILE *out, const char *key, const char *value);
/*
 * Write n items (size bytes each, from items) as a JSON array and a newline, an item a line, each
 * through json(out, item).
 */
void cmd_json_list(FILE *out, const void *items, size_t n, size_t size,
                   void (*json)(FILE *out, const void *item));
/*
 * Write rows of cols cells (row-major, the first row a header) as columns two spaces apart,
 * padded by characters rather than bytes, through cmd_text. At most 16 columns.
 */
void cmd_table(FILE *out, const char *const *cells, size_t cols, size_t rows);
/* Cells for cmd_table, from arena: the header's cols names, then rows rows to fill. */
const char **cmd_table_cells(struct arena *arena, const char *const *header, size_t cols,
                             size_t rows);
/*
 * A progress bar on standard error, drawn only when it is a terminal ("[####    ]  40% label"),
 * redrawn when the percentage changes; cmd_bar_end ends its line before anything else is said.
 */
struct cmd_bar {
    int tty;  /* standard error is a terminal: the bar is drawn */
    int last; /* the percentage drawn, -1 for none */
};
void cmd_bar_init(struct cmd_bar *bar);
/* label (shown through cmd_text) says what is in hand: a file, a table. */
void cmd_bar_draw(struct cmd_bar *bar, unsigned long long done, unsigned long long total,
                  const char *label);
void cmd_bar_end(struct cmd_bar *bar);

/* Flush stdout: EXIT_OK, or EXIT_FAIL after saying the output could not be written. */
int cmd_finish_output(void);
/* Write report (a report made in a buf, or empty) to stdout and flush it: cmd_finish_output, or
 * EXIT_FAIL after saying the report outgrew its buf. */
int cmd_finish_report(const struct buf *report);

#endif

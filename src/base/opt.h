/*
 * Command-line options declared as data (after git's parse-options.h): a command lists its
 * options in a table and gets from it the parsing of argv, the check of every value and its usage
 * text; a command with subcommands lists them in a table and gets their dispatch and usage.
 *
 * Options are long only, "--name VALUE" or "--name=VALUE", and may stand before, among or after
 * the arguments; "--" ends them. "--help" (or "-h") is every command's: it prints the usage on
 * standard output. A mistake is told in one line on standard error that starts with the
 * command's path and names the option:
 *
 *     compact coverage: unknown option '--foo'
 *     compact coverage: --as-of wants a date YYYY-MM-DD, not '2012-13-01'
 *
 * A command's argv[0] is its path, "compact user add": opt_dispatch sets it so.
 */
#ifndef BASE_OPT_H
#define BASE_OPT_H

#include <stddef.h>
#include <stdio.h>

#include "date.h"

/* A command's exit codes: done, failed, or asked for wrongly. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* What opt_parse returns when the command is to run: any other value is its exit code. */
#define OPT_RUN (-1)

enum opt_type {
    OPTION_END,
    OPTION_STRING,   /* const char **: the value as given */
    OPTION_BOOL,     /* int *: set to 1; takes no value */
    OPTION_INT,      /* int *: a whole number from min to max */
    OPTION_DATE,     /* date_t *: a real day written YYYY-MM-DD */
    OPTION_CHOICE,   /* int *: the index of the value among choices */
    OPTION_CALLBACK, /* cb(value, arg) reads the value; < 0 if it is bad */
};

enum opt_flags {
    OPT_REQUIRED = 1 << 0, /* the command cannot run without it */
};

struct opt {
    enum opt_type type;
    const char *name; /* the long name, without "--" */
    const char *argh; /* the value's name in the usage: "PATH"; a choice's is made of choices */
    void *value;      /* where the value goes; its type follows from type */
    const char *help; /* what it is: lower case, no full stop; wrapped in the usage */
    unsigned flags;   /* enum opt_flags */
    long min, max;    /* OPTION_INT: the range, both ends included */
    const char *const *choices;              /* OPTION_CHOICE: the values, NULL last */
    int (*cb)(void *value, const char *arg); /* OPTION_CALLBACK */
    /* OPTION_STRING: before the parse, *value is $env when set and not empty, else def when not
     * NULL; so a default is declared with the option. */
    const char *env, *def;
};

/*
 * The entries of an options table. Each checks at compile time that value points to the type
 * the option writes.
 */
#define OPT_TYPED(type, v) ((void *)(1 ? (v) : (type *)0))
#define OPT_STRING(name, argh, v, help)                                                            \
    {                                                                                              \
        OPTION_STRING, (name), (argh), OPT_TYPED(const char *, v), (help)                          \
    }
#define OPT_STRING_REQUIRED(name, argh, v, help)                                                   \
    {                                                                                              \
        OPTION_STRING, (name), (argh), OPT_TYPED(const char *, v), (help), OPT_REQUIRED            \
    }
#define OPT_STRING_DEFAULT(name, argh, v, from_env, fallback, help)                                \
    {                                                                                              \
        OPTION_STRING, (name), (argh), OPT_TYPED(const char *, v), (help), .env = (from_env),      \
                                                                           .def = (fallback)       \
    }
#define OPT_BOOL(name, v, help)                                                                    \
    {                                                                                              \
        OPTION_BOOL, (name), NULL, OPT_TYPED(int, v), (help)                                       \
    }
#define OPT_INT(name, argh, v, lo, hi, help)                                                       \
    {                                                                                              \
        OPTION_INT, (name), (argh), OPT_TYPED(int, v), (help), .min = (lo), .max = (hi)            \
    }
#define OPT_DATE(name, v, help)                                                                    \
    {                                                                                              \
        OPTION_DATE, (name), "YYYY-MM-DD", OPT_TYPED(date_t, v), (help)                            \
    }
#define OPT_CHOICE(name, v, list, help)                                                            \
    {                                                                                              \
        OPTION_CHOICE, (name), NULL, OPT_TYPED(int, v), (help), .choices = (list)                  \
    }
#define OPT_CALLBACK(name, argh, v, fn, help)                                                      \
    {                                                                                              \
        OPTION_CALLBACK, (name), (argh), (v), (help), .cb = (fn)                                   \
    }
#define OPT_END()                                                                                  \
    {                                                                                              \
        OPTION_END                                                                                 \
    }

/* A command's arguments and what it does, for the usage; its options are a table beside it. */
struct opt_cmd {
    const char *args;  /* the arguments for the usage: "FILE", "EMAIL"; NULL for none */
    int nargs;         /* how many arguments it takes */
    const char *about; /* what it does: sentences in lines ending '\n', for --help */
};

/*
 * Read the options of argv[1..argc-1] into the values of opts (OPT_END() last) and check them:
 * every value, the count of arguments, the options required. Returns OPT_RUN with the arguments
 * moved to argv[1..nargs] in their order; else, having printed the usage (--help) or one line
 * saying what is wrong, the exit code: EXIT_OK or EXIT_USAGE.
 */
int opt_parse(const struct opt_cmd *c, const struct opt *opts, int argc, char **argv);
/* Write the usage of the command at path ("compact user add"): synopsis, about, options. */
void opt_usage(const struct opt_cmd *c, const struct opt *opts, const char *path, FILE *out);

/* One entry of a table of commands (git.c's commands[]). */
struct opt_command {
    const char *name;
    int (*fn)(int argc, char **argv); /* argv[0] is its path: "compact user add" */
    const char *summary;              /* what it does, for the usage: lower case, no full stop */
};

/*
 * Run the command of table (n entries) that argv[1] names, with argv[1] replaced by its path:
 * argv[0] (the path so far, "compact user") and its name. With no name, an option or an unknown
 * name, says so (for --help, -h or "help" prints the usage: about and the commands' summaries)
 * and returns the exit code; else the command's.
 */
int opt_dispatch(const struct opt_command *table, size_t n, const char *about, int argc,
                 char **argv);

#endif

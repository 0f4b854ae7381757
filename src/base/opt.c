/* Options tables: parsing, checking and usage (after git's parse-options.c). */
#include "opt.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

#define WIDTH   96 /* the usage's lines wrap before this column */
#define LEFT    24 /* the widest "--name ARGH" the help column makes room for */
#define MAXOPTS 64 /* options in one table, for the record of those given */

/* Write s with control characters as '?', so that what was typed cannot drive the terminal. */
static void put_clean(FILE *out, const char *s)
{
    for (; *s; s++) {
        putc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, out);
    }
}

/* "path: " and the message on standard error, with the values in it cleaned; EXIT_USAGE. */
static int fail(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(const char *path, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n < 0) {
        line[0] = '\0'; /* no format here fails: each is a literal of this file */
    }
    put_clean(stderr, path); /* a too long line is cut short, which still says what is wrong */
    fputs(": ", stderr);
    put_clean(stderr, line);
    putc('\n', stderr);
    return EXIT_USAGE;
}

/* A choice's values as "a|b|c" into out. */
static const char *choices_text(const struct opt *o, char *out, size_t size)
{
    size_t len = 0;

    out[0] = '\0';
    for (size_t i = 0; o->choices[i]; i++) {
        int w = snprintf(out + len, size - len, "%s%s", i ? "|" : "", o->choices[i]);
        if (w < 0 || (size_t)w >= size - len) {
            break; /* cut short: the tables of this program are far shorter */
        }
        len += (size_t)w;
    }
    return out;
}

/* The value's name for the usage: "PATH", "text|json|csv". */
static const char *argh(const struct opt *o, char *buf, size_t size)
{
    return o->type == OPTION_CHOICE ? choices_text(o, buf, size) : o->argh ? o->argh : "VALUE";
}

/* What the option wants, for a message: "PATH", "a number from 1 to 10", "text, json or csv". */
static const char *wants(const struct opt *o, char *out, size_t size)
{
    char alts[160];
    const char *s, *bar;
    size_t len = 0;
    int n;

    if (o->type == OPTION_INT) {
        n = snprintf(out, size, "a number from %ld to %ld", o->min, o->max);
        return n > 0 && (size_t)n < size ? out : "a number";
    }
    if (o->type == OPTION_DATE) {
        return "a date YYYY-MM-DD";
    }
    /* alternatives "a|b|c" read "a, b or c" */
    out[0] = '\0';
    for (s = argh(o, alts, sizeof(alts)); *s; s = bar ? bar + 1 : s + strlen(s)) {
        bar = strchr(s, '|');
        n = snprintf(out + len, size - len, "%s%.*s",
                     !len  ? ""
                     : bar ? ", "
                           : " or ",
                     (int)(bar ? (size_t)(bar - s) : strlen(s)), s);
        if (n < 0 || (size_t)n >= size - len) {
            break;
        }
        len += (size_t)n;
    }
    return out;
}

/* Read arg into o's value: 0, or after saying what is wrong EXIT_USAGE. */
static int set_value(const char *path, const struct opt *o, const char *arg)
{
    char buf[160];
    char *end;
    long v;

    switch (o->type) {
    case OPTION_STRING:
        *(const char **)o->value = arg;
        return 0;
    case OPTION_INT:
        errno = 0;
        /* digits and a sign only: strtol alone would take " 5" and "+5" too */
        if ((*arg >= '0' && *arg <= '9') || (*arg == '-' && arg[1] >= '0' && arg[1] <= '9')) {
            v = strtol(arg, &end, 10);
            if (!*end && !errno && v >= o->min && v <= o->max) {
                *(int *)o->value = (int)v;
                return 0;
            }
        }
        break;
    case OPTION_DATE:
        if (date_parse(arg, strlen(arg), (date_t *)o->value) == 0) {
            return 0;
        }
        break;
    case OPTION_CHOICE:
        for (int i = 0; o->choices[i]; i++) {
            if (!strcmp(arg, o->choices[i])) {
                *(int *)o->value = i;
                return 0;
            }
        }
        return fail(path, "unknown %s '%s'; use %s", o->name, arg, wants(o, buf, sizeof(buf)));
    case OPTION_CALLBACK:
        if (o->cb(o->value, arg) == 0) {
            return 0;
        }
        break;
    default:
        break;
    }
    return fail(path, "--%s wants %s, not '%s'", o->name, wants(o, buf, sizeof(buf)), arg);
}

static void synopsis(const struct opt_cmd *c, const struct opt *opts, const char *path, FILE *out);

static const struct opt *find(const struct opt *opts, const char *name, size_t len)
{
    for (; opts->type != OPTION_END; opts++) {
        if (strlen(opts->name) == len && !memcmp(opts->name, name, len)) {
            return opts;
        }
    }
    return NULL;
}

int opt_parse(const struct opt_cmd *c, const struct opt *opts, int argc, char **argv)
{
    const char *path = argv[0];
    unsigned long long given = 0;
    int nargs = 0, only_args = 0;
    char buf[160];

    for (const struct opt *o = opts; o->type != OPTION_END; o++) {
        const char *env = o->env ? getenv(o->env) : NULL, *def = env && *env ? env : o->def;
        if (o->type == OPTION_STRING && def) {
            *(const char **)o->value = def;
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *name = a + 2, *eq, *arg;
        const struct opt *o;
        size_t len;
        int ret;

        if (only_args || a[0] != '-' || !a[1]) {
            argv[++nargs] = argv[i]; /* never past i: each argument takes its own place */
            continue;
        }
        if (!strcmp(a, "--")) {
            only_args = 1;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            opt_usage(c, opts, path, stdout);
            return EXIT_OK;
        }
        eq = strchr(name, '=');
        len = eq ? (size_t)(eq - name) : strlen(name);
        if (a[1] != '-' || !(o = find(opts, name, len))) {
            return fail(path, "unknown option '%.*s'", (int)(eq ? (size_t)(eq - a) : strlen(a)), a);
        }
        if (o->type == OPTION_BOOL) {
            if (eq) {
                return fail(path, "--%s takes no value", o->name);
            }
            *(int *)o->value = 1;
        } else {
            arg = eq ? eq + 1 : i + 1 < argc ? argv[++i] : "";
            if (!*arg) {
                return fail(path, "--%s wants %s", o->name, wants(o, buf, sizeof(buf)));
            }
            if ((ret = set_value(path, o, arg)) != 0) {
                return ret;
            }
        }
        assert(o - opts < MAXOPTS);
        given |= 1ull << (o - opts);
    }
    if (nargs != c->nargs) {
        synopsis(c, opts, path, stderr); /* the synopsis alone says what is wanted */
        return EXIT_USAGE;
    }
    argv[nargs + 1] = NULL;
    for (const struct opt *o = opts; o->type != OPTION_END; o++) {
        if ((o->flags & OPT_REQUIRED) && !(given & (1ull << (o - opts)))) {
            return fail(path, "--%s %s is required", o->name, wants(o, buf, sizeof(buf)));
        }
    }
    return OPT_RUN;
}

/* Words written one after another, wrapped before WIDTH onto lines that start at indent. */
struct wrap {
    FILE *out;
    size_t col, indent;
    int fresh; /* nothing written on this line yet */
};

static void wrap_word(struct wrap *w, const char *s, size_t len)
{
    if (!w->fresh && w->col + 1 + len > WIDTH) {
        fprintf(w->out, "\n%*s", (int)w->indent, "");
        w->col = w->indent;
        w->fresh = 1;
    }
    if (!w->fresh) {
        putc(' ', w->out);
        w->col++;
    }
    fwrite(s, 1, len, w->out);
    w->col += len;
    w->fresh = 0;
}

static void wrap_text(struct wrap *w, const char *s)
{
    while (*s) {
        size_t len = strcspn(s, " ");
        if (len) {
            wrap_word(w, s, len);
        }
        s += len;
        s += *s == ' ';
    }
}

/* "--name ARGH" (no ARGH for a bool) into out; its length. */
static size_t left(const struct opt *o, char *out, size_t size)
{
    char buf[160];
    int n = o->type == OPTION_BOOL
                ? snprintf(out, size, "--%s", o->name)
                : snprintf(out, size, "--%s %s", o->name, argh(o, buf, sizeof(buf)));
    if (n < 0) {
        out[0] = '\0';
        return 0;
    }
    return (size_t)n < size ? (size_t)n : size - 1;
}

/* The synopsis, "usage: PATH ARGS --req X [--opt Y] ...", then a newline. */
static void synopsis(const struct opt_cmd *c, const struct opt *opts, const char *path, FILE *out)
{
    struct wrap w = {out, 0, 0, 0};
    char l[192], tok[200];

    w.col = (size_t)fprintf(out, "usage: %s", path);
    w.indent = strlen("usage: ") + strlen(path) + 1;
    if (c->args) {
        wrap_text(&w, c->args);
    }
    for (const struct opt *o = opts; o->type != OPTION_END; o++) {
        size_t len = left(o, l, sizeof(l));
        int n = o->flags & OPT_REQUIRED ? snprintf(tok, sizeof(tok), "%s", l)
                                        : snprintf(tok, sizeof(tok), "[%s]", l);
        if (n > 0 && (size_t)n < sizeof(tok)) {
            wrap_word(&w, tok, (size_t)n);
        } else {
            wrap_word(&w, l, len);
        }
    }
    putc('\n', out);
}

/* One line of the options list: "  --name ARGH   help", the help at column col. */
static void option_line(FILE *out, const char *l, const char *help, size_t col)
{
    struct wrap w = {out, col, col, 1};
    size_t len = strlen(l);

    fprintf(out, "  %s", l);
    if (len + 4 > col) {
        fprintf(out, "\n%*s", (int)col, "");
    } else {
        fprintf(out, "%*s", (int)(col - 2 - len), "");
    }
    wrap_text(&w, help);
    putc('\n', out);
}

void opt_usage(const struct opt_cmd *c, const struct opt *opts, const char *path, FILE *out)
{
    size_t width = strlen("--help");
    char l[192];

    synopsis(c, opts, path, out);
    if (c->about) {
        fprintf(out, "\n%s", c->about);
    }
    for (const struct opt *o = opts; o->type != OPTION_END; o++) {
        size_t len = left(o, l, sizeof(l));
        width = len > width && len <= LEFT ? len : width;
    }
    putc('\n', out);
    for (const struct opt *o = opts; o->type != OPTION_END; o++) {
        left(o, l, sizeof(l));
        option_line(out, l, o->help ? o->help : "", width + 4);
    }
    option_line(out, "--help", "show this help", width + 4);
}

/* The usage of a table of commands: synopsis, about, each command's name and summary. */
static void commands_usage(const struct opt_command *table, size_t n, const char *about,
                           const char *path, FILE *out)
{
    size_t width = 0;

    fprintf(out, "usage: %s <command> [options]\n", path);
    if (about) {
        fprintf(out, "\n%s", about);
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(table[i].name);
        width = len > width ? len : width;
    }
    fputs("\ncommands:\n", out);
    for (size_t i = 0; i < n; i++) {
        option_line(out, table[i].name, table[i].summary, width + 4);
    }
    fprintf(out, "\n'%s <command> --help' tells more of each.\n", path);
}

int opt_dispatch(const struct opt_command *table, size_t n, const char *about, int argc,
                 char **argv)
{
    const char *path = argv[0], *name = argc > 1 ? argv[1] : NULL, *space;
    char sub[256];
    int len;

    if (name && (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help"))) {
        commands_usage(table, n, about, path, stdout);
        return EXIT_OK;
    }
    if (!name || name[0] == '-') {
        commands_usage(table, n, about, path, stderr); /* options follow the command */
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(name, table[i].name)) {
            len = snprintf(sub, sizeof(sub), "%s %s", path, name);
            if (len > 0 && (size_t)len < sizeof(sub)) {
                argv[1] = sub;
            }
            return table[i].fn(argc - 1, argv + 1);
        }
    }
    /* "compact: unknown user command 'x'; see 'compact user --help'" */
    space = strchr(path, ' ');
    len = space ? (int)(space - path) : (int)strlen(path);
    fprintf(stderr, "%.*s: unknown %s%scommand '", len, path, space ? space + 1 : "",
            space ? " " : "");
    put_clean(stderr, name);
    fprintf(stderr, "'; see '%s --help'\n", path);
    return EXIT_USAGE;
}

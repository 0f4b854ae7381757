/* base/opt: parsing an options table, its one-line mistakes, the usage, and dispatch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/opt.h"

/* The values of the options table below, set afresh before each parse. */
static struct values {
    const char *db, *name;
    int flag, num, format, cb;
    date_t day;
} v;

static const char *const formats[] = {"text", "json", "csv", NULL};

static int read_even(void *value, const char *arg)
{
    long n = strtol(arg, NULL, 10);
    if (n % 2 != 0 || !n) {
        return -1;
    }
    *(int *)value = (int)n;
    return 0;
}

static const struct opt opts[] = {
    OPT_STRING_DEFAULT("db", "PATH", &v.db, "TEST_OPT_DB", "default.db", "the database"),
    OPT_STRING("name", "NAME", &v.name, "a name"),
    OPT_BOOL("flag", &v.flag, "a flag"),
    OPT_INT("num", "N", &v.num, 1, 10, "a number"),
    OPT_DATE("as-of", &v.day, "the date"),
    OPT_CHOICE("format", &v.format, formats, "how to write it"),
    OPT_CALLBACK("even", "EVEN", &v.cb, read_even, "an even number"),
    OPT_END(),
};
static const struct opt_cmd cmd = {"FILE", 1, "Test the options.\n"};

/* What one run printed and returned. */
struct run {
    int ret;
    char out[4096], err[1024];
    char *argv[16];
};

/* Read what fd 1 or 2 got into a tmpfile back into buf; restore the fd. */
static void take(FILE *f, int fd, int saved, char *buf, size_t size)
{
    size_t n;
    fflush(fd == 1 ? stdout : stderr);
    dup2(saved, fd);
    close(saved);
    rewind(f);
    n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Run opt_parse (or, with table set, opt_dispatch) on "t" and args, catching its output. */
static void run(struct run *r, const char *const *args, const struct opt_command *table, size_t n)
{
    static char path[] = "compact t";
    FILE *out = tmpfile(), *err = tmpfile();
    int saved_out, saved_err, argc = 1;

    assert_non_null(out);
    assert_non_null(err);
    r->argv[0] = path;
    for (; args[argc - 1]; argc++) {
        r->argv[argc] = (char *)args[argc - 1];
    }
    r->argv[argc] = NULL;
    memset(&v, 0, sizeof(v));
    v.num = -7;
    fflush(stdout);
    fflush(stderr);
    saved_out = dup(1);
    saved_err = dup(2);
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    r->ret = table ? opt_dispatch(table, n, "About the table.\n", argc, r->argv)
                   : opt_parse(&cmd, opts, argc, r->argv);
    take(out, 1, saved_out, r->out, sizeof(r->out));
    take(err, 2, saved_err, r->err, sizeof(r->err));
}

static date_t day(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static void test_good_values(void **state)
{
    static const struct {
        const char *args[10];
        const char *db, *name, *file;
        int flag, num, format, cb;
        const char *day;
    } cases[] = {
        {{"f.csv", NULL}, "default.db", NULL, "f.csv", 0, -7, 0, 0, NULL},
        {{"--db", "x.db", "f"}, "x.db", NULL, "f", 0, -7, 0, 0, NULL},
        {{"--db=x.db", "f"}, "x.db", NULL, "f", 0, -7, 0, 0, NULL},
        {{"f", "--db", "a", "--db", "b"}, "b", NULL, "f", 0, -7, 0, 0, NULL}, /* the last wins */
        {{"--name", "Zoë", "--flag", "f"}, "default.db", "Zoë", "f", 1, -7, 0, 0, NULL},
        {{"--num", "1", "f"}, "default.db", NULL, "f", 0, 1, 0, 0, NULL},
        {{"--num=10", "f"}, "default.db", NULL, "f", 0, 10, 0, 0, NULL},
        {{"--as-of", "2012-02-29", "f"}, "default.db", NULL, "f", 0, -7, 0, 0, "2012-02-29"},
        {{"--format", "csv", "f"}, "default.db", NULL, "f", 0, -7, 2, 0, NULL},
        {{"--format=json", "f"}, "default.db", NULL, "f", 0, -7, 1, 0, NULL},
        {{"--even", "4", "f"}, "default.db", NULL, "f", 0, -7, 0, 4, NULL},
        /* a value may start with '-'; "-" alone is an argument (standard input) */
        {{"--name", "--flag", "-"}, "default.db", "--flag", "-", 0, -7, 0, 0, NULL},
        /* after "--" everything is an argument */
        {{"--", "--flag"}, "default.db", NULL, "--flag", 0, -7, 0, 0, NULL},
        {{"--flag", "--", "-x"}, "default.db", NULL, "-x", 1, -7, 0, 0, NULL},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct run r;
        run(&r, cases[i].args, NULL, 0);
        if (r.ret != OPT_RUN) {
            fail_msg("case %zu: %d, %s", i, r.ret, r.err);
        }
        assert_string_equal(r.err, "");
        assert_string_equal(r.out, "");
        assert_string_equal(v.db, cases[i].db);
        if (cases[i].name) {
            assert_string_equal(v.name, cases[i].name);
        } else {
            assert_null(v.name);
        }
        assert_string_equal(r.argv[1], cases[i].file);
        assert_null(r.argv[2]);
        assert_int_equal(v.flag, cases[i].flag);
        assert_int_equal(v.num, cases[i].num);
        assert_int_equal(v.format, cases[i].format);
        assert_int_equal(v.cb, cases[i].cb);
        assert_int_equal(v.day, cases[i].day ? day(cases[i].day) : 0);
    }
}

static void test_mistakes_are_one_line_naming_the_option(void **state)
{
    static const struct {
        const char *args[6];
        const char *err;
    } cases[] = {
        {{"--foo", "f"}, "compact t: unknown option '--foo'\n"},
        {{"f", "--foo=bar"}, "compact t: unknown option '--foo'\n"},
        {{"-x", "f"}, "compact t: unknown option '-x'\n"},
        {{"--na", "x", "f"}, "compact t: unknown option '--na'\n"}, /* no abbreviations */
        {{"f", "--db"}, "compact t: --db wants PATH\n"},
        {{"f", "--db="}, "compact t: --db wants PATH\n"},
        {{"f", "--name", ""}, "compact t: --name wants NAME\n"},
        {{"f", "--as-of"}, "compact t: --as-of wants a date YYYY-MM-DD\n"},
        {{"f", "--flag=1"}, "compact t: --flag takes no value\n"},
        {{"--as-of", "2012-13-01", "f"},
         "compact t: --as-of wants a date YYYY-MM-DD, not '2012-13-01'\n"},
        {{"--as-of=2011-02-29", "f"},
         "compact t: --as-of wants a date YYYY-MM-DD, not '2011-02-29'\n"},
        {{"--num", "0", "f"}, "compact t: --num wants a number from 1 to 10, not '0'\n"},
        {{"--num", "11", "f"}, "compact t: --num wants a number from 1 to 10, not '11'\n"},
        {{"--num", "5x", "f"}, "compact t: --num wants a number from 1 to 10, not '5x'\n"},
        {{"--num", " 5", "f"}, "compact t: --num wants a number from 1 to 10, not ' 5'\n"},
        {{"--num", "+5", "f"}, "compact t: --num wants a number from 1 to 10, not '+5'\n"},
        {{"--num", "99999999999999999999", "f"},
         "compact t: --num wants a number from 1 to 10, not '99999999999999999999'\n"},
        {{"--format", "xml", "f"}, "compact t: unknown format 'xml'; use text, json or csv\n"},
        {{"--format", "JSON", "f"}, "compact t: unknown format 'JSON'; use text, json or csv\n"},
        {{"--even", "3", "f"}, "compact t: --even wants EVEN, not '3'\n"},
        {{"f", "--format"}, "compact t: --format wants text, json or csv\n"},
        /* what was typed cannot drive the terminal */
        {{"--as-of", "\x1b[2J", "f"}, "compact t: --as-of wants a date YYYY-MM-DD, not '?[2J'\n"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct run r;
        run(&r, cases[i].args, NULL, 0);
        if (r.ret != EXIT_USAGE || strcmp(r.err, cases[i].err) != 0) {
            fail_msg("case %zu: %d, '%s'", i, r.ret, r.err);
        }
        assert_string_equal(r.out, "");
    }
}

static void test_arguments_are_counted(void **state)
{
    static const char *const none[] = {NULL}, *const two[] = {"a", "--flag", "b", NULL};
    struct run r;
    (void)state;
    run(&r, none, NULL, 0);
    assert_int_equal(r.ret, EXIT_USAGE);
    assert_string_equal(r.err, "usage: compact t FILE [--db PATH] [--name NAME] [--flag] "
                               "[--num N] [--as-of YYYY-MM-DD]\n"
                               "                 [--format text|json|csv] [--even EVEN]\n");
    run(&r, two, NULL, 0);
    assert_int_equal(r.ret, EXIT_USAGE);
    assert_true(!strncmp(r.err, "usage: compact t FILE", 21));
}

static void test_required(void **state)
{
    static const char *role;
    static const struct opt req[] = {
        OPT_STRING_REQUIRED("role", "admin|member", &role, "the role"),
        OPT_END(),
    };
    static const struct opt_cmd c = {NULL, 0, NULL};
    char path[] = "compact r", arg[] = "--role=admin";
    char *missing[] = {path, NULL}, *given[] = {path, arg, NULL};
    FILE *err = tmpfile();
    int saved = dup(2);
    char text[256];

    (void)state;
    assert_non_null(err);
    fflush(stderr);
    dup2(fileno(err), 2);
    assert_int_equal(opt_parse(&c, req, 1, missing), EXIT_USAGE);
    assert_int_equal(opt_parse(&c, req, 2, given), OPT_RUN);
    take(err, 2, saved, text, sizeof(text));
    assert_string_equal(text, "compact r: --role admin or member is required\n");
    assert_string_equal(role, "admin");
}

static void test_environment_then_default(void **state)
{
    static const char *const none[] = {"f", NULL}, *const given[] = {"--db", "x", "f", NULL};
    struct run r;
    (void)state;
    setenv("TEST_OPT_DB", "env.db", 1);
    run(&r, none, NULL, 0);
    assert_string_equal(v.db, "env.db");
    run(&r, given, NULL, 0);
    assert_string_equal(v.db, "x");
    setenv("TEST_OPT_DB", "", 1); /* empty is unset */
    run(&r, none, NULL, 0);
    assert_string_equal(v.db, "default.db");
    unsetenv("TEST_OPT_DB");
}

static void test_help_prints_the_usage(void **state)
{
    static const char *const help[] = {"--help", NULL}, *const h[] = {"f", "-h", NULL},
                             *const after_dashes[] = {"--", "--help", NULL};
    static const char want[] =
        "usage: compact t FILE [--db PATH] [--name NAME] [--flag] [--num N] [--as-of YYYY-MM-DD]\n"
        "                 [--format text|json|csv] [--even EVEN]\n"
        "\n"
        "Test the options.\n"
        "\n"
        "  --db PATH               the database\n"
        "  --name NAME             a name\n"
        "  --flag                  a flag\n"
        "  --num N                 a number\n"
        "  --as-of YYYY-MM-DD      the date\n"
        "  --format text|json|csv  how to write it\n"
        "  --even EVEN             an even number\n"
        "  --help                  show this help\n";
    struct run r;
    (void)state;
    run(&r, help, NULL, 0);
    assert_int_equal(r.ret, EXIT_OK);
    assert_string_equal(r.out, want);
    assert_string_equal(r.err, "");
    run(&r, h, NULL, 0);
    assert_int_equal(r.ret, EXIT_OK);
    assert_string_equal(r.out, want);
    run(&r, after_dashes, NULL, 0); /* an argument there */
    assert_int_equal(r.ret, OPT_RUN);
    assert_string_equal(r.argv[1], "--help");
}

static void test_usage_wraps_long_help(void **state)
{
    static const char *s;
    static const struct opt wide[] = {
        OPT_STRING("a-rather-long-option", "SECONDS", &s,
                   "one two three four five six seven eight nine ten eleven twelve thirteen "
                   "fourteen fifteen sixteen seventeen"),
        OPT_END(),
    };
    static const struct opt_cmd c = {NULL, 0, NULL};
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    (void)state;
    assert_non_null(out);
    opt_usage(&c, wide, "compact w", out);
    fclose(out);
    assert_string_equal(text, "usage: compact w [--a-rather-long-option SECONDS]\n"
                              "\n"
                              "  --a-rather-long-option SECONDS\n"
                              "          one two three four five six seven eight nine ten "
                              "eleven twelve thirteen fourteen\n"
                              "          fifteen sixteen seventeen\n"
                              "  --help  show this help\n");
    free(text);
}

/* The subcommands of the dispatch tests: each says the path it was given. */
static int sub_add(int argc, char **argv)
{
    printf("%s %d %s\n", argv[0], argc, argc > 1 ? argv[1] : "-");
    return 5;
}

static int sub_list(int argc, char **argv)
{
    (void)argc;
    printf("%s\n", argv[0]);
    return 6;
}

static void test_dispatch(void **state)
{
    static const struct opt_command table[] = {
        {"add", sub_add, "add one"},
        {"list", sub_list, "list them all"},
    };
    static const char usage[] = "usage: compact t <command> [options]\n"
                                "\n"
                                "About the table.\n"
                                "\n"
                                "commands:\n"
                                "  add   add one\n"
                                "  list  list them all\n"
                                "\n"
                                "'compact t <command> --help' tells more of each.\n";
    static const char *const add[] = {"add", "x@example.org", NULL}, *const list[] = {"list", NULL},
                             *const none[] = {NULL}, *const opt[] = {"--db", "x", NULL},
                             *const help[] = {"--help", NULL}, *const word[] = {"help", NULL},
                             *const unknown[] = {"frob\x1b", NULL};
    struct run r;
    size_t n = sizeof(table) / sizeof(table[0]);

    (void)state;
    run(&r, add, table, n);
    assert_int_equal(r.ret, 5);
    assert_string_equal(r.out, "compact t add 2 x@example.org\n");
    run(&r, list, table, n);
    assert_int_equal(r.ret, 6);
    assert_string_equal(r.out, "compact t list\n");
    run(&r, help, table, n);
    assert_int_equal(r.ret, EXIT_OK);
    assert_string_equal(r.out, usage);
    run(&r, word, table, n);
    assert_int_equal(r.ret, EXIT_OK);
    assert_string_equal(r.out, usage);
    run(&r, none, table, n);
    assert_int_equal(r.ret, EXIT_USAGE);
    assert_string_equal(r.err, usage);
    run(&r, opt, table, n); /* options follow the command */
    assert_int_equal(r.ret, EXIT_USAGE);
    assert_string_equal(r.err, usage);
    run(&r, unknown, table, n);
    assert_int_equal(r.ret, EXIT_USAGE);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "compact: unknown t command 'frob?'; see 'compact t --help'\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_values),
        cmocka_unit_test(test_mistakes_are_one_line_naming_the_option),
        cmocka_unit_test(test_arguments_are_counted),
        cmocka_unit_test(test_required),
        cmocka_unit_test(test_environment_then_default),
        cmocka_unit_test(test_help_prints_the_usage),
        cmocka_unit_test(test_usage_wraps_long_help),
        cmocka_unit_test(test_dispatch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * compact survey: the annual survey (SPEC section 7) from the command line, through the same
 * service as the API (app/survey.h): add a round, make invitation codes with their links,
 * import answers collected elsewhere, print a round's results, and export its answers
 * anonymised.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "app/survey.h"
#include "codec/json_survey.h"
#include "base/err.h"
#include "base/banned.h"

/* The largest import file read (about 100 bytes a line: some 2 million lines). */
#define IMPORT_MAX_BYTES (256u << 20)

/* Say refused (or err when it says nothing) for what, on standard error. */
static void say_refusal(const char *what, int err, const struct survey_refusal *refused)
{
    fprintf(stderr, "compact: %s: ", what);
    if (*refused->why) {
        if (*refused->field) {
            cmd_text(stderr, refused->field);
            fputs(": ", stderr);
        }
        cmd_text(stderr, refused->why);
    } else {
        fputs(err_str(err), stderr);
    }
    fputc('\n', stderr);
}

static const struct opt_cmd add_cmd = {
    NULL, 0,
    "Open the round of a year of the annual survey: answers are taken from --opens to --closes\n"
    "(both days included), and the round copies the question bank as it is now. As\n"
    "POST /api/v1/surveys does.\n"};

static int survey_add(int argc, char **argv)
{
    const char *db, *opens = NULL, *closes = NULL;
    struct survey_refusal refused = {0};
    struct store *st;
    long long id;
    int year = 0, ret, err;
    const struct opt opts[] = {
        OPT_INT("year", "YEAR", &year, 2000, 2100, "the year of the round"),
        OPT_STRING_REQUIRED("opens", "YYYY-MM-DD", &opens, "the first day answers are taken"),
        OPT_STRING_REQUIRED("closes", "YYYY-MM-DD", &closes, "the last day answers are taken"),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&add_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    ret = EXIT_FAIL;
    if (!year) {
        fputs("compact: --year is required\n", stderr);
        ret = EXIT_USAGE;
    } else if ((err = survey_round_create(st, NULL, year, opens, closes, &id, &refused)) < 0) {
        say_refusal("cannot open the round", err, &refused);
        ret = err == ERR_INVALID ? EXIT_USAGE : EXIT_FAIL;
    } else {
        printf("opened the %d survey: answers taken from %s to %s\n", year, opens, closes);
        ret = cmd_finish_output();
    }
    store_close(st);
    return ret;
}

static const struct opt_cmd codes_cmd = {
    NULL, 0,
    "Make --count new invitation codes of a round for a local Compact, and print them one a\n"
    "line, each followed by its link (--base-url, or $COMPACT_BASE_URL, then\n"
    "/surveys/YEAR/respond?code=CODE). Each code answers the general questionnaire once; the\n"
    "database keeps only a keyed hash of it, so this is the one time it is shown.\n"};

static int survey_codes(int argc, char **argv)
{
    const char *db, *base = NULL;
    struct survey_refusal refused = {0};
    struct store *st;
    struct arena arena;
    struct buf link = BUF_INIT;
    unsigned char key[SECRET_BYTES];
    const char **codes;
    int year = 0, compact = 0, count = 0, ret, err;
    const struct opt opts[] = {
        OPT_INT("year", "YEAR", &year, 2000, 2100, "the year of the round"),
        OPT_INT("compact", "ID", &compact, 1, 2147483647, "the local Compact's number"),
        OPT_INT("count", "N", &count, 1, SURVEY_CODES_MAX, "how many codes to make"),
        OPT_STRING_DEFAULT("base-url", "URL", &base, "COMPACT_BASE_URL", "",
                           "where the service is, such as https://compacts.example.org"),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&codes_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    ret = EXIT_USAGE;
    if (!year || !compact || !count) {
        fputs("compact: --year, --compact and --count are required\n", stderr);
        goto cleanup;
    }
    ret = EXIT_FAIL;
    if ((err = store_server_key(st, key)) < 0) {
        fprintf(stderr, "compact: cannot read the server key: %s\n", err_str(err));
        goto cleanup;
    }
    if ((err = survey_codes_make(st, NULL, key, year, compact, (size_t)count, &arena, &codes,
                                 &refused)) < 0) {
        say_refusal("cannot make codes", err, &refused);
        goto cleanup;
    }
    while (base[0] && base[strlen(base) - 1] == '/') {
        char *b = arena_strdup(&arena, base);
        b[strlen(b) - 1] = '\0';
        base = b;
    }
    for (int i = 0; i < count; i++) {
        buf_reset(&link);
        survey_code_link(&link, base, year, codes[i]);
        printf("%s  %s\n", codes[i], link.data);
    }
    ret = cmd_finish_output();
cleanup:
    buf_release(&link);
    store_close(st);
    arena_release(&arena);
    return ret;
}

/* Read path into b, with a progress bar on a terminal. */
static int read_import(const char *path, struct buf *b)
{
    struct cmd_bar bar;
    struct stat sb;
    char chunk[65536];
    size_t n;
    FILE *f = fopen(path, "rb");
    int ret;

    if (!f) {
        return ERR_IO;
    }
    cmd_bar_init(&bar);
    if (fstat(fileno(f), &sb) < 0) {
        sb.st_size = 0;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        buf_add(b, chunk, n);
        if (sb.st_size > 0) {
            cmd_bar_draw(&bar, b->len, (unsigned long long)sb.st_size, path);
        }
    }
    cmd_bar_end(&bar);
    ret = ferror(f) ? ERR_IO : buf_failed(b) ? ERR_TOO_BIG : 0;
    fclose(f);
    return ret;
}

static const struct opt_cmd import_cmd = {
    "FILE.csv", 1,
    "Import answers collected elsewhere into a round, whatever its dates: the header\n"
    "questionnaire,sector,body_type,compact_id then a column per question key; options of a\n"
    "question with several as ';'-separated; blank for no answer. All or nothing: any bad\n"
    "line, and every bad line is reported with its number (the header is line 1), nothing is\n"
    "stored. A benchmark line replaces the earlier answer of its Compact.\n"};

static int survey_import(int argc, char **argv)
{
    const char *db;
    struct store *st;
    struct arena arena;
    struct buf data;
    struct survey_import_error *errors;
    size_t imported = 0, nerrors = 0;
    int year = 0, ret, err;
    const struct opt opts[] = {
        OPT_INT("year", "YEAR", &year, 2000, 2100, "the year of the round"),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&import_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    buf_init(&data, IMPORT_MAX_BYTES);
    ret = EXIT_USAGE;
    if (!year) {
        fputs("compact: --year is required\n", stderr);
        goto cleanup;
    }
    ret = EXIT_FAIL;
    if ((err = read_import(argv[1], &data)) < 0) {
        fputs("compact: cannot read ", stderr);
        cmd_text(stderr, argv[1]);
        fprintf(stderr, ": %s\n", err == ERR_IO ? strerror(errno) : err_str(err));
        goto cleanup;
    }
    if (isatty(fileno(stderr))) {
        fputs("importing...\n", stderr);
    }
    err = survey_import_csv(st, NULL, year, data.data ? data.data : "", data.len, &arena, &imported,
                            &errors, &nerrors);
    if (err == ERR_INVALID && nerrors) {
        for (size_t i = 0; i < nerrors; i++) {
            cmd_text(stderr, argv[1]);
            fprintf(stderr, ":%ld: ", errors[i].line);
            if (*errors[i].refusal.field) {
                cmd_text(stderr, errors[i].refusal.field);
                fputs(": ", stderr);
            }
            cmd_text(stderr, errors[i].refusal.why);
            fputc('\n', stderr);
        }
        fprintf(stderr, "compact: %zu bad line%s: nothing imported\n", nerrors,
                nerrors == 1 ? "" : "s");
        goto cleanup;
    }
    if (err < 0) {
        fprintf(stderr, "compact: cannot import: %s\n",
                err == ERR_NOT_FOUND ? "no round of that year" : err_str(err));
        goto cleanup;
    }
    printf("imported %zu answers into the %d survey\n", imported, year);
    ret = cmd_finish_output();
cleanup:
    buf_release(&data);
    store_close(st);
    arena_release(&arena);
    return ret;
}

/* The text report: the headline, coverage, then each question's figures for all respondents. */
static void print_results(const struct survey_results *r)
{
    struct buf head = BUF_INIT;

    printf("the %d survey: ", r->round.year);
    for (int i = 0; i < SURVEY_QUESTIONNAIRE_COUNT; i++) {
        if (r->responses[i].hidden) {
            fputs("fewer than 5", stdout);
        } else {
            printf("%lld", r->responses[i].n);
        }
        fputs(i == SURVEY_GENERAL ? " general answers, " : " benchmark answers\n", stdout);
    }
    printf("coverage: %zu active Compacts, %zu with a general answer, %zu with a benchmark\n",
           r->active_compacts, r->with_general, r->with_benchmark);
    if (survey_headline_of(r, &head) == 0) {
        printf("%s\n", head.data);
    }
    buf_release(&head);
    for (size_t i = 0; i < r->nquestions; i++) {
        const struct survey_question_result *qr = &r->questions[i];
        const struct survey_group_result *g = &qr->groups[SURVEY_ALL];
        putchar('\n');
        cmd_text(stdout, qr->q->key);
        fputs(": ", stdout);
        cmd_text(stdout, qr->q->text);
        putchar('\n');
        if (g->answered.hidden) {
            puts("  answered: fewer than 5");
        } else {
            printf("  answered: %lld\n", g->answered.n);
        }
        for (size_t k = 0; k < qr->q->noptions; k++) {
            printf("  %-24s ", qr->q->options[k].id);
            if (g->counts[k].hidden) {
                fputs("fewer than 5", stdout);
            } else {
                printf("%lld", g->counts[k].n);
            }
            if (!g->shares[k].hidden) {
                printf("  %d%%", survey_percent(g->counts[k].n, g->answered.n));
            }
            putchar('\n');
        }
    }
}

static const struct opt_cmd results_cmd = {
    NULL, 0,
    "The results of a round by question and group, small numbers suppressed as everywhere\n"
    "(a count from 1 to 4 hidden; a share only on a base of 10 or more). As JSON, the same as\n"
    "GET /api/v1/surveys/YEAR/results; as CSV, the same as its .csv.\n"};

static int survey_results_cmd(int argc, char **argv)
{
    const char *db;
    struct store *st;
    struct arena arena;
    struct buf out = BUF_INIT;
    struct survey_results res;
    int year = 0, format = FORMAT_TEXT, ret, err;
    const struct opt opts[] = {
        OPT_INT("year", "YEAR", &year, 2000, 2100, "the year of the round"),
        OPT_FORMAT_CSV(&format),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&results_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    ret = EXIT_USAGE;
    if (!year) {
        fputs("compact: --year is required\n", stderr);
        goto cleanup;
    }
    ret = EXIT_FAIL;
    if ((err = survey_results_read(st, year, &arena, &res)) < 0) {
        fprintf(stderr, "compact: cannot read the results: %s\n",
                err == ERR_NOT_FOUND ? "no round of that year" : err_str(err));
        goto cleanup;
    }
    if (format == FORMAT_TEXT) {
        print_results(&res);
        ret = cmd_finish_output();
    } else {
        const struct json_survey_round_results r = {
            .year = res.round.year,
            .responses = res.responses,
            .active_compacts = res.active_compacts,
            .with_general = res.with_general,
            .with_benchmark = res.with_benchmark,
            .questions = res.questions,
            .nquestions = res.nquestions,
        };
        if (format == FORMAT_JSON) {
            json_survey_results(&out, &r);
            buf_addc(&out, '\n');
        } else {
            csv_survey_results(&out, &r);
        }
        ret = cmd_finish_report(&out);
    }
cleanup:
    buf_release(&out);
    store_close(st);
    arena_release(&arena);
    return ret;
}

static const struct opt_cmd export_cmd = {
    NULL, 0,
    "Print a round's answers, anonymised, as CSV: the columns of an import (questionnaire,\n"
    "sector, body_type, compact_id, then every question by key, free-text comments included),\n"
    "a line a response in an order that says nothing of when each came, never who answered or\n"
    "with which code. It imports again as it is. For admins: the same as\n"
    "GET /api/v1/surveys/YEAR/answers.csv.\n"};

static int survey_export_cmd(int argc, char **argv)
{
    const char *db;
    struct store *st;
    struct buf out = BUF_INIT;
    int year = 0, ret, err;
    const struct opt opts[] = {
        OPT_INT("year", "YEAR", &year, 2000, 2100, "the year of the round"),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&export_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    ret = EXIT_USAGE;
    if (!year) {
        fputs("compact: --year is required\n", stderr);
        goto cleanup;
    }
    ret = EXIT_FAIL;
    if ((err = survey_export_csv(st, NULL, year, &out)) < 0) {
        fprintf(stderr, "compact: cannot export the answers: %s\n",
                err == ERR_NOT_FOUND ? "no round of that year" : err_str(err));
        goto cleanup;
    }
    ret = cmd_finish_report(&out);
cleanup:
    buf_release(&out);
    store_close(st);
    return ret;
}

int cmd_survey(int argc, char **argv)
{
    static const struct opt_command subs[] = {
        {"add", survey_add, "open a year's round of the annual survey"},
        {"codes", survey_codes, "make invitation codes for a local Compact, with their links"},
        {"import", survey_import, "import answers collected elsewhere, all or nothing"},
        {"results", survey_results_cmd, "print a round's results by question and group"},
        {"export", survey_export_cmd, "print a round's answers, anonymised, as CSV (admins)"},
    };
    return opt_dispatch(subs, sizeof(subs) / sizeof(subs[0]),
                        "Run the annual survey of local Compacts.\n", argc, argv);
}

/* compact coverage: coverage as of a date (SPEC section 3), as GET /api/v1/coverage gives it. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "codec/json_coverage.h"
#include "app/coverage_report.h"
#include "base/err.h"
#include "base/banned.h"

static const char usage[] =
    "usage: compact coverage [--as-of YYYY-MM-DD] [--set 2012|current]\n"
    "                        [--format text|json|csv] [--db PATH]\n\n"
    "Which local authorities a local Compact covers on a date: an authority is covered when a\n"
    "Compact active on that date covers it, or covers the county of a district.\n\n"
    "  --as-of DATE     the date (default today)\n"
    "  --set SET        2012 (the 353 authorities of 2009 to 2019) or current (default)\n"
    "  --format FORMAT  text (default); json, the same as GET /api/v1/coverage; csv, the same\n"
    "                   as GET /api/v1/coverage.csv\n"
    "  --db PATH        the database, made by 'compact init'\n";

static void print_text(const struct coverage *c)
{
    char day[DATE_STRLEN + 1];
    const char *cells[2 + 3 * (AUTH_TYPE_COUNT + REGION_COUNT + 2)];
    char nums[2 * (AUTH_TYPE_COUNT + REGION_COUNT + 1)][24];
    size_t rows = 0, k = 0;

    date_format(c->as_of, day);
    printf("coverage on %s of the %s set: %zu of %zu authorities covered, %zu in development; "
           "%zu active Compacts\n\n",
           day, authority_set_id(c->set), c->all.covered, c->all.total, c->all.in_development,
           c->active_compacts);
    cells[0] = "area";
    cells[1] = "covered";
    cells[2] = "of";
    rows = 1;
    for (int i = 0; i < AUTH_TYPE_COUNT + REGION_COUNT + 1; i++) {
        const struct coverage_count *n = i < AUTH_TYPE_COUNT ? &c->by_type[i]
                                         : i < AUTH_TYPE_COUNT + REGION_COUNT
                                             ? &c->by_region[i - AUTH_TYPE_COUNT]
                                             : &c->all;
        const char *label = i < AUTH_TYPE_COUNT ? authority_type_plural((enum authority_type)i)
                            : i < AUTH_TYPE_COUNT + REGION_COUNT
                                ? region_name((size_t)(i - AUTH_TYPE_COUNT))
                                : "All authorities";
        if (snprintf(nums[k], sizeof(nums[k]), "%zu", n->covered) >= (int)sizeof(nums[k]) ||
            snprintf(nums[k + 1], sizeof(nums[k + 1]), "%zu", n->total) >= (int)sizeof(nums[k])) {
            nums[k][0] = nums[k + 1][0] = '\0'; /* cannot happen: 20 digits fit */
        }
        cells[rows * 3] = label;
        cells[rows * 3 + 1] = nums[k];
        cells[rows * 3 + 2] = nums[k + 1];
        k += 2;
        rows++;
    }
    cmd_table(stdout, cells, 3, rows);
    printf("\nnot covered (%zu):\n", c->all.total - c->all.covered);
    for (size_t i = 0; i < c->nrows; i++) {
        const struct coverage_row *r = &c->rows[i];
        if (r->state == COVER_COVERED) {
            continue;
        }
        fputs("  ", stdout);
        cmd_text(stdout, r->authority->gss);
        fputs("  ", stdout);
        cmd_text(stdout, r->authority->name);
        if (r->state == COVER_IN_DEVELOPMENT) {
            fputs("  (in development: ", stdout);
            cmd_text(stdout, r->compact_name);
            fputs(")", stdout);
        }
        putchar('\n');
    }
    printf("\ncovered (%zu):\n", c->all.covered);
    for (size_t i = 0; i < c->nrows; i++) {
        const struct coverage_row *r = &c->rows[i];
        if (r->state != COVER_COVERED) {
            continue;
        }
        fputs("  ", stdout);
        cmd_text(stdout, r->authority->gss);
        fputs("  ", stdout);
        cmd_text(stdout, r->authority->name);
        printf("  by #%lld ", r->compact_id);
        cmd_text(stdout, r->compact_name);
        if (r->via_county) {
            fputs(" (through its county)", stdout);
        }
        putchar('\n');
    }
}

int cmd_coverage(int argc, char **argv)
{
    static const struct option opts[] = {
        {"as-of", required_argument, NULL, 'a'},  {"set", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'}, {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *db = NULL, *as_of = NULL, *set_arg = NULL;
    struct field_error errs[2];
    struct buf out = BUF_INIT;
    struct coverage cov;
    struct store *st;
    struct arena arena;
    enum authority_set set;
    date_t day;
    enum cmd_format format = FORMAT_TEXT;
    int c, ret;
    size_t nerr;

    optind = 1;
    opterr = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'a':
            as_of = optarg;
            break;
        case 's':
            set_arg = optarg;
            break;
        case 'f':
            if (cmd_format_parse(optarg, 1, &format) < 0) {
                return EXIT_USAGE;
            }
            break;
        case 'd':
            db = optarg;
            break;
        case 'h':
            return cmd_usage(usage, 0);
        default:
            return cmd_usage(usage, 1);
        }
    }
    if (optind != argc) {
        return cmd_usage(usage, 1);
    }
    if ((as_of && !*as_of) || (set_arg && !*set_arg)) {
        return cmd_usage(usage, 1);
    }
    if ((nerr = coverage_query(as_of, set_arg, date_today(), &day, &set, errs))) {
        for (size_t i = 0; i < nerr; i++) {
            fprintf(stderr, "compact: --%s: %s\n",
                    !strcmp(errs[i].field, "as_of") ? "as-of" : "set", errs[i].message);
        }
        return EXIT_USAGE;
    }
    if (!(st = cmd_open_db(cmd_db_path(db), 0))) {
        return EXIT_FAIL;
    }
    arena_init(&arena);
    ret = EXIT_FAIL;
    if ((c = coverage_report(st, set, day, &arena, &cov, NULL, NULL)) < 0) {
        fprintf(stderr, "compact: cannot read the register: %s\n", err_str(c));
        goto cleanup;
    }
    if (format == FORMAT_TEXT) {
        print_text(&cov);
    } else {
        if (format == FORMAT_JSON) {
            json_coverage(&out, &cov);
            buf_addc(&out, '\n');
        } else {
            csv_coverage(&out, &cov);
        }
        if (buf_failed(&out)) {
            fputs("compact: the report is too big\n", stderr);
            goto cleanup;
        }
        fwrite(out.data, 1, out.len, stdout);
    }
    ret = cmd_finish_output();
cleanup:
    buf_release(&out);
    store_close(st);
    arena_release(&arena);
    return ret;
}

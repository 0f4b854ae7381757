/* compact coverage: coverage as of a date (SPEC section 3), as GET /api/v1/coverage gives it. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "codec/json_coverage.h"
#include "app/coverage_report.h"
#include "base/err.h"
#include "base/banned.h"

#define NO_DATE INT32_MIN /* --from not given */

/* --set: "2012" or "current". */
static int read_set(void *set, const char *arg)
{
    return authority_set_parse(arg, set);
}

/* A covered authority's line: its code, its name and the Compact that covers it. */
static void print_covered(const struct coverage_row *r)
{
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

/* The authorities of rows idx[0..n) of c, one a line, after a heading. */
static void print_change(const char *what, const struct coverage *c, const size_t *idx, size_t n)
{
    printf("\n%s (%zu):\n", what, n);
    for (size_t i = 0; i < n; i++) {
        print_covered(&c->rows[idx[i]]);
    }
}

static void print_text(const struct coverage *c, const struct coverage_change *ch)
{
    char day[DATE_STRLEN + 1];
    const char *cells[2 + 3 * (AUTH_TYPE_COUNT + REGION_COUNT + 2)];
    char nums[2 * (AUTH_TYPE_COUNT + REGION_COUNT + 1)][24];
    size_t rows = 0, k = 0;

    date_format(c->as_of, day);
    printf("coverage on %s of the %s set: %zu of %zu authorities covered, %zu in development; "
           "%zu active Compacts\n",
           day, authority_set_id(c->set), c->all.covered, c->all.total, c->all.in_development,
           c->active_compacts);
    if (ch) {
        date_format(ch->before->as_of, day);
        printf("on %s: %zu covered, %zu in development; %zu active Compacts; since then %zu "
               "gained, %zu lost\n",
               day, ch->before->all.covered, ch->before->all.in_development,
               ch->before->active_compacts, ch->ngained, ch->nlost);
        /* gained: by the Compact of as_of; lost: by the Compact of from */
        print_change("gained", ch->after, ch->gained, ch->ngained);
        print_change("lost", ch->before, ch->lost, ch->nlost);
    }
    putchar('\n');
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
        if (r->state == COVER_COVERED) {
            print_covered(r);
        }
    }
}

static const struct opt_cmd coverage_cmd = {
    NULL, 0,
    "Which local authorities a local Compact covers on a date: an authority is covered when a\n"
    "Compact active on that date covers it, or covers the county of a district. With --from,\n"
    "also the authorities gained and lost since that earlier date. As JSON, the same as\n"
    "GET /api/v1/coverage; as CSV, the same as GET /api/v1/coverage.csv.\n"};

int cmd_coverage(int argc, char **argv)
{
    const char *db;
    struct buf out = BUF_INIT;
    struct coverage_report rep;
    struct coverage_query q = {.as_of = date_today(), .from = NO_DATE, .set = AUTH_SET_CURRENT};
    const struct coverage_change *change;
    struct store *st;
    struct arena arena;
    int format = FORMAT_TEXT, c, ret;
    const struct opt opts[] = {
        OPT_AS_OF(&q.as_of),
        OPT_DATE("from", &q.from,
                 "an earlier date to compare with: the authorities gained and lost"),
        OPT_CALLBACK("set", "2012|current", &q.set, read_set,
                     "2012 (the 353 authorities of 2009 to 2019) or current (default)"),
        OPT_FORMAT_CSV(&format),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&coverage_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    q.compare = q.from != NO_DATE;
    if (!coverage_query_ordered(&q)) {
        fputs("compact: --from: must be before --as-of (today when not given)\n", stderr);
        ret = EXIT_USAGE;
        goto cleanup;
    }
    ret = EXIT_FAIL;
    if ((c = coverage_report(st, &q, 0, &arena, &rep)) < 0) {
        fprintf(stderr, "compact: cannot read the register: %s\n", err_str(c));
        goto cleanup;
    }
    change = rep.compared ? &rep.change : NULL;
    if (format == FORMAT_JSON) {
        json_coverage(&out, &rep.now, change);
        buf_addc(&out, '\n');
    } else if (format == FORMAT_CSV) {
        csv_coverage(&out, &rep.now, change);
    } else {
        print_text(&rep.now, change);
    }
    ret = cmd_finish_report(&out);
cleanup:
    buf_release(&out);
    store_close(st);
    arena_release(&arena);
    return ret;
}

/* compact indicators: a funder's or buyer's open data indicators, as GET
 * /api/v1/organisations/{id}/indicators gives them. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "codec/json_indicators.h"
#include "app/indicators_report.h"
#include "core/norm.h"
#include "base/err.h"
#include "base/banned.h"

static void print_share(size_t count, size_t known, int suppressed, double share)
{
    if (suppressed) {
        printf("not shown (%zu of %zu known, below the minimum count)", count, known);
    } else {
        printf("%.1f%% (%zu of %zu)", share * 100, count, known);
    }
}

/* A year's or all grants' value and multi-year share, and a newline. */
static void print_grants(const struct ind_grants *g)
{
    char value[32];

    norm_amount_format(g->value, value);
    printf(", GBP %s", value);
    fputs("; multi-year ", stdout);
    print_share(g->multi_year, g->multi_year_known, g->share_suppressed, g->share);
    putchar('\n');
}

static void print_caveats(const char *const *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputs("  note: ", stdout);
        cmd_text(stdout, c[i]);
        putchar('\n');
    }
}

static void print_text(const struct indicators_report *rep, struct arena *arena)
{
    const struct indicators *ind = &rep->ind;
    const struct ind_grants *g = &ind->grants;
    const struct ind_contracts *c = &ind->contracts;
    const char *caveats[IND_CAVEATS_MAX];

    cmd_text(stdout, rep->subject.org);
    if (rep->subject.name) {
        fputs("  ", stdout);
        cmd_text(stdout, rep->subject.name);
    }
    printf("\nminimum count %zu; multi-year means %d months or more (%s)\n\n",
           ind->params.min_count, ind->params.min_funding_months,
           param_source_phrase(rep->params.source[PARAM_MIN_FUNDING_MONTHS]));
    printf("grants: %zu", g->count);
    print_grants(g);
    print_caveats(caveats, ind_grants_caveats(g, ind->params.min_count, arena, caveats));
    for (size_t i = 0; i < ind->ngrant_years; i++) {
        printf("  %d: %zu grants", ind->grant_years[i].year, ind->grant_years[i].g.count);
        print_grants(&ind->grant_years[i].g);
    }
    printf("\nended relationships (%zu): funded in one year and not in the funder's next year "
           "of grants\n",
           ind->nended);
    for (size_t i = 0; i < ind->nended; i++) {
        const struct ind_ended *e = &ind->ended[i];
        printf("  %d  ", e->year);
        cmd_text(stdout, e->name ? e->name : e->recipient);
        if (e->recipient && e->name) {
            fputs(" (", stdout);
            cmd_text(stdout, e->recipient);
            fputs(")", stdout);
        }
        printf(": %zu grants, none in %d\n", e->grants, e->next_year);
    }
    printf("\ncontracts: %zu; tender periods measured %zu", c->count, c->with_period);
    if (!c->median_suppressed) {
        printf(", median %.1f days", c->median_days);
    }
    if (c->rule_applies) {
        printf(", %zu under %d days", c->under_min, ind->params.min_tender_days);
    }
    fputs("; suitable for VCSE organisations ", stdout);
    print_share(c->vcse_suitable, c->vcse_known, c->vcse_suppressed, c->vcse_share);
    putchar('\n');
    print_caveats(caveats, ind_contracts_caveats(c, ind->params.min_count, arena, caveats));
}

static const struct opt_cmd indicators_cmd = {
    NULL, 0,
    "Open data indicators of an organisation as a funder (its 360Giving grants) and as a buyer\n"
    "(its OCDS contracts), overall and by calendar year: grants and their value, the share that\n"
    "is multi-year, recipients funded one year and not the next, tender periods and the share\n"
    "of tenders suitable for VCSE organisations. Counts and sums are always shown; a share or\n"
    "median resting on fewer records than the minimum count is not. As JSON, the same as the\n"
    "API; as CSV, the figures by year.\n"};

int cmd_indicators(int argc, char **argv)
{
    const char *db, *org = NULL, *min_count = NULL, *compact_id = NULL;
    struct field_error errs[2];
    struct indicators_report rep;
    struct param_set compact;
    struct buf out = BUF_INIT;
    struct store *st;
    struct arena arena;
    size_t count, nerr;
    int format = FORMAT_TEXT, c, ret, has_compact;
    const struct opt opts[] = {
        OPT_STRING_REQUIRED("org", "ORG-ID", &org,
                            "the organisation: an org-id, or its number in the register"),
        OPT_FORMAT_CSV(&format),
        OPT_STRING("min-count", "N", &min_count, "the minimum count (default 10)"),
        OPT_STRING("compact", "ID", &compact_id,
                   "use that local Compact's parameters (min_funding_months, min_tender_days) "
                   "instead of the national defaults"),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&indicators_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    ret = EXIT_USAGE;
    if ((nerr =
             indicators_query(st, min_count, compact_id, &count, &compact, &has_compact, errs))) {
        for (size_t i = 0; i < nerr; i++) {
            fprintf(stderr, "compact: --%s: %s\n",
                    !strcmp(errs[i].field, "min_count") ? "min-count" : "compact", errs[i].message);
        }
        goto cleanup;
    }
    ret = EXIT_FAIL;
    c = indicators_report(st, org, count, has_compact ? &compact : NULL, compact_id, &arena, &rep);
    if (c == ERR_NOT_FOUND) {
        fputs("compact: no organisation in the register and no grant or contract has the "
              "org-id '",
              stderr);
        cmd_text(stderr, org);
        fputs("'\n", stderr);
        goto cleanup;
    }
    if (c < 0) {
        fprintf(stderr, "compact: cannot read the open data: %s\n", err_str(c));
        goto cleanup;
    }
    if (format == FORMAT_JSON) {
        json_indicators(&out, &rep.subject, &rep.ind, &arena);
        buf_addc(&out, '\n');
    } else if (format == FORMAT_CSV) {
        csv_indicators(&out, &rep.ind);
    } else {
        print_text(&rep, &arena);
    }
    ret = cmd_finish_report(&out);
cleanup:
    buf_release(&out);
    store_close(st);
    arena_release(&arena);
    return ret;
}

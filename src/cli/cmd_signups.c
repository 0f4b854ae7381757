/* compact signups: the case for signing up on a date (SPEC section 9), as GET /api/v1/signups
 * gives it. */
#include <stdio.h>

#include "cmd.h"
#include "codec/json_signups.h"
#include "app/signups_report.h"
#include "base/err.h"
#include "base/banned.h"

/* --set: "2012" or "current". */
static int read_set(void *set, const char *arg)
{
    return authority_set_parse(arg, set);
}

/* The types of bits among the first n, as ids after a label; "none" for none. */
static void print_types(const char *label, unsigned bits, int n)
{
    int k = 0;

    printf("%s ", label);
    for (int t = 0; t < n; t++) {
        if (bits & (1u << t)) {
            printf("%s%s", k++ ? ", " : "", signup_type_id((enum signup_type)t));
        }
    }
    fputs(k ? "" : "none", stdout);
}

/* The councils in state s, by region, one a line, after a heading. */
static void print_councils(const struct signups *su, enum signup_state s, const char *what)
{
    size_t region = (size_t)-1;

    printf("\n%s (%zu):\n", what, su->all[s]);
    for (size_t i = 0; i < su->nrows; i++) {
        const struct signup_row *r = &su->rows[su->by_region[i]];
        const struct authority *a = r->cov->authority;
        size_t at = REGION_COUNT;
        if (r->state != s) {
            continue;
        }
        if (a->region && region_parse(a->region, &at) == 0 && at != region) {
            printf("  %s:\n", region_name(at));
            region = at;
        }
        fputs("    ", stdout);
        cmd_text(stdout, a->gss);
        fputs("  ", stdout);
        cmd_text(stdout, a->official_name ? a->official_name : a->name);
        if (r->council) {
            fputs("  ", stdout);
            cmd_text(stdout, r->council);
        }
        if (s != SIGNUP_NOT_COVERED) {
            printf("  #%lld ", r->cov->compact_id);
            cmd_text(stdout, r->cov->compact_name);
            fputs(r->cov->via_county ? " (through its county)" : "", stdout);
        }
        if (r->signature) {
            char day[DATE_STRLEN + 1];
            date_format(r->signature->signed_on, day);
            printf("  signed %s", day);
        }
        putchar('\n');
    }
}

static void print_text(const struct signups *su)
{
    char day[DATE_STRLEN + 1];

    date_format(su->cov->as_of, day);
    printf("signups on %s of the %s set: of %zu councils, %zu signed the Compact that covers "
           "their area, %zu did not, %zu had no active Compact; %zu active Compacts\n",
           day, authority_set_id(su->cov->set), su->nrows, su->all[SIGNUP_SIGNED],
           su->all[SIGNUP_NOT_SIGNED], su->all[SIGNUP_NOT_COVERED], su->ncompacts);
    printf("\nactive Compacts (%zu):\n", su->ncompacts);
    for (size_t i = 0; i < su->ncompacts; i++) {
        const struct signup_compact *k = &su->compacts[i];
        printf("  #%lld ", k->id);
        cmd_text(stdout, k->name);
        fputs(": ", stdout);
        print_types("signed", k->signed_types, SIGNUP_TYPE_COUNT);
        fputs("; ", stdout);
        print_types("missing", ~k->signed_types & SIGNUP_ALL_PARTNERS, SIGNUP_PARTNERS);
        putchar('\n');
        for (size_t j = 0; j < k->nsignatories; j++) {
            printf("    %s: ",
                   signup_type_id((enum signup_type)signup_type_of(k->signatories[j]->type)));
            cmd_text(stdout, k->signatories[j]->name);
            putchar('\n');
        }
    }
    print_councils(su, SIGNUP_NOT_SIGNED, "not signed");
    print_councils(su, SIGNUP_NOT_COVERED, "not covered");
    print_councils(su, SIGNUP_SIGNED, "signed");
}

static const struct opt_cmd signups_cmd = {
    NULL, 0,
    "The case for signing up on a date: each active local Compact's statutory signatories by\n"
    "type and the partner types (council, nhs, police, fire) that have not signed; each\n"
    "council, by region, and whether it signed the Compact that covers its area (a district\n"
    "covered through its county has signed only if the district council itself signed). As\n"
    "JSON, the same as GET /api/v1/signups; as CSV, the same as GET /api/v1/signups.csv.\n"};

int cmd_signups(int argc, char **argv)
{
    const char *db;
    struct buf out = BUF_INIT;
    struct signups_report rep;
    struct coverage_query q = {.as_of = date_today(), .set = AUTH_SET_CURRENT};
    struct store *st;
    struct arena arena;
    int format = FORMAT_TEXT, c, ret;
    const struct opt opts[] = {
        OPT_AS_OF(&q.as_of),
        OPT_CALLBACK("set", "2012|current", &q.set, read_set,
                     "2012 (the 353 authorities of 2009 to 2019) or current (default)"),
        OPT_FORMAT_CSV(&format),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&signups_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    ret = EXIT_FAIL;
    if ((c = signups_report(st, &q, &arena, &rep)) < 0) {
        fprintf(stderr, "compact: cannot read the register: %s\n", err_str(c));
        goto cleanup;
    }
    if (format == FORMAT_JSON) {
        json_signups(&out, &rep.su);
        buf_addc(&out, '\n');
    } else if (format == FORMAT_CSV) {
        csv_signups(&out, &rep.su);
    } else {
        print_text(&rep.su);
    }
    ret = cmd_finish_report(&out);
cleanup:
    buf_release(&out);
    store_close(st);
    arena_release(&arena);
    return ret;
}

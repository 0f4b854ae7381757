/* compact complaints list, show, stats and overdue: the complaints of SPEC section 6 as the API
 * gives them (the command line may see every case), for people and for a daily job. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "app/cases.h"
#include "codec/json_complaint.h"
#include "ingest/ingest.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

/* The database and the calendar a subcommand works with. */
struct ctx {
    struct store *st;
    struct calendar cal;
    struct arena arena;
    struct buf out;
};

/* Parse argv and open the database and the calendar: OPT_RUN, or the exit code. */
static int start(const struct opt_cmd *c, const struct opt *opts, int argc, char **argv,
                 const char **db, struct ctx *x)
{
    struct buf err = BUF_INIT;
    int ret;

    memset(x, 0, sizeof(*x));
    x->out = (struct buf)BUF_INIT;
    arena_init(&x->arena);
    if ((ret = cmd_parse_open(c, opts, argc, argv, db, &x->st)) != OPT_RUN) {
        return ret;
    }
    if (ingest_calendar(&x->cal, &err) < 0) {
        fprintf(stderr, "compact: cannot load the bank holidays: %s\n", err.data);
        buf_release(&err);
        return EXIT_FAIL;
    }
    buf_release(&err);
    return OPT_RUN;
}

static void finish(struct ctx *x)
{
    store_close(x->st);
    ingest_calendar_free(&x->cal);
    arena_release(&x->arena);
    buf_release(&x->out);
}

/* The report in x->out to stdout, or what went wrong with ret to stderr. */
static int report(struct ctx *x, int ret, const char *what)
{
    if (ret < 0) {
        fprintf(stderr, "compact: cannot read %s: %s\n", what, err_str(ret));
        return EXIT_FAIL;
    }
    return cmd_finish_report(&x->out);
}

static char *iso(struct arena *arena, date_t d)
{
    char s[DATE_STRLEN + 1];
    if (!d) {
        return "";
    }
    date_format(d, s);
    return arena_strdup(arena, s);
}

static const char *number(struct arena *arena, long long n)
{
    char s[24];
    int w = snprintf(s, sizeof(s), "%lld", n);
    return w > 0 && (size_t)w < sizeof(s) ? arena_strdup(arena, s) : "?";
}

/* A case's current stage state for a table: "overdue (3 working days late)", ... */
static const char *state_text(struct arena *arena, const struct case_record *c)
{
    const struct complaint_run_state *s;
    char t[96];
    int w;

    if (!c->c.nruns) {
        return "";
    }
    if (c->c.status == CSTATUS_CLOSED) {
        return c->c.has_outcome ? complaint_outcome_label(c->c.outcome) : "Closed";
    }
    s = &c->states[c->c.nruns - 1];
    if (s->state == CSTATE_OVERDUE || s->state == CSTATE_LONG_OVERDUE) {
        w = snprintf(t, sizeof(t), "%s, %d working days late", complaint_state_label(s->state),
                     s->working_days_late);
    } else if (s->state == CSTATE_AWAITING_RESPONSE && c->c.runs[c->c.nruns - 1].has_due) {
        w = snprintf(t, sizeof(t), "%s, %d working days left", complaint_state_label(s->state),
                     s->working_days_left);
    } else {
        return complaint_state_label(s->state);
    }
    return w > 0 && (size_t)w < sizeof(t) ? arena_strdup(arena, t) : "";
}

/* ---- list ---- */

static const struct opt_cmd list_cmd = {
    NULL, 0,
    "The complaints, open first and what is due soonest first, with the stage each is at and\n"
    "whether its response is overdue. As JSON and CSV, the same as GET /api/v1/complaints.\n"};

static int complaints_list(int argc, char **argv)
{
    static const char *const header[] = {"ID",    "Compact", "Title",       "Stage",
                                         "State", "Due",     "Complainant", "Respondent"};
    const char *db;
    struct case_filter f = {0};
    struct case_record *cases;
    int compact = 0, format = FORMAT_TEXT, ret;
    size_t n;
    struct ctx x;
    const struct opt opts[] = {
        OPT_INT("compact", "ID", &compact, 1, 2147483647, "the cases of that local Compact only"),
        OPT_BOOL("open", &f.open_only, "the open cases only"),
        OPT_FORMAT_CSV(&format),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = start(&list_cmd, opts, argc, argv, &db, &x)) != OPT_RUN) {
        finish(&x);
        return ret;
    }
    f.compact_id = compact;
    ret = cases_list(x.st, NULL, &x.cal, &f, date_today(), &x.arena, &cases, &n);
    if (ret == 0 && format == FORMAT_JSON) {
        json_case_list(&x.out, n, cases, n, NULL);
        buf_addc(&x.out, '\n');
    } else if (ret == 0 && format == FORMAT_CSV) {
        csv_case_list(&x.out, cases, n);
    } else if (ret == 0) {
        const char **cells = cmd_table_cells(&x.arena, header, 8, n);
        date_t due;
        for (size_t i = 0; i < n; i++) {
            const struct case_record *c = &cases[i];
            const char **row = cells + (i + 1) * 8;
            row[0] = number(&x.arena, c->id);
            row[1] = c->compact_name ? c->compact_name : number(&x.arena, c->compact_id);
            row[2] = c->title;
            row[3] = c->c.nruns ? complaint_stage_id(complaint_current(&c->c)) : "";
            row[4] = state_text(&x.arena, c);
            row[5] = complaint_due_next(&c->c, &due) ? iso(&x.arena, due) : "";
            row[6] = c->complainant.name ? c->complainant.name : c->complainant.org_id;
            row[7] = c->respondent.name ? c->respondent.name : c->respondent.org_id;
        }
        if (n) {
            cmd_table(stdout, cells, 8, n + 1);
        } else {
            puts("no complaints");
        }
    }
    ret = report(&x, ret, "the complaints");
    finish(&x);
    return ret;
}

/* ---- show ---- */

static const struct opt_cmd show_cmd = {
    "ID", 1,
    "One complaint as of a day (default today): its parties, each stage with its due date and\n"
    "state, and every event. As JSON, the same as GET /api/v1/complaints/ID.\n"};

static void show_text(const struct case_record *c)
{
    char d1[DATE_STRLEN + 1];

    fputs("Complaint ", stdout);
    printf("%lld: ", c->id);
    cmd_text(stdout, c->title);
    fputs("\nCompact: ", stdout);
    cmd_text(stdout, c->compact_name ? c->compact_name : "");
    fputs("\nComplainant: ", stdout);
    cmd_text(stdout, c->complainant.name);
    fputs(" (", stdout);
    cmd_text(stdout, c->complainant.org_id);
    fputs(")\nRespondent: ", stdout);
    cmd_text(stdout, c->respondent.name);
    fputs(" (", stdout);
    cmd_text(stdout, c->respondent.org_id);
    date_format(c->as_of, d1);
    printf(")\nStatus: %s as of %s", c->c.status == CSTATUS_CLOSED ? "closed" : "open", d1);
    if (c->c.status == CSTATUS_CLOSED && c->c.has_outcome) {
        printf(", %s", complaint_outcome_label(c->c.outcome));
    }
    date_format(c->ombudsman_deadline, d1);
    printf("\nOmbudsman: complain by %s%s\n\nStages:\n", d1,
           c->c.ombudsman_late ? " (escalated after it)" : "");
    for (size_t i = 0; i < c->c.nruns; i++) {
        const struct complaint_run *r = &c->c.runs[i];
        date_format(r->started_on, d1);
        printf("  %-10s from %s", complaint_stage_id(r->stage), d1);
        if (r->has_due) {
            date_format(r->due_on, d1);
            printf(", due %s (%d working days, %s)", d1, r->days, json_case_source(r->source));
        }
        printf(": %s\n", complaint_state_label(c->states[i].state));
    }
    fputs("\nEvents:\n", stdout);
    for (size_t i = 0; i < c->nevents && i < c->c.nevents; i++) {
        const struct case_event *e = &c->events[i];
        date_format(e->e.date, d1);
        printf("  %d. %s %s", e->n, d1, complaint_event_id(e->e.type));
        if (e->e.type == CEVENT_ESCALATED) {
            printf(" to %s", complaint_stage_id(e->e.to));
        } else if (e->e.type == CEVENT_CLOSED) {
            printf(": %s", complaint_outcome_label(e->e.outcome));
        }
        fputs(", by ", stdout);
        cmd_text(stdout, e->by_name ? e->by_name : "");
        if (e->e.note && *e->e.note) {
            fputs(": ", stdout);
            cmd_text(stdout, e->e.note);
        }
        putchar('\n');
    }
}

static int complaints_show(int argc, char **argv)
{
    const char *db;
    date_t as_of = date_today();
    struct case_record c;
    long long id;
    int format = FORMAT_TEXT, ret;
    struct ctx x;
    const struct opt opts[] = {OPT_AS_OF(&as_of), OPT_FORMAT(&format), OPT_DB(&db), OPT_END()};

    if ((ret = start(&show_cmd, opts, argc, argv, &db, &x)) != OPT_RUN) {
        finish(&x);
        return ret;
    }
    if (num_whole(argv[1], 1, 999999999999LL, &id) < 0) {
        fputs("compact complaints show: '", stderr);
        cmd_text(stderr, argv[1]);
        fputs("' is not a complaint's number; see 'compact complaints list'\n", stderr);
        finish(&x);
        return EXIT_USAGE;
    }
    ret = cases_read(x.st, NULL, &x.cal, id, as_of, &x.arena, &c);
    if (ret == ERR_NOT_FOUND) {
        fprintf(stderr, "compact: no complaint %lld; see 'compact complaints list'\n", id);
        finish(&x);
        return EXIT_FAIL;
    }
    if (ret == 0 && format == FORMAT_JSON) {
        json_case(&x.out, &c);
        buf_addc(&x.out, '\n');
    } else if (ret == 0) {
        show_text(&c);
    }
    ret = report(&x, ret, "the complaint");
    finish(&x);
    return ret;
}

/* ---- stats ---- */

static const struct opt_cmd stats_cmd = {
    NULL, 0,
    "Statistics of complaints by the year they opened, for one local Compact or nationally:\n"
    "cases opened, the highest stage reached, outcomes, causes, and the share of responses on\n"
    "time. A count from 1 to 4 is shown as \"fewer than 5\" (null in JSON, empty in CSV); a\n"
    "share only with a base of at least 10. As JSON, the same as GET /api/v1/complaints/stats.\n"};

static void print_count(const char *label, const struct complaint_count *c)
{
    printf("  %-32s ", label);
    if (c->hidden) {
        puts("fewer than 5");
    } else {
        printf("%zu\n", c->n);
    }
}

static void stats_text(const struct complaint_stats *s, long long compact, int year)
{
    printf("Complaints %s", compact ? "of Compact " : "nationally");
    if (compact) {
        printf("%lld", compact);
    }
    if (year) {
        printf(", opened in %d", year);
    }
    putchar('\n');
    print_count("opened", &s->opened);
    puts("highest stage reached:");
    for (int i = 0; i < STAGE_COUNT; i++) {
        print_count(complaint_stage_id((enum complaint_stage)i), &s->by_stage[i]);
    }
    puts("outcome:");
    for (int i = 0; i <= OUTCOME_COUNT; i++) {
        print_count(i == COMPLAINT_OUTCOME_OPEN ? "open" : complaint_outcome_id(i),
                    &s->by_outcome[i]);
    }
    puts("causes:");
    for (int i = 0; i < RULE_COUNT; i++) {
        print_count(rule_id((enum rule)i), &s->by_cause[i]);
    }
    if (s->share_shown) {
        printf("responses on time: %.1f%% (%zu of %zu)\n", s->on_time_share * 100, s->on_time,
               s->on_time_base);
    } else {
        puts("responses on time: not shown (fewer than 10 responses due)");
    }
}

static int complaints_stats(int argc, char **argv)
{
    const char *db;
    struct complaint_stats s;
    int compact = 0, year = 0, format = FORMAT_TEXT, ret, *years;
    date_t today = date_today();
    size_t nyears;
    struct ctx x;
    const struct opt opts[] = {
        OPT_INT("compact", "ID", &compact, 1, 2147483647,
                "that local Compact (default: nationally)"),
        OPT_INT("year", "Y", &year, 1000, 9999, "the cases opened that year (default: every year)"),
        OPT_FORMAT_CSV(&format),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = start(&stats_cmd, opts, argc, argv, &db, &x)) != OPT_RUN) {
        finish(&x);
        return ret;
    }
    ret = cases_stats(x.st, &x.cal, compact, year, today, &x.arena, &s, &years, &nyears);
    if (ret == ERR_NOT_FOUND) {
        fprintf(stderr, "compact: no Compact %d\n", compact);
        finish(&x);
        return EXIT_FAIL;
    }
    if (ret == 0 && format == FORMAT_JSON) {
        json_case_stats(&x.out, &s, compact, year, today, years, nyears);
        buf_addc(&x.out, '\n');
    } else if (ret == 0 && format == FORMAT_CSV) {
        csv_case_stats(&x.out, &s);
    } else if (ret == 0) {
        stats_text(&s, compact, year);
    }
    ret = report(&x, ret, "the statistics");
    finish(&x);
    return ret;
}

/* ---- overdue ---- */

static const struct opt_cmd overdue_cmd = {
    NULL, 0,
    "The open complaints whose current stage's response is overdue as of a day (default\n"
    "today), one a row with its due date, working days late, Compact and parties: for a daily\n"
    "job. Exits 0 whether there are any or not.\n"};

/* Every case of f as of as_of, read a page of CASES_PAGE at a time, into *out[0..*n). */
static int overdue_pages(struct ctx *x, struct case_filter *f, date_t as_of,
                         struct case_record **out, size_t *n)
{
    struct case_record *all = NULL, *page;
    size_t cap = 0, got;
    int ret;

    *out = NULL;
    *n = 0;
    f->limit = CASES_PAGE;
    do {
        f->offset = (long long)*n;
        if ((ret = cases_list(x->st, NULL, &x->cal, f, as_of, &x->arena, &page, &got)) < 0) {
            return ret;
        }
        if (*n + got > cap) {
            struct case_record *grown;
            cap = (*n + got) * 2;
            grown = arena_alloc(&x->arena, cap * sizeof(*grown));
            if (*n) {
                memcpy(grown, all, *n * sizeof(*grown));
            }
            all = grown;
        }
        if (got) {
            memcpy(all + *n, page, got * sizeof(*page));
        }
        *n += got;
    } while (got == CASES_PAGE);
    *out = all;
    return 0;
}

static int complaints_overdue(int argc, char **argv)
{
    static const char *const formats[] = {"json", "csv", NULL};
    const char *db;
    struct case_filter f = {0};
    struct case_record *cases;
    date_t as_of = date_today();
    int format = 0, ret;
    size_t n;
    struct ctx x;
    const struct opt opts[] = {
        OPT_AS_OF(&as_of),
        OPT_CHOICE("format", &format, formats, "json (default) or csv"),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = start(&overdue_cmd, opts, argc, argv, &db, &x)) != OPT_RUN) {
        finish(&x);
        return ret;
    }
    f.open_only = f.overdue_only = 1;
    ret = overdue_pages(&x, &f, as_of, &cases, &n);
    if (ret == 0 && format == 0) {
        json_case_list(&x.out, n, cases, n, NULL);
        buf_addc(&x.out, '\n');
    } else if (ret == 0) {
        csv_case_list(&x.out, cases, n);
    }
    ret = report(&x, ret, "the overdue complaints");
    finish(&x);
    return ret;
}

int cmd_complaints(int argc, char **argv)
{
    static const struct opt_command subs[] = {
        {"list", complaints_list, "list the complaints, open and overdue first"},
        {"show", complaints_show, "show one complaint as of a day"},
        {"stats", complaints_stats, "statistics of complaints, small numbers suppressed"},
        {"overdue", complaints_overdue,
         "the complaints whose response is overdue, for a daily job"},
    };
    return opt_dispatch(subs, sizeof(subs) / sizeof(subs[0]),
                        "Complaints that a body did not keep its local Compact.\n", argc, argv);
}

/* compact library list and show: the case studies and resources, drafts included (the command
 * line holds the database). */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "app/library.h"
#include "codec/json_library.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

static const struct opt_cmd list_cmd = {
    NULL, 0,
    "List the library's case studies and resources, drafts too, filtered as /library is:\n"
    "--kind case_study or a resource's kind, --theme, --region and --year.\n"};
static const struct opt_cmd show_cmd = {"case-study|resource ID", 2,
                                        "Show one case study or resource, whatever its status.\n"};

int library_list_cmd(int argc, char **argv);
int library_show_cmd(int argc, char **argv);

int library_list_cmd(int argc, char **argv)
{
    const char *db, *kind = NULL, *theme = NULL, *region = NULL, *year = NULL;
    struct library_filter f;
    struct case_study *cases;
    struct resource *res;
    struct field_error errs[4];
    struct store *st;
    struct arena arena;
    struct buf out = BUF_INIT;
    size_t n, nres;
    int format = FORMAT_TEXT, ret;
    const struct opt opts[] = {
        OPT_STRING("kind", "KIND", &kind, "case_study, or a resource's kind"),
        OPT_STRING("theme", "THEME", &theme, "a case study's theme, such as managing_cuts"),
        OPT_STRING("region", "REGION", &region, "one of England's nine regions, such as london"),
        OPT_STRING("year", "YEAR", &year, "a year"),
        OPT_FORMAT(&format),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&list_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    if (library_filter_read(kind, theme, region, year, &f, errs)) {
        fprintf(stderr, "compact: --%s: %s\n", errs[0].field, errs[0].message);
        store_close(st);
        return EXIT_USAGE;
    }
    arena_init(&arena);
    if ((ret = library_list(st, NULL, LIBRARY_ITEM_CASE_STUDY, &f, &arena, &cases, &n, NULL)) ==
        0) {
        ret = library_list(st, NULL, LIBRARY_ITEM_RESOURCE, &f, &arena, &res, &nres, NULL);
    }
    if (ret < 0) {
        fprintf(stderr, "compact: cannot read the library: %s\n", err_str(ret));
        ret = EXIT_FAIL;
    } else if (format == FORMAT_JSON) {
        buf_adds(&out, "{\"case_studies\":");
        json_case_study_list(&out, n, cases, n, NULL);
        buf_adds(&out, ",\"resources\":");
        json_resource_list(&out, nres, res, nres, NULL);
        buf_adds(&out, "}\n");
        ret = cmd_finish_report(&out);
    } else {
        static const char *const head[] = {"id", "kind", "status", "year", "title"};
        const char **cells = cmd_table_cells(&arena, head, 5, n + nres);
        char num[32];
        for (size_t i = 0; i < n + nres; i++) {
            const char **row = cells + 5 * (i + 1);
            int is_cs = i < n;
            long long id = is_cs ? cases[i].id : res[i - n].id;
            int y = 0;
            if (!is_cs && res[i - n].date) {
                date_to_ymd(res[i - n].date, &y, &(int){0}, &(int){0});
            }
            y = is_cs ? cases[i].year : y;
            row[0] = snprintf(num, sizeof(num), "%lld", id) > 0 ? arena_strdup(&arena, num) : "";
            row[1] = is_cs ? "case_study" : resource_kind_id(res[i - n].kind);
            row[2] = library_status_id(is_cs ? cases[i].status : res[i - n].status);
            row[3] = y && snprintf(num, sizeof(num), "%d", y) > 0 ? arena_strdup(&arena, num) : "";
            row[4] = is_cs ? cases[i].title : res[i - n].title;
        }
        cmd_table(stdout, cells, 5, n + nres + 1);
        ret = cmd_finish_output();
    }
    buf_release(&out);
    arena_release(&arena);
    store_close(st);
    return ret;
}

int library_show_cmd(int argc, char **argv)
{
    const char *db;
    struct store *st;
    struct arena arena;
    struct buf out = BUF_INIT;
    struct case_study cs;
    struct resource r;
    long long id;
    int format = FORMAT_JSON, ret, is_cs;
    const struct opt opts[] = {OPT_FORMAT(&format), OPT_DB(&db), OPT_END()};

    if ((ret = cmd_parse_open(&show_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    is_cs = !strcmp(argv[1], "case-study");
    if ((!is_cs && strcmp(argv[1], "resource")) || num_whole(argv[2], 1, 1LL << 53, &id) < 0) {
        fprintf(stderr, "compact: say case-study or resource, then its number\n");
        store_close(st);
        return EXIT_USAGE;
    }
    arena_init(&arena);
    ret = is_cs ? library_case_study_read(st, NULL, id, &arena, &cs)
                : library_resource_read(st, NULL, id, &arena, &r);
    if (ret < 0) {
        fprintf(stderr, "compact: %s %lld: %s\n", argv[1], id,
                ret == ERR_NOT_FOUND ? "there is none" : err_str(ret));
        ret = EXIT_FAIL;
    } else {
        if (format == FORMAT_TEXT) {
            printf("%s\n", is_cs ? cs.title : r.title); /* then its JSON */
        }
        if (is_cs) {
            json_case_study(&out, &cs, 0);
        } else {
            json_resource(&out, &r, 0);
        }
        buf_adds(&out, "\n");
        ret = cmd_finish_report(&out);
    }
    buf_release(&out);
    arena_release(&arena);
    store_close(st);
    return ret;
}

int cmd_library(int argc, char **argv)
{
    static const struct opt_command subs[] = {
        {"list", library_list_cmd, "list the case studies and resources, drafts too"},
        {"show", library_show_cmd, "show one case study or resource as JSON"},
    };
    return opt_dispatch(subs, sizeof(subs) / sizeof(subs[0]),
                        "The library: case studies and resources.\n", argc, argv);
}

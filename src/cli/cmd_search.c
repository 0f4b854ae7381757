/* compact search: the one search (SPEC section 9), as GET /api/v1/search answers it. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "app/search.h"
#include "codec/json_search.h"
#include "view/page_search.h"
#include "base/err.h"
#include "base/banned.h"

static const struct opt_cmd search_cmd = {
    "QUERY", 1,
    "Search case studies, resources, Compacts and organisations for the words of QUERY (each\n"
    "finds its inflections; quotes, *, NEAR, - and brackets are words like the others): the best\n"
    "first, 20 a page. As JSON, the same as GET /api/v1/search (snippets as HTML, the matched\n"
    "words in <mark>); as text, a result a line and its snippet under it, the words in [ ].\n"};

/* A result as text: its type, title and page, then its snippet with the words in [ ]. */
static void print_hit(const struct search_hit *h)
{
    struct buf url = BUF_INIT, snip = BUF_INIT;

    search_hit_url(h, &url);
    for (const char *p = h->snippet; *p; p++) {
        buf_addc(&snip, *p == SEARCH_MARK_START[0] ? '[' : *p == SEARCH_MARK_END[0] ? ']' : *p);
    }
    printf("%-12s ", search_kind_id(h->kind));
    cmd_text(stdout, h->title);
    fputs("  ", stdout);
    cmd_text(stdout, url.data);
    fputs("\n             ", stdout);
    cmd_text(stdout, snip.data);
    putchar('\n');
    buf_release(&url);
    buf_release(&snip);
}

int cmd_search(int argc, char **argv)
{
    const char *db, *type = NULL, *theme = NULL, *region = NULL, *year = NULL, *page = NULL;
    const char *why = NULL;
    struct field_error errs[5];
    struct search_filter f;
    struct search_hit *hits;
    struct buf out = BUF_INIT;
    struct store *st;
    struct arena arena;
    size_t n, total;
    int format = FORMAT_TEXT, c, ret;
    const struct opt opts[] = {
        OPT_STRING("type", "TYPE", &type, "case_study, resource, compact or organisation"),
        OPT_STRING("theme", "THEME", &theme, "case studies of this theme, such as managing_cuts"),
        OPT_STRING("region", "REGION", &region, "one of England's nine regions, such as london"),
        OPT_STRING("year", "YEAR", &year, "a case study's year, a resource's, a Compact's"),
        OPT_STRING("page", "N", &page, "the page, from 1 (20 results a page)"),
        OPT_FORMAT(&format),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&search_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    if (search_filter_parse(type, theme, region, year, page, &f, errs)) {
        fprintf(stderr, "compact: --%s: %s\n", errs[0].field, errs[0].message);
        ret = EXIT_USAGE;
        goto cleanup;
    }
    if ((c = app_search(st, argv[1], &f, &arena, &hits, &n, &total, &why)) < 0) {
        if (c == ERR_INVALID) {
            fprintf(stderr, "compact: QUERY: %s\n", why);
            ret = EXIT_USAGE;
        } else {
            fprintf(stderr, "compact: cannot search: %s\n", err_str(c));
            ret = EXIT_FAIL;
        }
        goto cleanup;
    }
    if (format == FORMAT_JSON) {
        json_search(&out, total, hits, view_search_snippets(hits, n, &arena), n);
        buf_addc(&out, '\n');
        ret = cmd_finish_report(&out);
    } else {
        printf("%zu result%s\n", total, total == 1 ? "" : "s");
        for (size_t i = 0; i < n; i++) {
            print_hit(&hits[i]);
        }
        ret = cmd_finish_report(&out);
    }
cleanup:
    buf_release(&out);
    store_close(st);
    arena_release(&arena);
    return ret;
}

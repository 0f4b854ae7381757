/*
 * The one search (SPEC section 9): what a person types made into a query that is words only,
 * never syntax, and the filters a search takes. Pure. The store renders a query for its engine:
 * search_query_fts5 for SQLite's FTS5 MATCH, search_query_tsquery for PostgreSQL's to_tsquery,
 * the same words and the same meaning (every word, each by its inflections) in both.
 */
#ifndef CORE_SEARCH_H
#define CORE_SEARCH_H

#include <stddef.h>

#include "core/field_error.h"
#include "base/buf.h"

/* What a search finds, in the order the API names them. */
enum search_kind {
    SEARCH_CASE_STUDY,
    SEARCH_RESOURCE,
    SEARCH_COMPACT,
    SEARCH_ORGANISATION,
    SEARCH_KIND_COUNT
};
/* "case_study", "resource", "compact", "organisation"; "Case study"... for people. */
const char *search_kind_id(enum search_kind k);
const char *search_kind_label(enum search_kind k);
/* 0 and *out, or ERR_INVALID. */
int search_kind_parse(const char *s, enum search_kind *out);

#define SEARCH_TEXT_MAX  4096 /* bytes of what a person types: more is refused */
#define SEARCH_WORDS_MAX 12   /* the first words used; the rest are ignored */
#define SEARCH_WORD_MAX  40   /* bytes of a word kept; the rest of a longer one is ignored */

/*
 * A query: its words, lower case, each made of ASCII letters and digits and the letters of
 * Latin-1 and Latin Extended-A and B (U+00C0 to U+024F but U+00D7 and U+00F7); everything else
 * (quotes, '*', '-', ':', brackets, other scripts' punctuation) separates words. Common English
 * words ("how", "the", "to") are left out unless there is nothing else. A word's stem is the
 * word without a common ending ("commissioner": "commiss"), matched as a prefix, so that a word
 * finds its inflections in both engines whatever their stemmers make of it; a word without such
 * an ending is its own stem, left to the stemmers.
 */
struct search_query {
    size_t nwords;
    int any; /* match any of the words, not every one (what a search does when every word
              * finds nothing: a question in plain words, "how did Merton manage the cuts?") */
    struct {
        char word[SEARCH_WORD_MAX + 1];
        char stem[SEARCH_WORD_MAX + 1];
    } words[SEARCH_WORDS_MAX];
};

/*
 * Read text[0..len) into q. ERR_INVALID with *why a sentence when it is not UTF-8 (or holds a
 * NUL) or is longer than SEARCH_TEXT_MAX; 0 otherwise, q->nwords possibly 0 (nothing to find).
 */
int search_query_parse(const char *text, size_t len, struct search_query *q, const char **why);
/* FTS5 MATCH text: ("word" OR "stem"*) for each word (("word") when it is its own stem; the
 * '*' when the stem has four letters or more), AND between them (OR: q->any). */
void search_query_fts5(const struct search_query *q, struct buf *out);
/* to_tsquery text: ('word' | 'stem':*) for each word, as search_query_fts5, & between them
 * (|: q->any). */
void search_query_tsquery(const struct search_query *q, struct buf *out);

/* What a search asks for besides its words. -1 (0 for year) is "any". */
struct search_filter {
    int kind;   /* enum search_kind */
    int theme;  /* enum library_theme: case studies of it */
    int region; /* index of region_name */
    int year;
    size_t page;  /* from 1 */
    size_t limit; /* results a page */
};
#define SEARCH_PAGE_SIZE 20
/*
 * The matches ranked together: a question that matches more is ranked a block of this many at
 * a time, in the index's order (case studies, resources, Compacts, organisations, each by its
 * id), so that a search costs the same whatever it matches; the total stays exact. A multiple
 * of SEARCH_PAGE_SIZE: a page is always within one block.
 */
#define SEARCH_RANKED 1000

/* A result, best first. */
struct search_hit {
    enum search_kind kind;
    long long id;
    const char *ref; /* what its page's URL names it by: an organisation's org-id, or id */
    const char *title;
    const char *snippet; /* plain text, matched words between SEARCH_MARK_START and _END */
};
/* Its page's path ("/case-studies/2", "/organisations/GB-LAE-MRT"), onto out. */
void search_hit_url(const struct search_hit *h, struct buf *out);

/*
 * The filters the search and the library's lists share, as a person gives them (each NULL or ""
 * for any): theme, region (a name or its identifier) and year, into *theme_out and *region_out
 * (-1: any) and *year_out (0: any). Returns how many errors went into errs, each naming its
 * field.
 */
size_t search_facets_parse(const char *theme, const char *region, const char *year, int *theme_out,
                           int *region_out, int *year_out, struct field_error errs[3]);
/*
 * The filters as a person gives them (each NULL or "" for any): type, theme, region (a name or
 * its identifier) and year; page from 1. Returns how many errors went into errs, each naming
 * its field; f is filled either way.
 */
size_t search_filter_parse(const char *type, const char *theme, const char *region,
                           const char *year, const char *page, struct search_filter *f,
                           struct field_error errs[5]);

/* The marks a snippet's matched words come between, as the store gives it: control characters,
 * which no text of the register holds (its checks refuse them); a view escapes the text between
 * them and only then marks the words (view/page_search.h). */
#define SEARCH_MARK_START "\x01"
#define SEARCH_MARK_END   "\x02"

#endif

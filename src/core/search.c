/* The one search's query builder and filters (search.h). */
#include "search.h"

#include <string.h>

#include "core/authority.h"
#include "core/library.h"
#include "base/err.h"
#include "base/num.h"
#include "base/utf8.h"
#include "base/banned.h"

static const char *const kind_ids[SEARCH_KIND_COUNT] = {"case_study", "resource", "compact",
                                                        "organisation"};
static const char *const kind_labels[SEARCH_KIND_COUNT] = {"Case study", "Resource", "Compact",
                                                           "Organisation"};

const char *search_kind_id(enum search_kind k)
{
    return (unsigned)k < SEARCH_KIND_COUNT ? kind_ids[k] : "";
}

const char *search_kind_label(enum search_kind k)
{
    return (unsigned)k < SEARCH_KIND_COUNT ? kind_labels[k] : "";
}

int search_kind_parse(const char *s, enum search_kind *out)
{
    for (int k = 0; k < SEARCH_KIND_COUNT; k++) {
        if (!strcmp(s, kind_ids[k])) {
            *out = (enum search_kind)k;
            return 0;
        }
    }
    return ERR_INVALID;
}

/* Words too common to narrow a search (both engines' stop words would differ otherwise: FTS5
 * has none, PostgreSQL's english configuration drops these and more). */
static const char *const common[] = {
    "a",     "about", "an",   "did",  "should", "could", "my",   "me",   "us",   "there", "these",
    "those", "any",   "not",  "no",   "but",    "so",    "all",  "and",  "are",  "as",    "at",
    "be",    "by",    "can",  "do",   "does",   "for",   "from", "has",  "have", "how",   "i",
    "if",    "in",    "is",   "it",   "its",    "of",    "on",   "or",   "our",  "that",  "the",
    "their", "they",  "this", "to",   "was",    "we",    "were", "what", "when", "where", "which",
    "who",   "why",   "will", "with", "would",  "you",
};

static int is_common(const char *w)
{
    if (w[0] && !w[1] && !(w[0] >= '0' && w[0] <= '9')) { /* a letter alone ("council's") */
        return 1;
    }
    for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++) {
        if (!strcmp(w, common[i])) {
            return 1;
        }
    }
    return 0;
}

/* Endings a stem leaves out, longest first; a stem keeps at least three letters. */
static const char *const endings[] = {"ioners", "ioner", "ations", "ation", "ings", "ing", "ions",
                                      "ion",    "ers",   "er",     "ies",   "ed",   "es",  "s"};

static void stem(const char *w, char out[SEARCH_WORD_MAX + 1])
{
    size_t n = strlen(w);

    memcpy(out, w, n + 1);
    for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
        size_t e = strlen(endings[i]);
        if (n >= e + 3 && !memcmp(w + n - e, endings[i], e)) {
            out[n - e] = '\0';
            return;
        }
    }
}

/* The length of the word character at p (avail bytes, well-formed UTF-8), or 0 for a
 * separator. */
static size_t word_char(const unsigned char *p, size_t avail)
{
    size_t n = utf8_seq(p, avail);
    unsigned cp;

    if (n == 1) {
        return (p[0] >= '0' && p[0] <= '9') || (p[0] >= 'a' && p[0] <= 'z') ||
                       (p[0] >= 'A' && p[0] <= 'Z')
                   ? 1
                   : 0;
    }
    if (n != 2) {
        return 0;
    }
    cp = ((unsigned)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
    return cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7 ? 2 : 0;
}

static void add_word(struct search_query *q, const char *w, size_t len)
{
    char *dst = q->words[q->nwords].word;

    if (q->nwords == SEARCH_WORDS_MAX || !len) {
        return;
    }
    memcpy(dst, w, len);
    dst[len] = '\0';
    for (size_t i = 0; i < q->nwords; i++) { /* each word once */
        if (!strcmp(q->words[i].word, dst)) {
            return;
        }
    }
    stem(dst, q->words[q->nwords].stem);
    q->nwords++;
}

int search_query_parse(const char *text, size_t len, struct search_query *q, const char **why)
{
    struct search_query all;
    const unsigned char *p = (const unsigned char *)text;
    char word[SEARCH_WORD_MAX + 1];
    size_t i = 0, wlen = 0;

    memset(q, 0, sizeof(*q));
    memset(&all, 0, sizeof(all));
    if (len > SEARCH_TEXT_MAX) {
        *why = "The search must be at most 4,096 characters";
        return ERR_INVALID;
    }
    if (utf8_check(text, len, NULL) < 0) {
        *why = "The search must be text (UTF-8)";
        return ERR_INVALID;
    }
    while (i <= len) {
        size_t n = i < len ? word_char(p + i, len - i) : 0;
        if (n) {
            if (wlen + n <= SEARCH_WORD_MAX) { /* the rest of a long word is left out */
                for (size_t j = 0; j < n; j++) {
                    unsigned char c = p[i + j];
                    word[wlen++] = (char)(n == 1 && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
                }
            }
            i += n;
            continue;
        }
        if (wlen) {
            word[wlen] = '\0';
            add_word(&all, word, wlen);
            if (!is_common(word)) {
                add_word(q, word, wlen);
            }
            wlen = 0;
        }
        i += i < len ? utf8_seq(p + i, len - i) : 1;
    }
    if (!q->nwords) { /* only common words: search for them */
        *q = all;
    }
    return 0;
}

/* "*" when a stem is long enough to match as a prefix (four letters: "not" would find
 * "Nottingham"), else "". */
static const char *prefix(const char *stem)
{
    return strlen(stem) >= 4 ? "*" : "";
}

/* A word alone when it has no ending to leave out (the engines' stemmers find its own
 * inflections: "council" finds "councils"); else the word or its stem, as a prefix when long
 * enough. A prefix costs a search the most (both engines read every word it begins), so it is
 * only there for the inflections a stemmer may miss ("commissioner" and "commissioning"). */
void search_query_fts5(const struct search_query *q, struct buf *out)
{
    for (size_t i = 0; i < q->nwords; i++) {
        const char *w = q->words[i].word, *s = q->words[i].stem;
        /* words hold no '"' (search_query_parse): each is a string, never an operator */
        buf_adds(out, i ? q->any ? " OR " : " AND " : "");
        if (!strcmp(w, s)) {
            buf_addf(out, "(\"%s\")", w);
        } else {
            buf_addf(out, "(\"%s\" OR \"%s\"%s)", w, s, prefix(s));
        }
    }
}

void search_query_tsquery(const struct search_query *q, struct buf *out)
{
    for (size_t i = 0; i < q->nwords; i++) {
        const char *w = q->words[i].word, *s = q->words[i].stem;
        /* words are letters and digits only: each a quoted lexeme, never an operator */
        buf_adds(out, i ? q->any ? " | " : " & " : "");
        if (!strcmp(w, s)) {
            buf_addf(out, "('%s')", w);
        } else {
            buf_addf(out, "('%s' | '%s'%s)", w, s, *prefix(s) ? ":*" : "");
        }
    }
}

size_t search_facets_parse(const char *theme, const char *region, const char *year, int *theme_out,
                           int *region_out, int *year_out, struct field_error errs[3])
{
    size_t n = 0, ri;
    long long v;

    *theme_out = -1;
    *region_out = -1;
    *year_out = 0;
    if (theme && *theme) {
        enum library_theme t;
        if (library_theme_parse(theme, &t) == 0) {
            *theme_out = (int)t;
        } else {
            errs[n++] = (struct field_error){"theme", "Theme must be one of the nine themes"};
        }
    }
    if (region && *region) {
        if (region_parse(region, &ri) == 0) {
            *region_out = (int)ri;
        } else {
            errs[n++] = (struct field_error){"region", "Region must be one of England's nine"};
        }
    }
    if (year && *year) {
        if (num_whole(year, 1000, 9999, &v) == 0) {
            *year_out = (int)v;
        } else {
            errs[n++] = (struct field_error){"year", "Year must be a year such as 2010"};
        }
    }
    return n;
}

size_t search_filter_parse(const char *type, const char *theme, const char *region,
                           const char *year, const char *page, struct search_filter *f,
                           struct field_error errs[5])
{
    size_t n = 0;
    long long v;

    memset(f, 0, sizeof(*f));
    f->kind = -1;
    f->page = 1;
    f->limit = SEARCH_PAGE_SIZE;
    if (type && *type) {
        enum search_kind k;
        if (search_kind_parse(type, &k) == 0) {
            f->kind = (int)k;
        } else {
            errs[n++] = (struct field_error){
                "type", "Type must be case_study, resource, compact or organisation"};
        }
    }
    n += search_facets_parse(theme, region, year, &f->theme, &f->region, &f->year, errs + n);
    if (page && *page) {
        if (num_whole(page, 1, 10000, &v) == 0) {
            f->page = (size_t)v;
        } else {
            errs[n++] = (struct field_error){"page", "Page must be a whole number from 1"};
        }
    }
    return n;
}

void search_hit_url(const struct search_hit *h, struct buf *out)
{
    static const char *const paths[SEARCH_KIND_COUNT] = {"/case-studies/", "/resources/",
                                                         "/compacts/", "/organisations/"};

    buf_adds(out, (unsigned)h->kind < SEARCH_KIND_COUNT ? paths[h->kind] : "/search");
    buf_add_url(out, h->ref ? h->ref : "");
}

/* The library's kinds, themes and checks. */
#include "library.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "activity.h"
#include "authority.h"
#include "compact.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/num.h"
#include "base/utf8.h"
#include "base/banned.h"

static const struct {
    const char *id, *label;
} themes[THEME_COUNT] = {
    {"delivering_results", "Delivering results"},
    {"managing_cuts", "Managing cuts"},
    {"commissioning", "Commissioning"},
    {"efficiency_innovation", "Efficiency and innovation"},
    {"managing_risk", "Managing risk"},
    {"consultation", "Consultation"},
    {"equality", "Equality"},
    {"volunteering", "Volunteering"},
    {"independence", "Independence of the sector"},
};

static const struct {
    const char *id, *label;
} kinds[RESOURCE_KIND_COUNT] = {
    {"national_compact", "The national Compact"},
    {"guidance", "Guidance"},
    {"toolkit", "Toolkit"},
    {"template", "Template"},
    {"report", "Report"},
    {"local_compact_document", "A local Compact's document"},
};

const char *library_theme_id(enum library_theme t)
{
    return (unsigned)t < THEME_COUNT ? themes[t].id : "";
}

const char *library_theme_label(enum library_theme t)
{
    return (unsigned)t < THEME_COUNT ? themes[t].label : "";
}

int library_theme_parse(const char *s, enum library_theme *out)
{
    for (int i = 0; s && i < THEME_COUNT; i++) {
        if (!strcmp(s, themes[i].id)) {
            *out = (enum library_theme)i;
            return 0;
        }
    }
    return ERR_INVALID;
}

const char *resource_kind_id(enum resource_kind k)
{
    return (unsigned)k < RESOURCE_KIND_COUNT ? kinds[k].id : "";
}

const char *resource_kind_label(enum resource_kind k)
{
    return (unsigned)k < RESOURCE_KIND_COUNT ? kinds[k].label : "";
}

int resource_kind_parse(const char *s, enum resource_kind *out)
{
    for (int i = 0; s && i < RESOURCE_KIND_COUNT; i++) {
        if (!strcmp(s, kinds[i].id)) {
            *out = (enum resource_kind)i;
            return 0;
        }
    }
    return ERR_INVALID;
}

const char *library_status_id(enum library_status s)
{
    return s == LIBRARY_PUBLISHED ? "published" : "draft";
}

/* s, or NULL when it is NULL or only spaces and line breaks. */
static const char *given(const char *s)
{
    return s && s[strspn(s, " \t\r\n")] ? s : NULL;
}

static void add(struct field_error *problems, size_t *n, const char *field, const char *message)
{
    if (*n < LIBRARY_PROBLEMS_MAX) {
        problems[(*n)++] = (struct field_error){field, message};
    }
}

/* An optional text of at most max characters: NULL into *out when not given. */
static void optional_text(const char *s, size_t max, int multiline, const char **out,
                          struct field_error *p, size_t *n, const char *field, const char *why)
{
    *out = given(s);
    if (*out && !activity_text_valid(*out, max, multiline)) {
        add(p, n, field, why);
    }
}

/* The words of a list (spaces, commas, line breaks between them) into words[0..max), each
 * NUL-terminated from arena; how many, or max + 1 when there are more. */
static size_t split_words(const char *s, struct arena *arena, const char **words, size_t max)
{
    static const char sep[] = " ,\t\r\n";
    size_t n = 0;

    for (const char *p = s ? s + strspn(s, sep) : NULL; p && *p; p += strspn(p, sep)) {
        size_t len = strcspn(p, sep);
        if (n == max) {
            return max + 1;
        }
        words[n++] = arena_memdupz(arena, p, len);
        p += len;
    }
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t case_study_from_draft(const struct case_study_draft *d, struct arena *arena,
                             struct case_study *out, struct field_error *p)
{
    const char *words[LIBRARY_AREAS_MAX + 1];
    size_t n = 0, nw;
    long long v;

    memset(out, 0, sizeof(*out));
    out->title = given(d->title);
    if (!out->title) {
        add(p, &n, "title", "Enter a title");
    } else if (!activity_text_valid(out->title, LIBRARY_TITLE_MAX, 0)) {
        add(p, &n, "title", "Title must be 200 characters or fewer, on one line");
    }
    out->summary = given(d->summary);
    if (!out->summary) {
        add(p, &n, "summary", "Enter a summary of what happened");
    } else if (!activity_text_valid(out->summary, LIBRARY_TEXT_MAX, 1)) {
        add(p, &n, "summary", "Summary must be 4,000 characters or fewer");
    }
    optional_text(d->outcome, LIBRARY_TEXT_MAX, 1, &out->outcome, p, &n, "outcome",
                  "Outcome must be 4,000 characters or fewer");
    if (given(d->year)) {
        if (num_whole(d->year, LIBRARY_YEAR_MIN, LIBRARY_YEAR_MAX, &v) < 0) {
            add(p, &n, "year", "Year must be a year such as 2010, from 1998 to 2100");
        } else {
            out->year = (int)v;
        }
    }
    nw = split_words(d->themes, arena, words, THEME_COUNT);
    for (size_t i = 0; i < nw && i < THEME_COUNT; i++) {
        enum library_theme t;
        if (library_theme_parse(words[i], &t) < 0) {
            add(p, &n, "themes", "Themes must be chosen from the list");
            break;
        }
        out->themes |= 1u << t;
    }
    if (nw > THEME_COUNT) {
        add(p, &n, "themes", "Themes must be chosen from the list, each once");
    } else if (!out->themes && nw == 0) {
        add(p, &n, "themes", "Select at least one theme");
    }
    nw = split_words(d->areas, arena, words, LIBRARY_AREAS_MAX);
    if (nw > LIBRARY_AREAS_MAX) {
        add(p, &n, "areas", "Areas must be 64 authorities or fewer");
    } else {
        out->areas = arena_alloc(arena, (nw ? nw : 1) * sizeof(*out->areas));
        for (size_t i = 0; i < nw; i++) {
            if (!gss_is_valid(words[i])) {
                add(p, &n, "areas",
                    "Areas must be the GSS codes of local authorities, such as E09000024");
                break;
            }
            out->areas[out->nareas++] = words[i];
        }
        qsort(out->areas, out->nareas, sizeof(*out->areas), cmp_str);
        for (size_t i = 1; i < out->nareas; i++) {
            if (!strcmp(out->areas[i - 1], out->areas[i])) {
                add(p, &n, "areas", "Areas must name each authority once");
                break;
            }
        }
    }
    optional_text(d->organisations, LIBRARY_TEXT_MAX, 1, &out->organisations, p, &n,
                  "organisations", "Organisations involved must be 4,000 characters or fewer");
    if (given(d->compact) && num_whole(d->compact, 1, 1LL << 53, &out->compact_id) < 0) {
        add(p, &n, "compact", "Compact must be a local Compact's number");
    }
    optional_text(d->source_citation, LIBRARY_TEXT_MAX, 0, &out->source_citation, p, &n,
                  "source_citation", "Source must be 4,000 characters or fewer, on one line");
    out->source_url = given(d->source_url);
    if (out->source_url && !compact_url_is_valid(out->source_url)) {
        add(p, &n, "source_url", "Source link must start https:// or http://");
    }
    return n;
}

size_t resource_from_draft(const struct resource_draft *d, int has_file, struct resource *out,
                           struct field_error *p)
{
    size_t n = 0;

    memset(out, 0, sizeof(*out));
    out->title = given(d->title);
    if (!out->title) {
        add(p, &n, "title", "Enter a title");
    } else if (!activity_text_valid(out->title, LIBRARY_TITLE_MAX, 0)) {
        add(p, &n, "title", "Title must be 200 characters or fewer, on one line");
    }
    if (!given(d->kind)) {
        add(p, &n, "kind", "Select what kind of resource it is");
    } else if (resource_kind_parse(d->kind, &out->kind) < 0) {
        add(p, &n, "kind", "Kind must be chosen from the list");
    }
    optional_text(d->summary, LIBRARY_TEXT_MAX, 1, &out->summary, p, &n, "summary",
                  "Summary must be 4,000 characters or fewer");
    if (given(d->date) && date_parse(d->date, strlen(d->date), &out->date) < 0) {
        add(p, &n, "date", "Date must be a real date");
    }
    out->url = given(d->url);
    if (out->url && !compact_url_is_valid(out->url)) {
        add(p, &n, "url", "Link must start https:// or http://");
    } else if (!out->url && !has_file) {
        add(p, &n, "url", "Enter a link or upload the document as a PDF");
    }
    if (given(d->compact) && num_whole(d->compact, 1, 1LL << 53, &out->compact_id) < 0) {
        add(p, &n, "compact", "Compact must be a local Compact's number");
    } else if (!out->compact_id && out->kind == RESOURCE_LOCAL_COMPACT_DOCUMENT && given(d->kind)) {
        add(p, &n, "compact", "Enter the number of the local Compact whose document it is");
    }
    return n;
}

/* n as decimal text from arena, or NULL for 0. */
static const char *number_text(long long n, struct arena *arena)
{
    char s[24];
    int len = snprintf(s, sizeof(s), "%lld", n);
    return n && len > 0 && (size_t)len < sizeof(s) ? arena_strdup(arena, s) : NULL;
}

void case_study_to_draft(const struct case_study *cs, struct arena *arena,
                         struct case_study_draft *out)
{
    struct buf b = BUF_INIT;

    memset(out, 0, sizeof(*out));
    out->title = cs->title;
    out->summary = cs->summary;
    out->outcome = cs->outcome;
    out->year = number_text(cs->year, arena);
    for (int t = 0; t < THEME_COUNT; t++) {
        if (cs->themes & (1u << t)) {
            buf_adds(&b, b.len ? " " : "");
            buf_adds(&b, themes[t].id);
        }
    }
    out->themes = arena_strdup(arena, b.data);
    buf_reset(&b);
    for (size_t i = 0; i < cs->nareas; i++) {
        buf_adds(&b, i ? " " : "");
        buf_adds(&b, cs->areas[i]);
    }
    out->areas = arena_strdup(arena, b.data);
    buf_release(&b);
    out->organisations = cs->organisations;
    out->compact = number_text(cs->compact_id, arena);
    out->source_citation = cs->source_citation;
    out->source_url = cs->source_url;
}

void resource_to_draft(const struct resource *r, struct arena *arena, struct resource_draft *out)
{
    char date[DATE_STRLEN + 1];

    memset(out, 0, sizeof(*out));
    out->title = r->title;
    out->kind = resource_kind_id(r->kind);
    out->summary = r->summary;
    if (r->date) {
        date_format(r->date, date);
        out->date = arena_strdup(arena, date);
    }
    out->url = r->url;
    out->compact = number_text(r->compact_id, arena);
}

int library_is_pdf(const void *data, size_t len)
{
    return len >= 5 && !memcmp(data, "%PDF-", 5);
}

const char *library_file_name(const char *given_name, struct arena *arena)
{
    const char *s = given_name ? given_name : "", *slash;
    const unsigned char *p;
    struct buf b = BUF_INIT;
    const char *out;
    size_t len;

    for (slash = s; *slash; slash++) {
        if (*slash == '/' || *slash == '\\') {
            s = slash + 1;
        }
    }
    p = (const unsigned char *)s;
    len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq(p + i, len - i);
        if (!n) {
            i++; /* not UTF-8: dropped */
            continue;
        }
        if (!utf8_is_control(p + i, n) && !(n == 1 && strchr("\"';`", p[i])) &&
            b.len + n <= LIBRARY_FILENAME_MAX - 4) {
            buf_add(&b, p + i, n);
        }
        i += n;
    }
    /* no spaces or dots around it: ".." and " x " become "x" */
    while (b.len && strchr(" .", b.data[b.len - 1])) {
        buf_truncate(&b, b.len - 1);
    }
    len = strspn(b.data, " .");
    if (b.len == len) {
        buf_reset(&b);
        buf_adds(&b, "document");
    }
    if (b.len - len < 4 || strcasecmp(b.data + b.len - 4, ".pdf") != 0) {
        buf_adds(&b, ".pdf");
    }
    out = buf_failed(&b) ? "document.pdf" : arena_strdup(arena, b.data + len);
    buf_release(&b);
    return out;
}

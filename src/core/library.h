/*
 * The library (SPEC section 9): case studies of what local Compacts achieved, and resources (the
 * national documents, guidance, a local Compact's own documents), each a draft until an admin
 * publishes it. Pure: the kinds, the themes and their labels for people, and the one check of
 * what a person gives, naming the field at fault. The store fills the structs.
 */
#ifndef CORE_LIBRARY_H
#define CORE_LIBRARY_H

#include <stddef.h>

#include "core/field_error.h"
#include "base/arena.h"
#include "base/date.h"

/* The themes of a case study: the five headings of Compact Voice's guidance, then four more. */
enum library_theme {
    THEME_DELIVERING_RESULTS,
    THEME_MANAGING_CUTS,
    THEME_COMMISSIONING,
    THEME_EFFICIENCY_INNOVATION,
    THEME_MANAGING_RISK,
    THEME_CONSULTATION,
    THEME_EQUALITY,
    THEME_VOLUNTEERING,
    THEME_INDEPENDENCE,
    THEME_COUNT
};
/* "managing_cuts"; "Managing cuts" for people; 0 and *out, or ERR_INVALID. */
const char *library_theme_id(enum library_theme t);
const char *library_theme_label(enum library_theme t);
int library_theme_parse(const char *s, enum library_theme *out);

enum resource_kind {
    RESOURCE_NATIONAL_COMPACT,
    RESOURCE_GUIDANCE,
    RESOURCE_TOOLKIT,
    RESOURCE_TEMPLATE,
    RESOURCE_REPORT,
    RESOURCE_LOCAL_COMPACT_DOCUMENT,
    RESOURCE_KIND_COUNT
};
/* "local_compact_document"; "A local Compact's document" for people. */
const char *resource_kind_id(enum resource_kind k);
const char *resource_kind_label(enum resource_kind k);
int resource_kind_parse(const char *s, enum resource_kind *out);

/* The kind a library list asks for: any, case studies, or a resource kind (resources of it). */
enum library_kind_filter {
    LIBRARY_ANY = -1,
    LIBRARY_CASE_STUDIES = RESOURCE_KIND_COUNT,
};

/* draft or published. */
enum library_status { LIBRARY_DRAFT, LIBRARY_PUBLISHED };
const char *library_status_id(enum library_status s);

#define LIBRARY_TITLE_MAX    200  /* characters */
#define LIBRARY_TEXT_MAX     4000 /* characters, of a summary or an outcome */
#define LIBRARY_AREAS_MAX    64   /* authorities of one case study */
#define LIBRARY_YEAR_MIN     1998 /* the national Compact's first year */
#define LIBRARY_YEAR_MAX     2100
#define LIBRARY_FILE_MAX     (20u * 1024u * 1024u) /* an uploaded PDF's most bytes: 20 MiB */
#define LIBRARY_FILENAME_MAX 200                   /* bytes of a document's name as kept */
#define LIBRARY_PROBLEMS_MAX 12

/* A case study as stored; strings from the reader's arena (or borrowed). */
struct case_study {
    long long id;
    const char *title, *summary, *outcome; /* outcome may be NULL */
    int year;                              /* 0: not known */
    unsigned themes;                       /* bit (1u << enum library_theme) for each */
    const char **areas;                    /* GSS codes, ascending */
    const char **area_names;               /* their names, as the store read them, or NULL */
    size_t nareas;
    const char *organisations;   /* the organisations involved, one a line, or NULL */
    long long compact_id;        /* 0: none */
    const char *compact_name;    /* its name, or NULL */
    const char *source_citation; /* or NULL */
    const char *source_url;      /* or NULL */
    enum library_status status;
    const char *created_by;                             /* the actor: "user:ID" or "cli" */
    const char *created_by_name;                        /* that person's name, or NULL */
    const char *created_at, *updated_at, *published_at; /* UTC; published_at NULL for a draft */
};

/* A resource as stored. */
struct resource {
    long long id;
    const char *title;
    enum resource_kind kind;
    const char *summary;  /* or NULL */
    date_t date;          /* its date of publication, 0: not known */
    const char *url;      /* a link, or NULL */
    long long compact_id; /* a local Compact's document: its Compact; else 0 */
    const char *compact_name;
    enum library_status status;
    const char *created_by, *created_by_name;
    const char *created_at, *updated_at, *published_at;
    /* its uploaded PDF, if any (the bytes are read on their own: store_resource_document) */
    const char *file_name;   /* NULL: none */
    const char *file_sha256; /* 64 lower-case hex digits */
    long long file_size;
};

/* What a person gives for a case study (a form, a JSON body), each NULL when not given. Lists
 * are text: themes and areas separated by spaces, commas or line breaks. */
struct case_study_draft {
    const char *title, *summary, *outcome, *year, *themes, *areas, *organisations, *compact,
        *source_citation, *source_url;
};
struct resource_draft {
    const char *title, *kind, *summary, *date, *url, *compact;
};

/*
 * Check d and make *out of it (strings borrowed from d, or from arena for the areas): the title
 * and summary are required, the rest optional; at least one theme. Returns how many problems
 * there are, each in problems[] naming its field (title, summary, outcome, year, themes, areas,
 * organisations, compact, source_citation, source_url), at most LIBRARY_PROBLEMS_MAX. Whether
 * the areas and the Compact exist is for the store to say.
 */
size_t case_study_from_draft(const struct case_study_draft *d, struct arena *arena,
                             struct case_study *out, struct field_error *problems);
/* The same for a resource: title and kind required; a local Compact's document needs its
 * Compact; a link or a document (has_file: one is uploaded, or kept) is required. */
size_t resource_from_draft(const struct resource_draft *d, int has_file, struct resource *out,
                           struct field_error *problems);
/* The draft that gives cs again (strings from arena), for a form or a patch to start from. */
void case_study_to_draft(const struct case_study *cs, struct arena *arena,
                         struct case_study_draft *out);
void resource_to_draft(const struct resource *r, struct arena *arena, struct resource_draft *out);

/* ---- uploaded documents ---- */

/* Whether data[0..len) is a PDF by its first bytes: "%PDF-". */
int library_is_pdf(const void *data, size_t len);
/*
 * A file name as a person's computer gave it, made safe to keep and to send back: the part
 * after the last '/' or '\', control characters, quotes, ';' and bytes that are not UTF-8
 * dropped, spaces around trimmed, at most LIBRARY_FILENAME_MAX bytes (cut between characters),
 * and ".pdf" added when it does not end so; "document.pdf" when nothing is left. From arena.
 */
const char *library_file_name(const char *given, struct arena *arena);

#endif

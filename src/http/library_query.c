/* The library's filters and form fields. */
#include "library_query.h"

#include "app/library.h"

#include <string.h>

#include "core/authority.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

size_t library_query(const struct query *q, struct library_filter *f, struct field_error errs[4])
{
    return library_filter_read(query_get(q, "kind"), query_get(q, "theme"), query_get(q, "region"),
                               query_get(q, "year"), f, errs);
}

void library_case_study_fields(const struct query *q, struct arena *arena,
                               struct case_study_draft *d)
{
    struct buf themes = BUF_INIT;

    d->title = query_get(q, "title");
    d->summary = query_get(q, "summary");
    d->outcome = query_get(q, "outcome");
    d->year = query_get(q, "year");
    for (size_t i = 0; i < q->n; i++) {
        if (!strcmp(q->params[i].name, "themes")) {
            buf_adds(&themes, themes.len ? " " : "");
            buf_adds(&themes, q->params[i].value);
        }
    }
    d->themes = buf_failed(&themes) ? "?" : arena_strdup(arena, themes.data);
    buf_release(&themes);
    d->areas = query_get(q, "areas");
    d->organisations = query_get(q, "organisations");
    d->compact = query_get(q, "compact");
    if (!d->compact) {
        d->compact = query_get(q, "compact_id");
    }
    d->source_citation = query_get(q, "source_citation");
    d->source_url = query_get(q, "source_url");
}

void library_resource_fields(const struct query *q, struct arena *arena, struct resource_draft *d)
{
    const char *given[3];
    char iso[DATE_STRLEN + 1];
    date_t date;
    int ret;

    d->title = query_get(q, "title");
    d->kind = query_get(q, "kind");
    d->summary = query_get(q, "summary");
    d->url = query_get(q, "url");
    d->compact = query_get(q, "compact");
    if (!d->compact) {
        d->compact = query_get(q, "compact_id");
    }
    d->date = query_get(q, "date");
    if (!d->date) {
        ret = read_date(q, "date", NULL, given, &date, NULL);
        if (ret == 0) {
            date_format(date, iso);
            d->date = arena_strdup(arena, iso);
        } else {
            d->date = ret == 1 ? "" : "not a date";
        }
    }
}

const struct library_file *library_upload(struct request *r)
{
    struct library_file *f;

    if (!r->upload || strcmp(r->upload->field, "document") != 0) {
        return NULL;
    }
    f = arena_alloc(r->arena, sizeof(*f));
    f->name = library_file_name(r->upload->filename, r->arena);
    f->data = r->upload->data;
    f->len = r->upload->len;
    return f;
}

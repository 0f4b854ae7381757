/* The bank holidays of England and Wales (data/SOURCES.md), checked as they are read. */
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "codec/csv.h"
#include "base/embed.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

extern const struct embed_file refdata_files[];
extern const size_t refdata_files_count;

#define CALENDAR_FILE "bank_holidays_england_and_wales.csv"

struct load {
    date_t *days;
    size_t n, cap;
    struct buf *err;
};

static int on_row(const struct csv_row *row, void *ctx)
{
    struct load *l = ctx;
    date_t d;

    if (row->line == 1) {
        if (row->n != 2 || strcmp(row->fields[0], "date") || strcmp(row->fields[1], "name")) {
            buf_addf(l->err, "%s: line 1: the columns must be date,name", CALENDAR_FILE);
            return ERR_INVALID;
        }
        return 0;
    }
    if (row->n != 2 || date_parse(row->fields[0], row->lens[0], &d) < 0 || !row->lens[1]) {
        buf_addf(l->err, "%s: line %ld: want a date YYYY-MM-DD and a name", CALENDAR_FILE,
                 row->line);
        return ERR_INVALID;
    }
    if (l->n && d <= l->days[l->n - 1]) {
        buf_addf(l->err, "%s: line %ld: dates must be in order, each once", CALENDAR_FILE,
                 row->line);
        return ERR_INVALID;
    }
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->days = xrealloc(l->days, st_mult(l->cap, sizeof(*l->days)));
    }
    l->days[l->n++] = d;
    return 0;
}

int ingest_calendar(struct calendar *out, struct buf *err)
{
    const struct embed_file *f = embed_find(refdata_files, refdata_files_count, CALENDAR_FILE);
    struct load l = {.err = err};
    int y, m, d, ret;

    memset(out, 0, sizeof(*out));
    if (!f) {
        buf_addf(err, "the bank holidays are missing from the program");
        return ERR_INVALID;
    }
    ret = csv_read((const char *)f->data, f->len, on_row, &l, err);
    if (ret == 0 && !l.n) {
        buf_addf(err, "%s: no bank holidays", CALENDAR_FILE);
        ret = ERR_INVALID;
    }
    if (ret < 0) {
        free(l.days);
        return ret;
    }
    out->holidays = l.days;
    out->n = l.n;
    date_to_ymd(l.days[0], &y, &m, &d);
    out->first = date_from_ymd(y, 1, 1);
    date_to_ymd(l.days[l.n - 1], &y, &m, &d);
    out->last = date_from_ymd(y, 12, 31);
    return 0;
}

void ingest_calendar_free(struct calendar *c)
{
    free((date_t *)c->holidays);
    memset(c, 0, sizeof(*c));
}

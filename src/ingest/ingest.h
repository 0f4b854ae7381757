/* Importers: data files in, the store's records out, each file in one transaction. */
#ifndef INGEST_INGEST_H
#define INGEST_INGEST_H

#include <stddef.h>

#include "base/buf.h"
#include "core/calendar.h"
#include "store/store.h"

/*
 * Load the reference data compiled into the program (England's principal authorities, both
 * sets, and their former codes) in one transaction; running it again updates them in place.
 * *count is how many authorities were written. On failure nothing is written and err says why.
 */
int ingest_reference_data(struct store *st, size_t *count, struct buf *err);

/*
 * The England and Wales bank holidays compiled into the program, into out; its table is the
 * caller's to free with ingest_calendar_free. On failure out is empty and err says why.
 */
int ingest_calendar(struct calendar *out, struct buf *err);
void ingest_calendar_free(struct calendar *c);

/* Open data: 360Giving grants and OCDS contracts (SPEC section 8). */
enum ingest_kind { INGEST_GRANTS, INGEST_CONTRACTS };

/* Quirks of one kind (a field written one odd way), counted over a file. */
struct ingest_quirk {
    const char *field, *what; /* static strings */
    size_t count;
    size_t first_record; /* where it was first met */
    long first_line;
};
#define INGEST_QUIRKS_MAX 16

struct ingest_summary {
    const char *format; /* what the file was found to be, e.g. "360giving-csv"; static */
    size_t read;        /* records read */
    size_t imported;    /* records stored: all that were read, or none */
    size_t rejected;    /* records refused */
    size_t warnings;    /* quirks met, all kinds */
    size_t organisations_created;
    struct ingest_quirk quirks[INGEST_QUIRKS_MAX]; /* the first kinds met */
    size_t nquirks;
};

struct ingest_rejection {
    size_t record; /* 1-based record number */
    long line;     /* the line it starts on */
    const char *why;
};

struct ingest_opendata_opts {
    const char *actor; /* for the audit trail, e.g. "cli" */
    size_t block;      /* bytes read at a time; 0: 1 MB */
    /* called after each block: bytes read so far and the file's size (0 if unknown) */
    void (*progress)(unsigned long long done, unsigned long long total, void *ctx);
    /* called for every rejected record */
    void (*rejected)(const struct ingest_rejection *r, void *ctx);
    void *ctx;
};

/*
 * Import the grants or contracts in the file at path, its format told from its content:
 * 360Giving JSON ({"grants": [...]}, an array, JSON lines) or flat CSV for grants; OCDS release
 * packages, record packages (each record's compiledRelease), JSON lines of releases, a single
 * release or an array of them for contracts. The file is read a block at a time and each record
 * decoded on its own, so memory stays bounded whatever the file's size. Records are stored by
 * their identifiers (a grant's id, a contracting process's ocid), updated when imported again;
 * org-ids are linked to the register, unknown ones created unverified (store_opendata_org).
 *
 * All in one transaction with an audit entry: the file lands whole, or, when any record is
 * rejected or the file is malformed, not at all. Returns 0; ERR_INVALID when records were
 * rejected (each reported through opts->rejected, counted in out) or the file is not one of
 * the formats (err says where); ERR_IO, ERR_TOO_BIG (a record over 16 MB) or ERR_DB.
 */
int ingest_opendata(struct store *st, enum ingest_kind kind, const char *path,
                    const struct ingest_opendata_opts *opts, struct ingest_summary *out,
                    struct buf *err);

#endif

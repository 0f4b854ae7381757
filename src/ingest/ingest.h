/* Importers: data files in, the store's records out, each file in one transaction. */
#ifndef INGEST_INGEST_H
#define INGEST_INGEST_H

#include <stddef.h>

#include "base/buf.h"
#include "core/calendar.h"
#include "core/hexmap.h"
#include "store/store.h"

/*
 * Load the reference data compiled into the program (England's principal authorities, both
 * sets, and their former codes) in one transaction; running it again updates them in place.
 * Each authority's council becomes an organisation the first time (store_organisation_councils).
 * *count is how many authorities were written. On failure nothing is written and err says why.
 */
int ingest_reference_data(struct store *st, size_t *count, struct buf *err);

/*
 * Load the library shipped with the program (data/library/: the first case studies and
 * resources), each published, once: an item loaded before (library_loaded) is left as people
 * have since made it. *loaded is how many were written now. On failure err says why.
 */
int ingest_library(struct store *st, size_t *loaded, struct buf *err);

/*
 * The England and Wales bank holidays compiled into the program, into out; its table is the
 * caller's to free with ingest_calendar_free. On failure out is empty and err says why.
 */
int ingest_calendar(struct calendar *out, struct buf *err);
void ingest_calendar_free(struct calendar *c);

/*
 * Append the file at path to b (made with buf_init and the largest size to accept): 0,
 * ERR_IO when it cannot be read, or ERR_TOO_BIG when it is larger than b may grow.
 */
int ingest_read_file(const char *path, struct buf *b);

/*
 * Append a reader's message msg to err as one line naming the file: "FILE:LINE: what\n" when msg
 * names its line as the readers do ("line LINE: what" from codec/csv.h, "line LINE, what" from
 * codec/json_split.h), else "FILE: msg\n".
 */
void ingest_locate(struct buf *err, const char *file, const char *msg);

/*
 * Import the signatories in the CSV file at path: a header naming the columns compact (its
 * number or exact unique name), organisation (org-id, number or exact unique name), signed_on,
 * role and, optionally, withdrawn_on (dates YYYY-MM-DD), then one signatory a row, each with its
 * audit entry by actor, all in one transaction. Every bad row is reported on err, one line each,
 * as "PATH:LINE: what"; if any row is bad nothing is stored and the result is ERR_INVALID.
 * *count is how many were stored.
 */
int ingest_signatories(struct store *st, const char *path, const char *actor, size_t *count,
                       struct buf *err);

/*
 * Add the organisations of the CSV text data[0..len) (a header row naming org_id, name and
 * type, and optionally sector and website) in one transaction, each audited as made by actor.
 * Every bad row, and a row whose org-id is taken or names no council, is reported in err as
 * "FILE:LINE: what" (file as given), one a line; then nothing is stored and the result is
 * ERR_INVALID. *count: how many were added.
 */
int ingest_organisations(struct store *st, const char *data, size_t len, const char *file,
                         const char *actor, size_t *count, struct buf *err);

/*
 * The hex map of England's district-level authorities compiled into the program for set (the
 * 2009-2019 layout for AUTH_SET_2012, the 2023 one for AUTH_SET_CURRENT), English hexes only,
 * into out (from arena). On failure out is empty and err says why.
 */
int ingest_hexmap(enum authority_set set, struct arena *arena, struct hexmap *out, struct buf *err);

/*
 * Import local Compacts from CSV text (name, authorities, status, status_date, adopted,
 * refreshed, document_url; authorities are GSS codes separated by ';'), in one transaction,
 * audited as actor. When any row is bad nothing is stored and err has one line per problem,
 * "FILE:LINE: what is wrong" (file as given). *count is how many were stored.
 */
int ingest_compacts(struct store *st, const char *data, size_t len, const char *file,
                    const char *actor, size_t *count, struct buf *err);

/*
 * Load the fictional demo set (compact demo load): Compacts across the regions in all three
 * statuses, organisations and signatories, every name marked "(demo)". ERR_CONFLICT when it is
 * loaded already. *ncompacts is how many Compacts it holds.
 */
int ingest_demo(struct store *st, const char *actor, size_t *ncompacts, struct buf *err);

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
 * rejected (each reported through opts->rejected, counted in out; err left empty when that is
 * all) or the file is not well-formed, or not one of the formats (err says why, and where as
 * the readers do: "line N: what" or "line N, byte B: what", see ingest_locate): a CSV record
 * with more or fewer fields than the header, a record or quoted field cut short by the end of
 * the file, a JSON lines record that does not end on its line, a line break or \u0000 inside a
 * JSON string, a NUL byte or bytes that are not UTF-8; ERR_IO, ERR_TOO_BIG (a record over 16 MB)
 * or ERR_DB.
 */
int ingest_opendata(struct store *st, enum ingest_kind kind, const char *path,
                    const struct ingest_opendata_opts *opts, struct ingest_summary *out,
                    struct buf *err);

#endif

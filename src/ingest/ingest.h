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
 * Each authority's council becomes an organisation the first time (store_organisation_councils).
 * *count is how many authorities were written. On failure nothing is written and err says why.
 */
int ingest_reference_data(struct store *st, size_t *count, struct buf *err);

/*
 * The England and Wales bank holidays compiled into the program, into out; its table is the
 * caller's to free with ingest_calendar_free. On failure out is empty and err says why.
 */
int ingest_calendar(struct calendar *out, struct buf *err);
void ingest_calendar_free(struct calendar *c);

/*
 * Add the organisations of the CSV text data[0..len) (a header row naming org_id, name and
 * type, and optionally sector and website) in one transaction, each audited as made by actor.
 * Every bad row, and a row whose org-id is taken or names no council, is reported in err as
 * "FILE:LINE: what" (file as given), one a line; then nothing is stored and the result is
 * ERR_INVALID. *count: how many were added.
 */
int ingest_organisations(struct store *st, const char *data, size_t len, const char *file,
                         const char *actor, size_t *count, struct buf *err);

#endif

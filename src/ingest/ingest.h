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

/*
 * Import local Compacts from CSV text (name, authorities, status, status_date, adopted,
 * refreshed, document_url; authorities are GSS codes separated by ';'), in one transaction,
 * audited as actor. When any row is bad nothing is stored and err has one line per problem,
 * "line N: what is wrong". *count is how many were stored.
 */
int ingest_compacts(struct store *st, const char *data, size_t len, const char *actor,
                    size_t *count, struct buf *err);

/*
 * Load the fictional demo set (compact demo load): Compacts across the regions in all three
 * statuses, organisations and signatories, every name marked "(demo)". ERR_CONFLICT when it is
 * loaded already. *ncompacts is how many Compacts it holds.
 */
int ingest_demo(struct store *st, const char *actor, size_t *ncompacts, struct buf *err);

#endif

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
 * The hex map of England's district-level authorities compiled into the program for set (the
 * 2009-2019 layout for AUTH_SET_2012, the 2023 one for AUTH_SET_CURRENT), English hexes only,
 * into out (from arena). On failure out is empty and err says why.
 */
int ingest_hexmap(enum authority_set set, struct arena *arena, struct hexmap *out, struct buf *err);

#endif

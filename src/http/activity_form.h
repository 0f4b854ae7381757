/* What the check pages (page_checks.c) share with the recorded activities' pages
 * (page_activities.c): the offer to record a result, and the record form. */
#ifndef HTTP_ACTIVITY_FORM_H
#define HTTP_ACTIVITY_FORM_H

#include "request.h"
#include "view/page_activity.h"
#include "core/rules.h"

/*
 * What the result of a check of kind k against Compact compact (its id as given, or NULL or ""
 * for none) says about recording it, for the person asking, into *out (strings from the
 * arena); answers is the result's query string as sent. 0, or an error from the store.
 */
int activity_record_offer(struct request *r, enum activity_kind k, const char *compact,
                          const char *answers, struct record_offer *out);
/*
 * The record form (GET /checks/{kind}/record) of the answers in q to a check of kind k, for
 * the Compact q names ("compact"): a 400 page without one or with answers that cannot be
 * checked, the 403 page when the person may not record on it.
 */
int activity_record_form(struct request *r, enum activity_kind k, const struct query *q);
/* The answers in q to the questions of a check of kind k into a, as the result page reads
 * them (page_checks.c): 0, or ERR_INVALID when one cannot be read. */
int check_answers_read(struct request *r, const struct query *answers, enum activity_kind k,
                       struct activity *a);

#endif

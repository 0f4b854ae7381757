/* What the survey's API and pages share (http/api_survey.c). */
#ifndef HTTP_SURVEY_HTTP_H
#define HTTP_SURVEY_HTTP_H

#include <stddef.h>

#include "request.h"

/* Reply 201 with codes[0..n) of the round of year as CSV (code,link), each link on the host the
 * request came to (a plain Host header only; else the path alone). */
void survey_codes_reply(struct request *r, int year, const char **codes, size_t n);

#endif

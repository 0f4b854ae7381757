/*
 * The only way markup is written (after cgit's html.c). Fixed markup goes through html_lit,
 * which takes string literals only; every dynamic value goes through html_text, html_attr or
 * html_url, which escape by context.
 */
#ifndef VIEW_HTML_H
#define VIEW_HTML_H

#include "base/buf.h"
#include "base/date.h"

/* Append fixed markup; "" s makes anything but a string literal fail to compile. */
#define html_lit(b, s) buf_add((b), "" s, sizeof(s) - 1)

/* Text between tags: & < > " ' escaped. NULL appends nothing. */
void html_text(struct buf *b, const char *s);
/* A double-quoted attribute value: the same five escaped. */
void html_attr(struct buf *b, const char *s);
/* One URL component (a path segment or query value): percent-encoded, then safe in an attribute. */
void html_url(struct buf *b, const char *s);
/* A whole number as text. */
void html_num(struct buf *b, long long n);
/* A whole number with a comma between each three digits, as people read it: "1,169". */
void html_count(struct buf *b, long long n);
/* A share as a percentage to one decimal place: 0.425 as "42.5%". */
void html_percent(struct buf *b, double share);
/* Pence as pounds: "£1,234,567.89" ("-£0.50" below zero). */
void html_money(struct buf *b, long long pence);
/* A date as people read it: "31 March 2012". */
void html_date(struct buf *b, date_t d);

#endif

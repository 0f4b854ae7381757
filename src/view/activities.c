/* Recorded activities as pages show them. */
#include "activities.h"

#include <stdio.h>
#include <string.h>

#include "components.h"
#include "html.h"
#include "base/banned.h"

const char *activity_href(char out[ACTIVITY_HREF_MAX], long long compact_id, long long id)
{
    /* Until each activity has a page of its own, its history shows what was recorded. */
    int n = snprintf(out, ACTIVITY_HREF_MAX, "/history/activity/%lld", id);
    (void)compact_id;
    if (n < 0 || n >= ACTIVITY_HREF_MAX) {
        out[0] = '/';
        out[1] = '\0';
    }
    return out;
}

void view_activity_link(struct buf *b, const struct activity_summary *a, int day_shown)
{
    char href[ACTIVITY_HREF_MAX];

    html_lit(b, "<a class=\"govuk-link\" href=\"");
    html_attr(b, activity_href(href, a->compact_id, a->id));
    html_lit(b, "\">");
    html_text(b, activity_kind_label(a->kind));
    if (day_shown) {
        html_lit(b, ", ");
        view_recorded_on(b, a->recorded_at);
    } else {
        html_lit(b, "<span class=\"govuk-visually-hidden\"> recorded ");
        view_recorded_on(b, a->recorded_at);
        html_lit(b, "</span>");
    }
    html_lit(b, "</a>");
}

const char *activity_kind_label(const char *kind)
{
    static const char *const labels[ACTIVITY_KIND_COUNT] = {
        [ACTIVITY_FUNDING_CHANGE] = "Funding change",
        [ACTIVITY_CONSULTATION] = "Consultation",
        [ACTIVITY_FUNDING_AWARD] = "Funding award",
        [ACTIVITY_PROCUREMENT] = "Procurement",
    };
    enum activity_kind k;

    return kind && activity_kind_parse(kind, &k) == 0 ? labels[k] : "Activity";
}

const char *verdict_label(enum verdict v)
{
    static const char *const labels[VERDICT_COUNT] = {
        [VERDICT_MET] = "Met",         [VERDICT_JUSTIFIED] = "Justified",
        [VERDICT_PENDING] = "Pending", [VERDICT_UNKNOWN] = "Not known",
        [VERDICT_BREACH] = "Breach",
    };
    return (unsigned)v < VERDICT_COUNT ? labels[v] : "";
}

void view_verdict_tag(struct buf *b, const char *verdict)
{
    static const char *const classes[VERDICT_COUNT] = {
        [VERDICT_MET] = "govuk-tag govuk-tag--green",
        [VERDICT_JUSTIFIED] = "govuk-tag govuk-tag--blue",
        [VERDICT_PENDING] = "govuk-tag govuk-tag--grey",
        [VERDICT_UNKNOWN] = "govuk-tag govuk-tag--yellow",
        [VERDICT_BREACH] = "govuk-tag govuk-tag--red",
    };
    enum verdict v;

    if (!verdict || verdict_parse(verdict, &v) < 0) {
        return;
    }
    html_lit(b, "<strong class=\"");
    html_attr(b, classes[v]);
    html_lit(b, "\">");
    html_text(b, verdict_label(v));
    html_lit(b, "</strong>");
}

void view_activity_org(struct buf *b, const char *org_id, const char *name)
{
    if (org_id && name) {
        html_lit(b, "<a class=\"govuk-link\" href=\"/organisations/");
        html_url(b, org_id);
        html_lit(b, "\">");
        html_text(b, name);
        html_lit(b, "</a>");
    } else if (org_id) {
        html_text(b, org_id); /* as it was recorded: not an organisation of the register */
    } else {
        html_lit(b, "No organisation given");
    }
}

void view_recorded_on(struct buf *b, const char *recorded_at)
{
    date_t d;

    if (recorded_at && strlen(recorded_at) >= DATE_STRLEN &&
        date_parse(recorded_at, DATE_STRLEN, &d) == 0) {
        html_date(b, d);
    } else {
        html_lit(b, "Not known");
    }
}

void view_activity_table(struct buf *b, const char *caption, const struct activity_summary *a,
                         size_t n, unsigned columns)
{
    struct table_column cols[3] = {{"Activity", 0}};
    size_t ncols = 1;

    if (columns & ACTIVITY_COL_ORG) {
        cols[ncols++] = (struct table_column){"Organisation", 0};
    }
    if (columns & ACTIVITY_COL_COMPACT) {
        cols[ncols++] = (struct table_column){"Local Compact", 0};
    }
    table_start(b, &(struct table){.caption = caption,
                                   .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = ncols});
    for (size_t i = 0; i < n; i++) {
        table_row_start(b);
        table_cell_start(b, 0);
        view_activity_link(b, &a[i], 0);
        html_lit(b, "<br>Recorded ");
        view_recorded_on(b, a[i].recorded_at);
        html_lit(b, "<br>");
        view_verdict_tag(b, a[i].overall);
        table_cell_end(b);
        if (columns & ACTIVITY_COL_ORG) {
            table_cell_start(b, 0);
            view_activity_org(b, a[i].org_id, a[i].org_name);
            table_cell_end(b);
        }
        if (columns & ACTIVITY_COL_COMPACT) {
            table_cell_start(b, 0);
            html_lit(b, "<a class=\"govuk-link\" href=\"/compacts/");
            html_num(b, a[i].compact_id);
            html_lit(b, "\">");
            html_text(b, a[i].compact_name);
            html_lit(b, "</a>");
            table_cell_end(b);
        }
        table_row_end(b);
    }
    table_end(b);
}

/* Recorded activities as pages show them. */
#include "activities.h"

#include <stdio.h>
#include <string.h>

#include "components.h"
#include "html.h"
#include "page_check.h"
#include "core/activity.h"
#include "base/banned.h"

void activity_href(struct buf *b, long long compact_id, long long id)
{
    buf_addf(b, "/compacts/%lld/activities/%lld", compact_id, id);
}

void view_activity_link(struct buf *b, const struct activity_summary *a, int day_shown)
{
    struct buf href = BUF_INIT;

    html_lit(b, "<a class=\"govuk-link\" href=\"");
    activity_href(&href, a->compact_id, a->id);
    html_attr(b, href.data);
    buf_release(&href);
    html_lit(b, "\">");
    if (a->title && *a->title) { /* its title, then what it is */
        html_text(b, a->title);
        html_lit(b, "</a> (");
        html_text(b, activity_kind_name(a->kind));
        if (day_shown) {
            html_lit(b, ", ");
            view_recorded_on(b, a->recorded_at);
        }
        html_lit(b, ")");
        return;
    }
    html_text(b, activity_kind_name(a->kind));
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

const char *activity_kind_name(const char *kind)
{
    enum activity_kind k;

    return kind && activity_kind_parse(kind, &k) == 0 ? activity_kind_label(k) : "Activity";
}

void view_verdict_tag_id(struct buf *b, const char *verdict, int planned)
{
    enum verdict v;

    if (verdict && verdict_parse(verdict, &v) == 0) {
        view_verdict_tag(b, v, planned);
    }
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
        view_verdict_tag_id(b, a[i].overall, a[i].planned);
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

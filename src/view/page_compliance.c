/* The compliance page of a Compact. */
#include "page_compliance.h"

#include <stdio.h>
#include <string.h>

#include "activities.h"
#include "components.h"
#include "html.h"
#include "page_check.h"
#include "core/commitments.h"
#include "base/banned.h"

/* A tally's counts, worst first, those that are not 0: "Breach: 1", "Met: 2". */
static void verdict_cells(struct buf *b, const size_t counts[VERDICT_COUNT])
{
    table_cell_start(b, 0);
    html_lit(b, "<ul class=\"govuk-list govuk-!-margin-bottom-0\">");
    for (int v = VERDICT_COUNT - 1; v >= 0; v--) {
        if (counts[v]) {
            html_lit(b, "<li>");
            html_text(b, verdict_label((enum verdict)v, 0));
            html_lit(b, ":&nbsp;"); /* the count stays with its word */
            html_num(b, (long long)counts[v]);
            html_lit(b, "</li>");
        }
    }
    html_lit(b, "</ul>");
    table_cell_end(b);
}

/* A table of findings counted by what, two columns, so that it fits a phone. */
static void tally_start(struct buf *b, const char *caption, const char *what)
{
    const struct table_column cols[] = {{what, 0}, {"Findings", 0}};

    table_start(b, &(struct table){.caption = caption,
                                   .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 2});
}

/* A commitment as people read it: its number, then its wording. */
struct commitment_tally {
    const char *number, *wording;
    size_t counts[VERDICT_COUNT];
};

/* The rules' tallies added up by the commitment each rule tests, in the rules' order, so a
 * commitment two rules test (4.4: notice and reasons) is one row. */
static size_t by_commitment(const struct compliance_view *v, struct commitment_tally *out)
{
    const struct compliance *s = v->summary;
    size_t n = 0;

    for (int r = 0; r < RULE_COUNT; r++) {
        const struct commitment *c = commitment_of_rule(rule_id((enum rule)r));
        const struct tally *t = NULL;
        const char *number, *wording;
        size_t i;
        for (size_t k = 0; k < s->nrules && !t; k++) {
            t = !strcmp(s->by_rule[k].key, rule_id((enum rule)r)) ? &s->by_rule[k] : NULL;
        }
        if (!t) {
            continue;
        }
        number = v->numbers && v->numbers[r] ? v->numbers[r] : c ? c->number : NULL;
        wording = v->paraphrases && v->paraphrases[r] ? v->paraphrases[r]
                  : c                                 ? c->paraphrase
                                                      : "A commitment of the Compact";
        for (i = 0; i < n; i++) {
            if (number && out[i].number && !strcmp(number, out[i].number)) {
                break;
            }
        }
        if (i == n) {
            out[n++] = (struct commitment_tally){number, wording, {0}};
        }
        for (int k = 0; k < VERDICT_COUNT; k++) {
            out[i].counts[k] += t->counts[k];
        }
    }
    return n;
}

static void commitment_table(struct buf *b, const struct compliance_view *v)
{
    struct commitment_tally rows[RULE_COUNT];
    size_t n = by_commitment(v, rows);

    tally_start(b, "Findings by commitment", "Commitment");
    for (size_t i = 0; i < n; i++) {
        table_row_start(b);
        table_row_head_start(b);
        if (rows[i].number) {
            html_text(b, rows[i].number);
            html_lit(b, " ");
        }
        html_text(b, rows[i].wording);
        table_row_head_end(b);
        verdict_cells(b, rows[i].counts);
        table_row_end(b);
    }
    table_end(b);
}

/* The register's name of org-id key, from the first finding that names it. */
static const char *org_name(const struct compliance_view *v, const char *key)
{
    for (size_t i = 0; i < v->n; i++) {
        if (v->rows[i].org_id && !strcmp(v->rows[i].org_id, key)) {
            return v->rows[i].org_name;
        }
    }
    return NULL;
}

static void organisation_table(struct buf *b, const struct compliance_view *v)
{
    const struct compliance *s = v->summary;

    tally_start(b, "Findings by organisation", "Organisation");
    for (size_t i = 0; i < s->norgs; i++) {
        const char *key = s->by_org[i].key;
        table_row_start(b);
        table_row_head_start(b);
        view_activity_org(b, key[0] ? key : NULL, key[0] ? org_name(v, key) : NULL);
        table_row_head_end(b);
        verdict_cells(b, s->by_org[i].counts);
        table_row_end(b);
    }
    table_end(b);
}

/* "December 2026" for a month key, the first 7 characters of a time ("2026-12"). */
static void month_name(struct buf *b, const char *key)
{
    char day[DATE_STRLEN + 1] = "YYYY-MM-01", month[DATE_MONTH_MAX + 1];
    date_t d;

    if (strlen(key) >= 7) {
        memcpy(day, key, 7);
    }
    if (date_parse(day, DATE_STRLEN, &d) < 0) {
        html_lit(b, "Not known");
        return;
    }
    date_format_month(d, month);
    html_text(b, month);
}

static void month_table(struct buf *b, const struct compliance *s)
{
    tally_start(b, "Findings by month recorded", "Month");
    for (size_t i = 0; i < s->nmonths; i++) {
        table_row_start(b);
        table_row_head_start(b);
        month_name(b, s->by_month[i].key);
        table_row_head_end(b);
        verdict_cells(b, s->by_month[i].counts);
        table_row_end(b);
    }
    table_end(b);
}

/* The activity a finding belongs to, linked by its kind, and its organisation. */
static void finding_activity(struct buf *b, const struct compliance_view *v,
                             const struct finding_record *r)
{
    const struct activity_summary a = {.id = r->activity_id,
                                       .compact_id = v->compact_id,
                                       .kind = r->kind,
                                       .recorded_at = r->recorded_at};

    view_activity_link(b, &a, 0);
    html_lit(b, "<br>");
    view_activity_org(b, r->org_id, r->org_name);
}

static void pending_table(struct buf *b, const struct compliance_view *v, size_t pending)
{
    static const struct table_column cols[] = {{"Due by", 0}, {"Activity", 0}, {"What", 0}};

    table_start(b, &(struct table){.caption = "Steps still to take",
                                   .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 3});
    for (size_t i = 0; i < pending; i++) {
        const struct finding_record *r = &v->rows[i];
        date_t due;
        table_row_start(b);
        table_cell_start(b, 0);
        if (r->due_date && date_parse(r->due_date, strlen(r->due_date), &due) == 0) {
            html_date(b, due);
        } else {
            html_lit(b, "Not known");
        }
        table_cell_end(b);
        table_cell_start(b, 0);
        finding_activity(b, v, r);
        table_cell_end(b);
        table_cell(b, r->explanation, 0);
        table_row_end(b);
    }
    table_end(b);
}

/* The links that start a check of each kind, with this Compact chosen. */
static void check_links(struct buf *b, long long compact_id)
{
    html_lit(b, "<ul class=\"govuk-list govuk-list--bullet\">");
    for (int k = 0; k < ACTIVITY_KIND_COUNT; k++) {
        html_lit(b, "<li><a class=\"govuk-link\" href=\"/checks/");
        html_url(b, activity_kind_id((enum activity_kind)k));
        html_lit(b, "?compact=");
        html_num(b, compact_id);
        html_lit(b, "\">");
        html_text(b, check_title((enum activity_kind)k));
        html_lit(b, "</a></li>");
    }
    html_lit(b, "</ul>");
}

void view_compliance_page(struct buf *b, const struct compliance_view *v,
                          const struct viewer *viewer)
{
    static const char title[] = "Compliance with the Compact";
    char back[48];
    int nb = snprintf(back, sizeof(back), "/compacts/%lld", v->compact_id);
    const struct crumb crumbs[] = {
        {"Home", "/"},
        {"Local Compacts", "/compacts"},
        {v->compact_name, nb > 0 && (size_t)nb < sizeof(back) ? back : NULL},
        {"Compliance", NULL}};
    const struct layout l = {
        .title = title, .nav = NAV_COMPACTS, .crumbs = crumbs, .ncrumbs = 4, .viewer = viewer};
    const struct compliance *s = v->summary;
    size_t pending = 0;

    view_layout_start(b, &l);
    view_heading(b, v->compact_name, title);
    if (!v->nactivities && !v->n) {
        html_lit(b, "<p class=\"govuk-body\">No activities have been recorded for this Compact "
                    "yet.</p><p class=\"govuk-body\">Run a check and record it: answer the "
                    "questions about a decision, such as a cut in funding, then choose "
                    "&ldquo;Record it&rdquo; on the result. Its findings then show here.</p>");
        check_links(b, v->compact_id);
        view_layout_end(b, &l);
        return;
    }
    html_lit(b, "<p class=\"govuk-body\">How the activities recorded against this Compact keep "
                "its commitments, as last checked. <a class=\"govuk-link\" "
                "href=\"/api/v1/compacts/");
    html_num(b, v->compact_id);
    html_lit(b, "/findings.csv\">Download every finding as CSV</a>.</p>");
    for (size_t i = 0; i < v->n && !strcmp(v->rows[i].verdict, "pending"); i++) {
        pending++;
    }
    if (pending) {
        pending_table(b, v, pending);
    }
    view_activity_table(b, "Activities recorded", v->activities, v->nactivities, ACTIVITY_COL_ORG);
    html_lit(b, "<p class=\"govuk-body\">To record another, check a decision:</p>");
    check_links(b, v->compact_id);
    for (size_t i = 0; i < v->nactivities; i++) {
        if (v->activities[i].planned) { /* the tallies count verdicts as the API gives them */
            html_lit(b, "<div class=\"govuk-inset-text\">The figures below count the findings "
                        "of decisions still to come too: for those, a breach is what the "
                        "decision would not keep as planned, and can still be avoided.</div>");
            break;
        }
    }
    commitment_table(b, v);
    organisation_table(b, v);
    month_table(b, s);
    if (s->truncated) {
        html_lit(b, "<p class=\"govuk-body\">Only the first 64 organisations and months are "
                    "shown; the CSV has every finding.</p>");
    }
    view_layout_end(b, &l);
}

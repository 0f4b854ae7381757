/* Pages of the commitments catalogue. */
#include "page_commitments.h"

#include "components.h"
#include "html.h"
#include "base/banned.h"

static void unverified_tag(struct buf *b, const struct commitment_row *c)
{
    if (!c->verified) {
        html_lit(b, " <strong class=\"govuk-tag govuk-tag--yellow\">Number not yet verified"
                    "</strong>");
    }
}

/* ", " between items, " and " before the last (i of n). */
static void list_join(struct buf *b, size_t i, size_t n)
{
    if (i > 0) {
        html_text(b, i + 1 == n ? " and " : ", ");
    }
}

/* The section that starts at rows[i]: it ends before rows[*end]; how many are unverified. */
static size_t section_unverified(const struct commitment_row *rows, size_t n, size_t i, size_t *end)
{
    size_t bad = 0, j = i;

    for (; j < n && rows[j].section == rows[i].section; j++) {
        bad += !rows[j].verified;
    }
    *end = j;
    return bad;
}

/*
 * Which numbers are not yet verified, said once above the list rather than on every row: "on
 * this page" when none is, else each section of several where none is, and the other numbers.
 */
static void unverified_inset(struct buf *b, const struct commitment_row *rows, size_t n)
{
    size_t parts = 0, k = 0, unverified = 0, bad, j;

    for (size_t i = 0; i < n; i = j) {
        bad = section_unverified(rows, n, i, &j);
        unverified += bad;
        parts += bad > 1 && bad == j - i ? 1 : bad; /* a whole section is one part */
    }
    if (!unverified) {
        return;
    }
    html_lit(b, "<div class=\"govuk-inset-text\">");
    html_text(b, unverified == 1 ? "The commitment number " : "The commitment numbers ");
    for (size_t i = 0; i < n && unverified < n; i = j) {
        bad = section_unverified(rows, n, i, &j);
        if (bad > 1 && bad == j - i) {
            list_join(b, k++, parts);
            html_lit(b, "in section ");
            html_num(b, rows[i].section);
            continue;
        }
        for (size_t m = i; m < j; m++) {
            if (!rows[m].verified) {
                list_join(b, k++, parts);
                html_text(b, rows[m].number);
            }
        }
    }
    if (unverified == n) {
        html_lit(b, "on this page");
    }
    html_text(b, unverified == 1 ? " has" : " have");
    html_lit(b, " not yet been checked against the official text of the Compact, and may "
                "change: the national body corrects them as it checks them. They are marked "
                "&#8220;Number not yet verified&#8221; on each commitment&#39;s own page.</div>");
}

static void commitment_list(struct buf *b, const struct commitment_row *rows, size_t n)
{
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    for (size_t i = 0; i < n; i++) {
        summary_key_start(b, 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"/commitments/");
        html_num(b, rows[i].id);
        html_lit(b, "\">");
        html_text(b, rows[i].number);
        html_lit(b, "</a>");
        summary_value_start(b);
        html_text(b, rows[i].paraphrase);
        summary_row_end(b, NULL, NULL);
    }
    html_lit(b, "</dl>");
}

static void section_heading(struct buf *b, int section, const char *title)
{
    html_lit(b,
             "<h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/commitments/sections/");
    html_num(b, section);
    html_lit(b, "\">");
    html_num(b, section);
    html_lit(b, ". ");
    html_text(b, title);
    html_lit(b, "</a></h2>");
}

#define INTRO                                                                                      \
    "<p class=\"govuk-body\">What public bodies undertake in the national Compact of 2010, in "    \
    "words written for this service, not the official wording. The checks test the ones listed "   \
    "here.</p>"

void view_commitments_page(struct buf *b, const struct commitment_row *rows, size_t n,
                           const struct viewer *viewer)
{
    size_t i = 0;

    view_top_page_start(b, "The Compact's commitments", "Commitments", NAV_CHECKS, NULL, 0, viewer);
    html_lit(b, "<h1 class=\"govuk-heading-l\">The Compact&#39;s commitments</h1>");
    html_lit(b, INTRO);
    unverified_inset(b, rows, n);
    while (i < n) {
        size_t j = i;
        while (j < n && rows[j].section == rows[i].section) {
            j++;
        }
        section_heading(b, rows[i].section, rows[i].section_title);
        commitment_list(b, rows + i, j - i);
        i = j;
    }
    view_top_page_end(b);
}

void view_commitment_section_page(struct buf *b, int section, const char *title,
                                  const struct commitment_row *rows, size_t n,
                                  const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {"Commitments", "/commitments"}, {title, NULL}};
    const struct layout l = {
        .title = title, .nav = NAV_CHECKS, .crumbs = crumbs, .ncrumbs = 3, .viewer = viewer};
    struct buf caption = BUF_INIT;

    view_layout_start(b, &l);
    buf_addf(&caption, "Section %d", section);
    view_heading(b, caption.data, title);
    buf_release(&caption);
    if (n) {
        unverified_inset(b, rows, n);
        commitment_list(b, rows, n);
    } else {
        html_lit(b, "<p class=\"govuk-body\">No commitment of this section is tested by the "
                    "checks yet.</p>");
    }
    view_layout_end(b, &l);
}

void view_commitment_page(struct buf *b, const struct commitment_row *c,
                          const struct viewer *viewer)
{
    const struct crumb crumbs[] = {
        {"Home", "/"}, {"Commitments", "/commitments"}, {c->number, NULL}};
    const struct layout l = {
        .title = c->number, .nav = NAV_CHECKS, .crumbs = crumbs, .ncrumbs = 3, .viewer = viewer};
    struct buf caption = BUF_INIT, heading = BUF_INIT;

    view_layout_start(b, &l);
    buf_addf(&caption, "%d. %s", c->section, c->section_title ? c->section_title : "");
    buf_addf(&heading, "Commitment %s", c->number ? c->number : "");
    view_heading(b, caption.data, heading.data);
    buf_release(&caption);
    buf_release(&heading);
    html_lit(b, "<p class=\"govuk-body-l\">");
    html_text(b, c->paraphrase);
    html_lit(b, "</p><dl class=\"govuk-summary-list\">");
    summary_row(b, "Made by", party_label(c->party));
    summary_row_start(b, "Number", 0);
    html_text(b, c->number);
    unverified_tag(b, c);
    summary_row_end(b, NULL, NULL);
    summary_row(b, "Tested by", c->rules ? c->rules : "No rule yet");
    html_lit(b, "</dl><p class=\"govuk-body\"><a class=\"govuk-link\" "
                "href=\"/checks\">Check a decision against the Compact</a></p>");
    view_layout_end(b, &l);
}

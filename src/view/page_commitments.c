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
        unverified_tag(b, &rows[i]);
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
    "here. Numbers outside section 1 have not yet been checked against the official text; the "    \
    "national body corrects them.</p>"

void view_commitments_page(struct buf *b, const struct commitment_row *rows, size_t n,
                           const struct viewer *viewer)
{
    size_t i = 0;

    view_top_page_start(b, "The Compact's commitments", "Commitments", NAV_CHECKS, NULL, 0, viewer);
    html_lit(b, "<h1 class=\"govuk-heading-l\">The Compact&#39;s commitments</h1>");
    html_lit(b, INTRO);
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

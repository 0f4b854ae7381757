/* The page that explains the results of a check. */
#include "page_verdicts.h"

#include "components.h"
#include "html.h"
#include "core/rules.h"
#include "base/banned.h"

static const struct {
    enum verdict verdict;
    const char *label, *tag, *meaning, *todo;
} verdicts[] = {
    {VERDICT_BREACH, "Breach", "govuk-tag--red",
     "The answers already show that the commitment is not kept: a step was missed or came too "
     "late with no reason recorded, or a minimum was not met, such as 3 months' notice before "
     "funding ends. For a decision not yet made, the result says it would not keep the Compact.",
     "For a plan, change it before the decision: give notice earlier, move the end date, take "
     "the missing step, or record the reason for departing from the commitment where the "
     "Compact allows one (no reason excuses short notice). For a decision already made, the "
     "organisation affected can raise it with the body that made it, then through the local "
     "Compact's own dispute procedure."},
    {VERDICT_UNKNOWN, "Not known", "govuk-tag--yellow",
     "An answer the check needs was left blank, so it cannot say whether the commitment is "
     "kept.",
     "Change your answers and fill in what is missing, such as the date notice was given. A "
     "blank answer means not known; \"no\" or \"none\" means the step did not happen."},
    {VERDICT_PENDING, "Pending", "govuk-tag--grey",
     "A step has not happened yet, and its deadline has not passed: for example, feedback on a "
     "consultation that is not due yet.",
     "Take the step by the date the result gives, then check again."},
    {VERDICT_JUSTIFIED, "Justified", "govuk-tag--blue",
     "The decision departs from the commitment, and a reason for it is recorded. The Compact "
     "allows that: a commitment is met, or a good reason for departing from it is formally "
     "recorded.",
     "Keep the reason in writing with the decision, and share it with the organisations "
     "affected."},
    {VERDICT_MET, "Met", "govuk-tag--green", "The answers show the commitment is kept.",
     "Nothing. Keep the record, which shows the commitment was kept."},
};

void view_verdicts_page(struct buf *b, const struct viewer *viewer)
{
    static const struct crumb crumbs[] = {
        {"Home", "/"}, {"Check a decision", "/checks"}, {"What the results mean", NULL}};
    const struct layout l = {.title = "What the results of a check mean",
                             .nav = NAV_CHECKS,
                             .crumbs = crumbs,
                             .ncrumbs = 3,
                             .viewer = viewer,
                             .narrow = 1};

    view_layout_start(b, &l);
    view_heading(b, NULL, l.title);
    html_lit(b, "<h2 class=\"govuk-heading-m\">What the Compact asks</h2>"
                "<p class=\"govuk-body\">The Compact is the agreement between public bodies and "
                "the voluntary and community sector on how they work together: involve the "
                "sector early, consult properly, fund fairly, give notice before cutting "
                "funding, and advance equality. A check tests a decision against the "
                "<a class=\"govuk-link\" href=\"/commitments\">commitments</a> that apply to "
                "it.</p><div class=\"govuk-inset-text\">Each commitment is either met, or a "
                "good reason for departing from it is formally recorded. Notice before funding "
                "ends or is reduced is the exception: it is a minimum, and no reason excuses "
                "shorter notice.</div>"
                "<p class=\"govuk-body\">Each commitment gets one of the results below. The "
                "result of the whole check is the worst of them, in this order.</p>");
    for (size_t i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]); i++) {
        html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"");
        html_attr(b, verdict_id(verdicts[i].verdict));
        html_lit(b, "\">");
        html_text(b, verdicts[i].label);
        html_lit(b, "</h2><dl class=\"govuk-summary-list\">");
        summary_row_start(b, "Shown as", 0);
        html_lit(b, "<strong class=\"govuk-tag ");
        html_attr(b, verdicts[i].tag);
        html_lit(b, "\">");
        html_text(b, verdicts[i].label);
        html_lit(b, "</strong>");
        summary_row_end(b, NULL, NULL);
        summary_row(b, "What it means", verdicts[i].meaning);
        summary_row(b, "What to do", verdicts[i].todo);
        summary_row_start(b, "In the API", 0);
        html_lit(b, "<code>");
        html_text(b, verdict_id(verdicts[i].verdict));
        html_lit(b, "</code>");
        summary_row_end(b, NULL, NULL);
        html_lit(b, "</dl>");
    }
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/checks\">Check a "
                "decision against the Compact</a></p>");
    view_layout_end(b, &l);
}

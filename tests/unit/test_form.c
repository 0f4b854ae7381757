/* The shared view components (view/form.h, view/components.h) as whole strings: each against the
 * markup of GOV.UK Frontend's macro, and a value with < & " ' escaped wherever it goes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/components.h"
#include "view/form.h"
#include "view/html.h"
#include "view/layout.h"

#define NASTY         "<&\"'>"
#define NASTY_ESCAPED "&lt;&amp;&quot;&#39;&gt;"

static void test_text_input(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    form_text_input(&b, &(struct form_field){.name = "q",
                                             .label = "Search " NASTY,
                                             .hint = "A name " NASTY,
                                             .error = "Enter " NASTY,
                                             .value = NASTY,
                                             .classes = "govuk-input--width-10",
                                             .type = "search",
                                             .autocomplete = "off",
                                             .flags = FORM_BOLD | FORM_NO_SPELLCHECK});
    assert_string_equal(
        b.data,
        "<div class=\"govuk-form-group govuk-form-group--error\">"
        "<label class=\"govuk-label govuk-label--s\" for=\"q\">Search " NASTY_ESCAPED "</label>"
        "<div id=\"q-hint\" class=\"govuk-hint\">A name " NASTY_ESCAPED "</div>"
        "<p id=\"q-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">"
        "Error:</span> Enter " NASTY_ESCAPED "</p>"
        "<input class=\"govuk-input govuk-input--width-10 govuk-input--error\" id=\"q\" name=\"q\" "
        "type=\"search\" spellcheck=\"false\" value=\"" NASTY_ESCAPED "\" "
        "aria-describedby=\"q-hint q-error\" autocomplete=\"off\"></div>");
    buf_reset(&b);
    form_text_input(&b, &(struct form_field){.name = "role", .label = "Role"});
    assert_string_equal(b.data, "<div class=\"govuk-form-group\">"
                                "<label class=\"govuk-label\" for=\"role\">Role</label>"
                                "<input class=\"govuk-input\" id=\"role\" name=\"role\" "
                                "type=\"text\"></div>");
    buf_release(&b);
}

static void test_textarea(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    form_textarea(
        &b, &(struct form_field){.name = "summary", .label = "Summary", .value = NASTY, .rows = 4});
    assert_string_equal(b.data, "<div class=\"govuk-form-group\">"
                                "<label class=\"govuk-label\" for=\"summary\">Summary</label>"
                                "<textarea class=\"govuk-textarea\" id=\"summary\" "
                                "name=\"summary\" rows=\"4\">" NASTY_ESCAPED "</textarea></div>");
    buf_reset(&b);
    form_textarea(&b, &(struct form_field){.name = "r", .label = "R", .error = "Too long"});
    assert_non_null(strstr(b.data, "<textarea class=\"govuk-textarea govuk-textarea--error\" "
                                   "id=\"r\" name=\"r\" rows=\"5\" aria-describedby=\"r-error\">"
                                   "</textarea>"));
    buf_release(&b);
}

static void test_select(void **state)
{
    static const struct form_option options[] = {{"", "Any", 0}, {NASTY, "Some " NASTY, 1}};
    struct buf b = BUF_INIT;
    (void)state;
    form_select(&b, &(struct form_field){.name = "set", .label = "Set", .error = "Choose"}, options,
                2);
    assert_string_equal(
        b.data, "<div class=\"govuk-form-group govuk-form-group--error\">"
                "<label class=\"govuk-label\" for=\"set\">Set</label>"
                "<p id=\"set-error\" class=\"govuk-error-message\"><span "
                "class=\"govuk-visually-hidden\">Error:</span> Choose</p>"
                "<select class=\"govuk-select govuk-select--error\" id=\"set\" name=\"set\" "
                "aria-describedby=\"set-error\"><option value=\"\">Any</option>"
                "<option value=\"" NASTY_ESCAPED "\" selected>Some " NASTY_ESCAPED "</option>"
                "</select></div>");
    buf_release(&b);
}

static void test_radios(void **state)
{
    static const struct form_choice c[] = {{"yes", "Yes"}, {"no", "No " NASTY}};
    struct buf b = BUF_INIT;
    (void)state;
    form_radios(&b,
                &(struct form_field){.name = "formal",
                                     .label = "Formal?",
                                     .hint = "Written",
                                     .value = "no",
                                     .classes = "govuk-radios--small",
                                     .flags = FORM_BOLD},
                c, 2);
    assert_string_equal(
        b.data,
        "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\" "
        "aria-describedby=\"formal-hint\"><legend class=\"govuk-fieldset__legend "
        "govuk-fieldset__legend--s\">Formal?</legend><div id=\"formal-hint\" class=\"govuk-hint\">"
        "Written</div><div class=\"govuk-radios govuk-radios--small\" data-module=\"govuk-radios\">"
        "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"formal\" "
        "name=\"formal\" type=\"radio\" value=\"yes\"><label class=\"govuk-label "
        "govuk-radios__label\" for=\"formal\">Yes</label></div>"
        "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"formal-no\" "
        "name=\"formal\" type=\"radio\" value=\"no\" checked><label class=\"govuk-label "
        "govuk-radios__label\" for=\"formal-no\">No " NASTY_ESCAPED "</label></div>"
        "</div></fieldset></div>");
    buf_release(&b);
}

static void test_radios_hinted_hidden_autofocus(void **state)
{
    static const struct form_choice c[] = {{"1", "One"}, {"GB-X", "Two"}};
    static const char *const hints[] = {NULL, "Charity " NASTY};
    struct buf b = BUF_INIT;
    (void)state;
    form_radios_hinted(&b, &(struct form_field){.name = "org", .label = "Which?"}, c, hints, 2);
    assert_string_equal(
        b.data,
        "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend "
        "class=\"govuk-fieldset__legend\">Which?</legend><div class=\"govuk-radios\" "
        "data-module=\"govuk-radios\"><div class=\"govuk-radios__item\"><input "
        "class=\"govuk-radios__input\" id=\"org\" name=\"org\" type=\"radio\" value=\"1\"><label "
        "class=\"govuk-label govuk-radios__label\" for=\"org\">One</label></div>"
        "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"org-GB-X\" "
        "name=\"org\" type=\"radio\" value=\"GB-X\" aria-describedby=\"org-GB-X-item-hint\"><label "
        "class=\"govuk-label govuk-radios__label\" for=\"org-GB-X\">Two</label><div "
        "id=\"org-GB-X-item-hint\" class=\"govuk-hint govuk-radios__hint\">Charity " NASTY_ESCAPED
        "</div></div></div></fieldset></div>");
    buf_reset(&b);
    form_hidden(&b, "q", NASTY);
    assert_string_equal(b.data, "<input type=\"hidden\" name=\"q\" value=\"" NASTY_ESCAPED "\">");
    /* the focus: on a text input, a textarea, and a date's day only */
    buf_reset(&b);
    form_text_input(&b, &(struct form_field){.name = "a", .label = "A", .flags = FORM_AUTOFOCUS});
    form_textarea(&b, &(struct form_field){.name = "t", .label = "T", .flags = FORM_AUTOFOCUS});
    form_date(&b, &(struct form_field){.name = "d", .label = "D", .flags = FORM_AUTOFOCUS}, NULL);
    assert_non_null(strstr(b.data, "id=\"a\" name=\"a\" type=\"text\" autofocus>"));
    assert_non_null(strstr(b.data, "id=\"t\" name=\"t\" rows=\"5\" autofocus>"));
    assert_non_null(strstr(b.data,
                           "id=\"d-day\" name=\"d-day\" type=\"text\" inputmode=\"numeric\" "
                           "autofocus>"));
    assert_null(
        strstr(strstr(strstr(strstr(b.data, "autofocus") + 1, "autofocus") + 1, "autofocus") + 1,
               "autofocus"));
    buf_reset(&b);
    form_text_input(&b, &(struct form_field){.name = "a", .label = "A"});
    assert_null(strstr(b.data, "autofocus"));
    buf_release(&b);
}

static void test_checkboxes(void **state)
{
    static const struct form_choice box = {"true", "Review overdue"};
    struct buf b = BUF_INIT;
    (void)state;
    form_checkboxes(&b,
                    &(struct form_field){.name = "overdue", .classes = "govuk-checkboxes--small"},
                    &box, &(int){1}, 1);
    assert_string_equal(
        b.data,
        "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes govuk-checkboxes--small\" "
        "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\"><input "
        "class=\"govuk-checkboxes__input\" id=\"overdue\" name=\"overdue\" type=\"checkbox\" "
        "value=\"true\" checked><label class=\"govuk-label govuk-checkboxes__label\" "
        "for=\"overdue\">Review overdue</label></div></div></div>");
    buf_reset(&b);
    form_checkboxes(&b, &(struct form_field){.name = "x-none", .flags = FORM_WITHOUT_GROUP}, &box,
                    NULL, 1);
    assert_true(!strncmp(b.data, "<div class=\"govuk-checkboxes\"", 29));
    assert_null(strstr(b.data, "checked"));
    assert_null(strstr(b.data, "govuk-form-group"));
    buf_reset(&b);
    form_checkboxes(&b, &(struct form_field){.name = "k", .label = "Kinds", .error = "Choose"},
                    &box, NULL, 1);
    assert_non_null(strstr(b.data, "<fieldset class=\"govuk-fieldset\" "
                                   "aria-describedby=\"k-error\"><legend "
                                   "class=\"govuk-fieldset__legend\">Kinds</legend>"));
    buf_release(&b);
}

static void test_date(void **state)
{
    const char *given[3] = {"31", NULL, NASTY};
    struct buf b = BUF_INIT;
    (void)state;
    form_date(&b,
              &(struct form_field){.name = "signed_on",
                                   .label = "When?",
                                   .hint = "For example, 27 3 2012",
                                   .error = "Enter a real date",
                                   .flags = FORM_BOLD},
              given);
    assert_string_equal(
        b.data,
        "<div class=\"govuk-form-group govuk-form-group--error\"><fieldset "
        "class=\"govuk-fieldset\" "
        "role=\"group\" aria-describedby=\"signed_on-hint signed_on-error\"><legend "
        "class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">When?</legend><div "
        "id=\"signed_on-hint\" class=\"govuk-hint\">For example, 27 3 2012</div><p "
        "id=\"signed_on-error\" class=\"govuk-error-message\"><span "
        "class=\"govuk-visually-hidden\">Error:</span> Enter a real date</p><div "
        "class=\"govuk-date-input\" id=\"signed_on\">"
        "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label "
        "class=\"govuk-label govuk-date-input__label\" for=\"signed_on-day\">Day</label><input "
        "class=\"govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error\" "
        "id=\"signed_on-day\" name=\"signed_on-day\" type=\"text\" inputmode=\"numeric\" "
        "value=\"31\"></div></div>"
        "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label "
        "class=\"govuk-label govuk-date-input__label\" for=\"signed_on-month\">Month</label><input "
        "class=\"govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error\" "
        "id=\"signed_on-month\" name=\"signed_on-month\" type=\"text\" inputmode=\"numeric\">"
        "</div></div>"
        "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label "
        "class=\"govuk-label govuk-date-input__label\" for=\"signed_on-year\">Year</label><input "
        "class=\"govuk-input govuk-date-input__input govuk-input--width-4 govuk-input--error\" "
        "id=\"signed_on-year\" name=\"signed_on-year\" type=\"text\" inputmode=\"numeric\" "
        "value=\"" NASTY_ESCAPED "\"></div></div></div></fieldset></div>");
    buf_reset(&b);
    form_date(&b, &(struct form_field){.name = "d", .label = "D"}, NULL);
    assert_null(strstr(b.data, "value="));
    assert_null(strstr(b.data, "aria-describedby"));
    buf_release(&b);
}

static void test_error_summary_and_lookup(void **state)
{
    const struct field_error errs[] = {{"a", "First " NASTY}, {"b", "Second"}};
    struct buf b = BUF_INIT;
    (void)state;
    form_error_summary(&b, errs, 2);
    assert_string_equal(b.data,
                        "<div class=\"govuk-error-summary\" "
                        "data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 "
                        "class=\"govuk-error-summary__title\">There is a problem</h2><div "
                        "class=\"govuk-error-summary__body\"><ul class=\"govuk-list "
                        "govuk-error-summary__list\"><li><a href=\"#a\">First " NASTY_ESCAPED
                        "</a></li><li><a href=\"#b\">Second</a></li></ul></div></div></div>");
    assert_string_equal(form_error_for(errs, 2, "b"), "Second");
    assert_null(form_error_for(errs, 2, "c"));
    assert_null(form_error_for(NULL, 0, "a"));
    buf_release(&b);
}

static void test_buttons(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    form_buttons(&b, "Save " NASTY, "/x?a=1&b=2");
    assert_string_equal(b.data, "<div class=\"govuk-button-group\"><button type=\"submit\" "
                                "class=\"govuk-button\" data-module=\"govuk-button\">"
                                "Save " NASTY_ESCAPED "</button><a class=\"govuk-link\" "
                                "href=\"/x?a=1&amp;b=2\">Cancel</a></div>");
    buf_release(&b);
}

static void test_summary_rows(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    summary_row(&b, "Key " NASTY, NASTY);
    assert_string_equal(b.data, "<div class=\"govuk-summary-list__row\"><dt "
                                "class=\"govuk-summary-list__key\">Key " NASTY_ESCAPED "</dt><dd "
                                "class=\"govuk-summary-list__value\">" NASTY_ESCAPED "</dd></div>");
    buf_reset(&b);
    summary_row_start(&b, "Status", 0);
    html_lit(&b, "Active");
    summary_row_end(&b, "/compacts/1/status", "status " NASTY);
    assert_string_equal(b.data, "<div class=\"govuk-summary-list__row\"><dt "
                                "class=\"govuk-summary-list__key\">Status</dt><dd "
                                "class=\"govuk-summary-list__value\">Active</dd><dd "
                                "class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
                                "href=\"/compacts/1/status\">Change<span "
                                "class=\"govuk-visually-hidden\"> status " NASTY_ESCAPED
                                "</span></a></dd></div>");
    buf_reset(&b);
    summary_row_start(&b, "Districts", 1);
    summary_row_end(&b, NULL, NULL);
    assert_string_equal(b.data, "<div class=\"govuk-summary-list__row "
                                "govuk-summary-list__row--no-actions\"><dt "
                                "class=\"govuk-summary-list__key\">Districts</dt><dd "
                                "class=\"govuk-summary-list__value\"></dd></div>");
    buf_release(&b);
}

static void test_table(void **state)
{
    static const struct table_column cols[] = {
        {"Name " NASTY, 0}, {"Count", CELL_NUMERIC | CELL_WIDE_ONLY}, {"Action", CELL_HIDDEN}};
    struct buf b = BUF_INIT;
    (void)state;
    table_start(&b, &(struct table){.id = "t",
                                    .caption = "1 thing " NASTY,
                                    .caption_note = "This page shows 1.",
                                    .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                    .cols = cols,
                                    .ncols = 3});
    table_row_start(&b);
    table_row_head(&b, NASTY);
    table_num_cell(&b, 1169);
    table_cell(&b, NULL, 0);
    table_row_end(&b);
    table_end(&b);
    assert_string_equal(
        b.data,
        "<div class=\"app-table-region\" tabindex=\"0\" role=\"region\" aria-label=\"1 "
        "thing " NASTY_ESCAPED "\"><table class=\"govuk-table govuk-table--small-text-until-tablet "
        "app-table--wide-only-2\" id=\"t\"><caption "
        "class=\"govuk-table__caption govuk-table__caption--s\">1 thing " NASTY_ESCAPED
        " <span class=\"govuk-caption-m\">This page shows 1.</span></caption><thead "
        "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
        "class=\"govuk-table__header\">Name " NASTY_ESCAPED "</th><th scope=\"col\" "
        "class=\"govuk-table__header govuk-table__header--numeric\">Count</th><th scope=\"col\" "
        "class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Action</span></th>"
        "</tr></thead><tbody class=\"govuk-table__body\"><tr class=\"govuk-table__row\"><th "
        "scope=\"row\" class=\"govuk-table__header\">" NASTY_ESCAPED "</th><td "
        "class=\"govuk-table__cell govuk-table__cell--numeric\">1169</td><td "
        "class=\"govuk-table__cell\"></td></tr></tbody></table></div>");
    buf_reset(&b);
    table_start(&b, &(struct table){.caption = "Hidden", .flags = TABLE_CAPTION_HIDDEN});
    assert_string_equal(b.data, "<div class=\"app-table-region\" tabindex=\"0\" role=\"region\" "
                                "aria-label=\"Hidden\"><table class=\"govuk-table\"><caption "
                                "class=\"govuk-visually-hidden\">Hidden</caption><thead "
                                "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                                "</tr></thead><tbody class=\"govuk-table__body\">");
    buf_reset(&b);
    count_phrase(&b, 1, "authority", "authorities");
    buf_adds(&b, ", ");
    count_phrase(&b, 364, "authority", "authorities");
    assert_string_equal(b.data, "1 authority, 364 authorities");
    buf_release(&b);
}

#define PREV_ARROW                                                                                 \
    "<svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" "                          \
    "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" "        \
    "focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 "  \
    "6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path>"       \
    "</svg>"
#define NEXT_ARROW                                                                                 \
    "<svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" "                          \
    "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" "        \
    "focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 "    \
    "4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path>"    \
    "</svg>"
#define PAGE_ITEM(href, n)                                                                         \
    "<li class=\"govuk-pagination__item\"><a class=\"govuk-link govuk-pagination__link\" "         \
    "href=\"" href "\" aria-label=\"Page " n "\">" n "</a></li>"
#define ELLIPSIS                                                                                   \
    "<li class=\"govuk-pagination__item govuk-pagination__item--ellipsis\">&ctdot;</li>"

/* GOV.UK Frontend's fixture "with many pages" (whitespace removed), with the "Showing" line
 * before it: the first and last pages, the current one and one either side. */
static void test_pagination(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    pagination_pages(&b, "/grants", "funder=GB-LAE-TRF&q=" NASTY, 10, 50, 1990, 50);
    assert_string_equal(
        b.data,
        "<p class=\"govuk-body\">Showing 451 to 500 of 1,990</p>"
        "<nav class=\"govuk-pagination\" aria-label=\"Pagination\">"
        "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" "
        "href=\"/grants?funder=GB-LAE-TRF&amp;q=" NASTY_ESCAPED
        "&amp;page=9\" rel=\"prev\">" PREV_ARROW
        "<span class=\"govuk-pagination__link-title\">Previous<span "
        "class=\"govuk-visually-hidden\"> page</span></span></a></div>"
        "<ul class=\"govuk-pagination__list\">" PAGE_ITEM(
            "/grants?funder=GB-LAE-TRF&amp;q=" NASTY_ESCAPED, "1")
            ELLIPSIS PAGE_ITEM(
                "/grants?funder=GB-LAE-TRF&amp;q=" NASTY_ESCAPED "&amp;page=9",
                "9") "<li class=\"govuk-pagination__item govuk-pagination__item--current\"><a "
                     "class=\"govuk-link govuk-pagination__link\" "
                     "href=\"/grants?funder=GB-LAE-TRF&amp;q=" NASTY_ESCAPED
                     "&amp;page=10\" aria-label=\"Page 10\" "
                     "aria-current=\"page\">10</a></li>" PAGE_ITEM(
                         "/grants?funder=GB-LAE-TRF&amp;q=" NASTY_ESCAPED "&amp;page=11", "11")
                         ELLIPSIS PAGE_ITEM(
                             "/grants?funder=GB-LAE-TRF&amp;q=" NASTY_ESCAPED "&amp;page=40",
                             "40") "</ul><div class=\"govuk-pagination__next\"><a "
                                   "class=\"govuk-link "
                                   "govuk-pagination__link\" "
                                   "href=\"/grants?funder=GB-LAE-TRF&amp;q=" NASTY_ESCAPED
                                   "&amp;page=11\" rel=\"next\"><span "
                                   "class=\"govuk-pagination__link-title\">Next<span "
                                   "class=\"govuk-visually-hidden\"> page</span></span>" NEXT_ARROW
                                   "</a></div></nav>");
    /* the first page of two, without filters: no Previous, no "?" in page 1's address */
    buf_reset(&b);
    pagination_pages(&b, "/organisations", "", 1, 50, 51, 50);
    assert_non_null(strstr(b.data, "Showing 1 to 50 of 51</p>"));
    assert_null(strstr(b.data, "rel=\"prev\""));
    assert_non_null(strstr(b.data, "href=\"/organisations\" aria-label=\"Page 1\" "
                                   "aria-current=\"page\""));
    assert_non_null(strstr(b.data, "href=\"/organisations?page=2\" rel=\"next\""));
    /* the last page: no Next; the second page of three has no ellipsis */
    buf_reset(&b);
    pagination_pages(&b, "/organisations", "", 2, 50, 51, 1);
    assert_non_null(strstr(b.data, "Showing 51 to 51 of 51</p>"));
    assert_non_null(strstr(b.data, "href=\"/organisations\" rel=\"prev\""));
    assert_null(strstr(b.data, "rel=\"next\""));
    buf_reset(&b);
    pagination_pages(&b, "/x", "", 2, 10, 30, 10);
    assert_null(strstr(b.data, "ellipsis"));
    assert_non_null(strstr(b.data, "aria-label=\"Page 3\""));
    /* one page: the line alone; none shown: nothing at all */
    buf_reset(&b);
    pagination_pages(&b, "/organisations", "q=a", 1, 50, 3, 3);
    assert_string_equal(b.data, "<p class=\"govuk-body\">Showing 1 to 3 of 3</p>");
    buf_reset(&b);
    pagination_pages(&b, "/organisations", "q=a", 1, 50, 0, 0);
    assert_string_equal(b.data, "");
    /* past the last page: no line, and Previous leads to the last */
    buf_reset(&b);
    pagination_pages(&b, "/organisations", "q=a", 9, 50, 120, 0);
    assert_null(strstr(b.data, "Showing"));
    assert_non_null(strstr(b.data, "href=\"/organisations?q=a&amp;page=3\" rel=\"prev\""));
    assert_null(strstr(b.data, "rel=\"next\""));
    buf_release(&b);
}

static void test_counts_and_money(void **state)
{
    static const struct {
        long long n;
        const char *count, *money;
    } cases[] = {
        {0, "0", "£0.00"},
        {7, "7", "£0.07"},
        {999, "999", "£9.99"},
        {1000, "1,000", "£10.00"},
        {1169, "1,169", "£11.69"},
        {-1234567, "-1,234,567", "-£12,345.67"},
        {123456789, "123,456,789", "£1,234,567.89"},
        {-9223372036854775807LL - 1, "-9,223,372,036,854,775,808", "-£92,233,720,368,547,758.08"},
    };
    struct buf b = BUF_INIT;
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        buf_reset(&b);
        html_count(&b, cases[i].n);
        assert_string_equal(b.data, cases[i].count);
        buf_reset(&b);
        html_money(&b, cases[i].n);
        assert_string_equal(b.data, cases[i].money);
    }
    buf_reset(&b);
    html_percent(&b, 0.425);
    assert_string_equal(b.data, "42.5%");
    buf_release(&b);
}

static void test_banner_and_heading(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    banner(&b, 1, "Saved " NASTY);
    assert_string_equal(
        b.data,
        "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
        "role=\"alert\" aria-labelledby=\"govuk-notification-banner-title\" "
        "data-module=\"govuk-notification-banner\"><div "
        "class=\"govuk-notification-banner__header\"><h2 "
        "class=\"govuk-notification-banner__title\" "
        "id=\"govuk-notification-banner-title\">Success</h2></div><div "
        "class=\"govuk-notification-banner__content\"><p "
        "class=\"govuk-notification-banner__heading\">Saved " NASTY_ESCAPED "</p></div></div>");
    buf_reset(&b);
    banner(&b, 0, "Note");
    assert_true(!strncmp(b.data, "<div class=\"govuk-notification-banner\" role=\"region\"", 51));
    assert_non_null(strstr(b.data, ">Important</h2>"));
    buf_reset(&b);
    view_heading(&b, NASTY, "Title " NASTY);
    assert_string_equal(b.data,
                        "<span class=\"govuk-caption-l\">" NASTY_ESCAPED
                        "</span><h1 class=\"govuk-heading-l\">Title " NASTY_ESCAPED "</h1>");
    buf_release(&b);
}

/* A narrow page with errors: the column opens before the summary and closes before </main>. */
static void test_layout_narrow_with_errors(void **state)
{
    const struct field_error errs[] = {{"email", "Enter your email address"}};
    const struct layout l = {.title = "Sign in", .errors = errs, .nerrors = 1, .narrow = 1};
    struct buf b = BUF_INIT;
    const char *main, *column, *summary;
    (void)state;
    view_layout_start(&b, &l);
    view_layout_end(&b, &l);
    assert_non_null(strstr(b.data, "<title>Error: Sign in - Compact Hub</title>"));
    main = strstr(b.data, "<main class=\"govuk-main-wrapper\" id=\"main-content\">");
    column = strstr(b.data, "<div class=\"govuk-grid-row\"><div "
                            "class=\"govuk-grid-column-two-thirds\">");
    summary = strstr(b.data, "<div class=\"govuk-error-summary\"");
    assert_non_null(main);
    assert_true(main < column && column < summary);
    assert_non_null(strstr(b.data, "<a href=\"#email\">Enter your email address</a>"));
    assert_non_null(strstr(b.data, "</div></div></main>"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_input),
        cmocka_unit_test(test_textarea),
        cmocka_unit_test(test_select),
        cmocka_unit_test(test_radios),
        cmocka_unit_test(test_radios_hinted_hidden_autofocus),
        cmocka_unit_test(test_checkboxes),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_error_summary_and_lookup),
        cmocka_unit_test(test_buttons),
        cmocka_unit_test(test_summary_rows),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_pagination),
        cmocka_unit_test(test_counts_and_money),
        cmocka_unit_test(test_banner_and_heading),
        cmocka_unit_test(test_layout_narrow_with_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

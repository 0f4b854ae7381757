/* The accessibility statement, the privacy notice, the cookies page and the contact page. */
#include "page_service.h"

#include "components.h"
#include "html.h"
#include "base/banned.h"

#define ANYONE  "the organisation that runs this service"
#define BULLETS "<ul class=\"govuk-list govuk-list--bullet\">"

void duration_phrase(struct buf *b, long long seconds)
{
    static const struct {
        long long size;
        const char *one, *many;
    } units[] = {{365LL * 24 * 3600, "year", "years"},
                 {24 * 3600, "day", "days"},
                 {3600, "hour", "hours"},
                 {60, "minute", "minutes"},
                 {1, "second", "seconds"}};

    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        if (seconds >= units[i].size && seconds % units[i].size == 0) {
            long long n = seconds / units[i].size;
            html_count(b, n);
            html_lit(b, " ");
            html_text(b, n == 1 ? units[i].one : units[i].many);
            return;
        }
    }
    html_lit(b, "0 seconds");
}

/* Who runs the service, in the middle of a sentence. */
static void who(struct buf *b, const struct service_facts *f)
{
    html_text(b, f->operator_name ? f->operator_name : ANYONE);
}

/* The same at a sentence's start. */
static void who_starts(struct buf *b, const struct service_facts *f)
{
    if (f->operator_name) {
        html_text(b, f->operator_name);
    } else {
        html_lit(b, "The organisation that runs this service");
    }
}

/* How to reach them, after a verb's "to": "email x@y" or "contact them". */
static void reach(struct buf *b, const struct service_facts *f)
{
    if (f->contact_email) {
        html_lit(b, "email <a class=\"govuk-link\" href=\"mailto:");
        html_attr(b, f->contact_email);
        html_lit(b, "\">");
        html_text(b, f->contact_email);
        html_lit(b, "</a>");
    } else {
        html_lit(b, "contact ");
        who(b, f);
    }
}

static void page_start(struct buf *b, struct layout *l, const struct crumb crumbs[2],
                       const char *title, const struct viewer *viewer)
{
    *l = (struct layout){
        .title = title, .crumbs = crumbs, .ncrumbs = 2, .viewer = viewer, .narrow = 1};
    view_layout_start(b, l);
    view_heading(b, NULL, title);
}

void view_accessibility_page(struct buf *b, const struct service_facts *f,
                             const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {"Accessibility", NULL}};
    struct layout l;

    page_start(b, &l, crumbs, "Accessibility statement for Compact Hub", viewer);
    html_lit(b, "<p class=\"govuk-body\">This accessibility statement applies to Compact Hub, "
                "the register of local Compacts, its pages and its API documentation.</p>"
                "<p class=\"govuk-body\">This website is run by ");
    who(b, f);
    html_lit(b, ". We want as many people as possible to be able to use it. For example, that "
                "means you should be able to:</p>" BULLETS
                "<li>change colours, contrast levels and fonts using your browser or device "
                "settings</li>"
                "<li>zoom in up to 400% without the text spilling off the screen</li>"
                "<li>navigate the website using just a keyboard or speech recognition "
                "software</li>"
                "<li>listen to the website using a screen reader (including the most recent "
                "versions of JAWS, NVDA and VoiceOver)</li>"
                "<li>use every page, and send every form, with JavaScript turned off</li></ul>"
                "<p class=\"govuk-body\">We have also made the text as simple as possible to "
                "understand.</p><p class=\"govuk-body\"><a class=\"govuk-link\" "
                "href=\"https://mcmw.abilitynet.org.uk/\">AbilityNet</a> has advice on making "
                "your device easier to use if you have a disability.</p>"

                "<h2 class=\"govuk-heading-m\">How accessible this website is</h2>"
                "<p class=\"govuk-body\">We know some parts of this website are not fully "
                "accessible:</p>" BULLETS
                "<li>some tables with many columns, such as the lists of grants and contracts, "
                "may need scrolling sideways on a narrow screen</li>"
                "<li>the map of coverage and the charts of coverage over time and of grants by "
                "year are pictures: a table with the same figures follows each of them</li>"
                "<li>the documents of local Compacts that the register links to are published "
                "by the councils and organisations that made them, often as PDF files, and may "
                "not be accessible</li></ul>"

                "<h2 class=\"govuk-heading-m\">Feedback and contact information</h2>"
                "<p class=\"govuk-body\">If you need information on this website in a different "
                "format, like large print, easy read, audio recording or braille, ");
    reach(b, f);
    html_lit(b, ". We will consider your request and reply as soon as we can.</p>"

                "<h2 class=\"govuk-heading-m\">Reporting accessibility problems with this "
                "website</h2><p class=\"govuk-body\">We are always looking to improve the "
                "accessibility of this website. If you find any problems not listed on this "
                "page or think we are not meeting accessibility requirements, ");
    reach(b, f);
    html_lit(b, ".</p>"

                "<h2 class=\"govuk-heading-m\">Enforcement procedure</h2>"
                "<p class=\"govuk-body\">The Equality and Human Rights Commission (EHRC) is "
                "responsible for enforcing the Public Sector Bodies (Websites and Mobile "
                "Applications) (No. 2) Accessibility Regulations 2018 (the &#39;accessibility "
                "regulations&#39;). If you are not happy with how we respond to your complaint, "
                "<a class=\"govuk-link\" href=\"https://www.equalityadvisoryservice.com/\">contact "
                "the Equality Advisory and Support Service (EASS)</a>.</p>"

                "<h2 class=\"govuk-heading-m\">Technical information about this website&#39;s "
                "accessibility</h2><p class=\"govuk-body\">");
    who_starts(b, f);
    html_lit(b, " is committed to making its website accessible, in accordance with the Public "
                "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
                "Regulations 2018.</p>"
                "<h3 class=\"govuk-heading-s\">Compliance status</h3>"
                "<p class=\"govuk-body\">This website is partially compliant with the <a "
                "class=\"govuk-link\" href=\"https://www.w3.org/TR/WCAG22/\">Web Content "
                "Accessibility Guidelines version 2.2</a> AA standard, due to the "
                "non-compliance listed below.</p>"
                "<h3 class=\"govuk-heading-s\">Non-accessible content</h3>"
                "<p class=\"govuk-body\">Some tables with many columns are wider than a screen "
                "320 pixels wide, and the page then scrolls sideways. This fails WCAG 2.2 "
                "success criterion 1.4.10 (Reflow). We are changing these tables so that they "
                "fit the screen.</p>"
                "<h3 class=\"govuk-heading-s\">Content that is not within the scope of the "
                "accessibility regulations</h3>"
                "<p class=\"govuk-body\">The documents of local Compacts that the register links "
                "to are published by others: this service neither makes nor pays for them.</p>"

                "<h2 class=\"govuk-heading-m\">How this website was tested</h2>"
                "<p class=\"govuk-body\">This website is tested every time it changes, by "
                "automated tests that the people who build it wrote; it has not yet been "
                "audited by accessibility specialists. The tests walk its journeys in the "
                "Chromium browser as people do, signed out and signed in, and:</p>" BULLETS
                "<li>check every page they visit with axe-core against the WCAG 2.2 A and AA "
                "success criteria that it can test, at 1,280 and 375 pixels wide</li>"
                "<li>check whether any page is wider than a screen 320 or 375 pixels wide</li>"
                "<li>use the pages with JavaScript turned off</li></ul>"
                "<p class=\"govuk-body\">Screenshots of each page changed, at 1,280 and 375 "
                "pixels wide, are looked at by the person who changed it.</p>"

                "<h2 class=\"govuk-heading-m\">Preparation of this accessibility statement</h2>"
                "<p class=\"govuk-body\">This statement was prepared on 3 December 2026. It was "
                "last reviewed on 3 December 2026.</p>");
    view_layout_end(b, &l);
}

void view_privacy_page(struct buf *b, const struct service_facts *f, const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {"Privacy", NULL}};
    struct layout l;

    page_start(b, &l, crumbs, "Privacy notice", viewer);
    html_lit(b, "<p class=\"govuk-body\">This notice says what personal data Compact Hub holds, "
                "why, for how long, and what your rights are.</p>"
                "<h2 class=\"govuk-heading-m\">Who is responsible for your data</h2>"
                "<p class=\"govuk-body\">");
    who_starts(b, f);
    html_lit(b, " is the data controller: it decides how the personal data this service holds "
                "is used. To ask about your data, ");
    reach(b, f);
    html_lit(b, ".</p>"

                "<h2 class=\"govuk-heading-m\">What personal data the service holds</h2>"
                "<h3 class=\"govuk-heading-s\">If you have an account</h3>" BULLETS
                "<li>your email address and name</li>"
                "<li>your role (administrator, coordinator or member) and, for a member, the "
                "organisation you act for</li>"
                "<li>your password, kept only as an Argon2id hash: nobody can read your "
                "password from it</li>"
                "<li>when your account was made, and whether it has been disabled</li>"
                "<li>the API tokens you make: each one&#39;s label, when it was made and "
                "revoked, and a keyed hash of the token, never the token itself</li>"
                "<li>while you are signed in, your session: a keyed hash of your session "
                "cookie, when you signed in and when you last used it</li></ul>"
                "<h3 class=\"govuk-heading-s\">When you sign in</h3>"
                "<p class=\"govuk-body\">When a sign-in fails, the service records the email "
                "address typed and the time, with your internet (IP) address, or a keyed hash "
                "of the cookie of a browser that has signed in before. It uses them to slow "
                "down people who guess passwords. When you sign in, the server&#39;s log "
                "records your account&#39;s number.</p>"
                "<h3 class=\"govuk-heading-s\">The changes you make</h3>"
                "<p class=\"govuk-body\">Every change to the register (local Compacts, their "
                "signatories and parameters, organisations, recorded activities, commitments, "
                "accounts and tokens) is kept in an audit trail: which account made it, when, "
                "and what the record held before and after. People signed in see who made each "
                "change by name.</p>"
                "<h3 class=\"govuk-heading-s\">Contacts of local Compacts</h3>"
                "<p class=\"govuk-body\">A local Compact&#39;s key contacts, with the name, "
                "role, email address and phone number its coordinators enter for each. They are "
                "shown to everyone on the Compact&#39;s page, so that people can reach them.</p>"
                "<h3 class=\"govuk-heading-s\">Every visit</h3>"
                "<p class=\"govuk-body\">The server&#39;s log has one line for each request: "
                "the method, the address without its query, the status, the size of the reply "
                "and how long it took. It does not record your IP address. The service sets no "
                "analytics cookies (see <a class=\"govuk-link\" href=\"/cookies\">cookies</a>). "
                "Where the service is reached through other servers, such as a proxy, they may "
                "keep logs of their own.</p>"

                "<h2 class=\"govuk-heading-m\">Why the service holds it, and the lawful "
                "basis</h2>"
                "<p class=\"govuk-body\">It holds this data to keep the register of local "
                "Compacts: to let people sign in and change what they are responsible for, to "
                "protect their accounts, to show who changed what, and to let people reach the "
                "contacts of their local Compact. Keeping the register is a task carried out in "
                "the public interest, so the lawful basis is public task (Article 6(1)(e) of "
                "the UK GDPR). Where the organisation that runs the service is not a public "
                "body, the lawful basis is its legitimate interest in keeping the register "
                "(Article 6(1)(f)).</p>"
                "<p class=\"govuk-body\">The service does not sell or share personal data, and "
                "does not use it for marketing.</p>"

                "<h2 class=\"govuk-heading-m\">How long it is kept</h2>" BULLETS
                "<li>an account: until an administrator disables it; accounts are disabled, not "
                "deleted, so that the audit trail can still say who made each change</li>"
                "<li>a session: until you sign out, or after ");
    duration_phrase(b, f->session_idle);
    html_lit(b, " unused, or at most ");
    duration_phrase(b, f->session_max);
    html_lit(b, " after you signed in</li><li>a failed sign-in: ");
    duration_phrase(b, f->login_window);
    html_lit(b, "</li><li>an API token&#39;s record: for as long as the account, revoked or "
                "not</li>"
                "<li>the audit trail: for as long as the register; it cannot be changed or "
                "deleted</li>"
                "<li>the contacts of a local Compact: until its coordinators change them (the "
                "audit trail keeps what they were)</li>"
                "<li>the server&#39;s log: for as long as ");
    who(b, f);
    html_lit(b, " keeps its server logs</li></ul>"

                "<h2 class=\"govuk-heading-m\">Your rights</h2>"
                "<p class=\"govuk-body\">You have the right to:</p>" BULLETS
                "<li>ask for a copy of the personal data the service holds about you</li>"
                "<li>have it corrected if it is wrong</li>"
                "<li>have it deleted, except the audit trail, which is kept to show who "
                "changed the register</li>"
                "<li>object to its use, or ask for its use to be restricted</li></ul>"
                "<p class=\"govuk-body\">To use these rights, ");
    reach(b, f);
    html_lit(b, ".</p><h2 class=\"govuk-heading-m\">How to complain</h2>"
                "<p class=\"govuk-body\">If you are not happy with how your personal data is "
                "used, tell ");
    who(b, f);
    html_lit(b, " first. You can also complain to the <a class=\"govuk-link\" "
                "href=\"https://ico.org.uk/make-a-complaint/\">Information Commissioner&#39;s "
                "Office (ICO)</a>, helpline 0303 123 1113.</p>");
    view_layout_end(b, &l);
}

/* One cookie: its name as a heading, what it is for, and when it expires. */
static void cookie_start(struct buf *b, const char *name, const char *purpose)
{
    html_lit(b, "<h3 class=\"govuk-heading-s\"><code class=\"app-code\">");
    html_text(b, name);
    html_lit(b, "</code></h3><dl class=\"govuk-summary-list\">");
    summary_row(b, "What it is for", purpose);
    summary_row_start(b, "Expires", 0);
}

static void cookie_end(struct buf *b)
{
    summary_row_end(b, NULL, NULL);
    html_lit(b, "</dl>");
}

void view_cookies_page(struct buf *b, const struct service_facts *f, const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {"Cookies", NULL}};
    struct layout l;

    page_start(b, &l, crumbs, "Cookies", viewer);
    html_lit(b, "<p class=\"govuk-body\">Cookies are small files saved on your phone, tablet "
                "or computer when you visit a website.</p>"
                "<p class=\"govuk-body\">Compact Hub sets cookies only when you sign in, and "
                "only those it needs to work. It sets no analytics, advertising or tracking "
                "cookies, so it does not ask for your consent.</p>"
                "<h2 class=\"govuk-heading-m\">Essential cookies</h2>"
                "<p class=\"govuk-body\">Set when you sign in:</p>");
    cookie_start(b, f->session_cookie,
                 "Keeps you signed in. It is removed when you sign out. The service cannot read "
                 "your password from it.");
    duration_phrase(b, f->session_max);
    html_lit(b, " after you sign in, or sooner when unused for ");
    duration_phrase(b, f->session_idle);
    cookie_end(b);
    cookie_start(b, f->device_cookie,
                 "Tells the sign-in page that this browser has signed in before, so that other "
                 "people guessing passwords do not slow your sign-in down. It is sent only to the "
                 "sign-in page.");
    duration_phrase(b, f->device_max_age);
    cookie_end(b);
    html_lit(b, "<p class=\"govuk-body\">The <a class=\"govuk-link\" href=\"/privacy\">privacy "
                "notice</a> says what the service keeps about you and for how long.</p>");
    view_layout_end(b, &l);
}

void view_contact_page(struct buf *b, const struct service_facts *f, const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {"Contact", NULL}};
    struct layout l;

    page_start(b, &l, crumbs, "Contact Compact Hub", viewer);
    html_lit(b, "<p class=\"govuk-body\">Compact Hub is run by ");
    who(b, f);
    if (f->contact_email) {
        html_lit(b, ". Email <a class=\"govuk-link\" href=\"mailto:");
        html_attr(b, f->contact_email);
        html_lit(b, "\">");
        html_text(b, f->contact_email);
        html_lit(b, "</a>");
    }
    html_lit(b, ".</p>"
                "<h2 class=\"govuk-heading-m\">About a local Compact</h2>"
                "<p class=\"govuk-body\">Each <a class=\"govuk-link\" href=\"/compacts\">local "
                "Compact&#39;s page</a> names its key contacts. Its coordinators keep its record "
                "up to date: ask them to correct it, or to add an organisation that signed it."
                "</p>"
                "<h2 class=\"govuk-heading-m\">About your account</h2>"
                "<p class=\"govuk-body\">Accounts are made by the service&#39;s administrators. "
                "If you cannot sign in, or need another role, ");
    reach(b, f);
    html_lit(b, ". You can make and revoke your own API tokens on <a class=\"govuk-link\" "
                "href=\"/account\">your account</a> page.</p>"
                "<h2 class=\"govuk-heading-m\">A problem with the service</h2>"
                "<p class=\"govuk-body\">To report something that does not work, a problem with "
                "the <a class=\"govuk-link\" href=\"/accessibility\">accessibility</a> of a page, "
                "or to ask about your <a class=\"govuk-link\" href=\"/privacy\">personal "
                "data</a>, ");
    reach(b, f);
    html_lit(b, ". Say which page, and what you were doing.</p>"
                "<h2 class=\"govuk-heading-m\">Using the register in your own tools</h2>"
                "<p class=\"govuk-body\">The <a class=\"govuk-link\" href=\"/api\">API "
                "documentation</a> lists every address of the service, what it answers and an "
                "example of each.</p>");
    view_layout_end(b, &l);
}

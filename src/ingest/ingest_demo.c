/*
 * The demo set of compact demo load: fictional local Compacts, organisations and signatories for
 * trying the service out. Every name says "(demo)" and every Compact is marked demo, so nobody
 * takes them for the register. Contacts use example.org addresses; no organisation has an
 * org-id. Reviews due before today show as overdue.
 */
#include <string.h>

#include "ingest.h"
#include "base/err.h"
#include "base/banned.h"

static const struct demo_organisation orgs[] = {
    {"Riverside Community Trust (demo)", "vcs", "charity"},
    {"Northfield Volunteer Centre (demo)", "vcs", "vcs_infrastructure"},
    {"Example Council for Voluntary Service (demo)", "vcs", "vcs_infrastructure"},
    {"Sample Health Partnership (demo)", "statutory", "nhs"},
    {"Demo Constabulary (demo)", "statutory", "police"},
    {"Hillside Youth Project (demo)", "vcs", "community_group"},
};

static const struct demo_signatory sigs[] = {
    {0, 0, "2010-06-01", "Chair of trustees", NULL},
    {0, 2, "2010-06-01", "Chief executive", NULL},
    {0, 3, "2010-07-15", "Director of commissioning", NULL},
    {1, 1, "2012-03-01", "Manager", "2016-03-31"},
    {1, 4, "2012-03-01", "Chief constable", NULL},
    {2, 5, "2011-09-01", "Project lead", NULL},
    {3, 2, "2013-01-10", "Chief executive", NULL},
    {5, 0, "2019-05-01", "Chair of trustees", NULL},
};

/* One Compact: name, GSS codes (up to 2), first status and date, then later changes. */
struct seed {
    const char *name;
    const char *gss[2];
    enum compact_status first;
    const char *first_date;
    struct status_change later[2];
    size_t nlater;
    int adopted[3], refreshed[3];
    const char *contact, *email;
};

static const struct seed seeds[] = {
    {"Devon Compact (demo)",
     {"E10000008", NULL},
     COMPACT_IN_DEVELOPMENT,
     "2009-04-01",
     {{0, COMPACT_ACTIVE}},
     1,
     {2010, 5, 20},
     {2021, 9, 1},
     "Alex Example",
     "alex@example.org"},
    {"Kent Compact (demo)",
     {"E10000016", NULL},
     COMPACT_ACTIVE,
     "2011-02-01",
     {{0}},
     0,
     {2011, 2, 1},
     {0},
     "Sam Sample",
     "sam@example.org"},
    {"Leeds Compact (demo)",
     {"E08000035", NULL},
     COMPACT_IN_DEVELOPMENT,
     "2010-01-15",
     {{0, COMPACT_ACTIVE}},
     1,
     {2011, 3, 1},
     {2023, 3, 1},
     "Jo Placeholder",
     "jo@example.org"},
    {"Manchester Compact (demo)",
     {"E08000003", NULL},
     COMPACT_ACTIVE,
     "2008-10-01",
     {{0, COMPACT_INACTIVE}},
     1,
     {2008, 10, 1},
     {0},
     "Chris Test",
     "chris@example.org"},
    {"Camden and Hackney Compact (demo)",
     {"E09000007", "E09000012"},
     COMPACT_ACTIVE,
     "2012-06-01",
     {{0}},
     0,
     {2012, 6, 1},
     {2020, 6, 1},
     "Pat Demo",
     "pat@example.org"},
    {"Cornwall Compact (demo)",
     {"E06000052", NULL},
     COMPACT_IN_DEVELOPMENT,
     "2025-01-06",
     {{0}},
     0,
     {0},
     {0},
     "Morgan Trial",
     "morgan@example.org"},
    {"Norfolk Compact (demo)",
     {"E10000020", NULL},
     COMPACT_ACTIVE,
     "2010-11-01",
     {{0}},
     0,
     {2010, 11, 1},
     {2015, 11, 1},
     "Robin Mock",
     "robin@example.org"},
    {"Nottinghamshire Compact (demo)",
     {"E10000024", NULL},
     COMPACT_ACTIVE,
     "2009-07-01",
     {{0, COMPACT_INACTIVE}, {0, COMPACT_ACTIVE}},
     2,
     {2009, 7, 1},
     {2022, 1, 10},
     "Taylor Sample",
     "taylor@example.org"},
    {"Birmingham Compact (demo)",
     {"E08000025", NULL},
     COMPACT_ACTIVE,
     "2011-05-01",
     {{0}},
     0,
     {2011, 5, 1},
     {2019, 5, 1},
     "Jamie Example",
     "jamie@example.org"},
    {"Newcastle Compact (demo)",
     {"E08000021", NULL},
     COMPACT_ACTIVE,
     "2010-04-01",
     {{0, COMPACT_INACTIVE}},
     1,
     {2010, 4, 1},
     {0},
     "Casey Fictional",
     "casey@example.org"},
    {"Suffolk Compact (demo)",
     {"E10000029", NULL},
     COMPACT_IN_DEVELOPMENT,
     "2024-09-01",
     {{0}},
     0,
     {0},
     {0},
     "Drew Invented",
     "drew@example.org"},
    {"Sheffield Compact (demo)",
     {"E08000019", NULL},
     COMPACT_ACTIVE,
     "2013-01-01",
     {{0}},
     0,
     {2013, 1, 1},
     {2024, 1, 1},
     "Ellis Madeup",
     "ellis@example.org"},
};

/* When the later changes of seed i took effect. */
static const char *const later_dates[][2] = {
    {"2010-05-20", NULL}, {NULL, NULL},         {"2011-03-01", NULL}, {"2014-04-01", NULL},
    {NULL, NULL},         {NULL, NULL},         {NULL, NULL},         {"2016-04-01", "2022-01-10"},
    {NULL, NULL},         {"2018-03-31", NULL}, {NULL, NULL},         {NULL, NULL},
};

#define NSEEDS (sizeof(seeds) / sizeof(seeds[0]))

static date_t ymd(const int v[3])
{
    return v[0] ? date_from_ymd(v[0], v[1], v[2]) : 0;
}

int ingest_demo(struct store *st, const char *actor, size_t *ncompacts, struct buf *err)
{
    static const struct compact_code codes[] = {
        {0, "Funding code of practice (demo)",
         "Three months' written notice before funding ends; multi-year funding where it can.",
         "https://example.org/demo/funding-code"},
        {0, "Consultation code of practice (demo)",
         "Twelve-week consultations, with feedback published within twelve weeks of closing.",
         NULL},
    };
    struct demo_compact c[NSEEDS];
    const char *bad;
    int ret;

    *ncompacts = 0;
    memset(c, 0, sizeof(c));
    for (size_t i = 0; i < NSEEDS; i++) {
        const struct seed *s = &seeds[i];
        struct compact_new *n = &c[i].c;
        n->name = s->name;
        for (size_t j = 0; j < 2 && s->gss[j]; j++) {
            n->authorities[n->nauthorities++] = s->gss[j];
        }
        n->status = s->first;
        n->status_date = s->first_date;
        n->adopted = ymd(s->adopted);
        n->refreshed = ymd(s->refreshed);
        n->document_url = n->adopted ? "https://example.org/demo/compact.pdf" : NULL;
        n->contacts[0] =
            (struct compact_contact){s->contact, "Compact coordinator (demo)", s->email, NULL};
        n->ncontacts = 1;
        n->demo = 1;
        for (size_t j = 0; j < s->nlater; j++) {
            const char *d = later_dates[i][j];
            date_t when;
            if (!d || date_parse(d, strlen(d), &when) < 0) {
                buf_addf(err, "demo data: a bad date for '%s'", s->name);
                return ERR_INVALID;
            }
            c[i].later[j] = (struct status_change){when, s->later[j].status};
        }
        c[i].nlater = s->nlater;
        if (i % 3 == 0) {
            c[i].codes[0] = codes[0];
            c[i].codes[1] = codes[1];
            c[i].ncodes = 2;
        }
    }
    ret = store_demo_load(st, c, NSEEDS, orgs, sizeof(orgs) / sizeof(orgs[0]), sigs,
                          sizeof(sigs) / sizeof(sigs[0]), actor, &bad);
    if (ret == ERR_CONFLICT) {
        buf_adds(err, "the demo data is loaded already");
    } else if (ret == ERR_NOT_FOUND) {
        buf_addf(err, "demo data: no authority has the GSS code '%s'", bad ? bad : "?");
    } else if (ret < 0) {
        buf_addf(err, "the database refused the demo data: %s", err_str(ret));
    } else {
        *ncompacts = NSEEDS;
    }
    return ret;
}

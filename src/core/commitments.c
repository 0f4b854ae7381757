/* The default commitments catalogue, as data (SPEC section 4). */
#include "commitments.h"

#include <string.h>

#include "base/err.h"
#include "base/banned.h"

static const struct {
    const char *id, *label;
} parties[PARTY_COUNT] = {
    [PARTY_PUBLIC_BODIES] = {"public_bodies", "public bodies"},
    [PARTY_CSOS] = {"csos", "CSOs"},
};

static const struct commitment_section sections[COMMITMENT_SECTIONS] = {
    {1, "A strong, diverse and independent civil society"},
    {2, "Effective and transparent design and development of policies, programmes and public "
        "services"},
    {3, "Responsive and high-quality programmes and services"},
    {4, "Clear arrangements for managing changes to programmes and services"},
    {5, "An equal and fair society"},
};

/* Paraphrases are the project's own words. Numbers in sections 2 to 5 are still to verify. */
static const struct commitment commitments[] = {
    {"2.2",
     2,
     PARTY_PUBLIC_BODIES,
     "Bring civil society organisations in from the very start when designing policies, "
     "programmes and services.",
     0,
     {"procurement.early_involvement"}},
    {"2.4",
     2,
     PARTY_PUBLIC_BODIES,
     "Where it suits, consult formally in writing for twelve weeks; explain any shorter period or "
     "less formal approach.",
     0,
     {"consultation.length"}},
    {"2.5",
     2,
     PARTY_PUBLIC_BODIES,
     "Tell the people consulted how their views affected the outcome.",
     0,
     {"consultation.feedback"}},
    {"3.2",
     3,
     PARTY_PUBLIC_BODIES,
     "Judge bids on their social, economic and environmental value, not on the lowest price "
     "alone.",
     0,
     {"procurement.social_value"}},
    {"3.4",
     3,
     PARTY_PUBLIC_BODIES,
     "Fund for several years where that suits the work, with three years as the usual term.",
     0,
     {"award.duration"}},
    {"3.5",
     3,
     PARTY_PUBLIC_BODIES,
     "Keep bidding in proportion to what is at stake, and give bidders enough time.",
     0,
     {"procurement.tender_period"}},
    {"3.7",
     3,
     PARTY_PUBLIC_BODIES,
     "Let organisations include a fair share of their overheads in the costs funded (full cost "
     "recovery).",
     0,
     {"award.full_cost_recovery"}},
    {"3.8",
     3,
     PARTY_PUBLIC_BODIES,
     "Where it suits, pay before the money has to be spent rather than afterwards.",
     0,
     {"award.payment_in_advance"}},
    {"4.3",
     4,
     PARTY_PUBLIC_BODIES,
     "Before cutting or ending funding, work out what it will mean for beneficiaries, service "
     "users and volunteers.",
     0,
     {"funding.impact_assessment"}},
    {"4.4",
     4,
     PARTY_PUBLIC_BODIES,
     "Give at least three months' written notice before ending or reducing funding, and explain "
     "clearly why.",
     0,
     {"funding.notice", "funding.reasons"}},
    {"4.5",
     4,
     PARTY_PUBLIC_BODIES,
     "Let the organisation respond before the decision is taken, and take its response into "
     "account.",
     0,
     {"funding.response_opportunity"}},
    {"5.3",
     5,
     PARTY_PUBLIC_BODIES,
     "Where a change affects groups protected by equality law, assess its impact on them.",
     0,
     {"funding.equality_assessment"}},
};

#define NCOMMITMENTS (sizeof(commitments) / sizeof(commitments[0]))

const char *party_id(enum party p)
{
    return (unsigned)p < PARTY_COUNT ? parties[p].id : "";
}

const char *party_label(enum party p)
{
    return (unsigned)p < PARTY_COUNT ? parties[p].label : "";
}

int party_parse(const char *s, enum party *out)
{
    for (int i = 0; i < PARTY_COUNT; i++) {
        if (!strcmp(s, parties[i].id)) {
            *out = (enum party)i;
            return 0;
        }
    }
    *out = PARTY_PUBLIC_BODIES;
    return ERR_INVALID;
}

const struct commitment_section *commitment_sections(size_t *n)
{
    *n = COMMITMENT_SECTIONS;
    return sections;
}

const struct commitment *commitments_default(size_t *n)
{
    *n = NCOMMITMENTS;
    return commitments;
}

const struct commitment *commitment_of_rule(const char *rule)
{
    for (size_t i = 0; i < NCOMMITMENTS; i++) {
        for (size_t j = 0; j < COMMITMENT_RULES_MAX && commitments[i].rules[j]; j++) {
            if (!strcmp(rule, commitments[i].rules[j])) {
                return &commitments[i];
            }
        }
    }
    return NULL;
}

const char *commitment_for_rule(const char *rule)
{
    const struct commitment *c = commitment_of_rule(rule);
    return c ? c->number : NULL;
}

/* The annual survey: questionnaires, the question bank, the check of a response, results. */
#include "survey.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "suppress.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/banned.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- names ---- */

static const struct {
    const char *id, *label;
} questionnaires[SURVEY_QUESTIONNAIRE_COUNT] = {
    [SURVEY_GENERAL] = {"general", "General survey"},
    [SURVEY_BENCHMARK] = {"benchmark", "Benchmarking survey"},
};

static const char *const type_ids[SQ_TYPE_COUNT] = {
    [SQ_AGREE5] = "agree5",  [SQ_CHOICE] = "choice",       [SQ_UP_TO_3] = "choose_up_to_3",
    [SQ_ANY] = "choose_any", [SQ_YES_NO_DK] = "yes_no_dk", [SQ_TEXT] = "text",
};

static const struct {
    const char *id, *label;
} sectors[SURVEY_SECTOR_COUNT] = {
    [SURVEY_STATUTORY] = {"statutory", "Statutory sector"},
    [SURVEY_VCS] = {"vcs", "Voluntary and community sector"},
    [SURVEY_OTHER] = {"other", "Other"},
};

static const struct {
    const char *id, *label;
} bodies[SURVEY_BODY_COUNT] = {
    [SURVEY_BODY_NONE] = {"", ""},
    [SURVEY_LOCAL_AUTHORITY] = {"local_authority", "Local authority"},
    [SURVEY_NHS] = {"nhs", "NHS"},
    [SURVEY_POLICE] = {"police", "Police"},
    [SURVEY_FIRE] = {"fire", "Fire and rescue"},
    [SURVEY_CENTRAL_GOVERNMENT] = {"central_government", "Central government"},
    [SURVEY_OTHER_STATUTORY] = {"other_statutory", "Other statutory body"},
};

static const struct {
    const char *id, *label;
} groups[SURVEY_GROUP_COUNT] = {
    [SURVEY_ALL] = {"all", "All respondents"},
    [SURVEY_GROUP_STATUTORY] = {"statutory", "Statutory sector"},
    [SURVEY_GROUP_LOCAL_AUTHORITY] = {"local_authority", "Local authorities"},
    [SURVEY_GROUP_VCS] = {"vcs", "Voluntary and community sector"},
    [SURVEY_GROUP_OTHER] = {"other", "Other"},
};

/* The index of s among the n ids got by id(i), or -1. */
#define FIND_ID(table, n, s)                                                                       \
    do {                                                                                           \
        for (size_t i_ = 0; (s) && i_ < (n); i_++) {                                               \
            if (table[i_].id[0] && strcmp(table[i_].id, (s)) == 0) {                               \
                *out = i_;                                                                         \
                return 0;                                                                          \
            }                                                                                      \
        }                                                                                          \
    } while (0)

const char *survey_questionnaire_id(enum survey_questionnaire q)
{
    return (unsigned)q < SURVEY_QUESTIONNAIRE_COUNT ? questionnaires[q].id : "";
}

const char *survey_questionnaire_label(enum survey_questionnaire q)
{
    return (unsigned)q < SURVEY_QUESTIONNAIRE_COUNT ? questionnaires[q].label : "";
}

int survey_questionnaire_parse(const char *s, enum survey_questionnaire *out)
{
    FIND_ID(questionnaires, SURVEY_QUESTIONNAIRE_COUNT, s);
    *out = SURVEY_GENERAL;
    return ERR_INVALID;
}

const char *survey_type_id(enum survey_type t)
{
    return (unsigned)t < SQ_TYPE_COUNT ? type_ids[t] : "";
}

int survey_type_parse(const char *s, enum survey_type *out)
{
    for (size_t i = 0; s && i < SQ_TYPE_COUNT; i++) {
        if (strcmp(type_ids[i], s) == 0) {
            *out = i;
            return 0;
        }
    }
    *out = SQ_TEXT;
    return ERR_INVALID;
}

int survey_type_multi(enum survey_type t)
{
    return t == SQ_UP_TO_3 || t == SQ_ANY;
}

const char *survey_sector_id(enum survey_sector s)
{
    return (unsigned)s < SURVEY_SECTOR_COUNT ? sectors[s].id : "";
}

const char *survey_sector_label(enum survey_sector s)
{
    return (unsigned)s < SURVEY_SECTOR_COUNT ? sectors[s].label : "";
}

int survey_sector_parse(const char *s, enum survey_sector *out)
{
    FIND_ID(sectors, SURVEY_SECTOR_COUNT, s);
    *out = SURVEY_OTHER;
    return ERR_INVALID;
}

const char *survey_body_id(enum survey_body_type b)
{
    return (unsigned)b < SURVEY_BODY_COUNT ? bodies[b].id : "";
}

const char *survey_body_label(enum survey_body_type b)
{
    return (unsigned)b < SURVEY_BODY_COUNT ? bodies[b].label : "";
}

int survey_body_parse(const char *s, enum survey_body_type *out)
{
    FIND_ID(bodies, SURVEY_BODY_COUNT, s);
    *out = SURVEY_BODY_NONE;
    return ERR_INVALID;
}

const char *survey_group_id(enum survey_group g)
{
    return (unsigned)g < SURVEY_GROUP_COUNT ? groups[g].id : "";
}

const char *survey_group_label(enum survey_group g)
{
    return (unsigned)g < SURVEY_GROUP_COUNT ? groups[g].label : "";
}

int survey_group_parse(const char *s, enum survey_group *out)
{
    FIND_ID(groups, SURVEY_GROUP_COUNT, s);
    *out = SURVEY_ALL;
    return ERR_INVALID;
}

unsigned survey_groups_of(enum survey_sector s, enum survey_body_type b)
{
    unsigned g = 1u << SURVEY_ALL;

    switch (s) {
    case SURVEY_STATUTORY:
        g |= 1u << SURVEY_GROUP_STATUTORY;
        if (b == SURVEY_LOCAL_AUTHORITY) {
            g |= 1u << SURVEY_GROUP_LOCAL_AUTHORITY;
        }
        break;
    case SURVEY_VCS:
        g |= 1u << SURVEY_GROUP_VCS;
        break;
    default:
        g |= 1u << SURVEY_GROUP_OTHER;
        break;
    }
    return g;
}

/* ---- the bank ---- */

static const struct survey_option agree5[] = {
    {"strongly_agree", "Strongly agree"},       {"agree", "Agree"},
    {"neither", "Neither agree nor disagree"},  {"disagree", "Disagree"},
    {"strongly_disagree", "Strongly disagree"}, {"dont_know", "Don't know"},
};

static const struct survey_option yes_no_dk[] = {
    {"yes", "Yes"},
    {"no", "No"},
    {"dont_know", "Don't know"},
};

static const struct survey_option change[] = {
    {"improved", "Improved"},
    {"same", "Stayed the same"},
    {"worsened", "Worsened"},
    {"dont_know", "Don't know"},
};

static const struct survey_option improvements[] = {
    {"senior_leadership", "Commitment from senior leaders"},
    {"resources", "More resources"},
    {"promotion", "Promoting the Compact more widely"},
    {"commissioner_links", "Closer links with commissioners"},
    {"training", "Training on the Compact"},
    {"compliance_monitoring", "Monitoring that the Compact is kept"},
    {"paid_worker", "A paid Compact worker"},
    {"other", "Something else"},
};

static const struct survey_option meets[] = {
    {"monthly", "Every month"},
    {"quarterly", "Every three months"},
    {"twice_yearly", "Twice a year"},
    {"yearly", "Once a year"},
    {"less_often", "Less than once a year"},
    {"no_group", "There is no Compact group"},
};

static const struct survey_option partners[] = {
    {"council", "The council"},  {"nhs", "The NHS"},
    {"police", "The police"},    {"fire", "The fire and rescue service"},
    {"other", "Other partners"},
};

#define OPTS(a) a, COUNT_OF(a)

static const struct survey_question bank[] = {
    {"importance", 1, SURVEY_GENERAL, SQ_AGREE5,
     "The Compact is important and effort should go into implementing it in full",
     "How far do you agree?", OPTS(agree5)},
    {"relationship_change", 1, SURVEY_GENERAL, SQ_CHOICE,
     "Over the last year, have relations between the statutory and voluntary sectors in your "
     "area improved, stayed the same or worsened?",
     NULL, OPTS(change)},
    {"independence_respect", 1, SURVEY_GENERAL, SQ_CHOICE,
     "Over the last year, has respect for the independence of the voluntary and community "
     "sector improved, stayed the same or worsened?",
     NULL, OPTS(change)},
    {"actively_engaged", 1, SURVEY_GENERAL, SQ_YES_NO_DK,
     "Is your organisation actively engaged with your local Compact?", NULL, OPTS(yes_no_dk)},
    {"improvements", 1, SURVEY_GENERAL, SQ_UP_TO_3,
     "What would most improve the impact of your local Compact?", "Choose up to 3.",
     OPTS(improvements)},
    {"comments", 1, SURVEY_GENERAL, SQ_TEXT,
     "Is there anything else you would like to tell us about your local Compact?",
     "Your comments are not published.", NULL, 0},
    {"group_meets", 1, SURVEY_BENCHMARK, SQ_CHOICE, "How often does the Compact's group meet?",
     NULL, OPTS(meets)},
    {"refresh_planned", 1, SURVEY_BENCHMARK, SQ_YES_NO_DK, "Is a refresh of the Compact planned?",
     NULL, OPTS(yes_no_dk)},
    {"paid_worker", 1, SURVEY_BENCHMARK, SQ_YES_NO_DK, "Does the Compact have a paid worker?", NULL,
     OPTS(yes_no_dk)},
    {"dispute_procedure", 1, SURVEY_BENCHMARK, SQ_YES_NO_DK,
     "Does the Compact have a dispute procedure?", NULL, OPTS(yes_no_dk)},
    {"annual_review_held", 1, SURVEY_BENCHMARK, SQ_YES_NO_DK,
     "Was an annual review of the Compact held this year?", NULL, OPTS(yes_no_dk)},
    {"signed_partners", 1, SURVEY_BENCHMARK, SQ_ANY, "Which partners have signed the Compact?",
     "Choose all that apply.", OPTS(partners)},
};

_Static_assert(COUNT_OF(bank) <= SURVEY_QUESTIONS_MAX, "SURVEY_QUESTIONS_MAX is too small");
_Static_assert(COUNT_OF(improvements) <= SURVEY_OPTIONS_MAX, "SURVEY_OPTIONS_MAX is too small");

const struct survey_question *survey_bank(size_t *n)
{
    *n = COUNT_OF(bank);
    return bank;
}

const struct survey_option *survey_type_options(enum survey_type t, size_t *n)
{
    switch (t) {
    case SQ_AGREE5:
        *n = COUNT_OF(agree5);
        return agree5;
    case SQ_YES_NO_DK:
        *n = COUNT_OF(yes_no_dk);
        return yes_no_dk;
    default:
        *n = 0;
        return NULL;
    }
}

const struct survey_question *survey_question_find(const struct survey_question *qs, size_t n,
                                                   const char *key)
{
    for (size_t i = 0; key && i < n; i++) {
        if (strcmp(qs[i].key, key) == 0) {
            return &qs[i];
        }
    }
    return NULL;
}

int survey_option_find(const struct survey_question *q, const char *id)
{
    for (size_t i = 0; id && i < q->noptions; i++) {
        if (strcmp(q->options[i].id, id) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/* ---- the check of a response ---- */

int survey_refuse(struct survey_refusal *r, enum survey_refusal_kind kind, const char *field,
                  const char *fmt, ...)
{
    va_list ap;
    int n;

    r->kind = kind;
    n = snprintf(r->field, sizeof(r->field), "%s", field ? field : "");
    if (n < 0 || (size_t)n >= sizeof(r->field)) {
        r->field[0] = '\0'; /* a key too long to name is named by the sentence */
    }
    va_start(ap, fmt);
    n = vsnprintf(r->why, sizeof(r->why), fmt, ap);
    va_end(ap);
    if (n < 0) {
        r->why[0] = '\0';
    }
    return ERR_INVALID;
}

/* "answers.KEY" for a key, or "answers" for one too long to name. */
static void answer_field(char out[SURVEY_FIELD_MAX], const char *key)
{
    int n = snprintf(out, SURVEY_FIELD_MAX, "answers.%s", key);

    if (n < 0 || n >= SURVEY_FIELD_MAX) {
        memcpy(out, "answers", sizeof("answers"));
    }
}

static int blank(const struct survey_answer_in *a)
{
    for (size_t i = 0; i < a->nvalues; i++) {
        if (a->values[i] && a->values[i][0]) {
            return 0;
        }
    }
    return 1;
}

/* Check one answer a (not blank) to q into out. */
static int check_answer(const struct survey_question *q, const struct survey_answer_in *a,
                        struct survey_answer *out, struct survey_refusal *r)
{
    char field[SURVEY_FIELD_MAX];
    size_t chosen = 0;

    answer_field(field, q->key);
    if (q->type == SQ_TEXT) {
        size_t len;
        if (a->nvalues != 1) {
            return survey_refuse(r, SREFUSE_TOO_MANY, field, "Give one answer to '%s'", q->text);
        }
        len = strlen(a->values[0]);
        if (len > SURVEY_TEXT_MAX || utf8_check(a->values[0], len, NULL) < 0) {
            return survey_refuse(r, SREFUSE_TEXT, field,
                                 "Your answer to '%s' must be %d characters or fewer", q->text,
                                 SURVEY_TEXT_MAX);
        }
        out->text = a->values[0];
        return 0;
    }
    for (size_t i = 0; i < a->nvalues; i++) {
        const char *v = a->values[i];
        int k;

        if (!v || !v[0]) {
            continue; /* a blank among the ticks, as a form sends one */
        }
        if ((k = survey_option_find(q, v)) < 0) {
            return survey_refuse(r, SREFUSE_OPTION, field,
                                 "'%.40s' is not one of the answers to '%s'", v, q->text);
        }
        if (out->options & (1u << k)) {
            return survey_refuse(r, SREFUSE_OPTION_REPEATED, field, "'%s' is chosen twice for '%s'",
                                 v, q->text);
        }
        out->options |= 1u << k;
        chosen++;
    }
    if (!survey_type_multi(q->type) && chosen > 1) {
        return survey_refuse(r, SREFUSE_TOO_MANY, field, "Choose one answer to '%s'", q->text);
    }
    if (q->type == SQ_UP_TO_3 && chosen > SURVEY_UP_TO) {
        return survey_refuse(r, SREFUSE_TOO_MANY, field, "Choose up to %d answers to '%s'",
                             SURVEY_UP_TO, q->text);
    }
    return 0;
}

int survey_check(const struct survey_question *qs, size_t nq, const struct survey_response_in *in,
                 struct survey_response *out, struct survey_refusal *refused)
{
    char field[SURVEY_FIELD_MAX];
    int ret;

    memset(out, 0, sizeof(*out));
    memset(refused, 0, sizeof(*refused));
    if (survey_questionnaire_parse(in->questionnaire, &out->questionnaire) < 0) {
        return survey_refuse(refused, SREFUSE_QUESTIONNAIRE, "questionnaire",
                             "Say which questionnaire: general or benchmark");
    }
    if (survey_sector_parse(in->sector, &out->sector) < 0) {
        return survey_refuse(refused, SREFUSE_SECTOR, "sector",
                             "Say which sector you are in: statutory, vcs or other");
    }
    if (in->body_type && in->body_type[0]) {
        if (out->sector != SURVEY_STATUTORY) {
            return survey_refuse(refused, SREFUSE_BODY_NOT_STATUTORY, "body_type",
                                 "Only a statutory body says its type of body");
        }
        if (survey_body_parse(in->body_type, &out->body_type) < 0) {
            return survey_refuse(refused, SREFUSE_BODY_TYPE, "body_type",
                                 "Say which type of statutory body: local_authority, nhs, "
                                 "police, fire, central_government or other_statutory");
        }
    } else if (out->sector == SURVEY_STATUTORY) {
        return survey_refuse(refused, SREFUSE_BODY_TYPE, "body_type",
                             "Say which type of statutory body you are");
    }
    if (in->compact_id <= 0) {
        return survey_refuse(refused, SREFUSE_COMPACT, "compact_id",
                             "Say which Compact you answer about");
    }
    out->compact_id = in->compact_id;
    for (size_t i = 0; i < in->nanswers; i++) {
        const struct survey_answer_in *a = &in->answers[i];
        const struct survey_question *q = survey_question_find(qs, nq, a->key);
        struct survey_answer *ans;

        answer_field(field, a->key ? a->key : "");
        if (!q) {
            return survey_refuse(refused, SREFUSE_UNKNOWN_QUESTION, field,
                                 "There is no question '%.40s'", a->key ? a->key : "");
        }
        if (q->questionnaire != out->questionnaire) {
            return survey_refuse(refused, SREFUSE_OTHER_QUESTIONNAIRE, field,
                                 "'%s' is a question of the %s questionnaire", q->key,
                                 survey_questionnaire_id(q->questionnaire));
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(in->answers[j].key, a->key) == 0) {
                return survey_refuse(refused, SREFUSE_REPEATED, field, "'%s' is answered twice",
                                     q->key);
            }
        }
        if (blank(a)) {
            continue;
        }
        ans = &out->answers[out->nanswers];
        *ans = (struct survey_answer){.question = (size_t)(q - qs)};
        if ((ret = check_answer(q, a, ans, refused)) < 0) {
            return ret;
        }
        out->nanswers++; /* each question at most once, so never more than nq */
    }
    return 0;
}

/* ---- tallies ---- */

void survey_tally_init(struct survey_tally *t, size_t nq)
{
    memset(t, 0, sizeof(*t));
    t->nq = nq < SURVEY_QUESTIONS_MAX ? nq : SURVEY_QUESTIONS_MAX;
}

void survey_tally_add(struct survey_tally *t, const struct survey_response *r, int sign)
{
    unsigned g = survey_groups_of(r->sector, r->body_type);

    for (size_t k = 0; k < SURVEY_GROUP_COUNT; k++) {
        if (!(g & (1u << k))) {
            continue;
        }
        t->responses[r->questionnaire][k] += sign;
        for (size_t i = 0; i < r->nanswers; i++) {
            const struct survey_answer *a = &r->answers[i];
            if (a->text || a->question >= t->nq) {
                continue;
            }
            t->answered[a->question][k] += sign;
            for (size_t o = 0; o < SURVEY_OPTIONS_MAX; o++) {
                if (a->options & (1u << o)) {
                    t->count[a->question][k][o] += sign;
                }
            }
        }
    }
}

/* ---- results ---- */

static struct survey_share share_of(long long n, int count_hidden, long long base)
{
    struct survey_share s = {0, 1};

    if (base > 0 && !count_hidden && !suppress_share((size_t)base, SUPPRESS_SHARE_MIN_BASE)) {
        s.value = (double)n / (double)base;
        s.hidden = 0;
    }
    return s;
}

static void group_result(const struct survey_question *q, long long answered, const long long *n,
                         struct survey_group_result *out)
{
    size_t counts[SURVEY_OPTIONS_MAX];
    int hidden[SURVEY_OPTIONS_MAX];
    size_t no = q->noptions < SURVEY_OPTIONS_MAX ? q->noptions : SURVEY_OPTIONS_MAX;

    memset(out, 0, sizeof(*out));
    out->answered.n = answered;
    out->answered.hidden = suppress_count((size_t)(answered > 0 ? answered : 0));
    for (size_t o = 0; o < no; o++) {
        counts[o] = (size_t)(n[o] > 0 ? n[o] : 0);
    }
    if (survey_type_multi(q->type)) {
        for (size_t o = 0; o < no; o++) {
            hidden[o] = suppress_count(counts[o]);
        }
    } else {
        suppress_breakdown(counts, no, hidden); /* they add up to answered */
    }
    for (size_t o = 0; o < no; o++) {
        out->counts[o] = (struct survey_count){n[o], hidden[o]};
        out->shares[o] = share_of(n[o], hidden[o] || out->answered.hidden, answered);
    }
    if (q->type == SQ_AGREE5) {
        long long agree = n[0] + n[1];
        /* one of the two hidden and the other not: their sum would give it away */
        int hide = suppress_count((size_t)(agree > 0 ? agree : 0)) || (hidden[0] != hidden[1]);
        out->agree = (struct survey_count){agree, hide};
        out->agree_share = share_of(agree, hide || out->answered.hidden, answered);
    }
}

void survey_results(const struct survey_question *qs, size_t nq, const struct survey_tally *t,
                    struct survey_question_result *out)
{
    for (size_t i = 0; i < nq; i++) {
        memset(&out[i], 0, sizeof(out[i]));
        out[i].q = &qs[i];
        if (qs[i].type == SQ_TEXT || i >= t->nq) {
            continue;
        }
        for (size_t g = 0; g < SURVEY_GROUP_COUNT; g++) {
            group_result(&qs[i], t->answered[i][g], t->count[i][g], &out[i].groups[g]);
        }
    }
}

int survey_percent(long long n, long long base)
{
    if (base <= 0) {
        return 0;
    }
    /* n * 100 / base + 1/2, floored: (200 n + base) / (2 base), exact in integers */
    return (int)((200 * n + base) / (2 * base));
}

/* ---- year on year ---- */

static struct survey_points points(struct survey_share now, struct survey_share then)
{
    struct survey_points p = {0, 1};

    if (!now.hidden && !then.hidden) {
        p.points = (now.value - then.value) * 100.0;
        p.hidden = 0;
    }
    return p;
}

void survey_compare(const struct survey_question_result *now,
                    const struct survey_question_result *before, size_t nbefore,
                    struct survey_change *out)
{
    const struct survey_question *q = now->q;
    const struct survey_question_result *then = NULL;

    memset(out, 0, sizeof(*out));
    out->key = q->key;
    for (size_t i = 0; i < nbefore; i++) {
        if (strcmp(before[i].q->key, q->key) == 0) {
            then = &before[i];
            break;
        }
    }
    for (size_t g = 0; g < SURVEY_GROUP_COUNT; g++) {
        out->agree[g].hidden = 1;
        for (size_t o = 0; o < SURVEY_OPTIONS_MAX; o++) {
            out->options[g][o].hidden = 1;
        }
    }
    if (!then) {
        return;
    }
    out->version_then = then->q->version;
    out->comparable = then->q->version == q->version && then->q->type == q->type;
    if (!out->comparable || q->type == SQ_TEXT) {
        return;
    }
    for (size_t g = 0; g < SURVEY_GROUP_COUNT; g++) {
        for (size_t o = 0; o < q->noptions && o < SURVEY_OPTIONS_MAX; o++) {
            int k = survey_option_find(then->q, q->options[o].id);
            if (k >= 0) {
                out->options[g][o] = points(now->groups[g].shares[o], then->groups[g].shares[k]);
            }
        }
        if (q->type == SQ_AGREE5) {
            out->agree[g] = points(now->groups[g].agree_share, then->groups[g].agree_share);
        }
    }
}

/* ---- the headline ---- */

int survey_headline(int year, const struct survey_question_result *r, struct buf *out)
{
    const struct survey_group_result *all, *la;

    if (!r || r->q->type != SQ_AGREE5) {
        return ERR_NOT_FOUND;
    }
    all = &r->groups[SURVEY_ALL];
    la = &r->groups[SURVEY_GROUP_LOCAL_AUTHORITY];
    if (all->agree_share.hidden) {
        return ERR_NOT_FOUND;
    }
    buf_addf(out, "In the %d survey, %d%% of respondents", year,
             survey_percent(all->agree.n, all->answered.n));
    if (!la->agree_share.hidden) {
        buf_addf(out, " (%d%% of local authority respondents)",
                 survey_percent(la->agree.n, la->answered.n));
    }
    buf_adds(out, " agreed that the Compact is important and that effort should go into "
                  "implementing it in full.");
    return 0;
}

/* ---- answers as stored ---- */

void survey_value_format(const struct survey_question *q, const struct survey_answer *a,
                         struct buf *out)
{
    int first = 1;

    if (a->text) {
        buf_adds(out, a->text);
        return;
    }
    for (size_t o = 0; o < q->noptions && o < SURVEY_OPTIONS_MAX; o++) {
        if (a->options & (1u << o)) {
            if (!first) {
                buf_addc(out, SURVEY_OPTION_SEP);
            }
            buf_adds(out, q->options[o].id);
            first = 0;
        }
    }
}

/* The options of value (ids joined by ';') among q's into *options. */
static int options_parse(const struct survey_question *q, const char *value, unsigned *options)
{
    *options = 0;
    for (const char *p = value;;) {
        size_t len = strcspn(p, ";");
        size_t o = 0;
        while (o < q->noptions &&
               (strlen(q->options[o].id) != len || memcmp(q->options[o].id, p, len) != 0)) {
            o++;
        }
        if (o == q->noptions) {
            return ERR_INVALID;
        }
        *options |= 1u << o;
        if (!p[len]) {
            return 0;
        }
        p += len + 1;
    }
}

int survey_response_from_stored(const struct survey_question *qs, size_t nq,
                                enum survey_questionnaire questionnaire, const char *sector,
                                const char *body_type, long long compact_id,
                                const char *const *values, struct survey_response *out)
{
    memset(out, 0, sizeof(*out));
    out->questionnaire = questionnaire;
    out->compact_id = compact_id;
    if (survey_sector_parse(sector, &out->sector) < 0 ||
        (body_type && survey_body_parse(body_type, &out->body_type) < 0)) {
        return ERR_INVALID;
    }
    for (size_t i = 0; i < nq && i < SURVEY_QUESTIONS_MAX; i++) {
        struct survey_answer *a = &out->answers[out->nanswers];
        if (!values[i]) {
            continue;
        }
        *a = (struct survey_answer){.question = i};
        if (qs[i].type == SQ_TEXT) {
            a->text = values[i];
        } else if (options_parse(&qs[i], values[i], &a->options) < 0) {
            return ERR_INVALID;
        }
        out->nanswers++;
    }
    return 0;
}

/* ---- invitation codes ---- */

static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; /* 31: no 0 O 1 I L */

void survey_code_new(char out[SURVEY_CODE_TEXT])
{
    size_t k = 0;

    for (size_t i = 0; i < SURVEY_CODE_LEN; i++) {
        unsigned char c;
        do { /* below 248 = 8 * 31, so every letter is as likely */
            secret_random(&c, 1);
        } while (c >= 248);
        if (i && i % 4 == 0) {
            out[k++] = '-';
        }
        out[k++] = code_alphabet[c % 31];
    }
    out[k] = '\0';
}

int survey_code_normalise(const char *in, char out[SURVEY_CODE_LEN + 1])
{
    size_t k = 0;

    for (const char *p = in ? in : ""; *p; p++) {
        char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
        if (c == '-' || c == ' ') {
            continue;
        }
        if (k == SURVEY_CODE_LEN || !c || !strchr(code_alphabet, c)) {
            out[0] = '\0';
            return ERR_INVALID;
        }
        out[k++] = c;
    }
    out[k] = '\0';
    if (k != SURVEY_CODE_LEN) {
        out[0] = '\0';
        return ERR_INVALID;
    }
    return 0;
}

/* ---- coverage of a round ---- */

enum survey_cover_state survey_cover_state_of(const struct survey_cover *c)
{
    if (!c) {
        return SCOVER_NOT_COVERED;
    }
    if (c->general && c->benchmark) {
        return SCOVER_BOTH;
    }
    return c->general || c->benchmark ? SCOVER_SOME : SCOVER_NONE;
}

const char *survey_cover_state_label(enum survey_cover_state s)
{
    static const char *const labels[SCOVER_STATE_COUNT] = {
        [SCOVER_BOTH] = "General answers and a benchmark",
        [SCOVER_SOME] = "Some answers",
        [SCOVER_NONE] = "No answers",
        [SCOVER_NOT_COVERED] = "Not covered",
    };
    return (unsigned)s < SCOVER_STATE_COUNT ? labels[s] : "";
}

const struct survey_cover *survey_cover_find(const struct survey_cover *c, size_t n,
                                             long long compact_id)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i].compact_id == compact_id) {
            return &c[i];
        }
    }
    return NULL;
}

/*
 * libFuzzer target for the check contract (SPEC section 5): codec/json_check.h and core/rules.h.
 * The input is a check request's JSON text. json_check_request either refuses it, naming a field
 * and saying why (both non-empty), or decodes it. A decoded request goes through params_resolve
 * and rules_check twice, with the request's parameters alone and with a Compact's under them.
 * rules_check may still refuse it (ERR_INVALID: a computed date outside years 1000 to 9999),
 * leaving no findings and the verdict unknown. Otherwise: 1 to RULES_MAX_FINDINGS findings of
 * the activity's kind in SPEC order, each with a known rule and verdict, the overall verdict the
 * worst of them, one sentence of explanation each, a remedy (one sentence) only where the verdict
 * is neither met nor justified, computed dates that read back; and the encoded result parses
 * back as JSON saying the same thing. Text that is not UTF-8 or holds \u0000 is refused
 * (fuzz_json_text_bad). Inputs that fail against the current sources are kept in
 * regressions/check/.
 */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "codec/json_check.h"
#include "core/rules.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "base/banned.h"

/* The as_of of a request that gives none: fixed, so that a replay always does the same. */
#define TODAY_Y 2012
#define TODAY_M 6
#define TODAY_D 1

/* One sentence: a capital first, a full stop last and nowhere else before a space, one line. */
static int one_sentence(const char *s)
{
    size_t len = strlen(s);
    if (len < 2 || !isupper((unsigned char)s[0]) || s[len - 1] != '.') {
        return 0;
    }
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] == '\n' || s[i] == '\r' || (s[i] == '.' && s[i + 1] == ' ')) {
            return 0;
        }
    }
    return 1;
}

/* A computed date must be one that YYYY-MM-DD writes and date_parse reads back (rules.h: the
 * engine refuses a check whose computed dates fall outside years 1000 to 9999). */
static int real_date(date_t d)
{
    char s[DATE_STRLEN + 1];
    date_t back;
    date_format(d, s);
    return date_parse(s, DATE_STRLEN, &back) == 0 && back == d;
}

static int rule_of_kind(const char *rule, enum activity_kind k)
{
    static const char *const prefix[ACTIVITY_KIND_COUNT] = {"funding.", "consultation.", "award.",
                                                            "procurement."};
    return strncmp(rule, prefix[k], strlen(prefix[k])) == 0;
}

static const char *string_item(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The encoded result says what the findings say. */
static void check_encoded(const struct buf *b, const struct activity *a, const struct params *p,
                          const struct finding *f, size_t n, enum verdict overall)
{
    cJSON *root, *params, *list;
    unsigned used = activity_kind_params(a->kind);
    const char *s;

    CHECK(!buf_failed(b));
    CHECK(b->len >= 2 && b->data[0] == '{' && b->data[b->len - 1] == '}');
    root = cJSON_ParseWithLength(b->data, b->len);
    CHECK(root && cJSON_IsObject(root));
    CHECK((s = string_item(root, "kind")) && !strcmp(s, activity_kind_id(a->kind)));
    CHECK((s = string_item(root, "overall")) && !strcmp(s, verdict_id(overall)));

    params = cJSON_GetObjectItemCaseSensitive(root, "parameters");
    CHECK(cJSON_IsObject(params));
    for (int i = 0; i < PARAM_COUNT; i++) {
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(params, param_id((enum param)i)), *v;
        if (!(used & (1u << i))) {
            CHECK(!o);
            continue;
        }
        CHECK(cJSON_IsObject(o));
        CHECK((s = string_item(o, "source")) && !strcmp(s, param_source_id(p->source[i])));
        v = cJSON_GetObjectItemCaseSensitive(o, "value");
        if (p->source[i] == SOURCE_NONE) {
            CHECK(cJSON_IsNull(v));
        } else {
            CHECK(cJSON_IsNumber(v) && v->valuedouble == (double)p->value[i]);
        }
    }

    list = cJSON_GetObjectItemCaseSensitive(root, "findings");
    CHECK(cJSON_IsArray(list) && (size_t)cJSON_GetArraySize(list) == n);
    for (size_t i = 0; i < n; i++) {
        const cJSON *o = cJSON_GetArrayItem(list, (int)i), *c;
        CHECK(cJSON_IsObject(o));
        CHECK((s = string_item(o, "rule")) && !strcmp(s, f[i].rule));
        CHECK((s = string_item(o, "verdict")) && !strcmp(s, verdict_id(f[i].verdict)));
        CHECK((s = string_item(o, "explanation")) && !strcmp(s, f[i].explanation));
        c = cJSON_GetObjectItemCaseSensitive(o, "commitment");
        CHECK(cJSON_IsNull(c) || (cJSON_IsString(c) && c->valuestring[0]));
        s = string_item(o, "remedy");
        CHECK(f[i].remedy[0] ? s && !strcmp(s, f[i].remedy) : !s);
        CHECK(!cJSON_GetObjectItemCaseSensitive(o, "shortfall_days") ==
              !(f[i].fields & FINDING_SHORTFALL_DAYS));
        CHECK(!cJSON_GetObjectItemCaseSensitive(o, "days") == !(f[i].fields & FINDING_DAYS));
        CHECK(!cJSON_GetObjectItemCaseSensitive(o, "earliest_end_date") ==
              !(f[i].fields & FINDING_EARLIEST_END_DATE));
    }
    cJSON_Delete(root);
}

/* Check the decoded request against the rules with parameters resolved from request (and
 * compact, may be NULL). */
static void check_rules(const struct check_request *req, const struct param_set *compact,
                        date_t today)
{
    struct params p;
    struct finding f[RULES_MAX_FINDINGS];
    enum verdict overall, worst = VERDICT_MET;
    size_t n = RULES_MAX_FINDINGS + 1;
    struct buf b = BUF_INIT;
    int ret, last_rule = -1;

    params_resolve(&req->params, compact, &p);
    for (int i = 0; i < PARAM_COUNT; i++) {
        CHECK(p.source[i] < SOURCE_COUNT);
        if (req->params.set[i]) {
            CHECK(p.source[i] == SOURCE_REQUEST && p.value[i] == req->params.value[i]);
        }
    }
    ret = rules_check(&req->activity, &p, req->has_as_of ? req->as_of : today, f,
                      RULES_MAX_FINDINGS, &n, &overall);
    if (ret != 0) {
        CHECK(ret == ERR_INVALID && n == 0 && overall == VERDICT_UNKNOWN);
        return;
    }
    CHECK(n >= 1 && n <= RULES_MAX_FINDINGS);
    for (size_t i = 0; i < n; i++) {
        enum rule r;
        CHECK(f[i].rule && rule_parse(f[i].rule, &r) == 0);
        CHECK(rule_of_kind(f[i].rule, req->activity.kind));
        CHECK((int)r > last_rule); /* SPEC order, each rule once */
        last_rule = (int)r;
        CHECK((unsigned)f[i].verdict < VERDICT_COUNT);
        if (f[i].verdict > worst) {
            worst = f[i].verdict;
        }
        CHECK(f[i].param >= -1 && f[i].param < PARAM_COUNT);
        CHECK(memchr(f[i].explanation, '\0', sizeof(f[i].explanation)));
        CHECK(memchr(f[i].remedy, '\0', sizeof(f[i].remedy)));
        if (!one_sentence(f[i].explanation)) {
            fprintf(stderr, "%s: not one sentence: \"%s\"\n", f[i].rule, f[i].explanation);
        }
        CHECK(one_sentence(f[i].explanation));
        if (f[i].verdict == VERDICT_MET || f[i].verdict == VERDICT_JUSTIFIED) {
            CHECK(f[i].remedy[0] == '\0');
        } else if (f[i].remedy[0]) {
            CHECK(one_sentence(f[i].remedy));
        }
        if (f[i].fields & FINDING_SHORTFALL_DAYS) {
            CHECK(f[i].shortfall_days > 0);
        }
        if (f[i].fields & FINDING_EARLIEST_END_DATE) {
            CHECK(real_date(f[i].earliest_end_date));
        }
        if (f[i].fields & FINDING_LATEST_NOTICE_DATE) {
            CHECK(real_date(f[i].latest_notice_date));
        }
        if (f[i].fields & FINDING_EARLIEST_CLOSE_DATE) {
            CHECK(real_date(f[i].earliest_close_date));
        }
        if (f[i].fields & FINDING_FEEDBACK_DUE_DATE) {
            CHECK(real_date(f[i].feedback_due_date));
        }
    }
    CHECK(overall == worst);

    json_check_result(&b, &req->activity, &p, f, n, overall, NULL);
    check_encoded(&b, &req->activity, &p, f, n, overall);
    buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena arena;
    struct check_request req;
    const char *field = NULL, *why = NULL;
    /* A Compact with local parameters, some of which a request may override. */
    struct param_set compact = {{0}, {0}};
    int ret;

    compact.set[PARAM_CONSULTATION_WEEKS] = 1;
    compact.value[PARAM_CONSULTATION_WEEKS] = 8;
    compact.set[PARAM_NOTICE_MONTHS] = 1;
    compact.value[PARAM_NOTICE_MONTHS] = 6;
    compact.set[PARAM_MIN_TENDER_DAYS] = 1;
    compact.value[PARAM_MIN_TENDER_DAYS] = 30;

    arena_init(&arena);
    ret = json_check_request((const char *)data, size, &arena, &req, &field, &why);
    if (ret != 0) {
        CHECK(ret == ERR_INVALID);
        CHECK(field && field[0]);
        CHECK(why && why[0]);
    } else {
        date_t today = date_from_ymd(TODAY_Y, TODAY_M, TODAY_D);
        CHECK(!fuzz_json_text_bad(data, size));
        CHECK((unsigned)req.activity.kind < ACTIVITY_KIND_COUNT);
        CHECK(!req.compact_id || req.compact_id[0]);
        for (int i = 0; i < PARAM_COUNT; i++) {
            if (req.params.set[i]) {
                CHECK(req.params.value[i] >= 0 && req.params.value[i] <= PARAM_VALUE_MAX);
            }
        }
        check_rules(&req, NULL, today);
        check_rules(&req, &compact, today);
    }
    arena_release(&arena);
    return 0;
}

/* Decode, resolve parameters, apply the rules, encode. */
#include "check.h"

#include "codec/json_check.h"
#include "core/rules.h"
#include "base/err.h"
#include "base/banned.h"

int check_evaluate(struct store *st, const char *text, size_t len, date_t today,
                   struct arena *arena, struct buf *out, const char **field, const char **why)
{
    struct check_request req;
    struct param_set compact = {{0}, {0}};
    struct params p;
    struct finding findings[RULES_MAX_FINDINGS];
    enum verdict overall;
    size_t n;
    int ret;

    if ((ret = json_check_request(text, len, arena, &req, field, why)) < 0) {
        return ret;
    }
    if (req.compact_id) {
        ret = st ? store_compact_params(st, req.compact_id, &compact) : ERR_NOT_FOUND;
        if (ret == ERR_NOT_FOUND) {
            *field = "compact_id";
            *why = "names no Compact in the register";
            return ERR_INVALID;
        }
        if (ret < 0) {
            return ret;
        }
    }
    params_resolve(&req.params, &compact, &p);
    ret = rules_check(&req.activity, &p, req.has_as_of ? req.as_of : today, findings,
                      RULES_MAX_FINDINGS, &n, &overall);
    if (ret < 0) {
        *field = "activity";
        *why = "cannot be checked: a date it gives or leads to falls outside the years 1000 to "
               "9999";
        return ERR_INVALID;
    }
    if (st) {
        const char *numbers[RULE_COUNT], *paraphrases[RULE_COUNT];
        if ((ret = store_rule_numbers(st, arena, numbers, paraphrases)) < 0) {
            return ret;
        }
        json_check_result(out, &req.activity, &p, findings, n, overall, numbers);
        return 0;
    }
    json_check_result(out, &req.activity, &p, findings, n, overall, NULL);
    return 0;
}

/* POST /api/v1/checks: check an activity against the Compact without storing it. */
#include "handlers.h"
#include "app/check.h"
#include "base/err.h"
#include "base/banned.h"

int api_checks(struct request *r)
{
    const char *field, *why;
    int ret;

    if (!r->body_in) {
        return reply_problem(r, 400, "Invalid check", "The body must be a JSON object.", "body");
    }
    ret = check_evaluate(r->st, r->body_in, r->body_in_len, date_today(), r->arena, r->body, &field,
                         &why);
    if (ret == ERR_INVALID) {
        return reply_invalid(r, "Invalid check", field, why);
    }
    if (ret < 0) {
        return ret;
    }
    r->content_type = "application/json";
    return 0;
}

/* The case for signing up from the store: coverage on the day and every statutory signature. */
#include "signups_report.h"

#include <string.h>

#include "base/banned.h"

int signups_report(struct store *st, const struct coverage_query *q, struct arena *arena,
                   struct signups_report *out)
{
    struct authority *auth;
    struct coverage_compact *compacts;
    struct signup_signatory *s;
    size_t nauth, ncompacts, ns;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_coverage_load(st, q->set, arena, &auth, &nauth, &compacts, &ncompacts)) < 0 ||
        (ret = store_signup_signatories(st, 0, arena, &s, &ns)) < 0) {
        return ret;
    }
    coverage_compute(auth, nauth, q->set, compacts, ncompacts, q->as_of, arena, &out->cov);
    signups_compute(&out->cov, compacts, ncompacts, s, ns, arena, &out->su);
    return 0;
}

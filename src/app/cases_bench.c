/* Many complaints at once, for benchmarks. */
#include "cases_bench.h"

#include <string.h>

#include "base/err.h"
#include "base/banned.h"

/* xorshift32: the same cases for the same seed on every machine. */
static unsigned next(unsigned *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* The party ref names into *p. */
static int party(struct store *st, const char *ref, struct arena *arena,
                 struct store_complaint_party *p)
{
    struct organisation o;
    int ret = store_organisation_get(st, ref, arena, &o);

    if (ret == 0) {
        p->id = o.id;
        p->org_id = o.org_id;
        p->ref = o.org_id ? o.org_id : ref;
        p->name = o.name;
    }
    return ret == ERR_INVALID ? ERR_NOT_FOUND : ret;
}

/* Apply e to cc and store it as the next event of case id; a refusal skips it. */
static int step(struct store *st, const struct calendar *cal, long long id,
                struct complaint_case *cc, const struct complaint_params *params,
                struct complaint_event *e, date_t today)
{
    enum complaint_refusal why;

    if (e->date > today || complaint_apply(cc, e, params, cal, today, &why) < 0) {
        return 0;
    }
    return store_complaint_insert_event(st, id, (int)cc->nevents, e, cc, "cli");
}

int cases_generate(struct store *st, const struct calendar *cal, long long compact_id,
                   const char *complainant, const char *respondent, size_t n, unsigned seed,
                   date_t today, size_t *made)
{
    struct store_complaint c;
    struct complaint_params params;
    struct arena arena;
    unsigned s = seed ? seed : 1;
    int ret;

    *made = 0;
    memset(&c, 0, sizeof(c));
    arena_init(&arena);
    if ((ret = store_complaint_params(st, compact_id, &params)) < 0 ||
        (ret = party(st, complainant, &arena, &c.complainant)) < 0 ||
        (ret = party(st, respondent, &arena, &c.respondent)) < 0) {
        arena_release(&arena);
        return ret;
    }
    if ((ret = store_begin_bulk(st)) < 0) {
        arena_release(&arena);
        return ret;
    }
    c.compact_id = compact_id;
    c.title = "A generated complaint";
    c.summary = "Made for a benchmark.";
    for (size_t i = 0; i < n && ret == 0; i++) {
        struct complaint_case cc;
        struct complaint_event e = {.type = CEVENT_OPENED, .by = "cli"};
        enum complaint_refusal why;
        unsigned r = next(&s);
        long long id;

        c.opened_on = today - 1 - (date_t)(r % 3650);
        c.aware_on = c.opened_on - (date_t)(next(&s) % 60);
        c.rules[0] = (enum rule)(next(&s) % RULE_COUNT);
        c.nrules = 1;
        e.date = c.opened_on;
        e.to = (enum complaint_stage)(next(&s) % 3);
        complaint_init(&cc, c.aware_on);
        if (complaint_apply(&cc, &e, &params, cal, today, &why) < 0) {
            continue; /* outside the years the bank holidays are known */
        }
        if ((ret = store_complaint_insert(st, &c, &e, &cc, "cli", &id)) < 0) {
            break;
        }
        (*made)++;
        if (next(&s) % 10 < 7) { /* most are answered, some late */
            e = (struct complaint_event){.type = CEVENT_RESPONSE, .by = "cli"};
            e.date = cc.last_date + 3 + (date_t)(next(&s) % 30);
            ret = step(st, cal, id, &cc, &params, &e, today);
        }
        if (ret == 0 && next(&s) % 10 < 3) {
            e = (struct complaint_event){.type = CEVENT_ESCALATED, .by = "cli"};
            e.to = (enum complaint_stage)(complaint_current(&cc) + 1);
            e.date = cc.last_date + 1 + (date_t)(next(&s) % 20);
            ret = step(st, cal, id, &cc, &params, &e, today);
        }
        if (ret == 0 && next(&s) % 10 < 6) {
            e = (struct complaint_event){.type = CEVENT_CLOSED, .by = "cli"};
            e.outcome = (enum complaint_outcome)(next(&s) % OUTCOME_COUNT);
            e.causes[0] = c.rules[0];
            e.ncauses = 1;
            e.date = cc.last_date + 1 + (date_t)(next(&s) % 40);
            ret = step(st, cal, id, &cc, &params, &e, today);
            if (ret == 0 && next(&s) % 20 == 0) {
                e = (struct complaint_event){.type = CEVENT_REOPENED, .by = "cli"};
                e.date = cc.last_date + 5;
                ret = step(st, cal, id, &cc, &params, &e, today);
            }
        }
    }
    arena_release(&arena);
    if (ret == 0 && (ret = store_commit(st)) == 0) {
        return 0;
    }
    if (ret != 0) {
        store_rollback(st);
    }
    *made = 0;
    return ret;
}

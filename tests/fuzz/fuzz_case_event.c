/*
 * libFuzzer target for the event decoder of complaints (SPEC section 6): codec/json_complaint.h
 * and core/complaint.h behind it. The input is the JSON text of POST
 * /api/v1/complaints/{id}/events. json_case_event_new either refuses it, naming a field and saying
 * why (both non-empty, text that is not UTF-8 or holds \u0000 always refused), or decodes it: type
 * and date present, every string well-formed UTF-8, at most CASE_NAMES_MAX causes, none empty where
 * empty means none. A decoded event whose names parse is then applied to a case opened at informal
 * on Friday 2012-12-21 (and to the same case after a response, escalation and closing): either
 * taken, one more event, or refused with a known refusal naming a field and the case left byte for
 * byte as it was. The case is then encoded and must parse back as JSON with as many events as it
 * holds.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "codec/json_complaint.h"
#include "core/calendar.h"
#include "core/complaint.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "base/banned.h"

/* A small calendar of its own: the fuzz build has no data files. */
static const date_t *holidays(size_t *n)
{
    static date_t h[4];
    h[0] = date_from_ymd(2012, 12, 25);
    h[1] = date_from_ymd(2012, 12, 26);
    h[2] = date_from_ymd(2013, 1, 1);
    h[3] = date_from_ymd(2013, 3, 29);
    *n = 4;
    return h;
}

static int text_ok(const char *s)
{
    return !s || (utf8_check(s, strlen(s), NULL) == 0);
}

/* The decoded event as the core's, as the service reads it: 0, or -1 for a name it refuses. */
static int to_core(const struct case_event_new *in, struct complaint_event *e)
{
    enum complaint_refusal why;

    memset(e, 0, sizeof(*e));
    if (complaint_event_parse(in->type, &e->type) < 0 ||
        date_parse(in->date, strlen(in->date), &e->date) < 0) {
        return -1;
    }
    if (in->to && complaint_stage_parse(in->to, &e->to) < 0) {
        return -1;
    }
    if (in->ombudsman && complaint_ombudsman_parse(in->ombudsman, &e->ombudsman) < 0) {
        return -1;
    }
    if (in->outcome && complaint_outcome_parse(in->outcome, &e->outcome) < 0) {
        return -1;
    }
    if (complaint_rules_parse(in->causes, in->ncauses, CREFUSE_CAUSES, e->causes, &e->ncauses,
                              &why) < 0) {
        CHECK(why == CREFUSE_CAUSES && e->ncauses == 0);
        return -1;
    }
    e->note = in->note;
    e->remedy = in->remedy;
    e->by = "user:1";
    return 0;
}

static const struct complaint_params national; /* nothing set: the national defaults */

/* Apply e to c on today and check the answer. */
static void apply(struct complaint_case *c, struct complaint_event e, const struct calendar *cal,
                  date_t today)
{
    struct complaint_case before = *c;
    enum complaint_refusal why = CREFUSE_COUNT;
    int ret = complaint_apply(c, &e, &national, cal, today, &why);

    if (ret == 0) {
        CHECK(why == CREFUSE_NONE);
        CHECK(c->nevents == before.nevents + 1);
        CHECK(c->nruns >= 1 && c->nruns <= COMPLAINT_STAGES_MAX);
    } else {
        CHECK(ret == ERR_CONFLICT || ret == ERR_INVALID);
        CHECK(why > CREFUSE_NONE && why < CREFUSE_COUNT);
        CHECK(complaint_refusal_err(why) == ret);
        CHECK(complaint_refusal_field(why)[0] && complaint_refusal_message(why)[0]);
        CHECK(!memcmp(&before, c, sizeof(before)));
    }
}

/* The case c as read as of as_of, encoded, parses back with c's events. */
static void encode(const struct complaint_case *c, const struct complaint_event *ev, size_t n,
                   const struct calendar *cal, date_t as_of)
{
    static struct case_record r;
    struct case_event events[8];
    struct buf b = BUF_INIT;
    cJSON *root, *list;

    memset(&r, 0, sizeof(r));
    r.id = 1;
    r.compact_id = 1;
    r.complainant = (struct case_party){"GB-CHC-1", "Charity"};
    r.respondent = (struct case_party){"GB-LAE-X", "Council"};
    r.title = "t";
    r.aware_on = c->aware_on;
    r.opened_on = c->opened_on;
    r.c = *c;
    r.as_of = as_of;
    for (size_t i = 0; i < n && i < 8; i++) {
        memset(&events[i], 0, sizeof(events[i]));
        events[i].n = (int)i + 1;
        events[i].e = ev[i];
        events[i].by_name = "Someone";
    }
    r.events = events;
    r.nevents = n < 8 ? n : 8;
    for (size_t i = 0; i < c->nruns; i++) {
        complaint_run_state(cal, &c->runs[i], as_of, &r.states[i]);
    }
    r.ombudsman_deadline = complaint_ombudsman_deadline(c->aware_on);
    r.window = complaint_window(c, as_of);
    json_case(&b, &r);
    CHECK(!buf_failed(&b));
    root = cJSON_ParseWithLength(b.data, b.len);
    CHECK(root);
    list = cJSON_GetObjectItemCaseSensitive(root, "events");
    CHECK(cJSON_IsArray(list) && (size_t)cJSON_GetArraySize(list) == c->nevents);
    list = cJSON_GetObjectItemCaseSensitive(root, "stages");
    CHECK(cJSON_IsArray(list) && (size_t)cJSON_GetArraySize(list) == c->nruns);
    cJSON_Delete(root);
    buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena arena;
    struct case_event_new in;
    const char *field = NULL, *why = NULL;
    struct calendar cal;
    int ret;

    cal.holidays = holidays(&cal.n);
    cal.first = date_from_ymd(2012, 1, 1);
    cal.last = date_from_ymd(2014, 12, 31);

    arena_init(&arena);
    ret = json_case_event_new((const char *)data, size, &arena, &in, &field, &why);
    if (ret != 0) {
        CHECK(ret == ERR_INVALID);
        CHECK(field && field[0]);
        CHECK(why && why[0]);
        CHECK(!in.type && !in.date);
    } else {
        struct complaint_event history[4], e;
        struct complaint_case open, closed;
        date_t today = date_from_ymd(2013, 6, 3);
        enum complaint_refusal refusal;

        CHECK(!fuzz_json_text_bad(data, size));
        CHECK(in.type && in.date);
        CHECK(text_ok(in.type) && text_ok(in.date) && text_ok(in.note) && text_ok(in.to) &&
              text_ok(in.ombudsman) && text_ok(in.outcome) && text_ok(in.remedy));
        CHECK(!in.note || in.note[0]);
        CHECK(!in.remedy || in.remedy[0]);
        CHECK(in.ncauses <= CASE_NAMES_MAX && (in.ncauses == 0 || in.causes));
        for (size_t i = 0; i < in.ncauses; i++) {
            CHECK(in.causes[i] && text_ok(in.causes[i]));
        }

        /* an open case at informal, and one taken to formal and closed */
        memset(history, 0, sizeof(history));
        history[0].type = CEVENT_OPENED;
        history[0].date = date_from_ymd(2012, 12, 21);
        history[0].to = STAGE_INFORMAL;
        history[1].type = CEVENT_RESPONSE;
        history[1].date = date_from_ymd(2013, 1, 7);
        history[2].type = CEVENT_ESCALATED;
        history[2].date = date_from_ymd(2013, 1, 14);
        history[2].to = STAGE_FORMAL;
        history[3].type = CEVENT_CLOSED;
        history[3].date = date_from_ymd(2013, 2, 1);
        history[3].outcome = OUTCOME_UPHELD;
        complaint_init(&open, date_from_ymd(2012, 11, 20));
        complaint_init(&closed, date_from_ymd(2012, 11, 20));
        for (size_t i = 0; i < 4; i++) {
            CHECK(complaint_apply(&closed, &history[i], &national, &cal, today, &refusal) == 0);
        }
        CHECK(complaint_apply(&open, &history[0], &national, &cal, today, &refusal) == 0);
        if (to_core(&in, &e) == 0) {
            struct complaint_event after[5];
            memcpy(after, history, sizeof(history));
            after[1] = e;
            apply(&open, e, &cal, today);
            encode(&open, after, open.nevents, &cal, today);
            after[1] = history[1];
            after[4] = e;
            apply(&closed, e, &cal, today);
            encode(&closed, after, closed.nevents, &cal, today);
        }
    }
    arena_release(&arena);
    return 0;
}

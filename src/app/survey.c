/* The annual survey for the person asking: rounds, codes, answers, imports, results, export. */
#include "survey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actor.h"
#include "policy.h"
#include "codec/csv.h"
#include "core/coverage.h"
#include "core/suppress.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* The earliest and latest year a round may have. */
#define YEAR_MIN 2000
#define YEAR_MAX 2100

static void round_info(const struct survey_round_row *r, const struct survey_question *qs,
                       size_t nq, struct survey_round_info *out)
{
    out->id = r->id;
    out->year = r->year;
    out->opens_on = r->opens_on;
    out->closes_on = r->closes_on;
    out->questions = qs;
    out->nquestions = nq;
}

/* The round of year with its questions, or ERR_NOT_FOUND with refused (may be NULL) naming
 * "year". */
static int round_of(struct store *st, int year, struct arena *arena, struct survey_round_info *out,
                    struct survey_refusal *refused)
{
    struct survey_round_row r;
    struct survey_question *qs;
    size_t nq;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_survey_round_get(st, year, arena, &r, &qs, &nq)) < 0) {
        if (ret == ERR_NOT_FOUND && refused) {
            survey_refuse(refused, SREFUSE_NONE, "year", "There is no %d survey", year);
        }
        return ret;
    }
    round_info(&r, qs, nq, out);
    return 0;
}

/* ---- rounds ---- */

int survey_round_create(struct store *st, const struct user *u, int year, const char *opens_on,
                        const char *closes_on, long long *id, struct survey_refusal *refused)
{
    char actor[ACTOR_MAX];
    date_t opens, closes;
    int ret;

    *id = 0;
    memset(refused, 0, sizeof(*refused));
    if ((ret = policy_survey_manage(u)) < 0) {
        survey_refuse(refused, SREFUSE_NONE, "", "Only an admin may make a round of the survey");
        return ret;
    }
    if (year < YEAR_MIN || year > YEAR_MAX) {
        return survey_refuse(refused, SREFUSE_NONE, "year", "The year must be from %d to %d",
                             YEAR_MIN, YEAR_MAX);
    }
    if (!opens_on || date_parse(opens_on, strlen(opens_on), &opens) < 0) {
        return survey_refuse(refused, SREFUSE_NONE, "opens_on",
                             "The day the survey opens must be a date, YYYY-MM-DD");
    }
    if (!closes_on || date_parse(closes_on, strlen(closes_on), &closes) < 0) {
        return survey_refuse(refused, SREFUSE_NONE, "closes_on",
                             "The day the survey closes must be a date, YYYY-MM-DD");
    }
    if (closes < opens) {
        return survey_refuse(refused, SREFUSE_NONE, "closes_on",
                             "The day the survey closes must be on or after the day it opens");
    }
    ret = store_survey_round_add(st, year, opens, closes, actor_name(u, actor), id);
    if (ret == ERR_CONFLICT) {
        survey_refuse(refused, SREFUSE_NONE, "year", "There is a %d survey already", year);
    }
    return ret;
}

int survey_round_read(struct store *st, int year, struct arena *arena,
                      struct survey_round_info *out)
{
    return round_of(st, year, arena, out, NULL);
}

int survey_round_list(struct store *st, struct arena *arena, struct survey_round_info **out,
                      size_t *n)
{
    struct survey_round_row *rows;
    int ret;

    *out = NULL;
    *n = 0;
    if ((ret = store_survey_round_list(st, arena, &rows, n)) < 0) {
        return ret;
    }
    *out = arena_alloc(arena, (*n ? *n : 1) * sizeof(**out));
    for (size_t i = 0; i < *n; i++) {
        round_info(&rows[i], NULL, 0, &(*out)[i]);
    }
    return 0;
}

/* ---- codes ---- */

int survey_codes_make(struct store *st, const struct user *u, const unsigned char key[SECRET_BYTES],
                      int year, long long compact_id, size_t count, struct arena *arena,
                      const char ***codes, struct survey_refusal *refused)
{
    struct survey_round_info round;
    unsigned char(*hashes)[SECRET_HASH_BYTES] = NULL;
    char actor[ACTOR_MAX], typed[SURVEY_CODE_LEN + 1];
    const char *name, **out;
    int ret;

    *codes = NULL;
    memset(refused, 0, sizeof(*refused));
    if ((ret = round_of(st, year, arena, &round, refused)) < 0) {
        return ret;
    }
    if ((ret = store_compact_name(st, compact_id, arena, &name)) < 0) {
        if (ret == ERR_NOT_FOUND) {
            survey_refuse(refused, SREFUSE_NONE, "compact_id", "There is no Compact %lld",
                          compact_id);
        }
        return ret;
    }
    if ((ret = policy_survey_codes(st, u, compact_id)) < 0) {
        survey_refuse(refused, SREFUSE_NONE, "compact_id", "%s", policy_survey_codes_rule);
        return ret;
    }
    if (count < 1 || count > SURVEY_CODES_MAX) {
        return survey_refuse(refused, SREFUSE_NONE, "count", "Make from 1 to %d codes at a time",
                             SURVEY_CODES_MAX);
    }
    out = arena_alloc(arena, count * sizeof(*out));
    hashes = xcalloc(count, sizeof(*hashes));
    for (size_t i = 0; i < count; i++) {
        char *code = arena_alloc(arena, SURVEY_CODE_TEXT);
        survey_code_new(code);
        (void)survey_code_normalise(code, typed); /* a code just made always reads */
        secret_hash(key, SURVEY_CODE_CONTEXT, typed, hashes[i]);
        out[i] = code;
    }
    ret = store_survey_codes_add(st, round.id, year, compact_id,
                                 (const unsigned char(*)[SECRET_HASH_BYTES])hashes, count,
                                 actor_name(u, actor));
    free(hashes);
    if (ret == 0) {
        *codes = out;
    }
    return ret;
}

void survey_code_link(struct buf *out, const char *base_url, int year, const char *code)
{
    buf_addf(out, "%s/surveys/%d/respond?code=", base_url ? base_url : "", year);
    buf_add_url(out, code);
}

/* The code typed (any case, with or without hyphens) of round round_id: its row. */
static int code_find(struct store *st, const unsigned char key[SECRET_BYTES], long long round_id,
                     const char *code, long long *code_id, long long *compact_id, int *used)
{
    char typed[SURVEY_CODE_LEN + 1];
    unsigned char hash[SECRET_HASH_BYTES];

    *code_id = *compact_id = 0;
    *used = 0;
    if (survey_code_normalise(code, typed) < 0) {
        return ERR_NOT_FOUND;
    }
    secret_hash(key, SURVEY_CODE_CONTEXT, typed, hash);
    return store_survey_code_find(st, round_id, hash, code_id, compact_id, used);
}

int survey_code_check(struct store *st, const unsigned char key[SECRET_BYTES], int year,
                      const char *code, long long *compact_id)
{
    struct survey_round_row r;
    struct arena arena;
    long long code_id, compact = 0;
    int used = 0, ret;

    arena_init(&arena);
    ret = store_survey_round_get(st, year, &arena, &r, NULL, NULL);
    arena_release(&arena);
    if (ret == 0 && (ret = code_find(st, key, r.id, code, &code_id, &compact, &used)) == 0 &&
        used) {
        ret = ERR_CONFLICT;
    }
    if (compact_id) {
        *compact_id = ret == 0 || ret == ERR_CONFLICT ? compact : 0;
    }
    return ret;
}

/* ---- answering ---- */

/* Whether today is within the round's dates: 0, or ERR_FORBIDDEN saying when it opens or that
 * it closed. */
static int round_open(const struct survey_round_info *r, date_t today,
                      struct survey_refusal *refused)
{
    char day[DATE_LONG_MAX + 1];

    if (today < r->opens_on) {
        date_format_long(r->opens_on, day);
        survey_refuse(refused, SREFUSE_NONE, "year", "The %d survey opens on %s", r->year, day);
        return ERR_FORBIDDEN;
    }
    if (today > r->closes_on) {
        date_format_long(r->closes_on, day);
        survey_refuse(refused, SREFUSE_NONE, "year", "The %d survey closed on %s", r->year, day);
        return ERR_FORBIDDEN;
    }
    return 0;
}

/* The code typed, looked up before anything else: ERR_NOT_FOUND or ERR_CONFLICT (used) naming
 * "code"; 0 with *code_id and *compact. */
static int answer_code(struct store *st, const unsigned char key[SECRET_BYTES],
                       const struct survey_round_info *round, const char *code, long long *code_id,
                       long long *compact, struct survey_refusal *refused)
{
    int used = 0, ret = code_find(st, key, round->id, code, code_id, compact, &used);

    if (ret == ERR_NOT_FOUND) {
        survey_refuse(refused, SREFUSE_NONE, "code",
                      "This invitation code is not one of the %d survey's", round->year);
    } else if (ret == 0 && used) {
        survey_refuse(refused, SREFUSE_NONE, "code", "This invitation code has been used");
        ret = ERR_CONFLICT;
    }
    return ret;
}

/* Who may give response r (with code_id, of Compact code_compact, when not 0), and the person it
 * marks as having answered into *respondent (0: none). */
static int answer_who(struct store *st, const struct user *u, long long code_id,
                      long long code_compact, const struct survey_response *r,
                      long long *respondent, struct survey_refusal *refused)
{
    int ret;

    *respondent = 0;
    if (code_id) {
        if (r->questionnaire != SURVEY_GENERAL) {
            survey_refuse(refused, SREFUSE_NONE, "code",
                          "Invitation codes are for the general survey");
            return ERR_FORBIDDEN;
        }
        if (r->compact_id != code_compact) {
            return survey_refuse(refused, SREFUSE_NONE, "compact_id",
                                 "This invitation code is for another Compact");
        }
        return 0;
    }
    if (r->questionnaire == SURVEY_BENCHMARK) {
        if ((ret = policy_survey_benchmark(st, u, r->compact_id)) < 0) {
            survey_refuse(refused, SREFUSE_NONE, "compact_id", "%s", policy_survey_benchmark_rule);
        }
        return ret;
    }
    if ((ret = policy_survey_general(u)) < 0) {
        survey_refuse(refused, SREFUSE_NONE, "code",
                      "Sign in or use your invitation code to answer the survey");
        return ret;
    }
    *respondent = u ? u->id : 0;
    return 0;
}

int survey_answer(struct store *st, const struct user *u, const unsigned char key[SECRET_BYTES],
                  int year, const struct survey_response_in *in, const char *code, date_t today,
                  long long *response_id, struct survey_refusal *refused)
{
    struct survey_round_info round;
    struct survey_response_in given = *in;
    struct survey_response r;
    struct store_survey_batch *b = NULL;
    struct arena arena;
    const char *name;
    long long code_id = 0, respondent, compact = 0;
    int ret;

    if (response_id) {
        *response_id = 0;
    }
    memset(refused, 0, sizeof(*refused));
    arena_init(&arena);
    if ((ret = round_of(st, year, &arena, &round, refused)) < 0 ||
        (ret = round_open(&round, today, refused)) < 0) {
        goto cleanup;
    }
    if (code && code[0]) {
        if ((ret = answer_code(st, key, &round, code, &code_id, &compact, refused)) < 0) {
            goto cleanup;
        }
        if (given.compact_id == 0) { /* with a code and no Compact, the code's */
            given.compact_id = compact;
        }
    }
    if ((ret = survey_check(round.questions, round.nquestions, &given, &r, refused)) < 0) {
        goto cleanup;
    }
    if ((ret = store_compact_name(st, r.compact_id, &arena, &name)) < 0) {
        if (ret == ERR_NOT_FOUND) {
            ret = survey_refuse(refused, SREFUSE_NONE, "compact_id", "There is no Compact %lld",
                                r.compact_id);
        }
        goto cleanup;
    }
    if ((ret = answer_who(st, u, code_id, compact, &r, &respondent, refused)) < 0) {
        goto cleanup;
    }
    if ((ret = store_survey_batch_begin(st, round.id, round.questions, round.nquestions, &b)) < 0) {
        goto cleanup;
    }
    if (code_id && (ret = store_survey_batch_use_code(b, code_id)) == ERR_CONFLICT) {
        survey_refuse(refused, SREFUSE_NONE, "code", "This invitation code has been used");
    } else if (ret == 0 && respondent &&
               (ret = store_survey_batch_respondent(b, respondent)) == ERR_CONFLICT) {
        survey_refuse(refused, SREFUSE_NONE, "", "You have answered the %d survey already", year);
    }
    if (ret == 0) {
        ret = store_survey_batch_add(b, &r, response_id);
    }
    ret = store_survey_batch_end(b, ret, NULL);
    if (ret < 0 && response_id) {
        *response_id = 0;
    }
cleanup:
    arena_release(&arena);
    return ret;
}

/* ---- import ---- */

/* The fixed columns of an import, before one a question. */
static const char *const import_fixed[] = {"questionnaire", "sector", "body_type", "compact_id"};
#define IMPORT_FIXED 4

/* Compacts known to exist (or not), so that each is looked up once. */
#define KNOWN_SLOTS 4096

struct import {
    struct store *st;
    const struct survey_round_info *round;
    int writing; /* the second pass: store each line */
    int header_seen;
    struct store_survey_batch *batch;
    int column[SURVEY_QUESTIONS_MAX]; /* the field of each question, or -1 */
    int fixed[IMPORT_FIXED];          /* the field of each fixed column, or -1 */
    long long known[KNOWN_SLOTS];     /* +id exists, -id does not; 0 empty */
    struct survey_import_error *errors;
    size_t nerrors, lines;
    int fatal; /* an error of the database */
};

static int import_error(struct import *im, long line, const struct survey_refusal *r)
{
    if (im->nerrors == SURVEY_IMPORT_ERRORS_MAX) {
        return 1; /* enough to be going on with: stop */
    }
    im->errors[im->nerrors].line = line;
    im->errors[im->nerrors++].refusal = *r;
    return 0;
}

/* Whether Compact id exists: 0, ERR_NOT_FOUND or another enum err. */
static int import_compact(struct import *im, long long id)
{
    size_t h = (size_t)((unsigned long long)id * 2654435761u) % KNOWN_SLOTS;
    struct arena arena;
    const char *name;
    int ret;

    for (size_t k = 0; k < KNOWN_SLOTS; k++, h = (h + 1) % KNOWN_SLOTS) {
        if (im->known[h] == id) {
            return 0;
        }
        if (im->known[h] == -id) {
            return ERR_NOT_FOUND;
        }
        if (im->known[h] == 0) {
            break;
        }
    }
    arena_init(&arena);
    ret = store_compact_name(im->st, id, &arena, &name);
    arena_release(&arena);
    if ((ret == 0 || ret == ERR_NOT_FOUND) && im->known[h] == 0) {
        im->known[h] = ret == 0 ? id : -id;
    }
    return ret;
}

static int import_header(struct import *im, const struct csv_row *row)
{
    struct survey_refusal r;
    const struct survey_round_info *round = im->round;

    for (size_t i = 0; i < IMPORT_FIXED; i++) {
        if ((im->fixed[i] = csv_column(row, import_fixed[i])) < 0) {
            survey_refuse(&r, SREFUSE_NONE, import_fixed[i],
                          "The first line must name the "
                          "columns questionnaire, sector, body_type and compact_id");
            import_error(im, row->line, &r);
            return 1;
        }
    }
    for (size_t i = 0; i < round->nquestions; i++) {
        im->column[i] = csv_column(row, round->questions[i].key);
    }
    for (size_t f = 0; f < row->n; f++) {
        int known = 0;
        for (size_t i = 0; i < IMPORT_FIXED; i++) {
            known |= strcmp(row->fields[f], import_fixed[i]) == 0;
        }
        for (size_t i = 0; i < round->nquestions; i++) {
            known |= im->column[i] == (int)f;
        }
        for (size_t g = 0; g < f; g++) {
            known &= strcmp(row->fields[g], row->fields[f]) != 0;
        }
        if (!known) {
            survey_refuse(&r, SREFUSE_UNKNOWN_QUESTION, "",
                          "Column '%.40s' is not a question "
                          "of the %d survey, or is there twice",
                          row->fields[f], round->year);
            import_error(im, row->line, &r);
            return 1;
        }
    }
    return 0;
}

/* A whole number of a field: 0 and *out, or ERR_INVALID. */
static int field_id(const char *s, long long *out)
{
    char *end;
    long long v;

    *out = 0;
    if (!s[0] || s[0] == '-' || s[0] == '+' || s[0] == ' ') {
        return ERR_INVALID;
    }
    v = strtoll(s, &end, 10);
    if (*end || v <= 0) {
        return ERR_INVALID;
    }
    *out = v;
    return 0;
}

static int import_line(const struct csv_row *row, void *ctx)
{
    struct import *im = ctx;
    const struct survey_round_info *round = im->round;
    struct survey_answer_in answers[SURVEY_QUESTIONS_MAX];
    const char *values[SURVEY_QUESTIONS_MAX][SURVEY_OPTIONS_MAX + 1];
    char split[SURVEY_QUESTIONS_MAX][SURVEY_OPTIONS_MAX * (SURVEY_KEY_MAX + 1) + 1];
    struct survey_response_in in = {.answers = answers};
    struct survey_response r;
    struct survey_refusal refused;
    int ret;

    if (!im->header_seen) { /* the first record */
        im->header_seen = 1;
        return im->writing ? 0 : import_header(im, row);
    }
    im->lines++;
    in.questionnaire = row->fields[im->fixed[0]];
    in.sector = row->fields[im->fixed[1]];
    in.body_type = row->fields[im->fixed[2]];
    if (field_id(row->fields[im->fixed[3]], &in.compact_id) < 0 && row->fields[im->fixed[3]][0]) {
        survey_refuse(&refused, SREFUSE_COMPACT, "compact_id",
                      "The Compact must be its number, not '%.40s'", row->fields[im->fixed[3]]);
        return import_error(im, row->line, &refused);
    }
    for (size_t i = 0; i < round->nquestions; i++) {
        const struct survey_question *q = &round->questions[i];
        const char *v;
        struct survey_answer_in *a = &answers[in.nanswers];

        if (im->column[i] < 0 || !(v = row->fields[im->column[i]])[0]) {
            continue;
        }
        a->key = q->key;
        a->values = values[i];
        if (!survey_type_multi(q->type) || strlen(v) >= sizeof(split[i])) {
            values[i][0] = v; /* one, or too long to be options: refused as one */
            a->nvalues = 1;
        } else {
            char *p = split[i];
            memcpy(p, v, strlen(v) + 1);
            a->nvalues = 0;
            while (a->nvalues <= SURVEY_OPTIONS_MAX) {
                size_t len = strcspn(p, ";");
                values[i][a->nvalues++] = p;
                if (!p[len]) {
                    break;
                }
                p[len] = '\0';
                p += len + 1;
            }
        }
        in.nanswers++;
    }
    if (survey_check(round->questions, round->nquestions, &in, &r, &refused) < 0) {
        return import_error(im, row->line, &refused);
    }
    if ((ret = import_compact(im, r.compact_id)) == ERR_NOT_FOUND) {
        survey_refuse(&refused, SREFUSE_NONE, "compact_id", "There is no Compact %lld",
                      r.compact_id);
        return import_error(im, row->line, &refused);
    }
    if (ret == 0 && im->writing) {
        ret = store_survey_batch_add(im->batch, &r, NULL);
    }
    if (ret < 0) {
        im->fatal = ret;
        return 1;
    }
    return 0;
}

int survey_import_csv(struct store *st, const struct user *u, int year, const char *data,
                      size_t len, struct arena *arena, size_t *imported,
                      struct survey_import_error **errors, size_t *nerrors)
{
    struct survey_round_info round;
    struct survey_refusal refused;
    struct import *im;
    struct buf err = BUF_INIT;
    char actor[ACTOR_MAX];
    int ret;

    *imported = 0;
    *errors = NULL;
    *nerrors = 0;
    if ((ret = policy_survey_manage(u)) < 0 ||
        (ret = round_of(st, year, arena, &round, NULL)) < 0) {
        return ret;
    }
    im = xcalloc(1, sizeof(*im));
    im->st = st;
    im->round = &round;

    im->errors = arena_alloc(arena, SURVEY_IMPORT_ERRORS_MAX * sizeof(*im->errors));
    /* first every line checked, nothing written; then, when all are good, written */
    ret = csv_read(data, len, import_line, im, &err);
    if (ret == ERR_INVALID || ret == ERR_TOO_BIG) {
        const char *colon = strchr(err.data, ':');
        long line = strncmp(err.data, "line ", 5) == 0 ? strtol(err.data + 5, NULL, 10) : 0;
        survey_refuse(&refused, SREFUSE_NONE, "", "%s", colon ? colon + 2 : err.data);
        import_error(im, line > 0 ? line : 1, &refused);
    }
    if (!im->nerrors && !im->fatal && !im->header_seen) {
        survey_refuse(&refused, SREFUSE_NONE, "", "The file is empty");
        import_error(im, 1, &refused);
    }
    if (im->fatal) {
        ret = im->fatal;
    } else if (im->nerrors) {
        ret = ERR_INVALID;
    } else if ((ret = store_survey_batch_begin(st, round.id, round.questions, round.nquestions,
                                               &im->batch)) == 0) {
        im->writing = 1;
        im->header_seen = 0;
        im->lines = 0;
        ret = csv_read(data, len, import_line, im, &err);
        if (im->fatal) {
            ret = im->fatal;
        } else if (im->nerrors) { /* the database changed between the passes */
            ret = ERR_INVALID;
        }
        ret = store_survey_batch_end(im->batch, ret, actor_name(u, actor));
    }
    if (ret == 0) {
        *imported = im->lines;
    } else if (ret == ERR_INVALID) {
        *errors = im->errors;
        *nerrors = im->nerrors;
    }
    buf_release(&err);
    free(im);
    return ret;
}

/* ---- counts, results ---- */

int survey_counts(struct store *st, const struct user *u, int year, struct arena *arena,
                  struct survey_compact_count **out, size_t *n)
{
    struct survey_round_row r;
    int ret;

    *out = NULL;
    *n = 0;
    if ((ret = policy_survey_manage(u)) < 0 ||
        (ret = store_survey_round_get(st, year, arena, &r, NULL, NULL)) < 0) {
        return ret;
    }
    return store_survey_compact_counts(st, r.id, arena, out, n);
}

static int cover_cmp(const void *a, const void *b)
{
    const struct survey_cover *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->compact_id > y->compact_id) - (x->compact_id < y->compact_id);
}

/* The coverage of round r: the Compacts active on closes_on, and of them how many have a
 * general answer and a benchmark answer; for the map, the authorities' coverage on closes_on
 * (core/coverage.h's, as the coverage page has it) and each active Compact's answers. */
static int coverage_of(struct store *st, struct arena *arena, struct survey_results *out)
{
    struct authority *auth;
    struct coverage_compact *compacts;
    struct survey_compact_count *counts;
    size_t nauth, ncompacts, ncounts, k = 0;
    int ret;

    if ((ret = store_coverage_load(st, AUTH_SET_CURRENT, arena, &auth, &nauth, &compacts,
                                   &ncompacts)) < 0 ||
        (ret = store_survey_compact_counts(st, out->round.id, arena, &counts, &ncounts)) < 0) {
        return ret;
    }
    coverage_compute(auth, nauth, AUTH_SET_CURRENT, compacts, ncompacts, out->round.closes_on,
                     arena, &out->coverage);
    out->compacts = arena_alloc(arena, (ncompacts + 1) * sizeof(*out->compacts));
    for (size_t i = 0; i < ncompacts; i++) { /* by id */
        struct survey_cover *c;
        if (compact_status_on(compacts[i].statuses, compacts[i].nstatuses, out->round.closes_on) !=
            COMPACT_ACTIVE) {
            continue;
        }
        c = &out->compacts[out->active_compacts++];
        *c = (struct survey_cover){compacts[i].id, compacts[i].name, 0, 0};
        for (k = 0; k < ncounts && counts[k].compact_id != compacts[i].id; k++) {
        }
        if (k < ncounts) {
            c->general = counts[k].general > 0;
            c->benchmark = counts[k].benchmark != 0;
            out->with_general += (size_t)c->general;
            out->with_benchmark += (size_t)c->benchmark;
        }
    }
    qsort(out->compacts, out->active_compacts, sizeof(*out->compacts), cover_cmp);
    return 0;
}

int survey_results_read(struct store *st, int year, struct arena *arena, struct survey_results *out)
{
    struct survey_question_result *all;
    struct survey_tally *t;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = round_of(st, year, arena, &out->round, NULL)) < 0) {
        return ret;
    }
    t = arena_alloc(arena, sizeof(*t));
    if ((ret = store_survey_tally(st, out->round.id, out->round.questions, out->round.nquestions,
                                  t)) < 0 ||
        (ret = coverage_of(st, arena, out)) < 0) {
        memset(out, 0, sizeof(*out));
        return ret;
    }
    for (size_t k = 0; k < SURVEY_QUESTIONNAIRE_COUNT; k++) {
        long long n = t->responses[k][SURVEY_ALL];
        out->responses[k] = (struct survey_count){n, suppress_count((size_t)(n > 0 ? n : 0))};
    }
    all = arena_alloc(arena, (out->round.nquestions + 1) * sizeof(*all));
    survey_results(out->round.questions, out->round.nquestions, t, all);
    out->questions = all;
    for (size_t i = 0; i < out->round.nquestions; i++) {
        if (out->round.questions[i].type != SQ_TEXT) {
            all[out->nquestions++] = all[i]; /* in place: never ahead of i */
        }
    }
    return 0;
}

int survey_year_on_year(struct store *st, const struct survey_results *r, struct arena *arena,
                        struct survey_change **changes, int *before_year)
{
    struct survey_results before;
    struct survey_change *c;
    int ret;

    *changes = NULL;
    if ((ret = store_survey_round_before(st, r->round.year, before_year)) < 0 ||
        (ret = survey_results_read(st, *before_year, arena, &before)) < 0) {
        *before_year = 0;
        return ret;
    }
    c = arena_alloc(arena, (r->nquestions + 1) * sizeof(*c));
    for (size_t i = 0; i < r->nquestions; i++) {
        survey_compare(&r->questions[i], before.questions, before.nquestions, &c[i]);
    }
    *changes = c;
    return 0;
}

int survey_headline_of(const struct survey_results *r, struct buf *out)
{
    for (size_t i = 0; i < r->nquestions; i++) {
        if (strcmp(r->questions[i].q->key, SURVEY_HEADLINE_KEY) == 0) {
            return survey_headline(r->round.year, &r->questions[i], out);
        }
    }
    return ERR_NOT_FOUND;
}

/* ---- recount and export ---- */

struct recount {
    const struct survey_round_info *round;
    struct survey_tally *t;
};

static int recount_one(const struct survey_stored *s, void *ctx)
{
    struct recount *rc = ctx;
    struct survey_response r;

    if (survey_response_from_stored(rc->round->questions, rc->round->nquestions, s->questionnaire,
                                    s->sector, s->body_type, s->compact_id, s->values, &r) < 0) {
        return ERR_DB; /* not written by this program */
    }
    survey_tally_add(rc->t, &r, 1);
    return 0;
}

int survey_recount(struct store *st, int year, struct survey_tally *out)
{
    struct survey_round_info round;
    struct arena arena;
    struct recount rc = {&round, out};
    int ret;

    survey_tally_init(out, 0);
    arena_init(&arena);
    if ((ret = round_of(st, year, &arena, &round, NULL)) == 0) {
        survey_tally_init(out, round.nquestions);
        ret = store_survey_each(st, round.id, round.questions, round.nquestions, recount_one, &rc);
    }
    arena_release(&arena);
    return ret;
}

struct export
{
    const struct survey_round_info *round;
    char **lines;
    size_t n, cap;
    int failed;
};

static int export_one(const struct survey_stored *s, void *ctx)
{
    struct export *ex = ctx;
    const char *fields[IMPORT_FIXED + SURVEY_QUESTIONS_MAX];
    char id[24];
    struct buf line = BUF_INIT;
    size_t n = 0;

    if (snprintf(id, sizeof(id), "%lld", s->compact_id) >= (int)sizeof(id)) {
        return ERR_DB;
    }
    fields[n++] = survey_questionnaire_id(s->questionnaire);
    fields[n++] = s->sector;
    fields[n++] = s->body_type ? s->body_type : "";
    fields[n++] = id;
    for (size_t i = 0; i < ex->round->nquestions; i++) {
        fields[n++] = s->values[i] ? s->values[i] : "";
    }
    csv_record(&line, fields, n);
    if (buf_failed(&line)) {
        buf_release(&line);
        return ERR_TOO_BIG;
    }
    if (ex->n == ex->cap) {
        ex->cap = ex->cap ? 2 * ex->cap : 1024;
        ex->lines = xrealloc(ex->lines, st_mult(ex->cap, sizeof(*ex->lines)));
    }
    ex->lines[ex->n++] = buf_detach(&line, NULL);
    return 0;
}

static int line_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int survey_export_csv(struct store *st, const struct user *u, int year, struct buf *out)
{
    struct survey_round_info round;
    struct export ex = {&round, NULL, 0, 0, 0};
    const char *header[IMPORT_FIXED + SURVEY_QUESTIONS_MAX];
    struct arena arena;
    size_t n = 0;
    int ret;

    if ((ret = policy_survey_manage(u)) < 0) {
        return ret;
    }
    arena_init(&arena);
    if ((ret = round_of(st, year, &arena, &round, NULL)) < 0 ||
        (ret = store_survey_each(st, round.id, round.questions, round.nquestions, export_one,
                                 &ex)) < 0) {
        goto cleanup;
    }
    for (size_t i = 0; i < IMPORT_FIXED; i++) {
        header[n++] = import_fixed[i];
    }
    for (size_t i = 0; i < round.nquestions; i++) {
        header[n++] = round.questions[i].key;
    }
    csv_record(out, header, n);
    /* by content, so the order tells nothing of when each came */
    qsort(ex.lines, ex.n, sizeof(*ex.lines), line_cmp);
    for (size_t i = 0; i < ex.n; i++) {
        buf_adds(out, ex.lines[i]);
    }
    ret = buf_failed(out) ? ERR_TOO_BIG : 0;
cleanup:
    for (size_t i = 0; i < ex.n; i++) {
        free(ex.lines[i]);
    }
    free(ex.lines);
    arena_release(&arena);
    return ret;
}

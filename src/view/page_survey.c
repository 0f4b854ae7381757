/* The annual survey's pages (view/page_survey.h). */
#include "page_survey.h"

#include <string.h>

#include "chart.h"
#include "components.h"
#include "hexmap.h"
#include "html.h"
#include "base/banned.h"

static const char *const step_ids[SSTEP_COUNT] = {"about", "views", "more", "check"};
static const char *const step_titles[SSTEP_COUNT] = {"About you", "Your views of the Compact",
                                                     "What would help", "Check your answers"};

const char *survey_step_id(enum survey_step s)
{
    return (unsigned)s < SSTEP_COUNT ? step_ids[s] : "";
}

int survey_step_parse(const char *s)
{
    for (int i = 0; s && i < SSTEP_COUNT; i++) {
        if (!strcmp(s, step_ids[i])) {
            return i;
        }
    }
    return -1;
}

enum survey_step survey_step_of(const struct survey_question *q)
{
    return survey_type_multi(q->type) || q->type == SQ_TEXT ? SSTEP_MORE : SSTEP_VIEWS;
}

/* "The 2011 survey of local Compacts" into b (reset first). */
static const char *caption(struct buf *b, int year)
{
    buf_reset(b);
    buf_addf(b, "The %d survey of local Compacts", year);
    return b->data;
}

static void hidden_values(struct buf *b, const char *name, const char *list)
{
    struct buf one = BUF_INIT;
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ";");
        buf_reset(&one);
        buf_add(&one, p, len);
        buf_addc(&one, '\0');
        form_hidden(b, name, one.data);
        p += len + (p[len] == ';');
    }
    buf_release(&one);
}

/* Everything answered but the fields of step (SSTEP_CHECK: everything), as hidden fields. */
static void hidden_state(struct buf *b, const struct survey_form *f, enum survey_step step)
{
    if (f->code) {
        form_hidden(b, "code", f->code);
    }
    if (f->compact_id && (step != SSTEP_ABOUT || f->code)) {
        form_hidden(b, "compact_id", f->compact_id);
    }
    if (step != SSTEP_ABOUT) {
        if (f->sector) {
            form_hidden(b, "sector", f->sector);
        }
        if (f->body_type) {
            form_hidden(b, "body_type", f->body_type);
        }
    }
    for (size_t i = 0; i < f->nq; i++) {
        const struct survey_question *q = &f->qs[i];
        if (q->questionnaire != f->questionnaire || !f->values[i] || survey_step_of(q) == step) {
            continue;
        }
        if (q->type == SQ_TEXT) {
            form_hidden(b, q->key, f->values[i]);
        } else {
            hidden_values(b, q->key, f->values[i]);
        }
    }
}

static const char *error_of(const struct survey_form *f, const char *field)
{
    return form_error_for(f->errors, f->nerrors, field);
}

static void about_fields(struct buf *b, const struct survey_form *f)
{
    struct form_choice sectors[SURVEY_SECTOR_COUNT], bodies[SURVEY_BODY_COUNT - 1];
    struct form_field sector = {.name = "sector",
                                .label = "Which sector do you work or volunteer in?",
                                .error = error_of(f, "sector"),
                                .value = f->sector,
                                .flags = FORM_BOLD};
    struct form_field body = {.name = "body_type",
                              .label = "If you work in the statutory sector, what kind of body?",
                              .hint = "Leave this blank unless you chose the statutory sector.",
                              .error = error_of(f, "body_type"),
                              .value = f->body_type,
                              .flags = FORM_BOLD};

    for (int i = 0; i < SURVEY_SECTOR_COUNT; i++) {
        sectors[i] = (struct form_choice){survey_sector_id((enum survey_sector)i),
                                          survey_sector_label((enum survey_sector)i)};
    }
    for (int i = 1; i < SURVEY_BODY_COUNT; i++) {
        bodies[i - 1] = (struct form_choice){survey_body_id((enum survey_body_type)i),
                                             survey_body_label((enum survey_body_type)i)};
    }
    form_radios(b, &sector, sectors, SURVEY_SECTOR_COUNT);
    form_radios(b, &body, bodies, SURVEY_BODY_COUNT - 1);
}

/* Question q with its answer so far (value), named by its key. */
static void question_field(struct buf *b, const struct survey_form *f,
                           const struct survey_question *q, const char *value)
{
    struct buf field = BUF_INIT;
    struct form_choice c[SURVEY_OPTIONS_MAX];
    int ticked[SURVEY_OPTIONS_MAX] = {0};
    struct form_field ff = {
        .name = q->key, .label = q->text, .hint = q->hint, .value = value, .flags = FORM_BOLD};

    buf_addf(&field, "answers.%s", q->key);
    (void)field;
    ff.error = error_of(f, q->key);
    for (size_t k = 0; k < q->noptions && k < SURVEY_OPTIONS_MAX; k++) {
        c[k] = (struct form_choice){q->options[k].id, q->options[k].label};
        /* ticked: one of the ';'-separated ids of value */
        for (const char *p = value; p && *p;) {
            size_t len = strcspn(p, ";");
            ticked[k] |= len == strlen(c[k].value) && !strncmp(p, c[k].value, len);
            p += len + (p[len] == ';');
        }
    }
    if (q->type == SQ_TEXT) {
        form_textarea(b, &ff);
    } else if (survey_type_multi(q->type)) {
        if (!ff.hint && q->type == SQ_UP_TO_3) {
            ff.hint = "Choose up to 3.";
        } else if (!ff.hint) {
            ff.hint = "Choose all that apply.";
        }
        form_checkboxes(b, &ff, c, ticked, q->noptions);
    } else {
        form_radios(b, &ff, c, q->noptions);
    }
    buf_release(&field);
}

/* The labels of the options of list (';'-separated) for q, or the text. */
static void answer_text(struct buf *out, const struct survey_question *q, const char *list)
{
    if (!list || !*list) {
        buf_adds(out, "Not answered");
        return;
    }
    if (q->type == SQ_TEXT) {
        buf_adds(out, list);
        return;
    }
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ";");
        for (size_t k = 0; k < q->noptions; k++) {
            if (strlen(q->options[k].id) == len && !strncmp(q->options[k].id, p, len)) {
                buf_adds(out, out->len ? ", " : "");
                buf_adds(out, q->options[k].label);
            }
        }
        p += len + (p[len] == ';');
    }
}

static void form_start(struct buf *b, const struct viewer *viewer, int year, const char *what)
{
    html_lit(b, "<form method=\"post\" action=\"/surveys/");
    html_num(b, year);
    html_lit(b, "/");
    html_attr(b, what);
    html_lit(b, "\" novalidate>");
    view_csrf_field(b, viewer);
}

static const char *sector_label(const char *id)
{
    enum survey_sector s;
    return id && survey_sector_parse(id, &s) == 0 ? survey_sector_label(s) : "Not answered";
}

static const char *body_label(const char *id)
{
    enum survey_body_type t;
    return id && *id && survey_body_parse(id, &t) == 0 ? survey_body_label(t) : "None";
}

/*
 * The check of the answers: each section's answers, and after each its own small form whose one
 * button goes back to change them; then the form that sends them, whose only button is Send.
 * Separate forms, so that Enter in the page submits the answers (a form's first submit button
 * is what Enter presses), never a Change.
 */
static void check_page(struct buf *b, const struct survey_form *f, const struct viewer *viewer)
{
    struct buf v = BUF_INIT;

    for (int s = SSTEP_ABOUT; s < SSTEP_CHECK; s++) {
        html_lit(b, "<h2 class=\"govuk-heading-m\">");
        html_text(b, step_titles[s]);
        html_lit(b, "</h2><dl class=\"govuk-summary-list\">");
        if (s == SSTEP_ABOUT) {
            if (f->compact_name) {
                summary_row(b, "Local Compact", f->compact_name);
            }
            summary_row(b, "Sector", sector_label(f->sector));
            summary_row(b, "Kind of statutory body", body_label(f->body_type));
        }
        for (size_t i = 0; i < f->nq; i++) {
            const struct survey_question *q = &f->qs[i];
            if (q->questionnaire != f->questionnaire || (int)survey_step_of(q) != s ||
                s == SSTEP_ABOUT) {
                continue;
            }
            buf_reset(&v);
            answer_text(&v, q, f->values[i]);
            summary_row(b, q->text, v.data ? v.data : "");
        }
        html_lit(b, "</dl>");
        buf_reset(&v);
        buf_addf(&v, "Change %s",
                 s == SSTEP_ABOUT   ? "what you said about you"
                 : s == SSTEP_VIEWS ? "your views"
                                    : "what would help");
        form_start(b, viewer, f->year, "respond");
        hidden_state(b, f, SSTEP_CHECK);
        form_hidden(b, "step", step_ids[SSTEP_CHECK]);
        form_button_secondary(b, v.data, "goto", step_ids[s]);
        html_lit(b, "</form>");
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">Now send your answers</h2><p class=\"govuk-body\">"
                "Your answers are kept apart from who you are: the results show only totals, and "
                "no figure for fewer than 5 people.</p>");
    buf_release(&v);
}

void view_survey_step(struct buf *b, const struct survey_form *f, enum survey_step step,
                      const struct viewer *viewer)
{
    struct buf cap = BUF_INIT;
    const struct layout l = {.title = step_titles[step],
                             .viewer = viewer,
                             .errors = f->errors,
                             .nerrors = f->nerrors,
                             .narrow = 1};

    view_layout_start(b, &l);
    view_heading(b, caption(&cap, f->year),
                 step == SSTEP_CHECK ? "Check your answers before sending them" : l.title);
    if (step != SSTEP_CHECK) {
        html_lit(b, "<p class=\"govuk-body\">Step ");
        html_num(b, step + 1);
        html_lit(b, " of 3. You can leave out any question you would rather not answer.</p>");
    }
    if (step == SSTEP_CHECK) {
        check_page(b, f, viewer);
    }
    form_start(b, viewer, f->year, "respond");
    hidden_state(b, f, step);
    form_hidden(b, "step", step_ids[step]);
    if (step == SSTEP_ABOUT) {
        if (f->code && f->compact_name) {
            html_lit(b, "<p class=\"govuk-body\">You are answering about ");
            html_text(b, f->compact_name);
            html_lit(b, ".</p>");
        } else if (!f->code) {
            struct form_option opts[1 + 64];
            size_t n = f->ncompacts < 64 ? f->ncompacts : 64;
            struct form_field c = {.name = "compact_id",
                                   .label = "Which local Compact are you answering about?",
                                   .error = error_of(f, "compact_id"),
                                   .flags = FORM_BOLD};
            opts[0] = (struct form_option){"", "Choose a local Compact", !f->compact_id};
            for (size_t i = 0; i < n; i++) {
                opts[i + 1] = (struct form_option){f->compact_ids[i], f->compact_names[i],
                                                   f->compact_id &&
                                                       !strcmp(f->compact_id, f->compact_ids[i])};
            }
            form_select(b, &c, opts, n + 1);
        }
        about_fields(b, f);
    } else if (step != SSTEP_CHECK) {
        for (size_t i = 0; i < f->nq; i++) {
            const struct survey_question *q = &f->qs[i];
            if (q->questionnaire == f->questionnaire && survey_step_of(q) == step) {
                question_field(b, f, q, f->values[i]);
            }
        }
    }
    form_buttons(b, step == SSTEP_CHECK ? "Send your answers" : "Continue", NULL);
    html_lit(b, "</form>");
    view_layout_end(b, &l);
    buf_release(&cap);
}

void view_survey_benchmark(struct buf *b, const struct survey_form *f, const struct viewer *viewer)
{
    struct buf cap = BUF_INIT;
    const struct layout l = {.title = "Benchmarking survey",
                             .viewer = viewer,
                             .errors = f->errors,
                             .nerrors = f->nerrors,
                             .narrow = 1};

    view_layout_start(b, &l);
    view_heading(b, caption(&cap, f->year), l.title);
    html_lit(b, "<p class=\"govuk-body\">The facts of ");
    html_text(b, f->compact_name);
    html_lit(b,
             " this year, from its key contact. A later answer this year replaces this one.</p>");
    form_start(b, viewer, f->year, "benchmark");
    form_hidden(b, "compact_id", f->compact_id);
    about_fields(b, f);
    for (size_t i = 0; i < f->nq; i++) {
        const struct survey_question *q = &f->qs[i];
        if (q->questionnaire != SURVEY_BENCHMARK) {
            continue;
        }
        if (q->type == SQ_ANY) {
            html_lit(b, "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">The register "
                        "lists these signatories of ");
            html_text(b, f->compact_name);
            html_lit(b, ":</p>");
            if (!f->nsignatories) {
                html_lit(b, "<p class=\"govuk-body\">None yet.</p>");
            } else {
                html_lit(b, "<ul class=\"govuk-list govuk-list--bullet\">");
                for (size_t k = 0; k < f->nsignatories; k++) {
                    const struct signatory *s = &f->signatories[k];
                    html_lit(b, "<li>");
                    html_text(b, s->org_name);
                    if (s->withdrawn_on) {
                        html_lit(b, " (withdrew on ");
                        html_date(b, s->withdrawn_on);
                        html_lit(b, ")");
                    } else {
                        html_lit(b, " (signed on ");
                        html_date(b, s->signed_on);
                        html_lit(b, ")");
                    }
                    html_lit(b, "</li>");
                }
                html_lit(b, "</ul>");
            }
            html_lit(b, "</div>");
        }
        question_field(b, f, q, f->values[i]);
    }
    form_buttons(b, "Send the benchmark answers", NULL);
    html_lit(b, "</form>");
    view_layout_end(b, &l);
    buf_release(&cap);
}

void view_survey_benchmark_choose(struct buf *b, int year, const char *const *ids,
                                  const char *const *names, size_t n, const struct viewer *viewer)
{
    struct buf cap = BUF_INIT;
    const struct layout l = {.title = "Which Compact's benchmark?", .viewer = viewer, .narrow = 1};

    view_layout_start(b, &l);
    view_heading(b, caption(&cap, year), l.title);
    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">You do not coordinate any local Compact.</p>");
    }
    html_lit(b, "<ul class=\"govuk-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(b, "<li><a class=\"govuk-link\" href=\"/surveys/");
        html_num(b, year);
        html_lit(b, "/benchmark?compact=");
        html_url(b, ids[i]);
        html_lit(b, "\">");
        html_text(b, names[i]);
        html_lit(b, "</a></li>");
    }
    html_lit(b, "</ul>");
    view_layout_end(b, &l);
    buf_release(&cap);
}

void view_survey_done(struct buf *b, int year, enum survey_questionnaire q,
                      const struct viewer *viewer)
{
    const struct layout l = {.title = "Answers sent", .viewer = viewer, .narrow = 1};

    view_layout_start(b, &l);
    html_lit(b, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__"
                "title\">Answers sent</h1><div class=\"govuk-panel__body\">");
    html_text(b, q == SURVEY_BENCHMARK ? "Thank you: the benchmark is in"
                                       : "Thank you for taking part");
    html_lit(b, "</div></div><p class=\"govuk-body\">The results are published as answers come "
                "in, with no figure for fewer than 5 people.</p><p class=\"govuk-body\">"
                "<a class=\"govuk-link\" href=\"/surveys/");
    html_num(b, year);
    html_lit(b, "\">See the results of the ");
    html_num(b, year);
    html_lit(b, " survey</a></p>");
    view_layout_end(b, &l);
}

void view_survey_stop(struct buf *b, int year, const char *title, const char *why, int ask_code,
                      const struct viewer *viewer)
{
    struct buf cap = BUF_INIT;
    const struct layout l = {.title = title, .viewer = viewer, .narrow = 1};

    view_layout_start(b, &l);
    view_heading(b, caption(&cap, year), title);
    html_lit(b, "<p class=\"govuk-body\">");
    html_text(b, why);
    html_lit(b, "</p>");
    if (ask_code) {
        const struct form_field code = {.name = "code",
                                        .label = "Your invitation code",
                                        .hint = "12 letters and numbers, such as 7KQM-W3XR-PD9T",
                                        .classes = "govuk-input--width-20",
                                        .autocomplete = "off",
                                        .flags = FORM_NO_SPELLCHECK};
        html_lit(b, "<form method=\"get\" action=\"/surveys/");
        html_num(b, year);
        html_lit(b, "/respond\" novalidate>");
        form_text_input(b, &code);
        form_buttons(b, "Continue", NULL);
        html_lit(b, "</form>");
    }
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/surveys/");
    html_num(b, year);
    html_lit(b, "\">See the results of the ");
    html_num(b, year);
    html_lit(b, " survey</a></p>");
    view_layout_end(b, &l);
    buf_release(&cap);
}

/* ---- results ---- */

static void count_cell(struct buf *b, const struct survey_count *c, const struct survey_share *s,
                       const struct survey_count *base)
{
    table_cell_start(b, CELL_NUMERIC);
    if (c->hidden) {
        html_lit(b, "fewer than 5");
    } else {
        html_count(b, c->n);
        if (s && !s->hidden && !base->hidden && base->n) {
            html_lit(b, " (");
            html_num(b, survey_percent(c->n, base->n));
            html_lit(b, "%)");
        }
    }
    table_cell_end(b);
}

static void question_results(struct buf *b, const struct survey_question_result *qr,
                             const struct survey_change *ch, int before_year, size_t index)
{
    const struct survey_question *q = qr->q;
    const int multi = survey_type_multi(q->type);
    struct table_column cols[2 + SURVEY_OPTIONS_MAX + 1];
    const char
        *rows[SURVEY_GROUP_COUNT > SURVEY_OPTIONS_MAX ? SURVEY_GROUP_COUNT : SURVEY_OPTIONS_MAX];
    const char *segs[SURVEY_OPTIONS_MAX];
    double shares[SURVEY_GROUP_COUNT * SURVEY_OPTIONS_MAX];
    struct buf id = BUF_INIT, title = BUF_INIT;
    size_t ncols = 0;

    html_lit(b, "<h2 class=\"govuk-heading-m\">");
    html_text(b, q->text);
    html_lit(b, "</h2>");
    buf_addf(&id, "chart-%zu", index);
    buf_addf(&title, "%s: %s",
             multi ? "Share of respondents choosing each option"
                   : "Answers by group, as shares of those who answered",
             q->text);
    if (multi) {
        for (size_t k = 0; k < q->noptions; k++) {
            const struct survey_share *s = &qr->groups[SURVEY_ALL].shares[k];
            rows[k] = q->options[k].label;
            shares[k] = s->hidden ? 0 : s->value;
        }
        segs[0] = "All respondents";
        view_stacked_bars(b, id.data, title.data, rows, q->noptions, segs, 1, shares);
    } else {
        for (int g = 0; g < SURVEY_GROUP_COUNT; g++) {
            rows[g] = survey_group_label((enum survey_group)g);
            for (size_t k = 0; k < q->noptions; k++) {
                const struct survey_share *s = &qr->groups[g].shares[k];
                shares[(size_t)g * q->noptions + k] = s->hidden ? 0 : s->value;
            }
        }
        for (size_t k = 0; k < q->noptions; k++) {
            segs[k] = q->options[k].label;
        }
        view_stacked_bars(b, id.data, title.data, rows, SURVEY_GROUP_COUNT, segs, q->noptions,
                          shares);
    }
    cols[ncols++] = (struct table_column){"Group", 0};
    cols[ncols++] = (struct table_column){"Answered", CELL_NUMERIC};
    for (size_t k = 0; k < q->noptions; k++) {
        cols[ncols++] = (struct table_column){q->options[k].label, CELL_NUMERIC};
    }
    if (q->type == SQ_AGREE5) {
        cols[ncols++] = (struct table_column){"Agree in all", CELL_NUMERIC};
    }
    buf_reset(&title);
    buf_addf(&title, "%s: the figures", q->text);
    {
        const struct table t = {.caption = title.data,
                                .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_HIDDEN,
                                .cols = cols,
                                .ncols = ncols};
        table_start(b, &t);
    }
    for (int g = 0; g < SURVEY_GROUP_COUNT; g++) {
        const struct survey_group_result *gr = &qr->groups[g];
        table_row_start(b);
        table_row_head(b, survey_group_label((enum survey_group)g));
        count_cell(b, &gr->answered, NULL, &gr->answered);
        for (size_t k = 0; k < q->noptions; k++) {
            count_cell(b, &gr->counts[k], &gr->shares[k], &gr->answered);
        }
        if (q->type == SQ_AGREE5) {
            count_cell(b, &gr->agree, &gr->agree_share, &gr->answered);
        }
        table_row_end(b);
    }
    table_end(b);
    if (ch && before_year) {
        html_lit(b, "<p class=\"govuk-body\">");
        if (!ch->comparable) {
            html_lit(b, "Not comparable with ");
            html_num(b, before_year);
            html_text(b, ch->version_then ? ": the question was worded differently then."
                                          : ": the question was not asked then.");
        } else if (q->type == SQ_AGREE5 && !ch->agree[SURVEY_ALL].hidden) {
            double p = ch->agree[SURVEY_ALL].points;
            long long whole = (long long)(p < 0 ? -p + 0.5 : p + 0.5);
            html_lit(b, "Since ");
            html_num(b, before_year);
            html_lit(b, ", the share of respondents who agreed has ");
            if (!whole) {
                html_lit(b, "stayed the same.");
            } else {
                html_text(b, p > 0 ? "risen by " : "fallen by ");
                html_num(b, whole);
                html_text(b, whole == 1 ? " percentage point." : " percentage points.");
            }
        } else {
            html_lit(b, "Compared with ");
            html_num(b, before_year);
            html_lit(b, ", all respondents: ");
            for (size_t k = 0; k < q->noptions; k++) {
                const struct survey_points *pt = &ch->options[SURVEY_ALL][k];
                html_text(b, q->options[k].label);
                if (pt->hidden) {
                    html_lit(b, " too few to compare");
                } else {
                    long long whole =
                        (long long)(pt->points < 0 ? -pt->points + 0.5 : pt->points + 0.5);
                    html_text(b, pt->points < 0 && whole ? " down " : " up ");
                    html_num(b, whole);
                    html_lit(b, " points");
                }
                html_text(b, k + 1 < q->noptions ? "; " : ".");
            }
        }
        html_lit(b, "</p>");
    }
    buf_release(&id);
    buf_release(&title);
}

static void answers_count(struct buf *b, const struct survey_count *c)
{
    if (c->hidden) {
        html_lit(b, "fewer than 5");
    } else {
        html_count(b, c->n);
    }
}

/* The map's states, in the order of enum survey_cover_state: both solid green, some striped
 * blue, none mid grey outlined, not covered pale grey (as on the coverage map): dark to pale,
 * told apart without colour too. */
static const struct hex_style cover_styles[SCOVER_STATE_COUNT] = {
    [SCOVER_BOTH] = {"both", "General answers and a benchmark",
                     ": people answered the general survey about the local Compact that covers "
                     "the area, and its key contact gave the benchmark",
                     "#00703c", NULL, 0},
    [SCOVER_SOME] = {"some", "Some answers",
                     ": general answers or the benchmark about the Compact that covers the area, "
                     "not both",
                     "#1d70b8", NULL, 1},
    [SCOVER_NONE] = {"none", "No answers",
                     ": an active local Compact covers the area, but nobody has answered about "
                     "it",
                     "#b1b4b6", "#505a5f", 0},
    [SCOVER_NOT_COVERED] = {"not_covered", "Not covered",
                            ": no active local Compact covers the area", "#f3f2f1", "#505a5f", 0},
};

/* A hex's state: the answers about the active Compact that covers its area (ctx, the view). */
static size_t cover_state(const void *ctx, const struct hex *h, struct buf *title,
                          const char **name)
{
    const struct survey_results_view *v = ctx;
    const struct coverage_row *row = coverage_find(v->coverage, h->code);
    enum survey_cover_state s = SCOVER_NOT_COVERED;

    *name = row ? row->authority->name : NULL;
    if (row && row->state == COVER_COVERED) {
        const struct survey_cover *c =
            survey_cover_find(v->compacts, v->active_compacts, row->compact_id);
        s = c ? survey_cover_state_of(c) : SCOVER_NONE;
    }
    buf_adds(title, survey_cover_state_label(s));
    if (s != SCOVER_NOT_COVERED && row->compact_name) {
        buf_addf(title, " (%s%s)", row->compact_name,
                 row->via_county ? ", through its county" : "");
    }
    return (size_t)s;
}

/* Coverage of the round: the map of who answered, its key, and the table behind it. */
static void coverage_section(struct buf *b, const struct survey_results_view *v)
{
    static const size_t order[] = {SCOVER_BOTH, SCOVER_SOME, SCOVER_NONE, SCOVER_NOT_COVERED};
    /* two columns, so that the table fits a 320-pixel phone without scrolling */
    static const struct table_column cols[] = {{"Local Compact", 0}, {"Answers about it", 0}};
    char day[DATE_LONG_MAX + 1];
    struct buf cap = BUF_INIT;

    date_format_long(v->closes_on, day);
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"coverage\">Who answered</h2>");
    if (v->map && v->coverage) {
        struct buf title = BUF_INIT;
        buf_addf(&title,
                 "Hex map of England's districts, each shaded by whether the %d survey has "
                 "answers about the local Compact that covers it",
                 v->year);
        html_lit(b, "<p class=\"govuk-body\">Each hexagon is a district, metropolitan district, "
                    "London borough or unitary authority, shaded by the answers about the "
                    "local Compact that covers it on ");
        html_text(b, day);
        html_lit(b, " (a district takes the answers of its county&#39;s Compact when that covers "
                    "it). "
                    "Select a hexagon to see the authority. The table under the map lists "
                    "each local Compact.</p><div class=\"govuk-grid-row\"><div "
                    "class=\"govuk-grid-column-two-thirds\"><div class=\"app-hex-map\">");
        view_hexmap_of(b, v->map, "svy", cover_styles, SCOVER_STATE_COUNT, cover_state, v,
                       title.data);
        html_lit(b, "</div></div><div class=\"govuk-grid-column-one-third\">");
        view_hexmap_key(b, "svy", cover_styles, order, sizeof(order) / sizeof(order[0]));
        html_lit(b, "</div></div>");
        buf_release(&title);
    }
    if (!v->active_compacts) {
        html_lit(b, "<p class=\"govuk-body\">No local Compact is active on that day.</p>");
        return;
    }
    buf_addf(&cap, "Local Compacts active on %s, and their answers", day);
    {
        const struct table t = {.id = "coverage-table",
                                .caption = cap.data,
                                .flags = TABLE_CAPTION_S | TABLE_SMALL_TEXT,
                                .cols = cols,
                                .ncols = 2};
        table_start(b, &t);
    }
    for (size_t i = 0; i < v->active_compacts; i++) {
        const struct survey_cover *c = &v->compacts[i];
        table_row_start(b);
        table_row_head_start(b);
        html_lit(b, "<a class=\"govuk-link\" href=\"/compacts/");
        html_num(b, c->compact_id);
        html_lit(b, "\">");
        html_text(b, c->name);
        html_lit(b, "</a>");
        table_row_head_end(b);
        table_cell(b,
                   c->general && c->benchmark ? "General answers and a benchmark"
                   : c->general               ? "General answers, no benchmark"
                   : c->benchmark             ? "A benchmark, no general answers"
                                              : "None",
                   0);
        table_row_end(b);
    }
    table_end(b);
    buf_release(&cap);
}

/* For admins: the anonymised answers, free-text comments too. */
static void export_section(struct buf *b, int year)
{
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"answers\">Answers for analysis</h2>"
                "<p class=\"govuk-body\">As an admin you can download every answer of the round, "
                "comments included, a line a response. It says which local Compact, sector and "
                "kind of body each answer is about, never who answered or with which code. "
                "Small numbers are not hidden in it, so do not publish or share it.</p>"
                "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
                "role=\"button\" draggable=\"false\" data-module=\"govuk-button\" href=\"/api/v1/"
                "surveys/");
    html_num(b, year);
    html_lit(b, "/answers.csv\" download>Download the anonymised answers with comments "
                "(CSV)</a></p>");
}

void view_survey_results(struct buf *b, const struct survey_results_view *v,
                         const struct viewer *viewer)
{
    struct buf title = BUF_INIT, path = BUF_INIT;
    const struct crumb crumbs[] = {{"Home", "/"}, {"Surveys", "/surveys"}};
    struct layout l = {.crumbs = crumbs, .ncrumbs = 2, .viewer = viewer};

    buf_addf(&title, "The %d survey of local Compacts", v->year);
    l.title = title.data;
    view_layout_start(b, &l);
    view_heading(b, "Results", l.title);
    html_lit(b, "<p class=\"govuk-body-l\">");
    html_text(b, v->headline ? v->headline
                             : "Too few people have answered yet for the headline figure.");
    html_lit(b, "</p><dl class=\"govuk-summary-list\">");
    summary_row_start(b, "Open", 0);
    html_lit(b, "From ");
    html_date(b, v->opens_on);
    html_lit(b, " to ");
    html_date(b, v->closes_on);
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Answers", 0);
    answers_count(b, &v->responses[SURVEY_GENERAL]);
    html_lit(b, " to the general survey, ");
    answers_count(b, &v->responses[SURVEY_BENCHMARK]);
    html_lit(b, " benchmarks");
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Coverage", 0);
    html_count(b, (long long)v->with_general);
    html_lit(b, " of the ");
    html_count(b, (long long)v->active_compacts);
    html_lit(b, " local Compacts active when it closes have general answers; ");
    html_count(b, (long long)v->with_benchmark);
    html_lit(b, " have a benchmark");
    summary_row_end(b, NULL, NULL);
    html_lit(b, "</dl><p class=\"govuk-body\">A count of fewer than 5 people is not shown, nor a "
                "share of fewer than 10. Percentages are rounded to whole numbers.</p>");
    buf_addf(&path, "/api/v1/surveys/%d/results.csv", v->year);
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
    html_attr(b, path.data);
    html_lit(b, "\">Download these results as CSV</a></p>");
    if (v->export_answers) {
        export_section(b, v->year);
    }
    coverage_section(b, v);
    for (size_t i = 0; i < v->nquestions; i++) {
        question_results(b, &v->questions[i], v->changes ? &v->changes[i] : NULL, v->before_year,
                         i);
    }
    view_layout_end(b, &l);
    buf_release(&title);
    buf_release(&path);
}

/* ---- running rounds ---- */

void view_survey_rounds(struct buf *b, const struct survey_admin_view *v,
                        const struct viewer *viewer)
{
    static const struct table_column cols[] = {{"Year", 0}, {"Open", 0}, {"Results", 0}};
    const struct table t = {
        .caption = "Rounds of the survey", .flags = TABLE_CAPTION_HIDDEN, .cols = cols, .ncols = 3};

    view_top_page_start(b, "The annual survey of local Compacts", "Surveys", NAV_NONE, v->errors,
                        v->nerrors, viewer);
    view_heading(b, NULL, "The annual survey of local Compacts");
    if (v->done_year) {
        struct buf h = BUF_INIT;
        buf_addf(&h, "The %d survey is open for codes", v->done_year);
        banner(b, 1, h.data);
        buf_release(&h);
    }
    html_lit(b, "<p class=\"govuk-body\">Each year people in both sectors say how their local "
                "Compact works, and each Compact's key contact gives its facts.</p>");
    if (!v->nrounds) {
        html_lit(b, "<p class=\"govuk-body\">There is no round yet.</p>");
    } else {
        table_start(b, &t);
        for (size_t i = 0; i < v->nrounds; i++) {
            table_row_start(b);
            table_cell_start(b, 0);
            html_num(b, v->years[i]);
            table_cell_end(b);
            table_cell_start(b, 0);
            html_date(b, v->opens_on[i]);
            html_lit(b, " to ");
            html_date(b, v->closes_on[i]);
            table_cell_end(b);
            table_cell_start(b, 0);
            html_lit(b, "<a class=\"govuk-link\" href=\"/surveys/");
            html_num(b, v->years[i]);
            html_lit(b, "\">Results<span class=\"govuk-visually-hidden\"> of ");
            html_num(b, v->years[i]);
            html_lit(b, "</span></a>");
            if (viewer && viewer->name) {
                html_lit(b, " <a class=\"govuk-link\" href=\"/surveys/");
                html_num(b, v->years[i]);
                html_lit(b, "/manage\">Run<span class=\"govuk-visually-hidden\"> the ");
                html_num(b, v->years[i]);
                html_lit(b, " round</span></a>");
            }
            table_cell_end(b);
            table_row_end(b);
        }
        table_end(b);
    }
    if (v->manage) {
        const struct form_field year = {.name = "year",
                                        .label = "Year",
                                        .error = form_error_for(v->errors, v->nerrors, "year"),
                                        .value = v->given[0],
                                        .classes = "govuk-input--width-4",
                                        .type = "text"};
        const struct form_field opens = {.name = "opens_on",
                                         .label = "Opens on",
                                         .hint = "For example, 1 3 2027",
                                         .error =
                                             form_error_for(v->errors, v->nerrors, "opens_on")};
        const struct form_field closes = {.name = "closes_on",
                                          .label = "Closes on",
                                          .hint = "For example, 31 5 2027",
                                          .error =
                                              form_error_for(v->errors, v->nerrors, "closes_on")};
        html_lit(b, "<h2 class=\"govuk-heading-m\">Open a new round</h2>"
                    "<form method=\"post\" action=\"/surveys\" novalidate>");
        view_csrf_field(b, viewer);
        form_text_input(b, &year);
        form_date(b, &opens, NULL);
        form_date(b, &closes, NULL);
        form_buttons(b, "Open the round", NULL);
        html_lit(b, "</form>");
    }
    view_top_page_end(b);
}

void view_survey_manage(struct buf *b, int year, const struct survey_admin_view *v, int counts,
                        const struct viewer *viewer)
{
    struct buf title = BUF_INIT;
    const struct crumb crumbs[] = {{"Home", "/"}, {"Surveys", "/surveys"}};
    struct layout l = {.crumbs = crumbs,
                       .ncrumbs = 2,
                       .viewer = viewer,
                       .errors = v->errors,
                       .nerrors = v->nerrors};

    buf_addf(&title, "Run the %d survey", year);
    l.title = title.data;
    view_layout_start(b, &l);
    view_heading(b, NULL, l.title);
    if (v->ncompacts) {
        struct form_option opts[1 + 64];
        size_t n = v->ncompacts < 64 ? v->ncompacts : 64;
        const struct form_field c = {.name = "compact_id",
                                     .label = "Local Compact",
                                     .error = form_error_for(v->errors, v->nerrors, "compact_id")};
        const struct form_field count = {.name = "count",
                                         .label = "How many codes",
                                         .hint = "One for each person you will invite, up to 5,000",
                                         .error = form_error_for(v->errors, v->nerrors, "count"),
                                         .classes = "govuk-input--width-5",
                                         .value = "50"};
        html_lit(b, "<h2 class=\"govuk-heading-m\">Invitation codes</h2><p class=\"govuk-body\">"
                    "Each code answers the general survey once. They are shown only in the "
                    "file you download now, each with its link.</p><form method=\"post\" "
                    "action=\"/surveys/");
        html_num(b, year);
        html_lit(b, "/codes\" novalidate>");
        view_csrf_field(b, viewer);
        opts[0] = (struct form_option){"", "Choose a local Compact", 1};
        for (size_t i = 0; i < n; i++) {
            opts[i + 1] = (struct form_option){v->compact_ids[i], v->compact_names[i], 0};
        }
        form_select(b, &c, opts, n + 1);
        form_text_input(b, &count);
        form_buttons(b, "Download codes (CSV)", NULL);
        html_lit(b, "</form>");
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/surveys/");
        html_num(b, year);
        html_lit(b, "/benchmark\">Answer the benchmarking survey for a Compact</a></p>");
    }
    if (counts) {
        static const struct table_column cols[] = {
            {"Local Compact", 0}, {"General answers", CELL_NUMERIC}, {"Benchmark", 0}};
        const struct table t = {.caption = "Answers so far by local Compact",
                                .flags = TABLE_CAPTION_S,
                                .cols = cols,
                                .ncols = 3};
        html_lit(b, "<h2 class=\"govuk-heading-m\">Answers so far</h2>");
        if (!v->ncounts) {
            html_lit(b, "<p class=\"govuk-body\">No answers yet.</p>");
        } else {
            table_start(b, &t);
            for (size_t i = 0; i < v->ncounts; i++) {
                table_row_start(b);
                table_row_head(b, v->count_names[i]);
                table_num_cell(b, v->count_general[i]);
                table_cell(b, v->count_benchmark[i] ? "In" : "Not yet", 0);
                table_row_end(b);
            }
            table_end(b);
        }
    }
    view_layout_end(b, &l);
    buf_release(&title);
}

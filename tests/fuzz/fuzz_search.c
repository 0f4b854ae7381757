/*
 * libFuzzer target for the search's query builder (core/search.h). Whatever a person types is
 * words, never syntax: text that is UTF-8 within the limit always parses; every word is lower
 * case letters and digits only (no quote, '*', '-', ':', bracket or space); and the FTS5 query
 * built from them runs against a real FTS5 table (porter over unicode61, as migration 0013
 * makes it) without an error, whatever the input. The tsquery text holds only the builder's
 * own operators between quoted words.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "core/search.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/banned.h"

static sqlite3 *db;
static sqlite3_stmt *match;

static void open_db(void)
{
    CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db,
                       "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'porter "
                       "unicode61 remove_diacritics 2');"
                       "INSERT INTO t VALUES ('Talking early about cuts', 'commissioning near "
                       "and or not');",
                       NULL, NULL, NULL) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(db,
                             "SELECT snippet(t, -1, '[', ']', '...', 8), bm25(t) FROM t WHERE t "
                             "MATCH ?1",
                             -1, &match, NULL) == SQLITE_OK);
}

static int word_ok(const char *w)
{
    const unsigned char *p = (const unsigned char *)w;

    if (!*p) {
        return 0;
    }
    for (; *p; p++) {
        if (*p < 0x80 && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) {
            return 0;
        }
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct search_query q;
    const char *why = NULL;
    struct buf fts = BUF_INIT, ts = BUF_INIT;
    int rc = search_query_parse((const char *)data, size, &q, &why);
    int good = size <= SEARCH_TEXT_MAX && utf8_check((const char *)data, size, NULL) == 0;

    if (!db) {
        open_db();
    }
    CHECK(good ? rc == 0 : rc == ERR_INVALID && why && *why);
    if (rc < 0) {
        return 0;
    }
    CHECK(q.nwords <= SEARCH_WORDS_MAX);
    for (size_t i = 0; i < q.nwords; i++) {
        CHECK(word_ok(q.words[i].word) && word_ok(q.words[i].stem));
        CHECK(utf8_check(q.words[i].word, strlen(q.words[i].word), NULL) == 0);
        CHECK(!strncmp(q.words[i].word, q.words[i].stem, strlen(q.words[i].stem)));
    }
    search_query_fts5(&q, &fts);
    search_query_tsquery(&q, &ts);
    CHECK(!buf_failed(&fts) && !buf_failed(&ts));
    CHECK(!q.nwords == !fts.len);
    if (fts.len) {
        int step;
        CHECK(sqlite3_bind_text(match, 1, fts.data, (int)fts.len, SQLITE_STATIC) == SQLITE_OK);
        while ((step = sqlite3_step(match)) == SQLITE_ROW) {
        }
        if (step != SQLITE_DONE) {
            fprintf(stderr, "FTS5 refused %s: %s\n", fts.data, sqlite3_errmsg(db));
        }
        CHECK(step == SQLITE_DONE);
        sqlite3_reset(match);
        sqlite3_clear_bindings(match);
    }
    /* the tsquery's quotes are the builder's: four a word (the word, its stem), two for a word
     * that is its own stem */
    {
        size_t quotes = 0, want = 0;
        for (size_t i = 0; i < ts.len; i++) {
            quotes += ts.data[i] == '\'';
        }
        for (size_t i = 0; i < q.nwords; i++) {
            want += strcmp(q.words[i].word, q.words[i].stem) ? 4 : 2;
        }
        CHECK(quotes == want);
    }
    buf_release(&fts);
    buf_release(&ts);
    return 0;
}

/* Finding an organisation of the register by name on a form: a search step, then a choice. */
#include "org_pick.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/banned.h"

int org_pick_search(struct request *r, const char *q, struct org_pick *p)
{
    static const char *const schemes[] = {"", "GB-CHC-", "GB-COH-"};
    int number = *q && strspn(q, "0123456789") == strlen(q);

    p->searched = 1;
    for (size_t s = 0; s < (number ? 3 : 1); s++) {
        struct buf text = BUF_INIT;
        struct organisation_filter filter = {
            .sector = -1, .type = -1, .limit = ORG_MATCHES_MAX * 3};
        struct organisation *items;
        size_t n;
        int ret;

        buf_addf(&text, "%s%s", schemes[s], q);
        filter.q = text.data;
        ret = store_organisation_list(r->st, &filter, r->arena, &items, &n);
        buf_release(&text);
        if (ret < 0) {
            return ret;
        }
        for (size_t i = 0; i < n && p->nmatches < ORG_MATCHES_MAX; i++) {
            size_t j = 0;
            while (items[i].org_id && j < p->nmatches &&
                   strcmp(p->matches[j].org_id, items[i].org_id) != 0) {
                j++;
            }
            if (items[i].org_id && j == p->nmatches) { /* one with an org-id, once */
                p->matches[p->nmatches++] = (struct org_choice){items[i].org_id, items[i].name};
            }
        }
    }
    return 0;
}

/* The organisation ref names: one of the register's, with an org-id; else an error. */
static int choose(struct request *r, const char *ref, struct org_pick *p)
{
    struct organisation o;
    int ret = store_organisation_get(r->st, ref, r->arena, &o);

    if (ret == ERR_NOT_FOUND || (ret == 0 && !o.org_id)) {
        p->choose_error = "Choose the organisation from the list";
        return 0;
    }
    if (ret < 0) {
        return ret;
    }
    p->org_id = o.org_id;
    p->org_name = o.name;
    return 0;
}

int org_pick_read(struct request *r, const char *q, const char *chosen, int searching,
                  const char *missing, struct org_pick *p)
{
    long long id;
    int ret;

    if (chosen && *chosen && (ret = choose(r, chosen, p)) < 0) {
        return ret;
    }
    if (searching) {
        if (!q || !*q) {
            p->q_error = "Enter part of the organisation's name to search for it";
            return 0;
        }
        return org_pick_search(r, q, p);
    }
    if (!p->org_id && q && *q) {
        ret = store_organisation_find(r->st, q, &id);
        if (ret == 0) {
            char ref[32];
            int n = snprintf(ref, sizeof(ref), "%lld", id);
            if (n > 0 && (size_t)n < sizeof(ref) && (ret = choose(r, ref, p)) < 0) {
                return ret;
            }
        } else if (ret != ERR_NOT_FOUND && ret != ERR_CONFLICT) {
            return ret;
        }
        if (!p->org_id) {
            if ((ret = org_pick_search(r, q, p)) < 0) {
                return ret;
            }
            if (p->nmatches) {
                p->choose_error = "Choose the organisation from the list";
            } else {
                p->q_error = "No organisation in the register has that name: search for part of "
                             "it";
            }
        }
    } else if (!p->org_id && missing && !(chosen && *chosen)) {
        p->q_error = missing;
    }
    return 0;
}

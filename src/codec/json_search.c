/* The one search's answer as JSON (json_search.h). */
#include "json_search.h"

#include "json_util.h"
#include "base/banned.h"

void json_search(struct buf *b, size_t total, const struct search_hit *hits,
                 const char *const *snippets, size_t n)
{
    cJSON *arr, *root = json_list_new(total, &arr);

    for (size_t i = 0; i < n; i++) {
        cJSON *o = json_must(cJSON_CreateObject());
        struct buf url = BUF_INIT;
        search_hit_url(&hits[i], &url);
        json_add_str(o, "type", search_kind_id(hits[i].kind));
        json_add_int(o, "id", hits[i].id);
        json_add_str(o, "title", hits[i].title);
        json_add_str(o, "snippet", snippets[i]);
        json_add_str(o, "url", url.data);
        buf_release(&url);
        cJSON_AddItemToArray(arr, o);
    }
    json_list_print(b, root, NULL);
}

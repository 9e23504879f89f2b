/* SPDX-License-Identifier: MIT
 *
 * merge.c - a run saved into the baseline it joins (cbench_store_merge):
 * results of the run replace those with the same id, in the run's order
 * among the places they had, the others stay as they were and new ones
 * are appended.
 *
 * "As they were" means their JSON, not what this build reads of it: a
 * result the run does not replace is carried over as its object from the
 * file, unknown fields included (a newer cbench's, a user's tool's), with
 * its numbers printed exactly (cJSON's own printer rounds), so nothing
 * this build does not know is lost by saving. Each result keeps the run it
 * was measured in: the contexts of the results that remain are kept in
 * "contexts" (identical ones once), the run saving now becomes "context".
 * A result of an interrupted run does not replace a complete one: the
 * complete one stays and the caller is told (cbench_store_merge_info).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/json_read.h"
#include "store/json_write.h"
#include "store/store.h"

typedef struct merge {
    cJSON **slots;                 /* contexts out: [0] "context", then "contexts" */
    size_t n_slots, cap_slots;
    size_t *map_old, *map_new;     /* context index -> slot + 1 (0: not yet) */
    const cbench_run *old, *run;
    cJSON *tree;                   /* the old file's JSON (NULL: none) */
    int oom;
} merge;

/* Prints every number below item exactly (see json_write.c). */
static void exact_numbers(merge *m, cJSON *item)
{
    cJSON *it = item != NULL ? item->child : NULL;
    while (it != NULL) {
        cJSON *next = it->next;
        if (cJSON_IsNumber(it) && isfinite(it->valuedouble)) {
            char buf[40];
            cbench_store_format_double(buf, sizeof buf, it->valuedouble);
            cJSON *raw = cJSON_CreateRaw(buf);
            if (raw != NULL) {            /* the replacement takes over the key */
                raw->string = it->string;
                raw->type |= it->type & cJSON_StringIsConst;
                it->string = NULL;
            }
            if (raw == NULL || !cJSON_ReplaceItemViaPointer(item, it, raw)) {
                cJSON_Delete(raw);
                m->oom = 1;
            }
        } else {
            exact_numbers(m, it);
        }
        it = next;
    }
}

/* The slot of context json (owned): an identical one already there, or a
 * new one. Returns the slot, or 0 with m->oom set. */
static size_t slot_of(merge *m, cJSON *json)
{
    if (json == NULL) {
        m->oom = 1;
        return 0;
    }
    for (size_t i = 0; i < m->n_slots; i++)
        if (cJSON_Compare(m->slots[i], json, 1)) {
            cJSON_Delete(json);
            return i;
        }
    if (m->n_slots == m->cap_slots) {
        size_t cap = m->cap_slots ? 2 * m->cap_slots : 8;
        cJSON **v = realloc(m->slots, cap * sizeof *v);
        if (v == NULL) {
            cJSON_Delete(json);
            m->oom = 1;
            return 0;
        }
        m->slots = v;
        m->cap_slots = cap;
    }
    m->slots[m->n_slots] = json;
    return m->n_slots++;
}

/* The old file's context k as JSON, verbatim (exact numbers). */
static cJSON *old_context(merge *m, size_t k)
{
    const cJSON *src = k == 0 ? cJSON_GetObjectItemCaseSensitive(m->tree, "context")
                              : cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(m->tree,
                                                   "contexts"), (int)(k - 1));
    if (!cJSON_IsObject(src))                     /* none in the file: all undefined */
        return cbench_store_context_to_json(cbench__result_context(m->old,
                                            &(cbench_result){.context = k}));
    cJSON *copy = cJSON_Duplicate(src, 1);
    exact_numbers(m, copy);
    return copy;
}

/* The output slot of context k of the old file (old != 0) or of run. */
static size_t context_slot(merge *m, int old, size_t k)
{
    size_t *map = old ? m->map_old : m->map_new;
    if (map[k] == 0) {
        const cbench_run *src = old ? m->old : m->run;
        cJSON *json = old ? old_context(m, k)
                          : cbench_store_context_to_json(cbench__result_context(src,
                                                         &(cbench_result){.context = k}));
        map[k] = slot_of(m, json) + 1;
    }
    return map[k] - 1;
}

/* Sets item's "context" to slot (the field added when missing). */
static void set_context(merge *m, cJSON *item, size_t slot)
{
    cJSON *v = cbench_store_uint_item(slot);
    /* Case-sensitive, as the reader: cJSON_HasObjectItem would find a
     * "cOntext" (an unknown key, kept) and the replace would then fail
     * (a fuzz finding). */
    int ok = v != NULL && (cJSON_GetObjectItemCaseSensitive(item, "context") != NULL
                           ? cJSON_ReplaceItemInObjectCaseSensitive(item, "context", v)
                           : cJSON_AddItemToObject(item, "context", v));
    if (!ok) {
        cJSON_Delete(v);
        m->oom = 1;
    }
}

static void add_to(merge *m, cJSON *array, cJSON *item)
{
    if (item == NULL || !cJSON_AddItemToArray(array, item)) {
        cJSON_Delete(item);
        m->oom = 1;
    }
}

/* A result of the run, as JSON with its context's slot. */
static cJSON *new_item(merge *m, const cbench_result *r)
{
    cJSON *item = cbench_store_result_to_json(r);
    if (item != NULL)
        set_context(m, item, context_slot(m, 0, r->context));
    return item;
}

/* The old file's result k (its JSON mine, detached) as it is carried over,
 * or the run's replacement n of it; NULL after an out of memory. */
static cJSON *merged_item(merge *m, size_t k, cJSON *mine, const cbench_result *n,
                          cbench_store_merge_info *info)
{
    const cbench_result *o = &m->old->results[k];
    int keep = n == NULL || (cbench__result_partial(n) && !cbench__result_partial(o)
                             && o->n_samples > 0);
    if (n != NULL && keep && info->kept++ == 0)
        info->kept_id = n->id;
    if (!keep) {
        cJSON_Delete(mine);
        return new_item(m, n);
    }
    exact_numbers(m, mine);
    set_context(m, mine, context_slot(m, 1, o->context));
    return mine;
}

/* Every result: the old ones in their places (replaced or kept), except
 * that the places of the run's benchmarks take them in the run's order
 * (the order they were registered: a run whose results finished out of
 * it saves them once more in order, run/save.h), then the run's new
 * ones. */
static void merge_results(merge *m, cJSON *out, cbench_store_merge_info *info)
{
    cJSON *old_items = cJSON_GetObjectItemCaseSensitive(m->tree, "results");
    size_t n_old = m->old->n_results, n_run = m->run->n_results;
    cJSON **items = calloc(n_old + 1, sizeof *items);
    size_t *owner = malloc((n_old + 1) * sizeof *owner);     /* run index, or n_run */
    cJSON **by_run = calloc(n_run + 1, sizeof *by_run);      /* the run's, placed */
    if (items == NULL || owner == NULL || by_run == NULL) {
        free(items), free(owner), free(by_run);
        m->oom = 1;
        return;
    }
    cJSON *item = old_items != NULL ? old_items->child : NULL;
    size_t n = 0;
    for (; n < n_old && item != NULL; n++) {
        cJSON *next = item->next;
        const cbench_result *r = cbench__run_find(m->run, m->old->results[n].id);
        owner[n] = r != NULL ? (size_t)(r - m->run->results) : n_run;
        items[n] = merged_item(m, n, cJSON_DetachItemViaPointer(old_items, item), r, info);
        m->oom |= items[n] == NULL;
        if (r != NULL)
            by_run[owner[n]] = items[n];
        item = next;
    }
    /* The run's places, filled in its order. Ids are unique (the loader
     * checks), so there are as many places as items for them; every item
     * goes to add_to, which keeps or frees it, even after an out of memory. */
    size_t next_run = 0;
    for (size_t k = 0; k < n; k++) {
        if (owner[k] != n_run) {
            while (next_run < n_run && by_run[next_run] == NULL)
                next_run++;
            items[k] = next_run < n_run ? by_run[next_run++] : NULL;
        }
        add_to(m, out, items[k]);
    }
    for (size_t i = 0; i < n_run && !m->oom; i++)
        if (by_run[i] == NULL)
            add_to(m, out, new_item(m, &m->run->results[i]));
    free(items), free(owner), free(by_run);
}

/* Adds item (owned; NULL after an out of memory) to root under key: on
 * failure (cJSON copies the key) it is freed and the merge fails rather
 * than write a file without it. */
static void attach(merge *m, cJSON *root, const char *key, cJSON *item)
{
    if (item == NULL || !cJSON_AddItemToObject(root, key, item)) {
        cJSON_Delete(item);
        m->oom = 1;
    }
}

/* The output document: schema, contexts, results, then the old file's
 * own top-level keys this build does not know. "scaling" (an export's
 * fits of its sweeps, export_scaling.h) is known and dropped: it is
 * derived from results the merge may replace, so kept it would describe
 * a run the file no longer holds. */
static cJSON *assemble(merge *m, cJSON *results)
{
    static const char *const known[] = {"schema", "context", "contexts", "results",
                                        "scaling"};
    cJSON *root = cJSON_CreateObject(), *contexts = cJSON_CreateArray();
    if (root == NULL || contexts == NULL) {
        cJSON_Delete(root);
        cJSON_Delete(contexts);
        cJSON_Delete(results);
        m->oom = 1;
        return NULL;
    }
    attach(m, root, "schema", cbench_store_uint_item(CBENCH_STORE_SCHEMA));
    attach(m, root, "context", m->slots[0]);
    for (size_t i = 1; i < m->n_slots; i++)
        cJSON_AddItemToArray(contexts, m->slots[i]);
    m->n_slots = 0;                               /* root owns them now */
    attach(m, root, "contexts", contexts);
    attach(m, root, "results", results);
    cJSON *it = m->tree != NULL ? m->tree->child : NULL;
    while (it != NULL) {
        cJSON *next = it->next;
        int mine = 0;
        for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
            mine |= it->string != NULL && strcmp(it->string, known[k]) == 0;
        if (!mine) {
            cJSON *moved = cJSON_DetachItemViaPointer(m->tree, it);
            exact_numbers(m, moved);
            attach(m, root, moved->string, moved);
        }
        it = next;
    }
    return root;
}

int cbench_store_merge(const char *old, size_t old_len, const char *file, const cbench_run *run,
                       char **out, size_t *out_len, cbench_store_merge_info *info,
                       char *err, size_t errlen)
{
    merge m = {.run = run};
    cbench_run *empty = NULL, *parsed = NULL;
    cbench_store_merge_info dummy;
    info = info != NULL ? info : &dummy;
    *info = (cbench_store_merge_info){0, NULL};
    *out = NULL;
    int rc = old != NULL ? cbench_store_parse_tree(old, old_len, file, &parsed, &m.tree, err,
                                                   errlen)
                         : (empty = cbench__run_new()) != NULL ? 0 : CBENCH_ENOMEM;
    if (rc != 0)
        return rc;
    m.old = parsed != NULL ? parsed : empty;
    m.map_old = calloc(m.old->n_contexts + 1, sizeof *m.map_old);
    m.map_new = calloc(run->n_contexts + 1, sizeof *m.map_new);
    cJSON *results = cJSON_CreateArray(), *root = NULL;
    if (m.map_old == NULL || m.map_new == NULL || results == NULL)
        m.oom = 1;
    else
        context_slot(&m, 0, 0);                   /* the saving run: "context" */
    if (!m.oom)
        merge_results(&m, results, info);
    if (!m.oom)
        root = assemble(&m, results);
    else
        cJSON_Delete(results);
    if (!m.oom && root != NULL)
        *out = cbench_store_print(root, out_len);
    cJSON_Delete(root);
    for (size_t i = 0; i < m.n_slots; i++)
        cJSON_Delete(m.slots[i]);
    free(m.slots);
    free(m.map_old);
    free(m.map_new);
    cJSON_Delete(m.tree);
    cbench__run_free(parsed);
    cbench__run_free(empty);
    if (*out == NULL)
        return cbench__fail(err, errlen, CBENCH_ENOMEM, "baseline '%s': out of memory merging",
                            file);
    return 0;
}

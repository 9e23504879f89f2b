/* SPDX-License-Identifier: MIT
 *
 * json_ucount.c - a result's user counters in baseline JSON, both ways
 * (format: json_write.c, "user_counters").
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/ucount.h"
#include "store/json_read.h"
#include "store/json_write.h"

const char *const cbench_store_counter_flag_names[CBENCH_STORE_N_COUNTER_FLAGS] = {
    "rate", "per-iteration", "iteration-invariant", "avg-threads", "base-1024",
    "higher-is-better",
};

/* {==================================================================
 * Writing.
 * =================================================================== */

/* Adds item under key (or to the array when key is NULL); 0, or -1 when
 * item is NULL or cannot be added (item freed). */
static int add(cJSON *to, const char *key, cJSON *item)
{
    int ok = item != NULL && to != NULL
          && (key != NULL ? cJSON_AddItemToObject(to, key, item) : cJSON_AddItemToArray(to, item));
    if (!ok)
        cJSON_Delete(item);
    return ok ? 0 : -1;
}

static cJSON *flags_item(unsigned flags)
{
    cJSON *a = cJSON_CreateArray();
    int bad = a == NULL;
    for (unsigned i = 0; i < CBENCH_STORE_N_COUNTER_FLAGS && !bad; i++)
        if (flags & (1u << i))
            bad |= add(a, NULL, cJSON_CreateString(cbench_store_counter_flag_names[i]));
    if (bad) {
        cJSON_Delete(a);
        return NULL;
    }
    return a;
}

static cJSON *rounds_item(const cbench_user_counter *u)
{
    cJSON *o = cJSON_CreateObject(), *v = cJSON_CreateArray(), *id = cJSON_CreateArray();
    int bad = add(o, "value", v) | add(o, "round", id);
    for (size_t i = 0; i < u->n_rounds && !bad; i++)
        bad |= add(v, NULL, cbench_store_num_item(u->rounds[i]))
             | add(id, NULL, cbench_store_uint_item(u->round_ids[i]));
    if (bad) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *counter_item(const cbench_user_counter *u)
{
    cJSON *o = cJSON_CreateObject();
    char name[sizeof u->name];
    memcpy(name, u->name, sizeof name);
    name[sizeof name - 1] = '\0';            /* never trust a full buffer */
    int bad = add(o, "name", cJSON_CreateString(name))
            | add(o, "flags", flags_item(u->flags))
            | add(o, "value", cbench_store_estimate_item(&u->value))
            | add(o, "base", cbench_store_num_item(u->base))
            | add(o, "rounds", rounds_item(u))
            | add(o, "change", cbench_store_change_item(u->has_change, &u->change));
    if (bad) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

cJSON *cbench_store_ucounters_to_json(const cbench_result *r)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < r->n_user_counters && a != NULL; i++)
        if (add(a, NULL, counter_item(&r->user_counters[i])) != 0) {
            cJSON_Delete(a);
            a = NULL;
        }
    return a;
}

/* {==================================================================
 * Reading.
 * =================================================================== */

/* "flags": names into bits; a name this build does not know is skipped
 * (a newer writer may add flags). */
static int rd_flags(cbench_store_jr *r, const cJSON *o, unsigned *flags)
{
    const cJSON *a, *it;
    size_t i = 0;
    *flags = 0;
    int rc = cbench_store_rd_arr(r, o, "flags", &a);
    if (rc != 0 || a == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, "flags");
    cJSON_ArrayForEach(it, a) {
        if (!cJSON_IsString(it)) {
            size_t k = cbench_store_push_index(r, i);
            rc = cbench_store_bad(r, "expected a flag name (a string)");
            cbench_store_pop(r, k);
            break;
        }
        for (unsigned b = 0; b < CBENCH_STORE_N_COUNTER_FLAGS; b++)
            if (strcmp(it->valuestring, cbench_store_counter_flag_names[b]) == 0)
                *flags |= 1u << b;
        i++;
    }
    cbench_store_pop(r, m);
    return rc;
}

/* "rounds": {"value": [num...], "round": [int...]} of equal length. */
static int rd_rounds(cbench_store_jr *r, const cJSON *o, cbench_user_counter *u)
{
    const cJSON *ro, *v = NULL, *id = NULL, *it;
    int rc = cbench_store_rd_obj(r, o, "rounds", &ro);
    if (rc != 0 || ro == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, "rounds");
    rc = cbench_store_rd_arr(r, ro, "value", &v);
    if (rc == 0) rc = cbench_store_rd_arr(r, ro, "round", &id);
    size_t n = v != NULL ? (size_t)cJSON_GetArraySize(v) : 0;
    if (rc == 0 && (id != NULL ? (size_t)cJSON_GetArraySize(id) : 0) != n)
        rc = cbench_store_bad(r, "\"round\" has %d entries but \"value\" has %zu",
                              id ? cJSON_GetArraySize(id) : 0, n);
    if (rc == 0 && n > 0) {
        u->rounds = malloc(n * sizeof *u->rounds);
        u->round_ids = malloc(n * sizeof *u->round_ids);
        if (u->rounds == NULL || u->round_ids == NULL)
            rc = cbench_store_oom(r);
    }
    const cJSON *values = rc == 0 && n > 0 ? v : NULL, *ids = rc == 0 && n > 0 ? id : NULL;
    size_t i = 0;
    cJSON_ArrayForEach(it, values) {
        size_t k = cbench_store_push_key(r, "value");
        cbench_store_push_index(r, i);
        rc = cbench_store_num_value(r, it, &u->rounds[i]);
        cbench_store_pop(r, k);
        if (rc != 0)
            break;
        i++;
    }
    i = 0;
    if (rc != 0)
        ids = NULL;
    cJSON_ArrayForEach(it, ids) {
        uint64_t x;
        size_t k = cbench_store_push_key(r, "round");
        cbench_store_push_index(r, i);
        rc = cbench_store_uint_value(r, it, UINT32_MAX, &x);
        cbench_store_pop(r, k);
        if (rc != 0)
            break;
        u->round_ids[i++] = (uint32_t)x;
    }
    if (rc == 0)
        u->n_rounds = n;
    cbench_store_pop(r, m);
    return rc;
}

static int rd_name(cbench_store_jr *r, const cJSON *c, cbench_user_counter *u)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
    /* The rule cbench_counter() enforces: a name is printed in TAP lines,
     * CSV headers and the report, and a forged one must not forge them. */
    if (cJSON_IsString(name) && cbench__ucount_name_ok(name->valuestring)) {
        memcpy(u->name, name->valuestring, strlen(name->valuestring) + 1);
        return 0;
    }
    size_t m = cbench_store_push_key(r, "name");
    int rc = cbench_store_bad(r, "expected a counter name: 1 to %d letters, digits or _-.: "
                              "not starting with a digit", CBENCH_COUNTER_NAME_MAX);
    cbench_store_pop(r, m);
    return rc;
}

static int rd_counter(cbench_store_jr *r, const cJSON *c, cbench_user_counter *u)
{
    if (!cJSON_IsObject(c))
        return cbench_store_bad(r, "expected an object");
    cbench__estimate_undef(&u->change.mean);
    cbench__estimate_undef(&u->change.median);
    u->change.p_value = u->change.df = NAN;
    int rc = rd_name(r, c, u);
    if (rc == 0) rc = rd_flags(r, c, &u->flags);
    if (rc == 0) rc = cbench_store_rd_estimate(r, c, "value", &u->value);
    if (rc == 0) rc = cbench_store_rd_num(r, c, "base", &u->base);
    if (rc == 0) rc = rd_rounds(r, c, u);
    if (rc == 0) rc = cbench_store_rd_change(r, c, &u->change, &u->has_change);
    return rc;
}

int cbench_store_rd_user_counters(cbench_store_jr *r, const cJSON *o, cbench_result *res)
{
    const cJSON *a, *it;
    int rc = cbench_store_rd_arr(r, o, "user_counters", &a);
    if (rc != 0 || a == NULL || cJSON_GetArraySize(a) == 0)
        return rc;
    size_t m = cbench_store_push_key(r, "user_counters");
    size_t n = (size_t)cJSON_GetArraySize(a);
    if (n > CBENCH_MAX_USER_COUNTERS)
        rc = cbench_store_bad(r, "%zu counters, at most %d are supported", n,
                              CBENCH_MAX_USER_COUNTERS);
    if (rc == 0 && (res->user_counters = calloc(n, sizeof *res->user_counters)) == NULL)
        rc = cbench_store_oom(r);
    const cJSON *list = rc == 0 ? a : NULL;
    cJSON_ArrayForEach(it, list) {
        size_t i = res->n_user_counters;
        size_t k = cbench_store_push_index(r, i);
        /* Counted before it is read, so a half-read one is freed too. */
        res->n_user_counters++;
        rc = rd_counter(r, it, &res->user_counters[i]);
        for (size_t j = 0; j < i && rc == 0; j++)
            if (strcmp(res->user_counters[j].name, res->user_counters[i].name) == 0)
                rc = cbench_store_bad(r, "duplicate name '%s' (also [%zu])",
                                      res->user_counters[i].name, j);
        cbench_store_pop(r, k);
        if (rc != 0)
            break;
    }
    cbench_store_pop(r, m);
    return rc;
}

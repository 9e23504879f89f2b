/* SPDX-License-Identifier: MIT
 *
 * json_samples.c - what one result of baseline JSON measured: its raw
 * samples, Tukey outliers and fences, hardware counters and what its
 * threads did (format: json_write.c; the rest of a result:
 * json_result.c).
 */
#include "store/json_read.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

/* One sample column: every element a number (or null) stored via set(). */
static int rd_column(cbench_store_jr *r, const cJSON *s, const char *key, size_t n,
                     cbench_sample *out, int which)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(s, key), *it;
    size_t m = cbench_store_push_key(r, key), i = 0;
    int rc = 0;
    cbench_store_jr quiet = {.file = r->file};          /* num_value without a message */
    cJSON_ArrayForEach(it, a) {
        size_t k = cbench_store_push_index(r, i);
        double v;
        uint64_t u;
        if (which == 2) {
            rc = cbench_store_uint_value(r, it, UINT32_MAX, &u);
            out[i].round = (uint32_t)u;
        } else if (cbench_store_num_value(&quiet, it, &v) == 0) {
            if (which == 0) out[i].iters = v; else out[i].ns = v;
        } else {
            rc = cbench_store_bad(r, "expected a number");
        }
        cbench_store_pop(r, k);
        if (rc != 0)
            break;
        i++;
    }
    (void)n;
    cbench_store_pop(r, m);
    return rc;
}

int cbench_store_rd_samples(cbench_store_jr *r, const cJSON *o, cbench_result *res)
{
    static const char *const cols[] = {"iters", "ns", "round"};
    const cJSON *s, *a[3];
    int rc = cbench_store_rd_obj(r, o, "samples", &s);
    if (rc != 0 || s == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, "samples");
    for (int i = 0; i < 3 && rc == 0; i++) {
        rc = cbench_store_rd_arr(r, s, cols[i], &a[i]);
        if (rc == 0 && a[i] == NULL)
            rc = cbench_store_bad(r, "missing \"%s\" (an array is required)", cols[i]);
    }
    size_t n = rc == 0 ? (size_t)cJSON_GetArraySize(a[0]) : 0;
    for (int i = 1; i < 3 && rc == 0; i++)
        if ((size_t)cJSON_GetArraySize(a[i]) != n)
            rc = cbench_store_bad(r, "\"%s\" has %d entries but \"iters\" has %zu", cols[i],
                     cJSON_GetArraySize(a[i]), n);
    if (rc == 0 && n > 0) {
        res->samples = calloc(n, sizeof *res->samples);
        if (res->samples == NULL)
            rc = cbench_store_oom(r);
    }
    for (int i = 0; i < 3 && rc == 0 && n > 0; i++)
        rc = rd_column(r, s, cols[i], n, res->samples, i);
    if (rc == 0)
        res->n_samples = n;
    cbench_store_pop(r, m);
    return rc;
}

int cbench_store_rd_outliers(cbench_store_jr *r, const cJSON *o, cbench_outliers *x)
{
    const cJSON *ob, *f, *it;
    for (size_t i = 0; i < 4; i++)
        x->fences[i] = NAN;
    int rc = cbench_store_rd_obj(r, o, "outliers", &ob);
    if (rc != 0 || ob == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, "outliers");
    rc = cbench_store_rd_unsigned(r, ob, "low_severe", &x->low_severe);
    if (rc == 0) rc = cbench_store_rd_unsigned(r, ob, "low_mild", &x->low_mild);
    if (rc == 0) rc = cbench_store_rd_unsigned(r, ob, "normal", &x->normal);
    if (rc == 0) rc = cbench_store_rd_unsigned(r, ob, "high_mild", &x->high_mild);
    if (rc == 0) rc = cbench_store_rd_unsigned(r, ob, "high_severe", &x->high_severe);
    if (rc == 0) rc = cbench_store_rd_arr(r, ob, "fences", &f);
    if (rc == 0 && f != NULL) {
        size_t k = cbench_store_push_key(r, "fences"), i = 0;
        if (cJSON_GetArraySize(f) != 4)
            rc = cbench_store_bad(r, "expected 4 numbers, found %d entries", cJSON_GetArraySize(f));
        cJSON_ArrayForEach(it, f) {
            if (rc != 0)
                break;
            size_t k2 = cbench_store_push_index(r, i);
            rc = cbench_store_num_value(r, it, &x->fences[i++]);
            cbench_store_pop(r, k2);
        }
        cbench_store_pop(r, k);
    }
    cbench_store_pop(r, m);
    return rc;
}

static int rd_counter(cbench_store_jr *r, const cJSON *c, cbench_counter_value *cv)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
    int rc;
    if (!cJSON_IsObject(c))
        return cbench_store_bad(r, "expected an object");
    if (!cJSON_IsString(name) || strlen(name->valuestring) >= sizeof cv->name) {
        size_t m = cbench_store_push_key(r, "name");
        rc = cbench_store_bad(r, "expected a string of at most %zu bytes", sizeof cv->name - 1);
        cbench_store_pop(r, m);
        return rc;
    }
    memcpy(cv->name, name->valuestring, strlen(name->valuestring) + 1);
    rc = cbench_store_rd_num(r, c, "per_iter", &cv->per_iter);
    if (rc == 0) rc = cbench_store_rd_num(r, c, "base_per_iter", &cv->base_per_iter);
    if (rc == 0) rc = cbench_store_rd_bool(r, c, "exact", &cv->exact);
    return rc;
}

int cbench_store_rd_counters(cbench_store_jr *r, const cJSON *o, cbench_result *res)
{
    const cJSON *a, *it;
    int rc = cbench_store_rd_arr(r, o, "counters", &a);
    if (rc != 0 || a == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, "counters");
    if (cJSON_GetArraySize(a) > CBENCH_MAX_COUNTERS)
        rc = cbench_store_bad(r, "%d counters, at most %d are supported", cJSON_GetArraySize(a),
                 CBENCH_MAX_COUNTERS);
    cJSON_ArrayForEach(it, a) {
        if (rc != 0)
            break;
        size_t k = cbench_store_push_index(r, res->n_counters);
        rc = rd_counter(r, it, &res->counters[res->n_counters]);
        cbench_store_pop(r, k);
        if (rc == 0)
            res->n_counters++;
    }
    cbench_store_pop(r, m);
    return rc;
}

/* Each thread's CPU time per iteration: count numbers, or null. */
static int rd_thread_cpu(cbench_store_jr *r, const cJSON *t, cbench_threads_info *ti)
{
    const cJSON *a, *it;
    int rc = cbench_store_rd_arr(r, t, "cpu_ns_per_iter", &a);
    if (rc != 0 || a == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, "cpu_ns_per_iter"), i = 0;
    if (cJSON_GetArraySize(a) != (int)ti->count)
        rc = cbench_store_bad(r, "%d values for %u threads", cJSON_GetArraySize(a), ti->count);
    else if ((ti->cpu_ns = calloc(ti->count, sizeof *ti->cpu_ns)) == NULL)
        rc = cbench_store_oom(r);
    cJSON_ArrayForEach(it, a) {
        if (rc != 0)
            break;
        size_t k = cbench_store_push_index(r, i);
        rc = cbench_store_num_value(r, it, &ti->cpu_ns[i++]);
        cbench_store_pop(r, k);
    }
    cbench_store_pop(r, m);
    return rc;
}

/* "threads": null, or what a multi-threaded benchmark's threads did
 * (optional: files before threads have none). */
int cbench_store_rd_threads(cbench_store_jr *r, const cJSON *o, cbench_threads_info *ti)
{
    const cJSON *t;
    int rc = cbench_store_rd_obj(r, o, "threads", &t);
    if (rc != 0 || t == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, "threads");
    uint64_t u = 0;
    unsigned of_id = ti->count;        /* the id's suffix (json_check.c) */
    rc = cbench_store_rd_uint(r, t, "count", CBENCH_THREADS_MAX, &u);
    ti->count = (unsigned)u;
    if (rc == 0 && ti->count != of_id)
        rc = cbench_store_bad(r, "count %u is not the thread count of the id (%u)",
                              ti->count, of_id);
    if (rc == 0) rc = cbench_store_rd_unsigned(r, t, "cpus", &ti->cpus);
    if (rc == 0) rc = cbench_store_rd_bool(r, t, "oversubscribed", &ti->oversubscribed);
    if (rc == 0) rc = cbench_store_rd_num(r, t, "imbalance", &ti->imbalance);
    if (rc == 0) rc = rd_thread_cpu(r, t, ti);
    cbench_store_pop(r, m);
    return rc;
}

/* SPDX-License-Identifier: MIT
 *
 * export_scaling.c - the complexity and knees of a run's sweeps in the
 * exports (export_scaling.h).
 *
 * Google Benchmark (src/complexity.cc, json_reporter.cc) writes two
 * aggregate rows after the last instance of a family with ->Complexity():
 * "FAMILY_BigO" (aggregate_name "BigO", aggregate_unit "time", with
 * cpu_coefficient, real_coefficient, big_o and time_unit, and no
 * real_time/cpu_time: compare.py skips rows without them) and
 * "FAMILY_RMS" (aggregate_name "RMS", aggregate_unit "percentage", rms:
 * Google's normalised RMS as a fraction; cbench's is the relative RMS of
 * its fit on relative errors, stats/complexity.h). cbench measures wall
 * time only, so both coefficients are its one coefficient. Its fit over
 * every size is Google's models over the same sizes; what cbench adds, the fit with the knees' steps divided out
 * and one fit per plateau between knees, are more rows of the same shape
 * whose names say the part of the sweep.
 */
#include "store/export_scaling.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "store/json_write.h"

/* The builder remembers one out-of-memory so call sites stay linear. */
typedef struct sj {
    int oom;
} sj;

static void put(sj *w, cJSON *obj, const char *key, cJSON *item)
{
    cbench_store_put(&w->oom, obj, key, item);
}

static cJSON *str_or_null(const char *s)
{
    return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static double size_at(const cbench_run *run, const cbench_scaling *s, size_t i)
{
    return (double)run->results[s->results[i]].param_value;
}

static cJSON *size_item(const cbench_run *run, const cbench_scaling *s, size_t i)
{
    return cbench_store_uint_item((uint64_t)size_at(run, s, i));
}

/* {=================================================================
 * Plateaus: the sizes between knees.
 * ================================================================== */

static size_t n_plateaus(const cbench_scaling *s)
{
    return s->knees_rc == 0 && s->knees.n_knees > 0 ? s->knees.n_knees + 1 : 0;
}

/* Plateau j of s (0 .. n_knees): its first and last size (indices). */
static void plateau(const cbench_scaling *s, size_t j, size_t *first, size_t *last)
{
    const cbench_knees *k = &s->knees;
    *first = j == 0 ? 0 : k->knees[j - 1].hi;
    *last = j == k->n_knees ? s->n - 1 : k->knees[j].lo;
}

/* The complexity of sizes first..last of s alone (their typical times). */
static int fit_range(const cbench_run *run, const cbench_scaling *s, size_t first,
                     size_t last, cbench_complexity *out)
{
    size_t m = last >= first ? last - first + 1 : 0;
    if (m < CBENCH_COMPLEXITY_MIN_SIZES)
        return CBENCH_EDOMAIN;
    double *v = malloc(2 * m * sizeof *v);
    if (v == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < m; i++) {
        v[i] = size_at(run, s, first + i);
        v[m + i] = run->results[s->results[first + i]].typical.point;
    }
    int rc = cbench_complexity_fit(v, v + m, m, out);
    free(v);
    return rc;
}

/* "the L2 knee", "the knee near L3" or "the knee at 8192-16384". */
static void knee_words(char *buf, size_t n, const cbench_knee *k, const cbench_scalings *all)
{
    if (k->cache >= 0 && (size_t)k->cache < all->n_caches)
        snprintf(buf, n, k->cache_near ? "the knee near %s" : "the %s knee",
                 all->caches[k->cache].name);
    else
        snprintf(buf, n, "the knee at %.0f-%.0f", k->n_lo, k->n_hi);
}

/* "below the L1d knee", "between the L1d knee and the L2 knee", "above
 * the L2 knee". */
static void plateau_label(char *buf, size_t n, const cbench_scaling *s, size_t j,
                          const cbench_scalings *all)
{
    char a[64] = "", b[64] = "";
    const cbench_knees *k = &s->knees;
    if (j > 0)
        knee_words(a, sizeof a, &k->knees[j - 1], all);
    if (j < k->n_knees)
        knee_words(b, sizeof b, &k->knees[j], all);
    if (j == 0)
        snprintf(buf, n, "below %s", b);
    else if (j == k->n_knees)
        snprintf(buf, n, "above %s", a);
    else
        snprintf(buf, n, "between %s and %s", a, b);
}

/* {=================================================================
 * cbench's JSON: the "scaling" section.
 * ================================================================== */

static cJSON *fit_item(sj *w, int rc, const cbench_complexity *c)
{
    if (rc != 0 || (unsigned)c->best >= CBENCH_BIGO_COUNT)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    put(w, o, "model", cJSON_CreateString(cbench_bigo_name(c->best)));
    put(w, o, "big_o", cJSON_CreateString(cbench_bigo_gbench(c->best)));
    put(w, o, "coefficient_ns", cbench_store_num_item(c->coef));
    put(w, o, "rms", cbench_store_num_item(c->rms));
    return o;
}

static cJSON *knee_item(sj *w, const cbench_knee *k, const cbench_scalings *all)
{
    int known = k->cache >= 0 && (size_t)k->cache < all->n_caches;
    cJSON *o = cJSON_CreateObject();
    put(w, o, "n_lo", cbench_store_uint_item((uint64_t)k->n_lo));
    put(w, o, "n_hi", cbench_store_uint_item((uint64_t)k->n_hi));
    put(w, o, "factor", cbench_store_estimate_item(&k->factor));
    put(w, o, "bytes_lo", cbench_store_num_item(k->bytes_lo));
    put(w, o, "bytes_hi", cbench_store_num_item(k->bytes_hi));
    put(w, o, "cache", known ? cJSON_CreateString(all->caches[k->cache].name)
                             : cJSON_CreateNull());
    put(w, o, "cache_bytes", known ? cbench_store_uint_item((uint64_t)all->caches[k->cache].bytes)
                                   : cJSON_CreateNull());
    put(w, o, "cache_near", cJSON_CreateBool(known && k->cache_near));
    return o;
}

/* Why a sweep has no knees, in words (scaling.h: the codes a fit gets). */
static const char *knees_why(int rc)
{
    switch (rc) {
    case 0: return NULL;
    case CBENCH_EDOMAIN: return "fewer than 2 rounds at some size";
    case CBENCH_EINVAL: return "no per-round estimates at some size (results without "
                               "samples), or more sizes than the fit takes";
    default: return cbench_strerror(rc);
    }
}

static cJSON *knees_item(sj *w, const cbench_scaling *s, const cbench_scalings *all)
{
    if (s->knees_rc != 0)
        return cJSON_CreateNull();
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < s->knees.n_knees; i++)
        put(w, a, NULL, knee_item(w, &s->knees.knees[i], all));
    return a;
}

static cJSON *segments_item(sj *w, const cbench_run *run, const cbench_scaling *s)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; s->knees_rc == 0 && i < s->knees.n_segments; i++) {
        const cbench_knee_segment *g = &s->knees.segments[i];
        cJSON *o = cJSON_CreateObject();
        put(w, o, "first_n", size_item(run, s, g->first));
        put(w, o, "last_n", size_item(run, s, g->last));
        put(w, o, "ns_per_element", cbench_store_num_item(g->level));
        put(w, a, NULL, o);
    }
    return a;
}

static cJSON *plateaus_item(sj *w, const cbench_run *run, const cbench_scaling *s,
                            const cbench_scalings *all)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t j = 0; j < n_plateaus(s); j++) {
        size_t first, last;
        char label[160];
        cbench_complexity c;
        plateau(s, j, &first, &last);
        plateau_label(label, sizeof label, s, j, all);
        int rc = fit_range(run, s, first, last, &c);
        w->oom |= rc == CBENCH_ENOMEM;
        cJSON *o = cJSON_CreateObject();
        put(w, o, "first_n", size_item(run, s, first));
        put(w, o, "last_n", size_item(run, s, last));
        put(w, o, "label", cJSON_CreateString(label));
        put(w, o, "complexity", fit_item(w, rc, &c));
        put(w, a, NULL, o);
    }
    return a;
}

static cJSON *sweep_item(sj *w, const cbench_run *run, const cbench_scaling *s,
                         const cbench_scalings *all)
{
    const cbench_result *first = &run->results[s->results[0]];
    cJSON *o = cJSON_CreateObject(), *ids = cJSON_CreateArray(), *sizes = cJSON_CreateArray();
    put(w, o, "group", str_or_null(s->group));
    put(w, o, "name", str_or_null(s->name));
    put(w, o, "threads", first->threads.count ? cbench_store_uint_item(first->threads.count)
                                              : cJSON_CreateNull());
    put(w, o, "combination", s->combo[0] ? cJSON_CreateString(s->combo) : cJSON_CreateNull());
    for (size_t i = 0; i < s->n; i++) {
        put(w, ids, NULL, str_or_null(run->results[s->results[i]].id));
        put(w, sizes, NULL, size_item(run, s, i));
    }
    put(w, o, "ids", ids);
    put(w, o, "sizes", sizes);
    put(w, o, "bytes_per_element", cbench_store_num_item(s->bytes_per_element));
    put(w, o, "complexity", fit_item(w, s->complexity_rc, &s->complexity));
    put(w, o, "between_knees", cJSON_CreateBool(s->between_knees));
    put(w, o, "whole", fit_item(w, s->whole_rc, &s->whole));
    put(w, o, "knees", knees_item(w, s, all));
    put(w, o, "knees_error", str_or_null(knees_why(s->knees_rc)));
    put(w, o, "segments", segments_item(w, run, s));
    put(w, o, "plateaus", plateaus_item(w, run, s, all));
    return o;
}

cJSON *cbench_store_scaling_to_json(const cbench_run *run)
{
    cbench_scalings s;
    if (cbench_scaling_fit(run, NULL, &s) != 0)
        return NULL;
    sj w = {0};
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < s.n && !w.oom; i++)
        put(&w, a, NULL, sweep_item(&w, run, &s.v[i], &s));
    cbench_scaling_free(&s);
    if (w.oom || a == NULL) {
        cJSON_Delete(a);
        return NULL;
    }
    return a;
}

int cbench_store_add_scaling(cJSON *root, const cbench_run *run)
{
    cJSON *a = cbench_store_scaling_to_json(run);
    if (a != NULL && cJSON_GetArraySize(a) == 0) {
        cJSON_Delete(a);
        return 0;
    }
    if (a == NULL || root == NULL || !cJSON_AddItemToObject(root, "scaling", a)) {
        cJSON_Delete(a);
        return CBENCH_ENOMEM;
    }
    return 0;
}

/* {=================================================================
 * Google Benchmark's rows.
 * ================================================================== */

/* An exact number, never null (Google's tools do arithmetic on these). */
static cJSON *gnum(double v)
{
    char buf[40];
    cbench_store_format_double(buf, sizeof buf, isfinite(v) ? v : 0.0);
    return cJSON_CreateRaw(buf);
}

/* Where a pair of rows goes and what they share. */
typedef struct bigo_at {
    cJSON *list;
    const cbench_result *last;         /* the sweep's last result in run order */
    uint64_t family, instance;
} bigo_at;

/* a followed by b, malloc'd; NULL on out of memory. */
static char *joined(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s%s", a, b);
    return s;
}

/* The rows "BASE_BigO" and "BASE_RMS" of fit c; label may be NULL. */
static void bigo_pair(sj *w, const bigo_at *at, const char *base, const cbench_complexity *c,
                      const char *label)
{
    for (int rms = 0; rms < 2 && !w->oom; rms++) {
        char *name = joined(base, rms ? "_RMS" : "_BigO");
        cJSON *o = cJSON_CreateObject();
        put(w, o, "name", name != NULL ? cJSON_CreateString(name) : NULL);
        free(name);
        put(w, o, "family_index", cbench_store_uint_item(at->family));
        put(w, o, "per_family_instance_index", cbench_store_uint_item(at->instance));
        put(w, o, "run_name", cJSON_CreateString(base));
        put(w, o, "run_type", cJSON_CreateString("aggregate"));
        put(w, o, "repetitions", cbench_store_uint_item(at->last->n_rounds));
        put(w, o, "threads",
            cbench_store_uint_item(at->last->threads.count ? at->last->threads.count : 1));
        put(w, o, "aggregate_name", cJSON_CreateString(rms ? "RMS" : "BigO"));
        put(w, o, "aggregate_unit", cJSON_CreateString(rms ? "percentage" : "time"));
        if (rms) {
            put(w, o, "rms", gnum(c->rms));
        } else {
            put(w, o, "cpu_coefficient", gnum(c->coef));
            put(w, o, "real_coefficient", gnum(c->coef));
            put(w, o, "big_o", cJSON_CreateString(cbench_bigo_gbench(c->best)));
            put(w, o, "time_unit", cJSON_CreateString("ns"));
        }
        if (label != NULL)
            put(w, o, "label", cJSON_CreateString(label));
        put(w, at->list, NULL, o);
    }
}

/* "group/name", with the axes after the first (the sweep's combination)
 * and "/threads=N" for a thread count, as in the ids:
 * "stride/rmw/stride=4/threads=2" (malloc'd). */
static char *family_of(const cbench_scaling *s, const cbench_result *r)
{
    char threads[CBENCH_SCALING_COMBO_MAX] = "";
    size_t at = 0;
    for (unsigned k = 1; k < r->n_axes && at < sizeof threads; k++) {
        int w = snprintf(threads + at, sizeof threads - at, "/%s=%lld", r->axes[k].name,
                         (long long)r->axes[k].value);
        at += w > 0 ? (size_t)w : 0;
    }
    if (r->threads.count && at < sizeof threads)
        snprintf(threads + at, sizeof threads - at, "/threads=%u", r->threads.count);
    const char *g = s->group != NULL ? s->group : "", *n = s->name != NULL ? s->name : "";
    size_t len = strlen(g) + strlen(n) + strlen(threads) + 2;
    char *f = malloc(len);
    if (f != NULL)
        snprintf(f, len, "%s/%s%s", g, n, threads);
    return f;
}

/* The rows of plateau j of s, when it has a fit. */
static void plateau_rows(sj *w, const bigo_at *at, const char *family, const cbench_run *run,
                         const cbench_scaling *s, size_t j, const cbench_scalings *all)
{
    size_t first, last;
    cbench_complexity c;
    plateau(s, j, &first, &last);
    int rc = fit_range(run, s, first, last, &c);
    w->oom |= rc == CBENCH_ENOMEM;
    if (rc != 0)
        return;
    char part[96], label[160];
    snprintf(part, sizeof part, "/n=%.0f-%.0f", size_at(run, s, first), size_at(run, s, last));
    plateau_label(label, sizeof label, s, j, all);
    char *base = joined(family, part);
    if (base == NULL)
        w->oom = 1;
    else
        bigo_pair(w, at, base, &c, label);
    free(base);
}

static void sweep_rows(sj *w, const bigo_at *at, const cbench_run *run, const cbench_scaling *s,
                       const cbench_scalings *all)
{
    char *family = family_of(s, at->last), *between = NULL;
    if (family == NULL) {
        w->oom = 1;
        return;
    }
    if (s->whole_rc == 0)
        bigo_pair(w, at, family, &s->whole, s->between_knees ? "over every size" : NULL);
    if (s->between_knees && s->complexity_rc == 0) {
        between = joined(family, "/between-knees");
        if (between == NULL)
            w->oom = 1;
        else
            bigo_pair(w, at, between, &s->complexity, "the knees' steps divided out");
    }
    for (size_t j = 0; j < n_plateaus(s) && !w->oom; j++)
        plateau_rows(w, at, family, run, s, j, all);
    free(between);
    free(family);
}

/* The sweep's result that comes last in the run. */
static size_t last_in_run(const cbench_scaling *s)
{
    size_t m = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->results[i] > m)
            m = s->results[i];
    return m;
}

int cbench_store_gbench_bigo(cJSON *list, const cbench_run *run, const cbench_scalings *s,
                             size_t k, uint64_t family, uint64_t instance)
{
    sj w = {0};
    bigo_at at = {list, &run->results[k], family, instance};
    for (size_t i = 0; s != NULL && i < s->n && !w.oom; i++)
        if (last_in_run(&s->v[i]) == k)
            sweep_rows(&w, &at, run, &s->v[i], s);
    return w.oom ? CBENCH_ENOMEM : 0;
}

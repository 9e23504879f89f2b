/* SPDX-License-Identifier: MIT
 *
 * json_write.c - a cbench_run as baseline JSON (schema 2).
 *
 * Why cJSON: it is one MIT-licensed C file (vendorable, in Meson's WrapDB,
 * packaged in Debian as libcjson-dev 1.7.15), has no dependencies and is
 * small enough to fuzz along with our own code. jansson would report
 * line/column on parse errors, which cJSON does not; cbench computes the
 * line and column itself from the error offset (json_read.c). cJSON's
 * number printer is not exact, so numbers, estimates, outliers and
 * changes come from json_items.c, which formats every number exactly.
 *
 * The format (every key always written; readers ignore unknown keys, and
 * a merge-save keeps them, verbatim, in the results it does not replace):
 *
 *   {"schema": 2,
 *    "context": context (the run of the last save),
 *    "contexts": [context...] (earlier saves' runs that results below were
 *                measured in; optional on load: none),
 *    "results": [
 *      {"id", "group", "name": string, "param": string|null,
 *       "context": integer (the run it was measured in: 0 the top-level
 *                  "context", k "contexts"[k - 1]; optional on load: 0),
 *       "param_value": integer|null (null: no parameter; written as a
 *                      string when |value| > 2^53; with axes the first's),
 *       "axes": {AXIS: integer...}|null (a benchmark's named parameters in
 *               axis order, null without; optional on load: taken from
 *               the id, which it must agree with),
 *       "throughput": {"kind": "none"|"bytes"|"elements", "per_iter": num,
 *                      "elements_per_iter"|"bytes_per_iter": num (optional:
 *                      the other kind, when a benchmark declares both)},
 *       "reference": bool, "bound": bool (optional on load: false),
 *       "n_rounds": integer,
 *       "speed_ns": num (the core's speed probe over the kept rounds),
 *       "rounds_set_aside": integer (rounds run while the core was slow;
 *                           both optional on load: NaN, 0),
 *       "wall_s", "planned_s": num (seconds spent measuring it, setup and
 *                           replaced rounds included, and what its plan
 *                           said; optional on load: NaN),
 *       "samples": {"iters": [num...], "ns": [num...], "round": [int...]},
 *       "typical", "mean", "median", "std_dev", "mad", "slope": estimate,
 *       "r_squared": num,
 *       "outliers": {"low_severe", "low_mild", "normal", "high_mild",
 *                    "high_severe": integer, "fences": [num x4]},
 *       "stop_reason": string|null,
 *       "counters": [{"name": string, "per_iter": num,
 *                     "base_per_iter": num, "exact": bool}...],
 *       "user_counters": [{"name": string (cbench_counter()'s),
 *                     "flags": ["rate"|"per-iteration"|"iteration-invariant"|
 *                               "avg-threads"|"base-1024"|"higher-is-better"...],
 *                     "value": estimate (over the rounds),
 *                     "base": num (the baseline's value compared with),
 *                     "rounds": {"value": [num...], "round": [int...]},
 *                     "change": null | change (as the result's)}...]
 *                    (optional on load: none; unknown flag names skipped),
 *       "change": null | {"mean", "median": estimate, "p_value",
 *                 "noise_threshold", "significance": num,
 *                 "verdict": "none"|"no change"|"within noise"|"improved"|
 *                            "regressed",
 *                 "test_name": string|null,
 *                 "df": num (the t-test's degrees of freedom; optional on
 *                       load: NaN)},
 *       "ratio_to_reference": estimate,
 *       "flags": ["unstable"|"failed"|"skipped"|"flat"|"instructions"|
 *                 "slow-core"...],
 *       "threads": null (not multi-threaded) | {"count", "cpus": integer,
 *                  "oversubscribed": bool, "imbalance": num,
 *                  "cpu_ns_per_iter": [num x count]|null}
 *                  (optional on load: null),
 *       "warning", "error": string|null,
 *       "warning_kinds": ["unstable"|"outliers"|"rounds-disagree"|
 *                 "slow-core"|"too-short"|"few-samples"|"drift"|
 *                 "page-faults"|"oversubscribed"...] (what the warning's sentences are
 *                 about; optional on load: none, unknown names skipped)}...]}
 *
 *   context  = {"date", "host", "cpu", "compiler", "flags", "version",
 *               "git_commit", "build_type", "warnings", "mode": string|null,
 *               "seed": "decimal uint64 as a string",
 *               "confidence_level", "noise_threshold", "significance": num,
 *               "n_resamples": integer,
 *               "probe_cpu_ns", "probe_mem_ns": num (optional on load: NaN),
 *               "cache_l1d_bytes", "cache_l2_bytes", "cache_l3_bytes":
 *                   integer (cpu0's data caches, 0 unknown; optional on
 *                   load: 0)}
 *   estimate = {"point", "lower", "upper", "std_err", "level": num}
 *   num      = a JSON number, null for NaN, "Infinity" / "-Infinity"
 *
 * Schema 2 added "contexts" and each result's "context": before it a
 * merge-save relabelled older results with the newest run's date, flags
 * and speed probes. A schema 1 file reads as one whose results were all
 * measured in its "context"; a build that reads only schema 1 refuses
 * schema 2 rather than misdate results.
 */
#include "store/json_write.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "store/store.h"

/* The builder remembers one out-of-memory so call sites stay linear. */
typedef struct jw {
    int oom;
} jw;

static void put(jw *w, cJSON *obj, const char *key, cJSON *item)
{
    cbench_store_put(&w->oom, obj, key, item);
}

#define num cbench_store_num_item

const char *const cbench_store_flag_names[CBENCH_STORE_N_FLAGS] = {
    "unstable", "failed", "skipped", "flat", "instructions", "slow-core",
};

const char *cbench_store_throughput_name(cbench_throughput_kind k)
{
    switch (k) {
    case CBENCH_THROUGHPUT_BYTES: return "bytes";
    case CBENCH_THROUGHPUT_ELEMENTS: return "elements";
    case CBENCH_THROUGHPUT_NONE: break;
    }
    return "none";
}

static cJSON *str_or_null(const char *s)
{
    return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

const char *const cbench_store_cache_keys[CBENCH_CACHE_LEVELS] = {
    "cache_l1d_bytes", "cache_l2_bytes", "cache_l3_bytes"};

static cJSON *context(jw *w, const cbench_context *c)
{
    char seed[32];
    cJSON *o = cJSON_CreateObject();
    put(w, o, "date", str_or_null(c->date));
    put(w, o, "host", str_or_null(c->host));
    put(w, o, "cpu", str_or_null(c->cpu));
    put(w, o, "compiler", str_or_null(c->compiler));
    put(w, o, "flags", str_or_null(c->flags));
    put(w, o, "version", str_or_null(c->version));
    put(w, o, "git_commit", str_or_null(c->git_commit));
    put(w, o, "build_type", str_or_null(c->build_type));
    put(w, o, "warnings", str_or_null(c->warnings));
    put(w, o, "mode", str_or_null(c->mode));
    /* uint64 does not fit a double: a string keeps every bit. */
    snprintf(seed, sizeof seed, "%" PRIu64, c->seed);
    put(w, o, "seed", cJSON_CreateString(seed));
    put(w, o, "confidence_level", num(c->confidence_level));
    put(w, o, "n_resamples", cbench_store_uint_item(c->n_resamples));
    put(w, o, "noise_threshold", num(c->noise_threshold));
    put(w, o, "significance", num(c->significance));
    put(w, o, "probe_cpu_ns", num(c->probe_cpu_ns));
    put(w, o, "probe_mem_ns", num(c->probe_mem_ns));
    for (unsigned i = 0; i < CBENCH_CACHE_LEVELS; i++)
        put(w, o, cbench_store_cache_keys[i], cbench_store_uint_item(c->cache_bytes[i]));
    return o;
}

static cJSON *int64_item(int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRId64, v);
    /* Beyond 2^53 a JSON number read as a double would lose bits. */
    if (v > CBENCH_STORE_MAX_EXACT_INT || v < -CBENCH_STORE_MAX_EXACT_INT)
        return cJSON_CreateString(buf);
    return cJSON_CreateRaw(buf);
}

static cJSON *param_value(const cbench_result *r)
{
    return r->has_param ? int64_item(r->param_value) : cJSON_CreateNull();
}

/* {"points": 4096, "stride": 4} in axis order, or null without axes. */
static cJSON *axes(jw *w, const cbench_result *r)
{
    if (r->n_axes == 0)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    for (unsigned i = 0; i < r->n_axes; i++)
        put(w, o, r->axes[i].name, int64_item(r->axes[i].value));
    return o;
}

static cJSON *throughput(jw *w, const cbench_result *r)
{
    cJSON *o = cJSON_CreateObject();
    put(w, o, "kind", cJSON_CreateString(cbench_store_throughput_name(r->throughput)));
    put(w, o, "per_iter", num(r->throughput_per_iter));
    /* The other kind, when the benchmark declared both (result.h). */
    if (r->other_per_iter > 0 && r->throughput != CBENCH_THROUGHPUT_NONE)
        put(w, o, r->throughput == CBENCH_THROUGHPUT_BYTES ? "elements_per_iter"
                                                           : "bytes_per_iter",
            num(r->other_per_iter));
    return o;
}

static cJSON *samples(jw *w, const cbench_result *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *iters = cJSON_CreateArray(), *ns = cJSON_CreateArray();
    cJSON *round = cJSON_CreateArray();
    for (size_t i = 0; i < r->n_samples && !w->oom; i++) {
        put(w, iters, NULL, num(r->samples[i].iters));
        put(w, ns, NULL, num(r->samples[i].ns));
        put(w, round, NULL, cbench_store_uint_item(r->samples[i].round));
    }
    put(w, o, "iters", iters);
    put(w, o, "ns", ns);
    put(w, o, "round", round);
    return o;
}

static cJSON *counters(jw *w, const cbench_result *r)
{
    cJSON *a = cJSON_CreateArray();
    size_t n = r->n_counters < CBENCH_MAX_COUNTERS ? r->n_counters : CBENCH_MAX_COUNTERS;
    for (size_t i = 0; i < n; i++) {
        const cbench_counter_value *c = &r->counters[i];
        cJSON *o = cJSON_CreateObject();
        char name[sizeof c->name];
        memcpy(name, c->name, sizeof name);
        name[sizeof name - 1] = '\0';          /* never trust a full buffer */
        put(w, o, "name", cJSON_CreateString(name));
        put(w, o, "per_iter", num(c->per_iter));
        put(w, o, "base_per_iter", num(c->base_per_iter));
        put(w, o, "exact", cJSON_CreateBool(c->exact != 0));
        put(w, a, NULL, o);
    }
    return a;
}

static cJSON *flags(jw *w, unsigned f)
{
    cJSON *a = cJSON_CreateArray();
    for (unsigned i = 0; i < CBENCH_STORE_N_FLAGS; i++)
        if (f & (1u << i))
            put(w, a, NULL, cJSON_CreateString(cbench_store_flag_names[i]));
    return a;
}

static cJSON *warn_kinds(jw *w, unsigned k)
{
    cJSON *a = cJSON_CreateArray();
    for (unsigned i = 0; i < CBENCH_WARN_KINDS; i++)
        if (k & (1u << i))
            put(w, a, NULL, cJSON_CreateString(cbench__warn_kind_name(i)));
    return a;
}

static void result_times(jw *w, cJSON *o, const cbench_result *r)
{
    put(w, o, "typical", cbench_store_estimate_item(&r->typical));
    put(w, o, "mean", cbench_store_estimate_item(&r->mean));
    put(w, o, "median", cbench_store_estimate_item(&r->median));
    put(w, o, "std_dev", cbench_store_estimate_item(&r->std_dev));
    put(w, o, "mad", cbench_store_estimate_item(&r->mad));
    put(w, o, "slope", cbench_store_estimate_item(&r->slope));
    put(w, o, "r_squared", num(r->r_squared));
}

/* What a multi-threaded benchmark's threads did; null for the others. */
static cJSON *threads(jw *w, const cbench_threads_info *t)
{
    if (t->count == 0)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    put(w, o, "count", cbench_store_uint_item(t->count));
    put(w, o, "cpus", cbench_store_uint_item(t->cpus));
    put(w, o, "oversubscribed", cJSON_CreateBool(t->oversubscribed != 0));
    put(w, o, "imbalance", num(t->imbalance));
    cJSON *a = t->cpu_ns != NULL ? cJSON_CreateArray() : cJSON_CreateNull();
    for (unsigned i = 0; t->cpu_ns != NULL && i < t->count; i++)
        put(w, a, NULL, num(t->cpu_ns[i]));
    put(w, o, "cpu_ns_per_iter", a);
    return o;
}

static cJSON *result(jw *w, const cbench_result *r)
{
    cJSON *o = cJSON_CreateObject();
    put(w, o, "id", str_or_null(r->id));
    put(w, o, "group", str_or_null(r->group));
    put(w, o, "name", str_or_null(r->name));
    put(w, o, "param", str_or_null(r->param));
    put(w, o, "param_value", param_value(r));
    put(w, o, "axes", axes(w, r));
    put(w, o, "context", cbench_store_uint_item(r->context));
    put(w, o, "throughput", throughput(w, r));
    put(w, o, "reference", cJSON_CreateBool(r->reference != 0));
    put(w, o, "bound", cJSON_CreateBool(r->bound != 0));
    put(w, o, "n_rounds", cbench_store_uint_item(r->n_rounds));
    put(w, o, "speed_ns", num(r->speed_ns));
    put(w, o, "rounds_set_aside", cbench_store_uint_item(r->rounds_set_aside));
    put(w, o, "wall_s", num(r->wall_s));
    put(w, o, "planned_s", num(r->planned_s));
    put(w, o, "samples", samples(w, r));
    result_times(w, o, r);
    put(w, o, "outliers", cbench_store_outliers_item(&r->outliers));
    put(w, o, "stop_reason", str_or_null(r->stop_reason));
    put(w, o, "counters", counters(w, r));
    put(w, o, "user_counters", cbench_store_ucounters_to_json(r));
    put(w, o, "change", cbench_store_change_item(r->has_change, &r->change));
    put(w, o, "ratio_to_reference", cbench_store_estimate_item(&r->ratio_to_reference));
    put(w, o, "flags", flags(w, r->flags));
    put(w, o, "threads", threads(w, &r->threads));
    put(w, o, "warning", str_or_null(r->warning));
    put(w, o, "error", str_or_null(r->error));
    put(w, o, "warning_kinds", warn_kinds(w, r->warn_kinds));
    return o;
}

/* Wraps a builder call: the item, or NULL (freed) after an out of memory. */
static cJSON *checked(jw *w, cJSON *item)
{
    if (w->oom) {
        cJSON_Delete(item);
        return NULL;
    }
    return item;
}

cJSON *cbench_store_context_to_json(const cbench_context *c)
{
    jw w = {0};
    return checked(&w, context(&w, c));
}

cJSON *cbench_store_result_to_json(const cbench_result *r)
{
    jw w = {0};
    return checked(&w, result(&w, r));
}

cJSON *cbench_store_run_to_json(const cbench_run *run)
{
    jw w = {0};
    cJSON *root = cJSON_CreateObject();
    cJSON *contexts = cJSON_CreateArray(), *results = cJSON_CreateArray();
    put(&w, root, "schema", cbench_store_uint_item(CBENCH_STORE_SCHEMA));
    put(&w, root, "context", context(&w, &run->ctx));
    for (size_t i = 0; i < run->n_contexts && !w.oom; i++)
        put(&w, contexts, NULL, context(&w, &run->contexts[i]));
    put(&w, root, "contexts", contexts);
    for (size_t i = 0; i < run->n_results && !w.oom; i++)
        put(&w, results, NULL, result(&w, &run->results[i]));
    put(&w, root, "results", results);
    w.oom |= cbench_store_add_scaling(root, run) != 0;
    return checked(&w, root);
}

char *cbench_store_print(const cJSON *root, size_t *len)
{
    char *text = cJSON_Print(root);
    if (text == NULL)
        return NULL;
    /* cJSON indents with tabs and puts one after each ':'. Strings never
     * hold a raw tab (cJSON escapes it as \t), so every tab is layout:
     * two spaces for indentation, one space after a colon. */
    size_t n = strlen(text), tabs = 0;
    for (size_t i = 0; i < n; i++)
        tabs += text[i] == '\t';
    char *out = malloc(n + tabs + 2);
    if (out != NULL) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (text[i] != '\t')
                out[k++] = text[i];
            else if (i > 0 && text[i - 1] == ':')
                out[k++] = ' ';
            else {
                out[k++] = ' ';
                out[k++] = ' ';
            }
        }
        out[k++] = '\n';
        out[k] = '\0';
        if (len != NULL)
            *len = k;
    }
    cJSON_free(text);
    return out;
}

char *cbench_store_serialize(const cbench_run *run, size_t *len)
{
    cJSON *root = cbench_store_run_to_json(run);
    if (root == NULL)
        return NULL;
    char *text = cbench_store_print(root, len);
    cJSON_Delete(root);
    return text;
}

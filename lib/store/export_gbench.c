/* SPDX-License-Identifier: MIT
 *
 * export_gbench.c - Google Benchmark's JSON layout (export.h).
 *
 * It follows Google Benchmark's src/json_reporter.cc: a "context" object
 * and a "benchmarks" array. Google Benchmark run with --benchmark_
 * repetitions=K writes K entries of run_type "iteration" that share the
 * benchmark's name (repetition_index 0..K-1), then its aggregates over
 * them, named "NAME_mean", "NAME_median", "NAME_stddev", of run_type
 * "aggregate". cbench's rounds are its repetitions: each round, a fresh
 * worker process, is written as one, with the round's time per iteration
 * as Google Benchmark measures a repetition's (its total time over its
 * iterations), and the aggregates are over those. So compare.py pairs
 * the repetitions by name and runs its Mann-Whitney U test on them, and
 * repetition-aware dashboards see the spread between processes. cbench's
 * own headline estimate (the typical time, whose interval accounts for the
 * rounds' variation) is one more aggregate, "NAME_typical", as Google
 * Benchmark writes a user-defined statistic.
 *
 * User counters are extra numeric keys of each entry, as Google Benchmark
 * writes state.counters: a repetition carries its round's value, an
 * aggregate the statistic of the rounds' values (the typical: the
 * counter's estimate). Hardware counters (per iteration, over all rounds)
 * are keys too; no counter shadows a key of the layout.
 *
 * A swept benchmark's complexity follows its last result in the run, as
 * Google writes a family's "_BigO" and "_RMS" rows (export_scaling.c).
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "stats/univariate.h"
#include "store/export.h"
#include "store/export_scaling.h"
#include "store/json_write.h"
#include "store/store.h"

typedef struct gb {
    int oom;
    uint64_t *fam, *inst;      /* family/instance index of each result */
} gb;

/* One round of a result: its id, iterations and time per iteration. */
typedef struct gb_round {
    uint32_t id;
    double iters, ns_per_iter;
} gb_round;

static void gput(gb *g, cJSON *obj, const char *key, cJSON *item)
{
    cbench_store_put(&g->oom, obj, key, item);
}

/* An exact number; never null (Google's tools do arithmetic on these). */
static cJSON *gnum(double v)
{
    char buf[40];
    if (!isfinite(v))
        v = 0.0;
    cbench_store_format_double(buf, sizeof buf, v);
    return cJSON_CreateRaw(buf);
}

static void gstr(gb *g, cJSON *obj, const char *key, const char *s)
{
    if (s != NULL)
        gput(g, obj, key, cJSON_CreateString(s));
}

static cJSON *gb_context(gb *g, const cbench_context *c)
{
    char seed[32];
    cJSON *o = cJSON_CreateObject();
    const char *bt = c->build_type;
    gstr(g, o, "date", c->date);
    gstr(g, o, "host_name", c->host);
    /* Google writes "release" or "debug" (NDEBUG); map ours onto that. */
    gstr(g, o, "library_build_type",
         bt == NULL ? NULL : (strncmp(bt, "release", 7) == 0 || strcmp(bt, "minsize") == 0
                              ? "release" : "debug"));
    gput(g, o, "json_schema_version", cbench_store_uint_item(1));
    gstr(g, o, "cbench_version", c->version);
    gstr(g, o, "cpu", c->cpu);
    gstr(g, o, "compiler", c->compiler);
    gstr(g, o, "git_commit", c->git_commit);
    snprintf(seed, sizeof seed, "%" PRIu64, c->seed);
    gstr(g, o, "seed", seed);
    return o;
}

static uint64_t iters_item(double s)
{
    return !(s > 0) ? 0 : s >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)s;
}

static const char *group_of(const cbench_result *r)
{
    return r->group != NULL ? r->group : "";
}

/* Family = group, numbered in order of first appearance as Google numbers
 * its families; instance = position within the family. Fills fam[] and
 * inst[] (n entries each) in O(n^2) comparisons. */
static void number_families(const cbench_run *run, uint64_t *fam, uint64_t *inst)
{
    uint64_t next = 0;
    for (size_t i = 0; i < run->n_results; i++) {
        size_t j = 0;
        while (j < i && strcmp(group_of(&run->results[j]), group_of(&run->results[i])) != 0)
            j++;
        fam[i] = j < i ? fam[j] : next++;
        inst[i] = 0;
        for (size_t k = j; k < i; k++)
            inst[i] += strcmp(group_of(&run->results[k]), group_of(&run->results[i])) == 0;
    }
}

/* The rounds of r (its samples come grouped by round): *k of them in a
 * malloc'd array, NULL with *k = 0 when r has no usable sample. */
static gb_round *rounds_of(const cbench_result *r, size_t *k)
{
    gb_round *v = malloc((r->n_samples ? r->n_samples : 1) * sizeof *v);
    *k = 0;
    if (v == NULL)
        return NULL;
    double ns = 0;
    for (size_t i = 0; i < r->n_samples; i++) {
        const cbench_sample *s = &r->samples[i];
        if (!(s->iters > 0) || !isfinite(s->ns))
            continue;
        if (*k == 0 || v[*k - 1].id != s->round) {
            if (*k > 0)
                v[*k - 1].ns_per_iter = ns / v[*k - 1].iters;
            v[(*k)++] = (gb_round){s->round, 0, 0};
            ns = 0;
        }
        v[*k - 1].iters += s->iters;
        ns += s->ns;
    }
    if (*k > 0)
        v[*k - 1].ns_per_iter = ns / v[*k - 1].iters;
    return v;
}

static void gb_common(gb *g, cJSON *o, const cbench_run *run, size_t k, const char *name,
                      const char *type, uint64_t reps)
{
    const cbench_result *r = &run->results[k];
    gstr(g, o, "name", name);
    gput(g, o, "family_index", cbench_store_uint_item(g->fam[k]));
    gput(g, o, "per_family_instance_index", cbench_store_uint_item(g->inst[k]));
    gstr(g, o, "run_name", r->id);
    gstr(g, o, "run_type", type);
    gput(g, o, "repetitions", cbench_store_uint_item(reps));
}

/* Iterations and times; throughput too unless the time is a spread. */
static void gb_times(gb *g, cJSON *o, const cbench_result *r, double iters, double ns,
                     int rate)
{
    gput(g, o, "threads", cbench_store_uint_item(r->threads.count ? r->threads.count : 1));
    gput(g, o, "iterations", cbench_store_uint_item(iters_item(iters)));
    gput(g, o, "real_time", gnum(ns));
    gput(g, o, "cpu_time", gnum(ns));
    gstr(g, o, "time_unit", "ns");
    if (!rate || !isfinite(ns) || !(ns > 0))
        return;
    /* Both when the benchmark declared both, as Google Benchmark writes them. */
    double bytes = cbench__result_per_iter(r, CBENCH_THROUGHPUT_BYTES);
    double items = cbench__result_per_iter(r, CBENCH_THROUGHPUT_ELEMENTS);
    if (bytes > 0 && isfinite(bytes))
        gput(g, o, "bytes_per_second", gnum(bytes * 1e9 / ns));
    if (items > 0 && isfinite(items))
        gput(g, o, "items_per_second", gnum(items * 1e9 / ns));
}

/* A counter as a plain key, as Google writes user counters; never one
 * that shadows a key of the layout. */
static void gb_key(gb *g, cJSON *o, const char *name, double v)
{
    if (name[0] != '\0' && !cJSON_HasObjectItem(o, name) && isfinite(v))
        gput(g, o, name, gnum(v));
}

static void gb_hw_counters(gb *g, cJSON *o, const cbench_result *r)
{
    for (size_t i = 0; i < r->n_counters && i < CBENCH_MAX_COUNTERS; i++) {
        char name[sizeof r->counters[i].name];
        memcpy(name, r->counters[i].name, sizeof name);
        name[sizeof name - 1] = '\0';
        gb_key(g, o, name, r->counters[i].per_iter);
    }
}

/* User counter u's value in round id; NaN when it has none. */
static double round_value(const cbench_user_counter *u, uint32_t id)
{
    for (size_t i = 0; i < u->n_rounds; i++)
        if (u->round_ids[i] == id)
            return u->rounds[i];
    return NAN;
}

static cJSON *gb_repetition(gb *g, const cbench_run *run, size_t k, const gb_round *rd,
                            size_t index, size_t reps)
{
    const cbench_result *r = &run->results[k];
    cJSON *o = cJSON_CreateObject();
    gb_common(g, o, run, k, r->id, "iteration", reps);
    gput(g, o, "repetition_index", cbench_store_uint_item(index));
    gb_times(g, o, r, rd->iters, rd->ns_per_iter, 1);
    for (size_t i = 0; i < r->n_user_counters; i++)
        gb_key(g, o, r->user_counters[i].name, round_value(&r->user_counters[i], rd->id));
    gb_hw_counters(g, o, r);
    return o;
}

/* A result without an estimate (failed, skipped): one entry saying why. */
static cJSON *gb_error(gb *g, const cbench_run *run, size_t k)
{
    const cbench_result *r = &run->results[k];
    cJSON *o = cJSON_CreateObject();
    gb_common(g, o, run, k, r->id, "iteration", 1);
    gput(g, o, "repetition_index", cbench_store_uint_item(0));
    gput(g, o, "error_occurred", cJSON_CreateBool(1));
    gstr(g, o, "error_message", r->error != NULL ? r->error : "no estimate");
    gb_times(g, o, r, 0, 0, 0);
    return o;
}

/* The statistics of the aggregates, over x[0..n) (sorted in place). */
enum { AGG_MEAN, AGG_MEDIAN, AGG_STDDEV, AGG_TYPICAL, N_AGG };
static const char *const agg_names[N_AGG] = {"mean", "median", "stddev", "typical"};

static double stat_of(int which, double *x, size_t n, double typical)
{
    if (n == 0)
        return NAN;
    double mean = cbench_univariate_mean(x, n);
    switch (which) {
    case AGG_MEAN: return mean;
    case AGG_MEDIAN:
        cbench_univariate_sort(x, n);
        return cbench_univariate_percentile_sorted(x, n, 50);
    case AGG_STDDEV: return n > 1 ? sqrt(cbench_univariate_variance(x, n, mean)) : NAN;
    default: return typical;
    }
}

static void gb_agg_counters(gb *g, cJSON *o, const cbench_result *r, int which)
{
    for (size_t i = 0; i < r->n_user_counters; i++) {
        const cbench_user_counter *u = &r->user_counters[i];
        double x[256];
        size_t n = u->n_rounds < 256 ? u->n_rounds : 256;
        memcpy(x, u->rounds, n * sizeof *x);
        gb_key(g, o, u->name, stat_of(which, x, n, u->value.point));
    }
    if (which != AGG_STDDEV)
        gb_hw_counters(g, o, r);
}

static void gb_aggregates(gb *g, cJSON *list, const cbench_run *run, size_t k,
                          const gb_round *rd, size_t reps)
{
    const cbench_result *r = &run->results[k];
    double *t = malloc(reps * sizeof *t), iters = 0;
    if (t == NULL) {
        g->oom = 1;
        return;
    }
    for (size_t i = 0; i < reps; i++)
        iters += rd[i].iters;
    for (int a = 0; a < N_AGG && !g->oom; a++) {
        for (size_t i = 0; i < reps; i++)
            t[i] = rd[i].ns_per_iter;
        double ns = stat_of(a, t, reps, r->typical.point);
        size_t n = strlen(r->id) + strlen(agg_names[a]) + 2;
        char *name = malloc(n);
        cJSON *o = cJSON_CreateObject();
        if (name == NULL) {
            cJSON_Delete(o);
            g->oom = 1;
            break;
        }
        snprintf(name, n, "%s_%s", r->id, agg_names[a]);
        gb_common(g, o, run, k, name, "aggregate", reps);
        gstr(g, o, "aggregate_name", agg_names[a]);
        gstr(g, o, "aggregate_unit", "time");
        gb_times(g, o, r, iters, ns, a != AGG_STDDEV);
        gb_agg_counters(g, o, r, a);
        free(name);
        gput(g, list, NULL, o);
    }
    free(t);
}

/* Every entry of result k: its repetitions, then its aggregates. */
static void gb_result(gb *g, cJSON *list, const cbench_run *run, size_t k)
{
    const cbench_result *r = &run->results[k];
    size_t reps = 0;
    gb_round *rd = rounds_of(r, &reps);
    if (rd == NULL) {
        g->oom = 1;
        return;
    }
    if (reps == 0 || (r->flags & (CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED)))
        gput(g, list, NULL, gb_error(g, run, k));
    else
        for (size_t i = 0; i < reps && !g->oom; i++)
            gput(g, list, NULL, gb_repetition(g, run, k, &rd[i], i, reps));
    if (reps >= 2 && !(r->flags & (CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED)))
        gb_aggregates(g, list, run, k, rd, reps);
    free(rd);
}

int cbench_export_gbench(FILE *f, const cbench_run *run)
{
    gb g = {0};
    size_t n = run->n_results > 0 ? run->n_results : 1;
    g.fam = calloc(n, sizeof *g.fam);
    g.inst = calloc(n, sizeof *g.inst);
    if (g.fam == NULL || g.inst == NULL) {
        free(g.fam);
        free(g.inst);
        return CBENCH_ENOMEM;
    }
    number_families(run, g.fam, g.inst);
    cbench_scalings sweeps;             /* their complexity rows (export_scaling.h) */
    g.oom = cbench_scaling_fit(run, NULL, &sweeps) != 0;
    cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray();
    gput(&g, root, "context", gb_context(&g, &run->ctx));
    for (size_t k = 0; k < run->n_results && !g.oom; k++) {
        if (run->results[k].id != NULL)
            gb_result(&g, list, run, k);
        if (!g.oom)
            g.oom = cbench_store_gbench_bigo(list, run, &sweeps, k, g.fam[k], g.inst[k]) != 0;
    }
    cbench_scaling_free(&sweeps);
    gput(&g, root, "benchmarks", list);
    size_t len = 0;
    char *text = g.oom ? NULL : cbench_store_print(root, &len);
    cJSON_Delete(root);
    free(g.fam);
    free(g.inst);
    return cbench_export_put_text(f, text, len);
}

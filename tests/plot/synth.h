/* SPDX-License-Identifier: MIT
 *
 * synth.h - synthetic runs for the plot tests and the demo report: an
 * AoS/SoA-like group with a size parameter and byte throughput, a plain
 * group, a stride-like family with two named axes, and runs with hostile
 * names. Estimates are computed here the
 * simple way (mean +- 2 standard errors, slope through the origin,
 * quartile fences), so the charts get realistic, self-consistent input
 * without depending on lib/stats.
 */
#ifndef CBENCH_TESTS_PLOT_SYNTH_H
#define CBENCH_TESTS_PLOT_SYNTH_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/result.h"
#include "plot/density.h"

typedef struct synth_rng {
    uint64_t s;
} synth_rng;

static inline double synth_uniform(synth_rng *g)
{
    uint64_t z = (g->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}

static inline double synth_normal(synth_rng *g)
{
    double u = synth_uniform(g), v = synth_uniform(g);
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/* Computes r's estimates from its samples (again, after a test edits
 * them: a loader refuses estimates that are not the samples'). */
static inline void synth_estimates(cbench_result *r)
{
    size_t n = r->n_samples;
    double *x = malloc(n * sizeof *x), sum = 0, ss = 0, sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; i++) {
        x[i] = r->samples[i].ns / r->samples[i].iters;
        sum += x[i];
        sxy += r->samples[i].iters * r->samples[i].ns;
        sxx += r->samples[i].iters * r->samples[i].iters;
    }
    double mean = sum / (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    double se = sqrt(ss / (double)(n - 1) / (double)n);
    cbench_plot_sort(x, n);
    r->mean = (cbench_estimate){mean, mean - 2 * se, mean + 2 * se, se, 0.95};
    double med = cbench_plot_quantile(x, n, 0.5);
    r->median = (cbench_estimate){med, med - 2 * se, med + 2 * se, se, 0.95};
    r->typical = (cbench_estimate){med, med - 3 * se, med + 3 * se, 1.5 * se, 0.95};
    double slope = sxy / sxx;
    r->slope = (cbench_estimate){slope, slope * 0.99, slope * 1.01, slope * 0.005, 0.95};
    r->r_squared = 0.997;
    cbench_plot_fences(x, n, r->outliers.fences);
    r->outliers.low_severe = r->outliers.low_mild = r->outliers.normal = 0;
    r->outliers.high_mild = r->outliers.high_severe = 0;
    for (size_t i = 0; i < n; i++) {
        int c = cbench_plot_tukey_class(x[i], r->outliers.fences);
        r->outliers.low_severe += c == -2;
        r->outliers.low_mild += c == -1;
        r->outliers.normal += c == 0;
        r->outliers.high_mild += c == 1;
        r->outliers.high_severe += c == 2;
    }
    free(x);
}

/* Fills r's samples (linear sampling: sample i runs i*d iterations) with a
 * per-iteration time t_ns, relative noise 'noise' and a few slow outliers,
 * then computes its estimates. */
static inline void synth_samples(cbench_result *r, double t_ns, double noise, synth_rng *g)
{
    size_t n = 60;
    double d = fmax(1, floor(2e5 / t_ns / 60));
    r->samples = calloc(n, sizeof *r->samples);
    r->n_samples = n;
    r->n_rounds = 4;
    for (size_t i = 0; i < n; i++) {
        double it = d * (double)(i + 1);
        double f = 1 + noise * synth_normal(g);
        if (i % 17 == 5)
            f *= 1.12;                        /* a mild outlier */
        if (i == 40)
            f *= 1.45;                        /* a severe one */
        r->samples[i] = (cbench_sample){it, it * t_ns * f + 30, (uint32_t)(i % 4)};
    }
    synth_estimates(r);
}

/* Adds result group/name[/param] with time t_ns. */
static inline cbench_result *synth_add(cbench_run *run, const char *group, const char *name,
                                int has_param, long long param, double t_ns, synth_rng *g)
{
    cbench_result *r = cbench__run_add(run);
    char id[512];
    if (has_param)
        snprintf(id, sizeof id, "%s/%s/%lld", group, name, param);
    else
        snprintf(id, sizeof id, "%s/%s", group, name);
    r->id = cbench__strdup(id);
    r->group = cbench__strdup(group);
    r->name = cbench__strdup(name);
    if (has_param) {
        char p[32];
        snprintf(p, sizeof p, "%lld", param);
        r->param = cbench__strdup(p);
        r->param_value = param;
        r->has_param = 1;
    }
    synth_samples(r, t_ns, 0.03, g);
    return r;
}

/* Adds result group/name/a1=v1/a2=v2 (two named axes, as the registry
 * names them, measure/axes.h) with time t_ns. */
static inline cbench_result *synth_add_axes(cbench_run *run, const char *group,
                                            const char *name, const char *a1, long long v1,
                                            const char *a2, long long v2, double t_ns,
                                            synth_rng *g)
{
    char param[CBENCH_PARAM_MAX];
    snprintf(param, sizeof param, "%s=%lld/%s=%lld", a1, v1, a2, v2);
    cbench_result *r = synth_add(run, group, name, 1, 0, t_ns, g);
    char id[512];
    snprintf(id, sizeof id, "%s/%s/%s", group, name, param);
    free(r->id);
    free(r->param);
    r->id = cbench__strdup(id);
    r->param = cbench__strdup(param);
    r->param_value = v1;
    r->n_axes = 2;
    snprintf(r->axes[0].name, sizeof r->axes[0].name, "%s", a1);
    r->axes[0].value = v1;
    snprintf(r->axes[1].name, sizeof r->axes[1].name, "%s", a2);
    r->axes[1].value = v2;
    return r;
}

/* A stride-like family grid/name over axes a1 (4 array sizes) and a2 (3
 * strides): element throughput (size / stride elements per iteration),
 * each element dearer with the stride and 3x so beyond 16Ki. */
static inline void synth_axes_family(cbench_run *run, const char *name, const char *a1,
                                     const char *a2, uint64_t seed)
{
    static const long long sizes[] = {1024, 16384, 262144, 4194304}, strides[] = {1, 4, 16};
    synth_rng g = {seed};
    for (size_t s = 0; s < 4; s++)
        for (size_t k = 0; k < 3; k++) {
            double elements = (double)(sizes[s] / strides[k]);
            double per = 0.5 * (1 + 0.6 * log2((double)strides[k])) * (s >= 2 ? 3 : 1);
            cbench_result *r = synth_add_axes(run, "grid", name, a1, sizes[s], a2, strides[k],
                                              elements * per, &g);
            r->throughput = CBENCH_THROUGHPUT_ELEMENTS;
            r->throughput_per_iter = elements;
        }
}

static inline void synth_context(cbench_run *run, const char *date, uint64_t seed)
{
    run->ctx.date = cbench__strdup(date);
    run->ctx.host = cbench__strdup("testhost");
    run->ctx.cpu = cbench__strdup("Synthetic CPU @ 2.6GHz (4 cores)");
    run->ctx.compiler = cbench__strdup("gcc 12.2.0");
    run->ctx.flags = cbench__strdup("-O2");
    run->ctx.version = cbench__strdup("0.1.0");
    run->ctx.build_type = cbench__strdup("release");
    run->ctx.mode = cbench__strdup("time");
    run->ctx.seed = seed;
    run->ctx.confidence_level = 0.95;
    run->ctx.n_resamples = 10000;
    run->ctx.noise_threshold = 0.02;
    run->ctx.significance = 0.05;
}

/* The points group: aos/soa/soa_simd over 4 sizes (bytes throughput), and
 * a "hash" group without parameters. 'speed' scales every time (a base or
 * history run uses another value); 'soa_speed' scales the SoA ones only. */
static inline cbench_run *synth_points_run(const char *date, double speed, double soa_speed,
                                    uint64_t seed)
{
    static const long long sizes[] = {1024, 16384, 262144, 4194304};
    static const struct { const char *name; double ns_per_elem; } kinds[] = {
        {"aos", 1.9}, {"soa", 0.62}, {"soa_simd", 0.21}};
    cbench_run *run = cbench__run_new();
    synth_rng g = {seed};
    synth_context(run, date, seed);
    for (size_t k = 0; k < 3; k++)
        for (size_t s = 0; s < 4; s++) {
            double cache = s >= 2 ? 1.0 + 0.8 * (double)(s - 1) : 1.0;   /* leaves L2 */
            double t = kinds[k].ns_per_elem * (double)sizes[s] * cache * speed
                       * (k > 0 ? soa_speed : 1.0);
            cbench_result *r = synth_add(run, "points", kinds[k].name, 1, sizes[s], t, &g);
            r->throughput = CBENCH_THROUGHPUT_BYTES;
            r->throughput_per_iter = 12.0 * (double)sizes[s];
            r->reference = k == 0;
        }
    synth_add(run, "hash", "fnv1a", 0, 0, 85 * speed, &g);
    synth_add(run, "hash", "murmur3", 0, 0, 61 * speed, &g);
    cbench_result *r = synth_add(run, "hash", "xxh64", 0, 0, 48 * speed, &g);
    r->n_counters = 2;
    snprintf(r->counters[0].name, sizeof r->counters[0].name, "instructions");
    r->counters[0].per_iter = 212;
    r->counters[0].base_per_iter = NAN;
    snprintf(r->counters[1].name, sizeof r->counters[1].name, "L1-dcache-load-misses");
    r->counters[1].per_iter = 0.02;
    r->counters[1].base_per_iter = NAN;
    return run;
}

/* Fills the change fields of run's results against base (ratio of means,
 * a crude CI from both standard errors, verdict by the 2 % threshold) and
 * the ratio to each group's reference. */
static inline void synth_compare(cbench_run *run, const cbench_run *base)
{
    for (size_t i = 0; i < run->n_results; i++) {
        cbench_result *r = &run->results[i];
        const cbench_result *b = base ? cbench__run_find(base, r->id) : NULL;
        if (b != NULL) {
            /* A t-interval on the logs with 10 df, like the engine's. */
            double d = log(r->mean.point / b->mean.point), q = 2.228139;   /* t(10, 0.975) */
            double se = r->mean.std_err / r->mean.point + b->mean.std_err / b->mean.point;
            double c = expm1(d), e = q * se;
            r->has_change = 1;
            r->change.mean = (cbench_estimate){c, expm1(d - e), expm1(d + e), se, 0.95};
            r->change.df = 10;
            r->change.median = r->change.mean;
            r->change.p_value = fabs(c) > e ? 0.001 : 0.4;
            r->change.noise_threshold = 0.02;
            r->change.significance = 0.05;
            r->change.verdict = fabs(c) <= e ? CBENCH_VERDICT_NO_CHANGE
                                : fabs(c) < 0.02 ? CBENCH_VERDICT_WITHIN_NOISE
                                : c > 0          ? CBENCH_VERDICT_REGRESSED
                                                 : CBENCH_VERDICT_IMPROVED;
            r->change.test_name = "synthetic";
            for (size_t k = 0; k < r->n_counters; k++)
                r->counters[k].base_per_iter = r->counters[k].per_iter * 1.1;
        }
        for (size_t k = 0; k < run->n_results; k++) {
            const cbench_result *q = &run->results[k];
            if (q->reference && !r->reference && q->has_param == r->has_param
                && q->param_value == r->param_value && strcmp(q->group, r->group) == 0) {
                double v = r->typical.point / q->typical.point;
                r->ratio_to_reference = (cbench_estimate){v, v * 0.98, v * 1.02, NAN, 0.95};
            }
        }
    }
}

/* Makes r a failed result: no samples, no estimates, the error. */
static inline void synth_fail(cbench_result *r, const char *error)
{
    free(r->samples);
    r->samples = NULL;
    r->n_samples = 0;
    r->flags = CBENCH_RESULT_FAILED;
    r->error = cbench__strdup(error);
    cbench__estimate_undef(&r->typical);
    cbench__estimate_undef(&r->mean);
    cbench__estimate_undef(&r->median);
}

/* An engine-like run: two groups without parameters whose results carry
 * warnings of several kinds (with their prose), and a failed one. */
static inline cbench_run *synth_engine_run(const char *date, uint64_t seed)
{
    static const struct {
        const char *group, *name;
        double ns;
        unsigned kinds;
        const char *text;
    } rows[] = {
        {"clock", "now", 23, 0, NULL},
        {"clock", "tsc", 9.5, CBENCH_WARN_TOO_SHORT | CBENCH_WARN_DRIFT,
         "The body takes 0.412 ns per iteration, about the cost of the loop itself. The time "
         "per iteration changes during sampling (the last third runs at 1.08x the first)."},
        {"clock", "thread_cputime", 524, CBENCH_WARN_SLOW_CORE,
         "The core ran slower than its fastest state (speed probe +71 %) in 7 of 10 rounds, "
         "too many to set aside: this is the slow state's time; rerun when the machine is "
         "quieter."},
        {"alloc", "malloc_64", 18.4, CBENCH_WARN_UNSTABLE | CBENCH_WARN_ROUNDS,
         "Unstable: per-iteration times vary by 8.1 % (relative MAD above 5 %). Unstable: "
         "worker rounds disagree, their estimates spread 6.2 % while the noise within a "
         "round predicts 0.9 %."},
        {"alloc", "calloc_4k", 412, 0, NULL},
    };
    cbench_run *run = cbench__run_new();
    synth_rng g = {seed};
    synth_context(run, date, seed);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        cbench_result *r = synth_add(run, rows[i].group, rows[i].name, 0, 0, rows[i].ns, &g);
        r->reference = i == 0 || i == 3;
        r->warn_kinds = rows[i].kinds;
        if (rows[i].text != NULL) {
            r->warning = cbench__strdup(rows[i].text);
            r->flags |= CBENCH_RESULT_UNSTABLE;
        }
        if (rows[i].kinds & CBENCH_WARN_SLOW_CORE)
            r->flags |= CBENCH_RESULT_SLOW_CORE;
    }
    for (size_t i = 1; i < run->n_results; i++) {
        cbench_result *r = &run->results[i], *ref = &run->results[i < 3 ? 0 : 3];
        double v = r->typical.point / ref->typical.point;
        if (!r->reference)
            r->ratio_to_reference = (cbench_estimate){v, v * 0.97, v * 1.03, NAN, 0.95};
    }
    synth_fail(synth_add(run, "alloc", "crashes", 0, 0, 10, &g), "round 1 crashed: SIGSEGV");
    return run;
}

/* Names meant to break scripts, HTML and file systems, among those the
 * registry (and so a baseline's loader) accepts: no '/' and no control
 * characters, so "new\\nline" is a backslash and an n. */
static const char *const synth_hostile_names[] = {
    "quo'te\"s", "sp ace", "$dollar @at `echo pwned`", "back\\slash\\", "new\\nline\\r",
    "<script>alert(1)", "{x}_1^2 &amp;", "..", ".hidden", "c1\xc2\x9b" "csi",
    "Case", "case", "EOD",
};
#define SYNTH_N_HOSTILE (sizeof synth_hostile_names / sizeof synth_hostile_names[0])

static inline cbench_run *synth_hostile_run(uint64_t seed)
{
    cbench_run *run = cbench__run_new();
    synth_rng g = {seed};
    synth_context(run, "2026-11-25T10:00:00Z", seed);
    free(run->ctx.host);
    run->ctx.host = cbench__strdup("<b>host</b>'\"");
    for (size_t i = 0; i < SYNTH_N_HOSTILE; i++)
        synth_add(run, "g'r\"p<$x>", synth_hostile_names[i], i % 2, 1000 * (long long)(i + 1),
                  100 + 10 * (double)i, &g);
    static const char *const clashing[] = {"dup", "DUP", "x y", "x_y"};
    for (size_t i = 0; i < 4; i++)             /* file names that clash */
        synth_add(run, "g'r\"p<$x>", clashing[i], 0, 0, 150, &g);
    cbench_result *r = &run->results[0];
    r->warning = cbench__strdup("<img src=x onerror=alert(1)> unstable");
    return run;
}

#endif /* CBENCH_TESTS_PLOT_SYNTH_H */

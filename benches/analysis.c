/* SPDX-License-Identifier: MIT
 *
 * analysis.c - how fast cbench reaches its answer once the samples are in
 * (issue 9's overhead targets):
 *
 *   analysis/bootstrap_mean/T  100,000 bootstrap resamples of the mean of
 *                              100 samples, T threads (1, 2), through the
 *                              public <cbench/stats.h>     target < 20 ms
 *   analysis/full              the whole analysis of one benchmark as the
 *                              engine runs it at default settings: 100
 *                              samples in 5 rounds, every estimate with its
 *                              CI, outliers, the change test against a
 *                              baseline and the ratio to the group's
 *                              reference                    target < 50 ms
 *
 * The samples are synthetic but shaped like a real run: linear sampling
 * (sample i runs i*d iterations), about 1 % noise, a slightly different
 * level per round, and a few high outliers.
 */
#include <cbench.h>
#include <cbench/stats.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/result.h"
#include "stats/analysis.h"

#define ANALYSIS_SAMPLES 100
#define ANALYSIS_ROUNDS 5
#define ANALYSIS_RESAMPLES 100000

/* A small deterministic generator (splitmix64) for the synthetic data:
 * uniform in [0, 1). */
static double unit_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

/* Fills s[0..n) like a linear-sampling run of a ~1 us/iter benchmark
 * spread over 'rounds' worker processes; 'level' scales the time. */
static void make_samples(cbench_sample *s, size_t n, unsigned rounds,
                         double level, uint64_t seed)
{
    size_t per_round = n / rounds;
    for (size_t i = 0; i < n; i++) {
        unsigned round = (unsigned)(i / per_round);
        round = round < rounds ? round : rounds - 1;
        double round_level = 1.0 + 0.002 * (double)round;
        double noise = 1.0 + 0.01 * (unit_random(&seed) - 0.5);
        if (i % 37 == 5)
            noise *= 1.3;    /* an occasional preempted sample */
        s[i].iters = (double)(i % per_round + 1) * 50.0;
        s[i].ns = s[i].iters * 1000.0 * level * round_level * noise;
        s[i].round = round;
    }
}

/* {=================================================================
 * Bootstrap of the mean.
 * ================================================================== */

static int bootstrap_setup(cbench_state *b)
{
    double *x = malloc(ANALYSIS_SAMPLES * sizeof *x);
    if (x == NULL)
        return cbench_skip(b, "analysis: out of memory");
    uint64_t seed = 7;
    for (size_t i = 0; i < ANALYSIS_SAMPLES; i++)
        x[i] = 1000.0 * (1.0 + 0.01 * unit_random(&seed));
    cbench_set_user_data(b, x);
    return 0;
}

static void bootstrap_teardown(cbench_state *b)
{
    free(cbench_user_data(b));
}

static void bootstrap_mean(cbench_state *b)
{
    const double *x = cbench_user_data(b);
    unsigned threads = (unsigned)cbench_param(b);
    double lower = 0, upper = 0;
    int rc = 0;
    CBENCH_ITER(b) {
        rc |= cbench_stats_bootstrap_mean_ci(x, ANALYSIS_SAMPLES,
                                             ANALYSIS_RESAMPLES, 0.95, 42,
                                             threads, &lower, &upper);
        cbench_do_not_optimize(lower);
        cbench_do_not_optimize(upper);
    }
    if (rc != 0)
        fprintf(stderr, "analysis/bootstrap_mean: %s\n", cbench_strerror(rc));
}
CBENCH(analysis, bootstrap_mean, CBENCH_PARAMS(1, 2),
       .param_name = "threads", .setup = bootstrap_setup,
       .teardown = bootstrap_teardown)

/* {=================================================================
 * Full analysis of one benchmark.
 * ================================================================== */

typedef struct full_data {
    cbench_result base, cur, ref;
    cbench_analysis_opts opts;
} full_data;

static int fill_result(cbench_result *r, double level, uint64_t seed)
{
    memset(r, 0, sizeof *r);
    r->samples = malloc(ANALYSIS_SAMPLES * sizeof *r->samples);
    if (r->samples == NULL)
        return -1;
    r->n_samples = ANALYSIS_SAMPLES;
    make_samples(r->samples, ANALYSIS_SAMPLES, ANALYSIS_ROUNDS, level, seed);
    return 0;
}

static void free_full(full_data *f)
{
    cbench_result *rs[3] = {&f->base, &f->cur, &f->ref};
    for (int i = 0; i < 3; i++) {
        free(rs[i]->samples);
        free(rs[i]->warning);
    }
    free(f);
}

static int full_setup(cbench_state *b)
{
    full_data *f = calloc(1, sizeof *f);
    if (f == NULL)
        return cbench_skip(b, "analysis: out of memory");
    cbench_analysis_opts_default(&f->opts);
    if (fill_result(&f->base, 1.0, 1) != 0 ||
        fill_result(&f->cur, 1.02, 2) != 0 ||
        fill_result(&f->ref, 2.0, 3) != 0) {
        free_full(f);
        return cbench_skip(b, "analysis: out of memory");
    }
    /* The baseline and the reference are analysed once, as a run has
     * them before it analyses the current result. */
    if (cbench_analysis_run(&f->opts, &f->base) != 0 ||
        cbench_analysis_run(&f->opts, &f->ref) != 0) {
        free_full(f);
        return cbench_skip(b, "analysis: cbench_analysis_run failed");
    }
    cbench_set_user_data(b, f);
    return 0;
}

static void full_teardown(cbench_state *b)
{
    free_full(cbench_user_data(b));
}

/* One benchmark's analysis: estimates, outliers, change, ratio. */
static void full(cbench_state *b)
{
    full_data *f = cbench_user_data(b);
    int rc = 0;
    CBENCH_ITER(b) {
        rc |= cbench_analysis_run(&f->opts, &f->cur);
        rc |= cbench_analysis_compare(&f->opts, &f->base, &f->cur);
        rc |= cbench_analysis_ratio(&f->opts, &f->ref, &f->cur);
        cbench_do_not_optimize(f->cur.change.verdict);
    }
    if (rc != 0)
        fprintf(stderr, "analysis/full: an analysis step failed (%d)\n", rc);
}
CBENCH(analysis, full, .setup = full_setup, .teardown = full_teardown,
       .sampling = CBENCH_SAMPLING_FLAT)

CBENCH_MAIN()

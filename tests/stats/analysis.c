/* SPDX-License-Identifier: MIT
 *
 * analysis.c - the analysis entry points (lib/stats/analysis.h) on
 * synthetic results: every field filled, undefined cases, bad input,
 * reproducibility, stability warnings, and the "honest uncertainty"
 * property: the typical CI of one simulated run covers the next run's
 * estimate in >= 80 % of pairs when rounds (processes) differ.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "stats/analysis.h"
#include "stats/rng.h"
#include "stats/univariate.h"

/* A synthetic result: k rounds of m samples, linear iteration counts;
 * per-iteration time = base * (1 + round_sd * z_round) * (1 + noise * z). */
typedef struct sim {
    double base, round_sd, noise;
    size_t k, m;
    int flat;
} sim;

static void make(cbench_result *r, const sim *s, cbench_rng *g)
{
    memset(r, 0, sizeof *r);
    r->n_samples = s->k * s->m;
    r->samples = malloc(r->n_samples * sizeof *r->samples);
    for (size_t k = 0; k < s->k; k++) {
        double off = 1 + s->round_sd * cbench_rng_normal(g);
        for (size_t j = 0; j < s->m; j++) {
            cbench_sample *p = &r->samples[k * s->m + j];
            p->iters = s->flat ? 100 : (double)(10 * (j + 1));
            p->ns = p->iters * s->base * off * (1 + s->noise * cbench_rng_normal(g));
            p->round = (uint32_t)(k + 3);     /* ids need not start at 0 */
        }
    }
    if (s->flat)
        r->flags |= CBENCH_RESULT_FLAT;
}

static void drop(cbench_result *r)
{
    free(r->samples);
    free(r->warning);
    memset(r, 0, sizeof *r);
}

static void opts(cbench_analysis_opts *o, unsigned resamples)
{
    cbench_analysis_opts_default(o);
    o->n_resamples = resamples;
}

static int in_ci(const cbench_estimate *e)
{
    return e->lower <= e->point && e->point <= e->upper && e->level == 0.95;
}

static void test_defaults(void)
{
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    CHECK_INT_EQ(o.n_resamples, 100000);
    CHECK(o.confidence == 0.95 && o.noise_threshold == 0.01 && o.significance == 0.05);
    CHECK_INT_EQ(o.estimator, CBENCH_EST_LOW);
    CHECK_INT_EQ(o.threads, 0);
}

static void test_run_fills_everything(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 1);
    sim s = {100, 0.01, 0.005, 5, 20, 0};
    cbench_result r;
    make(&r, &s, &g);
    cbench_analysis_opts o;
    opts(&o, 4000);
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
    CHECK(in_ci(&r.typical) && in_ci(&r.mean) && in_ci(&r.median) && in_ci(&r.std_dev)
          && in_ci(&r.mad) && in_ci(&r.slope));
    CHECK(r.typical.std_err > 0 && r.mean.std_err > 0);
    CHECK(r.r_squared > 0.99 && r.r_squared <= 1);
    CHECK_INT_EQ(r.n_rounds, 5);
    CHECK_INT_EQ(r.outliers.low_severe + r.outliers.low_mild + r.outliers.normal
                 + r.outliers.high_mild + r.outliers.high_severe, 100);
    CHECK(fabs(r.typical.point / 100 - 1) < 0.03);
    /* The pooled points are the plain statistics of x = ns / iters. */
    double x[100];
    for (int i = 0; i < 100; i++)
        x[i] = r.samples[i].ns / r.samples[i].iters;
    CHECK_REL(r.mean.point, cbench_univariate_mean(x, 100), 1e-15);
    /* The typical point is the 30 % trimmed mean of the logs of the
     * per-round estimates (5 rounds: the lowest and highest dropped), its
     * CI Yuen's (winsorized variance, df = h - 1 = 2) with the between-run
     * term, one round's variance (1.4826 MAD)^2 (compare.h, Method: runs). */
    double *e;
    uint32_t *ids;
    size_t k;
    CHECK_INT_EQ(cbench_analysis_round_estimates(&o, &r, &e, &ids, &k), 0);
    CHECK_INT_EQ(k, 5);
    CHECK(ids[0] == 3 && ids[4] == 7);
    double lg[5];
    for (int i = 0; i < 5; i++)
        lg[i] = log(e[i]);
    cbench_univariate_sort(lg, 5);
    double ml = (lg[1] + lg[2] + lg[3]) / 3;
    double w[5] = {lg[1], lg[1], lg[2], lg[3], lg[3]};
    double wm = cbench_univariate_mean(w, 5);
    double d = 4 * cbench_univariate_variance(w, 5, wm) / (3 * 2);
    double dev[5];
    for (int i = 0; i < 5; i++)
        dev[i] = fabs(lg[i] - lg[2]);
    cbench_univariate_sort(dev, 5);
    double mad = 1.4826 * dev[2];
    double sl = sqrt(d + mad * mad);
    double q = cbench_stats_t_quantile(0.975, 2);
    CHECK_REL(r.typical.point, exp(ml), 1e-14);
    CHECK_REL(r.typical.lower, exp(ml - q * sl), 1e-14);
    CHECK_REL(r.typical.upper, exp(ml + q * sl), 1e-14);
    free(e);
    free(ids);
    drop(&r);
}

/* One round: the typical estimate is the estimator's bootstrap CI; flat
 * sampling: no slope; one sample: no standard deviation. */
static void test_single_round_flat_one(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 2);
    sim s = {50, 0, 0.02, 1, 40, 1};
    cbench_result r;
    make(&r, &s, &g);
    cbench_analysis_opts o;
    opts(&o, 3000);
    o.estimator = CBENCH_EST_MEDIAN;
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
    CHECK(memcmp(&r.typical, &r.median, sizeof r.typical) == 0);
    CHECK(isnan(r.slope.point) && isnan(r.slope.lower) && isnan(r.r_squared));
    o.estimator = CBENCH_EST_SLOPE;          /* flat: falls back to the mean */
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
    CHECK(memcmp(&r.typical, &r.mean, sizeof r.typical) == 0);
    drop(&r);

    cbench_sample one = {10, 250, 0};
    memset(&r, 0, sizeof r);
    r.samples = &one;
    r.n_samples = 1;
    o.estimator = CBENCH_EST_MEDIAN;
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
    CHECK(r.typical.point == 25 && r.typical.lower == 25 && r.typical.upper == 25);
    CHECK(isnan(r.std_dev.point) && isnan(r.std_dev.lower));
    CHECK(r.mad.point == 0 && r.slope.point == 25);
    CHECK(isnan(r.r_squared));
}

static void test_bad_input(void)
{
    cbench_analysis_opts o;
    opts(&o, 100);
    cbench_result r;
    memset(&r, 0, sizeof r);
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), CBENCH_EINVAL);       /* no samples */
    cbench_sample s[3] = {{1, 5, 0}, {1, NAN, 0}, {1, 6, 0}};
    r.samples = s;
    r.n_samples = 3;
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), CBENCH_EINVAL);
    s[1].ns = INFINITY;
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), CBENCH_EINVAL);
    s[1].ns = 5;
    s[1].iters = 0;
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), CBENCH_EINVAL);
    s[1].iters = 1;
    o.confidence = 1;
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), CBENCH_EINVAL);
    opts(&o, 1);
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), CBENCH_EINVAL);
    opts(&o, 100);
    o.estimator = (cbench_estimator)7;
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_analysis_run(NULL, &r), CBENCH_EINVAL);
    opts(&o, 100);
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
}

static void test_reproducible(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 3);
    sim s = {20, 0.02, 0.01, 4, 25, 0};
    cbench_result a, b;
    make(&a, &s, &g);
    b = a;
    b.samples = malloc(a.n_samples * sizeof *a.samples);
    memcpy(b.samples, a.samples, a.n_samples * sizeof *a.samples);
    cbench_analysis_opts o;
    opts(&o, 20000);
    o.threads = 1;
    CHECK_INT_EQ(cbench_analysis_run(&o, &a), 0);
    o.threads = 2;
    CHECK_INT_EQ(cbench_analysis_run(&o, &b), 0);
    size_t bytes = offsetof(cbench_result, stop_reason) - offsetof(cbench_result, typical);
    CHECK(memcmp(&a.typical, &b.typical, bytes) == 0);
    o.seed++;
    CHECK_INT_EQ(cbench_analysis_run(&o, &b), 0);
    CHECK(memcmp(&a.median, &b.median, sizeof a.median) != 0);
    drop(&a);
    drop(&b);
}

static int has(const cbench_result *r, const char *what)
{
    return r->warning != NULL && strstr(r->warning, what) != NULL;
}

static void test_unstable(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 4);
    cbench_analysis_opts o;
    opts(&o, 500);
    cbench_result r;
    sim quiet = {100, 0.001, 0.005, 5, 20, 0};
    make(&r, &quiet, &g);
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
    CHECK(!(r.flags & CBENCH_RESULT_UNSTABLE) && r.warning == NULL);
    /* 20 % of the samples hit by interruptions. */
    for (size_t i = 0; i < r.n_samples; i += 5)
        r.samples[i].ns *= 3;
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
    CHECK(r.flags & CBENCH_RESULT_UNSTABLE);
    CHECK(has(&r, "severe outliers") && has(&r, "--sample-size"));
    CHECK(!has(&r, "rounds disagree"));
    CHECK(r.warn_kinds & CBENCH_WARN_OUTLIERS);            /* each sentence's tag */
    CHECK(!(r.warn_kinds & CBENCH_WARN_ROUNDS));
    /* Running again does not repeat the sentence. */
    size_t len = strlen(r.warning);
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
    CHECK_INT_EQ(strlen(r.warning), len);
    drop(&r);

    sim noisy = {100, 0.001, 0.10, 5, 20, 0};
    make(&r, &noisy, &g);
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
    CHECK(has(&r, "relative MAD") && has(&r, "--measurement-time"));
    CHECK(r.warn_kinds & CBENCH_WARN_UNSTABLE);
    drop(&r);

    sim split = {100, 0.10, 0.002, 5, 20, 0};
    make(&r, &split, &g);
    CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
    CHECK(has(&r, "rounds disagree") && has(&r, "--rounds"));
    CHECK(r.warn_kinds & CBENCH_WARN_ROUNDS);
    drop(&r);
}

/* Issue 9's honest-uncertainty target on simulated processes: rounds
 * differ by 2 % (layout, frequency), samples within a round by 0.5 %. The
 * next run's typical estimate must fall inside this run's 95 % CI in >= 80
 * % of pairs. A CI from pooled samples alone (as criterion.rs computes)
 * is far too narrow here, which the printout shows for comparison. */
static void test_next_process_coverage(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 5);
    cbench_analysis_opts o;
    opts(&o, 300);
    sim s = {100, 0.02, 0.005, 5, 20, 0};
    int hit = 0, hit_pooled = 0, pairs = 400;
    for (int i = 0; i < pairs; i++) {
        cbench_result a, b, pooled;
        make(&a, &s, &g);
        make(&b, &s, &g);
        cbench_analysis_run(&o, &a);
        cbench_analysis_run(&o, &b);
        pooled = a;                     /* the same samples as one round */
        pooled.samples = malloc(a.n_samples * sizeof *a.samples);
        memcpy(pooled.samples, a.samples, a.n_samples * sizeof *a.samples);
        for (size_t j = 0; j < a.n_samples; j++)
            pooled.samples[j].round = 0;
        pooled.warning = NULL;
        cbench_analysis_run(&o, &pooled);
        hit += a.typical.lower <= b.typical.point && b.typical.point <= a.typical.upper;
        hit_pooled += pooled.typical.lower <= b.typical.point
                      && b.typical.point <= pooled.typical.upper;
        drop(&a);
        drop(&b);
        drop(&pooled);
    }
    printf("next run inside this run's CI: rounds as units %d / %d, pooled samples %d / %d\n",
           hit, pairs, hit_pooled, pairs);
    CHECK(hit >= pairs * 8 / 10);
    CHECK(hit_pooled < hit);
}

/* A noisy shared machine: a sample is hit by a neighbour's burst (5-80 %
 * slower) with probability 0.15 and a whole round (5-50 %) with 0.1. (The
 * VM this was built on was at times worse: 24 % of rounds > 3 % slow.) */
static void make_bursty(cbench_result *r, cbench_rng *g, size_t k, size_t m)
{
    memset(r, 0, sizeof *r);
    r->n_samples = k * m;
    r->samples = malloc(r->n_samples * sizeof *r->samples);
    for (size_t i = 0; i < k; i++) {
        double round = cbench_rng_uniform(g) < 0.1 ? 1.05 + 0.45 * cbench_rng_uniform(g) : 1;
        for (size_t j = 0; j < m; j++) {
            double burst = cbench_rng_uniform(g) < 0.15 ? 1.05 + 0.75 * cbench_rng_uniform(g) : 1;
            cbench_sample *p = &r->samples[i * m + j];
            p->iters = (double)(100 * (j + 1));
            p->ns = p->iters * 100 * round * burst * (1 + 0.003 * cbench_rng_normal(g));
            p->round = (uint32_t)i;
        }
    }
}

/* Under bursts that only add time, the default estimator (lower decile
 * per round, trimmed mean over rounds) stays within 1 % of the undisturbed
 * time in most runs and its CI still holds the next run's estimate; the
 * median and mean follow the bursts (printed for comparison). */
static void test_bursty_machine(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 99);
    cbench_analysis_opts o;
    opts(&o, 200);
    const cbench_estimator est[3] = {CBENCH_EST_LOW, CBENCH_EST_MEDIAN, CBENCH_EST_MEAN};
    int within[3] = {0}, hit[3] = {0}, runs = 200;
    for (int t = 0; t < runs; t++) {
        cbench_result a, b;
        make_bursty(&a, &g, 10, 10);
        make_bursty(&b, &g, 10, 10);
        for (int e = 0; e < 3; e++) {
            o.estimator = est[e];
            cbench_analysis_run(&o, &a);
            cbench_analysis_run(&o, &b);
            within[e] += fabs(a.typical.point / 100 - 1) < 0.01;
            hit[e] += a.typical.lower <= b.typical.point && b.typical.point <= a.typical.upper;
            free(a.warning);
            free(b.warning);
            a.warning = b.warning = NULL;
        }
        drop(&a);
        drop(&b);
    }
    printf("bursty machine, within 1 %% of the true time / next run in CI (of %d):\n"
           "  low %d / %d, median %d / %d, mean %d / %d\n", runs, within[0], hit[0],
           within[1], hit[1], within[2], hit[2]);
    CHECK(within[0] >= runs * 9 / 10);
    CHECK(hit[0] >= runs * 8 / 10);
    CHECK(within[0] >= within[1] && within[0] > within[2]);
}

/* One round with the "low" estimator: the order-statistic interval of the
 * lower decile covers the true decile of N(100, 5) (93.592) at its level. */
static void test_low_one_round_coverage(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 4);
    cbench_analysis_opts o;
    opts(&o, 100);
    int hit = 0, trials = 1000;
    for (int t = 0; t < trials; t++) {
        sim s = {100, 0, 0.05, 1, 60, 1};
        cbench_result r;
        make(&r, &s, &g);
        CHECK_INT_EQ(cbench_analysis_run(&o, &r), 0);
        hit += r.typical.lower <= 93.592 && 93.592 <= r.typical.upper;
        drop(&r);
    }
    printf("one round, lower-decile CI covers the true decile: %d / %d\n", hit, trials);
    CHECK(hit >= trials * 93 / 100 && hit <= trials * 99 / 100);
}

int main(void)
{
    test_defaults();
    test_run_fills_everything();
    test_single_round_flat_one();
    test_bad_input();
    test_reproducible();
    test_unstable();
    test_next_process_coverage();
    test_bursty_machine();
    test_low_one_round_coverage();
    return check_result();
}

/* SPDX-License-Identifier: MIT
 *
 * compare.c - change detection: the verdict rules, Welch's error rate at
 * alpha = 0.05 on 1,000 same-distribution pairs (3-7 %), power against a
 * 3 % shift with sigma 2 % (>= 95 % of pairs of 100 samples flagged
 * regressed), the rounds-as-units path, ratios (paired and unpaired) and
 * the paired A/B analysis.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cbench/stats.h"
#include "check.h"
#include "stats/analysis.h"
#include "stats/compare.h"
#include "stats/rng.h"

/* k rounds of m flat samples of base * (1 + rsd z_round) * (1 + sd z). */
static void make(cbench_result *r, cbench_rng *g, size_t k, size_t m, double base,
                 double rsd, double sd)
{
    memset(r, 0, sizeof *r);
    r->n_samples = k * m;
    r->samples = malloc(k * m * sizeof *r->samples);
    for (size_t i = 0; i < k; i++) {
        double off = 1 + rsd * cbench_rng_normal(g);
        for (size_t j = 0; j < m; j++) {
            cbench_sample *s = &r->samples[i * m + j];
            s->iters = 1;
            s->ns = base * off * (1 + sd * cbench_rng_normal(g));
            s->round = (uint32_t)i;
        }
    }
    r->flags = CBENCH_RESULT_FLAT;
}

static void drop(cbench_result *r)
{
    free(r->samples);
    free(r->warning);
}

static void test_verdict_rules(void)
{
    cbench_estimate c = {0.05, 0.03, 0.07, 0.01, 0.95};
    CHECK_INT_EQ(cbench_compare_verdict(0.2, &c, 0.05, 0.01), CBENCH_VERDICT_NO_CHANGE);
    CHECK_INT_EQ(cbench_compare_verdict(0.05, &c, 0.05, 0.01), CBENCH_VERDICT_NO_CHANGE);
    CHECK_INT_EQ(cbench_compare_verdict(0.01, &c, 0.05, 0.01), CBENCH_VERDICT_REGRESSED);
    c = (cbench_estimate){-0.05, -0.07, -0.03, 0.01, 0.95};
    CHECK_INT_EQ(cbench_compare_verdict(0.01, &c, 0.05, 0.01), CBENCH_VERDICT_IMPROVED);
    c = (cbench_estimate){0.008, 0.004, 0.012, 0.01, 0.95};
    CHECK_INT_EQ(cbench_compare_verdict(0.001, &c, 0.05, 0.01), CBENCH_VERDICT_WITHIN_NOISE);
    CHECK_INT_EQ(cbench_compare_verdict(NAN, &c, 0.05, 0.01), CBENCH_VERDICT_NONE);
    c.lower = NAN;
    CHECK_INT_EQ(cbench_compare_verdict(0.001, &c, 0.05, 0.01), CBENCH_VERDICT_NONE);
    CHECK_INT_EQ(cbench_compare_verdict(0.5, &c, 0.05, 0.01), CBENCH_VERDICT_NO_CHANGE);
}

/* Yuen's trimmed mean, worked by hand: n = 10, g = 2 cut from each end,
 * h = 6; winsorized {3,3,3,4,5,6,7,8,8,8} has variance 42.5/9, so
 * se^2 = 9 (42.5/9) / (6 * 5). The 100 does not move the location. */
static void test_trimmed_known(void)
{
    const double x[] = {7, 2, 100, 4, 1, 9, 3, 6, 5, 8};
    cbench_trimmed t;
    CHECK_INT_EQ(cbench_compare_trimmed(x, 10, 0.2, &t), 0);
    CHECK_NEAR(t.mean, 5.5, 1e-14);
    CHECK_NEAR(t.se2, 42.5 / 30, 1e-14);
    CHECK_NEAR(t.df, 5, 0);
    /* Fewer than 5 values: nothing trimmed, the mean and s^2/n. */
    const double y[] = {1, 2, 6};
    CHECK_INT_EQ(cbench_compare_trimmed(y, 3, 0.2, &t), 0);
    CHECK_NEAR(t.mean, 3, 1e-14);
    CHECK_NEAR(t.se2, 7.0 / 3, 1e-14);
    CHECK_NEAR(t.df, 2, 0);
    /* Never fewer than three kept values (df >= 2). */
    CHECK_INT_EQ(cbench_compare_trimmed(y, 3, 0.49, &t), 0);
    CHECK_NEAR(t.df, 2, 0);                          /* 1 cut would leave 1 */
    const double y4[] = {1, 2, 6, 7};
    CHECK_INT_EQ(cbench_compare_trimmed(y4, 4, 0.49, &t), 0);
    CHECK_NEAR(t.mean, 4, 1e-14);                    /* 1 cut would leave 2 */
    CHECK_NEAR(t.df, 3, 0);
    const double y5[] = {1, 2, 6, 7, 100};
    CHECK_INT_EQ(cbench_compare_trimmed(y5, 5, 0.49, &t), 0);
    CHECK_NEAR(t.mean, 5, 1e-14);
    CHECK_NEAR(t.df, 2, 0);
    CHECK_INT_EQ(cbench_compare_trimmed(y, 1, 0.2, &t), CBENCH_EDOMAIN);
    CHECK_INT_EQ(cbench_compare_trimmed(y, 3, 0.5, &t), CBENCH_EDOMAIN);
}

static void test_change_known(void)
{
    /* Geometric means 2 and 4: change +100 %, symmetric on the log scale. */
    const double a[] = {1, 4, 2, 2}, b[] = {2, 8, 4, 4};
    cbench_estimate e;
    CHECK_INT_EQ(cbench_compare_change(a, 4, b, 4, 0.95, &e, NULL), 0);
    CHECK_NEAR(e.point, 1.0, 1e-12);
    CHECK_NEAR(log1p(e.lower) + log1p(e.upper), 2 * log(2.0), 1e-12);
    /* Non-positive values: difference of means over |mean a|. */
    const double c[] = {-1, 1, 3}, d[] = {1, 3, 5};
    CHECK_INT_EQ(cbench_compare_change(c, 3, d, 3, 0.95, &e, NULL), 0);
    CHECK_NEAR(e.point, 2.0, 1e-12);                 /* (3 - 1) / 1 */
    const double z[] = {-1, 1};
    CHECK_INT_EQ(cbench_compare_change(z, 2, d, 3, 0.95, &e, NULL), CBENCH_EDOMAIN);
    CHECK(isnan(e.point));
    /* Welch with zero variance is decided, not undefined. */
    const double k1[] = {5, 5, 5}, k2[] = {6, 6, 6};
    double t, df, p;
    CHECK_INT_EQ(cbench_stats_welch(k1, 3, k1, 3, &t, &df, &p), 0);
    CHECK(t == 0 && p == 1 && isnan(df));
    CHECK_INT_EQ(cbench_stats_welch(k1, 3, k2, 3, &t, &df, &p), 0);
    CHECK(t == -INFINITY && p == 0);
    CHECK_INT_EQ(cbench_stats_welch(k1, 1, k2, 3, &t, &df, &p), CBENCH_EDOMAIN);
    CHECK(isnan(t) && isnan(p));
}

/* At alpha = 0.05, about 5 % of same-distribution pairs look different
 * when samples are the units. Between runs with rounds as units, the
 * test carries a between-run term as large as one round's variance: it
 * holds alpha when each run also sits in its own machine state (a run
 * effect as large as the spread between its rounds, as measured on the
 * VM, benches/README.md), where the bare Yuen-Welch test calls a third
 * of unchanged pairs different; with no run effect it is conservative. */
static void test_false_positive_rate(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 100);
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.n_resamples = 50;                 /* p comes from Welch, not resamples */
    int fp_samples = 0, fp_rounds = 0, flagged = 0, fp_runs = 0, fp_bare = 0;
    for (int i = 0; i < 1000; i++) {
        cbench_result a, b;
        make(&a, &g, 1, 50, 100, 0, 0.02);       /* samples are the units */
        make(&b, &g, 1, 50, 100, 0, 0.02);
        CHECK_INT_EQ(cbench_analysis_compare(&o, &a, &b), 0);
        fp_samples += b.change.p_value < 0.05;
        CHECK(isnan(b.change.df));               /* a bootstrap CI: no t df */
        drop(&a);
        drop(&b);
        make(&a, &g, 6, 10, 100, 0.02, 0.01);    /* rounds are the units */
        make(&b, &g, 6, 10, 100, 0.02, 0.01);
        CHECK_INT_EQ(cbench_analysis_compare(&o, &a, &b), 0);
        fp_rounds += b.change.p_value < 0.05;
        flagged += b.change.verdict == CBENCH_VERDICT_REGRESSED
                   || b.change.verdict == CBENCH_VERDICT_IMPROVED;
        drop(&a);
        drop(&b);
        /* each run in its own state: a run effect of 2 %, like its rounds' */
        make(&a, &g, 10, 10, 100 * (1 + 0.02 * cbench_rng_normal(&g)), 0.02, 0.01);
        make(&b, &g, 10, 10, 100 * (1 + 0.02 * cbench_rng_normal(&g)), 0.02, 0.01);
        CHECK_INT_EQ(cbench_analysis_compare(&o, &a, &b), 0);
        fp_runs += b.change.p_value < 0.05;
        double ea[10], eb[10], p;
        cbench_estimate bare;
        for (size_t r = 0; r < 10; r++) {
            ea[r] = a.samples[r * 10].ns;  /* any sample stands in for its round */
            eb[r] = b.samples[r * 10].ns;
        }
        cbench_compare_change(ea, 10, eb, 10, 0.95, &bare, &p);
        fp_bare += p < 0.05;
        drop(&a);
        drop(&b);
    }
    printf("false positives at alpha 0.05: samples %d / 1000, rounds (no run effect) %d / "
           "1000; verdict improved/regressed %d / 1000\n", fp_samples, fp_rounds, flagged);
    printf("  with a run effect: between-run term %d / 1000, bare Yuen-Welch %d / 1000\n",
           fp_runs, fp_bare);
    CHECK(fp_samples >= 30 && fp_samples <= 70);
    CHECK(fp_rounds <= 70);
    CHECK(flagged <= 50);
    CHECK(fp_runs <= 70);
    CHECK(fp_bare >= 150);
}

/* A 3 % slowdown with 2 % noise, 100 samples a side, is flagged. */
static void test_power(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 200);
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.n_resamples = 1000;
    int regressed = 0, pairs = 300, covered = 0;
    for (int i = 0; i < pairs; i++) {
        cbench_result a, b;
        make(&a, &g, 1, 100, 100, 0, 0.02);
        make(&b, &g, 1, 100, 103, 0, 0.02);
        CHECK_INT_EQ(cbench_analysis_compare(&o, &a, &b), 0);
        CHECK(b.has_change == 1);
        regressed += b.change.verdict == CBENCH_VERDICT_REGRESSED;
        covered += b.change.mean.lower <= 0.03 && 0.03 <= b.change.mean.upper;
        if (i == 0) {
            CHECK_STR_EQ(b.change.test_name, "welch-t on samples");
            CHECK(b.change.noise_threshold == 0.01 && b.change.significance == 0.05);
            CHECK(b.change.median.lower < b.change.median.point
                  && b.change.median.point < b.change.median.upper);
        }
        drop(&a);
        drop(&b);
    }
    printf("3 %% shift flagged regressed: %d / %d; CI covers +3 %%: %d / %d\n", regressed,
           pairs, covered, pairs);
    CHECK(regressed >= pairs * 95 / 100);
    CHECK(covered >= pairs * 90 / 100);
}

static void test_rounds_path_and_constant(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 300);
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.n_resamples = 200;
    cbench_result a, b;
    make(&a, &g, 8, 10, 100, 0.005, 0.01);
    make(&b, &g, 8, 10, 110, 0.005, 0.01);
    CHECK_INT_EQ(cbench_analysis_compare(&o, &a, &b), 0);
    CHECK_STR_EQ(b.change.test_name, "yuen-welch t on per-round estimates, between-run term");
    CHECK_INT_EQ(b.change.verdict, CBENCH_VERDICT_REGRESSED);
    CHECK_NEAR(b.change.mean.point, 0.10, 0.01);
    printf("rounds path, +10 %%: [%+.4f %+.4f] p = %.3g\n", b.change.mean.lower,
           b.change.mean.upper, b.change.p_value);
    CHECK(b.change.mean.lower > 0.08 && b.change.mean.upper < 0.12);
    CHECK(b.change.p_value < 1e-4);
    /* The test's df (the change chart draws its t-distribution): Welch's
     * lies between the smaller side's h - 1 and their sum (8 rounds, 30 %
     * trimmed: h = 4 a side). */
    CHECK(b.change.df >= 3 && b.change.df <= 6);
    drop(&a);
    drop(&b);
    /* Deterministic counts (instructions mode): exact decisions. */
    make(&a, &g, 3, 5, 1000, 0, 0);
    make(&b, &g, 3, 5, 1000, 0, 0);
    CHECK_INT_EQ(cbench_analysis_compare(&o, &a, &b), 0);
    CHECK(b.change.p_value == 1 && b.change.verdict == CBENCH_VERDICT_NO_CHANGE);
    for (size_t i = 0; i < b.n_samples; i++)
        b.samples[i].ns = 1050;
    CHECK_INT_EQ(cbench_analysis_compare(&o, &a, &b), 0);
    CHECK(b.change.p_value == 0 && b.change.verdict == CBENCH_VERDICT_REGRESSED);
    CHECK_NEAR(b.change.mean.point, 0.05, 1e-12);
    drop(&a);
    drop(&b);
    /* Too few units. */
    cbench_sample one = {1, 5, 0};
    memset(&a, 0, sizeof a);
    a.samples = &one;
    a.n_samples = 1;
    make(&b, &g, 1, 5, 5, 0, 0.1);
    CHECK_INT_EQ(cbench_analysis_compare(&o, &a, &b), CBENCH_EDOMAIN);
    CHECK(b.has_change == 0);
    drop(&b);
}

/* Rounds of one run share the machine's state at that moment: pairing
 * them removes that drift from the ratio's CI. */
static void test_ratio(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 400);
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.n_resamples = 500;
    enum { K = 8, M = 10 };
    cbench_result ref, cur;
    make(&ref, &g, K, M, 100, 0, 0.002);
    make(&cur, &g, K, M, 200, 0, 0.002);
    for (size_t i = 0; i < K; i++) {         /* a shared drift per round */
        double drift = 1 + 0.05 * cbench_rng_normal(&g);
        for (size_t j = 0; j < M; j++) {
            ref.samples[i * M + j].ns *= drift;
            cur.samples[i * M + j].ns *= drift;
        }
    }
    CHECK_INT_EQ(cbench_analysis_ratio(&o, &ref, &cur), 0);
    cbench_estimate paired = cur.ratio_to_reference;
    CHECK_NEAR(paired.point, 2.0, 0.01);
    CHECK(paired.lower < 2.0 && 2.0 < paired.upper + 1e-3);
    for (size_t i = 0; i < cur.n_samples; i++)   /* no common round ids */
        cur.samples[i].round += 100;
    CHECK_INT_EQ(cbench_analysis_ratio(&o, &ref, &cur), 0);
    cbench_estimate unpaired = cur.ratio_to_reference;
    CHECK(unpaired.lower < 2.0 && 2.0 < unpaired.upper);
    printf("ratio CI width: paired %.4f, unpaired %.4f\n", paired.upper - paired.lower,
           unpaired.upper - unpaired.lower);
    CHECK(paired.upper - paired.lower < 0.25 * (unpaired.upper - unpaired.lower));
    drop(&ref);
    drop(&cur);
    /* One round each: bootstrap of the estimator ratio. */
    make(&ref, &g, 1, 50, 10, 0, 0.01);
    make(&cur, &g, 1, 50, 30, 0, 0.01);
    CHECK_INT_EQ(cbench_analysis_ratio(&o, &ref, &cur), 0);
    CHECK_NEAR(cur.ratio_to_reference.point, 3.0, 0.02);
    CHECK(cur.ratio_to_reference.lower < cur.ratio_to_reference.point);
    drop(&ref);
    drop(&cur);
}

static void test_paired(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 500);
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.n_resamples = 2000;
    double a[10], b[10];
    for (int i = 0; i < 10; i++) {
        double drift = 1 + 0.05 * cbench_rng_normal(&g);
        a[i] = 100 * drift * (1 + 0.003 * cbench_rng_normal(&g));
        b[i] = 103 * drift * (1 + 0.003 * cbench_rng_normal(&g));
    }
    cbench_change c;
    CHECK_INT_EQ(cbench_analysis_paired(&o, a, b, 10, &c), 0);
    CHECK_INT_EQ(c.verdict, CBENCH_VERDICT_REGRESSED);
    CHECK(c.mean.lower < 0.03 && 0.03 < c.mean.upper);
    CHECK(c.median.lower <= c.median.point && c.median.point <= c.median.upper);
    CHECK_STR_EQ(c.test_name, "paired yuen t on log ratios");
    CHECK(c.p_value < 1e-4);
    CHECK_INT_EQ(cbench_analysis_paired(&o, a, a, 10, &c), 0);
    CHECK_INT_EQ(c.verdict, CBENCH_VERDICT_NO_CHANGE);
    CHECK(c.p_value == 1 && c.mean.point == 0);
    CHECK_INT_EQ(cbench_analysis_paired(&o, a, b, 1, &c), CBENCH_EDOMAIN);
    CHECK(isnan(c.mean.point));
    b[3] = -1;
    CHECK_INT_EQ(cbench_analysis_paired(&o, a, b, 10, &c), CBENCH_EDOMAIN);
    b[3] = NAN;
    CHECK_INT_EQ(cbench_analysis_paired(&o, a, b, 10, &c), CBENCH_EINVAL);
    /* A/A with drift: the paired test rarely cries wolf. */
    int flagged = 0;
    o.n_resamples = 100;
    for (int t = 0; t < 400; t++) {
        for (int i = 0; i < 10; i++) {
            double drift = 1 + 0.05 * cbench_rng_normal(&g);
            a[i] = 100 * drift * (1 + 0.003 * cbench_rng_normal(&g));
            b[i] = 100 * drift * (1 + 0.003 * cbench_rng_normal(&g));
        }
        cbench_analysis_paired(&o, a, b, 10, &c);
        flagged += c.verdict == CBENCH_VERDICT_REGRESSED || c.verdict == CBENCH_VERDICT_IMPROVED;
    }
    printf("paired A/A flagged: %d / 400\n", flagged);
    CHECK(flagged <= 20);
}

/* cbench ab's sequential procedure on simulated pairs: drift common to
 * both builds (5 %), independent noise of 1.5 % per process, and a burst
 * (up to +30 %) on either side of one pair in ten. Pairs are added until
 * cbench_analysis_paired_settled() says so (from min pairs on) or max
 * pairs are reached; then the final paired verdict is read. */
static cbench_verdict sequential(cbench_rng *g, double shift, size_t min, size_t max,
                                 size_t *used)
{
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.n_resamples = 200;
    double a[64], b[64];
    size_t n = 0;
    while (n < max) {
        double drift = 1 + 0.05 * cbench_rng_normal(g);
        double ea = 1 + 0.015 * cbench_rng_normal(g), eb = 1 + 0.015 * cbench_rng_normal(g);
        if (cbench_rng_uniform(g) < 0.1)
            ea *= 1 + 0.3 * cbench_rng_uniform(g);
        if (cbench_rng_uniform(g) < 0.1)
            eb *= 1 + 0.3 * cbench_rng_uniform(g);
        a[n] = 100 * drift * ea;
        b[n] = 100 * (1 + shift) * drift * eb;
        n++;
        if (n >= min && cbench_analysis_paired_settled(&o, a, b, n) == 1)
            break;
    }
    *used = n;
    cbench_change c;
    CHECK_INT_EQ(cbench_analysis_paired(&o, a, b, n, &c), 0);
    return c.verdict;
}

/* Issue 9's verdict targets for `cbench ab`: unchanged code flagged in
 * <= 1 of 20 comparisons, a 3 % slowdown flagged regressed in >= 9 of 10,
 * despite looking after every pair. */
static void test_sequential_ab(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 909);
    int trials = 400, false_flags = 0, found = 0;
    size_t pairs_aa = 0, pairs_3 = 0, used;
    for (int t = 0; t < trials; t++) {
        cbench_verdict v = sequential(&g, 0, 6, 40, &used);
        false_flags += v == CBENCH_VERDICT_REGRESSED || v == CBENCH_VERDICT_IMPROVED;
        pairs_aa += used;
        found += sequential(&g, 0.03, 6, 40, &used) == CBENCH_VERDICT_REGRESSED;
        pairs_3 += used;
    }
    printf("sequential ab: A/A flagged %d / %d (mean %.1f pairs), 3 %% regressed %d / %d "
           "(mean %.1f pairs)\n", false_flags, trials, (double)pairs_aa / trials, found,
           trials, (double)pairs_3 / trials);
    CHECK(false_flags <= trials / 20);
    CHECK(found >= trials * 9 / 10);
    double a[2] = {1, 2}, b[2] = {1, 2};
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    CHECK_INT_EQ(cbench_analysis_paired_settled(&o, a, b, 1), 0);
    CHECK_INT_EQ(cbench_analysis_paired_settled(&o, a, b, 2), 1);   /* exactly equal */
    CHECK_INT_EQ(cbench_analysis_paired_settled(&o, NULL, b, 2), CBENCH_EINVAL);
}

int main(void)
{
    test_verdict_rules();
    test_trimmed_known();
    test_change_known();
    test_false_positive_rate();
    test_power();
    test_rounds_path_and_constant();
    test_ratio();
    test_paired();
    test_sequential_ab();
    return check_result();
}

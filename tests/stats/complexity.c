/* SPDX-License-Identifier: MIT
 *
 * complexity.c - the complexity fit: a worked example, exact sweeps of
 * every model give back the model and its coefficient, noisy sweeps
 * (lognormal multiplicative noise, fixed seeds) give it back in nearly
 * every trial, and degenerate input is rejected with its code.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cbench.h"
#include "check.h"
#include "stats/complexity.h"
#include "stats/rng.h"

/* The sweep every synthetic test uses: 2^4 .. 2^20, one size per octave
 * (17 sizes), like a size parameter swept by doubling. */
#define LO_EXP 4
#define HI_EXP 20
#define M (HI_EXP - LO_EXP + 1)

static void sweep(double *n)
{
    for (int i = 0; i < M; i++)
        n[i] = ldexp(1, LO_EXP + i);
}

/* t_i = c f(n_i) exp(sigma z_i): multiplicative noise of about sigma. */
static void times_of(cbench_bigo b, double c, double sigma, cbench_rng *g,
                     const double *n, double *t)
{
    for (int i = 0; i < M; i++)
        t[i] = c * cbench_bigo_eval(b, n[i])
             * (sigma > 0 ? cbench_rng_lognormal(g, 0, sigma) : 1);
}

/* Worked by hand: t = n on n = 1, 2, 4 is O(n) with c = 1 and rms 0; the
 * O(1) fit is the mean 7/3, residuals -4/3, -1/3, 5/3, so its rms is
 * sqrt(42/9 / 3) / (7/3). */
static void test_worked_example(void)
{
    const double n[] = {4, 1, 2}, t[] = {4, 1, 2};       /* any order */
    cbench_complexity c;
    CHECK_INT_EQ(cbench_complexity_fit(n, t, 3, &c), 0);
    CHECK_INT_EQ(c.best, CBENCH_BIGO_N);
    CHECK_NEAR(c.coef, 1, 1e-15);
    CHECK_NEAR(c.rms, 0, 1e-15);
    CHECK_NEAR(c.coefs[CBENCH_BIGO_1], 7.0 / 3, 1e-15);
    CHECK_NEAR(c.rmss[CBENCH_BIGO_1], sqrt(42.0 / 27) / (7.0 / 3), 1e-15);
    /* log2: f = 2, 0, 1, so c = (8 + 2) / (4 + 1). */
    CHECK_NEAR(c.coefs[CBENCH_BIGO_LOGN], 2, 1e-15);
}

/* Noise-free sweeps of each model: that model, its coefficient, rms 0. */
static void test_exact_models(void)
{
    double n[M], t[M];
    sweep(n);
    for (int b = 0; b < CBENCH_BIGO_COUNT; b++) {
        times_of((cbench_bigo)b, 3.5, 0, NULL, n, t);
        cbench_complexity c;
        CHECK_INT_EQ(cbench_complexity_fit(n, t, M, &c), 0);
        CHECK_INT_EQ(c.best, b);
        CHECK_REL(c.coef, 3.5, 1e-12);
        CHECK_NEAR(c.rms, 0, 1e-12);
        for (int o = 0; o < CBENCH_BIGO_COUNT; o++)   /* every other fits worse */
            CHECK(o == b || c.rmss[o] > 0.01);
    }
}

/* How many of 'trials' noisy sweeps of model b the fit gives back; *far
 * counts the answers that are not b nor a neighbour of b. */
static int recovered(cbench_bigo b, double sigma, int trials, uint64_t seed,
                     int *far)
{
    cbench_rng g;
    cbench_rng_seed(&g, seed);
    double n[M], t[M];
    sweep(n);
    int hits = 0;
    for (int k = 0; k < trials; k++) {
        times_of(b, 2.0, sigma, &g, n, t);
        cbench_complexity c;
        if (cbench_complexity_fit(n, t, M, &c) == 0 && c.best == b)
            hits++;
        else if (c.best + 1 < b || c.best > b + 1)
            (*far)++;
    }
    return hits;
}

/* With 1 % noise every model comes back in every one of 200 sweeps. With
 * 5 % all but O(n) and O(n log n) still do; those two come back in at
 * least 70 % (79 % measured over 1000 sweeps), the rest of the time as
 * each other: the limit complexity.h names (the top of the sweep decides,
 * where they differ by log(2n)/log(n) = 1.05 per octave). No noisy sweep
 * is ever taken for a model further away. */
static void test_noisy_models(void)
{
    for (int b = 0; b < CBENCH_BIGO_COUNT; b++) {
        int far = 0;
        int quiet = recovered((cbench_bigo)b, 0.01, 200, 1000 + (uint64_t)b, &far);
        int noisy = recovered((cbench_bigo)b, 0.05, 200, 2000 + (uint64_t)b, &far);
        if (getenv("COMPLEXITY_VERBOSE"))
            printf("%s: %d/200 at 1 %%, %d/200 at 5 %%\n",
                   cbench_bigo_name((cbench_bigo)b), quiet, noisy);
        CHECK_INT_EQ(quiet, 200);
        CHECK(noisy >= (b == CBENCH_BIGO_N || b == CBENCH_BIGO_NLOGN ? 140 : 200));
        CHECK_INT_EQ(far, 0);
    }
}

static void check_rejected(const double *n, const double *t, size_t m, int code)
{
    cbench_complexity c;
    CHECK_INT_EQ(cbench_complexity_fit(n, t, m, &c), code);
    CHECK_INT_EQ(c.best, CBENCH_BIGO_COUNT);
    CHECK(isnan(c.coef) && isnan(c.rms));
    for (int b = 0; b < CBENCH_BIGO_COUNT; b++)
        CHECK(isnan(c.coefs[b]) && isnan(c.rmss[b]));
}

static void test_degenerate(void)
{
    const double n[] = {16, 32, 64, 128}, t[] = {1, 2, 4, 8};
    check_rejected(n, t, 2, CBENCH_EDOMAIN);             /* two sizes */
    check_rejected(n, t, 0, CBENCH_EDOMAIN);
    const double same[] = {64, 64, 64, 64};
    check_rejected(same, t, 4, CBENCH_EDOMAIN);          /* equal sizes */
    const double two[] = {64, 32, 64, 32};
    check_rejected(two, t, 4, CBENCH_EDOMAIN);           /* 2 distinct of 4 */
    const double zero_t[] = {0, 0, 0, 0};
    check_rejected(n, zero_t, 4, CBENCH_EDOMAIN);        /* no mean time */
    const double nan_t[] = {1, NAN, 4, 8}, inf_t[] = {1, 2, INFINITY, 8};
    const double neg_t[] = {1, 2, -4, 8};
    check_rejected(n, nan_t, 4, CBENCH_EINVAL);
    check_rejected(n, inf_t, 4, CBENCH_EINVAL);
    check_rejected(n, neg_t, 4, CBENCH_EINVAL);
    const double nan_n[] = {16, NAN, 64, 128}, small_n[] = {0.5, 32, 64, 128};
    check_rejected(nan_n, t, 4, CBENCH_EINVAL);
    check_rejected(small_n, t, 4, CBENCH_EINVAL);
    check_rejected(NULL, t, 4, CBENCH_EINVAL);
    check_rejected(n, NULL, 4, CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_complexity_fit(n, t, 4, NULL), CBENCH_EINVAL);
    /* Three distinct sizes are enough, duplicates allowed. */
    const double dup[] = {16, 16, 32, 64}, dup_t[] = {16, 16, 32, 64};
    cbench_complexity c;
    CHECK_INT_EQ(cbench_complexity_fit(dup, dup_t, 4, &c), 0);
    CHECK_INT_EQ(c.best, CBENCH_BIGO_N);
}

/* n = 1 makes log n and n log n zero there; only n = 1 leaves them
 * undefined, and O(1) wins as the only model that fits a constant. */
static void test_size_one(void)
{
    const double n[] = {1, 2, 4}, t[] = {5, 5, 5};
    cbench_complexity c;
    CHECK_INT_EQ(cbench_complexity_fit(n, t, 3, &c), 0);
    CHECK_INT_EQ(c.best, CBENCH_BIGO_1);
    CHECK_NEAR(c.coef, 5, 1e-15);
    CHECK(isfinite(c.rmss[CBENCH_BIGO_LOGN]));
}

static void test_names(void)
{
    CHECK_STR_EQ(cbench_bigo_name(CBENCH_BIGO_NLOGN), "O(n log n)");
    CHECK_STR_EQ(cbench_bigo_name(CBENCH_BIGO_COUNT), "O(?)");
    CHECK_STR_EQ(cbench_bigo_gbench(CBENCH_BIGO_1), "(1)");
    CHECK_STR_EQ(cbench_bigo_gbench(CBENCH_BIGO_LOGN), "lgN");
    CHECK_STR_EQ(cbench_bigo_gbench(CBENCH_BIGO_NLOGN), "NlgN");
    CHECK_STR_EQ(cbench_bigo_gbench(CBENCH_BIGO_N3), "N^3");
    CHECK(isnan(cbench_bigo_eval(CBENCH_BIGO_COUNT, 4)));
}

int main(void)
{
    test_worked_example();
    test_exact_models();
    test_noisy_models();
    test_degenerate();
    test_size_one();
    test_names();
    return check_result();
}
